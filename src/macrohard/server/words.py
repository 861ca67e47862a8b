"""The terminal's words for a choice, said as the web app offers it.

A run's error is written for `macrohard run`: "cannot reach the model server … start it, or choose another with
--model". On the web there is no flag: the model is the runs page's model field (the API's ``model``). rel53b (ux52's
left open): the run page and the API's refusals named the flag to people who have none. The stored record keeps its
words (the terminal reads it too); what the web shows is said here.
"""

from __future__ import annotations

import re

_SWAPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"`--model ([^`]+)`"), r"`\1` in the model field"),
    (re.compile(r"--model ((?:scripted|local):[^\s),;`]+|local\b)"), r"\1 in the model field"),
    (re.compile(r"\b(choose|give) another with --model\b(?!-)"), r"\1 another model in the model field"),
    (re.compile(r"\b(choose|give) another --model\b(?!-)"), r"\1 another model in the model field"),
    (re.compile(r"\b(?:with|by) --model\b(?!-)"), "in the model field"),
    (re.compile(r"--model\b(?!-)"), "the model field"),
)


def web_words(text: str | None) -> str | None:
    """``text`` with the terminal's ``--model`` said as the web's model field (None stays None)."""
    if not text or "--model" not in text:
        return text
    for pattern, said in _SWAPS:
        text = pattern.sub(said, text)
    return text
