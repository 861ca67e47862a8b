"""How steps and runs look in the terminal."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.padding import Padding
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

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
    if len(rows) > lines:
        rows = rows[: lines - 1] + [f"… ({len(rows) - lines + 1} more lines)"]
    rows = [r if len(r) <= width else r[: width - 1] + "…" for r in rows]
    return "\n".join(rows)


HEAD_CHARS = 400  # an action's line in the live view and in `runs show`
BODY_CHARS = 20_000  # an observation in `runs show` (the store keeps it all)
LINE_CHARS = 2_000  # one line of it


# Terminal control characters (ESC sequences move the cursor, erase lines, retitle the window, write the
# clipboard with OSC 52) and bidirectional overrides (they reorder what is shown): text from the agent,
# a program or a web page must never drive the user's terminal. Every such text shown goes through it.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with control characters and bidi overrides written as escapes (``\\x1b``, ``\\u202e``)."""
    return _HIDDEN.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def clip(text: str, limit: int, see_all: str = "") -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out and how to see it all."""
    if len(text) <= limit:
        return text
    where = f"; all of it: {see_all}" if see_all else ""
    return f"{text[:limit]}… [{len(text) - limit:,} more characters{where}]"


def clip_lines(text: str, limit: int, line_limit: int, see_all: str = "") -> str:
    """Each line cut to ``line_limit`` and the whole to about ``limit`` characters, with a note of what was cut."""
    if len(text) <= min(limit, line_limit):
        return text
    out: list[str] = []
    used = 0
    for row in text.split("\n"):
        if used >= limit:
            where = f"; all of it: {see_all}" if see_all else ""
            out.append(f"… [{len(text) - used:,} more characters{where}]")
            break
        out.append(clip(row, min(line_limit, limit - used), see_all))
        used += len(row) + 1
    return "\n".join(out)


def _see_all(run_id: str | None) -> str:
    return f"macrohard runs show {run_id} --full (or --json)" if run_id else "macrohard runs show ID --full"


def print_step(step: Step, *, full: bool = False, brief: bool = True, run_id: str | None = None) -> None:
    """One step. ``brief`` (the live view) shows a few lines of the observation, otherwise up to
    ``BODY_CHARS``; ``full`` shows everything, uncut. Long text is cut for display only: rich's
    highlighting and wrapping grow with the square of a line's length, a 1 MB command took minutes."""
    see_all = _see_all(run_id)
    verdict = step.verdict
    meta = step.observation.meta if step.observation is not None else {}
    crash = meta.get("browser_crash") or meta.get("desktop_crash")
    machine = "browser" if meta.get("browser_crash") else "desktop"
    host_disk = meta.get("host_disk")
    memory = meta.get("memory_killed")  # rel39: before, only "Killed" (137)
    if step.action is None:
        mark = "[red]✗[/]"
    elif verdict is None and step.observation is None:  # stopped while the guard reviewed it or asked (before: ✓)
        mark = "[yellow]✗ not run[/]"
    elif meta.get("cut") and (verdict is None or verdict.allowed):  # cut where it waited (rel51b: before, ✓)
        mark = "[yellow]✗ cut[/]"
    elif crash and (verdict is None or verdict.allowed):  # the step was allowed, but the browser died under it
        mark = f"[red]✗ {machine} " + ("hung" if "stopped responding" in str(crash) else "crashed") + "[/]"
    elif (verdict is None or verdict.allowed) and step.observation is not None \
            and step.observation.meta.get("timed_out"):  # rel37: shown ✓ like a command that ended on its own
        mark = "[red]✗ timed out[/]"
    elif verdict is None or verdict.allowed:
        mark = "[green]✓[/]"
    else:
        mark = ("[yellow]?[/]" if verdict.decision.value == "ask" else "[red]✗ denied[/]")
    timing = f"[dim]{step.model_ms:.0f} ms model · {step.env_ms:.0f} ms env[/]"
    summary = action_summary(step.action) if step.action is not None else ""
    head = escape(visible(summary if full else clip(summary, HEAD_CHARS, see_all))) if step.action is not None \
        else "[red]record not readable[/]" if meta.get("unreadable") else "[red]malformed reply[/]"
    line = f"[bold cyan]{step.index:>3}[/] {mark} {head}"
    if not full and Text.from_markup(f"{line}  {timing}").cell_len > console.width:
        # ux52: a line too long for the terminal: the timing on its own line, whole (before: split mid-phrase)
        _print(line, full)
        _print(f"      {timing}", full)
    else:
        _print(f"{line}  {timing}", full)
    if verdict is not None and not verdict.allowed:
        reason = verdict.reason if full else clip(verdict.reason, HEAD_CHARS, see_all)
        _print(f"      [red]{escape(verdict.check)}: {escape(visible(reason))}[/]", full)
    for outcome in (crash, host_disk, memory, meta.get("screenshots_dropped")):  # rel59: a full disk's dropped ones
        if outcome:
            _print(f"      [red]{escape(visible(str(outcome)))}[/]", full)
    obs = step.observation
    denied = verdict is not None and not verdict.allowed
    if obs is not None and step.action is not None and step.action.kind != "finish" and not denied:
        body = obs.output if full else short(obs.output) if brief else clip_lines(obs.output, BODY_CHARS, LINE_CHARS, see_all)
        style = "red" if obs.error else "dim"
        for line in escape(visible(body.replace("\r\n", "\n"))).splitlines():
            _print_under(f"[{style}]{line}[/]", full)
    elif obs is not None and step.action is None:
        _print(f"      [red]{escape(visible(obs.output if full else short(obs.output, 3)))}[/]", full)


def sandbox_line(run: Run) -> str:
    """What the run's sandbox may write, said at its start: the layer's size is fixed then (rich markup; "" if none)."""
    sandbox = run.meta.get("sandbox")
    disk = sandbox.get("limits_applied", {}).get("disk") if isinstance(sandbox, dict) else None
    return f"[bold]sandbox:[/] workspace layer {escape(str(disk))}" if disk else ""


def _print(markup: str, full: bool) -> None:
    # no highlighter (its regexes are quadratic on long lines); uncut text goes out unwrapped
    console.print(markup, highlight=False, soft_wrap=full)


def _print_under(markup: str, full: bool) -> None:
    """A line of a step's body, six columns in; wrapped (not ``full``), each piece stays six columns in. Before (ux52)
    a line longer than the terminal wrapped to column 0, under the step numbers."""
    if full:
        _print(f"      {markup}", full)
    else:
        console.print(Padding(Text.from_markup(markup), (0, 0, 0, 6), expand=False), highlight=False)


def print_summary(run: Run) -> None:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")  # ux52: a workspace path or a model's URL whole at 80 columns (before: cut by …)
    table.add_row("status", status_text(run.status.value) + ("  [dim](the agent's claim)[/]" if run.check else ""))
    if run.check is not None:
        verdict = "[green]passed[/]" if run.check.passed else "[bold red]failed[/]"
        table.add_row("check", f"{verdict}: {escape(visible(clip(run.check.detail, BODY_CHARS)))}")
        if run.false_success:
            table.add_row("", "[bold red]FALSE SUCCESS: the agent claimed success, the check says otherwise[/]")
    see_all = _see_all(run.id)
    if run.answer:
        table.add_row("answer", escape(visible(clip_lines(run.answer, BODY_CHARS, LINE_CHARS, see_all))))
    if run.error:
        table.add_row("reason", f"[red]{escape(visible(clip_lines(run.error, BODY_CHARS, LINE_CHARS, see_all)))}[/]")
    table.add_row("steps", str(run.steps))
    restarts = (run.meta.get("sandbox") or {}).get("restarts") if isinstance(run.meta.get("sandbox"), dict) else None
    if restarts:
        machine = "desktop" if run.task.environment == "desktop" else "browser"
        table.add_row(machine, f"[red]crashed or hung {restarts} time{'s' * (restarts != 1)}, see the steps "
                               f"marked ✗ {machine}: they say what happened and what to do[/]")
    table.add_row("tokens", f"{run.usage.total:,} ({run.usage.prompt_tokens:,} in, {run.usage.completion_tokens:,} out)")
    if run.cost_usd:
        table.add_row("cost", f"${run.cost_usd:.4f}")
    if run.seconds is not None:
        built = run.meta.get("screens_built_s")
        if isinstance(built, int | float) and 0 < built <= run.seconds:
            table.add_row("time", f"{run.seconds - built:.1f} s, and {built:.1f} s before it preparing the screens' "
                                  "tables once for this HOME (not the run's time; the next runs skip it)")
        else:
            table.add_row("time", f"{run.seconds:.1f} s")
    table.add_row("model", run.model)
    table.add_row("workspace", str(run.workspace))
    table.add_row("run id", run.id)
    console.print(table, highlight=False)


class ModelWait:
    """Shows that the run is waiting on the model, with the seconds so far: a live line on a terminal,
    a note at ``notes`` seconds (then every ``every`` seconds) elsewhere. ``watch(model)`` wraps a model so
    that each call shows it; ``stop()`` ends the display (the agent may give up on a call it still runs)."""

    def __init__(self, console: Console, *, notes: float = 3.0, every: float = 30.0) -> None:
        self.console = console
        self.notes, self.every = notes, every
        self._lock = threading.Lock()
        self._since: float | None = None
        self._what = "waiting on the model"
        self._live: Live | None = None
        self._ticker: threading.Timer | None = None
        self._spinner = Spinner("dots", "", style="cyan")

    def text(self) -> str:
        since = self._since
        return "" if since is None else f"{self._what} · {time.monotonic() - since:.0f} s"

    def __rich__(self) -> Spinner:
        # ux56: one spinner kept across refreshes (its frame comes from its own start time: one made at each refresh
        # stayed at its first frame, a line frozen for minutes but for its seconds)
        self._spinner.update(text=self.text())
        return self._spinner

    def start(self, what: str = "waiting on the model") -> None:
        """Show the wait from now: ``what`` it waits for (rel53b: the screens' one-time build before the first step,
        minutes on a fresh machine, said with its seconds as the model's wait is)."""
        with self._lock:
            self._stop_locked()
            self._since, self._what = time.monotonic(), what
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
