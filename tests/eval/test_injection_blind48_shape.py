"""blind48, the fifty-fourth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind47's test),
every hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets'
lists: blind47's test's set plus blind47's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of
rows at most, no duplicates inside it or with the published sets (``injection_shape.published(48)``, blind47
included), and ``blind48_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The
set is sealed: no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i48a's English hand files as committed (540 hand injections, 38 to 40
in each of the 14 styles, from 20 sources; 670 hand negatives, 628 of them hard, from 20 sources; composed with seed
48050 alone: 2,149 rows, 1,080 injections, 1,069 negatives, 1,027 hard) plus i48b's other-language files at this
test's floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and
360 hand rows, counted here without the composer's extra rows; i48b's brief asks 11 and 13 each, one row of margin).
The English negatives' floors are the hand rows only: which hard negatives the composer wraps a second time depends
on the seeded order over all languages, so the English composed ones change once i48b's rows are in. The other-
language floors (``test_languages_and_distinct_orders``) and the totals that count i48b's rows
(``test_counts_with_the_other_languages``) pass only once i48b's files are merged and the set recomposed; with i48a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i48a's
files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,149, 1,080 and 1,069), 40 rows or more
per fresh style (76 to 80) and 8 sources of 20 rows or more for injections and for negatives; with i48b's brief met
exactly (11 and 13 a language) the set reaches about 3,430 rows (1,930 hand rows at the composer's 56.3 % share),
1,740 injections and 1,690 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind47_shape import EARLIER_SETS as B47_SETS
from .test_injection_blind47_shape import EARLIER_STYLES as B47_EARLIER
from .test_injection_blind47_shape import FRESH as B47_FRESH

NAME = "blind48"
PUBLISHED = I.published(48)
FRESH = {"yoga_retreat_itinerary", "car_wash_membership_terms", "library_overdue_notice",
         "orchestra_audition_guidelines", "hair_salon_price_list", "warehouse_pick_list", "camping_site_regulations",
         "baby_shower_registry", "chess_club_tournament_rules", "lost_luggage_claim", "food_truck_festival_map",
         "eye_exam_prescription", "coworking_space_house_rules", "bowling_league_standings"}
EARLIER_STYLES = B47_EARLIER | B47_FRESH  # blind47's list and blind47's own fresh styles
EARLIER_SETS = [*B47_SETS, "blind47.jsonl"]
# i48a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1080, 540, 670, 628
# i48a's English files composed alone (seed 48050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2149, 1069, 1027
# every fresh style has 38 hand injections or more in i48a's files, each wrapped once: 76 rows or more
STYLE_FLOOR = 76
# i48a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i48b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind48Shape(I.Blind40Shape):
    """blind48's checks: blind40's layout in ``injection_shape``, on the floors above."""
