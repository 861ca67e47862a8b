"""scr62's choice of content_calibrate's numbers (a record: RESULTS.md, scr62). Reads the shipped screen's readings of
the 22,912 published answers of blind35, 36, 38-47 / everyday35, 36, 38-47 as scr56's `train_content_stack.py --extract`
wrote them (benchmarks/candidates/scr56_W.patch), one JSON row per answer, and prints the per-language scales (left one
wave out, then on every row) and the MiniLM head's own-reading grid.

    PYTHONPATH=src python scripts/scr62_calibrate.py stack_readings.jsonl
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from content import load  # noqa: E402

from macrohard.safety import content_stack  # noqa: E402
from macrohard.safety.content import classify  # noqa: E402
from macrohard.safety.content_gemma import limits  # noqa: E402
from macrohard.safety.content_model import MAX_CHARS  # noqa: E402
from macrohard.safety.lang import detect  # noqa: E402
from macrohard.safety.policy import load_policy  # noqa: E402

K, MIN_ROWS = 4.0, 150
GRID = [round(0.7 + 0.05 * k, 2) for k in range(15)]
HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")


def rows(path: str) -> list[dict]:
    pol = load_policy()
    th, stack, (lh, lb) = pol.answer_thresholds, content_stack.shipped(), limits()
    texts: dict[str, list] = {}
    out = []
    for line in open(path):
        r = json.loads(line)
        if r["set"] not in texts:
            texts[r["set"]] = load(Path("benchmarks/content") / f"{r['set']}.tsv")
        text = texts[r["set"]][r["i"]][2]
        sample = text if len(text) <= MAX_CHARS else text[: MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
        lim = {c: th.get(c, 0.5) for c in r["scores"]}
        _, ratio = content_stack.strongest(r["scores"], lim, r["combined"], (lh, lb))
        r["stk"] = ((not r["other"] or r["combined"] is not None) and ratio >= content_stack.GATE
                    and stack.probability(content_stack.features(r["scores"], r["other"], r["combined"])) >= stack.threshold)
        r["S"] = bool(r["s0"] or r["stk"])
        r["pos"], r["wave"] = r["label"] != "benign", re.sub(r"\D", "", r["set"])
        if r["other"]:
            r["code"] = detect(sample).code
            r["rule"] = any(pol.answers.get(c, "ask") != "allow" for c in classify(sample))
            r["eng"] = any(s >= th.get(c, 0.5) and pol.answers.get(c, "ask") != "allow" for c, s in r["scores"].items())
        out.append(r)
    return out


def flag(r: dict, mh: float, mb: float, lh: float, lb: float) -> bool:
    h, b = r["combined"]
    return r["rule"] or r["eng"] or h >= mh * lh or b >= mb * lb or r["stk"]


def choose(rs: list[dict], lh: float, lb: float) -> tuple[float, float]:
    best = (0.0, 1.0, 1.0)
    for mh in GRID:
        for mb in GRID:
            gained = benign = 0
            for r in rs:
                if (f := flag(r, mh, mb, lh, lb)) != r["S"]:
                    if r["pos"]:
                        gained += 1 if f else -1
                    else:
                        benign += 1 if f else -1
            v = gained - K * benign
            if v > best[0] + 1e-9 or (abs(v - best[0]) < 1e-9 and abs(mh - 1) + abs(mb - 1) < abs(best[1] - 1) + abs(best[2] - 1)):
                best = (v, mh, mb)
    return best[1], best[2]


def main() -> None:
    lh, lb = limits()
    data = rows(sys.argv[1])
    other = [r for r in data if r["other"] and r["combined"] is not None]
    by_lang = defaultdict(list)
    for r in other:
        by_lang[r["code"]].append(r)
    tally: dict[str, int] = defaultdict(int)
    for w in sorted({r["wave"] for r in other}):
        for rs in by_lang.values():
            train, test = [r for r in rs if r["wave"] != w], [r for r in rs if r["wave"] == w]
            mh, mb = (1.0, 1.0) if len(train) < MIN_ROWS else choose(train, lh, lb)
            for r in test:
                if (f := flag(r, mh, mb, lh, lb)) != r["S"]:
                    tally[("harmful+biased" if r["pos"] else "benign") + (" +" if f else " -")] += 1
    print("per-language scales, one wave left out:", dict(tally))
    final = {c: choose(rs, lh, lb) for c, rs in sorted(by_lang.items()) if len(rs) >= MIN_ROWS}
    print("LANGUAGE_SCALES:", {c: v for c, v in final.items() if v != (1.0, 1.0)})
    english = [r for r in data if not r["other"] and not r["S"] and r.get("head")]
    for t in [round(0.85 + 0.01 * k, 2) for k in range(15)]:
        b = [r for r in english if r["head"]["bias"] >= t]
        h = [r for r in english if max(r["head"][c] for c in HARMS) >= t]
        print(f"head alone at {t}: bias {sum(r['pos'] for r in b)} stopped, {sum(not r['pos'] for r in b)} benign; "
              f"harm {sum(r['pos'] for r in h)} stopped, {sum(not r['pos'] for r in h)} benign")


if __name__ == "__main__":
    main()
