"""tree-sitter-bash, one parser per thread, and the syntax trees of the last few command lines it parsed."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from macrohard.errors import MissingDependency
from macrohard.safety import lazyre

_local = threading.local()


@lru_cache(maxsize=1)
def _language() -> Any:
    try:
        import tree_sitter
        import tree_sitter_bash
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependency("shell command analysis needs tree-sitter-bash: "
                                "pip install 'macrohard[safety]'") from exc
    return tree_sitter.Language(tree_sitter_bash.language())


def parser() -> Any:
    """One parser per thread: a tree-sitter parser is not safe to share between threads."""
    found = getattr(_local, "parser", None)
    if found is None:
        import tree_sitter

        found = _local.parser = tree_sitter.Parser(_language())
    return found


def tree(source: bytes) -> Any:
    """The syntax tree of ``source``; the last few are kept (per thread), since a review parses one line more than once
    (the command analysis, the information flow, a function's body at each call): read only, never changed."""
    trees = getattr(_local, "trees", None)
    if trees is None:
        trees = _local.trees = {}
    found = trees.get(source)
    if found is None:
        found = trees[source] = _parse(source)
        if len(trees) > _TREES:
            del trees[next(iter(trees))]
    return found


_TREES = 4
# bash's read-write redirection `[n]<> word` (guard35): tree-sitter-bash does not know the operator (the line did not
# parse and was asked about), so the tree is of the line with each `<>` read as `>|`, the same length: every node's
# place and text (taken from the line itself) stay the same, and ``op`` tells the two apart by the line's text there.
# Not after a backslash (`\<>x` is the character `<` and a `>x` redirect), nor in `<<>`/`<>>` (left unparseable).
_RW = lazyre.compile(rb"(?<![<\\])<>(?!>)|(?<=[^\\]\\\\)<>(?!>)")


_QUOTED = frozenset({"string", "raw_string", "ansi_c_string", "translated_string", "heredoc_body", "heredoc_content",
                     "comment", "regex"})


def _parse(source: bytes) -> Any:
    """The tree of ``source``; where it does not parse and holds `<>` outside quotes, heredoc bodies and comments, the
    tree of the line with those read as `>|` (a line that parses has no `<>` operator: tree-sitter does not know it).
    Where tree-sitter split a word at a second ``$NAME`` (``_split_dollar``), the tree of the line read with ``:`` after
    each such expansion instead of ``/``, ``-``, …: the same length, each node's text still taken from the line."""
    found = parser().parse(source)
    if b"$" in source and _split_dollar(found.root_node, source):
        line = bytearray(source)
        for m in _AFTER_NAME.finditer(source):
            line[m.end()] = ord(":")
        again = parser().parse(bytes(line))
        if not _split_dollar(again.root_node, source) and (again.root_node.has_error <= found.root_node.has_error):
            found = again
    if b"<>" not in source or not found.root_node.has_error:
        return found
    spots = [m.start() for m in _RW.finditer(source) if not _quoted(found.root_node, m.start())]
    if not spots:
        return found
    line = bytearray(source)
    for at in spots:
        line[at:at + 2] = b">|"
    return parser().parse(bytes(line))


# guard37: tree-sitter-bash ends a word at the `$` of a second unbraced expansion followed by `/`, `-`, `.`, …
# (`$PWD/b:$PWD/c` is the word `$PWD/b:$` and the word `PWD/c`): `X=$PWD/b:$PWD/c sh run.sh` was judged as the program
# `PWD/c` (approved) and ran `sh run.sh`; `PATH=$PWD/b2:$PWD/b1:$PATH` was asked as a program only known when it runs.
_AFTER_NAME = lazyre.compile(rb"(?<!\\)\$(?:[A-Za-z_]\w*|[0-9])(?=[/\-.,@+%^~=])")


def _split_dollar(root: Any, source: bytes) -> bool:
    """A `$` the tree left alone at the end of a word, right before a name: bash reads ``$NAME`` there."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "$" and node.parent is not None and node.parent.type == "concatenation" and \
                re.match(rb"[A-Za-z_0-9]", source[node.end_byte:node.end_byte + 1]):
            return True
        if node.type not in _QUOTED:
            stack.extend(node.children)
    return False


def _quoted(root: Any, at: int) -> bool:
    node = root.descendant_for_byte_range(at, at + 2)
    while node is not None:
        if node.type in _QUOTED:
            return True
        node = node.parent
    return False


def op(node: Any, source: bytes) -> str:
    """A redirect's operator: the type of its unnamed child, and ``<>`` where the line reads `<>` there."""
    child = next((c for c in node.children if not c.is_named), None)
    if child is None:
        return ""
    return "<>" if child.type == ">|" and source[child.start_byte:child.end_byte] == b"<>" else child.type


def function_code(node: Any, text: Any) -> str:
    """What a call of the function ``node`` (a ``function_definition``) runs: its body and the definition's own
    redirects, which bash applies at every call (``f() { echo x; } >> ~/.bashrc`` writes the file each time ``f``
    runs, not where it is defined). ``text`` gives a node's source."""
    body = node.child_by_field_name("body")
    redirects = [text(r) for r in node.children_by_field_name("redirect")]
    return " ".join([text(body), *redirects]) if body is not None else ""
