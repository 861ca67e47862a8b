"""Shared CLI helpers: consoles, the store, JSON output."""

from __future__ import annotations

import json
import time
from typing import Any

from rich.console import Console

from macrohard.store.sqlite import SQLiteStore

console = Console()
err_console = Console(stderr=True)


def open_store() -> SQLiteStore:
    return SQLiteStore()


def confirm(question: str) -> bool:
    """``question [y/N]:`` at the terminal; only y or yes allows. Ctrl-C here stops the run as it does anywhere else
    (`interrupted`, and SIGTERM or SIGHUP, which the CLI turns into a Ctrl-C): `typer.confirm` turned it into click's
    ``Abort``, and a run stopped at the guard's question ended `crashed` with the reason "Abort:" (rel25). The end of
    input is a no."""
    try:
        answer = input(f"{question} [y/N]: ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, default=str))


def ago(ts: float | None) -> str:
    if ts is None:
        return "-"
    delta = time.time() - ts
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if delta >= size:
            return f"{int(delta // size)}{unit} ago"
    return f"{int(delta)}s ago"


STATUS_STYLE = {
    "succeeded": "green", "gave_up": "red", "failed": "red", "denied": "magenta", "out_of_budget": "yellow",
    "interrupted": "yellow", "crashed": "bold red", "running": "cyan",
}


def status_text(status: str) -> str:
    return f"[{STATUS_STYLE.get(status, 'white')}]{status}[/]"
