"""The bubblewrap sandbox: the shell environment with every command inside namespaces.

What the sandbox sees: ``/usr`` (and the ``/bin``, ``/lib`` ... links into it) read-only, a short
allow list of ``/etc`` files (never ``shadow``, ``sudoers``, ssh keys), fresh ``/proc``, a minimal
``/dev``, private tmpfs ``/tmp``, and the workspace — the only writable place, at the same path as
on the host so paths mean the same to the shell, the file tools and the guard. Its own user, pid,
ipc, uts, cgroup and network namespaces; all capabilities dropped; no new user namespaces inside;
``--die-with-parent`` and ``--new-session``. Resource limits come from ``limits.py``, the
copy-on-write workspace from ``overlay.py``, the allow-list proxy from ``netproxy.py``.

The shell keeps one bash open over pipes inside bubblewrap (``shell.py``), so a command costs a
pipe round trip, not a sandbox start. The file tools run in this process on the same workspace
directory, jailed by ``files.py``.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shlex
import shutil
import stat
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from macrohard.envs import landlock, seccomp
from macrohard.envs.changes import ApplyConflict, Change
from macrohard.envs.files import FileTools
from macrohard.envs.leftovers import own_folder
from macrohard.envs.limits import (
    CgroupSet,
    Limits,
    default_limits,
    describe_rlimits,
    memory_note,
    rlimit_pairs,
    ulimit_line,
)
from macrohard.envs.netproxy import RELAY_PORT, HostProxy, relay_script
from macrohard.envs.overlay import LayeredWorkspace
from macrohard.envs.runs_later import named_by_the_tree, needs_content, runs_later
from macrohard.envs.salvage import WRITING_BACK, mark_closed
from macrohard.envs.shell import DEFAULT_ARGV, ShellSession, _popen, _running_below, descendants, find_shell
from macrohard.envs.workspace import WorkspaceEnvironment, _clean_env
from macrohard.errors import DiskFull, SandboxUnavailable
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
from macrohard.types import Observation

NETWORK_MODES = ("none", "loopback", "hosts", "full")
# /etc entries a shell and common tools need; everything else in /etc stays out of the sandbox. Not `gitconfig`: the
# host's system-wide git settings are where CI hosts keep tokens (`http.extraHeader`, `url.*.insteadOf`), rt44
ETC_ALLOW = (
    "passwd", "group", "hosts", "nsswitch.conf", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime",
    "alternatives", "ssl", "ca-certificates", "ca-certificates.conf", "mime.types", "protocols", "services",
    "os-release", "debian_version", "bash.bashrc", "inputrc", "profile", "terminfo", "magic", "magic.mime",
    "python3", "python3.11", "perl", "login.defs", "timezone", "papersize",
    "X11", "fonts", "xdg",  # the desktop: X resources (app-defaults), fontconfig, the window manager's rc
    "java-11-openjdk", "java-17-openjdk", "java-21-openjdk",  # the JDK's java.security: without it javac cannot start
)
PROXY_SOCKET = "/run/macrohard/proxy.sock"
_probed: dict[str, str] = {}


class SandboxConfig(BaseModel):
    """How a sandbox is built."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["bwrap"] = Field(default="bwrap", description="The isolation technology.")
    network: Literal["none", "loopback", "hosts", "full"] = Field(
        default="none", description="none: no network at all; loopback: the sandbox's own loopback only; hosts: "
        "only allow_hosts, through a proxy; full: the host's network.")
    allow_hosts: list[str] = Field(default_factory=list, description="Hosts reachable in hosts mode "
                                   "(example.com, *.example.com, host:443).")
    limits: Limits = Field(default_factory=Limits, description="Resource limits.")
    cow: Literal["auto", "overlay", "copy"] = Field(default="auto", description="How the workspace is layered "
                                                    "over its lower directory: overlayfs, or a copy.")
    bwrap: str = Field(default="bwrap", description="The bubblewrap executable.")


def check_available(bwrap: str = "bwrap") -> str:
    """The bubblewrap path, after one real probe per process; ``SandboxUnavailable`` names the fix."""
    path = shutil.which(bwrap)
    if path is None:
        raise SandboxUnavailable(
            f"bubblewrap ({bwrap}) is not installed, so commands cannot be sandboxed. Install it "
            "(`sudo apt-get install bubblewrap`, `dnf install bubblewrap`, `pacman -S bubblewrap`) "
            "or, knowing the agent then runs on your machine unconfined, pass --no-sandbox.")
    if path not in _probed:
        argv = [path, "--unshare-all", "--unshare-user", "--die-with-parent", "--ro-bind", "/usr", "/usr",
                *_usr_links(), "--proc", "/proc", "--dev", "/dev", "true"]
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        except OSError as exc:
            raise SandboxUnavailable(f"bubblewrap ({path}) cannot run: {exc}. Reinstall it "
                                     "(`sudo apt-get install --reinstall bubblewrap`) or pass --no-sandbox.") from exc
        if proc.returncode != 0:
            raise SandboxUnavailable(
                f"bubblewrap cannot create namespaces here: {proc.stderr.strip() or proc.returncode}. "
                "Allow unprivileged user namespaces (`sudo sysctl -w kernel.unprivileged_userns_clone=1`; on "
                "Ubuntu 24.04+ also `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`), run "
                "inside a container started with namespaces allowed, or pass --no-sandbox.")
        _probed[path] = "ok"
    return path


def _usr_links() -> list[str]:
    args: list[str] = []
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        top = Path("/") / name
        if top.is_symlink():
            args += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            args += ["--ro-bind", str(top), str(top)]
    return args


_etc_view: dict[str, str] = {}
_etc_lock = threading.Lock()


def _everyone_reads(path: str) -> bool:
    """Whether every local user may read ``path`` (a directory: list and enter it). Symlinks are copied as links."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if os.path.islink(path):
        return True
    need = 0o005 if os.path.isdir(path) else 0o004
    return st.st_mode & need == need


def fill_etc_view(view: str, root: str = "/etc", *, strict: bool = False) -> None:
    """Copy the allowed entries of ``root`` into ``view``: only what every local user of the host may read.

    rt43: run as root (a container, a CI runner, a server), the copy took what only root reads into the sandbox,
    whose user is that root in its own namespace: ``/etc/ssl/private`` (the host's TLS keys) was there to ``cat``.
    ``/etc/environment`` (the system-wide variables, where a host's API keys often live) is not on the list.
    ``strict``: an entry that cannot be copied (a full disk, a file unreadable in spite of its mode) raises instead
    of being left out, so that a view shared with later processes is never one cut short (``shared_etc_view``).
    """
    def unreadable(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if not _everyone_reads(os.path.join(folder, n))}

    for name in ETC_ALLOW:
        src, dest = os.path.join(root, name), os.path.join(view, name)
        if not _everyone_reads(src):
            continue
        try:
            if os.path.islink(src):
                os.symlink(os.readlink(src), dest)
            elif os.path.isdir(src):
                shutil.copytree(src, dest, symlinks=True, ignore=unreadable)
            elif os.path.isfile(src):
                shutil.copy2(src, dest)
        except OSError:  # unreadable entries are simply left out of the sandbox
            if strict:
                raise
            continue


def _etc_records(root: str = "/etc") -> list[tuple]:
    """What a view of ``root`` made now would hold, as the host's own records of it: the ``lstat`` of every entry
    ``fill_etc_view`` looks at (the allowed names, and inside each folder it copies every name, kept or left out).
    A file's bytes, mode or owner cannot change without its ctime (and its folder's mtime when a name comes or
    goes), so two equal lists mean the same view."""
    records: list[tuple] = []

    def visit(path: str, rel: str) -> None:
        try:
            st = os.lstat(path)
        except OSError:
            records.append((rel,))
            return
        records.append((rel, st.st_mode, st.st_uid, st.st_gid, st.st_size, st.st_mtime_ns, st.st_ctime_ns,
                        st.st_ino, st.st_dev))
        if stat.S_ISDIR(st.st_mode) and st.st_mode & 0o005 == 0o005:  # a folder every user may list: copied whole
            try:
                names = sorted(os.listdir(path))
            except OSError:
                return
            for name in names:
                visit(os.path.join(path, name), f"{rel}/{name}")

    for name in ETC_ALLOW:
        visit(os.path.join(root, name), name)
    return records


ETC_VIEW_VERSION = 1  # raised when fill_etc_view or the placeholders change what a view holds


def _fill_view(view: str, root: str, *, strict: bool = False) -> None:
    fill_etc_view(view, root, strict=strict)
    for name in ("resolv.conf", "gai.conf"):  # mount points for the host's files in network "full"
        if not os.path.lexists(os.path.join(view, name)):
            open(os.path.join(view, name), "w").close()
    os.chmod(view, 0o755)


def _views_folder() -> Path | None:
    """The cache's folder of ``/etc`` views, or None where it cannot be trusted or made: it must be a real folder
    of this user that no one else may write (the cache is one of the data dirs no run's workspace may hold or lie
    in: ``runner.own_data_dirs``)."""
    from macrohard.safety.embed import cache_dir

    try:
        folder = cache_dir() / "etc-views"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.lstat(folder)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to find the cache in
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022:
        return None
    return folder


def shared_etc_view(root: str = "/etc") -> str | None:
    """The view of ``root`` in the cache, shared by every process of this user on this machine: made by the first
    process that starts a sandbox after ``root`` changed (or ever), found by the others. Named by the host's
    records of what it copies (``_etc_records``), so a changed ``/etc`` gets a view of its own, filtered again as
    ``fill_etc_view`` filters (rt43). Before (suite53), every process made its own: ~900 files and links, 0.2-0.5 s
    of CPU (most of it the kernel's) and up to 2 s of wall on a busy disk, once per ``macrohard`` command, Ray
    worker or server, and removed again at exit (or left in /tmp by a killed one). None where the cache cannot be
    used: the caller makes a view of its own as before."""
    folder = _views_folder()
    if folder is None:
        return None
    key = hashlib.sha256(repr((ETC_VIEW_VERSION, os.path.realpath(root), _etc_records(root))).encode()).hexdigest()
    view = folder / f"v-{key[:32]}"
    if view.is_dir():
        return str(view)
    try:
        building = tempfile.mkdtemp(prefix="building-", dir=folder)
    except OSError:
        return None
    try:
        _fill_view(building, root, strict=True)
        os.rename(building, view)  # whole or not at all; another process's finished first: theirs is the same
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
        if not view.is_dir():
            return None
    _sweep_building(folder)
    return str(view)


def _sweep_building(folder: Path) -> None:
    """Views a killed process left half made (an hour old: no build takes that long)."""
    for left in folder.glob("building-*"):
        try:
            if time.time() - left.stat().st_mtime > 3600:
                shutil.rmtree(left, ignore_errors=True)
        except OSError:
            continue


def etc_view() -> str:
    """A copy of the allowed ``/etc`` entries, bound as the sandbox's ``/etc``: the cache's view shared by this
    user's processes (``shared_etc_view``), looked up once per process; where the cache cannot be used, a copy of
    this process's own, removed at its exit.

    One bind instead of thirty: each bind mount costs bubblewrap ~0.15 ms at every start.
    """
    with _etc_lock:
        if "path" not in _etc_view:
            view = shared_etc_view()
            if view is None:
                view = own_folder("macrohard-etc-")  # removed at exit; if killed, by a later process's sweep
                _fill_view(view, "/etc")
                atexit.register(shutil.rmtree, view, True)
            _etc_view["path"] = view
        return _etc_view["path"]


def bwrap_argv(bwrap: str, workspace: str, network: str, *, proxy_socket: str | None = None,
               bind: str | None = None, proc_ro: bool = False) -> list[str]:
    """The bubblewrap command line for a sandbox whose only writable place is ``workspace``.

    ``bind`` (default: the workspace) is the directory bound in; the workspace is it or below it. ``proc_ro``:
    ``/proc`` mounted read-only, so no process can open another's ``/proc/PID/mem`` for writing (the persistent
    shell's: the seccomp filter stops ``ptrace``, not this; found by the lead after it landed, twenty-fifth wave).
    """
    argv = [bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--hostname", "sandbox", "--ro-bind", "/usr", "/usr", *_usr_links(),
            "--ro-bind", etc_view(), "/etc"]
    if network == "full":
        argv += ["--share-net"]
        for name in ("resolv.conf", "gai.conf"):
            if os.path.exists(f"/etc/{name}"):
                argv += ["--ro-bind", os.path.realpath(f"/etc/{name}"), f"/etc/{name}"]
    argv += ["--proc", "/proc", *(["--remount-ro", "/proc"] if proc_ro else []), "--dev", "/dev", "--tmpfs", "/tmp",
             "--symlink", "/tmp", "/var/tmp"]
    if proxy_socket is not None:
        argv += ["--tmpfs", "/run", "--ro-bind", proxy_socket, PROXY_SOCKET]
    bind = bind or workspace
    argv += ["--bind", bind, bind, "--chdir", workspace]
    return argv


class LayeredWriteBack:
    """What a copy-on-write workspace does when its environment closes: record the change set, then write it into
    the lower directory (``commit_on_close``), holding back the run's own configuration (``held_back``) and the
    files that run code on the host later (``runs_later``). Shared by the shell's sandbox and (rt46) the desktop,
    whose programs work on the same kind of layer: one write-back path, the same holds, the same prompt at a
    terminal (``cli.run.ask_runnable``) and ``macrohard runs diff/apply ID`` elsewhere.

    The environment has ``layers`` (a ``LayeredWorkspace``), ``lower``, ``state_dir``, ``commit_on_close``,
    ``held_back``, ``info``, ``changes``, ``committed`` and ``close_progress``."""

    layers: LayeredWorkspace
    lower: str
    state_dir: Path
    commit_on_close: bool
    held_back: tuple[str, ...]
    info: dict[str, Any]
    changes: list[Change] | None
    committed: int | None
    close_progress: Any
    # the state folder is the environment's own, made for it by ``envs.make_environment`` (a direct caller gave
    # none): removed once the environment has closed (rel53), as the shell sandbox's own is
    owns_state_dir = False

    def _drop_own_state(self) -> None:
        from macrohard.envs.mounts import mount_points

        state = getattr(self, "state_dir", None)
        if not self.owns_state_dir or state is None:
            return
        try:
            if mount_points(state):  # a layer a failed close left mounted: never removed through its mount
                return
        except OSError:  # the mount table unreadable: whether a layer is still mounted is unknown, so it stays
            return
        shutil.rmtree(state, ignore_errors=True)

    def _layer_workspace(self, workspace: str, state_dir: str | None, commit: bool) -> None:
        """The browser's and the desktop's fields for this: ``workspace`` and ``lower``; with a ``state_dir``,
        ``layers`` over the workspace there (without one, ``layers`` is None and the environment acts on the
        workspace itself); ``commit_on_close``, and what closing fills in."""
        self.workspace = workspace
        self.lower = workspace
        self.layers = None  # type: ignore[assignment]
        if state_dir is not None:
            self.state_dir = Path(state_dir)
            self.state_dir.mkdir(parents=True, exist_ok=True)
            self.layers = LayeredWorkspace(self.state_dir, workspace)
        self.commit_on_close = commit
        self.held_back = ()  # the run's own policy and task file (runner.control_files)
        self.info = {}
        self.changes = None
        self.committed = None
        self.close_progress = None

    def _record_and_write_back(self) -> None:
        if not self.layers.mode:
            return
        self.changes = self.layers.close(self.close_progress)
        if self.commit_on_close:
            # rel37: a process killed from here on left its run `succeeded`, its files partly written back, and
            # recovery passed it by (its change set was recorded); this mark makes `recover` look at it
            writing = self.state_dir / WRITING_BACK
            try:
                writing.touch()
            except OSError:
                pass
            held = self._held_back(self.changes)
            if held:
                self.info["held_back"] = held
            try:
                self.committed = self.layers.commit([c for c in self.changes if c.path not in held])
            except ApplyConflict as exc:  # the directory changed under the run: keep the changes, say so
                self.info["commit_error"] = str(exc)
            except OSError as exc:  # read-only, full, gone: the changes stay recorded
                self.info["commit_error"] = f"{exc.strerror or exc}: {exc.filename or self.lower}"
            writing.unlink(missing_ok=True)  # not in a finally: an interrupted write-back keeps its mark
        mark_closed(self.state_dir)  # speed50b: recorded (and written back): nothing left for recovery

    def _change_counts(self, info: dict[str, Any]) -> dict[str, Any]:
        if self.changes is not None:
            info["changes"] = {s: sum(c.status == s for c in self.changes) for s in ("added", "modified", "deleted")}
        if self.committed is not None:
            info["committed_files"] = self.committed
        return info

    def _tree_reader(self, changes: list[Change]) -> Callable[[str], bytes | None]:
        """A file's bytes as a write-back leaves it (the run's version where it changed one, else the lower
        directory's), by relative path; None where there is no regular file (or one over a megabyte)."""
        by_path = {os.path.normpath(c.path): c for c in changes}
        store, source = self.layers.changes, Path(self.lower)

        def read(rel: str) -> bytes | None:
            change = by_path.get(os.path.normpath(rel))
            if change is not None:
                if change.new is None or change.new.type != "file":
                    return None
                return store.content(change.new, source, change.path)
            path = Path(self.lower) / rel
            try:
                return path.read_bytes() if path.is_file() and path.stat().st_size <= 1 << 20 else None
            except OSError:
                return None

        return read

    def _held_back(self, changes: list[Change]) -> list[str]:
        """The changed paths (relative to the lower directory) that are one of ``held_back``."""
        lower = os.path.realpath(self.lower)
        held = set()
        for path in self.held_back:
            real = os.path.realpath(path)
            if real.startswith(lower + os.sep):
                held.add(os.path.relpath(real, lower))
            absolute = os.path.abspath(path)
            if absolute.startswith(os.path.abspath(self.lower) + os.sep):
                held.add(os.path.relpath(absolute, os.path.abspath(self.lower)))
        why = self.info.setdefault("held_back_why", {})
        for change in changes:  # rt45: files that run code on the host later (a hook, a Makefile): the person's word
            if change.status == "deleted" or os.path.normpath(change.path) in held:
                continue
            old = new = None
            if needs_content(change.path, change.new.size if change.new is not None and change.new.type == "file"
                             else None):  # judged by what it holds (package.json's scripts, a .pth's imports)
                store, source = self.layers.changes, Path(self.lower)
                old, new = store.content(change.old, source, change.path), store.content(change.new, source, change.path)
            reason = runs_later(change.path, old, new, change.new.mode if change.new is not None else None,
                                link=change.new is not None and change.new.type == "link")
            if reason is not None:
                why[change.path] = reason
                held.add(os.path.normpath(change.path))
        for path, reason in named_by_the_tree([c.path for c in changes if c.status != "deleted" and
                                               os.path.normpath(c.path) not in held], self._tree_reader(changes)).items():
            why[path] = reason  # rt53: an in-tree build backend, a Cargo.toml's build script
            held.add(os.path.normpath(path))
        if not why:
            self.info.pop("held_back_why", None)
        return sorted(c.path for c in changes if os.path.normpath(c.path) in held)


class SandboxEnvironment(WorkspaceEnvironment, LayeredWriteBack):
    """Bash and file tools on a copy-on-write workspace, every command inside bubblewrap.

    ``lower`` is the directory the run starts from. Its changes are recorded when the sandbox
    closes (``runs diff``/``runs apply``); they are written into ``lower`` only with ``commit=True``
    (the default for a directory the run owns, never for a ``source``). A write-back that fails
    (a conflict, a read-only directory) is kept in ``info["commit_error"]``, the changes stay recorded.
    ``close_progress(done, total, bytes)`` is called while a close records the changes.
    """

    kind = "shell"

    def __init__(self, workspace: str | None = None, *, source: str | None = None, state_dir: str | None = None,
                 config: SandboxConfig | None = None, commit: bool | None = None) -> None:
        self.config = config or SandboxConfig()
        self._owns_lower = workspace is None and source is None
        self.lower = os.path.abspath(source or workspace or tempfile.mkdtemp(prefix="macrohard-ws-"))
        self.commit_on_close = (source is None) if commit is None else commit
        self._owns_state = state_dir is None
        self.state_dir = Path(state_dir or own_folder("macrohard-sandbox-"))
        self.layers = LayeredWorkspace(self.state_dir, self.lower, disk_mb=self.config.limits.disk_mb,
                                       mode=self.config.cow)
        super().__init__(self.lower)
        self.cgroups: CgroupSet | None = None
        self.proxy: HostProxy | None = None
        self.changes: list[Change] | None = None
        self.committed: int | None = None
        self.close_progress: Any = None
        self.info: dict[str, Any] = {}
        # host files a write-back never writes: the run's own configuration (the policy it is governed by, its task
        # file), which the agent could otherwise rewrite for the next run (rt42); `runs apply` still can, by a person
        self.held_back: tuple[str, ...] = ()
        self._room_told = False  # the host disk's "less room than the layer may take" is said once a run

    def start(self) -> None:
        bwrap = check_available(self.config.bwrap)
        if self.session is not None:
            return
        if not self.layers.mode:
            self.layers.open()
        self.ready_at = self.ready_at or time.time()  # after the layers (a copy is stamped as it is made)
        self.workspace = self.shell_dir = str(self.layers.path)
        self.files = FileTools(self.workspace)
        self.env = _clean_env(self.workspace)
        limits = self.config.limits
        self.cgroups = CgroupSet(limits)
        self.cgroups.create()
        # so that a later process can remove them if this one is killed (``salvage.py``)
        (self.state_dir / "cgroups.json").write_text(json.dumps([str(d) for d in self.cgroups.dirs]))
        by_cgroup = "memory" in self.cgroups.applied
        pairs = rlimit_pairs(limits, memory_by_cgroup=by_cgroup)
        proxy_socket = None
        command = " ".join(DEFAULT_ARGV)
        if self.config.network == "hosts":
            if shutil.which("socat") is None:
                raise SandboxUnavailable("network mode 'hosts' needs socat inside the sandbox: "
                                         "`sudo apt-get install socat`, or use network 'none' or 'full'")
            proxy_socket = str(self.state_dir / "proxy.sock")
            self.proxy = HostProxy(proxy_socket, self.config.allow_hosts)
            self.proxy.start()
            proxy_socket = self.proxy.socket_path  # rel54: elsewhere where the state folder's path is too long
            proxy_url = f"http://127.0.0.1:{RELAY_PORT}"
            self.env.update({"http_proxy": proxy_url, "https_proxy": proxy_url, "HTTP_PROXY": proxy_url,
                             "HTTPS_PROXY": proxy_url})
        argv = bwrap_argv(bwrap, self.workspace, self.config.network, proxy_socket=proxy_socket,
                          bind=str(self.layers.view), proc_ro=True)
        if proxy_socket is not None:
            argv += ["/bin/sh", "-c", relay_script(PROXY_SOCKET, command)]
        else:
            argv += list(DEFAULT_ARGV)
        self.argv = argv
        self.session = _SandboxShell(argv, cwd=self.workspace, env=self.env, start_dir=self.shell_dir,
                                     cgroups=self.cgroups, init=ulimit_line(pairs))
        self.session.start()
        if self.session.failure:
            failure = self.session.failure
            self.close()
            raise SandboxUnavailable(f"the sandbox did not start: {failure[:800]}. "
                                     "Check that bubblewrap works (`bwrap --ro-bind / / true`) or pass --no-sandbox.")
        applied = {**describe_rlimits(pairs), **self.cgroups.applied}
        if self.layers.disk_limit != "none":
            applied["disk"] = self.layers.disk_limit
        self.info = {
            "isolation": "bwrap", "network": self.config.network, "allow_hosts": self.config.allow_hosts,
            "limits": limits.model_dump(), "limits_applied": applied,
            "limits_problems": self.cgroups.problems, "cow": self.layers.mode,
            "cow_problem": self.layers.problem, "state_dir": str(self.state_dir), "lower": self.lower,
            "workspace": self.workspace, "commit_on_close": self.commit_on_close,
            "started_at": time.time(),
        }
        if self.config.network == "full":  # the one mode that shares the host's abstract unix sockets' namespace
            self.info["abstract_sockets"] = landlock.describe()

    def _prepare(self) -> None:
        if self.session is None:  # never let the file tools touch the lower directory itself
            self.start()

    def execute(self, approved: Approved[Any]) -> Observation:
        """As the plain workspace's, with the host disk looked at before and after: the layer's image size was fixed
        at the start, and a host that another program fills meanwhile would lose the layer's writes silently
        (``LayeredWorkspace.host_room``: under its floor the step is refused with ``DiskFull`` before it runs)."""
        self.layers.host_room()
        kills = (self.cgroups.oom_kills() if self.cgroups is not None else None) or 0  # 0: started by this step
        observation = super().execute(approved)
        if self.cgroups is not None and (self.cgroups.oom_kills() or 0) > kills:
            said = memory_note(self.config.limits, self.cgroups.applied.get("memory", "cgroup"))
            observation = observation.model_copy(update={"output": f"{observation.output}\n\n[memory limit] {said}",
                                                         "meta": {**observation.meta, "memory_killed": said}})
        try:
            note = "" if self._room_told else self.layers.host_room()  # a warning once a run
        except DiskFull as exc:  # this step ran; what it wrote past the host's room may be lost: the next one stops
            note = str(exc)
        if not note:
            return observation
        self._room_told = True
        return observation.model_copy(update={"output": f"{observation.output}\n\n[host disk] {note}",
                                              "meta": {**observation.meta, "host_disk": note}})

    def guard_facts(self) -> GuardFacts:
        """The shell's directory from the kernel (as the sandbox sees it) and the sandbox's real network mode."""
        session = self.session
        # not started: it starts in shell_dir; started but unreadable: "/" (relative paths judged as outside)
        cwd = self.shell_dir if session is None or session.proc is None else session.kernel_cwd() or "/"
        jobs, detached = (0, 0) if session is None or session.proc is None else session.jobs_left()
        shell = None if session is None or session.proc is None else session.identity()
        return GuardFacts(cwd=cwd, shell=shell, network=self.config.network, jobs=jobs, detached=detached, since=self.ready_at)

    def describe(self) -> dict[str, Any]:
        """What this sandbox is and what applied (for ``run.meta``)."""
        info = dict(self.info)
        if self.proxy is not None:
            info["proxy_requests"] = self.proxy.requests
        return self._change_counts(info)

    def _stop_processes(self) -> None:
        if self.session is not None:
            self.session.close()
        if self.cgroups is not None:
            self.cgroups.kill_all()

    def snapshot(self) -> str:
        if not self.layers.mode:
            self.start()
        return self.layers.snapshot()

    def restore(self, snapshot_id: str) -> None:
        self._swap_layers(lambda: self.layers.restore(snapshot_id), keep_dir=True)

    def reset(self) -> None:
        self._swap_layers(self.layers.reset, keep_dir=False)

    def _swap_layers(self, swap: Any, *, keep_dir: bool) -> None:
        """Change the workspace's layers under a running sandbox, with every process but the shell gone.

        Inside, the shell kills everything else in its pid namespace; the new layer is mounted on
        the host and reaches the sandbox through the shared view mount; then the shell ``exec``s a
        fresh bash with the start environment. No new sandbox: milliseconds. Where that cannot work
        (no live shell, the proxy relay of network "hosts") the sandbox is restarted instead.
        """
        if self.session is None:
            self.start()
        session = self.session
        if session is None or not session.alive or self.proxy is not None:
            self._stop_processes()
            swap()
            if session is not None:
                session.last_dir = session.last_dir if keep_dir else self.shell_dir
                session.start()
            return
        last_dir = session.last_dir if keep_dir else self.shell_dir
        # kill everything but the shell, reap the shell's own children (no zombies carried into the
        # fresh shell), and leave the old layer: it is unmounted next
        session.run("kill -9 -1 2>/dev/null; wait 2>/dev/null; cd /", timeout=10)
        session.wait_alone()
        swap()
        session.last_dir = last_dir
        session.fresh_shell()

    def close(self) -> None:
        self._stop_processes()
        self.session = None
        if self.cgroups is not None:
            self.cgroups.remove()
            self.cgroups = None
        if self.proxy is not None:
            self.info["proxy_requests"] = self.proxy.requests
            self.proxy.close()
            self.proxy = None
        self._record_and_write_back()
        if self._owns_state:
            shutil.rmtree(self.state_dir, ignore_errors=True)
        if self._owns_lower:
            shutil.rmtree(self.lower, ignore_errors=True)


class _SandboxShell(ShellSession):
    """The persistent shell inside bubblewrap, limited before it runs any command.

    After bubblewrap starts (a plain ``vfork``+``exec``: a ``preexec_fn`` would force a full fork of
    this process, ~10 ms), bash sets the rlimits on itself with ``ulimit`` and answers a ready line;
    bubblewrap is moved into the sandbox's cgroups while it sets up (a move may wait for an RCU grace
    period), and whatever it forked before the move is moved after the ready line — before the shell
    has forked any command, so every command is born inside.
    """

    def __init__(self, argv: list[str], *, cwd: str, env: dict[str, str], start_dir: str, cgroups: CgroupSet,
                 init: str) -> None:
        super().__init__(argv, cwd=cwd, env=env, start_dir=start_dir)
        self.cgroups = cgroups
        self.init = init
        self.failure = ""

    def start(self) -> None:
        # a restart (after a timeout) reuses the groups: the killed processes must be reaped first, or a fork
        # bomb's dead still hold the pids limit and the new shell's first fork meets EAGAIN
        self.cgroups.wait_released()
        # no command may attach to the shell (ptrace, process_vm_*, pidfd_getfd): envs/seccomp.py. A fresh copy of
        # the filter at each start (a restart too): bubblewrap reads it to its end
        fd = seccomp.memfd()
        argv = self.argv if fd is None else [self.argv[0], "--seccomp", str(fd), *self.argv[1:]]
        try:
            self.proc = _popen(argv, self.cwd, self.env, pass_fds=() if fd is None else (fd,), scoped=True)
        finally:
            if fd is not None:
                os.close(fd)
        assert self.proc.stdin is not None
        # a cgroup move may wait for an RCU grace period (ms): let it overlap bubblewrap's own setup
        mover = threading.Thread(target=self.cgroups.adopt, args=(self.proc.pid,), daemon=True)
        mover.start()
        marker = f"__MH_READY_{uuid.uuid4().hex}__"
        init = f"{self.init} || exit 99\n" if self.init else ""
        try:
            self.proc.stdin.write(f"{init}echo {marker}\n".encode())
        except BrokenPipeError:
            pass
        raw, found, _ = self._read_until(marker.encode(), 30.0, 4096)
        mover.join()
        if not found:
            self.failure = raw.decode(errors="replace").replace(marker, "").strip() or "bubblewrap exited"
            return
        self.failure = ""
        for pid in descendants(self.proc.pid):  # forked before bubblewrap itself was moved
            if not self.cgroups.holds(pid):
                self.cgroups.adopt(pid)
        self.adopt_shell(find_shell(self.proc.pid))  # its /proc/PID/cwd is the guard's cwd, not $PWD
        if self.last_dir != self.start_dir:
            self.run(f"cd {shlex.quote(self.last_dir)} 2>/dev/null || cd {shlex.quote(self.start_dir)}", timeout=10)

    def close(self) -> None:
        # Killing bubblewrap tears the pid namespace down asynchronously: wait until the sandbox's
        # cgroups are empty, so a restart (after a timeout) never overlaps the old processes.
        super().close()
        self.cgroups.kill_all()

    def jobs_left(self) -> tuple[int, int]:
        """Processes in the sandbox besides its init and the shell (what earlier commands left running), and how
        many of them are not the shell's own (detached: ``wait`` does not wait for them)."""
        shell = self._shell[0] if self._shell else None
        init = _parent(shell) if shell is not None else None
        if shell is None or init is None:
            return 0, 0
        every = _running_below(init, exclude=shell)
        # two walks of /proc: a job that forks between them (`(sleep 1; echo x > y) &`) counted more below the shell
        # than below the init, and `wait; bash run.sh` was asked about "-1 process(es)" (test_redteam9_shell, loaded)
        return every, max(0, every - _running_below(shell, exclude=shell))

    def wait_alone(self, timeout: float = 10.0) -> bool:
        """After ``kill -9 -1`` inside: wait until the namespace's init has reaped every killed process, so that
        the init and this shell are all that is left (an orphan killed there is the init's to reap, a moment later)."""
        shell = self._shell[0] if self._shell else None
        init = _parent(shell) if shell is not None else None
        deadline = time.monotonic() + timeout
        while init is not None:
            children = _children(init)
            if children is None or children <= {shell}:  # zombies stay listed as children until reaped
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        return False

    def fresh_shell(self) -> None:
        """Replace the running bash by a fresh one (same process, so same cgroups and limits)."""
        assert self.proc is not None and self.proc.stdin is not None
        env = " ".join(shlex.quote(f"{k}={v}") for k, v in (self.env or {}).items())
        self.proc.stdin.write(f"exec /usr/bin/env -i {env} {' '.join(DEFAULT_ARGV)}\n".encode())
        self.run(f"cd {shlex.quote(self.last_dir)} 2>/dev/null || cd {shlex.quote(self.start_dir)}", timeout=10)


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _children(pid: int) -> set[int] | None:
    try:
        return {int(c) for task in os.listdir(f"/proc/{pid}/task")
                for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()}
    except (OSError, ValueError):
        return None


def make_sandbox(task: Any, workspace: str, *, state_dir: str | None = None, network: str | None = None,
                 allow_hosts: list[str] | None = None, limits: Limits | dict[str, Any] | None = None,
                 cow: str = "auto", bwrap: str = "bwrap") -> SandboxEnvironment:
    """The shell environment of ``task`` in a sandbox (the ``shell`` registry entry's bwrap branch)."""
    hosts = allow_hosts if allow_hosts is not None else (list(getattr(task, "allow_hosts", None) or []) or [
        h for h in os.environ.get("MACROHARD_ALLOW_HOSTS", "").split(",") if h.strip()])
    config = SandboxConfig(network=network or getattr(task, "network", "none") or "none", allow_hosts=hosts,
                           limits=(limits if isinstance(limits, Limits) else Limits.model_validate(limits) if limits
                                   else default_limits()),
                           cow=cow, bwrap=bwrap)  # type: ignore[arg-type]
    source = getattr(task, "source", None)
    if source:
        source = str(Path(source).expanduser().resolve())
        if not Path(source).is_dir():
            from macrohard.errors import TaskFileError

            raise TaskFileError(f"the task's source {source} is not a directory; give an existing project directory")
    # a directory the run owns gets its changes when the sandbox closes; a user's directory (--workspace)
    # or a source only when the task asks for it (write_back, recorded with the task); else runs diff/apply
    commit = bool(getattr(task, "write_back", False)) or not (source or getattr(task, "workspace", None))
    return SandboxEnvironment(workspace, source=source, state_dir=state_dir, config=config, commit=commit)
