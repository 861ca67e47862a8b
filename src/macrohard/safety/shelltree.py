"""tree-sitter-bash, one parser per thread, and the syntax trees of the last few command lines it parsed."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from macrohard.errors import MissingDependency

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
        found = trees[source] = parser().parse(source)
        if len(trees) > _TREES:
            del trees[next(iter(trees))]
    return found


_TREES = 4


def function_code(node: Any, text: Any) -> str:
    """What a call of the function ``node`` (a ``function_definition``) runs: its body and the definition's own
    redirects, which bash applies at every call (``f() { echo x; } >> ~/.bashrc`` writes the file each time ``f``
    runs, not where it is defined). ``text`` gives a node's source."""
    body = node.child_by_field_name("body")
    redirects = [text(r) for r in node.children_by_field_name("redirect")]
    return " ".join([text(body), *redirects]) if body is not None else ""
