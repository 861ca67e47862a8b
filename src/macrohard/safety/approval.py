"""``Approved[...]``: the only thing an environment will execute, and the seal that makes one.

An approval is the *output* of a review: ``Guard.authorize`` reviews the action, records the
verdict in the audit chain, resolves ``ask`` and only then mints. There is no ``issue`` to call and
no verdict a caller can hand in.

How it is sealed. ``new_seal()`` returns a pair of closures, ``(mint, verify)``, sharing a private
table of the grants the pair has made. ``guard.py`` calls it once at import and keeps ``mint``
only inside the closure of ``Guard.authorize``; the module attribute is ``verify``. An ``Approved``
is just a ticket (the action, the verdict, the run and a random nonce): ``verify`` looks the nonce
up in the table, refuses tickets it never made, a changed action or verdict, a second use, an
expired grant, another environment instance or another run, and returns the guard's *own copy*
of the action, so a ticket edited after the review cannot change what runs. Calling
``new_seal()`` again gives an unrelated pair whose tickets the guard's ``verify`` does not know.

Each environment instance belongs to the first run that was authorized on it; ``mint`` refuses to
grant it actions of any other run, so an approval for env A or run X is refused by env B or run Y.

Honest limit: this is in-process Python. Code that can run arbitrary Python in this process can
reach the table through introspection (``Guard.authorize.__closure__``, ``gc``), or skip the
environment and call ``subprocess`` itself. What is closed is every *API* path: importing a module,
calling a function or constructing an object never yields an approval that did not come from a
recorded review. Keeping untrusted code out of the process is the sandbox's job, not this module's.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from macrohard.errors import NotApproved
from macrohard.types import Verdict

A = TypeVar("A")

# An approval is used at once by the step that asked for it; one older than this is refused, which
# also lets the table of grants forget unused ones (it stays small in long-lived workers).
TTL_S = 3600.0


@dataclass(frozen=True)
class Approved(Generic[A]):
    """An action the guard allowed for one run on one environment. Environments accept nothing else."""

    action: A
    verdict: Verdict
    run_id: str
    nonce: str = field(repr=False)


@dataclass(frozen=True)
class Authorization:
    """What ``Guard.authorize`` returns: the verdict, and the approval when (and only when) it allows.

    ``refused_by`` is ``"user"`` or ``"policy"`` when an ``ask`` was answered no.
    """

    verdict: Verdict
    approved: Approved[Any] | None = None
    refused_by: str | None = None

    @property
    def allowed(self) -> bool:
        return self.approved is not None


@dataclass
class _Grant:
    action: Any  # the guard's private copy: what runs, whatever happens to the ticket afterwards
    verdict_json: str
    run_id: str
    env: weakref.ref[Any]
    issued_at: float


Mint = Callable[[Any, Verdict, str, Any], Approved[Any]]
Verify = Callable[..., Any]


def new_seal() -> tuple[Mint, Verify]:
    """A fresh ``(mint, verify)`` pair. Only ``guard.py`` keeps the pair whose ``verify`` environments call."""
    grants: dict[str, _Grant] = {}
    owners: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    def mint(action: Any, verdict: Verdict, run_id: str, env: Any) -> Approved[Any]:
        if not verdict.allowed:
            raise NotApproved(f"refusing to approve an action whose verdict is {verdict.decision.value}")
        now = time.time()
        with lock:
            owner = owners.setdefault(env, run_id)
            if owner != run_id:
                raise NotApproved(f"this {getattr(env, 'kind', 'environment')} environment belongs to run "
                                  f"{owner or '(no run id)'}, not {run_id or '(no run id)'}; every run needs its own")
            if len(grants) > 10_000:
                for nonce in [n for n, g in grants.items() if now - g.issued_at > TTL_S]:
                    del grants[nonce]
            nonce = os.urandom(16).hex()
            grants[nonce] = _Grant(action=action.model_copy(deep=True), verdict_json=verdict.model_dump_json(),
                                   run_id=run_id, env=weakref.ref(env), issued_at=now)
        return Approved(action=action.model_copy(deep=True), verdict=verdict, run_id=run_id, nonce=nonce)

    def verify(approved: Any, env: Any, *, ttl: float = TTL_S) -> Any:
        """Check ``approved`` for ``env`` and return the reviewed action; each approval works once.

        A refusal is a ``NotApproved`` whose ``runs`` names the runs it concerns (the run that owns
        ``env``, the run the approval was made for), so that the guard can record it in their audit logs.
        """
        grant: _Grant | None = None

        def refused(message: str) -> NotApproved:
            exc = NotApproved(message)
            try:
                owner = owners.get(env)
            except TypeError:  # not an object an environment can be
                owner = None
            exc.runs = tuple(r for r in dict.fromkeys((owner, grant.run_id if grant else None)) if r)
            return exc

        if not isinstance(approved, Approved):
            raise refused(f"environment was handed {type(approved).__name__}, not an action approved by the guard")
        with lock:
            grant = grants.pop(approved.nonce, None) if isinstance(approved.nonce, str) else None
        if grant is None:
            raise refused("the guard never made this approval, or it was already used; "
                          "every action needs its own review")
        if grant.env() is not env:
            raise refused("this approval was made for another environment instance; it is void now")
        if approved.run_id != grant.run_id or owners.get(env) != grant.run_id:
            raise refused(f"this approval belongs to run {grant.run_id or '(no run id)'}; it is void now")
        if approved.action != grant.action or approved.verdict.model_dump_json() != grant.verdict_json:
            raise refused("the approval's action or verdict was changed after the review; it is void now")
        if time.time() - grant.issued_at > min(ttl, TTL_S):
            raise refused("this approval has expired; every action needs a fresh review")
        return grant.action

    return mint, verify
