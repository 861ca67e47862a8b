"""The names ``cp``, ``mv``, ``install``, ``ln`` and ``rsync`` write beyond the words they are given: the folder
``-t DIR`` names, every file of a folder copied or moved whole, and a destination the line may make a folder first.

guard40: ``cp -t .git/hooks pre-commit`` and ``install -t .git/hooks`` (the guard took the last word for the target),
``rsync -a stage/ ~/.config/`` and ``cp -a stage/. ~/.config`` (a staged ``nvim/init.vim`` landed as
``~/.config/nvim/init.vim``), ``mkdir -p ~/.config && mv stage/nvim ~/.config`` (the folder did not exist yet when the
line was judged, so the move was judged as a rename to ``~/.config``), and ``find stage -name nvim -exec cp -r {}
~/.config/ \\;`` each put a file that runs code later into the home, approved. Each name is judged as a file the
command writes (``Analyzer.written_name``) where it means more there than where it came from: a repository copied
with its ``.git`` (``cp -r proj proj2``) brings no start-up file its source did not have.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_ENTRIES = 5000
COPIERS = frozenset({"cp", "mv", "install", "ln", "rsync"})
# options that take the next word as their value (the target folder apart)
_VALUED = {"install": frozenset({"-m", "--mode", "-o", "--owner", "-g", "--group", "-S", "--suffix"}),
           "cp": frozenset({"-S", "--suffix"}), "mv": frozenset({"-S", "--suffix"}), "ln": frozenset({"-S", "--suffix"}),
           "rsync": frozenset({"-e", "--rsh", "--exclude", "--include", "--filter", "-f", "--exclude-from",
                               "--include-from", "--files-from", "--backup-dir", "--suffix", "--chmod", "--rsync-path",
                               "--temp-dir", "-T", "--compare-dest", "--copy-dest", "--link-dest", "--log-file",
                               "--partial-dir", "--password-file", "--out-format", "--max-size", "--min-size", "--timeout",
                               "--bwlimit", "--port", "--sockopts", "--iconv", "--chown", "--usermap", "--groupmap"})}


def split(prog: str, args: list[str]) -> tuple[list[str], str | None, bool]:
    """The operands (without option values), the ``-t`` folder if any, and whether folders are copied whole
    (``--parents`` and rsync's ``-R``, which keep each source's own path under the folder, are ``parents``)."""
    ops, target, recursive, _ = _split(prog, args)
    return ops, target, recursive


def _split(prog: str, args: list[str]) -> tuple[list[str], str | None, bool, bool]:
    ops: list[str] = []
    parents = False
    target: str | None = None
    recursive = prog == "mv"
    valued = _VALUED.get(prog, frozenset())
    i, options = 0, True
    while i < len(args):
        a = args[i]
        if options and a == "--":
            options = False
        elif options and a.startswith("--"):
            name, eq, value = a.partition("=")
            if name == "--target-directory":
                target = value if eq else (args[i + 1] if i + 1 < len(args) else None)
                i += 0 if eq else 1
            elif name in valued and not eq:
                i += 1
            elif name in ("--recursive", "--archive"):
                recursive = True
            elif name in ("--parents", "--relative"):
                parents = True
        elif options and a.startswith("-") and len(a) > 1:
            letters = a[1:]
            for k, ch in enumerate(letters):
                if ch in "rRa" and prog in ("cp", "rsync"):
                    recursive = True
                if ch == "R" and prog == "rsync":
                    parents = True
                if ch == "t" and prog != "rsync":
                    rest = letters[k + 1:]
                    target = rest or (args[i + 1] if i + 1 < len(args) else None)
                    i += 0 if rest else 1
                    break
                if "-" + ch in valued:
                    i += 0 if letters[k + 1:] else 1
                    break
        else:
            ops.append(a)
        i += 1
    return ops, target, recursive, parents


def judge(an: Analyzer, prog: str, args: list[str], cwd: str | None) -> None:
    """The names one copy or move writes that its words do not spell; a symbolic link to a folder shows the folder's
    files under the link's name (``ln -s stage ~/.config``: ``stage/nvim/init.vim`` is ``~/.config/nvim/init.vim``)."""
    here = an.paths.resolve(cwd or ".", None)
    args = [re.sub(r"^\$\{?PWD\}?(?=/|$)", here, a) if "$" not in here else a for a in args]  # `$PWD/stage/.`
    ops, target, recursive, parents = _split(prog, args)
    symbolic = prog == "ln" and any(a in ("-s", "--symbolic") or a.startswith("-") and not a.startswith("--") and
                                    "s" in a for a in args)
    if target is not None:
        sources, dest, into = ops, target, True
    elif len(ops) >= 2:
        sources, dest = ops[:-1], ops[-1]
        into = dest.endswith("/") or len(sources) > 1 or os.path.isdir(an.paths.resolve(dest, cwd))
    else:
        return
    if "$" in dest or "`" in dest:
        return  # only known when it runs: judged elsewhere (safety.spliced, write_target)
    hard = prog == "ln" and not symbolic or prog == "cp" and any(
        a == "--link" or a.startswith("-") and not a.startswith("--") and "l" in a for a in args)
    if hard:  # guard41: a hard link is a second name for the file itself: a later write to
        # `c` after `ln .git/config c` wrote git's settings under a name the guard took for an ordinary file
        for src in sources:
            if "$" not in src and "`" not in src and _means(an.paths.resolve(src, cwd)):
                an.written_name(src, cwd, f"{prog} gives {src[:60]} a second name a later write changes it through")
        if prog == "ln":
            return
    for src in sources:
        if "$" in src or "`" in src or prog == "rsync" and ":" in src:
            continue
        name = posixpath.basename(src.rstrip("/"))
        contents = src.endswith(("/.", "/./")) or prog == "rsync" and src.endswith("/")
        bases = [dest] if contents else [posixpath.join(dest, name)] if into else [dest, posixpath.join(dest, name)]
        if parents and not src.startswith(("/", "~")):  # `cp --parents nvim/init.vim ~/.config`: its whole path
            kept = src.split("/./", 1)[1] if prog == "rsync" and "/./" in src else src
            bases = [posixpath.normpath(posixpath.join(dest, kept))]
            written(an, src, "", bases[0], cwd, prog)
        for base in bases:
            if name and name != "." and base != dest:
                written(an, src, "", base, cwd, prog)
            if recursive and prog != "ln":
                tree(an, src, base, cwd, prog)
            elif symbolic:  # a relative target is read from the link's own folder
                link = an.paths.resolve(base, cwd)
                shown = src if src.startswith(("/", "~")) else posixpath.join(posixpath.dirname(link), src)
                if not _in_workspace(an, link) and _in_workspace(an, an.paths.resolve(shown, cwd)):
                    # guard41: the sandbox's /tmp is its own (a tmpfs the guard cannot read): `ln -s $PWD/.git/hooks
                    # /tmp/hk` one step, `cp h.sh /tmp/hk/pre-commit` the next wrote the hook as "a file in /tmp"
                    an.r.add("dynamic", f"ln -s puts a way into the workspace ({src[:40]}) at {base[:40]}, outside "
                                        "it, where the guard cannot see it: a write through it would be judged as "
                                        "outside; link inside the workspace, or write to the path itself")
                tree(an, shown, base, cwd, prog)


def tree(an: Analyzer, src: str, base: str, cwd: str | None, prog: str) -> None:
    """Every entry of the folder ``src``, written under ``base``."""
    root = an.paths.resolve(src, cwd)
    if not os.path.isdir(root) or os.path.islink(root.rstrip("/")):
        return
    count = 0
    for folder, dirs, files in os.walk(root):
        for entry in (*dirs, *files):
            count += 1
            if count > MAX_ENTRIES:
                an.r.add("dynamic", f"{prog} copies more than {MAX_ENTRIES} files from {src[:40]}, too many to review")
                return
            rel = posixpath.relpath(posixpath.join(folder, entry), root)
            written(an, posixpath.join(src, rel), rel, base, cwd, prog)


def found(an: Analyzer, root: str, sub: list[str], cwd: str | None) -> None:
    """``find ROOT … -exec cp [-r] {} DEST``: every entry under ROOT may be the ``{}``."""
    prog = posixpath.basename(sub[0])
    ops, target, recursive = split(prog, sub[1:])
    dest = target if target is not None else (ops[-1] if len(ops) >= 2 else None)
    if dest is None or "{}" not in ops or dest == "{}" or "$" in dest:
        return
    top = an.paths.resolve(root, cwd)
    if not os.path.isdir(top):
        return
    count = 0
    for folder, dirs, files in os.walk(top):
        for entry in (*dirs, *files):
            count += 1
            if count > MAX_ENTRIES:
                an.r.add("dynamic", f"find runs {prog} on more than {MAX_ENTRIES} files under {root[:40]}, too many "
                                    "to review")
                return
            path = posixpath.join(root, posixpath.relpath(posixpath.join(folder, entry), top))
            for base in (posixpath.join(dest, entry), dest) if target is None else (posixpath.join(dest, entry),):
                written(an, path, "", base, cwd, prog)
                if recursive and entry in dirs:
                    tree(an, path, base, cwd, prog)


def written(an: Analyzer, source: str, rel: str, base: str, cwd: str | None, prog: str) -> None:
    """``base/rel`` written from ``source``: judged where it means more there than at its source."""
    dest = posixpath.join(base, rel) if rel else base
    if _means(an.paths.resolve(dest, cwd)) and not _means(an.paths.resolve(source, cwd)):
        an.written_name(dest, cwd, f"{prog} writes {dest[:60]} (from {source[:40]})")


def _in_workspace(an: Analyzer, path: str) -> bool:
    return any(path == w or path.startswith(w + "/") for w in an.paths.workspaces)


def _means(path: str) -> bool:
    low = path.lower()
    return any(p.search(low) or p.search(low + "/") for p, _, _ in R.WRITE_TARGETS)


def from_input(an: Analyzer, prog: str, argv: list[str], mark: str | None, cwd: str | None) -> None:
    """``xargs [-I{}] cp -r {} DEST``: the folder it copies is only known when it runs; into the home, a folder of
    programs' start-up files or a repository's ``.git``, what it writes is asked about (guard40: ``echo stage/nvim |
    xargs -I{} cp -r {} ~/.config/`` wrote ``~/.config/nvim/init.vim``)."""
    ops, target, recursive = split(prog, argv[1:])
    dest = target if target is not None else (ops[-1] if len(ops) >= 2 or mark else None)
    if dest is None or "$" in dest or mark and mark in dest or not (recursive or prog == "mv"):
        return
    if mark and not any(mark in o for o in ops if o != dest):
        return
    folder = an.paths.resolve(dest, cwd).rstrip("/")
    home = an.paths.workspaces[0] if an.paths.workspaces else ""
    if _means(folder) or folder == home or folder.endswith("/.git") or folder in (
            f"{home}/.config", f"{home}/.local", f"{home}/.local/share"):
        an.r.add("dynamic", f"{prog} copies folders named by what xargs reads when it runs into {dest[:40]}, where a "
                            "file of a program's start-up runs code later; copy them by name")
