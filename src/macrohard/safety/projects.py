"""Project runners: the workspace code that ``npm test``, ``npx``, ``pytest``, ``pip install .``, ``cmake``,
``ctest`` and ``tox`` run, read and judged before they run it.

Each of these runs code a file of the project names, not the command line: ``package.json``'s scripts (with
their ``pre``/``post`` companions, and the project's own install scripts), ``node_modules/.bin`` programs, a
``conftest.py`` and the test modules pytest imports, ``setup.py``, the ``COMMAND``s of ``CMakeLists.txt``
(``execute_process`` runs at configure time, custom commands and tests later), ``tox.ini``'s ``commands``.
This module reads those files from the workspace (``make`` has its own reader, ``safety.makefile``) and
judges each command as a command line and each Python file as Python (``safety.pycode``). A project too
large to read here (more files than ``MAX_FILES``) is asked about. A file the project does not have runs
nothing. What cannot be read (a ``node_modules`` package's own scripts fetched from a registry, a build
backend's code in the virtualenv) is what the sandbox holds.
"""

from __future__ import annotations

import configparser
import json
import os
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import installs
from macrohard.safety.envvars import NPM_RUNS_LATER
from macrohard.safety.projects_npm import npm_more, npm_root, npm_setting
from macrohard.safety.projects_pytest import collected_names, doctest_files
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAX_FILES = 200  # Python files pytest may import, CMake files, per command
_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", "site-packages", ".tox", ".nox",
                        "dist", ".mypy_cache", ".pytest_cache", ".eggs"})
NODE_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
MODULES = frozenset({"pytest", "unittest", "tox", "build", "pip", "pip3"})
PROGRAMS = NODE_RUNNERS | {"npx", "pnpx", "pytest", "py.test", "pip", "pip3", "cmake", "ctest", "tox", "meson"}
# npm subcommands and the package.json scripts they run, in order
_NPM_RUNS = {"test": ["pretest", "test", "posttest"], "t": ["pretest", "test", "posttest"],
             "tst": ["pretest", "test", "posttest"], "start": ["prestart", "start", "poststart"],
             "stop": ["prestop", "stop", "poststop"], "version": ["preversion", "version", "postversion"],
             # without a restart script, npm runs `npm stop --if-present && npm start` (guard18: stop ran unread)
             "restart": ["prerestart", "restart", "postrestart", "prestop", "stop", "poststop", "prestart", "start",
                         "poststart"]}
# npm 11's commands and aliases (lib/utils/cmd-list.js): npm takes any unique start of one (`npm run-s`, `npm restar`)
_NPM_COMMANDS = ("access adduser approve-scripts audit bugs cache ci completion config dedupe deny-scripts deprecate diff "
                 "dist-tag docs doctor edit exec explain explore find-dupes fund get help help-search init install "
                 "install-ci-test install-scripts install-test link ll login logout ls org outdated owner pack ping pkg "
                 "prefix profile prune publish query rebuild repo restart root run sbom search set shrinkwrap stage star "
                 "stars start stop team test token trust undeprecate uninstall unpublish unstar update version view "
                 "whoami").split()
_NPM_ALIASES = {"add": "install", "unlink": "uninstall", "remove": "uninstall", "rm": "uninstall", "r": "uninstall",
                "un": "uninstall", "rb": "rebuild", "ln": "link", "i": "install", "it": "install-test",
                "cit": "install-ci-test", "u": "update", "up": "update", "tst": "test", "t": "test", "ddp": "dedupe",
                "run-script": "run", "clean-install": "ci", "clean-install-test": "install-ci-test", "x": "exec",
                "ic": "ci", "in": "install", "ins": "install", "inst": "install", "insta": "install", "instal": "install",
                "isnt": "install", "isnta": "install", "isntal": "install", "isntall": "install", "install-clean": "ci",
                "isntall-clean": "ci", "upgrade": "update", "udpate": "update", "rum": "run", "sit": "install-ci-test",
                "urn": "run", "verison": "version", "innit": "init", "create": "init"}


def npm_command(word: str) -> str:
    """The command npm runs for ``word``: camelCase as kebab-case, a command, an alias, or a unique start of one."""
    word = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), word)
    if word in _NPM_COMMANDS or word in _NPM_ALIASES:
        return _NPM_ALIASES.get(word, word)
    found = {w for w in (*_NPM_COMMANDS, *_NPM_ALIASES) if w.startswith(word)} if word else set()
    if len(found) != 1:
        return word  # npm refuses an unknown or ambiguous command
    full = found.pop()
    return _NPM_ALIASES.get(full, full)


_NPM_INSTALL = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"]
_NPM_PACK = ["prepack", "prepare", "postpack", "prepublishOnly", "prepublish", "publish", "postpublish"]


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    if re.fullmatch(r"pip3\.\d+", prog):  # guard24: `pip3.11 install ./sub` ran sub/setup.py unread
        prog = "pip3"
    if prog not in PROGRAMS and prog not in MODULES:
        return
    # the project's files are read as the runner starts, before the commands they name run (safety.rewrites)
    # cmake's commands run at their own times (its tests at `ctest`, not at configure): what they may write is
    # judged inside the runner and does not carry to the rest of the line
    outer, before = an.project_unknown, an.unknown_writes
    an.project_unknown = an.unknown_writes if outer is None else outer
    try:
        _judge(an, prog, args, cmd, depth)
    finally:
        an.project_unknown = outer
        if prog in ("cmake", "ctest"):
            an.unknown_writes = before


def _judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    cwd = an.paths.resolve(cmd.cwd or ".", None)
    operands = [a for a in args if not a.startswith("-")]
    if ("$" in cwd or "`" in cwd) and _reads_folder(prog, args, operands):
        # guard39: `d=$HOME/x` a step before, then `cd $d && python3 -m pytest` (`cd -`, `popd`): the runner read the
        # folder's conftest.py, setup.py, package.json or CMakeLists.txt, the guard a folder of that name: none
        an.r.add("dynamic", f"{prog} runs the project of a folder only known when the command runs ({cmd.cwd[:40]}: "
                            "cd -, cd \"$x\", popd); cd to the folder by its name")
        return
    if prog in NODE_RUNNERS:
        _node(an, prog, args, operands, cwd, depth, cmd)
    elif prog in ("npx", "pnpx"):
        for a in args:  # `npx --shell=./w.sh -c …` (guard20: ran w.sh), as for npm's settings
            if a.startswith("--") and npm_setting(a[2:].split("=", 1)[0]):
                an.r.add("dynamic", f"{prog} {a[:60]} sets on the command line what npm runs; run the program yourself")
        npm_package(an, prog, args, cwd)
        for i, a in enumerate(args):  # `npx -c CMD` (guard21: ran CMD), as `npm exec -c`
            if a in ("-c", "--call") or a.startswith("--call="):
                an.line(a.split("=", 1)[1] if "=" in a else args[i + 1] if i + 1 < len(args) else "", depth + 1, cwd)
        _exec_command(an, args, cmd, depth)
        first = operands[0] if operands else ""
        if first.startswith((".", "/", "~", "file:")) or "/" not in first and first and os.path.isdir(
                posixpath.join(cwd, first)) and os.path.isfile(posixpath.join(cwd, first, "package.json")):
            an.r.add("dynamic", f"{prog} {first[:40]} installs a package from the workspace and runs its program; "
                                "run the program by its path")  # guard21: `npx ./p` ran p's bin unread
        _bin(an, first, cwd, depth)
    elif prog in ("pytest", "py.test", "unittest"):
        # the paths it is given (an option's value, `-k login`, names no file), else the whole directory
        targets = [o for o in operands if os.path.exists(an.paths.resolve(o.split("::")[0], cwd))]
        _python_tree(an, prog, targets or ["."], cwd, depth, tests_only=True,
                     patterns=collected_names(an, args, cwd, prog != "unittest"))
        if prog != "unittest":
            doctest_files(an, prog, args, targets or ["."], cwd, depth)
    elif prog in ("pip", "pip3"):
        if operands[:1] in (["install"], ["wheel"], ["download"]):
            # `-e ./sub`, and glued: `-e./sub`, `--editable=./sub` (guard24: both built sub unread)
            glued = [a.split("=", 1)[1] if a.startswith("--editable=") else a[2:] for a in args
                     if a.startswith("--editable=") or (a.startswith("-e") and len(a) > 2 and a[1] != "-")]
            for target in [*operands[1:], *glued,
                           *[v for a, v in zip(args, args[1:], strict=False) if a in ("-e", "--editable")]]:
                if target.startswith((".", "/")) or os.path.isdir(posixpath.join(cwd, target)):
                    _setup(an, prog, an.paths.resolve(target.split("[")[0], cwd), depth)
            installs.pip(an, prog, cwd, operands[1:], args, depth, _setup)  # -r files, file: URLs, sdist archives
    elif prog == "build":
        _setup(an, "python3", an.paths.resolve(operands[0] if operands else ".", cwd), depth)
    elif prog in ("cmake", "ctest"):
        from macrohard.safety.projects_cmake import judge as cmake

        cmake(an, prog, args, operands, cwd, depth)
    elif prog == "tox":
        _tox(an, cwd, depth, args)
    elif prog == "meson":
        from macrohard.safety.projects_meson import judge as meson

        meson(an, args, operands, cwd, depth)


def _reads_folder(prog: str, args: list[str], operands: list[str]) -> bool:
    """Whether the runner reads the project of the folder it runs in (not ``--version``, not ``pip install NAME``)."""
    if any(a in ("-v", "--version", "-V", "--help", "-h") for a in args[:1]) or operands[:1] == ["help"]:
        return False
    if prog in ("pip", "pip3"):
        local = [*operands[1:], *(v for a, v in zip(args, args[1:], strict=False) if a in (
            "-r", "--requirement", "-c", "--constraint", "-e", "--editable"))]
        return any(t.startswith(".") or "/" in t and not t.startswith(("/", "~")) or
                   t.endswith((".txt", ".whl", ".tar.gz", ".zip")) for t in local) or any(
            a.startswith(("-e", "--editable=", "-r", "--requirement=")) and len(a) > 2 and a[1] != "-" for a in args)
    return True


# npx's (npm exec's) options that take a value in the next word
_NPX_VALUED = frozenset({"-p", "--package", "-c", "--call", "-w", "--workspace", "--cache", "--registry", "--prefix",
                         "--userconfig", "--globalconfig", "-C", "--loglevel", "--script-shell", "--shell"})


def _exec_command(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """``npx [OPTIONS] [--] CMD ARGS``, ``npm exec …``: CMD runs (a package's bin, else the program of that name on
    PATH): guard37's `npm exec --offline -- sh run.sh` and `npm exec sh run.sh` ran it approved."""
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            i += 1
            break
        if not a.startswith("-"):
            break
        if a in ("-c", "--call") or a.startswith("--call="):
            return  # judged as a line above
        i += 2 if a in _NPX_VALUED else 1
    words = args[i:]
    if words:
        an.argv(words, cmd, depth + 1)


def npm_package(an: Analyzer, prog: str, args: list[str], cwd: str) -> None:
    """``npm exec --package=./d``, ``npx -p ./d``: a package installed from a workspace folder or archive, whose bin
    then runs (guard20: `npm exec --package=./d -- d` ran d's bin unread)."""
    values = [v for a, v in zip(args, args[1:], strict=False) if a in ("-p", "--package")]
    values += [a.split("=", 1)[1] for a in args if a.startswith("--package=")]
    for v in values:
        if v.startswith((".", "/", "~", "file:")) or os.path.exists(posixpath.join(cwd, v)):
            an.r.add("dynamic", f"{prog} installs {v[:40]} from the workspace and runs its program; run it by its path")


def _read(an: Analyzer, path: str) -> str | None:
    from macrohard.safety import scripts

    now = an.unknown_writes
    if an.project_unknown is not None:
        an.unknown_writes = an.project_unknown
    try:
        return scripts.read_script(an, path, None, explicit=True)
    finally:
        an.unknown_writes = now


def _node(an: Analyzer, prog: str, args: list[str], operands: list[str], cwd: str, depth: int,
          cmd: SimpleCommand | None = None) -> None:
    prefix = next((v for a, v in zip(args, args[1:], strict=False) if a in ("--prefix", "-C", "--cwd", "--dir")), None)
    root = an.paths.resolve(prefix, cwd) if prefix else npm_root(an, cwd)
    valued = ("-w", "--workspace", "--filter", "-F", "--prefix", "-C", "--cwd", "--dir")
    operands = [a for i, a in enumerate(args) if not a.startswith("-") and not (i and args[i - 1] in valued)]
    if operands[:2] == ["config", "set"] or operands[:1] == ["set"]:
        rest = operands[2:] if operands[:1] == ["config"] else operands[1:]
        key = rest[0].split("=")[0] if rest else ""
        if key.lstrip("-") in NPM_RUNS_LATER:
            an.r.add("persistence", f"{prog} config {key} makes later npm commands run {rest[-1][:60]}, unreviewed")
        return
    plain = [a for i, a in enumerate(args) if a not in ("--workspaces", "-ws", "-r", "--recursive")
             and not a.startswith(("-w", "--workspace", "--filter")) and not (i and args[i - 1] in valued[:4])]
    for folder in _workspaces(an, args, root):  # -w NAME, --workspaces, pnpm -r / --filter: each package's scripts
        if folder != root:
            _node(an, prog, plain, operands, folder, depth, cmd)
    pkg = posixpath.join(root, "package.json")
    if pkg in an.written and an.written[pkg] is None:
        an.r.add("dynamic", f"{prog} runs the scripts of {pkg}, which this command writes first with text the "
                            "guard cannot read; write it in one step and run it in the next")
        return
    text = _read(an, pkg)
    sub = operands[0] if operands else ("install" if prog != "npm" else "")
    if prog == "npm":
        sub = npm_command(sub)
        for a in args:  # `--script-shell=./x`, `--userconfig u.rc`: settings npm runs with (guard18: both ran)
            if a.startswith("--") and npm_setting(a[2:].split("=", 1)[0]):
                an.r.add("dynamic", f"{prog} {a[:60]} sets on the command line what npm runs; set it in no file "
                                    "or option, or run the program yourself")
        npm_more(an, sub, operands, args, root, depth)
        if sub == "exec":
            npm_package(an, prog, args, cwd)
            if cmd is not None:
                _judge(an, "npx", args[args.index(operands[0]) + 1:] if operands else args, cmd, depth)
    names: list[str] = []
    if sub in ("run", "run-script", "rum", "urn") and len(operands) > 1:
        names = [f"pre{operands[1]}", operands[1], f"post{operands[1]}"]
    elif sub in _NPM_RUNS:
        names = _NPM_RUNS[sub]
    elif sub in ("it", "install-test", "cit", "clean-install-test", "install-ci-test"):
        names = [*_NPM_INSTALL, *_NPM_RUNS["test"]]
        installs.npm(an, prog, root, sub, operands, args, depth, cwd)
    elif sub in ("install", "i", "ci", "add", "isntall", "in", "rebuild", "link", "update", "dedupe", "prune",
                 "uninstall"):
        names = _NPM_INSTALL
        installs.npm(an, prog, root, sub, operands, args, depth, cwd)  # the dependencies' install scripts
    elif sub in ("pack", "publish"):
        names = _NPM_PACK
    elif sub in ("exec", "x", "dlx") and len(operands) > 1:
        _bin(an, operands[1], root, depth)
    elif prog in ("yarn", "pnpm", "bun") and sub:
        if sub in ("add", "install"):
            installs.npm(an, prog, root, sub, operands, args, depth, cwd)
        names = [f"pre{sub}", sub, f"post{sub}"]  # `yarn build` runs the script named build
    if text is None or not names:
        return
    try:
        scripts_of = json.loads(text).get("scripts") or {}
    except (ValueError, AttributeError):
        return  # npm refuses a package.json it cannot read
    if not isinstance(scripts_of, dict):
        return
    for name in names:
        line = scripts_of.get(name)
        if isinstance(line, str) and line.strip():
            an.line(line, depth + 1, root)
            for word in _words(line):  # programs of node_modules/.bin come first on the scripts' PATH
                if "/" not in word and os.path.isfile(posixpath.join(root, "node_modules/.bin", word)):
                    _bin(an, word, root, depth)
    if sub == "start" and "start" not in scripts_of and os.path.isfile(posixpath.join(root, "server.js")):
        an.line("node server.js", depth + 1, root)  # npm start's default




def _workspaces(an: Analyzer, args: list[str], root: str) -> list[str]:
    """The package folders a workspace option runs scripts in: ``-w X`` / ``--workspace=X`` (a name or a path),
    ``--workspaces``/``-ws``/``-r``/``--filter`` (every folder the root's ``workspaces`` globs name)."""
    import glob

    named = [v for a, v in zip(args, args[1:], strict=False) if a in ("-w", "--workspace", "--filter", "-F")]
    named += [a.split("=", 1)[1] for a in args if a.startswith(("--workspace=", "--filter=", "-w="))]
    every = any(a in ("--workspaces", "-ws", "-r", "--recursive") for a in args) or any(
        "*" in n for n in named)
    if not named and not every:
        return []
    patterns: list[str] = []
    text = _read(an, posixpath.join(root, "package.json")) if os.path.isfile(posixpath.join(root, "package.json")) else None
    try:
        spaces = json.loads(text).get("workspaces") if text else None
    except (ValueError, AttributeError):
        spaces = None
    if isinstance(spaces, dict):
        spaces = spaces.get("packages")
    if isinstance(spaces, list):
        patterns += [p for p in spaces if isinstance(p, str)]
    pnpm = _read(an, posixpath.join(root, "pnpm-workspace.yaml")) if os.path.isfile(
        posixpath.join(root, "pnpm-workspace.yaml")) else None
    if pnpm:
        patterns += re.findall(r"^\s*-\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", pnpm, re.M)
    folders = sorted({f for p in patterns for f in glob.glob(posixpath.join(root, p.strip()))
                      if os.path.isfile(posixpath.join(f, "package.json"))})[:MAX_FILES]
    folders += [an.paths.resolve(n, root) for n in named if os.path.isdir(an.paths.resolve(n, root))]
    if named and not every:  # a name: the package of that name, wherever it is
        folders = [f for f in folders if posixpath.basename(f) in named or f in [an.paths.resolve(n, root) for n in named]
                   or _package_name(an, f) in named]
    return list(dict.fromkeys(folders))


def _package_name(an: Analyzer, folder: str) -> str:
    try:
        return str(json.loads(_read(an, posixpath.join(folder, "package.json")) or "{}").get("name", ""))
    except (ValueError, AttributeError):
        return ""


def _words(line: str) -> list[str]:
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def _bin(an: Analyzer, name: str, root: str, depth: int) -> None:
    """``npx NAME``: the project's ``node_modules/.bin/NAME`` (a script) when it has one."""
    if not name or "/" in name:
        return
    path = posixpath.join(root, "node_modules/.bin", name.split("@")[0])
    if os.path.lexists(path):
        an.script(path, root, depth, explicit=True)
        return
    # the project's own bin, when NAME is its package (guard21: `npx x` in package x ran its "bin" unread)
    folder = npm_root(an, root)
    try:
        with open_regular(posixpath.join(folder, "package.json"), encoding="utf-8", errors="replace") as fh:
            meta = json.loads(fh.read(1_000_000))
    except (OSError, ValueError):
        return
    bins = meta.get("bin") if isinstance(meta, dict) else None
    own = str(meta.get("name", "")).split("/")[-1] if isinstance(meta, dict) else ""
    if isinstance(bins, str):
        bins = {own: bins}
    if isinstance(bins, dict) and name.split("@")[0] in bins and isinstance(bins[name.split("@")[0]], str):
        an.script(an.paths.resolve(bins[name.split("@")[0]], folder), folder, depth, explicit=True)


def _walk(an: Analyzer, top: str, match) -> list[str] | None:
    """The files under ``top`` (in the workspace) that ``match`` accepts; None when there are too many."""
    if os.path.isfile(top):
        return [top] if match(top) or top.endswith(".py") else []
    out: list[str] = []
    if not any(top == w or top.startswith(w + "/") for w in an.paths.workspaces):
        return out
    for base, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.endswith(".egg-info")]
        for f in files:
            path = posixpath.join(base, f)
            if match(path):
                out.append(path)
                if len(out) > MAX_FILES:
                    return None
    return out


def _python_tree(an: Analyzer, prog: str, targets: list[str], cwd: str, depth: int, tests_only: bool,
                 patterns: list[str] | None = None) -> None:
    """pytest imports every conftest.py and test module under its targets (and the conftest.py files above them)."""
    import fnmatch

    names = patterns or ["test*.py", "*_test.py", "conftest.py"]

    def collected(path: str) -> bool:
        return path.endswith(".py") and any(fnmatch.fnmatch(posixpath.basename(path), n) for n in names)

    files: list[str] = []
    for target in targets:
        top = an.paths.resolve(target.split("::")[0], cwd)
        found = _walk(an, top, collected)
        if found is None:
            an.r.add("dynamic", f"{prog} imports more than {MAX_FILES} test modules here, too many to review")
            return
        files += found  # and the test modules written earlier on this line: read as the guard knows them
        files += [p for p in an.written if (p == top or p.startswith(top + "/")) and collected(p) and p not in found]
        for path in list(files):  # guard38: a test module in a package is imported as one: `python3 -m unittest`
            up = posixpath.dirname(path)  # ran tests/__init__.py, unread (and pytest does with __init__.py files)
            while (up == top or up.startswith(top + "/")) and os.path.isfile(init := posixpath.join(up, "__init__.py")):
                files.append(init)
                up = posixpath.dirname(up)
        up = posixpath.dirname(top)
        while any(up == w or up.startswith(w + "/") for w in an.paths.workspaces):
            if os.path.isfile(posixpath.join(up, "conftest.py")):
                files.append(posixpath.join(up, "conftest.py"))
            up = posixpath.dirname(up)
    seen: set[str] = set()
    for path in dict.fromkeys(files):
        if path in seen:
            continue
        seen.add(path)
        text = _read(an, path)
        if text is not None:  # pytest puts the test's own directory first on sys.path (rootdir insertion)
            an.code("python3", text, depth, cwd, where=posixpath.dirname(path), seen=seen)


def _setup(an: Analyzer, prog: str, root: str, depth: int) -> None:
    """``pip install DIR`` runs DIR's setup.py (and an in-tree build backend) to build it."""
    if os.path.isfile(root):
        return  # a wheel or an archive: built elsewhere
    setup = posixpath.join(root, "setup.py")
    text = _read(an, setup) if os.path.isfile(setup) else None
    if text is not None:
        an.code("python3", text, depth, root, where=root)
    pyproject = posixpath.join(root, "pyproject.toml")
    data = _read(an, pyproject) if os.path.isfile(pyproject) else None
    if data and re.search(r"^\s*backend-path\s*=", data, re.M):
        an.r.add("dynamic", f"{prog} builds {root} with a build backend from the project itself (backend-path)")


def _tox(an: Analyzer, cwd: str, depth: int, args: list[str]) -> None:
    """tox runs each environment's ``commands`` (and ``commands_pre``/``_post``, ``install_command``). ``{posargs}``
    is what the tox command line has after ``--`` (else its default); tox's other substitutions are its own paths,
    unknown here but never options."""
    posargs = shlex.join(args[args.index("--") + 1:]) if "--" in args else None

    def substitute(m: re.Match[str]) -> str:
        key, colon, default = m.group(1).partition(":")
        if key.strip() == "posargs":
            return posargs if posargs is not None else default if colon else ""
        return '"/$TOX"'

    for name, section_prefix in (("tox.ini", ""), ("setup.cfg", "tox:")):
        text = _read(an, posixpath.join(cwd, name)) if os.path.isfile(posixpath.join(cwd, name)) else None
        if not text:
            continue
        parser = configparser.RawConfigParser(strict=False, interpolation=None)
        try:
            parser.read_string(text)
        except configparser.Error:
            an.r.add("unparseable", f"tox cannot be followed: {name} does not parse")
            continue
        for section in parser.sections():
            if not section.startswith((f"{section_prefix}testenv", "testenv")):
                continue
            for key, value in parser.items(section):
                if key.startswith("commands") or key in ("install_command", "list_dependencies_command"):
                    for line in value.splitlines():
                        line = re.sub(r"\{([^{}]*)\}", substitute, line.strip().lstrip("-").strip())
                        if line:
                            an.line(line, depth + 1, cwd)
