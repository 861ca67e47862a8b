"""Read a GGUF file's header: what a model package truly carries (architecture, size, quantisation,
licence), without loading it. Used to verify the embedded models' files (``models/local_files.py``)
and by ``benchmarks/local_models.py``.

GGUF (llama.cpp's format): magic ``GGUF``, version, tensor count, key/value count, the key/values
(typed), then one info record per tensor (name, dimensions, type, offset).
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any, BinaryIO

# value types of the key/value section
_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9
# llama.cpp's general.file_type numbers for the common quantisations
FILE_TYPES = {0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
              11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
              17: "Q5_K_M", 18: "Q6_K", 30: "BF16"}
# ggml tensor types: (elements per block, bytes per block), as llama.cpp's gguf-py lists them; a tensor of
# another type leaves the whole file's size unknown (``file_size`` None)
TENSOR_BLOCKS = {0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34),
                 9: (32, 40), 10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210),
                 15: (256, 292), 20: (32, 18), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8),
                 28: (1, 8), 30: (1, 2)}


class NotGGUF(ValueError):
    """The file is not a GGUF model (or is cut short)."""


def _read(fh: BinaryIO, fmt: str) -> Any:
    size = struct.calcsize("<" + fmt)
    data = fh.read(size)
    if len(data) != size:
        raise NotGGUF("the file ends inside its header")
    return struct.unpack("<" + fmt, data)[0]


def _string(fh: BinaryIO) -> str:
    n = _read(fh, "Q")
    if n > 1 << 24:
        raise NotGGUF(f"a header string of {n} bytes: not a GGUF header")
    return fh.read(n).decode("utf-8", errors="replace")


def _value(fh: BinaryIO, vtype: int, keep_arrays: bool) -> Any:
    if vtype in _SCALARS:
        return _read(fh, _SCALARS[vtype])
    if vtype == _STRING:
        return _string(fh)
    if vtype == _ARRAY:
        itype, n = _read(fh, "I"), _read(fh, "Q")
        items = [_value(fh, itype, keep_arrays) for _ in range(n)]
        return items if keep_arrays else len(items)  # token lists are long: keep only their length
    raise NotGGUF(f"unknown GGUF value type {vtype}")


def read_header(path: str | Path) -> dict[str, Any]:
    """The header's key/values (arrays as their length) plus ``tensors``, ``parameters`` (the sum
    of the tensors' element counts) and ``file_size``: the bytes the whole file must hold (the header,
    aligned, then each tensor's data), or None for a tensor type not in ``TENSOR_BLOCKS``. Only the header
    is read, so the first part of a split file tells whether the parts add up. Raises ``NotGGUF``."""
    return _parse(path, None)


def tensor_table(path: str | Path) -> tuple[dict[str, tuple[tuple[int, ...], int, int]], int]:
    """Each tensor's (dimensions, ggml type, offset from the data section) by name, and where the data section
    starts in the file (to read one tensor without loading the model). Raises ``NotGGUF``."""
    infos: dict[str, tuple[tuple[int, ...], int, int]] = {}
    meta = _parse(path, infos)
    return infos, meta["data_start"]


def header_only(path: str | Path, out: str | Path) -> None:
    """Write ``path``'s header without its tensors to ``out``: the key/values (a model's vocabulary among them)
    as a GGUF of no tensors, which llama.cpp loads with ``vocab_only`` (a tokenizer without the weights)."""
    meta = _parse(path, {})
    with open(path, "rb") as fh:
        fh.seek(24)
        kv = fh.read(meta["kv_end"] - 24)
    head = b"GGUF" + struct.pack("<IQQ", meta["gguf_version"], 0, meta["_n_kv"]) + kv
    align = meta.get("general.alignment", 32)
    with open(out, "wb") as fh:
        fh.write(head + b"\0" * (-len(head) % align))


def _parse(path: str | Path, infos: dict[str, tuple[tuple[int, ...], int, int]] | None) -> dict[str, Any]:
    with open(path, "rb") as fh:
        if fh.read(4) != b"GGUF":
            raise NotGGUF(f"{path} does not start with the GGUF magic")
        version = _read(fh, "I")
        if version not in (2, 3):
            raise NotGGUF(f"GGUF version {version} is not supported")
        n_tensors, n_kv = _read(fh, "Q"), _read(fh, "Q")
        meta: dict[str, Any] = {"gguf_version": version}
        if infos is not None:
            meta["_n_kv"] = n_kv
        for _ in range(n_kv):
            key = _string(fh)
            meta[key] = _value(fh, _read(fh, "I"), keep_arrays=False)
        kv_end = fh.tell()
        params, end = 0, 0  # end: where the last tensor's data ends, from the data section's start
        for _ in range(n_tensors):
            name = _string(fh)
            dims = [_read(fh, "Q") for _ in range(_read(fh, "I"))]
            ttype, offset = _read(fh, "I"), _read(fh, "Q")
            if infos is not None:
                infos[name] = (tuple(dims), ttype, offset)
            count = 1
            for d in dims:
                count *= d
            params += count
            block = TENSOR_BLOCKS.get(ttype)
            end = max(end, offset + count // block[0] * block[1]) if block and end is not None else None
        align = meta.get("general.alignment", 32)
        data_start = -(-fh.tell() // align) * align
    meta["tensors"], meta["parameters"] = n_tensors, params
    if infos is not None:
        meta["data_start"], meta["kv_end"] = data_start, kv_end
    meta["file_size"] = None if end is None else data_start + end
    return meta


def describe(path: str | Path) -> dict[str, Any]:
    """The few header facts that identify a model: architecture, name, parameters, quantisation, licence."""
    meta = read_header(path)
    return {"architecture": meta.get("general.architecture"), "name": meta.get("general.name"),
            "size_label": meta.get("general.size_label"), "parameters": meta["parameters"],
            "quantization": FILE_TYPES.get(meta.get("general.file_type", -1), str(meta.get("general.file_type"))),
            "license": meta.get("general.license"), "file_size": meta["file_size"], "context_length":
                meta.get(f"{meta.get('general.architecture')}.context_length")}
