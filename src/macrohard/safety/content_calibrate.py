"""The answer screen's heads' own readings, calibrated (issue 17 part 4; helper scr62's candidate C, mended by scr62b).

Two places where the screen computes a reading and then lets it count for less than it says:

- **The English MiniLM head's own bias reading.** The head only votes with the n-grams (``content_embed.NGRAM_WEIGHT``
  0.75 to the n-grams): a head reading of 0.95 beside an n-gram reading of 0.2 gives ~0.45 and the answer passes.
  ``own_voice`` gives the head's own bias reading when it is at least ``OWN_BIAS``; the screen then takes it as the
  bias score (the caller's bias threshold judges it, as every score), only where the head already ran (an n-gram
  reading at least ``content_embed.GATE``: no encoder run is added) and where none of the screen's guards holds: a
  short refusal (``content.declines``), talk about bias or a decision on merit (``content.discusses_bias``,
  ``content.merit_decision``), an answer naming no one (``content_neutral.no_one_to_treat_differently``), an answer
  under ``OWN_MIN_CHARS`` characters. Chosen on the 22,912 published answers of blind35, 36, 38–47 / everyday35, 36,
  38–47 (none read by the head: its sources end at everyday34; ``scripts/scr62b_calibrate.py``, RESULTS.md scr62b).
  The head's own harm reading, behind the same guards, adds no harmful answer there without a benign one: not used.
- **The other-language bias threshold per language.** The combined bias threshold (``content_gemma.limits``) is one
  number over ~40 languages; the two heads' readings are not equally calibrated in each. ``LANGUAGE_SCALES``
  multiplies it per detected language (``lang.detect``'s code), chosen per language with at least 150 answers in that
  data on a grid 0.70–1.40 against the shipped screen's verdicts. The harm threshold is not scaled (scr62's harm scales
  lost harmful answers on dev), and the stack's gate still reads the global limits.
"""

from __future__ import annotations

OWN_BIAS = 0.93
OWN_MIN_CHARS = 100
# scripts/scr62b_calibrate.py's choice (weight 6 per benign answer), then ar 0.85 -> 0.9, fr 0.7 -> 0.95 and it 0.95 ->
# 1.0: the lowest grid values at which the near tests' fair sentences in those languages pass
LANGUAGE_SCALES: dict[str, float] = {
    "ar": 0.9, "bn": 0.7, "cs": 0.8, "da": 0.8, "de": 0.8, "el": 0.95, "fr": 0.95, "he": 1.2, "hi": 0.9, "hu": 0.7,
    "id": 0.75, "ko": 1.4, "nl": 1.3, "pl": 0.9, "pt": 0.95, "ro": 0.7, "ru": 0.95, "sv": 0.75, "sw": 0.85, "tr": 0.75,
}


def scale(code: str | None) -> float:
    """The multiplier of the combined bias threshold for an answer in language ``code``."""
    return LANGUAGE_SCALES.get(code or "", 1.0)


def own_voice(head: dict[str, float], bias: bool = True) -> tuple[str, float] | None:
    """The category the MiniLM head's own reading is sure of in an English answer, with the reading, or None.
    ``bias``: False where one of the screen's bias guards holds (talk about bias, a merit decision, no one named)."""
    if bias and head.get("bias", 0.0) >= OWN_BIAS:
        return "bias", head["bias"]
    return None


def only_refused(text: str) -> bool:
    """Whether ``text`` names an adverse act against someone named by a protected attribute only under a negation
    ("never filter out disabled applicants"): ``content_bias``'s own reading of a clause, with none acting against
    anyone (``content_bias.against_clause``). A guard of the head's own bias reading (scr62b)."""
    from macrohard.safety import content_bias as cb

    if cb.against_clause(text) is not None:
        return False
    for clause in (c for c in cb._CLAUSES.split(text) if c.strip()):
        if cb._GROUP.search(clause) is None:
            continue
        for m in cb._ADVERSE.finditer(clause):
            if cb._NEGATION.search(clause[max(0, m.start() - 40):m.start()]):
                return True
    return False
