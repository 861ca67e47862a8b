"""A web run on a machine whose screens' tables are not built yet (helper rel53b, ux52's left open): its page says
that it waits for their one-time build, in a real Chromium against a real `macrohard serve`.

Before: the page said "working on step 1 · N s (the model chooses an action, the guard reviews it, it runs)" for the
whole build (>12 min at load 12-16 in ux52's pass); only the server's log said what it waited for."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.reliability.test_outsider53b import HeldCache
from tests.server.conftest import Server, script


def test_a_first_web_run_says_it_prepares_the_screens(_home: Path, tmp_path: Path, chromium,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache = HeldCache(tmp_path / "cache")
    monkeypatch.setenv("MACROHARD_CACHE", str(cache.root))  # the server's, as a fresh machine's
    _home.mkdir(parents=True, exist_ok=True)
    server = Server(_home).start()
    try:
        model = script(server.home, [{"kind": "bash", "command": "echo first step"},
                                     {"kind": "finish", "answer": "done"}])
        page = chromium.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{server.url}/login?token={server.token}")
        run = server.api().post("/api/runs", json={"text": "say something", "model": model}).json()
        page.goto(f"{server.url}/runs/{run['id']}")
        page.wait_for_function("document.getElementById('waiting').textContent.includes('preparing the safety "
                               "screens')", timeout=30_000)
        said = page.inner_text("#waiting")
        assert "before step 1: preparing the safety screens (once for this machine's cache, ~" in said, said
        assert page.locator("#step-1").count() == 0
        # a page opened while it waits says it too (from the server's page, not only from the live event)
        late = chromium.new_page(viewport={"width": 1200, "height": 900})
        late.goto(f"{server.url}/login?token={server.token}")
        late.goto(f"{server.url}/runs/{run['id']}")
        late.wait_for_function("document.getElementById('waiting').textContent.includes('preparing the safety "
                               "screens')", timeout=10_000)
        cache.release()
        page.wait_for_selector("#step-1", timeout=60_000)
        page.wait_for_selector("#done:not([hidden])", timeout=60_000)
        assert page.inner_text("#status") == "succeeded"
    finally:
        cache.release()
        server.stop()


def test_a_web_runs_error_names_the_model_field_not_a_flag(server) -> None:
    """ux52's left open: a web run whose model server cannot be reached ended with the terminal's words, "start it, or
    choose another with --model": a web user has no flag, the model is the runs page's model field. Now the run's
    page and its events say the model field; a start refused for its model says it too."""
    from tests.server.conftest import free_port, wait_for

    closed = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    res = server.api().post("/api/runs", json={"text": "print the date", "model": closed})
    assert res.status_code == 201, res.text
    run_id = res.json()["id"]
    assert wait_for(lambda: server.api().get(f"/api/runs/{run_id}").json()["status"] != "running", 120)
    page = server.api().get(f"/runs/{run_id}").text
    said = page.split('id="error"', 1)[1].split("</p>", 1)[0]
    assert "cannot reach the model server" in said, said
    assert "--model" not in said and "model field" in said, said  # before: "choose another with --model"
    refused = server.api().post("/api/runs", json={"text": "print the date", "model": "scripted"})
    assert refused.status_code == 400, refused.text
    detail = refused.json()["detail"]
    assert "--model" not in detail and "model field" in detail, detail  # before: "--model scripted:actions.json"
