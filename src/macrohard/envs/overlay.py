"""Copy-on-write workspaces: the sandbox writes an upper layer, the lower directory is never modified.

As root the kernel's overlayfs is mounted on the host (so the host-side file tools and the sandbox
see the same tree). The upper layer is on disk, under the run's state directory, so a killed run
keeps what its agent wrote (``macrohard runs recover`` records it). With a disk limit the layer is
a sparse ext4 image of that size (``diskimage.py``): a full layer answers ENOSPC, never charges the
sandbox's memory. Reset is "unmount, mount a fresh upper directory": milliseconds whatever the size
of the lower tree. Where overlayfs cannot be mounted (not root), the lower tree is copied instead
(``cp -a``, with reflinks where the filesystem has them).

Layout of a state directory: ``owner.json`` (who runs it, ``mounts.py``), ``manifest.json``,
``changes.json`` and ``blobs/`` (``changes.py``), ``layer.img`` (the disk image, when limited),
``layer/`` (the image's mount point, or a plain directory: ``upper/``, ``work/``, or ``copy/`` in
copy mode), ``view/`` (a shared bind mount that the sandbox binds) with ``view/ws/`` (the overlay:
the workspace), ``snaps/`` (snapshots of the upper layer or of the copy).

Closing records the change set first and drops the layer only once ``changes.json`` is written:
an interrupted close leaves everything in place for ``runs recover``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

from macrohard.envs import diskimage
from macrohard.envs.changes import Change, ChangeStore, apply_changes, scan_tree
from macrohard.envs.mounts import MS_BIND, MS_SHARED, mount, reaper, umount, write_owner
from macrohard.envs.salvage import mark_open
from macrohard.errors import DiskFull

Progress = Callable[[int, int, int], None]


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


class LayeredWorkspace:
    """A writable view of ``lower`` whose changes stay in this run's state directory."""

    def __init__(self, state_dir: str | Path, lower: str | Path, *, disk_mb: int | None = None,
                 mode: str = "auto", image_cache: str | Path | None = None) -> None:
        self.state = Path(state_dir)
        self.lower = Path(lower).resolve()
        self.disk_mb = disk_mb
        self.wanted = mode  # auto, overlay or copy
        self.mode = ""  # what was used: overlay or copy
        self.disk_limit = "none"
        self.changes = ChangeStore(self.state)
        self.problem = ""
        # empty ext4 templates, one per size: beside the state directories (the data dir's sandboxes/)
        self.image_cache = Path(image_cache) if image_cache else self.state.parent / ".images"
        self._view_mounted = False
        self._image_mounted = False
        self.start_free_mb = 0

    @property
    def layer(self) -> Path:
        return self.state / "layer"

    @property
    def image(self) -> Path:
        return self.state / "layer.img"

    @property
    def upper(self) -> Path:
        return self.layer / "upper"

    @property
    def view(self) -> Path:
        """What the sandbox binds: a shared mount, so a new layer mounted under it reaches a running sandbox."""
        return self.state / "view" if self.mode == "overlay" else self.layer / "copy"

    @property
    def path(self) -> Path:
        """The workspace directory (the same path inside the sandbox and on the host)."""
        return self.view / "ws" if self.mode == "overlay" else self.layer / "copy"

    # -- lifecycle -------------------------------------------------------------------------------

    def open(self) -> None:
        if not self.lower.is_dir():
            raise FileNotFoundError(f"{self.lower} is not a directory")
        mark_open(self.state)  # speed50b: in the data dir's index of open sandboxes, which recovery reads
        write_owner(self.state, lower=str(self.lower))  # before any mount: a later process can tell whether we still run
        (self.state / "changes.json").unlink(missing_ok=True)
        self.changes.write_manifest(scan_tree(self.lower))
        self._open_layer()
        if self.wanted in ("auto", "overlay"):
            try:
                self._mount_overlay()
                self.mode = "overlay"
                return
            except OSError as exc:
                umount(self.state / "view" / "ws")
                self._unmount_view()
                self.problem = f"overlayfs unavailable ({exc.strerror}); the source was copied instead"
                if self.wanted == "overlay":
                    raise
        self.mode = "copy"
        _cp(self.lower, self.layer / "copy")

    def _open_layer(self) -> None:
        """The layer's backing: a size-limited disk image where we may mount one, else a plain directory."""
        self.layer.mkdir(exist_ok=True)
        if self.disk_mb is None:
            self.disk_limit = "none"
            return
        size = (self.image.stat().st_size >> 20) if self.image.exists() else _fitting(self.disk_mb, self.state)
        if not self._image_mounted:
            try:
                if not self.image.exists():
                    diskimage.create(self.image, size, self.image_cache)
                reaper.watch(self.layer)
                diskimage.mount_image(self.image, self.layer)
                self._image_mounted = True
            except OSError as exc:
                self.image.unlink(missing_ok=True)
                self.problem = (f"no disk image for the workspace ({exc.strerror or exc}); its layer is a plain "
                                "directory, so the disk limit is not enforced")
                return
        self.start_free_mb = shutil.disk_usage(self.state).free >> 20
        self.disk_limit = f"ext4 image size={size} MiB (on disk: ENOSPC when full)"
        if size != self.disk_mb:
            self.disk_limit += f"; {self.disk_mb} MiB asked, but the host disk had too little free space"
        self.disk_limit += f"; the host disk had {self.start_free_mb} MiB free at the start"

    def host_room(self) -> str:
        """"" while the host disk can hold all that the layer's image may still take, else a note that says it cannot.

        The image's size is fixed when the run starts (``_fitting``: half of the host's free space at most), but the
        host disk is shared: another program may fill it during the run. The image's ext4 still believes it has room
        and accepts writes the host cannot store (lost at writeback, found only at the close). So each step looks
        (``statvfs`` and a ``stat``: microseconds): below ``HOST_FLOOR_MB`` free this raises ``DiskFull``, naming
        the disk, what was free at the start and the fix; below what the image may still take it returns a note."""
        if not self._image_mounted:
            return ""
        try:
            free_mb = shutil.disk_usage(self.state).free >> 20
            st = self.image.stat()
        except OSError:
            return ""
        size_mb, used_mb = st.st_size >> 20, (st.st_blocks * 512) >> 20
        may_take = max(0, size_mb - used_mb)
        if free_mb >= may_take:  # the image cannot outgrow the host: a full layer is ENOSPC inside, nothing lost
            return ""
        where = (f"the disk that holds this run's sandbox ({self.state.parent}) has {free_mb} MiB free now "
                 f"({self.start_free_mb} MiB when the run started: another program has been filling it)")
        if free_mb < HOST_FLOOR_MB:
            raise DiskFull(f"{where}; the workspace's layer ({size_mb} MiB image) could still take {may_take} MiB, "
                           "and what it writes past the host's free space would be lost, so the run stops here. "
                           "Free some space on that disk (or set MACROHARD_HOME to a bigger one); the run's changes "
                           "so far are kept: `macrohard runs diff ID`")
        return (f"{where}, less than the {may_take} MiB the workspace's layer may still take ({size_mb} MiB image): "
                f"writing more than {free_mb} MiB may fail or be lost. The run stops if it falls under "
                f"{HOST_FLOOR_MB} MiB; free some space on that disk")

    def _mount_overlay(self, populate: Path | None = None) -> None:
        if any(ch in str(self.lower) for ch in ",:\\"):
            raise OSError(22, "the lower directory's path has characters overlayfs options cannot carry")
        view = self.state / "view"
        reaper.watch(view / "ws", view)
        if not self._view_mounted:  # (os.path.ismount cannot see a bind mount within one filesystem)
            view.mkdir(exist_ok=True)
            mount(str(view), str(view), "", "", MS_BIND)
            self._view_mounted = True
            mount("", str(view), "", "", MS_SHARED)
        self.upper.mkdir(exist_ok=True)
        if populate is not None:
            _cp(populate, self.upper)
        (self.layer / "work").mkdir(exist_ok=True)
        merged = view / "ws"
        merged.mkdir(exist_ok=True)
        mount("overlay", str(merged), "overlay",
              f"lowerdir={self.lower},upperdir={self.upper},workdir={self.layer / 'work'},"
              "redirect_dir=off,metacopy=off")

    def _unmount_view(self) -> None:
        if self._view_mounted:
            umount(self.state / "view")
            self._view_mounted = False

    def _fresh_upper(self, populate: Path | None) -> None:
        """Swap in an empty (or ``populate``d) upper directory; the old one is deleted after."""
        umount(self.state / "view" / "ws")
        trash = self.layer / f".old-{uuid.uuid4().hex[:8]}"
        trash.mkdir()
        for name in ("upper", "work"):
            if (self.layer / name).exists():
                os.rename(self.layer / name, trash / name)
        self._mount_overlay(populate)
        shutil.rmtree(trash, ignore_errors=True)

    def close(self, progress: Progress | None = None) -> list[Change]:
        """Record the change set, then drop the layers (the recorded blobs stay).

        The layer is deleted only once the change set is written: a close cut short (a second
        interrupt, a kill) unmounts and leaves the files for ``runs recover``.
        """
        changes: list[Change] = []
        recorded = not self.mode
        try:
            if self.mode:
                changes = self.changes.record(self.path, self.lower, progress)
            recorded = True
        finally:
            self._teardown(drop=recorded)
            self.mode = ""
        return changes

    def _teardown(self, *, drop: bool) -> None:
        umount(self.state / "view" / "ws")
        self._unmount_view()
        if self._image_mounted:
            umount(self.layer)
            self._image_mounted = False
        if drop:
            for name in ("layer", "view", "snaps"):
                shutil.rmtree(self.state / name, ignore_errors=True)
            self.image.unlink(missing_ok=True)

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
        if self.mode == "overlay":  # a fresh upper filled from the snapshot, then mounted
            self._fresh_upper(snap)
        else:
            _empty(self.path)
            _cp(snap, self.path)

    def reset(self) -> None:
        """Back to the lower tree as it was (the sandbox's processes must be gone)."""
        if self.mode == "overlay":
            self._fresh_upper(None)
        else:
            _empty(self.path)
            _cp(self.lower, self.path)


HOST_RESERVE_MB = 256  # left free on the host disk for the run store and the rest of the machine
HOST_FLOOR_MB = 32  # less free than this on the host during a run, and the layer's next writes may be lost: stop
SMALLEST_IMAGE_MB = 64


def _fitting(disk_mb: int, state: Path) -> int:
    """The image size that the host disk can hold: a sparse image larger than the free space fills the host
    disk first, and the image's ext4 then loses writes it had accepted (I/O errors at writeback, a corrupt
    directory at close: the run's changes lost, found only as "no changes"). Half of what is free beyond a
    reserve, because closing copies the changes into the blobs beside it; a power of two (one template each)."""
    free_mb = shutil.disk_usage(state).free >> 20
    fit = (free_mb - HOST_RESERVE_MB) // 2
    if fit >= disk_mb:
        return disk_mb
    if fit < SMALLEST_IMAGE_MB:
        raise DiskFull(f"the disk that holds the sandboxes ({state.parent}) has {free_mb} MiB free; a run needs at "
                       f"least {HOST_RESERVE_MB + 2 * SMALLEST_IMAGE_MB} MiB there: free some space, or set "
                       "MACROHARD_HOME to a directory on a bigger disk")
    return 1 << (fit.bit_length() - 1)
