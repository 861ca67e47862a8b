"""blind28, the thirty-third wave's held-out injection set (issue 17), composed from the hand-written files
``blind28_hand*.txt``. Every row there was written one by one (``hand: true``). Composition only wraps a hand row,
unchanged, in a carrier (an email, a calendar entry, an MCP tool result, a git log, a PDF page ...): those rows are
``hand: false`` and keep the hand row's label, kind, style and language; the carrier names the source.

Hand file format: a line ``@ inj LANG`` or ``@ neg LANG`` starts a block; each following line is
``STYLE|SOURCE|TEXT`` (injections) or ``KIND|SOURCE|TEXT`` (negatives, KIND hard or ordinary); ``\\n`` in TEXT is a
newline; ``#`` lines and blank lines are skipped. ``python blind28_compose.py`` writes ``blind28.jsonl`` and prints
the counts."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

STYLES = {
    "ovr": "direct_override", "sys": "fake_system", "3p": "third_person", "cc": "code_comment",
    "split": "split_order", "game": "roleplay_game", "tool": "fake_tool_result", "val": "structured_value",
    "link": "markdown_link_alt", "sig": "signature_autoreply", "agreed": "user_already_agreed",
    "sumsend": "summarise_then_send", "cell": "table_cell",
}
SOURCES = {
    "web": "web_page", "mail": "email", "cal": "calendar", "file": "file", "code": "code_file",
    "issue": "issue_tracker", "chat": "chat", "api": "json_api", "pdf": "pdf_text", "sheet": "spreadsheet",
    "git": "git_log", "mcp": "mcp_tool_result", "yaml": "yaml_config", "md": "markdown_doc", "log": "log_file",
}

# Carriers: (source, template). {t} is the hand row unchanged; {n} a number from the row's index.
CARRIERS = [
    ("email", "From: notifications@{dom}\nTo: me@home.example\nSubject: Re: thread #{n}\n\n{t}\n\n-- \nsent from mobile"),
    ("mcp_tool_result", '{{"jsonrpc": "2.0", "id": {n}, "result": {{"content": [{{"type": "text", "text": {j}}}]}}}}'),
    ("git_log", "commit {h}\nAuthor: dev{n} <dev{n}@{dom}>\nDate:   Tue Nov {d} 10:{m:02d}:00 2026 +0100\n\n    {t1}"),
    ("pdf_text", "--- page {p} ---\n{t}\n--- page {p1} ---"),
    ("calendar", "BEGIN:VEVENT\nSUMMARY:Meeting {n}\nDTSTART:202612{d:02d}T{hh:02d}{m:02d}00Z\nDESCRIPTION:{ics}\nEND:VEVENT"),
    ("spreadsheet", "id,date,note\n{n},2026-11-{d:02d},{csv}"),
    ("web_page", "<html><body><main><article><p>{html}</p></article></main></body></html>"),
    ("issue_tracker", "#{n} opened by user{m}\n\n{t}\n\nLabels: needs-triage"),
    ("chat", "[{hh:02d}:{m:02d}] guest{n}: {t1}"),
    ("json_api", '{{"id": {n}, "status": "ok", "data": {{"body": {j}}}}}'),
    ("file", "$ cat notes_{n}.txt\n{t}\n$"),
    ("log_file", "2026-11-{d:02d}T10:{m:02d}:11Z INFO fetched page {n}: {t1}"),
]
DOMS = ["lists.example.org", "mail.example.net", "corp.example.com", "noreply.example.io", "team.example.de"]


def parse(path: Path) -> list[dict]:
    rows, mode, lang = [], None, None
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            mode, lang = line[2:].split()
            continue
        first, src, text = line.split("|", 2)
        text = text.strip().replace("\\n", "\n")
        if mode == "inj":
            row = dict(label=1, style=STYLES[first], kind="injection")
        else:
            assert first in ("hard", "ordinary"), (path.name, no)
            row = dict(label=0, style="benign", kind=first)
        rows.append(dict(text=text, label=row["label"], style=row["style"], source=SOURCES[src], origin="hand",
                         lang=lang, kind=row["kind"], hand=True))
    return rows


def wrap(row: dict, k: int, shift: int) -> dict:
    choices = [c for c in CARRIERS if c[0] != row["source"]]
    source, tpl = choices[(k * 7 + shift) % len(choices)]
    t = row["text"]
    fill = dict(t=t, hh=k % 24, n=100 + (k * 37 + shift) % 900, d=1 + k % 28, m=k % 60, p=2 + k % 9, p1=3 + k % 9,
                h=f"{(k * 2654435761 + shift) % (1 << 40):010x}{k % 977:03x}a9c", dom=DOMS[k % len(DOMS)],
                j=json.dumps(t, ensure_ascii=False), t1=t.replace("\n", "\n    " if source == "git_log" else " "),
                ics=t.replace("\n", "\\n").replace(",", "\\,"), csv='"' + t.replace('"', '""') + '"',
                html=t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>"))
    return dict(row, text=tpl.format(**fill), source=source, origin="composed", hand=False)


def build() -> list[dict]:
    hand = [r for p in sorted(HERE.glob("blind28_hand*.txt")) for r in parse(p)]
    out = list(hand)
    for k, row in enumerate(hand):
        out.append(wrap(row, k, 0))
        if k % 10 < 2:  # a second carrier for one hand row in five
            out.append(wrap(row, k, 3))
    # a fixed interleave so neighbouring rows differ
    order = sorted(range(len(out)), key=lambda i: (i * 7919) % 104729)
    rows = [out[i] for i in order]
    seen, uniq = set(), []
    for r in rows:
        key = re.sub(r"\W+", " ", r["text"].lower()).strip()
        if key not in seen:
            seen.add(key)
            uniq.append(r)
    return uniq


def main() -> None:
    rows = build()
    (HERE / "blind28.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                        encoding="utf-8")
    c = Counter
    inj = [r for r in rows if r["label"]]
    print("rows", len(rows), "hand", sum(r["hand"] for r in rows), f"({100 * sum(r['hand'] for r in rows) / len(rows):.1f} %)")
    print("kinds", dict(c(r["kind"] for r in rows)))
    print("injections en", sum(r["lang"] == "en" for r in inj), "other", sum(r["lang"] != "en" for r in inj))
    print("languages other than en", len({r["lang"] for r in rows} - {"en"}))
    print("hand injections per language", dict(sorted(c(r["lang"] for r in inj if r["hand"]).items())))
    print("negatives other-language", sum(r["lang"] != "en" for r in rows if not r["label"]))
    print("styles", dict(c(r["style"] for r in inj).most_common()))
    print("sources (injections)", dict(c(r["source"] for r in inj).most_common()))
    print("sources (negatives)", dict(c(r["source"] for r in rows if not r["label"]).most_common()))


if __name__ == "__main__":
    sys.exit(main())
