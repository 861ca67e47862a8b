"""Where an embedded model's seconds go: `run.py` with every llama.cpp call timed and put down to its caller.

    PYTHONPATH=src .venv/bin/python benchmarks/tiny_tasks/step_time.py --log calls.jsonl -- \
        --suite benchmarks/heldout/heldout12.yaml --model local:qwen-1.5b --only ID,ID
    .venv/bin/python benchmarks/tiny_tasks/step_time.py --summary calls.jsonl

The first form runs `run.py` (its arguments after ``--``) and appends one JSON line per llama.cpp completion: its
wall seconds, the chain of `models/local*.py` functions that asked for it, and the prompt and generated tokens
llama.cpp reported (the prompt count includes tokens it had cached). The second prints the seconds, calls and
tokens per caller, largest first. Measurement only: nothing the model decides changes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any


def _caller() -> str:
    names = [f"{Path(f.filename).stem}.{f.name}" for f in traceback.extract_stack()[:-2] if "/models/local" in f.filename]
    return ">".join(names[-3:])


def instrument(log: Any) -> None:
    """Time every outermost ``Llama.create_completion`` / ``create_chat_completion`` call into ``log``."""
    import llama_cpp

    depth = [0]

    def wrap(name: str) -> None:
        original = getattr(llama_cpp.Llama, name)

        def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
            depth[0] += 1
            start = time.perf_counter()
            try:
                out = original(self, *args, **kwargs)
            finally:
                depth[0] -= 1
            if not depth[0]:  # a chat completion calls create_completion inside: counted once
                usage = out.get("usage") or {}
                log.write(json.dumps({"fn": name, "s": round(time.perf_counter() - start, 3), "caller": _caller(),
                                      "prompt": usage.get("prompt_tokens"),
                                      "completion": usage.get("completion_tokens")}) + "\n")
                log.flush()
            return out

        setattr(llama_cpp.Llama, name, timed)

    for name in ("create_completion", "create_chat_completion"):
        wrap(name)


def summary(path: Path) -> str:
    """Seconds, calls and tokens per caller, largest first."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    by: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
    for row in rows:
        b = by[row["caller"]]
        b[0] += 1
        b[1] += row["s"]
        b[2] += row["prompt"] or 0
        b[3] += row["completion"] or 0
    total = sum(b[1] for b in by.values()) or 1.0
    lines = [f"{len(rows)} llama.cpp calls, {total:.1f} s in all"]
    for caller, (n, s, prompt, gen) in sorted(by.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"{s:7.1f} s {100 * s / total:5.1f} %  {int(n):4d} calls  {s / n:5.2f} s/call  "
                     f"prompt tok {int(prompt):6d}  gen tok {int(gen):5d}  {caller}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    own, rest = (argv[: argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", default="", help="append the timed calls of a run.py run (its arguments after --)")
    parser.add_argument("--summary", default="", help="print the seconds per caller of a log")
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
        return run.main(rest)


if __name__ == "__main__":
    sys.exit(main())
