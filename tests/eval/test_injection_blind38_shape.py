"""blind38, the forty-fourth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once, English and other-language injections,
the fresh styles (none in the earlier sets' lists: blind37's test's set plus blind37's fresh ones, which the test
re-reads), the agent-transcript carrier on 5 % of rows at most, no duplicates inside it or with the published sets, and
``blind38_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i38a's English hand files as committed (307 hand injections, 21 to 23
in each of the 14 styles, from 20 sources; 466 hand negatives, 414 of them hard; composed with seed 38040 alone: 1,373
rows, 614 injections, 759 negatives, 707 hard) plus i38b's other-language files at the least its brief asks (30
languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and 360 hand rows, counted here
without the composer's extra rows). The English negatives' floors are the hand rows only: which hard negatives the
composer wraps a second time depends on the seeded order over all languages, so the English composed ones change once
i38b's rows are in. The other-language floors, the totals that count i38b's rows and the shared 2,000 rows and 1,000
negatives of ``injection_shape`` pass only once i38b's files are merged and the set recomposed (with i38b's minimum the
set reaches about 2,500 rows, 1,214 injections and 1,300 negatives, so no shared floor is missed then). With i38a's
files alone the shared styles' and sources' floors hold (42 or more rows per fresh style, every hand injection wrapped
once)."""

from __future__ import annotations

from collections import Counter

import pytest

from . import injection_shape as I
from .test_injection_blind37_shape import EARLIER_SETS as B37_SETS
from .test_injection_blind37_shape import EARLIER_STYLES as B37_EARLIER
from .test_injection_blind37_shape import FRESH as B37_FRESH

PUBLISHED = I.published(38)
FRESH = {"alert_rule_annotation", "k8s_event_message", "unsubscribe_footer", "product_spec_sheet", "rss_feed_item",
         "coupon_terms", "chat_widget_greeting", "svg_metadata", "query_result_row", "pdf_form_field",
         "route_instruction", "ci_job_annotation", "gift_message", "dependency_advisory"}
EARLIER_STYLES = B37_EARLIER | B37_FRESH  # blind37's list and blind37's own fresh styles
EARLIER_SETS = [*B37_SETS, "blind37.jsonl"]
# i38a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 614, 307, 466, 414
# i38a's English files composed alone (seed 38040): rows, negatives, hard (for the docstring's record; not floors)
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 1373, 759, 707
# every fresh style has 21 hand injections or more in i38a's files, each wrapped once: 42 rows or more
STYLE_FLOOR = 42
# i38b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class Sealed(list):
    """The rows, whose repr (in a failing test's traceback) gives their number, never their text."""

    def __repr__(self) -> str:
        return f"<{len(self)} sealed rows of blind38>"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return Sealed(I.load("blind38.jsonl"))


def test_fields(rows: list[dict]) -> None:
    assert all(set(r) == I.FIELDS for r in rows)
    assert all(isinstance(r["text"], str) and r["text"].strip() and isinstance(r["hand"], bool) for r in rows)
    assert all(r["origin"] == ("hand" if r["hand"] else "composed") for r in rows)
    assert all((r["label"], r["kind"]) in {(1, "injection"), (0, "hard"), (0, "ordinary")} for r in rows)
    assert all(r["label"] == 1 or r["style"] == "benign" for r in rows)


def test_english_counts(rows: list[dict]) -> None:
    en = [r for r in rows if r["lang"] == "en"]
    kinds = Counter(r["kind"] for r in en)
    assert kinds["injection"] >= EN_INJ
    assert kinds["hard"] + kinds["ordinary"] >= EN_HAND_NEG
    assert kinds["hard"] >= EN_HAND_HARD
    hand = Counter(r["kind"] for r in en if r["hand"])
    assert hand["injection"] >= EN_HAND_INJ
    assert hand["hard"] + hand["ordinary"] >= EN_HAND_NEG and hand["hard"] >= EN_HAND_HARD


def test_counts(rows: list[dict]) -> None:
    # these floors count i38b's other-language rows too: they pass only with i38b's files merged
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= EN_ALONE_ROWS + OTHER_LANGS * (OTHER_HAND_INJ + OTHER_HAND_HARD)
    assert kinds["injection"] >= EN_INJ + 2 * OTHER_LANGS * OTHER_HAND_INJ
    assert kinds["hard"] >= EN_HAND_HARD + OTHER_LANGS * OTHER_HAND_HARD


def test_shared_counts(rows: list[dict]) -> None:
    """injection_shape's common floors (2,000 rows, 1,000 injections, 1,000 negatives): i38a's files alone compose to
    1,373 rows and 759 negatives, so this passes only with i38b's files merged (then about 2,500 rows)."""
    I.check_counts_and_fields(rows)


def test_by_hand_share(rows: list[dict]) -> None:
    assert sum(r["hand"] for r in rows) >= 0.56 * len(rows)


def test_each_hand_row_in_one_carrier_at_most(rows: list[dict]) -> None:
    hand = [r for r in rows if r["hand"]]
    composed = [I.norm(r["text"]) for r in rows if not r["hand"]]
    assert len(composed) <= len(hand)
    found = over = 0
    for r in hand:
        if len(I.norm(r["text"])) < 25:
            continue
        lines = [I.norm(line) for line in r["text"].split("\n") if I.norm(line)]
        n = sum(all(line in c for line in lines) for c in composed)
        over += n > 1
        found += n
    assert over == 0, f"{over} hand rows wrapped in more than one carrier"
    assert found >= 0.8 * len(composed), f"{found} of {len(composed)} composed rows traced to a hand row"


def test_every_hand_injection_wrapped_once(rows: list[dict]) -> None:
    I.check_every_hand_injection_wrapped_once(rows)


def test_languages_and_distinct_orders(rows: list[dict]) -> None:
    # the floors are i38b's (other-language hand files): they pass only with i38b's files merged
    I.check_other_languages(rows, OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD)


def test_styles(rows: list[dict]) -> None:
    styles = Counter(r["style"] for r in rows if r["label"])
    assert set(styles) == FRESH, f"{len(set(styles) ^ FRESH)} styles differ from the fresh list"
    assert not FRESH & EARLIER_STYLES
    assert min(styles.values()) >= STYLE_FLOOR
    assert len({r["source"] for r in rows}) >= 14


def test_shared_styles_and_sources(rows: list[dict]) -> None:
    # injection_shape's common floors (40 rows per fresh style, 8 sources of 20 for injections and for negatives)
    I.check_styles_and_sources(rows, FRESH)


def test_earlier_styles_cover_the_earlier_sets() -> None:
    earlier = {r["style"] for name in EARLIER_SETS for r in I.load(name)} - {"benign"}
    assert not earlier - EARLIER_STYLES, f"{len(earlier - EARLIER_STYLES)} earlier styles not listed"


def test_agent_transcript_carrier_is_rare(rows: list[dict]) -> None:
    I.check_agent_transcript_rare(rows)


def test_no_duplicates_inside_or_with_published_sets(rows: list[dict]) -> None:
    I.check_no_duplicates(rows, PUBLISHED)  # a helper module's plain asserts: a failure prints no row


def test_compose_rebuilds_the_file() -> None:
    I.check_compose_rebuilds("blind38")
