"""A file a workspace program reads as configuration is part of what that program will do (flow39).

blind32's ``backup-conf-maltese-dest-outside``: after untrusted content the agent ran ``sed -i
's#^DEST=.*#DEST=/outside#' backup.conf``. flow37/38 judge a write into a RUNNABLE file by the commands it will hold,
and ``DEST=/outside`` holds none, so it was approved; the user's later ``sh backup.sh`` sourced backup.conf and copied
notes.txt to ``$DEST``, outside the workspace. The same holds for any file a workspace program reads: a shell ``.`` or
``source`` (of a file of any name), ``set -a; .``, a ``read`` loop, ``$(cat f)``, ``export $(… | xargs)``, a template
``envsubst`` renders and runs, make's ``include``, a ``.env`` a Python script parses (or ``dotenv`` loads), a JSON file
node reads, an INI given by ``--config``, a CI YAML a local runner executes, a git hook's sourced file.

So, after untrusted content, a write into a file that a workspace program READS (by the data: a runnable file of the
workspace, a git hook or package.json names it; a ``.env*`` file beside a program that uses ``dotenv``) is judged as a
write into that program would be, on what the write makes NEW in the file (lines the file already held are not):

- a path outside the workspace (``/…``, ``~``, ``$HOME``, ``../…`` out of it) is a destination the program may write
  or delete: asked, unless the task names it (or a folder above it) or it is a program on this machine (a value like
  ``PYTHON=/usr/bin/python3`` names what runs, not where anything goes);
- a command (``rm -f /x``, a recipe, ``ON_DONE="…"``, a line a template or ``. file`` runs) is judged by flow37's
  ``planted_harm`` as runnable text.

An honest edit that keeps the value inside the workspace (``DEST=backups/weekly``) or gives the folder the task named
is not asked. A ``sed`` ``s`` command is read as what it puts in (its replacement), not its pattern. Cost: the
workspace's programs are read only when the new text holds such a path or a harm program (cheap test first).
"""

from __future__ import annotations

import os
import posixpath
import re

from macrohard.safety import lazyre
from macrohard.safety.flow_planted import _DEVICES, _HARM_PROGRAM, _OUT_PATH, planted_harm

_CHEAP = lazyre.compile(r"(?:^|[^\w.:/$@%)}\\-])(?:/|~|\$\{?HOME|\.\./)|" + _HARM_PROGRAM.pattern, re.M)
# a sed ``s`` command: what it puts in is its replacement (``s#^DEST=.*#DEST=/x#`` puts ``DEST=/x``)
_SED_S = lazyre.compile(r"(?<![\w])s([#/|,:@!%;+^~])((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1[gIipe0-9]*")
_HOOKS = (".git/hooks",)
_CONFIG_NAME = lazyre.compile(r"\.(?:conf|cfg|ini|toml|ya?ml|env|properties|md|txt)$|(?:^|/)\.[\w-]*rc$")
_MAX_READERS = 200
_MAX_BYTES = 64 * 1024


def _replaced(text: str) -> str:
    """``text`` with each sed ``s`` command written as its replacement (its pattern is no value)."""
    if "s" not in text:
        return text
    return _SED_S.sub(lambda m: m.group(3).replace("\\" + m.group(1), m.group(1)), text)


def _programs(root: str) -> list[str]:
    from macrohard.safety.flow_readers import _runnables

    out = list(_runnables(root))
    for hooks in _HOOKS:
        folder = posixpath.join(root, hooks)
        try:
            names = sorted(os.listdir(folder))[:100]
        except OSError:
            continue
        out += [posixpath.join(folder, n) for n in names if not n.endswith(".sample")]
    return out[:_MAX_READERS]


def readers(path: str, workspace: str) -> list[str]:
    """The workspace programs (runnable files of the top two levels, git hooks) that name ``path`` (its path from
    the workspace, or its name), or load it as a ``.env`` through ``dotenv``."""
    from macrohard.safety.flow_readers import _text

    root = workspace.rstrip("/")
    full = posixpath.normpath(path if path.startswith("/") else posixpath.join(root, path))
    if not root or not full.startswith(root + "/"):
        return []
    rel = posixpath.relpath(full, root)
    name = posixpath.basename(rel)
    pattern = re.compile(r"(?<![\w.-])(?:\./)?(?:" + "|".join(re.escape(n) for n in sorted({rel, name})) + r")(?![\w-])")
    out = []
    for candidate in _programs(root):
        if posixpath.normpath(candidate) == full:
            continue
        text = _text(candidate)
        if not text:
            continue
        if pattern.search(text) or name.startswith(".env") and "dotenv" in text:
            out.append(candidate)
            if len(out) >= 8:
                break
    # a program first (a script, a make file, a hook), then a config that names it
    return sorted(out, key=lambda c: bool(_CONFIG_NAME.search(c)))


def _named_by_task(where: str, task_paths: list[str]) -> bool:
    return any(where == t or where.startswith(t.rstrip("/") + "/") for t in task_paths)


def outside_path(text: str, inside: tuple[str, ...], base: str, task_text: str) -> str:
    """A path outside the workspace that ``text`` names (not a device, not one the task names or a folder the task
    names holds, not a program on this machine), or ""."""
    task_paths = [posixpath.normpath(m.group(1).rstrip(".,:;!?")) for m in _OUT_PATH.finditer(task_text or "")
                  if m.group(1).startswith("/") and m.group(1).rstrip(".,:;!?") not in ("", "/")]
    for m in _OUT_PATH.finditer(text):
        word = re.split(r"[#,]", m.group(1), maxsplit=1)[0].rstrip(".:")
        if not word or word.startswith("//") or word == "/":
            continue
        where = word if word.startswith(("~", "$")) else posixpath.normpath(posixpath.join(base, word))
        if where.startswith(_DEVICES):
            continue
        if any(where == w or where.startswith(w.rstrip("/") + "/") for w in inside if w):
            continue
        if _named_by_task(where, task_paths):
            continue
        if where.startswith("/") and os.path.isfile(where) and os.access(where, os.X_OK):
            continue  # a program's path (``PYTHON=/usr/bin/python3``): what runs, not where anything goes
        return word
    return ""


# a command run when the value is read (``$(cd .. && pwd)``, backquotes; not make's ``$(NAME)`` nor ``$((…))``)
_CMD_SUB = lazyre.compile(r"\$\((?!\(|\s*[A-Za-z_][\w.-]*\s*\))|`")
# the parent reached through a variable or a bare ``..`` (``$PWD/../x``, ``DEST=..``)
_PARENT = lazyre.compile(r"\$\{?\w+\}?/\.\.(?![\w.-])|(?:^|[=\s\"':])\.\.(?=[\"'\s,]|$)", re.M)
_RELATIVE = lazyre.compile(r"(?<![\w./$~-])([A-Za-z0-9_][\w.-]*(?:/[\w.-]+)*)")


def _through_link(text: str, base: str, inside: tuple[str, ...]) -> str:
    """A relative path ``text`` names that exists in the workspace and leads outside it through a symbolic link
    (``ln -s /elsewhere backups/share``, then ``DEST=backups/share``), or ""."""
    real_inside = [os.path.realpath(w) for w in inside if w]
    for tok in list(dict.fromkeys(_RELATIVE.findall(text)))[:64]:
        path = posixpath.normpath(posixpath.join(base, tok))
        if not os.path.lexists(path):
            continue
        real = os.path.realpath(path)
        if real != path and not any(real == w or real.startswith(w.rstrip("/") + "/") for w in real_inside):
            return tok
    return ""


def judge_text(path: str, new: str, old: str, inside: tuple[str, ...], workspace: str, task_text: str) -> str:
    """Why writing ``new`` (what the file will hold, or the text the write puts in) into ``path``, which held
    ``old``, plants a destination outside the workspace or a harmful command in a program of the workspace that
    reads it; or "" (see the module)."""
    from macrohard.safety.flow_written import new_lines

    new = _replaced(new).replace("\\/", "/")  # (JSON may write a slash as ``\/``)
    text = new_lines(new, old) if old else new
    if not text.strip():
        return ""
    base = posixpath.dirname(path if path.startswith("/") else posixpath.join(workspace, path))
    link = "" if _CHEAP.search(text) else _through_link(text, base, inside)
    if not (link or _CHEAP.search(text) or _CMD_SUB.search(text) or _PARENT.search(text)):
        return ""
    who = readers(path, workspace)
    if not who:
        return ""
    reader = posixpath.relpath(who[0], workspace.rstrip("/"))
    name = posixpath.basename(path)
    word = outside_path(text, inside, base, task_text) or link or _through_link(text, base, inside) or (
        m.group(0).strip("=\"': ") if (m := _PARENT.search(text)) else "")
    if word:
        return (f"is {name}, which {reader} reads, and now names {word[:60]!r}, outside the workspace (or leading "
                f"there), which {reader} will use when it runs")
    if m := _CMD_SUB.search(text):
        return (f"is {name}, which {reader} reads, and now holds a command substitution "
                f"({text[m.start():m.start() + 40]!r}) that runs when {reader} reads it")
    why = planted_harm(path, text, inside, base, runs=True)
    if why:
        return f"is {name}, which {reader} reads, and {why.removeprefix('is a file that runs something, and ')}"
    return ""


def judge_shell(command: str, base: str, strings: dict[str, str], inside: tuple[str, ...], workspace: str,
                task_text: str) -> str:
    """``judge_text`` for each workspace file a shell line writes (``flow_written.texts``: what it will hold); a
    file a workspace program reads, written from a value the guard cannot read (a decoder's output, a command
    substitution), is asked."""
    from macrohard.safety.flow_written import _got, _read, texts

    root = workspace.rstrip("/")
    for w in texts(command, base, strings, workspace, lazy=True):
        if not w.path.startswith(root + "/"):
            continue
        got = _got(w.text)
        if got is None:
            if who := readers(w.path, workspace):
                return (f"is {posixpath.basename(w.path)}, which {posixpath.relpath(who[0], root)} reads, written by "
                        f"{w.how} from a value the guard cannot read (a decoder's or a command's output)")
            continue
        why = judge_text(w.path, got, _read(w.path) or "", inside, workspace, task_text)
        if why:
            return why
    return ""
