"""A give-up that the task's own words or a plain shell fact answers is asked once more (issue 18, thirteenth wave).

On heldout10 (dev data), Qwen2.5-Coder 1.5B gave up on 4 of its 22 multi-step tasks right after its first
command failed because the target folder was missing, and said the fix itself: "The 'archive/' folder does not
exist. You need to create it before moving the .log files." Each task had asked for that folder as a new one
("into a new folder archive/", "a new subfolder media/large/"), so its absence is no reason to stop: making it
is part of the task. Two more gave up at a first failure a shell user gets past at once: ``python tally.py``
("python: command not found", where python3 is there) and ``tools/measure.sh > out`` ("Permission denied", on a
task that said to run it with bash). On heldout11 (dev), ``sed -i ... price.txt && git commit -m ...`` failed with
git's "no changes added to commit" (the edit was never staged) and the model gave up at once. And in the dev run of this change, a command refused for a classic mistake
(``local_mistakes.py``: ``wc -w poem.txt > words.txt`` for "just the number") was followed by a give-up at once.

Such a give-up is put back to the model once, with a note that says so; finishing is not offered for that one
answer, and the model chooses the next action itself. The loop writes no command. Any other give-up, or a second
one, stands. It never turns a give-up into a claim: a later claim needs the harness's evidence like any other
(``local_evidence.py``).
"""

from __future__ import annotations

import re
import shlex
from typing import Any

NOTE = ("{folder}/ is a new folder that the task asks you to make: it does not exist until you create it (mkdir -p). "
        "Do not give up for that: take the next step of the task yourself.")
_NEW = re.compile(r"\bnew\s+(?:sub)?(?:folder|directory|dir)\b(?:\s+(?:named|called))?\s+['\"`]?([\w.-]+(?:/[\w.-]+)*)/?",
                  re.I)
_MISSING = re.compile(r"no such file|does not exist|doesn't exist|cannot stat|not a directory|cannot access|"
                      r"cannot open|not found", re.I)


def new_folders(task: str) -> list[str]:
    """The folders the task calls new (``into a new folder archive/`` → ``archive``)."""
    return list(dict.fromkeys(m.group(1).strip(".").rstrip("/") for m in _NEW.finditer(task) if m.group(1).strip(".")))


def _made(folder: str, history: list[Any]) -> bool:
    for past in history:
        command = str(past.action.get("command", "")) if past.action.get("kind") == "bash" else ""
        if not past.ok or "mkdir" not in command:
            continue
        try:
            words = shlex.split(command.replace("&&", " ; ").replace(";", " ; "))
        except ValueError:
            words = command.split()
        if any(w.rstrip("/") == folder or w.rstrip("/").startswith(folder + "/") for w in words):
            return True
    return False


def missing_new_folder(action: dict[str, Any], history: list[Any], task: str,
                       asked: set[tuple[str, str]] | None = None) -> str:
    """The folder (as the task names it) when ``action`` gives up right after a step failed on that new folder
    not being there yet ('' otherwise). ``asked``: the (task, folder) pairs asked about already, each only once
    (the pair found is added to it)."""
    if action.get("kind") != "finish" or action.get("success") is not False or not history:
        return ""
    last = history[-1]
    said = f"{last.action.get('command', '')} {action.get('answer', '')}"
    if last.ok and not _MISSING.search(str(last.result)):
        return ""
    for folder in new_folders(task):
        if folder in said and not _made(folder, history) and (_MISSING.search(str(last.result))
                                                                or _MISSING.search(str(action.get("answer", "")))):
            if asked is not None and (task, folder) in asked:
                return ""
            if asked is not None:
                asked.add((task, folder))
            return folder
    return ""


NOT_FOUND_NOTE = ("{program} is not installed here. If another installed program does the same (python3 for python, "
                  "for example), use it. Give up only if no installed program can do it.")
DENIED_NOTE = ("{script} is not executable, which is no reason to give up: run it through its interpreter (bash {script} "
               "for a shell script).")
REFUSED_NOTE = ("That command was not run, only for the mistake named above: the task still needs doing. Run the "
                "corrected command now.")
UNSTAGED_NOTE = ("git committed nothing only because the changes were not staged, which is no reason to give up: "
                 "stage the files the task changed (git add FILE) and run the commit again.")
SCRIPT_NOTE = ("{script} is not a command on the PATH, which is no reason to give up: a script in this folder runs as "
               "./{script} or bash {script}.")
TAR_FOLDER_NOTE = ("{folder}/ does not exist yet, and tar -C only unpacks into a folder that is there, which is no reason "
                   "to give up: make it (mkdir -p {folder}) and run the same tar again.")
# tar's own words when the folder of -C (--directory) is not there; the archive itself was never opened
_TAR_DIR = re.compile(r"^tar: ([\w.-]+(?:/[\w.-]+)*)/?: Cannot (?:open|chdir): No such file or directory", re.M)
_TAR_C = re.compile(r"^tar\s.*(?:\s-C\s*|\s--directory[= ])['\"]?([\w.-]+(?:/[\w.-]+)*)/?['\"]?(?:\s|$)")
FOLDER_COPY_NOTE = ("cp copies a folder only with -r (cp -r FOLDER NEW), which is no reason to give up: copy it that way.")
_SCRIPT = re.compile(r"(?:^|[\s:])([\w.-]+\.(?:sh|bash|py)): (?:command )?not found", re.M)
_FOLDER_COPY = re.compile(r"^cp: -r not specified; omitting directory|^cp: omitting directory", re.M)
# git's own words when a commit finds nothing staged (an edited tracked file, or new files never added)
_UNSTAGED = re.compile(r"no changes added to commit|nothing added to commit but untracked files present")
_NOT_FOUND = re.compile(r"(?:^|[\s:])([\w.+-]+): (?:command )?not found", re.M)
_DENIED = re.compile(r"(?:^|[\s:])((?:\./)?[\w./-]+\.(?:sh|bash|py)): Permission denied", re.M)


def remedy(action: dict[str, Any], history: list[Any], task: str, asked: set[tuple[str, str]]) -> str:
    """The note for a give-up that is asked once more ('' when it stands): a new folder the task asked for, a
    program that is not installed, a script that is not executable or not on the PATH, a folder copied without -r, a
    commit with nothing staged; read at the step that failed, also when a refused write of its error came after it
    (heldout16's odd half, agent23). ``asked`` keeps what was asked already."""
    if folder := missing_new_folder(action, history, task, asked=asked):
        return NOTE.format(folder=folder)
    if action.get("kind") != "finish" or action.get("success") is not False or not history:
        return ""
    last = history[-1]
    if len(history) > 1 and _refused_write(last):  # the step that failed before the model wrote its error down
        last = history[-2]
    if last.ok:
        return ""
    output = str(last.result)
    if output.startswith("Format error: command refused") and (task, output) not in asked:  # local_mistakes.py
        asked.add((task, output))
        return REFUSED_NOTE
    if folder := _tar_folder(last, task):
        if (task, f"tar -C {folder}") not in asked:
            asked.add((task, f"tar -C {folder}"))
            return TAR_FOLDER_NOTE.format(folder=folder)
    if _UNSTAGED.search(output) and (task, "git add") not in asked:
        asked.add((task, "git add"))
        return UNSTAGED_NOTE
    if _FOLDER_COPY.search(output) and (task, "cp -r") not in asked:
        asked.add((task, "cp -r"))
        return FOLDER_COPY_NOTE
    for pattern, note, key in ((_SCRIPT, SCRIPT_NOTE, "script"), (_NOT_FOUND, NOT_FOUND_NOTE, "program"),
                               (_DENIED, DENIED_NOTE, "script")):
        m = pattern.search(output)
        if m is not None and (task, m.group(1)) not in asked:
            asked.add((task, m.group(1)))
            return note.format(**{key: m.group(1)})
    return ""


def _tar_folder(past: Any, task: str) -> str:
    """The folder of a failed ``tar ... -C DIR`` that tar said is not there, when the task names it as a folder of the
    workspace ('' otherwise). heldout17's odd half (published logs, agent25): ``tar -xzf A.tar.gz -C DIR/`` failed on
    the missing DIR, the model wrote "DIR/" as a file (refused) and gave up; the folder the task unpacks into is one
    the run makes. A path outside the workspace (``/``, ``..``) is never one (it may be why the task cannot be done)."""
    command = str(past.action.get("command", "")) if past.action.get("kind") == "bash" else ""
    m, said = _TAR_C.match(command.strip()), _TAR_DIR.search(str(past.result))
    if not m or not said or m.group(1).rstrip("/") != said.group(1).rstrip("/"):
        return ""
    folder = m.group(1).rstrip("/")
    if folder.startswith(("/", "..")) or "/../" in folder or folder in (".", ""):
        return ""
    named = re.search(rf"(?<![\w./-]){re.escape(folder)}(?:/|(?![\w.-]))", task)
    return folder if named else ""


def command_only(note: str) -> bool:
    """Whether the answer to ``note`` is a command (every note but the new folder's, whose next step may be a write):
    asked again, the model is offered ``bash`` alone. agent23's dev probe: asked to run a script as ./NAME.sh, the
    1.5B model wrote the error into the task's file instead (refused), and its second give-up stood."""
    return not note.endswith(NOTE.split("{folder}/", 1)[1])


def _refused_write(past: Any) -> bool:
    return not past.ok and str(past.result).startswith("Format error: write_file refused")


__all__ = ["DENIED_NOTE", "FOLDER_COPY_NOTE", "TAR_FOLDER_NOTE", "SCRIPT_NOTE", "command_only", "NOTE", "NOT_FOUND_NOTE", "REFUSED_NOTE", "UNSTAGED_NOTE", "missing_new_folder", "new_folders", "remedy"]
