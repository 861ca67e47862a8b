"""The run store: SQLite in WAL mode. Runs, steps (append-only) and artifacts."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from macrohard.errors import NotFound, StoreUnusable, UserError
from macrohard.sqlitedisk import STORE_WAIT_S, begin_immediate, salvage
from macrohard.store.connections import ThreadConnections
from macrohard.types import Observation, Run, Step

log = logging.getLogger("macrohard")
_UNREADABLE = ("written by another version of macrohard (an action kind or field this one does not know) or changed "
               "by hand")
# rel40: bytes that are not UTF-8 in a record (a page of the file damaged: a bad sector, a copy taken mid-write).
# Before, "Could not decode to UTF-8 column 'body'" was a traceback from `runs show`; the other steps are shown.
_DAMAGED = ("its bytes are not text, so the store's file is damaged there (a bad sector, a copy taken while it was "
            "written); `sqlite3 STORE 'PRAGMA integrity_check'` says where; to copy the records it can still read into "
            "a fresh store: `mv STORE STORE.broken` (with its -wal and -shm files), then SALVAGE")


def _damaged(path: Path) -> str:
    return _DAMAGED.replace("SALVAGE", salvage(str(path))).replace("STORE", str(path))


def partial_id(text: str) -> bool:
    """Whether ``text`` may be looked for as a part of an id. rt56c: not with a NUL, which SQLite's LIKE takes for the
    pattern's end: ``/api/runs/%00`` matched every run (the only one, taken), ``/api/runs/END%00junk`` the run whose id
    ends with END; a chat id the same way."""
    return bool(text) and "\0" not in text


def like_escape(text: str) -> str:
    """``text`` as a literal inside a ``LIKE … ESCAPE '\\'`` pattern: ``%`` and ``_`` in an id the user typed are
    characters, not wildcards (``runs show %`` matched every run)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def default_home() -> Path:
    """``$MACROHARD_HOME``, else ``$XDG_DATA_HOME/macrohard``, else ``~/.local/share/macrohard``; made absolute
    against the directory macrohard started in. Before (rel40), `MACROHARD_HOME=relhome` reached bubblewrap as a
    relative bind source (its working directory is not ours): "the sandbox did not start: bwrap: Can't find source
    path relhome/…", with the advice to pass --no-sandbox."""
    if env := os.environ.get("MACROHARD_HOME"):
        return Path(env).expanduser().absolute()
    data = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return (Path(data) / "macrohard").absolute()


# `runs list --sort`: the column and its natural direction (ux51)
RUN_SORTS: dict[str, tuple[str, str]] = {
    "started": ("created_at", "DESC"), "steps": ("steps", "DESC"), "tokens": ("tokens", "DESC"),
    "status": ("status", "ASC"),
    "model": ("model", "ASC"), "task": ("task_text", "ASC"), "id": ("id", "ASC"),
}

class SQLiteStore:
    """Thread-safe; one connection per thread, WAL so readers never block the writer."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, exclusive: bool = False) -> None:
        """``exclusive``: this process alone uses the store, which then opens on a full disk too (``runs gc``)."""
        self._conns = ThreadConnections(path if path is not None else default_home() / "runs.db", timeout=STORE_WAIT_S,
                                        exclusive=exclusive)
        self.path = self._conns.path

    def _db(self) -> sqlite3.Connection:
        return self._conns.get()

    def close(self) -> None:
        self._conns.close()

    def sync(self) -> None:
        """Put what is committed on the disk itself, not only in the operating system's hands: one fsync of the
        WAL file. Commits sync nothing each (``synchronous=NORMAL``: a killed process loses no commit); a run's
        end calls this, so an OS crash or power cut after it loses none of that run's steps or audit records."""
        for name in (f"{self.path}-wal", str(self.path)):
            try:
                fd = os.open(name, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            return

    # -- runs ------------------------------------------------------------------------------

    def create_run(self, run: Run) -> None:
        with self._sealed(run) as db:
            db.execute(
                "INSERT INTO runs (id, status, model, task_text, created_at, finished_at, steps, tokens, body, "
                "parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run.id, run.status.value, run.model, run.task.text, run.created_at, run.finished_at, run.steps,
                 run.usage.total, run.model_dump_json(), run.parent_id),
            )

    def update_run(self, run: Run) -> None:
        with self._sealed(run) as db:
            cur = db.execute(
                "UPDATE runs SET status=?, model=?, finished_at=?, steps=?, tokens=?, body=? WHERE id=?",
                (run.status.value, run.model, run.finished_at, run.steps, run.usage.total, run.model_dump_json(),
                 run.id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"no run {run.id!r} in {self.path}")

    @contextlib.contextmanager
    def _sealed(self, run: Run) -> Iterator[sqlite3.Connection]:
        """The run's row written; an ended run's status sealed onto its audit chain's head in the same transaction
        (``audit_outcomes``; rel49: before, a status edited in the store after the run ended passed `audit verify`).
        A running run's write is one statement, as before."""
        db = self._db()
        if not run.status.finished:
            yield db
            return
        from macrohard.safety.audit import genesis, outcome_seal  # here: `macrohard --help` imports no safety

        begin_immediate(db, self.path, STORE_WAIT_S)
        try:
            yield db
            head = db.execute("SELECT seq, hash FROM audit_heads WHERE run_id=?", (run.id,)).fetchone()
            seq, top = (int(head[0]), str(head[1])) if head else (0, genesis(run.id))
            db.execute("INSERT OR REPLACE INTO audit_outcomes (run_id, status, seq, head, seal, sealed_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (run.id, run.status.value, seq, top, outcome_seal(top, run.id, run.status.value), time.time()))
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                try:
                    db.execute("ROLLBACK")
                except (sqlite3.Error, UserError):  # a full, read-only or damaged store
                    pass  # never hide the first error behind a failed rollback
            raise

    def get_run(self, run_id: str) -> Run:
        row = self._db().execute("SELECT CAST(body AS BLOB) FROM runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            rows = self._db().execute("SELECT id, CAST(body AS BLOB) FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY created_at "
                                      "DESC LIMIT 6", (f"%{like_escape(run_id)}%",)).fetchall() if partial_id(run_id) else []
            if len(rows) > 1:  # a part of two ids: say which, never "no run"
                shown = ", ".join(r[0] for r in rows[:5]) + (", …" if len(rows) > 5 else "")
                raise NotFound(f"{run_id!r} is part of {'more than 5' if len(rows) > 5 else len(rows)} run ids "
                               f"({shown}); give more of the id")
            if not rows:
                raise NotFound(f"no run {run_id!r} in {self.path}; `macrohard runs list` shows the ids")
            row = rows[0][1:]
        try:
            return Run.model_validate_json(row[0].decode())
        except ValueError as exc:  # pydantic's ValidationError too
            how = (_damaged(self.path) if isinstance(exc, UnicodeDecodeError)
                   else f"it was {_UNREADABLE}")
            raise StoreUnusable(f"run {run_id} in {self.path} cannot be read ({_first(exc)}): {how}; "
                                "the other runs are not touched (`macrohard runs list`)") from exc

    def list_runs(self, limit: int = 50, status: str | None = None, sort: str = "started", reverse: bool = False,
                  offset: int = 0) -> list[Run]:
        """Runs in one global order (``RUN_SORTS``: newest, most steps or tokens first; A to Z by text), ties by the
        newest then the id, so pages of ``limit`` from ``offset`` never repeat or skip a run."""
        if sort not in RUN_SORTS:
            raise ValueError(f"no run sort {sort!r}; the sorts: {', '.join(RUN_SORTS)}")
        column, direction = RUN_SORTS[sort]
        if reverse:
            direction = "ASC" if direction == "DESC" else "DESC"
        sql = "SELECT id, CAST(body AS BLOB) FROM runs"
        args: tuple[object, ...] = ()
        if status:
            sql += " WHERE status=?"
            args = (status,)
        order = f"{column} {direction}, " if column != "created_at" else ""
        tie = "ASC" if reverse and column == "created_at" else "DESC"
        sql += f" ORDER BY {order}created_at {tie}, id {tie} LIMIT ? OFFSET ?"
        return self._readable(self._db().execute(sql, (*args, limit, offset)))

    def count_runs(self, status: str | None = None) -> int:
        sql, args = ("SELECT COUNT(*) FROM runs WHERE status=?", (status,)) if status else ("SELECT COUNT(*) FROM runs", ())
        return int(self._db().execute(sql, args).fetchone()[0])

    def children(self, run_id: str) -> list[Run]:
        """The sub-runs ``run_id`` delegated, oldest first."""
        rows = self._db().execute("SELECT id, CAST(body AS BLOB) FROM runs WHERE parent_id=? ORDER BY created_at, rowid",
                                  (run_id,))
        return self._readable(rows)

    def _readable(self, rows: Any) -> list[Run]:
        """The runs of ``rows`` (id, body); one whose record cannot be read is left out and said on the log. Before
        (rel39): one such record made `runs list` (and every start's recovery) a traceback."""
        runs = []
        for run_id, body in rows:
            try:
                runs.append(Run.model_validate_json(body.decode() if isinstance(body, bytes) else body))
            except ValueError as exc:
                how = _damaged(self.path) if isinstance(exc, UnicodeDecodeError) else f"it was {_UNREADABLE}"
                log.warning("run %s in %s cannot be read (%s): %s; left out", run_id, self.path, _first(exc), how)
        return runs

    # -- steps -----------------------------------------------------------------------------

    def append_step(self, run_id: str, step: Step) -> None:
        self._db().execute("INSERT INTO steps (run_id, idx, body) VALUES (?, ?, ?)",
                           (run_id, step.index, step.model_dump_json()))

    def steps(self, run_id: str) -> list[Step]:
        """The run's steps in order; one whose record cannot be read stands as a step that says so (the others are
        shown as they are). Before (rel39): `runs show` of the run was a traceback."""
        rows = self._db().execute("SELECT idx, CAST(body AS BLOB) FROM steps WHERE run_id=? ORDER BY idx", (run_id,))
        steps = []
        for idx, body in rows:
            try:
                steps.append(Step.model_validate_json(body.decode()))
            except ValueError as exc:
                how = (_damaged(self.path) if isinstance(exc, UnicodeDecodeError)
                       else f"it was {_UNREADABLE}")
                said = (f"[this step's record cannot be read: {how}; `sqlite3 {self.path} \"SELECT "
                        f"body FROM steps WHERE run_id='{run_id}' AND idx={idx}\"` shows it ({_first(exc)})]")
                steps.append(Step(index=idx, observation=Observation(output=said, error=True,
                                                                     meta={"unreadable": True})))
        return steps

    # -- artifacts -------------------------------------------------------------------------

    def add_artifact(self, run_id: str, name: str, media_type: str, *, data: bytes | None = None,
                     path: str | None = None, step: int | None = None) -> int:
        cur = self._db().execute(
            "INSERT INTO artifacts (run_id, step, name, media_type, path, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (run_id, step, name, media_type, path, data, time.time()),
        )
        return int(cur.lastrowid or 0)

    def artifacts(self, run_id: str, name: str | None = None) -> list[dict[str, object]]:
        sql = "SELECT id, step, name, media_type, path, data FROM artifacts WHERE run_id=?"
        args: tuple[object, ...] = (run_id,)
        if name is not None:
            sql += " AND name=?"
            args += (name,)
        sql += " ORDER BY id"
        keys = ("id", "step", "name", "media_type", "path", "data")
        return [dict(zip(keys, row, strict=True)) for row in self._db().execute(sql, args)]


def _first(exc: BaseException) -> str:
    """The first line of a parse error, short (pydantic's list every field)."""
    if isinstance(exc, ValidationError) and exc.errors():
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc']) or 'the record'}: {err['msg']}"[:120]
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
