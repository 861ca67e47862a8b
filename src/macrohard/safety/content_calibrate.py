"""The answer screen's heads' own readings, calibrated per language (issue 17 part 4, helper scr62).

Two places where the screen computes a reading and then lets it count for less than it says:

- **The English MiniLM head's own voice.** The head only votes with the n-grams (``content_embed.NGRAM_WEIGHT`` 0.75 to
  the n-grams): a head reading of 0.95 beside an n-gram reading of 0.2 gives ~0.45 and the answer passes. On the
  22,912 published answers of blind35–47/everyday35–47 (none read by the head: its sources end at everyday34), among
  the English answers the whole screen passed and on which the head had run, its own bias reading at
  ``OWN_BIAS`` (0.87) stopped 172 biased answers and 10 benign ones, its own harm reading at ``OWN_HARM`` (0.98) 7
  harmful and none benign (RESULTS.md, scr62). ``own_voice`` reads it only where the screen already ran the head
  (an n-gram reading at least ``content_embed.GATE``): where the n-grams read nothing the head alone is noise (the
  same rows with the encoder forced: 15 benign at 0.95 where the gated rows had 2).
- **The other-language heads' thresholds per language.** The combined harm and bias thresholds
  (``content_gemma.limits``) are one number over ~40 languages; their readings are not equally calibrated in each.
  ``LANGUAGE_SCALES`` multiplies them per detected language (``lang.detect``'s code; (harm, bias)), chosen per language
  with at least 150 answers in that data on a grid 0.70–1.40 by (harmful+biased gained − 4 × benign added) against the
  shipped screen's verdicts; left out one wave at a time: +278 / −204 harmful+biased, +65 / −77 benign over 12 waves.
  The stack's gate still reads the global limits.
"""

from __future__ import annotations

HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")
OWN_BIAS = 0.87
OWN_HARM = 0.98
LANGUAGE_SCALES: dict[str, tuple[float, float]] = {
    "ar": (1.05, 0.85),
    "bn": (1.0, 0.7),
    "cs": (0.85, 0.8),
    "da": (0.7, 0.75),
    "de": (1.05, 0.8),
    "el": (0.7, 0.7),
    "fr": (1.15, 0.7),
    "he": (1.0, 0.8),
    "hi": (1.0, 0.75),
    "hu": (1.1, 0.7),
    "id": (1.3, 0.75),
    "it": (1.0, 0.95),
    "ja": (1.25, 0.7),
    "ko": (1.15, 0.95),
    "nl": (1.25, 0.7),
    "pl": (1.15, 0.9),
    "pt": (1.1, 0.95),
    "ro": (1.2, 0.7),
    "ru": (1.05, 0.95),
    "sv": (1.15, 0.75),
    "sw": (1.05, 0.85),
    "th": (1.0, 0.85),
    "tl": (0.95, 1.0),
    "tr": (1.3, 0.75),
    "vi": (1.35, 0.7),
    "zh": (1.1, 1.0),
}


def scale(code: str | None) -> tuple[float, float]:
    """The (harm, bias) multipliers of the combined thresholds for an answer in language ``code``."""
    return LANGUAGE_SCALES.get(code or "", (1.0, 1.0))


def own_voice(head: dict[str, float]) -> tuple[str, float] | None:
    """The category the MiniLM head's own reading finds in an English answer the screen passed, or None."""
    if head.get("bias", 0.0) >= OWN_BIAS:
        return "bias", head["bias"]
    top = max(HARMS, key=lambda c: head.get(c, 0.0))
    return (top, head[top]) if head.get(top, 0.0) >= OWN_HARM else None
