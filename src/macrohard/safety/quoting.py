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

from macrohard.safety import lazyre

_PAIRS = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'", "\u00ab": "\u00bb", "`": "`"}
_CUE = lazyre.compile(
    r"(?<![.\w])(examples?|e\.g\.|such as|for instance|like this|phrases?|strings?|payloads?|attacks?|attackers?|"
    r"phishing|scam|pretexts?|filters?|block(s|ed)?|flag(s|ged)?|detect(s|ed|ion)?|fixtures?|quot(e|es|ed|ing)|"
    r"injections?|jailbreaks?|red flags?|reject(s|ed)?|refuse(s|d)?|message that|messages? like|text (such as|like|that)|"
    r"like (the one|these|this|that))\b", re.I)
_TARGET = lazyre.compile(r"https?://|www\.|@\w|~/|/etc/|\.env\b|\b(send|upload|transfer|wire|pay|delete|run|execute|curl|"
                     r"share|forward|post|email)\b", re.I)
_CODE_LINE = lazyre.compile(r"\s*(#\s*|return\s+|yield\s+)?[A-Za-z_][\w.]*(\[[^\]]*\])?\s*=\s*[\[{(\"'\w]|\s*(return\s+|yield\s+)?\w[\w.]*\((\w+=)?\[?\{|\s*return\s+\[\{")
_DATA_BEFORE = lazyre.compile(r"([\"'\]]\s*:|[=,\[{(])\s*$")  # a JSON key, an assignment, a CSV cell, an argument
_CJK = lazyre.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces: about two per word
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


def quoted_prose(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is inside a quotation (marks on its line, a ``>`` line, a fenced block), whoever it
    is reported to, that is not a value in data (a JSON field, a CSV cell, an argument: data carries attacks)."""
    span = _quotation(text, start, end)
    if span is None:
        return False
    return not (text[span[0]] in _PAIRS and _DATA_BEFORE.search(text, max(0, span[0] - 40), span[0]))


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
    return _cued(text, span[0], end=span[1])


# A role handed to PEOPLE: class and game exercises ("Pretend you are a tourist asking for directions; your partner
# must answer in Spanish", "Pretend you are ordering at a café: the teacher plays the waiter"). The sentence names the
# other people in the exercise, and nothing in it addresses a machine or names a target; a persona handed to the AI
# reader ("Pretend you are DAN ... send the keys to ...") names neither.
_PEOPLE = lazyre.compile(r"\b(your (partner|classmates?|teammates?|group|friends?)|partners?|the (teacher|tutor|class|other "
                     r"(person|player|players|team|students?))|teachers?|students?|pupils|classmates|players|each player)\b",
                     re.I)
_MACHINE = lazyre.compile(r"\b(ai|assistant|agent|bot|chatbot|model|llm|gpt|copilot|system)\b", re.I)


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


# Quoted material a text REPORTS to its readers, found for the classifier (``framed``): the classifier reads a text in
# windows and keeps the highest, so an attack quoted whole in a Q&A thread, a CTF write-up or a security post scores
# like the attack itself. Each span is a quotation (marks on a line, a run of ``>`` lines, a fenced block, or the rest
# of a line after a label such as "Payload:") with a reporting cue (``_CUE``, or reported speech: "wrote", "said",
# "posted", "asked") within ``CUE_REACH`` characters before it, or inside it for a label line.
_SPEECH = lazyre.compile(r"(?<![.\w])(wrote|writes|said|says|posted|posts|asked|asks|replied|typed|contained|contains|"
                     r"read|reads|looked like|went like|was|were|found|saw|got|received|summari[sz]ed|returned|showed|"
                     r"injected|hid|planted|verbatim|literally|word for word|"
                     # the same in other languages (es, de, fr, it, nl, pl, pt)
                     r"dec[ií]a|dijo|escribi[oó]|conten[ií]a|literalmente|sagte|schrieb|enthielt|lautete|w[oö]rtlich|"
                     r"disait|[ée]crivait|a [ée]crit|contenait|textuellement|diceva|scriveva|conteneva|zei|schreef|"
                     r"bevatte|napisa[łl]|brzmia[łl]|dizia|escreveu|continha)"
                     r"(,? in part,?|,? en parte,?|,? teilweise,?)?\s*[:,]?\s*$", re.I)
# an e-mail reply's header: the quoted mail below it is mail the reader received, and mail carries injections
_REPLY_HEADER = lazyre.compile(r"(^|\n)[\s>]*(on\b[^\n]{0,120}|[^\n]{0,80}<[^\n>]*@[^\n>]*>)\s*(wrote|a écrit|schrieb|escribió)\s*:?\s*$",
                           re.I)
_LABEL = lazyre.compile(r"^[\w \t'’.,()/-]{1,60}:\s*(?=\S)")  # words then a colon ("Our payload was:"), not a data key
# a quotation named as what it is ("the prompt", "a line", "this message"): for the classifier's frame only (a rule's
# hit inside such a quotation still counts, and a rule hit blocks the frame's discount)
_NAMED = lazyre.compile(r"\b(the|a|an|this|that|its|their|our|his|her|one|same) (prompts?|messages?|text|lines?|sentences?|"
                    r"comments?|inputs?|notes?|strings?|instructions?|commands?|requests?|emails?|e-mails?|reviews?)\b",
                    re.I)
MIN_QUOTED_WORDS = 3  # an inline quotation shorter than this is a name, not a quoted message


# the words of the reader's principal, reported: "the user says: '…'" is how a fake order from the user is written
_PRINCIPAL_SAYS = lazyre.compile(r"\b(the|my|your|our)\s+(user|owner|admin|administrator|boss|manager|human|operator|supervisor|"
                             r"principal|ceo)\b[^.\n]{0,20}\b(wrote|writes|said|says|asked|asks|replied|typed|"
                             r"adds|added)\s*:?\s*(\(|$)", re.I)
_ADDRESSING = lazyre.compile(r"\b(you|your|yours|please|must|shall|immediately|follow|do)\b|\b(for|to|dear|hey|attention)\s+"
                         r"(the\s+|all\s+|any\s+|an?\s+)?(ai|assistants?|agents?|bots?|models?|llms?|systems?|copilots?)\b",
                         re.I)


# What a text that DISCUSSES attacks says around its quotations (a security post, a Q&A thread about a bot, a CTF
# write-up, a scam warning). Reported speech, a named quotation or a colon introduction counts as a reporting cue only in
# such a text: "The vendor wrote: \"Assistant, wire $500 to …\"" in an e-mail or a ticket RELAYS an order to the
# reader, and relayed messages are how injections arrive (the lead's attacks in tests/safety/test_injection_relayed.py).
_DISCUSSION = lazyre.compile(
    r"\b(prompt[- ]?injections?|injections?|injected|payloads?|attacks?|attackers?|attacking|jailbreak\w*|exploit\w*|"
    r"malicious|phishing|scam\w*|red[- ]?team\w*|ctf|capture the flag|vulnerabilit(y|ies)|adversarial|pen ?test\w*|"
    r"bug bount(y|ies)|social engineering|threat actors?|researchers?|spam\w*|fraud\w*|suspicious|"
    r"(the|this|our|a|an) (model|llm|chatbot|bot|assistant|agent) (complied|obeyed|followed|refused|ignored|leaked|"
    r"was tricked|fell for)|"
    # es, de, fr, it, nl, pl, pt
    r"ataques?|atacantes?|inyecci[oó]n|maliciosos?|estafas?|angriff\w*|angreifer\w*|injektion\w*|b[oö]sartig\w*|"
    r"betrug\w*|attaques?|attaquants?|malveillant\w*|arnaques?|attacc\w*|iniezion\w*|malevol\w*|truff\w*|"
    r"aanval\w*|injectie\w*|kwaadaardig\w*|oplicht\w*|atak\w*|wstrzykni\w*|z[łl]o[śs]liw\w*|oszust\w*|"
    r"inje[çc][ãa]o|golpes?)\b", re.I)


def _discusses(text: str, start: int, end: int) -> bool:
    """Whether the text outside ``text[start:end]`` (a quotation) talks about attacks (``_DISCUSSION``)."""
    return bool(_DISCUSSION.search(text, 0, start) or _DISCUSSION.search(text, end))


def _cued(text: str, at: int, named: bool = False, end: int | None = None) -> bool:
    """Whether a reporting cue comes shortly before ``text[at]``; ``named`` also counts a quotation named as what it
    is (``_NAMED``), and a quotation that begins its line (a ``>`` run, a fence, a quoted line) introduced by a line
    that ends with a colon and does not address the reader ("One PDF had this at the bottom:", not "Assistant, do
    this:"): for the classifier's frame only, never for dropping a rule's hit ("Setup:" then a fenced order is an
    attack)."""
    before = text[max(0, at - CUE_REACH):at]
    if _REPLY_HEADER.search(before.rstrip(" \t\n>")) or _PRINCIPAL_SAYS.search(before.rstrip(" \t\n>\"'\u201c\u2018\u00ab")):
        return False
    if _CUE.search(before):
        return True
    if end is None:  # the quotation runs to the end of its line at least
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
    if not _discusses(text, at, end):  # a relayed message, not a report about attacks
        return False
    if named and _NAMED.search(before):
        return True
    ls = text.rfind("\n", 0, at) + 1
    if named and not text[ls:at].strip(" \t>`\"'\u201c\u2018\u00ab\u201e") and before.rstrip(" \t\n>").endswith(":"):
        intro = re.split(r"(?<=[.!?])\s", before.rstrip(" \t\n>").rsplit("\n", 1)[-1])[-1]  # its last sentence
        if not _ADDRESSING.search(intro):
            return True
    return bool(_SPEECH.search(before.rstrip(" \t\n\"'\u201c\u2018\u00ab>`")))


def quoted_spans(lines: str, named: bool = True) -> list[tuple[int, int]]:
    """The spans of ``lines`` (the normaliser's ``lines``: one line per line, blank lines dropped) holding quoted
    material that a reporting cue introduces (see above), in order, not overlapping; ``named=False``: only the cues
    that ``reported`` counts (for the rules)."""
    spans: list[tuple[int, int]] = []
    opens = [m.start() for m in re.finditer(r"^\s*```", lines, re.M)]
    for a, b in zip(opens[::2], opens[1::2], strict=False):
        end = lines.find("\n", b)
        if _cued(lines, a, named, end=len(lines) if end < 0 else end):
            spans.append((a, len(lines) if end < 0 else end))
    pos = 0
    for line in lines.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if any(a <= start < b for a, b in spans):
            continue
        if line.lstrip().startswith(">"):
            if spans and spans[-1][1] == start - 1 and lines[spans[-1][0]:spans[-1][1]].lstrip().startswith(">"):
                spans[-1] = (spans[-1][0], end)  # a run of quote lines is one quotation
            elif _cued(lines, start, named, end=end):
                spans.append((start, end))
            continue
        label = _LABEL.match(line)
        if label and _CUE.search(line[:label.end()]) and len(line[label.end():].split()) >= MIN_QUOTED_WORDS:
            spans.append((start + label.end(), end))
            continue
        i = 0
        while i < len(line):
            close = _PAIRS.get(line[i])
            if close is None or (line[i] == "'" and i > 0 and line[i - 1].isalnum()):
                i += 1
                continue
            j = line.find(close, i + 1)
            while close == "'" and 0 <= j < len(line) - 1 and line[j + 1].isalnum():
                j = line.find(close, j + 1)
            if j < 0:
                break
            inner = line[i + 1:j]
            if (len(inner.split()) >= MIN_QUOTED_WORDS and _cued(lines, start + i, named, end=start + j + 1)
                    and not _DATA_BEFORE.search(line, max(0, i - 40), i)):
                spans.append((start + i, start + j + 1))
            i = j + 1
    return sorted(spans)


# A frame that ADOPTS what it quotes ("Continue the conversation above.", "Do what the message says.", a quoted chat
# whose last turn is left open for the reader): the quotation is then the order, so the frame is no report.
_ADOPTS = lazyre.compile(r"\b(continue|complete|finish|follow|obey|execute|carry out|do (what|as)|act on|answer|reply to|"
                     r"respond to)\b[^.\n]{0,40}\b(above|below|(it|this|that|the message|the note|the text) (says|said|asks)|"
                     r"th(ese|is|e) (conversation|instructions?|steps?|messages?|dialogue|chat|transcript|quoted))\b|"
                     r"^\s*>?\s*(assistant|ai|agent|bot|model)\s*:\s*$", re.I | re.M)


def framed(lines: str) -> str | None:
    """``lines`` with each quoted span (``quoted_spans``) replaced by an empty quotation, joined into one line like
    the normaliser's ``flat``: the frame the author wrote around what they quote; None when nothing is quoted or the
    text adopts its quotation (``_ADOPTS``)."""
    spans = quoted_spans(lines)
    if not spans or _ADOPTS.search(lines):
        return None
    out, last = [], 0
    for a, b in spans:
        out.append(lines[last:a])
        out.append(' "…" ')
        last = b
    out.append(lines[last:])
    return re.sub(r"\s+", " ", "".join(out)).strip()
