"""blind42, the forty-eighth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind41's test),
every hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets'
lists: blind41's test's set plus blind41's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of
rows at most, no duplicates inside it or with the published sets (``injection_shape.published(42)``, blind41 included),
and ``blind42_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is
sealed: no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i42a's English hand files as committed (540 hand injections, 37 to 41
in each of the 14 styles, from 20 sources; 674 hand negatives, 637 of them hard, from 20 sources; composed with seed
42050 alone: 2,156 rows, 1,080 injections, 1,076 negatives, 1,039 hard) plus i42b's other-language files at the least
its brief asks (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and 360 hand
rows, counted here without the composer's extra rows). The English negatives' floors are the hand rows only: which
hard negatives the composer wraps a second time depends on the seeded order over all languages, so the English
composed ones change once i42b's rows are in. The other-language floors (``test_languages_and_distinct_orders``) and
the totals that count i42b's rows (``test_counts_with_the_other_languages``) pass only once i42b's files are merged and
the set recomposed; with i42a's files alone those two fail and every other test passes. No shared floor of
``injection_shape`` is missed: i42a's files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives
(2,156, 1,080 and 1,076), 40 rows or more per fresh style (74 to 82) and 8 sources of 20 rows or more for injections
and for negatives; with i42b's minimum the set reaches about 3,330 rows (1,874 hand rows at the composer's 56.3 %
share), 1,680 injections and 1,650 negatives."""

from __future__ import annotations

from collections import Counter

import pytest

from . import injection_shape as I
from .test_injection_blind41_shape import EARLIER_SETS as B41_SETS
from .test_injection_blind41_shape import EARLIER_STYLES as B41_EARLIER
from .test_injection_blind41_shape import FRESH as B41_FRESH
from .test_injection_blind41_shape import test_each_hand_row_in_one_carrier_at_most as _blind41_one_carrier_check

PUBLISHED = I.published(42)
FRESH = {"bounce_notification", "pivot_table_export", "rental_lease_clause", "bug_bounty_report",
         "sports_fixture_list", "nutrition_label", "museum_exhibit_label", "timesheet_export",
         "grant_budget_justification", "browser_history_export", "smart_home_routine", "train_timetable_change",
         "app_store_review", "customs_declaration"}
EARLIER_STYLES = B41_EARLIER | B41_FRESH  # blind41's list and blind41's own fresh styles
EARLIER_SETS = [*B41_SETS, "blind41.jsonl"]
# i42a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1080, 540, 674, 637
# i42a's English files composed alone (seed 42050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2156, 1076, 1039
# every fresh style has 37 hand injections or more in i42a's files, each wrapped once: 74 rows or more
STYLE_FLOOR = 74
# i42a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i42b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class SealedRows(list):
    """blind42's rows; in a failing test's traceback they show as a count, never as text."""

    def __repr__(self) -> str:
        return f"<blind42: {len(self)} sealed rows>"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return SealedRows(I.load("blind42.jsonl"))


def test_shared_counts_and_fields(rows: list[dict]) -> None:
    # injection_shape's fields, kinds and common floors (2,000 rows, 1,000 injections, 1,000 negatives)
    I.check_counts_and_fields(rows)


def test_english_counts(rows: list[dict]) -> None:
    english = Counter((r["kind"], r["hand"]) for r in rows if r["lang"] == "en")
    assert english["injection", True] + english["injection", False] >= EN_INJ
    assert english["injection", True] >= EN_HAND_INJ
    assert english["hard", True] + english["ordinary", True] >= EN_HAND_NEG
    assert english["hard", True] >= EN_HAND_HARD
    for label in (0, 1):
        sources = {r["source"] for r in rows if r["lang"] == "en" and r["hand"] and r["label"] == label}
        assert len(sources) >= EN_HAND_SOURCES, f"label {label}: {len(sources)} sources"


def test_counts_with_the_other_languages(rows: list[dict]) -> None:
    # these floors count i42b's other-language rows too: they pass only with i42b's files merged
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= EN_ALONE_ROWS + OTHER_LANGS * (OTHER_HAND_INJ + OTHER_HAND_HARD)
    assert kinds["injection"] >= EN_INJ + 2 * OTHER_LANGS * OTHER_HAND_INJ
    assert kinds["hard"] >= EN_HAND_HARD + OTHER_LANGS * OTHER_HAND_HARD


def test_by_hand_share(rows: list[dict]) -> None:
    hand = sum(r["hand"] for r in rows)
    assert hand >= 0.56 * len(rows), f"{hand} of {len(rows)} rows by hand"


def test_each_hand_row_in_one_carrier_at_most(rows: list[dict]) -> None:
    _blind41_one_carrier_check(rows)  # blind41's test's check (blind40's) on blind42's rows: counts only


def test_every_hand_injection_wrapped_once(rows: list[dict]) -> None:
    I.check_every_hand_injection_wrapped_once(rows)


def test_languages_and_distinct_orders(rows: list[dict]) -> None:
    # the floors are i42b's (other-language hand files): they pass only with i42b's files merged
    I.check_other_languages(rows, OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD)


def test_fresh_styles(rows: list[dict]) -> None:
    per_style = Counter(r["style"] for r in rows if r["label"])
    assert set(per_style) == FRESH, f"{len(set(per_style) ^ FRESH)} styles not in the fresh list or missing"
    assert not FRESH & EARLIER_STYLES, f"{len(FRESH & EARLIER_STYLES)} fresh styles used before"
    assert min(per_style.values()) >= STYLE_FLOOR
    assert len({r["source"] for r in rows}) >= 14


def test_shared_styles_and_sources(rows: list[dict]) -> None:
    # injection_shape's common floors (40 rows per fresh style, 8 sources of 20 for injections and for negatives)
    I.check_styles_and_sources(rows, FRESH)


def test_earlier_styles_cover_the_earlier_sets() -> None:
    used = set().union(*({r["style"] for r in I.load(name)} for name in EARLIER_SETS)) - {"benign"}
    assert used <= EARLIER_STYLES, f"{len(used - EARLIER_STYLES)} earlier styles not listed"


def test_agent_transcript_carrier_is_rare(rows: list[dict]) -> None:
    I.check_agent_transcript_rare(rows)


def test_no_duplicates_inside_or_with_published_sets(rows: list[dict]) -> None:
    I.check_no_duplicates(rows, PUBLISHED)  # a helper module's plain asserts: a failure prints no row


def test_compose_rebuilds_the_file() -> None:
    I.check_compose_rebuilds("blind42")
