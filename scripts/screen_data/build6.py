"""Converts screen6's hand-written tool outputs (``injection_hand6.txt``) into ``injection_train6.jsonl``.

No generation and no randomness: each ``=== STYLE SOURCE`` block is one text; the part marked ``⟦...⟧`` is the
injection, and the same text without it is its twin negative (a block without a mark is a negative). A payload
written ``B64:words``, ``HEX:words`` or ``ROT13:words`` (up to a quote, the end of the mark or the line) is written
out encoded, as an attacker would hide it.

    python scripts/screen_data/build6.py            # rewrite injection_train6.jsonl and print counts
"""

from __future__ import annotations

import base64
import codecs
import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
_CODED = re.compile(r"(B64|HEX|ROT13):([^\"⟧\n]+)")


def _encode(match: re.Match[str]) -> str:
    kind, words = match.group(1), match.group(2).rstrip()
    if kind == "B64":
        return base64.b64encode(words.encode()).decode()
    if kind == "HEX":
        return words.encode().hex()
    return codecs.encode(words, "rot13")


def blocks(text: str) -> list[tuple[str, str, str]]:
    out, head, body = [], None, []
    for line in text.splitlines():
        if line.startswith("#") and head is None:
            continue
        if line.startswith("=== "):
            if head:
                out.append((*head, "\n".join(body).strip()))
            head, body = tuple(line[4:].split()[:2]), []
        else:
            body.append(line)
    if head:
        out.append((*head, "\n".join(body).strip()))
    return out


def rows(text: str) -> list[dict]:
    out = []
    for style, source, body in blocks(text):
        if "⟦" in body:
            injected = _CODED.sub(_encode, body.replace("⟦", "").replace("⟧", ""))
            out.append({"text": injected, "label": 1, "style": style, "source": source})
            twin = re.sub(r"\n?⟦.*?⟧", "", body, flags=re.S).strip()
            if twin:
                out.append({"text": _CODED.sub(_encode, twin), "label": 0, "style": "none", "source": source})
        else:
            out.append({"text": _CODED.sub(_encode, body), "label": 0, "style": "none", "source": source})
    return out


def main() -> None:
    data = rows((HERE / "injection_hand6.txt").read_text(encoding="utf-8"))
    (HERE / "injection_train6.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data),
                                               encoding="utf-8")
    print(Counter((r["style"], r["label"]) for r in data))


if __name__ == "__main__":
    main()
