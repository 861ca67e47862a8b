"""Whether an HTTP request is the person's own or a web page's: its ``Host`` and ``Origin``.

Shared by the web app's no-auth mode (``server.app._this_machines_page``) and ``macrohard mcp serve --http``
(``mcp.server.http_app``). A page whose DNS name a rebinding server turned to 127.0.0.1 is the same origin to the
browser, but its requests carry ``Host: its.name``; a page of another origin carries ``Origin: https://other``.
Clients that are no browser (the CLI, curl, MCP clients) send no ``Origin``.
"""

from __future__ import annotations

import ipaddress

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port or an IPv6 address's brackets."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if ":" in host else host


def foreign_host(host: str, *, names: tuple[str, ...] = (), addresses: bool = False) -> bool:
    """True unless ``host`` (a ``Host`` header) names loopback, one of ``names``, or (``addresses``) any IP
    address: a literal address involves no DNS, so no rebinding."""
    name = host_name(host).lower()
    return not (is_loopback(name) or name in names or addresses and is_address(name))


def foreign_origin(origin: str | None, host: str) -> bool:
    """True when a browser sent ``origin`` from a page other than this server's own (``http(s)://HOST``)."""
    return origin is not None and origin.rstrip("/").lower() not in (f"http://{host}".lower(),
                                                                      f"https://{host}".lower())
