"""`runs show` as a new user meets it (helper ux52): a run still going before its first step, and the summary at
80 columns. Each test was seen failing on the code before its fix (RESULTS.md, ux52)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from macrohard.envs.mounts import owner_record
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Run, RunStatus, Task

ROOT = Path(__file__).resolve().parents[2]


def _show(home: Path, run_id: str, columns: int = 80) -> str:
    """`macrohard runs show RUN_ID` in its own process at ``columns`` (the in-process console keeps its first width)."""
    env = {**os.environ, "MACROHARD_HOME": str(home), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": str(columns)}
    done = subprocess.run([sys.executable, "-m", "macrohard", "runs", "show", run_id], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _stored(home: Path, run: Run) -> Run:
    home.mkdir(parents=True, exist_ok=True)
    store = SQLiteStore(home / "runs.db")
    store.create_run(run)
    store.close()
    return run


def test_a_run_still_going_before_its_first_step_is_not_said_to_have_ended(_home):
    """Before: `runs show` of a web run waiting on its model (or on the screens' one-time build) said "(no steps: the
    run ended before its first; the reason is below)" beside `status running`, with no reason below."""
    # a run of this very process (a live owner): `runs show` does not take it for a dead one
    run = _stored(_home, Run(task=Task(text="print the date"), model="scripted:x",
                             meta={"owner": owner_record()}))
    out = _show(_home, run.id)
    assert "running" in out
    assert "ended before its first" not in out, out
    assert "no steps yet" in out and "still going" in out, out
    # one that did end before its first step still says so
    ended = _stored(_home, Run(task=Task(text="never began"), model="scripted:x", status=RunStatus.failed,
                               error="the sandbox could not start", finished_at=time.time()))
    assert "ended before its first" in _show(_home, ended.id)


def test_the_summary_keeps_a_long_workspace_and_model_whole_at_80_columns(_home):
    """Before: the summary's values were cut with `…` at 80 columns (the workspace path a person copies to look at
    the files, a model server's URL)."""
    deep = _home / "a-rather-long-folder-name-for-workspaces" / "and-one-more-level" / "20261206-184955-236d0c"
    model = "http://127.0.0.1:8080/v1#qwen2.5-coder-1.5b-instruct-q4_k_m-for-this-test"
    run = _stored(_home, Run(task=Task(text="look at the files"), model=model, status=RunStatus.succeeded,
                             workspace=str(deep), answer="done", finished_at=time.time()))
    out = _show(_home, run.id)
    assert "…" not in out, out
    assert all(len(line) <= 80 for line in out.splitlines()), out
    joined = "".join(line.strip() for line in out.splitlines())  # a value folded onto the next line is still whole
    assert str(deep) in joined and model in joined, out


def test_a_runs_command_typed_without_runs_names_the_whole_command(_home):
    """Before: `macrohard replay RUN_ID` (the brief's own words, and `show`, `diff`, `apply` as a person says them)
    said only "No such command 'replay'." with no way on."""
    from tests.cli_in_process import mh

    done = mh("replay", "20261206-184955-236d0c")
    assert done.returncode == 2
    assert "macrohard runs replay" in done.stderr, done.stderr
    done = mh("show", "20261206-184955-236d0c")
    assert done.returncode == 2 and "macrohard runs show" in done.stderr, done.stderr
    done = mh("verify", "x")  # a command of another group
    assert done.returncode == 2 and "macrohard audit verify" in done.stderr, done.stderr
    done = mh("nosuchthing")  # nothing near: as before
    assert done.returncode == 2 and "No such command 'nosuchthing'" in done.stderr, done.stderr


def test_a_step_line_keeps_its_timing_whole_at_80_columns(_home):
    """Before: at 80 columns a step whose action filled the line split its timing over two lines ("… wait=5.0  19 ms"
    / "model · 356 ms env"), in the live view and in `runs show`."""
    from macrohard.types import Observation, Step, parse_action

    run = _stored(_home, Run(task=Task(text="show a message", environment="desktop"), model="scripted:x",
                             status=RunStatus.succeeded, steps=2, finished_at=time.time()))
    store = SQLiteStore(_home / "runs.db")
    store.append_step(run.id, Step(index=1, action=parse_action({"kind": "desktop_launch",
                                                                 "command": "xmessage -center hello-desktop"}),
                                   observation=Observation(output="Started xmessage."), model_ms=19, env_ms=356))
    store.append_step(run.id, Step(index=2, action=parse_action({"kind": "bash", "command": "ls"}),
                                   observation=Observation(output="a.txt"), model_ms=3, env_ms=12))
    store.close()
    out = _show(_home, run.id)
    assert all(len(line) <= 80 for line in out.splitlines()), out
    timings = [line for line in out.splitlines() if " ms env" in line]
    assert len(timings) == 2 and all(" ms model · " in line for line in timings), out  # each timing on one line
    assert "ms model · 12 ms env" in next(line for line in out.splitlines() if "bash" in line or " ls " in line), out


def test_a_long_observation_line_wraps_under_its_step_at_80_columns(_home):
    """Before: an observation line longer than the terminal wrapped to column 0, under the step numbers (a browser
    step's "Page (element ids in brackets, e.g. [e5], are what" / "browser_click/type/select take):")."""
    from macrohard.types import Observation, Step, parse_action

    run = _stored(_home, Run(task=Task(text="read the page", environment="browser"), model="scripted:x",
                             status=RunStatus.succeeded, steps=1, finished_at=time.time()))
    long_line = "Page (element ids in brackets, e.g. [e5], are what browser_click/type/select take): " + "word " * 20
    store = SQLiteStore(_home / "runs.db")
    store.append_step(run.id, Step(index=1, action=parse_action({"kind": "bash", "command": "cat page.txt"}),
                                   observation=Observation(output=f"URL: http://127.0.0.1:8000/\n{long_line}"),
                                   model_ms=1, env_ms=2))
    store.close()
    out = _show(_home, run.id)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "URL: http" in line)
    end = next(i for i, line in enumerate(lines) if line.startswith("─") and i > start)
    body = lines[start:end]
    assert len(body) >= 3, out  # the long line did wrap
    assert all(line.startswith("      ") for line in body), out  # each piece under its step, none at column 0
    assert "[e5]" in out and "browser_click/type/select" in out, out
