"""The test gate's cost beyond the test runs themselves, and what the baseline cache saves.

    python scripts/make_mutation_suite.py --cache DIR     # the projects (pip sdists) this measures on
    python benchmarks/coding_gate.py --cache DIR [--repeat 3]

For each unpacked project (a git repository made from its sdist), a change (a comment appended to one
source file, by the scripted model) goes through the gate: the baseline (repository checks, test
detection, export, the tests in the sandbox) and the after-run (export, the change set written, the
tests, the comparison, the audit record). "Tests" is the time the test command itself ran inside the
sandbox (stamped in there); the rest is the gate's overhead, the sandbox's start shown apart.
Then the baseline again with the cache (the tree hash unchanged): its time against the uncached one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("MACROHARD_HOME", tempfile.mkdtemp(prefix="macrohard-gatebench-"))
    from macrohard.coding.benchset import default_cache, manifest
    from macrohard.coding.session import cache_dir, coding_task, gate_run, prepare
    from macrohard.runner import run_task
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.testing import ScriptedModel
    from macrohard.types import Run

    cache = args.cache or default_cache()
    store, guard = SQLiteStore(), Guard.from_policy()
    work = Path(tempfile.mkdtemp(prefix="macrohard-gatebench-repos-"))
    total_gate = total_tests = total_sandbox = 0.0
    print(f"{'project':24} {'tests':>7} {'gate':>7} {'overhead':>9} {'sandbox':>8} {'baseline':>9} {'cached':>8}")
    for project in manifest()["projects"]:
        pristine = cache / "pristine" / f"{project['name']}-{project['version']}"
        if not pristine.is_dir():
            sys.exit(f"no {pristine}: build the projects first (python scripts/make_mutation_suite.py --cache {cache})")
        rows = []
        for i in range(args.repeat):
            repo = work / f"{project['name']}-{i}"
            shutil.copytree(pristine, repo)
            for cmd in (["init", "-q", "-b", "main"], ["add", "-A"],
                        ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "start"]):
                subprocess.run(["git", "-C", str(repo), *cmd], check=True, capture_output=True)
            shutil.rmtree(cache_dir(), ignore_errors=True)  # the same tree as the last repeat: measured afresh
            t0 = time.monotonic()
            state, detection, before = prepare(repo, use_cache=True)
            t_base = time.monotonic() - t0
            t1 = time.monotonic()
            prepare(repo, use_cache=True)  # the same tree: from the cache
            t_cached = time.monotonic() - t1
            assert before is not None and not before.cached
            path = project["files"][0]
            text = (repo / path).read_text()
            edit = {"kind": "write_file", "path": path, "content": text + "\n# reviewed\n"}
            run = Run(task=coding_task("touch", state, detection, before, "x"), model="scripted")
            run.task = coding_task("touch", state, detection, before, run.id)
            run = run_task(run.task, model=ScriptedModel([edit]), store=store, guard=guard, run=run)
            t2 = time.monotonic()
            report = gate_run(run, store, state, detection, before)
            t_after = time.monotonic() - t2
            assert report.after is not None and report.status == "passed", report.reason
            runs = [before, report.after] + ([report.rerun] if report.rerun else [])
            tests = sum(r.test_seconds for r in runs)
            sandbox = sum(r.seconds - r.test_seconds for r in runs)
            rows.append((tests, t_base + t_after, sandbox, t_base, t_cached))
        tests, gate, sandbox, base, cached = (statistics.median(col) for col in zip(*rows, strict=True))
        total_gate += gate
        total_tests += tests
        total_sandbox += sandbox
        print(f"{project['name']:24} {tests:6.2f}s {gate:6.2f}s {(gate - tests) / tests:8.1%} {sandbox:7.2f}s "
              f"{base:8.2f}s {cached * 1000:6.1f}ms")
    print(f"\nall: tests {total_tests:.2f}s, gate {total_gate:.2f}s: overhead {(total_gate - total_tests) / total_tests:.1%} "
          f"of the test time (sandbox starts {total_sandbox / total_tests:.1%}, the rest "
          f"{(total_gate - total_tests - total_sandbox) / total_tests:.1%}); medians of {args.repeat}, "
          f"load average {os.getloadavg()[0]:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
