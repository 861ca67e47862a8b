"""Environment registry: short names to lazily imported factories.

A factory takes ``(task, workspace, **options)`` and returns an unstarted environment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macrohard.errors import ConfigError

REGISTRY: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY[name] = fn
        return fn
    return deco


@register("shell")
def _shell(task: Any, workspace: str, *, isolation: str = "none", **options: Any) -> Any:
    from macrohard.envs.workspace import WorkspaceEnvironment

    if isolation != "none":
        raise ConfigError(f"isolation {isolation!r} is not available yet; use isolation='none'")
    return WorkspaceEnvironment(workspace, **options)


def make_environment(task: Any, workspace: str, **options: Any) -> Any:
    kind = task.environment
    if kind not in REGISTRY:
        raise ConfigError(f"unknown environment {kind!r}; choose one of: {', '.join(sorted(REGISTRY))}")
    return REGISTRY[kind](task, workspace, **options)
