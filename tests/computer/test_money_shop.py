"""An agent buys from the shop in the real browser, paying its HTTP 402 offer through the guard and the rail."""

from __future__ import annotations

from decimal import Decimal

import pytest

from macrohard.money.ledger import Ledger
from macrohard.money.rail import KeyRing, serve_facilitator
from macrohard.money.wallet import PayEnvironment, Wallet
from macrohard.runner import run_task
from macrohard.safety.guard import Guard
from macrohard.safety.policy import Money, load_policy
from macrohard.sites import serve
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import RunStatus, Task


@pytest.fixture
def rail(tmp_path):
    ledger = Ledger(tmp_path / "runs.db")
    ledger.open_account("user", "alice", "USD")
    ledger.fund("user:alice", 10_000)
    keys = KeyRing(tmp_path / "keys")
    with serve_facilitator(ledger, keys) as facilitator, serve("shop", state={"facilitator": facilitator}) as shop:
        yield ledger, keys, shop
    ledger.close()


def buy(rail, tmp_path, sku, price, asked):
    ledger, keys, shop = rail
    url = f"{shop.url}item/{sku}"
    guard = Guard.from_policy(load_policy().model_copy(update={"money": Money(payees=["shop"], ask_over=Decimal(20))}))
    script = [{"kind": "browser_goto", "url": url},
              {"kind": "pay", "payee": "shop", "amount": price, "currency": "USD", "memo": f"one {sku}",
               "offer_url": url},
              {"kind": "browser_goto", "url": url},
              {"kind": "finish", "answer": "bought"}]

    def approve(action, verdict):
        asked.append(verdict.reason)
        return False  # the person says no

    store = SQLiteStore(ledger.path)
    run = run_task(Task(text=f"Buy one {sku} at {url} and pay its 402 offer.", environment="browser",
                        allow_hosts=[shop.url.split("/")[2]], workspace=str(tmp_path / f"ws-{sku}")),
                   model=ScriptedModel(script), store=store, guard=guard, approve=approve,
                   extra_envs=[PayEnvironment(Wallet(ledger, "user:alice"), keys=keys)])
    return run, store.steps(run.id)


def test_an_agent_buys_within_its_limit_in_the_browser(rail, tmp_path):
    ledger, _, shop = rail
    asked: list[str] = []
    run, steps = buy(rail, tmp_path, "tshirt", "12.50", asked)
    assert run.status is RunStatus.succeeded, run.error
    assert asked == []
    assert "Payment required" in steps[0].observation.output and "12.50 USD" in steps[0].observation.output
    assert "Paid 12.50 USD to shop" in steps[1].observation.output, steps[1].observation.output
    assert "Receipt: T-shirt" in steps[2].observation.output  # the browser now sees the paid item
    [order] = shop.received
    [tx] = ledger.run_transactions(run.id)
    assert order["transaction"] == tx.id and tx.status == "posted" and tx.step == 2
    assert ledger.account("user:alice").available == 10_000 - 1250
    assert ledger.account("payee:shop").posted == 1250 and ledger.check() == []


def test_over_the_limit_the_agent_is_asked_and_no_leaves_the_balance_untouched(rail, tmp_path):
    ledger, _, shop = rail
    asked: list[str] = []
    run, steps = buy(rail, tmp_path, "poster", "45.00", asked)
    assert asked and "would take this run to 45.00 USD, past its limit of 20.00 USD" in asked[0]
    assert "Not approved by the user" in steps[1].observation.output
    assert "Payment required" in steps[2].observation.output  # still unpaid
    assert shop.received == [] and ledger.run_transactions(run.id) == []
    assert ledger.account("user:alice").available == 10_000 and ledger.account("user:alice").held == 0
