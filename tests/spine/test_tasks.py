"""Task files: valid ones load, bad ones name the field and the line."""

from __future__ import annotations

import pytest

from macrohard.errors import TaskFileError
from macrohard.tasks import load_task_file, parse_task


def test_valid_task_file(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text("text: make a dir\nbudget:\n  max_steps: 4\nfiles:\n  a.txt: hi\n")
    task = load_task_file(f)
    assert task.budget.max_steps == 4 and task.files == {"a.txt": "hi"}


def test_bad_field_names_field_and_line():
    with pytest.raises(TaskFileError) as exc:
        parse_task("text: ok\nbudget:\n  max_steps: many\n", "t.yaml")
    assert "t.yaml:3" in str(exc.value) and "budget.max_steps" in str(exc.value)


def test_unknown_field_and_missing_text():
    with pytest.raises(TaskFileError) as exc:
        parse_task("txt: typo\n", "t.yaml")
    msg = str(exc.value)
    assert "t.yaml:1: text: Field required" in msg and "t.yaml:1: txt: Extra inputs" in msg


def test_yaml_syntax_error_has_line():
    with pytest.raises(TaskFileError, match=r"t.yaml:2: not valid YAML"):
        parse_task("text: a\n  - b: [\n", "t.yaml")


def test_missing_file():
    with pytest.raises(TaskFileError, match="cannot read task file"):
        load_task_file("/nonexistent/task.yaml")



def test_files_parse_to_the_pure_python_loaders_data_and_a_bad_one_gets_its_message():
    """``yamlfile.safe_load`` reads with libyaml where PyYAML has it (5-7 times faster): the data must be what
    ``yaml.safe_load`` gives (held-out suites, every YAML file of the package: suites, policies, catalogs), and a
    file that does not parse must get the pure-Python parser's message, the one users were always shown."""
    from pathlib import Path

    import yaml

    from macrohard.yamlfile import safe_load

    root = Path(__file__).resolve().parents[2]
    files = [root / "benchmarks" / "heldout" / name for name in ("heldout.yaml", "heldout10.yaml", "heldout25.yaml")]
    files += sorted((root / "src" / "macrohard").rglob("*.yaml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text()
        assert safe_load(text) == yaml.safe_load(text), path
    for bad in ("text: a\n  - b: [\n", 'text: "unclosed\nmodel: scripted\n', "text: hi\n\tmodel: x\n"):
        with pytest.raises(yaml.YAMLError) as ours:
            safe_load(bad)
        with pytest.raises(yaml.YAMLError) as pure:
            yaml.safe_load(bad)
        assert str(ours.value) == str(pure.value)
