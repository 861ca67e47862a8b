"""`macrohard mcp serve`: an environment's actions as MCP tools, every call reviewed by the guard."""

from __future__ import annotations

from typing import Annotated

import typer

from macrohard.errors import ConfigError, MissingDependency

app = typer.Typer(no_args_is_help=True, help="MCP: serve an environment's actions as tools to MCP clients.")


@app.command("serve")
def serve(
    environment: Annotated[str, typer.Option("--environment", "-e", help="shell, browser or desktop.")] = "shell",
    stdio: Annotated[bool, typer.Option("--stdio", help="Speak MCP on stdin/stdout (the default).")] = False,
    http: Annotated[str | None, typer.Option("--http", metavar="HOST:PORT", help="Speak streamable HTTP at "
                                             "http://HOST:PORT/mcp; needs a bearer token ($MACROHARD_MCP_TOKEN, "
                                             "else one is made and printed).")] = None,
    allow: Annotated[str | None, typer.Option("--allow", metavar="TOOL,...", help="Serve only these tools "
                                              "(e.g. bash,read_file).")] = None,
    workspace: Annotated[str | None, typer.Option("--workspace", "-w", help="Directory to work in (changes are "
                                                  "recorded; `macrohard runs apply` writes them). A fresh one "
                                                  "when omitted.")] = None,
    network: Annotated[str, typer.Option("--network", help="The sandbox's network: none (default, as for "
                                         "`macrohard run`), loopback (the host's loopback services), hosts, full.")] = "",
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="host:port reachable with "
                                                         "--network hosts (repeatable).")] = None,
) -> None:
    """Serve one sandboxed environment over MCP until the client leaves (stdio) or Ctrl-C (HTTP).

    Each tool call is a step of a recorded run (`macrohard runs show ID`), in its audit chain."""
    if stdio and http:
        raise ConfigError("choose one transport: --stdio or --http HOST:PORT")
    if environment not in ("shell", "browser", "desktop"):
        raise ConfigError(f"unknown environment {environment!r}; choose shell, browser or desktop")
    try:
        import mcp  # noqa: F401
    except ImportError as exc:
        raise MissingDependency("the MCP server needs the `mcp` package: pip install 'macrohard[interfaces]'") from exc
    from macrohard.mcp.server import (
        EnvironmentServer,
        parse_address,
        say,
        serve_http,
        serve_stdio,
        token_from_env_or_new,
    )
    from macrohard.session import GuardedSession
    from macrohard.types import Budget, Task

    address = parse_address(http) if http else None
    token, new = token_from_env_or_new() if address else ("", False)
    # rt47b: none for every environment, as `macrohard run`. The browser's default was `loopback`, which is the host's
    # loopback services (envs/browser_sandbox.py): any MCP client of `mcp serve -e browser` read whatever listens on
    # 127.0.0.1 (a dev server, a database's web console, a notebook) unasked. Local sites: --allow-host HOST:PORT
    net = network or "none"
    if net not in ("none", "loopback", "hosts", "full"):
        raise ConfigError(f"unknown --network {net!r}; choose none, loopback, hosts or full")
    task = Task(text=f"MCP session: an MCP client calls the tools of a {environment} environment", environment=environment,
                workspace=workspace, write_back=False, network=net, allow_hosts=list(allow_host or []),  # type: ignore[arg-type]
                budget=Budget(max_steps=1_000_000, max_seconds=None, max_model_seconds=None))
    session = GuardedSession(task, interface="mcp", fatal_ends_run=True)  # rt47b: one episode, as a `macrohard run`
    env_server = EnvironmentServer(session, allow=[t.strip() for t in allow.split(",") if t.strip()] if allow else None)
    env_server.start()
    say(f"macrohard mcp: {environment} environment, run {session.run.id}, tools: {', '.join(env_server.actions)}")
    try:
        if address is None:
            import anyio

            anyio.run(serve_stdio, env_server)
        else:
            host, port = address
            say(f"macrohard mcp: http://{host}:{port}/mcp")
            if new:
                say(f"macrohard mcp: bearer token (shown once; set $MACROHARD_MCP_TOKEN to choose it): {token}")
            serve_http(env_server, host, port, token)
    except KeyboardInterrupt:
        pass
    finally:
        env_server.close()
        say(f"macrohard mcp: closed after {env_server.calls} tool call(s); `macrohard runs show {session.run.id}`")
