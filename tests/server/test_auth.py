"""Bad input at the web app's door: no or wrong token (401, no data), another user's run (404),
a body over the limit (413 naming it), a cookie session without its CSRF token (403), and a
non-loopback address without auth (refused)."""

from __future__ import annotations

import httpx
from tests.server.conftest import ASK, free_port, mh, script, wait_for


def test_no_or_wrong_token_is_401_and_no_data(server):
    model = script(server.home, [{"kind": "bash", "command": "echo secret-output-7731"}])
    run = server.api().post("/api/runs", json={"text": "private task 5521", "model": model}).json()
    assert wait_for(lambda: server.api().get(f"/api/runs/{run['id']}").json()["status"] != "running")
    for token in (None, "", "wrong-token"):
        api = server.api(token) if token is not None else server.api("")
        for path in ("/api/runs", f"/api/runs/{run['id']}", f"/api/runs/{run['id']}/steps",
                     f"/api/runs/{run['id']}/events", f"/api/runs/{run['id']}/audit", "/api/evals"):
            response = api.get(path)
            assert response.status_code == 401, (token, path, response.status_code)
            assert run["id"] not in response.text and "secret-output" not in response.text
        page = api.get("/runs")
        assert page.status_code == 401 and run["id"] not in page.text and "private task" not in page.text
        assert api.post("/api/runs", json={"text": "x"}).status_code == 401
    bad_login = httpx.get(f"{server.url}/login", params={"token": "nope"})
    assert bad_login.status_code == 401 and "not valid" in bad_login.text and "macrohard_session" not in bad_login.headers.get("set-cookie", "")


def test_another_users_run_is_404_and_not_listed(server):
    tokens = {}
    for name in ("mia", "max"):
        out = mh("serve", "users", "add", name, "--role", "member", home=server.home)
        assert out.returncode == 0, out.stderr
        tokens[name] = out.stdout.strip().splitlines()[-1]
    owners = script(server.home, [{"kind": "bash", "command": "echo hi"}])
    run = server.api().post("/api/runs", json={"text": "owner's task", "model": owners}).json()
    mia = server.api(tokens["mia"])
    for path in (f"/api/runs/{run['id']}", f"/api/runs/{run['id']}/steps", f"/api/runs/{run['id']}/events",
                 f"/api/runs/{run['id']}/audit", f"/runs/{run['id']}", f"/api/runs/{run['id'][-6:]}"):
        assert mia.get(path).status_code == 404, path
    assert mia.get("/api/runs").json() == []
    # a member may not point the server at a file of its own choosing (a scripted model reads one)
    assert mia.post("/api/runs", json={"text": "x", "model": owners}).status_code == 403
    # nor answer another user's approval: the run is not there for them
    asking = server.api().post("/api/runs", json={"text": "ask", "model": script(server.home, [ASK], "ask.json")}).json()
    assert wait_for(lambda: server.api().get(f"/api/runs/{asking['id']}/approvals").json())
    pending = server.api().get(f"/api/runs/{asking['id']}/approvals").json()[0]
    assert mia.post(f"/api/runs/{asking['id']}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    assert server.api().post(f"/api/runs/{asking['id']}/approvals/{pending['id']}", json={"approve": False}).status_code == 204


def test_a_body_over_the_limit_is_413_naming_it(server):
    big = {"text": "x" * (1 << 20)}
    response = server.api().post("/api/runs", json=big)
    assert response.status_code == 413 and str(1 << 20) in response.json()["detail"]

    def chunks():  # no Content-Length: the limit holds for a streamed body too
        for _ in range(40):
            yield b"y" * 65536

    streamed = server.api().post("/api/runs", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and str(1 << 20) in streamed.text
    assert server.api().get("/api/runs").status_code == 200  # the server keeps serving


def test_a_cookie_session_needs_its_csrf_token(server):
    with httpx.Client(base_url=server.url, timeout=30) as browser:
        login = browser.get("/login", params={"token": server.token})
        assert login.status_code == 303 and browser.cookies.get("macrohard_session")
        assert browser.get("/api/runs").status_code == 200
        forged = browser.post("/api/runs", json={"text": "x", "model": script(server.home, [])})
        assert forged.status_code == 403 and "CSRF" in forged.text
        csrf = browser.get("/api/me").json()["csrf"]
        ok = browser.post("/api/runs", json={"text": "x", "model": script(server.home, [])},
                          headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 201


def test_non_loopback_without_auth_is_refused(_home):
    _home.mkdir(parents=True, exist_ok=True)
    out = mh("serve", "--host", "0.0.0.0", "--port", str(free_port()), "--no-auth", home=_home)
    assert out.returncode != 0 and "without auth" in (out.stdout + out.stderr)


def test_a_member_sees_the_runs_its_conversations_delegated_and_no_others(store):
    from macrohard.server.app import may_see
    from macrohard.server.auth import User
    from macrohard.store.conversations import ConversationRecord, ConversationStore
    from macrohard.types import Run, Task

    mine = ConversationStore(store).create(ConversationRecord(owner="mo"))
    run = Run(task=Task(text="delegated"), meta={"conversation_id": mine.id})
    store.create_run(run)
    assert may_see(store, User("mo", "member"), run)
    assert not may_see(store, User("max", "member"), run)
    assert may_see(store, User("vera", "viewer"), run) and may_see(store, User("owner", "owner"), run)
    assert not may_see(store, User("mo", "member"), Run(task=Task(text="the CLI's")))
