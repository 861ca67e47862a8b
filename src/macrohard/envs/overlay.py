"""Copy-on-write workspaces: the sandbox writes an upper layer, the lower directory is never modified.

As root the kernel's overlayfs is mounted on the host (so the host-side file tools and the sandbox
see the same tree), with the upper layer on a size-limited tmpfs: that is the workspace disk limit,
and reset is "unmount, mount a fresh layer" — milliseconds whatever the size of the lower tree.
Where overlayfs cannot be mounted (not root), the lower tree is copied instead (``cp -a``, with
reflinks where the filesystem has them), and the disk limit is not enforced (recorded as such).

Layout of a state directory: ``manifest.json``, ``changes.json`` and ``blobs/`` (see
``changes.py``), ``layer/`` (tmpfs: ``upper/``, ``work/``), ``view/`` (a shared bind mount that
the sandbox binds) with ``view/ws/`` (the overlay: the workspace),
``copy/`` (copy mode's workspace), ``snaps/`` (snapshots of the upper layer or of the copy).
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import threading
import uuid
from pathlib import Path

from macrohard.envs.changes import Change, ChangeStore, apply_changes, scan_tree

_libc = ctypes.CDLL(None, use_errno=True)
MNT_DETACH = 2
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


def _cp(src: Path, dest: Path) -> None:
    """``cp -a`` keeps what overlay layers hold (whiteout devices, xattrs) and reflinks where it can."""
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-a", "--reflink=auto", f"{src}/.", str(dest)], check=True, capture_output=True)


def _empty(path: Path) -> None:
    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


class _Reaper:
    """One small process per Python process that unmounts our layers if we die without closing them.

    Host mounts outlive a killed process. The reaper reads mount points from a pipe only we hold;
    when the pipe ends (the kernel closes it when we die) it lazily unmounts every one still there.
    Shared by all sandboxes of the process, so a sandbox start costs a pipe write, not a process.
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


_reaper = _Reaper()


class LayeredWorkspace:
    """A writable view of ``lower`` whose changes stay in this run's state directory."""

    def __init__(self, state_dir: str | Path, lower: str | Path, *, disk_mb: int | None = None,
                 mode: str = "auto") -> None:
        self.state = Path(state_dir)
        self.lower = Path(lower).resolve()
        self.disk_mb = disk_mb
        self.wanted = mode  # auto, overlay or copy
        self.mode = ""  # what was used: overlay or copy
        self.disk_limit = "none"
        self.changes = ChangeStore(self.state)
        self.problem = ""
        self._view_mounted = False
        self._copy_mounted = False

    @property
    def layer(self) -> Path:
        return self.state / "layer"

    @property
    def upper(self) -> Path:
        return self.layer / "upper"

    @property
    def view(self) -> Path:
        """What the sandbox binds: a shared mount, so a new layer mounted under it reaches a running sandbox."""
        return self.state / ("view" if self.mode == "overlay" else "copy")

    @property
    def path(self) -> Path:
        """The workspace directory (the same path inside the sandbox and on the host)."""
        return self.view / "ws" if self.mode == "overlay" else self.state / "copy"

    # -- lifecycle -------------------------------------------------------------------------------

    def open(self) -> None:
        if not self.lower.is_dir():
            raise FileNotFoundError(f"{self.lower} is not a directory")
        self.state.mkdir(parents=True, exist_ok=True)
        self.changes.write_manifest(scan_tree(self.lower))
        if self.wanted in ("auto", "overlay"):
            try:
                self._mount()
                self.mode = "overlay"
                return
            except OSError as exc:
                self._unmount(view=True)
                self.problem = f"overlayfs unavailable ({exc.strerror}); the source was copied instead"
                if self.wanted == "overlay":
                    raise
        self.mode = "copy"
        copy = self.state / "copy"
        copy.mkdir(exist_ok=True)
        # a size-limited filesystem of its own where we may mount one: the workspace disk limit
        try:
            _reaper.watch(copy)
            mount("macrohard", str(copy), "tmpfs", f"size={self.disk_mb or 4096}m,mode=0755")
            self._copy_mounted = True
            self.disk_limit = f"tmpfs copy size={self.disk_mb or 4096} MiB"
        except OSError:
            self.problem += "; the copy is on the host's filesystem (no tmpfs: not root), so the disk limit is not enforced"
        _cp(self.lower, copy)

    def _mount(self, populate: Path | None = None) -> None:
        if any(ch in str(self.lower) for ch in ",:\\"):
            raise OSError(22, "the lower directory's path has characters overlayfs options cannot carry")
        view = self.state / "view"
        _reaper.watch(view / "ws", self.layer, view)
        if not self._view_mounted:  # (os.path.ismount cannot see a bind mount within one filesystem)
            view.mkdir(exist_ok=True)
            mount(str(view), str(view), "", "", MS_BIND)
            self._view_mounted = True
            mount("", str(view), "", "", MS_SHARED)
        self.layer.mkdir(exist_ok=True)
        if self.disk_mb is not None:
            mount("macrohard", str(self.layer), "tmpfs", f"size={self.disk_mb}m,mode=0755")
            self.disk_limit = f"tmpfs layer size={self.disk_mb} MiB"
        self.upper.mkdir(exist_ok=True)
        if populate is not None:
            _cp(populate, self.upper)
        (self.layer / "work").mkdir(exist_ok=True)
        merged = view / "ws"
        merged.mkdir(exist_ok=True)
        mount("overlay", str(merged), "overlay",
              f"lowerdir={self.lower},upperdir={self.upper},workdir={self.layer / 'work'},"
              "redirect_dir=off,metacopy=off")

    def _unmount(self, *, view: bool = False) -> None:
        umount(self.state / "view" / "ws")
        umount(self.layer)
        if view and self._view_mounted:
            umount(self.state / "view")
            self._view_mounted = False

    def close(self) -> list[Change]:
        """Record the change set, then drop the layers (the recorded blobs stay)."""
        changes: list[Change] = []
        try:
            if self.mode:
                changes = self.changes.record(self.path, self.lower)
        finally:
            if self.mode == "overlay":
                self._unmount(view=True)
                shutil.rmtree(self.layer, ignore_errors=True)
                shutil.rmtree(self.state / "view", ignore_errors=True)
            elif self.mode == "copy":
                if self._copy_mounted:
                    umount(self.state / "copy")
                    self._copy_mounted = False
                shutil.rmtree(self.state / "copy", ignore_errors=True)
            shutil.rmtree(self.state / "snaps", ignore_errors=True)
            self.mode = ""
        return changes

    def commit(self, changes: list[Change]) -> int:
        """Write the recorded changes into the lower directory (for runs that own it)."""
        return apply_changes(self.changes, self.lower, changes)

    # -- snapshots ---------------------------------------------------------------------------------

    def snapshot(self) -> str:
        snap_id = uuid.uuid4().hex[:12]
        _cp(self.upper if self.mode == "overlay" else self.path, self.state / "snaps" / snap_id)
        return snap_id

    def restore(self, snap_id: str) -> None:
        snap = self.state / "snaps" / snap_id
        if not snap.is_dir():
            raise KeyError(f"no snapshot {snap_id!r}")
        if self.mode == "overlay":  # a fresh layer filled from the snapshot, then mounted
            self._unmount()
            if self.disk_mb is None:
                shutil.rmtree(self.layer)
            self._mount(populate=snap)
        else:
            _empty(self.path)
            _cp(snap, self.path)

    def reset(self) -> None:
        """Back to the lower tree as it was (the sandbox's processes must be gone)."""
        if self.mode == "overlay":
            self._unmount()
            if self.disk_mb is None:
                shutil.rmtree(self.layer)
            self._mount()
        else:
            _empty(self.path)
            _cp(self.lower, self.path)
