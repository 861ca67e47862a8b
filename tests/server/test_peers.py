"""``server.peers`` finds the client's socket of a connection on every address family a listener can have, by
the kernel's socket diagnostics and by ``/proc/net/tcp`` alike, and finds a client inside a ``full`` sandbox also
when the app listens dual-stack (``--host ::``), where the listener sees the IPv4 client as ``::ffff:127.0.0.1``.

Before the lead's change (forty-third wave) the table lookup looked for that mapped address in ``tcp6`` (the
server's accepted socket's table) while the client's socket is filed in ``tcp`` as IPv4: the sandboxed client was
not found and the request was let through.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from macrohard.envs.sandbox import bwrap_argv
from macrohard.server import peers


def _pair(family: int, bind: str, connect: str, *, dual: bool = False):
    listener = socket.socket(family)
    if dual:
        listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    listener.bind((bind, 0))
    listener.listen(4)
    client = socket.create_connection((connect, listener.getsockname()[1]))
    conn, addr = listener.accept()
    return listener, client, conn, addr[:2], conn.getsockname()[:2]


def _ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


CASES = [("ipv4", socket.AF_INET, "127.0.0.1", "127.0.0.1", False)]
if _ipv6():
    CASES += [("ipv6", socket.AF_INET6, "::1", "::1", False),
              ("ipv4 client of a dual-stack listener", socket.AF_INET6, "::", "127.0.0.1", True),
              # an AF_INET6 client socket connecting to the mapped address of an IPv4 listener: filed in tcp6 as mapped
              ("mapped ipv6 client of an ipv4 listener", socket.AF_INET, "127.0.0.1", "::ffff:127.0.0.1", False)]


@pytest.mark.parametrize("name,family,bind,connect,dual", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lookup", ["sock_diag", "proc_net"])
def test_the_client_socket_is_found_on_every_family(name, family, bind, connect, dual, lookup, monkeypatch):
    if lookup == "proc_net":
        def refused(*_a):
            raise PermissionError("sock_diag refused")
        monkeypatch.setattr(peers, "_diag_inode", refused)
    listener, client, conn, addr, server = _pair(family, bind, connect, dual=dual)
    try:
        assert peers.socket_inode(addr, server) == os.fstat(client.fileno()).st_ino
        # a port nobody holds is no socket
        assert peers.socket_inode((addr[0], 1), server) is None
    finally:
        for s in (conn, client, listener):
            s.close()


def test_an_address_that_is_no_address_is_no_socket():
    assert peers.socket_inode(("localhost", 5), ("127.0.0.1", 80)) is None
    assert peers.socket_inode(("127.0.0.1", 5), ("::1", 80)) is None


@pytest.mark.skipif(not shutil.which("bwrap") or not _ipv6(), reason="needs bubblewrap and IPv6 loopback")
@pytest.mark.parametrize("dual", [False, True], ids=["ipv4 listener", "dual-stack listener"])
def test_a_client_inside_a_full_sandbox_is_found_on_a_dual_stack_listener(dual, tmp_path: Path):
    if dual:
        listener = socket.socket(socket.AF_INET6)
        listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        listener.bind(("::", 0))
    else:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    code = f"import socket,time;s=socket.create_connection(('127.0.0.1',{port}));time.sleep(20)"
    proc = subprocess.Popen([*bwrap_argv(shutil.which("bwrap"), str(tmp_path), "full"), "/usr/bin/python3", "-c", code],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        listener.settimeout(20)
        conn, addr = listener.accept()
        server = conn.getsockname()[:2]
        if dual:
            assert addr[0] == "::ffff:127.0.0.1"
        for _ in range(100):  # the connect returned inside: its descriptor is in place
            if peers.from_sandbox(addr[:2], server):
                break
            peers._known.clear()
            time.sleep(0.05)
        assert peers.from_sandbox(addr[:2], server)
        # and the app's own client (this process) on the same listener is not taken for one
        mine = socket.create_connection(("127.0.0.1", port))
        conn2, addr2 = listener.accept()
        assert not peers.from_sandbox(addr2[:2], conn2.getsockname()[:2])
        for s in (conn2, mine, conn):
            s.close()
    finally:
        proc.kill()
        proc.wait()
        listener.close()


@pytest.fixture(scope="module")
def dual_stack(tmp_path_factory):
    from tests.server.conftest import Server
    if not _ipv6():
        pytest.skip("needs IPv6 loopback")
    server = Server(tmp_path_factory.mktemp("peers-dual")).start("--host", "::")
    yield server
    server.stop()


@pytest.mark.skipif(not shutil.which("bwrap") or not shutil.which("curl"), reason="needs bubblewrap and curl")
def test_the_app_on_every_address_refuses_a_shell_in_full(dual_stack, tmp_path: Path):
    """``macrohard serve --host ::`` (with auth, as it must be off loopback): a shell run in ``full`` reaching it on
    127.0.0.1 is refused as a sandbox (403) before auth is asked; a person's client on the same address gets auth's
    answer, and with the token the API. On cf10f235 the shell got 401, auth's answer: the one layer left."""
    import httpx

    from macrohard.eval.attacks import OPEN_POLICY
    from macrohard.safety.guard import Guard
    from macrohard.session import GuardedSession
    from macrohard.types import Task, parse_action

    policy = tmp_path / "open.yaml"
    policy.write_text(OPEN_POLICY)
    url = f"http://127.0.0.1:{dual_stack.port}/api/runs"
    session = GuardedSession(Task(text="check the local dashboard", network="full"), interface="peers",
                             guard=Guard.from_policy(str(policy)),
                             env_options={"state_dir": str(tmp_path / "s")})
    session.start()
    try:
        command = f"curl -s -o /dev/null -w 'code=%{{http_code}}' {url}"
        seen = session.act(parse_action({"kind": "bash", "command": command, "timeout": 60})).observation.output
    finally:
        session.close(error=None)
    assert "code=403" in seen, seen
    assert httpx.get(url, timeout=10).status_code == 401
    assert httpx.get(url, headers={"Authorization": f"Bearer {dual_stack.token}"}, timeout=10).status_code == 200
