"""The screens' one-time build (a HOME whose cache has no tables: minutes) happens before the agent's clock starts, so
it is not spent from the task's wall-time budget (seen on a fresh HOME: the demo wrote hello.txt right in its first
step, then ended `out_of_budget` after 766 s, most of them the table's build under load)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from macrohard.runner import run_task
from macrohard.safety import embed
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, RunStatus, Task


def test_a_build_of_the_screens_is_not_spent_from_the_run_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[float] = []

    def slow_build(say=print) -> None:  # stands in for the minutes of a real first build: past the 6 s budget, as
        time.sleep(6.5)  # a budget spent on it would show at the first step (8 s before suite52)
        built.append(time.monotonic())

    monkeypatch.setattr(embed, "prepared", lambda: bool(built))
    monkeypatch.setattr(embed, "prepare", slow_build)
    monkeypatch.setenv("MACROHARD_ISOLATION", "none")
    store = SQLiteStore(tmp_path / "runs.db")
    task = Task(text="write a file", workspace=str(tmp_path / "ws"), budget=Budget(max_steps=3, max_seconds=6))
    script = [{"kind": "write_file", "path": "a.txt", "content": "a"}, {"kind": "finish", "answer": "wrote a.txt"}]
    run = run_task(task, model=ScriptedModel(script), store=store, guard=Guard(checks=[]))
    assert len(built) == 1  # built once, before the run
    assert run.status is RunStatus.succeeded, (run.status, run.error)
    again = run_task(task.model_copy(update={"workspace": str(tmp_path / "ws2")}), model=ScriptedModel(script),
                     store=store, guard=Guard(checks=[]))
    assert len(built) == 1 and again.status is RunStatus.succeeded  # ready now: not built again
    store.close()


def test_prepared_looks_at_files_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("MACROHARD_CACHE", raising=False)
    assert embed.prepared() is False  # an empty HOME: nothing cached yet
