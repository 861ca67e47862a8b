"""The audit log: every verdict, approval and screening result, hash-chained per run in the run store.

Each record stores ``prev_hash`` (the previous record's ``hash``) and ``hash = sha256(prev_hash ||
canonical JSON of the record)``; the first record of a run chains from ``sha256("macrohard-audit:" +
run_id)``. ``audit_heads`` keeps the last sequence number and hash of each run, so records cut from
the end are found too. ``verify`` recomputes the chain and names the first record that was edited,
removed or moved. Honest limit: someone who can write the database and recompute every hash can
forge a whole new chain; anchor ``head()`` elsewhere (print it, sign it) when that matters.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from macrohard.errors import UserError
from macrohard.sqlitedisk import STORE_WAIT_S, ThreadConnections
from macrohard.types import Verdict

if TYPE_CHECKING:  # an annotation only: the store imports this module (the outcome's seal) and stays light
    from macrohard.safety.context import GuardContext


class AuditRecord(BaseModel):
    """One entry of a run's audit chain."""

    run_id: str
    seq: int
    created_at: float
    kind: str = Field(description="verdict, approval, refusal (an environment refused an approval), screen or answer")
    step: int = 0
    action: dict[str, Any] | None = None
    verdict: dict[str, Any]
    prev_hash: str
    hash: str = ""

    def body(self) -> str:
        data = self.model_dump(exclude={"hash"})
        return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + "\n" + self.body()).encode()).hexdigest()


class Problem(BaseModel):
    """Something ``verify`` found wrong with a chain."""

    seq: int | None
    what: str


def genesis(run_id: str) -> str:
    return hashlib.sha256(f"macrohard-audit:{run_id}".encode()).hexdigest()


def outcome_seal(head: str, run_id: str, status: str) -> str:
    """A run's outcome sealed onto its chain: its status hashed with the hash of the chain's last record when it
    ended (``genesis`` when it has none). The store writes it with the status (rel49)."""
    return hashlib.sha256(f"{head}\noutcome:{run_id}:{status}".encode()).hexdigest()


class AuditLog:
    """Appends to and verifies the ``audit`` table of a run store database."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = str(db_path)
        # the run store's connection settings (sqlitedisk.ThreadConnections: WAL, synchronous=NORMAL, a full disk as
        # DiskFull), without its migration: the store that made the tables migrates them
        self._conns = ThreadConnections(self.path, timeout=STORE_WAIT_S)
        self._lock = threading.Lock()

    def _db(self) -> sqlite3.Connection:
        return self._conns.get()

    def close(self) -> None:
        self._conns.close()

    def append(self, run_id: str, kind: str, verdict: Verdict, action: Any = None, step: int = 0) -> AuditRecord:
        action_data = action.model_dump(mode="json") if hasattr(action, "model_dump") else action
        with self._lock:
            db = self._db()
            try:
                # inside the try: a signal's exception can land as BEGIN returns (our ``Connection.execute`` is Python
                # code), and a transaction left open there held the store's write lock for the run's close (30 s, then
                # "stayed locked by another program": test_signals' TERM point under two test workers)
                db.execute("BEGIN IMMEDIATE")
                head = db.execute("SELECT seq, hash FROM audit_heads WHERE run_id=?", (run_id,)).fetchone()
                seq, prev = (head[0] + 1, head[1]) if head else (1, genesis(run_id))
                rec = AuditRecord(run_id=run_id, seq=seq, created_at=time.time(), kind=kind, step=step,
                                  action=action_data, verdict=verdict.model_dump(mode="json"), prev_hash=prev)
                rec.hash = rec.compute_hash()
                db.execute("INSERT INTO audit (run_id, seq, created_at, kind, body, prev_hash, hash) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (run_id, seq, rec.created_at, kind, rec.body(), rec.prev_hash, rec.hash))
                db.execute("INSERT INTO audit_heads (run_id, seq, hash) VALUES (?, ?, ?) "
                           "ON CONFLICT(run_id) DO UPDATE SET seq=excluded.seq, hash=excluded.hash",
                           (run_id, seq, rec.hash))
                db.execute("COMMIT")
            except BaseException:  # an interrupt (Ctrl-C, SIGHUP) may land after the COMMIT went through
                if db.in_transaction:
                    try:
                        db.execute("ROLLBACK")
                    except (sqlite3.Error, UserError):  # (a full, read-only or damaged store is a UserError)
                        pass  # never hide the interrupt behind a failed rollback
                raise
        return rec

    def records(self, run_id: str) -> list[AuditRecord]:
        """The records in stored order (rowid), which is append order unless someone moved them."""
        rows = self._db().execute("SELECT body, hash FROM audit WHERE run_id=? ORDER BY rowid", (run_id,))
        out = []
        for body, h in rows:
            rec = AuditRecord.model_validate_json(body)
            rec.hash = h
            out.append(rec)
        return out

    def head(self, run_id: str) -> tuple[int, str] | None:
        row = self._db().execute("SELECT seq, hash FROM audit_heads WHERE run_id=?", (run_id,)).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def verify(self, run_id: str) -> list[Problem]:
        """Every problem in a run's chain; empty when the chain is intact."""
        problems: list[Problem] = []
        prev, expected_seq = genesis(run_id), 1
        rows = self._db().execute("SELECT seq, body, prev_hash, hash FROM audit WHERE run_id=? ORDER BY rowid",
                                  (run_id,)).fetchall()
        for seq, body, prev_hash, stored_hash in rows:
            try:
                rec = AuditRecord.model_validate_json(body)
            except ValueError:
                problems.append(Problem(seq=seq, what="record body is not valid JSON of an audit record (edited)"))
                prev, expected_seq = stored_hash, seq + 1
                continue
            if rec.seq != seq or rec.prev_hash != prev_hash:
                problems.append(Problem(seq=seq, what="record columns differ from its hashed body (edited)"))
            if rec.compute_hash() != stored_hash:
                problems.append(Problem(seq=seq, what="record content does not match its hash (edited)"))
            if seq != expected_seq:
                what = (f"expected record {expected_seq} here, found {seq}: "
                        + ("records removed" if seq > expected_seq else "records reordered or duplicated"))
                problems.append(Problem(seq=seq, what=what))
            elif rec.prev_hash != prev:
                problems.append(Problem(seq=seq, what="does not chain from the record before it (removed or reordered)"))
            prev, expected_seq = stored_hash, seq + 1
        head = self.head(run_id)
        if head is not None:
            last_seq = rows[-1][0] if rows else 0
            if head[0] != last_seq or head[1] != prev:
                problems.append(Problem(seq=head[0], what=f"the chain should end at record {head[0]} but ends at "
                                                          f"{last_seq}: records removed from the end or rewritten"))
        elif rows:
            problems.append(Problem(seq=None, what="records exist but the chain head is missing (deleted)"))
        return problems


class AuditRecorder:
    """A guard recorder that appends every record to the run store's audit chain."""

    def __init__(self, log: AuditLog) -> None:
        self.log = log

    def __call__(self, kind: str, action: Any, verdict: Verdict, ctx: GuardContext) -> None:
        if ctx.run_id:
            self.log.append(ctx.run_id, kind, verdict, action, ctx.step)


def attach(guard: Any, store: Any) -> AuditLog | None:
    """Record ``guard``'s verdicts in ``store``'s audit chain (once per store); None if it has no database."""
    path = getattr(store, "path", None)
    if path is None or not hasattr(guard, "recorders"):
        return None
    for rec in guard.recorders:
        if isinstance(rec, AuditRecorder) and rec.log.path == str(path):
            return rec.log
    log = AuditLog(path)
    guard.recorders.append(AuditRecorder(log))
    return log
