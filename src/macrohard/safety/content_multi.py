"""The answer screen for answers not in English: a multilingual head over language-agnostic features.

The answer screen's n-grams read ``[a-z0-9']`` words and its encoder is the English all-MiniLM-L6-v2, so an answer
in German, Japanese or Arabic reached it almost featureless (blind7: 2 of 122 harmful answers in 13 other languages
stopped). An answer that ``lang.detect`` finds to be in another language (or a large part of it) is read here as
well: hashed Unicode word keys, word pairs and character 3- to 5-grams of each word; for scripts written without
spaces (Chinese, Japanese, Korean, Thai) character 1- to 3-grams of each run. A logistic regression per category
(``content_data.LABELS``), trained by ``scripts/train_content_multi.py`` on answers written in 25 languages
(``scripts/screen_data/content_multi8m.tsv``, ``content_multi9m.tsv``) and the other-language rows of the training
sources; each category's threshold ships with the weights (chosen on out-of-fold scores, one source left out at a time). Weights in ``data/content_multi.npz`` (no pickle).

``screen(text)`` returns the categories found (a reason each), empty for English text: English answers are not
touched. Pure numpy, about a millisecond for a short answer; longer texts are read on their first and last
``MAX_CHARS // 2`` characters.
"""

from __future__ import annotations

import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from macrohard.safety import lazyre
from macrohard.safety.lang import Language, detect

MODEL_PATH = Path(__file__).with_name("data") / "content_multi.npz"
DIM = 1 << 18
MIN_FEATURES = 24
MAX_CHARS = 6000
ANY_HARM = "any_harm"  # a pooled output: any harm category (more examples to learn from than each alone)
HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")
FIX = "rebuild it with `PYTHONPATH=src python scripts/train_content_multi.py` (or `git checkout main -- {path}`)"

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_WORD = lazyre.compile(r"[^\W_]+")
# scripts written without spaces between words: their runs are read as characters
_UNSPACED = lazyre.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af\u0e00-\u0e7f]")


class ContentMultiError(RuntimeError):
    """The multilingual head's file is missing or unreadable; the message names the file and the fix."""


def _text(text: str) -> str:
    """What the keys are read from: NFKC, no invisible characters, lower case, the first and last ``MAX_CHARS // 2``
    characters of a longer text."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).lower()
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS // 2] + " " + text[-MAX_CHARS // 2:]
    return text


def _keys(text: str) -> list[str]:
    """Every feature key of ``text`` (the definition; ``features`` hashes the same set, a word's own keys memoised)."""
    words = _WORD.findall(_text(text))
    keys: list[str] = []
    spaced: list[str] = []
    for w in words:
        if _UNSPACED.search(w):
            keys += [f"u {w[i:i + n]}" for n in (1, 2, 3) for i in range(len(w) - n + 1)]
        else:
            spaced.append(w)
    keys += [f"w {w}" for w in spaced]
    keys += [f"b {a} {b}" for a, b in zip(spaced, spaced[1:], strict=False)]
    for w in set(spaced):
        if len(w) > 3 and not w.isdigit():
            padded = f"<{w}>"
            keys += [f"c {padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    return keys


def _hash(key: str) -> int:
    return zlib.crc32(key.encode()) & (DIM - 1)


@lru_cache(maxsize=1 << 15)
def _word_ids(w: str) -> tuple[bool, frozenset[int]]:
    """(whether ``w`` is a spaced word, the hashed keys it gives whatever its neighbours): a run of an unspaced script
    its character 1- to 3-grams; a spaced word its own key and, over three letters and not a number, its character 3-
    to 5-grams. Memoised (screen26): the same words recur across answers, and hashing every n-gram of every word again
    was most of a long answer's time in this head."""
    if _UNSPACED.search(w):
        return False, frozenset(_hash(f"u {w[i:i + n]}") for n in (1, 2, 3) for i in range(len(w) - n + 1))
    keys = [f"w {w}"]
    if len(w) > 3 and not w.isdigit():
        padded = f"<{w}>"
        keys += [f"c {padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    return True, frozenset(map(_hash, keys))


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed feature indices of ``text`` (the keys of ``_keys``, hashed) and their (binary, L2-normalised) values."""
    if len(text) > 2 * MAX_CHARS:  # cut before normalising: a huge text costs no more than a long one
        text = text[:MAX_CHARS] + " " + text[-MAX_CHARS:]
    ids: set[int] = set()
    spaced: list[str] = []
    for w in _WORD.findall(_text(text)):
        is_spaced, own = _word_ids(w)
        ids |= own
        if is_spaced:
            spaced.append(w)
    ids.update(_hash(f"b {a} {b}") for a, b in zip(spaced, spaced[1:], strict=False))
    idx = np.fromiter(ids, dtype=np.int64, count=len(ids))
    idx.sort()
    return idx, np.full(idx.size, 1.0 / np.sqrt(max(idx.size, MIN_FEATURES)), dtype=np.float32)


class MultiHead:
    """Weights (DIM x labels), a bias and a threshold per label, the label names and the training figures."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: tuple[str, ...], thresholds: np.ndarray,
                 meta: dict[str, float]):
        self.weights, self.bias, self.labels, self.thresholds, self.meta = weights, bias, labels, thresholds, meta

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> MultiHead:
        fix = FIX.format(path=path)
        if not path.is_file():
            raise ContentMultiError(f"the multilingual answer head {path} is missing: {fix}")
        try:
            with np.load(path, allow_pickle=False) as z:
                labels = tuple(str(x) for x in z["labels"])
                weights = np.zeros((DIM, len(labels)), dtype=np.float32)
                weights[z["index"]] = z["values"].astype(np.float32)
                meta = {str(k): float(v) for k, v in zip(z["meta_keys"], z["meta_values"], strict=True)}
                head = cls(weights, z["bias"].astype(np.float32), labels, z["thresholds"].astype(np.float32), meta)
        except (OSError, ValueError, KeyError, IndexError, EOFError) as e:
            raise ContentMultiError(f"the multilingual answer head {path} is unreadable ({type(e).__name__}: "
                                    f"{str(e)[:80]}): {fix}") from None
        if not labels or head.bias.shape != (len(labels),) or head.thresholds.shape != (len(labels),):
            raise ContentMultiError(f"the multilingual answer head {path} has mismatched shapes: {fix}")
        return head

    def save(self, path: Path) -> None:
        nz = np.flatnonzero(np.any(self.weights != 0, axis=1))
        np.savez_compressed(path, index=nz.astype(np.int32), values=self.weights[nz].astype(np.float16),
                            bias=self.bias.astype(np.float32), labels=np.array(self.labels),
                            thresholds=self.thresholds.astype(np.float32), meta_keys=np.array(sorted(self.meta)),
                            meta_values=np.array([self.meta[k] for k in sorted(self.meta)], dtype=np.float64))

    def scores(self, text: str) -> dict[str, float]:
        idx, val = features(text)
        z = val @ self.weights[idx] + self.bias if idx.size else self.bias.copy()
        return {label: float(p) for label, p in zip(self.labels, 1.0 / (1.0 + np.exp(-z)), strict=True)}

    def found(self, text: str, lift: bool = False) -> dict[str, float]:
        """The categories whose score reaches the shipped threshold, with their scores; when only the pooled
        ``ANY_HARM`` output does, the harm category that scores highest. ``lift``: the bias score is lifted where a
        clause decides against someone for a protected attribute (``lift_bias``; the screen's reading)."""
        scores = self.scores(text)
        if lift and "bias" in scores:
            scores["bias"] = lift_bias(scores["bias"], text)
        if lift:  # a half-recognised plan that says how it stays hidden (content_covert): its harm outputs; a short
            # give-up or refusal (content_declines_other): every harm output counts for less, as in English
            from macrohard.safety.content import REFUSAL_DISCOUNT
            from macrohard.safety.content_covert import lift_harm
            from macrohard.safety.content_declines_other import declines_other

            if declines_other(text):
                scores.update({c: scores[c] * REFUSAL_DISCOUNT for c in (*HARMS, ANY_HARM) if c in scores})
            else:
                for label in (ANY_HARM, max((c for c in HARMS if c in scores), key=scores.__getitem__)):
                    scores[label] = lift_harm(scores[label], text)
        hits = {label: s for (label, s), limit in zip(scores.items(), self.thresholds, strict=True) if s >= limit}
        if hits.pop(ANY_HARM, None) is not None and not any(c in hits for c in HARMS):
            category = max((c for c in HARMS if c in scores), key=scores.__getitem__)
            hits[category] = scores[category]
        return hits


@lru_cache(maxsize=1)
def shipped() -> MultiHead:
    """The packaged head, loaded once (a missing or broken file raises ``ContentMultiError`` naming the fix)."""
    return MultiHead.load(MODEL_PATH)


_REASONS = {
    "weapons": "reads as help to build, get or use a weapon",
    "drugs": "reads as help to make or deal illegal drugs",
    "malware": "reads as help to build or spread malware",
    "fraud": "reads as a scam, phishing or fraud plan",
    "violence": "reads as a plan or encouragement to hurt someone",
    "self_harm": "encourages or explains self-harm",
    "stalking": "reads as help to track, spy on or stalk a person",
    "csam": "sexual content involving minors",
    "bias": "treats people differently by a protected attribute",
}


def lift_bias(score: float, text: str) -> float:
    """The bias score of an other-language answer, raised as the English screen raises a half-recognised decision
    against a protected group: when it is at least ``content_bias.AGAINST_GATE`` and a clause of ``text`` acts against
    someone for a protected attribute (``content_bias_other``), by ``content_bias.AGAINST_LIFT`` in log-odds (the
    English rule's numbers, not tuned again). A decision for someone on merit, with no adverse act
    (``content_fair_other``), counts for less: by the English reading's ``content.DISCUSS_DISCOUNT``."""
    from macrohard.safety import content_bias as cb
    from macrohard.safety.content import DISCUSS_DISCOUNT
    from macrohard.safety.content_bias_other import against_clause
    from macrohard.safety.content_fair_other import fair_decision

    if score < cb.AGAINST_GATE:
        return score
    if against_clause(text) is not None:
        return cb.lift(score, cb.AGAINST_LIFT)
    return score * DISCUSS_DISCOUNT if fair_decision(text) else score


def screen(text: str, lang: Language | None = None) -> dict[str, str]:
    """Categories found in an answer that is (mostly, or a large part of it) not in English, a reason each; empty
    for English text, which this head never reads. With Gemma installed, the verdict is this head's and the Gemma
    head's together (``content_gemma``: the mean of both); without it, this head's alone (a logged warning). A
    clause that acts against someone for a protected attribute (``content_bias_other``) lifts the bias score."""
    return screen_read(text, lang)[0]


def screen_read(text: str, lang: Language | None = None) -> tuple[dict[str, str], tuple[float, float] | None]:
    """``screen``'s categories and the two heads' combined (harm, bias) readings (``content_gemma.readings``; None for
    English text or without Gemma installed): the screen's stacked second look reads them (``content_stack``)."""
    from macrohard.safety.content_gemma import found as found_with_gemma
    from macrohard.safety.content_gemma import readings
    from macrohard.safety.gemma_table import available

    lang = lang or detect(text)  # the caller's reading of ``text``, when it has one
    if not lang.other:
        return {}, None
    head = shipped()
    if available():
        multi = head.scores(text)
        read = readings(text, multi)
        both = found_with_gemma(text, multi, read) or {}
        return ({c: f"{_REASONS.get(c, c)} (other-language heads, {lang.code}, combined score {s:.2f})"
                 for c, s in both.items()}, read)
    return ({c: f"{_REASONS.get(c, c)} (other-language head, {lang.code}, score {s:.2f})"
             for c, s in head.found(text, lift=True).items()}, None)
