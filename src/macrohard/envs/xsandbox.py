"""The desktop's sandbox: Xvfb, the window manager and every program on it inside one bubblewrap.

The root is the shell sandbox's (``sandbox.bwrap_argv``): ``/usr`` read-only, an allow-listed
``/etc``, private ``/tmp``, fresh ``/proc`` in its own pid namespace, its own network namespace
unless the task's network is ``full``, the workspace the only writable place of the host's (HOME
and /tmp are the sandbox's own, gone with it). Inside, a small bash
supervisor starts Xvfb (``-nolisten tcp -nolisten local``: only its unix socket) and, on request,
each program in its own session, and reports each start and exit on its stdout.

The X socket is the one thing shared: the sandbox's ``/tmp/.X11-unix`` is a private directory of
this process (mode 0700 parent), and the display number, the same inside and on the host, is
reserved by a host ``/tmp/.X<n>-lock`` with our pid as X servers do; ``/tmp/.X11-unix/X<n>`` on the
host is a symlink to the sandbox's socket. So our one X connection (input over XTEST, mss
screenshots) and any X client on the host use ``:<n>`` as usual, while nothing in the sandbox can
reach another display or the host's X servers (with network ``full`` the host's abstract sockets
share its namespace: ``envs.landlock`` scopes the sandbox off them where the kernel can, Linux 6.12+).
``--die-with-parent`` and the pid namespace take every process down with this one, killed or not.

x57: Xvfb starts with ``-auth`` and the SECURITY extension: this process, the window manager and the terminals hold
the trusted cookie, every launched program an untrusted one (``envs/xauth.py``).
"""

from __future__ import annotations

import base64
import os
import random
import shlex
import shutil
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from macrohard.envs import landlock, sockdirs, xauth, xterminals
from macrohard.envs.limits import Limits, rlimit_pairs, ulimit_line
from macrohard.envs.sandbox import bwrap_argv, check_available
from macrohard.envs.shell import descendants
from macrohard.errors import ConfigError, MissingDependency, SandboxUnavailable

X11_DIR = "/tmp/.X11-unix"
HOME = "/tmp/home"
SUPERVISOR = r"""
mkdir -p "$HOME"
confine=()  # rt52b: every program started here is confined off /.macrohard (envs/xterminals.py), where it can be
if [ -x @CONFINE@ ]; then
  confine=(@CONFINE@)
  @TERMINALS@ </dev/null >/dev/null 2>&1 &  # the one process outside: it starts the terminals
fi
launch() {  # launch ID BASE64(DIR NUL ARGV...): run ARGV in DIR in its own session; report its pid and exit
  local id=$1; local -a a; mapfile -d '' -t a < <(printf %s "$2" | base64 -d)
  ( cd "${a[0]}" 2>/dev/null || cd /; setsid "${confine[@]}" "${a[@]:1}" </dev/null >/dev/null 2>&1 & p=$!
    echo "started $id $p"; wait "$p"; echo "exited $id $?" ) &
}
echo ready
exec 2>/dev/null  # nothing after start-up may fill a pipe nobody reads
while IFS= read -r line; do eval "$line"; done
""".replace("@CONFINE@", xterminals.CONFINE_PATH).replace("@TERMINALS@", xterminals.TERMINALS_PATH)


# The desktop's xterm reads no user resources, whatever its environment says (rt50b's open item, rt51b). What a key
# does in a terminal is read at its start from files its environment and argv name: Xt's resource files
# (XENVIRONMENT, the user app-defaults search path, ~/.Xdefaults, `-xrm`: key translations), libX11's compose table
# and readline's inputrc and bash's start-up files for its shell. The guard's model of the terminal line assumes the
# defaults, and a variable named at run time (`a=XENVIRON; export ${a}MENT=notes.txt; exec xterm`) is not in any
# command it reads. So in the sandbox /usr/bin/xterm (and uxterm, lxterm, which run it) is this wrapper: it starts
# the real binary with a fixed environment (the sandbox's own, nothing the launch set), Xt's resource files pointed
# at /dev/null, HOME the sandbox's, whose start-up files are empty and read-only, and refuses `-xrm` (rt58b: it gives
# xterm its own, ``xterminals.XRM``: no title from what it prints, no selection made by the pointer).
REAL_XTERM = "/.macrohard/xterm"
HOME_FILES = (".Xdefaults", ".XCompose", ".inputrc", ".bashrc", ".bash_profile", ".bash_login", ".profile")
XTERM_WRAPPER = r"""#!/bin/bash
# macrohard: the desktop's xterm reads no user resources (envs/xsandbox.py)
i=1
while [ $i -le $# ]; do  # rt52b: as xterm's parser reads them (`-n -e -xrm …` is -n "-e", then -xrm)
  a=${!i}
  case $a in
    -e) break ;;
    @VALUED@) i=$((i + 2)) ;;
    @FLAGS@) i=$((i + 1)) ;;
    *) echo "xterm: $a is not available on macrohard's desktop (the guard reads keys by xterm's defaults)" >&2
       exit 2 ;;
  esac
done
[ $i -le $(($# + 1)) ] || { echo "xterm: ${!#} needs a value" >&2; exit 2; }
exec /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=@HOME@ LANG=C.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY=@XAUTH@ USER="$USER"   TERM=xterm SHELL=/bin/bash XENVIRONMENT=/dev/null XUSERFILESEARCHPATH=/dev/null @REAL@ @XRM@ "$@"
""".replace("@HOME@", HOME).replace("@XAUTH@", xauth.UNTRUSTED).replace("@REAL@", REAL_XTERM).replace("@XRM@", shlex.join(xterminals.XRM)).replace(
    "@VALUED@", "|".join(xterminals.VALUED)).replace(
    "@FLAGS@", "|".join(xterminals.FLAGS))


def terminal_binds(state: str) -> list[str]:
    """bwrap arguments that make the sandbox's xterm the wrapper above (files written under ``state``)."""
    real = shutil.which("xterm")
    if real is None:
        return []
    empty = os.path.join(state, "empty")
    Path(empty).write_text("")
    os.chmod(empty, 0o444)
    argv = xterminals.binds(state)  # rt52b: the real binary out of the launched programs' reach, where it can be
    if not argv:  # a kernel without Landlock: rt51b's wrapper, which a program can go past
        wrapper = os.path.join(state, "xterm")
        Path(wrapper).write_text(XTERM_WRAPPER)
        os.chmod(wrapper, 0o755)
        argv = ["--ro-bind", os.path.realpath(real), REAL_XTERM, "--ro-bind", wrapper, "/usr/bin/xterm"]
    for name in HOME_FILES:
        argv += ["--ro-bind", empty, f"{HOME}/{name}"]
    return argv


def check_network(network: str) -> None:
    if network not in ("none", "loopback", "full"):
        raise ConfigError(f"the desktop supports network none, loopback or full, not {network!r}; use the "
                          "browser environment for an allow-list of hosts")


class Program:
    """A program started inside the desktop sandbox (its pid is the sandbox's)."""

    def __init__(self, argv: list[str]) -> None:
        self.args = argv
        self.pid: int | None = None
        self.returncode: int | None = None
        self.started = threading.Event()
        self.exited = threading.Event()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        self.exited.wait(timeout)
        return self.returncode


class DesktopSandbox:
    """One bubblewrap holding a private X server and the programs shown on it."""

    def __init__(self, workspace: str, *, size: tuple[int, int], network: str = "none", bwrap: str = "bwrap",
                 bind: str | None = None) -> None:
        check_network(network)
        self.workspace = workspace
        self.bind = bind  # the folder bound in, the workspace in it (rt46: a copy-on-write layer's shared view)
        self.size = size
        self.network = network
        self.bwrap = bwrap
        self.display = ""
        self.socket_path = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self.xvfb: Program | None = None
        self._programs: dict[str, Program] = {}
        self._ids = 0
        self._state: str | None = None
        self._claimed: tuple[str, str] | None = None
        self._number: int | None = None
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, *, untrusted: bool = True) -> str:
        """Start the sandbox and its X server; return the host's display name (``:<n>``). With ``untrusted`` false
        the caller makes the launched programs' cookie (``untrusted(dpy)``, on its own first connection) before it
        launches anything."""
        for binary, package in (("Xvfb", "xvfb"), ("setsid", "util-linux")):
            if not shutil.which(binary):
                raise MissingDependency(f"the desktop needs {binary}: apt-get install {package}")
        bwrap = check_available(self.bwrap)
        # 0700: only we reach the socket; short, for the X socket's path (rel54: under a deep TMPDIR, "Xvfb did not
        # start": the host's path of its socket was longer than a unix socket's 108 bytes)
        self._state = sockdirs.make("macrohard-desktop-", "the desktop's X socket")
        sockets = os.path.join(self._state, "x11")
        os.mkdir(sockets)
        # The same display number inside and out, reserved on the host first: a client inside tries
        # the abstract socket @/tmp/.X11-unix/X<n> before the file, and with network "full" it would
        # reach a host X server of that number; the reservation keeps any host server off it.
        number = self._claim_display(sockets)
        self.display = f":{number}"
        self.socket_path = os.path.join(sockets, f"X{number}")
        # x57: Xvfb admits one cookie, held by the host, the window manager and the terminals; launched programs get
        # an untrusted one (``untrusted``, once the server runs: ``envs/xauth.py``)
        self._number = number
        cookie = os.urandom(16)
        record = xauth.entry(xauth.WILD, b"", number, cookie)
        for folder in ("boot", "public"):
            os.mkdir(os.path.join(self._state, folder), 0o700)
        xauth.write(os.path.join(self._state, "boot", "xauth"), record)
        xauth.write(os.path.join(self._state, "trusted-xauth"), record)
        auth = ["--ro-bind", os.path.join(self._state, "boot"), xauth.BOOT_DIR,
                "--ro-bind", os.path.join(self._state, "public"), xauth.PUBLIC_DIR]
        terminals = terminal_binds(self._state)
        if xterminals.supervised() and terminals:  # off the launched programs' Landlock domain
            auth += ["--ro-bind", os.path.join(self._state, "trusted-xauth"), xauth.TRUSTED]
        xauth.HOST.add(number, cookie)
        # HOME is private to the sandbox, not the workspace: files the agent writes there with the file
        # tools never become start-up files, X resources (key translations) or history of the programs.
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "LANG": "C.UTF-8", "DISPLAY": self.display,
               "USER": os.environ.get("USER", "user"), "TERM": "xterm", "SHELL": "/bin/bash"}
        limits = ulimit_line(rlimit_pairs(Limits(memory_mb=None, cpu_seconds=None), memory_by_cgroup=True))
        # xterm and other programs started as root drop privileges (setgroups), which a user namespace
        # refuses: when we are root, the sandbox's user is an ordinary uid mapped to ours.
        user = ["--uid", "1000", "--gid", "1000"] if os.getuid() == 0 else []
        argv = [*bwrap_argv(bwrap, self.workspace, self.network, bind=self.bind),
                *git_dirs_read_only(self.workspace), *user,
                "--bind", sockets, X11_DIR,
                "--ro-bind-try", "/var/cache/fontconfig", "/var/cache/fontconfig", *terminals, *auth,
                "bash", "-c", f"{limits}\n{SUPERVISOR}"]
        self.proc = landlock.popen(argv, cwd=self.workspace, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True, bufsize=0)
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        if first.strip() != b"ready":
            err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
            raise SandboxUnavailable(f"the desktop sandbox did not start: {(first.decode() + err).strip()[:600]}. "
                                     "Check that bubblewrap works (`bwrap --ro-bind / / true`).")
        self._reader = threading.Thread(target=self._read_events, daemon=True)
        self._reader.start()
        width, height = self.size
        self.xvfb = self.launch(["Xvfb", self.display, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
                                 "-nolisten", "local", "+extension", "XTEST", "+extension", "SECURITY", "-noreset",
                                 "-auth", f"{xauth.BOOT_DIR}/xauth"], "/")
        path = os.path.join(sockets, f"X{number}")
        deadline = time.monotonic() + 15
        while not _listening(path):
            if self.xvfb.poll() is not None or time.monotonic() > deadline:
                raise MissingDependency(f"Xvfb did not start in the desktop sandbox (exit code {self.xvfb.poll()})")
            time.sleep(0.01)
        if untrusted:
            self.untrusted()
        return self.display

    def untrusted(self, dpy: Any = None) -> None:
        """Have the X server make the launched programs' cookie (trust level untrusted, no timeout) over a trusted
        connection (``dpy``, or one of our own), and write it where the sandbox reads it (``xauth.UNTRUSTED``)."""
        own = dpy is None
        if own:
            try:
                from Xlib import display
            except ImportError as exc:
                raise MissingDependency("the desktop needs python-xlib: pip install 'macrohard[computer]'") from exc
            dpy = display.Display(self.display)
        try:
            if not dpy.has_extension("SECURITY"):
                raise MissingDependency("the desktop's X server has no SECURITY extension: launched programs would "
                                        "be trusted X clients")
            reply = dpy.security_generate_authorization(xauth.COOKIE, timeout=0, trust_level=1)
        finally:
            if own:
                dpy.close()
        assert self._state is not None and self._number is not None
        xauth.write(os.path.join(self._state, "public", "xauth"),
                    xauth.entry(xauth.WILD, b"", self._number, bytes(reply.auth_data_return)))

    def boot_file(self, name: str, text: str) -> str:
        """Write a start-up file the window manager reads (its configuration) beside the boot cookie; return its path
        in the sandbox (read-only there)."""
        assert self._state is not None
        with open(os.path.join(self._state, "boot", name), "w", encoding="utf-8") as f:
            f.write(text)
        return f"{xauth.BOOT_DIR}/{name}"

    def forget_boot(self) -> None:
        """Delete the start-up copy of the trusted cookie (in the sandbox's /tmp, readable by a launched program): Xvfb
        read it at its start, the window manager when it connected; call this once both have."""
        if self._state is not None:
            try:
                os.unlink(os.path.join(self._state, "boot", "xauth"))
            except FileNotFoundError:
                pass

    def _claim_display(self, sockets: str) -> int:
        """A free host display number ``n`` whose socket path leads to ``sockets/X<n>`` (reserved like an X server)."""
        if not os.path.isdir(X11_DIR):
            os.makedirs(X11_DIR, exist_ok=True)
            os.chmod(X11_DIR, 0o1777)
        for name in os.listdir(X11_DIR):  # reservations left by killed runs
            if name[1:].isdigit() and os.path.islink(f"{X11_DIR}/{name}"):
                _sweep_stale(f"/tmp/.{name}-lock", f"{X11_DIR}/{name}")
        first = random.randrange(200, 2000)
        for n in range(first, first + 400):
            lock, link = f"/tmp/.X{n}-lock", f"{X11_DIR}/X{n}"
            try:
                fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
            except FileExistsError:
                continue
            os.write(fd, f"{os.getpid():>10}\n".encode())
            os.close(fd)
            try:
                os.symlink(f"{sockets}/X{n}", link)
            except FileExistsError:
                os.unlink(lock)
                continue
            self._claimed = (lock, link)
            return n
        raise MissingDependency("no free X display number between 200 and 2400; remove stale /tmp/.X*-lock files")

    def _read_events(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for raw in self.proc.stdout:
            what, _, rest = raw.decode(errors="replace").strip().partition(" ")
            ident, _, value = rest.partition(" ")
            program = self._programs.get(ident)
            if program is None or not value.lstrip("-").isdigit():
                continue
            if what == "started":
                program.pid = int(value)
                program.started.set()
            elif what == "exited":
                program.returncode = int(value)
                program.exited.set()
        for program in self._programs.values():  # the sandbox is gone, and everything in it
            if program.returncode is None:
                program.returncode = -9
            program.started.set()
            program.exited.set()

    def describe(self) -> dict[str, Any]:
        """What the desktop's sandbox is (for ``run.meta``)."""
        return {"isolation": "bwrap", "network": self.network, "display": self.display, "workspace": self.workspace,
                "home": HOME, "writable": [self.workspace], "pid_namespace": True,
                "terminals": ("supervised: started outside the launched programs' Landlock domain" if
                              xterminals.supervised() else "wrapped only (no Landlock here): a program can start "
                              "the real terminal with its own resources"),
                "x_clients": "launched programs untrusted (X SECURITY: no XTEST, screen reads, grabs or focus)",
                "copy_on_write": self.bind is not None,
                "network_namespace": self.network != "full"}

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.xvfb is not None and \
            self.xvfb.poll() is None

    def server_pid(self) -> int | None:
        """Xvfb's process id as the host sees it."""
        if self.proc is None:
            return None
        for pid in descendants(self.proc.pid):
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() == "Xvfb":
                    return pid
            except OSError:
                continue
        return None

    def answers(self, timeout: float) -> bool:
        """Whether the X server answers a new client's hello within ``timeout`` seconds (on a connection of its own:
        the desktop's one X connection may be the one that waits). A stopped or wedged Xvfb takes the connection
        (the kernel does) and says nothing."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(timeout)
            try:
                probe.connect(self.socket_path)
                probe.sendall(b"l\0" + struct.pack("<HHHH", 11, 0, 0, 0) + b"\0\0")  # X11 setup, no authorization
                return bool(probe.recv(8))
            except OSError:
                return False

    def kill_all(self) -> None:
        """SIGKILL the sandbox and all in it, from any thread (``close`` then tidies up, on the desktop's own)."""
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass

    def close(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, 9)  # bubblewrap: its pid namespace, and all in it, goes with it
            except ProcessLookupError:
                pass
            self.proc.wait()
            if self._reader is not None:
                self._reader.join(5)  # it sees the end of the supervisor's output, and marks every program exited
            for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()
            self.proc = None
        if self._number is not None:
            xauth.HOST.remove(self._number)
            self._number = None
        if self._claimed is not None:
            for path in reversed(self._claimed):
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
            self._claimed = None
        if self._state is not None:
            shutil.rmtree(self._state, ignore_errors=True)
            self._state = None

    # -- programs ----------------------------------------------------------------------------

    def launch(self, argv: list[str], cwd: str | None = None) -> Program:
        """Start ``argv`` inside the sandbox, in ``cwd`` (default: the workspace)."""
        program = Program(argv)
        with self._lock:
            self._ids += 1
            ident = f"p{self._ids}"
            self._programs[ident] = program
            # only base64 crosses into the supervisor's eval: no quoting to get wrong
            packed = base64.b64encode("\0".join([cwd or self.workspace, *argv]).encode()).decode()
            self._send(f"launch {ident} {packed}")
        if not program.started.wait(10):
            raise MissingDependency("the desktop sandbox did not answer; it is restarted on the next action")
        return program

    def kill(self, program: Program) -> None:
        if program.pid is not None and program.returncode is None:
            self._send(f"kill -KILL -- -{program.pid} 2>/dev/null")
            program.exited.wait(5)

    def _send(self, line: str) -> None:
        if self.proc is None or self.proc.stdin is None:
            raise BrokenPipeError("the desktop sandbox is not running")
        self.proc.stdin.write(line.encode() + b"\n")


GIT_WALK_LIMIT = 20_000  # folders looked at for repositories' own folders; a larger tree is walked this far


def git_dirs_read_only(workspace: str) -> list[str]:
    """``--ro-bind`` arguments for every repository's own folder in ``workspace`` (a ``.git``, or a folder laid out
    as one: ``changes.looks_like_git_dir``), so programs on the desktop cannot change them.

    rt45b: the desktop works on its workspace in place (the shell works on a copy-on-write layer whose ``.git`` is
    never written back). With ``-w ~/project``, a program launched on the desktop ran ``git config core.fsmonitor
    'CMD'`` (the guard allows it: it is the sandbox's own git) and the person's next ``git status`` on the host ran
    CMD, unsandboxed; a hook or ``core.hooksPath`` the same. Read-only, git in the desktop still reads the
    repository (log, diff, status); a commit there fails, as a shell run's commits never reach the person's
    repository either."""
    from macrohard.envs.changes import looks_like_git_dir

    out: list[str] = []
    seen = 0
    for top, dirs, files in os.walk(workspace):
        seen += 1
        if seen > GIT_WALK_LIMIT:
            break
        keep = []
        for name in dirs:
            path = os.path.join(top, name)
            if os.path.islink(path):
                continue
            if name == ".git" or looks_like_git_dir(path):
                out += ["--ro-bind", path, path]
            else:
                keep.append(name)
        dirs[:] = keep
        if ".git" in files:  # a worktree's or submodule's gitlink: the file names where its repository is
            path = os.path.join(top, ".git")
            if not os.path.islink(path):
                out += ["--ro-bind", path, path]
    if looks_like_git_dir(workspace):  # the workspace itself laid out as a repository's folder
        out += [arg for name in ("HEAD", "config", "hooks", "refs", "objects", "commondir", "packed-refs",
                                 "info", "worktrees")
                if os.path.lexists(p := os.path.join(workspace, name)) and not os.path.islink(p)
                for arg in ("--ro-bind", p, p)]
    return out


def _listening(path: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
        except OSError:
            return False
    return True


def _sweep_stale(lock: str, link: str) -> None:
    """Remove a display reservation left by a process that is gone (a killed run), if it was ours."""
    try:
        target = os.readlink(link)
        pid = int(Path(lock).read_text().strip())
    except (OSError, ValueError):
        return
    state = os.path.dirname(os.path.dirname(target))  # <tmp>/macrohard-desktop-XXXX/x11/X<n>
    if not os.path.basename(state).startswith("macrohard-desktop-") or \
            os.path.dirname(state) not in sockdirs.bases() or os.lstat(link).st_uid != os.getuid():
        return  # not a reservation this user's desktops made
    try:
        os.kill(pid, 0)
        return  # its process lives on
    except ProcessLookupError:
        pass
    except PermissionError:
        return
    for path in (link, lock):
        try:
            os.unlink(path)
        except OSError:
            pass
    shutil.rmtree(state, ignore_errors=True)  # the dead run's socket directory


class HangWatch:
    """Watches one desktop step from a thread of its own: once the step has run ``after`` seconds, or has reached
    its deadline (the end of the run's wall budget), an X server that answers no new client within ``probe``
    seconds is killed, with its whole sandbox. The step's X calls (python-xlib, mss) have no timeout: before
    (rel39) a stopped Xvfb held the run, past any budget, until it was killed by hand; now they fail at once."""

    def __init__(self, sandbox: DesktopSandbox, deadline: float | None, *, after: float = 2.0,
                 probe: float = 2.0) -> None:
        self.sandbox, self.deadline, self.after, self.probe = sandbox, deadline, after, probe
        self.fired = ""  # what was seen, once the server was killed
        self.died = False  # it had not stopped but died (nothing listened on its socket): rel45
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name="macrohard-desktop-watch", daemon=True)

    def __enter__(self) -> HangWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:  # a kill in flight ends before the step's result is read
            self._done.set()

    @property
    def past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def _watch(self) -> None:
        started = time.monotonic()
        while not self._done.wait(0.25):
            late = self.past_deadline
            if time.monotonic() - started < self.after and not late:
                continue
            probe = 1.0 if late else self.probe
            if self.sandbox.answers(probe):
                continue
            with self._lock:
                if self._done.is_set():
                    return
                # a stopped or wedged Xvfb still has its socket (the kernel takes the connection); a dead one has
                # nobody listening: that is a crash (killed, the OOM killer), said as one, not as a hang
                self.died = not _listening(self.sandbox.socket_path)
                self.fired = ("it had died (nothing listened on its socket)" if self.died else
                              f"it answered nothing for {probe:g}s, {time.monotonic() - started:.0f}s into the step")
                self.sandbox.kill_all()
            return
