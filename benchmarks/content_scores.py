"""Dump the shipped answer screen's verdict and scores for every answer of the published answer sets (all
``benchmarks/content/*.tsv`` but the sealed ``blind32*`` / ``everyday32*``), one JSON line each, to compare two
trees' code; and time the screen per answer (CPU time of the thread and wall time, best of N runs per answer):

    PYTHONPATH=<tree>/src python benchmarks/content_scores.py OUT.jsonl [SET ...]
    python benchmarks/content_scores.py --diff A.jsonl B.jsonl
    PYTHONPATH=<tree>/src python benchmarks/content_scores.py --time [--best-of 3] SET [SET ...]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "content"
SEALED = ("blind32", "everyday32")  # the wave's held-out sets: never read here


def rows(name: str) -> list[str]:
    if name.startswith(SEALED):
        raise SystemExit(f"{name} is sealed")
    out = []
    for line in (DATA / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.append(line.split("\t", 2)[2].replace("\\n", "\n"))
    return out


def published() -> list[str]:
    return [p.stem for p in sorted(DATA.glob("*.tsv")) if not p.name.startswith(SEALED)]


def dump(out: str, names: list[str]) -> None:
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy

    thresholds = load_policy().answer_thresholds
    with open(out, "w", encoding="utf-8") as fh:
        for name in names or published():
            for i, text in enumerate(rows(name)):
                v = screen_text(text, thresholds)
                fh.write(json.dumps({"set": name, "i": i, "found": v.found, "scores": v.scores,
                                     "truncated": v.truncated}) + "\n")


def diff(a: str, b: str) -> None:
    ra = {(r["set"], r["i"]): r for r in map(json.loads, open(a, encoding="utf-8"))}
    rb = {(r["set"], r["i"]): r for r in map(json.loads, open(b, encoding="utf-8"))}
    both = sorted(ra.keys() & rb.keys())
    moved = [k for k in both if ra[k] != rb[k]]
    verdicts = [k for k in both if sorted(ra[k]["found"]) != sorted(rb[k]["found"])]
    big = max((abs(ra[k]["scores"].get(c, 0) - rb[k]["scores"].get(c, 0)) for k in moved
               for c in ra[k]["scores"].keys() | rb[k]["scores"].keys()), default=0.0)
    print(f"{len(both)} answers over {len({k[0] for k in both})} sets (only in A: {len(ra.keys() - rb.keys())}, "
          f"only in B: {len(rb.keys() - ra.keys())}): {len(moved)} verdicts, reasons or scores differ "
          f"(largest score difference {big:.3g}); categories found that differ: {len(verdicts)}")
    for k in moved[:20]:
        print(f"  {k}: {ra[k]} -> {rb[k]}")


def timing(names: list[str], best_of: int) -> None:
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy

    thresholds = load_policy().answer_thresholds
    screen_text("warm up", thresholds)
    texts = [t for n in names for t in rows(n)]
    screen_text(texts[0], thresholds)
    cpu, wall = [], []
    for text in texts:
        c_best = w_best = float("inf")
        for _ in range(best_of):
            t, c = time.perf_counter(), time.thread_time()
            screen_text(text, thresholds)
            w_best = min(w_best, (time.perf_counter() - t) * 1000)
            c_best = min(c_best, (time.thread_time() - c) * 1000)
        cpu.append(c_best)
        wall.append(w_best)

    def q(xs: list[float], f: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(f * len(xs)))]

    print(f"{'+'.join(names)}: {len(texts)} answers, best of {best_of}, load {os.getloadavg()[0]:.2f}: "
          f"CPU ms median {q(cpu, .5):.2f} p99 {q(cpu, .99):.2f} max {max(cpu):.1f}; "
          f"wall ms median {q(wall, .5):.2f} p99 {q(wall, .99):.2f} max {max(wall):.1f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--diff":
        diff(args[1], args[2])
    elif args[0] == "--time":
        n = 3
        if "--best-of" in args:
            i = args.index("--best-of")
            n = int(args[i + 1])
            del args[i:i + 2]
        timing(args[1:], n)
    else:
        dump(args[0], args[1:])
