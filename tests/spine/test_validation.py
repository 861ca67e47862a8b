"""Bad input to `macrohard run` (issue 10, finding 9): a clear message naming the fix, exit code 2,
no traceback and no run recorded. Each case goes through the real CLI (its `main`, in the test's process: a refusal
needs no Python start of its own); the good input runs as its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cli_in_process import mh
from macrohard.store.sqlite import SQLiteStore


def _run(home, *args: str) -> subprocess.CompletedProcess[str]:
    """`macrohard run ARGS` through the console script's `main`, in this process (a refusal needs no Python start)."""
    return mh("run", *args, env={"MACROHARD_HOME": str(home)})


def _refused(proc: subprocess.CompletedProcess[str], home, *says: str) -> None:
    out = " ".join((proc.stdout + proc.stderr).split())
    assert "Traceback" not in out, out[-3000:]
    assert proc.returncode == 2, out[-3000:]
    for s in says:
        assert s in out, out[-3000:]
    db = home / "runs.db"
    assert not db.exists() or SQLiteStore(db).list_runs() == []  # no run recorded, none left `running`


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    return f"scripted:{path}"


@pytest.mark.parametrize("args, says", [
    (["--network", "wormhole"], ["--network", "'none', 'loopback', 'hosts' or 'full'"]),
    (["--max-steps", "-1"], ["--max-steps", "greater than or equal to 1"]),
    (["--max-steps", "0"], ["--max-steps", "greater than or equal to 1"]),
    (["--model-timeout", "0"], ["--model-timeout", "greater than 0"]),
    (["--environment", "spaceship"], ["unknown environment 'spaceship'", "shell"]),
    (["-w", "/proc"], ["/proc is a system directory", "-w ./work"]),
    (["-w", "/proc/sys/x"], ["system directory"]),
    (["-w", "/sys/kernel"], ["system directory"]),
], ids=["network", "steps-negative", "steps-zero", "model-timeout", "environment", "proc", "proc-sub", "sys"])
def test_bad_options_are_refused_before_a_run_is_recorded(args, says, _home, script, tmp_path):
    _refused(_run(_home, "say hi", "--model", script, *args), _home, *says)


def test_a_workspace_that_is_a_file_is_refused(_home, script, tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("mine")
    _refused(_run(_home, "say hi", "--model", script, "-w", str(f)), _home, "is a file, not a directory")
    _refused(_run(_home, "say hi", "--model", script, "-w", str(f / "sub")), _home, "is a file")
    assert f.read_text() == "mine"


def test_source_without_the_sandbox_is_refused_before_a_run_is_recorded(_home, script, tmp_path):
    src = tmp_path / "project"
    src.mkdir()
    _refused(_run(_home, "say hi", "--model", script, "--source", str(src), "--no-sandbox"), _home,
             "--source", "drop --no-sandbox")


def test_an_empty_task_is_refused(_home, script):
    _refused(_run(_home, "", "--model", script), _home, "TASK", "at least 1 character")


@pytest.mark.parametrize("content, says", [
    (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", ["is binary", "text: ..."]),
    ("text: caf\xe9\n".encode("latin-1"), ["not UTF-8", "byte 0xe9", "save it as UTF-8"]),
], ids=["binary", "latin-1"])
def test_a_binary_or_non_utf8_task_file_is_refused(content, says, _home, script, tmp_path):
    f = tmp_path / "task.yaml"
    f.write_bytes(content)
    _refused(_run(_home, "-f", str(f), "--model", script), _home, *says)


def test_a_50mb_task_file_is_refused_at_once(_home, script, tmp_path):
    f = tmp_path / "task.yaml"
    with f.open("w") as fh:
        fh.write("text: |\n")
        for _ in range(520_000):
            fh.write("  " + "word " * 19 + "\n")
    assert f.stat().st_size > 50_000_000
    proc = _run(_home, "-f", str(f), "--model", script)
    _refused(proc, _home, "larger than 2 MiB", "put large inputs in the workspace")


def test_a_long_task_text_names_the_limit_and_the_fix(_home, script, tmp_path):
    f = tmp_path / "task.yaml"
    f.write_text("text: " + "x" * 300_000 + "\n")
    _refused(_run(_home, "-f", str(f), "--model", script), _home, "300,000 characters", "200,000",
             "tell the agent to read it")


def test_a_task_file_with_a_bad_network_is_refused_with_its_line(_home, script, tmp_path):
    f = tmp_path / "task.yaml"
    f.write_text("text: hi\nnetwork: wormhole\n")
    _refused(_run(_home, "-f", str(f), "--model", script), _home, "task.yaml:2: network")


def test_good_input_still_runs(_home, script, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "macrohard", "run", "say hi", "--model", script, "--max-steps", "3",
                           "--network", "none", "--no-sandbox", "-w", str(tmp_path / "new" / "ws")],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MACROHARD_HOME": str(_home)})  # a run: its own process, as a user's
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (run,) = SQLiteStore(_home / "runs.db").list_runs()
    assert run.task.budget.max_steps == 3 and run.status.value == "succeeded"
