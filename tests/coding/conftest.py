"""Real git repositories, the real sandbox, the scripted model: what `macrohard code` runs on in these tests."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

CALC = """def add(a, b):
    return a - b


def mul(a, b):
    return a * b
"""
TESTS = """import pytest
from calc import add, mul


def test_add():
    assert add(2, 3) == 5


def test_mul():
    assert mul(2, 3) == 6
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def make_repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Repo Owner")
    git(root, "config", "user.email", "owner@example.com")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one failing test (add subtracts) and one passing (mul)."""
    return make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": TESTS})


def code(tmp_path: Path, repo: Path, script: list[dict[str, Any]], *extra: str) -> tuple[Any, dict[str, Any]]:
    """`macrohard code` with a scripted model; the CLI result and the finished run (JSON)."""
    from macrohard.cli import app

    path = tmp_path / f"script-{len(list(tmp_path.glob('script-*')))}.json"
    path.write_text(json.dumps(script))
    result = CliRunner().invoke(app, ["code", "fix the bug", "--source", str(repo), "--model", f"scripted:{path}",
                                      "--json", *extra])
    start = result.stdout.find("{\n")
    assert start >= 0, result.output
    return result, json.loads(result.stdout[start:])


def cli(*args: str) -> Any:
    from macrohard.cli import app

    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    # a UserError reaches the terminal through `macrohard`'s entry point; here it is the result's exception
    result.text = result.output + (str(result.exception) if result.exception else "")
    return result
