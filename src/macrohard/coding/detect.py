"""Which command runs a repository's tests, and why we think so.

Tried in order, first match wins; every rule that was looked at is kept in ``Detection.considered``
so the user sees what was found and what was not:

1. ``.macrohard.yaml`` with ``test: COMMAND`` (and optional ``timeout: SECONDS``, ``runner:``) — the
   repository says it; nothing is guessed.
2. pytest: a pytest configuration (``pytest.ini``, ``conftest.py``, ``[tool.pytest.ini_options]``,
   ``[tool:pytest]``, ``[pytest]`` in tox.ini) or a test file that imports pytest.
   Plain ``def test_`` functions (pytest's style) count too.
3. unittest: ``test_*.py`` / ``*_test.py`` files that use unittest, none of which imports pytest.
4. tox / nox (``tox.ini``, ``noxfile.py``): they build environments from the network, which the
   sandbox does not have; said so.
5. ``npm test`` (a ``scripts.test`` in package.json that is not npm's "no test specified").
6. ``go test ./...`` (go.mod), 7. ``cargo test`` (Cargo.toml), 8. ``make test`` (a ``test:`` target).

Python tests run with the sandbox's ``python3`` (``/usr/bin/python3``, whose pytest comes from the
``python3-pytest`` package); pytest writes a JUnit XML report, the reliable per-test source.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, Field

from macrohard.errors import UserError

JUNIT_FILE = ".macrohard-junit.xml"
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", "build", "dist", "target"}


class TestCommand(BaseModel):
    """How a repository's tests run."""

    __test__ = False  # not a pytest test class

    command: str = Field(description="The shell command, run at the repository's root inside the sandbox.")
    runner: str = Field(description="pytest, unittest, tox, nox, npm, go, cargo, make or custom: how results are read.")
    reason: str = Field(description="Why this command: the file or setting that named it.")
    timeout: float = Field(default=300.0, description="Seconds before the run is stopped and counted as failing.")


class Detection(BaseModel):
    """What detection found (``command`` is None when nothing was) and every rule it looked at."""

    command: TestCommand | None = None
    considered: list[str] = Field(default_factory=list)

    def summary(self) -> str:
        if self.command is None:
            return "no test command found (" + "; ".join(self.considered) + ")"
        return f"{self.command.runner}: `{self.command.command}` — {self.command.reason}"


def _pytest(timeout: float, reason: str) -> TestCommand:
    return TestCommand(command=f"python3 -B -m pytest -q -p no:cacheprovider --junitxml={JUNIT_FILE} -o junit_family=xunit2",
                       runner="pytest", reason=reason, timeout=timeout)


def _test_files(root: Path, limit: int = 2000) -> list[Path]:
    found: list[Path] = []
    for path in root.rglob("*.py"):
        if any(part in SKIP_DIRS for part in path.relative_to(root).parts):
            continue
        if path.name.startswith("test_") or path.name.endswith("_test.py") or path.name == "tests.py":
            found.append(path)
            if len(found) >= limit:
                break
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def _from_yaml(root: Path, timeout: float) -> TestCommand:
    import yaml

    path = root / ".macrohard.yaml"
    try:
        data = yaml.safe_load(_read(path)) or {}
    except yaml.YAMLError as exc:
        raise UserError(f"{path} is not valid YAML ({exc}); fix it, e.g. `test: python3 -m pytest`") from exc
    if not isinstance(data, dict) or not isinstance(data.get("test"), str) or not data["test"].strip():
        raise UserError(f"{path} has no `test:` command; add one, e.g. `test: python3 -m pytest`")
    runner = str(data.get("runner") or "custom")
    limit = float(data.get("timeout") or timeout)
    if runner == "pytest":
        cmd = _pytest(limit, "")
        return cmd.model_copy(update={"command": f"{data['test'].strip()} --junitxml={JUNIT_FILE}",
                                      "reason": ".macrohard.yaml names it (runner: pytest)"})
    return TestCommand(command=data["test"].strip(), runner=runner, reason=".macrohard.yaml names it", timeout=limit)


def detect(repo: str | Path, *, timeout: float = 300.0) -> Detection:
    """The test command of ``repo`` and why; ``Detection.command`` is None when none was found."""
    root = Path(repo)
    seen: list[str] = []
    if (root / ".macrohard.yaml").is_file():
        return Detection(command=_from_yaml(root, timeout), considered=[".macrohard.yaml: test command given"])
    seen.append("no .macrohard.yaml")
    pyproject, setup_cfg, tox_ini = _read(root / "pyproject.toml"), _read(root / "setup.cfg"), _read(root / "tox.ini")
    config = [name for name, ok in (
        ("pytest.ini", (root / "pytest.ini").is_file()),
        ("conftest.py", (root / "conftest.py").is_file() or (root / "tests" / "conftest.py").is_file()),
        ("[tool.pytest.ini_options] in pyproject.toml", "[tool.pytest.ini_options]" in pyproject),
        ("[tool:pytest] in setup.cfg", "[tool:pytest]" in setup_cfg),
        ("[pytest] in tox.ini", "[pytest]" in tox_ini)) if ok]
    tests = _test_files(root)
    if config:
        return Detection(command=_pytest(timeout, f"pytest configuration: {', '.join(config)}"), considered=seen)
    seen.append("no pytest configuration")
    uses_pytest = [p for p in tests if re.search(r"^\s*(import pytest|from pytest)", _read(p), re.M)]
    if uses_pytest:
        rel = uses_pytest[0].relative_to(root)
        return Detection(command=_pytest(timeout, f"{len(tests)} test file(s); {rel} imports pytest"), considered=seen)
    bare = [p for p in tests if re.search(r"^def test_", _read(p), re.M) or "unittest" not in _read(p)]
    if bare:  # plain test functions: pytest's style (unittest would find nothing in them)
        rel = bare[0].relative_to(root)
        return Detection(command=_pytest(timeout, f"{len(tests)} test file(s); {rel} has plain test functions"),
                         considered=seen)
    if tests:
        start = "tests" if (root / "tests").is_dir() and not (root / "tests" / "__init__.py").exists() else "."
        cmd = "python3 -B -m unittest discover -v" + (f" -s {start}" if start != "." else "")
        return Detection(command=TestCommand(command=cmd, runner="unittest", timeout=timeout,
                                             reason=f"{len(tests)} test file(s) (e.g. {tests[0].relative_to(root)}), "
                                                    "all use unittest"), considered=seen)
    seen.append("no Python test files (test_*.py, *_test.py)")
    if tox_ini or (root / "noxfile.py").is_file():
        tool = "tox" if tox_ini else "nox"
        return Detection(command=TestCommand(command=tool, runner=tool, timeout=timeout,
                                             reason=f"{'tox.ini' if tool == 'tox' else 'noxfile.py'} found; it builds "
                                                    "its environments from the network, which the sandbox lacks "
                                                    "(name the command in .macrohard.yaml instead)"),
                         considered=seen)
    package = root / "package.json"
    if package.is_file():
        try:
            script = (json.loads(_read(package)).get("scripts") or {}).get("test", "")
        except (ValueError, AttributeError):
            script = ""
        if script and "no test specified" not in script:
            return Detection(command=TestCommand(command="npm test", runner="npm", timeout=timeout,
                                                 reason=f"package.json scripts.test: {script[:80]}"), considered=seen)
        seen.append("package.json without a test script")
    for name, command, runner in (("go.mod", "go test -v ./...", "go"), ("Cargo.toml", "cargo test", "cargo")):
        if (root / name).is_file():
            return Detection(command=TestCommand(command=command, runner=runner, timeout=timeout,
                                                 reason=f"{name} found"), considered=seen)
    makefile = next((root / n for n in ("Makefile", "makefile", "GNUmakefile") if (root / n).is_file()), None)
    if makefile is not None and re.search(r"^test\s*:", _read(makefile), re.M):
        return Detection(command=TestCommand(command="make test", runner="make", timeout=timeout,
                                             reason=f"{makefile.name} has a `test:` target"), considered=seen)
    seen.append("no package.json test script, go.mod, Cargo.toml or Makefile `test:` target")
    return Detection(command=None, considered=seen)
