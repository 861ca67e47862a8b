"""Build the mutation benchmark's tasks from suites/mutations/manifest.json into a cache directory.

    python scripts/make_mutation_suite.py [--cache DIR] [--only NAME ...]

Downloads each sdist with pip (checked against the manifest's sha256), seeds mutations, keeps those
that make a test fail (tests run in the sandbox) and writes CACHE/tasks.json and CACHE/mutations.yaml.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from macrohard.coding.benchset import build, default_cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=None, help="where the tasks go (default: $MACROHARD_HOME/coding/mutations)")
    parser.add_argument("--only", nargs="*", help="only these projects")
    args = parser.parse_args()
    start = time.monotonic()
    tasks = build(args.cache, only=args.only)
    ops: dict[str, int] = {}
    for t in tasks:
        ops[t["operator"]] = ops.get(t["operator"], 0) + 1
    print(f"{len(tasks)} tasks in {args.cache or default_cache()} ({ops}) in {time.monotonic() - start:.0f}s")


if __name__ == "__main__":
    main()
