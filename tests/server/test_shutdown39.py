"""rel39: a server stopped with SIGTERM while it runs runs. Before: each was left `running` in the store, and the next
`macrohard` command (any, not a server's restart) called it `crashed`: "ended without closing the run (killed, or the
machine stopped)"."""

from __future__ import annotations

import time

from tests.server.conftest import ASK, script, wait_for

from macrohard.store.sqlite import SQLiteStore


def test_a_server_stopped_with_sigterm_ends_its_runs_interrupted_and_says_so(server):
    in_action = script(server.home, [{"kind": "bash", "command": "echo one"}, {"kind": "bash", "command": "sleep 60"}],
                       "action.json")
    run = server.api().post("/api/runs", json={"text": "a run in a long action", "model": in_action}).json()
    assert wait_for(lambda: len(server.api().get(f"/api/runs/{run['id']}/steps").json()) >= 1)
    time.sleep(1)  # into its `sleep 60`
    started = time.monotonic()
    server.proc.terminate()
    server.proc.wait(60)
    assert time.monotonic() - started < 30
    got = SQLiteStore(server.home / "runs.db").get_run(run["id"])
    assert got.status.value == "interrupted", got  # before: running
    assert "was shut down while the run was in progress" in (got.error or "") and "during step 2" in got.error, got
    assert "the 1 steps it finished are kept" in got.error, got.error


def test_a_run_waiting_on_a_person_when_the_server_stops_ends_interrupted(server):
    waiting = script(server.home, [{"kind": "bash", "command": "echo one"}, ASK, {"kind": "bash", "command": "echo 3"}],
                     "ask.json")
    run = server.api().post("/api/runs", json={"text": "a run at the guard's question", "model": waiting}).json()
    assert wait_for(lambda: server.api().get(f"/api/runs/{run['id']}/approvals").json())
    server.proc.terminate()
    server.proc.wait(60)
    got = SQLiteStore(server.home / "runs.db").get_run(run["id"])
    assert got.status.value == "interrupted" and "was shut down while the run was in progress" in (got.error or ""), got
    assert got.steps == 2, got  # the asked step is recorded (denied: nobody answered), nothing after it ran
