"""The lead's look at an injection set: the shipped screen once per row; AUC, recall at 1 % / 0.1 % FPR, the policy
point, splits (English/other, by hand, negative kinds, styles, sources), CPU ms/KB. The scores are saved (in
``$LOOK_OUT``, default /tmp) so two trees' looks can be compared row by row.

    PYTHONPATH=src python benchmarks/injection_look.py benchmarks/injection_data/blind29.jsonl TAG
"""
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path.cwd() / "benchmarks"))
from injection import auc, recall_at  # noqa
from macrohard.safety.injection import screen_injection
from macrohard.safety.policy import DEFAULT_POLICY_PATH, load_policy


def main() -> None:
    path, tag = Path(sys.argv[1]), sys.argv[2]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    thr = load_policy(DEFAULT_POLICY_PATH).observations.injection_threshold
    screen_injection("warm up")
    scores, cpu = [], []
    for row in rows:
        c0 = time.thread_time()
        scores.append(screen_injection(row["text"]).score)
        cpu.append((time.thread_time() - c0) * 1000)
    sc = np.array(scores)
    y = np.array([row["label"] for row in rows])
    flag = sc >= thr

    def split(name: str, ix: list[int] | range) -> None:
        ix = np.array(ix, dtype=int)
        pos, neg = ix[y[ix] == 1], ix[y[ix] == 0]
        out = f"{name:<34} pos {len(pos):>5} flagged {flag[pos].mean() if len(pos) else float('nan'):>6.1%}"
        if len(neg):
            out += f"   neg {len(neg):>5} flagged {flag[neg].mean():>6.2%} ({int(flag[neg].sum())})"
        print(out)

    pos_scores, neg_scores = sc[y == 1], sc[y == 0]
    r1, _, _ = recall_at(pos_scores, neg_scores, 0.01)
    r01, _, _ = recall_at(pos_scores, neg_scores, 0.001)
    print(f"[{tag}] {path.name}: {len(rows)} rows, {int(y.sum())} inj, {int((1 - y).sum())} neg; "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"AUC {auc(pos_scores, neg_scores):.3f}  recall@1%FPR {r1:.1%}  recall@0.1%FPR {r01:.1%}  "
          f"policy (thr {thr}) recall {flag[y == 1].mean():.1%} FPR {flag[y == 0].mean():.2%}")
    every = range(len(rows))
    split("all", every)
    split("English", [i for i in every if rows[i]["lang"] == "en"])
    split("other languages", [i for i in every if rows[i]["lang"] != "en"])
    split("by hand", [i for i in every if rows[i]["hand"]])
    split("by hand, other languages", [i for i in every if rows[i]["hand"] and rows[i]["lang"] != "en"])
    split("composed", [i for i in every if not rows[i]["hand"]])
    for kind in ("ordinary", "hard"):
        split(f"negatives: {kind}", [i for i in every if rows[i]["kind"] == kind])
    split("negatives: other languages", [i for i in every if rows[i]["label"] == 0 and rows[i]["lang"] != "en"])
    by = defaultdict(list)
    for i in every:
        if rows[i]["label"] == 1:
            by["style " + rows[i]["style"]].append(i)
        by["source " + rows[i]["source"]].append(i)
    for key in sorted(by):
        split(key, by[key])
    per_kb = [cpu[i] * 1024 / max(len(rows[i]["text"].encode()), 1) for i in every]
    q = statistics.quantiles(per_kb, n=100)
    print(f"CPU ms/KB p50 {q[49]:.2f} p99 {q[98]:.2f}; ms per text p50 {statistics.median(cpu):.2f} "
          f"p99 {statistics.quantiles(cpu, n=100)[98]:.2f}")
    out = Path(os.environ.get("LOOK_OUT", "/tmp")) / f"inj_{tag}_{path.stem}.json"
    out.write_text(json.dumps([float(x) for x in sc]))


if __name__ == "__main__":
    main()
