"""Finding 1: a run killed by anything but one Ctrl-C lost every file change and stayed `running` forever."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_in_process import mh
from macrohard.store.sqlite import SQLiteStore

from .test_signals import _mounts_under, _reaper


def mh_process(*args: str) -> subprocess.CompletedProcess[str]:
    """`macrohard ARGS` as its own process: a start of the CLI, which recovers dead runs before its own."""
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "COLUMNS": "200"})


def start(tmp_path: Path, ws: Path, name: str = "s") -> subprocess.Popen[str]:
    script = tmp_path / f"{name}.json"
    script.write_text(json.dumps([{"kind": "write_file", "path": "a.txt", "content": "kept\n"},
                                  {"kind": "bash", "command": "echo more > b.txt; sleep 60", "timeout": 120}]))
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "t", "-w", str(ws), "--model",
                             f"scripted:{script}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "COLUMNS": "200"}, start_new_session=True)
    assert proc.stdout is not None
    while "a.txt" not in (line := proc.stdout.readline()):
        assert line, "the run ended before its first step"
    # inside the `sleep 60` step once b.txt is written: its overlay layer (or copy) is mounted where the test sees it
    sandboxes = Path(os.environ["MACROHARD_HOME"]) / "sandboxes"
    deadline = time.monotonic() + 60
    while not any(f.read_text() == "more\n" for f in [*sandboxes.glob("*/layer/upper/b.txt"),
                                                      *sandboxes.glob("*/layer/copy/b.txt")]):
        assert time.monotonic() < deadline and proc.poll() is None, "b.txt was never written"
        time.sleep(0.02)
    return proc


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_end_the_run_as_interrupted_with_its_changes(sig: signal.Signals, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = start(tmp_path, ws)
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in out, out
    run = SQLiteStore().list_runs()[0]
    assert run.status.value == "interrupted" and run.error == f"interrupted by {sig.name}", run.error
    changes = json.loads(mh("runs", "diff", run.id, "--json").stdout)["changes"]
    assert {c["path"] for c in changes} == {"a.txt", "b.txt"}  # no recovery needed: the close ran


def test_kill_9_of_run_and_reaper_is_recovered_by_the_next_start(tmp_path: Path, _home: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = start(tmp_path, ws)
    reaper = _reaper(proc.pid)
    assert reaper is not None
    os.kill(reaper, signal.SIGSTOP)  # stopped first: between the two kills it would see its run gone and unmount
    os.kill(proc.pid, signal.SIGKILL)
    os.kill(reaper, signal.SIGKILL)
    proc.communicate(timeout=30)
    (dead,) = SQLiteStore().list_runs()
    assert dead.status.value == "running"
    assert len(_mounts_under(_home)) == 3  # the view's bind mount, the layer's disk image, the overlay
    assert "no change set was recorded" in " ".join(mh("runs", "diff", dead.id).stderr.split())

    # the next start repairs it, before its own run
    script = tmp_path / "next.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    assert mh_process("run", "next", "--model", f"scripted:{script}").returncode == 0
    dead = SQLiteStore().get_run(dead.id)
    assert dead.status.value == "crashed" and f"pid {proc.pid}" in (dead.error or "")
    assert _mounts_under(_home) == []
    assert [s.index for s in SQLiteStore().steps(dead.id)] == [1]  # the finished step is kept
    diff = mh("runs", "diff", dead.id)
    assert "+kept" in diff.stdout and "+more" in diff.stdout
    assert mh("runs", "apply", dead.id).returncode == 0
    assert (ws / "a.txt").read_text() == "kept\n" and (ws / "b.txt").read_text() == "more\n"
    assert mh("runs", "recover", dead.id, "--json").returncode == 0  # again: harmless

    # gc: a table of what it would free, then frees it; the change set stays (diff still works)
    dry = json.loads(mh("runs", "gc", "--dry-run", "--json").stdout)
    image = _home / "sandboxes" / dead.id / "layer.img"
    assert image.exists() and str(image) in {i["path"] for i in dry["items"]} and dry["bytes"] > 0
    table = mh("runs", "gc", "--dry-run").stdout
    assert "would free" in table and "layer" in table
    assert json.loads(mh("runs", "gc", "--json").stdout)["bytes"] == dry["bytes"]
    assert not image.exists() and "+kept" in mh("runs", "diff", dead.id).stdout


def test_recover_refuses_a_run_that_is_still_going(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = start(tmp_path, ws)
    try:
        live = SQLiteStore().list_runs()[0]
        refused = mh("runs", "recover", live.id)
        assert refused.returncode == 2 and "still running" in refused.stderr
        assert mh("runs", "recover", "--json").stdout.strip() == "[]"  # a live run is never touched
        assert SQLiteStore().get_run(live.id).status.value == "running"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=120)
