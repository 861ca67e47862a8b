"""A killed evaluation shows as incomplete and resumes without counting anything twice (issue 10, finding 5).

A real `macrohard eval` process is killed with SIGKILL part-way; `eval show/list/compare` (run in the test's process)
must say
"n of N, interrupted" (never "n/n = 100 %"), and `--resume ID` runs only the missing tasks.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from cli_in_process import mh as here

pytestmark = pytest.mark.timeout(300)
N = 6


def mh(*args: str, home: Path, timeout: float = 200) -> subprocess.CompletedProcess[str]:
    """An evaluation that runs tasks: its own process, as a user's (what only reads or refuses runs `here`, in the
    test's process: the same console script, no Python start each)."""
    env = {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def _env(home: Path) -> dict[str, str]:
    return {"MACROHARD_HOME": str(home), "COLUMNS": "250"}


@pytest.fixture
def slow_suite(tmp_path: Path) -> Path:
    tasks = [{"id": f"t{i}", "text": f"make f{i}.txt", "tags": ["file"],
              "script": [{"kind": "bash", "command": "sleep 0.6"},
                         {"kind": "write_file", "path": f"f{i}.txt", "content": "ok\n"}],
              "check": {"type": "file", "path": f"f{i}.txt", "equals": "ok"}} for i in range(N)]
    path = tmp_path / "slow.yaml"
    path.write_text(yaml.safe_dump({"name": "slow", "description": "six slow tasks", "tasks": tasks}))
    return path


def _results(home: Path) -> list[tuple[str, str, int]]:
    db = home / "runs.db"
    if not db.exists():
        return []
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute("SELECT key, run_id, passed FROM eval_results ORDER BY key").fetchall()
    except sqlite3.OperationalError:  # tables not made yet
        return []
    finally:
        con.close()


def _kill_part_way(suite: Path, home: Path) -> int:
    env = {**os.environ, "MACROHARD_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", str(suite), "--model", "scripted",
                             "--isolation", "none", "--json"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(_results(home)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    return len(_results(home))


def test_a_killed_eval_is_incomplete_and_resume_runs_only_what_is_missing(slow_suite, _home):
    done = _kill_part_way(slow_suite, _home)
    assert 2 <= done < N
    before = {key: run_id for key, run_id, _ in _results(_home)}

    listed = json.loads(here("eval", "list", "--runs", "--json", env=_env(_home)).stdout)
    (entry,) = listed
    assert entry["state"] == "interrupted" and entry["results"] == done and entry["n_tasks"] == N
    eval_id = entry["id"]
    assert f"of {N}, interrupted" in here("eval", "list", "--runs", env=_env(_home)).stdout

    shown = json.loads(here("eval", "show", eval_id, "--json", env=_env(_home)).stdout)
    assert shown["state"] == "interrupted" and shown["expected"] == N and shown["overall"]["n"] == done
    text = here("eval", "show", eval_id, env=_env(_home)).stdout
    assert f"INCOMPLETE (interrupted): {done} of {N}" in text and f"--resume {eval_id}" in text
    assert f"of the {done} finished" in text
    assert "INCOMPLETE (interrupted)" in here("eval", "compare", eval_id, eval_id, env=_env(_home)).stdout

    res = mh("eval", str(slow_suite), "--resume", eval_id, "--json", home=_home)
    assert res.returncode == 0, res.stdout + res.stderr
    summary = json.loads(res.stdout)
    assert summary["state"] == "complete" and summary["overall"]["n"] == N and summary["overall"]["passed"] == N

    after = _results(_home)
    assert [k for k, _, _ in after] == sorted(f"t{i}#0" for i in range(N))  # each task once
    assert {k: r for k, r, _ in after if k in before} == before  # the finished ones were not run again
    assert all(r.endswith("-r1") for k, r, _ in after if k not in before)
    runs = json.loads(here("runs", "list", "--json", "-n", "100", env=_env(_home)).stdout)
    assert [r["id"] for r in runs if r["status"] == "running"] == []
    closed = [r for r in runs if r["status"] == "interrupted"]
    assert all("resumed as" in r["error"] and r["meta"]["superseded_by"].endswith("-r1") for r in closed)
    assert json.loads(here("eval", "show", eval_id, "--json", env=_env(_home)).stdout)["state"] == "complete"

    again = mh("eval", str(slow_suite), "--resume", eval_id, "--json", home=_home)
    assert again.returncode == 0 and json.loads(again.stdout)["overall"]["n"] == N
    assert _results(_home) == after


def test_resume_refuses_another_model_or_suite(slow_suite, quick_suite_path, _home):
    done = _kill_part_way(slow_suite, _home)
    assert done < N
    eval_id = json.loads(here("eval", "list", "--runs", "--json", env=_env(_home)).stdout)[0]["id"]
    res = here("eval", str(slow_suite), "--resume", eval_id, "--model", "local", env=_env(_home))
    assert res.returncode == 2 and "--model scripted" in res.stderr
    res = here("eval", str(quick_suite_path), "--resume", eval_id, env=_env(_home))
    assert res.returncode == 2 and "ran suite 'slow'" in res.stderr
