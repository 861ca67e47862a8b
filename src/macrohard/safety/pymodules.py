"""The workspace modules Python code loads: ``import helpers``, ``runpy.run_path``, ``python3 -m NAME``.

``safety.pycode`` finds the imports; this module finds the workspace file each one loads (beside the script, the
working directory, the run's ``PYTHONPATH`` folders, the workspace) and judges it as Python, in turn. A compiled
extension module of the workspace is native code the guard cannot read (``safety.pystart``): asked about.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, pystart
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_MODULES = 24  # workspace modules read for one command (each at most scripts.MAX_SCRIPT bytes)


def module(an: Analyzer, prog: str, name: str, depth: int, cwd: str | None, where: str | None, seen: set[str],
            relative: int, path: bool = False, top: str | None = None) -> None:
    """Read the workspace file an import (or runpy) loads, if there is one, and judge it as Python."""
    # where the import looks (the script's directory), and, over-approximating sys.path changes the code
    # may make (`sys.path.insert(0, '.')`), the working directory and the workspace itself; and the home's user site
    from macrohard.safety import homefiles

    bases = list(dict.fromkeys(an.paths.resolve(b, None) for b in (*an.py_dirs, where, cwd, *an.paths.workspaces[:1],
                                                                   *homefiles.import_folders(an)) if b))
    here = an.paths.resolve(cwd or ".", None)
    if ("$" in here or "`" in here) and not relative and (where is None or an.paths.resolve(where, None) == here):
        # guard39: `cd $d && python3 -c 'import zq'` (`-m zq`): Python looks in that folder first, the guard in a
        # folder of that name
        an.r.add("dynamic", f"{prog} imports {name[:40]} from a folder only known when the command runs (cd -, "
                            "cd \"$x\", popd), which Python searches first; cd to the folder by its name")
        return
    if relative:  # `from . import x`: the module's own package, or one above it
        bases = [an.paths.resolve(where or cwd or an.paths.workspaces[0], None)]
        for _ in range(relative - 1):
            bases = [posixpath.dirname(bases[0])]
    candidates = []
    for base in bases:
        if path:
            candidates.append(an.paths.resolve(name, cwd))
            break
        parts = [p for p in name.split(".") if p]
        for n in range(len(parts), 0, -1):  # `import a.b.c` runs a/__init__.py, a/b/__init__.py, a/b/c.py
            stem = posixpath.join(base, *parts[:n])
            candidates += [stem + ".py", posixpath.join(stem, "__init__.py")]
            if (native := pystart.native(an, stem)) is not None:
                an.r.add("dynamic", f"{prog} code imports {native}, compiled code of the workspace the guard cannot read; "
                                    "write the command or code out literally")
    for file in candidates:
        if file in seen or not any(file.startswith(w + "/") for w in an.paths.workspaces):
            continue
        if not os.path.isfile(file) or os.path.islink(file) and _special(file):
            if path and an.in_job and not os.path.lexists(file):  # `runpy.run_path('w.py')` once a later step makes it
                from macrohard.safety import scripts

                scripts.job(an, posixpath.relpath(file, an.paths.resolve(cwd or ".", None)), exists=False)
            if os.path.islink(file) or os.path.exists(file) and not os.path.isdir(file):
                # guard21: json.py a link to /dev/stdin (the import read the command's input), a pipe, a socket
                an.r.add("dynamic", f"{prog} code imports {posixpath.basename(file)}, which is not a plain file of the "
                                    "workspace (a pipe, a device, or a link to one or outside it): what it holds is "
                                    "only known when it runs")
            continue
        seen.add(file)
        if (cached := unchecked_pyc(file, an.__dict__.get("top_line", ""))) is not None:
            an.r.add("dynamic", f"{prog} code imports {posixpath.basename(file)} from {cached}, bytecode Python runs "
                                "without checking it against the source the guard reads; delete the __pycache__ file")
        if len(seen) > MAX_MODULES:
            an.r.add("dynamic", f"{prog} code imports more than {MAX_MODULES} workspace modules, too many to review")
            return
        from macrohard.safety import scripts

        text = scripts.read_script(an, file, None, explicit=True)
        if text is not None:
            an.code(prog, text, depth, cwd, where=top or where, seen=seen, here=posixpath.dirname(file))


def run_module(an: Analyzer, prog: str, name: str, depth: int, cwd: str | None) -> None:
    """``python3 -m NAME`` runs the workspace's ``NAME.py`` or ``NAME/__main__.py`` when the directory has one."""
    if name == "pdb":
        pystart.pdbrc(an, prog, depth, cwd)
    module(an, prog, name, depth, cwd, cwd, set(), relative=0)
    module(an, prog, name + ".__main__", depth, cwd, cwd, set(), relative=0)


def _special(path: str) -> bool:
    """Whether a link leads to a device, a process's file (``/dev/stdin``, ``/proc/self/fd/0``) or a pipe."""
    try:
        target = os.path.realpath(path)
    except OSError:
        return True
    return target.startswith(("/dev/", "/proc/")) or not os.path.isfile(target)


def unchecked_pyc(source: str, line: str = "") -> str | None:
    """The ``__pycache__`` file of ``source`` that Python loads without looking at the source, if there is one: a
    hash-based pyc with its check flag off (guard21: ``compileall --invalidation-mode unchecked-hash`` of a module,
    then the source rewritten harmless, and the import ran the old code; also one copied from another module)."""
    folder, name = posixpath.split(source)
    try:
        names = [n for n in os.listdir(posixpath.join(folder, "__pycache__")) if n.startswith(name[:-3] + ".")
                 and n.endswith(".pyc") and (n.count(".") == 2 or re.search(r"\.opt-[12]\.pyc$", n))]
    except OSError:
        return None
    for n in names[:8]:
        path = posixpath.join(folder, "__pycache__", n)
        try:
            with open_regular(path, "rb") as fh:
                head = fh.read(8)
        except OSError:
            continue
        flags = int.from_bytes(head[4:8], "little") if len(head) == 8 else 0
        if flags & 1 and not flags & 2:
            return f"__pycache__/{n}"
        if not flags & 1 and _stale_timestamp_pyc(source, path, head, line,
                                                  int(n[-5]) if re.search(r"\.opt-[12]\.pyc$", n) else 0):
            return f"__pycache__/{n}"
    return None


# a line that may set a file's modification time before Python reads the pyc (`touch -d 2020-01-01 m.py; python3 -c
# 'import m'`), so a recorded time that differs now may match then
_SETS_TIMES = lazyre.compile(r"\btouch\b|utime|\bcp\b[^;&|]*\s-[a-zA-Z]*[pa]|--preserve|\brsync\b|\btar\b|\bunzip\b|"
                         r"\bcpio\b|\b7za?\b|\bpatch\b|\bgit\b|\bmv\b|\bln\b")


def _stale_timestamp_pyc(source: str, path: str, head: bytes, line: str = "", optimize: int = 0) -> bool:
    """guard38: a timestamp pyc Python takes for ``source`` (its recorded mtime and size are the source's) that is not
    the source compiled: `python3 -m compileall` of a harmful m.py, m.py rewritten harmless with the same size and
    `touch -d` back to the old time, and `import m` ran the old code. Compiled here (the guard's Python, if it is the
    sandbox's version: same magic number) under the file names Python records (the path as given, any tail of the
    absolute path) and compared byte for byte; a pyc of another Python version is not judged."""
    import importlib.util
    import marshal

    if head[:4] != importlib.util.MAGIC_NUMBER:
        return False
    try:
        st = os.stat(source)
        with open_regular(path, "rb") as fh:
            data = fh.read(4_000_000)
        with open_regular(source, "rb") as fh:
            text = fh.read(4_000_000)
    except OSError:
        return False
    if len(data) < 16 or data[12:16] != (st.st_size & 0xFFFFFFFF).to_bytes(4, "little") or \
            data[8:12] != (int(st.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little") and not _SETS_TIMES.search(line):
        return False  # Python compiles the source again: what runs is what the guard reads
    parts = source.split("/")
    names = ["/".join(parts[i:]) for i in range(len(parts) - 1, -1, -1)][:12]
    names += ["./" + n for n in names[:3]]
    for name in names:
        try:
            code = compile(text, name or "/", "exec", dont_inherit=True, optimize=optimize)
        except (SyntaxError, ValueError):
            return True  # the source does not compile, yet a pyc of it exists: it is not this source's
        if marshal.dumps(code) == data[16:]:
            return False
    return True


# code that changes where its imports look: `sys.path.insert(0, "lib")`, `.append`, `.extend`, `sys.path[:0] = …`,
# `sys.path += …`, `site.addsitedir(…)`, and zipimport (guard27: `sys.path.insert(0, "lib"); import m` loaded lib/m.py
# unread, and a zip on sys.path ran the module it held)
_SYS_PATH = lazyre.compile(r"\bsys\s*\.\s*path\s*(?:\.\s*(?:insert|append|extend)\s*\(|\[[^\]]*\]\s*=|\+=)|"
                       r"\bsite\s*\.\s*addsitedir\s*\(|\bzipimport\b")
_PATH_ARG = lazyre.compile(r"""\s*(?:-?\d+\s*,\s*)?(?:\[\s*)?(['"])([^'"\\]*)\1\s*(?:\]\s*)?(?:\)|$|[;\n])""")
_HERE = lazyre.compile(r"""\s*(?:-?\d+\s*,\s*)?(?:os\.path\.(?:dirname|abspath|realpath)\(\s*)+(?:__file__|['"]\.?/?['"]|os\.getcwd\(\))\s*\)+"""
                   r"""|\s*(?:-?\d+\s*,\s*)?(?:os\.getcwd\(\)|['"]\.?/?['"])\s*\)""")
_ARCHIVE = lazyre.compile(r"\.(?:zip|egg|whl|pyz)/?$", re.I)


def sys_path(an: Analyzer, prog: str, code: str, cwd: str | None) -> list[str]:
    """The folders ``code`` puts on ``sys.path`` that the guard can name (a literal folder): imports are read there
    too. One named from the script's own place or the working directory (``__file__``, ``os.getcwd()``) is left as
    before (imports already look beside the script, in the working directory and the workspace). Any other (a
    computed path, an archive, zipimport, ``site.addsitedir``) is asked about."""
    out: list[str] = []
    for m in _SYS_PATH.finditer(code):
        rest = code[m.end():m.end() + 400]
        if "zipimport" in m.group(0):
            an.r.add("dynamic", f"{prog} code imports from an archive (zipimport), code the guard cannot read")
            continue
        if "addsitedir" in m.group(0):
            an.r.add("dynamic", f"{prog} code adds a site folder (site.addsitedir), whose .pth files run code at once")
            continue
        arg = re.match(r"[^;\n]*", rest).group(0)
        if _HERE.match(rest) or "__file__" in arg or "getcwd" in arg:
            continue  # a folder named from the script's own place (`Path(__file__).parent / 'src'`): as before
        lit = _PATH_ARG.match(rest) if not m.group(0).rstrip().endswith("=") else \
            re.match(r"""\s*\[\s*(['"])([^'"\\]*)\1\s*\]""", rest)
        if lit is None or not lit.group(2) or _ARCHIVE.search(lit.group(2)):
            an.r.add("dynamic", f"{prog} code puts a folder or archive the guard cannot read on sys.path "
                                f"({(code[m.start():m.end()] + rest)[:60]!r}); set PYTHONPATH to a folder instead")
            continue
        out.append(an.paths.resolve(lit.group(2), cwd))
    return out
