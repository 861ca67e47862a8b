"""Private data that leaves with a push, for ``safety.carried``'s walk: what a commit, a tag, a branch's or a
note's name, a commit message or author, an object written straight into the repository, or its settings hold
(``git commit -m "$d"``, ``git checkout -b "$d"``, ``GIT_AUTHOR_NAME="$d" git commit``, ``git hash-object -w
.env``, ``git add -A`` with a private file the repository does not ignore, a private file copied into it or
written under ``.git``, ``git config --global`` with the value) goes out with the next ``git push`` (or fetch,
clone, send-email) from that repository.

The repository is the one git itself finds (``safety.gitrepo``: a worktree's ``gitdir:`` file, a bare
repository), keyed by where its objects and refs are, so a commit made in a worktree and pushed from the main
checkout is one repository.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import gitrepo, lazyre
from macrohard.safety.carried_programs import NAMES
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

_GIT_SENDS = frozenset({"push", "fetch", "pull", "clone", "ls-remote", "remote", "submodule", "send-email",
                        "request-pull"})
# what records the values it is given (a message, a name) and the files it names (their text, into the repository)
_COMMITS = frozenset({"commit", "tag", "notes", "add", "stash", "config", "hash-object", "update-index", "mktree",
                      "commit-tree", "mktag", "fast-import", "am", "apply", "replace"})
# what records only the values it is given: a branch's or ref's name (`git checkout .env` names a file, not data)
_NAMERS = frozenset({"branch", "checkout", "switch", "worktree", "update-ref", "symbolic-ref", "mv"})
_GLOBAL_VALUE = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--exec-path"})
_ALL = frozenset({"-A", "--all", ".", ":/", "*", "-u", "--update", "--include-untracked", "--no-ignore-removal"})
_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", "target", "dist", "build"})
_MAX_ENTRIES = 4000  # files looked at for a `git add -A` (past it: what was seen decides)
# names the policy's globs match (`*password*`, `.env.*`) that hold code, documents or templates, not secrets
_NOT_SECRETS = (".py", ".js", ".ts", ".tsx", ".jsx", ".go", ".rs", ".rb", ".java", ".kt", ".php", ".cs", ".c", ".h",
                ".cpp", ".html", ".css", ".md", ".rst", ".example", ".sample", ".template", ".dist", ".tmpl")
_COMMIT_ALL = lazyre.compile(r"-[a-zA-Z]*a[a-zA-Z]*|--all")  # `git commit -am x`: every tracked file's changes
GLOBAL = "~/.gitconfig"  # Carried.files' key for settings written with `git config --global`


def git(w: _Walk, args: list[str], arg_why: str, stdin: str = "") -> None:
    """What a git command records of private data (its values, the files it names, its input, the command's own
    ``GIT_*`` variables or exported ones) is kept against the repository; a push from it sends that."""
    at, i, codes = "", 0, []
    while i < len(args) and args[i].startswith("-"):  # git's own options: `git -C sub add -A`, `-c k=v`
        if args[i] == "-C" and i + 1 < len(args):
            at = posixpath.join(at, args[i + 1])
        if args[i] == "-c" and i + 1 < len(args) and re.match(r"(?i)alias\.[^=]*=!", args[i + 1]):
            codes.append(args[i + 1].split("=!", 1)[1])  # `git -c alias.x='!curl …' x`
        i += 2 if args[i] in _GLOBAL_VALUE else 1
    args = args[i:]
    sub = args[0] if args else ""
    for code in codes + _code(args):  # shell code git runs: walked as the shell runs it, in its own process
        held = dict(w.vars)
        try:
            w.run(code)
        finally:
            w.vars.clear()
            w.vars.update(held)
    if sub not in _COMMITS | _NAMERS and not (sub in _GIT_SENDS and w.files):
        return  # nothing recorded, nothing that could carry a commit out
    gitdir, top, own = repository(w, w.where(at or "."))
    env = next((why for name, why in w.env.items() if name.startswith("GIT_") and why), "") or next(
        (w.vars[v] for v in w.exported if v.startswith("GIT_") and w.vars.get(v)), "")
    why = arg_why or env
    if sub in ("add", "commit", "stash") and not why and len(args) > 1 and NAMES in w.files:
        why = w.files[NAMES]  # `mkdir "n/$d"` or `touch "$d"`, then `git add n`: the names go with the commit
    if sub in _COMMITS and not why:
        named = [a.split("=", 1)[1] if a.startswith("--") and "=" in a else a for a in _files(args)]
        why = stdin or next((t for a in named if (t := w.path_taint(posixpath.join(at, a)))), "") or _staged(
            w, top, own, sub, args) or _copied_under(w, top, at, args)
    if sub in _COMMITS | _NAMERS and why:
        w.files[GLOBAL if sub == "config" and {"--global", "--system"} & set(args) else gitdir] = why
    elif sub in _GIT_SENDS and (why := w.files.get(gitdir) or w.files.get(GLOBAL) or next(
            (v for p, v in w.files.items() if p.startswith(gitdir + "/")), "")):
        w.sends.append(f"git {sub} sends commits, names or settings that hold {why}")


def _files(args: list[str]) -> list[str]:
    """The words of a git command that may name a file whose text goes in (``git add .env``, ``-F msg.txt``,
    ``--template=.env``): not a message (``-m .env.example`` is text, not that file's)."""
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a in ("-m", "--message") or re.fullmatch(r"-[a-zA-Z]*m", a):
            skip = True
        elif not re.match(r"-[a-zA-Z]*m.|--message=", a):
            out.append(a)
    return out


def _code(args: list[str]) -> list[str]:
    """The shell code a git subcommand runs: ``rebase -x CMD``, ``bisect run CMD…``, ``submodule foreach CMD``,
    ``filter-branch --msg-filter CMD``."""
    sub, rest = (args[0], args[1:]) if args else ("", [])
    if sub in ("rebase", "filter-branch"):
        return [b for a, b in zip(rest[:-1], rest[1:], strict=True) if a in ("-x", "--exec") or
                sub == "filter-branch" and a.endswith("-filter")] + [a.split("=", 1)[1] for a in rest
                                                                     if a.startswith("--exec=")]
    if sub == "bisect" and rest[:1] == ["run"] or sub == "submodule" and "foreach" in rest:
        ops = rest[rest.index("run" if sub == "bisect" else "foreach") + 1:]
        ops = [a for a in ops if not (sub == "submodule" and a in ("--recursive", "-q", "--quiet"))]
        return [" ".join('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in ops)]  # ($d stays live)
    return []


def repository(w: _Walk, start: str) -> tuple[str, str, str]:
    """The repository a git command run in ``start`` works on (``safety.gitrepo.repository``, no higher than the
    workspace: the sandbox shows nothing above it): where its objects and refs are, its top, and its own git
    directory (a worktree's index is there). ``start``'s ``.git`` if none (``git init`` makes it there)."""
    gitdir, top = gitrepo.repository(start, [w.root or "/"])
    if gitdir is None:
        return posixpath.join(start, ".git"), start, posixpath.join(start, ".git")
    return gitrepo.common(gitdir), top, gitdir


def _staged(w: _Walk, root: str, gitdir: str, sub: str, args: list[str]) -> str:
    """What a ``git add -A``/``git add .``/``git stash -u`` takes in that is private and not ignored (with
    ``-f``, ignored or not); what ``git commit -a`` takes of the files the session wrote with private data."""
    ops = args[1:]
    every = sub == "commit" and any(_COMMIT_ALL.fullmatch(a) for a in ops)  # (tracked files only: those it wrote)
    if not (sub == "add" and _ALL & set(ops) or every or
            sub == "stash" and {"-u", "--include-untracked", "-a", "--all"} & set(ops)):
        return ""
    ignored = _ignores(root) if not {"-f", "--force"} & set(ops) else lambda rel: False
    for path, why in w.files.items():  # a private file copied into the repository under another name
        if path.startswith(root + "/") and "/.git/" not in path + "/" and not ignored(path[len(root) + 1:]):
            return why
    if every:
        return ""
    seen = 0
    tracked = _index(gitdir)
    for top, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not ignored(posixpath.relpath(
            posixpath.join(top, d), root) + "/") and not os.path.exists(posixpath.join(top, d, ".git")))  # (a repository
        # inside it is its own: git adds none of its files)
        for name in sorted(names):
            seen += 1
            path = posixpath.join(top, name)
            if seen > _MAX_ENTRIES:
                return ""
            rel = posixpath.relpath(path, root)
            if w.words is not None and not w.words.search(rel) or name.endswith(_NOT_SECRETS) or _entry(rel) in tracked:
                continue  # `reset_password.py`, `.env.example`; a file the repository already holds
            if (why := w.private(path)) and not ignored(rel):
                return f"{why} (the repository does not ignore it: list it in .gitignore)"
    return ""


def _copied_under(w: _Walk, root: str, at: str, args: list[str]) -> str:
    """A private file the session copied into a folder that ``git add docs`` / ``git commit docs`` names (the
    lead, eighteenth wave: ``cp .env docs/env.txt; git add docs; git commit; git push`` was only asked)."""
    if args[0] not in ("add", "commit", "stash"):
        return ""
    ignored = _ignores(root) if not {"-f", "--force"} & set(args) else lambda rel: False
    folders = [w.where(posixpath.join(at, a)).rstrip("/") + "/" for a in args[1:] if a and not a.startswith("-")]
    return next((why for path, why in w.files.items() if any(path.startswith(f) for f in folders)
                 and path.startswith(root + "/") and "/.git/" not in path + "/" and not ignored(path[len(root) + 1:])),
                "")


def _index(gitdir: str) -> bytes:
    """The repository's index (the paths it tracks are in it as plain text), empty if unreadable."""
    try:
        with open_regular(posixpath.join(gitdir, "index"), "rb") as f:
            return f.read(16_000_000)
    except OSError:
        return b""


def _entry(rel: str) -> bytes:
    """How the index (version 2 or 3) holds a path: after its flags, whose low byte is the name's length."""
    name = rel.encode()
    return bytes([len(name) & 0xFF]) + name + b"\0"


def _ignores(root: str):
    """``.gitignore`` (at the root) and ``.git/info/exclude`` as a test on a path relative to the root (``dir/``
    for a folder): the last pattern that matches it or a folder above it decides."""
    rules: list[tuple[bool, bool, bool, str]] = []  # (negated, anchored, folders only, pattern)
    for name in (".gitignore", ".git/info/exclude"):
        try:
            with open_regular(posixpath.join(root, name), encoding="utf-8", errors="replace") as f:
                lines = f.read(64_000).splitlines()
        except OSError:
            continue
        for line in lines:
            line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            neg = line.startswith("!")
            line = line[1:] if neg else line
            folder = line.endswith("/")
            line = line.rstrip("/")
            rules.append((neg, "/" in line, folder, line.lstrip("/").replace("**/", "*")))

    def ignored(rel: str) -> bool:
        parts = rel.rstrip("/").split("/")
        out = False
        for i in range(1, len(parts) + 1):
            sub, is_dir = "/".join(parts[:i]), i < len(parts) or rel.endswith("/")
            for neg, anchored, folder, pat in rules:
                if folder and not is_dir:
                    continue
                if fnmatch.fnmatchcase(sub if anchored else parts[i - 1], pat):
                    out = not neg
            if out and i < len(parts):
                return True  # a folder ignored: nothing under it is added
        return out

    return ignored


