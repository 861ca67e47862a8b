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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("MACROHARD_HOME", tempfile.mkdtemp(prefix="macrohard-gatebench-"))
    from macrohard.coding.benchset import default_cache, manifest
    from macrohard.coding.session import cache_dir, coding_task, gate_run, prepare
    from macrohard.envs.sandbox import etc_view
    from macrohard.runner import run_task
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.testing import ScriptedModel
    from macrohard.types import Run

    parts = _instrument()
    etc_view()  # once per process (the sandbox's /etc), paid by the first sandbox whoever starts it: not the gate's
    cache = args.cache or default_cache()
    store, guard = SQLiteStore(), Guard.from_policy()
    work = Path(tempfile.mkdtemp(prefix="macrohard-gatebench-repos-"))
    total_gate = total_tests = total_sandbox = 0.0
    breakdown: list[dict[str, float]] = []
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
            parts.clear()
            t0 = time.monotonic()
            state, detection, before = prepare(repo, use_cache=True)
            t_base = time.monotonic() - t0
            t1 = time.monotonic()
            prepare(repo, use_cache=True)  # the same tree: from the cache
            t_cached = time.monotonic() - t1
            base_parts = dict(parts)
            assert before is not None and not before.cached
            path = project["files"][0]
            text = (repo / path).read_text()
            edit = {"kind": "write_file", "path": path, "content": text + "\n# reviewed\n"}
            run = Run(task=coding_task("touch", state, detection, before, "x"), model="scripted")
            run.task = coding_task("touch", state, detection, before, run.id)
            run = run_task(run.task, model=ScriptedModel([edit]), store=store, guard=guard, run=run)
            parts.clear()
            parts.update(base_parts)
            t2 = time.monotonic()
            report = gate_run(run, store, state, detection, before)
            t_after = time.monotonic() - t2
            breakdown.append(dict(parts))
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
    names = sorted({k for row in breakdown for k in row}, key=lambda k: -statistics.median(r.get(k, 0) for r in breakdown))
    print("per gate (baseline + after-run), median over all gates: " + ", ".join(
        f"{k} {statistics.median(r.get(k, 0) for r in breakdown) * 1000:.0f}ms" for k in names))
    shutil.rmtree(work, ignore_errors=True)


def _instrument() -> dict[str, float]:
    """Time the gate's fixed costs as they run (the cached baseline's lookup is timed apart, not here)."""
    from macrohard.coding import gate, session
    from macrohard.safety.audit import AuditLog
    from macrohard.store.sqlite import SQLiteStore

    parts: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.monotonic()
            try:
                return fn(*a, **k)
            finally:
                parts[name] = parts.get(name, 0.0) + time.monotonic() - t
        return wrapper

    for name in ("check_repo", "detect", "export", "relevant", "write_changes"):
        setattr(session, name, timed(name, getattr(session, name)))
    gate.drop = timed("cleanup", gate.drop)
    gate.from_junit = timed("results", gate.from_junit)
    gate.from_output = timed("results", gate.from_output)
    AuditLog.append = timed("audit", AuditLog.append)  # type: ignore[method-assign]
    SQLiteStore.update_run = timed("store", SQLiteStore.update_run)  # type: ignore[method-assign]
    run_tests = gate.run_tests

    def sandboxed(*a: Any, **k: Any) -> Any:
        t = time.monotonic()
        out = run_tests(*a, **k)
        parts["sandbox+read"] = parts.get("sandbox+read", 0.0) + time.monotonic() - t - out.test_seconds
        return out
    gate.run_tests = sandboxed
    return parts


if __name__ == "__main__":
    main()
