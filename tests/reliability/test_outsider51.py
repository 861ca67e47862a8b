"""The fifty-first wave's outsider holes (helper rel51), each reproduced as a user meets it before its fix.

1. A data dir's disk full (MACROHARD_HOME on a small tmpfs, filled): `macrohard runs gc`, the command that frees what
   finished runs leave there, was refused like every other command ("the disk that holds the run store … is full"):
   it opened the store first, and a WAL store's first read must grow its -shm file. A person whose disk filled could
   not free it with macrohard's own tool.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .outsider import flat, write_script
from .outsider import mh as _mh


@pytest.fixture
def small_home(tmp_path: Path):
    """MACROHARD_HOME on a tmpfs of its own (big enough for a sandboxed run's disk check, filled by the test)."""
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=420m", "tmpfs", str(home)], check=True)
    try:
        yield home
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)


def _fill(home: Path) -> Path:
    """The disk filled to its last block (dd writes a short last block where a Python buffer would be lost)."""
    filler = home / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True, check=False)
    return filler


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")
def test_runs_gc_frees_a_full_store_disk(tmp_path: Path, small_home: Path) -> None:
    """A finished run left a 20 MB change set in the data dir; the disk then filled. Before: `runs gc --change-sets`
    (and `--dry-run`) exit 2, "the disk that holds the run store … is full … free some space there". Now gc opens the
    store for itself alone, frees the change set, says the disk was full and what to run next; nothing is lost: the
    run is listed as before and its audit chain verifies."""
    home = small_home
    env = {"MACROHARD_HOME": str(home)}
    ws = tmp_path / "ws"
    ws.mkdir()
    model = write_script(tmp_path / "big.json", [
        {"kind": "bash", "command": "head -c 20000000 /dev/urandom > big.bin"}, {"kind": "finish", "answer": "ok"}])
    done = _mh("run", "make a big file", "-w", str(ws), "--model", model, **env)
    assert done.returncode == 0, flat(done.stdout + done.stderr)[-1500:]
    [run] = json.loads(_mh("runs", "list", "--json", **env).stdout)
    filler = _fill(home)
    assert os.statvfs(home).f_bavail == 0
    refused = _mh("runs", "list", **env)  # every other command is still refused, the fix named
    assert refused.returncode == 2 and "is full" in refused.stderr, refused.stderr
    assert "`macrohard runs gc` removes what finished runs left" in flat(refused.stderr), refused.stderr
    looked = _mh("runs", "gc", "--change-sets", "--dry-run", "--json", **env)
    assert looked.returncode == 0, flat(looked.stdout + looked.stderr)[-1500:]  # before: exit 2, "… is full"
    assert json.loads(looked.stdout)["disk_was_full"] is True
    freed = _mh("runs", "gc", "--change-sets", **env)
    said = flat(freed.stdout + freed.stderr)
    assert freed.returncode == 0 and "Traceback" not in said, said[-1500:]
    assert "is full" in said and "freed 20.0 MB" in said and "macrohard runs recover" in said, said[-1500:]
    assert os.statvfs(home).f_bavail * os.statvfs(home).f_frsize > 15_000_000
    filler.unlink()
    listed = _mh("runs", "list", "--json", **env)
    assert listed.returncode == 0 and listed.stderr == "", listed.stderr
    [after] = json.loads(listed.stdout)
    assert (after["id"], after["status"], after["steps"]) == (run["id"], "succeeded", 2), after
    verified = _mh("audit", "verify", run["id"], **env)
    assert verified.returncode == 0 and "chain intact" in verified.stdout, verified.stdout + verified.stderr
