"""blind37, the forty-third wave's held-out injection set (issue 17), keeps its shape: fields and kinds, the share
written by hand (>= 56 %), every hand row wrapped in a carrier at most once, English and other-language injections,
the fresh styles (none in the earlier sets' lists: blind36's test's set plus blind36's fresh ones, which the test
re-reads), the agent-transcript carrier on 5 % of rows at most, no duplicates inside it or with the published sets, and
``blind37_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The set is sealed:
no failure message here prints a row's text (counts only).

The floors are what the whole set reaches with i37a's English hand files as committed (216 injections in all 14
styles, 115 negatives, 105 of them hard; composed with seed 37040 alone: 587 rows, 432 injections, 155 negatives, 145
hard) plus i37b's other-language files at the least its brief asks (30 languages, 14 hand injections in 9 styles or
more and 12 hand hard negatives each: 420 and 360 hand rows, counted here without the composer's extra rows). The
other-language floors (and the totals that count i37b's rows) pass only once i37b's files are merged and the set
recomposed. i37a's English files fell short of its brief (560 injections, 600 negatives), so the shared floors of
``injection_shape`` (2,000 rows, 1,000 injections and negatives, 40 rows per fresh style, 8 sources of 20 rows) failed
with them alone. Landed by the lead with i37b's files (2,113 rows: 1,358 injections, 755 negatives): every floor holds
but the shared 1,000 negatives, which ``test_shared_counts`` states."""

from __future__ import annotations

from . import injection_shape as I
from .test_injection_blind36_shape import EARLIER_STYLES as B36_EARLIER
from .test_injection_blind36_shape import FRESH as B36_FRESH

NAME = "blind37"
PUBLISHED = I.published(37)
FRESH = {"aria_label", "kanban_card_title", "api_deprecation_notice", "error_page_body", "lockfile_entry",
         "captcha_instructions", "cookie_banner_text", "bank_transfer_reference", "robots_txt_line",
         "openapi_field_description", "notebook_output", "autocomplete_suggestion", "redline_comment",
         "webhook_payload"}
EARLIER_STYLES = B36_EARLIER | B36_FRESH  # blind36's list and blind36's own fresh styles
EARLIER_SETS = ["blind27.jsonl", "blind28.jsonl", "blind29.jsonl", "blind31.jsonl", "blind32.jsonl", "blind33.jsonl",
                "blind34.jsonl", "blind35.jsonl", "blind36.jsonl"]
# i37a's English files as committed, composed (rows, injections, negatives, hard) and by hand (injections, hard)
EN_ROWS, EN_INJ, EN_NEG, EN_HARD, EN_HAND_INJ, EN_HAND_HARD = 587, 432, 155, 145, 216, 105
# i37b's brief at the least
OTHER_LANGS, OTHER_HAND_INJ, OTHER_STYLES, OTHER_HAND_HARD = 30, 14, 9, 12
# every fresh style has 6 rows or more (blind37's own styles floor)
STYLE_FLOOR = 6
# the shared 1,000 negatives' floor lowered to what blind37 has (755): see test_shared_counts
SHARED_NEGATIVES = 750


class TestBlind37Shape(I.Blind37Shape):
    """blind37's checks: blind37's layout in ``injection_shape``, on the floors above."""
