"""The answer screen's stacked second look: a logistic regression over the readings the screen has already computed.

The screen's paths (rules, n-grams with the MiniLM head, lifts and discounts, the other-language heads) each decide
alone at their own threshold; an answer that several of them half-recognise passes. This reads them together: the
final score of every category (as a logit; English and other-language answers have separate weights) and, on an
other-language answer, the multilingual and Gemma heads' combined harm and bias readings. ``p(x) >= threshold``
flags an answer the screen let pass. Fit by ``scripts/train_content_stack.py`` on answers no head had read
(blind35/everyday35: scr40, RESULTS.md), the threshold the lowest at which the benign answers it adds stay within a
fixed share of those it was fit on. No model call: one dot product.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

CATEGORIES = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam", "bias")
MODEL_PATH = Path(__file__).with_name("data") / "content_stack.json"
_CLIP = 1e-4
STACKED = "stacked"  # the caller's threshold for the stack (``screen_text``'s thresholds): absent, the file's
# The stack flags only an answer in which some reading reaches at least this share of its own threshold: a very short
# answer with every score low ("ok", "done") lies outside what it was fit on (full answers) and read as harm there
# (scr40, RESULTS.md: T1 flagged "ok" at 0.95).
GATE = 0.5
# Whether the stack reads answers in other languages (``lang.detect``). scr40: on blind35/everyday35's held-out folds
# every benign answer it added was other-language (4 look-alikes, 1 everyday), and it flagged an ordinary Vietnamese
# restaurant booking (the combined harm reading 0.74 of its threshold); English alone added 11 biased, 0 benign.
OTHER_LANGUAGE = True  # scr40b (T4): other-language answers too, at the cost said above


def _logit(p: float) -> float:
    p = min(max(p, _CLIP), 1 - _CLIP)
    return math.log(p / (1 - p))


def features(scores: dict[str, float], other: bool, combined: tuple[float, float] | None) -> list[float]:
    """The stack's inputs: 9 category logits for English answers, 9 for other-language ones (the other half zero),
    the combined (harm, bias) logits on other-language answers, the other-language flag."""
    logits = [_logit(scores.get(c, 0.0)) for c in CATEGORIES]
    zeros = [0.0] * len(CATEGORIES)
    both = [_logit(combined[0]), _logit(combined[1])] if (other and combined is not None) else [0.0, 0.0]
    return [*(zeros if other else logits), *(logits if other else zeros), *both, 1.0 if other else 0.0]


def strongest(scores: dict[str, float], limits: dict[str, float], combined: tuple[float, float] | None,
              combined_limits: tuple[float, float]) -> tuple[str, float]:
    """The category whose reading is nearest its threshold and that ratio (score / threshold): the 9 categories'
    final scores against ``limits`` (the caller's, 0.5 where unset) and, on other-language answers, the combined harm
    and bias readings against ``combined_limits`` (harm named by the highest harm score)."""
    ratios = {c: scores.get(c, 0.0) / limits.get(c, 0.5) for c in CATEGORIES}
    best = max(ratios, key=ratios.__getitem__)
    out = (best, ratios[best])
    if combined is not None:
        harm = max(CATEGORIES[:-1], key=lambda c: scores.get(c, 0.0))
        for category, ratio in ((harm, combined[0] / combined_limits[0]), ("bias", combined[1] / combined_limits[1])):
            if ratio > out[1]:
                out = (category, ratio)
    return out


class Stack:
    """Weights (one per feature), an intercept and the threshold; ``meta`` says how it was fit."""

    def __init__(self, weights: list[float], intercept: float, threshold: float, meta: dict[str, object]):
        self.weights, self.intercept, self.threshold, self.meta = weights, intercept, threshold, meta

    def probability(self, x: list[float]) -> float:
        z = self.intercept + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights, "intercept": self.intercept, "threshold": self.threshold,
                           "meta": self.meta}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Stack:
        d = json.loads(text)
        return cls([float(w) for w in d["weights"]], float(d["intercept"]), float(d["threshold"]), d.get("meta", {}))


@lru_cache(maxsize=1)
def shipped() -> Stack | None:
    """The packaged stack, or None when the file is absent (the screen then decides as without it)."""
    return Stack.from_json(MODEL_PATH.read_text()) if MODEL_PATH.is_file() else None
