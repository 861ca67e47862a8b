"""Private data through make's own functions, for ``safety.carried``'s walk: ``make upload 'DATA=$(shell cat
.env)'``, a makefile's ``X := $(shell cat .env)``, ``X := $(file <.env)`` or ``X != cat .env`` used by a recipe
of the goals that talks to the network.

make runs ``$(shell …)`` in a shell and reads ``$(file <…)`` itself, before any recipe, so the shell's walk never
saw what they read: the command analysis only asked about text it cannot read. Here each such call on the command
line, in the makefile (and the workspace files it includes) is walked as the shell would run it, the variables
that hold its output are followed through the makefile's assignments (``Y = $(X)``, ``X += …``), and a recipe
that ``make GOALS`` reaches and that uses one (or calls one itself, or is handed one exported) is a send of that
data when what the goals run talks to the network (their recipes, and the workspace scripts they name).
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

MAKES = frozenset({"make", "gmake"})
_HAS = lazyre.compile(r"\$[({](?:shell|file)\s|!=")
_CALL = lazyre.compile(r"\$([({])(shell|file)\s")
_EVAL = lazyre.compile(r"\$([({])(eval)\s")
_ASSIGN = lazyre.compile(r"^(?:(?:override|export|private|unexport)\s+)*([A-Za-z_][\w.-]*)\s*(::?=|:::=|\?=|\+=|!=|=)"
                     r"\s*(.*)$")
_TARGET_ASSIGN = lazyre.compile(r"^[^\t#=:]+:\s*(?:(?:override|export|private)\s+)*([A-Za-z_][\w.-]*)\s*"
                            r"(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$")
_INCLUDE = lazyre.compile(r"^\s*-?s?include\s+(.+)$", re.M)
_EXPORT = lazyre.compile(r"^\s*export\s+([\w. -]+)$|^\s*export\s+([A-Za-z_][\w.-]*)\s*(?::{0,3}=|\?=|\+=|!=)", re.M)
_MAX_INCLUDES = 8


def sends(w: _Walk, argv: list[str]) -> str:
    """What private data ``make GOALS`` hands a recipe that talks to the network through its own functions and
    variables, as a send's reason ("" if none)."""
    from macrohard.safety import carried_handoff as H

    args = argv[1:]
    pairs = list(zip(args[:-1], args[1:], strict=True))
    at = next((b for a, b in pairs if a in ("-f", "--file", "--makefile")), "")
    into = next((b for a, b in pairs if a in ("-C", "--directory")), "")
    at = at or next((a.split("=", 1)[1] for a in args if a.startswith(("--file=", "--makefile="))), "") or next(
        (a[2:] for a in args if a.startswith("-f") and len(a) > 2 and not a.startswith("-f=")), "")
    into = into or next((a.split("=", 1)[1] for a in args if a.startswith("--directory=")), "")
    given = [a for a in args if "=" in a and not a.startswith("-") and re.match(r"[A-Za-z_][\w.-]*\s*[:+?!]*=", a)]
    given += [a for a, why in w.env.items() if not why]  # `X='$(shell cat .env)' make`: the environment's
    given += [f"{name}={raw}" for name, raw in w.made.items() if name in w.exported]  # and exported earlier
    name, text = "", w.heredoc if at == "-" else None  # `make -f - <<'EOF'`: the makefile is the here-document
    for name in ([at] if at else ["GNUmakefile", "makefile", "Makefile"]):
        if name != "-" and (text := H._read(w, _join(into, name))) is not None:
            break
    text = (text or "") + "".join("\n" + b for a, b in pairs if a in ("-E", "--eval")) + "".join(
        "\n" + a.split("=", 1)[1] for a in args if a.startswith("--eval="))  # `make --eval='X := $(shell …)'`
    included = []
    for m in list(_INCLUDE.finditer(text))[:_MAX_INCLUDES]:  # `include cfg.mk`: its assignments are the makefile's
        for inc in m.group(1).split()[:_MAX_INCLUDES]:
            included.append(_join(into, inc))
            if "$" not in inc and not w.path_taint(included[-1]) and (more := H._read(w, included[-1])) is not None:
                text += "\n" + more
    tainted: dict[str, str] = {}
    for inc in included:  # `include .env`: the variables it sets hold its values
        if why := w.path_taint(inc):
            tainted.update({m.group(1): why for line in _logical(H._read(w, inc) or "") if (m := _ASSIGN.match(line))})
    if not tainted and not _HAS.search(text) and not any(_HAS.search(a) for a in given):
        return ""
    memo: dict[tuple[str, str], str] = {}
    held, w.cwd = w.cwd, _join(w.cwd, into) if into else w.cwd  # `make -C sub`: its $(shell …) runs in sub
    try:
        return _sends(w, args, text, given, tainted, memo, at, into)
    finally:
        w.cwd = held


def _sends(w: _Walk, args: list[str], text: str, given: list[str], tainted: dict[str, str],
           memo: dict[tuple[str, str], str], at: str, into: str) -> str:
    """``sends`` once the makefile's text is known, in make's directory."""
    from macrohard.safety import carried_handoff as H

    lines = _logical(text)
    assigns = _assignments(lines)
    known = {**w.static, **{v: x for v, _, x in assigns if "$" not in x}}  # literal values: `F := .env`
    fixed = set()
    for a in given:  # the command line's values win over the makefile's (but `override`)
        var, value = re.split(r"\s*[:+?!]*=", a, maxsplit=1)
        fixed.add(var)
        if why := _value(w, value, tainted, memo, known):
            tainted[var] = why
    for _ in range(2):  # `Y = $(X)` before `X := …` (recursive variables expand when used)
        for var, op, value in assigns:
            if var in fixed:
                continue
            why = _called(w, "shell", value, memo, known) if op == "!=" else _value(w, value, tainted, memo, known)
            why = why or (tainted.get(var, "") if op == "+=" else "")
            if why:
                tainted[var] = why
    if not tainted and not any(_CALL.search(line) for line in lines if line.startswith("\t")):
        return ""
    goals = [a for a in args if not a.startswith("-") and "=" not in a and a not in (at, into)]
    reached = H._make_reached(text, goals)
    recipes = [line for line in reached.splitlines() if line.startswith("\t")]
    exported = {n for m in _EXPORT.finditer(text) for n in (m.group(1) or m.group(2) or "").split()}
    if ".EXPORT_ALL_VARIABLES" in text or re.search(r"^\s*export\s*$", text, re.M):  # every variable
        exported |= set(tainted)
    used = next((why for line in recipes if (why := _value(w, line, tainted, memo, known))), "") or next(
        (tainted[v] for v in exported if v in tainted), "")
    if not used:
        return ""
    net = _network(w, reached, recipes)
    return f"make runs {net}, which talks to the network, with {used} (make's own $(shell …)/$(file …))" if net else ""


def _assignments(lines: list[str]) -> list[tuple[str, str, str]]:
    """``(name, operator, value)`` of the makefile's assignments: plain lines, ``define NAME … endef`` blocks and
    ``$(eval NAME := …)``."""
    out, block = [], None
    for line in lines:
        if block is not None:
            if line.strip() == "endef":
                out.append((block[0], "=", "\n".join(block[1])))
                block = None
            else:
                block[1].append(line)
        elif m := re.match(r"\s*(?:(?:override|export)\s+)*define\s+([A-Za-z_][\w.-]*)", line):
            block = (m.group(1), [])
        elif not line.startswith("\t") and (m := _ASSIGN.match(line) or _TARGET_ASSIGN.match(line)):
            out.append(m.groups())  # (a target's own variable, `up: X := …`, taken as the makefile's)
        for _, arg in calls(line, _EVAL):
            out += [m.groups() for part in arg.split("\n") if (m := _ASSIGN.match(part.strip()))]
    return out


def _expand(text: str, known: dict[str, str]) -> str:
    """Make's expansion of ``text`` where it is plain: ``$(NAME)`` a literal value (or nothing, as make expands a
    variable it does not know), make's text functions over literal words (``$(addprefix .,env)``, ``$(subst
    …)``, ``$(wildcard GLOB)`` its glob), a ``$(shell CMD)`` inside as the shell's ``$(CMD)``, ``$$`` as ``$``;
    other references are kept."""
    def var(m: re.Match[str]) -> str:
        return known.get(m.group(1) or m.group(2), "")

    def fn(m: re.Match[str]) -> str:
        try:
            return _FUNCS[m.group(1)](*m.group(2).split(",", _ARITY.get(m.group(1), 1) - 1))
        except TypeError:  # too few arguments: make says so and stops
            return m.group(0)

    for _ in range(8):  # innermost first: `$(addprefix .,$(subst _,,e_nv))`
        done = _VAR.sub(var, text)
        done = _FUNC.sub(fn, done)
        if done == text:
            break
        text = done
    return text.replace("$$", "$")


def _word(n: str, text: str) -> str:
    words = text.split()
    return words[int(n) - 1] if n.strip().isdigit() and 0 < int(n) <= len(words) else ""


def _patsubst(pat: str, rep: str, text: str) -> str:
    rx = re.compile(re.escape(pat).replace("%", "(.*)", 1) + r"\Z") if "%" in pat else None
    return " ".join((rx.sub(lambda m: rep.replace("%", m.group(1), 1), w) if rx.match(w) else w) if rx else
                    (rep if w == pat else w) for w in text.split())


_FUNCS = {
    "subst": lambda a, b, t: t.replace(a, b), "patsubst": _patsubst, "strip": lambda t: " ".join(t.split()),
    "addprefix": lambda p, t: " ".join(p + w for w in t.split()), "firstword": lambda t: " ".join(t.split()[:1]),
    "addsuffix": lambda x, t: " ".join(w + x for w in t.split()), "lastword": lambda t: " ".join(t.split()[-1:]),
    "word": _word, "notdir": lambda t: " ".join(posixpath.basename(w) for w in t.split()),
    "join": lambda a, b: " ".join(x + y for x, y in zip(a.split(), b.split(), strict=False)),
    "wildcard": lambda t: t, "shell": lambda t: f"$({t})"}
_ARITY = {"subst": 3, "patsubst": 3, "addprefix": 2, "addsuffix": 2, "word": 2, "join": 2}
_VAR = lazyre.compile(r"(?<!\$)\$\(([A-Za-z_][\w.-]*)\)|(?<!\$)\$\{([A-Za-z_][\w.-]*)\}")
_FUNC = lazyre.compile(r"(?<!\$)\$\((" + "|".join(_FUNCS) + r")\s+([^$()]*)\)")


def _value(w: _Walk, text: str, tainted: dict[str, str], memo: dict[tuple[str, str], str],
           known: dict[str, str]) -> str:
    """What private data a make value holds: a ``$(shell …)``/``$(file <…)`` in it, a variable it names."""
    for fn, arg in calls(text):
        if why := _called(w, fn, arg, memo, known):
            return why
    for var, why in tainted.items():
        if re.search(rf"\$(?:\({re.escape(var)}[:)]|\{{{re.escape(var)}[:}}])" + (
                rf"|\${re.escape(var)}(?![\w$])" if len(var) == 1 else ""), text):
            return why
    return ""


def calls(text: str, pattern: re.Pattern[str] = _CALL) -> list[tuple[str, str]]:
    """make's ``$(shell …)`` and ``$(file …)`` calls (or ``$(eval …)``: ``_EVAL``) in ``text`` with their arguments
    (parentheses balanced)."""
    out = []
    for m in pattern.finditer(text):
        opening = m.group(1)
        closing = ")" if opening == "(" else "}"
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += (text[i] == opening) - (text[i] == closing)
            i += 1
        out.append((m.group(2), text[m.end():i - 1]))
    return out


def _called(w: _Walk, fn: str, arg: str, memo: dict[tuple[str, str], str], known: dict[str, str]) -> str:
    """What a ``$(shell CMD)`` prints (CMD walked as the shell runs it, in its own process) or a ``$(file <F)``
    reads of private data."""
    key = (fn, arg)
    if key not in memo:
        memo[key] = ""
        if fn == "file":
            path = _expand(arg, known).strip()
            memo[key] = w.path_taint(path[1:].strip()) if path.startswith("<") and "$" not in path else ""
        else:
            held, quiet, w.quiet = dict(w.vars), w.quiet, False
            try:
                memo[key] = w.run(_expand(arg, known))
            finally:
                w.quiet = quiet
                w.vars.clear()
                w.vars.update(held)
    return memo[key]


def _network(w: _Walk, reached: str, recipes: list[str]) -> str:
    """What in the goals' recipes (or the workspace scripts they name, from make's directory: the walk's) talks to
    the network ("" if nothing)."""
    from macrohard.safety import carried_handoff as H
    from macrohard.safety.carried_programs import _NET_CODE, _RUNS_SENDER

    if _NET_CODE.search("\n".join(recipes)) or _RUNS_SENDER.search("\n".join(recipes)):
        return "its recipes"
    scripts = [m.group(0) for line in recipes for m in H._CODE_FILE.finditer(line)]
    return next((path for s in scripts[:H._MAX_FILES] for path, text in H._with_imports(w, s)
                 if _NET_CODE.search(text) or _RUNS_SENDER.search(text)), "")


def _logical(text: str) -> list[str]:
    """The makefile's lines with backslash-continued lines joined."""
    return re.sub(r"\\\n[ \t]*", " ", text).splitlines()


def _join(into: str, name: str) -> str:
    return name if not into or name.startswith("/") else f"{into.rstrip('/')}/{name}"
