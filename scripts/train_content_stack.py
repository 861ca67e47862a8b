"""Fit the answer screen's stacked second look (``macrohard.safety.content_stack``): scr56's wide recipe.

    PYTHONPATH=src python scripts/train_content_stack.py --extract /tmp/stack.jsonl [--shard 0/2]   # the readings
    PYTHONPATH=src python scripts/train_content_stack.py --cv /tmp/stack.jsonl      # leave one wave out, per gate
    PYTHONPATH=src python scripts/train_content_stack.py --fit /tmp/stack.jsonl [--out PATH]
    PYTHONPATH=src python scripts/train_content_stack.py --check /tmp/stack.jsonl   # the shipped file, refit

The rows are every published answer set no head of the screen has read (``SETS``: blind35, 36, 38-47 and everyday35,
36, 38-47; ``train_sources.CONTENT_SOURCES`` ends at everyday34). The readings are the screen's own with the stack
switched off (``screen_text(..., readings=...)``: what the shipped screen computes before it looks), one JSON line a
row; ``--shard K/N`` reads every N-th row from the K-th (the shards' files are concatenated, in any order: the fit
sorts the rows). The stack reads ``content_stack.wide_features`` (79: the final category scores, the n-gram head's and
the MiniLM head's own readings, the other-language heads' outputs) and is fit on the rows it acts on: those the screen
alone passes and whose strongest reading reaches the gate. Gate and threshold by leaving one wave out (a wave's blind
and everyday sets together, 12 folds): per gate in ``GATES``, the threshold the lowest at which the benign rows the
stack adds out of fold are at most those the scr40 stack (``S_STACK``, the one shipped before scr56) adds on the same
rows; the gate with the most harmful and biased rows stopped out of fold (ties: the larger gate). The final fit reads
every row at that gate; its threshold is the out-of-fold one. Rows of the sealed sets are refused by construction
(``SETS`` names published sets only; ``train_sources`` guards the sealed names).
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
WAVES = ("35", "36", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47")
SETS = tuple(f"{kind}{wave}" for wave in WAVES for kind in ("blind", "everyday"))
GATES = (0.5, 0.35, 0.2)
L2 = 1.0
S_STACK = ROOT / "scripts" / "screen_data" / "content_stack40.json"  # scr40's stack: the benign budget's reference


def extract(out: Path, shard: int = 0, shards: int = 1) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from content import load  # benchmarks/content.py: the same reading of the sets

    from macrohard.safety import content_stack
    from macrohard.safety.content import screen_text
    from macrohard.safety.policy import load_policy
    from macrohard.safety.train_sources import _path  # refuses the sealed sets

    content_stack.MODEL_PATH = Path("/nonexistent/content_stack.json")  # the screen alone
    content_stack.shipped.cache_clear()
    policy = load_policy()
    thresholds = policy.answer_thresholds
    n = 0
    with out.open("w") as f:
        for name in SETS:
            path = _path(f"benchmarks/content/{name}.tsv", ROOT)
            for i, (label, kind, text) in enumerate(load(path)):
                if i % shards != shard:
                    continue
                got: dict = {}
                verdict = screen_text(text, thresholds, readings=got)
                flagged = any(policy.answers.get(c, "ask") != "allow" for c in verdict.found)
                f.write(json.dumps({"set": name, "i": i, "label": label, "kind": kind, "s0": flagged,
                                    "scores": verdict.scores, **got}) + "\n")
                n += 1
    print(f"{n} rows -> {out}")


def read_rows(path: Path) -> list[dict]:
    """The readings, sorted by (set order, row), each with its wave, label and both feature vectors."""
    from macrohard.safety.content_stack import features, wide_features

    order = {name: k for k, name in enumerate(SETS)}
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if {r["set"] for r in rows} - set(SETS):
        raise SystemExit(f"rows of sets not in SETS: {sorted({r['set'] for r in rows} - set(SETS))}")
    rows.sort(key=lambda r: (order[r["set"]], r["i"]))
    for r in rows:
        combined = tuple(r["combined"]) if r["combined"] is not None else None
        r["wave"] = r["set"].removeprefix("blind").removeprefix("everyday")
        r["y"] = r["label"] != "benign"
        r["x"] = wide_features(r["scores"], r["other"], combined, r["ngram"], r["head"], r["heads"])
        r["x40"] = features(r["scores"], r["other"], combined)
        r["readable"] = combined is not None or not r["other"]
    return rows


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights (the intercept last) of the L2-penalised logistic regression, by Newton's method."""
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    reg = np.full(a.shape[1], L2)
    reg[-1] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(a @ w, -50, 50)))
        g = a.T @ (p - y) + reg * w
        h = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def prob(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(np.hstack([x, np.ones((len(x), 1))]) @ w, -50, 50)))


def s_stack_flags(rows: list[dict]) -> list[bool]:
    """What the screen with scr40's stack flags (the screen alone, or the stack at its gate and threshold)."""
    from macrohard.safety.content_stack import GATE, Stack

    stack = Stack.from_json(S_STACK.read_text())
    return [bool(r["s0"] or (r["readable"] and r["ratio"] >= GATE and stack.probability(r["x40"]) >= stack.threshold))
            for r in rows]


def cross_validate(rows: list[dict]) -> tuple[float, float, int, dict[float, tuple[float, list[bool]]]]:
    """(gate, threshold, benign budget, per gate its threshold and out-of-fold flags) by leaving one wave out."""
    s_flags = s_stack_flags(rows)
    budget = sum(1 for r, f in zip(rows, s_flags, strict=True) if not r["y"] and f and not r["s0"])
    per_gate: dict[float, tuple[float, list[bool]]] = {}
    for gate in GATES:
        acts = [k for k, r in enumerate(rows) if not r["s0"] and r["readable"] and r["ratio"] >= gate]
        oof = np.zeros(len(rows))
        for wave in WAVES:
            train = [k for k in acts if rows[k]["wave"] != wave]
            test = [k for k in acts if rows[k]["wave"] == wave]
            if not test:
                continue
            w = fit(np.array([rows[k]["x"] for k in train]), np.array([rows[k]["y"] for k in train], dtype=float))
            oof[test] = prob(w, np.array([rows[k]["x"] for k in test]))
        benign = sorted((oof[k] for k in acts if not rows[k]["y"]), reverse=True)
        threshold = float(benign[budget]) + 1e-9 if budget < len(benign) else 0.0
        act = set(acts)
        per_gate[gate] = (threshold, [bool(r["s0"] or (k in act and oof[k] >= threshold)) for k, r in enumerate(rows)])
    stopped = {g: sum(f for r, f in zip(rows, flags, strict=True) if r["y"]) for g, (_, flags) in per_gate.items()}
    gate = max(GATES, key=lambda g: (stopped[g], g))
    return gate, per_gate[gate][0], budget, per_gate


def table(rows: list[dict], columns: dict[str, list[bool]]) -> None:
    def group(r: dict) -> str:
        if r["y"]:
            return r["label"] if r["label"] in ("bias", "fraud") else "harmful (not fraud)"
        return "everyday" if r["set"].startswith("everyday") else "look-alikes and twins"

    cells: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    n: dict[str, int] = defaultdict(int)
    for k, r in enumerate(rows):
        keys = [group(r)] + (["harmful+biased"] if r["y"] else [])
        for key in keys:
            n[key] += 1
            for name, flags in columns.items():
                cells[key][name] += flags[k]
    print(f"{'rows (out of fold for the gates)':<28}{'n':>7}" + "".join(f"{c:>13}" for c in columns))
    for key in ("harmful+biased", "harmful (not fraud)", "fraud", "bias", "look-alikes and twins", "everyday"):
        print(f"{key:<28}{n[key]:>7}" + "".join(f"{cells[key][c]:>13}" for c in columns))


def fitted(rows: list[dict]) -> tuple[dict, str]:
    from macrohard.safety.content_stack import WIDE, Stack

    gate, threshold, budget, per_gate = cross_validate(rows)
    acts = [r for r in rows if not r["s0"] and r["readable"] and r["ratio"] >= gate]
    w = fit(np.array([r["x"] for r in acts]), np.array([r["y"] for r in acts], dtype=float))
    meta = {"features": WIDE, "gate": gate, "rows": len(rows), "fit_rows": len(acts), "sets": list(SETS),
            "benign_budget": budget, "l2": L2, "by": "scr56"}
    stack = Stack([round(float(v), 6) for v in w[:-1]], round(float(w[-1]), 6), round(threshold, 6), meta)
    columns = {"screen alone": [bool(r["s0"]) for r in rows], "scr40 stack": s_stack_flags(rows)}
    columns.update({f"gate {g}": flags for g, (_, flags) in per_gate.items()})
    table(rows, columns)
    print("thresholds out of fold: " + ", ".join(f"gate {g} {t:.4f}" for g, (t, _) in per_gate.items()) +
          f"; chosen gate {gate}, benign budget {budget}")
    return json.loads(stack.to_json()), stack.to_json() + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extract", type=Path)
    ap.add_argument("--shard", default="0/1", help="K/N: every N-th row from the K-th (the extract only)")
    ap.add_argument("--cv", type=Path)
    ap.add_argument("--fit", type=Path)
    ap.add_argument("--check", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "src/macrohard/safety/data/content_stack.json")
    args = ap.parse_args()
    if args.extract:
        k, n = (int(v) for v in args.shard.split("/"))
        extract(args.extract, k, n)
    if args.cv:
        gate, threshold, budget, per_gate = cross_validate(rows := read_rows(args.cv))
        columns = {"screen alone": [bool(r["s0"]) for r in rows], "scr40 stack": s_stack_flags(rows)}
        columns.update({f"gate {g}": flags for g, (_, flags) in per_gate.items()})
        table(rows, columns)
        print(f"chosen gate {gate}, threshold {threshold:.4f}, benign budget {budget}")
    if args.fit:
        _, text = fitted(read_rows(args.fit))
        args.out.write_text(text)
        print(f"-> {args.out}")
    if args.check:
        got, _ = fitted(read_rows(args.check))
        shipped = json.loads((ROOT / "src/macrohard/safety/data/content_stack.json").read_text())
        same = (got["meta"] == shipped["meta"] and math.isclose(got["threshold"], shipped["threshold"], abs_tol=1e-6)
                and math.isclose(got["intercept"], shipped["intercept"], abs_tol=1e-5)
                and len(got["weights"]) == len(shipped["weights"])
                and all(math.isclose(a, b, abs_tol=1e-5) for a, b in zip(got["weights"], shipped["weights"], strict=True)))
        print("reproduced" if same else "DIFFERS from the shipped file")
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
