"""The CLI's start: wall and CPU time of fresh `macrohard …` processes, this tree beside another (a ratio each).

Every `macrohard …` a user types, and each of the test suite's CLI starts, pays Python's start and our imports before
the command does anything. Measured here, each case ``--repeat`` times, the two trees interleaved (A then B, case by
case), each run a fresh ``python -c`` of the console script's ``macrohard.cli.main`` with ``PYTHONPATH`` naming the
tree's ``src``; one empty ``MACROHARD_HOME`` per tree, made first (so ``runs list`` reads an empty store, not a
migration). Printed: median and p90 of wall and CPU (user + system of the child) per case and tree, and the ratio of
the medians (this tree / the other; below 1 is faster).

Cases: ``--help``; ``runs list --json`` (an empty store: the ``run`` case has a home of its own); ``policy check
FILE`` (the built-in policy, copied); ``policy show --json``; ``chats list --json``; ``run --help``; ``run --json``
with a scripted model (one ``bash`` step, then ``finish``: the whole run in the sandbox, so its start is most of it).

    python benchmarks/cli_start.py --base /tmp/base/src [--repeat 15] [--only help,runs]

Make the other tree with ``git archive REV src | tar -x -C /tmp/base``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MAIN = "import sys; from macrohard.cli import main; sys.argv = ['macrohard', *sys.argv[1:]]; main()"
HERE = Path(__file__).resolve().parent.parent / "src"


def cases(work: Path) -> list[tuple[str, list[str]]]:
    script = work / "script.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "echo hi"}, {"kind": "finish", "answer": "done"}]))
    policy = work / "policy.yaml"
    shutil.copy(HERE / "macrohard" / "safety" / "default_policy.yaml", policy)
    return [
        ("help", ["--help"]),
        ("runs", ["runs", "list", "--json"]),
        ("check", ["policy", "check", str(policy)]),
        ("show", ["policy", "show", "--json"]),
        ("chats", ["chats", "list", "--json"]),
        ("runhelp", ["run", "--help"]),
        ("run", ["run", "--json", "-m", f"scripted:{script}", "say hi"]),
    ]


def once(src: Path, home: Path, args: list[str]) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(src), "MACROHARD_HOME": str(home), "COLUMNS": "120"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, env=env, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise SystemExit(f"{src}: macrohard {' '.join(args)} exited {out.returncode}: {out.stderr.decode()[-2000:]}")
    return wall * 1000, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def p90(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.9 * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the other tree's src (e.g. /tmp/base/src)")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--only", default="", help="comma-separated case names (help, runs, check, show, chats, runhelp, run)")
    args = ap.parse_args()
    trees = {"this": HERE, "base": args.base.resolve()}
    with tempfile.TemporaryDirectory(prefix="cli-start-") as tmp:
        work = Path(tmp)
        homes = {name: work / f"home-{name}" for name in trees}
        run_homes = {name: work / f"home-{name}-runs" for name in trees}  # runs made here, so `runs list` reads none
        chosen = [c for c in cases(work) if not args.only or c[0] in args.only.split(",")]
        for name, src in trees.items():  # the store made (and migrated) once, before any timing
            once(src, homes[name], ["runs", "list", "--json"])
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.repeat):
            for case, argv in chosen:
                for name, src in trees.items():
                    home = (run_homes if case == "run" else homes)[name]
                    times.setdefault((case, name), []).append(once(src, home, argv))
    print(f"{'case':<7} {'tree':<5} {'wall med':>9} {'wall p90':>9} {'cpu med':>9} {'cpu p90':>9}   (ms, "
          f"{args.repeat} runs each, interleaved; python {sys.version.split()[0]}, {os.cpu_count()} cpus)")
    for case, argv in chosen:
        med = {}
        for name in trees:
            walls = [w for w, _ in times[(case, name)]]
            cpus = [c for _, c in times[(case, name)]]
            med[name] = (statistics.median(walls), statistics.median(cpus))
            print(f"{case:<7} {name:<5} {med[name][0]:9.0f} {p90(walls):9.0f} {med[name][1]:9.0f} {p90(cpus):9.0f}")
        print(f"{case:<7} ratio {med['this'][0] / med['base'][0]:9.2f} {'':9} {med['this'][1] / med['base'][1]:9.2f}"
              f"   macrohard {' '.join(argv[:3])}")


if __name__ == "__main__":
    main()
