"""Build injection_train30i.jsonl from the two hand files (README30i.md): `lang<TAB>text` per line."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = (("injection_hand30i_neg.tsv", 0, "hand30_neg"), ("injection_hand30i_orders.tsv", 1, "hand30_order"))


def rows() -> list[dict]:
    out = []
    for name, label, style in FILES:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                lang, text = line.split("\t", 1)
                out.append({"text": text.replace("\t", " "), "label": label, "style": style, "source": "hand", "lang": lang})
    return out


if __name__ == "__main__":
    (HERE / "injection_train30i.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), encoding="utf-8")
