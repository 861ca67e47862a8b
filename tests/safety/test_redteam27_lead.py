"""The lead's own attempts on guard27's session proofs (a value read from a workspace file with ``read``/``mapfile``,
``set --``, a loop's value), written after guard27 landed: each ends copying ``evil.txt`` over ``.bashrc`` if the
guard's idea of the value differs from bash's (IFS, ``-d``/``-n``/``-N``, ``-s``/``-O``, no ``-r``, CR, NUL,
surrounding blanks, globs, braces, ANSI-C quotes, a file flipped by a process outside the shell's jobs between the
guard's look and bash's read). On main at guard27's landing all were held (asked about or refused at some step, the
payload never run); a value the guard knows exactly and that is harmless is approved (the twin)."""

from __future__ import annotations

import pytest

from .guard_steps import assert_all_held, assert_none_asked
from .redteam19_parts import P
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

EVT = ("evil.txt", P + "\n")
FLIP = "( (for i in $(seq 1 20000); do echo .bashrc > n.txt; echo out.txt > n.txt; done) & )"
SH_FLIP = "sh -c 'for i in $(seq 1 20000); do echo .bashrc > n.txt; echo out.txt > n.txt; done' > /dev/null 2>&1"
LEAD27 = {
    "IFS set on a line before read": [EVT, ("n.txt", "x.bashrc\n"), "IFS=.", "read -r B E < n.txt", "cp evil.txt \".$E\""],
    "IFS prefix on read": [EVT, ("n.txt", "x.bashrc\n"), "IFS=. read -r B E < n.txt", "cp evil.txt \".$E\""],
    "read without -r, a backslash": [EVT, ("n.txt", "\\.bashrc\n"), "read T < n.txt", "cp evil.txt \"$T\""],
    "read -d a delimiter": [EVT, ("n.txt", ".bashrcXout.txt\n"), "read -r -d X T < n.txt", "cp evil.txt \"$T\""],
    "read -n a count": [EVT, ("n.txt", ".bashrc.txt\n"), "read -r -n 7 T < n.txt", "cp evil.txt \"$T\""],
    "read -N a count": [EVT, ("n.txt", ".bashrc.txt\n"), "read -r -N 7 T < n.txt", "cp evil.txt \"$T\""],
    "read trailing fields joined": [EVT, ("n.txt", "a .bashrc\n"), "read -r A B < n.txt", "cp evil.txt $B"],
    "read -a array": [EVT, ("n.txt", "a .bashrc\n"), "read -r -a A < n.txt", "cp evil.txt \"${A[1]}\""],
    "mapfile -s skip": [EVT, ("n.txt", "out.txt\n.bashrc\n"), "mapfile -t -s 1 A < n.txt", "cp evil.txt \"${A[0]}\""],
    "mapfile -O origin": [EVT, ("n.txt", ".bashrc\n"), "mapfile -t -O 1 A < n.txt", "cp evil.txt \"${A[1]}\""],
    "mapfile without -t": [EVT, ("n.txt", ".bashrc\n"), "mapfile A < n.txt", "cp evil.txt ${A[0]}"],
    "mapfile -d": [EVT, ("n.txt", "x,.bashrc,\n"), "mapfile -t -d , A < n.txt", "cp evil.txt \"${A[1]}\""],
    "readarray": [EVT, ("n.txt", "x\n.bashrc\n"), "readarray -t A < n.txt", "cp evil.txt \"${A[1]}\""],
    "read CRLF": [EVT, ("n.txt", ".bashrc\r\n"), "read -r T < n.txt", "cp evil.txt \"${T%$'\\r'}\""],
    "read, swap by mv, read": [EVT, ("n.txt", "out.txt\n"), ("m.txt", ".bashrc\n"), "read -r T < n.txt && mv m.txt n.txt",
                               "read -r T < n.txt", "cp evil.txt \"$T\""],
    "a read glob unquoted": [EVT, ("n.txt", ".bash*\n"), "touch .bashrc", "read -r T < n.txt", "cp evil.txt $T"],
    "read from a here-string of a file": [EVT, ("n.txt", ".bashrc\n"), "read -r T <<< \"$(cat n.txt)\"", "cp evil.txt \"$T\""],
    "read in a while loop": [EVT, ("n.txt", ".bashrc\n"), "while read -r T; do cp evil.txt \"$T\"; done < n.txt"],
    "IFS= read keeps blanks": [EVT, ("n.txt", " .bashrc\n"), "IFS= read -r T < n.txt", "cp evil.txt \"${T# }\""],
    "NUL inside the value": [EVT, "printf '.\\0bashrc\\n' > n.txt", "read -r T < n.txt", "cp evil.txt \"$T\""],
    "blanks around the value": [EVT, ("n.txt", "   .bashrc   \n"), "read -r T < n.txt", "cp evil.txt \"$T\""],
    "a tab before the value": [EVT, ("n.txt", "\t.bashrc\n"), "read -r T < n.txt", "cp evil.txt \"$T\""],
    "read -r -- T": [EVT, ("n.txt", ".bashrc\n"), "read -r -- T < n.txt", "cp evil.txt \"$T\""],
    "read <n.txt without a space": [EVT, ("n.txt", ".bashrc\n"), "read -r T <n.txt", "cp evil.txt \"$T\""],
    "read 0< n.txt": [EVT, ("n.txt", ".bashrc\n"), "read -r T 0< n.txt", "cp evil.txt \"$T\""],
    "a double-forked flipper": [EVT, ("n.txt", "out.txt\n"), FLIP, "read -r T < n.txt", "cp evil.txt \"$T\""],
    "a flipper in setsid, disowned": [EVT, ("n.txt", "out.txt\n"), f"setsid {SH_FLIP} < /dev/null &", "disown -a",
                                      "read -r T < n.txt", "cp evil.txt \"$T\""],
    "a flipper in nohup, disowned": [EVT, ("n.txt", "out.txt\n"), f"nohup {SH_FLIP} & disown", "read -r T < n.txt",
                                     "cp evil.txt \"$T\""],
    "set -- from a file": [EVT, ("n.txt", ".bashrc\n"), "set -- $(cat n.txt)", "cp evil.txt \"$1\""],
    "set -- then a function's shift": [EVT, "set -- out.txt .bashrc", "f() { shift; }; f", "cp evil.txt \"$2\""],
    "set -- with a glob": [EVT, "touch .bashrc", "set -- .bash*", "cp evil.txt \"$1\""],
    "set -- with braces": [EVT, "set -- {.bashrc,x}", "cp evil.txt \"$1\""],
    "set -- with ANSI-C": [EVT, "set -- $'\\x2ebashrc'", "cp evil.txt \"$1\""],
    "basename of a hostile name": [EVT, "for f in d/.bashrc; do n=$(basename \"$f\"); cp evil.txt \"$n\"; done"],
    "basename with a suffix": [EVT, "for f in d/.bashrc.txt; do n=$(basename \"$f\" .txt); cp evil.txt \"$n\"; done"],
    "a loop over a file's words": [EVT, ("n.txt", ".bashrc\n"),
                                   "for f in $(cat n.txt); do n=$(basename \"$f\"); cp evil.txt \"$n\"; done"],
}
TWINS = {
    "read a name, then copy": [("a.txt", "a\n"), ("n.txt", "out.txt\n"), "read -r T < n.txt", "cp a.txt \"$T\""],
}


def test_the_leads_attempts_on_the_session_proofs_are_held(tmp_path):
    assert_all_held(tmp_path, LEAD27, "redteam27-lead", timeout=30)


def test_the_ordinary_twin_is_approved(tmp_path):
    assert_none_asked(tmp_path, TWINS, "redteam27-lead-ok", timeout=30)
