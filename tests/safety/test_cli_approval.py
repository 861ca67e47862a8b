"""The CLI approval prompt in a real terminal (a pty): it shows the action and the reason and waits for y/n."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import threading
import time

import pytest


def _run_in_pty(args, answer: bytes | signal.Signals, env) -> str:
    """``args`` in a pty; at the guard's question, ``answer`` is typed (or, a signal, sent to the process)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    out, answered, deadline = b"", False, time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if not answered and b"Allow this action?" in out:
                if isinstance(answer, bytes):
                    os.write(master, answer)
                else:
                    proc.send_signal(answer)
                answered = True
        elif proc.poll() is not None:
            break
    try:
        proc.wait(timeout=30)
    finally:  # a run that never ends is this test's failure, not a still-running child warned about in a later test
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return out.decode(errors="replace")


@pytest.mark.parametrize("answer,ran", [(b"y\n", True), (b"n\n", False)])
def test_prompt_waits_for_the_person(tmp_path, _home, answer, ran):
    policy = tmp_path / "ask.yaml"
    policy.write_text("rules:\n  - {id: ask-touch, programs: [touch], decision: ask, reason: 'creating files needs a person'}\n")
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "touch made.txt"}, {"kind": "finish", "answer": "ok"}]))
    ws = tmp_path / "ws"
    env = {**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "200"}
    out = _run_in_pty([sys.executable, "-c", "from macrohard.cli import main; main()", "run", "make a file", "--model", f"scripted:{script}",
                       "--policy", str(policy), "--workspace", str(ws), "--no-sandbox"], answer, env)
    assert "The guard asks:" in out and "touch made.txt" in out and "creating files needs a person" in out
    assert (ws / "made.txt").exists() is ran


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_at_the_prompt_stops_the_run_interrupted_and_nothing_runs(tmp_path, _home, sig):
    """rel25: Ctrl-C (or SIGTERM) while the guard's question waits. Before: click's confirm turned it into `Abort`,
    the run ended `crashed` with the reason "Abort:", and `runs show` marked the unanswered step ✓."""
    from cli_in_process import mh

    policy = tmp_path / "ask.yaml"
    policy.write_text("rules:\n  - {id: ask-touch, programs: [touch], decision: ask, reason: 'creating files needs a person'}\n")
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "touch made.txt"}, {"kind": "finish", "answer": "ok"}]))
    ws = tmp_path / "ws"
    env = {**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "200"}
    out = _run_in_pty([sys.executable, "-c", "from macrohard.cli import main; main()", "run", "make a file", "--model",
                       f"scripted:{script}", "--policy", str(policy), "--workspace", str(ws), "--no-sandbox"], sig, env)
    assert "Traceback" not in out and "Aborted" not in out, out
    assert not (ws / "made.txt").exists()
    (run,) = json.loads(mh("runs", "list", "--json").stdout)
    assert run["status"] == "interrupted", run
    shown = mh("runs", "show", run["id"]).stdout
    assert "1 ✗ not run $ touch made.txt" in shown, shown


class _Stopped(Exception):
    pass


def test_a_signal_that_lands_before_the_prompt_reads_is_not_lost(monkeypatch):
    """The race behind `[ctrl-c]` hanging under two workers: a signal whose C handler runs while the main thread is
    not in a system call it interrupts (the prompt written, `read` not yet entered; here: delivered to another
    thread) ran Python's handler only at the next bytecode, and `input` then blocked in `read` until a line came."""
    from macrohard.cli.common import read_line

    master, slave = pty.openpty()
    tty = os.fdopen(slave, "r")
    monkeypatch.setattr(sys, "stdin", tty)

    def stop(_signum, _frame):
        raise _Stopped

    signal.signal(signal.SIGINT, stop)
    sender = threading.Thread(target=lambda: (time.sleep(0.3), signal.pthread_kill(threading.get_ident(), signal.SIGINT)))
    unblock = threading.Timer(10, lambda: os.write(master, b"n\n"))  # so a regression fails instead of hanging
    sender.start()
    unblock.start()
    started = time.monotonic()
    try:
        with pytest.raises(_Stopped):
            read_line("  Allow this action? [y/N]: ")
        assert time.monotonic() - started < 5
    finally:
        unblock.cancel()
        sender.join()
        tty.close()
        os.close(master)
