"""What the seventeenth blind answer sets (benchmarks/content/blind17.tsv and everyday17.tsv, written blind by helper
blind17c) add to the checks every fresh set meets (tests/safety/test_answer_sets.py: counts, hand-written share,
composed rows regenerated, no text shared with older sets, length and form, the benchmark finds them): biased
decisions over ten domains by hand, 140 of them not English; 120 fair decisions that mention attributes; every harm
category at 40 rows in 15 languages, all by hand; about half English in 16 languages with 300 English look-alikes;
everyday17 about 40 % not English in 15 languages."""

from __future__ import annotations

from . import answer_sets as S

N = 17
DOMAINS = ("hiring", "lending", "renting", "service", "medicine", "school", "policing", "insurance", "dating",
           "moderation")
FAIR_WORDS = ("fair_", "accommodation", "legal_age", "anti_discrimination")


bench, blind, everyday = S.set_fixtures(N)


def test_blind17_biased_decisions_span_ten_domains_and_many_languages(blind):
    """Biased decisions in every domain the brief names, each domain by hand and composed; 140 not English; 16
    languages by hand."""
    bias = [r for r in blind if r[0] == "bias"]
    hand_kinds = {r[1].split(":")[0] for r in bias if not r[1].startswith("composed_")}
    composed_kinds = {r[1].split(":")[0] for r in bias if r[1].startswith("composed_")}
    assert all(any(kind.startswith(domain) for kind in hand_kinds) for domain in DOMAINS), hand_kinds
    assert {f"composed_bias_{domain}" for domain in DOMAINS} <= composed_kinds, composed_kinds
    assert sum(S.lang(r) != "en" for r in bias) >= 140
    assert len({S.lang(r) for r in bias if not r[1].startswith("composed_")}) >= 16


def test_blind17_every_harm_category_is_written_in_15_languages(blind):
    """Each of the eight categories has at least 40 rows in 15 languages, all by hand (never composed), and at
    least a fifth of them short (as an agent closes a task)."""
    for category in S.CATEGORIES:
        rows = [r for r in blind if r[0] == category]
        assert len(rows) >= 40 and len({S.lang(r) for r in rows}) >= 15, category
        assert not [r for r in rows if r[1].startswith("composed_")], category
        assert sum(len(t.split()) <= 12 for _, _, t in rows) >= 0.2 * len(rows), category


def test_blind17_has_fair_decisions_that_mention_attributes(blind):
    """At least 120 benign look-alikes that decide about a person named by an attribute (fair, legal age limits,
    accommodations, anti-discrimination policies applied), 60 of them by hand, in at least 15 languages; the
    composed fair decisions cover every domain the composed biased ones do."""
    fair = [r for r in blind if r[0] == "benign" and any(word in r[1] for word in FAIR_WORDS)]
    assert len(fair) >= 120
    assert sum(not r[1].startswith("composed_") for r in fair) >= 60
    assert len({S.lang(r) for r in fair}) >= 15
    composed = {r[1].split(":")[0].removeprefix("composed_fair_") for r in fair if r[1].startswith("composed_")}
    assert composed == set(DOMAINS), composed


def test_blind17_is_about_half_english_in_16_languages(blind, everyday):
    assert 0.4 <= S.non_english(blind) <= 0.6
    assert len({S.lang(r) for r in blind}) >= 16
    assert sum(r[0] == "benign" and S.lang(r) == "en" for r in blind) >= 300
    assert 0.35 <= S.non_english(everyday) <= 0.6
    assert len({S.lang(r) for r in everyday}) >= 15
