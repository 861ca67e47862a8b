"""macrohard as an MCP server (``macrohard mcp serve``): one sandboxed environment, its actions as tools.

Every tool call becomes the action of its kind and goes through a ``GuardedSession``: reviewed by the guard
(the verdict in the run's audit chain), executed only when approved, in the sandboxed workspace, and its
observation screened. A denial is a tool *error result* that names the rule, never an exception of the
server. Calls run one at a time on one worker thread (the shell is one persistent session; Playwright's
sync API belongs to the thread that started it). HTTP (streamable HTTP at ``/mcp``) needs a bearer token.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import hmac
import json
import logging
import secrets
import signal
import sys
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from macrohard.errors import ConfigError
from macrohard.mcp.tools import mcp_tool, parse_arguments, tool_actions
from macrohard.types import Observation

T = TypeVar("T")
TOKEN_ENV = "MACROHARD_MCP_TOKEN"
log = logging.getLogger("macrohard.mcp")


class EnvironmentServer:
    """The MCP server over one ``GuardedSession`` (``session.env`` its environment)."""

    def __init__(self, session: Any, *, allow: list[str] | None = None) -> None:
        self.session = session
        self.actions = tool_actions(list(session.env.action_types), allow)
        facts = session.env.guard_facts() if callable(getattr(session.env, "guard_facts", None)) else None
        self.network = getattr(facts, "network", None) or session.task.network
        self.worker = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="macrohard-mcp-env")
        self.calls = 0
        self.server = self._build()

    # -- the environment, on its own thread ----------------------------------------------------------

    def on_worker(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the environment's thread and wait (for start and close, outside the event loop)."""
        return self.worker.submit(fn).result()

    async def _call(self, fn: Callable[[], T]) -> T:
        return await asyncio.wrap_future(self.worker.submit(fn))

    def start(self) -> None:
        self.on_worker(self.session.start)

    def close(self) -> None:
        try:
            self.on_worker(lambda: self.session.close(error=None))
        finally:
            self.worker.shutdown(wait=True)

    # -- the MCP handlers -------------------------------------------------------------------------------

    def _build(self) -> Any:
        import mcp.types as mt
        from mcp.server.lowlevel import Server

        server: Any = Server("macrohard", instructions=(
            f"A macrohard {self.session.env.kind} environment: every call is reviewed by a safety guard and runs "
            "in a sandboxed workspace. A denied call comes back as an error result that says which rule refused it."))
        tools = [mcp_tool(cls, network=self.network) for cls in self.actions.values()]

        @server.list_tools()  # type: ignore[misc]
        async def list_tools() -> list[mt.Tool]:
            return tools

        @server.call_tool()  # type: ignore[misc]
        async def call_tool(name: str, arguments: dict[str, Any]) -> mt.CallToolResult:
            cls = self.actions.get(name)
            if cls is None:
                return _error(f"unknown tool {name!r}; this server has: {', '.join(self.actions)}")
            try:
                action = parse_arguments(cls, arguments)
            except ValueError as exc:
                return _error(str(exc))
            self.calls += 1
            outcome = await self._call(lambda: self.session.act(action))
            return result(outcome.observation)

        return server


def _error(text: str) -> Any:
    import mcp.types as mt

    return mt.CallToolResult(content=[mt.TextContent(type="text", text=text)], isError=True)


def result(obs: Observation) -> Any:
    """An observation as a tool result: its text (and exit code), its screenshots, ``isError`` when it failed."""
    import mcp.types as mt

    text = obs.output
    if obs.exit_code is not None and "exit code" not in text[-40:]:
        text = f"{text}\n[exit code {obs.exit_code}]" if text else f"[exit code {obs.exit_code}]"
    content: list[Any] = [mt.TextContent(type="text", text=text)]
    content += [mt.ImageContent(type="image", data=img.data_b64, mimeType=img.media_type) for img in obs.images]
    meta = {k: obs.meta[k] for k in ("denied", "check", "url") if k in obs.meta}
    if obs.untrusted:
        meta["untrusted"] = True
    return mt.CallToolResult(content=content, isError=obs.error, _meta=meta or None)


async def serve_stdio(env_server: EnvironmentServer) -> None:
    from mcp.server.stdio import stdio_server

    server = env_server.server
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def token_from_env_or_new() -> tuple[str, bool]:
    """The bearer token: ``$MACROHARD_MCP_TOKEN`` or a new random one (second value: whether it is new)."""
    import os

    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        if len(token) < 16:
            raise ConfigError(f"${TOKEN_ENV} is too short to guard a server ({len(token)} characters); use at least "
                              "16, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`")
        return token, False
    return secrets.token_urlsafe(32), True


def http_app(env_server: EnvironmentServer, token: str, host: str = "127.0.0.1") -> Any:
    """A Starlette app: streamable HTTP at ``/mcp``, each request checked for ``Authorization: Bearer TOKEN``.

    First (rt57; rt56c's left open) its ``Host`` and ``Origin``, by the web app's own checks
    (``server.hostcheck``): a ``Host`` that is not loopback, an IP address or ``host`` (the name the server was
    started with) is a page whose DNS name a rebinding server turned to this machine; any ``Origin`` but the
    server's own is another site's page. MCP clients send no ``Origin``."""
    from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
    from starlette.applications import Starlette
    from starlette.routing import Route

    from macrohard.server.hostcheck import foreign_host, foreign_origin

    manager = StreamableHTTPSessionManager(app=env_server.server)
    expected = f"Bearer {token}".encode()
    names = (host.lower(),)

    async def refuse(send: Any, status: int, error: str, extra: list[tuple[bytes, bytes]]) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), *extra]})
        await send({"type": "http.response.body", "body": json.dumps({"error": error}).encode()})

    class Endpoint:
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            headers = dict(scope.get("headers") or [])
            named = headers.get(b"host", b"").decode("latin-1")
            origin = headers.get(b"origin")
            if foreign_host(named, names=names, addresses=True):
                await refuse(send, 403, f"this MCP server answers only requests for a loopback address, an IP "
                                        f"address or {host!r}, not {named[:80]!r} (a page of another site may have "
                                        "turned its name to this machine)", [])
                return
            if foreign_origin(None if origin is None else origin.decode("latin-1"), named):
                await refuse(send, 403, f"a request from another site's page ({origin[:80].decode('latin-1')!r}) "
                                        "is refused: MCP clients send no Origin", [])
                return
            if not hmac.compare_digest(headers.get(b"authorization", b""), expected):
                await refuse(send, 401, "unauthorized: send `Authorization: Bearer <token>` (the token "
                                        f"`macrohard mcp serve` printed, or ${TOKEN_ENV})",
                             [(b"www-authenticate", b"Bearer")])
                return
            await manager.handle_request(scope, receive, send)

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        async with manager.run():
            yield

    return Starlette(routes=[Route("/mcp", endpoint=Endpoint(), methods=["GET", "POST", "DELETE"])],
                     lifespan=lifespan)


def serve_http(env_server: EnvironmentServer, host: str, port: int, token: str) -> None:
    import uvicorn

    config = uvicorn.Config(http_app(env_server, token, host), host=host, port=port, log_level="warning",
                            timeout_graceful_shutdown=5, lifespan="on")
    # uvicorn stops gracefully on SIGTERM, then raises the signal again for the handler it found: make that
    # a KeyboardInterrupt, so that the caller closes the sandbox and ends the run instead of dying with them open
    signal.signal(signal.SIGTERM, _interrupt)
    uvicorn.Server(config).run()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def parse_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"--http takes HOST:PORT (e.g. 127.0.0.1:8765), not {text!r}")
    return host.strip("[]"), int(port)


def say(text: str) -> None:
    """Messages for the person who started the server go to stderr (stdout carries the stdio protocol)."""
    print(text, file=sys.stderr, flush=True)
