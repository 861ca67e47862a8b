"""Trains the answer screen's multilingual head (``safety/content_multi``) and writes ``safety/data/content_multi.npz``.

    PYTHONPATH=src nice -n 15 python scripts/train_content_multi.py                 # rewrite the shipped head
    PYTHONPATH=src python scripts/train_content_multi.py --check                    # retrain, compare with the file
    PYTHONPATH=src python scripts/train_content_multi.py --without blind7,everyday7 --out /tmp/h.npz   # leave out
    PYTHONPATH=src python scripts/train_content_multi.py --measure blind7,everyday7 [--head FILE]

Data (fixed order, shuffled by ``SEED``): ``scripts/screen_data/content_multi8m.tsv``, ``content_multi9m.tsv`` and
``content_multi15m.tsv`` (answers in 25 languages written for this head; 15m: biased decisions and fair look-alikes), ``content_multi30m.tsv`` (screen30: biased decisions that give the attribute as a reason after a contrast, fair twins, safety-advice look-alikes; read since screen32) and every answer of the training sources
(``train_sources.CONTENT_SOURCES``) that ``lang.detect`` finds to be in another language; English answers with weight ``EN_WEIGHT`` (0: left out). Full-batch Adam on the
logistic loss with L2, one sigmoid per category and one for any harm. Thresholds: from out-of-fold scores of the
other-language rows (``thresholds``), each source left out in turn, in ``SOURCE_FOLDS`` groups of whole sources (``FOLD_BY = "source"``: a fresh set is a new source,
and random folds, which see near-twins of each row, set them too low: on blind7 held out, look-alikes flagged 2.6 % with
random folds, 2.1 % with source folds; screen9m). English rows stay out (``EN_WEIGHT`` 0: at 0.3 blind7's held-out
harmful recall at 2 % false positives fell from 0.525 to 0.418).

``--measure`` screens the other-language rows (by the set's own ``kind:language`` column) of benchmark sets with the
whole answer screen, without and with this head, and English rows to show they do not move; latency per answer.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from macrohard.safety.content_multi import ANY_HARM, DIM, HARMS, MODEL_PATH, MultiHead, features  # noqa: E402
from macrohard.safety.content_train import fit_sparse  # noqa: E402
from macrohard.safety.lang import detect  # noqa: E402
from macrohard.safety.train_sources import SourceError, content_rows, content_sources, option_arg, without_arg  # noqa: E402

HEAD_LABELS = (*HARMS, "bias", ANY_HARM)
SEED = 20261130
DATA = ("scripts/screen_data/content_multi8m.tsv", "scripts/screen_data/content_multi9m.tsv",
        "scripts/screen_data/content_multi15m.tsv", "scripts/screen_data/content_multi30m.tsv")
EPOCHS, LR, L2 = 150, 0.1, 1e-5
MINE_WEIGHT, SRC_WEIGHT, EN_WEIGHT = 1.0, 1.0, 0.0
# out-of-fold false-positive budgets: the harm outputs' scores bunch up (a small move of their threshold costs much
# recall, little precision) while the bias output flags fair hiring and housing talk; measured once on blind8 held out
# (1.5 % / 1 %: look-alikes 4.6 % flagged, 12 of their 16 false positives by the bias output), then set to 2 % / 0.5 %
# on blind8 as a dev set (screen9m; RESULTS.md): blind9 is their only held-out check
FOLDS, HARM_FP, BIAS_FP, MIN_THRESHOLD = 5, 0.02, 0.005, 0.1
FOLD_BY, MIN_GROUP = "source", 60  # "source": out-of-fold scores leave one source out (small ones pooled)
# ... in SOURCE_FOLDS groups of whole sources (screen23: one fit per source was 28 fits, ~15 CPU minutes, with every
# published set; a group of sources is held out whole, so a fresh set is still a new source to the fold's model)
SOURCE_FOLDS = 8
# training sources this head does not read yet: none (screen24: blind20/everyday20 read, after screen23's held-out look
# on them; screen23 added blind12/14/17/18/19 and their everyday sets, which the other heads read before it)
# screen25: blind21/22, everyday21/22 (NEWER_CONTENT_SOURCES, each held out once: screen24 on 21, screen25 on 22) wait
# for this head's next retrain
# screen26: blind23/everyday23 (held out once by screen26) too
# screen27: blind24/everyday24 (held out once by screen27) too
# screen29: blind21-24/everyday21-24 read (the candidate held out once on blind25/everyday25 first)
# ... and blind25/everyday25 (held out once by screen29) wait for the next retrain
# screen32: blind25/26, everyday25/26 and content_multi30m read (the candidate held out once on blind27/everyday27 first)
# ... and blind27/everyday27 (held out once by screen32) wait for the next retrain
# scr35: not retrained (its fit could not run at load 17-33 before the candidate's deadline): blind27/28, everyday27/28
# (read by the n-gram and MiniLM heads since scr35) wait here
# scr38 (candidate N1): not retrained (time: ~80 min at load 23 after the Gemma head): blind33/everyday33 (read by the
# other heads since scr38) wait here; the Gemma head's fold copy of this head (``_multi_without``) reads what this one read
# scr39 (candidate N): not retrained (its fit had 917 CPU-s at load 13-24 and had not ended by the candidate's 21:40
# limit): blind34/everyday34 (read by the n-gram head since scr39) wait here too
NOT_YET: tuple[str, ...] = ("blind27", "everyday27", "blind28", "everyday28", "look35", "blind33", "everyday33", "blind34",
                            "everyday34")


def training_data(without: tuple[str, ...] = ()) -> list[tuple[str, set[str], float, bool, str]]:
    """(text, labels, weight, other-language, source) rows in a fixed, seeded order."""
    data = [(t, labels, MINE_WEIGHT, True, rel) for rel in DATA for t, labels in content_rows(rel)]
    for name, rows in content_sources((*without, *NOT_YET), newer=True).items():
        for t, labels in rows:
            if detect(t).other:
                data.append((t, labels, SRC_WEIGHT, True, name))
            elif EN_WEIGHT > 0:
                data.append((t, labels, EN_WEIGHT, False, name))
    random.Random(SEED).shuffle(data)
    return data


def folds(data: list[tuple[str, set[str], float, bool, str]]) -> np.ndarray:
    """The out-of-fold split of the other-language rows (-1: always trained on): ``FOLDS`` seeded slices, or with
    ``FOLD_BY = "source"`` one fold per source (sources with fewer than ``MIN_GROUP`` such rows pooled into one)."""
    other = np.array([row[3] for row in data])
    if FOLD_BY != "source":
        return np.where(other, np.arange(len(data)) % FOLDS, -1)
    sizes: dict[str, int] = {}
    for row in data:
        sizes[row[4]] = sizes.get(row[4], 0) + row[3]
    names = sorted(n for n, k in sizes.items() if k >= MIN_GROUP)
    index = {n: i for i, n in enumerate(names)}
    group = _groups([sizes[n] for n in names] + [sum(k for n, k in sizes.items() if n not in index)])
    return np.array([group[index.get(row[4], len(names))] if row[3] else -1 for row in data])


def _groups(sizes: list[int]) -> list[int]:
    """Each fold (by index) given one of ``SOURCE_FOLDS`` groups: the largest first, each to the group with the
    fewest rows so far (ties: the lower group): fixed by the sizes."""
    total = [0] * min(SOURCE_FOLDS, len(sizes))
    group = [0] * len(sizes)
    for i in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        g = min(range(len(total)), key=lambda g: (total[g], g))
        group[i], total[g] = g, total[g] + sizes[i]
    return group


def fit(rows: list[tuple[np.ndarray, np.ndarray]], y: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch Adam over sparse rows (the answer model's ``fit_sparse``); returns (weights DIM x labels, bias)."""
    return fit_sparse(rows, y, weight, DIM, EPOCHS, LR, L2)


def _probs(weights: np.ndarray, bias: np.ndarray, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    return np.array([1.0 / (1.0 + np.exp(-((v @ weights[i]) + bias))) for i, v in rows])


def thresholds(oof: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, dict[str, float]]:
    """Thresholds from out-of-fold scores: one for every harm output (the harm score is their maximum), at the
    ``1 - HARM_FP`` quantile of the benign answers' harm scores, one for bias at ``1 - BIAS_FP`` of theirs, never
    under ``MIN_THRESHOLD``; and the out-of-fold figures at them."""
    benign, harm, bias = y.sum(1) == 0, y[:, -1] == 1, y[:, -2] == 1
    harm_score = np.maximum(oof[:, -1], oof[:, :-2].max(1))
    t_harm = max(MIN_THRESHOLD, float(np.quantile(harm_score[benign], 1 - HARM_FP)) + 1e-4)
    t_bias = max(MIN_THRESHOLD, float(np.quantile(oof[benign, -2], 1 - BIAS_FP)) + 1e-4)
    limits = np.full(y.shape[1], t_harm, dtype=np.float32)
    limits[-2] = t_bias
    hit = oof >= limits
    meta = {"oof_fp": float(np.mean(hit[benign].any(1))),
            "oof_harmful_stopped": float(np.mean(hit[harm].any(1))) if harm.any() else 0.0,
            "oof_biased_stopped": float(np.mean(hit[bias].any(1))) if bias.any() else 0.0}
    return limits, meta


def train(without: tuple[str, ...] = ()) -> MultiHead:
    data = training_data(without)
    rows = [features(row[0]) for row in data]
    y = np.array([[label in row[1] for label in HEAD_LABELS[:-1]] + [bool(row[1] & set(HARMS))]
                  for row in data], dtype=np.float32)
    weight = np.array([row[2] for row in data], dtype=np.float32)
    other = np.array([row[3] for row in data])
    fold = folds(data)
    oof = np.zeros_like(y)
    for k in range(int(fold.max()) + 1):
        train_rows = fold != k
        w, b = fit([r for r, keep in zip(rows, train_rows, strict=True) if keep], y[train_rows], weight[train_rows])
        oof[fold == k] = _probs(w, b, [r for r, f in zip(rows, fold, strict=True) if f == k])
    limits, meta = thresholds(oof[other], y[other])
    w, b = fit(rows, y, weight)
    meta.update(rows=float(len(data)), other_rows=float(other.sum()))
    return MultiHead(w, b, HEAD_LABELS, limits, meta)


SETS = {"blind6": "benchmarks/content/blind6.tsv", "everyday6": "benchmarks/content/everyday6.tsv",
        "blind7": "benchmarks/content/blind7.tsv", "everyday7": "benchmarks/content/everyday7.tsv",
        "blind8": "benchmarks/content/blind8.tsv", "everyday8": "benchmarks/content/everyday8.tsv",
        "blind9": "benchmarks/content/blind9.tsv", "everyday9": "benchmarks/content/everyday9.tsv",
        "blind10": "benchmarks/content/blind10.tsv", "everyday10": "benchmarks/content/everyday10.tsv"}


def _p(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0


def measure(sets: list[str], head_path: str | None) -> int:
    """The whole answer screen without and with the multilingual head on each set's rows, split by the set's own
    language column; latency per answer with the head (wall and CPU)."""
    import macrohard.safety.content as content
    import macrohard.safety.content_multi as cm
    from macrohard.safety.policy import load_policy

    if head_path:
        cm.MODEL_PATH = Path(head_path)
        cm.shipped.cache_clear()
    policy = load_policy()
    limits = policy.answer_thresholds
    real = cm.screen

    def stopped(text: str, on: bool) -> tuple[bool, float, float]:
        cm.screen = real if on else (lambda _t: {})
        t, c = time.perf_counter(), time.thread_time()
        verdict = content.screen_text(text, limits)
        wall, cpu = (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000
        return any(policy.answers.get(k, "ask") != "allow" for k in verdict.found), wall, cpu

    stopped("warm up", True)
    for name in sets:
        if name not in SETS:
            print(f"unknown set {name!r}: choose from {', '.join(SETS)}", file=sys.stderr)
            return 2
        counts: dict[tuple[str, bool], list[int]] = {}
        by_lang: dict[tuple[str, str], list[int]] = {}  # (group, language) -> [stopped with the head, n]
        wall: dict[bool, list[float]] = {True: [], False: []}
        cpu: dict[bool, list[float]] = {True: [], False: []}
        for line in (ROOT / SETS[name]).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            label, kind, text = line.split("\t", 2)
            text = text.replace("\\n", "\n")
            other = kind.rsplit(":", 1)[-1] != "en"
            group = "benign" if label == "benign" else "biased" if label == "bias" else "harmful"
            before, _, _ = stopped(text, False)
            after, ms, cms = stopped(text, True)
            wall[other].append(ms)
            cpu[other].append(cms)
            row = counts.setdefault((group, other), [0, 0, 0])
            row[0] += before
            row[1] += after
            row[2] += 1
            if other:
                cell = by_lang.setdefault((group, kind.rsplit(":", 1)[-1]), [0, 0])
                cell[0] += after
                cell[1] += 1
        print(f"{name}: the whole answer screen, without -> with the multilingual head")
        for (group, other), (b, a, n) in sorted(counts.items(), key=lambda kv: (not kv[0][1], kv[0][0])):
            lang = "not English" if other else "English"
            print(f"  {group:<8} {lang:<12} n {n:>5}   {b:>4} ({100 * b / n:5.1f} %) -> {a:>4} ({100 * a / n:5.1f} %)")
        for group in ("benign", "harmful", "biased"):
            cells = sorted((lang, k, n) for (g, lang), (k, n) in by_lang.items() if g == group)
            if cells:
                print(f"  {group} by language (with the head): " + " ".join(f"{lang} {k}/{n}" for lang, k, n in cells))
        for other in (True, False):
            if wall[other]:
                print(f"  latency per answer, {'not English' if other else 'English'}: wall p50 "
                      f"{_p(wall[other], 0.5):.2f} p99 {_p(wall[other], 0.99):.2f} ms; CPU p50 {_p(cpu[other], 0.5):.2f} "
                      f"p99 {_p(cpu[other], 0.99):.2f} ms")
    return 0


def main(argv: list[str]) -> int:
    if (sets := option_arg(argv, "--measure")) is not None:
        return measure(sets.split(","), option_arg(argv, "--head"))
    try:
        t0 = time.perf_counter()
        head = train(without_arg(argv))
    except SourceError as e:
        print(f"train_content_multi: {e}", file=sys.stderr)
        return 2
    if "--check" in argv:
        shipped = MultiHead.load(MODEL_PATH)
        same = set(shipped.meta) == set(head.meta) and all(abs(shipped.meta[k] - v) < 1e-3
                                                          for k, v in head.meta.items())
        same = same and np.allclose(shipped.thresholds, head.thresholds, atol=1e-3)
        print("reproduced" if same else f"DIFFERENT: {shipped.meta} vs {head.meta}")
        return 0 if same else 1
    out = Path(option_arg(argv, "--out") or MODEL_PATH)
    head.save(out)
    limits = ", ".join(f"{label} {t:.2f}" for label, t in zip(HEAD_LABELS, head.thresholds, strict=True))
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB) in {time.perf_counter() - t0:.0f} s: {head.meta}\n"
          f"thresholds: {limits}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
