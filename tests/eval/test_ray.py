"""The Ray executor on a local Ray bound to loopback: one shared Ray session for the module.

The key test kills the Ray worker process in the middle of a run and shows that the run is
retried once, marked retried, and that every run of the evaluation is recorded exactly once.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
import yaml

ray = pytest.importorskip("ray")

from macrohard.eval import records  # noqa: E402
from macrohard.eval.harness import evaluate  # noqa: E402
from macrohard.eval.suite import load_suite  # noqa: E402
from macrohard.executors.ray import RayExecutor, start_local_ray  # noqa: E402
from macrohard.store.sqlite import SQLiteStore  # noqa: E402
from macrohard.types import RunStatus  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ray_session():
    if ray.is_initialized():  # another module's session is still up: share it, leave it to its owner
        yield
        return
    start_local_ray(2)
    yield
    ray.shutdown()


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:  # the process ended while we looked
        return ""


def _listening(pid: int) -> set[str]:
    """Local addresses of the TCP sockets process ``pid`` listens on (from /proc, IPv4 and IPv6)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            cols = line.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                found.add(cols[1].split(":")[0])
    return found


def test_local_ray_stays_on_loopback(ray_session) -> None:
    """Every listening socket of the Ray processes we started is on 127.0.0.1 (or ::ffff:127.0.0.1)."""
    assert ray.nodes()[0]["NodeManagerAddress"] == "127.0.0.1"
    assert ray.get_runtime_context().gcs_address.startswith("127.0.0.1:")
    session = Path(ray._private.worker._global_node.get_session_dir_path()).name
    pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and session in _cmdline(p)]
    assert pids, "no Ray processes found"
    addresses = set()
    for pid in pids:
        try:
            addresses |= _listening(pid)
        except OSError:
            continue
    # /proc/net/tcp shows addresses as little-endian hex: 0100007F is 127.0.0.1; 00000000 would be "any"
    loopback = {"0100007F", "0000000000000000FFFF00000100007F"}
    assert addresses and addresses <= loopback, addresses


def test_ray_runs_the_quick_suite(ray_session, quick_suite_path: Path, store) -> None:
    suite = load_suite(quick_suite_path)
    ex = RayExecutor(2)
    try:
        assert not ex.started_ray  # joined the module's session
        info, outcomes = evaluate(suite, "scripted", ex, store=store, repeat=2, workers=2)
    finally:
        ex.close()
    assert ray.is_initialized()
    assert sorted(o.key for o in outcomes) == ["escape#0", "escape#1", "ok#0", "ok#1", "wrong#0", "wrong#1"]
    assert [o.passed for o in sorted(outcomes, key=lambda o: o.key)] == [True, True, True, True, False, False]
    workers = {o.worker for o in outcomes}
    assert all(str(os.getpid()) not in w for w in workers), "runs must execute in Ray workers"
    assert len(records.results(store, info.id)) == 6


def test_killed_worker_run_is_retried_once_and_counted_once(ray_session, tmp_path: Path, store) -> None:
    suite_path = tmp_path / "kill.yaml"
    tasks = [{"id": f"quick-{i}", "text": f"write q{i}", "tags": ["q"],
              "script": [{"kind": "write_file", "path": f"q{i}.txt", "content": "q"}],
              "check": {"type": "file", "path": f"q{i}.txt", "exists": True}} for i in range(5)]
    tasks.insert(1, {"id": "slow", "text": "wait then write done.txt", "tags": ["slow"],
                     "script": [{"kind": "bash", "command": "sleep 3"},
                                {"kind": "write_file", "path": "done.txt", "content": "done"}],
                     "check": {"type": "file", "path": "done.txt", "equals": "done"}})
    suite_path.write_text(yaml.safe_dump({"name": "kill", "tasks": tasks}))
    suite = load_suite(suite_path)
    result: dict[str, object] = {}
    ex = RayExecutor(2)

    def drive() -> None:
        result["value"] = evaluate(suite, "scripted", ex, store=store, workers=2)

    driver = threading.Thread(target=drive)
    driver.start()
    watcher = SQLiteStore(store.path)
    killed_pid = None
    deadline = time.monotonic() + 120
    while killed_pid is None and time.monotonic() < deadline:
        for run in watcher.list_runs(limit=50, status="running"):
            if run.meta.get("eval_key") == "slow#0":  # started: setting up, or inside its `sleep 3`
                killed_pid = int(run.meta["worker_pid"])
                assert killed_pid != os.getpid()  # a Ray worker, never this test process
                os.kill(killed_pid, signal.SIGKILL)
                break
        time.sleep(0.05)
    driver.join(timeout=180)
    ex.close()
    assert killed_pid is not None, "the slow run never started"
    info, outcomes = result["value"]  # type: ignore[misc]

    keys = [o.key for o in outcomes]
    assert sorted(keys) == sorted(f"{t.id}#0" for t in suite.tasks)  # every run, exactly once
    stored = records.results(store, info.id)
    assert sorted(o.key for o in stored) == sorted(keys)
    slow = next(o for o in outcomes if o.key == "slow#0")
    assert slow.retried and slow.attempt == 2 and slow.passed, slow
    assert str(killed_pid) not in slow.worker
    assert all(not o.retried and o.passed for o in outcomes if o.key != "slow#0")
    # the dead attempt's record is closed and points at its retry; no other run is duplicated
    runs = [r for r in watcher.list_runs(limit=100) if r.meta.get("eval_id") == info.id]
    first = next(r for r in runs if r.meta["eval_key"] == "slow#0" and r.meta["attempt"] == 1)
    assert first.status is RunStatus.crashed and first.meta["superseded_by"] == slow.run.id  # type: ignore[union-attr]
    assert len(runs) == len(suite.tasks) + 1
    assert sum(r.status is RunStatus.succeeded for r in runs) == len(suite.tasks)


@pytest.mark.model
def test_embedded_model_on_ray(ray_session, store) -> None:
    """A task of the built-in tiny suite with the embedded llama.cpp model, each run in a Ray worker."""
    pytest.importorskip("llama_cpp")
    suite = load_suite("tiny")
    ex = RayExecutor(1)
    try:
        info, outcomes = evaluate(suite, "local", ex, store=store, workers=1, tags=["archive"], max_steps=3)
    finally:
        ex.close()
    assert [o.key for o in outcomes] == ["tar-archive#0"]
    for o in outcomes:
        assert o.run is not None and o.run.model.startswith("local") and o.run.usage.total > 0, o
        assert o.run.status in (RunStatus.succeeded, RunStatus.out_of_budget, RunStatus.failed, RunStatus.denied)
    assert len(records.results(store, info.id)) == 1 and outcomes[0].run.steps <= 3  # type: ignore[union-attr]


def test_builtin_coding_suite_on_ray(ray_session, store) -> None:
    """The coding suite (git repositories, failing tests, checks that run them) with each run in a Ray worker."""
    suite = load_suite("coding")
    ex = RayExecutor(2)
    try:
        _, outcomes = evaluate(suite, "scripted", ex, store=store, workers=2)
    finally:
        ex.close()
    assert len(outcomes) == len(suite.tasks)
    assert all(o.passed for o in outcomes), [(o.key, o.detail) for o in outcomes if not o.passed]


# -- rel62: a Ctrl-C that lands while a run is handed to Ray, or while Ray hands its outcome back ------------------

def _two_sleepers(tmp_path: Path):  # noqa: ANN202
    suite = tmp_path / "two.yaml"
    suite.write_text("name: two\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: wait a little\n    script:\n      - {{kind: bash, command: 'sleep 1; echo step'}}\n"
        "      - {kind: finish, answer: done}\n" for n in (1, 2)))
    return load_suite(str(suite))


def _evaluate_under_the_clis_handler(executor: RayExecutor, suite, store) -> tuple[list[int], str]:  # noqa: ANN001
    """``evaluate`` as `macrohard eval run` calls it, under the CLI's own signal handlers (``cli.closing.watched``);
    what ``on_drain`` was told (-1 first: started), and the evaluation's id. The interrupt must come out of it."""
    from macrohard.cli.closing import Interrupted, watched

    said: list[int] = []
    ids: list[str] = []
    with watched(), pytest.raises(Interrupted):
        evaluate(suite, "scripted", executor, store=store, workers=2,
                 on_start=lambda info, _n: said.append(-1) or ids.append(info.id), on_drain=said.append)
    return said, ids[0]


def test_a_ctrl_c_that_lands_while_a_run_is_handed_to_ray_still_drains_it(ray_session, tmp_path: Path, store) -> None:
    """A real SIGINT, taken by the CLI's handler, while ``RayExecutor.map`` hands its second run to Ray (the task
    with Ray, the main thread still in ``submit``). Before (b7fd0bfd): the interrupt was raised there, before the run's
    handle was kept, so ``drain`` knew one run of two: "1 started", the second run's result never kept (it went on in
    Ray, `--resume` ran it again; in Ray of its own, shut down under it: `running`, later `crashed`). Now handing a
    run over and keeping its handle is one step the interrupt waits for: both are drained and recorded."""

    class _CtrlCInTheSecondSubmit(RayExecutor):
        handed = 0

        def submit(self, spec):  # noqa: ANN001, ANN202
            handle = super().submit(spec)  # the task is with Ray: it runs whatever happens here
            self.handed += 1
            if self.handed == 2:
                signal.raise_signal(signal.SIGINT)  # to this thread: its handler runs before the next line
            return handle

    ex = _CtrlCInTheSecondSubmit(2)
    try:
        said, eval_id = _evaluate_under_the_clis_handler(ex, _two_sleepers(tmp_path), store)
    finally:
        ex.close()
    assert said == [-1, 2], said  # before: [-1, 1] (drain knew only the first run)
    kept = records.results(store, eval_id)
    assert sorted(o.key for o in kept) == ["t1#0", "t2#0"], kept  # before: ['t1#0'] (t2 ran on, unrecorded)
    assert all(o.passed for o in kept), [(o.key, o.detail) for o in kept]


def test_a_ctrl_c_that_lands_while_ray_hands_an_outcome_back_keeps_it(ray_session, tmp_path: Path, store) -> None:
    """A real SIGINT while ``map`` takes a finished run's outcome from Ray (``ray.get``: a large outcome is read a
    while). Before: the run's handle was dropped first (``inflight.pop(ref).result()``), so ``drain`` no longer knew
    it and its outcome was lost. Now the outcome is taken before the handle is dropped: ``drain`` takes it again."""
    from macrohard.executors.ray import RayHandle

    class _CtrlCInTheFirstResult(RayHandle):
        interrupted = [False]

        def result(self, timeout: float | None = None):  # noqa: ANN202
            outcome = super().result(timeout)
            if not self.interrupted[0]:
                self.interrupted[0] = True
                signal.raise_signal(signal.SIGINT)
            return outcome

    class _Ex(RayExecutor):
        def submit(self, spec):  # noqa: ANN001, ANN202
            handle = super().submit(spec)
            return _CtrlCInTheFirstResult(spec, handle.ref, handle.tries)

    ex = _Ex(2)
    try:
        said, eval_id = _evaluate_under_the_clis_handler(ex, _two_sleepers(tmp_path), store)
    finally:
        ex.close()
    assert said[:1] == [-1] and said[1] in (1, 2), said  # the other run may have ended too
    kept = records.results(store, eval_id)
    assert sorted(o.key for o in kept) == ["t1#0", "t2#0"], kept  # before: one of them (the interrupted one lost)
