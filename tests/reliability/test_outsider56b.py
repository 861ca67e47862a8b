"""The fifty-sixth wave's second reliability pass (helper rel57): what rel56 left open, each as a user meets it.

1. Ctrl-C in `macrohard chat` while the embedded model (llama.cpp, in-process) decodes a long message: Python's
   handler runs only when the decode returns, so the terminal came back only after the whole prompt was decoded.
2. A web run's Stop while its embedded model decodes: the run ended, but the model's call ran on to its end in its
   helper thread, holding the model (every other run and chat on it waited).
3. A step whose record the run store's full disk refused: lost unless space came back before the run's end.

The decode's end is read from llama.cpp itself, not from a clock: an aborted decode leaves none of its batch in the
model's cache (llama.cpp removes it: the cache holds what it held when the decode began), a finished one leaves the
whole prompt there, and the answer's tokens after it.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from .outsider import frame_of

MESSAGE = "Summarise this. " + "The quick brown fox jumps over the lazy dog. " * 40


def _decoding(thread_id: int | None) -> bool:
    """Whether the thread is inside llama.cpp's decode now (its innermost Python frame is the ctypes call's)."""
    frame = frame_of(thread_id)
    return frame is not None and frame.f_code.co_name == "decode" and "llama_cpp" in frame.f_code.co_filename


def _cached(llm: Any) -> int:
    """How many positions llama.cpp's cache holds for the one sequence (-1 when none: the highest position + 1)."""
    import llama_cpp

    return int(llama_cpp.llama_memory_seq_pos_max(llama_cpp.llama_get_memory(llm._ctx.ctx), 0)) + 1


def test_ctrl_c_in_a_chat_aborts_the_embedded_models_decode_and_keeps_the_conversation(store) -> None:  # noqa: ANN001
    """`macrohard chat`'s own signal handling (``cli/closing.watched``) around a turn of the embedded model, a real
    SIGINT to this process while llama.cpp decodes a long message. Before: the decode ran to its end first (the whole
    prompt in the model's cache after; 6.2 s at load 4.5 on the shared 2-core machine, longer with longer messages),
    then the interrupt. Now the decode is aborted at the signal; the turn ends interrupted, and the conversation keeps
    its earlier turns, the message and the cut note."""
    from macrohard.chat import Conversation
    from macrohard.cli.closing import watched
    from macrohard.models import get_model
    from macrohard.store.conversations import ChatMessage, ConversationStore

    model = get_model("local")
    chats = ConversationStore(store)
    conv = Conversation.start(chats, model)
    chats.append(conv.record, ChatMessage(role="user", text="hello"))
    chats.append(conv.record, ChatMessage(role="assistant", text="hi there"))
    main = threading.main_thread().ident
    sent: list[int] = []

    def ctrl_c() -> None:
        for _ in range(60_000):  # until the main thread is inside llama.cpp's decode of the message
            if _decoding(main):
                sent.append(model._llm.n_tokens)  # what the cache held when this decode began
                os.kill(os.getpid(), signal.SIGINT)
                return
            time.sleep(0.002)

    threading.Thread(target=ctrl_c, daemon=True).start()
    ended: BaseException | None = None
    try:
        with watched():
            list(conv.send(MESSAGE))
    except KeyboardInterrupt as exc:
        ended = exc
    assert sent and ended is not None, (sent, ended)
    in_cache = _cached(model._llm)
    assert in_cache <= sent[0], f"the decode ran to its end after the Ctrl-C: {in_cache} positions cached, not {sent}"
    texts = [m.text for m in conv.history()]
    assert texts[:3] == ["hello", "hi there", MESSAGE] and len(texts) == 4, texts
    assert texts[3].startswith("[the answer was cut: interrupted by SIGINT (Ctrl-C)"), texts[3]
    with model._lock:  # the model answers the next call
        out = model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
    assert out["choices"][0]["text"] is not None


def test_a_web_runs_stop_aborts_its_embedded_models_call() -> None:
    """The web's run wrapper (``server/live._Stoppable``) around the embedded model, Stop pressed while the model
    decodes a long task. Before: the run ended at the Stop, but its model call went on in its helper thread to the end
    of its answer (the whole prompt decoded, then up to 320 tokens generated), holding the model meanwhile. Now the
    Stop aborts that call's decode; the model's next call (another run's) decodes as usual."""
    from macrohard.errors import Stopped
    from macrohard.models import get_model
    from macrohard.server.live import _Stoppable

    model = get_model("local")
    stop = threading.Event()
    stop.by = "user owner"  # type: ignore[attr-defined]  # who pressed it, as the server's stop path sets it
    wrapped = _Stoppable(model, stop)
    ended: list[BaseException | None] = []
    messages = [{"role": "system", "content": "You are an agent."}, {"role": "user", "content": MESSAGE}]

    def run() -> None:
        try:
            wrapped.complete(messages, None)
            ended.append(None)
        except BaseException as exc:  # noqa: BLE001 - what ended the run's call is the test's to read
            ended.append(exc)

    runner = threading.Thread(target=run, daemon=True)
    runner.start()
    helper = None
    for _ in range(60_000):  # until the model's helper thread is inside llama.cpp's decode of the task
        helper = next((t for t in threading.enumerate() if t.name == "macrohard-web-model-call"), None)
        if (helper is not None and _decoding(helper.ident)) or not runner.is_alive():
            break
        time.sleep(0.002)
    began = model._llm.n_tokens  # what the cache held when this decode began
    assert helper is not None and runner.is_alive(), ended
    stop.set()
    runner.join(60)
    assert len(ended) == 1 and isinstance(ended[0], Stopped), ended
    assert "stopped from the web by user owner" in str(ended[0])
    helper.join(600)  # before: the call's whole answer
    assert not helper.is_alive()
    in_cache = _cached(model._llm)
    assert in_cache <= began, f"the Stop did not reach the model: its call decoded on ({in_cache} cached, not {began})"
    with model._lock:  # the model answers the next call
        out = model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
    assert out["choices"][0]["text"] is not None


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")
def test_a_step_the_full_disk_refused_is_kept_elsewhere_and_added_back(tmp_path: Path) -> None:
    """MACROHARD_HOME on an 8 MiB tmpfs; the run's second step (`--no-sandbox`) fills that disk, and the disk is still
    full when the run ends. Before: the step was shown, its record lost: `runs list` after freeing the space showed
    1 step and `crashed` ("step 2 … was under way … no result recorded"). Now the step and the run's end are kept in a
    file outside that disk (here the session's runtime folder), the terminal names the file, and the next `runs
    list` adds them to the store: 2 steps, `failed` with the disk's reason; the file is gone."""
    import json
    import subprocess

    small = tmp_path / "small"
    small.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(small)], check=True)
    try:
        ws, runtime = small / "ws", tmp_path / "runtime"
        ws.mkdir()
        runtime.mkdir()
        script = tmp_path / "script.json"
        script.write_text(json.dumps([{"kind": "write_file", "path": "first.txt", "content": "first\n"},
                                      {"kind": "bash", "command": "head -c 20M /dev/zero > big.bin; echo second-out"},
                                      {"kind": "finish", "answer": "done"}]))
        env = {**os.environ, "MACROHARD_HOME": str(small / "home"), "XDG_RUNTIME_DIR": str(runtime), "COLUMNS": "200"}
        done = subprocess.run([sys.executable, "-m", "macrohard", "run", "fill the disk", "-w", str(ws),
                               "--no-sandbox", "--model", f"scripted:{script}"], capture_output=True, text=True,
                              timeout=300, env=env)
        out = " ".join((done.stdout + done.stderr).split())
        assert done.returncode == 2 and "Traceback" not in out and "second-out" in out, out[-1500:]
        kept = list(runtime.rglob("*.unsaved.json"))
        assert len(kept) == 1 and str(kept[0]) in out, (kept, out[-1500:])
        (ws / "big.bin").unlink()
        listed = subprocess.run([sys.executable, "-m", "macrohard", "runs", "list", "--json"], capture_output=True,
                                text=True, timeout=300, env=env)
        runs = json.loads(listed.stdout)
        assert runs[0]["status"] == "failed" and runs[0]["steps"] == 2, runs
        from macrohard.store.sqlite import SQLiteStore

        store = SQLiteStore(str(small / "home" / "runs.db"))
        outputs = [s.observation.output for s in store.steps(runs[0]["id"]) if s.observation is not None]
        assert len(outputs) == 2 and "second-out" in outputs[1], outputs
        assert "is full" in (store.get_run(runs[0]["id"]).error or "") and not kept[0].exists()
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)
