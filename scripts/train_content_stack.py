"""Fit the answer screen's stacked second look (``macrohard.safety.content_stack``) and read it on a held-out fold.

    PYTHONPATH=src python scripts/train_content_stack.py --extract /tmp/stack.json      # the screen's readings
    PYTHONPATH=src python scripts/train_content_stack.py --dev /tmp/stack.json --budget 0.003
    PYTHONPATH=src python scripts/train_content_stack.py --fit /tmp/stack.json --budget 0.003 [--out PATH]

The rows are answers no head of the screen has read (blind35.tsv, everyday35.tsv: scr40's choice, RESULTS.md). The
readings are the screen's own with the stack switched off (what the shipped screen computes before it looks). The
threshold: the lowest at which the benign answers the screen passes but the stack flags are at most
floor(budget x the benign answers it is fit on), among the answers the stack's gate lets it read
(``content_stack.GATE``: some reading at least half-way to its threshold). ``--dev``: two folds by data-row parity within each file, fit on one,
read on the other, both ways, against the screen alone.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SETS = ("blind35", "everyday35")
L2 = 1.0


def extract(out: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from content import load  # benchmarks/content.py: the same reading of the sets

    from macrohard.safety import content_stack
    from macrohard.safety.content import screen_text
    from macrohard.safety.content_gemma import limits
    from macrohard.safety.content_model import MAX_CHARS
    from macrohard.safety.content_multi import screen_read
    from macrohard.safety.lang import detect
    from macrohard.safety.policy import load_policy

    content_stack.MODEL_PATH = Path("/nonexistent/content_stack.json")  # the screen alone
    content_stack.shipped.cache_clear()
    policy = load_policy()
    thresholds = policy.answer_thresholds
    rows = []
    for name in SETS:
        for i, (label, kind, text) in enumerate(load(ROOT / "benchmarks" / "content" / f"{name}.tsv")):
            verdict = screen_text(text, thresholds)
            flagged = any(policy.answers.get(c, "ask") != "allow" for c in verdict.found)
            sample = text if len(text) <= MAX_CHARS else text[: MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
            lang = detect(sample)
            combined = screen_read(sample, lang)[1]
            x = content_stack.features(verdict.scores, lang.other, combined)
            ratio = content_stack.strongest(verdict.scores, {c: thresholds.get(c, 0.5) for c in verdict.scores},
                                            combined, limits())[1]
            rows.append({"set": name, "i": i, "label": label, "kind": kind, "s": flagged, "x": x,
                         "usable": (combined is not None or not lang.other) and ratio >= content_stack.GATE,
                         "en": kind.rsplit(":", 1)[-1] == "en"})
    out.write_text(json.dumps(rows))
    print(f"{len(rows)} rows -> {out}")


def fit(rows: list[dict], budget: float) -> tuple[np.ndarray, float, float]:
    x = np.array([r["x"] for r in rows], dtype=np.float64)
    y = np.array([r["label"] != "benign" for r in rows], dtype=np.float64)
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    reg = np.full(a.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(50):  # Newton's method on the L2-penalised log-likelihood
        p = 1 / (1 + np.exp(-np.clip(a @ w, -50, 50)))
        g = a.T @ (p - y) + reg * w
        h = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    p = 1 / (1 + np.exp(-np.clip(a @ w, -50, 50)))
    benign = [r["label"] == "benign" for r in rows]
    n_benign = sum(benign)
    allowed = math.floor(budget * n_benign)
    free = sorted((pi for pi, b, r in zip(p, benign, rows, strict=True) if b and not r["s"] and r["usable"]),
                  reverse=True)
    threshold = free[allowed] + 1e-9 if allowed < len(free) else 0.0
    return w[:-1], float(w[-1]), float(threshold)


def apply(rows: list[dict], w: np.ndarray, b: float, t: float) -> list[bool]:
    out = []
    for r in rows:
        z = b + float(np.dot(w, r["x"]))
        p = 1 / (1 + math.exp(-max(min(z, 50), -50)))
        out.append(bool(r["s"] or (r["usable"] and p >= t)))
    return out


def table(rows: list[dict], flags: list[bool], name: str) -> dict[str, tuple[int, int]]:
    cells: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r, f in zip(rows, flags, strict=True):
        group = ("everyday" if r["set"].startswith("everyday") else "look-alikes") if r["label"] == "benign" else (
            "biased" if r["label"] == "bias" else "harmful")
        lang = "English" if r["en"] else "other"
        for key in (group, f"{group} {lang}") + (("harmful+biased",) if r["label"] != "benign" else ()):
            cells[key][0] += f
            cells[key][1] += 1
    return {k: (v[0], v[1]) for k, v in cells.items()}


def dev(rows: list[dict], budget: float) -> None:
    s_flags, t_flags, order = [], [], []
    for fold in (0, 1):
        train = [r for r in rows if r["i"] % 2 != fold]
        test = [r for r in rows if r["i"] % 2 == fold]
        w, b, t = fit(train, budget)
        print(f"fold {fold} held out: fit on {len(train)} rows, threshold {t:.4f}")
        s_flags += [bool(r["s"]) for r in test]
        t_flags += apply(test, w, b, t)
        order += test
    s, c = table(order, s_flags, "S"), table(order, t_flags, "T")
    keys = ["harmful", "biased", "harmful+biased", "look-alikes", "everyday", "harmful English", "harmful other",
            "biased English", "biased other", "look-alikes English", "look-alikes other", "everyday English",
            "everyday other"]
    print(f"{'dev (held-out folds summed), budget ' + str(budget):<44}{'S':>7}{'T':>7}{'of':>7}{'points':>9}")
    for k in keys:
        if k in s:
            (a, n), (bb, _) = s[k], c[k]
            print(f"{k:<44}{a:>7}{bb:>7}{n:>7}{100 * (bb - a) / n:>+9.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extract", type=Path)
    ap.add_argument("--dev", type=Path)
    ap.add_argument("--fit", type=Path)
    ap.add_argument("--budget", type=float, default=0.003)
    ap.add_argument("--out", type=Path, default=ROOT / "src/macrohard/safety/data/content_stack.json")
    args = ap.parse_args()
    if args.extract:
        extract(args.extract)
    if args.dev:
        dev(json.loads(args.dev.read_text()), args.budget)
    if args.fit:
        from macrohard.safety.content_stack import Stack

        rows = json.loads(args.fit.read_text())
        w, b, t = fit(rows, args.budget)
        meta = {"rows": len(rows), "sets": list(SETS), "budget": args.budget, "l2": L2, "by": "scr40"}
        args.out.write_text(Stack([round(float(v), 6) for v in w], round(b, 6), round(t, 6), meta).to_json() + "\n")
        print(f"fit on {len(rows)} rows: threshold {t:.4f} -> {args.out}")


if __name__ == "__main__":
    main()
