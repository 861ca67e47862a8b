"""The host disk that another program fills during a run (rel22).

The sandbox's layer is an ext4 image whose size is fixed at the run's start (half of the host's free space at most,
``overlay._fitting``). Before: nothing looked again, so a host filled by another program mid-run let the image accept
writes the host could not store (lost at writeback, found only at the close, if at all), and nobody was told. Now the
size is said at the start (the live view's first line before step 1, `runs show`), each step looks at the host's free
space: less than the layer may still take is said once (the step's outcome, for the user and the agent), and under
``HOST_FLOOR_MB`` the next step is refused with ``DiskFull`` naming the disk, what was free at the start and the fix;
the run is stored `failed` with that reason and its changes so far are kept.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_in_process import mh
from macrohard.envs.overlay import HOST_FLOOR_MB
from macrohard.errors import DiskFull
from macrohard.runner import run_task
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import ModelReply, RunStatus, Task

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=700m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, name: str, leave_mb: int) -> None:
    """Another program on the host takes all but ``leave_mb`` MiB of ``disk``."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    size = free - (leave_mb << 20)
    assert size > 0
    fd = os.open(disk / name, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        os.posix_fallocate(fd, 0, size)
    finally:
        os.close(fd)


class _FillsTheHost(ScriptedModel):
    """A scripted model; before its calls ``at`` (1-based) the host disk is filled to leave that many MiB."""

    def __init__(self, script: list[dict[str, Any]], disk: Path, at: dict[int, int]) -> None:
        super().__init__(script)
        self.disk, self.at = disk, at

    def complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> ModelReply:
        if (leave := self.at.get(self.calls + 1)) is not None:
            _fill(self.disk, f"other-program-{self.calls + 1}.bin", leave)
        return super().complete(messages, tools)


def test_a_host_disk_filled_mid_run_is_said_then_stops_the_run_with_the_fix(small_disk: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    home = small_disk / "home"
    monkeypatch.setenv("MACROHARD_HOME", str(home))
    ws = tmp_path / "ws"
    ws.mkdir()
    store = SQLiteStore(home / "runs.db")
    model = _FillsTheHost([{"kind": "write_file", "path": "first.txt", "content": "first\n"},
                           {"kind": "bash", "command": "echo second > second.txt"},
                           {"kind": "bash", "command": "echo third > third.txt"},
                           {"kind": "finish", "answer": "done"}], small_disk, at={2: 80, 3: HOST_FLOOR_MB // 2})
    with pytest.raises(DiskFull) as caught:
        run_task(Task(text="write three files", workspace=str(ws)), model=model, store=store)
    message = str(caught.value)
    assert f"{small_disk / 'home' / 'sandboxes'}" in message and "MiB free now" in message, message
    assert "when the run started" in message and "Free some space on that disk" in message, message
    run = store.list_runs(limit=1)[0]
    assert run.status == RunStatus.failed and run.error == message
    steps = store.steps(run.id)
    said = steps[1].observation.meta["host_disk"]  # step 2 ran; the host had less room than the layer may take
    assert "less than the" in said and "MiB the workspace's layer may still take" in said, said
    assert "[host disk]" in steps[1].observation.output  # the agent is told too
    assert steps[2].observation is None  # step 3 never ran: refused before it
    assert not (ws / "third.txt").exists()
    disk = run.meta["sandbox"]["limits_applied"]["disk"]
    assert "the host disk had" in disk and "MiB free at the start" in disk, disk
    assert run.meta["sandbox"]["changes"]["added"] == 2  # first.txt and second.txt, kept
    store.close()


def test_the_layer_size_is_said_at_the_start_of_the_live_view_and_in_runs_show(small_disk: Path,
                                                                                tmp_path: Path) -> None:
    home = small_disk / "home"
    ws = tmp_path / "ws"
    ws.mkdir()
    script = tmp_path / "script.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "echo hi"}, {"kind": "finish", "answer": "done"}]))
    done = mh("run", "say hi", "-w", str(ws), "--model", f"scripted:{script}", env={"MACROHARD_HOME": str(home)})
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    lines = out.splitlines()
    first_step = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1 "))
    assert lines[first_step - 1].startswith("sandbox: workspace layer ext4 image size=128 MiB"), out
    assert "MiB free at the start" in lines[first_step - 1], out
    run_id = out.split("run id", 1)[1].split()[0]
    shown = mh("runs", "show", run_id, env={"MACROHARD_HOME": str(home)}).stdout
    assert "sandbox: workspace layer ext4 image size=128 MiB" in shown, shown
