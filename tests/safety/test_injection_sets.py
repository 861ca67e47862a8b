"""What every fresh injection set since blind13 meets (benchmarks/injection_data/blindN.jsonl, each written blind by
a helper who saw no training data): the file is exactly what its seeded builder composes from its hand files, every
row has the fields and a label that agrees with its style and kind, no text is trimmed badly and none repeats. What
one set adds (its styles, sources, languages, disguises) is in test_injection_set_shapes.py from blind19 on (each set's
numbers as data), in its own test_blindN_injection_set.py before."""

from __future__ import annotations

import pytest

from .injection_sets import (
    DATA,
    assert_composed_varied,
    assert_hand_headers_checked,
    assert_no_older_text,
    assert_row_fields,
    compose_module,
    set_rows,
)

SETS = ("blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21",
        "blind22", "blind23", "blind24", "blind25")
# for the hand-file reader's check: a style, a source and a language each set's hand files use, and two lines in it
HAND_HEADERS = {
    "blind13": ("direct_order", "email", "de", ("Zeile eins", "Zeile zwei")),
    "blind14": ("voice_request", "ticket", "sv", ("Rad ett", "Rad två")),
    "blind15": ("voice_request", "ticket", "fi", ("Rivi yksi", "Rivi kaksi")),
    "blind16": ("summary_hook", "web_page", "eu", ("Lerro bat", "Bigarren lerroa")),
    "blind17": ("caption", "image_caption", "mi", ("He rārangi tuatahi", "Te rārangi tuarua")),
    "blind18": ("signature_block", "wiki_page", "cy", ("Llinell un", "Llinell dau")),
    "blind19": ("reported_speech", "chat", "yo", ("Ìlà kìíní", "Ìlà kejì")),
    "blind20": ("voice_request", "voicemail", "am", ("መስመር አንድ", "መስመር ሁለት")),
    "blind21": ("caption", "image_caption", "ka", ("პირველი ხაზი", "მეორე ხაზი")),
    "blind22": ("reported_speech", "chat", "sw", ("Mstari wa kwanza", "Mstari wa pili")),
    "blind23": ("voice_request", "voicemail", "km", ("ជួរទីមួយ", "ជួរទីពីរ")),
    "blind24": ("reported_speech", "chat", "bn", ("প্রথম লাইন", "দ্বিতীয় লাইন")),
    "blind25": ("polite_indirect", "email", "kn", ("ಮೊದಲ ಸಾಲು", "ಎರಡನೇ ಸಾಲು")),
}


@pytest.mark.parametrize("name", SETS)
def test_file_is_regenerated_byte_for_byte(name):
    assert compose_module(name).build().encode("utf-8") == (DATA / f"{name}.jsonl").read_bytes()


@pytest.mark.parametrize("name", SETS)
def test_rows_have_the_fields_and_labels_and_no_text_repeats(name):
    rows = set_rows(name)
    assert_row_fields(rows, trimmed=True)
    assert len({r["text"] for r in rows}) == len(rows)


@pytest.mark.parametrize("name", SETS)
def test_composed_rows_are_varied_and_no_text_is_shared_with_other_sets(name):
    rows = set_rows(name)
    assert_composed_varied(rows)
    assert_no_older_text(rows, name, older_sets=int(name.removeprefix("blind")) - 3)


@pytest.mark.parametrize("name", SETS)
def test_hand_file_headers_are_checked(name, tmp_path, monkeypatch):
    compose = compose_module(name)
    monkeypatch.setattr(compose, "HANDS", (tmp_path / "hand.txt",))
    assert_hand_headers_checked(compose, tmp_path / "hand.txt", *HAND_HEADERS[name])
