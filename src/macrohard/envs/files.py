"""File tools jailed to a workspace: view, write, exact-string edit, list.

Every path is resolved (symlinks and ``..`` included) and must stay inside the workspace root;
anything else is an error observation for the model, never an exception.

The sandboxed shell can change the workspace while this process works on it (a background job
swapping a directory for a symlink between our check and our open). So after resolving, files are
opened by walking the resolved path one directory at a time with ``O_NOFOLLOW`` from a descriptor
of the root: a symlink slipped in meanwhile makes the open fail instead of leading outside.
"""

from __future__ import annotations

import difflib
import errno
import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from macrohard.envs.shell import truncate_middle
from macrohard.safety.paths import OutsideWorkspace, resolve_inside
from macrohard.types import (
    EditFileAction,
    ListDirAction,
    Observation,
    ReadFileAction,
    WriteFileAction,
)

MAX_READ_BYTES = 2_000_000


_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def _dir_fd(root: str | os.PathLike[str], directory: Path, *, create: bool = False) -> int:
    """A descriptor of ``directory`` (inside ``root``), reached without following any symlink."""
    base = Path(os.path.realpath(root))
    fd = os.open(base, _DIR_FLAGS)
    try:
        for part in directory.relative_to(base).parts:
            if create:
                try:
                    os.mkdir(part, 0o755, dir_fd=fd)
                except FileExistsError:
                    pass
            next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = next_fd
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_inside(root: str | os.PathLike[str], resolved: Path, flags: int, *, create_parents: bool = False) -> int:
    """Open ``resolved`` (from ``resolve_inside``) with no symlink followed anywhere on the way."""
    parent = _dir_fd(root, resolved.parent, create=create_parents)
    try:
        return os.open(resolved.name, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=parent)
    finally:
        os.close(parent)


def _read_bytes(root: str, path: Path) -> bytes:
    with os.fdopen(open_inside(root, path, os.O_RDONLY), "rb") as fh:
        return fh.read()


def _write_text(root: str, path: Path, text: str) -> None:
    fd = open_inside(root, path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, create_parents=True)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)


_RACE = "changed while it was being opened (a symlink appeared on the way); nothing was done"


def _error(message: str) -> Observation:
    return Observation(output=message, error=True)


def _failed(path: str, exc: OSError) -> Observation:
    """What an OS error on ``path`` means, for the model. Before (rel40) every one read as a symlink race, and those
    met outside the opens (a stat of a 300-byte name: ENAMETOOLONG) crashed the run with a traceback."""
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link: one slipped in since the path was resolved
        return _error(f"{path} {_RACE}")
    if exc.errno == errno.ENAMETOOLONG:
        return _error(f"{path}: a name in it is too long (the file system takes at most 255 bytes a name and 4096 a "
                      "path); use a shorter name; nothing was done")
    if exc.errno == errno.ENOTDIR:
        return _error(f"{path}: a part of it is a file, not a directory, so nothing can be put under it; nothing "
                      "was done")
    return _error(f"{path}: {exc.strerror or exc} ({errno.errorcode.get(exc.errno or 0, 'error')}); nothing was done")


_Tool = TypeVar("_Tool", bound=Callable[..., Observation])


def _os_errors_are_observations(tool: _Tool) -> _Tool:
    """An OS error anywhere in a file tool is an observation for the model (the module's promise), never a crash."""

    @functools.wraps(tool)
    def wrapped(self: Any, action: Any) -> Observation:
        try:
            return tool(self, action)
        except OSError as exc:
            return _failed(action.path, exc)

    return wrapped  # type: ignore[return-value]


class FileTools:
    """The file actions of a workspace, executed by the host on the workspace directory."""

    def __init__(self, root: str) -> None:
        self.root = root

    @_os_errors_are_observations
    def read(self, action: ReadFileAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if path.is_dir():
            return _error(f"{action.path} is a directory; use list_dir")
        if not path.exists():
            return _error(f"{action.path} does not exist")
        if path.stat().st_size > MAX_READ_BYTES:
            return _error(f"{action.path} is {path.stat().st_size} bytes; view a range with bash (sed -n, head)")
        try:
            data = _read_bytes(self.root, path)
        except OSError as exc:
            return _failed(action.path, exc)
        if b"\x00" in data[:8192]:
            return _error(f"{action.path} is a binary file ({len(data)} bytes)")
        lines = data.decode(errors="replace").splitlines()
        start = action.start_line or 1
        end = min(action.end_line or len(lines), len(lines))
        if lines and start > len(lines):
            return _error(f"{action.path} has {len(lines)} lines; start_line {start} is past the end")
        width = len(str(end))
        shown = "\n".join(f"{n:>{width}}\t{lines[n - 1]}" for n in range(start, end + 1))
        text, truncated = truncate_middle(shown)
        if not lines:
            text = f"({action.path} is empty)"
        return Observation(output=text, truncated=truncated, meta={"lines": len(lines)})

    @_os_errors_are_observations
    def write(self, action: WriteFileAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if path.is_dir():
            return _error(f"{action.path} is a directory")
        existed = path.exists()
        try:
            _write_text(self.root, path, action.content)
        except OSError as exc:
            return _failed(action.path, exc)
        verb = "overwrote" if existed else "created"
        return Observation(output=f"{verb} {action.path} ({len(action.content)} characters, "
                                  f"{action.content.count(chr(10)) + (0 if action.content.endswith(chr(10)) or not action.content else 1)} lines)")

    @_os_errors_are_observations
    def edit(self, action: EditFileAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if not path.is_file():
            return _error(f"{action.path} does not exist; use write_file to create it")
        try:
            before = _read_bytes(self.root, path).decode(errors="replace")
        except OSError as exc:
            return _failed(action.path, exc)
        count = before.count(action.old)
        if count == 0:
            return _error(f"the text to replace was not found in {action.path}; read the file and copy it exactly")
        if count > 1:
            return _error(f"the text to replace occurs {count} times in {action.path}; include more context so it is unique")
        after = before.replace(action.old, action.new, 1)
        try:
            _write_text(self.root, path, after)
        except OSError as exc:
            return _failed(action.path, exc)
        diff = "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                            f"a/{action.path}", f"b/{action.path}"))
        text, truncated = truncate_middle(diff)
        return Observation(output=text, truncated=truncated)

    @_os_errors_are_observations
    def list(self, action: ListDirAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if not path.is_dir():
            return _error(f"{action.path} is not a directory")
        rows = []
        try:
            fd = _dir_fd(self.root, path)
        except OSError as exc:
            return _failed(action.path, exc)
        try:
            with os.scandir(fd) as it:
                entries = sorted(it, key=lambda e: e.name)
            stats = [(e.name, os.stat(e.name, dir_fd=fd, follow_symlinks=False)) for e in entries]
            links = {name: os.readlink(name, dir_fd=fd) for name, st in stats if stat.S_ISLNK(st.st_mode)}
        finally:
            os.close(fd)
        for name, st in stats:
            if stat.S_ISLNK(st.st_mode):
                rows.append(f"{name} -> {links[name]}")
            elif stat.S_ISDIR(st.st_mode):
                rows.append(f"{name}/")
            else:
                rows.append(f"{name}  ({st.st_size} bytes)")
        text, truncated = truncate_middle("\n".join(rows) if rows else "(empty directory)")
        return Observation(output=text, truncated=truncated)
