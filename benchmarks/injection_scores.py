"""Dump the shipped injection screen's score and signals for every text of the published injection sets (all
``benchmarks/injection_data/*.jsonl`` but the wave's sealed ones, ``train_sources._final``: blind48 is published
since the fifty-fifth wave), one JSON line each, to compare two trees' code:

    PYTHONPATH=<tree>/src python benchmarks/injection_scores.py OUT.jsonl
    python benchmarks/injection_scores.py --diff A.jsonl B.jsonl [--threshold 0.89]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "injection_data"


def _sealed(path: Path) -> bool:
    """The wave's held-out set (never read here): the trainers' own seal (``train_sources._final``), so it moves
    with them (speed56: a name written here went stale in content_scores.py)."""
    from macrohard.safety.train_sources import _final

    return _final(path)


def dump(out: str) -> None:
    from macrohard.safety.injection import screen_injection

    with open(out, "w", encoding="utf-8") as fh:
        for path in sorted(DATA.glob("*.jsonl")):
            if _sealed(path):
                continue
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if line.strip():
                    s = screen_injection(json.loads(line)["text"])
                    fh.write(json.dumps({"set": path.stem, "i": i, "score": s.score, "signals": list(s.signals),
                                         "sampled": s.sampled}) + "\n")


def diff(a: str, b: str, threshold: float) -> None:
    ra = [json.loads(x) for x in open(a, encoding="utf-8")]
    rb = [json.loads(x) for x in open(b, encoding="utf-8")]
    assert [(r["set"], r["i"]) for r in ra] == [(r["set"], r["i"]) for r in rb], "different rows"
    moved = [(x, y) for x, y in zip(ra, rb, strict=True) if x["score"] != y["score"] or x["signals"] != y["signals"]]
    flips = [(x, y) for x, y in moved if (x["score"] >= threshold) != (y["score"] >= threshold)]
    big = max((abs(x["score"] - y["score"]) for x, y in moved), default=0.0)
    print(f"{len(ra)} texts over {len({r['set'] for r in ra})} sets: {len(moved)} scores or signals differ "
          f"(largest score difference {big:.3g}); decisions at {threshold} that differ: {len(flips)}")
    for x, y in flips:
        print(f"  {x['set']}:{x['i']} {x['score']:.4f} -> {y['score']:.4f}")


if __name__ == "__main__":
    if sys.argv[1] == "--diff":
        th = float(sys.argv[sys.argv.index("--threshold") + 1]) if "--threshold" in sys.argv else 0.89
        diff(sys.argv[2], sys.argv[3], th)
    else:
        dump(sys.argv[1])
