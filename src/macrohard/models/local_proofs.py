"""A claim the harness can prove itself: facts about the workspace that the task states in words (issue 18,
seventeenth wave).

On heldout12/13 (dev) the 1.5B model did most simple tasks right and then talked itself out of them: of 14 right
runs of possible tasks on heldout13's even half only 2 were claimed. Its own yes/no (``local_verify``) and the fresh
judge (``local_evidence``) said "no" to folders that were there, a symlink that pointed where asked, a commit whose
message was the task's, a checksum file that ``sha256sum -c`` accepts. Those are facts a shell test reads exactly.

So when a task is one of the shapes below, and every demand in its words is one of them (``covered``), the harness
writes one read-only shell line (``probe``) that tests each fact and prints ``@N yes``/``@N no``; the agent loop
reviews it through the guard like any action. At the next call ``decide`` reads the marks:

- every fact "yes": the claim stands without the model's yes/no (and saves its seconds); a give-up right after
  work whose every fact holds becomes a claim that says it rests on the harness's tests;
- a fact "no": a claimed success becomes a give-up that names the fact; a give-up stays one;
- marks missing (denied, not run): undecided, and the claim goes through the model's checks as before.

The shapes (each a demand the task spells out): a file of one quoted line; a line added at the end of a file;
folders made; a file renamed; a symbolic link to a named file; a checksum file ``sha256sum -c`` accepts; a commit
with a quoted message (the files the task names tracked and clean); a tag on the current commit; a commit message
corrected; blank lines removed in place; a folder packed into a tar archive (and removed); a file gzipped (kept or
not, as said); files of one extension removed directly in a folder by ``rm`` alone; a script's output saved.

When the words are of no shape (or the steps do not ground them), the facts come from what the run did to the files
the task names (``local_work.py``: a copy, a move by type, a sort in the order the words say, a replacement of quoted
texts, a branch, a merge then delete, a file got back, an archive unpacked or made, a count recomputed, a commit, a
tag), with the same probe and the same verdicts.

Never a proof: a task that also asks for something else (a count, a sort, a push, another file), or a run that
wrote a file by hand where the task's own words are not its content. The task's own check is never read here.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from macrohard.models.local_grounds import unfounded
from macrohard.models.local_shapes import _P, ENV_SET, OPEN, Fact, _path, executable, facts, renamed
from macrohard.models.local_work import work_facts

PROVED = "done: the harness's own tests of the workspace show {what}"
DISPROVED = ("unconfirmed: the model said the task was done, but the harness's own test shows {what} is not so; "
             "look at the workspace before relying on it (it had answered: {answer})")
_MARK = re.compile(r"^@(\d+) (yes|no|open)$", re.M)
def grounded(task: str, history: list[Any]) -> bool:
    """Whether the run's own steps let the facts stand for the work: no file written by hand but with a text the task
    quotes; files swept by ``rm`` alone (no -r, only FOLDER/*.EXT or FOLDER/NAME.EXT); a script's output saved by
    that script run into that file."""
    for past in history:
        if past.ok and past.action.get("kind") == "write_file":
            content = str(past.action.get("content", "")).strip()
            lines = [line.strip() for line in content.splitlines() if line.strip()]
            # each line of it the task's (judge25: a file of the lines a task lists, local_shapes._given_lines)
            if not content or (content not in task and not (len(lines) > 1 and all(line in task for line in lines))):
                return False
    if m := re.search(rf"\bdirectly\s+in\s+({_P})", task, re.I):
        folder = _path(m.group(1))
        for past in history:
            if past.action.get("kind") == "bash" and past.ok and not _rm_only(str(past.action.get("command", "")), folder):
                if not re.match(r"^\s*(ls|cat|find|head|tail|wc|stat|file|tree)\b(?![^|;&]*(-delete|-exec|>))",
                                str(past.action.get("command", ""))):
                    return False
    if (rename := renamed(task)) is not None:  # renamed by mv (or git mv), not a new file made under the new name
        old, new, _ = rename
        if not any(p.ok and p.action.get("kind") == "bash" and _words(str(p.action.get("command", ""))) in
                   (["mv", old, new], ["git", "mv", old, new]) for p in history):
            return False
    if executable(task) is not None:  # made executable by chmod alone: what is inside untouched
        for past in history:
            command = str(past.action.get("command", ""))
            if past.ok and past.action.get("kind") == "bash" and not re.match(
                    r"^\s*(chmod|ls|cat|stat|file|head|test)\b(?![^|;&]*>)", command) or re.search(r"[;&|`$]|\$\(", command):
                return False
    if m := re.search(rf"\brun\s+(\./[\w.-]+|[\w.-]+\.sh){ENV_SET}\s+and\s+save\b[^.]*?\s({_P})\s*$", task.rstrip(". "),
                      re.I):
        script, out = _path(m.group(1)), _path(m.group(3))
        env = [m.group(2)] if m.group(2) else []  # the variable the words set: the run set it, for that command alone
        runs = [p for p in history if p.ok and p.action.get("kind") == "bash"
                and _words(str(p.action.get("command", ""))) in ([*env, script, ">", out], [*env, "bash", script, ">", out],
                                                                [*env, "sh", script, ">", out])]
        return bool(runs)
    return True


def _words(command: str) -> list[str]:
    try:
        return [w.removeprefix("./") for w in shlex.split(command.replace(">", " > "))]
    except ValueError:
        return []


def _rm_only(command: str, folder: str) -> bool:
    words = _words(command)
    if not words or words[0] != "rm" or re.search(r"[;&|`$(]", command):
        return False
    args = [w for w in words[1:] if w not in ("-f", "-v", "--")]
    return bool(args) and all(re.fullmatch(rf"{re.escape(folder)}/[^/]*\.\w+", a) for a in args)


def probe(found: list[Fact]) -> dict[str, Any]:
    """The read-only shell line that tests each fact: ``@N yes`` or ``@N no`` for the N-th (the harness's action)."""
    parts = [f"( {fact.test} ) >/dev/null 2>&1; case $? in 0) echo '@{i} yes';; {OPEN}) echo '@{i} open';; "
             f"*) echo '@{i} no';; esac" for i, fact in enumerate(found)]
    return {"kind": "bash", "command": "; ".join(parts)}


def decide(found: list[Fact], output: str) -> tuple[str | None, str]:
    """"yes" (every fact holds), "no" and the first fact that fails, or None when a mark is missing (the probe was
    denied or did not run) or open (the task's words read two ways that differ here): undecided."""
    marks = {int(n): v for n, v in _MARK.findall(output)}
    if len(marks) != len(found) or set(marks) != set(range(len(found))):
        return None, ""
    for i, fact in enumerate(found):
        if marks[i] == "no":
            return "no", fact.what
    if "open" in marks.values():  # two readings of the task's words differ here: the model's checks decide
        return None, ""
    return "yes", "; ".join(f.what for f in found)


class Proofs:
    """Per task: the finish waiting for its probe (the step count when asked, the probe, the facts, the finish),
    and whether this run was probed already (once a run)."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[int, dict[str, Any], list[Fact], dict[str, Any]]] = {}
        self._probed: set[str] = set()

    def start(self, task: str) -> None:
        self._waiting.pop(task, None)
        self._probed.discard(task)

    def ask(self, task: str, history: list[Any], finish: dict[str, Any]) -> dict[str, Any] | None:
        """The probe to run instead of ``finish`` (held until its result), or None: not a shape the harness can prove,
        the run not grounded, nothing done yet, or probed before in this run."""
        if task in self._probed or not history or finish.get("kind") != "finish":
            return None
        found = facts(task)
        if found and not all(f.exact for f in found) and not grounded(task, history):  # judge27: a value recomputed
            found = []
        # no shape in the words (or not grounded in the steps): what the steps did to the files the task names
        found = found or work_facts(task, history)
        if not found or unfounded(history, task):
            return None
        self._probed.add(task)
        action = probe(found)
        self._waiting[task] = (len(history), action, found, finish)
        return action

    def due(self, task: str, history: list[Any]) -> tuple[dict[str, Any], str | None, str] | None:
        """The held finish, the verdict and what it rests on, if the last step is its probe (else None)."""
        held = self._waiting.pop(task, None)
        if held is None or len(history) != held[0] + 1 or history[-1].action != held[1]:
            return None
        verdict, what = decide(held[2], str(history[-1].result))
        return held[3], verdict, what


def settled(finish: dict[str, Any], verdict: str | None, what: str) -> dict[str, Any] | None:
    """The finish the facts decide (None: undecided, the model's checks decide as before). A claim stands on "yes"
    and becomes a give-up on "no"; a give-up after work whose every fact holds becomes a claim that says so."""
    answer = str(finish.get("answer", "")).strip()
    claimed = finish.get("success", True)
    if verdict == "yes":
        said = f" (the model had answered: {answer})" if answer else ""
        return {"kind": "finish", "success": True, "answer": PROVED.format(what=what) + said}
    if verdict == "no":
        return {"kind": "finish", "success": False, "answer": DISPROVED.format(what=what, answer=answer)} if claimed \
            else finish
    return None if claimed else finish


__all__ = ["DISPROVED", "PROVED", "Proofs", "decide", "grounded", "probe", "settled"]
