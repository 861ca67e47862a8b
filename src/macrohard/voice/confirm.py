"""A spoken yes or no to the guard's question. Only a clear yes allows: a yes the recogniser is unsure of,
a yes mixed with a no, or anything else is a no."""

from __future__ import annotations

from macrohard.voice.stt import Transcript
from macrohard.voice.wer import words

YES = frozenset({"yes", "yeah", "yep", "yup", "allow", "approve", "approved", "okay", "ok", "sure", "affirmative"})
NO = frozenset({"no", "nope", "not", "don't", "dont", "deny", "stop", "cancel", "never", "negative"})
YES_MIN_CONFIDENCE = 0.35  # below this a heard "yes" is not trusted (measured: clear yes 0.41-0.9, garbled < 0.01)


def heard_yes(heard: Transcript | None) -> bool:
    """True only for a confident yes with no no in it."""
    if heard is None:
        return False
    said = set(words(heard.text))
    return bool(said & YES) and not (said & NO) and heard.confidence >= YES_MIN_CONFIDENCE


def question(summary: str, reason: str) -> str:
    """What the guard's question sounds like."""
    return f"The guard asks before this step: {summary}. The reason: {reason}. Say yes to allow it, or no."
