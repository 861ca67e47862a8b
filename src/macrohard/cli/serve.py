"""`macrohard serve`: the web app (runs live, approvals, evals) on 127.0.0.1; `serve users ...` manages its users."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Annotated

import typer

from macrohard.cli.common import console, open_store, print_json
from macrohard.errors import ConfigError, UserError

if TYPE_CHECKING:
    import socket

app = typer.Typer(help="The web app: runs live, approvals as buttons, audit checks, evaluations.")
users_app = typer.Typer(no_args_is_help=True, help="Users of the web app and their tokens.")
app.add_typer(users_app, name="users")


def _users() -> object:
    from macrohard.server.auth import Users

    return Users(str(open_store().path))


@app.callback(invoke_without_command=True)
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Not loopback: only with auth, "
                                      "and put TLS in front (a reverse proxy).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8765,
    no_auth: Annotated[bool, typer.Option("--no-auth", help="No login: everyone who can reach the port is "
                                          "an owner. Refused on a non-loopback address.")] = False,
    max_body: Annotated[int, typer.Option("--max-body", help="Largest request body, in bytes (413 above).")] = 1 << 20,
    workers: Annotated[int, typer.Option("--workers", help="Runs at once in this process.")] = 4,
) -> None:
    """Start the web app: `macrohard serve`, then open the URL it prints."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from macrohard.server.app import create_app, is_loopback

    if no_auth and not is_loopback(host):
        raise ConfigError(f"refusing to serve {host} without auth: anyone who reaches it could run agents. "
                          "Drop --no-auth (log in with a token) or use --host 127.0.0.1")
    listening = _listen(host, port)  # before anything is printed or changed: a port in use is said as such
    store = open_store()
    app_ = create_app(store, no_auth=no_auth, max_body=max_body, workers=workers)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    if no_auth:
        console.print(f"macrohard serve: {base}/ (no auth: loopback only)")
    else:
        users = app_.state.users
        if users.count() == 0:
            token = users.add("owner", "owner")
            console.print("first start: made the user [bold]owner[/] (role owner). Log in with this URL "
                          "(the token is shown only now):", highlight=False)
            console.print(f"    {base}/login?token={token}", highlight=False, soft_wrap=True)
            console.print(f"then the app is at {base}/ (log in again elsewhere with a new token: `macrohard serve "
                          "users token owner`)", highlight=False)
        else:
            console.print(f"macrohard serve: {base}/  (log in with your token; `macrohard serve users token NAME` "
                          "makes a new one)", highlight=False)
    if app_.state.interrupted:
        console.print(f"{len(app_.state.interrupted)} run(s) left running by a stopped server are now interrupted: "
                      f"{', '.join(app_.state.interrupted)}", highlight=False)
    # ux49b: how to stop it, on every start (before, the first start said nothing on it)
    console.print("Ctrl-C stops the server (a run in progress is recorded interrupted, its finished steps kept)",
                  highlight=False)
    from macrohard.safety import warm

    warm.start()  # the answer screen's heads load in the background: a chat's first answer does not wait (rel46)
    # rt56c: proxy_headers off. uvicorn's default took `X-Forwarded-For` from any client on 127.0.0.1 as the request's
    # client address, and the app's refusal of sandboxed clients (server/peers.py) looks that address's socket up in
    # the kernel: a shell run in `full` sent `X-Forwarded-For: 203.0.113.7` with its curl, was found nowhere, and
    # approved another run's question (no-auth). The app is never behind a proxy of its own: the peer is the client
    config = uvicorn.Config(app_, host=host, port=port, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=3, proxy_headers=False)
    from macrohard.envs import served

    # the approval path: no sandbox's proxy forwards to this port (rt42: a browser run approved another run's ask)
    bound = listening.getsockname()[1]
    served.register(bound)
    try:
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        # the port as bound, not asked of the socket again: the shutdown has closed it (rel49: every Ctrl-C or
        # SIGTERM of `serve` ended in "OSError: [Errno 9] Bad file descriptor", a traceback, exit 1)
        served.unregister(bound)


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound here: a port another program (a second `macrohard serve`) holds is a message
    naming the fix, not the URL of the other server printed first and uvicorn's bind error after it."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UserError(f"port {port} on {host} is in use by another program (another `macrohard serve`? "
                            f"`ss -ltnp 'sport = :{port}'` names it): stop it, or choose another port with "
                            "--port") from exc
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --host or --port") from exc
    return sock


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    role: Annotated[str, typer.Option("--role", help="owner, member or viewer.")] = "member",
) -> None:
    """Add a user; prints its token (shown once)."""
    token = _users().add(name, role)  # type: ignore[attr-defined]
    console.print(f"user [bold]{name}[/] ({role}); token (shown once):", highlight=False)
    print(token)


@users_app.command("token")
def token(name: Annotated[str, typer.Argument(help="The user's name.")]) -> None:
    """Make a new token for a user (the old one and its sessions stop working)."""
    print(_users().new_token(name))  # type: ignore[attr-defined]


@users_app.command("list")
def list_users(
    as_json: Annotated[bool, typer.Option("--json", help="The users as JSON (name and role each).")] = False,
) -> None:
    """List the users and their roles."""
    users = _users().list()  # type: ignore[attr-defined]
    if as_json:  # ux51: before, tab-separated lines only
        print_json([{"name": u.name, "role": u.role} for u in users])
        return
    if not users:  # ux51: before, nothing at all
        console.print("no users yet: the first `macrohard serve` makes the owner and prints its login URL; or "
                      "`macrohard serve users add NAME --role member`", highlight=False)
    for user in users:
        console.print(f"{user.name}\t{user.role}", highlight=False)
