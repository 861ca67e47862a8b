"""The shop: items that answer HTTP 402 Payment Required with an x402-style offer until paid (``money/rail.py``).

``GET /item/SKU`` shows the offer (amount, payee ``shop``, asset) as a page and in the ``X-Payment-Required``
header. A request carrying a signed payment (``X-Payment``) is settled through the facilitator named in the
site's state (``serve("shop", state={"facilitator": URL})``); once it is, the item's page shows the receipt
(one customer per site: the state of a test site). ``/orders`` lists what was sold.
"""

from __future__ import annotations

import html
import json
from typing import Any

from macrohard.sites.pages import Request, Response, not_found, page

PAYEE = "shop"
CURRENCY = "USD"
ITEMS: dict[str, tuple[str, int]] = {"tshirt": ("T-shirt", 1250), "mug": ("Mug", 800), "poster": ("Poster", 4500)}


def shop_app(req: Request, site: Any) -> Response:
    if req.path == "/":
        rows = "".join(f"<li><a href='/item/{sku}'>{html.escape(name)}</a>: {price // 100}.{price % 100:02d} "
                       f"{CURRENCY}</li>" for sku, (name, price) in ITEMS.items())
        return page("The shop", f"<p>Items are paid by HTTP 402 (x402-style).</p><ul>{rows}</ul>"
                                "<p><a href='/orders'>Orders</a></p>")
    if req.path == "/orders":
        rows = "".join(f"<li>Order {o['order_id']}: {html.escape(o['item'])}, {o['amount']} minor units "
                       f"{o['asset']}, transaction {o['transaction']}</li>" for o in site.received)
        return page("Orders", f"<ul>{rows}</ul>" if rows else "<p>No orders yet.</p>")
    if req.path.startswith("/item/") and req.method == "GET":
        sku = req.path.removeprefix("/item/")
        if sku not in ITEMS:
            return not_found(req)
        return _item(req, site, sku)
    return not_found(req)


def _requirements(req: Request, site: Any, sku: str) -> dict[str, Any]:
    from macrohard.money.rail import offer

    name, price = ITEMS[sku]
    host = {k.lower(): v for k, v in req.headers.items()}.get("host", "127.0.0.1")
    return offer(amount=price, asset=CURRENCY, pay_to=PAYEE, resource=f"http://{host}/item/{sku}",
                 facilitator=str(site.state.get("facilitator", "")), description=f"one {name}")


def _item(req: Request, site: Any, sku: str) -> Response:
    from macrohard.money.rail import OFFER_HEADER, PAYMENT_HEADER, RESPONSE_HEADER, encode

    name, price = ITEMS[sku]
    paid = site.state.setdefault("paid", {})
    if sku in paid:
        order = paid[sku]
        return page(f"Receipt: {name}", f"<p>Paid: one {html.escape(name)}, {price // 100}.{price % 100:02d} "
                                        f"{CURRENCY}. Order {order['order_id']}, transaction {order['transaction']}.</p>")
    requirements = _requirements(req, site, sku)
    headers = {k.lower(): v for k, v in req.headers.items()}
    error = ""
    if PAYMENT_HEADER.lower() in headers:
        settled = _settle(site, headers[PAYMENT_HEADER.lower()], requirements)
        if settled.get("success"):
            order = {"order_id": len(site.received) + 1, "item": name, "sku": sku, "amount": price, "asset": CURRENCY,
                     "transaction": settled["transaction"], "payer": settled.get("payer")}
            site.received.append(order)
            paid[sku] = order
            resp = page(f"Receipt: {name}", f"<p>Paid: one {html.escape(name)}. Order {order['order_id']}, "
                                            f"transaction {order['transaction']}.</p>")
            resp.headers[RESPONSE_HEADER] = encode(settled)
            return resp
        error = f"<p class=error>The payment was refused: {html.escape(str(settled.get('error')))}</p>"
    resp = page("Payment required", f"{error}<p>One {html.escape(name)} costs <b>{price // 100}.{price % 100:02d} "
                                    f"{CURRENCY}</b>, payable to <b>{PAYEE}</b> (asset {CURRENCY}, scheme exact).</p>"
                                    f"<p>Pay this offer to get it.</p>")
    resp.status = 402
    resp.headers[OFFER_HEADER] = encode({"x402Version": 1, "accepts": [requirements]})
    return resp


def _settle(site: Any, header: str, requirements: dict[str, Any]) -> dict[str, Any]:
    import httpx

    facilitator = site.state.get("facilitator")
    if not facilitator:
        return {"success": False, "error": "this shop has no facilitator configured"}
    try:
        answer = httpx.post(f"{facilitator}/settle", json={"paymentHeader": header, "paymentRequirements": requirements},
                            timeout=30)
        return dict(answer.json())
    except (httpx.HTTPError, json.JSONDecodeError, ValueError) as exc:
        return {"success": False, "error": f"the facilitator could not be reached: {exc}"}
