"""A browser step on a run's page says what it did in words (helper ux53), in a real Chromium against a real server.

Before: a step whose action has no command, path, URL or text (a click on an element) was shown as its JSON,
`{"kind":"browser_click","element":"e14"}`, under a head that already said `browser_click`."""

from __future__ import annotations

from tests.server.conftest import script

from macrohard.sites import serve


def test_a_click_step_says_its_element_not_its_json(server, chromium):
    with serve("form") as site:
        model = script(server.home, [
            {"kind": "browser_goto", "url": site.url},
            {"kind": "browser_type", "element": "e5", "text": "Grace Hopper"},
            {"kind": "browser_click", "element": "e14"},
            {"kind": "finish", "answer": "sent"},
        ])
        run = server.api().post("/api/runs", json={"text": "send the form", "model": model, "environment": "browser",
                                                   "allow_hosts": [site.url.split("/")[2]]}).json()
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server.url}/login?token={server.token}&next=/runs/{run['id']}")
        page.wait_for_selector("#done:not([hidden])", timeout=120_000)
    typed = page.inner_text("#step-2 pre.action")
    clicked = page.inner_text("#step-3 pre.action")
    assert typed == "Grace Hopper → e5", typed
    assert clicked == "element=e14", clicked  # before: {"kind":"browser_click","element":"e14"}
