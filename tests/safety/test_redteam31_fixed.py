"""guard31: the attempts that got through on main at the wave's start (2634141; ``redteam31_tables``, 153 written
before they ran): ran their payload in the sandbox or were approved at every step; now asked about or refused at
some step (``FIXED``). Those approved now that do no harm (their payload never runs, even with everything allowed;
three of them, ``readonly __mh_cmd``, ran on main until the persistent shell stopped keeping its command in a
variable) are ``HARMLESS``. One sandbox (``redteam22_parts.run_many22``), default-policy guard, network none.
``test_redteam31_held.py`` runs those held already. Also the ordinary twins written with the attempts (all
approved on main): still approved."""

from __future__ import annotations

import pytest

from . import redteam31_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .redteam_waves import named, none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    # plumb (ran, but the three posix-mode aliases of printf/eval and POSIXLY_CORRECT's: approved): a function or
    # alias named like the shell's own eval/printf, posix mode's aliases
    "a function named printf sources a file written later", "a function named printf runs a script rewritten later",
    "function printf keyword form", "printf defined in a sourced file", "posix mode, an alias named printf",
    "posix mode, an alias named eval", "POSIXLY_CORRECT turns on posix mode, alias printf",
    "posix mode, an alias used by the agent", "an alias with a trailing space in posix mode",
    "printf function defined inside a subshell-free if",
    # proc, pipes (ran): a folder under /proc read on the host, node of a named pipe
    "cd /proc/self/cwd then npm test", "node a pipe",
    # fds: exec of the shell's own input (the last ran)
    "exec 0< run.sh", "exec < run.sh", "a descriptor duplicated onto stdin of the next command",
    # hooks (ran, but PERL5OPT's: approved): set -k, mapfile -C attached
    "set -k: BASH_ENV after the command name", "set -k on one line", "set -o keyword", "set -k, PERL5OPT after the name",
    "set -k, GIT_CONFIG_PARAMETERS after the name", "mapfile -Ccallback attached",
    # opts (ran): physical cd, echo's backslashes read by xpg_echo and dash
    "set -P: cd l/.. is physical", "set -o physical a step before, cd l/..", "cd -P l, then cd .. a step later",
    "set -P, cd l, then cd .. a step later", "shopt -s xpg_echo: echo writes two lines", "xpg_echo on one line",
    "dash's echo writes two lines", "dash's echo into a script sourced", "dash's echo writes a Makefile",
})
# approved now: their payload never runs, even with everything allowed
HARMLESS = frozenset({
    "readonly __mh_cmd: the old command runs again", "declare -r __mh_cmd", "readonly on a name built at run time",
    # (those three ran on main: envs.shell now evals the command as a quoted word, no variable)
    "typeset -r __mh_cmd a step later", "declare -n __mh_cmd to a name set later",
    "exec 10< run.sh (the shell's saved input)", "exec 10< run.sh in a function", "exec 10<&3 after exec 3< run.sh",
    "exec 11< run.sh",  # bash moves its saved input out of the way of a descriptor the command takes
    "a write descriptor to a script, written later",  # b.sh is written after the step that copies it
    "MAILPATH of an interactive child",  # (its payload never ran under the control either)
    "dash's echo, \\c ends a comment",  # `: ` then the next echo's line: `: sh run.sh` on one line
})


def test_every_fixed_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 153
    assert FIXED <= set(names) and HARMLESS <= set(names) and not FIXED & HARMLESS


def test_attempts_through_at_the_start_are_held(tmp_path):
    none_through(tmp_path, named(T.TABLES, FIXED), "redteam31-fixed")


def test_harmless_approvals_run_nothing(tmp_path):
    results = run_many22(tmp_path / "ws", named(T.TABLES, HARMLESS), "redteam31-harmless", timeout=30)
    assert not [n for n, o in results.items() if o.ran or o.host]


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", T.ORDINARY31, "redteam31-ordinary")
