"""What the model is told: the system prompt and the task message."""

from __future__ import annotations

from pydantic import BaseModel

from macrohard.types import Task

_BASE = """You are a careful autonomous agent working in a {kind} environment.
Work step by step. In every reply call exactly one tool. Observe its result, then decide the next step.
Paths are relative to the workspace directory, which is also the shell's starting directory.
Never touch anything outside the workspace. A guard reviews every action; when it denies one,
read its reason and choose a safer way.
When the task is done, check the result, then call `finish` with a short answer."""


def system_prompt(kind: str, action_types: list[type[BaseModel]]) -> str:
    names = ", ".join(cls.model_fields["kind"].default for cls in action_types)
    return _BASE.format(kind=kind) + f"\nTools: {names}."


def task_message(task: Task, workspace: str) -> str:
    return f"Task: {task.text}\nWorkspace: {workspace}"
