"""A desktop run started from the web app: its screen watcher's events reach the live run page."""

from __future__ import annotations

import shutil

import pytest
from tests.server.conftest import script, wait_for

pytestmark = pytest.mark.skipif(any(shutil.which(b) is None for b in ("Xvfb", "openbox", "xmessage", "tesseract")),
                                reason="needs Xvfb, openbox, xmessage and tesseract (bash install.sh)")


def test_the_live_page_shows_a_dialog_event(server, chromium) -> None:
    model = script(server.home, [
        {"kind": "desktop_launch", "command": "sleep 3", "wait": 3},  # time for the page to open its stream
        {"kind": "desktop_launch", "command": "xmessage -center 'Proceed with the upload?'"},
        {"kind": "desktop_launch", "command": "sleep 3", "wait": 3},  # a model's thinking time: the OCR ends
        {"kind": "desktop_screenshot"},
        {"kind": "finish", "answer": "saw the dialog"}])
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}")
    run = server.api().post("/api/runs", json={"text": "look at the dialog", "model": model,
                                               "environment": "desktop"}).json()
    page.goto(f"{server.url}/runs/{run['id']}")
    item = page.wait_for_selector("#screen-events li.dialog", timeout=60_000)
    assert "a dialog appeared" in item.inner_text() and "Proceed with the upload?" in item.inner_text()
    page.wait_for_selector("#audit.ok", timeout=60_000)
    steps = server.api().get(f"/api/runs/{run['id']}/steps").json()
    told = [s["observation"]["output"] for s in steps if s.get("observation")]
    assert any("Screen events since the last step:" in o and "Proceed with the upload?" in o for o in told)
    assert wait_for(lambda: page.inner_text("#status") == "succeeded", 10)
