"""scr52 Z8: the policy's ``answer_thresholds.fraud`` chosen on a training fold (RESULTS.md, scr52).

Run in a tree of 28a1d0c8 (scr51's Z6 + blind44/everyday44 as sources) with scr51's Z5 n-gram file (sha256 d1b39a49...,
fit on blind35-43/everyday35-43: it never read the fold) in ``safety/data/content_model.npz``:
    PYTHONPATH=src python scripts/scr52_fraud_fold.py
Fold: blind44 + everyday44 (never read by Z5's n-gram file nor by S's other heads or stack). Every row is screened
exactly at the policy's thresholds (fraud 0.65); a lower fraud threshold can only add stops (a found category, or the
stack's gate reached sooner), and only on a row whose fraud score reaches GATE x t, so the rows not stopped at 0.65
with fraud >= GATE x min(GRID) are screened again at each t. Chosen: among the t that flag no benign row not flagged
at 0.65, the most harmful+biased answers newly stopped; a tie to the larger t; none gaining: no t (Z8 not measured).
"""

import sys
from pathlib import Path

from macrohard.safety.content import screen_text
from macrohard.safety.content_stack import GATE
from macrohard.safety.policy import load_policy

sys.path.insert(0, "benchmarks")
from content import load  # noqa: E402

FOLDS = ("blind44", "everyday44")
GRID = (0.60, 0.55, 0.50, 0.45, 0.40)


def main() -> None:
    policy = load_policy()
    base_limits = dict(policy.answer_thresholds)

    def stopped(text: str, limits: dict[str, float]) -> tuple[bool, float]:
        verdict = screen_text(text, limits)
        return (any(policy.answers.get(c, "ask") != "allow" for c in verdict.found),
                verdict.scores.get("fraud", 0.0))

    rows = [(name, label, kind, text) for name in FOLDS for label, kind, text in load(Path("benchmarks/content") /
                                                                                       f"{name}.tsv")]
    base = [stopped(text, base_limits) for *_, text in rows]
    benign = [r[1] == "benign" for r in rows]
    print(f"fold rows {len(rows)} (benign {sum(benign)}); at 0.65: benign flagged "
          f"{sum(s for (s, _), b in zip(base, benign, strict=True) if b)}, harmful+biased stopped "
          f"{sum(s for (s, _), b in zip(base, benign, strict=True) if not b)}", flush=True)
    near = [i for i, (s, fraud) in enumerate(base) if not s and fraud >= GATE * min(GRID) * 0.99]
    print(f"rows not stopped at 0.65 with fraud >= {GATE * min(GRID):.2f}: {len(near)}", flush=True)
    best = None
    for t in GRID:
        limits = {**base_limits, "fraud": t}
        new = [i for i in near if stopped(rows[i][3], limits)[0]]
        newly_benign = [rows[i][:3] for i in new if benign[i]]
        gained = [rows[i][:3] for i in new if not benign[i]]
        print(f"t={t:.2f}: benign newly flagged {len(newly_benign)} {newly_benign}; harmful+biased gained "
              f"{len(gained)} {gained}", flush=True)
        if not newly_benign and gained and (best is None or len(gained) > best[0]):
            best = (len(gained), t)
    print("chosen:", best)


if __name__ == "__main__":
    main()
