"""The run store's connections: one SQLite connection per thread, shared by the store and the money ledger; the
file is migrated when it is opened (``sqlitedisk.ThreadConnections`` holds the connection settings, shared with the
audit log, which never migrates)."""

from __future__ import annotations

import os

from macrohard import sqlitedisk
from macrohard.errors import StoreUnusable
from macrohard.store import migrations


class ThreadConnections(sqlitedisk.ThreadConnections):
    """Opens the database (migrated under the migration lock) and hands each thread its own connection:
    autocommit (callers open their own transactions), WAL so readers never block the writer, foreign keys on."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float) -> None:
        super().__init__(path, timeout=timeout)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnusable(f"cannot make the run store's directory {self.path.parent} ({exc.strerror}): set "
                                "MACROHARD_HOME to a directory you can write") from exc
        with migrations.migration_lock(self.path):
            db = self.get()
            if newer := migrations.unknown(db):
                raise StoreUnusable(
                    f"the run store {self.path} was written by a newer macrohard (it has migrations this version does "
                    f"not know: {', '.join(newer)}): upgrade macrohard (`pip install -U macrohard`, or `git pull` and "
                    "`bash install.sh` in its checkout), or set MACROHARD_HOME to another directory for this version "
                    "to keep a store of its own")
            migrations.apply(db)
