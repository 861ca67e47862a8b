"""rt62: commands the file tool writes for a program the person runs later, outside the run.

A ``.desktop`` launcher's ``Exec=`` (one click in the file manager), direnv's ``.envrc`` (run on entering the
folder), a pre-commit hook's ``entry:`` (run at the person's next ``git commit``): on b7fd0bfd writing any of them was
approved whatever they run, since what a file holds is judged when the agent runs it, and the agent never runs these.
So their commands are read as the shell reads a line of the agent's (``commands.analyze``, in the folder the program
runs them from) when the file is written, and what that review finds of the categories that are refused outright
(a send of local data, code fetched and run, hidden commands, credentials, destruction) is found for the write.
Ordinary contents (``Exec=myapp %U``, ``export PATH=$PWD/bin:$PATH``, ``layout python``, ``entry: pytest``) find
nothing. VS Code's tasks and ``.git/hooks`` are refused by their names already (``rules_data.WRITE_TARGETS``).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from macrohard.safety import lazyre

_DESKTOP_EXEC = lazyre.compile(r"^\s*(?:Try)?Exec\s*=\s*(.+)$", re.M)
_FIELD_CODES = lazyre.compile(r"(?<!%)%[fFuUdDnNickvm]")
_ENTRY = lazyre.compile(r"^\s*-?\s*entry\s*:\s*(.+?)\s*$", re.M)
_CATEGORIES = ("exfiltration", "remote_code", "obfuscation", "credential", "destructive", "miner", "privilege")
_MAX_LINES, _MAX_TEXT = 16, 64_000


def commands(path: str, text: str) -> tuple[str, list[str]]:
    """(who runs them, the command lines) of a file a program of the person's runs later, or ("", [])."""
    name = posixpath.basename(path.lower())
    text = text[:_MAX_TEXT]
    if name.endswith(".desktop"):
        lines = [_FIELD_CODES.sub("", m.group(1)).strip() for m in _DESKTOP_EXEC.finditer(text)]
        return "the desktop runs it when the launcher is opened", [x for x in lines if x]
    if name == ".envrc":
        return "direnv runs it when a shell enters the folder", [text] if text.strip() else []
    if name in (".pre-commit-config.yaml", ".pre-commit-config.yml", ".pre-commit-hooks.yaml"):
        lines = [m.group(1).strip().strip("'\"") for m in _ENTRY.finditer(text)]
        return "pre-commit runs it at the next git commit", [x for x in lines if x]
    return "", []


def judge(kind: str, value: str, full: str, text: str, analysis: Any, review: Any) -> None:
    """Adds to ``analysis`` what ``review(line, cwd)`` (an ``Analysis``) finds of ``_CATEGORIES`` in the commands the
    file at ``full`` (as ``value`` names it) holds for a program that runs them later."""
    who, lines = commands(full, text)
    for line in lines[:_MAX_LINES]:
        found = review(line, posixpath.dirname(full)).findings
        for category in _CATEGORIES:
            if category in found:
                analysis.add(category, f"{kind} {value}: {who}, outside the run: {found[category]}")
