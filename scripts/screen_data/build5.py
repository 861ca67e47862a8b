"""Turn data5's hand-written items into the training files (no generation: a format conversion only).

Hand-written by data5 on 2026-11-29 for training (issue 17).
- content_hand5.txt: `label|kind|text` lines (`#` comments) -> content_train5.tsv (`label<TAB>kind<TAB>text`).
- injection_hand5.txt: blocks `=== STYLE SOURCE` followed by the text. Spans inside ⟦ ⟧ are the injected
  part: the block gives one injection (markers dropped, span kept) and, unless the header ends in `notwin`,
  its twin negative (the same text with every span removed). A block without ⟦ ⟧ is a negative.
Run: python scripts/screen_data/build5.py [--stats]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPAN = re.compile(r"⟦(.*?)⟧", re.S)
LINE_SPAN = re.compile(r"^[ \t]*⟦[^⟧]*⟧[ \t]*\n", re.M)


def content() -> list[tuple[str, str, str]]:
    rows = []
    for n, line in enumerate((HERE / "content_hand5.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|", 2)
        if len(parts) != 3 or not parts[2].strip():
            raise SystemExit(f"content_hand5.txt:{n}: expected label|kind|text")
        rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip().replace("\t", " ")))
    return rows


def injections() -> list[dict]:
    out = []
    text = (HERE / "injection_hand5.txt").read_text(encoding="utf-8")
    for block in ("\n" + text).split("\n=== ")[1:]:
        head, _, body = block.partition("\n")
        words = head.split()
        style, source = words[0], words[1]
        body = body.strip("\n")
        if not body.strip():
            continue
        if SPAN.search(body):
            out.append({"text": SPAN.sub(lambda m: m.group(1), body), "label": 1, "style": style, "source": source})
            if "notwin" not in words:
                twin = LINE_SPAN.sub("", body + "\n")
                twin = re.sub(r" ?⟦.*?⟧", "", twin, flags=re.S).strip()
                out.append({"text": twin, "label": 0, "style": "none", "source": source})
        else:
            out.append({"text": body, "label": 0, "style": "none" if style == "neg" else style, "source": source})
    return out


def main() -> None:
    rows = content()
    with open(HERE / "content_train5.tsv", "w", encoding="utf-8") as f:
        f.write("# hand-written by data5 on 2026-11-29 for training (issue 17); built from content_hand5.txt by build5.py\n")
        for label, kind, text in rows:
            f.write(f"{label}\t{kind}\t{text}\n")
    inj = injections() if (HERE / "injection_hand5.txt").is_file() else []
    if inj:
        with open(HERE / "injection_train5.jsonl", "w", encoding="utf-8") as f:
            for row in inj:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    if "--stats" in sys.argv:
        print("answers", len(rows), dict(Counter(r[0] for r in rows)))
        print("tool outputs", len(inj), dict(Counter(r["label"] for r in inj)))
        print("styles", dict(Counter(r["style"] for r in inj)))
        print("sources", dict(Counter(r["source"] for r in inj)))


if __name__ == "__main__":
    main()
