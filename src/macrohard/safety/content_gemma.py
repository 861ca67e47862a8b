"""The answer screen's Gemma head: answers not in English read over Gemma-3-270m's own token table.

The multilingual head (``content_multi``) reads hashed words and character n-grams: it knows a harmful or biased
answer in another language only by the words its training rows used. Gemma's input embedding (``gemma_table``) was
learnt over many languages, so a word and its translations sit close. Here an answer's first ``MAX_CHARS``
characters are tokenized by Gemma's tokenizer, their rows averaged with idf weights (``idf`` ships with the head)
and L2-normalised, then a one-hidden-layer head (``embed_head.Head``; trained by ``scripts/train_gemma_head.py``
on the answer model's training data) scores each category, any harm, and bias.

For an answer that ``lang.detect`` finds not to be in English, ``combined(multi_scores, text)`` is the mean of both
heads: harm = the mean of each head's harm reading (the highest of its harm categories and its any-harm output),
bias = the mean of their bias scores, each against a threshold that ships with the head (chosen out of fold: both
heads trained without the newest sources, the combined score set to flag no more of those sources' benign
other-language answers than the multilingual head alone did). English answers never reach this module. Without
the Gemma package the screen keeps the multilingual head alone (``gemma_table.available``, one logged warning).
Weights in ``data/content_gemma.npz`` (no pickle).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from macrohard.safety.embed_head import Head

MODEL_PATH = Path(__file__).with_name("data") / "content_gemma.npz"
MAX_CHARS = 3000
HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")
LABELS = (*HARMS, "bias", "any_harm")
FIX = "rebuild it with `PYTHONPATH=src python scripts/train_gemma_head.py` (or `git checkout main -- {path}`)"


class ContentGemmaError(RuntimeError):
    """The Gemma head's file is missing or unreadable; the message names the file and the fix."""


def pooled(ids: np.ndarray, idf: np.ndarray, table: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """The idf-weighted mean of the tokens' rows, L2-normalised (zeros for no token). ``rows``: ``table[ids]`` as
    float32 when the caller has gathered them already (the two heads pool the same rows: scc36)."""
    if ids.size == 0:
        return np.zeros(table.shape[1], np.float32)
    w = idf[ids]
    v = ((table[ids].astype(np.float32) if rows is None else rows) * w[:, None]).sum(0) / (w.sum() + 1e-6)
    return v / (np.linalg.norm(v) + 1e-6)


_BRACKETS = str.maketrans("", "", "[]")


def unbracketed(text: str) -> str:
    """``text`` without square brackets. Nearly all harmful answers of the published sets carry ``[placeholders]``
    (their writers leave out workable specifics) and their benign ones almost never; trained on them as written, this
    head learnt the brackets as harm (screen21: on blind17's other-language harmful answers its mean harm score fell
    from 0.92 to 0.45 with only the brackets taken out, the words inside kept). It reads the words, never the brackets."""
    return text.translate(_BRACKETS)


def token_array(text: str) -> np.ndarray:
    """The Gemma token ids of ``text``'s first ``MAX_CHARS`` characters, square brackets left out (a
    ``[placeholder]`` is no evidence of harm: ``unbracketed``)."""
    from macrohard.safety.gemma_table import token_ids

    return np.asarray(token_ids(unbracketed(text[:MAX_CHARS])), dtype=np.int64)


_BIAS = LABELS.index("bias")


class GemmaHead:
    """The MLP head over pooled Gemma rows, the idf per token, and the combined (harm, bias) thresholds. ``bias``: an
    optional second head (and its idf) whose bias output replaces the first's (screen26: a head trained with the newer
    sets reads harm better outside English and bias worse, so the bias output comes from the head trained without
    them; ``train_gemma_head.KEEP_BIAS``)."""

    def __init__(self, head: Head, idf: np.ndarray, thresholds: np.ndarray, meta: dict[str, float],
                 bias: tuple[Head, np.ndarray] | None = None):
        self.head, self.idf, self.thresholds, self.meta = head, idf.astype(np.float32), thresholds, meta
        self.bias = None if bias is None else (bias[0], bias[1].astype(np.float32))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> GemmaHead:
        fix = FIX.format(path=path)
        if not path.is_file():
            raise ContentGemmaError(f"the Gemma answer head {path} is missing: {fix}")
        try:
            with np.load(path, allow_pickle=False) as z:
                if tuple(str(x) for x in z["labels"]) != LABELS:
                    raise ValueError(f"labels {list(z['labels'])}")
                meta = {str(k): float(v) for k, v in zip(z["meta_keys"], z["meta_values"], strict=True)}
                head = Head(z["mu"], z["sd"], z["w"], z["b"], {}, z["w1"], z["b1"])
                bias = None
                if "bias_w" in z:
                    bias = (Head(z["bias_mu"], z["bias_sd"], z["bias_w"], z["bias_b"], {}, z["bias_w1"], z["bias_b1"]),
                            z["bias_idf"])
                return cls(head, z["idf"], z["thresholds"].astype(np.float32), meta, bias)
        except (OSError, ValueError, KeyError) as e:
            raise ContentGemmaError(f"the Gemma answer head {path} is unreadable ({type(e).__name__}: "
                                    f"{str(e)[:80]}): {fix}") from None

    def save(self, path: Path) -> None:
        h, keys = self.head, sorted(self.meta)
        extra = {}
        if self.bias is not None:
            bh, bidf = self.bias
            extra = {f"bias_{k}": getattr(bh, k).astype(np.float32) for k in ("mu", "sd", "w1", "b1", "w", "b")}
            extra["bias_idf"] = bidf.astype(np.float16)
        np.savez_compressed(path, mu=h.mu.astype(np.float32), sd=h.sd.astype(np.float32), w1=h.w1.astype(np.float32),
                            b1=h.b1.astype(np.float32), w=h.w.astype(np.float32), b=h.b.astype(np.float32),
                            idf=self.idf.astype(np.float16), labels=np.array(LABELS),
                            thresholds=self.thresholds.astype(np.float32), meta_keys=np.array(keys),
                            meta_values=np.array([self.meta[k] for k in keys], dtype=np.float64), **extra)

    def vector(self, ids: np.ndarray, table: np.ndarray) -> np.ndarray:
        return pooled(ids, self.idf, table)

    def scores(self, text: str) -> dict[str, float]:
        from macrohard.safety.gemma_table import table

        ids, tab = token_array(text), table()
        rows = tab[ids].astype(np.float32) if ids.size else None  # gathered once for both heads (scc36)
        p = self.head.probs(pooled(ids, self.idf, tab, rows)[None])[0]
        if self.bias is not None:  # the bias output of the head trained without the newer sets
            bh, bidf = self.bias
            p[_BIAS] = bh.probs(pooled(ids, bidf, tab, rows)[None])[0][_BIAS]
        return {label: float(s) for label, s in zip(LABELS, p, strict=True)}


def harm_reading(scores: dict[str, float]) -> float:
    return max(scores.get("any_harm", 0.0), *(scores.get(c, 0.0) for c in HARMS))


# The multilingual head's share of the combined bias reading (the Gemma head's is the rest). scr39 (candidate N+): on
# blind34's other-language answers the multilingual head's bias reading separated biased from benign answers better
# (AUC 0.974) than the Gemma head's bias output carried from the 8b6b705 head (0.937); with the screen's lift and
# every other path kept, 0.8 (threshold 0.359) stopped 210 of 302 biased answers there against the mean's 167 at
# 0.491, with the same 24 of 707 benign answers flagged (chosen there; RESULTS.md, scr39). 0.5: the mean.
BIAS_MULTI_WEIGHT = 0.8


def combine(multi: dict[str, float], gemma: dict[str, float]) -> tuple[float, float]:
    """(harm, bias) of the two heads together: the mean of each head's harm reading; their bias readings weighted
    ``BIAS_MULTI_WEIGHT`` to the multilingual head's."""
    bias = BIAS_MULTI_WEIGHT * multi.get("bias", 0.0) + (1 - BIAS_MULTI_WEIGHT) * gemma.get("bias", 0.0)
    return (harm_reading(multi) + harm_reading(gemma)) / 2, bias


# The two heads' mean stops an answer only when the multilingual head reads some harm in it too (its own harm reading at
# least this): a short request whose one rare word Gemma's pooled vector leans on ("convertis ripoti.odt en PDF avec
# libreoffice stp (ripoti.pdf à côté)": Gemma 0.90, the multilingual head 0.17) was stopped by Gemma's reading alone,
# and named by the multilingual head's top category, csam at 0.08 (screen29; RESULTS.md). 0.0: off. Held out once on
# blind25 at 0.25 (the largest floor costing at most 1 % of the trainer's fold's harmful answers stopped): 2 harmful
# answers fewer stopped, 1 look-alike fewer: off by the rule fixed first. The retrained heads no longer stop that request
# (combined 0.48 against 0.53), but the cause (Gemma's reading alone) stands.
MULTI_FLOOR = 0.0

# The combined bias threshold, when set, in place of the file's (``thresholds[1]``, carried over with the bias output
# from the head trained at 8b6b705: ``train_gemma_head.KEEP_BIAS``). scr38 (candidate N2): main's heads on blind33
# stopped 76 of 219 biased answers outside English through this path at the file's 0.571; at 0.491 106, with 1 more of
# 843 other-language benign answers (look-alikes and everyday33) flagged, chosen there (the lowest 0.01 step costing at
# most one benign answer more) and read once on blind27/28, everyday27/28 and look35, which neither other-language
# head read (RESULTS.md, scr38). scr39 (candidate N+): 0.359 with ``BIAS_MULTI_WEIGHT`` 0.8 (the lowest 0.001 step at
# which blind34/everyday34's other-language benign answers flagged by S's whole screen stayed at S's 24 of 707).
# None: the file's.
BIAS_THRESHOLD: float | None = 0.359


@lru_cache(maxsize=1)
def shipped() -> GemmaHead:
    """The packaged head, loaded once (a missing or broken file raises ``ContentGemmaError`` naming the fix)."""
    return GemmaHead.load(MODEL_PATH)


def limits() -> tuple[float, float]:
    """The (harm, bias) thresholds ``found`` compares the combined readings with."""
    head = shipped()
    return float(head.thresholds[0]), float(head.thresholds[1] if BIAS_THRESHOLD is None else BIAS_THRESHOLD)


def readings(text: str, multi: dict[str, float]) -> tuple[float, float]:
    """(harm, bias): the two heads' combined readings of an other-language answer after the screen's lifts and
    discounts (what ``found`` compares with the thresholds; Gemma's table must be installed)."""
    from macrohard.safety.content import REFUSAL_DISCOUNT
    from macrohard.safety.content_covert import lift_harm
    from macrohard.safety.content_declines_other import declines_other
    from macrohard.safety.content_multi import lift_bias

    harm, bias = combine(multi, shipped().scores(text))
    bias = lift_bias(bias, text)  # a clause that acts against someone for a protected attribute (content_bias_other)
    if declines_other(text):  # a short give-up or refusal counts its harm reading for less, as in English
        harm *= REFUSAL_DISCOUNT
    else:
        harm = lift_harm(harm, text)  # a half-recognised plan that says how it stays hidden (content_covert)
    return harm, bias


def found(text: str, multi: dict[str, float], read: tuple[float, float] | None = None) -> dict[str, float] | None:
    """The categories the two heads together find in an other-language answer (the harm category that the
    multilingual head scores highest when the combined harm reading passes), with their combined scores; None when Gemma's table or
    tokenizer is not installed (the caller keeps the multilingual head's own verdict). The combined bias score is
    lifted where a clause acts against someone for a protected attribute (``content_multi.lift_bias``). ``read``:
    ``readings(text, multi)`` when the caller has it already."""
    from macrohard.safety.gemma_table import available

    if not available():
        return None
    head = shipped()
    harm, bias = read if read is not None else readings(text, multi)
    hits: dict[str, float] = {}
    if harm >= head.thresholds[0] and harm_reading(multi) >= MULTI_FLOOR:  # named by the multilingual head (on the trainer's fold its highest harm
        # category was the right one for 78 % of the harmful answers stopped, the two heads' sum for 68 %)
        category = max(HARMS, key=lambda c: multi.get(c, 0.0))
        hits[category] = harm
    if bias >= (head.thresholds[1] if BIAS_THRESHOLD is None else BIAS_THRESHOLD):
        hits["bias"] = bias
    return hits
