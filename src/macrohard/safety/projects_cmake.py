"""CMake projects: the ``COMMAND``s of ``CMakeLists.txt`` and ``*.cmake`` files that ``cmake``/``ctest`` run.

``execute_process`` runs at configure time, custom commands and tests later (``safety.projects`` keeps what they
may write inside the runner). Each ``COMMAND`` is judged as a command line, with the variables the files ``set``
and CMake's own directories put in; a variable the guard cannot know stays a shell variable (only known when it
runs).
"""

from __future__ import annotations

import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety.projects import MAX_FILES, _read, _walk

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

_CMAKE_CALL = re.compile(r"\b(execute_process|add_custom_command|add_custom_target|add_test)\s*\(", re.I)
_CMAKE_KEYWORDS = frozenset(
    "COMMAND WORKING_DIRECTORY TIMEOUT RESULT_VARIABLE RESULTS_VARIABLE OUTPUT_VARIABLE ERROR_VARIABLE INPUT_FILE "
    "OUTPUT_FILE ERROR_FILE OUTPUT_QUIET ERROR_QUIET COMMAND_ECHO OUTPUT_STRIP_TRAILING_WHITESPACE "
    "ERROR_STRIP_TRAILING_WHITESPACE ENCODING ECHO_OUTPUT_VARIABLE ECHO_ERROR_VARIABLE COMMAND_ERROR_IS_FATAL OUTPUT "
    "DEPENDS BYPRODUCTS COMMENT MAIN_DEPENDENCY IMPLICIT_DEPENDS DEPFILE JOB_POOL JOB_SERVER_AWARE VERBATIM APPEND "
    "USES_TERMINAL COMMAND_EXPAND_LISTS DEPENDS_EXPLICIT_ONLY CODEGEN TARGET PRE_BUILD PRE_LINK POST_BUILD ALL "
    "SOURCES NAME CONFIGURATIONS".split())
_CMAKE_KNOWN = {"CMAKE_COMMAND": "cmake", "CMAKE_CTEST_COMMAND": "ctest", "PYTHON_EXECUTABLE": "python3",
                "Python_EXECUTABLE": "python3", "Python3_EXECUTABLE": "python3"}
_CMAKE_DIRS = ("CMAKE_SOURCE_DIR", "CMAKE_CURRENT_SOURCE_DIR", "PROJECT_SOURCE_DIR", "CMAKE_BINARY_DIR",
               "CMAKE_CURRENT_BINARY_DIR", "PROJECT_BINARY_DIR", "CMAKE_CURRENT_LIST_DIR")


def judge(an: Analyzer, prog: str, args: list[str], operands: list[str], cwd: str, depth: int) -> None:
    value = dict(zip(args, args[1:], strict=False))
    _defines(an, args, cwd, depth)
    presets = any(a in ("--preset", "--workflow") or a.startswith("--preset=") for a in args)
    if presets:  # `cmake --preset d`: the source is the folder of CMakePresets.json (d is a preset's name)
        _presets(an, cwd)
    if "--build" in value:  # what the build folder's generated Makefile or build.ninja runs (edited after configuring?)
        _generated(an, an.paths.resolve(value["--build"], cwd), cwd, depth)
    if "-P" in value:
        files = [an.paths.resolve(value["-P"], cwd)]
    else:
        source = value.get("-S") or next((o for o in operands if o not in (value.get("-B"), value.get("--build"),
                                          value.get("--test-dir"), value.get("--preset"))), None)
        source = "." if presets and "-S" not in value else source
        build = value.get("--build") or value.get("-B") or value.get("--test-dir") or "."
        if source is None:  # cmake --build B, ctest: the source the build folder was configured from
            cache = _read(an, posixpath.join(an.paths.resolve(build, cwd), "CMakeCache.txt")) or ""
            m = re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.+)$", cache, re.M)
            source = m.group(1).strip() if m else "."
        root = an.paths.resolve(source, cwd)
        files = _walk(an, root, lambda p: p.endswith(("CMakeLists.txt", ".cmake")))
        if files is None:
            an.r.add("dynamic", f"{prog} reads more than {MAX_FILES} CMake files here, too many to review")
            return
    for path in files:
        text = _read(an, path)
        if text is not None:
            _cmake_commands(an, text, posixpath.dirname(path), depth)


def _cmake_commands(an: Analyzer, text: str, where: str, depth: int) -> None:
    text = re.sub(r"(?m)#(?!\[\[).*$", "", text)
    sets = {m.group(1): m.group(2).strip().strip('"') for m in re.finditer(r"\bset\s*\(\s*(\w+)\s+([^)]*)\)", text, re.I)}
    if re.search(r"\b(?:file\s*\(\s*(?:WRITE|APPEND|COPY|CONFIGURE|GENERATE|DOWNLOAD)|configure_file)\b", text, re.I):
        an.unmodelled_writes = True  # a script it runs may be one it writes
        if re.search(r"\b(?:include|add_subdirectory|cmake_language)\s*\(", text, re.I):
            an.r.add("dynamic", "a CMake file writes files and includes CMake code: the guard cannot read what "
                                "it includes (a file it wrote)")
    if m := re.search(r"\b(?:exec_program|cmake_language\s*\(\s*EVAL|install\s*\(\s*(?:CODE|SCRIPT))\b", text,
                      re.I):
        an.r.add("dynamic", f"a CMake file runs code the guard does not follow ({m.group(0)[:30]})")
    for m in _CMAKE_CALL.finditer(text):
        body = _balanced(text, m.end())
        if body is None:
            an.r.add("unparseable", "a CMake command whose parentheses do not close")
            continue
        try:
            words = shlex.split(body.replace("\n", " "), posix=True)
        except ValueError:
            words = body.split()
        command: list[str] = []
        collecting = False
        for w in [*words, "COMMAND_END"]:
            if w in _CMAKE_KEYWORDS or w == "COMMAND_END":  # what cmake itself reads as the end of a command
                if command:
                    an.line(" ".join(_cmake_word(c, sets, where) for c in command), depth + 1, where)
                command, collecting = [], w == "COMMAND"
            elif collecting:
                command.append(w)


def _cmake_word(word: str, sets: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _CMAKE_KNOWN:
            return _CMAKE_KNOWN[name]
        if name in _CMAKE_DIRS:
            return where
        if name in sets and "${" not in sets[name]:
            return sets[name]
        return "$" + re.sub(r"\W", "_", name)
    word = re.sub(r"\$\{([^}]*)\}", sub, word)
    word = re.sub(r"\$<TARGET_FILE:([^>]+)>", r"./\1", word)
    return shlex.quote(word) if not word.startswith("$") else f'"{word}"'


def _balanced(text: str, start: int) -> str | None:
    level, i = 1, start
    while i < len(text):
        ch = text[i]
        if ch == '"':
            j = text.find('"', i + 1)
            while j != -1 and text[j - 1] == "\\":
                j = text.find('"', j + 1)
            if j == -1:
                return None
            i = j + 1
            continue
        level += ch == "("
        level -= ch == ")"
        if not level:
            return text[start:i]
        i += 1
    return None


# CMake variables that name a program the build runs, or CMake code it reads first
_TOOL_VAR = re.compile(r"\w*(?:_COMPILER_LAUNCHER|_LINKER_LAUNCHER|_COMPILER|_LINKER|_AR|_RANLIB|_CROSSCOMPILING_EMULATOR|"
                       r"_CLANG_TIDY|_CPPCHECK|_CPPLINT|_INCLUDE_WHAT_YOU_USE)")
_CODE_VAR = re.compile(r"CMAKE_TOOLCHAIN_FILE|CMAKE_PROJECT_\w*INCLUDE\w*|CMAKE_USER_MAKE_RULES_OVERRIDE\w*|"
                       r"CMAKE_MODULE_PATH|CMAKE_PREFIX_PATH|\w+_DIR")


def _defines(an: Analyzer, args: list[str], cwd: str, depth: int) -> None:
    """``-DCMAKE_C_COMPILER_LAUNCHER=./w.sh``, ``--toolchain f.cmake``: a program the build runs is judged as the
    environment's ``CC`` is (``safety.envvars``); CMake code read from outside the source folder is judged here."""
    from macrohard.safety import envvars

    pairs = [(a[2:].split("=", 1) + [""])[:2] for a in args if a.startswith("-D") and len(a) > 2]
    pairs += [["CMAKE_TOOLCHAIN_FILE", v] for a, v in zip(args, args[1:], strict=False) if a == "--toolchain"]
    for name, val in pairs:
        name = name.split(":", 1)[0]
        if _TOOL_VAR.fullmatch(name):
            envvars.judge(an, name if name in envvars.TOOLS else "CC", val.replace(";", " "), depth, cwd)
        elif _CODE_VAR.fullmatch(name) and val:
            text = _read(an, an.paths.resolve(val, cwd)) if val.endswith(".cmake") else None
            if text is not None:
                _cmake_commands(an, text, posixpath.dirname(an.paths.resolve(val, cwd)), depth)
            elif val.endswith(".cmake") or an.paths.inside(an.paths.resolve(val, cwd)):
                an.r.add("dynamic", f"-D{name}={val[:60]} makes CMake read code the guard cannot read")


def _presets(an: Analyzer, cwd: str) -> None:
    """CMakePresets.json: a toolchain file, the environment or the cache variables a preset sets."""
    for name in ("CMakePresets.json", "CMakeUserPresets.json"):
        text = _read(an, posixpath.join(cwd, name))
        if text and re.search(r'"(?:toolchainFile|environment|include|cacheVariables|cmakeExecutable)"', text):
            an.r.add("dynamic", f"{name} sets a toolchain file, the environment or cache variables for the build; "
                                "run cmake with those settings on its command line")


def _generated(an: Analyzer, folder: str, cwd: str, depth: int) -> None:
    from macrohard.safety import makefile, ninja
    from macrohard.safety.shellparse import SimpleCommand

    if posixpath.isfile(posixpath.join(folder, "build.ninja")):
        ninja.judge(an, [], SimpleCommand(argv=["ninja"], cwd=cwd), depth, folder=folder)
    elif any(posixpath.isfile(posixpath.join(folder, n)) for n in ("GNUmakefile", "makefile", "Makefile")):
        makefile.judge(an, "make", ["-C", folder], SimpleCommand(argv=["make", "-C", folder], cwd=cwd), depth)
