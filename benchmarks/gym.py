"""Gymnasium and MCP interface costs (issue 16).

Prints: ``reset`` p50/p90 for Shell-v0 (a fixed task: the copy-on-write snapshot restored; a generated task:
the layer reset plus the new task's files, each written through the guard), Browser-v0 and Desktop-v0 (targets
<= 20 / 150 / 300 ms); steps per second with 1 environment and with 16 in Gymnasium's AsyncVectorEnv (each step a
guarded ``bash true`` in its own bubblewrap sandbox); and the MCP tool-call overhead: the same guarded action
through ``macrohard mcp serve`` (official client, stdio) against a direct ``GuardedSession.act`` in this process.

    .venv/bin/python benchmarks/gym.py [--resets 30] [--steps 200] [--skip-computer]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import gymnasium

import macrohard.gym  # noqa: F401
from macrohard.eval.suite import FileCheck
from macrohard.types import BashAction, Budget, Task

BIG = Budget(max_steps=100_000, max_seconds=None, max_model_seconds=None)
FIXED = (Task(text="write ok into out.txt", files={"in.txt": "1\n2\n"}, budget=BIG),
         FileCheck(path="out.txt", equals="ok"))
TRUE = '{"kind": "bash", "command": "true"}'


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def time_resets(env: gymnasium.Env, n: int, *, seed: bool) -> list[float]:
    env.reset(seed=0)  # the first reset starts the sandbox (browser, X server): not a reset's cost
    out = []
    for i in range(n):
        env.step('{"kind": "finish"}')
        t0 = time.perf_counter()
        env.reset(seed=i + 1 if seed else None)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def resets(n: int, computer: bool) -> None:
    print(f"\nreset (ms), {n} resets each, after the first")
    print(f"{'environment':44} {'p50':>8} {'p90':>8} {'target':>8}")
    rows = [("Shell-v0, fixed task (COW snapshot restored)", "macrohard/Shell-v0", {"task": FIXED}, False, 20),
            ("Shell-v0, generated task (layer reset + files)", "macrohard/Shell-v0", {}, True, 20)]
    if computer:
        rows += [("Browser-v0 (new context, site and files reset)", "macrohard/Browser-v0", {}, True, 150),
                 ("Desktop-v0 (programs ended, files restored)", "macrohard/Desktop-v0", {}, True, 300)]
    for label, env_id, kwargs, seeded, target in rows:
        env = gymnasium.make(env_id, **kwargs)
        try:
            times = time_resets(env, n, seed=seeded)
        finally:
            env.close()
        print(f"{label:44} {statistics.median(times):8.1f} {pct(times, 0.9):8.1f} {'<= ' + str(target):>8}")


def make_fixed() -> gymnasium.Env:
    return gymnasium.make("macrohard/Shell-v0", task=FIXED)


def steps_per_second(steps: int) -> None:
    print(f"\nsteps/s, guarded `bash true` steps, {os.cpu_count()} cores")
    env = make_fixed()
    try:
        env.reset(seed=0)
        for _ in range(10):
            env.step(TRUE)
        t0 = time.perf_counter()
        for _ in range(steps):
            env.step(TRUE)
        one = steps / (time.perf_counter() - t0)
    finally:
        env.close()
    print(f"{'1 env (in process)':34} {one:8.1f} steps/s")
    envs = gymnasium.vector.AsyncVectorEnv([make_fixed] * 16, shared_memory=False)
    try:
        envs.reset(seed=0)
        envs.step([TRUE] * 16)
        rounds = max(5, steps // 16)
        t0 = time.perf_counter()
        for _ in range(rounds):
            envs.step([TRUE] * 16)
        many = rounds * 16 / (time.perf_counter() - t0)
    finally:
        envs.close()
    print(f"{'16 envs (AsyncVectorEnv)':34} {many:8.1f} steps/s  ({many / one:.2f}x one env)")


def mcp_overhead(n: int) -> None:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    from macrohard.session import GuardedSession

    task = Task(text="benchmark", budget=BIG)
    session = GuardedSession(task, interface="bench")
    session.start()
    try:
        for _ in range(10):
            session.act(BashAction(command="true"))
        direct = []
        for _ in range(n):
            t0 = time.perf_counter()
            session.act(BashAction(command="true"))
            direct.append((time.perf_counter() - t0) * 1000)
    finally:
        session.close()
    src = str(Path(__file__).resolve().parents[1] / "src")
    params = StdioServerParameters(command=sys.executable, args=["-m", "macrohard", "mcp", "serve", "--stdio"],
                                   env={**os.environ, "PYTHONPATH": src})

    async def over_mcp() -> list[float]:
        out = []
        async with stdio_client(params) as (read, write), ClientSession(read, write) as client:
            await client.initialize()
            for _ in range(10):
                await client.call_tool("bash", {"command": "true"})
            for _ in range(n):
                t0 = time.perf_counter()
                await client.call_tool("bash", {"command": "true"})
                out.append((time.perf_counter() - t0) * 1000)
        return out

    mcp_times = asyncio.run(over_mcp())
    print(f"\nMCP tool-call overhead, guarded `bash true`, {n} calls (ms)")
    print(f"{'path':40} {'p50':>8} {'p90':>8}")
    print(f"{'direct GuardedSession.act':40} {statistics.median(direct):8.2f} {pct(direct, 0.9):8.2f}")
    print(f"{'MCP stdio (official client -> serve)':40} {statistics.median(mcp_times):8.2f} {pct(mcp_times, 0.9):8.2f}")
    print(f"overhead p50: {statistics.median(mcp_times) - statistics.median(direct):.2f} ms a call")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resets", type=int, default=30)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--skip-computer", action="store_true", help="Shell only (no Chromium, no Xvfb).")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="macrohard-bench-gym-")
    os.environ.setdefault("MACROHARD_HOME", home)
    print(f"gym benchmark, python {sys.version.split()[0]}, gymnasium {gymnasium.__version__}, "
          f"load average {os.getloadavg()[0]:.1f}")
    resets(args.resets, not args.skip_computer)
    steps_per_second(args.steps)
    mcp_overhead(args.steps)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
