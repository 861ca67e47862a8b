"""Trains the injection screen's two models WITHOUT one set and scores that set as the screen would: an honest
(pseudo-blind) estimate on a published set that no model saw.

    python scripts/train_injection_holdout.py                       # hold out blind6, the current recipe
    python scripts/train_injection_holdout.py --holdout blind5      # another published set (a source name or path)
    python scripts/train_injection_holdout.py --out scores.npz      # keep the scores for a closer look

Trains the n-gram classifier (``train_injection.fit``) and the embedding head (``train_injection_embed.fit_head``)
on the generator and every hand-written source but the held-out one (and but ``--without``), then screens the
held-out texts exactly as ``screen_injection`` does (rules on the text as written and normalised, then the vote,
raised by a rule hit). Prints AUC, recall at 1 % and 0.1 % FPR, recall and FPR at the policy threshold, the
negatives split into ordinary outputs (style ``benign``) and look-alikes (style ``lookalike``), per attack style and
per source kind. The shipped models are not touched. ``blind7*`` is refused by ``train_sources``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_injection import HAND_REPEAT, dataset_sources, fit  # noqa: E402
from train_injection_embed import HEAD_KIND, WITH_MAX, _weights, auc, fit_head, recall_at, vectors  # noqa: E402

from macrohard.safety import embed_head  # noqa: E402
from macrohard.safety.classifier import Model, features  # noqa: E402
from macrohard.safety.embed import static  # noqa: E402
from macrohard.safety.injection import DEFAULT_THRESHOLD, frame_score, rule_prior, screen_injection  # noqa: E402
from macrohard.safety.injection_embed import NGRAM_WEIGHT, STRIDE, WIDTH  # noqa: E402
from macrohard.safety.normalize import normalise  # noqa: E402
from macrohard.safety.train_sources import INJECTION_SOURCES, ROOT, SourceError, _path  # noqa: E402


def held_rows(name: str) -> list[dict]:
    rel = INJECTION_SOURCES.get(name) or (f"benchmarks/injection_data/{name}.jsonl" if "/" not in name else name)
    path = _path(rel, ROOT)  # refuses the final blind sets
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def train_models(without: tuple[str, ...], cache: str | None = None) -> tuple[Model, embed_head.Head]:
    """The two models trained without ``without``; with ``cache`` (a folder) they are kept there and read back when
    the same sources were left out before (the folder is the caller's: clear it when the data or the recipe change)."""
    if cache:
        stem = Path(cache) / ("without-" + "-".join(sorted(without)))
        if stem.with_suffix(".ngram.npz").exists() and stem.with_suffix(".head.npz").exists():
            with np.load(stem.with_suffix(".ngram.npz"), allow_pickle=False) as z:
                model = Model(z["weights"], float(z["bias"]))
            print(f"models read from {stem}.*", flush=True)
            return model, embed_head.Head.load(stem.with_suffix(".head.npz"))
    texts, y, sources, _ = dataset_sources(without=without)
    reps = np.where(sources == "gen", 1, HAND_REPEAT)
    feats = [features(t) for t in texts]
    w, b = fit([feats[i] for i in range(len(texts)) for _ in range(reps[i])], np.repeat(y, reps))
    x = vectors(static(), texts, WITH_MAX)
    head = fit_head(x, y, _weights(sources), HEAD_KIND, WITH_MAX)
    print(f"trained on {len(texts)} texts ({int(np.sum(sources != 'gen'))} hand-written), without "
          f"{', '.join(without) or 'nothing'}; load {os.getloadavg()[0]:.2f}", flush=True)
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        np.savez(stem.with_suffix(".ngram.npz"), weights=w, bias=b)
        head.save(stem.with_suffix(".head.npz"))
    return Model(w, b), head


def scorer_of(model: Model, head: embed_head.Head):
    """flat text -> the two models' vote, as ``injection_embed.vote`` gives it with the shipped models."""
    enc = static()

    def vote(flat: str) -> float:
        win = embed_head.window_vectors(enc, enc.token_ids(flat), WIDTH, STRIDE, with_max=WITH_MAX)
        return float(embed_head.combine(model.score(flat), float(head.probs(win)[:, 0].max()), NGRAM_WEIGHT))

    return vote


def score(rows: list[dict], model: Model, head: embed_head.Head) -> dict[str, np.ndarray]:
    """The screen's scores of ``rows`` with these models (``score``: ``screen_injection`` itself, given these models),
    and its parts: the rules' prior, the vote on the whole text and on its frame (``injection_frame.frame_score``; NaN when
    nothing is quoted or the text is empty), so other frame weights can be tried on the saved parts."""
    vote = scorer_of(model, head)
    out: dict[str, list] = {"score": [], "rule": [], "vote": [], "frame": []}
    for r in rows:
        screen = screen_injection(r["text"], scorer=vote)
        norm = normalise(r["text"])
        p = vote(norm.flat) if norm.flat else 0.0
        fr = frame_score(norm.lines, vote) if norm.flat and not screen.signals else None
        for k, v in (("score", screen.score), ("rule", rule_prior(screen.signals)), ("vote", p),
                     ("frame", float("nan") if fr is None else fr)):
            out[k].append(v)
    return {k: np.array(v) for k, v in out.items()}


def report(rows: list[dict], s: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> None:
    y = np.array([r["label"] for r in rows])
    style = np.array([r.get("style", "?") for r in rows])
    kind = np.array([r.get("kind") or r.get("style", "?") for r in rows])
    pos, neg = s[y == 1], s[y == 0]

    def row(name, p, n):
        return (f"{name:<22} n {len(p):4d}/{len(n):4d}  AUC {auc(p, n):.3f}  rec@1%FPR {100 * recall_at(p, n, 0.01):5.1f} %"
                f"  rec@0.1%FPR {100 * recall_at(p, n, 0.001):5.1f} %  @{threshold}: recall {100 * (p >= threshold).mean():5.1f} %"
                f"  FPR {100 * (n >= threshold).mean():5.2f} %")

    print(row("ALL", pos, neg))
    for k in sorted(set(kind[y == 0])):
        print(row(f"  negatives: {k}", pos, s[(y == 0) & (kind == k)]))
    thr1 = np.sort(neg)[::-1][int(np.floor(0.01 * len(neg)))]
    print(f"per attack style: recall @{threshold} / @1%FPR (> {thr1:.3f})")
    for st in sorted(set(style[y == 1])):
        m = (y == 1) & (style == st)
        print(f"  {st:<24}{m.sum():4d}  {100 * (s[m] >= threshold).mean():5.1f} %  {100 * (s[m] > thr1).mean():5.1f} %")
    by = defaultdict(list)
    for i, r in enumerate(rows):
        by[r.get("source", "?")].append(i)
    print("per source kind: pos recall @policy, neg FPR @policy (ordinary / look-alike)")
    for src, idx in sorted(by.items()):
        ix = np.array(idx)
        p = ix[y[ix] == 1]
        o = ix[(y[ix] == 0) & np.isin(kind[ix], ("benign", "ordinary"))]
        h = ix[(y[ix] == 0) & ~np.isin(kind[ix], ("benign", "ordinary"))]
        f = lambda a: f"{(s[a] >= threshold).sum():3d}/{len(a):3d}"  # noqa: E731
        print(f"  {src:<12} pos {f(p)}  ordinary {f(o)}  look-alike {f(h)}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--holdout", default="blind6", help="the set scored (a source name or a benchmarks/ path)")
    ap.add_argument("--without", default="", help="further sources left out of training (comma-separated)")
    ap.add_argument("--out", help="save the held-out scores (npz)")
    ap.add_argument("--models", help="a folder that keeps the trained models, reused by later runs that leave out "
                                     "the same sources")
    args = ap.parse_args()
    try:
        rows = held_rows(args.holdout)
        without = tuple(x for x in args.without.split(",") if x)
        if args.holdout in INJECTION_SOURCES:
            without += (args.holdout,)
        model, head = train_models(without, args.models)
    except SourceError as e:
        print(f"train_injection_holdout: {e}", file=sys.stderr)
        return 2
    parts = score(rows, model, head)
    print(f"held out: {args.holdout} ({len(rows)} texts); load {os.getloadavg()[0]:.2f}")
    report(rows, parts["score"])
    if args.out:
        np.savez(args.out, **parts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
