"""Run the `tiny` suite (src/macrohard/eval/suites/tiny.yaml) with a chosen model and print the figures.

    .venv/bin/python benchmarks/tiny_tasks/run.py --model local [--limit N] [--only ID,ID] [--json]
    .venv/bin/python benchmarks/tiny_tasks/run.py --suite benchmarks/heldout/heldout.yaml --model local

Every task goes through ``macrohard.runner.run_task`` (the whole loop, the guard, the run store and
the task's check, run in a sandbox over the workspace as the agent left it). Prints one line per task
(PASS, fail, or FALSE for a false success: claimed, check failed; status, steps, seconds, the actions
taken), then the success rate, the false successes and the median time per task.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macrohard.yamlfile import safe_load

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "src" / "macrohard" / "eval" / "suites" / "tiny.yaml"
TASK_FIELDS = ("text", "files", "setup", "environment", "budget", "tags", "network")


def load_suite(path: Path = SUITE) -> list[dict[str, Any]]:
    """The suite's tasks as dicts, with ``defaults`` applied (task values win, budgets merge)."""
    data = safe_load(path.read_text())  # libyaml's parser where there: the tests read 25 suites at collection
    defaults = data.get("defaults") or {}
    tasks = []
    for raw in data["tasks"]:
        task = {**defaults, **raw}
        if "budget" in defaults or "budget" in raw:
            task["budget"] = {**(defaults.get("budget") or {}), **(raw.get("budget") or {})}
        tasks.append(task)
    return tasks


def make_task(spec: dict[str, Any], workspace: str) -> Any:
    from macrohard.types import Task

    return Task(workspace=workspace, **{k: spec[k] for k in TASK_FIELDS if k in spec})


def run_one(spec: dict[str, Any], model: Any, store: Any, workspace: str) -> dict[str, Any]:
    """Run one task through the full loop; its check runs in the runner, in a sandbox over the workspace
    as the agent left it. Returns a row for the report."""
    from pydantic import TypeAdapter

    from macrohard.eval.suite import Check
    from macrohard.runner import run_task

    t0 = time.perf_counter()
    error = None
    passed = claimed = False
    tokens = {"prompt": 0, "completion": 0}  # the model's tokens over the run (llama.cpp's count for local models)
    check = TypeAdapter(Check).validate_python(spec["check"])
    try:
        with _site(spec.get("site")) as site:
            task = make_task(spec, workspace)
            if site is not None:  # `{site}` is the local site's URL, its address the one the run may reach
                task = task.model_copy(update={"text": task.text.replace("{site}", site.url),
                                               "allow_hosts": [*task.allow_hosts, urlsplit(site.url).netloc]})
                if hasattr(model, "script"):  # the scripted model's `{site}` too
                    model.script = [{k: v.replace("{site}", site.url) if isinstance(v, str) else v
                                     for k, v in a.items()} for a in model.script]
            run = run_task(task, model=model, store=store, check=check, site=site)
        status, run_id = run.status.value, run.id
        passed, claimed = run.passed, run.status.value == "succeeded"
        tokens = {"prompt": run.usage.prompt_tokens, "completion": run.usage.completion_tokens}
    except Exception as exc:  # a model or setup failure counts as a failed task; keep going
        status, run_id, error = "error", None, f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - t0
    actions = []
    if run_id is not None:
        for step in store.steps(run_id):
            if step.action is not None:
                row = step.action.model_dump(exclude={"kind", "timeout"}) | {"kind": step.action.kind}
                if step.verdict is not None and not step.verdict.allowed:
                    row["note"] = "denied"
                elif step.observation is not None and step.observation.error:
                    row["note"] = "error"
                actions.append(row)
            elif step.raw is not None:  # a reply the loop refused: why (a refused copy, a clobber, unreadable JSON)
                why = step.observation.output if step.observation is not None else ""
                actions.append({"kind": "malformed", "raw": step.raw[:80], "why": why[:100]})
    return {"id": spec["id"], "passed": passed, "claimed": claimed, "false_success": claimed and not passed,
            "status": status, "seconds": round(seconds, 2), "steps": len(actions), "run_id": run_id,
            "tokens": tokens, "actions": actions, "error": error}


@contextmanager
def _site(name: str | None) -> Iterator[Any]:
    if name is None:
        yield None
        return
    from macrohard.sites import serve

    with serve(name) as site:
        yield site


def _short(action: dict[str, Any]) -> str:
    return _describe(action) + (f" ({action['note']})" if action.get("note") else "")


def _describe(action: dict[str, Any]) -> str:
    kind = action["kind"]
    if kind == "bash":
        return f"bash {action['command']!r}"
    if kind == "write_file":
        return f"write {action['path']} {action['content'][:30]!r}"
    if kind == "edit_file":
        return f"edit {action['path']} {action['old'][:20]!r}->{action['new'][:20]!r}"
    if kind == "finish":
        return "finish" if action.get("success", True) else "finish (gave up)"
    if kind == "malformed":  # the start of why the loop refused it (refused copy, clobber, unreadable JSON)
        return f"refused ({action.get('why', '')[:48]!r})"
    return f"{kind} {json.dumps({k: v for k, v in action.items() if k != 'kind'})[:50]}"


def _dev_margins() -> None:
    """DEV knobs for calibrating the fresh judge (``models/local_evidence.py``): ``JUDGE_YES_MARGIN`` and
    ``JUDGE_NO_MARGIN`` (a number, or ``inf``: the acting chat's "no" is judged and logged but always stands);
    ``VERIFY_MAX_FIXES`` (fixes offered after the acting chat's own "no"), ``VERIFY_MAX_NEXT`` (next steps then)."""
    from macrohard.models import local_evidence

    for name in ("YES_MARGIN", "NO_MARGIN"):
        if value := os.environ.get(f"JUDGE_{name}"):
            setattr(local_evidence, name, None if value == "none" else float(value))
    if value := os.environ.get("VERIFY_MAX_FIXES"):  # fixes offered after the acting "no" (models/local_verify.py)
        from macrohard.models import local_verify

        local_verify.MAX_FIXES = int(value)
    if value := os.environ.get("VERIFY_MAX_NEXT"):  # next steps offered after the acting "no" (models/local_next.py)
        from macrohard.models import local_verify

        local_verify.MAX_NEXT = int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="local", help="model spec (local, local:gemma, http://.../v1#name, ...)")
    parser.add_argument("--suite", default=str(SUITE), help="suite YAML (default: the tiny suite)")
    parser.add_argument("--limit", type=int, default=None, help="run only the first N tasks")
    parser.add_argument("--only", default="", help="task ids, comma-separated, or @FILE with one id per line")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON at the end")
    parser.add_argument("--out", default="", help="write the rows and figures as JSON to this file")
    args = parser.parse_args(argv)
    _dev_margins()

    from macrohard.models import get_model
    from macrohard.store.sqlite import SQLiteStore

    specs = load_suite(Path(args.suite))
    if args.only:
        wanted = _ids(args.only, parser)
        unknown = sorted(wanted - {s["id"] for s in specs})
        if unknown:
            parser.error(f"--only names {len(unknown)} task(s) not in {args.suite}: {', '.join(unknown[:5])}: check "
                         "the spelling, or pass ids comma-separated or as @FILE (one per line)")
        specs = [s for s in specs if s["id"] in wanted]
    specs = specs[: args.limit] if args.limit else specs
    if not specs:
        parser.error("no tasks to run: --limit must be at least 1")
    t_load = time.perf_counter()
    model = get_model(args.model)
    load_s = time.perf_counter() - t_load
    rows = []
    with tempfile.TemporaryDirectory(prefix="mh-tiny-") as tmp:
        store = SQLiteStore(Path(tmp) / "runs.db")
        for i, spec in enumerate(specs):
            ws = Path(tmp) / f"ws-{i:02d}-{spec['id']}"
            ws.mkdir()
            row = run_one(spec, model, store, str(ws))
            rows.append(row)
            mark = "PASS" if row["passed"] else ("FALSE" if row["false_success"] else "fail")
            trail = " | ".join(_short(a) for a in row["actions"]) or (row["error"] or "")
            print(f"{mark} {spec['id']:<20} {row['status']:<13} {row['steps']} steps {row['seconds']:6.2f}s  {trail}",
                  flush=True)
        store.close()
    passed = sum(r["passed"] for r in rows)
    times = [r["seconds"] for r in rows]
    per_step = [r["seconds"] / r["steps"] for r in rows if r["steps"]]
    low, high = wilson(passed, len(rows))
    print(f"\nmodel {model.name} (aids: {','.join(sorted(getattr(model, 'aids', ()))) or 'none'}): "
          f"{passed}/{len(rows)} passed ({100 * passed / max(len(rows), 1):.0f} %, 95 % interval "
          f"{100 * low:.0f}-{100 * high:.0f} %), median {statistics.median(times):.2f} s per task "
          f"(p90 {_quantile(times, 0.9):.2f} s), median {statistics.median(per_step or [0]):.2f} s per step, "
          f"model load {load_s:.2f} s, load average {os.getloadavg()[0]:.1f} at the end")
    statuses = Counter(r["status"] for r in rows)
    false = sum(r["false_success"] for r in rows)
    print(f"false successes (claimed success, check failed): {false}; statuses: "
          + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    told = sum(r["passed"] and r["claimed"] for r in rows)  # what a user is told succeeded, and did
    print(f"confirmed successes (claimed success, check passed): {told}/{len(rows)}; passed without a claim "
          f"(the run ended otherwise, the check passed: a give-up is right on a task that cannot be done): "
          f"{passed - told}")
    if args.json:
        print(json.dumps(rows, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps({"model": model.name, "aids": sorted(getattr(model, "aids", ())),
                                              "load_s": load_s, "rows": rows}, indent=1))
    return 0


def _ids(value: str, parser: argparse.ArgumentParser) -> set[str]:
    """The ids --only names: `a,b,c`, or `@FILE` with one id per line (blank lines and `#` comments skipped)."""
    if not value.startswith("@"):
        return {part.strip() for part in value.split(",") if part.strip()}
    try:
        lines = Path(value[1:]).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        parser.error(f"--only {value}: cannot read the id file ({exc.strerror}): give a file with one task id per line")
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials (95 % by default)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre, half = p + z * z / (2 * n), z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return max(0.0, (centre - half) / (1 + z * z / n)), min(1.0, (centre + half) / (1 + z * z / n))


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


if __name__ == "__main__":
    sys.exit(main())
