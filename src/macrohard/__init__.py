"""macrohard: autonomous agents that operate real software, with safety in every step.

``import macrohard`` stays light: the types and errors load at once, the rest (the agent loop, the
guard, the runner with its environments and models, the store) on first use of its name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from macrohard.errors import MacrohardError, ModelError, RunError, UserError
from macrohard.types import (
    Action,
    Budget,
    Decision,
    Observation,
    Run,
    RunStatus,
    Step,
    Task,
    Verdict,
)

if TYPE_CHECKING:
    from macrohard.agent import Agent
    from macrohard.runner import run_task
    from macrohard.safety.approval import Approved
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore

__version__ = "0.1.0"

_LAZY = {
    "Agent": "macrohard.agent",
    "Approved": "macrohard.safety.approval",
    "Guard": "macrohard.safety.guard",
    "SQLiteStore": "macrohard.store.sqlite",
    "run_task": "macrohard.runner",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'macrohard' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Action",
    "Agent",
    "Approved",
    "Budget",
    "Decision",
    "Guard",
    "MacrohardError",
    "ModelError",
    "Observation",
    "Run",
    "RunError",
    "RunStatus",
    "SQLiteStore",
    "Step",
    "Task",
    "UserError",
    "Verdict",
    "run_task",
    "__version__",
]
