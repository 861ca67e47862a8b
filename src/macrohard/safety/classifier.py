"""The trained prompt-injection classifier: logistic regression over hashed word and character n-grams.

Runs offline on CPU with numpy. Weights ship in the package as ``data/injection_model.npz`` (plain arrays,
loaded with ``allow_pickle=False``), trained by ``scripts/train_injection.py`` from the seeded generator in
``data/``. Input is the normaliser's ``flat`` text; long texts are read in overlapping windows and the
score is the highest window's, so an injection inside a long page is not diluted by the page.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    import numpy as np

BITS = 17
WINDOW, STRIDE = 1024, 512
CHAR_NGRAMS = (3, 4, 5)
_MASK = (1 << 32) - 1
_WORD = lazyre.compile(r"\w+")
MODEL_FILE = "injection_model.npz"


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique hashed feature indices of ``text`` (lowercased) and their L2-normalised weights.

    The hashes are arithmetic modulo 2**32 (``_MASK``), done in uint32, where it wraps by itself; each n-gram's hash
    extends the (n-1)-gram's by one character (the same values as hashing each n-gram from scratch, fewer passes)."""
    import numpy as np

    text = text.lower()
    parts = []
    codes = np.frombuffer(f" {text} ".encode("utf-32-le"), dtype=np.uint32)
    mult, h = np.uint32(1_000_003), None
    for n in range(1, max(CHAR_NGRAMS) + 1):
        if len(codes) < n:
            break
        h = codes if h is None else h[:-1] * mult + codes[n - 1:]  # each step makes a new array: no copy needed
        if n in CHAR_NGRAMS:
            parts.append(h ^ np.uint32(n * 0x9E3779B1 & _MASK))
    words = np.array([zlib.crc32(w.encode()) for w in _WORD.findall(text)], dtype=np.uint32)
    if len(words):
        parts.append(words ^ np.uint32(0x5BD1E995))
        if len(words) > 1:
            parts.append((words[:-1] * np.uint32(31) + words[1:]) ^ np.uint32(0x27D4EB2F))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    h = np.concatenate(parts)
    idx = ((h * np.uint32(2_654_435_761)) >> np.uint32(32 - BITS)).astype(np.int64)
    # np.unique(idx, return_counts=True) without its wrapper's checks and copies (a quarter of this function on a
    # short text): sort, mark where a new index starts, count the run lengths
    idx.sort()
    starts = np.empty(len(idx) + 1, dtype=bool)
    starts[0] = starts[-1] = True
    np.not_equal(idx[1:], idx[:-1], out=starts[1:-1])
    edges = np.flatnonzero(starts)
    uniq, counts = idx[edges[:-1]], np.diff(edges)
    vals = np.log1p(counts.astype(np.float64))  # float64 and np.sum, not BLAS: the same bits on every machine
    return uniq, (vals / np.sqrt((vals * vals).sum())).astype(np.float32)  # .sum(): np.sum's reduction, no wrapper


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
        z = self.bias + float((self.weights[idx].astype(np.float64) * vals).sum())
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


def score_many(texts: list[str], model: Model | None = None) -> np.ndarray:
    """Scores of many short texts (each cut to one window) in one vectorised pass: the same features as
    ``features``, grouped by text, so finding flagged lines in a long output costs one pass, not one per line."""
    import numpy as np

    model = model or load()
    if not texts:
        return np.zeros(0)
    segs = [f" {t[:WINDOW].lower()} " for t in texts]
    lens = np.array([len(s) for s in segs])
    ends = np.cumsum(lens)
    codes = np.frombuffer("".join(segs).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    seg_of = np.repeat(np.arange(len(segs)), lens)
    keys, owners = [], []
    for n in CHAR_NGRAMS:
        count = len(codes) - n + 1
        if count <= 0:
            continue
        h = np.zeros(count, dtype=np.uint64)
        for k in range(n):
            h = (h * np.uint64(1_000_003) + codes[k:k + count]) & np.uint64(_MASK)
        inside = np.arange(count) + n - 1 < ends[seg_of[:count]]  # the n-gram stays within its text
        keys.append(h[inside] ^ np.uint64(n * 0x9E3779B1 & _MASK))
        owners.append(seg_of[:count][inside])
    for i, s in enumerate(segs):
        words = np.array([zlib.crc32(w.encode()) for w in _WORD.findall(s)], dtype=np.uint64)
        if len(words):
            keys.append(words ^ np.uint64(0x5BD1E995))
            owners.append(np.full(len(words), i))
            if len(words) > 1:
                keys.append((words[:-1] * np.uint64(31) + words[1:]) & np.uint64(_MASK) ^ np.uint64(0x27D4EB2F))
                owners.append(np.full(len(words) - 1, i))
    if not keys:  # no text has a feature (empty or only symbols once normalised): each scores as an empty text does
        return np.full(len(segs), 1.0 / (1.0 + np.exp(-model.bias)))
    h = np.concatenate(keys)
    idx = (((h * np.uint64(2_654_435_761)) & np.uint64(_MASK)) >> np.uint64(32 - BITS)).astype(np.int64)
    uniq, counts = np.unique(np.concatenate(owners).astype(np.int64) << BITS | idx, return_counts=True)
    owner, feat = uniq >> BITS, uniq & ((1 << BITS) - 1)
    vals = np.log1p(counts.astype(np.float64))
    norm = np.sqrt(np.bincount(owner, vals * vals, minlength=len(segs)))
    dot = np.bincount(owner, model.weights[feat].astype(np.float64) * vals, minlength=len(segs))
    z = model.bias + dot / np.where(norm > 0, norm, 1.0)
    return 1.0 / (1.0 + np.exp(-z))
