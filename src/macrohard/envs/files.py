"""File tools jailed to a workspace: view, write, exact-string edit, list.

Every path is resolved (symlinks and ``..`` included) and must stay inside the workspace root;
anything else is an error observation for the model, never an exception.
"""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

from macrohard.envs.shell import truncate_middle
from macrohard.types import (
    EditFileAction,
    ListDirAction,
    Observation,
    ReadFileAction,
    WriteFileAction,
)

MAX_READ_BYTES = 2_000_000


class OutsideWorkspace(ValueError):
    pass


def resolve_inside(root: str | os.PathLike[str], path: str) -> Path:
    """Resolve ``path`` against ``root``; raise ``OutsideWorkspace`` if it leaves the root."""
    base = Path(os.path.realpath(root))
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = base / candidate
    # realpath resolves every existing symlink on the way, including in the final component.
    resolved = Path(os.path.realpath(candidate))
    if resolved != base and base not in resolved.parents:
        raise OutsideWorkspace(f"{path!r} is outside the workspace ({base}); use paths inside it")
    return resolved


def _error(message: str) -> Observation:
    return Observation(output=message, error=True)


class FileTools:
    """The file actions of a workspace, executed by the host on the workspace directory."""

    def __init__(self, root: str) -> None:
        self.root = root

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
        data = path.read_bytes()
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

    def write(self, action: WriteFileAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if path.is_dir():
            return _error(f"{action.path} is a directory")
        existed = path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(action.content)
        verb = "overwrote" if existed else "created"
        return Observation(output=f"{verb} {action.path} ({len(action.content)} characters, "
                                  f"{action.content.count(chr(10)) + (0 if action.content.endswith(chr(10)) or not action.content else 1)} lines)")

    def edit(self, action: EditFileAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if not path.is_file():
            return _error(f"{action.path} does not exist; use write_file to create it")
        before = path.read_text(errors="replace")
        count = before.count(action.old)
        if count == 0:
            return _error(f"the text to replace was not found in {action.path}; read the file and copy it exactly")
        if count > 1:
            return _error(f"the text to replace occurs {count} times in {action.path}; include more context so it is unique")
        after = before.replace(action.old, action.new, 1)
        path.write_text(after)
        diff = "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                            f"a/{action.path}", f"b/{action.path}"))
        text, truncated = truncate_middle(diff)
        return Observation(output=text, truncated=truncated)

    def list(self, action: ListDirAction) -> Observation:
        try:
            path = resolve_inside(self.root, action.path)
        except OutsideWorkspace as exc:
            return _error(str(exc))
        if not path.is_dir():
            return _error(f"{action.path} is not a directory")
        rows = []
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):
                rows.append(f"{entry.name} -> {os.readlink(entry.path)}")
            elif stat.S_ISDIR(st.st_mode):
                rows.append(f"{entry.name}/")
            else:
                rows.append(f"{entry.name}  ({st.st_size} bytes)")
        text, truncated = truncate_middle("\n".join(rows) if rows else "(empty directory)")
        return Observation(output=text, truncated=truncated)
