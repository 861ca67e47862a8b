"""macrohard: autonomous agents that operate real software, with safety in every step."""

from macrohard.agent import Agent
from macrohard.errors import MacrohardError, ModelError, RunError, UserError
from macrohard.runner import run_task
from macrohard.safety.approval import Approved
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
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

__version__ = "0.1.0"

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
