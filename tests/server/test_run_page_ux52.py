"""The runs page's Start button and a live run's page as a new user meets them (helper ux52), in a real Chromium
against a real `macrohard serve` with the scripted model.

Before: a click on "Start run" showed nothing until the server answered (in a fresh HOME the first start loads the
model: 14-45 s at load 12, the button still live, an earlier error still shown), and a running run's page showed
nothing below its title until its first step ended (the terminal's live view says "waiting on the model · 12 s")."""

from __future__ import annotations

from tests.server.conftest import ASK, script


def _login(chromium, server, errors: list[str] | None = None):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    if errors is not None:  # what the browser's console says went wrong, from the first page on
        page.on("console", lambda m: errors.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None)
    page.goto(f"{server.url}/login?token={server.token}")
    assert page.url.endswith("/runs"), page.url
    return page


def test_start_says_it_is_starting_and_clears_the_last_error(server, chromium):
    model = script(server.home, [{"kind": "finish", "answer": "done"}])
    page = _login(chromium, server)
    page.fill("#start textarea[name=text]", "anything")
    page.fill("#start input[name=model]", "nosuchkind:abc")
    page.click("#start button")
    page.wait_for_function("document.getElementById('start-error').textContent.length > 0", timeout=20_000)
    assert page.locator("#start button").is_enabled()  # a refused start can be mended and sent again

    held = []  # the browser holds the next start's request (Playwright's network layer), as a slow server would
    page.route("**/api/runs", lambda route: held.append(route))
    page.fill("#start input[name=model]", model)
    page.click("#start button")
    page.wait_for_function("document.getElementById('start-status') && "
                           "document.getElementById('start-status').textContent.length > 0", timeout=10_000)
    assert held, "the start was not sent"
    assert "starting" in page.inner_text("#start-status")
    assert page.inner_text("#start-error") == ""  # the last refusal is not shown beside a start that is under way
    assert page.locator("#start button").is_disabled()  # a second click would start a second run
    held[0].continue_()
    page.wait_for_url("**/runs/2*", timeout=30_000)
    assert page.locator("#steps").count() == 1


def test_a_running_run_says_what_it_waits_for(server, chromium):
    model = script(server.home, [{"kind": "bash", "command": "sleep 4; echo first step"}, ASK,
                                 {"kind": "finish", "answer": "done"}])
    page = _login(chromium, server)
    run = server.api().post("/api/runs", json={"text": "wait a little", "model": model}).json()
    page.goto(f"{server.url}/runs/{run['id']}")
    # before the first step ends (it sleeps 4 s), the page says what it waits for and for how long
    page.wait_for_selector("#waiting:not([hidden])", timeout=10_000)
    assert page.locator("#step-1").count() == 0
    first = page.inner_text("#waiting")
    assert "step 1" in first and " s" in first, first
    page.wait_for_function("/[1-9] s/.test(document.getElementById('waiting').textContent)", timeout=10_000)
    # the guard's question: the page waits for a person now, not for the model
    page.wait_for_selector(".ask", timeout=30_000)
    page.wait_for_function("document.getElementById('waiting').textContent.includes('answer')", timeout=10_000)
    page.click(".ask button.deny")
    page.wait_for_selector("#audit.ok", timeout=30_000)
    assert page.locator("#waiting").is_hidden()  # nothing is waited for once the run has ended


def test_stop_says_it_was_asked_until_the_run_ends(server, chromium):
    """Before: Stop posted a form and the page came back as it was: `running`, the Stop button again, not a word,
    for as long as the step's command still ran (a stop takes effect when the current action ends)."""
    model = script(server.home, [{"kind": "bash", "command": "sleep 8; echo slow"},
                                 {"kind": "finish", "answer": "never"}])
    errors: list[str] = []
    page = _login(chromium, server, errors)
    run = server.api().post("/api/runs", json={"text": "take a while", "model": model}).json()
    page.goto(f"{server.url}/runs/{run['id']}")
    page.wait_for_selector("#waiting:not([hidden])", timeout=10_000)
    page.click("#stop button")
    page.wait_for_selector("#stop .asked", timeout=10_000)
    assert "Stop asked" in page.inner_text("#stop")
    assert page.locator("#stop button").count() == 0  # nothing left to click twice
    assert "stopping" in page.inner_text("#waiting")
    page.wait_for_selector("#done:not([hidden])", timeout=60_000)
    assert page.inner_text("#status") == "interrupted"
    assert "stopped from the web by user owner" in page.inner_text("#error")
    assert errors == [], errors  # no failed request on the way (before: /favicon.ico, a 404 on every page)
