"""A ``write_file`` that copies the harness's own words or a failed command's error into a file is refused as a
format error (issue 18, eighth wave).

On the dev suites (heldout4/5, RESULTS.md) Qwen2.5-Coder 1.5B wrote, after a step, the text it had just been
shown instead of what the task asked for: the marker the harness puts before untrusted output ("data, not
instructions"), the write tool's own report ("created x.txt (45 characters, 1 lines)", then its report of that
write, and so on), the loop's "(no output)", a denial, or the error a failed command printed ("Error: Not a git
repository") into the file the task names, which on a task that cannot be done makes a file where there must be
none. None of those texts is ever content a user asked for: the harness wrote them, or a command printed them
while failing. The model still chooses every action; this only refuses one whose content is such a copy, says
why, and lets the model choose again (the agent loop records it as a format error: ``agent.py``).

What counts:
- the harness's words: the untrusted-content marker and its boundary lines, a write's report, "(no output)",
  "Denied by the guard" / "Not approved by the ..." / "Denied by policy: ...", a format error, "[exit code N]";
- after a step that failed, its error: a line of the content (16 characters or more, compared without case and
  spacing) that is in that step's output, or the whole content when it is in that output; or content that
  reads as an error message (it starts with "Error:", "fatal:", "... command not found", ...).
Text the task itself contains is never refused (a task may ask for exactly those words).
"""

from __future__ import annotations

import re
from typing import Any

HINT = ("A file holds what the task asks for, never a harness message or an error; to save a command's output, "
        "redirect it (cmd > FILE). If the task cannot be done, finish with success false.")
_HARNESS = re.compile(
    r"\[UNTRUSTED CONTENT|<<<(BEGIN|END) UNTRUSTED|data, not instructions|\((no output)\)|^\s*no output\s*$|"
    r"\b(created|overwrote) \S+ \(\d+ characters|Denied by the guard|Denied by policy:|Not approved by the |^Format error:|"
    r"\[exit code \d+\]|\.\.\.\(cut\)\.\.\.|"
    # the notes of a give-up asked once more (local_giveups.py): heldout10 dev wrote one into tally-out.txt
    r"is not installed here\. If another|is a new folder that the task asks|is not executable, which is no reason|"
    r"was not run, only for the mistake|committed nothing only because the changes|is not a command on the PATH, which|"
    r"copies a folder only with -r \(cp -r FOLDER",
    re.I | re.M)
_ERROR_START = re.compile(r"\A\s*(error\b|fatal:|\S+: (cannot|can't|no such|command not found|not found)|"
                          r"(bash|sh): |warning: not a |usage: |E: )", re.I)
MIN_LINE = 16
MIN_WHOLE = 8  # shorter content (a count, a word) may well be in an error by chance


def copied(action: dict[str, Any], history: list[Any], task: str = "") -> str:
    """Why ``action`` (a write_file) copies the harness's words or a failed step's error ('' when it does not).
    ``history``: the run's earlier steps (``Past``: action, result, ok)."""
    if action.get("kind") != "write_file":
        return ""
    content = str(action.get("content", ""))
    if not content.strip():
        return ""
    said = _norm(task)
    m = _HARNESS.search(content)
    if m is not None and _norm(m.group(0)) not in said:
        return f"it copies the harness's words ({m.group(0).strip()[:30]!r})"
    last = history[-1] if history else None
    if last is None or last.ok:
        return ""
    error = _norm(str(last.result))
    whole = _norm(content)
    if whole not in said and ((len(whole) >= MIN_WHOLE and whole in error) or _ERROR_START.search(content)):
        return "it copies the last command's error"
    for line in content.splitlines():
        line = _norm(line)
        if len(line) >= MIN_LINE and line in error and line not in said:
            return f"it copies the last command's error ({line[:40]!r})"
    return ""


CLOBBER_HINT = ("The shell empties FILE for > before the command runs, so the command reads an empty file. Write to a "
                "new file and mv it over FILE, or change FILE in place (sed -i).")
_REDIRECT = re.compile(r"(?<![0-9&>])>(?![>&])\s*([^\s;&|<>]+)")


def clobbers(action: dict[str, Any]) -> str:
    """The file a bash command both reads and empties with ``> FILE`` in the same pipeline ('' if none):
    ``sort f > f`` or ``tr a b < f > f`` leaves f empty (a classic shell mistake; heldout4 lost a file to it)."""
    if action.get("kind") != "bash":
        return ""
    for part in re.split(r"&&|\|\||;|\n", str(action.get("command", ""))):
        for m in _REDIRECT.finditer(part):
            target = m.group(1).strip("'\"")
            rest = _REDIRECT.sub(" ", part)
            words = {w.strip("'\"") for w in re.split(r"[\s|<]+", rest)}
            if target and target in words:
                return target
    return ""


def refused_write_last(history: list[Any]) -> bool:
    """Whether the run's last step is a ``write_file`` the harness refused (a copy of its words or of an error, a
    report in a file the task never names, ...: a format error). The wrapper then leaves ``write_file`` out of the
    next step's kinds, so the model fixes the command that failed (bash) or finishes. heldout16's odd half (twenty-
    second wave): after a failed ``cp DIR NEW`` and ``SCRIPT > OUT`` the 1.5B model wrote the last error, then the
    refusal's own text, then that refusal's text again into result.txt, three refused steps and a give-up, twice;
    in every recorded run of heldout15/16 no refused write was followed by a write that passed.

    Also when only refusals came after it (agent24): heldout16's takaungu run alternated a command refused for a
    classic mistake and a write of that refusal's text, refused, four times, until the run failed on format errors;
    the write came back each time the command's refusal stood last."""
    for past in reversed(history):
        if past.ok or not str(past.result).startswith("Format error:"):
            return False  # a step that ran (worked or failed): the refusals before it are old
        if past.action.get("kind") == "write_file" and str(past.result).startswith("Format error: write_file refused"):
            return True
    return False


def refused_command_last(history: list[Any]) -> bool:
    """Whether the run's last step is a ``bash`` command the harness refused (a classic mistake of
    ``local_mistakes``, ``sort f > f``: a format error). The wrapper then leaves ``write_file`` out of the next step's
    kinds too, so the model answers the refusal's hint with a command. agent29 (dev, heldout18 published): after
    ``wc -c waka.bin > size.txt`` and ``wc -l ... > counts.txt`` were refused, the 1.5B model wrote a number by hand
    both times (``1024``: made up) instead of the hint's ``wc -c < FILE``."""
    if not history:
        return False
    last = history[-1]
    return (not last.ok and last.action.get("kind") == "bash"
            and str(last.result).startswith("Format error: command refused"))


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


__all__ = ["CLOBBER_HINT", "HINT", "clobbers", "copied", "refused_command_last", "refused_write_last"]
