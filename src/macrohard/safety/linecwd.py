"""Where a line's commands run: the folder each ``cd`` of the line leaves them in, as bash moves (guard29, guard30).

``shellparse`` follows each ``cd``/``pushd``/``popd`` word by word; this module says where that cannot be trusted
(a ``cd`` that may fail where the line goes on, code that moves the shell unseen) and keeps bash's logical ``$PWD``
across steps where a link makes it differ from the kernel's folder."""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING, Any

from macrohard.safety import lazyre
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

_MAKES_FOLDERS = frozenset({"mkdir", "git", "cp", "mv", "rsync", "tar", "unzip", "install", "ln", "cmake", "npm",
                            "pip", "pip3", "python", "python3", "cargo", "make"})


def logical_join(base: str, rel: str) -> str:
    """Where ``cd REL`` from ``base`` leads: bash's `cd ..` is logical (from $PWD), but never past a folder only
    known when the line runs (``$CD_FAILED/..`` stays unknown)."""
    joined = posixpath.join(base, rel)
    return joined if "$" in joined else posixpath.normpath(joined)


_CD_WORD = lazyre.compile(r"(^|[;&|({\s`])(cd|pushd|popd)(\s|$|;)", re.M)


def moves_unseen(an: Analyzer, cmd: Any) -> bool:
    """Whether a command moves the shell by code the line does not show (guard30: ``eval 'cd a'; sh s.sh``, ``.
    ./go.sh`` holding ``cd a``, a function an earlier step defined with ``cd a`` in it, then ``sh s.sh``: a/s.sh ran,
    ./s.sh was judged): what comes after it on the line is judged in a folder the guard cannot follow."""
    if not cmd.argv:
        return False
    prog = cmd.argv[0]
    if prog == "eval":
        return bool(_CD_WORD.search(" ".join(cmd.argv[1:])))
    if prog in ("source", ".") and len(cmd.argv) > 1:
        try:
            with open_regular(an.paths.resolve(cmd.argv[1], cmd.cwd), errors="replace") as f:  # never a pipe
                return bool(_CD_WORD.search(f.read(65536)))
        except OSError:
            return False
    body = an.functions.get(prog)
    return body is not None and bool(_CD_WORD.search(body))


LOGICAL_PWD = "\0PWD"  # the key in the session's values for the shell's $PWD where a link makes it differ from the kernel's


def logical_pwd(an: Analyzer, end: str | None, cwd: str | None) -> None:
    """Keep the shell's $PWD where the line's last `cd` went through a link: bash takes a later `cd ..` from it, not
    from the folder the kernel reports (guard30: `cd l` (l -> b/c), then `cd .. && sh s.sh` ran ./s.sh, judged
    b/s.sh)."""
    if end is None:
        return
    base = cwd or (an.paths.workspaces[0] if an.paths.workspaces else "/")
    logical = posixpath.normpath(posixpath.join(base, end))
    if "$" in end or an.paths.resolve(logical, None) == logical:
        an.session_vars.pop(LOGICAL_PWD, None)
    else:
        an.session_vars[LOGICAL_PWD] = logical


def failed_cds(an: Analyzer, cds: list[tuple[str, int, bool]], commands: list[Any], cwd: str | None) -> list[str]:
    """The folders of ``cd``s that may fail where the line goes on, or that may take bash elsewhere: their commands
    are judged in a folder the guard cannot follow. A ``cd`` whose failure does not stop the line (``cd b; cd a; sh
    s.sh``: guard29 found s.sh judged in b/a while bash, with no b/a, ran b/s.sh) to a folder that is not one now
    and that no program before it on the line that makes folders names, or to one that is, after a program on the
    line that may remove, move or lock it (guard30: ``rm -r a; cd a; sh s.sh`` ran ./s.sh, judged a/s.sh)."""
    out = []
    for folder, before, stops in cds:
        leaf = posixpath.basename(folder.rstrip("/"))
        earlier = commands[:before]
        made = any(c.argv and posixpath.basename(c.argv[0]) in _MAKES_FOLDERS and any(
            leaf in posixpath.normpath(a).split("/") for a in c.argv[1:]) for c in earlier)
        if stops:  # `cd X && …`: what follows runs only where it moved (`cdable_vars` is asked about: programs)
            continue
        if os.path.isdir(an.paths.resolve(folder, cwd)):
            if all(not c.argv or c.argv[0] in KEEPS_FOLDERS for c in earlier):
                continue
        elif made:
            continue
        out.append(folder)
    return list(dict.fromkeys(out))


# programs that remove, move or lock no folder: a `cd` after them on the line goes where it went at review
KEEPS_FOLDERS = frozenset({"cd", "pushd", "popd", "echo", "printf", "true", ":", "mkdir", "ls", "pwd", "test", "[",
                            "[[", "export", "set", "shopt", "read", "cat", "touch", "cp", "wc", "head", "tail", "grep",
                            "date", "sleep", "which", "type", "umask"})
