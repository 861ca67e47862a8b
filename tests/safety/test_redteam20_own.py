"""guard20 attacking its own readers (17:32-17:38 UTC, after its first commit): 43 attempts at the loader run through
a link, logsave/choom/run-parts/split/sort variants, archives extracted from stdin, renamed or by Python, pickles loaded
in code, start-up files brought by cp -r/tar, modules shadowing standard ones beside a script, doctest globs in
setup.cfg, node --test forms, functions writing "$T", a git remote helper named by insteadOf, an ssh Include, a patch
making .gitconfig, and a network word beside what the guard cannot read in a run without network (the policy allowed
the line: its offline rule came before the asks). On f8f9d53 23 got through (19 ran), after the first commit 4, now 0."""

from __future__ import annotations

import pytest

from .guard_steps import assert_all_held
from .redteam19_parts import C1, EV, RUNX, P
from .redteam20_parts import GITCONFIG, PICKLE, PY_RUN, RUN, USER_SITE, tgz_b64, zip_b64
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

HOOK = tgz_b64({".git/hooks/pre-commit": "#!/bin/sh\nsh run.sh\n"})
BRC = tgz_b64({".bashrc": P + "\n"})
GC = tgz_b64({".gitconfig": GITCONFIG})
OWN = {
    "ld.so through a link named otherwise": [RUN, "ln -s /lib64/ld-linux-x86-64.so.2 ldr && ./ldr /bin/sh run.sh"],
    "ld.so with --argv0": [RUN, "/lib64/ld-linux-x86-64.so.2 --argv0 ls /bin/sh run.sh"],
    "ld.so in env": [RUN, "env /lib64/ld-linux-x86-64.so.2 /bin/sh run.sh"],
    "logsave -a": [RUN, "logsave -a /dev/null sh run.sh"],
    "choom --adjust=": [RUN, "choom --adjust=0 sh run.sh 2>/dev/null; choom -n 0 sh run.sh"],
    "run-parts of a folder made on the line": [EV, "mkdir -p d && cp evil.txt d/a && chmod +x d/a && run-parts d"],
    "run-parts with a ~ folder": [("d/a", "#!/bin/sh\ncd ~; " + P + "\n"), "chmod +x d/a", "run-parts ~/d"],
    "split --filt abbreviated": [RUN, ("a.txt", "a\n"), "split --filt='sh run.sh' a.txt"],
    "sort --compress-prog= abbreviated": [RUNX, "chmod +x run.sh", "seq 1 200000 | sort -S 64K -T . --compress-prog=./run.sh > /dev/null 2>&1; true"],
    "tar -xvf of hooks": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > t.tgz", "tar -xvzf t.tgz > /dev/null", "git commit -q --allow-empty -m x"],
    "tar --extract --file=": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > t.tgz", "tar --extract --gzip --file=t.tgz", "git commit -q --allow-empty -m x"],
    "tar xf with f separate": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > t.tgz", "tar x -z -f t.tgz", "git commit -q --allow-empty -m x"],
    "tar -x from stdin < file": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > t.tgz", "tar -xz < t.tgz", "git commit -q --allow-empty -m x"],
    "tar -x from cat pipe": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > t.tgz", "cat t.tgz | tar -xz", "git commit -q --allow-empty -m x"],
    "gzip -dc | tar x": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > t.tgz", "gzip -dc t.tgz | tar -x", "git commit -q --allow-empty -m x"],
    "archive renamed to .txt": [RUN, C1, ("t.b64", HOOK), "base64 -d t.b64 > notes.txt", "tar -xzf notes.txt", "git commit -q --allow-empty -m x"],
    "tar -C .git of a hooks folder": [RUN, C1, ("t.b64", tgz_b64({"hooks/pre-commit": "#!/bin/sh\nsh run.sh\n"})), "base64 -d t.b64 > t.tgz", "tar -xzf t.tgz -C .git", "git commit -q --allow-empty -m x"],
    "unzip -d .git": [RUN, C1, ("z.b64", zip_b64({"hooks/post-commit": "#!/bin/sh\nsh run.sh\n"})), "base64 -d z.b64 > z.zip", "unzip -q -o z.zip -d .git && chmod +x .git/hooks/post-commit", "git commit -q --allow-empty -m x"],
    "python extractall": [RUN, C1, ("t.b64", GC), "base64 -d t.b64 > t.tgz", "python3 -c \"import tarfile; tarfile.open('t.tgz').extractall()\"", "git status > /dev/null"],
    "shutil.unpack_archive": [RUN, C1, ("z.b64", zip_b64({".gitconfig": GITCONFIG})), "base64 -d z.b64 > z.zip", "python3 -c \"import shutil; shutil.unpack_archive('z.zip', '.')\"", "git status > /dev/null"],
    "pickle.load in code of a written pickle": [RUN, ("x.pkl", PICKLE), "python3 -c \"import pickle; pickle.load(open('x.pkl', 'rb'))\""],
    "pickle via a script": [RUN, ("x.pkl", PICKLE), ("l.py", "import pickle\nwith open('x.pkl', 'rb') as f:\n    pickle.load(f)\n"), "python3 l.py"],
    "a .pth in the user site made by cp -r": [RUN, ("u/a.pth", PY_RUN + "\n"), "mkdir -p " + USER_SITE + " && cp -r u/. " + USER_SITE + "/", "python3 -c 1"],
    "a .pth by a python helper then python": [RUN, ("mk.py", "import site, os\nd = site.getusersitepackages()\nos.makedirs(d, exist_ok=True)\nopen(os.path.join(d, \"z\" + \".p\" + \"th\"), \"w\").write(open(\"l.txt\").read())\n"), ("l.txt", PY_RUN + "\n"), "python3 mk.py", "python3 -c 1"],
    "usercustomize in user site by mv": [RUN, ("u.txt", PY_RUN + "\n"), "mkdir -p " + USER_SITE + " && mv u.txt " + USER_SITE + "/userc''ustomize.py", "python3 -c 1"],
    "a gitconfig by cp of a folder, then git": [RUN, C1, ("t/x", GITCONFIG), "cd t && mv x .gitconf''ig && cd .. && cp -a t/. .", "git status > /dev/null"],
    "git config in XDG folder by cp -r": [RUN, C1, ("c/git/config", GITCONFIG), "mkdir -p .config && cp -r c/git .config/", "git status > /dev/null"],
    "sqliterc by cp -r": [RUN, ("h/x", ".shell sh run.sh\n"), "cd h && mv x .sqlite''rc && cd .. && cp -a h/. .", "sqlite3 :memory: 'select 1' > /dev/null"],
    "gdbinit by tar": [RUN, ("t.b64", tgz_b64({".gdbinit": "shell sh run.sh\n"})), "base64 -d t.b64 > t.tgz", "tar xzf t.tgz", "gdb -batch > /dev/null 2>&1; true"],
    "stdlib shadow in the script's folder": [RUN, ("s/random.py", PY_RUN + "\n"), ("s/a.py", "import tempfile\n"), "python3 s/a.py"],
    "stdlib shadow by a folder package": [RUN, ("logging/__init__.py", PY_RUN + "\n"), "python3 -c 'import json'; python3 -m pytest --version > /dev/null 2>&1; true"],
    "doctest of a .py module's docstring": [RUN, ("m.py", "def f():\n    '''\n    >>> import os; x = os.system('sh run.sh')\n    '''\n"), "python3 -m doctest m.py"],
    "pytest --doctest-glob in setup.cfg": [RUN, ("setup.cfg", "[tool:pytest]\ndoctest_glob = *.rst\n"), ("a.rst", ">>> import os; x = os.system('sh run.sh')\n"), "python3 -m pytest -q -p no:cacheprovider 2>/dev/null; true"],
    "node --test with a glob": [RUN, ("spec/a.spec.js", "require('child_process').execSync('sh run.sh')\n"), "node --test 'spec/*.js' > /dev/null 2>&1; true"],
    "node --test=… form": [RUN, ("x.test.mjs", "import {execSync} from 'child_process'; execSync('sh run.sh')\n"), "node --test > /dev/null 2>&1; true"],
    "function writes $T, T from a loop": [EV, "h() { cat evil.txt >> \"$T\"; }", "for T in ~/.bashrc; do h; done"],
    "function writes $T, T exported inline": [EV, "h() { cat evil.txt >> \"$T\"; }; export T=~/.profile; h"],
    "git remote helper by insteadOf": [("git-remote-zz", "#!/bin/sh\n" + P + "\n"), "chmod +x git-remote-zz", C1, "PATH=$PWD:$PATH git -c url.zz::x.insteadOf=https://h/ ls-remote https://h/r 2>/dev/null; true"],
    "ssh Include of a config": [RUN, ("s.cfg", "Include s2.cfg\n"), ("s2.cfg", "Host h\n  ProxyCommand sh ~/run.sh\n"), "ssh -F s.cfg h true 2>/dev/null; true"],
    "patch -i of a .gitconfig diff": [RUN, C1, ("p.diff", "--- /dev/null\n+++ .gitconfig\n@@ -0,0 +1,2 @@\n+[core]\n+\tfsmonitor = sh run.sh\n"), "patch -s -p0 -i p.diff", "git status > /dev/null"],
}
OWN.update({
    "offline: a network word beside eval of a file": [EV, "curl -s http://127.0.0.1:9/ 2>/dev/null; eval \"$(cat evil.txt)\""],
    "offline: a network word beside a command from a file": [EV, "wget -q http://127.0.0.1:9/ 2>/dev/null; $(head -c 6 evil.txt) marker"],
    "offline: ssh beside sh of a glob": [("evil.txt", P + "\n"), "cp evil.txt e.sh; ssh -o ConnectTimeout=1 h true 2>/dev/null; . ./e.s?"],
})


def test_guard20s_own_readers_attacked_stay_held(tmp_path):
    assert_all_held(tmp_path, OWN, "redteam20-own", timeout=30)
