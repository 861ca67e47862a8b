"""The browser's sandbox, attacked: real loopback HTTP and WebSocket servers on the host stand in for
services and hosts a page must not reach, for every way a page can send (load, fetch, WebSocket,
image, form). Each attack ran through on the old browser (route filter on the host network)."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from macrohard.envs.browser import BrowserEnvironment
from macrohard.envs.browser_sandbox import is_local_site, proxy_rules
from macrohard.envs.netproxy import host_allowed
from macrohard.safety.guard import Guard
from macrohard.safety.policy import load_policy
from macrohard.sites import serve

_WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class _Listener(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, websocket: bool) -> None:
        self.hits: list[str] = []  # the first line of everything that reached this server
        self.websocket = websocket
        super().__init__((host, 0), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(socketserver.BaseRequestHandler):
    server: _Listener

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(5)
        head = b""
        try:
            while b"\r\n\r\n" not in head:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                head += chunk
        except OSError:
            pass
        self.server.hits.append(head.split(b"\r\n", 1)[0].decode(errors="replace") or "(connection)")
        if self.server.websocket:
            key = next((line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
                        if line.lower().startswith(b"sec-websocket-key:")), b"")
            accept = base64.b64encode(hashlib.sha1(key + _WS_GUID.encode()).digest()).decode()
            sock.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
            try:
                sock.recv(4096)  # hold the socket open until the page goes away
            except OSError:
                pass
        else:
            body = b"<title>secret service</title>secret"
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nAccess-Control-Allow-Origin: *\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))


@contextmanager
def listening(host: str = "127.0.0.1", *, websocket: bool = False) -> Iterator[_Listener]:
    server = _Listener(host, websocket)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


ATTACK_PAGE = """<!doctype html><title>attack</title>
<iframe name="sink"></iframe>
<form id="f" method="post" target="sink" action="{http}/form"><input name="leak" value="secret"></form>
<script>
window.r = {{}};
fetch("{http}/fetch").then(x => x.text()).then(t => r.fetch = t.endsWith("secret") ? "reached" : "refused: " + t,
                             () => r.fetch = "failed");
const ws = new WebSocket("{ws}/socket");
ws.onopen = () => r.ws = "open"; ws.onerror = () => r.ws = "failed";
const img = new Image(); img.onload = img.onerror = () => r.img = "done"; img.src = "{http}/img.png";
document.getElementById("f").submit();
</script>"""


def _attack(env: BrowserEnvironment, drive, workspace: Path, http: str, ws: str) -> dict[str, str]:
    """Open a workspace page that sends to ``http`` and ``ws`` every way it can; what each reported."""
    (workspace / "attack.html").write_text(ATTACK_PAGE.format(http=http, ws=ws))
    obs = drive({"kind": "browser_goto", "url": f"file://{workspace}/attack.html"})
    assert not obs.error and "Title: attack" in obs.output, obs.output
    env.page.wait_for_function("window.r.fetch && window.r.ws && window.r.img", timeout=8000)
    env.page.wait_for_timeout(300)  # the form's POST into the iframe
    return dict(env.page.evaluate("window.r"))


@pytest.fixture
def sandboxed(workspace: Path, make_driver):
    made: list[BrowserEnvironment] = []

    def make(**options):
        env = BrowserEnvironment(str(workspace), frames=False, **options)
        env.start()
        made.append(env)
        # these tests probe the sandbox's network, which must hold whatever the guard allows: the guard's
        # flow control (a new address after a page was read asks) is tested in tests/safety/test_flow_control.py
        policy = load_policy()
        policy = policy.model_copy(update={"flow": policy.flow.model_copy(update={"enabled": False})})
        return env, make_driver(env, str(workspace), Guard(policy=policy))

    yield make
    for env in made:
        env.close()


def test_none_reaches_no_loopback_service_of_the_host(sandboxed, workspace: Path) -> None:
    with listening() as web, listening(websocket=True) as wsock:
        env, drive = sandboxed(network="none")
        http, ws = f"http://127.0.0.1:{web.port}", f"ws://127.0.0.1:{wsock.port}"
        seen = _attack(env, drive, workspace, http, ws)
        assert seen["fetch"] == "failed" and seen["ws"] == "failed", seen
        obs = drive({"kind": "browser_goto", "url": f"{http}/page"})
        assert obs.error and "network policy" in obs.output, obs.output
        obs = drive({"kind": "browser_goto", "url": f"http://localhost:{web.port}/"})
        assert obs.error, obs.output
        assert web.hits == [] and wsock.hits == []  # not one connection reached the host's services


def test_hosts_mode_refuses_a_websocket_to_an_unlisted_host(sandboxed, workspace: Path) -> None:
    # 127.0.0.2 is the allowed "host", 127.0.0.3 a host outside the allow list
    with listening("127.0.0.2") as ok_web, listening("127.0.0.2", websocket=True) as ok_ws, \
            listening("127.0.0.3") as web, listening("127.0.0.3", websocket=True) as wsock:
        env, drive = sandboxed(network="hosts", allowed_hosts=("127.0.0.2",))
        seen = _attack(env, drive, workspace, f"http://127.0.0.3:{web.port}", f"ws://127.0.0.3:{wsock.port}")
        assert seen["ws"] == "failed" and seen["fetch"] == "failed", seen
        assert web.hits == [] and wsock.hits == [], (web.hits, wsock.hits)
        assert f"127.0.0.3:{wsock.port}" in env.blocked  # refused at the proxy, and recorded for the run
        assert f"127.0.0.3:{wsock.port}" in env.describe()["refused"]
        # the listed host is reachable, over HTTP and over a WebSocket, through the same proxy
        seen = _attack(env, drive, workspace, f"http://127.0.0.2:{ok_web.port}", f"ws://127.0.0.2:{ok_ws.port}")
        assert seen["ws"] == "open" and seen["fetch"] == "reached", seen
        assert {"GET /fetch HTTP/1.1", "POST /form HTTP/1.1", "GET /img.png HTTP/1.1"} <= set(ok_web.hits)
        assert ok_ws.hits == ["GET /socket HTTP/1.1"]


def test_declared_local_site_is_reachable_and_nothing_else_on_loopback(sandboxed, workspace: Path) -> None:
    with serve("form") as site, listening() as web, listening(websocket=True) as wsock:
        env, drive = sandboxed(network="none", allowed_hosts=(site.url.split("/")[2],))
        obs = drive({"kind": "browser_goto", "url": site.url})
        assert not obs.error and "Title: Contact us" in obs.output, obs.output
        seen = _attack(env, drive, workspace, f"http://127.0.0.1:{web.port}", f"ws://127.0.0.1:{wsock.port}")
        assert seen["fetch"] == "failed" and seen["ws"] == "failed", seen
        assert web.hits == [] and wsock.hits == []
        assert env.describe()["reachable"] == site.url.split("/")[2]


def test_loopback_mode_reaches_the_hosts_loopback_over_every_protocol(sandboxed, workspace: Path) -> None:
    with listening() as web, listening(websocket=True) as wsock:
        env, drive = sandboxed(network="loopback")
        seen = _attack(env, drive, workspace, f"http://127.0.0.1:{web.port}", f"ws://127.0.0.1:{wsock.port}")
        assert seen == {"fetch": "reached", "ws": "open", "img": "done"}, seen
        obs = drive({"kind": "browser_goto", "url": "http://example.com/"})
        assert obs.error and "network policy" in obs.output and set(env.blocked) == {"example.com:80"}


def test_full_shares_the_host_network_and_says_so(sandboxed, workspace: Path) -> None:
    with listening() as web:
        env, drive = sandboxed(network="full")
        assert not drive({"kind": "browser_goto", "url": f"http://127.0.0.1:{web.port}/"}).error
        assert web.hits[0] == "GET / HTTP/1.1"
        info = env.describe()
        assert info["isolation"] == "bwrap" and info["shares_host_network"] is True


def _browser_pid() -> int:
    """The Chromium main process started under this test process, as the host sees it."""
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmd[0].endswith(b"chromium") and not any(a.startswith(b"--type=") for a in cmd) and \
                os.getpid() in _ancestors(int(entry)):
            return int(entry)
    raise AssertionError("no Chromium of this test found")


def _ancestors(pid: int) -> list[int]:
    out = []
    while pid > 1:
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        out.append(pid)
    return out


def test_chromium_is_in_its_own_namespaces_with_the_workspace_its_only_writable_place(
        sandboxed, workspace: Path) -> None:
    env, drive = sandboxed(network="none")
    drive({"kind": "browser_goto", "url": "about:blank"})
    pid = _browser_pid()
    assert os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")
    root = Path(f"/proc/{pid}/root")
    assert not (root / "etc/shadow").exists() and not (root / "root").exists()
    writable = [line.split()[4] for line in Path(f"/proc/{pid}/mountinfo").read_text().splitlines()
                if "rw" in line.split()[5].split(",")]
    # the sandbox's own tmpfs root, /tmp (the profile, downloads), /run (the proxy's socket), /dev and
    # /proc; on the host's disk only the workspace
    assert [m for m in writable if m not in ("/", "/proc", "/dev", "/tmp", "/run") and not m.startswith("/dev/")] \
        == [str(workspace)], writable
    profile = next(a for a in Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
                   if a.startswith("--user-data-dir="))[len("--user-data-dir="):]
    assert (root / profile.lstrip("/") / "Default").is_dir()  # the profile lives inside the sandbox
    assert not (Path(profile) / "Default").exists()  # and not on the host


def test_file_urls_outside_the_workspace_show_nothing_of_the_host(sandboxed, workspace: Path, make_driver) -> None:
    env, _ = sandboxed(network="none")
    permissive = make_driver(env, str(workspace), Guard(checks=[]))
    obs = permissive({"kind": "browser_goto", "url": "file:///etc/shadow"})
    assert obs.error and "only inside the workspace" in obs.output
    (workspace / "peek.html").write_text('<title>peek</title><iframe src="file:///etc/shadow"></iframe>')
    obs = permissive({"kind": "browser_goto", "url": f"file://{workspace}/peek.html"})
    assert "root:" not in env.page.frames[-1].content()  # the host's /etc/shadow is not in the sandbox


def test_network_plans() -> None:
    assert proxy_rules("none") == [] and proxy_rules("full") is None
    assert proxy_rules("none", ("127.0.0.1:8000", "example.com")) == ["127.0.0.1:8000"]
    assert proxy_rules("loopback") == ["loopback"] and proxy_rules("hosts", ("a.org",)) == ["a.org"]
    assert is_local_site("localhost:3000") and is_local_site("[::1]:80") and not is_local_site("127.0.0.1")
    assert not is_local_site("example.com:80") and not is_local_site("127.0.0.1.evil.com:80")
    for host in ("127.0.0.1", "localhost", "::1", "127.3.2.1"):
        assert host_allowed(host, 80, ["loopback"]), host
    for host in ("127.0.0.1.evil.com", "localhost.evil.com", "10.0.0.1", "example.com"):
        assert not host_allowed(host, 80, ["loopback"]), host


def test_proxy_never_reuses_an_allowed_connection_for_another_host(tmp_path: Path) -> None:
    """A keep-alive client's next request, for a host not on the list, must not ride the open connection."""
    from macrohard.envs.netproxy import HostProxy

    with serve("form") as site:
        allowed = site.url.split("/")[2]
        proxy = HostProxy(str(tmp_path / "p.sock"), [allowed])
        proxy.start()
        client = socket.socket(socket.AF_UNIX)
        try:
            client.connect(str(tmp_path / "p.sock"))
            client.settimeout(5)
            client.sendall(f"GET {site.url} HTTP/1.1\r\nHost: {allowed}\r\nConnection: keep-alive\r\n\r\n".encode())
            first = b""
            while b"</html>" not in first:
                chunk = client.recv(65536)
                if not chunk:
                    break
                first += chunk
            try:
                client.sendall(b"GET http://192.0.2.1/ HTTP/1.1\r\nHost: 192.0.2.1\r\n\r\n")
                second = client.recv(65536)
            except OSError:
                second = b""
            assert b"Contact us" not in second, second[:200]  # not answered by the allowed site
            assert first.startswith(b"HTTP/1.1 200") and b"Connection: close" in first, first[:300]
        finally:
            client.close()
            proxy.close()


def test_a_download_stays_inside_the_sandbox(sandboxed, workspace: Path) -> None:
    import glob
    import time
    import uuid

    def host_copies(marker: str) -> list[str]:
        """Files in the host's Playwright artifact folders that hold ``marker``. Another test's browser (another
        pytest worker) may add or remove its own files there meanwhile, so the download is looked for by its content,
        unique to this test, not by comparing the folders' listings."""
        found = []
        for path in glob.glob("/tmp/playwright-artifacts-*/*"):
            try:
                with open(path, "rb") as fh:
                    if marker.encode() in fh.read(1 << 20):
                        found.append(path)
            except OSError:  # gone meanwhile, or not a file
                pass
        return found

    marker = f"hello-{uuid.uuid4().hex}"
    env, drive = sandboxed(network="none")
    seen: list[str] = []
    env.page.on("download", lambda d: seen.append(d.suggested_filename))
    (workspace / "dl.html").write_text(f'<title>dl</title><a id=a download="x.txt" href="data:text/plain,{marker}">'
                                       'get</a><script>setTimeout(() => a.click(), 50)</script>')
    drive({"kind": "browser_goto", "url": f"file://{workspace}/dl.html"})
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        env.page.wait_for_timeout(100)
    env.page.wait_for_timeout(500)
    assert seen == ["x.txt"]  # the page did download
    assert host_copies(marker) == []  # but not onto the host's disk
    assert sorted(p.name for p in workspace.iterdir()) == ["dl.html"]
