"""rel49's holes (rel48's left-open: a stop that did not reach a process pool's or Ray's sub-runs, a run's outcome not
in its audit chain; and more found as an outsider), each reproduced through `macrohard …` as a user meets it and kept
as a test that failed before its fix. The table of before and after is in benchmarks/RESULTS.md, rel49's section."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from macrohard.envs.mounts import mount_points

from .outsider import cli_env as _env
from .outsider import flat as _flat
from .outsider import left_running as _left_running
from .outsider import mh as _mh
from .outsider import mh_here as _here
from .outsider import write_script as _write


def _until(what: Any, timeout: float, proc: subprocess.Popen[str] | None = None) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (got := what()):
            return got
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.2)
    return what()


def _running(home: Path, n: int, *, children: bool = False) -> list[Any]:
    from macrohard.store.sqlite import SQLiteStore

    if not (home / "runs.db").exists():
        return []
    runs = [r for r in SQLiteStore(str(home / "runs.db")).list_runs(limit=20) if r.status.value == "running"
            and (r.parent_id is not None or not children)]
    return runs if len(runs) >= n else []


# -- rel48's left-open 1: a stop reaches sub-runs in other processes -----------------------------------------------

def test_a_second_ctrl_c_stops_a_process_pools_runs_after_their_step(tmp_path: Path) -> None:
    """`macrohard eval run --pool process` interrupted, then interrupted again while it waits for its two started
    runs. Before: the second Ctrl-C was said ("stopped after their current step") but did not reach the pool's
    processes (the stop was a dict in the parent's memory): both runs went on through every step to `succeeded`.
    Now each stops at its next step, is kept `interrupted`, and it is said."""
    from macrohard.store.sqlite import SQLiteStore

    home = Path(os.environ["MACROHARD_HOME"])
    steps = "".join("      - {kind: bash, command: 'sleep 3; echo step'}\n" for _ in range(5))
    suite = tmp_path / "slow.yaml"
    suite.write_text("name: slow\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: wait a while\n    script:\n{steps}      - {{kind: finish, answer: done}}\n"
        for n in (1, 2)))
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", str(suite), "--model", "scripted",
                             "--workers", "2", "--pool", "process"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
    try:
        assert _until(lambda: _running(home, 2), 120, proc), "the two runs never started"
        proc.send_signal(signal.SIGINT)
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    said = _flat(out)
    assert proc.returncode == 130, said[-3000:]
    runs = SQLiteStore(str(home / "runs.db")).list_runs(limit=10)
    assert [r.status.value for r in runs] == ["interrupted", "interrupted"], \
        [(r.id, r.status, r.steps) for r in runs]  # before: succeeded, after all five steps
    assert all(1 <= r.steps <= 3 for r in runs), [r.steps for r in runs]
    assert all("stopped: the evaluation was interrupted again" in (r.error or "") for r in runs), [r.error for r in runs]
    assert "the 2 run(s) still going were stopped after their current step" in said, said[-3000:]
    # suite62: no `took < 40`: the steps above are the proof (1-3 of 5 run); communicate's 90 s is the hang bound
    assert _left_running(home) == [] and mount_points(home) == []


LEAD = [{"kind": "plan", "steps": [{"id": "s1", "division": "operator", "task": "wait a"},
                                   {"id": "s2", "division": "coding", "task": "wait b"}]},
        {"kind": "finish", "answer": "all done"}]
# one script per sub-run (each Ray worker builds its own model from the file): a first step, then what must never run
SUB = [{"kind": "bash", "command": "sleep 4; echo first"}, {"kind": "bash", "command": "sleep 4; echo second"},
       {"kind": "bash", "command": "sleep 4; echo third"}, {"kind": "finish", "answer": "waited"}]


@pytest.mark.slow
@pytest.mark.oracle_full  # Ray's start under load is most of its 2-3 minutes; the process pool's test above is the fast one
def test_a_company_on_ray_stopped_stops_its_sub_runs_after_their_step_and_says_so(tmp_path: Path) -> None:
    """`macrohard company --executor ray` stopped (Ctrl-C) while two sub-runs run on Ray. Before: nothing was said
    of them, the executor's close killed Ray under them, and both sub-runs were left `running` (then `crashed`), their
    audit not linked. Now they end at their next step, recorded `interrupted` and kept with the lead, and the user is
    told they are being stopped."""
    from macrohard.store.sqlite import SQLiteStore

    pytest.importorskip("ray")
    home = Path(os.environ["MACROHARD_HOME"])
    lead, sub = _write(tmp_path / "lead.json", LEAD), _write(tmp_path / "sub.json", SUB)
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "company", "--executor", "ray", "--workers", "2",
                             "--model", lead, "--run-model", sub, "do two things"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
    try:
        assert _until(lambda: _running(home, 2, children=True), 180, proc), "the two sub-runs never started"
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    said = _flat(out)
    assert proc.returncode == 130, said[-3000:]
    runs = SQLiteStore(str(home / "runs.db")).list_runs(limit=10)
    lead_run = next(r for r in runs if r.parent_id is None)
    children = [r for r in runs if r.parent_id == lead_run.id]
    assert len(children) == 2 and all(c.status.value == "interrupted" for c in children), \
        [(c.id, c.status, c.error) for c in children]  # before: running / crashed (Ray killed under them)
    assert all(1 <= c.steps <= 2 for c in children), [c.steps for c in children]
    assert all("stopped: the company was interrupted" in (c.error or "") for c in children), [c.error for c in children]
    assert "stopping the 2 sub-run(s) already started" in said, said[-3000:]
    assert sorted(lead_run.meta["company"]) == ["s1", "s2"], lead_run.meta
    # suite62: no `took < 40`: the sub-runs' 1-2 steps above are the proof; communicate's 90 s is the hang bound
    verified = _mh("audit", "verify", lead_run.id)
    assert verified.returncode == 0 and "TAMPERED" not in verified.stdout, verified.stdout
    assert mount_points(home) == []


# -- rel48's left-open 2: a run's outcome is in its audit chain ------------------------------------------------------

def _a_failed_run(tmp_path: Path) -> str:
    """`macrohard run` of a task whose agent gives up: a `gave_up` run (not done: exit 1) with a guard verdict in its
    audit chain."""
    script = _write(tmp_path / "give-up.json", [{"kind": "bash", "command": "echo looked"},
                                                {"kind": "finish", "answer": "cannot do it", "success": False}])
    done = _mh("run", "--model", script, "--json", "do a thing that cannot be done")
    assert done.returncode != 0, done.stdout[-2000:] + done.stderr[-2000:]
    from macrohard.store.sqlite import SQLiteStore

    got = SQLiteStore(str(Path(os.environ["MACROHARD_HOME"]) / "runs.db")).list_runs(limit=1)[0]
    assert got.status.value == "gave_up", got.status
    return got.id


def _edit(db: Path, sql: str, *args: object) -> None:
    import sqlite3

    con = sqlite3.connect(db)
    with con:
        con.execute(sql, args)
    con.close()


def test_a_status_edited_in_the_store_after_the_run_ended_is_tampered(tmp_path: Path) -> None:
    """A run that was not done (`gave_up`) edited in the store to `succeeded` (the column and the record's body, as `sqlite3`
    would). Before: `audit verify` said "ok … chain intact", exit 0: the outcome was in no chain. Now the run's end is
    sealed onto its chain's head; the edit is TAMPERED, exit 1, and says what the chain recorded."""
    db = Path(os.environ["MACROHARD_HOME"]) / "runs.db"
    run_id = _a_failed_run(tmp_path)
    honest = _mh("audit", "verify", run_id)
    assert honest.returncode == 0 and "TAMPERED" not in honest.stdout, honest.stdout + honest.stderr
    _edit(db, "UPDATE runs SET status='succeeded', body=json_set(body, '$.status', 'succeeded') WHERE id=?", run_id)
    shown = _here("runs", "show", run_id)
    assert "succeeded" in shown.stdout, shown.stdout[-2000:]  # the edit is what people see
    said = _here("audit", "verify", run_id)
    flat = _flat(said.stdout)
    assert said.returncode == 1 and "TAMPERED" in flat, flat  # before: ok, exit 0
    assert "succeeded" in flat and "gave_up" in flat, flat
    # the body alone edited (the listing's column put back): also caught
    _edit(db, "UPDATE runs SET status='gave_up' WHERE id=?", run_id)
    again = _here("audit", "verify", run_id)
    assert again.returncode == 1 and "TAMPERED" in again.stdout, again.stdout


def test_a_run_ended_before_outcomes_were_sealed_is_said_not_tampered(tmp_path: Path) -> None:
    """A run already in the store when outcomes began to be sealed (the store opened by this version for the first
    time after the run): `audit verify` says its status is not verified by the chain, exit 0, not TAMPERED. A seal
    removed from a run that ended sealed is TAMPERED."""
    db = Path(os.environ["MACROHARD_HOME"]) / "runs.db"
    run_id = _a_failed_run(tmp_path)
    _edit(db, "DELETE FROM audit_outcomes WHERE run_id=?", run_id)
    removed = _here("audit", "verify", run_id)
    assert removed.returncode == 1 and "TAMPERED" in removed.stdout, removed.stdout
    # the store as an older macrohard left it; the next command migrates it (the runs in it marked as older)
    _edit(db, "DROP TABLE audit_outcomes")
    _edit(db, "DELETE FROM _migrations WHERE name='m010_audit_outcomes'")
    older = _here("audit", "verify", run_id)
    flat = _flat(older.stdout)
    assert older.returncode == 0 and "TAMPERED" not in flat, flat
    assert "not verified by the chain" in flat and "gave_up" in flat, flat


# -- found this wave -------------------------------------------------------------------------------------------------

def test_a_terminals_ctrl_c_lets_a_process_pools_started_runs_finish_as_it_says(tmp_path: Path) -> None:
    """Ctrl-C in a terminal reaches the whole foreground process group: `macrohard eval run --pool process` and its
    pool's processes. Before: the pool's processes took it as their own interrupt, so the runs the message said would
    "finish … and their results are kept" were cut at once (`interrupted`, one after 0 steps), and the parent, seeing
    them end by an interrupt, said "the 1 run(s) still going were stopped", a second Ctrl-C nobody gave; 0 of 2 results
    kept. Now the pool's processes leave interrupts to the evaluation: the runs finish and both results are kept."""
    from macrohard.store.sqlite import SQLiteStore

    home = Path(os.environ["MACROHARD_HOME"])
    steps = "".join("      - {kind: bash, command: 'sleep 2; echo step'}\n" for _ in range(2))
    suite = tmp_path / "slow.yaml"
    suite.write_text("name: slow\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: wait a while\n    script:\n{steps}      - {{kind: finish, answer: done}}\n"
        for n in (1, 2)))
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", str(suite), "--model", "scripted",
                             "--workers", "2", "--pool", "process"], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
    try:
        assert _until(lambda: _running(home, 2), 120, proc), "the two runs never started"
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        out, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    said = _flat(out)
    assert proc.returncode == 130, said[-3000:]
    runs = SQLiteStore(str(home / "runs.db")).list_runs(limit=10)
    assert [r.status.value for r in runs] == ["succeeded", "succeeded"], \
        [(r.id, r.status, r.steps, r.error) for r in runs]  # before: interrupted, interrupted
    assert "the 2 run(s) already started finish" in said and "still going were stopped" not in said, said[-3000:]
    assert "the 2 of 2 results recorded are kept" in said, said[-3000:]
    assert _left_running(home) == [] and mount_points(home) == []


def test_two_resumes_of_one_evaluation_at_once_run_each_missing_task_once(tmp_path: Path) -> None:
    """`macrohard eval run SUITE --resume ID` typed in two terminals at once (or a script run twice). Before: both
    saw the evaluation stopped, both claimed it and ran its missing tasks under the same new run ids: one ended in a
    traceback (IntegrityError: UNIQUE constraint failed: eval_results…), the other recorded a task as "lost: not
    executed: IntegrityError: UNIQUE constraint failed: runs.id". Now the claim is one transaction: one resumes, the
    other is refused and says which process has it; each missing task runs once."""
    import sqlite3

    from macrohard.store.sqlite import SQLiteStore

    home = Path(os.environ["MACROHARD_HOME"])
    suite = tmp_path / "two.yaml"
    suite.write_text("name: two\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: say done\n    script:\n      - {{kind: bash, command: 'sleep 1; echo step'}}\n"
        "      - {kind: finish, answer: done}\n" for n in (1, 2)))
    first = _mh("eval", "run", str(suite), "--model", "scripted", "--json")
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    db = sqlite3.connect(home / "runs.db")
    (eval_id,) = db.execute("SELECT id FROM evals").fetchone()
    with db:  # as an evaluation stopped by a second Ctrl-C leaves it: its runs `interrupted`, no result recorded
        db.execute("DELETE FROM eval_results")
        db.execute("UPDATE runs SET status='interrupted', body=json_set(body, '$.status', 'interrupted')")
    # the store's write lock held while the three start, as a busy store does: each reads the evaluation (stopped),
    # then waits to write, so all three come to their claim together, not one after another by chance
    db.execute("BEGIN IMMEDIATE")
    procs = [subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", str(suite), "--resume", eval_id,
                               "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=_env()) for _ in range(3)]
    time.sleep(6)
    db.execute("ROLLBACK")
    db.close()
    outs = [_flat(p.communicate(timeout=120)[0]) for p in procs]
    codes = [p.returncode for p in procs]
    assert not any("Traceback" in o or "IntegrityError" in o for o in outs), outs  # before: a traceback, a "lost"
    assert sorted(codes) == [0, 2, 2], (codes, outs)
    refused = [o for o, c in zip(outs, codes, strict=True) if c == 2]
    assert all(f"evaluation {eval_id} is still running (pid" in o for o in refused), refused
    runs = [r.id for r in SQLiteStore(str(home / "runs.db")).list_runs(limit=20)]
    assert sorted(r for r in runs if r.endswith("-r1")) == sorted(f"{eval_id.removeprefix('eval-')}-t{n}-0-r1"
                                                                 for n in (1, 2)), runs


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_stopped_by_ctrl_c_ends_without_a_traceback() -> None:
    """`macrohard serve` stopped with Ctrl-C. Before: every Ctrl-C ended in a traceback, "OSError: [Errno 9] Bad file
    descriptor" (the server's socket, closed by the shutdown, asked for its port afterwards). Now it ends without one,
    130 as every interrupted command. (SIGTERM held before: uvicorn raises the signal again after its graceful
    shutdown, so the process ends by it, -15, before that line.)"""
    sig = signal.SIGINT
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "serve", "--port", str(port), "--no-auth"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env())
    try:
        import urllib.request

        def up() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    return True
            except OSError:
                return False

        assert _until(up, 90, proc), "the server never answered"
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in out and "Bad file descriptor" not in out, out[-3000:]
    assert proc.returncode == 130, out[-3000:]


def test_serve_on_a_port_past_65535_names_the_range() -> None:
    """`macrohard serve --port 99999` (a typo). Before: a traceback, "OverflowError: bind(): port must be
    0-65535". Now the option's range is said."""
    said = _mh("serve", "--port", "99999", "--no-auth", timeout=60)
    assert said.returncode == 2 and "Traceback" not in said.stderr, said.stderr[-2000:]
    assert "65535" in _flat(said.stderr), said.stderr[-2000:]


@pytest.mark.parametrize("value", ["1m", "-5", "nan"])
def test_a_store_wait_that_is_no_number_of_seconds_is_named_not_ignored(value: str) -> None:
    """`MACROHARD_STORE_WAIT=1m` (meant as a minute), `-5` or `nan`: the wait the lock messages name. Before: taken
    silently as the default 30 s (`1m`) or as no wait at all (`-5`: a store another program held failed at once),
    exit 0, nothing said. Now the variable is named with what to write."""
    said = subprocess.run([sys.executable, "-m", "macrohard", "runs", "list"], capture_output=True, text=True,
                          env=_env(MACROHARD_STORE_WAIT=value), timeout=60)
    flat = _flat(said.stderr + said.stdout)
    assert said.returncode == 2 and "Traceback" not in flat, flat[-2000:]
    assert f"MACROHARD_STORE_WAIT={value}" in flat and "seconds" in flat and "e.g." in flat, flat[-2000:]


def test_a_record_cut_from_the_end_of_an_ended_runs_chain_with_its_head_rewritten_is_tampered(tmp_path: Path) -> None:
    """rel48's note: the last record of a run's chain deleted and the chain's head rewritten to the record before it
    (no hash recomputed). Before: "ok … chain intact", exit 0 (the chain ends where its head says). Now the outcome
    was sealed on the record that is gone: TAMPERED."""
    import sqlite3

    db = Path(os.environ["MACROHARD_HOME"]) / "runs.db"
    run_id = _a_failed_run(tmp_path)
    con = sqlite3.connect(db)
    with con:
        last = con.execute("SELECT MAX(seq) FROM audit WHERE run_id=?", (run_id,)).fetchone()[0]
        assert last >= 2, last
        (prev,) = con.execute("SELECT hash FROM audit WHERE run_id=? AND seq=?", (run_id, last - 1)).fetchone()
        con.execute("DELETE FROM audit WHERE run_id=? AND seq=?", (run_id, last))
        con.execute("UPDATE audit_heads SET seq=?, hash=? WHERE run_id=?", (last - 1, prev, run_id))
    con.close()
    said = _here("audit", "verify", run_id)
    assert said.returncode == 1 and "TAMPERED" in said.stdout, said.stdout  # before: ok, exit 0
    assert "no longer holds" in _flat(said.stdout), said.stdout
