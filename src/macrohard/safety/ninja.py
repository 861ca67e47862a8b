"""The commands ``ninja`` runs: read from the workspace's ``build.ninja`` and judged like command lines.

``ninja`` with a ``build.ninja`` whose rule says ``command = curl … | sh`` ran it unseen (guard16), as did
``cmake --build`` of a build folder whose generated ``build.ninja`` or ``Makefile`` was edited after configuring.
Each rule's command is expanded with the variables of each build statement that uses it (then the rule's, then the
file's, as ninja looks them up; ``$in``/``$out`` are file names) and judged; ``include``/``subninja`` files are read
too. A ``build.ninja`` that a build statement regenerates, or a variable the guard cannot find, is asked about.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, scripts

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

_VAR = lazyre.compile(r"\$(?:\{([\w.-]+)\}|([\w-]+)|(.))")
_FILES = frozenset({"in", "out", "in_newline"})


Scope = dict[str, tuple[str, bool]]  # name -> (value, raw: a rule's binding, expanded where it is used)
LITERAL = "\x00"  # a `$$` already expanded: a dollar the shell gets, never read again as a ninja variable


def judge(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int, folder: str | None = None) -> None:
    """Judge what ``ninja ARGS`` (or a build of ``folder``) runs."""
    if any(a.startswith("-t") for a in args):  # a tool (clean, commands, targets): builds nothing
        return
    where = folder or next((v for a, v in zip(args, args[1:], strict=False) if a == "-C"), ".")
    name = next((v for a, v in zip(args, args[1:], strict=False) if a == "-f"), "build.ninja")
    base = an.paths.resolve(where, cmd.cwd)
    judging = an.__dict__.setdefault("ninja_files", set())
    if posixpath.join(base, name) in judging:  # a rule that runs ninja on the same file (cmake's)
        return
    judging.add(posixpath.join(base, name))
    rules: dict[str, Scope] = {}
    builds: list[tuple[Scope | None, Scope, list[str], Scope]] = []
    top: Scope = {}
    _read(an, posixpath.join(base, name), base, cmd, rules, builds, top, 0)
    for rule, bindings, outputs, file_scope in builds:
        if rule is None:  # phony, or a rule not defined before it (ninja refuses the file)
            continue
        scope = {**file_scope, **rule, **bindings}  # the file's variables as they end (ninja looks them up late)
        command, _ = scope.get("command", ("", True))
        line = _expand(command, scope, 0).replace(LITERAL, "$")
        regenerates = any(posixpath.basename(o) == posixpath.basename(name) for o in outputs)
        if regenerates and not re.fullmatch(r"(?:cd \S+ && )?\S*/?cmake --regenerate-during-build(?: -[SB]\S+)*",
                                            line.strip()):  # cmake rewrites it from the CMake files judged here
            an.r.add("dynamic", f"ninja regenerates {name} with a rule, then runs what that rule wrote; generate it "
                                "in one step and run ninja in the next")
        if line.strip():
            an.line(line, depth + 1, base)


def _read(an: Analyzer, path: str, base: str, cmd: SimpleCommand, rules: dict[str, Scope],
          builds: list[tuple[Scope | None, Scope, list[str], Scope]], top: Scope, level: int) -> None:
    text = scripts.read_script(an, path, cmd.cwd, explicit=True) if level < 8 else None
    if not text:
        return
    current: Scope | None = None
    raw = False
    # `$` at a line's end joins the next line without its leading spaces (guard17: `sh ru$` + `    n.sh` read as
    # `sh ru    n.sh`); `$$` before a newline is a dollar
    text = re.sub(r"\$(\$)|\$\r?\n *", lambda m: "$$" if m.group(1) else "", text)
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[:1] in " \t" and current is not None and "=" in line:  # a binding of the rule or build above
            key, _, value = line.strip().partition("=")
            current[key.strip()] = (value.strip(), True) if raw else (_expand(value.strip(), {**top, **current}, 0),
                                                                      False)
            continue
        current = None
        word, _, rest = line.strip().partition(" ")
        if word == "rule":
            current = rules[rest.strip()] = {}  # a new rule (a subninja's may share a parent's name)
            raw = True
        elif word == "build":
            outs, _, after = rest.partition(":")
            parts = after.split()
            current, raw = {}, False
            builds.append((rules.get(parts[0]) if parts and parts[0] != "phony" else None, current, outs.split(), top))
        elif word in ("include", "subninja"):  # a subninja's rules and variables are its own (it sees the parent's)
            child = word == "subninja"
            _read(an, posixpath.join(base, _expand(rest.strip(), top, 0).replace(LITERAL, "$")), base, cmd,
                  dict(rules) if child else rules, builds, dict(top) if child else top, level + 1)
        elif word == "pool":
            current, raw = {}, True
        elif "=" in line and word not in ("default", "ninja_required_version"):
            key, _, value = line.partition("=")
            top[key.strip()] = (_expand(value.strip(), top, 0), False)


def _expand(text: str, scope: Scope, level: int) -> str:
    def value(m: re.Match[str]) -> str:
        if m.group(3) is not None:
            return LITERAL if m.group(3) == "$" else m.group(3) if m.group(3) in " :" else ""
        name = m.group(1) or m.group(2)
        if name in _FILES:
            return "target"
        if name not in scope:
            return ""  # ninja's unset variables are empty
        text_, raw = scope[name]
        return (_expand(text_, scope, level + 1) if level < 8 else "") if raw else text_

    return _VAR.sub(value, text)
