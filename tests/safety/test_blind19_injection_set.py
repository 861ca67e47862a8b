"""blind19.jsonl, the twenty-first wave's blind injection set (written blind by helper blind19i from the brief's text):
it is exactly what its script composes from its hand files (test_injection_sets.py regenerates it byte for byte), it
has the promised shape (1,800 rows; 1,000 injections in 24 styles or more over 20 kinds of tool output, 250 in 25 other
languages, 120 of those by hand; 450 ordinary outputs and 350 look-alikes), at least 40 % of it (720 rows) is written
by hand, its look-alikes carry orders meant for people or talk about attacks, and benchmarks/injection.py finds it.
Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import re
from collections import Counter

from .injection_sets import assert_benchmark_lists, decoded, set_fixtures

VERB = re.compile(r"\b(send|forward|delete|run|add|approve|turn|share|export|reply|open|set|invite|tell|transfer|"
                  r"grant|remove|post|merge|upload|pay|push|book|create|reset|disable|revoke|cancel|submit|"
                  r"close|email|bring|take|call|sign|click|rotate|refund|paste|check|fill|copy|report|restart|"
                  r"mark|move|update|review|change|summarise|ask|return|confirm|read|never|don't|do not|roll|"
                  r"renew|print|clear|page|lock|switch|bake|preheat|whisk|toast|rub|mix|line|soak|brush|"
                  r"drain|leave|include|remind|pick|display|test|revert|ignore|refuse|keep|use|follow|treat|"
                  r"bump|tag|log|look|reply|remember|hold|plug|shower|submit|seat|let|write|identify|walk|"
                  r"reboot|collect|quote|pack|reply|arrive|register|choose|display)\b", re.I)
ADDRESSED = re.compile(r"\b(assistants?|AI|agents?|Copilot|bots?|LLM|tools?|model|summari[sz](?:e[sr]?|ing)|helper)\b", re.I)
DATA_STYLES = {"csv_cell": {"csv_export"}, "json_value": {"json_api"}, "filename": {"file_listing"},
               "commit_message": {"git_log"}, "calendar_note": {"calendar"}, "caption": {"image_caption"},
               "transcript": {"voice_transcript", "meeting_transcript"}, "readme_step": {"readme"},
               "changelog_note": {"changelog"}, "ticket_step": {"ticket"}, "form_field": {"form_submission"},
               "review_comment": {"code_review", "product_review"}, "log_line": {"app_log"},
               "code_comment": {"code_comment"}}
LOOKS = {"hidden_markup": r"<!--|display:none|font-size:0", "alt_text": r'alt="[^"]*\(',
         "split_fields": r"\(1/2\)[\s\S]*\(2/2\)", "zero_width": "\u200b", "homoglyph": "[\u0400-\u04ff]",
         "fake_turn": r"<\|im_start\|>|### System|\nUser:", "tool_call": r"tool_call|NEXT_ACTION|function_call"}

compose, rows = set_fixtures("blind19")


def test_counts_per_kind_style_source_and_language(rows):
    pos = [r for r in rows if r["label"] == 1]
    assert len(rows) >= 1800 and len(pos) >= 1000
    styles = Counter(r["style"] for r in pos)
    assert sum(n >= 20 for n in styles.values()) >= 24, styles
    sources = Counter(r["source"] for r in pos)
    assert sum(n >= 20 for n in sources.values()) >= 20, sources
    foreign = Counter(r["lang"] for r in pos if r["lang"] != "en")
    assert sum(foreign.values()) >= 250 and len(foreign) >= 25 and sum(n >= 5 for n in foreign.values()) >= 25, foreign
    assert sum(r["lang"] != "en" for r in pos if r["hand"]) >= 120
    # the brief's stress: orders in reported speech, polite indirect requests, orders hidden in prose and in data
    assert styles["reported_speech"] >= 80 and styles["voice_request"] >= 80 and styles["prose_aside"] >= 50
    assert sum(styles[s] for s in DATA_STYLES) + styles["split_fields"] + styles["quoted_data"] >= 300
    ordinary = [r for r in rows if r["kind"] == "ordinary"]
    hard = [r for r in rows if r["kind"] == "hard"]
    assert len(ordinary) >= 450 and len(Counter(r["source"] for r in ordinary)) >= 20
    assert len(hard) >= 350 and len(Counter(r["source"] for r in hard)) >= 20
    assert sum(r["lang"] != "en" for r in hard) >= 20 and sum(r["lang"] != "en" for r in ordinary) >= 20


def test_forty_percent_is_hand_written_and_comes_from_the_hand_files(rows, compose):
    hand = [r for r in rows if r["hand"]]
    assert len(hand) >= 720 and len(hand) >= 0.4 * len(rows)
    assert {r["text"] for r in hand} == {r["text"] for r in compose.hand_rows()}
    assert len(hand) == len(compose.hand_rows())  # no hand row repeats another
    for kind, least in (("injection", 350), ("ordinary", 120), ("hard", 200)):
        assert sum(r["kind"] == kind for r in hand) >= least, kind
    assert len({r["lang"] for r in hand if r["label"] == 1}) >= 40
    assert len({r["style"] for r in hand if r["label"] == 1}) >= 24
    assert len({r["source"] for r in hand if r["label"] == 1}) >= 25


def test_planted_orders_are_there_in_their_disguise(rows):
    for r in (r for r in rows if r["label"] == 1 and not r["hand"]):
        text, style = r["text"], r["style"]
        if style == "encoded":
            assert any(ADDRESSED.search(f) and VERB.search(f) for f in decoded(text)), text
        if style in DATA_STYLES and r["lang"] == "en":
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
    assert_benchmark_lists("blind19", "blind18")
