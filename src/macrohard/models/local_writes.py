"""A ``write_file`` that is not the task's work is refused as a format error (issue 18, thirteenth wave).

On heldout10 (dev data; one greedy run of Qwen2.5-Coder 1.5B), 16 of the run's ``write_file`` actions were
of two kinds that are never what a user asked for:

- **a report the task never asked for**: after a git command worked, the model wrote its output or a sentence
  about it into a file of its own naming (``update_schedule_result.txt``: "The commit was successful.",
  ``hotfix_result.txt``, ``main.b6e8964``): 7 of 7 writes to a path the task does not name. One made a
  commit's working tree dirty and was then claimed as a success (sopela-schedule-commit);
- **a file the run had used, written over unread**: the archive ``tar`` had just made, the file ``git add``
  had just committed, the file ``git reset`` had just unstaged, each replaced by a description of the work
  (3 of 3 such writes; the right work was lost each time).

Like ``local_copies.py``, the model still chooses every action: this only refuses one of those, says why, and
lets the model choose again (the agent loop records it as a format error). A path the task names, a script
the model writes to run (``.py``, ``.sh``, ...), and a file the run itself wrote with known content earlier
(``write_file`` or ``> FILE``) are never refused here.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

UNASKED_HINT = ("Write only files the task asks for. Never save a report of your work or a command's output in a "
                "file the task does not name. If the task is done, finish.")
UNREAD_HINT = ("Writing over FILE replaces what an earlier command made or used with text you wrote. Read it first "
               "(cat FILE), change it with a command, or if the task is done, finish.")
SCRIPTS = (".py", ".sh", ".bash", ".awk", ".sed", ".js", ".pl", ".rb", ".jq", ".sql")
_WORD = re.compile(r"[\w.@+-]+(?:/[\w.@+-]+)*/?")
_REDIRECT = re.compile(r">>?\s*([\w./-]+)")


def _norm(path: str) -> str:
    path = path.strip().strip("'\"")
    while path.startswith("./"):
        path = path[2:]
    return path.rstrip("/")


def named(path: str, task: str) -> bool:
    """Whether the task names ``path``: the whole path, or its file name and each of its folders."""
    path = _norm(path)
    words = {_norm(w.rstrip(".,;:")) for w in _WORD.findall(task)}
    if not path or path in words:
        return True
    parts = path.split("/")
    return all(p in words or any(p == w.split("/")[-1] or p in w.split("/") for w in words) for p in parts)


def unasked(action: dict[str, Any], task: str) -> str:
    """Why ``action`` (a write_file) writes a file the task does not ask for ('' when it does not)."""
    if action.get("kind") != "write_file":
        return ""
    path = _norm(str(action.get("path", "")))
    if not path or path.lower().endswith(SCRIPTS) or named(path, task):
        return ""
    return f"the task names no file {path}"


def _words(command: str) -> set[str]:
    found: set[str] = set()
    for part in re.split(r"\|\||&&|\||;|\n", command):
        try:
            found |= {_norm(w) for w in shlex.split(part)}
        except ValueError:
            found |= {_norm(w) for w in part.split()}
    return found - {""}


def known(path: str, history: list[Any]) -> bool:
    """Whether the run knows ``path``'s content: it wrote it itself (write_file, ``> path``) or a step that
    worked printed it (its name in a command that printed something)."""
    for past in history:
        action = past.action
        if action.get("kind") == "write_file" and _norm(str(action.get("path", ""))) == path:
            return True
        if action.get("kind") != "bash":
            continue
        command = str(action.get("command", ""))
        if path in {_norm(t) for t in _REDIRECT.findall(command)}:
            return True
        if past.ok and path in _words(command) and str(past.result).strip() not in ("", "(no output)"):
            if not re.search(r"\b(tar|git|mv|cp|zip|gzip|rm)\b", command):  # their output is not the file
                return True
    return False


def unread(action: dict[str, Any], history: list[Any]) -> str:
    """Why ``action`` (a write_file) writes over a file an earlier step that worked made or used, without the
    run knowing its content ('' when it does not)."""
    if action.get("kind") != "write_file":
        return ""
    path = _norm(str(action.get("path", "")))
    if not path or path.lower().endswith(SCRIPTS):
        return ""
    used = any(p.ok and p.action.get("kind") == "bash" and path in _words(str(p.action.get("command", "")))
               for p in history)
    if used and not known(path, history):
        return f"an earlier command made or used {path}, and the run never read it"
    return ""


FOLDER_HINT = ("write_file makes a file, never a folder: a path ending in / would become a file of that name. Make "
               "a folder with mkdir -p FOLDER.")


def refused(action: dict[str, Any], history: list[Any], task: str) -> tuple[str, str]:
    """``(why, hint)`` when ``action`` is a write the loop refuses (``('', '')`` when it is not). A path that ends
    in ``/`` is refused first: after the new-folder note (``local_giveups.py``) the model wrote "unpacked/" as a
    file (heldout10 dev, 2 of 2), which then blocked the folder."""
    if action.get("kind") == "write_file" and str(action.get("path", "")).strip().endswith("/"):
        folder = _norm(str(action.get("path", "")))
        return f"{folder}/ is a folder path", FOLDER_HINT.replace("FOLDER", folder)
    if why := unread(action, history):
        path = _norm(str(action.get("path", "")))
        return why, UNREAD_HINT.replace("FILE", path)
    if why := unasked(action, task):
        return why, UNASKED_HINT
    return "", ""


__all__ = ["FOLDER_HINT", "SCRIPTS", "UNASKED_HINT", "UNREAD_HINT", "known", "named", "refused", "unasked", "unread"]
