"""The web app: FastAPI over the run store. ``create_app`` wires the store, the users, the bus and the live runs.

Every route but ``/login`` and ``/static`` needs a user: a session cookie (and, for a state-changing
request, the session's CSRF token in ``X-CSRF-Token`` or a form's ``csrf`` field) or
``Authorization: Bearer TOKEN``. With neither: 401 and no data.
"""

from __future__ import annotations

import hmac
import json
import math
import sqlite3
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.utils import is_body_allowed_for_status_code
from starlette.exceptions import HTTPException as StarletteHTTPException

from macrohard.errors import NotFound, UserError
from macrohard.server.auth import User, Users
from macrohard.server.bus import EventBus
from macrohard.server.headers import SecurityHeaders
from macrohard.server.hostcheck import SAFE_METHODS, foreign_host, foreign_origin, is_loopback  # noqa: F401
from macrohard.server.live import LiveRuns, mark_interrupted
from macrohard.server.peers import RefuseSandboxes

COOKIE = "macrohard_session"
MAX_BODY = 1 << 20
HERE = Path(__file__).parent


@dataclass(frozen=True)
class Caller:
    user: User
    csrf: str | None  # the session's CSRF token; None for a bearer token (no cookie, so nothing to forge)


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413 naming the limit, declared or streamed."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send)
        seen, over, refused = 0, False, False

        async def limited() -> Any:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:  # the app sees a client that left; its answer is replaced by the 413 below
                over = True
                return {"type": "http.disconnect"}
            return message

        async def guarded(message: Any) -> None:
            nonlocal refused
            if not over:
                return await send(message)
            if not refused:
                refused = True
                await self._refuse(send)

        await self.app(scope, limited, guarded)
        if over and not refused:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = (b'{"detail":"the request body is over the limit of %d bytes; send less (or start the server '
                b'with a larger --max-body)"}' % self.limit)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class SafeJSON(JSONResponse):
    """An error's JSON that is always sent. rt56c: FastAPI's 422 echoes the refused input, and a detail may quote it;
    an input that cannot be written back as UTF-8 JSON (a lone surrogate ``"\\ud800"`` in a task, a message, an
    ``allow_hosts`` entry, a voice text; ``1e400``, read as infinity, for ``max_steps``) made the answer itself fail:
    500 "Internal Server Error", the input's problem unsaid. Such a body is written with ``\\u`` escapes and a number
    JSON has no word for as its text; every other body exactly as before."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except (UnicodeEncodeError, ValueError):
            return json.dumps(_finite(content), ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def create_app(store: Any = None, *, no_auth: bool = False, max_body: int = MAX_BODY, workers: int = 4) -> FastAPI:
    from macrohard.store.sqlite import SQLiteStore

    store = store if store is not None else SQLiteStore()
    bus = EventBus()
    live = LiveRuns(store, bus, workers=workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        live.shutdown()
        chats = getattr(app.state, "chats", None)
        if chats is not None:
            chats.shutdown()

    # no /docs: Swagger UI loads from a CDN, and the app works with no internet; the schema is /openapi.json
    app = FastAPI(title="macrohard", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Runs, their live steps and approvals, audit verification and evaluations.")
    app.state.store, app.state.users, app.state.bus, app.state.live = store, Users(str(store.path)), bus, live
    app.state.no_auth = no_auth
    app.state.interrupted = mark_interrupted(store)  # runs a killed server left behind
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(RefuseSandboxes)  # the approval path is for people, never for an agent's sandbox (rt42)
    app.add_middleware(SecurityHeaders)  # rt55c: outermost, so a refusal above carries them too

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and (page := await _not_found_page(request, str(exc.detail))) is not None:
            return page  # ux56: a person's browser gets a page, the API its JSON
        if not is_body_allowed_for_status_code(exc.status_code):  # as FastAPI's own handler
            return Response(status_code=exc.status_code, headers=exc.headers)
        return SafeJSON({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> JSONResponse:
        return SafeJSON({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return await _not_found_page(request, str(exc)) or SafeJSON({"detail": str(exc)}, status_code=404)

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> JSONResponse:
        from macrohard.server.live import ServerBusy
        from macrohard.server.words import web_words

        # rel53b: a start refused for its model ("scripted needs a file: --model scripted:FILE") names the model field
        return SafeJSON({"detail": web_words(str(exc))}, status_code=503 if isinstance(exc, ServerBusy) else 400)

    @app.exception_handler(sqlite3.OperationalError)
    async def store_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        # ux52: the store locked by another program past the wait, said as the terminal says it (who, the fix), 503;
        # before: "Internal Server Error" (a login, an answer, any write while a `sqlite3` shell held a transaction)
        from macrohard.sqlitedisk import locked

        said = locked(exc, store.path)
        if said is None:
            raise exc
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(said)}, status_code=503)
        return PlainTextResponse(f"{said}\n", status_code=503)

    from macrohard.server import api, chats, coding, money, pages, speech

    app.state.chats = None  # made on first use: the chat engine loads the divisions
    app.include_router(api.router)
    app.include_router(chats.router)
    app.include_router(coding.router)
    app.include_router(money.router)
    app.include_router(speech.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


async def caller(request: Request) -> Caller:
    """The user behind a request, or 401; a cookie session's state-changing request must carry its CSRF token."""
    state = request.app.state
    if state.no_auth:
        _this_machines_page(request)
        return Caller(User("local", "owner"), None)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = state.users.by_token(header[7:].strip())
        if user is None:
            raise HTTPException(401, "wrong token: use a token from `macrohard serve users add NAME`",
                                headers={"WWW-Authenticate": "Bearer"})
        return Caller(user, None)
    session = state.users.session(request.cookies.get(COOKIE))
    if session is None:
        raise HTTPException(401, "log in first: open the URL with ?token=… that `macrohard serve` printed, "
                                 "or send Authorization: Bearer TOKEN", headers={"WWW-Authenticate": "Bearer"})
    if request.method not in SAFE_METHODS:
        sent = request.headers.get("x-csrf-token")
        if sent is None and request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            sent = (await form(request)).get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(sent, session.csrf):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    return Caller(session.user, session.csrf)


def _this_machines_page(request: Request) -> None:
    """403 unless a no-auth request is the person's own: its Host names loopback, and a state-changing one does not
    come from another origin. rt49: "everyone who can reach the port" included any web page the person's browser
    opened: a page whose name its DNS turned to 127.0.0.1 (rebinding: same origin to the browser, ``Host:`` its own
    name) read the runs and approved the command a run waited on; a page of another origin started a run with a
    no-cors POST (a body with no content type is sent without a preflight). Requests without an ``Origin`` (the
    CLI, curl, the app's own page loads) are the person's."""
    host = request.headers.get("host", "")
    if foreign_host(host):
        raise HTTPException(403, f"this no-auth server answers only requests for a loopback address, not {host[:80]!r} "
                                 "(a page of another site may have turned its name to 127.0.0.1); open "
                                 "http://127.0.0.1:PORT/, or serve with a login (drop --no-auth)")
    origin = request.headers.get("origin")
    if request.method not in SAFE_METHODS and foreign_origin(origin, host):
        raise HTTPException(403, f"a request from another site's page ({origin[:80]!r}) may not change anything on this "
                                 "no-auth server; use its own page, the CLI, or serve with a login (drop --no-auth)")


CallerDep = Depends(caller)

# Model kinds whose spec names neither a place nor a file: the server's own local models, and the presets, whose
# server and key are the owner's environment (``XAI_BASE_URL``, ``OPENAI_API_KEY``...). Any other spec is an owner's
# choice: ``scripted:FILE`` reads a file on the server, and ``http://HOST/v1`` was built with the server's
# ``MACROHARD_API_KEY``, which it sent to HOST in ``Authorization`` (rt46b: a member's run sent the owner's key to
# the member's own listener); a kind a third party registers may do either.
MEMBER_MODEL_KINDS = ("local", "xai", "openai", "ollama")


def check_model_choice(spec: str | None, user: User, *, role: str = "agent") -> None:
    """403 unless ``user`` may have the server build ``spec``: an owner any; others the default (none named, or the
    server's own default spec) and the kinds in ``MEMBER_MODEL_KINDS``."""
    if not spec or user.role == "owner":
        return
    from macrohard.models import default_spec

    if spec == default_spec(role) or spec.partition(":")[0] in MEMBER_MODEL_KINDS and "://" not in spec:
        return
    kind = "a model server's URL" if "://" in spec else f"the model kind {spec.partition(':')[0]!r}"
    raise HTTPException(403, f"{kind} is an owner's choice (it may read a file on the server, or be sent the "
                             f"server's model key): leave the model out for the server's default, or name one of "
                             f"{', '.join(MEMBER_MODEL_KINDS)}[:NAME]")


async def form(request: Request) -> dict[str, str]:
    """A url-encoded form's fields (the last value of each); no multipart: the pages send nothing else."""
    from urllib.parse import parse_qsl

    return dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))


async def _not_found_page(request: Request, detail: str) -> Response | None:
    """A page for a person (a browser's GET outside /api that takes HTML): the app's header and what was not found,
    with links; None for the API and scripts (their JSON ``detail`` as before). ux56: a page's unknown run or
    conversation id showed the raw JSON `{"detail":"no run 'x'"}` in the browser."""
    if request.method != "GET" or request.url.path.startswith("/api") or "text/html" not in request.headers.get(
            "accept", ""):
        return None
    from macrohard.server.pages import _page

    try:
        who = await caller(request)
    except HTTPException:
        who = None
    return _page(request, "notfound.html", who, code=404, detail=detail)


def visible_run(request: Request, run_id: str, who: Caller) -> Any:
    """The run if ``who`` may see it; another user's run is 404, exactly like a missing one."""
    store = request.app.state.store
    try:
        run = store.get_run(run_id)
    except NotFound:
        run = None
    if run is None or not may_see(store, who.user, run):
        raise HTTPException(404, f"no run {run_id!r}")
    return run


def may_see(store: Any, user: User, run: Any) -> bool:
    """Owners and viewers see every run; a member the runs it started and those its conversations delegated."""
    if user.sees_all or run.meta.get("user") == user.name:
        return True
    conversation = run.meta.get("conversation_id")
    if not conversation:
        return False
    from macrohard.store.conversations import ConversationStore

    try:
        ConversationStore(store).get(conversation, user.name)
    except NotFound:
        return False
    return True
