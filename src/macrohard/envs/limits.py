"""Resource limits for one sandbox: a cgroup where the machine lets us write one, rlimits always.

cgroup v1 (this kind of host: ``memory`` and ``pids`` hierarchies writable as root) and v2 (most
modern hosts) are both supported. The group is made *under our own cgroup*, so whatever limits the
host put on us still hold for the sandbox. bubblewrap and the shell are moved into the group
before the shell reads its first command (``CgroupSet.adopt``), so every command is counted.

rlimits are per process, so they bound one runaway command (CPU seconds, size of one file, open
files, address space when no memory cgroup is available); the cgroup bounds the sandbox as a whole.
The shell sets them on itself with ``ulimit`` (soft and hard) before anything else runs.
"""

from __future__ import annotations

import os
import resource
import time
import uuid
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from macrohard.envs.cgkill import FREEZER, LOOP, MECHANISMS, Emptied, empty, listed, mechanism_of, released

CGROUP_ROOT = Path("/sys/fs/cgroup")
KILL_ENV = "MACROHARD_CGROUP_KILL"  # force one of cgkill.MECHANISMS (tests, benchmarks/fork_bomb.py)
MEMORY_ENV = "MACROHARD_MEMORY_MB"  # the sandbox's memory in MiB, where the caller gives no limits of its own


class Limits(BaseModel):
    """Resource limits of one sandbox. ``None`` leaves a resource unlimited."""

    model_config = ConfigDict(extra="forbid")

    memory_mb: int | None = Field(default=2048, ge=16, description="Memory of the whole sandbox (cgroup), or "
                                  "address space of each process (rlimit) when no memory cgroup can be made.")
    pids: int | None = Field(default=512, ge=8, description="Processes and threads of the whole sandbox (cgroup).")
    cpu_seconds: int | None = Field(default=900, ge=1, description="CPU seconds of each process (RLIMIT_CPU).")
    file_size_mb: int | None = Field(default=1024, ge=1, description="Largest file a process may write (RLIMIT_FSIZE).")
    disk_mb: int | None = Field(default=2048, ge=1, description="Bytes the sandbox may add to its workspace "
                                "(a size-limited layer under the copy-on-write workspace).")
    open_files: int | None = Field(default=4096, ge=64, description="Open files of each process (RLIMIT_NOFILE).")


def default_limits() -> Limits:
    """The limits of a sandbox whose caller gave none: the defaults, with ``MACROHARD_MEMORY_MB`` for the memory."""
    raw = os.environ.get(MEMORY_ENV, "").strip()
    if not raw:
        return Limits()
    from macrohard.errors import ConfigError

    try:
        return Limits(memory_mb=int(raw))
    except ValueError as exc:  # not a number, or under the least (pydantic's ValidationError is a ValueError)
        raise ConfigError(f"{MEMORY_ENV}={raw!r} is not a memory size: give the sandbox's memory in MiB, a whole "
                          f"number of at least 16 (such as {MEMORY_ENV}=4096), or unset it for the default "
                          f"{Limits().memory_mb} MiB") from exc


def memory_note(limits: Limits, applied: str) -> str:
    """What the user is told when the sandbox's memory limit killed a process of a step."""
    return (f"a process of this step was killed by the sandbox's memory limit ({limits.memory_mb} MiB for the "
            f"whole sandbox: {applied}); that is what \"Killed\" and exit code 137 mean here. Use less memory, or "
            f"raise the limit: {MEMORY_ENV}=4096 (MiB) in the environment of macrohard, or from Python "
            "env_options={'limits': {'memory_mb': 4096}}")


def cgroup_version() -> int | None:
    """2 on a unified hierarchy, 1 when v1 ``memory``/``pids`` hierarchies are mounted, else None."""
    if (CGROUP_ROOT / "cgroup.controllers").exists():
        return 2
    if (CGROUP_ROOT / "memory").is_dir() or (CGROUP_ROOT / "pids").is_dir():
        return 1
    return None


def _own_cgroup(controller: str | None) -> str:
    """This process's path in a v1 hierarchy (``controller``) or in v2 (``None``)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, names, path = line.split(":", 2)
        if (controller is None and names == "") or (controller and controller in names.split(",")):
            return path
    return "/"


class CgroupSet:
    """The cgroup directories of one sandbox; ``applied`` says which limits they enforce."""

    def __init__(self, limits: Limits, name: str | None = None, kill_with: str | None = None) -> None:
        self.limits = limits
        self.name = name or f"macrohard-{uuid.uuid4().hex[:12]}"
        self.dirs: list[Path] = []
        self.where: dict[Path, tuple[str, str]] = {}  # group -> (its line's key in /proc/PID/cgroup, its path there)
        self.applied: dict[str, str] = {}
        self.problems: list[str] = []
        self.kill_with = kill_with or os.environ.get(KILL_ENV) or "auto"
        if self.kill_with not in (*MECHANISMS, "auto"):
            raise ValueError(f"unknown way to empty a cgroup {self.kill_with!r} (from {KILL_ENV}?): "
                             f"use one of {', '.join(MECHANISMS)} or auto")
        self.mechanism = LOOP
        self.last_kill: Emptied | None = None
        self.seen: set[int] = set()  # every process known to have been in the groups: see cgkill.released

    def create(self) -> None:
        version = cgroup_version()
        if version == 1:
            self._create_v1()
            self._create_v1_killer()
        elif version == 2:
            self._create_v2()
        else:
            self.problems.append("no cgroup hierarchy is mounted")
        self.mechanism = mechanism_of(self.dirs, self.kill_with)
        if self.dirs:
            self.applied["kill"] = self.mechanism

    def _make(self, parent: Path, key: str = "") -> Path | None:
        """Make the group under ``parent``; ``key``: the hierarchy's controller (v1), "" for v2."""
        path = parent / self.name
        try:
            path.mkdir()
        except OSError as exc:
            self.problems.append(f"cannot create {path}: {exc.strerror}")
            return None
        self.dirs.append(path)
        mount = CGROUP_ROOT / key if key else _v2_root(path)
        self.where[path] = (key, "/" + str(path.relative_to(mount)))
        return path

    def _write(self, path: Path, value: str) -> bool:
        try:
            path.write_text(value)
            return True
        except OSError as exc:
            self.problems.append(f"cannot write {path}: {exc.strerror}")
            return False

    def _create_v1(self) -> None:
        if self.limits.memory_mb is not None and (CGROUP_ROOT / "memory").is_dir():
            group = self._make(CGROUP_ROOT / "memory" / _own_cgroup("memory").lstrip("/"), "memory")
            if group and self._write(group / "memory.limit_in_bytes", str(self.limits.memory_mb << 20)):
                # without this, a balloon just moves into swap instead of being stopped
                if (group / "memory.memsw.limit_in_bytes").exists():
                    self._write(group / "memory.memsw.limit_in_bytes", str(self.limits.memory_mb << 20))
                self.applied["memory"] = f"cgroup v1 memory.limit_in_bytes={self.limits.memory_mb} MiB"
        if self.limits.pids is not None and (CGROUP_ROOT / "pids").is_dir():
            group = self._make(CGROUP_ROOT / "pids" / _own_cgroup("pids").lstrip("/"), "pids")
            if group and self._write(group / "pids.max", str(self.limits.pids)):
                self.applied["pids"] = f"cgroup v1 pids.max={self.limits.pids}"

    def _create_v1_killer(self) -> None:
        """A group that can be emptied at once, beside the v1 limits: in the v2 hierarchy mounted next to v1
        (no controllers, but ``cgroup.kill`` and ``cgroup.freeze``), else in the v1 freezer hierarchy."""
        if not self.dirs or self.kill_with == LOOP:
            return
        unified = CGROUP_ROOT / "unified"
        if self.kill_with != FREEZER and (unified / "cgroup.procs").exists():
            self._make(unified / _own_cgroup(None).lstrip("/"))
        elif self.kill_with in ("auto", FREEZER) and (CGROUP_ROOT / "freezer").is_dir():
            self._make(CGROUP_ROOT / "freezer" / _own_cgroup("freezer").lstrip("/"), "freezer")

    def _create_v2(self) -> None:
        parent = CGROUP_ROOT / _own_cgroup(None).lstrip("/")
        enabled = set((parent / "cgroup.subtree_control").read_text().split()) if (parent / "cgroup.subtree_control").exists() else set()
        group = self._make(parent)
        if group is None:
            return
        if self.limits.memory_mb is not None and "memory" in enabled:
            if self._write(group / "memory.max", str(self.limits.memory_mb << 20)):
                self._write(group / "memory.swap.max", "0")
                self.applied["memory"] = f"cgroup v2 memory.max={self.limits.memory_mb} MiB"
        if self.limits.pids is not None and "pids" in enabled:
            if self._write(group / "pids.max", str(self.limits.pids)):
                self.applied["pids"] = f"cgroup v2 pids.max={self.limits.pids}"
        if not self.applied:
            self.problems.append(f"the memory and pids controllers are not enabled in {parent}/cgroup.subtree_control")

    def join(self) -> None:
        """Move the calling process into every group."""
        self.adopt(os.getpid())

    def adopt(self, pid: int) -> None:
        """Move ``pid`` and every process it has started into the groups.

        Parents are moved before their children are listed, so a child forked meanwhile either
        shows up in the listing or was forked after its parent moved, and was born inside. This
        lets the sandbox start through a plain ``vfork``+``exec`` (a ``preexec_fn`` that joins the
        group forces a full ``fork`` of this process: ~10 ms).
        """
        pending = [pid]
        while pending:
            current = pending.pop()
            self.seen.add(current)
            for group in self.dirs:
                try:
                    (group / "cgroup.procs").write_text(str(current))
                except ProcessLookupError:
                    break
            for task in _tasks(current):
                try:
                    pending += [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
                except OSError:
                    pass

    def holds(self, pid: int) -> bool:
        """Whether ``pid`` is in every group of this set."""
        try:
            lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
        except OSError:
            return True  # gone: nothing to move
        where = {}
        for line in lines:
            _, names, path = line.split(":", 2)
            for name in names.split(",") if names else [""]:
                where[name] = path
        return all(where.get(key) == path for key, path in self.where.values())

    def pids(self) -> set[int]:
        return listed(self.dirs)

    def memory_bytes(self) -> int | None:
        for group in self.dirs:
            for name in ("memory.usage_in_bytes", "memory.current"):
                if (group / name).exists():
                    return int((group / name).read_text())
        return None

    def oom_kills(self) -> int | None:
        """How many processes the memory limit has killed in this sandbox so far (None: no memory group here)."""
        for group in self.dirs:
            for name in ("memory.oom_control", "memory.events"):  # v1 (kernel 4.13+), v2
                try:
                    text = (group / name).read_text()
                except OSError:
                    continue
                for line in text.splitlines():
                    key, _, value = line.partition(" ")
                    if key == "oom_kill" and value.strip().isdigit():
                        return int(value)
        return None

    def kill_all(self, timeout: float = 10.0) -> Emptied:
        """Kill every process left in the groups and wait until each is gone (a sandbox's orphans cannot outlive it).

        The way (``cgroup.kill``, freeze-kill-thaw, or a signal loop) is the soundest these groups offer:
        see ``cgkill.py``. The result says which ran and what was left if ``timeout`` passed first.
        """
        self.last_kill = empty(self.dirs, mechanism=self.mechanism, timeout=timeout, seen=self.seen)
        return self.last_kill

    def wait_released(self, timeout: float = 10.0) -> int:
        """Before a process starts in the groups again: wait until the killed ones are reaped (their pids are free)."""
        return released(self.dirs, self.seen, timeout) if self.seen else 0

    def remove(self) -> None:
        self.kill_all()
        for group in self.dirs:
            for _ in range(100):
                try:
                    group.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # the last killed processes are still being reaped
                    time.sleep(0.005)
        self.dirs.clear()


def _v2_root(path: Path) -> Path:
    """The mount point of the v2 hierarchy ``path`` is in (``/sys/fs/cgroup``, or ``unified`` beside v1)."""
    unified = CGROUP_ROOT / "unified"
    return unified if unified in path.parents else CGROUP_ROOT


def _tasks(pid: int) -> list[str]:
    try:
        return os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []


def rlimit_pairs(limits: Limits, *, memory_by_cgroup: bool) -> list[tuple[int, int]]:
    """The rlimits to set in the sandbox's first process (inherited by all it runs)."""
    pairs: list[tuple[int, int]] = []
    if limits.cpu_seconds is not None:
        pairs.append((resource.RLIMIT_CPU, limits.cpu_seconds))
    if limits.file_size_mb is not None:
        pairs.append((resource.RLIMIT_FSIZE, limits.file_size_mb << 20))
    if limits.open_files is not None:
        pairs.append((resource.RLIMIT_NOFILE, limits.open_files))
    if limits.memory_mb is not None and not memory_by_cgroup:
        pairs.append((resource.RLIMIT_AS, limits.memory_mb << 20))
    pairs.append((resource.RLIMIT_CORE, 0))
    return [(res, _within_hard_limit(res, value)) for res, value in pairs]


def _within_hard_limit(res: int, value: int) -> int:
    """``value``, or the limit this process already has if that is lower: a user's own `ulimit` (a shell with
    ``ulimit -f 300``, a service's LimitFSIZE) is stricter and stays; the sandbox's shell cannot raise a hard limit,
    and before (rel25) its ``ulimit -SH`` line failed and the run ended "the sandbox did not start … check that
    bubblewrap works", which it did."""
    try:
        hard = resource.getrlimit(res)[1]
    except (OSError, ValueError):
        return value
    return value if hard == resource.RLIM_INFINITY or hard >= value else hard


def describe_rlimits(pairs: list[tuple[int, int]]) -> dict[str, str]:
    names = {resource.RLIMIT_CPU: "cpu", resource.RLIMIT_FSIZE: "file_size", resource.RLIMIT_NOFILE: "open_files",
             resource.RLIMIT_AS: "memory", resource.RLIMIT_CORE: "core"}
    return {names[res]: f"rlimit {value}" for res, value in pairs}


def ulimit_line(pairs: list[tuple[int, int]]) -> str:
    """The same rlimits as a bash ``ulimit`` line, run by the sandbox's shell before anything else.

    Soft and hard limits are both set; with every capability dropped nothing inside can raise them.
    """
    flags = {resource.RLIMIT_CPU: ("-t", 1), resource.RLIMIT_FSIZE: ("-f", 1024), resource.RLIMIT_NOFILE: ("-n", 1),
             resource.RLIMIT_AS: ("-v", 1024), resource.RLIMIT_CORE: ("-c", 1024)}
    parts = [f"{flags[res][0]} {value // flags[res][1]}" for res, value in pairs]
    return "ulimit -SH " + " ".join(parts) if parts else ""
