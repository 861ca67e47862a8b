"""Trains the injection screen's embedding head and writes ``src/macrohard/safety/data/injection_embed.npz``.

    python scripts/train_injection_embed.py            # write the shipped head
    python scripts/train_injection_embed.py --check    # retrain and compare its validation figures

The same seeded data as ``scripts/train_injection.py`` (the texts normalised, cut to the n-gram model's window),
embedded with the static MiniLM table (``macrohard.safety.embed``), split 80/20 by a seeded permutation; full-batch
Adam with L2 (deterministic). Never reads the held-out or blind sets in ``benchmarks/injection_data/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_injection import dataset_texts  # noqa: E402

from macrohard.safety import embed_head  # noqa: E402
from macrohard.safety.embed import static  # noqa: E402
from macrohard.safety.injection_embed import HEAD_PATH  # noqa: E402


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    both = np.concatenate([pos, neg])
    ranks = both.argsort(kind="mergesort").argsort(kind="mergesort") + 1.0
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def train(seed: int = 1) -> embed_head.Head:
    texts, y = dataset_texts(3000, 4000, seed=20_261_129)
    order = np.random.default_rng(seed).permutation(len(texts))
    cut = int(0.8 * len(texts))
    enc = static()
    x = np.stack([embed_head.mean_vector(enc, texts[i]) for i in order])
    yy = y[order].astype(np.float32)[:, None]
    head = embed_head.fit(x[:cut], yy[:cut])
    p = head.probs(x[cut:])[:, 0]
    yv = yy[cut:, 0]
    neg = np.sort(p[yv == 0])
    thr = float(neg[int(0.99 * len(neg))])
    head.meta = {"val_items": float(len(p)), "val_auc": auc(p[yv == 1], p[yv == 0]),
                 "val_recall_fpr1": float((p[yv == 1] > thr).mean())}
    return head


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="retrain and compare with the shipped head")
    args = ap.parse_args()
    head = train()
    if args.check:
        shipped = embed_head.Head.load(HEAD_PATH)
        # the static table is built on this machine (BLAS rounding may differ): figures within half a point
        same = all(abs(shipped.meta[k] - v) < 5e-3 for k, v in head.meta.items())
        print(f"{'reproduced' if same else 'DIFFERENT'}: shipped {shipped.meta}, retrained {head.meta}")
        return 0 if same else 1
    head.save(HEAD_PATH)
    print(f"wrote {HEAD_PATH} ({HEAD_PATH.stat().st_size // 1024} KiB): {head.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
