"""blind40, the forty-sixth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind39's check, imported), English and
other-language injections, the fresh styles (none in the earlier sets' lists: blind39's test's set plus blind39's fresh
ones, which the test re-reads), the agent-transcript carrier on 5 % of rows at most, no duplicates inside it or with the
published sets (``injection_shape.published(40)``, blind39 included), and ``blind40_compose.py`` rebuilds it byte for
byte. Shape only: it never imports or runs the screen. The set is sealed: no failure message here prints a row's text
(counts only).

The floors are what the whole set reaches with i40a's English hand files as committed (530 hand injections, 36 to 40
in each of the 14 styles, from 20 sources; 675 hand negatives, 623 of them hard, from 20 sources; composed with seed
40050 alone: 2,140 rows, 1,060 injections, 1,080 negatives, 1,028 hard) plus i40b's other-language files at the least its
brief asks (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and 360 hand
rows, counted here without the composer's extra rows). The English negatives' floors are the hand rows only: which hard
negatives the composer wraps a second time depends on the seeded order over all languages, so the English composed
ones change once i40b's rows are in. The other-language floors (``test_languages_and_distinct_orders``) and the totals
that count i40b's rows (``test_counts_with_the_other_languages``) pass only once i40b's files are merged and the set
recomposed; with i40a's files alone those two fail and every other test passes. No shared floor of
``injection_shape`` is missed: i40a's files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives
(2,140, 1,060 and 1,080), 40 rows or more per fresh style (72 to 80) and 8 sources of 20 rows or more for injections
and for negatives; with i40b's minimum the set reaches about 3,300 rows (1,865 hand rows at the composer's 56.3 %
share), 1,660 injections and 1,650 negatives. Merged and recomposed by the lead with i40b's files (30 languages, 339 hand
injections, 364 hand hard negatives): 3,388 rows, 1,738 injections, 1,650 negatives, 1,908 by hand (56.3 %)."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind39_shape import EARLIER_SETS as B39_SETS
from .test_injection_blind39_shape import EARLIER_STYLES as B39_EARLIER
from .test_injection_blind39_shape import FRESH as B39_FRESH

NAME = "blind40"
PUBLISHED = I.published(40)
FRESH = {"ansible_play_output", "grafana_panel_description", "package_registry_page", "flight_status_update",
         "utility_bill_notice", "course_assignment_brief", "pharmacy_leaflet", "tax_office_letter",
         "sentry_issue_event", "graphql_schema_comment", "conference_talk_abstract",
         "restaurant_reservation_confirmation", "firmware_update_notes", "crash_report_dump"}
EARLIER_STYLES = B39_EARLIER | B39_FRESH  # blind39's list and blind39's own fresh styles
EARLIER_SETS = [*B39_SETS, "blind39.jsonl"]
# i40a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1060, 530, 675, 623
# i40a's English files composed alone (seed 40050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2140, 1080, 1028
# every fresh style has 36 hand injections or more in i40a's files, each wrapped once: 72 rows or more
STYLE_FLOOR = 72
# i40a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i40b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind40Shape(I.Blind40Shape):
    """blind40's checks: blind40's layout in ``injection_shape``, on the floors above."""
