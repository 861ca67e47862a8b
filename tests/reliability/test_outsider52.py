"""The fifty-second wave's outsider pass on stopping (helper rel52): a person's stop reaches every run and every step.

1. There was no `macrohard runs stop RUN`: a run started in another terminal (or by `serve`, or a company's workers)
   could be stopped only by Ctrl-C in its own terminal, or killed (then `crashed`, its step unfinished).
2. A step run in a Ray worker (`eval --executor ray`'s third Ctrl-C) was not cut: Ray's executor had no cut, its
   close then shut Ray down under the runs (left `running`, later `crashed`).
3. Desktop actions other than a launch's wait for a window (typing, keys, clicks) did not look at the cut.

Each test drives the real parts (`python -m macrohard` subprocesses, bubblewrap sandboxes, a real local Ray, Xvfb).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .outsider import cli_env, flat, left_running, until, write_script
from .outsider import mh as _mh
from .outsider import mh_here as _here


def _children(pid: int) -> str:
    """The command lines of ``pid``'s descendants, one string."""
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 2) for line in out.splitlines() if len(line.split(None, 2)) == 3]
    kids, found = {str(pid)}, []
    for _ in range(8):
        for p, pp, args in rows:
            if pp in kids and p not in kids:
                kids.add(p)
                found.append(args)
    return "\n".join(found)


def _wait_for(pid: int, text: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and text not in _children(pid):
        time.sleep(0.1)
    assert text in _children(pid), f"{text!r} never started under {pid}"


def test_runs_stop_from_another_terminal_cuts_a_runs_step_and_keeps_its_steps(tmp_path: Path) -> None:
    """`macrohard run` in one terminal, in step 2's `sleep 30`; `macrohard runs stop ID` in another. Before: no such
    command (exit 2, "No such command 'stop'"): the person could only kill the run (`crashed`). Now the step is cut,
    `runs stop` says so (exit 0, within seconds), the run's own terminal ends with 130 and says who stopped it, the run
    is `interrupted` with both steps kept (the second marked cut), its files recorded, nothing left running."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    model = write_script(tmp_path / "m.json", [
        {"kind": "bash", "command": "echo hi > f.txt"}, {"kind": "bash", "command": "sleep 30; echo slept-to-the-end",
                                                                        "timeout": 60},
        {"kind": "finish", "answer": "ok"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "stop me", "-w", str(ws), "--model", model],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=cli_env(**env),
                            start_new_session=True)
    try:
        _wait_for(proc.pid, "sleep 30")
        [run] = json.loads(_mh("runs", "list", "--json", "--status", "running", **env).stdout)
        # --wait 60: the stop's own 15 s wait ran out at CI's load; the proof it cut is below, not a clock
        stopped = _mh("runs", "stop", run["id"], "--wait", "60", **env)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # only the run we started, by its pid
            proc.wait()
    said = flat(stopped.stdout + stopped.stderr)
    assert stopped.returncode == 0, said  # before: 2, "No such command 'stop'"
    assert f"stopped run {run['id']}: interrupted after 2 steps" in said, said
    assert proc.returncode == 130, out
    assert "stopped by `macrohard runs stop` (from another terminal); the steps so far are kept" in flat(out), out
    [after] = json.loads(_mh("runs", "list", "--json", **env).stdout)
    assert (after["status"], after["steps"]) == ("interrupted", 2), after
    assert "macrohard runs stop" in after["error"], after
    shown = flat(_mh("runs", "show", run["id"], **env).stdout)
    assert "✗ cut" in shown, shown
    # cut where it waited (a wall-time bound `took < 12` stood for it; suite58): the `sleep 30` never reached its echo
    from macrohard.store.sqlite import SQLiteStore

    outputs = [s.observation.output for s in SQLiteStore(str(home / "runs.db")).steps(run["id"]) if s.observation]
    assert not any("slept-to-the-end" in o.splitlines() for o in outputs), outputs
    applied = _mh("runs", "apply", run["id"], **env)
    assert applied.returncode == 0 and (ws / "f.txt").read_text() == "hi\n", applied.stdout + applied.stderr
    assert left_running(home) == [], left_running(home)


def test_runs_stop_of_a_run_not_running_or_unknown_says_so_with_its_exit_code(tmp_path: Path) -> None:
    """A finished run, an unknown id, nothing named, `--all` with nothing running, and a run left `running` by a
    process that was killed: each a clear message and its own exit code (1 nothing to stop, 2 no such run or no
    run named), `--json` for machines."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    model = write_script(tmp_path / "m.json", [{"kind": "bash", "command": "echo hi"}, {"kind": "finish", "answer": "ok"}])
    done = _mh("run", "say hi", "-w", str(ws), "--model", model, "--no-sandbox", **env)
    assert done.returncode == 0, done.stdout + done.stderr
    [run] = json.loads(_mh("runs", "list", "--json", **env).stdout)
    finished = _here("runs", "stop", run["id"], **env)
    assert finished.returncode == 1, finished.stdout + finished.stderr  # before: 2, "No such command 'stop'"
    assert f"run {run['id']} is not running: it ended succeeded" in flat(finished.stderr), finished.stderr
    as_json = json.loads(_here("runs", "stop", run["id"], "--json", **env).stdout)
    assert as_json == [{"run": run["id"], "was": "succeeded", "status": "succeeded", "steps": 2,
                        "result": "not_running", "said": as_json[0]["said"]}], as_json
    unknown = _here("runs", "stop", "nosuchrun", **env)
    assert unknown.returncode == 2 and "no run 'nosuchrun'" in flat(unknown.stderr), unknown.stderr
    nothing = _here("runs", "stop", **env)
    assert nothing.returncode == 2 and "name the run to stop" in flat(nothing.stderr), nothing.stderr
    every = _here("runs", "stop", "--all", **env)
    assert every.returncode == 1 and "no run is running: nothing to stop" in flat(every.stdout), every.stdout

    # a run whose process was killed (SIGKILL) is not running either: the message names `runs recover`
    model = write_script(tmp_path / "k.json", [{"kind": "bash", "command": "sleep 30", "timeout": 60},
                                              {"kind": "finish", "answer": "ok"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "kill me", "-w", str(ws), "--model", model,
                             "--no-sandbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=cli_env(**env), start_new_session=True)
    try:
        _wait_for(proc.pid, "sleep 30")
        [killed] = json.loads(_mh("runs", "list", "--json", "--status", "running", **env).stdout)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run we started and its command, by its process group
        proc.wait()
    gone = _here("runs", "stop", killed["id"], **env)
    said = flat(gone.stderr)
    assert gone.returncode == 1, said
    assert f"(pid {proc.pid}) is gone" in said and f"macrohard runs recover {killed['id']}" in said, said


def test_runs_stop_all_stops_every_running_run_and_says_so_as_json(tmp_path: Path) -> None:
    """Two `macrohard run`s (two terminals) each in a `sleep 30`; `macrohard runs stop --all --json`. Both are cut:
    one row each, `stopped`, `interrupted`, exit 0; both processes end with 130."""
    home = tmp_path / "home"
    env = {"MACROHARD_HOME": str(home)}
    procs = []
    try:
        for n in (1, 2):
            ws = tmp_path / f"ws{n}"
            ws.mkdir()
            model = write_script(tmp_path / f"m{n}.json", [{"kind": "bash", "command": "sleep 30", "timeout": 60},
                                                           {"kind": "finish", "answer": "ok"}])
            procs.append(subprocess.Popen([sys.executable, "-m", "macrohard", "run", f"wait {n}", "-w", str(ws),
                                           "--model", model, "--no-sandbox"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, env=cli_env(**env), start_new_session=True))
        for proc in procs:
            _wait_for(proc.pid, "sleep 30")
        stopped = _mh("runs", "stop", "--all", "--json", **env)
        codes = [proc.wait(timeout=60) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)  # the runs we started and their commands, by process group
                proc.wait()
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr  # before: 2, "No such command 'stop'"
    rows = json.loads(stopped.stdout)
    assert sorted((r["result"], r["status"], r["steps"]) for r in rows) == [("stopped", "interrupted", 1)] * 2, rows
    assert codes == [130, 130], codes
    assert left_running(home) == [], left_running(home)


def test_runs_stop_cuts_a_desktop_step_that_types_a_long_text(tmp_path: Path) -> None:
    """A desktop run (Xvfb in its sandbox) typing 64,000 characters that are not on the keyboard (each a key remapped:
    0.3-2.5 ms, 20-160 s in all; 16,000 were typed to their end in 5.4 s on a quiet machine before the stop came, in
    the fresh clone's run of f99e662d); `macrohard runs stop` 4 s into it. Before: only a launch's wait for a window looked at the
    cut: the typing went on to its end (`runs stop` exit 3, "still running after 15s"). Now the typing looks between
    pieces: the step is cut within a second, the run `interrupted` with the step kept as cut, nothing left running."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    # 3,000 different characters in turn (rt62b gave each character its own spare key: one character repeated is
    # typed at ~7,000 a second now, all 64,000 before the stop; these need a key remapped for each, ~19 s idle)
    text = "".join(chr(0x4E00 + i % 3000) for i in range(64_000))
    model = write_script(tmp_path / "m.json", [{"kind": "desktop_type", "text": text},
                                               {"kind": "finish", "answer": "ok"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "type a long text", "--environment", "desktop",
                             "-w", str(ws), "--model", model], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=cli_env(**env), start_new_session=True)
    try:
        _wait_for(proc.pid, "Xvfb")
        time.sleep(4.0)  # the desktop is up and step 1 types
        [run] = json.loads(_mh("runs", "list", "--json", "--status", "running", **env).stdout)
        # --wait 60 (suite58): the stop's own 15 s wait is a clock; the typing's end (20-160 s) would show as ✓
        stopped = _mh("runs", "stop", run["id"], "--wait", "60", **env)
        out, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # only the run we started, by its pid
            proc.wait()
    said = flat(stopped.stdout + stopped.stderr)
    assert stopped.returncode == 0, said  # before: 3, "still running after 15s"
    assert proc.returncode == 130, out
    shown = flat(_mh("runs", "show", run["id"], **env).stdout)
    # cut inside the typing (a wall-time bound `took < 10` stood for it; suite58): typed to its end, the step is ✓
    assert "interrupted" in shown and "✗ cut" in shown and "desktop_type" in shown, shown
    assert left_running(home) == [], left_running(home)


@pytest.fixture(scope="module")
def ray_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | None]:
    """One local Ray (2 CPUs, loopback) for the module; its workers' MACROHARD_HOME is the module's own (yielded;
    None when another module's Ray is shared)."""
    ray = pytest.importorskip("ray")
    if ray.is_initialized():  # another module's session is still up: share it, leave it to its owner
        yield None
        return
    from macrohard.executors.ray import start_local_ray

    saved = os.environ.get("MACROHARD_HOME")
    home = tmp_path_factory.mktemp("ray-home")
    os.environ["MACROHARD_HOME"] = str(home)
    try:
        start_local_ray(2)
    finally:
        if saved is None:
            os.environ.pop("MACROHARD_HOME", None)
        else:
            os.environ["MACROHARD_HOME"] = saved
    yield home
    ray.shutdown()


def test_evals_cut_reaches_a_step_on_a_ray_worker_and_records_it_interrupted(tmp_path: Path, ray_session: Path | None) -> None:
    """`eval run --executor ray` interrupted a third time, as the harness does it: the executor's `cut` if it has one,
    then its close (the CLI's `finally`). Before: Ray's executor had no cut: its close left the run in its `sleep 30`
    (then, in the CLI, Ray was shut down under it: `running`, later `crashed`). Now the step is cut on the worker: the
    run is `interrupted` within seconds, both steps kept (the second marked cut), its outcome returned."""
    from macrohard.executors.ray import RayExecutor
    from macrohard.executors.spec import RunSpec
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import RunStatus, Task

    store_path = tmp_path / "home" / "runs.db"
    store_path.parent.mkdir()
    spec = RunSpec(key="slow#0", run_id="rel52-ray-cut", task=Task(text="a long step"), model="scripted",
                   script=[{"kind": "bash", "command": "echo hi > f.txt"},
                           {"kind": "bash", "command": "sleep 30", "timeout": 60}, {"kind": "finish", "answer": "ok"}],
                   store_path=str(store_path))
    executor = RayExecutor(workers=1)
    got: list = []
    worker = threading.Thread(target=lambda: got.extend(executor.map([spec])), daemon=True)
    worker.start()
    store = SQLiteStore(store_path)

    def first_step_done() -> bool:
        try:
            return len(store.steps(spec.run_id)) >= 1
        except Exception:  # noqa: BLE001 - not recorded yet
            return False

    assert until(first_step_done, 240), "the run's first step never came"
    time.sleep(1.5)  # step 2's `sleep 30` is under way
    why = "stopped: the evaluation was interrupted a third time"
    t0 = time.monotonic()
    if (cut := getattr(executor, "cut", None)) is not None:  # eval/harness.py's third interrupt
        cut([spec.run_id], why)
    executor.close()
    ended = until(lambda: store.get_run(spec.run_id).status is not RunStatus.running, 12)
    took = time.monotonic() - t0
    run = store.get_run(spec.run_id)
    assert ended, f"the run was still {run.status.value} {took:.1f} s after the cut"  # before: running (sleep 30)
    assert run.status is RunStatus.interrupted and why in (run.error or ""), (run.status, run.error)
    steps = store.steps(spec.run_id)
    assert len(steps) == 2 and steps[1].observation is not None and steps[1].observation.meta.get("cut"), steps
    worker.join(30)
    assert got and got[0].run is not None and got[0].run.status is RunStatus.interrupted, got


def test_a_ray_vector_envs_driver_interrupted_cuts_its_actors_steps(ray_session: Path | None) -> None:
    """The gym's `RayVectorEnv` (one sandboxed shell in a Ray actor) stepping `sleep 30`; the driver is interrupted
    (Ctrl-C: a KeyboardInterrupt in its main thread, here from a timer). Before: the KeyboardInterrupt came at once,
    but the actor's step ran on, and `close()` waited for its whole `sleep 30`. Now the actor's step is cut where it
    waits: the interrupt and the close within seconds, the run `interrupted` with the cut step kept."""
    if ray_session is None:
        pytest.skip("another module's Ray is up: its workers' data dir is not this module's")
    import _thread

    from macrohard.gym.ray_vector import RayVectorEnv
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import RunStatus

    vec = RayVectorEnv("macrohard/Shell-v0", 1, num_cpus=0.5)
    try:
        _, infos = vec.reset(seed=1)
        run_id = str(infos["run_id"][0])
        timer = threading.Timer(3.0, lambda: _thread.interrupt_main())
        timer.start()
        t0 = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            vec.step(['{"kind": "bash", "command": "sleep 30", "timeout": 60}'])
        interrupted = time.monotonic() - t0
    finally:
        t1 = time.monotonic()
        vec.close()
        closed = time.monotonic() - t1
    assert interrupted < 12 and closed < 12, (interrupted, closed)  # before: the close waited for the sleep 30
    store = SQLiteStore(ray_session / "runs.db")
    run = store.get_run(run_id)
    assert run.status is RunStatus.interrupted and "driver was interrupted" in (run.error or ""), (run.status, run.error)
    last = store.steps(run_id)[-1]
    assert last.observation is not None and last.observation.meta.get("cut"), last
