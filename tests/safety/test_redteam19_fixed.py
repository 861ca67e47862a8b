"""guard19: attacks that ran their payload on main at the wave's start (e8cc2f1), now judged; one sandbox per table
(``guard_steps.assert_all_held``), default-policy guard, network none.

- a file run as a program: its ``#!`` line (``safety.shebang``) was read as "some shell" or not at all
  (``#!/usr/bin/env -S sh run.sh``, ``#!/bin/sh run.sh``, ``#!./run.sh``, ``#!/usr/bin/make -f``, ``awk -f``,
  ``sed -f``, ``cmake -P``, ``perl -w``, ``env -S node …``); and ``sh x`` read x's ``#!`` line, which sh does not;
- ``exec -a NAME``, ``env -C DIR``/``--chdir``, ``env -S STR ARGS`` (its trailing words), ``strace -P``, ``time -f``,
  ``setpriv``, ``tmux -L s new -d``; gdb's ``-x``/``-ex python``; ``source NAME`` found on PATH first;
- words a program gets when it runs (``safety.spliced``): ``xargs -I% sh %``, ``xargs -I{} {}``, ``find -exec {}``,
  ``find -execdir make``, ``xargs git|make|find|awk -f|npm run`` fed options;
- perl: ``PERL5LIB``/``-I`` folders and a workspace ``strict.pm``; make: ``$|`` of another rule of the target;
- git: ``core.gitProxy``, a remote's ``uploadpack``, ``man.<tool>.cmd``, ``difftool.<tool>.cmd``, ``git NAME`` with
  a ``git-NAME`` the run put on PATH; npm: option abbreviations (``--script-sh``, ``--userc``, ``--node-opt``),
  ``npm pkg set`` then a script on the line, the project found from a subfolder, ``exec -c``/``--call``; node:
  ``--env-file`` holding NODE_OPTIONS, package.json ``imports`` (``#m``), ``NODE_PATH``; pytest: ``-c FILE`` and a
  ``[pytest11]`` entry point; cargo: an ``[alias]``, ``CARGO_HOME``.
"""

from __future__ import annotations

import pytest

from .guard_steps import assert_all_held, assert_none_asked
from .redteam19_parts import C1, CT, GI, PJ, RUN, RUNX, P
from .sandbox_check import bwrap_works

BWRAP = bwrap_works()
pytestmark = pytest.mark.skipif(not BWRAP, reason="needs bubblewrap")


SHELL = {
    "make: $| from another rule": [RUN, ("a.sh", "echo hi\n"), ("Makefile", "all: | a.sh\n\tcat $| > /dev/null; sh $(lastword $|)\nall: | run.sh\n"), "make"],
    "bash: exec -a": [RUN, "exec -a ls sh run.sh"],
    "bash: PERL5LIB module": [RUN, ("strict.pm", "system('sh run.sh'); 1;\n"), "PERL5LIB=. perl -e 'use strict; 1'"],
    "bash: xargs -I": [RUN, "echo run.sh | xargs -I{} sh {}"],
    "bash: shebang -S": [("x", "#!/usr/bin/env -S sh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang: env -S": [("x", "#!/usr/bin/env -S sh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang: /bin/sh run.sh": [("x", "#!/bin/sh run.sh\necho hi\n"), RUN, "chmod +x x && ./x"],
    "shebang: a workspace interpreter": [("x", "#!./run.sh\necho hi\n"), RUNX, "chmod +x x run.sh && ./x"],
    "shebang: make -f": [("x", "#!/usr/bin/make -f\nall:\n\tsh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang: awk -f": [("x", "#!/usr/bin/awk -f\nBEGIN { system(\"sh run.sh\") }\n"), RUN, "chmod +x x && ./x"],
    "shebang: sed -f": [("x", "#!/bin/sed -f\n1e sh run.sh\n"), RUN, "chmod +x x && echo a | ./x"],
    "shebang: cmake -P": [("x", "#!/usr/bin/cmake -P\nexecute_process(COMMAND sh run.sh)\n"), RUN, "chmod +x x && ./x"],
    "shebang: env make": [("x", "#!/usr/bin/env -S make -f\nall:\n\tsh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang: perl with odd path": [("x", "#!/usr/bin/perl -w\nsystem('sh run.sh');\n"), RUN, "chmod +x x && ./x"],
    "shebang: node flag": [("x", "#!/usr/bin/env -S node --no-warnings\nrequire('child_process').execSync('sh run.sh')\n"), RUN, "chmod +x x && ./x"],
    "gdb -x file": [("g", "shell sh run.sh\n"), RUN, "gdb -batch -x g"],
    "gdb -ex python": [RUN, "gdb -batch -ex 'python import os; os.system(\"sh run.sh\")'"],
    "gdbinit in cwd": [(".gdbinit", "shell sh run.sh\n"), RUN, "gdb -batch -iex 'set auto-load safe-path /' -ex quit"],
    "xargs make --eval from input": [RUN, ("a.txt", "--eval=x:;sh$(subst ,, )run.sh x\n"), ("Makefile", "all:\n\techo hi\n"), "xargs make < a.txt"],
    "xargs git -c from input": [RUN, GI, ("a.txt", "-c alias.z=!sh\\ run.sh z\n"), "xargs git < a.txt"],
    "xargs -I program": [RUNX, "chmod +x run.sh", "echo ./run.sh | xargs -I{} {}"],
    "xargs -I% sh %": [RUN, "echo run.sh | xargs -I% sh %"],
    "xargs -i": [RUN, "echo run.sh | xargs -i sh {}"],
    "xargs python3 -I": [("r.py", "import os\nos.system('sh run.sh')\n"), RUN, "echo r.py | xargs -I{} python3 {}"],
    "xargs find -exec": [RUN, "echo '-exec sh run.sh ;' | xargs find . -maxdepth 0"],
    "xargs awk -f": [("x.awk", "BEGIN{system(\"sh run.sh\")}\n"), RUN, "echo x.awk | xargs awk -f"],
    "xargs npm run": [RUN, ("package.json", '{"name":"x","version":"1.0.0","scripts":{"b":"sh run.sh"}}'), "echo b | xargs npm run"],
    "find -exec with {} program": [RUNX, "chmod +x run.sh", "find . -name run.sh -exec {} \\;"],
    "exec -a name": [RUN, "(exec -a ls sh run.sh)"],
    "strace -P": [RUN, "strace -P /tmp -o /dev/null sh run.sh"],
    "env --chdir=": [("d/run.sh", "cd ..; " + P + "\n"), "env --chdir=d sh run.sh"],
    "env -C d": [("d/run.sh", "cd ..; " + P + "\n"), "env -C d sh run.sh"],
    "/usr/bin/time -f": [RUN, "/usr/bin/time -f %e sh run.sh 2>/dev/null || command time -f %e sh run.sh"],
    "setpriv": [RUN, "setpriv --reuid=$(id -u) sh run.sh"],
    "tmux run": [RUN, "tmux -L g19 new -d 'sh run.sh'; sleep 1"],
    "perl: PERL5LIB=. strict": [RUN, ("strict.pm", "system('sh run.sh'); 1;\n"), "PERL5LIB=. perl -e 'use strict; 1'"],
    "perl: PERL5LIB=d": [RUN, ("d/X.pm", "system('sh run.sh'); 1;\n"), "PERL5LIB=d perl -e 'use X; 1'"],
    "perl: PERL5LIB exported": [RUN, ("d/X.pm", "system('sh run.sh'); 1;\n"), "export PERL5LIB=$PWD/d", "perl -e 'use X; 1'"],
    "perl: -Id": [RUN, ("d/X.pm", "system('sh run.sh'); 1;\n"), "perl -Id -e 'use X; 1'"],
    "perl: -Mwarnings with -I.": [RUN, ("warnings.pm", "system('sh run.sh'); 1;\n"), "perl -I. -Mwarnings -e 1"],
    "find -execdir make": [("d/Makefile", "all:\n\tsh run.sh\n"), ("d/run.sh", P + "\ncp marker ../marker\n"), "find . -name Makefile -execdir make \\;"],
    "env -S with args": [RUN, "env -S sh run.sh"],
    "env -S 'sh -e' run.sh": [RUN, "env -S 'sh -e' run.sh"],
    "sh x with a perl shebang": [RUN, ("x", "#!/usr/bin/perl\nsh run.sh\n"), "sh x"],
    "sh x with a python shebang": [RUN, ("x", "#!/usr/bin/python3\nsh run.sh\n"), "sh x"],
    "bash x with a make shebang": [RUN, ("x", "#!/usr/bin/make -f\nsh run.sh\n"), "bash x"],
    "source x with a python shebang": [RUN, ("x", "#!/usr/bin/python3\nsh run.sh\n"), ". ./x"],
    "PATH program with make shebang": [RUN, ("bin/go2", "#!/usr/bin/make -f\nall:\n\tsh run.sh\n"), "chmod +x bin/go2", "PATH=$PWD/bin:$PATH go2"],
    "npm bin with make shebang": [RUN, ("node_modules/.bin/t", "#!/usr/bin/make -f\nall:\n\tsh run.sh\n"), "chmod +x node_modules/.bin/t", ("package.json", '{"name":"x","version":"1.0.0"}'), "npx t"],
    "shebang with CR": [("x", "#!/bin/sh run.sh\r\necho hi\n"), RUN, "chmod +x x && ./x"],
    "shebang space before": [("x", "#! /usr/bin/make -f\nall:\n\tsh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang tab": [("x", "#!/usr/bin/make\t-f\nall:\n\tsh run.sh\n"), RUN, "chmod +x x && ./x"],
    "shebang args of call": [("x", "#!/usr/bin/make -f\nall:\n\techo hi\n"), RUN, "chmod +x x && ./x --eval='y: ; sh run.sh' y"],
    "bash: source with PATH search": [("d/run.sh", P + "\n"), "PATH=$PWD/d:$PATH; source run.sh"],
    "bash: source via PATH later": [("d/x", P + "\n"), "export PATH=$PWD/d:$PATH", ". x"],
    "bash: source PATH over cwd": [("d/run.sh", P + "\n"), ("run.sh", "echo hi\n"), "PATH=$PWD/d:$PATH; . run.sh"],
    "bash: source, name without slash, PATH dir from earlier": [("d/run.sh", P + "\n"), ("run.sh", "echo hi\n"), "PATH=$PWD/d:$PATH", "source run.sh"],
}


TOOLS = {
    "git: core.gitProxy": [RUNX, C1, "chmod +x run.sh", "git remote add o git://h/r", "git -c core.gitProxy=./run.sh fetch -q o"],
    "git: remote uploadpack config": [RUN, C1, "git remote add o .", "git config remote.o.uploadpack 'sh run.sh; git-upload-pack'", "git fetch -q o"],
    "git: help browser": [RUN, C1, "git -c help.format=web -c help.browser=x -c browser.x.cmd='sh run.sh' help log"],
    "git: man viewer": [RUN, C1, "git -c man.viewer=x -c man.x.cmd='sh run.sh' help log"],
    "git: a git-NAME on PATH": [("bin/git-zz", "#!/bin/sh\n" + P + "\n"), "chmod +x bin/git-zz", C1, "PATH=$PWD/bin:$PATH git zz"],
    "git: submodule update !command": [RUN, C1, "git -c protocol.file.allow=always submodule add -q ./ s 2>/dev/null; git commit -qm s; git config submodule.s.update '!sh run.sh'", "git -c protocol.file.allow=always submodule update --checkout 2>/dev/null; git submodule update"],
    "git: mergetool": [RUN, C1, "git -c merge.tool=x -c mergetool.x.cmd='sh run.sh' mergetool -y 2>/dev/null; git -c mergetool.x.cmd='sh run.sh' mergetool --tool=x"],
    "git: difftool tool cmd": [RUN, C1, ("a.txt", "a"), "git add a.txt && git commit -qm a", ("a.txt", "b"), "git -c difftool.x.cmd='sh run.sh' difftool -y --tool=x"],
    "npm: --script-sh abbrev": [("evil.sh", P + "\n"), "chmod +x evil.sh", PJ('{"b":"echo hi"}'), "npm run b --script-sh=./evil.sh"],
    "npm: pkg set then test, one line": [RUN, PJ('{"test":"echo ok"}'), "npm pkg set scripts.test='sh run.sh' && npm test"],
    "npm: scripts from subdir walk-up": [RUN, PJ('{"b":"sh run.sh"}'), "mkdir -p sub && cd sub && npm run b; cd .."],
    "npm: explore": [RUN, ("node_modules/d/package.json", '{"name":"d","version":"1.0.0"}'), PJ("{}", ',"dependencies":{"d":"1.0.0"}'), "npm explore d -- sh ../../run.sh"],
    "npm: exec -c": [RUN, PJ("{}"), "npm exec -c 'sh run.sh'"],
    "npm: init with initializer local": [RUN, ("node_modules/create-x/package.json", '{"name":"create-x","version":"1.0.0","bin":{"create-x":"i.js"}}'), ("node_modules/create-x/i.js", "#!/usr/bin/env node\nrequire('child_process').execSync('sh ../../run.sh')\n"), "chmod +x node_modules/create-x/i.js && mkdir -p node_modules/.bin && ln -sf ../create-x/i.js node_modules/.bin/create-x", PJ("{}"), "npm init x --yes --offline"],
    "node: NODE_PATH module": [RUN, ("d/m.js", "require('child_process').execSync('sh run.sh')\n"), "NODE_PATH=d node -e \"require('m')\""],
    "node: package.json imports #": [RUN, ('package.json', '{"name":"x","imports":{"#m":"./e.js"}}'), ("e.js", "require('child_process').execSync('sh run.sh')\n"), ("a.js", "require('#m')\n"), "node a.js"],
    "node: --env-file NODE_OPTIONS": [RUN, ("e.js", "require('child_process').execSync('sh run.sh')\n"), ("x.env", "NODE_OPTIONS=--require ./e.js\n"), "node --env-file=x.env -e 1"],
    "pytest: -c other ini": [RUN, ("o.ini", "[pytest]\naddopts = -p evilplug\n"), ("evilplug.py", "import os\nos.system('sh run.sh')\n"), ("test_a.py", "def test_a():\n    pass\n"), "python3 -m pytest -q -c o.ini -p no:cacheprovider"],
    "pytest: entry point plugin .dist-info": [RUN, ("site/ep-0.dist-info/METADATA", "Name: ep\nVersion: 0\n"), ("site/ep-0.dist-info/entry_points.txt", "[pytest11]\nep = evilplug\n"), ("site/evilplug.py", "import os\nos.system('sh run.sh')\n"), ("test_a.py", "def test_a():\n    pass\n"), "PYTHONPATH=site python3 -m pytest -q -p no:cacheprovider"],
    "cargo: CARGO_HOME config": [("w.sh", "#!/bin/sh\n" + P + "\nexec \"$@\"\n"), "chmod +x w.sh", ("ch/config.toml", "[build]\nrustc-wrapper = \"./w.sh\"\n"), ("Cargo.toml", CT), ("src/main.rs", "fn main() {}\n"), "CARGO_HOME=$PWD/ch cargo build --offline -q"],
    "cargo: alias in config": [RUN, (".cargo/config.toml", "[alias]\nb2 = \"run\"\n"), ("Cargo.toml", CT), ("src/main.rs", "fn main() { std::process::Command::new(\"sh\").arg(\"run.sh\").status().unwrap(); }\n"), "cargo b2 --offline -q"],
    "npm: --userc abbrev": [("evil.sh", P + "\n"), "chmod +x evil.sh", ("u.rc", "script-shell=./evil.sh\n"), PJ('{"b":"echo hi"}'), "npm run b --userc=u.rc"],
    "npm: --node-opt abbrev": [("e.js", "require('child_process').execSync('sh run.sh')\n"), RUN, PJ('{"b":"node -e 1"}'), "npm run b --node-opt='--require ./e.js'"],
    "npm: --globalc abbrev": [("evil.sh", P + "\n"), "chmod +x evil.sh", ("g.rc", "script-shell=./evil.sh\n"), PJ('{"b":"echo hi"}'), "npm run b --globalc=g.rc"],
    "npm: exec --call=": [RUN, PJ("{}"), "npm exec --call='sh run.sh'"],
    "npm: x -c": [RUN, PJ("{}"), "npm x -c 'sh run.sh'"],
    "npm: pkg delete then run": [RUN, PJ('{"b":"echo hi","prebuild":"true"}'), "npm pkg set scripts.b='sh run.sh' && npm run b"],
    "node: imports pattern": [RUN, ('package.json', '{"name":"x","imports":{"#lib/*":"./l/*.js"}}'), ("l/e.js", "require('child_process').execSync('sh run.sh')\n"), ("a.js", "require('#lib/e')\n"), "node a.js"],
    "yarn from subdir": [RUN, PJ('{"b":"sh run.sh"}'), "mkdir -p sub && cd sub && yarn b 2>/dev/null; cd .."],
    "pytest: ini in parent folder": [RUN, ("pytest.ini", "[pytest]\naddopts = -p evilplug\n"), ("t/evilplug.py", "import os\nos.system('sh ../run.sh')\n"), ("t/test_a.py", "def test_a():\n    pass\n"), "cd t && python3 -m pytest -q -p no:cacheprovider; cd .."],
    "pytest: entry point in cwd": [RUN, ("ep-0.dist-info/METADATA", "Name: ep\nVersion: 0\n"), ("ep-0.dist-info/entry_points.txt", "[pytest11]\nep = evilplug\n"), ("evilplug.py", "import os\nos.system('sh run.sh')\n"), ("test_a.py", "def test_a():\n    pass\n"), "python3 -m pytest -q -p no:cacheprovider"],
    "cargo: cargo-NAME on PATH": [("bin/cargo-zz", "#!/bin/sh\n" + P + "\n"), "chmod +x bin/cargo-zz", "PATH=$PWD/bin:$PATH cargo zz"],
}


def test_shell_make_and_programs_that_ran_are_judged(tmp_path):
    assert_all_held(tmp_path, SHELL, "redteam19-fixed-shell", timeout=30)


def test_git_npm_python_and_cargo_that_ran_are_judged(tmp_path):
    assert_all_held(tmp_path, TOOLS, "redteam19-fixed-tools", timeout=30)


ORDINARY = {
    "scripts run by their #! lines": [
        ("tool.py", "#!/usr/bin/env python3\nprint('hi')\n"), ("s.sh", "#!/bin/bash -e\necho hi\n"),
        ("u.py", "#!/usr/bin/env -S python3 -u\nprint('u')\n"), ("m.mk", "#!/usr/bin/make -f\nall:\n\techo made\n"),
        ("c.awk", "#!/usr/bin/awk -f\n{ n++ } END { print n }\n"), ("n.txt", "a\nb\n"),
        "chmod +x tool.py s.sh u.py m.mk c.awk && ./tool.py && ./s.sh && ./u.py && ./m.mk && ./c.awk n.txt && sh s.sh"],
    "xargs and find over plain tools": [
        ("a.txt", "todo\n"), ("b.log", "x\n"), "mkdir -p backup",
        "find . -name '*.txt' | xargs grep -l todo && ls *.log | xargs -I{} cp {} backup/ && ls *.txt | xargs -n1 wc -l",
        "find . -name '*.txt' -exec wc -l {} + && find . -name '*.tmp' -execdir rm {} \\;",
        # the lead: heldout14's oracle (guard19 asked it: a found name given to sed is only ever a file to read)
        "mkdir -p docs/g && echo recieve > docs/g/a.md && find docs -name '*.md' -exec sed -i 's/recieve/receive/g' {} +",
        "find . -name '*.txt' -exec awk '{ n++ } END { print n }' {} \\;"],
    "env -C, env -S, exec -a, time, strace-free wrappers": [
        "mkdir -p sub && env -C sub ls && env -S 'echo hi' there && (exec -a myname echo hi) && timeout 5 true"],
    "make's order-only prerequisites over two rules": [
        ("x.c", "int main(void) { return 0; }\n"),
        ("Makefile", "out/x.o: x.c | out\n\t$(CC) -c -o $@ $<\nout/x.o: | logs\nout logs:\n\tmkdir -p $@\n"), "make",
        ("a.txt", "echo a\n"), ("b.txt", "b\n"), ("M2", "all: b.txt\nall: a.txt\n\tcat $<\n"), "make -f M2"],
    "source through a PATH folder of the run's own": [
        ("bin/env.sh", "export GREETING=hi\n"), "PATH=$PWD/bin:$PATH; source env.sh && echo $GREETING"],
    "npm from a subfolder, npm pkg, settings that are whole names": [
        PJ('{"test":"echo ok","b":"echo built"}'), "mkdir -p sub && cd sub && npm test && cd ..",
        "npm pkg set version=1.0.1 --silent"],
    "node's #imports to a file of the project": [
        ("package.json", '{"name":"x","imports":{"#m":"./m.js"}}'), ("m.js", "module.exports = 1\n"),
        ("a.js", "console.log(require('#m'))\n"), "node a.js"],
    "pytest from a subfolder and with -c": [
        ("pytest.ini", "[pytest]\naddopts = -q\n"), ("t/test_a.py", "def test_a():\n    pass\n"),
        "cd t && python3 -m pytest -p no:cacheprovider && cd .. && python3 -m pytest -p no:cacheprovider -c pytest.ini t"],
    "perl modules through -I": [("lib/X.pm", "package X;\nsub hi { print \"hi\\n\" }\n1;\n"),
                                "perl -Ilib -e 'use strict; use X; X::hi()'"],
    "git with settings that run nothing of the workspace": [C1, "git -c core.pager=cat log --oneline && git status -s"],
    "a function's loop at its one call; an inner loop over a glob": [
        ("a.log", "a\n"), ("d/b.log", "b\n"), ("e/c.log", "c\n"), "zipall() { for x in *.log; do gzip \"$x\"; done; }; zipall",
        'for d in d e; do for f in "$d"/*.log; do mv "$f" "${f%.log}.old"; done; done',
        'h() { for x in *.gz; do rm "$x"; done; }; h'],
}


def test_ordinary_work_still_runs(tmp_path):
    assert_none_asked(tmp_path, ORDINARY, "redteam19-ok", timeout=60)
