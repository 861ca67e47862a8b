"""The GGUF header tells the whole file's size (issue 18, the model scout): the first part of a split model is
enough to know whether the published parts add up, which is how the DeepSeek-R1-Distill-Qwen-7B parts on PyPI
were found to hold 199 MB of a 4.68 GB file (benchmarks/RESULTS.md)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from macrohard.errors import ModelUnavailable
from macrohard.models.gguf import describe, read_header
from macrohard.models.local_files import PARTED, part_files


def _string(s: str) -> bytes:
    raw = s.encode()
    return struct.pack("<Q", len(raw)) + raw


def _gguf(tensors: list[tuple[str, list[int], int, int]], data: bytes, alignment: int | None = None) -> bytes:
    """A minimal GGUF v3 file: an architecture key, an optional alignment key, the tensor infos, then data."""
    kv = _string("general.architecture") + struct.pack("<I", 8) + _string("llama")
    n_kv = 1
    if alignment is not None:
        kv += _string("general.alignment") + struct.pack("<II", 4, alignment)
        n_kv += 1
    infos = b"".join(_string(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
                     + struct.pack("<IQ", ttype, offset) for name, dims, ttype, offset in tensors)
    head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), n_kv) + kv + infos
    align = alignment or 32
    return head + b"\0" * (-len(head) % align) + data


def test_file_size_is_the_aligned_header_plus_each_tensors_data(tmp_path: Path) -> None:
    # an F32 tensor of 8 elements (32 B) at 0, then a Q4_K tensor of 512 elements (2 blocks, 288 B) at 32
    blob = _gguf([("a", [8], 0, 0), ("b", [256, 2], 12, 32)], b"\1" * (32 + 288))
    (tmp_path / "m.gguf").write_bytes(blob)
    meta = read_header(tmp_path / "m.gguf")
    assert meta["parameters"] == 8 + 512
    assert meta["file_size"] == len(blob)
    # the same header with another alignment moves the data's start, and the size follows
    blob64 = _gguf([("a", [8], 0, 0), ("b", [256, 2], 12, 32)], b"\1" * (32 + 288), alignment=64)
    (tmp_path / "m64.gguf").write_bytes(blob64)
    assert read_header(tmp_path / "m64.gguf")["file_size"] == len(blob64)


def test_a_first_part_alone_tells_how_much_is_missing(tmp_path: Path) -> None:
    blob = _gguf([("w", [256, 64], 12, 0)], b"\2" * (64 * 144))
    part1 = tmp_path / "model_part_0000"
    part1.write_bytes(blob[: len(blob) // 3])  # a cut part: the header is whole, the data is not
    facts = describe(part1)
    assert facts["file_size"] == len(blob) > part1.stat().st_size


def test_an_unknown_tensor_type_leaves_the_size_unknown_not_wrong(tmp_path: Path) -> None:
    (tmp_path / "odd.gguf").write_bytes(_gguf([("w", [32], 99, 0)], b"\0" * 64))
    meta = read_header(tmp_path / "odd.gguf")
    assert meta["file_size"] is None and meta["parameters"] == 32


def test_the_bundled_smollm2_header_gives_its_true_size(smollm2_path: Path) -> None:
    assert describe(smollm2_path)["file_size"] == smollm2_path.stat().st_size


@pytest.mark.parametrize("name", sorted(PARTED))
def test_each_parted_models_first_part_names_the_pinned_size(name: str) -> None:
    """What the part packages carry, checked from part 1 alone (skips where the extra is not installed)."""
    model = PARTED[name]
    try:
        first = part_files(model)[0]
    except ModelUnavailable:
        pytest.skip(f"{model.pip_command()} is not installed here")
    facts = describe(first)
    assert facts["file_size"] == model.size
    assert facts["architecture"] == "qwen2" and facts["quantization"] == "Q4_K_M"
