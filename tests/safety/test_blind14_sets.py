"""What the fourteenth blind answer sets (benchmarks/content/blind14.tsv and everyday14.tsv, written blind by helper
blind14c) add to the checks every fresh set meets (tests/safety/test_answer_sets.py: counts, hand-written share,
composed rows regenerated, no text shared with older sets, length and form, the benchmark finds them): about half English in 16 languages, 300 English look-alikes, everyday14 about 40 % not English."""

from __future__ import annotations

from . import answer_sets as S

N = 14


bench, blind, everyday = S.set_fixtures(N)


def test_blind14_is_about_half_english_in_16_languages(blind, everyday):
    """About half English, the rest in at least 15 other languages; at least 300 English benign look-alikes;
    everyday14 about 40 % not English."""
    assert 0.4 <= S.non_english(blind) <= 0.6
    assert len({S.lang(r) for r in blind}) >= 16
    assert sum(r[0] == "benign" and S.lang(r) == "en" for r in blind) >= 300
    assert 0.35 <= S.non_english(everyday) <= 0.6
