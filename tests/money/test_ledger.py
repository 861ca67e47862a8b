"""The ledger: balanced entries, idempotency, holds, overdraft, and that the database refuses what Python might not."""

from __future__ import annotations

import sqlite3

import pytest

from macrohard.errors import NotFound
from macrohard.money.currency import AmountError, CurrencyError, fmt, to_minor
from macrohard.money.ledger import HoldExpired, IdempotencyConflict, InsufficientFunds, Ledger, LedgerError


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def ledger(tmp_path, clock):
    led = Ledger(tmp_path / "runs.db", clock=clock)
    led.open_account("user", "alice", "USD")
    led.open_account("payee", "shop", "USD")
    led.fund("user:alice", 1000, key="fund-1")
    yield led
    led.close()


def test_transfer_moves_money_and_balances_derive_from_entries(ledger):
    tx = ledger.transfer("user:alice", "payee:shop", 250, "USD", key="t1", memo="socks")
    assert tx.status == "posted" and tx.amount == 250
    assert ledger.account("user:alice").available == 750
    assert ledger.account("payee:shop").posted == 250
    assert ledger.derived("user:alice") == (750, 0)
    assert ledger.check() == []
    [(first, effect), *_] = ledger.statement("user:alice")
    assert first.id == tx.id and effect == -250


def test_insufficient_funds_is_refused_and_nothing_moves(ledger):
    with pytest.raises(InsufficientFunds, match=r"10.00 USD available, 10.01 USD needed.*fund it"):
        ledger.transfer("user:alice", "payee:shop", 1001, "USD")
    assert ledger.account("user:alice").available == 1000
    assert ledger.account("payee:shop").posted == 0
    assert len(ledger.statement("payee:shop")) == 0


@pytest.mark.parametrize("amount", [0, -5])
def test_zero_or_negative_amount_is_refused(ledger, amount):
    with pytest.raises(AmountError, match="must be positive"):
        ledger.transfer("user:alice", "payee:shop", amount, "USD")
    with pytest.raises(AmountError, match="must be positive"):
        to_minor(str(amount), "USD")
    assert ledger.check() == [] and ledger.account("user:alice").available == 1000


def test_fractional_cents_and_floats_are_refused(ledger):
    with pytest.raises(AmountError, match="smallest unit is 0.01"):
        to_minor("1.005", "USD")
    with pytest.raises(AmountError, match="integers of minor units"):
        ledger.transfer("user:alice", "payee:shop", 1.5, "USD")  # type: ignore[arg-type]
    assert to_minor("12.5", "USD") == 1250 and to_minor("7", "JPY") == 7 and fmt(-1250, "USD") == "-12.50 USD"


def test_unknown_and_mismatched_currency(ledger):
    with pytest.raises(CurrencyError, match="unknown currency 'XYZ'.*ISO 4217"):
        ledger.transfer("user:alice", "payee:shop", 5, "XYZ")
    with pytest.raises(CurrencyError, match="user:alice holds USD, the payment is in EUR"):
        ledger.transfer("user:alice", "payee:shop", 5, "EUR")
    with pytest.raises(CurrencyError, match="holds USD, not EUR"):
        ledger.open_account("user", "alice", "EUR")
    assert ledger.check() == [] and ledger.account("user:alice").available == 1000


def test_idempotency_same_request_once_different_request_refused(ledger):
    first = ledger.transfer("user:alice", "payee:shop", 100, "USD", key="order-7")
    again = ledger.transfer("user:alice", "payee:shop", 100, "USD", key="order-7")
    assert again.id == first.id
    assert ledger.account("user:alice").available == 900  # counted once
    with pytest.raises(IdempotencyConflict, match="order-7.*already used.*use a new key"):
        ledger.transfer("user:alice", "payee:shop", 101, "USD", key="order-7")
    assert ledger.account("user:alice").available == 900


def test_hold_then_capture_or_void(ledger, clock):
    hold = ledger.hold("user:alice", "payee:shop", 600, "USD", key="h1", ttl_s=60)
    alice = ledger.account("user:alice")
    assert hold.status == "pending" and alice.posted == 1000 and alice.held == 600 and alice.available == 400
    assert ledger.account("payee:shop").posted == 0  # a hold is not yet the payee's
    with pytest.raises(InsufficientFunds):
        ledger.hold("user:alice", "payee:shop", 401, "USD")
    assert ledger.capture(hold.id).status == "posted"
    assert ledger.capture(hold.id).status == "posted"  # twice: nothing more moves
    assert ledger.account("user:alice").available == 400 and ledger.account("payee:shop").posted == 600
    with pytest.raises(LedgerError, match="only a pending hold can be voided"):
        ledger.void(hold.id)
    second = ledger.hold("user:alice", "payee:shop", 100, "USD", ttl_s=60)
    ledger.void(second.id, "changed my mind")
    assert ledger.account("user:alice").available == 400
    with pytest.raises(LedgerError, match="only a pending hold can be captured"):
        ledger.capture(second.id)
    assert ledger.check() == []


def test_holds_expire(ledger, clock):
    hold = ledger.hold("user:alice", "payee:shop", 300, "USD", ttl_s=30)
    clock.now += 31
    with pytest.raises(HoldExpired, match="expired.*pay again"):
        ledger.capture(hold.id)
    assert ledger.transaction(hold.id).status == "voided"
    other = ledger.hold("user:alice", "payee:shop", 300, "USD", ttl_s=30)
    clock.now += 31
    assert ledger.expire_holds() == [other.id]
    assert ledger.account("user:alice").available == 1000 and ledger.check() == []


def test_an_expired_hold_frees_its_money_for_the_next_payment(ledger, clock):
    ledger.hold("user:alice", "payee:shop", 900, "USD", ttl_s=30)  # then the payer crashed: never captured
    with pytest.raises(InsufficientFunds):
        ledger.transfer("user:alice", "payee:shop", 500, "USD")
    clock.now += 31
    assert ledger.transfer("user:alice", "payee:shop", 500, "USD").status == "posted"
    assert ledger.account("user:alice").available == 500 and ledger.check() == []


def test_overdraft_only_where_allowed(ledger):
    ledger.open_account("division", "ops", "USD", overdraft=500)
    ledger.transfer("division:ops", "payee:shop", 500, "USD")
    assert ledger.account("division:ops").available == -500
    with pytest.raises(InsufficientFunds):
        ledger.transfer("division:ops", "payee:shop", 1, "USD")
    assert ledger.check() == []


def test_unknown_account_and_transaction(ledger):
    with pytest.raises(NotFound, match="no account 'user:bob'.*money fund"):
        ledger.transfer("user:bob", "payee:shop", 1, "USD")
    with pytest.raises(NotFound, match="no transaction"):
        ledger.capture("nope")


def test_the_database_refuses_unbalanced_overdrawn_or_edited_entries(ledger):
    """Bypass Python: raw SQL against the store file still cannot break the ledger's rules."""
    db = sqlite3.connect(ledger.path, isolation_level=None)
    db.execute("PRAGMA foreign_keys=ON")

    def new(tx: str, amount: int) -> None:
        db.execute("INSERT INTO money_transactions (id, idem_key, fingerprint, kind, status, currency, amount, payer, "
                   "payee, created_at) VALUES (?, ?, 'f', 'transfer', 'new', 'USD', ?, 'user:alice', 'payee:shop', 0)",
                   (tx, tx, amount))

    with pytest.raises(sqlite3.IntegrityError, match="starts as new"):
        db.execute("INSERT INTO money_transactions (id, idem_key, fingerprint, kind, status, currency, amount, payer, "
                   "payee, created_at) VALUES ('a', 'a', 'f', 'transfer', 'posted', 'USD', 5, 'user:alice', "
                   "'payee:shop', 0)")
    db.execute("BEGIN")
    new("u", 5)
    db.execute("INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES ('u', 'user:alice', -5, 'USD')")
    db.execute("INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES ('u', 'payee:shop', 4, 'USD')")
    with pytest.raises(sqlite3.IntegrityError, match="unbalanced"):
        db.execute("UPDATE money_transactions SET status='posted' WHERE id='u'")
    db.execute("ROLLBACK")
    db.execute("BEGIN")
    new("o", 5000)
    db.execute("INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES ('o', 'user:alice', -5000, 'USD')")
    db.execute("INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES ('o', 'payee:shop', 5000, 'USD')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("UPDATE money_transactions SET status='posted' WHERE id='o'")
    db.execute("ROLLBACK")
    with pytest.raises(sqlite3.IntegrityError, match="currency mismatch"):
        db.execute("BEGIN")
        new("c", 5)
        db.execute("INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES ('c', 'user:alice', -5, 'EUR')")
    db.execute("ROLLBACK")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("UPDATE money_postings SET amount = amount * 2")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        db.execute("DELETE FROM money_transactions")
    with pytest.raises(sqlite3.IntegrityError, match="content never changes"):
        db.execute("UPDATE money_transactions SET amount = 1")
    with pytest.raises(sqlite3.IntegrityError, match="posted and voided are final"):
        db.execute("UPDATE money_transactions SET status = 'voided'")
    db.close()
    assert ledger.check() == [] and ledger.account("user:alice").available == 1000
