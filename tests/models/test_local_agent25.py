"""agent25 (issue 18, twenty-fifth wave): a list of the files that contain a word, proved by the harness's own test
(``models/local_work_grep.py``). The shape of six published suites' tasks and of a right run of heldout17's odd half
that its acting chat judged "no"; each reading tested both ways on real files (right list "yes"; a missing, extra,
unsorted, bare-named or absent list "no"; two readings that differ here: open; words that do not say the order, or
name the files without their folder: no proof)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from macrohard.models.local_history import Past
from macrohard.models.local_shapes import OPEN
from macrohard.models.local_work import work_facts

FIXME = "List the paths of the files under src/ that contain FIXME, one per line, sorted, into fixme.txt (paths like src/x/y.py)."


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


def _codes(found: list, cwd: Path) -> list[int]:
    return [subprocess.run(["bash", "-c", f.test], cwd=cwd, capture_output=True).returncode for f in found]


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


SRC = {"src/a.py": "x = 1  # FIXME\n", "src/b/c.py": "FIXME: later\n", "src/d.py": "fine\n", "src/e.py": "fixme soon\n"}


def test_the_steps_read_and_the_list_tested_both_ways(tmp_path: Path) -> None:
    _tree(tmp_path, SRC)
    for step in ("grep -rl FIXME src | sort > fixme.txt", "find src/ -type f -exec grep -l FIXME {} \\; | sort > fixme.txt",
                 "grep -rl 'FIXME' src/ | sort > fixme.txt", "find src -type f -exec grep -l FIXME {} + | sort > fixme.txt"):
        found = work_facts(FIXME, _run(step))
        assert [f.what for f in found] == ["fixme.txt lists the files under src/ that contain FIXME, sorted"], step
    found = work_facts(FIXME, _run("grep -rl FIXME src | sort > fixme.txt"))
    cases = {"src/a.py\nsrc/b/c.py\n": 0, "./src/a.py\n./src/b/c.py\n": 0, "src//a.py\nsrc/b/c.py": 0,
             "src/b/c.py\nsrc/a.py\n": 1,  # not sorted
             "src/a.py\n": 1, "src/a.py\nsrc/b/c.py\nsrc/e.py\n": 1,  # missing, extra (another case)
             "a.py\nc.py\n": 1, "": 1}  # names without their folder, empty
    for text, want in cases.items():
        (tmp_path / "fixme.txt").write_text(text)
        assert _codes(found, tmp_path) == [want], text
    (tmp_path / "fixme.txt").unlink()
    assert _codes(found, tmp_path) == [1]  # no list at all


def test_any_order_a_named_type_and_readings_that_differ(tmp_path: Path) -> None:
    _tree(tmp_path, SRC)
    task = "Which files under src/ contain the word FIXME? Write their paths like src/x.py, one per line, to fixme.txt (any order)."
    found = work_facts(task, _run("grep -rl FIXME src > fixme.txt"))
    (tmp_path / "fixme.txt").write_text("src/b/c.py\nsrc/a.py\n")
    assert _codes(found, tmp_path) == [0]
    (tmp_path / "fixme.txt").write_text("src/b/c.py\n")
    assert _codes(found, tmp_path) == [1]
    logs = "list every .log file under pier/ (subfolders too) that contains the word ERROR, sorted, one per line, into errors.txt"
    _tree(tmp_path, {"pier/a.log": "ERROR x\n", "pier/n/b.log": "ERROR y\n", "pier/c.txt": "ERROR z\n"})
    found = work_facts(logs, _run("grep -rl ERROR pier | sort > errors.txt"))  # the step's own filter is not read
    (tmp_path / "errors.txt").write_text("pier/a.log\npier/c.txt\npier/n/b.log\n")
    assert _codes(found, tmp_path) == [1]
    (tmp_path / "errors.txt").write_text("pier/a.log\npier/n/b.log\n")
    assert _codes(found, tmp_path) == [0]
    # a lower-case word also found in another case: two readings, open (the model's own checks decide)
    lower = "list the files under src/ that mention fixme, sorted, one per line, into fixme.txt"
    found = work_facts(lower, _run("grep -rl fixme src | sort > fixme.txt"))
    (tmp_path / "fixme.txt").write_text("src/e.py\n")
    assert _codes(found, tmp_path) == [OPEN]
    # "in DIR", no depth said, and the folder has subfolders where the two lists differ: open
    flat = "list the files in src that contain FIXME, sorted, into fixme.txt"
    found = work_facts(flat, _run("grep -l FIXME src/* | sort > fixme.txt"))
    (tmp_path / "fixme.txt").write_text("src/a.py\n")
    assert _codes(found, tmp_path) == [OPEN]


def test_words_that_do_not_say_enough_give_no_proof() -> None:
    step = _run("grep -rl FIXME src | sort > fixme.txt")
    assert work_facts("List the files under src/ that contain FIXME into fixme.txt.", step) == []  # no order said
    assert work_facts("Write the names of the files in src/ that contain FIXME, sorted, into fixme.txt.", step) == []
    assert work_facts("List the files under src/ that contain TODO, sorted, into fixme.txt.", step) == []  # another word
    assert work_facts("List the files under src/ that contain FIXME, sorted, into fixme.txt, except the tests.", step) == []
    assert work_facts("List the files under src/ that contain FIXME, sorted from largest, into fixme.txt.", step) == []
    # the list and how many there are: the count would read the word in the list itself (no proof, as before)
    both = "Find the files under src that contain FIXME. Write their paths, sorted, to fixme.txt, and how many there are to n.txt."
    assert work_facts(both, _run("grep -rl FIXME src | sort > fixme.txt", "wc -l < fixme.txt > n.txt")) == []


BIG = "Which file in media/ is the largest? Write just its file name (no folder) into biggest.txt."


def test_the_largest_file_named_tested_both_ways(tmp_path: Path) -> None:
    _tree(tmp_path, {"media/a.mov": "x" * 50, "media/b.mov": "x" * 900, "media/c.txt": "x" * 10, "media/.big": "x" * 5000})
    (tmp_path / "media/sub").mkdir()  # a folder is no file (ls -S may list it first)
    for step in ("ls -S media | head -n 1 > biggest.txt", "ls -S media/ | head -1 > biggest.txt",
                 "ls -1S media | head -n1 > biggest.txt"):
        found = work_facts(BIG, _run(step))
        assert [f.what for f in found] == ["biggest.txt holds the name of the largest file in media/"], step
    found = work_facts(BIG, _run("ls -S media | head -n 1 > biggest.txt"))
    for text, want in {"b.mov\n": 0, "b.mov": 0, "media/b.mov\n": 1, "a.mov\n": 1, "sub\n": 1, ".big\n": 1, "": 1}.items():
        (tmp_path / "biggest.txt").write_text(text)
        assert _codes(found, tmp_path) == [want], text
    (tmp_path / "media/d.mov").write_text("y" * 900)  # a tie for first place: two right answers, open
    (tmp_path / "biggest.txt").write_text("b.mov\n")
    assert _codes(found, tmp_path) == [OPEN]
    path = "Which file in media/ is the largest? Write its path into biggest.txt."
    found = work_facts(path, _run("ls -S media | head -n 1 > biggest.txt"))
    (tmp_path / "media/d.mov").unlink()
    for text, want in {"media/b.mov\n": 0, "b.mov\n": 1}.items():
        (tmp_path / "biggest.txt").write_text(text)
        assert _codes(found, tmp_path) == [want], text


def test_the_newest_and_oldest_file_by_modification_time(tmp_path: Path) -> None:
    _tree(tmp_path, {"logs/a.log": "1", "logs/b.log": "22", "logs/c.log": "333"})
    for name, stamp in (("a", "2026-01-03"), ("b", "2026-01-01"), ("c", "2026-01-02")):
        subprocess.run(["touch", "-d", stamp, str(tmp_path / f"logs/{name}.log")], check=True)
    newest = work_facts("which file in logs/ was modified most recently? its name goes in newest.txt",
                        _run("ls -t logs | head -n 1 > newest.txt"))
    oldest = work_facts("Which file in logs has the oldest modification time? Write its name to oldest.txt",
                        _run("ls -tr logs | head -n 1 > oldest.txt"))
    assert [f.what for f in newest + oldest] == ["newest.txt holds the name of the newest file in logs/",
                                                 "oldest.txt holds the name of the oldest file in logs/"]
    (tmp_path / "newest.txt").write_text("a.log\n")
    (tmp_path / "oldest.txt").write_text("b.log\n")
    assert _codes(newest + oldest, tmp_path) == [0, 0]
    (tmp_path / "newest.txt").write_text("c.log\n")  # the largest, not the newest
    (tmp_path / "oldest.txt").write_text("a.log\n")
    assert _codes(newest + oldest, tmp_path) == [1, 1]


def test_a_pick_the_words_do_not_settle_gives_no_proof() -> None:
    step = _run("ls -S media | head -n 1 > biggest.txt")
    assert work_facts("Which file in media/ is the largest? Write it into biggest.txt.", step) == []  # name or path?
    assert work_facts("Which file in media/ is the newest? Write its name into biggest.txt.", step) == []  # -S, not -t
    assert work_facts("Which file in media/ is the largest but not a video? Write its name into biggest.txt.", step) == []
    assert work_facts("Which files in media/ are larger than 1 MB? Write their names into biggest.txt.", step) == []
    assert work_facts("Write the name of the largest and the smallest file in media/ into biggest.txt.", step) == []


def test_a_give_up_after_tar_into_a_missing_folder_is_asked_once_more(tmp_path: Path) -> None:
    from macrohard.models.local_giveups import TAR_FOLDER_NOTE, command_only, remedy

    task = "Unpack lua-giong.tar.gz into mo-ra/ please"
    _tree(tmp_path, {"x/a.txt": "hi\n"})
    subprocess.run(["tar", "-czf", "lua-giong.tar.gz", "x"], cwd=tmp_path, check=True)
    command = "tar -xzf lua-giong.tar.gz -C mo-ra/"
    done = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode != 0
    failed = Past({"kind": "bash", "command": command}, done.stderr + f"\n[exit code {done.returncode}]", False)
    refused = Past({"kind": "write_file", "path": "mo-ra/", "content": "mkdir -p"},
                   "Format error: write_file refused: mo-ra/ is a folder path", False)
    give_up = {"kind": "finish", "success": False, "answer": "The task cannot be done here"}
    asked: set = set()
    note = remedy(give_up, [failed, refused], task, asked)
    assert note == TAR_FOLDER_NOTE.format(folder="mo-ra") and command_only(note)
    assert remedy(give_up, [failed, refused], task, asked) == ""  # once only
    # the archive missing (tar names it, not the folder), a folder the task does not name, one outside: the give-up stands
    missing = subprocess.run(["bash", "-c", "mkdir -p mo-ra && tar -xzf nope.tar.gz -C mo-ra/"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert remedy(give_up, [Past({"kind": "bash", "command": "tar -xzf nope.tar.gz -C mo-ra/"}, missing.stderr, False)],
                  task, set()) == ""
    assert remedy(give_up, [failed], "Unpack lua-giong.tar.gz here", set()) == ""
    outside = Past({"kind": "bash", "command": "tar -xzf a.tgz -C /mnt/usb"},
                   "tar: /mnt/usb: Cannot open: No such file or directory", False)
    assert remedy(give_up, [outside], "Unpack a.tgz onto the stick at /mnt/usb", set()) == ""


def test_the_names_of_a_folders_files_sorted(tmp_path: Path) -> None:
    task = "write the names of the files in scans/ into scan-list.txt, one per line, sorted alphabetically. names only, no paths"
    _tree(tmp_path, {"scans/page-10.png": "", "scans/cover.png": "", "scans/page-02.png": "", "scans/.hidden": ""})
    for step in ("ls scans | sort > scan-list.txt", "ls -1 scans/ > scan-list.txt", "ls -1 scans | sort > scan-list.txt"):
        found = work_facts(task, _run(step))
        assert [f.what for f in found] == ["scan-list.txt holds the names of the files in scans/, sorted"], step
    cases = {"cover.png\npage-02.png\npage-10.png\n": 0, "cover.png\npage-02.png\npage-10.png": 0,
             "page-10.png\ncover.png\npage-02.png\n": 1, "cover.png\npage-02.png\n": 1,
             "scans/cover.png\nscans/page-02.png\nscans/page-10.png\n": 1, "": 1}
    for text, want in cases.items():
        (tmp_path / "scan-list.txt").write_text(text)
        assert _codes(found, tmp_path) == [want], text
    (tmp_path / "scans/old").mkdir()  # a folder inside: is it one of "the files"? two readings, open
    (tmp_path / "scan-list.txt").write_text("cover.png\npage-02.png\npage-10.png\n")
    assert _codes(found, tmp_path) == [OPEN]
    step = _run("ls scans | sort > scan-list.txt")
    assert work_facts("write the names of the files in scans/ into scan-list.txt, one per line", step) == []  # no order
    assert work_facts("write the paths of the files in scans/ into scan-list.txt, sorted", step) == []
    assert work_facts("write the names of the .png files in scans/ into scan-list.txt, sorted", step) == []
