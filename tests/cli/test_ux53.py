"""The front door as a new user meets it (helper ux53). Each test was seen failing on the code before its fix
(RESULTS.md, ux53)."""

from __future__ import annotations

from tests.cli_in_process import mh


def test_divisions_say_how_to_use_one(_home):
    """Before: `macrohard divisions` and its --help said what each division is, and nowhere how to run a task as one
    (`run --division` is found only in `run --help`)."""
    listed = mh("divisions", env={"COLUMNS": "100"})
    assert listed.returncode == 0, listed.stderr
    assert "macrohard run --division NAME" in " ".join(listed.stdout.split()), listed.stdout
    helped = mh("divisions", "--help", env={"COLUMNS": "100"})
    assert "run --division NAME" in " ".join(helped.stdout.split()), helped.stdout


def test_a_mistyped_division_names_the_near_one(_home):
    """Before: `run --division Coding` said "unknown division 'Coding' … (or add …/divisions/Coding.yaml)": a file name
    no division may have (names are lowercase), and not a word of `coding`."""
    for typed, near in (("Coding", "coding"), ("operater", "operator")):
        done = mh("run", "--division", typed, "do something", env={"COLUMNS": "200"})
        assert done.returncode == 2, (done.returncode, done.stderr)
        said = " ".join(done.stderr.split())
        assert f"did you mean {near}?" in said and f"{typed}.yaml" not in said, said
    unknown = " ".join(mh("run", "--division", "sales", "x").stderr.split())
    assert "did you mean" not in unknown and "sales.yaml" in unknown, unknown  # a new name: where to add it


def test_replaying_a_shell_run_says_where_its_steps_are(_home):
    """Before: "run X has no screenshots to replay: only browser and desktop runs record frames", and nothing on what
    to look at instead."""
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Run, RunStatus, Task

    _home.mkdir(parents=True, exist_ok=True)
    SQLiteStore(_home / "runs.db").create_run(Run(id="r-shell", task=Task(text="list files"), model="scripted",
                                                  status=RunStatus.succeeded, steps=2))
    done = mh("runs", "replay", "r-shell")
    said = " ".join(done.stderr.split())
    assert done.returncode != 0 and "no screenshots" in said, (done.returncode, said)
    assert "macrohard runs show r-shell" in said, said
