"""A local payment rail, x402-style: offers, signed payments and a facilitator on loopback that settles them.

A resource that costs money answers ``402 Payment Required`` with an offer in the ``X-Payment-Required``
header (base64 JSON ``{"x402Version": 1, "accepts": [requirements]}``: amount in minor units, ``payTo``,
``asset``, ``resource``, the facilitator's URL). The client reserves the amount on the ledger (a hold),
signs a payment naming the hold and retries with it in ``X-Payment``; the resource server asks the
facilitator to ``/settle`` it; the facilitator verifies the signature and that the payment matches the
offer and the hold, then captures the hold on the ledger.

Signatures are HMAC-SHA256 with a per-wallet secret key kept in a ``KeyRing`` (files of mode 0600) that
the wallet and the facilitator share: this machine's own rail, not a public chain's signature scheme.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from macrohard.errors import NotFound
from macrohard.money.currency import MoneyError
from macrohard.money.ledger import Ledger, account_id

NETWORK = "macrohard-local"
OFFER_HEADER = "X-Payment-Required"
PAYMENT_HEADER = "X-Payment"
RESPONSE_HEADER = "X-Payment-Response"


def encode(data: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).decode()


def decode(text: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.b64decode(text.encode(), validate=True))
    except (ValueError, json.JSONDecodeError) as exc:
        raise MoneyError(f"not a base64 JSON payment header: {exc}") from exc
    if not isinstance(data, dict):
        raise MoneyError("a payment header must hold a JSON object")
    return data


def offer(*, amount: int, asset: str, pay_to: str, resource: str, facilitator: str, description: str = "",
          timeout_s: int = 300) -> dict[str, Any]:
    """The requirements of one 402 offer (x402's ``PaymentRequirements``, amounts in minor units)."""
    return {"scheme": "exact", "network": NETWORK, "maxAmountRequired": str(amount), "asset": asset,
            "payTo": pay_to, "resource": resource, "description": description, "facilitator": facilitator,
            "maxTimeoutSeconds": timeout_s}


class KeyRing:
    """Per-wallet HMAC keys, one file each (mode 0600) under ``root``."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def key(self, account: str, *, create: bool = False) -> bytes:
        path = self.root / f"{account.replace(':', '_')}.key"
        if not path.exists():
            if not create:
                raise MoneyError(f"no signing key for {account}; the wallet makes one when it first pays")
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
        return path.read_bytes()


def _mac(key: bytes, payload: dict[str, Any]) -> str:
    return hmac.new(key, json.dumps(payload, sort_keys=True, separators=(",", ":")).encode(), hashlib.sha256).hexdigest()


def sign_payment(keys: KeyRing, *, payer: str, requirements: dict[str, Any], hold: str) -> str:
    """The ``X-Payment`` header for ``requirements``, naming the ledger hold that reserves the money."""
    payload = {"payer": payer, "payTo": requirements["payTo"], "amount": requirements["maxAmountRequired"],
               "asset": requirements["asset"], "resource": requirements["resource"], "hold": hold,
               "nonce": secrets.token_hex(12), "validBefore": time.time() + float(requirements["maxTimeoutSeconds"])}
    return encode({"x402Version": 1, "scheme": "exact", "network": NETWORK, "payload": payload,
                   "signature": _mac(keys.key(payer, create=True), payload)})


@dataclass
class Facilitator:
    """Verifies signed payments against an offer and settles them on the ledger (captures their hold)."""

    ledger: Ledger
    keys: KeyRing

    def verify(self, header: str, requirements: dict[str, Any]) -> dict[str, Any]:
        """The payment's payload if it is valid for ``requirements``; else ``MoneyError`` saying why."""
        payment = decode(header)
        payload, signature = payment.get("payload"), payment.get("signature")
        if not isinstance(payload, dict) or not isinstance(signature, str):
            raise MoneyError("the payment has no payload or signature")
        if payment.get("network") != NETWORK or payment.get("scheme") != "exact":
            raise MoneyError(f"unsupported payment scheme/network; this rail takes exact on {NETWORK}")
        key = self.keys.key(str(payload.get("payer", "")))
        if not hmac.compare_digest(_mac(key, payload), signature):
            raise MoneyError("bad signature: the payment was not signed by the payer's wallet key")
        for field, want in (("payTo", requirements["payTo"]), ("amount", requirements["maxAmountRequired"]),
                            ("asset", requirements["asset"]), ("resource", requirements["resource"])):
            if str(payload.get(field)) != str(want):
                raise MoneyError(f"the payment's {field} is {payload.get(field)!r}, the offer asks {want!r}")
        if float(payload.get("validBefore", 0)) <= time.time():
            raise MoneyError("the payment expired; sign a new one")
        hold = self.ledger.transaction(str(payload["hold"]))
        if (hold.payer, hold.payee, str(hold.amount), hold.currency) != (
                payload["payer"], account_id("payee", str(payload["payTo"])), payload["amount"], payload["asset"]):
            raise MoneyError(f"hold {hold.id} does not match the payment (it reserves {hold.amount} {hold.currency} "
                             f"from {hold.payer} for {hold.payee})")
        if hold.status not in ("pending", "posted"):
            raise MoneyError(f"hold {hold.id} is {hold.status}; pay again")
        return payload

    def settle(self, header: str, requirements: dict[str, Any]) -> dict[str, Any]:
        payload = self.verify(header, requirements)
        tx = self.ledger.capture(str(payload["hold"]))  # capturing a captured hold changes nothing: a replay is free
        return {"success": True, "transaction": tx.id, "payer": payload["payer"], "network": NETWORK}


def _handler(facilitator: Facilitator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                request = json.loads(body)
                header, requirements = request["paymentHeader"], request["paymentRequirements"]
                if self.path == "/verify":
                    payload = facilitator.verify(header, requirements)
                    status, answer = 200, {"isValid": True, "payer": payload["payer"]}
                elif self.path == "/settle":
                    status, answer = 200, facilitator.settle(header, requirements)
                else:
                    status, answer = 404, {"success": False, "error": f"no endpoint {self.path}; use /verify, /settle"}
            except (MoneyError, NotFound, KeyError, TypeError, ValueError) as exc:
                status, answer = 402, {"success": False, "isValid": False, "error": str(exc)}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@contextmanager
def serve_facilitator(ledger: Ledger, keys: KeyRing, *, port: int = 0) -> Iterator[str]:
    """Run a facilitator on 127.0.0.1 until the block ends; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(Facilitator(ledger, keys)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True,
                              name="facilitator")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
