"""A browser run started from the web app: its frames arrive on the run page as images served from the
store, and when it ends the page shows the replay video (`runs replay`'s), served by the app."""

from __future__ import annotations

from tests.server.conftest import script

from macrohard.sites import serve


def test_browser_run_frames_live_then_the_replay(server, chromium):
    with serve("form") as site:
        model = script(server.home, [
            {"kind": "browser_goto", "url": site.url},
            {"kind": "browser_type", "element": "e5", "text": "Grace Hopper"},
            {"kind": "browser_click", "element": "e14"},
            {"kind": "finish", "answer": "sent"},
        ])
        page = chromium.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{server.url}/login?token={server.token}")
        run = server.api().post("/api/runs", json={"text": "send the form", "model": model, "environment": "browser",
                                                   "allow_hosts": [site.url.split("/")[2]]}).json()
        page.goto(f"{server.url}/runs/{run['id']}")
        page.wait_for_selector("#done:not([hidden])", timeout=120_000)
    assert page.inner_text("#status") == "succeeded", page.inner_text("#error")
    frames = page.locator("#steps img.frame")
    assert frames.count() == 3
    assert page.evaluate("Array.from(document.querySelectorAll('#steps img.frame')).every(i => i.complete && i.naturalWidth > 0)")
    page.wait_for_selector("#replay-video", timeout=30_000)
    got = page.evaluate("""async (id) => { const r = await fetch(`/api/runs/${id}/replay`, {cache: "no-store"});
        const b = await r.arrayBuffer(); return [r.status, r.headers.get("content-type"), b.byteLength]; }""", run["id"])
    # no-store: the <video> element's own range request may sit in the HTTP cache and answer a plain fetch
    # with a 206 of what it cached; the whole file must come back
    assert got[0] == 200 and got[1] == "video/mp4" and got[2] > 1000
    page.wait_for_function("document.getElementById('replay-video').readyState >= 1", timeout=30_000)
    assert page.evaluate("document.getElementById('replay-video').duration") > 1
