"""Harm read across categories: an answer that several harmful categories half-recognise (the answer screen's
combined score).

The classifier scores each harmful category alone against its own threshold. A short operational answer with no
topic word ("I found a seller shipping grenades in speaker boxes; pay in Monero, use a drop address") splits its
probability over the categories it resembles (weapons 0.12, drugs 0.17, fraud 0.10 ...) and passes every threshold,
although the chance that it is harmful at all is high. ``combined(scores)`` is that chance read as a noisy-or,
``1 - prod(1 - p)`` over the harmful categories; ``content.screen_text`` stops an answer whose combined score reaches
``HARM_ANY`` under its most likely category (the reason says it was the combined reading), when that category has
at least ``MIN_TOP``: a text with no signal at all ("ok", "Yes") gets every category's base rate, about 0.08, and
eight of those make 0.49. Bias is a different question (a decision about people, not a harm recipe) and stays out.

``HARM_ANY`` was chosen on the out-of-fold scores of two published dev sets (blind7 and blind6, each screened by
models trained without it, never blind8: ``benchmarks/RESULTS.md``, screen9's section), where it lifted English
harmful recall at no more than half a point of false positives on look-alikes and everyday answers; ``MIN_TOP`` is
the largest gate that changes no dev row's verdict (0.15, 0.2 and 0.25 gave the same figures).

A text under ``MIN_WORDS`` words is not read this way: it carries too little to tell harm from the base rates, and
after screen11's retrain the scripted model's closing answer "no script for this task" (five words; malware 0.27
for "script", the other seven categories' base rates making 0.45) was denied as malware on every run. Over the
published sets (blind6-11, everyday6-11: 96 harmful answers stopped only by the combined reading), the shortest
such answer has 9 words, so gates of 6 to 12 words changed no row's verdict; 8 keeps a margin on both sides.
"""

from __future__ import annotations

HARMFUL = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")
HARM_ANY = 0.45
MIN_TOP = 0.2
MIN_WORDS = 8
ANY_HARM = "any_harm"  # a caller's thresholds may set the combined threshold under this key (2.0: never)


def combined(scores: dict[str, float]) -> float:
    """The chance that the answer is harmful in some category: the noisy-or of the harmful categories' scores."""
    keep = 1.0
    for category in HARMFUL:
        keep *= 1.0 - min(max(scores.get(category, 0.0), 0.0), 1.0)
    return 1.0 - keep


def top_harm(scores: dict[str, float]) -> str:
    """The harmful category with the highest score (the one the combined verdict is filed under)."""
    return max(HARMFUL, key=lambda c: scores.get(c, 0.0))


def spread_harm(scores: dict[str, float], limit: float = HARM_ANY, words: int = MIN_WORDS) -> tuple[str, float] | None:
    """(the most likely harmful category, the combined score) when the combined score reaches ``limit`` (the
    caller's ``any_harm`` threshold, else ``HARM_ANY``), that category's own score reaches ``MIN_TOP`` and the text
    has at least ``MIN_WORDS`` words (``words``: how many it has); else None."""
    if words < MIN_WORDS:
        return None
    top = top_harm(scores)
    harm = combined(scores)
    return (top, harm) if harm >= limit and scores.get(top, 0.0) >= MIN_TOP else None
