"""One budget check, one bound: a budget of N allows N (steps, seconds, tokens, money, runs per day).

Before, the guard refused at ``used > N`` and the loop at ``used >= N``: at exactly N the two disagreed.
Both now call ``safety.budget.exceeded``.
"""

from __future__ import annotations

import pytest

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.errors import BudgetExceeded
from macrohard.safety.budget import check_run_budget, exceeded
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import check_budget
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, Run, RunStatus, Task, Usage

CASES = [
    ("tokens", Budget(max_tokens=100), {"tokens": 100}, {"tokens": 99}),
    ("cost", Budget(max_cost_usd=1.0), {"cost_usd": 1.0}, {"cost_usd": 0.99}),
    ("seconds", Budget(max_seconds=10.0), {"elapsed_s": 10.0}, {"elapsed_s": 9.99}),
    ("steps", Budget(max_steps=3), {"steps": 3}, {"steps": 2}),
]


@pytest.mark.parametrize(("name", "budget", "at_limit", "below"), CASES, ids=[c[0] for c in CASES])
def test_guard_and_loop_agree_at_the_limit(name, budget, at_limit, below, workspace):
    for used, spent in ((at_limit, True), (below, False)):
        assert (exceeded(budget, **used) is not None) is spent
        steps = used.get("steps", 0)
        ctx = GuardContext(workspace=str(workspace), budget=budget, step=steps + 1,
                           usage=Usage(prompt_tokens=used.get("tokens", 0)), cost_usd=used.get("cost_usd", 0.0),
                           elapsed_s=used.get("elapsed_s", 0.0))
        guard_says = check_budget(None, ctx) is not None
        run = Run(task=Task(text="t", budget=budget), usage=ctx.usage, cost_usd=ctx.cost_usd)
        try:
            check_run_budget(run.task, run, ctx.elapsed_s, steps=steps)
            loop_says = False
        except BudgetExceeded:
            loop_says = True
        assert guard_says is loop_says is spent, (name, used)


@pytest.mark.parametrize("n", [1, 3])
def test_a_budget_of_n_steps_allows_n_steps(n, workspace, store):
    task = Task(text="t", budget=Budget(max_steps=n))
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        run = Agent(ScriptedModel([{"kind": "bash", "command": "echo x >> n.txt"}] * 10), env,
                    _guard(), store).run(task)
    finally:
        env.close()
    assert run.status is RunStatus.out_of_budget and "step budget" in run.error
    assert len(store.steps(run.id)) == n and (workspace / "n.txt").read_text() == "x\n" * n


def test_a_budget_of_n_tokens_stops_once_n_are_used(workspace, store):
    task = Task(text="t", budget=Budget(max_tokens=20))
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        run = Agent(ScriptedModel([{"kind": "bash", "command": "true"}] * 10, tokens_per_call=10), env,
                    _guard(), store).run(task)
    finally:
        env.close()
    # two replies use exactly 20: no third step starts
    assert run.status is RunStatus.out_of_budget and run.usage.total == 20 and len(store.steps(run.id)) == 2


def _guard():
    from macrohard.safety.guard import Guard

    return Guard()
