"""Procedurally generated shell and file tasks with oracle solutions: the training data of
``scripts/train_policy.py`` (issue 18).

    .venv/bin/python scripts/policy_tasks.py --n 400 --seed 7 --out data/policy.jsonl [--verify]

Each task is drawn from a template (create, append, copy, rename, move, delete by pattern, make
directories, count lines/words/matches, head/tail, sort, unique, replace, chmod, first column) with
names and contents drawn from a word list by the seed. A record is the task (text, files), its
oracle actions, a check command, and the chat the embedded model would see, with the oracle's
actions as the assistant's turns. ``--verify`` replays every oracle through the real loop (sandbox,
guard, the check in a fresh sandbox) and keeps the real observations in the chat.

The held-out suite (benchmarks/heldout/heldout.yaml) is never in this data: every name a held-out
task uses (its file names and the words of its text) is removed from the word list before drawing,
and ``held_out_overlap`` (tested) finds none in what was drawn.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "heldout" / "heldout.yaml"
STEMS = """amber basalt cedar delta ember fjord garnet harbor indigo juniper kelp lagoon marble nectar
onyx pepper quartz raven saffron tundra umber velvet walnut xenon yarrow zephyr acorn birch cobalt dune
falcon glacier hazel iris jasper kiwi lotus meadow nutmeg orchid pebble quill reef sable thistle
violet willow yucca zinnia anchor beacon canyon drift estuary ferry grove heath isle jetty knoll ledge
marsh oasis prairie quarry ridge summit terrace valley wharf""".split()
EXTS = ["txt", "md", "log", "csv", "dat", "cfg", "list"]


def held_out_words() -> set[str]:
    """Every word and file name the held-out suite uses (lower case), to keep out of the training data."""
    import yaml

    data = yaml.safe_load(HELDOUT.read_text())
    words: set[str] = set()
    for task in data["tasks"]:
        words |= {w.lower() for w in re.findall(r"[\w.-]+", task["text"])}
        for rel in task.get("files") or {}:
            words |= {p.lower() for p in re.split(r"[/.]", rel) if p} | {rel.lower()}
    return words


class Draw:
    """Names and contents from the word list (minus the held-out words), reproducible from a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        banned = held_out_words()
        self.stems = [s for s in STEMS if s not in banned]

    def stem(self) -> str:
        return self.rng.choice(self.stems)

    def name(self, ext: str | None = None) -> str:
        return f"{self.stem()}{self.rng.choice(['', '_', '-'])}{self.stem()}.{ext or self.rng.choice(EXTS)}"

    def words(self, n: int) -> list[str]:
        return [self.stem() for _ in range(n)]

    def lines(self, n: int) -> str:
        return "".join(" ".join(self.words(self.rng.randint(1, 3))) + "\n" for _ in range(n))


Template = Callable[[Draw], dict[str, Any]]


def _bash(command: str) -> dict[str, str]:
    return {"kind": "bash", "command": command}


def _finish(answer: str = "done", success: bool = True) -> dict[str, Any]:
    return {"kind": "finish", "answer": answer, "success": success}


def t_create(d: Draw) -> dict[str, Any]:
    f, text = d.name("txt"), " ".join(d.words(2))
    return {"text": d.rng.choice([f"Create {f} containing the text {text}", f"Write {text} into a new file {f}"]),
            "files": {}, "do": [{"kind": "write_file", "path": f, "content": text + "\n"}],
            "check": f"grep -qx '{text}' {f}"}


def t_append(d: Draw) -> dict[str, Any]:
    f, word = d.name("log"), d.stem()
    return {"text": f"Append the line {word} to the end of {f}", "files": {f: d.lines(2)},
            "do": [_bash(f"echo {word} >> {f}")], "check": f"[ \"$(tail -n 1 {f})\" = {word} ] && [ $(wc -l < {f}) = 3 ]"}


def t_copy(d: Draw) -> dict[str, Any]:
    a, b = d.name(), d.name()
    return {"text": f"Copy {a} to {b}", "files": {a: d.lines(2)}, "do": [_bash(f"cp {a} {b}")], "check": f"cmp -s {a} {b}"}


def t_rename(d: Draw) -> dict[str, Any]:
    a, b = d.name(), d.name()
    return {"text": d.rng.choice([f"Rename {a} to {b}", f"Give {a} the new name {b}"]), "files": {a: "x\n"},
            "do": [_bash(f"mv {a} {b}")], "check": f"[ ! -e {a} ] && [ -f {b} ]"}


def t_move(d: Draw) -> dict[str, Any]:
    a, folder = d.name(), d.stem()
    return {"text": f"Move {a} into the {folder} folder", "files": {a: "x\n", f"{folder}/.keep": ""},
            "do": [_bash(f"mv {a} {folder}/")], "check": f"[ ! -e {a} ] && [ -f {folder}/{a} ]"}


def t_delete_pattern(d: Draw) -> dict[str, Any]:
    folder, ext, keep = d.stem(), d.rng.choice(["bak", "tmp", "old"]), d.name("txt")
    files = {f"{folder}/{d.stem()}.{ext}": "x\n", f"{folder}/{d.stem()}1.{ext}": "y\n", f"{folder}/{keep}": "k\n"}
    return {"text": f"Delete the .{ext} files in {folder}", "files": files, "do": [_bash(f"rm {folder}/*.{ext}")],
            "check": f"[ -z \"$(ls {folder}/*.{ext} 2>/dev/null)\" ] && [ -f {folder}/{keep} ]"}


def t_mkdir(d: Draw) -> dict[str, Any]:
    path = "/".join(d.words(d.rng.randint(1, 3)))
    return {"text": f"Create the directory {path}", "files": {}, "do": [_bash(f"mkdir -p {path}")],
            "check": f"[ -d {path} ]"}


def t_count(d: Draw) -> dict[str, Any]:
    src, out, n = d.name(), d.name("txt"), d.rng.randint(2, 9)
    what, flag = d.rng.choice([("lines", "-l"), ("words", "-w")])
    content = d.lines(n)
    expected = n if flag == "-l" else len(content.split())
    do = [_bash(f"wc {flag} < {src} > {out}")]
    if d.rng.random() < 0.5:  # look at the result before finishing, and answer with it
        do += [_bash(f"cat {out}"), _finish(str(expected))]
    return {"text": f"Count the {what} in {src} and write the number to {out}", "files": {src: content},
            "do": do, "check": f"[ \"$(tr -d ' \\n' < {out})\" = {expected} ]"}


def t_grep_count(d: Draw) -> dict[str, Any]:
    src, out, word = d.name("log"), d.name("txt"), d.stem()
    others = [s for s in d.stems if word not in s and s not in word]
    lines = [word] + [word if d.rng.random() < 0.4 else d.rng.choice(others) for _ in range(7)]
    d.rng.shuffle(lines)
    k = sum(1 for ln in lines if ln == word)
    return {"text": f"How many lines of {src} contain {word}? Write the count to {out}",
            "files": {src: "\n".join(lines) + "\n"}, "do": [_bash(f"grep -c {word} {src} > {out}")],
            "check": f"[ \"$(tr -d ' \\n' < {out})\" = {k} ]"}


def t_head_tail(d: Draw) -> dict[str, Any]:
    src, out, n = d.name(), d.name("txt"), d.rng.randint(1, 3)
    end = d.rng.choice(["first", "last"])
    cmd = "head" if end == "first" else "tail"
    return {"text": f"Write the {end} {n} lines of {src} to {out}", "files": {src: d.lines(6)},
            "do": [_bash(f"{cmd} -n {n} {src} > {out}")], "check": f"cmp -s {out} <({cmd} -n {n} {src})"}


def t_sort(d: Draw) -> dict[str, Any]:
    src, out = d.name(), d.name("txt")
    unique = d.rng.random() < 0.5
    return {"text": f"Write the lines of {src} sorted{' without duplicates' if unique else ''} to {out}",
            "files": {src: d.lines(5) * (2 if unique else 1)}, "do": [_bash(f"sort {'-u ' if unique else ''}{src} > {out}")],
            "check": f"cmp -s {out} <(sort {'-u ' if unique else ''}{src})"}


def t_replace(d: Draw) -> dict[str, Any]:
    f, old, new = d.name("cfg"), d.stem(), d.stem() + "2"
    return {"text": f"In {f} replace every {old} with {new}", "files": {f: f"{old} one\nkeep {old}\n"},
            "do": [_bash(f"sed -i 's/{old}/{new}/g' {f}")], "check": f"! grep -q '\\b{old}\\b' {f} && grep -qx 'keep {new}' {f}"}


def t_chmod(d: Draw) -> dict[str, Any]:
    f = f"{d.stem()}.sh"
    return {"text": f"Make the script {f} executable", "files": {f: "#!/bin/sh\necho ok\n"},
            "do": [_bash(f"chmod +x {f}")], "check": f"[ -x {f} ]"}


def t_column(d: Draw) -> dict[str, Any]:
    src, out = d.name("csv"), d.name("txt")
    rows = [f"{d.stem()},{d.rng.randint(1, 99)}" for _ in range(4)]
    return {"text": f"Write the first column of {src} to {out}", "files": {src: "\n".join(rows) + "\n"},
            "do": [_bash(f"cut -d, -f1 {src} > {out}")], "check": f"cmp -s {out} <(cut -d, -f1 {src})"}


def t_move_new_folder(d: Draw) -> dict[str, Any]:
    """Two steps: the folder does not exist yet."""
    a, folder = d.name(), d.stem()
    return {"text": d.rng.choice([f"Put {a} in a new folder named {folder}", f"Move {a} into the {folder} folder"]),
            "files": {a: "x\n"}, "do": [_bash(f"mkdir -p {folder}"), _bash(f"mv {a} {folder}/")],
            "check": f"[ ! -e {a} ] && [ -f {folder}/{a} ]"}


def t_copy_append(d: Draw) -> dict[str, Any]:
    """Two steps: copy, then append to the copy (the original stays as it was)."""
    a, b, word = d.name("txt"), d.name("txt"), d.stem()
    return {"text": f"Copy {a} to {b}, then add the line {word} at the end of {b}", "files": {a: d.lines(2)},
            "do": [_bash(f"cp {a} {b}"), _bash(f"echo {word} >> {b}")],
            "check": f"[ \"$(tail -n 1 {b})\" = {word} ] && [ $(wc -l < {b}) = 3 ] && [ $(wc -l < {a}) = 2 ]"}


def t_missing(d: Draw) -> dict[str, Any]:
    """The file the task names does not exist: the command fails, and the honest finish says so
    (``success: false``). ``expect`` False: the task's check fails, and the run must not claim success."""
    src, out, other = d.name(), d.name("txt"), d.name()
    text, cmd = d.rng.choice([(f"Copy {src} to {out}", f"cp {src} {out}"),
                              (f"Count the lines in {src} and write the number to {out}", f"wc -l < {src} > {out}"),
                              (f"Write the lines of {src} sorted to {out}", f"sort {src} > {out}"),
                              (f"Rename {src} to {out}", f"mv {src} {out}")])
    return {"text": text, "files": {other: d.lines(2)}, "expect": False,
            "do": [_bash(cmd), _finish(f"{src} does not exist", success=False)], "check": f"[ -s {out} ]"}


TEMPLATES: list[Template] = [t_create, t_append, t_copy, t_rename, t_move, t_delete_pattern, t_mkdir, t_count,
                             t_grep_count, t_head_tail, t_sort, t_replace, t_chmod, t_column, t_move_new_folder,
                             t_copy_append, t_missing, t_missing]  # twice: about one task in nine cannot be done


def generate(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` tasks, reproducible from ``seed``; each with an id, text, files, oracle actions and check."""
    d = Draw(seed)
    tasks = []
    for i in range(n):
        task = finished(d.rng.choice(TEMPLATES)(d))
        tasks.append({"id": f"gen-{seed}-{i}", **task})
    return tasks


def finished(task: dict[str, Any]) -> dict[str, Any]:
    """The task with its oracle ending in a finish (templates that do not write their own get ``done``)."""
    if task["do"][-1]["kind"] != "finish":
        task["do"].append(_finish())
    return task


def held_out_overlap(tasks: list[dict[str, Any]]) -> set[str]:
    """File names of generated tasks that a held-out task also uses (must be empty)."""
    banned = held_out_words()
    used = {p.lower() for t in tasks for rel in t["files"] for p in re.split(r"[/]", rel)}
    used |= {w.lower() for t in tasks for a in t["do"] for w in re.findall(r"[\w-]+\.\w+", json.dumps(a))}
    return used & banned


def to_chat(task: dict[str, Any], results: list[str] | None = None) -> list[dict[str, str]]:
    """The chat the embedded model sees for this task (the compact prompt, no examples: the aids are
    off), the oracle's actions as its replies; ``results``: the real observations, shown as the model
    sees them (else a short neutral one)."""
    from macrohard.models.local import _result_text
    from macrohard.prompts import local_system_prompt

    chat = [{"role": "system", "content": local_system_prompt(["bash", "write_file", "finish"])},
            {"role": "user", "content": f"Task: {task['text']}"}]
    for i, action in enumerate(task["do"]):
        chat.append({"role": "assistant", "content": json.dumps(action)})
        if action["kind"] != "finish":
            chat.append({"role": "user", "content": _result_text(results[i] if results and i < len(results) else "")})
    return chat


def verify(tasks: list[dict[str, Any]]) -> list[list[str]]:
    """Replay each oracle through the real loop; return each task's observations. Raises if one does not
    end as expected: its check passes (or, for ``expect`` False, fails and the run claims no success)."""
    import tempfile

    from macrohard.eval.suite import CommandCheck
    from macrohard.runner import run_task
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    out = []
    rng = random.Random(len(tasks))
    with tempfile.TemporaryDirectory(prefix="mh-policy-") as tmp:
        store = SQLiteStore(Path(tmp) / "runs.db")
        for i, t in enumerate(tasks):
            ws = Path(tmp) / f"ws{i}"
            ws.mkdir()
            model = ScriptedModel(t["do"])  # keeps the messages the loop sent it (model.seen)
            run = run_task(Task(text=t["text"], files=t["files"], workspace=str(ws)), model=model,
                           store=store, check=CommandCheck(command=t["check"]))
            expect = t.get("expect", True)
            if run.passed != expect or (not expect and run.status.value == "succeeded"):
                raise RuntimeError(f"oracle of {t['id']} ({t['text']!r}) does not end as expected "
                                   f"(check should {'pass' if expect else 'fail'}): {run.status} {run.check}")
            # the observations as a model sees them (fenced as untrusted where the flow screen says so)
            seen = [m["content"] for m in model.seen[-1] if m.get("role") == "tool"]
            # the fence's boundary is random per run: a seeded one keeps the data reproducible
            marks = set(re.findall(r"\b[0-9a-f]{16}\b", " ".join(seen)))
            for mark in marks:
                seen = [c.replace(mark, f"{rng.getrandbits(64):016x}") for c in seen]
            out.append(seen)
        store.close()
    return out


def write_suite(tasks: list[dict[str, Any]], out: Path, seed: int, *, cannot: bool) -> int:
    """The generated tasks as a suite (id, text, files, check): those that can be done (a pass is the
    check passing) or those that cannot (no task passes; a claimed success is a false success)."""
    import yaml

    chosen = [t for t in tasks if t.get("expect", True) is not cannot]
    suite = {"name": f"policy-{seed}{'-cannot' if cannot else ''}",
             "description": f"scripts/policy_tasks.py --seed {seed}: generated tasks, a dev set",
             "defaults": {"environment": "shell", "budget": {"max_steps": 8}},
             "tasks": [{"id": t["id"], "text": t["text"], "files": t["files"],
                        "check": {"type": "command", "command": t["check"]}} for t in chosen]}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(suite, sort_keys=False))
    print(f"wrote a suite of {len(chosen)} tasks to {out} (seed {seed})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="JSONL file to write")
    parser.add_argument("--verify", action="store_true", help="replay every oracle through the real loop first")
    parser.add_argument("--suite", choices=["doable", "cannot"], default=None,
                        help="write a suite YAML for benchmarks/tiny_tasks/run.py --suite (a dev set: use a seed "
                             "the training data does not use) with the tasks that can be done, or those that cannot")
    args = parser.parse_args(argv)
    tasks = generate(args.n, args.seed)
    overlap = held_out_overlap(tasks)
    if overlap:
        print(f"refusing: generated tasks use held-out names {sorted(overlap)}", file=sys.stderr)
        return 1
    if args.suite:
        return write_suite(tasks, Path(args.out), args.seed, cannot=args.suite == "cannot")
    results = verify(tasks) if args.verify else [None] * len(tasks)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as fh:
        for task, res in zip(tasks, results, strict=True):
            fh.write(json.dumps({**task, "messages": to_chat(task, res)}) + "\n")
    print(f"wrote {len(tasks)} tasks to {args.out} (seed {args.seed}{', oracles verified' if args.verify else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
