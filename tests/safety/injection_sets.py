"""What the blind injection sets' tests share: the set's rows, its composing script as a module, and the row format
(``text``, ``label``, ``style``, ``source``, ``origin``, ``lang``, ``kind``, ``hand``)."""

from __future__ import annotations

import base64
import binascii
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import pytest

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


def set_fixtures(name: str) -> tuple[Any, Any]:
    """A set's test module's two module-scoped fixtures, ``compose`` (its builder) and ``rows`` (its parsed file):
    ``compose, rows = set_fixtures("blind16")``."""
    import pytest

    @pytest.fixture(scope="module", name="compose")
    def compose() -> ModuleType:
        return compose_module(name)

    @pytest.fixture(scope="module", name="rows")
    def rows() -> list[dict[str, Any]]:
        return set_rows(name)

    return compose, rows


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


def assert_counts(rows: list[dict[str, Any]]) -> Counter[str]:
    """The shape every blind set since blind13 promised: 1,050 injections in 20 styles of 30 rows over 15 kinds of
    tool output, 250 in 12 other languages; 650 ordinary rows over 18 kinds, 520 hard look-alikes over 15. Returns
    the injections' styles, for a set's own weights."""
    pos = [r for r in rows if r["label"] == 1]
    assert len(pos) >= 1050
    styles = Counter(r["style"] for r in pos)
    assert sum(n >= 30 for n in styles.values()) >= 20, styles
    sources = Counter(r["source"] for r in pos)
    assert sum(n >= 20 for n in sources.values()) >= 15, sources
    foreign = Counter(r["lang"] for r in pos if r["lang"] != "en")
    assert sum(foreign.values()) >= 250 and sum(n >= 10 for n in foreign.values()) >= 12, foreign
    ordinary = [r for r in rows if r["kind"] == "ordinary"]
    hard = [r for r in rows if r["kind"] == "hard"]
    assert len(ordinary) >= 650 and len(Counter(r["source"] for r in ordinary)) >= 18
    assert len(hard) >= 520 and len(Counter(r["source"] for r in hard)) >= 15
    assert sum(r["lang"] != "en" for r in hard) >= 25 and sum(r["lang"] != "en" for r in ordinary) >= 60
    return styles


def assert_hand_rows(rows: list[dict[str, Any]], compose: ModuleType, styles: int) -> None:
    """350 rows by hand, exactly the hand files' rows, 90 of each kind, injections in 20 languages and ``styles``
    styles."""
    hand = [r for r in rows if r["hand"]]
    assert len(hand) >= 350
    assert {r["text"] for r in hand} == {r["text"] for r in compose.hand_rows()}
    for kind in ("injection", "ordinary", "hard"):
        assert sum(r["kind"] == kind for r in hand) >= 90, kind
    assert len({r["lang"] for r in hand if r["label"] == 1}) >= 20
    assert len({r["style"] for r in hand if r["label"] == 1}) >= styles


def decoded(text: str, hex_runs: bool = False) -> list[str]:
    """What the base64 runs (and, with ``hex_runs``, the spaced hex runs) and the %20-quoted words of ``text`` say."""
    found = []
    for m in re.findall(r"[A-Za-z0-9+/]{24,}={0,2}", text):
        try:
            found.append(base64.b64decode(m + "=" * (-len(m) % 4)).decode("utf-8", "replace"))
        except binascii.Error:
            continue
    if hex_runs:
        found += [bytes.fromhex(m.replace(" ", "")).decode("utf-8", "replace")
                  for m in re.findall(r"(?:[0-9a-f]{2} ){8,}[0-9a-f]{2}", text)]
    return found + [unquote(m) for m in re.findall(r"\S*%20\S*", text)]


def assert_no_older_text(rows: list[dict[str, Any]], name: str, older_sets: int) -> None:
    """No text of set ``name`` stands in another ``blind*.jsonl`` (there are at least ``older_sets`` of those)."""
    ours = {r["text"] for r in rows}
    older = [p for p in DATA.glob("blind*.jsonl") if not p.name.startswith(name)]
    assert len(older) >= older_sets
    for path in older:
        theirs = {json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
        assert not ours & theirs, path.name


def assert_benchmark_lists(*names: str) -> None:
    """Argument parsing only: an unknown name makes benchmarks/injection.py list the sets it finds, ``names`` among
    them."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "injection.py"), "--set", f"{names[0]}_absent"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    listed = done.stderr.rsplit("the sets are", 1)[1].replace(",", " ").split()
    assert set(names) <= set(listed), listed


def assert_composed_varied(rows: list[dict[str, Any]]) -> None:
    """Composed rows of each kind are genuinely varied: most open differently, and almost none repeat whole (numbers
    aside)."""
    composed = [r for r in rows if not r["hand"]]
    for kind in ("injection", "ordinary", "hard"):
        texts = [r["text"] for r in composed if r["kind"] == kind]
        openings = {re.sub(r"[0-9]+", "#", t)[:60] for t in texts}
        assert len(openings) >= 0.6 * len(texts), kind
        assert len({re.sub(r"[0-9]+", "#", t) for t in texts}) >= 0.95 * len(texts), kind


def assert_hand_headers_checked(compose: ModuleType, hand: Path, style: str, source: str, lang: str,
                                lines: tuple[str, str]) -> None:
    """The compose module's hand-file reader refuses a bad header or an orphan line with a message that names it,
    and reads a good row (its escaped line break included)."""
    for content, message in ((f"@@ X {style} email en\nsome text\n", "must start with P or N"),
                             (f"@@ P {style} en\nsome text\n", "must start with P or N"),
                             ("@@ N risky email en\nsome text\n", "ordinary or hard"),
                             ("orphan line\n", "before any header")):
        hand.write_text(content, encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            compose.hand_rows()
    hand.write_text(f"# note\n@@ N hard {source} {lang}\n{lines[0]}\\n{lines[1]}\n", encoding="utf-8")
    assert compose.hand_rows() == [{"text": f"{lines[0]}\n{lines[1]}", "label": 0, "style": "benign", "source": source,
                                    "origin": "hand", "lang": lang, "kind": "hard", "hand": True}]
