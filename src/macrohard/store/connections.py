"""One SQLite connection per thread on a run store file, shared by the store and the money ledger."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from macrohard.sqlitedisk import Connection
from macrohard.store import migrations


class ThreadConnections:
    """Opens the database (migrated under the migration lock) and hands each thread its own connection:
    autocommit (callers open their own transactions), WAL so readers never block the writer, foreign keys on."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self._local = threading.local()
        with migrations.migration_lock(self.path):
            migrations.apply(self.get())

    def get(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False,
                                 factory=Connection)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    def close(self) -> None:
        """Close this thread's connection (others close with their threads)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
