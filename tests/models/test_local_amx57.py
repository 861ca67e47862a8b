"""The embedded model on a CPU with AMX tiles (the lead, fifty-seventh wave). Loaded with llama.cpp's extra buffer
types (the AMX-repacked weights), SmolLM2 answered one action, ran a 2-step agent run, and from then on wrote garbage
to every prompt (" pituollopyright…"), even after a reset: in the full suite, chats that streamed nothing, writes cut
off, and an xdist worker that died in llama.cpp's sampler (CI of 72d71975 timed out on it). Now a CPU with AMX loads
without them (``local_cpu.AMX``) unless llama.cpp carries install.sh's AMX patch (the cause: the screens' onnxruntime
replaced the AMX tile configuration on the agent's thread; amx61, test_local_amx61.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.models import local_cpu


def test_a_cpu_with_amx_tiles_loads_without_the_extra_buffers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MACROHARD_LLAMA_EXTRA_BUFFERS", raising=False)
    monkeypatch.setattr(local_cpu, "_probe", lambda *a, **k: pytest.fail("no probe where the answer is known"))
    monkeypatch.setattr(local_cpu, "_cpu_flags", lambda: "flags\t\t: fpu sse2 avx512f amx_bf16 amx_tile amx_int8")
    # a build with ggml's AMX kernels as released (amx61: install.sh's patched build says yes; test_local_amx61.py)
    monkeypatch.setattr(local_cpu, "_amx_kernels", lambda: True)
    monkeypatch.setattr(local_cpu, "_tile_config_every_call", lambda: False)
    assert local_cpu.extra_buffers_ok(tmp_path / "m.gguf") is False
    monkeypatch.setenv("MACROHARD_LLAMA_EXTRA_BUFFERS", "1")  # a person's own choice still wins
    assert local_cpu.extra_buffers_ok(tmp_path / "m.gguf") is True


@pytest.mark.model
def test_the_model_still_answers_sensibly_after_an_action_and_an_agent_run(store, workspace: Path) -> None:
    from macrohard.models import get_model
    from macrohard.models.local import LocalModel
    from macrohard.runner import run_task
    from macrohard.types import Task

    model = LocalModel.from_name("smollm2")
    messages = [{"role": "system", "content": "You are an agent."},
                {"role": "user", "content": f"Task: Create a file named a.txt containing the text hi\nWorkspace: {workspace}"}]
    assert model.complete(messages, []).tool_calls
    run_task(Task(text="Create a file named note.txt containing the text ok", workspace=str(workspace),
                  budget={"max_steps": 3}), model=get_model("local"), store=store)
    chunks = list(model.stream([{"role": "user", "content": "Say hello to Ada."}], []))
    answer = chunks[-1].reply.text if chunks and chunks[-1].reply is not None else ""
    assert "Ada" in answer and "pitu" not in answer, answer  # before, on AMX: " pituollopyrightannacientious…"
