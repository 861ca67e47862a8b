"""Task runners that run commands a project file names: just, go generate, invoke, nox, rake, gradle, mvn, and the
scripts of poetry, pdm and hatch.

``just build`` runs the ``build`` recipe of the ``justfile``; ``go generate`` the ``//go:generate`` lines of the
package's ``.go`` files; ``invoke``/``inv`` the ``c.run("…")`` calls of ``tasks.py``; ``nox`` the
``session.run(…)`` calls of ``noxfile.py``; ``rake`` the ``sh``/``system`` calls of the ``Rakefile``; ``pdm run
NAME``/``hatch run NAME`` the scripts of ``pyproject.toml``; ``poetry run``/``pdm run``/``hatch run``/``uv run``
a command. Each is read here and its commands judged as command lines (a command built when it runs is asked
about). ``gradle`` and ``mvn`` run code of their build files (``exec``, ``ProcessBuilder``, the exec and antrun
plugins) in languages the guard does not read: a build file that names one is asked about.
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

PROGRAMS = frozenset({"just", "go", "invoke", "inv", "nox", "rake", "gradle", "gradlew", "mvn", "mvnw", "poetry",
                      "pdm", "hatch", "uv"})
MAX_FILES = 64
_PY_RUN = lazyre.compile(r"\b(?:c|ctx|context|session|s)\s*\.\s*(?:run|sudo|run_always|run_install|local)\s*\(")
_RAKE_RUN = lazyre.compile(r"(?:^|[\s;{(])(?:sh|system|exec|ruby)\s*[( ]", re.M)
_JVM_EXEC = lazyre.compile(r"\bexec\s*\{|\bcommandLine\b|\.execute\s*\(|\bProcessBuilder\b|\bRuntime\b|\bExec\b|"
                       r"exec-maven-plugin|maven-antrun-plugin|<exec\b|groovy-maven-plugin|gmavenplus")


def _read(an: Analyzer, path: str) -> str | None:
    from macrohard.safety import scripts

    return scripts.read_script(an, path, None, explicit=True) if os.path.isfile(path) else None


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    if prog not in PROGRAMS:
        return
    cwd = an.paths.resolve(cmd.cwd or ".", None)
    operands = [a for a in args if not a.startswith("-")]
    if prog == "just":
        _just(an, cwd, operands, depth)
    elif prog == "go" and operands[:1] == ["generate"]:
        _go_generate(an, cwd, operands[1:], depth)
    elif prog in ("invoke", "inv", "nox"):
        text = _read(an, posixpath.join(cwd, "tasks.py" if prog != "nox" else "noxfile.py"))
        if text is not None:
            _python_runs(an, prog, text, cwd, depth)
    elif prog == "rake":
        text = _read(an, posixpath.join(cwd, "Rakefile")) or _read(an, posixpath.join(cwd, "rakefile"))
        if text is not None:
            an.code("ruby", text, depth, cwd)
            if _RAKE_RUN.search(text):
                _literal_calls(an, prog, text, re.compile(r"(?:^|[\s;{(])sh\s*[( ]", re.M), cwd, depth)
    elif prog in ("gradle", "gradlew", "mvn", "mvnw"):
        for name in ("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "pom.xml"):
            text = _read(an, posixpath.join(cwd, name))
            if text and (m := _JVM_EXEC.search(text)):
                an.r.add("dynamic", f"{prog} runs commands from {name} ({m.group(0)[:30]}) written in a language the "
                                    "guard does not read")
                return
    elif prog in ("poetry", "pdm", "hatch", "uv") and operands[:1] == ["run"]:
        _run(an, prog, args, cwd, depth)


def _just(an: Analyzer, cwd: str, operands: list[str], depth: int) -> None:
    text = next((t for n in ("justfile", "Justfile", ".justfile") if (t := _read(an, posixpath.join(cwd, n)))), None)
    if text is None:
        return
    recipes: dict[str, list[str]] = {}
    deps: dict[str, list[str]] = {}
    current = None
    for line in text.split("\n"):
        if m := re.match(r"^@?([A-Za-z_][\w-]*)[^:=\n]*:(?!=)(.*)$", line):
            current = m.group(1)
            recipes[current] = []
            deps[current] = re.findall(r"[A-Za-z_][\w-]*", m.group(2).split("#")[0].replace("&&", " "))
        elif line.startswith((" ", "\t")) and current is not None:
            recipes[current].append(line.strip().lstrip("@-"))
        elif line.strip() and not line.startswith("#"):
            current = None
    todo = [o for o in operands if o in recipes] or list(recipes)[:1]
    if any(o not in recipes for o in operands):  # a recipe's arguments, or a name the guard does not find
        todo = list(recipes)
    wanted: list[str] = []
    while todo:  # the recipes asked for and those they depend on
        name = todo.pop()
        if name not in wanted:
            wanted.append(name)
            todo += [d for d in deps.get(name, []) if d in recipes]
    for name in wanted:
        for line in recipes.get(name, []):
            if line.startswith("#!"):
                an.r.add("dynamic", f"just recipe {name} is a script for {line[2:40]}, run as a file")
                continue
            if "{{" in line:
                an.r.add("dynamic", f"just recipe {name} builds its command when it runs: {line[:60]}")
                continue
            an.line(line, depth + 1, cwd)
    if re.search(r"^\s*set\s+shell\s*:=", text, re.M):
        an.r.add("dynamic", "the justfile sets the shell every recipe runs with")


def _go_generate(an: Analyzer, cwd: str, operands: list[str], depth: int) -> None:
    roots = [an.paths.resolve(o.removesuffix("/...").removesuffix("..."), cwd) for o in operands if not o.endswith(".go")]
    files = [an.paths.resolve(o, cwd) for o in operands if o.endswith(".go")]
    recursive = not operands or any(o.endswith("...") for o in operands)
    for root in roots or [cwd]:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith((".", "_")) and d not in ("vendor", "testdata")] \
                if recursive else []
            files += [posixpath.join(folder, n) for n in names if n.endswith(".go")]
            if len(files) > MAX_FILES:
                an.r.add("dynamic", f"go generate reads more than {MAX_FILES} Go files here, too many to review")
                return
    for path in files:
        text = _read(an, path) or ""
        for m in re.finditer(r"^//go:generate\s+(.+)$", text, re.M):
            line = m.group(1).strip()
            if "$" in line:
                an.r.built_when_run(f"go generate runs a command only known when it runs: {line[:60]}")
            else:
                an.line(line, depth + 1, posixpath.dirname(path))


def _python_runs(an: Analyzer, prog: str, text: str, cwd: str, depth: int) -> None:
    an.code("python3", text, depth, cwd, where=cwd)
    _literal_calls(an, prog, text, _PY_RUN, cwd, depth)


def _literal_calls(an: Analyzer, prog: str, text: str, pattern: re.Pattern[str], cwd: str, depth: int) -> None:
    """Each call the pattern finds: its string-literal arguments are the command (words joined, as the runners
    join them); anything else is only known when it runs."""
    from macrohard.safety import jscode

    for m in pattern.finditer(text):
        start = m.end() if m.group(0).rstrip().endswith("(") else m.end() - 1
        if not m.group(0).rstrip().endswith("("):  # ruby's `sh "cmd"` without parentheses: to the line's end
            line = text[start:].split("\n", 1)[0]
            words = re.findall(r"'([^']*)'|\"([^\"#$]*)\"", line)
            if not words or "#{" in line or re.sub(r"'[^']*'|\"[^\"]*\"|[\s,]", "", line):
                an.r.built_when_run(f"{prog} runs a command only known when it runs ({line.strip()[:40]})")
                continue
            an.line(" ".join(a or b for a, b in words), depth + 1, cwd)
            continue
        words = jscode._literal_words(text, start)
        if words is None:
            an.r.built_when_run(f"{prog} runs a command only known when it runs ({m.group(0).strip()}…)")
        elif words:
            an.line(words[0] if len(words) == 1 else shlex.join(words), depth + 1, cwd)


def _run(an: Analyzer, prog: str, args: list[str], cwd: str, depth: int) -> None:
    """``poetry run CMD`` runs CMD; ``pdm run NAME``/``hatch run NAME`` a script of pyproject.toml if one has
    that name."""
    rest = args[args.index("run") + 1:]
    while rest and rest[0].startswith("-"):
        rest = rest[1:]
    if not rest:
        return
    text = _read(an, posixpath.join(cwd, "pyproject.toml")) or ""
    script = _pyproject_script(text, prog, rest[0])
    if script is not None:
        if isinstance(script, str):
            an.line(script, depth + 1, cwd)
        else:
            an.r.add("dynamic", f"{prog} run {rest[0]} runs a script the guard cannot read from pyproject.toml")
        return
    an.line(shlex.join(rest), depth + 1, cwd)


def _pyproject_script(text: str, prog: str, name: str) -> str | object | None:
    if not text:
        return None
    import tomllib

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return object() if name in text else None
    tool = data.get("tool", {}) if isinstance(data.get("tool"), dict) else {}
    tables = []
    if prog == "pdm":
        tables.append((tool.get("pdm") or {}).get("scripts") or {})
    if prog == "hatch":
        envs = (tool.get("hatch") or {}).get("envs") or {}
        tables += [(e or {}).get("scripts") or {} for e in envs.values() if isinstance(e, dict)]
    for table in tables:
        if not isinstance(table, dict) or name not in table:
            continue
        value = table[name]
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return " && ".join(value)
        if isinstance(value, dict):
            for key in ("cmd", "shell"):
                if isinstance(value.get(key), str):
                    return value[key]
                if isinstance(value.get(key), list):
                    return shlex.join(value[key])
            if "call" in value:
                return f"python3 -c 'import {str(value['call']).split(':')[0]}'"
        return object()
    return None

