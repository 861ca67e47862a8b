"""Ray executor: each run is a Ray task with declared resources and one retry.

Without an address it starts a local Ray bound to loopback (see ``start_local_ray``: by default Ray
listens on every interface) with the dashboard off; with ``address`` it joins a cluster. A
worker that dies mid-run makes Ray re-execute the task once (``max_retries=1``). Ray does not
tell a task which attempt it is, so a tiny actor counts attempts per run key: the retry knows it
is one, takes a fresh run id, closes its predecessor's record and is marked ``retried``. The
driver records exactly one outcome per spec, whatever happened to the workers.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

from macrohard import stopping
from macrohard.errors import MissingDependency
from macrohard.executors.spec import RunOutcome, RunSpec, execute

try:
    import ray
except ImportError as exc:  # pragma: no cover - depends on the install
    raise MissingDependency("the Ray executor needs ray: pip install 'macrohard[ray]'") from exc


_LOOPBACK_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def start_local_ray(num_cpus: int) -> None:
    """Start a one-machine Ray whose servers listen on 127.0.0.1 only, with the dashboard off.

    ``_node_ip_address="127.0.0.1"`` alone is not enough (measured with ray 2.60): Ray swaps a
    loopback address for the machine's routable one (``services.resolve_ip_for_localhost``) and
    its GCS, raylet and workers listen on all interfaces. Ray keeps to loopback only in its
    single-machine mode, chosen by ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``: the processes
    ``ray.init`` starts read it from the environment, this process from ``ray_constants``.
    Both are restored afterwards so a later ``--address`` join behaves normally.
    """
    from ray._private import ray_constants

    saved_env, saved_flag = os.environ.get(_LOOPBACK_ENV), ray_constants.ENABLE_RAY_CLUSTER
    os.environ[_LOOPBACK_ENV] = "0"
    ray_constants.ENABLE_RAY_CLUSTER = False
    try:
        # address="local": always a new one-machine Ray, never one found through /tmp/ray or $RAY_ADDRESS
        ray.init(address="local", num_cpus=num_cpus, _node_ip_address="127.0.0.1", include_dashboard=False,
                 log_to_driver=False, logging_level="WARNING", **_short_temp_dir())
    finally:
        ray_constants.ENABLE_RAY_CLUSTER = saved_flag
        if saved_env is None:
            os.environ.pop(_LOOPBACK_ENV, None)
        else:
            os.environ[_LOOPBACK_ENV] = saved_env


def _short_temp_dir() -> dict[str, str]:
    """Ray's folder where its default (``$RAY_TMPDIR`` or ``$TMPDIR``, then ``ray``) is too deep for its sockets
    (``…/ray/session_…/sockets/plasma_store``: Ray refuses a unix socket path past 107 bytes): under the short folder
    the run's own sockets use (``envs.sockdirs``). Ray's default where it fits, or where the person set RAY_TMPDIR."""
    from ray._common.utils import get_default_ray_temp_dir

    from macrohard.envs import sockdirs

    default = get_default_ray_temp_dir()
    if os.environ.get("RAY_TMPDIR") or sockdirs.fits(default + "/session_2026-12-07_01-23-45_123456_1234567/sockets/"
                                                               "plasma_store"):
        return {}
    return {"_temp_dir": os.path.join(sockdirs.base(), "ray")}


@ray.remote(num_cpus=0)
class _Attempts:
    """Counts how many times each run key has started (survives the death of task workers)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.stops: dict[str, str] = {}  # run id (its spec's) -> why its driver asked it to stop
        self.cuts: dict[str, str] = {}  # run id (its spec's) -> why its driver asked it to stop now (``cut``)

    def begin(self, key: str) -> int:
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]

    def ask_stop(self, run_ids: list[str], why: str) -> None:
        for run_id in run_ids:
            self.stops.setdefault(run_id, why)

    def ask_cut(self, run_ids: list[str], why: str) -> None:
        for run_id in run_ids:
            self.stops.setdefault(run_id, why)
            self.cuts.setdefault(run_id, why)

    def stop_asked(self, run_id: str) -> str | None:
        return self.stops.get(run_id)

    def asked(self, run_id: str) -> tuple[str | None, str | None]:
        """Why the run was asked to stop after its step, and why to stop now (each None when it was not)."""
        return self.stops.get(run_id), self.cuts.get(run_id)


STOP_POLL_S = 0.5  # how often a run on a Ray worker asks the driver's actor whether it was stopped
CUT_WAIT_S = 15.0  # how long ``close`` waits for the runs it cut to record their end (then Ray is shut down anyway)


def _run_remote(spec: RunSpec, attempts: Any) -> RunOutcome:
    attempt = ray.get(attempts.begin.remote(spec.key))
    run_id = spec.run_id if attempt == 1 else f"{spec.run_id}-a{attempt}"
    ended = threading.Event()

    def listen() -> None:
        """A stop asked through Ray (rel50): the stop file beside the store (``spec.stop_in_workers``) is on the
        driver's disk, which a worker on another node does not share; Ray's actor is reached from every node. A stop
        now (``RayExecutor.cut``, rel52) cuts the step in flight where it waits (``stopping.cut_runs``); a stop after
        the step is listened past, for the cut that may follow it (eval's third Ctrl-C after its second)."""
        stopped = False
        while not ended.wait(STOP_POLL_S):
            try:
                why, cut = ray.get(attempts.asked.remote(spec.run_id), timeout=30)
            except Exception:  # noqa: BLE001 - the driver or its actor gone: the run ends as it would have
                return
            if cut is not None:
                stopping.cut_runs([run_id], cut)
                return
            if why is not None and not stopped:
                stopping.stop_runs([run_id], why)
                stopped = True

    threading.Thread(target=listen, name=f"macrohard-stop-{run_id}", daemon=True).start()
    try:
        return execute(spec, attempt)
    finally:
        ended.set()


def _raylet_errors_to_stderr() -> None:
    """Ray's driver prints the raylet's error messages ("(raylet) A worker died or was killed …") on stdout: the
    report of `macrohard eval run … --executor ray --json` was no longer JSON once a worker died (rel45). They go to
    stderr, beside Ray's other warnings. (A private hook of Ray's: left as it is where a Ray lacks it.)"""
    try:
        from ray._private import worker as ray_worker
    except ImportError:
        return
    original = getattr(ray_worker, "print_to_stdstream", None)
    if original is None or getattr(original, "macrohard_stderr", False):
        return

    def to_stderr(data: dict[str, Any], ignore_prefix: bool) -> Any:
        if data.get("pid") == "raylet" and not data.get("is_err"):
            data = {**data, "is_err": True}
        return original(data, ignore_prefix)

    to_stderr.macrohard_stderr = True  # type: ignore[attr-defined]
    ray_worker.print_to_stdstream = to_stderr


class RayHandle:
    def __init__(self, spec: RunSpec, ref: Any, tries: int = 2) -> None:
        self.spec = spec
        self.run_id = spec.run_id
        self.ref = ref
        self.tries = tries  # the first attempt and Ray's retries of it

    def result(self, timeout: float | None = None) -> RunOutcome:
        try:
            return ray.get(self.ref, timeout=timeout)
        except ray.exceptions.GetTimeoutError:
            raise
        except ray.exceptions.RayTaskError as exc:  # our code raised in the worker: not retried, recorded
            return RunOutcome.lost(self.spec, _trim(f"{type(exc).__name__}: {exc}"))
        except ray.exceptions.RayError as exc:  # the worker died again on its retry: recorded, never dropped
            # rel45: this said "not executed: WorkerCrashedError: …" of a run that had run twice, its records unnamed
            tries = self.tries
            ids = [self.spec.run_id, *(f"{self.spec.run_id}-a{n}" for n in range(2, tries + 1))]
            said = (f"its worker process died during the run on {'each of its ' + str(tries) if tries > 1 else 'its'} "
                    f"attempt{'s' * (tries > 1)} ({type(exc).__name__}: killed, or out of memory: `dmesg | grep -i -e "
                    f"oom -e killed`); what each attempt did is in the run store: `macrohard runs show {ids[-1]}`"
                    + (f" (and {', '.join(ids[:-1])})" if tries > 1 else ""))
            lost = RunOutcome.lost(self.spec, said, attempt=tries)
            lost.detail = said
            return lost


def _trim(text: str, keep: int = 1500) -> str:
    """Ray errors carry the whole remote traceback; keep its start and the exception at its end."""
    return text if len(text) <= 2 * keep else f"{text[:keep]}\n...\n{text[-keep:]}"


class RayExecutor:
    """Submits each spec as a Ray task needing ``cpus_per_run`` CPUs (and ``memory_mb`` when given)."""

    name = "ray"

    def __init__(self, workers: int | None = None, *, address: str | None = None, cpus_per_run: float = 1.0,
                 memory_mb: int | None = None, max_retries: int = 1) -> None:
        self.workers = workers
        self.started_ray = False
        self.init_seconds = 0.0
        if not ray.is_initialized():
            t0 = time.perf_counter()
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
            else:
                start_local_ray(workers or os.cpu_count() or 1)
            self.started_ray = True
            self.init_seconds = time.perf_counter() - t0
        self.max_retries = max_retries
        _raylet_errors_to_stderr()
        options: dict[str, Any] = {"num_cpus": cpus_per_run, "max_retries": max_retries, "retry_exceptions": False}
        if memory_mb:
            options["memory"] = memory_mb * 1024 * 1024
        self._remote = ray.remote(**options)(_run_remote)
        self._attempts = _Attempts.remote()  # type: ignore[attr-defined]

    def submit(self, spec: RunSpec) -> RayHandle:
        return RayHandle(spec, self._remote.remote(spec, self._attempts), tries=self.max_retries + 1)

    def map(self, specs: Iterable[RunSpec]) -> Iterator[RunOutcome]:
        """Outcomes in completion order; at most ``workers`` runs in flight when ``workers`` is set.

        rel62: a run handed to Ray and its handle kept in ``inflight`` (what ``drain`` and a stop know of) are one
        step an interrupt cannot split (``stopping.interrupts_held``). Before, a Ctrl-C that came while the main
        thread was in ``submit`` (the task already with Ray) or just after it was raised there: ``drain`` did not know
        the run, its result was never kept, a second or third Ctrl-C did not reach it, and ``close`` left it running
        (in a Ray of its own, shut down under it: `running` in the store, later `crashed`). And an outcome is taken
        from Ray before its handle is dropped: one interrupted while Ray hands it over is drained, not lost."""
        pending = list(specs)[::-1]
        limit = self.workers or len(pending) or 1
        inflight: dict[Any, RayHandle] = {}
        self._inflight = inflight
        while pending or inflight:
            while pending and len(inflight) < limit:
                with stopping.interrupts_held():
                    handle = self.submit(pending[-1])
                    inflight[handle.ref] = handle
                    pending.pop()
            done, _ = ray.wait(list(inflight), num_returns=1)
            for ref in done:
                outcome = inflight[ref].result()
                del inflight[ref]
                yield outcome

    def drain(self) -> tuple[int, Iterator[RunOutcome]]:
        """After an interrupt of ``map``: nothing more is submitted; returns how many runs are in flight and their
        outcomes as they end (before, rel45: ``close`` killed them, and `--resume` ran each again from the start)."""
        # named as draining before ``_inflight`` lets it go: a second interrupt between the two still stops them
        self._draining = inflight = getattr(self, "_inflight", {})
        self._inflight = {}

        def ending() -> Iterator[RunOutcome]:
            while inflight:
                done, _ = ray.wait(list(inflight), num_returns=1)
                for ref in done:
                    outcome = inflight[ref].result()  # taken before it is dropped (see ``map``)
                    del inflight[ref]
                    yield outcome

        return len(inflight), ending()

    def stop(self, run_ids: list[str], why: str) -> None:
        """Ask these runs, on Ray's workers, to end after their current step (recorded ``interrupted`` with ``why``)
        through a file beside the store (``spec.stop_in_workers``). Before (rel49): Ray's runs could not be stopped:
        a stopped company said nothing of them and its close killed them, each left `running`."""
        from macrohard.executors.spec import stop_in_workers

        known = {h.spec.run_id: h.spec for h in [*getattr(self, "_inflight", {}).values(),
                                                 *getattr(self, "_draining", {}).values()]}
        asked = [r for r in run_ids if r in known]
        # through Ray too (rel50: on a cluster whose nodes do not share the driver's disk, the file alone reached
        # none of them); each run's worker asks the actor twice a second (``_run_remote``)
        try:
            ray.get(self._attempts.ask_stop.remote(asked, why), timeout=30)
            reached = True
        except ray.exceptions.RayError:
            reached = False  # the actor is gone (Ray shut down under us): the file below is what is left
        stop_in_workers([known[r] for r in asked], why, reached_otherwise=reached)

    def draining_ids(self) -> list[str]:
        """The runs ``drain`` still waits for (rel53: what eval's third interrupt cuts when it came while they were
        being asked to stop, before ``stop_draining`` returned their ids)."""
        return [h.run_id for h in getattr(self, "_draining", {}).values()]

    def stop_draining(self, why: str) -> tuple[list[str], Iterator[RunOutcome]]:
        """After ``drain`` was interrupted (a second interrupt): ask the runs it still waits for to end after their
        current step; their ids, and their outcomes as they end."""
        left: dict[Any, RayHandle] = getattr(self, "_draining", {})
        ids = [h.run_id for h in left.values()]
        self.stop(ids, why)

        def ending() -> Iterator[RunOutcome]:
            while left:
                done, _ = ray.wait(list(left), num_returns=1)
                for ref in done:
                    outcome = left[ref].result()
                    del left[ref]
                    yield outcome

        return ids, ending()

    def cut(self, run_ids: list[str], why: str) -> None:
        """Ask these runs, on Ray's workers, to stop now: the step each executes is cut where it waits (a command, a
        model call, a page, a desktop program), the run recorded ``interrupted`` with its steps kept, its sandbox
        closed (rel52: before, Ray's runs had no cut; eval's third Ctrl-C then shut Ray down under them, left
        `running`, later `crashed`). Through Ray's actor (every node) and a ``.now`` file beside the store (a worker
        on this machine sees it within a quarter second); ``close`` waits up to ``CUT_WAIT_S`` for them to end."""
        from macrohard.store.sqlite import default_home

        known = {h.spec.run_id: h for h in [*getattr(self, "_inflight", {}).values(),
                                            *getattr(self, "_draining", {}).values()]}
        asked = [r for r in run_ids if r in known]
        try:
            ray.get(self._attempts.ask_cut.remote(asked, why), timeout=30)
        except ray.exceptions.RayError:
            pass  # the actor is gone (Ray shut down under us): the files below are what is left
        stopping.cut_in_files([stopping.stop_file(known[r].spec.store_path or default_home() / "runs.db", r)
                               for r in asked], why)
        self._cut_refs = [*getattr(self, "_cut_refs", []), *(known[r].ref for r in asked)]

    def close(self) -> None:
        if refs := getattr(self, "_cut_refs", []):  # the runs just cut record their end before Ray goes
            try:
                ray.wait(refs, num_returns=len(refs), timeout=CUT_WAIT_S)
            except ray.exceptions.RayError:
                pass
        ray.kill(self._attempts)
        if self.started_ray:
            ray.shutdown()

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
