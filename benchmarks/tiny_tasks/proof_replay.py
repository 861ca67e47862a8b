"""Replay recorded runs without a model and ask what the harness's own tests (``models/local_proofs.py``) would
decide at their end: how many right runs they would claim, and how many wrong runs (must be 0).

    PYTHONPATH=src .venv/bin/python benchmarks/tiny_tasks/proof_replay.py --suite benchmarks/heldout/heldout13.yaml \
        --runs /work/wt/figs/h13_end_even.json [--exclude ids.txt]

Each run's own actions (its shell commands and file writes, not the harness's evidence look or its finish) are
replayed through the whole loop (``run.py``'s ``run_one``: the guard, the sandbox, the task's check), then the probe
runs as the harness's last action. Browser runs are left out (the page is not replayed).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import load_suite, run_one  # noqa: E402


class Replay:
    """A model that replays recorded actions, then asks for the harness's probe and records its verdict."""

    name = "replay"
    vision = False

    def __init__(self, actions: list[dict[str, Any]], *, bare: bool = False) -> None:
        from macrohard.models.local_proofs import Proofs

        self.bare = bare  # no work at all: the probe on the untouched workspace (grounds not asked)
        self.script = [a for a in actions if a.get("kind") in ("bash", "write_file", "edit_file")
                       and not str(a.get("command", "")).startswith("echo '== files here")
                       and "echo '@0 yes'" not in str(a.get("command", ""))]  # the harness's own probe, recorded
        self.proofs, self.verdict, self.what, self.asked = Proofs(), "none", "", False

    def complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Any:
        from macrohard.models.local_history import _read_history
        from macrohard.types import ModelReply, ToolCall

        task, history = _read_history(messages)
        if history and (held := self.proofs.due(task, history)) is not None:
            self.verdict, self.what = str(held[1]), held[2]
            action: dict[str, Any] = {"kind": "finish", "answer": "replayed", "success": False}
        elif len(history) < len(self.script):
            action = {k: v for k, v in self.script[len(history)].items() if k != "note"}
        elif not self.asked and (look := self._ask(task, history)):
            self.asked, action = True, look
        else:
            action = {"kind": "finish", "answer": "replayed", "success": False}
        args = {k: v for k, v in action.items() if k != "kind"}
        return ModelReply(tool_calls=[ToolCall(name=action["kind"], arguments=json.dumps(args))], model=self.name)


    def _ask(self, task: str, history: list[Any]) -> dict[str, Any] | None:
        from macrohard.models.local_history import Past
        from macrohard.models.local_proofs import Proofs

        if not self.bare:
            return self.proofs.ask(task, history, {"kind": "finish", "success": True})
        # the probe as if one harmless step had been taken (a step that changes nothing, grounds nothing)
        self.proofs = Proofs()
        step = [Past({"kind": "bash", "command": "true"}, "", True)]
        look = self.proofs.ask(task, step, {"kind": "finish", "success": True})
        if look is not None:  # held for this run's real history length
            self.proofs._waiting[task] = (len(history), look, *self.proofs._waiting[task][2:])
        return look


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", required=True)
    parser.add_argument("--runs", default="", help="a run.py --out JSON file")
    parser.add_argument("--exclude", default="", help="a file of task ids to leave out (a held-out group)")
    parser.add_argument("--only", default="", help="a file of the task ids to take (all others left out)")
    parser.add_argument("--oracle", choices=("script", "none"), default=None,
                        help="instead of recorded runs: each task's own oracle script, or no work at all")
    args = parser.parse_args()
    from macrohard.models.local_history import Past
    from macrohard.models.local_shapes import facts
    from macrohard.models.local_work import work_facts

    def of_a_shape(spec: dict[str, Any]) -> bool:  # by its words, or (a script) by what its steps do
        steps = [Past(a, "", True) for a in spec.get("script", []) if args.oracle == "script"]
        return bool(facts(spec["text"]) or steps and work_facts(spec["text"], steps))
    from macrohard.store.sqlite import SQLiteStore

    specs = {s["id"]: s for s in load_suite(Path(args.suite))}
    if args.only:
        wanted = set(Path(args.only).read_text().split())
        specs = {k: v for k, v in specs.items() if k in wanted}
    skip = set(Path(args.exclude).read_text().split()) if args.exclude else set()
    recorded = (json.loads(Path(args.runs).read_text())["rows"] if not args.oracle else
                [{"id": k, "passed": False, "status": args.oracle, "actions": v.get("script", []) if args.oracle == "script"
                  else []} for k, v in specs.items() if of_a_shape(v)])  # oracles: only tasks of a shape
    rows = [r for r in recorded
            if r["id"] in specs and r["id"] not in skip and not specs[r["id"]].get("site")]
    tally: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="mh-proof-") as tmp:
        store = SQLiteStore(Path(tmp) / "runs.db")
        for i, row in enumerate(rows):
            ws = Path(tmp) / f"ws-{i:02d}"
            ws.mkdir()
            model = Replay(row["actions"], bare=args.oracle == "none")
            again = run_one(specs[row["id"]], model, store, str(ws))
            key = f"proof {model.verdict}, check {'passed' if again['passed'] else 'failed'}"
            tally[key] = tally.get(key, 0) + 1
            mark = "FALSE" if model.verdict == "yes" and not again["passed"] else ""
            print(f"{row['id']:<32} was {'PASS' if row['passed'] else 'fail'} {row['status']:<10} replay "
                  f"{'PASS' if again['passed'] else 'fail'}  proof {model.verdict:<4} {mark} {model.what[:70]}", flush=True)
        store.close()
    for key, n in sorted(tally.items()):
        print(f"{n:3d}  {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
