"""A second solution tried from the run's starting state, apart from the run (issue 18: a claim grounded in
execution, not in the model's opinion).

``Scratch`` wraps the run's own environment, guard and context. ``begin()`` (before the first step) keeps a
snapshot of the workspace and a fingerprint of its files. ``changes()`` is what the run has changed since. ``try_from_start``
puts the workspace back to the start (``Environment.restore``), runs other actions there, reads what *they* changed,
and puts the run's own state back. Every one of those actions goes through ``Guard.authorize`` like a step of the
run (the approval is verified by the environment before it acts, ``envs/admit.py``); a denied or failed action ends
the try with no answer. Nothing of the try is shown to the model; the guard's audit log records its verdicts.

A fingerprint is the workspace's files (path -> kind, permission bits, sha256 of the content with trailing
whitespace ignored, or a link's target), ``.git`` left out: its objects carry times and differ between two equal
commits. ``git_changed`` says whether ``.git`` changed at all (then a comparison of the files says nothing about
the repository, and callers abstain).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 64 * 1024 * 1024  # a workspace larger than this is not fingerprinted (no answer)


@dataclass
class Changes:
    """What changed against the start: ``files`` path -> new fingerprint (``None``: deleted)."""

    files: dict[str, tuple[Any, ...] | None] = field(default_factory=dict)
    git_changed: bool = False


def fingerprint(root: str) -> tuple[dict[str, tuple[Any, ...]], str] | None:
    """The files under ``root`` (``.git`` apart) and a digest of ``.git``'s refs, index and HEAD; None when too big."""
    files: dict[str, tuple[Any, ...]] = {}
    git = hashlib.sha256()
    total = 0
    for top, dirs, names in os.walk(root):
        dirs.sort()
        rel_top = os.path.relpath(top, root)
        in_git = rel_top == ".git" or rel_top.startswith(".git" + os.sep)
        for name in sorted(names) + [d for d in dirs if os.path.islink(os.path.join(top, d))]:
            path = os.path.join(top, name)
            rel = os.path.normpath(os.path.join(rel_top, name))
            try:
                st = os.lstat(path)
                if stat.S_ISLNK(st.st_mode):
                    entry: tuple[Any, ...] = ("link", os.readlink(path))
                elif stat.S_ISREG(st.st_mode):
                    total += st.st_size
                    if total > MAX_BYTES:
                        return None
                    if in_git:
                        if rel in (".git/HEAD", ".git/index") or rel.startswith(".git/refs/"):
                            git.update(rel.encode() + b"\0" + _content(path, strip=False) + b"\0")
                        continue
                    entry = ("file", stat.S_IMODE(st.st_mode), hashlib.sha256(_content(path)).hexdigest())
                else:
                    continue
            except OSError:
                continue
            if not in_git:
                files[rel] = entry
        if not in_git:
            for d in dirs:
                if rel_top == "." and d == ".git":
                    continue
                full = os.path.join(top, d)
                if not os.path.islink(full):
                    files[os.path.normpath(os.path.join(rel_top, d)) + "/"] = ("dir", stat.S_IMODE(os.lstat(full).st_mode))
    return files, git.hexdigest()


def _content(path: str, *, strip: bool = True) -> bytes:
    with open(path, "rb") as f:
        data = f.read()
    return data.rstrip() if strip else data


def diff(before: tuple[dict[str, tuple[Any, ...]], str], after: tuple[dict[str, tuple[Any, ...]], str]) -> Changes:
    old, new = before[0], after[0]
    files: dict[str, tuple[Any, ...] | None] = {p: v for p, v in new.items() if old.get(p) != v}
    files.update({p: None for p in old if p not in new})
    return Changes(files=files, git_changed=before[1] != after[1])


class Scratch:
    """Tries actions from the run's starting state through the run's guard (see the module doc)."""

    def __init__(self, env: Any, guard: Any, ctx: Any) -> None:
        self.env, self.guard, self.ctx = env, guard, ctx
        self._start: str | None = None
        self._before: tuple[dict[str, tuple[Any, ...]], str] | None = None
        self.tries = 0

    def begin(self) -> bool:
        """Keep the starting state; False when this environment cannot (then nothing is ever tried)."""
        try:
            self._start = self.env.snapshot()
            self._before = fingerprint(self.env.workspace)
        except (NotImplementedError, OSError, KeyError):
            self._start = self._before = None
        return self.ready

    @property
    def ready(self) -> bool:
        return self._start is not None and self._before is not None

    def changes(self) -> Changes | None:
        """What the run has changed since ``begin``."""
        if not self.ready:
            return None
        now = fingerprint(self.env.workspace)
        return None if now is None or self._before is None else diff(self._before, now)

    def run_apart(self, action: Any) -> str | None:
        """Run one typed action from the run's *current* state, only as the guard approved it, and put that state
        back after: what it printed, or None (denied, failed, or no snapshot). A second count of the model's own
        (``models/local_recount.py``) runs here, so nothing it does stays in the run's workspace."""
        if not self.ready:
            return None
        self.tries += 1
        here = self.env.snapshot()
        try:
            authorization = self.guard.authorize(action, self.ctx, env=self.env)
            if authorization.approved is None:
                return None
            observation = self.env.execute(authorization.approved)
            return None if observation.error else str(observation.output)
        finally:
            self.env.restore(here)

    def try_from_start(self, actions: list[Any]) -> Changes | None:
        """Run ``actions`` (typed actions) from the starting state, each only as the guard approved it; what they
        changed, or None (denied, failed, or no starting state). The run's own state is put back after."""
        if not self.ready or self._start is None or self._before is None:
            return None
        self.tries += 1
        here = self.env.snapshot()
        try:
            self.env.restore(self._start)
            for action in actions:
                authorization = self.guard.authorize(action, self.ctx, env=self.env)
                if authorization.approved is None:
                    return None
                observation = self.env.execute(authorization.approved)
                if observation.error:
                    return None
            now = fingerprint(self.env.workspace)
            return None if now is None else diff(self._before, now)
        finally:
            self.env.restore(here)
