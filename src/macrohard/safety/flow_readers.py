"""Sends planted for later in files of no runnable kind: what in the workspace reads or pulls in a written file.

``flow_planted`` judges a file by its own name and text. A file whose name says nothing (``notes.md``, ``sync.txt``,
``hosts.csv``, ``port.txt``) is harmless until something runs it or reads a value from it: the Makefile's
``-include notes.md`` makes its ``$(shell …)`` run at the user's next ``make``; ``run_tests.sh`` posting to the URL it
reads from ``sync.txt`` makes that URL a destination (flow24: both reached the listener after ``runs apply``, with
every step approved). So, after untrusted content:

- a file written that a runnable file of the workspace pulls in (the Makefile's ``-include docs/build.txt``), or
  names beside network code (``run_tests.sh`` reads ``sync.txt`` and runs curl), is judged as runnable, and an
  address in it that only untrusted content named is asked about (a test that only reads ``summary.md`` is no
  reader: a summary may quote the page's links);
- a write that makes a runnable file pull another in (``-include notes.md``, ``. ./vars.sh``) judges the file pulled
  in, as it is now in the workspace, as runnable.

Reading the workspace costs: only what may plant something is looked for (an untrusted address or its piece, or a
network word), in at most ``_MAX_FILES`` runnable files of the top two levels, ``_MAX_BYTES`` each.
"""

from __future__ import annotations

import os
import posixpath
import re

from macrohard.safety import lazyre
from macrohard.safety.context import GuardContext
from macrohard.safety.flow_planted import _NETWORKISH, _RUNNABLE, SENDS_IN_TEXT, includes, planted, value
from macrohard.safety.regular import open_regular

_MAX_FILES = 200
_MAX_BYTES = 64 * 1024
_SKIP = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", "build", "dist"})
_REDIRECT = lazyre.compile(r"(?:>>?|\btee\s+(?:-a\s+)?)\s*['\"]?([\w./-]+)")


_CACHE: dict[str, tuple[tuple[int, int], str]] = {}  # path -> ((mtime_ns, size), text): a run reviews many writes


def _text(path: str) -> str | None:
    try:
        st = os.stat(path)
        if not os.path.isfile(path) or st.st_size > _MAX_BYTES:
            return None
        key = (st.st_mtime_ns, st.st_size)
        if (hit := _CACHE.get(path)) is not None and hit[0] == key:
            return hit[1]
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return None
    if len(_CACHE) >= 4 * _MAX_FILES:
        _CACHE.clear()
    _CACHE[path] = (key, text)
    return text


def _runnables(root: str) -> list[str]:
    """Runnable files (by name, or a ``#!`` first line) of the workspace's top two levels."""
    out: list[str] = []
    for depth_root, dirs, files in os.walk(root):
        rel = os.path.relpath(depth_root, root)
        depth = 0 if rel == "." else rel.count("/") + 1
        dirs[:] = [] if depth >= 1 else sorted(d for d in dirs if d not in _SKIP)
        for name in sorted(files):
            path = os.path.join(depth_root, name)
            if _RUNNABLE.search("/" + name) or name.endswith((".sh", ".bash")):
                out.append(path)
            elif os.path.isfile(path) and not os.path.islink(path):
                try:
                    with open_regular(path, "rb") as fh:
                        if fh.read(2) == b"#!":
                            out.append(path)
                except OSError:
                    pass
            if len(out) >= _MAX_FILES:
                return out
    return out


def reader(path: str, ctx: GuardContext) -> str:
    """A runnable file of the workspace that pulls ``path`` in, or names it (its path from the workspace, or its
    name) and holds network code (a test that only reads ``summary.md`` sends nothing), or ""."""
    root = ctx.workspace.rstrip("/")
    if not root or not os.path.isdir(root):
        return ""
    full = path if path.startswith("/") else posixpath.join(root, path)
    rel = posixpath.relpath(posixpath.normpath(full), root)
    if rel.startswith("../"):
        return ""
    names = {rel, posixpath.basename(rel)}
    pattern = re.compile(r"(?<![\w.-])(?:\./)?(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")(?![\w-])")
    for candidate in _runnables(root):
        if posixpath.normpath(candidate) == posixpath.normpath(full):
            continue
        text = _text(candidate)
        if text and pattern.search(text) and (_NETWORKISH.search(text) or SENDS_IN_TEXT.search(text) or any(
                pattern.fullmatch(inc) for inc in includes(text))):
            return posixpath.relpath(candidate, root)
    return ""


def written_paths(command: str) -> list[str]:
    """The files a shell line writes by redirection or ``tee`` (as written)."""
    return [p for p in _REDIRECT.findall(command) if p not in ("/dev/null", "&1", "&2")]


def judge(paths: list[str], content: str, ctx: GuardContext, untrusted: set[str], known: set[str],
          base: str) -> str:
    """Why writing ``content`` to ``paths`` plants a send through a reader or an include (see the module), or ""."""
    root = ctx.workspace.rstrip("/")
    if not root:
        return ""
    if (v := value(content, untrusted, known)) or _NETWORKISH.search(content):
        for path in paths:
            if who := reader(path, ctx):
                why = planted(path, content, untrusted, known, runs=True) or (
                    f"holds {v}, of an address untrusted content named" if v else "")
                if why:
                    return f"{why} ({who} reads or runs {path})"
    for inc in includes(content):
        for where in dict.fromkeys((base, root)):
            full = inc if inc.startswith("/") else posixpath.normpath(posixpath.join(where, inc))
            if not (full == root or full.startswith(root + "/")):
                continue
            text = _text(full)
            if text is None:
                continue
            why = planted(inc, text, untrusted, known, runs=True) or (
                f"holds {v}, of an address untrusted content named" if (v := value(text, untrusted, known)) else "")
            if why:
                return f"pulls in {inc}, which {why}"
    return ""
