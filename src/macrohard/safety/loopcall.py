"""A loop over files inside a shell function, called once on the line: ``f() { for x in *.log; do gzip "$x";
done; }; f``.

A function's body runs where it is called, so a loop in it was judged with its variable unknown, at the definition
and at each call, and the ordinary ``f() { for x in *.log; do rm "$x"; done; }; f`` was asked about (guard18 left
it). Now the body of a call the guard can place is walked in the line's own walk (``inline``), as if written there,
so a loop in it is listed and unrolled under ``safety.loopglob``'s conditions, with every command before the call
on the line counted as "before the loop"; and at the definition a loop directly in the body is unrolled with the
files as they are (what the definition itself is judged by: any call is judged where it happens). The call is
inlined only when it is the line's own (``loopglob.loop_placement``: not in a loop, a pipeline, a subshell, the
background, no redirection of its own), the function's only call on the line, with no arguments, and the body
names no positional parameter and defines no function. Any other call (``f &``, ``eval f``, a trap, a later step)
is judged as before, its loops' variables unknown.
"""

from __future__ import annotations

import re
from typing import Any

from macrohard.safety import lazyre

_POSITIONAL = lazyre.compile(r"\$(?:[0-9@*#]|\{[0-9@*#])|\b(?:shift|getopts|return|local|FUNCNAME|BASH_ARGV|caller)\b|"
                         r"\(\)|\bfunction\b")


def inline_body(walker: Any, node: Any, cmd: Any) -> str | None:
    """The body to walk in place of the call ``node`` (a ``command``, recorded as ``cmd``), or None."""
    from macrohard.safety.loopglob import before_ok, loop_placement

    argv = cmd.argv
    if walker.loops is None or walker.in_function or walker.bound or len(argv) != 1 or node.type != "command" or \
            cmd.redirects or cmd.background:
        return None
    name = argv[0]
    body = walker.out.functions.get(name, walker.loops.bodies.get(name))
    if body is None or "for" not in body or _POSITIONAL.search(body) or re.search(
            rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", body):
        return None
    if node.parent is not None and node.parent.type == "redirected_statement":
        return None
    source = walker.src.decode(errors="replace")
    calls = [m for m in re.finditer(rf"(?<![\w.$-]){re.escape(name)}(?![\w.-])", source)
             if not re.match(r"\s*\(\s*\)", source[m.end():])]
    if len(calls) != 1 or not loop_placement(node, walker.text, []) or not before_ok(
            [c for c in walker.out.commands if id(c) not in walker.out.in_bodies and c is not cmd], []):
        return None  # before the call only what cannot define a function (no `source`, `eval`, `unset`)
    if name in walker.out.functions and not _defined_here(walker, node.parent, name):
        return None  # defined on the line in a branch, a list or a subshell: the session's may be the one called
    return body


def _defined_here(walker: Any, top: Any, name: str) -> bool:
    """Whether ``name``'s one definition on the line is a statement of the line's own, before the call."""
    while top is not None and top.type != "program":
        top = top.parent
    found = [c for c in (top.children if top is not None else []) if c.type == "function_definition"
             and (n := c.child_by_field_name("name")) is not None and walker.text(n) == name]
    return len(found) == 1 and len(re.findall(rf"(?<![\w.-]){re.escape(name)}\s*\(\s*\)", walker.text(top))) == 1


def walk(walker: Any, body: str) -> list[Any]:
    """Walk ``body`` as part of the line: its commands recorded after those before the call, in the same folder."""
    from macrohard.safety import shelltree
    from macrohard.safety.shellparse import _Walker

    sub = _Walker(body.encode(), walker.vars, walker.loops)
    sub.out, sub.cwd, sub.dirs, sub.dyn_vars = walker.out, walker.cwd, walker.dirs, walker.dyn_vars
    try:
        return sub.visit(shelltree.tree(body.encode()).root_node)
    finally:
        walker.cwd = sub.cwd
