"""A fork bomb in the sandbox, many times, under CPU load: does the sandbox always come back, and how fast is it empty?

    python benchmarks/fork_bomb.py [--runs 20] [--hogs 2] [--sleep 30] [--mechanism auto|cgroup.kill|cgroup.freeze|freezer.state|'signal loop']

Each run is the scenario of ``tests/sandbox/test_escape.py::test_fork_bomb_is_stopped_by_the_pids_limit``
(a sandbox with ``pids: 64``; a bounded fork loop that must meet EAGAIN; ``bomb() { bomb | bomb & }`` killed by
its 3 s timeout; then the restarted shell must answer) plus one harder case: a second bomb left running and the
sandbox's cgroups emptied from outside while it forks (``CgroupSet.kill_all`` with bubblewrap still alive).
A run fails when any check of the test fails or the cgroups are not empty after ``kill_all``.
``--hogs N`` runs N busy loops (``nice -n 0``) for the whole benchmark, to load the machine as a busy CI does.
Prints failures, which mechanism emptied the cgroups, and the time to empty them (median/max), with the load average.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from macrohard.envs.limits import Limits  # noqa: E402
from macrohard.envs.sandbox import SandboxConfig, SandboxEnvironment  # noqa: E402
from macrohard.safety.context import GuardContext  # noqa: E402
from macrohard.safety.guard import Guard  # noqa: E402
from macrohard.types import BashAction, Observation  # noqa: E402

FOOLED = Guard(checks=[])
FORKER = ("import os, time\nok = 0\nfor i in range(200):\n    try:\n        pid = os.fork()\n"
          "    except OSError as exc:\n        print('refused', exc.errno)\n        break\n"
          "    if pid == 0:\n        time.sleep(60)\n        os._exit(0)\n    ok += 1\nprint('forked', ok)")


def run_obs(env: SandboxEnvironment, command: str, timeout: float = 30) -> Observation:
    action = BashAction(command=command, timeout=timeout)
    return env.execute(FOOLED.authorize(action, GuardContext(workspace=env.workspace), env=env).approved)


def run(env: SandboxEnvironment, command: str, timeout: float = 30) -> str:
    return run_obs(env, command, timeout).output


def one_run(root: Path, times: list[float], mechanisms: list[str], sleep: int, timeouts: list[bool],
            releases: list[float]) -> list[str]:
    """The test's scenario, then a bomb emptied from outside; the list of what failed."""
    problems: list[str] = []
    (root / "ws").mkdir()
    env = SandboxEnvironment(str(root / "ws"), state_dir=str(root / "state"),
                             config=SandboxConfig(limits=Limits(pids=64)))
    try:
        env.start()
        assert env.cgroups is not None
        cgroups, original = env.cgroups, env.cgroups.kill_all

        def timed_kill():  # noqa: ANN202 - every kill_all of this sandbox that had something to kill, timed
            busy = bool(cgroups.pids())
            start = time.perf_counter()
            result = original()
            if busy:
                times.append(time.perf_counter() - start)
                mechanisms.append(getattr(result, "mechanism", "signal loop (50 passes)"))
            if os.environ.get("FORK_BOMB_VERBOSE"):
                print(f"  kill_all: {result}", flush=True)
            return result

        cgroups.kill_all = timed_kill  # type: ignore[method-assign]
        if hasattr(cgroups, "wait_released"):  # after the fix: the wait before a restart, timed apart
            wait = cgroups.wait_released

            def timed_wait():  # noqa: ANN202 - restarts only (the first start has nothing to wait for)
                restart, start = bool(cgroups.seen), time.perf_counter()
                left = wait()
                if restart:
                    releases.append(time.perf_counter() - start)
                if left:
                    problems.append(f"{left} dead processes still charged before a restart")
                return left

            cgroups.wait_released = timed_wait  # type: ignore[method-assign]
        out = run(env, f"python3 -c {shlex.quote(FORKER)}; kill -9 -1; wait")
        if "refused 11" not in out:
            problems.append(f"no EAGAIN: {out[-200:]!r}")
        obs = run_obs(env, f"bomb() {{ bomb | bomb & }}; bomb; sleep {sleep}", timeout=3)
        timeouts.append(bool(obs.meta.get("timed_out")))
        if len(cgroups.pids()) > 64:
            problems.append(f"{len(cgroups.pids())} processes > 64")
        if timeouts[-1] and len(cgroups.pids()) > 3:  # the restarted shell: bubblewrap, its init, bash
            problems.append(f"{len(cgroups.pids())} processes after the restart (> 3)")
        run(env, "true")
        out = run(env, "echo alive; /bin/echo forked")  # the second needs a fork: EAGAIN if old pids are charged
        if out.split() != ["alive", "forked"]:
            problems.append(f"shell not back (timed out: {timeouts[-1]}): {out[-300:]!r}")
        # the harder case: a bomb still forking while its cgroups are emptied from outside
        proc = env.session.proc  # type: ignore[union-attr]
        proc.stdin.write(b"bomb() { bomb | bomb & }; bomb\n")
        threading.Thread(target=proc.wait, daemon=True).start()  # bubblewrap's parent reaps it, as the shell would
        deadline = time.monotonic() + 10
        while len(cgroups.pids()) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        cgroups.kill_all()
        if cgroups.pids():
            problems.append(f"{len(cgroups.pids())} processes alive after kill_all with the bomb running")
    except Exception:  # noqa: BLE001 - a benchmark counts every failure
        problems.append(traceback.format_exc(limit=2)[-400:])
    finally:
        try:
            env.close()
        except Exception:  # noqa: BLE001
            problems.append("close: " + traceback.format_exc(limit=1)[-300:])
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--hogs", type=int, default=0, help="busy loops at nice 0 for the whole benchmark")
    parser.add_argument("--sleep", type=int, default=30, help="the bomb command's sleep: 30 always passes its 3 s "
                        "timeout (the kill path runs every time); 2 is the test's old command, timed out only when "
                        "the bomb delays the shell's own fork of sleep")
    parser.add_argument("--mechanism", default="auto", choices=["auto", "cgroup.kill", "cgroup.freeze", "freezer.state", "signal loop"],
                        help="force one way of emptying the cgroups (where supported)")
    args = parser.parse_args()
    if args.mechanism != "auto":
        os.environ["MACROHARD_CGROUP_KILL"] = args.mechanism
    hogs = [subprocess.Popen(["nice", "-n", "0", "sh", "-c", "while :; do :; done"]) for _ in range(args.hogs)]
    failures = 0
    times: list[float] = []
    mechanisms: list[str] = []
    loads = []
    timeouts: list[bool] = []
    releases: list[float] = []
    try:
        for i in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="macrohard-forkbomb-") as tmp:
                problems = one_run(Path(tmp), times, mechanisms, args.sleep, timeouts, releases)
            loads.append(os.getloadavg()[0])
            if problems:
                failures += 1
                print(f"run {i + 1}: FAILED: " + " | ".join(problems), flush=True)
    finally:
        for hog in hogs:
            hog.send_signal(signal.SIGKILL)
            hog.wait()
    used = sorted(set(mechanisms))
    ms = sorted(t * 1000 for t in times) or [float("nan")]
    print(f"fork bomb (sleep {args.sleep}, timed out in {sum(timeouts)}/{len(timeouts)}) under {args.hogs} hogs: "
          f"{failures}/{args.runs} runs failed; "
          f"kill_all mechanism: {', '.join(used)}; time to empty the cgroups over {len(ms)} kill_all calls that had processes to kill: "
          f"median {statistics.median(ms):.1f} ms, max {ms[-1]:.1f} ms; "
          + (f"wait for the dead to be reaped before a restart over {len(releases)} restarts: median "
             f"{statistics.median(releases) * 1000:.1f} ms, max {max(releases) * 1000:.1f} ms; " if releases else "")
          + f"load average (1 min) median {statistics.median(loads):.2f}, max {max(loads):.2f}")


if __name__ == "__main__":
    main()
