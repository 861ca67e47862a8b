"""The workspace's changes are on disk while the run goes, a full disk is ENOSPC, a cut-short close loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.envs.changes import ChangeStore
from macrohard.envs.mounts import mount_points
from macrohard.envs.salvage import salvage

from .conftest import host_healthy, run


def _fstypes(under: Path) -> dict[str, str]:
    found = {}
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split(" ")
        fstype = fields[fields.index("-") + 1]
        if fields[4].startswith(str(under)):
            found[fields[4]] = fstype
    return found


def test_the_upper_layer_is_on_disk_not_in_memory(make_sandbox, tmp_path: Path) -> None:
    env = make_sandbox(limits={"disk_mb": 64})
    run(env, "echo kept > kept.txt")
    types = _fstypes(tmp_path)
    assert "tmpfs" not in types.values(), types
    assert types[str(env.layers.layer)] == "ext4" and (env.state_dir / "layer.img").is_file()
    # what the agent wrote is in the image file on disk, readable by anyone who mounts it later
    assert (env.layers.upper / "kept.txt").read_text() == "kept\n"
    assert env.describe()["limits_applied"]["disk"].startswith("ext4 image size=64 MiB")


def test_a_full_disk_is_enospc_and_the_agent_can_clean_up(make_sandbox) -> None:
    """Finding 3: the layer was a tmpfs charged to the memory cgroup: filling it OOM-killed every later command."""
    env = make_sandbox(limits={"disk_mb": 192, "memory_mb": 96, "file_size_mb": 1024})
    obs = run(env, "dd if=/dev/zero of=junk bs=1M count=400 2>&1 | grep -o 'No space left on device'; "
                   "echo rc=${PIPESTATUS[0]}")
    assert obs.output.split() == ["No", "space", "left", "on", "device", "rc=1"], obs.output
    assert run(env, "echo alive").output.strip() == "alive"  # the shell was not OOM-killed
    assert run(env, "rm junk && echo removed").output.strip() == "removed"
    assert run(env, "dd if=/dev/zero of=again bs=1M count=32 2>/dev/null && echo written").output.strip() == "written"
    env.close()
    assert {c.path for c in env.changes or []} == {"again"}  # the junk is not in the change set
    host_healthy()


def test_a_close_cut_short_keeps_the_changes_for_recovery(make_sandbox, tmp_path: Path) -> None:
    """Finding 2: a second Ctrl-C during the close deleted the upper layer before the changes were recorded."""
    lower = tmp_path / "project"
    lower.mkdir()
    (lower / "old.txt").write_text("old\n")
    env = make_sandbox(source=str(lower))
    for i in range(20):
        run(env, f"echo {i} > f{i}.txt")
    run(env, "rm old.txt")

    def second_interrupt(done: int, total: int, size: int) -> None:
        if done == 5:
            raise KeyboardInterrupt

    env.close_progress = second_interrupt
    with pytest.raises(KeyboardInterrupt):
        env.close()
    state = env.state_dir
    assert not ChangeStore(state).recorded and (state / "layer.img").is_file()
    assert mount_points(state) == []  # nothing left mounted
    result = salvage(state)  # what `macrohard runs recover` does
    assert result.recorded and result.changes == {"added": 20, "modified": 0, "deleted": 1}
    changes = ChangeStore(state).changes()
    assert {c.path for c in changes} == {f"f{i}.txt" for i in range(20)} | {"old.txt"}
    assert (state / "blobs").is_dir() and len(list((state / "blobs").iterdir())) >= 20
    assert (lower / "old.txt").exists()  # the source is still untouched
    assert salvage(state).recorded is False  # idempotent: recorded once
