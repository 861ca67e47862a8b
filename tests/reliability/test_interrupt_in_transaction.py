"""A signal whose exception lands as ``BEGIN IMMEDIATE`` returns leaves no transaction open.

Our connections' ``execute`` is Python code (``sqlitedisk.Connection``: a full disk as the user's error), so a
Ctrl-C, SIGTERM or SIGHUP handler that raises can run after SQLite has begun the transaction and before the caller's
``try`` that rolls it back. Before: the audit log's connection kept the store's write lock, and the run's close
waited 30 s on it, then failed "stayed locked by another program" (test_signals' TERM point, seen under two test
workers, where the timing moved the signal there). The exception here is raised exactly at that point, every time.
"""

from __future__ import annotations

import sqlite3

import pytest

from macrohard.money.ledger import Ledger
from macrohard.safety.audit import AuditLog
from macrohard.sqlitedisk import Connection
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Verdict


class _InterruptedAsBeginReturns(Connection):
    """Raises KeyboardInterrupt once, right after a ``BEGIN IMMEDIATE`` went through (a signal handler's timing)."""

    armed = True

    def execute(self, sql: str, parameters=(), /) -> sqlite3.Cursor:  # noqa: ANN001 - as sqlite3's
        cursor = super().execute(sql, parameters)
        if sql == "BEGIN IMMEDIATE" and self.armed:
            self.armed = False
            raise KeyboardInterrupt("SIGTERM as BEGIN returned")
        return cursor


def _interrupting(conns, path) -> sqlite3.Connection:  # noqa: ANN001 - a ThreadConnections
    """This thread's connection of ``conns`` replaced by one that is interrupted as its next BEGIN returns."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None, factory=_InterruptedAsBeginReturns)
    db.execute("PRAGMA journal_mode=WAL")
    conns._local.db = db
    return db


def _writable_now(path) -> bool:  # noqa: ANN001
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_the_audit_log_interrupted_as_begin_returns_keeps_no_lock(tmp_path) -> None:
    path = tmp_path / "runs.db"
    SQLiteStore(path).close()  # the tables
    log = AuditLog(path)
    db = _interrupting(log._conns, path)
    with pytest.raises(KeyboardInterrupt):
        log.append("run1", "step", Verdict(decision="allow", reason="ok", check="test"))
    assert not db.in_transaction
    assert _writable_now(path)  # the run's close can record the run at once
    log.append("run1", "step", Verdict(decision="allow", reason="ok", check="test"))
    assert [r.seq for r in log.records("run1")] == [1] and not log.verify("run1")


def test_the_ledger_interrupted_as_begin_returns_keeps_no_lock(tmp_path) -> None:
    path = tmp_path / "runs.db"
    ledger = Ledger(path)
    db = _interrupting(ledger._conns, path)
    with pytest.raises(KeyboardInterrupt):
        ledger.open_account("user", "alice", "USD")
    assert not db.in_transaction
    assert _writable_now(path)
    assert ledger.open_account("user", "alice", "USD").id == "user:alice"
