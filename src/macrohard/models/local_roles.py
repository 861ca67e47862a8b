"""The task's words read by their roles before its demands are counted (issue 18, nineteenth wave).

``local_work.py`` proves a run only when every demand word of the task is one the run's steps answer, and words that
narrow a demand (``but``, ``last``, ``not``, ...) stopped it outright. On a fresh writer's tasks that gate stopped
every right run (agent18: "add **a last line**", "won't **run** ... so I can **run** it", "unstage it **but** keep
my edits"): the words were not demands at all, but a symptom, a purpose, a position, or the rest of the workspace to
be left alone. Here each such clause is recognised by its role and set aside:

- a **symptom** or a **reason** ("it won't run", "it says permission denied", "Enora is waiting for it", "should be
  no conflicts", "it's mounted at ...", "before you touch it");
- a **purpose** ("so I can run it directly", "so that the script finds it");
- a **preservation** ("but keep my edits in the file", "keep the ones that have something in them", "leave the
  other files", "the original stays as it is", "nothing else should change", "don't delete it"): set aside only when
  it asks for nothing new (no demand word of its own, no path the steps changed), because the steps read here only
  change what they name, so what is to be kept is kept by construction;
- a **position** the shape itself reads ("a last line", "at the end" for a line appended).

What is left is read as before: every demand word must be one the steps answer, and a narrowing word left over (an
"except", a "but" that is not a preservation, "first", "older than") still stops the proof.
"""

from __future__ import annotations

import re

# the demand words a preservation clause may carry and still only keep things as they are
_KEEPING = r"keep|keeps|kept|leave|leaves|stay|stays|remain|remains|touch|delete|remove|change|lose|edit|be|is|are|should|must"
_CLAUSE = r"(?:[^.,;:!?()]|\.(?=\w))*"  # to the clause's end (a dot inside a file name is not one)
_ROLES: dict[str, list[str]] = {
    "symptom": [
        r"\b(?:won'?t|doesn'?t|does not|can'?t|cannot|isn'?t|is not|fails? to|keeps? failing to)\s+(?:run|start|work|"
        r"open|execute|launch|go|load)\w*(?:\s+(?:anymore|any more|at all|now))?\b",
        r"\b(?:some|several|many|a few|two|three)\s+(?:of the\s+)?(?:lines|entries|rows)\s+(?:mention|have|contain|say|use|"
        r"hold)\w*\s+it\s+(?:twice|more than once|several times|two times|a few times)\b",
        rf"\bit says\s+{_CLAUSE}", r"\b(?:says|saying|gives?|giving|shows?|with)\s+(?:a\s+)?permission denied\b",
        r"\bpermission denied\b",
        r"\b(?:\w+)\s+is\s+waiting(?:\s+for\s+(?:it|this|them))?\b",
        r"\bthere\s+should\s+be\s+no\s+conflicts?\b|\bshould\s+be\s+no\s+conflicts?\b|\bno conflicts? expected\b",
        r"\b(?:it'?s|it is|which is|that'?s)\s+mounted\s+(?:at|on)\s+\S+",
        r"\bbefore\s+(?:you|we|i)\s+(?:touch|change|edit)\s+(?:it|them|anything)\b",
    ],
    "purpose": [
        rf"\bso\s+(?:that\s+)?(?:i|we|you|they|he|she|(?-i:[A-Z][a-z]+))\s+(?:can|could|may)\s+(?:just\s+)?"
        rf"(?:run|execute|start|launch|use|open|read|see|look at|find|call)\b{_CLAUSE}",
    ],
    "chatter": [
        r"\b(?:please|pls|plz|thanks|thank you|thx|cheers|hey|hi|hello)\b", r"\b(?:can|could|would)\s+you\b",
    ],
}
# what a preservation may keep: the rest, the original, the person's own edits, not a part of what the steps changed
# ("keep the ones from this week" where the step removed every .log is a demand no step answered)
_KEPT = (r"(?:the\s+(?:\w+\s+){1,2}already\s+(?:on|in|there)|my|its|their|his|her|our|your|everything(?:\s+else)?|anything(?:\s+else)?|it|them|the\s+others?|other|others|"
         r"the\s+rest|the\s+originals?|the\s+file|the\s+existing|the\s+current|what'?s\s+(?:already\s+)?there)")
_PRESERVE = [
    rf"(?:\bbut\s+|\band\s+)?\b(?:keep|keeping|leave|leaving)\s+{_KEPT}\b{_CLAUSE}",
    rf"\b(?:the\s+)?(?:original|originals|rest|others|other files|other ones|everything else|other lines)\b{_CLAUSE}?"
    r"\b(?:stays?|remains?|should stay|must stay|stay(?:s)? as (?:it|they) (?:is|are)|untouched|as (?:it|they) (?:is|are))"
    r"\b(?:\s+as\s+(?:it|they)\s+(?:is|are))?",
    rf"(?#complement)\b(?:whatever|anything|everything|the\s+files?)\s+(?:that\s+)?(?:isn'?t|is\s+not|aren'?t|are\s+not)\s+(?:an?\s+)?"
    rf"\.?\w+(?:\s+files?)?\s+(?:stays?|remains?)\b{_CLAUSE}",
    r"\bnothing\s+else\s+(?:should|must|may|is to)\s+(?:change|be\s+(?:deleted|removed|changed|touched))\b",
    r"\b(?:but\s+)?nothing\s+else\b",
    rf"\b(?:but\s+)?(?:don'?t|do not|never)\s+(?:touch|delete|remove|change|lose)\s+{_KEPT}\b{_CLAUSE}",
]
# a preservation left over (not one of the above): what it keeps may be a part of what the steps changed
_UNREAD_KEEP = re.compile(r"\b(?:keep|keeping|leave|leaving|stays?|remains?|untouched|alone)\b|"
                          r"\b(?:don'?t|do not|never)\s+(?:touch|delete|remove|change|lose)\b", re.I)
_POSITION = {
    "copy": r"\b(?:save|make|keep|take)\s+a\s+(?:backup\s+)?copy\b",
    "append": r"\b(?:a|the|one|its|their)\s+(?:own\s+)?(?:new\s+)?(?:last|final)\s+line\b|\bat\s+the\s+(?:very\s+)?end\b|"
              r"\bto\s+the\s+end\b|\bat\s+the\s+bottom\b|\bas\s+(?:its|a)\s+own\s+line\b",
    "rm_empty": r"(?:\bbut\s+|\band\s+)?\b(?:keep|leave)\s+(?:the\s+ones|those|the\s+\w+)\s+(?:that|which|with)\s+"
                r"(?:have|has|hold|contain)\s+(?:something|text|content|data|anything)(?:\s+in\s+(?:them|it))?|"
                r"\b(?:are|is|were)\s+empty\b|\bempty\s+(?:ones|files?)\b|\(?zero\s+bytes?\)?|\b0\s+bytes?\b|"
                r"\b(?:anything|everything|whatever|the\s+files?|the\s+ones|files?)\s+(?:with|that\s+has|that\s+have|which\s+has)\s+"
                r"(?:something|content|text|data|anything)(?:\s+in\s+(?:it|them))?\s+(?:stays?|remains?|is\s+kept|are\s+kept|"
                r"can\s+stay)\b",
    "sort": r"\bfrom\s+(?:the\s+)?\w+est\s+to\s+(?:the\s+)?\w+est\b",
}


def set_aside(text: str, shapes: set[str], changed: set[str], demand: re.Pattern[str]) -> str:
    """``text`` with its symptom, purpose, chatter and preservation clauses and the positions ``shapes`` read blanked.
    A preservation clause stays when it names a path in ``changed`` or carries a ``demand`` word of its own."""
    for patterns in _ROLES.values():
        for pattern in patterns:
            text = re.sub(pattern, " ", text, flags=re.I)
    for pattern in _PRESERVE:
        paths = set() if pattern.startswith("(?#complement)") else changed  # its folder is the steps' own
        text = re.sub(pattern, lambda m, p=paths: _kept(m.group(0), p, demand), text, flags=re.I)
    text = re.sub(_STAY, " ", text, flags=re.I)  # tested as a fact of its own (stays_on)
    for shape in shapes:
        if shape in _POSITION:
            text = re.sub(_POSITION[shape], " ", text, flags=re.I)
    return text


def _kept(clause: str, changed: set[str], demand: re.Pattern[str]) -> str:
    """A preservation clause blanked, or kept as it is when it asks for something new."""
    words = re.sub(rf"\b(?:{_KEEPING})\b", " ", clause, flags=re.I)
    if demand.search(words) or any(re.search(rf"(?<![\w.-]){re.escape(p)}(?![\w-])", clause) for p in changed):
        return clause
    return " "


_STAY = r"\b(?:stay|remain|end\s+up|be)\s+on\s+(?:the\s+)?([\w][\w./-]*?)(?:\s+branch)?(?=[\s.,;:!?)]|$)"


def stays_on(task: str) -> str | None:
    """The branch the words say to stay or end up on ("stay on main", "you should end up on main"), if any."""
    m = re.search(_STAY, task, re.I)
    return m.group(1) if m else None


def unread_keep(text: str) -> bool:
    """Whether ``text`` (after ``set_aside``) still asks to keep or leave something: not proved."""
    return _UNREAD_KEEP.search(text) is not None


__all__ = ["set_aside", "stays_on", "unread_keep"]
