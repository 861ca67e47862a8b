"""blind36, the fortieth wave's held-out injection set (issue 17), keeps its shape: counts (3,150 rows or more,
1,800 injections, 1,350 negatives of which 1,300 hard), fields, the share written by hand (>= 56 %), every hand row
wrapped in a carrier at most once, English (1,000 or more) and other-language injections (30 other languages or more,
each with 13 distinct hand-written orders or more in 9 styles or more, and 11 hand-written hard negatives or more), the
fresh styles (none in blind27's, blind28's, blind29's, blind31's, blind32's, blind33's, blind34's or blind35's lists,
which the test re-reads), 14 sources or more, the agent-transcript carrier on 5 % of rows at most, no duplicates inside
it or with the published sets, and ``blind36_compose.py`` rebuilds it byte for byte. Shape only: it never imports or
runs the screen. The checks the sets share are in ``injection_shape``.

The floors are what the whole set reaches with both writers' hand files: i36a's English ones (514 injections, 564
negatives, 512 of them hard) and i36b's other-language ones at the least its brief asks (30 languages, 13 orders in 9
styles and 11 hard negatives each), composed with seed 36040 (3,193 rows, 1,808 injections, 1,385 negatives, 1,333
hard, 1,028 English injections, 509 other-language negatives). With the English files alone the counts and the
other-language floors fail; they pass once i36b's files are merged and the set recomposed."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from . import injection_shape as I

PUBLISHED = I.published(36)
FRESH = {"git_blame_line", "data_validation_message", "license_header", "qr_code_payload", "score_ticker",
         "weather_alert", "tracking_event", "extension_description", "transcript_timestamp", "room_booking_note",
         "lyrics_line", "barcode_label", "library_catalog_record", "iot_sensor_log"}
EARLIER_STYLES = {"direct_override", "code_comment", "form_placeholder", "third_person", "fake_system", "buried_middle",
                  "commit_message", "formula_comment", "checklist_item", "subtitle_line", "split_order", "roleplay_game",
                  "fake_tool_result", "structured_value", "markdown_link_alt", "signature_autoreply",
                  "user_already_agreed", "summarise_then_send", "table_cell", "translation_request", "note_to_agents",
                  "error_trace", "path_name", "commit_trailer", "quoted_reply_chain", "encoded_order", "hidden_html",
                  "lookalike_chars", "split_tool_results", "image_ocr", "calendar_location", "review_comment",
                  "install_message", "compliance_audit", "fake_transcript", "answer_to_question", "chat_log_user",
                  "poem_refrain", "word_redefinition", "cell_note",
                  "footnote_citation", "changelog_entry", "password_reset", "csv_header", "fake_error_fix",
                  "docstring_order", "survey_answer", "shipping_note", "sms_message", "cv_reviewer_note",
                  "question_form", "continuation_turn", "test_expectation",
                  "alt_text_order", "fake_tool_call", "pr_checkbox", "rsvp_note", "front_matter_key",
                  "translation_memory", "dockerfile_label", "sticky_note", "voicemail_transcript", "readme_ai_section",
                  "operator_handoff", "two_field_order", "identifier_order", "minutes_action_item", "invoice_memo",
                  "out_of_office_delegate", "package_script", "recipe_step", "ticket_macro", "bookmark_title",
                  "env_example_comment", "disclaimer_clause", "patch_note", "receipt_footer", "map_place_review",
                  "crossword_clue", "job_posting_step", "sql_comment", "podcast_show_notes",
                  "slide_speaker_notes", "tooltip_text", "search_result_snippet", "http_header_value", "dns_txt_record",
                  "exif_metadata", "vcard_note", "wiki_edit_summary", "crontab_comment", "chart_axis_label",
                  "menu_item_description", "itinerary_remark", "push_notification", "video_chapter_marker"}
EARLIER_SETS = ["blind27.jsonl", "blind28.jsonl", "blind29.jsonl", "blind31.jsonl", "blind32.jsonl", "blind33.jsonl",
               "blind34.jsonl", "blind35.jsonl"]


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return I.load("blind36.jsonl")


def test_counts_and_fields(rows: list[dict]) -> None:
    kinds = I.check_counts_and_fields(rows)
    # these floors count i36b's other-language rows too: they pass only with i36b's files merged
    assert len(rows) >= 3150
    assert kinds["injection"] >= 1800
    assert kinds["hard"] + kinds["ordinary"] >= 1350
    assert kinds["hard"] >= 1300


def test_by_hand_share(rows: list[dict]) -> None:
    assert sum(r["hand"] for r in rows) >= 0.56 * len(rows)


def test_each_hand_row_in_one_carrier_at_most(rows: list[dict]) -> None:
    hand = [r for r in rows if r["hand"]]
    composed = [I.norm(r["text"]) for r in rows if not r["hand"]]
    assert len(composed) <= len(hand)
    found = 0
    for r in hand:
        lines = [I.norm(line) for line in r["text"].split("\n") if I.norm(line)]
        if len(I.norm(r["text"])) < 25:
            continue
        n = sum(all(line in c for line in lines) for c in composed)
        assert n <= 1, r["text"]
        found += n
    assert found >= 0.8 * len(composed)


def test_languages_and_distinct_orders(rows: list[dict]) -> None:
    assert all(re.fullmatch(r"[a-z]{2}", r["lang"]) for r in rows)
    assert sum(r["label"] and r["lang"] == "en" for r in rows) >= 1000
    # from here on the floors are i36b's (other-language hand files): they pass only with i36b's files merged
    other = {r["lang"] for r in rows if r["label"]} - {"en"}
    assert len(other) >= 30
    hand_orders = {lang: {I.norm(r["text"]) for r in rows if r["label"] and r["hand"] and r["lang"] == lang}
                   for lang in other}
    assert all(len(texts) >= 13 for texts in hand_orders.values())
    styles_per_lang = {lang: {r["style"] for r in rows if r["label"] and r["hand"] and r["lang"] == lang}
                       for lang in other}
    assert all(len(s) >= 9 for s in styles_per_lang.values())
    assert sum(1 - r["label"] for r in rows if r["lang"] != "en") >= 500
    hard_hand = {lang: {I.norm(r["text"]) for r in rows if r["kind"] == "hard" and r["hand"] and r["lang"] == lang}
                 for lang in other}
    assert all(len(texts) >= 11 for texts in hard_hand.values())


def test_styles_and_sources(rows: list[dict]) -> None:
    I.check_styles_and_sources(rows, FRESH)
    styles = Counter(r["style"] for r in rows if r["label"])
    assert len(styles) >= 12
    assert sum(n >= 40 for n in styles.values()) >= 12
    assert len(set(styles) - EARLIER_STYLES) >= 12
    assert not FRESH & EARLIER_STYLES
    assert set(styles) == FRESH
    assert len({r["source"] for r in rows}) >= 14


def test_earlier_styles_cover_the_earlier_sets() -> None:
    earlier = {r["style"] for name in EARLIER_SETS for r in I.load(name)} - {"benign"}
    assert earlier <= EARLIER_STYLES


def test_agent_transcript_carrier_is_rare(rows: list[dict]) -> None:
    assert sum(r["source"] == "agent_transcript" for r in rows) <= 0.05 * len(rows)
    negatives = [r for r in rows if not r["label"]]
    assert sum(r["source"] == "agent_transcript" for r in negatives) <= 0.05 * len(negatives)


def test_no_duplicates_inside_or_with_published_sets(rows: list[dict]) -> None:
    I.check_no_duplicates(rows, PUBLISHED)


def test_compose_rebuilds_the_file() -> None:
    I.check_compose_rebuilds("blind36")
