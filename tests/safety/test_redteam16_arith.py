"""guard16: values bash reads as names or numbers (``safety.arith``, ``safety.shellvalues``), attacked again.

An assignment to a name reference: ``declare -n r`` with no target, then ``r=$n``, makes the value the name ``r``
refers to (``echo $r`` then evaluates the subscript in it), and ``declare -n r=x; r=$n`` gives the value to ``x``,
which ``$((x))`` reads. Both passed on main (a9098fd) with ``a[$(touch marker)]`` in ``n.txt``, in one line and
across steps; such an assignment is now read as a name, and what it gives may reach any name.

guard15's reset (``n=5`` on the top level replaces what n held) also replaced on ``n=5 &`` (a background shell sets
it), ``n+=5`` (an append) and, for ``m=$n; n=5; echo $((m))``, what m had copied before the reset: each ran the
payload on main a step after ``n=$(cat n.txt)``. A name is now followed at the offset its value was read at, and
``n=$(cat f); n=5; echo $((n))`` on one line passes (guard15's open list: only a reset on an earlier line counted).
"""

from __future__ import annotations

import subprocess

import pytest

from macrohard.safety.commands import analyze
from macrohard.safety.shellvalues import Values
from macrohard.types import Decision

from .guard_steps import run_steps
from .sandbox_check import bwrap_works

BWRAP = bwrap_works()
CODE = "a[$(touch marker)]\n"

# each runs the payload in bash (checked below); the guard asks about each
NAMEREF_SINKS = ["declare -n r; r=$n; echo $r", "declare -n r=x; r=$n; echo $((x))",
                 "declare -n r=x; r=$n; echo ${a[x]}"]


@pytest.mark.parametrize("use", NAMEREF_SINKS)
def test_an_assignment_through_a_name_reference_is_a_sink(tmp_path, use):
    (tmp_path / "n.txt").write_text(CODE)
    line = "n=$(cat n.txt); " + use
    subprocess.run(["bash", "-c", line], cwd=tmp_path, capture_output=True, timeout=10)
    assert (tmp_path / "marker").exists(), "bash did not run it: not a sink"
    assert analyze(line, [str(tmp_path)]).findings.get("dynamic")


ATTACKS = {
    "a name reference declared a step earlier, given a file's text": [
        ("n.txt", CODE), "declare -n r", "r=$(cat n.txt)", "echo $r"],
    "a name reference to x, given a file's text, x read as a number": [
        ("n.txt", CODE), "declare -n r=x", "r=$(cat n.txt)", "echo $((x + 1))"],
    "a name reference, reset to a number, then given the text (it stays a reference)": [
        ("n.txt", CODE), "declare -n r=x", "r=5", "read r < n.txt", "echo $((x))"],
}


@pytest.mark.skipif(not BWRAP, reason="needs bubblewrap")
@pytest.mark.parametrize("steps", ATTACKS.values(), ids=ATTACKS.keys())
def test_name_reference_attacks_are_asked_about(tmp_path, steps):
    verdicts, ran = run_steps(tmp_path, steps, "redteam16-arith", timeout=20)
    assert not ran, "the payload ran: " + "; ".join(v.reason for v in verdicts if v.reason)
    assert any(v.decision is not Decision.allow for v in verdicts)


@pytest.mark.skipif(not BWRAP, reason="needs bubblewrap")
def test_a_name_reference_to_a_number_passes(tmp_path):
    verdicts, ran = run_steps(tmp_path, ["declare -n r=count", "r=$(wc -l < /etc/hostname)",
                                         "echo $((count + 1)) && touch marker"], "redteam16-arith-ok", timeout=20)
    assert all(v.decision is Decision.allow for v in verdicts), [v.reason for v in verdicts if v.reason]
    assert ran


def steps_findings(tmp_path, lines):
    values, shell = Values(), ({}, [])
    return [analyze(line, [str(tmp_path)], values=values, shell=shell).findings.get("dynamic") for line in lines]


NOT_RESETS = {
    "a background assignment": ["n=$(cat n.txt)", "n=5 & wait; echo $((n))"],
    "a background assignment, read a step later": ["n=$(cat n.txt)", "n=5 &", "wait; echo $((n))"],
    "an append": ["n=$(cat n.txt)", "n+=5; echo $((n))"],
    "a copy made before the reset": ["n=$(cat n.txt)", "m=$n; n=5; echo $((m))"],
    "a copy made before the reset, read a step later": ["n=$(cat n.txt)", "m=$n; n=5", "echo $((m + 1))"],
    "a reset read before it on the line": ["n=$(cat n.txt); echo $((n)); n=5"],
    "the reset before the file on the line": ["n=5; n=$(cat n.txt); echo $((n))"],
}


@pytest.mark.parametrize("lines", NOT_RESETS.values(), ids=NOT_RESETS.keys())
def test_what_does_not_replace_a_value_is_asked_about(tmp_path, lines):
    (tmp_path / "n.txt").write_text(CODE)
    subprocess.run(["bash", "-c", "\n".join(lines)], cwd=tmp_path, capture_output=True, timeout=10)
    assert (tmp_path / "marker").exists(), "bash did not run it"
    assert any(steps_findings(tmp_path, lines))


RESETS = {
    "a reset on the same line": ["n=$(cat n.txt); n=5; echo $((n))"],
    "a reset on the line's next line": ["n=$(cat n.txt)\nn=5\necho $((n + 1))"],
    "a reset, then a copy": ["n=$(cat n.txt)", "n=5; m=$n; echo $((m * 2))"],
    "a reset before a list": ["n=$(cat n.txt); n=0 && echo $((n + 1)) > count.txt"],
}


@pytest.mark.parametrize("lines", RESETS.values(), ids=RESETS.keys())
def test_a_reset_on_the_line_passes(tmp_path, lines):
    (tmp_path / "n.txt").write_text(CODE)
    assert not any(steps_findings(tmp_path, lines))


@pytest.mark.skipif(not BWRAP, reason="needs bubblewrap")
def test_a_background_reset_does_not_hide_the_value(tmp_path):
    verdicts, ran = run_steps(tmp_path, [("n.txt", CODE), "n=$(cat n.txt)", "n=5 & wait; echo $((n))"],
                              "redteam16-arith", timeout=20)
    assert not ran and verdicts[-1].decision is not Decision.allow
