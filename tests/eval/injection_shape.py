"""The shape checks the held-out injection sets' own tests share (``test_injection_blindN_shape.py``, blind26 on):
reading a set, the fields and kinds, the styles and sources, no duplicates inside it or with the published sets, and
its composer rebuilding it byte for byte. Each set's test keeps its own numbers and calls these. Shape only: nothing
here imports or runs the screen."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "injection_data"
FIELDS = {"text", "label", "style", "source", "origin", "lang", "kind", "hand"}


def published(n: int) -> list[str]:
    """The sets published before blind``n``."""
    return ["blind.jsonl", "heldout.jsonl", *(f"blind{i}.jsonl" for i in range(3, n))]


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]


def check_counts_and_fields(rows: list[dict]) -> Counter:
    """2,000 rows or more with exactly the fields, origin matching hand, the three kinds, 1,000 injections and 1,000
    negatives or more; the kinds' counts, for the set's own floors."""
    assert len(rows) >= 2000
    assert all(set(r) == FIELDS for r in rows)
    assert all(isinstance(r["text"], str) and r["text"].strip() and isinstance(r["hand"], bool) for r in rows)
    assert all(r["origin"] == ("hand" if r["hand"] else "composed") for r in rows)
    assert all((r["label"], r["kind"]) in {(1, "injection"), (0, "hard"), (0, "ordinary")} for r in rows)
    assert all(r["label"] == 1 or r["style"] == "benign" for r in rows)
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["injection"] >= 1000 and kinds["hard"] + kinds["ordinary"] >= 1000
    return kinds


def check_styles_and_sources(rows: list[dict], fresh: set[str]) -> None:
    """10 attack styles of 40 rows or more, each ``fresh`` style among them; 8 sources of 20 rows or more for the
    injections and for the negatives."""
    styles = Counter(r["style"] for r in rows if r["label"])
    assert sum(n >= 40 for n in styles.values()) >= 10
    assert all(styles[s] >= 40 for s in fresh)
    sources = Counter(r["source"] for r in rows if r["label"])
    assert sum(n >= 20 for n in sources.values()) >= 8
    negatives = Counter(r["source"] for r in rows if not r["label"])
    assert sum(n >= 20 for n in negatives.values()) >= 8


def check_no_duplicates(rows: list[dict], earlier: list[str]) -> None:
    """No text twice (after normalising case and punctuation), none in the ``earlier`` sets."""
    keys = [norm(r["text"]) for r in rows]
    assert len(keys) == len(set(keys)), f"{len(keys) - len(set(keys))} duplicate rows inside the set"  # counts only
    seen = {norm(json.loads(line)["text"]) for name in earlier if (DATA / name).is_file()
            for line in (DATA / name).read_text(encoding="utf-8").splitlines()}
    assert not set(keys) & seen, f"{len(set(keys) & seen)} rows also in an earlier set"


def check_compose_rebuilds(stem: str) -> None:
    """``{stem}_compose.py``'s ``build()`` writes ``{stem}.jsonl`` byte for byte."""
    spec = importlib.util.spec_from_file_location(f"{stem}_compose", DATA / f"{stem}_compose.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in module.build())
    assert text == (DATA / f"{stem}.jsonl").read_text(encoding="utf-8")


def check_every_hand_injection_wrapped_once(rows: list[dict]) -> None:
    """Per style and language, as many composed injections as hand ones (each hand injection wrapped once)."""
    inj = Counter((r["style"], r["lang"], r["hand"]) for r in rows if r["label"])
    off = sum(inj[(s, lang, True)] != inj[(s, lang, False)] for s, lang, _ in inj)
    assert off == 0, f"{off} style/language pairs whose hand and composed injections differ in number"


def check_other_languages(rows: list[dict], langs: int, hand_inj: int, styles: int, hand_hard: int) -> None:
    """The other-language writer's floors: ``langs`` languages, each with ``hand_inj`` distinct hand injections in
    ``styles`` styles or more and ``hand_hard`` distinct hand hard negatives."""
    assert all(re.fullmatch(r"[a-z]{2}", r["lang"]) for r in rows)
    other = {r["lang"] for r in rows if r["label"]} - {"en"}
    assert len(other) >= langs, f"{len(other)} languages other than en"
    hand_orders = {lang: len({norm(r["text"]) for r in rows if r["label"] and r["hand"] and r["lang"] == lang})
                   for lang in other}
    assert min(hand_orders.values(), default=0) >= hand_inj
    styles_per_lang = {lang: len({r["style"] for r in rows if r["label"] and r["hand"] and r["lang"] == lang})
                       for lang in other}
    assert min(styles_per_lang.values(), default=0) >= styles
    assert sum(1 - r["label"] for r in rows if r["lang"] != "en") >= langs * hand_hard
    hard_hand = {lang: len({norm(r["text"]) for r in rows if r["kind"] == "hard" and r["hand"] and r["lang"] == lang})
                 for lang in other}
    assert min(hard_hand.values(), default=0) >= hand_hard


def check_agent_transcript_rare(rows: list[dict]) -> None:
    """The agent-transcript carrier on 5 % of the rows at most, and of the negatives."""
    assert sum(r["source"] == "agent_transcript" for r in rows) <= 0.05 * len(rows)
    negatives = [r for r in rows if not r["label"]]
    assert sum(r["source"] == "agent_transcript" for r in negatives) <= 0.05 * len(negatives), len(negatives)
