"""Whole-tree git changes after untrusted content (flow40, issue 17 part 1).

``git checkout REV``, ``switch``, ``merge``, ``rebase``, ``cherry-pick``, ``revert``, ``reset --hard/--keep/--merge``,
``restore``, ``read-tree -u``, ``checkout-index``, ``stash pop/apply/branch/push`` and ``worktree add`` write files
from git's object store or index: a Makefile, a script, package.json, a config a script sources, a tracked hook. A
contributor's branch, a tag, an old stash, a fetched bundle hold text the agent never wrote, and the user's later
``make``/``npm run``/``git commit`` runs it outside the guard. Flow control judges each file such a command will
write as if the agent wrote that text with the file tool (``flow._planted_send``'s rules: flow23/24/37/38/39), read
from git's files by ``git_objects`` (git itself is never run: a repository others wrote can make it run programs).

What the command writes is worked out per command: a revision's tree (files it holds that differ from the tree at
HEAD, and any file of the top two levels that differs from what the workspace holds: a HEAD or index moved earlier
by ``reset --soft``/``update-ref``/``read-tree`` is seen too); a commit's own change (cherry-pick, revert, a stash);
the index (``checkout -- .``, ``restore``, ``checkout-index``). A file whose blob equals what the workspace holds
is not judged. What cannot be read (a revision the reader cannot parse, an index v4, an object not found, a tree too
large) is unknown: asked, as flow38 asks for a runnable file written from a value the guard cannot read."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable

from macrohard.safety.flow_written import runnable
from macrohard.safety.git_objects import Repo, Unreadable, _read, blob_id, git_dir

# what a line must hold for this module to parse it
_MAY = re.compile(r"\bgit\b[^|;&]*?\b(?:checkout|switch|reset|restore|read-tree|checkout-index|merge|rebase|"
                  r"cherry-pick|revert|stash|worktree)\b")
# options whose next word is their value, per subcommand
_VALUED = {
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
_REVISH = re.compile(r"[~^@:{}]|\.\.")

Judge = Callable[[str, str, str], str]  # (path relative to the workspace, new text, old text) -> why, or ""


class _Unknown(Exception):
    pass


def _split(sub: str, args: list[str]) -> tuple[dict[str, str], list[str], list[str] | None]:
    """A subcommand's options (with values), positional words, and the words after ``--`` (None if none)."""
    opts, pos, after = {}, [], None
    valued = _VALUED.get(sub, set())
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


class _Plan:
    """What one git command writes into a work tree, worked out from the repository's files."""

    def __init__(self, repo: Repo, root: str, workspace: str, judge: Judge) -> None:
        self.repo, self.root, self.workspace, self.judge = repo, root, workspace, judge

    def rev(self, word: str, guess: bool = False) -> str:
        try:
            if word == "-" or re.fullmatch(r"@\{-\d+\}", word):
                return self._previous(1 if word == "-" else int(word[3:-1]))
            if word.startswith("HEAD@{"):
                return self._head_log(word)
            return self.repo.commit(self.repo.resolve(word))
        except Unreadable:
            if guess and (sha := self.repo.remote_branch(word)):  # checkout/switch's guess of origin/<name>
                return sha
            raise

    def _previous(self, n: int) -> str:
        """The branch or commit checked out ``n`` switches ago (``-``, ``@{-1}``: HEAD's reflog)."""
        raw = _read(os.path.join(self.repo.gitdir, "logs", "HEAD"))
        lines = raw.decode("utf-8", errors="replace").splitlines() if raw else []
        for line in reversed(lines):
            m = re.search(r"\tcheckout: moving from (\S+) to \S+$", line)
            if m:
                n -= 1
                if n == 0:
                    return self.repo.commit(self.repo.resolve(m.group(1)))
        raise Unreadable("no previous branch")

    def _head_log(self, word: str) -> str:
        m = re.fullmatch(r"HEAD@\{(\d+)\}", word)
        got = _read(os.path.join(self.repo.gitdir, "logs", "HEAD")) if m else None
        raw = got.decode("utf-8", errors="replace").splitlines() if got else None
        n = int(m.group(1)) if m else -1
        if not raw or n >= len(raw):
            raise Unreadable(word)
        return raw[-1 - n].split(" ")[1]

    def working(self, rel: str) -> bytes | None:
        return _read(os.path.join(self.root, rel))  # (whole, to compare with the blob's id; never a FIFO)

    def judged(self, files: dict[str, str], dest: str = "", what: str = "") -> str:
        """Why writing these blobs (path -> id) is asked, or ""; a blob the workspace already holds is skipped."""
        for rel, sha in sorted(files.items())[:400]:
            now = self.working(rel)  # (a new worktree: what the work tree holds there already is not new)
            if now is not None and blob_id(now) == sha:
                continue
            try:
                text = self.repo.blob(sha)
            except Unreadable:
                if runnable(rel):  # a Makefile or script too large to read: unknown
                    raise
                continue  # a large data file: not judged (its text is no program the user's command runs)
            old = (now or b"").decode("utf-8", errors="replace")
            at = posixpath.join(dest or self.root, rel)
            shown = posixpath.relpath(at, self.workspace) if (at + "/").startswith(self.workspace.rstrip("/") + "/") \
                else at
            if why := self.judge(shown, text, old):
                return f"brings {shown} from {what}: {shown} {why}"
        return ""

    def tree(self, commit: str, paths: list[str] | None, what: str, dest: str = "") -> str:
        """A revision's tree written over the work tree (or into ``dest``, a new worktree)."""
        tree = self.repo.tree_of(commit)
        try:
            head = self.repo.tree_of(self.repo.resolve("HEAD"))
        except Unreadable:
            head = None
        files = self.repo.changed(head, tree)
        files.update(self.repo.files(tree, depth=2))  # (a HEAD moved earlier: the top two levels read as they are)
        return self.judged(_within(files, paths), dest, what)

    def change(self, old: str | None, new: str, what: str) -> str:
        """One commit's own change applied (cherry-pick, revert, a stash)."""
        files = self.repo.changed(self.repo.tree_of(old) if old else None, self.repo.tree_of(new))
        return self.judged(files, "", what)

    def index(self, paths: list[str] | None) -> str:
        files = _within(self.repo.index(), paths)
        for rel in list(files):  # git's own shortcut: a file whose time and size the index holds is as it was
            mtime_s, mtime_ns, size = self.repo.stat.get(rel, (0, 0, -1))
            try:
                st = os.stat(os.path.join(self.root, rel))
            except OSError:
                continue
            if mtime_s and st.st_size == size and int(st.st_mtime) == mtime_s and st.st_mtime_ns % 10**9 == mtime_ns:
                del files[rel]
        return self.judged(files, "", "git's index")


def _within(files: dict[str, str], paths: list[str] | None) -> dict[str, str]:
    if not paths or any(p in (".", ":/", "*", "./") for p in paths):
        return files
    want = [p.rstrip("/").removeprefix("./") for p in paths]
    return {f: s for f, s in files.items() if any(f == p or f.startswith(p + "/") for p in want)}


def _what(sub: str, opts: dict[str, str], pos: list[str], after: list[str] | None, plan: _Plan) -> str:
    """Why the git subcommand's writes are asked, or "" (raises Unreadable for what cannot be read)."""
    repo = plan.repo
    if _STOPS & set(opts):
        return ""
    if sub == "checkout":
        start = opts.get("-b") is not None or opts.get("-B") is not None or opts.get("--orphan") is not None
        if after is not None:
            if pos:
                return plan.tree(plan.rev(pos[0]), after, f"git's {pos[0]}")
            return plan.index(after)
        if not pos:
            return ""
        if start:
            return plan.tree(plan.rev(pos[0]), None, f"git's {pos[0]}")
        try:
            commit = plan.rev(pos[0], guess=True)
        except Unreadable:
            if _present(plan, pos):
                return plan.index(pos)
            if _REVISH.search(pos[0]):
                raise
            return ""  # neither a revision nor a file: git refuses
        return plan.tree(commit, pos[1:] or None, f"git's {pos[0]}")
    if sub == "switch":
        if "--orphan" in opts or not pos:
            return ""
        return plan.tree(plan.rev(pos[0], guess=not ({"-c", "-C", "--create", "--force-create"} & set(opts))), None,
                         f"git's {pos[0]}")
    if sub == "reset":
        if not {"--hard", "--keep", "--merge"} & set(opts):
            return ""
        rev = pos[0] if pos else "HEAD"
        return plan.tree(plan.rev(rev), None, f"git's {rev}")
    if sub == "restore":
        source = opts.get("-s", opts.get("--source"))
        staged, worktree = bool({"-S", "--staged"} & set(opts)), bool({"-W", "--worktree"} & set(opts))
        if staged and not worktree:
            return ""
        paths = (after or []) + pos
        if source is None and staged:
            source = "HEAD"
        if source is not None:
            return plan.tree(plan.rev(source), paths, f"git's {source}")
        return plan.index(paths)
    if sub == "read-tree":
        if "-u" not in opts or not pos:
            return ""
        return plan.tree(plan.rev(pos[-1]), None, f"git's {pos[-1]}")
    if sub == "checkout-index":
        if "--prefix" in opts:
            raise Unreadable("checkout-index --prefix")
        return plan.index(pos + (after or []) or None) if "-a" in opts or "--all" in opts or pos or after else ""
    if sub in ("merge", "rebase"):
        revs = list(pos)
        if sub == "rebase" and opts.get("--onto"):
            revs.append(opts["--onto"])
        if sub == "rebase" and not revs:
            raise Unreadable("rebase onto the upstream")
        for rev in revs:
            if why := plan.tree(plan.rev(rev), None, f"git's {rev}"):
                return why
        return ""
    if sub in ("cherry-pick", "revert"):
        for rev in pos:
            if ".." in rev:
                a, _, b = rev.partition("..")
                old, new = plan.rev(a or "HEAD"), plan.rev(b or "HEAD")
            else:
                new = plan.rev(rev)
                try:
                    old = repo.parents(new)[int(opts.get("-m") or opts.get("--mainline") or 1) - 1]
                except (Unreadable, ValueError, IndexError):
                    old = None
            if sub == "revert":
                if old is None:
                    raise Unreadable("revert of a root commit")
                old, new = new, old
            if why := plan.change(old, new, f"git's {rev}"):
                return why
        return ""
    if sub == "stash":
        verb = pos[0] if pos else "push"
        if verb in ("pop", "apply", "branch"):
            ref = pos[2] if verb == "branch" and len(pos) > 2 else pos[1] if verb != "branch" and len(pos) > 1 \
                else "stash@{0}"
            if re.fullmatch(r"\d+", ref):
                ref = f"stash@{{{ref}}}"
            w = repo.resolve(ref)
            parents = repo.parents(w)
            if why := plan.change(parents[0], w, f"the stash {ref}"):
                return why
            if len(parents) > 2:  # the untracked files a `stash -u` kept
                return plan.change(None, parents[2], f"the stash {ref}")
            return ""
        if verb in ("push", "save") or verb.startswith("-"):
            return plan.tree(plan.rev("HEAD"), None, "git's HEAD")
        return ""
    if sub == "worktree":
        if not pos or pos[0] != "add" or len(pos) < 2 or "--no-checkout" in opts:
            return ""
        dest = posixpath.normpath(posixpath.join(plan.root, pos[1]))
        rev = pos[2] if len(pos) > 2 else "HEAD"
        return plan.tree(plan.rev(rev, guess=True), None, f"git's {rev}", dest=dest)
    return ""


def _makes(rest: list[str]) -> set[str]:
    """The branch or tag names ``git branch NAME``/``git tag NAME``/``worktree add -b NAME`` makes."""
    sub, args = rest[0], [w for w in rest[1:] if not w.startswith("-")]
    if sub in ("branch", "tag") and args and not {"-f", "--force", "-d", "-D", "-m", "-M"} & set(rest[1:]):
        return {args[0]}
    return set()


def _moves(rest: list[str]) -> bool:
    """Whether a git command moves a branch, HEAD or the index to a commit or tree the line did not make."""
    sub, args = rest[0], rest[1:]
    return sub in ("update-ref", "symbolic-ref", "fetch", "pull", "replace", "update-index", "bisect") or \
        sub == "branch" and bool({"-f", "--force", "-m", "-M", "-c", "-C"} & set(args)) or \
        sub == "tag" and bool({"-f", "--force"} & set(args)) or \
        sub == "reset" or sub == "read-tree" and "-u" not in args or \
        sub == "stash" and args[:1] == ["store"]


def _present(plan: _Plan, words: list[str]) -> bool:
    try:
        index = plan.repo.index()
    except Unreadable:
        index = {}
    for w in words:
        w = w.rstrip("/").removeprefix("./")
        if w in (".", "") or os.path.exists(os.path.join(plan.root, w)) or w in index or any(
                f.startswith(w + "/") for f in index):
            return True
    return False


# git's settings that name another repository, work tree or index than the folder's own
_ELSEWHERE = re.compile(r"\b(?:GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_COMMON_DIR|"
                        r"GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE)\b|--git-dir\b|--work-tree\b|"
                        r"core\.worktree|--namespace\b")
_ELSEWHERE_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
                   "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE")
# git's output (from its object store) piped into a program that writes files from it
_PIPED = re.compile(r"\bgit\b[^|;&]*\b(diff|show|format-patch|archive|cat-file|log|stash)\b[^|;&]*\|\s*"
                    r"(?:\S*/)?(?:git\s+(?:-\S+\s+)*(?:apply|am)\b|patch\b|tar\b|bsdtar\b|unzip\b|cpio\b)")
_MAY_ANY = re.compile(_MAY.pattern + "|" + _PIPED.pattern)


def _aliases(gd: str) -> dict[str, str]:
    """The repository's ``[alias]`` settings (its own config file only)."""
    raw = _read(os.path.join(gd, "config"), 1 << 16)
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


def _piped(cmd, rest: list[str], plan: _Plan) -> str:
    """Why git's output piped into a patch or archive reader is asked: the files the patch or archive holds, worked
    out from the revisions named (``git diff A B``, ``git format-patch -1 REV``, ``git show REV``, ``git archive
    REV``); anything else is unknown."""
    sub, args = rest[0], rest[1:]
    opts, pos, after = _split(sub, args)
    revs = [w for w in pos]
    if sub == "diff" and (len(revs) == 2 or len(revs) == 1 and ".." in revs[0]):
        a, b = revs if len(revs) == 2 else revs[0].split("..", 1)
        old, new = plan.rev(a or "HEAD"), plan.rev(b or "HEAD")
        files = _within(plan.repo.changed(plan.repo.tree_of(old), plan.repo.tree_of(new)), after)
        return plan.judged(files, "", f"git's {b or 'HEAD'}")
    if sub == "diff" and len(revs) == 1:
        return plan.tree(plan.rev(revs[0]), after, f"git's {revs[0]}")
    if sub == "diff" and not revs:
        return plan.index(after)
    if sub in ("show", "format-patch") and len(revs) == 1 and ".." not in revs[0]:
        n = next((int(k[1:]) for k in opts if re.fullmatch(r"-\d+", k)), 1 if sub == "show" else 0)
        if n:
            new = plan.rev(revs[0])
            old = new
            for _ in range(n):
                old = plan.repo.parents(old)[0]
            return plan.change(old, new, f"git's {revs[0]}")
    if sub == "archive" and revs:
        return plan.tree(plan.rev(revs[0]), revs[1:] or None, f"git's {revs[0]}")
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
    made: set[str] = set()  # branch and tag names an earlier command on the line makes (the line's own work)
    moved = switched = False  # a ref, HEAD or the index moved earlier on the line; a checkout earlier on it
    for cmd in commands:
        if not cmd.argv or posixpath.basename(cmd.argv[0]) != "git":
            continue
        rest, where = where_of(cmd)
        if not rest:
            continue
        gd = git_dir(where)
        if gd is not None and rest[0] not in _VALUED and not (piped and rest[0] == piped.group(1)):
            alias = _aliases(gd).get(rest[0].lower(), "")
            if alias.startswith("!") and _MAY_ANY.search("git " + alias.lstrip("!").removeprefix("git ")):
                return f"runs `git {rest[0]}`, an alias that runs a shell line that rewrites files from git's " \
                       "object store, which the guard does not read as it runs"
            if alias and not alias.startswith("!"):
                rest = alias.split() + rest[1:]  # (one level: an alias naming another is not followed)
        if not (rest[0] in _VALUED or piped and rest[0] == piped.group(1)):
            made |= _makes(rest)
            moved = moved or _moves(rest)
            continue
        sub = rest[0]
        opts, pos, after = _split(sub, rest[1:])
        named = [opts.get(k) for k in ("-b", "-B", "-c", "-C", "--create", "--force-create", "--orphan")]
        own = {w for w in pos + [opts.get("--onto") or ""] if w in made or w == "-" and switched}
        made |= {n for n in named if n} | _makes(rest)
        if own:  # a branch the line made from its own work, or `-` back to where the line started
            switched = switched or sub in ("checkout", "switch")
            continue
        if moved:
            return f"runs `git {sub}` after a command earlier on the line moved a branch, HEAD or the index, so " \
                   "what it writes from git's object store cannot be read before the line runs"
        moved = moved or _moves(rest)
        switched = switched or sub in ("checkout", "switch")
        if elsewhere:
            return f"runs `git {sub}` on a repository, work tree or index named by GIT_DIR, --git-dir or the like, " \
                   "which rewrites files from an object store the guard does not read there"
        if any("$" in w or "`" in w for w in rest[1:]):
            return f"runs `git {sub}` with a revision or path the guard cannot read (a variable or a command's " \
                   "output), which rewrites files from git's object store"
        if gd is None:
            continue
        try:
            repo = Repo(gd)
            plan = _Plan(repo, repo.work_tree, workspace, judge)
            if why := (_piped(cmd, rest, plan) if piped and sub == piped.group(1) else
                       _what(sub, opts, pos, after, plan)):
                return why
        except (Unreadable, OSError, ValueError, IndexError, UnicodeDecodeError, RecursionError) as exc:
            return f"runs `git {sub}`, which rewrites files from git's object store, and what it writes cannot be " \
                   f"read ({exc})"
    return ""
