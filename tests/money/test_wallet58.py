"""rt58c: the wallet's last call and split payments, on the real wallet, ledger and guard, the model an
OpenAI-compatible server on loopback (``FakeOpenAIServer``) priced as grok-4 ($3 / $15 per million tokens).

rt56d left open: the wallet paid the model after each call (its price known only then), so a run whose balance was
short still made its next call: the provider was paid for a call the wallet could not cover. Now each call is
preceded by a hold of the most it can cost (the prompt's bound and the reply's cap at the model's prices), settled
at what it cost. And ``ask_over`` was per payment: split payments to one payee were never asked.

``THROUGH_ON_MAIN``: what got through on 72d71975 (this file run with ``PYTHONPATH`` at a `git archive` of its src)."""

from __future__ import annotations

import threading

import pytest

from macrohard.errors import ModelUnavailable
from macrohard.models.openai_compat import OpenAICompatModel
from macrohard.models.prices import CALL_TOKENS, cost_usd
from macrohard.money.wallet import PayEnvironment, Wallet
from macrohard.runner import run_task
from macrohard.safety.money import MoneyCheck
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import FakeOpenAIServer, ScriptedModel
from macrohard.types import RunStatus, Task, Usage

from .conftest import money_guard

THROUGH_ON_MAIN = {
    "a call past the balance": True,
    "two runs of one wallet at once": True,
    "no cap sent": True,
    "split payments under ask_over": True,
    "split by spelling the payee": True,
    "split across a delegation": True,
    "a delegated run's calls": True,
}

USAGE = {"prompt_tokens": 1_000, "completion_tokens": 40_000, "total_tokens": 41_000}  # $0.003 + $0.60 a call
CALL = cost_usd("grok-4", Usage(prompt_tokens=1_000, completion_tokens=40_000))


def pay(payee="shop", amount="0.01"):
    return {"text": None, "tool_calls": [{"name": "pay", "arguments": {"payee": payee, "amount": amount,
                                                                      "currency": "USD", "memo": "x"}}],
            "usage": USAGE}


FINISH = {"text": None, "tool_calls": [{"name": "finish", "arguments": {"answer": "done"}}], "usage": USAGE}


def _fund(ledger, name: str, cents: int) -> str:
    ledger.open_account("user", name, "USD")
    ledger.fund(f"user:{name}", cents)
    return f"user:{name}"


def _run(ledger, tmp_path, account: str, model, *, guard=None, approve=None, tag="w"):
    store = SQLiteStore(ledger.path)
    guard = guard or money_guard(payees=["shop", "Shop"])
    env = PayEnvironment(Wallet(ledger, account), model_spend=True, limits=MoneyCheck(guard.policy))
    return run_task(Task(text="buy things", environment="none", workspace=str(tmp_path / tag)), model=model,
                    store=store, guard=guard, approve=approve or (lambda a, v: False), extra_envs=[env])


def _model(server, **kw):
    return OpenAICompatModel(server.url, "grok-4", max_retries=0, timeout=30, **kw)


def _spent_at_provider(server) -> float:
    return len(server.requests) * CALL


def test_a_run_never_calls_the_model_past_its_balance(ledger, tmp_path):
    """1.00 USD, a reply cap of 50,000 tokens (at most ~0.78 a call with its prompt), each call costing 0.603. On
    main: call 1 (0.61 debited), a 0.01 payment, call 2 made with 0.38 left, its 0.61 not payable: the provider paid
    1.21 for a wallet of 1.00. Now call 2's hold (~0.78) is refused before the call: one call, 0.61 paid."""
    account = _fund(ledger, "bob", 100)
    with FakeOpenAIServer([pay(), pay(), FINISH]) as server:
        run = _run(ledger, tmp_path, account, _model(server, max_tokens=50_000))
        assert server.requests[0]["max_tokens"] == 50_000
        calls = len(server.requests)
    assert run.status is RunStatus.out_of_budget and "cannot pay for the model" in run.error, run.error
    assert calls == 1 and _spent_at_provider(server) <= 1.00, (calls, run.error)  # through on main: 2 calls, 1.21
    assert "held before the call" in run.error
    txs = ledger.run_transactions(run.id)
    assert [t.status for t in txs if t.kind == "model"] == ["voided", "posted"]  # call 1 held, settled; 2 never held
    assert sum(t.amount for t in txs if t.kind == "model" and t.status == "posted") == 61
    assert ledger.account(account).available == 100 - 61 - 1 and ledger.account(account).held == 0
    assert ledger.check() == []


def test_two_runs_of_one_wallet_at_once_never_call_past_it(ledger, tmp_path):
    """Two runs paying the model from one wallet of 1.00 at the same time: on main both made their first call (1.21 to
    the provider). The holds are one ledger write each: the second is refused while the first holds the balance."""
    account = _fund(ledger, "duo", 100)
    with FakeOpenAIServer([FINISH] * 4) as server:
        runs: list = []
        threads = [threading.Thread(target=lambda n=n: runs.append(
            _run(ledger, tmp_path, account, _model(server, max_tokens=50_000), tag=f"t{n}"))) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not any(t.is_alive() for t in threads)
    assert sorted(r.status.value for r in runs) == ["out_of_budget", "succeeded"], [r.error for r in runs]
    assert _spent_at_provider(server) <= 1.00 and len(server.requests) == 1
    assert ledger.account(account).held == 0 and ledger.check() == []


def test_a_model_without_a_cap_is_sent_one_and_its_hold_settled(ledger, tmp_path):
    """An HTTP model with no ``max_tokens`` (the server's own limit: unbounded for the wallet) is sent the wallet's
    cap (8192); the hold is the prompt's bound plus 8192 tokens at $15/M, released as the call is paid."""
    account = _fund(ledger, "carol", 10_000)
    small = {**FINISH, "usage": {"prompt_tokens": 2_000, "completion_tokens": 100, "total_tokens": 2_100}}
    with FakeOpenAIServer([small]) as server:
        run = _run(ledger, tmp_path, account, _model(server))
    assert run.status is RunStatus.succeeded, run.error
    assert server.requests[0].get("max_tokens") == CALL_TOKENS  # on main: none sent
    hold, paid = [t for t in ledger.run_transactions(run.id) if t.kind == "model"]
    assert (hold.status, hold.void_reason, paid.status) == ("voided", "settled", "posted")
    assert hold.amount >= 13 and paid.amount == 1  # 8192 x $15/M = 0.12 + the prompt's bound; 2,100 tokens: 0.0075
    assert ledger.account(account).available == 10_000 - 1 and ledger.check() == []


def test_a_failed_call_gives_its_hold_back(ledger, tmp_path):
    """The server answers 500: the run fails on the model, the hold is voided (nothing left reserved)."""
    account = _fund(ledger, "dave", 10_000)
    with FakeOpenAIServer([500, 500]) as server, pytest.raises(ModelUnavailable):
        _run(ledger, tmp_path, account, _model(server, max_tokens=1_000))
    [hold] = [t for t, _ in ledger.statement(account) if t.kind == "model"]
    assert (hold.status, hold.void_reason) == ("voided", "the call made no reply")
    assert ledger.account(account).available == 10_000 and ledger.account(account).held == 0


def _splits(ledger, tmp_path, amounts, *, payee_names=("shop",), approve_all=False):
    asked: list[str] = []

    def answer(action, verdict):
        asked.append(verdict.reason)
        return approve_all

    script = [{"kind": "pay", "payee": payee_names[i % len(payee_names)], "amount": a, "currency": "USD",
               "memo": f"part {i}"} for i, a in enumerate(amounts)]
    store = SQLiteStore(ledger.path)
    guard = money_guard(payees=["shop", "Shop", "other"], ask_over=10)
    env = PayEnvironment(Wallet(ledger, "user:alice"), limits=MoneyCheck(guard.policy))
    run = run_task(Task(text="buy the parts", environment="none", workspace=str(tmp_path / "s")),
                   model=ScriptedModel(script), store=store, guard=guard, approve=answer, extra_envs=[env])
    paid = [t.amount for t in ledger.run_transactions(run.id) if t.kind == "payment" and t.status == "posted"]
    return run, asked, paid


def test_split_payments_under_ask_over_are_asked(ledger, tmp_path):
    """`ask_over: 10`: 9 + 9 to shop in one run. On main neither was asked (each under 10; 18 is under the run's 20):
    a person who asks about anything over 10 expected a question. Now the second is asked (and, answered no, not
    paid). Twins: one 9 is not asked; 9 to shop and 9 to another payee are not asked (each payee under 10)."""
    run, asked, paid = _splits(ledger, tmp_path, ["9", "9"])
    assert paid == [900] and len(asked) == 1 and "already paid to shop" in asked[0], (paid, asked)
    run, asked, paid = _splits(ledger, tmp_path, ["9"])
    assert paid == [900] and asked == []
    run, asked, paid = _splits(ledger, tmp_path, ["9", "9"], payee_names=("shop", "other"))
    assert paid == [900, 900] and asked == []


def test_split_by_spelling_the_payee_is_asked_too(ledger, tmp_path):
    """9 to `shop`, then 9 to `Shop` (one payee to a person, folded by the ledger since rt51c): asked."""
    run, asked, paid = _splits(ledger, tmp_path, ["9", "9"], payee_names=("shop", "Shop"))
    assert paid == [900] and len(asked) == 1, (paid, asked)


def test_split_across_a_delegation_is_asked(ledger, tmp_path):
    """The lead pays shop 6.00, then delegates "pay shop 6.00" to the buyer (`ask_over: 10`): on main neither was
    asked (each 6.00). Now the buyer's payment is asked (12.00 to shop by the delegation tree) and, answered no, not
    paid. Twin: the lead's own 6.00 is not asked."""
    from macrohard.divisions.runtime import Staff, division_task, run_division

    from .test_delegated_pay import DIVISIONS

    store = SQLiteStore(ledger.path)
    guard = money_guard(payees=["shop"], ask_over=10, per_run=None, per_payee=None, per_day=None)
    asked: list[str] = []
    scripts = {"lead": [{"kind": "pay", "payee": "shop", "amount": "6", "currency": "USD", "memo": "half"},
                        {"kind": "delegate", "division": "buyer", "task": "pay shop 6.00 for the other half"},
                        {"kind": "finish", "answer": "done"}],
               "buyer": [{"kind": "pay", "payee": "shop", "amount": "6", "currency": "USD", "memo": "other half"},
                         {"kind": "finish", "answer": "paid"}]}
    staff = Staff(divisions=DIVISIONS, approve=lambda a, v: asked.append(v.reason) or False,
                  models=lambda d, t: ScriptedModel(scripts[d.name], name=f"scripted-{d.name}", answer="done"))
    wallet = PayEnvironment(Wallet(ledger, "user:alice"), limits=MoneyCheck(guard.policy))
    lead = DIVISIONS["lead"]
    run_division(division_task(lead, "buy the two halves", workspace=str(tmp_path / "ws")), lead, staff=staff,
                 store=store, guard=guard, extra_envs=[wallet])
    paid = [t.amount for t, _ in ledger.statement("user:alice") if t.kind == "payment" and t.status == "posted"]
    assert paid == [600] and len(asked) == 1 and "12.00 USD" in asked[0], (paid, asked)


def test_a_delegated_run_holds_for_its_calls_from_the_same_wallet(ledger, tmp_path):
    """A lead with a 1.00 wallet (each call 0.603, cap 50,000 tokens) delegates to the buyer: on main the lead's first
    call was paid, then the buyer's call was made with 0.39 left (two calls, $1.21 at the provider, the second
    unpaid). Now the buyer's sub-run holds from the same wallet before its call: refused, one call in all."""
    from macrohard.divisions.runtime import Staff, division_task, run_division

    from .test_delegated_pay import DIVISIONS

    account = _fund(ledger, "erin", 100)
    delegate = {"text": None, "tool_calls": [{"name": "delegate", "arguments": {"division": "buyer", "task": "buy"}}],
                "usage": USAGE}
    with FakeOpenAIServer([delegate, FINISH, FINISH]) as server:
        staff = Staff(divisions=DIVISIONS, approve=lambda a, v: False,
                      models=lambda d, t: _model(server, max_tokens=50_000))
        guard = money_guard(payees=["shop"])
        wallet = PayEnvironment(Wallet(ledger, account), model_spend=True, limits=MoneyCheck(guard.policy))
        lead = DIVISIONS["lead"]
        run_division(division_task(lead, "buy through the buyer", workspace=str(tmp_path / "ws")), lead, staff=staff,
                     store=SQLiteStore(ledger.path), guard=guard, extra_envs=[wallet])
        calls = len(server.requests)
    assert calls == 1 and _spent_at_provider(server) <= 1.00, calls
    assert ledger.account(account).held == 0 and ledger.check() == []
