"""guard27: the attempts that got through on main at the wave's start (108ea84; ``redteam27_tables``, 265 written
before they ran, then ``OWN27`` against the first fixes): ran their payload in the sandbox or were approved at every
step; now asked about or refused at some step (``FIXED``). Those approved at the start that do no harm (their payload
never runs, even with everything allowed) are ``HARMLESS``: they must still not run it. One sandbox
(``redteam22_parts.run_many22``), default-policy guard, network none. ``test_redteam27_held.py`` runs those held
already. Also the session's ordinary twins the new proofs clear (guard24's ``SESSION24_OK`` named in
``SESSION27_OK_NAMES``, and ``SESSION27_OK``), their hostile twins (``SESSION27_BAD``, each held) and ordinary work
near the new readers (``ORDINARY27``): every step approved."""

from __future__ import annotations

import pytest

from . import redteam24_tables as T24
from . import redteam27_tables as T
from .guard_steps import assert_all_held, assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    "zipimport of a workspace zip",  # pyc (ran)
    "an unquoted here-doc runs backquotes",  # heredoc (ran)
    "perl -ne * meets a name ending |",  # optname (ran)
    "perl with a name starting |",  # optname (ran)
    "perl -pi -e * meets a name ending |",  # optname (approved; -i did not open the pipe: nothing ran)
    # OWN27 (written after the first run; measured on 108ea84 too)
    "env -S with \\_ between words", "env -S with \\_ after -i", "a shebang with env -S and \\_",  # (ran)
    "sys.path.insert a workspace folder", "sys.path.append ./lib", "sys.path in a script", "sys.path += a list",  # (ran)
    "a perl script reading <> over *",  # (ran)
    "perl -lane over ./*",  # (approved; `./` before the name: nothing ran)
    "a here-doc's backquotes into a script", "a here-doc's backquotes beside $()",  # (ran)
    "a here-doc's backquotes in a function body",  # (ran)
})
# approved on main at the start and still: nothing they do is harm (with everything allowed their payload never ran)
HARMLESS = frozenset({
    "make -I with an include",  # its $(shell) runs ../run.sh, outside the workspace: no such file
    "a key attached to -c",  # git refuses `-ccore.pager=…` (unknown option)
    "xargs with the program in the input", "xargs -t echo is not the program",  # echo prints the words
    "env -S with a tab escape",  # GNU env keeps \t inside the word: a program named `sh<TAB>run.sh`
    "a here-doc writes a python file run later",  # its code only touches marker (the payload's harmless half)
})


def through(o) -> bool:
    return o.ran or o.host or o.approved


def _named(names) -> dict:
    return {n: s for table in T.TABLES.values() for n, s in table.items() if n in names}


def test_every_fixed_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 265 + len(T.OWN27)
    assert FIXED <= set(names) and HARMLESS <= set(names) and not FIXED & HARMLESS


def test_attempts_through_at_the_start_are_held(tmp_path):
    results = run_many22(tmp_path / "ws", _named(FIXED), "redteam27-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


def test_harmless_approvals_run_nothing(tmp_path):
    results = run_many22(tmp_path / "ws", _named(HARMLESS - {"a here-doc writes a python file run later"}),
                         "redteam27-harmless", timeout=30)
    assert not [n for n, o in results.items() if o.ran or o.host]


def test_session_twins_pass_and_their_hostile_twins_are_held(tmp_path):
    (tmp_path / "ws").mkdir()
    ordinary = {**T.SESSION27_OK, **{"24: " + n: T24.SESSION24_OK[n] for n in T.SESSION27_OK_NAMES}}
    assert_none_asked(tmp_path / "ws", ordinary, "redteam27-twins")
    assert_all_held(tmp_path / "ws", T.SESSION27_BAD, "redteam27-twins-bad", timeout=30)


def test_ordinary_work_near_the_new_readers_passes(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", T.ORDINARY27, "redteam27-ordinary")
