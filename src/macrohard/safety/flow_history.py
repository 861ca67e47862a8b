"""rt62: a key recorded in the repository's history, which the person's next push publishes.

With the sandbox's network off nothing of a run is sent by the run, and the guard's push checks (``carried_git``)
judge what a repository carries when the run pushes. But the person pushes after the run: on b7fd0bfd, after the
model had read ``k`` (a credential file), ``git commit -m 'build KEY'``, ``git commit -m "$(cat k)"``, ``git tag
"v-$(cat k)"``, ``git checkout -b b-KEY`` and ``git add k && git commit`` were approved with the network off, and the
key left with the person's next ``git push`` (a public repository, a pull request).

So a git command that records (a commit, a tag, a note, a ref's or branch's name, the index) is judged by what it
records: a piece of a key the run showed the model (``flow._written_key``'s rule) or the text of a credential file
of the folder (``flows.credential_file``) named in that git command. A commit of other files, a message without the
key and ``.gitignore`` naming the key file are unchanged.
"""

from __future__ import annotations

import os

from macrohard.safety import lazyre
from macrohard.safety.regular import open_regular

_SPLIT = lazyre.compile(r"&&|\|\||[;\n|&]")
# git [global options] SUBCOMMAND that records what it is given in the repository
_RECORDS = lazyre.compile(r"(?:^|[\s(`])git(?:\s+(?:-[cC]\s+\S+|--?[\w-]+(?:=\S+)?))*\s+(commit|tag|notes|add|stash|"
                          r"hash-object|update-ref|branch|checkout\s+(?:.*\s)?-[bB]|switch\s+(?:.*\s)?-[cC])\b")


def recording(command: str) -> list[str]:
    """The parts of a shell line (split at ``;``, ``&&``, pipes) that run a git command recording what it is given."""
    if "git" not in command:
        return []
    return [part for part in _SPLIT.split(command) if _RECORDS.search(part)]


def recorded_file(command: str, base: str) -> str:
    """A credential file of the folder whose text a recording git command of ``command`` takes in: read by a command
    substitution in it (``git commit -m "$(cat k)"``, ``git tag "v-$(cat k)"``), a message file (``-F k``), or a path
    ``add``/``commit``/``stash``/``hash-object`` record (``git add k``) — not a word given as a message or a ref's
    name (``git tag -a v2 -m .env``, ``git branch k``); or ""."""
    parts = recording(command)
    if not parts:
        return ""
    from macrohard.safety.flows import credential_named

    for part in parts:
        read = " ".join(" ".join(g) for g in _SUBSTITUTION.findall(part)) + " " + " ".join(_MESSAGE_FILE.findall(part))
        if _FILES.search(part):
            read += " " + _MESSAGE.sub(" ", part)
        if named := credential_named(read, base, skip=lambda word: word == "git"):
            return named
        if _FILES.search(part) and (named := next((w for w in _WORDS.findall(read) if _credential_link(
                os.path.join(base, w))), "")):  # rt63: a link whose target is the key (`ln -s "$(cat k)" l`)
            return named
    return ""


_WORDS = lazyre.compile(r"[\w.+~-][\w./+~-]*")


def _credential_link(path: str) -> bool:
    """rt63: whether ``path`` is a symbolic link whose target, which git records as the link's text, is a credential
    (``ln -s "$(cat k)" link``: the key is the link)."""
    from macrohard.safety.flows import credential_text

    try:
        if not os.path.islink(path):
            return False
        target = os.readlink(path)
    except OSError:
        return False
    # a link to a file (a path that is there) is no key, however its path is spelt
    return not os.path.exists(os.path.join(os.path.dirname(path), target)) and credential_text(target)


_SUBSTITUTION = lazyre.compile(r"\$\(([^)]*)\)?|`([^`]*)`?|<\s*(\S+)")  # (a part may end inside one: split at `|`)
_MESSAGE_FILE = lazyre.compile(r"(?:\s-F|--file)[=\s]+(\S+)")
_MESSAGE = lazyre.compile(r"(?:\s-m|--message|\s-a|\s-[bBcC])[=\s]+(?:'[^']*'|\"[^\"$`]*\"|[^\s\"'$`]+)")
# what records the files it names (a path), not only the values it is given
_FILES = lazyre.compile(r"\bgit\b.*\s(?:add|commit|stash|hash-object)\b")


# -- rt63: `git add -A` (`.`, `--all`, a folder, a glob) of a tree holding a credential file git does not ignore --
_WORD = r"(?:[^\s'\"]|'[^']*'|\"[^\"]*\")+"  # a shell word, quotes and all
_GIT_RUN = lazyre.compile(r"(?:^|[\s(`;&|'\"])git(?:\s+(?:-[cC]\s+" + _WORD + r"|--?[\w-]+(?:=" + _WORD
                          + r")?))*\s+([A-Za-z][\w.-]*)([^;&|\n]*)")
# an alias a line defines (`-c alias.st="!git status"`, `git config alias.s 'add -A'`): its name and its expansion
_LINE_ALIAS = lazyre.compile(r"\balias\.([\w-]+)(?:=|\s+)(?:'([^']*)'|\"([^\"]*)\"|([^\s;&|]+))")
# git's own commands that never add a file the index does not already hold (an alias, an external ``git-NAME`` or
# anything else may: the lead's second read, `git config alias.s 'add -A'` then `git s`)
_NEVER_ADDS = frozenset({
    "status", "log", "diff", "show", "commit", "push", "pull", "fetch", "branch", "checkout", "switch", "merge",
    "rebase", "tag", "init", "clone", "remote", "config", "rev-parse", "rev-list", "ls-files", "ls-tree", "ls-remote",
    "blame", "reset", "restore", "mv", "rm", "clean", "grep", "describe", "cherry-pick", "revert", "bisect", "worktree",
    "submodule", "archive", "gc", "fsck", "reflog", "am", "apply", "format-patch", "shortlog", "help", "version",
    "cat-file", "check-ignore", "count-objects", "for-each-ref", "name-rev", "show-ref", "symbolic-ref", "var",
    "whatchanged", "diff-tree", "diff-index", "diff-files", "merge-base", "range-diff", "request-pull", "maintenance",
    "sparse-checkout", "lfs", "annex", "stash"})
_LITERAL_SPEC = lazyre.compile(r"[\w./+-]+")


def added_credential(command: str, base: str, depth: int = 0) -> str:
    """A credential file (``flows.credential_file``) under a folder a ``git add`` of ``command`` takes in whole
    (``-A``, ``--all``, ``.``, ``:/``, a folder, a glob) that the repository's ignore files do not ignore: the
    person's next push publishes it, whatever network the run had; its name from ``base``, or "". The folder and
    two levels below it, 400 entries. A path git is given that the line does not spell (``"$(pwd)"``, ``~+``, a
    pathspec's magic ``:(top)``, a glob, ``--pathspec-from-file``) counts as the whole tree; an alias (defined on the
    line or in the repository's ``.git/config``) is judged by its expansion, and a git command that is neither git's
    own nor such an alias (the person's own alias, an external ``git-NAME``) counts as the whole tree (the lead's
    second read)."""
    import os

    if "git" not in command or depth > 2:
        return ""
    line = {m.group(1): next(v for v in m.groups()[1:] if v is not None) for m in _LINE_ALIAS.finditer(command)}
    for value in line.values():  # `git -c alias.s='add -A' s`, `git config alias.s 'add -A'`
        if found := _expansion_adds(value, base, depth):
            return found
    for m in _GIT_RUN.finditer(command):
        sub, words = m.group(1), m.group(2).split()
        if sub not in ("add", "stage"):
            if sub in _NEVER_ADDS or sub in line:
                continue
            value = _alias_of(sub, base)
            found = (_unignored_credential(os.path.normpath(base), base) if value is None
                     else _expansion_adds(value, base, depth))
            if found:
                return found
            continue
        specs = [w.strip("'\"") for w in words if not w.startswith("-")]
        whole = any(w in ("-A", "--all", "--no-ignore-removal") or w.startswith("-") and not w.startswith("--")
                    and "A" in w for w in words)
        roots = ["."] if whole and not specs else [s for s in specs if s in (".", ":/", "*", "./") or
                                                  os.path.isdir(os.path.join(base, s)) or "*" in s]
        if any(w.startswith("--pathspec-from-file") for w in words) or any(
                not _LITERAL_SPEC.fullmatch(s) for s in specs):
            roots = ["."]  # what git is given is read only when it runs: the whole tree may be in it
        for spec in roots:
            top = base if spec in (":/", "*", ".", "./") or "*" in spec else os.path.join(base, spec)
            if found := _unignored_credential(os.path.normpath(top), base):
                return found
    return ""


def _expansion_adds(value: str, base: str, depth: int) -> str:
    """``added_credential`` of what a git alias runs: a shell alias (``!…``) as its own line, else as git's."""
    value = value.strip()
    return added_credential(value[1:] if value.startswith("!") else f"git {value}", base, depth + 1)


def _alias_of(name: str, base: str) -> str | None:
    """What git alias ``name`` runs as the repository's ``.git/config`` defines it (None where it is not defined
    there: an alias of the person's own configuration, or an external ``git-NAME``)."""
    import configparser
    import os

    parser = configparser.RawConfigParser(strict=False)
    try:
        with open_regular(os.path.join(_repository(base), ".git", "config"), encoding="utf-8", errors="replace") as fh:
            parser.read_string(fh.read(65536))
        value = parser.get("alias", name, fallback=None)
    except (configparser.Error, OSError, UnicodeDecodeError):
        return None
    return None if value is None else value.strip().strip("'\"")


def _unignored_credential(top: str, base: str) -> str:
    import os

    from macrohard.safety.flows import credential_file
    from macrohard.safety.secret_files import walk

    repo = _repository(base)
    for entry in walk(top, 2, lambda folder: not ignored(folder.path + "/", repo)):
        if entry.is_symlink():
            if _credential_link(entry.path) and not ignored(entry.path, repo):
                return os.path.relpath(entry.path, base)
        elif entry.is_file() and entry.stat().st_size <= 65536 and credential_file(entry.path) \
                and not _rows(entry.path) and not ignored(entry.path, repo):
            return os.path.relpath(entry.path, base)
    return ""


def _rows(path: str) -> bool:
    """Whether the file holds rows of records (``flows.records_text`` without the credential reading): a table with a
    token in a field is data a repository holds (fixtures, a data set), not a key, a ``.env`` or a token alone."""
    from macrohard.safety import native
    from macrohard.safety.flows import records_text

    return records_text((native.read(path, 65536) or b"").decode("utf-8", "replace"), credential=False)


def _repository(base: str) -> str:
    """The repository's top (the folder holding ``.git`` at or above ``base``), or ``base`` (a repository the line
    makes: ``git init && git add -A``)."""
    import os

    folder = base
    for _ in range(12):
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        up = os.path.dirname(folder)
        if up == folder:
            break
        folder = up
    return base


def ignored(path: str, repo: str) -> bool:
    """Whether git ignores ``path`` (a folder ends in "/") by the ``.gitignore`` files from ``repo`` down to it and
    ``.git/info/exclude``: each pattern as git reads it (``!`` undoes, a leading or inner ``/`` anchors it to its
    file's folder, a trailing ``/`` names folders, ``**``), the last that matches deciding, a folder ignored hiding
    what is in it."""
    import fnmatch
    import os

    rel = os.path.relpath(path.rstrip("/"), repo)
    if rel.startswith(".."):
        return False
    parts = rel.split(os.sep)
    for i in range(1, len(parts) + 1):
        sub = "/".join(parts[:i])
        is_dir = i < len(parts) or path.endswith("/")
        verdict = False
        sources = [(os.path.join(repo, ".git", "info", "exclude"), "")]
        for j in range(i):
            folder = "/".join(parts[:j])
            sources.append((os.path.join(repo, folder, ".gitignore"), folder))
        for file, folder in sources:
            try:
                with open_regular(file, encoding="utf-8", errors="replace") as fh:
                    lines = fh.read(65536).splitlines()
            except OSError:
                continue
            target = sub[len(folder) + 1:] if folder else sub
            for line in lines:
                line = line.rstrip()
                if not line or line.startswith("#"):
                    continue
                negate = line.startswith("!")
                pattern = line[1:] if negate else line
                if pattern.endswith("/"):
                    if not is_dir:
                        continue
                    pattern = pattern.rstrip("/")
                anchored = "/" in pattern
                pattern = pattern.lstrip("/")
                name = target if anchored else target.rsplit("/", 1)[-1]
                if fnmatch.fnmatchcase(name, pattern) or "**" in pattern and fnmatch.fnmatchcase(
                        name, pattern.replace("**/", "")):
                    verdict = not negate
        if verdict:
            return True
    return False
