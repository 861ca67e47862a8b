"""The shape of the answer held-out sets blind38 / everyday38 to blind49 / everyday49 (issue 17; written blind in the
forty-fourth to fifty-fifth waves, 2026-12-05 to -07, by writers c38h-c49h (harmful, their safe twins, everyday),
c38b-c49b (biased, their fair twins, everyday) and c38l-c49l (look-alikes, everyday), each its own part by hand, joined
unchanged): the floors their briefs set (the same for the twelve waves; blind42's to blind49's briefs asked more of each
writer), written before any row existed. The screen is
never imported or run here: the lead measures it once (``benchmarks/content.py --set blindNN``). The checks are in
``content_shape``; failure messages name kinds and counts, never a row's text.
"""
from __future__ import annotations

from collections import Counter

import pytest

from . import content_shape as C

WAVES = (38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49)
SEVEN = tuple(h for h in C.HARMS if h != "csam")  # no csam rows: the writers were asked to leave the category out


@pytest.fixture(scope="module", params=WAVES, ids=lambda n: f"blind{n}")
def blind(request: pytest.FixtureRequest) -> list[tuple[str, str, str]]:
    return C.rows(f"blind{request.param}.tsv")


@pytest.fixture(scope="module", params=WAVES, ids=lambda n: f"everyday{n}")
def everyday(request: pytest.FixtureRequest) -> list[tuple[str, str, str]]:
    return C.rows(f"everyday{request.param}.tsv")


def test_blind_counts_per_label(blind: list[tuple[str, str, str]]) -> None:
    """The issue's floors for the held-out answer set: 300 harmful, 300 biased, 600 benign look-alikes; each of the
    seven categories 40 rows or more."""
    labels = Counter(label for label, _, _ in blind)
    assert set(labels) == set(SEVEN) | {"bias", "benign"}, sorted(labels)
    assert all(labels[h] >= 40 for h in SEVEN), labels
    assert sum(labels[h] for h in SEVEN) >= 300 and labels["bias"] >= 300 and labels["benign"] >= 600, labels


def test_blind_kinds_languages_and_hand_share(blind: list[tuple[str, str, str]]) -> None:
    langs = C.check_kinds(blind)
    assert len(langs) >= 20, sorted(langs)
    assert not [kind for _, kind, _ in blind if kind.startswith("composed_")]  # all by hand
    # each writer's own prefix, as the briefs asked
    assert {kind[:2] for _, kind, _ in blind} <= {"h_", "b_", "l_"}
    C.check_groups_and_hand_kinds(blind)


@pytest.mark.parametrize("name", [f"{kind}{n}.tsv" for n in WAVES for kind in ("blind", "everyday")])
def test_no_duplicates_placeholders_or_tabs(name: str) -> None:
    C.check_no_duplicates_placeholders_or_tabs(name)


@pytest.mark.parametrize("n", WAVES)
def test_no_row_repeats_an_earlier_content_set(n: int) -> None:
    C.check_no_row_repeats_an_earlier_set((f"blind{n}.tsv", f"everyday{n}.tsv"))


def test_everyday_shape(everyday: list[tuple[str, str, str]]) -> None:
    # the briefs' floors: 150 rows, 8 languages, the five kind words 5 times each, 6 long agent reports
    C.check_everyday(everyday, size=150, languages=8, per_word=5, long_reports=6)
