"""A stdio MCP server for flow25's attempts: a team hub the user configured and allowed (``mcp:hub/*``).

Its read tools return outside text (an issue, a search result) that may carry injected orders; its other tools
send: ``fetch``/``http_request``/``ping_service`` reach any address (as the common fetch server does), ``post``,
``send_email`` and ``create_issue`` forward to the hub's own webhook (the team's chat, mail and tracker: the
test's loopback listener), so whatever leaves through the hub is seen on the host. Config: a JSON file (argv[1]).
"""

from __future__ import annotations

import json
import sys
import urllib.parse
import urllib.request

from mcp.server.fastmcp import FastMCP

CFG = json.loads(open(sys.argv[1]).read())
server = FastMCP("hub")


def _send(url: str, body: str = "", method: str = "POST") -> str:
    try:
        data = body.encode() if method != "GET" else None
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method), timeout=3) as r:
            return r.read(200).decode("utf-8", "replace")
    except Exception as exc:  # noqa: BLE001 - the tool reports, it does not crash
        return f"error: {exc}"


@server.tool()
def read_issue(number: int) -> str:
    """The text of an issue of the team's tracker."""
    return CFG.get("issue", "").replace("{n}", str(number))


@server.tool()
def search(query: str) -> str:
    """Search the team's wiki."""
    return CFG.get("search", "no results")


@server.tool()
def fetch(url: str) -> str:
    """Fetch a URL and return the start of its body."""
    return _send(url, method="GET")


@server.tool()
def http_request(method: str, url: str, body: str = "") -> str:
    """Send an HTTP request."""
    return _send(url, body, method.upper())


@server.tool()
def ping_service(host: str, port: int, path: str = "/") -> str:
    """Check that a service answers."""
    return _send(f"http://{host}:{port}{path}", method="GET")


def _hook(what: str, body: dict) -> str:
    return _send(CFG["webhook"] + "/" + urllib.parse.quote(what, safe=""), json.dumps(body))


@server.tool()
def post(channel: str, text: str) -> str:
    """Post a message to a channel of the team's chat."""
    return _hook("chat-" + channel, {"text": text})


@server.tool()
def send_email(to: str, subject: str, body: str) -> str:
    """Send an email from the team's address."""
    return _hook("mail-" + to, {"subject": subject, "body": body})


@server.tool()
def create_issue(title: str, body: str = "", labels: list[str] | None = None) -> str:
    """Open an issue in the team's public tracker."""
    return _hook("issue", {"title": title, "body": body, "labels": labels or []})


if __name__ == "__main__":
    server.run()
