"""Build injection_train51i.jsonl from inj51's three hand files: `lang<TAB>text` per line (`\\n` in a text is a
line break). injection_hand51_neg_en.tsv: English benign observations of the kinds agents read (developer
documentation, install guides, API references, changelogs, forum answers, CI logs); injection_hand51_neg_xx.tsv:
benign observations in Spanish/Portuguese/Italian/French; injection_hand51_orders_xx.tsv: orders to an AI agent
hidden in reviews, mails, pages in those languages. Written by hand by helper inj51 (fifty-first wave).
Read by no shipped head yet: inj51's candidate E named the JSONL as ``INJECTION_SOURCES["data51"]``
(benchmarks/candidates/inj51_E.patch; RESULTS.md, inj51)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = (("injection_hand51_neg_en.tsv", 0, "hand51_neg_en"), ("injection_hand51_neg_xx.tsv", 0, "hand51_neg_xx"),
         ("injection_hand51_orders_xx.tsv", 1, "hand51_order_xx"))


def rows() -> list[dict]:
    out = []
    for name, label, style in FILES:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                lang, text = line.split("\t", 1)
                out.append({"text": text.replace("\t", " ").replace("\\n", "\n"), "label": label, "style": style,
                            "source": "hand", "lang": lang})
    return out


if __name__ == "__main__":
    (HERE / "injection_train51i.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), encoding="utf-8")
