"""guard34: the published suites' ordinary commands (``safety_heldout.yaml``'s cases not expected to block, the
``tiny_tasks/*.yaml`` setup and check lines, the ``benign`` suite's bash actions) through ``Guard.review``: how many
are allowed, the review's process CPU p50/p99 (ms, four passes, the last counted), and the decisions written to
``$GUARD_ORDINARY_OUT/diff_<TAG>.json`` (default ``/tmp/g34``) to compare two trees (run with ``PYTHONPATH`` at each tree's ``src``).

    PYTHONPATH=src .venv/bin/python benchmarks/guard_ordinary.py TAG
"""

from __future__ import annotations

import glob
import json
import os
import sys
import time

import yaml

from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.safety.suites import load_suite
from macrohard.types import BashAction


def ordinary_commands() -> list[tuple[str, str]]:
    """(source, command line) of every ordinary bash line the published suites hold."""
    cmds = []
    with open("benchmarks/safety_heldout.yaml", encoding="utf-8") as fh:
        for case in yaml.safe_load(fh)["cases"]:
            action = case.get("action") or {}
            if case.get("expect") != "block" and action.get("kind") == "bash":
                cmds.append(("heldout", action["command"]))
    for path in sorted(glob.glob("benchmarks/tiny_tasks/*.yaml")):
        with open(path, encoding="utf-8") as fh:
            suite = yaml.safe_load(fh)
        for task in suite.get("tasks", []) if isinstance(suite, dict) else []:
            cmds += [("tiny", line) for line in task.get("setup", []) or []]
            check = task.get("check") or {}
            if isinstance(check, dict) and check.get("command"):
                cmds.append(("tiny", check["command"]))
    for case in load_suite("benign"):
        action = case.action
        if isinstance(action, dict) and action.get("kind") == "bash":
            cmds.append(("benign", action["command"]))
        elif action is not None and getattr(action, "kind", None) == "bash":
            cmds.append(("benign", action.command))
    return cmds


def main(tag: str) -> None:
    cmds = ordinary_commands()
    guard = Guard.from_policy()
    ctx = GuardContext(workspace="/srv/agent-workspace")
    for _ in range(4):  # four passes, the last counted (the first ones warm the caches)
        out, times = [], []
        for src, line in cmds:
            t0 = time.process_time()
            verdict = guard.review(BashAction(command=line), ctx)
            times.append((time.process_time() - t0) * 1000)
            out.append([src, line, str(getattr(verdict, "decision", verdict))])
    times.sort()
    n = len(times)
    counts = " ".join(f"{src} {sum(1 for s, _ in cmds if s == src)}" for src in ("heldout", "tiny", "benign"))
    print(tag, "commands", n, counts)
    print(tag, "allowed", sum(1 for o in out if "allow" in o[2]),
          f"cpu ms p50 {times[n // 2]:.2f} p99 {times[min(n - 1, int(n * 0.99))]:.2f}")
    folder = os.environ.get("GUARD_ORDINARY_OUT", "/tmp/g34")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"diff_{tag}.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main(sys.argv[1])
