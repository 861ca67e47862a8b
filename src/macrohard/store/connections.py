"""The run store's connections: one SQLite connection per thread, shared by the store and the money ledger; the
file is migrated when it is opened (``sqlitedisk.ThreadConnections`` holds the connection settings, shared with the
audit log, which never migrates)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from macrohard import sqlitedisk
from macrohard.errors import StoreUnusable
from macrohard.store import migrations


class ThreadConnections(sqlitedisk.ThreadConnections):
    """Opens the database (migrated under the migration lock) and hands each thread its own connection:
    autocommit (callers open their own transactions), WAL so readers never block the writer, foreign keys on."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float, exclusive: bool = False) -> None:
        super().__init__(path, timeout=timeout, exclusive=exclusive)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnusable(f"cannot make the run store's directory {self.path.parent} ({exc.strerror}): set "
                                "MACROHARD_HOME to a directory you can write") from exc
        with migrations.migration_lock(self.path):
            _refuse_another_programs_database(self.path, exclusive=exclusive)
            db = self.get()
            if newer := migrations.unknown(db):
                raise StoreUnusable(
                    f"the run store {self.path} was written by a newer macrohard (it has migrations this version does "
                    f"not know: {', '.join(newer)}): upgrade macrohard (`pip install -U macrohard`, or `git pull` and "
                    "`bash install.sh` in its checkout), or set MACROHARD_HOME to another directory for this version "
                    "to keep a store of its own")
            migrations.apply(db)


def _refuse_another_programs_database(path: Path, *, exclusive: bool = False) -> None:
    """Refuses a file at the store's path that is another program's SQLite database (tables, none of them
    ``_migrations``): a browser's history, an app's data copied there by mistake, MACROHARD_HOME pointed at another
    tool's folder. Before (rel46) it was opened as a store: switched to WAL and given macrohard's thirty tables beside
    its own, the other program's file changed for good. Read through a read-only connection, before anything writes;
    a file that cannot be read so (empty, damaged, not a database) is left to the store's own opening, which says
    what is wrong with it. ``exclusive`` (a store on a full disk): read in exclusive locking mode, which a read-only
    connection cannot use, with ``query_only`` so that it still writes nothing."""
    try:
        if path.stat().st_size == 0:
            return
        probe = sqlitedisk.connect(path.absolute().as_uri() + ("" if exclusive else "?mode=ro"), uri=True, timeout=5)
    except (OSError, sqlite3.Error):
        return
    probe.shm = f"{path}-shm"  # looked at before each statement, as on every connection of the store
    try:
        if exclusive:
            probe.execute("PRAGMA query_only=1")
            probe.execute("PRAGMA locking_mode=EXCLUSIVE")
        names = [row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    except sqlite3.Error:
        return
    finally:
        probe.close()
    if names and "_migrations" not in names:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise StoreUnusable(
            f"the file at the run store's path {path} is another program's SQLite database (its tables: {shown}; none is "
            "`_migrations`, which every macrohard store has), so macrohard did not open it, and changed nothing in it: move that file back "
            f"where it belongs (`mv {path} SOMEWHERE`), or set MACROHARD_HOME to another directory for macrohard's "
            "own store")
