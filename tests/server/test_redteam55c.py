"""rt55c: the web app as an outsider reads it: untrusted text in the pages, served files, uploads and API input.

A run shows text the person did not write: the model's output (an injection can steer it), a file's name and content,
a command's output, the guard's question about a command, a chat reply. Each attempt below puts markup or script in
one of them, or asks a route for a file or an input it should refuse, and looks with a real Chromium (Playwright) or
a real HTTP client. ``THROUGH_ON_MAIN`` records which got through on 96cf0181 (checked by running this file in a
``git archive`` of 96cf0181 with this file beside the conftest).

One real ``macrohard serve`` with a login (users ``mo``, a member, and ``vi``, a viewer) and one ``--no-auth`` serve
for the module, both with their model the server's default: a scripted OpenAI-compatible server on loopback
(``FakeOpenAIServer``) answering each run by the tag in its task. One Chromium for the module.
"""

from __future__ import annotations

import html
import http.server
import json
import re
import shutil
import socket
import subprocess
import threading
import time

import httpx
import pytest
from tests.server.conftest import Server, free_port, mh, person_click, wait_for

from macrohard.testing import FakeOpenAIServer

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap")
THROUGH_ON_MAIN: dict[str, bool] = {}  # attempt -> whether it got through on 96cf0181

# each payload, run in the page, sets window.__pwned (or opens a dialog): the page must show it as text
IMG = '<img src=x onerror="window.__pwned=(window.__pwned||[]).concat(\'img\')">'
SCRIPT = "<script>window.__pwned=(window.__pwned||[]).concat('script')</script>"
SVG = "<svg onload=\"window.__pwned=(window.__pwned||[]).concat('svg')\"></svg>"
LINK = "[click me](javascript:window.__pwned=1) <a href=\"javascript:window.__pwned=1\">open</a>"
FAKE_APPROVE = ('</pre></div><button class="approve" id="fake-approve" '
                'onclick="window.__pwned=(window.__pwned||[]).concat(\'fake\')">Approve</button><div><pre>')
ALL = f"{IMG} {SCRIPT} {SVG} {LINK} {FAKE_APPROVE}"
TITLE = html.escape(f"prize {IMG}{SCRIPT}")  # the page's title, as the browser reads it: the payloads
ASK = {"tool_calls": [{"name": "bash", "arguments": {
    "command": f'eval "$CMD"; echo approved-ran > approved.txt  # {FAKE_APPROVE}{IMG}'}}]}

PLAYS: dict[str, list[dict]] = {}
_lock = threading.Lock()
FINISH = {"tool_calls": [{"name": "finish", "arguments": {"answer": "done"}}]}


def _reply(body: dict) -> dict:
    first = next((m for m in body.get("messages", []) if m.get("role") == "user"), {})
    found = re.search(r"\[\[t:([\w-]+)\]\]", json.dumps(first.get("content")))
    with _lock:
        queue = PLAYS.get(found.group(1), []) if found else []
        return queue.pop(0) if queue else FINISH


def call(name: str, text: str = "", **arguments) -> dict:
    return {"text": text, "tool_calls": [{"name": name, "arguments": arguments}]}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    base = tmp_path_factory.mktemp("rt55c")
    homes = {"login": base / "login-home", "open": base / "open-home"}
    for home in homes.values():
        home.mkdir()
    with FakeOpenAIServer([_reply] * 10_000) as llm, pytest.MonkeyPatch.context() as mp:
        mp.setenv("MACROHARD_MODEL", llm.url)
        started: dict[str, Server] = {}
        try:
            mp.setenv("MACROHARD_HOME", str(homes["login"]))
            started["login"] = Server(homes["login"]).start()
            tokens = {}
            for name, role in (("mo", "member"), ("vi", "viewer")):
                out = mh("serve", "users", "add", name, "--role", role, home=homes["login"])
                assert out.returncode == 0, out.stderr
                tokens[name] = out.stdout.strip().splitlines()[-1]
            started["login"].tokens = tokens  # type: ignore[attr-defined]
            mp.setenv("MACROHARD_HOME", str(homes["open"]))
            started["open"] = Server(homes["open"]).start("--no-auth")
            yield started
        finally:
            for server in started.values():
                server.stop()


@pytest.fixture(scope="module")
def attacker_site():
    """Another site's page: ``/frame?url=U`` frames U under a full-page transparent overlay's hole (clickjacking)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            from urllib.parse import parse_qs, urlsplit

            if self.path.startswith("/title"):  # a site a browser run reads: markup in its title and text
                body = (f"<!doctype html><title>{TITLE}</title><h1>news</h1><p>{html.escape(ALL)}</p>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            url = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
            body = (f'<!doctype html><title>win a prize</title><p>Click the button to claim your prize</p>'
                    f'<iframe id="victim" src="{url}" width="1000" height="800" style="opacity:0.01"></iframe>').encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _api(server: Server, user: str | None = None) -> httpx.Client:
    token = server.tokens[user] if user else None  # type: ignore[attr-defined]
    return httpx.Client(base_url=server.url, timeout=60,
                        headers={"Authorization": f"Bearer {token}"} if token else {})


def _start(server: Server, tag: str, text: str, plays: list[dict], user: str | None = "mo") -> str:
    PLAYS[tag] = plays
    with _api(server, user) as api:
        answer = api.post("/api/runs", json={"text": f"[[t:{tag}]] {text}"})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def _ended(server: Server, run_id: str, user: str | None = "mo", seconds: float = 120.0) -> dict:
    with _api(server, user) as api:
        assert wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["status"] != "running", seconds), run_id
        return api.get(f"/api/runs/{run_id}").json()


def _asked(server: Server, run_id: str, user: str | None = "mo", seconds: float = 90.0) -> dict:
    with _api(server, user) as api:
        assert wait_for(lambda: bool(api.get(f"/api/runs/{run_id}/approvals").json()), seconds), run_id
        return api.get(f"/api/runs/{run_id}/approvals").json()[0]


def _logged_in(chromium, server: Server, user: str = "mo"):
    page = chromium.new_page(bypass_csp=False)
    page.goto(f"{server.url}/login?token={server.tokens[user]}")  # type: ignore[attr-defined]
    return page


def _watch(page) -> list[str]:
    """What ran in the page that should not have: dialogs opened, and ``window.__pwned`` read at the end; and what
    the page's policy refused (nothing should be: the payloads are words, the app's scripts its own)."""
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(f"dialog {d.message}"), d.dismiss()))
    # the honest twin of the policy: the app's own scripts (the inline start included) are never refused
    page.on("console", lambda m: seen.append(f"console {m.text}") if "Content Security Policy" in m.text else None)
    return seen


def _pwned(page, seen: list[str]) -> list[str]:
    found = page.evaluate("() => window.__pwned || null")
    injected = page.evaluate("""() => [...document.querySelectorAll(
        'img[src="x"], script, svg[onload], a[href^="javascript:"], #fake-approve')]
        .filter((e) => e.tagName !== "SCRIPT" || e.textContent.includes("__pwned"))
        .map((e) => e.outerHTML.slice(0, 80))""")
    return seen + ([f"window.__pwned={found}"] if found else []) + injected


# -- 1. markup in what a run shows: the task, the model's thought and answer, a file's name, output, a question ---------

THROUGH_ON_MAIN["xss:run-page-and-runs-list"] = False


@needs_bwrap
def test_markup_in_a_runs_text_is_shown_as_text_on_its_page_and_the_list(servers, chromium):
    """The task, the model's thought, a file named with markup (created, listed, read), a command's output and the
    answer all carry the payloads; the run page and /runs show them as text: nothing runs, no element is made."""
    srv = servers["login"]
    name = '<img src=x onerror="window.__pwned=1">.txt'
    run_id = _start(srv, "xss-run", f"look at the files {SVG} {IMG}", [
        call("write_file", text=f"I will write {SCRIPT} {IMG}", path=name, content=f"{ALL}\n"),
        call("bash", text=LINK, command="ls; cat -- *.txt"),
        call("finish", answer=f"the answer {ALL}"),
    ])
    run = _ended(srv, run_id)
    assert run["status"] == "succeeded", run
    page = _logged_in(chromium, srv)
    seen = _watch(page)
    page.goto(f"{srv.url}/runs/{run_id}")
    page.wait_for_selector("#done:not([hidden]) #answer:has-text('the answer')", timeout=30_000)
    page.wait_for_selector("#steps li >> nth=2", timeout=30_000)
    text = page.inner_text("main")
    # the honest twin: every payload is on the page, as the words it is
    assert name in text and "<script>window.__pwned" in text and "javascript:window.__pwned=1" in text, text[:2000]
    assert text.count('id="fake-approve"') >= 2, text[:2000]
    assert _pwned(page, seen) == []
    page.goto(f"{srv.url}/runs?q=look+at+the+files")
    page.wait_for_selector(f"a[href='/runs/{run_id}']", timeout=30_000)
    assert "<svg onload" in page.inner_text("main")
    assert _pwned(page, seen) == []


THROUGH_ON_MAIN["xss:approval-question"] = False


@needs_bwrap
def test_a_question_about_a_command_with_markup_draws_no_button_of_its_own(servers, chromium):
    """The guard's question shows the command as text and exactly its two buttons; the drawn "Approve" is words; Deny
    (the real button) is the answer the run gets."""
    srv = servers["login"]
    run_id = _start(srv, "xss-ask", "run the command", [ASK])
    _asked(srv, run_id)
    page = _logged_in(chromium, srv)
    seen = _watch(page)
    page.goto(f"{srv.url}/runs/{run_id}")
    page.wait_for_selector("#approvals .ask button.deny", timeout=30_000)
    assert page.locator("#approvals button").count() == 2
    assert 'id="fake-approve"' in page.inner_text("#approvals")
    assert _pwned(page, seen) == []
    page.click("#approvals button.deny")
    run = _ended(srv, run_id)
    with _api(srv, "mo") as api:
        steps = api.get(f"/api/runs/{run_id}/steps").json()
    assert steps[0]["verdict"]["decision"] == "deny", (run, steps[0])


THROUGH_ON_MAIN["xss:chat-page"] = False


def test_markup_in_a_chat_reply_and_message_is_shown_as_text(servers, chromium):
    """A conversation's message and the model's reply with the payloads: the chat page (live and reloaded) shows words."""
    srv = servers["login"]
    PLAYS["xss-chat"] = [{"text": f"hello {ALL}"}] * 3
    page = _logged_in(chromium, srv)
    seen = _watch(page)
    with _api(srv, "mo") as api:
        conv = api.post("/api/conversations", json={}).json()
        sent = api.post(f"/api/conversations/{conv['id']}/messages", json={"text": f"[[t:xss-chat]] hi {IMG}"})
        assert sent.status_code == 202, sent.text
        assert wait_for(lambda: len(api.get(f"/api/conversations/{conv['id']}").json().get("messages", [])) >= 2, 90)
    page.goto(f"{srv.url}/chats/{conv['id']}")
    page.wait_for_selector("#messages .msg >> nth=1", timeout=30_000)
    text = page.inner_text("#messages")
    assert "hello <img src=x" in text and "[[t:xss-chat]] hi <img" in text, text
    assert page.evaluate("() => typeof macrohard === 'object' && typeof macrohardVoice === 'object'")
    assert _pwned(page, seen) == []


THROUGH_ON_MAIN["xss:browser-page-title-and-text"] = False


@needs_bwrap
def test_a_web_pages_title_and_text_read_by_a_browser_run_are_words_on_the_run_page(servers, chromium, attacker_site):
    """A browser run opens a local site whose title and text carry the payloads and reads it; the run page shows the
    title and text as words, and (the honest twin) its screenshots load as pictures under the page's policy."""
    srv = servers["login"]
    site = f"127.0.0.1:{attacker_site}"
    PLAYS["title"] = [call("browser_goto", url=f"http://{site}/title"), call("browser_read"),
                      call("finish", answer="read it")]
    with _api(srv, "mo") as api:
        started = api.post("/api/runs", json={"text": "[[t:title]] read the news", "environment": "browser",
                                              "network": "loopback", "allow_hosts": [site]})
        assert started.status_code == 201, started.text
        run_id = started.json()["id"]
        for _ in range(6):  # a navigation the policy asks about: the member approves it (their own run)
            wait_for(lambda: bool(api.get(f"/api/runs/{run_id}/approvals").json())
                     or api.get(f"/api/runs/{run_id}").json()["status"] != "running", 90)
            for pending in api.get(f"/api/runs/{run_id}/approvals").json():
                api.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": True})
            if api.get(f"/api/runs/{run_id}").json()["status"] != "running":
                break
    run = _ended(srv, run_id)
    assert run["status"] == "succeeded", run
    page = _logged_in(chromium, srv)
    seen = _watch(page)
    page.goto(f"{srv.url}/runs/{run_id}")
    page.wait_for_selector("#done:not([hidden])", timeout=30_000)
    page.wait_for_selector("#steps li >> nth=1", timeout=30_000)
    text = page.inner_text("#steps")
    assert "prize <img src=x" in text or "<script>window.__pwned" in text, text[:3000]
    assert _pwned(page, seen) == []
    frames = page.locator("#steps img.frame")
    assert frames.count() >= 1, text[:2000]
    assert wait_for(lambda: page.evaluate(  # not wait_for_function: its eval is refused by the page's policy
        "() => [...document.querySelectorAll('#steps img.frame')].every((i) => i.complete)"), 30)
    assert page.evaluate("() => [...document.querySelectorAll('#steps img.frame')].every((i) => i.naturalWidth > 0)")
    srv.browser_run = run_id  # type: ignore[attr-defined]  # its frames, for the stored-file attempt below


THROUGH_ON_MAIN["files:stored-html-artifact-opened"] = True


@needs_bwrap
def test_a_stored_file_of_html_opened_on_its_own_runs_no_script_in_the_apps_origin(servers, chromium):
    """No path writes one today (a frame's type is PNG or JPEG by ``types.Image``), but should a run's artifact ever
    be HTML or SVG, opening its URL must run nothing as the app (whose pages answer approvals): the file is sandboxed.
    The honest twin: a screenshot of the run opened on its own still shows as a picture."""
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Image

    with pytest.raises(ValueError):
        Image(media_type="image/svg+xml", data_b64="")  # type: ignore[arg-type]
    srv = servers["login"]
    run_id = getattr(srv, "browser_run", None) or _start(srv, "plain-file", "nothing", [call("finish", answer="ok")])
    _ended(srv, run_id)
    store = SQLiteStore(srv.home / "runs.db")
    made = {kind: store.add_artifact(run_id, "upload", kind, data=(
        f"<html><body>{SCRIPT}<p>page</p></body></html>" if kind == "text/html" else
        '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=1</script><text y="20">svg</text></svg>'
    ).encode()) for kind in ("text/html", "image/svg+xml")}
    page = _logged_in(chromium, srv)
    seen = _watch(page)
    for kind, artifact in made.items():
        url = f"{srv.url}/api/runs/{run_id}/artifacts/{artifact}"
        with _api(srv, "mo") as api:
            answer = api.get(url)
        shown = answer.headers.get("content-type", "")
        assert ("html" not in shown and "svg" not in shown) or "sandbox" in answer.headers.get(
            "content-security-policy", ""), (kind, dict(answer.headers))
        try:
            page.goto(url)
        except Exception as exc:  # noqa: BLE001 - playwright: "Download is starting" (an attachment): nothing shown
            assert "Download" in str(exc), exc
            page.goto(f"{srv.url}/runs/{run_id}")
        time.sleep(0.3)
        ran = page.evaluate("() => window.__pwned || null")
        assert ran is None, (kind, ran)
    shots = store.artifacts(run_id, "screenshot")
    if shots:
        page.goto(f"{srv.url}/api/runs/{run_id}/artifacts/{shots[0]['id']}")
        assert page.evaluate("() => { const i = document.querySelector('img'); return !!i && i.naturalWidth > 0; }")
    assert [x for x in seen if x.startswith("dialog")] == []


# -- 2. headers: a policy for scripts, no sniffing, no framing (clickjacking the Approve button) --------------------------

THROUGH_ON_MAIN["headers:csp-nosniff-frame"] = True


def test_pages_and_files_carry_a_script_policy_nosniff_and_no_framing(servers):
    """Every answer (pages, the API, static files, a 404) says nosniff and may not be framed; pages carry a CSP whose
    scripts are the app's own (no inline handler, no other site) and which forbids framing."""
    for srv, auth in ((servers["login"], "mo"), (servers["open"], None)):
        with _api(srv, auth) as api:
            for path in ("/runs", "/login", "/static/app.js", "/api/runs", "/api/runs/nope", "/nowhere"):
                answer = api.get(path)
                headers = answer.headers
                assert headers.get("x-content-type-options") == "nosniff", (path, dict(headers))
                assert headers.get("x-frame-options") == "DENY", (path, dict(headers))
                csp = headers.get("content-security-policy", "")
                assert "frame-ancestors 'none'" in csp, (path, csp)
                if path in ("/runs", "/login"):
                    script = re.search(r"script-src ([^;]*)", csp)
                    assert script and "'unsafe-inline'" not in script.group(1) and "*" not in script.group(1), csp
                    assert "object-src 'none'" in csp and "base-uri" in csp, csp


THROUGH_ON_MAIN["clickjack:open"] = True  # the invisible frame's Approve took the person's click: the step ran
THROUGH_ON_MAIN["clickjack:login"] = True


@needs_bwrap
@pytest.mark.parametrize("mode,attacker_host", [("open", "localhost"), ("login", "127.0.0.1")])
def test_another_sites_page_cannot_frame_the_approve_button(servers, chromium, attacker_site, mode, attacker_host):
    """Another site frames the run page (transparent, under its own "claim your prize" button) while the run asks: the
    frame never shows the app, so the person's click cannot approve. ``open``: a no-auth server framed from
    ``localhost:OTHER``; ``login``: a logged-in person's page framed from another port of 127.0.0.1 (same site, so the
    SameSite=Strict cookie goes along)."""
    srv = servers[mode]
    user = "mo" if mode == "login" else None
    run_id = _start(srv, f"frame-{mode}", "run the command", [{"tool_calls": [{"name": "bash", "arguments": {
        "command": 'eval "$CMD"; echo approved-ran'}}]}], user=user)
    _asked(srv, run_id, user)
    page = _logged_in(chromium, srv) if user else chromium.new_page(bypass_csp=False)
    page.goto(f"http://{attacker_host}:{attacker_site}/frame?url={srv.url}/runs/{run_id}")
    time.sleep(0.5)
    frame = page.frame_locator("#victim")
    shown = False
    try:
        frame.locator("#approvals button.approve").wait_for(timeout=8_000)
        shown = True
        frame.locator("#approvals button.approve").click()
    except Exception:  # noqa: BLE001 - playwright's timeout: the frame never drew the button
        pass
    pending = _open_id(srv, run_id, user)
    if pending is not None:  # the frame drew nothing: the person's own answer, Deny, ends the run
        with _api(srv, user) as api:
            api.post(f"/api/runs/{run_id}/approvals/{pending}", json={"approve": False})
    _ended(srv, run_id, user)
    with _api(srv, user) as api:
        steps = api.get(f"/api/runs/{run_id}/steps").json()
    assert steps[0]["verdict"]["decision"] == "deny", ("the click in the frame approved", steps[0]["verdict"])
    assert not shown, "the run page, with its Approve button, was drawn inside another site's frame"


def _open_id(srv: Server, run_id: str, user: str | None) -> int | None:
    with _api(srv, user) as api:
        pending = api.get(f"/api/runs/{run_id}/approvals").json()
    return pending[0]["id"] if pending else None


@needs_bwrap
def test_the_run_page_still_works_under_the_policy(servers, chromium):
    """The honest twin of the headers: a normal run's page fills in live (app.js and the inline start) with no
    refusal by the policy in the console, and its Approve button still answers."""
    srv = servers["open"]
    run_id = _start(srv, "twin-ask", "say hi", [call("bash", command="echo plain-words-here"), {"tool_calls": [
        {"name": "bash", "arguments": {"command": 'eval "$CMD"; echo approved-ran'}}]}], user=None)
    page = chromium.new_page(bypass_csp=False)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{srv.url}/runs/{run_id}")
    page.wait_for_selector("#approvals button.approve", timeout=60_000)
    assert "plain-words-here" in page.inner_text("#steps")
    person_click(page, "#approvals button.approve")
    run = _ended(srv, run_id, None)
    page.wait_for_selector("#done:not([hidden])", timeout=30_000)
    assert run["status"] == "succeeded", run
    assert refused == []


@needs_bwrap
def test_the_login_form_start_form_and_stop_still_work_under_the_policy(servers, chromium):
    """The honest twin, by hand: the login form (a token pasted), the runs page's start form (app.js's fetch) and the
    run page's Stop form, in a page that keeps the policy, with nothing refused."""
    srv = servers["login"]
    page = chromium.new_page(bypass_csp=False)
    seen = _watch(page)
    page.goto(f"{srv.url}/login")
    page.fill("input[name=token]", srv.tokens["mo"])  # type: ignore[attr-defined]
    page.click("form[action='/login'] button")
    page.wait_for_url("**/runs", timeout=30_000)
    PLAYS["twin-start"] = [call("bash", command="sleep 30")] * 3
    page.fill("#start textarea[name=text]", "[[t:twin-start]] wait a while")
    page.click("#start button")
    page.wait_for_url("**/runs/2*", timeout=60_000)
    run_id = page.url.rsplit("/", 1)[1]
    page.wait_for_selector("#stop button", timeout=30_000)
    page.click("#stop button")
    run = _ended(srv, run_id)
    assert run["status"] == "interrupted", run
    assert _pwned(page, seen) == []


# -- 3. files of a run: traversal, absolute paths, a link the agent made to the server's data -------------------------

THROUGH_ON_MAIN["files:traversal-and-links"] = False


@needs_bwrap
def test_no_route_serves_a_file_outside_the_runs_records(servers):
    """The agent makes links in its workspace to ``/root/.ssh``, ``/etc/passwd`` and the server's data dir; no route
    of the app (artifacts, replay, static, pages) serves them, a traversal, or an absolute path."""
    srv = servers["login"]
    run_id = _start(srv, "links", "make links", [
        call("bash", command=f"ln -s /root/.ssh ssh; ln -s /etc/passwd passwd; ln -s {srv.home} data; ls -l"),
        call("finish", answer="linked"),
    ])
    _ended(srv, run_id)
    tries = [f"/api/runs/{run_id}/artifacts/{p}" for p in (
        "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2fetc%2fpasswd", "passwd", "data", "-1", "0",
        "1e3", "1%00")] + [
        f"/api/runs/{run_id}/files/passwd", f"/api/runs/{run_id}/workspace/passwd", f"/runs/{run_id}/files/data",
        "/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/store/sqlite.py", "/static//etc/passwd",
        "/static/%2fetc%2fpasswd", "/static/..%5capp.py", f"/api/runs/..%2f{run_id}", f"/api/runs/{run_id}/replay/../../../etc/passwd"]
    with _api(srv, "mo") as api:
        for path in tries:
            answer = api.get(path)
            body = answer.content
            assert answer.status_code >= 400 or b"root:x:0:0" not in body, (path, answer.status_code)
            assert b"root:x:0:0" not in body and b"SQLite format" not in body and b"def create_app" not in body, path


# -- 4. uploads and API input ---------------------------------------------------------------------------------------------

THROUGH_ON_MAIN["input:voice-json-workspace-network"] = False


def _raw(port: int, head: bytes, body: bytes = b"") -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head + body)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return out


def test_uploads_and_api_input_are_refused_with_words_and_the_server_lives(servers, tmp_path):
    """A voice upload that is not audio, over the limit, declared 100 MB, or a FLAC of an hour of silence in a few
    hundred KB; a JSON body nested 200,000 deep, declared 100 MB; a run with a ``workspace`` at ``/`` or another
    user's folder, ``network: full``, a policy; a viewer's run: each refused (4xx, never 500), and the server answers."""
    srv = servers["login"]
    with _api(srv, "mo") as api:
        not_audio = api.post("/api/speech/transcribe", content=f"<html>{IMG}</html>".encode(),
                             headers={"Content-Type": "audio/wav"})
        assert 400 <= not_audio.status_code < 500, not_audio.text
        assert "text/html" not in not_audio.headers.get("content-type", "")
        big = api.post("/api/speech/transcribe", content=b"RIFF" + b"\0" * (3 << 20), headers={"Content-Type": "audio/wav"})
        assert big.status_code == 413, big.status_code
        if shutil.which("ffmpeg"):
            bomb = tmp_path / "bomb.flac"
            subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                            "anullsrc=r=16000:cl=mono", "-t", "3600", "-c:a", "flac", str(bomb)], check=True, timeout=120)
            assert bomb.stat().st_size < (1 << 20), bomb.stat().st_size
            began = time.monotonic()
            heard = api.post("/api/speech/transcribe", content=bomb.read_bytes(), headers={"Content-Type": "audio/flac"},
                             timeout=120)
            assert heard.status_code in (200, 400, 503), heard.text
            assert time.monotonic() - began < 90
            if heard.status_code == 200:
                assert heard.json()["audio_seconds"] <= 120.5, heard.json()
        deep = api.post("/api/runs", content=b'{"text": "x", "allow_hosts": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
                        headers={"Content-Type": "application/json"})
        assert 400 <= deep.status_code < 500, (deep.status_code, deep.text[:300])
        for extra in ({"workspace": "/"}, {"workspace": str(servers["open"].home)}, {"cwd": "/root"},
                      {"network": "full"}, {"network": "hosts", "allow_hosts": ["example.com:443"]},
                      {"policy": {"rules": []}}, {"model": "scripted:/etc/passwd"}, {"model": "http://127.0.0.1:9/v1"}):
            refused = api.post("/api/runs", json={"text": "[[t:none]] list files", **extra})
            assert refused.status_code in (400, 403, 422), (extra, refused.status_code, refused.text)
    with _api(srv, "vi") as viewer:
        assert viewer.post("/api/runs", json={"text": "[[t:none]] list files"}).status_code == 403
        assert viewer.post("/api/speech/transcribe", content=b"RIFF").status_code == 403
    token = srv.tokens["mo"]  # type: ignore[attr-defined]
    for path, kind in (("/api/runs", b"application/json"), ("/api/speech/transcribe", b"audio/wav")):
        out = _raw(srv.port, b"POST " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                   + token.encode() + b"\r\nContent-Type: " + kind + b"\r\nContent-Length: 104857600\r\n\r\n", b"[" * 4096)
        assert out.startswith(b"HTTP/1.1 413"), out[:200]
    with _api(srv, "mo") as api:
        assert api.get("/api/me").status_code == 200


THROUGH_ON_MAIN["redirect:login-next"] = False


def test_the_login_redirect_stays_on_the_app(servers):
    """``/login?token=…&next=`` with another site in several spellings sends the person to this app only."""
    srv = servers["login"]
    token = srv.tokens["mo"]  # type: ignore[attr-defined]
    for target in ("//evil.example/", "/\\evil.example/", "/\\/evil.example", "https://evil.example/",
                   "/%2F%2Fevil.example", "\\\\evil.example", "/\t/evil.example", "javascript:alert(1)"):
        answer = httpx.get(f"{srv.url}/login", params={"token": token, "next": target}, follow_redirects=False)
        where = answer.headers.get("location", "")
        assert answer.status_code == 303, (target, answer.status_code)
        resolved = httpx.URL(srv.url + "/").join(where)
        assert resolved.host == "127.0.0.1" and resolved.port == srv.port, (target, where)
