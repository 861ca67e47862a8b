"""The recipes ``make`` runs: read from the workspace's Makefile and judged like command lines.

``write_file Makefile`` in one step and ``make`` in the next runs whatever the recipes say. The guard reads the
makefile ``make`` will use (``-f FILE``, ``-C DIR``, else ``GNUmakefile``/``makefile``/``Makefile``), expands
the variables it defines and make's usual ones, and judges each recipe line (and each ``$(shell …)``) as a
command. Only hard findings count (harm by name: remote code, destruction, credentials, ...): a recipe is full
of ``$@`` and ``$(CC)`` that the guard reads as placeholders, so "only known when it runs" is no reason to ask.
What a recipe runs beyond that (a program it builds, a script it calls) is judged no further: the sandbox holds.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import scripts

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAKES = frozenset({"make", "gmake", "bmake"})
SOFT = frozenset({"dynamic", "unparseable"})
_DEFAULTS = {"CC": "cc", "CXX": "g++", "CPP": "cc -E", "RM": "rm -f", "MAKE": "make", "SHELL": "/bin/sh",
             "AR": "ar", "AS": "as", "LD": "ld", "INSTALL": "install", "PYTHON": "python3"}
_ASSIGN = re.compile(r"^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(?::{1,3}=|\+=|\?=|!=|=)\s*(.*)$")
_REF = re.compile(r"\$(?:\(([^()$]*)\)|\{([^{}$]*)\}|([@<^?*%+|]))")


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """Judge the recipes ``make ARGS`` would run (hard findings only)."""
    files, where, texts = [], cmd.cwd, []
    for i, a in enumerate(args):
        value = args[i + 1] if i + 1 < len(args) else ""
        if a.startswith("--eval="):  # makefile text on the command line
            texts.append(a.split("=", 1)[1])
        elif a in ("-E", "--eval"):
            texts.append(value)
        elif a in ("-f", "--file", "--makefile"):
            files.append(value)
        elif a.startswith(("--file=", "--makefile=")):
            files.append(a.split("=", 1)[1])
        elif a.startswith("-f") and len(a) > 2:
            files.append(a[2:])
        elif a in ("-C", "--directory"):
            where = posixpath.join(where or ".", value) if not value.startswith("/") else value
    if not files:
        base = an.paths.resolve(where or ".", None if (where or "").startswith("/") else cmd.cwd)
        files = [next((posixpath.join(base, n) for n in ("GNUmakefile", "makefile", "Makefile")
                       if os.path.isfile(posixpath.join(base, n))), posixpath.join(base, "Makefile"))]
    variables = {**_DEFAULTS, **{a.split("=", 1)[0]: a.split("=", 1)[1] for a in args if re.match(r"\w+=", a)}}
    seen: set[str] = set()
    included: list[str] = []
    while files and len(seen) < 16:
        name = files.pop(0)
        if "$" in name or name in ("-", "/dev/stdin") or name in seen:
            if "$" in name or name in ("-", "/dev/stdin"):
                an.r.add("dynamic", f"make reads a makefile only known when it runs: {name[:60]}")
            continue
        seen.add(name)
        text = scripts.read_script(an, name, cmd.cwd, explicit=True)
        if text:
            texts.append(text)
            folder = posixpath.dirname(an.paths.resolve(name, cmd.cwd))
            for m in re.finditer(r"^-?s?include\s+(.+)$", text, re.M):  # include other.mk: read it too
                files += [posixpath.join(folder, f) for f in m.group(1).split()]
                included += m.group(1).split()
    _remade(an, included, texts)
    for text in texts:
        _recipes(an, text, variables, cmd, depth)


def _remade(an: Analyzer, included: list[str], texts: list[str]) -> None:
    """make first remakes each makefile it includes that a rule can make (``gen.mk: ; printf … > gen.mk``), then
    reads it again: the makefile that runs is what a recipe wrote, not the file the guard read."""
    targets = [t for text in texts for m in re.finditer(r"^([^\t#:=\n][^:=\n]*?)\s*::?(?!=)", text, re.M)
               for t in m.group(1).split()]
    for name in included:
        for target in targets:
            pattern = "^" + re.escape(target).replace("%", ".+") + "$"
            if target == name or posixpath.basename(target) == posixpath.basename(name) or \
                    ("%" in target and re.match(pattern, name)):
                an.r.add("dynamic", f"make remakes the makefile {name} it includes with a recipe, then runs what "
                                    "that recipe wrote; generate it in one step and run make in the next")
                return


def _recipes(an: Analyzer, text: str, variables: dict[str, str], cmd: SimpleCommand, depth: int) -> None:
    from macrohard.safety.commands import Analysis, Analyzer

    lines = text.replace("\\\n", " ").split("\n")
    commands = []
    probe = Analysis()
    sub = Analyzer(an.paths, probe)
    sub.path_dirs, sub.new_remotes, sub.jobs = an.path_dirs, an.new_remotes, an.jobs
    for line in lines:
        if line.startswith("\t"):
            commands.append(line[1:].lstrip("@-+ \t"))
        elif m := _ASSIGN.match(line):
            name, value = m.group(1), m.group(2).strip()
            expanded = _expand(value, variables, sub, cmd, depth)  # $(shell …) runs as the makefile is read
            op = line[m.end(1):m.start(2)]
            if "!=" in op:
                sub.line(expanded, depth + 1, cmd.cwd)  # VAR != command: make runs it now
            variables[name] = expanded if ":=" in op or "!=" in op else value
        elif ":" in line and not line.startswith("#") and ";" in line.split(":", 1)[1]:
            commands.append(line.split(":", 1)[1].split(";", 1)[1].strip())  # target: prereqs ; recipe
    shell = variables.get("SHELL", "/bin/sh")
    if shell not in ("/bin/sh", "/bin/bash", "sh", "bash", "/usr/bin/bash", "/usr/bin/sh"):
        sub.line(_expand(shell, variables, sub, cmd, depth), depth + 1, cmd.cwd)  # SHELL=./x.sh runs every recipe
    for raw in commands:
        line = _expand(raw, variables, sub, cmd, depth)
        if line.strip():
            sub.line(line, depth + 1, cmd.cwd)
    for category, detail in probe.findings.items():
        if category not in SOFT:
            an.r.add(category, f"make runs a recipe that {detail}")
    for detail in probe.firm:  # a compiled program it builds or runs (safety.native)
        an.r.add("dynamic", f"make runs a recipe that {detail}")
    an.__dict__.setdefault("compiled", set()).update(sub.__dict__.get("compiled", ()))
    an.written.update(sub.written)  # what the recipes wrote, for the rest of the line (safety.rewrites)
    if sub.unknown_writes and not an.unknown_writes:
        an.unknown_writes, an.rewriter = True, f"a make recipe: {sub.rewriter}"
    an.r.programs |= probe.programs
    an.r.paths += probe.paths
    an.r.hosts += probe.hosts


def _expand(text: str, variables: dict[str, str], sub: Analyzer, cmd: SimpleCommand, depth: int,
            level: int = 0) -> str:
    text = text.replace("$$", "\x00")

    def value(m: re.Match[str]) -> str:
        inner = m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else ""
        if m.group(3):
            return "target"  # $@ $< $^ ...: file names
        head, _, rest = inner.partition(" ")
        if head == "shell":  # $(shell cmd) runs cmd when the makefile is read
            sub.line(rest.replace("\x00", "$"), depth + 1, cmd.cwd)
            return ""
        if rest and head in ("wildcard", "patsubst", "subst", "notdir", "dir", "basename", "addprefix",
                             "addsuffix", "filter", "filter-out", "sort", "strip", "firstword", "word", "foreach"):
            return ""
        if level < 8 and inner in variables:
            return _expand(variables[inner], variables, sub, cmd, depth, level + 1).replace("$", "\x00")
        return ""

    for _ in range(8):
        new = _REF.sub(value, text)
        if new == text:
            break
        text = new
    return text.replace("\x00", "$")
