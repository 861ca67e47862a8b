"""A spoken yes or no to the guard's question. Only a clear yes allows: a yes the recogniser is unsure of,
a yes mixed with a no, a yes inside a sentence that says something else, or anything else is a no."""

from __future__ import annotations

from macrohard.voice.stt import Transcript
from macrohard.voice.wer import words

YES = frozenset({"yes", "yeah", "yep", "yup", "allow", "approve", "approved", "okay", "ok", "sure", "affirmative"})
NO = frozenset({"no", "nope", "not", "don't", "dont", "deny", "stop", "cancel", "never", "negative"})
# rt47b: the words an answer to the question may hold beside its yes. An utterance with other words is not an answer
# but something else the person said (the next request they recorded, "okay, now read me the weather"; "sure, but
# what does it do?"), and a yes-word inside it approved the step on their behalf
WITH_YES = frozenset({"please", "go", "ahead", "do", "it", "that", "this", "one", "you", "can", "i", "thanks", "thank",
                      "right", "alright", "all", "fine", "proceed", "continue", "of", "course", "absolutely",
                      "definitely", "is", "oh", "uh", "um", "well", "the", "step", "action", "run", "that's", "it's"})
MAX_ANSWER_WORDS = 8
# the lead (47th wave): a question back is not an answer ("is that okay?", "is it ok", "can I? okay"): the recogniser's
# question mark, or an utterance that opens as a question does
ASKS_BACK = frozenset({"is", "can"})
YES_MIN_CONFIDENCE = 0.35  # below this a heard "yes" is not trusted (measured: clear yes 0.41-0.9, garbled < 0.01)


def heard_yes(heard: Transcript | None) -> bool:
    """True only for a confident yes with no no in it, nothing else said beside it (``WITH_YES``), and not asked
    back as a question (``ASKS_BACK``)."""
    if heard is None:
        return False
    spoken = words(heard.text)
    said = set(spoken)
    return (bool(said & YES) and not (said & NO) and heard.confidence >= YES_MIN_CONFIDENCE
            and len(spoken) <= MAX_ANSWER_WORDS and said <= YES | WITH_YES
            and "?" not in heard.text and spoken[0] not in ASKS_BACK)


def question(summary: str, reason: str) -> str:
    """What the guard's question sounds like."""
    return f"The guard asks before this step: {summary}. The reason: {reason}. Say yes to allow it, or no."
