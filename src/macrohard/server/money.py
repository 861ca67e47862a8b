"""The money pages and API: accounts with balances (``/money``) and an account's statement
(``/money/ACCOUNT``), each transaction linked to its run, step and audit record; JSON under ``/api/money``.

Who sees what: an ``owner`` (the admin) sees every account. Anyone else sees only their own user account
(``user:NAME``) and the accounts of the runs they started (or their conversations delegated); any other
account is 404 and left out of every list, exactly as if it did not exist (viewers watch runs, not money).
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from macrohard.server.app import Caller, CallerDep, may_see
from macrohard.server.auth import User

router = APIRouter()


def _ledger(request: Request) -> Any:
    from macrohard.money.ledger import Ledger

    state = request.app.state
    if getattr(state, "ledger", None) is None:
        state.ledger = Ledger(state.store.path)
    state.ledger.expire_holds()  # what is shown is what is true now: expired holds released
    return state.ledger


def may_see_account(request: Request, user: User, acc: Any) -> bool:
    """Owners see every account; others their own user account and the accounts of their runs."""
    if user.role == "owner":
        return True
    if acc.kind == "user":
        return bool(acc.name == user.name)
    if acc.kind == "run":
        from macrohard.errors import NotFound

        store = request.app.state.store
        try:
            run = store.get_run(acc.name)
        except NotFound:
            return False
        # as a member: a viewer watches every run, but sees the money of its own runs only
        return may_see(store, User(user.name, "member"), run)
    return False


def _visible(request: Request, user: User, ref: str) -> Any:
    """The account ``ref`` if ``user`` may see it, else 404 with the same words as for a missing account."""
    from macrohard.errors import NotFound
    from macrohard.money.currency import MoneyError

    try:
        acc = _ledger(request).account(ref)
    except (NotFound, MoneyError) as exc:  # an owner is told how to open it; others learn nothing more
        raise HTTPException(404, str(exc) if user.role == "owner" else f"no account {ref!r}") from exc
    if not may_see_account(request, user, acc):
        raise HTTPException(404, f"no account {ref!r}")
    return acc


def _accounts(request: Request, user: User) -> list[Any]:
    return [a for a in _ledger(request).accounts() if may_see_account(request, user, a)]


def _rows(ledger: Any, acc: Any, limit: int) -> tuple[Any, list[dict[str, Any]]]:
    from macrohard.money.currency import fmt

    rows = []
    for tx, effect in ledger.statement(acc.id, limit=limit):
        rows.append({**tx.as_dict(), "effect": effect, "effect_text": fmt(effect, tx.currency),
                     "counterparty": tx.payee if effect < 0 else tx.payer,
                     "when": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(tx.created_at))})
    return acc, rows


@router.get("/api/money/accounts")
def api_accounts(request: Request, who: Caller = CallerDep) -> list[dict[str, Any]]:
    return [a.as_dict() for a in _accounts(request, who.user)]


@router.get("/api/money/accounts/{account}/statement")
def api_statement(request: Request, account: str, limit: int = 100, who: Caller = CallerDep) -> dict[str, Any]:
    acc, rows = _rows(_ledger(request), _visible(request, who.user, account), max(1, min(limit, 1000)))
    return {"account": acc.as_dict(), "transactions": rows}


@router.get("/money", include_in_schema=False)
async def accounts_page(request: Request) -> Response:
    from macrohard.money.currency import fmt
    from macrohard.server.pages import _page, _who_or_login

    who = await _who_or_login(request)
    if isinstance(who, HTMLResponse):
        return who
    accounts = [{**a.as_dict(), **{k: fmt(getattr(a, k), a.currency) for k in ("posted", "held", "available")}}
                for a in _accounts(request, who.user)]
    return _page(request, "money.html", who, accounts=accounts, account=None, rows=[])


@router.get("/money/{account}", include_in_schema=False)
async def statement_page(request: Request, account: str, limit: int = 200) -> Response:
    from macrohard.money.currency import fmt
    from macrohard.server.pages import _page, _who_or_login

    who = await _who_or_login(request)
    if isinstance(who, HTMLResponse):
        return who
    acc, rows = _rows(_ledger(request), _visible(request, who.user, account), max(1, min(limit, 1000)))
    summary = {k: fmt(getattr(acc, k), acc.currency) for k in ("posted", "held", "available")}
    return _page(request, "money.html", who, accounts=[], account={**acc.as_dict(), **summary}, rows=rows)
