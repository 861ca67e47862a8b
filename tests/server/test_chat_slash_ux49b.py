"""The web chat page's slash commands (helper ux49b), in a real Chromium against a real server. Before: `/help` and
any `/word` typed on the page went to the model as a message; the terminal chat (ux49) answered them itself. Now the
page answers them with the terminal's words (one source: ``macrohard.chat.slash``) and the model never sees them."""

from __future__ import annotations

from tests.server.conftest import script


def test_the_chat_page_answers_help_and_an_unknown_command_as_the_terminal_does(server, chromium):
    from macrohard.chat.slash import help_text, unknown_text

    model = script(server.home, ["the model answered //"], "chat.json")
    conv = server.api().post("/api/conversations", json={"model": model}).json()
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}&next=/chats/{conv['id']}")

    page.fill("#send textarea", "/help")
    page.click("#send button")
    page.wait_for_selector(".msg.note", timeout=15_000)
    shown = page.inner_text(".msg.note")
    assert "/help" in shown and help_text("web", conv["id"]).splitlines()[-1] in shown, shown
    assert page.locator(".msg.user").count() == 1 and page.inner_text("#send-error") == ""

    page.fill("#send textarea", "/foo bar")
    page.click("#send button")
    page.wait_for_selector(".msg.note >> nth=1", timeout=15_000)
    assert page.locator(".msg.note").nth(1).inner_text() == unknown_text("/foo")

    stored = server.api().get(f"/api/conversations/{conv['id']}").json()
    assert stored["messages"] == []  # neither reached the model

    page.fill("#send textarea", "//help is a word here")  # // sends a line that begins with / as it is
    page.click("#send button")
    page.wait_for_selector(".msg.assistant:not(.streaming)", timeout=30_000)
    stored = server.api().get(f"/api/conversations/{conv['id']}").json()
    assert [m["text"] for m in stored["messages"]] == ["/help is a word here", "the model answered //"]
    assert page.inner_text("#send-error") == ""


def test_the_api_answers_a_slash_command_without_the_model(server):
    conv = server.api().post("/api/conversations", json={"model": script(server.home, [], "none.json")}).json()
    got = server.api().post(f"/api/conversations/{conv['id']}/messages", json={"text": "/nosuch"})
    assert got.status_code == 200, got.text
    assert got.json()["command"] == "/nosuch" and "unknown command /nosuch" in got.json()["said"]
    leave = server.api().post(f"/api/conversations/{conv['id']}/messages", json={"text": "/exit"}).json()
    assert "kept" in leave["said"]  # nothing to end on a page: it says the conversation is kept
    path = server.api().post(f"/api/conversations/{conv['id']}/messages", json={"text": "/etc/hosts is how big?"})
    assert path.status_code == 202  # a path is still a message
