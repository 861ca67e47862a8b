"""The desktop's terminals, started by the sandbox's supervisor, out of the launched programs' reach (rt52b).

rt51b made the sandbox's ``/usr/bin/xterm`` a wrapper that starts the real binary with a fixed environment (no user
resources: what a key types is what the guard's model of the terminal line reads). The real binary stayed readable
and executable at ``/.macrohard/xterm``: a program the guard let run (with the network ``none`` there is no Rule of
Two to ask on) found it by a glob, or copied it, and started it with ``XENVIRONMENT`` naming a project file whose
translations made F5 type and submit a command nobody reviewed. And whatever the environment, Xt reads the X
server's ``RESOURCE_MANAGER`` and ``SCREEN_RESOURCES`` root properties, which any X client on the desktop can set.

Now every program the supervisor starts (the X server, the window manager, each ``desktop_launch``) starts under
``CONFINE``: a Landlock domain that cannot read or execute anything under ``/.macrohard`` (nor ptrace, so nor open
``/proc/PID/exe`` or ``/proc/PID/root`` of, a process outside it), inherited by all it starts. ``/usr/bin/xterm`` is
``WRAPPER``: it refuses ``-xrm`` and asks, through a FIFO, ``TERMINALS`` — a process the supervisor started outside
the domain — to start the real binary with a fixed environment, its shell (or ``-e`` command) under ``CONFINE`` again.
Before each start ``TERMINALS`` deletes the two resource properties, and it watches them on a connection of its own
until the terminal's first window exists (Xt reads them when it connects, before it makes a window; the window's
maker is known by the X server's X-Resource extension, the pid of its socket's peer, which no client can set): a
change in between closes the terminal (exit 3). A kernel without Landlock (before 5.13) keeps rt51b's wrapper, and the run's
sandbox description says the terminal is not a boundary there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from macrohard.envs import landlock, xauth

PLACE = "/.macrohard"
REAL_XTERM = f"{PLACE}/xterm"
CONFINE_PATH = f"{PLACE}/confine"
TERMINALS_PATH = f"{PLACE}/terminals.py"
REQUESTS = f"{PLACE}/terminal-requests"

# Run as `/.macrohard/confine ARGV...`: a Landlock domain (execute and read files: only outside /.macrohard), then
# ARGV. `-I`: the launch's environment and folder (PYTHONPATH, a `ctypes.py` beside it) do not reach this code.
CONFINE = r'''#!/usr/bin/python3 -IS
import ctypes, os, struct, sys
EXECUTE, READ_FILE = 1, 4
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
def fail(what):
    sys.stderr.write("macrohard: cannot confine the program (%s: %s)\n" % (what, os.strerror(ctypes.get_errno())))
    sys.exit(126)
# rt54b: from ABI 6 on, the domain is scoped off signals too: its programs signal only what is in it (their own), not
# the supervisor, the spawner, the X server or another launch's or terminal's programs
abi = libc.syscall(ctypes.c_long(444), None, ctypes.c_long(0), ctypes.c_long(1))
attr = struct.pack("=QQQ", EXECUTE | READ_FILE, 0, 2) if abi >= 6 else struct.pack("=Q", EXECUTE | READ_FILE)
ruleset = libc.syscall(ctypes.c_long(444), attr, ctypes.c_long(len(attr)), ctypes.c_long(0))
if ruleset < 0:
    fail("landlock_create_ruleset")
for name in os.listdir("/"):
    if name == "@NAME@":
        continue
    try:
        fd = os.open("/" + name, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        continue
    rule = struct.pack("=Qi", EXECUTE | READ_FILE, fd)
    if libc.syscall(ctypes.c_long(445), ctypes.c_long(ruleset), ctypes.c_long(1), rule, ctypes.c_long(0)) != 0:
        fail("landlock_add_rule /" + name)
    os.close(fd)
if libc.prctl(38, 1, 0, 0, 0) != 0:
    fail("PR_SET_NO_NEW_PRIVS")
if libc.syscall(ctypes.c_long(446), ctypes.c_long(ruleset), ctypes.c_long(0)) != 0:
    fail("landlock_restrict_self")
os.close(ruleset)
os.environ["XAUTHORITY"] = "@UNTRUSTED@"  # x57: an untrusted X client (the trusted cookie is under /.macrohard)
if len(sys.argv) < 2:
    sys.exit(0)
try:
    os.execvp(sys.argv[1], sys.argv[1:])
except OSError as exc:
    sys.stderr.write("%s: %s\n" % (sys.argv[1], exc.strerror))
    sys.exit(127)
'''.replace("@NAME@", PLACE.lstrip("/")).replace("@UNTRUSTED@", xauth.UNTRUSTED)

# /usr/bin/xterm in the sandbox: refuse -xrm (the guard reads keys by xterm's defaults), then ask TERMINALS for a
# terminal and wait for its exit code. One request is one line, written by one write (under PIPE_BUF).
WRAPPER = r'''#!/bin/bash
# macrohard: the desktop's terminals are started by the sandbox's supervisor (envs/xterminals.py)
i=1
while [ $i -le $# ]; do  # as xterm's parser reads them: an option's value is skipped, whatever it looks like
  a=${!i}
  case $a in
    -e) break ;;
    @VALUED@) i=$((i + 2)) ;;
    @FLAGS@) i=$((i + 1)) ;;
    *) echo "xterm: $a is not available on macrohard's desktop (the guard reads keys by xterm's defaults); the" \
            "options are @LIST@, and -e COMMAND" >&2
       exit 2 ;;
  esac
done
[ $i -le $(($# + 1)) ] || { echo "xterm: ${!#} needs a value" >&2; exit 2; }
r=$(mktemp -u /tmp/.macrohard-xterm.XXXXXXXX) && mkfifo -m 600 "$r" || exit 1
trap 'rm -f "$r"' EXIT
line=$(printf '%s\0' "$PWD" "$$" "$r" "$@" | base64 -w0)
[ ${#line} -lt 4000 ] || { echo "xterm: too many arguments" >&2; exit 2; }
printf '%s\n' "$line" > @REQUESTS@
read -r code < "$r"
[ "$code" = 3 ] && echo "xterm: closed: a program changed the X server's resources while it started" >&2
exit "${code:-1}"
'''.replace("@REQUESTS@", REQUESTS)
# the options a desktop terminal takes (the spawner refuses the rest too): none sets resources (-xrm, -name, -class)
# or runs another program (-lc: luit; -l: a log file)
VALUED = ("-geometry", "-g", "-T", "-title", "-n", "-fa", "-fs", "-fn", "-fb", "-fw", "-bg", "-fg", "-bd", "-bw", "-cr",
          "-ms", "-sl", "-b")
FLAGS = tuple(sign + name for name in ("hold", "ls", "sb", "rv", "j", "s", "u8", "maximized", "iconic", "fullscreen",
                                       "bc", "cu", "ah", "aw", "mb", "rw", "si", "sk", "vb", "wf") for sign in "-+")
# rt58b: resources the desktop's xterm is always given (keys keep xterm's defaults: only title escapes and the left
# and right buttons' selection change). No title from what the terminal prints: an escape a planted file opened held
# the secret `cat` printed after it in the window's WM_NAME, a property every launched program reads. No selection
# made by the pointer: xterm owned what the agent's drag selected as PRIMARY, answered every client that asked for
# it (the untrusted launched programs too) and wrote it to the root's CUT_BUFFER0 (a property they read). ignore()
# still sends the pointer to a program that asked for mouse reports. The middle button's paste is kept.
XRM = ("-xrm", "*allowTitleOps: false", "-xrm", "*VT100.translations: #override \\n"
       + "\\n".join(f"<{e}>: ignore()" for e in ("Btn1Down", "Btn1Motion", "Btn1Up", "Btn3Down", "Btn3Motion",
                                                  "Btn3Up")))
WRAPPER = WRAPPER.replace("@VALUED@", "|".join(VALUED)).replace("@FLAGS@", "|".join(FLAGS)).replace(
    "@LIST@", " ".join(VALUED + FLAGS))

# Started once by the supervisor, outside the confinement: serves WRAPPER's requests.
TERMINALS = r'''#!/usr/bin/python3 -IS
import base64, os, signal, socket, stat, struct, subprocess, sys, threading, time
REAL, CONFINE, REQUESTS, XAUTH = "@REAL@", "@CONFINE@", "@REQUESTS@", "@XAUTH@"
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
       "DISPLAY": os.environ.get("DISPLAY", ""), "XAUTHORITY": XAUTH, "USER": os.environ.get("USER", "user"), "TERM": "xterm",
       "SHELL": "/bin/bash", "XENVIRONMENT": "/dev/null", "XUSERFILESEARCHPATH": "/dev/null"}
VALUED, FLAGS = set("@VALUED@".split("|")), set("@FLAGS@".split("|"))
XRM = @XRM@
RESOURCE_MANAGER = 23  # a predefined atom
PROPERTY_CHANGE, SUBSTRUCTURE_NOTIFY = 1 << 22, 1 << 19

class X:
    """A raw X connection (the sandbox has no Xlib): only what the watch needs."""
    def __init__(self):
        n = ENV["DISPLAY"].split(":")[1].split(".")[0]
        self.s = socket.socket(socket.AF_UNIX)
        self.s.settimeout(30)
        self.s.connect("/tmp/.X11-unix/X" + n)
        self.s.sendall(b"l\0" + struct.pack("<HHHH2x", 11, 0, 18, 16) + b"MIT-MAGIC-COOKIE-1\0\0" + cookie())
        head = self.read(8)
        if head[0] != 1:
            raise OSError("the X server refused the connection")
        more = self.read(struct.unpack("<H", head[6:8])[0] * 4)
        vlen, nfmt = struct.unpack("<H", more[16:18])[0], more[21]
        self.root = struct.unpack("<I", more[32 + (vlen + 3) // 4 * 4 + 8 * nfmt:][:4])[0]
        self.events = []
    def read(self, n):
        out = b""
        while len(out) < n:
            chunk = self.s.recv(n - len(out))
            if not chunk:
                raise OSError("the X server closed the connection")
            out += chunk
        return out
    def request(self, data):
        """Send a request that has a reply; keep the events read before it; the reply (None for an error)."""
        self.s.sendall(data)
        while True:
            packet = self.read(32)
            if packet[0] == 1:
                return packet + self.read(struct.unpack("<I", packet[4:8])[0] * 4)
            if packet[0] == 0:
                return None
            self.events.append(packet)
    def sync(self):
        self.request(struct.pack("<BxH", 43, 1))  # GetInputFocus
    def atom(self, name):
        b = name.encode(); p = (4 - len(b) % 4) % 4
        return struct.unpack("<I", self.request(struct.pack("<BBHH2x", 16, 0, 2 + (len(b) + p) // 4, len(b))
                                                 + b + b"\0" * p)[8:12])[0]
    def extension(self, name):
        b = name.encode(); p = (4 - len(b) % 4) % 4
        reply = self.request(struct.pack("<BxHH2x", 98, 2 + (len(b) + p) // 4, len(b)) + b + b"\0" * p)
        return reply[9] if reply is not None and reply[8] else None
    def exists(self, atom):
        reply = self.request(struct.pack("<BBHIIIII", 20, 0, 6, self.root, atom, 0, 0, 0))  # GetProperty, any type
        return reply is not None and struct.unpack("<I", reply[8:12])[0] != 0
    def pid_of(self, window, xres):
        """The pid of the client that made ``window``, as the X server knows it (its socket's peer: nothing a
        client can set, unlike a window's _NET_WM_PID). X-Resource's QueryClientIds, LocalClientPID."""
        reply = self.request(struct.pack("<BBHIII", xres, 4, 4, 1, window, 2))
        if reply is None or struct.unpack("<I", reply[8:12])[0] < 1 or len(reply) < 48:
            return None
        mask, length = struct.unpack("<II", reply[36:44])
        return struct.unpack("<I", reply[44:48])[0] if mask == 2 and length == 4 else None

def cookie():
    """The trusted cookie (x57): the first MIT-MAGIC-COOKIE-1 of XAUTH (libXau's format)."""
    with open(XAUTH, "rb") as f:
        raw, at = f.read(), 0
    while at < len(raw):
        fields, at = [], at + 2
        for _ in range(4):
            n = struct.unpack(">H", raw[at:at + 2])[0]
            fields.append(raw[at + 2:at + 2 + n])
            at += 2 + n
        if fields[2] == b"MIT-MAGIC-COOKIE-1" and len(fields[3]) == 16:
            return fields[3]
    raise OSError("no cookie in " + XAUTH)

def answer(path, code):
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, b"%d\n" % code)
    except OSError:
        pass
    finally:
        os.close(fd)

def kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass

def parse(args):
    """(options, command or None) as xterm's own parser reads ``args``, or None for an option not on the lists: an
    option takes its value whatever it looks like (`-n -e -xrm ...` is -n "-e", then -xrm), so the command starts at
    the first -e that is not a value, and -xrm, -name, -class and the rest are refused, not passed on."""
    options, i = [], 0
    while i < len(args):
        a = args[i]
        if a == "-e":
            return options, args[i + 1:]
        if a in FLAGS:
            options.append(a)
            i += 1
        elif a in VALUED and i + 1 < len(args):
            options += [a, args[i + 1]]
            i += 2
        else:
            return None
    return options, None

def start(cwd, wrapper, reply, args):
    parsed = parse(args)
    if parsed is None:
        return answer(reply, 2)
    options, command = parsed
    given = command is not None
    command = command or ["/bin/bash"]
    if not given and "-ls" in options:
        command = ["/bin/bash", "-l"]
    if not any(a in ("-T", "-title", "-n") for a in options):
        name = os.path.basename(command[0]) if given else "xterm"
        options = [*options, "-T", name, "-n", name]
    try:
        x = X()
        screen = x.atom("SCREEN_RESOURCES")
        xres = x.extension("X-Resource")
        if xres is None:
            return answer(reply, 1)
        x.s.sendall(struct.pack("<BxHII", 2, 4, x.root, 1 << 11) + struct.pack("<I", PROPERTY_CHANGE | SUBSTRUCTURE_NOTIFY))
        for atom in (RESOURCE_MANAGER, screen):
            x.s.sendall(struct.pack("<BxHII", 19, 3, x.root, atom))  # DeleteProperty
        x.sync()
        x.events.clear()  # from here on every change is an event; one made since the deletion shows as a property
        if x.exists(RESOURCE_MANAGER) or x.exists(screen):
            return answer(reply, 3)
    except (OSError, TypeError, struct.error):
        return answer(reply, 1)
    try:
        proc = subprocess.Popen([REAL, *options, *XRM, "-e", CONFINE, *command], cwd=cwd if os.path.isdir(cwd) else "/",
                                env=ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return answer(reply, 127)
    threading.Thread(target=follow, args=(proc, wrapper), daemon=True).start()
    # Until the terminal's first top-level window exists, any change to the resource properties may be what its
    # Xt read when it connected: then it is closed. A window made before a change was made after the reading.
    verdict, deadline, tainted, candidates = None, time.monotonic() + 30, False, []
    try:
        while verdict is None and proc.poll() is None:
            if time.monotonic() > deadline:
                verdict = "late"
                break
            x.s.settimeout(0.1)
            try:
                x.events.append(x.read(32))
            except socket.timeout:
                pass
            x.s.settimeout(30)
            for event in x.events:
                code = event[0] & 0x7F
                if code == 28 and struct.unpack("<I", event[4:8])[0] == x.root and \
                        struct.unpack("<I", event[8:12])[0] in (RESOURCE_MANAGER, screen) and event[16] == 0:
                    tainted = True
                elif code == 16 and struct.unpack("<I", event[4:8])[0] == x.root:
                    candidates.append((struct.unpack("<I", event[8:12])[0], tainted))
            x.events.clear()
            for window, before in list(candidates):  # a window the terminal made: it had read its resources
                pid = x.pid_of(window, xres)
                if pid == proc.pid:
                    verdict = "tainted" if before else "clean"
                    break
                candidates.remove((window, before))
    except (OSError, struct.error):
        verdict = "lost"
    finally:
        x.s.close()
    if verdict in ("tainted", "late", "lost"):
        kill(proc)
        proc.wait()
        return answer(reply, 3)
    answer(reply, proc.wait())

def follow(proc, wrapper):
    """The terminal goes with the wrapper that asked for it (a launch killed, the desktop reset)."""
    while proc.poll() is None:
        try:
            os.kill(wrapper, 0)
        except ProcessLookupError:
            kill(proc)
            return
        except OSError:
            pass
        time.sleep(0.5)

def serve():
    with open(REQUESTS, "r+b", buffering=0) as requests:  # read and write: never an end of file
        for line in requests:
            try:
                cwd, wrapper, reply, *args = base64.b64decode(line.strip()).decode().split("\0")[:-1]
                wrapper = int(wrapper)
            except ValueError:
                continue
            threading.Thread(target=start, args=(cwd, wrapper, reply, args), daemon=True).start()

serve()
'''.replace("@REAL@", REAL_XTERM).replace("@CONFINE@", CONFINE_PATH).replace("@REQUESTS@", REQUESTS).replace(
    "@XAUTH@", xauth.TRUSTED).replace(
    "@VALUED@", "|".join(VALUED)).replace("@FLAGS@", "|".join(FLAGS)).replace("@XRM@", repr(XRM))


def supervised() -> bool:
    """Whether the desktop's terminals are a boundary here: Landlock's file rules (Linux 5.13+) and a Python for the
    two helpers inside the sandbox."""
    return landlock.abi() >= 1 and os.access("/usr/bin/python3", os.X_OK)


def binds(state: str) -> list[str]:
    """bwrap arguments for the helpers above (files written under ``state``); [] where ``supervised()`` is false."""
    real = shutil.which("xterm")
    if real is None or not supervised():
        return []
    files = {"confine": (CONFINE, 0o755), "terminals.py": (TERMINALS, 0o755), "xterm-wrapper": (WRAPPER, 0o755)}
    for name, (text, mode) in files.items():
        Path(state, name).write_text(text)
        os.chmod(os.path.join(state, name), mode)
    fifo = os.path.join(state, "terminal-requests")
    os.mkfifo(fifo, 0o600)
    return ["--ro-bind", os.path.realpath(real), REAL_XTERM, "--ro-bind", os.path.join(state, "confine"), CONFINE_PATH,
            "--ro-bind", os.path.join(state, "terminals.py"), TERMINALS_PATH, "--ro-bind", fifo, REQUESTS,
            "--ro-bind", os.path.join(state, "xterm-wrapper"), "/usr/bin/xterm"]
