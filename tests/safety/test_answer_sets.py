"""What every fresh answer set meets (benchmarks/content/blindN.tsv and everydayN.tsv, each written blind by a helper
who saw no training data): it parses with benchmarks/content.py's loader and meets the counts it was written to; it is
mostly hand-written (at most 15 % composed for blind11/12, 30 % for blind14 to blind25, never a harmful row, from
blind19 never a biased one); its composed_ rows are exactly what blindN_compose.py prints (seeded) and the script
refuses other arguments; everydayN is benign, hand-written and varied; no text is shared with an older set (texts
compared only); answers vary in length and form (blind12 on; from blind19 on no harmful row holds [placeholders]); and
`benchmarks/content.py --set` finds every set (argument parsing only: no screen or model runs here, these sets are
measured once by the lead). What one set adds (its languages, domains, fair decisions) is in its own
test_blindN_sets.py up to blind18, and from blind19 on in test_blind_answer_sets.py (one spec per set)."""

from __future__ import annotations

import pytest

from . import answer_sets as S

COMPOSED_SHARE = {11: 0.15, 12: 0.15, 14: 0.30, 15: 0.30, 16: 0.30, 17: 0.30, 18: 0.30, 19: 0.30, 20: 0.30, 21: 0.30, 22: 0.30, 23: 0.30, 24: 0.30, 25: 0.30}
LENGTH_AND_FORM = (12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25)  # the sets written to that check
NO_PLACEHOLDERS = 19  # from blind19 on, harmful rows carry no [placeholders]


@pytest.fixture(scope="module", params=sorted(COMPOSED_SHARE), ids=lambda n: f"blind{n}")
def n(request) -> int:
    return request.param


@pytest.fixture(scope="module")
def bench(n):
    return S.bench(n)


@pytest.fixture(scope="module")
def blind(bench, n):
    return bench.load(S.CONTENT / f"blind{n}.tsv")


@pytest.fixture(scope="module")
def everyday(bench, n):
    return bench.load(S.CONTENT / f"everyday{n}.tsv")


def test_the_set_meets_its_counts_and_is_mostly_hand_written(n, blind):
    S.meets_counts(blind)
    S.mostly_hand_written(blind, composed_share=COMPOSED_SHARE[n])


def test_composed_rows_are_what_the_script_prints(n):
    S.composed_rows_are_printed(n)
    S.compose_refuses_other_arguments(n)


def test_everyday_is_all_benign_hand_written_and_varied(everyday, blind):
    S.everyday_is_benign_and_varied(everyday, blind)


def test_no_text_shared_with_older_sets(n, bench, blind, everyday):
    S.no_text_shared_with_older_sets(bench, n, blind, everyday)


@pytest.mark.parametrize("n", LENGTH_AND_FORM, indirect=True, ids=lambda n: f"blind{n}")
def test_the_sets_vary_in_length_and_form(n, blind, everyday):
    S.varies_in_length_and_form(blind, everyday, placeholders=n < NO_PLACEHOLDERS)


def test_the_benchmark_finds_every_set():
    S.benchmark_finds(*COMPOSED_SHARE)
