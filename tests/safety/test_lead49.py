"""The lead's forty-ninth-wave fix, found by the fresh-clone suite (test_redteam24_lead): since rt49 reads expect's
code as Tcl (``jscode.family``), ``expect -c 'spawn sh run.sh'`` was allowed — Tcl's reader knows ``exec``, not
expect's ``spawn``, and ``runners.ESCAPES["expect"]`` was no longer consulted on that path. expect's code (its ``-c``,
its stdin, a file of code) and expectk's and jimsh's (the same families) are read for their shell escapes again."""

from __future__ import annotations

import pytest

from macrohard.safety.commands import analyze


@pytest.mark.parametrize("command", [
    "expect -c 'spawn sh run.sh; expect eof'",
    "echo 'spawn sh run.sh' | expect",
    "expect <<< 'spawn -noecho bash -c id'",
    "expectk -c 'spawn sh run.sh'",
    "expect -c 'system sh run.sh'",
])
def test_expects_shell_escapes_are_asked_about(command: str) -> None:
    assert "dynamic" in analyze(command, ["/w"]).findings, command


@pytest.mark.parametrize("command", ["expect -c 'puts hi'", "expectk -c 'puts hi'", "jimsh -c 'puts hi'"])
def test_expect_code_without_an_escape_is_not_asked(command: str) -> None:
    assert "dynamic" not in analyze(command, ["/w"]).findings, command
