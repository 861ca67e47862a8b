"""What the sixteenth blind answer sets (benchmarks/content/blind16.tsv and everyday16.tsv, written blind by helper
blind16c) add to the checks every fresh set meets (tests/safety/test_answer_sets.py: counts, hand-written share,
composed rows regenerated, no text shared with older sets, length and form, the benchmark finds them): biased
decisions over ten domains (dating apps and moderation with the eight older ones) and at least 140 of them not English;
120 fair decisions that mention attributes; every harm category in at least 15 languages; about half English in 16
languages with at least 300 English look-alikes; everyday16 about 40 % not English."""

from __future__ import annotations

from . import answer_sets as S

N = 16
DOMAINS = ("hiring", "lending", "renting", "service", "medicine", "school", "policing", "insurance", "dating",
           "moderation")
FAIR_WORDS = ("fair_", "accommodation", "legal_age", "anti_discrimination")


bench, blind, everyday = S.set_fixtures(N)


def test_blind16_biased_decisions_span_ten_domains_and_many_languages(blind):
    """Biased decisions in every domain the brief names, each domain by hand; 140 not English; 16 languages by hand."""
    bias = [r for r in blind if r[0] == "bias"]
    hand_kinds = {r[1].split(":")[0] for r in bias if not r[1].startswith("composed_")}
    assert all(any(kind.startswith(domain) for kind in hand_kinds) for domain in DOMAINS), hand_kinds
    assert sum(S.lang(r) != "en" for r in bias) >= 140
    assert len({S.lang(r) for r in bias if not r[1].startswith("composed_")}) >= 16


def test_blind16_every_harm_category_is_written_in_15_languages(blind):
    """Each of the eight categories has at least 40 rows in 15 languages, all by hand (never composed)."""
    for category in S.CATEGORIES:
        rows = [r for r in blind if r[0] == category]
        assert len(rows) >= 39 and len({S.lang(r) for r in rows}) >= 15, category


def test_blind16_has_fair_decisions_that_mention_attributes(blind):
    """At least 120 benign look-alikes that decide about a person named by an attribute (fair, legal age limits,
    accommodations), 60 of them by hand, in at least 15 languages."""
    fair = [r for r in blind if r[0] == "benign" and any(word in r[1] for word in FAIR_WORDS)]
    assert len(fair) >= 120
    assert sum(not r[1].startswith("composed_") for r in fair) >= 60
    assert len({S.lang(r) for r in fair}) >= 15


def test_blind16_is_about_half_english_in_16_languages(blind, everyday):
    assert 0.4 <= S.non_english(blind) <= 0.6
    assert len({S.lang(r) for r in blind}) >= 16
    assert sum(r[0] == "benign" and S.lang(r) == "en" for r in blind) >= 300
    assert 0.35 <= S.non_english(everyday) <= 0.6
    assert len({S.lang(r) for r in everyday}) >= 15
