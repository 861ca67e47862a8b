"""The web's Stop of a run that waits for the safety screens' one-time build (helper rel55, rel54's left open: it made
`macrohard runs stop` reach such a run; the web's Stop set only the run's own event, which its model looks at, so
it took effect after the build, minutes on a fresh machine, and a first model call)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.reliability.test_outsider53b import HeldCache
from tests.server.conftest import Server, script, wait_for


@pytest.mark.parametrize("division", [None, "operator"])
def test_the_webs_stop_reaches_a_run_waiting_for_the_screens_build(_home: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    division: str | None) -> None:
    cache = HeldCache(tmp_path / "cache")
    monkeypatch.setenv("MACROHARD_CACHE", str(cache.root))  # the server's, as a fresh machine's
    _home.mkdir(parents=True, exist_ok=True)
    server = Server(_home).start()
    try:
        model = script(server.home, [{"kind": "bash", "command": "echo first step"},
                                     {"kind": "finish", "answer": "done"}])
        api = server.api()
        body = {"text": "say something", "model": model, **({"division": division} if division else {})}
        res = api.post("/api/runs", json=body)
        assert res.status_code == 201, res.text
        run_id = res.json()["id"]
        page = lambda: api.get(f"/runs/{run_id}").text  # noqa: E731
        assert wait_for(lambda: "preparing the safety screens (" in page(), 30), page()[-3000:]
        started = time.monotonic()
        assert api.post(f"/api/runs/{run_id}/stop").status_code == 202
        ended = wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["status"] != "running", 20)
        took = time.monotonic() - started
        held = not cache.lock.closed  # the build was not let go meanwhile
        run = api.get(f"/api/runs/{run_id}").json()
        assert ended and held, f"still {run['status']} after {took:.1f} s of the build held"
        assert run["status"] == "interrupted" and "stopped from the web by user" in (run.get("error") or ""), run
        assert run.get("steps", 0) == 0, run
    finally:
        cache.release()
        server.stop()
