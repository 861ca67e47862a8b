"""Stopping a run from outside: SIGINT, SIGTERM and SIGHUP all end it cleanly, and the close is shown.

Each of the three signals raises ``Interrupted`` (a ``KeyboardInterrupt``) in the main thread, so
the agent records the run as ``interrupted`` and the runner closes the sandbox, recording the
workspace's changes. While that close runs, a progress bar is shown on stderr, and the next signal
only says what is happening: the close goes on. A further one stops it, and the changes stay on
disk for ``macrohard runs recover`` (a close never deletes what it has not recorded).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from macrohard.cli.common import err_console

# A close shorter than this shows no bar (most are); MACROHARD_PROGRESS_AFTER=0 shows it at once.
PROGRESS_AFTER_S = float(os.environ.get("MACROHARD_PROGRESS_AFTER", "0.5"))
# Where stderr is no terminal (a log, CI), a plain line instead of the bar, at most this often
NOTE_EVERY_S = 5.0

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """The run was asked to stop by a signal; ``str()`` says which."""


def _what(done: int, total: int) -> str:
    """The close's progress in words: files scanned so far (``total`` 0), then changed files kept."""
    return f"{done:,} file{'' if done == 1 else 's'} scanned" if not total else f"{done:,}/{total:,} changed files"


class CloseWatch:
    """The signal handlers of one ``macrohard run`` and the progress of its close."""

    def __init__(self) -> None:
        self.closing = False
        self.extra = 0  # signals received while closing
        self.signal = ""
        self.progress: Progress | None = None
        self.task: Any = None
        self._shown_at = 0.0
        self._started = 0.0

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if not self.closing:
            self.signal = name
            raise Interrupted(f"interrupted by {name}" + (" (Ctrl-C)" if signum == signal.SIGINT else ""))
        self.extra += 1
        if self.extra == 1:
            err_console.print(f"\n[yellow]{name}: still saving the workspace's changes; they are kept either way. "
                              "Send it once more to stop now and finish later with `macrohard runs recover`.[/]")
            return
        raise Interrupted(f"the close was stopped by a second {name}")

    def on_close(self, done: int, total: int, size: int) -> None:
        """The runner's close progress: a bar on stderr once the close takes longer than ``PROGRESS_AFTER_S``
        (on a stderr that is no terminal, a plain line then and every ``NOTE_EVERY_S``, and one at the end).

        ``total`` 0: the workspace is being scanned (``done`` files so far); then ``done`` of
        ``total`` changed files kept.
        """
        now = time.monotonic()
        if not self.closing:
            self.closing, self._started = True, now
            return
        if now - self._started < PROGRESS_AFTER_S:
            return
        if not err_console.is_terminal or err_console.is_dumb_terminal:
            # a log or a pipe (CI, nohup, `2> file`): no bar to redraw, so a plain line now and then
            if self._shown_at == 0.0 or now - self._shown_at >= NOTE_EVERY_S or (total and done == total):
                self._shown_at = now
                err_console.print(f"saving the workspace's changes: {_what(done, total)}, {size / 1e6:.0f} MB kept", highlight=False)
            return
        if self.progress is None:
            self.progress = Progress(TextColumn("saving the workspace's changes: {task.description}"), BarColumn(),
                                     TextColumn("{task.fields[mb]:.0f} MB kept"), TimeElapsedColumn(),
                                     console=err_console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=None, mb=0.0)
        if now - self._shown_at > 0.05 or (total and done == total):
            self._shown_at = now
            self.progress.update(self.task, completed=done, total=total or None, description=_what(done, total),
                                 mb=size / 1e6)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _watch_reads() -> Any:
    """A thread that ends the model reads under way (``streaming.stop_reads``) the moment one of ``SIGNALS`` comes.
    Python runs ``CloseWatch.handle`` only when the main thread runs Python again, and the embedded model's decode
    (llama.cpp, in C) does not return for it: rel56 left it, a chat's Ctrl-C waited for the whole prompt's decode.
    Python's C-level handler writes each signal's number to the wakeup fd at once, whatever the main thread does;
    this thread reads it and aborts the decode (``models/local_abort``), then Python's handler raises as before.
    Returns the undo (the main thread only; None where a wakeup fd cannot be set)."""
    import threading

    from macrohard.models.streaming import stop_reads

    read_fd, write_fd = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    os.set_blocking(read_fd, True)
    try:
        old_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    except ValueError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    numbers = {int(sig) for sig in SIGNALS}

    def watch() -> None:
        try:
            while data := os.read(read_fd, 64):
                for signum in data:
                    if signum in numbers:
                        name = signal.Signals(signum).name
                        stop_reads(f"interrupted by {name}" + (" (Ctrl-C)" if signum == signal.SIGINT else ""))
        finally:
            os.close(read_fd)

    thread = threading.Thread(target=watch, name="macrohard-signal-reads", daemon=True)
    thread.start()

    def undo() -> None:
        signal.set_wakeup_fd(old_fd)
        os.close(write_fd)  # the thread reads its end and stops
        thread.join(5)

    return undo


@contextmanager
def watched(*, then_ignore: bool = False) -> Iterator[CloseWatch]:
    """Install the handlers for the duration of a run (the main thread only).

    ``then_ignore``: afterwards ignore the signals instead of restoring the old handlers (a process
    that only prints its summary and exits: a late second Ctrl-C must not end it in a traceback).
    """
    watch = CloseWatch()
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    try:
        for sig in SIGNALS:
            signal.signal(sig, watch.handle)
    except ValueError:  # not the main thread: leave the defaults
        previous = {}
    unwatch = _watch_reads() if previous else None
    try:
        yield watch
    finally:
        if unwatch is not None:
            unwatch()
        watch.stop()
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_IGN if then_ignore else handler)


def print_changes_note(run: Any, out: Any) -> None:
    """Where the run's file changes are, when they are not simply in its directory."""
    info = run.meta.get("sandbox") or {}
    counts = info.get("changes") or {}
    if info.get("close_interrupted"):
        out.print(f"[yellow]{escape(info['close_interrupted'])}[/]")
    elif info.get("commit_error"):
        out.print(f"[red]write-back failed:[/] {escape(info['commit_error'])}")
    if info.get("held_back"):
        why = info.get("held_back_why") or {}
        own = [p for p in info["held_back"] if p not in why]
        if own:
            out.print(f"[yellow]not written back: {escape(', '.join(own))} (this run's own policy or task file: an "
                      f"agent does not rewrite its rules)[/]")
        if why:  # rt45: files that run code on this machine later, when you do something ordinary
            out.print(f"[yellow]not written back, {len(why)} file(s) that run code on this machine later (the agent "
                      "wrote them; look before you apply):[/]")
            for path, reason in why.items():
                out.print(f"[yellow]  {escape(path)}: {escape(reason)}[/]")
        out.print(f"[yellow]`macrohard runs diff {run.id}` shows them; `macrohard runs apply {run.id}` writes them "
                  "if you mean it[/]")
    elif sum(counts.values()) and info.get("committed_files") is None:
        out.print(f"[dim]{sum(counts.values())} changed file(s) kept for you: `macrohard runs diff {run.id}`, then "
                  f"`macrohard runs apply {run.id}`[/]")
