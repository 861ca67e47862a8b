"""The answer screen's per-row readings on published sets, and three questions asked of them (scr48's tools).

    PYTHONPATH=src python scripts/screen_readings48.py extract /tmp/r.json blind40 everyday40 [--th bias=0.65 ...]
    PYTHONPATH=src python scripts/screen_readings48.py paths /tmp/r.json        # which path flags the benign rows
    PYTHONPATH=src python scripts/screen_readings48.py agree /tmp/r.json        # a two-heads-agree rule, grid
    PYTHONPATH=src python scripts/screen_readings48.py thresholds /tmp/r.json   # per-category steps, out of fold
    PYTHONPATH=src python scripts/screen_readings48.py warns /tmp/r.json        # a warner's mark, other languages

``extract`` screens every row as ``benchmarks/content.py`` does (the policy's thresholds, or ``--th`` overrides) and
keeps, per row: the verdict, the final scores, and for an answer not in English the multilingual and Gemma heads'
own scores and their combined (harm, bias) readings. ``paths`` says which path flagged each benign row (the
other-language heads, an English score, the English combined harmful score, the stack, a rule) by language.
``agree`` re-decides the other-language harm path with each head's harm reading at least a floor and the combined
threshold and weight re-chosen, against S's stopped and benign counts (the stack's interplay left out).
``thresholds`` applies scr46's rule (per category, the lowest 0.01 step at which no benign row is newly flagged) on
all but one set pair and reads the held-out pair. ``warns``: of the answers stopped by the other-language heads' harm
reading alone, how many carry a warner's mark (a word for a scam and a word of caution, ~25 languages; written by
scr48 after reading blind41's look-alikes, so blind41 is no clean set for it). Never give it a sealed set:
sealed names (blind42*, everyday42*) are refused.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")


def _path(row: dict) -> str:
    paths = set()
    for why in row["found"].values():
        if "other-language head" in why:
            paths.add("other-language heads")
        elif "readings together" in why:
            paths.add("stack")
        elif "combined harmful score" in why:
            paths.add("English combined harm")
        elif "(score" in why:
            paths.add("English score")
        else:
            paths.add("rule")
    return "+".join(sorted(paths))


def extract(out: Path, names: list[str], overrides: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from content import load

    from macrohard.safety import content_gemma, content_multi
    from macrohard.safety.content import screen_text
    from macrohard.safety.gemma_table import available
    from macrohard.safety.lang import detect
    from macrohard.safety.policy import load_policy

    policy = load_policy()
    thresholds = dict(policy.answer_thresholds)
    for item in overrides:
        key, value = item.split("=")
        thresholds[key] = float(value)
    rows = []
    for name in names:
        if name.startswith(("blind42", "everyday42")):
            raise SystemExit(f"{name} is sealed: never read")
        for label, kind, text in load(ROOT / "benchmarks" / "content" / f"{name}.tsv"):
            verdict = screen_text(text, thresholds)
            language = detect(text)
            row = {"set": name, "label": label, "kind": kind, "lang": language.code, "other": language.other,
                   "found": verdict.found, "scores": verdict.scores, "text": text,
                   "stopped": any(policy.answers.get(c, "ask") != "allow" for c in verdict.found)}
            if language.other and available():
                multi = content_multi.shipped().scores(text)
                row["multi"], row["gemma"] = multi, content_gemma.shipped().scores(text)
                row["read"] = content_gemma.readings(text, multi)
            rows.append(row)
        print(f"{name}: {sum(r['set'] == name for r in rows)} rows", flush=True)
    out.write_text(json.dumps(rows))


def paths(rows: list[dict]) -> None:
    for name in sorted({r["set"] for r in rows}):
        these = [r for r in rows if r["set"] == name]
        bad = [r for r in these if r["label"] != "benign"]
        benign = [r for r in these if r["label"] == "benign"]
        print(f"{name}: harmful+biased stopped {sum(r['stopped'] for r in bad)}/{len(bad)}; benign flagged "
              f"{sum(r['stopped'] for r in benign)}/{len(benign)}")
    flagged = [r for r in rows if r["label"] == "benign" and r["stopped"]]
    print("benign flagged by path:", dict(collections.Counter(_path(r) for r in flagged).most_common()))
    print("benign flagged by category:", dict(collections.Counter(c for r in flagged for c in r["found"]).most_common()))
    print("benign flagged by language:", dict(collections.Counter(r["lang"] for r in flagged).most_common()))


def _harm(scores: dict[str, float]) -> float:
    return max(scores.get("any_harm", 0.0), *(scores.get(c, 0.0) for c in HARMS))


def agree(rows: list[dict]) -> None:
    from macrohard.safety import content_gemma
    from macrohard.safety.content import REFUSAL_DISCOUNT
    from macrohard.safety.content_covert import lift_harm
    from macrohard.safety.content_declines_other import declines_other

    harm_limit, bias_limit = content_gemma.limits()
    other = [r for r in rows if r["other"] and "read" in r]
    for r in other:
        r["m"], r["g"], r["declines"] = _harm(r["multi"]), _harm(r["gemma"]), declines_other(r["text"])
        r["by_others"] = any("other-language head" not in why for why in r["found"].values())

    weights = (0.5, 0.6, 0.7, 0.8)
    for r in other:  # the screen's lifts and discounts, once per weight (a regex pass each)
        means = {w: w * r["m"] + (1 - w) * r["g"] for w in weights}
        r["harm"] = {w: m * REFUSAL_DISCOUNT if r["declines"] else lift_harm(m, r["text"]) for w, m in means.items()}

    def count(weight: float, limit: float, floor: float) -> tuple[int, int]:
        stopped = benign = 0
        for r in other:
            hit = r["by_others"] or r["read"][1] >= bias_limit or (
                r["harm"][weight] >= limit and min(r["m"], r["g"]) >= floor)
            stopped += hit and r["label"] != "benign"
            benign += hit and r["label"] == "benign"
        return stopped, benign

    base = count(0.5, harm_limit, 0.0)
    print(f"S on {len(other)} other-language rows: harmful+biased stopped {base[0]}, benign flagged {base[1]}")
    grid = [(count(w, t / 100, f), w, t / 100, f) for w in weights for t in range(38, 57, 1)
            for f in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3)]
    front = sorted((g for g in grid if g[0][1] <= base[1]), key=lambda g: -g[0][0])[:10]
    for (s, b), w, t, f in front:
        print(f"  weight {w} threshold {t:.2f} floor {f}: stopped {s - base[0]:+d}, benign {b - base[1]:+d}")


def thresholds(rows: list[dict]) -> None:
    from macrohard.safety.policy import load_policy

    shipped = dict(load_policy().answer_thresholds)
    categories = [c for c in shipped if c in (*HARMS, "bias")]

    def added(these: list[dict], limits: dict[str, float]) -> tuple[int, int]:
        new = [r for r in these if not r["stopped"] and any(r["scores"].get(c, 0.0) >= limits[c] for c in categories)]
        return sum(r["label"] != "benign" for r in new), sum(r["label"] == "benign" for r in new)

    def choose(these: list[dict]) -> dict[str, float]:
        limits = dict(shipped)
        for c in categories:
            step = shipped[c]
            while step - 0.01 > 0.05 and added(these, {**shipped, c: round(step - 0.01, 2)})[1] == 0:
                step = round(step - 0.01, 2)
            limits[c] = step
        return limits

    folds = sorted({r["set"][-2:] for r in rows})
    for fold in folds:
        train = [r for r in rows if r["set"][-2:] != fold]
        test = [r for r in rows if r["set"][-2:] == fold]
        limits = choose(train)
        moved = {c: limits[c] for c in categories if limits[c] != shipped[c]}
        print(f"held out *{fold}: {moved}; in fold {added(train, limits)}, held out {added(test, limits)} "
              f"(harmful+biased added, benign added)")


_SCAM = re.compile(r"(scam|fraud|phishing|estafa|fraude|timo|golpe|golpista|arnaque|escroquerie|escroc|hameçonnage|betrug|betrüger|masche|enkeltrick|truffa|truffator|oplicht|oszust|мошенн|шахра|dolandırıc|penipu|احتيال|نصب|הונא|עוקץ|詐欺|诈骗|骗局|杀猪盘|사기|스미싱|피싱|csaló|csalás|țeap|teap|podvod|bedrägeri|bedragare|lừa đảo|หลอกลวง|มิจฉาชีพ|धोखाधड़ी|ठगी|utapeli|matapeli)", re.I)
_CAUTION = re.compile(r"(cuidado|nunca|ojo|atenção|atencao|attention|jamais|vorsicht|niemals|attenzione|pas op|let op|nooit|uwaga|nigdy|осторожн|никогда|обережн|ніколи|dikkat|asla|hati-hati|hati2|jangan|انتبه|احذر|זהירות|注意|絶対|小心|不要|조심|절대|vigyáz|soha|atenție|atentie|niciodată|pozor|nikdy|cẩn thận|đừng|ระวัง|อย่า|सावधान|tahadhari|ingat|careful|never|don't)", re.I)


def warns(rows: list[dict]) -> None:
    only = [r for r in rows if r["other"] and r["stopped"] and "bias" not in r["found"]
            and all("other-language head" in why for why in r["found"].values())]
    marked = [r for r in only if _SCAM.search(r["text"]) and _CAUTION.search(r["text"])]
    print(f"stopped by the other-language heads' harm reading alone: {len(only)}; with a warner's mark: benign "
          f"{sum(r['label'] == 'benign' for r in marked)} of {sum(r['label'] == 'benign' for r in only)}, harmful "
          f"{sum(r['label'] != 'benign' for r in marked)} of {sum(r['label'] != 'benign' for r in only)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract")
    e.add_argument("out", type=Path)
    e.add_argument("sets", nargs="+")
    e.add_argument("--th", action="append", default=[], metavar="CATEGORY=VALUE")
    for name in ("paths", "agree", "thresholds", "warns"):
        sub.add_parser(name).add_argument("rows", type=Path, nargs="+")
    args = ap.parse_args()
    if args.cmd == "extract":
        extract(args.out, args.sets, args.th)
        return
    rows = [r for p in args.rows for r in json.loads(p.read_text())]
    {"paths": paths, "agree": agree, "thresholds": thresholds, "warns": warns}[args.cmd](rows)


if __name__ == "__main__":
    main()
