"""After the model's own "no" on a read-back: is the step it proposes next a *fix* of work already done, or the
*next step* of a task that asks for more (issue 18)?

The acting chat's yes/no ("is the task done exactly as asked?", ``local_verify.py``) cannot tell "this step is
wrong" from "this step is right but the task needs more": both are "no". Asked apart as yes/no questions ("does
the task ask for an action no step has taken yet?", "is there a part no step has done?"), Qwen2.5-Coder 1.5B
gave the same log-odds to finished and unfinished runs (12 hand-made cases, none from a suite: RESULTS.md).
So the loop asks the model for its next action and reads the answer's *shape*:

- a **fix** writes over, moves or deletes something an earlier step of the run wrote or changed (a ``write_file``
  or a redirect into that path, ``sed -i``, ``chmod``/``chown``, ``gzip`` on it, ``rm``/``mv`` of it, ``cp`` onto
  it). Forced fixes overwrote right results with guesses and descriptions (heldout4, eighth wave), so fixes stay
  capped by ``MAX_FIXES`` and a run that took one never claims success. (``chmod``, ``gzip`` and ``rm`` of a
  compressed file's original were added after the heldout6 run: there a "next step" undid right work that way);
- anything else is a **next step** (commit what was written, edit the file the task named, a second file): the
  "no" meant "not finished", so it does not stand; after the step a new read-back and verdict decide, and the
  run may still claim success (through the harness's evidence and the fresh judge, ``local_evidence.py``).

The loop writes no command: it only decides whether the model's own proposal is taken.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

# a redirect's target (``> f``, ``>> f``, ``2> f`` is not output the task asked for but still a write)
_REDIRECT = re.compile(r"(?<![<&0-9])>>?\s*([^\s;&|<>]+)")
_IN_PLACE = re.compile(r"^(-i\S*|--in-place\S*)$")


def _norm(path: str) -> str:
    path = path.strip().strip("'\"")
    while path.startswith("./"):
        path = path[2:]
    return path.rstrip("/") if path not in ("/", "") else path


def _parts(command: str) -> list[list[str]]:
    out = []
    for part in re.split(r"\|\||&&|\||;", command):
        try:
            words = shlex.split(re.sub(r"\d?(>>?|<)\s*\S+", " ", part))  # redirects are read apart (_REDIRECT)
        except ValueError:
            continue
        if words:
            out.append(words)
    return out


def overwrites(action: dict[str, Any]) -> set[str]:
    """The paths ``action`` writes over, moves away or deletes (not the ones it only creates inside a folder)."""
    if action.get("kind") == "write_file":
        return {_norm(str(action.get("path", "")))} - {""}
    if action.get("kind") != "bash":
        return set()
    command = str(action.get("command", ""))
    found = {_norm(m) for m in _REDIRECT.findall(command)} - {"/dev/null", ""}
    for words in _parts(command):
        head, args = words[0], [w for w in words[1:] if not w.startswith("-")]
        if head in ("rm", "truncate", "shred", "unlink"):
            found |= {_norm(a) for a in args}
        elif head == "mv":
            found |= {_norm(a) for a in args[:-1]}  # what it moves away (its target may be a folder)
            if args and not args[-1].endswith("/"):
                found.add(_norm(args[-1]))
        elif head == "cp" and len(args) >= 2 and not args[-1].endswith("/"):
            found.add(_norm(args[-1]))
        elif head in ("sed", "perl") and any(_IN_PLACE.match(w) for w in words[1:]):
            found |= {_norm(a) for a in args[1:]}  # the files after the script
        elif head == "tee":
            found |= {_norm(a) for a in args}
        elif head in ("chmod", "chown", "chgrp"):  # its mode or owner changed again (the first word is the mode)
            found |= {_norm(a) for a in args[1:]}
        elif head in ("gzip", "gunzip", "bzip2", "bunzip2", "xz", "unxz"):  # a file compressed or expanded in place
            found |= {_norm(a) for a in args}
    return found - {""}


def wrote(history: list[Any]) -> set[str]:
    """The files the run's steps that worked wrote (written, redirected into, edited in place, copied or moved to)."""
    paths: set[str] = set()
    for past in history:
        if not past.ok:
            continue
        action = past.action
        if action.get("kind") == "bash":
            for words in _parts(str(action.get("command", ""))):
                if words[0] == "mv":  # a moved file is no longer at its old path
                    paths -= {_norm(a) for a in words[1:-1] if not a.startswith("-")}
        paths |= overwrites(action) - _removed(action)
    return paths


def _removed(action: dict[str, Any]) -> set[str]:
    if action.get("kind") != "bash":
        return set()
    gone: set[str] = set()
    for words in _parts(str(action.get("command", ""))):
        if words[0] in ("rm", "unlink"):
            gone |= {_norm(a) for a in words[1:] if not a.startswith("-")}
        elif words[0] == "mv":
            gone |= {_norm(a) for a in words[1:-1] if not a.startswith("-")}
    return gone


def is_fix(action: dict[str, Any], history: list[Any]) -> bool:
    """Whether ``action`` redoes earlier work (writes over, moves or deletes a file an earlier step wrote)
    rather than taking the task's next step."""
    return bool(overwrites(action) & wrote(history))
