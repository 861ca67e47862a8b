"""The package runners a host MCP server starts, made to take nothing from the folder they run in (rt52c).

A host server runs in the person's current folder, which may be a downloaded repository. npx (rt51c) ran that
folder's ``node_modules/.bin/PKG`` and read its ``.npmrc``; so do the other runners, each in its own way: ``yarn``
runs the ``yarnPath`` a ``.yarnrc.yml`` names (a JavaScript file of the repository) and installs from its
``npmRegistryServer``; ``pnpm dlx`` reads the folder's ``.npmrc`` and ``pnpm-workspace.yaml``; ``bunx`` prefers the
folder's ``node_modules/.bin``, reads ``bunfig.toml`` (``preload`` scripts, the registry) and loads ``.env`` files;
corepack's ``yarn``/``pnpm`` download the version a ``package.json``'s ``packageManager`` names (a URL too). And a
server started as ``sh -c "npx PKG"`` (or a program that runs one) was never rewritten.

``connection.host_command`` puts a folder of small programs named after these runners first on the host server's
PATH; each runs this file, which

- gives ``npx`` and ``npm exec`` an empty project (``--prefix EMPTY``, npm's own switch: rt51c);
- refuses (exit 126, a line on stderr that says why and what to do) to start ``yarn``, ``pnpm``, ``pnpx``, ``bun``,
  ``bunx`` or ``corepack`` where the current folder or one above it (below the person's home: their own user
  settings stay theirs) holds that runner's project settings or installed packages, since none of them has a switch
  that makes it ignore them;
- otherwise runs the real program, found on PATH after this folder.

Run as ``python -I -S runner_shim.py NAME EMPTY SHIMS [--real PATH] ARGS...`` (SHIMS: the folder of these
programs, skipped when the real one is looked for on PATH): stdlib only, no site, no macrohard.
"""

from __future__ import annotations

import json
import os
import sys

# runner -> the files (or folders) of a project that it reads or runs from the current folder and the folders above
PROJECT_FILES: dict[str, tuple[str, ...]] = {
    "yarn": (".yarnrc.yml", ".yarnrc", ".npmrc", ".pnp.cjs", "node_modules", ".corepack.env"),
    "pnpm": (".npmrc", "pnpm-workspace.yaml", ".pnpmfile.cjs", "node_modules", ".corepack.env"),
    "bun": ("bunfig.toml", ".npmrc", ".env", ".env.local", ".env.development", ".env.production", "node_modules"),
    # rt57: corepack loads the folder's `.corepack.env` (COREPACK_NPM_REGISTRY, COREPACK_ENABLE_UNSAFE_CUSTOM_URLS...)
    "corepack": (".corepack.env",),
    # `uv run` (and sync, pip...) of the folder's project: its index (`[tool.uv]`, uv.toml), its build backend, its
    # `.venv`'s interpreter, the Python its `.python-version` names (a path too). uv's tool commands (`uvx`, `uv tool
    # run`) read only user settings (checked with uv 0.13.9): not looked at
    "uv": ("uv.toml", "pyproject.toml", ".venv", ".python-version", "uv.lock", "pylock.toml"),
}
ALIASES = {"yarnpkg": "yarn", "pnpx": "pnpm", "bunx": "bun"}
# rt61: the variable ``connection._uv_settings`` set for the host server (UV_CONFIG_FILE or UV_NO_CONFIG), named in
# this one: a uv started by name or by a path written out comes here and gets the person's environment back
UV_SET = "MACROHARD_UV_SET"
RUNNERS = frozenset({"npx", "npm", "uvx", *PROJECT_FILES, *ALIASES})
_UV_VALUED = frozenset({"--directory", "--project", "--cache-dir", "--config-file", "--color", "--python", "-p",
                        "--allow-insecure-host", "--index-url", "--default-index", "--index", "--extra-index-url"})


def uv_folder(args: list[str], cwd: str) -> str | None:
    """The folder whose project settings ``uv ARGS`` reads, or None where it reads none of the run's folder: a
    tool command, or a project the person named by an absolute ``--directory``/``--project`` (their own server)."""
    i, folder = 0, cwd
    while i < len(args):
        word = args[i]
        name, eq, value = word.partition("=")
        if name in ("--directory", "--project"):
            value = value if eq else (args[i + 1] if i + 1 < len(args) else "")
            if os.path.isabs(value):
                return None
            folder = os.path.join(cwd, value)
        if word.startswith("-"):
            i += 2 if (name in _UV_VALUED and not eq) else 1
            continue
        return None if word == "tool" else folder
    return folder
# package.json keys that make a runner (or corepack before it) fetch or run something the project chose
PACKAGE_KEYS = {"yarn": ("packageManager",), "pnpm": ("packageManager", "pnpm"), "corepack": ("packageManager",),
                "bun": ()}


def project_settings(name: str, cwd: str, home: str | None) -> str | None:
    """The first file of ``cwd`` or a folder above it that runner ``name`` would take settings or code from; the
    person's home and the folders above it are theirs (user settings) and not looked at."""
    kind = ALIASES.get(name, name)
    files = PROJECT_FILES.get(kind)
    if files is None:
        return None
    home = os.path.realpath(home) if home else None
    here = os.path.realpath(cwd)
    while True:
        if home is None or not (home == here or home.startswith(here.rstrip("/") + "/")):
            for file in files:
                if os.path.lexists(os.path.join(here, file)):
                    return os.path.join(here, file)
            manifest = os.path.join(here, "package.json")
            if PACKAGE_KEYS.get(kind) and os.path.isfile(manifest):
                try:
                    with open(manifest, "rb") as f:
                        doc = json.loads(f.read(1 << 20) or b"{}")
                except (OSError, ValueError):
                    doc = {"unreadable": True}
                if not isinstance(doc, dict) or any(k in doc for k in (*PACKAGE_KEYS[kind], "unreadable")):
                    return manifest
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def rewrite(name: str, empty: str, args: list[str]) -> list[str]:
    """npx's and ``npm exec``'s arguments with an empty project (``--prefix EMPTY``) before the person's."""
    words = [a for a in args if not a.startswith("-")]
    if name == "npx" or (name == "npm" and words[:1] in (["exec"], ["x"])):
        return ["--prefix", empty, *args]
    return args


def find(name: str, own: str) -> str | None:
    for folder in os.environ.get("PATH", os.defpath).split(os.pathsep):
        if not folder or os.path.realpath(folder) == os.path.realpath(own):
            continue
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def refusal(name: str, found: str) -> str:
    return (f"macrohard: refused to start `{name}` for a host MCP server in {os.getcwd()}: {found} would give it "
            "its settings or its programs (the folder's own registry, scripts or packages, not yours). Start the "
            "server from another folder, give its full path in your mcp.yaml (`npx` is rewritten to ignore the "
            "folder), or list it under `sandbox:`")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        # rt57: `--check NAME`, from the node hook (connection._NODE_HOOK): a yarn, pnpm or corepack started by a
        # path no rewrite saw (`p=/usr/lo; ${p}cal/bin/yarn`) is refused in such a folder as one started by name
        found = project_settings(argv[1], os.getcwd(), os.environ.get("HOME"))
        if found is not None:
            print(refusal(argv[1], found), file=sys.stderr)
            return 126
        return 0
    name, empty, own, *args = argv
    real = None
    if args[:1] == ["--real"]:
        real, args = args[1], args[2:]
    real = real or find(name, own)
    if real is None:
        print(f"{name}: command not found", file=sys.stderr)
        return 127
    if name == "uv":
        folder = uv_folder(args, os.getcwd())
        found = project_settings(name, folder, os.environ.get("HOME")) if folder is not None else None
    else:
        found = project_settings(name, os.getcwd(), os.environ.get("HOME"))
    if found is not None:
        print(refusal(name, found), file=sys.stderr)
        return 126
    if name in ("uv", "uvx") and (set_by_us := os.environ.pop(UV_SET, "")) in ("UV_CONFIG_FILE", "UV_NO_CONFIG"):
        os.environ.pop(set_by_us, None)
    os.execv(real, [real, *rewrite(name, empty, args)])
    return 127  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
