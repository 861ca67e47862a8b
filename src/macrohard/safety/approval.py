"""``Approved[...]``: the only thing an environment will execute.

An ``Approved`` carries the action, the guard's verdict and an HMAC over both, keyed by a secret
that lives only in this process. ``issue`` is called by the guard alone; ``verify`` is called by
every environment before it acts. An ``Approved`` built any other way (constructed by hand, copied
with a swapped action, replayed after use) fails verification with ``NotApproved``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from macrohard.errors import NotApproved
from macrohard.types import Verdict

A = TypeVar("A")

_KEY = os.urandom(32)
# An approval is used at once by the step that asked for it; one older than this is refused, which
# also lets the record of used approvals forget entries (it stays small in long-lived workers).
TTL_S = 3600.0
_consumed: dict[str, float] = {}
_lock = threading.Lock()


def _digest(action: Any, verdict: Verdict, nonce: str) -> str:
    body = action.model_dump_json().encode() + b"\x00" + verdict.model_dump_json().encode() + b"\x00" + nonce.encode()
    return hmac.new(_KEY, body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Approved(Generic[A]):
    """An action the guard allowed. Environments accept nothing else."""

    action: A
    verdict: Verdict
    nonce: str = field(repr=False)
    signature: str = field(repr=False)


def issue(action: A, verdict: Verdict) -> Approved[A]:
    """Sign an allowed action. Only ``Guard`` calls this."""
    if not verdict.allowed:
        raise NotApproved(f"refusing to approve an action whose verdict is {verdict.decision.value}")
    nonce = f"{time.time():.6f}-{os.urandom(12).hex()}"
    return Approved(action=action, verdict=verdict, nonce=nonce, signature=_digest(action, verdict, nonce))


def verify(approved: Any, *, consume: bool = True, ttl: float = TTL_S) -> Any:
    """Check an approval and return its action; each approval can be used once."""
    if not isinstance(approved, Approved):
        raise NotApproved(f"environment was handed {type(approved).__name__}, not an action approved by the guard")
    if not approved.verdict.allowed:
        raise NotApproved("the approval carries a verdict that does not allow the action")
    expected = _digest(approved.action, approved.verdict, approved.nonce)
    if not hmac.compare_digest(expected, approved.signature):
        raise NotApproved("the approval's signature does not match its action: it was not made by the guard")
    issued_at = float(approved.nonce.partition("-")[0])
    now = time.time()
    if now - issued_at > ttl:
        raise NotApproved("this approval has expired; every action needs a fresh review")
    if consume:
        with _lock:
            if approved.nonce in _consumed:
                raise NotApproved("this approval was already used; every action needs its own review")
            _consumed[approved.nonce] = issued_at
            if len(_consumed) > 10_000:
                for nonce, at in list(_consumed.items()):
                    if now - at > TTL_S:
                        del _consumed[nonce]
    return approved.action
