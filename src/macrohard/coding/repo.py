"""The user's git repository: what may be worked on, exported trees, and the commit that applies a change.

A change is applied as a commit built with git's plumbing (a private index, ``write-tree``,
``commit-tree``, ``update-ref``) on a new branch whose parent is the commit the run started from:
the user's working tree, index and current branch are never touched, and nothing is pushed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from pydantic import BaseModel

from macrohard.envs.changes import Change, ChangeStore, written_mode
from macrohard.envs.leftovers import owned_tempdir
from macrohard.errors import UserError

MAX_FILES = 20_000
MAX_MB = 500
# what test runs and tools leave behind in a workspace; never part of a change, ignored by git or not
JUNK_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".cache", ".tox", ".nox", "node_modules"}
JUNK_FILES = {".bash_history", ".python_history", ".lesshst", ".macrohard-junit.xml", ".macrohard-test.log", ".macrohard-test.time",
              ".coverage", ".viminfo", ".wget-hsts"}


class RepoState(BaseModel):
    """A clean repository on a branch, as a run starts from it."""

    path: str
    branch: str
    head: str
    tree: str
    files: int


def git(repo: str | Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None,
        check: bool = True) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], input=input, capture_output=True,
                          env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})})
    if check and proc.returncode != 0:
        raise UserError(f"git {' '.join(args[:3])} failed in {repo}: {proc.stderr.decode(errors='replace').strip()[:500]}")
    return proc.stdout.decode(errors="replace").strip()


def check_repo(path: str | Path, *, max_files: int = MAX_FILES, max_mb: int = MAX_MB) -> RepoState:
    """``path`` as a repository a coding run may start from, or a ``UserError`` that names the fix."""
    root = Path(path).expanduser().resolve()
    if not root.is_dir():
        raise UserError(f"{root} is not a directory: give the path of a git repository with --source")
    # three git processes: ids, status (branch and dirtiness at once), the tree's listing
    ids = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel", "HEAD", "HEAD^{tree}"],
                         capture_output=True, text=True)
    found = ids.stdout.split("\n")
    if ids.returncode != 0 or len(found) < 3:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
        if top.returncode != 0:
            raise UserError(f"{root} is not a git repository: run `git init && git add -A && git commit -m start` "
                            "there first (the change is applied as a commit)")
        found = [top.stdout.strip()]
    if Path(found[0].strip()).resolve() != root:
        raise UserError(f"{root} is inside the repository {found[0].strip()}: give its root with --source")
    if ids.returncode != 0 or len(found) < 3:
        raise UserError(f"{root} has no commit yet: commit your files first (`git add -A && git commit -m start`)")
    head, tree = found[1].strip(), found[2].strip()
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v2", "--branch", "--untracked-files=normal"],
                            capture_output=True, text=True).stdout.splitlines()
    branch = next((line[len("# branch.head "):] for line in status if line.startswith("# branch.head ")), "(detached)")
    if branch == "(detached)":
        raise UserError(f"{root} is on a detached HEAD: check out a branch first (`git switch -c my-branch`), "
                        "so the change can be applied on a branch of its own")
    listing = git(root, "ls-tree", "-r", "-l", "HEAD").splitlines()
    if (root / ".gitmodules").exists() or any(line.startswith("160000 ") for line in listing):
        raise UserError(f"{root} has git submodules, which coding runs do not support (their code is outside the "
                        "repository's tree); work on the submodule's own repository instead")
    dirty = [_status_path(line) for line in status if not line.startswith("#")]
    if dirty:
        listed = ", ".join(dirty[:5])
        raise UserError(f"{root} has uncommitted changes ({listed}{', ...' if len(dirty) > 5 else ''}): "
                        "commit or stash them (`git stash -u`) first, so the tests run on exactly the committed tree")
    sizes = [int(parts[3]) for line in listing if len(parts := line.split(None, 4)) == 5 and parts[3].isdigit()]
    total_mb = sum(sizes) / 2**20
    if len(sizes) > max_files or total_mb > max_mb:
        raise UserError(f"{root} is too large for a coding run ({len(sizes):,} files, {total_mb:,.0f} MiB; the limit is "
                        f"{max_files:,} files and {max_mb:,} MiB): work on a smaller repository or a subdirectory "
                        "made its own repository")
    return RepoState(path=str(root), branch=branch, head=head, tree=tree, files=len(sizes))


def _status_path(line: str) -> str:
    """The path of one ``git status --porcelain=v2`` entry (changed, renamed, unmerged or untracked)."""
    kind = line[:1]
    if kind == "?" or kind == "!":
        return line[2:]
    fields = {"1": 8, "2": 9, "u": 10}.get(kind)
    parts = line.split(" ", fields) if fields else [line]
    return parts[-1].split("\t")[0]


def export(repo: str | Path, commit: str, dest: Path) -> Path:
    """The committed tree of ``commit`` written into ``dest`` (no ``.git``: a plain directory).

    ``git archive`` streams straight into ``tar``: the archive is never held in memory."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.Popen(["git", "-C", str(repo), "archive", "--format=tar", commit], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    untar = subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, capture_output=True)
    assert archive.stdout is not None and archive.stderr is not None
    archive.stdout.close()
    error = archive.stderr.read()
    archive.stderr.close()
    if archive.wait() != 0:
        raise UserError(f"could not export {commit[:12]} of {repo}: {error.decode(errors='replace')[:300]}")
    if untar.returncode != 0:
        raise UserError(f"could not unpack {commit[:12]} of {repo} into {dest}: {untar.stderr.decode(errors='replace')[:300]}")
    return dest


def is_junk(path: str) -> bool:
    parts = path.split("/")
    return any(p in JUNK_DIRS for p in parts[:-1]) or parts[-1] in JUNK_FILES or parts[-1].endswith((".pyc", ".pyo"))


def relevant(repo: str | Path, changes: list[Change]) -> list[Change]:
    """The changes that belong in a commit: neither test-run leftovers nor paths the repository ignores."""
    kept = [c for c in changes if not is_junk(c.path)]
    if not kept:
        return kept
    ignored = subprocess.run(["git", "-C", str(repo), "check-ignore", "--no-index", "--stdin", "-z"],
                             input="\0".join(c.path for c in kept).encode(), capture_output=True)
    dropped = set(ignored.stdout.decode(errors="replace").split("\0")) - {""}
    return [c for c in kept if c.path not in dropped]


def write_changes(store: ChangeStore, tree: Path, changes: list[Change]) -> None:
    """Write ``changes`` into an exported tree (the tree the gate tests after the agent finished).

    rt48: a folder of the commit that the agent replaced by a link (`rm -rf docs && ln -s /elsewhere docs`) crashed
    the gate (IsADirectoryError, a traceback). Deletions go first, so that no path is ever written or removed through
    a link the change set makes (`docs/x`, deleted, after `docs` became a link out of the tree: the host's file)."""
    for change in sorted(changes, key=lambda c: c.status != "deleted"):
        target = tree / change.path
        if change.status == "deleted":
            if not target.is_dir() or target.is_symlink():
                target.unlink(missing_ok=True)
            continue
        assert change.new is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():  # a folder of the commit, now a file or a link
            shutil.rmtree(target)
        target.unlink(missing_ok=True)
        if change.new.type == "link":
            os.symlink(change.new.target or "", target)
            continue
        data = store.content(change.new, tree, change.path)
        if data is None:
            raise UserError(f"the recorded content of {change.path} is missing from the run's change set")
        target.write_bytes(data)
        os.chmod(target, written_mode(change.new.mode))


def commit_changes(repo: str | Path, base: str, store: ChangeStore, changes: list[Change], *, branch: str,
                   message: str, author: tuple[str, str] | None = None) -> str:
    """A commit of ``changes`` on top of ``base`` on the new branch ``branch``; its sha. Never a push."""
    if subprocess.run(["git", "-C", str(repo), "rev-parse", "-q", "--verify", f"refs/heads/{branch}"],
                      capture_output=True).returncode == 0:
        raise UserError(f"branch {branch} already exists in {repo}: give another with --branch, or delete it "
                        f"(`git branch -D {branch}`)")
    if git(repo, "check-ref-format", "--branch", branch, check=False) == "":
        raise UserError(f"{branch!r} is not a valid branch name: give another with --branch")
    name, email = author or (git(repo, "config", "user.name", check=False) or "macrohard",
                             git(repo, "config", "user.email", check=False) or "macrohard@localhost")
    with owned_tempdir("macrohard-index-") as tmp:
        env = {"GIT_INDEX_FILE": os.path.join(tmp, "index"), "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
               "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
        git(repo, "read-tree", base, env=env)
        for change in changes:
            if change.status == "deleted":
                git(repo, "update-index", "--force-remove", "--", change.path, env=env)
                continue
            assert change.new is not None
            data = store.content(change.new, Path(repo), change.path)
            if data is None:
                raise UserError(f"the recorded content of {change.path} is missing from the run's change set")
            sha = git(repo, "hash-object", "-w", "--stdin", input=data, env=env)
            mode = "120000" if change.new.type == "link" else ("100755" if change.new.mode & 0o111 else "100644")
            git(repo, "update-index", "--add", "--cacheinfo", f"{mode},{sha},{change.path}", env=env)
        tree = git(repo, "write-tree", env=env)
        commit = git(repo, "commit-tree", tree, "-p", base, "-F", "-", input=message.encode(), env=env)
        git(repo, "update-ref", f"refs/heads/{branch}", commit, "0" * 40, env=env)
    return commit
