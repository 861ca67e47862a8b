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
