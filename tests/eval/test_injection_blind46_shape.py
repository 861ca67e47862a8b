"""blind46, the fifty-second wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind45's test),
every hand injection wrapped once, English and other-language injections, the fresh styles (none in the earlier sets'
lists: blind45's test's set plus blind45's fresh ones, which the test re-reads), the agent-transcript carrier on 5 % of
rows at most, no duplicates inside it or with the published sets (``injection_shape.published(46)``, blind45
included), and ``blind46_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The
set is sealed: no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i46a's English hand files as committed (550 hand injections, 38 to 40
in each of the 14 styles, from 20 sources; 663 hand negatives, 618 of them hard, from 20 sources; composed with seed
46050 alone: 2,154 rows, 1,100 injections, 1,054 negatives, 1,009 hard) plus i46b's other-language files at this
test's floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and
360 hand rows, counted here without the composer's extra rows; i46b's brief asks 11 and 13 each, one row of margin).
The English negatives' floors are the hand rows only: which hard negatives the composer wraps a second time depends
on the seeded order over all languages, so the English composed ones change once i46b's rows are in. The other-
language floors (``test_languages_and_distinct_orders``) and the totals that count i46b's rows
(``test_counts_with_the_other_languages``) pass only once i46b's files are merged and the set recomposed; with i46a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i46a's
files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,154, 1,100 and 1,054), 40 rows or more
per fresh style (76 to 80) and 8 sources of 20 rows or more for injections and for negatives; with i46b's brief met
exactly (11 and 13 a language) the set reaches about 3,430 rows (1,933 hand rows at the composer's 56.3 % share),
1,760 injections and 1,670 negatives."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind45_shape import EARLIER_SETS as B45_SETS
from .test_injection_blind45_shape import EARLIER_STYLES as B45_EARLIER
from .test_injection_blind45_shape import FRESH as B45_FRESH

NAME = "blind46"
PUBLISHED = I.published(46)
FRESH = {"birth_certificate_application", "driving_test_booking", "hackathon_rules", "pawn_shop_ticket",
         "roof_inspection_report", "visa_appointment_letter", "choir_rehearsal_schedule", "tenant_noise_complaint",
         "lost_and_found_log", "crowdfunding_campaign_update", "boat_mooring_contract", "blood_donation_reminder",
         "language_exchange_profile", "marathon_race_instructions"}
EARLIER_STYLES = B45_EARLIER | B45_FRESH  # blind45's list and blind45's own fresh styles
EARLIER_SETS = [*B45_SETS, "blind45.jsonl"]
# i46a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1100, 550, 663, 618
# i46a's English files composed alone (seed 46050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2154, 1054, 1009
# every fresh style has 38 hand injections or more in i46a's files, each wrapped once: 76 rows or more
STYLE_FLOOR = 76
# i46a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i46b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind46Shape(I.Blind40Shape):
    """blind46's checks: blind40's layout in ``injection_shape``, on the floors above."""
