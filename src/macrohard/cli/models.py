"""`macrohard models`: which models exist and whether each can be used now."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, print_json
from macrohard.models.catalog import available_models, defaults


def models(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False) -> None:
    """List models and whether each is usable now (key present, server reachable, file found)."""
    rows = available_models()
    if as_json:
        print_json(rows)
        return
    table = Table(title="models", title_justify="left")
    for col in ("spec", "kind", "usable", "default for", "detail"):
        table.add_column(col)
    for row in rows:
        ok = "[green]yes[/]" if row["usable"] else "[red]no[/]"
        # ux56: a detail is text, not markup ("pip install 'macrohard[qwen15]'" printed as "pip install 'macrohard'")
        table.add_row(escape(row["spec"]), escape(row["kind"]), ok, escape(row["default"]), escape(row["detail"]))
    console.print(table)
    chosen = defaults()
    console.print(f"default for agent work (run, divisions, eval, code): [cyan]{chosen['agent']}[/]; "
                  f"for chat and voice: [cyan]{chosen['chat']}[/] ($MACROHARD_MODEL or --model overrides both)",
                  highlight=False)
    console.print("[dim]use one with: macrohard run --model SPEC \"task\"; any OpenAI-compatible URL works too "
                  "(http://HOST:PORT/v1#MODEL)[/]")
