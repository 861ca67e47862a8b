"""Durable workspaces (issue 10): what an on-disk upper layer costs per step, and how long a big close takes.

    .venv/bin/python benchmarks/durable.py [--quick]

Measured in one run, on the same machine, side by side:
- per run, mounting and removing the layer; per step, in an overlay workspace over a 500-file project, with the upper layer on
  (a) the old 2 GiB tmpfs (memory: lost when the process dies, charged to the sandbox's memory cgroup),
  (b) the new 2 GiB sparse ext4 image on a loop device (on disk, ENOSPC when full: the default),
  (c) a plain directory of the data dir's filesystem (on disk, no disk limit):
  one ``write_file`` of 4 KB (the file tool, in this process), one bash step writing 100 small files,
  one bash step writing a 10 MB file (bash kept open over pipes, as in the sandbox, without bubblewrap);
- closing a workspace in which the agent wrote 3,000 files / 300 MB (random bytes): recording the
  change set (hash + keep each changed file as a blob), then writing it back into the run's own
  directory, on the same three layers; plus the full ``SandboxEnvironment.close()`` (bubblewrap).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from macrohard.envs import diskimage
from macrohard.envs.changes import ChangeStore, apply_changes, scan_tree
from macrohard.envs.files import FileTools
from macrohard.envs.mounts import mount, umount
from macrohard.envs.sandbox import SandboxEnvironment
from macrohard.envs.shell import ShellSession
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction, WriteFileAction

LAYERS = ("tmpfs (old)", "ext4 image (new)", "disk dir (new)")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def make_project(root: Path, files: int = 500) -> Path:
    for i in range(files):
        d = root / f"pkg{i % 20}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"mod{i}.py").write_text(f"def f{i}():\n    return {i}\n" * 20)
    return root


class Layer:
    """An overlay over ``lower`` whose upper layer is on tmpfs, an ext4 image, or a plain directory."""

    def __init__(self, kind: str, root: Path, lower: Path) -> None:
        self.kind, self.root, self.lower = kind, root, lower
        self.layer, self.merged = root / "layer", root / "ws"
        self.layer.mkdir(parents=True)
        self.merged.mkdir()
        if kind.startswith("tmpfs"):
            mount("macrohard", str(self.layer), "tmpfs", "size=2048m,mode=0755")
        elif kind.startswith("ext4"):
            diskimage.create(root / "layer.img", 2048, root.parent / ".images")
            diskimage.mount_image(root / "layer.img", self.layer)
        (self.layer / "upper").mkdir()
        (self.layer / "work").mkdir()
        mount("overlay", str(self.merged), "overlay", f"lowerdir={lower},upperdir={self.layer / 'upper'},"
              f"workdir={self.layer / 'work'},redirect_dir=off,metacopy=off")

    def close(self) -> None:
        umount(self.merged)
        umount(self.layer)
        shutil.rmtree(self.root, ignore_errors=True)


def step_costs(tmp: Path, lower: Path, n: int) -> dict[str, dict[str, list[float]]]:
    """Per-step latencies (ms) on each layer; the layers take turns, so load hits them alike."""
    layers = {kind: Layer(kind, tmp / f"step{i}", lower) for i, kind in enumerate(LAYERS)}
    shells = {kind: ShellSession(cwd=str(layer.merged)) for kind, layer in layers.items()}
    tools = {kind: FileTools(str(layer.merged)) for kind, layer in layers.items()}
    for shell in shells.values():
        shell.start()
    out: dict[str, dict[str, list[float]]] = {k: {"write_file 4 KB": [], "bash: 100 small files": [],
                                                  "bash: one 10 MB file": []} for k in LAYERS}
    content = "x" * 4096
    try:
        for i in range(n):
            for kind in LAYERS:
                action = WriteFileAction(path=f"notes/n{i}.txt", content=content)
                t = time.perf_counter()
                tools[kind].write(action)
                out[kind]["write_file 4 KB"].append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                shells[kind].run(f"mkdir -p s{i} && for j in $(seq 100); do echo $j > s{i}/f$j; done")
                out[kind]["bash: 100 small files"].append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                shells[kind].run(f"head -c 10485760 /dev/zero > big{i}")
                out[kind]["bash: one 10 MB file"].append((time.perf_counter() - t) * 1000)
                shells[kind].run(f"rm -f big{i}")
    finally:
        for shell in shells.values():
            shell.close()
        for layer in layers.values():
            layer.close()
    return out


def setup_costs(tmp: Path, lower: Path, n: int) -> dict[str, list[float]]:
    """Per run: mounting the layer and the overlay, then unmounting and deleting them (ms)."""
    out: dict[str, list[float]] = {k: [] for k in LAYERS}
    for i in range(n):
        for j, kind in enumerate(LAYERS):
            t = time.perf_counter()
            Layer(kind, tmp / f"setup{i}-{j}", lower).close()
            out[kind].append((time.perf_counter() - t) * 1000)
    return out


def fill(root: Path, files: int, size: int) -> None:
    for i in range(files):
        d = root / f"out{i % 30}"
        d.mkdir(exist_ok=True)
        (d / f"f{i}.bin").write_bytes(os.urandom(size))


def close_cost(tmp: Path, lower: Path, files: int, size: int, reps: int) -> dict[str, list[tuple[float, float]]]:
    """Seconds to record the change set, and to write it back, of ``files`` new files on each layer.

    The layers take turns, ``reps`` times; the page cache is flushed before each timed close.
    """
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in LAYERS}
    for rep in range(reps):
        for i, kind in enumerate(LAYERS):
            layer = Layer(kind, tmp / f"close{rep}-{i}", lower)
            store = ChangeStore(tmp / f"close{rep}-{i}-state")
            store.write_manifest(scan_tree(lower))
            fill(layer.merged, files, size)
            target = tmp / f"close{rep}-{i}-target"
            shutil.copytree(lower, target)
            os.sync()
            t = time.perf_counter()
            changes = store.record(layer.merged, lower)
            recorded = time.perf_counter() - t
            t = time.perf_counter()
            apply_changes(store, target, changes)
            written = time.perf_counter() - t
            layer.close()
            shutil.rmtree(target)
            shutil.rmtree(store.dir)
            out[kind].append((recorded, written))
    return out


def sandbox_close(tmp: Path, files: int, size: int) -> tuple[float, int]:
    """The whole ``SandboxEnvironment.close()`` after the agent wrote ``files`` files (bubblewrap, ext4 image)."""
    ws = tmp / "sbws"
    ws.mkdir()
    env = SandboxEnvironment(source=str(make_project(ws, 500)), state_dir=str(tmp / "sbstate"))
    env.start()
    per_dir = files // 30
    command = (f"for d in $(seq 0 29); do mkdir -p out$d; for i in $(seq 1 {per_dir}); do "
               f"head -c {size} /dev/urandom > out$d/f$i.bin; done; done")
    action = BashAction(command=command, timeout=600)  # reviewed by a guard with no checks: only the close is timed
    obs = env.execute(Guard(checks=[]).authorize(action, GuardContext(workspace=env.workspace), env=env).approved)
    assert obs.exit_code == 0, obs.output
    t = time.perf_counter()
    env.close()
    return time.perf_counter() - t, len(env.changes or [])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a 300-file close")
    args = parser.parse_args()
    n = 10 if args.quick else 40
    files = 300 if args.quick else 3000
    size = 100_000
    if why := diskimage.available():
        raise SystemExit(f"this benchmark mounts overlays and disk images: {why}")
    print(f"machine: {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; (xN) = time / tmpfs time", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="macrohard-bench-durable-"))
    try:
        lower = make_project(tmp / "project", 500)
        setup = setup_costs(tmp, lower, n)  # first: later steps leave dirty pages whose writeback would weigh on it
        os.sync()
        costs = step_costs(tmp, lower, n)
        for kind, values in setup.items():
            costs[kind]["layer setup + teardown"] = values
        os.sync()
        order = ["layer setup + teardown", "write_file 4 KB", "bash: 100 small files", "bash: one 10 MB file"]
        for what in order:
            base = statistics.median(costs[LAYERS[0]][what])
            cells = []
            for kind in LAYERS:
                p50 = statistics.median(costs[kind][what])
                cells.append(f"{kind} p50 {p50:8.3f} ms p99 {pct(costs[kind][what], 0.99):8.3f} ms (x{p50 / base:.2f})")
            print(f"step: {what:<22} " + " | ".join(cells), flush=True)
        mb = files * size / 1e6
        closes = close_cost(tmp, lower, files, size, 1 if args.quick else 3)
        base = statistics.median(r + w for r, w in closes[LAYERS[0]])
        for kind, runs in closes.items():
            recorded = statistics.median(r for r, _ in runs)
            written = statistics.median(w for _, w in runs)
            total = statistics.median(r + w for r, w in runs)
            print(f"close {files:,} files / {mb:.0f} MB, {kind:<17} record {recorded:6.2f} s + write back "
                  f"{written:6.2f} s = {total:6.2f} s (x{total / base:.2f}; median of {len(runs)})", flush=True)
        seconds, changed = sandbox_close(tmp, files, size)
        print(f"SandboxEnvironment.close(), {changed:,} new files / {mb:.0f} MB (ext4 image, bubblewrap, "
              f"gated: no write-back): {seconds:.2f} s", flush=True)
    finally:
        for point in sorted((line.split(" ")[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()
                             if line.split(" ")[4].startswith(str(tmp))), key=len, reverse=True):
            umount(point)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
