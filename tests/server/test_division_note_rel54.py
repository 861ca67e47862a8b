"""A web run started as a division on a machine whose screens' tables are not built yet (helper rel54, rel53b's left
open): its page says that it waits for their one-time build, as a plain run's does. Before: the web passed the note
for plain runs only (`LiveRuns.start` gave `run_division` no `on_note`), so a division run's page said nothing of the
build, for minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.reliability.test_outsider53b import HeldCache
from tests.server.conftest import Server, script, wait_for


def test_a_web_division_run_says_it_prepares_the_screens(_home: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = HeldCache(tmp_path / "cache")
    monkeypatch.setenv("MACROHARD_CACHE", str(cache.root))  # the server's, as a fresh machine's
    _home.mkdir(parents=True, exist_ok=True)
    server = Server(_home).start()
    try:
        model = script(server.home, [{"kind": "bash", "command": "echo first step"},
                                     {"kind": "finish", "answer": "done"}])
        api = server.api()
        res = api.post("/api/runs", json={"text": "say something", "model": model, "division": "operator"})
        assert res.status_code == 201, res.text
        run_id = res.json()["id"]
        page = lambda: api.get(f"/runs/{run_id}").text  # noqa: E731
        assert wait_for(lambda: "preparing the safety screens (" in page(), 30), page()[-3000:]
        cache.release()
        assert wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["status"] != "running", 120)
        assert api.get(f"/api/runs/{run_id}").json()["status"] == "succeeded"
        assert "preparing the safety screens (" not in page()  # the note is taken back once the build is done
    finally:
        cache.release()
        server.stop()
