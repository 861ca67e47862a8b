"""What pytest (and unittest) read before the tests run: the file names they collect and the plugins they load,
from the command line, the configuration files (``-c FILE``, those in the folders above) and installed packages'
entry points (guard19: ``-c other.ini`` with ``addopts = -p evilplug``, and a ``[pytest11]`` entry point in a
``*.dist-info`` on PYTHONPATH, imported a plugin unread)."""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_FILES = 200


def _read(an: Analyzer, path: str) -> str | None:
    from macrohard.safety.projects import _read as read

    return read(an, path)


def collected_names(an: Analyzer, args: list[str], cwd: str, prog_is_pytest: bool = True) -> list[str]:
    """The file names pytest (or unittest) collects: the defaults, ``python_files`` of its configuration or
    ``-o python_files=``, unittest's ``-p``; every ``.py`` with ``--doctest-modules``."""
    texts = [" ".join(args)]
    # guard19: `-c other.ini` and the configuration of a folder above (pytest looks up from its arguments) were not
    # read, nor plugins a package's entry points declare (`[pytest11]` in a *.dist-info on the path)
    given = [v for a, v in zip(args, args[1:], strict=False) if a in ("-c", "--config-file")]
    given += [a.split("=", 1)[1] for a in args if a.startswith("--config-file=")]
    for path in [*(an.paths.resolve(g, cwd) for g in given), *_config_files(an, cwd)]:
        if os.path.isfile(path):
            texts.append(_read(an, path) or "")
    texts += _entry_points(an, cwd)
    text = "\n".join(texts)
    if prog_is_pytest:  # `-p evil` on the line or in addopts: pytest imports that plugin before any test
        from macrohard.safety import envvars

        envvars.judge(an, "PYTEST_ADDOPTS", re.sub(r"[\"',\[\]=]", " ", text), 0, cwd)
    if "doctest-modules" in text or "doctest_modules" in text:
        return ["*.py"]
    patterns = ["test*.py", "*_test.py", "conftest.py"]
    for m in re.finditer(r"python_files\s*=\s*(.+)", text):
        patterns += re.findall(r"[\w*?.\[\]-]+\.py\b|[\w*?\[\]-]+\*", m.group(1))
    patterns += [v for a, v in zip(args, args[1:], strict=False) if a in ("-p", "--pattern") and v.endswith(".py")]
    return patterns


def _config_files(an: Analyzer, cwd: str) -> list[str]:
    """pytest's configuration files in ``cwd`` and each folder above it in the workspace."""
    out, folder = [], cwd
    while any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
        out += [posixpath.join(folder, n) for n in ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")]
        if folder in an.paths.workspaces:
            break
        folder = posixpath.dirname(folder)
    return out


def _entry_points(an: Analyzer, cwd: str) -> list[str]:
    """``-p MODULE`` for each pytest plugin an installed package's ``entry_points.txt`` names, in the workspace
    folders on Python's path (``cwd``, PYTHONPATH's)."""
    import glob

    out = []
    for folder in dict.fromkeys([cwd, *an.py_dirs]):
        if not any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
            continue
        for path in glob.glob(posixpath.join(glob.escape(folder), "*.*-info", "entry_points.txt"))[:MAX_FILES]:
            text = _read(an, path) or ""
            section = re.search(r"^\[pytest11\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
            out += [f"-p {m.group(1)}" for m in re.finditer(r"=\s*([\w.]+)", section.group(1) if section else "")]
    return out


def doctest_files(an: Analyzer, prog: str, args: list[str], targets: list[str], cwd: str, depth: int) -> None:
    """pytest runs the ``>>>`` examples of text files it collects: ``test*.txt`` by default, ``--doctest-glob``'s and
    ``doctest_glob``'s patterns (guard20: a ``test_a.txt`` with ``>>> os.system(…)`` ran unread); ``--pyargs NAME``
    imports the package NAME."""
    import fnmatch

    from macrohard.safety.pyrun import examples

    given = " ".join(args)
    for path in [*(an.paths.resolve(g, cwd) for g in _given_configs(args)), *_config_files(an, cwd)]:
        if os.path.isfile(path):
            given += "\n" + (_read(an, path) or "")
    patterns = ["test*.txt"] + [a.split("=", 1)[1] for a in args if a.startswith("--doctest-glob=")]
    patterns += [v for a, v in zip(args, args[1:], strict=False) if a == "--doctest-glob"]
    patterns += [p for m in re.finditer(r"doctest_glob\s*=\s*(.+)", given) for p in re.split(r"[\s,\"'\[\]]+", m.group(1)) if p]
    seen = 0
    for target in targets:
        top = an.paths.resolve(target.split("::")[0], cwd)
        walk = [(posixpath.dirname(top), [], [posixpath.basename(top)])] if os.path.isfile(top) else os.walk(top)
        for folder, dirs, files in walk:
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__", "venv")]
            for name in files:
                if name.endswith(".py") or not any(fnmatch.fnmatch(name, p) for p in patterns):
                    continue
                seen += 1
                if seen > MAX_FILES:
                    an.r.add("dynamic", f"{prog} may run the examples of more than {MAX_FILES} text files")
                    return
                if code := examples(_read(an, posixpath.join(folder, name)) or ""):
                    an.code("python3", code, depth, cwd)
    if "--pyargs" in args:
        for a in args:
            if not a.startswith("-") and re.fullmatch(r"[\w.]+", a):
                an.code("python3", f"import {a}", depth, cwd)


def _given_configs(args: list[str]) -> list[str]:
    given = [v for a, v in zip(args, args[1:], strict=False) if a in ("-c", "--config-file")]
    return given + [a.split("=", 1)[1] for a in args if a.startswith("--config-file=")]
