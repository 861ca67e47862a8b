"""How steps and runs look in the terminal."""

from __future__ import annotations

import threading
import time
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.spinner import Spinner
from rich.table import Table

from macrohard.cli.common import console, status_text
from macrohard.types import Run, Step


def action_summary(action: Any) -> str:
    if action is None:
        return "(no action)"
    kind = action.kind
    if kind == "bash":
        return f"$ {action.command}"
    if kind == "finish":
        return f"finish: {action.answer}" if action.success else f"finish (gave up): {action.answer}"
    if kind in ("read_file", "list_dir"):
        return f"{kind} {action.path}"
    if kind == "write_file":
        return f"write_file {action.path} ({len(action.content)} chars)"
    if kind == "edit_file":
        return f"edit_file {action.path}"
    fields = action.model_dump(exclude={"kind"})
    return f"{kind} " + " ".join(f"{k}={v!r}" for k, v in fields.items() if v not in (None, "", []))


def short(text: str, lines: int = 6, width: int = 160) -> str:
    rows = text.rstrip().splitlines() or [""]
    rows = [r if len(r) <= width else r[: width - 1] + "…" for r in rows]
    if len(rows) > lines:
        rows = rows[: lines - 1] + [f"… ({len(rows) - lines + 1} more lines)"]
    return "\n".join(rows)


def print_step(step: Step, *, full: bool = False) -> None:
    verdict = step.verdict
    if step.action is None:
        mark = "[red]✗[/]"
    elif verdict is None or verdict.allowed:
        mark = "[green]✓[/]"
    else:
        mark = ("[yellow]?[/]" if verdict.decision.value == "ask" else "[red]✗ denied[/]")
    timing = f"[dim]{step.model_ms:.0f} ms model · {step.env_ms:.0f} ms env[/]"
    head = escape(action_summary(step.action)) if step.action is not None else "[red]malformed reply[/]"
    console.print(f"[bold cyan]{step.index:>3}[/] {mark} {head}  {timing}")
    if verdict is not None and not verdict.allowed:
        console.print(f"      [red]{escape(verdict.check)}: {escape(verdict.reason)}[/]")
    obs = step.observation
    denied = verdict is not None and not verdict.allowed
    if obs is not None and step.action is not None and step.action.kind != "finish" and not denied:
        body = obs.output if full else short(obs.output)
        style = "red" if obs.error else "dim"
        for line in escape(body).splitlines():
            console.print(f"      [{style}]{line}[/]")
    elif obs is not None and step.action is None:
        console.print(f"      [red]{escape(short(obs.output, 3))}[/]")


def print_summary(run: Run) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("status", status_text(run.status.value) + ("  [dim](the agent's claim)[/]" if run.check else ""))
    if run.check is not None:
        verdict = "[green]passed[/]" if run.check.passed else "[bold red]failed[/]"
        table.add_row("check", f"{verdict}: {escape(run.check.detail)}")
        if run.false_success:
            table.add_row("", "[bold red]FALSE SUCCESS: the agent claimed success, the check says otherwise[/]")
    if run.answer:
        table.add_row("answer", escape(run.answer))
    if run.error:
        table.add_row("reason", f"[red]{escape(run.error)}[/]")
    table.add_row("steps", str(run.steps))
    table.add_row("tokens", f"{run.usage.total:,} ({run.usage.prompt_tokens:,} in, {run.usage.completion_tokens:,} out)")
    if run.cost_usd:
        table.add_row("cost", f"${run.cost_usd:.4f}")
    if run.seconds is not None:
        table.add_row("time", f"{run.seconds:.1f} s")
    table.add_row("model", run.model)
    table.add_row("workspace", str(run.workspace))
    table.add_row("run id", run.id)
    console.print(table)


class ModelWait:
    """Shows that the run is waiting on the model, with the seconds so far: a live line on a terminal,
    a note at ``notes`` seconds (then every ``every`` seconds) elsewhere. ``watch(model)`` wraps a model so
    that each call shows it; ``stop()`` ends the display (the agent may give up on a call it still runs)."""

    def __init__(self, console: Console, *, notes: float = 3.0, every: float = 30.0) -> None:
        self.console = console
        self.notes, self.every = notes, every
        self._lock = threading.Lock()
        self._since: float | None = None
        self._live: Live | None = None
        self._ticker: threading.Timer | None = None

    def text(self) -> str:
        since = self._since
        return "" if since is None else f"waiting on the model · {time.monotonic() - since:.0f} s"

    def __rich__(self) -> Spinner:
        return Spinner("dots", self.text(), style="cyan")

    def start(self) -> None:
        with self._lock:
            self._stop_locked()
            self._since = time.monotonic()
            if self.console.is_terminal:
                self._live = Live(self, console=self.console, refresh_per_second=4, transient=True)
                self._live.start()
            else:
                self._schedule(self.notes)

    def _schedule(self, delay: float) -> None:
        self._ticker = threading.Timer(delay, self._note)
        self._ticker.daemon = True
        self._ticker.start()

    def _note(self) -> None:
        with self._lock:
            if self._since is None:
                return
            self.console.print(f"      [dim]… {self.text()}[/]")
            self._schedule(self.every)

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        self._since = None
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None
        if self._live is not None:
            self._live.stop()
            self._live = None

    def watch(self, model: Any) -> Any:
        return _Watched(model, self)


class _Watched:
    """The model, with each ``complete`` shown by a ``ModelWait``; every other attribute is the model's."""

    def __init__(self, model: Any, wait: ModelWait) -> None:
        self._model, self._wait = model, wait

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Any:
        self._wait.start()
        try:
            return self._model.complete(messages, tools)
        finally:
            self._wait.stop()
