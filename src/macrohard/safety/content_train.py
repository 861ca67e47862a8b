"""Trains the answer classifier from ``content_data`` and ``content_more`` and writes ``data/content_model.npz``; deterministic.

    python -m macrohard.safety.content_train            # rewrite the shipped weights
    python -m macrohard.safety.content_train --check    # retrain and compare with the shipped file

Full-batch Adam on the logistic loss with L2, one sigmoid per label (an answer may carry several).
Metrics on a validation split of the *generated* data are stored in the file; the held-out set in
``benchmarks/content`` is never used here.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

from macrohard.safety.content_data import LABELS, generate
from macrohard.safety.content_model import DIM, MODEL_PATH, ContentModel, features
from macrohard.safety.content_more import generate_more

EPOCHS, LR, L2 = 200, 0.1, 1e-5


def _matrix(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    idx, val, ptr = [], [], [0]
    for text in texts:
        i, v = features(text)
        idx.append(i)
        val.append(v)
        ptr.append(ptr[-1] + i.size)
    return np.concatenate(idx), np.concatenate(val), np.array(ptr)


def train(seed: int = 20261129) -> ContentModel:
    data = generate(seed) + generate_more()
    random.Random(seed).shuffle(data)
    cut = int(len(data) * 0.8)
    texts = [t for t, _ in data]
    y = np.array([[label in labels for label in LABELS] for _, labels in data], dtype=np.float32)
    idx, val, ptr = _matrix(texts[:cut])
    rows = np.repeat(np.arange(cut), np.diff(ptr))
    ytr = y[:cut]
    w = np.zeros((DIM, len(LABELS)), dtype=np.float32)
    b = np.zeros(len(LABELS), dtype=np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    used = np.unique(idx)
    for t in range(1, EPOCHS + 1):
        z = np.zeros((cut, len(LABELS)), dtype=np.float32)
        np.add.at(z, rows, val[:, None] * w[idx])
        err = (1.0 / (1.0 + np.exp(-(z + b))) - ytr) / cut
        g_w = np.zeros_like(w)
        np.add.at(g_w, idx, val[:, None] * err[rows])
        g_w[used] += L2 * w[used]
        g_b = err.sum(axis=0)
        for p, g, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= LR * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    model = ContentModel(w, b, LABELS, {})
    model.meta = _metrics(model, texts[cut:], y[cut:])
    return model


def _metrics(model: ContentModel, texts: list[str], y: np.ndarray) -> dict[str, float]:
    return validation_meta(np.array([[model.scores(t)[label] for label in LABELS] for t in texts]), y)


def validation_meta(probs: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Validation figures of per-label scores against labels: false-positive rate and recall per label (at 0.5)."""
    hit = probs >= 0.5
    meta = {"val_items": float(len(y)), "val_fp_rate": float(np.mean(hit[y.sum(1) == 0].any(1)))}
    for j, label in enumerate(LABELS):
        meta[f"val_recall_{label}"] = float(np.mean(hit[y[:, j] == 1, j]))
    return meta


def main(argv: list[str]) -> int:
    model = train()
    if "--check" in argv:
        shipped = ContentModel.load(MODEL_PATH)
        same = all(abs(shipped.meta[k] - v) < 1e-9 for k, v in model.meta.items())
        print("reproduced" if same else f"DIFFERENT: {shipped.meta} vs {model.meta}")
        return 0 if same else 1
    model.save(Path(MODEL_PATH))
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB): {model.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
