"""Property: every sequence of ledger operations keeps it balanced, and no balance without overdraft goes negative."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from macrohard.money.currency import MoneyError
from macrohard.money.ledger import Ledger

ACCOUNTS = ["user:a", "user:b", "division:d", "payee:p"]
OVERDRAFT = {"user:a": 0, "user:b": 0, "division:d": 300, "payee:p": 0}
amounts = st.integers(min_value=-50, max_value=1500)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory(prefix="ledger-prop-")
        self.now = 1_800_000_000.0
        self.ledger = Ledger(Path(self.tmp.name) / "runs.db", clock=lambda: self.now)
        for ref in ACCOUNTS:
            kind, name = ref.split(":")
            self.ledger.open_account(kind, name, "USD", overdraft=OVERDRAFT[ref])
        self.posted = dict.fromkeys(ACCOUNTS, 0)  # the model: what each account should hold
        self.holds: dict[str, tuple[str, str, int, float]] = {}
        self.keys: dict[str, tuple[str, str, int]] = {}

    def teardown(self) -> None:
        self.ledger.close()
        self.tmp.cleanup()

    def held(self, acc: str) -> int:
        return sum(a for (p, _, a, _) in self.holds.values() if p == acc)

    def available(self, acc: str) -> int:
        return self.posted[acc] - self.held(acc)

    @rule(acc=st.sampled_from(ACCOUNTS[:3]), amount=amounts)
    def fund(self, acc, amount):
        try:
            self.ledger.fund(acc, amount)
        except MoneyError:
            assert amount <= 0
            return
        self.posted[acc] += amount

    @rule(payer=st.sampled_from(ACCOUNTS), payee=st.sampled_from(ACCOUNTS), amount=amounts,
          key=st.sampled_from(["k1", "k2", "k3", None]))
    def transfer(self, payer, payee, amount, key):
        ok = payer != payee and amount > 0 and self.available(payer) - amount >= -OVERDRAFT[payer]
        repeat = key is not None and key in self.keys
        try:
            self.ledger.transfer(payer, payee, amount, "USD", key=key)
        except MoneyError:
            assert not ok or repeat
            return
        except Exception:  # payer == payee: the CHECK constraint
            assert payer == payee
            return
        if repeat:
            assert self.keys[key] == (payer, payee, amount)  # the same request: the first result, nothing new
            return
        assert ok
        if key is not None:
            self.keys[key] = (payer, payee, amount)
        self.posted[payer] -= amount
        self.posted[payee] += amount

    @rule(payer=st.sampled_from(ACCOUNTS[:3]), amount=amounts, ttl=st.integers(1, 100))
    def hold(self, payer, amount, ttl):
        ok = amount > 0 and self.available(payer) - amount >= -OVERDRAFT[payer]
        try:
            tx = self.ledger.hold(payer, "payee:p", amount, "USD", ttl_s=ttl)
        except MoneyError:
            assert not ok
            return
        assert ok
        self.holds[tx.id] = (payer, "payee:p", amount, self.now + ttl)

    @rule(data=st.data(), capture=st.booleans())
    def settle(self, data, capture):
        if not self.holds:
            return
        tx_id = data.draw(st.sampled_from(sorted(self.holds)))
        payer, payee, amount, expires = self.holds.pop(tx_id)
        if capture:
            try:
                self.ledger.capture(tx_id)
            except MoneyError:
                assert expires <= self.now
                return
            self.posted[payer] -= amount
            self.posted[payee] += amount
        else:
            self.ledger.void(tx_id)

    @rule(seconds=st.integers(0, 60))
    def time_passes(self, seconds):
        self.now += seconds
        expired = set(self.ledger.expire_holds())
        assert expired == {t for t, h in self.holds.items() if h[3] <= self.now}
        for t in expired:
            del self.holds[t]

    @invariant()
    def balanced_and_matches_the_model(self):
        assert self.ledger.check() == []
        for acc in ACCOUNTS:
            a = self.ledger.account(acc)
            assert (a.posted, a.held) == (self.posted[acc], self.held(acc))
            assert a.available >= -OVERDRAFT[acc]  # never below zero where overdraft is off
        assert sum(self.ledger.account(a).posted for a in ACCOUNTS) == sum(
            -a.posted for a in self.ledger.accounts() if a.kind == "external")


LedgerMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None,
                                           suppress_health_check=[HealthCheck.too_slow])
test_ledger_state_machine = pytest.mark.timeout(300)(LedgerMachine.TestCase)
