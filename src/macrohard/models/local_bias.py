"""The ``bias`` aid of the embedded loop (split out of ``models/local.py``): a logit bonus for the tokens of the
task's own names and contents, used once each (tiny models otherwise copy the worked examples' names)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from macrohard.models import local_browser as web
from macrohard.models.local_examples import STOP, browser_instruction_words, instruction_words
from macrohard.models.local_history import Past

COPY_BIAS = 2.0  # logit bonus for the task's own words: tiny models otherwise copy the examples' names


def copy_bias(llm: Any, task: str, *, page: bool = False, history: list[Past] | None = None) -> dict[int, float]:
    """A logit bonus for the tokens of the task's names and contents (with and without a leading
    space, as they appear inside a command)."""
    bias: dict[int, float] = {}
    skip: set[str] = set()
    if page:  # in the browser: only the values to type (not the URL, instructions, the page's labels)
        last = web.parse_page(history[-1].result) if history else None
        values = set(web.task_values(task, last, browser_instruction_words()))
        skip = {w.lower() for w in re.findall(r"[^\s\"']+", task) if w.rstrip(".,;:") not in values}
    for word in set(re.findall(r"[^\s\"']+", task)):
        # Only the task's own material (names, contents), not its instruction words ("copy",
        # "replace"): boosting those makes the model type them as commands.
        word = word.rstrip(".,") if page else word
        if word.lower() in STOP or word.lower() in instruction_words() or word.lower() in skip or "://" in word:
            continue
        for variant in (word, " " + word):
            for tok in llm.tokenize(variant.encode(), add_bos=False, special=False):
                bias[int(tok)] = COPY_BIAS
    return bias


class CopyBias:
    """Adds the copy bonus to a task token only until the reply has used it once: a plain logit bias
    also rewards repeating it ("unique.txt unique.txt unique.txt ...")."""

    def __init__(self, bias: dict[int, float]) -> None:
        self.ids = np.fromiter(bias, dtype=np.intc)
        self.values = np.fromiter(bias.values(), dtype=np.single)
        self.start: int | None = None

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        if self.start is None:
            self.start = len(input_ids)  # everything before the first call is the prompt
        used = np.isin(self.ids, np.asarray(input_ids[self.start:], dtype=np.intc))
        scores[self.ids[~used]] += self.values[~used]
        return scores
