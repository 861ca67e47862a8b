"""Private data handed on, for ``safety.carried``'s walk: to git (a commit that takes a private file nobody named,
then a push), to the workspace's own code that talks to the network (``npm run send -- "$d"``,
``make upload DATA="$d"``, ``python3 tool.py "$d"`` whose module posts), and to a sender's config file
(``curl -K c.cfg`` written with the value).

What a project's code does is read here only as far as it can be read without running it: the script a package
manager's script names (and the relative modules it imports), a Makefile's text, a Python or Node script and its
relative imports. Code past that (a test runner's plugins, a compiled program) is other checks' to judge.
"""

from __future__ import annotations

import fnmatch
import json
import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

_GIT_SENDS = frozenset({"push", "fetch", "pull", "ls-remote", "remote", "submodule", "send-email", "request-pull"})
_COMMITS = frozenset({"commit", "tag", "notes", "add", "stash", "config"})
_GLOBAL_VALUE = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env", "--exec-path"})
_ALL = frozenset({"-A", "--all", ".", ":/", "*", "-u", "--update", "--include-untracked", "--no-ignore-removal"})
_SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", "target", "dist", "build"})
_MAX_ENTRIES = 4000
# names the policy's globs match (`*password*`, `.env.*`) that hold code, documents or templates, not secrets
_NOT_SECRETS = (".py", ".js", ".ts", ".tsx", ".jsx", ".go", ".rs", ".rb", ".java", ".kt", ".php", ".cs", ".c", ".h",
                ".cpp", ".html", ".css", ".md", ".rst", ".example", ".sample", ".template", ".dist", ".tmpl")  # files looked at for a `git add -A` (past it: what was seen decides)
_PACKAGE_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_MAKES = frozenset({"make", "gmake"})
_CODE_FILE = re.compile(r"[\w./-]+\.(?:m?js|cjs|ts|py|sh|rb|pl)\b")
_PY_IMPORT = re.compile(r"^\s*(?:from\s+(\.?[\w.]+)\s+import|import\s+([\w., ]+))", re.M)
_JS_IMPORT = re.compile(r"""(?:require\(\s*|from\s+|import\s*\(\s*)['"](\.{1,2}/[^'"]+)['"]""")
_MAX_FILES = 24
_NODE_RC = (".npmrc", ".yarnrc", ".yarnrc.yml", "bunfig.toml")
_RC = {"curl": (".curlrc", "_curlrc"), "wget": (".wgetrc",), "npm": _NODE_RC, "npx": _NODE_RC, "yarn": _NODE_RC,
       "pnpm": _NODE_RC, "bun": _NODE_RC, "pip": ("pip.conf", "pip.ini"), "pip3": ("pip.conf", "pip.ini"),
       "twine": (".pypirc",), "uv": ("uv.toml", "pip.conf"), "poetry": ("auth.toml", "config.toml"),
       "cargo": ("config.toml", "config", "credentials.toml"), "gem": (".gemrc", "credentials"),
       "docker": ("config.json",), "ssh": ("config",), "scp": ("config",), "composer": ("auth.json",)}
_MAKE_DYNAMIC = re.compile(r"^\s*-?include\b|\$\((?:eval|call)\b|^[^\t#=]*%[^=]*:|^[^\t#]*\$[({][^=]*:", re.M)
_MAKE_RULE = re.compile(r"^([^\s:=#][^:=]*?)\s*::?(?!=)(.*)$")


def git(w: _Walk, args: list[str], arg_why: str) -> None:
    """Private data committed (``git commit -m "$d"``, ``git add -f .env``, ``git add -A`` with a private file
    the repository does not ignore, a private file copied into it, private data written under ``.git``) goes out
    with the next push."""
    at, i = "", 0
    while i < len(args) and args[i].startswith("-"):  # git's own options: `git -C sub add -A`, `-c k=v`
        if args[i] == "-C" and i + 1 < len(args):
            at = posixpath.join(at, args[i + 1])
        i += 2 if args[i] in _GLOBAL_VALUE else 1
    args = args[i:]
    sub = args[0] if args else ""
    if sub not in _COMMITS and not (sub in _GIT_SENDS and w.files):
        return  # nothing committed, nothing that could carry a commit out
    repo = _repository(w.where(at or "."), w.root)
    if sub in _COMMITS and (why := arg_why or next(
            (t for a in args if not a.startswith("-") and (t := w.path_taint(posixpath.join(at, a)))), "")
            or _staged(w, repo, sub, args) or _copied_under(w, repo, at, args)):
        w.files[repo] = why
    elif sub in _GIT_SENDS and (why := w.files.get(repo) or next(
            (v for p, v in w.files.items() if p.startswith(repo + "/")), "")):
        w.sends.append(f"git {sub} sends commits or settings that hold {why}")


def _repository(start: str, root: str) -> str:
    """The ``.git`` of the repository a git command run in ``start`` works on: the nearest folder up that has one,
    not above the workspace ``root`` (the sandbox shows nothing above it): ``cd src && git add -A``, then ``git
    push`` from the top, are the same repository. ``start``'s if none."""
    here = start.rstrip("/") or "/"
    for _ in range(16):
        if os.path.exists(posixpath.join(here, ".git")):
            return posixpath.join(here, ".git")
        if here in ("/", "", root) or here.startswith("~") and "/" not in here or root and not here.startswith(root):
            break
        here = posixpath.dirname(here)
    return posixpath.join(start, ".git")


def _staged(w: _Walk, repo: str, sub: str, args: list[str]) -> str:
    """What a ``git add -A``/``git add .``/``git stash -u`` takes in that is private and not ignored (with
    ``-f``, ignored or not)."""
    ops = args[1:]
    if not (sub == "add" and _ALL & set(ops) or
            sub == "stash" and {"-u", "--include-untracked", "-a", "--all"} & set(ops)):
        return ""
    root = posixpath.dirname(repo)
    ignored = _ignores(root) if not {"-f", "--force"} & set(ops) else lambda rel: False
    for path, why in w.files.items():  # a private file copied into the repository under another name
        if path.startswith(root + "/") and "/.git/" not in path + "/" and not ignored(path[len(root) + 1:]):
            return why
    seen = 0
    tracked = _index(repo)
    for top, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not ignored(posixpath.relpath(
            posixpath.join(top, d), root) + "/") and not os.path.exists(posixpath.join(top, d, ".git")))  # (a repository
        # inside it is its own: git adds none of its files)
        for name in sorted(names):
            seen += 1
            path = posixpath.join(top, name)
            if seen > _MAX_ENTRIES:
                return ""
            rel = posixpath.relpath(path, root)
            if w.words is not None and not w.words.search(rel) or name.endswith(_NOT_SECRETS) or _entry(rel) in tracked:
                continue  # `reset_password.py`, `.env.example`; a file the repository already holds
            if (why := w.private(path)) and not ignored(rel):
                return f"{why} (the repository does not ignore it: list it in .gitignore)"
    return ""


def _copied_under(w: _Walk, repo: str, at: str, args: list[str]) -> str:
    """A private file the session copied into a folder that ``git add docs`` / ``git commit docs`` names (the
    lead, eighteenth wave: ``cp .env docs/env.txt; git add docs; git commit; git push`` was only asked)."""
    if args[0] not in ("add", "commit", "stash"):
        return ""
    root = posixpath.dirname(repo)
    ignored = _ignores(root) if not {"-f", "--force"} & set(args) else lambda rel: False
    folders = [w.where(posixpath.join(at, a)).rstrip("/") + "/" for a in args[1:] if a and not a.startswith("-")]
    return next((why for path, why in w.files.items() if any(path.startswith(f) for f in folders)
                 and path.startswith(root + "/") and "/.git/" not in path + "/" and not ignored(path[len(root) + 1:])),
                "")


def _index(repo: str) -> bytes:
    """The repository's index (the paths it tracks are in it as plain text), empty if unreadable."""
    try:
        with open(posixpath.join(repo, "index"), "rb") as f:
            return f.read(16_000_000)
    except OSError:
        return b""


def _entry(rel: str) -> bytes:
    """How the index (version 2 or 3) holds a path: after its flags, whose low byte is the name's length."""
    name = rel.encode()
    return bytes([len(name) & 0xFF]) + name + b"\0"


def _ignores(root: str):
    """``.gitignore`` (at the root) and ``.git/info/exclude`` as a test on a path relative to the root (``dir/``
    for a folder): the last pattern that matches it or a folder above it decides."""
    rules: list[tuple[bool, bool, bool, str]] = []  # (negated, anchored, folders only, pattern)
    for name in (".gitignore", ".git/info/exclude"):
        try:
            with open(posixpath.join(root, name), encoding="utf-8", errors="replace") as f:
                lines = f.read(64_000).splitlines()
        except OSError:
            continue
        for line in lines:
            line = line.rstrip()
            if not line or line.startswith("#"):
                continue
            neg = line.startswith("!")
            line = line[1:] if neg else line
            folder = line.endswith("/")
            line = line.rstrip("/")
            rules.append((neg, "/" in line, folder, line.lstrip("/").replace("**/", "*")))

    def ignored(rel: str) -> bool:
        parts = rel.rstrip("/").split("/")
        out = False
        for i in range(1, len(parts) + 1):
            sub, is_dir = "/".join(parts[:i]), i < len(parts) or rel.endswith("/")
            for neg, anchored, folder, pat in rules:
                if folder and not is_dir:
                    continue
                if fnmatch.fnmatchcase(sub if anchored else parts[i - 1], pat):
                    out = not neg
            if out and i < len(parts):
                return True  # a folder ignored: nothing under it is added
        return out

    return ignored


def runs_network(w: _Walk, prog: str, argv: list[str]) -> tuple[str, str]:
    """The workspace file, run by this command, whose code talks to the network ("" if none found), and what
    private data an exported variable the code names holds (``export DATA=$d; make upload``)."""
    from macrohard.safety.carried_programs import _NET_CODE, _RUNS_SENDER

    args = argv[1:]
    texts: list[tuple[str, str]] = []
    if prog in _PACKAGE_RUNNERS:
        texts = _package_script(w, args)
    elif prog in _MAKES:
        at = next((b for a, b in zip(args[:-1], args[1:], strict=True) if a == "-f"), "")
        into = next((b for a, b in zip(args[:-1], args[1:], strict=True) if a in ("-C", "--directory")), "")
        goals = [a for a in args if not a.startswith("-") and "=" not in a and a not in (at, into)]
        for name in ([at] if at else ["GNUmakefile", "makefile", "Makefile"]):
            if (text := _read(w, posixpath.join(into, name))) is not None:
                texts = [(name, _make_reached(text, goals))]
                break
    elif prog in R.INTERPRETERS:
        ops = [a for a in args if not a.startswith("-")]
        if "-m" in args and args.index("-m") + 1 < len(args):
            texts = _with_imports(w, args[args.index("-m") + 1].replace(".", "/") + ".py")
        elif ops and not any(a in ("-c", "-e", "-E", "-r") for a in args):
            texts = _with_imports(w, ops[0])
    net = next((name for name, text in texts if _NET_CODE.search(text) or _RUNS_SENDER.search(text)), "")
    held = [v for v in w.exported if w.vars.get(v)] if net else []
    read = next((f"{w.vars[v]} (exported as ${v})" for v in held for _, text in texts
                 if re.search(rf"(?<![\w$]){re.escape(v)}(?!\w)", text)), "")
    return net, read


def _make_reached(text: str, goals: list[str]) -> str:
    """A Makefile's text without the recipes of the rules ``make GOALS`` does not reach (its variables and
    everything else kept); the whole text when it computes rules (``include``, ``$(eval``, patterns)."""
    if _MAKE_DYNAMIC.search(text):
        return text
    rules: dict[str, list[str]] = {}
    owner: list[int] = []  # for each line: the index of the rule it is a recipe line of (-1: not one)
    heads: list[list[str]] = []
    current = -1
    for line in text.splitlines():
        if line.startswith("\t") and current >= 0:
            owner.append(current)
            continue
        m = _MAKE_RULE.match(line)
        if m:
            heads.append(m.group(1).split())
            current = len(heads) - 1
            for t in heads[-1]:
                rules.setdefault(t, []).extend(m.group(2).split(";")[0].split())
        elif line.strip() and not line.startswith("#"):
            current = -1
        owner.append(-1)
    first = next((h[0] for h in heads if h and not h[0].startswith(".")), "")
    todo, reached = list(goals or [first]), set()
    while todo:
        t = todo.pop()
        if t not in reached:
            reached.add(t)
            todo += rules.get(t, [])
    keep = {i for i, h in enumerate(heads) if reached & set(h)}
    return "\n".join(line for line, o in zip(text.splitlines(), owner, strict=True) if o < 0 or o in keep)


def _package_script(w: _Walk, args: list[str]) -> list[tuple[str, str]]:
    """``npm test``, ``npm run X``, ``yarn X``: the script's text (with its pre/post scripts) and the files it names."""
    ops = [a for a in args if not a.startswith("-")]
    if not ops:
        return []
    name = ops[1] if ops[0] in ("run", "run-script") and len(ops) > 1 else ops[0]
    name = {"t": "test", "tst": "test"}.get(name, name)
    try:
        scripts = json.loads(_read(w, "package.json") or "{}").get("scripts") or {}
    except (ValueError, AttributeError):
        return []
    if not isinstance(scripts, dict):
        return []
    out = []
    for key in (f"pre{name}", name, f"post{name}"):
        text = scripts.get(key)
        if isinstance(text, str):
            out.append((f"package.json's {key} script", text))
            for m in _CODE_FILE.finditer(text):
                out += _with_imports(w, m.group(0))
    return out[:_MAX_FILES]


def _with_imports(w: _Walk, path: str) -> list[tuple[str, str]]:
    """A script and the workspace modules it imports, and theirs (``from netlib import post``, ``require('./x')``),
    at most ``_MAX_FILES`` files."""
    out: list[tuple[str, str]] = []
    todo, seen = [path], set()
    while todo and len(out) < _MAX_FILES:
        path = todo.pop(0)
        if path in seen or (text := _read(w, path)) is None:
            continue
        seen.add(path)
        out.append((path, text))
        here = posixpath.dirname(path)
        if path.endswith(".py"):
            names = [n.strip().split(" ")[0].lstrip(".").replace(".", "/") for m in _PY_IMPORT.finditer(text)
                     for n in (m.group(1) or m.group(2)).split(",")]
            todo += [posixpath.join(here, p) for n in names if n for p in (f"{n}.py", f"{n}/__init__.py")]
        else:
            todo += [posixpath.normpath(posixpath.join(here, m.group(1) + ext)) for m in _JS_IMPORT.finditer(text)
                     for ext in ("", ".js", ".ts", "/index.js")]
    return out


def _read(w: _Walk, word: str) -> str | None:
    from macrohard.safety.carried_programs import _script

    return _script(w, word)


def mounted(w: _Walk, prog: str, argv: list[str]) -> str:
    """Private files a container is given (``docker run --env-file .env``, ``-v "$PWD/.env:/e"``): what it runs
    reads them."""
    if prog not in ("docker", "podman") or not {"run", "exec", "create"} & set(argv[1:3]):
        return ""
    values = [b for a, b in zip(argv[1:-1], argv[2:], strict=True) if a in ("--env-file", "-v", "--volume", "--mount")]
    values += [a.split("=", 1)[1] for a in argv[1:] if a.startswith(("--env-file=", "--volume=", "--mount="))]
    for v in values:
        src = next((p[len("source="):] for p in v.split(",") if p.startswith(("source=", "src="))), v.split(":")[0])
        if why := w.path_taint(src.removeprefix("src=")):
            return why
    return ""


def rc_files(w: _Walk, prog: str) -> str:
    """A config file the program reads by default (``.npmrc``, ``.curlrc``, ``pip.conf`` …) written with private
    data: ``echo "//registry/:_authToken=$d" > .npmrc`` then ``npm install`` sends it to that registry."""
    names = _RC.get(prog, ())
    return next((why for path, why in w.files.items() if posixpath.basename(path) in names), "") if names else ""


def config(w: _Walk, prog: str, argv: list[str]) -> str:
    """What private data the config file a sender is told to read was written with (``curl -K c.cfg``)."""
    if prog == "curl":
        names = [b for a, b in zip(argv[1:-1], argv[2:], strict=True) if a in ("-K", "--config")]
        names += [a[9:] for a in argv[1:] if a.startswith("--config=")] + [a[2:] for a in argv[1:]
                                                                           if a.startswith("-K") and len(a) > 2]
    elif prog == "wget":
        names = [a[9:] for a in argv[1:] if a.startswith("--config=")]
    else:
        return ""
    # a file written with private data; a private file itself (`curl -K .env`) the analysis asks about
    return next((why for n in names if "$" not in n and (why := w.files.get(w.where(n), ""))), "")
