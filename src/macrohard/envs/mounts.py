"""Host mounts of a workspace and who owns them: mount/umount syscalls, the reaper, owner records.

A state directory records its owner (``owner.json``: pid, the pid's start time, the boot id)
before anything is mounted in it, so a later process can tell a live run from a dead one (a pid
may be reused; a start time and boot id may not) and remove what a dead one left mounted.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

_libc = ctypes.CDLL(None, use_errno=True)
MNT_DETACH = 2
MS_RDONLY = 1
MS_BIND = 4096
MS_SHARED = 1 << 20


def mount(source: str, target: str, fstype: str, options: str, flags: int = 0) -> None:
    # a direct syscall: the mount(8) binary would cost a fork+exec (~2 ms) per layer
    if _libc.mount(source.encode(), target.encode(), fstype.encode(), flags, options.encode()) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {fstype} on {target}: {os.strerror(err)}")


def umount(target: str | Path) -> None:
    if _libc.umount2(str(target).encode(), MNT_DETACH) != 0:
        err = ctypes.get_errno()
        if err not in (22, 2):  # EINVAL: not a mount point; ENOENT: gone already
            raise OSError(err, f"umount {target}: {os.strerror(err)}")


def mount_points(under: str | Path) -> list[str]:
    """Mount points at or below ``under`` (from /proc/self/mountinfo), deepest first."""
    root = os.path.realpath(under)
    found = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        point = line.split(" ")[4].replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n") \
            .replace("\\134", "\\")
        if point == root or point.startswith(root + "/"):
            found.append(point)
    return sorted(set(found), key=len, reverse=True)


def unmount_all(under: str | Path) -> list[str]:
    """Detach every mount at or below ``under``; return the mount points removed."""
    removed = []
    for point in mount_points(under):
        umount(point)
        removed.append(point)
    return removed


class _Reaper:
    """One small process per Python process that unmounts our layers if we die without closing them.

    Host mounts outlive a killed process. The reaper reads mount points from a pipe only we hold;
    when the pipe ends (the kernel closes it when we die) it lazily unmounts every one still there.
    Shared by all sandboxes of the process, so a sandbox start costs a pipe write, not a process.
    A reaper killed too leaves the mounts: ``macrohard runs recover`` removes them.
    """

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()

    def watch(self, *paths: Path) -> None:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                script = 'while IFS= read -r p; do set -- "$@" "$p"; done; for p; do umount -l "$p"; done'
                self.proc = subprocess.Popen(["/bin/sh", "-c", script], stdin=subprocess.PIPE,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             start_new_session=True, cwd="/")
            assert self.proc.stdin is not None
            self.proc.stdin.write("".join(f"{p}\n" for p in paths).encode())
            self.proc.stdin.flush()

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid


reaper = _Reaper()


# -- owners -----------------------------------------------------------------------------------------


def boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _start_ticks(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rpartition(")")[2].split()  # after the command's name, which may hold spaces and parentheses
    try:
        return int(fields[19])  # field 22: start time in clock ticks after boot
    except (IndexError, ValueError):
        return None


def owner_record(pid: int | None = None) -> dict[str, Any]:
    """Who is running this: the process, when it started, and the boot it started in."""
    pid = pid or os.getpid()
    return {"pid": pid, "start": _start_ticks(pid), "boot_id": boot_id()}


def owner_alive(owner: dict[str, Any] | None) -> bool | None:
    """Whether the recorded owner still runs; ``None`` when nothing was recorded (cannot tell)."""
    if not owner or not owner.get("pid"):
        return None
    if owner.get("boot_id") and owner["boot_id"] != boot_id():
        return False
    ticks = _start_ticks(int(owner["pid"]))
    if ticks is None:
        return False
    return owner.get("start") is None or ticks == owner["start"]


def write_owner(state: Path, **extra: Any) -> None:
    state.mkdir(parents=True, exist_ok=True)
    tmp = state / ".owner.json.tmp"
    tmp.write_text(json.dumps({**owner_record(), **extra}))
    os.replace(tmp, state / "owner.json")


def read_owner(state: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((state / "owner.json").read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
