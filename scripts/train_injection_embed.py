"""Trains the injection screen's embedding head (``src/macrohard/safety/data/injection_embed.npz``), and validates
the whole screen by leaving one hand-written source out.

    python scripts/train_injection_embed.py            # write the shipped head
    python scripts/train_injection_embed.py --check    # retrain and compare its figures
    python scripts/train_injection_embed.py --cv       # leave-one-source-out figures and the policy threshold

The same data as ``scripts/train_injection.py`` (the generator and every hand-written source, the texts
normalised and cut to the n-gram model's window, hand-written examples weighted ``HAND_REPEAT``), embedded with the
static MiniLM table (``macrohard.safety.embed``); full-batch Adam with L2 (deterministic).

``--cv``: for each hand-written source S, the n-gram classifier and the head are trained on the generator and the
other sources, and S is scored as the screen scores it (rules on the text as written, then the two models' vote).
It prints AUC and recall at 1 % and 0.1 % FPR per source and pooled, for several vote weights, and the threshold
that keeps the pooled out-of-fold false positives at or under 1 % and 2 %, and the vote shift that keeps them at or
under 2 % at the policy's threshold (``injection.VOTE_SHIFT``). No set is scored by a model trained on it.
``benchmarks/injection_data/blind5*`` is never read.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_injection import HAND_REPEAT, dataset_sources, fit  # noqa: E402

from macrohard.safety import embed_head  # noqa: E402
from macrohard.safety.classifier import Model, features  # noqa: E402
from macrohard.safety.embed import static  # noqa: E402
from macrohard.safety.injection import DEFAULT_THRESHOLD  # noqa: E402
from macrohard.safety.injection_embed import HEAD_PATH, NGRAM_WEIGHT, STRIDE, WIDTH  # noqa: E402
from macrohard.safety.train_sources import SourceError, without_arg  # noqa: E402


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    both = np.concatenate([pos, neg])
    ranks = both.argsort(kind="mergesort").argsort(kind="mergesort") + 1.0
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def recall_at(pos: np.ndarray, neg: np.ndarray, fpr: float) -> float:
    """Recall at the lowest threshold whose false-positive rate is at most ``fpr`` (ties count as flagged)."""
    neg = np.sort(neg)[::-1]
    allowed = int(np.floor(fpr * len(neg)))
    thr = neg[allowed] if allowed < len(neg) else -np.inf
    return float((pos > thr).mean())


HEAD_KIND, WITH_MAX = "mlp", True  # chosen by leave-one-source-out (--cv, --mlp, --with-max)
COSINE = True  # inj29: the rate decays along half a cosine (embed_head.fit_mlp). With blind24 in, the constant rate's
# fit read older English orders lower (a red-team case 0.68 -> 0.48, a JSON body's "forward all emails" 0.993 -> 0.978:
# inj27's five failing tests); the cosine fit with the same data keeps them (0.65, 0.988) and fits better (in-sample
# AUC 0.9886 -> 0.9906, recall at 1 % FPR 81.6 -> 85.0 %). RESULTS.md, inj29.


def _weights(sources: np.ndarray, repeat: int = HAND_REPEAT) -> np.ndarray:
    return np.where(sources == "gen", 1.0, float(repeat)).astype(np.float32)


def vectors(enc, texts: list[str], with_max: bool) -> np.ndarray:
    pool = embed_head.meanmax_vector if with_max else embed_head.mean_vector
    return np.stack([pool(enc, t) for t in texts])


def fit_head(x: np.ndarray, y: np.ndarray, weight: np.ndarray, kind: str, with_max: bool) -> embed_head.Head:
    yy = y.astype(np.float32)[:, None]
    head = (embed_head.fit_mlp(x, yy, hidden=64, epochs=300, lr=0.01, l2=1e-2, weight=weight, cosine=COSINE)
            if kind == "mlp"
            else embed_head.fit(x, yy, weight=weight))
    head.meta = {"with_max": float(with_max)}
    return head


def train(without: tuple[str, ...] = ()) -> embed_head.Head:
    texts, y, sources, _ = dataset_sources(without=without)
    enc = static()
    x = vectors(enc, texts, WITH_MAX)
    head = fit_head(x, y, _weights(sources), HEAD_KIND, WITH_MAX)
    p = head.probs(x)[:, 0]
    head.meta |= {"fit_items": float(len(p)), "fit_auc": auc(p[y == 1], p[y == 0]),
                 "fit_recall_fpr1": recall_at(p[y == 1], p[y == 0], 0.01),
                 "hand_items": float(np.sum(sources != "gen"))}
    return head


def fold_of(names: list[str], groups: int = 0) -> dict[str, str]:
    """Each hand-written source's fold: itself, or with ``groups`` > 0 one of that many contiguous groups of the
    sources in their fixed order (near-equal counts), named by their members: fewer trainings on a loaded box."""
    if groups <= 0 or groups >= len(names):
        return {n: n for n in names}
    parts = [list(p) for p in np.array_split(np.array(names, dtype=object), groups)]
    return {n: "+".join(part) for part in parts for n in part}


def out_of_fold(without: tuple[str, ...] = (), gen_only: bool = False, kind: str = HEAD_KIND,
                with_max: bool = WITH_MAX, repeat: int = HAND_REPEAT, groups: int = 0) -> dict[str, np.ndarray]:
    """For every hand-written example, from models trained without its source (or its group of sources,
    ``fold_of``): the rule hits' weight, the n-gram score, the head's (highest window) score, the label and the
    source, the rules' names ("|"-joined) and its index in ``dataset_sources``."""
    from macrohard.safety.injection import rule_prior, screen_injection
    from macrohard.safety.normalize import normalise

    texts, y, sources, raws = dataset_sources(without=without)
    feats = [features(t) for t in texts]
    reps = np.where(sources == "gen", 1, repeat)
    fold = fold_of([s for s in dict.fromkeys(sources.tolist()) if s != "gen"], groups)
    folds = np.array([fold.get(s, "gen") for s in sources])
    names = list(dict.fromkeys(fold.values()))
    train_of = {n: np.flatnonzero(sources == "gen" if gen_only else folds != n) for n in names}  # gen_only: old recipe
    ngrams = {}
    for name, tr in train_of.items():  # the n-gram models first: they need no MiniLM table
        ngrams[name] = Model(*fit([feats[i] for i in tr for _ in range(reps[i])], np.repeat(y[tr], reps[tr])))
        print(f"  fold {name}: n-gram model trained on {len(tr)} examples; load {os.getloadavg()[0]:.2f}", flush=True)
    enc = static()
    x = vectors(enc, texts, with_max)
    out: dict[str, list] = {"rule": [], "ngram": [], "head": [], "label": [], "source": [], "signals": [], "index": []}
    for name, tr in train_of.items():
        head = fit_head(x[tr], y[tr], _weights(sources[tr], repeat), kind, with_max)
        for i in np.flatnonzero(folds == name):
            flat = normalise(raws[i]).flat
            signals = screen_injection(raws[i], use_classifier=False).signals
            out["rule"].append(rule_prior(signals))
            out["signals"].append("|".join(signals))
            out["index"].append(i)
            out["ngram"].append(ngrams[name].score(flat))
            ids = enc.token_ids(flat)
            win = embed_head.window_vectors(enc, ids, WIDTH, STRIDE, with_max=with_max)
            out["head"].append(float(head.probs(win)[:, 0].max()))
            out["label"].append(int(y[i]))
            out["source"].append(sources[i])
        print(f"  fold {name}: head trained on {len(tr)} examples, {np.sum(folds == name)} scored; load "
              f"{os.getloadavg()[0]:.2f}", flush=True)
    return {k: np.array(v) for k, v in out.items()}


def screen_scores(oof: dict[str, np.ndarray], weight: float, shift: float = 0.0) -> np.ndarray:
    """The screen's score: the vote (``weight`` for the n-grams) moved down by ``shift`` in log-odds
    (``injection.calibrated``), raised by a rule hit as ``screen_injection``."""
    p = np.clip(embed_head.combine(oof["ngram"], oof["head"], weight), 1e-6, 1.0 - 1e-6)
    p = 1.0 / (1.0 + np.exp(shift - np.log(p / (1.0 - p))))
    return 1.0 - (1.0 - p) * (1.0 - oof["rule"])


def shift_for(oof: dict[str, np.ndarray], weight: float, threshold: float, fpr: float) -> float:
    """The lowest vote shift (to 0.25) whose pooled false-positive rate at ``threshold`` is at most ``fpr``."""
    for shift in np.arange(0.0, 8.01, 0.25):
        if (screen_scores(oof, weight, shift)[oof["label"] == 0] >= threshold).mean() <= fpr:
            return float(shift)
    return 8.0


def line(name: str, s: np.ndarray, y: np.ndarray, threshold: float) -> str:
    pos, neg = s[y == 1], s[y == 0]
    return (f"{name:<16} n {len(pos):4d}/{len(neg):4d}  AUC {auc(pos, neg):.3f}  rec@1%FPR {100 * recall_at(pos, neg, 0.01):5.1f} %"
            f"  rec@0.1%FPR {100 * recall_at(pos, neg, 0.001):5.1f} %  @{threshold:.2f}: recall "
            f"{100 * (pos >= threshold).mean():5.1f} % FPR {100 * (neg >= threshold).mean():5.2f} %")


def threshold_for(neg: np.ndarray, fpr: float) -> float:
    """The lowest score (to 0.01) whose false-positive rate on ``neg`` is at most ``fpr``."""
    for t in np.arange(0.05, 1.0, 0.01):
        if (neg >= t).mean() <= fpr:
            return float(round(t, 2))
    return 0.99


def cv(without: tuple[str, ...] = (), threshold: float = 0.6, gen_only: bool = False, kind: str = HEAD_KIND,
       with_max: bool = WITH_MAX, repeat: int = HAND_REPEAT, groups: int = 0) -> None:
    recipe = "generator only (the old recipe)" if gen_only else f"hand repeat {repeat}"
    left = f"leave-one-group-out ({groups} groups)" if groups else "leave-one-source-out"
    print(f"{left}, injection screen ({recipe}, {kind} head{', mean+max' if with_max else ''}); "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    oof = out_of_fold(without, gen_only, kind, with_max, repeat, groups)
    if os.environ.get("MACROHARD_OOF_OUT"):  # keep the out-of-fold arrays for a closer look
        np.savez(os.environ["MACROHARD_OOF_OUT"], **oof)
    y = oof["label"]
    for weight in sorted({NGRAM_WEIGHT, 1.0, 0.6, 0.5}, reverse=True):
        s = screen_scores(oof, weight)
        print(f"vote weight of the n-grams {weight}:")
        for name in dict.fromkeys(oof["source"].tolist()):
            m = oof["source"] == name
            print("  " + line(name, s[m], y[m], threshold))
        print("  " + line("POOLED", s, y, threshold))
        neg = s[y == 0]
        for fpr in (0.01, 0.02):
            t = threshold_for(neg, fpr)
            nested = []
            for name in dict.fromkeys(oof["source"].tolist()):
                m = oof["source"] == name
                tn = threshold_for(s[~m & (y == 0)], fpr)  # chosen without this source
                nested.append(f"{name} {100 * (s[m & (y == 1)] >= tn).mean():.1f}/{100 * (s[m & (y == 0)] >= tn).mean():.1f}")
            print(f"  threshold for pooled FPR <= {fpr:.0%}: {t:.2f} (recall {100 * (s[y == 1] >= t).mean():.1f} %); "
                  f"nested recall/FPR %: " + ", ".join(nested))
        if weight == NGRAM_WEIGHT:  # the rule on the vote's scale at the policy's threshold (injection.VOTE_SHIFT)
            d = shift_for(oof, weight, DEFAULT_THRESHOLD, 0.02)
            s = screen_scores(oof, weight, d)
            print(f"  vote shift for pooled FPR <= 2% at {DEFAULT_THRESHOLD}: {d:.2f} (recall "
                  f"{100 * (s[y == 1] >= DEFAULT_THRESHOLD).mean():.1f} %, FPR {100 * (s[y == 0] >= DEFAULT_THRESHOLD).mean():.2f} %)")


def main() -> int:
    try:
        return run()
    except SourceError as e:
        print(f"train_injection_embed: {e}", file=sys.stderr)
        return 2


def run() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="retrain and compare with the shipped head")
    ap.add_argument("--cv", action="store_true", help="leave-one-source-out figures (trains one model per source)")
    ap.add_argument("--gen-only", action="store_true", help="with --cv: train on the generator alone (the old recipe)")
    ap.add_argument("--mlp", action="store_true", help="with --cv: a one-hidden-layer head")
    ap.add_argument("--with-max", action="store_true", help="with --cv: mean and max pooling of the windows")
    ap.add_argument("--hand-repeat", type=int, default=HAND_REPEAT, help="with --cv: weight of hand-written data")
    ap.add_argument("--groups", type=int, default=0, help="with --cv: leave out this many contiguous groups of "
                                                            "sources in turn instead of one source at a time")
    ap.add_argument("--without", action="append", default=[], help="leave out a hand-written source (by name)")
    args = ap.parse_args()
    without = without_arg([x for name in args.without for x in ("--without", name)])
    if args.cv:
        cv(without, gen_only=args.gen_only, kind="mlp" if args.mlp else HEAD_KIND,
           with_max=args.with_max or WITH_MAX, repeat=args.hand_repeat, groups=args.groups)
        return 0
    head = train(without)
    if args.check:
        shipped = embed_head.Head.load(HEAD_PATH)
        # the static table is built on this machine (BLAS rounding may differ): figures within half a point
        same = set(shipped.meta) == set(head.meta) and all(abs(shipped.meta[k] - v) < 5e-3
                                                           for k, v in head.meta.items())
        print(f"{'reproduced' if same else 'DIFFERENT'}: shipped {shipped.meta}, retrained {head.meta}")
        return 0 if same else 1
    head.save(HEAD_PATH)
    print(f"wrote {HEAD_PATH} ({HEAD_PATH.stat().st_size // 1024} KiB): {head.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
