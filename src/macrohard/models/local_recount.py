"""A number or one-word value claimed through the judges needs a second computation of the model's own (issue 18,
thirty-ninth wave).

Where the run's answer is one number or one word (a file the task names and the run wrote holds just that, or the
finish's answer is a bare number), the judges' "yes" is not evidence enough: on heldout23-25 every success the yes/no judges
allowed on a count was wrong (4 of 4: ``kanykei-status-404``, ``antsirabe-folders-count``, ``toomas-login-shells``,
``narva-distinct-emails``; a substring count, a folder counted as its own child, awk's wrong field, a case-sensitive
``uniq``) and none was right (RESULTS.md, comp39); heldout22's ``khuli-dia-semana`` (ctx36) was a weekday guessed by
hand, the same shape with a word. So before such a claim stands:

- the form: where the task asks how many / for the number of something (English words, or "how many" in a few other
  languages) and no file it names holds one number, the claim does not stand (``toomas-login-shells`` wrote names);
- the recount: the model is asked, in its own chat, for ONE command that computes the answer again another way
  (``NOTE``; the first token of each of its earlier commands is forbidden as the first token, the ``agree`` aid's
  ``BanFirst``, so that the second count is written differently; once more at temperature 0.7 if it still repeats).
  The harness runs it apart from the run (``macrohard/scratch.py``: through ``Guard.authorize``, the workspace put
  back after, nothing of it shown to the model) and the claim stands only when it prints exactly the same answer (a
  number compared as a number, a word as written). A recount that repeats an earlier command, reads the answer's own
  file, only echoes, runs the same programs as the run's own computation, fails, is denied or prints anything but one
  value: no claim. A value the task's own words dictate ("write 3 to n.txt") is not recounted.

The command is always the model's; the harness only compares two values. It never turns a give-up into a success,
and it never changes the workspace, so a run's check passes or fails exactly as without it. ``ON`` switches it off.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any

from macrohard.models import local_agree, local_evidence, local_form
from macrohard.models.local_examples import task_paths

ON = True
NOTE = ("Before this counts as done, check your answer a second way. Write ONE bash command that computes the answer "
        "again from the task's input data with a different method from your commands above (another program or "
        "another approach), and prints only the answer (the number or word asked for). Do not read {path}; write no file.")
AGREED = ("done: a second computation by another method ({command}) printed the same answer, {number} (it had "
          "answered: {answer})")
NOT_CONFIRMED = ("not confirmed: the model said the task was done, but {why}, so the claim does not stand; look at the "
                 "workspace before relying on it (it had answered: {answer})")
_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")
WORD_CHARS = 80  # a one-word answer: a weekday, a name, a hash, a branch
_PATHLIKE = re.compile(r"/|^[\w-]*\.[A-Za-z]\w{0,5}$")  # dir/x, hay.txt
# the task asks for one number: English (local_form's words) or "how many" in some other languages
_ASKS = re.compile(r"\b(how many|number of|the number|count of|total of|sum of)\b|\bwie viele?\b|\bcombien\b|"
                   r"\bcu[aá]nt[oa]s\b|\bquant[oia]s?\b|\bmitu\b|\bkaç\b|\bсколько\b|\bkolik\b|\bberapa\b|\bhoeveel\b|"
                   r"\bile\b|\bhány\b|\bkuinka monta\b|\bhvor mange\b|\bhur många\b", re.I)
_PER_ITEM = local_form._PER_ITEM  # a count for each item is a listing, not one number


def asks_number(task: str) -> bool:
    """Whether the task asks for one number (a count, a total), not one per item."""
    return bool(_ASKS.search(task)) and not _PER_ITEM.search(task)


def asks(task: str) -> bool:
    """Whether the task asks a question (a one-word answer is then computed or looked up, not copied)."""
    return "?" in task or "？" in task or bool(re.search(r"\b(what|which|who|whose|when|where|how)\b", task, re.I))


def dictated(task: str, number: str) -> bool:
    """A number the task's own words give ("write 3 to n.txt"), where no number is asked for: nothing to recount."""
    return not asks_number(task) and bool(re.search(rf"(?<![\w.]){re.escape(number)}(?![\w.])", task))


def number_of(text: str) -> str | None:
    """The one number ``text`` holds (blanks around it allowed), else None."""
    text = text.strip()
    return text if _NUMBER.match(text) else None


def value_of(text: str) -> str | None:
    """The one value ``text`` holds: a number, or one word (no blank inside, at most ``WORD_CHARS``), else None."""
    text = text.strip()
    if number_of(text) is not None:
        return text
    if not text or len(text) > WORD_CHARS or re.search(r"\s", text) or _PATHLIKE.search(text):
        return None  # a path or file name is looked up by the evidence instead (local_evidence.claimed_paths)
    return text


def same(a: str, b: str) -> bool:
    """Two numbers equal as numbers (3 and 3.0), anything else exactly equal."""
    if number_of(a) is not None and number_of(b) is not None:
        return float(a.strip().replace(",", ".")) == float(b.strip().replace(",", "."))
    return a.strip() == b.strip()


def claimed(task: str, evidence: str, history: list[Any], answer: str) -> tuple[str | None, str | None]:
    """(the path that holds the claimed value or None for the finish's answer, the value: a number or one word) — or
    (path, None) when files the task names were written but none holds one value, (None, None) when no value is
    claimed. The finish's answer counts only as a bare number ("done" is no value)."""
    files = local_form.files_shown(evidence)
    named = [p for p in wrote(history) if p in files and local_form._named(p, task)]
    for path in named:
        content, whole = files[path]
        if whole and (n := number_of(content)) is not None:
            return path, n
    for path in named if asks(task) else []:  # a word only as the answer to a question (a copy of a word is none)
        content, whole = files[path]
        if whole and (v := value_of(content)) is not None:
            return path, v
    if (n := number_of(answer)) is not None and not named:
        return None, n
    return (named[0] if named else None), None


def wrote(history: list[Any]) -> list[str]:
    """Files the run wrote: redirects and ``write_file`` (``local_form.written``), ``tee`` targets, cp/mv/ln targets."""
    tees = [m.removeprefix("./") for p in history if p.action.get("kind") == "bash" and p.ok
            for m in re.findall(r"\btee\s+(?:-a\s+)?([\w./-]+)", str(p.action.get("command", "")))]
    return list(dict.fromkeys([*local_form.written(history), *tees, *local_evidence.written_paths(history)]))


def counting(history: list[Any], path: str | None, number: str) -> list[str]:
    """The run's commands that made the number: those that wrote ``path`` with ``>``, else those that printed it
    (else every command of the run)."""
    mine = [p for p in history if p.action.get("kind") == "bash"]
    if path:
        by = [p for p in mine if re.search(rf">>?\s*(\./)?{re.escape(path)}\b", str(p.action.get("command", "")))]
        if by:
            return local_agree.own_commands(by)
    printed = [p for p in mine if p.ok and (n := value_of(p.result)) is not None and same(n, number)]
    return local_agree.own_commands(printed or mine)


def usable(command: str, history: list[Any], path: str | None, first: list[str], task: str = "") -> str:
    """Why ``command`` is no independent second count ('' when it is one)."""
    if not command.strip():
        return "the model wrote no second count"
    # the task's input files or folders the first count read: a second count that reads none of them counts something
    # else (comp62, dev heldout27's mondlane-requests-day: `date -d … | grep Maputo | wc -l` printed 0, as the wrong
    # first count over requests.log had; "agreed")
    read = [p.rstrip("/") for p in task_paths(task) if p != path and p.rstrip("/") and p.rstrip("/") in " ".join(first)]
    if read and not any(p in command for p in read):
        return f"the second count read none of the task's input ({', '.join(read[:3])})"
    if local_agree.is_repeat(command, history):
        return "the second count repeated an earlier command"
    if path and re.search(rf"(^|[\s'\"/<]){re.escape(path)}($|[\s'\";|)])", command):
        return f"the second count read {path} itself"
    mine = local_agree.programs([command])
    if not mine:
        return "the second count only printed text"
    if mine == local_agree.programs(first):
        return "the second count ran the same programs as the first"
    return ""


# act(chat, temperature, seed, banned first tokens) -> (bash action or None, raw, usage): the loop's decoder
Act = Callable[[list[dict[str, str]], float, int, frozenset[int]], tuple[dict[str, Any] | None, str, Any]]


def recount(task: str, path: str | None, number: str, history: list[Any], chat: list[dict[str, str]], scratch: Any, *,
            act: Act, first_token: Callable[[str], int | None], seed: int = 0) -> tuple[str, str, Any]:
    """("agree" | "no", why or the command, usage): the model's second count, run apart, against ``number``."""
    from macrohard.models.local_history import _with_note
    from macrohard.types import BashAction, Usage

    usage = Usage()
    if scratch is None:
        return "no", "no second count could be run apart here", usage
    note = NOTE.format(path=path or "your answer")
    ban = frozenset(t for c in local_agree.own_commands(history) if (t := first_token(c)) is not None)
    first = counting(history, path, number)
    why, command = "the model wrote no second count", ""
    for temperature, attempt_seed in ((0.0, seed), (local_agree.RETRY_TEMPERATURE, local_agree.RETRY_SEED)):
        alt, _, u = act(_with_note(chat, note), temperature, attempt_seed, ban)
        usage = usage + u
        command = str((alt or {}).get("command", ""))
        if not (why := usable(command, history, path, first, task)):
            break
    if why:
        _log(f"no ({why}) {command[:80]!r} ({task[:50]})")
        return "no", why, usage
    printed = scratch.run_apart(BashAction(command=command))
    if printed is None:
        why = f"the second count (`{command[:80]}`) was denied or failed"
    elif (second := value_of(printed)) is None:
        why = f"the second count (`{command[:80]}`) printed no single value"
    elif not same(second, number):
        why = f"a second count (`{command[:80]}`) printed {second} where {path or 'the answer'} says {number}"
    _log(f"{'no (' + why + ')' if why else 'agree'} {command[:80]!r} ({task[:50]})")
    return ("no", why, usage) if why else ("agree", command, usage)


def finish(answer_finish: dict[str, Any], verdict: str, what: str, number: str = "") -> dict[str, Any]:
    answer = str(answer_finish.get("answer", ""))[:200]
    if verdict == "agree":
        return {**answer_finish, "success": True,
                "answer": AGREED.format(command=what[:120], number=number, answer=answer)}
    return {**answer_finish, "success": False, "answer": NOT_CONFIRMED.format(why=what, answer=answer)}


def _log(line: str) -> None:
    if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):  # dev runs: what the recount decided, on stderr
        print(f"recount: {line}", file=sys.stderr, flush=True)


__all__ = ["AGREED", "NOTE", "NOT_CONFIRMED", "ON", "asks", "asks_number", "claimed", "dictated", "value_of", "finish", "number_of", "recount", "usable"]
