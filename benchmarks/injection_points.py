"""The injection screen's two policy points (English, other languages) from per-row score files, without rescoring.

Each row is routed as the runtime routes it (``Observations.threshold_for``: ``safety.lang.detect(text)`` is English
or not; the row's ``lang`` label is not used for routing). Score files are those of
``benchmarks/injection.py --scores F`` (a JSON list, the set's row order).

    # choose the other-language point on calibration sets (published sets the heads never read)
    PYTHONPATH=src python benchmarks/injection_points.py choose --english 0.71 blind42.jsonl:A42.json [...]
    # read a set at a pair of points (the landing rule's figures)
    PYTHONPATH=src python benchmarks/injection_points.py read blind43.jsonl:S43.json --english 0.71 --other 0.80

Criteria of ``choose`` (inj50, fixed before any dev figure): F = the smallest grid point where the routed-other
negatives' false-alarm rate is at most the routed-English negatives' at the English point; R = the largest grid point
where the pooled recall (English-routed rows at the English point, the rest at t) stays within ``--budget`` points of
the one-point recall. Grid: the English point to 0.995 by 0.005.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from injection import auc, recall_at  # noqa: E402

from macrohard.safety.lang import detect  # noqa: E402

SETS = Path(__file__).with_name("injection_data")


def load(spec: str) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """``SET.jsonl:SCORES.json`` -> (rows, scores, routed English?)."""
    set_path, score_path = spec.rsplit(":", 1)
    path = Path(set_path) if Path(set_path).is_file() else SETS / set_path
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    scores = np.array(json.loads(Path(score_path).read_text()), dtype=float)
    if len(scores) != len(rows):
        raise SystemExit(f"{spec}: {len(rows)} rows but {len(scores)} scores")
    english = np.array([detect(r["text"]).code == "en" for r in rows])
    return rows, scores, english


def grid(start: float) -> list[float]:
    return [round(start + 0.005 * i, 3) for i in range(int(round((0.995 - start) / 0.005)) + 1)]


def choose(args: argparse.Namespace) -> None:
    parts = [load(s) for s in args.sets]
    y = np.concatenate([[r["label"] for r in rows] for rows, _, _ in parts])
    sc = np.concatenate([p[1] for p in parts])
    en = np.concatenate([p[2] for p in parts])
    t_en = args.english
    fpr_en = (sc[(y == 0) & en] >= t_en).mean()
    one = (sc[y == 1] >= t_en).mean()
    print(f"calibration: {len(y)} rows ({int(y.sum())} injections); routed English: {int(((y == 1) & en).sum())} inj, "
          f"{int(((y == 0) & en).sum())} negatives; routed other: {int(((y == 1) & ~en).sum())} inj, "
          f"{int(((y == 0) & ~en).sum())} negatives")
    print(f"at one point {t_en}: recall {one:.2%}, FPR {(sc[y == 0] >= t_en).mean():.2%}; routed-English FPR "
          f"{fpr_en:.2%}, routed-other FPR {(sc[(y == 0) & ~en] >= t_en).mean():.2%}, routed-other recall "
          f"{(sc[(y == 1) & ~en] >= t_en).mean():.2%}")
    f_point = r_point = None
    print(f"{'t_other':>8}{'recall':>9}{'FPR':>8}{'oth rec':>9}{'oth FPR':>9}")
    for t in grid(t_en):
        thr = np.where(en, t_en, t)
        rec, fpr = (sc[y == 1] >= thr[y == 1]).mean(), (sc[y == 0] >= thr[y == 0]).mean()
        orec, ofpr = (sc[(y == 1) & ~en] >= t).mean(), (sc[(y == 0) & ~en] >= t).mean()
        if args.table or t in (t_en,) or round(t * 200) % 4 == 0:
            print(f"{t:>8.3f}{rec:>9.2%}{fpr:>8.2%}{orec:>9.2%}{ofpr:>9.2%}")
        if f_point is None and ofpr <= fpr_en:
            f_point = t
        if rec >= one - args.budget / 100:
            r_point = t
    print(f"criterion F (routed-other FPR <= routed-English FPR {fpr_en:.2%}): {f_point}")
    print(f"criterion R (pooled recall >= {one:.2%} - {args.budget} points): {r_point}")


def read(args: argparse.Namespace) -> None:
    rows, sc, en = load(args.set)
    y = np.array([r["label"] for r in rows])
    thr = np.where(en, args.english, args.other)
    flag = sc >= thr
    p, n = sc[y == 1], sc[y == 0]
    r1, _, _ = recall_at(p, n, 0.01)
    print(f"{args.set}: points English {args.english}, other {args.other} (routed by lang.detect)")
    print(f"AUC {auc(p, n):.3f}  recall@1%FPR (raw scores) {r1:.1%}  recall@policy {flag[y == 1].mean():.1%} "
          f"({int(flag[y == 1].sum())}/{int((y == 1).sum())})  FPR@policy {flag[y == 0].mean():.2%} "
          f"({int(flag[y == 0].sum())}/{int((y == 0).sum())})")
    lab_en = np.array([r.get("lang") == "en" for r in rows])
    hard = np.array([r.get("kind") == "hard" for r in rows])
    for name, m in (("English (label)", lab_en), ("other languages (label)", ~lab_en)):
        print(f"  {name:<24} recall {flag[(y == 1) & m].mean():.1%} ({int(flag[(y == 1) & m].sum())}/"
              f"{int(((y == 1) & m).sum())})  FPR {flag[(y == 0) & m].mean():.2%} ({int(flag[(y == 0) & m].sum())}/"
              f"{int(((y == 0) & m).sum())})")
    m = (y == 0) & lab_en & hard
    print(f"  English hard negatives flagged {int(flag[m].sum())}/{int(m.sum())}; rows routed other: "
          f"{int((~en).sum())} (label English among them {int((~en & lab_en).sum())}, label other routed English "
          f"{int((en & ~lab_en).sum())})")


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("choose")
    c.add_argument("sets", nargs="+", help="SET.jsonl:SCORES.json")
    c.add_argument("--english", type=float, default=0.71)
    c.add_argument("--budget", type=float, default=1.0, help="recall points criterion R may spend")
    c.add_argument("--table", action="store_true", help="print every grid point")
    r = sub.add_parser("read")
    r.add_argument("set", help="SET.jsonl:SCORES.json")
    r.add_argument("--english", type=float, default=0.71)
    r.add_argument("--other", type=float, default=0.71)
    args = ap.parse_args()
    choose(args) if args.cmd == "choose" else read(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
