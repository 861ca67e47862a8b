"""Compose blind32, the thirty-sixth wave's held-out injection set (issue 17), from the hand files.

Hand files, one row a line (``\\n`` a line break, ``\\t`` a tab):
  ``blind32_hand_inj_*.txt``  ``style|source|lang|text``   (label 1, kind injection)
  ``blind32_hand_neg_*.txt``  ``kind|source|lang|text``    (label 0, kind hard or ordinary, style benign)

Every hand row goes in as typed (``hand: true``). Composition wraps a hand row, unchanged, in ONE carrier chosen by a
seeded generator: every hand injection exactly once, then hand negatives in a seeded order while the hand share stays
at or above ``HAND_SHARE``. The rows are shuffled with a fixed seed. ``python3 blind32_compose.py`` writes
``blind32.jsonl`` and prints the counts; ``build()`` returns the rows (the shape test rebuilds the file from it).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "blind32.jsonl"
SEED = 32_036
HAND_SHARE = 0.563
NAMES = ["amara", "bo", "chiara", "dev", "emeka", "farah", "goran", "hana", "ines", "jun", "kofi", "lena", "mateo",
         "nadia", "oskar", "priya", "quinn", "rafael", "sana", "tomas", "uma", "viktor", "wen", "yusuf", "zofia"]
DOMAINS = ["corp.example", "mail.example", "lists.example", "post.example", "team.example"]
SUBJECTS = ["Fwd: as discussed", "Re: this week", "quick question", "for your review", "notes", "Re: Re: update",
            "FYI", "document attached"]


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def read_hand() -> list[dict]:
    rows: list[dict] = []
    for path in sorted(HERE.glob("blind32_hand_inj_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            style, source, lang, text = line.split("|", 3)
            rows.append(_row(_unescape(text), 1, style, source, lang, "injection", True))
    for path in sorted(HERE.glob("blind32_hand_neg_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            kind, source, lang, text = line.split("|", 3)
            assert kind in {"hard", "ordinary"}, line
            rows.append(_row(_unescape(text), 0, "benign", source, lang, kind, True))
    return rows


def _row(text: str, label: int, style: str, source: str, lang: str, kind: str, hand: bool) -> dict:
    return {"text": text, "label": label, "style": style, "source": source,
            "origin": "hand" if hand else "composed", "lang": lang, "kind": kind, "hand": hand}


# ---- carriers: each takes (text, rng) and returns (wrapped text, source) ----------------------------------------

def c_email(t, r):
    who = r.choice(NAMES)
    return (f"From: {who} <{who}@{r.choice(DOMAINS)}>\nTo: me@home.example\nDate: Thu, {r.randint(1, 28)} Nov 2026 "
            f"{r.randint(7, 19):02d}:{r.randint(0, 59):02d} +0000\nSubject: {r.choice(SUBJECTS)}\n\n{t}", "email")


def c_mcp(t, r):
    body = {"jsonrpc": "2.0", "id": r.randint(10, 9999),
            "result": {"content": [{"type": "text", "text": t}], "isError": False}}
    return json.dumps(body, ensure_ascii=False), "mcp_tool_result"


def c_html(t, r):
    tag = r.choice(["article", "main", "section", "div"])
    return (f"<!doctype html>\n<html><head><title>page {r.randint(100, 9999)}</title></head>\n<body><{tag} "
            f"class=\"content\">\n{t}\n</{tag}></body></html>", "web_page")


def c_chat_export(t, r):
    body = {"channel": f"C{r.randint(1000, 9999)}", "export": "2026-12-03",
            "messages": [{"user": r.choice(NAMES), "ts": f"17332{r.randint(10000, 99999)}.00{r.randint(10, 99)}",
                          "text": t}]}
    return json.dumps(body, ensure_ascii=False), "chat"


def c_issue(t, r):
    n = r.randint(100, 9999)
    return (f"Issue #{n} · opened by {r.choice(NAMES)} · labels: needs-triage\n{'=' * 40}\n{t}\n\n"
            f"— {r.randint(0, 9)} comments", "issue_tracker")


def c_cat(t, r):
    name = r.choice(["notes", "inbox_dump", "export", "paste", "readme_part", "draft", "scan"])
    return f"$ cat ~/shared/{name}_{r.randint(10, 999)}.txt\n{t}\n$ ", "file"


def c_log(t, r):
    svc = r.choice(["ingest", "mailsync", "crawler", "docparse", "webhook"])
    base = r.randint(0, 50)
    lines = [f"2026-12-03T08:{(base + i) % 60:02d}:{r.randint(0, 59):02d}Z {svc} INFO {line}"
             for i, line in enumerate(t.split("\n"))]
    return "\n".join(lines), "log_file"


def c_review(t, r):
    f = r.choice(["src/api/handlers.py", "web/app.ts", "lib/util.go", "docs/index.md", "db/schema.sql"])
    return (f"Review on {f} line {r.randint(3, 400)} — {r.choice(NAMES)} commented:\n> {t.replace(chr(10), chr(10) + '> ')}"
            f"\n\n[Resolve conversation]", "code_review")


def _ics_escape(t):
    return t.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def c_ics(t, r):
    uid = r.randint(1000, 99999)
    return (f"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:{uid}@cal.example\nDTSTART:202612{r.randint(5, 30):02d}T"
            f"{r.randint(7, 17):02d}0000Z\nSUMMARY:{r.choice(['Sync', 'Review', 'Check-in', 'Planning', '1:1'])}\n"
            f"DESCRIPTION:{_ics_escape(t)}\nEND:VEVENT\nEND:VCALENDAR", "calendar")


def c_csv(t, r):
    cell = '"' + t.replace('"', '""') + '"'
    return f"row,owner,content\n{r.randint(2, 900)},{r.choice(NAMES)},{cell}", "spreadsheet"


def c_pdf(t, r):
    p = r.randint(2, 120)
    return f"— {p} —\n\n{t}\n\n\f— {p + 1} —", "pdf_text"


def c_ocr(t, r):
    conf = r.randint(81, 99)
    return (f"[OCR · scan_{r.randint(100, 999)}.png · confidence 0.{conf}]\n{t}\n[end of recognised text]",
            "image_ocr")


def c_transcript(t, r):
    body = json.dumps({"document": t}, ensure_ascii=False)
    return f"assistant: calling read_document(id={r.randint(100, 9999)})\ntool: {body}", "agent_transcript"


def c_sms(t, r):
    body = {"from": f"+{r.randint(1, 99)} {r.randint(100, 999)} {r.randint(1000000, 9999999)}",
            "received": f"2026-12-0{r.randint(1, 3)}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z", "body": t}
    return json.dumps(body, ensure_ascii=False), "sms"


def c_git(t, r):
    sha = "".join(r.choice("0123456789abcdef") for _ in range(40))
    who = r.choice(NAMES)
    body = "\n".join("    " + line for line in t.split("\n"))
    return (f"commit {sha}\nAuthor: {who} <{who}@{r.choice(DOMAINS)}>\nDate:   Wed Dec 2 1{r.randint(0, 9)}:"
            f"{r.randint(10, 59)}:00 2026 +0000\n\n    import: shared text\n\n{body}", "git_log")


def c_terminal(t, r):
    url = r.choice(["notes", "paste", "doc", "ticket", "msg"])
    return f"$ curl -s https://intranet.example/{url}/{r.randint(100, 99999)} | jq -r .body\n{t}\n$ ", "terminal"


def c_json_api(t, r):
    body = {"data": {"id": r.randint(1000, 99999), "type": r.choice(["note", "message", "document", "comment"]),
                     "attributes": {"body": t}}, "meta": {"api": "v2"}}
    return json.dumps(body, ensure_ascii=False), "json_api"


def c_ci(t, r):
    step = r.choice(["Fetch release notes", "Print PR body", "Show artifact", "Read fixture"])
    lines = [f"{r.randint(10, 59):02d}:{i:02d} | {line}" for i, line in enumerate(t.split("\n"))]
    return f"##[group]{step}\n" + "\n".join(lines) + "\n##[endgroup]", "ci_log"


CARRIERS = [c_email, c_mcp, c_html, c_chat_export, c_issue, c_cat, c_log, c_review, c_ics, c_csv, c_pdf, c_ocr,
            c_sms, c_git, c_terminal, c_json_api, c_ci, c_transcript]
WEIGHTS = [7, 6, 6, 6, 5, 5, 4, 4, 5, 4, 5, 4, 4, 3, 3, 4, 3, 2]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _wrap(row: dict, rng: random.Random, seen: set[str]) -> dict:
    for _ in range(50):
        carrier = rng.choices(CARRIERS, WEIGHTS)[0]
        text, source = carrier(row["text"], rng)
        if _norm(text) not in seen:
            seen.add(_norm(text))
            return _row(text, row["label"], row["style"], source, row["lang"], row["kind"], False)
    raise RuntimeError("no fresh carrier for " + row["text"][:60])


def build() -> list[dict]:
    rng = random.Random(SEED)
    hand = read_hand()
    seen = {_norm(r["text"]) for r in hand}
    assert len(seen) == len(hand), "duplicate hand rows"
    composed = [_wrap(r, rng, seen) for r in hand if r["label"] == 1]
    negatives = [r for r in hand if r["label"] == 0]
    rng.shuffle(negatives)
    for r in negatives:
        if len(hand) / (len(hand) + len(composed) + 1) < HAND_SHARE:
            break
        composed.append(_wrap(r, rng, seen))
    rows = hand + composed
    rng.shuffle(rows)
    return rows


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    inj = [r for r in rows if r["label"]]
    neg = [r for r in rows if not r["label"]]
    hand = sum(r["hand"] for r in rows)
    print(f"rows {len(rows)} hand {hand} ({100 * hand / len(rows):.1f} %)")
    print("kinds", dict(Counter(r["kind"] for r in rows)))
    print("injections en", sum(r["lang"] == "en" for r in inj), "other", sum(r["lang"] != "en" for r in inj))
    langs = sorted({r["lang"] for r in rows} - {"en"})
    print("languages other than en", len(langs))
    print("hand injections per language",
          dict(sorted(Counter(r["lang"] for r in inj if r["hand"]).items())))
    print("hand styles per language (min)",
          min(len({r["style"] for r in inj if r["hand"] and r["lang"] == lang}) for lang in langs))
    print("negatives other-language", sum(r["lang"] != "en" for r in neg))
    print("styles", dict(Counter(r["style"] for r in inj).most_common()))
    print("sources (injections)", dict(Counter(r["source"] for r in inj).most_common()))
    print("sources (negatives)", dict(Counter(r["source"] for r in neg).most_common()))
    print("agent_transcript rows", sum(r["source"] == "agent_transcript" for r in rows),
          "of which negatives", sum(r["source"] == "agent_transcript" for r in neg))


if __name__ == "__main__":
    main()
