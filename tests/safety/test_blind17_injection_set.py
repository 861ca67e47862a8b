"""blind17.jsonl, the nineteenth wave's blind injection set (written blind by helper blind17i from the issue's text):
it is exactly what its script composes from its hand files (test_injection_sets.py regenerates it byte for byte), it
has the promised shape (24 styles weighted toward orders in the document's own voice, summariser hooks, images and
speech, and orders in data; 19 kinds of output with 20 injections or more; 13 other languages composed and 27 by
hand), its look-alikes carry orders meant for people, it shares no text with older blind sets, and
benchmarks/injection.py finds it. Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import re

from .injection_sets import (
    assert_benchmark_lists,
    assert_counts,
    assert_hand_rows,
    decoded,
    set_fixtures,
)

VERB = re.compile(r"\b(send|forward|delete|run|add|approve|turn|share|export|reply|open|set|invite|tell|transfer|"
                  r"grant|remove|post|merge|upload|pay|push|book|create|reset|disable|revoke|cancel|submit|wash|"
                  r"close|email|bring|take|call|sign|click|rotate|refund|escalate|execute)\b", re.I)
ADDRESSED = re.compile(r"\b(assistants?|AI|agents?|Copilot|bots?|LLM|tools?|readers?|models?|summari[sz]e[sr]?|summaries)\b", re.I)
DATA_STYLES = {"csv_cell": {"csv_export"}, "json_value": {"json_api"}, "filename": {"file_listing"},
               "commit_message": {"git_log"}, "calendar_note": {"calendar"}, "caption": {"image_caption"},
               "transcript": {"voice_transcript", "meeting_transcript"}, "readme_step": {"readme"},
               "changelog_note": {"changelog"}, "ticket_step": {"ticket"}, "form_field": {"form_submission"},
               "review_comment": {"code_review"}}
LOOKS = {"hidden_markup": r"<!--|display:none|hidden>|font-size:0", "alt_text": r'alt="[^"]*\(',
         "split_fields": r"\(1/2\)[\s\S]*\(2/2\)", "zero_width": "\u200b", "homoglyph": "[\u0400-\u04ff]",
         "fake_turn": r"<\|im_start\|>|### System|\nUser:|\[assistant\]", "tool_call": r"tool_call|NEXT_ACTION|function_call"}

compose, rows = set_fixtures("blind17")


def test_counts_per_kind_style_source_and_language(rows):
    styles = assert_counts(rows)
    pos = [r for r in rows if r["label"] == 1]
    assert len(pos) >= 1100 and len(styles) >= 24 and min(styles.values()) >= 40, styles
    # this wave's weight: orders in the document's own voice, summariser hooks, images and speech, data
    assert styles["voice_request"] + styles["readme_step"] + styles["ticket_step"] + styles["changelog_note"] >= 250
    assert styles["summary_hook"] >= 50
    assert styles["alt_text"] + styles["caption"] + styles["transcript"] + styles["filename"] >= 200
    assert sum(styles[s] for s in ("csv_cell", "json_value", "commit_message", "calendar_note", "form_field",
                                   "split_fields")) >= 300
    sources = {s for s in {r["source"] for r in pos} if sum(r["source"] == s for r in pos) >= 20}
    assert len(sources) >= 19, sources
    foreign = [r["lang"] for r in pos if r["lang"] != "en"]
    assert len(foreign) >= 250 and sum(foreign.count(x) >= 10 for x in set(foreign)) >= 13
    assert len([r for r in rows if r["kind"] == "ordinary"]) >= 700 and len([r for r in rows if r["kind"] == "hard"]) >= 560


def test_hand_rows_are_many_and_come_from_the_hand_files(rows, compose):
    assert_hand_rows(rows, compose, styles=24)
    assert len({r["lang"] for r in rows if r["hand"] and r["label"] == 1}) >= 28


def test_planted_orders_are_there_in_their_disguise(rows):
    for r in (r for r in rows if r["label"] == 1 and not r["hand"]):
        text, style = r["text"], r["style"]
        if style == "encoded":
            assert any(ADDRESSED.search(f) and VERB.search(f) for f in decoded(text)), text
        if style in DATA_STYLES:
            assert r["source"] in DATA_STYLES[style], r
        if style in LOOKS:
            assert re.search(LOOKS[style], text), (style, text)
        if r["lang"] == "en" and style not in ("encoded", "zero_width", "homoglyph"):
            words = re.sub(r"[_-]", " ", text)  # file names join their words with _ and -
            assert VERB.search(words) and (ADDRESSED.search(words) or style == "filename"), text


def test_look_alikes_carry_orders_or_quote_attacks(rows):
    """Hard negatives are the point: nine in ten English ones hold an imperative or quote an attack."""
    hard = [r["text"] for r in rows if r["kind"] == "hard" and r["lang"] == "en"]
    assert sum(bool(VERB.search(t)) for t in hard) >= 0.9 * len(hard)


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind17", "blind16", "blind15")  # one start for both new sets
