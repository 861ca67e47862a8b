"""Injection screen on the HELD-OUT set (benchmarks/injection_data/heldout.jsonl, never tuned on): recall at 1 %
and 0.1 % false positives, AUC, per attack style and per source kind, the policy's operating point, the old
rule-only screen side by side, and latency per KB (held-out texts and bad inputs: huge, binary, deeply nested
HTML, other languages).

    python benchmarks/injection.py [--repeat 3]
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
    ap.add_argument("--set", choices=["blind", "heldout", "both", "blind3", "blind4", "blind5", "blind6"], default="both",
                    help="blind.jsonl (written before the third wave's tuning) first, then heldout.jsonl")
    args = ap.parse_args()
    paths = ([BLIND] if args.set != "heldout" else []) + ([HELDOUT] if args.set != "blind" else [])
    paths = [BLIND3] if args.set == "blind3" else paths
    paths = [BLIND4] if args.set == "blind4" else paths
    paths = [BLIND5] if args.set == "blind5" else paths
    paths = [BLIND6] if args.set == "blind6" else paths
    for path in paths:
        rows = measure(path)
        print()
    latency(rows, args.repeat)
    return 0


def measure(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    threshold = load_policy(DEFAULT_POLICY_PATH).observations.injection_threshold
    new, old, rules_norm = [], [], []
    for row in rows:
        s = screen_injection(row["text"])
        new.append(s.score)
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
        flag = sc >= threshold if "classifier" in name else sc > 0
        print(f"{name:<34}{auc(p, n):>7.3f}{r1:>11.1%}{r01:>13.1%}{flag[y == 1].mean():>15.1%}"
              f"{flag[y == 0].mean():>12.2%}")
    print(f"(1 % FPR allows {a1} of {len(n)} look-alikes, 0.1 % allows {a01}; policy threshold {threshold})")
    flag_new, flag_old = new_a >= threshold, old_a > 0
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
            print(f"{key:<14}{len(p):>5}{flag_old[p].mean():>9.1%}{flag_new[p].mean():>7.1%}{len(n):>5}"
                  f"{flag_old[n].mean():>9.1%}{flag_new[n].mean():>7.1%}")
    missed = [r for r, f in zip(rows, flag_new, strict=True) if r["label"] == 1 and not f]
    false = [r for r, f in zip(rows, flag_new, strict=True) if r["label"] == 0 and f]
    print(f"\nmissed at the policy threshold: {len(missed)}; false positives: {len(false)} "
          f"(hand-written among them: {sum(r['origin'] == 'hand' for r in missed)} missed, "
          f"{sum(r['origin'] == 'hand' for r in false)} false)")
    return rows


def _bad_inputs() -> list[tuple[str, str]]:
    r = random.Random(5)
    para = ("The quarterly report covers revenue, churn and hiring. Please review the attached figures. " * 4 + "\n")
    return [
        ("huge text, 1 MiB", para * ((1 << 20) // len(para))),
        ("binary, 256 KiB", bytes(r.getrandbits(8) for _ in range(1 << 18)).decode("latin-1")),
        ("nested HTML, 20k levels", "<div>" * 20000 + "hello" + "</div>" * 20000),
        ("Chinese, 64 KiB", ("季度报告涵盖收入、流失和招聘。请查看附件中的数据。" * 1200)),
        ("Arabic + Russian, 64 KiB", ("يغطي التقرير الفصلي الإيرادات والتوظيف. Отчёт охватывает выручку и найм. " * 600)),
    ]


def latency(rows: list[dict], repeat: int) -> None:
    screen_injection("warm up: load the model once")
    per_kb, ms_all, per_kb_big, cpu_kb = [], [], [], []
    for _ in range(repeat):
        for row in rows:
            kb = max(len(row["text"].encode()), 1) / 1024
            t, c = time.perf_counter(), time.thread_time()
            screen_injection(row["text"])
            ms = (time.perf_counter() - t) * 1000
            cpu_kb.append((time.thread_time() - c) * 1000 / kb)
            per_kb.append(ms / kb)
            ms_all.append(ms)
            if kb >= 1:
                per_kb_big.append(ms / kb)
    q, qa = statistics.quantiles(per_kb, n=100), statistics.quantiles(ms_all, n=100)
    print(f"\nlatency, held-out texts (median {statistics.median(len(r['text']) for r in rows)} chars), "
          f"{len(per_kb)} screens: ms/KB p50 {q[49]:.2f}  p99 {q[98]:.2f}  (target p99 <= 5 ms/KB on 2 cores); "
          f"ms per screen p50 {qa[49]:.2f}  p99 {qa[98]:.2f}")
    qc = statistics.quantiles(cpu_kb, n=100)
    print(f"  same, CPU time of the screening thread (not descheduled time): ms/KB p50 {qc[49]:.2f}  p99 {qc[98]:.2f}")
    if len(per_kb_big) >= 2:
        qb = statistics.quantiles(per_kb_big, n=100)
        print(f"texts of 1 KB or more ({len(per_kb_big)} screens): ms/KB p50 {qb[49]:.2f}  p99 {qb[98]:.2f}")
    print(f"{'bad input':<28}{'KB':>8}{'ms p50':>9}{'ms/KB':>8}  sampled / notes")
    for name, text in _bad_inputs():
        kb = len(text.encode()) / 1024
        times, s = [], None
        for _ in range(repeat):
            t = time.perf_counter()
            s = screen_injection(text)
            times.append((time.perf_counter() - t) * 1000)
        ms = statistics.median(times)
        print(f"{name:<28}{kb:>8.0f}{ms:>9.1f}{ms / kb:>8.3f}  {s.sampled} {'; '.join(s.notes)}")


if __name__ == "__main__":
    sys.exit(main())
