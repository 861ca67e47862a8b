"""Implicit flows, for ``safety.carried``'s walk: what runs only because private data is what it is.

``[ "${d:0:1}" = A ] && curl …/a``, ``case $d in A*) curl …;; esac``, ``if grep -q x .env; then curl …; fi``,
``grep -q x .env || exit``: no private byte is in the request, but whether it is made says one bit of the data,
and a loop of them says all of it. A serious guard treats a network action under a condition that reads
private data as the same flow as sending the data: the walk keeps what the conditions it is inside read
(``_Walk.control``), and ``carried_programs.sink`` counts a send under such a condition as a send of that data.

A condition's status reads private data when the command tests private values (``[ "$d" = A ]``), reads a
private file or input (``grep -q x .env``, ``read l < .env``), or is given private data. Testing only whether
a value is set (``[ -n "$TOKEN" ]``, outside a loop's condition) or a file exists (``[ -f .env ]``) says
nothing of the data and does not count. A value assigned under such a condition (``then r=1``) carries the bit;
``exit``/``return`` under one, and a failing check under ``set -e``, make the rest of the line conditional.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from macrohard.safety import carried_programs as P
from macrohard.safety import lazyre
from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

CONTROLLED = frozenset({"if_statement", "while_statement", "until_statement", "case_statement", "list",
                        "for_statement", "select_statement", "c_style_for_statement", "test_command"})
_STOPS = frozenset({"exit", "return", "break", "continue"})
_PRESENCE = frozenset({"-n", "-z", "-v"})
_READS = lazyre.compile(r"(?:[A-Za-z_]\w*=\S*\s+)*(?:read|mapfile|readarray)\b")  # a loop over input ends at its end
# programs whose failure depends on what they read: under `set -e` they stop the line
_CHECKERS = frozenset({"grep", "egrep", "fgrep", "rg", "cmp", "diff", "test", "[", "expr", "awk", "jq", "read",
                       "python", "python3", "node", "perl", "ruby", "php"})


@contextmanager
def under(w: _Walk, why: str) -> Iterator[None]:
    """Walk what follows as running only when a condition that reads ``why`` holds ("" for none)."""
    held = w.control
    w.control = held or why
    try:
        yield
    finally:
        w.control = held


def gate(w: _Walk) -> str:
    """The private data whether the statement being walked runs depends on ("" if none)."""
    return w.control or w.halt


def condition(w: _Walk, nodes: list[Any], stdin: str) -> tuple[str, str]:
    """Walk ``nodes`` as a condition: (what they print, what private data their exit status depends on)."""
    held, w.status = w.status, ""
    w.cond += 1
    out = ""
    try:
        for n in nodes:
            out = w.stmt(n, stdin) or out
            if n.type == "compound_statement" and w.text(n).startswith("(("):  # `(( i < ${#d} ))`: its status
                w.status = w.status or w.any_taint(n.named_children)
        return out, w.status
    finally:
        w.cond -= 1
        w.status = held or w.status  # the statement's own status, for a condition it is part of


def dispatch(w: _Walk, node: Any, t: str, stdin: str) -> str:
    if t == "test_command":
        return test(w, node)
    if t == "list":  # `a && b`, `a || b`: b runs or not by a's status
        kids = [c for c in node.children if c.is_named and c.type != "comment"]
        out, why = condition(w, kids[:1], stdin)
        with under(w, why):
            for c in kids[1:]:
                out = w.stmt(c, stdin) or out
        return out
    if t == "if_statement":
        return branches(w, node, stdin, "")[0]
    if t == "case_statement":
        value = node.child_by_field_name("value")
        why = w.taint(value) if value is not None else ""
        out = ""
        for item in (c for c in node.named_children if c.type == "case_item"):
            pats = [c for i, c in enumerate(item.children) if item.field_name_for_child(i) == "value"]
            body = [c for c in item.named_children if c not in pats and c.type != "comment"]
            with under(w, why or w.any_taint(pats)):
                for c in body:
                    out = w.stmt(c, stdin) or out
        return out
    if t in ("for_statement", "select_statement"):
        return for_loop(w, node, stdin)
    if t == "c_style_for_statement":
        body = node.child_by_field_name("body")
        heads = [c for c in node.named_children if c is not body and c.type != "comment"]
        # `for ((i=0; i<${#d}; i++))`: how often the body runs says what its heads read
        return loop(w, heads, [body] if body is not None else [], stdin, w.any_taint(heads))
    conds = node.children_by_field_name("condition")  # while, until
    body = node.child_by_field_name("body")
    return loop(w, [c for c in conds if c.is_named], [body] if body is not None else [], stdin)


def branches(w: _Walk, node: Any, stdin: str, why: str) -> tuple[str, str]:
    """An ``if`` (or its ``elif``/``else``): everything after a condition that reads private data depends on it."""
    out = ""
    in_condition = node.type in ("if_statement", "elif_clause")
    for c in node.children:
        if c.type == "then":
            in_condition = False
        if not c.is_named or c.type == "comment":
            continue
        if c.type in ("elif_clause", "else_clause"):
            o, why = branches(w, c, stdin, why)
        elif in_condition:
            with under(w, why):
                o, status = condition(w, [c], stdin)
            why = why or status
        else:
            with under(w, why):
                o = w.stmt(c, stdin)
        out = o or out
    return out, why


def loop(w: _Walk, conds: list[Any], parts: list[Any], stdin: str, why: str = "") -> str:
    """A loop: its condition reads the loop's input (``while read l; do …; done < .env``) and decides how often
    the body runs; twice when the first pass changed what the values carry (``x=$y; y=$(cat .env)``)."""
    before = dict(w.vars)
    out = ""
    w.looping += 1
    try:
        for n in range(2):
            o, status = condition(w, conds, stdin) if conds else ("", "")
            with under(w, why or status):
                for part in parts:
                    out = w.stmt(part, stdin) or out
            out = o or out
            if conds and status and not _READS.match(w.text(conds[0])):  # `until grep -q A .env; do …; done`:
                w.halt = w.halt or status  # what follows runs only once the condition on it changed
            if n or w.vars == before or w.looping > 3:  # loops in loops: 8 passes at most
                break
    finally:
        w.looping -= 1
    return out


def for_loop(w: _Walk, node: Any, stdin: str) -> str:
    """``for v in …``: ``v`` holds what the values carry, and how often the body runs depends on them."""
    var = node.child_by_field_name("variable")
    values = node.children_by_field_name("value")
    why = w.any_taint(values) if values else w.vars.get("@", "")
    if P.NAMES in w.files and any(c in w.text(v) for v in values for c in "*?["):
        why = why or w.files[P.NAMES]  # `for f in *` after `touch "$d"`: the names carry it
    if var is not None:
        w.set_var(w.text(var), why)
        named = next((v for v in map(w.value, values) if w.path_taint(v)), "")
        if named:  # `for f in .env*; do cat "$f"`: it names a private file
            w.static[w.text(var)] = named
    body = node.child_by_field_name("body")
    return loop(w, [], [body] if body is not None else [], stdin, why)


def test(w: _Walk, node: Any) -> str:
    """``[ … ]``/``[[ … ]]``: what private data the test reads (a value set or not, a file there or not: none)."""
    why = ""
    for child in node.named_children:
        if child.type == "unary_expression" and len(child.named_children) == 2:
            op, operand = child.named_children
            if w.text(op) not in _PRESENCE:  # `[ -f flag ]` after `grep -q A .env && touch flag`
                why = w.files.get(w.where(w.value(operand)), "") or w.taint(operand) or why
                continue
            if _plain(w, operand) and not (w.cond and w.looping):
                continue
        why = w.taint(child) or why
    if w.cond:
        w.status = w.status or why
    return why


def status(w: _Walk, prog: str, argv: list[str], taints: list[str], words: list[Any], stdin: str) -> None:
    """A simple command's exit status, in a condition or under ``set -e`` (or an ERR trap); ``exit`` under a
    condition; a ``trap … ERR``."""
    if prog in w.functions or prog in ("source", ".", "eval") or prog in R.SHELLS:
        return  # the code it ran set the status: its own last command's (`f() { grep -q A .env; }; f; r=$?`)
    w.last = (prog, argv, taints, words, stdin, gate(w))
    if prog in _STOPS and w.control:
        w.halt = w.halt or w.control
    if prog == "set" and any(a.startswith("-") and "e" in a and not a.startswith("--") or a == "errexit"
                             for a in argv[1:]):
        w.errexit = True
    if prog == "trap" and len(argv) > 2 and "ERR" in (a.upper().removeprefix("SIG") for a in argv[2:]):
        w.traps = (*w.traps, w.inner(words[1]))  # `trap 'curl …' ERR`: runs when a command fails
        w.errexit = True
    if not w.cond and not (w.errexit and prog in _CHECKERS):
        return
    why = _status_of(w, prog, argv, taints, words, stdin)
    if w.cond:
        w.status = w.status or why
    elif why:
        w.halt = w.halt or f"{why} ({prog} failing stops the line under set -e, or runs its ERR trap)"


def last_status(w: _Walk) -> str:
    """``$?``, ``${PIPESTATUS[0]}``: what private data the last command's exit status depends on."""
    return (_status_of(w, *w.last[:-1]) or w.last[-1]) if w.last else ""  # `a && true`: true ran or a failed


def _status_of(w: _Walk, prog: str, argv: list[str], taints: list[str], words: list[Any], stdin: str) -> str:
    args = next((t for t in taints if t), "")  # (the program's own name too: `"$x" \< M ]` parsed without its `[`)
    if prog in ("source", ".") or prog in w.functions:
        return ""  # a function's own commands set it
    if prog in ("test", "["):
        ops = argv[1:-1] if argv[-1:] == ["]"] else argv[1:]
        if len(ops) == 2 and ops[0].startswith("-"):  # a value set or not (outside a loop's condition), a file there
            return w.files.get(w.where(ops[1]), "") if ops[0] not in _PRESENCE else "" if len(words) > 2 and \
                _plain(w, words[2]) and not (w.cond and w.looping) else args
        return args
    if prog in ("read", "mapfile", "readarray"):
        return stdin or args
    if prog in P.NAMES_ONLY:
        return args
    return P.output(w, prog, argv, taints, stdin) or args


def finish(w: _Walk) -> None:
    """The end of the line: the ERR traps run if a command whose failure depends on private data failed."""
    if w.halt and w.traps:
        with under(w, w.halt):
            for code in w.traps:
                w.run(code)


def _plain(w: _Walk, node: Any) -> bool:
    """``$X``, ``${X}``, ``"$X"`` of a variable the session did not fill from private data (a secret of the
    environment): what ``-n``/``-z`` test is only whether it is set. ``d=$(grep -o A .env); [ -n "$d" ]`` tests
    the file's text."""
    if node.type == "string" and len(node.named_children) == 1:
        node = node.named_children[0]
    if not (node.type == "simple_expansion" or node.type == "expansion" and len(node.named_children) == 1):
        return False
    name = node.named_children[0] if node.named_child_count else None
    return name is None or w.text(name) not in w.vars
