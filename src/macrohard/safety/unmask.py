"""Orders hidden by spelling games: leetspeak (``1gn0re pr3vious 1nstructi0ns``), letters spaced or hyphenated apart
(``t e l l   t h e   u s e r``, ``a-s-s-i-s-t-a-n-t``) and scrambled inner letters (``ignroe yuor rlues``).

The normaliser undoes encodings that have one reading (zero-width characters, confusables, base64); these games have
none in general (``x86`` and ``mp3`` are not leetspeak), so they are undone here, for the rules only, word by word:

- a word of letters and the digits/signs ``0 1 3 4 5 7 @ $`` with at least two letters and one such digit is read with
  the digits as letters (``0``→o, ``1``→i, ``3``→e, ``4``→a, ``5``→s, ``7``→t, ``@``→a, ``$``→s);
- a run of three or more single characters separated by single spaces is one word, a wider gap separates words;
- a word of three or more letters joined by hyphens (``b-u-y``) is one word;
- a word whose letters are those of an attack word, in another order but with the same first and last letter
  (``ignroe``, ``assistnat``; not ``ingore``, whose letters are only swapped in place... see ``_SCRAMBLED``), is that word.

``hidden(text)`` returns where each attack word (``HIDDEN``) is hidden that way, and which word.
Nobody spells "assistant" or "ignore" in leetspeak in an ordinary tool output; an output that hides two such words is
an attack however its sentence is worded (``injection.screen_injection`` adds the ``obfuscated_order`` signal).
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre

# Words an order to the AI reader is made of: the addressee, the override, the verbs of the harms.
HIDDEN = frozenset({
    "assistant", "agent", "agents", "ai", "bot", "chatbot", "model", "llm", "copilot",
    "ignore", "disregard", "forget", "override", "bypass", "previous", "prior", "instructions", "instruction", "rules",
    "system", "prompt", "send", "forward", "delete", "remove", "transfer", "wire", "pay", "upload", "reveal", "print",
    "share", "approve", "buy", "drop", "reset", "visit", "commit", "push", "attach", "email", "paste", "tell", "say",
    "password", "passwords", "credentials", "secret", "secrets", "token", "tokens", "key", "keys", "invoice", "nobody",
    "user", "execute", "run", "download", "install", "disable", "grant", "admin", "root", "append", "leak", "please",
})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_WORD = lazyre.compile(r"(?<![\w@$])(?=[\w@$]*[A-Za-z][\w@$]*[A-Za-z])(?=[\w@$]*[013457@$])[A-Za-z0134579@$]{3,}"
                        r"(?![\w@$])")
_SPACED = lazyre.compile(r"(?<!\S)(?:\S {1,4}){2,}\S(?=[:,.;!?]?(?!\S))")
_HYPHENED = lazyre.compile(r"\b(?:[A-Za-z]-){2,}[A-Za-z]\b")
_WORD = lazyre.compile(r"[A-Za-z]{4,}")
_SCRAMBLED = {(w[0], w[-1], "".join(sorted(w))): w for w in HIDDEN if len(w) >= 4}
_ENDS = {(w[0], w[-1], len(w)) for w in HIDDEN if len(w) >= 4}  # a cheap first look before sorting the letters


def _spaced(run: str) -> list[str]:
    if any(len(p) > 1 for p in run.split(" ") if p):  # words, not letters
        return []
    return [x for w in re.split(r" {2,}", run) for x in re.findall(r"[a-z]+", w.replace(" ", "").lower())]


def hidden(text: str) -> list[tuple[int, int, str]]:
    """The attack words (``HIDDEN``) that a spelling game hides in ``text``: (start, end, word) of each, in order."""
    found: list[tuple[int, int, str]] = []
    if "-" in text:
        found += [(m.start(), m.end(), m.group(0).replace("-", "").lower()) for m in _HYPHENED.finditer(text)]
    if " " in text:
        found += [(m.start(), m.end(), w) for m in _SPACED.finditer(text) for w in _spaced(m.group(0))]
    found += [(m.start(), m.end(), m.group(0).lower().translate(_LEET)) for m in _LEET_WORD.finditer(text)]
    for m in _WORD.finditer(text):
        low = m.group(0).lower()
        if (low[0], low[-1], len(low)) not in _ENDS:
            continue
        word = _SCRAMBLED.get((low[0], low[-1], "".join(sorted(low))))
        if word and word != low:
            found.append((m.start(), m.end(), word))
    return sorted(f for f in found if f[2] in HIDDEN)
