"""The files a git command writes into the work tree from a commit: ``merge``, ``pull``, ``cherry-pick``, ``rebase``,
``reset --hard``, ``checkout``/``switch`` of a branch, ``checkout REV -- .``, ``restore --source``, ``read-tree``,
``checkout-index``, ``stash pop|apply``, ``worktree add``.

guard21: a branch fetched from a bundle (a repository that arrives as a file) carrying ``.bashrc``, ``.profile``,
``.envrc`` or ``.npmrc`` was merged, pulled, cherry-picked, popped from a stash … and nothing listed what it wrote,
where ``cp``, an archive, a diff and ``git checkout REV -- FILE`` were judged by the names they write. Now the
commit's files are listed and each is judged as a file the command writes (``Analyzer.written_name``).

The listing asks the repository itself, with git's plumbing (``diff-tree``, ``ls-tree``, ``ls-files``), which runs
no hook, filter, pager or fsmonitor, with the user's and system's settings switched off and a time limit; only a
repository inside the workspace is read. A revision that cannot be resolved is asked about when the line brings
commits from elsewhere first (``git fetch … && git merge FETCH_HEAD``) or names FETCH_HEAD; a ``git pull`` from a
local repository or a bundle file is asked about (the commits it merges are not in the repository yet: fetch in one
step, merge in the next). A pull from a URL is left as downloads are.

guard22: that git runs **on the host**, over a repository the sandbox wrote. A promisor remote in its settings
(``extensions.partialClone``, ``remote.NAME.promisor``) made the host's git fetch a missing object by running the
remote's ``uploadpack`` (or ``ext::``/ssh/proxy command): ``git config remote.origin.uploadpack 'touch …'`` one step,
``git merge <a missing sha>`` the next ran that command on the host, as the guard's user, at review. Now no
transport is allowed to the host's git at all (``GIT_ALLOW_PROTOCOL=none``, ``GIT_NO_LAZY_FETCH``), and the
repository is vetted before any git runs on it (``_vet``): its git directory, common directory, objects and
alternates must really be inside the workspace (no link out to a repository on the host, nor to one in the sandbox's
own ``/tmp`` that the host cannot see), the files git opens must be regular files (a FIFO held the review), and its
settings (read by git's own parser, includes not followed) must name no promisor remote, no include and no
``core.worktree`` (the sandbox's git would write elsewhere than the listing says). Otherwise the command is asked
about. Every host-side git runs in its own process group, killed at the time limit, its output capped, with a time
budget per review; a listing that could not be made is asked about, not passed.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import selectors
import signal
import stat
import subprocess
import time
from typing import TYPE_CHECKING

from macrohard.safety import gitrepo
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAX_FILES = 20_000
TIMEOUT_S = 3.0
BUDGET_S = 4.0  # host-side git time one review may spend, all calls together
MAX_OUTPUT = 16_000_000  # bytes of one listing
# no transport at all (a promisor remote's lazy fetch ran its uploadpack/ext::/ssh command on the host: guard22)
_ENV = {"PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": "/nonexistent",
        "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_ALLOW_PROTOCOL": "none",
        "GIT_NO_LAZY_FETCH": "1", "GIT_PROTOCOL_FROM_USER": "0", "GIT_ASKPASS": "/bin/false", "SSH_ASKPASS": "/bin/false"}
_SAFE = ("-c", "core.fsmonitor=false", "-c", "safe.directory=*", "-c", "core.untrackedCache=false", "-c",
         "protocol.allow=never", "-c", "core.sshCommand=/bin/false", "-c", "core.gitProxy=/bin/false")
# the files git opens in a git directory: a FIFO or a link out among them held the review or read the host
_OPENED = ("HEAD", "config", "config.worktree", "commondir", "gitdir", "packed-refs", "index", "shallow", "info/grafts",
           "objects/info/alternates", "objects/info/grafts", "ORIG_HEAD", "FETCH_HEAD", "MERGE_HEAD")
# options of these subcommands that take a value as the next word
_VALUED = frozenset({"-m", "-F", "--file", "-s", "--strategy", "-X", "--strategy-option", "--into-name", "-b", "-B",
                     "-c", "-C", "--orphan", "--onto", "--source", "--prefix", "--index-output", "-x", "--exec",
                     "--conflict", "--pathspec-from-file", "--cleanup", "--gpg-sign", "-S", "--reason", "--depth",
                     "--upload-pack", "--track", "--rebase-merges"})
_SHELL_CODE = frozenset({".envrc"})
_BRINGS = frozenset({"fetch", "pull", "bundle", "update-ref", "remote", "clone", "unbundle", "index-pack"})
_WRITERS = frozenset({"merge", "pull", "cherry-pick", "revert", "rebase", "reset", "checkout", "switch", "restore",
                      "read-tree", "checkout-index", "stash", "worktree"})


def judge(an: Analyzer, args: list[str], at: int, cmd: SimpleCommand) -> None:
    """``args[at]`` is git's subcommand."""
    sub, rest = args[at], args[at + 1:]
    seen = an.__dict__.setdefault("git_subs", set())
    if sub in _BRINGS and (sub in ("update-ref", "unbundle", "index-pack") or any(_local(an, a, cmd) for a in rest
                                                                                 if not a.startswith("-"))) \
            or sub == "stash" and rest[:1] == ["store"] or sub in ("branch", "tag") and ("-f" in rest or
                                                                                      "--force" in rest):
        seen.add("brings")  # refs this line points at commits from a local repository or bundle, or moves
    if sub in ("symbolic-ref", "replace") or sub == "notes" and "copy" in rest:
        seen.add("brings")  # `git replace side o/p-x && git merge side`: what a name means moves on this line
    made = an.__dict__.setdefault("git_made", {})  # names this line gives to revisions: `git branch x REV && merge x`
    ops = _operands(rest)[0]
    if sub in ("branch", "tag") and len(ops) == 2 and not any(a in ("-d", "-D", "--delete", "-m", "-M", "-c", "-C",
                                                                     "--list", "-l") for a in rest):
        made[ops[0]] = ops[1]
    if sub in ("checkout", "switch"):
        for opt in ("-b", "-B", "-c", "-C", "--orphan"):
            if opt in rest and rest.index(opt) + 1 < len(rest):
                made[rest[rest.index(opt) + 1]] = ops[0] if ops else "HEAD"
    if sub == "mv" and len(ops) >= 2:  # `git mv evil.txt .bashrc`: a rename the guard judges as a write
        dst = ops[-1]
        for src in ops[:-1]:
            full = an.paths.resolve(dst, cmd.cwd)
            target = posixpath.join(dst, posixpath.basename(src)) if len(ops) > 2 or os.path.isdir(full) else dst
            an.written_name(target, cmd.cwd, f"git mv writes {target[:60]}")
    if sub == "archive" and not any(a in ("-o", "--output") or a.startswith("--output=") for a in rest):
        an.__dict__["archive_on_line"] = True  # `git archive REV | tar x`: members only known when it runs
    if sub in ("diff", "format-patch", "show", "log"):
        an.__dict__["diff_on_line"] = True  # `git diff A B | git apply`
    if sub not in _WRITERS:
        return
    start = an.paths.resolve(_chdir(args[:at]) or cmd.cwd or ".", cmd.cwd)
    moved = _moved(args[:at])
    if moved:  # `git --work-tree=.. -C sub checkout …`: the listing's folder is not where the files go
        an.r.add("dynamic", f"git {sub} with {moved}: the files land where the guard does not list them; run it without")
        return
    gitdir, top = gitrepo.repository(start, an.paths.workspaces, an.paths.resolve)
    inside = any(start == w or start.startswith(w + "/") for w in an.paths.workspaces)
    base = an.paths.workspaces[0] if an.paths.workspaces else "/"
    lexical = posixpath.normpath(posixpath.join(base, cmd.cwd or ".", _chdir(args[:at]) or "."))
    if not inside and any(lexical == w or lexical.startswith(w + "/") for w in an.paths.workspaces):
        an.r.add("dynamic", f"git {sub} in {lexical[-60:]}, a link out of the workspace: a repository the guard does "
                            "not read on the host")
        return
    if not inside and sub != "pull":  # `git -C /tmp/r checkout …` whose core.worktree is the workspace (guard22)
        an.r.add("dynamic", f"git {sub} in {start[:60]}, a repository outside the workspace that the guard cannot "
                            "read (its settings may send the files into the workspace); work in the workspace")
        return
    if gitdir is None:
        if inside and (odd := _odd_git(start, an.paths.workspaces)):
            an.r.add("dynamic", f"git {sub} in a repository the guard does not read on the host: {odd}")
        return
    if not any(gitdir == w or gitdir.startswith(w + "/") for w in an.paths.workspaces):
        if inside:  # a `.git` file naming a git directory elsewhere (the sandbox's /tmp, the host's)
            an.r.add("dynamic", f"git {sub} in a repository whose git directory is outside the workspace "
                                f"({gitdir[:60]}): only known when it runs")
        return
    if not _vetted(an, gitdir, top, sub):
        return
    operands, paths = _operands([a for a in rest if not (sub == "read-tree" and a == "-m")])
    if sub == "pull":
        remote = operands[0] if operands else ""
        if remote and _local(an, remote, cmd):
            an.r.add("dynamic", f"git pull from {remote[:40]}: the files it merges are only known when it runs; fetch "
                                "in one step and merge in the next")
        return
    pairs: list[tuple[str | None, str, list[str]]] = []  # (from, to, paths): a diff, or a listing when from is None
    if sub in ("merge", "rebase"):
        revs = operands if sub == "merge" else operands[:1] + [v for a, v in zip(rest, rest[1:], strict=False)
                                                                  if a == "--onto"]
        if any(a in ("--abort", "--quit", "--continue", "--skip") for a in rest):
            return
        pairs = [("HEAD", r, []) for r in revs if r != "-"]
    elif sub in ("cherry-pick", "revert"):
        if any(a in ("--abort", "--quit", "--continue", "--skip") for a in rest):
            return
        for r in operands:
            a, dots, b = r.partition("..")
            pairs.append((a or "HEAD", b or "HEAD", []) if dots else (f"{r}^", r, []))
    elif sub == "reset":  # the work tree made the revision's: what differs from HEAD, the index or is missing
        if any(a in ("--hard", "--merge", "--keep") for a in rest):
            pairs = [(_FULL, operands[0] if operands else "HEAD", [])]
    elif sub in ("checkout", "switch"):
        force = any(a in ("-f", "--force", "--discard-changes") for a in rest)
        if paths is not None:  # checkout [REV] -- PATHS: REV's files under the paths (the index's without REV)
            pairs = [(None, operands[0], paths)] if operands else [(_INDEX, "", paths)]
        elif operands and _resolves(gitdir, top, operands[0], an):
            if sub == "checkout" and len(operands) > 1:  # `git checkout REV a b`: REV's files a and b
                pairs = [(None, operands[0], operands[1:])]
            else:
                pairs = [(_FULL if force else "HEAD", operands[0], [])]
        elif operands and sub == "switch" or operands and (_from_elsewhere(an, operands[0]) or operands[0] in made):
            pairs = [("HEAD", operands[0], [])]
        elif operands and (remote := _remote_branch(an, gitdir, top, operands[0])):
            pairs = [("HEAD", remote, [])]  # `git checkout x` makes x from origin/x (git's guess)
        elif operands:  # `git checkout .`, `git checkout a.txt`: paths, from the index
            pairs = [(_INDEX, "", operands)]
        elif any(a.startswith("--pathspec-from-file") for a in rest):  # paths from a file: any of the index's
            pairs = [(_INDEX, "", ["."])]
        elif force:  # `git checkout -f`: the work tree made HEAD's
            pairs = [(_FULL, "HEAD", [])]
    elif sub == "restore":
        source = next((v for a, v in zip(rest, rest[1:], strict=False) if a in ("-s", "--source")), None)
        source = source or next((a.split("=", 1)[1] for a in rest if a.startswith("--source=")), None)
        source = source or next((a[2:] for a in rest if a.startswith("-s") and len(a) > 2), None)
        staged_only = any(a in ("-S", "--staged") for a in rest) and not any(a in ("-W", "--worktree") for a in rest)
        if source and not staged_only:
            pairs = [(None, source, (paths if paths is not None else operands) or ["."])]
        elif not staged_only:  # `git restore .`: the index's files
            pairs = [(_INDEX, "", (paths if paths is not None else operands) or ["."])]
    elif sub == "read-tree":
        pairs = [(None, r, []) for r in operands]
        if "--reset" in rest and "-u" in rest:
            pairs = [(_FULL, r, []) for r in operands]
    elif sub == "checkout-index":
        prefix = next((a.split("=", 1)[1] for a in rest if a.startswith("--prefix=")), "")
        if "-a" in rest or "--all" in rest or "--stdin" in rest:  # names read from stdin: any of the index's
            _index(an, gitdir, top, start, ["."], prefix)
        elif paths is not None or operands:
            _index(an, gitdir, top, start, (paths or []) + operands, prefix)
        return
    elif sub == "stash":
        verb = operands[0] if operands else "push"
        if verb in ("push", "save") and "--staged" not in rest:  # the work tree made HEAD's again
            pairs = [(_FULL, "HEAD", [])]
        if verb in ("pop", "apply", "branch"):
            ref = operands[2 if verb == "branch" else 1] if len(operands) > (2 if verb == "branch" else 1) else \
                "stash@{0}"
            pairs = [("HEAD", ref, [])]
            if _resolves(gitdir, top, f"{ref}^3", an):  # the untracked files `stash -u` kept
                pairs.append((None, f"{ref}^3", []))
    elif sub == "worktree":
        if operands[:1] == ["add"] and len(operands) > 1:
            folder = operands[1]
            rev = operands[2] if len(operands) > 2 else "HEAD"
            _write(an, gitdir, top, (None, rev, []), start, prefix=folder)
        return
    if pairs and "brings" in seen:  # what the refs name now is not what they will name when this runs
        an.r.add("dynamic", f"git {sub} writes files from commits this line brings or moves (a fetch from a local "
                            "repository or bundle, a stash store, update-ref): only known when it runs; do that in one "
                            "step and this in the next")
        return
    for frm, to, pp in pairs:
        _write(an, gitdir, top, (frm, made.get(to, to), pp), start)


def _write(an: Analyzer, gitdir: str, top: str, pair: tuple[str | None, str, list[str]], cwd: str,
           prefix: str = "") -> None:
    frm, to, paths = pair
    if "$" in to or "`" in to or frm and ("$" in frm or "`" in frm):
        return  # a word only known when it runs: safety.spliced judges those
    blob = to
    if frm == _INDEX:  # the index's files the paths select
        names, blob = _git(gitdir, top, "ls-files", "-z", "--cached", an=an), ""
        names = _select(an, names, paths, cwd, top)
        to = "the index"
    elif frm == _FULL:  # the work tree made the revision's: what differs from HEAD or the index, or is missing here
        names = _full(an, gitdir, top, to)
    elif frm is None:  # the revision's files the paths select (git's pathspecs: a folder, a name, a wildcard)
        names = _listing(an, gitdir, top, "ls-tree", "-r", "-z", "--name-only", "--full-tree", to)
        names = _select(an, names, paths, cwd, top)
    else:
        names = _listing(an, gitdir, top, "diff-tree", "-r", "-z", "--name-only", "--no-renames", "--no-textconv",
                         "--no-ext-diff", "--diff-filter=ACMRT", frm, to)
    if names is None:
        if failed := an.__dict__.pop("git_failed", ""):
            an.r.add("dynamic", f"git writes the files of {to[:40]}, which the guard could not list: {failed}")
        elif _from_elsewhere(an, to):
            an.r.add("dynamic", f"git writes the files of {to[:40]}, which this line brings from elsewhere: only known "
                                "when it runs; fetch in one step and merge or check out in the next")
        return
    listed = [n for n in names.split("\0") if n][:MAX_FILES + 1]
    if len(listed) > MAX_FILES:
        an.r.add("dynamic", f"git writes more than {MAX_FILES} files from {to[:40]}, too many to review")
        return
    base = an.paths.resolve(prefix, cwd) if prefix else top
    for name in listed:
        an.written_name(posixpath.join(base, name), None, f"git writes {name[:60]} from {to[:40]}")
        if posixpath.basename(name) in _SHELL_CODE:  # direnv runs it as the folder is entered: judged as a script
            text = _git(gitdir, top, "cat-file", "blob", f"{blob}:{name}", an=an, limit=64_000)
            an.__dict__.pop("git_failed", None)
            if text is None or len(text) > 64_000:
                an.r.add("dynamic", f"git writes {name[:60]} from {to[:40]}, shell code the guard cannot read")
            else:
                an.line(text, 1, posixpath.dirname(posixpath.join(base, name)))


_INDEX, _FULL = "@index", "@full"


def _index(an: Analyzer, gitdir: str, top: str, cwd: str, paths: list[str], prefix: str = "") -> None:
    """``git checkout-index [-a | PATHS] [--prefix=P]``: the index's files, each written as P + its name (a string
    put in front, not a folder: ``--prefix=.`` writes ``bashrc`` as ``.bashrc``)."""
    names = _git(gitdir, top, "ls-files", "-z", "--cached", an=an)
    if names is None and (failed := an.__dict__.pop("git_failed", "")):
        an.r.add("dynamic", f"git checkout-index writes the index's files, which the guard could not list: {failed}")
    names = _select(an, names, paths, cwd, top) or ""
    if "$" in prefix or "`" in prefix:
        an.r.add("dynamic", f"git checkout-index --prefix={prefix[:40]}: where it writes is only known when it runs")
        return
    for name in [n for n in names.split("\0") if n][:MAX_FILES]:
        target = posixpath.join(top, prefix + name) if not prefix.startswith("/") else prefix + name
        an.written_name(target, cwd, f"git checkout-index writes {(prefix + name)[:60]} from the index")
        if posixpath.basename(prefix + name) in _SHELL_CODE:
            text = _git(gitdir, top, "cat-file", "blob", f":{name}", an=an, limit=64_000)
            an.__dict__.pop("git_failed", None)
            if text is None:
                an.r.add("dynamic", f"git checkout-index writes {name[:60]}, shell code the guard cannot read")
            else:
                an.line(text, 1, posixpath.dirname(target))


def _select(an: Analyzer, names: str | None, paths: list[str], cwd: str, top: str) -> str | None:
    """The names (NUL-separated) git's pathspecs ``paths`` select: a folder, a name, a wildcard (``*`` crosses
    ``/``), matched without case; a pathspec with magic (``:(icase)``, ``:/``, ``:!x``, ``:(glob)``) or read from a
    file selects them all (more than git would: never fewer)."""
    if names is None or not paths:
        return names
    specs = [_in_repo(an, p, cwd, top) for p in paths]
    if any(sp in (".", "") or sp.startswith(":") or "$" in sp or "`" in sp for sp in specs):
        return names
    specs = [sp.casefold() for sp in specs]
    return "\0".join(n for n in names.split("\0") if n and any(
        (m := n.casefold()) == sp or m.startswith(sp.rstrip("/") + "/") or fnmatch.fnmatchcase(m, sp) for sp in specs))


def _full(an: Analyzer, gitdir: str, top: str, rev: str) -> str | None:
    """What making the work tree ``rev``'s writes (``reset --hard``, ``checkout -f``, ``stash``): its files that
    differ from HEAD or from the index, and those missing from the work tree (``git reset REV`` one step moved HEAD
    and the index, ``git reset --hard`` the next wrote the files)."""
    changed = _listing(an, gitdir, top, "diff-tree", "-r", "-z", "--name-only", "--no-renames", "--no-textconv",
                       "--no-ext-diff", "--diff-filter=ACMRT", "HEAD", rev)
    staged = _git(gitdir, top, "diff-index", "-R", "--cached", "-z", "--name-only", "--no-renames", "--no-textconv",
                  "--no-ext-diff", "--diff-filter=ACMRT", rev, an=an)
    every = _listing(an, gitdir, top, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev)
    if every is None:
        return None
    missing = [n for n in every.split("\0")[:MAX_FILES + 1] if n and not os.path.lexists(posixpath.join(top, n))]
    return "\0".join([changed or "", staged or "", *missing])


def _remote_branch(an: Analyzer, gitdir: str, top: str, name: str) -> str:
    """``refs/remotes/R/NAME`` when exactly one remote has a branch NAME (``git checkout NAME`` then makes NAME from
    it), else ""."""
    if name.startswith("-") or "$" in name or "`" in name or name in (".", ".."):
        return ""
    found = _git(gitdir, top, "for-each-ref", "--format=%(refname)", f"refs/remotes/*/{name}", an=an) or ""
    refs = found.split()
    return refs[0] if len(refs) == 1 else ""


def _local(an: Analyzer, word: str, cmd: SimpleCommand) -> bool:
    """Whether a fetch's or pull's source is a repository or bundle on this machine (not a URL or a remote's name)."""
    if "://" in word and not word.startswith("file:"):
        return False
    return word in (".", "..") or word.startswith(("/", "./", "../", "~", "file:")) or word.endswith(".bundle") or \
        os.path.exists(an.paths.resolve(word, cmd.cwd))


def _from_elsewhere(an: Analyzer, rev: str) -> bool:
    return "brings" in an.__dict__.get("git_subs", ()) or rev.upper().startswith(("FETCH_HEAD", "MERGE_HEAD"))


def _resolves(gitdir: str, top: str, rev: str, an: Analyzer | None = None) -> bool:
    if rev.startswith("-") or "$" in rev or "`" in rev:
        return False
    return bool(_git(gitdir, top, "rev-parse", "-q", "--verify", "--end-of-options", f"{rev}^{{tree}}", an=an))


def _listing(an: Analyzer, gitdir: str, top: str, *args: str) -> str | None:
    """A listing as the sandbox's git may see it: with the repository's replace refs and without (``git
    --no-replace-objects merge X`` where the host's view of X was replaced, or the other way), joined."""
    names = _git(gitdir, top, *args, an=an)
    if names is not None and _has_replace(gitrepo.common(gitdir)):
        other = _git(gitdir, top, *args, an=an, replace=False)
        names = None if other is None else names + "\0" + other
    return names


def _has_replace(common: str) -> bool:
    try:
        if os.listdir(posixpath.join(common, "refs", "replace")):
            return True
    except OSError:
        pass
    try:
        with open_regular(posixpath.join(common, "packed-refs"), "rb") as fh:
            return b" refs/replace/" in fh.read(4_000_000)
    except OSError:
        return False


def _in_repo(an: Analyzer, path: str, cwd: str, top: str) -> str:
    full = an.paths.resolve(path, cwd)
    return posixpath.relpath(full, top) if full == top or full.startswith(top + "/") else path


def _moved(args: list[str]) -> str:
    """A global option before the subcommand that moves the work tree, the repository or the index away from the
    folder the listing reads (``--work-tree``, ``--git-dir``, ``-c core.worktree=…``, ``--bare``), or ""."""
    for i, a in enumerate(args):
        if a in ("--work-tree", "--git-dir", "--bare") or a.startswith(("--work-tree=", "--git-dir=")):
            return a.split("=", 1)[0]
        if a == "-c" and i + 1 < len(args) and args[i + 1].lower().startswith(("core.worktree", "core.bare",
                                                                                "include", "extensions.", "remote.")):
            return f"-c {args[i + 1].split('=', 1)[0]}"
        if a.startswith("--config-env") or a == "--namespace" or a.startswith("--namespace="):
            return a.split("=", 1)[0]
    return ""


def _odd_git(start: str, workspaces: list[str]) -> str:
    """Why the nearest ``.git`` up from ``start`` (within the workspace) is not one the host can read: a link out of
    the workspace or to nothing here (a repository only the sandbox's ``/tmp`` holds), a pipe …; or the folder
    itself is a link out of the workspace. "" for none or an ordinary one."""
    roots = [os.path.realpath(w) for w in workspaces]
    if os.path.lexists(start) and not _inside(start, roots):
        return f"{start[-60:]} is a link out of the workspace"
    here = start
    while any(here == w or here.startswith(w.rstrip("/") + "/") for w in workspaces):
        dot = posixpath.join(here, ".git")
        if os.path.lexists(dot):
            if not _inside(dot, roots):
                return ".git is a link out of the workspace"
            if not (os.path.isdir(dot) or os.path.isfile(dot)):
                return ".git is a link to nothing here or not a file or folder"
            return ""
        if here in ("/", ""):
            break
        here = posixpath.dirname(here)
    return ""


def _chdir(args: list[str]) -> str | None:
    found = None
    for i, a in enumerate(args[:-1]):
        if a == "-C":
            found = args[i + 1]
    return found


def _operands(rest: list[str]) -> tuple[list[str], list[str] | None]:
    """The subcommand's words that are not options (nor their values), and the paths after ``--`` (None if none)."""
    out, i = [], 0
    while i < len(rest):
        a = rest[i]
        if a == "--":
            return out, rest[i + 1:]
        if a in _VALUED:
            i += 2
            continue
        if not a.startswith("-"):
            out.append(a)
        i += 1
    return out, None


def _git(gitdir: str, top: str, *args: str, an: Analyzer | None = None, limit: int = MAX_OUTPUT,
         replace: bool = True) -> str | None:
    """The output of a git plumbing command on the repository, None when it fails, hangs or the repository cannot be
    read. The object store only is read: no hook, filter, pager, fsmonitor, textconv or transport runs for these. A
    call that ran out of time, output or the review's budget notes it on ``an`` (``git_failed``): the caller asks."""
    spent = an.__dict__.get("git_spent", 0.0) if an is not None else 0.0
    if spent >= BUDGET_S:
        an.__dict__["git_failed"] = "the review's time for reading the repository ran out"  # type: ignore[union-attr]
        return None
    env = dict(_ENV, GIT_DIR=gitdir, GIT_WORK_TREE=top, GIT_CEILING_DIRECTORIES=posixpath.dirname(top))
    if not replace:
        env["GIT_NO_REPLACE_OBJECTS"] = "1"
    t0 = time.monotonic()
    out, why = _run(["git", "--no-pager", *_SAFE, *args], env, top, min(TIMEOUT_S, BUDGET_S - spent), limit)
    if an is not None:
        an.__dict__["git_spent"] = spent + time.monotonic() - t0
        if why:
            an.__dict__["git_failed"] = why
    return out


def _run(argv: list[str], env: dict[str, str], cwd: str, timeout: float, limit: int) -> tuple[str | None, str]:
    """``argv``'s standard output (None if it failed) and why it was cut short ("" if it was not): in a process group
    of its own, killed whole at ``timeout`` seconds or past ``limit`` bytes of output."""
    try:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return None, ""
    chunks, size, why = [], 0, ""
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                why = f"git did not answer within {timeout:.0f} s"
                break
            if not sel.select(left):
                continue
            data = os.read(proc.stdout.fileno(), 1 << 16)
            if not data:
                break
            chunks.append(data)
            size += len(data)
            if size > limit:
                why = f"git's listing is larger than {limit} bytes"
                break
    if why:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
    proc.stdout.close()
    try:
        code = proc.wait(timeout=1.0)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        code = proc.wait()
    if why or code != 0:
        return None, why
    return b"".join(chunks).decode("utf-8", "surrogateescape"), ""


def _inside(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip("/") + "/") for r in roots)


def vet(an: Analyzer | None, gitdir: str, top: str, workspaces: list[str]) -> str | None:
    """Why git must not be run on the host over this repository (None: it may): a part of it that is really outside
    the workspace (a link to a repository on the host, or to one only the sandbox's ``/tmp`` holds), a file git opens
    that is not a regular file, settings that fetch, include or move the work tree, or settings git cannot read."""
    roots = [os.path.realpath(w) for w in workspaces]
    if not _inside(top, roots):
        return "its work tree is a link out of the workspace"
    if not os.path.isdir(gitdir) or not _inside(gitdir, roots):
        return "its git directory is a link out of the workspace or missing here"
    common = gitrepo.common(gitdir)
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
    listed = _git(gitdir, top, "config", "--no-includes", "--list", "-z", an=an, limit=1_000_000)
    if listed is None:
        return "git cannot read its settings"
    for item in listed.split("\0"):
        key, _, value = item.partition("\n")
        key = key.lower()
        if key.startswith(("include.", "includeif.")):
            return f"its settings include another file ({key})"
        if key == "core.worktree" and os.path.realpath(posixpath.join(gitdir, value)) == os.path.realpath(top):
            continue  # a submodule's git directory names its own work tree
        if key in ("extensions.partialclone", "core.worktree", "core.alternaterefscommand") or \
                key.startswith("remote.") and key.endswith((".promisor", ".partialclonefilter")):
            return f"its setting {key} makes git fetch from a remote or work on another folder"
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


def _vetted(an: Analyzer, gitdir: str, top: str, sub: str) -> bool:
    cache = an.__dict__.setdefault("git_vetted", {})
    if gitdir not in cache:
        cache[gitdir] = vet(an, gitdir, top, an.paths.workspaces)
        an.__dict__.pop("git_failed", None)
    if cache[gitdir] is not None:
        an.r.add("dynamic", f"git {sub} in a repository the guard does not read on the host: {cache[gitdir]}")
        return False
    return True
