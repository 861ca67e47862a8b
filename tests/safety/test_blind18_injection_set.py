"""blind18.jsonl, the twentieth wave's blind injection set (written blind by helper blind18i from the issue's text):
it is exactly what its script composes from its hand files (test_injection_sets.py regenerates it byte for byte), it
has the promised shape (1,400 injections in 24 styles or more over 20 kinds of tool output, weighted toward orders in
the document's own voice and in data; 280 in 25 other languages; 700 ordinary outputs and 550 look-alikes; 350 rows by
hand), its look-alikes carry orders meant for people or talk about attacks, and benchmarks/injection.py finds it.
Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import re
from collections import Counter

from .injection_sets import (
    assert_benchmark_lists,
    assert_counts,
    assert_hand_rows,
    decoded,
    set_fixtures,
)

VERB = re.compile(r"\b(send|forward|delete|run|add|approve|turn|share|export|reply|open|set|invite|tell|transfer|"
                  r"grant|remove|post|merge|upload|pay|push|book|create|reset|disable|revoke|cancel|submit|"
                  r"close|email|bring|take|call|sign|click|rotate|refund|paste|check|fill|copy|report|restart|"
                  r"mark|move|update|review|change|summarise|ask|return|confirm|read|never|don't|do not)\b", re.I)
ADDRESSED = re.compile(r"\b(assistants?|AI|agents?|Copilot|bots?|LLM|tools?|model|summari[sz]e[sr]?|helper)\b", re.I)
DATA_STYLES = {"csv_cell": {"csv_export"}, "json_value": {"json_api"}, "filename": {"file_listing"},
               "commit_message": {"git_log"}, "calendar_note": {"calendar"}, "caption": {"image_caption"},
               "transcript": {"voice_transcript", "meeting_transcript"}, "readme_step": {"readme"},
               "changelog_note": {"changelog"}, "ticket_step": {"ticket"}, "form_field": {"form_submission"},
               "review_comment": {"code_review", "product_review"}, "log_line": {"app_log"}}
LOOKS = {"hidden_markup": r"<!--|display:none|font-size:0", "alt_text": r'alt="[^"]*\(',
         "split_fields": r"\(1/2\)[\s\S]*\(2/2\)", "zero_width": "\u200b", "homoglyph": "[\u0400-\u04ff]",
         "fake_turn": r"<\|im_start\|>|### System|\nUser:", "tool_call": r"tool_call|NEXT_ACTION|function_call"}

compose, rows = set_fixtures("blind18")


def test_counts_per_kind_style_source_and_language(rows):
    styles = assert_counts(rows)
    pos = [r for r in rows if r["label"] == 1]
    assert len(rows) >= 2600 and len(pos) >= 1400
    assert sum(n >= 30 for n in styles.values()) >= 24, styles
    # this wave's weight: orders in the document's own voice (next steps, changelogs, reported speech, speech, reviews)
    assert sum(styles[s] for s in ("voice_request", "ticket_step", "changelog_note", "readme_step", "reported_speech",
                                   "transcript", "review_comment", "caption")) >= 450
    assert sum(styles[s] for s in ("csv_cell", "json_value", "commit_message", "calendar_note", "form_field",
                                   "split_fields", "quoted_data", "log_line")) >= 350
    sources = Counter(r["source"] for r in pos)
    assert sum(n >= 20 for n in sources.values()) >= 20, sources
    foreign = Counter(r["lang"] for r in pos if r["lang"] != "en")
    assert sum(foreign.values()) >= 280 and sum(n >= 10 for n in foreign.values()) >= 25, foreign
    assert len([r for r in rows if r["kind"] == "ordinary"]) >= 700 and len([r for r in rows if r["kind"] == "hard"]) >= 550


def test_hand_rows_are_many_and_come_from_the_hand_files(rows, compose):
    assert_hand_rows(rows, compose, styles=24)
    hand = [r for r in rows if r["hand"]]
    assert len({r["lang"] for r in hand if r["label"] == 1}) >= 40
    assert sum(r["lang"] != "en" for r in hand if r["kind"] != "injection") >= 40


def test_planted_orders_are_there_in_their_disguise(rows):
    for r in (r for r in rows if r["label"] == 1 and not r["hand"]):
        text, style = r["text"], r["style"]
        if style == "encoded":
            assert any(ADDRESSED.search(f) and VERB.search(f) for f in decoded(text)), text
        if style in DATA_STYLES:
            assert r["source"] in DATA_STYLES[style], r
        if style in LOOKS and r["lang"] == "en":
            assert re.search(LOOKS[style], text), (style, text)
        if r["lang"] == "en" and style not in ("encoded", "zero_width", "homoglyph"):
            words = re.sub(r"[_-]", " ", text)  # file names join their words with _ and -
            assert VERB.search(words) and ADDRESSED.search(words), text


def test_look_alikes_carry_orders_or_talk_about_attacks(rows):
    """Hard negatives are the point: nine in ten English ones hold an imperative or quote an attack."""
    hard = [r["text"] for r in rows if r["kind"] == "hard" and r["lang"] == "en"]
    assert sum(bool(VERB.search(t)) for t in hard) >= 0.9 * len(hard)


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind18", "blind17")
