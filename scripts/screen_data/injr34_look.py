"""injr34's look (run once per arm: PYTHONPATH=<arm>/src python scripts/screen_data/injr34_look.py ARM): score blind28 once with the real screen of the arm on PYTHONPATH; aggregates only."""
import json, sys, time
from collections import defaultdict
from pathlib import Path
import numpy as np
import macrohard.safety.injection as inj
from macrohard.safety.injection import screen_injection
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from injection import auc, recall_at  # the benchmark's own definitions

arm = sys.argv[1]
import os
path = Path(os.environ.get("LOOK_SET", str(ROOT / "benchmarks/injection_data/blind28.jsonl")))
print(f"arm {arm}: screen from {inj.__file__}")
rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
t0 = time.time()
s = np.array([screen_injection(r["text"]).score for r in rows])
y = np.array([r["label"] for r in rows])
if os.environ.get("LOOK_SAVE"):
    np.save(f"{os.environ['LOOK_SAVE']}/scores_{arm}.npy", s)
T = 0.89
f = s >= T
p, n = s[y == 1], s[y == 0]
r1 = recall_at(p, n, 0.01)[0]; r01 = recall_at(p, n, 0.001)[0]
print(f"{arm}  rows {len(rows)} ({time.time()-t0:.0f} s)  AUC {auc(p, n):.3f} rec@1% {100*r1:.1f} rec@0.1% {100*r01:.1f} "
      f"policy {100*f[y==1].mean():.1f}% ({f[y==1].sum()}/{(y==1).sum()}) FPR {100*f[y==0].mean():.2f}% ({f[y==0].sum()}/{(y==0).sum()})")
def grp(key):
    d = defaultdict(list)
    for i, r in enumerate(rows):
        d[key(r)].append(i)
    return d
kind = np.array([r["kind"] for r in rows]); en = np.array([r["lang"] == "en" for r in rows])
hand = np.array([bool(r["hand"]) for r in rows])
for k in ("hard", "ordinary"):
    m = kind == k
    print(f"  negatives {k}: {f[m].sum()}/{m.sum()} flagged; of them not English {f[m & ~en].sum()}/{(m & ~en).sum()}")
for g, m in (("en", en), ("other", ~en)):
    mi = m & (y == 1)
    print(f"  injections {g}: {100*f[mi].mean():.1f}% ({f[mi].sum()}/{mi.sum()}); by hand {100*f[mi & hand].mean():.1f}% "
          f"({f[mi & hand].sum()}/{(mi & hand).sum()})")
print("  per style (injections): " + ", ".join(f"{k} {100*f[ix].mean():.1f} ({len(ix)})" for k, ix in
      sorted((k, v) for k, v in grp(lambda r: r["style"] if r["label"] == 1 else None).items() if k)))
langs = grp(lambda r: r["lang"] if r["label"] == 1 and r["lang"] != "en" else None)
print("  other-language injections caught/n: " + " ".join(f"{k} {f[ix].sum()}/{len(ix)}" for k, ix in sorted((k, v) for k, v in langs.items() if k)))
