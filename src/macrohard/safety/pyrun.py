"""What Python runs besides the script, module or code it is given (guard20: each ran ``sh run.sh`` unread).

- the standard library's modules run as programs that run other code: ``doctest FILE`` (the ``>>>`` lines of a text
  file, or a module it imports), ``pydoc NAME``/``inspect NAME``/``unittest NAME`` (they import the module),
  ``timeit -s STMT STMT`` (Python code), ``pickle FILE`` (loading a pickle runs what it names);
- a workspace module named like one of the standard library's (``enum.py``, ``random.py``, ``json/``): the folder
  Python looks in first (the script's, or the working folder for ``-c``/``-m``) shadows it for every import, the
  interpreter's own included, so it is judged as if imported; one with no source (``json.pyc``) is asked about;
- ``-W``/``PYTHONWARNINGS`` with a dotted category import that module at start, ``PYTHONBREAKPOINT`` at
  ``breakpoint()``;
- a zip archive run as a script (``app.pyz``, any name): its ``__main__.py`` is not read, so it is asked about; a
  folder run as a script runs its ``__main__.py``.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from typing import TYPE_CHECKING

from macrohard.safety import devtools, lazyre
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.invocation import Invocation
    from macrohard.safety.shellparse import SimpleCommand

STDLIB = frozenset(sys.stdlib_module_names) - {"__future__", "this", "antigravity"}
_EXAMPLE = lazyre.compile(r"^\s*(?:>>>|\.\.\.) ?(.*)$", re.M)
_TIMEIT_VALUES = frozenset({"-n", "--number", "-r", "--repeat", "-u", "--unit"})


def judge(an: Analyzer, prog: str, inv: Invocation, cmd: SimpleCommand, depth: int) -> None:
    """Everything above for one ``python …`` command."""
    from macrohard.safety import homefiles

    cwd = cmd.cwd
    homefiles.python(an, prog, cmd.argv[1:], depth, cwd)  # the home's user site-packages: .pth, usercustomize
    _warnings(an, prog, cmd.argv, depth, cwd)
    if inv.module == "pdb":  # guard36: `python3 -m pdb y.py < cmds.txt` ran the Python among the commands it read
        _pdb_stdin(an, prog, cmd, depth, cwd)
    if inv.module:
        _module(an, prog, inv.module, inv.module_args, depth, cwd)
        if inv.module in devtools.PYTHON_MODULES:  # `python3 -m pylint`: its configuration's hooks (guard25)
            devtools.judge(an, inv.module, inv.module_args, cmd, depth)
    if inv.script and not inv.module and inv.script.endswith((".pyc", ".pyo")):  # compiled by `compileall` (guard25)
        an.r.add("dynamic", f"{prog} runs {inv.script[:60]}, compiled bytecode the guard cannot read; run its source")
    first = cwd if inv.module or inv.codes or inv.stdin or not inv.script else posixpath.dirname(
        an.paths.resolve(inv.script, cwd))
    if inv.script and not inv.module and "$" not in inv.script:
        _archive(an, prog, inv.script, depth, cwd)
    shadowed(an, prog, first, depth, cwd)


def shadowed(an: Analyzer, prog: str, folder: str | None, depth: int, cwd: str | None) -> None:
    """Workspace modules in ``folder`` named like the standard library's: judged as imported."""
    from macrohard.safety import pymodules

    folder = an.paths.resolve(folder or ".", cwd)
    if not an.paths.inside(folder):
        return
    listings = an.__dict__.setdefault("_stdlib_shadows", {})
    if folder not in listings:
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        listings[folder] = sorted(n for n in names if n.split(".")[0] in STDLIB and (
            n.endswith((".py", ".pyc")) or "." not in n and os.path.isfile(posixpath.join(folder, n, "__init__.py"))))
    for name in listings[folder]:
        stem = name.split(".")[0]
        if name.endswith(".pyc"):
            an.r.add("dynamic", f"{name} shadows Python's {stem} module with compiled code the guard cannot read")
        else:
            pymodules.module(an, prog, stem, depth, cwd, folder, set(), relative=0)


def _warnings(an: Analyzer, prog: str, argv: list[str], depth: int, cwd: str | None) -> None:
    for i, a in enumerate(argv[1:], 1):
        if not a.startswith("-") or a in ("-c", "-m"):
            break
        spec = argv[i + 1] if a == "-W" and i + 1 < len(argv) else a[2:] if a.startswith("-W") else ""
        if spec:
            warning_category(an, prog, spec, depth, cwd)


def warning_category(an: Analyzer, prog: str, spec: str, depth: int, cwd: str | None) -> None:
    """``action:message:category:module:lineno``: a dotted category is imported when Python starts."""
    for entry in spec.split(","):
        parts = entry.split(":")
        category = parts[2].strip() if len(parts) > 2 else ""
        if "." in category:
            _imported(an, prog, category.rsplit(".", 1)[0], depth, cwd)


def _imported(an: Analyzer, prog: str, name: str, depth: int, cwd: str | None) -> None:
    if re.fullmatch(r"[\w.]+", name):
        an.code(prog, f"import {name}", depth, cwd)
    else:
        an.r.add("dynamic", f"{prog} imports a module only known when it runs: {name[:40]}")


def _module(an: Analyzer, prog: str, name: str, args: list[str], depth: int, cwd: str | None) -> None:
    from macrohard.safety import runners

    operands = [a for a in args if not a.startswith("-")]
    if name == "pdb":  # its -c commands; its program (`-m m` or a script) is judged below and by the invocation
        _pdb_commands(an, prog, args, depth, cwd)
    if name == "doctest":
        for path in operands:
            if path.endswith(".py"):
                continue  # read as a script already (invocation: runner modules' .py operands)
            text = runners.plain_text(an, path, cwd)
            if text is None:
                an.r.add("dynamic", f"doctest runs the examples of {path[:40]}, only known when it runs")
            elif code := examples(text):
                an.code(prog, code, depth, cwd)
    elif name in ("pydoc", "inspect", "unittest") and not (name == "unittest" and operands[:1] == ["discover"]):
        for target in operands:
            if name == "pydoc" and (target.endswith(".py") or "/" in target):
                # guard36: `pydoc3 ./x.py` imports the file (its top level runs): judged as the script it is
                an.script(target, cwd, depth, explicit=True)
                continue
            if target.endswith(".py") or "/" in target:
                continue
            _imported(an, prog, target.split(":")[0], depth, cwd)
    elif name == "timeit":
        skip = False
        for i, a in enumerate(args):
            if skip:
                skip = False
            elif a in ("-s", "--setup") and i + 1 < len(args):
                an.code(prog, args[i + 1], depth, cwd)
                skip = True
            elif a.startswith(("-s", "--setup=")) and len(a) > 2:
                an.code(prog, a.split("=", 1)[1] if a.startswith("--") else a[2:], depth, cwd)
            elif a in _TIMEIT_VALUES:
                skip = True
            elif not a.startswith("-"):
                an.code(prog, a, depth, cwd)
    elif name in ("zipfile", "tarfile"):
        from macrohard.safety import archives

        archives.python_module(an, name, args, cwd)
    elif name == "gzip" and {"-d", "--decompress"} & set(args):  # guard38: `-m gzip -d .profile.gz` writes .profile
        for path in operands:
            if path.endswith(".gz") and len(path) > 3:
                an.write_target(path[:-3], cwd, f"{prog} -m gzip writes {path[:-3]}")
    elif name in ("pdb", "cProfile", "profile", "trace") and "-m" in args[:-1]:
        # `python3 -m pdb -c continue -m m`: the module runs as `-m m` would (guard21: its code ran unread)
        from macrohard.safety import pymodules

        pymodules.run_module(an, prog, args[args.index("-m") + 1], depth, cwd)
    elif name == "venv":
        venv_prompt(an, prog, args)
    elif name == "sqlite3":  # Python 3.12's sqlite3 shell takes sqlite3's dot commands (`.shell`) from its input
        an.r.add("dynamic", f"{prog} -m sqlite3 runs the commands it reads from its input; use sqlite3 with a file")
    elif name == "code":  # the console runs each Python line it reads (guard21: `-m code < e.py` ran e.py unread)
        an.r.add("dynamic", f"{prog} -m code runs the Python lines it reads from its input; run the file as a script")
    elif name == "pickle":
        for path in operands:
            if (called := pickle_calls(an.paths.resolve(path, cwd))) is not None:
                an.r.add("dynamic", f"python -m pickle loads {path[:40]}, which calls {called} as it loads")


_PDB_PLAIN = frozenset({"c", "cont", "continue", "n", "next", "s", "step", "q", "quit", "exit", "r", "return", "b",
                        "break", "tbreak", "cl", "clear", "l", "list", "ll", "longlist", "w", "where", "bt", "u", "up",
                        "d", "down", "unt", "until", "j", "jump", "h", "help", "a", "args", "disable", "enable",
                        "ignore", "restart", "run", "source", "whatis"})


def _pdb_stdin(an: Analyzer, prog: str, cmd: SimpleCommand, depth: int, cwd: str | None) -> None:
    """The debugger commands ``python3 -m pdb`` reads from a file, a here-document or a here-string: each judged as
    ``-c`` would be."""
    from macrohard.safety import runners

    texts = [cmd.heredoc] * bool(cmd.heredoc) + [t for op, t in cmd.redirects if op == "<<<"]
    for op, target in cmd.redirects:
        if op == "<" and target not in ("/dev/null", ""):
            text = runners.plain_text(an, target, cwd)
            if text is None:
                an.r.add("dynamic", f"{prog} -m pdb reads debugger commands (Python) from {target[:40]}, only known "
                                    "when it runs")
            else:
                texts.append(text)
    for text in texts:
        for line in text.splitlines()[:200]:
            if line.strip():
                _pdb_line(an, prog, line.strip(), depth, cwd)


def _pdb_commands(an: Analyzer, prog: str, args: list[str], depth: int, cwd: str | None) -> None:
    """``python3 -m pdb -c CMD``: a pdb command, or Python run in the program (``!code``, ``p EXPR``, and any line
    that is not a pdb command; guard36: ``-c '!import os; os.system(…)'`` ran unread). The Python is judged."""
    for i, a in enumerate(args):
        if a == "-m" or not a.startswith("-") and (i == 0 or args[i - 1] not in ("-c", "--command")):
            return  # the program's own arguments follow
        value = args[i + 1] if a in ("-c", "--command") and i + 1 < len(args) else a[10:] if a.startswith(
            "--command=") else None
        if value is not None:
            _pdb_line(an, prog, value, depth, cwd)


def _pdb_line(an: Analyzer, prog: str, value: str, depth: int, cwd: str | None) -> None:
    """One pdb command: plain debugger commands pass, others are Python the program runs."""
    words = value.split()
    if words and words[0] in _PDB_PLAIN and all(re.fullmatch(r"[\w.:/-]+", w) for w in words[1:]):
        return
    if words and words[0] in ("alias", "interact", "commands", "display", "undisplay", "condition", "debug"):
        an.r.add("dynamic", f"{prog} -m pdb -c {value[:40]}: a debugger command that runs code later")
        return
    code = value[1:] if value.startswith("!") else value.split(None, 1)[1] if words and words[0] in (
        "p", "pp") and len(words) > 1 else value
    an.code(prog, code, depth, cwd)


def venv_prompt(an: Analyzer, prog: str, args: list[str]) -> None:
    """``python3 -m venv --prompt TEXT``: venv writes TEXT into ``bin/activate`` inside double quotes (``PS1="(TEXT)
    …"``), so a ``$(…)`` or backquote there runs when the script is sourced (guard36: ``python3 -m venv --clear --prompt
    '$(sh run.sh)' v && . v/bin/activate`` was approved as a trusted tool's output). Such a prompt is asked about."""
    for i, a in enumerate(args):
        if a == "--":
            return
        value = args[i + 1] if a == "--prompt" and i + 1 < len(args) else a[9:] if a.startswith("--prompt=") else None
        if value is not None and re.search(r"[$`\\\"]", value):
            an.r.add("dynamic", f"{prog} -m venv --prompt {value[:40]}: venv writes the prompt into bin/activate "
                                "inside double quotes, where a $(…) or backquote runs when it is sourced; use a plain name")


_PICKLE_RISKY = lazyre.compile(r"(?:os|posix|nt|subprocess|sys|shutil|pty|socket|importlib|runpy|code|ctypes|commands|"
                           r"platform|pickle|webbrowser)(?:\.|$)|(?:builtins|__builtin__)[ .](?:eval|exec|compile|"
                           r"__import__|getattr|setattr|open|breakpoint|input|vars|globals)$")


def pickle_calls(path: str) -> str | None:
    """The first risky callable a pickle file names (``os.system``, ``builtins.eval``), None when it names none or
    cannot be read (guard20: ``python3 -m pickle x.pkl`` ran the ``os.system`` a written pickle named)."""
    import pickletools

    try:
        with open_regular(path, "rb") as f:
            data = f.read(4_000_000)
        strings: list[str] = []
        for op, arg, _ in pickletools.genops(data):
            if op.name in ("GLOBAL", "INST") and isinstance(arg, str):
                if _PICKLE_RISKY.match(arg.split(" ")[0]) or _PICKLE_RISKY.match(arg):
                    return arg.replace(" ", ".")
            elif op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE", "BINUNICODE8") and isinstance(arg, str):
                strings.append(arg)
            elif op.name == "STACK_GLOBAL" and len(strings) >= 2 and (
                    _PICKLE_RISKY.match(strings[-2]) or _PICKLE_RISKY.match(f"{strings[-2]}.{strings[-1]}")):
                return f"{strings[-2]}.{strings[-1]}"
    except (OSError, ValueError, EOFError, KeyError, IndexError):
        return "code the guard cannot read"
    return None


def examples(text: str) -> str:
    """The Python lines of a doctest text: its ``>>>`` and ``...`` lines."""
    return "\n".join(m.group(1) for m in _EXAMPLE.finditer(text))


def _archive(an: Analyzer, prog: str, path: str, depth: int, cwd: str | None) -> None:
    full = an.paths.resolve(path, cwd)
    if os.path.isdir(full):  # `python3 app`: app/__main__.py
        from macrohard.safety import scripts

        if (text := scripts.read_script(an, posixpath.join(full, "__main__.py"), None, True)) is not None:
            an.code(prog, text, depth, cwd, where=full)
        return
    try:
        with open_regular(full, "rb") as f:
            head = f.read(4)
    except OSError:
        return
    if head == b"PK\x03\x04" or path.endswith((".pyz", ".zip", ".egg", ".whl")):
        an.r.add("dynamic", f"{prog} runs {path[:40]}, a zip archive whose __main__.py the guard does not read")


