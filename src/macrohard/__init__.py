"""macrohard: autonomous agents that operate real software, with safety in every step.

``import macrohard`` stays light: the types and errors load at once, the rest (the agent loop, the
guard, the runner with its environments and models, the store) on first use of its name.
"""

from __future__ import annotations

import sys as _sys

_STARTING_INTERRUPTED = "interrupted (Ctrl-C) while macrohard was starting; nothing was run"


def _interrupted_while_starting(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """A Ctrl-C while the ``macrohard`` command imports itself, said in one line with exit 130 (rel54: a Python
    traceback before, exit -2). Installed first thing, and only in the command's own process; ``cli.main`` puts the
    previous hook back once the command is loaded (each command then says its own interruption)."""
    if not issubclass(kind, KeyboardInterrupt):
        _PREVIOUS_HOOK(kind, value, tb)  # type: ignore[arg-type]
        return
    import os

    try:
        _sys.stdout.flush()
        _sys.stderr.write(f"\n{_STARTING_INTERRUPTED}\n")
        _sys.stderr.flush()
    finally:
        os._exit(130)


_PREVIOUS_HOOK = _sys.excepthook
def _is_the_command() -> bool:
    """Whether this process is the ``macrohard`` command: its console script, or ``python -m macrohard`` (while the
    package is imported for ``-m``, ``sys.argv[0]`` is ``-m``; ``orig_argv`` names the module)."""
    first = _sys.argv[0] if _sys.argv else ""
    if first.rsplit("/", 1)[-1] == "macrohard":
        return True
    given = list(getattr(_sys, "orig_argv", []))
    return first == "-m" and ("-mmacrohard" in given or any(
        given[i] == "-m" and given[i + 1] == "macrohard" for i in range(len(given) - 1)))


if _is_the_command():
    _sys.excepthook = _interrupted_while_starting

import importlib  # noqa: E402 - after the hook: a Ctrl-C during these imports is said as one line
from typing import TYPE_CHECKING, Any  # noqa: E402

from macrohard.errors import MacrohardError, ModelError, RunError, UserError  # noqa: E402
from macrohard.types import (  # noqa: E402
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



def _serialize_ast_parse() -> None:
    """One ``ast.parse`` at a time in this process. CPython 3.11's AST constructor keeps its recursion depth in state
    shared by every thread: a parse in one thread while another thread's parse is turning its tree into objects (and
    has let it run: a finalizer, a collection doing I/O) ends in ``SystemError: AST constructor recursion depth
    mismatch`` (cpython gh-106905; seen on 3.11.2 and 3.11.7 here). macrohard parses in worker threads (the guard's
    reading of Python, numpy reading a model file's header with ``ast.literal_eval`` while two runs load the screens
    at once): the fresh clone's suite lost a safety-suite task to it (tests/reliability/test_ast_threads.py). Wraps
    ``ast.parse`` (which ``literal_eval`` calls) in a re-entrant lock: cheap, and idempotent."""
    import ast
    import threading

    parse = ast.parse
    if getattr(parse, "_macrohard_serialized", False):
        return
    lock = threading.RLock()

    def serialized_parse(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return parse(*args, **kwargs)

    serialized_parse.__doc__ = parse.__doc__
    serialized_parse.__wrapped__ = parse  # type: ignore[attr-defined]
    serialized_parse._macrohard_serialized = True  # type: ignore[attr-defined]
    ast.parse = serialized_parse  # type: ignore[assignment]


_serialize_ast_parse()

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
