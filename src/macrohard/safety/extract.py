"""The constrained extractor: untrusted content reduced to its data (issue 17, part 3: ``deliver: extract``).

``fence`` gives the model everything and quotes what the injection screen flags; an instruction the screen
misses still reads as text. ``extract`` gives the model only what it can check is data: table cells, short
labels and names, ``key: value`` fields, JSON leaves, numbers, dates, addresses, links, and plain declarative
English sentences. A sentence is withheld, and a ``[withheld]`` mark left in its place, when it

- is imperative (it starts with a verb, or says please, never, always, make sure, don't ...),
- speaks to the reader (you, your) or to an assistant, AI, agent, model or bot,
- talks about instructions, prompts or rules to follow or ignore,
- is flagged by the injection screen on its own, or
- cannot be read as English (another language, spaced or encoded letters): what the extractor cannot
  check, it does not pass.

Short fragments (at most five words: a cell, a heading, a button's name such as "Add to cart") are kept
unless they carry the words of an injection, so a page stays usable: its element ids survive. The price is
prose a task needs (steps in a README the user asked to follow are withheld too), which is why the policy
chooses the delivery per source. Pure text processing: no model, linear time.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

LIMIT = 200_000  # characters read; the rest is cut and the model is told
MAX_LEAVES = 2000  # JSON leaves listed
FRAGMENT_WORDS = 5
WITHHELD = "[withheld]"

_VERBS = set("""
accept access activate add allow append apply approve archive ask attach authorize back book bring browse buy call
cancel change charge check choose clear click clone close collect commit compile complete configure confirm connect
contact continue copy create curl cut decrypt delete deploy describe disable disclose display do download drop dump
edit email emit enable encode encrypt enter erase exec execute expose export extract fetch fill find fix follow forget
format forward get give go grant help hide ignore include insert install invite keep kill launch leave let list load
locate log look make mark merge message modify move navigate note notify obey open output override overwrite paste
pay permit ping place post pretend print proceed provide publish pull purchase push put query read reboot record
redirect refund register reload remember remove rename render reply report request reset respond restart restore
retrieve return reveal review rewrite rm run save say schedule scp search select send set share show sign skip sort
ssh start stop store submit summarise summarize switch sync take tell transfer translate treat trigger turn type
unlock update upload use verify visit wget wipe write
""".split())
_LEADERS = {"then", "now", "also", "and", "first", "next", "finally", "immediately", "kindly", "just", "quickly",
            "afterwards", "after", "that", "so", "next,", "simply", "urgently", "secretly", "quietly"}
_DIRECTIVE = re.compile(
    r"\b(please|kindly|must|shall|should|need(?:s)? to|ha(?:ve|s) to|required to|make sure|be sure|ensure|remember to|"
    r"don'?t|do not|never|always|from now on|going forward|instead|"
    r"instructions?|prompts?|system message|guidelines?|rules?|directive|ignore|disregard|override|pretend|act as|"
    r"role-?play|jailbreak|developer mode|admin mode)\b", re.I)
_READER = re.compile(
    r"\b(you|your|yours|yourself|u|ur|assistants?|chatbots?|ai|a\.i\.|agents?|llms?|language models?|models?|bots?|"
    r"gpt|copilot|claude|gemini)\b", re.I)
_INJECTION_WORDS = re.compile(
    r"\b(ignore|disregard|override|instructions?|system prompt|assistant|ai agent|jailbreak|exfiltrat\w*|"
    r"api[ _-]?keys?|passwords?|credentials?|ssh|id_rsa|secrets?)\b", re.I)
_SENDING = re.compile(
    r"\b(send|sent|sending|upload\w*|post|posted|posting|forward\w*|e-?mail\w*|mail|mailed|transfer\w*|pay|paid|"
    r"paying|delete\w*|remove\w*|cop(?:y|ied|ying)|shar(?:e|ed|ing)|curl|wget|push\w*|exfiltrat\w*|leak\w*|"
    r"submit\w*|publish\w*|sync\w*)\b", re.I)
_TARGET = re.compile(r"(?:\w+://|www\.|[\w.+-]+@[\w-]+\.|~/|/\w+/|\b[\w-]+\.(?:txt|md|csv|json|env|pem|key|ya?ml|"
                     r"conf|cfg|ini|db|sqlite|log|py|sh|pdf|docx?|xlsx?|zip)\b|\.ssh|\.env\b)", re.I)
_TASKLIKE = re.compile(r"\b(next step|the (?:real |actual |new )?task|your job|(?:is|are) to \w+|needs? to be|"
                       r"(?:is|are) (?:required|expected|supposed) to)\b", re.I)
_ENGLISH = set("the of to and is are was were for with this that from it be has have will on at by as or which its "
               "their there been not but can than into our we they he she his her them these those who when".split())
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ARIA = re.compile(r"^(\s*-\s+[\w-]+(?:\s+\"(?:[^\"\\]|\\.)*\")?(?:\s+\[[^\]]*\])*)(:\s*)(.*)$")
_KEY_VALUE = re.compile(r"^(\s*[-*]?\s*[\w .\-/()#\[\]]{1,60}?:\s+)(.+)$")
_CELL = re.compile(r"(\s*(?:\||\t)\s*)")
_OWN_LINES = ("Page (element ids in brackets",)  # the browser environment's own header line, not page text


@dataclass(frozen=True)
class Extract:
    text: str
    kept: int  # text pieces passed
    withheld: int  # sentences or pieces withheld
    truncated: bool


def extract(text: str) -> Extract:
    """``text`` reduced to its data; each withheld piece leaves a ``[withheld]`` mark in its place."""
    truncated = len(text) > LIMIT
    text = text[:LIMIT]
    lines = _json_lines(text)
    if lines is None:
        lines = _html_lines(text) or text.splitlines()
    pieces = [piece for line in lines for piece in _pieces(line) if isinstance(piece, _Text)]
    flagged = _flagged([p.text for p in pieces if p.words > FRAGMENT_WORDS or _INJECTION_WORDS.search(p.text)])
    out: list[str] = []
    kept = withheld = 0
    for line in lines:
        parts: list[str] = []
        for piece in _pieces(line):
            if not isinstance(piece, _Text):
                parts.append(piece)
                continue
            text_out, k, w = _filter(piece.text, flagged)
            parts.append(text_out)
            kept, withheld = kept + k, withheld + w
        joined = "".join(parts).rstrip()
        if joined or (out and out[-1]):
            out.append(joined)
    return Extract("\n".join(out).strip("\n"), kept, withheld, truncated)


@dataclass(frozen=True)
class _Text:
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _pieces(line: str) -> list[str | _Text]:
    """A line as structure (kept as it is) and text pieces (filtered): an accessibility snapshot's role,
    quoted name and ids; a key and its value; table cells; or the whole line."""
    if line.startswith(_OWN_LINES):
        return [line]
    aria = _ARIA.match(line)
    if aria:
        return [*_quoted(aria.group(1)), aria.group(2), *([_Text(aria.group(3))] if aria.group(3) else [])]
    if line.lstrip().startswith("- ") and _QUOTED.search(line):
        return _quoted(line)
    cells = _CELL.split(line)
    if len(cells) >= 3:  # a table row: separators kept, each cell filtered
        return [part if i % 2 else _Text(part) for i, part in enumerate(cells) if part]
    kv = _KEY_VALUE.match(line)
    if kv and len(kv.group(1).split()) <= 4:
        return [kv.group(1), _Text(kv.group(2))]
    return [_Text(line)] if line.strip() else [""]


def _quoted(structure: str) -> list[str | _Text]:
    out: list[str | _Text] = []
    last = 0
    for m in _QUOTED.finditer(structure):
        out += [structure[last:m.start()] + '"', _Text(m.group(1)), '"']
        last = m.end()
    return [*out, structure[last:]]


def _filter(text: str, flagged: set[str]) -> tuple[str, int, int]:
    """The text with each sentence kept or replaced by the withheld mark: (text, kept, withheld). Judged and
    given as the screen reads it: invisible characters removed, look-alike letters mapped, base64 decoded."""
    from macrohard.safety.normalize import normalise

    lead = text[: len(text) - len(text.lstrip())]
    text = lead + normalise(text).flat if text.strip() else text
    if len(text.split()) <= FRAGMENT_WORDS and not _foreign(text):
        ok = not (_INJECTION_WORDS.search(text) or _acts_on_target(text)) and text not in flagged
        return (text, 1, 0) if ok else (WITHHELD, 0, 1)
    out, kept, withheld = [], 0, 0
    for sentence in _SENTENCE.split(text.strip()):
        if _plain_statement(sentence) and sentence not in flagged and text not in flagged:
            out.append(sentence)
            kept += 1
        else:
            if not out or out[-1] != WITHHELD:
                out.append(WITHHELD)
            withheld += 1
    return lead + " ".join(out), kept, withheld


def _plain_statement(sentence: str) -> bool:
    """True for a declarative English sentence that tells nobody to do anything."""
    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", sentence)
    if len(sentence.split()) <= FRAGMENT_WORDS and not _foreign(sentence):
        return not (_INJECTION_WORDS.search(sentence) or _acts_on_target(sentence))
    letters = [c for c in sentence if c.isalpha()]
    if not letters or _foreign_letters(sentence) / len(letters) > 0.05:
        return False  # another script: not checked, not passed
    lower = [w.lower().strip(".'’") for w in words]
    if sum(w in _ENGLISH for w in lower) < max(1, len(lower) // 10):
        return False  # not readable as English (another language, spaced letters, code)
    first = next((w for w in lower if w not in _LEADERS), "")
    if first in _VERBS or sentence.rstrip().endswith("!"):
        return False
    return not (_DIRECTIVE.search(sentence) or _READER.search(sentence) or _TASKLIKE.search(sentence)
                or _acts_on_target(sentence))


def _acts_on_target(text: str) -> bool:
    """Sending, copying or deleting something with a place named: a URL, an address, a path or a file."""
    return bool(_SENDING.search(text) and _TARGET.search(text))


def _foreign_letters(text: str) -> int:
    """Letters outside ASCII (a label such as "Über uns" has one; Chinese text counts each character)."""
    return sum(1 for c in text if c.isalpha() and not c.isascii())


def _foreign(text: str) -> bool:
    """A fragment in another script: more than three such letters, and over 20 % of its letters."""
    letters = sum(1 for c in text if c.isalpha())
    return _foreign_letters(text) > 3 and _foreign_letters(text) > 0.2 * letters


def _flagged(texts: list[str]) -> set[str]:
    """The pieces the injection screen flags on their own (one vectorised pass)."""
    if not texts:
        return set()
    from macrohard.safety.injection import flagged_lines

    flat = [t.replace("\n", " ") for t in texts]
    return {texts[flat.index(line)] for line in flagged_lines("\n".join(flat), limit=len(flat)) if line in flat}


_HTML = re.compile(r"<(?:html|body|p|div|table|h[1-6]|ul|ol|li|span|a|br|td)\b", re.I)
_DROP = re.compile(r"<!--.*?(?:-->|$)|<(script|style|template)\b.*?(?:</\1\s*>|$)", re.I | re.S)
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|tr|br|table|ul|ol|section|article|header|footer|nav|form|title|"
                    r"blockquote|pre|dt|dd|hr)\b[^>]*>", re.I)
_CELL_TAG = re.compile(r"<t[dh]\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def _html_lines(text: str) -> list[str] | None:
    """An HTML document as the lines of text a reader sees (comments and scripts dropped; cells as a table row),
    or None when the text is not HTML."""
    if not _HTML.search(text):
        return None
    body = _DROP.sub(" ", text)
    body = _CELL_TAG.sub(" | ", _BLOCK.sub("\n", body))
    body = html.unescape(_ANY_TAG.sub(" ", body))
    body = _INVISIBLE.sub("", unicodedata.normalize("NFKC", body))
    lines = [" ".join(line.split()).strip(" |") for line in body.splitlines()]
    return [line for line in lines if line]


def _json_lines(text: str) -> list[str] | None:
    """A JSON document as ``path: value`` lines (its leaves), or None when the text is not JSON."""
    body = text.strip()
    if not body or body[0] not in "[{":
        return None
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    lines: list[str] = []

    def walk(node: Any, path: str) -> None:
        if len(lines) >= MAX_LEAVES:
            return
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")
        else:
            value = node if isinstance(node, str) else json.dumps(node)
            lines.append(f"{path or 'value'}: {' '.join(str(value).split())}")

    walk(doc, "")
    return lines
