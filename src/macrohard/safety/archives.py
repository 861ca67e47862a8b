"""The files an archive writes when it is extracted (``tar -x``, ``unzip``, ``python3 -m zipfile -e``).

The shell's home folder is the workspace, so an archive can carry start-up files there (``.bashrc``, ``.gitconfig``,
a ``.pth`` under ``.local/lib/python3.11/site-packages``) or hooks into ``.git/`` (guard20: each, extracted one step
and triggered by an ordinary ``git status`` or ``python3`` the next, ran its payload). An archive on disk is listed
and every member judged as a file the command writes; one decoded on the same line (``base64 -d x | tar x``) cannot
be listed, so it is asked about; one downloaded there is judged as downloads are.
"""

from __future__ import annotations

import os
import posixpath
import re
import tarfile
import zipfile
from typing import TYPE_CHECKING

from macrohard.safety import rules_data as R
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAX_MEMBERS = 5000
_TAR_VALUES = frozenset({"-f", "--file", "-C", "--directory", "-T", "--files-from", "-X", "--exclude-from", "-I",
                         "--use-compress-program", "-b", "--blocking-factor", "-H", "--format", "-V", "--label",
                         "-g", "--listed-incremental", "-N", "--newer", "--owner", "--group", "--mode", "-K",
                         "--starting-file", "--transform", "--xform", "--exclude", "--strip-components"})


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    if prog in ("tar", "bsdtar"):
        _tar(an, prog, args, cmd)
    elif prog == "unzip":
        _unzip(an, args, cmd)
    elif prog in ("patch", "git"):
        patched(an, prog, args, cmd)


def python_module(an: Analyzer, name: str, args: list[str], cwd: str | None) -> None:
    """``python3 -m zipfile -e ARCHIVE DIR`` and ``python3 -m tarfile -e ARCHIVE [DIR]``."""
    if name in ("zipfile", "tarfile") and args[:1] in (["-e"], ["--extract"]) and len(args) > 1:
        _members(an, f"python3 -m {name}", args[1], args[2] if len(args) > 2 else ".", cwd)


def _tar(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    if any(a.startswith(("--transform", "--xform")) for a in args):  # members renamed as made or extracted
        an.__dict__["renamed_members"] = True
    archive, dest, extract, i = "", ".", False, 0
    first = args[0] if args and not args[0].startswith("-") else ""
    if first:  # old style: `tar xzf ARCHIVE`: the bundled letters' values follow in order
        extract = "x" in first
        values = [c for c in first if c in "fCTXIbHVgNK"]
        for k, letter in enumerate(values, 1):
            value = args[k] if k < len(args) else ""
            archive = value if letter == "f" else archive
            dest = value if letter == "C" else dest
        i = 1 + len(values)
    while i < len(args):
        a = args[i]
        name, eq, value = a.partition("=")
        if a in ("--extract", "--get") or a.startswith("-") and not a.startswith("--") and "x" in a[1:].split("f")[0]:
            extract = True
        if name in ("-f", "--file", "-C", "--directory") or (a.startswith("--") and name in _TAR_VALUES):
            value = value if eq else args[i + 1] if i + 1 < len(args) else ""
            i += 0 if eq else 1
            archive = value if name in ("-f", "--file") else archive
            dest = value if name in ("-C", "--directory") else dest
        elif a.startswith("-") and not a.startswith("--") and len(a) > 1:
            for k, letter in enumerate(a[1:], 2):  # -xzf ARCHIVE, -xzfARCHIVE, -C DIR
                if letter in "fC":
                    value = a[k:] or (args[i + 1] if i + 1 < len(args) else "")
                    i += 0 if a[k:] else 1
                    archive = value if letter == "f" else archive
                    dest = value if letter == "C" else dest
                    break
        i += 1
    if extract:
        _members(an, prog, archive or "-", dest, cmd.cwd)
    elif archive in ("-", "") and (first and "c" in first or any(
            a == "--create" or a.startswith("-") and not a.startswith("--") and "c" in a[1:].split("f")[0] for a in args)):
        # guard40: `tar -cf - -C stage nvim | tar -xf - -C ~/.config`: what the extracting tar writes is what this one
        # packs, listed from the disk (`tar -C d -cf - . | tar -C e -xf -` is an ordinary copy)
        an.__dict__["piped_members"] = _packed(an, prog, args, first, dest, cmd.cwd)


def _unzip(an: Analyzer, args: list[str], cmd: SimpleCommand) -> None:
    if any(a in ("-l", "-t", "-p", "-c", "-v", "-Z", "-z") for a in args):
        return  # lists, tests or prints: writes no file
    dest, operands, skip = ".", [], False
    for i, a in enumerate(args):
        if skip:
            skip = False
        elif a == "-d":
            dest, skip = (args[i + 1] if i + 1 < len(args) else "."), True
        elif a in ("-x", "-P"):
            skip = a == "-P"
            if a == "-x":
                break
        elif not a.startswith("-"):
            operands.append(a)
    if operands:
        _members(an, "unzip", operands[0], dest, cmd.cwd)


def extracted(an: Analyzer, prog: str, archive: str, dest: str, cwd: str | None) -> None:
    """The files ``prog`` writes extracting ``archive`` into ``dest`` (``safety.toolwrites``: jar, cmake -E tar,
    Python code), judged as the command's writes."""
    _members(an, prog, archive, dest, cwd)


def _packed(an: Analyzer, prog: str, args: list[str], first: str, folder: str, cwd: str | None) -> list[str] | None:
    """The members a ``tar -c`` to its output packs (its operands and every file under them, from ``-C``'s folder),
    or None where they are only known when it runs (a name with ``$``, ``-T``, a transform, too many)."""
    skip, operands = 0, []
    for a in (args[1 + len([c for c in first if c in "fCTXIbHVgNK"]):] if first else args):
        if skip:
            skip -= 1
        elif a in _TAR_VALUES:
            skip = 1
        elif a.startswith("-") and not a.startswith("--") and len(a) > 1:
            skip = sum(1 for c in a[1:] if c in "fCTXIbHVgNK")
        elif not a.startswith("-"):
            operands.append(a)
    if not operands or any("$" in o or "`" in o for o in operands) or any(a in ("-T", "--files-from") or
                                                                           a.startswith("--files-from=") for a in args):
        return None
    root = an.paths.resolve(folder, cwd)
    out: list[str] = []
    for operand in operands:
        top = an.paths.resolve(operand, root)
        out.append(operand)
        if os.path.isdir(top):
            for base, dirs, files in os.walk(top):
                for entry in (*dirs, *files):
                    out.append(posixpath.normpath(posixpath.join(operand, posixpath.relpath(posixpath.join(base, entry), top))))
                    if len(out) > MAX_MEMBERS:
                        return None
    return out


def _members(an: Analyzer, prog: str, archive: str, dest: str, cwd: str | None) -> None:
    path = an.paths.resolve(archive, cwd) if archive not in ("-", "") else ""
    names = _names(path) if path and path not in an.written and "$" not in archive else None
    if names is None and not path and "piped_members" in an.__dict__:  # `tar -c … | tar -x`: what the first packs
        names = an.__dict__["piped_members"]
        if names is None:
            an.r.add("dynamic", f"{prog} extracts what a tar on this line packs from names only known when it runs; "
                                "copy the files with cp instead")
            return
    if names is None:
        if an.r.programs & (R.DECODERS | {"base64", "xxd", "openssl", "basenc"}) or an.__dict__.get("renamed_members") \
                or an.__dict__.get("archive_on_line"):  # `git archive REV | tar x` (guard21)
            an.r.add("dynamic", f"{prog} extracts an archive made or decoded on this line: the files it writes are only "
                                "known when it runs; make it in one step and extract it in the next")
        return
    if an.__dict__.get("renamed_members"):  # guard24: `tar xf a.tar --transform 's/evil.txt/.bashrc/'` wrote .bashrc
        an.r.add("dynamic", f"{prog} renames the members of {archive[:40]} as it extracts them (--transform): the "
                            "files it writes are only known when it runs; extract, then rename with mv")
        return
    if len(names) > MAX_MEMBERS:
        an.r.add("dynamic", f"{prog} extracts more than {MAX_MEMBERS} files from {archive[:40]}, too many to review")
        return
    for name in names:
        an.written_name(posixpath.join(dest, name.lstrip("/")) if not name.startswith("/") else name, cwd,
                        f"{prog} extracts {name[:60]} from {archive[:40]}")


def _names(path: str) -> list[str] | None:
    """The member names of the archive at ``path``, None when it cannot be read as one."""
    if not os.path.isfile(path) or os.path.getsize(path) > 64_000_000:
        return None
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                return z.namelist()[:MAX_MEMBERS + 1]
        with tarfile.open(path) as t:
            out, links = [], {}
            for member in t:
                name = _through_links(member.name, links)
                if member.issym() or member.islnk():
                    # a member written later over the link, or under it, lands where the link points (guard23:
                    # `x.txt -> .bashrc` then a file `x.txt`, or `l -> .git/hooks` then `l/pre-commit`, by Python's
                    # tarfile); a link that leaves the archive's folder names its target, judged as written too
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), member.linkname)) \
                        if not member.linkname.startswith("/") else member.linkname
                    links[name.rstrip("/")] = target
                out.append(name + ("/" if member.isdir() else ""))
                if len(out) > MAX_MEMBERS:
                    break
            return out
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError, ValueError):
        return None


def _through_links(name: str, links: dict[str, str]) -> str:
    """A member's name with a link an earlier member made, at its start or whole, replaced by the link's target."""
    name = posixpath.normpath(name) if name not in ("", ".") else name
    for _ in range(8):
        parts = name.split("/")
        for k in range(len(parts), 0, -1):
            head = "/".join(parts[:k])
            if head in links:
                name = posixpath.normpath(posixpath.join(links[head], *parts[k:])) if parts[k:] else links[head]
                break
        else:
            return name
    return name


def patched(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """``patch < p.diff``, ``patch -i p.diff``, ``git apply p.diff``: the files the diff creates or changes, judged
    as files the command writes (guard20: a diff that made ``.bashrc`` was applied unread)."""
    roots = [""]  # guard40: where the diff's paths land (`patch -d DIR`, `git apply --directory=ROOT`)
    for i, a in enumerate(args):
        if prog == "patch" and a in ("-d", "--directory") and i + 1 < len(args):
            roots.append(args[i + 1])
        elif prog == "patch" and a.startswith("-d") and len(a) > 2 and not a.startswith("--"):
            roots.append(a[2:])
        elif a.startswith("--directory="):
            roots.append(a.split("=", 1)[1])
    if prog == "patch":
        diffs = [t for op, t in cmd.redirects if op == "<" and t]
        diffs += [v for a, v in zip(args, args[1:], strict=False) if a in ("-i", "--input")]
        diffs += [a.split("=", 1)[1] for a in args if a.startswith("--input=")]
        diffs += [a[2:] for a in args if a.startswith("-i") and len(a) > 2]
        operands = [a for a in args if not a.startswith("-")]
        for target in operands[:1]:  # `patch FILE < p.diff` writes FILE
            an.write_target(target, cmd.cwd, f"patch writes {target}")
    else:  # git apply [options] PATCH…
        sub = next((i for i, a in enumerate(args) if not a.startswith("-") and not (
            i and args[i - 1] in ("-C", "-c", "--git-dir", "--work-tree"))), None)
        if sub is None or args[sub] not in ("apply", "am") or "--check" in args or "--stat" in args or "--numstat" in args:
            return
        diffs = [a for a in args[sub + 1:] if not a.startswith("-")]
        if not diffs:
            diffs = [t for op, t in cmd.redirects if op == "<" and t]
        if not diffs and an.__dict__.get("diff_on_line"):  # `git diff main x | git apply` (guard21)
            an.r.add("dynamic", f"git {args[sub]} applies a diff made on this line: the files it writes are only known "
                                "when it runs; save the diff in one step and apply it in the next")
    for diff in diffs:
        text = _diff_text(an, diff, cmd.cwd)
        if text is None:
            continue
        for m in re.finditer(r"^(?:\+\+\+|---|\*\*\*|rename to|copy to|diff --git a/\S+) (?:b/)?(\S+)", text, re.M):
            name = m.group(1)
            if name == "/dev/null":
                continue
            parts = name.split("/")
            for candidate in dict.fromkeys("/".join(parts[k:]) for k in range(len(parts))):  # every -p level
                for root in roots:
                    where = posixpath.join(root, candidate) if root else candidate
                    an.written_name(where, cmd.cwd, f"{prog} applies a diff to {where}")
        # the lines a diff adds to a .envrc, shell code direnv runs as the folder is entered (guard21: `git am` of
        # a mail adding one), are judged as a script
        for m in re.finditer(r"^\+\+\+ (?:b/)?(?:\S*/)?\.envrc\n(?:@@[^\n]*\n)?((?:[+ ][^\n]*\n|@@[^\n]*\n)*)",
                             text, re.M):
            added = "\n".join(ln[1:] for ln in m.group(1).splitlines() if ln.startswith("+"))
            if added.strip():
                an.line(added, 1, cmd.cwd)


def _diff_text(an: Analyzer, path: str, cwd: str | None) -> str | None:
    if "$" in path or "`" in path or path.startswith("<("):
        return None
    try:
        with open_regular(an.paths.resolve(path, cwd), encoding="utf-8", errors="replace") as f:
            return f.read(1_000_000)
    except OSError:
        return None
