"""A Stop's late ``set`` of the embedded model's abort switch (the lead, fifty-sixth wave). ``StreamStop.stop`` calls
a Stop's enders outside its lock, so an ender taken just before its holder released it can set the switch after the
holder's last ``clear``; left set, every later decode of that model ended at once. A fresh-clone run of bee8a216 had
three embedded-model failures in one worker after chat Stops (a chat that streamed 0 chunks, a cut-off write, a
worker that died in llama.cpp's sampler). Both tests failed before the holders cleared an installed switch on entry
(``local_abort.installed_switch``): the decode ended at once with "llama_decode returned 2"."""

from __future__ import annotations

import pytest

from macrohard.models.local_abort import abort_switch

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def _chat_model():
    from macrohard.models.local import LocalModel

    return LocalModel.from_name("smollm2")


def _late_set(model) -> None:  # noqa: ANN001 - a LocalModel
    switch = abort_switch(model._llm)
    assert switch is not None
    switch.set()  # what a Stop's ender does when it runs after its holder's release and clear


def test_a_chat_after_a_late_stop_still_streams(_chat_model) -> None:  # noqa: ANN001
    _late_set(_chat_model)
    chunks = list(_chat_model.stream([{"role": "user", "content": "Say hello to Ada."}], []))
    assert chunks[-1].reply is not None and chunks[-1].reply.text.strip(), chunks


def test_an_agent_step_after_a_late_stop_still_decodes(_chat_model) -> None:  # noqa: ANN001
    _late_set(_chat_model)
    with _chat_model._lock:
        out = _chat_model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
    assert out["choices"][0]["text"] is not None
