"""speed50b: every start's recovery read every folder under ``$MACROHARD_HOME/sandboxes`` (0.67 s a run with 4,512
finished runs): what it reads must be what can need recovery, not the finished runs' folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macrohard.recovery import recover
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Run, RunStatus, Task

FINISHED = 300

# a sandbox's layers opened by their own process, then that process killed (kill -9) before its close recorded them
_OPEN_AND_DIE = """
import os, sys
from macrohard.envs.overlay import LayeredWorkspace
layers = LayeredWorkspace(sys.argv[1], sys.argv[2])
layers.open()
(layers.path / "made.txt").write_text("kept\\n")
os.kill(os.getpid(), 9)
"""


def _killed_while_open(home: Path, store: SQLiteStore, lower: Path) -> str:
    """A run recorded as ended (`interrupted`: a second Ctrl-C cut its close short) whose sandbox's change set was
    never recorded: only its folder tells recovery about it."""
    run = Run(task=Task(text="t"), model="m", status=RunStatus.interrupted, finished_at=time.time())
    state = home / "sandboxes" / run.id
    proc = subprocess.run([sys.executable, "-c", _OPEN_AND_DIE, str(state), str(lower)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert proc.returncode == -9, proc.stderr
    run.meta["sandbox"] = {"state_dir": str(state), "lower": str(lower)}
    store.create_run(run)
    return run.id


def _finished(home: Path, store: SQLiteStore, dead_owner: dict[str, object]) -> list[Path]:
    """Folders like those of runs that closed: owner, manifest, change set recorded."""
    folders = []
    for _ in range(FINISHED):
        run = Run(task=Task(text="t"), model="m", status=RunStatus.succeeded, finished_at=time.time())
        state = home / "sandboxes" / run.id
        (state / "blobs").mkdir(parents=True)
        (state / "owner.json").write_text(json.dumps(dead_owner))
        (state / "manifest.json").write_text("{}")
        (state / "changes.json").write_text("[]")
        run.meta["sandbox"] = {"state_dir": str(state)}
        store.create_run(run)
        folders.append(state)
    return folders


class _Reads:
    """The file system reads (stat, list, open) of the paths under some folders, counted while ``on``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, watched: list[Path], root: Path) -> None:
        self.prefixes = tuple(f"{p}{os.sep}" for p in watched)
        self.names = {str(p) for p in watched}
        self.root = str(root)
        self.on = False
        self.seen: list[str] = []
        for name in ("stat", "lstat", "listdir", "scandir"):
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(real, name))
        sys.addaudithook(self._audit)  # open(): io's opens do not go through os.stat

    def _note(self, what: str, path: object) -> None:
        if not self.on or isinstance(path, int) or path is None:
            return
        text = os.fsdecode(os.fspath(path)) if not isinstance(path, str) else path
        if text in self.names or text.startswith(self.prefixes) or (what in ("listdir", "scandir")
                                                                    and text.rstrip(os.sep) == self.root):
            self.seen.append(f"{what} {text}")

    def _wrap(self, real, name):  # type: ignore[no-untyped-def]
        def counted(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
            self._note(name, path)
            return real(path, *args, **kwargs)
        return counted

    def _audit(self, event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args:
            self._note("open", args[0])
        elif event in ("os.listdir", "os.scandir") and args:
            self._note(event[3:], args[0])


def test_a_start_reads_the_sandboxes_that_can_need_recovery_not_every_finished_one(
        tmp_path: Path, _home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: each start listed `sandboxes/` and looked into each of the 300 finished folders (900 reads); now
    the open sandboxes' marks only. A sandbox left open by a killed process is still found, from its folder (its
    run is recorded as ended, not `running`: the store alone would miss it), before and after the first start."""
    lower = tmp_path / "project"
    lower.mkdir()
    (lower / "old.txt").write_text("old\n")
    store = SQLiteStore()
    dead_owner = {"pid": 2**22 + 17, "start": 1, "boot_id": "not-this-boot"}
    finished = _finished(_home, store, dead_owner)
    before = _killed_while_open(_home, store, lower)  # a data dir's open sandbox from before this start
    first = recover(store)  # the first start reads every folder once (a data dir from before the marks)
    assert [d.run_id for d in first] == [before], first
    assert first[0].salvaged is not None and first[0].salvaged.changes == {"added": 1, "modified": 0, "deleted": 0}

    later = _killed_while_open(_home, store, lower)  # a run of this version killed while its sandbox was open
    reads = _Reads(monkeypatch, finished, _home / "sandboxes")
    reads.on = True
    done = recover(store)
    reads.on = False
    assert [d.run_id for d in done] == [later], done
    assert done[0].salvaged is not None and done[0].salvaged.changes == {"added": 1, "modified": 0, "deleted": 0}
    assert reads.seen == [], f"{len(reads.seen)} reads of the finished runs' folders, e.g. {reads.seen[:4]}"
    assert store.get_run(later).meta["sandbox"]["changes"] == {"added": 1, "modified": 0, "deleted": 0}
    assert recover(store) == []  # recovered once, not at every start
