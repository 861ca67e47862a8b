"""blind39, the forty-fifth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once, English and other-language injections,
the fresh styles (none in the earlier sets' lists: blind38's test's set plus blind38's fresh ones, which the test
re-reads), the agent-transcript carrier on 5 % of rows at most, no duplicates inside it or with the published sets, and
``blind39_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i39a's English hand files as committed (410 hand injections, 28 to 31
in each of the 14 styles, from 20 sources; 569 hand negatives, 529 of them hard, from 20 sources; composed with seed
39050 alone: 1,738 rows, 820 injections, 918 negatives, 878 hard) plus i39b's other-language files at the least its
brief asks (24 languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 240 and 288 hand
rows, counted here without the composer's extra rows). The English negatives' floors are the hand rows only: which
hard negatives the composer wraps a second time depends on the seeded order over all languages, so the English
composed ones change once i39b's rows are in. The other-language floors, the totals that count i39b's rows and the
shared 2,000 rows, 1,000 injections and 1,000 negatives of ``injection_shape`` pass only once i39b's files are merged
and the set recomposed. With i39b's minimum the set reaches about 2,680 rows, 1,300 injections and 1,376 negatives
(1,507 hand rows at the composer's 56.3 % share), so no shared floor is missed then; with i39a's files alone those
three shared counts fail (1,738 rows, 820 injections, 918 negatives). With i39a's files alone the shared styles' and
sources' floors hold (56 or more rows per fresh style, every hand injection wrapped once). Merged and recomposed by
the lead with i39b's files (30 languages, 376 hand injections, 425 hand hard negatives): 3,214 rows, 1,572 injections,
1,642 negatives; one short hand negative (a permission dialog) has every line inside another hand row (the log that
quotes it), so it is found in two carriers and is not counted against "wrapped at most once"."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind38_shape import EARLIER_SETS as B38_SETS
from .test_injection_blind38_shape import EARLIER_STYLES as B38_EARLIER
from .test_injection_blind38_shape import FRESH as B38_FRESH

NAME = "blind39"
PUBLISHED = I.published(39)
FRESH = {"helm_release_notes", "terraform_plan_output", "browser_console_message", "appointment_reminder",
         "loyalty_points_statement", "warranty_claim_response", "man_page_section", "systemd_unit_description",
         "real_estate_listing", "cover_letter_paragraph", "data_dictionary_entry", "ssh_login_banner",
         "bibtex_entry_field", "app_permission_rationale"}
EARLIER_STYLES = B38_EARLIER | B38_FRESH  # blind38's list and blind38's own fresh styles
EARLIER_SETS = [*B38_SETS, "blind38.jsonl"]
# i39a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 820, 410, 569, 529
# i39a's English files composed alone (seed 39050): rows, negatives, hard (for the docstring's record; not floors)
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 1738, 918, 878
# every fresh style has 28 hand injections or more in i39a's files, each wrapped once: 56 rows or more
STYLE_FLOOR = 56
# i39a's files: hand injections and hand negatives each come from 20 sources
EN_HAND_SOURCES = 20
# i39b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 24, 10, 7, 12


class TestBlind39Shape(I.Blind39Shape):
    """blind39's checks: blind39's layout in ``injection_shape``, on the floors above."""
