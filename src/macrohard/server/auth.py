"""Users, tokens and login sessions of ``macrohard serve``, in the run store's SQLite file.

A user has a role: ``owner`` (sees every run, answers every approval, manages users), ``member``
(starts runs, sees and answers only their own) or ``viewer`` (watches every run, answers nothing).
A token is shown once, when it is made, and only its SHA-256 is stored. Logging in exchanges it for
a session: a random id in an HttpOnly, SameSite=Strict cookie (stored hashed too) and a CSRF token
the page sends back on every state-changing request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from macrohard.errors import UserError
from macrohard.sqlitedisk import connect, wait_seconds

ROLES = ("owner", "member", "viewer")
SESSION_S = 7 * 24 * 3600.0


@dataclass(frozen=True)
class User:
    name: str
    role: str

    @property
    def can_answer(self) -> bool:
        """Owners and members answer approvals; a viewer only watches."""
        return self.role in ("owner", "member")

    @property
    def sees_all(self) -> bool:
        return self.role in ("owner", "viewer")


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Users:
    """The ``web_users`` and ``web_sessions`` tables (migration m006) behind one SQLite connection per call."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call, closed after it. ``sqlitedisk``'s (its -shm looked at before each statement, a
        full disk named): a plain ``sqlite3.connect`` here died of SIGBUS on a store whose -shm was made read-only
        while `macrohard serve` ran (rel40), and was closed only when Python freed it."""
        db = connect(self.db_path, timeout=wait_seconds(30), isolation_level=None)  # ux52: MACROHARD_STORE_WAIT too
        try:
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        finally:
            db.close()

    def count(self) -> int:
        with self._db() as db:
            return int(db.execute("SELECT count(*) FROM web_users").fetchone()[0])

    def list(self) -> list[User]:
        with self._db() as db:
            return [User(n, r) for n, r in db.execute("SELECT name, role FROM web_users ORDER BY name")]

    def add(self, name: str, role: str) -> str:
        """Create ``name`` with ``role``; return its token (shown once: only its hash is kept)."""
        if role not in ROLES:
            raise UserError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum() or len(name) > 64:
            raise UserError(f"invalid user name {name!r}: letters, digits, '-', '_' and '.', at most 64")
        token = secrets.token_urlsafe(32)
        try:
            with self._db() as db:
                db.execute("INSERT INTO web_users VALUES (?, ?, ?, ?)", (name, role, _hash(token), time.time()))
        except sqlite3.IntegrityError as exc:
            raise UserError(f"user {name!r} exists already: `macrohard serve users token {name}` makes a new "
                            "token for it") from exc
        return token

    def new_token(self, name: str) -> str:
        """Replace ``name``'s token (the old one stops working, and so do its sessions)."""
        token = secrets.token_urlsafe(32)
        with self._db() as db:
            if db.execute("UPDATE web_users SET token_hash=? WHERE name=?", (_hash(token), name)).rowcount == 0:
                raise UserError(f"no user {name!r}: `macrohard serve users list` shows them")
            db.execute("DELETE FROM web_sessions WHERE user_name=?", (name,))
        return token

    def by_token(self, token: str | None) -> User | None:
        if not token:
            return None
        with self._db() as db:
            row = db.execute("SELECT name, role, token_hash FROM web_users WHERE token_hash=?",
                             (_hash(token),)).fetchone()
        if row is None or not hmac.compare_digest(row[2], _hash(token)):
            return None
        return User(row[0], row[1])

    def login(self, user: User) -> tuple[str, str]:
        """A new session for ``user``: (the cookie's value, the CSRF token)."""
        sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        now = time.time()
        with self._db() as db:
            db.execute("DELETE FROM web_sessions WHERE expires_at < ?", (now,))
            db.execute("INSERT INTO web_sessions VALUES (?, ?, ?, ?, ?)",
                       (_hash(sid), user.name, csrf, now, now + SESSION_S))
        return sid, csrf

    def session(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._db() as db:
            row = db.execute("SELECT u.name, u.role, s.csrf FROM web_sessions s JOIN web_users u ON u.name = s.user_name"
                             " WHERE s.id_hash=? AND s.expires_at > ?", (_hash(sid), time.time())).fetchone()
        return None if row is None else Session(User(row[0], row[1]), row[2])

    def logout(self, sid: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM web_sessions WHERE id_hash=?", (_hash(sid),))
