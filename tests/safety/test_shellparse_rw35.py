"""guard35: how the walk reads bash's ``[n]<> word``, a redirect's ``0`` descriptor, and words after a target."""

from __future__ import annotations

import pytest

from macrohard.safety.shellparse import parse


@pytest.mark.parametrize("line,argv,redirects", [
    ("echo z 1<> a.txt", ["echo", "z"], [("<>", "a.txt"), (">>", "a.txt")]),
    ("exec 3<> notes.txt", ["exec"], [("<>", "notes.txt"), (">>", "notes.txt")]),
    ("cat <> a.txt", ["cat"], [("<", "a.txt"), ("<>", "a.txt"), (">>", "a.txt")]),
    ("sh 0<> s.sh", ["sh"], [("<", "s.sh"), ("<>", "s.sh"), (">>", "s.sh")]),
    ("sh 0< s.sh", ["sh"], [("<", "s.sh")]),
    ("sh 0 < s.sh", ["sh", "0"], [("<", "s.sh")]),
    ("sh 2> /dev/null run.sh", ["sh", "run.sh"], [(">", "/dev/null")]),
    ("echo > a.txt 'sh run.sh'", ["echo", "sh run.sh"], [(">", "a.txt")]),
    ("echo 'a<>b' \"c<>d\"", ["echo", "a<>b", "c<>d"], []),
    ("echo a\\<>b", ["echo", "a<"], [(">", "b")]),
])
def test_redirects(line, argv, redirects):
    p = parse(line)
    assert not p.error
    assert [(c.argv, c.redirects) for c in p.commands] == [(argv, redirects)]


@pytest.mark.parametrize("line", ["cd > /dev/null sub", "{ echo; } > f x", "echo a <<>b", "echo a <>> b"])
def test_unread_forms_stay_unparseable(line):
    assert parse(line).error
