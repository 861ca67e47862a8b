"""blind49, the fifty-fifth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind48's test),
every hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets'
lists: blind48's test's set plus blind48's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of
rows at most, no duplicates inside it or with the published sets (``injection_shape.published(49)``, blind48
included), and ``blind49_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The
set is sealed: no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i49a's English hand files as committed (530 hand injections, 37 to 38
in each of the 14 styles, from 20 sources; 665 hand negatives, 623 of them hard, from 20 sources; composed with seed
49050 alone: 2,122 rows, 1,060 injections, 1,062 negatives, 1,020 hard) plus i49b's other-language files at this
test's floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and
360 hand rows, counted here without the composer's extra rows; i49b's brief asks 11 and 13 each, one row of margin).
The English negatives' floors are the hand rows only: which hard negatives the composer wraps a second time depends
on the seeded order over all languages, so the English composed ones change once i49b's rows are in. The other-
language floors (``test_languages_and_distinct_orders``) and the totals that count i49b's rows
(``test_counts_with_the_other_languages``) pass only once i49b's files are merged and the set recomposed; with i49a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i49a's
files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,122, 1,060 and 1,062), 40 rows or more
per fresh style (74 to 76) and 8 sources of 20 rows or more for injections and for negatives; with i49b's brief met
exactly (11 and 13 a language) the set reaches about 3,400 rows (1,915 hand rows at the composer's 56.3 % share),
1,720 injections and 1,680 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind48_shape import EARLIER_SETS as B48_SETS
from .test_injection_blind48_shape import EARLIER_STYLES as B48_EARLIER
from .test_injection_blind48_shape import FRESH as B48_FRESH

NAME = "blind49"
PUBLISHED = I.published(49)
FRESH = {"ice_rink_session_schedule", "tailor_alteration_ticket", "scuba_dive_log", "bakery_wholesale_order",
         "planetarium_show_guide", "storage_unit_rental_notice", "bus_pass_renewal", "tattoo_aftercare_sheet",
         "blood_pressure_log", "tennis_court_booking", "brewery_tour_waiver", "locksmith_service_invoice",
         "driving_school_lesson_plan", "wildlife_sanctuary_visitor_rules"}
EARLIER_STYLES = B48_EARLIER | B48_FRESH  # blind48's list and blind48's own fresh styles
EARLIER_SETS = [*B48_SETS, "blind48.jsonl"]
# i49a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1060, 530, 665, 623
# i49a's English files composed alone (seed 49050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2122, 1062, 1020
# every fresh style has 37 hand injections or more in i49a's files, each wrapped once: 74 rows or more
STYLE_FLOOR = 74
# i49a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i49b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind49Shape(I.Blind40Shape):
    """blind49's checks: blind40's layout in ``injection_shape``, on the floors above."""
