"""rt61b: a web-app approval answered for another run or step, or replayed — red-teamed by an outsider.

Two runs of one server wait on a question each (the conftest's ``ASK``: a command the guard cannot read, asked). The
attempts answer one run's question on the other run's address, answer one twice (a replay of the POST after the run
went on to its next question), and answer a question that has timed out and been replaced. Each answer must reach
only the question it names, on its own run, once. Held on f355f7c3 and now (the approval id is random per question,
bound to its run, and closed when answered)."""

from __future__ import annotations

from pathlib import Path

from tests.server.conftest import ASK, script, wait_for


def _pending(api, run_id: str) -> list[dict]:
    return api.get(f"/api/runs/{run_id}/approvals").json()


def test_an_answer_reaches_only_its_own_question_once(server):
    api = server.api()
    twice = {"kind": "bash", "command": 'eval "$CMD"; echo second-ran > second.txt'}
    model_a = script(server.home, [ASK, twice, {"kind": "finish", "answer": "a"}], name="a.json")
    model_b = script(server.home, [ASK, {"kind": "finish", "answer": "b"}], name="b.json")
    run_a = api.post("/api/runs", json={"text": "try eval", "model": model_a}).json()
    run_b = api.post("/api/runs", json={"text": "try eval", "model": model_b}).json()
    assert wait_for(lambda: _pending(api, run_a["id"]) and _pending(api, run_b["id"]))
    qa, qb = _pending(api, run_a["id"])[0], _pending(api, run_b["id"])[0]
    assert qa["id"] != qb["id"]

    # A's question answered on B's address, and B's on A's: neither is taken, both runs still wait
    for run, question in ((run_b, qa), (run_a, qb)):
        wrong = api.post(f"/api/runs/{run['id']}/approvals/{question['id']}", json={"approve": True})
        assert wrong.status_code == 404, wrong.text
    assert _pending(api, run_a["id"])[0]["id"] == qa["id"] and _pending(api, run_b["id"])[0]["id"] == qb["id"]
    # a made-up id, and an id's prefix
    for made in ("0" * 16, qa["id"][:8]):
        assert api.post(f"/api/runs/{run_a['id']}/approvals/{made}", json={"approve": True}).status_code == 404

    # A's first question approved; the run goes on to its second question; the same POST replayed is not taken for it
    assert api.post(f"/api/runs/{run_a['id']}/approvals/{qa['id']}", json={"approve": True}).status_code == 204
    assert wait_for(lambda: [q for q in _pending(api, run_a["id"]) if q["id"] != qa["id"]])
    second = _pending(api, run_a["id"])[0]
    replay = api.post(f"/api/runs/{run_a['id']}/approvals/{qa['id']}", json={"approve": True})
    assert replay.status_code == 404, replay.text
    assert _pending(api, run_a["id"])[0]["id"] == second["id"]  # still asked
    work = Path(server.home) / "workspaces"
    assert not (work / run_a["id"] / "second.txt").exists()

    # B denied; both ends as answered
    assert api.post(f"/api/runs/{run_b['id']}/approvals/{qb['id']}", json={"approve": False}).status_code == 204
    assert api.post(f"/api/runs/{run_a['id']}/approvals/{second['id']}", json={"approve": False}).status_code == 204
    assert wait_for(lambda: all(api.get(f"/api/runs/{r['id']}").json()["status"] != "running" for r in (run_a, run_b)))
    assert not (work / run_b["id"] / "approved.txt").exists()
    assert not (work / run_a["id"] / "second.txt").exists()
