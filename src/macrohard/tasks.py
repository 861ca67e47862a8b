"""Task files (YAML): load and validate, with errors that name the field and the line."""

from __future__ import annotations

from pathlib import Path

from macrohard.errors import TaskFileError
from macrohard.types import Task
from macrohard.yamlfile import load_model


def parse_task(text: str, source: str = "<task>") -> Task:
    return load_model(text, source, Task, error=TaskFileError, what="a task file",
                      hint="it needs at least `text: ...`")


def load_task_file(path: str | Path) -> Task:
    p = Path(path)
    try:
        text = p.read_text()
    except OSError as exc:
        raise TaskFileError(f"cannot read task file {p}: {exc.strerror}") from exc
    return parse_task(text, str(p))
