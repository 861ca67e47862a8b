"""Framework time per step with the scripted model, model time excluded (target: median ≤ 2 ms).

    .venv/bin/python benchmarks/step_overhead.py [--steps 200] [--isolation none|bwrap]

A step is: parse the reply, guard review, approve, execute, screen, write the step to SQLite (WAL)
and update the run. The action is `write_file` (no process involved), so what is measured is the
framework; a `bash` step adds the shell round trip, measured on its own line, and a plain
`subprocess.run(["true"])` is printed as the peer for scale.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, Task


def per_step_ms(kind: str, steps: int, isolation: str) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "runs.db")
        if kind == "write_file":
            script = [{"kind": "write_file", "path": f"f{i % 10}.txt", "content": "x" * 100} for i in range(steps)]
        else:
            script = [{"kind": "bash", "command": "echo hi"} for _ in range(steps)]
        task = Task(text="bench", budget=Budget(max_steps=steps + 1, max_seconds=None))
        ws = Path(tmp) / "ws"
        ws.mkdir()
        env = make_environment(task, str(ws), isolation=isolation)
        env.start()
        times: list[float] = []
        last = [time.perf_counter()]

        def on_step(run, step):  # time between two step callbacks, minus the model's own time
            now = time.perf_counter()
            times.append((now - last[0]) * 1000 - step.model_ms)
            last[0] = now

        try:
            agent = Agent(ScriptedModel(script), env, Guard(), store, on_step=on_step)
            last[0] = time.perf_counter()
            agent.run(task)
        finally:
            env.close()
            store.close()
        return times[5:-1]  # drop warm-up and the finish step


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--isolation", default="none")
    args = ap.parse_args()
    peer = []
    for _ in range(50):
        t = time.perf_counter()
        subprocess.run(["true"])
        peer.append((time.perf_counter() - t) * 1000)
    rows = [("write_file step", per_step_ms("write_file", args.steps, args.isolation)),
            (f"bash step ({args.isolation})", per_step_ms("bash", args.steps, args.isolation)),
            ("peer: subprocess.run(['true'])", peer)]
    print(f"step overhead, scripted model, {args.steps} steps, python {sys.version.split()[0]}")
    print(f"{'what':38} {'median ms':>10} {'p90 ms':>8}")
    for name, xs in rows:
        xs = sorted(xs)
        print(f"{name:38} {statistics.median(xs):>10.3f} {xs[int(len(xs) * 0.9)]:>8.3f}")
    print("target: framework median ≤ 2 ms per step")


if __name__ == "__main__":
    main()
