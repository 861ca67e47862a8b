"""The SQLite run store: WAL, migrations, runs, steps, artifacts."""

from __future__ import annotations

import sqlite3

import pytest

from macrohard.errors import NotFound
from macrohard.store import migrations
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import BashAction, Observation, Run, RunStatus, Step, Task


def test_wal_and_migrations_recorded_once(tmp_path):
    path = tmp_path / "r.db"
    SQLiteStore(path).close()
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]  # in the order applied
    assert names == [fn.__name__ for fn in migrations.MIGRATIONS]


def test_run_and_steps_round_trip(store):
    run = Run(task=Task(text="do it"), model="m")
    store.create_run(run)
    store.append_step(run.id, Step(index=1, action=BashAction(command="ls"), observation=Observation(output="x")))
    run.status = RunStatus.succeeded
    store.update_run(run)
    got = store.get_run(run.id[-6:])  # a unique part of the id works
    assert got.status is RunStatus.succeeded and got.task.text == "do it"
    steps = store.steps(run.id)
    assert isinstance(steps[0].action, BashAction) and steps[0].observation.output == "x"


def test_steps_are_append_only(store):
    run = Run(task=Task(text="t"))
    store.create_run(run)
    store.append_step(run.id, Step(index=1))
    with pytest.raises(sqlite3.IntegrityError):
        store.append_step(run.id, Step(index=1))


def test_unknown_run_names_the_fix(store):
    with pytest.raises(NotFound, match="runs list"):
        store.get_run("nope")


def test_artifacts(store):
    run = Run(task=Task(text="t"))
    store.create_run(run)
    store.add_artifact(run.id, "screenshot", "image/png", data=b"\x89PNG", step=2)
    (art,) = store.artifacts(run.id, "screenshot")
    assert art["data"] == b"\x89PNG" and art["step"] == 2


def test_list_runs_filters(store):
    for status in (RunStatus.succeeded, RunStatus.failed, RunStatus.succeeded):
        store.create_run(Run(task=Task(text="t"), status=status))
    assert len(store.list_runs(status="succeeded")) == 2 and len(store.list_runs(limit=1)) == 1


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    """Two CLIs started together on a fresh data dir both migrate it: neither may see 'table already exists'."""
    import subprocess
    import sys
    import time

    # each process imports first, then all open the store at the same instant
    code = ("import sys, time; from macrohard.store.sqlite import SQLiteStore\n"
            "time.sleep(max(0.0, float(sys.argv[2]) - time.time())); SQLiteStore(sys.argv[1])")
    for attempt in range(4):
        db = tmp_path / f"runs{attempt}.db"
        start = time.time() + 3.0
        procs = [subprocess.Popen([sys.executable, "-c", code, str(db), str(start)], stderr=subprocess.PIPE,
                                  text=True) for _ in range(6)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), "\n".join(e for e in errors if e)
