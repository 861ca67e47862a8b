"""Evaluation throughput: runs per second with the scripted model, local vs Ray, 1/2/4 workers.

Each run is a real run: a fresh workspace, the default sandbox, the guard, the SQLite store
(run, steps, eval result), one `write_file` action, `finish`, and a file check. Framework
overhead per run = one-worker wall time per run minus the sandbox's own work (start, the one
action, close; measured in the same process just before), i.e. what the executor, runner,
agent loop, guard, store and checker add around the sandbox.

    .venv/bin/python benchmarks/eval_throughput.py [--runs 200] [--workers 1,2,4] [--no-ray]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from macrohard.envs import make_environment
from macrohard.eval.harness import evaluate
from macrohard.eval.suite import Suite
from macrohard.executors.local import LocalExecutor
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Task, WriteFileAction


def make_suite(n: int) -> Suite:
    return Suite.model_validate({"name": "throughput", "tasks": [
        {"id": f"t{i}", "text": f"write out{i}.txt", "tags": ["bench"], "budget": {"max_steps": 4},
         "script": [{"kind": "write_file", "path": "out.txt", "content": "x\n"}],
         "check": {"type": "file", "path": "out.txt", "equals": "x"}} for i in range(n)]})


def sandbox_lifecycle_ms(n: int, root: Path) -> float:
    """Median ms of the sandbox alone: make + start + one approved write_file + close."""
    guard, task, times = Guard(), Task(text="bench"), []
    isolation = os.environ.get("MACROHARD_ISOLATION")
    for i in range(n):
        ws = root / f"ws{i}"
        ws.mkdir()
        t0 = time.perf_counter()
        opts = {"isolation": isolation} if isolation else {}
        env = make_environment(task, str(ws), **opts)
        env.start()
        action = WriteFileAction(path="out.txt", content="x\n")
        ctx = GuardContext(workspace=str(ws))
        env.execute(guard.authorize(action, ctx, env=env).approved)
        env.close()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run_config(kind: str, workers: int, runs: int, store: SQLiteStore) -> tuple[float, list[float]]:
    suite = make_suite(runs)
    if kind == "local":
        ex = LocalExecutor(workers)
    else:
        from macrohard.executors.ray import RayExecutor

        ex = RayExecutor(workers)
    try:
        t0 = time.perf_counter()
        _, outcomes = evaluate(suite, "scripted", ex, store=store, workers=workers)
        wall = time.perf_counter() - t0
    finally:
        ex.close()
    assert len(outcomes) == runs and all(o.passed for o in outcomes), [o.detail for o in outcomes if not o.passed][:3]
    return wall, [o.seconds * 1000 for o in outcomes]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--no-ray", action="store_true")
    args = ap.parse_args()
    worker_counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("MACROHARD_HOME", str(Path(tmp) / "home"))
        store = SQLiteStore(Path(tmp) / "bench.db")
        print(f"eval throughput: {args.runs} runs a config, scripted model, cpus={os.cpu_count()}, "
              f"isolation={os.environ.get('MACROHARD_ISOLATION') or 'runner default'}")
        sandbox = sandbox_lifecycle_ms(50, Path(tmp))
        print(f"sandbox alone (start + 1 action + close), median: {sandbox:.1f} ms")
        kinds = ["local"] + ([] if args.no_ray else ["ray"])
        if "ray" in kinds:
            from macrohard.executors.ray import start_local_ray

            t0 = time.perf_counter()
            start_local_ray(max(worker_counts))
            print(f"ray.init (local, loopback, {max(worker_counts)} cpus): {time.perf_counter() - t0:.2f} s")
        rows = []
        for kind in kinds:
            for w in worker_counts:
                wall, per_run = run_config(kind, w, args.runs, store)
                rows.append((kind, w, args.runs / wall, statistics.median(per_run),
                             sorted(per_run)[int(0.99 * (len(per_run) - 1))], wall * 1000 / args.runs))
        print(f"{'executor':<8} {'workers':>7} {'runs/s':>8} {'run p50 ms':>11} {'run p99 ms':>11} {'wall/run ms':>12}")
        for kind, w, rps, p50, p99, per in rows:
            print(f"{kind:<8} {w:>7} {rps:>8.1f} {p50:>11.1f} {p99:>11.1f} {per:>12.1f}")
        for kind in kinds:
            one = next(r for r in rows if r[0] == kind and r[1] == 1) if 1 in worker_counts else None
            if one:
                print(f"framework overhead per run, {kind}, 1 worker: {one[5] - sandbox:.1f} ms "
                      f"(wall/run {one[5]:.1f} ms - sandbox {sandbox:.1f} ms; target <= 20 ms locally)")
            base = next((r for r in rows if r[0] == kind and r[1] == worker_counts[0]), None)
            best = max((r for r in rows if r[0] == kind), key=lambda r: r[2])
            if base:
                print(f"{kind}: best {best[2]:.1f} runs/s at {best[1]} workers = {best[2] / base[2]:.2f}x "
                      f"{base[1]} worker(s)")
        if "ray" in kinds:
            import ray

            ray.shutdown()


if __name__ == "__main__":
    main()
