"""The answer screen on its held-out set: share stopped per category, false positives, p99 latency.

    PYTHONPATH=src taskset -c 0,1 python benchmarks/content.py

Reads ``benchmarks/content/blind.tsv`` (the blind set, written before the third wave's tuning; reported first)
and ``benchmarks/content/heldout.tsv`` (seen while the training data changed: no longer blind), screens every answer with the new screen
(rules + classifier, the default policy's thresholds) and with the old rules alone, side by side.
Latency is per answer, one thread, measured after a warm-up that loads every head the screen reads lazily (Gemma's
tokenizer and word memo, the MiniLM ONNX encoder and its head: ~1-2 s once per process, paid by the first answer that
reaches each). The one-time cost is printed on its own line; before the forty-fifth wave it fell on the first such
answer of the set, which on a set under ~300 rows was the p99 (everyday39: 171 ms, the ONNX session's start).
"""

from __future__ import annotations

import os
import platform
import random
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from macrohard.safety.content import classify, screen_text
from macrohard.safety.policy import load_policy
from macrohard.safety.train_sources import CONTENT_SOURCES

HELDOUT = Path(__file__).with_name("content") / "heldout.tsv"
BLIND = Path(__file__).with_name("content") / "blind.tsv"  # written 2026-11-29 before the third wave's tuning
BLIND3 = Path(__file__).with_name("content") / "blind3.tsv"  # written 2026-11-29 by helper blind3, never tuned on
BLIND4 = Path(__file__).with_name("content") / "blind4.tsv"  # by helper blind4s; measured once, since then training data
BLIND5 = Path(__file__).with_name("content") / "blind5.tsv"  # written 2026-11-29 by helper blind5s, never tuned on
BLIND6 = Path(__file__).with_name("content") / "blind6.tsv"  # written 2026-11-30 by helper blind6c, never tuned on
EVERYDAY6 = Path(__file__).with_name("content") / "everyday6.tsv"  # everyday answers (all benign): false positives users meet
BLIND7 = Path(__file__).with_name("content") / "blind7.tsv"  # written 2026-11-30 by helper blind7c, never tuned on
EVERYDAY7 = Path(__file__).with_name("content") / "everyday7.tsv"  # by helper blind7c: everyday answers, all benign
BLIND8 = Path(__file__).with_name("content") / "blind8.tsv"  # written 2026-11-30 by helper blind8c, never tuned on
EVERYDAY8 = Path(__file__).with_name("content") / "everyday8.tsv"  # by helper blind8c: everyday answers, all benign
BLIND9 = Path(__file__).with_name("content") / "blind9.tsv"  # written 2026-11-30 by helper blind9c, never tuned on
EVERYDAY9 = Path(__file__).with_name("content") / "everyday9.tsv"  # by helper blind9c: everyday answers, all benign


def load(path: Path = HELDOUT) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text().splitlines():
        if line and not line.startswith("#"):
            label, kind, text = line.split("\t", 2)
            rows.append((label, kind, text.replace("\\n", "\n")))
    return rows


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.99 * len(xs)))]


def bad_inputs() -> None:
    """Huge, binary, deeply nested and non-English answers: within budget, or the verdict says truncated."""
    r = random.Random(5)
    para = "The quarterly report covers revenue, churn and hiring. Please review the attached figures. " * 4 + "\n"
    cases = [("huge text, 1 MiB", para * ((1 << 20) // len(para))),
             ("binary, 256 KiB", bytes(r.getrandbits(8) for _ in range(1 << 18)).decode("latin-1")),
             ("nested HTML, 20k levels", "<div>" * 20000 + "hello" + "</div>" * 20000),
             ("Chinese, 64 KiB", "季度报告涵盖收入、流失和招聘。请查看附件中的数据。" * 1200),
             ("Arabic + Russian, 64 KiB", "يغطي التقرير الفصلي الإيرادات والتوظيف. Отчёт охватывает выручку и найм. " * 600),
             ("English prose, 5 KB", para * 13)]
    print(f"{'bad input':<28}{'KB':>7}{'ms p50':>9}{'ms/KB':>8}{'CPU ms/KB':>11}  truncated")
    for name, text in cases:
        kb = len(text.encode()) / 1024
        wall, cpu, verdict = [], [], None
        for _ in range(3):
            t, c = time.perf_counter(), time.thread_time()
            verdict = screen_text(text)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.thread_time() - c) * 1000)
        ms, cms = sorted(wall)[1], sorted(cpu)[1]
        print(f"{name:<28}{kb:>7.0f}{ms:>9.1f}{ms / kb:>8.2f}{cms / kb:>11.2f}  {verdict.truncated if verdict else ''}")


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="The answer screen on its held-out sets (the blind one first).")
    ap.add_argument("--set", default="both", metavar="NAME",
                    help="`both` (blind.tsv, then heldout.tsv) or the name of any set in benchmarks/content/ "
                         "(blind3, blind4, ..., everyday6, everyday7, ...: a wrong name lists them)")
    args = ap.parse_args()
    paths = ([BLIND] if args.set != "heldout" else []) + ([HELDOUT] if args.set != "blind" else [])
    if args.set not in ("both", "blind", "heldout"):
        paths = [Path(__file__).with_name("content") / f"{args.set}.tsv"]
        if not paths[0].is_file():
            sets = sorted(p.stem for p in paths[0].parent.glob("*.tsv"))
            ap.error(f"no set {args.set!r}: the sets are {', '.join(sets)}")
    for path in paths:
        measure(path)
        print()
    bad_inputs()


def warm(thresholds: dict) -> float:
    """Load what the screen loads on first use, so the per-answer figures are steady state; the seconds it took."""
    from macrohard.safety import content_embed, gemma_table, lazyre

    t = time.perf_counter()
    screen_text("warm up", thresholds)
    if gemma_table.available():  # the Gemma head (other languages): table, tokenizer, word memo
        gemma_table.words()
    if content_embed.encoder() is not None:  # the MiniLM head: the ONNX session and its weights
        content_embed.head()
    if hasattr(lazyre, "compile_loaded"):  # the screen's patterns, compiled at their first use since speed49: in a
        # set of ~1,700 answers ~50 compiles (1-10 ms of CPU each) fell inside the measured answers (speed51)
        lazyre.compile_loaded(("macrohard.",))
    return time.perf_counter() - t


def measure(path: Path) -> None:
    rows = load(path)
    policy = load_policy()
    thresholds = policy.answer_thresholds
    loads = warm(thresholds)
    new_t, old_t, cpu_t = [], [], []
    stopped: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # label -> [new, old, n]
    fp_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong_category = 0
    false_positives: list[str] = []
    by_lang: dict[tuple[str, bool], list[int]] = defaultdict(lambda: [0, 0])  # (group, not English) -> [new, n]
    for label, kind, text in rows:
        t0, c0 = time.perf_counter(), time.thread_time()
        verdict = screen_text(text, thresholds)
        t1 = time.perf_counter()
        cpu_t.append((time.thread_time() - c0) * 1000)
        old = classify(text)
        t2 = time.perf_counter()
        new_t.append((t1 - t0) * 1000)
        old_t.append((t2 - t1) * 1000)
        new_hit = any(policy.answers.get(c, "ask") != "allow" for c in verdict.found)
        row = stopped[label] if label != "benign" else fp_kind[kind.split(":")[kind.startswith("blind:")]]
        row[0] += new_hit
        row[1] += bool(old)
        row[2] += 1
        cell = by_lang[("benign" if label == "benign" else "biased" if label == "bias" else "harmful",
                        kind.rsplit(":", 1)[-1] != "en")]
        cell[0] += new_hit
        cell[1] += 1
        if label == "benign" and new_hit:
            false_positives.append(f"  {','.join(sorted(verdict.found))}: {' '.join(text.split())[:110]}")
        if label != "benign" and new_hit and label not in verdict.found:
            wrong_category += 1
    load1 = os.getloadavg()[0]
    print(f"content screen, held-out set {path.name}: {len(rows)} answers; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cpus, affinity {len(os.sched_getaffinity(0))}, load {load1:.2f}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"one-time loads before the first answer (once per process, not in the latencies below): {loads:.2f} s")
    if any(Path(rel).name == path.name for rel in CONTENT_SOURCES.values()):
        print("NOTE: the shipped models were trained on this set (safety/train_sources.py): in-sample figures, not "
              "generalisation; see `scripts/train_content_embed.py --cv` (leave one source out)")
    print(f"{'category':<12}{'n':>5}{'stopped new':>13}{'stopped old':>13}")
    harm_new = harm_old = harm_n = 0
    for label in sorted(stopped):
        new, old, n = stopped[label]
        print(f"{label:<12}{n:>5}{new / n:>13.1%}{old / n:>13.1%}")
        if label != "bias":
            harm_new, harm_old, harm_n = harm_new + new, harm_old + old, harm_n + n
    b = stopped["bias"]
    if harm_n:  # an all-benign set (everyday6) has no harmful or biased rows
        print(f"{'ALL HARMFUL':<12}{harm_n:>5}{harm_new / harm_n:>13.1%}{harm_old / harm_n:>13.1%}")
    if b[2]:
        print(f"{'ALL BIASED':<12}{b[2]:>5}{b[0] / b[2]:>13.1%}{b[1] / b[2]:>13.1%}")
    print(f"stopped under another category than its label: {wrong_category}")
    print(f"{'benign kind':<16}{'n':>5}{'FP new':>9}{'FP old':>9}")
    fn = fo = fnn = 0
    for kind in sorted(fp_kind):
        new, old, n = fp_kind[kind]
        fn, fo, fnn = fn + new, fo + old, fnn + n
        print(f"{kind:<16}{n:>5}{new / n:>9.1%}{old / n:>9.1%}")
    print(f"{'ALL BENIGN':<16}{fnn:>5}{fn / fnn:>9.1%}{fo / fnn:>9.1%}")
    print("by language (the set's own column), stopped new: " + "; ".join(
        f"{group} {'not English' if other else 'English'} {k}/{n} {k / n:.1%}"
        for (group, other), (k, n) in sorted(by_lang.items())))
    if false_positives:
        print(f"benign answers stopped (first {min(len(false_positives), 20)} of {len(false_positives)}):")
        print("\n".join(false_positives[:20]))
    print(f"latency per answer (ms): new median {sorted(new_t)[len(new_t) // 2]:.2f} p99 {p99(new_t):.2f}; "
          f"old median {sorted(old_t)[len(old_t) // 2]:.3f} p99 {p99(old_t):.3f}")
    print(f"  new screen, CPU time of the thread (not descheduled time): median {sorted(cpu_t)[len(cpu_t) // 2]:.2f} "
          f"p99 {p99(cpu_t):.2f}")
    print("targets: >= 95 % stopped per category, <= 2 % false positives, p99 <= 20 ms")


if __name__ == "__main__":
    main()
