"""Trains the answer screen's head over the full MiniLM (``safety/data/content_embed.npz``); deterministic.

    PYTHONPATH=src python scripts/train_content_embed.py            # rewrite the shipped head
    PYTHONPATH=src python scripts/train_content_embed.py --check    # retrain and compare with the shipped file

Data: the n-gram classifier's seeded training set (``content_data.generate`` + ``content_more.generate_more``,
shuffled and split 80/20 exactly as ``content_train`` does). Each answer's first ``TOKENS`` tokens go through the
int8 ONNX MiniLM (``embed_onnx``, the encoder the screen runs), mean-pooled; a logistic head (``embed_head.fit``)
is trained on the 80 % and its validation metrics on the 20 % are stored in the file. The dev sets in
``benchmarks/content`` are never read here (the vote weight and thresholds were chosen on them, by hand).
"""

from __future__ import annotations

import random
import sys

import numpy as np

from macrohard.safety.content_data import LABELS, generate
from macrohard.safety.content_embed import HEAD_PATH, encoder
from macrohard.safety.content_more import generate_more
from macrohard.safety.content_train import validation_meta
from macrohard.safety.embed_head import Head, fit

SEED, EPOCHS, LR, L2 = 20261129, 400, 0.05, 1e-3


def embed(texts: list[str]) -> np.ndarray:
    enc = encoder()
    if enc is None:
        raise SystemExit("the ONNX MiniLM is missing: run `python -m macrohard.safety.embed build` first")
    return enc.embed_many(texts)  # one at a time, as the screen runs (int8 activations are scaled per run)


def train() -> Head:
    data = generate(SEED) + generate_more()
    random.Random(SEED).shuffle(data)
    cut = int(len(data) * 0.8)
    y = np.array([[label in labels for label in LABELS] for _, labels in data], dtype=np.float32)
    x = embed([t for t, _ in data])
    head = fit(x[:cut], y[:cut], epochs=EPOCHS, lr=LR, l2=L2)
    head.meta = validation_meta(head.probs(x[cut:]), y[cut:])
    return head


def main(argv: list[str]) -> int:
    head = train()
    if "--check" in argv:
        shipped = Head.load(HEAD_PATH)
        same = all(abs(shipped.meta[k] - v) < 1e-3 for k, v in head.meta.items())
        print("reproduced" if same else f"DIFFERENT: {shipped.meta} vs {head.meta}")
        return 0 if same else 1
    head.save(HEAD_PATH)
    print(f"wrote {HEAD_PATH}: {head.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
