"""``pay`` through the guard: limits, asks, refusals, and an executor that only acts on approvals."""

from __future__ import annotations

import json
import time

import pytest

from macrohard.errors import NotApproved
from macrohard.money.wallet import PayEnvironment, Wallet
from macrohard.runner import run_task
from macrohard.safety.audit import AuditLog
from macrohard.safety.context import GuardContext
from macrohard.safety.money import MoneyCheck
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import ModelReply, PayAction, Run, RunStatus, Task, ToolCall

from .conftest import money_guard


def pay(payee="shop", amount="5.00", currency="USD", memo="socks", **kw):
    return {"kind": "pay", "payee": payee, "amount": amount, "currency": currency, "memo": memo, **kw}


def run_pays(ledger, tmp_path, script, *, guard=None, approve=None, model_spend=False, tokens=0, model="scripted"):
    store = SQLiteStore(ledger.path)
    guard = guard or money_guard(payees=["shop"])
    env = PayEnvironment(Wallet(ledger, "user:alice"), model_spend=model_spend, limits=MoneyCheck(guard.policy))
    asked = []

    def answer(action, verdict):
        asked.append(verdict.reason)
        return approve(action, verdict) if approve else False

    run = run_task(Task(text="buy things", environment="none", workspace=str(tmp_path / "ws")),
                   model=ScriptedModel(script, name=model, tokens_per_call=tokens), store=store,
                   guard=guard, approve=answer, extra_envs=[env])
    return run, store, asked


def test_a_known_payee_within_limits_is_paid_and_linked_to_run_step_and_audit(ledger, tmp_path):
    run, store, asked = run_pays(ledger, tmp_path, [pay()])
    assert run.status is RunStatus.succeeded and asked == []
    assert ledger.account("user:alice").available == 9_500 and ledger.account("payee:shop").posted == 500
    [tx] = ledger.run_transactions(run.id)
    assert (tx.status, tx.kind, tx.step, tx.memo) == ("posted", "payment", 1, "socks")
    records = AuditLog(ledger.path).records(run.id)
    approval = next(r for r in records if r.seq == tx.audit_seq)
    assert approval.kind == "verdict" and approval.action["kind"] == "pay" and approval.step == 1
    payment = next(r for r in records if r.kind == "payment")
    assert payment.action["id"] == tx.id and payment.seq > approval.seq
    assert "Paid 5.00 USD to shop" in store.steps(run.id)[0].observation.output


def test_a_new_payee_is_asked_and_no_leaves_the_balance_untouched(ledger, tmp_path):
    run, store, asked = run_pays(ledger, tmp_path, [pay(payee="stranger")], approve=lambda a, v: False)
    assert asked and "new payee" in asked[0]
    assert ledger.account("user:alice").available == 10_000 and ledger.run_transactions(run.id) == []
    assert "Not approved" in store.steps(run.id)[0].observation.output
    run, _, asked = run_pays(ledger, tmp_path, [pay(payee="stranger")], approve=lambda a, v: True)
    assert asked and ledger.account("user:alice").available == 9_500
    run, _, asked = run_pays(ledger, tmp_path, [pay(payee="stranger")])  # paid before: known now
    assert asked == [] and ledger.account("user:alice").available == 9_000


def test_over_the_threshold_or_a_limit_is_asked(ledger, tmp_path):
    guard = money_guard(payees=["shop"], ask_over=8, per_run=12, per_payee=50, per_day=100)
    run, _, asked = run_pays(ledger, tmp_path, [pay(amount="9")], guard=guard)
    assert "over the 8.00 USD asked about" in asked[0] and ledger.account("user:alice").available == 10_000
    run, _, asked = run_pays(ledger, tmp_path, [pay(amount="7"), pay(amount="6")], guard=guard)
    assert len(asked) == 1 and "this run to 13.00 USD, past its limit of 12.00 USD" in asked[0]
    assert ledger.account("user:alice").available == 9_300  # the first paid, the second refused


def test_a_persons_yes_pays_past_a_limit(ledger, tmp_path):
    guard = money_guard(payees=["shop"], per_run=5, ask_over=None)
    run, _, asked = run_pays(ledger, tmp_path, [pay(amount="7")], guard=guard, approve=lambda a, v: True)
    assert "past its limit of 5.00 USD" in asked[0]
    assert [t.amount for t in ledger.run_transactions(run.id)] == [700]  # the write did not re-impose the limit


def test_division_and_day_limits(ledger, tmp_path):
    guard = money_guard(payees=["shop"], ask_over=None, per_run=None, per_payee=None, per_day=30,
                        per_division={"ops": 10})
    env = PayEnvironment(Wallet(ledger, "user:alice", division="ops"))
    ctx = GuardContext(workspace=str(tmp_path), run_id="r1", wallet=env.wallet, divisions=("ops",))
    assert guard.review(PayAction(payee="shop", amount="10", currency="USD"), ctx).allowed
    verdict = guard.review(PayAction(payee="shop", amount="10.01", currency="USD"), ctx)
    assert verdict.decision == "ask" and "ops division today" in verdict.reason
    ctx.divisions = ()
    ledger.transfer("user:alice", ledger.open_account("payee", "shop", "USD").id, 2_500, "USD", kind="payment")
    verdict = guard.review(PayAction(payee="shop", amount="6", currency="USD"), ctx)
    assert verdict.decision == "ask" and "this wallet today to 31.00 USD" in verdict.reason


def test_over_limit_can_be_a_plain_deny(ledger, tmp_path):
    guard = money_guard(payees=["shop"], per_run=1, over_limit="deny")
    run, store, asked = run_pays(ledger, tmp_path, [pay(amount="2")], guard=guard)
    assert asked == [] and "past its limit" in store.steps(run.id)[0].observation.output
    assert ledger.account("user:alice").available == 10_000


@pytest.mark.parametrize("action,why", [
    (pay(payee="evil-corp"), "refuses payments to 'evil-corp'"),
    (pay(currency="EUR"), "currency mismatch: the wallet user:alice holds USD"),
    (pay(currency="XYZ"), "unknown currency 'XYZ'"),
    (pay(amount="0.001"), "smallest unit is 0.01"),
])
def test_refused_payments_change_nothing(ledger, tmp_path, action, why):
    guard = money_guard(payees=["shop", "evil-corp"], refused_payees=["evil-*"])
    run, store, asked = run_pays(ledger, tmp_path, [action], guard=guard)
    assert asked == [] and why in store.steps(run.id)[0].observation.output
    assert ledger.account("user:alice").available == 10_000 and ledger.check() == []


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_zero_or_negative_amount_is_a_format_error_for_the_model(ledger, tmp_path, amount):
    raw = ModelReply(tool_calls=[ToolCall(name="pay", arguments=json.dumps(pay(amount=amount)))])
    run, store, _ = run_pays(ledger, tmp_path, [raw])
    assert "greater than 0" in store.steps(run.id)[0].observation.output
    assert ledger.account("user:alice").available == 10_000


def test_insufficient_funds_is_an_observation_and_nothing_moves(ledger, tmp_path):
    guard = money_guard(payees=["shop"], ask_over=None, per_run=None, per_day=None, per_payee=None)
    run, store, _ = run_pays(ledger, tmp_path, [pay(amount="100.01")], guard=guard)
    assert "not paid: insufficient funds in user:alice: 100.00 USD available" in store.steps(run.id)[0].observation.output
    assert ledger.account("user:alice").available == 10_000 and ledger.check() == []


def test_a_run_without_a_wallet_cannot_pay(tmp_path):
    verdict = money_guard().review(PayAction(payee="shop", amount="1", currency="USD"),
                                   GuardContext(workspace=str(tmp_path)))
    assert verdict.decision == "deny" and "no wallet" in verdict.reason


def test_the_executor_refuses_what_the_guard_did_not_approve(ledger, tmp_path):
    env = PayEnvironment(Wallet(ledger, "user:alice"))
    guard = money_guard(payees=["shop"])
    ctx = GuardContext(workspace=str(tmp_path), run_id="r")
    env.bind(Run(task=Task(text="t"), model="m", id="r"), ctx)
    with pytest.raises(NotApproved):
        env.execute(PayAction(payee="shop", amount="1", currency="USD"))  # a bare action, never reviewed
    other = PayEnvironment(Wallet(ledger, "user:alice"))
    other.bind(Run(task=Task(text="t"), model="m", id="r"), GuardContext(workspace=str(tmp_path), run_id="r"))
    approved = guard.authorize(PayAction(payee="shop", amount="1", currency="USD"), ctx, env=env).approved
    with pytest.raises(NotApproved):
        other.execute(approved)  # approved for another environment
    assert ledger.account("user:alice").available == 10_000
    approved = guard.authorize(PayAction(payee="shop", amount="1", currency="USD"), ctx, env=env).approved
    assert not env.execute(approved).error
    with pytest.raises(NotApproved):
        env.execute(approved)  # an approval works once
    assert ledger.account("user:alice").available == 9_900


def test_model_spend_is_debited_from_the_same_wallet_and_an_empty_wallet_stops_the_run(ledger, tmp_path):
    # grok-4: $3 per million prompt tokens; 400k tokens a call = $1.20 a call
    run, _, _ = run_pays(ledger, tmp_path, [pay(amount="1")], model_spend=True, tokens=400_000, model="grok-4")
    model_txs = [t for t in ledger.run_transactions(run.id) if t.kind == "model" and t.status == "posted"]  # rt58c: holds too
    # charged before step 2, and (rt56d) the finishing call at the run's end: before, it was never debited
    assert sum(t.amount for t in model_txs) == 240 and run.status is RunStatus.succeeded
    # rt58c: each call settled as it ends (step 1's before any audit record of the run: linked to none), the next to
    # the run's last record before it
    assert [t.step for t in model_txs] == [1, 2] and model_txs[0].audit_seq is None and model_txs[1].audit_seq
    assert ledger.account("user:alice").available == 10_000 - 100 - 240
    ledger.open_account("user", "poor", "USD")
    ledger.fund("user:poor", 100)
    store = SQLiteStore(ledger.path)
    env = PayEnvironment(Wallet(ledger, "user:poor"), model_spend=True)
    run = run_task(Task(text="t", environment="none", workspace=str(tmp_path / "w2")),
                   model=ScriptedModel([pay(amount="0.01")] * 5, name="grok-4", tokens_per_call=400_000), store=store,
                   guard=money_guard(payees=["shop"]), extra_envs=[env])
    assert run.status is RunStatus.out_of_budget and "cannot pay for the model" in run.error
    assert ledger.account("user:poor").available >= 0 and ledger.check() == []
    assert time.time()  # the run ended on the wallet, not on a timer
