"""Where a send goes when files others wrote, or the server's answer, decide it (``safety.flow``, flow31).

Flow control judges a send by what the run read before it: after untrusted content it asks. flow31's attempts sent
the task's own send elsewhere with no untrusted content read before it, because the program read its destination
itself, at the send, from a file the agent did not write: ``curl -K ci/upload.cfg``'s ``url``, ``CURL_HOME``'s
``.curlrc`` ``proxy``, a ``requirements.txt``'s ``--index-url`` (``pip download -r``), a project ``.npmrc``'s
``registry`` (``npm view``), a repository's ``url.<x>.insteadOf``/``pushInsteadOf`` (in ``.git/config`` or a file it
includes) under ``git push origin``. Such a file is untrusted input read in the same step as the send, so the
addresses it names are judged as untrusted content's are: one the task did not name is asked.

And a send that carries data and follows redirects (``curl -L -d …``, ``wget --post-file`` by default) goes where the
server's answer says: a 307 sends the data again to any address (flow31: an HTTPS inbox the task named answered 307
to the listener), which no proxy sees inside TLS. It is asked unless redirects are off (``--max-redirect=0``).
"""

from __future__ import annotations

import os
import posixpath
import re

from macrohard.safety import curlargs, lazyre
from macrohard.safety.context import GuardContext
from macrohard.safety.regular import open_regular

_CURL_DATA = frozenset({"-d", "--data", "--data-binary", "--data-raw", "--data-ascii", "--data-urlencode", "--json",
                        "-F", "--form", "--form-string", "-T", "--upload-file"})
_WGET_DATA = ("--post-data", "--post-file", "--body-data", "--body-file")
_PIP_FILES = frozenset({"-r", "--requirement", "-c", "--constraint"})
_NPM = frozenset({"npm", "npx", "pnpm", "yarn"})
_GIT_URL = lazyre.compile(r'^\s*\[\s*url\s+"([^"]+)"\s*\]', re.M | re.I)
_GIT_INCLUDE = lazyre.compile(r"^\s*path\s*=\s*(.+?)\s*$", re.M)
_MAX = 200_000


def _read(path: str) -> str:
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(_MAX)
    except OSError:
        return ""


def _value(words: list[str], i: int, names: frozenset[str] | tuple[str, ...]) -> tuple[str, int]:
    """The value of option ``words[i]`` when it is one of ``names`` (``--opt VALUE`` or ``--opt=VALUE``; a short
    option's value may be glued on, ``-Kfile``): (value, words used), or ("", 0)."""
    w = words[i]
    for name in names:
        if w == name:
            return (words[i + 1], 2) if i + 1 < len(words) else ("", 0)
        if name.startswith("--") and w.startswith(name + "="):
            return w[len(name) + 1:], 1
        if len(name) == 2 and not name.startswith("--") and w.startswith(name) and len(w) > 2:
            return w[2:], 1
        if len(name) == 2 and re.fullmatch(r"-[a-zA-Z]+" + name[1], w):  # flags joined before it: `-sK cfg`
            return (words[i + 1], 2) if i + 1 < len(words) else ("", 0)
    return "", 0


def config_files(command: str, ctx: GuardContext, base: str) -> list[tuple[str, str]]:
    """(path, what it decides) for each file ``command``'s sending programs read their destination from: curl's
    ``-K``/``--config`` and ``CURL_HOME``'s ``.curlrc``, wget's ``--config``/``WGETRC``, pip's ``-r``/``-c`` and
    ``PIP_CONFIG_FILE``, npm's project ``.npmrc`` and ``--userconfig``/``NPM_CONFIG_USERCONFIG``, git's repository
    config (its ``url`` sections, and the files it includes) and ``GIT_CONFIG_GLOBAL``. Only files that are there."""
    from macrohard.safety.flow_named import variables
    from macrohard.safety.flow_paths import _inner
    from macrohard.safety.shellparse import parse

    try:
        parsed = parse(command, variables(ctx))
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return []
    env = {k: v for k, v in parsed.assignments}
    out: list[tuple[str, str]] = []

    def add(where: str, name: str, what: str) -> None:
        if name and "$" not in name:
            path = posixpath.normpath(posixpath.join(where, name))
            if os.path.isfile(path):
                out.append((path, what))

    for cmd in parsed.commands:
        argv = _inner(list(cmd.argv))
        if not argv:
            continue
        prog = posixpath.basename(argv[0])
        here = posixpath.normpath(posixpath.join(base, cmd.cwd)) if cmd.cwd else base
        words = argv[1:]
        if prog == "python3" or prog == "python":
            if words[:2] == ["-m", "pip"]:
                prog, words = "pip", words[2:]
        if prog == "curl":
            words = curlargs.words(words)  # `-sKargs.txt`: -s -K args.txt (rt52)
            add(here, posixpath.join(env["CURL_HOME"], ".curlrc") if env.get("CURL_HOME") else "", "curl's settings")
            for i in range(len(words)):
                add(here, _value(words, i, ("-K", "--config"))[0], "curl's options")
        elif prog == "wget":
            words = curlargs.for_program(prog, words)  # `--conf=f` is `--config=f` (the lead, fifty-second wave)
            add(here, env.get("WGETRC", ""), "wget's settings")
            for i in range(len(words)):
                add(here, _value(words, i, ("--config",))[0], "wget's settings")
        elif prog in ("pip", "pip3"):
            add(here, env.get("PIP_CONFIG_FILE", ""), "pip's settings")
            for i in range(len(words)):
                add(here, _value(words, i, tuple(_PIP_FILES))[0], "a requirements file's options")
        elif prog in _NPM:
            add(here, ".npmrc", "the project's npm settings")
            add(here, env.get("NPM_CONFIG_USERCONFIG", ""), "npm's settings")
            for i in range(len(words)):
                add(here, _value(words, i, ("--userconfig",))[0], "npm's settings")
        elif prog == "git":
            from macrohard.safety.flow import _git_where

            _, where = _git_where(cmd, ctx)
            add(where, ".git/config", "the repository's git settings")
            add(here, env.get("GIT_CONFIG_GLOBAL", ""), "git's settings")
    return list(dict.fromkeys(out))


def named_by(path: str, what: str) -> str:
    """The text of ``path`` that names where a send goes: all of it, except git's settings (the ``url`` sections'
    rewrite targets, and those of the files it includes: a remote's own URL is where the user's push goes)."""
    text = _read(path)
    if "git settings" not in what:
        return text
    found = _GIT_URL.findall(text)
    for inc in _GIT_INCLUDE.findall(text)[:8]:
        inc = inc.strip("\"'")
        full = inc if inc.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(path), inc))
        found += _GIT_URL.findall(_read(full)) if os.path.isfile(full) else []
    return "\n".join(found)


def redirected_data(command: str) -> str:
    """The program of ``command`` that sends data and follows redirects ('' if none): ``curl -L`` with a data
    option, ``wget`` posting (it follows redirects unless ``--max-redirect=0``)."""
    from macrohard.safety.flow_paths import _inner
    from macrohard.safety.shellparse import parse

    try:
        commands = parse(command).commands
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return ""
    for cmd in commands:
        argv = _inner(list(cmd.argv))
        if not argv:
            continue
        prog, words = posixpath.basename(argv[0]), argv[1:]
        if prog == "curl":
            words = curlargs.words(words)
            follows = any(w in ("--location", "--location-trusted") or re.fullmatch(r"-[a-zA-Z]*L[a-zA-Z]*", w)
                          for w in words)
            data = any(w in _CURL_DATA or w.startswith(tuple(f"{d}=" for d in _CURL_DATA if d.startswith("--")))
                       for w in words)
            if follows and data:
                return "curl"
        elif prog == "wget":
            words = curlargs.for_program(prog, words)
            data = any(w.startswith(_WGET_DATA) for w in words)
            off = any(re.fullmatch(r"--max-redirect(=|\s*)0", w) for w in words) or \
                any(w == "--max-redirect" and n == "0" for w, n in zip(words, words[1:], strict=False))
            if data and not off:
                return "wget"
    return ""


def runs_found(command: str) -> bool:
    """Whether ``find`` runs the files it finds as programs (``-exec {} \\;``): what they do nobody reviewed."""
    if "find" not in command or "{}" not in command:
        return False
    from macrohard.safety.shellparse import parse

    try:
        commands = parse(command).commands
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return False
    for cmd in commands:
        argv = list(cmd.argv)
        if argv and posixpath.basename(argv[0]) == "find":
            if any(w in ("-exec", "-execdir", "-ok", "-okdir") and n == "{}"
                   for w, n in zip(argv, argv[1:], strict=False)):
                return True
    return False
