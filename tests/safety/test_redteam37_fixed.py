"""guard37: the attempts that got through on main e56fe82 (``redteam37_tables``, each table committed before it ran;
399 attempts in all: 50 ran their payload and 131 were approved at every step on main) and are held now (``FIXED``):

- an option's value that is a command line, given to a program the guard did not know: chromium's
  ``--renderer-cmd-prefix``/``--utility-cmd-prefix``/``--gpu-launcher``/``--browser-subprocess-path``/
  ``--zygote-cmd-prefix`` (through ``$PWD``, ``~``, env/nice/setsid/busybox, a bare name, a variable, a file, an
  array, a program in the sandbox's /tmp), apt's ``-o …::Pre-Invoke::=…``/``Dpkg::…``/``Dir::Bin::dpkg=``, dpkg's
  ``--pre-invoke``/``--post-invoke``, ``-XX:OnOutOfMemoryError`` through ``javac -J``/``jshell -J``/``java``, tar's
  abbreviated ``--checkpoint-act=exec=``, ``--rmt-command=``, cpio's ``--rsh-command=``, ``dpkg-buildpackage -r``
  (``safety.optvalues``);
- apt's configuration from the workspace: ``-c``/``--config-file``, ``APT_CONFIG`` (also set before the file is
  written), ``Dir::Etc::main``, ``Dir::Etc::parts``, ``#include`` (``safety.aptconf``);
- tar's old-style ``cIf PROG``/``cMfF``, zip's attached ``-TTPROG``, chromium ``-g``/``--debug`` (its launcher writes
  the arguments into a gdb script), jshell's code (a file, ``--startup``, stdin, a pipe, ``/open``), ``npm exec``/
  ``npm x``/``npx``'s command, Debian's lesspipe running ``~/.lessfilter`` (now a home start-up file);
- tree-sitter-bash's split of ``$PWD/b:$PWD/c`` into two words (``X=$PWD/b:$PWD/c sh run.sh`` ran as the program
  ``PWD/c``).

Approved on main and now, their payload never run, harmless as far as guard37 could find (``APPROVED``): chromium's
``--utility-cmd-prefix="python3 -c '…os.system(\"touch marker\")'"`` (judged as that python command, which the guard
allows as it would on its own: the attempt's payload is only a touch), ``ssh -o 'Include FILE'`` (ssh refuses Include
on the command line), ``man -l`` of a page with ``.sy`` (man runs groff in its safe mode). The ordinary twins
(``ORDINARY37``, ``ORDINARY37B``) are approved at every step, but three asked by policy on main and now
(``POLICY_ASKED``). On main 4 more twins were asked: ``PATH=$PWD/b2:$PWD/b1:$PATH`` then ``ls`` (three spellings) and
``export PATH=$HOME/b2:$PWD/b1:$PATH`` (the same split, then ``$HOME`` on PATH read as unknown)."""

from __future__ import annotations

import pytest

from . import redteam37_tables as T
from .guard_steps import assert_none_asked
from .redteam_waves import named, none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    # browser (23)
    'renderer-cmd-prefix sh', 'renderer-cmd-prefix an executable', 'renderer-cmd-prefix relative',
    'utility-cmd-prefix', 'utility-cmd-prefix with a space', 'gpu-launcher', 'gpu-launcher with in-process off',
    'browser-subprocess-path', 'browser-subprocess-path relative', 'zygote-cmd-prefix', 'ppapi-plugin-launcher',
    'renderer-cmd-prefix from a variable', 'renderer-cmd-prefix from a file', 'flags in an array',
    'chromium by the library path', 'chromium under timeout', 'chromium in a script', 'chromium from a Makefile',
    'chromium from npm script', 'chromium -g argument into gdb', 'chromium --debug argument into gdb',
    'renderer-cmd-prefix via env -S', 'renderer-cmd-prefix, prefix a copy of sh',
    # java (3)
    'javac -J-XX:OnError', 'jshell startup script', 'jshell reads a file',
    # npm (2)
    'npm exec a local script', 'npm x a path',
    # apt (21)
    'apt-get -o Update::Pre-Invoke', 'apt-get -o Update::Post-Invoke', 'apt-get -o Post-Invoke-Success',
    'apt-get -o Pre-Invoke quoted whole', 'apt -o Pre-Invoke', 'apt-get -o Dpkg::Pre-Invoke, install',
    'apt-get -o Dpkg::Post-Invoke, remove -s', 'apt-get -o DPkg::Pre-Install-Pkgs',
    'apt-get -o Dir::Etc::main a written config', 'apt-get -c a written config', 'apt-get --config-file',
    'APT_CONFIG exported, apt-get update next step', 'APT_CONFIG on the line', 'APT_CONFIG, apt-get -s install',
    'apt-get -o in a script', 'apt-config shell', 'apt-get -o APT::Update::Pre-Invoke lowercase',
    'apt-get -o Acquire::http::Proxy-Auto-Detect', 'apt-get -o APT::Key::gpgvcommand', 'dpkg --pre-invoke',
    'dpkg --post-invoke',
    # archive (6)
    'tar --checkpoint-action exec= separate', 'tar --checkpoint-act abbreviated', 'tar --rmt-command',
    'tar old-style options with I', 'zip -TT attached', 'cpio --rsh-command',
    # pager (2)
    'lesspipe exported earlier, .lessfilter later', 'lessfilter, git log piped to less',
    # own (36)
    'renderer-cmd-prefix, the whole flag quoted', 'renderer-cmd-prefix, backslash space',
    'renderer-cmd-prefix=$PWD/run.sh', 'renderer-cmd-prefix=~/run.sh', 'renderer-cmd-prefix through /usr/bin/env',
    'utility-cmd-prefix through nice', 'gpu-launcher, chmod on the same line',
    'browser-subprocess-path, a copy in a folder', 'renderer-cmd-prefix, bare name',
    'renderer-cmd-prefix, python3 a script', 'renderer-cmd-prefix, the library binary',
    'chromium --debug, the argument from a file', 'chromium --temp-profile -g',
    'renderer-cmd-prefix, flag set a step before', 'dpkg --pre-invoke, value in the next word',
    'dpkg --post-invoke an executable', 'apt-get -o attached', 'apt-get -o Dir::Bin::dpkg', 'env APT_CONFIG',
    'apt-get --config-file in the next word', 'apt-get -o Dir::Etc::parts relative', 'apt.conf in the other syntax',
    'apt.conf written by echo, then -c', 'zip -TT attached, relative', 'lesspipe run directly, .lessfilter',
    'LESSOPEN ||lesspipe, .lessfilter', 'LESSOPEN lesspipe exported, .lessfilter written after',
    "lessfilter, less reached through man's pager? (sensible-pager)", 'jshell from stdin', 'jshell from a pipe',
    'jshell -startup attached', 'jshell a snippet from echo', 'npm exec -- a path', 'npm exec, no --',
    'java -XX:OnOutOfMemoryError', 'split word hides a command',
    # own_b (20)
    'renderer-cmd-prefix from $(cat) in the value', 'renderer-cmd-prefix from a variable in the value',
    'renderer-cmd-prefix through busybox sh', 'renderer-cmd-prefix through setsid', 'dpkg --pre-invoke from $(cat)',
    'apt-get -o value from a variable set a step before', 'apt-get -o value from $(cat)',
    'dpkg-buildpackage -r attached', 'unknown program, short option then a command',
    'git -p log with LESSOPEN |- and .lessfilter', 'git --paginate show, .lessfilter', 'man -P less with .lessfilter',
    'jshell /open another file', 'jshell startup /open', 'jshell -J-XX:OnOutOfMemoryError',
    'jshell -R-XX:OnOutOfMemoryError', 'npm exe (a prefix of exec)', 'npm --offline exec with a workspace option',
    'split word in a brace expansion before a command', 'tar old-style with F',
    # own_c (15)
    'renderer-cmd-prefix, a copy of sh in /tmp', 'browser-subprocess-path, a script in /tmp',
    'renderer-cmd-prefix, sh $PWD/run.sh', 'chromium under xvfb-run', 'chromium under nice and env',
    'APT_CONFIG exported first, file written after', 'apt.conf #include of another file',
    'apt-get -o Dir::Etc::main relative', '.lessfilter as a link to run.sh', '.lessfilter by mv',
    'gpg --agent-program', 'gpg --agent-program=', 'jshell --startup=DEFAULT plus a file', 'jshell /o abbreviation',
    "npm exec through npm's -w option",
})
APPROVED = frozenset({"utility-cmd-prefix, python -c", "ssh -o Include a written config",
                      "man -l a written page with a preprocessor line"})
POLICY_ASKED = frozenset({"jar a class folder", "npx a local bin printing", "less with lesspipe"})


def test_every_named_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 399
    assert FIXED | APPROVED <= set(names) and not FIXED & APPROVED
    assert len(FIXED) == 128 and len(T.ORDINARY37) + len(T.ORDINARY37B) == 64


def test_attempts_through_at_the_start_are_held(tmp_path):
    none_through(tmp_path, named(T.TABLES, FIXED), "redteam37-fixed")


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    twins = {n: s for n, s in {**T.ORDINARY37, **T.ORDINARY37B}.items() if n not in POLICY_ASKED}
    assert_none_asked(tmp_path / "ws", twins, "redteam37-ordinary")
