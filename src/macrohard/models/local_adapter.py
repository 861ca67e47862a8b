"""LoRA adapters shipped in the package for the embedded models (issue 18), loaded by llama.cpp with
their base model (``lora_path``).

``local:smollm2-tuned`` is SmolLM2-135M (the ``local`` GGUF) with ``adapters/smollm2-tuned.gguf``,
trained by ``scripts/train_policy.py`` on tasks from ``scripts/policy_tasks.py`` (the compact prompt,
no worked examples; the exact command, seed, data and loss are in ``adapters/smollm2-tuned.json``).
It runs with no aid but the format grammar: which command, which names, when to finish and whether
it worked come from the tuned model. The adapter's sha256 is pinned here and checked at load: a
changed or truncated file is refused with the fix, never loaded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from macrohard.errors import ModelUnavailable

ADAPTER_DIR = Path(__file__).resolve().parent / "adapters"
# model name -> (adapter file under adapters/, its sha256)
ADAPTERS: dict[str, tuple[str, str]] = {
    "smollm2-tuned": ("smollm2-tuned.gguf", "3b548bdeee7880d7b2d3c8e3c9892b9abbcc4ca2d8739d40559c6faccbbe5e21"),
}
_CHECKED: set[Path] = set()


def adapter_path(name: str) -> Path | None:
    """The verified adapter file of model ``name`` (None: the model has none). Raises naming the fix."""
    if name not in ADAPTERS:
        return None
    file, digest = ADAPTERS[name]
    path = ADAPTER_DIR / file
    if not path.is_file():
        raise ModelUnavailable(f"the adapter of local:{name} is missing ({path}); reinstall macrohard "
                               "(pip install --force-reinstall macrohard) or retrain it with scripts/train_policy.py")
    if path not in _CHECKED:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            raise ModelUnavailable(f"the adapter {path} has sha256 {actual}, expected {digest}: the file is damaged "
                                   "or not the shipped one; reinstall macrohard (pip install --force-reinstall macrohard)")
        _CHECKED.add(path)
    return path


def llama_kwargs(name: str) -> dict[str, Any]:
    """Extra ``Llama(...)`` arguments for model ``name``: its adapter, if it has one."""
    path = adapter_path(name)
    return {"lora_path": str(path)} if path is not None else {}
