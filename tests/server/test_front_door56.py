"""The web app as a new user meets it (helper ux56). Each test was seen failing on the code before its fix
(RESULTS.md, ux56)."""

from __future__ import annotations

import html
import json
import re

import httpx
from tests.server.conftest import wait_for


def _note_on(page: str) -> str | None:
    found = re.search(r'data-note="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def _events(server, run_id: str, until: str) -> list[tuple[str, str]]:
    """The run's event stream, read until an event of kind ``until`` (or the stream's end)."""
    seen: list[tuple[str, str]] = []
    kind = ""
    with httpx.stream("GET", f"{server.url}/api/runs/{run_id}/events", timeout=30,
                      headers={"Authorization": f"Bearer {server.token}"}) as response:
        for line in response.iter_lines():
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: "):
                seen.append((kind, line[len("data: "):]))
                if kind == until:
                    break
    return seen


def test_a_terminal_runs_wait_for_the_screens_build_is_said_on_its_web_page(server):
    """Before: `macrohard run` in a terminal said "preparing the safety screens …" for the minutes of a fresh HOME's
    build, and the run's page in `macrohard serve` said "working on step 1 · 226 s (the model chooses an action, the
    guard reviews it, it runs)": the note lived only in the terminal's process (and the web's own runs')."""
    from macrohard.envs.mounts import owner_record
    from macrohard.runner import PREPARING, PREPARING_EST, _noting
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Run, RunStatus, Task

    store = SQLiteStore(server.home / "runs.db")
    run = Run(task=Task(text="Create a file named hello.txt containing the text: hello world"), model="local")
    run.meta["owner"] = owner_record()  # this process: alive, so the run is not taken for a dead one
    store.create_run(run)
    heard: list[str] = []
    note = _noting(run, store, heard.append)  # what run_task hands the screens' build, as `macrohard run` does
    text = PREPARING.format(est=PREPARING_EST)
    note(text)
    assert heard == [text]
    page = server.api().get(f"/runs/{run.id}")
    assert page.status_code == 200
    assert _note_on(page.text) == text, page.text[:3000]
    assert ("note", json.dumps({"text": text})) in _events(server, run.id, "note")
    note("")  # built: the note goes from the record, and the page watching it is told
    assert "waiting_for" not in store.get_run(run.id).meta
    run.status = RunStatus.succeeded
    store.update_run(run)
    assert wait_for(lambda: _events(server, run.id, "end")[-1][0] == "end", 30)
    assert _note_on(server.api().get(f"/runs/{run.id}").text) == ""


def test_a_pages_unknown_id_is_a_page_not_raw_json(server):
    """Before: /runs/nosuch (a mistyped or another user's run) and /chats/nosuch showed the raw JSON
    `{"detail":"no run 'nosuch'"}` in the browser; the API keeps its JSON."""
    api = server.api()
    for path, said in (("/runs/nosuch", "no run 'nosuch'"), ("/chats/c-nosuch", "no conversation 'c-nosuch'"),
                       ("/no-such-page", "Not Found")):
        page = api.get(path, headers={"Accept": "text/html,application/xhtml+xml"})
        assert page.status_code == 404, (path, page.status_code)
        assert page.headers["content-type"].startswith("text/html"), (path, page.headers["content-type"])
        assert said in html.unescape(page.text), (path, page.text[:2000])
        assert 'href="/runs"' in page.text and "<h1>Not found</h1>" in page.text, page.text[:2000]
    assert 'href="/chats">Chat</a>' in api.get("/runs/nosuch", headers={"Accept": "text/html"}).text  # logged in
    script = api.get("/api/runs/nosuch")
    assert script.status_code == 404 and script.json() == {"detail": "no run 'nosuch'"}, script.text
    plain = api.get("/runs/nosuch")  # no Accept for HTML (curl, a script): JSON as before
    assert plain.status_code == 404 and plain.json() == {"detail": "no run 'nosuch'"}, plain.text


def test_the_chat_page_says_where_a_terminals_conversations_are(server):
    """Before: a conversation held in `macrohard chat` was looked for on the web's Chat page, which lists only the
    logged-in user's ("no conversations yet") and said nothing of the terminal's."""
    page = server.api().get("/chats")
    assert page.status_code == 200
    assert "macrohard chats list" in html.unescape(page.text), page.text[-1500:]
