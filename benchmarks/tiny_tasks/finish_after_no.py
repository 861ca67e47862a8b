"""Seconds a run spent decoding the finish after its own "no" (issue 18, agent30): from a `step_time.py` call log
and `run.py`'s per-task lines of the same run, per task its seconds and the calls after the acting yes/no in runs
that made no claim afterwards (no fresh-judge call). Since agent30 that finish, foregone, is not decoded
(``LocalModel._foregone``): on code before it this prints the run's seconds per step with and without those calls.

    .venv/bin/python benchmarks/tiny_tasks/finish_after_no.py calls.jsonl run.log [FIRST]

FIRST: count only the runs from this one on (a window of steady load). Runs are told apart by the acting prompt
shrinking back to a task's first step; they are matched in order to the log's lines (one task after another).
On agent29's heldout18 log the runs it counts are exactly the 19 whose answer is ``local_verify.NOT_DONE``.
"""

from __future__ import annotations

import json
import re
import sys


def main(argv: list[str]) -> None:
    calls = [json.loads(line) for line in open(argv[0])]
    lines = [line for line in open(argv[1]) if re.match(r"(PASS|fail|FALSE) ", line)]
    first = int(argv[2]) if len(argv) > 2 else 0
    runs: list[list[dict]] = []
    prev = 10**9
    for c in calls:
        if not runs or ("pick_kind" in c["caller"] and c["prompt"] < prev - 40):  # the acting prompt shrank: a new task
            runs.append([])
        runs[-1].append(c)
        if "_aside" not in c["caller"] and "_yes_margin" not in c["caller"]:  # the acting chat's own calls only
            prev = c["prompt"]
    total_s = total_steps = total_cut = 0.0
    n_cut = 0
    pairs = list(zip(runs, lines, strict=False))[first:]  # a run cut short has calls but no line
    for run, line in pairs:
        m = re.match(r"(\S+) (\S+)\s+(\S+)\s+(\d+) steps\s+([\d.]+)s", line)
        assert m is not None, line
        mark, tid, steps, secs = m.group(1), m.group(2), int(m.group(4)), float(m.group(5))
        aside = next((i for i, c in enumerate(run) if "_acting>" in c["caller"]), None)
        claim = any("_yes_margin" in c["caller"] for c in run)
        cut = sum(c["s"] for c in run[aside + 1:]) if aside is not None and not claim else 0.0
        n_cut += cut > 0
        total_s, total_steps, total_cut = total_s + secs, total_steps + steps, total_cut + cut
        print(f"{mark:4} {tid[:26]:26} {steps} steps {secs:7.1f} s  calls {len(run):2}  "
              f"{'yes/no' if aside is not None else '      '} {'claim' if claim else '     '}  finish after no {cut:6.1f} s")
    print(f"{len(pairs)} runs, {total_steps:.0f} steps, {total_s:.1f} s: {total_s / max(total_steps, 1):.2f} s per step; "
          f"the finish after a 'no' in {n_cut} runs: {total_cut:.1f} s; without it "
          f"{(total_s - total_cut) / max(total_steps, 1):.2f} s per step")


if __name__ == "__main__":
    main(sys.argv[1:])
