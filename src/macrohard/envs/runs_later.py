"""Files that run code on the host later, when the person does something ordinary: held back from a write-back.

rt45: an agent that read an injected page could plant, in the person's real folder, a file that runs at their next
`git commit` (``.husky/pre-commit``, ``.pre-commit-config.yaml``, a hook under a ``core.hooksPath`` folder), `make`
(``Makefile``), `npm test` or `npm install` (``package.json`` scripts, ``.npmrc``), opening the folder in an editor
(``.vscode/tasks.json`` ``runOn: folderOpen``, ``settings.json``), `cd` (``.envrc`` with direnv), `pytest`
(``conftest.py``), `pip install .` (``setup.py``), a push (``.github/workflows``). Written back with the ordinary
edits, nothing set them apart: the person never saw that what they run next was the agent's.

What serious tools do (pre-commit's, direnv's `allow`, VS Code's workspace trust, Codex's and Claude Code's edits
outside a project): such a file is shown apart and applied only by the person's word. Here a write-back writes the
ordinary edits and holds these back (recorded in the change set, with the reason); the close says which and why,
`macrohard runs diff ID` shows them and `macrohard runs apply ID` writes them. A coding agent's Makefile edit for
the person's own task is one command away, and seen.
"""

from __future__ import annotations

import json

GIT_HOOKS = frozenset({
    "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit", "prepare-commit-msg",
    "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive", "update",
    "proc-receive", "post-receive", "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc",
    "post-rewrite", "sendemail-validate", "fsmonitor-watchman", "post-index-change",
})
# by file name, anywhere in the tree: what runs it
NAMES = {
    "Makefile": "`make` runs it", "makefile": "`make` runs it", "GNUmakefile": "`make` runs it",
    "justfile": "`just` runs it", "Justfile": "`just` runs it", "Taskfile.yml": "`task` runs it",
    ".pre-commit-config.yaml": "pre-commit runs its hooks at `git commit`",
    ".pre-commit-hooks.yaml": "pre-commit runs its hooks at `git commit`",
    ".envrc": "direnv runs it when you `cd` into the folder",
    "conftest.py": "pytest runs it at every test run",
    "setup.py": "`pip install .` runs it", "noxfile.py": "`nox` runs it",
    ".gitattributes": "git runs the filters and diff drivers it names",
    ".npmrc": "npm reads it at every command (scripts, node options)",
    ".yarnrc": "yarn reads it at every command", ".yarnrc.yml": "yarn reads it at every command",
    ".lefthook.yml": "lefthook runs it at `git commit`", "lefthook.yml": "lefthook runs it at `git commit`",
    "tox.ini": "`tox` runs its commands", "build.rs": "`cargo build` runs it",
    "CMakeLists.txt": "`cmake` runs it (execute_process)", "Rakefile": "`rake` runs it",
    "Gruntfile.js": "`grunt` runs it", "gulpfile.js": "`gulp` runs it",
}
# by folder (any path component): everything in it
FOLDERS = {
    ".husky": "husky runs it as a git hook",
    ".githooks": "a hooks folder (core.hooksPath): git runs it",
    "git-hooks": "a hooks folder (core.hooksPath): git runs it",
    ".devcontainer": "a dev container runs its commands when opened",
    ".cargo": "cargo runs what its config names (rustc-wrapper, runner)",
}
VSCODE = {"tasks.json": "VS Code runs its tasks (runOn: folderOpen) when the folder opens",
          "settings.json": "VS Code runs the programs it names (interpreters, formatters, terminal profiles)",
          "launch.json": "VS Code runs it at F5"}


def runs_later(path: str, old: bytes | None = None, new: bytes | None = None) -> str | None:
    """Why ``path`` (relative, as in a change set) runs on the host later; None for an ordinary file. ``old`` and
    ``new``: the contents, for a file that runs code only in part (``package.json``: its scripts)."""
    parts = path.split("/")
    name = parts[-1]
    folders = parts[:-1]
    for folder in folders:
        if folder in FOLDERS:
            return FOLDERS[folder]
    if ".github" in folders and ("workflows" in folders or "actions" in folders):
        return "CI runs it (with the repository's secrets) at the next push"
    if name.endswith(".code-workspace"):
        return "VS Code runs the tasks and settings it holds"
    if folders and folders[-1] == ".vscode" and name in VSCODE:
        return VSCODE[name]
    if name in NAMES:
        return NAMES[name]
    if name.endswith(".mk"):
        return "`make` includes it"
    if name in GIT_HOOKS and folders and "hook" in folders[-1].lower():
        return "a git hook's name in a hooks folder (core.hooksPath): git runs it"
    if name == "package.json":
        if _scripts(new) != _scripts(old):
            return "npm runs its scripts (`npm install`, `npm test`...)"
    if name == "pyproject.toml":
        if _build_system(new) != _build_system(old):
            return "`pip install .` runs the build backend its [build-system] names"
    return None


def _build_system(data: bytes | None) -> object:
    """A pyproject.toml's ``[build-system]`` (the backend ``pip install .`` imports, and where from); a version bump
    elsewhere is an ordinary edit. Anything that does not parse counts as changed."""
    import tomllib

    if data is None:
        return None
    try:
        return tomllib.loads(data.decode("utf-8")).get("build-system")
    except (ValueError, UnicodeDecodeError):
        return ("unparsed", data)


def _scripts(data: bytes | None) -> object:
    """A package.json's parts that run programs; anything that does not parse counts as changed."""
    if data is None:
        return None
    try:
        doc = json.loads(data)
    except ValueError:
        return ("unparsed", data)
    if not isinstance(doc, dict):
        return ("not an object", data)
    return {key: doc.get(key) for key in ("scripts", "config", "bin", "gypfile", "workspaces")}

