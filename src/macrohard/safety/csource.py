"""C and C++ sources a compiler builds, read as text before it runs: what is compiled is built to be run.

``gcc x.c -o app && ./app`` (or ``make``, whose recipes are read as command lines) runs the program the sources
describe. This module finds the sources and libraries a compiler line takes (operands, ``-include``, the
workspace headers they ``#include``, ``-D`` macros, ``-l`` libraries of workspace folders) and judges them:

- the text, with comments and string literals set aside, is searched for the library functions that start
  programs or reach code by address (``safety.native``'s names), inline assembly, and the preprocessor's ways
  of building a name from pieces (``##``, its digraph and trigraph spellings) or of renaming one (``#pragma``
  ``weak``/``redefine_extname``, ``alias``/``weakref`` attributes); ``system("…")`` and ``popen("…", …)`` with a
  literal command are judged as that command line;
- object files and libraries are judged by their symbol tables (``safety.native``); assembly, a source the
  guard cannot find, options that run other programs or plugins (``-B``, ``-wrapper``, ``-fplugin``, ``-specs``,
  linker scripts, ``--defsym``/``--wrap``) are asked about.

The output (``-o``, else ``a.out``) is recorded as built on this line (``Analyzer.compiled``), so running it
later on the line is judged by its sources, not by the file there before.
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import codewrites, elf, lazyre, native

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

C_COMPILERS = frozenset({"gcc", "g++", "cc", "c++", "clang", "clang++", "tcc", "x86_64-linux-gnu-gcc",
                         "x86_64-linux-gnu-g++", "gcc-12", "g++-12"})
MAX_FILES = 64
_VALUE_OPTS = frozenset({"-o", "-I", "-L", "-D", "-U", "-include", "-imacros", "-x", "-MF", "-MT", "-MQ", "-isystem",
                         "-iquote", "-idirafter", "-iprefix", "-Xlinker", "-Xassembler", "-Xpreprocessor", "-T", "-e",
                         "-u", "-z", "--param", "-aux-info", "-l", "-B", "-isysroot", "--sysroot", "-specs",
                         "-wrapper", "-dumpdir", "-dumpbase"})
_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".i", ".ii", ".h", ".hh", ".hpp", ".hxx", ".inc")
_ASSEMBLY = (".s", ".S", ".sx", ".asm")
_RUNS_OTHERS = lazyre.compile(r"^(?:-B|-wrapper|-fplugin|-specs|--specs|-T|-Wl,.*(?:--defsym|--wrap|-T|--script|"
                          r"--entry|-e,|-rpath|execstack|--dynamic-linker|-init|-fini|--audit|--filter)|"
                          r"-Xlinker|-Xassembler|-fuse-ld|--ld-path|-e|-nostartfiles|-nostdlib|execstack$)")
# comments and literals, in the order C reads them (a raw string first, a digit separator is no quote)
_TOKENS = lazyre.compile(r'(?P<raw>\b(?:u8|u|U|L)?R"(?P<delim>[^()\\\s]{0,16})\((?P<rawbody>.*?)\)(?P=delim)")|'
                     r'(?P<str>(?:\b(?:u8|u|U|L))?"(?:\\.|[^"\\\n])*")|'
                     r"(?P<chr>(?<![\w'])(?:u8|u|U|L)?'(?:\\.|[^'\\\n])*')|"
                     r"(?P<comment>/\*.*?(?:\*/|\Z)|//(?:\\\n|[^\n])*)", re.S)
_PASTE = lazyre.compile(r"##|%:%:|\?\?[=/'()!<>\-]|\b(?:alias|weakref|ifunc|symver)\s*\(|"
                    r"#\s*pragma\s+(?:weak|redefine_extname)|\b(?:asm|__asm__|__asm)\b")
_IDENT = lazyre.compile(r"\b[A-Za-z_]\w*\b")
_LITERAL_CALL = lazyre.compile(r"\b(system|popen)\s*\(\s*((?:\x00S\d+\x00\s*)+)[,)]")
_PLACEHOLDER = lazyre.compile(r"\x00S(\d+)\x00")
_INCLUDE = lazyre.compile(r'^\s*(?:#|%:)\s*(?:include|include_next|import|embed)\s*([<"])([^>"\n]+)[>"]', re.M)
# a function's address taken as a number: (char *)puts + 0x4f5a0, (uintptr_t)&puts - ... (a name the code does
# not declare as a variable: a function)
_ADDRESS_MATH = lazyre.compile(r"\(\s*(?:const\s+)?(?:unsigned\s+)?(?:char|void|u?int\w*|long|size_t|s?size_t|"
                           r"u?intptr_t|ptrdiff_t)[\s*]*\)\s*&?\s*(\w+)\s*(?:[-+]|\))")
# a function's address cast to any type: lseek(fd, (off_t)&target, SEEK_SET) before writing over its code
_ADDRESS_OF = lazyre.compile(r"\(\s*[A-Za-z_][\w\s]*\**\s*\)\s*&\s*([A-Za-z_]\w*)\s*(?![\w\[(.]|->)")
_DECLARED = lazyre.compile(r"(?:\b(?:char|short|int|long|float|double|void|unsigned|signed|bool|size_t|\w+_t|struct\s+\w+|"
                       r"const|auto)\b|\*)\s*\**\s*([A-Za-z_]\w*)\s*(?=[\[=;,)]|\s*$)", re.M)


# what a C or C++ program changes files or starts programs through; a program built from sources that name none of
# them, and linked with no library but C's own, writes no file when it runs (safety.native.built_here)
_CHANGES_FILES = frozenset({
    "fopen", "fopen64", "freopen", "fdopen", "open", "open64", "openat", "openat2", "creat", "creat64", "rename",
    "renameat", "renameat2", "unlink", "unlinkat", "remove", "rmdir", "mkdir", "mkdirat", "truncate", "ftruncate",
    "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown", "fchown", "lchown", "utime",
    "utimes", "utimensat", "futimes", "futimens", "mknod", "mknodat", "mkfifo", "mkstemp", "mkstemps", "mkostemp",
    "mkdtemp", "tmpfile", "tmpnam", "tempnam", "syscall", "system", "popen", "execl", "execlp", "execle", "execv",
    "execvp", "execvpe", "execve", "fexecve", "posix_spawn", "posix_spawnp", "fork", "vfork", "clone", "dlopen",
    "dlsym", "mmap", "ioctl", "fcntl", "sendfile", "copy_file_range", "splice", "name_to_handle_at",
    "open_by_handle_at", "ofstream", "fstream", "basic_ofstream", "basic_fstream", "filesystem", "asm", "__asm__",
    "__asm", "_asm"})

ASSEMBLERS = frozenset({"as", "gas", "nasm", "yasm", "x86_64-linux-gnu-as"})
LINKERS = frozenset({"ld", "ld.bfd", "ld.gold", "ld.lld", "gold", "lld", "x86_64-linux-gnu-ld", "x86_64-linux-gnu-ld.bfd"})


def judge_tool(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """An assembler writes machine code from text the guard cannot read as a program; a linker joins objects, which
    are judged by their symbol tables, into a program that counts as built here."""
    if prog in ASSEMBLERS:
        native.flag(an, f"{prog} assembles machine code the guard cannot read")
        return
    out = args[args.index("-o") + 1] if "-o" in args[:-1] else "a.out"
    for a in args:
        if a.startswith("-") or a == out:
            continue
        ap = an.paths.resolve(a, cmd.cwd)
        data = native.read(ap) if os.path.isfile(ap) else None
        if data is not None and elf.is_elf(data):
            native.judge_file(an, a, data, runs=False, path=ap)
        elif ap not in an.__dict__.get("compiled", ()):
            native.flag(an, f"{prog} links {a[:40]}, which the guard cannot read as an object")
    target = an.paths.resolve(out, cmd.cwd)
    an.written.pop(target, None)
    an.__dict__.setdefault("compiled", set()).add(target)
    an.__dict__.setdefault("compiled_quiet", set()).discard(target)


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """A C/C++ compiler line: judge what it builds, and record what it writes as built here."""
    cwd = cmd.cwd
    operands, includes, lib_dirs, libs, defines, out = [], [], [], [], [], None
    only_compile = False
    i = 0
    while i < len(args):
        a = args[i]
        value = args[i + 1] if a in _VALUE_OPTS and i + 1 < len(args) else None
        if _RUNS_OTHERS.match(a):
            native.flag(an, f"{prog} {a[:40]} makes the build run or link code of the run's choosing")
        if a.startswith("@"):
            native.flag(an, f"{prog} takes its options from the file {a[1:40]}")
        if a == "-x" and value not in ("c", "c++", "c-header", "none"):
            native.flag(an, f"{prog} -x {value} compiles its input as another language")
        if a in ("-c", "-S", "-E", "-M", "-MM", "-fsyntax-only"):
            only_compile = True
        for opt, bucket in (("-I", includes), ("-iquote", includes), ("-isystem", includes), ("-idirafter", includes),
                            ("-L", lib_dirs), ("-l", libs), ("-D", defines), ("-include", operands),
                            ("-imacros", operands)):
            if a == opt and value is not None:
                bucket.append(value)
            elif a.startswith(opt) and len(a) > len(opt) and opt in ("-I", "-L", "-l", "-D"):
                bucket.append(a[len(opt):])
        if a == "-o" and value is not None:
            out = value
        if value is not None:
            i += 2
            continue
        if a == "-" or not a.startswith("-"):
            operands.append(a)
        i += 1
    text = "\n".join(f"#define {d.replace('=', ' ', 1)}" for d in defines)
    seen: set[str] = set()
    for operand in operands:
        text += "\n" + (_operand(an, prog, operand, cwd, cmd, includes, seen) or "")
    if not operands or any(o not in ("-", *seen) and not _known(an, o, cwd) for o in operands):
        text += "\n" + _tree(an, prog, cwd, includes, seen)  # `$(CC) -o $@ $<` in make: names it cannot see
    for lib in libs:
        _library(an, prog, lib, lib_dirs, cwd)
    for folder in (*includes, *lib_dirs):
        ap = an.paths.resolve(folder, cwd)
        if not _ours(an, ap) and not ap.startswith("/usr/"):
            native.flag(an, f"{prog} takes headers or libraries from {folder[:40]}, outside the workspace")
    names = _judge_text(an, prog, text, cwd, depth)
    codewrites.judge(an, prog, text, cwd)  # guard40: snprintf(p, n, "%s/.profile", getenv("HOME")); fopen(p, "a")
    # guard18: a program (or object) built from sources that name no way to change a file, linked with no library
    # but C's own: running it changes no file (`make && make test && make clean` asked once `$@` named the program)
    # rt48b: a program built from sources that call the network functions opens connections when it runs
    talking = an.__dict__.setdefault("compiled_net", set())
    net = bool(names & native.NETWORK) or "curl" in libs or any(an.paths.resolve(o, cwd) in talking for o in operands)
    quiet = an.__dict__.setdefault("compiled_quiet", set())
    calm = bool(operands) and not libs and not names & _CHANGES_FILES and not _PASTE.search(text) and all(
        o.endswith(_SOURCES) or an.paths.resolve(o, cwd) in quiet for o in operands)
    if only_compile:
        if "-c" in args:
            for o in [out] if out else [posixpath.splitext(posixpath.basename(o))[0] + ".o" for o in operands]:
                (quiet.add if calm else quiet.discard)(an.paths.resolve(o, cwd))
                (talking.add if net else talking.discard)(an.paths.resolve(o, cwd))
        return
    target = an.paths.resolve(out or "a.out", cwd)
    an.written.pop(target, None)
    an.__dict__.setdefault("compiled", set()).add(target)
    (quiet.add if calm else quiet.discard)(target)
    (talking.add if net else talking.discard)(target)


def _operand(an: Analyzer, prog: str, operand: str, cwd: str | None, cmd: SimpleCommand, includes: list[str],
             seen: set[str]) -> str | None:
    if operand == "-":
        if cmd.heredoc:
            return cmd.heredoc
        native.flag(an, f"{prog} compiles code from its standard input")
        return None
    ap = an.paths.resolve(operand, cwd)
    if ap in an.written:  # written earlier on the line: the text, when known
        if an.written[ap] is None:
            native.flag(an, f"{prog} compiles {operand}, which this line writes first with text the guard cannot "
                                "read; write it in one step and build in the next")
        return an.written[ap]
    if not _ours(an, ap) and not ap.startswith("/usr/"):  # the sandbox's /tmp is not the guard's
        native.flag(an, f"{prog} builds {operand}, outside the workspace where the guard cannot read it")
        return None
    if operand.endswith(_ASSEMBLY):
        native.flag(an, f"{prog} assembles {operand}: machine code the guard cannot read")
        return None
    if ap in an.__dict__.get("compiled", ()):  # an object built from sources judged earlier on the line
        return None
    data = native.read(ap) if os.path.isfile(ap) else None
    if data is None:
        if os.path.exists(ap) and not os.path.isdir(ap):  # a named pipe: what a job writes to it is compiled
            native.flag(an, f"{prog} builds {operand}, which is not a regular file (a pipe or a device)")
        elif an.unmodelled_writes or an.unknown_writes:
            native.flag(an, f"{prog} builds {operand}, which an earlier command on the line may write")
        return None
    if elf.is_elf(data):
        native.judge_file(an, operand, data, runs=False, path=ap)
        return None
    if data.startswith(b"!<arch>"):
        native.flag(an, f"{prog} links the archive {operand}, whose objects the guard does not list")
        return None
    if not operand.endswith(_SOURCES) and "-x" not in cmd.argv:
        native.flag(an, f"{prog} takes {operand}, which is neither a C source nor an object the guard can read "
                            "(a linker script?)")
        return None
    return _with_headers(an, prog, ap, data.decode(errors="replace"), includes, cwd, seen)


def _ours(an: Analyzer, path: str) -> bool:
    """In the workspace (not the sandbox's /tmp, which the guard cannot see)."""
    return any(path == w or path.startswith(w + "/") for w in an.paths.workspaces)


def _known(an: Analyzer, operand: str, cwd: str | None) -> bool:
    ap = an.paths.resolve(operand, cwd)
    return ap in an.written or ap in an.__dict__.get("compiled", ()) or os.path.isfile(ap)


def _tree(an: Analyzer, prog: str, cwd: str | None, includes: list[str], seen: set[str]) -> str:
    """A source the line names but the guard cannot find (make's ``$<``, a pattern rule, a file made later): every
    C/C++ source of the folder may be the one built."""
    from macrohard.safety.projects import _walk

    files = _walk(an, an.paths.resolve(cwd or ".", None), lambda p: p.endswith(_SOURCES))
    if files is None:
        native.flag(an, f"{prog} builds sources the guard cannot name in a folder with too many to read")
        return ""
    parts = []
    for path in files:
        if path not in seen and (data := native.read(path)) is not None:
            parts.append(_with_headers(an, prog, path, data.decode(errors="replace"), includes, cwd, seen))
    return "\n".join(parts)


def _with_headers(an: Analyzer, prog: str, path: str, text: str, includes: list[str], cwd: str | None,
                  seen: set[str]) -> str:
    """``text`` followed by the workspace headers it includes (from its own folder and the ``-I`` folders)."""
    seen.add(path)
    parts = [text]
    for m in _INCLUDE.finditer(_splice(text)):
        folders = ([posixpath.dirname(path)] if m.group(1) == '"' else []) + [an.paths.resolve(d, cwd) for d in includes]
        named = posixpath.normpath(posixpath.join(posixpath.dirname(path), m.group(2)))
        if (m.group(2).startswith("/") or m.group(1) == '"' and ".." in m.group(2) and not _ours(an, named)) \
                and not named.startswith("/usr/"):
            native.flag(an, f"{prog} includes {m.group(2)[:40]}, outside the workspace where the guard cannot read it")
        for folder in folders:
            header = posixpath.normpath(posixpath.join(folder, m.group(2)))
            if header in seen or not _ours(an, header) or not os.path.isfile(header):
                continue
            if len(seen) > MAX_FILES:
                native.flag(an, f"{prog} includes more than {MAX_FILES} workspace files, too many to review")
                return "\n".join(parts)
            data = native.read(header) or b""
            parts.append(_with_headers(an, prog, header, data.decode(errors="replace"), includes, cwd, seen))
            break
    return "\n".join(parts)


def _library(an: Analyzer, prog: str, lib: str, lib_dirs: list[str], cwd: str | None) -> None:
    for folder in lib_dirs:
        ap = an.paths.resolve(folder, cwd)
        if not _ours(an, ap):
            continue
        for name in (f"lib{lib}.so", f"lib{lib}.a", lib[1:] if lib.startswith(":") else ""):
            path = posixpath.join(ap, name) if name else ""
            if path and (os.path.isfile(path) or path in an.written):
                data = native.read(path) or b""
                if elf.is_elf(data):
                    native.judge_file(an, f"-l{lib}", data, runs=False, path=path)
                else:
                    native.flag(an, f"{prog} links -l{lib} from {folder}, which the guard cannot read")
                return


def _splice(text: str) -> str:
    return text.replace("\\\r\n", "").replace("\\\n", "")


def _judge_text(an: Analyzer, prog: str, text: str, cwd: str | None, depth: int) -> set[str]:
    """Judge the code; the names it uses (comments and strings set aside)."""
    literals: list[str] = []

    def set_aside(m: re.Match[str]) -> str:
        if m.group("comment") is not None:
            return " "
        if m.group("chr") is not None:
            return "0"
        literals.append(m.group("rawbody") if m.group("raw") is not None else m.group("str"))
        return f"\x00S{len(literals) - 1}\x00"

    code = _TOKENS.sub(set_aside, _splice(text))
    if m := _PASTE.search(code):
        native.flag(an, f"{prog} builds code that makes or renames names ({m.group(0)[:20]}) or holds assembly")
    for m in _LITERAL_CALL.finditer(code):
        command = "".join(_c_string(literals[int(n)]) for n in _PLACEHOLDER.findall(m.group(2)))
        an.line(command, depth + 1, cwd)
    names = set(_IDENT.findall(_LITERAL_CALL.sub("", code)))
    if found := native.risky(names):
        native.flag(an, f"{prog} builds a program that calls {', '.join(found[:4])} with what is only known "
                            "when it runs")
    if any("/proc/" in lit for lit in literals):
        native.flag(an, f"{prog} builds a program that opens a file of /proc (its own memory or maps, another "
                        "process's)")
    variables = set(_DECLARED.findall(code)) | set(re.findall(r"^\s*#\s*define\s+(\w+)\s+[-+(]*[\d.]", code, re.M))
    for m in (*_ADDRESS_MATH.finditer(code), *_ADDRESS_OF.finditer(code)):
        if m.group(1) not in variables and not m.group(1)[0].isdigit():
            native.flag(an, f"{prog} builds a program that computes a function's address ({m.group(0)[:40]})")
            break
    return set(_IDENT.findall(code))  # with the calls of literal commands (`system("…")`): they change files too


def _c_string(literal: str) -> str:
    body = literal
    if literal.endswith('"') and '"' in literal[:-1]:
        body = literal[literal.index('"') + 1:-1]
    try:
        return codecs.decode(body, "unicode_escape")
    except UnicodeDecodeError:
        return body
