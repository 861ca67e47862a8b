"""Whether the guard reads a repository at all (guard22, git38): a part of it that is really outside the workspace (a
link to a repository on the host, or to one only the sandbox's ``/tmp`` holds), a file git opens that is not a regular
file (a FIFO held the review), or settings that make the sandbox's git fetch (a promisor remote), read another file
(an include) or write another folder (``core.worktree``) than the planner (``git_plan``) lists. Read in Python: no git
runs on the host."""

from __future__ import annotations

import os
import posixpath
import re
import stat

from macrohard.safety.gitrepo import common as common_dir
from macrohard.safety.gitrepo import settings
from macrohard.safety.regular import bytes_of, open_regular

# the files git opens in a git directory: a FIFO or a link out among them held the review or read the host (guard22)
_OPENED = ("HEAD", "config", "config.worktree", "commondir", "gitdir", "packed-refs", "index", "shallow", "info/grafts",
           "objects/info/alternates", "objects/info/grafts", "ORIG_HEAD", "FETCH_HEAD", "MERGE_HEAD")


def _inside(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip("/") + "/") for r in roots)


def vet(gitdir: str, top: str, workspaces: list[str]) -> str | None:
    """Why the guard does not read this repository (None: it does): a part of it that is really outside the workspace
    (a link to a repository on the host, or to one only the sandbox's ``/tmp`` holds), a file git opens that is not a
    regular file, settings that fetch, include or move the work tree, or settings that cannot be read (guard22)."""
    roots = [os.path.realpath(w) for w in workspaces]
    if not _inside(top, roots):
        return "its work tree is a link out of the workspace"
    if not os.path.isdir(gitdir) or not _inside(gitdir, roots):
        return "its git directory is a link out of the workspace or missing here"
    common = common_dir(gitdir)
    if not os.path.isdir(common) or not _inside(common, roots):
        return "its common directory (commondir) is outside the workspace"
    for base in dict.fromkeys((gitdir, common)):
        for name in _OPENED:
            path = posixpath.join(base, name)
            if not os.path.lexists(path):
                continue
            if not _inside(path, roots):
                return f"{name} is a link out of the workspace"
            try:
                mode = os.stat(path).st_mode
            except OSError:
                return f"{name} is a link to nothing here"
            if not stat.S_ISREG(mode):
                return f"{name} is not a regular file (a pipe holds whoever reads it)"
        for name in ("objects", "refs", "objects/pack", "refs/heads", "refs/tags", "refs/remotes", "refs/replace"):
            path = posixpath.join(base, name)
            if os.path.lexists(path) and (not _inside(path, roots) or not os.path.isdir(path)):
                return f"{name} is a link out of the workspace or not a folder"
    if odd := _odd_ref(common, roots) or (gitdir != common and _odd_ref(gitdir, roots)):
        return odd
    alternates = posixpath.join(common, "objects", "info", "alternates")
    if os.path.lexists(alternates):
        try:
            with open_regular(alternates, encoding="utf-8", errors="replace") as fh:
                lines = fh.read(64_000).splitlines()
        except OSError:
            return "its alternates file cannot be read"
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            alt = posixpath.normpath(posixpath.join(common, "objects", line.strip('"')))
            if not os.path.isdir(alt) or not _inside(alt, roots):
                return f"its objects are borrowed from {line[:60]}, outside the workspace or not there for the guard"
            if os.path.lexists(posixpath.join(alt, "info", "alternates")):
                return f"its borrowed objects at {line[:60]} borrow from further alternates"
    pack = posixpath.join(common, "objects", "pack")
    try:
        with os.scandir(pack) as it:
            for i, entry in enumerate(it):
                if i > 2_000:
                    return "its object store holds too many packs"
                if not entry.is_file() or entry.is_symlink() and not _inside(entry.path, roots):
                    return f"objects/pack/{entry.name[:40]} is not a regular file in the workspace"
    except OSError:
        pass
    return _settings_why(gitdir, common, top)


def _settings_why(gitdir: str, common: str, top: str) -> str | None:
    """Settings that make the sandbox's git fetch (a promisor remote), read another file (an include) or write
    another folder (``core.worktree``), read with the guard's own parser, and a raw look at the text for what a
    parser may read otherwise (git38: git is no longer run on the host to read them)."""
    allowed = 0
    for path in dict.fromkeys(posixpath.join(d, n) for d in (gitdir, common) for n in ("config", "config.worktree")):
        if not os.path.lexists(path):
            continue
        raw = bytes_of(path, 1 << 20)
        if raw is None:
            return f"{posixpath.basename(path)} cannot be read"
        text = raw.decode("utf-8", errors="replace").lower()
        if re.search(r"^\s*\[\s*include", text, re.M) or re.search(r"\]\s*include", text):
            return "its settings include another file"
        for word in ("promisor", "partialclone", "alternaterefscommand"):
            if word in text:
                return f"its setting {word} makes git fetch from a remote"
        for key, value in settings(path):
            if key == "core.worktree" and os.path.realpath(posixpath.join(gitdir, value)) == os.path.realpath(top):
                allowed += 1  # a submodule's git directory names its own work tree
            elif key == "core.worktree":
                return "its setting core.worktree makes git work on another folder"
        allowed -= len(re.findall(r"worktree\s*(?:=|$)", text, re.M))
    if allowed < 0:
        return "its settings name a work tree the guard's reading of them does not see"
    return None
    return None


def _odd_ref(base: str, roots: list[str], most: int = 5_000) -> str:
    """A loose ref that is not a regular file in the workspace (a FIFO held the review: ``mkfifo .git/refs/heads/f``
    then ``git merge f``), looked for among the first ``most`` entries under ``base/refs``; "" if none."""
    seen = 0
    for here, dirs, files in os.walk(posixpath.join(base, "refs")):
        for name in files + [d for d in dirs if os.path.islink(posixpath.join(here, d))]:
            seen += 1
            path = posixpath.join(here, name)
            if seen > most:
                return ""
            if not _inside(path, roots) or not os.path.isfile(path) and not os.path.isdir(path):
                return f"{posixpath.relpath(path, base)[:60]} is not a regular file in the workspace"
    return ""
