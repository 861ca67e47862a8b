"""A loop over a glob inside another loop: ``for d in src tests; do for f in "$d"/*.log; do rm "$f"; done; done``.

guard18 judged a loop over plain words inside a loop over files value by value, and left an inner loop over a glob
unknown: the outer body may create, on an earlier pass, a file the inner glob lists on a later one (guard17). Here
the inner glob is listed now, once per outer value, only when nothing the outer loop runs can create a file: every
command of the outer loop's body is a program that makes no file (``rm``, ``wc``, ``grep`` …) or writes only names
whose fixed ending the inner pattern cannot match (``mv "$f" "${f%.log}.txt"`` under ``*.log``, ``gzip``'s
``.gz``), with no ``cd``, no command substitution, no background job; what ran on the line before may have made no
such file either (``loopglob.before_ok``); and the outer loop is the line's own (two levels, no more). The outer
variable in an inner word is replaced by its value (a plain name) before the glob is listed.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from typing import Any

from macrohard.safety import lazyre

# programs that create no file, whatever their arguments (deleting one only shortens what a glob lists)
_MAKE_NONE = frozenset({"rm", "rmdir", "unlink", "wc", "grep", "egrep", "fgrep", "cat", "head", "tail", "ls", "stat",
                        "du", "file", "md5sum", "sha1sum", "sha256sum", "sha512sum", "cmp", "diff", "echo", "printf",
                        "test", "[", "[[", "true", "false", ":", "basename", "dirname", "realpath", "readlink",
                        "chmod", "identify", "jq", "sort", "uniq", "cut", "tr", "nl"})
# programs that create only the names their last operand (cp, mv, install) or every operand (touch, mkdir) gives
_MAKE_LAST = frozenset({"cp", "mv", "install"})
_MAKE_EACH = frozenset({"touch", "mkdir"})
_COMPRESSORS = {"gzip": ".gz", "bzip2": ".bz2", "xz": ".xz", "zstd": ".zst"}
_SAFE_VALUE = lazyre.compile(r"[\w.+,@=-][\w./+,@=-]*")


def inner_words(walker: Any, node: Any, values_nodes: list[Any], outer: dict[str, str]) -> list[str] | None:
    """The inner loop's words with the outer variable replaced, when the glob they list is known now; else None."""
    from macrohard.safety.loopglob import _BAD_WORD, _GLOB

    if len(outer) != 1:
        return None
    (var, value), = outer.items()
    if not _SAFE_VALUE.fullmatch(value) or ".." in value.split("/"):
        return None
    words = []
    for v in values_nodes:
        text = walker.text(v)
        for form in (f'"${{{var}}}"', f'"${var}"', f"${{{var}}}", f"${var}"):
            text = text.replace(form, value)
        if _BAD_WORD.search(text) or re.search(rf"\${var}\w", walker.text(v)):
            return None
        words.append(text)
    outer_loop = _outer_loop(node)
    if outer_loop is None or not any(_GLOB.search(w) for w in words):
        return None
    patterns = [posixpath.basename(w) for w in words if _GLOB.search(w)]
    body = outer_loop.child_by_field_name("body")
    if body is None or not _makes_nothing_listed(walker, body, patterns):
        return None
    return words


def _outer_loop(node: Any) -> Any:
    parent = node.parent
    while parent is not None and parent.type != "do_group":
        parent = parent.parent
    loop = parent.parent if parent is not None else None
    if loop is None or loop.type != "for_statement":
        return None
    up = loop.parent  # the outer loop itself is the line's own, not a third level's body
    while up is not None and up.type != "program":
        if up.type in ("do_group", "function_definition", "subshell", "command_substitution"):
            return None
        up = up.parent
    return loop


def _makes_nothing_listed(walker: Any, body: Any, patterns: list[str]) -> bool:
    """Whether every command under ``body`` creates no file a pattern may list."""
    stack = [body]
    while stack:
        n = stack.pop()
        if n.type in ("command_substitution", "process_substitution", "function_definition", "subshell",
                      "while_statement", "until_statement", "case_statement", "heredoc_redirect", "herestring_redirect"):
            return False
        if not n.is_named and n.type == "&":
            return False
        if n.type == "file_redirect":
            dest = n.child_by_field_name("destination")
            op = walker.text(n)[:3]
            if ">" in op and not (dest is not None and (walker.text(dest) == "/dev/null" or walker.text(dest).isdigit())) \
                    and (dest is None or not _cannot_match(walker.text(dest), patterns)):
                return False
        if n.type == "command" and not _command_ok(walker, n, patterns):
            return False
        stack.extend(n.children)
    return True


def _command_ok(walker: Any, cmd: Any, patterns: list[str]) -> bool:
    name = cmd.child_by_field_name("name")
    prog = posixpath.basename(walker.text(name)) if name is not None else ""
    args = [walker.text(a) for a in cmd.children_by_field_name("argument")]
    operands = [a for a in args if not a.startswith("-")]
    if prog in _MAKE_NONE:
        return True
    if prog in _MAKE_LAST and "-d" not in args:
        return bool(operands) and "-t" not in args and not any(a.startswith("--target") for a in args) and \
            _cannot_match(operands[-1], patterns)
    if prog in _MAKE_EACH or prog == "install":
        return all(_cannot_match(o, patterns) for o in operands)
    if prog in _COMPRESSORS:  # NAME becomes NAME.gz; -c writes to stdout (its redirect is checked)
        return all(_cannot_match(o + _COMPRESSORS[prog], patterns) for o in operands)
    return False


def _cannot_match(target: str, patterns: list[str]) -> bool:
    """Whether no name ending as ``target``'s fixed tail (after its last expansion) can match a pattern: the tail
    must be at least as long as each pattern's fixed ending and not end with it."""
    tail = re.split(r"\$\{[^}]*\}|\$\w+", target.replace('"', "").replace("'", ""))[-1].lower()
    if "/" in tail or "*" in tail or "?" in tail or "[" in tail:
        return False
    for pattern in patterns:
        fixed = re.split(r"[*?\]]", pattern.lower())[-1]
        if not fixed or len(tail) < len(fixed) or tail.endswith(fixed) or fnmatch.fnmatchcase(tail, pattern.lower()):
            return False
    return True


def made_nothing(cmd: Any) -> bool:
    """A command recorded earlier on the line (``SimpleCommand``) this module has cleared: one that creates no file,
    or (``cp``, ``mv``, ``gzip``, ``touch``: none may run before the outer loop, ``loopglob.before_ok``) one of the
    outer body's, whose names were checked; writing nowhere but /dev/null, not in the background."""
    prog = posixpath.basename(cmd.argv[0]) if cmd.argv else ""
    return prog in _MAKE_NONE | _MAKE_LAST | set(_COMPRESSORS) | {"touch"} and not cmd.background and not any(
        op in (">", ">>", ">|", "&>", "&>>") and target != "/dev/null" for op, target in cmd.redirects)
