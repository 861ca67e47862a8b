"""Approvals (callback, non-interactive policy, CLI prompt) and budgets per run and per day."""

from __future__ import annotations

import time

import pytest

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.envs.workspace import WorkspaceEnvironment
from macrohard.safety.audit import AuditLog
from macrohard.safety.budget import day_totals
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.safety.policy import parse_policy
from macrohard.testing import ScriptedModel
from macrohard.types import BashAction, Decision, Run, RunStatus, Task, Usage

ASK = BashAction(command="ssh build@host.example uptime")


def _run(script, workspace, store, *, guard=None, approve=None, model_name="scripted", tokens=0, **task_kw):
    task = Task(text="t", **task_kw)
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        model = ScriptedModel(script, name=model_name, tokens_per_call=tokens)
        return Agent(model, env, guard or Guard(), store, approve=approve).run(task)
    finally:
        env.close()


def test_ask_goes_to_the_callback_and_every_decision_is_recorded(workspace, store):
    asked = []

    def approve(action, verdict):
        asked.append((action.command, verdict.check))
        return action.command.endswith("uptime") and len(asked) == 1

    run = _run([ASK.model_dump(), ASK.model_dump()], workspace, store, approve=approve)
    # the second also follows untrusted content: the first one's output came from the network (safety.flow)
    assert asked == [(ASK.command, "policy:network-tools"), (ASK.command, "policy:network-tools+flow:after-untrusted")]
    steps = store.steps(run.id)
    assert steps[0].verdict.approved_by == "user"  # approved, ran (ssh fails offline: that is the model's problem)
    assert steps[1].verdict.decision is Decision.deny and "Not approved" in steps[1].observation.output
    kinds = [(r.kind, r.verdict["decision"]) for r in AuditLog(store.path).records(run.id)]
    assert ("approval", "allow") in kinds and ("approval", "deny") in kinds


def test_non_interactive_ask_is_denied_unless_policy_allows(workspace):
    ctx = GuardContext(workspace=str(workspace))
    env = WorkspaceEnvironment(str(workspace))
    strict = Guard()
    refused = strict.authorize(ASK, ctx, env=env)
    assert refused.approved is None and refused.refused_by == "policy"
    assert refused.verdict.decision is Decision.deny
    lenient = Guard.from_policy(parse_policy(
        "defaults: {non_interactive: allow}\nrules:\n  - {id: net, categories: [network], decision: ask, reason: r}\n"))
    other_env = WorkspaceEnvironment(str(workspace))  # an environment is watched by the guard that first reviewed for it
    approved = lenient.authorize(ASK, ctx, env=other_env).approved
    assert approved is not None and approved.verdict.approved_by == "policy"


def test_cli_asker_without_terminal_follows_policy(workspace):
    from macrohard.cli.run import _asker

    verdict = Guard().review(ASK, GuardContext(workspace=str(workspace)))
    assert _asker(Guard(), interactive=False)(ASK, verdict) is False
    lenient = Guard.from_policy(parse_policy("defaults: {non_interactive: allow}\n"))
    assert _asker(lenient, interactive=False)(ASK, verdict) is True


def test_token_and_money_budgets_per_run(workspace, store):
    script = [{"kind": "bash", "command": "true"}] * 10
    run = _run(script, workspace, store, tokens=400, budget={"max_tokens": 1000})
    assert run.status is RunStatus.out_of_budget and "token budget" in run.error
    # money from the price table when the reply carries no cost: 1M prompt tokens of grok-4 = $3
    run = _run(script, workspace, store, model_name="grok-4", tokens=200_000, budget={"max_cost_usd": 1.0})
    assert run.status is RunStatus.out_of_budget and "cost budget" in run.error
    assert run.cost_usd == pytest.approx(1.2)


def test_wall_time_budget(workspace, store):
    run = _run([{"kind": "bash", "command": "sleep 1.2"}] * 3, workspace, store, budget={"max_seconds": 1.0})
    assert run.status is RunStatus.out_of_budget and "wall-time" in run.error


def test_daily_budgets_sum_todays_runs(workspace, store):
    earlier = Run(task=Task(text="earlier"), model="m", usage=Usage(prompt_tokens=900), cost_usd=0.5)
    store.create_run(earlier)
    old = Run(task=Task(text="yesterday"), model="m", usage=Usage(prompt_tokens=10**6), created_at=time.time() - 2 * 86400)
    store.create_run(old)
    totals = day_totals(store)
    assert totals.runs == 1 and totals.tokens == 900 and totals.cost_usd == pytest.approx(0.5)
    guard = Guard.from_policy(parse_policy("budgets: {per_day: {max_tokens: 1000}}\n"))
    run = _run([{"kind": "bash", "command": "true"}] * 5, workspace, store, guard=guard, tokens=60)
    assert run.status is RunStatus.out_of_budget and "daily token budget" in run.error
    guard = Guard.from_policy(parse_policy("budgets: {per_day: {max_runs: 2}}\n"))
    run = _run([], workspace, store, guard=guard)
    assert run.status is RunStatus.out_of_budget and "2 runs" in run.error
