"""rel47's holes (company mode, money, the audit log, rel46's left-open), found as an outsider through `macrohard …` as a
user would meet them, each kept as a test that failed before its fix. The table of before and after is in
benchmarks/RESULTS.md, rel47's section."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macrohard.envs.mounts import mount_points

SRC = Path(__file__).resolve().parents[2] / "src"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _write(path: Path, actions: list[dict[str, object]]) -> str:
    path.write_text(json.dumps(actions))
    return f"scripted:{path}"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", **extra}


def _mh(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, env=_env(),
                          timeout=timeout)


def _left_running(home: Path) -> list[str]:
    """Processes of this test's HOME still alive (a sandbox, a sub-run's shell)."""
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(home) in cmd:
            left.append(f"{pid}: {cmd[:200]}")
    return left


# -- company mode --------------------------------------------------------------------------------------------------

LEAD = [{"kind": "plan", "steps": [{"id": "s1", "division": "operator", "task": "wait a"},
                                   {"id": "s2", "division": "coding", "task": "wait b"}]},
        {"kind": "finish", "answer": "all done"}]
# one script file plays both sub-runs (one model per spec and process): two first steps, then what must never run
SUB = [{"kind": "bash", "command": "sleep 4; echo first"}, {"kind": "bash", "command": "sleep 4; echo first"},
       {"kind": "bash", "command": "echo after-the-stop"}, {"kind": "bash", "command": "echo after-the-stop"},
       {"kind": "finish", "answer": "waited"}, {"kind": "finish", "answer": "waited"}]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_company_stopped_while_its_sub_runs_run_stops_them_keeps_them_and_says_so(tmp_path: Path, sig: int) -> None:
    """`macrohard company` stopped (Ctrl-C, SIGTERM) while two sub-runs ran in parallel. Before: Ctrl-C printed
    nothing at all, the sub-runs went on to their own end (17 s more in the probe) and were `succeeded` after the user
    had said stop, the lead's run kept none of them (`meta.company` empty), and `audit verify` of the lead then said
    TAMPERED ("sub-run … is not recorded in this run's chain"); SIGTERM killed the process at once without a word,
    all three runs left `running` until another command found them "crashed". Now the started sub-runs end after
    their current step, recorded `interrupted`, each kept and linked into the lead's chain; the user is told which
    sub-run stopped where; exit 130; nothing left running; the audit log verifies."""
    from macrohard.store.sqlite import SQLiteStore

    home = Path(os.environ["MACROHARD_HOME"])
    lead, sub = _write(tmp_path / "lead.json", LEAD), _write(tmp_path / "sub.json", SUB)
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "company", "--model", lead, "--run-model", sub,
                             "do two things"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=_env())
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (home / "runs.db").exists():
            time.sleep(0.2)
        store = SQLiteStore(str(home / "runs.db"))
        while time.monotonic() < deadline:
            running = [r for r in store.list_runs(limit=10) if r.parent_id and r.status.value == "running"]
            if len(running) == 2:
                break
            time.sleep(0.2)
        assert len(running) == 2, "the two sub-runs never started"
        time.sleep(1.5)  # their sandboxes up, their first step under way
        proc.send_signal(sig)
        stopped = time.monotonic()
        out, _ = proc.communicate(timeout=60)
        took = time.monotonic() - stopped
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    said = _flat(out)
    assert proc.returncode == 130, said[-3000:]  # before: 0 or -15
    runs = store.list_runs(limit=10)
    lead_run = next(r for r in runs if r.parent_id is None)
    children = [r for r in runs if r.parent_id == lead_run.id]
    assert lead_run.status.value == "interrupted", lead_run.status
    assert len(children) == 2 and all(c.status.value == "interrupted" for c in children), \
        [(c.id, c.status, c.error) for c in children]  # before: succeeded (Ctrl-C), running (SIGTERM)
    for child in children:
        commands = [s.action.command for s in store.steps(child.id) if s.action is not None
                    and getattr(s.action, "command", None)]
        assert commands and "echo after-the-stop" not in commands, commands  # its step kept; nothing after the stop
        assert "stopped: the company was interrupted" in (child.error or ""), child.error
    assert sorted(lead_run.meta["company"]) == ["s1", "s2"], lead_run.meta  # before: {} (Ctrl-C)
    assert f"the company {lead_run.id} stopped (interrupted)" in said, said[-3000:]
    assert all(f"run {c.id} interrupted after" in said for c in children), said[-3000:]
    assert took < 30, took  # each sub-run's current step (4 s) and its close, not the runs' whole length
    assert _left_running(home) == [] and mount_points(home) == []
    verified = _mh("audit", "verify", lead_run.id)
    assert verified.returncode == 0 and "TAMPERED" not in verified.stdout, verified.stdout  # before: TAMPERED


def test_an_honest_company_still_runs_its_sub_runs_to_the_end(tmp_path: Path) -> None:
    """The twin: a company left alone runs both sub-runs to their end, `succeeded`, exit 0, its log intact."""
    lead = _write(tmp_path / "lead.json", LEAD)
    sub = _write(tmp_path / "sub.json", [{"kind": "bash", "command": "echo one"}, {"kind": "bash", "command": "echo one"},
                                         {"kind": "finish", "answer": "done"}, {"kind": "finish", "answer": "done"}])
    done = _mh("company", "--model", lead, "--run-model", sub, "--json", "do two things", timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["run"]["status"] == "succeeded" and sorted(out["run"]["meta"]["company"]) == ["s1", "s2"]
    assert [s["status"] for s in out["sub_runs"]] == ["succeeded", "succeeded"]
    verified = _mh("audit", "verify", out["run"]["id"])
    assert verified.returncode == 0, verified.stdout


# -- rel46b's left-open: chat's model errors name --model-timeout ----------------------------------------------------

def _stalling_server() -> tuple[object, str]:
    """A model server that takes requests and never answers (a model loading for minutes, a proxy that hangs)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return

        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(120)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1#m"


def test_chat_takes_the_model_timeout_its_errors_name(tmp_path: Path) -> None:
    """A slow model server's error in `macrohard chat` says "a slower model needs a longer --model-timeout" (and a
    Retry-After past the deadline: "raise --model-timeout"), but chat had no such option: "No such option:
    --model-timeout", exit 2, and its answers' deadline stayed 300 s. Now chat takes it: a server that never answers
    ends the turn after the seconds given, said, and the conversation goes on."""
    server, url = _stalling_server()
    try:
        began = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "macrohard", "chat", "--model", url, "--model-timeout", "3"],
                              input="hello\n", capture_output=True, text=True, env=_env(), timeout=90)
        took = time.monotonic() - began
    finally:
        server.shutdown()  # type: ignore[attr-defined]
    said = _flat(done.stdout + done.stderr)
    assert "No such option" not in said, said[-2000:]  # before: exit 2, the option unknown
    assert "within 3s" in said and "--model-timeout" in said, said[-2000:]
    assert took < 40, took  # before (without the option): 300 s
    local = _mh("chat", "--model", "scripted:" + str(_scripted_reply(tmp_path)), "--model-timeout", "5")
    assert local.returncode == 2 and "has no deadline to set" in _flat(local.stderr), local.stderr[-1000:]


def _scripted_reply(tmp_path: Path) -> Path:
    path = tmp_path / "reply.json"
    path.write_text(json.dumps([{"kind": "finish", "answer": "hi"}]))
    return path
