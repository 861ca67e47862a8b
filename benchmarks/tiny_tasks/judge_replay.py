"""The fresh judge's margins on claims that real runs made: each success claim of a logged run
(``run.py --out``) that reached the judge (its steps end with the harness's evidence command and a finish) is
replayed and judged again, with the evidence marked as flow control marks it now and as it did before judge24
(when ``tar tf "$p"`` and ``head -c 240`` in the evidence command were read as printing files named ``tf`` and
``240``, so the evidence was fenced as untrusted).

    nice -n 10 env PYTHONPATH=src .venv/bin/python benchmarks/tiny_tasks/judge_replay.py OUT.json [OUT.json ...]

A DEV tool. The workspace is rebuilt with plain subprocesses in a temporary folder (the suite's files and setup,
then the run's own write_file/edit_file/bash steps that were not denied, in order); each step's output is marked by
the real guard's flow control (``Guard.review``, ``committed``, ``screen``) and fenced as the loop fences it. The
task's check decided "right" (``passed`` in the log). Only the published suites (heldout..heldout16) are read.
Prints per claim the two margins, then a table of right/wrong claims against bars.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "tiny_tasks"))

from run import load_suite  # noqa: E402

SUITES = ["heldout.yaml", *[f"heldout{i}.yaml" for i in range(2, 17)]]  # never heldout17 (sealed)
EVIDENCE = "echo '== files here:'"
HAD = re.compile(r"\(it had answered: (.*)\)\s*$", re.S)


def specs() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in SUITES:
        path = ROOT / "benchmarks" / "heldout" / name
        if path.exists():
            for spec in load_suite(path):
                out.setdefault(spec["id"], spec)
    return out


def claims(paths: list[str], known: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(spec, row) for each distinct logged claim that reached the fresh judge (judged yes, or judged no)."""
    from macrohard.models import local_evidence

    seen, out = set(), []
    for path in paths:
        for row in json.loads(Path(path).read_text()).get("rows") or []:
            acts = row.get("actions") or []
            if len(acts) < 2 or acts[-1].get("kind") != "finish" or not str(acts[-2].get("command", "")).startswith(
                    EVIDENCE) or row["id"] not in known:
                continue
            answer = str(acts[-1].get("answer", ""))
            if acts[-1].get("success"):
                judged = "yes"
            elif answer.startswith(local_evidence.JUDGED_NO.split(" (")[0][:60]):
                judged = "no"
            else:  # missing evidence, a suspect file, a path not there: never reached the judge
                continue
            key = (row["id"], json.dumps(acts, sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            out.append((known[row["id"]], {**row, "judged": judged,
                                           "answer": (m.group(1) if (m := HAD.search(answer)) else answer)}))
    return out


def oracle_claims(known: dict[str, dict[str, Any]], every: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every ``every``-th shell task with a script, twice: solved by its script (right) and untouched (wrong), each
    claimed with the answer "done" (as ``judge_dev.py``) after the evidence command the loop would ask for."""
    from macrohard.models import local_evidence
    from macrohard.models.local_history import Past

    tasks = [s for s in known.values() if s.get("environment", "shell") == "shell" and s.get("script")
             and all(a.get("kind") in ("bash", "write_file") for a in s["script"])][::every]
    out = []
    for spec in tasks:
        for solved in (True, False):
            acts = [dict(a) for a in spec["script"]] if solved else []
            history = [Past(a, "", True) for a in acts]
            look = {"kind": "bash", "command": local_evidence.evidence_command(spec["text"], history)}
            out.append((spec, {"id": spec["id"] + ("" if solved else " (untouched)"), "passed": solved,
                               "judged": "-", "answer": "done",
                               "actions": [*acts, look, {"kind": "finish", "answer": "done", "success": True}]}))
    return out


def replay(spec: dict[str, Any], row: dict[str, Any], folder: Path, *, old_reading: bool) -> tuple[str, Any, Any]:
    """The evidence and the prior bash step as the judge reads them: (evidence text, last action, last text)."""
    from macrohard.models.local_history import Past
    from macrohard.safety import flow_paths
    from macrohard.safety.context import GuardContext
    from macrohard.safety.flow import fence
    from macrohard.safety.guard import Guard
    from macrohard.types import BashAction, EditFileAction, Observation, WriteFileAction

    saved = flow_paths.file_words
    if old_reading:
        flow_paths.file_words = lambda argv: list(argv[1:])
    try:
        for name, content in (spec.get("files") or {}).items():
            p = folder / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(content)
        env = {**os.environ, "GIT_AUTHOR_DATE": "2030-01-01T00:00:00", "GIT_COMMITTER_DATE": "2030-01-01T00:00:00",
               "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
               "GIT_COMMITTER_EMAIL": "a@b"}
        for line in spec.get("setup") or []:
            subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True, timeout=60)
        guard, ctx, boundary = Guard(), GuardContext(workspace=str(folder), network="none"), secrets.token_hex(8)
        history: list[Past] = []
        for act in row["actions"][:-1]:
            if act.get("note") == "denied" or act["kind"] not in ("bash", "write_file", "edit_file"):
                continue
            if act["kind"] == "write_file":
                action: Any = WriteFileAction(path=act["path"], content=act["content"])
            elif act["kind"] == "edit_file":
                action = EditFileAction(path=act["path"], old=act["old"], new=act["new"])
            else:
                action = BashAction(command=act["command"])
            guard.review(action, ctx)
            ctx.flow.committed(action)
            if act["kind"] == "bash":
                out = subprocess.run(["bash", "-c", act["command"]], cwd=folder, env=env, capture_output=True,
                                     text=True, errors="replace", timeout=60)
                text, ok = out.stdout + out.stderr, out.returncode == 0
                if out.returncode:
                    text += f"\n[exit code {out.returncode}]"
            else:
                p = folder / act["path"]
                p.parent.mkdir(parents=True, exist_ok=True)
                if act["kind"] == "write_file":
                    p.write_text(act["content"])
                elif p.exists():
                    p.write_text(p.read_text().replace(act["old"], act["new"], 1))
                text, ok = f"wrote {act['path']}", True
            obs = guard.screen(Observation(output=text), ctx)
            history.append(Past(act, fence(obs, boundary), ok))
        evidence = history[-1]
        prior = next((p for p in reversed(history[:-1]) if p.action.get("kind") == "bash"), None)
        return evidence.result, (prior.action if prior else None), (prior.result if prior else None)
    finally:
        flow_paths.file_words = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outs", nargs="*")
    parser.add_argument("--model", default="qwen-1.5b")
    parser.add_argument("--json", default="", help="write the margins to this file")
    parser.add_argument("--oracle", type=int, default=0, help="judge every Nth suite task solved and untouched")
    args = parser.parse_args()
    from macrohard.models import local_evidence
    from macrohard.models.local import LocalModel

    todo = oracle_claims(specs(), args.oracle) if args.oracle else claims(args.outs, specs())
    print(f"{len(todo)} distinct claims that reached the judge", flush=True)
    model = LocalModel.from_name(args.model)
    rows = []
    for spec, row in todo:
        margins = []
        for old in (True, False):
            with tempfile.TemporaryDirectory() as tmp:
                evidence, last_action, last_text = replay(spec, row, Path(tmp), old_reading=old)
            chat = local_evidence.judge_chat(spec["text"], row["answer"], evidence,
                                             (last_action, last_text) if last_action else None)
            margins.append((model._yes_margin(chat)[0], "UNTRUSTED" in evidence))
        rows.append({"id": row["id"], "right": bool(row["passed"]), "judged": row["judged"],
                     "before": margins[0][0], "fenced_before": margins[0][1],
                     "after": margins[1][0], "fenced_after": margins[1][1]})
        r = rows[-1]
        print(f"{r['id']:28} {'right' if r['right'] else 'WRONG'} judged {r['judged']:3}  before {r['before']:+6.2f}"
              f"{'f' if r['fenced_before'] else ' '}  after {r['after']:+6.2f}{'f' if r['fenced_after'] else ' '}",
              flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    right = [r for r in rows if r["right"]]
    wrong = [r for r in rows if not r["right"]]
    print(f"claims {len(rows)}: right {len(right)}, wrong {len(wrong)}")
    for side in ("before", "after"):
        for cut in (0.0, 0.25, 0.55, 0.75, 1.0, 1.25, 1.5, 2.0):
            print(f"  {side:6} bar {cut:+.2f}: right judged yes {sum(r[side] > cut for r in right)}/{len(right)}, "
                  f"wrong judged yes {sum(r[side] > cut for r in wrong)}/{len(wrong)}")


if __name__ == "__main__":
    main()
