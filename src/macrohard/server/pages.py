"""Server-rendered pages (Jinja2): login, runs (list with filters), a run (live), evaluations."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from macrohard.server.app import COOKIE, Caller, CallerDep, caller, form, visible_run
from macrohard.server.live import running_note
from macrohard.server.words import web_words

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _ago(t: float | None) -> str:
    """How long ago, as `macrohard runs list` says it (3d, 3h, 2m, 7s ago). Before (ux49) the pages counted seconds
    whatever the age: "9987 s ago" for a run of three hours ago."""
    if not t:
        return "-"
    delta = max(0.0, time.time() - t)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if delta >= size:
            return f"{int(delta // size)}{unit} ago"
    return f"{int(delta)}s ago"


templates.env.filters["ago"] = _ago
templates.env.filters["web_words"] = web_words  # rel53b: an error's `--model` said as the web's model field


def _page(request: Request, name: str, who: Caller | None, code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"who": who, **context}, status_code=code)


async def _who_or_login(request: Request) -> Caller | HTMLResponse:
    try:
        return await caller(request)
    except HTTPException as exc:
        if exc.status_code == 401:
            return _page(request, "login.html", None, code=401, error=None)
        raise


@router.get("/login")
def login_page(request: Request, token: str | None = None, next: str = "/") -> Response:
    """``/login?token=…`` (the URL ``macrohard serve`` prints) logs in at once; without a token, a form."""
    if token is None:
        return _page(request, "login.html", None, error=None)
    return _login(request, token, next)


@router.post("/login")
async def login_form(request: Request) -> Response:
    fields = await form(request)
    return _login(request, fields.get("token", ""), "/")


def _from_another_site(request: Request) -> str | None:
    """The other site a login request comes from, or None when it is the person's own (typed or pasted into the
    address bar, clicked in a terminal, or this app's own form)."""
    from urllib.parse import urlsplit

    site = request.headers.get("sec-fetch-site")  # the browser's own word (behind a proxy that rewrites Host too)
    if site is not None:
        return None if site in ("same-origin", "none") else (
            request.headers.get("origin") or request.headers.get("referer") or f"a {site} page")
    host = request.headers.get("host", "")
    for header in ("origin", "referer"):
        sent = request.headers.get(header)
        if sent is not None and (sent == "null" or urlsplit(sent).netloc != host):
            return sent
    return None


def _login(request: Request, token: str, next: str) -> Response:
    users = request.app.state.users
    elsewhere = _from_another_site(request)
    if elsewhere is not None:
        # rt50b: login CSRF. A page of another site posted this form, or linked to /login?token=, with the token of
        # a user its author is (a member of the same server): the person's browser took that session (a
        # SameSite=Strict cookie set by a top-level navigation's answer is stored), so the runs they then started
        # were the attacker's, who answered their approvals and read their steps.
        return _page(request, "login.html", None, code=403,
                     error=f"This login came from another site ({elsewhere[:80]}), so it was refused: a page may log "
                           "your browser in as someone else. Paste the URL that `macrohard serve` printed into the "
                           "address bar, or paste your token below.")
    user = users.by_token(token.strip())
    if user is None:
        return _page(request, "login.html", None, code=401, error="That token is not valid.")
    sid, _ = users.login(user)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, sid, httponly=True, samesite="strict", secure=_behind_tls(request),
                        max_age=7 * 24 * 3600, path="/")
    return response


def _behind_tls(request: Request) -> bool:
    """Whether the person reached the app over TLS: https itself, or a reverse proxy on this machine that says so
    (``X-Forwarded-Proto``). rt56c: `serve` no longer lets uvicorn take the proxy's headers for the request (its
    ``X-Forwarded-For`` was believed as the client's address), so the cookie's Secure flag reads the one header here."""
    from macrohard.server.app import is_loopback

    if request.url.scheme == "https":
        return True
    peer = request.client.host if request.client else ""
    return request.headers.get("x-forwarded-proto", "").lower() == "https" and is_loopback(peer)


@router.post("/logout")
def logout(request: Request, who: Caller = CallerDep) -> Response:
    request.app.state.users.logout(request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/")
def home() -> Response:
    return RedirectResponse("/runs", status_code=303)


RUNS_PER_PAGE = 50
MAX_PAGE = 1_000_000  # a page past every run shows none (and a link back), whatever number is asked for


@router.get("/runs", response_class=HTMLResponse)
async def runs_page(request: Request, status: str | None = None, q: str | None = None, page: int = 1,
                    division: str | None = None) -> Response:
    from fastapi.concurrency import run_in_threadpool

    from macrohard.server.api import list_visible
    from macrohard.types import RunStatus

    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    # pages of RUNS_PER_PAGE, newest first. Before (ux49): the newest 100 and no way to the older ones
    page = min(max(1, page), MAX_PAGE)  # rt56c: before, page=10**18 asked SQLite for a LIMIT past 64 bits: 500
    start = (page - 1) * RUNS_PER_PAGE
    found = await run_in_threadpool(list_visible, request.app.state.store, who, status=status, q=q,
                                    limit=start + RUNS_PER_PAGE + 1, division=division)
    runs = found[start:start + RUNS_PER_PAGE]
    keep = {k: v for k, v in (("q", q), ("status", status), ("division", division)) if v}
    link = lambda n: "/runs?" + urlencode({**keep, "page": n}) if n > 1 else "/runs" + ("?" + urlencode(keep) if keep else "")  # noqa: E731
    divisions, divisions_error = [], ""
    # the filter's and the start form's divisions (ux53); a broken division file is said, not a 400 page
    from macrohard.divisions.catalog import load_divisions
    from macrohard.errors import ConfigError

    try:
        divisions = list(load_divisions().values())
    except ConfigError as exc:
        divisions_error = str(exc)
    return _page(request, "runs.html", who, runs=runs, status=status or "", q=q or "", division=division or "",
                 divisions=divisions, divisions_error=divisions_error,
                 statuses=[s.value for s in RunStatus], interrupted=request.app.state.interrupted,
                 first=start + 1, newer=link(page - 1) if page > 1 else None,
                 older=link(page + 1) if len(found) > start + RUNS_PER_PAGE else None)


@router.get("/runs/{run_id}", response_class=HTMLResponse)
async def run_page(run_id: str, request: Request) -> Response:
    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    run = visible_run(request, run_id, who)
    # how long the run has gone, by the server's clock: the page counts on from it while it waits for a step (ux52)
    # rel53b: what it waits for before its first step (the screens' one-time build), for a page opened meanwhile
    live = getattr(request.app.state, "live", None)
    note = (getattr(live, "notes", None) or {}).get(run.id, "") or running_note(run)
    return _page(request, "run.html", who, run=run, waited=round(max(0.0, time.time() - run.created_at), 1),
                 note=note)


@router.post("/runs/{run_id}/stop")
def stop_form(run_id: str, request: Request, who: Caller = CallerDep) -> Response:
    """The run page's Stop button (the CSRF token in the form, checked by ``CallerDep``): back to the run page, which
    then shows the run interrupted."""
    from macrohard.server.api import stop

    stop(run_id, request, who)
    return RedirectResponse(f"/runs/{run_id}", status_code=303)


@router.get("/docs", response_class=HTMLResponse)
async def api_page(request: Request) -> Response:
    """The JSON API in words: how to send a token, and each endpoint (method, path, what it does) from the app's own
    OpenAPI schema. ux55: the header's `API` opened the raw /openapi.json (FastAPI's /docs loads Swagger UI from a
    CDN, and the app works with no internet, so it is off)."""
    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    endpoints = []
    for path, methods in request.app.openapi().get("paths", {}).items():
        for method, op in methods.items():
            said = (op.get("description") or op.get("summary") or "").strip().split("\n\n")[0]
            endpoints.append((method.upper(), path, " ".join(said.replace("``", "").split())))
    return _page(request, "api.html", who, endpoints=endpoints)


@router.get("/evals", response_class=HTMLResponse)
async def evals_page(request: Request) -> Response:
    from macrohard.eval.records import list_evals

    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    rows = list_evals(request.app.state.store, 50) if who.user.sees_all else []
    return _page(request, "evals.html", who, evals=rows)


@router.get("/evals/{eval_id}", response_class=HTMLResponse)
async def eval_report(eval_id: str, request: Request) -> Response:
    """The evaluation's HTML report (``eval/html.py``, the same page `macrohard eval` writes)."""
    from macrohard.eval.html import render_html
    from macrohard.eval.records import get_eval, results
    from macrohard.eval.report import summarize

    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    if not who.user.sees_all:
        raise HTTPException(404, f"no evaluation {eval_id!r}")
    info = get_eval(request.app.state.store, eval_id)
    outcomes = results(request.app.state.store, info.id)
    return HTMLResponse(render_html(summarize(info, outcomes), outcomes, nonce=request.state.csp_nonce))
