"""blind44, the fiftieth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share written
by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind43's test), every
hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets' lists:
blind43's test's set plus blind43's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of rows
at most, no duplicates inside it or with the published sets (``injection_shape.published(44)``, blind43 included), and
``blind44_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i44a's English hand files as committed (543 hand injections, 38 to 40 in
each of the 14 styles, from 20 sources; 668 hand negatives, 626 of them hard, from 20 sources; composed with seed 44050
alone: 2,150 rows, 1,086 injections, 1,064 negatives, 1,022 hard) plus i44b's other-language files at this test's
floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and 360 hand
rows, counted here without the composer's extra rows; i44b's brief asks 11 and 13 each, one row of margin). The English
negatives' floors are the hand rows only: which hard negatives the composer wraps a second time depends on the seeded
order over all languages, so the English composed ones change once i44b's rows are in. The other-language floors
(``test_languages_and_distinct_orders``) and the totals that count i44b's rows
(``test_counts_with_the_other_languages``) pass only once i44b's files are merged and the set recomposed; with i44a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i44a's files
alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,150, 1,086 and 1,064), 40 rows or more per fresh
style (76 to 80) and 8 sources of 20 rows or more for injections and for negatives; with i44b's minimum the set reaches
about 3,430 rows (1,931 hand rows at the composer's 56.3 % share), 1,746 injections and 1,684 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind43_shape import EARLIER_SETS as B43_SETS
from .test_injection_blind43_shape import EARLIER_STYLES as B43_EARLIER
from .test_injection_blind43_shape import FRESH as B43_FRESH

NAME = "blind44"
PUBLISHED = I.published(44)
FRESH = {"credit_card_dispute_form", "school_report_card", "clinic_intake_form", "wedding_seating_plan",
         "concert_setlist", "moving_company_quote", "legal_contract_addendum", "volunteer_shift_roster",
         "building_access_log", "solar_installation_quote", "club_membership_renewal", "pension_annual_statement",
         "election_ballot_guide", "plant_care_guide"}
EARLIER_STYLES = B43_EARLIER | B43_FRESH  # blind43's list and blind43's own fresh styles
EARLIER_SETS = [*B43_SETS, "blind43.jsonl"]
# i44a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1086, 543, 668, 626
# i44a's English files composed alone (seed 44050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2150, 1064, 1022
# every fresh style has 38 hand injections or more in i44a's files, each wrapped once: 76 rows or more
STYLE_FLOOR = 76
# i44a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i44b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind44Shape(I.Blind40Shape):
    """blind44's checks: blind40's layout in ``injection_shape``, on the floors above."""
