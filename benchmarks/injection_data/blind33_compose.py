"""Rebuilds blind33.jsonl (issue 17, the thirty-seventh wave's held-out injection set) byte for byte from the hand
files beside it.

Hand files, one row a line (``#`` lines and blank lines skipped; ``\\n`` is a line break, ``\\t`` a tab, ``\\\\`` a
backslash):
- ``blind33_hand_inj_*.txt``: ``style|source|lang|text`` (label 1, kind ``injection``)
- ``blind33_hand_neg_*.txt``: ``kind|source|lang|text`` (label 0, kind ``hard`` or ``ordinary``)

Composition: every hand injection is wrapped once in ONE carrier chosen by a seeded generator; then hard negatives,
in a seeded order, are wrapped once each while the share of hand rows stays at or above HAND_SHARE; then all rows are
shuffled. ``python3 blind33_compose.py`` writes the file and prints its counts."""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 33037
HAND_SHARE = 0.563


def _unescape(text: str) -> str:
    return re.sub(r"\\(n|t|\\)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}[m.group(1)], text)


def _read(pattern: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for path in sorted(HERE.glob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("|", 3)
            if len(parts) != 4 or not parts[3].strip():
                raise ValueError(f"{path.name}:{number}: not four fields: {line!r}")
            rows.append((parts[0], parts[1], parts[2], _unescape(parts[3])))
    return rows


def _row(text: str, label: int, style: str, source: str, lang: str, kind: str, hand: bool) -> dict:
    return {"text": text, "label": label, "style": style, "source": source,
            "origin": "hand" if hand else "composed", "lang": lang, "kind": kind, "hand": hand}


# ---- carriers: each takes (rng, text) and returns (source, wrapped text); the hand text stays whole inside ----

def _email(rng, t):
    who = rng.choice(["m.okafor", "lena.berg", "ops-desk", "r.tanaka", "facturas", "noreply-notify", "k.silva"])
    dom = rng.choice(["northwind.example", "acme-mail.example", "partner.example", "lists.example"])
    subj = rng.choice(["Fwd:", "Re:", "FW: update", "Notice", "[ext]", "question"])
    return "email", (f"From: {who}@{dom}\nTo: inbox@corp.example\nDate: Thu, 03 Dec 2026 {rng.randint(7, 19):02d}:"
                     f"{rng.randint(0, 59):02d}:00 +0000\nSubject: {subj} #{rng.randint(100, 9999)}\n"
                     f"Content-Type: text/plain; charset=utf-8\n\n{t}\n")


def _mcp(rng, t):
    return "mcp_tool_result", json.dumps({"jsonrpc": "2.0", "id": rng.randint(1, 999), "result": {
        "content": [{"type": "text", "text": t}], "isError": False}}, ensure_ascii=False)


def _html(rng, t):
    tag = rng.choice(["section", "div", "article"])
    return "web_page", (f"<!DOCTYPE html>\n<html lang=\"x\"><head><meta charset=\"utf-8\"><title>doc-{rng.randint(1000, 99999)}"
                        f"</title></head>\n<body>\n<{tag} id=\"main\">\n{t}\n</{tag}>\n<footer>© 2026</footer>\n</body></html>")


def _teams(rng, t):
    return "chat", json.dumps({"team": rng.choice(["Finance", "Platform", "Support", "Design"]),
                               "thread": rng.randint(10000, 99999), "from": rng.choice(["Aiko", "Bruno", "Chidi", "Dana"]),
                               "body": {"contentType": "text", "content": t}}, ensure_ascii=False)


def _issue(rng, t):
    return "issue_tracker", (f"[{rng.choice(['OPS', 'WEB', 'HR', 'FIN', 'APP'])}-{rng.randint(100, 9999)}] "
                             f"reporter: {rng.choice(['jkim', 'apetrov', 'sdiaz', 'nmensah'])} · status: Open\n"
                             f"---\n{t}\n---\nwatchers: {rng.randint(1, 9)}")


def _cat(rng, t):
    name = rng.choice(["notes", "import", "handover", "draft", "scan", "export"])
    return "file", f"$ cat ./incoming/{name}_{rng.randint(10, 999)}.txt\n{t}\n$ "


def _log(rng, t):
    lines = t.split("\n")
    stamp = f"2026-12-03T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    return "log_file", "\n".join(f"{stamp}:{i:02d}Z INFO ingest[{rng.randint(100, 999)}] {line}"
                                 for i, line in enumerate(lines))


def _review(rng, t):
    quoted = "\n".join("> " + line for line in t.split("\n"))
    return "code_review", (f"Review comment on `{rng.choice(['src/app.py', 'lib/util.ts', 'README.md', 'cmd/main.go'])}`"
                           f" line {rng.randint(3, 400)}\n{quoted}\n\n— {rng.choice(['@tova', '@ravi', '@ines'])}")


def _ics(rng, t):
    desc = t.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n ")
    return "calendar", (f"BEGIN:VEVENT\nUID:{rng.randint(10 ** 6, 10 ** 7)}@cal.example\nDTSTART:20261210T"
                        f"{rng.randint(8, 17):02d}0000Z\nSUMMARY:{rng.choice(['Sync', 'Review', 'Call', '1:1'])}\n"
                        f"DESCRIPTION:{desc}\nEND:VEVENT")


def _csv(rng, t):
    cell = '"' + t.replace('"', '""') + '"'
    return "spreadsheet", f"row,owner,text\n{rng.randint(2, 900)},{rng.choice(['ana', 'ben', 'chen'])},{cell}"


def _pdf(rng, t):
    page = rng.randint(2, 60)
    return "pdf_text", f"[page {page}]\n{t}\n\f[page {page + 1}]"


def _ocr(rng, t):
    return "image_ocr", (f"--- tesseract 5.3 · IMG_{rng.randint(1000, 9999)}.jpg · conf {rng.randint(61, 97)} ---\n"
                         f"{t}\n--- end ---")


def _sms(rng, t):
    return "sms", json.dumps({"msisdn": f"+{rng.randint(10, 99)}{rng.randint(10 ** 8, 10 ** 9)}",
                              "ts": f"2026-12-03T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
                              "text": t}, ensure_ascii=False)


def _git(rng, t):
    body = "\n".join("    " + line for line in t.split("\n"))
    return "git_log", (f"commit {rng.getrandbits(160):040x}\nAuthor: {rng.choice(['Ola N', 'Wei Z', 'Sam R'])} "
                       f"<dev@example.org>\nDate:   Wed Dec 2 {rng.randint(8, 20)}:14:02 2026 +0100\n\n{body}\n")


def _terminal(rng, t):
    return "terminal", f"$ http GET https://wiki.internal.example/api/page/{rng.randint(100, 99999)} --body | jq -r .text\n{t}\n$ "


def _jsonapi(rng, t):
    return "json_api", json.dumps({"data": [{"type": "note", "id": str(rng.randint(1, 99999)),
                                             "attributes": {"content": t}}], "links": {"next": None}},
                                  ensure_ascii=False)


def _ci(rng, t):
    lines = "\n".join(f"{rng.randint(10, 99)}.{i} | {line}" for i, line in enumerate(t.split("\n")))
    return "ci_log", f"section_start:{rng.randint(10 ** 9, 2 * 10 ** 9)}:fetch_fixture\n{lines}\nsection_end:fetch_fixture"


def _markdown(rng, t):
    return "markdown_doc", f"## {rng.choice(['Imported note', 'Appendix', 'From the shared drive', 'Pasted'])}\n\n{t}\n\n---\n"


def _voicemail(rng, t):
    return "voicemail", json.dumps({"call_id": f"vm-{rng.randint(10000, 99999)}", "duration_s": rng.randint(8, 95),
                                    "transcript": t, "confidence": round(rng.uniform(0.7, 0.98), 2)},
                                   ensure_ascii=False)


def _agent(rng, t):
    return "agent_transcript", (f"user: {rng.choice(['summarise this for me', 'what does this say?', 'check this file'])}\n"
                                f"assistant: (calls read_document id={rng.randint(1, 999)})\n"
                                f"tool[read_document]: {t}\nassistant:")


CARRIERS = [(_email, 6), (_mcp, 5), (_html, 6), (_teams, 5), (_issue, 4), (_cat, 5), (_log, 4), (_review, 4),
            (_ics, 4), (_csv, 4), (_pdf, 5), (_ocr, 4), (_sms, 4), (_git, 3), (_terminal, 4), (_jsonapi, 4),
            (_ci, 3), (_markdown, 3), (_voicemail, 3), (_agent, 2)]


SPOKEN = {_sms, _voicemail}


def _wrap(rng: random.Random, text: str) -> tuple[str, str]:
    """One carrier by weight; code, markup and long texts never go into an SMS or a voicemail transcript."""
    plain = text.count("\n") <= 1 and ',"' not in text and not re.search(r"[<>{}`$=|#]|^(FROM|msgid|---|[+*] )", text, re.M)
    pool = [(c, w) for c, w in CARRIERS if plain or c not in SPOKEN]
    fn = rng.choices([c for c, _ in pool], weights=[w for _, w in pool])[0]
    return fn(rng, text)


def build(stem: str = "blind33", seed: int = SEED) -> list[dict]:
    """The set ``stem`` from its hand files ``{stem}_hand_inj_*.txt`` and ``{stem}_hand_neg_*.txt`` (a later wave's
    composer calls this with its own stem and seed)."""
    rng = random.Random(seed)
    rows = []
    inj = _read(f"{stem}_hand_inj_*.txt")
    neg = _read(f"{stem}_hand_neg_*.txt")
    for style, source, lang, text in inj:
        rows.append(_row(text, 1, style, source, lang, "injection", True))
    for kind, source, lang, text in neg:
        if kind not in {"hard", "ordinary"}:
            raise ValueError(f"kind {kind!r}: {text!r}")
        rows.append(_row(text, 0, "benign", source, lang, kind, True))
    hand = len(rows)
    for style, _source, lang, text in inj:
        source, wrapped = _wrap(rng, text)
        rows.append(_row(wrapped, 1, style, source, lang, "injection", False))
    order = [n for n in neg if n[0] == "hard"]
    rng.shuffle(order)
    for kind, _source, lang, text in order:
        if hand / (len(rows) + 1) < HAND_SHARE:
            break
        source, wrapped = _wrap(rng, text)
        rows.append(_row(wrapped, 0, "benign", source, lang, kind, False))
    rng.shuffle(rows)
    return rows


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def main(stem: str = "blind33", seed: int = SEED) -> None:
    rows = build(stem, seed)
    keys = Counter(_norm(r["text"]) for r in rows)
    dups = [k for k, n in keys.items() if n > 1]
    if dups:
        sys.exit(f"duplicates: {dups[:5]}")
    (HERE / f"{stem}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    hand = sum(r["hand"] for r in rows)
    print(f"rows {len(rows)} hand {hand} ({100 * hand / len(rows):.1f} %)")
    print("kinds", dict(Counter(r["kind"] for r in rows)))
    inj = [r for r in rows if r["label"]]
    print("injections en", sum(r["lang"] == "en" for r in inj), "other", sum(r["lang"] != "en" for r in inj))
    langs = sorted({r["lang"] for r in inj} - {"en"})
    print("languages other than en", len(langs))
    per = Counter(r["lang"] for r in inj if r["hand"])
    print("hand injections per language", dict(sorted(per.items())))
    styles_per = {lang: len({r["style"] for r in inj if r["hand"] and r["lang"] == lang}) for lang in langs}
    print("hand styles per language (min)", min(styles_per.values(), default=0))
    print("negatives other-language", sum(not r["label"] and r["lang"] != "en" for r in rows))
    print("styles", dict(Counter(r["style"] for r in inj).most_common()))
    print("sources (injections)", dict(Counter(r["source"] for r in inj).most_common()))
    print("sources (negatives)", dict(Counter(r["source"] for r in rows if not r["label"]).most_common()))
    agent = [r for r in rows if r["source"] == "agent_transcript"]
    print("agent_transcript rows", len(agent), "of which negatives", sum(not r["label"] for r in agent))


if __name__ == "__main__":
    main()
