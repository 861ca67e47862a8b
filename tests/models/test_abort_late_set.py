"""A Stop's ender that runs late (the lead, fifty-sixth and fifty-seventh waves). ``StreamStop.stop`` calls a Stop's
enders outside its lock, so an ender taken just before its holder released the model can run after that release —
before the next holder takes the model, or during its decode, where a plain flag aborted a call no Stop was meant for.
(The empty chats and the sampler's abort() of the full runs that first pointed here were the AMX-repacked weights'
garbage: ``local_cpu.AMX``, tests/models/test_local_amx57.py.) Now each holder arms the switch for its own tenure
(``AbortSwitch.arm``): an ender of an earlier tenure sets nothing, and llama.cpp has no callback at all outside a
stoppable holder."""

from __future__ import annotations

import pytest

from macrohard.models.local_abort import abort_switch
from macrohard.models.streaming import StreamStop, reading

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def _chat_model():
    from macrohard.models.local import LocalModel

    return LocalModel.from_name("smollm2")


def _stale_ender(model):  # noqa: ANN001, ANN202 - a LocalModel; the ender
    """The ender a Stop took while a stoppable holder held the model: run after that holder's release, as
    ``StreamStop.stop`` can (it copies its enders under its lock and calls them after)."""
    stop = StreamStop()
    with reading(stop), model._lock:
        enders = list(stop._enders.values())  # what a concurrent ``stop()`` copied at this moment
    assert len(enders) == 1, enders
    return enders[0]


def _decodes(model) -> str:  # noqa: ANN001 - a LocalModel
    with model._lock:
        out = model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
    return out["choices"][0]["text"]


def test_a_chat_after_a_late_stop_still_streams(_chat_model) -> None:  # noqa: ANN001
    _stale_ender(_chat_model)()
    chunks = list(_chat_model.stream([{"role": "user", "content": "Say hello to Ada."}], []))
    assert chunks[-1].reply is not None and chunks[-1].reply.text.strip(), chunks


def test_an_agent_step_after_a_late_stop_still_decodes(_chat_model) -> None:  # noqa: ANN001
    _stale_ender(_chat_model)()
    assert _decodes(_chat_model) is not None


def test_a_late_stop_during_the_next_stoppable_holders_decode_ends_nothing(_chat_model) -> None:  # noqa: ANN001
    """The late ender runs while another Stop's holder has the model (armed for itself): that holder's decode runs on
    and its own switch reads unset; its own Stop still ends its own decode."""
    late = _stale_ender(_chat_model)
    mine = StreamStop()
    with reading(mine), _chat_model._lock:
        late()
        switch = abort_switch(_chat_model._llm)
        assert switch is not None and not switch.is_set
        out = _chat_model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
    assert out["choices"][0]["text"] is not None
    stopped = StreamStop()
    stopped.stop("stopped before it began")
    with reading(stopped), _chat_model._lock, pytest.raises(RuntimeError, match="llama_decode"):
        _chat_model._llm.create_completion("Hello there", max_tokens=2, temperature=0.0)
    _chat_model._llm.reset()
    assert _decodes(_chat_model) is not None


def test_no_abort_callback_is_left_outside_a_stoppable_holder(_chat_model) -> None:  # noqa: ANN001
    """Outside a stoppable holder llama.cpp asks no callback: even the raw flag set inside a plain holder's tenure
    (what no ender can do now) ends no decode."""
    _stale_ender(_chat_model)
    switch = abort_switch(_chat_model._llm)
    assert switch is not None
    try:
        with _chat_model._lock:
            switch._flag.value = b"x"
            out = _chat_model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
        assert out["choices"][0]["text"] is not None
    finally:
        switch._flag.value = b""
