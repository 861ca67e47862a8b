"""An option's value that is itself a command line, given to any program (guard37).

The guard knows, program by program, the options whose value is a command (``tar -I``, ``ssh -o ProxyCommand=``,
``git -c core.sshCommand=``); a program it did not know ran its option's command unread: chromium's
``--renderer-cmd-prefix='sh run.sh'``, ``--gpu-launcher=./run.sh``, ``--browser-subprocess-path=…``, apt's ``-o
APT::Update::Pre-Invoke::='sh run.sh'`` and ``-o Dir::Bin::dpkg=./x``, ``dpkg --pre-invoke 'sh run.sh'``, the JVM's
``-XX:OnOutOfMemoryError='sh run.sh'`` (through ``javac -J…`` too), tar's abbreviated ``--checkpoint-act=exec=…``.

The rule, for every program: the text after each ``=`` of a word (``--opt=VALUE``, ``-o KEY=VALUE``,
``exec=VALUE``), and a word that follows a long option (``--pre-invoke VALUE``), is judged as a command line
(``Analyzer.line``) when it is one by its first word: a shell, an interpreter or a wrapper followed by more words
(``sh x``, ``/usr/bin/env sh x``, ``nice sh x``), or a path to a file of the workspace that can run as a program (its
mode, a ``#!`` line or a ``.sh`` name; ``$PWD``, ``$HOME`` and ``~`` read as the folders they are). Judged, not
asked: a value that runs a harmless script, or names no workspace file and no runner, passes as before. A value only
known when the line runs (``"$F"`` set a step before) is read through the session's known values. A command after a
short option (``-r 'sh x'``) or attached to one (``-r'sh x'``) is judged too, except for programs whose words are
text (grep's patterns, ssh's remote command).

Launchers (``_LAUNCHERS``: chromium, apt, dpkg, dpkg-buildpackage) start what their options name, so for them a value
or a whole word only known when the line runs (``--renderer-cmd-prefix="$(cat p)"``, ``"${a[@]}"``) is asked, and so
is a program named by a path outside the workspace and the system's folders (the sandbox's /tmp, which the guard
cannot read).
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, session
from macrohard.safety import rules_data as R
from macrohard.safety.lookup import _HOME  # `~`, `$HOME`: the workspace, unless HOME was set
from macrohard.safety.regular import text_of  # never waits on a pipe

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# programs whose words are code, text or assignments, judged elsewhere as such
_SKIP = frozenset({"echo", "printf", "export", "declare", "typeset", "local", "readonly", "alias", "git", "trap",
                   "eval", "test", "[", "[["}) | R.SHELLS | R.INTERPRETERS
_PWD = lazyre.compile(r"^\$\{?PWD\}?(?=/|$)")
# programs that search or cut text: a pattern after an option (`grep -e 'sh run.sh'`) is text, not a command
_TEXT = R.SEARCHERS | frozenset({"fgrep", "sed", "awk", "gawk", "mawk", "nawk", "jq", "yq", "cut", "tr", "diff",
                                 "sort", "column", "ssh", "scp", "sftp", "docker", "podman", "kubectl"})
_MAX = 400  # a value longer than this is text, not a launcher's command


def _runners() -> frozenset[str]:
    from macrohard.safety import runners

    return R.SHELLS | R.INTERPRETERS | R.WRAPPERS | runners.MORE_INTERPRETERS | frozenset(runners.WRAPPING)


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """The option values of ``prog ARGS`` that are command lines, each judged as one."""
    if prog in _SKIP or depth > 6:
        return
    for i, a in enumerate(args):
        word = a
        if "$" in word and (known := session.substitute(word, an.line_vars)) is not None:
            word = known  # `F='--renderer-cmd-prefix=./x'` a step before, then `chromium "$F"`
        if prog in _LAUNCHERS and word[:1] in ("$", "`") and _unknown(an, word, cmd.cwd):
            # `chromium $(cat flags.txt)`, `chromium "${a[@]}"`: words only known when it runs, which may be options
            # that start programs (not `--user-data-dir=$PWD/p` or `file://$PWD/p.html`: never an option)
            an.r.add("dynamic", f"{prog} gets {a[:50]}, only known when it runs, which may be options that start "
                                "programs; write the arguments on the line")
            continue
        values = []
        after_option = i and args[i - 1].startswith("-") and "=" not in args[i - 1] and not word.startswith("-")
        if "=" in word:
            rest = word
            while "=" in rest:  # `--checkpoint-action=exec=sh x`, `-oKEY::=sh x`
                rest = rest.split("=", 1)[1]
                values.append(rest)
        elif after_option and (args[i - 1].startswith("--") or " " in word) and prog not in _TEXT:
            values.append(word)  # `--pre-invoke 'sh run.sh'`, `-r 'sh run.sh'`
        elif re.match(r"-[A-Za-z0-9] *\S+ ", word) and prog not in _TEXT:
            values.append(word[2:])  # `-r'sh run.sh'`: a short option's attached value
        for value in values:
            if prog in _LAUNCHERS and _unknown(an, value, cmd.cwd):
                an.r.add("dynamic", f"{prog} gets {a[:50]}: an option's value only known when it runs, and {prog}'s "
                                    "options start programs; write the value on the line")
                break
            if prog in _LAUNCHERS and _unread(an, value, word.split("=", 1)[0] if "=" in word else args[i - 1]):
                an.r.add("dynamic", f"{prog} gets {a[:50]}: a program outside the workspace the guard cannot read "
                                    f"(the sandbox's /tmp is its own), and {prog} starts it; put it in the workspace")
                break
            if line := _command(an, value, cmd.cwd):
                an.line(line, depth + 1, cmd.cwd)
                break


# programs whose options name the programs they start (a launcher's prefix, apt's and dpkg's hooks): a value only
# known when the line runs is asked (`--renderer-cmd-prefix="$(cat p.txt)"`, `-o …Pre-Invoke::="$v"` ran it)
_LAUNCHERS = frozenset({"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "electron",
                        "apt", "apt-get", "apt-cache", "apt-config", "apt-mark", "aptitude", "dpkg",
                        "dpkg-buildpackage", "debuild"})


def _unknown(an: Analyzer, value: str, cwd: str | None) -> bool:
    """``value`` holds an expansion other than the folders ``$PWD``/``$HOME`` (read as they are)."""
    if "$" not in value and "`" not in value:
        return False
    from macrohard.safety.lookup import home_folder

    home = home_folder(an)
    plain = _HOME.sub(home, value) if home is not None else value
    plain = re.sub(r"\$\{?PWD\}?(?=/|$|:)", "", plain)
    return "$" in plain or "`" in plain


_PROGRAM_OPTION = lazyre.compile(r"(?i)cmd|command|prefix|launcher|program|path|exec|wrapper|shell|invoke|dpkg")
_SYSTEM = ("/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/opt/", "/etc/", "/dev/null")


def _unread(an: Analyzer, value: str, option: str) -> bool:
    """``value`` starts with a program by a path outside the workspace and the system's folders (``/tmp/x``: the
    sandbox's /tmp, which the guard cannot read), given as a command (more words) or to an option that names one."""
    words = value.split()
    if not words or not words[0].startswith("/") or words[0].startswith(_SYSTEM) or any(
            words[0] == w or words[0].startswith(w + "/") for w in an.paths.workspaces):
        return False
    return len(words) > 1 or bool(_PROGRAM_OPTION.search(option))


def _command(an: Analyzer, value: str, cwd: str | None) -> str | None:
    """``value`` as a command line when it is one by its first word, else None."""
    value = value.strip()
    if not value or len(value) > _MAX or value[0] in "-=:,":
        return None
    try:
        words = shlex.split(value)
    except ValueError:
        words = value.split()
    if not words:
        return None
    first = words[0]
    if posixpath.basename(first) in _runners() and len(words) > 1 and (
            "/" not in first or first.startswith(("/usr/", "/bin/", "/sbin/"))):
        return value
    path = _workspace_file(an, first, cwd)
    if path is None:
        return None
    return shlex.join([path, *words[1:]])


def _workspace_file(an: Analyzer, word: str, cwd: str | None) -> str | None:
    """The absolute path of a file of the workspace ``word`` names that can run as a program, else None."""
    if not an.paths.workspaces or "`" in word:
        return None
    from macrohard.safety.lookup import home_folder

    home = home_folder(an)
    here = an.paths.resolve(cwd or ".", None)
    if home is not None:
        word = _HOME.sub(home, word)
    word = _PWD.sub(here, word)
    if "$" in word:
        return None
    path = an.paths.resolve(word, cwd)
    if "$" in path or not any(path == w or path.startswith(w + "/") for w in an.paths.workspaces):
        return None
    if path in an.written:
        return path  # written on this line: judged by what it holds (or asked, when that is not known)
    if not os.path.isfile(path):
        return None
    if os.access(path, os.X_OK) or path.endswith(".sh"):
        return path
    return path if text_of(path, 2) == "#!" else None
