"""Conversations in the web app, in a real Chromium against a real server: a message sent from the page,
the answer streamed back over SSE, a delegation shown as an expandable live run whose `ask` is approved
from the page; another user's conversation is 404 and an over-long message 413 naming the limit."""

from __future__ import annotations

from tests.server.conftest import ASK, mh, person_click, script


def test_chat_delegates_streams_and_asks_from_the_page(server, chromium):
    model = script(server.home, [
        {"kind": "delegate", "division": "operator", "task": "print a greeting, then run the hidden command"},
        {"kind": "bash", "command": "echo hi-from-operator"}, ASK, {"kind": "finish", "answer": "greeted"},
        "The operator division greeted and ran it.",
    ])
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}&next=/chats")
    page.fill("#new-chat input[name=model]", model)
    page.click("#new-chat button")
    page.wait_for_url("**/chats/c-*")
    conv_id = page.url.rsplit("/", 1)[1]

    page.fill("#send textarea", "please greet")
    page.click("#send button")
    page.wait_for_selector("details.delegation ol li.step", timeout=30_000)
    assert "hi-from-operator" in page.inner_text("details.delegation")
    page.wait_for_selector("#approvals .ask button.approve", timeout=30_000)
    person_click(page, "#approvals .ask button.approve")
    page.wait_for_selector(".msg.assistant:not(.streaming)", timeout=30_000)
    assert "greeted and ran it" in page.inner_text(".msg.assistant")
    assert page.inner_text("details.delegation summary .status") == "succeeded"
    assert page.locator("details.delegation li.step").count() == 3

    stored = server.api().get(f"/api/conversations/{conv_id}").json()
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant"]
    run_id = stored["messages"][1]["run_ids"][0]
    steps = server.api().get(f"/api/runs/{run_id}/steps").json()
    assert steps[1]["verdict"]["approved_by"] == "user owner"  # ux54: the signed-in person, as a run page records it

    # after a reload the conversation is still there
    page.reload()
    assert "greeted and ran it" in page.inner_text("#messages")

    # over the limit: 413 naming it; another user's conversation: 404 (and not listed)
    too_long = server.api().post(f"/api/conversations/{conv_id}/messages", json={"text": "x" * 20_001})
    assert too_long.status_code == 413 and "20,000" in too_long.json()["detail"]
    token = mh("serve", "users", "add", "mo", "--role", "member", home=server.home).stdout.strip().splitlines()[-1]
    other = server.api(token)
    assert other.get(f"/api/conversations/{conv_id}").status_code == 404
    assert other.post(f"/api/conversations/{conv_id}/messages", json={"text": "hi"}).status_code == 404
    assert other.get(f"/api/conversations/{conv_id}/events").status_code == 404
    assert other.get("/api/conversations").json() == []
    assert other.get(f"/chats/{conv_id}").status_code == 404


def test_a_model_that_is_down_is_said_on_the_page_and_the_server_keeps_serving(server, chromium):
    from tests.server.conftest import free_port

    down = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    conv = server.api().post("/api/conversations", json={"model": down}).json()
    page = chromium.new_page()
    page.goto(f"{server.url}/login?token={server.token}&next=/chats/{conv['id']}")
    page.fill("#send textarea", "hello?")
    page.click("#send button")
    error = page.wait_for_selector(".msg.error", timeout=60_000).inner_text()
    assert "could not answer" in error and "127.0.0.1" in error
    assert server.api().get("/api/runs").status_code == 200
    assert [m["role"] for m in server.api().get(f"/api/conversations/{conv['id']}").json()["messages"]] == ["user"]
