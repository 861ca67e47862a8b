"""The ``notes`` aid of the embedded agent loop: general shell notes in the system prompt, and a
second ask when the model gives up right after a command that worked silently (issue 18).

Qwen2.5-Coder gave up (``success: false``) right after a command that printed nothing, even where the
command had worked: such a give-up is asked once more, with a note that the command worked (the
model's second answer stands, unless it writes a file: ``second_answer``). It also wrote ``wc -l FILE > out`` (the file name in the count) or replaced a file it
had just made with a description of its work. The notes are generic shell facts, written from the
tiny suite and the generated dev tasks (``benchmarks/tiny_tasks/dev_suite.py``), never from a
held-out suite.
"""

from __future__ import annotations

from typing import Any

SHELL_NOTES = (
    "Notes:\n"
    "- Commands that change files (sed -i, mv, cp, rm, mkdir, chmod, touch, > and >> redirections) print "
    "nothing when they work: \"(no output)\" means it worked.\n"
    "- To write a count alone, give wc the file on stdin: wc -l < FILE counts lines, wc -w < FILE words "
    "(wc -l FILE also prints the name).\n"
    "- Change a file in place with sed -i; add a line with echo TEXT >> FILE.\n"
    "- Write only what the task asks into a file; never replace a result with a description of your work.\n"
    "- Finish with success true once the task is done; false only when it cannot be done."
)
# Tried and dropped (tiny suite): rewriting an empty result as "(no output: the command worked, exit code
# 0)". The model copied that sentence into the files it had just moved, copied or deleted.
SILENT_NOTE = ("That command worked: it printed nothing because commands that change files print nothing "
               "when they succeed. If the task is done now, finish with success true; otherwise do the next step.")


def system_prompt(base: str) -> str:
    """The loop's system prompt with the shell notes after it."""
    return f"{base}\n{SHELL_NOTES}"


def gives_up_after_silence(action: dict[str, Any], history: list[Any]) -> bool:
    """Whether ``action`` gives up (``success: false``) right after a step that worked and printed nothing:
    then the model is asked once more, with ``SILENT_NOTE`` (its answer stands)."""
    if action.get("kind") != "finish" or action.get("success") is not False or not history:
        return False
    last = history[-1]
    return bool(last.ok) and last.result.strip() in ("", "(no output)")


def second_answer(give_up: dict[str, Any], again: dict[str, Any] | None) -> dict[str, Any]:
    """The model's answer to the second ask, except a ``write_file``: asked again after a silent command,
    it wrote the shell's "(no output)" (or a write's own result) into the file it had just deleted or
    moved (tiny suite, delete-file); the first give-up stands then, as it does when the reply is cut."""
    if again is None or again.get("kind") == "write_file":
        return give_up
    return again
