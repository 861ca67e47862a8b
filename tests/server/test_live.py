"""The web app in a real browser: log in with the printed token, watch a run's steps arrive live,
answer the guard's `ask` from the page; a viewer is refused. A real server, a real Chromium."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.server.conftest import ASK, mh, person_click, script, wait_for

ROOT = Path(__file__).resolve().parents[2]


def _login(chromium, server, token: str):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={token}")
    assert page.url.endswith("/runs"), page.url
    return page


def test_login_watch_live_approve_and_continue(server, chromium, tmp_path):
    model = script(server.home, [{"kind": "bash", "command": "sleep 1; echo first step"}, ASK,
                                 {"kind": "bash", "command": "cat approved.txt"},
                                 {"kind": "finish", "answer": "approved and done"}])
    page = _login(chromium, server, server.token)
    cookie = next(c for c in page.context.cookies() if c["name"] == "macrohard_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]  # plain http on loopback

    run = server.api().post("/api/runs", json={"text": "write approved.txt", "model": model}).json()
    page.goto(f"{server.url}/runs/{run['id']}")
    # the first step ends about a second after the start: it arrives on the open page over SSE
    page.wait_for_selector("#step-1", timeout=20_000)
    assert "first step" in page.inner_text("#step-1")
    ask = page.wait_for_selector(".ask", timeout=20_000)
    assert "only known when the command runs" in ask.inner_text()
    assert page.locator("#step-2").count() == 0  # the run waits for the answer
    # the README's picture: written into docs/img/ only when asked, so a test run leaves the checkout clean
    update = os.environ.get("MACROHARD_UPDATE_SCREENSHOTS") == "1"
    shot = ROOT / "docs" / "img" / "serve-run.png" if update else tmp_path / "serve-run.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    person_click(page, ".ask button.approve")
    page.wait_for_selector("#step-4", timeout=20_000)
    assert "allow by user owner" in page.inner_text("#step-2 .head")
    assert "approved-ran" in page.inner_text("#step-3")
    page.wait_for_selector("#audit.ok", timeout=20_000)
    assert "Audit chain verified" in page.inner_text("#audit")
    assert page.inner_text("#status") == "succeeded"
    assert page.locator(".ask").count() == 0

    # the approval is in the run's audit chain with who gave it
    records = json.loads(mh("audit", "show", run["id"], "--json", home=server.home).stdout)
    approvals = [r for r in records if r["kind"] == "approval"]
    assert len(approvals) == 1 and approvals[0]["verdict"]["approved_by"] == "user owner"
    assert mh("audit", "verify", run["id"], home=server.home).returncode == 0


def test_viewer_is_refused_an_approval_and_an_owner_denies(server, chromium):
    added = mh("serve", "users", "add", "vera", "--role", "viewer", home=server.home)
    assert added.returncode == 0, added.stderr
    viewer_token = added.stdout.strip().splitlines()[-1]
    model = script(server.home, [ASK, {"kind": "finish", "answer": "ok"}])
    run = server.api().post("/api/runs", json={"text": "try eval", "model": model}).json()
    assert wait_for(lambda: server.api().get(f"/api/runs/{run['id']}/approvals").json())
    pending = server.api().get(f"/api/runs/{run['id']}/approvals").json()[0]

    page = _login(chromium, server, viewer_token)
    page.goto(f"{server.url}/runs/{run['id']}")
    page.wait_for_selector(".ask", timeout=20_000)
    assert page.locator(".ask button").count() == 0  # a viewer sees the question, not the buttons
    assert "A viewer cannot answer" in page.inner_text(".ask")
    # through the API too (with the page's own session and CSRF token): 403, and the run still waits
    answer = page.evaluate("""async ([id, aid]) => {
        const r = await fetch(`/api/runs/${id}/approvals/${aid}`, {method: "POST", headers: {"Content-Type":
            "application/json", "X-CSRF-Token": document.querySelector('meta[name="csrf-token"]').content},
            body: JSON.stringify({approve: true})});
        return [r.status, await r.text()]; }""", [run["id"], pending["id"]])
    assert answer[0] == 403 and "viewer" in answer[1]
    refused = server.api(viewer_token).post(f"/api/runs/{run['id']}/approvals/{pending['id']}", json={"approve": True})
    assert refused.status_code == 403
    assert server.api().get(f"/api/runs/{run['id']}").json()["status"] == "running"

    assert server.api().post(f"/api/runs/{run['id']}/approvals/{pending['id']}", json={"approve": False}).status_code == 204
    assert wait_for(lambda: server.api().get(f"/api/runs/{run['id']}").json()["status"] != "running")
    steps = server.api().get(f"/api/runs/{run['id']}/steps").json()
    assert "Not approved by the user owner" in steps[0]["observation"]["output"]
    assert not (Path(server.home) / "workspaces" / run["id"] / "approved.txt").exists()
