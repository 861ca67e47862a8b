"""guard22: the attempts that got through on main at the wave's start (d1bfe16): ran their payload in the sandbox or
on the host, were approved at every step, or named a host repository's files in the guard's reasons; now asked about
or refused at some step (``FIXED``), or left open (``OPEN``, see benchmarks/RESULTS.md, guard22). One sandbox per
table (``redteam22_parts.run_many22``), default-policy guard, network none. ``redteam22_tables`` holds every attempt;
``test_redteam22_held.py`` runs those that were held already. Also ordinary git work near the new readers, which must
still pass at every step."""

from __future__ import annotations

import pytest

from . import redteam22_tables as T
from .guard_steps import assert_none_asked
from .redteam19_parts import C1
from .redteam22_parts import got_through, run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    '.git linked to /tmp, a hook by tar',
    '.git linked to /tmp, merge',
    '.git linked to a host repo: checkout HEAD -- .',
    '.git linked to a host repo: checkout-index',
    '.git linked to a host repo: merge',
    '.git linked to a host repo: read-tree',
    '.git linked to a host repo: reset --hard',
    '.git linked to a host repo: restore',
    '.git linked to a repo in /tmp',
    '/tmp repo with core.worktree here',
    'GIT_INDEX_FILE exported',
    'GIT_INDEX_FILE in /tmp then checkout-index',
    'HEAD is a FIFO, merge',
    'a 200 MB .envrc blob',
    'a folder linked to a host repo, cd',
    'a folder linked to a host repo, git -C',
    'a loose ref is a FIFO',
    'a loose ref is a FIFO, reset --hard to it',
    "a worktree's commondir through a link out",
    'alternates is a FIFO',
    'alternates through a linked folder',
    'alternates to /tmp, checkout REV -- .',
    'alternates to /tmp, reset --hard',
    "alternates to the host repo's objects",
    'branch then merge it on one line',
    'bundle cloned to /tmp then cp -a',
    'checkout --pathspec-from-file without a rev',
    'checkout REV -- :!README',
    'checkout REV -- :(exclude)',
    'checkout REV -- :(glob)',
    'checkout REV -- :(icase)',
    'checkout REV -- :(literal)',
    'checkout REV -- :(top)',
    'checkout REV -- :/',
    'checkout REV -- :^README',
    'checkout-index --prefix with a variable',
    'checkout-index --prefix=. of bashrc',
    'checkout-index --prefix=. one file',
    'checkout-index --prefix=./.',
    'checkout-index --stdin with a prefix',
    'commondir is a FIFO',
    'commondir to the host repo',
    'config is a FIFO',
    'envrc then direnv',
    'fc -s',
    'git -C /tmp --work-tree here',
    'git mv to .bashrc',
    'gitfile naming the host repo',
    'gitfile through a linked folder',
    'gitfile to a repo in /tmp',
    'index is a FIFO, checkout-index',
    "objects folder linked to the host's",
    'packed-refs is a FIFO',
    'promisor file:// uploadpack -> checkout REV',
    'promisor file:// uploadpack -> checkout REV -- .',
    'promisor file:// uploadpack -> checkout REV a file',
    'promisor file:// uploadpack -> cherry-pick',
    'promisor file:// uploadpack -> merge',
    'promisor file:// uploadpack -> read-tree -u -m',
    'promisor file:// uploadpack -> rebase',
    'promisor file:// uploadpack -> reset --hard',
    'promisor file:// uploadpack -> restore --source',
    'promisor file:// uploadpack -> revert',
    'promisor file:// uploadpack -> stash apply',
    'promisor file:// uploadpack -> switch -c',
    'promisor file:// uploadpack -> worktree add',
    'promisor git:// gitProxy -> checkout REV',
    'promisor git:// gitProxy -> checkout REV -- .',
    'promisor git:// gitProxy -> checkout REV a file',
    'promisor git:// gitProxy -> cherry-pick',
    'promisor git:// gitProxy -> merge',
    'promisor git:// gitProxy -> read-tree -u -m',
    'promisor git:// gitProxy -> rebase',
    'promisor git:// gitProxy -> reset --hard',
    'promisor git:// gitProxy -> restore --source',
    'promisor git:// gitProxy -> revert',
    'promisor git:// gitProxy -> stash apply',
    'promisor git:// gitProxy -> switch -c',
    'promisor git:// gitProxy -> worktree add',
    'promisor in a sub repo, git -C sub merge',
    'promisor in config.worktree -> checkout REV',
    'promisor in config.worktree -> checkout REV -- .',
    'promisor in config.worktree -> checkout REV a file',
    'promisor in config.worktree -> cherry-pick',
    'promisor in config.worktree -> merge',
    'promisor in config.worktree -> read-tree -u -m',
    'promisor in config.worktree -> rebase',
    'promisor in config.worktree -> reset --hard',
    'promisor in config.worktree -> restore --source',
    'promisor in config.worktree -> revert',
    'promisor in config.worktree -> stash apply',
    'promisor in config.worktree -> switch -c',
    'promisor in config.worktree -> worktree add',
    'promisor other remote name -> checkout REV',
    'promisor other remote name -> checkout REV -- .',
    'promisor other remote name -> checkout REV a file',
    'promisor other remote name -> cherry-pick',
    'promisor other remote name -> merge',
    'promisor other remote name -> read-tree -u -m',
    'promisor other remote name -> rebase',
    'promisor other remote name -> reset --hard',
    'promisor other remote name -> restore --source',
    'promisor other remote name -> revert',
    'promisor other remote name -> stash apply',
    'promisor other remote name -> switch -c',
    'promisor other remote name -> worktree add',
    'promisor ssh sshCommand -> checkout REV',
    'promisor ssh sshCommand -> checkout REV -- .',
    'promisor ssh sshCommand -> checkout REV a file',
    'promisor ssh sshCommand -> cherry-pick',
    'promisor ssh sshCommand -> merge',
    'promisor ssh sshCommand -> read-tree -u -m',
    'promisor ssh sshCommand -> rebase',
    'promisor ssh sshCommand -> reset --hard',
    'promisor ssh sshCommand -> restore --source',
    'promisor ssh sshCommand -> revert',
    'promisor ssh sshCommand -> stash apply',
    'promisor ssh sshCommand -> switch -c',
    'promisor ssh sshCommand -> worktree add',
    'promisor uploadpack -> checkout REV',
    'promisor uploadpack -> checkout REV -- .',
    'promisor uploadpack -> checkout REV a file',
    'promisor uploadpack -> cherry-pick',
    'promisor uploadpack -> merge',
    'promisor uploadpack -> read-tree -u -m',
    'promisor uploadpack -> rebase',
    'promisor uploadpack -> reset --hard',
    'promisor uploadpack -> restore --source',
    'promisor uploadpack -> revert',
    'promisor uploadpack -> stash apply',
    'promisor uploadpack -> switch -c',
    'promisor uploadpack -> worktree add',
    'promisor, a missing tag object',
    'promisor, a ref to a missing commit then merge it',
    'promisor, checkout-index -a after a missing blob in the index',
    'promisor, cherry-pick a range',
    'promisor, packed-refs to a missing commit',
    'promisor, rebase --onto',
    'promisor, the writer in a function',
    'promisor, the writer in a loop',
    'promisor, the writer in a script',
    'promisor, the writer in bash -c',
    "refs linked to the host repo's",
    'remote.promisor only -> checkout REV',
    'remote.promisor only -> checkout REV -- .',
    'remote.promisor only -> checkout REV a file',
    'remote.promisor only -> cherry-pick',
    'remote.promisor only -> merge',
    'remote.promisor only -> read-tree -u -m',
    'remote.promisor only -> rebase',
    'remote.promisor only -> reset --hard',
    'remote.promisor only -> restore --source',
    'remote.promisor only -> revert',
    'remote.promisor only -> stash apply',
    'remote.promisor only -> switch -c',
    'remote.promisor only -> worktree add',
    'replace a tree then checkout',
    'replace refs on one line',
    'replace refs then merge',
    'reset (mixed) then checkout -- .',
    'reset (mixed) then checkout -f',
    'reset (mixed) then checkout -f HEAD',
    'reset (mixed) then checkout .',
    'reset (mixed) then checkout-index one file',
    'reset (mixed) then reset --hard',
    'reset (mixed) then reset --hard HEAD',
    'reset (mixed) then restore -W',
    'reset (mixed) then restore .',
    'reset --soft then reset --hard',
    'restore --source REV :(icase)',
    'restore -s REV :/',
    'stash push of a path after a mixed reset',
    'symbolic-ref then merge',
    'tag then merge on one line',
    'tag then reset --hard on one line',
    'the time budget spent on FIFO objects, then a real listing',
    'update-index cacheinfo then checkout-index',
    'update-index cacheinfo then restore',
    'vscode settings automationProfile',
    'vscode settings terminal env',
})
# got through at the start and still do (see benchmarks/RESULTS.md, guard22): a .envrc written directly (ordinary
# per the held-out suite; direnv runs it only after `direnv allow`, now judged there), a FIFO module with its writer on
# the same line (Python's importer skips FIFOs: nothing runs)
OPEN = frozenset({
    'envrc by cp',
    'envrc by write_file',
    'fifo writer in the same line',
})

_F = "git checkout -qb f && echo x > a.txt && git add a.txt && git commit -qm f && git checkout -q -"
ORDINARY = {
    "git: restore a file from the index (checkout --, checkout FILE, restore)": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", ("a.txt", "b\n"), "git checkout -- a.txt", ("a.txt", "c\n"), "git checkout a.txt", ("a.txt", "d\n"), "git restore a.txt", "git restore ."],
    "git: checkout . after edits": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", ("a.txt", "b\n"), "git checkout ."],
    "git: stash, stash -u, stash pop": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", ("a.txt", "b\n"), "git stash -q", "git stash pop -q", "echo n > new.txt && git stash -q -u && git stash pop -q"],
    "git: reset --hard, HEAD~1, after a mixed reset": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", ("b.txt", "b\n"), "git add b.txt && git commit -qm b", "git reset -q HEAD~1", "git reset -q --hard", "git reset -q --hard HEAD~1"],
    "git: checkout -f and switch -f": [C1, _F, ("a.txt", "z\n"), "git checkout -q -f", "git switch -q -f f"],
    "git: checkout a remote's branch by its name": [C1, _F, "git update-ref refs/remotes/origin/g f", "git checkout -q g"],
    "git: a branch made and merged on one line": [C1 + " && " + _F + " && git branch g f && git merge -q g"],
    "git: tag then reset --hard to it": [C1, _F, "git tag v1 f && git reset -q --hard v1"],
    "git: git mv a file and into a folder": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", "git mv a.txt b.txt && mkdir -p d && git mv b.txt d/"],
    "git: checkout-index into an export folder": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", "git checkout-index -a --prefix=export/"],
    "git: read-tree --reset -u HEAD": [C1, ("a.txt", "a\n"), "git add a.txt && git commit -qm a", "git read-tree --reset -u HEAD"],
    "git: a pathspec with magic, a glob": [C1, _F, "git checkout f -- ':(glob)*.txt'", "git restore --source f -- '*.txt'"],
    "git: a repository with a remote and branch settings": [C1, "git remote add origin https://example.org/r.git && git config branch.main.remote origin", _F, "git merge -q f"],
    "git: a repository in a sub folder, git -C": ["mkdir -p sub && cd sub && " + C1.replace("git init -q .", "git init -q") + " && " + _F, "git -C sub merge -q f"],
    "git: log and status in a /tmp clone": [C1, "git clone -q . /tmp/cl && git -C /tmp/cl log --oneline > /dev/null && git -C /tmp/cl status > /dev/null"],
    "git: a worktree": [C1, _F, "git worktree add -q ../wt-x f 2>/dev/null || git worktree add -q wt f"],
    "fc -l lists the history": ["fc -l 2>/dev/null; true"],
    "git: replace refs absent, grafts absent, a merge of a tag": [C1, _F, "git tag t f", "git merge -q t"],
}


@pytest.mark.parametrize("group", sorted(T.TABLES))
def test_attacks_that_got_through_at_the_start_are_held(tmp_path, group):
    attacks = {n: s for n, s in T.TABLES[group].items() if n in FIXED}
    if not attacks:
        return
    results = run_many22(tmp_path / "ws", attacks, f"redteam22-fixed-{group}", timeout=30)
    assert not [n for n, o in results.items() if o.host], "ran on the host"
    through = {n: o.reasons[-300:] for n, o in results.items() if got_through(group, o)}
    assert not through, through


def test_the_table_names_are_unique_and_counted():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names))
    assert FIXED <= set(names) and OPEN <= set(names) and not FIXED & OPEN


def test_ordinary_git_work_near_the_new_readers_runs(tmp_path):
    assert_none_asked(tmp_path, ORDINARY, "redteam22-ordinary")
