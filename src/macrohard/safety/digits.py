"""Commands whose output is digits only: ``wc -l < f``, ``grep -c x f``, ``stat -c %s f``, ``date +%s``, ``seq 5``,
``tr -dc 0-9``, ``nproc``. What such a ``$(…)`` gives a variable is a number, which bash may read as one
(``safety.arith``); a file's content, or a listing that prints a file's name (``wc -l *``), is not.
"""

from __future__ import annotations

import re
from typing import Any

from macrohard.safety import lazyre

PROGRAM = "#"  # before a name numeric_output returns: the system's program of that name prints digits only
_DIGIT_FORMAT = lazyre.compile(r"\+?(?:%[-_0^#]?[sYmdHMSjuwyNgGVUWeCIkl]|[-_:./ T0-9])*")
_STAT_FORMAT = lazyre.compile(r"(?:%[sYXZWihugbBoaf]|[ :\-,/.0-9])*")


def numeric_output(w: Any, node: Any) -> bool | str:
    """Whether a command substitution prints digits only (to what it captures); the name it calls when that
    depends on a shell function's body (judged with the session's functions, ``digit_function``), or ``PROGRAM``
    and the name when it is the system's program of that name only (``wc() { cat; }``, a ``./wc`` or a ``wc`` on a
    PATH the run changed print what they like)."""
    stmts = [c for c in node.named_children if c.type != "comment"]
    return stage_digits(w, stmts[0]) if len(stmts) == 1 else False


def stage_digits(w: Any, stmt: Any) -> bool | str:
    """``numeric_output`` of one statement (a pipeline's last stage, a command, a redirected one): also what a
    stage writes into the next one of a pipeline (``seq 1 5 | while read i``)."""
    if stmt.type == "pipeline":
        if any(c.type == "|&" for c in stmt.children):
            return False
        stmt = stmt.named_children[-1]
    if stmt.type == "redirected_statement":
        for r in stmt.children:
            if r.type in ("file_redirect",) and re.match(r"(2>&1|&>|>&\s*1?$)", w.text(r).replace(" ", "")):
                return False
        stmt = stmt.child_by_field_name("body")
    if stmt is None or stmt.type != "command":
        return False
    words = []
    for c in stmt.children:
        if c.type == "file_redirect":
            if re.match(r"(2>&1|&>)", w.text(c).replace(" ", "")):
                return False
            continue
        if c.type == "variable_assignment" or not c.is_named:
            continue
        text = w.text(c)
        if c.type == "raw_string" or c.type == "string" and "$" not in text and "`" not in text:
            text = text[1:-1]
        elif c.type not in ("command_name", "word", "number") or "$" in text or "`" in text:
            if c.type == "arithmetic_expansion":
                words.append("0")
                continue
            return False
        elif c.type == "word" and re.search(r"[*?\[{]", text):  # bash lists files: `grep -c x *` prints their names
            return False
        words.append(text)
    if _digits_only(words):  # `wc`, `date`, … as the system has them: not a function, a workspace program or a PATH
        if "/" not in words[0]:  # the run changed (judged with the session's state, shellvalues.record_line)
            return PROGRAM + words[0]
        return words[0].startswith(("/usr/bin/", "/bin/")) and ".." not in words[0]
    return words[0] if words and re.fullmatch(r"[A-Za-z_][\w-]*", words[0]) else False


_QUIET = frozenset({"[", "test", "[[", "local", "return", "true", "false", ":", "shift", "let", "declare", "typeset"})


def digit_function(functions: dict[str, str], name: str, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a shell function prints digits only: every command in its body prints nothing (``[``, ``local``,
    ``return``, a redirected one), or ``echo``/``printf`` numbers, ``$(( ))`` and calls of such functions
    (``fact() { …; echo $(( $1 * $(fact $(( $1 - 1 ))) )); }``)."""
    from macrohard.safety.shelltree import parser

    body = functions.get(name)
    if body is None or len(seen) > 8:
        return False
    src = body.encode()
    seen = seen | {name}
    text = lambda n: src[n.start_byte:n.end_byte].decode(errors="replace")  # noqa: E731

    def calls_ok(n: Any) -> bool:  # a $(…) an echo prints: digits, or a call of such a function
        stmt = n.named_children[0] if len(n.named_children) == 1 else None
        called = text(stmt.child_by_field_name("name")) if stmt is not None and stmt.type == "command" and \
            stmt.child_by_field_name("name") is not None else ""
        return called in seen or called in functions and digit_function(functions, called, seen)

    def printed_ok(n: Any) -> bool:
        if n.type in ("number", "arithmetic_expansion") or n.type == "word" and re.fullmatch(r"-n|-?\d+", text(n)):
            return True
        if n.type == "command_substitution":
            return calls_ok(n)
        return n.type == "string" and all(c.type in ('"',) or printed_ok(c) for c in n.children)

    def ok(n: Any) -> bool:
        if n.type == "command_substitution":
            return True  # its output is captured; where it is read as a number it is judged there
        if n.type == "redirected_statement" and any(
                c.type == "file_redirect" and re.match(r"1?>>?(?!&)|1?>&2|&>", text(c)) for c in n.children):
            return True
        if n.type == "command":
            prog = text(n.child_by_field_name("name")) if n.child_by_field_name("name") is not None else ""
            args = [c for c in n.named_children if c.type != "command_name"]
            if prog in ("echo", "printf"):
                return all(printed_ok(c) for c in args)
            if not (prog in _QUIET or prog in seen or prog in functions and digit_function(functions, prog, seen)):
                return False
        return all(ok(c) for c in n.children)

    return ok(parser().parse(src).root_node)


def _digits_only(argv: list[str]) -> bool:
    if not argv:
        return False
    prog, args = argv[0].rsplit("/", 1)[-1], argv[1:]
    opts = [a for a in args if a.startswith("-") and a != "-"]
    operands = [a for a in args if not a.startswith("-") or a == "-"]
    if prog == "wc":
        return not operands and all(re.fullmatch(r"-[lcwmL]+|--(lines|bytes|words|chars|max-line-length)", a)
                                    for a in opts) and bool(opts)
    if prog == "grep":
        return any(re.fullmatch(r"-[a-zA-Z]*c[a-zA-Z]*|--count", a) for a in opts) and len(operands) <= 2 and all(
            re.fullmatch(r"-[cvwxiEFGPsaI]+|--(?:count|ignore-case|invert-match|word-regexp|line-regexp|"
                         r"extended-regexp|fixed-strings|perl-regexp|no-messages|text)", a) for a in opts)  # not -l
    if prog == "stat":
        fmt = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-c", "--format", "--printf")), None)
        fmt = fmt if fmt is not None else next((a.split("=", 1)[1] for a in args if a.startswith(
            ("--format=", "--printf="))), None)
        return fmt is not None and _STAT_FORMAT.fullmatch(fmt) is not None
    if prog == "date":
        return any(a.startswith("+") for a in operands) and all(
            _DIGIT_FORMAT.fullmatch(a) for a in operands if a.startswith("+"))
    if prog == "seq":
        return all(re.fullmatch(r"-?[0-9.]+", a) for a in operands) and all(a in ("-w",) for a in opts)
    if prog == "tr":
        return bool(opts) and all(re.fullmatch(r"-(dc|cd|d?c?sd?|Cd|dC)", a) for a in opts) and \
            "d" in "".join(opts) and len(operands) == 1 and operands[0] in ("0-9", "[:digit:]", "[0-9]")
    if prog in ("nproc", "id"):
        return all(a in ("-u", "-g", "--all", "-r") for a in opts) and not operands if prog == "id" else not operands
    if prog in ("echo", "printf"):
        return bool(args) and all(re.fullmatch(r"-?[0-9]+|%[-0-9]*[diu](\\n)?", a) for a in args)
    return False
