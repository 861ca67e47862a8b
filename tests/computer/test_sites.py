from __future__ import annotations

import http.cookiejar
import urllib.parse
import urllib.request

import pytest

from macrohard.errors import NotFound
from macrohard.sites import serve


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _post(opener, url: str, **form: str) -> str:
    return opener.open(url, data=urllib.parse.urlencode(form).encode()).read().decode()


def test_form_records_submission() -> None:
    with serve("form") as site:
        assert site.url.startswith("http://127.0.0.1:")
        page = _post(_opener(), site.url + "submit", name="Ada", email="ada@example.org", plan="pro", subscribe="yes")
        assert "Thank you, Ada" in page
        assert site.received == [{"name": "Ada", "email": "ada@example.org", "plan": "pro", "message": "",
                                  "subscribe": True}]


def test_login_accepts_only_the_right_password() -> None:
    with serve("login") as site:
        opener = _opener()
        assert "Invalid" in _post(opener, site.url + "login", username="alice", password="nope")
        assert "Welcome, alice" in _post(opener, site.url + "login", username="alice", password="wonderland")
        assert "Welcome, alice" in opener.open(site.url).read().decode()  # the session cookie holds
        assert site.received == [{"username": "alice", "ok": False}, {"username": "alice", "ok": True}]


def test_table_sorts_server_side() -> None:
    with serve("table") as site:
        page = _opener().open(site.url + "?sort=price&order=desc").read().decode()
        assert page.index("Drone") < page.index("Bicycle") < page.index("Flashlight")
        assert site.received == [{"sort": "price", "order": "desc"}]


def test_checkout_walks_four_pages() -> None:
    with serve("checkout") as site:
        opener = _opener()
        _post(opener, site.url + "cart", item="mug")
        _post(opener, site.url + "cart", item="cap")
        _post(opener, site.url + "shipping", name="Bo", address="1 Main St", city="Oslo")
        _post(opener, site.url + "payment", payment="invoice")
        done = _post(opener, site.url + "confirm")
        assert "order number is A1001" in done
        assert site.received == [{"items": ["mug", "cap"], "name": "Bo", "address": "1 Main St", "city": "Oslo",
                                  "payment": "invoice", "order_id": "A1001"}]


def test_unknown_site_names_the_choices() -> None:
    with pytest.raises(NotFound, match="checkout"):
        with serve("nope"):
            pass
