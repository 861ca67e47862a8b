"""One connection to an outside MCP server, usable from synchronous code, that can never hang its caller.

The official ``mcp`` client is async: each connection owns an event loop on a daemon thread, where one task
opens the transport and the session, serves calls from a queue, and closes them (anyio's scopes must be left
by the task that entered them). Every call has a deadline; a server that dies, hangs or sends a message over
``max_bytes`` (an endless line too) fails the call with ``McpFailure`` and is reconnected on the next call.
A response cut at ``max_bytes`` ends the call at once: the SDK's HTTP transport only logs a broken response
(the request would wait out its deadline), so the cut itself wakes the call (``trip``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import re
import shlex
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx

from macrohard.mcp import runner_shim
from macrohard.types import McpServer

Call = Callable[[Any], Awaitable[Any]]

# The SDK's HTTP transport logs a broken response with its traceback ("Error parsing JSON response") on stderr, in
# the middle of the CLI's live view; the call's failure is reported here, once, in words (McpFailure).
logging.getLogger("mcp.client.streamable_http").setLevel(logging.CRITICAL)


class McpFailure(Exception):
    """A call that did not come back: the text says what happened to the server and what to do."""


class TooLarge(Exception):
    pass


def trip(state: dict[str, Any]) -> None:
    """Mark the connection's response as cut at ``max_bytes`` and wake the call that waits for it."""
    state["too_large"] = True
    event = state.get("tripped")
    if event is not None:
        event.set()


# what every stdio server gets of this shell's environment (the MCP SDK's own default list); the rest only by `env:`
INHERITED = ("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER")


def server_env(cfg: McpServer) -> dict[str, str]:
    """A stdio server's environment: ``INHERITED`` and what its ``env:`` names, never the whole shell's (rt44: every
    API key of the user's shell reached any server a task file named). A NAME it lists that is not set fails the
    start, in words that say so."""
    env = {name: os.environ[name] for name in INHERITED if name in os.environ}
    missing = []
    for entry in cfg.env:
        name, eq, value = entry.partition("=")
        if eq:
            env[name] = value
        elif name in os.environ:
            env[name] = os.environ[name]
        else:
            missing.append(name)
    if missing:
        raise McpFailure(f"MCP server {cfg.name!r} did not start: its `env:` passes ${', $'.join(missing)}, which "
                         "this shell does not set (export it, or write NAME=value in `env:`)")
    return env


_PREFIX_MARK = "macrohard-npx-prefix-"


def host_command(command: list[str], env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """A host server's command and environment, so that the shell's current folder supplies no code to it.

    A host server runs in the current folder (rt45: a relative ``server.py`` in the person's own entry is theirs to
    mean), but two ways of starting one take code from that folder by themselves: ``python -m NAME`` (rt50c) puts
    it first on ``sys.path``, and ``npx PKG`` (rt51c) runs the ``node_modules/.bin/PKG`` of the nearest project
    above it (so does `npm exec`). Run from a downloaded repository whose task names the person's own host server (same name and
    command), the repository's ``NAME.py`` or ``node_modules/.bin/PKG`` ran on the host before any review. Each
    tool's own switch: ``PYTHONSAFEPATH`` (never prepend the folder), npx's ``--prefix`` (an empty project, so the
    package comes from npm's cache or registry, as the person meant); the arguments and the folder stay theirs."""
    if {"-m", "-c"} & set(command[1:]):
        env = {**env, "PYTHONSAFEPATH": "1"}
    program = os.path.basename(command[0]) if command else ""
    if program in ("node", "nodejs") and len(command) > 1 and os.path.basename(command[1]) in _CLI:
        command, program = command[1:], _CLI[os.path.basename(command[1])]  # rt55: `node …/npx-cli.js` is npx
    elif program in _CLI:
        program = _CLI[program]
    if program == "npx" or (program == "npm" and {"exec", "x"} & set(command[1:])):
        from macrohard.envs.leftovers import own_folder

        # its owner in its name: a killed process's is removed by a later one (rel54: 9 left in the helpers' /tmp)
        command = [command[0], "--prefix", own_folder(_PREFIX_MARK), *command[1:]]
    elif program in runner_shim.RUNNERS:  # rt52c: yarn, pnpm, bunx... refuse a folder that holds their settings
        shims, empty = _shims()
        real = ["--real", command[0]] if "/" in command[0] else []  # a path of the person's: that program
        command = [sys.executable, "-I", "-S", runner_shim.__file__, program, empty, shims, *real, *command[1:]]
    if "PATH" in env:  # rt52c: a runner the server starts by name (`sh -c "npx PKG"`, a script) goes the same way
        shims, _ = _shims()
        env = {**env, "PATH": shims + os.pathsep + env["PATH"]}
        # rt56: and npx (or `npm exec`) started by a path the code builds when it runs (`p=/usr/bi; ${p}n/npx`,
        # `$(printf …)`, `eval`, an IFS split, a script of the person's that names /usr/bin/npx): no rewrite of the
        # text sees those, so every node process of the server loads a hook first (NODE_OPTIONS) that gives npm's own
        # npx-cli.js / npm-cli.js the empty project, whatever path started it
        env = {**env, "NODE_OPTIONS": f"{env.get('NODE_OPTIONS', '')} --require {_node_hook()}".strip()}
        env = _uv_settings(env)
    if program in _SHELLS and "-c" in command[1:-1]:  # rt54: and one it names by its path in the shell's code
        at = command.index("-c", 1) + 1
        command = [*command[:at], _by_path(command[at]), *command[at + 1:]]
    return command, env


def _uv_settings(env: dict[str, str]) -> dict[str, str]:
    """rt61 (rt57 left open): uv is a native program, so no NODE_OPTIONS hook sees a ``uv run`` started by a path the
    code builds when it runs (``p=/usr/lo; ${p}cal/bin/uv run …``), and it read the folder's ``uv.toml`` (its index).
    uv's own switch: a ``UV_CONFIG_FILE`` turns its discovery of settings off (the folder's and the ones above it),
    so the person's user settings are named there (``$XDG_CONFIG_HOME/uv/uv.toml``, ``~/.config/uv/uv.toml``), else
    ``UV_NO_CONFIG``. A uv the server starts by name or by a path written out goes through the shims, which give it
    back the person's environment (``runner_shim``: their project by an absolute ``--directory`` keeps its settings).
    Settings the person gave themselves (either variable) are left as they are."""
    if "UV_CONFIG_FILE" in env or "UV_NO_CONFIG" in env:
        return env
    home = env.get("HOME") or ""
    config = env.get("XDG_CONFIG_HOME") or (os.path.join(home, ".config") if home else "")
    user = os.path.join(config, "uv", "uv.toml") if config else ""
    if user and os.path.isfile(user):
        return {**env, "UV_CONFIG_FILE": user, runner_shim.UV_SET: "UV_CONFIG_FILE"}
    return {**env, "UV_NO_CONFIG": "1", runner_shim.UV_SET: "UV_NO_CONFIG"}


_SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "mksh", "ash"})
# npm's own scripts, which /usr/bin/npx and /usr/bin/npm link to (`node …/npx-cli.js PKG` is npx)
_CLI = {"npx-cli.js": "npx", "npm-cli.js": "npm"}
_NAMES = "|".join(sorted([*runner_shim.RUNNERS, *(re.escape(c) for c in _CLI)], key=len, reverse=True))
# an absolute path to a package runner as a whole word of shell code: outside quotes, in quotes, or a value
# (`/usr/bin/npx -y PKG`, `"/usr/bin/npx"`, `N=/usr/bin/npx; $N`); npm's script after node (`node …/npx-cli.js`)
_RUNNER_PATH = re.compile(r"(?:(?<![^\s;&|(`])(?:/[\w.+/-]*/)?node\s+)?(?<![^\s;&|(`'\"=])(/[\w.+/-]*/(" + _NAMES +
                          r"))(?=$|[\s;&|)'\"`])")


def _by_path(code: str) -> str:
    """Shell code with each package runner it starts by its absolute path sent through that runner's shim, as
    ``host_command`` sends a runner the server starts by name. rt53 left ``sh -c "/usr/bin/npx -y PKG"`` open: the
    shims are found on PATH only, so npx ran the folder's node_modules/.bin/PKG; rt55 found the same path in quotes
    (``"/usr/bin/npx"``), held in a variable (``N=/usr/bin/npx; $N``) and npm's own script (``node
    …/npx-cli.js``). Each such path is replaced by a program of its own (``_shim_for``: the shim with ``--real
    PATH``), so it stays one word wherever the code keeps it. A path the code builds from pieces is not rewritten."""
    if "/" not in code:
        return code
    def one(m: re.Match[str]) -> str:
        name, before, after = _CLI.get(m.group(2), m.group(2)), code[m.start() - 1:m.start()], code[m.end():m.end() + 1]
        if m.group(0) == m.group(1) and before not in "'\"=" and after not in "'\"`":  # a word of its own (rt54)
            shims, _ = _shims()
            return f"{shlex.quote(os.path.join(shims, name))} --real {m.group(1)}"
        return _shim_for(m.group(1), name)

    return _RUNNER_PATH.sub(one, code)


def _shim_for(real: str, name: str) -> str:
    """A program (in this process's shim folder) that runs ``name``'s shim with ``--real REAL``."""
    import hashlib

    shims, empty = _shims()
    folder = os.path.join(os.path.dirname(shims), "by-path", hashlib.sha256(real.encode()).hexdigest()[:16])
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        with open(path + ".tmp", "w") as f:
            f.write(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -I -S {shlex.quote(runner_shim.__file__)} "
                    f"{name} {shlex.quote(empty)} {shlex.quote(shims)} --real {shlex.quote(real)} \"$@\"\n")
        os.chmod(path + ".tmp", 0o555)
        os.replace(path + ".tmp", path)
    return path


_SHIMS: list[tuple[str, str]] = []


def _shims() -> tuple[str, str]:
    """This process's folder of programs named after the package runners (each runs ``runner_shim``), and the empty
    project folder npx is given; made once, removed at exit. Read-only for the servers: nothing is written there."""
    if not _SHIMS:
        import atexit
        import shutil
        import tempfile

        root = tempfile.mkdtemp(prefix="macrohard-runners-")
        shims, empty = os.path.join(root, "bin"), os.path.join(root, "empty")
        os.mkdir(shims)
        os.mkdir(empty)
        for name in sorted(runner_shim.RUNNERS):
            path = os.path.join(shims, name)
            with open(path, "w") as f:
                f.write(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -I -S {shlex.quote(runner_shim.__file__)} "
                        f"{name} {shlex.quote(empty)} {shlex.quote(shims)} \"$@\"\n")
            os.chmod(path, 0o555)
        os.chmod(empty, 0o555)
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _SHIMS.append((shims, empty))
    return _SHIMS[0]


_NODE_HOOK = """// macrohard (rt56): npm's npx and `npm exec`, however they were started, run in an empty project
"use strict";
const path = require("path");
let main = "";
try {  // the script node runs (`node -e CODE ARGS` runs none: its first argument is no path)
  if (process.argv[1] && path.isAbsolute(process.argv[1]) && !process.execArgv.some((a) => /^-(e|p|-eval|-print)/.test(a))) {
    main = path.basename(require("fs").realpathSync(process.argv[1]));
  }
} catch (e) { main = ""; }
const words = process.argv.slice(2).filter((a) => !a.startsWith("-"));
// rt57: yarn, pnpm and corepack (their own scripts, or corepack's) by any path: refused, as their shims refuse
// them, where the folder holds their project settings or packages (runner_shim.py --check NAME)
const kinds = {"yarn.js": "yarn", "yarn.cjs": "yarn", "yarnpkg.js": "yarn", "yarnpkg.cjs": "yarn",
               "pnpm.js": "pnpm", "pnpm.cjs": "pnpm", "pnpx.js": "pnpm", "pnpx.cjs": "pnpm",
               "corepack.js": "corepack", "corepack.cjs": "corepack"};
let kind = Object.prototype.hasOwnProperty.call(kinds, main) ? kinds[main] : "";
if (kind === "corepack" && (words[0] === "yarn" || words[0] === "yarnpkg")) kind = "yarn";
if (kind === "corepack" && (words[0] === "pnpm" || words[0] === "pnpx")) kind = "pnpm";
if (kind) {
  const done = require("child_process").spawnSync(PYTHON, ["-I", "-S", SHIM, "--check", kind],
                                                  {stdio: ["ignore", "ignore", "inherit"]});
  if (done.status !== 0) process.exit(126);
}
if ((main === "npx-cli.js" || (main === "npm-cli.js" && (words[0] === "exec" || words[0] === "x"))) &&
    !process.argv.slice(2).some((a) => a === "--prefix" || a.startsWith("--prefix="))) {
  process.argv.splice(2, 0, "--prefix", EMPTY);
}
"""


def _node_hook() -> str:
    """A script (in this process's shim folder) every node process of a host server loads first (``--require``):
    npm's ``npx-cli.js`` and ``npm-cli.js exec`` get ``--prefix EMPTY`` as ``runner_shim.rewrite`` gives them; yarn's,
    pnpm's and corepack's scripts are refused where ``runner_shim.project_settings`` finds their folder's settings."""
    import json

    shims, empty = _shims()
    path = os.path.join(os.path.dirname(shims), "node-hook.js")
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as f:
            f.write(_NODE_HOOK.replace("EMPTY", json.dumps(empty)).replace("PYTHON", json.dumps(sys.executable))
                    .replace("SHIM", json.dumps(runner_shim.__file__)))
        os.chmod(path + ".tmp", 0o444)
        os.replace(path + ".tmp", path)
    return path


def _forget_prefix(command: list[str]) -> None:
    """Remove the empty project folder ``host_command`` made for npx (npx writes nothing there)."""
    if len(command) > 2 and command[1] == "--prefix" and os.path.basename(command[2]).startswith(_PREFIX_MARK):
        import shutil

        shutil.rmtree(command[2], ignore_errors=True)


@contextlib.asynccontextmanager
async def capped_stdio(cfg: McpServer, state: dict[str, Any]) -> AsyncIterator[tuple[Any, Any]]:
    """The SDK's stdio transport, with each message capped at ``cfg.max_bytes`` (an endless line ends the
    connection instead of filling memory) and the server's stderr discarded (it is not for the model)."""
    import anyio
    import mcp.types as mt
    from mcp.shared.message import SessionMessage

    assert cfg.command is not None
    env = server_env(cfg)
    command = cfg.command
    groups = None
    if not cfg.host:  # rt45: in a bubblewrap sandbox unless the user's own config (or code) says host
        from macrohard.mcp.placement import limited, sandbox_command
        command, env = sandbox_command(cfg, env, **state.get("placement", {}))
        command, groups = limited(command)  # rt46: the shell sandbox's memory, process and CPU limits
    else:
        command, env = host_command(command, env)
    try:
        process = await anyio.open_process(command, stdin=-1, stdout=-1, stderr=-3,  # -3: DEVNULL
                                           env=env, start_new_session=True)
    except BaseException:
        if groups is not None:
            groups.remove()
        _forget_prefix(command)
        raise
    reader_w, reader = anyio.create_memory_object_stream[Any](0)
    writer, writer_r = anyio.create_memory_object_stream[Any](0)

    async def read_out() -> None:
        assert process.stdout is not None
        buffer = b""
        async with reader_w:
            try:
                async for chunk in process.stdout:
                    buffer += chunk
                    *lines, buffer = buffer.split(b"\n")
                    if len(buffer) > cfg.max_bytes or any(len(line) > cfg.max_bytes for line in lines):
                        trip(state)
                        return  # the session sees the connection close; the call fails, never waits
                    for line in lines:
                        try:
                            message = mt.JSONRPCMessage.model_validate_json(line)
                        except Exception as exc:  # noqa: BLE001 - a garbled line is the server's error
                            await reader_w.send(exc)
                            continue
                        await reader_w.send(SessionMessage(message))
            except (anyio.ClosedResourceError, anyio.BrokenResourceError):
                return

    async def write_in() -> None:
        assert process.stdin is not None
        async with writer_r:
            try:
                async for message in writer_r:
                    data = message.message.model_dump_json(by_alias=True, exclude_none=True) + "\n"
                    await process.stdin.send(data.encode())
            except (anyio.ClosedResourceError, anyio.BrokenResourceError):
                return

    async with anyio.create_task_group() as tg:
        tg.start_soon(read_out)
        tg.start_soon(write_in)
        try:
            yield reader, writer
        finally:
            tg.cancel_scope.cancel()
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with anyio.move_on_after(5, shield=True):
                await process.aclose()  # waits, and closes the pipes' transports while the loop still runs
            if groups is not None:  # what the server left (a child it forked off) is killed with its groups
                groups.remove()
            _forget_prefix(command)


class _CappedStream(httpx.AsyncByteStream):
    """A response body that stops with ``httpx.ReadError`` after ``cap`` bytes."""

    def __init__(self, stream: Any, cap: int, state: dict[str, Any]) -> None:
        self.stream, self.cap, self.state, self.seen = stream, cap, state, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self.stream:
            self.seen += len(chunk)
            if self.seen > self.cap:
                trip(self.state)
                raise httpx.ReadError(f"the response is larger than {self.cap} bytes")
            yield chunk

    async def aclose(self) -> None:
        await self.stream.aclose()


def capped_http_client(cfg: McpServer, state: dict[str, Any]) -> Any:
    """An httpx client whose responses stop at ``cfg.max_bytes`` (a streamed endless response too)."""
    class Transport(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await super().handle_async_request(request)
            response.stream = _CappedStream(response.stream, cfg.max_bytes, state)  # type: ignore[assignment]
            return response

    headers = {}
    if cfg.token_env:
        headers["Authorization"] = f"Bearer {os.environ.get(cfg.token_env, '')}"
    return httpx.AsyncClient(transport=Transport(), headers=headers,
                             timeout=httpx.Timeout(cfg.timeout, read=cfg.timeout))


class Connection:
    """A connection to ``cfg``'s server; ``call(fn)`` runs ``await fn(session)`` there within the deadline."""

    def __init__(self, cfg: McpServer, placement: dict[str, Any] | None = None) -> None:
        self.cfg = cfg
        self.placement = dict(placement or {})  # a sandboxed stdio server's workspace, bind and task folder
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=f"mcp-{cfg.name}", daemon=True)
        self.thread.start()
        self.queue: asyncio.Queue[Any] | None = None
        self.owner: concurrent.futures.Future[Any] | None = None
        self.state: dict[str, Any] = {"placement": self.placement}
        self.tools: dict[str, Any] = {}  # name -> mcp.types.Tool, as the server listed them

    # -- the owner task: opens, serves, closes ---------------------------------------------------------

    async def _serve(self, ready: asyncio.Future[Any]) -> None:
        from mcp import ClientSession

        self.queue = asyncio.Queue()
        self.state["tripped"] = asyncio.Event()
        failed: asyncio.Future[Any] | None = None
        timeout = timedelta(seconds=self.cfg.timeout)
        try:
            async with contextlib.AsyncExitStack() as stack:
                if self.cfg.command is not None:
                    read, write = await stack.enter_async_context(capped_stdio(self.cfg, self.state))
                else:
                    from mcp.client.streamable_http import streamable_http_client

                    client = await stack.enter_async_context(capped_http_client(self.cfg, self.state))
                    read, write, _ = await stack.enter_async_context(
                        streamable_http_client(str(self.cfg.url), http_client=client))
                session = await stack.enter_async_context(ClientSession(read, write, read_timeout_seconds=timeout))
                await self._bounded(session.initialize())
                self.tools = {t.name: t for t in (await self._bounded(session.list_tools())).tools}
                ready.set_result(None)
                while True:
                    fn, done = await self.queue.get()
                    if fn is None:
                        return
                    try:
                        done.set_result(await self._bounded(fn(session)))
                    except TooLarge:
                        failed = done  # told once the connection is closed (below): the caller's _kill would
                        raise          # cut the closing short; the next call opens a fresh one
                    except BaseException as exc:  # noqa: BLE001 - handed to the caller
                        done.set_exception(exc)
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            if failed is not None and not failed.done():
                failed.set_exception(exc)
            while self.queue is not None and not self.queue.empty():
                _, done = self.queue.get_nowait()
                if done is not None and not done.done():
                    done.set_exception(exc)
            if not isinstance(exc, Exception):
                raise

    async def _bounded(self, step: Awaitable[Any]) -> Any:
        """``await step``, unless a response is cut at ``max_bytes`` first: then ``TooLarge`` at once."""
        task = asyncio.ensure_future(step)
        tripped = asyncio.ensure_future(self.state["tripped"].wait())
        try:
            await asyncio.wait([task, tripped], return_when=asyncio.FIRST_COMPLETED)
        finally:
            tripped.cancel()
            if not task.done():
                task.cancel()
                await asyncio.wait([task], timeout=2)
        if task.done() and not task.cancelled():
            return task.result()
        if self.state.get("too_large"):
            raise TooLarge(f"a response was larger than {self.cfg.max_bytes} bytes")
        raise asyncio.CancelledError

    def _open(self) -> None:
        if self.owner is not None and not self.owner.done():
            return
        self.state.clear()
        self.state["placement"] = self.placement

        async def start() -> None:
            ready = asyncio.get_running_loop().create_future()
            self.task = asyncio.ensure_future(self._serve(ready))
            await ready

        future = asyncio.run_coroutine_threadsafe(start(), self.loop)
        try:
            future.result(self.cfg.timeout + 5)
        except concurrent.futures.TimeoutError as exc:
            self._kill()
            raise McpFailure(f"MCP server {self.cfg.name!r} did not start within {self.cfg.timeout:g}s") from exc
        except Exception as exc:
            self._kill()
            raise McpFailure(self._why(exc, "did not start")) from exc
        self.owner = asyncio.run_coroutine_threadsafe(self._wait_owner(), self.loop)

    async def _wait_owner(self) -> None:
        with contextlib.suppress(BaseException):
            await self.task

    def _kill(self) -> None:
        task = getattr(self, "task", None)
        if task is not None:
            self.loop.call_soon_threadsafe(task.cancel)
        self.owner = None

    def _why(self, exc: BaseException, what: str) -> str:
        if self.state.get("too_large"):
            return (f"MCP server {self.cfg.name!r} sent a message larger than {self.cfg.max_bytes:,} bytes: its "
                    "connection was closed (raise `max_bytes` in the task if the output is expected)")
        while isinstance(exc, BaseExceptionGroup) and exc.exceptions:  # anyio's task groups wrap the cause
            exc = exc.exceptions[0]
        if isinstance(exc, McpFailure):
            return str(exc)
        text = str(exc) or type(exc).__name__
        if text.startswith("Timed out while waiting for response"):  # the SDK's words for a request's deadline
            return (f"MCP server {self.cfg.name!r} {what}: it did not answer within {self.cfg.timeout:g}s (a hung "
                    "server, or one whose answer never ends); raise `timeout` in the task if it is only slow")
        hint = ""
        if what == "did not start" and self.cfg.command is not None:
            hint = (f" (a stdio server gets only {', '.join(INHERITED)} of this shell's environment: list in its "
                    "`env:` what it needs, e.g. `env: [GITHUB_TOKEN]`)")
            if not self.cfg.host:
                hint += ("; it runs in a bubblewrap sandbox: the system read-only, a private /tmp as HOME, the run's "
                         "workspace, the files its command names in the task file's folder, "
                         f"{'the network' if self.cfg.network == 'full' else 'no network (`network: full` gives it)'}"
                         "; a server you trust to run on this machine goes under `host:` in your own "
                         "$MACROHARD_HOME/mcp.yaml")
        return f"MCP server {self.cfg.name!r} {what}: {text[:300]}{hint}"

    # -- calls from any thread ------------------------------------------------------------------------

    def call(self, fn: Call) -> Any:
        self._open()
        assert self.queue is not None
        done: concurrent.futures.Future[Any] = concurrent.futures.Future()

        async def put() -> None:
            inner = asyncio.get_running_loop().create_future()
            inner.add_done_callback(lambda f: _copy(f, done))
            assert self.queue is not None
            await self.queue.put((fn, inner))

        asyncio.run_coroutine_threadsafe(put(), self.loop)
        try:
            return done.result(self.cfg.timeout + 5)
        except concurrent.futures.TimeoutError as exc:
            self._kill()  # a server that stopped answering even its deadline: start afresh next time
            raise McpFailure(f"MCP server {self.cfg.name!r} did not answer within {self.cfg.timeout:g}s") from exc
        except Exception as exc:
            # a dead, hung or flooding server: its process is ended here, a fresh one starts with the next call
            self._kill()
            if isinstance(exc, McpFailure):
                raise
            raise McpFailure(self._why(exc, "failed")) from exc

    def close(self) -> None:
        if self.owner is not None and not self.owner.done() and self.queue is not None:
            queue = self.queue
            self.loop.call_soon_threadsafe(queue.put_nowait, (None, None))
            with contextlib.suppress(Exception):
                self.owner.result(10)
        task = getattr(self, "task", None)
        self._kill()
        if task is not None:  # let the owner's cleanup (ending the server process) finish before the loop stops
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(asyncio.wait([task], timeout=10), self.loop).result(12)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        if not self.loop.is_running():
            self.loop.close()


def _copy(source: asyncio.Future[Any], target: concurrent.futures.Future[Any]) -> None:
    if target.done():
        return
    if source.cancelled():
        target.set_exception(McpFailure("the call was cancelled"))
    elif source.exception() is not None:
        target.set_exception(source.exception())  # type: ignore[arg-type]
    else:
        target.set_result(source.result())
