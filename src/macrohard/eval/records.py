"""Evaluations in the run store: the ``evals`` and ``eval_results`` tables (migration m002)."""

from __future__ import annotations

import os
import socket
import sqlite3
import time
import uuid
from typing import Any

from pydantic import BaseModel, Field

from macrohard.errors import NotFound
from macrohard.executors.spec import RunOutcome
from macrohard.store.sqlite import SQLiteStore, like_escape, partial_id


def new_eval_id() -> str:
    return "eval-" + time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:4]


class EvalInfo(BaseModel):
    """One evaluation: which suite, model and executor, and when."""

    id: str = Field(default_factory=new_eval_id)
    suite: str
    suite_source: str = ""
    model: str
    executor: str = "local"
    workers: int = 1
    repeat: int = 1
    isolation: str | None = None
    n_tasks: int = 0
    created_at: float = Field(default_factory=time.time)
    finished_at: float | None = None
    meta: dict[str, Any] = Field(default_factory=dict)


def claim(info: EvalInfo) -> None:
    """Record which process runs the evaluation now, so that others can tell a live one from a killed one."""
    info.meta["pid"], info.meta["host"] = os.getpid(), socket.gethostname()


def claim_stopped(store: SQLiteStore, info: EvalInfo) -> None:
    """Claim a stopped evaluation for this process, in one transaction with the look at whether another process has it
    (``info`` takes what is stored): two `eval run --resume ID` at once run its missing tasks once. Before (rel49):
    both looked, both saw it stopped, both claimed it and ran the same runs: a traceback in one (IntegrityError), a
    "lost" result in the other. Raises ``ConfigError`` naming the process that has it."""
    from macrohard.errors import ConfigError
    from macrohard.sqlitedisk import STORE_WAIT_S, begin_immediate

    db = _db(store)
    begin_immediate(db, store.path, STORE_WAIT_S)
    try:
        row = db.execute("SELECT body FROM evals WHERE id=?", (info.id,)).fetchone()
        now = EvalInfo.model_validate_json(row[0]) if row else info
        if now.finished_at is None and owner_alive(now) and now.meta.get("pid") != os.getpid():
            raise ConfigError(f"evaluation {info.id} is still running (pid {now.meta.get('pid')} on "
                              f"{now.meta.get('host')}); wait for it, or stop it, then resume")
        info.meta = {**now.meta, **{k: v for k, v in info.meta.items() if k not in now.meta}}
        info.finished_at = None
        claim(info)
        db.execute("UPDATE evals SET finished_at=?, body=? WHERE id=?", (None, info.model_dump_json(), info.id))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def owner_alive(info: EvalInfo) -> bool:
    """Whether the process that last ran ``info`` still runs (on this host; another host's counts as alive)."""
    pid, host = info.meta.get("pid"), info.meta.get("host")
    if not isinstance(pid, int):
        return False
    if host != socket.gethostname():
        return True
    from macrohard.envs.served import pid_alive

    return pid_alive(pid)


def eval_state(info: EvalInfo, n_results: int) -> str:
    """``complete`` (every planned result is in), ``running`` (its process is alive) or ``interrupted``."""
    if n_results >= info.n_tasks:
        return "complete"
    if info.finished_at is None and owner_alive(info):
        return "running"
    return "interrupted"


def update_eval(store: SQLiteStore, info: EvalInfo) -> None:
    _db(store).execute("UPDATE evals SET finished_at=?, body=? WHERE id=?",
                       (info.finished_at, info.model_dump_json(), info.id))


def result_keys(store: SQLiteStore, eval_id: str) -> set[str]:
    return {r[0] for r in _db(store).execute("SELECT key FROM eval_results WHERE eval_id=?", (eval_id,))}


def _db(store: SQLiteStore) -> sqlite3.Connection:
    return store._db()  # the store's per-thread connection; same package, same schema


def create_eval(store: SQLiteStore, info: EvalInfo) -> None:
    _db(store).execute("INSERT INTO evals (id, suite, model, created_at, finished_at, body) VALUES (?, ?, ?, ?, ?, ?)",
                       (info.id, info.suite, info.model, info.created_at, info.finished_at, info.model_dump_json()))


def finish_eval(store: SQLiteStore, info: EvalInfo) -> None:
    info.finished_at = time.time()
    _db(store).execute("UPDATE evals SET finished_at=?, body=? WHERE id=?",
                       (info.finished_at, info.model_dump_json(), info.id))


def add_result(store: SQLiteStore, eval_id: str, outcome: RunOutcome) -> None:
    """Record one outcome. The primary key (eval, key) makes a second record of the same run an error."""
    body = outcome.model_copy(update={"steps": []}).model_dump_json()
    _db(store).execute("INSERT INTO eval_results (eval_id, key, task_id, run_id, passed, body) VALUES (?, ?, ?, ?, ?, ?)",
                       (eval_id, outcome.key, outcome.task_id, outcome.run.id if outcome.run else None,
                        int(outcome.passed), body))


def import_run(store: SQLiteStore, outcome: RunOutcome) -> None:
    """Store a run that a worker on another node recorded in its own store (no-op when already here)."""
    if outcome.run is None:
        return
    try:
        store.get_run(outcome.run.id)
        return
    except NotFound:
        pass
    store.create_run(outcome.run)
    for step in outcome.steps:
        store.append_step(outcome.run.id, step)


def get_eval(store: SQLiteStore, eval_id: str) -> EvalInfo:
    db = _db(store)
    row = db.execute("SELECT body FROM evals WHERE id=?", (eval_id,)).fetchone()
    if row is None:
        # rt56c: a part of the id as typed (``%`` and ``_`` its own characters, as for runs and chats; no NUL, the
        # pattern's end to SQLite): before, `/evals/eval-2026____-______-____` opened whichever one eval it fitted
        rows = db.execute("SELECT body FROM evals WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT 2",
                          (f"%{like_escape(eval_id)}%",)).fetchall() if partial_id(eval_id) else []
        if len(rows) != 1:
            raise NotFound(f"no evaluation {eval_id!r} in {store.path}; `macrohard eval list --runs` shows the ids")
        row = rows[0]
    return EvalInfo.model_validate_json(row[0])


def forget_unrun(store: SQLiteStore, eval_id: str) -> None:
    """Delete the results of an evaluation that have no run (lost: never executed — the model was unavailable, its
    worker died beyond its retries): `--resume` runs them again."""
    _db(store).execute("DELETE FROM eval_results WHERE eval_id=? AND run_id IS NULL", (eval_id,))


def results(store: SQLiteStore, eval_id: str) -> list[RunOutcome]:
    rows = _db(store).execute("SELECT body FROM eval_results WHERE eval_id=? ORDER BY key", (eval_id,))
    return [RunOutcome.model_validate_json(r[0]) for r in rows]


def list_evals(store: SQLiteStore, limit: int = 20) -> list[tuple[EvalInfo, int, int]]:
    """Recent evaluations with (passed, total) counts, newest first."""
    rows = _db(store).execute(
        "SELECT e.body, COALESCE(SUM(r.passed), 0), COUNT(r.key) FROM evals e LEFT JOIN eval_results r "
        "ON r.eval_id = e.id GROUP BY e.id ORDER BY e.created_at DESC LIMIT ?", (limit,))
    return [(EvalInfo.model_validate_json(body), int(p), int(n)) for body, p, n in rows]


def latest_eval_id(store: SQLiteStore) -> str:
    row = _db(store).execute("SELECT id FROM evals ORDER BY created_at DESC LIMIT 1").fetchone()
    if row is None:
        raise NotFound("no evaluations yet: run `macrohard eval tiny --model scripted`")
    return str(row[0])
