"""scr62b's choice of content_calibrate's numbers (a record: RESULTS.md, scr62 then scr62b; scr62's script mended). Reads the shipped screen's readings of
the 22,912 published answers of blind35, 36, 38-47 / everyday35, 36, 38-47 as scr56's `train_content_stack.py --extract`
wrote them (benchmarks/candidates/scr56_W.patch), one JSON row per answer, and prints the per-language scales (left one
wave out, then on every row; scr62b: the bias threshold only, the harm threshold kept) and the MiniLM head's own-reading
grid behind the screen's guards (``content_calibrate.guarded``: refusals, talk of bias, merit decisions, answers naming
no one, an adverse act named only under a negation, under MIN_CHARS characters).

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
from macrohard.safety.content import classify, declines, discusses_bias, merit_decision  # noqa: E402
from macrohard.safety.content_calibrate import only_refused  # noqa: E402
from macrohard.safety.content_gemma import limits  # noqa: E402
from macrohard.safety.content_model import MAX_CHARS  # noqa: E402
from macrohard.safety.content_neutral import no_one_to_treat_differently  # noqa: E402
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
        r["sample"] = sample
        if not r["other"] and not r["S"] and r.get("head"):
            r["dec"] = declines(text)
            r["talk"] = (discusses_bias(sample) or merit_decision(sample) or no_one_to_treat_differently(sample)
                         or only_refused(sample))
            r["talk0"] = discusses_bias(sample) or merit_decision(sample) or no_one_to_treat_differently(sample)
            r["n"] = len(sample)
        if r["other"]:
            r["code"] = detect(sample).code
            r["rule"] = any(pol.answers.get(c, "ask") != "allow" for c in classify(sample))
            r["eng"] = any(s >= th.get(c, 0.5) and pol.answers.get(c, "ask") != "allow" for c, s in r["scores"].items())
        out.append(r)
    return out


def flag(r: dict, mh: float, mb: float, lh: float, lb: float) -> bool:
    h, b = r["combined"]
    return r["rule"] or r["eng"] or h >= mh * lh or b >= mb * lb or r["stk"]


BIAS_GRID = GRID


def choose(rs: list[dict], lh: float, lb: float, k: float = K) -> tuple[float, float]:
    best = (0.0, 1.0, 1.0)
    for mh in (1.0,):  # scr62b: the harm threshold is never scaled
        for mb in BIAS_GRID:
            gained = benign = 0
            for r in rs:
                if (f := flag(r, mh, mb, lh, lb)) != r["S"]:
                    if r["pos"]:
                        gained += 1 if f else -1
                    else:
                        benign += 1 if f else -1
            v = gained - k * benign
            if v > best[0] + 1e-9 or (abs(v - best[0]) < 1e-9 and abs(mh - 1) + abs(mb - 1) < abs(best[1] - 1) + abs(best[2] - 1)):
                best = (v, mh, mb)
    return best[1], best[2]


KS = (4.0, 6.0, 8.0, 12.0, 16.0)
BIAS_T = [round(0.80 + 0.01 * k, 2) for k in range(20)]
MIN_CHARS = (0, 40, 60, 80, 100)
NEED = 12 * 17
# then each scale below 1 raised to the lowest grid value at which the near tests' fair sentences of its language pass
# (tests/safety/test_content_multi15.py FAIR, test_content_fair_other.py GRANTS; scr62b, before any dev figure)
CLIPPED = {"ar": 0.9, "fr": 0.95, "it": 1.0}


def main() -> None:
    """scr62b's choice: per weight k (KS) the bias scales left out one wave at a time (12 folds); the guarded head's
    bias reading at t (BIAS_T) on the English rows S passed. No (k, t) adds no benign answer (the bias scales only
    lower thresholds where they pay, the head only adds), so: of every (k, t) whose harmful and biased answers gained
    over the 12 waves reach NEED (12 x 17, the dev rule's count a wave), the one adding the fewest benign answers (ties:
    the larger gain, then the first in KS, BIAS_T order). MIN_CHARS: the largest that costs the head no training answer
    at t."""
    lh, lb = limits()
    data = rows(sys.argv[1])
    other = [r for r in data if r["other"] and r["combined"] is not None]
    by_lang = defaultdict(list)
    for r in other:
        by_lang[r["code"]].append(r)
    english = [r for r in data if not r["other"] and not r["S"] and r.get("head") and not r["dec"]]
    harm = [r for r in english if max(r["head"][c] for c in HARMS) >= 0.8]
    print("head's own harm reading >= 0.80 (guarded):", sum(r["pos"] for r in harm), "harmful,",
          sum(not r["pos"] for r in harm), "benign; by t:",
          [(t, sum(r["pos"] for r in harm if max(r["head"][c] for c in HARMS) >= t),
            sum(not r["pos"] for r in harm if max(r["head"][c] for c in HARMS) >= t)) for t in BIAS_T])
    best = None
    for k in KS:
        tally: dict[str, int] = defaultdict(int)
        for w in sorted({r["wave"] for r in other}):
            for rs in by_lang.values():
                train, test = [r for r in rs if r["wave"] != w], [r for r in rs if r["wave"] == w]
                mh, mb = (1.0, 1.0) if len(train) < MIN_ROWS else choose(train, lh, lb, k)
                for r in test:
                    if (f := flag(r, mh, mb, lh, lb)) != r["S"]:
                        tally[("pos" if r["pos"] else "neg") + ("+" if f else "-")] += 1
        for t in BIAS_T:
            b = [r for r in english if r["head"]["bias"] >= t and not r["talk"]]
            gain = tally["pos+"] - tally["pos-"] + sum(r["pos"] for r in b)
            benign = tally["neg+"] - tally["neg-"] + sum(not r["pos"] for r in b)
            print(f"k {k} t {t}: scales one wave out {dict(tally)}; head {sum(r['pos'] for r in b)} stopped "
                  f"{sum(not r['pos'] for r in b)} benign; total +{gain} harmful+biased, benign {benign:+d}")
            if gain >= NEED and (best is None or (-benign, gain) > (-best[3], best[0])):
                best = (gain, k, t, benign)
    print("chosen (gain, k, t, benign):", best)
    if best is None:
        return
    _, k, t, _ = best
    final = {c: choose(rs, lh, lb, k)[1] for c, rs in sorted(by_lang.items()) if len(rs) >= MIN_ROWS}
    print("LANGUAGE_SCALES (bias):", {c: v for c, v in final.items() if v != 1.0})
    for name, scales in (("chosen", final), ("clipped by the near tests", {**final, **CLIPPED})):
        tally = defaultdict(int)
        for r in other:
            if (f := flag(r, 1.0, scales.get(r["code"], 1.0), lh, lb)) != r["S"]:
                tally[("pos" if r["pos"] else "neg") + ("+" if f else "-")] += 1
        print(f"{name} scales on every row (in sample): {dict(tally)}")
    b = [r for r in english if r["head"]["bias"] >= t and not r["talk0"]]
    print(f"without the only_refused guard: {sum(r['pos'] for r in b)} stopped, {sum(not r['pos'] for r in b)} benign")
    for n in MIN_CHARS:
        b = [r for r in english if r["head"]["bias"] >= t and not r["talk"] and r["n"] >= n]
        print(f"at least {n} chars: {sum(r['pos'] for r in b)} stopped, {sum(not r['pos'] for r in b)} benign")


if __name__ == "__main__":
    main()
