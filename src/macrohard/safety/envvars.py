"""Environment variables that programs read as commands or as code to load.

``BASH_ENV``, ``PROMPT_COMMAND``, ``LD_PRELOAD`` and git's command variables were judged; others carried the
payload past the guard: ``LESSOPEN='|sh -c …' less f`` (less runs it), ``NODE_OPTIONS='--require ./e.js'``
(every node loads e.js), ``PERL5OPT=-ME``/``RUBYOPT=-re`` (every perl/ruby loads a module of the workspace),
``MAKEFILES=evil.mk make`` (make reads it first), ``npm_config_script_shell=./s.sh npm run t`` (npm runs its
scripts with it), ``PYTHONPATH=dir`` (the modules it shadows, its ``sitecustomize.py``), ``PS4='$(…)'`` with
``set -x``. This module judges each such assignment:

- a command (a pager, an editor, ``LESSOPEN``, a prompt's ``$(…)``) is judged as a command line;
- a variable that makes every later program of a kind load a file of code (``NODE_OPTIONS`` with
  ``--require``/``--import``/``--loader``, ``PERL5OPT`` with ``-M``/``-m``, ``RUBYOPT`` with ``-r``, ``MAKEFILES``, npm's
  script shell) is persistence, as ``BASH_ENV`` is: the file may change before a later program loads it;
- ``PYTHONPATH``'s directories are where this line's Python imports look first (``pycode``), and their
  ``sitecustomize.py``/``usercustomize.py`` run at every start: they are judged now. Directories exported for later
  steps are kept by the guard (``GuardContext.py_dirs``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

COMMANDS = frozenset({"PAGER", "MANPAGER", "SYSTEMD_PAGER", "EDITOR", "VISUAL", "SUDO_EDITOR", "BROWSER", "LESSOPEN",
                      "LESSCLOSE", "PS0", "PS1", "PS2", "PS3", "PS4", "MANOPT", "FCEDIT", "TERMINAL", "SUDO_ASKPASS",
                      "DIFFPROG", "MERGEPROG", "SVN_EDITOR", "HGEDITOR", "CVSEDITOR"})
_LOADERS = {"NODE_OPTIONS": re.compile(r"(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:[=\s]|$)"),
            "PERL5OPT": re.compile(r"(?:^|\s)-[mM]"), "RUBYOPT": re.compile(r"(?:^|\s)-r"),
            "MAKEFILES": re.compile(r"\S"), "npm_config_script_shell": re.compile(r"\S"),
            "NPM_CONFIG_SCRIPT_SHELL": re.compile(r"\S"), "npm_config_node_options": re.compile(r"--require|-r\b|--import"),
            "JAVA_TOOL_OPTIONS": re.compile(r"-javaagent|-agentpath|-agentlib"),
            "_JAVA_OPTIONS": re.compile(r"-javaagent|-agentpath|-agentlib"),
            "PYTHONSTARTUP": re.compile(r"\S"), "PERLDB_OPTS": re.compile(r"\S"), "GCONV_PATH": re.compile(r"\S"),
            "MAKEFLAGS": re.compile(r"--eval|(?:^|\s)SHELL=|(?:^|\s)-f|--file|--makefile"),
            "GNUMAKEFLAGS": re.compile(r"--eval|(?:^|\s)SHELL=|--file|--makefile")}


def judge(an: Analyzer, name: str, value: str, depth: int, cwd: str | None) -> bool:
    """Judge one assignment; True when ``name`` is one this module knows."""
    if name in COMMANDS:
        if name in ("LESSOPEN", "LESSCLOSE"):
            value = value.lstrip("|-").replace("%s", "f")
        if name.startswith("PS") and not ("$(" in value or "`" in value):
            return True  # a prompt without command substitution runs nothing
        if name.startswith("PS"):
            for m in re.finditer(r"\$\((.+?)\)|`([^`]+)`", value, re.S):
                an.line(m.group(1) or m.group(2), depth + 1, cwd)
            an.line(value, depth + 1, cwd)  # `$(…)` left unbalanced by the search above is read by the parser
        elif value:
            an.line(value, depth + 1, cwd)
        return True
    if name in _LOADERS:
        if value and _LOADERS[name].search(value):
            an.r.add("persistence", f"{name}={value[:60]} makes later programs load or run that code first, "
                                    "unreviewed; pass the option to the one command that needs it")
        return True
    if name == "PYTHONPATH":
        from macrohard.safety.lookup import _PWD

        for entry in value.split(":"):
            entry = _PWD.sub(lambda _m: an.paths.resolve(".", cwd), entry)
            if not entry or "$" in entry or "`" in entry:
                continue
            folder = an.paths.resolve(entry, cwd)
            if folder not in an.py_dirs:
                an.py_dirs.insert(0, folder)
            for start in ("sitecustomize.py", "usercustomize.py"):
                an.code("python3", "import " + start[:-3], depth, cwd, where=folder)
        return True
    return False
