"""What git runs from the repository itself: its hooks and the commands its ``.git/config`` names.

The guard judged hooks and settings when a command put them there (``cp x .git/hooks/``, ``git config
core.pager …``, a ``write_file`` into ``.git``). Other ways in were not judged: ``tar -xf`` of an archive holding
``.git/hooks/pre-commit``, ``patch`` creating one, ``cp -r dir/. .git/``, a script that writes one. So, as
``safety.lookup`` reads the program a name runs, this module reads what a ``git`` command will run when it
runs: every executable hook of the repository (``.git/hooks`` or ``core.hooksPath``; ``*.sample`` are not run)
is judged as the script it is, and each command-valued key of ``.git/config`` (``core.pager``,
``core.fsmonitor``, ``!`` aliases, filters, ``core.hooksPath``, includes …) as ``git config`` would have been.
A hook the guard cannot read (a binary) is only known when it runs.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from macrohard.safety import lazyre
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

_NO_REPO_CODE = frozenset({"init", "clone", "help", "version", "config"})
_GLOBAL_VALUE = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env"})
_SECTION = lazyre.compile(r'^\s*\[\s*([\w.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(.*)$')
_ENTRY = lazyre.compile(r"^\s*([A-Za-z][\w-]*)\s*(?:=\s*(.*))?$")
MAX_HOOKS = 64
# the subcommands that run a repository's hooks
_RUNS_HOOKS = frozenset({"commit", "merge", "rebase", "am", "checkout", "switch", "pull", "push", "cherry-pick", "revert",
                         "worktree", "gc", "maintenance", "send-email", "receive-pack", "applypatch", "p4", "stash"})


def judge(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    at, chdir, gitdir_opt = None, None, None
    for i, a in enumerate(args):
        if i > 0 and args[i - 1] in _GLOBAL_VALUE:
            continue
        if a == "-C" and i + 1 < len(args):
            chdir = args[i + 1]
        if a == "--git-dir" and i + 1 < len(args) or a.startswith("--git-dir="):
            gitdir_opt = a.split("=", 1)[1] if "=" in a else args[i + 1]
        if not a.startswith("-"):
            at = i
            break
    if at is None or args[at] in _NO_REPO_CODE:
        return
    start = an.paths.resolve(chdir or cmd.cwd or ".", cmd.cwd)
    gitdir, top = _repository(an, start)
    if gitdir is None and gitdir_opt is None:
        from macrohard.safety import gitwrites

        inside = any(start == w or start.startswith(w + "/") for w in an.paths.workspaces)
        if inside and (odd := gitwrites._odd_git(start, an.paths.workspaces)):
            an.r.add("dynamic", f"git {args[at]} in a repository the guard cannot read: {odd}; its hooks and "
                                "settings run unread")  # guard22: `.git` a link to a repository in the sandbox's /tmp
            return
        if not inside and start.startswith(("/tmp/", "/var/tmp/")) and args[at] in _RUNS_HOOKS:
            an.r.add("dynamic", f"git {args[at]} in {start[:60]}, a repository in the sandbox's /tmp, which the guard "
                                "cannot read: its hooks run unread; keep the repository in the workspace")
            return
    if gitdir_opt is not None:  # `git --git-dir=other/.git commit`: that repository's hooks and settings
        if "$" in gitdir_opt or "`" in gitdir_opt:
            an.r.add("dynamic", f"git --git-dir {gitdir_opt[:60]}: a repository only known when it runs")
            return
        gitdir = an.paths.resolve(gitdir_opt, start)
        if not any(gitdir == w or gitdir.startswith(w + "/") for w in an.paths.workspaces):
            an.r.add("dynamic", f"git --git-dir {gitdir_opt[:60]}: hooks and settings outside the workspace, "
                                "which the guard cannot read")
            return
    if gitdir is None:
        return
    # guard36: a setting's command judged here may be a git command on the same repository (`alias.st = status`:
    # `git status`), whose review read these settings again, and so on until "nested more than four levels deep"
    # (an ordinary `git st` was refused): they are being judged by the outer call already
    reading = an.__dict__.setdefault("git_settings_reading", set())
    if gitdir in reading:
        return
    reading.add(gitdir)
    try:
        _judge_repository(an, gitdir, top, depth)
        if args[at] in ("push", "send-pack"):
            _receiving(an, args[at + 1:], gitdir, top, depth, reading)
    finally:
        reading.discard(gitdir)


def _receiving(an: Analyzer, rest: list[str], gitdir: str, top: str, depth: int, reading: set[str]) -> None:
    """guard38: a push to a repository on this machine runs that repository's hooks (pre-receive, update,
    post-receive, post-update, proc-receive, push-to-checkout, reference-transaction) and reads its settings: `git
    push r.git HEAD:m` ran r.git/hooks/post-receive, written a step before, unread. The destination (a path, a
    file:// URL, or a remote whose URL is one) is judged as a repository a git command runs in."""
    operands, repo = [], None
    for i, a in enumerate(rest):
        if a.startswith("--repo="):
            repo = a[7:]
        elif a == "--repo" and i + 1 < len(rest):
            repo = rest[i + 1]
        elif not a.startswith("-") and not (i and rest[i - 1] in ("--repo", "-o", "--push-option", "--receive-pack",
                                                                     "--exec")):
            operands.append(a)
    settings = _settings(an, posixpath.join(gitdir, "config"))
    if operands or repo:
        dests = [repo if repo is not None else operands[0]]  # with --repo, the operands are refspecs
    else:  # no destination: the branch's pushRemote/remote, remote.pushDefault, else origin (all judged)
        dests = [v for k, v in settings if k == "remote.pushdefault" or re.fullmatch(r"branch\..*\.(?:push)?remote", k)]
        dests.append("origin")
        # rt50c: `git remote add evil URL` one step, `git config branch.main.pushRemote evil` the next, then a bare
        # `git push`: the repository went to the run's remote, as `git push evil` (refused) would have sent it
        if new := sorted(d for d in dests if d in an.new_remotes):
            an.r.add("exfiltration", f"git push sends the repository to the remote {new[0]!r}, added or re-pointed by "
                                     "this run, which the repository's settings make the push's destination")
    for dest in dict.fromkeys(dests):
        _receiving_one(an, dest, settings, gitdir, top, depth, reading)


def _receiving_one(an: Analyzer, dest: str, settings: list[tuple[str, str]], gitdir: str, top: str, depth: int,
                   reading: set[str]) -> None:
    if "$" in dest or "`" in dest:
        an.r.add("dynamic", f"git push to {dest[:40]}: a destination only known when it runs")
        return
    url = dest
    if re.fullmatch(r"[\w.-]+", dest) and not os.path.isdir(an.paths.resolve(dest, top)):
        urls = [v for k, v in settings if k in (f"remote.{dest}.url", f"remote.{dest}.pushurl")]
        if not urls:
            return
        url = urls[-1]
    if url.startswith("file://"):
        url = url[7:]
    elif "://" in url or re.match(r"[^/]+:", url):
        return  # another machine: its hooks are its own
    where = an.paths.resolve(url, top)
    if not any(where == w or where.startswith(w.rstrip("/") + "/") for w in an.paths.workspaces):
        an.r.add("dynamic", f"git push to {url[:60]}, a repository outside the workspace: its hooks run unread")
        return
    other, other_top = repository(where, an.paths.workspaces, an.paths.resolve)
    if other is None or other in reading or other == gitdir:
        return
    reading.add(other)
    try:
        _judge_repository(an, other, other_top, depth)
    finally:
        reading.discard(other)


def _judge_repository(an: Analyzer, gitdir: str, top: str, depth: int) -> None:
    """The command-valued settings of ``gitdir``'s config and its hooks, judged as what a git command there runs."""
    from macrohard.safety import programs

    # guard38: with extensions.worktreeConfig git reads config.worktree too (`cp c.txt .git/config.worktree` with a
    # core.fsmonitor ran at `git status`, unread)
    settings = _settings(an, posixpath.join(gitdir, "config")) + _settings(an, posixpath.join(gitdir, "config.worktree"))
    hooks_path = None
    for key, value in settings:
        if key == "core.hookspath":
            hooks_path = an.paths.resolve(value, top) if not value.startswith("~") else None
            continue  # where the hooks are: read below
        if programs._GIT_RUNS.fullmatch(key) or programs._GIT_LOADS.fullmatch(key):
            programs.git_setting(an, key, value, depth, top)
        elif key.startswith("remote.") and key.endswith("url"):
            programs.git_ext(an, value.strip(), depth, top)
    hooks = hooks_path or posixpath.join(gitdir, "hooks")
    try:
        names = sorted(os.listdir(hooks))[:MAX_HOOKS]
    except OSError:
        return
    for name in names:
        path = posixpath.join(hooks, name)
        if name.endswith(".sample") or not os.path.isfile(path) or not os.access(path, os.X_OK):
            continue
        try:
            with open_regular(path, "rb") as fh:
                head = fh.read(1024)
        except OSError:
            continue
        if b"\x00" in head:
            an.r.add("dynamic", f"git runs the hook {name}, a program the guard cannot read")
            continue
        if _written_this_run(an, path, hooks):
            an.r.add("persistence", f"git runs the hook {name}, which this run wrote: a hook is code every later git "
                                    "command runs unasked; keep checks in a script the task runs by name")
        an.script(path, top, depth, explicit=True)


def _written_this_run(an: Analyzer, path: str, hooks: str) -> bool:
    """Whether the hook at ``path`` (or the link that put it there, or a hooks folder swapped for a link) changed since
    the run found the workspace ready (the lead's forty-first-wave probe: a hook written by code whose path the guard
    could not read, ``'timmoc-erp/skooh/tig.'[::-1]``, ``'.git'.concat(…)``, a list joined, was approved at every step
    and ran at the commit; the write could not be seen, the hook's age can). Judged by ``ctime``, which the code that
    wrote the file cannot set back (``touch -d`` and ``os.utime`` set ``mtime``); unknown when the environment does not
    say when the run started."""
    from macrohard.safety.native import placed_before_run

    since = an.paths.since
    if since is None:
        return False
    if not placed_before_run(an, path):
        return True
    for link in (path, hooks):  # a link made this run to a file or folder from before it
        try:
            if os.path.islink(link) and os.lstat(link).st_ctime_ns / 1e9 >= since:
                return True
        except OSError:
            continue
    return False


def _repository(an: Analyzer, start: str) -> tuple[str | None, str]:
    """The git directory of the repository ``start`` is in (within the workspace), and its top."""
    return repository(start, an.paths.workspaces, an.paths.resolve)


def repository(start: str, roots: list[str] | tuple[str, ...],
               resolve: Callable[[str, str], str] | None = None) -> tuple[str | None, str]:
    """The git directory of the repository a git command run in ``start`` works on, looked for no higher than the
    folders ``roots`` (the sandbox shows nothing above them), and its top: the nearest ``.git`` folder up; a
    worktree's or submodule's ``.git`` file (``gitdir: PATH``, ``PATH`` made absolute by ``resolve(PATH, here)``,
    lexically if not given); a bare repository (``HEAD``, ``objects``, ``refs`` in the folder itself). ``(None,
    start)`` if none."""
    here = start
    while any(here == w or here.startswith(w.rstrip("/") + "/") for w in roots):
        dot = posixpath.join(here, ".git")
        if os.path.isdir(dot):
            return dot, here
        if os.path.isfile(dot):  # a worktree or submodule: "gitdir: PATH"
            try:
                with open_regular(dot, encoding="utf-8", errors="replace") as fh:
                    line = fh.read(4096).strip()
            except OSError:
                return None, here
            if line.startswith("gitdir:"):
                target = line[7:].strip()
                return (resolve(target, here) if resolve is not None else
                        posixpath.normpath(posixpath.join(here, target))), here
            return None, here
        if all(os.path.isdir(posixpath.join(here, d)) for d in ("objects", "refs")) and \
                os.path.isfile(posixpath.join(here, "HEAD")):  # a bare repository: git reads here/config, here/hooks
            return here, here  # (guard18: `cd r && git -p log` ran r/config's core.pager unread)
        if here in ("/", ""):
            break
        here = posixpath.dirname(here)
    return None, start


def common(gitdir: str) -> str:
    """Where a repository's objects and refs are: a worktree's git directory (``.git/worktrees/NAME``) names the
    main one in its ``commondir`` file; any other is its own."""
    try:
        with open_regular(posixpath.join(gitdir, "commondir"), encoding="utf-8", errors="replace") as fh:
            line = fh.read(4096).strip()
    except OSError:
        return gitdir
    return posixpath.normpath(posixpath.join(gitdir, line)) if line else gitdir


def _settings(an: Analyzer, path: str) -> list[tuple[str, str]]:
    return settings(path)


def settings(path: str) -> list[tuple[str, str]]:
    """``(section.sub.key, value)`` of a git config file (lower-case keys, quotes and escapes read)."""
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(256_000)
    except OSError:
        return []
    out, section = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if m := _SECTION.match(line):
            section = m.group(1).lower() + (f".{m.group(2)}" if m.group(2) is not None else "")
            line = m.group(3).strip()
            if not line:
                continue
        if m := _ENTRY.match(line):
            value = m.group(2) if m.group(2) is not None else "true"
            value = re.sub(r'\s*[#;].*$', "", value) if '"' not in value else value
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            value = value.replace('\\"', '"').replace("\\\\", "\\")
            out.append((f"{section}.{m.group(1).lower()}", value))
    return out
