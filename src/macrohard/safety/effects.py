"""What one program does to files and the system, by its name and arguments: deletions, permission
changes, ``find -exec``/``-delete``, ``dd``, copies and moves (into a directory: per file), ``tee`` and ``sed -i``
writes, compilers' outputs, downloads, ``tar``'s commands, ``git -c``, ``openssl`` connections, ``wait``; then
the tables of the other modules (``runners``, ``projects``, ``makefile``, ``minilang``, ``system``, ``lookup``,
``programs``, ``flows``). ``safety.commands.Analyzer.program`` calls ``judge`` for every simple command.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import (
    buildsrc,
    copies,
    csource,
    devtools,
    flows,
    gitrepo,
    jvm,
    lazyre,
    lookup,
    makefile,
    minilang,
    native,
    ninja,
    programs,
    projects,
    runners,
    session,
    shellstate,
    system,
)
from macrohard.safety import rules_data as R
from macrohard.safety.argv import value_after
from macrohard.safety.scripts import COMPILERS
from macrohard.safety.taskrunners import judge as judge_task_runner

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand


# decompressors that write the operand's name without its suffix
_DECOMPRESS = {"gunzip": (".gz", ".tgz", ".z"), "unxz": (".xz", ".txz"), "unlzma": (".lzma",), "bunzip2": (".bz2", ".tbz2"),
               "unzstd": (".zst",), "unlz4": (".lz4",), "lzop": (), "uncompress": (".Z",)}
_COMPRESSORS = {"gzip": (".gz", ".tgz", ".z"), "xz": (".xz", ".txz", ".lzma"), "bzip2": (".bz2", ".tbz2"),
                "zstd": (".zst",), "lz4": (".lz4",), "lzma": (".lzma",), "pigz": (".gz",), "lzip": (".lz",)}
# programs whose second operand is the file they write (`uniq IN OUT`, `lz4 IN OUT`)
_SECOND_OPERAND = frozenset({"uniq", "lz4", "lz4c", "unlz4", "lzop"})
_SCRIPT_VALUED = frozenset({"-c", "--command", "-E", "--echo", "-I", "--log-in", "-O", "--log-out", "-B", "--log-io",
                            "-T", "--log-timing", "-t", "-m", "--logging-format", "-o", "--output-limit"})
_SCRIPT_LOGS = frozenset({"-I", "--log-in", "-O", "--log-out", "-B", "--log-io", "-T", "--log-timing", "--timing"})


# a vim command (after `:`, a range, `silent`, or a `|`) that runs a file's commands or code
_VIM_SOURCES = lazyre.compile(r"(?:^|\|)\s*[:+]*\s*(?:sil(?:ent)?!?\s+|exe(?:cute)?\s+\S*\s*)?[\d,.$;'%+-]*\s*"
                          r"(?:so(?:u(?:r(?:c(?:e)?)?)?)?|ru(?:n(?:t(?:i(?:m(?:e)?)?)?)?)?|luaf(?:ile)?|py3f(?:ile)?|"
                          r"pyf(?:ile)?|pyxf(?:ile)?|rubyf(?:ile)?|lua|py3?|python3?|pyx|perl|ruby|tcl|tclf(?:ile)?|"
                          r"mzf(?:ile)?)!?(?:\s|$)")


_VIMS = frozenset({"vim", "vi", "nvim", "ex", "view", "vim.basic", "vim.tiny", "vim.nox", "vim.gtk3", "vimdiff", "rvim",
                   "rview", "gvim", "gview", "evim", "vimx", "gvimdiff", "nvim-qt"})
# vim builds a command from text when it runs (`exe "so " . f`, `call execute('so f')`, `feedkeys`, `:@r`, an
# expression register), or runs code of another language
_VIM_INDIRECT = lazyre.compile(r"\b(?:exe(?:c(?:u(?:te?)?)?)?|execute\s*\(|feedkeys|libcall\w*|job_start|term_start|"
                           r"ter(?:m(?:i(?:n(?:al?)?)?)?)?!?\s|system(?:list)?\s*\(|luaeval|py3?eval|pyxeval|perleval|"
                           r"rubyeval|luado|py3?do|pyxdo|perldo|rubydo|tcldo|mzscheme|@[:a-z\"])|\bso(?:u(?:r(?:ce?)?)?)?!?\s|"
                           r"\bru(?:n(?:t(?:i(?:me?)?)?)?)?!?\s")


def _vim_commands(args: list[str]) -> list[str]:
    """The Ex commands vim runs from its arguments: ``-c CMD``, ``--cmd CMD``, ``+CMD``."""
    out = []
    for i, a in enumerate(args):
        if a in ("-c", "--cmd") and i + 1 < len(args):
            out.append(args[i + 1])
        elif a.startswith("+") and len(a) > 1:
            out.append(a[1:])
    return out


def _is_dynamic(word: str) -> bool:
    return "$" in word or "`" in word


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    cwd = cmd.cwd
    flags = "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--"))
    long = {a.split("=")[0] for a in args if a.startswith("--")}
    operands = [a for a in args if not a.startswith("-")]
    if prog in ("mapfile", "readarray", "compgen", "complete", "bind"):
        shellstate.builtin_code(an, prog, args, cwd, depth)  # the code they are given runs (a callback, a word list)
    if prog in R.ALWAYS_DESTRUCTIVE or prog.startswith("mkfs"):
        an.r.add("destructive", f"{prog} can destroy disks, file systems or the running system")
    if prog in R.DELETERS:
        for p in operands:
            an.destroy(p, cwd, f"{prog} {p}")
    if prog in ("chmod", "chown", "chgrp", "chattr", "setfacl", "setfattr"):  # chattr +i, setfacl -m u:x:rwx FILE
        mode = operands[0] if operands else ""
        if prog == "chmod" and re.fullmatch(r"[ugoa]*[+=][rwxXt]*s[rwxXst]*|[2467][0-7]{3}", mode):
            an.r.add("privilege", f"chmod {mode} sets a set-user/group-id bit")
        modes = prog in ("chmod", "chown", "chgrp")  # the first operand is the mode or owner
        targets = operands[1:] if modes else [
            p for p in operands if not re.fullmatch(r"[+=][A-Za-z]+", p) and (prog == "chattr" or ":" not in p
                                                                              or p.startswith("/"))]
        what = "permissions" if modes else "the attributes or access"
        recursive = "R" in flags or "--recursive" in long
        for p in targets:
            ap = an.paths.resolve(p, cwd)
            if an.paths.outside(p, cwd) and (recursive or ap.startswith(R.SYSTEM_PREFIXES) or ap == "/"):
                an.r.add("destructive", f"{prog} changes {what} of {p}, outside the workspace")
    if prog == "find":
        roots = []
        for a in args:
            if a.startswith("-") or a in ("(", "!"):
                break
            roots.append(a)
        if "-delete" in args:
            for root in roots or ["."]:
                an.destroy(root, cwd, f"find {root} -delete")
        for i, opt in enumerate(args):  # every -exec (there may be several), each up to its ; or +
            if opt in ("-exec", "-execdir", "-ok", "-okdir"):
                sub = args[i + 1:]
                end = next((j for j, s in enumerate(sub) if s in (";", "+")), len(sub))
                sub = sub[:end]
                runs_code = bool(sub) and posixpath.basename(sub[0]) in R.SHELLS | R.INTERPRETERS | {"source", "."}
                if runs_code and any("{}" in s and (s != "{}" or sub[j] in ("-c", "-e")) for j, s in enumerate(sub[1:])):
                    an.r.add("dynamic", f"find writes each file's name into the {sub[0]} code it runs: a name holding "
                                        "$(…) runs it; pass it as an argument: sh -c '… \"$1\"' _ {}")
                for root in roots or ["."]:
                    if sub and posixpath.basename(sub[0]) in copies.COPIERS:  # guard40: `-exec cp -r {} ~/.config/`
                        copies.found(an, root, sub, cwd)
                    # a found path run as code, or spliced into code (`sh -c '. {}'`), is only known when it runs
                    an.argv([("$FOUND" if runs_code else root) if s == "{}" else s.replace("{}", "$FOUND")
                             if "{}" in s and runs_code else s for s in sub], cmd, depth + 1)
    if prog == "dd":
        for a in args:
            if a.startswith("of="):
                an.destroy(a[3:], cwd, f"dd {a}")
            if a.startswith("if="):
                an.scan_word(a[3:], cwd)
    if prog in ("truncate", "shred"):
        for p in operands:
            if not re.fullmatch(r"[-+<>/%]?\d+[KMGkmg]?", p):
                an.destroy(p, cwd, f"{prog} {p}")
    if prog in ("cp", "mv", "install", "ln", "rsync") and not any(a.startswith(("-t", "--target-directory")) for a in args):
        # `IFS=_` a step before, `cp $T` with T=evil.txt_.bashrc: one word to the guard, two to bash, the last written
        split = operands[-1] if operands and cmd.open_words.get(operands[-1]) else None
        if split is not None and session.candidates(split, an.exact) is None:
            an.r.add("dynamic", f"{prog} gets {split[:40]} unquoted, only known when it runs: it may be several words, "
                                f"and the last word is where {prog} writes; quote it")
    if prog in copies.COPIERS:  # guard40: `-t DIR`, a folder copied or moved whole, a folder the line makes first
        copies.judge(an, prog, args, cwd)
    if prog == "cpio" and any(a in ("--pass-through", "--extract") or a.startswith("-") and not a.startswith("--")
                              and ("p" in a or "i" in a) for a in args):
        # guard40: `find nvim | cpio -pdm ~/.config`: the names it writes are what it reads when it runs
        an.r.add("dynamic", "cpio writes the files named by what it reads when it runs (a list of names or an "
                            "archive), which the guard cannot list; copy them with cp, or extract with tar")
    if prog in ("cp", "mv", "install", "ln", "rsync") and len(operands) >= 2 and not (prog == "rsync" and ":" in operands[-1]):
        an.write_target(operands[-1], cwd, f"{prog} writes to {operands[-1]}")
        into = an.paths.resolve(operands[-1], cwd)
        if operands[-1].endswith("/") or len(operands) > 2 or os.path.isdir(into):  # `cp x .git/hooks/`
            for src in operands[:-1]:
                name = posixpath.basename(src.rstrip("/"))
                if name and not _is_dynamic(src):
                    an.write_target(posixpath.join(operands[-1], name), cwd, f"{prog} writes to {operands[-1]}")
        if prog in ("cp", "rsync") and ("r" in flags.lower() or "a" in flags or long & {"--recursive", "--archive"}) \
                and into in an.paths.workspaces:  # guard21's open one: `cp -a /tmp/c/. .` (a clone in the sandbox's
            for src in operands[:-1]:  # /tmp, which the guard cannot read) put its .bashrc in the home folder
                if src.startswith(("/tmp/", "/var/tmp/")) and (src.endswith(("/.", "/")) or "T" in flags or
                                                               "/.*" in src or src.endswith("/.[!.]*")):
                    an.r.add("dynamic", f"{prog} copies the contents of {src[:60]}, in the sandbox's /tmp, which the "
                                        "guard cannot list, into the home folder; copy the files by name")
        if prog == "ln" and ("s" in flags or "--symbolic" in long) and len(operands) == 2 and (
                "f" in flags or "b" in flags or long & {"--force", "--backup"} or
                not os.path.lexists(an.paths.resolve(operands[1], cwd))):
            # later words of this line go through it; guard32: without -f, ln leaves a name that exists as it was
            # (`ln -s ok.txt s.sh; sh s.sh` ran the old s.sh)
            an.paths.add_link(operands[1], operands[0], cwd)
        if prog == "mv":
            for p in operands[:-1]:
                an.destroy(p, cwd, f"mv {p}")
    if prog == "tee":
        text = cmd.heredoc or next((t + "\n" for op, t in cmd.redirects if op == "<<<" and "$" not in t), None)
        for p in operands:
            an.write_target(p, cwd, f"tee writes to {p}")
            if text is not None and "-a" not in args:
                an.written[an.paths.resolve(p, cwd)] = text
    if prog == "sed" and ("i" in flags or "--in-place" in long):
        for p in operands[1:]:
            an.write_target(p, cwd, f"sed -i edits {p}")
    if prog == "find":  # -fprint FILE, -fprintf FILE FORMAT, -fls FILE: find writes FILE (guard20)
        for i, a in enumerate(args[:-1]):
            if a in ("-fprint", "-fprint0", "-fprintf", "-fls"):
                an.write_target(args[i + 1], cwd, f"find {a} writes {args[i + 1]}")
    if prog == "dd":
        for a in args:
            if a.startswith("of="):
                an.write_target(a[3:], cwd, f"dd writes {a[3:]}")
    if prog == "touch" and operands:
        for p in operands:
            if an.paths.outside(p, cwd):
                an.write_target(p, cwd, f"touch {p}")
    runners.judge(an, prog, args, cmd, depth)
    projects.judge(an, prog, args, cmd, depth)
    judge_task_runner(an, prog, args, cmd, depth)  # just, go generate, invoke, nox, rake, gradle, mvn, pdm/hatch
    devtools.judge(an, prog, args, cmd, depth)  # pylint, mypy, flake8, eslint, sphinx-build, pre-commit, prove… (guard25)
    if prog in makefile.MAKES:
        makefile.judge(an, prog, args, cmd, depth)
    if prog in ("ninja", "samu"):
        ninja.judge(an, args, cmd, depth)
    if prog in minilang.AWKS:
        minilang.awk(an, prog, args, cmd, depth)
    elif prog in ("sed", "gsed"):
        minilang.sed(an, prog, args, cmd, depth)
    elif prog == "openbox" and (startup := value_after(args, "--startup")):  # the window manager runs it
        an.line(startup, depth + 1, cwd)
    elif prog in _VIMS:
        # vim's -c ":!…" runs shell commands.
        for cmdtext in _vim_commands(args):
            # guard38: `vim -es -c 'so c.vim'` ran the commands of c.vim, unread; also through `exe`, `norm :`,
            # `call execute(…)`, a modifier (`noa`, `verbose`), `--cmd`, and vim under its other names
            if _VIM_SOURCES.search(cmdtext) or _VIM_INDIRECT.search(cmdtext) or \
                    re.search(r"\bnorm(?:al?)?!?\s", cmdtext) and re.search(r"[:!Q@\x12\x0f]|\"=", cmdtext):
                an.r.add("dynamic", f"{prog} runs the commands of a file or code built when it runs ({cmdtext[:60]}), "
                                    "which may run any program")
        for a in args:
            for m in R.CODE_SHELL_CALL.finditer(a):
                an.line(m.group("cmd"), depth + 1, cwd)
            # `!cmd`, and after a range or `r`/`w`/`silent` (guard26: `-c 'r !sh run.sh'` ran, unread)
            if m2 := re.match(r"[:+]*\s*(?:sil(?:ent)?!?\s+)?[\d,.$;'%+-]*\s*(?:(?:r(?:ead)?|w(?:rite)?|W)\s*)?!(.+)", a):
                an.line(m2.group(1), depth + 1, cwd)
                if re.match(r"[:+]*\s*[\d,.$;'%+-]*\s*(?:w(?:rite)?|W)\s*!", a) or \
                        re.match(r"[:+]*\s*[\d,.$;'%+-]+\s*!", a):  # the buffer fed to a command
                    an.r.add("dynamic", f"{prog} feeds the file's text to a command ({a[:60]}), which may run it")
    if prog in csource.C_COMPILERS:  # what it builds is built to be run: its sources are judged now
        csource.judge(an, prog, args, cmd, depth)
    elif prog in csource.ASSEMBLERS | csource.LINKERS:
        csource.judge_tool(an, prog, args, cmd)
    elif prog in ("cargo", "rustc", "go"):
        buildsrc.judge(an, prog, args, cmd)
    elif prog in jvm.PROGRAMS:
        jvm.judge(an, prog, args, cmd)
    if native.is_loader(prog):
        native.ld_so(an, args, cwd, depth)
    if prog in R.OUTPUT_WRITERS:
        for i, a in enumerate(args):
            name, _, inline = a.partition("=")
            if a.startswith("-o") and len(a) > 2 and name not in R.OUTPUT_OPTS and not a.startswith("-o=") \
                    and prog not in ("openssl", "gpg", "ssh-keygen"):  # guard38: `sort -o.bashrc`, `iconv -o.profile`
                name, inline = "-o", a[2:]
            if name in R.OUTPUT_OPTS and (inline or i + 1 < len(args)):
                target = inline or args[i + 1]
                if target != "-":
                    an.write_target(target, cwd, f"{prog} writes to {target}")
                    if prog in COMPILERS:  # `gcc -o app app.c && ./app` runs what it built
                        an.written.pop(an.paths.resolve(target, cwd), None)
                        # but not as a script: `gcc -E -P x.c -o run.sh && bash run.sh` (scripts.read_script)
                        an.__dict__.setdefault("compiled", set()).add(an.paths.resolve(target, cwd))
                    if prog in R.DOWNLOADERS:
                        an.downloads.add(an.paths.resolve(target, cwd))
    if prog == "link" and len(operands) == 2:  # guard38: coreutils' `link n.txt .bashrc` (a hard link)
        an.write_target(operands[1], cwd, f"link writes {operands[1]}")
    decompress = _DECOMPRESS.get(prog)
    if prog.startswith("python") and args[:2] == ["-m", "gzip"]:  # `python3 -m gzip -d .profile.gz`
        decompress, operands = ((".gz",) if {"-d", "--decompress"} & set(args) else None), operands[1:]
    elif decompress is None and prog in _COMPRESSORS and ("d" in flags or long & {"--decompress", "--uncompress"}):
        decompress = _COMPRESSORS[prog]
    if decompress and "c" not in flags and not long & {"--stdout", "--to-stdout"}:
        for p in operands:  # guard38: `gzip -d .bashrc.gz` writes .bashrc
            for suffix in decompress:
                if p.endswith(suffix) and len(p) > len(suffix):
                    an.write_target(p[:-len(suffix)], cwd, f"{prog} writes {p[:-len(suffix)]}")
    if prog in _SECOND_OPERAND and len(operands) >= 2:  # guard38: `uniq b.txt .bashrc`, `lz4 -d b.lz4 .bashrc`
        an.write_target(operands[1], cwd, f"{prog} writes to {operands[1]}")
    if prog == "script":  # guard38: `script -q -c 'echo …' .bashrc` wrote its typescript into the start-up file
        i, named = 0, []
        while i < len(args):
            a = args[i]
            if a in _SCRIPT_VALUED:
                if a in _SCRIPT_LOGS and i + 1 < len(args):
                    named.append(args[i + 1])
                i += 2
                continue
            name, eq, inline = a.partition("=")
            if eq and name in _SCRIPT_LOGS:
                named.append(inline)
            elif not a.startswith("-"):
                named.append(a)
            i += 1
        for target in named[:4]:
            an.write_target(target, cwd, f"script writes its log to {target}")
    if prog in R.DOWNLOADERS:  # wget URL and curl -O URL save under the URL's own file name
        if prog == "wget" and not ({"-O", "--output-document", "-P"} & set(args)) or prog == "curl" and (
                "-O" in args or "--remote-name" in args):
            for a in operands:
                if R.URL.match(a) and (name := posixpath.basename(a.split("?")[0].rstrip("/"))):
                    an.downloads.add(an.paths.resolve(name, cwd))
    if prog == "tar":
        for i, a in enumerate(args):
            if a in ("-C", "--directory") and i + 1 < len(args) and ("x" in flags or "--extract" in long):
                an.write_target(args[i + 1], cwd, f"tar extracts into {args[i + 1]}")
            if a.startswith("--checkpoint-action=exec=") or a.startswith("--to-command=") or a.startswith("--use-compress-program="):
                an.line(a.split("=", 2)[-1] if "exec=" in a else a.split("=", 1)[1], depth + 1, cwd)
    if prog in ("install", "mkdir") and any(re.fullmatch(r"[2467][0-7]{3}|[ugoa]*[+=][rwx]*s[rwx]*", v)
                                            for v in (value_after(args, "-m"), value_after(args, "--mode"))):
        an.r.add("privilege", f"{prog} -m sets a set-user/group-id bit")
    if prog == "git":
        gitrepo.judge(an, args, cmd, depth)  # the hooks and config commands git will run from the repository
        for i, a in enumerate(args):
            if a == "-c" and i + 1 < len(args):
                key, _, val = args[i + 1].partition("=")
                programs.git_setting(an, key, val, depth, cwd)
    if prog == "openssl" and operands[:1] in (["s_client"], ["s_server"]):
        an.r.add("network", f"openssl {operands[0]} opens a network connection")
        if any(op in ("<", "<<<") for op, _ in cmd.redirects):
            an.r.add("exfiltration", f"openssl {operands[0]} sends a file over the network")
    if prog == "wait" and not operands and not cmd.background:  # the jobs earlier steps left have ended
        an.jobs = an.detached
    if prog == "wait" and not args and not cmd.background and depth == 0 and an.plain_line:
        # and so have this line's own, started in this shell: `sh a.sh & sh b.sh & wait` (safety.scripts.job); not
        # `wait -n`, `wait $!`, a wait in `sh -c` or after a `( … &)` subshell (guard23's own attempts)
        an.job_scripts[:] = [(why, d) for why, d in an.job_scripts if d > 0]
    system.judge(an.r, prog, args, flags, long, operands)
    lookup.assigned_indirectly(an, prog, args)
    programs.judge(an, prog, args, cmd, depth)
    flows.network(an, prog, args, operands, cmd)
