"""The front door after ux54 (helper ux55): what a user reads is true — a question nobody was asked is recorded as the
policy's denial, a web chat's delegated run is answered and stopped on its own page, the page snapshot's example ids
are the ids it gives, and the web's buttons read without an emoji font.

Real parts only: `macrohard run` and `macrohard serve` in their own processes, scripted models, bubblewrap, Chromium."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.server.conftest import ROOT, Server, person_click

NO_TERMINAL = "denied by policy: no terminal to ask"


def test_a_question_with_no_terminal_is_recorded_as_the_policys_denial_not_the_users(_home, tmp_path):
    """ux54 left open: `macrohard run` with no terminal said "no terminal to ask, so denied" on stderr and recorded
    "(not approved by the user)" though nobody was asked: in `runs show`, `--json` and the web's run page."""
    import os

    _home.mkdir(parents=True, exist_ok=True)
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "ssh build@host.example uptime"},
                                  {"kind": "finish", "answer": "tried"}]))
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  - {id: net, categories: [network], decision: ask, reason: reaches another host}\n")
    env = {**os.environ, "MACROHARD_HOME": str(_home), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}

    def mh(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "macrohard", *args], env=env, capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL)

    done = mh("run", "check the build host", "--model", f"scripted:{script}", "--policy", str(policy), "--json")
    assert "no terminal to ask, so denied" in done.stderr, done.stderr
    record = json.loads(done.stdout)
    run_id = record["id"]
    shown = json.loads(mh("runs", "show", run_id, "--json").stdout)
    for said in (json.dumps(shown), mh("runs", "show", run_id).stdout):
        assert NO_TERMINAL in said, said
        assert "approved by the user" not in said, said
    step = shown["steps"][0]
    assert step["verdict"]["decision"] == "deny" and step["verdict"]["reason"].endswith(f"({NO_TERMINAL})")
    assert step["observation"]["output"].startswith("Denied by policy: no terminal to ask: reaches another host")

    server = Server(_home).start()
    try:
        page = server.api().get(f"/runs/{run_id}")
        assert page.status_code == 200
        steps = server.api().get(f"/api/runs/{run_id}/steps")
        said = page.text + (steps.text if steps.status_code == 200 else "")
        assert NO_TERMINAL in said and "approved by the user" not in said, said[-3000:]
    finally:
        server.stop()


def test_the_page_snapshots_example_id_is_one_of_its_own_ids(_home, tmp_path):
    """ux54 left open: the snapshot's header said "element ids in brackets, e.g. [e5]" where a page reached by a click
    numbers its ids [f1e2], [f1e3], ... (Playwright's ids of a new document). A real `macrohard run -e browser` on a
    local two-page site: each page's example is an id of that page's snapshot."""
    import functools
    import http.server
    import re
    import threading
    from pathlib import Path

    from tests.server.conftest import mh, run_json, scripted_at

    if not Path("/usr/bin/chromium").exists():
        import pytest

        pytest.skip("needs Debian's chromium (bash install.sh installs it)")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><title>One</title><body><a href=two.html>Two</a></body></html>")
    (site / "two.html").write_text("<html><title>Two</title><body><h1>Second</h1><input aria-label=Name>"
                                   "<button>Go</button></body></html>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{httpd.server_address[1]}"
    try:
        model = scripted_at(tmp_path / "b.json", [{"kind": "browser_goto", "url": f"http://{host}/"},
                                                  {"kind": "browser_click", "element": "e2"},
                                                  {"kind": "finish", "answer": "seen"}])
        _home.mkdir(parents=True, exist_ok=True)
        run = run_json(_home, "open the second page", "-e", "browser", "--network", "hosts", "--allow-host", host,
                       "--model", model)
    finally:
        httpd.shutdown()
        httpd.server_close()
    steps = json.loads(mh("runs", "show", run["id"], "--json", home=_home).stdout)["steps"]
    pages = [s["observation"]["output"] for s in steps if "\nPage (element ids" in s["observation"]["output"]]
    assert len(pages) == 2, [s["observation"]["output"][:300] for s in steps]
    for page in pages:
        header, snap = page.split("\nPage (element ids", 1)[1].split("\n", 1)
        example = re.search(r"e\.g\. \[([^\]]+)\]", header)
        assert example, header
        assert f"[{example.group(1)}]" in snap, (header, snap)
    assert re.search(r"e\.g\. \[f\d+e\d+\]", pages[1]), pages[1]  # the second document's own form


def test_the_talk_button_needs_no_emoji_font_and_api_opens_a_page_to_read(server, chromium):
    """ux53/ux54 left open: "🎤 Hold to talk" showed a box where no emoji font is installed (a fresh Debian has none:
    the install brings DejaVu), and the header's `API` opened the raw /openapi.json. In Chromium: the talk button's
    icon is drawn (an inline SVG) and its words are plain; `API` opens a page that says what the API is, how to send
    a token, and lists the app's real endpoints, each of which the app serves."""
    from tests.server.conftest import free_port

    conv = server.api().post("/api/conversations", json={"model": f"http://127.0.0.1:{free_port()}/v1"}).json()
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}&next=/chats/{conv['id']}")
    talk = page.locator("#talk")
    assert talk.inner_text().strip() == "Hold to talk", talk.inner_text()
    icon = talk.locator("svg")
    assert icon.count() == 1 and icon.bounding_box()["width"] > 4
    shown = page.inner_text("body")
    assert not [c for c in shown if ord(c) >= 0x1F000], shown  # no emoji anywhere on the page

    page.click("header nav >> text=API")
    page.wait_for_load_state()
    assert not page.url.endswith(".json"), page.url
    assert page.title().startswith("API"), page.title()
    text = page.inner_text("main")
    assert "Authorization: Bearer" in text and "/openapi.json" in text, text
    schema = server.api().get("/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method in methods:
            assert f"{method.upper()} {path}" in text, (method, path)
    assert page.locator("main a[href='/openapi.json']").count() == 1


ASK_CMD = 'eval "$CMD"; echo approved-ran > approved.txt'  # the guard cannot read it: the default policy asks


def _chat_page(server, chromium, model_actions: list) -> tuple:
    from tests.server.conftest import script

    model = script(server.home, model_actions)
    conv = server.api().post("/api/conversations", json={"model": model}).json()
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}&next=/chats/{conv['id']}")
    page.fill("#send textarea", "have the operator do it")
    page.click("#send button:has-text('Send')")
    run_link = page.wait_for_selector("details.delegation summary a", timeout=90_000)
    return conv, page, run_link.inner_text()


def test_a_web_chats_delegated_run_is_asked_and_answered_on_its_own_page(server, chromium):
    """ux54 left open: a web chat's delegated run showed its guard question on the chat page only; its own page
    (`/runs/ID`, linked from the chat) showed nothing to answer. Now the question is on both, answered once from either:
    Approve on the run's page, the chat page says it was answered, a second answer is 404."""
    conv, chat, run_id = _chat_page(server, chromium, [
        {"kind": "delegate", "division": "operator", "task": "run the hidden command"},
        {"kind": "bash", "command": ASK_CMD}, {"kind": "finish", "answer": "ran it"}, "The operator ran it."])
    chat.wait_for_selector("#approvals .ask", timeout=90_000)
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}&next=/runs/{run_id}")
    asked = page.wait_for_selector("#approvals .ask", timeout=30_000)
    assert conv["id"] in asked.inner_text()  # it says where else it is shown
    approval_id = asked.get_attribute("id").removeprefix("ask-")
    person_click(page, f"#ask-{approval_id} button.approve")
    page.wait_for_selector(".answered-ask, #step-1", timeout=60_000)
    chat.wait_for_selector("#approvals .answered-ask", timeout=30_000)  # the chat page's buttons are gone
    assert "approved by user owner" in chat.inner_text("#approvals")
    chat.wait_for_selector(".msg.assistant:has-text('The operator ran it.')", timeout=90_000)
    api = server.api()
    steps = api.get(f"/api/runs/{run_id}/steps").json()
    assert steps[0]["verdict"]["approved_by"] == "user owner", steps[0]["verdict"]
    again = api.post(f"/api/conversations/{conv['id']}/approvals/{approval_id}", json={"approve": False})
    assert again.status_code == 404, again.text  # answered once


def test_a_web_chats_delegated_run_stops_from_its_own_page_and_the_chat_goes_on(server, chromium):
    """ux54 left open: its page's Stop was 404 ("not running in this server": no run of LiveRuns delegated it). Now
    it stops that run alone (its question denied): the run is `interrupted`, the conversation's model is told and
    answers."""
    conv, chat, run_id = _chat_page(server, chromium, [
        {"kind": "delegate", "division": "operator", "task": "run the hidden command"},
        {"kind": "bash", "command": ASK_CMD}, "The operator was stopped."])  # one scripted model for both
    chat.wait_for_selector("#approvals .ask", timeout=90_000)
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}&next=/runs/{run_id}")
    page.wait_for_selector("#approvals .ask", timeout=30_000)
    page.click("#stop button")
    page.wait_for_selector("#stop .asked", timeout=10_000)
    page.wait_for_function("document.getElementById('status').textContent === 'interrupted'", timeout=60_000)
    chat.wait_for_selector(".msg.assistant:has-text('The operator was stopped.')", timeout=90_000)
    run = server.api().get(f"/api/runs/{run_id}").json()
    assert run["status"] == "interrupted" and "stopped from the web by user owner" in run["error"], run
    steps = server.api().get(f"/api/runs/{run_id}/steps").json()
    assert "(stopped the run)" in json.dumps(steps[0]["verdict"]), steps[0]


def test_a_web_chat_turn_has_a_stop(server, chromium):
    """ux54 left open: a web chat's turn had no Stop of its own (a delegated run working for minutes could only be
    waited for). The chat page's Stop ends the turn: its delegated run `interrupted`, the answer so far kept with a
    note saying who stopped it."""
    import time

    conv, chat, run_id = _chat_page(server, chromium, [
        {"kind": "delegate", "division": "operator", "task": "wait a long time"},
        {"kind": "bash", "command": "sleep 60"}, {"kind": "finish", "answer": "waited"}, "It waited."])
    assert chat.locator("#stop-turn").is_visible()
    time.sleep(3)  # the run's first step is under way (`sleep 60`)
    t0 = time.monotonic()
    chat.click("#stop-turn")
    chat.wait_for_selector(".msg.note:has-text('stopped from the web by user owner')", timeout=30_000)
    assert time.monotonic() - t0 < 25
    assert chat.locator("#stop-turn").is_hidden()
    api = server.api()
    assert wait_run(api, run_id) == "interrupted"
    messages = api.get(f"/api/conversations/{conv['id']}").json()["messages"]
    assert messages[-1]["role"] == "assistant" and "stopped from the web by user owner" in messages[-1]["text"]
    assert run_id in messages[-1]["run_ids"]


def wait_run(api, run_id: str, seconds: float = 30) -> str:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = api.get(f"/api/runs/{run_id}").json()["status"]
        if status != "running":
            return status
        time.sleep(0.2)
    return status


def test_runs_show_with_no_id_shows_the_newest_run(_home, tmp_path):
    """A new user's twenty minutes: `macrohard runs show` after a run said only "Missing argument 'run_id'" (the run's
    id is 22 characters to copy from the run's summary). With no id it shows the newest run, saying which it is and
    how to see another; with no runs, how to make one."""
    from tests.server.conftest import mh, scripted_at

    _home.mkdir(parents=True, exist_ok=True)
    empty = mh("runs", "show", home=_home)
    assert empty.returncode != 0 and "no runs yet" in empty.stdout + empty.stderr, empty.stdout + empty.stderr
    ids = []
    for answer in ("first", "second"):
        model = scripted_at(tmp_path / f"{answer}.json", [{"kind": "finish", "answer": answer}])
        done = mh("run", f"say {answer}", "--model", model, "--json", home=_home)
        ids.append(json.loads(done.stdout)["id"])
    shown = mh("runs", "show", home=_home)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert f"run {ids[1]}" in shown.stdout and "say second" in shown.stdout, shown.stdout
    assert "the newest of 2 runs" in shown.stdout + shown.stderr and "macrohard runs list" in shown.stdout + shown.stderr
    as_json = json.loads(mh("runs", "show", "--json", home=_home).stdout)  # stdout stays JSON
    assert as_json["run"]["id"] == ids[1]
