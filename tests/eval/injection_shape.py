"""The shape checks the held-out injection sets' own tests share (``test_injection_blindN_shape.py``, blind26 on):
reading a set, the fields and kinds, the styles and sources, no duplicates inside it or with the published sets, and
its composer rebuilding it byte for byte. Each set's test keeps its own numbers and calls these. Shape only: nothing
here imports or runs the screen."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest

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


# -- the sets' tests, shared ---------------------------------------------------------------------------------------
# blind37 on, each set's test file holds only its docstring and its numbers (``NAME``, ``FRESH``, ``EARLIER_STYLES``,
# ``EARLIER_SETS``, ``PUBLISHED`` and the ``EN_*``/``OTHER_*`` floors, module-level: the next set's file imports them)
# and one class, ``TestBlindNShape``, that subclasses the layout its set was first written with below. The tests read
# the floors from that file's module, so a floor the file lacks is an AttributeError, never a silent 0 (only the
# English floors a layout never had are optional: see ``SetShape.test_english_counts``). The asserts here are plain
# (this module is not rewritten by pytest): a failure prints its message, counts only, never a row.


class Sealed(list):
    """Rows of a held-out set, whose repr (in a failing test's traceback) gives their number, never their text."""

    def __init__(self, name: str, rows: Iterable = ()) -> None:
        super().__init__(rows)
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}: {len(self)} sealed rows>"


def check_english_counts(rows: list[dict], *, inj: int, hand_inj: int, hand_hard: int, hand_neg: int = 0,
                         neg: int = 0, hard: int = 0, hand_sources: int = 0) -> None:
    """The English rows' floors: ``inj`` injections (hand and composed), ``neg`` negatives and ``hard`` hard ones
    (both at least their hand floors), ``hand_inj`` hand injections, ``hand_neg`` hand negatives, ``hand_hard`` hand
    hard ones, and hand injections and hand negatives each from ``hand_sources`` sources."""
    english = Counter((r["kind"], r["hand"]) for r in rows if r["lang"] == "en")
    kinds = Counter()
    for (kind, _), n in english.items():
        kinds[kind] += n
    assert kinds["injection"] >= inj, f"{kinds['injection']} English injections"
    assert kinds["hard"] + kinds["ordinary"] >= max(neg, hand_neg), f"{kinds['hard'] + kinds['ordinary']} negatives"
    assert kinds["hard"] >= max(hard, hand_hard), f"{kinds['hard']} English hard negatives"
    assert english["injection", True] >= hand_inj, f"{english['injection', True]} English hand injections"
    assert english["hard", True] + english["ordinary", True] >= hand_neg
    assert english["hard", True] >= hand_hard, f"{english['hard', True]} English hand hard negatives"
    for label in (0, 1):
        sources = {r["source"] for r in rows if r["lang"] == "en" and r["hand"] and r["label"] == label}
        assert len(sources) >= hand_sources, f"label {label}: {len(sources)} sources"


def check_counts_with_other_languages(rows: list[dict], *, rows_floor: int, inj_floor: int, hard_floor: int) -> None:
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= rows_floor, f"{len(rows)} rows"
    assert kinds["injection"] >= inj_floor, f"{kinds['injection']} injections"
    assert kinds["hard"] >= hard_floor, f"{kinds['hard']} hard negatives"


def check_fresh_styles(rows: list[dict], fresh: set[str], earlier: set[str], floor: int) -> None:
    """The injections' styles are the ``fresh`` ones, none in ``earlier``, each ``floor`` rows or more; 14 sources."""
    per_style = Counter(r["style"] for r in rows if r["label"])
    assert set(per_style) == fresh, f"{len(set(per_style) ^ fresh)} styles not in the fresh list or missing"
    assert not fresh & earlier, f"{len(fresh & earlier)} fresh styles used before"
    assert min(per_style.values()) >= floor, f"a style with {min(per_style.values())} rows"
    assert len({r["source"] for r in rows}) >= 14


def check_earlier_styles_listed(earlier_sets: list[str], earlier_styles: set[str]) -> None:
    used = set().union(*({r["style"] for r in load(name)} for name in earlier_sets)) - {"benign"}
    assert used <= earlier_styles, f"{len(used - earlier_styles)} earlier styles not listed"


def check_one_carrier_at_most(rows: list[dict], same_label: bool = True) -> None:
    """Each hand row (25 characters or more) inside one composed row at most, and 80 % of the composed rows traced to
    a hand row. ``same_label`` (blind39 on): only composed rows of the hand row's label count (a hand negative written
    as an injection's mirror is, line for line, inside that injection's carrier), and a hand row every line of which
    is also in another hand row (a dialog and the log that quotes it) counts once. Without it: blind37's and blind38's
    check as they had it."""
    hand = Sealed("hand", (r for r in rows if r["hand"]))
    composed = Sealed("composed", ((r["label"], norm(r["text"])) for r in rows if not r["hand"]))
    assert len(composed) <= len(hand)
    found = over = 0
    for r in hand:
        if len(norm(r["text"])) < 25:
            continue
        lines = [norm(line) for line in r["text"].split("\n") if norm(line)]
        n = sum((not same_label or label == r["label"]) and all(line in c for line in lines) for label, c in composed)
        if same_label and n > 1 and any(other is not r and all(line in norm(other["text"]) for line in lines)
                                        for other in hand):
            n = 1
        over += n > 1
        found += n
    assert over == 0, f"{over} hand rows wrapped in more than one carrier"
    assert found >= 0.8 * len(composed), f"{found} of {len(composed)} composed rows traced to a hand row"


def check_totals_from_blind38(rows: list[dict], own: ModuleType) -> None:
    """blind38 on: the English files composed alone plus the other-language writer's hand rows at its floors, each of
    its hand injections counted twice (hand and its carrier)."""
    other = own.OTHER_LANGS
    check_counts_with_other_languages(
        rows, rows_floor=own.EN_ALONE_ROWS + other * (own.OTHER_HAND_INJ + own.OTHER_HAND_HARD),
        inj_floor=own.EN_INJ + 2 * other * own.OTHER_HAND_INJ, hard_floor=own.EN_HAND_HARD + other * own.OTHER_HAND_HARD)


class SetShape:
    """The checks every set from blind37 on has. Not collected itself (no ``Test`` prefix): each set's
    ``TestBlindNShape`` subclasses one of the layouts below."""

    SAME_LABEL_CARRIERS = True  # check_one_carrier_at_most's same_label

    @property
    def own(self) -> ModuleType:
        """The set's test module, whose module-level constants are the set's floors."""
        return sys.modules[type(self).__module__]

    @pytest.fixture(scope="class")
    @classmethod
    def rows(cls) -> list[dict]:
        name = sys.modules[cls.__module__].NAME
        return Sealed(name, load(f"{name}.jsonl"))

    def test_english_counts(self, rows: list[dict]) -> None:
        own = self.own
        # blind37 has EN_NEG and EN_HARD (composed and hand) and no EN_HAND_NEG; blind38 on the reverse; blind39 on
        # EN_HAND_SOURCES too: a floor a set never had is 0, as it was
        check_english_counts(rows, inj=own.EN_INJ, hand_inj=own.EN_HAND_INJ, hand_hard=own.EN_HAND_HARD,
                             hand_neg=getattr(own, "EN_HAND_NEG", 0), neg=getattr(own, "EN_NEG", 0),
                             hard=getattr(own, "EN_HARD", 0), hand_sources=getattr(own, "EN_HAND_SOURCES", 0))

    def test_by_hand_share(self, rows: list[dict]) -> None:
        hand = sum(r["hand"] for r in rows)
        assert hand >= 0.56 * len(rows), f"{hand} of {len(rows)} rows by hand"

    def test_each_hand_row_in_one_carrier_at_most(self, rows: list[dict]) -> None:
        check_one_carrier_at_most(rows, self.SAME_LABEL_CARRIERS)

    def test_languages_and_distinct_orders(self, rows: list[dict]) -> None:
        # the floors are the other-language writer's: they pass only with its files merged
        own = self.own
        check_other_languages(rows, own.OTHER_LANGS, own.OTHER_HAND_INJ, own.OTHER_STYLES, own.OTHER_HAND_HARD)

    def test_shared_styles_and_sources(self, rows: list[dict]) -> None:
        # the common floors (40 rows per fresh style, 8 sources of 20 for injections and for negatives)
        check_styles_and_sources(rows, self.own.FRESH)

    def test_earlier_styles_cover_the_earlier_sets(self) -> None:
        check_earlier_styles_listed(self.own.EARLIER_SETS, self.own.EARLIER_STYLES)

    def test_agent_transcript_carrier_is_rare(self, rows: list[dict]) -> None:
        check_agent_transcript_rare(rows)

    def test_no_duplicates_inside_or_with_published_sets(self, rows: list[dict]) -> None:
        check_no_duplicates(rows, self.own.PUBLISHED)

    def test_compose_rebuilds_the_file(self) -> None:
        check_compose_rebuilds(self.own.NAME)


class Blind37Shape(SetShape):
    """blind37's layout: the fields apart, the other-language totals over EN_ROWS and EN_HARD (its composed English
    rows) with each other-language hand injection counted once, the common floors expected short of 1,000 negatives
    (SHARED_NEGATIVES, what it has), the carrier check without same_label, styles of STYLE_FLOOR rows or more."""

    SAME_LABEL_CARRIERS = False

    def test_fields(self, rows: list[dict]) -> None:
        assert all(set(r) == FIELDS for r in rows)
        assert all(isinstance(r["text"], str) and r["text"].strip() and isinstance(r["hand"], bool) for r in rows)
        assert all(r["origin"] == ("hand" if r["hand"] else "composed") for r in rows)
        assert all((r["label"], r["kind"]) in {(1, "injection"), (0, "hard"), (0, "ordinary")} for r in rows)
        assert all(r["label"] == 1 or r["style"] == "benign" for r in rows)

    def test_counts(self, rows: list[dict]) -> None:
        # these floors count the other-language writer's rows too: they pass only with its files merged
        own, other = self.own, self.own.OTHER_LANGS
        check_counts_with_other_languages(
            rows, rows_floor=own.EN_ROWS + other * (own.OTHER_HAND_INJ + own.OTHER_HAND_HARD),
            inj_floor=own.EN_INJ + other * own.OTHER_HAND_INJ, hard_floor=own.EN_HARD + other * own.OTHER_HAND_HARD)

    def test_shared_counts(self, rows: list[dict]) -> None:
        """The common floors but the negatives' (see blind37's docstring): said here rather than hidden."""
        with pytest.raises(AssertionError):
            check_counts_and_fields(rows)
        kinds = Counter(r["kind"] for r in rows)
        assert len(rows) >= 2000 and kinds["injection"] >= 1000
        assert kinds["hard"] + kinds["ordinary"] >= self.own.SHARED_NEGATIVES

    def test_styles(self, rows: list[dict]) -> None:
        check_fresh_styles(rows, self.own.FRESH, self.own.EARLIER_STYLES, self.own.STYLE_FLOOR)


class Blind38Shape(Blind37Shape):
    """blind38's layout: blind37's, but the other-language totals over EN_ALONE_ROWS and EN_HAND_HARD with each
    other-language hand injection counted twice (hand and its carrier), every common floor met, and each hand injection
    wrapped once."""

    def test_counts(self, rows: list[dict]) -> None:
        # these floors count the other-language writer's rows too: they pass only with its files merged
        check_totals_from_blind38(rows, self.own)

    def test_shared_counts(self, rows: list[dict]) -> None:
        check_counts_and_fields(rows)

    def test_every_hand_injection_wrapped_once(self, rows: list[dict]) -> None:
        check_every_hand_injection_wrapped_once(rows)


class Blind39Shape(Blind38Shape):
    """blind39's layout: blind38's with the carrier check of the same label (``check_one_carrier_at_most``)."""

    SAME_LABEL_CARRIERS = True


class Blind40Shape(SetShape):
    """blind40's layout (blind41 to blind43 too): blind39's checks, the fields in ``test_shared_counts_and_fields``."""

    def test_shared_counts_and_fields(self, rows: list[dict]) -> None:
        # the fields, kinds and common floors (2,000 rows, 1,000 injections, 1,000 negatives)
        check_counts_and_fields(rows)

    def test_counts_with_the_other_languages(self, rows: list[dict]) -> None:
        # these floors count the other-language writer's rows too: they pass only with its files merged
        check_totals_from_blind38(rows, self.own)

    def test_every_hand_injection_wrapped_once(self, rows: list[dict]) -> None:
        check_every_hand_injection_wrapped_once(rows)

    def test_fresh_styles(self, rows: list[dict]) -> None:
        check_fresh_styles(rows, self.own.FRESH, self.own.EARLIER_STYLES, self.own.STYLE_FLOOR)
