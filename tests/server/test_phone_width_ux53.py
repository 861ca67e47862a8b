"""The web app's pages on a phone (390x844, helper ux53), in a real Chromium against a real server.

Before: the runs table (7 columns: a run id, a model spec, the task) made the page 982 px wide on a 390 px screen, so
the whole page (its header, the start form) scrolled sideways and the header's dark bar ended at 390 px; the money
page's tables did the same (417 px). Now a wide table scrolls inside itself and the page keeps the screen's width."""

from __future__ import annotations

from tests.server.conftest import script, wait_for


def test_no_page_is_wider_than_a_phone(server, chromium):
    model = script(server.home, [{"kind": "bash", "command": "echo a long line of output " * 6},
                                 {"kind": "finish", "answer": "done"}], "a-rather-long-script-name-for-a-model.json")
    api = server.api()
    run = api.post("/api/runs", json={"text": "say something long enough to need the whole width of a phone "
                                              "and a little more", "model": model}).json()
    assert wait_for(lambda: api.get(f"/api/runs/{run['id']}").json()["status"] != "running", 60)
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    wide = {}
    page.goto(f"{server.url}/login")  # the login page too (it fitted before: kept so)
    if (width := page.evaluate("document.documentElement.scrollWidth")) > 390:
        wide["/login"] = width
    page.goto(f"{server.url}/login?token={server.token}")
    for path in ("/runs", f"/runs/{run['id']}", "/chats", "/evals", "/money"):
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle") if path != f"/runs/{run['id']}" else page.wait_for_selector(
            "#audit.ok", timeout=30_000)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert wide == {}, f"pages wider than the phone's 390 px: {wide}"
    # the runs table is still all there: it scrolls inside itself
    page.goto(f"{server.url}/runs")
    assert page.locator(f"a[href='/runs/{run['id']}']").count() == 1
    assert page.evaluate("(() => { const t = document.querySelector('table.runs'); "
                         "return t.scrollWidth > t.clientWidth && getComputedStyle(t).overflowX === 'auto'; })()")
