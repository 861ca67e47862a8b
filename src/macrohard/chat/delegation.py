"""The seam between a conversation and the runs it delegates.

The chat model asks for work with a ``delegate(division, task)`` tool call; the engine hands a
``DelegationRequest`` to a ``Delegator``, which runs the sub-run to its end and returns the finished
``Run``. Every step of that run goes through the guard as any run's does (``Agent``), and a verdict of
``ask`` reaches the person through ``request.approve``.

``RunDelegator`` runs the sub-task as an ordinary run (``runner.run_task``: sandboxed shell by default)
with the model it was given; the division's name is recorded on the run. Divisions with their own
prompts, environments and budgets plug in here as another ``Delegator``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from macrohard.safety.context import ApprovalCallback
from macrohard.types import Run, Step, Task

DELEGATE_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "delegate",
        "description": "Hand a task that needs work on a computer (commands, files, a browser, a desktop) to a "
                       "division; its result comes back to you.",
        "parameters": {
            "type": "object",
            "properties": {
                "division": {"type": "string", "description": "The division to do it: operator, coding, imagine."},
                "task": {"type": "string", "description": "The task in plain words, complete on its own."},
            },
            "required": ["division", "task"],
        },
    },
}


@dataclass
class DelegationRequest:
    """One delegation: what to do, which run id to record it under, and where its steps and questions go."""

    division: str
    task: str
    run_id: str
    conversation_id: str
    on_step: Callable[[Run, Step], None]
    approve: ApprovalCallback


class Delegator(Protocol):
    def __call__(self, request: DelegationRequest) -> Run: ...


class RunDelegator:
    """Runs a delegated task as an ordinary run with ``model`` (a spec or a model object), in ``store``,
    reviewed by ``guard``; ``task_defaults`` are merged into each sub-task (environment, budget, ...)."""

    def __init__(self, model: Any = None, *, store: Any = None, guard: Any = None,
                 task_defaults: dict[str, Any] | None = None) -> None:
        self.model, self.store, self.guard = model, store, guard
        self.task_defaults = dict(task_defaults or {})

    def __call__(self, request: DelegationRequest) -> Run:
        from macrohard.models import get_model
        from macrohard.runner import run_task

        model = self.model if self.model is not None and not isinstance(self.model, str) else get_model(self.model)
        task = Task(**{**self.task_defaults, "text": request.task})
        run = Run(id=request.run_id, task=task, model=model.name,
                  meta={"division": request.division, "conversation_id": request.conversation_id})
        return run_task(task, model=model, store=self.store, guard=self.guard, on_step=request.on_step,
                        approve=request.approve, run=run)


__all__ = ["DELEGATE_TOOL", "DelegationRequest", "Delegator", "RunDelegator"]
