"""The mutation benchmark: seeded bugs in real PyPI projects, fixed by an agent, judged by the test gate.

    python scripts/make_mutation_suite.py --cache DIR          # once: build the tasks
    python benchmarks/coding_mutations.py --cache DIR --model oracle
    nice -n 10 python benchmarks/coding_mutations.py --cache DIR --model local --limit 8 --max-steps 12

Each task goes through the whole `macrohard code` path (the repository checked, tests detected, the
baseline in the sandbox, the coding division's run on a copy-on-write overlay, the gate over the
change set). ``oracle`` is the scripted model playing each task's undoing edit. Prints success (the
gate passed), false success (the agent claimed done, the gate said no), median time per task, and
per-operator counts; ``--out FILE`` keeps every task's row as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from macrohard.coding.benchset import load  # noqa: E402
from macrohard.coding.session import run_coding  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--model", default="oracle", help="oracle (scripted undoing edits) or a model spec (local, ...)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N tasks of a seeded shuffle (0: all)")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    tasks = load(args.cache)
    if args.limit:
        import random

        random.Random(7).shuffle(tasks)
        tasks = tasks[: args.limit]
    os.environ.setdefault("MACROHARD_HOME", tempfile.mkdtemp(prefix="macrohard-bench-"))
    from macrohard.models import get_model
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.testing import ScriptedModel

    store = SQLiteStore()
    guard = Guard.from_policy()
    rows = []
    for task in tasks:
        if args.model == "oracle":
            model = ScriptedModel([task["oracle"], {"kind": "finish", "answer": f"Fix {task['what']} in {task['path']}"}],
                                  name="scripted:oracle")
        else:
            model = get_model(args.model)
        start = time.monotonic()
        run, report = run_coding(task["text"], task["repo"], model=model, store=store, guard=guard,
                                 max_steps=args.max_steps, use_cache=False)
        seconds = time.monotonic() - start
        claimed = run.status.value == "succeeded"
        row = {"id": task["id"], "operator": task["operator"], "status": run.status.value, "gate": report.status,
               "claimed": claimed, "false_success": claimed and not report.passed, "seconds": round(seconds, 2),
               "steps": run.steps, "test_seconds": round((report.baseline.seconds if report.baseline else 0)
                                                         + (report.after.seconds if report.after else 0), 2),
               "reason": report.reason[:200]}
        rows.append(row)
        print(f"{task['id']:32} {run.status.value:13} gate {report.status:7} {seconds:6.1f}s  {report.reason[:70]}",
              flush=True)
    n = len(rows)
    passed = sum(r["gate"] == "passed" for r in rows)
    false = sum(r["false_success"] for r in rows)
    claimed = sum(r["claimed"] for r in rows)
    print(f"\nmodel {args.model}: {n} tasks, success {passed}/{n} = {passed / n:.0%}, false success {false}/{n} = "
          f"{false / n:.0%} ({false} of {claimed} claims), median time {statistics.median(r['seconds'] for r in rows):.1f}s "
          f"per task (median test time {statistics.median(r['test_seconds'] for r in rows):.1f}s), "
          f"load average {os.getloadavg()[0]:.2f}")
    for op in sorted({r["operator"] for r in rows}):
        mine = [r for r in rows if r["operator"] == op]
        print(f"  {op:12} {sum(r['gate'] == 'passed' for r in mine)}/{len(mine)}")
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
