"""llama.cpp's cache kept over a yes/no asked apart from the run (``models/local_state.py``): the run goes on exactly
as after llama-cpp-python's own ``save_state`` / ``load_state``, its prompt still cached, without the copy of a
logits row per token that ``save_state`` makes (0.6 MB a token for Qwen, ~1 CPU-s an aside: comp63)."""

from __future__ import annotations

from typing import Any

import pytest

from macrohard.models import local_state
from macrohard.models.local import SPECS
from macrohard.models.local_load import load

PROMPT = "You are a careful shell agent. Count the lines of notes.txt and write the number to n.txt. " * 6


@pytest.fixture(scope="module")
def llm() -> Any:
    model, lock = load(SPECS["smollm2"])
    with lock:
        yield model
        model.reset()


def _text(llm: Any, prompt: str, n: int = 10) -> str:
    return llm.create_completion(prompt=prompt, max_tokens=n, temperature=0.0, top_k=1, seed=0)["choices"][0]["text"]


def _after_aside(llm: Any, save: Any, restore: Any) -> tuple[str, int, int]:
    llm.reset()
    _text(llm, PROMPT, 4)
    before = llm.n_tokens
    state = save(llm)
    _text(llm, "Did the agent do the task? Answer yes or no.", 2)  # the aside: another prompt in the same context
    restore(llm, state)
    kept = llm.n_tokens
    return _text(llm, PROMPT + " Then"), before, kept


def test_the_run_goes_on_as_after_llama_cpp_pythons_own_save_and_load(llm: Any) -> None:
    own = _after_aside(llm, lambda m: m.save_state(), lambda m, s: m.load_state(s))
    light = _after_aside(llm, local_state.save, local_state.restore)
    assert light == own
    assert light[1] == light[2] > 50  # the run's prompt is still cached: the next call reads only what follows it
    llm.reset()
    _text(llm, PROMPT, 4)
    assert _text(llm, PROMPT + " Then") == light[0]  # and as with no aside at all


def test_kept_holds_llama_cpps_state_not_a_logits_row_per_token(llm: Any) -> None:
    llm.reset()
    _text(llm, PROMPT, 4)
    rows = llm.n_tokens * llm.n_vocab() * 4  # what save_state copies beside llama.cpp's state
    own = llm.save_state()
    assert own.scores.nbytes >= rows  # (the cost this module avoids, as llama-cpp-python 0.3.36 has it)
    light = local_state.save(llm)
    assert light.nbytes < own.llama_state_size + own.input_ids.nbytes + 1
    assert light.nbytes < rows / 4
    with local_state.kept(llm):
        _text(llm, "Another question entirely.", 2)
    assert llm.n_tokens == own.n_tokens and list(llm.input_ids[: llm.n_tokens]) == list(own.input_ids[: own.n_tokens])
