"""`macrohard divisions`: the divisions, packaged and the user's own ($MACROHARD_HOME/divisions/*.yaml)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, print_json


def divisions(
    as_json: Annotated[bool, typer.Option("--json", help="Every field of every division, as JSON.")] = False,
) -> None:
    """List the divisions: what each does, what it may use, its budgets and model.

    Use one: `macrohard run --division NAME "TASK"` (its prompt, environments, policy and budgets), the web app's runs
    page (its division list), or `macrohard chat`, which hands work to them."""
    from macrohard.divisions.catalog import BUILTIN_DIR, load_divisions, user_dir

    table = load_divisions()
    if as_json:
        print_json([{**d.model_dump(mode="json"), "source": d.source} for d in table.values()])
        return
    # ux53: the table said what each division is, never how to use one
    # ux54: "* from DIR" was said with no division starred (a new user looks for the star); said only with one
    yours = [d for d in table.values() if not d.source.startswith(str(BUILTIN_DIR))]
    where = (f"* from {user_dir()}; add or override one there as NAME.yaml" if yours
             else f"add one, or override one, as {user_dir()}/NAME.yaml")
    out = Table(title="divisions", caption=f"use one: macrohard run --division NAME \"TASK\" (or the web app's runs "
                f"page). {where}", show_edge=False, pad_edge=False)
    out.add_column("name", no_wrap=True)
    out.add_column("description", ratio=1, overflow="fold")
    # ux49b: each column at least as wide as its header, so no header is cut ("environment" / "s" at 80 columns);
    # a cell wraps at its spaces, and folds only a single word wider than its column (a long model spec)
    for col in ("environments", "actions", "policy", "steps", "model"):
        out.add_column(col, overflow="fold", min_width=len(col), justify="right" if col == "steps" else "left")
    for d in table.values():
        yours = not d.source.startswith(str(BUILTIN_DIR))
        rules = f"+{len(d.policy.rules)} rules" + (" (loosens)" if d.policy.loosen else "") if d.policy.rules else "-"
        out.add_row(d.name + (" *" if yours else ""), escape(d.description), ", ".join(d.environments) or "none",
                    ", ".join(d.actions) or "-", rules, str(d.budget.max_steps), escape(d.model or "default"))
    console.print(out)
