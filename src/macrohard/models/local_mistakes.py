"""Classic shell mistakes, refused as format errors with the reason (issue 18, thirteenth wave).

On heldout10 (dev data) Qwen2.5-Coder 1.5B lost four tasks to two mistakes that a shell user learns early:

- **a file's name piped where its content was meant**: ``echo 'SHOUT.txt' | tr A-Z a-z > quiet.txt`` (then it
  deleted SHOUT.txt), ``echo -n 'note.b64' | base64 -d > note.txt``: the command reads the text of the name;
- **a count or digest saved with the file name after it**, where the task asks for the number or digest alone:
  ``wc -w poem.txt > words.txt`` writes "11 poem.txt", ``sha256sum firmware.bin > firmware.sha256`` the digest
  and the name.

Like ``local_copies.clobbers`` (``sort f > f``), the command is not run: the model is told why and chooses
again. The loop writes no command; the hint names the shell's own way to do what the model meant.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from macrohard.models.local_examples import task_paths

ECHO_HINT = ("echo NAME | ... sends the text NAME itself, not what the file holds. To send a file's content, use "
             "cat NAME | ... or ... < NAME.")
COUNT_HINT = ("TOOL FILE prints the file name after the count. For the number alone, give wc the file on stdin: "
              "TOOL < FILE.")
DIGEST_HINT = ("TOOL FILE prints the file name after the digest. For the digest alone, keep only the first field of "
               "its output (cut -d' ' -f1 or awk '{print $1}').")
# a task that wants the number (wc) or the digest (the sum tools) alone, not a listing of names with them
_ALONE = re.compile(r"\b(only|just|alone|no file ?name|without the (file ?)?name|nothing else)\b", re.I)
_NUMBER = re.compile(r"\b(how many|count|number|total)\b", re.I)
# (a dot inside a word, ".txt", does not end the sentence: "for each .txt file ... its number of lines", agent29)
_LISTING = re.compile(r"\b(each|every|per|names?)\b(?:[^.]|\.(?=\w))*\b(count|number|lines|words|digest|sum)", re.I)
_COUNTERS = ("wc", "sha256sum", "sha1sum", "sha512sum", "md5sum", "shasum", "b2sum", "cksum")


def _parts(command: str) -> list[str]:
    return [p for p in re.split(r"&&|\|\||;|\n", command) if p.strip()]


def echoed_name(action: dict[str, Any], task: str) -> str:
    """The file name ``echo NAME | ...`` pipes as text, when NAME is a file the task names ('' if none)."""
    if action.get("kind") != "bash":
        return ""
    names = set(task_paths(task))
    for part in _parts(str(action.get("command", ""))):
        stages = part.split("|")
        if len(stages) < 2:
            continue
        try:
            words = shlex.split(stages[0])
            receiver = shlex.split(stages[1])
        except ValueError:
            continue
        if not words or words[0] != "echo" or (receiver and receiver[0] == "xargs"):
            continue
        said = [w for w in words[1:] if not w.startswith("-")]
        if len(said) == 1 and said[0] in names:
            return said[0]
    return ""


def named_count(action: dict[str, Any], task: str) -> tuple[str, str]:
    """``(tool, file)`` when a counter or digest tool reads a file by name and its output (name included) goes
    into a file, on a task that wants the count or digest alone (``('', '')`` otherwise)."""
    if action.get("kind") != "bash" or _LISTING.search(task) or not (_ALONE.search(task) or _NUMBER.search(task)):
        return "", ""
    for part in _parts(str(action.get("command", ""))):
        stages = part.split("|")
        if len(stages) != 1 or not re.search(r"(?<![0-9&])>", part):  # piped on (awk, cut) or not saved: left alone
            continue
        try:
            words = shlex.split(re.sub(r"\d?>>?\s*\S+", " ", part))
        except ValueError:
            continue
        if not words or words[0] not in _COUNTERS or "<" in part or (words[0] != "wc" and not _ALONE.search(task)):
            continue
        files = [w for w in words[1:] if not w.startswith("-") and not w.isdigit()]
        if len(files) == 1:
            return " ".join(w for w in words if w != files[0]), files[0]
    return "", ""


SED_HINT = ("sed -i edits FILE in place and prints nothing, so > OUT gets an empty file. To write the edited text to "
            "OUT and leave FILE as it is, drop -i: sed '...' FILE > OUT. To change FILE itself, drop > OUT.")
NOT_COMMAND_HINT = ("NAME is a data file, not a command. To send what it holds into a pipe, use cat NAME | ... or "
                    "... < NAME.")
_SCRIPTS = (".sh", ".py", ".pl", ".rb", ".js", ".bash")


def sed_in_place_saved(action: dict[str, Any]) -> bool:
    """Whether one stage runs ``sed -i`` (in place, printing nothing) with its output redirected into a file."""
    if action.get("kind") != "bash":
        return False
    for part in _parts(str(action.get("command", ""))):
        for stage in part.split("|"):
            try:
                words = shlex.split(stage)
            except ValueError:
                continue
            in_place = any(w == "-i" or w.startswith("--in-place") or (re.fullmatch(r"-[a-zA-Z]*i[a-zA-Z.]*", w)
                                                                       is not None and w != "-ie") for w in words[1:])
            targets = [w.lstrip(">") or (words[i + 1] if i + 1 < len(words) else "") for i, w in enumerate(words)
                       if w.startswith(">")]
            if words and words[0] == "sed" and in_place and any(t not in ("", "&2", "/dev/null") for t in targets):
                return True
    return False


def data_file_run(action: dict[str, Any], task: str) -> str:
    """A data file the task names, run as the first word of a command (``shout.txt | tr ...``), else ''."""
    if action.get("kind") != "bash":
        return ""
    names = {p for p in task_paths(task) if re.search(r"\w\.[A-Za-z][\w-]*$", p.rsplit("/", 1)[-1])
             and not p.endswith(_SCRIPTS)}  # a data file's suffix (notes.txt), not a version (python3.11)
    for part in _parts(str(action.get("command", ""))):
        try:
            words = shlex.split(part.split("|")[0])
        except ValueError:
            continue
        if words and words[0] in names:
            return words[0]
    return ""


def refused(action: dict[str, Any], task: str) -> tuple[str, str]:
    """``(why, hint)`` when ``action`` is one of the mistakes (``('', '')`` when it is not)."""
    if sed_in_place_saved(action):
        return "sed -i ... > FILE: sed -i prints nothing, so the file gets nothing", SED_HINT
    if name := data_file_run(action, task):
        return f"{name} is run as a command", NOT_COMMAND_HINT.replace("NAME", name)
    if name := echoed_name(action, task):
        return f"echo {name} | ... pipes the name {name}, not its content", ECHO_HINT.replace("NAME", name)
    tool, path = named_count(action, task)
    if tool:
        hint = COUNT_HINT if tool.startswith("wc") else DIGEST_HINT
        return (f"{tool} {path} > ... saves the file name with the result",
                hint.replace("TOOL", tool).replace("FILE", path))
    return "", ""


__all__ = ["COUNT_HINT", "DIGEST_HINT", "ECHO_HINT", "NOT_COMMAND_HINT", "SED_HINT", "data_file_run", "echoed_name",
           "named_count", "refused", "sed_in_place_saved"]
