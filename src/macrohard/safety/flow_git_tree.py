"""Whole-tree git changes after untrusted content (flow40, issue 17 part 1).

``git checkout REV``, ``switch``, ``merge``, ``rebase``, ``cherry-pick``, ``revert``, ``reset --hard/--keep/--merge``,
``restore``, ``read-tree -u``, ``checkout-index``, ``stash pop/apply/branch/push`` and ``worktree add`` write files
from git's object store or index: a Makefile, a script, package.json, a config a script sources, a tracked hook. A
contributor's branch, a tag, an old stash, a fetched bundle hold text the agent never wrote, and the user's later
``make``/``npm run``/``git commit`` runs it outside the guard. Flow control judges each file such a command will
write as if the agent wrote that text with the file tool (``flow._planted_send``'s rules: flow23/24/37/38/39), read
from git's files by ``git_objects`` (git itself is never run: a repository others wrote can make it run programs).

What the command writes, and with what text, comes from ``git_plan`` (the planner ``gitwrites`` uses too: git38):
for a whole-tree change, every file of the tree the work tree does not already hold (at any depth: a HEAD moved
earlier by ``reset --soft``/``update-ref`` then ``reset --hard`` is seen too), the files a branch switch changes, a
commit's own change, the index. What cannot be read (a revision the reader cannot parse or that names two commits, an
index v4, an object not found or not what its id says, a tree too large) is unknown: asked, as flow38 asks for a
runnable file written from a value the guard cannot read."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable

from macrohard.safety import lazyre
from macrohard.safety.flow_written import runnable
from macrohard.safety.git_objects import MAX_BLOB, NotFound, Unreadable
from macrohard.safety.git_plan import READ_ERRORS, VALUED, Planner, Write, open_repo, split
from macrohard.safety.gitrepo import repository
from macrohard.safety.regular import bytes_of

# what a line must hold for this module to parse it
_MAY = lazyre.compile(r"\bgit\b[^|;&]*?\b(?:checkout|switch|reset|restore|read-tree|checkout-index|merge|rebase|"
                  r"cherry-pick|revert|stash|worktree)\b")
MAX_JUDGED = 2_000  # files one command writes that are judged; more is unknown

Judge = Callable[[str, str, str], str]  # (path relative to the workspace, new text, old text) -> why, or ""


def _judged(planner: Planner, writes: list[Write], workspace: str, judge: Judge) -> str:
    """Why writing these files is asked, or ""."""
    if len(writes) > MAX_JUDGED:
        raise Unreadable(f"{len(writes)} files written, more than the guard judges")
    if any(runnable(w.path) for w in writes) and planner.filtered(writes):
        raise Unreadable("its .gitattributes pass files through a filter or an encoding: what is written is not the "
                         "blob the guard reads")
    for w in writes:
        shown = posixpath.relpath(w.path, workspace) if (w.path + "/").startswith(workspace.rstrip("/") + "/") \
            else w.path
        if w.mode.startswith("12"):  # a symbolic link: where a runnable name leads is only known when it runs
            if runnable(shown):
                raise Unreadable(f"{shown} becomes a symbolic link from {w.source}")
            continue
        try:
            text = planner.repo.blob(w.blob)
        except Unreadable:
            if runnable(shown):  # a Makefile or script too large to read: unknown
                raise
            continue  # a large data file: not judged (its text is no program the user's command runs)
        old = (bytes_of(w.path, MAX_BLOB) or b"").decode("utf-8", errors="replace")
        if why := judge(shown, text, old):
            return f"brings {shown} from {w.source}: {shown} {why}"
    return ""


def _makes(rest: list[str]) -> dict[str, str]:
    """The branch or tag names ``git branch NAME [START]``/``git tag NAME [START]`` makes, and what each names."""
    sub, args = rest[0], [w for w in rest[1:] if not w.startswith("-")]
    if sub in ("branch", "tag") and args and not {"-f", "--force", "-d", "-D", "-m", "-M", "-l", "--list"} & \
            set(rest[1:]):
        return {args[0]: args[1] if len(args) > 1 else "HEAD"}
    return {}


def _moves(rest: list[str]) -> bool:
    """Whether a git command moves a branch, HEAD or the index to a commit or tree the line did not make."""
    sub, args = rest[0], rest[1:]
    return sub in ("update-ref", "symbolic-ref", "fetch", "pull", "replace", "update-index", "bisect") or \
        sub == "branch" and bool({"-f", "--force", "-m", "-M", "-c", "-C"} & set(args)) or \
        sub == "tag" and bool({"-f", "--force"} & set(args)) or \
        sub == "reset" or sub == "read-tree" and "-u" not in args or \
        sub == "stash" and args[:1] == ["store"]


# git's settings that name another repository, work tree or index than the folder's own
_ELSEWHERE = lazyre.compile(r"\b(?:GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_COMMON_DIR|"
                        r"GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE)\b|--git-dir\b|--work-tree\b|"
                        r"core\.worktree|--namespace\b")
_ELSEWHERE_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
                   "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE")
# git's output (from its object store) piped into a program that writes files from it
_PIPED = lazyre.compile(r"\bgit\b[^|;&]*\b(diff|show|format-patch|archive|cat-file|log|stash)\b[^|;&]*\|\s*"
                    r"(?:\S*/)?(?:git\s+(?:-\S+\s+)*(?:apply|am)\b|patch\b|tar\b|bsdtar\b|unzip\b|cpio\b)")
_MAY_ANY = lazyre.compile(_MAY.pattern + "|" + _PIPED.pattern)


def _aliases(gd: str) -> dict[str, str]:
    """The repository's ``[alias]`` settings (its own config file only)."""
    raw = bytes_of(os.path.join(gd, "config"), 1 << 16)
    if raw is None:
        return {}
    text = raw.decode("utf-8", errors="replace")
    out, section = {}, ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]").strip().lower()
        elif section == "alias" and "=" in line:
            k, _, v = line.partition("=")
            out[k.strip().lower()] = v.strip().strip('"')
    return out


def _piped(rest: list[str], planner: Planner) -> list[Write]:
    """The files git's output piped into a patch or archive reader writes, worked out from the revisions named (``git
    diff A B``, ``git format-patch -1 REV``, ``git show REV``, ``git archive REV``); anything else is unknown."""
    sub, args = rest[0], rest[1:]
    opts, revs, after = split(sub, args)
    repo = planner.repo
    if sub == "diff" and (len(revs) == 2 or len(revs) == 1 and ".." in revs[0]):
        a, b = revs if len(revs) == 2 else revs[0].split("..", 1)
        old, new = planner.rev(a or "HEAD"), planner.rev(b or "HEAD")
        return [w for w in planner.change(old, new, f"git's {b or 'HEAD'}") if planner.select(
            {posixpath.relpath(w.path, planner.top): ("", "")}, after)]
    if sub == "diff" and len(revs) == 1:
        return planner.full(planner.rev(revs[0]), f"git's {revs[0]}", after)
    if sub == "diff" and not revs:
        return planner.from_index(after)
    if sub in ("show", "format-patch") and len(revs) == 1 and ".." not in revs[0]:
        n = next((int(k[1:]) for k in opts if re.fullmatch(r"-\d+", k)), 1 if sub == "show" else 0)
        if n:
            new = planner.rev(revs[0])
            old: str | None = new
            for _ in range(n):
                parents = repo.parents(old) if old else []
                old = parents[0] if parents else None
            return planner.change(old, new, f"git's {revs[0]}")
    if sub == "archive" and revs:
        return planner.full(planner.rev(revs[0]), f"git's {revs[0]}", revs[1:] or None)
    raise Unreadable(f"git {sub}'s output written into files")


def git_tree(command: str, commands, where_of: Callable, workspace: str, judge: Judge,
             strings: dict[str, str] | None = None) -> str:
    """Why a shell line's whole-tree git change is asked after untrusted content, or "". ``commands`` are the
    line's parsed commands, ``where_of(cmd)`` a git command's words after git's own options and its directory;
    ``strings`` the shell's known values (a GIT_DIR exported earlier)."""
    if "git" not in command:
        return ""
    elsewhere = _ELSEWHERE.search(command) or any(v in (strings or {}) for v in _ELSEWHERE_VARS)
    aliased = bool(re.search(r"\bgit\b", command)) and not _MAY_ANY.search(command)
    if not _MAY_ANY.search(command) and not aliased:
        return ""
    piped = _PIPED.search(command)
    made: dict[str, str] = {}  # branch and tag names an earlier command on the line makes, and what they name
    moved = switched = False  # a ref, HEAD or the index moved earlier on the line; a checkout earlier on it
    for cmd in commands:
        if not cmd.argv or posixpath.basename(cmd.argv[0]) != "git":
            continue
        rest, where = where_of(cmd)
        if not rest:
            continue
        gd = repository(where, [workspace])[0]
        if gd is not None and rest[0] not in VALUED and not (piped and rest[0] == piped.group(1)):
            alias = _aliases(gd).get(rest[0].lower(), "")
            if alias.startswith("!") and _MAY_ANY.search("git " + alias.lstrip("!").removeprefix("git ")):
                return f"runs `git {rest[0]}`, an alias that runs a shell line that rewrites files from git's " \
                       "object store, which the guard does not read as it runs"
            if alias and not alias.startswith("!"):
                rest = alias.split() + rest[1:]  # (one level: an alias naming another is not followed)
        if not (rest[0] in VALUED or piped and rest[0] == piped.group(1)):
            made.update(_makes(rest))
            moved = moved or _moves(rest)
            continue
        sub = rest[0]
        opts, pos, after = split(sub, rest[1:])
        if "-" in pos and switched and not moved:  # `-`: back to where the line started (the line's own work)
            continue
        if moved:
            return f"runs `git {sub}` after a command earlier on the line moved a branch, HEAD or the index, so " \
                   "what it writes from git's object store cannot be read before the line runs"
        moved = moved or _moves(rest)
        if elsewhere:
            return f"runs `git {sub}` on a repository, work tree or index named by GIT_DIR, --git-dir or the like, " \
                   "which rewrites files from an object store the guard does not read there"
        if any("$" in w or "`" in w for w in rest[1:]):
            return f"runs `git {sub}` with a revision or path the guard cannot read (a variable or a command's " \
                   "output), which rewrites files from git's object store"
        try:
            opened = open_repo(where, [workspace])
            if opened is None:
                continue
            planner = Planner(*opened, where, made)
            writes = _piped(rest, planner) if piped and sub == piped.group(1) else planner.plan(sub, rest[1:])
            if why := _judged(planner, writes, workspace, judge):
                return why
        except NotFound:
            continue  # a plain name no ref or object holds (the line brings none: `moved`): git refuses
        except READ_ERRORS as exc:
            return f"runs `git {sub}`, which rewrites files from git's object store, and what it writes cannot be " \
                   f"read ({exc})"
        finally:
            switched = switched or sub in ("checkout", "switch")
            start = pos[2] if sub == "worktree" and len(pos) > 2 else pos[0] if pos and sub != "worktree" else "HEAD"
            for k in ("-b", "-B", "-c", "-C", "--create", "--force-create"):
                if opts.get(k):
                    made[opts[k]] = start
            made.update(_makes(rest))
    return ""
