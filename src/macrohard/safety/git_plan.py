"""What one git command writes into a work tree, and with what: the one planner behind ``gitwrites`` (the names it
writes, guard21) and ``flow_git_tree`` (the text it writes after untrusted content, flow40), read from git's files by
``git_objects`` (git itself is never run: a repository others wrote can make git run programs; guard22 ran the host's
git over it). Before git38 each had its own planner, and they disagreed: the union of what either saw is planned here.

Per command, what git may write (a superset of it, never less):

- a switch of the whole tree that keeps local changes (``checkout``/``switch`` of a branch, ``merge``, ``rebase``,
  ``read-tree -u -m A B``): the files the target's tree holds differently from HEAD's, which git writes only where the
  index still holds HEAD's (else it refuses);
- the work tree made a tree's (``reset --hard/--keep/--merge``, ``checkout -f``, ``switch --discard-changes``,
  ``read-tree -u``, ``stash`` push, ``worktree add``, ``checkout REV -- PATHS``, ``restore --source``): EVERY file of
  the tree that the work tree does not already hold, at any depth (flow40 compared two levels only: ``git
  update-ref`` one step and ``git reset --hard`` the next rewrote a runnable file three folders down);
- a commit's own change (``cherry-pick``, ``revert``; a stash: its change, what differs from HEAD, its untracked
  files, and the base ``stash branch`` checks out);
- the index (``checkout -- PATHS``, ``restore PATHS``, ``checkout-index``, ``stash --keep-index``).

A file the work tree already holds with the same content and executable bit is not written (checked by hashing it,
or by git's own shortcut where git would take it: every field of the index's record equal and the entry older than
the index, so that git cannot see it as changed either). Paths are git's pathspecs (a folder, a name, a wildcard,
without case; magic selects everything)."""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import stat
import struct
import zlib
from dataclasses import dataclass

from macrohard.safety import lazyre
from macrohard.safety.git_objects import MAX_OBJECT, NotFound, Repo, Unreadable, blob_id
from macrohard.safety.git_vet import vet
from macrohard.safety.gitrepo import repository, settings
from macrohard.safety.regular import bytes_of

# every error reading a repository written by others may raise: the command's outcome is then unknown
READ_ERRORS = (Unreadable, OSError, ValueError, IndexError, struct.error, zlib.error, RecursionError,
               UnicodeDecodeError)
MAX_WRITES = 20_000
MAX_TREE = 100_000  # entries of a whole tree walked to compare it with the work tree
MAX_HASHED = 256 << 20  # bytes of the work tree hashed for one plan
SUBCOMMANDS = frozenset({"checkout", "switch", "reset", "restore", "read-tree", "checkout-index", "merge", "rebase",
                         "cherry-pick", "revert", "stash", "worktree"})
# options whose next word is their value, per subcommand
VALUED = {
    "checkout": {"-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"},
    "switch": {"-c", "-C", "--create", "--force-create", "--orphan", "--conflict"},
    "reset": {"--pathspec-from-file"},
    "restore": {"-s", "--source", "--conflict", "--pathspec-from-file"},
    "read-tree": {"--index-output", "--prefix"},
    "checkout-index": {"--prefix", "--stage"},
    "merge": {"-m", "-F", "--file", "-s", "--strategy", "-X", "--strategy-option", "--into-name", "--cleanup"},
    "rebase": {"--onto", "-s", "--strategy", "-X", "--strategy-option", "-x", "--exec", "--empty"},
    "cherry-pick": {"-m", "--mainline", "--strategy", "-X", "--strategy-option", "--cleanup"},
    "revert": {"-m", "--mainline", "--strategy", "-X", "--strategy-option", "--cleanup"},
    "stash": {"-m", "--message", "--pathspec-from-file"},
    "worktree": {"-b", "-B", "--reason"},
}
_STOPS = {"--abort", "--quit", "--continue", "--skip", "--edit-todo", "--show-current-patch"}
_REVISH = lazyre.compile(r"[~^@:{}]|\.\.")

@dataclass(frozen=True)
class Write:
    """A file a git command writes: where (absolute), the blob it writes there and its mode, and from what."""
    path: str
    blob: str
    mode: str
    source: str


def split(sub: str, args: list[str]) -> tuple[dict[str, str], list[str], list[str] | None]:
    """A subcommand's options (with values), positional words, and the words after ``--`` (None if none)."""
    opts, pos, after = {}, [], None
    valued = VALUED.get(sub, set())
    i = 0
    while i < len(args):
        w = args[i]
        if w == "--":
            after = args[i + 1:]
            break
        if w.startswith("--") and "=" in w:
            k, _, v = w.partition("=")
            opts[k] = v
        elif w in valued and i + 1 < len(args):
            opts[w] = args[i + 1]
            i += 1
        elif w.startswith("-") and len(w) > 1 and not w.startswith("--") and not re.fullmatch(r"-\d+", w):
            opts[w] = ""
            for k, c in enumerate(w[1:], 1):  # a cluster: -qb NAME, -bNAME, -sREV
                if f"-{c}" in valued:
                    value = w[k + 1:]
                    if not value and i + 1 < len(args):
                        i += 1
                        value = args[i]
                    opts[f"-{c}"] = value
                    break
                opts[f"-{c}"] = ""
        elif w.startswith("-") and len(w) > 1:
            opts[w] = ""
        else:
            pos.append(w)
        i += 1
    return opts, pos, after


def open_repo(start: str, workspaces: list[str] | tuple[str, ...]) -> tuple[Repo, str] | None:
    """The repository a git command run in ``start`` works on and its work tree's top, found as git finds it (the
    nearest ``.git`` folder or file up, or a bare repository) no higher than the workspace; None if there is none.
    Unreadable when what git would read is not really in the workspace (a ``.git`` file or link naming a repository
    the sandbox's ``/tmp`` or the host holds, a linked common directory or object store) or a bare repository (no
    work tree the guard can name)."""
    gitdir, top = repository(start, workspaces)
    if gitdir is None:
        return None
    if gitdir == top:
        raise Unreadable("a bare repository: no work tree the guard can name")
    if why := vet(gitdir, top, list(workspaces)):
        raise Unreadable(why)
    return Repo(gitdir), top


class Planner:
    """The writes of git commands run in ``cwd`` on ``repo`` whose work tree is ``top``. ``made``: names the same
    shell line gives to revisions before (``git branch x REV && git checkout x``: x is REV)."""

    def __init__(self, repo: Repo, top: str, cwd: str | None = None, made: dict[str, str] | None = None) -> None:
        self.repo, self.top, self.cwd, self.made = repo, top, cwd or top, made or {}
        self.hashed = 0
        self._index: dict[str, str] | None = None

    # revisions
    def rev(self, word: str, guess: bool = False) -> str:
        word = self.made.get(word, word)
        if "$" in word or "`" in word:
            raise Unreadable(f"a revision only known when it runs ({word[:40]})")
        try:
            return self.repo.commit(self.repo.resolve(word))
        except NotFound:
            if guess and (sha := self.repo.remote_branch(word)):  # checkout/switch's guess of origin/<name>
                return sha
            raise

    def head_tree(self) -> str | None:
        try:
            return self.repo.tree_of(self.repo.resolve("HEAD"))
        except NotFound:
            return None  # an unborn branch
        except Unreadable:
            if self.repo.ref("HEAD") is None:
                return None
            raise

    def index(self) -> dict[str, str]:
        if self._index is None:
            self._index = self.repo.index()
        return self._index

    # what is written
    def _writes(self, files: dict[str, tuple[str, str]], source: str, dest: str = "", prefix: str = "",
                shortcut: bool = False) -> list[Write]:
        if len(files) > MAX_WRITES:
            raise Unreadable(f"more than {MAX_WRITES} files from {source}")
        base = dest or self.top
        out = []
        for rel, (mode, sha) in sorted(files.items()):
            path = posixpath.join(base, prefix + rel) if not prefix.startswith("/") else prefix + rel
            if not self.holds(path, rel, mode, sha, shortcut and not dest and not prefix):
                out.append(Write(path, sha, mode, source))
        return out

    def holds(self, path: str, rel: str, mode: str, sha: str, shortcut: bool) -> bool:
        """Whether the work tree already holds ``sha`` with ``mode`` at ``path`` (so writing it changes nothing)."""
        try:
            st = os.lstat(path)
        except OSError:
            return False
        if mode.startswith("12"):
            return stat.S_ISLNK(st.st_mode) and blob_id(os.fsencode(os.readlink(path))) == sha
        if not stat.S_ISREG(st.st_mode) or bool(st.st_mode & 0o100) != (mode == "100755"):
            return False
        if shortcut and self._unchanged(rel, sha, st):
            return True
        if st.st_size > MAX_OBJECT or self.hashed + st.st_size > MAX_HASHED:
            return False
        self.hashed += st.st_size
        data = bytes_of(path, MAX_OBJECT + 1)
        return data is not None and blob_id(data) == sha

    def _unchanged(self, rel: str, sha: str, st: os.stat_result) -> bool:
        """git's own shortcut, where git takes it: the index holds ``sha`` for ``rel`` with every field of the
        file's record as it is now, and the entry is older than the index (else git compares the content)."""
        try:
            if self.index().get(rel) != sha:
                return False
        except Unreadable:
            return False
        f = self.repo.stat.get(rel)
        if f is None:
            return False
        now = (int(st.st_ctime), st.st_ctime_ns % 10**9, int(st.st_mtime), st.st_mtime_ns % 10**9,
               st.st_ino & 0xFFFFFFFF, st.st_uid, st.st_gid, st.st_size & 0xFFFFFFFF)
        kept = (f[0], f[1], f[2], f[3], f[5], f[7], f[8], f[9])
        return now == kept and (f[2], f[3]) < self.repo.index_mtime and f[2] + 1 < self.repo.index_mtime[0]

    def select(self, files: dict[str, tuple[str, str]], paths: list[str] | None) -> dict[str, tuple[str, str]]:
        """The files git's pathspecs ``paths`` (relative to ``cwd``) select: a folder, a name, a wildcard (``*``
        crosses ``/``), without case; magic (``:(icase)``, ``:/``, ``:!x``) or ``.`` selects them all."""
        if not paths:
            return files
        specs = []
        for p in paths:
            if p in (".", "", "*") or p.startswith(":") or "$" in p or "`" in p:
                return files
            full = posixpath.normpath(posixpath.join(self.cwd, p))
            if full == self.top:
                return files
            specs.append(posixpath.relpath(full, self.top).casefold() if full.startswith(self.top + "/") else
                         p.casefold())
        return {n: v for n, v in files.items() if any(
            (m := n.casefold()) == sp or m.startswith(sp.rstrip("/") + "/") or fnmatch.fnmatchcase(m, sp)
            for sp in specs)}

    def switch(self, commit: str, source: str) -> list[Write]:
        """A tree switch that keeps local changes: what the target holds differently from HEAD."""
        return self._writes(self.repo.changed(self.head_tree(), self.repo.tree_of(commit)), source)

    def full(self, commit: str, source: str, paths: list[str] | None = None, dest: str = "",
             prefix: str = "") -> list[Write]:
        """The work tree (or ``dest``, a new worktree) made a tree's: every file of it the work tree lacks."""
        files = self.select(self.repo.files(self.repo.tree_of(commit), budget=[MAX_TREE]), paths)
        return self._writes(files, source, dest, prefix, shortcut=True)

    def change(self, old: str | None, new: str, source: str) -> list[Write]:
        """One commit's own change applied (cherry-pick, revert, a stash)."""
        return self._writes(self.repo.changed(self.repo.tree_of(old) if old else None, self.repo.tree_of(new)),
                            source)

    def from_index(self, paths: list[str] | None, prefix: str = "") -> list[Write]:
        """The index's files under ``paths``, and the stages of a conflict's (``--theirs``, ``--stage=3``)."""
        index = self.index()
        files = self.select({n: (self.repo.modes.get(n, "100644"), s) for n, s in index.items()}, paths)
        out = self._writes(files, "git's index", prefix=prefix, shortcut=True)
        for n in self.select({n: ("", "") for n in self.repo.stages}, paths):
            for stage in self.repo.stages[n]:
                out += self._writes({n: stage}, "a conflict's stage in git's index", prefix=prefix)
        return out

    # the commands
    def plan(self, sub: str, args: list[str]) -> list[Write]:
        """What ``git SUB ARGS`` writes (Unreadable for what cannot be read; [] for a command that writes no file
        or that git refuses)."""
        opts, pos, after = split(sub, args)
        if _STOPS & set(opts) or sub not in SUBCOMMANDS:
            return []
        if "--recurse-submodules" in opts or sub in ("checkout", "switch", "reset", "read-tree", "restore") and \
                "--no-recurse-submodules" not in opts and self._setting("submodule.recurse") == "true":
            raise Unreadable("it checks out submodules too, whose files the guard does not list")
        force = bool({"-f", "--force", "--discard-changes"} & set(opts))
        if sub == "checkout":
            if after is not None:
                return self.full(self.rev(pos[0]), f"git's {pos[0]}", after) if pos else self.from_index(after)
            if any(k.startswith("--pathspec-from-file") for k in opts):
                return self.full(self.rev(pos[0]), f"git's {pos[0]}") if pos else self.from_index(None)
            if not pos:
                return self.full(self.rev("HEAD"), "git's HEAD") if force else []
            start = next((k for k in ("-b", "-B", "--orphan") if k in opts), None)
            if start == "--orphan":
                return []
            try:
                commit = self.rev(pos[0], guess=start is None)
            except NotFound:
                if self._present(pos):
                    return self.from_index(pos)
                if _REVISH.search(pos[0]):
                    raise
                return []  # neither a revision nor a file: git refuses
            if len(pos) > 1:  # `git checkout REV a b`: REV's files a and b
                return self.full(commit, f"git's {pos[0]}", pos[1:])
            return self.full(commit, f"git's {pos[0]}") if force else self.switch(commit, f"git's {pos[0]}")
        if sub == "switch":
            if "--orphan" in opts or not pos:
                return []
            commit = self.rev(pos[0], guess=not ({"-c", "-C", "--create", "--force-create"} & set(opts)))
            return self.full(commit, f"git's {pos[0]}") if force else self.switch(commit, f"git's {pos[0]}")
        if sub == "reset":
            if not {"--hard", "--keep", "--merge"} & set(opts):
                return []
            rev = pos[0] if pos else "HEAD"
            return self.full(self.rev(rev), f"git's {rev}")
        if sub == "restore":
            source = opts.get("-s", opts.get("--source"))
            staged, worktree = bool({"-S", "--staged"} & set(opts)), bool({"-W", "--worktree"} & set(opts))
            if staged and not worktree:
                return []
            paths = (after or []) + pos or ["."]
            if source is None and staged:
                source = "HEAD"
            if source is not None:
                return self.full(self.rev(source), f"git's {source}", paths)
            return self.from_index(paths)
        if sub == "read-tree":
            if "-u" not in opts or not pos:
                return []
            prefix = opts.get("--prefix", "")
            if "$" in prefix or "`" in prefix:
                raise Unreadable("read-tree --prefix only known when it runs")
            return self.full(self.rev(pos[-1]), f"git's {pos[-1]}", prefix=prefix)
        if sub == "checkout-index":
            prefix = opts.get("--prefix", "")
            if "$" in prefix or "`" in prefix:
                raise Unreadable("checkout-index --prefix only known when it runs")
            every = bool({"-a", "--all", "--stdin"} & set(opts))
            names = pos + (after or [])
            return self.from_index(None if every else names, prefix) if every or names else []
        if sub in ("merge", "rebase"):
            revs = list(pos) + ([opts["--onto"]] if sub == "rebase" and opts.get("--onto") else [])
            if not revs:  # `git rebase`, `git merge`: the branch's upstream
                revs = [self._upstream()]
            commits = [(sha, rev) for rev in revs if rev for sha in (
                self.repo.fetch_heads() if sub == "merge" and rev.upper() == "FETCH_HEAD" else [self.rev(rev)])]
            return [w for sha, rev in commits for w in self.switch(self.repo.commit(sha), f"git's {rev}")]
        if sub in ("cherry-pick", "revert"):
            out = []
            for rev in pos:
                if ".." in rev:
                    a, _, b = rev.partition("..")
                    old, new = self.rev(a or "HEAD"), self.rev(b or "HEAD")
                else:
                    new = self.rev(rev)
                    parents = self.repo.parents(new)
                    try:
                        old = parents[int(opts.get("-m") or opts.get("--mainline") or 1) - 1] if parents else None
                    except (ValueError, IndexError):
                        return []  # git refuses
                if sub == "revert":
                    if old is None:
                        raise Unreadable("revert of a root commit")
                    old, new = new, old
                out += self.change(old, new, f"git's {rev}")
            return out
        if sub == "stash":
            verb = pos[0] if pos else "push"
            if verb in ("pop", "apply", "branch"):
                at = 2 if verb == "branch" else 1
                ref = pos[at] if len(pos) > at else "stash@{0}"
                if re.fullmatch(r"\d+", ref):
                    ref = f"stash@{{{ref}}}"
                w = self.repo.commit(self.repo.resolve(ref))
                parents = self.repo.parents(w)
                if not parents:
                    raise Unreadable(f"{ref} is not a stash")
                source = f"the stash {ref}"
                out = self.change(parents[0], w, source) + self.switch(w, source)
                if verb == "branch":  # checks out the commit the stash was made on first
                    out += self.switch(parents[0], source)
                if len(parents) > 2:  # the untracked files a `stash -u` kept
                    out += self.change(None, parents[2], source)
                return out
            if verb in ("push", "save") or verb.startswith("-"):
                out = self.full(self.rev("HEAD"), "git's HEAD", after)
                if {"-k", "--keep-index"} & set(opts):  # the work tree made the index's again
                    out += self.from_index(after)
                return out
            return []
        if sub == "worktree":
            if not pos or pos[0] != "add" or len(pos) < 2 or "--no-checkout" in opts:
                return []
            dest = posixpath.normpath(posixpath.join(self.cwd, pos[1]))
            rev = pos[2] if len(pos) > 2 else "HEAD"
            return self.full(self.rev(rev, guess=True), f"git's {rev}", dest=dest)
        return []

    def _setting(self, key: str) -> str:
        got = [v for k, v in settings(posixpath.join(self.repo.common, "config")) if k == key]
        return got[-1].lower() if got else ""

    def filtered(self, writes: list[Write]) -> bool:
        """Whether git may pass what it writes through a filter or an encoding (``.gitattributes``: ``filter=lfs``
        writes what the LFS store holds, not the blob): the top's and the written ``.gitattributes``, and
        ``info/attributes``."""
        texts = [bytes_of(posixpath.join(self.top, ".gitattributes"), 1 << 20),
                 bytes_of(posixpath.join(self.repo.common, "info", "attributes"), 1 << 20)]
        for w in writes:
            if posixpath.basename(w.path) == ".gitattributes":
                texts.append(self.repo.read(w.blob)[1])
        try:
            texts += [self.repo.read(sha)[1] for n, sha in self.index().items() if n.endswith(".gitattributes")][:50]
        except Unreadable:
            return True
        return any(t and re.search(rb"filter|working-tree-encoding", t) for t in texts)

    def _upstream(self) -> str:
        """``git rebase``/``git merge`` without a revision: the branch's upstream (git refuses without one)."""
        try:
            return self.repo.upstream()
        except Unreadable:
            return ""

    def _present(self, words: list[str]) -> bool:
        try:
            index = self.index()
        except Unreadable:
            index = {}
        for w in words:
            rel = posixpath.relpath(posixpath.normpath(posixpath.join(self.cwd, w)), self.top)
            if rel == "." or os.path.lexists(posixpath.join(self.top, rel)) or rel in index or any(
                    f.startswith(rel + "/") for f in index):
                return True
        return False
