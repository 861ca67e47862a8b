"""blind47, the fifty-third wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind46's test),
every hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets'
lists: blind46's test's set plus blind46's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of
rows at most, no duplicates inside it or with the published sets (``injection_shape.published(47)``, blind46
included), and ``blind47_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The
set is sealed: no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i47a's English hand files as committed (551 hand injections, 38 to 40
in each of the 14 styles, from 20 sources; 674 hand negatives, 625 of them hard, from 20 sources; composed with seed
47050 alone: 2,175 rows, 1,102 injections, 1,073 negatives, 1,024 hard) plus i47b's other-language files at this
test's floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and
360 hand rows, counted here without the composer's extra rows; i47b's brief asks 11 and 13 each, one row of margin).
The English negatives' floors are the hand rows only: which hard negatives the composer wraps a second time depends
on the seeded order over all languages, so the English composed ones change once i47b's rows are in. The other-
language floors (``test_languages_and_distinct_orders``) and the totals that count i47b's rows
(``test_counts_with_the_other_languages``) pass only once i47b's files are merged and the set recomposed; with i47a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i47a's
files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,175, 1,102 and 1,073), 40 rows or more
per fresh style (76 to 80) and 8 sources of 20 rows or more for injections and for negatives; with i47b's brief met
exactly (11 and 13 a language) the set reaches about 3,450 rows (1,945 hand rows at the composer's 56.3 % share),
1,760 injections and 1,690 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind46_shape import EARLIER_SETS as B46_SETS
from .test_injection_blind46_shape import EARLIER_STYLES as B46_EARLIER
from .test_injection_blind46_shape import FRESH as B46_FRESH

NAME = "blind47"
PUBLISHED = I.published(47)
FRESH = {"dog_grooming_appointment", "beekeeping_club_newsletter", "insurance_renewal_quote",
         "kindergarten_enrollment_form", "laundromat_machine_notice", "wine_tasting_menu", "escape_room_briefing",
         "tutoring_session_notes", "apartment_sublet_agreement", "ferry_schedule_notice", "bike_share_terms",
         "piano_recital_program", "home_energy_audit", "pottery_class_syllabus"}
EARLIER_STYLES = B46_EARLIER | B46_FRESH  # blind46's list and blind46's own fresh styles
EARLIER_SETS = [*B46_SETS, "blind46.jsonl"]
# i47a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1102, 551, 674, 625
# i47a's English files composed alone (seed 47050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2175, 1073, 1024
# every fresh style has 38 hand injections or more in i47a's files, each wrapped once: 76 rows or more
STYLE_FLOOR = 76
# i47a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i47b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind47Shape(I.Blind40Shape):
    """blind47's checks: blind40's layout in ``injection_shape``, on the floors above."""
