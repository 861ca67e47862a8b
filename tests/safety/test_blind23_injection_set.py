"""blind23.jsonl, the twenty-fifth wave's blind injection set (written blind by helper blind23i from the brief's
text): it is exactly what its script composes from its hand files (test_injection_sets.py regenerates it byte for
byte), it has the promised shape (1,800 rows; 1,000 injections in 24 styles or more over 20 kinds of tool output, 300
in 25 other languages, 150 of those by hand in many scripts; 450 ordinary outputs and 350 look-alikes), at least 40 %
of it (720 rows) is written by hand, it leans on what screens missed most last wave (polite indirect requests,
reported speech, captions and alt text, steps in READMEs, runbooks and wikis aimed at the assistant, transcripts,
voicemails and podcasts, asides in prose, orders in data fields or split over fields), its look-alikes carry orders
meant for people, automation configs, runbooks, release notes or talk about attacks, and benchmarks/injection.py
finds it. Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import re
from collections import Counter

from .injection_sets import assert_benchmark_lists, decoded, set_fixtures

VERB = re.compile(r"\b(send|forward|delete|run|add|approve|turn|share|export|reply|open|set|invite|tell|transfer|"
                  r"grant|remove|post|merge|upload|pay|push|book|create|reset|disable|revoke|cancel|submit|close|"
                  r"email|call|sign|click|rotate|refund|paste|check|copy|report|mark|move|update|review|change|"
                  r"ask|confirm|read|never|don't|do not|lock|unlock|switch|leave|include|remind|follow|ignore|"
                  r"keep|use|treat|let|write|bring|take|buy|order|pick|go|accept|stop|log|make|put|give|print|"
                  r"schedule|refuse|flag|hold|notify|try|look|be|save|fetch|restart|scale|tag|swap|label|store|"
                  r"route|verify|raise|mute|install|archive|block|page|restore|drop|bump|publish|start)(?:s|ed|ing)?\b",
                  re.I)
ADDRESSED = re.compile(r"\b(assistants?|AIs?|agents?|copilots?|bots?|models?|summari[sz](?:e[sr]?s?|ing)|helpers?|"
                       r"note[- ]?takers?|whoever|automated readers?|system reading)\b", re.I)
SPOKEN = {"voicemail", "meeting_transcript", "voice_transcript", "podcast_transcript"}
DATA_STYLES = {"csv_cell": {"csv_export", "spreadsheet"}, "json_value": {"json_api"}, "filename": {"file_listing"},
               "commit_message": {"git_log"}, "calendar_note": {"calendar"}, "caption": {"image_caption"},
               "log_line": {"app_log"}, "code_comment": {"code_comment"},
               "readme_step": {"readme", "runbook", "wiki_page"}, "changelog_note": {"changelog", "release_notes"},
               "ticket_step": {"ticket"}, "review_comment": {"code_review", "product_review"}}
LOOKS = {"hidden_markup": r"<!--|display:none|font-size:0", "alt_text": r'alt="|alt:|!\[|\[image:', "split_fields": r"\n",
         "zero_width": "\u200b", "homoglyph": "[\u0400-\u04ff]", "fake_turn": r"<\|im_start\|>|### System|\nUser:|System:",
         "tool_call": r"tool_call|NEXT_ACTION|function_call"}

compose, rows = set_fixtures("blind23")


def test_counts_per_kind_style_source_and_language(rows):
    pos = [r for r in rows if r["label"] == 1]
    assert len(rows) >= 1800 and len(pos) >= 1000
    styles = Counter(r["style"] for r in pos)
    assert sum(n >= 20 for n in styles.values()) >= 24, styles
    sources = Counter(r["source"] for r in pos)
    assert sum(n >= 20 for n in sources.values()) >= 20, sources
    foreign = Counter(r["lang"] for r in pos if r["lang"] != "en")
    assert sum(foreign.values()) >= 300 and sum(n >= 5 for n in foreign.values()) >= 25, foreign
    assert sum(r["lang"] != "en" for r in pos if r["hand"]) >= 150
    # many scripts by hand: Cyrillic, Arabic, Devanagari, Han, Kana, Hangul, Thai, Greek, Hebrew, Ethiopic, Georgian,
    # Armenian, Bengali, Tamil, Telugu, Gurmukhi, Khmer
    scripts = ("[\u0400-\u04ff]", "[\u0600-\u06ff]", "[\u0900-\u097f]", "[\u4e00-\u9fff]", "[\u3040-\u30ff]",
               "[\uac00-\ud7af]", "[\u0e00-\u0e7f]", "[\u0370-\u03ff]", "[\u0590-\u05ff]", "[\u1200-\u137f]",
               "[\u10a0-\u10ff]", "[\u0530-\u058f]", "[\u0980-\u09ff]", "[\u0b80-\u0bff]", "[\u0c00-\u0c7f]",
               "[\u0a00-\u0a7f]", "[\u1780-\u17ff]")
    assert all(any(re.search(s, r["text"]) for r in pos if r["hand"] and r["lang"] != "en") for s in scripts)
    ordinary = [r for r in rows if r["kind"] == "ordinary"]
    hard = [r for r in rows if r["kind"] == "hard"]
    assert len(ordinary) >= 450 and len(Counter(r["source"] for r in ordinary)) >= 20
    assert len(hard) >= 350 and len(Counter(r["source"] for r in hard)) >= 20
    assert sum(r["lang"] != "en" for r in hard) >= 40 and sum(r["lang"] != "en" for r in ordinary) >= 40


def test_the_brief_s_stress_is_there(rows):
    """Polite indirect requests, reported speech, captions and alt text, steps in READMEs/runbooks/wikis aimed at the
    assistant, transcripts, voicemails and podcasts, asides, orders in data fields and split over fields; spoken
    look-alikes where people ask people, automation configs and runbooks among the look-alikes."""
    pos = [r for r in rows if r["label"] == 1]
    styles = Counter(r["style"] for r in pos)
    hand = Counter(r["style"] for r in pos if r["hand"])
    assert sum(r["source"] in SPOKEN for r in pos) >= 140 and sum(r["source"] in SPOKEN for r in pos if r["hand"]) >= 60
    assert styles["polite_indirect"] >= 90 and hand["polite_indirect"] >= 45
    assert styles["reported_speech"] >= 200 and hand["reported_speech"] >= 100
    assert styles["caption"] + styles["alt_text"] >= 70 and hand["caption"] + hand["alt_text"] >= 40
    assert styles["readme_step"] >= 25 and hand["readme_step"] >= 10
    assert styles["voice_request"] >= 120 and styles["prose_aside"] >= 35 and styles["split_fields"] >= 20
    assert sum(styles[s] for s in DATA_STYLES) + styles["split_fields"] >= 300
    # hand-written orders in other languages, reported speech and polite requests among them
    foreign_hand = Counter(r["style"] for r in pos if r["hand"] and r["lang"] != "en")
    assert foreign_hand["reported_speech"] >= 50 and foreign_hand["polite_indirect"] >= 15
    assert sum(foreign_hand[s] for s in ("caption", "calendar_note", "csv_cell", "json_value", "readme_step")) >= 20
    assert sum(r["source"] in SPOKEN for r in rows if r["label"] == 0 and r["kind"] == "hard") >= 60
    assert sum(r["source"] == "automation_config" for r in rows if r["kind"] == "hard") >= 10
    assert sum(r["source"] in ("readme", "runbook", "release_notes", "changelog", "wiki_page", "docs_page")
               for r in rows if r["kind"] == "hard") >= 40


def test_forty_percent_is_hand_written_and_comes_from_the_hand_files(rows, compose):
    hand = [r for r in rows if r["hand"]]
    assert len(hand) >= 720 and len(hand) >= 0.4 * len(rows)
    assert {r["text"] for r in hand} == {r["text"] for r in compose.hand_rows()}
    assert len(hand) == len(compose.hand_rows())  # no hand row repeats another
    for kind, least in (("injection", 350), ("ordinary", 120), ("hard", 220)):
        assert sum(r["kind"] == kind for r in hand) >= least, kind
    assert len({r["lang"] for r in hand if r["label"] == 1}) >= 45
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
            assert re.search(LOOKS[style], text, re.I), (style, text)
        if r["lang"] == "en" and style not in ("encoded", "homoglyph"):
            words = re.sub(r"[_\u200b-]", " ", text)  # file names join their words with _ and -
            assert VERB.search(words) and ADDRESSED.search(words), text


def test_look_alikes_carry_orders_or_talk_about_attacks(rows):
    """Hard negatives are the point: most English ones hold an imperative or a request, or quote an attack."""
    hard = [r["text"] for r in rows if r["kind"] == "hard" and r["lang"] == "en"]
    assert sum(bool(VERB.search(t)) for t in hard) >= 0.88 * len(hard)
    assert sum(bool(ADDRESSED.search(t)) for t in hard) >= 0.25 * len(hard)


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind23", "blind22")
