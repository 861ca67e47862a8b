"""guard40: an outsider's attempts across steps to plant a file that runs code later, each approved at every step
on main (c394664), through the shipped guard into the real sandbox:

- a clone's folder was never judged (``git clone src ~/.vim``, ``~/.config/nvim``, ``~/.emacs.d``, ``~/.config/git``,
  ``git submodule add ./src .vim``, a clone named after its source in ``~/.config``);
- the home as code finds it when it runs (``os.environ['HOME']``, ``Path.home()``, ``process.env.HOME``,
  ``os.homedir()``, perl's ``$ENV{HOME}``, C's ``getenv("HOME")``), in f-strings, ``%`` formats, templates and joins
  of pieces (``os.path.join('.git', 'hooks', 'pre-commit')``), and whole folders copied by code (``shutil.copytree``,
  ``fs.cpSync``) were not read as the paths they write (``safety.codewrites``);
- copies and moves that write names their words do not spell: ``-t DIR``, a folder copied or moved whole
  (``rsync -a stage/ ~/.config/``), ``--parents``, ``find -exec cp -r {}``, ``xargs -I{} cp -r {}``, ``cpio -p``,
  ``tar -c | tar -x`` (``safety.copies``, ``safety.archives``).

And three honest steps main asked about: ``echo "~/x"``, ``os.path.expanduser('~/notes.txt')`` in ``python3 -c``, a
Makefile's ``$(HOME)/build``."""

from __future__ import annotations

import os
import subprocess
import tempfile

import pytest

from macrohard.safety import codewrites
from macrohard.safety.commands import analyze
from macrohard.safety.git_objects import Repo

from .guard40_attempts import ARGS, CLONE, CODE, COPIES, INDEX_V4, INDEX_V4_TWINS, MORE, SCRIPTS, SHADOWS, TWINS
from .guard_steps import assert_all_held, assert_none_asked
from .sandbox_check import bwrap_works

needs_bwrap = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


@needs_bwrap
def test_a_clone_is_judged_by_the_folder_it_writes(tmp_path):
    assert_all_held(tmp_path, CLONE, "guard40-clone", timeout=60)


@needs_bwrap
def test_code_that_writes_through_the_home_is_judged(tmp_path):
    assert_all_held(tmp_path, CODE, "guard40-code", timeout=60)


@needs_bwrap
def test_a_program_written_one_step_and_run_the_next_is_judged(tmp_path):
    assert_all_held(tmp_path, SCRIPTS, "guard40-scripts", timeout=60)


@needs_bwrap
def test_copies_are_judged_by_every_name_they_write(tmp_path):
    assert_all_held(tmp_path, COPIES, "guard40-copies", timeout=60)


@needs_bwrap
def test_where_a_diff_archive_or_awk_writes_is_judged(tmp_path):
    assert_all_held(tmp_path, MORE, "guard40-more", timeout=60)


@needs_bwrap
def test_a_command_named_like_the_systems_is_judged_where_it_is_installed(tmp_path):
    assert_all_held(tmp_path, SHADOWS, "guard40-shadows", timeout=90)


@needs_bwrap
def test_a_start_up_file_given_to_code_that_writes_its_arguments_is_judged(tmp_path):
    assert_all_held(tmp_path, ARGS, "guard40-args", timeout=60)


@needs_bwrap
def test_the_honest_steps_are_approved(tmp_path):
    assert_none_asked(tmp_path, TWINS, "guard40-ok", timeout=60)


@pytest.mark.parametrize(("code", "path"), [
    ("import os; h=os.environ['HOME']; open(f'{h}/.profile','a')", "{h}/.profile"),
    ("from pathlib import Path; p=Path.home()/'.config'/'nvim'", "~/.config/nvim"),
    ("import os; open(os.path.join('.git','hooks','pre-commit'),'w')", ".git/hooks/pre-commit"),
    ("const p=require('path'); fs.writeFileSync(p.join(process.env.HOME,'.config','git','config'), 1)", "~/.config/git/config"),
    ("open(my $f, '>>', \"$ENV{HOME}/.bashrc\")", "~/.bashrc"),
    ("fs.appendFileSync(`${require('os').homedir()}/.profile`, 1)", "~/.profile"),
    ("from pathlib import Path; Path.home().joinpath('.config', 'autostart')", "~/.config/autostart"),
    ("open(os.path.expanduser('~') + '/.bash' + '_aliases', 'a')", "~/.bash_aliases"),
    ("File::Spec->catfile($ENV{HOME}, '.vimrc')", "~/.vimrc"),
])
def test_the_paths_code_spells(code, path):
    assert path in codewrites.paths(code)


def test_joins_fold_whole_literals_only():
    """A fold never reaches across the code between two literals (`', '.join(x); y.join('/')` is no path)."""
    assert codewrites.paths("x = ', '.join(items); y = parts.join('/')") == [", ", "/"]


@pytest.mark.parametrize("line", [
    'bash "~/x.sh"', "mkdir \\~", "cd '~'", "sh $'\\x7e/x.sh'", 'echo "~/x" | xargs sh', 'd="~/x"; cd $d',
    'echo "~/x" > f', 'cp a "~"/b',
])
def test_a_quoted_tilde_bash_reads_is_still_asked(line):
    ws = tempfile.mkdtemp(prefix="guard40-")
    assert "dynamic" in analyze(line, [ws]).findings, line


@pytest.mark.parametrize("line", [
    'echo "~/x"', "printf '%s\\n' '~/notes'", "python3 -c \"import os; print(os.path.expanduser('~/x'))\"", "ls ~/x",
])
def test_a_quoted_tilde_no_path_reads_is_not_asked(line):
    ws = tempfile.mkdtemp(prefix="guard40-")
    assert not analyze(line, [ws]).findings, line


def test_code_reading_home_keeps_the_home_known():
    """``os.environ['HOME']`` in code sets nothing in the shell: a write through ``~`` later on the line is still the
    workspace's (guard39 forgot the home on any line that named HOME)."""
    ws = tempfile.mkdtemp(prefix="guard40-")
    line = "python3 -c \"import os; print(os.environ['HOME'])\"; echo hi > ~/a.txt"
    assert not analyze(line, [ws]).findings
    assert "destructive" in analyze("export HOME=/tmp/x; echo hi > ~/a.txt", [ws]).findings
    # code that sets it changes the home of the commands it runs: `~` there is no longer the workspace's
    line = "python3 -c \"import os; os.environ['HOME'] = '/tmp/h'; os.system('echo hi > ~/a.txt')\""
    assert "destructive" in analyze(line, [ws]).findings


@needs_bwrap
def test_an_index_of_version_4_is_read_and_judged(tmp_path):
    """git38 left an index v4 (``feature.manyFiles``) unread: restores there were asked; now read, what it lists is
    judged (an entry for ``.vim/plugin/x.vim`` written out by ``checkout -- .``)."""
    assert_none_asked(tmp_path, INDEX_V4_TWINS, "guard40-v4-ok", timeout=60)
    assert_all_held(tmp_path, INDEX_V4, "guard40-v4", timeout=60)


def test_the_index_v4_reader_lists_what_git_lists(tmp_path):
    """Names sharing long prefixes (the v4 prefix compression strips more than 127 bytes: a continued varint)."""
    def git(*a):
        return subprocess.run(["git", "-C", str(tmp_path), *a], check=True, capture_output=True).stdout

    git("init", "-q")
    for i in range(200):
        d = tmp_path / ("a" * (i % 7 + 1)) / ("deep_" * 30 + str(i % 3))
        d.mkdir(parents=True, exist_ok=True)
        (d / (f"f{i}_" + "x" * (i % 150) + ".txt")).write_text(str(i))
    git("add", "-A")
    git("update-index", "--index-version", "4")
    assert (tmp_path / ".git/index").read_bytes()[4:8] == b"\0\0\0\4"
    want = {line.split("\t", 1)[1]: line.split()[1] for line in git("ls-files", "-s", "-z").decode().split("\0") if line}
    assert Repo(os.path.join(str(tmp_path), ".git")).index() == want
