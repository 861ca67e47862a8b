"""Opening a file the run may have made, for the guard to read, without ever waiting on it.

``open()`` of a named pipe blocks until a writer comes: ``mkfifo package.json`` (or ``.git/config``,
``requirements.txt``, a program) before a command whose review reads that file held the review forever. Here the
file is opened without blocking and checked on the open descriptor, so nothing can be swapped in between; a pipe or
a device raises ``OSError``, which every reader already treats as a file it could not read. Not read is not safe,
though: a pipe gives the program whatever a writer puts in it when it runs (``mkfifo x.pkl`` then ``pickle.load`` with a
pickle written in the background), so the review that met one notes it (``watching``) and asks about the command.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO, Any

_MET: ContextVar[list[str] | None] = ContextVar("macrohard_guard_pipes_met", default=None)


@contextmanager
def watching() -> Iterator[list[str]]:
    """The paths of the pipes and devices ``open_regular`` refused while the block ran (one review)."""
    met: list[str] = []
    token = _MET.set(met)
    try:
        yield met
    finally:
        _MET.reset(token)


def note(path: str) -> None:
    """A file a reader would not read because it is a pipe or a device: the review under ``watching`` asks."""
    met = _MET.get()
    if met is not None:
        met.append(path)


def text_of(path: str, limit: int = 256_000) -> str:
    """A regular file's text, at most ``limit`` characters; "" for one that cannot be read, a pipe or a device (noted,
    so the review that met it asks)."""
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as f:
            return f.read(limit)
    except OSError:
        return ""


def bytes_of(path: str, limit: int = 64 << 20) -> bytes | None:
    """A regular file's first ``limit`` bytes; None for one that is missing or cannot be read, a pipe or a device
    (noted, so the review that met it asks)."""
    try:
        with open_regular(path, "rb") as f:
            return f.read(limit)
    except OSError:
        return None


def open_regular(path: str, mode: str = "r", **kwargs: Any) -> IO[Any]:
    """``open(path, mode, **kwargs)`` for reading, refused (``OSError``) unless ``path`` is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            note(path)
            raise OSError(errno.EINVAL, "not a regular file: the guard does not read pipes or devices", path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise
