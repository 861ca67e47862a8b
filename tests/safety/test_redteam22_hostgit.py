"""guard22: the git that ``safety.gitwrites`` runs on the host to list what a merge/checkout/reset … writes must never
run the repository's code there (a promisor remote's lazy fetch ran ``remote.origin.uploadpack`` as the guard's user:
87 of the 142 HOSTEXEC attempts did on main at d1bfe16), nor read a repository outside the workspace (all 16
HOSTREAD attempts were approved or named a host repository's files in the guard's reasons). Each attempt runs through the
default-policy guard into a real sandbox in ``test_redteam22_fixed.py`` (tables hostexec, hostread); here, the
host-side runner and its vet, without a sandbox."""

from __future__ import annotations

import os
import subprocess

import pytest

from macrohard.safety import gitwrites

from . import redteam22_tables as T


def _repo(path, *config: tuple[str, str]) -> str:
    env = {"PATH": os.environ["PATH"], "HOME": str(path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "a",
           "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    subprocess.run(["git", "init", "-q", str(path)], env=env, check=True)
    subprocess.run(["git", "-C", str(path), "commit", "-q", "--allow-empty", "-m", "a"], env=env, check=True)
    for key, value in config:
        subprocess.run(["git", "-C", str(path), "config", key, value], env=env, check=True)
    return str(path / ".git")


def test_the_host_side_git_allows_no_transport_even_unvetted(tmp_path):
    """Below the vet: the runner itself never lets a lazy fetch run the remote's command."""
    mark = tmp_path / "pwned"
    gitdir = _repo(tmp_path / "r", ("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
                   ("remote.origin.promisor", "true"), ("remote.origin.url", str(tmp_path / "r")),
                   ("protocol.file.allow", "always"), ("remote.origin.uploadpack", f"touch {mark}; false"))
    assert gitwrites._git(gitdir, str(tmp_path / "r"), "rev-parse", "--verify", "-q", T.MISSING_TREE) is None
    assert not mark.exists()
    assert gitwrites.vet(None, gitdir, str(tmp_path / "r"), [str(tmp_path)]) is not None


@pytest.mark.parametrize("key,value", [("include.path", "x.cfg"), ("includeIf.onbranch:main.path", "x.cfg"),
                                       ("core.worktree", "../.."), ("remote.up.promisor", "true"),
                                       ("extensions.partialClone", "up")])
def test_the_vet_names_settings_that_fetch_include_or_move(tmp_path, key, value):
    gitdir = _repo(tmp_path / "r", (key, value))
    assert gitwrites.vet(None, gitdir, str(tmp_path / "r"), [str(tmp_path)]) is not None


def test_an_ordinary_repository_passes_the_vet(tmp_path):
    gitdir = _repo(tmp_path / "r", ("remote.origin.url", "https://example.org/r.git"), ("user.name", "a"),
                   ("branch.main.remote", "origin"), ("core.autocrlf", "input"))
    assert gitwrites.vet(None, gitdir, str(tmp_path / "r"), [str(tmp_path)]) is None


def test_a_fifo_in_the_git_directory_is_not_opened(tmp_path):
    gitdir = _repo(tmp_path / "r")
    os.mkfifo(os.path.join(gitdir, "packed-refs"))
    assert "not a regular file" in (gitwrites.vet(None, gitdir, str(tmp_path / "r"), [str(tmp_path)]) or "")


def test_a_hung_git_is_killed_with_its_children(tmp_path):
    out, why = gitwrites._run(["sh", "-c", "sleep 30 & sleep 30"], {"PATH": "/usr/bin:/bin"}, str(tmp_path), 0.5, 100)
    assert out is None and "did not answer" in why
    out, why = gitwrites._run(["sh", "-c", "yes"], {"PATH": "/usr/bin:/bin"}, str(tmp_path), 5.0, 10_000)
    assert out is None and "larger" in why
