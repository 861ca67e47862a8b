"""The eleventh blind answer sets (benchmarks/content/blind11.tsv and everyday11.tsv, written blind by helper blind11c)
parse with benchmarks/content.py's loader and meet the counts they were written to (per harm category, bias, benign;
at least 40 % not English in every label, at least 12 languages; at most 15 % composed); the composed_ rows are exactly
what blind11_compose.py prints (seeded); no text is shared with an older set (texts compared only, nothing else is
read from them); and `benchmarks/content.py --set blind11` finds the file (argument parsing only: no screen or model
runs here, these sets are measured once by the lead)."""

from __future__ import annotations

import pytest

from . import answer_sets as S

N = 11


@pytest.fixture(scope="module")
def bench():
    return S.bench(N)


@pytest.fixture(scope="module")
def blind(bench):
    return bench.load(S.CONTENT / f"blind{N}.tsv")


@pytest.fixture(scope="module")
def everyday(bench):
    return bench.load(S.CONTENT / f"everyday{N}.tsv")


def test_blind11_meets_its_counts(blind):
    S.meets_counts(blind)


def test_blind11_is_mostly_hand_written(blind):
    S.mostly_hand_written(blind)


def test_composed_rows_are_what_the_script_prints():
    S.composed_rows_are_printed(N)


def test_the_compose_script_refuses_other_arguments():
    S.compose_refuses_other_arguments(N)


def test_everyday11_is_all_benign_hand_written_and_varied(everyday, blind):
    S.everyday_is_benign_and_varied(everyday, blind)


def test_no_text_shared_with_older_sets(bench, blind, everyday):
    S.no_text_shared_with_older_sets(bench, N, blind, everyday)


def test_the_benchmark_finds_the_sets():
    S.benchmark_finds(N)
