"""Injection screen on the HELD-OUT set (benchmarks/injection_data/heldout.jsonl, never tuned on): recall at 1 %
and 0.1 % false positives, AUC, per attack style and per source kind, the policy's operating point, the old
rule-only screen side by side, and latency per KB (held-out texts and bad inputs: huge, binary, deeply nested
HTML, other languages).

    python benchmarks/injection.py [--repeat 3] [--set blind5] [--latency-only] [--cold] [--best-of 5] [--scores F]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from macrohard.safety.injection import rule_signals, screen_injection
from macrohard.safety.policy import DEFAULT_POLICY_PATH, load_policy
from macrohard.safety.train_sources import INJECTION_SOURCES

HELDOUT = Path(__file__).with_name("injection_data") / "heldout.jsonl"
BLIND = Path(__file__).with_name("injection_data") / "blind.jsonl"  # written before the third wave's tuning
BLIND3 = Path(__file__).with_name("injection_data") / "blind3.jsonl"  # written by helper blind3, never tuned on
BLIND4 = Path(__file__).with_name("injection_data") / "blind4.jsonl"  # by helper blind4s; measured once, since then training data
BLIND5 = Path(__file__).with_name("injection_data") / "blind5.jsonl"  # written by helper blind5s, never tuned on
BLIND6 = Path(__file__).with_name("injection_data") / "blind6.jsonl"  # written by helper blind6i, never tuned on
BLIND7 = Path(__file__).with_name("injection_data") / "blind7.jsonl"  # written blind by helper blind7i, never tuned on
BLIND8 = Path(__file__).with_name("injection_data") / "blind8.jsonl"  # written blind by helper blind8i, never tuned on
BLIND9 = Path(__file__).with_name("injection_data") / "blind9.jsonl"  # written blind by helper blind9i, never tuned on


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    both = np.concatenate([pos, neg])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    sorted_vals = both[order]
    i = 0
    while i < len(both):  # average ranks over ties
        j = i
        while j + 1 < len(both) and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def recall_at(pos: np.ndarray, neg: np.ndarray, fpr: float) -> tuple[float, float, int]:
    """Best recall with at most ``fpr`` of negatives flagged: (recall, threshold, false positives allowed)."""
    allowed = int(np.floor(fpr * len(neg)))
    neg_sorted = np.sort(neg)[::-1]
    thr = np.nextafter(neg_sorted[allowed], np.inf) if allowed < len(neg) else -np.inf
    return float((pos >= thr).mean()), float(thr), allowed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--set", default="both", metavar="NAME",
                    help="`both` (blind.jsonl, written before the third wave's tuning, then heldout.jsonl) or the "
                         "name of any set in benchmarks/injection_data/ (blind3, blind4, ...: a wrong name lists them)")
    ap.add_argument("--latency-only", action="store_true", help="skip the accuracy lines (in-sample on DEV sets)")
    ap.add_argument("--cold", action="store_true", help="clear the tokenizer's word memo before each screen")
    ap.add_argument("--best-of", type=int, default=1, metavar="N",
                    help="screen each text N times in a row and keep its least time: the screen's own cost, without what a co-tenant's burst adds to one screen (on the shared 2-core box the plain figure moves by 20-30 %% run to run)")
    ap.add_argument("--scores", metavar="FILE",
                    help="write the shipped screen's score of every row (JSON, in the set's order) to FILE, to compare "
                         "two trees' code row by row")
    args = ap.parse_args()
    paths = ([BLIND] if args.set != "heldout" else []) + ([HELDOUT] if args.set != "blind" else [])
    if args.set not in ("both", "blind", "heldout"):
        paths = [Path(__file__).with_name("injection_data") / f"{args.set}.jsonl"]
        if not paths[0].is_file():
            sets = sorted(p.stem for p in paths[0].parent.glob("*.jsonl"))
            ap.error(f"no set {args.set!r}: the sets are {', '.join(sets)}")
    for path in paths:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if args.latency_only \
            else measure(path, args.scores)
        print()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    latency(rows, args.repeat, args.cold, args.best_of)
    return 0


def measure(path: Path, scores: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    obs = load_policy(DEFAULT_POLICY_PATH).observations
    # each row as the observation screen flags it (``Observations.flags``): at the policy's point for its language
    # (English's or the other languages', ``lang.detect`` decides), then the other-language band's second read (inj62)
    new, old, rules_norm, policy_flags = [], [], [], []
    for row in rows:
        s = screen_injection(row["text"])
        new.append(s.score)
        policy_flags.append(obs.flags(s, row["text"]))
        rules_norm.append(1.0 if s.signals else 0.0)
        old.append(1.0 if rule_signals(row["text"]) else 0.0)
    y = np.array([r["label"] for r in rows])
    new_a, old_a, rn_a = np.array(new), np.array(old), np.array(rules_norm)
    print(f"injection screen, held-out set: {int(y.sum())} injections, {int((1 - y).sum())} look-alikes "
          f"({path.name}); python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    if any(Path(rel).name == path.name for rel in INJECTION_SOURCES.values()):
        print("NOTE: the shipped models were trained on this set (safety/train_sources.py): in-sample figures, not "
              "generalisation; see `scripts/train_injection_embed.py --cv` (leave one source out)")
    print(f"{'screen':<34}{'AUC':>7}{'rec@1%FPR':>11}{'rec@0.1%FPR':>13}{'recall@policy':>15}{'FPR@policy':>12}")
    for name, sc in (("old rules (raw text)", old_a), ("rules on normalised text", rn_a),
                     ("rules + classifier (shipped)", new_a)):
        p, n = sc[y == 1], sc[y == 0]
        r1, _, a1 = recall_at(p, n, 0.01)
        r01, _, a01 = recall_at(p, n, 0.001)
        flag = np.array(policy_flags) if "classifier" in name else sc > 0
        print(f"{name:<34}{auc(p, n):>7.3f}{r1:>11.1%}{r01:>13.1%}{flag[y == 1].mean():>15.1%}"
              f"{flag[y == 0].mean():>12.2%}")
    points = (f"{obs.injection_threshold}" if obs.injection_threshold == obs.injection_threshold_other else
              f"{obs.injection_threshold} in English, {obs.injection_threshold_other} in other languages")
    print(f"(1 % FPR allows {a1} of {len(n)} look-alikes, 0.1 % allows {a01}; policy threshold {points}; other-language "
          f"classifier-only flags need the English heads at {obs.injection_agree_other:g})")
    flag_new, flag_old = np.array(policy_flags), old_a > 0
    _, thr1, _ = recall_at(new_a[y == 1], new_a[y == 0], 0.01)
    by: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by[("style", r["style"])].append(i)
        by[("source", r["source"])].append(i)
    print(f"\n{'per attack style':<22}{'n':>5}{'old':>8}{'policy':>9}{'@1%FPR':>9}")
    for (kind, key), idx in sorted(by.items()):
        if kind == "style" and key != "benign":
            ix = np.array(idx)
            print(f"{key:<22}{len(ix):>5}{flag_old[ix].mean():>8.1%}{flag_new[ix].mean():>9.1%}"
                  f"{(new_a[ix] >= thr1).mean():>9.1%}")
    print(f"\n{'per source kind':<14}{'pos':>5}{'old rec':>9}{'rec':>7}{'neg':>5}{'old FPR':>9}{'FPR':>7}")
    for (kind, key), idx in sorted(by.items()):
        if kind == "source":
            ix = np.array(idx)
            p, n = ix[y[ix] == 1], ix[y[ix] == 0]
            def share(flags, ix, width):  # a source with no positives (or negatives) has no rate: "-", not nan
                return f"{flags[ix].mean():>{width}.1%}" if len(ix) else f"{'-':>{width}}"

            print(f"{key:<14}{len(p):>5}{share(flag_old, p, 9)}{share(flag_new, p, 7)}{len(n):>5}"
                  f"{share(flag_old, n, 9)}{share(flag_new, n, 7)}")
    _splits(rows, y, flag_new)
    if scores:
        Path(scores).write_text(json.dumps([float(x) for x in new_a]))
    missed = [r for r, f in zip(rows, flag_new, strict=True) if r["label"] == 1 and not f]
    false = [r for r, f in zip(rows, flag_new, strict=True) if r["label"] == 0 and f]
    print(f"\nmissed at the policy threshold: {len(missed)}; false positives: {len(false)} "
          f"(hand-written among them: {sum(r['origin'] == 'hand' for r in missed)} missed, "
          f"{sum(r['origin'] == 'hand' for r in false)} false)")
    return rows


def _splits(rows: list[dict], y: np.ndarray, flag: np.ndarray) -> None:
    """Recall and false positives at the policy threshold by language (English or not), by hand or composed, and by
    kind of negative (ordinary output or a hard look-alike), where the set's rows say so (blind26 on)."""
    groups = []
    if all("lang" in r for r in rows):
        groups += [("English", lambda r: r["lang"] == "en"), ("other languages", lambda r: r["lang"] != "en")]
    if all("hand" in r for r in rows):
        groups += [("by hand", lambda r: bool(r["hand"])), ("composed", lambda r: not r["hand"])]
    if all("kind" in r for r in rows):
        groups += [(f"negatives: {k}", lambda r, k=k: r["kind"] == k) for k in sorted({r["kind"] for r in rows})
                   if k not in ("injection", "positive")]
        if all("lang" in r for r in rows) and any(r["kind"] == "hard" for r in rows):  # the landing rules' English clause
            groups.append(("English: hard negatives", lambda r: r["lang"] == "en" and r["kind"] == "hard"))
    if not groups:
        return
    print(f"\n{'split (policy threshold)':<28}{'pos':>6}{'recall':>8}{'neg':>6}{'FPR':>8}{'flagged':>8}")
    for name, keep in groups:
        ix = np.array([i for i, r in enumerate(rows) if keep(r)], dtype=int)
        p, n = ix[y[ix] == 1], ix[y[ix] == 0]
        rec = f"{flag[p].mean():>8.1%}" if len(p) else f"{'-':>8}"
        fpr = f"{flag[n].mean():>8.2%}{int(flag[n].sum()):>8}" if len(n) else f"{'-':>8}{'-':>8}"
        print(f"{name:<28}{len(p):>6}{rec}{len(n):>6}{fpr}")


def _bad_inputs() -> list[tuple[str, str]]:
    r = random.Random(5)
    para = ("The quarterly report covers revenue, churn and hiring. Please review the attached figures. " * 4 + "\n")
    mixed = ("Report — 報告 отчёт تقرير रिपोर्ट 보고서 Ελληνικά naïve café 😀 ﬁle ｆｕｌｌ. " * 800)[: 1 << 16]
    return [
        ("huge text, 1 MiB", para * ((1 << 20) // len(para))),
        ("binary, 256 KiB", bytes(r.getrandbits(8) for _ in range(1 << 18)).decode("latin-1")),
        ("nested HTML, 20k levels", "<div>" * 20000 + "hello" + "</div>" * 20000),
        ("Chinese, 64 KiB", ("季度报告涵盖收入、流失和招聘。请查看附件中的数据。" * 1200)),
        ("Arabic + Russian, 64 KiB", ("يغطي التقرير الفصلي الإيرادات والتوظيف. Отчёт охватывает выручку и найм. " * 600)),
        ("nested HTML, 10k levels", "<div>" * 10000 + "hello" + "</div>" * 10000),
        ("binary file, 4 KiB", np.arange(1024, dtype="<i4").tobytes().decode("latin-1")),
        ("mixed scripts, 64 KiB", mixed),
    ]


BUCKETS = (("< 256 B", 0, 256), ("256 B - 4 KB", 256, 4096), ("> 4 KB", 4096, 1 << 62))


def _clear_memo() -> None:
    """Forget the tokenizer's memo of words (``safety/wordpiece.py``; absent on older trees): a cold screen."""
    from macrohard.safety.embed import static_or_none

    enc = static_or_none()
    if enc is not None and getattr(enc, "fast", None) is not None:
        enc.fast.memo.clear()


def latency_figures(rows: list[dict], repeat: int, cold: bool = False, best_of: int = 1) -> dict:
    """p50/p99 ms/KB (wall and CPU time of the screening thread) overall and per size bucket, and the bad inputs.
    ``best_of``: each text screened that many times in a row, its least wall and CPU time kept (what a co-tenant's
    burst adds to one screen is left out; the figure is then the screen's own cost)."""
    screen_injection("warm up: load the model once")
    from macrohard.safety import lazyre

    if hasattr(lazyre, "compile_loaded"):  # the rules' patterns, compiled at their first use since speed49: over
        # blind44's texts ~120 compiles (1-10 ms of CPU each) fell inside the measured screens, on short texts the
        # largest ms/KB (speed51)
        lazyre.compile_loaded(("macrohard.",))
    screens = []  # (bytes, wall ms, cpu ms)
    for _ in range(repeat):
        for row in rows:
            wall = cpu = float("inf")
            for _ in range(best_of):
                if cold:
                    _clear_memo()
                t, c = time.perf_counter(), time.thread_time()
                screen_injection(row["text"])
                wall, cpu = min(wall, (time.perf_counter() - t) * 1000), min(cpu, (time.thread_time() - c) * 1000)
            screens.append((max(len(row["text"].encode()), 1), wall, cpu))

    def stats(part):
        if len(part) < 2:
            return None
        w = statistics.quantiles([ms * 1024 / b for b, ms, _ in part], n=100)
        c = statistics.quantiles([cpu * 1024 / b for b, _, cpu in part], n=100)
        per = statistics.quantiles([ms for _, ms, _ in part], n=100)
        return {"n": len(part), "wall_p50": w[49], "wall_p99": w[98], "cpu_p50": c[49], "cpu_p99": c[98],
                "ms_p50": per[49], "ms_p99": per[98]}

    out = {"all": stats(screens), "median_chars": statistics.median(len(r["text"]) for r in rows),
           "buckets": {name: stats([s for s in screens if lo <= s[0] < hi]) for name, lo, hi in BUCKETS}, "bad": []}
    for name, text in _bad_inputs():
        kb = len(text.encode()) / 1024
        times, cpus, s = [], [], None
        for _ in range(repeat):
            t, c = time.perf_counter(), time.thread_time()
            s = screen_injection(text)
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.thread_time() - c) * 1000)
        out["bad"].append({"name": name, "kb": kb, "ms": statistics.median(times), "cpu_ms": statistics.median(cpus),
                           "sampled": s.sampled, "notes": list(s.notes)})
    return out


def print_latency(f: dict, cold: bool = False, best_of: int = 1) -> None:
    a = f["all"]
    print(f"\nlatency, held-out texts (median {f['median_chars']} chars), {a['n']} screens"
          f"{' (tokenizer memo cleared before each)' if cold else ''}"
          f"{f' (each the least of {best_of} in a row)' if best_of > 1 else ''}: ms/KB p50 {a['wall_p50']:.2f}  "
          f"p99 {a['wall_p99']:.2f}  (target p99 <= 5 ms/KB on 2 cores); ms per screen p50 {a['ms_p50']:.2f}  "
          f"p99 {a['ms_p99']:.2f}")
    print(f"  same, CPU time of the screening thread (not descheduled time): ms/KB p50 {a['cpu_p50']:.2f}  "
          f"p99 {a['cpu_p99']:.2f}")
    print(f"{'size bucket':<16}{'screens':>8}{'wall p99':>10}{'CPU p99':>9}{'ms p50':>8}  (ms/KB)")
    for name, b in f["buckets"].items():
        print(f"{name:<16}" + (f"{b['n']:>8}{b['wall_p99']:>10.2f}{b['cpu_p99']:>9.2f}{b['ms_p50']:>8.2f}" if b
                               else f"{'-':>8}"))
    print(f"{'bad input':<28}{'KB':>8}{'ms p50':>9}{'ms/KB':>8}{'CPU/KB':>8}  sampled / notes")
    for b in f["bad"]:
        print(f"{b['name']:<28}{b['kb']:>8.0f}{b['ms']:>9.1f}{b['ms'] / b['kb']:>8.3f}{b['cpu_ms'] / b['kb']:>8.3f}  "
              f"{b['sampled']} {'; '.join(b['notes'])}")


def latency(rows: list[dict], repeat: int, cold: bool = False, best_of: int = 1) -> None:
    print_latency(latency_figures(rows, repeat, cold, best_of), cold, best_of)


if __name__ == "__main__":
    sys.exit(main())
