"""The lead's attacks on guard15's number tracking (``safety.digits``): ``$(wc -l < f)`` prints digits only when
``wc`` is the system's program. A shell function of that name, a workspace program run by path, or one found on a
PATH the run changed prints what it likes, and bash then runs the ``$(…)`` of an array index in it at ``$((n))``.
Each ran the payload on guard15's first landing (d0f7a6b); run through the default-policy guard into a real sandbox."""

from __future__ import annotations

import pytest

from .guard_steps import run_steps
from .sandbox_check import bwrap_works

BWRAP = bwrap_works()
CODE = "a[$(touch marker)]\n"
CAT = "#!/bin/sh\ncat\n"

ATTACKS = {
    "a function named wc, defined a step before": ["wc() { cat; }", "n=$(wc -l < n.txt); echo $((n))"],
    "a function named wc on the same line": ["wc() { cat; }; n=$(wc -l < n.txt); echo $((n))"],
    "a function named date": ["date() { cat n.txt; }", "n=$(date +%s); echo $((n + 1))"],
    "a workspace program ./wc": [("wc", CAT), "chmod +x wc", "n=$(./wc -l < n.txt); echo $((n))"],
    "wc on a PATH changed on the line": [("bin/wc", CAT), "chmod +x bin/wc",
                                         "PATH=$PWD/bin:$PATH; n=$(wc -l < n.txt); echo $((n))"],
    "wc on a PATH exported a step before": [("bin/wc", CAT), "chmod +x bin/wc", "export PATH=$PWD/bin:$PATH",
                                            "n=$(wc -l < n.txt); echo $((n))"],
}


@pytest.mark.skipif(not BWRAP, reason="bubblewrap cannot create a sandbox here")
@pytest.mark.parametrize("name", ATTACKS)
def test_a_program_that_only_shares_a_digit_commands_name_is_not_trusted(tmp_path, name):
    verdicts, ran = run_steps(tmp_path, [("n.txt", CODE), *ATTACKS[name]], run_id="rt15-shadow")
    assert not ran, (name, verdicts)
    assert verdicts[-1].decision.value != "allow", verdicts


@pytest.mark.skipif(not BWRAP, reason="bubblewrap cannot create a sandbox here")
def test_the_systems_programs_still_count(tmp_path):
    steps = [("notes.txt", "a\nb\nc\n"), "n=$(wc -l < notes.txt); echo $((n + 1))",
             "t=$(date +%s); echo $((t % 60))", "n=$(/usr/bin/wc -l < notes.txt); echo $((n * 2))"]
    verdicts, _ = run_steps(tmp_path, steps, run_id="rt15-system")
    assert [v.decision.value for v in verdicts] == ["allow"] * 4, verdicts
