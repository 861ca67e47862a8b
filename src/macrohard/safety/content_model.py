"""The answer classifier: multi-label logistic regression on hashed word and character n-grams, numpy only.

Weights ship as ``data/content_model.npz`` (no pickle: loaded with ``allow_pickle=False``), trained by
``python -m macrohard.safety.content_train`` from ``content_data``. ``scores(text)`` gives a probability
per label in ``LABELS``; the policy picks the threshold and the decision per category.
"""

from __future__ import annotations

import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from macrohard.safety import lazyre

MODEL_PATH = Path(__file__).with_name("data") / "content_model.npz"
DIM = 1 << 18
MIN_FEATURES = 32
MAX_CHARS = 6000  # longer answers are scored on their first and last 3000 characters (said in the verdict)

_WORD = lazyre.compile(r"[a-z0-9']+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise(text: str) -> str:
    """NFKC, no zero-width characters, lower case, one space for any run of whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).lower()
    return " ".join(text.split())


def _hash(key: str) -> int:
    return zlib.crc32(key.encode()) & (DIM - 1)


@lru_cache(maxsize=1 << 15)
def _word_ids(w: str) -> frozenset[int]:
    """The hashed keys a word gives whatever its neighbours (its own and its character 4-grams). Memoised (scc36, as
    ``content_multi._word_ids``): the same words recur across answers, and hashing every key of every word again was
    most of ``features``' time."""
    padded = f"<{w}>"
    return frozenset(map(_hash, [f"w {w}", *(f"c {padded[i:i + 4]}" for i in range(max(1, len(padded) - 3)))]))


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed feature indices and their (L2-normalised, binary) values."""
    if len(text) > 2 * MAX_CHARS:  # cut before normalising: a huge text costs no more than a long one
        text = text[:MAX_CHARS] + " " + text[-MAX_CHARS:]
    text = normalise(text)
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS // 2] + " " + text[-MAX_CHARS // 2:]
    words = _WORD.findall(text)
    ids: set[int] = set()
    for w in set(words):
        ids |= _word_ids(w)
    ids.update(_hash(f"b {a} {b}") for a, b in zip(words, words[1:], strict=False))
    idx = np.fromiter(ids, dtype=np.int64, count=len(ids))
    idx.sort()  # the sorted distinct indices, as np.unique of every key's hash gave them (scc36: same array)
    if idx.size == 0:
        return idx, np.zeros(0, dtype=np.float32)
    # scaled as if at least MIN_FEATURES were present: a one-word answer ("done") must not score like a sentence
    return idx, np.full(idx.size, 1.0 / np.sqrt(max(idx.size, MIN_FEATURES)), dtype=np.float32)


class ContentModel:
    """Weights (DIM x labels), a bias per label, and the label names."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: tuple[str, ...], meta: dict[str, float]):
        self.weights, self.bias, self.labels, self.meta = weights, bias, labels, meta

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ContentModel:
        with np.load(path, allow_pickle=False) as z:
            weights = np.zeros((DIM, len(z["labels"])), dtype=np.float32)
            weights[z["index"]] = z["values"].astype(np.float32)
            meta = {str(k): float(v) for k, v in zip(z["meta_keys"], z["meta_values"], strict=True)}
            return cls(weights, z["bias"].astype(np.float32), tuple(str(x) for x in z["labels"]), meta)

    def save(self, path: Path) -> None:
        nz = np.flatnonzero(np.any(self.weights != 0, axis=1))
        np.savez_compressed(path, index=nz.astype(np.int32), values=self.weights[nz].astype(np.float16),
                            bias=self.bias.astype(np.float32), labels=np.array(self.labels),
                            meta_keys=np.array(sorted(self.meta)),
                            meta_values=np.array([self.meta[k] for k in sorted(self.meta)], dtype=np.float64))

    def scores(self, text: str) -> dict[str, float]:
        idx, val = features(text)
        z = val @ self.weights[idx] + self.bias if idx.size else self.bias.copy()
        prob = 1.0 / (1.0 + np.exp(-z))
        return {label: float(p) for label, p in zip(self.labels, prob, strict=True)}


@lru_cache(maxsize=1)
def shipped() -> ContentModel:
    """The packaged model, loaded once."""
    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"{MODEL_PATH} is missing: rebuild it with `python -m macrohard.safety.content_train`")
    return ContentModel.load()
