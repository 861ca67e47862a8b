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

``--oracle N`` (judge25): every N-th shell task of every published suite, claimed "done" after its oracle script
(right), untouched (wrong), and after each planted answer of the suites' tests (``wrong``: wrong; ``other_way``:
right). Each goes the loop's way first: the harness's proofs (``local_proofs``: a probe decides yes/no without the
judge), then the checks before the judge (missing evidence, no such path, suspect, unfounded); only what is left is
judged, with today's reading alone (``--before`` adds the pre-judge24 reading). ``--split`` prints the margins of the
fit half (odd-numbered suites: heldout, heldout3, ..., heldout15) and of the check half (heldout2, ..., heldout16)
and the bar the fixed rule picks on the fit half, checked on the other.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
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

SUITES = ["heldout.yaml", *[f"heldout{i}.yaml" for i in range(2, 18)]]  # never heldout18 (sealed)
EVIDENCE = "echo '== files here:'"
HAD = re.compile(r"\(it had answered: (.*)\)\s*$", re.S)


def suite_number(name: str) -> int:
    return int(re.sub(r"\D", "", name) or 1)


def specs() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in SUITES:
        path = ROOT / "benchmarks" / "heldout" / name
        if path.exists():
            for spec in load_suite(path):
                out.setdefault(spec["id"], {**spec, "_suite": suite_number(name)})
    return out


def planted(number: int) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """The suite test's planted answers: (kind, task id, steps) for each ``wrong`` (claimed, the check fails) and
    ``other_way`` (another correct way, the check passes) case, read from the test file's parametrize lists."""
    path = ROOT / "tests" / "models" / f"test_heldout{'' if number == 1 else number}_suite.py"
    if not path.exists() or number >= 18:  # never heldout18 (sealed)
        return []
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2):
            continue
        try:
            names, cases = ast.literal_eval(node.args[0]), ast.literal_eval(node.args[1])
        except ValueError:
            continue
        if not (isinstance(names, tuple) and names[:1] == ("task_id",) and names[1:2] in (("wrong",), ("other_way",))):
            continue
        for task_id, steps in cases:
            steps = [{"kind": "bash", "command": steps}] if isinstance(steps, str) else list(steps)
            out.append((names[1], task_id, steps))
    return out


def claims(paths: list[str], known: dict[str, dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(spec, row) for each distinct logged claim that reached the fresh judge (judged yes, or judged no)."""
    from macrohard.models import local_evidence

    seen, out = set(), []
    for path in paths:
        data = json.loads(Path(path).read_text())
        for row in (data.get("rows") if isinstance(data, dict) else None) or []:
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


SHELL_KINDS = ("bash", "write_file", "edit_file")


def oracle_claims(known: dict[str, dict[str, Any]], every: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every ``every``-th shell task with a script: solved by its script (right), untouched (wrong), and each planted
    answer of the suite's test (``wrong``/``other_way``), each claimed with the answer "done" (as ``judge_dev.py``);
    the evidence command is made after the steps ran (``replay`` with ``make_evidence``)."""
    plants: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {}
    for number in sorted({s["_suite"] for s in known.values()}):
        for kind, task_id, steps in planted(number):
            plants.setdefault(task_id, []).append((kind, steps))
    tasks = [s for s in known.values() if s.get("environment", "shell") == "shell" and s.get("script")
             and all(a.get("kind") in SHELL_KINDS for a in s["script"])][::every]
    out = []
    for spec in tasks:
        cases = [("script", True, [dict(a) for a in spec["script"]]), ("untouched", False, [])]
        cases += [(kind, kind == "other_way", steps) for kind, steps in plants.get(spec["id"], [])
                  if all(a.get("kind") in SHELL_KINDS for a in steps)]
        for n, (kind, right, acts) in enumerate(cases):
            out.append((spec, {"id": spec["id"], "case": kind if kind != "wrong" else f"wrong{n}", "passed": right,
                               "judged": "-", "answer": "done", "make_evidence": True,
                               "actions": [*acts, {"kind": "finish", "answer": "done", "success": True}]}))
    return out


def replay(spec: dict[str, Any], row: dict[str, Any], folder: Path, *, old_reading: bool,
           account: bool = False) -> dict[str, Any]:
    """The claim as the loop would settle it today: ``stage`` "proved yes"/"proved no" (the harness's probe decided,
    no judge; only where the row's evidence is made here, ``make_evidence``), a check before the judge ("missing",
    "no such path", "suspect", "unfounded"), or "judge" with ``chat`` (the fresh judge's question on the evidence and
    the prior bash step as flow control marks and the loop fences them); ``fenced``: the evidence was fenced."""
    from macrohard.models import local_evidence, local_grounds, local_proofs
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

        def step(act: dict[str, Any]) -> None:
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

        for act in row["actions"][:-1]:
            if act.get("note") != "denied" and act["kind"] in SHELL_KINDS:
                step(act)
        task, finish = spec["text"], row["actions"][-1]
        work = history if row.get("make_evidence") else history[:-1]
        found: dict[str, Any] = {}
        if (look := local_proofs.Proofs().ask(task, work, finish)) is not None:
            probe = subprocess.run(["bash", "-c", look["command"]], cwd=folder, env=env, capture_output=True,
                                   text=True, errors="replace", timeout=60)
            facts = local_proofs.Proofs()
            facts.ask(task, work, finish)
            verdict, what = local_proofs.decide(facts._waiting[task][2], probe.stdout)
            found["proof"] = verdict or "open"
            if verdict and row.get("make_evidence"):
                return {**found, "stage": f"proved {verdict}", "what": what}
        if row.get("make_evidence"):
            step({"kind": "bash", "command": local_evidence.evidence_command(task, history)})
        last = history[-1]
        for stage, bad in (("missing", lambda: local_evidence.missing(last.result, last.ok)),
                           ("no such path", lambda: local_evidence.no_such_path(last.result)),
                           ("suspect", lambda: local_evidence.suspect(last.result, history[:-1], task)),
                           ("unfounded", lambda: local_grounds.unfounded(history[:-1], task))):
            if why := bad():
                return {**found, "stage": stage, "what": why}
        prior = next((p for p in reversed(history[:-1]) if p.action.get("kind") == "bash"), None)
        chat = local_evidence.judge_chat(task, row["answer"], last.result,
                                         (prior.action, prior.result) if prior is not None else None,
                                         steps=[(p.action, p.result, p.ok) for p in history[:-1]] if account else None)
        return {**found, "stage": "judge", "chat": chat, "fenced": "UNTRUSTED" in last.result}
    finally:
        flow_paths.file_words = saved


FIT = "fit (odd suites)"
CHECK = "check (even suites)"
GRID = [round(0.05 * i, 2) for i in range(-20, 61)]


def pick_bar(right: list[float], wrong: list[float]) -> float:
    """The rule fixed before any margin was seen (judge25): the bar of the grid (-1.0..+3.0 by 0.05) that maximises
    right claims judged yes minus 3 x wrong claims judged yes (a false success costs three unclaimed right runs);
    ties go to the higher bar."""
    best = max(GRID, key=lambda b: (sum(m > b for m in right) - 3 * sum(m > b for m in wrong), b))
    return best


def table(rows: list[dict[str, Any]], bars: list[float]) -> None:
    for half in (FIT, CHECK):
        mine = [r for r in rows if r["half"] == half and r["stage"] == "judge"]
        right = [r["after"] for r in mine if r["right"]]
        wrong = [r["after"] for r in mine if not r["right"]]
        print(f"{half}: judged {len(mine)} (right {len(right)}, wrong {len(wrong)})")
        for bar in bars:
            print(f"  bar {bar:+.2f}: right yes {sum(m > bar for m in right):3}/{len(right)}  "
                  f"wrong yes {sum(m > bar for m in wrong):3}/{len(wrong)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outs", nargs="*")
    parser.add_argument("--model", default="qwen-1.5b")
    parser.add_argument("--json", default="", help="write the margins to this file")
    parser.add_argument("--oracle", type=int, default=0, help="judge every Nth suite task solved and untouched")
    parser.add_argument("--before", action="store_true", help="also judge with the pre-judge24 reading")
    parser.add_argument("--dry", action="store_true", help="settle every claim without the model (no margins)")
    parser.add_argument("--part", default="", help="K/N: only the K-th of N interleaved parts of the claims")
    parser.add_argument("--grep", default="", help="only the suite tasks whose text matches this regular expression")
    parser.add_argument("--ids", default="", help="judge27: only the suite tasks whose ids this file lists (one a line)")
    parser.add_argument("--account", action="store_true",
                        help="judge26: after a bare answer the judge sees the run's steps (local_evidence.account)")
    parser.add_argument("--table", default="", help="print the table of a --json file (JSON lines) and stop")
    args = parser.parse_args()
    from macrohard.models import local_evidence

    if args.table:
        summary([json.loads(line) for line in Path(args.table).read_text().splitlines() if line.strip()],
                local_evidence.YES_MARGIN)
        return
    oracle = oracle_claims(specs(), args.oracle) if args.oracle else []
    if args.grep:
        oracle = [c for c in oracle if re.search(args.grep, c[0]["text"], re.I)]
    if args.ids:
        wanted = set(Path(args.ids).read_text().split())
        oracle = [c for c in oracle if c[0]["id"] in wanted]
    random.Random(25).shuffle(oracle)  # any prefix a sample of every suite: a run stopped early still reads
    # wrong work and right work taken in turn, the untouched workspaces (the easy wrong ones) last
    wrong = [c for c in oracle if not c[1]["passed"] and c[1]["case"] != "untouched"]
    right = [c for c in oracle if c[1]["passed"]]
    turns = [c for pair in zip(wrong, right) for c in pair]
    oracle = turns + wrong[len(turns) // 2:] + right[len(turns) // 2:] + [c for c in oracle if c[1]["case"] == "untouched"]
    todo = claims(args.outs, specs()) + oracle
    if args.part:
        k, n = (int(x) for x in args.part.split("/"))
        todo = todo[k::n]
    if args.json:
        Path(args.json).write_text("")
    print(f"{len(todo)} claims", flush=True)
    model = None
    if not args.dry:
        from macrohard.models.local import LocalModel

        model = LocalModel.from_name(args.model)
    rows = []
    for spec, row in todo:
        r: dict[str, Any] = {"id": row["id"], "case": row.get("case", "real"), "suite": spec["_suite"],
                             "half": FIT if spec["_suite"] % 2 else CHECK, "right": bool(row["passed"]),
                             "judged": row["judged"]}
        for old in ((True, False) if args.before else (False,)):
            with tempfile.TemporaryDirectory() as tmp:
                got = replay(spec, row, Path(tmp), old_reading=old, account=args.account)
            side = "before" if old else "after"
            r.update({"stage": got["stage"], "proof": got.get("proof", ""), "what": str(got.get("what", ""))[:80]})
            if got["stage"] == "judge" and model is not None:
                r[side], r[f"fenced_{side}"] = model._yes_margin(got["chat"])[0], got["fenced"]
                if args.account and not old:  # the same claim judged as before judge26 too (paired margins)
                    with tempfile.TemporaryDirectory() as tmp:
                        plain = replay(spec, row, Path(tmp), old_reading=False)
                    r["plain"] = (r[side] if plain["chat"] == got["chat"] else model._yes_margin(plain["chat"])[0])
        rows.append(r)
        if args.json:  # JSON lines, one a claim as it is judged
            with open(args.json, "a") as f:
                f.write(json.dumps(r) + "\n")
        print(f"{r['id'][:34]:34} {r['case'][:9]:9} {'right' if r['right'] else 'WRONG'} h{r['suite']:<2} "
              f"{r['stage']:12} {r['proof']:5} "
              + (f"{r['after']:+6.2f}{'f' if r.get('fenced_after') else ' '}" if "after" in r else "")
              + (f" before {r['before']:+6.2f}" if "before" in r else "")
              + (f" plain {r['plain']:+6.2f}" if "plain" in r else ""), flush=True)
    summary(rows, local_evidence.YES_MARGIN if model is not None else None)


def summary(rows: list[dict[str, Any]], shipped: float | None) -> None:
    stages: dict[tuple[str, bool], int] = {}
    for r in rows:
        stages[(r["stage"], r["right"])] = stages.get((r["stage"], r["right"]), 0) + 1
    print("stages:", ", ".join(f"{st} {'right' if ok else 'wrong'} {n}" for (st, ok), n in sorted(stages.items())))
    if shipped is None:
        return
    rows = [r for r in rows if r["stage"] != "judge" or "after" in r]
    fit = [r for r in rows if r["half"] == FIT and r["stage"] == "judge"]
    bar = pick_bar([r["after"] for r in fit if r["right"]], [r["after"] for r in fit if not r["right"]])
    print(f"the rule's bar on the fit half: {bar:+.2f} (shipped {shipped:+.2f})")
    table(rows, sorted({0.0, 0.25, shipped, 0.75, 1.0, 1.25, 1.5, 2.0, bar}))
    if any("plain" in r for r in rows):  # judge26's paired run: the same claims with the question before judge26
        paired = [r for r in rows if r["stage"] != "judge" or "plain" in r]
        print(f"paired: {sum(r['stage'] == 'judge' for r in paired)} judged both ways; as before judge26 (plain):")
        plain = [{**r, "after": r["plain"]} if "plain" in r else r for r in paired]
        fit = [r for r in plain if r["half"] == FIT and r["stage"] == "judge"]
        bar = pick_bar([r["after"] for r in fit if r["right"]], [r["after"] for r in fit if not r["right"]])
        print(f"the rule's bar on the fit half (plain): {bar:+.2f}")
        table(plain, sorted({0.0, 0.25, shipped, 0.75, 1.0, 1.25, 1.5, 2.0, bar}))
        print("with the run's steps (after), on the same claims:")
        table(paired, sorted({0.0, 0.25, shipped, 0.75, 1.0, 1.25, 1.5, 2.0}))
        judged = [r for r in paired if r["stage"] == "judge"]
        for key, name in (("plain", "plain"), ("after", "steps")):  # how often right work sits above wrong work
            right, wrong = [r[key] for r in judged if r["right"]], [r[key] for r in judged if not r["right"]]
            pairs = [(a > b) + 0.5 * (a == b) for a in right for b in wrong]
            if pairs:
                print(f"  {name}: right above wrong in {sum(pairs) / len(pairs):.2f} of {len(pairs)} pairs (AUC)")
        for case in ("script", "other_way", "untouched", "wrong"):
            mine = [r for r in paired if r["stage"] == "judge" and r["case"].startswith(case)]
            if mine:
                a, b = sorted(r["plain"] for r in mine), sorted(r["after"] for r in mine)
                print(f"  {case:9} judged {len(mine):3}: median plain {a[len(a) // 2]:+.2f} -> steps "
                      f"{b[len(b) // 2]:+.2f}; yes at {shipped:+.2f}: {sum(m > shipped for m in a)} -> "
                      f"{sum(m > shipped for m in b)}")
    for case in ("real", "script", "other_way", "untouched", "wrong"):
        mine = [r for r in rows if r["stage"] == "judge" and r["case"].startswith(case)]
        if mine:
            ms = sorted(r["after"] for r in mine)
            print(f"  {case:9} judged {len(mine):3}: yes at {shipped:+.2f} {sum(m > shipped for m in ms):3}  "
                  f"margins min {ms[0]:+.2f} median {ms[len(ms) // 2]:+.2f} max {ms[-1]:+.2f}")


if __name__ == "__main__":
    main()
