"""The install scripts of the packages an install brings in: read, or asked about.

``npm install`` runs the ``preinstall``/``install``/``postinstall`` scripts of every dependency, not only the
project's own (``safety.projects``): a ``file:./dep`` folder, a tarball ``./dep.tgz``, an operand
``npm install ./dep``, a package already in ``node_modules`` (``npm rebuild``). Those are in the workspace: their
``package.json`` is read and each script judged as a command line run in the package's folder; a tarball is read
with ``tarfile`` (a script in an archive refers to files the guard cannot read before it is unpacked: asked about).
A registry package the lockfile marks ``hasInstallScript`` and that is not unpacked in ``node_modules`` yet runs
scripts the guard cannot read: asked about (``--ignore-scripts`` installs it without them). A registry package
with no such mark is left to the sandbox and the network policy.

``pip install -r req.txt``, ``pip install dep-1.tar.gz`` and ``file:`` URLs build local sources the same way
``pip install ./dep`` does: the requirement file's local lines are followed, an sdist's ``setup.py`` is read from
the archive and judged as Python, an in-tree build backend is asked about.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import re
import tarfile
import zipfile
from typing import TYPE_CHECKING

from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

NPM_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepare")
_DEP_KEYS = ("dependencies", "devDependencies", "optionalDependencies")
_ARCHIVE = (".tgz", ".tar.gz", ".tar", ".tar.bz2", ".tar.xz", ".zip")
MAX_DEPS = 64


def _read_json(path: str) -> dict | None:
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _in_workspace(an: Analyzer, path: str) -> bool:
    return any(path == w or path.startswith(w + "/") for w in an.paths.workspaces)


def npm(an: Analyzer, prog: str, root: str, sub: str, operands: list[str], args: list[str], depth: int,
        cwd: str | None = None) -> None:
    """The dependencies ``npm install``/``ci``/``rebuild`` (yarn, pnpm) will run install scripts of. ``cwd``: where
    the command runs, when ``--prefix`` names another root (guard41: ``npm install -g --prefix ~/.local ./pkg`` takes
    ./pkg from where it runs; the guard looked for ~/.local/pkg and read nothing)."""
    if "--ignore-scripts" in args:
        return
    meta = _read_json(posixpath.join(root, "package.json")) or {}
    specs: list[tuple[str, str]] = []
    for key in _DEP_KEYS:
        deps = meta.get(key)
        if isinstance(deps, dict):
            specs += [(str(n), str(v)) for n, v in deps.items()]
    specs += [("", o) for o in operands[1:] if not o.startswith("-")]
    lock = _read_json(posixpath.join(root, "package-lock.json")) or {}
    packages = lock.get("packages") if isinstance(lock.get("packages"), dict) else {}
    seen: set[str] = set()
    for name, spec in specs[:MAX_DEPS]:
        local = _local(spec)
        if local is not None:
            for base in dict.fromkeys((root, *([cwd] if cwd and not name else []))):
                _npm_local(an, prog, an.paths.resolve(local, base), depth, seen)
            continue
        installed = posixpath.join(root, "node_modules", name) if name else None
        if installed and os.path.isfile(posixpath.join(installed, "package.json")):
            _npm_local(an, prog, installed, depth, seen)
        elif name and isinstance(packages.get(f"node_modules/{name}"), dict) and \
                packages[f"node_modules/{name}"].get("hasInstallScript"):
            an.r.add("dynamic", f"{prog} {sub} runs the install scripts of the registry package {name} (the lockfile "
                                "says it has some), which the guard cannot read; add --ignore-scripts")


def _local(spec: str) -> str | None:
    """The path a dependency spec names in the file system (``file:``, ``link:``, ``./x``, ``/x``, ``x.tgz``)."""
    for prefix in ("file:", "link:", "portal:"):
        if spec.startswith(prefix):
            return spec[len(prefix):] or "."
    if spec.startswith(("./", "../", "/", "~/")) or spec in (".", "..") or spec.endswith(_ARCHIVE) and "://" not in spec:
        return spec
    return None


def _npm_local(an: Analyzer, prog: str, path: str, depth: int, seen: set[str]) -> None:
    if path in seen or len(seen) > MAX_DEPS:
        return
    seen.add(path)
    if path.endswith(_ARCHIVE) and os.path.isfile(path):
        meta = _archive_json(path)
        if meta is None:
            an.r.add("dynamic", f"{prog} installs {posixpath.basename(path)}, an archive whose package.json the guard "
                                "cannot read")
            return
        _npm_bins(an, prog, path, meta)
        scripts = meta.get("scripts") if isinstance(meta.get("scripts"), dict) else {}
        if any(isinstance(scripts.get(n), str) and scripts[n].strip() for n in NPM_INSTALL_SCRIPTS):
            an.r.add("dynamic", f"{prog} installs {posixpath.basename(path)}, whose install scripts run files inside the "
                                "archive; unpack it and install the folder, or add --ignore-scripts")
        return
    meta = _read_json(posixpath.join(path, "package.json"))
    if meta is None or not _in_workspace(an, path):
        return
    _npm_bins(an, prog, path, meta)
    scripts = meta.get("scripts") if isinstance(meta.get("scripts"), dict) else {}
    for name in NPM_INSTALL_SCRIPTS:
        line = scripts.get(name)
        if isinstance(line, str) and line.strip():
            an.line(line, depth + 1, path)
    for key in _DEP_KEYS:  # a local package's own local dependencies
        deps = meta.get(key)
        if isinstance(deps, dict):
            for spec in list(deps.values())[:MAX_DEPS]:
                if isinstance(spec, str) and (local := _local(spec)) is not None:
                    _npm_local(an, prog, an.paths.resolve(local, path), depth, seen)


def _npm_bins(an: Analyzer, prog: str, path: str, meta: dict) -> None:
    """guard40: a package's commands (``bin``) named like the system's: linked into ``node_modules/.bin`` (first on
    the PATH of every npm script after) or, with ``-g``/``--prefix ~/.local``, into a bin folder of the home."""
    bins = meta.get("bin")
    names = list(bins)[:64] if isinstance(bins, dict) else [str(meta.get("name", "")).split("/")[-1]] \
        if isinstance(bins, str) else []
    for command in names:
        if isinstance(command, str) and command and shadows(command):
            an.r.add("persistence", f"{prog} installs {posixpath.basename(path)}, whose command {command[:30]} would run "
                                    f"in place of the system's {command[:30]} wherever its bin folder is on PATH")
            return


def _archive_json(path: str) -> dict | None:
    try:
        with tarfile.open(path) as tar:
            for member in tar.getmembers()[:2000]:
                if member.isfile() and member.name.count("/") == 1 and member.name.endswith("/package.json"):
                    fh = tar.extractfile(member)
                    data = json.loads(fh.read(1_000_000)) if fh else None
                    return data if isinstance(data, dict) else None
    except (OSError, tarfile.TarError, ValueError):
        return None
    return {}


def pip(an: Analyzer, prog: str, cwd: str, operands: list[str], args: list[str], depth: int,
        build_dir) -> None:  # noqa: ANN001  (projects._setup)
    """Local sources ``pip install`` builds beyond ``./dir``: requirement files, ``file:`` URLs, sdist archives."""
    targets = list(operands)
    for flag, value in zip(args, args[1:], strict=False):
        if flag in ("-r", "--requirement", "-c", "--constraint"):
            targets += _requirements(an, an.paths.resolve(value, cwd), set())
    for a in args:
        if a.startswith(("--requirement=", "-r")) and len(a) > 2 and not a.startswith("-r="):
            value = a.split("=", 1)[1] if "=" in a else a[2:]
            targets += _requirements(an, an.paths.resolve(value, cwd), set())
    for target in targets:
        target = target.split("#", 1)[0].strip()
        if " @ " in target or "@file:" in target.replace(" ", ""):  # `NAME @ file://$PWD/d` (guard20: built unread)
            target = re.split(r"\s*@\s*", target, maxsplit=1)[1]
        target = re.sub(r"\$\{?PWD\}?", cwd, target)
        if target.startswith("file:"):
            target = re.sub(r"^file:(//)?", "", target)
            if not target.startswith((".", "/")):
                target = "./" + target
        path = an.paths.resolve(target.split("[")[0], cwd)
        if os.path.isdir(path) and (target.startswith((".", "/")) or "/" in target):
            build_dir(an, prog, path, depth)
        elif path.endswith(_ARCHIVE) and os.path.isfile(path):
            _sdist(an, prog, path, depth)
        elif path.endswith(".whl") and os.path.isfile(path) and path not in an.written:
            _wheel(an, prog, path)
        elif path.endswith((".whl", *_ARCHIVE)) and path in an.written:  # made on this line: not readable now
            an.r.add("dynamic", f"{prog} installs {posixpath.basename(path)}, which this command writes first; write "
                                "it in one step and install it in the next")
    for folder in _find_links(an, cwd, args, targets):  # archives pip may pick from a local folder (guard20)
        for name in sorted(os.listdir(folder))[:64]:
            if name.endswith(".whl"):
                _wheel(an, prog, posixpath.join(folder, name))
            elif name.endswith(_ARCHIVE):
                _sdist(an, prog, posixpath.join(folder, name), depth)


def _find_links(an: Analyzer, cwd: str, args: list[str], targets: list[str]) -> list[str]:
    """Workspace folders ``--find-links``/``-f`` names (on the line or in a requirements file)."""
    values = [v for a, v in zip(args, args[1:], strict=False) if a in ("-f", "--find-links")]
    values += [a.split("=", 1)[1] for a in args if a.startswith("--find-links=")]
    values += [a[2:] for a in args if a.startswith("-f") and len(a) > 2 and not a.startswith("--")]
    values += [t.split(None, 1)[1] for t in targets if t.startswith(("-f ", "--find-links "))]
    # a file: index (`--index-url file://$PWD/idx`, `-i`, `--extra-index-url`, on the line or in a requirements file):
    # pip reads its project folders as it reads find-links (guard21: an sdist there was built unread)
    indexes = [v for a, v in zip(args, args[1:], strict=False) if a in _INDEX_OPTIONS]
    indexes += [a.split("=", 1)[1] for a in args if a.startswith(("--index-url=", "--extra-index-url=", "-i="))]
    indexes += [a[2:] for a in args if a.startswith("-i") and len(a) > 2 and not a.startswith("-i=")]
    indexes += [t.split(None, 1)[1] for t in targets if t.split(None, 1)[0] in _INDEX_OPTIONS and " " in t]
    out: list[str] = []
    for v in [*values, *[i for i in indexes if i.strip().startswith("file:")]]:
        index = v in indexes
        v = re.sub(r"^file:(//)?", "", re.sub(r"\$\{?PWD\}?", cwd, v.strip()))
        path = an.paths.resolve(v, cwd)
        if os.path.isdir(path) and an.paths.inside(path) and path not in out:
            out.append(path)
            if index:  # an index: its projects' folders hold the archives
                out += sorted(posixpath.join(path, d) for d in os.listdir(path)[:256]
                              if os.path.isdir(posixpath.join(path, d)))[:64]
    return out


_INDEX_OPTIONS = frozenset({"-i", "--index-url", "--extra-index-url"})


def _wheel(an: Analyzer, prog: str, path: str) -> None:
    """A wheel installs its files as they are: a ``.pth`` at its top or a site/usercustomize module runs at every
    Python start after (guard20: `pip install --user ./x.whl` carrying x.pth ran it at the next `python3`)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()[:5000]
            entry = next((z.open(n).read(100_000).decode(errors="replace") for n in names
                          if re.fullmatch(r"[^/]+\.dist-info/entry_points\.txt", n)), "")
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError):
        an.r.add("dynamic", f"{prog} installs {posixpath.basename(path)}, a wheel the guard cannot read")
        return
    for name in names:
        if re.fullmatch(r"(?:[^/]+\.data/(?:purelib|platlib)/)?(?:[^/]+\.pth|(?:site|user)customize\.py)", name):
            an.r.add("persistence", f"{prog} installs {posixpath.basename(path)}, whose {name} every later Python "
                                    "start runs")
            return
    # guard40: a command the wheel installs (a console script, a script of its .data) named like one the system has:
    # in ~/.local/bin (--user) or an environment's bin it runs in place of the system's wherever that is on PATH
    section, commands = "", [posixpath.basename(n) for n in names if re.fullmatch(r"[^/]+\.data/scripts/[^/]+", n)]
    for line in entry.splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[] ")
        elif section in ("console_scripts", "gui_scripts") and "=" in line:
            commands.append(line.split("=", 1)[0].strip())
    for command in commands:
        if shadows(command):
            an.r.add("persistence", f"{prog} installs {posixpath.basename(path)}, whose command {command[:30]} would "
                                    f"run in place of the system's {command[:30]} wherever its folder is on PATH")
            return


def shadows(command: str) -> bool:
    """Whether ``command`` names a shell builtin or a program of the system's PATH."""
    import shutil

    from macrohard.safety.lookup import BUILTINS

    return command in BUILTINS or shutil.which(command, path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                                                              "/sbin:/bin") is not None


def _requirements(an: Analyzer, path: str, seen: set[str]) -> list[str]:
    """The local targets a requirements file names (and the files it includes)."""
    if path in seen or len(seen) > 16:
        return []
    seen.add(path)
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read(200_000).splitlines()
    except OSError:
        return []
    out: list[str] = []
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        words = line.split()
        if not words:
            continue
        if words[0] in ("-f", "--find-links") and len(words) > 1:
            out.append(f"-f {an.paths.resolve(words[1], posixpath.dirname(path))}")
        elif words[0] in _INDEX_OPTIONS and len(words) > 1:
            out.append(f"{words[0]} {words[1]}")
        elif words[0] in ("-r", "--requirement", "-c", "--constraint") and len(words) > 1:
            out += _requirements(an, an.paths.resolve(words[1], posixpath.dirname(path)), seen)
        elif words[0] in ("-e", "--editable") and len(words) > 1:
            out.append(words[1])
        elif not words[0].startswith("-"):
            out.append(words[0])
        if words[0] in ("-e", "--editable") and len(words) > 1 or not words[0].startswith("-"):
            local = words[-1] if words[0].startswith("-") else words[0]
            if local.startswith("."):  # read relative to the file as well as to the working folder (guard24)
                out.append(an.paths.resolve(local, posixpath.dirname(path)))
    return out


def _sdist(an: Analyzer, prog: str, path: str, depth: int) -> None:
    """An sdist archive: pip runs its setup.py (or its build backend) as it builds it."""
    setup, backend = _archive_member(path, "setup.py"), _archive_member(path, "pyproject.toml")
    if setup is None and backend is None:
        an.r.add("dynamic", f"{prog} builds {posixpath.basename(path)}, an archive the guard cannot read")
        return
    if setup:
        an.code("python3", setup, depth, posixpath.dirname(path))
    if backend and re.search(r"^\s*backend-path\s*=", backend, re.M):
        an.r.add("dynamic", f"{prog} builds {posixpath.basename(path)} with a build backend from the archive itself")


def _archive_member(path: str, name: str) -> str | None:
    """The text of ``TOP/name`` in an archive ("" when absent), None when it cannot be read."""
    try:
        if path.endswith(".zip"):
            with zipfile.ZipFile(path) as z:
                names = [n for n in z.namelist() if n.count("/") == 1 and n.endswith("/" + name)]
                return z.read(names[0])[:1_000_000].decode(errors="replace") if names else ""
        with tarfile.open(path) as tar:
            for member in tar.getmembers()[:5000]:
                if member.isfile() and member.name.count("/") == 1 and member.name.endswith("/" + name):
                    fh = tar.extractfile(member)
                    return io.TextIOWrapper(fh, errors="replace").read(1_000_000) if fh else ""
    except (OSError, tarfile.TarError, zipfile.BadZipFile, KeyError):
        return None
    return ""
