"""Shared fixtures of the reliability tests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def loopback_pages(tmp_path: Path) -> Iterator[str]:
    """A loopback web server with two pages, ``one.html`` and ``two.html`` (headings "one" and "two"): its base URL.
    The browser tests used ``data:text/html,…`` pages until rt48b; the guard now reads a data: URL as one (a page the
    agent writes itself, refused by the default policy), so a real page is served instead."""
    root = tmp_path / "pages"
    root.mkdir()
    for name in ("one", "two"):
        (root / f"{name}.html").write_text(f"<!doctype html><title>{name}</title><h1>{name}</h1>\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
