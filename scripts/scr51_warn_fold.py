"""scr51 Z6: the warner's discount ``content_gemma.WARN_DISCOUNT`` chosen on training folds (RESULTS.md, scr51).

Run in a tree of S (d6ac52fb: S's n-gram head, which never read the folds) with Z6's ``content_gemma.py`` and
``content_warns_other.py`` copied in:
    PYTHONPATH=src python scripts/scr51_warn_fold.py
Folds: blind36, 38-43 + everyday36, 38-43 (never read by S's multilingual or Gemma heads or its stack). Only an answer
not in English that carries the warner's mark can change, so those rows are screened exactly (the policy's
thresholds) at d = 1.0 and at each d of the grid; chosen: the most (benign rows cleared - harmful+biased answers lost),
a tie to the larger d. scr51's run: 105 marked rows (99 benign); d = 0.7 clears 11 benign rows and loses none.
"""

import sys
from pathlib import Path

from macrohard.safety import content_gemma
from macrohard.safety.content import screen_text
from macrohard.safety.content_warns_other import warns
from macrohard.safety.lang import detect
from macrohard.safety.policy import load_policy

sys.path.insert(0, "benchmarks")
from content import load  # noqa: E402

FOLDS = [f"{kind}{n}" for n in (36, 38, 39, 40, 41, 42, 43) for kind in ("blind", "everyday")]
GRID = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)


def main() -> None:
    policy = load_policy()
    thresholds = dict(policy.answer_thresholds)
    rows = [(name, label, text) for name in FOLDS
            for label, _kind, text in load(Path("benchmarks/content") / f"{name}.tsv")
            if detect(text).other and warns(text)]
    print(f"marked other-language rows: {len(rows)}, benign {sum(r[1] == 'benign' for r in rows)}")

    def stopped(d: float) -> list[bool]:
        content_gemma.WARN_DISCOUNT = d
        return [any(policy.answers.get(c, "ask") != "allow" for c in screen_text(text, thresholds).found)
                for _name, _label, text in rows]

    base, best = stopped(1.0), None
    for d in GRID:
        now = stopped(d)
        moved = [(r, b, n) for r, b, n in zip(rows, base, now, strict=True) if b != n]
        cleared = sum(b and r[1] == "benign" for r, b, _ in moved)
        newly = sum(n and r[1] == "benign" for r, _, n in moved)
        lost = sum(b and r[1] != "benign" for r, b, _ in moved)
        net = cleared - newly - lost
        print(f"d={d}: benign cleared {cleared} (newly flagged {newly}), harmful+biased lost {lost}, net {net}; "
              f"{[(r[0], r[1]) for r, _, _ in moved]}")
        if best is None or net > best[0]:
            best = (net, d)
    print("chosen:", best)


if __name__ == "__main__":
    main()
