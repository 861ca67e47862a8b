"""Numbered migrations, applied in order when the store opens and recorded in ``_migrations``.

Append new functions; never edit one that has shipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterator

from macrohard.errors import StoreUnusable

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


@migration
def m007_money_ledger(db: sqlite3.Connection) -> None:
    """The double-entry ledger (``money/ledger.py``): accounts, transactions and their postings.

    The database, not Python, keeps it honest: a transaction's postings sum to zero before it may leave
    ``new`` (the ``money_tx_balanced`` trigger), postings are immutable, a transaction only moves
    new -> pending -> posted|voided or new -> posted, and ``money_balances`` (kept by triggers) has a CHECK
    that no account's available balance (posted minus held) goes below its floor (``min_balance``; NULL:
    no floor). The tables and CHECKs are plain SQL that PostgreSQL takes as they are; the triggers are
    SQLite's (PostgreSQL needs them as PL/pgSQL functions, the balance one as a DEFERRABLE constraint
    trigger): see ``money/ledger.py``.
    """
    db.executescript(MONEY_DDL)


MONEY_DDL = """
CREATE TABLE money_accounts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'division', 'run', 'payee', 'external')),
    name TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3 AND upper(currency) = currency),
    min_balance BIGINT CHECK (min_balance IS NULL OR min_balance <= 0),
    created_at REAL NOT NULL,
    UNIQUE (kind, name)
);
CREATE TABLE money_balances (
    account_id TEXT PRIMARY KEY REFERENCES money_accounts(id),
    posted BIGINT NOT NULL DEFAULT 0,
    held BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0),
    min_balance BIGINT,
    CHECK (min_balance IS NULL OR posted - held >= min_balance)
);
CREATE TABLE money_transactions (
    id TEXT PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fund', 'transfer', 'payment', 'model', 'refund')),
    status TEXT NOT NULL CHECK (status IN ('new', 'pending', 'posted', 'voided')),
    currency TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    payer TEXT NOT NULL REFERENCES money_accounts(id),
    payee TEXT NOT NULL REFERENCES money_accounts(id),
    memo TEXT NOT NULL DEFAULT '',
    run_id TEXT,
    step INTEGER,
    audit_seq INTEGER,
    division TEXT,
    created_at REAL NOT NULL,
    expires_at REAL,
    posted_at REAL,
    voided_at REAL,
    void_reason TEXT,
    CHECK (payer <> payee)
);
CREATE INDEX money_tx_payer ON money_transactions(payer, created_at);
CREATE INDEX money_tx_payee ON money_transactions(payee, created_at);
CREATE INDEX money_tx_run ON money_transactions(run_id);
CREATE INDEX money_tx_pending ON money_transactions(status, expires_at);
CREATE TABLE money_postings (
    id INTEGER PRIMARY KEY,
    tx_id TEXT NOT NULL REFERENCES money_transactions(id),
    account_id TEXT NOT NULL REFERENCES money_accounts(id),
    amount BIGINT NOT NULL CHECK (amount <> 0),
    currency TEXT NOT NULL
);
CREATE INDEX money_postings_account ON money_postings(account_id, tx_id);
CREATE INDEX money_postings_tx ON money_postings(tx_id);

CREATE TRIGGER money_account_balance AFTER INSERT ON money_accounts BEGIN
    INSERT INTO money_balances (account_id, posted, held, min_balance) VALUES (NEW.id, 0, 0, NEW.min_balance);
END;
CREATE TRIGGER money_account_floor AFTER UPDATE OF min_balance ON money_accounts BEGIN
    UPDATE money_balances SET min_balance = NEW.min_balance WHERE account_id = NEW.id;
END;
CREATE TRIGGER money_account_fixed BEFORE UPDATE OF id, kind, name, currency ON money_accounts BEGIN
    SELECT RAISE(ABORT, 'ledger: an account keeps its id, kind, name and currency');
END;
CREATE TRIGGER money_account_kept BEFORE DELETE ON money_accounts BEGIN
    SELECT RAISE(ABORT, 'ledger: accounts are never deleted');
END;
CREATE TRIGGER money_tx_starts_new BEFORE INSERT ON money_transactions WHEN NEW.status <> 'new' BEGIN
    SELECT RAISE(ABORT, 'ledger: a transaction starts as new: add its postings, then hold or post it');
END;
CREATE TRIGGER money_tx_kept BEFORE DELETE ON money_transactions BEGIN
    SELECT RAISE(ABORT, 'ledger: transactions are never deleted; void a pending one');
END;
CREATE TRIGGER money_tx_fixed BEFORE UPDATE ON money_transactions
WHEN NEW.id <> OLD.id OR NEW.idem_key <> OLD.idem_key OR NEW.fingerprint <> OLD.fingerprint
  OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency OR NEW.payer <> OLD.payer OR NEW.payee <> OLD.payee
  OR NEW.kind <> OLD.kind OR NEW.created_at <> OLD.created_at BEGIN
    SELECT RAISE(ABORT, 'ledger: a transaction''s content never changes, only its status');
END;
CREATE TRIGGER money_tx_transition BEFORE UPDATE OF status ON money_transactions
WHEN NOT ((OLD.status = 'new' AND NEW.status IN ('pending', 'posted'))
       OR (OLD.status = 'pending' AND NEW.status IN ('posted', 'voided'))) BEGIN
    SELECT RAISE(ABORT, 'ledger: a transaction moves only new -> pending -> posted or voided (posted and voided are final)');
END;
CREATE TRIGGER money_tx_balanced BEFORE UPDATE OF status ON money_transactions
WHEN OLD.status = 'new' AND NEW.status <> 'new' AND (
    (SELECT COUNT(*) FROM money_postings WHERE tx_id = NEW.id) < 2
    OR (SELECT SUM(amount) FROM money_postings WHERE tx_id = NEW.id) <> 0
    OR (SELECT SUM(amount) FROM money_postings WHERE tx_id = NEW.id AND amount > 0) <> NEW.amount) BEGIN
    SELECT RAISE(ABORT, 'ledger: unbalanced transaction: its postings must sum to zero and move its amount');
END;
CREATE TRIGGER money_posting_open BEFORE INSERT ON money_postings
WHEN (SELECT status FROM money_transactions WHERE id = NEW.tx_id) IS NOT 'new' BEGIN
    SELECT RAISE(ABORT, 'ledger: postings are added only to a new transaction');
END;
CREATE TRIGGER money_posting_currency BEFORE INSERT ON money_postings
WHEN NEW.currency IS NOT (SELECT currency FROM money_accounts WHERE id = NEW.account_id)
  OR NEW.currency IS NOT (SELECT currency FROM money_transactions WHERE id = NEW.tx_id) BEGIN
    SELECT RAISE(ABORT, 'ledger: currency mismatch: a posting, its account and its transaction share one currency');
END;
CREATE TRIGGER money_posting_fixed BEFORE UPDATE ON money_postings BEGIN
    SELECT RAISE(ABORT, 'ledger: postings are immutable');
END;
CREATE TRIGGER money_posting_kept BEFORE DELETE ON money_postings BEGIN
    SELECT RAISE(ABORT, 'ledger: postings are immutable');
END;
CREATE TRIGGER money_tx_hold AFTER UPDATE OF status ON money_transactions
WHEN OLD.status = 'new' AND NEW.status = 'pending' BEGIN
    UPDATE money_balances SET held = held - (SELECT SUM(p.amount) FROM money_postings p
        WHERE p.tx_id = NEW.id AND p.account_id = money_balances.account_id AND p.amount < 0)
    WHERE account_id IN (SELECT account_id FROM money_postings WHERE tx_id = NEW.id AND amount < 0);
END;
CREATE TRIGGER money_tx_post AFTER UPDATE OF status ON money_transactions
WHEN NEW.status = 'posted' AND OLD.status IN ('new', 'pending') BEGIN
    UPDATE money_balances SET
        posted = posted + (SELECT SUM(p.amount) FROM money_postings p
                           WHERE p.tx_id = NEW.id AND p.account_id = money_balances.account_id),
        held = held + CASE WHEN OLD.status = 'pending' THEN COALESCE((SELECT SUM(p.amount) FROM money_postings p
            WHERE p.tx_id = NEW.id AND p.account_id = money_balances.account_id AND p.amount < 0), 0) ELSE 0 END
    WHERE account_id IN (SELECT account_id FROM money_postings WHERE tx_id = NEW.id);
END;
CREATE TRIGGER money_tx_void AFTER UPDATE OF status ON money_transactions
WHEN OLD.status = 'pending' AND NEW.status = 'voided' BEGIN
    UPDATE money_balances SET held = held + (SELECT SUM(p.amount) FROM money_postings p
        WHERE p.tx_id = NEW.id AND p.account_id = money_balances.account_id AND p.amount < 0)
    WHERE account_id IN (SELECT account_id FROM money_postings WHERE tx_id = NEW.id AND amount < 0);
END;
"""


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


def unknown(db: sqlite3.Connection) -> list[str]:
    """The migrations recorded in this database that this version does not have: a store a newer macrohard wrote.
    Before (rel25) it was opened as any other: `runs list` and `runs show` failed with a pydantic traceback on the
    newer runs' fields, and a run wrote its rows into tables whose shape this version does not know."""
    try:
        done = [row[0] for row in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    except sqlite3.OperationalError:  # a new file: no table yet
        return []
    known = {fn.__name__ for fn in MIGRATIONS}
    return [name for name in done if name not in known]


@contextlib.contextmanager
def migration_lock(db_path: str | os.PathLike[str]) -> Iterator[None]:
    """Held while a process opens a store and migrates it.

    Two processes opening a new store at once (two CLIs, eval workers) would both see a migration as
    missing, and the second would fail with "table already exists" (or "database is locked" while the
    first switches the file to WAL). ``executescript`` commits, so no SQLite transaction can keep them
    apart: an exclusive lock on a file beside the database does.
    """
    try:
        handle = open(f"{db_path}.migrate-lock", "a")  # noqa: SIM115 - closed below, after the lock is let go
    except OSError as exc:
        # rel48: a read-only MACROHARD_HOME (a read-only mount, a backup's copy) was an OSError traceback from
        # every command, `runs list` included
        where = os.path.dirname(os.path.abspath(db_path))
        raise StoreUnusable(
            f"the run store's directory {where} cannot be written ({exc.strerror}): macrohard writes beside its store "
            "even to read it (this lock file, SQLite's write-ahead log), so it cannot open a store in a read-only "
            "place: make the directory writable (remount it read-write, `chmod u+w`), or copy the store where you "
            f"can write and point MACROHARD_HOME there (`cp -a {where} /tmp/macrohard-copy && "
            "MACROHARD_HOME=/tmp/macrohard-copy macrohard runs list`)") from exc
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@migration
def m009_imagine_index(db: sqlite3.Connection) -> None:
    """Described recordings (``macrohard imagine describe``) and a full-text index over their segments."""
    db.executescript(
        """
        CREATE TABLE imagine_timelines (
            source TEXT PRIMARY KEY,
            run_id TEXT,
            dir TEXT NOT NULL,
            created_at REAL NOT NULL,
            body TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE imagine_text USING fts5(
            text, caption, source UNINDEXED, run_id UNINDEXED, segment UNINDEXED, start UNINDEXED,
            end_ UNINDEXED, frame UNINDEXED, tokenize = 'unicode61'
        );
        """
    )


@migration
def m007_money_spend_totals(db: sqlite3.Connection) -> None:
    """What each wallet paid (posted or held), per UTC day and scope, kept by triggers: the money check of every
    ``pay`` review reads one indexed row per limit instead of summing the day's transactions. Scopes: ``all``,
    ``payee:ID``, ``division:NAME`` per day, and ``run:ID`` (day -1: a run's whole life)."""
    db.executescript(
        """
        CREATE TABLE money_spend_totals (
            payer TEXT NOT NULL,
            day INTEGER NOT NULL,
            scope TEXT NOT NULL,
            amount BIGINT NOT NULL CHECK (amount >= 0),
            PRIMARY KEY (payer, day, scope)
        );
        CREATE INDEX money_tx_payer_payee ON money_transactions(payer, payee, status);
        CREATE VIEW money_spend_scopes AS
            SELECT id, payer, CAST(created_at / 86400 AS INTEGER) AS day, 'all' AS scope, amount FROM money_transactions
            WHERE kind = 'payment'
            UNION ALL SELECT id, payer, CAST(created_at / 86400 AS INTEGER), payee, amount FROM money_transactions
            WHERE kind = 'payment'
            UNION ALL SELECT id, payer, CAST(created_at / 86400 AS INTEGER), 'division:' || division, amount
            FROM money_transactions WHERE kind = 'payment' AND division IS NOT NULL
            UNION ALL SELECT id, payer, -1, 'run:' || run_id, amount FROM money_transactions
            WHERE kind = 'payment' AND run_id IS NOT NULL;
        CREATE TRIGGER money_spend_add AFTER UPDATE OF status ON money_transactions
        WHEN NEW.kind = 'payment' AND OLD.status = 'new' AND NEW.status IN ('pending', 'posted') BEGIN
            INSERT OR IGNORE INTO money_spend_totals (payer, day, scope, amount)
                SELECT payer, day, scope, 0 FROM money_spend_scopes WHERE id = NEW.id;
            UPDATE money_spend_totals SET amount = amount + NEW.amount
            WHERE (payer, day, scope) IN (SELECT payer, day, scope FROM money_spend_scopes WHERE id = NEW.id);
        END;
        CREATE TRIGGER money_spend_release AFTER UPDATE OF status ON money_transactions
        WHEN NEW.kind = 'payment' AND OLD.status = 'pending' AND NEW.status = 'voided' BEGIN
            UPDATE money_spend_totals SET amount = amount - NEW.amount
            WHERE (payer, day, scope) IN (SELECT payer, day, scope FROM money_spend_scopes WHERE id = NEW.id);
        END;
        INSERT INTO money_spend_totals (payer, day, scope, amount)
            SELECT s.payer, s.day, s.scope, SUM(s.amount) FROM money_spend_scopes s
            JOIN money_transactions t ON t.id = s.id WHERE t.status IN ('pending', 'posted')
            GROUP BY s.payer, s.day, s.scope;
        """
    )


@migration
def m010_audit_outcomes(db: sqlite3.Connection) -> None:
    """Each ended run's outcome sealed onto its audit chain (rel49): ``seal = sha256(head hash, run id, status)``,
    written in the same transaction as the run's status, so a status edited in the store afterwards no longer matches
    its chain (``store.audit_read.outcome_problems``). The runs already in the store get an empty seal: they ended
    before outcomes were sealed, which `audit verify` says instead of calling their missing seal an edit."""
    db.executescript(
        """
        CREATE TABLE audit_outcomes (
            run_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            seq INTEGER NOT NULL,
            head TEXT NOT NULL,
            seal TEXT NOT NULL,
            sealed_at REAL NOT NULL
        );
        INSERT INTO audit_outcomes (run_id, status, seq, head, seal, sealed_at)
            SELECT id, status, 0, '', '', strftime('%s', 'now') FROM runs;
        """
    )
