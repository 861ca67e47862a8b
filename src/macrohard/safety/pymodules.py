"""The workspace modules Python code loads: ``import helpers``, ``runpy.run_path``, ``python3 -m NAME``.

``safety.pycode`` finds the imports; this module finds the workspace file each one loads (beside the script, the
working directory, the run's ``PYTHONPATH`` folders, the workspace) and judges it as Python, in turn. A compiled
extension module of the workspace is native code the guard cannot read (``safety.pystart``): asked about.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING

from macrohard.safety import pystart

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_MODULES = 24  # workspace modules read for one command (each at most scripts.MAX_SCRIPT bytes)


def module(an: Analyzer, prog: str, name: str, depth: int, cwd: str | None, where: str | None, seen: set[str],
            relative: int, path: bool = False, top: str | None = None) -> None:
    """Read the workspace file an import (or runpy) loads, if there is one, and judge it as Python."""
    # where the import looks (the script's directory), and, over-approximating sys.path changes the code
    # may make (`sys.path.insert(0, '.')`), the working directory and the workspace itself
    bases = list(dict.fromkeys(an.paths.resolve(b, None) for b in (*an.py_dirs, where, cwd, *an.paths.workspaces[:1])
                               if b))
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
        if not os.path.isfile(file):
            continue
        seen.add(file)
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
