"""The fifty-sixth wave's reliability pass (helper rel56), each hole as a user meets it before its fix.

1. A page whose script never yields (`while (true) {}`): the step waited the browser's whole timeout, the browser was
   killed, restarted and the page reopened (cookies, what was typed: lost). Now the script is stopped
   (``Runtime.terminateExecution``) and the page, the tab and the browser are kept.
2. A chat turn's Stop while the model's stream is stalled mid-answer: it waited for the model's next chunk (or its
   timeout). Now the stream's connection is closed at the Stop.
3. What a user meets when a part under us fails for real: see each test.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from .stall_server import Site, StallServer

CHROMIUM = Path("/usr/bin/chromium")


_SPIN_PAGES = {
    "/form": b"<html><body><h1>form</h1><input aria-label=note><button onclick='while (true) {}'>spin</button>"
             b"<script>document.cookie = 'seen=1'</script></body></html>",
    "/loop": b"<html><body><h1>loop</h1><script>let n = 0; while (true) { n++ }</script><p>after the loop</p>"
             b"</body></html>",
}


def test_a_page_whose_script_never_yields_is_stopped_and_the_browser_kept(tmp_path: Path) -> None:
    """A click on a button whose handler runs `while (true) {}`, then a page that loops as it loads (the browser's
    timeout 5 s). Before: each step waited the timeout, found the browser hung, killed and restarted it (restarts 1,
    then 2; the typed text and the cookie gone: a new browser), "The browser stopped responding". Now the script is
    stopped before the timeout: no restart, the page read, what was typed and the cookie kept, and the step says
    what happened."""
    pytest.importorskip("playwright")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium")
    from macrohard.envs.browser import BrowserEnvironment, element_id
    from macrohard.safety.context import GuardContext
    from macrohard.safety.guard import Guard
    from macrohard.types import BrowserClickAction, BrowserGotoAction, BrowserTypeAction

    (tmp_path / "ws").mkdir()
    env = BrowserEnvironment(str(tmp_path / "ws"), timeout=5.0)
    guard, ctx = Guard(), GuardContext(workspace=str(tmp_path / "ws"), environment="browser", network="loopback")

    def do(action: object):  # noqa: ANN202 - an Observation
        approved = guard.authorize(action, ctx, env=env).approved
        assert approved is not None
        return env.execute(approved)

    with Site(_SPIN_PAGES) as served:
        site = served.base
        env.start()
        try:
            form = do(BrowserGotoAction(url=site + "/form"))
            assert not form.error, form.output
            do(BrowserTypeAction(element=element_id(form.output, "textbox", "note"), text="kept"))
            spun = do(BrowserClickAction(element=element_id(form.output, "button", "spin")))
            assert not spun.error and env.restarts == 0, (env.restarts, spun.output[:600])
            assert "that script was stopped" in spun.output and 'heading "form"' in spun.output, spun.output[:600]
            assert spun.meta.get("page_script_stopped") == 1, spun.meta
            assert env.page.evaluate("[document.querySelector('input').value, document.cookie]") == ["kept", "seen=1"]
            loop = do(BrowserGotoAction(url=site + "/loop"))
            assert not loop.error and env.restarts == 0, (env.restarts, loop.output[:600])
            assert "that script was stopped" in loop.output and "after the loop" in loop.output, loop.output[:600]
        finally:
            env.close()


def test_a_chat_turns_stop_ends_a_model_stream_that_stalls_mid_answer(store) -> None:  # noqa: ANN001 - the fixture
    """The web's Stop of a chat turn (``Conversation.stop``) while the model's server has streamed part of its answer
    and then sends nothing (its own timeout 120 s). Before: the Stop was looked at only at the model's next chunk, so
    the turn went on waiting for the server (here: for ever, within the test's 30 s). Now the stream's connection is
    shut at the Stop: the turn ends at once, recorded with the note saying who stopped it."""
    from macrohard.chat import Conversation, TokenEvent
    from macrohard.models.openai_compat import OpenAICompatModel
    from macrohard.store.conversations import ConversationStore

    # the start of an answer streamed (one event, past the chat's first screening: it is shown at once), then the
    # connection held open with nothing sent for 120 s
    with StallServer(how="stream", pieces=("Hello, here is the start of it.",), hold=120.0) as stall:
        conv = Conversation.start(ConversationStore(store), OpenAICompatModel(stall.url, "m", timeout=120.0))
        ended: list[BaseException | None] = []
        shown = threading.Event()

        def turn() -> None:
            try:
                for event in conv.send("hi"):
                    if isinstance(event, TokenEvent):
                        shown.set()  # the turn reads the stream again when the next event is asked for
                ended.append(None)
            except BaseException as exc:  # noqa: BLE001 - what ended the turn is the test's to read
                ended.append(exc)

        thread = threading.Thread(target=turn, daemon=True)
        thread.start()
        assert shown.wait(60), "the answer's start was never shown"
        assert conv.stop("stopped from the web by user owner", by="user owner")
        thread.join(30)
        assert not thread.is_alive(), "the turn still waited on the model's stalled stream 30 s after its Stop"
    assert len(ended) == 1 and isinstance(ended[0], KeyboardInterrupt), ended
    assert "stopped from the web by user owner" in str(ended[0]), ended
    last = conv.history()[-1]
    assert last.role == "assistant" and last.text.startswith("Hello, here is the start of it."), last
    assert "[the answer was cut: stopped from the web by user owner" in last.text, last


@pytest.mark.model
def test_a_chat_turns_stop_aborts_the_embedded_models_decode(store) -> None:  # noqa: ANN001 - the fixture
    """The Stop of a chat turn answered by the embedded model (llama.cpp in-process) while it decodes a long prompt
    (tens of seconds on a loaded machine, nothing streamed yet). Before: the Stop was seen at the first token, after
    the whole decode (the KeyboardInterrupt raised by the turn's own check, nothing under it). Now llama.cpp's abort
    callback ends the decode: the turn ends with the model's ``Stopped`` under its KeyboardInterrupt, and the model
    answers the next call."""
    from macrohard.chat import Conversation
    from macrohard.errors import Stopped
    from macrohard.models import get_model
    from macrohard.store.conversations import ConversationStore

    model = get_model("local")
    conv = Conversation.start(ConversationStore(store), model)
    ended: list[BaseException | None] = []

    def turn() -> None:
        try:
            list(conv.send("Summarise this. " + "The quick brown fox jumps over the lazy dog. " * 30))
            ended.append(None)
        except BaseException as exc:  # noqa: BLE001 - what ended the turn is the test's to read
            ended.append(exc)

    thread = threading.Thread(target=turn, daemon=True)
    thread.start()
    lock = model._lock
    for _ in range(600):  # the turn holds the model's lock once its decode starts
        if lock.locked() or not thread.is_alive():
            break
        thread.join(0.05)
    assert conv.stop("stopped from the web by user owner", by="user owner")
    thread.join(120)
    assert not thread.is_alive(), "the turn still decoded 120 s after its Stop"
    assert len(ended) == 1 and isinstance(ended[0], KeyboardInterrupt), ended
    assert isinstance(ended[0].__cause__, Stopped), (ended[0], ended[0].__cause__)
    assert "[the answer was cut: stopped from the web by user owner" in conv.history()[-1].text
    with lock:
        out = model._llm.create_completion("Hello", max_tokens=2, temperature=0.0)
    assert out["choices"][0]["text"] is not None


@pytest.mark.parametrize("content", [b"task:\tsay hi\n", b"\xef\xbb\xbftask:\tsay hi\n"], ids=["tab", "bom-tab"])
def test_a_task_file_with_a_tab_after_its_colon_and_a_wrong_key_is_one_clear_error(tmp_path: Path,
                                                                                    content: bytes) -> None:
    """A task file `task:<TAB>say hi` (the field is `text:`; a tab after the colon, with or without a byte-order
    mark). Before: a Python traceback (yaml's ScannerError, raised while the error about `text:` was being placed on
    its line: libyaml had read the file, the pure-Python parser re-reading it refuses the tab). Now the error about
    the key, with its line, exit 2; nothing run."""
    from cli_in_process import mh

    task = tmp_path / "task.yaml"
    task.write_bytes(content)
    (tmp_path / "ws").mkdir()
    done = mh("run", "-f", str(task), "-w", str(tmp_path / "ws"), "--model", "scripted:/nonexistent.json")
    out = done.stdout + done.stderr
    assert done.returncode == 2 and "Traceback" not in out, out[-1500:]
    assert "task.yaml:1: text: Field required" in out and "task.yaml:1: task: Extra inputs are not permitted" in out, out


def test_a_step_the_locked_store_refused_is_written_when_the_lock_ends(tmp_path: Path, _home: Path) -> None:
    """Another program (a `sqlite3` shell, a backup tool) holds runs.db locked from the middle of a run's second
    step for a little longer than the store's wait (here 4 s, `MACROHARD_STORE_WAIT`; 30 s by default). Before: the
    step's record was refused and lost: `runs show` listed one step of the two the run took, "crashed", reason
    "OperationalError: database is locked". Now the step is written with the run's end once the lock is gone, and the
    run is `failed` with the message that names the holder and the fix."""
    import json
    import os
    import sqlite3
    import subprocess
    import sys
    import time

    from macrohard.store.sqlite import SQLiteStore

    ws = tmp_path / "ws"
    ws.mkdir()
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "echo first"},
                                  {"kind": "bash", "command": "sleep 2; echo second"},
                                  {"kind": "finish", "answer": "done"}]))
    db = _home / "runs.db"
    run = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "two steps", "-w", str(ws), "--model",
                            f"scripted:{script}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           env={**os.environ, "COLUMNS": "200", "MACROHARD_STORE_WAIT": "4"})
    try:
        end = time.monotonic() + 120
        while time.monotonic() < end and run.poll() is None:  # step 2's verdict in the audit: its `sleep 2` runs
            if db.exists():
                look = sqlite3.connect(db, timeout=10)
                try:
                    if look.execute("SELECT count(*) FROM audit").fetchone()[0] >= 2:
                        break
                except sqlite3.OperationalError:  # not migrated yet
                    pass
                finally:
                    look.close()
            time.sleep(0.02)
        holder = sqlite3.connect(db, isolation_level=None, timeout=60)
        holder.execute("BEGIN EXCLUSIVE")
        time.sleep(8)  # past the run's 4 s wait for step 2's record, within the second wait at its end
        holder.execute("ROLLBACK")
        holder.close()
        out, _ = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    flat = " ".join(out.split())
    assert run.returncode == 2 and "Traceback" not in flat, flat[-1500:]
    assert "2 ✓ $ sleep 2; echo second" in flat and " second " in flat, flat  # shown in its terminal too
    store = SQLiteStore(str(db))
    last = store.list_runs(limit=1)[0]
    outputs = [s.observation.output for s in store.steps(last.id) if s.observation]
    assert any("second" in o for o in outputs) and len(outputs) == 2, (outputs, flat[-800:])
    assert last.status.value == "failed" and "stayed locked by another program" in (last.error or ""), (last.status,
                                                                                                         last.error)
