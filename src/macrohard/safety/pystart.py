"""Files Python runs besides the modules an import names: compiled extension modules and ``.pdbrc``.

``python3 -c 'import x'`` loads ``x.cpython-311-x86_64-linux-gnu.so`` when the folder has one and no ``x.py``:
compiled code (a C constructor calling ``system``) that the guard cannot read, so importing it is asked about.
``python3 -m pdb r.py`` first runs the Python lines and commands of ``.pdbrc`` in the working folder: they are
judged as Python (pdb commands that run code only known later, like ``alias``, are asked about).
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer


def native(an: Analyzer, stem: str) -> str | None:
    """A compiled extension module (``x.cpython-311-x86_64-linux-gnu.so``, ``x.so``) the import would load, in a
    workspace folder."""
    folder, base = posixpath.split(stem)
    if not any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
        return None
    listings = an.__dict__.setdefault("_listings", {})
    if folder not in listings:
        try:
            listings[folder] = [n for n in os.listdir(folder) if n.endswith((".so", ".pyd"))]
        except OSError:
            listings[folder] = []
    return next((n for n in listings[folder] if n.split(".")[0] == base), None)


def pdbrc(an: Analyzer, prog: str, depth: int, cwd: str | None) -> None:
    """The lines ``.pdbrc`` in the working folder gives pdb before it runs the program."""
    from macrohard.safety import scripts

    text = scripts.read_script(an, posixpath.join(an.paths.resolve(cwd or ".", None), ".pdbrc"), None, True)
    for line in (text or "").splitlines():
        if line.strip().startswith(("alias", "source", "interact", "debug", "run", "restart")):
            an.r.add("dynamic", f"{prog} .pdbrc runs pdb commands whose code is only known when it runs: {line[:40]}")
        elif line.strip():
            an.code(prog, line.strip().lstrip("!").split(";;")[0], depth, cwd)
