"""Programs that run a command given as one of their options or operands, and interpreter code that does.

``gdb -ex 'shell …'``, ``ssh -o ProxyCommand=…``, ``tar -I …``, ``zip -TT …``, ``script -c …``, ``flock F -c …``,
``man -P …``, ``rsync -e …``, ``sqlite3 db '.shell …'``, ``psql -c '\\! …'``, ``less +!…``, ``ed`` reading ``!…``,
``parallel ::: CMD``; wrappers that run the rest of their arguments (``setarch``, ``chroot``, ``unshare``,
``nsenter``, ``systemd-run``, ``fakeroot``, ``valgrind``); and ``system q{…}`` (perl), ``%x{…}`` (ruby),
``os.execute(…)`` (lua) in interpreter code. Each such command is judged like a command line
(``Analyzer.line``); the wrapped program like any program (``Analyzer.argv``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# program -> options whose value is a command it runs
COMMAND_OPTIONS: dict[str, frozenset[str]] = {
    "tar": frozenset({"-I", "--use-compress-program", "--to-command", "--info-script", "--new-volume-script", "-F"}),
    "zip": frozenset({"-TT", "--unzip-command"}),
    "script": frozenset({"-c", "--command"}),
    "flock": frozenset({"-c", "--command"}),
    "man": frozenset({"-P", "--pager", "-H", "--html"}),
    "rsync": frozenset({"-e", "--rsh", "--rsync-path"}),
    "expect": frozenset({"-c"}),
}
# ssh-like programs: -o ProxyCommand=… / LocalCommand=… run locally
_SSH = frozenset({"ssh", "scp", "sftp", "autossh"})
_SSH_RUNS = re.compile(r"^(proxycommand|localcommand|knownhostscommand|remotecommand)\s*[= ]\s*(.+)$", re.I)
# wrappers: program -> how many operands come before the command it runs (options are skipped)
WRAPPING: dict[str, int] = {"setarch": 1, "linux32": 0, "linux64": 0, "chroot": 1, "unshare": 0, "nsenter": 0,
                            "systemd-run": 0, "fakeroot": 0, "valgrind": 0, "firejail": 0, "proot": 0,
                            "catchsegv": 0, "sg": 1, "newgrp": 0, "torsocks": 0, "proxychains": 0,
                            "proxychains4": 0, "faketime": 1, "cgexec": 0, "chrt": 1, "prlimit": 0}
# interpreters rules_data does not list, read like the ones it does (their -c/-e code, their script)
MORE_INTERPRETERS = frozenset({"pypy", "pypy3", "R", "julia", "guile", "racket", "sbcl", "jshell"})
_CLIENT_SHELL = re.compile(r"(?:^|[\s;])\\!\s*(.+)$|^\.(?:shell|system)\s+(.+)$", re.M)
_QUOTED_CALL = re.compile(r"(?:\b(?:system|exec|spawn|popen)\s*\(?\s*(?:qq|q|%[qQ])|\bqx|%x)\s*"
                          r"(?:\{(?P<a>[^{}]{2,400})\}|\((?P<b>[^()]{2,400})\)|\[(?P<c>[^\[\]]{2,400})\]|"
                          r"<(?P<d>[^<>]{2,400})>)")
_EXECUTE = re.compile(r"\bexecute\s*\(\s*(['\"])(?P<cmd>[^'\"]{2,400})\1")  # lua's os.execute("...")


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """Judge the commands ``prog ARGS`` runs from its own options or operands."""
    opts = COMMAND_OPTIONS.get(prog)
    if opts:
        for i, a in enumerate(args):
            name, eq, value = a.partition("=")
            if name in opts:
                value = value if eq else (args[i + 1] if i + 1 < len(args) else "")
                if value:
                    an.line(value, depth + 1, cmd.cwd)
            elif re.fullmatch(r"-[A-Za-z]{2,}", a) and "-" + a[-1] in opts and i + 1 < len(args):
                an.line(args[i + 1], depth + 1, cmd.cwd)  # combined flags: script -qc CMD
            elif not a.startswith("--") and len(a) > 2 and a[:2] in opts:
                an.line(a[2:], depth + 1, cmd.cwd)  # -Icmd, -ccmd
    if prog in _SSH:
        for i, a in enumerate(args):
            text = args[i + 1] if a == "-o" and i + 1 < len(args) else a[2:] if a.startswith("-o") else ""
            if m := _SSH_RUNS.match(text.strip()):
                an.line(m.group(2), depth + 1, cmd.cwd)
    if prog == "gdb":
        for i, a in enumerate(args):
            if a in ("-ex", "--eval-command", "-iex", "--init-eval-command") and i + 1 < len(args):
                if m := re.match(r"\s*(?:shell|!|pipe\s.*\|)\s*(.+)", args[i + 1]):
                    an.line(m.group(1), depth + 1, cmd.cwd)
    if prog in ("less", "more", "most"):
        for a in args:
            if m := re.match(r"\+!(.+)", a):
                an.line(m.group(1), depth + 1, cmd.cwd)
    if prog in ("sqlite3", "psql", "mysql", "mariadb", "duckdb"):
        for a in args:
            for m in _CLIENT_SHELL.finditer(a):
                an.line(m.group(1) or m.group(2), depth + 1, cmd.cwd)
        for text in _stdin_texts(cmd):
            for m in _CLIENT_SHELL.finditer(text):
                an.line(m.group(1) or m.group(2), depth + 1, cmd.cwd)
    if prog in ("ed", "red", "ex"):
        for text in _stdin_texts(cmd):
            for m in re.finditer(r"^!(.+)$", text, re.M):
                an.line(m.group(1), depth + 1, cmd.cwd)
    if prog == "parallel" and ":::" in args and args.index(":::") == next(
            (i for i, a in enumerate(args) if not a.startswith("-")), len(args)):
        for a in args[args.index(":::") + 1:]:  # no command given: each input is a command
            if a not in (":::", "::::"):
                an.line(a, depth + 1, cmd.cwd)
    if prog in WRAPPING:
        rest, skip = [], WRAPPING[prog]
        for i, a in enumerate(args):
            if a.startswith("-"):
                continue
            if skip:
                skip -= 1
                continue
            rest = args[i:]
            break
        if rest:
            an.argv(rest, cmd, depth + 1)


def code_calls(an: Analyzer, code: str, depth: int, cwd: str | None) -> None:
    """Commands in interpreter code written with quote-like operators: ``system q{…}``, ``%x{…}``, ``os.execute(…)``."""
    for m in _QUOTED_CALL.finditer(code):
        command = next(g for g in m.groups() if g is not None)
        if command.strip():
            an.line(command, depth + 1, cwd)
    for m in _EXECUTE.finditer(code):
        an.line(m.group("cmd"), depth + 1, cwd)


def _stdin_texts(cmd: SimpleCommand) -> list[str]:
    return [cmd.heredoc] * bool(cmd.heredoc) + [t for op, t in cmd.redirects if op == "<<<"]
