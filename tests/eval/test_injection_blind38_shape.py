"""blind38, the forty-fourth wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once, English and other-language injections,
the fresh styles (none in the earlier sets' lists: blind37's test's set plus blind37's fresh ones, which the test
re-reads), the agent-transcript carrier on 5 % of rows at most, no duplicates inside it or with the published sets, and
``blind38_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i38a's English hand files as committed (307 hand injections, 21 to 23
in each of the 14 styles, from 20 sources; 466 hand negatives, 414 of them hard; composed with seed 38040 alone: 1,373
rows, 614 injections, 759 negatives, 707 hard) plus i38b's other-language files at the least its brief asks (30
languages, 10 hand injections in 7 styles or more and 12 hand hard negatives each: 300 and 360 hand rows, counted here
without the composer's extra rows). The English negatives' floors are the hand rows only: which hard negatives the
composer wraps a second time depends on the seeded order over all languages, so the English composed ones change once
i38b's rows are in. The other-language floors, the totals that count i38b's rows and the shared 2,000 rows and 1,000
negatives of ``injection_shape`` pass only once i38b's files are merged and the set recomposed (with i38b's minimum the
set reaches about 2,500 rows, 1,214 injections and 1,300 negatives, so no shared floor is missed then). With i38a's
files alone the shared styles' and sources' floors hold (42 or more rows per fresh style, every hand injection wrapped
once)."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind37_shape import EARLIER_SETS as B37_SETS
from .test_injection_blind37_shape import EARLIER_STYLES as B37_EARLIER
from .test_injection_blind37_shape import FRESH as B37_FRESH

NAME = "blind38"
PUBLISHED = I.published(38)
FRESH = {"alert_rule_annotation", "k8s_event_message", "unsubscribe_footer", "product_spec_sheet", "rss_feed_item",
         "coupon_terms", "chat_widget_greeting", "svg_metadata", "query_result_row", "pdf_form_field",
         "route_instruction", "ci_job_annotation", "gift_message", "dependency_advisory"}
EARLIER_STYLES = B37_EARLIER | B37_FRESH  # blind37's list and blind37's own fresh styles
EARLIER_SETS = [*B37_SETS, "blind37.jsonl"]
# i38a's English files as committed: composed injections (hand + one carrier each), hand injections, hand negatives
EN_INJ, EN_HAND_INJ, EN_HAND_NEG, EN_HAND_HARD = 614, 307, 466, 414
# i38a's English files composed alone (seed 38040): rows, negatives, hard (for the docstring's record; not floors)
EN_ALONE_ROWS, EN_ALONE_NEG, EN_ALONE_HARD = 1373, 759, 707
# every fresh style has 21 hand injections or more in i38a's files, each wrapped once: 42 rows or more
STYLE_FLOOR = 42
# i38b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 10, 7, 12


class TestBlind38Shape(I.Blind38Shape):
    """blind38's checks: blind38's layout in ``injection_shape``, on the floors above."""
