"""The sandbox's §5 figures, side by side with a plain subprocess and SWE-ReX's local runtime.

    .venv/bin/python benchmarks/sandbox.py [--quick]        (SWE-ReX: pip install -e '.[bench]')

Measured, in one run, on the same machine:
- cold start: a new sandbox ready, plus its first command (``echo hi``) answered;
- round trip: one ``echo hi`` in a running sandbox;
- reset: back to the start state of a 500-file project, plus the first command after it;
- idle memory: RSS (and PSS) of the sandbox's processes beyond the bash itself;
- throughput: 32 sandboxes at once, each starting and running 20 commands.
Peers: ``subprocess.run(["bash", "-c", ...])`` (a fresh unsandboxed process per command; reset is
``rmtree`` + ``copytree``) and SWE-ReX 1.4 ``LocalDeployment`` + bash session (unsandboxed; its
nearest thing to a reset is closing and reopening the session, which does not restore files).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from macrohard.envs.sandbox import SandboxEnvironment, bwrap_argv, check_available
from macrohard.envs.shell import ShellSession


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def row(name: str, ours: list[float], peers: dict[str, list[float]]) -> None:
    ours_p50 = statistics.median(ours)
    text = f"{name:<28} macrohard p50 {ours_p50:9.3f} ms  p99 {pct(ours, 0.99):9.3f} ms"
    for peer, values in peers.items():
        if values:
            p50 = statistics.median(values)
            text += f" | {peer} p50 {p50:9.3f} ms (x{p50 / ours_p50:,.1f})"
    print(text, flush=True)


def make_project(root: Path, files: int = 500) -> Path:
    for i in range(files):
        d = root / f"pkg{i % 20}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"mod{i}.py").write_text(f"# module {i}\n" + "x = 1\n" * 200)
    return root


# -- SWE-ReX -------------------------------------------------------------------------------------

def swerex_available() -> bool:
    try:
        import swerex  # noqa: F401
    except ImportError:
        return False
    logging.disable(logging.WARNING)  # SWE-ReX logs every deployment start and stop at DEBUG
    return True


async def _rex_start() -> object:
    from swerex.deployment.local import LocalDeployment
    from swerex.runtime.abstract import CreateBashSessionRequest

    deployment = LocalDeployment()
    await deployment.start()
    await deployment.runtime.create_session(CreateBashSessionRequest())
    return deployment


async def _rex_cmd(deployment: object, command: str = "echo hi") -> str:
    from swerex.runtime.abstract import BashAction

    result = await deployment.runtime.run_in_session(BashAction(command=command))  # type: ignore[attr-defined]
    return result.output


def rex_try(fn: Callable[[int], list[float]], n: int) -> list[float]:
    """A SWE-ReX measurement, or [] (with a note) when its pexpect session times out under load."""
    try:
        return fn(n)
    except Exception as exc:  # noqa: BLE001 - a peer's failure is a result to print, not a crash
        print(f"  (SWE-ReX {fn.__name__} failed: {type(exc).__name__}; left out of this row)", flush=True)
        return []


def rex_cold(n: int) -> list[float]:
    async def go() -> list[float]:
        out = []
        for _ in range(n):
            t = time.perf_counter()
            dep = await _rex_start()
            await _rex_cmd(dep)
            out.append((time.perf_counter() - t) * 1000)
            await dep.stop()  # type: ignore[attr-defined]
        return out
    return asyncio.run(go())


def rex_round_trip(n: int) -> list[float]:
    async def go() -> list[float]:
        dep = await _rex_start()
        out = []
        for _ in range(n):
            t = time.perf_counter()
            await _rex_cmd(dep)
            out.append((time.perf_counter() - t) * 1000)
        await dep.stop()  # type: ignore[attr-defined]
        return out
    return asyncio.run(go())


def rex_reset(n: int) -> list[float]:
    from swerex.runtime.abstract import CloseBashSessionRequest, CreateBashSessionRequest

    async def go() -> list[float]:
        dep = await _rex_start()
        out = []
        for _ in range(n):
            t = time.perf_counter()
            await dep.runtime.close_session(CloseBashSessionRequest())  # type: ignore[attr-defined]
            await dep.runtime.create_session(CreateBashSessionRequest())  # type: ignore[attr-defined]
            await _rex_cmd(dep)
            out.append((time.perf_counter() - t) * 1000)
        await dep.stop()  # type: ignore[attr-defined]
        return out
    return asyncio.run(go())


def rex_throughput(sandboxes: int, commands: int) -> float:
    async def one() -> None:
        dep = await _rex_start()
        for _ in range(commands):
            await _rex_cmd(dep)
        await dep.stop()  # type: ignore[attr-defined]

    async def go() -> None:
        await asyncio.gather(*(one() for _ in range(sandboxes)))

    t = time.perf_counter()
    asyncio.run(go())
    return time.perf_counter() - t


# -- memory ---------------------------------------------------------------------------------------

def _mem_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            if ppid == pid:
                found.append(int(entry))
    return found


def sandbox_memory(tmp: Path) -> tuple[float, float, float, float]:
    """(RSS, PSS) of the sandbox's processes other than bash, and of bash itself, in MB."""
    env = SandboxEnvironment(str(tmp / "memws"), state_dir=str(tmp / "memstate"))
    (tmp / "memws").mkdir()
    env.start()
    assert env.session is not None and env.session.pid is not None
    procs = [env.session.pid]
    i = 0
    while i < len(procs):
        procs += _children(procs[i])
        i += 1
    extra_rss = extra_pss = bash_rss = bash_pss = 0
    for pid in procs:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        rss, pss = _mem_kb(pid)
        if name == "bash":
            bash_rss, bash_pss = bash_rss + rss, bash_pss + pss
        else:
            extra_rss, extra_pss = extra_rss + rss, extra_pss + pss
    env.close()
    return extra_rss / 1024, extra_pss / 1024, bash_rss / 1024, bash_pss / 1024


# -- main -----------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="Fewer repetitions.")
    args = parser.parse_args()
    reps = 10 if args.quick else 30
    rex = swerex_available()
    if not rex:
        print("SWE-ReX is not installed (pip install -e '.[bench]'): its columns are left out")
    tmp = Path(tempfile.mkdtemp(prefix="mh-bench-"))
    print(f"machine: {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; medians and p99 "
          "of repeated runs; (xN) = peer time / macrohard time")

    # cold start + first command
    counter = iter(range(10**6))

    def ours_cold() -> None:
        i = next(counter)
        ws = tmp / f"cold{i}"
        ws.mkdir()
        env = SandboxEnvironment(str(ws), state_dir=str(tmp / f"coldstate{i}"))
        env.start()
        env.session.run("echo hi")  # type: ignore[union-attr]
        cold_close.append(env)

    cold_close: list[SandboxEnvironment] = []
    ours_cold()  # the one-off bubblewrap probe of a process is not a sandbox start
    cold = timed(ours_cold, reps)
    for env in cold_close:
        env.close()
    plain = timed(lambda: subprocess.run(["bash", "-c", "echo hi"], capture_output=True), reps)
    bare = bwrap_argv(check_available(), str(tmp), "none") + ["bash", "--noprofile", "--norc", "-c", "echo hi"]
    floor = timed(lambda: subprocess.run(bare, capture_output=True), reps)
    row("cold start + 1st command", cold, {"subprocess": plain, "bare bwrap, same mounts": floor,
                                           "SWE-ReX": rex_try(rex_cold, max(3, reps // 3)) if rex else []})

    # round trip in a running sandbox
    env = SandboxEnvironment(str(tmp / "rt"), state_dir=str(tmp / "rtstate"))
    (tmp / "rt").mkdir()
    env.start()
    assert env.session is not None
    session = env.session
    rt = timed(lambda: session.run("echo hi"), reps * 20)
    env.close()
    raw = ShellSession(cwd=str(tmp))
    raw.start()
    floor = timed(lambda: raw.run("echo hi"), reps * 20)
    raw.close()
    plain = timed(lambda: subprocess.run(["bash", "-c", "echo hi"], capture_output=True), reps * 3)
    row("round trip (echo hi)", rt, {"subprocess": plain, "SWE-ReX": rex_try(rex_round_trip, reps) if rex else [],
                                     "bash over pipes, no sandbox": floor})

    # reset of a 500-file project, plus the first command after it
    project = make_project(tmp / "project")
    env = SandboxEnvironment(source=str(project), state_dir=str(tmp / "resetstate"))
    env.start()
    assert env.session is not None

    def ours_reset() -> None:
        env.session.run("rm -rf pkg1; echo changed > pkg2/mod2.py")  # type: ignore[union-attr]
        t = time.perf_counter()
        env.reset()
        env.session.run("echo hi")  # type: ignore[union-attr]
        resets.append((time.perf_counter() - t) * 1000)

    resets: list[float] = []
    for _ in range(reps):
        ours_reset()
    env.session.run("rm -rf pkg1; echo changed > pkg2/mod2.py")
    snaps: list[str] = []
    snap_ms = timed(lambda: snaps.append(env.snapshot()), max(3, reps // 3))

    def ours_restore() -> None:
        env.restore(snaps[0])
        env.session.run("echo hi")  # type: ignore[union-attr]

    restore_ms = timed(ours_restore, max(3, reps // 3))
    env.close()
    copies = iter(range(10**6))
    plain_snap = timed(lambda: shutil.copytree(project, tmp / f"snapcopy{next(copies)}"), max(3, reps // 3))
    copy_env = SandboxEnvironment(source=str(project), state_dir=str(tmp / "copystate"))
    copy_env.config.cow = "copy"
    copy_env.layers.wanted = "copy"
    copy_env.start()
    copy_resets = timed(lambda: (copy_env.reset(), copy_env.session.run("echo hi")), max(3, reps // 3))  # type: ignore[union-attr]
    copy_env.close()
    work = tmp / "plainreset"

    def plain_reset() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(project, work)
        subprocess.run(["bash", "-c", "echo hi"], capture_output=True, cwd=work)

    row("reset (500 files) + 1st cmd", resets, {"sandbox copy mode": copy_resets,
                                                  "subprocess rmtree+copytree": timed(plain_reset, max(3, reps // 3)),
                                                  "SWE-ReX session reopen": rex_try(rex_reset, max(3, reps // 3)) if rex else []})

    row("snapshot (2 changes)", snap_ms, {"subprocess copytree": plain_snap})
    row("restore + 1st cmd", restore_ms, {})

    # idle memory
    extra_rss, extra_pss, bash_rss, bash_pss = sandbox_memory(tmp)
    print(f"{'idle sandbox memory':<28} beyond bash: RSS {extra_rss:.1f} MB, PSS {extra_pss:.1f} MB "
          f"(bash itself: RSS {bash_rss:.1f} MB, PSS {bash_pss:.1f} MB)", flush=True)

    # throughput: 32 sandboxes at once, each started and running 20 commands
    sandboxes, commands = 32, 20

    def one(i: int) -> None:
        ws = tmp / f"tp{i}"
        ws.mkdir(exist_ok=True)
        e = SandboxEnvironment(str(ws), state_dir=str(tmp / f"tpstate{i}"))
        e.start()
        for _ in range(commands):
            e.session.run("echo hi")  # type: ignore[union-attr]
        e.close()

    def plain_one(i: int) -> None:
        for _ in range(commands):
            subprocess.run(["bash", "-c", "echo hi"], capture_output=True)

    def pool_time(fn: Callable[[int], None]) -> float:
        t = time.perf_counter()
        with ThreadPoolExecutor(sandboxes) as pool:
            list(pool.map(fn, range(sandboxes)))
        return time.perf_counter() - t

    ours_s = pool_time(one)
    plain_s = pool_time(plain_one)
    total = sandboxes * commands
    line = (f"{'32 sandboxes x 20 commands':<28} macrohard {total / ours_s:8.0f} cmd/s ({ours_s:.2f} s, starts included)"
            f" | subprocess {total / plain_s:8.0f} cmd/s (x{ours_s and plain_s / ours_s:.2f} time)")
    print(line, flush=True)
    if rex:  # SWE-ReX's pexpect sessions time out when 32 start at once on 2 cores: fall back to fewer
        rex_commands = 5
        for count in (sandboxes, 8):
            try:
                rex_s = rex_throughput(count, rex_commands)
            except Exception as exc:  # noqa: BLE001 - a peer's failure is a result to print, not a crash
                print(f"{'':<28} SWE-ReX with {count} deployments at once failed: {type(exc).__name__}", flush=True)
                continue
            rex_rate = count * rex_commands / rex_s
            print(f"{'':<28} SWE-ReX {rex_rate:8.1f} cmd/s ({count} deployments x {rex_commands} commands, "
                  f"{rex_s:.1f} s, starts included; macrohard x{(total / ours_s) / rex_rate:,.0f} the rate)", flush=True)
            break
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
