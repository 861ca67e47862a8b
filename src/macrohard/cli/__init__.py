"""The `macrohard` command. Each command group lives in its own module and is mounted here."""

from __future__ import annotations

import sys

import typer

from macrohard.cli import models as _models
from macrohard.cli import run as _run
from macrohard.cli import runs as _runs
from macrohard.cli.common import console, err_console
from macrohard.errors import UserError

app = typer.Typer(
    name="macrohard",
    help="Autonomous agents that operate real software (shell, files, browser, desktop) with safety in every step.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.command("run")(_run.run)
app.command("code")(__import__("macrohard.cli.code", fromlist=["code"]).code)
app.add_typer(_runs.app, name="runs", help="List, inspect and act on recorded runs.")
_runs.app.command("replay")(__import__("macrohard.cli.replay", fromlist=["replay"]).replay)
_runs.app.command("highlights")(__import__("macrohard.cli.imagine", fromlist=["highlights"]).highlights)
app.command("models")(_models.models)
app.command("company")(__import__("macrohard.cli.company", fromlist=["company"]).company)
app.command("divisions")(__import__("macrohard.cli.divisions", fromlist=["divisions"]).divisions)
app.add_typer(__import__("macrohard.cli.policy", fromlist=["app"]).app, name="policy", help="Show, check and try the safety policy.")
app.add_typer(__import__("macrohard.cli.audit", fromlist=["app"]).app, name="audit", help="Show and verify a run's tamper-evident audit log.")
app.add_typer(__import__("macrohard.cli.serve", fromlist=["app"]).app, name="serve", help="The web app: runs live, approvals as buttons, audit checks, evaluations.")
app.add_typer(__import__("macrohard.cli.eval", fromlist=["app"]).app, name="eval", help="Evaluate agents on task suites; compare and report.")
app.add_typer(__import__("macrohard.cli.mcp", fromlist=["app"]).app, name="mcp", help="MCP: an environment's actions as tools for MCP clients.")
app.add_typer(__import__("macrohard.cli.money", fromlist=["app"]).app, name="money", help="Wallets and the ledger: accounts, funding, transfers, statements, limits.")
app.command("chat")(__import__("macrohard.cli.chat", fromlist=["chat"]).chat)
app.add_typer(__import__("macrohard.cli.chat", fromlist=["app"]).app, name="chats", help="Stored conversations of `macrohard chat`.")
app.add_typer(__import__("macrohard.cli.imagine", fromlist=["app"]).app, name="imagine", help="Read video (describe, search) and make video.")
app.command("say")(__import__("macrohard.cli.voice", fromlist=["say"]).say)
app.command("listen")(__import__("macrohard.cli.voice", fromlist=["listen"]).listen)


def main() -> None:
    try:
        app()
    except UserError as exc:
        err_console.print(f"[bold red]error:[/] {exc}")
        sys.exit(exc.exit_code)


__all__ = ["app", "main", "console"]
