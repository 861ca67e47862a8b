"""Converts inj11's hand-written tool outputs (``injection_hand11i.txt``) into ``injection_train11i.jsonl``.

The format and the conversion are screen6's (``build6.py``): each ``=== STYLE SOURCE`` block is one text, the part
marked ``⟦...⟧`` is the injection and the text without it is its twin negative; a block without a mark is a negative.

    python scripts/screen_data/build11i.py          # rewrite injection_train11i.jsonl and print counts
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from build6 import rows

HERE = Path(__file__).resolve().parent


def main() -> None:
    data = rows((HERE / "injection_hand11i.txt").read_text(encoding="utf-8"))
    (HERE / "injection_train11i.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data),
                                                 encoding="utf-8")
    print(f"{len(data)} texts: {sum(r['label'] for r in data)} injections, kinds {len({r['source'] for r in data})}")
    print(Counter((r["style"], r["label"]) for r in data))


if __name__ == "__main__":
    main()
