"""How the fresh judge (``models/local_evidence.py``) answers on known states: each shell task's workspace
solved by its oracle script (the right answer is "yes") and left untouched (the right answer is "no").

    nice -n 10 env PYTHONPATH=src .venv/bin/python benchmarks/tiny_tasks/judge_dev.py \
        --suite benchmarks/heldout/heldout3.yaml [--only ID,ID] [--model qwen-1.5b]

A DEV tool: the workspaces are built with plain subprocesses in a temporary folder (the suite's own files,
setup and oracle script, all trusted), the evidence command is the one the loop asks the guard for. Prints
per task the two verdicts, then the yes-rate on solved states and the no-rate on untouched ones.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "tiny_tasks"))

from run import load_suite  # noqa: E402


def build(spec: dict, folder: Path, *, solved: bool) -> list:
    """The workspace of ``spec`` in ``folder`` (solved by its script or not); returns the script's steps."""
    from macrohard.models.local_history import Past

    for name, content in (spec.get("files") or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2030-01-01T00:00:00", "GIT_COMMITTER_DATE": "2030-01-01T00:00:00"}
    for line in spec.get("setup") or []:
        subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True, timeout=60)
    steps = []
    for action in spec.get("script") or [] if solved else []:
        if action["kind"] == "write_file":
            path = folder / action["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(action["content"])
            steps.append(Past(action, f"created {action['path']}", True))
        elif action["kind"] == "bash":
            out = subprocess.run(["bash", "-c", action["command"]], cwd=folder, env=env, capture_output=True,
                                 text=True, timeout=60)
            steps.append(Past(action, out.stdout + out.stderr, out.returncode == 0))
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", required=True)
    parser.add_argument("--only", default="")
    parser.add_argument("--model", default="qwen-1.5b")
    args = parser.parse_args()
    from macrohard.models import local_evidence
    from macrohard.models.local import LocalModel

    model = LocalModel.from_name(args.model)
    variant = os.environ.get("JUDGE_VARIANT", "")  # dev only: prompt variants tried while choosing
    if variant == "short":
        local_evidence.JUDGE_SYSTEM = "You check whether a task was done. Answer yes or no."
        local_evidence.QUESTION = "Is the task done? Answer yes or no."
    only = set(filter(None, args.only.split(",")))
    tasks = [t for t in load_suite(Path(args.suite)) if t.get("environment", "shell") == "shell"
             and t.get("script") and (not only or t["id"] in only)]
    yes_solved = no_untouched = 0
    margins: list[tuple[float, float]] = []
    started = time.monotonic()
    for spec in tasks:
        verdicts = []
        for solved in (True, False):
            with tempfile.TemporaryDirectory() as tmp:
                steps = build(spec, Path(tmp), solved=solved)
                command = local_evidence.evidence_command(spec["text"], steps)
                out = subprocess.run(["bash", "-c", command], cwd=tmp, capture_output=True, text=True, timeout=60)
                last = next(((p.action, p.result) for p in reversed(steps) if p.action["kind"] == "bash"), None)
                last = None if variant in ("nolast", "short") else last
                chat = local_evidence.judge_chat(spec["text"], "done", out.stdout + out.stderr, last)
                margin, _ = model._yes_margin(chat)
                verdicts.append(margin)
        margins.append(tuple(verdicts))
        yes_solved += verdicts[0] > local_evidence.YES_MARGIN
        no_untouched += verdicts[1] <= local_evidence.YES_MARGIN
        print(f"{spec['id']:28} solved {verdicts[0]:+6.2f}  untouched {verdicts[1]:+6.2f}", flush=True)
    n = len(tasks)
    print(f"judge: yes on solved {yes_solved}/{n}, no on untouched {no_untouched}/{n}, "
          f"{(time.monotonic() - started) / max(1, 2 * n):.2f} s a verdict, load {os.getloadavg()[0]:.1f}")
    for cut in (-0.5, 0.0, 0.25, 0.5, 0.75, 1.0):
        print(f"  margin {cut:+.1f}: yes on solved {sum(a > cut for a, _ in margins)}/{n}, "
              f"no on untouched {sum(b <= cut for _, b in margins)}/{n}")


if __name__ == "__main__":
    main()
