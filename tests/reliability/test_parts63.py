"""The sixty-third wave's parts stopped or killed mid-run (helper rel63), each as a user meets it before its fix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .outsider import Output, cli_env, descends, flat, left_running, processes, until_running


def _pool_process(driver: int, command: str) -> int:
    """The process of ``driver``'s run pool whose run executes ``command`` (the Python between them)."""
    parents, commands = processes()
    [step] = [pid for pid, line in commands.items() if line.strip() == command and descends(pid, driver, parents)]
    pid = step
    while parents.get(pid) not in (driver, None, 0, 1):
        pid = parents[pid]
    assert parents.get(pid) == driver and "python" in commands.get(pid, ""), (pid, commands.get(pid))
    return pid


def test_an_evals_pool_process_stopped_is_said_with_how_to_let_it_go_on(tmp_path: Path) -> None:
    """`eval run --pool process`: the pool's process that holds the run is stopped (SIGSTOP: a Ctrl-Z sent to it, a
    debugger) while its step runs. Before: the evaluation waited on it without a word and without end (the run's own
    20 s wall budget is counted in the stopped process). Now it says which process is stopped and that
    `kill -CONT PID` lets it go on; once continued, the run ends as it would have, nothing lost."""
    from macrohard.store.sqlite import SQLiteStore

    home = tmp_path / "home"
    suite = tmp_path / "s.yaml"
    suite.write_text("name: stopped\ntasks:\n  - id: t1\n    text: wait\n    budget: {max_seconds: 600}\n    script:\n"
                     "      - {kind: bash, command: 'sleep 8; echo slept'}\n      - {kind: finish, answer: done}\n")
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", str(suite), "--model", "scripted",
                             "--workers", "1", "--pool", "process"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=cli_env(MACROHARD_HOME=str(home)))
    output = Output(proc)
    pool = None
    try:
        until_running(proc.pid, "sleep 8", within=120)
        pool = _pool_process(proc.pid, "sleep 8")
        os.kill(pool, signal.SIGSTOP)  # the pool's process: this test's own eval's, by pid
        output.until(f"a process of the run pool (pid {pool}) is stopped", 60)  # before: never said
        assert f"`kill -CONT {pool}` lets it go on" in flat(output.text), flat(output.text)[-2000:]
        os.kill(pool, signal.SIGCONT)
        proc.wait(timeout=120)  # the hang bound
    finally:
        if proc.poll() is None:  # failed: the pool's process (it holds the output pipe too) and the eval, by pid
            for pid in filter(None, (pool, proc.pid)):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            proc.wait()
        output.close()
    said = flat(output.text)
    assert proc.returncode == 0 and "Traceback" not in said, (proc.returncode, said[-2000:])
    [run] = SQLiteStore(str(home / "runs.db")).list_runs(limit=5)
    assert (run.status.value, run.steps) == ("succeeded", 2), (run.status, run.steps, run.error)
    assert left_running(home) == [], left_running(home)
