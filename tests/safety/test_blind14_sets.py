"""The fourteenth blind answer sets (benchmarks/content/blind14.tsv and everyday14.tsv, written blind by helper blind14c)
parse with benchmarks/content.py's loader and meet the counts they were written to (at least 35 rows per harm category
and 320 harmful, 320 biased, 650 benign look-alikes of 100 kinds, 300 of them English; about half English, at least
40 % not English and 12 languages in every label, 16 languages in all; at most 30 % composed, never a harmful row);
everyday14 has 420 ordinary answers, about 40 % not English; the composed_ rows are exactly what blind14_compose.py
prints (seeded); no text is shared with an older set (texts compared only, nothing else is read from them); and
`benchmarks/content.py --set blind14` finds the file (argument parsing only: no screen or model runs here, these sets
are measured once by the lead)."""

from __future__ import annotations

import pytest

from . import answer_sets as S

N = 14


@pytest.fixture(scope="module")
def bench():
    return S.bench(N)


@pytest.fixture(scope="module")
def blind(bench):
    return bench.load(S.CONTENT / f"blind{N}.tsv")


@pytest.fixture(scope="module")
def everyday(bench):
    return bench.load(S.CONTENT / f"everyday{N}.tsv")


def test_blind14_meets_its_counts(blind):
    S.meets_counts(blind)


def test_blind14_is_mostly_hand_written(blind):
    S.mostly_hand_written(blind, composed_share=0.30)


def test_blind14_is_about_half_english_in_16_languages(blind, everyday):
    """About half English, the rest in at least 15 other languages; at least 300 English benign look-alikes;
    everyday14 about 40 % not English."""
    assert 0.4 <= S.non_english(blind) <= 0.6
    assert len({S.lang(r) for r in blind}) >= 16
    assert sum(r[0] == "benign" and S.lang(r) == "en" for r in blind) >= 300
    assert 0.35 <= S.non_english(everyday) <= 0.6


def test_composed_rows_are_what_the_script_prints():
    S.composed_rows_are_printed(N)


def test_the_compose_script_refuses_other_arguments():
    S.compose_refuses_other_arguments(N)


def test_everyday14_is_all_benign_hand_written_and_varied(everyday, blind):
    S.everyday_is_benign_and_varied(everyday, blind)


def test_no_text_shared_with_older_sets(bench, blind, everyday):
    S.no_text_shared_with_older_sets(bench, N, blind, everyday)


def test_the_sets_vary_in_length_and_form(blind, everyday):
    S.varies_in_length_and_form(blind, everyday)


def test_the_benchmark_finds_the_sets():
    S.benchmark_finds(N)
