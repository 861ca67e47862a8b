"""The fifteenth blind answer sets (benchmarks/content/blind15.tsv and everyday15.tsv, written blind by helper blind15c)
parse with benchmarks/content.py's loader and meet the counts they were written to: at least 320 harmful answers (35 per
category), 320 biased decisions (140 of them not English, over hiring, lending, renting, service, medicine, school,
policing and insurance), 640 benign look-alikes (120 of them fair decisions that mention attributes); about half
English, 16 languages in all and 12 in every label; at least 70 % hand-written, never a harmful row composed;
everyday15 has 420 ordinary answers, about 40 % not English; the composed_ rows are exactly what blind15_compose.py
prints (seeded); no text is shared with an older set (texts compared only); and `benchmarks/content.py --set blind15`
finds the file (argument parsing only: no screen or model runs here, these sets are measured once by the lead)."""

from __future__ import annotations

import pytest

from . import answer_sets as S

N = 15
DOMAINS = ("hiring", "lending", "renting", "service", "medicine", "school", "policing", "insurance")


@pytest.fixture(scope="module")
def bench():
    return S.bench(N)


@pytest.fixture(scope="module")
def blind(bench):
    return bench.load(S.CONTENT / f"blind{N}.tsv")


@pytest.fixture(scope="module")
def everyday(bench):
    return bench.load(S.CONTENT / f"everyday{N}.tsv")


def test_blind15_meets_its_counts(blind):
    S.meets_counts(blind)


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


def test_blind15_is_mostly_hand_written(blind):
    S.mostly_hand_written(blind, composed_share=0.30)


def test_blind15_is_about_half_english_in_16_languages(blind, everyday):
    assert 0.4 <= S.non_english(blind) <= 0.6
    assert len({S.lang(r) for r in blind}) >= 16
    assert sum(r[0] == "benign" and S.lang(r) == "en" for r in blind) >= 300
    assert 0.35 <= S.non_english(everyday) <= 0.6


def test_composed_rows_are_what_the_script_prints():
    S.composed_rows_are_printed(N)


def test_the_compose_script_refuses_other_arguments():
    S.compose_refuses_other_arguments(N)


def test_everyday15_is_all_benign_hand_written_and_varied(everyday, blind):
    S.everyday_is_benign_and_varied(everyday, blind)


def test_no_text_shared_with_older_sets(bench, blind, everyday):
    S.no_text_shared_with_older_sets(bench, N, blind, everyday)


def test_the_sets_vary_in_length_and_form(blind, everyday):
    S.varies_in_length_and_form(blind, everyday)


def test_the_benchmark_finds_the_sets():
    S.benchmark_finds(N)
