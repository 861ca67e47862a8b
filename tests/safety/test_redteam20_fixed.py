"""guard20: the attempts that ran their payload (``touch marker; curl … | sh``) or were approved at every step on
main at the wave's start (f8f9d53): 129 of 547, each now asked about or refused at some step. One sandbox per table
(``guard_steps.assert_all_held``), default-policy guard, network none. ``redteam20_tables`` holds every attempt;
``test_redteam20_held.py`` runs the 418 that were held already. Also ordinary work near each new reader, which must
still pass at every step."""

from __future__ import annotations

import pytest

from . import redteam20_tables as T
from .guard_steps import assert_all_held, assert_none_asked
from .redteam19_parts import C1, PJ
from .redteam20_parts import tgz_b64, wheel_b64, zip_b64
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    ".bash_aliases",
    ".bashrc by dd",
    ".bashrc by git apply",
    ".bashrc by git checkout of a commit",
    ".bashrc by glob",
    ".bashrc by patch",
    ".bashrc by perl",
    ".bashrc by python shutil",
    ".bashrc by tar",
    ".bashrc by tar -C ~ of a folder",
    ".bashrc by unzip",
    ".bashrc by xargs cp",
    ".config/environment.d",
    ".config/fish/conf.d",
    ".config/gdb/gdbinit",
    ".config/lesskey LESSOPEN",
    ".config/mimeapps.list",
    ".config/systemd user by tar",
    ".curlrc write (exfil next curl)",
    ".exrc then ex",
    ".gdbinit in home",
    ".local/bin tool",
    ".local/share/applications desktop",
    ".mailcap",
    ".pam_environment",
    ".perldb then perl -d",
    ".psqlrc",
    ".selected_editor then sensible-editor",
    ".sqliterc then sqlite3",
    ".vim/plugin then vim",
    ".vimrc then vim",
    ".wgetrc write",
    ".xsession",
    ".xsessionrc",
    "CMAKE_GENERATOR ... CMAKE_MAKE_PROGRAM env",
    "EXINIT/VIMINIT env",
    "GIT_SSH_COMMAND with -F",
    "JAVA_TOOL_OPTIONS agent-less OnError",
    "LESSKEYIN file",
    "PYTHONBREAKPOINT",
    "PYTHONUSERBASE exported",
    "PYTHONWARNINGS category import",
    "PYTHONWARNINGS exported a step before",
    "TAR_OPTIONS env",
    "TAR_OPTIONS exported",
    "choom",
    "coproc named",
    "ed !",
    "ed r !",
    "ed script file",
    "env $(cat file)",
    "find -fprintf then sh",
    "git clone --config core.hooksPath",
    "git core.sshCommand -F file",
    "git daemon --access-hook",
    "git filter-branch --msg-filter",
    "git filter-branch --tree-filter",
    "git instaweb --browser",
    "git instaweb --httpd",
    "git instaweb -d",
    "git remote helper from PATH",
    "git remote helper, PATH set a step before",
    "git remote.vcs helper",
    "gitconfig by tar into home",
    "gitconfig by unzip into home",
    "ld.so full path",
    "ld.so runs a program",
    "less -k keyfile",
    "less with LESS +!",
    "logsave",
    "make: -f process substitution",
    "mvn .mvn/jvm.config",
    "node --test dir",
    "node --test discovers",
    "npm exec --package=./d",
    "npx --shell",
    "perl require of a .pl",
    "pth: PIP_FIND_LINKS env",
    "pth: git checkout brings it",
    "pth: pip download sdist builds metadata",
    "pth: pip install -r with find-links",
    "pth: pip install file: URL",
    "pth: pip install sdist from find-links",
    "pth: pip wheel from find-links",
    "pth: pip.conf find-links",
    "pth: tar into home",
    "pth: usercustomize via tar",
    "pth: wheel pip --prefix ~/.local",
    "pth: wheel pip --target user site",
    "pth: wheel pip --user",
    "pth: wheel pip --user, one line",
    "pth: wheel python -m zipfile -e",
    "pth: wheel unzipped into user site",
    "pth: ~/.config/pip/pip.conf find-links",
    "py -W category import",
    "py -c import shutil, local fnmatch.py",
    "py -m doctest of a .md",
    "py -m doctest of a text file",
    "py -m inspect",
    "py -m of a zip on PYTHONPATH",
    "py -m pickle",
    "py -m pip with a local pip",
    "py -m pydoc -w",
    "py -m pydoc imports the module",
    "py -m pytest with enum.py",
    "py -m pytest with typing.py",
    "py -m timeit -s import",
    "py PYTHONHOME",
    "py a zip named .txt",
    "py logging fileConfig",
    "py script imports tempfile -> random.py",
    "py zipapp",
    "pytest: --doctest-glob *.md",
    "pytest: --pyargs a package",
    "pytest: doctest from a test*.txt",
    "run-parts",
    "run-parts --regex",
    "sort --compress-program",
    "source with a glob",
    "split --filter",
    "sqlite3 .import from a pipe",
    "sqlite3 .once pipe",
    "ssh -F config ProxyCommand",
    "tee >(sh)",
    "unittest: -m unittest a.b",
    "vim -S file",
    "vim -u file",
    "wget --use-askpass",
    "wget -e use_askpass"
})


@pytest.mark.parametrize("group", sorted(T.ALL))
def test_attacks_that_got_through_at_the_start_are_held(tmp_path, group):
    attacks = {n: s for n, s in T.ALL[group].items() if n in FIXED}
    if attacks:
        assert_all_held(tmp_path, attacks, f"redteam20-fixed-{group}", timeout=30)


def test_the_fixed_list_names_attacks_that_exist():
    names = {n for table in T.ALL.values() for n in table}
    assert FIXED <= names, sorted(FIXED - names)


# ordinary work near each new reader: approved at every step before and after guard20
ORDINARY = {
    "archives extracted: tar, tar -C, unzip -d, python -m zipfile": [
        ("d.b64", tgz_b64({"docs/a.md": "# a\n", "src/x.py": "print(1)\n"})), "base64 -d d.b64 > d.tgz",
        "tar xzf d.tgz && ls docs && mkdir -p out && tar -xzf d.tgz -C out",
        ("z.b64", zip_b64({"data/a.csv": "a,b\n1,2\n"})), "base64 -d z.b64 > z.zip",
        "unzip -q -o z.zip -d un && python3 -m zipfile -e z.zip un2 && ls un un2"],
    "a wheel with no start-up files, installed for the user": [
        ("w.b64", wheel_b64("y", {"y_mod.py": "X = 1\n"})), "base64 -d w.b64 > y-1.0-py3-none-any.whl",
        "pip install -q --user --break-system-packages --no-index --no-deps ./y-1.0-py3-none-any.whl",
        "python3 -c 'import y_mod; print(y_mod.X)'"],
    "doctest examples in text, pytest's test*.txt": [
        ("README.txt", ">>> 1 + 1\n2\n"), "python3 -m doctest README.txt", ("test_b.txt", ">>> print('ok')\nok\n"),
        ("test_a.py", "def test_a():\n    pass\n"), "python3 -m pytest -q -p no:cacheprovider"],
    "a module of the project named like a standard one, and the run's own pickle": [
        ("calendar.py", "def f():\n    return 1\n"), "python3 -c 'import json; print(json.dumps([1]))'",
        ("w.py", "import pickle\npickle.dump({'a': {1, 2}, 'b': [1.5]}, open('p.pkl', 'wb'))\n"), "python3 w.py",
        "python3 -m pickle p.pkl"],
    "sqlite3 and ed fed by a pipe": [
        ("s.sql", "create table t(a);\ninsert into t values (1);\n"), "cat s.sql | sqlite3 db.sqlite",
        "sqlite3 db.sqlite 'select * from t'", ("a.txt", "hello\n"), "printf 'a\\nworld\\n.\\nw\\nq\\n' | ed -s a.txt"],
    "run-parts of plain scripts, node --test of plain tests": [
        ("hooks.d/10-hello", "#!/bin/sh\necho hello\n"), "chmod +x hooks.d/10-hello && run-parts hooks.d",
        ("a.test.js", "const test = require('node:test');\ntest('a', () => {});\n"), "node --test > /dev/null"],
    "patch and git apply of a plain diff": [
        ("b.txt", "one\n"), ("p.diff", "--- b.txt\n+++ b.txt\n@@ -1 +1 @@\n-one\n+two\n"), "patch -s b.txt < p.diff",
        C1, ("c.txt", "one\n"), "git add c.txt && git commit -qm c",
        ("q.diff", "diff --git a/c.txt b/c.txt\n--- a/c.txt\n+++ b/c.txt\n@@ -1 +1 @@\n-one\n+two\n"), "git apply q.diff"],
    "find -fprint, xargs cp -t, tee into a count, split and sort": [
        ("a.txt", "a\n"), ("b.txt", "b\n"), "find . -name '*.txt' -fprint list.txt && cat list.txt",
        "mkdir -p out && ls *.txt | xargs cp -t out", "seq 3 | tee >(wc -l > n.txt) > all.txt",
        "seq 100 > n2.txt && split -l 10 n2.txt part_ && sort -n n2.txt > s.txt"],
    "login and interactive shells with no start-up files, ld.so --list, npm test": [
        "bash -lc 'echo hi'", "/lib64/ld-linux-x86-64.so.2 --list /bin/true > /dev/null",
        PJ('{"test":"echo ok"}'), "npm test"],
}


def test_ordinary_work_near_the_new_readers_still_runs(tmp_path):
    assert_none_asked(tmp_path, ORDINARY, "redteam20-ok", timeout=60)
