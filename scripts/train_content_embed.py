"""Trains the answer screen's head over the full MiniLM (``safety/data/content_embed.npz``), and validates the
whole screen by leaving one hand-written source out; deterministic.

    PYTHONPATH=src python scripts/train_content_embed.py            # rewrite the shipped head
    PYTHONPATH=src python scripts/train_content_embed.py --check    # retrain and compare with the shipped file
    PYTHONPATH=src python scripts/train_content_embed.py --cv       # leave-one-source-out figures, thresholds
    PYTHONPATH=src python scripts/train_content_embed.py --cv --gen-only   # the same for the old recipe

Data: ``content_train.training_data`` (the generators and every answer file written by other hands, the latter
weighted ``HAND_WEIGHT``). Each answer's first ``TOKENS`` tokens go through the int8 ONNX MiniLM (``embed_onnx``,
the encoder the screen runs), mean-pooled; a logistic head (``embed_head.fit``) is trained on all of it.

``--cv``: for each hand-written source S, the n-gram model and the head are trained on every other source and the
generators, and the real screen (``content.screen_text``: rules, n-grams, head, vote) scores S. The out-of-fold
scores give the figures per source and pooled, at the policy's thresholds and at per-category thresholds chosen
for at most ``FP_BUDGET`` false positives; each source's "nested" figure uses thresholds chosen on the other
sources' out-of-fold scores only. No set is scored by a model that was trained on it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from macrohard.safety import content_embed, content_model
from macrohard.safety.content_data import LABELS
from macrohard.safety.content_embed import GATE, HEAD_PATH, NGRAM_WEIGHT, encoder
from macrohard.safety.content_train import HAND_WEIGHT, feature_rows, fit, training_data, validation_meta
from macrohard.safety.embed_head import Head, fit_mlp
from macrohard.safety.embed_head import fit as fit_head
from macrohard.safety.train_sources import SourceError, without_arg

EPOCHS, LR, L2 = 400, 0.05, 1e-3
HEAD_KIND, HIDDEN, MLP_EPOCHS, MLP_LR = "mlp", 128, 300, 0.01  # the head chosen by --cv (--mlp)
FP_BUDGET = 0.015  # chosen thresholds keep pooled out-of-fold false positives at or under this (target 2 %)
EVERYDAY_BUDGET = 0.01  # ... and false positives on everyday agent answers (source EVERYDAY) at or under this
EVERYDAY = ("everyday6", "everyday6b", "everyday7", "everyday8", "everyday9", "everyday10")
GRID = (0.99, 0.97, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15,
        0.1)


def embed(texts: list[str]) -> np.ndarray:
    """Embeddings of each text's first TOKENS tokens, one at a time as the screen runs them (int8 activations are
    scaled per run, so a text's embedding does not depend on the others). ``MACROHARD_EMBED_CACHE=DIR`` keeps them
    between runs, one row per text (keyed by the text's digest): new data embeds only the new texts."""
    enc = encoder()
    if enc is None:
        raise SystemExit("the ONNX MiniLM is missing: run `python -m macrohard.safety.embed build` first")
    cache = os.environ.get("MACROHARD_EMBED_CACHE")
    if not cache:
        return enc.embed_many(texts)
    path = Path(cache) / "content_rows.npz"
    known: dict[str, np.ndarray] = {}
    if path.is_file():
        with np.load(path, allow_pickle=False) as z:
            known = dict(zip(z["keys"].tolist(), z["rows"], strict=True))
    keys = [hashlib.sha256(t.encode()).hexdigest()[:24] for t in texts]
    todo = list(dict.fromkeys(k for k in keys if k not in known))
    if todo:
        first = {k: t for k, t in zip(keys, texts, strict=True)}
        known.update(zip(todo, enc.embed_many([first[k] for k in todo]), strict=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(list(known)), rows=np.stack(list(known.values())))
        tmp.replace(path)
    return np.stack([known[k] for k in keys])


# training sources this head does not read yet (screen22 gave blind19/everyday19, its held-out look, to the n-gram head
# alone: the cold embedding of every row did not fit the wave's load); its next retrain drops this
# screen32: blind19/20, everyday19/20 read (and every set since, moved into CONTENT_SOURCES)
# scr38 (candidate N1): not retrained (time): blind33/everyday33 (read by the n-gram and Gemma heads since scr38) wait here
# scr39 (candidate N): not retrained (time: after the n-gram head's fit it could not end by the candidate's limit):
# blind34/everyday34 wait here too
NOT_YET: tuple[str, ...] = ("blind33", "everyday33", "blind34", "everyday34")


def train(without: tuple[str, ...] = ()) -> Head:
    texts, y, weight, _ = training_data((*without, *NOT_YET))
    x = embed(texts)
    head = fit_any(x, y, weight, HEAD_KIND)
    head.meta = validation_meta(head.probs(x), y)
    return head


@contextmanager
def _models(ngram):
    """``content.screen_text`` with this n-gram model (its rules read it: the drug and quoted-bias checks) and no
    head (the trainer scores the head itself)."""
    old = content_model.shipped, content_embed.head_scores
    content_model.shipped, content_embed.head_scores = (lambda: ngram), (lambda *_, **__: None)
    try:
        yield
    finally:
        content_model.shipped, content_embed.head_scores = old


def fit_any(x: np.ndarray, y: np.ndarray, weight: np.ndarray, kind: str) -> Head:
    if kind == "mlp":
        return fit_mlp(x, y, hidden=HIDDEN, epochs=MLP_EPOCHS, lr=MLP_LR, l2=L2, weight=weight)
    return fit_head(x, y, epochs=EPOCHS, lr=LR, l2=L2, weight=weight)


def out_of_fold(without: tuple[str, ...] = (), gen_only: bool = False, kind: str = HEAD_KIND,
                hand_weight: float = HAND_WEIGHT) -> dict[str, np.ndarray]:
    """For every hand-written answer, from models trained without the answer's source: the n-gram scores, the
    head's scores (as the screen reads the answer: first and last TOKENS), whether the head read all of it,
    whether the rules alone stop it (``screen_text`` with no threshold reachable), the labels and the source."""
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy

    answers = load_policy().answers
    texts, y, weight, source = training_data(without)
    weight = np.where(source == "gen", 1.0, hand_weight).astype(np.float32)
    x, feats = embed(texts), feature_rows(texts)
    enc = encoder()
    never = dict.fromkeys((*LABELS, "any_harm"), 2.0)  # the rules alone: no model threshold, no combined harm
    from macrohard.safety.content import declines, discusses_bias, merit_decision
    from macrohard.safety.content_bias import against_clause, gives_attribute_reason
    from macrohard.safety.content_bias_other import against_clause as against_other
    from macrohard.safety.content_groom import grooming
    from macrohard.safety.content_reason import stereotyped

    out: dict[str, list] = {"ngram": [], "head": [], "whole": [], "rules": [], "row": [], "declines": [],
                            "discusses": [], "against": [],
                            "clause_ngram": [], "clause_head": [], "reason": [], "stereotype": [], "groom": []}
    # a subset of the folds (runs in parallel, merged); "a+b" leaves sources a and b out together (fewer trainings)
    folds = [f.split("+") for f in os.environ.get("MACROHARD_CV_FOLDS", "").split(",") if f]
    known = [s for s in dict.fromkeys(source.tolist()) if s != "gen"]
    for members in folds or [[s] for s in known]:
        name = "+".join(members)
        in_fold = np.isin(source, members)
        train_rows = np.flatnonzero(source == "gen" if gen_only else ~in_fold)  # gen_only: the old recipe
        if not (gen_only and out["row"]):  # the old recipe's model is the same for every source: trained once
            ngram = fit([feats[i] for i in train_rows], y[train_rows], weight[train_rows])
            head = fit_any(x[train_rows], y[train_rows], weight[train_rows], kind)
        with _models(ngram):
            for i in np.flatnonzero(in_fold):
                found = screen_text(texts[i], never).found
                windows = enc.windows(texts[i][: content_model.MAX_CHARS])
                out["ngram"].append([ngram.scores(texts[i])[c] for c in LABELS])
                out["head"].append(head.probs(enc.embed_ids(windows)).max(0))
                out["whole"].append(len(windows) == 1)
                out["rules"].append(any(answers.get(c, "ask") != "allow" for c in found))
                out["declines"].append(declines(texts[i]))
                sample = texts[i][: content_model.MAX_CHARS]
                out["discusses"].append(discusses_bias(sample) or merit_decision(sample))
                clause = against_clause(sample)  # or, as the screen reads it then, a clause in another language
                out["against"].append(clause is not None or against_other(sample) is not None)
                out["stereotype"].append(stereotyped(sample) is not None)
                out["groom"].append(grooming(sample))
                out["reason"].append(clause is not None and gives_attribute_reason(clause))
                alone = clause is not None and clause.strip() != sample.strip()
                out["clause_ngram"].append(ngram.scores(clause)["bias"] if alone else 0.0)
                out["clause_head"].append(head.probs(enc.embed_ids(enc.windows(clause)))[0, -1] if alone else 0.0)
                out["row"].append(i)
        print(f"  fold {name}: {len(train_rows)} training answers, {np.sum(in_fold)} scored", flush=True)
    res = {k: np.array(v) for k, v in out.items()}
    res["y"], res["source"] = y[res["row"]], source[res["row"]]
    return res


def screen_scores(oof: dict[str, np.ndarray], weight: float, gate: float) -> np.ndarray:
    """``content_embed.vote`` over the out-of-fold arrays, then ``content.REFUSAL_DISCOUNT`` on short refusals and
    ``content.DISCUSS_DISCOUNT`` on the bias score of answers that discuss biased decisions."""
    from macrohard.safety.content import DISCUSS_DISCOUNT, REFUSAL_DISCOUNT
    from macrohard.safety.content_bias import AGAINST_GATE, AGAINST_LIFT, REASON_LIFT
    from macrohard.safety.embed_head import combine

    ng, hd = oof["ngram"], oof["head"]
    out = np.where(ng >= gate, combine(ng, hd, weight), ng)
    out = np.where(oof["whole"][:, None], out, np.maximum(out, ng))
    if "declines" in oof:
        out = np.where(oof["declines"][:, None], out * REFUSAL_DISCOUNT, out)
    b = LABELS.index("bias")
    if "groom" in oof:  # content_groom: steps to get a child alone lift the csam score
        from macrohard.safety.content_groom import GROOM_LIFT

        j, act = LABELS.index("csam"), oof["groom"] & ~oof["declines"]
        p = np.clip(out[:, j], 1e-6, 1 - 1e-6)
        out[:, j] = np.where(act, 1 / (1 + np.exp(-(np.log(p / (1 - p)) + GROOM_LIFT))), out[:, j])
    if "discusses" in oof:
        out[:, b] *= np.where(oof["discusses"], DISCUSS_DISCOUNT, 1.0)
        if "against" in oof:  # content_bias: a clause against a protected group, read alone, lifts the decision
            act = oof["against"] & ~oof["discusses"] & ~oof["declines"]
            if "clause_ngram" in oof:
                cn, ch = oof["clause_ngram"], oof["clause_head"]
                alone = np.where(cn >= gate, combine(cn, ch, weight), cn)
                out[:, b] = np.where(act, np.maximum(out[:, b], alone), out[:, b])
            reason = act & oof["reason"] if "reason" in oof else np.zeros(len(out), bool)
            by = np.where(reason, REASON_LIFT, np.where(act & (out[:, b] >= AGAINST_GATE), AGAINST_LIFT, 0.0))
            p = np.clip(out[:, b], 1e-6, 1 - 1e-6)
            out[:, b] = np.where(by > 0, 1 / (1 + np.exp(-(np.log(p / (1 - p)) + by))), out[:, b])
        if "stereotype" in oof:  # content_reason: a claim about the group given as the act's reason
            from macrohard.safety.content_reason import STEREOTYPE_SCORE

            out[:, b] = np.where(oof["stereotype"] & ~oof["declines"], np.maximum(out[:, b], STEREOTYPE_SCORE),
                                 out[:, b])
    return out


def stopped(scores: np.ndarray, rules: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    return rules | (scores >= np.array([thresholds[c] for c in LABELS])).any(1)


def choose(scores: np.ndarray, rules: np.ndarray, y: np.ndarray, budget: float = FP_BUDGET,
           everyday: np.ndarray | None = None) -> dict[str, float]:
    """Per-category thresholds (greedy over GRID) that raise the mean recall over categories most per false
    positive added, keeping the false-positive rate on the benign rows at or under ``budget`` and on the
    ``everyday`` rows (ordinary agent answers) at or under ``EVERYDAY_BUDGET``."""
    benign = y.sum(1) == 0
    everyday = np.zeros(len(y), bool) if everyday is None else everyday
    cats = [j for j in range(len(LABELS)) if y[:, j].any()]
    t = dict.fromkeys(LABELS, GRID[0])

    def value(th: dict[str, float]) -> tuple[float, float]:
        hit = stopped(scores, rules, th)
        return float(np.mean([hit[y[:, j] == 1].mean() for j in cats])), float(hit[benign].mean())

    rec, fp = value(t)
    while True:
        best = None
        for c in LABELS:
            k = GRID.index(t[c])
            if k + 1 == len(GRID):
                continue
            r2, f2 = value({**t, c: GRID[k + 1]})
            if f2 > budget or r2 < rec or (everyday.any() and stopped(
                    scores[everyday], rules[everyday], {**t, c: GRID[k + 1]}).mean() > EVERYDAY_BUDGET):
                continue
            gain = (r2 - rec) / (f2 - fp + 1e-4)
            if best is None or gain > best[0]:
                best = (gain, c, r2, f2)
        if best is None:
            return t
        _, c, rec, fp = best
        t[c] = GRID[GRID.index(t[c]) + 1]


def report(label: str, hit: np.ndarray, y: np.ndarray, everyday: np.ndarray | None = None) -> str:
    benign = y.sum(1) == 0
    daily = f"  everyday FP {100 * hit[everyday].mean():4.1f} %" if everyday is not None and everyday.any() else ""
    per = [f"{c} {100 * hit[y[:, j] == 1].mean():.1f}" for j, c in enumerate(LABELS) if y[:, j].any()]
    harm = (y[:, :-1].sum(1) > 0)
    return (f"{label:<24} harmful {100 * hit[harm].mean():5.1f} %  biased {100 * hit[y[:, -1] == 1].mean():5.1f} %  "
            f"benign FP {100 * hit[benign].mean():4.1f} %{daily}  | " + "  ".join(per))


def nested(scores: np.ndarray, rules: np.ndarray, y: np.ndarray, source: np.ndarray) -> np.ndarray:
    """Stopped or not, each source judged at thresholds chosen on the other sources' out-of-fold scores."""
    hit = np.zeros(len(y), bool)
    for name in dict.fromkeys(source.tolist()):
        s = source == name
        hit[s] = stopped(scores[s], rules[s], choose(scores[~s], rules[~s], y[~s], everyday=np.isin(source[~s], EVERYDAY)))
    return hit


def cv(without: tuple[str, ...] = (), gen_only: bool = False, kind: str = HEAD_KIND,
       hand_weight: float = HAND_WEIGHT, detail: bool = True) -> dict[str, float]:
    from macrohard.safety.policy import load_policy

    recipe = "generators only (the old recipe)" if gen_only else f"hand weight {hand_weight}"
    print(f"leave-one-source-out, answer screen ({recipe}, {kind} head, FP budget {FP_BUDGET:.1%}); "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    oof = out_of_fold(without, gen_only, kind, hand_weight)
    if os.environ.get("MACROHARD_OOF_OUT"):  # keep the out-of-fold arrays for a closer look
        np.savez(os.environ["MACROHARD_OOF_OUT"], **oof)
    y, source, rules = oof["y"], oof["source"], oof["rules"]
    policy = dict(load_policy().answer_thresholds)
    for weight, gate in dict.fromkeys(((NGRAM_WEIGHT, GATE), (0.75, GATE), (0.5, GATE), (0.6, 0.0))):
        scores = screen_scores(oof, weight, gate)
        print(f"vote weight {weight}, gate {gate}:")
        if detail:
            for name in dict.fromkeys(source.tolist()):
                s = source == name
                print("  " + report(f"{name} @policy", stopped(scores[s], rules[s], policy), y[s]))
        daily = np.isin(source, EVERYDAY)
        print("  " + report("POOLED @policy", stopped(scores, rules, policy), y, daily))
        print("  " + report("POOLED @nested", nested(scores, rules, y, source), y, daily))
        chosen = choose(scores, rules, y, everyday=daily)
        print("  " + report("POOLED @chosen", stopped(scores, rules, chosen), y, daily))
        print("  chosen thresholds (pooled out-of-fold): " + ", ".join(f"{c}: {v}" for c, v in chosen.items()))
    return chosen


@contextmanager
def _trained(ngram, head: Head):
    """``content.screen_text`` with this n-gram model and this head (the encoder stays the shipped one)."""
    old = content_model.shipped, content_embed.head
    content_model.shipped, content_embed.head = (lambda: ngram), (lambda: head)
    try:
        yield
    finally:
        content_model.shipped, content_embed.head = old


def holdout(names: tuple[str, ...], without: tuple[str, ...] = (), misses: str | None = None) -> None:
    """Trains the n-grams and the head without the sources ``names`` (and ``without``) and screens each of those
    sources with the real screen at the policy's thresholds: a pseudo-blind figure for a published set that the
    recipe is then chosen without. ``misses``: a file for every answer wrongly stopped or passed."""
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy
    from macrohard.safety.train_sources import content_sources

    policy = load_policy()
    print(f"held out {', '.join(names)}; trained on the rest; load {os.getloadavg()[0]:.2f}", flush=True)
    keep = os.environ.get("MACROHARD_HOLDOUT_MODELS")  # a folder: reuse the models trained there, else keep them
    if keep and (Path(keep) / "head.npz").is_file():
        ngram, head = content_model.ContentModel.load(Path(keep) / "ngram.npz"), Head.load(Path(keep) / "head.npz")
        print(f"  models from {keep}", flush=True)
    else:
        texts, y, weight, _ = training_data(tuple(dict.fromkeys(names + without)))
        ngram = fit(feature_rows(texts), y, weight)
        head = fit_any(embed(texts), y, weight, HEAD_KIND)
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            ngram.save(Path(keep) / "ngram.npz")
            head.save(Path(keep) / "head.npz")
    wrong: list[str] = []
    with _trained(ngram, head):
        for name, rows in content_sources(tuple(n for n in content_sources_names() if n not in names)).items():
            hit = np.array([any(policy.answers.get(c, "ask") != "allow"
                                for c in screen_text(t, policy.answer_thresholds).found) for t, _ in rows])
            ys = np.array([[c in labels for c in LABELS] for _, labels in rows], dtype=np.float32)
            daily = np.full(len(rows), name in EVERYDAY)
            print("  " + report(f"{name} @policy", hit, ys, daily), flush=True)
            if ys.any():  # even rows: read to study the misses; odd rows: never read (the honest half)
                for half, part in (("even", slice(0, None, 2)), ("odd", slice(1, None, 2))):
                    print("    " + report(f"{name} {half} rows", hit[part], ys[part]), flush=True)
            wrong += [f"{name}\t{','.join(sorted(labels)) or 'benign'}\t{'stopped' if h else 'passed'}\t"
                      + t.replace("\n", "\\n") for k, ((t, labels), h) in enumerate(zip(rows, hit, strict=True))
                      if h != bool(labels) and (k % 2 == 0 or not ys.any())]
    if misses:
        Path(misses).write_text("\n".join(wrong) + "\n", encoding="utf-8")


def content_sources_names() -> tuple[str, ...]:
    from macrohard.safety.train_sources import CONTENT_SOURCES

    return tuple(CONTENT_SOURCES)


def main(argv: list[str]) -> int:
    try:
        return run(argv)
    except SourceError as e:
        print(f"train_content_embed: {e}", file=sys.stderr)
        return 2


def run(argv: list[str]) -> int:
    without = without_arg(argv)
    if "--holdout" in argv:
        names = tuple(argv[argv.index("--holdout") + 1].split(","))
        holdout(names, without, os.environ.get("MACROHARD_MISSES_OUT"))
        return 0
    if "--cv" in argv:
        kind = "mlp" if "--mlp" in argv else HEAD_KIND
        weight = float(argv[argv.index("--hand-weight") + 1]) if "--hand-weight" in argv else HAND_WEIGHT
        cv(without, gen_only="--gen-only" in argv, kind=kind, hand_weight=weight)
        return 0
    head = train(without)
    if "--check" in argv:
        shipped = Head.load(HEAD_PATH)
        same = set(shipped.meta) == set(head.meta) and all(abs(shipped.meta[k] - v) < 1e-3
                                                           for k, v in head.meta.items())
        print("reproduced" if same else f"DIFFERENT: {shipped.meta} vs {head.meta}")
        return 0 if same else 1
    head.save(HEAD_PATH)
    print(f"wrote {HEAD_PATH}: {head.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
