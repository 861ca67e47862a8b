"""The web app while another program holds the run store locked (helper ux52): a start is refused with what holds
the lock and how to end it, as the terminal says it. Before: 400 "the run could not start: database is locked"."""

from __future__ import annotations

import json
import sqlite3

import pytest
from tests.server.conftest import Server, script


@pytest.fixture
def quick_server(_home, monkeypatch):
    monkeypatch.setenv("MACROHARD_STORE_WAIT", "1")  # the server's wait for a lock: 1 s, not 30
    _home.mkdir(parents=True, exist_ok=True)
    s = Server(_home).start()
    yield s
    s.stop()


def test_a_start_while_the_store_is_locked_names_the_holder_and_the_fix(quick_server):
    server = quick_server
    model = script(server.home, [{"kind": "finish", "answer": "done"}])
    holder = sqlite3.connect(server.home / "runs.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a `sqlite3` shell with a write transaction open, as a person leaves one
    try:
        res = server.api().post("/api/runs", json={"text": "anything", "model": model})
        # logging in writes the session: before, "Internal Server Error" (500) and nothing more
        login = server.api(token="").get(f"/login?token={server.token}", follow_redirects=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert res.status_code == 503, res.text  # try again later: nothing is wrong with the request
    said = json.loads(res.text)["detail"]
    assert "locked by another program" in said and "fuser" in said, said
    assert "MACROHARD_STORE_WAIT" in said, said
    assert login.status_code == 503, login.text
    assert "locked by another program" in login.text and "fuser" in login.text, login.text
    # the lock gone, the same start goes through
    again = server.api().post("/api/runs", json={"text": "anything", "model": model})
    assert again.status_code == 201, again.text
