"""Time to render one step whose command is one long line, in the live view and in `runs show`.

    .venv/bin/python benchmarks/long_lines.py [--repeat 5]

Issue 10, finding 8: a 1 MB command hung the live view and `runs show` for more than 300 s. The
step is rendered by ``cli.view.print_step`` into an in-memory terminal 120 columns wide. The peer is
what the old view did with the same line, rich's default print (its highlighter), timed in the
same run at sizes where it still ends; its growth with the square of the length is the point.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from rich.console import Console

import macrohard.cli.view as view
from macrohard.types import BashAction, Observation, Step


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    view.console = Console(file=io.StringIO(), width=120, force_terminal=True)
    print(f"render one step with a command of N characters, median of {args.repeat}, ms")
    print(f"{'N characters':>14} {'live view':>12} {'runs show':>12} {'runs show --full':>17} {'peer: rich print':>17}")
    for n in (10_000, 20_000, 40_000, 80_000, 1_000_000, 10_000_000):
        step = Step(index=1, action=BashAction(command="echo " + "x" * n), observation=Observation(output="y" * n))
        live = _median_ms(lambda s=step: view.print_step(s, run_id="RUN"), args.repeat)
        show = _median_ms(lambda s=step: view.print_step(s, brief=False, run_id="RUN"), args.repeat)
        full = _median_ms(lambda s=step: view.print_step(s, full=True, run_id="RUN"), args.repeat)
        peer = "-"
        if n <= 20_000:  # the old way: 40k already takes ~30 s here, 1 MB more than 300 s
            line = "$ echo " + "x" * n
            peer = f"{_median_ms(lambda ln=line: view.console.print(ln), 1):.1f}"
        print(f"{n:>14,} {live:>12.1f} {show:>12.1f} {full:>17.1f} {peer:>17}")


if __name__ == "__main__":
    main()
