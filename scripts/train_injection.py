"""Trains the prompt-injection classifier from the seeded generator and writes the shipped weights.

    python scripts/train_injection.py            # writes src/macrohard/safety/data/injection_model.npz
    python scripts/train_injection.py --check    # retrains and compares with the shipped file

Deterministic: the data, the shuffling and the optimiser are seeded, so the same code gives the same bytes.
Never reads the held-out set in benchmarks/injection_data/.
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

OUT = Path(__file__).resolve().parents[1] / "src/macrohard/safety/data/injection_model.npz"
EPOCHS, BATCH, LR, L2 = 6, 32, 0.5, 1e-4


def dataset_texts(n_pos: int, n_neg: int, seed: int) -> tuple[list[str], np.ndarray]:
    """The training texts (normalised, cut to one window) and their labels, as ``dataset`` reads them."""
    texts, labels = [], []
    for ex in generate(n_pos, n_neg, seed) + generate_more():
        flat = normalise(ex.text).flat[:WINDOW]
        if flat:
            texts.append(flat)
            labels.append(ex.label)
    return texts, np.array(labels, dtype=np.float64)


def dataset(n_pos: int, n_neg: int, seed: int) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray]:
    rows, labels = [], []
    for ex in generate(n_pos, n_neg, seed) + generate_more():
        flat = normalise(ex.text).flat[:WINDOW]
        if not flat:
            continue
        rows.append(features(flat))
        labels.append(ex.label)
    return rows, np.array(labels, dtype=np.float64)


def train(seed: int = 1) -> tuple[np.ndarray, float]:
    rows, y = dataset(3000, 4000, seed=20_261_129)
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
    args = ap.parse_args()
    w, b = train()
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
