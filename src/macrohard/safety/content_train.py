"""Trains the answer classifier and writes ``data/content_model.npz``; deterministic.

    python -m macrohard.safety.content_train            # rewrite the shipped weights
    python -m macrohard.safety.content_train --check    # retrain and compare with the shipped file
    python -m macrohard.safety.content_train --without data4   # leave a hand-written source out

Data: the generators (``content_data``, ``content_more``) and every answer file written by other hands
(``train_sources.CONTENT_SOURCES``: the published older evaluation sets and ``scripts/screen_data/``), the
hand-written rows weighted ``HAND_WEIGHT``. Full-batch Adam on the logistic loss with L2, one sigmoid per label
(an answer may carry several). The model is chosen by leave-one-source-out validation
(``scripts/train_content_embed.py --cv``), never by scoring a set it was trained on; the figures stored in the file
are its fit on the training data (for ``--check``).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

from macrohard.safety.content_data import LABELS, generate
from macrohard.safety.content_model import DIM, MODEL_PATH, ContentModel, features
from macrohard.safety.content_more import generate_more
from macrohard.safety.train_sources import SourceError, content_sources, without_arg

SEED = 20261129
EPOCHS, LR, L2 = 200, 0.1, 1e-5
HAND_WEIGHT = 2.0  # a hand-written answer counts as this many generated ones (chosen by leave-one-source-out)


def training_data(without: tuple[str, ...] = (), newer: bool = False
                  ) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Texts, labels (rows x LABELS), sample weights and source names ("gen" or a hand-written source), shuffled
    by the seed; ``newer``: with ``train_sources.NEWER_CONTENT_SOURCES`` (the Gemma head's data)."""
    data = [(t, labels, "gen") for t, labels in generate(SEED) + generate_more()]
    for name, rows in content_sources(without, newer=newer).items():
        data += [(t, labels, name) for t, labels in rows]
    random.Random(SEED).shuffle(data)
    y = np.array([[label in labels for label in LABELS] for _, labels, _ in data], dtype=np.float32)
    source = np.array([s for _, _, s in data])
    weight = np.where(source == "gen", 1.0, HAND_WEIGHT).astype(np.float32)
    return [t for t, _, _ in data], y, weight, source


def feature_rows(texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    return [features(t) for t in texts]


def fit_sparse(rows: list[tuple[np.ndarray, np.ndarray]], y: np.ndarray, weight: np.ndarray, dim: int,
               epochs: int, lr: float, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch Adam for a multi-label logistic regression over sparse (feature indices, values) rows, with a
    weight per row; returns (weights ``dim`` x labels, bias). Rows with no feature are left out. Sums are grouped by
    a sort, not ``np.add.at``: the same result, several times faster. Also used by ``scripts/train_content_multi.py``."""
    keep = [i for i, (idx, _) in enumerate(rows) if idx.size]
    idx = np.concatenate([rows[i][0] for i in keep])
    val = np.concatenate([rows[i][1] for i in keep])
    lens = np.array([rows[i][0].size for i in keep])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    y, weight = y[keep], weight[keep] / weight[keep].sum()
    row_of = np.repeat(np.arange(len(keep)), lens)
    order = np.argsort(idx, kind="stable")
    used, first = np.unique(idx[order], return_index=True)
    w = np.zeros((len(used), y.shape[1]), dtype=np.float32)  # the weights of the features that occur
    pos = np.searchsorted(used, idx)
    b = np.zeros(y.shape[1], dtype=np.float32)
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    # the products are taken in the sorted order directly, into buffers reused every epoch: the same numbers as
    # sorting each epoch's products (an elementwise product does not depend on the order), a third less time
    val_col, val_sorted, row_sorted = val[:, None], val[order][:, None], row_of[order]
    gathered, spread = np.empty((idx.size, y.shape[1]), dtype=w.dtype), None
    for t in range(1, epochs + 1):
        z = np.add.reduceat(np.multiply(np.take(w, pos, axis=0, out=gathered), val_col, out=gathered), starts)
        err = (1.0 / (1.0 + np.exp(-(z + b))) - y) * weight[:, None]
        if spread is None:
            spread = np.empty((idx.size, y.shape[1]), dtype=np.result_type(err, val))
        g_w = np.add.reduceat(np.multiply(np.take(err, row_sorted, axis=0, out=spread), val_sorted, out=spread),
                              first) + l2 * w
        g_b = err.sum(axis=0)
        for p, g, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    full = np.zeros((dim, y.shape[1]), dtype=np.float32)
    full[used] = w
    return full, b


def fit(rows: list[tuple[np.ndarray, np.ndarray]], y: np.ndarray, weight: np.ndarray) -> ContentModel:
    """The answer model's fit (``fit_sparse`` over the n-gram features, every label)."""
    weights, bias = fit_sparse(rows, y, weight, DIM, EPOCHS, LR, L2)
    return ContentModel(weights, bias, LABELS, {})


def train(without: tuple[str, ...] = ()) -> ContentModel:
    """The shipped model: trained on every source (less ``without``); its fit figures in ``meta``."""
    texts, y, weight, source = training_data(without)
    rows = feature_rows(texts)
    model = fit(rows, y, weight)
    model.meta = validation_meta(row_scores(model, rows), y)
    model.meta["hand_items"] = float(np.sum(source != "gen"))
    return model


def row_scores(model: ContentModel, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """``model.scores`` of every featurised row (rows x labels), the same arithmetic without featurising the texts
    again (that took a third of a retrain)."""
    probs = np.empty((len(rows), len(model.labels)), dtype=np.float64)
    for i, (idx, val) in enumerate(rows):
        z = val @ model.weights[idx] + model.bias if idx.size else model.bias.copy()
        probs[i] = 1.0 / (1.0 + np.exp(-z))
    return probs


def validation_meta(probs: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Figures of per-label scores against labels: false-positive rate and recall per label (at 0.5)."""
    hit = probs >= 0.5
    meta = {"val_items": float(len(y)), "val_fp_rate": float(np.mean(hit[y.sum(1) == 0].any(1)))}
    for j, label in enumerate(LABELS):
        meta[f"val_recall_{label}"] = float(np.mean(hit[y[:, j] == 1, j]))
    return meta


def main(argv: list[str]) -> int:
    try:
        model = train(without_arg(argv))
    except SourceError as e:
        print(f"content_train: {e}", file=sys.stderr)
        return 2
    if "--check" in argv:
        shipped = ContentModel.load(MODEL_PATH)
        # float16 weights in the file and BLAS rounding: figures within a tenth of a point
        same = set(shipped.meta) == set(model.meta) and all(abs(shipped.meta[k] - v) < 1e-3
                                                            for k, v in model.meta.items())
        print("reproduced" if same else f"DIFFERENT: {shipped.meta} vs {model.meta}")
        return 0 if same else 1
    model.save(Path(MODEL_PATH))
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB): {model.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
