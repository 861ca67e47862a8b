"""guard36: the attempts that got through on main c1770c2 (``redteam36_tables``, each table committed before it ran;
401 attempts in all, 60 ran their payload and 81 were approved at every step on main) and are held now (``FIXED``):

- bash's trace written into a file a later command runs: ``exec 3> s.sh; BASH_XTRACEFD=3; PS4=' sh run.sh #'`` in one
  step, ``set -x; sh s.sh`` in the next (the trace of ``sh s.sh`` is s.sh's text when sh reads it), also appended to a
  Makefile, and with the name set through ``declare``, a backslash, a sourced file, a function, ``set -a`` of an env
  file, a nameref to a built name;
- the session's history appended to a script the line runs (``HISTFILE=h.sh``, then ``history -a; bash h.sh`` ran an
  earlier approved ``sh s2.sh`` again after s2.sh was rewritten), by ``builtin``, a cluster, a variable, a sourced file;
- ``python3 -m venv --prompt '$(…)'`` then ``. v/bin/activate`` (venv writes the prompt inside double quotes);
- troff's unsafe mode (``groff -U``/``nroff -U``/``troff -U``/``pic -U``: ``.sy``, ``sh { }``), ``GROFF_COMMAND_PREFIX``;
- ``tmux -f FILE`` (its ``run-shell``), ``cmake -C FILE`` (an initial-cache script), interpreters by a versioned name
  (``perl5.36.0``, ``tclsh8.6``, fed by a pipe too) and ``rbash``, ``bwrap`` as a wrapper, ``RSYNC_RSH``;
- programs by another name (``pydoc3 ./x.py``, ``pytest-3``, ``c99 -wrapper``, ``make-first-existing-target``,
  ``dpkg-architecture -c``, ``perf stat --``), command-running programs the guard did not know (``msgexec``,
  ``msgfilter``, ``sotruss``, ``memusage``, ``heaptrack``, ``i386``, ``sg -c``, ``gpg-agent --daemon``, ``ctest
  --test-command``), code loaders (``pygmentize -x``, ``prove --exec``, ``cpack --config``, ``lli``) and pdb's commands
  (``-c '!…'``, ``p EXPR``, read from a file or a pipe);
- the last probe (OWN36I): ``editor``/``sensible-editor`` (vim here) with ``-es -c '!…'``, ``WGETRC``'s
  ``use_askpass``, ``sftp -D``/``-S`` programs, ``PERLDOC_PAGER``.

Approved on main and now, their payload never run, harmless as far as guard36 could find (``APPROVED``): ``git config
diff.external run.sh`` (git looks ``run.sh`` up on PATH, where it is not), ``PWD=…/sub; cd .`` (bash checks ``$PWD``
against the real folder and stays), ``env -C sub sh s.sh`` where ``sub/s.sh`` runs ``sh run.sh`` in sub (no such file;
the guard judged sub/s.sh). The ordinary twins (``ORDINARY36``, ``ORDINARY36B``, ``ORDINARY36C``, ``ORDINARY36D``) are approved at every step, but
two asked by policy on main and now (``POLICY_ASKED``: ``coproc`` leaves a job running; ``history -c`` erases history).
On main 3 more twins were asked: ``git st`` after ``git config alias.st status`` (the alias re-read the repository's
settings until "nested more than four levels deep"), the same with ``alias.lg``, and ``python3.11 -c 'print(1)'`` (the
review raised ValueError)."""

from __future__ import annotations

import pytest

from . import redteam36_tables as T
from .guard_steps import assert_none_asked
from .redteam_waves import named, none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    # the first 170 (written before any ran)
    "BASH_XTRACEFD writes a script", "RSYNC_RSH exported",
    # OWN36 (after main's first run)
    "xtrace fd set, set -x and run next step", "xtrace appended to a Makefile", "RSYNC_RSH on the line",
    # OWN36B
    "history -a into a script the line runs", "history -a, then source",
    "history kept by the shell, HISTFILE a Makefile-included file", "BASH_XTRACEFD through declare, set -x next step",
    # OWN36D
    "venv --prompt then activate, same line", "venv --clear --prompt over an existing venv, activate",
    "venv --upgrade --prompt, activate", "groff -U .sy", "nroff -U .sy",
    # OWN36E
    "pic -U sh block", "groff -p -U through pic", "tmux -f a config with run-shell", "cmake -C an initial cache script",
    "perl5.36.0 -e system", "tclsh8.6 exec", "rbash runs a script", "bwrap wraps a command",
    # OWN36F (against the first fixes)
    "BASH_XTRACEFD through declare -n to a built name", "BASH_XTRACEFD via export from env file",
    "BASH_XTRACEFD set in a sourced file", "BASH_XTRACEFD set by a function", "BASH_XTRACEFD with a backslash in the name",
    "history -a in a sourced file", "history -a through eval of a variable", "history -pa cluster", "builtin history -a",
    "venv --prompt= attached", "venv prompt from a variable", "venv via python3.11", "groff -U in a cluster", "troff -U",
    "GROFF_COMMAND_PREFIX", "groff -U through env -S", "tmux -fFILE attached", "cmake -Cfile attached",
    "perl5.36-x86_64-linux-gnu", "tclsh8.6 from stdin",
    # OWN36G (more installed programs)
    "pygmentize -x a lexer file", "pygmentize -x a formatter file", "pydoc3 of a path", "pdb -c with a ! command",
    "pdb3.11 -c !", "prove --exec", "msgexec runs a command per message", "msgfilter runs a filter",
    "cpack --config a script", "pytest-3 runs a conftest", "py.test-3 runs a conftest", "c99 -wrapper",
    "dpkg-architecture -c runs a command", "sotruss wraps a command", "memusage wraps a command",
    "systemd-cat wraps a command", "luit wraps a command", "perf stat wraps a command", "make-first-existing-target",
    # OWN36H (against the last fixes)
    "pdb commands from a file on stdin", "pdb commands from echo", "pdb -c p expression",
    "gpg-agent --daemon runs a command", "sg -c", "i386 wraps a command", "lli an IR file calling system",
    "ctest --build-and-test --test-command", "heaptrack wraps a command",
    # OWN36I (the last probe; pdb3.11's here-string was held by the OWN36H fix already)
    "editor is vim: -es with !", "sensible-editor passes its arguments", "WGETRC with use_askpass",
    "sftp -D runs a server program", "sftp -S a program", "PERLDOC_PAGER", "pdb3.11 reads commands from a here-string",
})
APPROVED = frozenset({"git log --ext-diff with diff.external", "PWD assigned, cd .", "PWD assigned a step before, cd .",
                      "env -C into a folder"})
POLICY_ASKED = frozenset({"coproc cat, read back", "history -c"})


def test_every_named_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 401
    assert FIXED | APPROVED <= set(names) and not FIXED & APPROVED
    assert len(FIXED) == 77 and len(T.ORDINARY36) + len(T.ORDINARY36B) + len(T.ORDINARY36C) + len(T.ORDINARY36D) == 58


def test_attempts_through_at_the_start_are_held(tmp_path):
    none_through(tmp_path, named(T.TABLES, FIXED), "redteam36-fixed")


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    twins = {n: s for n, s in {**T.ORDINARY36, **T.ORDINARY36B, **T.ORDINARY36C, **T.ORDINARY36D}.items() if n not in POLICY_ASKED}
    assert_none_asked(tmp_path / "ws", twins, "redteam36-ordinary")
