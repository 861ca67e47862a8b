"""Runs this process was asked to stop (their driver, a company or an evaluation, was interrupted), and what each
is doing now, so that the user can be told and nothing runs after the stop.

A ground-floor module (imports nothing of ours): the executors ask (``stop_runs``), the agent looks before it
executes an approved action and after each step (``why_stopped``) and says what it is executing (``doing``).
A run in another process (a process pool's, a Ray worker's) is asked through a file beside the run store
(``ask_in_files``; its worker ``watch``es that file): before (rel49), the request was only this dict in the driver's
memory, so Ctrl-C of `eval --pool process` or of a company on Ray did not reach those runs, which went on to their end.
Before (rel48): the agent looked only after each step, so an action its model chose while the stop came (a slow
model's answer, a sandbox still starting) still ran after the user had said stop, and the user was told only that
each sub-run "ends after its current step", not which step that was.
Every run's agent (and a gym or MCP session) watches its own file too, so a person reaches any run from another
terminal (`macrohard runs stop`, rel52: before, only its own terminal's Ctrl-C or a kill stopped it).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

_lock = threading.Lock()
_stopping: dict[str, str] = {}  # run id -> why it was asked to stop
_doing: dict[str, tuple[int, str, float]] = {}  # run id -> (step, what it executes, since when: monotonic)
_files: dict[str, list[str]] = {}  # run id -> the files another process writes to ask it to stop (``watch``)
_cut: dict[str, str] = {}  # run id -> why its action in flight is cut now (``cut_runs``), not after it
_threads: dict[int, str] = {}  # thread id -> the run whose action that thread executes now (``doing``)


def stop_file(store_path: str | os.PathLike[str], run_id: str) -> str:
    """Where a stop request for ``run_id`` is written for a worker in another process: a ``stops`` folder beside the
    run store that both write to (on a cluster, a shared disk, as the store is)."""
    return os.path.join(os.path.dirname(os.path.abspath(store_path)), "stops", f"{run_id}.stop")


def ask_in_files(paths: list[str], why: str) -> list[str]:
    """Ask runs in other processes to stop: ``paths`` are their ``stop_file``s; each file holds ``why``, written
    whole (a temporary file renamed) so a worker never reads half of it. Returns the paths that could not be written
    (a full or read-only disk): those runs are not reached and end as they would have; the interrupt goes on."""
    failed = []
    for path in paths:
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(why)
            os.replace(tmp, path)
        except OSError:
            failed.append(path)
    return failed


def watch(run_id: str, path: str) -> None:
    """This process runs ``run_id``: a stop request for it may come as the file ``path`` (``ask_in_files``). A run
    may be watched through more than one file: its executor's (named by its spec's run id) and its own (the agent
    watches every run's, so `macrohard runs stop` from another terminal reaches it: rel52)."""
    with _lock:
        paths = _files.setdefault(run_id, [])
        if path not in paths:
            paths.append(path)


def unwatch(run_id: str, path: str) -> None:
    """The run no longer listens at ``path`` (its agent ended): the file, and its ``.now``, are removed, so a request
    that came too late is not left for nobody to read."""
    with _lock:
        paths = _files.get(run_id) or []
        if path in paths:
            paths.remove(path)
        if not paths:
            _files.pop(run_id, None)
    for name in (path, f"{path}.now"):
        try:
            os.unlink(name)
        except OSError:
            pass


def _read_first(run_id: str, suffix: str) -> str | None:
    """What the first of the run's watched files (``suffix``: "" the stop, ".now" the cut) that exists says."""
    for path in list(_files.get(run_id) or ()):
        if not os.path.exists(path + suffix):
            continue
        try:
            with open(path + suffix, encoding="utf-8") as fh:
                return fh.read().strip() or "stopped by its driver"
        except OSError:
            return "stopped by its driver"
    return None


def _from_file(run_id: str) -> str | None:
    why = _read_first(run_id, "")
    if why is None:
        return None
    with _lock:
        _stopping.setdefault(run_id, why)
    return why


def stop_runs(run_ids: list[str], why: str) -> None:
    """Ask these runs (in this process's threads) to stop: each ends after the action it is executing now, and
    executes nothing after it; recorded ``interrupted`` with ``why``."""
    with _lock:
        _stopping.update(dict.fromkeys(run_ids, why))


def cut_runs(run_ids: list[str], why: str) -> None:
    """Ask these runs (in this process's threads) to stop now: as ``stop_runs``, and the action each executes is cut
    where it waits (a shell command's output: ``cut_now``), as Ctrl-C cuts the step of `macrohard run`. rel50b: a
    chat's Ctrl-C only asked its delegated run to end after its step, and the person waited for a 30 s command (28.7 s)
    before having the prompt back."""
    with _lock:
        _stopping.update(dict.fromkeys(run_ids, why))
        _cut.update(dict.fromkeys(run_ids, why))


def cut_in_files(paths: list[str], why: str) -> list[str]:
    """Ask runs in other processes to stop now (``cut_runs`` there): ``paths`` are their ``stop_file``s; beside each
    a ``.now`` file holding ``why`` (``ask_in_files``'s way). rel51: a process pool's runs were asked only to end
    after their step, and the driver's close waited for that step's whole command. Returns the paths not written."""
    return [path.removesuffix(".now") for path in ask_in_files([f"{path}.now" for path in paths], why)]


def _cut_from_file(run_id: str) -> str | None:
    why = _read_first(run_id, ".now")
    if why is None:
        return None
    with _lock:
        _stopping.setdefault(run_id, why)
        _cut.setdefault(run_id, why)
    return why


def cut_now() -> str | None:
    """Why the action this thread executes for a run must be cut now (``cut_runs``, or a ``.now`` file from another
    process: ``cut_in_files``); None if it goes on."""
    run_id = _threads.get(threading.get_ident())
    return None if run_id is None else cut_for(run_id)


def cut_check() -> Callable[[], str | None] | None:
    """``cut_now`` bound to the run this thread executes an action for, to be asked from another thread (a watcher
    that ends what this thread waits on where it cannot look itself: Playwright's waits, rel51b); None when this
    thread executes nothing for a run (a direct caller)."""
    run_id = _threads.get(threading.get_ident())
    return None if run_id is None else lambda: cut_for(run_id)


def cut_for(*run_ids: str | None) -> str | None:
    """Why the first of these runs (a run, then its parent) must be cut now (``cut_runs``), whatever it is waiting
    for: the agent looks while its model call is in flight (rel51: a chat's Ctrl-C waited for a slow model's whole
    answer, as it had for a shell command's). None if it goes on."""
    for run_id in run_ids:
        if run_id and ((why := _cut.get(run_id)) is not None or (why := _cut_from_file(run_id)) is not None):
            return why
    return None


def why_stopped(*run_ids: str | None) -> str | None:
    """Why the first of these runs (a run, then its parent: a sub-run's own delegations stop with it) was asked
    to stop; None if none was."""
    for run_id in run_ids:
        if run_id and ((why := _stopping.get(run_id)) is not None or (why := _from_file(run_id)) is not None):
            return why
    return None


def forget(run_id: str) -> str | None:
    """The run has ended as asked: its request is taken back (its why, or None when none was made)."""
    with _lock:
        _doing.pop(run_id, None)
        _cut.pop(run_id, None)
        paths = _files.pop(run_id, None) or []
        why = _stopping.pop(run_id, None)
    for path in paths:
        for name in (path, f"{path}.now"):
            try:
                os.unlink(name)
            except OSError:
                pass
    return why


_watchers: list[Callable[[str, int, str | None], None]] = []  # told each ``doing`` (the terminal's live line)


def doing(run_id: str, step: int, what: str | None) -> None:
    """The run executes ``what`` in ``step`` now (None: nothing any more)."""
    with _lock:
        if what is None:
            _doing.pop(run_id, None)
            if _threads.get(threading.get_ident()) == run_id:
                del _threads[threading.get_ident()]
        else:
            _doing[run_id] = (step, what, time.monotonic())
            _threads[threading.get_ident()] = run_id
        watchers = list(_watchers)
    for watcher in watchers:
        try:
            watcher(run_id, step, what)
        except Exception:  # noqa: BLE001 - a display's failure is not the run's
            pass


def watch_doing(watcher: Callable[[str, int, str | None], None]) -> Callable[[], None]:
    """Call ``watcher(run_id, step, what)`` as each action starts (``what``) and ends (None), in the run's thread;
    returns what takes it off again. ux56: `macrohard run` at a terminal showed nothing while a command ran (a
    `pip install` or a test suite: minutes with no line), only the step once it ended."""
    with _lock:
        _watchers.append(watcher)

    def off() -> None:
        with _lock:
            if watcher in _watchers:
                _watchers.remove(watcher)

    return off


def this_threads_run() -> str | None:
    """The run whose action (or guard's question) this thread executes now (``doing``); None for none. ux54: the web
    app's approval callback, shared by a run and its delegated runs, asks it which of them the question is for."""
    return _threads.get(threading.get_ident())


def now_doing(run_id: str) -> str | None:
    """What the run executes now, for people: "step 2 (bash `sleep 25`, 3 s so far)"; None between actions."""
    got = _doing.get(run_id)
    if got is None:
        return None
    step, what, since = got
    return f"step {step} ({what}, {time.monotonic() - since:.0f} s so far)"


HOLD_AT_MOST = 2  # a third signal inside ``interrupts_held`` goes through at once: a hung section is still left


@contextmanager
def interrupts_held(signums: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)) -> Iterator[None]:
    """Hold the signals that come inside (Ctrl-C, SIGTERM, SIGHUP: whichever has a Python handler, the CLI's
    ``CloseWatch`` or Python's own) and run their handler as it ends: an interrupt cannot land between two lines that
    belong together, such as a run handed to Ray and its handle kept (rel62). Python runs a signal's handler in the
    main thread at whatever line it is on, so a mask would not do: the handlers are swapped for ones that note the
    signal, and put back. Signals that came are delivered as one (as Python does with two before it looks); a third
    one goes through at once (a section that hangs can still be left). Off the main thread (no signal is raised
    there), and for a signal left to the system (SIG_DFL, SIG_IGN), nothing is swapped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    open_ = [True]
    previous: dict[int, Callable[[int, FrameType | None], Any]] = {}

    def hold(signum: int, frame: FrameType | None) -> None:
        if open_[0] and len(held) < HOLD_AT_MOST:
            held.append(signum)
            return
        held.clear()  # those held go with this one
        previous[signum](signum, frame)  # after the section (a signal while the handlers are put back), or a third

    for signum in signums:
        handler = signal.getsignal(signum)
        if callable(handler):
            previous[signum] = handler
            signal.signal(signum, hold)
    try:
        yield
    finally:
        open_[0] = False  # from here a signal goes to its own handler at once, even before that is put back
        try:
            for signum, handler in previous.items():
                if signal.getsignal(signum) is hold:  # a handler set inside the section stays
                    signal.signal(signum, handler)
        finally:
            if held:
                previous[held[0]](held[0], None)
