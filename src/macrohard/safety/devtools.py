"""Linters, type checkers, formatters, doc builders and test harnesses that load the workspace's own code or
configuration: pylint (``init-hook``, ``load-plugins``), mypy (``plugins``), flake8 (local plugins), eslint,
prettier and jest (their ``*.config.js``), sphinx-build (``conf.py``), mkdocs (``hooks``), pre-commit (local hooks),
doit (``dodo.py``), prove (``t/*.t``), and Python code that calls ``pytest.main``/``unittest.main``.

guard25 found each approved on main with a payload in the file it loads (the tools are not installed on the dev box,
so nothing ran; where they are, the payload runs). Each file is read here and judged as the code it is (Python,
JavaScript, Perl, a command line); a setting that names code the guard cannot read (a plugin path it cannot find, a
hook given as text) is asked about.
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

_PY_CONFIGS = (".pylintrc", "pylintrc", "setup.cfg", "tox.ini", "pyproject.toml", "mypy.ini", ".mypy.ini", ".flake8")
_PY_KEYS = lazyre.compile(r"^\s*(init-hook|load-plugins|plugins|extension|local-plugins|paths|rcfile)\s*[=:]\s*(.*)$",
                      re.M | re.I)
_JS_CONFIGS = {
    "eslint": ("eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", ".eslintrc.js", ".eslintrc.cjs"),
    "prettier": ("prettier.config.js", "prettier.config.mjs", "prettier.config.cjs", ".prettierrc.js", ".prettierrc.cjs"),
    "jest": ("jest.config.js", "jest.config.mjs", "jest.config.cjs", "jest.config.ts"),
}
PROGRAMS = frozenset({"pylint", "mypy", "dmypy", "flake8", "sphinx-build", "mkdocs", "pre-commit", "doit", "prove",
                      *_JS_CONFIGS})
PYTHON_MODULES = frozenset({"pylint", "mypy", "flake8", "sphinx", "mkdocs", "pre_commit", "doit"})
_RUNS_TESTS = lazyre.compile(r"\b(?:pytest\s*\.\s*main|unittest\s*\.\s*main|unittest\s*\.\s*TestProgram|"
                         r"doctest\s*\.\s*testmod|runpy\s*\.\s*run_(?:path|module))\s*\(")


def _text(an: Analyzer, path: str) -> str | None:
    from macrohard.safety import scripts

    return scripts.read_script(an, path, None, explicit=True) if os.path.isfile(path) else None


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """``prog`` (a program's base name, or ``python3 -m MODULE``'s module) with ``args``."""
    if prog in ("npx", "pnpx", "bunx") or prog in ("yarn", "pnpm", "npm") and args[:1] in (["exec"], ["dlx"]):
        rest = args[1:] if prog in ("yarn", "pnpm", "npm") else args
        i = next((i for i, a in enumerate(rest) if not a.startswith("-")), None)  # `npx --no-install eslint .`
        if i is not None:
            judge(an, posixpath.basename(rest[i]), rest[i + 1:], cmd, depth)
        return
    prog = {"sphinx": "sphinx-build", "pre_commit": "pre-commit"}.get(prog, prog)
    if prog not in PROGRAMS:
        return
    cwd = an.paths.resolve(cmd.cwd or ".", None)
    shown = cmd.cwd
    if prog in ("pylint", "mypy", "dmypy", "flake8"):
        for a in args:  # `pylint --init-hook=CODE`, `--rcfile=F`, `--load-plugins=M`, `mypy --config-file F`
            name, _, value = a.partition("=")
            if name == "--init-hook" and value:
                an.code("python3", value, depth, shown)
            elif name == "--init-hook":
                an.r.add("dynamic", f"{prog} --init-hook runs the Python code it is given; pass it as --init-hook=CODE")
            elif name == "--load-plugins":
                _modules(an, prog, value, depth, shown)
        _python_configs(an, prog, cwd, depth, shown, [a.split("=", 1)[1] for a in args
                                                      if a.startswith(("--rcfile=", "--config-file=", "--config="))])
    elif prog in _JS_CONFIGS:
        for name in _JS_CONFIGS[prog]:
            if (text := _text(an, posixpath.join(cwd, name))) is not None:
                an.code("node", text, depth, shown)
    elif prog == "sphinx-build":
        ops = [a for a in args if not a.startswith("-")]
        conf = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "-c"), ops[0] if ops else "docs")
        _python_file(an, prog, posixpath.join(an.paths.resolve(conf, cmd.cwd), "conf.py"), depth, shown)
    elif prog == "mkdocs":
        text = _text(an, posixpath.join(cwd, "mkdocs.yml")) or ""
        for m in re.finditer(r"^\s*-\s*([\w./-]+\.py)\s*$", text, re.M):
            _python_file(an, prog, posixpath.join(cwd, m.group(1)), depth, shown)
        if re.search(r"^\s*(hooks|plugins)\s*:", text, re.M) and re.search(r"!!python|\bpython/name:", text):
            an.r.add("dynamic", "mkdocs.yml names Python the guard cannot read; run mkdocs after reading it")
    elif prog == "pre-commit":
        text = _text(an, posixpath.join(cwd, ".pre-commit-config.yaml")) or ""
        for m in re.finditer(r"^\s*entry\s*:\s*(.+?)\s*$", text, re.M):
            an.line(m.group(1).strip("'\""), depth + 1, shown)
        if any(m.group(1).strip("'\"") != "local" for m in re.finditer(r"^\s*-?\s*repo\s*:\s*(\S+)", text, re.M)):
            an.r.add("remote_code", "pre-commit installs and runs hooks from the repositories its config names")
    elif prog == "doit":
        _python_file(an, prog, posixpath.join(cwd, "dodo.py"), depth, shown)
    elif prog == "prove":
        ops = [a for a in args if not a.startswith("-")] or ["t"]
        for op in ops:
            _perl_tests(an, an.paths.resolve(op, cmd.cwd), depth, shown)


def python_runs_tests(an: Analyzer, code: str, depth: int, cwd: str | None) -> None:
    """Python code that runs a test harness over the workspace (``pytest.main()``): judged as the harness run."""
    if _RUNS_TESTS.search(code):
        # once per directory and review: a test module that ends in `unittest.main()` is itself among the files
        # the run it starts reads, which would start it again (the blind25 lead's find: every `python3
        # test_x.py` denied as "shell code nested more than four levels deep")
        if (cwd or "") not in an.test_runs:
            an.test_runs.add(cwd or "")
            an.line("python3 -m pytest", depth + 1, cwd)
        if re.search(r"\brunpy\s*\.", code):
            an.r.add("dynamic", "python code runs a module or file by runpy, named in code the guard does not follow")


def _python_configs(an: Analyzer, prog: str, cwd: str, depth: int, shown: str | None, named: list[str]) -> None:
    for name in [*named, *_PY_CONFIGS]:
        path = an.paths.resolve(name, shown) if name in named else posixpath.join(cwd, name)
        text = _text(an, path)
        if not text:
            continue
        for m in _PY_KEYS.finditer(text):
            key, value = m.group(1).lower(), m.group(2).strip().strip("'\"")
            if key == "init-hook":
                an.code("python3", value, depth, shown)
            elif key in ("load-plugins", "plugins", "extension"):
                _modules(an, prog, value, depth, shown)
            elif key in ("local-plugins", "paths"):
                an.r.add("dynamic", f"{prog} loads plugins from the workspace ({name}); the guard does not follow them")


def _modules(an: Analyzer, prog: str, value: str, depth: int, cwd: str | None) -> None:
    for item in re.split(r"[,\s]+", value.strip("[]\"'")):
        item = item.strip("\"'").split(":")[0].split("=")[-1].strip()
        if not item:
            continue
        if item.endswith(".py"):
            _python_file(an, prog, an.paths.resolve(item, cwd), depth, cwd)
        elif re.fullmatch(r"[\w.]+", item):
            an.code("python3", "import " + item, depth, cwd)
        else:
            an.r.add("dynamic", f"{prog} loads the plugin {item[:40]}, which the guard cannot read")


def _python_file(an: Analyzer, prog: str, path: str, depth: int, cwd: str | None) -> None:
    text = _text(an, path)
    if text is not None:
        an.code("python3", text, depth, cwd, where=posixpath.dirname(path))
    elif path in an.written:
        an.r.add("dynamic", f"{prog} runs {posixpath.basename(path)}, which this line writes first")


def _perl_tests(an: Analyzer, path: str, depth: int, cwd: str | None) -> None:
    if os.path.isfile(path):
        an.line("perl " + shlex.quote(path), depth + 1, cwd)
        return
    count = 0
    for root, _dirs, files in os.walk(path):
        for f in sorted(files):
            if f.endswith(".t"):
                count += 1
                if count > 64:
                    an.r.add("dynamic", "prove runs more test files than the guard reads")
                    return
                an.line("perl " + shlex.quote(os.path.join(root, f)), depth + 1, cwd)
