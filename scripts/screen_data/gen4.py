"""Build the fourth-wave screen training data (helper data4, 2026-11-29).

Hand-written items live in ``content_hand4.txt`` and ``injection_hand4.txt`` (one item written at a time).
This script copies them and then composes a seeded minority of extra items from hand-written PARTS
(``parts4.py``), writing ``content_train4.tsv`` and ``injection_train4.jsonl`` in this folder.

    python scripts/screen_data/gen4.py            # rebuild both files (deterministic, seed 4)
    python scripts/screen_data/gen4.py --check    # rebuild in memory, fail if the files differ
    python scripts/screen_data/gen4.py --stats    # counts per label / style / source, hand share
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import parts4 as P  # noqa: E402

SEED = 4
LABELS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam", "bias", "benign")
# totals per content label; the generator tops the hand-written items up to these (never more than 40 %)
CONTENT_TARGET = {**{lab: 61 for lab in LABELS[:8]}, "bias": 201, "benign": 702}
INJ_TARGET_POS = 505
INJ_TARGET_NEG = 605


def read_content_hand() -> list[tuple[str, str, str]]:
    rows = []
    for n, line in enumerate((HERE / "content_hand4.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, kind, text = line.split("|", 2)
        if label not in LABELS or not text.strip() or "\t" in text:
            raise SystemExit(f"content_hand4.txt:{n}: bad line (label {label!r}); fix it to label|kind|text")
        rows.append((label, kind, text.strip()))
    return rows


def read_injection_hand() -> list[dict]:
    rows, cur = [], None
    for n, line in enumerate((HERE / "injection_hand4.txt").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# ") and cur is None:
            continue
        if line.startswith("=== "):
            if cur:
                rows.append(cur)
            parts = line.split()
            if len(parts) != 4 or parts[1] not in ("0", "1"):
                raise SystemExit(f"injection_hand4.txt:{n}: header must be '=== LABEL STYLE SOURCE'")
            cur = {"text": "", "label": int(parts[1]), "style": parts[2], "source": parts[3]}
            continue
        if cur is None:
            raise SystemExit(f"injection_hand4.txt:{n}: text before the first '===' header")
        cur["text"] += ("\n" if cur["text"] else "") + line
    if cur:
        rows.append(cur)
    for r in rows:
        r["text"] = r["text"].strip("\n")
        if (r["label"] == 0) != (r["style"] == "benign"):
            raise SystemExit(f"injection_hand4.txt: style 'benign' goes with label 0 only: {r['text'][:60]!r}")
    return rows


def _unique(rng: random.Random, make, n: int, seen: set) -> list:
    out, tries = [], 0
    while len(out) < n:
        tries += 1
        if tries > n * 200:
            raise SystemExit(f"generator ran out of distinct combinations ({len(out)}/{n}); add more parts")
        item = make(rng)
        key = item if isinstance(item, tuple) else item["text"]
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out


def gen_content(rng: random.Random, seen: set, hand: list) -> list[tuple[str, str, str]]:
    out = []
    have = Counter(lab for lab, _, _ in hand)
    for label, target in CONTENT_TARGET.items():
        n = max(0, target - have[label])
        if label == "bias":
            make = P.make_bias
        elif label == "benign":
            make = P.make_benign
        else:
            def make(r, label=label):
                return P.make_harmful(r, label)
        out += _unique(rng, make, n, seen)
    return out


def gen_injection(rng: random.Random, seen: set, hand: list) -> list[dict]:
    pos = max(0, INJ_TARGET_POS - sum(r["label"] for r in hand))
    neg = max(0, INJ_TARGET_NEG - sum(1 - r["label"] for r in hand))
    return _unique(rng, P.make_injection, pos, seen) + _unique(rng, P.make_negative, neg, seen)


def build() -> tuple[str, str, dict]:
    rng = random.Random(SEED)
    hand_c = read_content_hand()
    hand_i = read_injection_hand()
    seen_c = {(lab, k, t) for lab, k, t in hand_c} | {t for _, _, t in hand_c}
    gen_c = gen_content(rng, seen_c, hand_c)
    seen_i = {r["text"] for r in hand_i}
    gen_i = gen_injection(rng, seen_i, hand_i)
    tsv = "".join(f"{lab}\t{k}\t{t}\n" for lab, k, t in hand_c + gen_c)
    jl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in hand_i + gen_i)
    stats = {"hand_content": len(hand_c), "gen_content": len(gen_c), "hand_injection": len(hand_i),
             "gen_injection": len(gen_i)}
    return tsv, jl, stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the files on disk differ from a rebuild")
    ap.add_argument("--stats", action="store_true", help="print counts per label, style and source")
    a = ap.parse_args()
    tsv, jl, stats = build()
    ct, it = HERE / "content_train4.tsv", HERE / "injection_train4.jsonl"
    if a.check:
        same = ct.exists() and it.exists() and ct.read_text(encoding="utf-8") == tsv \
            and it.read_text(encoding="utf-8") == jl
        print("up to date" if same else "files differ from a rebuild: run gen4.py")
        return 0 if same else 1
    if not a.stats:
        ct.write_text(tsv, encoding="utf-8")
        it.write_text(jl, encoding="utf-8")
    rows = [line.split("\t", 2) for line in tsv.splitlines()]
    inj = [json.loads(line) for line in jl.splitlines()]
    print("content per label:", dict(Counter(r[0] for r in rows)))
    print("injection per label:", dict(Counter(r["label"] for r in inj)))
    print("injection per style:", dict(Counter(r["style"] for r in inj)))
    print("injection per source:", dict(Counter(r["source"] for r in inj)))
    hand = stats["hand_content"] + stats["hand_injection"]
    total = hand + stats["gen_content"] + stats["gen_injection"]
    print(f"{stats} hand-written share {hand / total:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
