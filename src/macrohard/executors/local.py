"""Local executor: a thread pool (default) or a process pool on this machine."""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Literal

from macrohard import stopping
from macrohard.errors import ConfigError
from macrohard.executors.spec import RunOutcome, RunSpec, execute


def _leave_interrupts_to_the_driver() -> None:
    """A pool process ignores Ctrl-C and a closed terminal's SIGHUP: a terminal sends them to the whole foreground
    group, pool included, and it is the driver that decides (its first Ctrl-C lets the started runs finish and keeps
    their results, a second stops them after their step through ``stop``). Before (rel49): the pool's processes took
    the first Ctrl-C as their own, the runs said to finish were cut at once, and none of their results was kept."""
    # a handler that does nothing, not SIG_IGN: an ignored signal stays ignored across exec, so every command a run
    # started would have ignored Ctrl-C too; a handler is reset to the default in them
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _nothing)


def _nothing(_sig: int, _frame: object) -> None:
    return None


STOPPED_LOOK_S = 5.0  # how often ``map``, waiting on its runs, looks for a pool process that was stopped


def _state(pid: int) -> str:
    """A process's state letter (R, S, D, T: stopped …), "" when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


class LocalHandle:
    """A submitted run; ``result`` waits for its outcome."""

    def __init__(self, spec: RunSpec, future: cf.Future[RunOutcome], attempt: int = 1) -> None:
        self.spec = spec
        self.run_id = spec.run_id
        self.future = future
        self.attempt = attempt  # 2: run again after its pool broke under it, its first attempt begun
        self.again = False  # handed to a new pool after its first broke (``LocalExecutor._again``): not a third time

    def result(self, timeout: float | None = None) -> RunOutcome:
        try:
            return self.future.result(timeout)
        except cf.TimeoutError:
            raise
        except BrokenProcessPool as exc:  # rel62: said "not executed" of runs that had run, and no way on
            return self._broken(exc)
        except Exception as exc:  # a bug in a run or a dead pool process: recorded, never dropped
            return RunOutcome.lost(self.spec, f"{type(exc).__name__}: {exc}")

    def _broken(self, exc: BrokenProcessPool) -> RunOutcome:
        ids = [self.spec.run_id, *(f"{self.spec.run_id}-a{n}" for n in range(2, self.attempt + 1))]
        said = (f"a process of the pool died while this run was in it (killed, or out of memory: `dmesg | grep -i -e "
                f"oom -e killed`; one process dying ends the whole pool's runs), "
                f"{'and again in a new pool' if self.again else 'and no new pool could be started'} "
                f"({type(exc).__name__}); what it did, if it began, is in the run store: `macrohard runs show "
                f"{ids[-1]}`{' (and ' + ', '.join(ids[:-1]) + ')' if len(ids) > 1 else ''}; `macrohard eval run SUITE "
                "--resume EVAL_ID` runs it again")
        lost = RunOutcome.lost(self.spec, said, attempt=self.attempt)
        lost.detail = said
        return lost


class LocalExecutor:
    """Runs specs with ``workers`` threads (sandboxes are processes, so threads mostly wait) or processes."""

    name = "local"

    def __init__(self, workers: int = 1, *, pool: Literal["thread", "process"] = "thread") -> None:
        if workers < 1:
            raise ConfigError("--workers must be at least 1")
        self.workers = workers
        self.pool_kind = pool
        self._submitted: dict[str, LocalHandle] = {}  # run id -> its handle (a stop asks a process's run by its spec)
        if pool == "thread":
            self._pool: cf.Executor = cf.ThreadPoolExecutor(workers, thread_name_prefix="macrohard-run")
        elif pool == "process":
            self._pool = self._new_process_pool()
        else:
            raise ConfigError(f"unknown local pool {pool!r}; use thread or process")

    def submit(self, spec: RunSpec, attempt: int = 1) -> LocalHandle:
        handle = LocalHandle(spec, self._pool.submit(execute, spec, attempt), attempt)
        self._submitted[spec.run_id] = handle
        return handle

    def _again(self, handle: LocalHandle) -> LocalHandle | None:
        """A run its process pool broke under (one of the pool's processes killed: ``BrokenProcessPool`` ends every
        run in the pool, and every one queued) handed to a new pool: once again where it had begun (attempt 2, its
        first record closed `crashed`, as Ray's retry), whole where it had not. None where it was run again already,
        or no new pool can start. rel62: a `kill -9` of one pool process lost all the evaluation's runs left, each
        said "not executed" (two of them had run) and the person was not told how to go on."""
        if handle.again:
            return None
        from macrohard.errors import NotFound
        from macrohard.executors.spec import _store

        try:
            _store(handle.spec.store_path).get_run(handle.spec.run_id)
            attempt = 2
        except NotFound:
            attempt = 1  # never began: its first attempt is still to come
        for _ in range(2):
            try:
                again = self.submit(handle.spec, attempt)
                again.again = True
                return again
            except BrokenProcessPool:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_process_pool()
        return None

    def _new_process_pool(self) -> cf.Executor:
        # spawn: forking a process that holds threads and sqlite connections is unsafe
        return cf.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=_leave_interrupts_to_the_driver)

    def map(self, specs: Iterable[RunSpec]) -> Iterator[RunOutcome]:
        """Outcomes in completion order, one per spec.

        rel61: the runs are handed to the pool by a thread of their own, and ``drain`` waits for it. Python raises
        an interrupt in the main thread only, at whatever line it is on: before, one that came while the main thread
        was still in ``submit`` (the last run queued and started, the main thread not yet back: a busy machine's
        Ctrl-C just after the runs began) came before ``_outstanding`` named any run, so ``drain`` found none, no
        result was kept, a second interrupt stopped nothing, and the pool's close waited for the runs to their end
        (suite58: `eval run`'s two runs `succeeded` after both Ctrl-Cs)."""
        handles: dict[cf.Future[RunOutcome], LocalHandle] = {}
        self._outstanding = handles
        failed: list[BaseException] = []

        def hand_over() -> None:
            try:
                for spec in specs:
                    handle = self.submit(spec)
                    handles[handle.future] = handle
            except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread below
                failed.append(exc)

        # a daemon where the caller is one (the pool's threads inherit it from the thread that starts them)
        self._handing = threading.Thread(target=hand_over, name="macrohard-submit")
        self._handing.start()
        self._handing.join()
        if failed:
            raise failed[0]
        waiting = set(handles)
        while waiting:
            done, waiting = cf.wait(waiting, timeout=STOPPED_LOOK_S, return_when=cf.FIRST_COMPLETED)
            if not done:
                self._say_stopped()
                continue
            for future in done:
                if isinstance(future.exception(), BrokenProcessPool):
                    with stopping.interrupts_held():  # handed over and named as one step (see RayExecutor.map)
                        again = self._again(handles[future])
                        if again is not None:
                            handles[again.future] = again
                            waiting.add(again.future)
                            del handles[future]
                    if again is not None:
                        continue
                outcome = handles[future].result()
                del handles[future]
                yield outcome

    def _say_stopped(self) -> None:
        """rel63: a process of the pool stopped (SIGSTOP, a terminal's Ctrl-Z sent to it alone, a debugger) holds its
        run, and the evaluation waited on it without a word and without end (its run's own wall budget is counted
        in that stopped process). Said once a process, with how to let it go on; nothing is ended here."""
        said = getattr(self, "_said_stopped", set())
        self._said_stopped = said
        for pid in list(getattr(self._pool, "_processes", None) or {}):
            if pid not in said and _state(pid) == "T":
                said.add(pid)
                logging.getLogger("macrohard").warning(
                    "a process of the run pool (pid %d) is stopped (SIGSTOP, or Ctrl-Z sent to it: `ps -o pid,stat,cmd "
                    "-p %d` shows T), so the run it holds is waiting, its time budget with it: `kill -CONT %d` lets it "
                    "go on; Ctrl-C stops the evaluation (its runs are kept)", pid, pid, pid)

    def drain(self) -> tuple[int, Iterator[RunOutcome]]:
        """After an interrupt of ``map``: the runs not started are cancelled; returns how many had started and their
        outcomes as they end. A thread's run cannot be stopped from outside (``close`` waits for it anyway), so its
        result is kept instead of thrown away (rel45: Ctrl-C waited for them, then recorded none, and `--resume`
        ran each again)."""
        if (handing := getattr(self, "_handing", None)) is not None:
            handing.join()  # every run of ``map`` handed over (it only queues them: at once), then cancel the rest
        left, self._outstanding = getattr(self, "_outstanding", {}), {}
        started = {future: handle for future, handle in left.items() if not future.cancel()}
        self._draining = dict(started)
        return len(started), self._ending()

    def _ending(self) -> Iterator[RunOutcome]:
        """The outcomes of the runs ``drain`` waits for, as they end; each once, however often this is started."""
        left: dict[cf.Future[RunOutcome], LocalHandle] = getattr(self, "_draining", {})
        for future in cf.as_completed(list(left)):
            yield left.pop(future).result()

    def draining_ids(self) -> list[str]:
        """The runs ``drain`` still waits for (rel53: what eval's third interrupt cuts when it came while they were
        being asked to stop, before ``stop_draining`` returned their ids)."""
        return [h.run_id for h in getattr(self, "_draining", {}).values()]

    def stop_draining(self, why: str) -> tuple[list[str], Iterator[RunOutcome]]:
        """After ``drain`` was interrupted (a second interrupt): ask the runs it still waits for to end after their
        current step, recorded ``interrupted`` with ``why``; their ids, and their outcomes as they end."""
        ids = [h.run_id for h in getattr(self, "_draining", {}).values()]
        self.stop(ids, why)
        return ids, self._ending()

    def stop(self, run_ids: list[str], why: str) -> None:
        """Ask these runs, started in this pool's threads or processes, to end after their current step (recorded
        ``interrupted`` with ``why``). Before (rel49): a process pool's runs were not reached and went on to their
        end."""
        from macrohard.executors.spec import stop_in_workers, stop_runs

        stop_runs(run_ids, why)
        if self.pool_kind == "process":
            stop_in_workers([self._submitted[r].spec for r in run_ids if r in self._submitted], why)

    def cut(self, run_ids: list[str], why: str) -> None:
        """Ask these runs to stop now: the action each executes is cut where it waits (a shell command, a model
        call), in this pool's threads or processes (rel51: a process pool's runs ended only after their step)."""
        from macrohard.store.sqlite import default_home

        stopping.cut_runs(run_ids, why)
        if self.pool_kind == "process":
            stopping.cut_in_files([stopping.stop_file(s.store_path or default_home() / "runs.db", s.run_id)
                                   for r in run_ids if r in self._submitted for s in [self._submitted[r].spec]], why)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
