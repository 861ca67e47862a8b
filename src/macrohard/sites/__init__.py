"""Small local web apps for browser tests and evaluation suites, served on 127.0.0.1.

    from macrohard.sites import serve
    with serve("form") as site:
        site.url        # http://127.0.0.1:PORT/
        site.received   # what the app received from submissions, a list of dicts

Sites: ``form`` (a contact form), ``login`` (alice / wonderland), ``table`` (a sortable product
table), ``checkout`` (cart, shipping, payment, confirmation), ``shop`` (items paid by HTTP 402, x402-style, through
a facilitator: ``serve("shop", state={"facilitator": URL})``), ``notice`` (a dialog opens a moment
after a click; the one that needs JavaScript). A threaded stdlib HTTP server, no
JavaScript needed, so the pages work the same for people, Playwright and text-only agents.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from macrohard.errors import NotFound
from macrohard.sites.notice import notice_app
from macrohard.sites.pages import SITES, Request, Response
from macrohard.sites.shop import shop_app

SITES["shop"] = shop_app  # pays by HTTP 402 (money/rail.py)
SITES["notice"] = notice_app  # a dialog a moment after a click (screen events, imagine/browser_watch.py)

__all__ = ["Site", "serve", "SITES"]


@dataclass
class Site:
    """A running site: its base URL and what it received."""

    name: str
    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)


def _handler(site: Site, lock: threading.Lock) -> type[BaseHTTPRequestHandler]:
    app = SITES[site.name]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms delayed-ACK stalls

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            body = b""
            if method == "POST":
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            form = {k: v[-1] if len(v) == 1 else v for k, v in parse_qs(body.decode(errors="replace")).items()}
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            cookies = dict(c.strip().split("=", 1) for c in (self.headers.get("Cookie") or "").split(";") if "=" in c)
            req = Request(method=method, path=parts.path, query=query, form=form, cookies=cookies,
                          headers=dict(self.headers.items()))
            with lock:
                resp: Response = app(req, site)
            data = resp.body.encode()
            self.send_response(resp.status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            for key, value in resp.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read site.received instead
            return

    return Handler


@contextmanager
def serve(name: str, *, port: int = 0, state: dict[str, Any] | None = None) -> Iterator[Site]:
    """Serve the site ``name`` on 127.0.0.1 (a free port unless given) until the block ends; ``state``: its
    settings (the shop's ``facilitator`` URL)."""
    if name not in SITES:
        raise NotFound(f"no test site {name!r}; choose one of: {', '.join(sorted(SITES))}")
    site = Site(name=name, url="", state=dict(state or {}))
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(site, threading.Lock()))
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
                              name=f"site-{name}")
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
