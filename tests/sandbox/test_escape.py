"""The escape suite: each attempt to get out of the sandbox fails, and the host stays healthy."""

from __future__ import annotations

import http.server
import json
import os
import shlex
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from macrohard.envs.salvage import salvage
from macrohard.types import BashAction, ListDirAction, ReadFileAction, WriteFileAction

from .conftest import host_healthy, run


@pytest.fixture
def loopback_server() -> Iterator[int]:
    """A real HTTP service on the host's loopback."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = b"host secret service\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_write_outside_the_workspace(make_sandbox, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    env = make_sandbox()
    for target in ("/etc/passwd", "/usr/bin/evil", "/evil", f"{outside}/evil", "/root/evil", "../../evil"):
        obs = run(env, f"echo pwned > {target}")
        assert obs.exit_code != 0 or not os.path.exists(target), target
    assert not (outside / "evil").exists()
    assert "pwned" not in Path("/etc/passwd").read_text()
    assert not os.path.exists("/usr/bin/evil") and not os.path.exists("/evil")
    # /tmp in the sandbox is private: what is written there never reaches the host's /tmp
    run(env, "echo private > /tmp/macrohard-escape-marker")
    assert not os.path.exists("/tmp/macrohard-escape-marker")
    host_healthy()


def test_read_host_files_that_are_not_mounted(make_sandbox, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    env = make_sandbox()
    for command in ("cat /etc/shadow", "cat /etc/gshadow", "ls /root", "ls /home", f"cat {secret}",
                    "cat /etc/sudoers", "ls /etc/ssh"):
        obs = run(env, command)
        assert obs.exit_code != 0, command
        assert "TOP-SECRET" not in obs.output and "root:" not in obs.output.split("No such")[0]
    # a sanity check that the test can fail: the workspace itself is readable
    run(env, "echo mine > mine.txt")
    assert run(env, "cat mine.txt").output.strip() == "mine"
    host_healthy()


def test_host_loopback_service_is_unreachable(make_sandbox, loopback_server: int) -> None:
    probe = f"curl -sS -m 3 http://127.0.0.1:{loopback_server}/"
    for network in ("none", "loopback"):
        obs = run(make_sandbox(network=network), probe)
        assert obs.exit_code != 0 and "host secret service" not in obs.output, network
    # the same probe succeeds with the host's network: the test is able to see a connection
    assert "host secret service" in run(make_sandbox(network="full"), probe).output
    host_healthy()


def test_allow_list_proxy(make_sandbox, loopback_server: int) -> None:
    allowed = make_sandbox(network="hosts", allow_hosts=["127.0.0.1"])
    obs = run(allowed, f"curl -sS -m 5 http://127.0.0.1:{loopback_server}/")
    assert "host secret service" in obs.output, obs.output
    # bypassing the proxy does not work: the sandbox's loopback is its own
    obs = run(allowed, f"curl -sS -m 3 --noproxy '*' http://127.0.0.1:{loopback_server}/")
    assert obs.exit_code != 0 and "host secret service" not in obs.output
    denied = make_sandbox(network="hosts", allow_hosts=["example.com"])
    obs = run(denied, f"curl -sS -m 5 -w ' status=%{{http_code}}' http://127.0.0.1:{loopback_server}/")
    assert "host secret service" not in obs.output and "status=403" in obs.output, obs.output
    obs = run(denied, f"curl -sS -m 5 https://127.0.0.1:{loopback_server}/")
    assert obs.exit_code != 0 and "host secret service" not in obs.output
    assert {"host": "127.0.0.1", "allowed": False}.items() <= denied.describe()["proxy_requests"][0].items()
    # a reset restarts this kind of sandbox (its relay is a process too); the allowed host still answers
    allowed.reset()
    obs = run(allowed, f"curl -sS -m 5 http://127.0.0.1:{loopback_server}/")
    assert "host secret service" in obs.output, obs.output


def test_fork_bomb_is_stopped_by_the_pids_limit(make_sandbox) -> None:
    env = make_sandbox(limits={"pids": 64})
    forker = ("import os, time\nok = 0\nfor i in range(200):\n    try:\n        pid = os.fork()\n"
              "    except OSError as exc:\n        print('refused', exc.errno)\n        break\n"
              "    if pid == 0:\n        time.sleep(60)\n        os._exit(0)\n    ok += 1\nprint('forked', ok)")
    obs = run(env, f"python3 -c {shlex.quote(forker)}; kill -9 -1; wait")
    assert "refused 11" in obs.output, obs.output  # EAGAIN from the pids cgroup
    assert int(obs.output.split("forked ")[1].split()[0]) < 64
    # ``sleep 30`` always outlasts the 3 s timeout (a ``sleep 2`` did only while the bomb delayed the shell's own
    # fork of it: under load it often did not, and the bomb went on forking under the next commands)
    obs = run(env, BashAction(command="bomb() { bomb | bomb & }; bomb; sleep 30", timeout=3))
    assert obs.meta["timed_out"], obs.output
    assert env.cgroups.last_kill is not None and env.cgroups.last_kill.ok, env.cgroups.last_kill
    assert len(env.cgroups.pids()) <= 3  # the restarted shell (bwrap, its init, bash): not one bomb is left
    # the shell was restarted after the timeout and works; it can fork (no dead bomb still holds the pids limit)
    assert run(env, "echo alive; /bin/echo forked").output.split() == ["alive", "forked"]
    host_healthy()


def test_memory_balloon_is_stopped(make_sandbox) -> None:
    env = make_sandbox(limits={"memory_mb": 96})
    obs = run(env, "python3 -c 'b = bytearray(600 << 20); b[::4096] = b\"x\" * len(b[::4096]); print(\"grew\")'")
    assert obs.exit_code == 137 and "grew" not in obs.output.splitlines(), obs.output  # OOM-killed
    assert run(env, "echo alive").output.strip() == "alive"
    host_healthy()


def test_filling_the_disk_stops_at_the_workspace_limit(make_sandbox) -> None:
    env = make_sandbox(limits={"disk_mb": 24, "file_size_mb": 16})
    obs = run(env, "dd if=/dev/zero of=big bs=1M count=64 2>/dev/null; echo rc=$?")
    assert "rc=153" in obs.output, obs.output  # 128 + SIGXFSZ: one file may not pass file_size_mb
    obs = run(env, "for i in 1 2 3; do dd if=/dev/zero of=f$i bs=1M count=10 2>&1; done | grep -c 'No space left'")
    assert int(obs.output.strip()) >= 1, obs.output
    used = int(run(env, "du -sm . | cut -f1").output.strip())
    assert used <= 24
    host_healthy()


def test_killing_the_parent_takes_the_sandbox_down(tmp_path: Path) -> None:
    """The agent process is killed: every process of its sandbox dies with it."""
    marker = "317.25"  # an unusual sleep argument that identifies the sandbox's process on the host
    script = textwrap.dedent(f"""
        import sys, time
        from macrohard.envs.sandbox import SandboxEnvironment
        from macrohard.safety.context import GuardContext
        from macrohard.safety.guard import Guard
        from macrohard.types import BashAction
        env = SandboxEnvironment(sys.argv[1], state_dir=sys.argv[2])
        env.start()
        action = BashAction(command="(sleep {marker} &) ; (setsid sleep {marker} &) ; echo started")
        env.execute(Guard(checks=[]).authorize(action, GuardContext(workspace=env.workspace), env=env).approved)
        print("ready", flush=True)
        time.sleep(600)
    """)
    (tmp_path / "ws").mkdir()
    parent = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), str(tmp_path / "state")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
        # "started" is echoed once both sleeps are forked, not once each has exec'd: give them a moment
        deadline = time.monotonic() + 10
        while len(_sleepers(marker)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_sleepers(marker)) == 2, "the sandboxed sleeps should be running"
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert parent.stdout is not None
        parent.stdout.close()
    deadline = time.monotonic() + 5
    while _sleepers(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _sleepers(marker)
    # and its copy-on-write layers do not stay mounted on the host
    while str(tmp_path / "state") in Path("/proc/self/mountinfo").read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert str(tmp_path / "state") not in Path("/proc/self/mountinfo").read_text()
    # its cgroups outlive it (empty): recovering the dead sandbox's state removes them
    groups = [Path(d) for d in json.loads((tmp_path / "state" / "cgroups.json").read_text())]
    assert groups and all(g.is_dir() for g in groups)
    assert sorted(salvage(tmp_path / "state").cgroups) == sorted(map(str, groups))
    assert not any(g.exists() for g in groups)
    # from inside, killing "the parent" only reaches the sandbox's own pid namespace
    host_healthy()


def _sleepers(marker: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmd[:2] == [b"sleep", marker.encode()]:
                found.append(int(entry))
    return found


def test_signals_from_inside_reach_only_the_sandbox(make_sandbox) -> None:
    env = make_sandbox()
    obs = run(env, "kill -9 -1; kill -9 $PPID; kill -9 1; echo after")
    assert os.getpid() > 0  # this process is alive to check
    assert run(env, "echo alive").output.strip() == "alive", obs.output
    host_healthy()


def test_symlink_and_dotdot_tricks(make_sandbox, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    env = make_sandbox()
    run(env, f"ln -s {secret} link; ln -s / rootlink; ln -s .. up; mkdir -p d; ln -s /etc/passwd d/pw")
    for action in (ReadFileAction(path="link"), ReadFileAction(path="rootlink/etc/passwd"),
                   ReadFileAction(path="../secret.txt"), ReadFileAction(path="up/secret.txt"),
                   ReadFileAction(path=str(secret)), ReadFileAction(path="d/pw"),
                   WriteFileAction(path="link", content="x"), WriteFileAction(path="rootlink/tmp/evil", content="x"),
                   WriteFileAction(path="../evil", content="x"), WriteFileAction(path="up/evil", content="x"),
                   ListDirAction(path="/"), ListDirAction(path="up")):
        obs = run(env, action)
        assert obs.error and "outside the workspace" in obs.output, (action, obs.output)
    assert secret.read_text() == "TOP-SECRET"
    assert not (tmp_path / "evil").exists()
    # the shell cannot follow them out either: the targets do not exist in the sandbox
    assert run(env, "cat link").exit_code != 0
    assert run(env, "cat ../../../../../../etc/shadow").exit_code != 0
    host_healthy()


def test_proc_1_root(make_sandbox, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("TOP-SECRET")
    env = make_sandbox()
    assert run(env, "cat /proc/1/root/etc/shadow").exit_code != 0
    assert run(env, f"cat /proc/1/root{tmp_path}/secret.txt").exit_code != 0
    assert run(env, "ls /proc/1/root/root").exit_code != 0
    # the sandbox has its own pid namespace: a handful of processes, not the host's
    count = int(run(env, "ls /proc | grep -c '^[0-9]'").output.strip())
    assert count < 10
    host_healthy()


def test_dev_devices(make_sandbox) -> None:
    env = make_sandbox()
    listing = run(env, "ls /dev").output.split()
    assert not {"sda", "vda", "nvme0n1", "mem", "kmem", "kmsg", "port"} & set(listing), listing
    for command in ("head -c1 /dev/vda", "head -c1 /dev/mem", "mknod /tmp/disk b 254 0",
                    "mount -t tmpfs x /tmp", "unshare -Ur true", "chroot / true"):
        assert run(env, command).exit_code != 0, command
    assert run(env, "head -c 4 /dev/zero | wc -c").output.strip() == "4"  # the harmless devices work
    host_healthy()


def test_symlink_swapped_in_after_the_check_is_not_followed(tmp_path: Path) -> None:
    """The race a background job in the sandbox could run: check passes, then a directory becomes a symlink."""
    from macrohard.envs.files import open_inside, resolve_inside

    ws, outside = tmp_path / "ws", tmp_path / "outside"
    (ws / "d").mkdir(parents=True)
    outside.mkdir()
    (ws / "d" / "f").write_text("inside")
    (outside / "f").write_text("TOP-SECRET")
    resolved = resolve_inside(ws, "d/f")  # the check happens here...
    (ws / "d" / "f").unlink()
    (ws / "d").rmdir()
    (ws / "d").symlink_to(outside)  # ...and the directory is swapped before the open
    with pytest.raises(OSError):
        open_inside(ws, resolved, os.O_RDONLY)
    with pytest.raises(OSError):
        open_inside(ws, resolved, os.O_WRONLY | os.O_CREAT, create_parents=True)
    assert (outside / "f").read_text() == "TOP-SECRET"


@pytest.mark.parametrize("cow", ["overlay", "copy"])
def test_hard_links_to_host_files_are_refused(make_sandbox, tmp_path: Path, cow: str) -> None:
    """A hard link would make a read-only host file writable through the workspace (links across mounts: EXDEV)."""
    src = tmp_path / f"src-{cow}"
    src.mkdir()
    env = make_sandbox(source=str(src), cow=cow)
    assert run(env, "ln /usr/bin/true t && echo linked").exit_code != 0
    assert run(env, "ln /etc/passwd p && echo linked").exit_code != 0
    host_healthy()
