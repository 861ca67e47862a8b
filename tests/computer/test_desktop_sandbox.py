"""The desktop runs in bubblewrap: what a program started on it can reach, and that nothing outlives it."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from macrohard.envs.desktop import DesktopEnvironment
from macrohard.safety.guard import Guard

from .conftest import Driver, wait_for


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.fixture
def host_server():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"host-secret")

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


PROBE = """
echo escaped > {outside}/escaped.txt; echo "host-file rc=$?" > probe.txt
echo x > /usr/escaped.txt 2>/dev/null; echo "usr rc=$?" >> probe.txt
cat /proc/[0-9]*/comm > comms.txt 2>/dev/null
(exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET /probe HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3) >net.txt 2>&1
echo "net rc=$?" >> probe.txt
"""


@pytest.mark.parametrize("network", ["none", "full"])
def test_a_launched_program_is_confined(tmp_path: Path, workspace: Path, host_server, network: str) -> None:
    port, hits = host_server
    outside = tmp_path / "outside"  # a host directory beside the workspace
    outside.mkdir()
    desktop = DesktopEnvironment(str(workspace), network=network, settle=0)
    desktop.start()
    try:
        drive = Driver(desktop, str(workspace), guard=Guard(checks=[]))  # the sandbox, not the guard, under test
        script = PROBE.format(outside=outside, port=port)
        drive({"kind": "desktop_launch", "command": f"bash -c {shlex_quote(script)}", "wait": 1})
        proc = desktop.programs[-1]
        assert wait_for(lambda: proc.poll() is not None)
        report = (workspace / "probe.txt").read_text()
        comms = (workspace / "comms.txt").read_text().split()
    finally:
        desktop.close()
    assert not (outside / "escaped.txt").exists()  # the host directory is not writable (not even there)
    assert "host-file rc=0" not in report and "usr rc=0" not in report, report
    # its own pid namespace: the desktop's processes, none of the host's (this test runs in python)
    assert "Xvfb" in comms and "openbox" in comms and not any(c.startswith(("python", "pytest")) for c in comms)
    if network == "none":
        assert hits == [] and "net rc=0" not in report, report
    else:  # the control: the same probe reaches the host's loopback when the task allows the network
        assert hits == ["/probe"] and "host-secret" in (workspace / "net.txt").read_text()


def shlex_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _sandbox_pids(desktop: DesktopEnvironment) -> list[int]:
    from macrohard.envs.shell import descendants

    assert desktop.sandbox is not None and desktop.sandbox.proc is not None
    return [desktop.sandbox.proc.pid, *descendants(desktop.sandbox.proc.pid)]


def test_close_leaves_no_process_and_no_display(workspace: Path) -> None:
    desktop = DesktopEnvironment(str(workspace), settle=0)
    desktop.start()
    desktop.launch("xterm", wait=20)
    pids = _sandbox_pids(desktop)
    names = {Path(f"/proc/{p}/comm").read_text().strip() for p in pids}
    assert {"Xvfb", "openbox", "xterm", "bash"} <= names, names
    number = desktop.display_name.lstrip(":")
    assert os.path.islink(f"/tmp/.X11-unix/X{number}")
    desktop.close()
    assert wait_for(lambda: not any(_alive(p) for p in pids), 5)
    assert not os.path.lexists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock")


def test_a_killed_run_leaves_no_process(workspace: Path) -> None:
    code = textwrap.dedent(f"""
        import time
        from macrohard.envs.desktop import DesktopEnvironment
        from macrohard.envs.shell import descendants
        d = DesktopEnvironment({str(workspace)!r}, settle=0)
        d.start()
        d.launch("xmessage still-here", wait=20)
        print(d.display_name, " ".join(map(str, descendants(d.sandbox.proc.pid))), flush=True)
        time.sleep(600)
    """)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        display, *rest = child.stdout.readline().split()
        pids = [int(p) for p in rest]
        names = {Path(f"/proc/{p}/comm").read_text().strip() for p in pids if _alive(p)}
        assert {"Xvfb", "openbox", "xmessage"} <= names, names
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert wait_for(lambda: not any(_alive(p) for p in pids), 10), [p for p in pids if _alive(p)]
    link = f"/tmp/.X11-unix/X{display.lstrip(':')}"
    assert os.path.islink(link)  # the dead run's reservation: swept by the next desktop's start
    fresh = DesktopEnvironment(str(workspace), settle=0, window_manager=None)
    fresh.start()
    fresh.close()
    assert not os.path.lexists(link) and not os.path.exists(f"/tmp/.X{display.lstrip(':')}-lock")


def test_the_desktop_cannot_be_started_unsandboxed_or_with_an_allow_list(workspace: Path) -> None:
    from macrohard.envs import make_environment
    from macrohard.errors import ConfigError
    from macrohard.types import Task

    with pytest.raises(ConfigError, match="drop --no-sandbox"):
        make_environment(Task(text="t", environment="desktop"), str(workspace), isolation="none")
    with pytest.raises(ConfigError, match="none, loopback or full"):
        make_environment(Task(text="t", environment="desktop", network="hosts"), str(workspace))
