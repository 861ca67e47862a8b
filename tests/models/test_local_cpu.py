"""llama.cpp's extra CPU buffer types, probed before a model is loaded (``models/local_cpu.py``): on a Sapphire Rapids
VM a ``-march=native`` build by GCC 12 died of SIGILL at the first batched decode with its repacked AMX weights,
killing the whole process (the cause and the build fix: ``scripts/llama_cmake.sh``, ``test_llama_build.py``); the
probe stays as the safety net. Real llama.cpp, the bundled SmolLM2; nothing mocked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macrohard.models import local_cpu
from macrohard.models.local import model_path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MACROHARD_HOME", str(tmp_path))
    monkeypatch.delenv("MACROHARD_LLAMA_EXTRA_BUFFERS", raising=False)
    return tmp_path


def test_the_setting_decides_without_a_probe(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = model_path("smollm2")
    for value, expected in (("0", False), ("1", True)):
        monkeypatch.setenv("MACROHARD_LLAMA_EXTRA_BUFFERS", value)
        assert local_cpu.extra_buffers_ok(path) is expected
    assert not (home / "models" / "llama-extra-buffers.json").exists()  # no probe ran, nothing remembered


def test_the_probe_is_remembered_per_build_cpu_and_model(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flags = " ".join(f for f in local_cpu._cpu_flags().split() if not f.startswith("amx"))
    monkeypatch.setattr(local_cpu, "_cpu_flags", lambda: flags)  # a CPU with AMX is decided without the probe
    path = model_path("smollm2")
    first = local_cpu.extra_buffers_ok(path)
    memo = home / "models" / "llama-extra-buffers.json"
    known = json.loads(memo.read_text())
    assert list(known.values()) == [first]
    # the remembered answer is what the next load reads (flipped here: no second probe decides it)
    memo.write_text(json.dumps({k: not v for k, v in known.items()}))
    assert local_cpu.extra_buffers_ok(path) is (not first)


def test_a_child_killed_by_sigill_says_no_and_other_failures_say_yes(tmp_path: Path) -> None:
    # the probe reads only how its child ended: an unreadable model is not its business (the real load reports it)
    assert local_cpu.probe(tmp_path / "missing.gguf") is True
    died = subprocess.run([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGILL)"])
    assert died.returncode == -4  # what the probe takes as "no"


def test_without_extra_buffers_turns_them_off_for_that_load_only() -> None:
    import llama_cpp.llama_cpp as raw
    from llama_cpp import Llama

    path = str(model_path("smollm2"))
    llm = local_cpu.without_extra_buffers(lambda: Llama(model_path=path, n_ctx=256, verbose=False))
    try:
        assert llm.model_params.use_extra_bufts is False  # type: ignore[attr-defined]
        llm.eval(llm.tokenize(b"word " * 96))  # a batched decode: the step that died of SIGILL
    finally:
        llm.close()  # type: ignore[attr-defined]
    assert raw.llama_model_default_params().use_extra_bufts is True  # the library's default is back


def test_a_loaded_model_decodes_a_long_prompt_in_process() -> None:
    # before the probe, this process died here ("Illegal instruction") on the shared box's VM
    from macrohard.models.local import LocalModel

    model = LocalModel.from_name("smollm2")
    out = model._llm.create_completion("word " * 200, max_tokens=2)
    assert out["usage"]["prompt_tokens"] >= 200


def test_the_server_command_follows_the_probe(tmp_path, monkeypatch):
    from macrohard.models.local_cpu import server_command

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setenv("MACROHARD_LLAMA_EXTRA_BUFFERS", "1")
    assert server_command(model)[1:] == ["-m", "llama_cpp.server"]
    monkeypatch.setenv("MACROHARD_LLAMA_EXTRA_BUFFERS", "0")
    command = server_command(model)
    assert command[1] == "-c" and "use_extra_bufts = False" in command[2] and "llama_cpp.server" in command[2]


def test_the_thread_count_is_the_setting_else_the_cores_at_most_four(monkeypatch: pytest.MonkeyPatch) -> None:
    """`MACROHARD_LLAMA_THREADS` decides llama.cpp's threads (the test suite's parallel workers set 1, so two workers'
    models never wait on each other's descheduled threads); unset, the cores this process may run on, at most 4; a
    value that is not a whole number names the fix."""
    import os

    from macrohard.errors import ModelUnavailable
    from macrohard.models.local_load import llama_threads

    monkeypatch.setenv("MACROHARD_LLAMA_THREADS", "1")
    assert llama_threads() == 1
    monkeypatch.setenv("MACROHARD_LLAMA_THREADS", "3")
    assert llama_threads() == 3
    monkeypatch.delenv("MACROHARD_LLAMA_THREADS")
    assert llama_threads() == max(1, min(4, len(os.sched_getaffinity(0))))
    for bad in ("two", "0", "-1", "1.5"):
        monkeypatch.setenv("MACROHARD_LLAMA_THREADS", bad)
        with pytest.raises(ModelUnavailable, match="MACROHARD_LLAMA_THREADS"):
            llama_threads()


def test_a_probe_killed_from_outside_is_not_remembered(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rel62: the probe's child SIGKILLed while it loads the model (the out-of-memory killer: it loads a second copy;
    or a person's kill). Before: any end but SIGILL read "yes" and was remembered for good, so a build whose decode
    dies of SIGILL was never probed again. Now the load goes on ("yes", as before) and nothing is remembered."""
    import os
    import signal
    import threading
    import time

    flags = " ".join(f for f in local_cpu._cpu_flags().split() if not f.startswith("amx"))
    monkeypatch.setattr(local_cpu, "_cpu_flags", lambda: flags)  # a CPU with AMX is decided without the probe
    killed: list[int] = []
    done = threading.Event()

    def kill_the_probe() -> None:
        while not done.is_set():
            for entry in os.listdir("/proc"):
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        parent = int(fh.read().rsplit(")", 1)[1].split()[1])
                    with open(f"/proc/{entry}/cmdline", "rb") as fh:
                        probing = b"from llama_cpp import Llama" in fh.read()
                except (OSError, IndexError, ValueError):
                    continue
                if parent == os.getpid() and probing:
                    os.kill(int(entry), signal.SIGKILL)
                    killed.append(int(entry))
                    return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_probe)
    killer.start()
    try:
        ok = local_cpu.extra_buffers_ok(model_path("smollm2"))
    finally:
        done.set()
        killer.join(30)
    assert killed, "the probe's child was never seen"
    assert ok is True  # the load goes on, as before
    memo = home / "models" / "llama-extra-buffers.json"
    assert not memo.exists() or json.loads(memo.read_text()) == {}, memo.read_text()  # before: {key: true}
