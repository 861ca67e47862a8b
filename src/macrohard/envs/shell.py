"""A persistent bash session over pipes.

One bash process per session; each command is sent as a single-quoted string and ``eval``-ed, so
an unbalanced quote in the model's command is a syntax error, never a hung shell. The command's
stdin is /dev/null; stderr is merged into stdout. After each command bash prints a sentinel line
with the exit code. On timeout the whole process group is killed and a fresh session starts in the
last known directory.

The working directory is read from the kernel (``readlink /proc/PID/cwd`` of the persistent bash),
never from ``$PWD`` or anything else the agent's commands can assign or print: the guard judges the
next command's relative paths against it. Inside bubblewrap the kernel reports the path as the
sandbox sees it, which is the path the guard reasons about (the workspace is bound at its own path).
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from macrohard import stopping
from macrohard.envs import landlock
from macrohard.envs.mounts import _start_ticks  # a process's start (clock ticks after boot): tells a reused pid apart

DEFAULT_ARGV = ("bash", "--noprofile", "--norc")
OUTPUT_LIMIT = 16_000  # characters shown to the model; the rest is elided in the middle
CUT_POLL_S = 0.25  # how often a command waited on looks whether its run was asked to stop now (stopping.cut_runs)


@dataclass
class CommandResult:
    output: str
    exit_code: int | None
    timed_out: bool = False
    truncated: bool = False
    restarted: bool = False
    cwd: str = ""


class CommandChannel:
    """The shell's standard input, from which it reads its commands: one end of a socket pair, not a pipe.

    While a command runs, bash keeps its own input open (fd 10, saved around ``eval … </dev/null``); a pipe there
    can be reopened through ``/proc/PPID/fd/10`` by any process the command starts, which then writes lines the shell
    runs after the command, never reviewed (guard25: ``python3 -c "open('/proc/%d/fd/10' % os.getppid(), 'w')…"``
    ran ``sh run.sh``). The kernel refuses to open a socket through ``/proc`` (ENXIO)."""

    def __init__(self) -> None:
        self._ours, self.theirs = socket.socketpair()

    def started(self) -> None:
        """The shell holds its end now: close ours of it."""
        self.theirs.close()

    def write(self, data: bytes) -> int:
        self._ours.sendall(data)
        return len(data)

    def close(self) -> None:
        self.theirs.close()
        self._ours.close()


def _popen(argv: Sequence[str], cwd: str, env: dict[str, str] | None,
           pass_fds: tuple[int, ...] = (), *, scoped: bool = False) -> subprocess.Popen[bytes]:
    """The shell's process, its commands read from a ``CommandChannel`` (``proc.stdin``); ``pass_fds``: more
    descriptors it inherits (bubblewrap's seccomp filter). ``scoped``: started in a Landlock domain of its own
    that keeps it off the host's abstract unix sockets (``envs.landlock``; a sandbox's bubblewrap)."""
    channel = CommandChannel()
    spawn = landlock.popen if scoped else subprocess.Popen
    try:
        proc = spawn(list(argv), stdin=channel.theirs.fileno(), stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT, cwd=cwd, env=env, start_new_session=True, bufsize=0,
                     pass_fds=pass_fds)
    except BaseException:
        channel.close()
        raise
    channel.started()
    proc.stdin = channel  # type: ignore[assignment]
    return proc


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def truncate_middle(text: str, limit: int = OUTPUT_LIMIT, dropped_before: int = 0) -> tuple[str, bool]:
    """``text`` with its middle elided past ``limit`` characters; ``dropped_before``: what a reader already dropped
    from that middle (``ShellSession._read_until`` keeps a bounded head and tail), counted in what is said."""
    if dropped_before:
        text = text.replace(_READER_CUT.format(dropped_before), "", 1)
    elif len(text) <= limit:
        return text, False
    head, tail = text[: limit // 2], text[-(limit // 2):] if len(text) > limit else ""
    if len(text) <= limit:
        head = text
    dropped = len(text) - len(head) - len(tail) + dropped_before
    return f"{head}\n[... {dropped:,} characters elided; narrow the command (head, tail, grep) to see them ...]\n{tail}", True


_READER_CUT = "\n[... {} bytes elided ...]\n"


class ShellSession:
    """A bash process kept open; ``run`` sends one command and waits for its sentinel."""

    reader_dropped = 0  # bytes the last ``_read_until`` dropped from the middle of what it read

    def __init__(self, argv: Sequence[str] = DEFAULT_ARGV, *, cwd: str, env: dict[str, str] | None = None,
                 start_dir: str | None = None) -> None:
        self.argv = list(argv)
        self.cwd = cwd
        self.env = env
        self.start_dir = start_dir or cwd  # the directory as seen inside the shell
        self.last_dir = self.start_dir
        self.proc: subprocess.Popen[bytes] | None = None
        self._shell: tuple[int, int] | None = None  # the persistent bash: (host pid, start time), for its cwd
        self._mark = ""  # NAME=VALUE in the environment of every process the unsandboxed shell started (``sweep``)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        # Unsandboxed, the shell's processes have no pid namespace or cgroup to end with it: each inherits this mark,
        # which `close` looks for (a double fork with `setsid` leaves the process group that `killpg` reaches)
        self._mark = f"{SHELL_MARK}={uuid.uuid4().hex}"
        env = {**(os.environ if self.env is None else self.env), SHELL_MARK: self._mark.partition("=")[2]}
        self.proc = _popen(self.argv, self.cwd, env)
        self.adopt_shell(self.proc.pid)
        if self.last_dir != self.start_dir:
            self.run(f"cd {_quote(self.last_dir)}", timeout=10)

    def adopt_shell(self, pid: int | None) -> None:
        """Remember which process is the persistent bash (its pid can be reused: keep its start time too)."""
        started = _start_ticks(pid) if pid is not None else None
        self._shell = (pid, started) if pid is not None and started is not None else None

    def jobs_left(self) -> tuple[int, int]:
        """How many processes earlier commands left running (background jobs), from the kernel, zombies not
        counted, and how many of them ``wait`` cannot wait for (unsandboxed: unknown, so 0). The guard is told
        (``GuardFacts.jobs``): such a job may change a file between a review and the run."""
        if self._shell is None:
            return 0, 0
        return _running_below(self._shell[0], exclude=self._shell[0]), 0

    def kernel_cwd(self) -> str | None:
        """The persistent bash's working directory as the kernel knows it; None when it cannot be read."""
        if self._shell is None:
            return None
        pid, started = self._shell
        if _start_ticks(pid) != started:  # the shell is gone and its pid belongs to someone else now
            return None
        try:
            path = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            return None
        if path.endswith(" (deleted)") and not os.path.exists(path):
            path = path[: -len(" (deleted)")]
        return path

    def identity(self) -> tuple[int, int] | None:
        """The persistent bash as (pid, start time) while it runs; None when it is gone or unknown."""
        if self._shell is None or _start_ticks(self._shell[0]) != self._shell[1] or not self.alive:
            return None
        return self._shell

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
        proc.wait()
        if self._mark:
            sweep(self._mark)

    def restart(self) -> None:
        self.close()
        self.start()

    def _how_it_ended(self) -> str:
        """What ended the shell, read once its output has closed: its own ``exit``, or a signal from outside. rel62:
        a shell killed from outside (a person's `kill -9`, the system's out-of-memory killer) was said "the shell
        exited", as if the command had run ``exit``, not that it was cut before it finished."""
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "the shell closed its output before the command finished"
        # unsandboxed, Popen's negative signal number; in bubblewrap, bwrap's 128 + the signal its child died of
        signum = -code if code < 0 else code - 128 if 128 < code < 128 + 65 and "bwrap" in os.path.basename(self.argv[0]) else 0
        try:
            name = signal.Signals(signum).name if signum else ""
        except ValueError:
            name = f"signal {signum}"
        if name:
            return (f"the shell was killed by {name} before the command finished (from outside this run: a person's "
                    "kill, or the system's out-of-memory killer: `dmesg | grep -i -e oom -e killed`); what the command "
                    "did before is kept, the rest of it did not run, and the shell's variables were reset")
        return f"the shell exited (status {code})"

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid

    # -- commands ----------------------------------------------------------------------------

    def run(self, command: str, timeout: float = 60.0, limit: int = OUTPUT_LIMIT) -> CommandResult:
        restarted = False
        if not self.alive:
            self.start() if self.proc is None else self.restart()
            restarted = self.proc is not None
        assert self.proc is not None and self.proc.stdin is not None and self.proc.stdout is not None
        marker = "__MH_" + uuid.uuid4().hex + "__"
        # guard31: the command is eval's own quoted word, never a variable (`readonly __mh_cmd` made every later step
        # run the old command again, unreviewed), and eval and printf are called as builtins (a function named
        # `printf` or `eval` ran at every later step; the guard asks about one: safety.shellstate.PLUMBING)
        script = (
            f"builtin eval {_quote(command)} </dev/null 2>&1\n"
            f"builtin printf '\\n{marker} %d\\n' \"$?\"\n"
        )
        try:
            self.proc.stdin.write(script.encode())
        except BrokenPipeError:  # the shell died unseen (killed, not yet reaped): none of the command reached it
            self.restart()
            restarted = True
            try:  # so the approved command runs once, in the new shell
                self.proc.stdin.write(script.encode())
            except BrokenPipeError:
                self.restart()
                return CommandResult("the shell had exited twice; a new one was started, run the command again", None,
                                     restarted=True, cwd=self.last_dir)
        raw, found, timed_out = self._read_until(marker.encode(), timeout, limit)
        cut = self.reader_dropped  # rel37: 200 MB printed read "47991 characters elided", the reader's cut untold
        if timed_out:
            self.restart()
            text, truncated = truncate_middle(raw.decode(errors="replace"), limit, cut)
            note = (f"\n[command timed out after {timeout:g}s; its processes were killed and the shell restarted "
                    f"in {self.last_dir} (environment variables were reset)]")
            return CommandResult(text + note, None, timed_out=True, truncated=truncated, restarted=True,
                                 cwd=self.last_dir)
        if not found:  # the shell exited (``exit`` in the command, or killed)
            how = self._how_it_ended()
            self.restart()
            text, truncated = truncate_middle(raw.decode(errors="replace"), limit, cut)
            return CommandResult(text + f"\n[{how}; a new one was started in {self.last_dir}]",
                                 None, truncated=truncated, restarted=True, cwd=self.last_dir)
        body, _, tail = raw.rpartition(b"\n" + marker.encode() + b" ")
        code_text = (tail.decode(errors="replace").split() or [""])[0]
        # unreadable (no /proc, the shell vanished): "/" makes the guard judge relative paths as outside
        self.last_dir = self.kernel_cwd() or "/"
        text, truncated = truncate_middle(body.decode(errors="replace"), limit, cut)
        return CommandResult(text, int(code_text) if code_text.lstrip("-").isdigit() else None, truncated=truncated, restarted=restarted, cwd=self.last_dir)

    def _read_until(self, marker: bytes, timeout: float, limit: int) -> tuple[bytes, bool, bool]:
        """Read until the marker line ends; keep at most ``limit`` bytes of head and of tail.

        The marker is looked for in what each read brings (with the few bytes before it, where a marker cut between
        two reads begins), and nothing after its line is kept: rel46b, a job the command left in the background that
        goes on printing (`(yes &)`) filled the same read with 64 KiB after the marker, the search looked only at the
        kept tail's last 8 KiB, never saw it, and the step waited its whole limit, was said "timed out" and the
        shell restarted (its variables lost) after a command that had finished at once."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        head = bytearray()
        tail = bytearray()
        dropped = 0
        deadline = time.monotonic() + timeout
        keep = max(limit, 4096) * 2
        self.reader_dropped = 0
        carry = b""  # the last bytes read: where a marker (or its line) cut between two reads begins
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return self._join(head, tail, dropped), False, True
            # rel50b: woken at least every CUT_POLL_S, so a run asked to stop now (a chat's Ctrl-C: stopping.cut_runs)
            # cuts its command here, as Ctrl-C cuts `macrohard run`'s, rather than after the whole command
            ready, _, _ = select.select([fd], [], [], min(remaining, CUT_POLL_S))
            if not ready:
                if (why := stopping.cut_now()) is not None:
                    raise KeyboardInterrupt(why)
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return self._join(head, tail, dropped), False, False
            window = carry + chunk
            found = False
            idx = window.find(marker)
            if idx >= 0:
                end = window.find(b"\n", idx)
                if end >= 0:  # the marker's line is whole: keep up to its end, not what a background job printed after
                    chunk = chunk[: max(0, end + 1 - len(carry))]
                    found = True
            carry = window[-(len(marker) + 32):] if idx < 0 else window[idx:idx + len(marker) + 4096]
            if len(head) < keep and not tail:
                room = keep - len(head)
                head += chunk[:room]
                chunk = chunk[room:]
            if chunk:
                tail += chunk
                if len(tail) > keep:
                    dropped += len(tail) - keep  # the marker's line, at the end, is kept
                    self.reader_dropped = dropped
                    del tail[: len(tail) - keep]
            if found:
                return self._join(head, tail, dropped), True, False

    @staticmethod
    def _join(head: bytearray, tail: bytearray, dropped: int) -> bytes:  # the count stays in ``reader_dropped``
        if not dropped:
            return bytes(head + tail)
        return bytes(head) + _READER_CUT.format(dropped).encode() + bytes(tail)


SHELL_MARK = "MACROHARD_SHELL"


def sweep(mark: str, rounds: int = 3) -> int:
    """SIGKILL every process of this user whose environment holds ``mark`` (``NAME=VALUE``): what an unsandboxed
    shell's commands left running, detached or not, once the shell closes. Best effort: a process that cleared or
    rewrote its environment (``env -i``) is not found; the sandbox (a pid namespace, cgroups) is the real bound.
    Rounds, because a process may fork between the walk and the kill. Returns how many were killed."""
    needle, me, killed = mark.encode() + b"\0", os.getpid(), 0
    for _ in range(rounds):
        found = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == me:
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as fh:
                    environ = b"\0" + fh.read()
            except OSError:  # gone, or another user's
                continue
            if b"\0" + needle in environ or environ.endswith(b"\0" + needle[:-1]):
                try:
                    os.kill(int(entry), signal.SIGKILL)
                    found += 1
                except OSError:
                    pass
        killed += found
        if not found:
            break
    return killed


def find_shell(root: int, name: str = "bash") -> int | None:
    """The shallowest process called ``name`` among ``root``'s descendants (the bash bubblewrap started)."""
    level = [root]
    for _ in range(8):
        children: list[int] = []
        for pid in level:
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for task in tasks:
                try:
                    with open(f"/proc/{pid}/task/{task}/children") as fh:
                        children += [int(c) for c in fh.read().split()]
                except OSError:
                    continue
        for pid in children:
            try:
                with open(f"/proc/{pid}/comm") as fh:
                    if fh.read().strip() == name:
                        return pid
            except OSError:
                continue
        level = children
    return None


def descendants(root: int, limit: int = 10_000) -> list[int]:
    """Processes under ``root`` (children, grandchildren, ...), each once, at most ``limit`` of them."""
    found: list[int] = []
    pending, seen = [root], {root}
    while pending and len(found) < limit:
        current = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = [int(c) for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
            except (OSError, ValueError):
                continue
            for child in children:
                if child not in seen:
                    seen.add(child)
                    found.append(child)
                    pending.append(child)
    return found


def _running_below(root: int, exclude: int) -> int:
    """Processes under ``root``, not ``exclude`` and not zombies."""
    count = 0
    for child in descendants(root):
        try:
            state = Path(f"/proc/{child}/stat").read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            continue
        count += child != exclude and state != "Z"
    return count
