"""The `tiny` suite is sound: every script solves its task through the real loop, and every check
fails on the untouched workspace (so a check can tell a solved task from an unsolved one)."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from typing import Any

import pytest

from macrohard.eval.checkers import run_check
from macrohard.eval.suite import CommandCheck
from macrohard.testing import ScriptedModel
from macrohard.types import Run, RunStatus, Task

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("tiny_tasks_run", ROOT / "benchmarks" / "tiny_tasks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
SPECS = BENCH.load_suite()


def test_suite_shape() -> None:
    assert len(SPECS) >= 30
    ids = [s["id"] for s in SPECS]
    assert len(set(ids)) == len(ids), "task ids must be unique"
    for s in SPECS:
        assert s["script"], s["id"]
        assert s["check"]["type"] == "command", s["id"]
        assert s["budget"]["max_steps"] == 8


@pytest.mark.parametrize("spec", SPECS, ids=[s["id"] for s in SPECS])
def test_script_solves_task_and_check_needs_it(spec: dict[str, Any], tmp_path: Path, store: Any) -> None:
    untouched = tmp_path / "untouched"
    untouched.mkdir()
    for rel, content in (spec.get("files") or {}).items():
        (untouched / rel).parent.mkdir(parents=True, exist_ok=True)
        (untouched / rel).write_text(content)
    for command in spec.get("setup") or []:
        subprocess.run(["bash", "-c", command], cwd=untouched, check=True)
    check = CommandCheck.model_validate(spec["check"])
    unsolved = run_check(check, str(untouched), Run(task=Task(text=spec["text"])), [])  # in a sandbox, as in a run
    assert not unsolved.passed, f"{spec['id']}: the check passes without any work"

    solved = tmp_path / "solved"
    solved.mkdir()
    row = BENCH.run_one(spec, ScriptedModel(spec["script"]), store, str(solved))
    assert row["status"] == RunStatus.succeeded.value, row
    assert [a for a in row["actions"] if a.get("note")] == [], "a script step was denied or failed"
    assert row["passed"], f"{spec['id']}: the script does not pass its own check"
