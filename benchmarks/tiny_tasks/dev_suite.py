"""Write a dev suite for the embedded agent loop from ``scripts/policy_tasks.py`` (issue 18).

    .venv/bin/python benchmarks/tiny_tasks/dev_suite.py --n 30 --seed 9001 --out /tmp/dev.yaml
    .venv/bin/python benchmarks/tiny_tasks/run.py --suite /tmp/dev.yaml --model local:qwen-1.5b

The loop's aids (prompt notes, the verification step) are tuned on this suite and the tiny suite,
never on the held-out suites. Seed 9001 is the loop's dev seed: the LoRA training data uses others.
Each task keeps the generator's oracle check as a command check.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("policy_tasks", ROOT / "scripts" / "policy_tasks.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def dev_suite(n: int, seed: int) -> dict:
    """A suite (the runner's YAML shape) of ``n`` generated tasks with their oracle checks."""
    tasks = []
    for t in _generator().generate(n, seed):
        tasks.append({"id": t["id"], "text": t["text"], "files": t["files"],
                      "check": {"type": "command", "command": t["check"]}})
    return {"name": f"policy-dev-{seed}", "defaults": {"environment": "shell", "budget": {"max_steps": 8}},
            "tasks": tasks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=9001)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    Path(args.out).write_text(yaml.safe_dump(dev_suite(args.n, args.seed), sort_keys=False, width=200))
    print(f"wrote {args.n} tasks (seed {args.seed}) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
