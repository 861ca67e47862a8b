"""The fifty-seventh wave's third reliability pass (helper rel59): the corners rel56/rel57 left, as a user meets them.

1. A browser run's step whose screenshot the run store's full disk refused: ``add_artifact`` failed before the step
   was kept, so the step (what the agent did and read) was lost, not only its picture. Now the step is kept as rel57
   keeps a plain one (in the store, or outside the full disk until there is space), its screenshot dropped with a note.
2. A web run's Stop while an OpenAI-compatible model's non-streamed call waits on a server that stalls: the run
   ended, but the HTTP call ran on in its helper thread to the model's timeout (its connection open). Now the Stop
   shuts the call's connection down, a fresh one's or one reused from httpx's pool.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .stall_server import Site, StallServer

CHROMIUM = Path("/usr/bin/chromium")


def _fill(path: Path) -> None:
    """Write ``path`` until its disk has no byte left (big pieces, then small ones)."""
    with open(path, "ab", buffering=0) as fh:
        for size in (1 << 16, 512, 1):
            try:
                while True:
                    fh.write(b"x" * size)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")
def test_a_browser_step_whose_screenshot_the_full_disk_refused_is_kept(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The run store on an 8 MiB tmpfs; the page of the run's second step fills that disk while the browser loads it.
    Two writes failed before the step was kept. On 72d71975: the guard's audit record of the page's screening
    (``Guard.screen``) failed first, and step 2 was kept with no observation (what the agent read lost); with that
    fixed alone, the screenshot's ``add_artifact`` failed next and step 2 was lost whole (`[1] == [1, 2]`). Now the
    step is kept with the screened page and without its screenshot (outside the full disk, here the session's
    runtime folder, until there is space), with notes saying what was not written; once space is freed the next look
    at the store adds it back: 2 steps, the page's text in the second."""
    pytest.importorskip("playwright")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium")
    from macrohard.agent import Agent
    from macrohard.envs.browser import BrowserEnvironment
    from macrohard.errors import DiskFull
    from macrohard.recovery import recover
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    small, runtime, ws = tmp_path / "small", tmp_path / "runtime", tmp_path / "ws"
    for folder in (small, runtime, ws):
        folder.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(small)], check=True)
    try:
        store = SQLiteStore(str(small / "runs.db"))
        env = BrowserEnvironment(str(ws), timeout=20.0)
        def fill() -> bytes:  # ``/fill`` fills the run store's disk while it is asked, then answers
            _fill(small / "filler.bin")
            return b"<html><body><h1>second</h1><p>what the agent read on the full disk</p></body></html>"

        with Site({"/": b"<html><body><h1>first</h1><p>a page</p></body></html>", "/fill": fill}) as site:
            model = ScriptedModel([{"kind": "browser_goto", "url": site.base + "/"},
                                   {"kind": "browser_goto", "url": site.base + "/fill"}])
            env.start()
            try:
                with pytest.raises(DiskFull) as ended:
                    Agent(model, env, Guard(), store).run(Task(text="read two pages"))
            finally:
                env.close()
        kept = list(runtime.rglob("*.unsaved.json"))
        assert len(kept) == 1 and str(kept[0]) in str(ended.value), (kept, str(ended.value))
        (small / "filler.bin").unlink()
        recover(store)
        run = store.list_runs()[0]
        steps = store.steps(run.id)
        assert [s.index for s in steps] == [1, 2], (run.status, run.error, [s.index for s in steps], str(ended.value))
        second = steps[1].observation
        assert second is not None and "what the agent read on the full disk" in second.output, second
        assert "not kept: the run store's disk was full" in second.meta.get("screenshots_dropped", ""), second.meta
        assert "is full" in second.meta.get("audit_unrecorded", ""), second.meta
        assert run.status.value == "failed" and "is full" in (run.error or ""), (run.status, run.error)
        assert len(store.artifacts(run.id, "screenshot")) >= 1  # the first step's screenshot is still there
        assert not list(runtime.rglob("*.unsaved.json"))
        store.close()
        shown = subprocess.run([sys.executable, "-m", "macrohard", "runs", "show", run.id], capture_output=True,
                               text=True, timeout=120, env={**os.environ, "MACROHARD_HOME": str(small), "COLUMNS": "200"})
        said = " ".join(shown.stdout.split())
        assert "screenshot not kept: the run store's disk was full" in said and "what the agent read" in said, said
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)


def _sockets_to(port: int) -> int:
    """How many sockets this process holds open to 127.0.0.1:``port`` now (its fds whose TCP inode has that remote
    port: other tests' or threads' sockets do not count)."""
    inodes = set()
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if int(fields[2].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    held = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            held += os.readlink(f"/proc/self/fd/{fd}") in {f"socket:[{i}]" for i in inodes}
        except OSError:
            continue
    return held


@pytest.mark.parametrize("answered", [0, 1], ids=["new-connection", "pooled-connection"])
def test_a_web_runs_stop_ends_a_model_call_that_waits_on_a_stalled_server(answered: int) -> None:
    """The web's run wrapper (``server/live._Stoppable``) around an OpenAI-compatible model (non-streamed: the agent's
    calls), Stop pressed while the server holds the call with no answer; the call on a new connection, and on one
    reused from httpx's pool (the model answered a call before: every call of a run after its first). Before: the run
    ended at the Stop, but its HTTP call ran on in the helper thread to the model's timeout (120 s here), its
    connection open. Now the Stop shuts that connection down: the server sees the hang-up, the helper thread ends,
    and no thread or socket of the call is left."""
    from macrohard.errors import Stopped
    from macrohard.models.openai_compat import OpenAICompatModel
    from macrohard.server.live import _Stoppable

    # its first ``answered`` calls answered on a kept-alive connection (httpx pools it), the next held with no
    # answer (no headers) until the client hangs up (``hung_up``) or the test ends
    with StallServer(how="silent", answered=answered, keep_alive=True, hold=120.0) as stalling:
        url = stalling.url
        port = int(url.split(":")[2].split("/")[0])
        model = OpenAICompatModel(url, "stalls", timeout=120.0, max_retries=0)
        try:
            stop = threading.Event()
            stop.by = "user owner"  # type: ignore[attr-defined]  # who pressed it, as the server's stop path sets it
            wrapped = _Stoppable(model, stop)
            messages = [{"role": "user", "content": "hi"}]
            for _ in range(answered):
                assert wrapped.complete(messages, []).text == "hello"
            ended: list[BaseException | None] = []

            def run() -> None:
                try:
                    wrapped.complete(messages, [])
                    ended.append(None)
                except BaseException as exc:  # noqa: BLE001 - what ended the run's call is the test's to read
                    ended.append(exc)

            runner = threading.Thread(target=run, daemon=True)
            runner.start()
            assert stalling.asked.wait(30), ended  # the server holds the call now
            assert _sockets_to(port) == 1, _sockets_to(port)  # the call's connection
            helper = next(t for t in threading.enumerate() if t.name == "macrohard-web-model-call")
            stop.set()
            runner.join(30)
            assert len(ended) == 1 and isinstance(ended[0], Stopped), ended
            helper.join(30)  # before: alive until the model's timeout (120 s)
            assert not helper.is_alive(), "the model's HTTP call ran on after the Stop"
            assert stalling.hung_up.wait(30) and stalling.over.wait(30), "the server never saw the call hang up"
            assert _sockets_to(port) == 0, _sockets_to(port)  # the call's connection closed (before: open to the end)
        finally:
            model.close()


def test_a_chat_turns_stop_ends_a_stream_stalled_before_its_headers_on_a_pooled_connection(store) -> None:  # noqa: ANN001
    """rel56's left-open: a chat turn's Stop (``Conversation.stop``, the web's Stop) while the model's server holds the
    turn's streamed call before its answer's headers, on a connection httpx reused from its pool (the model answered
    the turn before). Before: only a new connection's socket was known to the Stop, so the turn waited for the
    model's timeout (120 s here; the test's 30 s). Now the pooled connection is found and shut down too."""
    from macrohard.chat import Conversation
    from macrohard.models.openai_compat import OpenAICompatModel
    from macrohard.store.conversations import ConversationStore

    with StallServer(how="silent", answered=1, keep_alive=True, hold=120.0) as stalling:
        url = stalling.url
        model = OpenAICompatModel(url, "stalls", timeout=120.0, max_retries=0)
        try:
            conv = Conversation.start(ConversationStore(store), model)
            list(conv.send("hi"))
            assert conv.history()[-1].text == "hello", conv.history()
            ended: list[BaseException | None] = []

            def turn() -> None:
                try:
                    list(conv.send("and now?"))
                    ended.append(None)
                except BaseException as exc:  # noqa: BLE001 - what ended the turn is the test's to read
                    ended.append(exc)

            thread = threading.Thread(target=turn, daemon=True)
            thread.start()
            assert stalling.asked.wait(30), ended
            assert conv.stop("stopped from the web by user owner", by="user owner")
            thread.join(30)
            assert not thread.is_alive(), "the turn still waited on the model's stalled call 30 s after its Stop"
            assert len(ended) == 1 and isinstance(ended[0], KeyboardInterrupt), ended
            assert stalling.hung_up.wait(30), "the server never saw the call hang up"
        finally:
            model.close()


_LOAD_SIGINT = r"""
import gc, os, signal, sys, threading, time
from macrohard.models import get_model

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal (a background job starts with it ignored)
main = threading.main_thread().ident
sent = []

def ctrl_c():
    for _ in range(400_000):  # until the main thread is inside llama.cpp's load (llama-cpp-python's _internals)
        gc.disable()  # CPython 3.11: a collection inside sys._current_frames deadlocks it (gh-106883; outsider.frame_of)
        try:
            frame = sys._current_frames().get(main)
        finally:
            gc.enable()
        if frame is not None and frame.f_code.co_name == "__init__" and frame.f_code.co_filename.endswith("_internals.py"):
            sent.append(frame.f_code.co_filename)
            os.kill(os.getpid(), signal.SIGINT)
            return
        time.sleep(0.0005)

threading.Thread(target=ctrl_c, daemon=True).start()
try:
    get_model("local")
    for _ in range(200_000):  # Python code, then a sleep: a handler only late would run here
        pass
    time.sleep(0.2)
    print("lost", bool(sent), flush=True)
except KeyboardInterrupt:
    print("raised", bool(sent), flush=True)
"""


@pytest.mark.model
def test_a_ctrl_c_while_the_embedded_model_loads_is_not_lost(tmp_path: Path) -> None:
    """A Ctrl-C (SIGINT) while llama.cpp loads the embedded model in the main thread (`macrohard chat --model local`
    loads it before its first prompt; measured there: the chat went on, answered the message and exited 0). Python
    runs the handler at the next Python code the main thread runs, which was llama-cpp-python's Python log callback:
    a ctypes callback, whose exception is printed (to /dev/null: the load swaps the fds) and dropped. Before: `lost
    True` (the SIGINT sent, never raised). Now the callback is C (``models/llama_logs``) and the KeyboardInterrupt
    comes when the load returns."""
    import subprocess
    import sys

    env = {**os.environ, "MACROHARD_HOME": str(tmp_path / "home"), "MACROHARD_LLAMA_EXTRA_BUFFERS": "0"}
    done = subprocess.run([sys.executable, "-c", _LOAD_SIGINT], capture_output=True, text=True, timeout=300, env=env)
    assert done.stdout.split() == ["raised", "True"], (done.returncode, done.stdout, done.stderr[-2000:])
