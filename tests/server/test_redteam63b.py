"""rt63b: what the web app shows the person of a run's actions is what the action is.

A run's actions are the agent's text (and, after a page or a tool's answer, an injection's). Unicode's bidirectional
controls (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066-2069 isolates, U+200E/F marks) reorder what a browser draws without
changing what runs ("Trojan Source"). The guard refuses them in a shell command; a file's name (``write_file``, let
go) and an MCP call's arguments (asked) keep them, and on 1e4dd857 the run page drew them: a step wrote
``report<RLO>fdp.sh`` shown as "reporths.pdf", and the approval card of an MCP call showed its address reversed. The
terminal's view writes such characters as escapes (``cli/view.py``); now the page does too (``\\u202e``)."""

from __future__ import annotations

from tests.server.conftest import script

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
STEPS = [{"kind": "write_file", "path": "report\u202efdp.sh", "content": "echo hi\n"},
         # the card would show "to: alice@example.com" (the logical text is its tail reversed after the override)
         {"kind": "mcp_call", "server": "mail", "tool": "send", "arguments": {
             "to": "\u202emoc.elpmaxe@ecila", "body": "the notes, as asked: שלום"}},
         {"kind": "finish", "answer": "done"}]


def test_a_runs_actions_are_shown_with_bidi_controls_as_escapes(server, chromium):
    model = script(server.home, STEPS)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}/login?token={server.token}")
    run = server.api().post("/api/runs", json={"text": "send the notes", "model": model}).json()
    page.goto(f"{server.url}/runs/{run['id']}")
    page.wait_for_selector(".ask button.approve", timeout=60_000)
    card, step = page.inner_text(".ask"), page.inner_text("#step-1")
    api = server.api()
    for question in api.get(f"/api/runs/{run['id']}/approvals").json():
        api.post(f"/api/runs/{run['id']}/approvals/{question['id']}", json={"approve": False})
    assert not [c for c in card + step if c in CONTROLS], (ascii(card), ascii(step))
    assert "report\\u202efdp.sh" in step and "\\u202emoc.elpmaxe@ecila" in card, (ascii(card), ascii(step))
    assert "שלום" in card, ascii(card)  # the twin: right-to-left letters themselves are shown as they are
