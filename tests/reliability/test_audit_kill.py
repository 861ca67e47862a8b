"""SIGKILL of a real `macrohard run` at seeded random points: every action that took effect has its approval in the
audit chain, and the chain verifies.

The audit log syncs as the run store does (``synchronous=NORMAL`` in WAL mode): a commit is in the WAL file, in the
operating system's hands, before the guard mints the approval, so a killed process (any signal, the OOM killer, a
crash) loses no record. What this does not cover, and NORMAL does not promise: an OS crash or power cut may lose the
records (and the steps) committed since the last checkpoint; the chain then ends earlier, intact.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_in_process import mh
from macrohard.safety.audit import AuditLog
from macrohard.store.sqlite import SQLiteStore

from .test_signals import _reaper, _wait_for_first_step, _wait_for_the_sandbox_to_end

STEPS = 24  # under the default budget of 30 steps
SEED = int(os.environ.get("MACROHARD_FAULT_SEED", "20261201"))


def _script(path: Path) -> str:
    actions: list[dict] = []
    for i in range(1, STEPS + 1):  # odd steps write a file of their own, even steps append a line in the sandbox
        if i % 2:
            actions.append({"kind": "write_file", "path": f"f{i}.txt", "content": f"step {i}\n"})
        else:
            actions.append({"kind": "bash", "command": f"echo {i} >> log.txt; sleep 0.05"})
    path.write_text(json.dumps(actions + [{"kind": "finish", "answer": "done"}]))
    return f"scripted:{path}"


def test_the_audit_log_syncs_as_the_run_store(store) -> None:
    log = AuditLog(store.path)
    assert log._db().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert log._db().execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_the_audit_log_opens_its_connections_as_the_store_does_without_migrating(tmp_path: Path, store) -> None:
    """rel22: the audit log had its own copy of the store's connection code (``AuditLog._db``); both are now
    ``sqlitedisk.ThreadConnections``, the store's subclass migrating, the audit log's never (no directory made, no
    table created on a file that is not a run store)."""
    from macrohard.sqlitedisk import ThreadConnections

    log = AuditLog(store.path)
    assert type(log._conns) is ThreadConnections and type(store._conns) is not ThreadConnections
    assert isinstance(store._conns, ThreadConnections)
    assert log._db().execute("PRAGMA foreign_keys").fetchone()[0] == 1
    stranger = tmp_path / "other.db"
    sqlite3.connect(stranger).close()
    with pytest.raises(sqlite3.OperationalError, match="no such table: audit_heads"):
        AuditLog(stranger).head("r")
    assert not (tmp_path / "nowhere").exists() and AuditLog(tmp_path / "nowhere" / "x.db") is not None
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("iteration", range(3))
def test_sigkill_mid_run_keeps_the_approval_of_every_action_that_ran(iteration: int, tmp_path: Path,
                                                                     _home: Path) -> None:
    rng = random.Random(f"{SEED}-{iteration}")
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "audit under SIGKILL", "-w", str(ws),
                             "--model", _script(tmp_path / "script.json")], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**os.environ, "COLUMNS": "200"},
                            start_new_session=True)
    out: list[str] = []
    _wait_for_first_step(proc, out)
    time.sleep(rng.uniform(0.0, 1.0))  # somewhere in the 24 steps (~1 s in all here) or the close
    reaper = _reaper(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    if reaper is not None and iteration == 2:
        os.kill(reaper, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=60)
    where = "".join(out)[-1500:] + rest[-1500:]
    _wait_for_the_sandbox_to_end(_home)
    assert mh("runs", "recover", "--json").returncode == 0, where

    store = SQLiteStore()
    run = store.list_runs(limit=1)[0]
    log = AuditLog(store.path)
    assert log.verify(run.id) == [], where
    approved = {(r.step, json.dumps(r.action, sort_keys=True)) for r in log.records(run.id)
                if r.kind == "verdict" and r.verdict["decision"] == "allow"}
    steps = store.steps(run.id)
    for step in steps:  # every stored step's action was approved on the record
        assert (step.index, json.dumps(step.action.model_dump(mode="json"), sort_keys=True)) in approved, where

    # what took effect, read from the run's change set (the step in flight when the kill came included)
    assert mh("runs", "apply", run.id).returncode == 0, where
    effects = [int(p.name[1:-4]) for p in ws.glob("f*.txt")]
    if (ws / "log.txt").exists():
        effects += [int(line) for line in (ws / "log.txt").read_text().split()]
    assert effects, f"the kill came before any action took effect\n{where}"
    by_step = {step: action for step, action in approved}
    for i in effects:
        action = json.loads(by_step.get(i, "null"))
        assert action is not None, f"step {i} took effect without its approval on record\n{where}"
        assert action.get("path") == f"f{i}.txt" or action.get("command", "").startswith(f"echo {i} >>"), where
    assert len(effects) >= len(steps) - 1  # (the finish step writes nothing)


def test_a_run_end_syncs_the_store_once(tmp_path: Path) -> None:
    """What NORMAL leaves to an OS crash is bounded: at a run's end one fsync of the WAL puts its steps and audit
    records on the disk itself (a power cut after it loses nothing of that run)."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    class Counting(SQLiteStore):
        syncs = 0

        def sync(self) -> None:
            Counting.syncs += 1
            super().sync()

    store = Counting(tmp_path / "runs.db")
    run = run_task(Task(text="one file"), store=store, model=ScriptedModel([
        {"kind": "write_file", "path": "a.txt", "content": "a\n"}, {"kind": "finish", "answer": "done"}]))
    assert run.status.value == "succeeded" and Counting.syncs == 1
    assert AuditLog(store.path).verify(run.id) == [] and len(AuditLog(store.path).records(run.id)) == 2
