"""A delegated sub-run pays from its parent's wallet, under its own division's limit; each posting is linked to
the run that paid (the sub-run's id and step), and the wallet's balance shows each payment exactly once."""

from __future__ import annotations

from macrohard.divisions.config import Division
from macrohard.divisions.runtime import Staff, division_task, run_division
from macrohard.money.wallet import PayEnvironment, Wallet
from macrohard.safety.audit import AuditLog
from macrohard.safety.money import MoneyCheck
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import RunStatus

from .conftest import money_guard


def pay(amount: str, memo: str) -> dict:
    return {"kind": "pay", "payee": "shop", "amount": amount, "currency": "USD", "memo": memo}


DIVISIONS = {
    "lead": Division(name="lead", system_prompt="You lead; delegate purchases to buyer.", actions=["delegate"]),
    "buyer": Division(name="buyer", system_prompt="You buy what you are asked to."),
}


def delegate_and_pay(ledger, tmp_path, scripts: dict[str, list], *, approve=lambda a, v: False, per_run=None):
    store = SQLiteStore(ledger.path)
    guard = money_guard(payees=["shop"], ask_over=None, per_run=per_run, per_payee=None, per_day=None,
                        per_division={"buyer": 10})
    asked: list[str] = []

    def answer(action, verdict):
        asked.append(verdict.reason)
        return approve(action, verdict)

    def models(division, task):
        return ScriptedModel(scripts[division.name], name=f"scripted-{division.name}", answer="done")

    staff = Staff(divisions=DIVISIONS, models=models, approve=answer)
    wallet = PayEnvironment(Wallet(ledger, "user:alice"), limits=MoneyCheck(guard.policy))
    lead = DIVISIONS["lead"]
    task = division_task(lead, "buy socks through the buyer", workspace=str(tmp_path / "ws"))
    parent = run_division(task, lead, staff=staff, store=store, guard=guard, extra_envs=[wallet])
    return parent, store, asked


def test_a_sub_run_pays_from_the_parents_wallet_within_its_divisions_limit(ledger, tmp_path):
    parent, store, asked = delegate_and_pay(ledger, tmp_path, {
        "lead": [pay("3.00", "lead's own"), {"kind": "delegate", "division": "buyer", "task": "buy socks"},
                 {"kind": "finish", "answer": "bought"}],
        "buyer": [pay("8.00", "socks"), pay("5.00", "more socks"), {"kind": "finish", "answer": "socks bought"}],
    })
    assert parent.status is RunStatus.succeeded, parent.error
    [child] = store.children(parent.id)
    assert child.meta["division"] == "buyer"
    # the second payment would take the buyer division to 13.00 USD, past its 10.00: asked, and the "no" holds
    assert len(asked) == 1 and "the buyer division today to 13.00 USD" in asked[0] and "10.00 USD" in asked[0]
    # the parent's wallet shows the lead's 3.00 and the buyer's 8.00, each once
    assert ledger.account("user:alice").available == 10_000 - 300 - 800
    assert ledger.account("payee:shop").posted == 1_100
    payments = [t for t, _ in ledger.statement("user:alice") if t.kind == "payment"]
    assert sorted(t.amount for t in payments) == [300, 800]
    [mine] = ledger.run_transactions(parent.id)
    [theirs] = ledger.run_transactions(child.id)
    assert (mine.amount, mine.division, mine.step) == (300, "lead", 1)
    assert (theirs.amount, theirs.division, theirs.step, theirs.memo) == (800, "buyer", 1, "socks")
    # the sub-run's posting is linked to the sub-run's own audit record of the approval, and its payment record
    records = AuditLog(ledger.path).records(child.id)
    approval = next(r for r in records if r.seq == theirs.audit_seq)
    assert approval.kind == "verdict" and approval.action["amount"] == "8.00"
    assert any(r.kind == "payment" and r.action["id"] == theirs.id for r in records)
    assert ledger.check() == [] and ledger.spend_problems() == []
    steps = store.steps(child.id)
    assert "Paid 8.00 USD to shop" in steps[0].observation.output and not steps[1].verdict.allowed


def test_the_division_limit_counts_every_sub_run_of_the_day_and_a_yes_lifts_it(ledger, tmp_path):
    buy = {"kind": "delegate", "division": "buyer", "task": "buy"}
    parent, store, asked = delegate_and_pay(ledger, tmp_path, {
        "lead": [buy, buy, {"kind": "finish", "answer": "bought"}],
        "buyer": [pay("6.00", "socks"), {"kind": "finish", "answer": "ok"}],
    }, approve=lambda a, v: True)  # a person's yes lifts the limit
    first, second = sorted(store.children(parent.id), key=lambda r: r.created_at)
    # the second sub-run's 6.00 would take the buyer division to 12.00: asked, and the answer is yes
    assert len(asked) == 1 and "to 12.00 USD" in asked[0]
    assert [t.amount for t in ledger.run_transactions(first.id)] == [600]
    assert [t.amount for t in ledger.run_transactions(second.id)] == [600]
    assert ledger.account("user:alice").available == 10_000 - 1_200 and ledger.check() == []


def test_the_per_run_limit_counts_the_whole_delegation_tree(ledger, tmp_path):
    parent, store, asked = delegate_and_pay(ledger, tmp_path, {
        "lead": [pay("4.00", "a"), {"kind": "delegate", "division": "buyer", "task": "buy"}, pay("1.00", "b"),
                 pay("1.00", "c"), {"kind": "finish", "answer": "bought"}],
        "buyer": [pay("5.00", "d"), pay("2.00", "e"), {"kind": "finish", "answer": "ok"}],
    }, per_run=10)
    [child] = store.children(parent.id)
    # 4 + 5 = 9 within the 10.00 of one run; the buyer's 2.00 (11) and the lead's last 1.00 (after 4 + 5 + 1) are asked
    assert len(asked) == 2 and all("delegating and delegated runs to 11.00 USD" in r for r in asked), asked
    assert [t.amount for t in ledger.run_transactions(child.id)] == [500]
    assert [t.amount for t in ledger.run_transactions(parent.id)] == [400, 100]
    assert ledger.account("user:alice").available == 10_000 - 1_000 and ledger.check() == []


def test_without_a_wallet_a_sub_run_cannot_pay(ledger, tmp_path):
    store = SQLiteStore(ledger.path)
    scripts = {"lead": [{"kind": "delegate", "division": "buyer", "task": "buy"}, {"kind": "finish", "answer": "x"}],
               "buyer": [pay("1.00", "socks"), {"kind": "finish", "answer": "x"}]}
    staff = Staff(divisions=DIVISIONS, models=lambda d, t: ScriptedModel(scripts[d.name], name="scripted"))
    lead = DIVISIONS["lead"]
    parent = run_division(division_task(lead, "buy", workspace=str(tmp_path / "ws")), lead, staff=staff, store=store,
                          guard=money_guard(payees=["shop"]))
    [child] = store.children(parent.id)
    step = store.steps(child.id)[0]
    assert not step.verdict.allowed and "no wallet" in step.verdict.reason
    assert ledger.account("user:alice").available == 10_000


def test_cli_run_with_a_division_and_a_wallet_pays_through_its_sub_runs(tmp_path, monkeypatch):
    """`macrohard run --division lead --wallet user:bob`: the lead delegates to the buyer, which pays from
    bob's wallet; the buyer's second payment is past its division's limit and the CLI (--json) answers no."""
    import json

    import yaml
    from typer.testing import CliRunner

    from macrohard.cli import app
    from macrohard.money.ledger import Ledger
    from macrohard.safety.policy import load_policy

    home = tmp_path / "home"
    (home / "divisions").mkdir(parents=True)
    monkeypatch.setenv("MACROHARD_HOME", str(home))
    monkeypatch.delenv("MACROHARD_POLICY", raising=False)
    for name, script, extra in (
        ("lead", [{"kind": "delegate", "division": "buyer", "task": "buy socks"},
                  {"kind": "finish", "answer": "bought"}], {"actions": ["delegate"]}),
        ("buyer", [pay("4.00", "socks"), pay("2.00", "more socks"), {"kind": "finish", "answer": "ok"}], {}),
    ):
        (tmp_path / f"{name}.json").write_text(json.dumps(script))
        (home / "divisions" / f"{name}.yaml").write_text(yaml.safe_dump(
            {"name": name, "system_prompt": f"You are {name}.", "model": f"scripted:{tmp_path / name}.json", **extra}))
    policy = load_policy().model_dump(mode="json")
    policy["money"].update(payees=["shop"], per_division={"buyer": "5"})
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(policy))
    runner = CliRunner()
    assert runner.invoke(app, ["money", "fund", "user:bob", "20"]).exit_code == 0
    result = runner.invoke(app, ["run", "buy socks", "--division", "lead", "--wallet", "user:bob",
                                 "--policy", str(tmp_path / "policy.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    parent_id = json.loads(result.output[result.output.index("{"):])["id"]
    ledger = Ledger(home / "runs.db")
    assert ledger.account("user:bob").available == 2_000 - 400  # the 2.00 past the buyer's 5.00 was not paid
    [tx] = [t for t, _ in ledger.statement("user:bob") if t.kind == "payment"]
    from macrohard.store.sqlite import SQLiteStore

    [child] = SQLiteStore(home / "runs.db").children(parent_id)
    assert (tx.run_id, tx.division, tx.amount) == (child.id, "buyer", 400) and ledger.check() == []
    ledger.close()
