"""Trains the injection screen's Gemma head (``src/macrohard/safety/data/injection_gemma.npz``).

    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src nice -n 10 python scripts/train_injection_gemma.py       # write it
    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src python scripts/train_injection_gemma.py --check           # compare
    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src python scripts/train_injection_gemma.py --without blind18 --out /tmp/h.npz
    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src python scripts/train_injection_gemma.py --other-order-weight 2 --out /tmp/h.npz

The same data as ``scripts/train_injection.py`` and ``train_injection_embed.py`` (the generator and every source of
``train_sources.INJECTION_SOURCES`` but ``LEFT_OUT``, normalised and cut to the n-gram model's window, hand-written
examples weighted ``HAND_REPEAT``; of a source in ``INJECTIONS_ONLY`` its injections only), in every language: what the
English rows teach reaches the others through Gemma's table. Features:
a text's Gemma token rows, their mean (L2-normalised) beside their per-dimension maximum (the screen reads windows of
the same); the head: ``embed_head.fit_mlp`` with the MiniLM head's recipe (64 hidden, 300 epochs, lr 0.01, L2 1e-2;
full-batch, seeded). ``--check`` retrains and compares the fit's figures (the table is dequantised on each machine).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_injection import HAND_REPEAT, dataset_sources  # noqa: E402
from train_injection_embed import auc, recall_at  # noqa: E402

from macrohard.safety import embed_head  # noqa: E402
from macrohard.safety.injection_gemma import HEAD_PATH, _Table  # noqa: E402
from macrohard.safety.train_sources import SourceError, without_arg  # noqa: E402

HIDDEN, EPOCHS, LR, L2 = 64, 300, 0.01, 1e-2
COSINE = True  # inj29 (inj27's R1): the rate decays along half a cosine; with every source in, the constant rate's fit fell
# (inj26), the cosine fit's did not (in-sample AUC 0.9957 -> 0.997, recall at 1 % FPR 92.2 -> 95 %). RESULTS.md, inj29.
# Sources this head is not trained on (the n-gram and MiniLM models read them). inj26 left blind23 out: with it the
# constant-rate fit landed far worse (in-sample AUC 0.9957 -> 0.9880). inj29: with the cosine-decayed rate every
# source is in (RESULTS.md, inj27 and inj29).
# injr37 (J1g): blind32 left out of this head (it stays main's, trained through blind31): J1's head with blind32's
# injections lifted other-language everyday answers read as tool output over the threshold (everyday28 6.59 -> 8.18 %,
# everyday31 7.41 -> 8.22 %: the brief allows +1 point); the n-gram and MiniLM models read blind32 (RESULTS.md, injr37).
# inj44 (candidate D1): this head reads blind33-36 whole (their other-language look-alikes among them); blind32 stays out
# as above. On blind37 (read by no head) AUC 0.839 -> 0.897 and FPR at 0.89 27.3 -> 8.5 %, but recall at 0.89 81.0 ->
# 66.6 %: it fails inj44's rule (RESULTS.md, inj44).
# inj45 (candidate F): this head, like the n-gram and MiniLM models, also reads blind37 and the published everyday
# answer sets as observations with label 0 (train_sources.OBSERVATION_NEGATIVES; everyday38 is inj45's dev set).
LEFT_OUT: tuple[str, ...] = ("blind32",)
# Sources of which this head reads the injections (label 1) only; their negatives are left out of its fit (the n-gram
# and MiniLM models read them whole). injr34 (seen, blind28): blind27's 1,155 negatives (87 % of its rows other-language
# look-alikes, weighted HAND_REPEAT) pulled this head's other-language orders down (64.7 -> 52.8 %) more than its
# injections lifted them. Candidate D of injr34b (blind27 only) failed its look on blind29 (policy 65.3 -> 64.8 %);
# injr35's arm E2 carries the recipe to blind27-29, held out once on blind31 (scripts/screen_data/injr35_METHOD.md).
# injr36 (H2): blind31 too (its 1,063 negatives out of this head's fit, as E2 did with blind27-29).
INJECTIONS_ONLY: tuple[str, ...] = ("blind27", "blind28", "blind29", "blind31")
# inj52: the other-language orders (label 1, text ``lang.detect`` reads as not English: the rows the screen has this head
# vote on, ``injection_gemma.mix``) count this many times their weight (a hand-written one HAND_REPEAT x this). 1.0: off.
# inj51's E (blind38-42 and hand rows in) read the Spanish order of test_injection_gemma at 0.588 < its floor 0.65
# and lost other-language recall on blind45 (RESULTS.md, inj51, inj52).
OTHER_ORDER_WEIGHT = 1.0


def row_weights(texts: list[str], y: np.ndarray, sources: np.ndarray,
                other_order_weight: float = OTHER_ORDER_WEIGHT) -> np.ndarray:
    """Each training row's weight: 1 for the generator's, ``HAND_REPEAT`` for a hand-written source's, times
    ``other_order_weight`` for an order (label 1) in a text ``lang.detect`` reads as not English."""
    weight = np.where(sources == "gen", 1.0, float(HAND_REPEAT))
    if other_order_weight != 1.0:
        from macrohard.safety.lang import detect

        order = np.asarray(y) == 1
        other = np.array([bool(o) and detect(t).other for t, o in zip(texts, order, strict=True)], dtype=bool)
        weight = np.where(other, weight * float(other_order_weight), weight)
    return weight.astype(np.float32)


def train(without: tuple[str, ...] = (), other_order_weight: float = OTHER_ORDER_WEIGHT) -> embed_head.Head:
    texts, y, sources, _ = dataset_sources(without=tuple(dict.fromkeys((*without, *LEFT_OUT))))
    keep = ~(np.isin(sources, INJECTIONS_ONLY) & (y == 0))
    texts, y, sources = [t for t, k in zip(texts, keep, strict=True) if k], y[keep], sources[keep]
    enc = _Table()
    x = np.stack([embed_head.meanmax_vector(enc, t) for t in texts]).astype(np.float32)
    weight = row_weights(texts, y, sources, other_order_weight)
    head = embed_head.fit_mlp(x, y.astype(np.float32)[:, None], hidden=HIDDEN, epochs=EPOCHS, lr=LR, l2=L2,
                              weight=weight, cosine=COSINE)
    p = head.probs(x)[:, 0]
    head.meta = {"with_max": 1.0, "fit_items": float(len(p)), "fit_auc": auc(p[y == 1], p[y == 0]),
                 "fit_recall_fpr1": recall_at(p[y == 1], p[y == 0], 0.01), "hand_items": float(np.sum(sources != "gen"))}
    if other_order_weight != 1.0:  # only when on: a head trained without it keeps main's meta (``--check``)
        head.meta["other_order_weight"] = float(other_order_weight)
    return head


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="retrain and compare with the shipped head")
    ap.add_argument("--without", action="append", default=[], help="leave out a hand-written source (by name)")
    ap.add_argument("--out", default=str(HEAD_PATH), help="where to write the head")
    ap.add_argument("--other-order-weight", type=float, default=OTHER_ORDER_WEIGHT,
                    help=f"weight of an other-language order, times its usual one (default {OTHER_ORDER_WEIGHT:g})")
    args = ap.parse_args()
    if not args.other_order_weight > 0:
        print("train_injection_gemma: --other-order-weight must be above 0", file=sys.stderr)
        return 2
    try:
        head = train(without_arg([x for name in args.without for x in ("--without", name)]), args.other_order_weight)
    except SourceError as e:
        print(f"train_injection_gemma: {e}", file=sys.stderr)
        return 2
    if args.check:
        shipped = embed_head.Head.load(HEAD_PATH)
        same = set(shipped.meta) == set(head.meta) and all(abs(shipped.meta[k] - v) < 5e-3
                                                           for k, v in head.meta.items())
        print(f"{'reproduced' if same else 'DIFFERENT'}: shipped {shipped.meta}, retrained {head.meta}")
        return 0 if same else 1
    out = Path(args.out)
    head.save(out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB): {head.meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
