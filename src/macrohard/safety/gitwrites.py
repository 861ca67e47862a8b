"""The files a git command writes into the work tree from a commit: ``merge``, ``pull``, ``cherry-pick``, ``rebase``,
``reset --hard``, ``checkout``/``switch`` of a branch, ``checkout REV -- .``, ``restore --source``, ``read-tree``,
``checkout-index``, ``stash pop|apply``, ``worktree add``.

guard21: a branch fetched from a bundle (a repository that arrives as a file) carrying ``.bashrc``, ``.profile``,
``.envrc`` or ``.npmrc`` was merged, pulled, cherry-picked, popped from a stash … and nothing listed what it wrote,
where ``cp``, an archive, a diff and ``git checkout REV -- FILE`` were judged by the names they write. Now the
commit's files are listed and each is judged as a file the command writes (``Analyzer.written_name``).

The listing comes from ``git_plan`` (one planner, shared with flow control's ``flow_git_tree``), which reads git's
files in Python (``git_objects``): only a repository inside the workspace is read. A revision that no ref names is
asked about when the line brings commits from elsewhere first (``git fetch … && git merge FETCH_HEAD``) or names
FETCH_HEAD; a ``git pull`` from a local repository or a bundle file is asked about (the commits it merges are not in
the repository yet: fetch in one step, merge in the next). A pull from a URL is left as downloads are.

guard22: the listing ran git **on the host**, over a repository the sandbox wrote; a promisor remote in its settings
made the host's git run the remote's ``uploadpack`` as the guard's user, at review. git38: no git runs on the host at
all now. The repository is still vetted (``git_plan.vet``): its git directory, common directory, objects and
alternates must really be inside the workspace, the files git opens must be regular files, and its settings must name
no promisor remote, no include and no ``core.worktree`` (the sandbox's git would fetch, or write elsewhere than the
listing says). Otherwise, or when the listing cannot be made, the command is asked about.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING

from macrohard.safety import gitrepo
from macrohard.safety.git_objects import NotFound, Repo
from macrohard.safety.git_plan import READ_ERRORS, Planner, Write
from macrohard.safety.git_vet import _inside, vet

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

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
    if sub == "clone" or sub == "submodule" and rest[:1] == ["add"]:
        _cloned(an, sub, rest[1:] if sub == "submodule" else rest, args[:at], cmd)
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
    if sub == "pull":
        operands = _operands(rest)[0]
        remote = operands[0] if operands else ""
        if remote and _local(an, remote, cmd):
            an.r.add("dynamic", f"git pull from {remote[:40]}: the files it merges are only known when it runs; fetch "
                                "in one step and merge in the next")
        return
    if any("$" in w or "`" in w for w in rest):
        return  # a word only known when it runs: safety.spliced judges those
    switched = an.__dict__.get("git_switched", False)
    if sub in ("checkout", "switch"):
        an.__dict__["git_switched"] = True
        if switched and "-" in _operands(rest)[0] and "brings" not in seen:
            return  # `git checkout -qb f && … && git checkout -`: back to where the line started (its own work)
    try:
        repo = Repo(gitdir)
        writes: list[Write] | None = Planner(repo, top, start, made).plan(sub, rest)
        missing = None
    except NotFound as exc:  # a plain name no ref holds: git refuses, unless the line brings it first
        writes, missing = None, exc
    except READ_ERRORS as exc:
        an.r.add("dynamic", f"git {sub} writes files from git's object store that the guard cannot list: {exc}")
        return
    if "brings" in seen and (writes or missing or any(not a.startswith("-") for a in rest)):
        an.r.add("dynamic", f"git {sub} writes files from commits this line brings or moves (a fetch from a local "
                            "repository or bundle, a stash store, update-ref): only known when it runs; do that in one "
                            "step and this in the next")
        return
    if writes is None:
        if any(_from_elsewhere(an, w) for w in rest if not w.startswith("-")):
            an.r.add("dynamic", f"git {sub} writes the files of {missing}, which this line brings from elsewhere: "
                                "only known when it runs; fetch in one step and merge or check out in the next")
        return
    for w in writes:
        shown = posixpath.relpath(w.path, top) if w.path.startswith(top + "/") else w.path
        an.written_name(w.path, None, f"git writes {shown[:60]} from {w.source[:40]}")
        if posixpath.basename(w.path) in _SHELL_CODE:  # direnv runs it as the folder is entered: judged as a script
            try:
                text = repo.blob(w.blob)
            except READ_ERRORS:
                an.r.add("dynamic", f"git writes {shown[:60]} from {w.source[:40]}, shell code the guard cannot read")
                continue
            an.line(text, 1, posixpath.dirname(w.path))


def _local(an: Analyzer, word: str, cmd: SimpleCommand) -> bool:
    """Whether a fetch's or pull's source is a repository or bundle on this machine (not a URL or a remote's name)."""
    if "://" in word and not word.startswith("file:"):
        return False
    return word in (".", "..") or word.startswith(("/", "./", "../", "~", "file:")) or word.endswith(".bundle") or \
        os.path.exists(an.paths.resolve(word, cmd.cwd))


def _from_elsewhere(an: Analyzer, rev: str) -> bool:
    return "brings" in an.__dict__.get("git_subs", ()) or rev.upper().startswith(("FETCH_HEAD", "MERGE_HEAD"))


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


def _vetted(an: Analyzer, gitdir: str, top: str, sub: str) -> bool:
    cache = an.__dict__.setdefault("git_vetted", {})
    if gitdir not in cache:
        cache[gitdir] = vet(gitdir, top, an.paths.workspaces)
    if cache[gitdir] is not None:
        an.r.add("dynamic", f"git {sub} in a repository the guard does not read on the host: {cache[gitdir]}")
        return False
    return True


_CLONE_VALUED = frozenset({"-b", "--branch", "-o", "--origin", "-c", "--config", "--depth", "--template", "--reference",
                           "--reference-if-able", "--separate-git-dir", "-u", "--upload-pack", "-j", "--jobs", "--filter",
                           "--bundle-uri", "--server-option", "--shallow-since", "--shallow-exclude", "--name",
                           "--ref-format"})


def _cloned(an: Analyzer, sub: str, rest: list[str], before: list[str], cmd: SimpleCommand) -> None:
    """guard40: ``git clone SRC DEST`` and ``git submodule add SRC DEST`` write a whole work tree into DEST (or the
    folder named after SRC): ``git clone src ~/.vim``, into ``~/.config/nvim``, ``~/.emacs.d``, ``~/.config/git``
    were approved, where ``cp -r src ~/.vim`` is judged by the folder it writes. The folder is judged the same way."""
    ops, i = [], 0
    while i < len(rest):
        a = rest[i]
        if a == "--":
            ops += rest[i + 1:]
            break
        if a.startswith("-"):
            if a.partition("=")[0] in _CLONE_VALUED and "=" not in a:
                i += 1
        else:
            ops.append(a)
        i += 1
    if not ops:
        return
    if len(ops) >= 2:
        dest = ops[1]
    else:  # git's "humanish" name: the source's last part without /.git, .git or .bundle
        src = ops[0].rstrip("/")
        src = src[:-5] if src.endswith("/.git") else src
        dest = posixpath.basename(src.rstrip("/").split(":")[-1])
        for suffix in (".git", ".bundle"):
            dest = dest[:-len(suffix)] if dest.endswith(suffix) and len(dest) > len(suffix) else dest
    if not dest or "$" in dest or "`" in dest:
        return
    folder = _chdir(before)
    target = posixpath.join(folder, dest) if folder and not dest.startswith(("/", "~")) else dest
    an.written_name(target, cmd.cwd, f"git {sub} writes a work tree into {dest[:60]}")
