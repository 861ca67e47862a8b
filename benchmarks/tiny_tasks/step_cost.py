"""Where an agent step's seconds and CPU go: `run.py` with the model, its grammar, the environment and the screens timed.

    PYTHONPATH=src nice -n 10 .venv/bin/python benchmarks/tiny_tasks/step_cost.py --log cost.jsonl -- \\
        --suite benchmarks/heldout/heldout26.yaml --model local:qwen-1.5b --only ID,ID --out run.json
    .venv/bin/python benchmarks/tiny_tasks/step_cost.py --summary cost.jsonl

The first form runs `run.py` (its arguments after ``--``) and appends one JSON line per timed piece of work, each
with its wall seconds, the process's CPU seconds over it (all its threads: llama.cpp's too) and the load average:

- ``prompt``: llama.cpp reading a prompt (``Llama.eval`` of what its cache did not hold): ``new`` tokens read,
  ``reused`` tokens its cache held (the prefix shared with the previous prompt);
- ``gen``: llama.cpp computing one generated token (``Llama.eval`` of one token), ``sample``: choosing it (the
  grammar, the logits processors and the sampler chain: where a grammar's cost shows);
- ``state``: the asides' save and restore of llama.cpp's cache (``Llama.save_state`` / ``load_state``, or
  ``local_state.save`` / ``restore`` where the tree has it: then a save_state inside it is timed twice);
- ``complete``: the whole of one model step (``LocalModel.complete``): what is not in the pieces above is the
  agent's own Python around the model (prompt building, tokenising, the judges' bookkeeping);
- ``authorize`` (the guard's review of an action), ``screen`` (the screens over an observation),
  ``screen_answer`` (the answer screen), ``execute`` (the environment running the action; ``child_cpu`` its
  children's CPU, the sandboxed command's);
- ``task``: one task's whole run (with its check), with its steps and pass.

The second form prints the totals per piece, per step, largest first. Measurement only: nothing decided changes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

_STATE = threading.local()
_TASK = {"id": ""}


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timed(log: Any, kind: str, original: Any, extra: Any = None) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        w0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        try:
            return original(*args, **kwargs)
        finally:
            row = {"task": _TASK["id"], "kind": kind, "s": round(time.perf_counter() - w0, 4),
                   "cpu": round(time.process_time() - c0, 4), "load": round(os.getloadavg()[0], 2)}
            if kind == "execute":
                row["child_cpu"] = round(_children_cpu() - k0, 4)
            if extra is not None:
                row.update(extra(*args, **kwargs))
            log.write(json.dumps(row) + "\n")
            log.flush()

    return wrapper


def instrument(log: Any) -> None:
    import llama_cpp

    from macrohard import agent
    from macrohard.models import local
    from macrohard.safety import guard as guard_mod

    Llama = llama_cpp.Llama
    generate, evaluate, sample = Llama.generate, Llama.eval, Llama.sample

    def gen(self: Any, tokens: Any, *args: Any, **kwargs: Any) -> Any:
        _STATE.prompt = len(list(tokens)) if not isinstance(tokens, list) else len(tokens)
        _STATE.first = True
        _STATE.grammar = kwargs.get("grammar") is not None
        return generate(self, tokens, *args, **kwargs)

    def ev(self: Any, tokens: Any) -> Any:
        n = len(tokens)
        first = getattr(_STATE, "first", False)
        _STATE.first = False
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            return evaluate(self, tokens)
        finally:
            row = {"task": _TASK["id"], "kind": "prompt" if first else "gen", "s": round(time.perf_counter() - w0, 4),
                   "cpu": round(time.process_time() - c0, 4), "tokens": n, "load": round(os.getloadavg()[0], 2)}
            if first:
                row["reused"] = max(0, getattr(_STATE, "prompt", n) - n)
            log.write(json.dumps(row) + "\n")

    Llama.generate = gen
    Llama.eval = ev
    Llama.sample = _timed(log, "sample", sample, lambda *a, **k: {"grammar": k.get("grammar") is not None})
    Llama.save_state = _timed(log, "state", Llama.save_state)
    Llama.load_state = _timed(log, "state", Llama.load_state)
    try:  # the asides' lighter keep (comp63): where it is there, its save and restore are the state's cost
        from macrohard.models import local_state

        local_state.save = _timed(log, "state", local_state.save)
        local_state.restore = _timed(log, "state", local_state.restore)
    except ImportError:
        pass
    local.LocalModel.complete = _timed(log, "complete", local.LocalModel.complete)
    guard_mod.Guard.authorize = _timed(log, "authorize", guard_mod.Guard.authorize)
    guard_mod.Guard.screen = _timed(log, "screen", guard_mod.Guard.screen)
    guard_mod.Guard.screen_answer = _timed(log, "screen_answer", guard_mod.Guard.screen_answer)
    executor = agent.Agent._executor
    seen: set[type] = set()

    def exe(self: Any, action: Any) -> Any:
        target = executor(self, action)
        cls = type(target)
        if cls not in seen and hasattr(cls, "execute"):
            seen.add(cls)
            cls.execute = _timed(log, "execute", cls.execute)
        return target

    agent.Agent._executor = exe


def summary(path: Path) -> str:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    tasks = [r for r in rows if r["kind"] == "task"]
    steps = sum(r["steps"] for r in tasks) or 1
    by: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0, 0, 0.0])
    for r in rows:
        if r["kind"] == "task":
            continue
        b = by[r["kind"]]
        b[0] += 1
        b[1] += r["s"]
        b[2] += r["cpu"]
        b[3] += r.get("tokens", 0)
        b[4] += r.get("reused", 0)
        b[5] += r.get("child_cpu", 0.0)
    wall = sum(r["s"] for r in tasks)
    cpu = sum(r["cpu"] for r in tasks)
    loads = [r["load"] for r in rows]
    per = [r["s"] / r["steps"] for r in tasks if r["steps"]]
    out = [f"{len(tasks)} tasks, {sum(r['passed'] for r in tasks)} passed, {sum(r['false_success'] for r in tasks)} "
           f"false successes, {steps} steps; wall {wall:.1f} s ({wall / steps:.2f} s/step, median per task "
           f"{statistics.median(per) if per else 0:.2f}), process CPU {cpu:.1f} s ({cpu / steps:.2f} s/step); "
           f"load {min(loads, default=0):.1f}-{max(loads, default=0):.1f}"]
    out.append("piece           calls   wall s  s/step   CPU s  CPU/step  tokens  reused  (child CPU)")
    for kind, (n, s, c, tok, reused, child) in sorted(by.items(), key=lambda kv: -kv[1][1]):
        out.append(f"{kind:14s} {int(n):6d} {s:8.1f} {s / steps:7.2f} {c:7.1f} {c / steps:8.2f} {int(tok):7d} "
                   f"{int(reused):7d}" + (f"  {child:.1f}" if child else ""))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    own, rest = (argv[: argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", default="", help="append the timed pieces of a run.py run (its arguments after --)")
    parser.add_argument("--summary", default="", help="print the totals of a log")
    args = parser.parse_args(own)
    if args.summary:
        print(summary(Path(args.summary)))
        return 0
    if not args.log:
        parser.error("--log FILE -- <run.py arguments>, or --summary FILE")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import run  # benchmarks/tiny_tasks/run.py

    with open(args.log, "a") as log:
        instrument(log)
        run_one = run.run_one

        def one(spec: dict[str, Any], *a: Any, **k: Any) -> dict[str, Any]:
            _TASK["id"] = spec["id"]
            w0, c0 = time.perf_counter(), time.process_time()
            row = run_one(spec, *a, **k)
            log.write(json.dumps({"task": spec["id"], "kind": "task", "s": round(time.perf_counter() - w0, 3),
                                  "cpu": round(time.process_time() - c0, 3), "steps": row["steps"],
                                  "passed": row["passed"], "false_success": row["false_success"],
                                  "status": row["status"], "load": round(os.getloadavg()[0], 2)}) + "\n")
            log.flush()
            return row

        run.run_one = one
        return run.main(rest)


if __name__ == "__main__":
    sys.exit(main())
