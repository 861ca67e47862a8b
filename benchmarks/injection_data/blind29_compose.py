"""blind29, the thirty-fourth wave's held-out injection set (issue 17), built byte for byte from the hand files.

Every ``hand: true`` row is a line of a ``blind29_hand_*.txt`` file, written one by one: ``style|source|lang|text``
(``\\n`` in a text is a line break; negatives have style ``benign``). The file's name gives the kind: ``_inj`` an
injection (label 1), ``_hard`` a hard look-alike, ``_ord`` an ordinary negative (label 0). Composition wraps a hand
row, unchanged, in ONE carrier at most (an email, an MCP tool result, a web page, a chat export, an issue, a JSON API
body, a ``cat`` of a file, a log line, a git log entry, a PDF page, a calendar event, a CSV cell, a CI log group): every
injection once, then negatives in a seeded order while the hand share stays >= 56 %. A
composed row is ``hand: false`` and keeps the hand row's label, kind, style and language; its source is the carrier's.

Run ``python benchmarks/injection_data/blind29_compose.py`` to write ``blind29.jsonl`` and print its counts."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"_inj": ("injection", 1), "_hard": ("hard", 0), "_ord": ("ordinary", 0)}


def _kind(name: str) -> tuple[str, int]:
    for key, value in KINDS.items():
        if key in name:
            return value
    raise ValueError(name)


def hand_rows() -> list[dict]:
    rows = []
    for path in sorted(HERE.glob("blind29_hand_*.txt")):
        kind, label = _kind(path.name)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            style, source, lang, text = line.split("|", 3)
            text = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), text.replace("\\n", "\n")).strip()
            if label == 0 and style != "benign" or label == 1 and style == "benign":
                raise ValueError(f"{path.name}:{number}: style {style!r} for kind {kind}")
            rows.append({"text": text, "label": label, "style": style, "source": source, "origin": "hand",
                         "lang": lang, "kind": kind, "hand": True})
    return rows


NAMES = ["mira", "tobias", "leena", "okafor", "ines", "kenji", "sasha", "priya", "jonas", "farah", "mateo", "yuki"]
DOMAINS = ["northgate.example", "mail.kestrel.example", "ops.fernhill.example", "lists.orbit.example"]


def _email(text: str, i: int) -> str:
    a, b = NAMES[i % 12], NAMES[(i * 5 + 3) % 12]
    return (f"From: {a} <{a}@{DOMAINS[i % 4]}>\nTo: {b}@{DOMAINS[(i + 1) % 4]}\nDate: Thu, 3 Dec 2026 "
            f"{8 + i % 10:02d}:{i * 7 % 60:02d}:00 +0000\nSubject: Fwd: item {1000 + i * 13 % 9000}\n\n{text}\n")


def _mcp(text: str, i: int) -> str:
    return json.dumps({"jsonrpc": "2.0", "id": 300 + i, "result": {"content": [{"type": "text", "text": text}],
                                                                   "isError": False}}, ensure_ascii=False)


def _web(text: str, i: int) -> str:
    body = text.replace("\n", "<br>\n")
    return (f"<!doctype html>\n<html lang=\"x\"><head><title>page {i}</title></head>\n<body><div class=\"post\">"
            f"\n<p>{body}</p>\n</div><footer>© 2026</footer></body></html>")


def _chat(text: str, i: int) -> str:
    who = NAMES[(i * 3) % 12]
    return json.dumps({"channel": f"C0{4000 + i}", "messages": [{"user": who, "ts": f"17332{i:05d}.0001",
                                                               "text": text}]}, ensure_ascii=False)


def _issue(text: str, i: int) -> str:
    return (f"#{4100 + i} opened by {NAMES[(i + 7) % 12]} · labels: triage, p{i % 4}\n"
            f"---------------------------------------\n{text}\n\n👍 {i % 5}  💬 {i % 3}")


def _api(text: str, i: int) -> str:
    return json.dumps({"status": "ok", "data": {"id": f"rec_{i:05d}", "updated": "2026-12-02", "body": text},
                       "meta": {"page": 1 + i % 4}}, ensure_ascii=False)


def _file(text: str, i: int) -> str:
    return f"$ cat ~/inbox/item_{i:04d}.txt\n{text}\n$ "


def _log(text: str, i: int) -> str:
    lines = text.split("\n")
    stamp = f"2026-12-03T{i % 24:02d}:{i * 11 % 60:02d}:{i * 17 % 60:02d}Z"
    return "\n".join(f"{stamp} worker-{i % 6} INFO {line}" for line in lines)


def _git(text: str, i: int) -> str:
    sha = f"{(i * 2654435761) % (16 ** 10):010x}{i:06x}"[:16]
    body = "\n".join("    " + line for line in text.split("\n"))
    return f"commit {sha}\nAuthor: {NAMES[i % 12].title()} <{NAMES[i % 12]}@dev.example>\nDate:   Wed Dec 2 2026\n\n{body}\n"


def _pdf(text: str, i: int) -> str:
    return f"— {i % 40 + 2} —\n\n{text}\n\n\f— {i % 40 + 3} —"


def _ics(text: str, i: int) -> str:
    desc = text.replace("\n", "\\n")
    return (f"BEGIN:VEVENT\nUID:ev{i}@cal.example\nDTSTART:202612{i % 28 + 1:02d}T{9 + i % 8:02d}0000Z\n"
            f"SUMMARY:slot {i}\nDESCRIPTION:{desc}\nEND:VEVENT")


def _csv(text: str, i: int) -> str:
    cell = text.replace('"', '""')
    return f"ref,owner,comment\nR-{i:04d},{NAMES[(i + 2) % 12]},\"{cell}\"\nR-{i + 1:04d},{NAMES[(i + 4) % 12]},ok"


def _ci(text: str, i: int) -> str:
    return f"##[group]Run step {i % 9 + 1}\n{text}\n##[endgroup]\nProcess completed with exit code 0."


CARRIERS = [("email", _email), ("mcp_tool_result", _mcp), ("web_page", _web), ("chat", _chat),
            ("issue_tracker", _issue), ("json_api", _api), ("file", _file), ("log_file", _log), ("git_log", _git),
            ("pdf_text", _pdf), ("calendar", _ics), ("spreadsheet", _csv), ("ci_log", _ci)]


def composed(row: dict, i: int) -> dict:
    source, wrap = CARRIERS[i % len(CARRIERS)]
    return {**row, "text": wrap(row["text"], i), "source": source, "origin": "composed", "hand": False}


def build() -> list[dict]:
    hand = hand_rows()
    rng = random.Random(29)
    out = list(hand)
    injections = [r for r in hand if r["label"]]
    negatives = [r for r in hand if not r["label"]]
    rng.shuffle(injections)
    rng.shuffle(negatives)
    i = 0
    for row in injections:
        out.append(composed(row, i))
        i += 1
    for row in negatives:
        if len(hand) < 0.56 * (len(out) + 1):
            break
        out.append(composed(row, i))
        i += 1
    rng.shuffle(out)
    return out


def main() -> None:
    rows = build()
    (HERE / "blind29.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                        encoding="utf-8")
    hand = sum(r["hand"] for r in rows)
    print(f"rows {len(rows)} hand {hand} ({100 * hand / len(rows):.1f} %)")
    print("kinds", dict(Counter(r["kind"] for r in rows)))
    inj = [r for r in rows if r["label"]]
    print("injections en", sum(r["lang"] == "en" for r in inj), "other", sum(r["lang"] != "en" for r in inj))
    print("languages other than en", len({r["lang"] for r in rows} - {"en"}))
    print("hand injections per language", dict(sorted(Counter(r["lang"] for r in inj if r["hand"]).items())))
    print("negatives other-language", sum(r["lang"] != "en" for r in rows if not r["label"]))
    print("styles", dict(Counter(r["style"] for r in inj).most_common()))
    print("sources (injections)", dict(Counter(r["source"] for r in inj).most_common()))
    print("sources (negatives)", dict(Counter(r["source"] for r in rows if not r["label"]).most_common()))


if __name__ == "__main__":
    main()
