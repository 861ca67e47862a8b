"""The tuned embedded model (``local:smollm2-tuned``): the LoRA adapter shipped in the package is the
one its record describes, loads into llama.cpp with its base model, and answers a task it was not
trained on with one valid action; a damaged or missing adapter is refused with the fix."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from macrohard.agent import parse_reply, tool_schemas
from macrohard.errors import FormatError, ModelUnavailable
from macrohard.models import local_adapter
from macrohard.models.local import SPECS, LocalModel, catalog
from macrohard.types import BashAction, FinishAction, WriteFileAction

ROOT = Path(__file__).resolve().parents[2]
TOOLS = tool_schemas([BashAction, WriteFileAction, FinishAction])


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("policy_tasks", ROOT / "scripts" / "policy_tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_adapter_is_the_recorded_one() -> None:
    file, digest = local_adapter.ADAPTERS["smollm2-tuned"]
    path = local_adapter.ADAPTER_DIR / file
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest
    assert data[:4] == b"GGUF" and 1_000_000 < len(data) < 20_000_000
    record = json.loads(path.with_suffix(".json").read_text())
    assert record["adapter_sha256"] == digest and record["adapter_bytes"] == len(data)
    assert "--seed" in record["command"] and record["seed"] == 7
    assert SPECS["smollm2-tuned"].aids == frozenset()  # no aid but the format grammar
    assert catalog()["smollm2-tuned"]["usable"] in {True, False}  # listed, loads nothing


@pytest.mark.model
def test_tuned_model_answers_generated_tasks_with_valid_actions() -> None:
    # in a process of its own that first lets the plain smollm2 (the same base) answer and drive the real loop:
    # that order made the tuned model write garbage ("][ pitu,,,,adedTSD…") on AMX CPUs, in CI and on a fresh clone,
    # until a model with an adapter loaded without llama.cpp's repacked buffers (models/local_load.py)
    done = subprocess.run([sys.executable, "-c", "from tests.models.test_local_adapter import _answers; _answers()"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    valid, seen = result["valid"], result["seen"]
    # a 135M model: most replies are one valid action that does the work (6 bash of 6 on the lead's Sapphire
    # Rapids); the grammar lets a command string run on past its closing quote, and such a reply is a format error,
    # not an action. The garbage of the bug gave up at once (three `finish` with nonsense answers, three refused
    # writes), so finishing before any work does not count
    work = [kind for kind in valid if kind in ("bash", "write_file")]
    assert len(work) >= 3 and set(valid) <= {"bash", "write_file", "finish"}, (_cpu(), seen)


@pytest.mark.model
def test_the_tuned_model_loads_with_the_repacked_weights_where_its_base_does() -> None:
    # comp62: a model with an adapter was loaded without llama.cpp's repacked weights (the garbage above, whose
    # cause was the screens' AMX tile shapes: amx61). Now it loads as local_cpu decides for its base: its greedy answer
    # is the one of the adapter over the layout extra_buffers_ok names (on the AMX build here the two layouts answer
    # differently after ~20 tokens; where they do not, the test cannot tell them apart and passes either way)
    from llama_cpp import Llama

    from macrohard.models import local_cpu
    from macrohard.models.local import model_path
    from macrohard.models.local_load import llama_threads, load

    spec, path, threads = SPECS["smollm2-tuned"], model_path("smollm2"), llama_threads()
    chat = [{"role": "system", "content": "You are a Linux shell agent. Reply with one JSON action."},
            {"role": "user", "content": "Task: count the lines of notes.txt and write the number to n.txt"}]

    def answer(llm: Any) -> str:
        llm.reset()
        return llm.create_chat_completion(chat, max_tokens=40, temperature=0.0, top_k=1, seed=0)["choices"][0][
            "message"]["content"]

    def build(repack: bool) -> Any:
        def make() -> Any:
            return Llama(model_path=str(path), n_ctx=spec.n_ctx, n_threads=threads, n_threads_batch=threads,
                         verbose=False, seed=0, **local_adapter.llama_kwargs("smollm2-tuned"))
        return make() if repack else local_cpu.without_extra_buffers(make)

    llm, lock = load(spec)
    with lock:
        got = answer(llm)
    layouts = {}
    for repack in (True, False):
        direct = build(repack)
        try:
            layouts[repack] = answer(direct)
        finally:
            direct.close()
    assert got == layouts[local_cpu.extra_buffers_ok(path)], (got, layouts)


def _plain_model_drives_the_loop() -> None:
    """What test_local.py does before this file in a full run: the plain smollm2 answers, then runs a real task."""
    from macrohard.models import get_model
    from macrohard.runner import run_task
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Task

    plain = LocalModel.from_name("smollm2")
    plain.complete([{"role": "user", "content": "Task: Create a file named a.txt containing hi\nWorkspace: /tmp/ws"}],
                   TOOLS)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "ws").mkdir()
        store = SQLiteStore(Path(tmp) / "runs.db")
        try:
            run_task(Task(text="Create a file named note.txt containing the text ok", workspace=str(Path(tmp) / "ws"),
                          budget={"max_steps": 3}), model=get_model("local"), store=store)
        finally:
            store.close()


def _answers() -> None:
    """The tuned model's replies to six generated tasks (a seed the training data does not use), as one JSON line,
    after the plain model ran the loop in the same process."""
    _plain_model_drives_the_loop()
    tasks = _generator().generate(6, seed=424242)
    model = LocalModel.from_name("smollm2-tuned")
    assert model.name == "local:smollm2-tuned" and model.aids == frozenset()
    valid, seen = [], []
    for task in tasks:
        messages = [{"role": "system", "content": "You are an agent."},
                    {"role": "user", "content": f"Task: {task['text']}\nWorkspace: /tmp/ws"}]
        try:
            reply = model.complete(messages, TOOLS)
            assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0
            seen.append(f"{task['text'][:60]!r} -> {[(c.name, str(c.arguments)[:120]) for c in reply.tool_calls]}")
            if len(reply.tool_calls) != 1:
                continue
            action, _ = parse_reply(reply)
        except FormatError as exc:  # what the loop would send back as a format error: not an action
            seen.append(f"{task['text'][:60]!r} -> format error: {str(exc)[:120]}")
            continue
        valid.append(action.kind)
    print(json.dumps({"valid": valid, "seen": seen}))


def _cpu() -> str:
    """What the failure message says of this CPU (its model and the SIMD features llama.cpp's kernels use)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return "no /proc/cpuinfo"
    model = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in info.splitlines() if ln.startswith("flags")), [])
    return f"{model}; " + " ".join(f for f in flags if f.startswith(("avx", "amx", "fma", "f16c")))


def test_a_damaged_adapter_is_refused_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file, _ = local_adapter.ADAPTERS["smollm2-tuned"]
    shutil.copy(local_adapter.ADAPTER_DIR / file, tmp_path / file)
    with open(tmp_path / file, "r+b") as fh:
        fh.seek(1000)
        fh.write(b"\x00\x01\x02")
    monkeypatch.setattr(local_adapter, "ADAPTER_DIR", tmp_path)
    monkeypatch.setattr(local_adapter, "_CHECKED", set())
    with pytest.raises(ModelUnavailable, match="reinstall macrohard"):
        local_adapter.llama_kwargs("smollm2-tuned")
    (tmp_path / file).unlink()
    with pytest.raises(ModelUnavailable, match="missing"):
        local_adapter.llama_kwargs("smollm2-tuned")
    assert local_adapter.llama_kwargs("smollm2") == {}  # the plain model has no adapter
