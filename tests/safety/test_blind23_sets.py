"""What the twenty-third blind answer sets (benchmarks/content/blind23.tsv and everyday23.tsv, written blind by helper
blind23c) add to the checks every fresh set meets (tests/safety/test_answer_sets.py: counts, composed share, composed
rows regenerated, no text shared with older sets, length and form, no [placeholders] in harmful rows, the benchmark
finds them): 330 harmful rows by hand, about half not English in 20 languages, every category at 40 rows in 12
languages with a role-play, a "for a novel" framing, a code-shaped answer, a table or list, a translation request, a
JSON object and short answers, and no brackets at all; 330 biased decisions over ten domains, all by hand, 200 not
English in 20 languages, some multi-line; 250 fair decisions that name an attribute, 150 not English, 70 by hand, in
20 languages, the composed ones in every domain; 650 look-alikes of 150 kinds, with 60 honest give-ups and 40 refusals
that say why; at least 40 % of the set by hand (it is about 76 %) and everyday23 all by hand (35 to 50 % not English,
40 agent reports of work done and not done, 60 long answers of 1,500 characters or more, some of them not English). No
screen or model runs here: the lead measures these sets once."""

from __future__ import annotations

from . import answer_sets as S

N = 23
DOMAINS = ("hiring", "housing", "lending", "medicine", "school", "policing", "insurance", "service", "travel",
           "dating")
FAIR_WORDS = ("fair_", "accommodation", "legal_age", "anti_discrimination")
AGENT_PREFIXES = ("agent", "ajan", "agente", "agen_", "tac_tu", "daili", "wakala")


bench, blind, everyday = S.set_fixtures(N)


def _composed(row: S.Row) -> bool:
    return row[1].startswith("composed_")


def _kind(row: S.Row) -> str:
    return row[1].split(":")[0]


def test_blind23_harmful_rows_are_by_hand_in_20_languages_every_form_and_without_placeholders(blind):
    """330 harmful rows, none composed, about half not English in 20 languages; each category has 40 rows in 12
    languages, some short, and a role-play, a "for a novel", a code-shaped, a JSON, a translation-request and a
    multi-line answer; no row holds a bracket."""
    harmful = [r for r in blind if r[0] in S.CATEGORIES]
    assert len(harmful) >= 330 and not [r for r in harmful if _composed(r)]
    assert 0.4 <= S.non_english(harmful) <= 0.65
    assert len({S.lang(r) for r in harmful}) >= 20
    assert not [t for _, _, t in harmful if "[" in t or "]" in t]
    for category in S.CATEGORIES:
        rows = [r for r in harmful if r[0] == category]
        assert len(rows) >= 40 and len({S.lang(r) for r in rows}) >= 12, category
        assert sum(len(t.split()) <= 12 for _, _, t in rows) >= 0.12 * len(rows), category
        assert any("roleplay" in kind or "rollenspiel" in kind for _, kind, _ in rows), category
        assert any("novel" in kind or "roman" in kind for _, kind, _ in rows), category
        assert any("translation" in kind for _, kind, _ in rows), category
        assert any(kind.startswith("json_") and text.startswith("{") for _, kind, text in rows), category
        assert any("```" in text for _, _, text in rows), category
        assert sum("\n" in text for _, _, text in rows) >= 2, category


def test_blind23_biased_decisions_are_all_by_hand_over_ten_domains_and_many_languages(blind):
    """330 biased decisions, none composed; every domain 30 rows by hand in 12 languages; 200 not English; 20
    languages; some multi-line (a shortlist, a memo, a table)."""
    bias = [r for r in blind if r[0] == "bias"]
    assert len(bias) >= 330 and not [r for r in bias if _composed(r)]
    for domain in DOMAINS:
        rows = [r for r in bias if r[1].startswith(domain)]
        assert len(rows) >= 30 and len({S.lang(r) for r in rows}) >= 12, domain
    assert sum(S.lang(r) != "en" for r in bias) >= 200
    assert len({S.lang(r) for r in bias}) >= 20
    assert sum("\n" in t for _, _, t in bias) >= 5


def test_blind23_has_fair_decisions_that_name_attributes(blind):
    """250 benign look-alikes that decide about a person named by an attribute (fair decisions, accommodations,
    legal age limits, anti-discrimination rules applied), 150 of them not English, 70 by hand, in 20 languages; the
    composed fair decisions cover every domain."""
    fair = [r for r in blind if r[0] == "benign" and any(word in r[1] for word in FAIR_WORDS)]
    assert len(fair) >= 250
    assert sum(S.lang(r) != "en" for r in fair) >= 150
    assert sum(not _composed(r) for r in fair) >= 70
    assert len({S.lang(r) for r in fair}) >= 20
    composed = {_kind(r).removeprefix("composed_fair_") for r in fair if _composed(r)}
    assert composed == set(DOMAINS), composed


def test_blind23_look_alikes_are_varied_with_honest_give_ups_and_refusals(blind):
    """650 benign look-alikes, 200 of them not English in 20 languages, 200 English, of 150 kinds, 300 by hand; 60
    honest give-ups (no network, a missing file, no remote, no tool, a denied permission, a failing test), 20 of them
    not English, and 40 refusals that say why."""
    benign = [r for r in blind if r[0] == "benign"]
    assert len(benign) >= 650
    foreign = [r for r in benign if S.lang(r) != "en"]
    assert len(foreign) >= 200 and len({S.lang(r) for r in foreign}) >= 20
    assert sum(S.lang(r) == "en" for r in benign) >= 200
    assert len({_kind(r) for r in benign}) >= 150
    assert sum(not _composed(r) for r in benign) >= 300
    giveups = [r for r in benign if "giveup" in r[1]]
    assert len(giveups) >= 60 and sum(S.lang(r) != "en" for r in giveups) >= 20
    assert sum("refusal" in r[1] for r in benign) >= 40


def test_blind23_hand_share_and_everyday_languages_agent_reports_and_long_answers(blind, everyday):
    """At most 30 % composed, all benign (so at least 70 % by hand, well over the wave's 40 %); everyday23 420 rows,
    all by hand, 35 to 50 % not English, 20 languages, with 40 agent reports (work done, and work not done and why)
    and 60 answers of 1,500 characters or more, 10 of them not English."""
    composed = [r for r in blind if _composed(r)]
    assert len(composed) <= 0.30 * len(blind)
    assert sum(not _composed(r) for r in blind) >= 0.4 * len(blind)
    assert {r[0] for r in composed} == {"benign"}
    assert len(everyday) >= 420 and not [r for r in everyday if _composed(r)]
    assert 0.35 <= S.non_english(everyday) <= 0.5
    assert len({S.lang(r) for r in everyday}) >= 20
    assert sum(_kind(r).startswith(AGENT_PREFIXES) for r in everyday) >= 40
    long = [r for r in everyday if len(r[2]) >= 1500]
    assert len(long) >= 60 and sum(S.lang(r) != "en" for r in long) >= 10
