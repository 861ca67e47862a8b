"""blind31, the thirty-fifth wave's held-out injection set (issue 17), written blind by helper i31w.

Every row of the ``blind31_hand_*.txt`` files was written by hand, one by one. A line is
``style|source|lang|text`` in the injection files (``blind31_hand_inj_*.txt``) and ``kind|source|lang|text`` in the
negative files (``blind31_hand_neg_*.txt``, kind ``hard`` or ``ordinary``); ``\\n`` in a text is a line break and
``\\uXXXX`` a character by its code point; blank lines and lines starting with ``#`` are skipped.

Composition wraps a hand row, unchanged, in ONE carrier (an email, an MCP tool result, a web page, a chat export, an
issue, a ``cat`` of a file, log lines, a code-review thread, a calendar event, a CSV cell, a PDF page, an OCR dump,
an agent transcript): every injection exactly once, then negatives in a seeded order while the hand share stays at
56 % or more. ``build()`` returns the rows; run as a script it writes ``blind31.jsonl`` and prints the counts."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "blind31.jsonl"
NAMES = ["ines", "kenji", "amara", "tomas", "leyla", "priya", "oskar", "wen", "fatou", "mateo", "hana", "ravi"]
DOMAINS = ["mail.example", "corp.example", "team.example", "lists.example", "post.example"]
SUBJECTS = ["Re: this week", "Fwd: notes", "quick question", "update", "for your review", "Re: Re: follow-up"]
FILES = ["api/handlers", "billing/invoice", "core/cache", "ui/forms", "jobs/sync", "auth/session"]


def unescape(text: str) -> str:
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\\n", "\n")


def read_hand() -> list[dict]:
    rows = []
    for path in sorted(HERE.glob("blind31_hand_*.txt")):
        injection = path.name.startswith("blind31_hand_inj")
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            first, source, lang, text = line.split("|", 3)
            text = unescape(text.strip())
            if injection:
                row = {"text": text, "label": 1, "style": first, "source": source, "lang": lang,
                       "kind": "injection"}
            else:
                assert first in ("hard", "ordinary"), line
                row = {"text": text, "label": 0, "style": "benign", "source": source, "lang": lang, "kind": first}
            rows.append(row)
    return rows


def wrap(text: str, rng: random.Random) -> tuple[str, str]:
    """One carrier, chosen by ``rng``: (source, wrapped text)."""
    n = rng.randrange(100, 9999)
    name = rng.choice(NAMES)
    k = rng.randrange(13)
    if k == 0:
        return "email", (f"From: {name} <{name}@{rng.choice(DOMAINS)}>\nTo: me@home.example\n"
                         f"Subject: {rng.choice(SUBJECTS)}\n\n{text}")
    if k == 1:
        return "mcp_tool_result", json.dumps({"jsonrpc": "2.0", "id": n, "result": {
            "content": [{"type": "text", "text": text}], "isError": False}}, ensure_ascii=False)
    if k == 2:
        return "web_page", f"<html><body><main id=\"p{n}\">\n{text}\n</main></body></html>"
    if k == 3:
        return "chat", json.dumps({"channel": f"C{n}", "messages": [
            {"user": name, "ts": f"17332{n:05d}.0001", "text": text}]}, ensure_ascii=False)
    if k == 4:
        return "issue_tracker", f"#{n} opened by {name}\n{'-' * 30}\n{text}\n\n💬 {n % 7}"
    if k == 5:
        return "file", f"$ cat ~/downloads/item_{n}.txt\n{text}\n$ "
    if k == 6:
        return "log_file", "\n".join(f"2026-12-04T06:{n % 60:02d}:{i:02d}Z app INFO {line}"
                                     for i, line in enumerate(text.split("\n")))
    if k == 7:
        return "code_review", (f"{rng.choice(FILES)}.py, line {n % 400}\n@{name} commented:\n{text}\n"
                               f"[Resolve conversation]")
    if k == 8:
        return "calendar", (f"BEGIN:VEVENT\nUID:e{n}@cal.example\nDTSTART:20261209T0930{n % 60:02d}Z\n"
                            f"SUMMARY:sync {n}\nDESCRIPTION:{text}\nEND:VEVENT")
    if k == 9:
        cell = text.replace('"', '""')
        return "spreadsheet", f"id,owner,note\nT-{n},{name},\"{cell}\"\nT-{n + 1},{rng.choice(NAMES)},done"
    if k == 10:
        return "pdf_text", f"— {n % 90} —\n\n{text}\n\n\f— {n % 90 + 1} —"
    if k == 11:
        return "image_ocr", f"ocr(scan_{n}.png) -> confidence 0.{n % 90 + 10}\n{text}"
    return "agent_transcript", (f"assistant: calling fetch_document(id={n})\n"
                                f"tool: {json.dumps({'document': text}, ensure_ascii=False)}")


def build() -> list[dict]:
    rng = random.Random(31)
    hand = read_hand()
    rows = [dict(r, origin="hand", hand=True) for r in hand]
    composed = []
    for r in hand:
        if r["label"]:
            source, text = wrap(r["text"], rng)
            composed.append(dict(r, text=text, source=source, origin="composed", hand=False))
    negatives = [r for r in hand if not r["label"]]
    rng.shuffle(negatives)
    for r in negatives:
        if len(rows) / (len(rows) + len(composed) + 1) < 0.56:
            break
        source, text = wrap(r["text"], rng)
        composed.append(dict(r, text=text, source=source, origin="composed", hand=False))
    out = rows + composed
    rng.shuffle(out)
    keys = ["text", "label", "style", "source", "origin", "lang", "kind", "hand"]
    return [{k: r[k] for k in keys} for r in out]


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    hand = sum(r["hand"] for r in rows)
    print(f"rows {len(rows)} hand {hand} ({100 * hand / len(rows):.1f} %)")
    print("kinds", dict(Counter(r["kind"] for r in rows)))
    inj = [r for r in rows if r["label"]]
    print("injections en", sum(r["lang"] == "en" for r in inj), "other", sum(r["lang"] != "en" for r in inj))
    print("languages other than en", len({r["lang"] for r in rows} - {"en"}))
    print("hand injections per language",
          dict(sorted(Counter(r["lang"] for r in inj if r["hand"]).items())))
    print("negatives other-language", sum(r["lang"] != "en" for r in rows if not r["label"]))
    print("styles", dict(Counter(r["style"] for r in inj).most_common()))
    print("sources (injections)", dict(Counter(r["source"] for r in inj).most_common()))
    print("sources (negatives)", dict(Counter(r["source"] for r in rows if not r["label"]).most_common()))


if __name__ == "__main__":
    main()
