"""A run in a division from the web's runs page (helper ux53), by the rule `macrohard run --division` follows: the
division's prompt, its environments (the first by default; one it may not use is refused), its policy overlay on the
server's guard, its budgets and its delegations; shown on the run's page and in the runs list.

Before: `StartRun` had no `division` (422, "extra inputs are not permitted"), and the page offered environments only:
the divisions were reached on the web only through the chat page's delegations. A real `macrohard serve`, a scripted
OpenAI-compatible model on loopback (`macrohard.testing.FakeOpenAIServer`), a real Chromium for the form."""

from __future__ import annotations

from tests.server.conftest import wait_for

from macrohard.testing import FakeOpenAIServer


def _finished(api, run_id: str, seconds: float = 90.0) -> dict:
    assert wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["status"] != "running", seconds)
    return api.get(f"/api/runs/{run_id}").json()


def _system_prompt(body: dict) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "system")


def test_a_division_run_started_from_the_runs_page_has_its_prompt_policy_and_budgets(server, chromium):
    reach = {"tool_calls": [{"name": "bash", "arguments": {"command": "curl -sI https://example.com"}}]}
    done = {"tool_calls": [{"name": "finish", "arguments": {"answer": "offline, as told", "success": False}}]}
    with FakeOpenAIServer([reach, done]) as llm:
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server.url}/login?token={server.token}")
        options = page.eval_on_selector_all("#start select[name=division] option", "os => os.map(o => o.value)")
        assert {"chat", "coding", "imagine", "operator"} <= set(options), options
        # a division's own environments are offered, its first chosen; chat operates nothing itself
        page.select_option("#start select[name=division]", "chat")
        assert page.locator("#start select[name=environment]").is_disabled()
        assert "delegat" in page.inner_text("#division-note")
        page.select_option("#start select[name=division]", "imagine")
        envs = page.eval_on_selector_all("#start select[name=environment] option", "os => os.map(o => o.value)")
        assert envs == ["shell"], envs
        page.fill("#start textarea[name=text]", "look at example.com's headers")
        page.fill("#start input[name=model]", llm.url)
        page.click("#start button")
        page.wait_for_url("**/runs/2*", timeout=60_000)
        run_id = page.url.rsplit("/", 1)[1]
        assert "imagine division" in page.inner_text("p.meta")
        run = _finished(server.api(), run_id)

        # its prompt, its budgets, its policy overlay: the division's, not the plain agent's
        assert run["meta"]["division"] == "imagine" and run["task"]["environment"] == "shell", run
        assert run["task"]["budget"]["max_steps"] == 25, run["task"]["budget"]  # imagine.yaml's, not the form's 30
        assert "imagine division" in _system_prompt(llm.requests[0])
        steps = server.api().get(f"/api/runs/{run_id}/steps").json()
        assert steps[0]["verdict"]["decision"] == "deny", steps[0]["verdict"]
        assert "imagine-no-network" in steps[0]["verdict"]["check"], steps[0]["verdict"]
        assert "works offline" in steps[0]["verdict"]["reason"]

    # the runs list says which division
    listing = server.api().get("/runs").text
    assert 'class="division"' in listing and ">imagine</span>" in listing
    page.goto(f"{server.url}/runs")
    assert "imagine" in page.inner_text(f"tr:has(a[href='/runs/{run_id}']) td.task")


def test_the_web_refuses_what_the_cli_refuses_and_a_chat_division_run_delegates(server):
    api = server.api()
    # an environment the division may not use, and an unknown division: refused in words, as the CLI does
    bad = api.post("/api/runs", json={"text": "browse", "division": "coding", "environment": "browser"})
    assert bad.status_code == 400, bad.text
    assert "coding division may use shell" in bad.json()["detail"]
    unknown = api.post("/api/runs", json={"text": "sell", "division": "sales"})
    assert unknown.status_code == 400 and "unknown division 'sales'" in unknown.json()["detail"], unknown.text
    assert api.get("/api/runs").json() == []  # nothing was started

    # the chat division from the runs page: no environment of its own, it hands the work to operator
    replies = [
        {"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "echo from-operator"}}]},
        {"tool_calls": [{"name": "bash", "arguments": {"command": "echo from-operator"}}]},
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "said it"}}]},
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "the operator said it"}}]},
    ]
    with FakeOpenAIServer(replies) as llm:
        started = api.post("/api/runs", json={"text": "have someone say from-operator", "division": "chat",
                                              "model": llm.url})
        assert started.status_code == 201, started.text
        parent = started.json()
        assert parent["meta"]["division"] == "chat" and parent["task"]["environment"] == "none", parent
        for _ in range(3):  # a policy may ask about the delegation: the owner approves from the web
            if pending := api.get(f"/api/runs/{parent['id']}/approvals").json():
                api.post(f"/api/runs/{parent['id']}/approvals/{pending[0]['id']}", json={"approve": True})
            if api.get(f"/api/runs/{parent['id']}").json()["status"] != "running":
                break
            wait_for(lambda: api.get(f"/api/runs/{parent['id']}").json()["status"] != "running", 30)
        done = _finished(api, parent["id"])
        assert done["status"] == "succeeded" and done["answer"] == "the operator said it", done
        assert "chat assistant" in _system_prompt(llm.requests[0])
        assert "operator" in _system_prompt(llm.requests[1])
    child = next(r for r in api.get("/api/runs").json() if r.get("parent_id") == parent["id"])
    assert child["meta"]["division"] == "operator" and child["status"] == "succeeded", child
    steps = api.get(f"/api/runs/{child['id']}/steps").json()
    assert "from-operator" in steps[0]["observation"]["output"]
    page = api.get(f"/runs/{child['id']}").text
    assert "operator division" in page and f'href="/runs/{parent["id"]}"' in page  # who delegated it


def test_a_browser_run_names_its_local_site_on_the_form_and_a_far_host_is_refused_in_words(server, chromium):
    """Before: the form offered `browser` with no way to name a site (a browser run started there could open nothing),
    and the API took a host on the internet in `allow_hosts` and dropped it without a word (the web's networks,
    `none` and `loopback`, reach only local sites): the run started, and its browser reached nothing."""
    far = server.api().post("/api/runs", json={"text": "read example.org", "environment": "browser",
                                               "allow_hosts": ["example.org"]})
    assert far.status_code == 400, far.text
    assert "--allow-host example.org" in far.json()["detail"] and "local sites" in far.json()["detail"]
    assert server.api().get("/api/runs").json() == []

    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}/login?token={server.token}")
    assert page.locator("#start input[name=allow_hosts]").is_hidden()  # a shell run has nothing to name
    page.select_option("#start select[name=environment]", "browser")
    assert page.locator("#start input[name=allow_hosts]").is_visible()
    sent = []
    page.route("**/api/runs", lambda route: (sent.append(route.request.post_data_json), route.abort()))
    page.fill("#start textarea[name=text]", "send the form")
    page.fill("#start input[name=allow_hosts]", "http://127.0.0.1:8123/form")  # a pasted URL: its host and port
    page.click("#start button")
    page.wait_for_function("document.getElementById('start-error').textContent.length > 0", timeout=10_000)
    assert sent and sent[0]["environment"] == "browser" and sent[0]["allow_hosts"] == ["127.0.0.1:8123"], sent


def test_a_delegating_runs_page_says_which_run_works_and_links_it(server, chromium):
    """Before: while a delegated run worked, its parent's page said only "working on step 1 · 40 s (the model chooses
    an action …)", and the delegate step, once ended, named the sub-run in plain text (the terminal prints a line for
    each of its steps)."""
    import time

    def slow_finish(_body: dict) -> dict:
        time.sleep(6)  # the sub-run's last model call: the parent's page is looked at meanwhile
        return {"tool_calls": [{"name": "finish", "arguments": {"answer": "said it"}}]}

    replies = [
        {"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "echo from-operator"}}]},
        {"tool_calls": [{"name": "bash", "arguments": {"command": "echo from-operator"}}]},
        slow_finish,
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "the operator said it"}}]},
    ]
    with FakeOpenAIServer(replies) as llm:
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server.url}/login?token={server.token}")
        parent = server.api().post("/api/runs", json={"text": "have someone say from-operator", "division": "chat",
                                                      "model": llm.url}).json()
        page.goto(f"{server.url}/runs/{parent['id']}")
        page.wait_for_function("document.getElementById('waiting').textContent.includes('operator division works')",
                               timeout=60_000)
        said = page.inner_text("#waiting")
        page.wait_for_selector("#done:not([hidden])", timeout=60_000)
    child = next(r for r in server.api().get("/api/runs").json() if r.get("parent_id") == parent["id"])
    assert f"in run {child['id']}" in said and "its step 1 ended: bash" in said, said
    assert page.get_attribute("#step-1 .sub-run a", "href") == f"/runs/{child['id']}"


def test_the_runs_list_filters_by_division(server):
    """Before: no way to list one division's runs (`/api/runs?division=` was ignored: every run came back)."""
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Run, RunStatus, Task

    store = SQLiteStore(server.home / "runs.db")
    for rid, division in (("r-coding", "coding"), ("r-imagine", "imagine"), ("r-plain", None)):
        store.create_run(Run(id=rid, task=Task(text=f"task {rid}"), model="scripted", status=RunStatus.succeeded,
                             meta={"division": division} if division else {}))
    api = server.api()
    assert [r["id"] for r in api.get("/api/runs", params={"division": "coding"}).json()] == ["r-coding"]
    assert len(api.get("/api/runs").json()) == 3
    page = api.get("/runs", params={"division": "imagine"}).text
    assert "/runs/r-imagine" in page and "/runs/r-coding" not in page and "/runs/r-plain" not in page
    assert '<option value="imagine" selected>' in page  # the filter says what it shows
