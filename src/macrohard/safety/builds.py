"""Programs a build the guard approved made, run in a later step: ``cargo build`` then ``./target/debug/app``,
``make`` then ``./app``, ``gcc -o app app.c`` then ``./app``, ``go build -o app`` then ``./app``.

The build's sources were read and judged as it started (``safety.csource``, ``safety.buildsrc``,
``safety.makefile``); the program it wrote was then judged again, as any compiled program the run wrote, by its
table of names (``safety.native``), and every Rust program (the standard library calls ``mmap``, ``mprotect``,
``dl_iterate_phdr``) and every Go program (linked statically) was asked about. Now a build keeps what it made:

- a line that is one build and nothing else (a ``cd`` before it at most; nothing in the background, no job left
  running from an earlier step), approved without a person's say, records its folder and the state (inode, size,
  ctime) of every source file there (``SOURCES``), as the guard read them;
- at the next review, before anything else can run, the compiled programs the build wrote into that folder are
  recorded by inode and ctime, if the sources are still as they were (a build that rewrote its own sources, a
  ``build.rs`` writing ``src/``, is not trusted);
- a program the run runs later is judged as approved when it is one of those files unchanged (ctime moves with
  every write, rename, link or ``chmod``, and nobody can set it back) and the build's sources are still as they
  were. A source edited after the build, a program replaced or relinked after it, a link in its place, a library
  given by ``LD_PRELOAD``/``LD_LIBRARY_PATH`` (judged before this), or a program the built one wrote, are not.

The limit: what the build tools themselves do (the compiler, cargo, make) is trusted as the system's programs are.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import time
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety import lazyre
from macrohard.safety.regular import open_regular

MAX_FILES = 2000  # files under a build's folder the guard stats; a larger tree is not recorded
MAX_BUILDS = 16
SOURCES = lazyre.compile(r"\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|s|S|rs|go|mk|ld|lds|in|ac|am|toml|mod|cmake|a|so)$|"
                     r"(?:^|/)(?:GNUmakefile|makefile|Makefile|build\.rs|configure|CMakeLists\.txt)$")
_SKIP_DIRS = frozenset({".git", "target", "node_modules", ".venv", "__pycache__"})
_COMPILERS = frozenset({"gcc", "cc", "g++", "c++", "clang", "clang++", "tcc", "rustc"})


@dataclass
class Build:
    """One approved build: its folder, its sources as read, and (once sealed) the programs it wrote."""

    root: str
    at: float  # when it was reviewed: what it wrote has a later ctime
    sources: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # path -> (inode, size, ctime_ns)
    outputs: list[str] | None = None  # the programs it writes (None: any compiled program under root, make's)
    made: dict[str, tuple[int, int]] | None = None  # program path -> (inode, ctime_ns); None: not sealed yet
    before: dict[str, tuple[int, int, int] | None] = field(default_factory=dict)  # the outputs' state before it


def _state(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_ctime_ns


def sources(root: str) -> dict[str, tuple[int, int, int]] | None:
    """The state of every source file under ``root`` (build output folders left out); None when too many."""
    out: dict[str, tuple[int, int, int]] = {}
    count = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS]
        count += len(files)
        if count > MAX_FILES:
            return None
        for name in files:
            path = posixpath.join(folder, name)
            if SOURCES.search(path) and (state := _state(path)) is not None:
                out[path] = state
    return out


def planned(command: str, findings: dict[str, str], paths: Any, cwd: str | None, jobs: int,
            session: set[str], made: list[Build] | None = None, functions: set[str] | frozenset[str] = frozenset()
            ) -> Build | None:
    """The build ``command`` is, when it is one build and nothing else, its review found nothing, and nothing the
    session set (``session``: the names its commands assigned, ``safety.shellvalues``; ``functions``: the shell
    functions it defined) steers the build tools."""
    from macrohard.safety.shellparse import parse

    if findings or jobs or session & STEERING or set(re.findall(r"[\w.+-]+", command)) & set(functions):
        return None  # `make() { cp evil app; }` a step earlier: `make` runs it (guard16)
    if re.match(r"\s*(?:touch|strip)\s", command):
        return _kept(command, paths, cwd, made or [])
    if not _BUILDERS.search(command):
        return None
    parsed = parse(command)
    cmds = [c for c in parsed.commands if c.argv]
    if parsed.error or not cmds or parsed.pipelines or parsed.functions or parsed.assignments or any(
            c.background for c in cmds):
        return None
    *before, build = cmds
    if any(c.argv[0] != "cd" for c in before) or any("$" in a or "`" in a or "=" in a for a in build.argv):
        return None
    start = cwd if build.cwd is None else posixpath.join(cwd or paths.workspaces[0], build.cwd)
    root = paths.resolve(".", start)
    prog, args = posixpath.basename(build.argv[0]), build.argv[1:]
    outputs = _outputs(prog, args, root, paths, start)
    if outputs is None:
        return None
    if prog in ("cargo", "go"):
        root = project_root(root, "Cargo.toml" if prog == "cargo" else "go.mod")
        outputs = outputs or _cargo_bins(root, args) if prog == "cargo" else outputs
    if prog in ("make", "gmake") and "-C" in args:
        root = paths.resolve(args[args.index("-C") + 1], start) if args.index("-C") + 1 < len(args) else root
    inside = [root, *(o for o in outputs if o != "*")]
    if not all(any(p == w or p.startswith(w + "/") for w in paths.workspaces) for p in inside) or _outside_paths(
            root) or prog in ("make", "gmake") and not _compiles_only(root, args) or outputs == []:
        return None
    state = sources(root)
    if state is None or _starts_programs(state):
        return None
    outputs = None if outputs == ["*"] else outputs
    return Build(root=root, at=time.time(), sources=state, outputs=outputs,
                 before={p: _state(p) for p in (outputs if outputs is not None else _files(root))})


_STRIP_OPTIONS = frozenset({"-s", "-g", "-S", "-d", "-x", "-X", "-p", "--strip-all", "--strip-debug",
                            "--strip-unneeded", "--discard-all", "--discard-locals", "--preserve-dates"})


def _kept(command: str, paths: Any, cwd: str | None, made: list[Build]) -> Build | None:
    """``touch app`` or ``strip app`` of programs an approved build made: a build of its own, of the same sources,
    whose outputs are those programs (touch changes only their times, strip only drops symbols; either moves the
    ctime the trust is bound to, and the programs were asked about after it)."""
    from macrohard.safety.shellparse import parse

    parsed = parse(command)
    if parsed.error or len(parsed.commands) != 1 or parsed.pipelines or parsed.functions or parsed.assignments:
        return None
    cmd = parsed.commands[0]
    if cmd.redirects or cmd.background or cmd.cwd is not None or cmd.nested_programs or len(cmd.argv) < 2:
        return None
    options = [a for a in cmd.argv[1:] if a.startswith("-")]
    if cmd.argv[0] == "touch" and any(not re.fullmatch(r"-[acm]+|--no-create", o) for o in options) or \
            cmd.argv[0] == "strip" and any(o not in _STRIP_OPTIONS for o in options):
        return None
    targets = [paths.resolve(a, cwd) for a in cmd.argv[1:] if not a.startswith("-")]
    if any("$" in a or "`" in a or re.search(r"[*?\[]", a) for a in cmd.argv[1:]):
        return None
    owner = [b for b in made if b.made and all(made_here([b], t) for t in targets)]
    if not targets or not owner:
        return None
    b = owner[0]
    return Build(root=b.root, at=time.time(), sources=dict(b.sources), outputs=targets,
                 before={p: _state(p) for p in targets})


_BUILDERS = lazyre.compile(r"\b(?:g?make|cargo|go|gcc|g\+\+|cc|c\+\+|clang(?:\+\+)?|tcc|rustc)\b")
# variables that change which programs a build runs or what it links: set by the session, the build is not recorded
STEERING = frozenset({"CC", "CXX", "LD", "AR", "AS", "CPP", "MAKE", "MAKEFLAGS", "MFLAGS", "MAKEFILES", "GNUMAKEFLAGS",
                      "SHELL", "CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "LDLIBS", "LOADLIBES", "CPATH",
                      "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "LIBRARY_PATH", "COMPILER_PATH", "GCC_EXEC_PREFIX",
                      "LD_PRELOAD", "LD_LIBRARY_PATH", "RUSTC", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER",
                      "RUSTFLAGS", "RUSTDOCFLAGS", "CARGO_HOME", "CARGO_TARGET_DIR", "CARGO_BUILD_RUSTC",
                      "CARGO_BUILD_RUSTC_WRAPPER", "CARGO_ENCODED_RUSTFLAGS", "GOFLAGS", "GOPATH", "GOROOT",
                      "GOTOOLCHAIN", "GOBIN", "CGO_CFLAGS", "CGO_LDFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "PATH",
                      "BASH_ENV", "ENV", "*"})


def _outputs(prog: str, args: list[str], root: str, paths: Any, start: str | None) -> list[str] | None:
    """The programs the build writes ([] for cargo: named by Cargo.toml; ``*``: any, make's; None: not a build
    recorded here)."""
    out = args[args.index("-o") + 1] if "-o" in args[:-1] else None
    ops = [a for a in args if not a.startswith("-")]
    if prog in _COMPILERS:
        if "-c" in args or "-E" in args or "-S" in args or any(a.startswith("-o") and a != "-o" for a in args):
            return None
        if prog == "rustc" and out is None:
            rs = [a for a in ops if a.endswith(".rs")]
            out = posixpath.basename(rs[0])[:-3] if len(rs) == 1 else None
        return [paths.resolve(out or "a.out", start)] if out is not None or prog != "rustc" else None
    if prog == "go":
        if ops[:1] != ["build"] or out is None:
            return None
        return [paths.resolve(out, start)]
    if prog == "cargo":
        allowed = {"build", "b", "--release", "-q", "--quiet", "--offline", "--locked", "--frozen", "-v", "--bins"}
        return [] if ops[:1] in (["build"], ["b"]) and all(a in allowed for a in args) else None
    if prog in ("make", "gmake"):
        return ["*"] if all(not a.startswith("-") or a in ("-C", "-s", "--silent", "-k") or re.fullmatch(r"-j\d*", a)
                            for a in args) else None
    return None


def _cargo_bins(root: str, args: list[str]) -> list[str]:
    """target/debug/NAME (release with --release) for the package's binaries: its name, [[bin]] names, src/bin/*."""
    try:
        with open_regular(posixpath.join(root, "Cargo.toml"), encoding="utf-8", errors="replace") as fh:
            toml = fh.read(200_000)
    except OSError:
        return []
    names = re.findall(r"^\s*name\s*=\s*\"([\w-]+)\"", toml, re.M)
    with contextlib.suppress(OSError):
        names += [n[:-3] for n in os.listdir(posixpath.join(root, "src", "bin")) if n.endswith(".rs")]
    profile = "release" if "--release" in args else "debug"
    return [posixpath.join(root, "target", profile, n) for n in dict.fromkeys(names)]


_RECIPE_OK = frozenset({"cc", "gcc", "g++", "c++", "clang", "clang++", "ld", "ar", "ranlib", "echo", "mkdir", "rm",
                        "true", ":"})
_WORD = lazyre.compile(r"[\w./+,=%:-]+")


def _compiles_only(root: str, args: list[str]) -> bool:
    """Whether every recipe of the makefile ``make`` reads, as make expands it (``safety.makelang``), only
    compiles, links, archives, echoes or cleans with plain words: then every program the build writes, a compiler
    wrote. (``Y = && cp ../o/evil.bin app`` and ``$(CC) -o app app.c $(Y)`` passed the check of the recipe's text
    before it was expanded, guard16.)"""
    from macrohard.safety.makefile import _DEFAULTS
    from macrohard.safety.makelang import MARK, Makefile

    name = args[args.index("-f") + 1] if "-f" in args[:-1] else next(
        (n for n in ("GNUmakefile", "makefile", "Makefile") if os.path.isfile(posixpath.join(root, n))), None)
    if name is None:
        return True  # make's built-in rules: cc -o app app.c
    path = posixpath.join(root, name)
    if os.path.islink(path) or not os.path.isfile(path):  # `make -f /dev/stdin`: nothing read, nothing trusted
        return False
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(200_000)
    except OSError:
        return False
    shelled: list[str] = []
    mk = Makefile(_DEFAULTS, {}, set(), root, shell=shelled.append, reader=lambda _name: None)
    mk.read(text)
    if mk.problems or mk.included or shelled or mk.exports() or mk.expand("$(SHELL)") != "/bin/sh":
        return False
    for raw in mk.recipes:
        for line in mk.expand(raw).split("\n"):
            words = line.lstrip("@-+ \t").split()
            if MARK in line or words and (words[0] not in _RECIPE_OK or not all(_WORD.fullmatch(w) for w in words)):
                return False
    return True


_C_FILES = lazyre.compile(r"\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx)$")
_STARTS = lazyre.compile(rb"\b(?:system|popen|exec[lv]p?e?|execvpe|fexecve|posix_spawnp?|wordexp|dlopen|dlsym)\s*\(")


def _starts_programs(state: dict[str, tuple[int, int, int]]) -> bool:
    """Whether a C source of the build starts programs (``system("./run.sh")`` was judged as ``./run.sh`` when the
    build was; the program runs that file as it is later, which a program linked statically does not show)."""
    for path in state:
        if _C_FILES.search(path):
            if os.path.islink(path) or not os.path.isfile(path):  # a link (to /dev/stdin?): not read, not trusted
                return True
            try:
                with open_regular(path, "rb") as fh:
                    if _STARTS.search(fh.read(1_000_000)):
                        return True
            except OSError:
                return True
    return False


def project_root(cwd: str, marker: str) -> str:
    """The folder of the nearest ``marker`` (Cargo.toml, go.mod) at or above ``cwd``, else ``cwd``."""
    folder = cwd
    while folder not in ("/", ""):
        if os.path.isfile(posixpath.join(folder, marker)):
            return folder
        folder = posixpath.dirname(folder)
    return cwd


def _outside_paths(root: str) -> bool:
    """A Cargo.toml or go.mod that takes code from a folder outside ``root`` (``path = "../x"``, ``members =
    ["../x"]``, ``replace … => ../x``): sources the build reads that this record would not watch."""
    for name in ("Cargo.toml", "go.mod", ".cargo/config.toml", ".cargo/config"):
        if not os.path.isfile(posixpath.join(root, name)):
            if os.path.exists(posixpath.join(root, name)):
                return True  # a pipe or a device: not read, not trusted
            continue
        try:
            with open_regular(posixpath.join(root, name), encoding="utf-8", errors="replace") as fh:
                text = fh.read(200_000)
        except OSError:
            continue
        if re.search(r"[\"'](?:/|\.\./)|=>\s*(?:/|\.\.)|\[patch", text):  # a path out of the folder, a patch
            return True
    return False


def seal(builds: list[Build], jobs: int) -> None:
    """At the review after a build ran (nothing else ran since): record the programs it wrote, or forget it."""
    for b in [b for b in builds if b.made is None]:
        if jobs or sources(b.root) != b.sources:  # a job still running, or sources the build itself rewrote
            builds.remove(b)
            continue
        b.made = {}
        for path in b.outputs if b.outputs is not None else _files(b.root):
            with contextlib.suppress(OSError):
                st = os.lstat(path)
                written = (st.st_ino, st.st_size, st.st_ctime_ns) != b.before.get(path) and st.st_ctime_ns / 1e9 >= b.at - 0.01
                if written and os.path.isfile(path) and not os.path.islink(path):
                    with open_regular(path, "rb") as fh:
                        if fh.read(4) == b"\x7fELF":
                            b.made[path] = (st.st_ino, st.st_ctime_ns)
    del builds[:-MAX_BUILDS]


def _files(root: str) -> list[str]:
    out: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", "node_modules", ".venv")]
        out += [posixpath.join(folder, n) for n in files]
        if len(out) > 10 * MAX_FILES:
            break
    return out


def made_here(builds: list[Build], path: str | None) -> bool:
    """Whether ``path`` is a program an approved build wrote, unchanged since, with the build's sources unchanged."""
    if path is None or not builds:
        return False
    try:
        st = os.lstat(path)
    except OSError:
        return False
    for b in builds:
        if b.made and b.made.get(path) == (st.st_ino, st.st_ctime_ns) and sources(b.root) == b.sources:
            return True
    return False
