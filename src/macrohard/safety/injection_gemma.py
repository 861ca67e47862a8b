"""The injection screen's third voter, for text not in English: a head over Gemma-3-270m's own token table.

The n-gram model and the MiniLM head (``injection_embed``) learnt their orders mostly in English: on blind19 the
screen flagged 82 % of the English injections and 29 % of the others. Gemma's input embedding (``gemma_table``, the
table the answer screen's ``content_gemma`` reads) was learnt over many languages, so a word sits near its
translations and what the English training rows teach reaches other languages too.

A text's Gemma tokens are read in windows (``WIDTH`` tokens every ``STRIDE``, as the MiniLM head reads its own): each
window's mean row (L2-normalised) beside its per-dimension maximum, then a one-hidden-layer head
(``embed_head.Head``, trained by ``scripts/train_injection_gemma.py`` on the injection screen's training data); the
text's score is its highest window's. Only for a text that ``lang.detect`` finds not to be in English (``mix``): its
vote becomes the weighted mean in log-odds of the other voters' vote and this head's (``GEMMA_WEIGHT`` for this
head), so English text is scored exactly as before. Without Gemma's package (or llama.cpp) the vote is unchanged
(``gemma_table.available`` logs one warning naming the fix). Weights in ``data/injection_gemma.npz`` (no pickle).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

HEAD_PATH = Path(__file__).with_name("data") / "injection_gemma.npz"
WIDTH, STRIDE = 48, 24
GEMMA_WEIGHT = 0.4  # chosen on blind18 with its out-of-sample votes (inj22; RESULTS.md), then held out on blind19 once
# (policy recall 67.7 -> 70.9 % at the same FPR, other languages 29.4 -> 40.9 %). It costs CPU on every other-language
# text (Gemma's tokenizer and windows, ~0.7 ms a text, and lang.detect on every text): the screen's CPU p99 per KB on
# blind18's short texts rose 1.4-2.2x at load 20 (benchmarks/injection.py, alternating). 0 turns the voter off.


class _Table:
    """Gemma's table and tokenizer in the shape ``embed_head.window_vectors`` reads (``table``, ``token_ids``)."""

    def __init__(self):
        from macrohard.safety.gemma_table import table

        self.table = table()

    @staticmethod
    def token_ids(text: str) -> list[int]:
        from macrohard.safety.gemma_table import token_ids

        return token_ids(text)


@lru_cache(maxsize=1)
def _loaded():
    from macrohard.safety.embed_head import Head
    from macrohard.safety.gemma_table import available

    if not HEAD_PATH.exists() or not available():
        return None, None
    return _Table(), Head.load(HEAD_PATH)


def gemma_score(flat: str) -> float | None:
    """The head's probability that ``flat`` (normalised text) carries an injection (its highest window), or None
    without Gemma's table and tokenizer."""
    from macrohard.safety.embed_head import MAX_TOKENS, window_vectors

    enc, head = _loaded()
    if head is None or not flat:
        return None
    ids = enc.token_ids(flat)[:MAX_TOKENS] or [0]
    rows = _Rows(enc.table[np.asarray(ids)].astype(np.float32))  # sums and maxima in float32: a third of the CPU
    return float(head.probs(window_vectors(rows, list(range(len(ids))), WIDTH, STRIDE, with_max=True))[:, 0].max())


class _Rows:
    """A text's own rows as the table ``window_vectors`` indexes."""

    def __init__(self, table: np.ndarray):
        self.table = table


def mix(vote: float, flat: str) -> float:
    """``vote`` (the n-gram and MiniLM voters together) mixed with this head's score when ``flat`` is not in
    English; unchanged for English text or without Gemma."""
    from macrohard.safety.lang import detect

    if GEMMA_WEIGHT <= 0 or not flat or not detect(flat).other:  # 0: the voter off (no detect, no Gemma: no CPU)
        return vote
    got = gemma_score(flat)
    if got is None:
        return vote
    from macrohard.safety.embed_head import combine

    return float(combine(float(vote), got, 1.0 - GEMMA_WEIGHT))
