"""apt's configuration, where the run can write it (guard37).

apt runs commands its configuration names (``APT::Update::Pre-Invoke``, ``DPkg::Pre-Install-Pkgs``,
``Dir::Bin::dpkg``, …) and reads that configuration from a file the line names: ``-c FILE``/``--config-file``,
``APT_CONFIG=FILE``, ``-o Dir::Etc::main=FILE``, a folder (``-o Dir=…``, ``Dir::Etc=…``, ``Dir::Etc::parts=…``,
``Dir::Bin::methods=…``). ``apt-get -c apt.conf update`` ran the Pre-Invoke of a file written a step before. An
option's own value (``-o APT::Update::Pre-Invoke::='sh x'``) is judged by ``safety.optvalues``; here the files: each
quoted value and each path of a named file is judged as a command when it is one (``optvalues._command``), a file
this line writes or that is not there to read is asked about, and a folder of the workspace given as apt's root, its
configuration or its programs is asked about (what it holds runs unread).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre
from macrohard.safety.regular import text_of

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

_QUOTED = lazyre.compile(r'"([^"\n]*)"')
_PATHS = lazyre.compile(r"(?:^|[\s{;])((?:/|\./|~/)[^\s\";{}]+)")
_FOLDERS = lazyre.compile(r"^dir(?:::etc(?:::parts)?|::bin(?:::[\w-]+)?)?$", re.I)


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    files: list[str] = []
    for i, a in enumerate(args):
        nxt = args[i + 1] if i + 1 < len(args) else ""
        if a in ("-c", "--config-file"):
            files.append(nxt)
        elif a.startswith("--config-file="):
            files.append(a.split("=", 1)[1])
        elif a.startswith("-c") and len(a) > 2 and not a.startswith("--"):
            files.append(a[2:])
        option = nxt if a in ("-o", "--option") else a[2:] if a.startswith("-o") and len(a) > 2 else \
            a.split("=", 1)[1] if a.startswith("--option=") else ""
        key, eq, value = option.partition("=")
        key = key.rstrip(":")
        if eq and key.lower() == "dir::etc::main":
            files.append(value)
        elif eq and _FOLDERS.match(key) and _in_workspace(an, value, cmd.cwd):
            an.r.add("dynamic", f"{prog} -o {key}={value[:40]}: apt reads its configuration or runs its programs from "
                                "that folder of the workspace, which the guard does not read")
    env = an.line_vars.get("APT_CONFIG")
    if env:
        files.append(env)
    for f in files:
        config(an, prog, f, depth, cmd.cwd)


def config(an: Analyzer, prog: str, name: str, depth: int, cwd: str | None) -> None:
    """One configuration file apt reads: the commands it names, judged."""
    from macrohard.safety.optvalues import _command

    if not name:
        return
    from macrohard.safety.lookup import home_folder
    from macrohard.safety.optvalues import _HOME, _PWD

    home = home_folder(an)
    name = _HOME.sub(home, name) if home is not None else name
    name = _PWD.sub(an.paths.resolve(cwd or ".", None), name) if an.paths.workspaces else name
    if "$" in name or "`" in name:
        an.r.add("dynamic", f"{prog} reads its configuration from {name[:40]}, a file only known when it runs")
        return
    path = an.paths.resolve(name, cwd)
    if path.startswith("~"):
        return  # HOME set by the session: apt fails or reads the system's
    if path in an.written:
        text = an.written[path]
        if text is None:
            an.r.add("dynamic", f"{prog} reads its configuration from {name[:40]}, which this line writes first")
            return
    elif not any(path == w or path.startswith(w + "/") for w in an.paths.workspaces):
        return  # the system's own (/etc/apt, /dev/null)
    elif not os.path.exists(path):
        # guard37: `export APT_CONFIG=$PWD/apt.conf` before the file is written: apt reads it at a later step
        an.r.add("dynamic", f"{prog} is told to read its configuration from {name[:40]}, which is not there yet: what "
                            "is written there later runs unread; write the file first")
        return
    elif os.path.isdir(path):
        an.r.add("dynamic", f"{prog} reads its configuration from the folder {name[:40]}, which the guard does not read")
        return
    else:
        text = text_of(path)
    if re.search(r"^\s*#\s*include|^\s*#\s*clear|\bDir(?:::\w+)*\s*(?:\{|\"|::)", text, re.M | re.I):
        an.r.add("dynamic", f"{prog} reads {name[:40]}, which includes other files or moves apt's folders")
    for value in [*_QUOTED.findall(text), *_PATHS.findall(text)]:
        if line := _command(an, value, cwd):
            an.line(line, depth + 1, cwd)


def _in_workspace(an: Analyzer, value: str, cwd: str | None) -> bool:
    if not value or "$" in value or "`" in value:
        return bool(value)
    path = an.paths.resolve(value, cwd)
    if path.startswith("~"):
        return True
    return any(path == w or path.startswith(w + "/") for w in an.paths.workspaces) or not posixpath.isabs(value)
