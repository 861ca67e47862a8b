"""The ``verify`` aid of the embedded agent loop: no finish without a look at the result, and a
claimed success stands only if the model, shown the evidence, says the task is done (issue 18).

Qwen2.5-Coder 1.5B claimed success on wrong work (the file name inside a count, a script replaced by
its output) and gave up after commands that had worked. With this aid:

1. A ``finish`` proposed right after a step that changed something is not taken: the model is asked,
   under a bash-only grammar, for one command that prints the result (``cat`` the file, ``ls``), and
   that command is its next action (``CHECK_NOTE``).
2. At the next step it must finish (a finish-only grammar, ``FINISH_NOTE``): it has seen the result,
   and says itself whether it succeeded. Left free there, it "went on" and broke finished work
   (``rm hello.txt`` after ``cat hello.txt``, tiny suite).
3. A ``success: true`` is then put to the model as a separate question: the task, each action with
   what it printed (the read-back included), "is the task done exactly as asked?", decoding
   constrained to ``yes`` or ``no``. On "no" the run ends as its own give-up (``success: false``).

The loop writes no command and no claim: the read-back command, the finish and the yes/no are the
model's. Whether a task passed is decided by its check, which the loop never sees.

Measured and dropped (tiny suite, 2026-11-29): the yes/no alone, on the commands without a
read-back, said "no" to 14 of 29 correct runs and caught 1 of 4 wrong ones; asked inside the running
chat it said "yes" to everything; a one-line reason before the answer made it say "yes" to everything.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from typing import Any

from macrohard.models.local_evidence import steady
from macrohard.models.local_history import shown

YES_NO = 'root ::= "yes" | "no"'
CHECK_NOTE = ("Before you finish, check your work: run one command that prints the result (for example cat "
              "the file the task names, or ls). Do not change anything with it.")
FINISH_NOTE = ("You have checked the result. Finish now: success true if it shows the task done exactly as "
               "asked, false if not.")
JUDGE_SYSTEM = "You check the work of a Linux shell agent. Answer yes or no."
QUESTION = ("Is the task done exactly as asked (the right files, the right content, nothing extra, "
            "nothing missing)? Answer yes or no.")
# after the acting "no": what is still missing or wrong, as the model's own next action (local_next.py reads it as a
# fix of earlier work or the task's next step). Until the ninth wave this was FIX_NOTE, "... it does not show the
# task done exactly as asked. Fix it now ...": the model read a multi-step task's next step as a "fix" of a right one.
NEXT_NOTE = ("You have checked the result, and the task is not done exactly as asked yet. Do what it still asks "
             "for now, with one command or one file write; do not repeat a step that worked, and do not finish yet.")
# fixes offered per run after a read-back judged "no"; then it finishes. 0 since the eighth wave: the acting "no" is
# wrong on right work more often than not, and the fix it forced overwrote right results with a guess, a description
# or the harness's marker text (heldout4 dev, RESULTS.md); a run that took a fix never claims success.
MAX_FIXES = 0
# next steps taken per run after a read-back judged "no" (a step that rewrites nothing done before:
# local_next.py); the "no" then meant "not finished" and does not stand. On dev heldout4/5 a second one was never the
# task's step, only a guess (a placeholder file, a README nobody asked for). 0 since the end of the ninth wave: with
# one, heldout6 (pseudo-blind) went 29 -> 29/73 passed and 2 -> 3 false successes, and the blind heldout7 32 -> 33/87
# and 2 -> 4, one of them a "next step" that overwrote the user's committed file with a made-up line (RESULTS.md;
# chosen after that blind run, so heldout7 no longer measures this choice: the next suite must)
MAX_NEXT = 0
NOT_DONE = "not done: on a second look at its steps, the model judged the task not done exactly as asked"
STEP_CHARS = 400  # of each result (and written file) in the question

Generate = Callable[[list[dict[str, str]], Any], tuple[str, Any]]


def judge_chat(task: str, steps: list[tuple[dict[str, Any], str]], system: str = "") -> list[dict[str, str]]:
    """The question put to the model: the task, each action with what it printed, then yes or no.

    ``system``: the agent's own system prompt, so the question starts with what llama.cpp has cached
    (a different one re-reads ~270 prompt tokens at the next task: seconds on 2 cores)."""
    lines = []
    for action, result in steps:
        lines.append(_describe(action))
        # untrusted output: its marker short, the cut inside the block, its boundary steady (local_evidence.steady)
        lines.append(steady(shown(result, STEP_CHARS)))
    body = "\n".join(lines) or "(no actions)"
    if not system:
        return [{"role": "system", "content": JUDGE_SYSTEM},
                {"role": "user", "content": f"Task: {task}\n\nWhat the agent did, and what each step printed:\n{body}\n\n{QUESTION}"}]
    return [{"role": "system", "content": system},
            {"role": "user", "content": f"{JUDGE_SYSTEM}\nTask: {task}\n\nWhat the agent did, and what each step printed:\n{body}\n\n{QUESTION}"}]


def ask(task: str, steps: list[tuple[dict[str, Any], str]], *, generate: Generate, yes_no: Any,
        system: str = "") -> tuple[str, Any]:
    """The model's "yes" or "no" to ``QUESTION`` on the evidence, and the usage."""
    reply, usage = generate(judge_chat(task, steps, system), yes_no)
    return ("no" if reply.strip().lower() == "no" else "yes"), usage


def review_finish(action: dict[str, Any], task: str, steps: list[tuple[dict[str, Any], str]], *,
                  generate: Generate, yes_no: Any, system: str = "",
                  verdict: str | None = None) -> tuple[dict[str, Any], list[Any]]:
    """The finish to take (the same, or the model's give-up on "no") and the usage of the question.
    ``verdict``: its answer on these same steps, asked already (after the read-back): not asked again."""
    if action.get("kind") != "finish" or not action.get("success") or not steps:
        return action, []
    usages = []
    if verdict is None:
        verdict, usage = ask(task, steps, generate=generate, yes_no=yes_no, system=system)
        usages.append(usage)
    if verdict == "no":
        return {**action, "success": False, "answer": f"{NOT_DONE} (it had answered: {action.get('answer', '')})"}, usages
    return action, usages


def _describe(action: dict[str, Any]) -> str:
    kind = action.get("kind")
    if kind == "bash":
        return f"$ {action.get('command', '')}"
    if kind == "write_file":
        return f"wrote the file {action.get('path', '')} with this content:\n{_cut(str(action.get('content', '')))}\nresult:"
    return json.dumps(action)


def _cut(text: str) -> str:
    return text if len(text) <= STEP_CHARS else text[: STEP_CHARS - 20] + "\n...(cut)..." + text[-20:]


def changed_last(history: list[Any]) -> bool:
    """Whether the run's last step worked and was not a read-back (so its result is not yet seen)."""
    return bool(history) and bool(history[-1].ok) and not is_readback(history[-1].action)


class ReadBacks:
    """Per task: the read-back the loop asked for (the step after it is judged), the model's verdict on the
    steps so far, and the fixes and next steps it took after a "no"."""

    def __init__(self) -> None:
        self._asked: dict[str, tuple[int, dict[str, Any]]] = {}
        self._verdicts: dict[str, tuple[int, str]] = {}
        self._fixes: dict[str, int] = {}
        self._next: dict[str, int] = {}
        self._stands: set[str] = set()

    def start(self, task: str) -> None:
        """A new run of ``task``: nothing asked, judged or fixed yet."""
        for memo in (self._asked, self._verdicts, self._fixes, self._next):
            memo.pop(task, None)
        self._stands.discard(task)

    def judged(self, task: str, history: list[Any], verdict: str) -> None:
        self._verdicts[task] = (len(history), verdict)

    def verdict(self, task: str, history: list[Any]) -> str | None:
        """The verdict given on exactly these steps (nothing done since), else None. Once the run took a fix
        after a "no", that "no" stands: the fix may still make the work right (its check decides), but the run
        no longer claims success (on the dev suites 4 of 6 successes claimed after a fix were false: RESULTS.md).
        A next step (``local_next.py``) leaves it open: the next read-back is judged afresh."""
        if task in self._stands:
            return "no"
        got = self._verdicts.get(task)
        return got[1] if got is not None and got[0] == len(history) else None

    def settled(self, task: str) -> bool:
        """A fix was taken and none is left: asking again cannot change how the run ends."""
        return task in self._stands and self._fixes.get(task, 0) >= MAX_FIXES

    def may_go_on(self, task: str) -> bool:
        """Whether, after a "no", the model may still act (a fix or a next step left) rather than finish; not
        once a fix was taken (that "no" stands, and the steps after it were guesses: dev heldout4, RESULTS.md)."""
        if task in self._stands:
            return self._fixes.get(task, 0) < MAX_FIXES
        return self._fixes.get(task, 0) < MAX_FIXES or self._next.get(task, 0) < MAX_NEXT

    def take(self, task: str, fix: bool) -> bool:
        """Count a fix (``fix``) or a next step after a "no"; False when none of that kind is left."""
        memo, cap = (self._fixes, MAX_FIXES) if fix else (self._next, MAX_NEXT)
        used = memo.get(task, 0)
        if used >= cap:
            return False
        memo[task] = used + 1
        if fix:
            self._stands.add(task)
        return True

    def may_fix(self, task: str) -> bool:
        """Whether a fix may still be offered (counts this one)."""
        return self.take(task, fix=True)

    def ask(self, task: str, step: int, check: dict[str, Any]) -> None:
        self._asked[task] = (step, check)

    def due(self, task: str, history: list[Any]) -> bool:
        """Whether the last step is the read-back asked for (then the model finishes now)."""
        asked = self._asked.get(task)
        if asked is None or len(history) != asked[0] + 1 or history[-1].action != asked[1]:
            return False
        del self._asked[task]
        return True


# Commands that only read. A read-back is one command line made of these (pipes and && allowed), with no
# output redirection and no in-place flag.
READERS = frozenset({"cat", "head", "tail", "ls", "wc", "grep", "diff", "cmp", "stat", "file", "find", "sort",
                     "cut", "nl", "od", "sha256sum", "md5sum", "du", "tree", "readlink", "pwd", "test", "[",
                     "uniq", "awk", "tr", "jq", "column", "git", "tar", "unzip", "zcat"})
GIT_READS = frozenset({"status", "log", "diff", "show", "branch", "tag", "rev-parse", "ls-files", "config"})


def is_readback(action: dict[str, Any]) -> bool:
    """Whether ``action`` only prints what is there (a look at earlier work), changing nothing."""
    if action.get("kind") != "bash":
        return False
    command = str(action.get("command", ""))
    if re.search(r"(^|[^2&])>|\s-i\b|--in-place|\btee\b|\bsponge\b", command):
        return False
    for part in re.split(r"\|\||&&|\||;", command):
        try:
            words = shlex.split(part)
        except ValueError:
            return False
        if not words:
            continue
        if words[0] not in READERS:
            return False
        if words[0] == "git" and (len(words) < 2 or words[1] not in GIT_READS):
            return False
        if words[0] == "tar" and not _tar_lists(words[1:]):
            return False
        if words[0] in ("sort", "find") and any(w in ("-o", "-delete", "-exec", "-execdir") for w in words[1:]):
            return False
    return True


def _tar_lists(args: list[str]) -> bool:
    """Whether tar only lists (``tar tzf x.tgz``, ``tar -tf x.tar``, ``tar --list ...``)."""
    if "--list" in args:
        return True
    opts = args[0].lstrip("-") if args else ""
    return "t" in opts and not set(opts) & {"c", "x", "r", "u", "A"}
