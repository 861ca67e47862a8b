"""The folders a process makes for itself in the temporary directory, and their removal once it is gone.

A run's private folders (the desktop's X socket, the browser's launcher, an environment's own state, an ``/etc``
view, the network proxy's socket) are removed when it closes; a process killed (SIGKILL, the OOM killer, a test's
``killpg``) leaves them for ever: ~4,200 ``macrohard-browser-state-*``, ~970 ``-desktop-state-*`` and ~1,400
``macrohard-etc-*`` in the helpers' machine's /tmp (rel54). Each such folder's name now carries its owner
(``macrohard-KIND-pPID.START.NS-XXXXXXXX``: the process id, its start time, so a reused pid is not taken for the
owner, and its pid namespace, so a container's process sharing /tmp is not judged by our pids), and ``sweep_once`` (once per process, when its first environment is made) removes those of this user whose
owner is gone and under which nothing is mounted. A folder made by an older macrohard, without an owner in its name, is
removed only when no Python process of this machine started before the folder was last changed (its owner, a Python
process, must have been alive when it made it) and nothing is mounted under it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator

from macrohard.envs.mounts import _start_ticks  # a process's start (clock ticks after boot), None when gone

# the prefixes of the folders a process makes for itself (``own_folder``), and of the older ones of the same kinds
KINDS = ("macrohard-browser-state-", "macrohard-desktop-state-", "macrohard-browser-", "macrohard-desktop-",
         "macrohard-sandbox-", "macrohard-oneshot-", "macrohard-etc-", "macrohard-proxy-", "macrohard-npx-prefix-",
         "macrohard-playwright-", "macrohard-replay-", "macrohard-make-", "macrohard-watch-", "macrohard-demo-",
         "macrohard-index-", "macrohard-xauth-")
_OWNED = re.compile(r"^(?:" + "|".join(map(re.escape, KINDS)) + r")p(\d+)\.(\d+)(?:\.(\d+))?-[A-Za-z0-9_]+$")
_swept = threading.Event()
INLINE = 20  # at most this many removed before the run goes on; more in the background


def _pid_namespace() -> int:
    """This process's pid namespace (its inode): a pid names a process only there (a container sharing /tmp has its
    own)."""
    try:
        return os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return 0


def _owner_mark() -> str:
    pid = os.getpid()
    return f"p{pid}.{_start_ticks(pid) or 0}.{_pid_namespace()}-"


def own_folder(prefix: str, dir: str | None = None) -> str:  # noqa: A002 - tempfile's own name for it
    """A new private folder (``mkdtemp``: 0700, a name no one made first) whose name says which process owns it (its
    pid, start time and pid namespace)."""
    return tempfile.mkdtemp(prefix=prefix + _owner_mark(), dir=dir)


@contextlib.contextmanager
def owned_tempdir(prefix: str) -> Iterator[str]:
    """``tempfile.TemporaryDirectory`` with its owner in its name (``own_folder``): removed when the block ends, and
    by the next run's sweep when its process was killed first (rel55: `runs replay`'s and a video's make folders
    were left for ever by a SIGKILL)."""
    folder = own_folder(prefix)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _mounted_under() -> list[str]:
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
            return [line.split()[4].replace("\\040", " ") for line in fh if len(line.split()) > 4]
    except OSError:
        return ["/"]  # unknown: everything counts as mounted, nothing is removed


def _python_starts() -> list[float]:
    """When each live Python process of this machine started (seconds since the epoch)."""
    try:
        with open("/proc/stat", encoding="ascii", errors="replace") as fh:
            boot = next(float(line.split()[1]) for line in fh if line.startswith("btime "))
    except (OSError, StopIteration, ValueError):
        return [0.0]  # unknown: every folder counts as a live process's
    tick = os.sysconf("SC_CLK_TCK")
    starts = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            exe = os.path.basename(os.readlink(f"/proc/{name}/exe"))
        except OSError:
            continue
        ticks = _start_ticks(int(name))
        if exe.startswith("python") and ticks is not None:
            starts.append(boot + ticks / tick)
    return starts


def _dead(name: str, st: os.stat_result, oldest_python: float) -> bool:
    owned = _OWNED.match(name)
    if owned is not None:
        pid, start, space = int(owned.group(1)), int(owned.group(2)), owned.group(3)
        if space is not None and int(space) != _pid_namespace():
            return False  # a process of another pid namespace (a container sharing /tmp): not ours to judge
        return _start_ticks(pid) != start
    # an older macrohard's folder: its owner was a Python process alive when it was last changed
    return st.st_mtime + 2 < oldest_python


def dead_folders(folders: Iterable[str] | None = None) -> list[str]:
    """This user's folders in ``folders`` (default: the temporary directories a run's folders are made in) whose
    owner is gone and under which nothing is mounted."""
    from macrohard.envs import sockdirs

    places = list(folders) if folders is not None else sockdirs.bases(include_tmp=False)
    mounts = _mounted_under()
    starts = _python_starts()
    me = os.getuid()
    oldest = min(starts, default=time.time())
    found = []
    for place in places:
        try:
            names = [n for n in os.listdir(place) if n.startswith(KINDS)]
        except OSError:
            continue
        for name in names:
            path = os.path.join(place, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISDIR(st.st_mode) or st.st_uid != me or not _dead(name, st, oldest):
                continue
            if not any(m == path or m.startswith(path + "/") for m in mounts):  # a layer a failed close left mounted
                found.append(path)
    return found


def remove(paths: Iterable[str]) -> list[str]:
    """Remove each folder (never through a link: ``rmtree``'s own); returns those gone. Each is first renamed as this
    process's own: another process's sweep leaves it alone meanwhile, and if this one is killed half way (an ``/etc``
    view holds ~900 entries) the next sweep takes the rest at once, whatever its time stamps say now."""
    mine = _owner_mark()
    removed = []
    for path in paths:
        place, name = os.path.split(path)
        kind = max((k for k in KINDS if name.startswith(k)), key=len, default="macrohard-sandbox-")
        doomed = os.path.join(place, kind + mine + secrets.token_hex(6))
        try:
            os.rename(path, doomed)
        except OSError:
            continue  # gone already, or another sweep has it
        shutil.rmtree(doomed, ignore_errors=True)
        if not os.path.lexists(doomed):
            removed.append(path)
    return removed


def sweep_once() -> None:
    """Remove the dead processes' folders, once per process: a few at once, many (the first time on a machine with
    thousands left, a second or two) in a background thread."""
    if _swept.is_set():
        return
    _swept.set()
    try:
        dead = dead_folders()
    except OSError:
        return
    if len(dead) <= INLINE:
        remove(dead)
    else:
        threading.Thread(target=remove, args=(dead,), name="macrohard-leftovers", daemon=True).start()
