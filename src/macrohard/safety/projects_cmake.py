"""CMake projects: the commands of ``CMakeLists.txt`` and ``*.cmake`` files that ``cmake``/``ctest`` run.

``execute_process`` runs at configure time, custom commands and tests later (``safety.projects`` keeps what they
may write inside the runner). ``safety.cmakelang`` reads the files in order from the top ``CMakeLists.txt`` (then
each CMake file it did not reach, alone) and judges each command as a command line, in the folder CMake runs it
in; a variable the guard cannot know stays a shell variable (only known when it runs).
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import cmakelang, lazyre
from macrohard.safety.projects import MAX_FILES, _read, _walk

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

def judge(an: Analyzer, prog: str, args: list[str], operands: list[str], cwd: str, depth: int) -> None:
    value = dict(zip(args, args[1:], strict=False))
    _defines(an, args, cwd, depth)
    presets = any(a in ("--preset", "--workflow") or a.startswith("--preset=") for a in args)
    if presets:  # `cmake --preset d`: the source is the folder of CMakePresets.json (d is a preset's name)
        _presets(an, cwd)
    if "--build" in value:  # what the build folder's generated Makefile or build.ninja runs (edited after configuring?)
        _generated(an, an.paths.resolve(value["--build"], cwd), cwd, depth)
    build = an.paths.resolve(value.get("--build") or value.get("-B") or value.get("--test-dir") or ".", cwd)
    defines = {a[2:].split("=", 1)[0].split(":", 1)[0]: a.split("=", 1)[1] for a in args
               if a.startswith("-D") and "=" in a}
    _initial_cache(an, args, cwd, depth)
    if "-P" in value:
        files, root = [an.paths.resolve(value["-P"], cwd)], cwd
    else:
        source = value.get("-S") or next((o for o in operands if o not in (value.get("-B"), value.get("--build"),
                                          value.get("--test-dir"), value.get("--preset"))), None)
        source = "." if presets and "-S" not in value else source
        if source is None:  # cmake --build B, ctest: the source the build folder was configured from
            cache = _read(an, posixpath.join(build, "CMakeCache.txt")) or ""
            m = re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.+)$", cache, re.M)
            source = m.group(1).strip() if m else "."
        root = an.paths.resolve(source, cwd)
        found = _walk(an, root, lambda p: p.endswith(("CMakeLists.txt", ".cmake")))
        if found is None:
            an.r.add("dynamic", f"{prog} reads more than {MAX_FILES} CMake files here, too many to review")
            return
        files = found
    top = files[0] if "-P" in value else posixpath.join(root, "CMakeLists.txt")
    walk = cmakelang.Walk(an, root, build, cwd, depth, defines)
    for path in [top] + sorted(set(files) - {top}):  # in order from the top, then each file it did not reach
        if path in walk.seen or path not in files and path != top or not posixpath.isfile(path):
            continue
        text = _read(an, path)
        if text is None:
            continue
        _writes(an, text)
        alone = walk if path == top else cmakelang.Walk(an, root, build, cwd, depth, defines, top=False)
        folder = posixpath.dirname(path)
        listed = path.endswith("CMakeLists.txt") or path == top
        alone.file(path, text, folder if listed else None, posixpath.normpath(posixpath.join(
            build, posixpath.relpath(folder, root))) if listed else None)
        walk.seen |= alone.seen


def _initial_cache(an: Analyzer, args: list[str], cwd: str, depth: int) -> None:
    """``cmake -C FILE`` (``-CFILE``): CMake runs FILE as a script first, to fill the cache (guard36: its
    ``execute_process(COMMAND sh run.sh)`` ran unread). Judged as ``cmake -P FILE`` would be."""
    for i, a in enumerate(args):
        path = args[i + 1] if a == "-C" and i + 1 < len(args) else a[2:] if a.startswith("-C") and len(a) > 2 else None
        if path is None:
            continue
        if "$" in path or "`" in path:
            an.r.add("dynamic", f"cmake -C {path[:60]}: a CMake script only known when it runs")
            continue
        judge(an, "cmake", ["-P", path], [], cwd, depth)


def _writes(an: Analyzer, text: str) -> None:
    """A CMake file that writes files: a script it runs may be one it writes, and CMake code it includes too."""
    text = re.sub(r"(?m)#(?!\[\[).*$", "", text)
    if re.search(r"\b(?:file\s*\(\s*(?:WRITE|APPEND|COPY|CONFIGURE|GENERATE|DOWNLOAD)|configure_file)\b", text, re.I):
        an.unmodelled_writes = True
        if re.search(r"\b(?:include|add_subdirectory|cmake_language)\s*\(", text, re.I):
            an.r.add("dynamic", "a CMake file writes files and includes CMake code: the guard cannot read what "
                                "it includes (a file it wrote)")


# CMake variables that name a program the build runs, or CMake code it reads first
_TOOL_VAR = lazyre.compile(r"\w*(?:_COMPILER_LAUNCHER|_LINKER_LAUNCHER|_COMPILER|_LINKER|_AR|_RANLIB|_CROSSCOMPILING_EMULATOR|"
                       r"_CLANG_TIDY|_CPPCHECK|_CPPLINT|_INCLUDE_WHAT_YOU_USE)")
_CODE_VAR = lazyre.compile(r"CMAKE_TOOLCHAIN_FILE|CMAKE_PROJECT_\w*INCLUDE\w*|CMAKE_USER_MAKE_RULES_OVERRIDE\w*|"
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
                path = an.paths.resolve(val, cwd)
                _writes(an, text)
                cmakelang.Walk(an, posixpath.dirname(path), cwd, cwd, depth, {}).file(path, text, None, None)
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
