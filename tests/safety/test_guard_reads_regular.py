"""Every file the guard reads during a review goes through ``safety.regular``: a plain ``open()`` of a path the run
may have made waits forever on a named pipe (guard15's ``mkfifo run.sh``; again in the 30th wave, when a new reader
of sourced scripts used ``open()`` and CI's review of ``source run.sh`` hung). The modules listed here read only the
package's own model files or write their caches, never a path an agent chose."""

from __future__ import annotations

import ast
from pathlib import Path

SAFETY = Path(__file__).resolve().parents[2] / "src" / "macrohard" / "safety"
OWN_FILES_ONLY = {"embed.py", "embed_onnx.py", "gemma_table.py", "classifier.py"}


def test_no_review_reads_a_file_with_a_plain_open():
    found = []
    for path in sorted(SAFETY.rglob("*.py")):
        if path.name in OWN_FILES_ONLY:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                found.append(f"{path.relative_to(SAFETY)}:{node.lineno}")
    assert not found, f"use safety.regular.open_regular (a plain open() waits on a named pipe): {found}"
