"""A size-limited filesystem of its own for a workspace's changes: a sparse ext4 image on a loop device.

Why not tmpfs: a tmpfs lives in memory, so its pages are charged to the sandbox's memory cgroup (a
full "disk" brings the OOM killer instead of ENOSPC) and it vanishes with the mount (a killed run
loses its files). An image file under the run's state directory is on disk: a full image answers
ENOSPC and ``rm`` frees it again, and whatever was written survives a killed process.

The image is sparse (a 2 GiB image of a fresh ext4 takes ~1 MB on disk) and is copied from a
template made once per size with ``mkfs.ext4`` (~20 ms), so a start costs a sparse copy, a loop
device (one ``LOOP_CONFIGURE`` ioctl, direct I/O so the backing file is not cached twice) and a
mount syscall. The loop device is set to clear itself when its last user (the mount) goes.

No journal: what it protects against is a machine that stops (power, kernel panic), where the page
cache is lost anyway; a killed *process* loses nothing, the kernel still writes its pages. Without
one, mounting and unmounting cost a few milliseconds instead of tens under load (measured with
``benchmarks/durable.py``). ``check`` (``e2fsck -p``) repairs an image a machine crash left.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import struct
import subprocess
import threading
from pathlib import Path

LOOP_CTL_GET_FREE = 0x4C82
LOOP_CONFIGURE = 0x4C0A
LOOP_CLR_FD = 0x4C01
LO_FLAGS_AUTOCLEAR = 4
LO_FLAGS_DIRECT_IO = 16
MS_NOATIME = 1024

_libc = ctypes.CDLL(None, use_errno=True)
_template_lock = threading.Lock()


class DiskImageUnavailable(OSError):
    """No loop device or no mkfs.ext4 here: the caller falls back to a plain directory."""


# where Debian keeps mkfs.ext4 and e2fsck: a PATH without them (root's cron has /usr/bin:/bin, `su` keeps the
# user's) found no mkfs.ext4, said e2fsprogs was not installed and ran the workspace without its size limit
SYSTEM_DIRS = "/usr/local/sbin:/usr/sbin:/sbin"


def system_tool(name: str) -> str | None:
    """The absolute path of an administration tool, on PATH or in the system's sbin folders."""
    return shutil.which(name) or shutil.which(name, path=SYSTEM_DIRS)


def available() -> str:
    """Why a disk image cannot be used here, or "" when it can."""
    if os.geteuid() != 0:
        return "not root"
    if not os.path.exists("/dev/loop-control"):
        return "no /dev/loop-control"
    if system_tool("mkfs.ext4") is None:
        return "mkfs.ext4 is not installed (e2fsprogs)"
    return ""


def _template(cache: Path, size_mb: int) -> Path:
    """An empty ext4 image of ``size_mb`` MiB, made once per size and copied for each workspace."""
    path = cache / f"ext4-{size_mb}m-nojournal.img"
    with _template_lock:
        if path.exists():
            return path
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".ext4-{size_mb}m.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.truncate(size_mb << 20)
        mkfs = system_tool("mkfs.ext4") or "mkfs.ext4"
        proc = subprocess.run([mkfs, "-q", "-F", "-m", "0", "-L", "macrohard", "-O", "^has_journal",
                               "-E", "lazy_itable_init=1,nodiscard", str(tmp)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            tmp.unlink(missing_ok=True)
            raise DiskImageUnavailable(errno.EIO, f"mkfs.ext4 failed: {proc.stderr.strip()}")
        os.replace(tmp, path)  # another process may have made one meanwhile: same content
        return path


def sparse_copy(src: Path, dest: Path) -> None:
    """Copy only the data extents of ``src`` (a hole stays a hole)."""
    size = src.stat().st_size
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        fout.truncate(size)
        pos = 0
        while pos < size:
            try:
                start = os.lseek(fin.fileno(), pos, os.SEEK_DATA)
            except OSError as exc:
                if exc.errno == errno.ENXIO:  # only a hole is left
                    break
                raise
            end = os.lseek(fin.fileno(), start, os.SEEK_HOLE)
            os.lseek(fin.fileno(), start, os.SEEK_SET)
            os.lseek(fout.fileno(), start, os.SEEK_SET)
            left = end - start
            while left > 0:
                done = os.copy_file_range(fin.fileno(), fout.fileno(), left)
                if done == 0:
                    break
                left -= done
            pos = end


def create(image: Path, size_mb: int, cache: Path) -> None:
    """A fresh, empty ext4 image at ``image``."""
    if why := available():
        raise DiskImageUnavailable(errno.ENODEV, why)
    sparse_copy(_template(cache, size_mb), image)


def _loop_config(fd: int) -> bytes:
    info = bytearray(232)  # struct loop_info64
    struct.pack_into("=I", info, 52, LO_FLAGS_AUTOCLEAR | LO_FLAGS_DIRECT_IO)  # lo_flags
    return struct.pack("=II", fd, 0) + bytes(info) + bytes(64)  # struct loop_config


def mount_image(image: Path, target: Path, flags: int = 0) -> None:
    """Attach ``image`` to a free loop device and mount its ext4 on ``target``."""
    backing = os.open(image, os.O_RDWR | os.O_CLOEXEC)
    try:
        control = os.open("/dev/loop-control", os.O_RDWR | os.O_CLOEXEC)
        try:
            for _ in range(20):  # another process may take the free device between the two calls
                number = fcntl.ioctl(control, LOOP_CTL_GET_FREE)
                dev = f"/dev/loop{number}"
                try:
                    loop = os.open(dev, os.O_RDWR | os.O_CLOEXEC)
                except FileNotFoundError:
                    os.mknod(dev, 0o660 | 0o060000, os.makedev(7, number))
                    loop = os.open(dev, os.O_RDWR | os.O_CLOEXEC)
                try:
                    try:
                        fcntl.ioctl(loop, LOOP_CONFIGURE, _loop_config(backing))
                    except OSError as exc:
                        if exc.errno == errno.EBUSY:
                            continue
                        if exc.errno != errno.EINVAL:  # EINVAL: direct I/O refused by the backing fs
                            raise
                        config = bytearray(_loop_config(backing))
                        struct.pack_into("=I", config, 8 + 52, LO_FLAGS_AUTOCLEAR)
                        fcntl.ioctl(loop, LOOP_CONFIGURE, bytes(config))
                    if _libc.mount(dev.encode(), str(target).encode(), b"ext4", MS_NOATIME | flags, b"") != 0:
                        err = ctypes.get_errno()
                        fcntl.ioctl(loop, LOOP_CLR_FD)
                        raise OSError(err, f"mount {image} on {target}: {os.strerror(err)}")
                    return
                finally:
                    os.close(loop)  # autoclear: the device is freed when the mount goes
            raise DiskImageUnavailable(errno.EBUSY, "no free loop device")
        finally:
            os.close(control)
    finally:
        os.close(backing)


def check(image: Path) -> str:
    """Repair what a machine crash may have left in ``image`` (``e2fsck -p``); "" when clean or fixed."""
    e2fsck = system_tool("e2fsck")
    if e2fsck is None:
        return ""
    proc = subprocess.run([e2fsck, "-p", str(image)], capture_output=True, text=True)
    # 0: clean, 1: errors corrected; anything else could not be repaired unattended
    return "" if proc.returncode in (0, 1) else f"e2fsck -p {image}: {proc.stdout.strip()} {proc.stderr.strip()}"
