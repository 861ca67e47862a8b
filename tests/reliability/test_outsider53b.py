"""The fifty-third wave's outsider pass on stopping and waiting (helper rel53b): what rel52 and ux52 left open.

1. A run waiting at the guard's `[y/N]` question (a person's approval, in its terminal) was not reached by
   `macrohard runs stop RUN` from another terminal: the question did not look at the cut (`runs stop` exit 3, "still
   running after 15s"), the run waited on for its person.
2. A company's lead run stopped by `macrohard runs stop LEAD` while its worker runs a long command.

Each test drives the real parts (`python -m macrohard` subprocesses in a pty or with pipes, bubblewrap sandboxes).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from .outsider import cli_env, flat, left_running, write_script
from .outsider import mh as _mh

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # a terminal's colours and cursor moves


def _read_until(master: int, text: bytes, seconds: float, got: bytearray) -> bool:
    """Read the pty's output into ``got`` until ``text`` is in it (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while text not in got and time.monotonic() < deadline:
        if select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return text in got
            if not chunk:
                break
            got.extend(chunk)
    return text in got


def test_runs_stop_reaches_a_run_waiting_at_the_guards_question(tmp_path: Path) -> None:
    """`macrohard run` in a terminal (a pty), waiting at the guard's "Allow this action? [y/N]" for `touch made.txt`;
    `macrohard runs stop ID` from a second process. Before: the question did not look at the cut: `runs stop` said
    "still running after 15s" (exit 3) and the run waited on for its person. Now the question is answered as a refusal
    by the stop (recorded so: the step denied, "not approved … stopped"), nothing runs, the run ends `interrupted`
    with its step kept, its terminal's closing line says who stopped it (exit 130), `runs stop` exit 0 within seconds."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    policy = tmp_path / "ask.yaml"
    policy.write_text("rules:\n  - {id: ask-touch, programs: [touch], decision: ask, reason: 'creating files needs a "
                      "person'}\n")
    model = write_script(tmp_path / "m.json", [{"kind": "bash", "command": "touch made.txt"},
                                               {"kind": "finish", "answer": "ok"}])
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "make a file", "-w", str(ws), "--model", model,
                             "--policy", str(policy), "--no-sandbox"], stdin=slave, stdout=slave, stderr=slave,
                            env=cli_env(**env), close_fds=True, start_new_session=True)
    os.close(slave)
    out = bytearray()
    try:
        assert _read_until(master, b"Allow this action?", 120, out), out.decode(errors="replace")
        [run] = json.loads(_mh("runs", "list", "--json", "--status", "running", **env).stdout)
        t0 = time.monotonic()
        stopped = _mh("runs", "stop", run["id"], **env)
        took = time.monotonic() - t0
        _read_until(master, b"\x00never", 30 if proc.poll() is None else 1, out)  # to its end (EOF)
        try:
            code: int | None = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # before: still at the question
            code = None
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)  # only the run we started, by its pid
            proc.wait()
        os.close(master)
    said, shown_out = flat(stopped.stdout + stopped.stderr), flat(ANSI.sub("", out.decode(errors="replace")))
    assert stopped.returncode == 0, said  # before: 3, "still running after 15s"
    assert f"stopped run {run['id']}: interrupted after 1 step" in said, said
    assert took < 12, f"`runs stop` took {took:.1f} s"
    assert code == 130, shown_out
    assert "stopped by `macrohard runs stop` (from another terminal); the steps so far are kept" in shown_out, shown_out
    assert "Traceback" not in shown_out, shown_out
    assert not (ws / "made.txt").exists()
    [after] = json.loads(_mh("runs", "list", "--json", **env).stdout)
    assert (after["status"], after["steps"]) == ("interrupted", 1), after
    assert "macrohard runs stop" in after["error"], after
    shown = flat(_mh("runs", "show", run["id"], **env).stdout)
    assert "1 ✗ denied $ touch made.txt" in shown, shown  # the question answered: a refusal, recorded
    assert "the question was cut: stopped by `macrohard runs stop`" in shown, shown
    records = json.loads(_mh("audit", "show", run["id"], "--json", **env).stdout)
    approvals = [r for r in records if r.get("kind") == "approval"]
    assert len(approvals) == 1 and "question was cut" in json.dumps(approvals[0]), records  # in the audit chain
    assert left_running(home) == [], left_running(home)
