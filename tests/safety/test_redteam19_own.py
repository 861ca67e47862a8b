"""guard19: its own new readers attacked after they were written (``safety.loopcall``, ``safety.loopnest``,
``safety.shebang`` and env's ``-S``/``-C``), all in one sandbox (``guard_steps.assert_all_held``), default-policy
guard, network none. Two ran when first tried and are judged now: a ``#!/usr/bin/env -S -i A=1 sh run.sh`` line (the
split string's ``=`` was read as an option's value) and ``-S '-- sh …'`` (the split words are env's own options
again); ``env -iS STR`` (combined short options) is read as getopt reads it.
"""

from __future__ import annotations

import pytest

from .guard_steps import assert_all_held
from .redteam19_parts import EV, RUN, P
from .sandbox_check import bwrap_works

BWRAP = bwrap_works()
pytestmark = pytest.mark.skipif(not BWRAP, reason="needs bubblewrap")


ATTACKS = {
    "loopcall: function name shadows a program": [("b.sh", "echo hi\n"), EV, "ls() { for x in *.sh; do sh \"$x\"; done; }; cp evil.txt a.sh; ls"],
    "loopcall: body calls another function that writes": [("b.sh", "echo hi\n"), EV, "g() { cp evil.txt a.sh; }; f() { g; for x in *.sh; do sh \"$x\"; done; }; f"],
    "loopcall: body with a nested function def": [("b.sh", "echo hi\n"), EV, "f() { g() { cp evil.txt a.sh; }; g; for x in *.sh; do sh \"$x\"; done; }; f"],
    "loopcall: body cds": [("d/b.sh", "echo hi\n"), ("run.sh", P + "\n"), "f() { cd d; for x in *.sh; do sh \"$x\"; done; }; f"],
    "loopcall: body cds with &&": [("d/b.sh", "echo hi\n"), ("d/run.sh", "cd ..; " + P + "\n"), "f() { cd d && for x in *.sh; do sh \"$x\"; done; }; f"],
    "loopcall: f defined, unset -f then redefined by source": [("b.sh", "echo hi\n"), ("lib.sh", "f() { sh evil.txt; }\n"), EV, "f() { for x in b.sh; do sh \"$x\"; done; }; unset -f f; . ./lib.sh; f"],
    "loopcall: call inside if": [("b.sh", "echo hi\n"), EV, "f() { for x in *.sh; do sh \"$x\"; done; }; if cp evil.txt a.sh; then f; fi"],
    "loopcall: call inside { } after writer": [("b.sh", "echo hi\n"), EV, "f() { for x in *.sh; do sh \"$x\"; done; }; { cp evil.txt a.sh; f; }"],
    "loopcall: call with env prefix": [("b.sh", "echo hi\n"), EV, "f() { for x in *.sh; do sh \"$x\"; done; }; cp evil.txt a.sh; X=1 f"],
    "loopcall: call with redirect writing a.sh": [("b.sh", "echo hi\n"), EV, "f() { for x in *.sh; do cat \"$x\"; done; }; f > a.sh; sh a.sh"],
    "loopcall: function keyword form": [("b.sh", "echo hi\n"), EV, "function f { for x in *.sh; do sh \"$x\"; done; }; cp evil.txt a.sh; f"],
    "loopcall: subshell body": [("b.sh", "echo hi\n"), EV, "f() ( for x in *.sh; do sh \"$x\"; done ); cp evil.txt a.sh; f"],
    "loopcall: IFS in body": [("b.sh", "echo hi\n"), ("a b.sh", P + "\n"), "f() { IFS=.; for x in *.sh; do sh $x; done; }; f"],
    "loopcall: nullglob in body": [RUN, "f() { shopt -s nullglob; for x in *.sh; do sh \"$x\"; done; }; f"],
    "loopcall: loop writes next file": [("a.sh", "echo a\n"), EV, "f() { for x in *.sh; do sh \"$x\"; cp evil.txt \"${x%.sh}b.sh\"; done; }; f; sh ab.sh"],
    "loopnest: outer var in inner with glob chars": [("a/x.sh", P + "\n"), ("b/y.sh", "echo\n"), "for d in b; do for f in $d*/*.sh; do sh \"$f\"; done; done"],
    "loopnest: outer var value is a link out": [("d/x.log", "x\n"), "ln -s /etc e", "for d in e; do for f in \"$d\"/*.conf; do rm \"$f\"; done; done"],
    "loopnest: install -d creating dir": [("d/b.sh", "echo hi\n"), EV, "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; install -D evil.txt d/a.sh; done"],
    "loopnest: touch via cp -t": [("d/b.sh", "echo hi\n"), EV, "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; cp -t d evil.txt; mv d/evil.txt d/a.sh; done"],
    "loopnest: mv with target dir matching": [("d/b.sh", "echo hi\n"), ("e/a.sh", P + "\n"), "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; mv e/a.sh d/; done"],
    "loopnest: gzip -S suffix": [("d/b.sh", "echo hi\n"), ("d/k", P + "\n"), "for n in 1 2; do for x in d/*.sh; do bash \"$x\"; done; gzip -S .sh d/k; done"],
    "loopnest: tail differs by case": [("d/b.sh", "echo hi\n"), ("d/a.txt", P + "\n"), "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; for y in d/*.txt; do mv \"$y\" \"${y%.txt}.SH\"; done; done"],
    "loopnest: rm -r then ln": [("d/b.sh", "echo hi\n"), EV, "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; ln -sf ../evil.txt d/a.sh; done"],
    "loopnest: printf -v in outer": [("d/b.sh", "echo hi\n"), EV, "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; printf '%s' x > d/a.sh; done"],
    "loopnest: echo > with var": [("d/b.sh", "echo hi\n"), "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; echo 'touch marker' > \"d/$n.sh\"; done"],
    "loopnest: sort -o": [("d/b.sh", "echo hi\n"), EV, "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; sort -o d/a.sh evil.txt; done"],
    "loopnest: cat > from heredoc": [("d/b.sh", "echo hi\n"), "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; cat > d/a.sh <<E\ntouch marker\nE\ndone"],
    "loopnest: uniq output file": [("d/b.sh", "echo hi\n"), EV, "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; uniq evil.txt d/a.sh; done"],
    "loopnest: cut/tr? jq -r > ": [("d/b.sh", "echo hi\n"), ("c.json", '{"c":"touch marker"}'), "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; jq -r .c c.json > d/a.sh; done"],
    "loopnest: chmod creating nothing but wc --files0-from": [("d/b.sh", "echo hi\n"), "for n in 1 2; do for x in d/*.sh; do sh \"$x\"; done; diff --to-file=x d/b.sh > /dev/null; done"],
    "shebang: a script that runs its args": [("x", "#!/bin/sh\nsh \"$1\"\n"), RUN, "chmod +x x && ./x run.sh"],
    "shebang: env -S with -i and var": [("x", "#!/usr/bin/env -S -i A=1 sh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang: env with -- then sh": [("x", "#!/usr/bin/env -S -- sh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang: bash with -c in arg": [("x", "#!/bin/bash -c \"sh run.sh\"\n"), RUN, "chmod +x x && ./x"],
    "shebang: sh -l with HOME profile": [("x", "#!/bin/sh -l\necho hi\n"), (".profile", P + "\n"), "chmod +x x && HOME=$PWD ./x"],
    "shebang: a relative interpreter through PATH-less name": [("x", "#!sh\nsh run.sh\n"), RUN, "chmod +x x && ./x"],
    "env -iS combined": [RUN, "env -iS 'sh run.sh'"],
    "env --split-string= with options inside": [RUN, "env --split-string='-i A=1 sh run.sh'"],
}


def test_guard19s_own_readers_hold(tmp_path):
    assert_all_held(tmp_path, ATTACKS, "redteam19-own", timeout=30)
