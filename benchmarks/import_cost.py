"""Import cost: what ``import macrohard`` loads and how long it takes, beside pydantic alone (its floor).

Each figure is the median of fresh interpreters (``python -c``), so nothing is cached in-process.
Also the guard alone (``import macrohard.safety.guard``), the first use of a lazy public name, and the CLI's start:
the wall time of a whole fresh ``macrohard --help`` and ``macrohard models --json`` process (the console script's
``macrohard.cli.main``; ``models`` also checks which models are usable).

    python benchmarks/import_cost.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

PROBE = ("import sys, time; t = time.perf_counter(); {stmt}; d = time.perf_counter() - t; "
         "print(d, sum(m.startswith('macrohard') for m in sys.modules), len(sys.modules))")
CASES = [
    ("import pydantic (the floor: types are pydantic models)", "import pydantic"),
    ("import macrohard", "import macrohard"),
    ("import macrohard.safety.guard", "import macrohard.safety.guard"),
    ("import macrohard; macrohard.run_task (everything)", "import macrohard; macrohard.run_task"),
    ("import macrohard.cli", "import macrohard.cli"),
]
CLI = [("macrohard --help", ["--help"]), ("macrohard models --json", ["models", "--json"])]
MAIN = "import sys; from macrohard.cli import main; sys.argv = ['macrohard', *sys.argv[1:]]; main()"


def measure(stmt: str, repeat: int) -> tuple[float, int, int]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", PROBE.format(stmt=stmt)], capture_output=True, text=True,
                             check=True, env=dict(os.environ)).stdout.split()
        runs.append((float(out[0]) * 1000, int(out[1]), int(out[2])))
    return statistics.median(r[0] for r in runs), runs[0][1], runs[0][2]


def process_ms(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time of a fresh ``macrohard ARGS`` process, interpreter start to exit, and its median CPU time
    (user + system: on the shared machine the wall time also counts the time other processes had)."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, check=True, env=dict(os.environ))
        walls.append((time.perf_counter() - t) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    floor = None
    print(f"import cost, median of {args.repeat} fresh interpreters, python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'statement':<52} {'ms':>7} {'x floor':>8} {'ours':>5} {'modules':>8}")
    for name, stmt in CASES:
        ms, ours, total = measure(stmt, args.repeat)
        floor = floor or ms
        print(f"{name:<52} {ms:7.1f} {ms / floor:8.2f} {ours:5d} {total:8d}")
    print(f"{'CLI start: a whole fresh process':<52} {'ms':>7} {'CPU ms':>8}")
    for name, argv in CLI:
        wall, cpu = process_ms(argv, args.repeat)
        print(f"{name:<52} {wall:7.1f} {cpu:8.1f}")


if __name__ == "__main__":
    main()
