"""What the web app's sandbox check (``server.peers``) costs a new connection, against a loopback HTTP round trip.

Every new connection to ``macrohard serve`` is looked up once: its socket in ``/proc/net/tcp``, the processes below
macrohard's bubblewraps from every ``/proc/PID/stat``, and (with a sandbox running) their descriptors. The check runs
on the server's event loop, so its time is added to the first request of each connection. This measures
``peers.from_sandbox`` on real loopback connections from this process (not sandboxed: the app's ordinary client)
with 0, 1 and 4 real bubblewrap sandboxes running, and on a connection made from inside a ``full``-network sandbox
(the 403 path); for scale, the same run times a whole HTTP GET on a new loopback connection to a plain server.

    .venv/bin/python benchmarks/peers_cost.py [--trials 200]
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from macrohard.envs.sandbox import bwrap_argv  # noqa: E402
from macrohard.server import peers  # noqa: E402


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def timed_check(listener: socket.socket, sandboxed: bool) -> float:
    """Accept the next connection and time ``from_sandbox`` on it (ms); its verdict must be ``sandboxed``."""
    conn, addr = listener.accept()
    t0 = time.perf_counter()
    verdict = peers.from_sandbox(addr, listener.getsockname())
    ms = (time.perf_counter() - t0) * 1000
    conn.close()
    assert verdict is sandboxed, "a sandboxed client was not found" if sandboxed else "a host client taken for a sandboxed one"
    return ms


def check_ms(listener: socket.socket, trials: int) -> list[float]:
    """``from_sandbox`` on ``trials`` fresh connections from this process; each must say "not sandboxed"."""
    out = []
    for _ in range(trials):
        client = socket.create_connection(listener.getsockname())
        out.append(timed_check(listener, False))
        client.close()
    return out


def start_sandboxes(bwrap: str, n: int, work: Path, argv_tail: list[str], network: str = "none") -> list[subprocess.Popen]:
    procs = []
    for i in range(n):
        ws = work / f"ws{i}"
        ws.mkdir(exist_ok=True)
        procs.append(subprocess.Popen([*bwrap_argv(bwrap, str(ws), network), *argv_tail],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    deadline = time.time() + 10
    while time.time() < deadline and len(peers.sandboxed_pids()) < 2 * n:
        time.sleep(0.05)
    return procs


def sandboxed_client_ms(bwrap: str, listener: socket.socket, work: Path, trials: int) -> list[float]:
    """A connection made from inside a ``full`` sandbox: the check must find it; its time."""
    server = listener.getsockname()
    py = shutil.which("python3", path="/usr/bin") or "/usr/bin/python3"
    code = (f"import socket,time;s=socket.create_connection(('{server[0]}',{server[1]}));time.sleep(3)")
    out = []
    ws = work / "client"
    ws.mkdir(exist_ok=True)
    for _ in range(trials):
        proc = subprocess.Popen([*bwrap_argv(bwrap, str(ws), "full"), py, "-c", code],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append(timed_check(listener, True))
        proc.kill()
        proc.wait()
    return out


def http_get_ms(trials: int, work: Path) -> list[float]:
    """A whole GET of a small file on a new loopback connection to ``python -m http.server`` (another process)."""
    (work / "www").mkdir(exist_ok=True)
    (work / "www" / "x.txt").write_text("ok\n")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=work / "www", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        out = []
        for _ in range(trials):
            t0 = time.perf_counter()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/x.txt")
            assert c.getresponse().read() == b"ok\n"
            c.close()
            out.append((time.perf_counter() - t0) * 1000)
        return out
    finally:
        server.kill()
        server.wait()


def line(name: str, values: list[float]) -> str:
    return f"{name:<52}{statistics.median(values):>9.3f}{pct(values, 0.9):>9.3f}{pct(values, 0.99):>9.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=200)
    args = ap.parse_args()
    bwrap = shutil.which("bwrap")
    if not bwrap:
        sys.exit("bubblewrap (bwrap) is not installed: run install.sh, or apt-get install bubblewrap")
    work = Path(tempfile.mkdtemp(prefix="macrohard-peers-"))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    procs: list[subprocess.Popen] = []
    try:
        nproc = sum(name.isdigit() for name in os.listdir("/proc"))
        print(f"peers check per new connection · {platform.machine()} python {platform.python_version()} · "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load {os.getloadavg()[0]:.1f} · "
              f"{nproc} processes on the machine")
        print(f"{'what':<52}{'median':>9}{'p90':>9}{'p99':>9}  (ms)")
        rows = [line("check, host client, 0 sandboxes running", check_ms(listener, args.trials))]
        procs += start_sandboxes(bwrap, 1, work, ["sleep", "600"])
        rows.append(line("check, host client, 1 sandbox running", check_ms(listener, args.trials)))
        procs += start_sandboxes(bwrap, 3, work, ["sh", "-c", "sleep 600 & sleep 600 & sleep 600 & wait"])
        rows.append(line(f"check, host client, 4 sandboxes ({len(peers.sandboxed_pids())} processes)",
                         check_ms(listener, args.trials)))
        rows.append(line("check, client inside a full sandbox (403 path)",
                         sandboxed_client_ms(bwrap, listener, work, max(10, args.trials // 10))))
        rows.append(line("peer: GET on a new loopback connection", http_get_ms(args.trials, work)))
        print("\n".join(rows))
    finally:
        for p in procs:
            p.kill()
            p.wait()
        listener.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
