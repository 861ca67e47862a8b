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

from . import injection_shape as I
from .test_injection_blind41_shape import EARLIER_SETS as B41_SETS
from .test_injection_blind41_shape import EARLIER_STYLES as B41_EARLIER
from .test_injection_blind41_shape import FRESH as B41_FRESH

NAME = "blind42"
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


class TestBlind42Shape(I.Blind40Shape):
    """blind42's checks: blind40's layout in ``injection_shape``, on the floors above."""
