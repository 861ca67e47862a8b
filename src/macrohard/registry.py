"""Short-name tables for built-ins and plugins (models, environments, executors).

Built-ins register the way a third party would: ``@ENVIRONMENTS.register("name")`` on a factory
that imports its implementation lazily, so naming a table costs no heavy import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macrohard.errors import ConfigError

Factory = Callable[..., Any]


class Registry(dict[str, Factory]):
    """A dict of factories by short name, with a decorator and a lookup whose error lists the choices."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def register(self, name: str) -> Callable[[Factory], Factory]:
        def deco(fn: Factory) -> Factory:
            self[name] = fn
            return fn
        return deco

    def lookup(self, name: str, hint: str = "") -> Factory:
        if name not in self:
            raise ConfigError(f"unknown {self.what} {name!r}; choose one of: {', '.join(sorted(self))}{hint}")
        return self[name]
