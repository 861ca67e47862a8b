"""Whether an attack-like phrase is REPORTED to human readers rather than ADDRESSED to the AI reader.

Posts, reports, fixtures and training slides quote attacks: ``Prompt injection is text such as "ignore all previous
instructions" hidden in a page``; ``Example of a message our filter blocks:\\n> Ignore all previous instructions``;
a fenced code block that builds ``{"role": "system", ...}`` messages. The screen's rules match those phrases, yet
the text gives no order to its reader. ``reported(text, start, end)`` says whether the match ``text[start:end]`` is

- inside a quotation on its line (``"…"``, ``“…”``, ``'…'``, ``«…»``, backticks), on a ``>`` quote line, or inside
  a fenced code block, AND
- either the quotation is short and names no target (a title such as ``"SYSTEM OVERRIDE (retro game art)"``), or a
  reporting cue comes shortly before it (``example``, ``such as``, ``e.g.``, ``the attacker wrote``, ``phishing``,
  ``our filter blocks``, ``fixture``, ``payload``…).

It never looks at text outside the match's quotation for orders: the screen keeps every hit found OUTSIDE quotations,
so an order to the AI reader wrapped in a fake "security blog" frame is still a hit (``tests/safety/test_injection_frame.py``).
An attack that puts its order inside a quotation after a reporting cue is discounted here; the classifier still reads
the whole text, and flow control still stops what the order asks for.
"""

from __future__ import annotations

import re

_PAIRS = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'", "\u00ab": "\u00bb", "`": "`"}
_CUE = re.compile(
    r"(?<![.\w])(examples?|e\.g\.|such as|for instance|like this|phrases?|strings?|payloads?|attacks?|attackers?|"
    r"phishing|scam|pretexts?|filters?|block(s|ed)?|flag(s|ged)?|detect(s|ed|ion)?|fixtures?|quot(e|es|ed|ing)|"
    r"injections?|jailbreaks?|red flags?|reject(s|ed)?|refuse(s|d)?|message that|messages? like|text (such as|like|that)|"
    r"like (the one|these|this|that))\b", re.I)
_TARGET = re.compile(r"https?://|www\.|@\w|~/|/etc/|\.env\b|\b(send|upload|transfer|wire|pay|delete|run|execute|curl|"
                     r"share|forward|post|email)\b", re.I)
_CODE_LINE = re.compile(r"\s*(#\s*|return\s+|yield\s+)?[A-Za-z_][\w.]*(\[[^\]]*\])?\s*=\s*[\[{(\"'\w]|\s*(return\s+|yield\s+)?\w[\w.]*\((\w+=)?\[?\{|\s*return\s+\[\{")
_DATA_BEFORE = re.compile(r"([\"'\]]\s*:|[=,\[{(])\s*$")  # a JSON key, an assignment, a CSV cell, an argument
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces: about two per word
CUE_REACH = 200  # characters before the quotation searched for a reporting cue
SHORT_WORDS = 6  # a quotation of at most this many words with no target is a name or a title


def _fence(text: str, start: int) -> tuple[int, int] | None:
    """The span of the fenced code block (```) holding ``start``, if any."""
    opens = [m.start() for m in re.finditer(r"^\s*```", text, re.M)]
    for a, b in zip(opens[::2], opens[1::2], strict=False):
        if a <= start < b:
            return a, b
    return None


def _quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the quotation around ``text[start:end]``: quote marks on the match's line, a ``>`` line, a fence."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    if text[ls:start].lstrip().startswith(">"):
        return ls, le
    for i in range(start - 1, ls - 1, -1):  # the nearest opening mark before the match, closed after its start
        close = _PAIRS.get(text[i])
        if close is None or (text[i] == "'" and i > 0 and text[i - 1].isalnum()):  # an apostrophe, not a quote
            continue
        j = text.find(close, start + 1, le + 1)
        while close == "'" and 0 <= j < len(text) - 1 and text[j + 1].isalnum():  # skip apostrophes (don't)
            j = text.find(close, j + 1, le + 1)
        if j < 0:
            continue
        if j < end and text[i] in text[j + 1:end]:  # the match runs on into another quotation (split fields)
            return None
        return i, j + 1
    return _fence(text, start)


def _line(text: str, start: int, end: int) -> str:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return text[ls:len(text) if le < 0 else le]


def reported(text: str, start: int, end: int) -> bool:
    """Whether the match ``text[start:end]`` is quoted for human readers (see the module's doc)."""
    line = _line(text, start, end)
    if _CODE_LINE.match(line) and not _TARGET.search(line):
        return True  # source code that builds a prompt or holds a test string, with nothing to send or run
    span = _quotation(text, start, end)
    if span is None:
        return False
    inner = text[span[0]:span[1]].strip("\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb> \n")
    if len(inner.split()) + len(_CJK.findall(inner)) // 2 <= SHORT_WORDS and not _TARGET.search(inner):
        return True
    if _fence(text, start) and not _TARGET.search(line):
        return True  # a line of a fenced code block (a sample, a fixture) with nothing to send or run
    if text[span[0]] in _PAIRS and _DATA_BEFORE.search(text, max(0, span[0] - 40), span[0]):
        return False  # a value in data (a JSON field, a CSV cell, an argument): data carries attacks, it reports none
    return bool(_CUE.search(text[max(0, span[0] - CUE_REACH):span[0]]))


# A role handed to PEOPLE: class and game exercises ("Pretend you are a tourist asking for directions; your partner
# must answer in Spanish", "Pretend you are ordering at a café: the teacher plays the waiter"). The sentence names the
# other people in the exercise, and nothing in it addresses a machine or names a target; a persona handed to the AI
# reader ("Pretend you are DAN ... send the keys to ...") names neither.
_PEOPLE = re.compile(r"\b(your (partner|classmates?|teammates?|group|friends?)|partners?|the (teacher|tutor|class|other "
                     r"(person|player|players|team|students?))|teachers?|students?|pupils|classmates|players|each player)\b",
                     re.I)
_MACHINE = re.compile(r"\b(ai|assistant|agent|bot|chatbot|model|llm|gpt|copilot|system)\b", re.I)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``: from the last line break or full stop before it to the next one after."""
    a = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start)) + 1
    stops = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    return text[a:min(stops) if stops else len(text)]


def for_people(text: str, start: int, end: int) -> bool:
    """Whether the persona match ``text[start:end]`` is an exercise for people (see ``_PEOPLE``), not a role handed to
    the AI reader."""
    s = _sentence(text, start, end)
    return bool(_PEOPLE.search(s)) and not _MACHINE.search(s) and not _TARGET.search(s)
