"""blind39, the forty-fifth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once, English and other-language injections,
the fresh styles (none in the earlier sets' lists: blind38's test's set plus blind38's fresh ones, which the test
re-reads), the agent-transcript carrier on 5 % of rows at most, no duplicates inside it or with the published sets, and
``blind39_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i39a's English hand files as committed (410 hand injections, 28 to 31
in each of the 14 styles, from 20 sources; 569 hand negatives, 529 of them hard, from 20 sources; composed with seed
39050 alone: 1,738 rows, 820 injections, 918 negatives, 878 hard) plus i39b's other-language files at the least its
brief asks (24 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 240 and 288 hand
rows, counted here without the composer's extra rows). The English negatives' floors are the hand rows only: which
hard negatives the composer wraps a second time depends on the seeded order over all languages, so the English
composed ones change once i39b's rows are in. The other-language floors, the totals that count i39b's rows and the
shared 2,000 rows, 1,000 injections and 1,000 negatives of ``injection_shape`` pass only once i39b's files are merged
and the set recomposed. With i39b's minimum the set reaches about 2,680 rows, 1,300 injections and 1,376 negatives
(1,507 hand rows at the composer's 56.3 % share), so no shared floor is missed then; with i39a's files alone those
three shared counts fail (1,738 rows, 820 injections, 918 negatives). With i39a's files alone the shared styles' and
sources' floors hold (56 or more rows per fresh style, every hand injection wrapped once). Merged and recomposed by
the lead with i39b's files (30 languages, 376 hand injections, 425 hand hard negatives): 3,214 rows, 1,572 injections,
1,642 negatives; one short hand negative (a permission dialog) has every line inside another hand row (the log that
quotes it), so it is found in two carriers and is not counted against "wrapped at most once"."""

from __future__ import annotations

from collections import Counter

import pytest

from . import injection_shape as I
from .test_injection_blind38_shape import EARLIER_SETS as B38_SETS
from .test_injection_blind38_shape import EARLIER_STYLES as B38_EARLIER
from .test_injection_blind38_shape import FRESH as B38_FRESH

PUBLISHED = I.published(39)
FRESH = {"helm_release_notes", "terraform_plan_output", "browser_console_message", "appointment_reminder",
         "loyalty_points_statement", "warranty_claim_response", "man_page_section", "systemd_unit_description",
         "real_estate_listing", "cover_letter_paragraph", "data_dictionary_entry", "ssh_login_banner",
         "bibtex_entry_field", "app_permission_rationale"}
EARLIER_STYLES = B38_EARLIER | B38_FRESH  # blind38's list and blind38's own fresh styles
EARLIER_SETS = [*B38_SETS, "blind38.jsonl"]
# i39a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 820, 410, 569, 529
# i39a's English files composed alone (seed 39050): rows, negatives, hard (for the docstring's record; not floors)
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 1738, 918, 878
# every fresh style has 28 hand injections or more in i39a's files, each wrapped once: 56 rows or more
STYLE_FLOOR = 56
# i39a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i39b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 24, 10, 7, 12


class Sealed(list):
    """The rows, whose repr (in a failing test's traceback) gives their number, never their text."""

    def __repr__(self) -> str:
        return f"<{len(self)} sealed rows of blind39>"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return Sealed(I.load("blind39.jsonl"))


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
    inj_sources = {r["source"] for r in en if r["hand"] and r["label"]}
    neg_sources = {r["source"] for r in en if r["hand"] and not r["label"]}
    assert len(inj_sources) >= EN_HAND_SOURCES and len(neg_sources) >= EN_HAND_SOURCES


def test_counts(rows: list[dict]) -> None:
    # these floors count i39b's other-language rows too: they pass only with i39b's files merged
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= EN_ALONE_ROWS + OTHER_LANGS * (OTHER_HAND_INJ + OTHER_HAND_HARD)
    assert kinds["injection"] >= EN_INJ + 2 * OTHER_LANGS * OTHER_HAND_INJ
    assert kinds["hard"] >= EN_HAND_HARD + OTHER_LANGS * OTHER_HAND_HARD


def test_shared_counts(rows: list[dict]) -> None:
    """injection_shape's common floors (2,000 rows, 1,000 injections, 1,000 negatives): i39a's files alone compose to
    1,738 rows, 820 injections and 918 negatives, so this passes only with i39b's files merged (then about 2,680 rows,
    1,300 injections, 1,376 negatives)."""
    I.check_counts_and_fields(rows)


def test_by_hand_share(rows: list[dict]) -> None:
    assert sum(r["hand"] for r in rows) >= 0.56 * len(rows)


def test_each_hand_row_in_one_carrier_at_most(rows: list[dict]) -> None:
    hand = Sealed(r for r in rows if r["hand"])
    # sealed: len() in a failure shows no text. Of the same label only: a hand negative written as an injection's
    # mirror (its carrier with the planted order taken out) is, line for line, inside that injection's carrier
    composed = Sealed((r["label"], I.norm(r["text"])) for r in rows if not r["hand"])
    assert len(composed) <= len(hand)
    found = over = 0
    for r in hand:
        if len(I.norm(r["text"])) < 25:
            continue
        lines = [I.norm(line) for line in r["text"].split("\n") if I.norm(line)]
        n = sum(label == r["label"] and all(line in c for line in lines) for label, c in composed)
        if n > 1 and any(other is not r and all(line in I.norm(other["text"]) for line in lines) for other in hand):
            n = 1  # every line of it is also in another hand row (a dialog and the log that quotes it): not traceable
        over += n > 1
        found += n
    assert over == 0, f"{over} hand rows wrapped in more than one carrier"
    assert found >= 0.8 * len(composed), f"{found} of {len(composed)} composed rows traced to a hand row"


def test_every_hand_injection_wrapped_once(rows: list[dict]) -> None:
    I.check_every_hand_injection_wrapped_once(rows)


def test_languages_and_distinct_orders(rows: list[dict]) -> None:
    # the floors are i39b's (other-language hand files): they pass only with i39b's files merged
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
    I.check_compose_rebuilds("blind39")
