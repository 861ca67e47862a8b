"""Check what the user gave `macrohard run` before a run is recorded.

Each problem is a ``ConfigError`` (exit code 2) that names the option and the fix: never a traceback,
and never a run left ``running`` because the environment could not be made.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from macrohard.errors import ConfigError
from macrohard.types import Task

# where each field of a task comes from on the command line
OPTIONS = {"text": "TASK", "network": "--network", "environment": "--environment", "workspace": "--workspace",
           "source": "--source", "allow_hosts": "--allow-host", "model": "--model",
           "budget.max_steps": "--max-steps", "budget.max_model_seconds": "--model-timeout"}
KERNEL_DIRS = ("/proc", "/sys", "/dev")


def checked_task(base: dict[str, Any], updates: dict[str, Any], budget: dict[str, Any]) -> Task:
    """The task from a file's (or the argument's) fields with the command line's on top, validated."""
    data = {**base, **updates}
    if isinstance(data.get("text"), str) and data["text"] and not data["text"].strip():
        # before (rel48): a task of spaces ran (`macrohard run "   "`, an empty "$TASK" in quotes with a space)
        raise ConfigError("the task (TASK, or `text:` in a task file) is only blank space: say in plain words what the agent should do, e.g. `macrohard "
                          "run \"create hello.txt containing hi\"`, or give --task-file FILE")
    if budget:
        data["budget"] = {**(base.get("budget") or {}), **budget}
    try:
        task = Task.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:4]:
            field = ".".join(str(x) for x in err["loc"])
            problems.append(f"{OPTIONS.get(field, field)}: {err['msg']}")
        raise ConfigError("; ".join(problems)) from exc
    from macrohard.envs import REGISTRY

    REGISTRY.lookup(task.environment, " (--environment)")
    if task.source:
        _check_source(task.source)
    elif task.workspace:
        check_workspace(task.workspace)
    return task


def check_workspace(path: str) -> Path:
    """A directory the agent may work in: an existing directory of ours, or one we can create."""
    p = Path(path).expanduser()
    resolved = p.resolve()
    if any(resolved == Path(k) or Path(k) in resolved.parents for k in KERNEL_DIRS) or resolved == Path("/"):
        raise ConfigError(f"--workspace {path}: {resolved} is a system directory, not a place to work; "
                          "give a directory of your own, e.g. -w ./work (it is created when missing)")
    if p.exists() and not p.is_dir():
        raise ConfigError(f"--workspace {path} is a file, not a directory; give a directory (created when missing)")
    existing = next((d for d in (resolved, *resolved.parents) if d.exists()), Path("/"))
    if not existing.is_dir():
        raise ConfigError(f"--workspace {path}: {existing} is a file, so the directory cannot be made there")
    if not os.access(existing, os.W_OK | os.X_OK):
        hint = (f", or keep it as it is and let the agent work on a copy of it: --source {path} (its changes then wait "
                "for `macrohard runs diff`)") if existing == resolved else ""
        raise ConfigError(f"--workspace {path}: {existing} is not writable by you; choose another directory{hint}")
    return resolved


def _check_source(path: str) -> None:
    p = Path(path)
    if not p.is_dir():
        raise ConfigError(f"--source {path} is not a directory; give the project directory to start from")
