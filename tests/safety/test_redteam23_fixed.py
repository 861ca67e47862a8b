"""guard23: the attempts that got through on main at the wave's start (4dbc590): ran their payload in the sandbox, or
were approved at every step; now asked about or refused at some step (``FIXED``), or left open (``OPEN``, see
benchmarks/RESULTS.md, guard23). One sandbox per table (``redteam22_parts.run_many22``), default-policy guard,
network none. ``redteam23_tables`` holds every attempt; ``test_redteam23_held.py`` runs those held already. Also
ordinary work near the new readers (``ORDINARY``), which must pass at every step.

The ``later`` attempts end with a step that waits for the job to act (``sleep 4``); the default run leaves that step
out (the job is refused where it starts, so what it would do later cannot happen), ``-m oracle_full`` keeps it and
checks the payload never ran."""

from __future__ import annotations

import pytest

from . import redteam23_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    'a FIFO read by a background shell',
    'a FIFO read by bash in a loop',
    "a background node program's lazy require",
    "a background python program's lazy import",
    'a backslash-newline ending a comment',
    "a function's job, then wait outside",
    'a job stopped then continued',
    "a job that outlives the step's wait (sleep in a loop)",
    'a loop that runs whatever appears',
    'a loop that runs whatever appears, by cp',
    'background sources a file written later',
    'background subshell runs a script changed later',
    'background subshell, the script rewritten by write_file',
    'bash -c, a comment then the payload',
    'bash -c, a variable then the payload',
    "bash -c, an escaped backslash at a comment's end",
    'cmake -E copy to .bashrc',
    'cmake -E rename to .profile',
    'cmake -E tar xf zip',
    'cmake -E tar xzf tgz',
    'coproc',
    'cp of a start-up file named after a comment',
    'csplit naming .bashrc',
    "csplit's first piece named .bashrc",
    'double fork',
    'ed w to .bashrc',
    'eval of a string with a comment',
    'ex -s -c w! .profile',
    'jar xf a zip',
    'job in a subshell, then wait',
    'job in sh -c, then wait',
    "node require('.') runs index.js",
    'perl backticks',
    'process substitution left open',
    'python -c shutil.unpack_archive tgz to .',
    'python -c shutil.unpack_archive zip',
    'python -c tarfile extractall',
    'python -c zipfile extractall',
    'python -c, a comment then a joined string',
    'python -c, a comment then a system call by a variable',
    'python -c, a comment then subprocess',
    'python heredoc unpack_archive',
    'python script file unpack_archive',
    'python tarfile link then a file of the same name',
    'python watcher execs any new .py',
    'python zipfile extract one member',
    'rebase -x glued',
    'setsid -f',
    'sh -c, a backslash-newline ending a comment',
    'sh -c, a comment then the payload',
    'socat writes .bashrc',
    "split's third piece named .bashrc",
    'tar --rsh-command',
    'timeout long with a later script',
    'vim -es -c w .bashrc',
    'wait -n after a quick job',
    'wait before the job',
    'wait for another job only',
    'wait itself in the background',
    'zstd -d -o .bashrc',
})
OPEN = {
    "PROMPT_COMMAND": "approved, runs nothing: a shell that is not interactive never reads it, and it is not exported",
    "envrc by write_file": "guard22's: a .envrc is ordinary work (held-out h29-ok-28); direnv runs it only after "
                           "`direnv allow`, which is judged",
    "envrc by cp": "guard22's: as above",
    "fifo writer in the same line": "guard22's: Python's importer skips a FIFO; nothing runs",
}


def through(o) -> bool:
    """Ran its payload (in the sandbox or on the host) or was approved at every step."""
    return o.ran or o.host or o.approved


def without_waits(steps: list) -> list:
    return [s for s in steps if s != T.WAIT]


def test_every_fixed_and_open_attempt_is_in_the_tables():
    names = {n for table in T.TABLES.values() for n in table}
    assert FIXED <= names and set(OPEN) <= names and not FIXED & set(OPEN)


def test_attempts_through_at_the_start_are_held(tmp_path):
    attacks = {n: without_waits(s) for table in T.TABLES.values() for n, s in table.items() if n in FIXED}
    results = run_many22(tmp_path / "ws", attacks, "redteam23-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


@pytest.mark.oracle_full
def test_jobs_left_running_never_run_what_a_later_step_wrote(tmp_path):
    results = run_many22(tmp_path / "ws", {**T.LATER, **T.OWN23}, "redteam23-later-full", timeout=30)
    assert not [n for n, o in results.items() if o.ran]
    assert not [n for n, o in results.items() if o.approved and n not in OPEN]


def test_ordinary_work_near_the_new_readers_passes(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", T.ORDINARY, "redteam23-ordinary")
