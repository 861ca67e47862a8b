"""What the blind injection sets' tests share: the set's rows, its composing script as a module, and the row format
(``text``, ``label``, ``style``, ``source``, ``origin``, ``lang``, ``kind``, ``hand``)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "injection_data"
KEYS = {"text", "label", "style", "source", "origin", "lang", "kind", "hand"}


def compose_module(name: str) -> ModuleType:
    """``benchmarks/injection_data/NAME_compose.py`` loaded as a module."""
    spec = importlib.util.spec_from_file_location(f"{name}_compose", DATA / f"{name}_compose.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def set_rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def assert_row_fields(rows: list[dict[str, Any]], *, trimmed: bool = False) -> None:
    """Every row has exactly the fields, a 0/1 label that agrees with its style and kind, and ``hand`` that agrees with
    its origin (``trimmed``: no text starts or ends with white space)."""
    for r in rows:
        assert set(r) == KEYS, r
        assert r["label"] in (0, 1) and r["text"].strip() and (not trimmed or r["text"].strip() == r["text"]), r
        assert r["hand"] == (r["origin"] == "hand") and r["origin"] in ("hand", "composed"), r
        assert (r["style"] == "benign") == (r["label"] == 0), r
        assert (r["kind"] == "injection") == (r["label"] == 1) and r["kind"] in {"injection", "ordinary", "hard"}, r
