"""guard22: the git that ``safety.gitwrites`` runs on the host to list what a merge/checkout/reset … writes must never
run the repository's code there (a promisor remote's lazy fetch ran ``remote.origin.uploadpack`` as the guard's user:
87 of the 142 HOSTEXEC attempts did on main at d1bfe16), nor read a repository outside the workspace (all 16
HOSTREAD attempts were approved or named a host repository's files in the guard's reasons). Each attempt runs through the
default-policy guard into a real sandbox in ``test_redteam22_fixed.py`` (tables hostexec, hostread); here, the
reader and its vet, without a sandbox (git38: the host-side git runner is gone; its two tests became the reader's)."""

from __future__ import annotations

import os
import subprocess

import pytest

from macrohard.safety import gitwrites
from macrohard.safety.git_objects import Repo, Unreadable
from macrohard.safety.git_plan import Planner

from . import redteam22_tables as T


def _repo(path, *config: tuple[str, str]) -> str:
    env = {"PATH": os.environ["PATH"], "HOME": str(path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "a",
           "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    subprocess.run(["git", "init", "-q", str(path)], env=env, check=True)
    subprocess.run(["git", "-C", str(path), "commit", "-q", "--allow-empty", "-m", "a"], env=env, check=True)
    for key, value in config:
        subprocess.run(["git", "-C", str(path), "config", key, value], env=env, check=True)
    return str(path / ".git")


def test_the_reader_runs_no_git_even_unvetted(tmp_path):
    """Below the vet: the reader (git38: no git runs on the host at all) never lets a lazy fetch run the remote's
    command; a missing object is unknown, not fetched."""
    mark = tmp_path / "pwned"
    gitdir = _repo(tmp_path / "r", ("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
                   ("remote.origin.promisor", "true"), ("remote.origin.url", str(tmp_path / "r")),
                   ("protocol.file.allow", "always"), ("remote.origin.uploadpack", f"touch {mark}; false"))
    with pytest.raises(Unreadable):
        Repo(gitdir).resolve(T.MISSING_TREE)
    with pytest.raises(Unreadable):  # (the promisor extension alone makes the repository unread)
        Planner(Repo(gitdir), str(tmp_path / "r")).plan("merge", [T.MISSING_TREE.split("^")[0]])
    assert not mark.exists()
    assert gitwrites.vet(gitdir, str(tmp_path / "r"), [str(tmp_path)]) is not None


@pytest.mark.parametrize("key,value", [("include.path", "x.cfg"), ("includeIf.onbranch:main.path", "x.cfg"),
                                       ("core.worktree", "../.."), ("remote.up.promisor", "true"),
                                       ("extensions.partialClone", "up")])
def test_the_vet_names_settings_that_fetch_include_or_move(tmp_path, key, value):
    gitdir = _repo(tmp_path / "r", (key, value))
    assert gitwrites.vet(gitdir, str(tmp_path / "r"), [str(tmp_path)]) is not None


def test_an_ordinary_repository_passes_the_vet(tmp_path):
    gitdir = _repo(tmp_path / "r", ("remote.origin.url", "https://example.org/r.git"), ("user.name", "a"),
                   ("branch.main.remote", "origin"), ("core.autocrlf", "input"))
    assert gitwrites.vet(gitdir, str(tmp_path / "r"), [str(tmp_path)]) is None


def test_a_fifo_in_the_git_directory_is_not_opened(tmp_path):
    gitdir = _repo(tmp_path / "r")
    os.mkfifo(os.path.join(gitdir, "packed-refs"))
    assert "not a regular file" in (gitwrites.vet(gitdir, str(tmp_path / "r"), [str(tmp_path)]) or "")


def test_a_fifo_among_the_objects_and_refs_is_not_waited_on(tmp_path):
    """git38: the host-side git and its time limit are gone; the reader opens nothing that could hold it (a pipe as a
    ref, a loose object or a pack index is unknown, at once)."""
    gitdir = _repo(tmp_path / "r")
    os.mkfifo(os.path.join(gitdir, "refs", "heads", "f"))
    with pytest.raises(Unreadable):
        Repo(gitdir).resolve("f")
    os.makedirs(os.path.join(gitdir, "objects", "12"), exist_ok=True)
    os.mkfifo(os.path.join(gitdir, "objects", "12", "3" * 38))
    with pytest.raises(Unreadable):
        Repo(gitdir).read("12" + "3" * 38)
    os.makedirs(os.path.join(gitdir, "objects", "pack"), exist_ok=True)
    os.mkfifo(os.path.join(gitdir, "objects", "pack", "pack-x.idx"))
    with pytest.raises(Unreadable):
        Repo(gitdir).packs()
