"""What each blind answer set from blind19 on (benchmarks/content/blindN.tsv and everydayN.tsv, each written blind by a
helper who saw no training data) adds to the checks every fresh set meets (tests/safety/test_answer_sets.py: counts,
composed share, composed rows regenerated, no text shared with older sets, length and form, no [placeholders] in
harmful rows, the benchmark finds them). One parametrized checker over the sets, each set's own numbers as data
(``SPECS``); it replaces the per-set files test_blind19_sets.py .. test_blind23_sets.py, which repeated one another,
keeping every check they made (none weakened), and adds blind24 and blind25.

Every set: 330 harmful rows by hand, about half not English in 20 languages, each category 40 rows in many languages
with some short ones, a role-play, a "for a novel" framing, a code-shaped and a multi-line answer, and no brackets at
all; 330 biased decisions over ten domains, all by hand, 200 not English in 20 languages; fair decisions that name an
attribute (250, 150 not English, in 20 languages, the composed ones in every domain); 650 look-alikes of 150 kinds,
200 English and 200 not English in 20 languages; at most 30 % composed, all benign; everydayN 420 rows, all by hand,
35 to 50 % not English in 20 languages. What grew from one wave to the next (translation requests and JSON answers,
per-domain languages, honest give-ups and refusals, agent reports, long answers) is in each set's spec. No screen or
model runs here: the lead measures these sets once."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from . import answer_sets as S

FAIR_WORDS = ("fair_", "accommodation", "legal_age", "anti_discrimination")
DOMAINS_19 = ("hiring", "housing", "lending", "medicine", "school", "policing", "insurance", "service", "dating",
              "moderation")
DOMAINS_22 = ("hiring", "housing", "lending", "medicine", "school", "policing", "insurance", "service", "travel",
              "dating")  # travel and dating apps new in blind22
AGENT_20 = ("agent", "ajan", "agente", "wakil", "sochen", "daili", "tac_tu", "agen_", "wakala")
AGENT_22 = AGENT_20 + ("amel", "ahente", "ejen", "mugavar", "tua_thaen", "praktoras", "agentti", "ugynok")
AGENT_23 = ("agent", "ajan", "agente", "agen_", "tac_tu", "daili", "wakala")


@dataclass(frozen=True)
class Spec:
    """One set's numbers. Harmful rows: ``category_langs`` languages per category, ``short_share`` of a category's
    rows at 12 words or fewer, a role-play kind named by one of ``roleplay``, a translation request
    (``translation``) and a JSON object (``json``) in every category when set. Biased rows: ``domain_min`` rows per
    domain, in ``domain_langs`` languages when set, ``bias_multiline`` multi-line ones when set. Fair decisions:
    ``fair_hand`` by hand. Look-alikes: ``benign_hand`` by hand; ``giveups`` = (give-ups, not English) and
    ``refusals`` when set. everydayN: ``agent_reports`` rows whose kind starts with ``agent_prefixes`` when set;
    ``long`` = (answers of 1,500 characters or more, not English) when set."""

    domains: tuple[str, ...]
    category_langs: int = 20
    short_share: float = 0.2
    roleplay: tuple[str, ...] = ("roleplay",)
    translation: bool = False
    json: bool = False
    domain_min: int = 30
    domain_langs: int | None = None
    bias_multiline: int | None = 5
    fair_hand: int = 100
    benign_hand: int = 300
    giveups: tuple[int, int] | None = (60, 20)
    refusals: int | None = 40
    agent_prefixes: tuple[str, ...] | None = AGENT_20
    agent_reports: int = 40
    long: tuple[int, int] | None = None


_FROM_22 = dict(domains=DOMAINS_22, category_langs=12, short_share=0.12, roleplay=("roleplay", "rollenspiel"),
                translation=True, domain_langs=12, fair_hand=70)
SPECS = {
    19: Spec(DOMAINS_19, domain_min=25, bias_multiline=None, benign_hand=250, giveups=None, refusals=None,
             agent_prefixes=None),
    20: Spec(DOMAINS_19),
    21: Spec(DOMAINS_19),
    22: Spec(**_FROM_22, agent_prefixes=AGENT_22),
    23: Spec(**_FROM_22, json=True, agent_prefixes=AGENT_23, long=(60, 10)),
    24: Spec(**_FROM_22, json=True, agent_prefixes=AGENT_23, long=(60, 10)),
    25: Spec(**{**_FROM_22, "category_langs": 20, "domain_langs": 20}, json=True, agent_prefixes=AGENT_23,
             long=(60, 10)),  # blind25: 20 languages in every harm category and every bias domain
}


@pytest.fixture(scope="module", params=sorted(SPECS), ids=lambda n: f"blind{n}")
def n(request) -> int:
    return request.param


@pytest.fixture(scope="module")
def spec(n) -> Spec:
    return SPECS[n]


@pytest.fixture(scope="module")
def blind(n) -> list[S.Row]:
    return S.bench(n).load(S.CONTENT / f"blind{n}.tsv")


@pytest.fixture(scope="module")
def everyday(n) -> list[S.Row]:
    return S.bench(n).load(S.CONTENT / f"everyday{n}.tsv")


def _composed(row: S.Row) -> bool:
    return row[1].startswith("composed_")


def _kind(row: S.Row) -> str:
    return row[1].split(":")[0]


def test_harmful_rows_are_by_hand_in_20_languages_every_form_and_without_placeholders(blind, spec):
    """330 harmful rows, none composed, about half not English in 20 languages; each category has 40 rows in the
    spec's number of languages, its share of short rows, a role-play, a "for a novel", a code-shaped and a multi-line
    answer (and a translation request and a JSON object where the spec asks); no row holds a bracket (the
    [placeholder] shortcut of the older sets)."""
    harmful = [r for r in blind if r[0] in S.CATEGORIES]
    assert len(harmful) >= 330 and not [r for r in harmful if _composed(r)]
    assert 0.4 <= S.non_english(harmful) <= 0.65
    assert len({S.lang(r) for r in harmful}) >= 20
    assert not [t for _, _, t in harmful if "[" in t or "]" in t]
    for category in S.CATEGORIES:
        rows = [r for r in harmful if r[0] == category]
        assert len(rows) >= 40 and len({S.lang(r) for r in rows}) >= spec.category_langs, category
        assert sum(len(t.split()) <= 12 for _, _, t in rows) >= spec.short_share * len(rows), category
        assert any(any(word in kind for word in spec.roleplay) for _, kind, _ in rows), category
        assert any("novel" in kind or "roman" in kind for _, kind, _ in rows), category
        if spec.translation:
            assert any("translation" in kind for _, kind, _ in rows), category
        if spec.json:
            assert any(kind.startswith("json_") and text.startswith("{") for _, kind, text in rows), category
        assert any("```" in text for _, _, text in rows), category
        assert sum("\n" in text for _, _, text in rows) >= 2, category


def test_biased_decisions_are_all_by_hand_over_ten_domains_and_many_languages(blind, spec):
    """330 biased decisions, none composed; every domain among the kinds, with the spec's rows (and languages) by
    hand; 200 not English; 20 languages; some multi-line (a shortlist, a memo, a table) where the spec asks."""
    bias = [r for r in blind if r[0] == "bias"]
    assert len(bias) >= 330 and not [r for r in bias if _composed(r)]
    kinds = {_kind(r) for r in bias}
    assert all(any(kind.startswith(domain) for kind in kinds) for domain in spec.domains), kinds
    for domain in spec.domains:
        rows = [r for r in bias if r[1].startswith(domain)]
        assert len(rows) >= spec.domain_min, domain
        if spec.domain_langs is not None:
            assert len({S.lang(r) for r in rows}) >= spec.domain_langs, domain
    assert sum(S.lang(r) != "en" for r in bias) >= 200
    assert len({S.lang(r) for r in bias}) >= 20
    if spec.bias_multiline is not None:
        assert sum("\n" in t for _, _, t in bias) >= spec.bias_multiline


def test_has_fair_decisions_that_name_attributes(blind, spec):
    """250 benign look-alikes that decide about a person named by an attribute (fair decisions, accommodations,
    legal age limits, anti-discrimination rules applied), 150 of them not English, the spec's number by hand, in 20
    languages; the composed fair decisions cover every domain."""
    fair = [r for r in blind if r[0] == "benign" and any(word in r[1] for word in FAIR_WORDS)]
    assert len(fair) >= 250
    assert sum(S.lang(r) != "en" for r in fair) >= 150
    assert sum(not _composed(r) for r in fair) >= spec.fair_hand
    assert len({S.lang(r) for r in fair}) >= 20
    composed = {_kind(r).removeprefix("composed_fair_") for r in fair if _composed(r)}
    assert composed == set(spec.domains), composed


def test_look_alikes_are_varied_with_honest_give_ups_and_refusals(blind, spec):
    """650 benign look-alikes, 200 of them not English in 20 languages, 200 English, of 150 kinds, the spec's number
    by hand; where the spec asks, 60 honest give-ups (what the agent could not do and why: no network, a missing file,
    no remote, no tool, a denied permission, a failing test), 20 of them not English, and 40 refusals that say why."""
    benign = [r for r in blind if r[0] == "benign"]
    assert len(benign) >= 650
    foreign = [r for r in benign if S.lang(r) != "en"]
    assert len(foreign) >= 200 and len({S.lang(r) for r in foreign}) >= 20
    assert sum(S.lang(r) == "en" for r in benign) >= 200
    assert len({_kind(r) for r in benign}) >= 150
    assert sum(not _composed(r) for r in benign) >= spec.benign_hand
    if spec.giveups is not None:
        total, foreign_giveups = spec.giveups
        giveups = [r for r in benign if "giveup" in r[1]]
        assert len(giveups) >= total and sum(S.lang(r) != "en" for r in giveups) >= foreign_giveups
    if spec.refusals is not None:
        assert sum("refusal" in r[1] for r in benign) >= spec.refusals


def test_hand_share_and_everyday_languages_agent_reports_and_long_answers(blind, everyday, spec):
    """At most 30 % composed, all benign (so at least 70 % by hand, well over the waves' 40 %); everydayN 420 rows,
    all by hand, 35 to 50 % not English, 20 languages; where the spec asks, 40 agent reports (work done, and work not
    done and why) and 60 answers of 1,500 characters or more, 10 of them not English."""
    composed = [r for r in blind if _composed(r)]
    assert len(composed) <= 0.30 * len(blind)
    assert sum(not _composed(r) for r in blind) >= 0.4 * len(blind)
    assert {r[0] for r in composed} == {"benign"}
    assert len(everyday) >= 420 and not [r for r in everyday if _composed(r)]
    assert 0.35 <= S.non_english(everyday) <= 0.5
    assert len({S.lang(r) for r in everyday}) >= 20
    if spec.agent_prefixes is not None:
        assert sum(_kind(r).startswith(spec.agent_prefixes) for r in everyday) >= spec.agent_reports
    if spec.long is not None:
        total, foreign_long = spec.long
        long = [r for r in everyday if len(r[2]) >= 1500]
        assert len(long) >= total and sum(S.lang(r) != "en" for r in long) >= foreign_long


# Sets written to another brief, whose shape has its own checks: blind26 (helper blind26c: 359 harmful and 354 biased
# rows by hand in 39 languages, ~70 % not English, so it misses the 40-65 % and fair-decision numbers above on purpose).
OWN_SHAPE_TEST = {26: S.ROOT / "tests" / "eval" / "test_content_blind26.py",
                  27: S.ROOT / "tests" / "eval" / "test_content_blind27.py",
                  28: S.ROOT / "tests" / "eval" / "test_content_blind28.py",
                  31: S.ROOT / "tests" / "eval" / "test_content_blind31.py",
                  32: S.ROOT / "tests" / "eval" / "test_content_blind32.py",
                  33: S.ROOT / "tests" / "eval" / "test_content_blind33.py",
                  34: S.ROOT / "tests" / "eval" / "test_content_blind34.py",
                  35: S.ROOT / "tests" / "eval" / "test_content_blind35.py",
                  36: S.ROOT / "tests" / "eval" / "test_content_blind36.py",
                  38: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  39: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  40: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  41: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  42: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  43: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  44: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  45: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  46: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  47: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  48: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py",
                  49: S.ROOT / "tests" / "eval" / "test_content_blind38_49.py"}


def test_every_set_from_blind19_has_a_spec_and_no_file_of_its_own():
    """A new blind answer set gets its numbers here, not a new per-set test file (or, written to another brief, is
    named in OWN_SHAPE_TEST with the test that checks its shape)."""
    numbers = {S._number(p.stem) for p in S.CONTENT.glob("blind*.tsv")}
    assert {k for k in numbers if k >= 19} == set(SPECS) | set(OWN_SHAPE_TEST)
    assert all(path.is_file() for path in OWN_SHAPE_TEST.values())
    per_set = [p.stem.removeprefix("test_").removesuffix("_sets") for p in (S.ROOT / "tests" / "safety").glob(
        "test_blind*_sets.py")]
    assert not [stem for stem in per_set if S._number(stem) >= 19], per_set
