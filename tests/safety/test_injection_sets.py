"""What every fresh injection set since blind13 meets (benchmarks/injection_data/blindN.jsonl, each written blind by
a helper who saw no training data): the file is exactly what its seeded builder composes from its hand files, every
row has the fields and a label that agrees with its style and kind, no text is trimmed badly and none repeats. What
one set adds (its styles, sources, languages, disguises) stays in its own test_blindN_injection_set.py."""

from __future__ import annotations

import pytest

from .injection_sets import DATA, assert_row_fields, compose_module, set_rows

SETS = ("blind13", "blind14", "blind15", "blind16", "blind17")


@pytest.mark.parametrize("name", SETS)
def test_file_is_regenerated_byte_for_byte(name):
    assert compose_module(name).build().encode("utf-8") == (DATA / f"{name}.jsonl").read_bytes()


@pytest.mark.parametrize("name", SETS)
def test_rows_have_the_fields_and_labels_and_no_text_repeats(name):
    rows = set_rows(name)
    assert_row_fields(rows, trimmed=True)
    assert len({r["text"] for r in rows}) == len(rows)
