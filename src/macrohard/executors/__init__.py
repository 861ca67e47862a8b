"""Executors: where runs execute. ``local`` (thread or process pool) and ``ray`` (a cluster or a local Ray).

Built-ins register by short name like plugins do; Ray is imported only when the Ray executor is made.
"""

from __future__ import annotations

from typing import Any

from macrohard.errors import ConfigError
from macrohard.executors.spec import RunOutcome, RunSpec, execute
from macrohard.registry import Registry

REGISTRY = Registry("executor")
register = REGISTRY.register


@register("local")
def _local(workers: int = 1, address: str | None = None, **options: Any) -> Any:
    from macrohard.executors.local import LocalExecutor

    if address:
        raise ConfigError("--address is for the Ray executor: add --executor ray")
    return LocalExecutor(workers, **options)


@register("ray")
def _ray(workers: int = 1, address: str | None = None, **options: Any) -> Any:
    from macrohard.executors.ray import RayExecutor

    return RayExecutor(workers, address=address, **options)


def get_executor(name: str, workers: int = 1, address: str | None = None, **options: Any) -> Any:
    """Build an executor by name (``local`` or ``ray``)."""
    return REGISTRY.lookup(name)(workers=workers, address=address, **options)


__all__ = ["RunSpec", "RunOutcome", "execute", "get_executor", "register", "REGISTRY"]
