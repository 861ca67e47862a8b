"""The screens' trainers read training data written by other hands (issue 17): the published older evaluation
sets and ``scripts/screen_data/``. A missing or malformed file stops training with an error naming the file and
the fix; the final blind set is never read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macrohard.safety.train_sources import (
    CONTENT_SOURCES,
    INJECTION_SOURCES,
    OBSERVATION_NEGATIVES,
    ROOT,
    SourceError,
    content_rows,
    content_sources,
    injection_rows,
    without_arg,
)


def test_the_published_sets_are_read_with_their_labels():
    rows = content_sources(without=tuple(n for n in CONTENT_SOURCES if n != "blind3"))["blind3"]
    assert len(rows) > 1000 and {"bias"} in [labels for _, labels in rows] and set() in [labels for _, labels in rows]
    inj = injection_rows(INJECTION_SOURCES["heldout"])
    assert len(inj) > 500 and {label for _, label in inj} == {0, 1}


def test_a_missing_hand_written_file_names_the_fix(tmp_path):
    with pytest.raises(SourceError, match=r"content_train4.tsv is missing: run `git rebase main`.*--without"):
        content_rows("scripts/screen_data/content_train4.tsv", root=tmp_path)
    with pytest.raises(SourceError, match=r"blind.jsonl is missing: restore it from git"):
        injection_rows(INJECTION_SOURCES["blind"], root=tmp_path)


def test_a_malformed_file_names_the_line_and_the_fix(tmp_path):
    (tmp_path / "a.tsv").write_text("# comment\nbenign\tk\tfine text\nweapon\tk\ta typo in the label\n")
    with pytest.raises(SourceError, match=r"a.tsv:3: unknown label 'weapon': use `benign` or one of weapons"):
        content_rows("a.tsv", root=tmp_path)
    (tmp_path / "b.tsv").write_text("benign only two fields\n")
    with pytest.raises(SourceError, match=r"b.tsv:1: expected `label<TAB>kind<TAB>text`"):
        content_rows("b.tsv", root=tmp_path)
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "ok", "label": 1}) + "\n{not json\n")
    with pytest.raises(SourceError, match=r"c.jsonl:2: not JSON"):
        injection_rows("c.jsonl", root=tmp_path)
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": "ok", "label": "yes"}) + "\n")
    with pytest.raises(SourceError, match=r"d.jsonl:1: each line needs a string `text` and a `label` of 0 or 1"):
        injection_rows("d.jsonl", root=tmp_path)
    (tmp_path / "e.tsv").write_text("# only comments\n")
    with pytest.raises(SourceError, match=r"e.tsv has no answers"):
        content_rows("e.tsv", root=tmp_path)


def test_the_final_blind_sets_are_never_read(tmp_path):
    for rel in ("benchmarks/content/blind49.tsv", "benchmarks/content/everyday49.tsv", "blind49.tsv",
                "benchmarks/injection_data/blind49.jsonl", "benchmarks/content/blind49_compose.py",
                "benchmarks/injection_data/blind49_hand.txt", "Blind49.JSONL", "benchmarks/content/Everyday49.tsv",
                "benchmarks/injection_data/blind49_compose.py", "benchmarks/injection_data/blind49_hand.jsonl",
                "benchmarks/content/everyday49_extra.tsv", "benchmarks/content/EVERYDAY49.TSV",
                "benchmarks/content/parts49/h.tsv", "benchmarks/content/parts49/l_everyday.tsv",
                "benchmarks/content/everyday61.tsv", "benchmarks/injection_data/blind50.jsonl",
                "benchmarks/injection_data/blind50_hand_inj_en1.txt", "Blind50.JSONL",
                "benchmarks/content/everyday50.tsv", "benchmarks/injection_data/parts50/a.jsonl"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("benign\tk\ttext\n")
        with pytest.raises(SourceError, match="final blind set"):
            (injection_rows if rel.lower().endswith(".jsonl") else content_rows)(rel, root=tmp_path)
    assert not any("blind49" in p or "blind50" in p or (("everyday49" in p or "everyday50" in p) and "screen_data" not in p)
                   for p in [*CONTENT_SOURCES.values(), *INJECTION_SOURCES.values(), *OBSERVATION_NEGATIVES.values()])
    for name in ("blind4", "blind5", "blind6", "blind7", "blind8"):  # measured and published: training data
        assert name in CONTENT_SOURCES and name in INJECTION_SOURCES
    # the older sets pass the path check (a held-out estimate is kept by the brief, not by this check), and so do
    # blind17 and everyday17, published in the twentieth wave, blind18 and everyday18, published in the twenty-first,
    # blind19 and everyday19, published in the twenty-second, blind20 and everyday20, published in the
    # twenty-third, blind21 and everyday21, published in the twenty-fourth, blind22 and everyday22, published in
    # the twenty-fifth, blind23 and everyday23, published in the twenty-sixth, blind24 and everyday24, published in
    # the twenty-seventh, blind25 and everyday25, published in the twenty-eighth, blind26 and everyday26, published in
    # the thirtieth, blind27 and everyday27, published in the thirty-first, blind28 and everyday28 (answers) and
    # blind28/blind29 (injections), published in the thirty-fifth, blind31 and everyday31 (both kinds), published in
    # the thirty-sixth, blind32 and everyday32 (both kinds), published in the thirty-seventh, blind33 and everyday33
    # (both kinds), published in the thirty-eighth, blind34 and everyday34 (both kinds), published in the thirty-ninth, blind35 and
    # everyday35 (both kinds), published in the fortieth, blind36 and everyday36 (both kinds), published in the
    # forty-first, blind37 (injections), published in the forty-fourth,
    # blind38 and everyday38 (both kinds), published in the forty-fifth,
    # blind39 and everyday39 (both kinds), published in the forty-sixth,
    # blind40 and everyday40 (both kinds), published in the forty-seventh,
    # blind41 and everyday41 (both kinds), published in the forty-eighth,
    # blind42 and everyday42 (both kinds), published in the forty-ninth,
    # blind43 and everyday43 (both kinds), published in the fiftieth,
    # blind44 and everyday44 (both kinds), published in the fifty-first,
    # blind45 and everyday45 (both kinds), published in the fifty-second,
    # blind46 and everyday46 (both kinds), published in the fifty-third,
    # blind47 and everyday47 (both kinds), published in the fifty-fourth,
    # blind48 and everyday48 (both kinds), published in the fifty-fifth; a helper's own scripts/screen_data/everyday49_*
    for name in ("blind10.tsv", "everyday10.tsv", "blind12.tsv", "everyday12.tsv", "blind15.tsv", "everyday15.tsv",
                 "blind16.tsv", "everyday16.tsv", "blind16_compose.py", "Blind16.TSV", "blind17.tsv",
                 "everyday17.tsv", "blind17_compose.py", "Everyday17.TSV", "blind18.tsv", "everyday18.tsv",
                 "blind18_compose.py", "Everyday18.TSV", "blind19.tsv", "everyday19.tsv", "blind19_compose.py",
                 "Everyday19.TSV", "blind20.tsv", "everyday20.tsv", "blind20_compose.py", "Everyday20.TSV",
                 "blind21.tsv", "everyday21.tsv", "blind21_compose.py", "Everyday21.TSV",
                 "blind22.tsv", "everyday22.tsv", "blind22_compose.py", "Everyday22.TSV",
                 "blind23.tsv", "everyday23.tsv", "blind23_compose.py", "Everyday23.TSV",
                 "blind24.tsv", "everyday24.tsv", "blind24_compose.py", "Everyday24.TSV",
                 "blind25.tsv", "everyday25.tsv", "blind25_compose.py", "Everyday25.TSV",
                 "blind26.tsv", "everyday26.tsv", "blind26_compose.py", "Everyday26.TSV",
                 "blind27.tsv", "everyday27.tsv", "blind27_compose.py", "Everyday27.TSV",
                 "blind28.tsv", "everyday28.tsv", "blind28_compose.py", "Everyday28.TSV",
                 "blind31.tsv", "everyday31.tsv", "blind31_compose.py", "Everyday31.TSV",
                 "blind32.tsv", "everyday32.tsv", "blind32_compose.py", "Everyday32.TSV",
                 "blind33.tsv", "everyday33.tsv", "blind33_compose.py", "Everyday33.TSV",
                 "blind34.tsv", "everyday34.tsv", "blind34_compose.py", "Everyday34.TSV",
                 "blind35.tsv", "everyday35.tsv", "blind35_compose.py", "Everyday35.TSV",
                 "blind36.tsv", "everyday36.tsv", "blind36_compose.py", "Everyday36.TSV",
                 "blind38.tsv", "everyday38.tsv", "blind38_compose.py", "Everyday38.TSV",
                 "blind39.tsv", "everyday39.tsv", "blind39_compose.py", "Everyday39.TSV",
                 "blind40.tsv", "everyday40.tsv", "blind40_compose.py", "Everyday40.TSV",
                 "blind41.tsv", "everyday41.tsv", "blind41_compose.py", "Everyday41.TSV",
                 "blind42.tsv", "everyday42.tsv", "blind42_compose.py", "Everyday42.TSV",
                 "blind43.tsv", "everyday43.tsv", "blind43_compose.py", "Everyday43.TSV",
                 "blind44.tsv", "everyday44.tsv", "blind44_compose.py", "Everyday44.TSV",
                 "blind45.tsv", "everyday45.tsv", "blind45_compose.py", "Everyday45.TSV",
                 "blind46.tsv", "everyday46.tsv", "blind46_compose.py", "Everyday46.TSV",
                 "blind47.tsv", "everyday47.tsv", "blind47_compose.py", "Everyday47.TSV",
                 "blind48.tsv", "everyday48.tsv", "blind48_compose.py", "Everyday48.TSV",
                 "blind2.tsv", "blind29.tsv"):
        (tmp_path / "benchmarks/content" / name).write_text("benign\tk\ttext\n")
        assert content_rows(f"benchmarks/content/{name}", root=tmp_path) == [("text", set())]
    for name in ("blind10.jsonl", "blind13.jsonl", "blind14.jsonl", "blind16.jsonl", "blind16_hand.txt", "blind17.jsonl",
                 "blind17_hand.txt", "blind18.jsonl", "blind18_hand.txt", "blind18_compose.py", "blind19.jsonl",
                 "blind19_hand.txt", "blind19_compose.py", "Blind19.JSONL", "blind20.jsonl", "blind20_hand.txt",
                 "blind20_compose.py", "Blind20.JSONL", "blind21.jsonl", "blind21_hand.txt", "blind21_compose.py",
                 "Blind21.JSONL", "blind22.jsonl", "blind22_hand.txt", "blind22_compose.py", "Blind22.JSONL",
                 "blind23.jsonl", "blind23_hand.txt", "blind23_compose.py", "Blind23.JSONL",
                 "blind24.jsonl", "blind24_hand.txt", "blind24_compose.py", "Blind24.JSONL",
                 "blind25.jsonl", "blind25_hand.txt", "blind25_compose.py", "Blind25.JSONL",
                 "blind26.jsonl", "blind26_hand.txt", "blind26_compose.py", "Blind26.JSONL",
                 "blind27.jsonl", "blind27_hand.txt", "blind27_compose.py", "Blind27.JSONL",
                 "blind28.jsonl", "blind28_hand.txt", "blind29.jsonl", "blind29_compose.py", "Blind29.JSONL",
                 "blind31.jsonl", "blind31_hand.txt", "Blind31.JSONL", "blind32.jsonl", "blind32_hand.txt", "Blind32.JSONL",
                 "blind33.jsonl", "blind33_hand.txt", "Blind33.JSONL",
                 "blind34.jsonl", "blind34_hand.txt", "Blind34.JSONL",
                 "blind35.jsonl", "blind35_hand.txt", "Blind35.JSONL",
                 "blind36.jsonl", "blind36_hand.txt", "Blind36.JSONL",
                 "blind37.jsonl", "blind37_hand_inj_en1.txt", "Blind37.JSONL",
                 "blind38.jsonl", "blind38_hand_inj_en1.txt", "Blind38.JSONL",
                 "blind39.jsonl", "blind39_hand_inj_en1.txt", "Blind39.JSONL",
                 "blind40.jsonl", "blind40_hand_inj_en1.txt", "Blind40.JSONL",
                 "blind41.jsonl", "blind41_hand_inj_en1.txt", "Blind41.JSONL",
                 "blind42.jsonl", "blind42_hand_inj_en1.txt", "Blind42.JSONL",
                 "blind43.jsonl", "blind43_hand_inj_en1.txt", "Blind43.JSONL",
                 "blind44.jsonl", "blind44_hand_inj_en1.txt", "Blind44.JSONL",
                 "blind45.jsonl", "blind45_hand_inj_en1.txt", "Blind45.JSONL",
                 "blind46.jsonl", "blind46_hand_inj_en1.txt", "Blind46.JSONL",
                 "blind47.jsonl", "blind47_hand_inj_en1.txt", "Blind47.JSONL",
                 "blind48.jsonl", "blind48_hand_inj_en1.txt", "Blind48.JSONL"):
        (tmp_path / "benchmarks/injection_data" / name).write_text('{"text": "ok", "label": 0}\n')
        assert injection_rows(f"benchmarks/injection_data/{name}", root=tmp_path) == [("ok", 0)]
    (tmp_path / "scripts/screen_data").mkdir(parents=True)
    (tmp_path / "scripts/screen_data/everyday49_answers.tsv").write_text("benign\tshop\tThe shop sells mugs.\n")
    assert content_rows("scripts/screen_data/everyday49_answers.tsv", root=tmp_path) == [("The shop sells mugs.", set())]


def test_without_names_sources_and_an_unknown_name_is_refused():
    assert without_arg(["--without", "data4,blind", "--without=heldout"]) == ("data4", "blind", "heldout")
    with pytest.raises(SourceError, match="unknown source nope: the sources are blind, heldout, blind3, data4, blind4, data5, "
                                          "blind5, data6, everyday6"):
        content_sources(without=("nope",))


def test_a_trainer_stops_with_the_message_not_a_traceback(tmp_path):
    script = ("import sys; from pathlib import Path; import macrohard.safety.train_sources as s; "
              f"s.ROOT = Path({str(tmp_path)!r}); "
              "s.content_rows.__defaults__ = (s.ROOT,); s.injection_rows.__defaults__ = (s.ROOT,); "
              "s.content_sources.__defaults__ = ((), s.ROOT); s.injection_sources.__defaults__ = ((), s.ROOT); "
              "from macrohard.safety import content_train; sys.exit(content_train.main([]))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    assert "is missing" in out.stderr and "--without" in out.stderr
    assert Path(ROOT / "src/macrohard/safety/data/content_model.npz").is_file()  # nothing was overwritten


def test_everyday_answers_are_read_by_the_injection_models_as_observations_with_label_0():
    # inj45 (candidate F): the published everyday answers, never everyday38 (inj45's dev set) nor everyday39 (published in the forty-sixth wave, read by no head yet)
    assert not any(p.endswith(("everyday38.tsv", "everyday39.tsv")) for p in OBSERVATION_NEGATIVES.values())
    assert "blind38" not in INJECTION_SOURCES and "blind37" in INJECTION_SOURCES
    from macrohard.safety.train_sources import injection_sources

    everyday = injection_sources(without=tuple(INJECTION_SOURCES))  # only the answers
    assert set(everyday) == set(OBSERVATION_NEGATIVES)
    rows = [row for part in everyday.values() for row in part]
    assert len(rows) > 12_000 and {label for _, label in rows} == {0}
    with pytest.raises(SourceError, match="unknown source nope"):
        injection_sources(without=("nope",))
