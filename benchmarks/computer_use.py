"""Computer-use latencies, each beside its raw peer measured in the same run (DESIGN §5).

    .venv/bin/python benchmarks/computer_use.py [--reps 30] [--only browser|desktop]

Browser: our environment's step (action + accessibility snapshot, through an ``Approved``
action; Chromium inside bubblewrap, its requests through the sandbox's allow-list proxy) against
raw Playwright doing the same calls on a second Chromium (same binary and flags, on the host, no
sandbox, no proxy), and the launch of each; desktop: our
one-X-connection input and mss screenshots on the sandboxed desktop (Xvfb, openbox and programs in
bubblewrap) against an ``xdotool`` / ``ffmpeg -f x11grab`` process per action, and its start
against Xvfb + openbox on the host. Raw and ours alternate rep by rep so both see the same
machine load. Prints medians, p99 and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from macrohard.envs.browser import CHROMIUM, CHROMIUM_ARGS, BrowserEnvironment, element_id
from macrohard.envs.desktop import DesktopEnvironment, wait_managing
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.sites import serve
from macrohard.types import parse_action

# Only approval is under test here: the guard's checks have their own benchmark (safety).
GUARD = Guard(checks=[])
CTX = GuardContext(workspace=tempfile.gettempdir())


def approved(env: Any, action: dict[str, Any]) -> Any:
    act = parse_action(action)
    return GUARD.authorize(act, CTX, env=env).approved


def do(env: Any, action: dict[str, Any]) -> str:
    obs = env.execute(approved(env, action))
    if obs.error:  # a benchmark of failing steps would measure nothing useful
        raise RuntimeError(f"{action} failed: {obs.output[:300]}")
    return obs.output


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def pair(name: str, ours: Callable[[], Any], raw: Callable[[], Any], reps: int, rows: list[tuple], *,
         raw_name: str, target: str = "", warm: int = 3) -> None:
    a: list[float] = []
    b: list[float] = []
    for i in range(reps + warm):
        for fn, out in ((raw, b), (ours, a)) if i % 2 else ((ours, a), (raw, b)):
            t = time.perf_counter()
            fn()
            if i >= warm:
                out.append((time.perf_counter() - t) * 1000)
    ratio = statistics.median(a) / statistics.median(b)
    rows.append((name, statistics.median(a), pct(a, 0.99), raw_name, statistics.median(b), pct(b, 0.99), ratio,
                 target))


def single(name: str, fn: Callable[[], Any], reps: int, rows: list[tuple], target: str = "") -> None:
    vals = []
    for i in range(reps + 3):
        t = time.perf_counter()
        fn()
        if i >= 3:
            vals.append((time.perf_counter() - t) * 1000)
    rows.append((name, statistics.median(vals), pct(vals, 0.99), "", None, None, None, target))


def browser_bench(reps: int, rows: list[tuple]) -> None:

    with serve("form") as site, tempfile.TemporaryDirectory() as ws:
        # as an eval runs a site task: network none, the site declared (reached through the proxy)
        sandboxed = {"network": "none", "allowed_hosts": (site.url.split("/")[2],)}
        env = BrowserEnvironment(ws, frames=False, **sandboxed)
        env.start()
        rec = BrowserEnvironment(ws, frames=True, **sandboxed)  # the same, recording one JPEG frame per step
        rec.start()
        pw = env._pw  # one Playwright driver for all browsers, like one process would have

        def ours_launch() -> None:
            other = BrowserEnvironment(ws, frames=False, **sandboxed)
            other.start()
            other.close()

        def raw_launch() -> None:
            other = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            other.new_page(viewport={"width": 1280, "height": 800})
            other.close()

        pair("browser launch + close (bwrap, proxy, page)", ours_launch, raw_launch, max(5, reps // 3), rows,
             raw_name="playwright launch+new_page+close", target="(launch cost)", warm=1)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        def raw_goto() -> str:
            page.goto(site.url)
            page.wait_for_load_state()
            snap = page.aria_snapshot(mode="ai")
            page.title()
            return snap

        pair("browser goto + snapshot", lambda: do(env, {"kind": "browser_goto", "url": site.url}),
             raw_goto, reps, rows, raw_name="playwright goto+aria_snapshot", target="≤ 1.15×")

        # Element ids belong to one page load (a new load prefixes them, f3e5): look them up per load.
        name_ours = element_id(do(env, {"kind": "browser_goto", "url": site.url}), "textbox", "Full name")
        name_rec = element_id(do(rec, {"kind": "browser_goto", "url": site.url}), "textbox", "Full name")
        raw_ref = element_id(re.sub(r"\[ref=([^\]]+)\]", r"[\1]", raw_goto()), "textbox", "Full name")

        def raw_type() -> None:
            page.locator(f"aria-ref={raw_ref}").fill("Grace Hopper")
            page.wait_for_load_state()
            page.aria_snapshot(mode="ai")
            page.title()

        pair("browser type + snapshot",
             lambda: do(env, {"kind": "browser_type", "element": name_ours, "text": "Grace Hopper"}),
             raw_type, reps, rows, raw_name="playwright fill+aria_snapshot", target="≤ 1.15×")
        pair("  … with recording frame",
             lambda: do(rec, {"kind": "browser_type", "element": name_rec, "text": "Grace Hopper"}),
             raw_type, reps, rows, raw_name="playwright fill+aria_snapshot", target="(frame cost)")

        def ours_submit() -> None:
            snap = do(env, {"kind": "browser_goto", "url": site.url})
            do(env, {"kind": "browser_type", "element": element_id(snap, "textbox", "Full name"), "text": "Ada"})
            do(env, {"kind": "browser_type", "element": element_id(snap, "textbox", "Email"), "text": "a@b.org"})
            do(env, {"kind": "browser_click", "element": element_id(snap, "button", "Send")})

        def raw_submit() -> None:
            snap = re.sub(r"\[ref=([^\]]+)\]", r"[\1]", raw_goto())
            for role, name, act in (("textbox", "Full name", "Ada"), ("textbox", "Email", "a@b.org"),
                                    ("button", "Send", None)):
                loc = page.locator(f"aria-ref={element_id(snap, role, name)}")
                loc.fill(act) if act else loc.click()
                page.wait_for_load_state()
                page.aria_snapshot(mode="ai")
                page.title()

        pair("browser form: goto, 2× type, submit (4 steps)", ours_submit, raw_submit, max(5, reps // 3), rows,
             raw_name="playwright, same 4 steps", target="≤ 1.15×")
        env.execute(approved(env, {"kind": "browser_goto", "url": site.url}))
        page.goto(site.url)
        pair("browser screenshot (PNG)", lambda: env._capture("png"), lambda: page.screenshot(), reps, rows,
             raw_name="page.screenshot() PNG")
        pair("browser frame (JPEG q60)", lambda: env._capture("jpeg"),
             lambda: page.screenshot(type="jpeg", quality=60), reps, rows, raw_name="page.screenshot() JPEG q60")
        single("browser_screenshot action (set-of-marks PNG + snapshot)",
               lambda: do(env, {"kind": "browser_screenshot"}), max(5, reps // 2), rows)
        browser.close()
        rec.close()
        env.close()


def show(row: tuple) -> None:
    """Print one row as soon as it is measured (a later crash loses nothing already printed)."""
    name, a50, a99, peer, b50, b99, ratio, target = row
    peer_cols = f"{peer:36} {b50:8.2f} {b99:8.2f} {ratio:6.2f}×" if b50 is not None else " " * 72
    print(f"{name:58} {a50:8.2f} {a99:8.2f}   {peer_cols}  {target}", flush=True)


def _host_desktop(started: list[subprocess.Popen[bytes]]) -> None:
    """Xvfb and openbox on the host, unsandboxed (the desktop before issue 9): the start-up peer.

    ``setpriv --pdeathsig`` takes them down with this process even if it is killed."""
    read_fd, write_fd = os.pipe()
    guard = ["setpriv", "--pdeathsig", "KILL"]
    xvfb = subprocess.Popen([*guard, "Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten",
                             "tcp", "+extension", "XTEST", "-noreset"], pass_fds=(write_fd,), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started.append(xvfb)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    wm = subprocess.Popen([*guard, "openbox"], env={**os.environ, "DISPLAY": display}, start_new_session=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started.append(wm)
    from Xlib import X
    from Xlib import display as xdisplay

    dpy = xdisplay.Display(display)
    try:
        atom = dpy.intern_atom("_NET_SUPPORTING_WM_CHECK")
        while dpy.screen().root.get_full_property(atom, X.AnyPropertyType) is None:
            time.sleep(0.01)
        wait_managing(dpy, 10.0)  # ready as ours is: openbox maps windows
    finally:
        dpy.close()


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()


def desktop_bench(reps: int, rows: list[tuple]) -> None:
    """Our sandboxed desktop (bubblewrap: Xvfb, openbox, programs) beside process-per-action peers.

    Needs only what install.sh installs (Xvfb, openbox, xdotool, ffmpeg, bubblewrap). Every X server
    it starts is stopped in ``finally`` (SIGTERM included), and dies with this process if it is killed."""
    print(f"desktop, {reps} reps (ms; ratio = ours p50 / peer p50), cpus={os.cpu_count()}, "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ws = tempfile.mkdtemp(prefix="mh-bench-desktop-")
    env: DesktopEnvironment | None = None
    peers: list[subprocess.Popen[bytes]] = []
    try:
        def ours_start() -> None:
            d = DesktopEnvironment(ws, settle=0, frames=False)
            d.start()
            d.close()

        def host_start() -> None:
            _host_desktop(peers)
            _stop(peers)
            peers.clear()

        pair("desktop start (bwrap + Xvfb + openbox) and close", ours_start, host_start, max(3, reps // 6), rows,
             raw_name="Xvfb + openbox on the host (old)", warm=1)
        show(rows[-1])
        env = DesktopEnvironment(ws, settle=0, frames=False)
        env.start()
        xenv = {**os.environ, "DISPLAY": env.display_name}

        def xdotool(*args: str) -> None:
            subprocess.run(["xdotool", *args], env=xenv, check=True)

        pair("desktop click (XTEST, one connection)", lambda: env.click(640, 700), lambda: xdotool(
            "mousemove", "640", "700", "click", "1"), reps, rows, raw_name="xdotool mousemove+click process",
            target="p50 ≤ 5 ms")
        show(rows[-1])
        pair("desktop key", lambda: env.key("shift+Tab"), lambda: xdotool("key", "shift+Tab"), reps, rows,
             raw_name="xdotool key process", target="p50 ≤ 5 ms")
        show(rows[-1])
        pair("desktop_click action (verify+click+window list)",
             lambda: do(env, {"kind": "desktop_click", "x": 640, "y": 700}),
             lambda: xdotool("mousemove", "640", "700", "click", "1"), reps, rows,
             raw_name="xdotool mousemove+click process")
        show(rows[-1])
        sct = env._sct
        pair("desktop screenshot JPEG (grab+encode)", lambda: env.screenshot("jpeg"),
             lambda: sct.grab(sct.monitors[0]), reps, rows, raw_name="raw mss grab, no encoding",
             target="p50 ≤ 15 ms")
        show(rows[-1])
        grab = ["ffmpeg", "-loglevel", "error", "-f", "x11grab", "-video_size", "1280x800", "-i", env.display_name,
                "-frames:v", "1", "-c:v", "png", "-f", "image2pipe", "-"]
        pair("desktop screenshot PNG (grab+encode)", lambda: env.screenshot("png"),
             lambda: subprocess.run(grab, env=xenv, capture_output=True, check=True, start_new_session=True),
             max(5, reps // 3), rows, raw_name="ffmpeg x11grab PNG process")
        show(rows[-1])
        env.frames = True  # what the agent gets after every step: window list and a JPEG frame
        single("desktop_screenshot action (verify+window list+JPEG)", lambda: do(env, {"kind": "desktop_screenshot"}),
               reps, rows)
        show(rows[-1])
    finally:
        if env is not None:
            env.close()
        _stop(peers)
        shutil.rmtree(ws, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--only", choices=["browser", "desktop"], help="Measure one environment only.")
    args = parser.parse_args()
    rows: list[tuple] = []
    if args.only in (None, "browser"):
        browser_bench(args.reps, rows)
    if args.only in (None, "desktop"):
        desktop_bench(args.reps, rows)
    print(f"computer use, {args.reps} reps (ms; ratio = ours p50 / peer p50), cpus={os.cpu_count()}")
    print(f"{'ours':58} {'p50':>8} {'p99':>8}   {'peer':36} {'p50':>8} {'p99':>8} {'ratio':>7}  target")
    for name, a50, a99, peer, b50, b99, ratio, target in rows:
        peer_cols = f"{peer:36} {b50:8.2f} {b99:8.2f} {ratio:6.2f}×" if b50 is not None else " " * 72
        print(f"{name:58} {a50:8.2f} {a99:8.2f}   {peer_cols}  {target}")


if __name__ == "__main__":
    main()
