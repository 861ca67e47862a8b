"""Seconds per agent step under two llama.cpp builds, interleaved task by task at the same load (issue 18).

    .venv/bin/python benchmarks/step_speed_ab.py --a "MACROHARD_LLAMA_EXTRA_BUFFERS=0 .venv/bin/python" \\
        --b ".venv-b/bin/python" --suite benchmarks/heldout/heldout10.yaml --first 10 --out ab.json

Each arm is a command that starts Python (environment settings first); each task runs once per arm through
``benchmarks/tiny_tasks/run.py`` (the whole loop, one process per task and arm, the model loaded in each), in the
order A B, B A, A B, ... so that neither arm always meets the busier minute. Prints, per arm, the median seconds per
step (over tasks: a task's seconds over its steps), the median completion tokens per second (the tokens the model
generated over the task's seconds, which hold the loop's own work too) and the median load average.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "benchmarks" / "tiny_tasks" / "run.py"


def _ids(suite: Path, first: int, only: str) -> list[str]:
    sys.path.insert(0, str(RUN.parent))
    from run import load_suite

    ids = [t["id"] for t in load_suite(suite)]
    return only.split(",") if only else ids[:first]


def _run(arm: str, task: str, suite: Path, model: str) -> dict:
    words = shlex.split(arm)
    env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith("/"):
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done = subprocess.run([*words, str(RUN), "--suite", str(suite), "--model", model, "--only", task,
                               "--out", out.name], env=env, capture_output=True, text=True, cwd=ROOT)
        try:
            data = json.loads(Path(out.name).read_text())
        except (OSError, ValueError):
            return {"id": task, "error": (done.stderr or done.stdout)[-400:]}
    row = data["rows"][0]
    return {"id": task, "passed": row["passed"], "seconds": row["seconds"], "steps": row["steps"],
            "completion_tokens": row.get("tokens", {}).get("completion", 0), "load_s": data.get("load_s"),
            "loadavg": os.getloadavg()[0]}


def _summary(rows: list[dict]) -> dict:
    ok = [r for r in rows if r.get("steps")]
    per_step = [r["seconds"] / r["steps"] for r in ok]
    tps = [r["completion_tokens"] / r["seconds"] for r in ok if r["seconds"]]
    return {"tasks": len(ok), "passed": sum(r["passed"] for r in ok), "steps": sum(r["steps"] for r in ok),
            "median_s_per_step": round(statistics.median(per_step), 2) if per_step else None,
            "total_s_per_step": round(sum(r["seconds"] for r in ok) / max(1, sum(r["steps"] for r in ok)), 2),
            "median_completion_tps": round(statistics.median(tps), 2) if tps else None,
            "median_loadavg": round(statistics.median(r["loadavg"] for r in ok), 1) if ok else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="arm A: the command that starts Python, settings first")
    parser.add_argument("--b", required=True, help="arm B")
    parser.add_argument("--suite", default=str(ROOT / "benchmarks" / "heldout" / "heldout10.yaml"))
    parser.add_argument("--model", default="local:qwen-1.5b")
    parser.add_argument("--first", type=int, default=10, help="the suite's first N tasks")
    parser.add_argument("--only", default="", help="comma-separated task ids instead")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    suite = Path(args.suite)
    rows: dict[str, list[dict]] = {"A": [], "B": []}
    for i, task in enumerate(_ids(suite, args.first, args.only)):
        for arm in ("AB" if i % 2 == 0 else "BA"):
            row = _run(getattr(args, arm.lower()), task, suite, args.model)
            rows[arm].append(row)
            print(arm, json.dumps(row), flush=True)
    summary = {arm: _summary(r) for arm, r in rows.items()}
    a, b = summary["A"]["median_s_per_step"], summary["B"]["median_s_per_step"]
    print(json.dumps(summary, indent=1))
    if a and b:
        print(f"median seconds per step: A {a}, B {b}, B/A {b / a:.2f}")
    if args.out:
        Path(args.out).write_text(json.dumps({"arms": {"A": args.a, "B": args.b}, "rows": rows,
                                              "summary": summary}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
