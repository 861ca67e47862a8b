"""The trained prompt-injection classifier: logistic regression over hashed word and character n-grams.

Runs offline on CPU with numpy. Weights ship in the package as ``data/injection_model.npz`` (plain arrays,
loaded with ``allow_pickle=False``), trained by ``scripts/train_injection.py`` from the seeded generator in
``data/``. Input is the normaliser's ``flat`` text; long texts are read in overlapping windows and the
score is the highest window's, so an injection inside a long page is not diluted by the page.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

BITS = 17
WINDOW, STRIDE = 1024, 512
CHAR_NGRAMS = (3, 4, 5)
_MASK = (1 << 32) - 1
_WORD = re.compile(r"\w+")
MODEL_FILE = "injection_model.npz"


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique hashed feature indices of ``text`` (lowercased) and their L2-normalised weights."""
    import numpy as np

    text = text.lower()
    parts = []
    codes = np.frombuffer(f" {text} ".encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    for n in CHAR_NGRAMS:
        if len(codes) < n:
            continue
        h = np.zeros(len(codes) - n + 1, dtype=np.uint64)
        for k in range(n):
            h = (h * np.uint64(1_000_003) + codes[k:len(codes) - n + 1 + k]) & np.uint64(_MASK)
        parts.append(h ^ np.uint64(n * 0x9E3779B1 & _MASK))
    words = np.array([zlib.crc32(w.encode()) for w in _WORD.findall(text)], dtype=np.uint64)
    if len(words):
        parts.append(words ^ np.uint64(0x5BD1E995))
        if len(words) > 1:
            parts.append((words[:-1] * np.uint64(31) + words[1:]) & np.uint64(_MASK) ^ np.uint64(0x27D4EB2F))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    h = np.concatenate(parts)
    idx = (((h * np.uint64(2_654_435_761)) & np.uint64(_MASK)) >> np.uint64(32 - BITS)).astype(np.int64)
    uniq, counts = np.unique(idx, return_counts=True)
    vals = np.log1p(counts.astype(np.float64))  # float64 and np.sum, not BLAS: the same bits on every machine
    return uniq, (vals / np.sqrt(np.sum(vals * vals))).astype(np.float32)


def windows(text: str) -> list[str]:
    """Overlapping windows of ``text`` (one when it fits)."""
    if len(text) <= WINDOW:
        return [text]
    return [text[i:i + WINDOW] for i in range(0, len(text) - STRIDE, STRIDE)]


class Model:
    """Weights and bias of the logistic regression."""

    def __init__(self, weights: np.ndarray, bias: float) -> None:
        self.weights = weights.astype("float32")
        self.bias = float(bias)

    def score_one(self, text: str) -> float:
        import numpy as np

        idx, vals = features(text)
        z = self.bias + float(np.sum(self.weights[idx].astype(np.float64) * vals))
        return float(1.0 / (1.0 + np.exp(-z)))

    def score(self, flat: str) -> float:
        """Probability that ``flat`` (normalised text) carries an injection: the highest window's."""
        return max(self.score_one(w) for w in windows(flat))


@lru_cache(maxsize=1)
def load() -> Model:
    """The shipped model (``data/injection_model.npz``), loaded once."""
    import numpy as np

    with resources.files("macrohard.safety.data").joinpath(MODEL_FILE).open("rb") as fh:
        with np.load(fh, allow_pickle=False) as z:
            if int(z["bits"]) != BITS:
                raise RuntimeError(f"{MODEL_FILE} was trained with {int(z['bits'])} hash bits, the code uses {BITS}: "
                                   "retrain with `python scripts/train_injection.py`")
            return Model(z["weights"], float(z["bias"]))
