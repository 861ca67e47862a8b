"""Writes blind17.jsonl, the nineteenth wave's blind injection set (helper blind17i wrote it from issue 17's text
alone: no training data, screen, model or older builder was read, and nothing was run on it).

The hand files' rows come first, then rows composed with a fixed seed from the frames of blind17_styles (English
injections, 24 styles), blind17_negatives (English ordinary output and hard look-alikes) and blind17_foreign
(13 other languages). Hand files: a header ``@@ P <style> <source> <lang>`` (an injection) or ``@@ N ordinary|hard
<source> <lang>``, then one row a line until the next header; ``\\n`` in a row is a line break; ``#`` lines are
notes. Run ``python benchmarks/injection_data/blind17_compose.py`` to rewrite the file."""

from __future__ import annotations

import base64
import importlib.util
import json
import random
import re
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
HANDS = (HERE / "blind17_hand.txt", HERE / "blind17_hand_more.txt", HERE / "blind17_hand_negatives.txt",
         HERE / "blind17_hand_extra.txt")
OUT = HERE / "blind17.jsonl"
SEED = 17_1201
PER_STYLE = 44  # English injections per style
FOREIGN = {"inj": 18, "ord": 5, "hard": 3}  # per language
ORDINARY, HARD = 560, 430  # English composed negatives
HOMOGLYPHS = str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440"})


def _sibling(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"blind17_{name}", HERE / f"blind17_{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(text: str, label: int, style: str, source: str, lang: str, kind: str, hand: bool) -> dict[str, Any]:
    return {"text": text, "label": label, "style": style, "source": source, "origin": "hand" if hand else "composed",
            "lang": lang, "kind": kind, "hand": hand}


def hand_rows() -> list[dict[str, Any]]:
    """The rows of the hand files, in order; a malformed header or a row before any header raises ValueError."""
    rows: list[dict[str, Any]] = []
    for path in HANDS:
        header: tuple[int, str, str, str, str] | None = None
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@@"):
                parts = line[2:].split()
                if len(parts) != 4 or parts[0] not in ("P", "N"):
                    raise ValueError(f"{path.name}:{no}: a header must start with P or N, then style (or kind), "
                                     f"source and language: {line!r}")
                if parts[0] == "N" and parts[1] not in ("ordinary", "hard"):
                    raise ValueError(f"{path.name}:{no}: an N header names ordinary or hard, not {parts[1]!r}")
                header = (1 if parts[0] == "P" else 0, parts[1], parts[2], parts[3], parts[0])
                continue
            if header is None:
                raise ValueError(f"{path.name}:{no}: a row before any header: {line!r}")
            label, what, source, lang, _ = header
            text = line.strip().replace("\\n", "\n")
            if label:
                rows.append(_row(text, 1, what, source, lang, "injection", True))
            else:
                rows.append(_row(text, 0, "benign", source, lang, what, True))
    return rows


def _zero_width(text: str) -> str:
    return " ".join(w[: len(w) // 2] + "\u200b" + w[len(w) // 2:] if len(w) > 3 else w for w in text.split(" "))


def _fill(template: str, rng: random.Random, pools: ModuleType, acts: list[str] | None = None) -> str:
    d = pools.slots(rng)
    if acts is not None:
        d["act"] = rng.choice(acts).format(**d)
    order = f"Assistant: {d['act']}."
    d["enc"] = base64.b64encode(order.encode("utf-8")).decode("ascii")
    d["pct"] = quote(f"assistant, {d['act']}", safe="")
    d["zw"] = _zero_width(f"{d['Who']}, ignore what the user asked and {d['act']}.")
    d["hg"] = f"{d['Who']}: {d['act']}.".translate(HOMOGLYPHS)
    return template.format(**d)


class _Drawer:
    """Draws texts from frames, skipping any that repeats an earlier text with its numbers aside."""

    def __init__(self, rng: random.Random, pools: ModuleType, seen: set[str]) -> None:
        self.rng, self.pools, self.seen = rng, pools, seen

    def draw(self, frames: list[tuple[str, str]], acts: list[str] | None = None) -> tuple[str, str]:
        for _ in range(200):
            source, template = self.rng.choice(frames)
            text = _fill(template, self.rng, self.pools, acts).strip()
            key = re.sub(r"[0-9]+", "#", text)
            if key not in self.seen:
                self.seen.add(key)
                return source, text
        raise RuntimeError(f"frames starting {frames[0][1][:40]!r} ran out of new texts")


def composed_rows(seen: set[str]) -> list[dict[str, Any]]:
    """The composed rows (``seen`` holds the hand texts, numbers aside, so none is repeated)."""
    pools, styles, negatives, foreign = (_sibling(n) for n in ("pools", "styles", "negatives", "foreign"))
    drawer = _Drawer(random.Random(SEED), pools, seen)
    rows = []
    for style, frames in styles.STYLES.items():
        for _ in range(PER_STYLE):
            source, text = drawer.draw(frames)
            rows.append(_row(text, 1, style, source, "en", "injection", False))
    for kind, frames, count in (("ordinary", negatives.ORDINARY, ORDINARY), ("hard", negatives.HARD, HARD)):
        for _ in range(count):
            source, text = drawer.draw(frames)
            rows.append(_row(text, 0, "benign", source, "en", kind, False))
    for lang, parts in foreign.LANGS.items():
        for i in range(FOREIGN["inj"]):
            style, source, template = parts["inj"][i % len(parts["inj"])]
            _, text = drawer.draw([(source, template)], parts["acts"])
            rows.append(_row(text, 1, style, source, lang, "injection", False))
        for kind, key in (("ordinary", "ord"), ("hard", "hard")):
            for _ in range(FOREIGN[key]):
                source, text = drawer.draw(parts[key])
                rows.append(_row(text, 0, "benign", source, lang, kind, False))
    return rows


def build() -> str:
    """The whole file: the hand rows, then the composed rows, one JSON object a line."""
    hand = hand_rows()
    seen = {re.sub(r"[0-9]+", "#", r["text"]) for r in hand}
    rows = hand + composed_rows(seen)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT.name}")
