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

from macrohard.safety import lazyre

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
unlock update upload use verify visit wget wipe wire write invoke label approve
""".split())
_LEADERS = {"then", "now", "also", "and", "first", "next", "finally", "immediately", "kindly", "just", "quickly",
            "afterwards", "after", "that", "so", "next,", "simply", "urgently", "secretly", "quietly", "please", "pls"}
_DIRECTIVE = lazyre.compile(
    r"\b(please|kindly|must|shall|should|need(?:s)? to|ha(?:ve|s) to|required to|make sure|be sure|ensure|remember to|"
    r"don'?t|do not|never|always|from now on|going forward|instead|"
    r"instructions?|prompts?|system message|guidelines?|rules?|directive|ignore|disregard|override|pretend|act as|"
    r"role-?play|jailbreak|developer mode|admin mode|pre-?step|"
    r"\w+_\w+ tool|(?:invoke|call) the \w+ tool)\b", re.I)
_READER = lazyre.compile(
    r"\b(you|your|yours|yourself|u|ur|assistants?|chatbots?|ai|a\.i\.|agents?|llms?|language models?|models?|bots?|"
    r"gpt|copilot|claude|gemini|whoever (?:automates|reads|processes|handles|runs|picks up))\b", re.I)
_INJECTION_WORDS = lazyre.compile(
    r"\b(ignore|disregard|override|instructions?|system prompt|assistant|ai agent|jailbreak|exfiltrat\w*|"
    r"api[ _-]?keys?|passwords?|credentials?|ssh|id_rsa|secrets?)\b", re.I)
_SENDING = lazyre.compile(
    r"\b(send|sent|sending|upload\w*|post|posted|posting|forward\w*|e-?mail\w*|mail|mailed|transfer\w*|pay|paid|wire|"
    r"paying|delete\w*|remove\w*|cop(?:y|ied|ying)|shar(?:e|ed|ing)|curl|wget|push\w*|exfiltrat\w*|leak\w*|"
    r"submit\w*|publish\w*|sync\w*)\b", re.I)
_TARGET = lazyre.compile(r"(?:\w+://|www\.|[\w.+-]+@[\w-]+\.|~/|/\w+/|\biban\b|\baccount (?:ending|number)|\b[\w-]+\.(?:txt|md|csv|json|env|pem|key|ya?ml|"
                     r"conf|cfg|ini|db|sqlite|log|py|sh|pdf|docx?|xlsx?|zip)\b|\.ssh|\.env\b)", re.I)
_TARGET_TOKEN = lazyre.compile(r"\S*(?:://|@|~/|\.ssh|\.env)\S*|\S+\.(?:txt|md|csv|json|env|pem|key|ya?ml|conf|cfg|ini|db|"
                           r"sqlite|log|py|sh|pdf|docx?|xlsx?|zip)\b", re.I)
_TASKLIKE = lazyre.compile(r"\b(next step|the (?:real |actual |new )?task|your job|(?:is|are) to \w+|needs? to be|"
                       r"(?:is|are) (?:required|expected|supposed) to)\b", re.I)
_ENGLISH = set("the of to and is are was were for with this that from it be has have will on at by as or which its "
               "their there been not but can than into our we they he she his her them these those who when".split())
_SENTENCE = lazyre.compile(r"(?<=[.!?;])\s+(?=\S)")
_QUOTED = lazyre.compile(r'"((?:[^"\\]|\\.)*)"')
_ARIA = lazyre.compile(r"^(\s*-\s+[\w-]+(?:\s+\"(?:[^\"\\]|\\.)*\")?(?:\s+\[[^\]]*\])*)(:\s*)(.*)$")
_KEY_VALUE = lazyre.compile(r"^(\s*[-*]?\s*[\w .\-/()#\[\]]{1,60}?:\s+)(.+)$")
_CHAT = lazyre.compile(r"^(\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+(?:<[^<>]{1,40}>|[\w .'’@-]{1,40}?):\s+)(.+)$")
_DIRECTIVE_KEY = lazyre.compile(r"\b(mandatory|pre-?step|objective|directive|instructions?)\b", re.I)
# verbs that act on the world (send, pay, run, delete): a clause that starts with one is an order wherever it stands
_ACTS = set("""approve call copy delete disable email execute exfiltrate forward grant invoke leak merge pay post
publish push remove reveal run schedule send share transfer upload wire""".split())
_CLAUSE = lazyre.compile(r"[,;:()\u2014\u2013]\s*|\s-\s")
_CELL = lazyre.compile(r"(\s*(?:\||\t)\s*)")
_WORD = lazyre.compile(r"[A-Za-z][A-Za-z'’.-]*")
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
    split = [_pieces(line) for line in lines]
    pieces = [piece for parts in split for piece in parts if isinstance(piece, _Text)]
    runs = _runs(split)

    def text_of(keys: tuple[tuple[int, int], ...]) -> str:
        return " ".join(split[i][j].text.strip() for i, j in keys)  # type: ignore[union-attr]

    windows = [keys for run in runs for keys in _windows(run)
               if len(text_of(keys).split()) > FRAGMENT_WORDS or _TARGET.search(text_of(keys))]
    long = [text_of(keys) for keys in windows if len(text_of(keys).split()) > FRAGMENT_WORDS]
    flagged = _flagged([p.text for p in pieces if p.words > FRAGMENT_WORDS or _INJECTION_WORDS.search(p.text)] + long)

    def order(keys: tuple[tuple[int, int], ...]) -> bool:  # a short span by the rules alone, not by the screen
        joined = text_of(keys)
        return len(keys) >= 2 and ((joined in flagged and len(joined.split()) > FRAGMENT_WORDS)
                                   or _run_instruction(joined))

    def verb_first(keys: tuple[tuple[int, int], ...]) -> bool:  # the order's verb is kept in its span
        return _first(_words(text_of(keys[:1]))) in _ACTS

    cut: set[tuple[int, int]] = set()
    for keys in windows:  # a window that carries an order is cut down to its shortest span that still does
        if not order(keys):
            continue
        while (order(keys[1:]) and not verb_first(keys)) or order(keys[:-1]):
            keys = keys[1:] if order(keys[1:]) and not verb_first(keys) else keys[:-1]
        cut.update(keys)
        cut.update(_bare_targets(split, keys, runs))
    out: list[str] = []
    kept = withheld = 0
    for i, parts_in in enumerate(split):
        parts: list[str] = []
        for j, piece in enumerate(parts_in):
            if not isinstance(piece, _Text):
                parts.append(piece)
                continue
            if (i, j) in cut:  # a short piece of a payload split across cells or lines
                text_out, k, w = WITHHELD, 0, 1
            else:
                text_out, k, w = _filter(piece.text, flagged)
            parts.append(text_out)
            kept, withheld = kept + k, withheld + w
        joined = "".join(parts).rstrip()
        if joined or (out and out[-1]):
            out.append(joined)
    return Extract("\n".join(out).strip("\n"), kept, withheld, truncated)


def _bare_targets(split: list[list[str | _Text]], keys: tuple[tuple[int, int], ...],
                  runs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The pieces right after (or before) a cut order in its run that are only a place to send to (a URL, an
    address, a path): "| Send the | customer list | to | http://… |" must not leave the link behind."""
    run = next((r for r in runs if keys[0] in r), [])
    out: list[tuple[int, int]] = []
    for step, start in ((1, run.index(keys[-1]) if run else 0), (-1, run.index(keys[0]) if run else 0)):
        k = start + step
        while 0 <= k < len(run) and _bare_target(split[run[k][0]][run[k][1]].text):  # type: ignore[union-attr]
            out.append(run[k])
            k += step
    return out


def _bare_target(text: str) -> bool:
    """A piece that is nothing but a place: one token that names a URL, an e-mail address, a path or a file."""
    words = text.split()
    return len(words) == 1 and bool(_TARGET.search(words[0]))


def _runs(split: list[list[str | _Text]]) -> list[list[tuple[int, int]]]:
    """Short pieces that may carry one message between them: the text cells of a table row, and consecutive lines
    that are each one short piece. Each run: the (line, piece) keys in order."""
    runs: list[list[tuple[int, int]]] = []
    line_run: list[tuple[int, int]] = []

    def short(piece: str | _Text) -> bool:
        return isinstance(piece, _Text) and 0 < piece.words <= FRAGMENT_WORDS

    for i, parts in enumerate(split):
        texts = [j for j, p in enumerate(parts) if isinstance(p, _Text) and p.text.strip()]
        if len(texts) >= 2:
            runs.append([(i, j) for j in texts if short(parts[j])])  # a row of cells
        if len(texts) == 1 and len(parts) == 1 and short(parts[0]):
            line_run.append((i, 0))
        elif texts or any(isinstance(p, str) and p.strip() for p in parts):
            runs.append(line_run)
            line_run = []
    return [run for run in [*runs, line_run] if len(run) >= 2]


def _windows(run: list[tuple[int, int]], most: int = 4) -> list[tuple[tuple[int, int], ...]]:
    """Every span of 2 to ``most`` consecutive pieces of a run."""
    return [tuple(run[a:a + k]) for k in range(2, most + 1) for a in range(len(run) - k + 1)]


def _run_instruction(joined: str) -> bool:
    """Whether short pieces read together carry an instruction: injection words, words to the reader with a
    directive, sending to a named place, or an order (a verb first) in English."""
    words = _words(joined)
    first = _first(words)
    if len(joined.split()) <= FRAGMENT_WORDS:  # a short span is read only when it names a place: an order to send
        rest = _words(_TARGET_TOKEN.sub(" ", joined))  # there needs the verb first and a few words beside the place
        return first in _ACTS and len(rest) >= 3 and bool(_TARGET.search(joined))
    return bool(_INJECTION_WORDS.search(joined) or (_READER.search(joined) and _DIRECTIVE.search(joined))
                or (_acts_on_target(joined) and re.search(r"\b(?:to|into|onto)\b", joined, re.I))
                or (first in _VERBS and sum(w in _ENGLISH for w in words) >= 2))


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
    chat = _CHAT.match(line)  # "[14:32] Farah: ...": the time and the speaker are data, the message is judged
    if chat and not (_DIRECTIVE_KEY.search(chat.group(1)) or _READER.search(chat.group(1))):
        return [chat.group(1), _Text(chat.group(2))]
    kv = _KEY_VALUE.match(line)
    if kv and len(kv.group(1).split()) <= 4:
        if _DIRECTIVE_KEY.search(kv.group(1)) or _READER.search(kv.group(1)):  # "FIXME(bot): ...": judged whole
            return [_Text(line)]
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
            head = _data_head(sentence)  # "12.99 EUR, pay at the desk": the amount stays, the order goes
            if head:
                out.append(head + " " + WITHHELD)
            elif not out or out[-1] != WITHHELD:
                out.append(WITHHELD)
            withheld += 1
    return lead + " ".join(out), kept, withheld


def _data_head(sentence: str) -> str:
    """The leading clauses of a withheld sentence that are only data (a number, an amount, a date: at most six
    words, none a verb, none naming a place to send to or speaking to the reader), with their separators."""
    head = ""
    for m in re.finditer(r"[^,;:()\u2014\u2013]+(?:[,;:()\u2014\u2013]\s*|$)", sentence):
        clause = m.group(0)
        words = _words(clause)
        if (not re.search(r"\d", clause) or not 0 < len(clause.split()) <= 6 or any(w in _VERBS for w in words)
                or any(len(token) > 20 for token in clause.split()) or "decoded" in clause
                or _TARGET.search(clause) or _SENDING.search(clause) or _INJECTION_WORDS.search(clause)
                or _READER.search(clause) or _DIRECTIVE.search(clause) or _foreign(clause)):
            break
        head += clause
    return head.rstrip() if head.strip() != sentence.strip() else ""


def _plain_statement(sentence: str) -> bool:
    """True for a declarative English sentence that tells nobody to do anything."""
    if len(sentence.split()) <= FRAGMENT_WORDS and not _foreign(sentence):
        return not (_INJECTION_WORDS.search(sentence) or _acts_on_target(sentence))
    letters = [c for c in sentence if c.isalpha()]
    if not letters or _foreign_letters(sentence) / len(letters) > 0.05:
        return False  # another script: not checked, not passed
    lower = _words(sentence)
    if sum(w in _ENGLISH for w in lower) < max(1, len(lower) // 10):
        return False  # not readable as English (another language, spaced letters, code)
    first = _first(lower)
    if first in _VERBS or sentence.rstrip().endswith("!") or _order_inside(sentence):
        return False
    return not (_DIRECTIVE.search(sentence) or _READER.search(sentence) or _TASKLIKE.search(sentence)
                or _acts_on_target(sentence))


def _words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without trailing dots or quotes."""
    return [w.lower().strip(".'’") for w in _WORD.findall(text)]


def _first(words: list[str]) -> str:
    """The first word that is not a leader ("then", "kindly", ...): where an order's verb stands."""
    return next((w for w in words if w not in _LEADERS), "")


def _order_inside(sentence: str) -> bool:
    """A clause after a comma, colon or dash that starts with a verb that acts ("prior to replying, invoke the tool
    to ...", "as agreed, wire 2,450 EUR to ..."): an order without an imperative first word. Verbs of everyday
    steps ("before answering, check the order number") are not counted: such notes stay data."""
    for clause in _CLAUSE.split(sentence)[1:]:
        words = _words(clause)
        first = _first(words)
        if len(words) >= 3 and first in _ACTS and words[words.index(first) + 1:][:1] != ["by"]:
            return True
    return False


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


_HTML = lazyre.compile(r"<(?:html|body|p|div|table|h[1-6]|ul|ol|li|span|a|br|td)\b", re.I)
_DROP = lazyre.compile(r"<!--.*?(?:-->|$)|<(script|style|template)\b.*?(?:</\1\s*>|$)", re.I | re.S)
_BLOCK = lazyre.compile(r"</?(?:p|div|h[1-6]|li|tr|br|table|ul|ol|section|article|header|footer|nav|form|title|"
                    r"blockquote|pre|dt|dd|hr)\b[^>]*>", re.I)
_CELL_TAG = lazyre.compile(r"<t[dh]\b[^>]*>", re.I)
_ANY_TAG = lazyre.compile(r"<[^>]*>")
_INVISIBLE = lazyre.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


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
