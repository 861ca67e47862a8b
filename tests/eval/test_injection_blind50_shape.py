"""blind50, the sixtieth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once (blind40's check, through blind49's test),
every hand injection wrapped once, English and other-language injections, the fresh styles, the agent-transcript
carrier on 5 % of rows at most, no duplicates inside it or with the published sets, and ``blind50_compose.py``
rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed: no failure message here
prints a row's text (counts only).

blind49 is still sealed while blind50 is written, so this test never reads ``blind49.jsonl``: the published sets it
checks duplicates against are blind48's (``injection_shape.published(49)``), the earlier sets whose styles it re-reads
are blind49's test's (blind48 the last), and blind49's own styles count as earlier through its test's ``FRESH`` list
(which ``check_fresh_styles`` holds that set's styles to). Once blind49 is published, ``PUBLISHED`` and
``EARLIER_SETS`` can take it (``published(50)``, ``blind49.jsonl``).

The fresh styles: the English writer (i50a) wrote the 14 below; the other-language writer (i50b) invents its own
10-14 (its brief), which this file cannot name before they are merged. So ``test_fresh_styles`` holds the English
injections to exactly ``FRESH`` (``STYLE_FLOOR`` rows or more each) and every other-language injection's style to
neither earlier list (``EARLIER_STYLES``, blind49's and blind48's lists and their fresh ones); the common floor of 40
rows per fresh style (``test_shared_styles_and_sources``) is the English ``FRESH``'s.

The floors are what the whole set reaches with i50a's English hand files as committed (532 hand injections, 38 in
each of the 14 styles, from 20 sources; 686 hand negatives, 644 of them hard, from 20 sources; composed with seed
50050 alone: 2,163 rows, 1,064 injections, 1,099 negatives, 1,057 hard) plus i50b's other-language files at this
test's floors for them (30 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and
360 hand rows, counted here without the composer's extra rows; i50b's brief asks 11 and 13 each, one row of margin,
as blind49's). The English negatives' floors are the hand rows only: which hard negatives the composer wraps a second
time depends on the seeded order over all languages, so the English composed ones change once i50b's rows are in.
The other-language floors (``test_languages_and_distinct_orders``) and the totals that count i50b's rows
(``test_counts_with_the_other_languages``) pass only once i50b's files are merged and the set recomposed; with i50a's
files alone those two fail and every other test passes. No shared floor of ``injection_shape`` is missed: i50a's
files alone already reach 2,000 rows, 1,000 injections and 1,000 negatives (2,163, 1,064 and 1,099), 40 rows or more
per fresh style (76 each) and 8 sources of 20 rows or more for injections and for negatives."""

from __future__ import annotations

from collections import Counter

from . import injection_shape as I
from .test_injection_blind49_shape import EARLIER_SETS as B49_SETS
from .test_injection_blind49_shape import EARLIER_STYLES as B49_EARLIER
from .test_injection_blind49_shape import FRESH as B49_FRESH

NAME = "blind50"
PUBLISHED = I.published(49)  # blind48 the last: blind49 is still sealed (see the docstring)
FRESH = {"dry_cleaning_pickup_slip", "aquarium_maintenance_log", "pest_control_service_report",
         "art_class_supply_list", "community_pool_rules", "school_carpool_rota", "bridal_fitting_schedule",
         "chimney_sweep_certificate", "courier_delivery_manifest", "climbing_gym_waiver", "catering_event_quote",
         "print_shop_proof_approval", "kennel_boarding_form", "piano_tuning_report"}
EARLIER_STYLES = B49_EARLIER | B49_FRESH  # blind49's list and blind49's own fresh styles
EARLIER_SETS = list(B49_SETS)  # blind49's test's sets (blind48 the last); blind49.jsonl itself is sealed
# i50a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 1064, 532, 686, 644
# i50a's English files composed alone (seed 50050): rows, negatives, hard
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 2163, 1099, 1057
# every English fresh style has 38 hand injections in i50a's files, each wrapped once: 76 rows
STYLE_FLOOR = 76
# i50a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i50b's files at the least (its brief asks 11 hand injections and 13 hand hard negatives a language)
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind50Shape(I.Blind40Shape):
    """blind50's checks: blind40's layout in ``injection_shape``, on the floors above, the fresh styles split by
    writer (see the docstring)."""

    def test_fresh_styles(self, rows: list[dict]) -> None:
        english = I.Sealed(NAME, (r for r in rows if r["lang"] == "en"))
        I.check_fresh_styles(english, FRESH, EARLIER_STYLES, STYLE_FLOOR)
        other = Counter(r["style"] for r in rows if r["label"] and r["lang"] != "en")
        reused = set(other) & EARLIER_STYLES
        assert not reused, f"{len(reused)} other-language styles used before"
