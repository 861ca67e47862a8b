"""Delegation: a division hands a sub-task to another; the sub-run is an ordinary, linked, budgeted run."""

from __future__ import annotations

from pathlib import Path

from macrohard.divisions import load_divisions
from macrohard.divisions.runtime import Staff, division_task, run_division
from macrohard.safety.audit import AuditLog
from macrohard.safety.audit_links import verify_tree
from macrohard.types import Budget, RunStatus

from .conftest import Models, needs_bwrap

pytestmark = needs_bwrap


def _chat(store, models: Models, text: str = "make hello.txt", budget: Budget | None = None, divisions=None):
    divisions = divisions or load_divisions()
    staff = Staff(divisions=divisions, models=models)
    chat = divisions["chat"]
    task = division_task(chat, text, budget=budget)
    return run_division(task, chat, staff=staff, store=store)


def test_delegate_then_observe_the_childs_result(store):
    models = Models(
        chat=[[{"kind": "delegate", "division": "operator", "task": "write hi into hello.txt"},
               {"kind": "finish", "answer": "the operator made hello.txt"}]],
        operator=[[{"kind": "bash", "command": "echo hi > hello.txt && cat hello.txt"},
                   {"kind": "finish", "answer": "hello.txt says hi"}]],
    )
    parent = _chat(store, models)
    assert parent.status is RunStatus.succeeded, parent.error
    children = store.children(parent.id)
    assert len(children) == 1
    child = children[0]
    assert child.parent_id == parent.id and child.meta["division"] == "operator"
    assert child.status is RunStatus.succeeded and child.answer == "hello.txt says hi"
    assert Path(child.workspace, "hello.txt").read_text() == "hi\n"  # really ran, in its own workspace
    assert child.workspace != parent.workspace
    assert child.meta["sandbox"]  # in its own sandbox
    step = store.steps(parent.id)[0]
    assert step.action.kind == "delegate" and step.verdict.allowed
    assert f"Sub-run {child.id} (operator) ended succeeded" in step.observation.output
    assert "hello.txt says hi" in step.observation.output and not step.observation.error
    # the chat model saw the child's result as the observation of its delegate call
    chat_model = dict(models.made)["chat"]
    assert "hello.txt says hi" in str(chat_model.seen[1][-1]["content"])


def test_child_stays_inside_the_parents_budget(store):
    models = Models(
        chat=[[{"kind": "delegate", "division": "operator", "task": "loop forever"},
               {"kind": "finish", "answer": "ok"}]],
        operator=[[{"kind": "bash", "command": "true"}] * 50],
    )
    parent = _chat(store, models, budget=Budget(max_steps=6, max_tokens=1000))
    child = store.children(parent.id)[0]
    # 6 steps for the tree: the delegation step, one left to the parent to answer, 4 for the child
    assert child.task.budget.max_steps == 4 and child.task.budget.max_tokens == 990
    assert child.status is RunStatus.out_of_budget and child.steps == 4
    # the parent's budget shrank by what the child spent: its own 2 steps + the child's 4 fill the 6
    assert parent.status is RunStatus.succeeded and parent.steps == 2
    assert parent.steps + child.steps <= 6
    assert parent.meta["sub_runs_spent"] == {"steps": 4, "tokens": 40, "cost_usd": 0.0}


def test_parent_with_nothing_left_cannot_delegate(store):
    models = Models(chat=[[{"kind": "delegate", "division": "operator", "task": "x"}]])
    parent = _chat(store, models, budget=Budget(max_steps=2))
    assert store.children(parent.id) == []
    obs = store.steps(parent.id)[0].observation
    assert obs.error and "cannot delegate" in obs.output and "step(s) left" in obs.output


def test_unknown_division_is_a_clear_error_observation(store):
    models = Models(chat=[[{"kind": "delegate", "division": "marketing", "task": "sell it"},
                           {"kind": "finish", "answer": "no such division"}]])
    parent = _chat(store, models)
    obs = store.steps(parent.id)[0].observation
    assert obs.error and "unknown division 'marketing'" in obs.output
    assert "chat, coding, imagine, operator" in obs.output
    assert store.children(parent.id) == []


def _loop_division(home: Path, name: str, target: str) -> None:
    (home / "divisions").mkdir(parents=True, exist_ok=True)
    (home / "divisions" / f"{name}.yaml").write_text(
        f"name: {name}\nsystem_prompt: delegate everything to {target}\nactions: [delegate]\n")


def test_self_delegation_is_denied_with_the_reason(store, _home):
    _loop_division(_home, "echo", "echo")
    models = Models(echo=[[{"kind": "delegate", "division": "echo", "task": "again"},
                           {"kind": "finish", "answer": "stopped", "success": False}]])
    divisions = load_divisions()
    staff = Staff(divisions=divisions, models=models)
    run = run_division(division_task(divisions["echo"], "go"), divisions["echo"], staff=staff, store=store)
    step = store.steps(run.id)[0]
    assert step.verdict.decision == "deny" and step.verdict.check == "delegation"
    assert "may not delegate to itself" in step.verdict.reason and step.observation.error
    assert store.children(run.id) == [] and run.status is RunStatus.gave_up


def test_delegation_chain_is_bounded(store, _home):
    for name, target in (("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")):
        _loop_division(_home, name, target)
    step = {"a": "b", "b": "c", "c": "d", "d": "a"}
    models = Models(**{n: [[{"kind": "delegate", "division": t, "task": f"pass it to {t}"}]] for n, t in step.items()})
    divisions = load_divisions()
    staff = Staff(divisions=divisions, models=models)
    top = run_division(division_task(divisions["a"], "go", budget=Budget(max_steps=12)), divisions["a"],
                       staff=staff, store=store)
    b = store.children(top.id)[0]
    c = store.children(b.id)[0]
    assert store.children(c.id) == []  # c (third level) may not hand work to d
    denied = store.steps(c.id)[0]
    assert denied.verdict.decision == "deny" and "bounded at 3 levels" in denied.verdict.reason
    assert "a -> b -> c" in denied.verdict.reason


def test_audit_verify_covers_children(store):
    models = Models(
        chat=[[{"kind": "delegate", "division": "operator", "task": "echo hi"}, {"kind": "finish", "answer": "ok"}]],
        operator=[[{"kind": "bash", "command": "echo hi"}, {"kind": "finish", "answer": "hi"}]],
    )
    parent = _chat(store, models)
    child = store.children(parent.id)[0]
    log = AuditLog(store.path)
    report = verify_tree(log, parent.id, children_of=lambda r: [c.id for c in store.children(r)])
    assert set(report) == {parent.id, child.id} and all(p == [] for p in report.values())
    link = [r for r in log.records(parent.id) if r.kind == "delegation"]
    assert link and link[0].action["child_id"] == child.id
    assert link[0].action["child_head_hash"] == log.head(child.id)[1]
    # tamper with the child's chain: the parent's verification names it
    import sqlite3

    db = sqlite3.connect(store.path)
    db.execute("UPDATE audit SET body = replace(body, 'echo hi', 'echo HI') WHERE run_id=?", (child.id,))
    db.commit()
    db.close()
    report = verify_tree(log, parent.id, children_of=lambda r: [c.id for c in store.children(r)])
    assert report[child.id], "an edited record of the sub-run must be found from the parent"


def test_delegate_executor_refuses_an_action_the_guard_did_not_approve(store, tmp_path):
    import pytest

    from macrohard.divisions.delegate import DelegateEnvironment
    from macrohard.errors import NotApproved
    from macrohard.safety.approval import Approved
    from macrohard.safety.context import GuardContext
    from macrohard.safety.guard import Guard
    from macrohard.types import Decision, DelegateAction, Run, Task, Verdict

    divisions = load_divisions()
    guard = Guard.from_policy()
    parent = Run(task=Task(text="x"))
    store.create_run(parent)
    env = DelegateEnvironment(staff=Staff(divisions=divisions, models=Models()), store=store, guard=guard,
                              chain=("chat",))
    ctx = GuardContext(workspace=str(tmp_path), run_id=parent.id)
    env.bind(parent, ctx)
    action = DelegateAction(division="operator", task="rm -rf ~")
    forged = Approved(action=action, verdict=Verdict(decision=Decision.allow), run_id=parent.id, nonce="0" * 32)
    with pytest.raises(NotApproved):
        env.execute(forged)
    other = DelegateEnvironment(staff=env.staff, store=store, guard=guard, chain=("chat",))
    granted = guard.authorize(action, ctx, env=other).approved  # approved for another executor
    assert granted is not None
    with pytest.raises(NotApproved):
        env.execute(granted)
    assert store.children(parent.id) == []


def test_delegation_does_not_escape_the_parents_overlay(store, _home):
    """A division that may not run `cat` cannot get it run by delegating: the sub-run is reviewed by the
    parent's guard (its overlay included) plus its own division's overlay."""
    (_home / "divisions").mkdir(parents=True, exist_ok=True)
    (_home / "divisions" / "strict.yaml").write_text(
        "name: strict\nsystem_prompt: x\nactions: [delegate]\npolicy:\n  rules:\n"
        "    - id: no-cat\n      kinds: [bash]\n      programs: [cat]\n      decision: deny\n"
        "      reason: 'strict: no cat ({detail})'\n")
    models = Models(strict=[[{"kind": "delegate", "division": "operator", "task": "cat it"},
                             {"kind": "finish", "answer": "ok"}]],
                    operator=[[{"kind": "bash", "command": "echo s > f; cat f"}, {"kind": "finish", "answer": "x"}]])
    divisions = load_divisions()
    staff = Staff(divisions=divisions, models=models)
    parent = run_division(division_task(divisions["strict"], "go"), divisions["strict"], staff=staff, store=store)
    child = store.children(parent.id)[0]
    step = store.steps(child.id)[0]
    assert step.verdict.decision == "deny" and step.verdict.check == "division:strict:no-cat"
