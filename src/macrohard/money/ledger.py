"""A double-entry ledger in the run store's SQLite database (migration ``m007_money_ledger``).

Accounts (user, division, run, payee, external) hold one currency each; amounts are integer minor units.
A transaction moves ``amount`` from ``payer`` to ``payee`` as two postings that sum to zero. It is either
posted at once (``transfer``) or held first (``hold``: pending, counted against the payer's available
balance, expiring after ``ttl_s``) and later captured (posted) or voided. Every write runs in one
``BEGIN IMMEDIATE`` transaction, so concurrent writers (threads or processes) are serialised by SQLite and
none can overdraw an account between reading and writing.

What the database enforces by itself (triggers and CHECKs, see ``store/migrations.py``): postings sum to
zero before a transaction leaves ``new``; postings never change; status moves only new -> pending ->
posted | voided or new -> posted; posting, account and transaction share one currency; no account's
available balance (posted - held) goes below its floor. The cached balances (``money_balances``) are kept
by triggers; ``Ledger.check`` re-derives every balance from the postings and compares.

PostgreSQL (``money/postgres.py``, tested on PostgreSQL 15 by ``tests/money/test_postgres.py``): the tables,
keys and CHECKs carry over as written, except that ``id INTEGER PRIMARY KEY`` becomes an identity column; the
triggers become PL/pgSQL functions with the same messages; ``BEGIN IMMEDIATE`` becomes ``SELECT ... FOR
UPDATE`` on the payer's ``money_balances`` row.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from macrohard import sqlitedisk
from macrohard.errors import NotFound
from macrohard.money.accounts import account_id
from macrohard.money.currency import MAX_BALANCE, CurrencyError, MoneyError, check_currency, check_minor, fmt
from macrohard.store.connections import ThreadConnections

T = TypeVar("T")
HOLD_TTL_S = 900.0


class InsufficientFunds(MoneyError):
    """The payer's available balance (posted less held) would go below its floor."""


class IdempotencyConflict(MoneyError):
    """An idempotency key was used before for a different transaction."""


class HoldExpired(MoneyError):
    """A hold was captured after it expired (it is voided instead)."""


class LimitReached(MoneyError):
    """A spending limit checked inside the write (``caps``) would be passed: two runs cannot both slip under it."""


# (scope in money_spend_totals, UTC day or -1 for a run's whole life, limit in minor units, what it is called)
Cap = tuple[str, int, int, str]


class RepeatedPayment(MoneyError):
    """A payment without an idempotency key that repeats one made moments before (``repeat_window_s``): refused, as
    it is most likely a retry of a payment whose reply was lost."""


class LedgerError(MoneyError):
    """Any other refusal of the ledger (a transition that is not allowed, an unknown transaction)."""


@dataclass(frozen=True)
class Account:
    id: str
    kind: str
    name: str
    currency: str
    min_balance: int | None  # the floor of the available balance; None: no floor (the outside world)
    posted: int
    held: int

    @property
    def available(self) -> int:
        return self.posted - self.held

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "currency": self.currency,
                "posted": self.posted, "held": self.held, "available": self.available,
                "overdraft": None if self.min_balance is None else -self.min_balance}


TX_COLUMNS = ("id", "idem_key", "kind", "status", "currency", "amount", "payer", "payee", "memo", "run_id", "step",
              "audit_seq", "division", "created_at", "expires_at", "posted_at", "voided_at", "void_reason")


@dataclass(frozen=True)
class Transaction:
    id: str
    idem_key: str
    kind: str
    status: str
    currency: str
    amount: int
    payer: str
    payee: str
    memo: str
    run_id: str | None
    step: int | None
    audit_seq: int | None
    division: str | None
    created_at: float
    expires_at: float | None
    posted_at: float | None
    voided_at: float | None
    void_reason: str | None

    def as_dict(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in TX_COLUMNS}


def parse_account(ref: str) -> str:
    """'user:alice' -> 'user:alice'; a bare name means a user account."""
    kind, colon, name = ref.partition(":")
    if colon and not name:  # before (rel48): `money fund user: 5` funded an account named "user:user"
        raise MoneyError(f"account {ref!r} has no name after the colon: write KIND:NAME (user:alice, payee:shop)")
    return account_id(kind, name) if name else account_id("user", kind)


def funding_account(currency: str) -> str:
    return f"external:funding-{currency}"


class Ledger:
    """The ledger of one run store (``runs.db``); thread-safe, one connection per thread."""

    def __init__(self, path: str | os.PathLike[str], *, clock: Callable[[], float] = time.time) -> None:
        # the store's one wait (rel48: the ledger's own 60 s ran past the 30 s its "stayed locked" message named)
        self._conns = ThreadConnections(path, timeout=sqlitedisk.STORE_WAIT_S)
        self.path = self._conns.path
        self.clock = clock

    def _db(self) -> sqlite3.Connection:
        return self._conns.get()

    def close(self) -> None:
        self._conns.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: the write lock is taken before anything is read."""
        db = self._db()
        try:
            # inside the try: an interrupt as BEGIN returns must not leave the lock held; a wait on another
            # program's lock is said after a second, naming it (``sqlitedisk.begin_immediate``)
            sqlitedisk.begin_immediate(db, self.path, self._conns.timeout)
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    # -- accounts ----------------------------------------------------------------------------

    def open_account(self, kind: str, name: str, currency: str, *, overdraft: int | None = 0) -> Account:
        """The account ``kind:name`` (created if new). ``overdraft``: how far below zero it may go; None: no limit."""
        acc = account_id(kind, name)
        currency = check_currency(currency)
        if overdraft is not None and (isinstance(overdraft, bool) or not isinstance(overdraft, int) or overdraft < 0):
            raise MoneyError(f"overdraft must be a non-negative number of minor units or None, not {overdraft!r}")
        with self._write() as db:
            row = db.execute("SELECT currency FROM money_accounts WHERE id=?", (acc,)).fetchone()
            if row is None:
                db.execute("INSERT INTO money_accounts (id, kind, name, currency, min_balance, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           (acc, kind, name, currency, None if overdraft is None else -overdraft, self.clock()))
            elif row[0] != currency:
                raise CurrencyError(f"account {acc} holds {row[0]}, not {currency}; open another account "
                                    f"(e.g. {kind}:{name}-{currency.lower()}) for {currency}")
        return self.account(acc)

    def set_overdraft(self, ref: str, overdraft: int | None) -> Account:
        acc = self.account(ref)
        with self._write() as db:
            try:
                db.execute("UPDATE money_accounts SET min_balance=? WHERE id=?",
                           (None if overdraft is None else -overdraft, acc.id))
            except sqlite3.IntegrityError as exc:
                raise InsufficientFunds(f"{acc.id} is already below that floor ({fmt(acc.available, acc.currency)} "
                                        "available); fund it first") from exc
        return self.account(acc.id)

    def _resolve(self, ref: str) -> str:
        """The account ``ref`` names: an account of exactly that id (a payee's recorded before rt51c folded payee
        names, ``payee:Shop``, stays readable: its statement, its check), else the folded name."""
        if self._db().execute("SELECT 1 FROM money_accounts WHERE id=?", (ref,)).fetchone():
            return ref
        return parse_account(ref)

    def _payee_ids(self, db: sqlite3.Connection, acc: str) -> list[str]:
        """Every payee account that is ``acc`` folded (rt52c): ``payee:shop`` and the ``payee:Shop`` a ledger from
        before the fold holds. Its history is its own (postings never change), but a per-payee limit counts both."""
        if not acc.startswith("payee:"):
            return [acc]
        same = {row[0] for row in db.execute("SELECT id FROM money_accounts WHERE kind='payee' AND id <> ?", (acc,))
                if account_id("payee", row[0].split(":", 1)[1]) == acc}
        return [acc, *sorted(same)]

    def account(self, ref: str) -> Account:
        acc = self._resolve(ref)
        row = self._db().execute(
            "SELECT a.id, a.kind, a.name, a.currency, a.min_balance, b.posted, b.held FROM money_accounts a "
            "JOIN money_balances b ON b.account_id = a.id WHERE a.id=?", (acc,)).fetchone()
        if row is None:
            raise NotFound(f"no account {acc!r}; `macrohard money accounts` lists them, "
                           f"`macrohard money fund {acc} AMOUNT --currency USD` opens one")
        return Account(*row)

    def accounts(self) -> list[Account]:
        rows = self._db().execute(
            "SELECT a.id, a.kind, a.name, a.currency, a.min_balance, b.posted, b.held FROM money_accounts a "
            "JOIN money_balances b ON b.account_id = a.id ORDER BY a.kind, a.name")
        return [Account(*r) for r in rows]

    # -- transactions ------------------------------------------------------------------------

    def fund(self, ref: str, amount: int, *, key: str | None = None, memo: str = "funding",
             repeat_window_s: float | None = None) -> Transaction:
        """Move ``amount`` into ``ref`` from the outside world (``external:funding-CUR``, which has no floor)."""
        acc = self.account(ref)
        source = self.open_account("external", f"funding-{acc.currency}", acc.currency, overdraft=None)
        return self.transfer(source.id, acc.id, amount, acc.currency, key=key, kind="fund", memo=memo,
                             repeat_window_s=repeat_window_s)

    def transfer(self, payer: str, payee: str, amount: int, currency: str, *, key: str | None = None,
                 kind: str = "transfer", memo: str = "", caps: Sequence[Cap] = (), repeat_window_s: float | None = None,
                 release: str | None = None, **links: Any) -> Transaction:
        """Post ``amount`` from ``payer`` to ``payee`` at once (idempotent on ``key``; ``caps``: limits checked
        against the payer's spending totals inside the same write). ``repeat_window_s``: without a ``key``, refuse
        (``RepeatedPayment``) when the same payment was made in the last that many seconds. ``release``: a pending
        hold of the payer voided in the same write (rt58c: a reservation settled at what it came to, with no moment
        between the release and the payment in which another payment could take the money)."""
        return self._record(payer, payee, amount, currency, key=key, kind=kind, memo=memo, hold_s=None, caps=caps,
                            repeat_window_s=repeat_window_s, release=release, **links)

    def hold(self, payer: str, payee: str, amount: int, currency: str, *, key: str | None = None,
             kind: str = "payment", memo: str = "", ttl_s: float = HOLD_TTL_S, caps: Sequence[Cap] = (),
             **links: Any) -> Transaction:
        """Reserve ``amount`` of ``payer``'s available balance for ``payee`` (pending until captured or voided)."""
        if ttl_s <= 0:
            raise MoneyError(f"a hold's ttl_s must be positive, not {ttl_s}")
        return self._record(payer, payee, amount, currency, key=key, kind=kind, memo=memo, hold_s=ttl_s, caps=caps,
                            **links)

    def _record(self, payer: str, payee: str, amount: int, currency: str, *, key: str | None, kind: str, memo: str,
                hold_s: float | None, caps: Sequence[Cap] = (), repeat_window_s: float | None = None,
                release: str | None = None, run_id: str | None = None,
                step: int | None = None, audit_seq: int | None = None, division: str | None = None) -> Transaction:
        check_minor(amount)
        currency = check_currency(currency)
        payer, payee = parse_account(payer), parse_account(payee)
        if payer == payee:  # before (rel48): "error: CHECK constraint failed: payer <> payee"
            raise MoneyError(f"a payment moves money between two accounts, and both are {payer}: name another payee "
                             "(`macrohard money accounts` lists them)")
        content = {"kind": kind, "payer": payer, "payee": payee, "amount": amount, "currency": currency, "memo": memo,
                   "mode": "hold" if hold_s is not None else "post", "run_id": run_id, "step": step}
        fingerprint = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
        keyless = not key
        key = key or f"auto:{uuid.uuid4().hex}"
        now = self.clock()
        tx_id = uuid.uuid4().hex[:16]
        try:
            with self._write() as db:
                # the payer's expired holds give their money back first: a crash between hold and capture
                # costs nothing once the hold's time is up, with no sweeper needed
                db.execute("UPDATE money_transactions SET status='voided', voided_at=?, void_reason='expired' "
                           "WHERE status='pending' AND expires_at <= ? AND payer=?", (now, now, payer))
                row = db.execute(f"SELECT {', '.join(TX_COLUMNS)}, fingerprint FROM money_transactions WHERE idem_key=?",
                                 (key,)).fetchone()
                if row is not None:
                    if row[-1] != fingerprint:
                        raise IdempotencyConflict(
                            f"idempotency key {key!r} was already used for transaction {row[0]} "
                            f"({row[2]} {fmt(row[5], row[4])} {row[6]} -> {row[7]}); use a new key for a new "
                            "payment, or repeat exactly the same request to get the first result")
                    return Transaction(*row[:-1])  # the same request again: its first result, nothing new
                if keyless and repeat_window_s:
                    self._refuse_repeat(db, fingerprint, payer, now - repeat_window_s, now)
                if release is not None:
                    held = self._tx(db, release)
                    if held.payer != payer or held.status not in ("pending", "voided"):
                        raise LedgerError(f"transaction {held.id} is no hold of {payer} to release ({held.status})")
                    db.execute("UPDATE money_transactions SET status='voided', voided_at=?, void_reason='settled' "
                               "WHERE id=? AND status='pending'", (now, held.id))
                for acc in (payer, payee):
                    cur = db.execute("SELECT currency FROM money_accounts WHERE id=?", (acc,)).fetchone()
                    if cur is None:
                        raise NotFound(f"no account {acc!r}; open it first (`macrohard money fund` or open_account)")
                    if cur[0] != currency:
                        raise CurrencyError(f"currency mismatch: {acc} holds {cur[0]}, the payment is in {currency}; "
                                            f"pay in {cur[0]}")
                self._within_balances(db, payer, payee, amount, currency)
                for scope, day, limit, label in caps:
                    scopes = self._payee_ids(db, scope)
                    got = db.execute("SELECT COALESCE(SUM(amount), 0) FROM money_spend_totals WHERE payer=? AND day=? "
                                     f"AND scope IN ({', '.join('?' * len(scopes))})", (payer, day, *scopes)).fetchone()
                    used = int(got[0])
                    if used + amount > limit:
                        raise LimitReached(f"paying {fmt(amount, currency)} would take {label} to "
                                           f"{fmt(used + amount, currency)}, past its limit of {fmt(limit, currency)} "
                                           "(another payment came first); nothing was paid")
                db.execute("INSERT INTO money_transactions (id, idem_key, fingerprint, kind, status, currency, amount, "
                           "payer, payee, memo, run_id, step, audit_seq, division, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (tx_id, key, fingerprint, kind, currency, amount, payer, payee, memo, run_id, step,
                            audit_seq, division, now, None if hold_s is None else now + hold_s))
                db.executemany("INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES (?, ?, ?, ?)",
                               [(tx_id, payer, -amount, currency), (tx_id, payee, amount, currency)])
                status = "pending" if hold_s is not None else "posted"
                db.execute(f"UPDATE money_transactions SET status=?{', posted_at=?' if status == 'posted' else ''} "
                           "WHERE id=?", (status, now, tx_id) if status == "posted" else (status, tx_id))
        except sqlite3.IntegrityError as exc:
            raise self._translate(exc, payer, amount, currency) from exc
        return self.transaction(tx_id)

    @staticmethod
    def _within_balances(db: sqlite3.Connection, payer: str, payee: str, amount: int, currency: str) -> None:
        """Refuses a payment that would take an account's balance (or what it holds for pending payments) past
        ``MAX_BALANCE`` either way: SQLite's integers end at 2**63 - 1 (rel48: past it, balances became floats and
        ``check`` died of "integer overflow")."""
        after: list[tuple[str, tuple[int, ...]]] = []
        if (row := db.execute("SELECT posted, held FROM money_balances WHERE account_id=?", (payer,)).fetchone()):
            after.append((payer, (row[0] - amount, row[1] + amount)))
        if (row := db.execute("SELECT posted FROM money_balances WHERE account_id=?", (payee,)).fetchone()):
            after.append((payee, (row[0] + amount,)))
        for acc, values in after:
            if any(abs(v) > MAX_BALANCE for v in values):
                raise MoneyError(f"paying {fmt(amount, currency)} would take {acc}'s balance past "
                                 f"{fmt(MAX_BALANCE, currency)}, the most one account of this ledger holds or owes; "
                                 "nothing was paid: pay less, or into another account")

    def _refuse_repeat(self, db: sqlite3.Connection, fingerprint: str, payer: str, since: float, now: float) -> None:
        """``RepeatedPayment`` when the payment with this fingerprint was held or posted since ``since``. Inside the
        payment's own write: two keyless retries at once cannot both pass. Before (rel47's left-open, rel48): a
        `macrohard money transfer` without `--key` whose reply was lost (a dropped ssh session, a killed terminal)
        and that was run again paid twice."""
        row = db.execute("SELECT id, created_at, amount, currency, payee, memo FROM money_transactions WHERE payer=? "
                         "AND created_at>=? AND fingerprint=? AND status IN ('pending', 'posted') "
                         "ORDER BY created_at DESC LIMIT 1", (payer, since, fingerprint)).fetchone()
        if row is None:
            return
        tx_id, created, amount, currency, payee, memo = row
        ago = max(0, int(now - created))
        ago_text = f"{ago} s" if ago < 120 else f"{ago // 60} min" if ago < 7200 else f"{ago // 3600} h"
        raise RepeatedPayment(
            f"the same payment ({fmt(amount, currency)} from {payer} to {payee}"
            + (f", memo {memo!r}" if memo else "") + f") was made {ago_text} ago, transaction {tx_id}, and this one "
            "has no --key: it was refused and nothing was paid now, since it looks like a retry of that one (its "
            f"reply lost); `macrohard money statement {payee if payer.startswith('external:') else payer}` shows it. To pay the same again on purpose, give it a "
            "key of its own: `--key WORD` (a new word; the same key never pays twice, so repeat it on a retry)")

    def _translate(self, exc: sqlite3.IntegrityError, payer: str, amount: int, currency: str) -> MoneyError:
        text = str(exc)
        if "money_balances" in text or "posted - held" in text:
            acc = self.account(payer)
            return InsufficientFunds(f"insufficient funds in {payer}: {fmt(acc.available, currency)} available, "
                                     f"{fmt(amount, currency)} needed; fund it (`macrohard money fund {payer} "
                                     "AMOUNT`) or pay less")
        if "currency mismatch" in text:
            return CurrencyError(text.removeprefix("ledger: "))
        if "idem_key" in text:
            return IdempotencyConflict(f"idempotency key already used: {text}")
        return LedgerError(text.removeprefix("ledger: "))

    def capture(self, tx_id: str) -> Transaction:
        """Post a pending hold (the whole amount). An expired hold is voided and ``HoldExpired`` raised."""
        now = self.clock()
        with self._write() as db:
            tx = self._tx(db, tx_id)
            if tx.status == "posted":
                return tx  # captured before: capturing twice changes nothing
            if tx.status != "pending":
                raise LedgerError(f"transaction {tx.id} is {tx.status}; only a pending hold can be captured")
            if tx.expires_at is not None and tx.expires_at <= now:
                db.execute("UPDATE money_transactions SET status='voided', voided_at=?, void_reason='expired' "
                           "WHERE id=?", (now, tx.id))
                expired = True
            else:
                db.execute("UPDATE money_transactions SET status='posted', posted_at=? WHERE id=?", (now, tx.id))
                expired = False
        if expired:
            raise HoldExpired(f"hold {tx.id} expired at {time.strftime('%H:%M:%S', time.gmtime(tx.expires_at))} "
                              "UTC and was voided; pay again")
        return self.transaction(tx.id)

    def void(self, tx_id: str, reason: str = "voided") -> Transaction:
        """Release a pending hold (posted transactions are final: refund them with a transfer the other way)."""
        with self._write() as db:
            tx = self._tx(db, tx_id)
            if tx.status == "voided":
                return tx
            if tx.status != "pending":
                raise LedgerError(f"transaction {tx.id} is {tx.status}; only a pending hold can be voided "
                                  "(refund a posted one with a transfer the other way)")
            db.execute("UPDATE money_transactions SET status='voided', voided_at=?, void_reason=? WHERE id=?",
                       (self.clock(), reason, tx.id))
        return self.transaction(tx.id)

    def expire_holds(self) -> list[str]:
        """Void every pending hold past its expiry (after a crash between hold and capture); their ids."""
        now = self.clock()
        with self._write() as db:
            ids = [r[0] for r in db.execute(
                "SELECT id FROM money_transactions WHERE status='pending' AND expires_at <= ?", (now,))]
            db.executemany("UPDATE money_transactions SET status='voided', voided_at=?, void_reason='expired' "
                           "WHERE id=?", [(now, i) for i in ids])
        return ids

    def _tx(self, db: sqlite3.Connection, ref: str) -> Transaction:
        row = db.execute(f"SELECT {', '.join(TX_COLUMNS)} FROM money_transactions WHERE id=? OR idem_key=?",
                         (ref, ref)).fetchone()
        if row is None:
            raise NotFound(f"no transaction {ref!r}; `macrohard money statement ACCOUNT` lists them")
        return Transaction(*row)

    def transaction(self, ref: str) -> Transaction:
        return self._tx(self._db(), ref)

    # -- reading -----------------------------------------------------------------------------

    def statement(self, ref: str, limit: int = 100) -> list[tuple[Transaction, int]]:
        """The account's transactions, newest first, each with its signed effect on the account."""
        acc = self.account(ref)
        rows = self._db().execute(
            f"SELECT {', '.join('t.' + c for c in TX_COLUMNS)}, p.amount FROM money_postings p "
            "JOIN money_transactions t ON t.id = p.tx_id WHERE p.account_id=? "
            "ORDER BY t.created_at DESC, p.id DESC LIMIT ?", (acc.id, limit))
        return [(Transaction(*r[:-1]), int(r[-1])) for r in rows]

    def run_transactions(self, run_id: str) -> list[Transaction]:
        rows = self._db().execute(f"SELECT {', '.join(TX_COLUMNS)} FROM money_transactions WHERE run_id=? "
                                  "ORDER BY created_at", (run_id,))
        return [Transaction(*r) for r in rows]

    def derived(self, ref: str) -> tuple[int, int]:
        """(posted, held) of an account computed from its postings alone."""
        row = self._db().execute(
            "SELECT COALESCE(SUM(CASE WHEN t.status='posted' THEN p.amount END), 0), "
            "COALESCE(SUM(CASE WHEN t.status='pending' AND p.amount < 0 THEN -p.amount END), 0) "
            "FROM money_postings p JOIN money_transactions t ON t.id = p.tx_id WHERE p.account_id=?",
            (self._resolve(ref),)).fetchone()
        return int(row[0]), int(row[1])

    def check(self) -> list[str]:
        """Every way the ledger could be inconsistent, re-derived from the postings; [] when it is sound."""
        db = self._db()
        problems = [f"transaction {r[0]} postings sum to {r[1]}" for r in db.execute(
            "SELECT tx_id, SUM(amount) FROM money_postings GROUP BY tx_id HAVING SUM(amount) <> 0")]
        problems += [f"transaction {r[0]} is {r[1]} with {r[2]} posting(s)" for r in db.execute(
            "SELECT t.id, t.status, COUNT(p.id) FROM money_transactions t LEFT JOIN money_postings p ON p.tx_id = t.id "
            "GROUP BY t.id HAVING (t.status <> 'new' AND COUNT(p.id) < 2)")]
        problems += [f"transaction {r[0]} was left new (never held or posted)" for r in db.execute(
            "SELECT id FROM money_transactions WHERE status='new'")]
        for acc in self.accounts():
            posted, held = self.derived(acc.id)
            if (posted, held) != (acc.posted, acc.held):
                problems.append(f"{acc.id}: cached balance {acc.posted}/{acc.held} but postings give {posted}/{held}")
            if acc.min_balance is not None and posted - held < acc.min_balance:
                problems.append(f"{acc.id}: available {posted - held} is below its floor {acc.min_balance}")
        total = db.execute("SELECT COALESCE(SUM(p.amount), 0) FROM money_postings p JOIN money_transactions t "
                           "ON t.id = p.tx_id WHERE t.status='posted'").fetchone()[0]
        if total != 0:
            problems.append(f"posted postings sum to {total}, not 0")
        return problems + self.spend_problems()

    def spent(self, payer: str, *, since: float, run_id: str = "", payee: str = "", division: str = "") -> dict[str, int]:
        """What ``payer`` has paid or holds for payments: this run (ever), and on the UTC day of ``since`` per payee,
        per division and in all; and whether ``payee`` was ever paid from it. Read from the trigger-kept totals."""
        day = int(since // 86400)
        db = self._db()
        got = dict(db.execute(
            "SELECT scope, amount FROM money_spend_totals WHERE payer = ? AND ((day = ? AND scope IN ('all', ?, ?)) "
            "OR (day = -1 AND scope = ?))", (payer, day, payee, f"division:{division}", f"run:{run_id}")).fetchall())
        payees = self._payee_ids(db, payee) if payee else []
        marks = ", ".join("?" * len(payees))
        payee_day = db.execute(f"SELECT COALESCE(SUM(amount), 0) FROM money_spend_totals WHERE payer = ? AND day = ? "
                               f"AND scope IN ({marks})", (payer, day, *payees)).fetchone()[0] if payee else 0
        paid = db.execute(f"SELECT EXISTS (SELECT 1 FROM money_transactions WHERE payer = ? AND payee IN ({marks or '?'}) "
                          "AND status = 'posted' AND kind = 'payment')", (payer, *(payees or [payee]))).fetchone()[0]
        return {"run": int(got.get(f"run:{run_id}", 0)) if run_id else 0, "day": int(got.get("all", 0)),
                "payee_day": int(payee_day),
                "division_day": int(got.get(f"division:{division}", 0)) if division else 0,
                "payee_paid_before": int(paid)}

    def runs_spent(self, payer: str, run_ids: list[str]) -> int:
        """What ``payer`` has paid or holds for payments of these runs together (ever), from the kept totals."""
        marks = ", ".join("?" * len(run_ids))
        row = self._db().execute(f"SELECT COALESCE(SUM(amount), 0) FROM money_spend_totals WHERE payer = ? AND day = -1 "
                                 f"AND scope IN ({marks})", (payer, *(f"run:{r}" for r in run_ids))).fetchone()
        return int(row[0])

    def runs_payee_paid(self, payer: str, run_ids: list[str], payee: str) -> int:
        """What ``payer`` has paid or holds for payments to ``payee`` (and its pre-fold spellings) in these runs
        (rt58c: ``ask_over`` counts a run's split payments to one payee together)."""
        if not run_ids:
            return 0
        db = self._db()
        payees = self._payee_ids(db, account_id("payee", payee))
        row = db.execute(f"SELECT COALESCE(SUM(amount), 0) FROM money_transactions WHERE payer = ? AND kind = 'payment' "
                         f"AND status IN ('pending', 'posted') AND run_id IN ({', '.join('?' * len(run_ids))}) "
                         f"AND payee IN ({', '.join('?' * len(payees))})", (payer, *run_ids, *payees)).fetchone()
        return int(row[0])

    def spend_problems(self) -> list[str]:
        """Trigger-kept spending totals that differ from the transactions (part of ``check``)."""
        rows = self._db().execute(
            "SELECT COALESCE(k.payer, d.payer), COALESCE(k.day, d.day), COALESCE(k.scope, d.scope), "
            "COALESCE(k.amount, 0), COALESCE(d.amount, 0) FROM money_spend_totals k FULL OUTER JOIN "
            "(SELECT s.payer, s.day, s.scope, SUM(s.amount) AS amount FROM money_spend_scopes s "
            " JOIN money_transactions t ON t.id = s.id WHERE t.status IN ('pending', 'posted') "
            " GROUP BY s.payer, s.day, s.scope) d ON d.payer = k.payer AND d.day = k.day AND d.scope = k.scope "
            "WHERE COALESCE(k.amount, 0) <> COALESCE(d.amount, 0)")
        return [f"spending total {p} {s} day {d}: kept {k}, transactions give {t}" for p, d, s, k, t in rows]


def with_retry(fn: Callable[[], T], attempts: int = 5) -> T:
    """Retry ``fn`` on SQLite's "database is locked" (a writer held the lock past the busy timeout)."""
    for i in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or i == attempts - 1:
                raise
            time.sleep(0.05 * (i + 1))
    raise AssertionError("unreachable")
