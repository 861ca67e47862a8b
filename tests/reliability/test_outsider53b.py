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

import pytest

from .outsider import cli_env, flat, left_running, until, until_running, write_script
from .outsider import mh as _mh
from .outsider import mh_here as _here

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
        # --wait 60 (suite58): the stop's own 15 s wait is a clock; a question not cut never ends on its own
        stopped = _mh("runs", "stop", run["id"], "--wait", "60", **env)
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
    assert code == 130, shown_out
    assert "stopped by `macrohard runs stop` (from another terminal); the steps so far are kept" in shown_out, shown_out
    assert "Traceback" not in shown_out, shown_out
    assert not (ws / "made.txt").exists()
    [after] = json.loads(_here("runs", "list", "--json", **env).stdout)
    assert (after["status"], after["steps"]) == ("interrupted", 1), after
    assert "macrohard runs stop" in after["error"], after
    shown = flat(_here("runs", "show", run["id"], **env).stdout)
    assert "1 ✗ denied $ touch made.txt" in shown, shown  # the question answered: a refusal, recorded
    assert "the question was cut: stopped by `macrohard runs stop`" in shown, shown
    records = json.loads(_mh("audit", "show", run["id"], "--json", **env).stdout)
    approvals = [r for r in records if r.get("kind") == "approval"]
    assert len(approvals) == 1 and "question was cut" in json.dumps(approvals[0]), records  # in the audit chain
    assert left_running(home) == [], left_running(home)


@pytest.mark.parametrize("how", ["runs stop", "the lead's cut only"])
def test_runs_stop_of_a_companys_lead_ends_lead_and_worker_interrupted(tmp_path: Path, how: str) -> None:
    """`macrohard company` (a scripted lead; its operator worker's step 2 a `sleep 300` in its sandbox), stopped from
    another terminal by `macrohard runs stop LEAD`. rel52 left it untested: the workers are asked with the lead (their
    own files), but the lead's step waits on the executor. Now: `runs stop` exit 0 within its bound, the lead and the
    worker both `interrupted` with their steps kept (the worker's `sleep 300` step marked cut), the company's terminal
    ends with 130 saying who stopped it, nothing of it left running. "the lead's cut only": the cut written for the
    lead alone (as `runs stop` writes it; its workers' files not written, as for a worker whose file could not be
    written): the lead's wait passes it on to its workers. Before: the lead went on to its `finish` (`failed`,
    "the lead did not recover them") or, the lead alone cut, the worker's `sleep 300` ran on."""
    from macrohard.store.sqlite import SQLiteStore

    home = tmp_path / "home"
    env = {"MACROHARD_HOME": str(home)}
    lead = write_script(tmp_path / "lead.json", [
        {"kind": "plan", "steps": [{"id": "s1", "division": "operator", "task": "wait a long time"}]},
        {"kind": "finish", "answer": "all done"}])
    sub = write_script(tmp_path / "sub.json", [
        {"kind": "bash", "command": "echo one > one.txt"}, {"kind": "bash", "command": "sleep 300", "timeout": 600},
        {"kind": "finish", "answer": "waited"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "company", "--model", lead, "--run-model", sub,
                             "do it"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=cli_env(**env), start_new_session=True)
    try:
        until_running(proc.pid, "sleep 300")
        store = SQLiteStore(str(home / "runs.db"))
        [head] = [r for r in store.list_runs(limit=5) if not r.parent_id]
        if how == "runs stop":  # --wait 60 (suite58): the stop's own 15 s is a clock; `sleep 300` is the proof
            stopped = _mh("runs", "stop", head.id, "--wait", "60", **env)
        else:
            from macrohard import stopping
            from macrohard.cli.stop import WHY

            assert stopping.cut_in_files([stopping.stop_file(store.path, head.id)], WHY) == []
            ended = until(lambda: store.get_run(head.id).status.value != "running", 90)
            stopped = subprocess.CompletedProcess([], 0 if ended else 3,
                                                  f"stopped run {head.id}: {store.get_run(head.id).status.value} "
                                                  "(and its 1 sub-run(s))", "")
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            out = ""
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the company we started and its sandboxes, by its process group
            proc.communicate()
    said, printed = flat(stopped.stdout + stopped.stderr), flat(out)
    assert stopped.returncode == 0, said
    assert f"stopped run {head.id}: interrupted" in said and "and its 1 sub-run(s)" in said, said
    assert proc.returncode == 130 and "Traceback" not in printed, (proc.returncode, printed[-2000:])
    assert "stopped by `macrohard runs stop` (from another terminal)" in printed, printed[-2000:]
    lead_run = store.get_run(head.id)
    [child] = [r for r in store.list_runs(limit=5) if r.parent_id]
    assert lead_run.status.value == "interrupted" and lead_run.steps >= 1, (lead_run.status, lead_run.error)
    assert "macrohard runs stop" in (lead_run.error or ""), lead_run.error
    assert child.status.value == "interrupted" and child.steps == 2, (child.status, child.steps, child.error)
    last = store.steps(child.id)[-1]
    # the worker's `sleep 300` cut where it waited (this, not a wall-time bound `took < 12`, is the proof; suite58)
    assert last.observation is not None and last.observation.meta.get("cut"), last
    assert left_running(home) == [], left_running(home)


class HeldCache:
    """A fresh screens' cache (``MACROHARD_CACHE``) whose MiniLM table another process is building: every prepared
    file but that table is there (links to this machine's built ones), and its build lock is held, as by a first run
    building it. A run started on it waits for the screens' one-time build (``embed._build_once`` waits on the lock)
    until ``release`` puts the table in and lets go: the wait of a fresh machine's first run, without spending its
    minutes of both cores on a real build."""

    def __init__(self, root: Path) -> None:
        import fcntl

        from macrohard.safety import embed, gemma_table
        from macrohard.safety.embed_onnx import graph_path

        if not embed.prepared():  # this machine's own cache: built once (any run builds it first)
            embed.prepare(say=lambda line: None)
        model = embed.model_dir()
        self.table = embed._table_path(model)
        built = [graph_path(model)]
        try:
            built += [gemma_table.table_path(), gemma_table.vocab_path(), gemma_table.words_path()]
        except gemma_table.GemmaMissing:
            pass
        self.root = root
        root.mkdir(parents=True)
        for path in built:
            (root / path.name).symlink_to(path)
        self.lock = open(root / self.table.with_suffix(".lock").name, "w")  # noqa: SIM115 - held until release
        fcntl.flock(self.lock, fcntl.LOCK_EX)

    def release(self) -> None:
        import fcntl

        if self.lock.closed:
            return
        if not (self.root / self.table.name).exists():
            (self.root / self.table.name).symlink_to(self.table)
        fcntl.flock(self.lock, fcntl.LOCK_UN)
        self.lock.close()


def test_a_first_run_says_it_prepares_the_screens_while_it_waits(tmp_path: Path) -> None:
    """`macrohard run` on a machine whose screens' tables are not built yet (a fresh cache; the build held, as by
    another first run): before its first step the terminal says what it waits for, with an estimate, and counts the
    seconds ("preparing the safety screens · N s"). Before: the log's warning ("preparing the screens' tables once for
    this HOME … (minutes …)") and nothing after it: no estimate, no count, for minutes."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    cache = HeldCache(tmp_path / "cache")
    env = {"MACROHARD_HOME": str(home), "MACROHARD_CACHE": str(cache.root)}
    model = write_script(tmp_path / "m.json", [{"kind": "bash", "command": "echo hi"},
                                               {"kind": "finish", "answer": "ok"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "say hi", "-w", str(ws), "--model", model,
                             "--no-sandbox"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=cli_env(**env), start_new_session=True)
    got = b""
    try:
        assert proc.stdout is not None
        fd, deadline = proc.stdout.fileno(), time.monotonic() + 90
        while time.monotonic() < deadline and b"preparing the safety screens \xc2\xb7" not in got:
            if select.select([fd], [], [], 0.2)[0]:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                got += chunk
        said = flat(got.decode(errors="replace"))
        waited = "preparing the safety screens ·" in said
        cache.release()
        rest, _ = proc.communicate(timeout=120)
    finally:
        cache.release()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the run we started, by its process group
            proc.communicate()
    assert "preparing the safety screens (once for this machine's cache, ~" in said, said
    assert "not counted in the run's time" in said, said
    assert waited, said  # the seconds counted while it waits (a note every 30 s where stdout is no terminal)
    assert proc.returncode == 0, flat(rest.decode(errors="replace"))[-2000:]
