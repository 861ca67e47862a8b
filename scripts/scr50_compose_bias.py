"""scr50 Z3: the fit's n-gram file with its bias column (weights and bias term) taken from S's file.

Z3 as measured by scr50 (RESULTS.md, scr50): in a tree with this patch applied, run
    OPENBLAS_CORETYPE=Haswell PYTHONPATH=src python -m macrohard.safety.content_train      # the fit (writes the file)
then, with S's file kept aside as OLD.npz:
    PYTHONPATH=src python scripts/scr50_compose_bias.py src/macrohard/safety/data/content_model.npz OLD.npz OUT.npz
and put OUT.npz in place. scr50's fit: sha256 63f26d4a…, 4,626,342 bytes; composed Z3 file sha256 624c8c24…
(4,623,261 bytes). The MiniLM, multilingual and Gemma heads, the stack and the policy stay S's.
"""

import sys
from pathlib import Path

import numpy as np

from macrohard.safety.content_model import ContentModel

new, old, out = (Path(p) for p in sys.argv[1:4])
a, s = ContentModel.load(new), ContentModel.load(old)
assert a.labels == s.labels and a.labels[-1] == "bias"
j = a.labels.index("bias")
a.weights[:, j] = s.weights[:, j]
a.bias[j] = s.bias[j]
a.meta["val_recall_bias"] = s.meta["val_recall_bias"]
a.save(out)
b = ContentModel.load(out)
assert np.array_equal(b.weights[:, j], s.weights[:, j]) and b.bias[j] == s.bias[j]
others = [i for i in range(len(a.labels)) if i != j]
assert np.array_equal(b.weights[:, others], ContentModel.load(new).weights[:, others])
print("composed", out, out.stat().st_size)
