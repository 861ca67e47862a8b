"""`macrohard …` run inside the test process: the console script's own `macrohard.cli.main` (which prints a
`UserError` as ``error: …`` with its exit code), without starting Python and importing the whole CLI again for each
call (1.5-2 s of CPU each on 2 cores). For commands that refuse bad input or inspect and repair runs after the fact;
a run that is to be signalled or killed, or that must start as its own process, still does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import traceback
from typing import Any

from click.testing import CliRunner

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
LEFT: dict[signal.Signals, object] = {}  # the handlers the last `mh` call's command left in place, before mh restored them


class _ConsoleScript:
    """What `CliRunner` invokes: ``macrohard.cli.main`` with ``sys.argv`` set, as the installed script runs it."""

    name = "macrohard"

    def main(self, args: list[str], prog_name: str, **_: Any) -> None:
        from macrohard.cli import main

        argv, sys.argv = sys.argv, [prog_name, *args]
        try:
            main()
        finally:
            sys.argv = argv


def mh(*args: str, env: dict[str, str] | None = None, cwd: str | os.PathLike[str] | None = None
       ) -> subprocess.CompletedProcess[str]:
    """The exit status, stdout and stderr `python -m macrohard ARGS` would give (an unexpected exception is a
    traceback on stderr and status 1, as from Python); ``cwd``: the folder it runs in (this process's, for the call)."""
    here = os.getcwd()
    handlers = {sig: signal.getsignal(sig) for sig in _SIGNALS}
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(_ConsoleScript(), list(args), env={"COLUMNS": "200", **(env or {})})  # type: ignore[arg-type]
    finally:
        os.chdir(here)
        LEFT.clear()
        LEFT.update({sig: signal.getsignal(sig) for sig in _SIGNALS})  # what the command left, for tests of it
        for sig, handler in handlers.items():  # `run`, `eval`, `company` ignore them after a run, as a process about
            if handler is not None:  # to exit may: this one goes on (a later test's Ctrl-C, xdist's SIGTERM)
                signal.signal(sig, handler)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(["macrohard", *args], result.exit_code, result.stdout, stderr)
