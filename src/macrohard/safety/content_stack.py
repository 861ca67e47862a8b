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
