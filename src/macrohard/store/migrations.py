"""Numbered migrations, applied in order when the store opens and recorded in ``_migrations``.

Append new functions; never edit one that has shipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterator

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_runs_steps_artifacts(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            model TEXT NOT NULL,
            task_text TEXT NOT NULL,
            created_at REAL NOT NULL,
            finished_at REAL,
            steps INTEGER NOT NULL DEFAULT 0,
            tokens INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL
        );
        CREATE INDEX runs_created ON runs(created_at);
        CREATE TABLE steps (
            run_id TEXT NOT NULL REFERENCES runs(id),
            idx INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (run_id, idx)
        );
        CREATE TABLE artifacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL REFERENCES runs(id),
            step INTEGER,
            name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            path TEXT,
            data BLOB,
            created_at REAL NOT NULL
        );
        CREATE INDEX artifacts_run ON artifacts(run_id, step);
        """
    )


@migration
def m002_eval_results(db: sqlite3.Connection) -> None:
    """Evaluations (one row per `macrohard eval`) and their results, one per (task, repeat): never two."""
    db.executescript(
        """
        CREATE TABLE evals (
            id TEXT PRIMARY KEY,
            suite TEXT NOT NULL,
            model TEXT NOT NULL,
            created_at REAL NOT NULL,
            finished_at REAL,
            body TEXT NOT NULL
        );
        CREATE TABLE eval_results (
            eval_id TEXT NOT NULL REFERENCES evals(id),
            key TEXT NOT NULL,
            task_id TEXT NOT NULL,
            run_id TEXT,
            passed INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (eval_id, key)
        );
        """
    )



@migration
def m003_audit(db: sqlite3.Connection) -> None:
    """The guard's hash-chained audit log (``safety/audit.py``) and each run's chain head."""
    db.executescript(
        """
        CREATE TABLE audit (
            run_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            created_at REAL NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)
        );
        CREATE TABLE audit_heads (
            run_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        """
    )


@migration
def m004_conversations(db: sqlite3.Connection) -> None:
    """Chat conversations (each with its owner) and their messages, in order (``store/conversations.py``)."""
    db.executescript(
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            title TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX conversations_owner ON conversations(owner, updated_at);
        CREATE TABLE messages (
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            idx INTEGER NOT NULL,
            role TEXT NOT NULL,
            created_at REAL NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (conversation_id, idx)
        );
        """
    )


@migration
def m005_run_parent(db: sqlite3.Connection) -> None:
    """Sub-runs (divisions/delegate.py, company mode) link to the run that delegated them."""
    db.executescript(
        """
        ALTER TABLE runs ADD COLUMN parent_id TEXT;
        CREATE INDEX runs_parent ON runs(parent_id);
        UPDATE runs SET parent_id = json_extract(body, '$.parent_id');
        """
    )


@migration
def m006_web_users(db: sqlite3.Connection) -> None:
    """Users of ``macrohard serve`` (a token, stored only as its SHA-256) and their login sessions."""
    db.executescript(
        """
        CREATE TABLE web_users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('owner', 'member', 'viewer')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at REAL NOT NULL
        );
        CREATE TABLE web_sessions (
            id_hash TEXT PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES web_users(name) ON DELETE CASCADE,
            csrf TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );
        """
    )


def apply(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database has not seen; return their names (hold ``migration_lock``)."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db:
            fn(db)
            db.execute("INSERT INTO _migrations VALUES (?, strftime('%s','now'))", (fn.__name__,))
        applied.append(fn.__name__)
    return applied


@contextlib.contextmanager
def migration_lock(db_path: str | os.PathLike[str]) -> Iterator[None]:
    """Held while a process opens a store and migrates it.

    Two processes opening a new store at once (two CLIs, eval workers) would both see a migration as
    missing, and the second would fail with "table already exists" (or "database is locked" while the
    first switches the file to WAL). ``executescript`` commits, so no SQLite transaction can keep them
    apart: an exclusive lock on a file beside the database does.
    """
    with open(f"{db_path}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
