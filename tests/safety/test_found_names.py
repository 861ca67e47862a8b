"""``find -exec PROG … {}``: a found name given to a program whose words after its script are only input files (sed,
awk) is a file to read, never code, when it stands alone after the script and after a word that is not an option
(heldout14's oracle `find docs -name '*.md' -exec sed -i 's/a/b/g' {} +` was asked after guard19). Everywhere else
the name stays unknown words (``safety.spliced``)."""

from __future__ import annotations

import pytest

from macrohard.safety.commands import analyze

ORDINARY = [
    "find docs -name '*.md' -exec sed -i 's/recieve/receive/g' {} +",
    "find . -name '*.txt' -exec awk '{ n++ } END { print n }' {} \\;",
    "find . -name '*.cfg' -exec sed -i -e 's/a/b/' -e 's/c/d/' {} +",
]
HELD = [
    "find . -exec sed {} \\;",  # the name as sed's script
    "find . -exec sed -f {} x \\;",  # as the value of an option
    "find . -exec sed -e {} x \\;",
    "find . -exec sed -i {} \\;",
    "find . -exec sed 's/a/b/' x{} \\;",  # inside a word
    "find . -execdir sed 's/a/b/' {} \\;",
    "find . -exec sed s/a/b/ -- {} +",
    "find . -exec awk -f {} x \\;",
    "find . -exec git add {} \\;",  # a program with subcommands and options stays asked
    "find . -name '*.txt' -exec sed e {} +",  # the script itself runs code
    "find . -exec awk '{system($0)}' {} +",
]


@pytest.mark.parametrize("command", ORDINARY)
def test_a_found_name_read_as_a_file_passes(tmp_path, command):
    assert analyze(command, [str(tmp_path)]).findings == {}


@pytest.mark.parametrize("command", HELD)
def test_a_found_name_anywhere_else_is_asked(tmp_path, command):
    assert analyze(command, [str(tmp_path)]).findings, command


def test_a_file_named_like_sed_options_stays_a_file_across_steps(tmp_path):
    """The attack the rule must survive, run for real: an earlier step makes a file whose name is a sed option that
    runs a command; find hands sed the name with its starting point in front (``docs/-e1e…``), so nothing runs."""
    from .guard_steps import run_many

    steps = ["mkdir -p docs && touch 'docs/-e1e touch marker #.md' && echo recieve > docs/a.md",
             "find docs -name '*.md' -exec sed -i 's/recieve/receive/g' {} +"]
    verdicts, marker = run_many(tmp_path, {"option-named file": steps}, "found-names")["option-named file"]
    assert [v.decision.value for v in verdicts] == ["allow", "allow"] and not marker
