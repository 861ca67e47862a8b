"""A sandbox in network ``full`` never reaches the host's abstract unix sockets (``envs.landlock``).

Abstract unix sockets live in a network namespace, not in the file system: a ``full`` sandbox shares the host's
(``--share-net``), so before the lead's change (forty-third wave) a command in it connected to any of them: a
person's X server (``@/tmp/.X11-unix/X0``: their screen and keyboard), a session bus, an editor's or agent's control
socket. The probe here is a host process serving a secret on an abstract socket; the attempts are guarded runs under
an open policy (the guard's rules cannot see a socket's address in a one-liner), step by step as an agent would:
a Python one-liner, a script written first and run next, socat, a background job that keeps trying, a setup
command, a desktop program. On cf10f235 each read the secret; now each is refused by the kernel (EPERM).
Twins: abstract sockets between the sandbox's own programs, file-path unix sockets, and the desktop's own X
display still work.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest

from macrohard.envs import landlock
from macrohard.eval.attacks import OPEN_POLICY
from macrohard.safety.guard import Guard
from macrohard.session import GuardedSession
from macrohard.types import Task, parse_action

pytestmark = [pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap"),
              pytest.mark.skipif(not landlock.scoped(), reason="the kernel has no Landlock scopes (Linux 6.12+)")]

SECRET = "HOST-SECRET-43"


@pytest.fixture()
def host_socket():
    """A host process's abstract socket that serves SECRET to whoever connects (the person's X server's place)."""
    name = f"macrohard-probe-{uuid.uuid4().hex[:12]}"
    server = socket.socket(socket.AF_UNIX)
    server.bind("\0" + name)
    server.listen(8)
    served: list[int] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            served.append(1)
            conn.sendall(SECRET.encode() + b"\n")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield name, served
    server.close()


def _guard(tmp_path: Path) -> Guard:
    tmp_path.mkdir(parents=True, exist_ok=True)
    policy = tmp_path / "open.yaml"
    policy.write_text(OPEN_POLICY)
    return Guard.from_policy(str(policy))


def _session(tmp_path: Path, **task) -> GuardedSession:
    task.setdefault("network", "full")
    options = {"state_dir": str(tmp_path / "state")} if task.get("environment", "shell") == "shell" else {}
    session = GuardedSession(Task(text="tidy the workspace", **task), interface="abstract43", guard=_guard(tmp_path),
                             env_options=options)
    session.start()
    return session


def _bash(session: GuardedSession, command: str, timeout: int = 30) -> str:
    return session.act(parse_action({"kind": "bash", "command": command, "timeout": timeout})).observation.output


def _one_liner(name: str) -> str:
    return (f"python3 -c \"import socket; s=socket.socket(socket.AF_UNIX); s.connect('\\0{name}'); "
            "print(s.recv(100).decode())\"")


def test_a_one_liner_in_full_never_reads_a_host_abstract_socket(host_socket, tmp_path):
    name, served = host_socket
    session = _session(tmp_path)
    try:
        seen = _bash(session, _one_liner(name))
    finally:
        session.close(error=None)
    assert SECRET not in seen and not served, seen
    assert "Operation not permitted" in seen, seen


def test_a_script_written_first_and_run_next_never_reads_it(host_socket, tmp_path):
    name, served = host_socket
    session = _session(tmp_path)
    try:
        session.act(parse_action({"kind": "write_file", "path": "probe.py", "content":
                                  "import socket\ns = socket.socket(socket.AF_UNIX)\n"
                                  f"s.connect(bytes([0]) + b'{name}')\nopen('got.txt', 'w').write(s.recv(100).decode())\n"}))
        _bash(session, "python3 probe.py 2> err.txt; true")
        got = Path(session.env.workspace) / "got.txt"
        err = (Path(session.env.workspace) / "err.txt").read_text()
    finally:
        session.close(error=None)
    assert not got.exists() and not served, err
    assert "PermissionError" in err


@pytest.mark.skipif(shutil.which("socat") is None, reason="needs socat")
def test_socat_never_reads_it(host_socket, tmp_path):
    name, served = host_socket
    session = _session(tmp_path)
    try:
        seen = _bash(session, f"socat -u ABSTRACT-CONNECT:{name} - 2>&1; true")
    finally:
        session.close(error=None)
    assert SECRET not in seen and not served, seen


def test_a_background_job_that_keeps_trying_never_reads_it(host_socket, tmp_path):
    """Armed in one step, looked at in a later one: the job is born in the sandbox's domain as its shell was."""
    name, served = host_socket
    session = _session(tmp_path)
    try:
        _bash(session, f"( for i in 1 2 3 4 5; do {_one_liner(name)} >> loot.txt 2>&1; sleep 0.2; done ) &")
        time.sleep(2.0)
        seen = _bash(session, "sleep 0.5; cat loot.txt")
    finally:
        session.close(error=None)
    assert SECRET not in seen and not served, seen


def test_a_setup_command_never_reads_it(host_socket, tmp_path):
    """A task's setup runs in a one-shot sandbox (``envs.oneshot``), started the same way."""
    from macrohard.envs.oneshot import run_sandboxed

    name, served = host_socket
    result = run_sandboxed(_one_liner(name) + "; true", str(tmp_path), network="full", timeout=30)
    seen = getattr(result, "output", str(result))
    assert SECRET not in seen and not served, seen


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_a_desktop_program_in_full_never_reads_it_and_the_desktop_still_works(host_socket, tmp_path):
    name, served = host_socket
    session = _session(tmp_path, environment="desktop")
    try:
        # the desktop has no file tools: the script stands in the workspace as a program the agent typed it into
        # would leave it
        (Path(session.env.workspace) / "probe.py").write_text(
            "import socket\ns = socket.socket(socket.AF_UNIX)\ntry:\n"
            f"    s.connect(bytes([0]) + b'{name}')\n    said = s.recv(100).decode()\n"
            "except OSError as exc:\n    said = str(exc)\nopen('got.txt', 'w').write(said)\n")
        session.act(parse_action({"kind": "desktop_launch", "command": "python3 probe.py", "wait": 3}))
        got = Path(session.env.workspace) / "got.txt"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not (got.exists() and got.read_text()):
            time.sleep(0.2)
        said = got.read_text() if got.exists() else ""
        shot = session.act(parse_action({"kind": "desktop_screenshot"})).observation
    finally:
        session.close(error=None)
    assert SECRET not in said and not served, said
    assert "Operation not permitted" in said, said
    assert not shot.error, shot.error  # the desktop's own X display still answers


def test_the_twins_abstract_sockets_inside_and_file_sockets_still_work(tmp_path):
    """Inside one sandbox its programs still meet on an abstract socket and on a file socket."""
    server = ("import socket,sys\nname = sys.argv[1].replace('@', chr(0))\ns = socket.socket(socket.AF_UNIX)\n"
              "s.bind(name)\ns.listen(1)\nc, _ = s.accept()\nc.sendall(b'hello-from-inside')\nc.close()\n")
    client = ("import socket,sys,time\nname = sys.argv[1].replace('@', chr(0))\nfor i in range(50):\n    try:\n"
              "        s = socket.socket(socket.AF_UNIX)\n        s.connect(name)\n        print(s.recv(100).decode())\n"
              "        break\n    except OSError:\n        time.sleep(0.1)\n")
    session = _session(tmp_path)
    try:
        session.act(parse_action({"kind": "write_file", "path": "srv.py", "content": server}))
        session.act(parse_action({"kind": "write_file", "path": "cli.py", "content": client}))
        abstract = _bash(session, "python3 srv.py @inside-43 & python3 cli.py @inside-43; wait")
        path = _bash(session, "python3 srv.py ./sock & python3 cli.py ./sock; wait")
    finally:
        session.close(error=None)
    assert "hello-from-inside" in abstract, abstract
    assert "hello-from-inside" in path, path


def test_each_sandbox_is_its_own_domain(tmp_path):
    """Two runs' sandboxes are two domains: one's abstract socket is out of the other's reach."""
    one, two = _session(tmp_path / "a"), _session(tmp_path / "b")
    try:
        one.act(parse_action({"kind": "write_file", "path": "srv.py", "content":
                              "import socket; s=socket.socket(socket.AF_UNIX); s.bind('\\0run-one-43'); s.listen(1)\n"
                              "c,_=s.accept(); c.sendall(b'run-one-secret'); c.close()\n"}))
        _bash(one, "(python3 srv.py > /dev/null 2>&1 &) ; sleep 0.5")
        seen = _bash(two, _one_liner("run-one-43"))
        own = _bash(one, _one_liner("run-one-43"))
    finally:
        one.close(error=None)
        two.close(error=None)
    assert "run-one-secret" not in seen, seen
    assert "run-one-secret" in own, own


def test_the_sandbox_says_what_holds_it_off_the_host_sockets(tmp_path):
    session = _session(tmp_path)
    try:
        said = session.env.describe().get("abstract_sockets", "")
    finally:
        session.close(error=None)
    assert said.startswith("scoped"), said


def test_a_scoped_sandbox_lives_on_after_the_call_that_started_it(tmp_path):
    """bubblewrap's ``--die-with-parent`` is tied to the thread that started it: the first version of the change
    started it from a thread that ended at once, and every sandbox died with it (the suite's sandbox tests)."""
    import subprocess

    from macrohard.envs.sandbox import bwrap_argv

    proc = landlock.popen([*bwrap_argv(shutil.which("bwrap"), str(tmp_path), "full"), "sleep", "30"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        assert proc.poll() is None
    finally:
        proc.kill()
        proc.wait()
