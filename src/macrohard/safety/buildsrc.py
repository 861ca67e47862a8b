"""Rust and Go sources that a build runs: ``cargo build`` runs ``build.rs`` and proc macros, ``cargo run``/``test``
and ``go run``/``test`` run the program, ``rustc x.rs -o app && ./app`` and ``go build -o app && ./app`` too.

These were not read: a ``build.rs`` with ``Command::new("sh").arg("-c").arg("…")`` ran at ``cargo build``. Like
C (``safety.csource``), what is built is read as text before the build starts: the sources of the crate or package
(every ``.rs``/``.go`` file under its folder, up to ``MAX_FILES``) are searched, comments too, for what starts
programs, reaches the system past the standard library, or loads code (``std::process``, ``libc``, ``asm!``,
``extern "C"``; ``os/exec``, ``syscall``, ``unsafe``, cgo, ``//go:linkname``, ``plugin``). A find is asked
about. Registry dependencies are not in the workspace (the sandbox has no network to fetch them); vendored and
path dependencies are, and are read with the rest.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, native
from macrohard.safety.builds import project_root

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAX_FILES = 200
# guard16: `extern { fn system(…); }` (no ABI is "C"), `extern "system"`/`"C-unwind"`, `use std::{process::{Command as
# K}}` and Go's `os.StartProcess` were not found
_RUST = lazyre.compile(r"\bstd\s*::\s*process\b|\bprocess\s*::\s*(?:Command|exit_with)|\bCommand\s*::\s*new\b|\blibc\s*::|"
                   r"\bstd\s*::\s*\{[^;]*\bprocess\b|\bextern\s*(?:\"[^\"]*\"\s*)?\{|"
                   r"\bnix\s*::|\b(?:global_)?asm!|\bextern\s+\"C\"|\bextern\s+crate\s+libc\b|\blibloading\b|"
                   r"\bdlopen\b|\bsyscall\b|\binclude!\s*\(|\bmem::transmute\b|#\s*\[\s*(?:link|no_mangle|export_name|path)\b|"
                   # guard17: a macro that pastes its arguments into a path (`std::$a::$b::new`, called with process,
                   # Command) hid std::process from the words above ($crate:: is every macro's own path)
                   r"::\s*\$(?!crate\b)[A-Za-z_]|\$(?!crate\b)[A-Za-z_]\w*\s*::")
_GO = lazyre.compile(r"\"os/exec\"|\"syscall\"|\"unsafe\"|\"plugin\"|\"golang\.org/x/sys/unix\"|\bimport\s+\"C\"|"
                 r"//\s*go:(?:linkname|cgo_)|\bexec\s*\.\s*Command\b|\bsyscall\s*\.\s*(?:Exec|ForkExec)|"
                 r"\bos\s*\.\s*StartProcess\b")
_CARGO_RUNS = frozenset({"build", "b", "run", "r", "test", "t", "bench", "check", "c", "install", "doc", "clippy"})
# cargo's commands that build nothing (any other may be an alias of `run` in .cargo/config.toml, or build to verify)
_CARGO_INERT = frozenset({"new", "init", "add", "remove", "fetch", "metadata", "tree", "search", "version", "help",
                          "clean", "update", "generate-lockfile", "locate-project", "pkgid", "verify-project", "vendor",
                          "login", "logout", "owner", "yank", "report", "config", "info", "fmt", "uninstall"})
_GO_RUNS = frozenset({"run", "build", "test", "install", "vet"})  # generate: safety.taskrunners


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    operands = [a for a in args if not a.startswith("-")]
    cwd = an.paths.resolve(cmd.cwd or ".", None)
    if prog == "cargo" and operands[:1] and operands[0] not in _CARGO_INERT:
        if operands[0] not in _CARGO_RUNS:  # guard19: an `[alias] b2 = "run"` ran main unread; or a cargo-b2 on PATH
            from macrohard.safety.lookup import resolve_program

            resolve_program(an, f"cargo-{operands[0]}", cmd.cwd, 0)
        _tree(an, f"cargo {operands[0]}", project_root(cwd, "Cargo.toml"), "rs")
        _cargo_config(an, cwd, args)
    elif prog == "go" and (tool := next((a for a in args if _GO_TOOLS.match(a)), None)):
        native.flag(an, f"go {' '.join(operands[:1])} {tool[:40]}: runs or links with a program, or builds from files, "
                        "the guard does not read")
    elif prog == "go" and operands[:1] and operands[0] in _GO_RUNS:
        files = [an.paths.resolve(o, cwd) for o in operands[1:] if o.endswith(".go")]
        if files:
            _files(an, f"go {operands[0]}", files, "go")
        else:
            _tree(an, f"go {operands[0]}", project_root(cwd, "go.mod"), "go")
    elif prog == "rustc":
        _files(an, "rustc", [an.paths.resolve(o, cwd) for o in operands if o.endswith(".rs")], "rs")


_CARGO_PROGRAMS = lazyre.compile(r"^\s*(?:rustc(?:-workspace)?-wrapper|rustc|rustdoc|linker|runner|ar|rustflags|"
                             r"rustdocflags|target-dir|build-dir)\s*=|^\s*\[\s*env\s*\]|^\s*\[\s*target\.[^]]*\.\w+\s*\]",
                             re.M)
_GO_TOOLS = lazyre.compile(r"--?(?:toolexec|exec|overlay|modfile|ldflags=.*-extld|compiler)(?:=|$)")


def _cargo_config(an: Analyzer, cwd: str, args: list[str]) -> None:
    """``.cargo/config.toml`` in the folder cargo starts in or one above it (and ``--config``): a ``rustc-wrapper``,
    ``linker`` or ``runner`` it names runs at the build (``[build] rustc-wrapper = "./w.sh"`` ran w.sh, unread)."""
    if any(a == "--config" or a.startswith("--config=") for a in args):
        native.flag(an, "cargo --config sets what the build runs on the command line")
        return
    folder = cwd
    while folder not in ("/", ""):
        for name in (".cargo/config.toml", ".cargo/config"):
            text = (native.read(posixpath.join(folder, name)) or b"").decode(errors="replace")
            if m := _CARGO_PROGRAMS.search(text):
                native.flag(an, f"cargo reads {posixpath.join(folder, name)}, which names programs or flags the build "
                                f"runs with ({m.group(0).strip()[:40]})")
                return
        folder = posixpath.dirname(folder)


def _tree(an: Analyzer, who: str, root: str, ext: str) -> None:
    from macrohard.safety.projects import _walk

    files = _walk(an, root, lambda p: p.endswith("." + ext))
    if files is None:
        native.flag(an, f"{who} builds more than {MAX_FILES} source files here, too many to review")
        return
    _files(an, who, files, ext)


def _files(an: Analyzer, who: str, files: list[str], ext: str) -> None:
    pattern = _RUST if ext == "rs" else _GO
    for path in files:
        if path in an.written and an.written[path] is None:
            native.flag(an, f"{who} builds {posixpath.basename(path)}, which this line writes first with text the "
                            "guard cannot read")
            continue
        text = an.written.get(path) or (native.read(path) or b"").decode(errors="replace")
        # comments too: a string holding "//" would hide the rest of its line; and the text again without block
        # comments and raw identifiers (guard17: `std::/**/process::/**/Command` and `std::r#process::r#Command`
        # built and ran their program), not instead of it (a string "/*" … "*/" would hide the code between)
        if m := pattern.search(text) or pattern.search(_plain(text, ext)):
            native.flag(an, f"{who} builds {posixpath.basename(path)}, which can start programs or reach the system "
                            f"past the standard library ({m.group(0)[:30]})")
            return


def _plain(text: str, ext: str) -> str:
    """The source without block comments (nested ones too) and, in Rust, the ``r#`` of raw identifiers."""
    for _ in range(8):
        stripped = re.sub(r"/\*(?:(?!/\*|\*/).)*\*/", " ", text, flags=re.S)
        if stripped == text:
            break
        text = stripped
    return re.sub(r"\br#(?=[A-Za-z_])", "", text) if ext == "rs" else text
