"""The `macrohard` command as a user runs it: a real process, real store, real workspace."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import FakeOpenAIServer

BIN = [sys.executable, "-m", "macrohard"]


def mh(*args: str, home: Path, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess[str]:
    env = env or {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run([*BIN, *args], capture_output=True, text=True, env=env, timeout=120, **kw)


def test_help_reads_well(_home):
    out = mh("--help", home=_home).stdout
    for word in ("run", "runs", "models"):
        assert word in out


def test_run_with_scripted_model_then_list_and_show(_home, tmp_path):
    script = tmp_path / "s.json"
    script.write_text(json.dumps([
        {"kind": "bash", "command": "mkdir -p out && echo 42 > out/answer.txt"},
        {"kind": "finish", "answer": "wrote 42"},
    ]))
    ws = tmp_path / "ws"
    res = mh("run", "write the answer", "--model", f"scripted:{script}", "--workspace", str(ws), "--write-back",
             home=_home)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "succeeded" in res.stdout and "mkdir -p out" in res.stdout
    assert (ws / "out" / "answer.txt").read_text() == "42\n"
    runs = json.loads(mh("runs", "list", "--json", home=_home).stdout)
    assert len(runs) == 1 and runs[0]["status"] == "succeeded"
    shown = json.loads(mh("runs", "show", runs[0]["id"], "--json", home=_home).stdout)
    assert [s["action"]["kind"] for s in shown["steps"]] == ["bash", "finish"]
    table = mh("runs", "list", home=_home).stdout
    assert runs[0]["id"] in table
    for columns in ("80", "100"):  # a narrow terminal: whole ids, no line past the edge, no cropped border
        narrow = mh("runs", "list", home=_home, env={**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": columns})
        lines = narrow.stdout.splitlines()
        assert runs[0]["id"] in narrow.stdout and all(len(line) <= int(columns) for line in lines)
        assert lines[1].endswith("┓")  # the table's top-right corner: the table fits


def test_unreachable_model_exit_2_and_recorded(_home):
    with FakeOpenAIServer() as srv:
        url = srv.url
    res = mh("run", "anything", "--model", url, home=_home)
    assert res.returncode == 2
    assert "cannot reach the model server" in res.stderr and "--model" in res.stderr
    (run,) = SQLiteStore(_home / "runs.db").list_runs()
    assert run.status.value == "failed"


def test_bad_task_file_exit_2(_home, tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text("text: x\nbudget:\n  max_steps: -1\n")
    res = mh("run", "--task-file", str(f), home=_home)
    assert res.returncode == 2 and "t.yaml:3" in res.stderr and "max_steps" in res.stderr


def test_ctrl_c_marks_interrupted_and_keeps_steps(_home, tmp_path):
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "echo first"},
                                  {"kind": "bash", "command": "sleep 20", "timeout": 60}]))
    env = {**os.environ, "MACROHARD_HOME": str(_home)}
    proc = subprocess.Popen([*BIN, "run", "slow", "--model", f"scripted:{script}"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = _home / "runs.db"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists() and (runs := SQLiteStore(db).list_runs()) and runs[0].steps >= 1:
            break
        time.sleep(0.1)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    (run,) = SQLiteStore(db).list_runs()
    assert run.status.value == "interrupted"
    steps = SQLiteStore(db).steps(run.id)
    assert steps[0].observation.output == "first\n"


def test_json_output_stays_json_when_the_guard_asks_without_a_terminal(_home, tmp_path):
    """The note that an ``ask`` was settled by the policy goes to stderr: stdout is only the JSON."""
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "ssh build@host.example uptime"},
                                  {"kind": "finish", "answer": "tried"}]))
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  - {id: net, categories: [network], decision: ask, reason: reaches another host}\n")
    res = mh("run", "check the build host", "--model", f"scripted:{script}", "--policy", str(policy), "--json",
             home=_home, stdin=subprocess.DEVNULL)
    assert "no terminal to ask, so denied" in res.stderr, res.stderr
    assert json.loads(res.stdout)["status"] == "succeeded"  # stdout parses: nothing but the run
