"""rt58c: double-clickjacking of the web app's approving controls, in a real Chromium against a real server.

rt56c left it open: another site's page opens the run page in a new window on the first click of a double-click and the
second click lands on Approve (the headers stop framing, not a top-level window). Now Approve (the run page's and the
chat's) and Apply take a click only after a person moved the pointer on the page since the control appeared and since
the page last lost focus, with the control where it was then; a keyboard's click only from a control reached by a
key. No timer, so no timed assertion: each refusal is seen as the page's note, no request, and the question still
open; each twin answers it.

``THROUGH_ON_MAIN``: what approved on 72d71975 (the test run in a `git archive 72d71975` tree, this file copied in)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tests.server.conftest import ASK, free_port, person_click, script, wait_for

THROUGH_ON_MAIN = {
    "click at once on a fresh page": True,
    "the popup under a double-click": True,
    "untrusted moves, then a click at once": True,
    "a scroll under a resting pointer": True,
    "a focus lost and given back": True,
    "a click's focus, then Enter": True,
    "the next question under a resting pointer": True,
    "the chat's Approve at once": True,
    "a tap at once on a touch screen": True,
}

APPROVE = "#approvals .ask button.approve"


class _Attacker:
    """Another program's page on ``127.0.0.1:PORT`` (the same site as the app, ports aside, so the window it opens
    carries the person's SameSite=Strict cookie; from ``localhost`` it would need a ``--no-auth`` server): a page
    whose button opens ``target`` in a new window on the first click of a double-click."""

    def __init__(self, target: str) -> None:
        page = (f'<!doctype html><button id="decoy" style="position:absolute;left:0;top:0;width:100%;height:100%">'
                f'double-click to claim your prize</button><script>document.getElementById("decoy")'
                f'.addEventListener("mousedown", () => window.open({target!r}, "_blank"));</script>').encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Attacker:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(10)


def _centre(page, selector: str) -> tuple[float, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _open(chromium, server, path: str, *, height: int = 900, login: bool = True):
    page = chromium.new_page(viewport={"width": 1200, "height": height})
    if login:
        page.goto(f"{server.url}/login?token={server.token}&next={path}")
    else:
        page.goto(f"{server.url}{path}")
    return page


def _counted(page) -> list[str]:
    """Every answer the page sends (the browser's own network layer sees it)."""
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/approvals/" in r.url and r.method == "POST" else None)
    return sent


def _outcome(page, sent: list[str], where: str = APPROVE) -> bool:
    """Whether the click just made was taken (an answer sent), once the page has said either way."""
    # the browser's events are taken while the locator is read
    assert wait_for(lambda: sent or page.locator("p.gate").count() > 0), "the page neither sent nor said"
    if sent:
        return True
    note = page.inner_text("p.gate")
    assert "Not taken" in note and "double-click" in note, note
    return False


def _open_question(server, run_id: str) -> list[dict]:
    return server.api().get(f"/api/runs/{run_id}/approvals").json()


def _next_question(server, run_id: str, before: set[str]) -> str:
    """The run's open question once it is not one of ``before`` (a taken click answered the last)."""
    assert wait_for(lambda: [q for q in _open_question(server, run_id) if q["id"] not in before], 60)
    return _open_question(server, run_id)[0]["id"]


def test_an_approve_under_a_double_click_is_not_taken_and_a_persons_is(server, chromium):
    asks = [{"kind": "bash", "command": f'eval "$CMD"; echo ran-{n}'} for n in range(10)]
    model = script(server.home, [*asks, {"kind": "finish", "answer": "done"}])
    run = server.api().post("/api/runs", json={"text": "run the hidden commands", "model": model}).json()
    path, answered, through = f"/runs/{run['id']}", set(), {}

    def attempt(name: str, page, act) -> None:
        question = _next_question(server, run["id"], answered)
        page.wait_for_selector(APPROVE, timeout=30_000)
        sent = _counted(page)
        act(page)
        through[name] = _outcome(page, sent)
        if through[name]:
            answered.add(question)
        else:
            assert [q["id"] for q in _open_question(server, run["id"])] == [question]  # still asked

    # 1. a click dispatched at once on a fresh page (the pointer's one move is to the click's own point)
    attempt("click at once on a fresh page", _open(chromium, server, path),
            lambda page: page.mouse.click(*_centre(page, APPROVE)))

    # 2. the attack itself: another program's page opens the run page on the first click, the second lands on Approve
    with _Attacker(f"{server.url}{path}") as attacker:
        _next_question(server, run["id"], answered)
        lure = _open(chromium, server, "/runs")
        lure.goto(attacker.url)
        with lure.expect_popup() as opened:
            lure.mouse.click(600, 450)
        attempt("the popup under a double-click", opened.value, lambda page: page.mouse.click(*_centre(page, APPROVE)))

    # 3. moves that are no person's (made by script: untrusted), then a click at once
    def untrusted(page) -> None:
        x, y = _centre(page, APPROVE)
        page.evaluate("""([x, y]) => { for (const d of [0, 15, 30]) document.dispatchEvent(new PointerEvent(
            "pointermove", {clientX: x + d, clientY: y + d, screenX: x + d, screenY: y + d, bubbles: true})); }""", [x, y])
        page.mouse.click(x, y)

    attempt("untrusted moves, then a click at once", _open(chromium, server, path), untrusted)

    # 4. a person's move, then the page scrolled under the resting pointer (a fragment navigation by the opener does
    # it), then the press: the Approve was not where the person aimed
    def scrolled(page) -> None:
        page.evaluate("document.body.style.minHeight = '3000px'")
        x, y = _centre(page, APPROVE)
        assert 60 < y < 560, y
        page.mouse.move(x + 40, y - 90)
        page.mouse.move(x, y - 60, steps=3)  # 60 px above the button, on the page
        page.evaluate("window.scrollBy(0, 60)")  # the page moves up: the button now under the pointer
        page.wait_for_function(f"document.elementFromPoint({x}, {y - 60})?.classList.contains('approve')")
        page.mouse.down()
        page.mouse.up()

    attempt("a scroll under a resting pointer", _open(chromium, server, path, height=600), scrolled)

    # 5. a person's move, then the page lost focus and got it back (the lure's window in front, then this one): a
    # click at once after that
    def refocused(page) -> None:
        x, y = _centre(page, APPROVE)
        page.mouse.move(x + 40, y + 20)
        page.mouse.move(x, y, steps=3)
        page.evaluate("window.dispatchEvent(new FocusEvent('blur'))")  # headless Chromium keeps every page focused
        page.mouse.down()
        page.mouse.up()

    attempt("a focus lost and given back", _open(chromium, server, path), refocused)

    # 6. a click at once (refused, but it focuses the button), then the Enter the lure asks for next
    def click_then_enter(page) -> None:
        page.mouse.click(*_centre(page, APPROVE))
        if page.locator("p.gate").count():  # refused: the button has the focus all the same
            assert page.evaluate("document.activeElement.classList.contains('approve')")
            for e in page.locator("p.gate").all():
                e.evaluate("e => e.remove()")
            page.keyboard.press("Enter")
            page.keyboard.press("Space")

    attempt("a click's focus, then Enter", _open(chromium, server, path), click_then_enter)

    # the twins: a keyboard user reaches Approve with Tab and presses Enter
    def keyboard(page) -> None:
        for _ in range(60):
            if page.evaluate("document.activeElement.matches('#approvals .ask button.approve')"):
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("Tab never reached Approve")
        page.keyboard.press("Enter")

    attempt("keyboard", _open(chromium, server, path), keyboard)
    # and a person's move-then-click
    page = _open(chromium, server, path)
    page.wait_for_selector(APPROVE, timeout=30_000)
    where = _centre(page, APPROVE)  # person_click's point: the pointer rests there after it
    first = page.locator("#approvals .ask").get_attribute("id")
    attempt("person", page, lambda page: person_click(page, APPROVE))
    assert through["keyboard"] and through["person"], through

    # 7. across steps: the pointer rests where the person's click approved; the run's next question (a harmless one
    # first, the one that matters next) puts its Approve under it, and a second click (a double-click's, an impatient
    # one) lands there
    def next_under_the_pointer(page) -> None:
        fresh = f"#approvals .ask:not(#{first}) button.approve"
        page.wait_for_selector(fresh, timeout=60_000)
        page.wait_for_selector(f"#{first}, #answered-{first.removeprefix('ask-')}", state="detached", timeout=60_000)
        x, y = _centre(page, fresh)  # the same place: nothing moved the pointer, the button came to it
        assert abs(x - where[0]) < 1 and abs(y - where[1]) < 1, (x, y, where)
        page.mouse.down()
        page.mouse.up()

    attempt("the next question under a resting pointer", page, next_under_the_pointer)
    attacks = {name: through[name] for name in THROUGH_ON_MAIN if name in through}
    assert len(attacks) == 7 and not any(attacks.values()), attacks
    steps = server.api().get(f"/api/runs/{run['id']}/steps").json()
    assert [s["verdict"]["approved_by"] for s in steps] == ["user owner", "user owner"], steps
    assert server.api().post(f"/api/runs/{run['id']}/stop").status_code in (200, 202)


def test_the_chats_approve_holds_too(server, chromium):
    model = script(server.home, [
        {"kind": "delegate", "division": "operator", "task": "run the hidden command"}, ASK,
        {"kind": "finish", "answer": "ran it"}, "The operator ran it."])
    conv = server.api().post("/api/conversations", json={"model": model}).json()
    page = _open(chromium, server, f"/chats/{conv['id']}")
    page.wait_for_function("document.getElementById('messages') !== null")
    # the message sent from elsewhere (the person's other tab): this page's pointer never moved on it
    said = server.api().post(f"/api/conversations/{conv['id']}/messages", json={"text": "please run it"})
    assert said.status_code in (200, 202), said.text
    page.wait_for_selector(APPROVE, timeout=60_000)
    sent = _counted(page)
    page.mouse.click(*_centre(page, APPROVE))
    assert _outcome(page, sent) is False  # on 72d71975: sent, the delegated run's question approved
    person_click(page, APPROVE)
    page.wait_for_selector(".msg.assistant:has-text('The operator ran it.')", timeout=90_000)
    assert len(sent) == 1


def test_a_touch_screens_tap_needs_a_swipe_first(server, chromium):
    """A phone: the double-tap's second tap lands at once on the window the first opened (a tap has no move before
    it), so a tap is taken only after a swipe on the page (a trusted finger move of 10 px or more) since Approve
    appeared; the swipe scrolls the page, so no place check. On 72d71975 the tap at once approved."""
    model = script(server.home, [ASK, {"kind": "finish", "answer": "done"}])
    run = server.api().post("/api/runs", json={"text": "run the hidden command", "model": model}).json()
    assert wait_for(lambda: _open_question(server, run["id"]), 60)
    page = chromium.new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(f"{server.url}/login?token={server.token}&next=/runs/{run['id']}")
    page.wait_for_selector(APPROVE, timeout=30_000)
    sent = _counted(page)
    page.touchscreen.tap(*_centre(page, APPROVE))
    assert _outcome(page, sent) is False  # on 72d71975: sent
    x, y = _centre(page, APPROVE)
    touch = page.context.new_cdp_session(page)
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y + 200}]})
    for dy in (190, 175, 160, 140):
        touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y + dy}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.locator("p.gate").evaluate_all("ps => ps.forEach((p) => p.remove())")
    page.touchscreen.tap(*_centre(page, APPROVE))
    assert _outcome(page, sent) is True
    assert wait_for(lambda: server.api().get(f"/api/runs/{run['id']}").json()["status"] != "running", 60)
    assert server.api().get(f"/api/runs/{run['id']}/steps").json()[0]["verdict"]["approved_by"] == "user owner"
