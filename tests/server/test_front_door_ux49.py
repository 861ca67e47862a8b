"""The web app's front door end to end as a new user meets it (helper ux49): start a run from the runs page's form,
watch its steps arrive, a refused action shown with the guard's reason, a failed start shown as text a person can act
on. A real `macrohard serve`, a real Chromium, the scripted model."""

from __future__ import annotations

from tests.server.conftest import script


def _login(chromium, server):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}")
    assert page.url.endswith("/runs"), page.url
    return page


def test_start_a_run_from_the_page_and_see_a_refusal_with_its_reason(server, chromium):
    model = script(server.home, [{"kind": "bash", "command": "rm -rf /"},
                                 {"kind": "bash", "command": "echo made > made.txt"},
                                 {"kind": "finish", "answer": "made it"}])
    page = _login(chromium, server)
    page.fill("#start textarea[name=text]", "make made.txt")
    page.fill("#start input[name=model]", model)
    page.click("#start button")
    page.wait_for_url("**/runs/2*", timeout=20_000)
    page.wait_for_selector("#step-1", timeout=30_000)
    first = page.inner_text("#step-1")
    assert "deny" in first and "rm -rf /" in first
    assert "outside the workspace" in page.inner_text("#step-1 .reason")
    page.wait_for_selector("#audit.ok", timeout=30_000)
    assert page.inner_text("#status") == "succeeded"
    assert "made it" in page.inner_text("#answer")
    assert page.locator("#steps li.step").count() == 3
    page.goto(f"{server.url}/runs")
    assert "make made.txt" in page.inner_text("table.runs")


def test_a_start_that_fails_says_why_in_words(server, chromium):
    page = _login(chromium, server)
    page.fill("#start textarea[name=text]", "anything")
    page.fill("#start input[name=model]", "nosuchkind:abc")
    page.click("#start button")
    page.wait_for_function("document.getElementById('start-error').textContent.length > 0", timeout=20_000)
    said = page.inner_text("#start-error")
    assert "nosuchkind" in said, said
    assert "[{" not in said and "{'" not in said, said  # words, not a dumped JSON object


def test_a_task_over_the_limit_is_refused_in_words(server, chromium):
    """Before: the page showed FastAPI's validation list as JSON (`422: [{"type":"string_too_long","loc":["body",
    "text"],...}]`)."""
    page = _login(chromium, server)
    page.fill("#start textarea[name=text]", "x" * 200_001)
    page.click("#start button")
    page.wait_for_function("document.getElementById('start-error').textContent.length > 0", timeout=20_000)
    said = page.inner_text("#start-error")
    assert len(said) < 300, said[:300]  # not the refused text echoed back
    assert "200000" in said.replace(",", "") and "text" in said, said
    assert "[{" not in said and '"loc"' not in said, said
    assert page.url.endswith("/runs")


def test_a_blank_task_starts_no_run(server):
    """Before: the page's form (its `required` is met by spaces) and the API started a run whose task was "   ";
    `macrohard run "   "` refuses it."""
    api = server.api()
    answer = api.post("/api/runs", json={"text": "   \n "})
    assert answer.status_code == 422, answer.text[:300]
    assert "blank" in answer.text
    assert api.get("/api/runs").json() == []
