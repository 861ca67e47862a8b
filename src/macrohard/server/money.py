"""The money pages and API: accounts with balances (``/money``) and an account's statement
(``/money/ACCOUNT``), each transaction linked to its run, step and audit record; JSON under ``/api/money``."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from macrohard.server.app import Caller, CallerDep

router = APIRouter()


def _ledger(request: Request) -> Any:
    from macrohard.money.ledger import Ledger

    state = request.app.state
    if getattr(state, "ledger", None) is None:
        state.ledger = Ledger(state.store.path)
    state.ledger.expire_holds()  # what is shown is what is true now: expired holds released
    return state.ledger


def _rows(ledger: Any, account: str, limit: int) -> tuple[Any, list[dict[str, Any]]]:
    from macrohard.money.currency import fmt

    acc = ledger.account(account)
    rows = []
    for tx, effect in ledger.statement(acc.id, limit=limit):
        rows.append({**tx.as_dict(), "effect": effect, "effect_text": fmt(effect, tx.currency),
                     "counterparty": tx.payee if effect < 0 else tx.payer,
                     "when": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(tx.created_at))})
    return acc, rows


@router.get("/api/money/accounts")
def api_accounts(request: Request, who: Caller = CallerDep) -> list[dict[str, Any]]:
    return [a.as_dict() for a in _ledger(request).accounts()]


@router.get("/api/money/accounts/{account}/statement")
def api_statement(request: Request, account: str, limit: int = 100, who: Caller = CallerDep) -> dict[str, Any]:
    acc, rows = _rows(_ledger(request), account, max(1, min(limit, 1000)))
    return {"account": acc.as_dict(), "transactions": rows}


@router.get("/money", include_in_schema=False)
async def accounts_page(request: Request) -> Response:
    from macrohard.money.currency import fmt
    from macrohard.server.pages import _page, _who_or_login

    who = await _who_or_login(request)
    if isinstance(who, HTMLResponse):
        return who
    accounts = [{**a.as_dict(), **{k: fmt(getattr(a, k), a.currency) for k in ("posted", "held", "available")}}
                for a in _ledger(request).accounts()]
    return _page(request, "money.html", who, accounts=accounts, account=None, rows=[])


@router.get("/money/{account}", include_in_schema=False)
async def statement_page(request: Request, account: str, limit: int = 200) -> Response:
    from macrohard.errors import NotFound
    from macrohard.money.currency import fmt
    from macrohard.server.pages import _page, _who_or_login

    who = await _who_or_login(request)
    if isinstance(who, HTMLResponse):
        return who
    try:
        acc, rows = _rows(_ledger(request), account, max(1, min(limit, 1000)))
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    summary = {k: fmt(getattr(acc, k), acc.currency) for k in ("posted", "held", "available")}
    return _page(request, "money.html", who, accounts=[], account={**acc.as_dict(), **summary}, rows=rows)
