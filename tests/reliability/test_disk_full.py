"""A full disk, through the CLI as a user meets it: MACROHARD_HOME on a small tmpfs.

Before (rel21, 2026-12-01): a run whose sandbox wrote more than the host disk held ended `succeeded` with "changed
nothing" (the sparse layer image had accepted writes the host could not store: lost async page writes, a corrupt
directory at close, scanned as empty), then a traceback (`sqlite3.OperationalError: database or disk is full`).
Now: the layer image is sized to what the host disk can hold (the agent's command meets ENOSPC inside), a disk too
full for any run is refused at the start with the fix, and a run store that fills mid-run is a one-line error that
names the file and the fix; `runs recover` ends that run once there is space.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_in_process import mh

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")


@pytest.fixture
def small_disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={request.param}m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _run(home: Path, ws: Path, script: list[dict], *extra: str) -> subprocess.CompletedProcess[str]:
    path = home.parent / "script.json"
    path.write_text(json.dumps([*script, {"kind": "finish", "answer": "done"}]))
    return mh("run", "fill the disk", "-w", str(ws), "--model", f"scripted:{path}", *extra,
              env={"MACROHARD_HOME": str(home)})


@pytest.mark.parametrize("small_disk", [600], indirect=True)
def test_a_sandbox_that_fills_its_disk_meets_enospc_and_keeps_its_changes(small_disk: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    home = small_disk / "home"
    done = _run(home, ws, [{"kind": "bash", "command": "yes xxxxxxxxxxxxxxx | head -c 300M > big.bin; echo rc=$?"},
                           {"kind": "write_file", "path": "after.txt", "content": "still here\n"}])
    out = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in out, out
    assert "No space left on device" in out, out  # inside the sandbox: a full layer, not a full host
    run_id = out.split("run id", 1)[1].split()[0]
    shown = mh("runs", "show", run_id, "--json", env={"MACROHARD_HOME": str(home)})
    disk = json.loads(shown.stdout)["run"]["meta"]["sandbox"]["limits_applied"]["disk"]
    assert disk.startswith("ext4 image size=128 MiB") and "too little free space" in disk, disk
    changes = mh("runs", "diff", run_id, "--json", env={"MACROHARD_HOME": str(home)})
    assert {c["path"] for c in json.loads(changes.stdout)["changes"]} == {"big.bin", "after.txt"}, changes.stdout


@pytest.mark.parametrize("small_disk", [30], indirect=True)
def test_a_disk_too_full_for_a_run_is_refused_at_the_start_with_the_fix(small_disk: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    done = _run(small_disk / "home", ws, [{"kind": "write_file", "path": "a.txt", "content": "a\n"}])
    out = done.stdout + done.stderr
    assert done.returncode == 2 and "Traceback" not in out, out
    assert "MiB free; a run needs at least 384 MiB" in out and "MACROHARD_HOME" in out, out
    listed = mh("runs", "list", "--json", env={"MACROHARD_HOME": str(small_disk / "home")})
    assert [r["status"] for r in json.loads(listed.stdout)] == ["failed"], listed.stdout


@pytest.mark.parametrize("small_disk", [40], indirect=True)
def test_a_run_store_that_fills_mid_run_is_a_clear_error_and_recovered(small_disk: Path) -> None:
    ws = small_disk / "ws"  # no sandbox: the command fills the very disk the run store is on
    ws.mkdir()
    home = small_disk / "home"
    script = small_disk / "script.json"
    script.write_text(json.dumps([{"kind": "write_file", "path": "first.txt", "content": "first\n"},
                                  {"kind": "bash", "command": "yes xxxxxxxxxxxxxxx | head -c 60M > big.bin"},
                                  {"kind": "write_file", "path": "after.txt", "content": "after\n"},
                                  {"kind": "finish", "answer": "done"}]))
    runtime = small_disk.parent / "runtime"  # where the records the full disk refused are kept (rel57)
    runtime.mkdir()
    env = {"MACROHARD_HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    # its own process: `runs recover` ends only runs whose process has died
    done = subprocess.run([sys.executable, "-m", "macrohard", "run", "fill the disk", "-w", str(ws), "--no-sandbox",
                           "--model", f"scripted:{script}"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env, "COLUMNS": "200"})
    out = done.stdout + done.stderr
    assert done.returncode == 2 and "Traceback" not in out, out
    assert "runs.db is full" in out and "`macrohard runs recover`" in out, out
    (ws / "big.bin").unlink()
    assert mh("runs", "recover", env=env).returncode == 0
    runs = json.loads(mh("runs", "list", "--json", env=env).stdout)
    # rel57: its end and the step the full disk refused were kept outside that disk and are added back (before:
    # `crashed`, the step lost)
    assert runs[0]["status"] == "failed" and runs[0]["steps"] == 2, runs
    assert not list(runtime.rglob("*.unsaved.json"))
