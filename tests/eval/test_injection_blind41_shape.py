"""blind41, the forty-seventh wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, imported), every hand
injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets' lists:
blind40's test's set plus blind40's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of rows at
most, no duplicates inside it or with the published sets (``injection_shape.published(41)``, blind40 included), and
``blind41_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i41a's English hand files as committed (518 hand injections, 34 to 39
in each of the 14 styles, from 20 sources; 665 hand negatives, 617 of them hard, from 20 sources; composed with seed
41050 alone: 2,101 rows, 1,036 injections, 1,065 negatives, 1,017 hard) plus i41b's other-language files at the least
its brief asks (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and 360 hand
rows, counted here without the composer's extra rows). The English negatives' floors are the hand rows only: which
hard negatives the composer wraps a second time depends on the seeded order over all languages, so the English
composed ones change once i41b's rows are in. The other-language floors (``test_languages_and_distinct_orders``) and
the totals that count i41b's rows (``test_counts_with_the_other_languages``) pass only once i41b's files are merged and
the set recomposed; with i41a's files alone those two fail and every other test passes. No shared floor of
``injection_shape`` is missed: i41a's files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives
(2,101, 1,036 and 1,065), 40 rows or more per fresh style (68 to 78) and 8 sources of 20 rows or more for injections
and for negatives; with i41b's minimum the set reaches about 3,270 rows (1,843 hand rows at the composer's 56.3 %
share), 1,636 injections and 1,640 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind40_shape import EARLIER_SETS as B40_SETS
from .test_injection_blind40_shape import EARLIER_STYLES as B40_EARLIER
from .test_injection_blind40_shape import FRESH as B40_FRESH

NAME = "blind41"
PUBLISHED = I.published(41)
FRESH = {"prometheus_metric_help", "mortgage_statement", "vet_discharge_note", "hotel_guest_directory",
         "car_service_report", "parking_fine_notice", "online_auction_listing", "lab_test_report",
         "insurance_claim_decision", "school_newsletter", "wifi_captive_portal", "ebook_highlight_export",
         "fitness_tracker_summary", "linter_report"}
EARLIER_STYLES = B40_EARLIER | B40_FRESH  # blind40's list and blind40's own fresh styles
EARLIER_SETS = [*B40_SETS, "blind40.jsonl"]
# i41a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1036, 518, 665, 617
# i41a's English files composed alone (seed 41050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2101, 1065, 1017
# every fresh style has 34 hand injections or more in i41a's files, each wrapped once: 68 rows or more
STYLE_FLOOR = 68
# i41a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i41b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind41Shape(I.Blind40Shape):
    """blind41's checks: blind40's layout in ``injection_shape``, on the floors above."""
