"""Outcomes are true (issue 9, finding 7): a give-up is not a success, a check's result stands beside the
agent's claim, and `macrohard run` exits non-zero unless the task was really done. Scripted model, real
loop, real sandbox, real store, the real CLI process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from macrohard.runner import run_task
from macrohard.testing import ScriptedModel
from macrohard.types import RunStatus, Task

GIVE_UP = {"kind": "finish", "answer": "gave up: ran rm a/b/c failed", "success": False}


def mh(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_a_give_up_is_recorded_as_gave_up_never_succeeded(store, workspace: Path) -> None:
    run = run_task(Task(text="delete a/b/c", workspace=str(workspace)), store=store,
                   model=ScriptedModel([{"kind": "bash", "command": "rm a/b/c"}, GIVE_UP]))
    assert run.status is RunStatus.gave_up and not run.passed
    assert run.answer == GIVE_UP["answer"] and "gave up" in (run.error or "")
    assert store.get_run(run.id).status is RunStatus.gave_up


def test_the_finish_claim_is_a_field_of_the_action_the_model_sets() -> None:
    from macrohard.agent import tool_schemas
    from macrohard.types import FinishAction

    (tool,) = tool_schemas([FinishAction])
    assert tool["function"]["parameters"]["properties"]["success"]["type"] == "boolean"


def test_cli_exits_non_zero_on_a_give_up(_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "rm a/b/c"}, GIVE_UP]))
    res = mh("run", "delete a/b/c", "--model", f"scripted:{script}", "--workspace", str(tmp_path / "ws"), home=_home)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "gave_up" in res.stdout and "succeeded" not in res.stdout


def _task_file(tmp_path: Path, check: dict) -> Path:
    path = tmp_path / "task.yaml"
    path.write_text(yaml.safe_dump({"text": "create done.txt containing yes", "check": check}))
    return path


def test_a_false_success_is_visible_and_exits_non_zero(_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "s.json"  # claims success without doing the work
    script.write_text(json.dumps([{"kind": "finish", "answer": "created done.txt", "success": True}]))
    task = _task_file(tmp_path, {"type": "file", "path": "done.txt", "equals": "yes"})
    res = mh("run", "--task-file", str(task), "--model", f"scripted:{script}", "--workspace", str(tmp_path / "ws"),
             home=_home)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "FALSE SUCCESS" in res.stdout and "done.txt does not exist" in res.stdout
    (run,) = json.loads(mh("runs", "list", "--json", home=_home).stdout)
    assert run["status"] == "succeeded" and run["check"]["passed"] is False  # the claim, and beside it the truth
    shown = mh("runs", "show", run["id"], home=_home).stdout
    assert "FALSE SUCCESS" in shown and "check" in shown
    assert "check failed" in mh("runs", "list", home=_home).stdout


def test_a_checked_success_exits_zero(_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "write_file", "path": "done.txt", "content": "yes\n"},
                                  {"kind": "finish", "answer": "created done.txt"}]))
    task = _task_file(tmp_path, {"type": "command", "command": "grep -qx yes done.txt"})
    res = mh("run", "--task-file", str(task), "--model", f"scripted:{script}", "--workspace", str(tmp_path / "ws"),
             home=_home)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "passed" in res.stdout and "FALSE SUCCESS" not in res.stdout
