"""Fit the answer screen's fraud reader (``macrohard.safety.content_fraud``) and choose its threshold.

    PYTHONPATH=src python scripts/train_content_fraud.py --extract FLAGS.jsonl   # S's verdict per row (slow: ~20 CPU-min)
    PYTHONPATH=src python scripts/train_content_fraud.py --cv FLAGS.jsonl        # leave one wave out: the threshold
    PYTHONPATH=src python scripts/train_content_fraud.py --fit FLAGS.jsonl       # writes data/content_fraud.npz

Rows: the published answer sets blind35, 36, 38–47 and everyday35, 36, 38–47 (read through ``train_sources``, which
refuses the sealed sets); fraud answers are the positives, benign answers (look-alikes, twins, everyday) the
negatives, the other harmful and biased answers are not read. The threshold: on the out-of-fold scores (one wave's
blind and everyday sets held out at a time), the lowest at which the benign answers the reader would add — those the
shipped screen lets pass — number at most ``BENIGN_BUDGET`` over the twelve waves.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

from macrohard.safety import content_fraud as cf
from macrohard.safety.train_sources import content_rows

WAVES = (35, 36, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47)
BENIGN_BUDGET = 2  # benign answers added out of fold over the twelve waves (~0.17 a wave)
L2 = float(os.environ.get("FRAUD_L2", 2e-4))
STEPS = int(os.environ.get("FRAUD_STEPS", 300))
LR = 0.05
POS_WEIGHT = float(os.environ.get("FRAUD_POS", 3.0))


def sets() -> list[str]:
    return [f"blind{w}" for w in WAVES] + [f"everyday{w}" for w in WAVES]


def rows() -> list[dict]:
    out = []
    for s in sets():
        for i, (text, labels) in enumerate(content_rows(f"benchmarks/content/{s}.tsv")):
            label = next(iter(labels)) if labels else "benign"
            out.append({"set": s, "i": i, "wave": int(s.removeprefix("blind").removeprefix("everyday")), "label": label, "text": text})
    return out


def extract(path: str) -> None:
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy

    policy = load_policy()
    with open(path, "w") as out:
        for r in rows():
            v = screen_text(r["text"], policy.answer_thresholds)
            flag = any(policy.answers.get(c, "ask") != "allow" for c in v.found)
            out.write(json.dumps({"set": r["set"], "i": r["i"], "label": r["label"], "s": flag}) + "\n")


def matrix(texts: list[str] | None = None, feats: list[np.ndarray] | None = None
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR (indptr, indices, values) of the reader's features (of ``texts``, or the ``feats`` already computed)."""
    feats = [cf.features(t) for t in texts] if feats is None else feats
    indptr = np.zeros(len(feats) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([f.size for f in feats])
    indices = np.concatenate(feats)
    values = np.concatenate([np.full(f.size, cf.value(f.size), dtype=np.float64) for f in feats])
    return indptr, indices, values


def fit(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2 logistic regression, full batch, Adam (deterministic)."""
    n = y.size
    sw = np.where(y > 0, POS_WEIGHT, 1.0)
    sw = sw / sw.sum()
    counts = np.diff(indptr)
    w = np.zeros(cf.DIM)
    b = 0.0
    m, v = np.zeros(cf.DIM + 1), np.zeros(cf.DIM + 1)
    for t in range(1, STEPS + 1):
        z = b + np.add.reduceat(w[indices] * values, indptr[:-1]) if n else np.zeros(0)
        p = 1 / (1 + np.exp(-np.clip(z, -50, 50)))
        g = (p - y) * sw
        grad = np.bincount(indices, weights=np.repeat(g, counts) * values, minlength=cf.DIM) + L2 * w
        full = np.append(grad, g.sum())
        m = 0.9 * m + 0.1 * full
        v = 0.999 * v + 0.001 * full * full
        step = LR * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        w -= step[:-1]
        b -= step[-1]
    return w.astype(np.float32), float(b)


def predict(w: np.ndarray, b: float, indptr: np.ndarray, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
    z = b + np.add.reduceat(w[indices].astype(np.float64) * values, indptr[:-1])
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))


def load(flags_path: str) -> tuple[list[dict], np.ndarray]:
    flags = {(d["set"], d["i"]): d["s"] for d in map(json.loads, Path(flags_path).read_text().splitlines())}
    rs = [r for r in rows() if r["label"] in ("fraud", "benign")]
    for r in rs:
        r["s"] = flags[(r["set"], r["i"])]
    return rs, np.array([1.0 if r["label"] == "fraud" else 0.0 for r in rs])


def threshold(p: np.ndarray, rs: list[dict], y: np.ndarray) -> float:
    """The lowest threshold at which at most BENIGN_BUDGET benign answers the screen passes reach it."""
    passed_benign = np.sort([pi for pi, r, yi in zip(p, rs, y, strict=True) if yi == 0 and not r["s"]])[::-1]
    return float(np.nextafter(passed_benign[BENIGN_BUDGET], 1.0)) if passed_benign.size > BENIGN_BUDGET else 0.5


def cv(flags_path: str) -> None:
    rs, y = load(flags_path)
    waves = np.array([r["wave"] for r in rs])
    oof = np.zeros(y.size)
    feats = [cf.features(r["text"]) for r in rs]
    for wave in WAVES:
        tr, te = waves != wave, waves == wave
        w, b = fit(*matrix(feats=[f for f, k in zip(feats, tr, strict=True) if k]), y[tr])
        oof[te] = predict(w, b, *matrix(feats=[f for f, k in zip(feats, te, strict=True) if k]))
        print(f"fold {wave}: fraud passed by S {int(((y == 1) & te & ~np.array([r['s'] for r in rs])).sum())}",
              file=sys.stderr)
    t = threshold(oof, rs, y)
    s = np.array([r["s"] for r in rs])
    print(f"out-of-fold threshold {t:.4f} (benign budget {BENIGN_BUDGET})")
    for th in sorted({t, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95}):
        add_f = int(((oof >= th) & (y == 1) & ~s).sum())
        add_b = int(((oof >= th) & (y == 0) & ~s).sum())
        print(f"  t {th:.4f}: fraud S {int((s & (y == 1)).sum())}/{int(y.sum())} + {add_f}; benign S "
              f"{int((s & (y == 0)).sum())}/{int((y == 0).sum())} + {add_b}")
    for wave in WAVES:
        te = waves == wave
        print(f"  wave {wave}: +{int(((oof >= t) & (y == 1) & ~s & te).sum())} fraud, "
              f"+{int(((oof >= t) & (y == 0) & ~s & te).sum())} benign")
    Path(os.environ.get("FRAUD_OOF", "/tmp/scr63/oof.json")).write_text(json.dumps({"t": t, "oof": oof.tolist(),
                                                       "keys": [[r["set"], r["i"]] for r in rs]}))


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--extract"]:
        extract(args[1])
    elif args[:1] == ["--cv"]:
        cv(args[1])
    elif args[:1] == ["--fit"]:
        rs, y = load(args[1])
        t = float(args[args.index("--threshold") + 1])
        w, b = fit(*matrix([r["text"] for r in rs]), y)
        cf.FraudReader(w, b, t, {"rows": float(len(rs)), "fraud": float(y.sum()), "budget": BENIGN_BUDGET,
                                 "l2": L2, "steps": STEPS, "pos_weight": POS_WEIGHT}).save(cf.MODEL_PATH)
        print(f"wrote {cf.MODEL_PATH}: {len(rs)} rows, threshold {t:.4f}")
    else:
        print(__doc__)


if __name__ == "__main__":
    main()
