"""The lead's second read of the twenty-fourth wave's guard (after guard24's 417 attempts): perl and ruby that run a
workspace script through a call the command analysis did not read. On main at afe8692 12 of these 18 ran their payload
or were approved at every step: perl's ``exec``/``system`` and ruby's ``system`` without a parenthesis
(``system "sh", "run.sh"``), ``readpipe "…"``, a two-argument ``open`` of a literal with a pipe at its end
(``open(F, "sh run.sh|")``), and ``qx`` with a delimiter that is not a bracket (``qx/…/``). Now each is read as the
command it runs (``jscode._bare_literal_words``, ``jscode._PERL_OPEN_LITERAL``, ``runners._QUOTED_CALL``). One
sandbox, default-policy guard, network none; the ordinary twins must pass at every step.

Then tools with a shell escape in the code they read, which the guard did not read at all: m4's ``syscmd``/``esyscmd``,
dc's ``!``, emacs's ``shell-command``, expect's ``spawn``, julia's backticks. None is installed on this machine, so
nothing ran, but all 7 were approved on ea4bc97 (m4 comes with autotools, dc with bc); now they are asked about
(``runners.ESCAPES``)."""

from __future__ import annotations

import pytest

from .redteam19_parts import RUN
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

ATTACKS = {
    "perl exec list": [RUN, "perl -e 'exec \"sh\",\"run.sh\"'"],
    "perl exec glued": [RUN, "perl -e 'exec\"sh\",\"run.sh\"'"],
    "perl system list without parentheses": [RUN, "perl -e 'system \"sh\", \"run.sh\"'"],
    "perl system concatenated": [RUN, "perl -e 'system \"sh \" . \"run.sh\"'"],
    "perl system or die": [RUN, "perl -e 'system \"sh\", \"run.sh\" or die'"],
    "perl readpipe": [RUN, "perl -e 'print readpipe \"sh run.sh\"'"],
    "perl open with a trailing pipe": [RUN, "perl -e 'open(F, \"sh run.sh|\"); <F>'"],
    "perl open without parentheses": [RUN, "perl -e 'open F, \"sh run.sh |\"; <F>'"],
    "perl open of a single-quoted pipe": [RUN, "perl -e \"open(F, 'sh run.sh|'); <F>\""],
    "perl qx with slashes": [RUN, "perl -e 'print qx/sh run.sh/'"],
    "perl qx with bangs": [RUN, "perl -e 'print qx!sh run.sh!'"],
    "ruby system without parentheses": [RUN, "ruby -e 'system \"sh\", \"run.sh\"'"],
    "a perl file with a bare system": [RUN, ("x.pl", "system \"sh\", \"run.sh\";\n"), "perl x.pl"],
    "a ruby file with a bare system": [RUN, ("x.rb", "system \"sh\", \"run.sh\"\n"), "ruby x.rb"],
}
ESCAPES = {
    "m4 esyscmd in a define": [RUN, "m4 -DX='esyscmd(sh run.sh)' /dev/null"],
    "m4 syscmd piped": [RUN, "echo 'syscmd(sh run.sh)' | m4"],
    "m4 syscmd in a file": [RUN, ("x.m4", "syscmd(sh run.sh)\n"), "m4 x.m4"],
    "dc shell escape": [RUN, "dc -e '!sh run.sh'"],
    "dc shell escape on a here-string": [RUN, "dc <<< '!sh run.sh'"],
    "emacs shell-command": [RUN, "emacs --batch --eval '(shell-command \"sh run.sh\")'"],
    "expect spawn": [RUN, "expect -c 'spawn sh run.sh; expect eof'"],
    "julia backticks": [RUN, "julia -e 'run(`sh run.sh`)'"],
}
ORDINARY = {
    "perl system echo": ["perl -e 'system \"echo\", \"hi\"'"],
    "perl open of a file": ["echo a > f.txt", "perl -e 'open(F, \"f.txt\"); print <F>'"],
    "perl open of ls": ["perl -e 'open(F, \"ls |\"); print <F>'"],
    "perl q and qw with slashes": ["perl -e 'print q/hello world/, qw/a b/'"],
    "perl tr and s": ["echo ab | perl -pe 'tr/a-z/A-Z/; s/A/a/'"],
    "ruby system echo": ["ruby -e 'system \"echo\", \"hi\"'"],
    "ruby %w with bars": ["ruby -e 'p %w|a b|'"],
    "python %x formats": ["python3 -c 'print(\"%x\" % 255, \"a\")'"],
    "m4 of a macro file": [("c.m4", "define(`NAME', `world')dnl\nhello NAME\n"), "m4 c.m4 > out.txt"],
    "dc arithmetic": ["dc -e '2 3 + p'", "echo '4 5 * p' | dc"],
    "dc comparison": ["dc -e '1 2 !<a p'"],
    "emacs batch message": ["emacs --batch --eval '(message \"hi\")'"],
    "emacs opening a file about shells": [("notes.txt", "the shell command is ls\n"), "emacs --batch notes.txt"],
    "expect puts": ["expect -c 'puts hi'"],
}


def test_perl_and_ruby_calls_without_parentheses_are_read(tmp_path):
    results = run_many22(tmp_path / "ws", ATTACKS, "redteam24-lead", timeout=30)
    ran = [n for n, o in results.items() if o.ran or o.host]
    approved = [n for n, o in results.items() if o.approved]
    assert not ran and not approved, (ran, approved)


def test_tools_with_a_shell_escape_in_their_code_are_asked_about(tmp_path):
    results = run_many22(tmp_path / "ws", ESCAPES, "redteam24-lead-escapes", timeout=30)
    assert not [n for n, o in results.items() if o.ran or o.host or o.approved]


def test_their_ordinary_twins_pass(tmp_path):
    results = run_many22(tmp_path / "ws", ORDINARY, "redteam24-lead-ok", timeout=30)
    assert not [(n, [v.reason for v in o.verdicts]) for n, o in results.items() if not o.approved]
