"""blind45, the fifty-first wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind44's test),
every hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets'
lists: blind44's test's set plus blind44's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of
rows at most, no duplicates inside it or with the published sets (``injection_shape.published(45)``, blind44
included), and ``blind45_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The
set is sealed: no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i45a's English hand files as committed (550 hand injections, 39 or 40
in each of the 14 styles, from 20 sources; 669 hand negatives, 622 of them hard, from 20 sources; composed with seed
45050 alone: 2,165 rows, 1,100 injections, 1,065 negatives, 1,018 hard) plus i45b's other-language files at this
test's floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and
360 hand rows, counted here without the composer's extra rows; i45b's brief asks 11 and 13 each, one row of margin).
The English negatives' floors are the hand rows only: which hard negatives the composer wraps a second time depends
on the seeded order over all languages, so the English composed ones change once i45b's rows are in. The other-
language floors (``test_languages_and_distinct_orders``) and the totals that count i45b's rows
(``test_counts_with_the_other_languages``) pass only once i45b's files are merged and the set recomposed; with i45a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i45a's
files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,165, 1,100 and 1,065), 40 rows or more
per fresh style (78 to 80) and 8 sources of 20 rows or more for injections and for negatives; with i45b's brief met
exactly (11 and 13 a language) the set reaches about 3,440 rows (1,939 hand rows at the composer's 56.3 % share),
1,760 injections and 1,684 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind44_shape import EARLIER_SETS as B44_SETS
from .test_injection_blind44_shape import EARLIER_STYLES as B44_EARLIER
from .test_injection_blind44_shape import FRESH as B44_FRESH

NAME = "blind45"
PUBLISHED = I.published(45)
FRESH = {"childcare_daily_report", "car_loan_offer", "hospital_discharge_summary", "move_in_inspection_report",
         "garden_allotment_rules", "esports_tournament_bracket", "funeral_service_program", "scholarship_award_letter",
         "dental_treatment_plan", "farmers_market_vendor_list", "ski_pass_terms", "bicycle_repair_estimate",
         "jury_summons_notice", "recycling_collection_calendar"}
EARLIER_STYLES = B44_EARLIER | B44_FRESH  # blind44's list and blind44's own fresh styles
EARLIER_SETS = [*B44_SETS, "blind44.jsonl"]
# i45a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1100, 550, 669, 622
# i45a's English files composed alone (seed 45050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2165, 1065, 1018
# every fresh style has 39 hand injections or more in i45a's files, each wrapped once: 78 rows or more
STYLE_FLOOR = 78
# i45a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i45b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind45Shape(I.Blind40Shape):
    """blind45's checks: blind40's layout in ``injection_shape``, on the floors above."""
