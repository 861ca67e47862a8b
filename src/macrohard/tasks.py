"""Task files (YAML): load and validate, with errors that name the field and the line.

A task file holds a task's fields and, optionally, the ``check`` that decides whether it was done
(the same checks as in suites); ``macrohard run`` runs it after the agent finishes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from macrohard.errors import TaskFileError
from macrohard.eval.suite import Check
from macrohard.types import Task
from macrohard.yamlfile import load_model


class TaskFile(Task):
    """A task, and optionally its check."""

    check: Check | None = Field(default=None, description="How success is decided, as in suites; run after the "
                                "agent finishes, its result shown beside the agent's claim.")


def parse_task_file(text: str, source: str = "<task>") -> tuple[Task, Any]:
    """The task and its check (None when the file has none)."""
    parsed = load_model(text, source, TaskFile, error=TaskFileError, what="a task file",
                        hint="it needs at least `text: ...`")
    return Task.model_validate(parsed.model_dump(exclude={"check"})), parsed.check


def parse_task(text: str, source: str = "<task>") -> Task:
    return parse_task_file(text, source)[0]


MAX_TASK_FILE_BYTES = 2 << 20  # a task file is a few lines of YAML; data belongs in the workspace


def _read(path: str | Path) -> tuple[str, str]:
    """The text of a task file: at most 2 MiB, UTF-8, not binary; each problem a ``TaskFileError`` naming the fix."""
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_TASK_FILE_BYTES + 1)
    except OSError as exc:
        raise TaskFileError(f"cannot read task file {p}: {exc.strerror}") from exc
    if len(data) > MAX_TASK_FILE_BYTES:
        raise TaskFileError(f"task file {p} is larger than {MAX_TASK_FILE_BYTES >> 20} MiB; keep the task short and "
                            "put large inputs in the workspace (--source DIR, or `files:` for small ones)")
    if b"\x00" in data:
        raise TaskFileError(f"task file {p} is binary (it holds NUL bytes), not a YAML task; give a text file "
                            "with at least `text: ...`")
    try:
        return data.decode("utf-8"), str(p)
    except UnicodeDecodeError as exc:
        raise TaskFileError(f"task file {p} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                            "save it as UTF-8") from exc


def load_task_file(path: str | Path) -> Task:
    return parse_task(*_read(path))


def load_task_and_check(path: str | Path) -> tuple[Task, Any]:
    return parse_task_file(*_read(path))
