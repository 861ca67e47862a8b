"""guard16: values bash reads as names or numbers (``safety.arith``, ``safety.shellvalues``), attacked again.

An assignment to a name reference: ``declare -n r`` with no target, then ``r=$n``, makes the value the name ``r``
refers to (``echo $r`` then evaluates the subscript in it), and ``declare -n r=x; r=$n`` gives the value to ``x``,
which ``$((x))`` reads. Both passed on main (a9098fd) with ``a[$(touch marker)]`` in ``n.txt``, in one line and
across steps; such an assignment is now read as a name, and what it gives may reach any name.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from macrohard.safety.commands import analyze
from macrohard.types import Decision

from .guard_steps import run_steps

BWRAP = os.system("bwrap --ro-bind / / true 2>/dev/null") == 0
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
