"""Java and the other JVM languages: ``javac E.java && java E``, ``java E.java``, ``mvn test``, ``gradle run``.

None of these were read: a class whose ``main`` calls ``Runtime.getRuntime().exec(…)`` ran its command at
``java E`` (or ``java E.java``, which compiles and runs in one), and a build file runs what it says at ``mvn``
(an exec or antrun plugin), ``gradle`` (``exec { commandLine … }``, a Groovy string's ``.execute()``) or ``ant``
(``<exec>``). Like Rust and Go (``safety.buildsrc``), what runs is read as text before it starts: the sources and
build files of the project (the folder of the nearest ``pom.xml``, ``build.gradle``, ``settings.gradle`` or
``build.xml``, else the current one; up to ``MAX_FILES``), comments too, for what starts programs, loads native
code or reaches classes by name at run time (reflection, class loaders, script engines). Compiled classes and jars
that the run wrote (``safety.native.placed_before_run``) are read too: a class file names the classes and methods
it calls in its constant pool, as plain text. A find is asked about. Dependencies a build fetches come from a
registry, which the sandbox's network policy governs; those already in the workspace before the run are the
user's.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, native

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

PROGRAMS = frozenset({"java", "javac", "mvn", "mvnw", "gradle", "gradlew", "ant", "jshell", "kotlin", "kotlinc",
                      "groovy", "groovyc", "scala", "scalac", "jbang", "sbt"})
_SOURCES = (".java", ".kt", ".kts", ".groovy", ".gradle", ".scala", ".sc", ".jsh", ".sbt")
_BUILD_FILES = ("pom.xml", "build.xml", "build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts",
                "build.sbt")
_CODE_RISK = (r"\bRuntime\s*\.\s*getRuntime\b|\bProcessBuilder\b|\bProcessHandle\b|\bSystem\s*\.\s*load(?:Library)?\b|"
              r"\bClass\s*\.\s*forName\b|\bgetDeclaredMethods?\b|\bgetMethod\s*\(\s*\"|\.\s*invoke\s*\(|"
              r"\bMethodHandles\b|\bURLClassLoader\b|\bnew\s+\w*ClassLoader\b|\bdefineClass\b|\bScriptEngine|"
              r"\bUnsafe\b|\bnative\s+[\w<>\[\]]+\s+\w+\s*\(|\bjava\.lang\.reflect\b|\bsys\s*\.\s*process\b")
_SOURCE_RISK = lazyre.compile(_CODE_RISK)
# build files run commands of their own: gradle's exec blocks, Groovy's "…".execute(), maven's exec and antrun
# plugins, ant's <exec>
_BUILD_RISK = lazyre.compile(_CODE_RISK + r"|\.\s*execute\s*\(\s*\)|\bexec\s*\{|\bcommandLine\b|\bjavaexec\b|"
                         r"\b(?:project|providers|ant)\s*\.\s*exec\b|exec-maven-plugin|maven-antrun-plugin|"
                         r"groovy-maven-plugin|gmaven|<\s*(?:exec|apply|script|shellscript|executable)\b")


def _names(*names: bytes) -> re.Pattern[bytes]:
    """Entries of a class file's constant pool (tag 1, a two-byte length, the name), exactly these names."""
    return re.compile(b"|".join(re.escape(b"\x01" + len(n).to_bytes(2, "big") + n) for n in names))


# what a compiled class calls that starts programs, loads code or reaches methods by name at run time
_CLASS_RISK = _names(b"java/lang/Runtime", b"java/lang/ProcessBuilder", b"java/lang/ProcessHandle",
                     b"java/lang/reflect/Method", b"java/net/URLClassLoader", b"javax/script/ScriptEngineManager",
                     b"sun/misc/Unsafe", b"jdk/internal/misc/Unsafe", b"forName", b"loadLibrary", b"defineClass",
                     b"getDeclaredMethod", b"getDeclaredMethods", b"getMethod", b"getMethods", b"loadClass",
                     b"findVirtual", b"findStatic", b"findSpecial", b"unreflect", b"java/beans/Statement",
                     b"java/beans/Expression")
_SYSTEM_LOAD = (_names(b"java/lang/System"), _names(b"load"))  # System.load("/…/lib.so"): native code
_PATH_OPTIONS = ("-cp", "-classpath", "--class-path", "-jar", "-p", "--module-path", "--upgrade-module-path",
                 "-processorpath", "--processor-path", "--processor-module-path")  # javac runs annotation processors
_UNICODE_ESCAPE = lazyre.compile(r"\\u+([0-9a-fA-F]{4})")
MAX_FILES = 200
MAX_ARCHIVE = 8_000_000  # bytes of a jar the guard reads


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """A JVM tool started on the line: the project's sources and build files, and what ``java`` loads."""
    cwd = an.paths.resolve(cmd.cwd or ".", None)
    if "--version" in args or "-version" in args or "-h" in args or "--help" in args:
        return
    if prog == "java" and any(a.startswith("@") for a in args):
        native.flag(an, "java takes options from a file (@argfile): agents or a class path the guard does not see")
    root = _root(cwd)
    files = _files(an, root, lambda p: p.endswith(_SOURCES) or posixpath.basename(p) in _BUILD_FILES)
    if files is None:
        native.flag(an, f"{prog} runs a project with more than {MAX_FILES} sources here, too many to review")
        return
    files += [p for a in args if a.endswith(_SOURCES) and (p := an.paths.resolve(a, cwd)) not in files]
    for path in files:
        if path in an.written and an.written[path] is None:
            native.flag(an, f"{prog} reads {posixpath.basename(path)}, which this line writes first with text the "
                            "guard cannot read")
            return
        text = an.written.get(path) or (native.read(path) or b"").decode(errors="replace")
        text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)  # javac reads \u0052untime as Runtime
        build = path.endswith((".gradle", ".kts", ".groovy", ".xml", ".sbt"))
        if m := (_BUILD_RISK if build else _SOURCE_RISK).search(text):
            native.flag(an, f"{prog} runs {posixpath.basename(path)}, which can start programs, load native code or "
                            f"reach classes by name ({m.group(0)[:30]}); the guard does not follow that")
            return
    if prog not in ("mvn", "mvnw", "gradle", "gradlew", "ant", "sbt"):  # builds fetch their plugins from a registry
        _compiled(an, prog, args, cwd, root)


def _root(cwd: str) -> str:
    """The folder of the nearest build file at or above ``cwd``, else ``cwd``."""
    folder = cwd
    while folder not in ("/", ""):
        if any(os.path.isfile(posixpath.join(folder, f)) for f in _BUILD_FILES):
            return folder
        folder = posixpath.dirname(folder)
    return cwd


def _files(an: Analyzer, top: str, match) -> list[str] | None:
    from macrohard.safety.projects import _walk

    return _walk(an, top, match)


def _compiled(an: Analyzer, prog: str, args: list[str], cwd: str, root: str) -> None:
    """The classes and jars ``java`` may load: its ``-cp``/``-jar`` operands and the class files of the project."""
    if an.unknown_writes or an.unmodelled_writes:  # `unzip e.zip && java E`: classes the guard cannot name
        native.flag(an, f"{prog} may load classes that code earlier on the line writes ({an.rewriter}); write them "
                        "in one step and run them in the next")
    for path in [p for p in an.written if p.endswith((".class", ".jar"))]:
        _binary(an, prog, path)  # `cp x.bin E.class && java E`: not on disk yet, so no walk finds it
    paths: list[str] = []
    for i, a in enumerate(args):
        name, eq, value = a.partition("=")
        if name in _PATH_OPTIONS and (eq or i + 1 < len(args)):
            paths += [an.paths.resolve(p, cwd) for p in (value if eq else args[i + 1]).split(":") if p and p != "."]
        elif a.startswith(("-javaagent:", "-agentpath:")):  # loaded before main, and a native agent is machine code
            paths.append(an.paths.resolve(a.split(":", 1)[1].split("=", 1)[0], cwd))
            if a.startswith("-agentpath:"):
                native.flag(an, f"{prog} loads the native agent {a[11:50]}")
    for path in paths:
        if not any(path == w or path.startswith(w + "/") for w in an.paths.workspaces):
            if path.startswith(("/usr/", "/opt/", "/etc/")):
                continue  # the system's own libraries
            native.flag(an, f"{prog} loads {path[:40]}, outside the workspace where the guard cannot read it")
            return
        if path.endswith("*"):
            path = posixpath.dirname(path)
        if os.path.isdir(path):
            more = _files(an, path, lambda p: p.endswith((".class", ".jar")))
            if more is None:
                native.flag(an, f"{prog} loads classes from {posixpath.basename(path)}, too many to review")
                return
            paths += [p for p in more if p not in paths]
        elif path in an.written or os.path.isfile(path):
            _binary(an, prog, path)
    for path in _files(an, root, lambda p: p.endswith(".class")) or []:
        _binary(an, prog, path)


def _binary(an: Analyzer, prog: str, path: str) -> None:
    """One class file or jar: judged by the names it calls, unless it was in the workspace before the run."""
    shown = posixpath.basename(path)
    if path in an.written:
        native.flag(an, f"{prog} loads {shown}, which this line writes first")
        return
    if native.placed_before_run(an, path) or not path.endswith((".class", ".jar")):
        return
    data = native.read(path) or b""
    if path.endswith(".jar"):
        if len(data) > MAX_ARCHIVE:
            native.flag(an, f"{prog} loads {shown}, a jar larger than {MAX_ARCHIVE // 1_000_000} MB the run wrote")
            return
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as jar:
                names = [n for n in jar.namelist() if n.endswith(".class")]
                manifest = jar.read("META-INF/MANIFEST.MF") if "META-INF/MANIFEST.MF" in jar.namelist() else b""
                if len(names) > MAX_FILES or re.search(rb"(?im)^(?:Class-Path|Launcher-Agent-Class):", manifest):
                    native.flag(an, f"{prog} loads {shown}, a jar the run wrote that holds more than {MAX_FILES} "
                                    "classes or loads more from other jars")
                    return
                data = b"".join(jar.read(n) for n in names)
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
            native.flag(an, f"{prog} loads {shown}, a jar the guard cannot read ({exc})")
            return
    if all(p.search(data) for p in _SYSTEM_LOAD):
        native.flag(an, f"{prog} loads {shown}, compiled code the run wrote that loads a native library")
    elif m := _CLASS_RISK.search(data):
        native.flag(an, f"{prog} loads {shown}, compiled code the run wrote that calls "
                        f"{m.group(0)[3:].decode(errors='replace')[:30]}; the guard cannot read it")
