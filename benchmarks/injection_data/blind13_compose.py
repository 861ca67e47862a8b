"""Compose blind13.jsonl, the fifteenth wave's blind injection set (written blind by helper blind13i).

``python benchmarks/injection_data/blind13_compose.py`` rewrites the file; ``build()`` returns its exact text (the
test regenerates it byte for byte). Rows: the hand-written ones of ``blind13_hand.txt`` (injections) and
``blind13_hand_negatives.txt`` (ordinary and hard) plus composed ones: English
injections in 30 styles planted in 20 kinds of tool output (``blind13_styles``, ``blind13_parts``), orders in 19 other
languages (``blind13_foreign``), ordinary outputs, and hard look-alikes that quote or discuss attacks
(``blind13_hard``). Seeded; nothing here was tuned against a screen, and no screen or model was run on the result.

Hand files: ``@@ P <style> <source> <lang>`` or ``@@ N <ordinary|hard> <source> <lang>`` opens a block; each further
non-empty line is one row (``\\n`` is a line break); ``#`` lines are comments."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import blind13_foreign as F  # noqa: E402
import blind13_hard as H  # noqa: E402
import blind13_parts as P  # noqa: E402
import blind13_styles as S  # noqa: E402

HANDS = (HERE / "blind13_hand.txt", HERE / "blind13_hand_negatives.txt")
OUT = HERE / "blind13.jsonl"
SEED = 1315
N_EN, N_FOREIGN, N_ORDINARY, N_FOREIGN_ORDINARY, N_QUOTING = 900, 250, 540, 60, 400


def _row(text: str, label: int, style: str, source: str, origin: str, lang: str, kind: str) -> dict:
    return {"text": text, "label": label, "style": style, "source": source, "origin": origin, "lang": lang,
            "kind": kind, "hand": origin == "hand"}


def hand_rows() -> list[dict]:
    """The rows of the hand-written files, in file order; a malformed header raises ValueError."""
    return [row for path in HANDS for row in _hand_file(path)]


def _hand_file(path: Path) -> list[dict]:
    rows, head = [], None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@@"):
            parts = line[2:].split()
            if len(parts) != 4 or parts[0] not in ("P", "N"):
                raise ValueError(f"{path.name}:{n}: a header must start with P or N and name style, source, lang")
            if parts[0] == "N" and parts[1] not in ("ordinary", "hard"):
                raise ValueError(f"{path.name}:{n}: a negative block is ordinary or hard, not {parts[1]!r}")
            head = parts
            continue
        if head is None:
            raise ValueError(f"{path.name}:{n}: a row before any header")
        text = line.replace("\\n", "\n").strip()
        if head[0] == "P":
            rows.append(_row(text, 1, head[1], head[2], "hand", head[3], "injection"))
        else:
            rows.append(_row(text, 0, "benign", head[2], "hand", head[3], head[1]))
    return rows


def _injections(r: random.Random) -> list[dict]:
    rows = []
    for i in range(N_EN):
        style, source = S.STYLES[i % len(S.STYLES)], r.choice(P.SOURCES)
        rows.append(_row(P.carry(r, source, S.render(r, style, P.fill)), 1, style, source, "composed", "en", "injection"))
    langs = sorted(F.ORDERS)
    for i in range(N_FOREIGN):
        lang = langs[i % len(langs)]
        style, order = r.choice(F.ORDERS[lang])
        source = r.choice(P.SOURCES)
        frags = [P.fill(r, order)]
        if lang in F.ORDINARY and r.random() < .7:
            frags.insert(0, P.fill(r, r.choice(F.ORDINARY[lang])))
        rows.append(_row(P.carry(r, source, frags), 1, style, source, "composed", lang, "injection"))
    return rows


def _negatives(r: random.Random) -> list[dict]:
    rows = []
    for _ in range(N_ORDINARY):
        source = r.choice(P.SOURCES)
        rows.append(_row(P.carry(r, source), 0, "benign", source, "composed", "en", "ordinary"))
    langs = sorted(F.ORDINARY)
    for i in range(N_FOREIGN_ORDINARY):
        lang, source = langs[i % len(langs)], r.choice(P.SOURCES)
        frags = [P.fill(r, line) for line in r.sample(F.ORDINARY[lang], min(2, len(F.ORDINARY[lang])))]
        rows.append(_row(P.carry(r, source, frags), 0, "benign", source, "composed", lang, "ordinary"))
    for i in range(N_QUOTING):
        source, frame = H.QUOTING[i % len(H.QUOTING)]
        atk = " ".join(S.render(r, S.STYLES[r.randrange(len(S.STYLES))], P.fill)).replace("\n", " ")
        vals = {"atk": atk, "atk_json": json.dumps(atk, ensure_ascii=False), "hex": f"{r.getrandbits(40):010x}",
                "name": P.person(r), "first": r.choice(P.FIRST).lower(), "time": P.clock(r), "n": r.randint(3, 9999),
                "day": f"{r.randint(1, 29):02d}", "org_dom": r.choice(P.ORGS).split()[0].lower(),
                "slug": f"{r.choice(('shop', 'mail', 'cal', 'wiki'))}-bot-{r.randint(1, 99)}"}
        lead = H.LEADS[source].format(section=r.choice(H.SECTIONS), repo=r.choice(H.REPOS), query=r.choice(H.QUERIES),
                                      org="{org}", date="{date}", name="{name}", n="{n}", product="{product}")
        text = frame.format(**vals)
        rows.append(_row(P.fill(r, lead) + "\n" + text if lead else text, 0, "benign", source, "composed", "en", "hard"))
    for source, text in H.PLAIN:
        for _ in range(1 + 3 * ("{" in text)):
            rows.append(_row(P.fill(r, text.replace("{first}", r.choice(P.FIRST).lower())), 0, "benign", source,
                             "composed", "en", "hard"))
    for lang, source, text in H.FOREIGN:
        for _ in range(1 + 2 * ("{" in text)):
            rows.append(_row(P.fill(r, text.replace("{first}", r.choice(P.FIRST).lower())), 0, "benign", source,
                             "composed", lang, "hard"))
    return rows


def build() -> str:
    r = random.Random(SEED)
    rows, seen = [], set()
    for row in [*hand_rows(), *_injections(r), *_negatives(r)]:
        if row["text"] not in seen:  # a composed row that repeats another is dropped, never rewritten
            seen.add(row["text"])
            rows.append(row)
    r.shuffle(rows)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    counts = {}
    for row in map(json.loads, OUT.read_text(encoding="utf-8").splitlines()):
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    print(OUT.name, sum(counts.values()), "rows:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
