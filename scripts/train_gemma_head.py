"""Trains the answer screen's Gemma head (``safety/content_gemma``) and writes ``safety/data/content_gemma.npz``.

    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src nice -n 15 python scripts/train_gemma_head.py           # rewrite it
    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src python scripts/train_gemma_head.py --check              # compare
    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src python scripts/train_gemma_head.py --without blind8 --out /tmp/h.npz

Data: the answer model's training data (``content_train.training_data``: the generators and every source of
``train_sources.CONTENT_SOURCES`` and ``NEWER_CONTENT_SOURCES`` (blind17/18, everyday17/18: this head reads them
first), hand-written rows weighted ``HAND_WEIGHT``; the sets kept for final measurements
are refused there), in all languages: the head learns harm and bias over Gemma's rows, and English rows teach it
what a translation means too. Features: the idf-weighted mean of Gemma's token rows over an answer's first 3,000
characters (idf from the training rows), L2-normalised. Head: ``embed_head.fit_mlp`` (hidden 128, 300 epochs,
lr 0.003, L2 1e-3, seeded) on the 9 labels and any harm (helper screen11's method, fixed on blind9 and held out
once on blind10, at a third of its learning rate: see ``LR``).

Thresholds, out of fold: both heads (this one, and the multilingual head with ``train_content_multi``'s data and
fit) are trained again without ``FOLD`` (the newest published sets); on those sets' answers that ``lang.detect``
finds not to be in English, the combined harm (bias) threshold is set so that the combined score flags the same
share of their benign answers as the multilingual head alone does at its shipped thresholds: the screen keeps its
false-positive rate and gains recall. The figures of that fold ship in the file's meta.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from macrohard.safety.content_gemma import HARMS, LABELS, MODEL_PATH, GemmaHead, combine, pooled, token_array  # noqa: E402
from macrohard.safety.embed_head import fit_mlp  # noqa: E402
from macrohard.safety.gemma_table import table  # noqa: E402
from macrohard.safety.train_sources import SourceError, option_arg, without_arg  # noqa: E402

SEED = 20261130
# lr 0.01 (screen11's) made the fit a lottery: three fits that differed only in the seed or in idf's last bits read
# the harmful answers of tests/safety/test_content_gemma.py's drafts at a mean harm score of 0.79, 0.23 and 0.70;
# at lr 0.003 the same three read 0.69, 0.70 and 0.67 (helper gemma14)
HIDDEN, EPOCHS, LR, L2 = 128, 300, 0.003, 1e-3
FOLD = ("blind9", "everyday9", "blind10", "everyday10")
# training sources this head does not read yet (screen27 read blind19-23 and everyday19-23, each held out once by an
# earlier helper; screen25's and screen26's retrains with some of them were not landed): blind24/everyday24, screen27's
# held-out look, named after it
# screen29: blind24/everyday24 read (the candidate held out once on blind25/everyday25 first)
# ... and blind25/everyday25 (held out once by screen29) wait for the next retrain
# screen32: its retrain with blind25/26, everyday25/26 (against the landed multilingual head) stopped 6 more harmful
# answers outside English on blind27 held out once, but its tree stopped 23 look-alikes to the shipped 22: not landed; this
# head still reads neither, nor blind27/everyday27 (held out once by screen32)
# scr35: not retrained (time); blind28/everyday28 (published, read by the other three heads since scr35) named too
# scr37 (candidate K1): not retrained (its fit, after the multilingual head's, could not end by the candidate's
# deadline at load 10-19): blind31/32, everyday31/32 (read by the other heads since scr37) named too
# scr38 (candidate N1): retrained first, with blind31/32, everyday31/32 and blind33/33 (read by the other heads) read
# scr39 (candidate N): not retrained (time: fitted last, it could not start before the candidate's deadline):
# blind34/everyday34 named too
NOT_YET: tuple[str, ...] = ("blind25", "everyday25", "blind26", "everyday26", "blind27", "everyday27", "blind28",
                            "everyday28", "look35", "blind34", "everyday34")
# screen27: ordinary answers outside English. everyday21-23 are held out of the fold's heads too (their other-language
# answers are read out of fold: ``fold_ordinary_fp``); EVERYDAY_BUDGET, when set, raises each combined threshold until
# the fold's heads flag at most that share of them. Held out once on blind24/everyday24 (screen27, RESULTS.md): a 1 %
# budget (harm 0.613) and the shipped screen's own share (8/567, harm 0.593) each cost more harmful answers than they
# saved (harmful+biased 450 and 455 against the shipped 464); without it (harm 0.522) 469, look-alikes 25 -> 23,
# everyday24 5 -> 2: None.
EVERYDAY_FOLD = ("everyday21", "everyday22", "everyday23")
EVERYDAY_BUDGET: float | None = None
# screen26's form (branch screen26-gk), landed by screen27: the bias output is carried over from the head this one
# replaced (trained at 8b6b705 without blind19-23 and everyday19-23), with its combined bias threshold; every other
# output is this fit's. Retrained on more sets the head read harm better outside English and bias worse (screen25's
# dev: blind16's other-language biased answers 136 -> 124; test_content_multi15's pt disability lost by screen25's and
# screen26's retrains). A file that carries a bias head already gives that one (``--check`` rebuilds the rest and
# carries the same bias head).
KEEP_BIAS = True
BIAS_FROM = MODEL_PATH


def idf_of(ids: list[np.ndarray], vocab: int) -> np.ndarray:
    df = np.zeros(vocab)
    for a in ids:
        df[np.unique(a)] += 1
    return np.log((len(ids) + 1) / (df + 1)).astype(np.float32)


def fit(ids: list[np.ndarray], y: np.ndarray, weight: np.ndarray) -> GemmaHead:
    """idf over ``ids``, pooled rows, the MLP on the labels and any harm (thresholds set by the caller)."""
    tab = table()
    idf = idf_of(ids, tab.shape[0]).astype(np.float16).astype(np.float32)  # as the file stores it
    x = np.stack([pooled(a, idf, tab) for a in ids])
    yy = np.concatenate([y, y[:, : len(HARMS)].max(1, keepdims=True)], 1)
    head = fit_mlp(x, yy, hidden=HIDDEN, epochs=EPOCHS, lr=LR, l2=L2, weight=weight, seed=SEED)
    return GemmaHead(head, idf, np.zeros(2, np.float32), {})


def _multi_without(fold: tuple[str, ...]):
    """The multilingual head trained as ``train_content_multi`` trains it, without ``fold``, at the shipped
    thresholds (its thresholds are what the combined score must not flag more often than)."""
    import train_content_multi as tcm

    from macrohard.safety.content_multi import MultiHead, features, shipped

    data = tcm.training_data(fold)
    rows = [features(row[0]) for row in data]
    y = np.array([[label in row[1] for label in tcm.HEAD_LABELS[:-1]] + [bool(row[1] & set(HARMS))]
                  for row in data], dtype=np.float32)
    w, b = tcm.fit(rows, y, np.array([row[2] for row in data], dtype=np.float32))
    return MultiHead(w, b, tcm.HEAD_LABELS, shipped().thresholds.copy(), {})


def _limit(scores: np.ndarray, share: float) -> float:
    return float(np.quantile(scores, 1 - share)) + 1e-6 if share > 0 else float(scores.max()) + 1e-6


def thresholds(texts: list[str], ids: list[np.ndarray], y: np.ndarray, weight: np.ndarray,
               source: np.ndarray, log, dump: str | None = None) -> tuple[np.ndarray, dict[str, float]]:
    """The combined (harm, bias) thresholds out of fold (see the module's docstring), and that fold's figures."""
    from macrohard.safety.lang import detect

    held = np.isin(source, (*FOLD, *EVERYDAY_FOLD))
    keep = np.flatnonzero(~held)
    gemma = fit([ids[i] for i in keep], y[keep], weight[keep])
    log(f"gemma head without {','.join((*FOLD, *EVERYDAY_FOLD))}")
    multi = _multi_without((*FOLD, *EVERYDAY_FOLD))
    log(f"multilingual head without {','.join((*FOLD, *EVERYDAY_FOLD))}")
    tab = table()
    rows = [i for i in np.flatnonzero(held) if detect(texts[i]).other]
    gp = gemma.head.probs(np.stack([pooled(ids[i], gemma.idf, tab) for i in rows]))
    m_harm, m_bias, c_harm, c_bias = (np.zeros(len(rows)) for _ in range(4))
    for k, i in enumerate(rows):
        ms = multi.scores(texts[i])
        m_harm[k] = max(ms[c] for c in (*HARMS, "any_harm"))
        m_bias[k] = ms["bias"]
        c_harm[k], c_bias[k] = combine(ms, dict(zip(LABELS, map(float, gp[k]), strict=True)))
    t_multi_harm, t_multi_bias = float(multi.thresholds[-1]), float(multi.thresholds[-2])
    lab, everyday = y[rows], np.isin(source[rows], EVERYDAY_FOLD)
    benign, harmful, biased = lab.sum(1) == 0, lab[:, : len(HARMS)].any(1), lab[:, -1] == 1
    ordinary, benign = benign & everyday, benign & ~everyday  # the old rule reads FOLD's benign rows only
    m_harm_hit, m_bias_hit = m_harm >= t_multi_harm, m_bias >= t_multi_bias
    t_harm = _limit(c_harm[benign], float(m_harm_hit[benign].mean()))
    t_bias = _limit(c_bias[benign], float(m_bias_hit[benign].mean()))
    if EVERYDAY_BUDGET is not None:
        e_harm, e_bias = _limit(c_harm[ordinary], EVERYDAY_BUDGET), _limit(c_bias[ordinary], EVERYDAY_BUDGET)
        log(f"thresholds: harm {t_harm:.3f}, bias {t_bias:.3f} (fold); at most {EVERYDAY_BUDGET:.2%} of "
            f"{int(ordinary.sum())} ordinary answers: harm {e_harm:.3f}, bias {e_bias:.3f}")
        t_harm, t_bias = max(t_harm, e_harm), max(t_bias, e_bias)
    if dump:  # the fold's scores, for reading the rule on dev
        np.savez(dump, c_harm=c_harm, c_bias=c_bias, m_harm=m_harm, m_bias=m_bias, lab=lab,
                 source=source[rows].astype(str), t=np.array([t_harm, t_bias]))
    c_hit, m_hit = (c_harm >= t_harm) | (c_bias >= t_bias), m_harm_hit | m_bias_hit
    meta = {"fold_other_rows": float(len(rows)), "fold_benign": float(benign.sum()),
            "fold_ordinary": float(ordinary.sum()), "fold_ordinary_fp": float(c_hit[ordinary].mean()),
            "fold_ordinary_multi_fp": float(m_hit[ordinary].mean()),
            "fold_multi_fp": float(m_hit[benign].mean()), "fold_combined_fp": float(c_hit[benign].mean()),
            "fold_multi_harmful": float(m_hit[harmful].mean()), "fold_combined_harmful": float(c_hit[harmful].mean()),
            "fold_multi_biased": float(m_hit[biased].mean()), "fold_combined_biased": float(c_hit[biased].mean())}
    return np.array([t_harm, t_bias], dtype=np.float32), meta


def carried_bias(path: Path = BIAS_FROM) -> tuple[tuple, float, dict[str, float]]:
    """The bias reading kept from an earlier head: (its head and idf, its combined bias threshold, its meta). A file
    that carries a bias head already gives that one (a retrain keeps it until someone retrains it on purpose)."""
    old = GemmaHead.load(path)
    if old.bias is not None:
        return old.bias, float(old.thresholds[1]), {k: v for k, v in old.meta.items() if k.startswith("bias_")}
    return (old.head, old.idf), float(old.thresholds[1]), {f"bias_{k}": v for k, v in old.meta.items()}


def train(without: tuple[str, ...] = (), log=print, dump: str | None = None) -> GemmaHead:
    from macrohard.safety.content_train import training_data

    t0 = time.perf_counter()
    texts, y, weight, source = training_data((*without, *NOT_YET), newer=True)
    ids = [token_array(t) for t in texts]
    log(f"{len(texts)} rows tokenized ({time.perf_counter() - t0:.0f} s)")
    limits, meta = thresholds(texts, ids, y, weight, source, lambda m: log(f"{m} ({time.perf_counter() - t0:.0f} s)"),
                              dump)
    head = fit(ids, y, weight)
    head.thresholds, head.meta = limits, {**meta, "rows": float(len(texts))}
    if KEEP_BIAS:  # the bias output (and its threshold) of the head trained without the newer sets
        head.bias, limits[1], kept = carried_bias()
        head.meta.update(kept)
    log(f"gemma head on every row ({time.perf_counter() - t0:.0f} s)")
    return head


def main(argv: list[str]) -> int:
    try:
        head = train(without_arg(argv), log=lambda m: print(m, flush=True), dump=option_arg(argv, "--fold-scores"))
    except SourceError as e:
        print(f"train_gemma_head: {e}", file=sys.stderr)
        return 2
    figures = ", ".join(f"{k} {v:.4f}" for k, v in sorted(head.meta.items()))
    if "--check" in argv:
        shipped = GemmaHead.load(MODEL_PATH)
        same = set(shipped.meta) == set(head.meta) and all(abs(shipped.meta[k] - v) < 1e-3
                                                          for k, v in head.meta.items())
        same = same and np.allclose(shipped.thresholds, head.thresholds, atol=1e-3)
        print("reproduced" if same else f"DIFFERENT: {shipped.meta} {shipped.thresholds} vs {head.meta} "
              f"{head.thresholds}")
        return 0 if same else 1
    out = Path(option_arg(argv, "--out") or MODEL_PATH)
    head.save(out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB): thresholds harm {head.thresholds[0]:.3f} bias "
          f"{head.thresholds[1]:.3f}; {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
