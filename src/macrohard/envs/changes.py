"""What a run changed in its workspace: manifests, change sets, unified diffs, applying them.

A *manifest* records every file of a directory tree (type, mode, size, mtime, sha256) when a run
starts. At the end the run's workspace is compared with it (files whose size, mtime and mode are
unchanged are not hashed again, as git does) and the changed files' contents are kept as blobs,
so ``runs diff`` and ``runs apply`` work long after the sandbox is gone. ``apply`` refuses when a
file the run changed was also changed in the source since the run started: a conflict report
names each one. ``.git`` is neither recorded nor written, at any depth and as a directory or a file (a
``gitdir:`` pointer): commit the applied changes yourself.
"""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from macrohard.errors import UserError
from macrohard.safety.readings import python_coding, wide_text

# rt43: only the top's .git was skipped. A run with --write-back set core.fsmonitor in a repository one level down
# (proj/.git/config), or wrote a top-level .git *file* pointing at a repository it made; written back, the host ran
# the agent's command at the person's next `git status` there (or at their prompt's), outside the sandbox.
SKIP_DIRS = {".git"}


class FileState(BaseModel):
    """One file or symlink of a tree."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["file", "link"]
    sha256: str
    mode: int = 0o644
    size: int = 0
    mtime_ns: int = 0
    target: str | None = None  # a symlink's target


class Change(BaseModel):
    """One path the run added, modified or deleted."""

    model_config = ConfigDict(extra="forbid")

    path: str
    status: Literal["added", "modified", "deleted"]
    old: FileState | None = None
    new: FileState | None = None


class ApplyConflict(UserError):
    """The source changed since the run started, where the run changed it too."""


def _hash_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def file_state(path: str, known: FileState | None = None,
               hasher: Callable[[str], str] | None = None) -> FileState | None:
    """The state of ``path`` (not following a final symlink); ``None`` if absent or not a file.

    ``hasher`` hashes a file whose content must be read (default: sha256 of its bytes)."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISLNK(st.st_mode):
        target = os.readlink(path)
        return FileState(type="link", sha256=hashlib.sha256(target.encode()).hexdigest(), mode=0o777,
                         size=len(target), target=target)
    if not stat.S_ISREG(st.st_mode):
        return None
    mode = stat.S_IMODE(st.st_mode)
    if known is not None and known.type == "file" and (known.size, known.mtime_ns, known.mode) == (st.st_size, st.st_mtime_ns, mode):
        return known
    return FileState(type="file", sha256=(hasher or _hash_file)(path), mode=mode, size=st.st_size,
                     mtime_ns=st.st_mtime_ns)


def written_mode(mode: int) -> int:
    """The mode a recorded file is written with on the host: its permission bits, less set-user-id, set-group-id,
    sticky and write for others.

    rt49b: `chmod u+s,g+s` of a copy of bash, `os.chmod(f, 0o4755)` in Python and `tar xpf` of an archive of setuid
    files are nothing the guard asks about inside the sandbox (the files are the run's own), but the recorded mode
    was written back as it was: a set-user-id shell owned by the person (by root, when root ran it) in their folder,
    which any user of the machine runs as them; likewise `chmod 777` made their script anyone's to change."""
    return stat.S_IMODE(mode) & 0o775


def looks_like_git_dir(path: str) -> bool:
    """Whether git would take ``path`` for a repository's own folder (a bare repository, or a ``.git`` by another
    name): ``HEAD``, ``refs/`` and ``objects/`` (or a ``commondir`` file), as git's ``is_git_directory`` checks. Git run
    anywhere inside it uses its ``config`` (``core.worktree`` + ``core.fsmonitor`` ran at ``git status``, rt44)."""
    join, lexists = os.path.join, os.path.lexists
    return (lexists(join(path, "HEAD")) and lexists(join(path, "refs"))
            and (lexists(join(path, "objects")) or lexists(join(path, "commondir"))))


GIT_DIR_ENTRIES = frozenset({"HEAD", "config", "objects", "refs", "hooks", "info", "logs", "worktrees", "modules",
                             "commondir", "packed-refs", "index", "description", "branches", "shallow", "rr-cache",
                             "gitdir", "reftable"})


def _git_entry(name: str) -> bool:
    return name in GIT_DIR_ENTRIES or name.endswith("_HEAD") or name.startswith("config.")


def scan_tree(root: str | Path, previous: dict[str, FileState] | None = None,
              hasher: Callable[[str], str] | None = None,
              seen: Callable[[int], None] | None = None) -> dict[str, FileState]:
    """Every file and symlink under ``root`` by relative path (``.git`` skipped at every depth, a directory, file or
    symlink: git's settings and hooks run programs on the host; so is a folder laid out as a repository's own,
    ``looks_like_git_dir``, whatever its name); ``seen(n)`` as it goes."""
    previous = previous or {}
    found: dict[str, FileState] = {}
    root = str(root)
    # the top laid out as a repository's own folder: git's entries are left out, the person's other files are not
    top_is_git_dir = looks_like_git_dir(root)
    for dirpath, dirnames, filenames in os.walk(root, onerror=_unreadable):
        rel_dir = os.path.relpath(dirpath, root)
        keep = []
        for name in dirnames:
            if name in SKIP_DIRS:
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                filenames.append(name)  # a symlink to a directory is recorded, never followed
            elif not looks_like_git_dir(os.path.join(dirpath, name)):
                keep.append(name)
        dirnames[:] = keep
        if top_is_git_dir and rel_dir == ".":
            dirnames[:] = [d for d in dirnames if not _git_entry(d)]
        for name in filenames:
            if name in SKIP_DIRS or (top_is_git_dir and rel_dir == "." and _git_entry(name)):
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            state = file_state(os.path.join(dirpath, name), previous.get(rel), hasher)
            if state is not None:
                found[rel] = state
                if seen is not None:
                    seen(len(found))
    return found


def _unreadable(exc: OSError) -> None:
    """A directory that cannot be listed fails the record (kept for ``runs recover``) instead of being recorded
    as empty: a layer whose disk filled up answers EIO/EBADMSG here, and "no changes" would lose them silently.
    A directory the agent made unreadable (chmod 000, copy mode without root) is still left out."""
    if not isinstance(exc, (PermissionError, FileNotFoundError, NotADirectoryError)):
        raise exc


def bytecode_cache(path: str) -> bool:
    """Python's bytecode caches (``__pycache__/…``, ``*.pyc``, ``*.pyo``): never part of a change set. rt51 held them
    back after a write-back (Python runs a planted one in place of the source it is named for), which every run that
    imported a workspace module met at close; Python makes them again from the source, so none is recorded at all:
    neither written back, nor shown, nor held (rt52)."""
    parts = path.split("/")
    return parts[-1].endswith((".pyc", ".pyo")) or "__pycache__" in parts[:-1]


def compare(before: dict[str, FileState], after: dict[str, FileState]) -> list[Change]:
    changes = []
    for path in sorted(before.keys() | after.keys()):
        if bytecode_cache(path):
            continue
        old, new = before.get(path), after.get(path)
        if old is None and new is not None:
            changes.append(Change(path=path, status="added", new=new))
        elif new is None and old is not None:
            changes.append(Change(path=path, status="deleted", old=old))
        elif old is not None and new is not None and (old.type, old.sha256, old.mode) != (new.type, new.sha256, new.mode):
            changes.append(Change(path=path, status="modified", old=old, new=new))
    return changes


class ChangeStore:
    """A run's recorded start manifest and change set, under its sandbox state directory."""

    def __init__(self, state_dir: str | Path) -> None:
        self.dir = Path(state_dir)
        self.blobs = self.dir / "blobs"

    @property
    def manifest_path(self) -> Path:
        return self.dir / "manifest.json"

    def write_manifest(self, manifest: dict[str, FileState]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        data = {k: v.model_dump(exclude_none=True) for k, v in manifest.items()}
        self.manifest_path.write_text(json.dumps(data))

    def manifest(self) -> dict[str, FileState]:
        return {k: FileState.model_validate(v) for k, v in json.loads(self.manifest_path.read_text()).items()}

    def record(self, workspace: str | Path, lower: str | Path,
               progress: Callable[[int, int, int], None] | None = None) -> list[Change]:
        """Compare ``workspace`` with the start manifest; keep old and new contents of changed files as blobs.

        One read per changed file: a file whose content must be hashed is copied into the blobs as
        it is hashed. Resumable: a blob is written under a temporary name and renamed once
        complete, and ``changes.json`` is written last (atomically), so a record cut short is
        simply run again. ``progress(done, total, bytes)``: while the tree is scanned ``total`` is
        0 (files seen so far); then changed files kept against their number.
        """
        manifest = self.manifest()
        self.blobs.mkdir(parents=True, exist_ok=True)
        kept: dict[str, int] = {}  # blobs written by this record: sha256 -> bytes
        copied = [0]

        def hash_and_keep(path: str) -> str:
            sha256, size = self._copy_hashing(Path(path))
            kept[sha256] = size
            copied[0] += size
            return sha256

        def seen(count: int) -> None:
            if progress is not None:
                progress(count, 0, copied[0])

        changes = compare(manifest, scan_tree(workspace, manifest, hash_and_keep, seen))
        wanted = {state.sha256 for c in changes for state in (c.old, c.new) if state is not None}
        for sha256 in set(kept) - wanted:  # touched but unchanged: no need to keep a copy
            (self.blobs / sha256).unlink(missing_ok=True)
        total, done, size = len(changes), 0, sum(kept[h] for h in set(kept) & wanted)
        for change in changes:
            state = change.old  # the new contents were kept while scanning
            if state is not None and state.type == "file" and not (self.blobs / state.sha256).exists():
                try:
                    size += self._copy_hashing(Path(lower) / change.path, expect=state.sha256)[1]
                except OSError:  # gone, or not a regular file any more: the source's copy cannot be kept
                    pass
            done += 1
            if progress is not None:
                progress(done, total, size)
        data = json.dumps([c.model_dump(exclude_none=True) for c in changes])
        tmp = self.dir / ".changes.json.tmp"
        tmp.write_text(data)
        os.replace(tmp, self.dir / "changes.json")
        return changes

    def _copy_hashing(self, path: Path, expect: str | None = None) -> tuple[str, int]:
        """Copy ``path`` into the blobs while hashing it; its sha256 and the bytes kept (0 if not ``expect``ed)."""
        tmp = self.blobs / f".new.{os.getpid()}.{threading.get_ident()}.tmp"
        digest = hashlib.sha256()
        size = 0
        try:
            with open(path, "rb", buffering=0) as src, open(tmp, "wb") as dest:
                while chunk := src.read(1 << 20):
                    digest.update(chunk)
                    dest.write(chunk)
                    size += len(chunk)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        sha256 = digest.hexdigest()
        if expect is not None and sha256 != expect:  # changed since it was recorded: not that content
            tmp.unlink()
            return sha256, 0
        os.replace(tmp, self.blobs / sha256)
        return sha256, size

    @property
    def recorded(self) -> bool:
        return (self.dir / "changes.json").exists()

    def changes(self) -> list[Change]:
        path = self.dir / "changes.json"
        if not path.exists():
            raise UserError(f"no change set was recorded in {self.dir}: the run did not close its workspace "
                            "(it may still be running, or it was killed: `macrohard runs recover` records a dead "
                            "run's changes)")
        return [Change.model_validate(c) for c in json.loads(path.read_text())]

    def content(self, state: FileState | None, source: Path, path: str) -> bytes | None:
        """The bytes of a file state: a recorded blob, a symlink's target, or the source's copy."""
        if state is None:
            return None
        if state.type == "link":
            return (state.target or "").encode()
        blob = self.blobs / state.sha256
        if blob.exists():
            return blob.read_bytes()
        candidate = source / path
        if file_state(str(candidate)) is not None and _hash_file(str(candidate)) == state.sha256:
            return candidate.read_bytes()
        return None


def _same(a: FileState | None, b: FileState | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (a.type, a.sha256) == (b.type, b.sha256)


def conflicts(store: ChangeStore, source: Path, changes: list[Change]) -> list[str]:
    """Paths the run changed whose source copy changed since the run started (already-applied ones excepted)."""
    found = []
    for change in changes:
        now = file_state(str(source / change.path))
        if _same(now, change.old) or _same(now, change.new):
            continue
        was = "absent" if change.old is None else "present"
        now_text = "deleted" if now is None else ("created" if change.old is None else "modified")
        found.append(f"{change.path}: {now_text} in the source since the run started (was {was}); "
                     f"the run {change.status} it")
    return found


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """An exclusive lock on ``directory`` (flock): two runs never check and write the same one at once."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def apply_changes(store: ChangeStore, source: Path, changes: list[Change]) -> int:
    """Write ``changes`` into ``source``; raise ``ApplyConflict`` (writing nothing) on any conflict.

    The check and the writes hold a lock on ``source``, so of two runs applying over the same
    file, the second sees the first's result and reports the conflict.
    """
    with locked(source):
        return _apply(store, source, changes)


def _apply(store: ChangeStore, source: Path, changes: list[Change]) -> int:
    found = conflicts(store, source, changes)
    if found:
        raise ApplyConflict("the source changed since the run started; nothing was applied:\n  "
                            + "\n  ".join(found) + "\nresolve these files (or start a new run from the current source)")
    written = 0
    for change in changes:
        target = source / change.path
        now = file_state(str(target))
        if change.new is None:
            if now is not None:
                target.unlink()
                written += 1
            continue
        if now is not None and (now.type, now.sha256) == (change.new.type, change.new.sha256) and now.mode == change.new.mode:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.macrohard-tmp")
        if change.new.type == "link":
            os.symlink(change.new.target or "", tmp)
        else:
            blob = store.blobs / change.new.sha256
            if blob.exists():
                shutil.copyfile(blob, tmp)  # in the kernel (sendfile / copy_file_range), not through Python
            else:
                data = store.content(change.new, source, change.path)
                if data is None:
                    raise UserError(f"the recorded content of {change.path} is missing from {store.blobs}")
                tmp.write_bytes(data)
            os.chmod(tmp, written_mode(change.new.mode))
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(tmp, target)
        written += 1
    return written


def _has_nul(data: bytes | None) -> bool:
    return data is not None and b"\x00" in data[:8192]


def patch_bytes(diff: str) -> bytes:
    """``unified_diff``'s text as the bytes of a patch: a file's bytes that are not UTF-8 written back as they were."""
    return diff.encode("utf-8", "surrogateescape")


def _is_binary(data: bytes | None) -> bool:
    if data is None:
        return False
    if b"\x00" in data[:8192]:
        return True
    try:
        data.decode()
    except UnicodeDecodeError:
        return True
    return False


def _mode(state: FileState | None) -> str:
    if state is None:
        return ""
    if state.type == "link":
        return "120000"
    return "100755" if state.mode & 0o111 else "100644"


def _as_read(data: bytes | None) -> str | None:
    """``data`` decoded as Python reads it (by its coding line, else UTF-8), or None when that fails."""
    if data is None:
        return ""
    try:
        return data.decode(python_coding(data) or "utf-8")
    except (UnicodeDecodeError, LookupError, ValueError):
        return None


def _nul_text(data: bytes | None) -> str | None:
    """A file with NUL bytes as text, when it is text but for them (or UTF-16): what a shell or interpreter reads."""
    if data is None:
        return ""
    if (wide := wide_text(data)) is not None and "\ufffd" not in wide:
        return wide.removeprefix("\ufeff")
    try:
        data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return None
    return data.decode("utf-8")


def _lines(text: str) -> list[str]:
    return [line for line in re.split("(?<=\n)", text) if line]


def _text_sides(out: list[str], start: int, path: str, old: bytes | None, new: bytes | None,
                as_read: bool) -> tuple[str, str]:
    """A text file's two sides as a diff shows them, and the note ``out`` gets at ``start`` on how they are read."""
    codings = sorted({c for c in (python_coding(old), python_coding(new)) if c})
    read = [_as_read(data) for data in (old, new)] if codings and as_read else [None, None]
    if codings and None not in read:
        out.insert(start, f"# {path} has a coding line ({', '.join(codings)}): shown decoded that way, as "
                          "Python reads it\n")
        return read[0] or "", read[1] or ""
    # rt49b: a file that is not UTF-8 (a latin-1 coding line) was "Binary files … differ", applied unread.
    # Its lines are shown; a byte that is not UTF-8 is kept as a lone surrogate: written back as itself in
    # a patch (``patch_bytes``), as \xNN on a terminal (``cli.changes.shown``)
    if _is_binary(old) or _is_binary(new):
        out.insert(start, f"# {path} is not UTF-8 text: a patch keeps its bytes as they are; a "
                          "terminal shows each byte that is not UTF-8 as \\xNN (unless a coding line "
                          "decodes it)\n")
    if codings:
        out.insert(start, f"# {path} has a coding line ({', '.join(codings)}): Python reads it decoded "
                          "that way, not as its bytes read here: look at it with `macrohard runs diff` on a "
                          "terminal\n")
    return (old or b"").decode("utf-8", "surrogateescape"), (new or b"").decode("utf-8", "surrogateescape")


def unified_diff(store: ChangeStore, source: Path, changes: list[Change], *, as_read: bool = False) -> str:
    """A git-style unified diff of ``changes`` (``git apply`` accepts it for text files).

    ``as_read`` (for a person's eyes, not a patch): a file whose coding line names another codec than UTF-8 is shown
    decoded as Python reads it (rt49c: ``# coding: utf-7`` hides a line of code in what reads as a comment)."""
    out: list[str] = []
    for change in changes:
        a, b = f"a/{change.path}", f"b/{change.path}"
        start = len(out)
        out.append(f"diff --git {a} {b}\n")
        if change.status == "added":
            out.append(f"new file mode {_mode(change.new)}\n")
        elif change.status == "deleted":
            out.append(f"deleted file mode {_mode(change.old)}\n")
        elif _mode(change.old) != _mode(change.new):
            out.append(f"old mode {_mode(change.old)}\nnew mode {_mode(change.new)}\n")
        old = store.content(change.old, source, change.path)
        new = store.content(change.new, source, change.path)
        if change.old is not None and old is None:
            out.append(f"# the original of {change.path} is gone: the source changed since the run started\n")
            continue
        if (change.old and change.new and change.old.sha256 == change.new.sha256):
            continue  # a mode change only
        read_nul = [_nul_text(data) for data in (old, new)] if as_read and (_has_nul(old) or _has_nul(new)) else None
        if read_nul is not None and None not in read_nul:
            # rt50: a script with a NUL byte (dash and bash past its first line drop it and run the rest; perl, tcl
            # and node read on) or in UTF-16 (perl runs it) was "Binary files … differ": applied unread
            out.insert(start, f"# {change.path} holds NUL bytes (shown as \\x00) or is UTF-16 text: shown as the "
                              "shells and interpreters read it; a patch carries it as binary\n")
            before_text, after_text = read_nul[0] or "", read_nul[1] or ""
        elif _has_nul(old) or _has_nul(new):
            out.append(f"Binary files {a if old is not None else '/dev/null'} and "
                       f"{b if new is not None else '/dev/null'} differ\n")
            sides = [f"{side} {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}"
                     for side, data in (("before", old), ("after", new)) if data is not None]
            out.append(f"# {change.path} is binary: {'; '.join(sides)}\n")
            continue
        else:
            before_text, after_text = _text_sides(out, start, change.path, old, new, as_read)
        # lines end at "\n" only, as git's do (str.splitlines also ends one at a form feed, \x1c-\x1e or U+2028:
        # a patch of such a file said "No newline at end of file" in its middle)
        before = _lines(before_text)
        after = _lines(after_text)
        for line in difflib.unified_diff(before, after, a if old is not None else "/dev/null",
                                         b if new is not None else "/dev/null"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
