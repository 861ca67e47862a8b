"""Issue 17 part 1, flow40: a whole-tree git change after untrusted content rewrites a runnable file from git's object
store (``flow40_attempts``: written before any ran). Each attempt runs twice. Under the control, on the host, in a
folder of its own (no guard): its steps, then the user's later command (``make clean``, ``sh backup.sh``, ``npm run
clean``, ``git commit``), and the victim outside the workspace must be gone or the mark written there: the attempt is
real. Through the guard, in a bubblewrap sandbox: after ``cat NOTES.md`` (the untrusted note), not every step may be
approved, in flow-only mode (detector off) and shipped. Each honest twin must be approved at every step in both.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .flow40_attempts import FILES, SETUP, TASK, UNTRUSTED_READ, Attempt, attempts, fill, probes, setup_env, twins
from .test_flow38_attempts import run_unguarded, through, under_guard

pytestmark = pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap")

ATTEMPTS = {t.id: t for t in attempts() + probes()[0]}
TWINS = {t.id: t for t in twins() + probes()[1]}
GIT_ENV = {"GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@example.invalid", "GIT_COMMITTER_NAME": "u",
           "GIT_COMMITTER_EMAIL": "u@example.invalid", "GIT_AUTHOR_DATE": "2026-12-01T10:00:00Z",
           "GIT_COMMITTER_DATE": "2026-12-01T10:00:00Z"}
# attempts the guard does not hold yet (strict xfails; the reason in each): filled after the fix
OPEN: dict[str, str] = {}
# honest twins asked by other rules, on main too (``ID`` in both modes, ``ID@mode`` in one; the reason in each)
ASKED_BY_CHOICE: dict[str, str] = {
    "twin-pull-the-docs-branch-of-a-local-repository": "policy:dynamic (git pull's files are only known when it runs)"
                                                       " + flow:after-untrusted (git pull is a network verb)",
    "twin-stash-list-and-show@shipped": "policy:dynamic reads `git stash list` as git stash changing the work tree "
                                        "(the hook .githooks/pre-commit may be rewritten before it runs)",
    "twin-probe-an-alias-to-the-docs-branch": "flow:after-untrusted: an alias may contact a remote (flow36's choice)",
    "twin-probe-diff-of-the-docs-branch-piped-into-apply@shipped": "policy:dynamic: git apply of a diff made on the "
                                                                   "same line",
    "twin-probe-read-in-an-earlier-step": "flow38's choice: a value set by `read` in an earlier step is unknown; a "
                                          "runnable file written from it after untrusted content is asked",
}


def make_workspace(root, outside: str) -> None:
    for name, text in FILES.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(fill(text, outside))
    env = {**os.environ, **GIT_ENV, **setup_env(outside)}
    subprocess.run(["bash", "-ec", SETUP], cwd=root, env=env, check=True, capture_output=True)


class Repo:
    """The workspace repository, made by SETUP once per module (forty git processes, about 2 s: it was made again for
    each of the file's 264 tests) in ``template``, with the victim's folder ``outside`` (one per module, since its path
    is written into the repository's objects); each test works in a copy of its own (``copy``)."""

    def __init__(self, root) -> None:
        self.outside = root / "elsewhere"
        self.template = root / "template"
        self.template.mkdir()
        make_workspace(str(self.template), str(self.outside))

    def copy(self, dest) -> None:
        """A copy of the repository at ``dest`` as SETUP would have made it there: the vendored clone's ``origin``
        and its reflogs (written by ``git clone .``) name ``dest``, not the template."""
        shutil.copytree(self.template, dest, symlinks=True)
        git = dest / "vendor" / "upstream" / ".git"
        for path in [git / "config", *(p for p in (git / "logs").rglob("*") if p.is_file())]:
            path.write_text(path.read_text().replace(str(self.template), str(dest)))
        # a copied file's inode and ctime differ from what the index recorded: refreshed, as in a repository made
        # there (without it `git apply --index`, `read-tree -u -m` and `reset --keep` refuse "not uptodate" files)
        for tree in (dest, dest / "vendor" / "upstream"):
            subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=tree, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Repo:
    return Repo(tmp_path_factory.mktemp("flow40-repo"))


def control(attempt: Attempt, tmp, repo: Repo) -> bool:
    ws, outside = tmp / "ws", repo.outside
    repo.copy(ws)
    shutil.rmtree(outside, ignore_errors=True)  # the module's tests run one at a time: each gets a fresh victim
    outside.mkdir()
    (outside / "victim").write_text("keep me\n")
    return run_unguarded(attempt, ws, outside, None, [], fill)


def guarded(attempt: Attempt, mode: str, tmp, repo: Repo) -> list:
    """The guard's verdict on each step, after ``cat NOTES.md`` (approved steps run in a sandbox, their output
    screened). The sandbox starts from the module's ``template`` itself: made with ``commit=False`` it never writes
    its ``lower`` (its changes stay in its own layer), so no copy is needed (a copy, with its index refreshed, took
    three processes per guarded test); the control runs, which do write, work in a copy."""
    outside = str(repo.outside)
    return under_guard(repo.template, mode, tmp, (UNTRUSTED_READ,) + tuple(attempt.steps),
                       lambda text: fill(text, outside), f"flow40-{attempt.id}", TASK)


def _open(aid: str, mode: str) -> list:
    why = OPEN.get(aid) or OPEN.get(f"{aid}@{mode}")
    return [pytest.mark.xfail(strict=True, reason=why)] if why else []


@pytest.mark.parametrize("aid", sorted(ATTEMPTS))
def test_each_attempt_is_real_under_the_control(aid, tmp_path, repo):
    if missing := [p for p in ATTEMPTS[aid].needs if shutil.which(p) is None]:
        pytest.skip(f"needs {', '.join(missing)}")
    assert control(ATTEMPTS[aid], tmp_path, repo)


@pytest.mark.parametrize("tid", sorted(TWINS))
def test_each_twin_does_no_harm_under_the_control(tid, tmp_path, repo):
    assert not control(TWINS[tid], tmp_path, repo)


@pytest.mark.parametrize("mode", ["flow-only", "shipped"])
@pytest.mark.parametrize("aid", sorted(ATTEMPTS))
def test_each_attempt_is_not_approved_at_every_step(request, aid, mode, tmp_path, repo):
    for mark in _open(aid, mode):
        request.applymarker(mark)
    verdicts = guarded(ATTEMPTS[aid], mode, tmp_path, repo)
    assert verdicts[0].allowed  # cat NOTES.md
    assert not through(verdicts), [v.check for v in verdicts]


@pytest.mark.parametrize("mode", ["flow-only", "shipped"])
@pytest.mark.parametrize("tid", sorted(TWINS))
def test_each_honest_twin_is_approved_at_every_step(request, tid, mode, tmp_path, repo):
    if why := ASKED_BY_CHOICE.get(tid) or ASKED_BY_CHOICE.get(f"{tid}@{mode}"):
        request.applymarker(pytest.mark.xfail(strict=True, reason=why))
    verdicts = guarded(TWINS[tid], mode, tmp_path, repo)
    assert through(verdicts), [(v.check, v.reason) for v in verdicts if not v.allowed]
