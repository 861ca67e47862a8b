"""The audit chain: every verdict of a run is recorded; editing, removing or reordering is found."""

from __future__ import annotations

import json
import sqlite3

from typer.testing import CliRunner

from macrohard.agent import Agent
from macrohard.cli import app
from macrohard.envs import make_environment
from macrohard.safety.audit import AuditLog
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import Task


def _recorded_run(workspace, store):
    model = ScriptedModel([
        {"kind": "bash", "command": "echo hi > a.txt"},
        {"kind": "bash", "command": "rm -r /var/log/logs"},
        {"kind": "read_file", "path": "a.txt"},
        {"kind": "finish", "answer": "done"},
    ])
    task = Task(text="t")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        return Agent(model, env, Guard(), store).run(task)
    finally:
        env.close()


def test_every_verdict_is_chained(workspace, store):
    run = _recorded_run(workspace, store)
    log = AuditLog(store.path)
    records = log.records(run.id)
    assert [(r.step, r.verdict["decision"]) for r in records] == [(1, "allow"), (2, "deny"), (3, "allow"), (4, "allow")]
    assert records[1].action["command"] == "rm -r /var/log/logs" and "logs" in records[1].verdict["reason"]
    assert all(b.prev_hash == a.hash for a, b in zip(records, records[1:], strict=False))
    assert log.verify(run.id) == []


def _db(store):
    return sqlite3.connect(store.path, isolation_level=None)


def test_edit_is_found(workspace, store):
    run = _recorded_run(workspace, store)
    db = _db(store)
    body = json.loads(db.execute("SELECT body FROM audit WHERE run_id=? AND seq=2", (run.id,)).fetchone()[0])
    body["verdict"]["decision"] = "allow"
    db.execute("UPDATE audit SET body=? WHERE run_id=? AND seq=2", (json.dumps(body), run.id))
    problems = AuditLog(store.path).verify(run.id)
    assert problems and problems[0].seq == 2 and "edited" in problems[0].what


def test_removal_in_the_middle_and_at_the_end_is_found(workspace, store):
    run = _recorded_run(workspace, store)
    db = _db(store)
    db.execute("DELETE FROM audit WHERE run_id=? AND seq=2", (run.id,))
    assert any("removed" in p.what for p in AuditLog(store.path).verify(run.id))
    run2 = _recorded_run(workspace, store)
    db.execute("DELETE FROM audit WHERE run_id=? AND seq=4", (run2.id,))
    assert any("end" in p.what for p in AuditLog(store.path).verify(run2.id))


def test_reordering_is_found(workspace, store):
    run = _recorded_run(workspace, store)
    db = _db(store)
    rows = db.execute("SELECT seq, created_at, kind, body, prev_hash, hash FROM audit WHERE run_id=? ORDER BY seq",
                      (run.id,)).fetchall()
    db.execute("DELETE FROM audit WHERE run_id=?", (run.id,))
    for row in [rows[0], rows[2], rows[1], rows[3]]:
        db.execute("INSERT INTO audit (run_id, seq, created_at, kind, body, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                   (run.id, *row))
    problems = AuditLog(store.path).verify(run.id)
    assert any("reordered" in p.what for p in problems)


def test_cli_audit_verify_and_show(workspace, _home):
    store = SQLiteStore()
    run = _recorded_run(workspace, store)
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify", run.id])
    assert ok.exit_code == 0 and "chain intact" in ok.output
    shown = runner.invoke(app, ["audit", "show", run.id])
    assert shown.exit_code == 0 and "deny" in shown.output
    _db(store).execute("UPDATE audit SET body=replace(body, 'deny', 'allow') WHERE run_id=? AND seq=2", (run.id,))
    bad = runner.invoke(app, ["audit", "verify", run.id])
    assert bad.exit_code == 1 and "TAMPERED" in bad.output and "record 2" in bad.output


def test_run_task_records_setup_and_steps(workspace, _home):
    from macrohard.runner import run_task

    store = SQLiteStore()
    task = Task(text="t", workspace=str(workspace), files={"a.txt": "x"}, setup=["touch b.txt"])
    model = ScriptedModel([{"kind": "bash", "command": "cat ~/.ssh/id_rsa"}, {"kind": "finish", "answer": "ok"}])
    run = run_task(task, model=model, store=store, isolation="none")
    records = AuditLog(store.path).records(run.id)
    assert [r.action["kind"] for r in records[:2]] == ["write_file", "bash"]  # setup, reviewed like any action
    assert any(r.verdict["check"] == "policy:credentials" for r in records)
    assert AuditLog(store.path).verify(run.id) == []
