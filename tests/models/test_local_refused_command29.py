"""agent29: after a command the harness refused (a classic mistake, ``sort f > f``), the next step offers no
``write_file`` (``local_copies.refused_command_last``): on heldout18 (dev, published) the 1.5B model answered the
refusal of ``wc -c waka.bin > size.txt`` by writing a number it never read (``1024``)."""

from __future__ import annotations

from macrohard.models.local_copies import refused_command_last, refused_write_last
from macrohard.models.local_history import Past

REFUSED = Past({"kind": "bash", "command": "wc -c waka.bin > size.txt"},
               "Format error: command refused: wc -c waka.bin > ... saves the file name with the result. wc -c ...",
               False)
FAILED = Past({"kind": "bash", "command": "wc -c waka"}, "wc: waka: No such file or directory\n[exit code 1]", False)
WORKED = Past({"kind": "bash", "command": "ls"}, "waka.bin", True)
WRITE_REFUSED = Past({"kind": "write_file", "path": "size.txt", "content": "x"},
                     "Format error: write_file refused: it copies the harness's words ('Format error:')", False)


def test_a_command_refused_last_keeps_the_write_off_for_the_next_step() -> None:
    assert refused_command_last([REFUSED]) and refused_command_last([WORKED, REFUSED])


def test_only_the_last_step_counts_and_only_a_refused_command() -> None:
    assert not refused_command_last([])
    assert not refused_command_last([REFUSED, WORKED]) and not refused_command_last([REFUSED, FAILED])
    assert not refused_command_last([FAILED]) and not refused_command_last([WRITE_REFUSED])
    # the write rule is unchanged: a refused write last, or refusals only since it
    assert refused_write_last([WRITE_REFUSED, REFUSED]) and not refused_write_last([REFUSED])


def test_a_listing_task_whose_words_name_an_extension_is_not_refused_its_wc() -> None:
    """heldout18's pawarenga (dev): "for each .txt file ... 'filename count' (its number of lines)" asks for names with
    the counts; the dot of ".txt" ended the listing's sentence, so `wc -l` with names was refused as a mistake."""
    from macrohard.models.local_mistakes import refused

    listing = ("for each .txt file in letters, write a line 'filename count' (its number of lines) to counts.txt, "
               "sorted by file name")
    assert refused({"kind": "bash", "command": "wc -l letters/a.txt > counts.txt"}, listing) == ("", "")
    # a number alone is still refused with the name after it
    alone = "how many bytes is waka.bin? number only, into size.txt"
    assert refused({"kind": "bash", "command": "wc -c waka.bin > size.txt"}, alone)[0]
    assert refused({"kind": "bash", "command": "wc -l notes.txt > n.txt"}, "count the lines of notes.txt. only the number")[0]
