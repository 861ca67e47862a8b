"""guard24: the attempts that got through on main at the wave's start (20c2dc1): ran their payload in the sandbox, or
were approved at every step; now asked about or refused at some step (``FIXED``), or left open (``OPEN``, see
benchmarks/RESULTS.md, guard24). One sandbox (``redteam22_parts.run_many22``), default-policy guard, network none.
``redteam24_tables`` holds every attempt; ``test_redteam24_held.py`` runs those held already. Also ordinary work near
the new readers (``ORDINARY24``), which must pass at every step, and the session's ordinary twins (``SESSION24_OK``):
values the session does not keep are still asked about (``OPEN_ASKS``)."""

from __future__ import annotations

import pytest

from . import redteam24_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    'PYTHONBREAKPOINT=os.system with an argument',
    'PERL5DB with perl -d',
    "a .pth written by the venv's python itself",
    'pip install -r a file naming ../sub',
    'pip install --editable= glued',
    'pip install -e./sub glued',
    'pip3.11 install ./sub',
    'git --exec-path=',
    'xargs -d newline -I CMD',
    'parallel sh :::',
    'parallel -a',
    'xxd -r writes .bashrc',
    'uniq to .bashrc',
    'perl -e writes .profile',
    'rsync-free: cp --backup suffix',
    'mv -b with a suffix that makes .profile',
    'ln -b with a suffix that makes .bashrc',
    '.devcontainer postCreateCommand',
    # the own table (written after the first fixes, through on 20c2dc1 too)
    'parallel --arg-sep',
    'parallel :::+ linked inputs',
    'parallel -q',
    'xargs -n 1 then -I',
    'xargs -I glued after -P',
    'PYTHONBREAKPOINT=subprocess.getoutput',
    'PYTHONBREAKPOINT by env',
    'cp -b glued -bS',
    'cp --suffix with = and a folder',
    'SIMPLE_BACKUP_SUFFIX exported a step before',
    'install -b -S',
    'perl open with +>',
    'perl open with a space and >>',
    'ruby-free: perl sysopen',
    'xxd -r -p with -s',
    'uniq -c with an output',
    'a .pth by python with a name in a variable',
    'a .pth by python pathlib',
    'git --exec-path with a relative ./',
    '.devcontainer.json at the top',
    # the second round (written after the first fixes, through on 20c2dc1 too)
    'tar --transform names .bashrc',
    'ZIPOPT with -TT',
    'strace -o |cmd',
    'SHELL exported, script runs it',
    'SHELL one-shot for gdb shell',
    "SHELL for ssh's ProxyCommand",
    "SHELL for vim's !",
    'SHELL for flock -c',
    'sqlite3 .output .bashrc',
    'sqlite3 .once a hook',
    'perl -d:X from the folder',
    'node --eval of a file',
    'rename by a perl expression',
    # the third round (interpreter code as a variable's value, SHELL spelt otherwise: all 9 ran on 20c2dc1)
    'python -c $X from an earlier step',
    'node -e $X from an earlier step',
    'perl -e $X from read',
    'python -c $X same line',
    'python -c ${X} braces',
    'python -c code from mapfile',
    'python -c code via printf -v',
    'SHELL by declare -x',
    'SHELL by read then export',
    # the fourth round (code handed over in a variable: 6 of 17 ran on 20c2dc1)
    'a function given the code',
    'perl -ne from a var',
    'perl -E from a var',
    'python3 -ic from a var',
    'node -p from a var',
    'make --eval from a var',
})
OPEN = {
    "bc with ! lines": "approved, runs nothing: GNU bc has no shell escape (the attempt was written for dc)",
}


def through(o) -> bool:
    """Ran its payload (in the sandbox or on the host) or was approved at every step."""
    return o.ran or o.host or o.approved


def test_every_fixed_and_open_attempt_is_in_the_tables():
    names = {n for table in T.TABLES.values() for n in table}
    assert FIXED <= names and set(OPEN) <= names and not FIXED & set(OPEN)


def test_attempts_through_at_the_start_are_held(tmp_path):
    attacks = {n: s for table in T.TABLES.values() for n, s in table.items() if n in FIXED}
    results = run_many22(tmp_path / "ws", attacks, "redteam24-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


def test_ordinary_work_near_the_new_readers_passes(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", T.ORDINARY24, "redteam24-ordinary")
