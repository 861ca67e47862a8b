"""Approve and Deny on a run's page send one answer (helper ux53), in a real Chromium against a real server.

Before: both buttons stayed clickable until the server's `approval_done` arrived, so a quick second click (or the other
button) sent a second answer and the page added "404: no open approval … it was answered or timed out"; nothing said
the first had been sent. Now the first click holds both and says "sent", and the server's answer replaces them."""

from __future__ import annotations

from tests.server.conftest import ASK, person_click, script


def _centre(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

SLOW_ASK = {**ASK, "command": 'eval "$CMD"; sleep 3; echo approved-ran > approved.txt'}  # its step ends 3 s after


def test_approve_is_sent_once_said_sent_and_the_servers_answer_shown(server, chromium):
    model = script(server.home, [SLOW_ASK, {"kind": "bash", "command": "cat approved.txt"},
                                 {"kind": "finish", "answer": "done"}])
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}/login?token={server.token}")
    run = server.api().post("/api/runs", json={"text": "run the hidden command", "model": model}).json()
    page.goto(f"{server.url}/runs/{run['id']}")
    page.wait_for_selector(".ask button.approve", timeout=30_000)

    held = []  # the answer's request, held by the browser's network layer as a slow server would hold it
    page.route("**/approvals/*", lambda route: held.append(route))
    # a person's click, a quick second one and the other button (rt58c: a click with no move before it is not taken,
    # so the first is a person's move-then-click)
    person_click(page, ".ask button.approve")
    page.mouse.click(*_centre(page, ".ask button.approve"))
    page.evaluate("document.querySelector('.ask button.deny').click()")
    page.wait_for_function("document.querySelector('.ask .sent') && "
                           "document.querySelector('.ask .sent').textContent.includes('sent')", timeout=10_000)
    assert len(held) == 1, f"{len(held)} answers were sent"  # before: three (approve, approve, deny)
    assert page.locator(".ask button.approve").is_disabled() and page.locator(".ask button.deny").is_disabled()
    assert "approve" in page.inner_text(".ask .sent")
    held[0].continue_()
    # the server's answer in place of the buttons, until the step it asked about arrives
    line = page.wait_for_selector(".answered-ask", timeout=30_000).inner_text()
    assert "approved by user owner" in line, line
    assert page.locator(".ask").count() == 0 and page.locator("#approvals .error").count() == 0
    page.wait_for_selector("#audit.ok", timeout=60_000)
    assert "allow by user owner" in page.inner_text("#step-1 .head")
    assert page.locator(".answered-ask").count() == 0  # the step says it now
    assert len(held) == 1
