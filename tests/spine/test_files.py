"""File tools: line-numbered views, exact edits that refuse ambiguity, the workspace jail."""

from __future__ import annotations

import os

from macrohard.envs.files import FileTools
from macrohard.types import EditFileAction, ListDirAction, ReadFileAction, WriteFileAction


def test_write_read_with_ranges(workspace):
    ft = FileTools(str(workspace))
    assert not ft.write(WriteFileAction(path="a/b.txt", content="one\ntwo\nthree\n")).error
    obs = ft.read(ReadFileAction(path="a/b.txt", start_line=2, end_line=3))
    assert obs.output == "2\ttwo\n3\tthree"


def test_edit_exact_once_returns_diff(workspace):
    (workspace / "f.py").write_text("x = 1\ny = 1\n")
    ft = FileTools(str(workspace))
    obs = ft.edit(EditFileAction(path="f.py", old="y = 1", new="y = 2"))
    assert not obs.error and "-y = 1" in obs.output and "+y = 2" in obs.output
    assert (workspace / "f.py").read_text() == "x = 1\ny = 2\n"


def test_edit_refuses_ambiguous_and_missing(workspace):
    (workspace / "f.py").write_text("a = 1\na = 1\n")
    ft = FileTools(str(workspace))
    amb = ft.edit(EditFileAction(path="f.py", old="a = 1", new="a = 2"))
    assert amb.error and "2 times" in amb.output
    missing = ft.edit(EditFileAction(path="f.py", old="zzz", new="q"))
    assert missing.error and "not found" in missing.output
    assert (workspace / "f.py").read_text() == "a = 1\na = 1\n"


def test_jail_blocks_dotdot_absolute_and_symlinks(workspace, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    os.symlink(secret, workspace / "link")
    os.symlink(tmp_path, workspace / "dirlink")
    ft = FileTools(str(workspace))
    for path in ("../secret.txt", str(secret), "link", "dirlink/secret.txt"):
        obs = ft.read(ReadFileAction(path=path))
        assert obs.error and "outside the workspace" in obs.output, path
    assert ft.write(WriteFileAction(path="dirlink/new.txt", content="x")).error
    assert not (tmp_path / "new.txt").exists()


def test_list_dir_and_binary(workspace):
    (workspace / "d").mkdir()
    (workspace / "bin").write_bytes(b"\x00\x01\x02")
    ft = FileTools(str(workspace))
    listing = ft.list(ListDirAction(path=".")).output
    assert "d/" in listing and "bin  (3 bytes)" in listing
    assert "binary" in ft.read(ReadFileAction(path="bin")).output
