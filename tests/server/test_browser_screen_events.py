"""A browser run started from the web app: a dialog that opens on its page reaches the live run page."""

from __future__ import annotations

import shutil

import pytest
from tests.server.conftest import script, wait_for

from macrohard.sites import serve

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (bash install.sh)")


def test_the_live_page_shows_a_browser_dialog_event(server, chromium) -> None:
    with serve("notice") as site:
        model = script(server.home, [
            {"kind": "browser_goto", "url": site.url + "?delay=1500"},
            {"kind": "browser_wait", "seconds": 3},  # time for the run page to open its stream
            {"kind": "browser_click", "element": "e4"},  # "Delete the draft": the dialog opens 1.5 s later
            {"kind": "browser_wait", "seconds": 4},  # watched all along: the dialog is an event as it opens
            {"kind": "finish", "answer": "saw the dialog"}])
        page = chromium.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{server.url}/login?token={server.token}")
        run = server.api().post("/api/runs", json={"text": "delete the draft", "model": model,
                                                   "environment": "browser",
                                                   "allow_hosts": [site.url.split("/")[2]]}).json()
        page.goto(f"{server.url}/runs/{run['id']}")
        item = page.wait_for_selector("#screen-events li.dialog", timeout=60_000)
        assert "a dialog appeared" in item.inner_text() and "Really delete the draft?" in item.inner_text()
        page.wait_for_selector("#audit.ok", timeout=60_000)
    steps = server.api().get(f"/api/runs/{run['id']}/steps").json()
    told = [s["observation"]["output"] for s in steps if s.get("observation")]
    assert any("Screen events since the last step:" in o and "Really delete the draft?" in o for o in told)
    assert wait_for(lambda: page.inner_text("#status") == "succeeded", 10)
