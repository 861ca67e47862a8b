"""guard25: the audit of every way bash sets or changes a variable (``safety.session``, the list in its comments), one
case per way, on the proof itself (no sandbox: fast). Each starts from ``T`` proved to hold ``out.txt`` in shell 1 and
runs one approved line; afterwards ``T`` must not be kept as ``out.txt`` unless the line proves it. The sandbox
attempts of the same ways are ``redteam25_tables.EXACT25``/``OWN25``."""

from __future__ import annotations

import pytest

from macrohard.safety import session
from macrohard.safety.commands import analyze

KEPT = session.Exact(values={"T": frozenset({"out.txt"})}, shell=1, seen=frozenset({"T"}))


def after(line: str, functions=(), hooks=False, shell=1, jobs=0, state=KEPT) -> session.Exact:
    return session.settle(state, line, functions, hooks, shell, jobs)[1]


# the line's own plain assignments: kept exactly
@pytest.mark.parametrize("line, values", [
    ("T=b.txt", {"b.txt"}),
    ("export T=b.txt", {"b.txt"}),
    ("T=b.txt U=c", {"b.txt"}),
    ("T='b.txt'", {"b.txt"}),
    ('T="b.txt"', {"b.txt"}),
    ("T=", {""}),
    ('U=x; T="$U.txt"', {"x.txt"}),  # after assignments only, which cannot fail (guard26; was both values)
    ('U=x; echo; T="$U.txt"', {"out.txt", "x.txt"}),  # after a command: an error before it may stop the line
    ("echo hi; T=b.txt", {"out.txt", "b.txt"}),
    ('cp a.txt "$T"', {"out.txt"}),  # reads only
    ('cp a.txt "${T%.txt}.bak" "${#T}" "${!T}"', {"out.txt"}),
])
def test_plain_assignments_are_kept(line, values):
    assert after(line).values.get("T") == frozenset(values)


# every other way: T forgotten (None), all forgotten, or nothing kept for the run (off); the forms guard26 proves
# exactly (read/mapfile of a literal here-string, printf -v of literal words, plain declare, arrays) are in
# test_redteam26_session.py
WAYS = {
    # forgets T
    "prefix assignment": "T=.bashrc cp a b", "subshell": "( T=.bashrc )", "pipeline": "echo | T=.bashrc",
    "&&": "false && T=.bashrc", "||": "true || T=.bashrc", "if": "if false; then T=.bashrc; fi",
    "for body": "for i in 1; do T=.bashrc; done", "while": "while false; do T=.bashrc; done",
    "case": "case a in b) T=.bashrc;; esac", "job": "T=.bashrc &", "+=": "T+=rc", "element": "T[0]=.bashrc",
    "for NAME": "for T in .bashrc; do :; done", "((": "((T=1))", "${T:=}": ": ${T:=x}",
    "${T=}": ": ${T=x}", "not literal": "T=$(cat n.txt)", "escaped": "T=.bash\\rc", "glob": "T=*.txt",
    "space": "T='a b'", "option-like": "T=-rf", "tilde": "T=~/x",
    # forgets every name
    "read": "read -r T < n.txt", "read -d": "read -d '' T <<< x", "mapfile": "mapfile -t T < n.txt",
    "read in a pipeline": "echo x | read T", "read -p": "read -p q T <<< x", "mapfile -C": "mapfile -t -C f T <<< x",
    "readarray": "readarray T < n.txt", "printf -v": "printf -v T %s \"$(cat n)\"", "printf -v escapes": "printf -v T '\\056x'",
    "getopts": "getopts a: T",
    "select": "select T in a; do break; done", "wait -p": "wait -p T", "let": "let T=1", "unset": "unset T",
    "export from a name": 'export "$N=.bashrc"', "${!p:=}": ': "${!p:=x}"',
    # nothing kept for the run
    "declare": "declare -x T=.bashrc", "declare -l": "declare -l T", "declare -n": "declare -n R=T",
    "typeset": "typeset -r T=x", "local": "local T=x", "readonly": "readonly T", "eval": "eval T=.bashrc",
    "source": "source v.sh", "dot": ". ./v.sh", "exec": "exec bash", "coproc": "coproc T { cat; }",
    "trap": "trap 'T=x' DEBUG", "alias": "alias ll='T=x'", "shopt": "shopt -s expand_aliases", "enable": "enable -n read",
    "builtin": "builtin read T", "command": "command read T", "IFS": "IFS=_", "IFS later": "echo; IFS=, ",
    "a function defined and called": "f() { T=.bashrc; }; f", "command_not_found_handle": "command_not_found_handle() { :; }",
}


@pytest.mark.parametrize("way", sorted(WAYS))
def test_every_other_way_forgets(way):
    state = after(WAYS[way])
    assert state.values.get("T") in (None,) or state.off, (way, state)
    assert not state.off or not state.values


def test_a_session_function_called_turns_it_off():
    assert after("f", functions=["f"]).off and after("ls -l", functions=["ls"]).off
    assert not after("echo f.txt", functions=["g"]).off


def test_hooks_another_shell_and_jobs():
    assert after("true", hooks=True).off
    assert after("true", shell=2).values == {}  # the shell restarted: nothing it set survives
    assert session.settle(KEPT, 'cp a "$T"', (), False, 1, 1)[0] == {}  # a job may kill the shell between
    assert session.settle(KEPT, 'cp a "$T"', (), False, None, 0) == ({}, session.Exact(shell=None))


def test_while_ifs_read_is_not_ifs_set():
    assert after("while IFS= read -r l; do echo $l; done < f").values == {}  # read: all forgotten, not off
    assert not after("while IFS= read -r l; do echo $l; done < f").off


def test_a_line_judges_its_writes_without_names_it_changes():
    assert session.settle(KEPT, 'T=$(cat n); cp a "$T"', (), False, 1, 0)[0] == {}
    assert session.settle(KEPT, 'read -r T; cp a "$T"', (), False, 1, 0)[0] == {}


def test_unseen_names_are_unset_until_a_line_may_set_names_it_does_not_spell():
    fresh = session.Exact(shell=1)
    assert after("echo; A=a.txt", state=fresh).values["A"] == frozenset({"", "a.txt"})
    assert "A" not in after("echo; A=a.txt", state=session.Exact(shell=1, fresh=False)).values
    assert "A" not in after("echo; A=a.txt", state=session.Exact(shell=1, seen=frozenset({"A"}))).values


def test_candidates():
    ex = {"T": frozenset({"a.txt"}), "D": frozenset({"build", "out"})}
    assert session.candidates('${T%.txt}.bak', ex) == ["a.bak"]
    assert session.candidates("$D/$T", ex) == ["build/a.txt", "out/a.txt"]
    for target in ("$U", "${T:-x}", "$(date)", "${!T}", "${T/a/ b}", "*$T", "${T/a/-}x"):
        assert session.candidates(target, ex) is None or target == "${T/a/-}x", target


def test_a_kept_value_is_judged_where_it_is_written():
    bashrc = {"T": frozenset({".bashrc"})}
    assert analyze('cp evil.txt "$T"', ["/tmp/ws"], exact=bashrc).findings
    assert not analyze('cp a.txt "$T"', ["/tmp/ws"], exact={"T": frozenset({"b.txt"})}).findings
    assert analyze('cp a.txt "$T"', ["/tmp/ws"], exact={"T": frozenset({"b.txt", ".profile"})}).findings
    assert analyze("sh -c 'cp a.txt \"$T\"'", ["/tmp/ws"], exact={"T": frozenset({"b.txt"})}).findings  # nested
    assert analyze('cp a.txt "$T"', ["/tmp/ws"]).findings  # nothing kept: asked, as before
