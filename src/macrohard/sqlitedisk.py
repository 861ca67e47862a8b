"""SQLite connections on which a full disk is the user's error (``DiskFull``, naming the file and the fix).

A ground-floor module (imports only ``errors``): the run store's connections and the audit log's use it. Without it
a full disk under MACROHARD_HOME printed a traceback at the run's close and left the run `running`.

``ThreadConnections`` is the one place such connections are opened (one per thread, the same settings for the run
store, the money ledger and the audit log); the store's own subclass migrates the file first, the audit log's
(``migrate=False``) never does: it writes tables the store made.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from macrohard.errors import DiskFull, StoreUnusable


class Connection(sqlite3.Connection):
    """A connection whose "disk is full" is the user's error, naming the file and the fix (a full disk
    is not our bug; without this the CLI printed a traceback and the run stayed `running`)."""

    shm = ""  # the store's -shm file, looked at before every statement (``_shm_writable``)

    def close(self) -> None:
        if _UNMAPPABLE:  # SQLite's close writes the -shm (a checkpoint): left open until the process ends
            _keep_open()
            return
        super().close()

    # Every way a statement reaches SQLite goes through ``_disk_full`` (the -shm looked at first). rel39 checked only
    # ``execute`` and ``executemany``: a commit after a transaction (``with db:``), ``executescript`` (the
    # migrations), a cursor's own ``execute``, a backup, ``iterdump`` and a blob all still died of SIGBUS (rel40).
    # ``test_every_statement_path_of_a_connection_is_checked`` lists sqlite3's methods, so a new one is not missed.
    # (sqlite3's own ``Connection.execute`` makes a plain cursor, not ``cursor()``'s: ours is made here, so the rows
    # read from it are checked too)
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        return self.cursor().executescript(script)

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory or Cursor)

    def commit(self) -> None:
        if self.in_transaction:  # a commit outside a transaction touches nothing
            with self._disk_full():
                super().commit()

    def rollback(self) -> None:
        if self.in_transaction:
            with self._disk_full():
                super().rollback()

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> bool:
        if kind is None:  # sqlite3's own ``__exit__`` calls its C commit, around ``commit`` above
            self.commit()
        else:
            self.rollback()
        return False

    def backup(self, target: sqlite3.Connection, **options: Any) -> None:
        self._shm_writable()
        if isinstance(target, Connection):
            target._shm_writable()
        with self._disk_full():
            super().backup(target, **options)

    def blobopen(self, *args: Any, **options: Any) -> Any:
        with self._disk_full():
            return super().blobopen(*args, **options)

    def serialize(self, *args: Any, **options: Any) -> bytes:
        with self._disk_full():
            return super().serialize(*args, **options)

    def deserialize(self, *args: Any, **options: Any) -> None:
        with self._disk_full():
            super().deserialize(*args, **options)

    @contextmanager
    def _disk_full(self, look: bool = True) -> Iterator[None]:
        if look:  # (reading the rows of a statement that has run writes nothing: no look)
            self._shm_writable()
        try:
            yield
        except sqlite3.DatabaseError as exc:
            full = full_disk(exc, self) if isinstance(exc, sqlite3.OperationalError) else None
            if full is None:
                full = unusable(exc, _main_file(self))
            if full is None:
                raise
            raise full from exc


    def _shm_writable(self) -> None:
        """SQLite maps the store's -shm file and writes it through the mapping (every read and write transaction);
        once that file cannot be written (chattr +i, a read-only remount) such a write kills the process with
        SIGBUS, which no handler can survive, and nothing is said (rel37, rel39). So it is looked at first (one
        access(2), ~1 µs): the user is told, the run kept for `runs recover`. A file made unwritable between this
        look and SQLite's write still kills; the next start then says so (``fatal.py``)."""
        if self.shm and not os.access(self.shm, os.W_OK) and os.path.exists(self.shm):
            store = self.shm.removesuffix("-shm")
            _UNMAPPABLE.append(self.shm)
            _keep_open()
            raise StoreUnusable(f"the run store {store} cannot be written any more ({self.shm} is read-only now: "
                                "SQLite maps that file, and a write to it would kill this process with SIGBUS, so "
                                "macrohard stopped first): make it writable again (`ls -l`, `chmod u+w`; `lsattr` "
                                "shows an immutable flag, `chattr -i` clears it), then `macrohard runs recover` ends "
                                "the run it cut short, its finished steps kept")


class Cursor(sqlite3.Cursor):
    """A cursor of a ``Connection`` whose own ``execute`` (and ``executemany``, ``executescript``) is checked as the
    connection's is: ``db.cursor().execute(...)`` and ``iterdump`` (which runs its SQL through a cursor) went around
    the -shm look before (rel40)."""

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        with self.connection._disk_full(), _under_way(self.connection):  # type: ignore[attr-defined]
            return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Cursor:
        with self.connection._disk_full(), _under_way(self.connection):  # type: ignore[attr-defined]
            return super().executemany(sql, parameters)

    def executescript(self, script: str, /) -> Cursor:
        with self.connection._disk_full(), _under_way(self.connection):  # type: ignore[attr-defined]
            return super().executescript(script)

    # Rows are read after ``execute`` returns: a damaged page met while they are (a store cut by a crash of the disk,
    # a bad sector, a copy taken mid-write) was a DatabaseError traceback from `runs show` (rel40); now it is
    # ``StoreUnusable`` naming the file and the way to save what it holds.
    def __next__(self) -> Any:
        with self.connection._disk_full(look=False):  # type: ignore[attr-defined]
            return super().__next__()

    def fetchone(self) -> Any:
        with self.connection._disk_full(look=False):  # type: ignore[attr-defined]
            return super().fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        with self.connection._disk_full(look=False):  # type: ignore[attr-defined]
            return super().fetchmany(size) if size is not None else super().fetchmany()

    def fetchall(self) -> list[Any]:
        with self.connection._disk_full(look=False):  # type: ignore[attr-defined]
            return super().fetchall()


@contextmanager
def _under_way(db: Any) -> Iterator[None]:
    """Marks a statement under way for ``watch_waits`` (nothing while no watcher is on: a library caller)."""
    if not _watcher or not db.shm:
        yield
        return
    key = threading.get_ident()
    _running[key] = (time.monotonic(), db.shm.removesuffix("-shm"), getattr(db, "wait", 0.0))
    try:
        yield
    finally:
        _running.pop(key, None)


_OPEN: weakref.WeakSet[Connection] = weakref.WeakSet()  # every connection this module opened, until it is freed
_UNMAPPABLE: list[str] = []  # -shm files found unwritable in this process


def _keep_open() -> None:
    """Never close this process's connections again, not even when Python frees them at exit: SQLite's close of a
    store whose -shm cannot be written any more writes it (the last connection's checkpoint) and the process died of
    SIGBUS after it had said why (rel39). The process ends with them open; SQLite recovers the write-ahead log at the
    next open, as after a kill."""
    import ctypes

    for db in list(_OPEN):
        if not getattr(db, "_kept", False):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(db))  # one reference that is never given back
            db._kept = True  # type: ignore[attr-defined]


def connect(path: str | os.PathLike[str], **options: Any) -> Connection:
    """``sqlite3.connect`` with this module's ``Connection`` (its -shm looked at before every statement)."""
    db = sqlite3.connect(path, factory=Connection, **options)
    assert isinstance(db, Connection)
    db.shm = f"{path}-shm"
    _OPEN.add(db)
    return db


def _main_file(db: sqlite3.Connection) -> str:
    try:
        return next((row[2] for row in sqlite3.Connection.execute(db, "PRAGMA database_list") if row[1] == "main"), "")
    except sqlite3.Error:
        return ""


def unusable(exc: sqlite3.DatabaseError, path: str | os.PathLike[str]) -> StoreUnusable | None:
    """``StoreUnusable`` naming the file and the fix, for a store that is read-only, cannot be opened, or is not (or
    no longer) a database; None for any other error (our bug, or the caller's to handle). Before (rel22): each was a
    traceback from the first command that touched the store."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    where = str(path) or "the run store"
    if code == sqlite3.SQLITE_READONLY:
        return StoreUnusable(f"the run store {where} cannot be written ({exc}): make it and its directory writable "
                             "for you (`ls -l`, `chmod u+w`; `lsattr` shows an immutable flag, `chattr -i` clears "
                             "it), or set MACROHARD_HOME to a directory you can write")
    if code == sqlite3.SQLITE_IOERR and str(path) and (stuck := _unwritable(str(path))):
        # rel37: made read-only (chattr +i, chmod, a remount) while a run used it: SQLite says "disk I/O error"
        return StoreUnusable(f"the run store {where} cannot be written any more ({exc}: {stuck} is read-only now): "
                             "make it and its -wal file writable again (`ls -l`, `chmod u+w`; `lsattr` shows an "
                             "immutable flag, `chattr -i` clears it), then `macrohard runs recover` ends the run it "
                             "cut short, its finished steps kept")
    if code == sqlite3.SQLITE_CANTOPEN:
        return StoreUnusable(f"the run store {where} cannot be opened ({exc}): check that its directory exists and "
                             "is yours to write, or set MACROHARD_HOME to a directory you can write")
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return StoreUnusable(f"the run store {where} is damaged ({exc}): move it aside (`mv {where} {where}.broken`, "
                             "with its -wal and -shm files), then, before macrohard makes a fresh one there, copy "
                             f"every record it can still read into a new file: {salvage(where)}")
    return None


def salvage(path: str) -> str:
    """The shell line that copies what a damaged store at ``path`` (moved to ``path.broken``) can still give into a
    new file at ``path``. Not ``.recover``, which rel22's message named: the sqlite3 shell of Debian 12 (3.40.1)
    fails it ("SQL logic error") on any file with a view or a trigger, so on every run store (rel40). ``.dump``
    reads what it can and ends with ROLLBACK when a page was damaged: that last line becomes COMMIT."""
    return (f"`sqlite3 {path}.broken .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 {path}` (the "
            "records on a damaged page are lost; the rest, runs, steps and audit, are kept. Where the damage reached "
            "the store's list of tables — a file cut short, its last pages gone — that copy says `no such table` and "
            f"keeps nothing: keep {path}.broken then; the runs' recorded changes stay under sandboxes/, which "
            "`macrohard runs gc` leaves unless given --change-sets)")


def _unwritable(path: str) -> str:
    """The first of the store's file and its -wal that exists and may not be written now, or ""."""
    for name in (path, f"{path}-wal"):
        if os.path.exists(name) and not os.access(name, os.W_OK):
            return name
    return ""


WAIT_ENV = "MACROHARD_STORE_WAIT"
STORE_WAIT_S = 30.0  # how long every connection of the store (runs, audit, ledger) waits on a lock by default
NOTICE_AFTER_S = 1.0  # a statement that has waited this long on another program's lock says so, once
# where a wait is said (the CLI prints it on stderr); None: nobody is told (a library caller)
on_wait: list[Any] = [None]


def wait_seconds(default: float = STORE_WAIT_S) -> float:
    """How long a statement waits on a store another connection holds locked: ``$MACROHARD_STORE_WAIT`` seconds
    when set (a store a slow backup tool holds; a test of the message), else ``default``."""
    raw = os.environ.get(WAIT_ENV)
    if raw is None or not raw.strip():
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not 0 <= seconds < float("inf"):  # rel49: `1m` was the default, `-5` no wait at all, both without a word
        from macrohard.errors import ConfigError

        raise ConfigError(f"{WAIT_ENV}={raw} is not a number of seconds: write how long to wait on a store another "
                          f"program holds locked as seconds, e.g. {WAIT_ENV}=60, or unset it (default "
                          f"{default:g})")
    return seconds


def lock_holders(path: str | os.PathLike[str]) -> list[str]:
    """The processes that hold a write lock on the store (``/proc/locks``): SQLite's write lock of a WAL store is a
    POSIX lock on bytes 120-122 of its -shm file (write, checkpoint, recovery), a rollback-journal store's a lock
    on the file itself. Each as "pid N (`command line`)"; this process as "this process (another of its
    connections)". Empty where nothing is found (another machine's process on a network disk, no /proc)."""
    wanted: dict[tuple[int, int], bool] = {}  # (device, inode) -> is the -shm file
    for name, shm in ((f"{path}-shm", True), (str(path), False)):
        try:
            st = os.stat(name)
        except OSError:
            continue
        wanted[(st.st_dev, st.st_ino)] = shm
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    pids: list[int] = []
    for line in lines:
        fields = line.split()
        if "->" in fields or len(fields) < 8 or fields[1] != "POSIX" or fields[3] != "WRITE":
            continue  # (a waiter is listed after "->": it holds nothing)
        try:
            major, minor, inode = fields[5].split(":")
            dev = os.makedev(int(major, 16), int(minor, 16))
            pid, start = int(fields[4]), int(fields[6])
            end = (1 << 63) if fields[7] == "EOF" else int(fields[7])
        except ValueError:
            continue
        shm = wanted.get((dev, int(inode)))
        if shm is None or (shm and not (start <= 122 and end >= 120)):
            continue
        if pid not in pids:
            pids.append(pid)
    said = []
    for pid in pids:
        if pid == os.getpid():
            said.append("this process (another of its connections)")
            continue
        try:
            cmd = " ".join(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").split())
        except OSError:
            cmd = ""
        said.append(f"pid {pid} (`{cmd[:120]}`)" if cmd else f"pid {pid}")
    return said


def begin_immediate(db: sqlite3.Connection, path: str | os.PathLike[str], wait: float) -> None:
    """``BEGIN IMMEDIATE`` (the write lock, taken before anything is read); a store still locked by another program
    after ``wait`` seconds is ``locked``'s ``StoreUnusable`` (the wait itself is said by ``watch_waits``)."""
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise (locked(exc, path, wait) or exc) from exc


# statements under way in this process, while a watcher is on: thread id -> (since when, the store's path, its wait)
_running: dict[int, tuple[float, str, float]] = {}
_watcher: list[threading.Thread] = []


def watch_waits(tell: Any) -> None:
    """Say through ``tell`` (once per statement) when a statement has waited ``NOTICE_AFTER_S`` while another
    program holds the store's write lock: which program, and how long it will wait. Before (rel47's left-open,
    rel48): `macrohard money …` on a store a `sqlite3` shell held waited in silence (60 s, the ledger's own
    timeout, then a message that named the store's 30), and so did `macrohard run`. SQLite's busy handler is not
    reachable from Python: a thread looks at the statements under way four times a second instead."""
    on_wait[0] = tell
    if _watcher:
        return
    thread = threading.Thread(target=_watch, name="macrohard-store-waits", daemon=True)
    _watcher.append(thread)
    thread.start()


def _watch() -> None:
    told: set[tuple[int, float]] = set()
    while True:
        time.sleep(0.25)
        now = time.monotonic()
        for thread_id, (since, path, wait) in list(_running.items()):
            if now - since < NOTICE_AFTER_S or (thread_id, since) in told:
                continue
            holders = [h for h in lock_holders(path) if not h.startswith("this process")]
            if not holders:
                continue  # a long statement of its own, or a lock of this process's other threads: not a wait
            told.add((thread_id, since))
            tell = on_wait[0]
            if tell is not None:
                try:
                    tell(f"waiting for the run store {path}: another program ({', '.join(holders)}) holds it locked; "
                         f"waiting up to {wait:g} s in all ({WAIT_ENV}=SECONDS sets the wait)")
                except Exception:  # noqa: BLE001 - a display must never stop the watch
                    pass


def locked(exc: BaseException, path: str | os.PathLike[str], wait: float | None = None) -> StoreUnusable | None:
    """``StoreUnusable`` for a store another program kept locked past the busy timeout (a `sqlite3` shell or a backup
    tool with a write transaction open), naming what holds it (``lock_holders``) and the wait that ran out; None for
    anything else. The CLI says it for any command (before rel22: a traceback); the ledger's writes raise it."""
    if not isinstance(exc, sqlite3.OperationalError) or getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_BUSY:
        return None
    wait = wait_seconds() if wait is None else wait
    holders = lock_holders(path)
    who = f"it is held by {', '.join(holders)}; " if holders else ""
    return StoreUnusable(f"the run store {path} stayed locked by another program for {wait:g} s ({exc}): {who}end what "
                         f"holds it open with a transaction (a `sqlite3` shell, a backup or sync tool; `fuser {path}` "
                         f"names it), then try again (or wait longer: {WAIT_ENV}=SECONDS, now {wait:g}); `macrohard "
                         "runs recover` ends a run it cut short")


def full_disk(exc: sqlite3.OperationalError, db: sqlite3.Connection) -> DiskFull | None:
    """``DiskFull`` for SQLite's "database or disk is full" (or an I/O error on a disk with no space left)."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code not in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR):
        return None
    path = _main_file(db)
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and path and _free(path) < (1 << 20)):
        return DiskFull(f"the disk that holds the run store {path} is full ({exc}): free some space there "
                        "(`macrohard runs gc` removes what finished runs left), or set MACROHARD_HOME to a directory "
                        "on a bigger disk; then `macrohard runs recover` records what the runs that were cut short left")
    if code == sqlite3.SQLITE_IOERR and path and (limit := _file_size_limit_met(path)):
        return DiskFull(f"the run store {path} reached the largest file this process may write ({exc}; the file "
                        f"size limit is {limit >> 10} KiB: `ulimit -f`, a service's LimitFSIZE): raise it (`ulimit -f "
                        "unlimited` in the shell that starts macrohard) or set MACROHARD_HOME to a directory whose "
                        "store is smaller; then `macrohard runs recover` records what the runs that were cut short "
                        "left")
    return None


def _file_size_limit_met(path: str) -> int:
    """The soft RLIMIT_FSIZE when the store's file or its write-ahead log has come within a megabyte of it (a write
    past it fails with EFBIG, which SQLite reports as a plain I/O error; Python ignores the SIGXFSZ), else 0. Before
    (rel25): a traceback (``sqlite3.OperationalError: disk I/O error``) mid-run, the disk far from full."""
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return 0
    for name in (path, f"{path}-wal", f"{path}-journal"):
        try:
            if os.path.getsize(name) + (1 << 20) >= limit:
                return limit
        except OSError:
            continue
    return 0


def _free(path: str) -> int:
    try:
        return shutil.disk_usage(os.path.dirname(path) or ".").free
    except OSError:
        return 1 << 30


def _text(data: bytes) -> str:
    """A TEXT value as str; bytes that are not UTF-8 (a damaged page under a record) as U+FFFD, so the record is
    one the reader cannot parse (said as such, the others shown) instead of an error for the whole query: before
    (rel40), "Could not decode to UTF-8 column 'body'" was a traceback from `runs show`."""
    try:
        return data.decode()
    except UnicodeDecodeError:
        return data.decode(errors="replace")


class ThreadConnections:
    """Each thread its own connection on one database file: autocommit (callers open their own transactions), WAL
    so readers never block the writer, ``synchronous=NORMAL`` (a commit survives the process being killed; only an
    OS crash or power cut can lose the last ones, and ``SQLiteStore.sync`` bounds that at a run's end), foreign keys
    on, and a full disk as ``DiskFull``. Subclasses that own the schema migrate in their ``__init__``; readers and
    writers of tables another owner made (the audit log) use this class as it is: no migration, no directory made.

    ``exclusive``: SQLite's exclusive locking mode, for a store on a full disk (`macrohard runs gc`, rel51). A WAL
    database's readers share an index in the -shm file, which SQLite must grow and map before the first read: on a
    disk with no space left that fails ("disk I/O error"), so the command that frees the disk could not open the
    store. In exclusive mode the index is in this process's memory; no other process may use the store meanwhile
    (one that does makes the open wait, then say the store is locked)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float, exclusive: bool = False) -> None:
        self.path = Path(path)
        self.timeout = wait_seconds(timeout)
        self.exclusive = exclusive
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            try:
                db = connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
            except sqlite3.DatabaseError as exc:
                if (said := unusable(exc, self.path)) is None:
                    raise
                raise said from exc
            db.text_factory = _text
            db.wait = self.timeout  # type: ignore[attr-defined]  # (said by ``watch_waits``)
            if self.exclusive:  # before the first read: WAL's index in this process's memory, no -shm to grow
                db.execute("PRAGMA locking_mode=EXCLUSIVE")
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
