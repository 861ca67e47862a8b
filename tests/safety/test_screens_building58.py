"""The answer screen's missing graph while another process builds it (ux58).

ux56: `macrohard serve` and `macrohard chat`, started while a fresh HOME's first `macrohard run` prepared the
screens (minutes: the tables first, the MiniLM ONNX graph last), said to build the graph ("run `bash install.sh`"),
though it was being built. The preparing process holds the graph's lock (``embed_onnx.building``) from the start;
the others say it is being built and that this program uses it once started again.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from macrohard.safety import content_embed, embed, embed_onnx

HOLD = ("import sys; from pathlib import Path; from macrohard.safety.embed_onnx import building\n"
        "with building(Path(sys.argv[1])):\n    print('held', flush=True); sys.stdin.read()\n")


@pytest.fixture
def cache(monkeypatch, tmp_path):
    """A cache with no graph in it (the weights are the installed package's)."""
    monkeypatch.setenv("MACROHARD_CACHE", str(tmp_path))
    content_embed._encoder.cache_clear()
    monkeypatch.setattr(content_embed, "_warned", [])
    yield embed_onnx.graph_path(embed.model_dir())
    content_embed._encoder.cache_clear()


@pytest.fixture
def holder(cache):
    """Another process that holds the graph's lock, as a run preparing the screens does; ended by the test's end."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(cache)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.stdin.close()  # type: ignore[union-attr]
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
        proc.stdout.close()  # type: ignore[union-attr]


def test_a_graph_another_process_builds_is_said_to_be_built_not_to_build(holder, cache, caplog):
    assert not cache.is_file()
    with caplog.at_level(logging.WARNING, logger="macrohard"):
        content_embed.warn_if_missing()
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "is being built by another process" in said and content_embed.WAIT in said, said
    assert "install.sh" not in said, said


def test_once_no_process_builds_it_the_fix_is_advised(holder, cache):
    assert "being built" in (content_embed.parts_missing() or "")
    holder.stdin.close()
    holder.wait(timeout=30)
    assert content_embed.parts_missing() == f"the MiniLM ONNX graph {cache} was not built"
    assert not embed_onnx.being_built(cache)
