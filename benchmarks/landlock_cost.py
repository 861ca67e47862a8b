"""What starting a sandbox in a Landlock domain of its own costs (``envs.landlock.popen``): the same bubblewrap
(``bwrap_argv`` in network ``full``, running ``true``) started with plain ``subprocess.Popen`` and with
``landlock.popen``, interleaved, to its exit; and the two spawn calls alone on ``/bin/true``.

    .venv/bin/python benchmarks/landlock_cost.py [--trials 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from macrohard.envs import landlock  # noqa: E402
from macrohard.envs.sandbox import bwrap_argv  # noqa: E402


def timed(spawn, argv: list[str]) -> float:
    t0 = time.perf_counter()
    spawn(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).wait()
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=100)
    args = ap.parse_args()
    if not landlock.scoped():
        sys.exit(f"nothing to measure: {landlock.describe()}")
    bwrap = shutil.which("bwrap") or sys.exit("bubblewrap (bwrap) is not installed")
    ws = tempfile.mkdtemp(prefix="macrohard-landlock-")
    sandbox = [*bwrap_argv(bwrap, ws, "full"), "true"]
    rows = {"bwrap full, Popen": [], "bwrap full, landlock.popen": [], "/bin/true, Popen": [],
            "/bin/true, landlock.popen": []}
    for _ in range(args.trials):
        rows["bwrap full, Popen"].append(timed(subprocess.Popen, sandbox))
        rows["bwrap full, landlock.popen"].append(timed(landlock.popen, sandbox))
        rows["/bin/true, Popen"].append(timed(subprocess.Popen, ["/bin/true"]))
        rows["/bin/true, landlock.popen"].append(timed(landlock.popen, ["/bin/true"]))
    shutil.rmtree(ws, ignore_errors=True)
    print(f"sandbox start in a Landlock domain · {platform.machine()} python {platform.python_version()} · "
          f"kernel {platform.release()} (Landlock ABI {landlock.abi()}) · "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · load {os.getloadavg()[0]:.1f} · {args.trials} each")
    print(f"{'start to exit':<30}{'median ms':>10}{'p90 ms':>9}")
    for name, values in rows.items():
        values.sort()
        print(f"{name:<30}{statistics.median(values):>10.3f}{values[int(0.9 * (len(values) - 1))]:>9.3f}")


if __name__ == "__main__":
    main()
