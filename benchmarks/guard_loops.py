"""Ordinary loops over workspace files through the guard's command analysis, and the review's CPU time.

    PYTHONPATH=src .venv/bin/python benchmarks/guard_loops.py [--repeat 10]

Prints how many of ``tests/safety/test_loop_globs.py``'s ordinary loops (read from the file, so an older checkout
without ``safety.loopglob`` runs it too) pass ``analyze`` in a workspace holding files of those names, and the
thread CPU time of ``Guard.review`` over the red-team and benign suites' actions (p50/p99), for comparing two
checkouts run one after the other on the same machine.
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import tempfile
import time
from pathlib import Path

from macrohard.safety.commands import analyze
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.safety.suites import load_suite, to_action

TESTS = Path(__file__).resolve().parent.parent / "tests" / "safety" / "test_loop_globs.py"
FILES = ("scans/a.JPG", "scans/b c.JPG", "scans/IMG 7.jpeg", "p.png", "q.png", "x.txt", "y.txt", "notes.md",
         "data/m.csv", "data/n.csv", "logs/app.log", "scripts/ok.sh", "process.py")


def ordinary() -> list[str]:
    tree = ast.parse(TESTS.read_text())
    return next(ast.literal_eval(n.value) for n in tree.body
                if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "ORDINARY")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    ws = Path(tempfile.mkdtemp(prefix="loops"))
    for name in FILES:
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        (ws / name).write_text("echo ok\n" if name.endswith(".sh") else "a\n")
    (ws / "out").mkdir()
    passed = 0
    for command in ordinary():
        found = analyze(command, [str(ws)]).findings
        passed += not found
        print(f"{'pass' if not found else 'ASK '}  {command}" + (f"  ({next(iter(found.values()))[:70]})" if found else ""))
    loops = ordinary()
    print(f"ordinary loops passing: {passed}/{len(loops)}")
    guard, ctx = Guard.from_policy(), GuardContext(workspace="/srv/agent-workspace")
    actions = [to_action(c.action) for name in ("redteam", "benign") for c in load_suite(name) if c.action is not None]
    for a in actions:
        guard.review(a, ctx)
    ms = []
    for _ in range(args.repeat):
        for a in actions:
            start = time.thread_time()
            guard.review(a, ctx)
            ms.append((time.thread_time() - start) * 1000)
    ms.sort()
    print(f"guard review CPU time  p50 {statistics.median(ms):.3f} ms  p99 {ms[int(0.99 * (len(ms) - 1))]:.3f} ms  "
          f"(n={len(ms)}, load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
