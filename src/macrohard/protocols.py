"""The core interfaces. Implementations do not inherit from these; they only match them.

The lowest layer with ``types``: everything named here only for annotations is imported under
``TYPE_CHECKING``, so importing the protocols loads nothing above them (``tests/spine/test_layers.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from macrohard.types import ModelReply, Observation, ReplyChunk, Run, Step, Verdict

if TYPE_CHECKING:
    from macrohard.executors.spec import RunOutcome, RunSpec
    from macrohard.safety.approval import Approved, Authorization
    from macrohard.safety.context import GuardContext


@runtime_checkable
class Model(Protocol):
    """Something that answers a chat history with text and/or one tool call."""

    name: str

    def complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> ModelReply: ...


@runtime_checkable
class StreamingModel(Model, Protocol):
    """A model that can also stream its reply: text chunks as they arrive, the whole reply last.

    Optional: ``models.streaming.stream_reply`` streams any ``Model``, one chunk for those without it."""

    def stream(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Iterator[ReplyChunk]: ...


@runtime_checkable
class Environment(Protocol):
    """A place where approved actions run: a shell workspace, a browser, a desktop."""

    kind: str
    workspace: str

    def start(self) -> None: ...

    def execute(self, approved: Approved[Any]) -> Observation: ...

    def snapshot(self) -> str: ...

    def restore(self, snapshot_id: str) -> None: ...

    def reset(self) -> None: ...

    def close(self) -> None: ...


class Guard(Protocol):
    """Reviews every action before it runs and screens every observation and answer."""

    def review(self, action: Any, ctx: GuardContext) -> Verdict: ...

    def authorize(self, action: Any, ctx: GuardContext, *, env: Environment) -> Authorization:
        """Review, record, resolve ``ask`` and mint in one call; ``.approved`` only when allowed."""
        ...

    def screen(self, observation: Observation, ctx: GuardContext) -> Observation: ...

    def screen_answer(self, answer: str, ctx: GuardContext) -> Verdict: ...


class RunStore(Protocol):
    """Append-only record of runs, steps and artifacts."""

    def create_run(self, run: Run) -> None: ...

    def update_run(self, run: Run) -> None: ...

    def append_step(self, run_id: str, step: Step) -> None: ...

    def get_run(self, run_id: str) -> Run: ...

    def steps(self, run_id: str) -> list[Step]: ...

    def list_runs(self, limit: int = 50) -> list[Run]: ...


class RunHandle(Protocol):
    """A submitted run; ``result`` waits for its ``RunOutcome`` (the finished ``Run`` and its score)."""

    run_id: str

    def result(self, timeout: float | None = None) -> RunOutcome: ...


class Executor(Protocol):
    """Takes run specs (task + model spec + check) and runs them somewhere: a local pool, a Ray cluster.

    ``map`` yields exactly one outcome per spec, in completion order; a run whose worker failed
    beyond its retries comes back as a lost outcome, never as a missing one.
    """

    name: str

    def submit(self, spec: RunSpec) -> RunHandle: ...

    def map(self, specs: Iterable[RunSpec]) -> Iterator[RunOutcome]: ...

    def close(self) -> None: ...

