"""rt53b: the web app's front door after ux53, tried by an outsider with a member account.

ux53 let ``POST /api/runs`` take ``division`` (its environments, prompt, policy overlay, budgets), a browser run name
local sites (``allow_hosts``; a far host refused), and the run page's Approve/Deny answer once. Each attempt below
tries to get an action carried out that the guard did not approve, or to widen what a run may do. ``THROUGH_ON_MAIN``
records which got through on 03cd7e22 (checked by running this file in a ``git archive`` of 03cd7e22 with this file
beside the conftest).

One real ``macrohard serve`` for the module (its own data dir; a policy whose ``approval_timeout_s`` is short), with
users ``mo`` and ``max`` (members) and ``vi`` (a viewer); the members' model is the server's default, a scripted
OpenAI-compatible server on loopback (``FakeOpenAIServer``) that answers each run by the tag in its task.
"""

from __future__ import annotations

import json
import re
import shutil
import threading

import pytest
from tests.server.conftest import Server, mh, wait_for

from macrohard.testing import FakeOpenAIServer

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap")
THROUGH_ON_MAIN: dict[str, bool] = {}  # attempt -> whether it got through on 03cd7e22
TIMEOUT_S = 6
# a command the guard cannot read (its program is known only when it runs): the default policy asks a person
ASK = {"kind": "bash", "command": 'eval "$CMD"; echo approved-ran'}

# -- the scripted model: each run's replies by the tag in its task ([[t:NAME]]) ------------------------------------------
PLAYS: dict[str, list[dict]] = {}
_lock = threading.Lock()
FINISH = {"tool_calls": [{"name": "finish", "arguments": {"answer": "done"}}]}


def _reply(body: dict) -> dict:
    first = next((m for m in body.get("messages", []) if m.get("role") == "user"), {})
    found = re.search(r"\[\[t:([\w-]+)\]\]", json.dumps(first.get("content")))
    with _lock:
        queue = PLAYS.get(found.group(1), []) if found else []
        return queue.pop(0) if queue else FINISH


def call(name: str, **arguments) -> dict:
    return {"tool_calls": [{"name": name, "arguments": arguments}]}


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    home = tmp_path_factory.mktemp("rt53b") / "mh-home"
    home.mkdir()
    from macrohard.safety.policy import DEFAULT_POLICY_PATH

    policy = DEFAULT_POLICY_PATH.read_text()
    assert "non_interactive: deny" in policy
    (home / "policy.yaml").write_text(policy.replace(
        "non_interactive: deny", f"non_interactive: deny\n  approval_timeout_s: {TIMEOUT_S}", 1))
    with FakeOpenAIServer([_reply] * 10_000) as llm, pytest.MonkeyPatch.context() as mp:
        mp.setenv("MACROHARD_MODEL", llm.url)  # the server's default model: what a member's run gets
        mp.setenv("MACROHARD_HOME", str(home))
        server = Server(home).start()
        try:
            tokens = {}
            for name, role in (("mo", "member"), ("max", "member"), ("vi", "viewer")):
                out = mh("serve", "users", "add", name, "--role", role, home=home)
                assert out.returncode == 0, out.stderr
                tokens[name] = out.stdout.strip().splitlines()[-1]
            server.users = {name: server.api(token) for name, token in tokens.items()}  # type: ignore[attr-defined]
            yield server
        finally:
            server.stop()


def _ended(api, run_id: str, seconds: float = 120.0) -> dict:
    assert wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["status"] != "running", seconds), run_id
    return api.get(f"/api/runs/{run_id}").json()


def _asked(api, run_id: str, seconds: float = 90.0) -> dict:
    assert wait_for(lambda: bool(api.get(f"/api/runs/{run_id}/approvals").json()), seconds), \
        api.get(f"/api/runs/{run_id}").json()
    return api.get(f"/api/runs/{run_id}/approvals").json()[0]


def _every_run(srv) -> list[dict]:
    return srv.api().get("/api/runs", params={"limit": 1000}).json()


# -- 1. a division's overlay and budgets, loosened by the request's spelling --------------------------------------------

LOOSENING: dict[str, dict] = {
    "division-and-policy": {"division": "imagine", "policy": {"rules": []}},
    "division-and-policy-loosen": {"division": "imagine", "policy": {"loosen": True, "rules": []}},
    "division-and-loosen": {"division": "imagine", "loosen": True},
    "division-and-budget": {"division": "imagine", "budget": {"max_steps": 500, "max_seconds": 86400}},
    "division-and-max-seconds": {"division": "imagine", "max_seconds": 86400},
    "division-and-network-full": {"division": "imagine", "network": "full"},
    "division-and-network-hosts": {"division": "imagine", "network": "hosts", "allow_hosts": ["example.com"]},
    "division-and-network-FULL": {"division": "imagine", "network": "FULL"},
    "division-and-guard": {"division": "imagine", "guard": "none"},
    "division-and-non-interactive": {"division": "imagine", "non_interactive": "allow"},
    "division-and-approval-timeout": {"division": "imagine", "approval_timeout_s": 0.001},
    "Division-key": {"Division": "imagine"},
    "division-object": {"division": {"name": "imagine", "policy": {"rules": []}}},
    "division-list": {"division": ["imagine", "operator"]},
    "division-capitalised": {"division": "Imagine"},
    "division-upper": {"division": "OPERATOR"},
    "division-fullwidth": {"division": "\uff49magine"},
    "division-cyrillic-o": {"division": "\u043eperator"},
    "division-dotdot": {"division": "../imagine"},
    "division-through-dotdot": {"division": "imagine/../operator"},
    "division-absolute-path": {"division": "/etc/passwd"},
    "division-file-name": {"division": "imagine.yaml"},
    "division-spaced": {"division": " imagine "},
    "division-newline": {"division": "imagine\n"},
    "division-nul": {"division": "imagine\x00"},
    "division-empty": {"division": ""},
    "division-two": {"division": "chat;operator"},
    "division-environment-it-may-not-use": {"division": "coding", "environment": "browser"},
    "division-environment-desktop-for-imagine": {"division": "imagine", "environment": "desktop"},
    "division-environment-none": {"division": "operator", "environment": "none"},
    "division-model-file": {"division": "imagine", "model": "scripted:/etc/passwd"},
    "division-model-url": {"division": "imagine", "model": "http://127.0.0.1:9/v1"},
}
for _name in LOOSENING:
    THROUGH_ON_MAIN[f"division:{_name}"] = False


def test_a_request_cannot_loosen_a_divisions_policy_or_budgets(srv):
    """Every spelling is refused (400/403/422) and nothing starts: the request names a division; it never carries a
    policy, a guard, a budget beyond ``max_steps`` (a member's plain run may have as many), or a look-alike name."""
    mo = srv.users["mo"]
    before = len(_every_run(srv))
    for name, extra in LOOSENING.items():
        answer = mo.post("/api/runs", json={"text": f"[[t:loosen-{name}]] make a picture", **extra})
        assert answer.status_code in (400, 403, 422), (name, answer.status_code, answer.text)
    assert len(_every_run(srv)) == before


# -- 2. allow_hosts that reach past loopback, or a loopback port the member should not reach ---------------------------

FAR_HOSTS = {
    "nip-io": "127.0.0.1.nip.io:80",
    "localhost-dot": "localhost.:80",
    "localhost-subdomain": "a.localhost:80",
    "any-address": "0.0.0.0:80",
    "any-address-v6": "[::]:80",
    "decimal-ip": "2130706433:80",
    "octal-ip": "0177.0.0.1:80",
    "hex-ip": "0x7f.0.0.1:80",
    "short-ip": "127.1:80",
    "userinfo": "127.0.0.1@example.com:80",
    "userinfo-before": "user@127.0.0.1:80",
    "port-range": "127.0.0.1:80-90",
    "port-star": "127.0.0.1:*",
    "host-star": "*:80",
    "wildcard-host": "*.example.com:443",
    "no-port": "127.0.0.1",
    "rule-loopback": "loopback",
    "bare-host": "example.com",
    "url": "http://example.com:80/",
    "two-in-one": "example.com:80,127.0.0.1:80",
    "space-then-host": "127.0.0.1:80 example.com",
    "newline": "127.0.0.1:80\nexample.com",
    "metadata": "169.254.169.254:80",
    "private": "10.0.0.1:80",
    "link-local-v6": "[fe80::1]:80",
}
for _name in FAR_HOSTS:
    THROUGH_ON_MAIN[f"allow_hosts:{_name}"] = False


def test_allow_hosts_that_reach_outside_loopback_are_refused(srv):
    mo = srv.users["mo"]
    before = len(_every_run(srv))
    for name, host in FAR_HOSTS.items():
        for extra in ({}, {"division": "operator"}):
            answer = mo.post("/api/runs", json={"text": f"[[t:far-{name}]] open it", "environment": "browser",
                                                "allow_hosts": ["127.0.0.1:8000", host], **extra})
            assert answer.status_code in (400, 422), (name, extra, answer.status_code, answer.text)
    assert len(_every_run(srv)) == before


THROUGH_ON_MAIN["allow_hosts:the-servers-own-port"] = False


@needs_bwrap
def test_a_browser_run_naming_the_servers_own_port_never_reaches_it(srv, chromium):
    """The member names the web app's own port as a local site (and runs in ``loopback``), and its browser opens the
    login link with the member's own token: had it reached the app, the page would be the member's, whose Approve
    buttons answer the run's own questions. The proxy never forwards to a port where ``macrohard serve`` listens."""
    token = srv.users["mo"].headers["Authorization"].split()[1]
    port = srv.port
    PLAYS["own-port"] = [call("browser_goto", url=f"http://127.0.0.1:{port}/login?token={token}"),
                         call("browser_goto", url=f"http://localhost:{port}/api/me"),
                         call("browser_read"), FINISH]
    mo = srv.users["mo"]
    started = mo.post("/api/runs", json={"text": "[[t:own-port]] log in", "environment": "browser",
                                         "network": "loopback",
                                         "allow_hosts": [f"127.0.0.1:{port}", f"localhost:{port}"]})
    if started.status_code == 400:  # refused at the door: as good
        assert str(port) in started.json()["detail"], started.text
        return
    assert started.status_code == 201, started.text
    run_id = started.json()["id"]
    for _ in range(6):  # a navigation the policy asks about: the member approves it (their own run)
        wait_for(lambda: bool(mo.get(f"/api/runs/{run_id}/approvals").json())
                 or mo.get(f"/api/runs/{run_id}").json()["status"] != "running", 60)
        for p in mo.get(f"/api/runs/{run_id}/approvals").json():
            mo.post(f"/api/runs/{run_id}/approvals/{p['id']}", json={"approve": True})
        if mo.get(f"/api/runs/{run_id}").json()["status"] != "running":
            break
    _ended(mo, run_id)
    steps = mo.get(f"/api/runs/{run_id}/steps").json()
    seen = json.dumps([s.get("observation") for s in steps])
    assert len(steps) >= 3, steps
    assert "macrohard's own web app" in seen or "Blocked by the network policy" in seen, seen[:3000]
    assert '"name"' not in seen and "csrf" not in seen.lower() and "Runs" not in seen, seen[:3000]


# -- 3. approvals: another's, twice, after the timeout, by a viewer ------------------------------------------------------

for _name in ("another-members-run", "own-run-with-anothers-question", "viewer", "twice-deny-then-approve",
              "twice-at-once", "after-stop", "after-timeout"):
    THROUGH_ON_MAIN[f"approval:{_name}"] = False


@needs_bwrap
def test_an_approval_is_answered_once_by_the_runs_own_member_only(srv):
    mo, maxi, vi = srv.users["mo"], srv.users["max"], srv.users["vi"]
    PLAYS["ask-once"] = [call("bash", command=ASK["command"]), FINISH]
    PLAYS["max-own"] = [call("bash", command="sleep 20"), FINISH]
    run = mo.post("/api/runs", json={"text": "[[t:ask-once]] do it"})
    assert run.status_code == 201, run.text
    run_id = run.json()["id"]
    own = maxi.post("/api/runs", json={"text": "[[t:max-own]] wait"}).json()["id"]
    pending = _asked(mo, run_id)

    # another member, through mo's run (not theirs to see) and through their own run with mo's question
    assert maxi.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    assert maxi.post(f"/api/runs/{own}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    # a viewer sees it and may not answer it
    assert vi.get(f"/api/runs/{run_id}/approvals").json()[0]["id"] == pending["id"]
    assert vi.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": True}).status_code == 403
    assert mo.get(f"/api/runs/{run_id}/approvals").json()[0]["id"] == pending["id"]  # still open

    # deny, then approve: the second is refused and the action stays denied
    assert mo.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": False}).status_code == 204
    assert mo.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    done = _ended(mo, run_id)
    step = mo.get(f"/api/runs/{run_id}/steps").json()[0]
    assert step["verdict"]["decision"] == "deny", step["verdict"]
    assert "approved-ran" not in json.dumps(step["observation"]), step
    assert done["status"] in ("succeeded", "failed"), done
    srv.api().post(f"/api/runs/{own}/stop")


@needs_bwrap
def test_two_answers_at_once_and_an_answer_after_stop_are_one_answer(srv):
    mo = srv.users["mo"]
    PLAYS["ask-race"] = [call("bash", command=ASK["command"]), FINISH]
    run_id = mo.post("/api/runs", json={"text": "[[t:ask-race]] do it"}).json()["id"]
    pending = _asked(mo, run_id)
    codes: list[tuple[bool, int]] = []
    barrier = threading.Barrier(6)

    def answer(approve: bool) -> None:
        barrier.wait()
        codes.append((approve, mo.post(f"/api/runs/{run_id}/approvals/{pending['id']}",
                                       json={"approve": approve}).status_code))

    threads = [threading.Thread(target=answer, args=(i % 2 == 0,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(c for _, c in codes) == [204, 404, 404, 404, 404, 404], codes
    won = next(a for a, c in codes if c == 204)
    _ended(mo, run_id)
    step = mo.get(f"/api/runs/{run_id}/steps").json()[0]
    assert step["verdict"]["decision"] == ("allow" if won else "deny"), (codes, step["verdict"])
    assert ("approved-ran" in json.dumps(step["observation"])) is won

    # stopped while it asks: the question is denied, and an answer afterwards is refused
    PLAYS["ask-stop"] = [call("bash", command=ASK["command"]), FINISH]
    run_id = mo.post("/api/runs", json={"text": "[[t:ask-stop]] do it"}).json()["id"]
    pending = _asked(mo, run_id)
    assert mo.post(f"/api/runs/{run_id}/stop").status_code == 202
    assert mo.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    done = _ended(mo, run_id)
    assert done["status"] == "interrupted", done
    steps = mo.get(f"/api/runs/{run_id}/steps").json()
    assert all("approved-ran" not in json.dumps(s.get("observation")) for s in steps), steps


@needs_bwrap
def test_an_answer_after_the_question_timed_out_is_refused(srv):
    mo = srv.users["mo"]
    PLAYS["ask-late"] = [call("bash", command=ASK["command"]), FINISH]
    run_id = mo.post("/api/runs", json={"text": "[[t:ask-late]] do it"}).json()["id"]
    pending = _asked(mo, run_id)
    assert wait_for(lambda: not mo.get(f"/api/runs/{run_id}/approvals").json(), TIMEOUT_S + 30)
    late = mo.post(f"/api/runs/{run_id}/approvals/{pending['id']}", json={"approve": True})
    assert late.status_code == 404, late.text
    _ended(mo, run_id)
    step = mo.get(f"/api/runs/{run_id}/steps").json()[0]
    assert step["verdict"]["decision"] == "deny", step["verdict"]
    assert "approved-ran" not in json.dumps(step["observation"])


# -- 4. a delegated (chat) run: its sub-run's question, environment, policy and budgets --------------------------------

for _name in ("sub-question-through-the-sub-run", "sub-question-by-another-member", "sub-question-by-a-viewer",
              "sub-run-looser-network", "sub-run-more-steps", "sub-run-without-the-parents-overlay"):
    THROUGH_ON_MAIN[f"delegation:{_name}"] = False


@needs_bwrap
def test_a_sub_runs_question_is_the_parents_and_no_looser(srv):
    """A member's chat-division run delegates to operator, whose step asks: the question is answered on the top
    run's page (or, since ux54, the sub-run's own) by its member only (not by another member or a viewer); the sub-run has
    the parent's network and hosts, no more steps than the parent has left, and still the parent's guard."""
    mo, maxi, vi = srv.users["mo"], srv.users["max"], srv.users["vi"]
    PLAYS["deleg"] = [call("delegate", division="operator", task="[[t:deleg-sub]] run the tool"),
                      call("finish", answer="asked")]
    PLAYS["deleg-sub"] = [call("bash", command=ASK["command"]), FINISH]
    parent = mo.post("/api/runs", json={"text": "[[t:deleg]] have operator run it", "division": "chat",
                                        "max_steps": 6})
    assert parent.status_code == 201, parent.text
    parent_id = parent.json()["id"]
    first = _asked(mo, parent_id)
    if first["action"]["kind"] == "delegate":  # a policy may ask about the delegation itself
        assert mo.post(f"/api/runs/{parent_id}/approvals/{first['id']}", json={"approve": True}).status_code == 204
        assert wait_for(lambda: any(p["action"]["kind"] == "bash"
                                    for p in mo.get(f"/api/runs/{parent_id}/approvals").json()), 90)
    pending = next(p for p in mo.get(f"/api/runs/{parent_id}/approvals").json() if p["action"]["kind"] == "bash")
    child = next(r for r in _every_run(srv) if r.get("parent_id") == parent_id)

    # Through the sub-run's own id the question is asked too since ux54 (its owner answers it there, once:
    # test_front_door54), under the same rules as the top run's page: not by another member, not by a viewer.
    assert maxi.post(f"/api/runs/{child['id']}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    assert vi.post(f"/api/runs/{child['id']}/approvals/{pending['id']}", json={"approve": True}).status_code == 403
    assert maxi.post(f"/api/runs/{parent_id}/approvals/{pending['id']}", json={"approve": True}).status_code == 404
    assert vi.post(f"/api/runs/{parent_id}/approvals/{pending['id']}", json={"approve": True}).status_code == 403
    assert mo.post(f"/api/runs/{parent_id}/approvals/{pending['id']}", json={"approve": False}).status_code == 204
    _ended(mo, parent_id)
    child = srv.api().get(f"/api/runs/{child['id']}").json()
    ptask = srv.api().get(f"/api/runs/{parent_id}").json()["task"]
    assert child["task"]["network"] == ptask["network"] == "none", (child["task"], ptask)
    assert child["task"]["allow_hosts"] == ptask["allow_hosts"] == [], child["task"]
    assert child["task"]["budget"]["max_steps"] <= ptask["budget"]["max_steps"] - 1, child["task"]["budget"]
    steps = srv.api().get(f"/api/runs/{child['id']}/steps").json()
    assert steps[0]["verdict"]["decision"] == "deny", steps[0]["verdict"]
    assert "approved-ran" not in json.dumps(steps[0]["observation"]), steps[0]


@needs_bwrap
def test_a_sub_run_keeps_its_divisions_overlay_under_a_chat_parent(srv):
    """chat delegates to imagine (which works offline): its sub-run's network command is still refused by imagine's
    own rule, not reviewed under the chat parent's looser guard."""
    mo = srv.users["mo"]
    PLAYS["deleg2"] = [call("delegate", division="imagine", task="[[t:deleg2-sub]] fetch a picture"),
                       call("finish", answer="asked")]
    PLAYS["deleg2-sub"] = [call("bash", command="curl -sI https://example.com"), FINISH]
    parent_id = mo.post("/api/runs", json={"text": "[[t:deleg2]] have imagine fetch it", "division": "chat"}).json()["id"]
    for _ in range(3):  # a policy may ask about the delegation: approved, as its member would
        wait_for(lambda: bool(mo.get(f"/api/runs/{parent_id}/approvals").json())
                 or mo.get(f"/api/runs/{parent_id}").json()["status"] != "running", 60)
        for p in mo.get(f"/api/runs/{parent_id}/approvals").json():
            if p["action"]["kind"] == "delegate":
                mo.post(f"/api/runs/{parent_id}/approvals/{p['id']}", json={"approve": True})
    _ended(mo, parent_id)
    child = next(r for r in _every_run(srv) if r.get("parent_id") == parent_id)
    step = srv.api().get(f"/api/runs/{child['id']}/steps").json()[0]
    assert step["verdict"]["decision"] == "deny" and "imagine-no-network" in step["verdict"]["check"], step["verdict"]


def test_the_record_is_whole():
    """Every attempt is recorded: none got through on 03cd7e22 (the file run in a `git archive` of it)."""
    assert len(THROUGH_ON_MAIN) == len(LOOSENING) + len(FAR_HOSTS) + 1 + 7 + 6 + 1 == 72
    assert sum(THROUGH_ON_MAIN.values()) == 1


# -- 5. an answer that lands as the question times out ------------------------------------------------------------------

THROUGH_ON_MAIN["approval:taken-at-the-deadline-but-not-used"] = True


def test_an_answer_taken_at_the_deadline_is_the_one_the_run_uses(tmp_path):
    """The server said 204 to an answer that came as the wait ran out, and the run went on with the policy's fallback:
    with ``non_interactive: allow`` a person's Deny, taken, was overridden and the command ran (on 03cd7e22 the
    waiting thread decided before it took the lock that closes the question). The lock held here is the real one of a
    real ``LiveRuns``: the run's thread and the answer meet at it just after the deadline, as two requests may."""
    import time

    from macrohard.errors import NotFound
    from macrohard.server.auth import User
    from macrohard.server.bus import EventBus
    from macrohard.server.live import LiveRuns
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import BashAction, Decision, Verdict

    live = LiveRuns(SQLiteStore(tmp_path / "runs.db"), EventBus(), workers=1)
    verdict = Verdict(decision=Decision.ask, check="policy:dynamic", reason="known only when it runs")
    mixed = []
    for _ in range(12):
        box: dict = {}
        asker = threading.Thread(target=lambda box=box: box.update(
            used=live._ask("r1", BashAction(command='eval "$CMD"'), verdict, 0.2, True)))
        asker.start()
        assert wait_for(lambda: bool(live.open_approvals("r1")), 5)
        question = live.open_approvals("r1")[0]["id"]

        def deny(box: dict = box, question: str = question) -> None:
            try:
                live.answer(question, "r1", User("mo", "member"), False)
                box["taken"] = True
            except NotFound:
                box["taken"] = False

        with live._lock:  # the deadline passes while another request holds the lock (a page reading approvals)
            answerer = threading.Thread(target=deny)  # the person's Deny, sent just before the deadline
            answerer.start()
            time.sleep(0.4)
        asker.join(5)
        answerer.join(5)
        if box["taken"] and bool(box["used"]):
            mixed.append(box)
    assert not mixed, f"{len(mixed)} of 12 denials were taken (204) and the fallback's allow was used"
