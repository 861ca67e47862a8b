"""Running a task as a division: its prompt, its guard (the user's policy tightened by its overlay), the
executor of its extra actions (delegate), its default environment, budgets and model."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macrohard.divisions.config import Division
from macrohard.safety.context import ApprovalCallback
from macrohard.safety.guard import Guard
from macrohard.safety.overlay import Tightened
from macrohard.safety.policy import Defaults, Policy
from macrohard.types import Budget, Run, Task


@dataclass
class Staff:
    """What every run of a delegation tree shares: the divisions, how a division gets its model, who approves."""

    divisions: dict[str, Division]
    models: Callable[[Division, Task], Any] | None = None  # default: get_model(division.model or the task's)
    approve: ApprovalCallback | None = None
    on_step: Callable[[Run, Any], None] | None = None
    isolation: str | None = None

    def model_for(self, division: Division, task: Task) -> Any:
        if self.models is not None:
            return self.models(division, task)
        from macrohard.models import get_model

        return get_model(division.model or task.model)


def division_guard(division: Division, base: Guard) -> Guard:
    """``base`` (the user's guard, or the delegating run's) with the division's overlay: tightening only,
    unless the division's own file says ``loosen: true`` (then its rules go before the user's)."""
    overlay = division.policy
    if not overlay.rules:
        checks = list(base.checks)
        policy = base.policy
    elif overlay.loosen:
        policy = base.policy.model_copy(update={"rules": [*overlay.rules, *base.policy.rules]})
        checks = [_with_policy(c, policy) for c in base.checks]
    else:
        rules = Policy(rules=overlay.rules, defaults=Defaults(), allowed_paths=base.policy.allowed_paths)
        checks = [Tightened(base.checks, rules, base_policy=base.policy, division=division.name)]
        policy = base.policy
    return Guard(checks=checks, screens=list(base.screens), answer_checks=list(base.answer_checks),
                 on_verdict=base.on_verdict, policy=policy)


def _with_policy(check: Any, policy: Policy) -> Any:
    """``check`` with every policy-rule check in it (nested in combinators too) reading ``policy`` instead."""
    from macrohard.safety.review import PolicyCheck

    if isinstance(check, PolicyCheck):
        return PolicyCheck(policy)
    for attr in ("checks", "base"):  # Strictest(...).checks, Tightened.base
        inner = getattr(check, attr, None)
        if isinstance(inner, (list, tuple)):
            clone = copy.copy(check)
            setattr(clone, attr, type(inner)(_with_policy(c, policy) for c in inner))
            return clone
    return check


def division_task(division: Division, text: str, *, like: Task | None = None, budget: Budget | None = None,
                  **updates: Any) -> Task:
    """A task for ``division``: its environment, its budgets (or ``budget``), its model; the rest like ``like``."""
    data = like.model_dump() if like is not None else {}
    for key in ("workspace", "source", "write_back", "files", "setup", "tags"):
        data.pop(key, None)  # a sub-task starts in its own fresh workspace
    data.update(text=text, environment=division.environment,
                budget=(budget or division.budget).model_dump(), model=division.model or data.get("model"))
    data.update(updates)
    return Task.model_validate(data)


def as_division(division: Division, base: dict[str, Any], updates: dict[str, Any], *,
                field: str = "--environment") -> tuple[dict[str, Any], dict[str, Any]]:
    """A task's fields under ``division``: its default environment (one it may use), budgets and model; what the task
    file, the command line or the web form says explicitly stays. ``field`` is how the asker names the environment in
    a refusal (the CLI's ``--environment``, the web form's ``environment``). One rule for `macrohard run --division`
    and the web's runs page (ux53)."""
    from macrohard.errors import ConfigError

    env = updates.get("environment") or base.get("environment")
    if env and env not in division.environments:
        allowed = ", ".join(division.environments) or "none (it converses and delegates)"
        raise ConfigError(f"{field} {env}: the {division.name} division may use {allowed}; "
                          f"choose one of them or another division (`macrohard divisions`)")
    base = {**base, "environment": env or division.environment,
            "budget": {**division.budget.model_dump(exclude_unset=True), **(base.get("budget") or {})}}
    if not updates.get("model") and not base.get("model") and division.model:
        base["model"] = division.model
    return base, {k: v for k, v in updates.items() if k != "environment"}


def run_division(task: Task, division: Division, *, staff: Staff, store: Any, guard: Guard | None = None,
                 model: Any = None, run: Run | None = None, chain: tuple[str, ...] = (), **options: Any) -> Run:
    """Run ``task`` as ``division`` to its end (``runner.run_task``), delegating through ``staff`` if it may.

    ``chain``: the divisions above this run (its delegating parents), outermost first.
    """
    from macrohard.divisions.delegate import DelegateEnvironment
    from macrohard.runner import run_task

    g = division_guard(division, guard if guard is not None else Guard.from_policy())
    chain = (*chain, division.name)
    given = list(options.pop("extra_envs", []))
    pay = next((e for e in given if getattr(e, "kind", None) == "pay"), None)  # the run's wallet: its sub-runs' too
    extra = [DelegateEnvironment(staff=staff, store=store, guard=g, chain=chain, pay=pay)] if division.delegates else []
    if "video" in division.actions:
        from macrohard.imagine.tools import VideoTools

        extra.append(VideoTools())
    extra += given
    model = model if model is not None else staff.model_for(division, task)
    if division.mcp:  # the division's MCP servers, then the task's own (a name the division has is its)
        mine = {s.name for s in division.mcp}
        task = task.model_copy(update={"mcp": [*division.mcp, *(s for s in task.mcp if s.name not in mine)]})
    run = run or Run(task=task, model=model.name)
    run.model = run.model or model.name  # ux54: a delegated run's page said "model ·" (none) until its first step ended
    run.meta["division"] = division.name
    for env in extra:
        if hasattr(env, "chain"):
            env.chain = chain
    return run_task(task, model=model, store=store, guard=g, on_step=staff.on_step, approve=staff.approve,
                    isolation=staff.isolation, run=run, prompt=division.system_prompt, extra_envs=extra, **options)
