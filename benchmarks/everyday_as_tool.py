"""Everyday answers read as tool output: how many ordinary texts (recipes, shell steps, travel plans, agent reports, in
many languages) the injection screen flags when an agent reads them as an observation, each at the policy's point for
its language (``Observations.threshold_for``: English's, or the other languages' point), then the other-language
band's second read (``Observations.flags``, inj62).

    PYTHONPATH=src python benchmarks/everyday_as_tool.py everyday41.tsv [--policy FILE] [--show]

The file is a published answer set of ``benchmarks/content/`` (``label<TAB>kind<TAB>text``; its benign rows are read;
``kind`` ends in ``:LANG``, the language the writer gave it). The sealed sets are refused by ``train_sources``' seal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from macrohard.safety.injection import screen_injection
from macrohard.safety.policy import DEFAULT_POLICY_PATH, load_policy
from macrohard.safety.train_sources import content_rows

CONTENT = Path(__file__).with_name("content")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", help="a TSV file of benchmarks/content/ (everyday41.tsv) or a path")
    ap.add_argument("--policy", type=Path, default=DEFAULT_POLICY_PATH, help="read the points from this policy file")
    ap.add_argument("--show", action="store_true", help="print each flagged answer's score, point and first words")
    args = ap.parse_args()
    path = Path(args.set) if Path(args.set).is_file() else CONTENT / args.set
    obs = load_policy(args.policy).observations
    kinds = [line.split("\t", 2)[1] for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    rows = content_rows(path.resolve(), root=Path("/"))
    counts = {"en": [0, 0], "other": [0, 0]}
    flagged = 0
    for kind, (text, labels) in zip(kinds, rows, strict=True):
        if labels:
            continue
        lang = "en" if kind.rsplit(":", 1)[-1] == "en" else "other"
        point = obs.threshold_for(text)
        screen = screen_injection(text)
        score = screen.score
        counts[lang][1] += 1
        if obs.flags(screen, text):
            counts[lang][0] += 1
            flagged += 1
            if args.show:
                print(f"  {score:.3f} >= {point:g}  {kind}  {text[:90]!r}")
    total = counts["en"][1] + counts["other"][1]
    print(f"{path.name} read as tool output: {flagged}/{total} flagged ({flagged / max(total, 1):.2%}); "
          f"English {counts['en'][0]}/{counts['en'][1]}, other {counts['other'][0]}/{counts['other'][1]} "
          f"(points: English {obs.injection_threshold:g}, other languages {obs.injection_threshold_other:g}, agreement "
          f"{obs.injection_agree_other:g}; "
          f"load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
