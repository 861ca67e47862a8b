"""CMake's language as far as the guard follows it: the commands of a project's CMake files, read in order from the
top ``CMakeLists.txt`` through ``add_subdirectory`` and ``include``, with the variables they set.

guard16's reader took each ``set(X …)`` by a regular expression and judged ``COMMAND`` lists alone; each of these
ran its payload (guard17): a variable a branch of ``if`` set, one ``string(REPLACE)`` changed or the cache gave
(``set(S echo CACHE …)`` with ``S:STRING=sh`` in ``CMakeCache.txt``), a list (``set(X sh run.sh)`` with
``COMMAND ${X}``), a function wrapping ``execute_process(${ARGN})``, ``cmake_language(CALL …)``, ``try_run``
(compiles and runs a program at configure time), ``include()`` of a file not named ``.cmake`` or of one in the
build folder, ``add_custom_target(x ALL sh run.sh)`` and ``add_test(t sh run.sh)`` (commands without the word
``COMMAND``), and commands judged in the CMake file's folder rather than where CMake runs them (``execute_process``
in the folder cmake was started in, custom commands and tests in the build folder).
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

UNKNOWN = "\x02"  # in an expanded word: a value the guard cannot read
RUNNERS = frozenset({"execute_process", "add_custom_command", "add_custom_target", "add_test"})
KEYWORDS = frozenset(
    "COMMAND WORKING_DIRECTORY TIMEOUT RESULT_VARIABLE RESULTS_VARIABLE OUTPUT_VARIABLE ERROR_VARIABLE INPUT_FILE "
    "OUTPUT_FILE ERROR_FILE OUTPUT_QUIET ERROR_QUIET COMMAND_ECHO OUTPUT_STRIP_TRAILING_WHITESPACE "
    "ERROR_STRIP_TRAILING_WHITESPACE ENCODING ECHO_OUTPUT_VARIABLE ECHO_ERROR_VARIABLE COMMAND_ERROR_IS_FATAL OUTPUT "
    "DEPENDS BYPRODUCTS COMMENT MAIN_DEPENDENCY IMPLICIT_DEPENDS DEPFILE JOB_POOL JOB_SERVER_AWARE VERBATIM APPEND "
    "USES_TERMINAL COMMAND_EXPAND_LISTS DEPENDS_EXPLICIT_ONLY CODEGEN TARGET PRE_BUILD PRE_LINK POST_BUILD ALL "
    "SOURCES NAME CONFIGURATIONS".split())
# commands that run code the guard does not follow
UNFOLLOWED = frozenset({"exec_program", "try_run", "variable_watch", "load_command", "check_c_source_runs",
                        "check_cxx_source_runs", "check_source_runs", "check_fortran_source_runs",
                        "check_objc_source_runs", "check_objcxx_source_runs"})
_BLOCKS = {"if": 1, "foreach": 1, "while": 1, "function": 1, "macro": 1, "block": 1, "endif": -1, "endforeach": -1,
           "endwhile": -1, "endfunction": -1, "endmacro": -1, "endblock": -1}
_PURE = frozenset({"set", "unset", "if", "elseif", "else", "endif", "while", "endwhile", "message", "return",
                   "include", "add_subdirectory"} | RUNNERS)

_NAME = lazyre.compile(r"[A-Za-z_]\w*[ \t]*")
Command = tuple[str, list[tuple[str, str]]]  # name (lower case), arguments (text, kind: u unquoted, q quoted, b bracket)


def commands(text: str) -> list[Command] | None:
    """The command invocations of a CMake file; None when one does not close."""
    out: list[Command] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            i = _comment(text, i)
        elif c.isalpha() or c == "_":
            m = _NAME.match(text, i)
            assert m is not None
            if m.end() < n and text[m.end()] == "(":
                parsed = _arguments(text, m.end() + 1)
                if parsed is None:
                    return None
                args, i = parsed
                out.append((m.group(0).strip().lower(), args))
            else:
                i = m.end()
        else:
            i += 1
    return out


def _comment(text: str, i: int) -> int:
    m = re.compile(r"#\[(=*)\[").match(text, i)
    if m:
        end = text.find("]" + m.group(1) + "]", m.end())
        return len(text) if end < 0 else end + len(m.group(1)) + 2
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _arguments(text: str, i: int) -> tuple[list[tuple[str, str]], int] | None:
    args: list[tuple[str, str]] = []
    depth, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "#":
            i = _comment(text, i)
        elif c == "(":
            depth, i = depth + 1, i + 1
            args.append(("(", "u"))
        elif c == ")":
            if depth == 0:
                return args, i + 1
            depth, i = depth - 1, i + 1
            args.append((")", "u"))
        elif c == '"':
            out, i = [], i + 1
            while i < n and text[i] != '"':
                if text[i] == "\\" and i + 1 < n:
                    out.append({"n": "\n", "t": "\t", "r": "\r", "\n": "", ";": "\\;"}.get(text[i + 1], text[i + 1]))
                    i += 2
                else:
                    out.append(text[i])
                    i += 1
            if i >= n:
                return None
            args.append(("".join(out), "q"))
            i += 1
        elif (m := re.compile(r"\[(=*)\[").match(text, i)) is not None:
            end = text.find("]" + m.group(1) + "]", m.end())
            if end < 0:
                return None
            args.append((text[m.end():end].removeprefix("\n"), "b"))
            i = end + len(m.group(1)) + 2
        else:
            m = re.compile(r'(?:\\.|\$\{[^}]*\}|[^\s()#"\\])+').match(text, i)
            if m is None:
                i += 1
                continue
            args.append((m.group(0), "u"))
            i = m.end()
    return None


class Walk:
    """One configure's commands in order, with the variables it sets (``None``: a value the guard cannot read)."""

    def __init__(self, an: Analyzer, root: str, build: str, cwd: str, depth: int, defines: dict[str, str],
                 top: bool = True) -> None:
        self.an, self.root, self.build, self.cwd, self.depth, self.top = an, root, build, cwd, depth, top
        base = {"CMAKE_SOURCE_DIR": root, "PROJECT_SOURCE_DIR": root, "CMAKE_BINARY_DIR": build,
                "PROJECT_BINARY_DIR": build, "CMAKE_COMMAND": "cmake", "CMAKE_CTEST_COMMAND": "ctest",
                "PYTHON_EXECUTABLE": "python3", "Python_EXECUTABLE": "python3", "Python3_EXECUTABLE": "python3"}
        self.vars: dict[str, str | None] = {**base, **defines}
        self.seen: set[str] = set()
        self.parent_set: set[str] = set()  # what the folder being read sets in the one that added it

    def file(self, path: str, text: str, source: str | None, binary: str | None, level: int = 0) -> None:
        """Judge one CMake file's commands; ``source``/``binary``: the folders it is read for (None: unknown)."""
        self.seen.add(path)
        parsed = commands(re.sub(r"\r\n", "\n", text))
        if parsed is None:
            self.an.r.add("unparseable", "a CMake command whose parentheses do not close")
            return
        self.vars.update({"CMAKE_CURRENT_LIST_DIR": posixpath.dirname(path), "CMAKE_CURRENT_SOURCE_DIR": source,
                          "CMAKE_CURRENT_BINARY_DIR": binary})
        block = 0
        for name, args in parsed:
            block = max(0, block + _BLOCKS.get(name, 0))
            self.command(name, args, block, source, binary, level)

    def command(self, name: str, args: list[tuple[str, str]], block: int, source: str | None, binary: str | None,
                level: int) -> None:
        an = self.an
        if name in UNFOLLOWED or name == "cmake_language" or name == "install" and any(
                a in ("CODE", "SCRIPT") for a, k in args if k == "u"):
            an.r.add("dynamic", f"a CMake file runs code the guard does not follow ({name})")
            return
        if name in ("set", "unset") and args:
            self._set(name, args, block)
        elif name == "return" and any(a == "PROPAGATE" for a, _ in args):  # return(PROPAGATE S): S in the caller
            names = [a for a, _ in args[[a for a, _ in args].index("PROPAGATE") + 1:]]
            self.parent_set.update(names)
            self.vars.update(dict.fromkeys(names))
        elif name == "list" and len(args) >= 2 and args[0][0] == "APPEND" and not block:
            old = self.vars.get(args[1][0], "")
            items = ";".join(self.expand(a) for a, _ in args[2:])
            self.vars[args[1][0]] = None if old is None else ";".join(x for x in (old, items) if x)
        elif name not in _PURE:  # a word another command may write a result to (string, file, option, foreach, …)
            for a, kind in args:
                if kind == "u" and re.fullmatch(r"[A-Za-z_]\w*", a):
                    self.vars[a] = None
        if name in RUNNERS:
            self._runner(name, args, binary)
        elif name in ("include", "add_subdirectory") and args and level < 8:
            self._read(name, args, source, binary, level)

    def _set(self, name: str, args: list[tuple[str, str]], block: int) -> None:
        target = self.expand(args[0][0])
        if m := re.fullmatch(r"ENV\{(\w+)\}", target):  # the environment of every process it starts
            from macrohard.safety import envvars

            value = ";".join(self.expand(a) for a, _ in args[1:])
            envvars.assign(self.an, m.group(1), value.replace(UNKNOWN, "$X"), self.depth, self.cwd)
            return
        words = [a for a, _ in args[1:]]
        if UNKNOWN in target:
            self.an.r.add("dynamic", "a CMake file sets a variable whose name the guard cannot read")
        elif name == "unset" or block or "CACHE" in words or "PARENT_SCOPE" in words:
            self.vars[target] = None  # the cache, a caller or a branch decides
            if "PARENT_SCOPE" in words:  # and the folder that added this one (guard17: kept its old value)
                self.parent_set.add(target)
        else:
            self.vars[target] = ";".join(self.expand(a) for a in words)

    def expand(self, text: str, kind: str = "u") -> str:
        """``${NAME}`` (innermost first), ``$ENV{…}``, ``$CACHE{…}`` replaced; ``UNKNOWN`` where the guard cannot."""
        if kind == "b":
            return text
        for _ in range(16):
            m = re.search(r"\$(ENV|CACHE)?\{([^${}]*)\}", text)
            if m is None:
                break
            value = None if m.group(1) else self.vars.get(m.group(2))
            text = text[:m.start()] + (UNKNOWN + re.sub(r"\W", "_", m.group(2)) + UNKNOWN if value is None
                                       else value) + text[m.end():]
        return re.sub(r"\$<TARGET_FILE:([^>]+)>", r"./\1", text).replace("\\;", "\x01")

    def words(self, args: list[tuple[str, str]]) -> list[str]:
        """The arguments as the command gets them: an unquoted one split at ``;`` (a list), empty ones dropped."""
        out: list[str] = []
        for a, kind in args:
            value = self.expand(a, kind)
            parts = [value] if kind != "u" else [p for p in value.split(";") if p]
            out += [p.replace("\x01", ";") for p in parts]
        return out

    def _runner(self, name: str, args: list[tuple[str, str]], binary: str | None) -> None:
        an = self.an
        if any(kind == "u" and re.fullmatch(r"\$(?:ENV|CACHE)?\{[^}]*\}", a) and UNKNOWN in self.expand(a)
               for a, kind in args):  # `execute_process(${ARGN})`: which words are commands is only known then
            an.r.add("dynamic", f"a CMake {name} takes its arguments from a variable the guard cannot read")
        words = self.words(args)
        where = words[words.index("WORKING_DIRECTORY") + 1] if "WORKING_DIRECTORY" in words[:-1] else None
        # a file the walk did not reach runs its commands in its own folder, as far as the guard can tell (CTest's
        # CTestTestfile.cmake in the build folder)
        cwd = self.cwd if name == "execute_process" else binary or self.vars.get("CMAKE_CURRENT_LIST_DIR")
        if where is not None:
            cwd = where if where.startswith("/") else posixpath.join(cwd or self.cwd, where)
        if cwd is None or UNKNOWN in cwd:
            an.r.add("dynamic", f"a CMake {name} runs in a folder the guard cannot tell")
            return
        groups: list[list[str]] = []
        rest, collecting = words, False
        if name == "add_custom_target":  # add_custom_target(name [ALL] [command …] …)
            rest, collecting = words[2:] if words[1:2] == ["ALL"] else words[1:], True
            groups.append([])
        elif name == "add_test" and words[:1] != ["NAME"]:  # add_test(name command …), the old form
            groups.append(words[1:])
            rest = []
        for w in rest:
            if w == "COMMAND":
                groups.append([])
                collecting = True
            elif w in KEYWORDS:
                collecting = False
            elif collecting:
                groups[-1].append(w)
        for group in groups:
            if group:
                an.line(" ".join(_shell_word(w) for w in group), self.depth + 1, cwd)

    def _read(self, name: str, args: list[tuple[str, str]], source: str | None, binary: str | None,
              level: int) -> None:
        from macrohard.safety.projects import _read

        target = (self.words(args[:1]) or [""])[0]
        here = source or self.vars.get("CMAKE_CURRENT_LIST_DIR") or self.root
        if UNKNOWN in target:  # in a file the walk from the top did not reach (CMake's own in the build folder,
            if self.top:  # `include(${CMAKE_ROOT}/…)`), its commands are judged and its includes left to CMake
                self.an.r.add("dynamic", f"a CMake file runs {name}() of a file the guard cannot name")
            return
        if name == "include":
            candidates = [target] if "/" in target or target.endswith((".cmake", ".txt")) else [
                posixpath.join(d, target + ".cmake") for d in (self.vars.get("CMAKE_MODULE_PATH") or "").split(";") if d]
        else:
            candidates = [posixpath.join(target, "CMakeLists.txt")]
        for c in candidates:
            path = c if c.startswith("/") else posixpath.join(here, c)
            if path in self.seen or not os.path.isfile(path):
                continue
            if not self.an.paths.inside(path):
                self.an.r.add("dynamic", f"a CMake file reads {c[:60]}, outside the workspace")
                return
            text = _read(self.an, path)
            if text is None:
                return
            if name == "include":  # the same scope; the file's own folder while it is read
                listed = self.vars.get("CMAKE_CURRENT_LIST_DIR")
                self.file(path, text, source, binary, level + 1)
                self.vars.update({"CMAKE_CURRENT_LIST_DIR": listed, "CMAKE_CURRENT_SOURCE_DIR": source,
                                  "CMAKE_CURRENT_BINARY_DIR": binary})
            else:
                saved, outer = dict(self.vars), self.parent_set
                self.parent_set = set()
                rel = posixpath.relpath(posixpath.dirname(path), self.root)
                self.file(path, text, posixpath.dirname(path), posixpath.normpath(posixpath.join(self.build, rel)),
                          level + 1)
                self.vars = {**saved, **dict.fromkeys(self.parent_set)}
                self.parent_set = outer
            return


def _shell_word(word: str) -> str:
    """A word of a CMake command as the shell line the guard judges: quoted, and a value it cannot read as a shell
    variable (only known when it runs)."""
    if UNKNOWN in word:
        return '"' + re.sub(UNKNOWN + r"(\w*)" + UNKNOWN, r"$\1", word).replace('"', "") + '"'
    return shlex.quote(word)
