"""The files a tool writes where the target is not an operand the guard's usual readers see: ``cmake -E copy|rename|
create_symlink …``, ``cmake -E tar x`` and ``jar x`` (archives: their members), ``zstd -o FILE``, ``socat`` addresses
(``CREATE:f``, ``OPEN:f``), the ``w FILE`` of an ed/ex script or a ``vim -c`` command, and archives extracted by Python
code (``tarfile``/``zipfile``/``shutil.unpack_archive``).

guard23: each of these wrote ``.bashrc`` (or a hook) with every step approved. They are judged here as the files the
command writes (``Analyzer.write_target``), an archive's members by ``safety.archives``.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import archives, lazyre

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# cmake -E commands that write their last operand (or into it, when it is a folder)
_CMAKE_WRITES = frozenset({"copy", "copy_if_different", "copy_directory", "copy_directory_if_different", "rename",
                           "create_symlink", "create_hardlink", "touch", "touch_nocreate", "make_directory"})
_ZSTD = frozenset({"zstd", "unzstd", "zstdmt", "pzstd"})
_SOCAT_FILE = lazyre.compile(r"^(?:create|creat|open|gopen|file):(?P<f>[^,]+)", re.I)
# ed/ex/vim: `w FILE`, `w! FILE`, `w >> FILE`, `wq FILE`, `x FILE`, `sav[eas] FILE`, `up[date] FILE`, with a range
_EX_WRITE = lazyre.compile(r"^[\s:]*[\d,.$;'+-]*(?:w(?:rite)?|wq|x(?:it)?|sav(?:eas)?|up(?:date)?|wa(?:ll)?)!?"
                       r"(?:\s*>>)?\s+(?!!)(?P<f>[^\s|!][^|\n]*?)\s*$", re.M)
# guard38: `redir! > .bashrc` (with `>>`), `mks[ession] FILE`, `mkv[imrc] FILE`, `mkex[rc] FILE`, `wv[iminfo] FILE`,
# `wsh[ada] FILE`, `ha[rdcopy] > FILE`: vim writes FILE (the redirect put `echo`'s text into the home's .bashrc)
_VIM_WRITE = lazyre.compile(r"^[\s:]*(?:sil(?:ent)?!?\s+)?(?:redi(?:r)?!?\s*>>?|mks(?:ession)?!?|mkvie(?:w)?!?|mkv(?:imrc)?!?|"
                        r"mkex(?:rc)?!?|wv(?:iminfo)?!?|wsh(?:ada)?!?|ha(?:rdcopy)?!?\s*>)\s*(?P<f>[^\s|][^|\n]*?)\s*$", re.M)
_PY_EXTRACT = lazyre.compile(r"\b(?:unpack_archive|extractall|extract)\s*\(")
_PY_DEST = lazyre.compile(r"""(?:unpack_archive\s*\(\s*(['"])[^'"]*\1\s*,\s*(?:extract_dir\s*=\s*)?|"""
                      r"""extractall\s*\(\s*(?:path\s*=\s*)?)(['"])([^'"\n]*)\2""")
_PY_ARCHIVE = lazyre.compile(r"""(['"])([^'"\n]+\.(?:zip|whl|jar|egg|tar|tgz|tbz2?|txz|tar\.(?:gz|bz2|xz|zst)))\1""")


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    if prog == "cmake" and args[:1] == ["-E"] and len(args) > 1:
        _cmake(an, args[1], args[2:], cmd)
    elif prog == "jar" and args:
        _jar(an, args, cmd)
    elif prog in _ZSTD:
        for i, a in enumerate(args):
            if a == "-o" and i + 1 < len(args):
                an.write_target(args[i + 1], cmd.cwd, f"{prog} -o writes {args[i + 1]}")
            elif a.startswith("--output-dir-flat=") or a.startswith("--output-dir-mirror="):
                an.__dict__["renamed_members"] = True
    elif prog == "socat":
        _socat(an, args, cmd)
    elif prog in ("split", "csplit", "gsplit", "gcsplit"):
        _split(an, prog, args, cmd)
    elif prog in ("ed", "red", "ex") or prog in ("vim", "vi", "nvim", "view", "vim.basic", "vim.tiny"):
        _ex(an, prog, args, cmd)
    elif prog in ("xxd", "uniq"):  # `xxd -r IN OUT`, `uniq IN OUT`: the second operand is written (guard24)
        operands = _operands(args, _VALUE_OPTS[prog])
        if len(operands) > 1:
            an.write_target(operands[1], cmd.cwd, f"{prog} writes {operands[1]}")
    elif prog == "shuf":  # guard32: `shuf -o s.sh l.txt; sh s.sh` ran a script the line wrote, read as the old one
        for i, a in enumerate(args):
            if a in ("-o", "--output") and i + 1 < len(args):
                an.write_target(args[i + 1], cmd.cwd, f"shuf -o writes {args[i + 1]}")
            elif a.startswith("--output="):
                an.write_target(a.split("=", 1)[1], cmd.cwd, f"shuf writes {a.split('=', 1)[1]}")
            elif re.fullmatch(r"-[ez]*o.+", a):
                an.write_target(a[a.index("o") + 1:], cmd.cwd, f"shuf -o writes {a[a.index('o') + 1:]}")
    if prog in ("cp", "mv", "ln", "install"):
        _backups(an, prog, args, cmd)
    elif prog == "sed":
        _sed_backups(an, args, cmd)
    elif prog in ("rename", "prename", "file-rename", "perl-rename", "rename.ul"):
        _rename(an, prog, args, cmd)


def _rename(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """``rename 's/^x$/.bashrc/' x`` (perl's) and ``rename FROM TO FILES`` (util-linux's): the new names (guard24:
    approved unread). A perl expression other than a plain ``s///`` is asked about."""
    words = [a for a in args if not a.startswith("-")]
    if len(words) < 2:
        return
    perl = re.fullmatch(r"s(.)(.*?)\1(.*?)\1([a-z]*)", words[0], re.S)
    if prog == "rename.ul" or not perl and len(words) > 2 and prog == "rename" and not re.match(r"[sy]\W", words[0]):
        names = [f.replace(words[0], words[1], 1) for f in words[2:]]
    elif perl and "e" not in perl.group(4) and "$" not in perl.group(3) and "\\" not in perl.group(3):
        try:
            names = [re.sub(perl.group(2), perl.group(3), f, count=0 if "g" in perl.group(4) else 1) for f in words[1:]]
        except re.error:
            names = []
            an.r.add("dynamic", f"{prog} {words[0][:40]}: new names only known when it runs; use mv")
    else:
        an.r.add("dynamic", f"{prog} {words[0][:40]} runs a perl expression to name files; use mv")
        return
    for name in names:
        an.written_name(name, cmd.cwd, f"{prog} renames a file to {name[:60]}")


_VALUE_OPTS = {"xxd": frozenset({"-c", "-g", "-l", "-o", "-s", "-n", "-cols", "-groupsize", "-len", "-seek", "-name"}),
               "uniq": frozenset({"-f", "-s", "-w", "--skip-fields", "--skip-chars", "--check-chars",
                                  "--all-repeated", "--group"})}


def _operands(args: list[str], values: frozenset[str]) -> list[str]:
    out, skip, ended = [], False, False
    for a in args:
        if skip:
            skip = False
        elif ended or not a.startswith("-") or a == "-":
            out.append(a)
        elif a == "--":
            ended = True
        elif a in values:
            skip = True
    return out


def _backups(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """``cp --backup --suffix=c evil .bashr``: the file replaced is kept as TARGET + SUFFIX (guard24: `.bashr` + `c`
    made `.bashrc`, `-S rc` on `.bash` too); a backup of a start-up file's name holds the old file, whose text the
    guard did not read. The suffix (``-S``, ``--suffix``, ``SIMPLE_BACKUP_SUFFIX``; ``~`` by default) is judged with
    the last operand, and each source's name in it when it is a folder."""
    suffix, backup = "~", False
    for i, a in enumerate(args):
        if a in ("-b",) or a.startswith("--backup"):
            backup = True
        elif a in ("-S", "--suffix") and i + 1 < len(args):
            suffix, backup = args[i + 1], True
        elif a.startswith("--suffix="):
            suffix, backup = a.split("=", 1)[1], True
        elif re.fullmatch(r"-[A-Za-z]*S.+", a) and prog != "install":
            suffix, backup = a[a.index("S") + 1:], True
        elif re.fullmatch(r"-[A-Za-z]*b[A-Za-z]*", a):
            backup = True
    known = getattr(an, "line_vars", None) or {}
    if isinstance(known.get("SIMPLE_BACKUP_SUFFIX"), str) and suffix == "~":
        suffix = known["SIMPLE_BACKUP_SUFFIX"]
    operands = [a for a in args if not a.startswith("-")]
    if not backup or suffix == "~" or len(operands) < 2:
        return
    target = operands[-1]
    names = [target + suffix] + [posixpath.join(target, posixpath.basename(o) + suffix) for o in operands[:-1]]
    for name in names:
        an.written_name(name, cmd.cwd, f"{prog} keeps a backup named {name} (suffix {suffix})")


def _sed_backups(an: Analyzer, args: list[str], cmd: SimpleCommand) -> None:
    """``sed -i.sh 's/x//' s``: GNU sed keeps the file as it was under FILE + SUFFIX, or under the suffix with each
    ``*`` replaced by the file's name (in the file's folder unless the result has a ``/``). guard32: ``sed -i.sh …
    s; sh s.sh`` ran the old ``s`` as ``s.sh`` where the review read the ``s.sh`` on disk."""
    suffix = None
    for a in args:
        if a.startswith("--in-place="):
            suffix = a.split("=", 1)[1]
        elif (m := re.fullmatch(r"-[nrsuzE]*i(.+)", a)) and not a.startswith("--"):
            suffix = m.group(1)
    if not suffix:
        return
    files, skip, script_given = [], False, False
    for a in args:
        if skip:
            skip = False
        elif a in ("-e", "-f", "--expression", "--file", "-l", "--line-length"):
            skip, script_given = True, script_given or a in ("-e", "-f", "--expression", "--file")
        elif a.startswith(("--expression=", "--file=")) or re.fullmatch(r"-[nrsuzE]*[ef].+", a):
            script_given = True
        elif not a.startswith("-") or a == "-":
            files.append(a)
    for f in files if script_given else files[1:]:
        base = posixpath.basename(f)
        if "*" in suffix:
            name = suffix.replace("*", base)
            name = name if "/" in name else posixpath.join(posixpath.dirname(f), name)
        else:
            name = f + suffix
        an.written_name(name, cmd.cwd, f"sed -i keeps the old {f} as {name}")


def _cmake(an: Analyzer, sub: str, rest: list[str], cmd: SimpleCommand) -> None:
    if sub == "tar" and rest and "x" in rest[0] and len(rest) > 1:
        archives.extracted(an, "cmake -E tar", rest[1], ".", cmd.cwd)
        return
    if sub not in _CMAKE_WRITES or not rest:
        return
    if sub in ("touch", "touch_nocreate", "make_directory"):
        for target in rest:
            an.write_target(target, cmd.cwd, f"cmake -E {sub} writes {target}")
        return
    target, sources = rest[-1], rest[:-1]
    an.write_target(target, cmd.cwd, f"cmake -E {sub} writes {target}")
    if sub.startswith("copy") and not sub.startswith("copy_directory"):  # into a folder: the sources' names there
        for source in sources:
            an.written_name(posixpath.join(target, posixpath.basename(source)), cmd.cwd,
                            f"cmake -E {sub} writes {posixpath.basename(source)} into {target}")


def _split(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """``split FILE PREFIX`` (pieces PREFIX + letters + ``--additional-suffix``), ``csplit -f PREFIX -b FORMAT``: the
    pieces' names are PREFIX + what follows, judged as a glob (guard23: `.bashr` + the third piece's `c`, `.bash` +
    `rc%.0d` made `.bashrc`)."""
    prefix, suffix, operands, i = ("xx" if prog.endswith("csplit") else "x"), "", [], 0
    while i < len(args):
        a = args[i]
        name, eq, value = a.partition("=")
        takes = name in ("-f", "--prefix", "-b", "--suffix-format", "--additional-suffix", "-n", "--digits", "-a",
                         "--suffix-length", "-l", "-b", "-C", "--lines", "--bytes", "--line-bytes", "--number",
                         "--filter")
        if takes and not eq and a.startswith("-"):
            value, i = (args[i + 1] if i + 1 < len(args) else ""), i + 1
        if name in ("-f", "--prefix") and prog.endswith("csplit"):
            prefix = value
        elif name in ("-b", "--suffix-format") and prog.endswith("csplit"):
            suffix = re.sub(r"%[-#0 +']*\d*(?:\.\d*)?[diouxX]", "*", value)
        elif name == "--additional-suffix":
            suffix = "*" + value
        elif name == "--filter":
            an.line(value, 1, cmd.cwd)
        elif not a.startswith("-") or a == "-":
            operands.append(a)
        i += 1
    if prog.endswith("split") and not prog.endswith("csplit") and len(operands) > 1:
        prefix = operands[1]
    glob = prefix + (suffix or "*") if "*" in (suffix or "*") else prefix + "*" + suffix
    an.write_target(glob, cmd.cwd, f"{prog} writes pieces named {glob}")


def _jar(an: Analyzer, args: list[str], cmd: SimpleCommand) -> None:
    """``jar xf A``, ``jar -xf A``, ``jar --extract --file=A``: the archive's members, where it runs (``-C`` too)."""
    first, archive, extract = args[0], "", False
    if not first.startswith("--") and "x" in first.lstrip("-"):
        extract = True
        if "f" in first:
            archive = args[1] if len(args) > 1 else ""
    for i, a in enumerate(args):
        if a in ("--extract", "-x"):
            extract = True
        elif a.startswith("--file="):
            archive = a.split("=", 1)[1]
        elif a in ("--file", "-f") and i + 1 < len(args):
            archive = args[i + 1]
    if extract:
        archives.extracted(an, "jar", archive or "-", ".", cmd.cwd)


def _socat(an: Analyzer, args: list[str], cmd: SimpleCommand) -> None:
    addresses = [a for a in args if not a.startswith("-") or a == "-"]
    one_way = any(re.fullmatch(r"-[a-zA-Z]*u[a-zA-Z]*", a) for a in args)
    for k, address in enumerate(addresses):
        if one_way and k == 0:  # -u: the first address is only read
            continue
        if m := _SOCAT_FILE.match(address):
            an.write_target(m.group("f"), cmd.cwd, f"socat writes {m.group('f')}")


def _ex(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """The ``w FILE`` commands an ed/ex script (its input) or vim's ``-c``/``+`` commands give."""
    texts = [cmd.heredoc] * bool(cmd.heredoc) + [t for op, t in cmd.redirects if op == "<<<"]
    for i, a in enumerate(args):
        if a in ("-c", "--cmd") and i + 1 < len(args):
            texts.append(args[i + 1])
        elif a.startswith("+") and len(a) > 1:
            texts.append(a[1:])
    for text in texts:
        for line in text.split("|") if prog not in ("ed", "red") else [text]:
            for m in _EX_WRITE.finditer(line):
                target = m.group("f").strip().strip("'\"")
                if target:
                    an.write_target(target, cmd.cwd, f"{prog} writes {target}")
            for m in _VIM_WRITE.finditer(line) if prog not in ("ed", "red") else ():
                target = m.group("f").strip().strip("'\"")
                if target and target not in ("END", "end"):
                    an.write_target(target, cmd.cwd, f"{prog} writes {target}")


def python_code(an: Analyzer, code: str, cwd: str | None) -> None:
    """Python code that extracts an archive (``shutil.unpack_archive``, ``ZipFile(…).extractall()``,
    ``tarfile.open(…).extract(…)``): every archive the code names, its members judged where the code runs and in a
    folder it names; an extraction of an archive it does not name is only known when it runs."""
    if not _PY_EXTRACT.search(code):
        return
    named = [m.group(2) for m in _PY_ARCHIVE.finditer(code)]
    if not named:
        an.r.add("dynamic", "python code extracts an archive it does not name; extract it with tar or unzip")
        return
    folders = {"."} | {m.group(3) for m in _PY_DEST.finditer(code)}
    for archive in dict.fromkeys(named):
        for folder in folders:
            archives.extracted(an, "python code", archive, folder or ".", cwd)

