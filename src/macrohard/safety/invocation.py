"""What code a shell or an interpreter runs, read from its arguments the way the program itself reads them.

``bash -x run.sh``, ``bash -- run.sh``, ``bash -o posix run.sh``, ``bash -c -- 'code'``, ``python3 -W ignore
job.py``, ``node -r ./hook.js -e 1``: options come first, some take a value, and the first operand is the code
(with ``-c``) or the script; with neither, the program reads its code from standard input. Taking "the word
after -c" or "the first argument" instead lets a spelling the analysis does not expect carry code past it, so
``safety.commands`` asks this module, and judges every piece of code it names: inline code, the script, the
files an option loads (``--rcfile``, ``node -r``) and, for standard input, what a redirect or pipe feeds it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field


@dataclass
class Invocation:
    """The code one shell or interpreter command runs."""

    codes: list[str] = field(default_factory=list)  # inline code (-c, -e, --eval, ...)
    code_missing: bool = False  # a code option with nothing after it: xargs or parallel supply it at run time
    script: str = ""  # the script operand (a file)
    files: list[str] = field(default_factory=list)  # other files of code it loads (--rcfile, node -r, php -f)
    module: str = ""  # python -m NAME
    module_args: list[str] = field(default_factory=list)  # the words after python -m NAME (safety.pyrun)
    starts: list[str] = field(default_factory=list)  # start-up files a login or interactive shell reads first
    stdin: bool = False  # reads its code from standard input


# bash, sh, dash, zsh, ksh: each o/O among the short options takes the next argument (-euo pipefail)
_SHELL_VALUE_LETTERS = "oO"
_SHELL_FILE_OPTIONS = frozenset({"--rcfile", "--init-file"})
_LOGIN_FILES = ["~/.bash_profile", "~/.bash_login", "~/.profile"]  # a login shell's (the home is the workspace)


def shell_invocation(args: list[str]) -> Invocation:
    """What ``bash ARGS`` runs: ``-c`` code (its first operand), a script (the first operand), or stdin."""
    inv = Invocation()
    command = reads_stdin = False
    starts: list[str] = []  # start-up files of the home folder (the workspace) it reads first (guard20)
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--", "-"):  # bash takes a lone "-" like "--": the end of the options
            i += 1
            break
        if a.startswith("--"):
            name, eq, value = a.partition("=")
            if name == "--login":
                starts += _LOGIN_FILES
            elif name == "--interactive":
                starts.append("~/.bashrc")
            if name in _SHELL_FILE_OPTIONS:
                if not eq and i + 1 < len(args):
                    value, i = args[i + 1], i + 1
                if value:
                    inv.files.append(value)
            elif name == "--command":  # fish --command CODE
                if not eq and i + 1 < len(args):
                    value, i = args[i + 1], i + 1
                inv.codes.append(value) if value else setattr(inv, "code_missing", True)
                command = True
            i += 1
            continue
        if len(a) > 1 and a[0] in "-+":
            letters = a[1:]
            if a[0] == "-" and "l" in letters:
                starts += _LOGIN_FILES
            if a[0] == "-" and "i" in letters:
                starts.append("~/.bashrc")
            command = command or (a[0] == "-" and "c" in letters)
            reads_stdin = reads_stdin or (a[0] == "-" and "s" in letters)
            i += 1 + sum(letters.count(x) for x in _SHELL_VALUE_LETTERS)
            continue
        break
    operands = args[i:]
    if not any(a in ("--norc", "--noprofile") for a in args[:i]):
        inv.starts = list(dict.fromkeys(starts))
    if command:
        if inv.codes:
            return inv
        if operands:
            inv.codes.append(operands[0])
        else:
            inv.code_missing = True
    elif operands and not reads_stdin:
        inv.script = operands[0]
    else:
        inv.stdin = True
    return inv


@dataclass(frozen=True)
class _Options:
    code: frozenset[str] = frozenset()  # the option's value is code
    files: frozenset[str] = frozenset()  # the option's value is a file of code it loads
    module: frozenset[str] = frozenset()  # the option's value is a module to run (ends the options)
    value: frozenset[str] = frozenset()  # the option takes a value that is neither
    ends: frozenset[str] = frozenset()  # code options after which the remaining words are arguments


_PYTHON = _Options(code=frozenset({"-c"}), module=frozenset({"-m"}), value=frozenset({"-W", "-X", "-Q"}),
                   ends=frozenset({"-c"}))
_INTERPRETER_OPTIONS: dict[str, _Options] = {
    "perl": _Options(code=frozenset({"-e", "-E"}), module=frozenset(), value=frozenset({"-I", "-M", "-m", "-C"})),
    "ruby": _Options(code=frozenset({"-e"}), files=frozenset({"-r", "--require"}),
                     value=frozenset({"-I", "-C", "-E", "-F", "--encoding"})),
    "node": _Options(code=frozenset({"-e", "--eval", "-p", "--print"}),
                     files=frozenset({"-r", "--require", "--import", "--loader", "--experimental-loader"}),
                     value=frozenset({"-C", "--conditions", "--input-type", "--env-file", "--title"})),
    "php": _Options(code=frozenset({"-r", "-B", "-R", "-E"}), files=frozenset({"-f", "-F"}),
                    value=frozenset({"-d", "-c", "-z"})),
    "lua": _Options(code=frozenset({"-e"}), value=frozenset({"-l"})),
    "Rscript": _Options(code=frozenset({"-e"})),
    "tclsh": _Options(value=frozenset({"-encoding"})),  # rt50: `tclsh -encoding unicode u.tcl` ran u.tcl, unread
    "wish": _Options(code=frozenset({"-e", "-c"}), value=frozenset({"-encoding"})),
    "osascript": _Options(code=frozenset({"-e"})),
    "pwsh": _Options(code=frozenset({"-Command", "-c"}), files=frozenset({"-File", "-f"})),
}
_INTERPRETER_OPTIONS["nodejs"] = _INTERPRETER_OPTIONS["node"]


def _options_for(prog: str) -> _Options:
    if prog.startswith("python"):
        return _PYTHON
    return _INTERPRETER_OPTIONS.get(prog, _Options(code=frozenset({"-e", "-c"})))


def interpreter_invocation(prog: str, args: list[str]) -> Invocation:
    """What ``python3 ARGS`` (perl, ruby, node, php, ...) runs: inline code, a module, a script, or stdin."""
    opts = _options_for(posixpath.basename(prog))
    inv = Invocation()
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            i += 1
            break
        if a == "-" or not a.startswith("-") or len(a) == 1:
            break
        if a.startswith("--"):
            name, eq, value = a.partition("=")
            known = opts.code | opts.files | opts.module | opts.value
            if name in known and not eq:
                value = args[i + 1] if i + 1 < len(args) else ""
                i += 1
            i += 1
            if _take(inv, opts, name, value):
                break
            continue
        if a in opts.code | opts.files | opts.module | opts.value:  # -File, -Command: whole-word options
            value = args[i + 1] if i + 1 < len(args) else ""
            i += 2
            if _take(inv, opts, a, value):
                break
            continue
        # short options, possibly combined (-uc CODE, -Wignore): the first that takes a value takes the rest
        stop = False
        for j, letter in enumerate(a[1:], start=1):
            name = "-" + letter
            if name in opts.code | opts.files | opts.module | opts.value:
                value = a[j + 1:]
                if not value:
                    value = args[i + 1] if i + 1 < len(args) else ""
                    i += 1
                stop = _take(inv, opts, name, value)
                break
        i += 1
        if stop:
            break
    operands = args[i:]
    if inv.module:
        # `python3 -m cProfile job.py`, `-m pdb`, `-m trace`: runner modules run the file they are given
        inv.files += [o for o in operands if o.endswith(".py")]
        inv.module_args = operands
        return inv
    if inv.codes or inv.code_missing:
        return inv
    if operands and operands[0] != "-":
        inv.script = operands[0]
    else:
        inv.stdin = True
    return inv


def _take(inv: Invocation, opts: _Options, name: str, value: str) -> bool:
    """Record one option's value; True when the remaining words are the program's own arguments."""
    if name in opts.code:
        if value:
            inv.codes.append(value)
        else:
            inv.code_missing = True
        return name in opts.ends
    if name in opts.files:
        if value:
            inv.files.append(value)
        return False
    if name in opts.module:
        inv.module = value or "?"
        return True
    return False
