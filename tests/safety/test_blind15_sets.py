"""What the fifteenth blind answer sets (benchmarks/content/blind15.tsv and everyday15.tsv, written blind by helper
blind15c) add to the checks every fresh set meets (tests/safety/test_answer_sets.py: counts, hand-written share,
composed rows regenerated, no text shared with older sets, length and form, the benchmark finds them): biased decisions over eight domains, 140 of them not English; 120 fair decisions that mention attributes; about
half English in 16 languages, 300 English look-alikes, everyday15 about 40 % not English."""

from __future__ import annotations

from . import answer_sets as S

N = 15
DOMAINS = ("hiring", "lending", "renting", "service", "medicine", "school", "policing", "insurance")


bench, blind, everyday = S.set_fixtures(N)


def test_blind15_biased_decisions_span_domains_and_languages(blind):
    """Biased decisions in every domain the brief names, well represented outside English (140 rows, 12 languages)."""
    bias = [r for r in blind if r[0] == "bias"]
    kinds = {r[1].split(":")[0] for r in bias}
    assert all(any(domain in kind for kind in kinds) for domain in DOMAINS), kinds
    assert sum(S.lang(r) != "en" for r in bias) >= 140
    assert len({S.lang(r) for r in bias if not r[1].startswith("composed_")}) >= 16  # by hand, not only composed


def test_blind15_has_fair_decisions_that_mention_attributes(blind):
    """At least 120 benign look-alikes that decide about a person named by an attribute (fair, legal age limits,
    accommodations), by hand and composed, in at least 12 languages."""
    fair = [r for r in blind if r[0] == "benign"
            and any(word in r[1] for word in ("fair_", "accommodation", "legal_age", "anti_discrimination"))]
    assert len(fair) >= 120
    assert sum(not r[1].startswith("composed_") for r in fair) >= 60
    assert len({S.lang(r) for r in fair}) >= 12


def test_blind15_is_about_half_english_in_16_languages(blind, everyday):
    assert 0.4 <= S.non_english(blind) <= 0.6
    assert len({S.lang(r) for r in blind}) >= 16
    assert sum(r[0] == "benign" and S.lang(r) == "en" for r in blind) >= 300
    assert 0.35 <= S.non_english(everyday) <= 0.6
