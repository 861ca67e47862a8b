"""A process's fatal signal, told at the next start: a run whose process died of one says which, and what to look at.

A process that SIGBUS or SIGSEGV kills cannot say anything itself (no handler survives a fault it returns to), so
``watch`` points Python's ``faulthandler`` at a file of its own in the data dir (``fatal/PID-START.txt``, named as
``run.meta["owner"]`` records the process); a clean exit removes it. ``told`` reads it for a dead run's owner when
recovery marks the run ``crashed``. Before (rel39): a run store whose -shm was made unwritable mid-run killed the
process with SIGBUS, and the next start said only "ended without closing the run (killed, or the machine stopped)".
"""

from __future__ import annotations

import atexit
import faulthandler
import os
import time
from pathlib import Path
from typing import Any

from macrohard.envs.mounts import owner_alive, owner_record

FOLDER = "fatal"
_SIGNALS = {"Bus error": "SIGBUS", "Segmentation fault": "SIGSEGV", "Aborted": "SIGABRT",
            "Floating point exception": "SIGFPE", "Illegal instruction": "SIGILL"}


def _name(owner: dict[str, Any]) -> str:
    return f"{owner.get('pid')}-{owner.get('start')}.txt"


def watch(home: Path) -> None:
    """Write this process's fatal error, if it has one, where ``told`` finds it. Nothing when faulthandler is on
    already (pytest, PYTHONFAULTHANDLER: the user chose where it writes) or the data dir cannot be written."""
    if faulthandler.is_enabled():
        return
    folder = home / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep(folder)
        path = folder / _name(owner_record())
        fh = open(path, "w")  # noqa: SIM115  (open until the process ends: the handler writes it then)
    except OSError:
        return
    _reserve(fh.fileno())
    faulthandler.enable(file=fh, all_threads=False)
    _open["fh"] = fh

    def done() -> None:
        faulthandler.disable()
        fh.close()
        if not _open.get("noted"):  # a note (``note``) stays for the recovery of the run this process left
            path.unlink(missing_ok=True)

    atexit.register(done)


_open: dict[str, Any] = {}  # this process's file (``watch``): "fh", and "noted" once ``note`` wrote to it
RESERVED = 4096  # bytes kept for a note on a disk that fills later (``_reserve``)
NOTE = "Stopped: "
NOTE_KEPT_S = 7 * 86400


def _reserve(fd: int) -> None:
    """Keep ``RESERVED`` bytes of the disk for this file without growing it (fallocate, FALLOC_FL_KEEP_SIZE): a note
    written when the disk is full (``note``) lands in blocks already held. Nothing where the call is not offered."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)  # the process's own libc: no library search at every start
        libc.fallocate(ctypes.c_int(fd), ctypes.c_int(1), ctypes.c_long(0), ctypes.c_long(RESERVED))
    except (OSError, AttributeError):
        pass


def note(why: str) -> None:
    """This process stops for ``why`` (the run store's disk is full): said where ``told`` finds it, so that a run
    this process could not close is recorded with it. rel50b: before, such a run was recorded as "ended without
    closing the run (killed, or the machine stopped)" — the full disk, what the user had been told, was lost."""
    fh = _open.get("fh")
    if fh is None:
        return
    try:
        # straight to the file, not through its buffer: a write the disk refuses leaves nothing for close to retry
        os.write(fh.fileno(), (NOTE + " ".join(why.split())[:RESERVED // 2] + "\n").encode(errors="replace"))
        _open["noted"] = True
    except (OSError, ValueError):
        pass


def _sweep(folder: Path) -> None:
    """Empty files of processes that are gone (killed: nothing fatal to tell)."""
    for path in folder.glob("*.txt"):
        pid, _, start = path.stem.partition("-")
        try:
            stat = path.stat()
            # a note (``note``) of a process gone a week ago that left no run to recover: nothing will read it
            stale = stat.st_size and time.time() - stat.st_mtime > NOTE_KEPT_S and path.read_text(
                errors="replace").startswith(NOTE)
            if (stat.st_size == 0 or stale) and pid.isdigit() and not owner_alive(
                    {"pid": int(pid), "start": int(start) if start.isdigit() else None}):
                path.unlink()
        except OSError:
            continue


def told(home: Path, owner: dict[str, Any] | None) -> str:
    """What killed the process ``owner`` records, in words with what to look at; "" when it left nothing."""
    if not owner or not owner.get("pid"):
        return ""
    path = home / FOLDER / _name(owner)
    try:
        text = path.read_text(errors="replace")
        path.unlink()
    except OSError:
        return ""
    line = next((line for line in text.splitlines() if line.startswith("Fatal Python error")), "")
    if not line:
        stopped = next((line for line in text.splitlines() if line.startswith(NOTE)), "")
        return f"stopped without closing the run: {stopped.removeprefix(NOTE).strip()}" if stopped else ""
    what = line.removeprefix("Fatal Python error:").strip()
    signal = _SIGNALS.get(what, "")
    said = f"died of a fatal error: {what}" + (f" ({signal})" if signal else "")
    if signal == "SIGBUS":
        said += (": a file it had mapped was made unwritable or cut short while it ran, most often the run store's "
                 "runs.db-shm (chattr +i, a read-only remount, a full or vanished filesystem under MACROHARD_HOME); "
                 "make the store's files writable again (`lsattr`, `chattr -i`, `ls -l`)")
    return said
