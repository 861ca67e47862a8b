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
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import subprocess
from typing import TYPE_CHECKING

from macrohard.safety import gitrepo

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAX_FILES = 20_000
TIMEOUT_S = 3.0
_ENV = {"PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": "/nonexistent",
        "GIT_TERMINAL_PROMPT": "0", "GIT_NO_REPLACE_OBJECTS": "1", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
_SAFE = ("-c", "core.fsmonitor=false", "-c", "safe.directory=*", "-c", "core.untrackedCache=false")
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
    if sub == "archive" and not any(a in ("-o", "--output") or a.startswith("--output=") for a in rest):
        an.__dict__["archive_on_line"] = True  # `git archive REV | tar x`: members only known when it runs
    if sub in ("diff", "format-patch", "show", "log"):
        an.__dict__["diff_on_line"] = True  # `git diff A B | git apply`
    if sub not in _WRITERS:
        return
    start = an.paths.resolve(_chdir(args[:at]) or cmd.cwd or ".", cmd.cwd)
    gitdir, top = gitrepo.repository(start, an.paths.workspaces, an.paths.resolve)
    if gitdir is None or not any(gitdir == w or gitdir.startswith(w + "/") for w in an.paths.workspaces):
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
    elif sub == "reset":
        if any(a in ("--hard", "--merge", "--keep") for a in rest):
            pairs = [("HEAD", operands[0] if operands else "HEAD", [])]
    elif sub in ("checkout", "switch"):
        if paths is not None:  # checkout [REV] -- PATHS: REV's files under the paths (the index's without REV)
            if operands:
                pairs = [(None, operands[0], paths)]
        elif operands and _resolves(gitdir, top, operands[0]):
            if sub == "checkout" and len(operands) > 1:  # `git checkout REV a b`: REV's files a and b
                pairs = [(None, operands[0], operands[1:])]
            else:
                pairs = [("HEAD", operands[0], [])]
        elif operands and sub == "switch" or operands and _from_elsewhere(an, operands[0]):
            pairs = [("HEAD", operands[0], [])]
    elif sub == "restore":
        source = next((v for a, v in zip(rest, rest[1:], strict=False) if a in ("-s", "--source")), None)
        source = source or next((a.split("=", 1)[1] for a in rest if a.startswith("--source=")), None)
        source = source or next((a[2:] for a in rest if a.startswith("-s") and len(a) > 2), None)
        if source:
            pairs = [(None, source, (paths if paths is not None else operands) or ["."])]
    elif sub == "read-tree":
        pairs = [(None, r, []) for r in operands]
    elif sub == "checkout-index":
        if "-a" in rest or "--all" in rest:
            _index(an, gitdir, top, start)
        return
    elif sub == "stash":
        verb = operands[0] if operands else "push"
        if verb in ("pop", "apply", "branch"):
            ref = operands[2 if verb == "branch" else 1] if len(operands) > (2 if verb == "branch" else 1) else \
                "stash@{0}"
            pairs = [("HEAD", ref, [])]
            if _resolves(gitdir, top, f"{ref}^3"):  # the untracked files `stash -u` kept
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
    for pair in pairs:
        _write(an, gitdir, top, pair, start)


def _write(an: Analyzer, gitdir: str, top: str, pair: tuple[str | None, str, list[str]], cwd: str,
           prefix: str = "") -> None:
    frm, to, paths = pair
    if "$" in to or "`" in to or frm and ("$" in frm or "`" in frm):
        return  # a word only known when it runs: safety.spliced judges those
    if frm is None:  # the revision's files the paths select (git's pathspecs: a folder, a name, a wildcard)
        names = _git(gitdir, top, "ls-tree", "-r", "-z", "--name-only", "--full-tree", to)
        specs = [_in_repo(an, p, cwd, top) for p in paths]
        if names is not None and specs and "." not in specs:
            names = "\0".join(n for n in names.split("\0") if n and any(
                n == sp or n.startswith(sp.rstrip("/") + "/") or fnmatch.fnmatchcase(n, sp) for sp in specs))
    else:
        names = _git(gitdir, top, "diff-tree", "-r", "-z", "--name-only", "--no-renames", "--no-textconv",
                     "--no-ext-diff", "--diff-filter=ACMRT", frm, to)
    if names is None:
        if _from_elsewhere(an, to):
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
            text = _git(gitdir, top, "cat-file", "blob", f"{to}:{name}")
            if text is None or len(text) > 64_000:
                an.r.add("dynamic", f"git writes {name[:60]} from {to[:40]}, shell code the guard cannot read")
            else:
                an.line(text, 1, posixpath.dirname(posixpath.join(base, name)))


def _index(an: Analyzer, gitdir: str, top: str, cwd: str) -> None:
    names = _git(gitdir, top, "ls-files", "-z", "--cached")
    for name in [n for n in (names or "").split("\0") if n][:MAX_FILES]:
        an.written_name(posixpath.join(top, name), None, f"git checkout-index writes {name[:60]} from the index")


def _local(an: Analyzer, word: str, cmd: SimpleCommand) -> bool:
    """Whether a fetch's or pull's source is a repository or bundle on this machine (not a URL or a remote's name)."""
    if "://" in word and not word.startswith("file:"):
        return False
    return word in (".", "..") or word.startswith(("/", "./", "../", "~", "file:")) or word.endswith(".bundle") or \
        os.path.exists(an.paths.resolve(word, cmd.cwd))


def _from_elsewhere(an: Analyzer, rev: str) -> bool:
    return "brings" in an.__dict__.get("git_subs", ()) or rev.upper().startswith(("FETCH_HEAD", "MERGE_HEAD"))


def _resolves(gitdir: str, top: str, rev: str) -> bool:
    if rev.startswith("-") or "$" in rev or "`" in rev:
        return False
    return bool(_git(gitdir, top, "rev-parse", "-q", "--verify", "--end-of-options", f"{rev}^{{tree}}"))


def _in_repo(an: Analyzer, path: str, cwd: str, top: str) -> str:
    full = an.paths.resolve(path, cwd)
    return posixpath.relpath(full, top) if full == top or full.startswith(top + "/") else path


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


def _git(gitdir: str, top: str, *args: str) -> str | None:
    """The output of a git plumbing command on the repository, None when it fails, hangs or the repository cannot be
    read. The object store only is read: no hook, filter, pager, fsmonitor or textconv runs for these."""
    env = dict(_ENV, GIT_DIR=gitdir, GIT_WORK_TREE=top, GIT_CEILING_DIRECTORIES=posixpath.dirname(top))
    try:
        done = subprocess.run(["git", "--no-pager", *_SAFE, *args], env=env, cwd=top, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")
