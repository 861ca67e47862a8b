"""`macrohard …` run inside the test process, for the commands that inspect or repair a run after the fact
(`runs recover`, `runs diff`, `runs apply`, `runs gc`): the same Typer commands the installed CLI runs, without
starting Python and importing the whole CLI again for each call (1.5-2 s of CPU each on 2 cores). A run that is
to be signalled or killed still starts as its own process."""

from __future__ import annotations

import subprocess

from typer.testing import CliRunner


def mh(*args: str) -> subprocess.CompletedProcess[str]:
    """The command's exit status, stdout and stderr, as `python -m macrohard ARGS` would give them: a `UserError`
    is printed as ``error: …`` on stderr with its exit code, the way `macrohard.cli.main` does."""
    from macrohard.cli import app
    from macrohard.errors import UserError

    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    stderr, code = result.stderr, result.exit_code
    if isinstance(result.exception, UserError):
        stderr, code = stderr + f"error: {result.exception}\n", result.exception.exit_code
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # our own bug: a traceback, as from the real command
    return subprocess.CompletedProcess(["macrohard", *args], code, result.stdout, stderr)
