"""The ``verify`` aid of the embedded agent loop: a claimed success stands only if the model, shown the
evidence, says the task is done (issue 18).

Qwen2.5-Coder 1.5B claimed success on wrong work: the file name inside a count, a script replaced by
its output, a description written over the result. With this aid, a ``finish`` with ``success: true``
is first put to the same model as a separate, short question: the task, then each action it took with
what it printed (a written file's content in full), then "is the task done exactly as asked? Answer
yes or no", decoding constrained to ``yes`` or ``no``. On "yes" the finish stands; on "no" the run ends
as the model's own give-up (``success: false``, with the reason): the model's second look, not the
loop's opinion. Whether a task passed is still decided by its check, so this aid can only turn a false
success into an honest ``gave_up``, never add or remove a pass. The loop writes no command.

Tried first and dropped (tiny suite, 2026-11-29): asking for a read-back command before every finish
(the model then kept "checking" and broke finished work: ``rm hello.txt`` after ``cat hello.txt``), and
the yes/no appended to the running chat (it answered "yes" to every case; the separate prompt got 3 of 4).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

YES_NO = 'root ::= "yes" | "no"'
JUDGE_SYSTEM = "You check the work of a Linux shell agent. Answer yes or no."
QUESTION = ("Is the task done exactly as asked (the right files, the right content, nothing extra, "
            "nothing missing)? Answer yes or no.")
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
        lines.append(_cut(result.strip() or "(no output)"))
    body = "\n".join(lines) or "(no actions)"
    if not system:
        return [{"role": "system", "content": JUDGE_SYSTEM},
                {"role": "user", "content": f"Task: {task}\n\nWhat the agent did, and what each step printed:\n{body}\n\n{QUESTION}"}]
    return [{"role": "system", "content": system},
            {"role": "user", "content": f"{JUDGE_SYSTEM}\nTask: {task}\n\nWhat the agent did, and what each step printed:\n{body}\n\n{QUESTION}"}]


def review_finish(action: dict[str, Any], task: str, steps: list[tuple[dict[str, Any], str]], *,
                  generate: Generate, yes_no: Any, system: str = "") -> tuple[dict[str, Any], list[Any]]:
    """The finish to take (the same, or the model's give-up on "no") and the usage of the question."""
    if action.get("kind") != "finish" or not action.get("success") or not steps:
        return action, []
    reply, usage = generate(judge_chat(task, steps, system), yes_no)
    if reply.strip().lower() == "no":
        return {**action, "success": False, "answer": f"{NOT_DONE} (it had answered: {action.get('answer', '')})"}, [usage]
    return action, [usage]


def _describe(action: dict[str, Any]) -> str:
    kind = action.get("kind")
    if kind == "bash":
        return f"$ {action.get('command', '')}"
    if kind == "write_file":
        return f"wrote the file {action.get('path', '')} with this content:\n{_cut(str(action.get('content', '')))}\nresult:"
    return json.dumps(action)


def _cut(text: str) -> str:
    return text if len(text) <= STEP_CHARS else text[: STEP_CHARS - 20] + "\n...(cut)..." + text[-20:]
