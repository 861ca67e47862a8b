"""A logistic head over the static MiniLM embeddings (``embed.Static``), shared by the two screens.

The head standardises the embedding (training mean and spread), then one sigmoid per label. It is stored as a
plain ``.npz`` (no pickle) beside the n-gram model; ``combine`` mixes its score with the n-gram model's in
logit space (a weighted mean of log-odds), so the learnt representation and the n-grams vote together.
Long texts are read in token windows (``window_vectors``): an injection inside a long benign carrier is
scored on its own window, not diluted by the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from macrohard.safety.embed import Static

MAX_TOKENS = 8192  # the head reads a text's first 8,192 tokens (~32 K characters): callers say what it did not read


def token_matrix(enc: Static, text: str | list[int]) -> np.ndarray:
    """The rows of ``text``'s tokens (or of these token ids; one [PAD] row for an empty text)."""
    ids = (enc.token_ids(text) if isinstance(text, str) else text)[:MAX_TOKENS]
    return enc.table[np.asarray(ids or [0])]


def _unit(v: np.ndarray) -> np.ndarray:
    # np.linalg.norm(v, axis=-1, keepdims=True) for real v, without its argument handling (the same operations)
    return v / np.maximum(np.sqrt(np.add.reduce(v * v, axis=-1, keepdims=True)), 1e-9)


def mean_vector(enc: Static, text: str) -> np.ndarray:
    """The text's embedding: the mean of its tokens' rows, L2-normalised."""
    return _unit(token_matrix(enc, text).sum(0, dtype=np.float32))


def meanmax_vector(enc: Static, text: str) -> np.ndarray:
    """The text's mean embedding (L2-normalised) beside the per-dimension maximum of its tokens' rows."""
    m = token_matrix(enc, text)
    return np.concatenate([_unit(m.sum(0, dtype=np.float32)), m.max(0)])


def window_vectors(enc: Static, text: str | list[int], width: int = 48, stride: int = 24,
                   with_max: bool = False) -> np.ndarray:
    """Embeddings of windows of ``width`` tokens every ``stride`` (``width`` a multiple of ``stride``; one window
    when the text is shorter). One pass: sums of ``stride``-token blocks, then each window adds its blocks.
    ``with_max``: each window's per-dimension maximum follows its mean (``meanmax_vector``)."""
    return windows_of(token_matrix(enc, text), width, stride, with_max)


def windows_of(m: np.ndarray, width: int = 48, stride: int = 24, with_max: bool = False) -> np.ndarray:
    """``window_vectors`` of the token rows ``m`` themselves (a text's rows already gathered: no second gather)."""
    k = width // stride
    blocks = -(-len(m) // stride)
    if blocks <= k:
        mean = _unit(m.sum(0, dtype=np.float32))
        return (np.concatenate((mean, m.max(0))) if with_max else mean)[None]
    padded = np.zeros((blocks * stride, m.shape[1]), dtype=m.dtype)
    padded[: len(m)] = m
    sums = padded.reshape(blocks, stride, m.shape[1]).sum(1, dtype=np.float32)
    c = np.vstack([np.zeros((1, m.shape[1]), np.float32), np.cumsum(sums, 0)])
    mean = _unit(c[k:] - c[:-k])  # the mean's direction: dividing by the token count would not change it
    if not with_max:
        return mean
    padded[len(m):] = m.min(0)  # padding never wins a maximum
    maxes = padded.reshape(blocks, stride, m.shape[1]).max(1)
    most = maxes[: blocks - k + 1].copy()  # each window's maximum over its k blocks (np.max of their stack, without it)
    for j in range(1, k):
        np.maximum(most, maxes[j: blocks - k + 1 + j], out=most)
    return np.hstack([mean, most])


class Head:
    """Standardisation (``mu``, ``sd``), an optional hidden ReLU layer (``w1``: dim x hidden, ``b1``) and a logistic
    layer (``w``: dim or hidden x labels, ``b``)."""

    def __init__(self, mu: np.ndarray, sd: np.ndarray, w: np.ndarray, b: np.ndarray, meta: dict[str, float],
                 w1: np.ndarray | None = None, b1: np.ndarray | None = None):
        self.mu, self.sd, self.w, self.b, self.meta, self.w1, self.b1 = mu, sd, w, b, meta, w1, b1

    def hidden(self, x: np.ndarray) -> np.ndarray:
        xs = (x - self.mu) / self.sd
        return xs if self.w1 is None else np.maximum(xs @ self.w1 + self.b1, 0.0)

    def probs(self, x: np.ndarray) -> np.ndarray:
        """Per-row, per-label probabilities of embeddings ``x`` (rows x dim); one BLAS thread (``blas.py``)."""
        if len(x) == 1:
            return 1.0 / (1.0 + np.exp(-(self.hidden(x) @ self.w + self.b)))
        from macrohard.safety.blas import one_thread

        with one_thread():
            return 1.0 / (1.0 + np.exp(-(self.hidden(x) @ self.w + self.b)))

    def save(self, path: Path) -> None:
        keys = sorted(self.meta)
        extra = {} if self.w1 is None else {"w1": self.w1.astype(np.float32), "b1": self.b1.astype(np.float32)}
        np.savez_compressed(path, mu=self.mu.astype(np.float32), sd=self.sd.astype(np.float32),
                            w=self.w.astype(np.float32), b=self.b.astype(np.float32), meta_keys=np.array(keys),
                            meta_values=np.array([self.meta[k] for k in keys], dtype=np.float64), **extra)

    @classmethod
    def load(cls, path: Path) -> Head:
        with np.load(path, allow_pickle=False) as z:
            meta = {str(k): float(v) for k, v in zip(z["meta_keys"], z["meta_values"], strict=True)}
            hidden = (z["w1"], z["b1"]) if "w1" in z.files else (None, None)
            return cls(z["mu"], z["sd"], z["w"], z["b"], meta, *hidden)


def fit(x: np.ndarray, y: np.ndarray, epochs: int = 300, lr: float = 0.05, l2: float = 1e-2,
        weight: np.ndarray | None = None) -> Head:
    """Full-batch Adam on the logistic loss with L2 (deterministic: no sampling). ``y``: rows x labels;
    ``weight``: per-row weights (uniform when None)."""
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xs = ((x - mu) / sd).astype(np.float32)
    n = len(xs)
    scale = (np.ones(n, np.float32) / n if weight is None else (weight / weight.sum()).astype(np.float32))[:, None]
    w = np.zeros((x.shape[1], y.shape[1]), np.float32)
    b = np.zeros(y.shape[1], np.float32)
    state = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for t in range(1, epochs + 1):
        err = (1.0 / (1.0 + np.exp(-(xs @ w + b))) - y) * scale
        for p, g, m, v in ((w, xs.T @ err + l2 * w, state[0], state[1]), (b, err.sum(0), state[2], state[3])):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return Head(mu.astype(np.float32), sd.astype(np.float32), w, b, {})


def fit_mlp(x: np.ndarray, y: np.ndarray, hidden: int = 128, epochs: int = 300, lr: float = 0.01,
            l2: float = 1e-3, weight: np.ndarray | None = None, seed: int = 0, cosine: bool = False) -> Head:
    """A one-hidden-layer ReLU head: full-batch Adam on the weighted logistic loss with L2; seeded initialisation
    (deterministic on one machine). ``cosine``: the rate decays from ``lr`` to 0 along half a cosine over the epochs
    (a steadier end point than a constant rate: inj27)."""
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xs = ((x - mu) / sd).astype(np.float32)
    n = len(xs)
    scale = (np.ones(n, np.float32) / n if weight is None else (weight / weight.sum()).astype(np.float32))[:, None]
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, np.sqrt(2.0 / x.shape[1]), (x.shape[1], hidden)).astype(np.float32),
              np.zeros(hidden, np.float32), np.zeros((hidden, y.shape[1]), np.float32), np.zeros(y.shape[1], np.float32)]
    state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for t in range(1, epochs + 1):
        rate = lr * 0.5 * (1.0 + np.cos(np.pi * (t - 1) / epochs)) if cosine else lr
        w1, b1, w, b = params
        pre = xs @ w1 + b1
        h = np.maximum(pre, 0.0)
        err = (1.0 / (1.0 + np.exp(-np.clip(h @ w + b, -30.0, 30.0))) - y) * scale
        dh = (err @ w.T) * (pre > 0)
        grads = [xs.T @ dh + l2 * w1, dh.sum(0), h.T @ err + l2 * w, err.sum(0)]
        for p, g, (m, v) in zip(params, grads, state, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= rate * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    w1, b1, w, b = params
    return Head(mu.astype(np.float32), sd.astype(np.float32), w, b, {}, w1, b1)


def combine(p_ngram: np.ndarray | float, p_embed: np.ndarray | float, weight: float) -> np.ndarray:
    """``weight`` of the n-gram model's log-odds plus the rest of the embedding head's, back to a probability."""
    if isinstance(p_ngram, float) and isinstance(p_embed, float):  # one text: the same operations on scalars
        a, b = (min(max(p, 1e-6), 1 - 1e-6) for p in (p_ngram, p_embed))
        return 1.0 / (1.0 + np.exp(-(weight * np.log(np.float64(a / (1 - a)))
                                     + (1 - weight) * np.log(np.float64(b / (1 - b))))))

    def logit(p):
        p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))
    return 1.0 / (1.0 + np.exp(-(weight * logit(p_ngram) + (1 - weight) * logit(p_embed))))
