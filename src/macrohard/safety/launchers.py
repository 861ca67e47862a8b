"""Programs that start another program the guard did not read as one (guard20: each ran ``sh run.sh`` unread).

- the dynamic loader run as a program (``/lib64/ld-linux-x86-64.so.2 /bin/sh run.sh``), with its ``--preload``,
  ``--audit`` and ``--library-path`` read as ``LD_PRELOAD``, ``LD_AUDIT`` and ``LD_LIBRARY_PATH`` are;
- ``logsave FILE CMD``, ``choom -n N -- CMD``: the rest of the line is a command;
- ``run-parts DIR``: every file of DIR runs as a program (each read as a script; ``--test``/``--list`` run none);
- options whose value is a program or a command line, long ones also abbreviated as getopt takes them
  (``split --filter=CMD``, ``sort --compress-program=PROG``, ``wget --use-askpass=PROG`` and ``-e use_askpass=…``);
- ``TAR_OPTIONS``, options every later ``tar`` takes first (``--checkpoint-action=exec=…``, ``-I PROG``).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

LOADER = lazyre.compile(r"ld(?:-linux(?:-[\w-]+)?)?\.so(?:\.\d+)?|ld64\.so\.\d|ld-musl-[\w-]+\.so\.\d")
_LOADER_VALUES = {"--preload": "LD_PRELOAD", "--audit": "LD_AUDIT", "--library-path": "LD_LIBRARY_PATH",
                  "--argv0": "", "--inhibit-rpath": "", "--glibc-hwcaps-prepend": "", "--glibc-hwcaps-mask": ""}
# program -> its options that take a value, before the command it runs
_STARTERS: dict[str, frozenset[str]] = {"logsave": frozenset(), "choom": frozenset({"-n", "--adjust"})}
# program -> long options whose value is a command line it runs (short ones as written)
COMMANDS: dict[str, frozenset[str]] = {
    "split": frozenset({"--filter"}), "sort": frozenset({"--compress-program"}),
    "wget": frozenset({"--use-askpass"}),
}
_RUN_PARTS_VALUES = frozenset({"-u", "--umask", "-a", "--arg", "--regex"})


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> bool:
    """Judge what ``prog ARGS`` starts; True when the rest of the line was judged here as a command."""
    if LOADER.fullmatch(prog):
        return _loader(an, args, cmd, depth)
    if prog in _STARTERS:
        rest = _after_options(args, _STARTERS[prog], first_operand=1 if prog == "logsave" else 0)
        if prog == "choom" and any(a in ("-p", "--pid") for a in args):
            return True  # choom -p PID changes a running process; it starts none
        if rest:
            an.argv(rest, cmd, depth + 1)
        return True
    if prog == "run-parts":
        _run_parts(an, args, cmd, depth)
        return True
    for opt in COMMANDS.get(prog, ()):
        for i, a in enumerate(args):
            name, eq, value = a.partition("=")
            if len(name) > 3 and opt.startswith(name):  # getopt takes any unambiguous start of a long option
                value = value if eq else args[i + 1] if i + 1 < len(args) else ""
                if value:
                    an.line(value, depth + 1, cmd.cwd)
    if prog == "wget":  # `-e use_askpass=PROG`: a wgetrc command given on the line
        for i, a in enumerate(args[:-1]):
            if a in ("-e", "--execute") and (m := re.match(r"\s*use_?askpass\s*=\s*(.+)", args[i + 1], re.I)):
                an.line(m.group(1), depth + 1, cmd.cwd)
    return False


def tar_options(an: Analyzer, value: str, depth: int, cwd: str | None) -> None:
    """``TAR_OPTIONS=…``: options every later tar reads before its own, judged as a tar command's."""
    if value.strip():
        an.line("tar " + value, depth + 1, cwd)


def _after_options(args: list[str], valued: frozenset[str], first_operand: int = 0) -> list[str]:
    i, skip = 0, first_operand
    while i < len(args):
        a = args[i]
        if a == "--":
            return args[i + 1:]
        if a.startswith("-") and skip == first_operand:
            i += 2 if a in valued else 1
            continue
        if skip:
            skip -= 1
            i += 1
            continue
        return args[i:]
    return []


def _loader(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> bool:
    i = 0
    while i < len(args) and args[i].startswith("--"):
        name, eq, value = args[i].partition("=")
        if name in ("--list", "--verify", "--help", "--version", "--list-tunables", "--list-diagnostics"):
            return True  # it reads the program's libraries and runs nothing
        if name in _LOADER_VALUES:
            if not eq:
                value, i = (args[i + 1] if i + 1 < len(args) else ""), i + 1
            if _LOADER_VALUES[name] and value:
                an.assignment(_LOADER_VALUES[name], value, depth, cmd.cwd)
        i += 1
    if i < len(args):
        an.argv(args[i:], cmd, depth + 1)
    return True


def _run_parts(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    if any(a in ("--test", "--list") for a in args):
        return
    operands, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a.startswith("-"):
            skip = a in _RUN_PARTS_VALUES
        else:
            operands.append(a)
    if not operands:
        return
    folder = an.paths.resolve(operands[-1], cmd.cwd)
    if "$" in operands[-1] or "`" in operands[-1] or not os.path.isdir(folder):
        an.r.add("dynamic", f"run-parts runs every program in {operands[-1][:60]}, which the guard cannot list now")
        return
    for name in sorted(os.listdir(folder))[:64]:
        path = posixpath.join(folder, name)
        if os.path.isfile(path):
            an.script(path, cmd.cwd, depth + 1, explicit=True)
