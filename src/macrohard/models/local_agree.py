"""The ``agree`` aid: a claim grounded in execution rather than the model's opinion (issue 18, tenth wave).

Neither the acting chat's yes/no nor the fresh evidence judge separates right work from wrong (RESULTS.md: their
log-odds interleave). Here, when the run is about to finish after changing files, the model is asked for a second,
independent solution of the whole task (one bash command, from a prompt that does not show its first
solution); the harness runs it from the run's *starting* state in the same sandbox (``macrohard/scratch.py``: the
workspace snapshot put back, every action through ``Guard.authorize``, the run's own state restored after) and
compares what each solution changed (paths, contents, permission bits; ``.git`` apart):

- the same changes, made with other programs (``programs``), no file among them empty -> the finish claims
  success (two different commands that make the same files: grounded in what ran, not in a yes/no);
- different changes -> the finish gives up and says so (whatever the judges would have said: a veto);
- no signal (the run changed nothing, touched ``.git``, the second command was the same text as one of the
  run's, was denied, failed or changed nothing, or made the same changes with the same programs: ``programs``)
  -> the loop's own path decides as before.

The second command is the model's own (the loop writes none); it is asked deterministically (temperature 0) with
the first token of each of the run's commands forbidden as its first token (asked plainly, Qwen 1.5B repeated its
command word for word, even when told to use another), and if it still repeats one of them, once more at
temperature ``RETRY_TEMPERATURE``. Nothing the try prints reaches the model.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

NOTE = ("Solve this task from the start, as if nothing had been done yet, with ONE bash command that does all of it. "
        "Reply with that command only.")
AVOID_NOTE = "Use a different command from: {tried}."
RETRY_TEMPERATURE = 0.7
EMPTY = hashlib.sha256(b"").hexdigest()  # the fingerprint of an empty file (macrohard/scratch.py)
PASSERS = frozenset({"cat", "echo", "printf", "xargs", "cd", "tee", "sudo", "command", "env", "time", "nice", ""})
RETRY_SEED = 7
AGREED = ("done; a second, independent solution run from the start made exactly the same changes "
          "(it had answered: {answer})")
DISAGREED = ("not confirmed: a second solution run from the start made different changes ({what}); look at the "
             "workspace before relying on it (it had answered: {answer})")


def own_commands(history: list[Any]) -> list[str]:
    """The bash commands the run took (to tell a truly different second solution from a repeat)."""
    return [" ".join(str(p.action.get("command", "")).split()) for p in history if p.action.get("kind") == "bash"]


def alternative_chat(system: str, task: str, avoid: list[str] | None = None) -> list[dict[str, str]]:
    """A fresh chat for the second solution: the agent's system prompt (cached by llama.cpp), the task, ``NOTE``."""
    note = NOTE if not avoid else f"{NOTE} {AVOID_NOTE.format(tried='; '.join(f'`{c}`' for c in avoid[:3]))}"
    return [{"role": "system", "content": system}, {"role": "user", "content": f"Task: {task}\n\n{note}"}]


def is_repeat(command: str, history: list[Any]) -> bool:
    return " ".join(command.split()) in own_commands(history)


def programs(commands: list[str]) -> frozenset[str]:
    """The programs the commands run (the word at each command position), less those that only pass text along
    (``cat f | awk ...`` is ``awk`` run on f: the same way, not another)."""
    found: set[str] = set()
    for command in commands:
        for part in re.split(r"\|\||&&|\||;|\$\(|`|\bthen\b|\bdo\b", command):
            words = [w for w in part.strip().split() if "=" not in w or w.startswith(("-", "'", '"'))]
            if words:
                found.add(words[0].strip("()'\"").rsplit("/", 1)[-1])
    return frozenset(found - PASSERS)


def signal(run: Any, alt: Any, same_way: bool = False) -> tuple[str | None, str]:
    """"agree", "disagree" or None (no signal), and what differed. ``run``/``alt``: ``scratch.Changes`` or None.
    ``same_way``: the second solution ran the same programs as the run (``programs``): then its agreement says
    nothing (the same mistake twice: ``wc -l f > n`` and ``echo $(wc -l f) > n`` both keep the file name), but a
    difference still does."""
    if run is None or alt is None:
        return None, "no comparison"
    if run.git_changed or alt.git_changed:
        return None, "the repository changed"
    if not run.files:
        return None, "the run changed no file"
    if not alt.files:
        return None, "the second solution changed no file"
    if run.files == alt.files:
        if same_way:
            return None, "the same changes, made the same way"
        if any(v is not None and v[0] == "file" and v[-1] == EMPTY for v in run.files.values()):
            # two failing commands agree on an empty file (a filter that matched nothing: dev heldout7)
            return None, "the same changes, but a file is empty"
        return "agree", ""
    only_run = sorted(set(run.files) - set(alt.files))
    only_alt = sorted(set(alt.files) - set(run.files))
    differ = sorted(p for p in set(run.files) & set(alt.files) if run.files[p] != alt.files[p])
    parts = ([f"only the run changed {', '.join(only_run[:3])}"] if only_run else []) + \
            ([f"only the second changed {', '.join(only_alt[:3])}"] if only_alt else []) + \
            ([f"{', '.join(differ[:3])} differ"] if differ else [])
    return "disagree", "; ".join(parts)


class BanFirst:
    """A llama.cpp logits processor that forbids the given tokens as the first token decoded (a second solution may
    not start with the first word of one of the run's commands: another way, not a repeat)."""

    def __init__(self, ids: frozenset[int]) -> None:
        self.ids = np.fromiter(ids, dtype=np.intc)
        self.start: int | None = None

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        if self.start is None:
            self.start = len(input_ids)
        if len(input_ids) == self.start:
            scores[self.ids] = -np.inf
        return scores


# act(chat, temperature, seed, banned first tokens) -> (bash action or None, raw, usage), the loop's own decoder
Act = Callable[[list[dict[str, str]], float, int, frozenset[int]], tuple[dict[str, Any] | None, str, Any]]


def second_opinion(finish: dict[str, Any], task: str, history: list[Any], scratch: Any, *, act: Act,
                   first_token: Callable[[str], int | None], system: str, seed: int = 0) -> tuple[dict[str, Any] | None, Any]:
    """The finish as the second solution decides it (``settle``), or None for no signal, and the usage."""
    from macrohard.types import BashAction, Usage

    usage = Usage()
    run = scratch.changes()
    if run is None or run.git_changed or not run.files:
        return None, usage
    ban = frozenset(t for c in own_commands(history) if (t := first_token(c)) is not None)
    command = None
    for temperature, attempt_seed in ((0.0, seed), (RETRY_TEMPERATURE, RETRY_SEED)):
        alt, _, u = act(alternative_chat(system, task), temperature, attempt_seed, ban)
        usage = usage + u
        if alt is not None and str(alt.get("command", "")).strip() and not is_repeat(str(alt["command"]), history):
            command = str(alt["command"])
            break
    if command is None:
        _log(f"None no second command ({task[:50]})")
        return None, usage
    same_way = programs([command]) == programs(own_commands(history))
    verdict, what = signal(run, scratch.try_from_start([BashAction(command=command)]), same_way)
    _log(f"{verdict} {what[:80]} claimed={bool(finish.get('success'))} alt={command[:80]!r} ({task[:50]})")
    return (None if verdict is None else settle(finish, verdict, what)), usage


def _log(line: str) -> None:
    if os.environ.get("MACROHARD_LOCAL_AGREE_LOG"):  # dev runs: what the aid decided, on stderr
        print(f"agree: {line}", file=sys.stderr, flush=True)


def settle(finish: dict[str, Any], verdict: str, what: str = "") -> dict[str, Any]:
    """The finish as the agreement decides it (``verdict`` "agree" or "disagree")."""
    answer = str(finish.get("answer", ""))[:200]
    if verdict == "agree":
        return {"kind": "finish", "success": True, "answer": AGREED.format(answer=answer)}
    return {"kind": "finish", "success": False, "answer": DISAGREED.format(what=what, answer=answer)}


__all__ = ["AGREED", "DISAGREED", "NOTE", "BanFirst", "second_opinion", "alternative_chat", "is_repeat", "own_commands", "programs", "settle", "signal"]
