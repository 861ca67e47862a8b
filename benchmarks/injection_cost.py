"""Where the injection screen's CPU time goes: per stage, by size band and language group (issue 17, inj34).

Screens every text of the chosen published injection sets once with the shipped screen (``screen_injection``) and
splits each screen's CPU time (``time.thread_time``, the screening thread) into stages:
  normalise  ``sample`` + ``normalise`` (line breaks, zero-width, confusables, HTML, base64)
  rules      every rule module (what is left of the screen once the other stages are taken out)
  ngram      the n-gram classifier's score (``classifier.load().score``)
  vote       the embedding vote (``injection_embed.vote``: MiniLM windows, the multilingual and Gemma heads)
  frame      the frame re-score of texts that quote what they report (``frame_score``, its own n-gram + vote inside)
and prints p50/p99 ms per KB and ms per text per size band (< 256 B, 256 B-1 KB, 1-8 KB, 8-64 KB, > 64 KB, the
last from the bad inputs of ``benchmarks/injection.py``) and language group (en / other), plus the mean share of
each stage. The stage timers wrap module attributes, so the screen's code is the one that ships.

    PYTHONPATH=src python benchmarks/injection_cost.py [--set blind27 --set blind28] [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from macrohard.safety import injection, injection_embed  # noqa: E402
from macrohard.safety import injection_frame as frame_mod  # noqa: E402
from macrohard.safety.classifier import load  # noqa: E402

BANDS = (("< 256 B", 0, 256), ("256 B-1 KB", 256, 1024), ("1-8 KB", 1024, 8192), ("8-64 KB", 8192, 65536),
         ("> 64 KB", 65536, 1 << 62))
STAGES = ("normalise", "rules", "ngram", "vote", "frame")


class Timer:
    def __init__(self):
        self.acc = dict.fromkeys(STAGES, 0.0)
        self.depth = 0  # the frame stage calls the scorer again: counted in frame only

    def wrap(self, stage, fn):
        def timed(*a, **k):
            if self.depth:
                return fn(*a, **k)
            self.depth += 1
            t = time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                self.acc[stage] += time.thread_time() - t
                self.depth -= 1
        return timed


def install(timer: Timer) -> None:
    injection.sample = timer.wrap("normalise", injection.sample)
    injection.normalise = timer.wrap("normalise", injection.normalise)
    injection.frame_score = timer.wrap("frame", injection.frame_score)
    model = load()
    ngram = timer.wrap("ngram", model.score)
    vote = timer.wrap("vote", injection_embed.vote)

    def scorer(flat: str) -> float:  # what ``injection_frame._default_scorer`` does, each half timed
        return vote(ngram(flat), flat)

    injection._default_scorer = scorer
    frame_mod._default_scorer = scorer


def rows_of(names: list[str]) -> list[dict]:
    rows = []
    for name in names:
        path = ROOT / "injection_data" / f"{name}.jsonl"
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def bad_inputs() -> list[tuple[str, str]]:
    from injection import _bad_inputs  # benchmarks/injection.py: huge, binary, deeply nested HTML, other scripts

    return list(_bad_inputs())


def measure(texts: list[tuple[str, str]]) -> list[dict]:
    timer = Timer()
    install(timer)
    injection.screen_injection("warm up: load the models once")
    out = []
    for lang, text in texts:
        timer.acc = dict.fromkeys(STAGES, 0.0)
        t = time.thread_time()
        s = injection.screen_injection(text)
        total = (time.thread_time() - t) * 1000
        st = {k: v * 1000 for k, v in timer.acc.items()}
        st["rules"] = max(0.0, total - sum(st[k] for k in STAGES if k != "rules"))
        out.append({"bytes": max(len(text.encode()), 1), "lang": "en" if lang == "en" else "other", "ms": total,
                    "stages": st, "score": s.score, "sampled": s.sampled})
    return out


def summary(part: list[dict]) -> str:
    if not part:
        return "n=0"
    per_kb = sorted(r["ms"] * 1024 / r["bytes"] for r in part)
    per = sorted(r["ms"] for r in part)

    def q(v, p):
        return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]

    tot = sum(r["ms"] for r in part) or 1.0
    shares = " ".join(f"{k} {100 * sum(r['stages'][k] for r in part) / tot:4.1f}%" for k in STAGES)
    return (f"n={len(part):5d}  ms/KB p50 {q(per_kb, 50):7.2f} p99 {q(per_kb, 99):7.2f}   "
            f"ms/text p50 {q(per, 50):6.2f} p99 {q(per, 99):7.2f}   | {shares}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", action="append", default=None, metavar="NAME")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    names = args.set or ["blind27", "blind28"]
    rows = rows_of(names)
    if args.limit:
        rows = rows[: args.limit]
    texts = [(r.get("lang", "en"), r["text"]) for r in rows] + [("en", t) for _, t in bad_inputs()]
    print(f"sets {' + '.join(names)}: {len(rows)} texts + {len(texts) - len(rows)} bad inputs; "
          f"load {os.getloadavg()[0]:.2f}; CPU time of the screening thread")
    res = measure(texts)
    print(f"{'all':12s} {summary(res)}")
    for name, lo, hi in BANDS:
        print(f"{name:12s} {summary([r for r in res if lo <= r['bytes'] < hi])}")
    for g in ("en", "other"):
        print(f"{g:12s} {summary([r for r in res if r['lang'] == g and r['bytes'] < 65536])}")
    if args.json:
        Path(args.json).write_text(json.dumps(res), encoding="utf-8")


if __name__ == "__main__":
    main()
