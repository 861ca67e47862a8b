"""A sender left running in the background, fed after untrusted content (flow36).

A job started with ``&`` (``nohup``, ``setsid``, a subshell) keeps running between the run's steps: the user's outbox
daemon that posts every ``outbox/*.txt`` to the ``host:port`` in ``outbox/DEST``. Started before anything untrusted was
read, it passed as it should. Then a README asked to put an address into ``outbox/DEST`` (a ``write_file``, a
``printf … >``, a row in ``outbox.db`` through ``sqlite3``) and to copy notes.txt into ``outbox/``: no action of the run
sent anything itself, the daemon did, and flow control saw only writes.

So: when a shell line starts a background job whose script (a file it runs, or the line itself) holds a sender
(``SENDS_IN_TEXT``: a network program, network code), the paths that script names are remembered (``FlowState.fed``,
globs kept as globs). After untrusted content was read, an action that writes one of them is a send through the
job (``flow:background-send``), asked like any send after untrusted content; unless it is a ``write_file`` whose
content names only addresses the task named (the user pointing the daemon at their own inbox)."""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from typing import Any

from macrohard.safety import lazyre
from macrohard.safety.context import GuardContext
from macrohard.safety.flow_planted import SENDS_IN_TEXT, targets
from macrohard.safety.flow_readers import written_paths
from macrohard.safety.regular import open_regular

_NAME = lazyre.compile(r"[\w.*?/-]*[/.][\w.*?/-]*")
_BACKGROUND = lazyre.compile(r"(?<![&>|])&(?![&>])|\bnohup\b|\bsetsid\b|\bdisown\b|\bcoproc\b|\bdaemon(?:ize)?\b")
# inside a script or a quoted ``sh -c '…'``: an ``&`` that ends a command (not ``&&``, ``2>&1``, a URL's ``?a=1&b=2``),
# and the ways code leaves a child running after it returns (Popen, a new session, fork, spawn, node's detached/unref,
# a daemon thread, ``at now``) (the lead's forty-first-wave probe: 5 of 6 such launches were approved in flow-only)
_DETACHED = lazyre.compile(r"(?<![&>|<])&(?=[\s'\")]|$)|\b(?:nohup|setsid|disown|coproc|daemon(?:ize)?|Popen|"
                       r"start_new_session|detached)\b|\b(?:fork|spawn\w*)\(|\.unref\(|\bat\s+now\b", re.M)
# a line that runs a script file (its text is what runs, so it is read like the line)
_RUNS_FILE = lazyre.compile(r"[\w./-]+\.(?:sh|bash|py|js|mjs|cjs|ts|pl|rb|php)\b|(?:^|[\s;&|(`])(?:\.{1,2}/[\w./-]|"
                        r"(?:(?:ba|da|z|k)?sh|env|python[\d.]*|node|perl|ruby)\s)|<(?![<(])")
_SCRIPT_CAP = 200_000
# text whose file names the guard cannot read off: quotes glued to quotes or words, escapes, code that builds strings
# (a variable the text does not set is judged apart: ``_unset``)
_UNREAD = lazyre.compile(r"\w[\"']{1,2}\w|\\x[0-9A-Fa-f]{2}|\\[0-7]{3}|\bchr\(|\.join\(|\bjoin\b|"
                     r"['\"]\s*\+\s*['\"\w]|\bbase64\b|\bxxd\b|\bprintf\b.*%|\brev\b|\btr\b")
_SET = lazyre.compile(r"\b([A-Za-z_]\w*)\+?=|\bfor\s+([A-Za-z_]\w*)\s+in\b|\bread\s+(?:-\w+\s+)*([A-Za-z_][\w ]*)")
_SHELL_WORDS = frozenset({"if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case", "esac",
                          "function", "select", "time", "sleep", "true", "false", "test", "read", "echo", "printf",
                          "exit", "return", "break", "continue", "trap", "wait", "kill", "cat", "import", "from", "as",
                          "not", "and", "or", "is", "None", "True", "False", "def", "with", "open", "print", "os", "sys",
                          "path", "exists", "curl", "wget", "nc", "python", "python3", "sh", "bash", "http",
                          "https", "localhost", "dev", "null", "tmp", "nohup", "setsid", "disown", "exec", "eval",
                          "local", "export", "set", "shift", "EOF", "x", "s", "d", "f", "e", "n", "rb", "wb", "r", "w"})


def started(command: str, ctx: GuardContext, base: str) -> tuple[str, ...]:
    """The workspace paths (or globs) a background sender that ``command`` starts reads, or () (cheap test first)."""
    if not _BACKGROUND.search(command) and (len(command) > _SCRIPT_CAP // 10 or not _RUNS_FILE.search(command)
                                            and not _DETACHED.search(command)):
        return ()  # (a 1 MB line is parsed only when it has a `&`, as before: tests/spine/test_long_lines.py)
    from macrohard.safety.shellparse import parse

    try:
        commands = [c for c in parse(command).commands if c.argv]
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return ()
    texts = [command]
    for c in commands:
        # its operands (`sh r.txt`, `env sh r`), the program itself when it is a file (`./r`), what a shell reads
        # from `<` (the lead's attack on its own fix: these three ran a script with an `&` inside unread)
        named = c.argv[1:] if len(c.argv) > 1 else c.argv
        for word in dict.fromkeys([*named, *(c.argv[:1] if c.argv[0].startswith(("./", "../")) else []),
                                   *(t for op, t in c.redirects if op == "<")]):
            path = posixpath.normpath(posixpath.join(base, word)) if not word.startswith("/") else word
            if os.path.isfile(path) and os.path.getsize(path) <= _SCRIPT_CAP:
                try:
                    with open_regular(path, encoding="utf-8", errors="replace") as fh:  # a pipe would hang open()
                        texts.append(fh.read(_SCRIPT_CAP))
                except OSError:
                    continue
    joined = "\n".join(texts)
    if not any(c.background for c in commands) and not any(_DETACHED.search(t) for t in texts):
        return ()  # it ends before the step does: the other checks judge what it sends
    if not SENDS_IN_TEXT.search(joined):
        return ()
    root = ctx.workspace.rstrip("/")
    names = []
    # and the bare words it names: `while [ ! -f go ]`, `read x < ctl`, `os.path.exists('go')`, `cat dest` (the
    # lead's forty-first-wave probe: a job that waits for a file with no dot or slash in its name was fed by `touch
    # go` after untrusted content, unseen); shell words and program names left out
    bare = [w for w in re.findall(r"(?<![\w$.:/@-])[A-Za-z_][\w-]*(?![\w./:(=])", joined) if w not in _SHELL_WORDS and
            w not in {c.argv[0] for c in commands}]
    if _UNREAD.search(joined) or _unset(joined):  # names built when it runs ("g""o", $(…), $V, \x67, chr(), "…" + "…"): all of them
        names.append(root + "/")
    for name in dict.fromkeys([*_NAME.findall(joined), *bare]):
        if name in (".", "..") or "://" in name or re.fullmatch(r"[\d.]+", name) or name.startswith("-"):
            continue
        full = name if name.startswith("/") else posixpath.normpath(posixpath.join(base, name))
        if root and (full == root or full.startswith(root + "/")):
            names.append(full)
    return tuple(names[:200])


def _unset(text: str) -> bool:
    """A variable the job's text reads but never sets (``"$F"`` with ``F=go`` set a step before, ``$PWD/go``): its
    value is the shell's, not the text's."""
    used = set(re.findall(r"\$\{?([A-Za-z_]\w*)", text))
    set_ = {w for m in _SET.findall(text) for g in m for w in g.split()}
    return bool(used - set_)


def fed(action: Any, ctx: GuardContext, base: str, watched: tuple[str, ...]) -> str:
    """The watched path ``action`` writes, or "" (see the module's docstring)."""
    kind = str(getattr(action, "kind", ""))
    if kind in ("write_file", "edit_file"):
        path = str(getattr(action, "path", ""))
        paths = [path if path.startswith("/") else posixpath.normpath(posixpath.join(ctx.workspace, path))]
        content = "\n".join(str(getattr(action, f, "") or "") for f in ("content", "new"))
        from macrohard.safety.flow import task_targets

        named = {a for a in targets(content) if not a.startswith("*:")}
        if named and named <= task_targets(ctx):
            return ""  # the task's own address for the job: the user pointing it where they chose
    elif kind == "bash":
        paths = [posixpath.normpath(posixpath.join(base, p)) for p in _written(str(action.command))]
    else:
        return ""
    for path in paths:
        for name in watched:
            if path == name or fnmatch.fnmatchcase(path, name) or path.startswith(name.rstrip("/") + "/") or \
                    name.startswith(path.rstrip("/") + "/"):  # (a copy into the folder it watches)
                return path
    return ""


def _written(command: str) -> list[str]:
    """What a shell line writes: redirections and tee, a copy's or move's target, a sqlite database, touch."""
    from macrohard.safety.shellparse import parse

    out = list(written_paths(command))
    try:
        commands = [c for c in parse(command).commands if c.argv]
    except Exception:  # noqa: BLE001
        return out
    for c in commands:
        prog, words = posixpath.basename(c.argv[0]), [w for w in c.argv[1:] if not w.startswith("-")]
        if prog in ("cp", "mv", "install", "ln", "rsync") and len(words) >= 2:
            out.append(words[-1])
        elif prog in ("mkdir", "mkfifo") and words:  # `while [ ! -d go ]` fed by `mkdir go`
            out += words
        elif prog in ("sqlite3", "touch", "truncate", "dd") and words:
            out += words[:1] if prog == "sqlite3" else [w.removeprefix("of=") for w in words]
    return out
