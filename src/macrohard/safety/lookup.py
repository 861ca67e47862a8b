"""Which file a command name runs once the run has put its own directories on ``PATH``.

``export PATH=$PWD/bin:$PATH`` in one step, a script written to ``bin/ls`` in the next, then plain ``ls``:
bash runs the script, and the line the guard reviews says only ``ls``. The shell session persists between
steps, so the guard keeps the directories that reviewed commands put on ``PATH`` (``GuardContext.path_dirs``,
most recent first; a virtualenv's ``activate`` puts its own ``bin`` there) and, for every program name that is
not a shell builtin, reads the file it finds there as the script it is (``Analyzer.script``). A directory the
guard cannot look into (one only known when the command runs, or outside the workspace, such as the sandbox's
own ``/tmp``) leaves every program name unknown: those commands are asked about (``dynamic``).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

# bash runs these itself, before any PATH lookup (``enable -n`` turns one off: programs.py asks about that)
BUILTINS = frozenset({
    ".", ":", "[", "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete",
    "compopt", "continue", "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit", "export", "false",
    "fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let", "local", "logout", "mapfile", "popd",
    "printf", "pushd", "pwd", "read", "readarray", "readonly", "return", "set", "shift", "shopt", "source",
    "suspend", "test", "times", "trap", "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait",
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "time",
    "[[", "]]", "{", "}", "!", "select", "coproc"})
UNKNOWN = "?"  # a PATH entry the guard cannot resolve
_SYSTEM = ("/usr/", "/bin", "/sbin", "/lib", "/opt/", "/snap/")
_OLD_PATH = re.compile(r"^\$\{?PATH\}?$")
_PWD = re.compile(r"^\$\{?PWD\}?(?=/|$)")


def path_assigned(an: Analyzer, value: str, cwd: str | None) -> None:
    """``PATH=VALUE`` on a reviewed line: remember the entries that are not the system's own."""
    added = []
    for entry in value.split(":"):
        if _OLD_PATH.match(entry):
            continue
        entry = _PWD.sub(lambda _m: an.paths.resolve(".", cwd), entry)
        if "$" in entry or "`" in entry or entry.startswith("~"):
            added.append(UNKNOWN)
        elif entry in ("", "."):
            added.append(".")  # the directory the command runs in, whichever that is then
        elif entry.startswith("/"):
            if entry.startswith(_SYSTEM) and not an.paths.inside(entry.rstrip("/")):
                continue
            added.append(posixpath.normpath(entry))
        else:
            added.append(entry)  # relative: looked up from the directory the command runs in
    for entry in reversed(added):
        if entry in an.path_dirs:
            an.path_dirs.remove(entry)
        an.path_dirs.insert(0, entry)


def resolve_program(an: Analyzer, name: str, cwd: str | None, depth: int) -> None:
    """Judge the file ``name`` runs through the run's own PATH entries, or say it cannot be known."""
    if an.ld_dirs and ("/" not in name and name not in BUILTINS or name in ("export", "declare", "typeset")):
        # LD_LIBRARY_PATH=$PWD python3: a library the agent wrote replaces the system's in a system program
        who = "every later program" if name in ("export", "declare", "typeset") else name
        an.r.add("dynamic", f"LD_LIBRARY_PATH={an.ld_dirs[:50]} makes {who} load libraries from a folder the agent "
                            "writes first")
    if not an.path_dirs or "/" in name or name in BUILTINS:
        return
    for entry in an.path_dirs:
        if entry == UNKNOWN:
            an.r.add("dynamic", f"the run put a directory only known when it runs on PATH: {name!r} may run "
                                "a program from it")
            return
        folder = an.paths.resolve(entry, cwd)
        candidate = an.paths.resolve(posixpath.join(entry, name), cwd)  # through links, as the kernel goes
        inside = _within(candidate, an.paths.workspaces)
        if not _within(folder, an.paths.workspaces) or not inside and _within(candidate, an.paths.allowed):
            an.r.add("dynamic", f"the run put {entry} on PATH, which the guard cannot look into: {name!r} may run "
                                "a program from it; keep programs in the workspace")
            return
        if not inside:
            if os.path.lexists(posixpath.join(folder, name)):  # a link to a system program (a virtualenv's python)
                return
            continue
        if candidate in an.written or os.path.isfile(candidate):
            an.script(candidate, cwd, depth)
            return
        if an.jobs:  # a job an earlier step left running may put it there after this review
            an.r.add("dynamic", f"{name!r} may run a program that a job an earlier step left running puts in "
                                f"{entry} after this review; let the jobs end first (`wait; ...`)")
            return


def _within(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r + "/") for r in roots)


def activated(an: Analyzer, script: str, cwd: str | None) -> None:
    """``. .venv/bin/activate``: a virtualenv's activate script puts its own directory first on PATH."""
    if posixpath.basename(script) == "activate":
        path_assigned(an, an.paths.resolve(posixpath.dirname(script) or ".", cwd), None)


_SETS_NAMED = frozenset({"read", "mapfile", "readarray", "getopts"})


def assigned_indirectly(an: Analyzer, prog: str, args: list[str]) -> None:
    """``read PATH``, ``printf -v PATH``, ``declare -n p=PATH``: PATH (or BASH_ENV) set to a value the line
    does not show."""
    names = set()
    if prog in _SETS_NAMED:
        names = set(args)
    elif prog == "printf":
        names = {args[i + 1] for i, a in enumerate(args[:-1]) if a == "-v"}
    elif prog in ("declare", "typeset", "local") and any(a.startswith("-") and "n" in a for a in args):
        names = {a.partition("=")[2] for a in args if "=" in a}
    if "PATH" in names:
        path_assigned(an, "$UNKNOWN", None)
    if names & {"BASH_ENV", "ENV"}:
        an.r.add("persistence", f"{prog} sets {sorted(names & {'BASH_ENV', 'ENV'})[0]}, a file later shells run first")
    from macrohard.safety.envvars import sensitive

    for name in sorted(n for n in names - {"PATH", "BASH_ENV", "ENV", "IFS"} if sensitive(n)):
        # `read LD_PRELOAD <<< "$PWD/e.so"; export LD_PRELOAD`: the value never shows as NAME=VALUE
        an.r.add("privilege" if name in ("LD_PRELOAD", "LD_AUDIT") else "dynamic",
                 f"{prog} sets {name} to a value the line does not show; programs read it as code to load or run "
                 "(set it literally, NAME=VALUE)")
