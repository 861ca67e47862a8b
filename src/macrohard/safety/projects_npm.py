"""What else npm runs, found by guard19: settings abbreviated on the command line (``--script-sh=./x``), the project
a subfolder belongs to (npm walks up to the nearest package.json), ``npm pkg set`` rewriting the scripts a later
command on the line runs, ``npm exec -c CMD``, ``npm explore PKG -- CMD`` and ``npm init NAME`` (``create-NAME``)."""

from __future__ import annotations

import os
import posixpath
import shlex
from typing import TYPE_CHECKING

from macrohard.safety.envvars import NPM_RUNS_LATER

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

# npm settings that are whole names of their own though they start another's (`--global`, not `--globalconfig`)
_WHOLE = frozenset({"global", "g", "init", "user", "node", "s", "save", "shell", "git", "editor", "browser", "viewer"})


def npm_setting(key: str) -> bool:
    """Whether ``--KEY`` sets what npm runs: the setting's name or, as npm's option parser takes them, any start of
    it that is not a name of its own."""
    key = key.lower()
    if key in NPM_RUNS_LATER - {"prefix"}:
        return True
    return len(key) > 1 and key not in _WHOLE and any(k.startswith(key) for k in NPM_RUNS_LATER - {"prefix"})


def npm_root(an: Analyzer, cwd: str) -> str:
    """The project npm runs in from ``cwd``: the nearest folder up with a package.json or node_modules (inside the
    workspace), else ``cwd`` (guard19: ``cd sub && npm run b`` ran the parent's script unread)."""
    folder = cwd
    while any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
        if os.path.isfile(posixpath.join(folder, "package.json")) or os.path.isdir(posixpath.join(folder, "node_modules")):
            return folder
        if folder in an.paths.workspaces:
            break
        folder = posixpath.dirname(folder)
    return cwd


def npm_more(an: Analyzer, sub: str, operands: list[str], args: list[str], root: str, depth: int) -> None:
    """``npm pkg set|delete``, ``npm exec -c``, ``npm explore``, ``npm init NAME``."""
    if sub == "pkg" and operands[1:2] in (["set"], ["delete"], ["fix"]):
        an.written[posixpath.join(root, "package.json")] = None  # a later npm on the line runs scripts unknown now
    for i, a in enumerate(args):
        if sub == "exec" and (a in ("-c", "--call") or a.startswith("--call=")):
            an.line(a.split("=", 1)[1] if "=" in a else args[i + 1] if i + 1 < len(args) else "", depth + 1, root)
    if sub == "explore":
        folder = posixpath.join(root, "node_modules", operands[1]) if len(operands) > 1 else root
        if "--" in args and args.index("--") + 1 < len(args):
            an.line(shlex.join(args[args.index("--") + 1:]), depth + 1, folder)
        else:
            an.r.add("dynamic", "npm explore opens a shell in a package folder; run the command there yourself")
    if sub == "init" and len(operands) > 1 and not operands[1].startswith("-"):
        from macrohard.safety.projects import _bin

        name = operands[1]
        _bin(an, f"{name}/create" if name.startswith("@") and "/" not in name else
             name.replace("/", "/create-", 1) if name.startswith("@") else f"create-{name}", root, depth)
