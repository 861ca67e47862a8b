"""The four test apps as plain functions ``(Request, Site) -> Response``; state lives on the Site."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

STYLE = """<style>body{font-family:sans-serif;margin:2em;max-width:40em}label{display:block;margin:.6em 0}
input,select,textarea{font-size:1em;margin-left:.4em}button{font-size:1em;margin-top:.8em;padding:.3em 1em}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .8em}.error{color:#b00}</style>"""


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, Any] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Response:
    body: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def page(title: str, body: str) -> Response:
    return Response(f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>{STYLE}"
                    f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>")


def redirect(location: str, headers: dict[str, str] | None = None) -> Response:
    return Response("", status=303, headers={"Location": location, **(headers or {})})


def not_found(req: Request) -> Response:
    resp = page("Not found", f"<p>No page at {html.escape(req.path)}. <a href='/'>Home</a></p>")
    resp.status = 404
    return resp


# -- form ------------------------------------------------------------------------------------


def form_app(req: Request, site: Any) -> Response:
    if req.path == "/" and req.method == "GET":
        return page("Contact us", """<form method=post action=/submit>
<label>Full name <input name=name required></label>
<label>Email <input name=email type=email required></label>
<label>Plan <select name=plan><option value=basic>Basic</option><option value=pro>Pro</option>
<option value=team>Team</option></select></label>
<label>Message <textarea name=message rows=3></textarea></label>
<label><input type=checkbox name=subscribe value=yes> Subscribe to the newsletter</label>
<button type=submit>Send</button></form>""")
    if req.path == "/submit" and req.method == "POST":
        entry = {k: req.form.get(k, "") for k in ("name", "email", "plan", "message")}
        entry["subscribe"] = req.form.get("subscribe") == "yes"
        if not entry["name"] or not entry["email"]:
            return page("Contact us", "<p class=error>Name and email are required. <a href='/'>Back</a></p>")
        site.received.append(entry)
        return page("Thank you", f"<p>Thank you, {html.escape(entry['name'])}. We received your message "
                    f"(plan: {html.escape(entry['plan'])}).</p>")
    return not_found(req)


# -- login -----------------------------------------------------------------------------------

USERS = {"alice": "wonderland"}


def login_app(req: Request, site: Any) -> Response:
    sessions: dict[str, str] = site.state.setdefault("sessions", {})
    user = sessions.get(req.cookies.get("session", ""))
    if req.path == "/" and req.method == "GET":
        if user:
            return redirect("/account")
        return page("Sign in", """<form method=post action=/login>
<label>Username <input name=username autocomplete=username></label>
<label>Password <input name=password type=password autocomplete=current-password></label>
<button type=submit>Sign in</button></form>""")
    if req.path == "/login" and req.method == "POST":
        name = str(req.form.get("username", ""))
        ok = USERS.get(name) == req.form.get("password")
        site.received.append({"username": name, "ok": ok})  # the password itself is never recorded
        if not ok:
            return page("Sign in", "<p class=error>Invalid username or password.</p><p><a href='/'>Try again</a></p>")
        token = f"s{len(sessions) + 1}"
        sessions[token] = name
        return redirect("/account", {"Set-Cookie": f"session={token}; Path=/; HttpOnly"})
    if req.path == "/account":
        if not user:
            return redirect("/")
        return page("Account", f"<p>Welcome, {html.escape(user)}. You are signed in.</p>"
                    "<form method=post action=/logout><button>Sign out</button></form>")
    if req.path == "/logout":
        sessions.pop(req.cookies.get("session", ""), None)
        return redirect("/", {"Set-Cookie": "session=; Path=/; Max-Age=0"})
    return not_found(req)


# -- sortable table --------------------------------------------------------------------------

PRODUCTS = [
    {"name": "Anvil", "price": 120.0, "stock": 3},
    {"name": "Bicycle", "price": 340.0, "stock": 0},
    {"name": "Compass", "price": 18.5, "stock": 42},
    {"name": "Drone", "price": 499.0, "stock": 7},
    {"name": "Easel", "price": 64.0, "stock": 12},
    {"name": "Flashlight", "price": 12.0, "stock": 80},
]


def table_app(req: Request, site: Any) -> Response:
    if req.path != "/":
        return not_found(req)
    key = req.query.get("sort", "name")
    key = key if key in PRODUCTS[0] else "name"
    order = "desc" if req.query.get("order") == "desc" else "asc"
    if "sort" in req.query:
        site.received.append({"sort": key, "order": order})
    rows = sorted(PRODUCTS, key=lambda p: p[key], reverse=order == "desc")
    head = ""
    for col in ("name", "price", "stock"):
        nxt = "desc" if col == key and order == "asc" else "asc"
        arrow = (" ▲" if order == "asc" else " ▼") if col == key else ""
        head += f"<th><a href='/?sort={col}&amp;order={nxt}'>Sort by {col}</a>{arrow}</th>"
    body = "".join(f"<tr><td>{p['name']}</td><td>{p['price']:.2f}</td><td>{p['stock']}</td></tr>" for p in rows)
    return page("Products", f"<p>Sorted by {key} ({order}ending).</p><table><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")


# -- multi-page checkout ---------------------------------------------------------------------

SHOP = {"mug": ("Coffee mug", 9.0), "tee": ("T-shirt", 19.0), "cap": ("Cap", 14.0)}


def checkout_app(req: Request, site: Any) -> Response:
    order: dict[str, Any] = site.state.setdefault("order", {"items": []})
    if req.path == "/":
        items = "".join(f"<li>{name} — ${price:.2f} <form method=post action=/cart style='display:inline'>"
                        f"<input type=hidden name=item value={key}><button>Add {name} to cart</button></form></li>"
                        for key, (name, price) in SHOP.items())
        return page("Shop", f"<ul>{items}</ul><p><a href='/cart'>View cart ({len(order['items'])})</a></p>")
    if req.path == "/cart":
        if req.method == "POST" and req.form.get("item") in SHOP:
            order["items"].append(req.form["item"])
            return redirect("/cart")
        lines = "".join(f"<li>{SHOP[i][0]}</li>" for i in order["items"]) or "<li>(empty)</li>"
        total = sum(SHOP[i][1] for i in order["items"])
        nxt = "<p><a href='/shipping'>Proceed to checkout</a></p>" if order["items"] else ""
        return page("Cart", f"<ul>{lines}</ul><p>Total: ${total:.2f}</p>{nxt}<p><a href='/'>Continue shopping</a></p>")
    if req.path == "/shipping":
        if req.method == "POST":
            missing = [k for k in ("name", "address", "city") if not req.form.get(k)]
            if missing:
                return page("Shipping", f"<p class=error>Missing: {', '.join(missing)}.</p><a href='/shipping'>Back</a>")
            order.update({k: req.form[k] for k in ("name", "address", "city")})
            return redirect("/payment")
        return page("Shipping", """<form method=post action=/shipping>
<label>Name <input name=name></label><label>Address <input name=address></label>
<label>City <input name=city></label><button>Continue to payment</button></form>""")
    if req.path == "/payment":
        if req.method == "POST":
            order["payment"] = req.form.get("payment", "")
            return redirect("/confirm")
        return page("Payment", """<form method=post action=/payment><label>Payment method <select name=payment>
<option value=card>Test card 4242</option><option value=invoice>Invoice</option></select></label>
<button>Review order</button></form>""")
    if req.path == "/confirm":
        if req.method == "POST":
            if not order["items"] or "name" not in order:
                return page("Confirm", "<p class=error>The cart or shipping details are missing.</p><a href='/'>Shop</a>")
            number = f"A{1000 + len(site.received) + 1}"
            site.received.append({**order, "items": list(order["items"]), "order_id": number})
            site.state["order"] = {"items": []}
            return page("Order placed", f"<p>Thank you! Your order number is {number}.</p>")
        summary = ", ".join(SHOP[i][0] for i in order["items"]) or "(nothing)"
        return page("Confirm", f"<p>Items: {summary}</p><p>Ship to: {html.escape(str(order.get('name', '')))}, "
                    f"{html.escape(str(order.get('address', '')))}, {html.escape(str(order.get('city', '')))}</p>"
                    f"<p>Payment: {html.escape(str(order.get('payment', '')))}</p>"
                    "<form method=post action=/confirm><button>Place order</button></form>")
    return not_found(req)


SITES: dict[str, Callable[[Request, Any], Response]] = {
    "form": form_app, "login": login_app, "table": table_app, "checkout": checkout_app,
}
