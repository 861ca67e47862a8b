"""Dump the shipped answer screen's scores and verdict for every answer of the published answer sets (all
``benchmarks/content/*.tsv`` but the wave's sealed ones, ``train_sources._final``: the trainers' seal), one JSON line
each, to compare two trees' code (the twin of ``injection_scores.py``; speed51):

    PYTHONPATH=<tree>/src python benchmarks/content_scores.py OUT.jsonl [SET ...]
    python benchmarks/content_scores.py --diff A.jsonl B.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "content"


def _sealed(path: Path) -> bool:
    """The wave's held-out sets (never read here): the trainers' own seal, so it moves with them (speed56: this file
    named ``blind45``/``everyday45`` since speed51: with no set named it would have read this wave's sealed
    ``blind49.tsv`` and ``everyday49.tsv``)."""
    from macrohard.safety.train_sources import _final

    return _final(path)


def dump(out: str, names: list[str]) -> None:
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy

    thresholds = load_policy().answer_thresholds
    paths = [DATA / f"{n}.tsv" for n in names] if names else sorted(DATA.glob("*.tsv"))
    with open(out, "w", encoding="utf-8") as fh:
        for path in paths:
            if _sealed(path):
                continue
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                if line and not line.startswith("#"):
                    v = screen_text(line.split("\t", 2)[2].replace("\\n", "\n"), thresholds)
                    fh.write(json.dumps({"set": path.stem, "i": i, "scores": v.scores, "found": sorted(v.found)})
                             + "\n")


def diff(a: str, b: str) -> None:
    ra = [json.loads(x) for x in open(a, encoding="utf-8")]
    rb = [json.loads(x) for x in open(b, encoding="utf-8")]
    assert [(r["set"], r["i"]) for r in ra] == [(r["set"], r["i"]) for r in rb], "different rows"
    big, moved, flips = 0.0, 0, []
    for x, y in zip(ra, rb, strict=True):
        keys = set(x["scores"]) | set(y["scores"])
        d = max((abs(x["scores"].get(k, float("nan")) - y["scores"].get(k, float("nan"))) for k in keys), default=0.0)
        big = d if d != d or d > big else big  # a category one side lacks reads as nan
        moved += d != 0.0
        if x["found"] != y["found"]:
            flips.append((x, y))
    print(f"{len(ra)} answers over {len({r['set'] for r in ra})} sets: {moved} with a score that differs (largest "
          f"difference {big:.3g}); verdicts (categories found) that differ: {len(flips)}")
    for x, y in flips:
        print(f"  {x['set']}:{x['i']} {x['found']} -> {y['found']}")


if __name__ == "__main__":
    if sys.argv[1] == "--diff":
        diff(sys.argv[2], sys.argv[3])
    else:
        dump(sys.argv[1], sys.argv[2:])
