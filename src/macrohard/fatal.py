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
    faulthandler.enable(file=fh, all_threads=False)

    def done() -> None:
        faulthandler.disable()
        fh.close()
        path.unlink(missing_ok=True)

    atexit.register(done)


def _sweep(folder: Path) -> None:
    """Empty files of processes that are gone (killed: nothing fatal to tell)."""
    for path in folder.glob("*.txt"):
        pid, _, start = path.stem.partition("-")
        try:
            if path.stat().st_size == 0 and pid.isdigit() and not owner_alive(
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
        return ""
    what = line.removeprefix("Fatal Python error:").strip()
    signal = _SIGNALS.get(what, "")
    said = f"died of a fatal error: {what}" + (f" ({signal})" if signal else "")
    if signal == "SIGBUS":
        said += (": a file it had mapped was made unwritable or cut short while it ran, most often the run store's "
                 "runs.db-shm (chattr +i, a read-only remount, a full or vanished filesystem under MACROHARD_HOME); "
                 "make the store's files writable again (`lsattr`, `chattr -i`, `ls -l`)")
    return said
