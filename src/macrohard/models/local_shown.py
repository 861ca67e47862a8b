"""The values a task's words show only as an example of the form, read once for the whole harness (issue 18,
twenty-sixth wave).

Two readers did this until now, and differed: ``local_work_grep`` set aside the name after a bare "like", "e.g.",
"such as" or "for example" (one bare word only: ``paths like src/x/y.py`` is a format, not a file to touch), and
``local_grounds.examples`` read the value after "e.g.", "for example", "formatted like", "in the format"… quoted or bare,
but not after a bare "like", and only where the words name it once (a value the words also give elsewhere may be the
value asked for). So "paths like 'src/x.py'" was no example to the first, and "a tag like v1.2.0" none to the second.

Now one reader, ``shown``: every cue of both (a bare "like" included, but not "would like", "I'd like", "like to" or
"like this"), the value quoted or bare (a bare value after a bare "like" only where it looks like a value: a digit, a
dot, a slash, a dash or an underscore in it, so "files like notes" reads no example), and a value the words name more
than once is never an example. Its users: ``local_grounds.example_copied`` (a file written by hand holding the task's
example has no grounds) and ``local_work_grep`` (an example path is not a file the run must touch).
"""

from __future__ import annotations

import re

# words that give what follows as an example of the form, not the value itself
_CUE = re.compile(r"(?:\be\.?g\.?(?!\w)|\bfor (?:example|instance)|\bformatted (?:like|as)|\bformat(?:ted)? like"
                  r"|\bin the (?:format|form)(?: of)?|\bsomething like|\bsuch as"
                  r"|(?<!\bwould )(?<!\bwe )(?<!\byou )(?<!\bthey )(?<!\bI )(?<!'d )(?<!\bfeel )(?<![\w'])(?P<like>like)\b)"
                  r"[\s,:(]*", re.I)
_LITERAL = re.compile(r"\"([^\"\n]{1,80})\"|'([^'\n]{1,80})'|`([^`\n]{1,80})`|(\S{1,80})")
_VALUE_SHAPE = re.compile(r"[\d./_-]")  # a bare word after a bare "like" is a value only in this shape
# a bare word that starts a phrase, never a value ("like this", "in the format that sha256sum reads")
_PHRASE = re.compile(r"(?:to|this|that|these|those|so|the|a|an|it|its|them|you|your|at|in|on|of|with|before|above|below)(?![\w.-])", re.I)


def shown(task: str) -> set[str]:
    """The values the task's words give only as an example of the form (see the module's note)."""
    found = set()
    for cue in _CUE.finditer(task):
        start = cue.end()
        m = _LITERAL.match(task, start)
        if m is None:
            continue
        value = next(g for g in m.groups() if g is not None)
        if m.group(4) is not None:
            value = value.rstrip(").,;:!?")
            if _PHRASE.fullmatch(value) or cue.group("like") and not _VALUE_SHAPE.search(value):
                continue
        if len(value) >= 2 and task.count(value) == 1:
            found.add(value)
    return found


__all__ = ["shown"]
