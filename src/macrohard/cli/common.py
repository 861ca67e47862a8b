"""Shared CLI helpers: consoles, the store, JSON output."""

from __future__ import annotations

import json
import select
import sys
import time
from typing import Any

from rich.console import Console

from macrohard.store.sqlite import SQLiteStore

# ux56: no emoji codes: a run id, account or task is printed as written ("user:x: 0.00" came out "user❌ 0.00")
console = Console(emoji=False)
err_console = Console(stderr=True, emoji=False)


def open_store(*, exclusive: bool = False) -> SQLiteStore:
    store = SQLiteStore(exclusive=exclusive)
    # a fatal signal of this process (SIGBUS, SIGSEGV) is written where the next start finds it (``fatal.py``)
    from macrohard.fatal import watch

    watch(store.path.parent)
    return store


def confirm(question: str) -> bool:
    """``question [y/N]:`` at the terminal; only y or yes allows. Ctrl-C here stops the run as it does anywhere else
    (`interrupted`, and SIGTERM or SIGHUP, which the CLI turns into a Ctrl-C): `typer.confirm` turned it into click's
    ``Abort``, and a run stopped at the guard's question ended `crashed` with the reason "Abort:" (rel25). The end of
    input is a no."""
    try:
        answer = read_line(f"{question} [y/N]: ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def read_line(prompt: str = "") -> str:
    """``input(prompt)``, except that a Ctrl-C (or SIGTERM, SIGHUP) sent as the prompt appears is never lost.

    ``input`` on a terminal writes the prompt and then blocks in ``read``: a signal that arrives between the two runs
    only Python's C-level handler, and the Python one (which raises) waits for the next bytecode, which never comes
    until a line is typed. Seen under load: 1 in 15 runs stopped at the guard's question stayed at the prompt
    (test_cli_approval's ``[ctrl-c]`` under two test workers). On a terminal this waits in short ``select`` calls, so
    a pending handler runs within a quarter of a second; canonical mode hands over one line per read, so nothing is
    left in Python's buffer that ``select`` cannot see. Elsewhere (a pipe, a test's stream) it is ``input``.
    ``EOFError`` at the end of input, as ``input`` raises it.

    Between two waits it also looks at the cut of the run this thread asks for (``stopping.cut_now``: the agent
    marks the guard's question as the step's wait), raised as ``KeyboardInterrupt`` with its why: rel53b, before, a
    run at the guard's question was not reached by `macrohard runs stop` from another terminal (exit 3, "still
    running after 15s"), it waited on for its person."""
    from macrohard import stopping
    try:
        tty = sys.stdin.isatty()
        fd = sys.stdin.fileno() if tty else -1
    except (AttributeError, OSError, ValueError):  # a stream with no descriptor (io.UnsupportedOperation)
        tty = False
    if not tty:
        return input(prompt)
    sys.stdout.write(prompt)
    sys.stdout.flush()
    while not select.select([fd], [], [], 0.25)[0]:
        # between two waits a pending signal's handler runs (and raises), and a cut is looked at
        if (why := stopping.cut_now()) is not None:
            sys.stdout.write("\n")
            sys.stdout.flush()
            raise KeyboardInterrupt(why)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


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
