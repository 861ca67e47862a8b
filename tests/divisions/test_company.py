"""Company mode: the lead's plan is stored, independent sub-tasks run in parallel through the executor, the
lead's status is true, and the audit chain covers every sub-run."""

from __future__ import annotations

from pathlib import Path

from macrohard.divisions.company import company, waves
from macrohard.executors import get_executor
from macrohard.safety.audit import AuditLog
from macrohard.safety.audit_links import verify_tree
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, PlanStep, RunStatus

from .conftest import needs_bwrap

PLAN = {"kind": "plan", "steps": [
    {"id": "s1", "division": "operator", "task": "write a.txt"},
    {"id": "s2", "division": "coding", "task": "write b.py"},
    {"id": "s3", "division": "imagine", "task": "draw c.svg", "after": ["s1", "s2"]},
]}
SCRIPTS = {
    "s1": [{"kind": "bash", "command": "sleep 1; echo a > a.txt"}, {"kind": "finish", "answer": "a.txt written"}],
    "s2": [{"kind": "bash", "command": "sleep 1; echo 'print(1)' > b.py"}, {"kind": "finish", "answer": "b.py written"}],
    "s3": [{"kind": "write_file", "path": "c.svg", "content": "<svg/>"}, {"kind": "finish", "answer": "c.svg drawn"}],
}


def _company(store, lead_script, scripts, budget=None):
    lead = ScriptedModel(lead_script, name="scripted-lead", tokens_per_call=10)
    with get_executor("local", workers=2) as executor:
        run = company("ship a, b and c", store=store, executor=executor, run_model="scripted", lead_model=lead,
                      scripts=scripts, budget=budget or Budget(max_steps=40))
    return run, lead


def test_waves_order_and_cycles():
    steps = [PlanStep(id="a", division="x", task="t"), PlanStep(id="b", division="x", task="t", after=["a"])]
    assert [[s.id for s in w] for w in waves(steps)] == [["a"], ["b"]]
    steps[0].after = ["b"]
    assert "circle" in waves(steps)


@needs_bwrap
def test_company_plan_runs_parallel_sub_runs(store):
    run, lead = _company(store, [PLAN, {"kind": "finish", "answer": "all three done"}], SCRIPTS)
    assert run.status is RunStatus.succeeded, run.error
    assert run.meta["plans"][0][2]["after"] == ["s1", "s2"]  # the plan is stored on the run
    children = {c.meta["division"]: c for c in store.children(run.id)}
    assert set(children) == {"operator", "coding", "imagine"}
    assert all(c.status is RunStatus.succeeded and c.parent_id == run.id for c in children.values())
    assert Path(children["operator"].workspace, "a.txt").read_text() == "a\n"
    assert Path(children["imagine"].workspace, "c.svg").read_text() == "<svg/>"
    a, b, c = children["operator"], children["coding"], children["imagine"]
    assert a.created_at < b.finished_at and b.created_at < a.finished_at, "s1 and s2 ran in parallel"
    assert c.created_at >= max(a.finished_at, b.finished_at), "s3 waited for s1 and s2"
    assert c.meta["division"] == "imagine" and c.task.budget.max_steps <= 25
    # the lead saw every result
    assert "s3 (imagine): succeeded" in str(lead.seen[1][-1]["content"])
    report = verify_tree(AuditLog(store.path), run.id, children_of=lambda r: [x.id for x in store.children(r)])
    assert len(report) == 4 and all(p == [] for p in report.values())


@needs_bwrap
def test_failed_sub_task_fails_the_company_unless_recovered(store):
    failing = {**SCRIPTS, "s2": [{"kind": "finish", "answer": "cannot", "success": False}]}
    run, _ = _company(store, [PLAN, {"kind": "finish", "answer": "done (claimed)"}], failing)
    assert run.status is RunStatus.failed and "s2 (coding: gave_up)" in run.error
    # the lead re-plans the failed step; its second attempt succeeds: recovered
    retry = {"kind": "plan", "steps": [{"id": "s2", "division": "coding", "task": "write b.py, really"}]}
    failing["s2#2"] = SCRIPTS["s2"]
    run, _ = _company(store, [PLAN, retry, {"kind": "finish", "answer": "done"}], failing)
    assert run.status is RunStatus.succeeded, run.error
    assert len([c for c in store.children(run.id) if c.meta["division"] == "coding"]) == 2


@needs_bwrap
def test_plan_with_unknown_division_or_self_is_refused(store):
    bad = {"kind": "plan", "steps": [{"id": "s1", "division": "marketing", "task": "x"}]}
    loop = {"kind": "plan", "steps": [{"id": "s1", "division": "chat", "task": "x"}]}
    run, _ = _company(store, [bad, loop, {"kind": "finish", "answer": "gave up", "success": False}], {})
    steps = store.steps(run.id)
    assert steps[0].observation.error and "unknown division(s) 'marketing'" in steps[0].observation.output
    assert steps[1].verdict.decision == "deny" and "may not delegate to itself" in steps[1].verdict.reason
    assert store.children(run.id) == [] and run.status is RunStatus.gave_up


@needs_bwrap
def test_cli_company_shows_plan_and_sub_runs(tmp_path):
    import json

    from typer.testing import CliRunner

    from macrohard.cli import app

    lead = tmp_path / "lead.json"
    lead.write_text(json.dumps([{"kind": "plan", "steps": [{"id": "s1", "division": "operator", "task": "hi"}]},
                                {"kind": "finish", "answer": "done"}]))
    result = CliRunner().invoke(app, ["company", "--model", f"scripted:{lead}", "--run-model", "scripted:" + str(lead),
                                      "--json", "greet"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["run"]["meta"]["plans"][0][0]["division"] == "operator"
    assert [s["parent_id"] for s in out["sub_runs"]] == [out["run"]["id"]]
    table = CliRunner().invoke(app, ["company", "--model", f"scripted:{lead}", "greet"])
    assert "plan" in table.output and "sub-runs of" in table.output and "operator" in table.output
