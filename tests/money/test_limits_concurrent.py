"""Limits hold when many runs pay at once: each review passes alone, the ledger write checks the limit again."""

from __future__ import annotations

import multiprocessing

import pytest

from macrohard.money.ledger import Ledger
from macrohard.money.wallet import PayEnvironment, Wallet
from macrohard.safety.context import GuardContext
from macrohard.safety.money import MoneyCheck
from macrohard.types import PayAction, Run, Task

from .conftest import money_guard

RUNS = 8
LIMITS = {"payees": ["shop"], "per_day": 20, "per_run": None, "per_payee": None, "ask_over": None}


def pay_after_review(path: str, run: int, enforce: bool, barrier, out) -> None:
    ledger = Ledger(path)
    guard = money_guard(**LIMITS)
    env = PayEnvironment(Wallet(ledger, "user:alice"), limits=MoneyCheck(guard.policy) if enforce else None)
    ctx = GuardContext(workspace="/tmp", run_id=f"run-{run}")
    env.bind(Run(id=f"run-{run}", model="m", task=Task(text="t")), ctx)
    ctx.step = 1
    approved = guard.authorize(PayAction(payee="shop", amount="3", currency="USD"), ctx, env=env).approved
    barrier.wait()  # every run has its approval before any pays: the reviews all saw nothing spent
    obs = env.execute(approved) if approved is not None else None
    out.put((approved is not None, obs is not None and not obs.error, obs.output if obs else ""))
    ledger.close()


def race(path: str, enforce: bool) -> list[tuple[bool, bool, str]]:
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(RUNS), ctx.Queue()
    procs = [ctx.Process(target=pay_after_review, args=(path, r, enforce, barrier, out)) for r in range(RUNS)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return results


@pytest.mark.timeout(300)
def test_runs_paying_at_once_cannot_together_pass_the_day_limit(ledger):
    results = race(str(ledger.path), enforce=True)
    assert all(approved for approved, _, _ in results)  # each review alone was within the limit
    paid = [r for r in results if r[1]]
    refused = [r for r in results if not r[1]]
    assert len(paid) == 6 and ledger.account("payee:shop").posted == 1800  # 6 x 3.00 <= 20.00 < 7 x 3.00
    assert all("past its limit of 20.00 USD (another payment came first)" in r[2] for r in refused)
    assert ledger.check() == []


@pytest.mark.timeout(300)
def test_without_the_check_in_the_write_the_race_passes_the_limit(ledger):
    """The control: the same race with the executor not re-checking pays all eight (24.00 > 20.00)."""
    race(str(ledger.path), enforce=False)
    assert ledger.account("payee:shop").posted == RUNS * 300
