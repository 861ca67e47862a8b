"""blind18.jsonl, the twentieth wave's blind injection set (written blind by helper blind18i from the issue's text,
without opening any training data, screen code or older set beyond its first rows).

Two parts: the hand files (``blind18_hand*.txt``, one row a line, ``\\n`` a line break, under headers
``@@ P <style> <source> <lang>`` for injections and ``@@ N ordinary|hard <source> <lang>`` for the rest) and rows
composed here from small pools with a fixed seed (``blind18_pools.py``). ``python blind18_compose.py`` rewrites
blind18.jsonl; tests/safety/test_injection_sets.py checks the file is exactly what ``build()`` returns.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import blind18_pools as pools  # noqa: E402

HANDS = (HERE / "blind18_hand.txt", HERE / "blind18_hand_foreign.txt", HERE / "blind18_hand_negatives.txt")
SEED = 18_2026
OUT = HERE / "blind18.jsonl"


def hand_rows() -> list[dict]:
    """The hand files' rows, in file order; a bad header or a line before any header raises ValueError."""
    rows: list[dict] = []
    for path in HANDS:
        head: dict | None = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@@"):
                parts = line.split()
                if len(parts) != 5 or parts[1] not in ("P", "N"):
                    raise ValueError(f"{path.name}:{n}: a header must start with P or N and name "
                                     f"style/kind, source and language: {line!r}")
                _, sign, what, source, lang = parts
                if sign == "N" and what not in ("ordinary", "hard"):
                    raise ValueError(f"{path.name}:{n}: an N header names ordinary or hard, not {what!r}")
                if sign == "P":
                    head = {"label": 1, "style": what, "source": source, "lang": lang, "kind": "injection"}
                else:
                    head = {"label": 0, "style": "benign", "source": source, "lang": lang, "kind": what}
                continue
            if head is None:
                raise ValueError(f"{path.name}:{n}: a row before any header: add an @@ header above it")
            rows.append({"text": line.replace("\\n", "\n").strip(), "label": head["label"], "style": head["style"],
                         "source": head["source"], "origin": "hand", "lang": head["lang"], "kind": head["kind"],
                         "hand": True})
    return rows


def _row(text: str, label: int, style: str, source: str, lang: str, kind: str) -> dict:
    return {"text": text.strip(), "label": label, "style": style, "source": source, "origin": "composed",
            "lang": lang, "kind": kind, "hand": False}


def composed_rows(rng: random.Random) -> list[dict]:
    rows: list[dict] = []
    for style, count in pools.STYLE_COUNTS.items():
        for _ in range(count):
            text, source = pools.injection(style, rng)
            rows.append(_row(text, 1, style, source, "en", "injection"))
    for lang in pools.FOREIGN:
        for _ in range(pools.FOREIGN_EACH):
            text, source, style = pools.foreign_injection(lang, rng)
            rows.append(_row(text, 1, style, source, lang, "injection"))
        for kind in ("ordinary", "hard"):
            for _ in range(pools.FOREIGN_NEG[kind]):
                text, source = pools.foreign_negative(lang, kind, rng)
                rows.append(_row(text, 0, "benign", source, lang, kind))
    for kind, count in (("ordinary", pools.ORDINARY), ("hard", pools.HARD)):
        for _ in range(count):
            text, source = pools.negative(kind, rng)
            rows.append(_row(text, 0, "benign", source, "en", kind))
    return rows


def build() -> str:
    rng = random.Random(SEED)
    rows = hand_rows() + composed_rows(rng)
    seen: set[str] = set()
    unique = []
    for r in rows:
        if r["text"] not in seen:
            seen.add(r["text"])
            unique.append(r)
    rng.shuffle(unique)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unique)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}")
