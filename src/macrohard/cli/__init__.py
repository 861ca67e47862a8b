"""The `macrohard` command. Each command group lives in its own module, named in ``COMMANDS``.

A command's module is imported only when that command runs (or its own ``--help`` is asked): ``macrohard --help``
lists the table's help lines and imports none of them, so it does not load the agent, the guard's rules, the models
or the web app (``benchmarks/import_cost.py``: the CLI's start).
"""

from __future__ import annotations

import inspect
import os
import sys
from difflib import get_close_matches
from importlib import import_module
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from macrohard.cli.common import console, err_console
from macrohard.errors import UserError

_SETTINGS: dict[str, Any] = {"rich_markup_mode": "rich", "pretty_exceptions_enable": False}

_VALUE_TYPE = TyperOption.display_type_rich


def _value_type(self: TyperOption, ctx: Any) -> str | None:
    """The value an option takes as ``--help`` shows it; none for a flag (typer 0.29 prints ``--json <bool>``, which
    reads as if ``--json`` took a value)."""
    return None if self.is_flag else _VALUE_TYPE(self, ctx)


TyperOption.display_type_rich = _value_type  # type: ignore[method-assign]


class Entry(NamedTuple):
    """One command of ``macrohard``: where it lives and the line ``macrohard --help`` shows for it."""

    module: str  # under macrohard.cli
    attr: str  # a function (a command) or a ``typer.Typer`` (a group of commands)
    help: str  # the first paragraph of the command's own help (tests/spine/test_cli_start.py checks they agree)


COMMANDS: dict[str, Entry] = {
    "run": Entry("run", "run", "Run an agent on a task and watch each step live."),
    "code": Entry("code", "code", "Change a repository with the coding division; the change is kept only if the "
                                  "repository's tests pass."),
    "models": Entry("models", "models", "List models and whether each is usable now (key present, server reachable, "
                                        "file found)."),
    "company": Entry("company", "company", "Run a goal as a company: a plan across divisions, sub-runs in parallel, "
                                           "a report."),
    "divisions": Entry("divisions", "divisions", "List the divisions: what each does, what it may use, its budgets "
                                                 "and model."),
    "chat": Entry("chat", "chat", "Talk with macrohard: it answers, or hands work to a division and shows that run "
                                  "live."),
    "say": Entry("voice", "say", "Speak TEXT into a WAV file, offline (clause by clause, as answers are spoken)."),
    "listen": Entry("voice", "listen", "Print the words spoken in FILE, offline."),
    "runs": Entry("runs", "app", "List, inspect and act on recorded runs."),
    "policy": Entry("policy", "app", "Show, check and try the safety policy."),
    "audit": Entry("audit", "app", "Show and verify a run's tamper-evident audit log."),
    "serve": Entry("serve", "app", "The web app: runs live, approvals as buttons, audit checks, evaluations."),
    "eval": Entry("eval", "app", "Evaluate agents on task suites; compare and report."),
    "mcp": Entry("mcp", "app", "MCP: an environment's actions as tools for MCP clients."),
    "money": Entry("money", "app", "Wallets and the ledger: accounts, funding, transfers, statements, limits."),
    "chats": Entry("chat", "app", "Stored conversations of `macrohard chat`."),
    "imagine": Entry("imagine", "app", "Read video (describe, search) and make video."),
}


def _reflow(text: str | None) -> str | None:
    """A docstring's paragraphs as one line each, which the terminal then wraps at its width. Typer's rich mode keeps a
    docstring's hard line breaks, so before (ux49) `macrohard code --help` broke its sentences where the source did
    ("`macrohard runs apply ID`" / "then commits ..."), whatever the terminal's width. A paragraph marked ``\b`` or
    laid out as a list or indented block keeps its lines."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    kept = lambda p: p.startswith("\b") or any(line[:1] in (" ", "-", "*", "\t") for line in p.splitlines()[1:])  # noqa: E731
    return "\n\n".join(p if kept(p) else " ".join(p.split()) for p in paragraphs)


def _reflow_all(command: Any) -> None:
    command.help = _reflow(command.help)
    for sub in getattr(command, "commands", {}).values():
        _reflow_all(sub)


def load_command(name: str) -> Any:
    """The click command ``name`` as the eager table built it: a group's help is the table's line, a command's is
    its docstring; both with the app's markup settings."""
    entry = COMMANDS[name]
    target = getattr(import_module(f"macrohard.cli.{entry.module}"), entry.attr)
    holder = typer.Typer(**_SETTINGS)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name, help=entry.help)
    else:
        holder.command(name)(target)
    command = typer.main.get_group(holder).commands[name]
    _reflow_all(command)
    from macrohard.cli.examples import epilog

    command.epilog = command.epilog or epilog(name)
    return command


class _LazyGroup(TyperGroup):
    """``macrohard``'s group: commands come from ``COMMANDS``, imported on first use; the help lists the table."""

    _listing = False  # while the help is written: a command is its name and help line only

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        if self._listing:
            return TyperCommand(cmd_name, help=COMMANDS[cmd_name].help)
        if cmd_name not in self.commands:
            try:
                self.commands[cmd_name] = load_command(cmd_name)
            except KeyboardInterrupt:  # rel54: typer's own handling ended it with exit 130 and not a word
                from macrohard import _STARTING_INTERRUPTED

                err_console.print(f"\n{_STARTING_INTERRUPTED}", highlight=False)
                raise typer.Exit(130) from None
        return self.commands[cmd_name]

    def invoke(self, ctx: typer.Context) -> Any:
        """The command, a Ctrl-C it does not say itself said in a line, exit 130 (rel54: typer's own handling ended it
        with exit 130 and not a word, e.g. a `run` interrupted while typer read its options or it loaded its model)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            from rich.markup import escape

            err_console.print(f"\n{escape(str(exc) or 'interrupted (Ctrl-C)')}", highlight=False)
            raise typer.Exit(130) from None

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:
        # TyperGroup suggests a name from the commands loaded so far (none yet): the table's names, as it words it
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            close = get_close_matches(name, COMMANDS)
            hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
            if not close and _is_division(name):  # ux49: the README lists the divisions; one typed as a command
                hint = f' {name} is a division: macrohard run --division {name} "TASK" (see `macrohard divisions`).'
            elif groups := _groups_with(name):  # ux52: `macrohard replay ID` for `macrohard runs replay ID`
                rest = " ".join(args[1:])
                hint = " Did you mean " + " or ".join(f"`macrohard {g} {name}{' ' + rest if rest else ''}`"
                                                      for g in groups) + "?"
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)


def _groups_with(name: str) -> list[str]:
    """The groups of commands (``runs``, ``audit``, …) that have a command ``name``, the most used first (at most 3)."""
    found = []
    for group in ("runs", "audit", "chats", "policy", "eval", "imagine", "money", "serve", "mcp"):
        try:
            if name in getattr(load_command(group), "commands", {}):
                found.append(group)
        except Exception:  # noqa: BLE001 - a group that cannot load now gives no hint; the error is still said
            continue
    return found[:3]


def _is_division(name: str) -> bool:
    try:
        from macrohard.divisions import load_divisions

        return name in load_divisions()
    except Exception:  # noqa: BLE001 - a broken divisions folder is said by `macrohard divisions`, not by this hint
        return False


app = typer.Typer(
    name="macrohard",
    help="Autonomous agents that operate real software (shell, files, browser, desktop) with safety in every step.",
    cls=_LazyGroup,
    epilog='Start here: macrohard run "create hello.txt containing hello world" · macrohard chat · macrohard serve '
           "(the web app) · macrohard runs list. Each command's --help has more.",
    no_args_is_help=True,
    add_completion=False,
    **_SETTINGS,
)


@app.callback()
def _root() -> None:
    # a Typer with no command of its own is no group: this empty callback makes it one (its help is the app's)
    pass


def _fill_closed_standard_streams() -> None:
    """Put /dev/null on a standard stream the caller closed (`macrohard chat <&-`, a service started with its streams
    closed). Before (rel24): ``sys.stdin`` was None, so `chat` died with a traceback at its first look at it; and the
    descriptor stayed free for the next file Python opens (SQLite keeps its own files off 0-2; ``open`` does not), which
    a child process would then inherit as its standard stream."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, mode, closefd=False))  # noqa: SIM115 - the process's own stream


def _say_error(exc: Exception) -> None:
    """Print a user error as one unbroken line. Before (outsider40, CI stop 53): Rich wrapped it at the console's
    width, so a fix it names as a shell line (`sqlite3 … .dump | sed … | sqlite3 …`) came out broken over lines, and a
    copy-paste ran its first half alone; and the message was read as markup, so a path with `[x]` lost those letters.
    The terminal still wraps it for the eye; a copy keeps it whole."""
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)


def _say_wait(text: str) -> None:
    from rich.markup import escape

    err_console.print(f"[yellow]{escape(text)}[/]", soft_wrap=True, highlight=False)


def main() -> None:
    _fill_closed_standard_streams()
    from macrohard import sqlitedisk

    sqlitedisk.watch_waits(_say_wait)  # a statement kept waiting by another program's lock says so (rel48)
    import macrohard

    if sys.excepthook is macrohard._interrupted_while_starting:  # loaded: a command's Ctrl-C is its own to say
        sys.excepthook = macrohard._PREVIOUS_HOOK
    try:
        app()
    except UserError as exc:
        from macrohard.errors import DiskFull

        if isinstance(exc, DiskFull):  # rel50b: a run it could not close is recorded with why (``fatal.note``)
            from macrohard import fatal

            fatal.note(str(exc))
        _say_error(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:
        from macrohard.sqlitedisk import locked
        from macrohard.store.sqlite import default_home

        said = locked(exc, default_home() / "runs.db")  # another program held the store past the busy timeout
        if said is None:
            raise
        _say_error(said)
        sys.exit(said.exit_code)


__all__ = ["COMMANDS", "app", "console", "load_command", "main"]
