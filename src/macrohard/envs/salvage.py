"""What a dead run left in its state directory: remove its mounts, record its change set, measure it.

A run's upper layer is on disk (``overlay.py``), so when its process died before closing the
workspace, the files its agent wrote are still there: in the disk image ``layer.img`` or the plain
``layer/`` directory. ``salvage`` detaches whatever is still mounted, mounts the layer read-only,
stacks it over the lower directory (``lowerdir=upper:lower``: the upper's whiteouts still hide
deleted files) and records the change set exactly as a normal close would. Idempotent: a state
whose ``changes.json`` exists is only unmounted. ``leftovers`` lists what ``runs gc`` may free.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from macrohard.envs import diskimage
from macrohard.envs.cgkill import empty
from macrohard.envs.changes import ChangeStore
from macrohard.envs.mounts import MS_RDONLY, mount, owner_record, read_owner, umount, unmount_all

# in a sandbox's state directory while its changes are written back (``Sandbox.close``): a run killed then is
# looked at by ``recovery.recover`` although its change set was recorded
WRITING_BACK = "writing-back"

# speed50b: the open sandboxes of a data dir (``$MACROHARD_HOME/sandboxes/.open/<run id>``, each holding its opener's
# owner record). A sandbox is marked when its layers open and unmarked once its close recorded its change set (and
# wrote it back), so ``recovery.recover`` reads the marks, not every folder under ``sandboxes/`` (0.67 s a run with
# 4,512 finished folders). ``INDEXED`` says the marks are complete: a data dir from before them is scanned once.
OPEN_MARKS = ".open"
INDEXED = ".indexed"


def open_mark(state: Path) -> Path | None:
    """The mark of a state directory in its data dir's index; None for one that is not in a ``sandboxes/`` folder
    (a direct caller's own state directory: nothing scans it)."""
    return state.parent / OPEN_MARKS / state.name if state.parent.name == "sandboxes" else None


def mark_open(state: Path) -> None:
    """Mark ``state`` open (before its owner is recorded: a sandbox is never open unmarked)."""
    mark = open_mark(state)
    if mark is None:
        return
    mark.parent.mkdir(parents=True, exist_ok=True)
    tmp = mark.parent / f".{state.name}.tmp"
    tmp.write_text(json.dumps(owner_record()))
    os.replace(tmp, mark)


def settled(state: Path) -> bool:
    """Whether ``state``'s change set is recorded and nothing is being written back: nothing left to recover."""
    return (state / "changes.json").exists() and not (state / WRITING_BACK).exists()


def mark_closed(state: Path) -> None:
    """Unmark ``state`` once it is ``settled``."""
    mark = open_mark(state)
    if mark is not None and settled(state):
        try:
            mark.unlink(missing_ok=True)
        except OSError:  # a data dir made read-only: the next recovery drops the mark (its owner gone)
            pass


@dataclass
class Salvaged:
    """What ``salvage`` did to one state directory."""

    state: str
    unmounted: list[str] = field(default_factory=list)
    cgroups: list[str] = field(default_factory=list)  # the dead sandbox's cgroups, removed
    recorded: bool = False  # the change set was recorded now
    changes: dict[str, int] | None = None
    note: str = ""


def _image_in_use(image: Path) -> bool:
    """Whether a loop device still serves ``image`` (a mount of it is alive somewhere)."""
    target = os.path.realpath(image)
    for backing in Path("/sys/block").glob("loop*/loop/backing_file"):
        try:
            if backing.read_text().strip().removesuffix(" (deleted)") == target:
                return True
        except OSError:
            continue
    return False


RELEASE_WAIT = 5.0  # seconds


def _released(image: Path, within: float) -> bool:
    """Whether ``image``'s loop device lets it go within ``within`` seconds. Mounts are detached lazily (ours in
    `unmount_all`, the mount reaper's `umount -l`) and the kernel clears the loop device only when the detached
    mount is finally torn down, a moment later (seconds on a loaded machine): checked once, straight after the
    unmount, the image looked held and nothing was recorded."""
    deadline = time.monotonic() + within
    while _image_in_use(image):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True


def _remove_cgroups(state: Path) -> list[str]:
    """Kill what is left in the dead sandbox's cgroups and remove them."""
    try:
        dirs = [Path(d) for d in json.loads((state / "cgroups.json").read_text())]
    except (OSError, ValueError):
        return []
    empty([d for d in dirs if d.is_dir()])  # cgroup.kill where it exists: a dead sandbox's bomb cannot outrun it
    removed = []
    for group in dirs:
        for _ in range(200):
            try:
                group.rmdir()
                removed.append(str(group))
                break
            except FileNotFoundError:
                break
            except OSError:  # the last killed processes are still being reaped
                time.sleep(0.01)
    (state / "cgroups.json").unlink(missing_ok=True)
    return removed


def lower_of(state: Path) -> Path | None:
    lower = (read_owner(state) or {}).get("lower")
    return Path(lower) if lower else None


def salvage(state: Path, lower: Path | None = None,
            progress: Callable[[int, int, int], None] | None = None) -> Salvaged:
    """Unmount what ``state`` left mounted and record its change set if it has none yet.

    Call it only for a state whose owner is dead. Holds a lock on ``state`` meanwhile: two
    processes recovering at once do not step on each other (the second waits).
    """
    result = Salvaged(state=str(state))
    fd = os.open(state, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        result.unmounted = unmount_all(state)
        result.cgroups = _remove_cgroups(state)
        store = ChangeStore(state)
        if store.recorded:
            return result
        lower = lower or lower_of(state)
        if lower is None or not store.manifest_path.exists():
            result.note = "nothing to record: the run had not opened its workspace"
            return result
        _record(state, lower, store, result, progress)
    finally:
        os.close(fd)
    return result


def _record(state: Path, lower: Path, store: ChangeStore, result: Salvaged,
            progress: Callable[[int, int, int], None] | None) -> None:
    layer, image, merged = state / "layer", state / "layer.img", state / "recover"
    mounted: list[Path] = []
    try:
        if image.exists():
            if not _released(image, within=RELEASE_WAIT):
                result.note = f"{image} is still mounted by a process that holds it; try again when it has ended"
                return
            if problem := diskimage.check(image):
                result.note = problem
            layer.mkdir(exist_ok=True)
            diskimage.mount_image(image, layer, flags=MS_RDONLY)
            mounted.append(layer)
        if (layer / "upper").is_dir():
            merged.mkdir(exist_ok=True)
            mount("overlay", str(merged), "overlay", f"lowerdir={layer / 'upper'}:{lower}", MS_RDONLY)
            mounted.append(merged)
            workspace = merged
        elif (layer / "copy").is_dir():
            workspace = layer / "copy"
        else:
            result.note = "no layer was left on disk (a run from before durable layers): its files are lost"
            return
        changes = store.record(workspace, lower, progress)
        result.recorded = True
        result.changes = {s: sum(c.status == s for c in changes) for s in ("added", "modified", "deleted")}
    finally:
        for point in reversed(mounted):
            umount(point)
        if merged.exists():
            merged.rmdir()


def disk_bytes(path: Path) -> int:
    """Bytes ``path`` takes on disk (blocks, so a sparse image counts what it holds)."""
    if path.is_symlink() or path.is_file():
        return path.lstat().st_blocks * 512
    total = 0
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


def leftovers(state: Path, *, change_set: bool = False) -> list[tuple[str, Path, int]]:
    """What a closed (or salvaged) state directory still holds that ``runs gc`` may remove.

    Always: the layer (image or directory), the view, snapshots. With ``change_set``, also the
    recorded change set (``runs diff``/``runs apply`` stop working for the run).
    """
    names = [("layer", "layer.img"), ("layer", "layer"), ("view", "view"), ("snapshots", "snaps"),
             ("recovery mount point", "recover")]
    if change_set:
        names += [("change set", "blobs"), ("change set", "changes.json"), ("change set", "manifest.json")]
    return [(what, state / name, disk_bytes(state / name)) for what, name in names if (state / name).exists()]


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
