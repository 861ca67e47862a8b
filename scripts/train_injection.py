"""Trains the prompt-injection classifier and writes the shipped weights.

    python scripts/train_injection.py            # writes src/macrohard/safety/data/injection_model.npz
    python scripts/train_injection.py --check    # retrains and compares with the shipped file
    python scripts/train_injection.py --without data4   # leave a hand-written source out

Data: the seeded generator (``data/injection_carriers``, ``injection_more``) and every injection file written by
other hands (``train_sources.INJECTION_SOURCES``: the published older evaluation sets and ``scripts/screen_data/``),
each hand-written example repeated ``HAND_REPEAT`` times. Deterministic: the data, the shuffling and the optimiser
are seeded, so the same code gives the same bytes. The model is chosen by leaving one hand-written source out
(``scripts/train_injection_embed.py --cv``); ``benchmarks/injection_data/blind5*`` is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

import numpy as np

from macrohard.safety.classifier import BITS, WINDOW, Model, features
from macrohard.safety.data.injection_carriers import generate
from macrohard.safety.data.injection_more import generate_more
from macrohard.safety.normalize import normalise
from macrohard.safety.train_sources import SourceError, injection_sources, without_arg

OUT = Path(__file__).resolve().parents[1] / "src/macrohard/safety/data/injection_model.npz"
EPOCHS, BATCH, LR, L2 = 6, 32, 0.5, 1e-4
HAND_REPEAT = 4  # a hand-written example counts this many times (chosen by leave-one-source-out)


def dataset_sources(n_pos: int = 3000, n_neg: int = 4000, seed: int = 20_261_129,
                    without: tuple[str, ...] = ()) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
    """The training texts (normalised, cut to one window), their labels, their sources ("gen" or a
    hand-written source's name; hand-written examples not repeated here) and the texts as written."""
    texts, labels, sources, raws = [], [], [], []
    raw = [(ex.text, ex.label, "gen") for ex in generate(n_pos, n_neg, seed) + generate_more()]
    for name, rows in injection_sources(without).items():
        raw += [(text, label, name) for text, label in rows]
    for text, label, source in raw:
        flat = normalise(text).flat[:WINDOW]
        if flat:
            texts.append(flat)
            labels.append(label)
            sources.append(source)
            raws.append(text)
    return texts, np.array(labels, dtype=np.float64), np.array(sources), raws


def dataset_texts(n_pos: int, n_neg: int, seed: int, without: tuple[str, ...] = ()) -> tuple[list[str], np.ndarray]:
    """The training texts and labels, each hand-written example repeated HAND_REPEAT times."""
    texts, y, sources, _ = dataset_sources(n_pos, n_neg, seed, without)
    reps = np.where(sources == "gen", 1, HAND_REPEAT)
    return [t for t, r in zip(texts, reps, strict=True) for _ in range(r)], np.repeat(y, reps)


def fit(rows: list[tuple[np.ndarray, np.ndarray]], y: np.ndarray, seed: int = 1) -> tuple[np.ndarray, float]:
    """Mini-batch Adagrad over the (feature indices, values) rows; seeded order."""
    dim = 1 << BITS
    w, b = np.zeros(dim), 0.0
    g2, gb2 = np.full(dim, 1e-8), 1e-8  # Adagrad accumulators
    rng = np.random.default_rng(seed)
    for _ in range(EPOCHS):
        order = rng.permutation(len(rows))
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            idx = np.concatenate([rows[i][0] for i in batch])
            val = np.concatenate([rows[i][1] for i in batch]).astype(np.float64)
            lens = [len(rows[i][0]) for i in batch]
            starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
            z = np.add.reduceat(w[idx] * val, starts) + b
            err = 1.0 / (1.0 + np.exp(-z)) - y[batch]
            grad = np.bincount(idx, weights=val * np.repeat(err, lens), minlength=dim) / len(batch)
            touched = np.unique(idx)
            grad_t = grad[touched] + L2 * w[touched]
            g2[touched] += grad_t ** 2
            w[touched] -= LR * grad_t / np.sqrt(g2[touched])
            gb = float(err.mean())
            gb2 += gb * gb
            b -= LR * gb / np.sqrt(gb2)
    return w.astype(np.float16), b


def train(seed: int = 1, without: tuple[str, ...] = ()) -> tuple[np.ndarray, float]:
    texts, y = dataset_texts(3000, 4000, 20_261_129, without)
    return fit([features(t) for t in texts], y, seed)


def serialise(w: np.ndarray, b: float) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, weights=w, bias=np.float64(b), bits=np.int64(BITS))
    return buf.getvalue()


def validation(w: np.ndarray, b: float) -> dict[str, float]:
    """Figures on a fresh generator seed (not the held-out set): FPR 1 % threshold and recall there."""
    model = Model(w, b)
    exs = generate(600, 2000, seed=7)
    scores = np.array([model.score(normalise(e.text).flat) for e in exs])
    labels = np.array([e.label for e in exs])
    neg = np.sort(scores[labels == 0])
    thr = float(neg[int(0.99 * len(neg))])
    return {"threshold_fpr1": thr, "recall_fpr1": float((scores[labels == 1] > thr).mean())}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="retrain and compare with the shipped weights")
    ap.add_argument("--without", action="append", default=[], help="leave out a hand-written source (by name)")
    args = ap.parse_args()
    try:
        w, b = train(without=without_arg([x for name in args.without for x in ("--without", name)]))
    except SourceError as e:
        print(f"train_injection: {e}", file=sys.stderr)
        return 2
    blob = serialise(w, b)
    digest = hashlib.sha256(w.tobytes() + np.float64(b).tobytes()).hexdigest()
    if args.check:
        with np.load(OUT, allow_pickle=False) as z:
            shipped, shipped_b = z["weights"], float(z["bias"])
        if np.array_equal(shipped, w) and shipped_b == b:
            print(f"retrained weights sha256 {digest[:16]}: identical to {OUT.name}")
            return 0
        # another CPU may round differently: then the figures must still agree
        ours, theirs = validation(w, b), validation(shipped, shipped_b)
        close = float(np.abs(shipped.astype(np.float64) - w).max()) < 0.05 and abs(shipped_b - b) < 0.05
        same = close and all(abs(ours[k] - theirs[k]) < 0.01 for k in ours)
        print(f"retrained weights sha256 {digest[:16]} differ from {OUT.name}; validation {ours} vs {theirs}: "
              f"{'same metrics' if same else 'DIFFERENT'}")
        return 0 if same else 1
    OUT.write_bytes(blob)
    print(f"wrote {OUT} ({len(blob) // 1024} KiB, sha256 of weights {digest[:16]})")
    print(validation(w, b))
    return 0


if __name__ == "__main__":
    sys.exit(main())
