"""A start from the web app with a model that cannot work here (helper ux52). Before: a model whose API key the
server lacks started a run that failed at its first step with "set OPENAI_API_KEY (export OPENAI_API_KEY=...)", a
fix that does not reach a server already running: the key is read from `macrohard serve`'s own environment."""

from __future__ import annotations

import pytest
from tests.server.conftest import Server


@pytest.fixture
def keyless_server(_home, monkeypatch):
    for key in ("OPENAI_API_KEY", "XAI_API_KEY", "MACROHARD_API_KEY"):
        monkeypatch.delenv(key, raising=False)
    _home.mkdir(parents=True, exist_ok=True)
    s = Server(_home).start()
    yield s
    s.stop()


def test_a_model_without_its_key_is_refused_at_the_start_with_the_servers_fix(keyless_server):
    server = keyless_server
    res = server.api().post("/api/runs", json={"text": "print the date", "model": "openai"})
    assert res.status_code == 400, res.text
    said = res.json()["detail"]
    assert "OPENAI_API_KEY" in said and "macrohard serve" in said and "model field" in said, said
    assert server.api().get("/api/runs").json() == []  # no run started to fail
