"""guard26: the builtins whose values the session now proves (``safety.session``: ``read``/``mapfile`` of a literal
here-string, ``printf -v`` of literal words, a plain ``declare``, arrays and ``+=``, ``${A[i]}``, ``${!N}``,
``$REPLY``), each as bash computes it, hostile values included (a write is then judged with the value: asked or
refused where it is a start-up file or hook); the forms left out forget every name, as before; a line that evaluates
a name as arithmetic or by ``-v`` forgets every name. No sandbox: fast. The sandbox attempts are
``redteam26_tables.OWN26``, the ordinary twins ``SESSION26_OK``."""

from __future__ import annotations

import pytest

from macrohard.safety import session
from macrohard.safety.commands import analyze

KEPT = session.Exact(values={"T": frozenset({"out.txt"})}, shell=1, seen=frozenset({"T"}))


def after(line: str, state=KEPT) -> session.Exact:
    return session.settle(state, line, (), False, 1, 0)[1]


@pytest.mark.parametrize("line, values", [
    ("read -r T <<< .bashrc", {"T": ".bashrc"}),
    ("read T <<< '  a.txt  '", {"T": "a.txt"}),
    ("read -r A B <<< ' x  out.txt '", {"A": "x", "B": "out.txt"}),
    ("read -r A B <<< 'x out.txt  y '", {"A": "x", "B": None}),  # 'out.txt  y': a value with spaces is not kept
    ("read -r A B C <<< 'x'", {"A": "x", "B": "", "C": ""}),
    ("IFS=. read -r a b <<< 'x.out'", {"a": "x", "b": "out"}),
    ("IFS=/ read -r x T <<< 'a/.bashrc'", {"x": "a", "T": ".bashrc"}),
    ("IFS= read -r T <<< ' a.txt'", {}),  # a leading space is kept: not a value the session keeps (T forgotten)
    ("read -ra A <<< 'x .bashrc'", {"A": "x", "A[0]": "x", "A[1]": ".bashrc", "A[#]": "2"}),
    ("IFS=, read -ra A <<< 'a,b,'", {"A[0]": "a", "A[1]": "b", "A[#]": "2"}),
    ("read <<< out.txt", {"REPLY": "out.txt", "T": "out.txt"}),
    ('read -r T <<< "$T"x', {"T": "out.txtx"}),
    ("mapfile -t A <<< out.txt", {"A[0]": "out.txt", "A[#]": "1"}),
    ("readarray -t A <<< 'a.txt\nb.txt'", {"A[0]": "a.txt", "A[1]": "b.txt", "A[#]": "2"}),
    ("printf -v T %s .bashrc", {"T": ".bashrc"}),
    ("printf -v T -- '%s-%s.txt' out 1", {"T": "out-1.txt"}),
    ("printf -v T 'r_%03d.txt' 7", {"T": "r_007.txt"}),
    ("printf -v T '%d%%' 5", {}),  # a value with % is kept, but not one starting a write: here 5%
    ("printf -v T 'x.txt'", {"T": "x.txt"}),
    ("declare T=.bashrc", {"T": ".bashrc"}),
    ("typeset T=b.txt U=c", {"T": "b.txt", "U": "c"}),
    ("declare T=out${X:-.txt}", {"T": "out.txt"}),
    ("declare T=${X-.bashrc}", {"T": ".bashrc"}),
    ("X=$(cat n); declare T=${X:-a.txt}", {"T": None}),  # X set on the line, not unset: T not known
    ("read -r X < n; T=${X:-a.txt}", {"T": None}),
    ("declare -a A=(b.txt .bashrc)", {"A[0]": "b.txt", "A[1]": ".bashrc", "A[#]": "2"}),
    ("A=(x); A+=(out.txt)", {"A[0]": "x", "A[1]": "out.txt", "A[#]": "2"}),
    ("T=(.bashrc)", {"T": ".bashrc", "T[0]": ".bashrc"}),
    ("T=$NOPE", {"T": ""}),  # a name never set since the shell started is unset
    ("U=x; T=\"$U.txt\"", {"T": "x.txt"}),
    ("N=T; T=b.txt", {"N": "T", "T": "b.txt"}),
])
def test_exact_builtins(line, values):
    got = after(line)
    assert not got.off
    for name, value in values.items():
        assert got.values.get(name) == (None if value is None else frozenset({value})), (name, got)
    if line.startswith("IFS= read") or "%%" in line:
        assert got.values.get("T") in (None, frozenset({"5%"}))


@pytest.mark.parametrize("line", [
    "read -r T < n.txt", "read -d '' T <<< x", "read -n 3 T <<< x", "read -p q T <<< x", "read -t 1 T <<< x",
    "read T <<< \"$(cat n)\"", "read T <<< 'a\\b'", "echo x | read T", "read -r T <<< x &", "if true; then read T <<< x; fi",
    "mapfile A <<< x", "mapfile -t -C f -c 1 A <<< x", "mapfile -t A < n.txt", "mapfile -t <<< x",
    "printf -v T '%s' a b", "printf -v T '\\056x'", "printf -v T %s *.txt", "printf -v T '%5.2f' 1", "printf -v 'T[0]' x",
    "printf -v \"$N\" x", "T[0]=x", ": $((i))", "[[ -v $i ]]", "echo ${A[i]}", "echo ${T:i}", "echo $(($n))",
    "for ((i=0; i<2; i++)); do :; done", "test -v x",
])
def test_forms_left_out_forget_every_name(line):
    got = after(line)
    assert "T" not in got.values or got.off or line in ("T[0]=x",), (line, got)


@pytest.mark.parametrize("line", ["declare -x T=a", "declare -l T=a", "declare -n R=T", "typeset -i T=1", "local T=a",
                                  "declare -g T=a", "declare T"])
def test_declare_with_options_turns_it_off(line):
    got = after(line)
    assert got.off or "T" not in got.values, (line, got)


def test_a_function_named_like_a_builtin_turns_it_off():
    assert session.settle(KEPT, "read -r T <<< x", ["read"], False, 1, 0)[1].off
    assert session.settle(KEPT, "read() { :; }; read -r T <<< x", (), False, 1, 0)[1].off


def test_candidates_of_elements_and_indirect_names():
    ex = {"A[1]": frozenset({"out.txt"}), "A[0]": frozenset({"a", "b"}), "N": frozenset({"T"}),
          "T": frozenset({".bashrc"}), "M": frozenset({"x", "T"})}
    assert session.candidates("${A[1]}", ex) == ["out.txt"]
    assert session.candidates("d/${A[0]}", ex) == ["d/a", "d/b"]
    assert session.candidates("${!N}", ex) == [".bashrc"]
    for target in ("${A[2]}", "${!M}", "${A[i]}", "${A[1]}$U", "${!N}x$(date)"):
        assert session.candidates(target, ex) is None, target


def test_an_element_or_indirect_name_is_judged_where_it_is_written():
    bad = {"A[1]": frozenset({".bashrc"}), "N": frozenset({"T"}), "T": frozenset({".profile"})}
    assert analyze('cp evil.txt "${A[1]}"', ["/tmp/ws"], exact=bad).findings
    assert analyze('cp evil.txt "${!N}"', ["/tmp/ws"], exact=bad).findings
    good = {"A[1]": frozenset({"b.txt"}), "N": frozenset({"T"}), "T": frozenset({"c.txt"})}
    assert not analyze('cp a.txt "${A[1]}"', ["/tmp/ws"], exact=good).findings
    assert not analyze('cp a.txt "${!N}"', ["/tmp/ws"], exact=good).findings
