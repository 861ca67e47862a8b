"""Task files (YAML): load and validate, with errors that name the field and the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from macrohard.errors import TaskFileError
from macrohard.types import Task


def _line_of(node: Any, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a 1-based line."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                key_node = next((k for k, _ in node.value if k.value == key), None)
                return key_node.start_mark.line + 1 if key_node is not None else line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def parse_task(text: str, source: str = "<task>") -> Task:
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise TaskFileError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise TaskFileError(f"{source}: a task file is a mapping with at least `text: ...`")
    try:
        return Task.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "(top level)"
            line = _line_of(node, tuple(err["loc"]))
            where = f"{source}:{line}" if line else source
            problems.append(f"{where}: field `{field}`: {err['msg']}")
        raise TaskFileError("invalid task file:\n  " + "\n  ".join(problems)) from exc


def load_task_file(path: str | Path) -> Task:
    p = Path(path)
    try:
        text = p.read_text()
    except OSError as exc:
        raise TaskFileError(f"cannot read task file {p}: {exc.strerror}") from exc
    return parse_task(text, str(p))
