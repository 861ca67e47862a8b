"""The web app's live path: a step's end to its viewers, and 50 viewers of one live run on one server process.

Starts a real `macrohard serve` on loopback (its own data dir), starts runs with a scripted model through
the API, and measures, for every step, the time from the server publishing it (``published_at``,
stamped in ``on_step`` right after the step is stored) to (1) an SSE client parsing it and (2) the run
page in headless Chromium showing it. Then 50 SSE clients watch one run: every client must get every
step and the end; the server's CPU (user + system, from /proc) over the run is reported.

    .venv/bin/python benchmarks/serve.py [--steps 100] [--viewers 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def start_server(home: Path, port: int) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "MACROHARD_HOME": str(home), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "300"}
    log = home / "serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "serve", "--port", str(port)], env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    token = re.search(r"/login\?token=(\S+)", log.read_text())
    assert token, log.read_text()
    return proc, token.group(1)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_run(base: str, token: str, home: Path, steps: int, gap: float, name: str) -> str:
    script = home / f"{name}.json"
    script.write_text(json.dumps([{"kind": "bash", "command": f"sleep {gap}; echo step {i}"} for i in range(steps)]))
    r = httpx.post(f"{base}/api/runs", headers={"Authorization": f"Bearer {token}"}, timeout=60,
                   json={"text": f"benchmark {name}", "model": f"scripted:{script}", "max_steps": steps + 2})
    r.raise_for_status()
    return str(r.json()["id"])


async def watch(client: httpx.AsyncClient, run_id: str, token: str, lat: list[float]) -> tuple[list[int], bool]:
    seen, ended, kind = [], False, ""
    async with client.stream("GET", f"/api/runs/{run_id}/events", headers={"Authorization": f"Bearer {token}"}) as r:
        async for line in r.aiter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                now = time.time()
                data = json.loads(line[6:])
                if kind == "step":
                    seen.append(data["step"]["index"])
                    if "published_at" in data:  # live (not replayed from the store on connect)
                        lat.append((now - data["published_at"]) * 1000)
                elif kind == "end":
                    ended = True
                    break
    return seen, ended


async def viewers(base: str, token: str, run_id: str, n: int) -> tuple[list[tuple[list[int], bool]], list[float]]:
    lat: list[float] = []
    limits = httpx.Limits(max_connections=n + 5)
    async with httpx.AsyncClient(base_url=base, timeout=None, limits=limits) as client:
        got = await asyncio.gather(*(watch(client, run_id, token, lat) for _ in range(n)))
    return list(got), lat


def browser_latency(base: str, token: str, home: Path, steps: int, gap: float) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        page.goto(f"{base}/login?token={token}")
        run_id = start_run(base, token, home, steps, gap, "browser")
        page.goto(f"{base}/runs/{run_id}")
        page.wait_for_selector("#done:not([hidden])", timeout=600_000)
        got = page.evaluate("window.macrohardReceived || []")
        browser.close()
    return [(g["receivedAt"] - g["publishedAt"]) * 1000 for g in got if g.get("publishedAt")]


async def first_token(base: str, token: str, model: str, messages: list[str]) -> list[tuple[float, float]]:
    """For each message: seconds from sending it to the first streamed token, and to the whole answer."""
    auth = {"Authorization": f"Bearer {token}"}
    out = []
    async with httpx.AsyncClient(base_url=base, timeout=None, headers=auth) as client:
        conv = (await client.post("/api/conversations", json={"model": model})).json()["id"]
        async with client.stream("GET", f"/api/conversations/{conv}/events") as r:
            lines = r.aiter_lines()
            async for line in lines:
                if line.startswith("event: ready"):
                    break
            for text in messages:
                t0 = time.perf_counter()
                (await client.post(f"/api/conversations/{conv}/messages", json={"text": text})).raise_for_status()
                first = None
                kind = ""
                async for line in lines:
                    if line.startswith("event: "):
                        kind = line[7:]
                        if kind == "token" and first is None:
                            first = time.perf_counter() - t0
                        elif kind == "error":
                            raise RuntimeError(f"the chat failed: {line}")
                    elif line.startswith("data: ") and kind == "turn_end":
                        out.append((first if first is not None else float("nan"), time.perf_counter() - t0))
                        break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--viewers", type=int, default=50)
    ap.add_argument("--chat-model", default="local", help="model for the first-token figure ('' skips it)")
    ap.add_argument("--gap", type=float, default=0.05, help="seconds each step sleeps in the sandbox")
    args = ap.parse_args()
    print(f"web app, python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}, {args.steps} steps a run ({args.gap:g} s sleep each, bubblewrap)")
    with tempfile.TemporaryDirectory(prefix="mh-bench-serve-") as tmp:
        home = Path(tmp)
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        proc, token = start_server(home, port)
        try:
            run_id = start_run(base, token, home, args.steps, args.gap, "one")
            got, lat = asyncio.run(viewers(base, token, run_id, 1))
            print(f"step end -> SSE client      p50 {statistics.median(lat):7.2f} ms   p99 {pct(lat, 0.99):7.2f} ms"
                  f"   ({len(lat)} live steps; target p50 <= 50 ms)")
            blat = browser_latency(base, token, home, args.steps, args.gap)
            if blat:
                print(f"step end -> Chromium page   p50 {statistics.median(blat):7.2f} ms   p99 {pct(blat, 0.99):7.2f} ms"
                      f"   ({len(blat)} live steps, shown by the page's script)")
            cpu0, t0 = cpu_seconds(proc.pid), time.monotonic()
            run_id = start_run(base, token, home, args.steps, args.gap, "many")
            got, lat = asyncio.run(viewers(base, token, run_id, args.viewers))
            wall, cpu = time.monotonic() - t0, cpu_seconds(proc.pid) - cpu0
            complete = sum(1 for seen, ended in got if ended and sorted(set(seen)) == list(range(1, args.steps + 2)))
            dupes = sum(len(seen) - len(set(seen)) for seen, _ in got)
            print(f"{args.viewers} viewers of one run: {complete}/{args.viewers} got all {args.steps + 1} steps (the finish too) and the end"
                  f" ({dupes} duplicates); live latency p50 {statistics.median(lat):.2f} ms, p99 {pct(lat, 0.99):.2f} ms"
                  f" ({len(lat)} deliveries)")
            print(f"server CPU over that run: {cpu:.2f} s in {wall:.2f} s wall = {100 * cpu / wall:.0f}% of one core "
                  f"(the run itself included: agent loop, guard, sandbox, store)")
            if args.chat_model:
                said = ["Say hello.", "What is 2 + 2?", "Name a colour.", "Say goodbye.", "What day comes after Monday?"]
                times = asyncio.run(first_token(base, token, args.chat_model, said))
                firsts, wholes = [t[0] for t in times], [t[1] for t in times]
                print(f"chat ({args.chat_model}): send -> first streamed token p50 {statistics.median(firsts) * 1000:.0f} ms"
                      f" (first message, model loading: {firsts[0] * 1000:.0f} ms); whole answer p50 "
                      f"{statistics.median(wholes) * 1000:.0f} ms ({len(times)} messages)")
        finally:
            proc.terminate()
            proc.wait(20)


if __name__ == "__main__":
    main()
