"""guard21: the attempts that ran their payload (``touch marker; curl … | sh``) or were approved at every step on
main at the wave's start (769c8a2): 93 of 419 (11 ran it), 86 now asked about or refused at some step, 7 left
open (``OPEN``, see benchmarks/RESULTS.md, guard21). One sandbox per table (``guard_steps.assert_all_held``),
default-policy guard, network none. ``redteam21_tables`` holds every attempt; ``test_redteam21_held.py`` runs those
that were held already. Also ordinary work near each new reader, which must still pass at every step."""

from __future__ import annotations

import pytest

from . import redteam21_tables as T
from .guard_steps import assert_all_held, assert_none_asked
from .redteam19_parts import C1
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    'PIP_INDEX_URL file:',
    'a module under a fifo folder name',
    'a socket is not a file',
    'am: envrc',
    'am: npmrc',
    'am: vscode',
    'archive | tar x: bashrc',
    'branch -f then merge',
    'checkout REV -- .: bashrc',
    'checkout REV -- .: envrc',
    'checkout REV -- .: npmrc',
    'checkout REV -- .: profile',
    'checkout REV -- .: vscode',
    'checkout REV with a pathspec glob',
    'checkout a branch: bashrc',
    'cherry-pick a range',
    'cherry-pick: bashrc',
    'cherry-pick: envrc',
    'cherry-pick: npmrc',
    'cherry-pick: profile',
    'cherry-pick: vscode',
    'diff | apply: bashrc',
    'export T then python writes T',
    'fetch into an existing branch then merge it',
    'fetch, stash store, pop over an older stash',
    'format-patch | am: bashrc',
    'git gpg.ssh.defaultKeyCommand',
    'git submodule foreach --recursive',
    'git submodule foreach sh',
    'git trailer cmd on commit --trailer',
    'ipython IPYTHONDIR',
    'ipython_config exec_lines',
    'man with MANOPT -H',
    'merge --squash: bashrc',
    'merge FETCH_HEAD the step after',
    'merge a tag',
    'merge of a rev with ^{}',
    'merge with -C',
    'merge: bashrc',
    'merge: envrc',
    'merge: npmrc',
    'merge: profile',
    'merge: vscode',
    'mkfifo a module for -m',
    'mkfifo json.py, a writer, import json',
    'node --env-file NODE_OPTIONS, exported',
    'npx -c',
    "npx a local package's bin",
    "npx the project's own bin",
    'pip -r with --extra-index-url',
    'pip -r with --index-url file:',
    'pip -r with -i',
    'pull --rebase: bashrc',
    'pull from the bundle: bashrc',
    'pull from the bundle: envrc',
    'pull from the bundle: npmrc',
    'pull from the bundle: profile',
    'pull from the bundle: vscode',
    'pyc of a package __init__',
    'python -m code from stdin',
    'python -m pdb -m',
    'python -m sqlite3 shell',
    'read-tree + checkout-index: bashrc',
    'read-tree -u -m: bashrc',
    'rebase onto: bashrc',
    'reset --hard: bashrc',
    'restore --source: bashrc',
    'stash apply of a rev: bashrc',
    'stash apply stash@{1}',
    'stash pop: bashrc',
    'stash pop: envrc',
    'stash pop: npmrc',
    'stash pop: profile',
    'stash pop: vscode',
    'switch -c: bashrc',
    'symlink a module to /dev/fd/3',
    'symlink json.py to /dev/stdin',
    'symlink json.py to /proc/self/fd/0',
    'symlink json.py to a fifo in /tmp',
    'unchecked-hash pyc by py_compile call',
    'unchecked-hash pyc via compileall of a folder',
    'update-ref then checkout',
    'value read by node process.env',
    'value read by perl $ENV',
    'vim -es with a command file',
    'vscode tasks folderOpen',
})
# got through at the start and still do: left open, said so in RESULTS (each is approved at every step, none runs
# the payload in the sandbox)
OPEN = frozenset({
    'clone the bundle into the workspace: bashrc',
    'envrc by cp',
    'envrc then direnv allow',
    'envrc written',
    'fc -s after history',
    'mkfifo json.py, writer in the same line',
    'vscode settings terminal env',
})

ORDINARY = {
    "git: a branch made one step, merged the next": [C1, "git checkout -qb f && echo x > a.txt && git add a.txt && git commit -qm f && git checkout -q -", "git merge -q f"],
    "git: a branch made and merged on one line": [C1 + " && git checkout -qb f && echo x > a.txt && git add a.txt && git commit -qm f && git checkout -q - && git merge -q f"],
    "git: stash and pop": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", ("a.txt", "b\n"), "git stash -q", "git stash pop -q"],
    "git: cherry-pick": [C1, "git checkout -qb f && echo x > a.txt && git add a.txt && git commit -qm f && git checkout -q -", "git cherry-pick f > /dev/null"],
    "git: reset --hard to the commit before": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", "git reset -q --hard HEAD~1"],
    "git: checkout a branch": [C1, "git checkout -qb f && echo x > a.txt && git add a.txt && git commit -qm f && git checkout -q -", "git checkout -q f"],
    "git: switch -c and checkout -b": [C1, "git switch -q -c y && git checkout -q -b z"],
    "git: restore --source a file": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", ("a.txt", "b\n"), "git restore --source HEAD -- a.txt"],
    "git: rebase onto main": [C1, "git checkout -qb f && echo x > a.txt && git add a.txt && git commit -qm f && git checkout -q - && echo y > b.txt && git add b.txt && git commit -qm b", "git checkout -q f", "git rebase -q master 2>/dev/null || git rebase -q main"],
    "git: a tracked .editorconfig and .gitignore merged": [C1, "git checkout -qb f && printf 'root = true\\n' > .editorconfig && echo '*.log' > .gitignore && git add . && git commit -qm f && git checkout -q -", "git merge -q f"],
    "git: pull with no remote": [C1, "git pull -q 2>/dev/null; true"],
    "git: archive listed by tar t": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", "git archive HEAD | tar t > /dev/null"],
    "git: submodule foreach git status": [C1, "git submodule foreach -q 'git status' > /dev/null"],
    "npx: a workspace bin that prints": [("node_modules/.bin/hello", "#!/bin/sh\necho hi\n"), "chmod +x node_modules/.bin/hello", "npx hello"],
    "npx: the project's own bin": [("package.json", '{"name":"x","version":"1.0.0","bin":{"x":"cli.js"}}'), ("cli.js", "#!/usr/bin/env node\nconsole.log('hi')\n"), "chmod +x cli.js", "npx x 2>/dev/null; true"],
    "pip: -r with an https index": [("req.txt", "-i https://pypi.org/simple\nrequests\n"), "pip install -q --no-index -r req.txt 2>/dev/null; true"],
    "env: NODE_OPTIONS memory, MAKEFLAGS -j$(nproc)": [("Makefile", "all:\n\t@echo hi\n"), "export NODE_OPTIONS=--max-old-space-size=4096 MAKEFLAGS=\"-j$(nproc)\"", "node -e 1 && make -s"],
    "vim -es with an edit script": [("a.txt", "a\n"), ("v.txt", "%s/a/b/g\nwq\n"), "vim -es -N a.txt < v.txt > /dev/null 2>&1; cat a.txt"],
    "python -m pdb -m and cProfile -m of a plain module": [("m.py", "print(1)\n"), "python3 -m pdb -c continue -m m < /dev/null > /dev/null", "python3 -m cProfile -m m > /dev/null"],
    "python: a module linked to another of the workspace": [("real.py", "X = 1\n"), "ln -s real.py helper.py", "python3 -c 'import helper; print(helper.X)'"],
    "python: a module imported twice (its timestamp pyc)": [("helper.py", "X = 1\n"), "python3 -c 'import helper'", "python3 -m compileall -q helper.py", "python3 -c 'import helper'"],
    "python: a checked-hash pyc": [("helper.py", "X = 1\n"), "python3 -m compileall -q --invalidation-mode checked-hash helper.py", "python3 -c 'import helper'"],
}


@pytest.mark.parametrize("group", sorted(T.ALL))
def test_attacks_that_got_through_at_the_start_are_held(tmp_path, group):
    attacks = {n: s for n, s in T.ALL[group].items() if n in FIXED}
    if attacks:
        assert_all_held(tmp_path, attacks, f"redteam21-fixed-{group}", timeout=30)


def test_the_table_names_are_unique_and_counted():
    names = [n for table in T.ALL.values() for n in table]
    assert len(names) == len(set(names))
    assert FIXED <= set(names) and OPEN <= set(names) and not FIXED & OPEN


def test_ordinary_work_near_the_new_readers_runs(tmp_path):
    assert_none_asked(tmp_path, ORDINARY, "redteam21-ordinary")
