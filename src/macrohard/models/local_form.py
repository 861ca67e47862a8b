"""The asked form: what the harness's evidence shows about the files a run wrote, checked against the form the
task asks for, before a success claim may stand (issue 18).

The model's yes/no and the fresh judge (``local_evidence.py``) both read a file's content and say "yes" to work
whose *form* is wrong: on dev heldout8, ``app.json`` overwritten with ``debug: false`` (not JSON any more), the
per-file ``wc -l`` lines where one total was asked, ``deploy/x.sh`` where the name "without the folder" was asked,
a stray file written beside a commit. These checks need no model and no knowledge of a suite: each reads only the
task's words, the paths the run wrote and the file heads the harness printed (``local_evidence.evidence_command``).
A fault makes the claim not stand (the run ends ``gave_up`` with the reason); no fault decides nothing.

The ``form`` aid, opt-in (``MACROHARD_LOCAL_AIDS=wrapper,verify,form``): on dev heldout8 these checks would stop 5 of the
7 false successes (written after reading them: in-sample), but on heldout5, chosen as the held-out check before any
of its runs were read, they fired on no run: 25/51 passed, 2 false successes and 4 right claims with and without
them (RESULTS.md, agent10). No measured win, so not a default.
"""

from __future__ import annotations

import json
import re
from typing import Any

from macrohard.models.local_examples import task_paths

FAULT = ("unconfirmed: the model said the task was done, but {what}, so the claim does not stand; look at the "
         "workspace before relying on it")
FILE_BYTES = 240  # the evidence prints each file's head up to this many bytes (local_evidence.FILE_BYTES)
# the task asks for one number: a count, a total, a sum
_NUMBER = re.compile(r"\b(how many|number of|the number|only the number|just the number|count|total|sum|add (it|them) up)\b",
                     re.I)
_PER_ITEM = re.compile(r"\b(each|per|for every|for each|beside|next to|with (its|their) (count|number))\b", re.I)
_COUNT_NAME = re.compile(r"^\s*\d+\s+[^\s\d][^\s]*\s*$")  # `wc -l f` / `uniq -c`: a number and one name
_TOTAL_LINE = re.compile(r"^\s*\d+\s+total\s*$")  # the last line of `wc` given several files
_ALONE = re.compile(r"\b(just|only)\s+(the|a|one)\s+(number|count|total|sum)\b|\b(number|count|total|sum)\s+(alone|only)\b|"
                    r"\bnothing else\b", re.I)
# the task asks for names without their folder
_NO_FOLDER = re.compile(r"\b(without|no)\s+(the\s+|its\s+|their\s+|any\s+)?(folder|directory|dir|path|parent)s?\b|"
                        r"\bbase\s?names?\b|\bfile\s?names?\s+only\b|\bonly\s+(the|its|their)\s+file\s?names?\b", re.I)
_EMPTY_OK = re.compile(r"\b(empty|emptied|blank|truncate|clear|touch|zero bytes|nothing in it)\b", re.I)
_QUOTED = re.compile(r"'([^']{3,80})'|\"([^\"]{3,80})\"")
_SCRIPT = (".sh", ".bash", ".py", ".pl", ".rb", ".js")
_BLOCK = re.compile(r"<<<BEGIN UNTRUSTED (\w+)>>>\n(.*)\n<<<END UNTRUSTED \1>>>", re.S)


def files_shown(evidence: str) -> dict[str, tuple[str, bool]]:
    """The files whose head the evidence printed: path -> (content, whole). ``whole``: shorter than the head's
    limit, so all of the file. Directories, archives, the listing and git's state are left out."""
    block = _BLOCK.search(evidence)
    body = block.group(2) if block else evidence
    body = re.sub(r"\n\[exit code \d+\]\s*$", "", body)
    out: dict[str, tuple[str, bool]] = {}
    for part in re.split(r"(?m)^== ", body)[1:]:
        head, _, rest = part.partition("\n")
        if not head.endswith(":") or head.endswith("/ (directory):") or head.startswith(("files here:", "git ")):
            continue
        path = head[:-1]
        if path.endswith((".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip", ".gz")):
            continue
        content = rest[:-1] if rest.endswith("\n") else rest  # the `echo` after each head
        out[path] = (content, len(content.encode()) < FILE_BYTES)
    return out


def written(history: list[Any]) -> list[str]:
    """Files the run itself wrote: ``write_file`` paths and shell redirect targets (in order, no repeats)."""
    found: list[str] = []
    for past in history:
        action = past.action
        if action.get("kind") == "write_file" and action.get("path"):
            found.append(str(action["path"]))
        elif action.get("kind") == "bash" and past.ok:
            command = re.sub(r"'[^']*'|\"[^\"]*\"", "''", str(action.get("command", "")))  # not inside quotes
            found += [m for m in re.findall(r"(?<![0-9&])>>?\s*([\w./-]+)", command) if m != "/dev/null"]
    return [p.removeprefix("./") for p in dict.fromkeys(found)]


def _named(path: str, task: str) -> bool:
    """Whether the task names ``path``, its file name, or a folder it lies in."""
    names = {p.removeprefix("./").rstrip("/") for p in task_paths(task)}
    words = set(re.findall(r"[\w.-]+", task))
    parts = path.removeprefix("./").split("/")
    folders = {"/".join(parts[:i]) for i in range(1, len(parts))}
    return path in names or parts[-1] in words or parts[-1] in {n.split("/")[-1] for n in names} or bool(folders & names)


def _counts_for_a_number(task: str, lines: list[str]) -> bool:
    """Whether ``lines`` are all "count name" lines (``wc -l a b``, ``uniq -c``) where the task asks for one number."""
    return bool(_NUMBER.search(task) and not _PER_ITEM.search(task) and lines
                and all(_COUNT_NAME.match(line) for line in lines))


def counts_for_a_number(task: str, evidence: str, history: list[Any]) -> str:
    """The one form check that runs without the ``form`` aid (agent30): a file the run wrote that holds counts with
    names beside them, where the task asks for one number *and* says so plainly: "just/only the number", or the
    file ends in wc's own "N total" line (several files counted where their total was asked). On dev heldout19 the
    one false success (the lead's start run, 2026-12-03) was this: "How many lines of Python ... in total? Just the
    number in lerroak.txt", answered by ``find ... -exec wc -l {} + > lerroak.txt`` (a line per file and a total),
    which the acting yes/no and the fresh judge both passed. Why not the whole ``form`` aid: see the module's doc."""
    files = files_shown(evidence)
    for path in written(history):
        if path not in files:
            continue
        lines = [line for line in files[path][0].splitlines() if line.strip()]
        if not _counts_for_a_number(task, lines):
            continue
        if _ALONE.search(task) or (len(lines) > 1 and _TOTAL_LINE.match(lines[-1])):
            return f"{path} holds counts with names beside them where the task asks for a number"
    return ""


def fault(task: str, evidence: str, history: list[Any]) -> str:
    """Why the files shown do not have the form the task asks for ('' when nothing is wrong that way)."""
    files = files_shown(evidence)
    mine = written(history)
    for path in mine:
        if not _named(path, task) and any(p.action.get("kind") == "write_file" and p.action.get("path") == path
                                          for p in history):
            return f"a file the task does not ask for ({path})"
    for path in mine:
        if path not in files:
            continue
        content, whole = files[path]
        lines = [line for line in content.splitlines() if line.strip()]
        if path.endswith(".json") and whole:
            try:
                json.loads(content)
            except ValueError:
                return f"{path} is not valid JSON"
        if whole and not lines and not _EMPTY_OK.search(task):
            return f"{path} is empty"
        if _counts_for_a_number(task, lines):
            return f"{path} holds counts with names beside them where the task asks for a number"
        if _NO_FOLDER.search(task) and any("/" in line for line in lines):
            return f"{path} holds a folder in a name the task asks for without it"
        if path.endswith(_SCRIPT) and whole and lines:
            said = {a or b for a, b in _QUOTED.findall(task)}
            if content.strip() in said and not content.lstrip().startswith("#!"):
                return f"the script {path} holds the text it should print, not code"
    return ""
