"""scc36: the answer screen's cheaper code gives the same numbers as the code it replaced (oracles kept here)."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from macrohard.safety import content_model as m

TEXTS = ["", "done", "a", "Step 1: mix 20 g of it. Then heat -- don't stop!", "Ça coûte 3 € — naïve café",
         "word " * 700, "x" * 13000, "The quarterly report covers revenue, churn and hiring. " * 150,
         "it's it's it's O'Neil 12 345 6789"]


def _old_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """``content_model.features`` before scc36: every key hashed, ``np.unique`` of the hashes."""
    if len(text) > 2 * m.MAX_CHARS:
        text = text[:m.MAX_CHARS] + " " + text[-m.MAX_CHARS:]
    text = m.normalise(text)
    if len(text) > m.MAX_CHARS:
        text = text[: m.MAX_CHARS // 2] + " " + text[-m.MAX_CHARS // 2:]
    words = m._WORD.findall(text)
    keys = [f"w {w}" for w in words]
    keys += [f"b {a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for w in set(words):
        padded = f"<{w}>"
        keys += [f"c {padded[i:i + 4]}" for i in range(max(1, len(padded) - 3))]
    idx = np.unique(np.fromiter((zlib.crc32(k.encode()) & (m.DIM - 1) for k in keys), dtype=np.int64,
                                count=len(keys)))
    if idx.size == 0:
        return idx, np.zeros(0, dtype=np.float32)
    return idx, np.full(idx.size, 1.0 / np.sqrt(max(idx.size, m.MIN_FEATURES)), dtype=np.float32)


@pytest.mark.parametrize("text", TEXTS)
def test_features_same_as_before(text: str) -> None:
    (a, va), (b, vb) = _old_features(text), m.features(text)
    assert a.dtype == b.dtype and va.dtype == vb.dtype
    assert np.array_equal(a, b) and np.array_equal(va, vb)
    assert m.features(text)[0].tolist() == b.tolist()  # the memo's second reading too


def test_gemma_pooled_rows_same_as_gathered() -> None:
    from macrohard.safety.content_gemma import pooled

    rng = np.random.default_rng(3)
    table = rng.standard_normal((500, 16)).astype(np.float16)
    idf = rng.random(500).astype(np.float32)
    for n in (0, 1, 7, 64):
        ids = rng.integers(0, 500, n)
        rows = table[ids].astype(np.float32) if n else None
        assert np.array_equal(pooled(ids, idf, table), pooled(ids, idf, table, rows))
