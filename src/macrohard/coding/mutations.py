"""Seeded bugs for a coding benchmark: mutations of a library's source, each with the edit that undoes it.

Three operators, found with ``ast`` and applied to the source text (the rest of the file stays
byte for byte): ``flip`` turns a comparison around (``<`` to ``>=``, ``==`` to ``!=``, ``in`` to
``not in`` ...), ``off_by_one`` moves an integer literal by one, ``drop_branch`` replaces the body of
an ``if`` with ``pass``. A candidate is kept only if it makes a test fail (``build`` runs the
tests over the mutated tree); its oracle is an ``edit_file`` that restores the original lines, with
enough context to be unique in the file.
"""

from __future__ import annotations

import ast
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "is not": "is", "is": "is not",
        "not in": "in", "in": "not in"}
_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
        ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}


@dataclass
class Mutation:
    """Lines ``start``..``end`` (1-based, inclusive) of ``path`` replaced by ``lines``."""

    path: str
    operator: str
    start: int
    end: int
    lines: list[str]
    what: str

    def apply(self, original: list[str]) -> list[str]:
        return original[: self.start - 1] + self.lines + original[self.end:]

    def oracle(self, original: list[str]) -> dict[str, Any]:
        """The ``edit_file`` action that undoes the mutation: unique ``old`` text, the original as ``new``."""
        mutated = self.apply(original)
        text = "\n".join(mutated)
        last = self.start - 1 + len(self.lines)  # end of the mutated region (exclusive), in the mutated file
        for ctx in range(0, 12):
            a, b = max(0, self.start - 1 - ctx), min(len(mutated), last + ctx)
            old = "\n".join(mutated[a:b])
            if old.strip() and text.count(old) == 1:
                new = "\n".join(original[a: self.end + (b - last)])
                return {"kind": "edit_file", "path": self.path, "old": old, "new": new}
        raise ValueError(f"no unique context for the mutation at {self.path}:{self.start}")


def _skip(node: ast.AST, source: list[str]) -> bool:
    line = source[node.lineno - 1] if hasattr(node, "lineno") else ""
    return any(s in line for s in ("__name__", "TYPE_CHECKING", "version_info", "PY2", "PY3", "# pragma"))


def candidates(path: str, text: str) -> Iterator[Mutation]:
    """Every mutation of the three operators that ``text`` (the file ``path``) admits."""
    lines = text.split("\n")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if _skip(node, lines):
            continue
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _OPS:
            left, right = node.left, node.comparators[0]
            if left.end_lineno != right.lineno:
                continue
            row = lines[left.end_lineno - 1]
            gap = row[left.end_col_offset: right.col_offset]
            op = _OPS[type(node.ops[0])]
            if " ".join(gap.split()) != op:
                continue  # parenthesised or otherwise not the bare operator
            new_gap = gap.replace(op, FLIP[op], 1) if op not in ("in", "is") else gap.replace(op, FLIP[op], 1)
            new_row = row[: left.end_col_offset] + new_gap + row[right.col_offset:]
            yield Mutation(path, "flip", left.end_lineno, left.end_lineno, [new_row], f"`{op}` flipped to `{FLIP[op]}`")
        elif (isinstance(node, ast.Constant) and type(node.value) is int and id(node) not in docstrings
              and node.lineno == node.end_lineno and 0 <= node.value <= 64):
            row = lines[node.lineno - 1]
            if row[node.col_offset: node.end_col_offset] != str(node.value):
                continue
            value = node.value + 1 if node.value == 0 or node.lineno % 2 else node.value - 1
            new_row = row[: node.col_offset] + str(value) + row[node.end_col_offset:]
            yield Mutation(path, "off_by_one", node.lineno, node.lineno, [new_row], f"{node.value} changed to {value}")
        elif isinstance(node, ast.If) and node.body and not all(isinstance(s, ast.Pass) for s in node.body):
            first, last = node.body[0], node.body[-1]
            if first.lineno == node.lineno:  # `if x: y` on one line
                continue
            indent = lines[first.lineno - 1][: first.col_offset]
            end = last.end_lineno or last.lineno
            yield Mutation(path, "drop_branch", first.lineno, end, [f"{indent}pass"],
                           f"the body of the `if` at line {node.lineno} dropped")


def sample(files: dict[str, str], seed: int, limit: int) -> list[Mutation]:
    """Up to ``limit`` candidates over ``files`` (path -> text), chosen with ``seed``, operators balanced."""
    rng = random.Random(seed)
    by_op: dict[str, list[Mutation]] = {}
    for path in sorted(files):
        for m in candidates(path, files[path]):
            by_op.setdefault(m.operator, []).append(m)
    for pool in by_op.values():
        rng.shuffle(pool)
    out: list[Mutation] = []
    while len(out) < limit and any(by_op.values()):
        for op in sorted(by_op):
            if by_op[op] and len(out) < limit:
                out.append(by_op[op].pop())
    return out


def keep_failing(root: Path, mutations: list[Mutation], fails: Callable[[Path, Mutation], list[str]],
                 want: int) -> list[tuple[Mutation, list[str]]]:
    """The mutations that make at least one test fail (``fails`` applies one and names the failing tests)."""
    kept: list[tuple[Mutation, list[str]]] = []
    for mutation in mutations:
        if len(kept) >= want:
            break
        failing = fails(root, mutation)
        if failing:
            kept.append((mutation, failing))
    return kept
