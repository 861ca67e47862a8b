"""guard16: loops over workspace files inside ``if`` and ``{ …; }`` (guard15's open list), judged file by file as at
the top of the line; what may change the list or the variable keeps the loop unknown, as before.

A branch of ``if`` and a brace group run in the line's own shell; the condition's commands are commands before the
loop (only those that cannot create a file, ``safety.loopglob._BEFORE``). Still asked about: a loop in the condition
itself, in the background inside the branch, after a condition that creates files, inside a function, another loop,
``while`` or a subshell. And a name reference given a glob's names (``declare -n f; for f in *``): bash reads each
file's name as a variable's name, and a file named ``a[$(touch marker)]`` ran it in bash (main asked because the
name holds ``$(``; the assignment through the reference is now a reason of its own).
"""

from __future__ import annotations

import subprocess

import pytest

from macrohard.safety.commands import analyze
from macrohard.types import Decision

from .guard_steps import run_steps
from .sandbox_check import bwrap_works

BWRAP = bwrap_works()


@pytest.fixture
def ws(tmp_path):
    for name in ("scans/a.JPG", "scans/b c.JPG", "x.txt", "y.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a\n")
    return tmp_path


ORDINARY = [
    'if [ -d scans ]; then for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; done; fi',
    'if [ -d scans ]; then echo go; else for f in *.txt; do cp "$f" "$f.bak"; done; fi',
    'if [ ! -d out ]; then mkdir out; fi; if ls *.txt >/dev/null; then for f in *.txt; do cp "$f" "out/$f"; done; fi',
    '{ for f in *.txt; do cp "$f" "$f.bak"; done; } 2>/dev/null',
    'if [[ -n "$(ls scans)" ]]; then for f in scans/*.JPG; do mv "$f" "${f// /_}"; done; else echo none; fi',
]


@pytest.mark.parametrize("command", ORDINARY)
def test_a_loop_in_a_branch_passes(ws, command):
    assert analyze(command, [str(ws)]).findings == {}


STILL_UNKNOWN = [
    'if touch scans/-rf.JPG; then for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; done; fi',
    'if for f in *.txt; do cp "$f" "$f.bak"; done; then echo; fi',
    'if [ -d scans ]; then for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; done & fi',
    'f() { for f in *.txt; do cp "$f" "$f.bak"; done; }',
    'for a in 1 2; do for f in *.txt; do cp "$f" "$f.$a"; done; done',
    'while true; do for f in *.txt; do cp "$f" "$f.b"; done; break; done',
    '( for f in *.txt; do cp "$f" "$f.b"; done )',
    'if [ -d scans ]; then cd scans; for f in *.JPG; do mv "$f" x; done; fi',
]


@pytest.mark.parametrize("command", STILL_UNKNOWN)
def test_a_loop_the_guard_cannot_bind_is_asked_about(ws, command):
    assert analyze(command, [str(ws)]).findings.get("dynamic")


NAMEREF_LOOPS = ['declare -n f; for f in *; do echo "$f"; done',
                 'if true; then declare -n f; for f in *; do echo "$f"; done; fi']


@pytest.mark.parametrize("command", NAMEREF_LOOPS)
def test_a_name_reference_over_a_globs_names(tmp_path, command):
    (tmp_path / "a[$(touch marker)]").write_text("")
    subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, timeout=10)
    assert (tmp_path / "marker").exists(), "bash did not run it"
    assert analyze(command, [str(tmp_path)]).findings.get("dynamic")


@pytest.mark.skipif(not BWRAP, reason="needs bubblewrap")
def test_a_rename_loop_in_a_branch_runs(tmp_path):
    verdicts, ran = run_steps(tmp_path, [("scans/a.JPG", "x"), ("scans/b.JPG", "y"),
                                         'if [ -d scans ]; then for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; '
                                         'done; fi && test -f scans/a.jpg && touch marker'], "redteam16-loops", timeout=20)
    assert all(v.decision is Decision.allow for v in verdicts), [v.reason for v in verdicts if v.reason]
    assert ran
