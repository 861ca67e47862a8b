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
import re
from collections.abc import Callable
from typing import Any

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
# rt46: more of the same kind, each checked against what the tool does (its documentation, and for Python, pdb, git,
# make and npm, a run here): named by the file
NAMES.update({
    ".justfile": "`just` runs it",
    "sitecustomize.py": "Python imports it at every start of an interpreter whose path holds it (a virtualenv's "
                        "site-packages)",
    "usercustomize.py": "Python imports it at every start of an interpreter whose path holds it",
    ".pdbrc": "pdb runs its lines (Python statements with `!`) when you debug in the folder",
    ".pdbrc.py": "pdbpp runs it when you debug in the folder",
    ".exrc": "vim and neovim run it when opened in the folder (the `exrc` option)",
    ".vimrc": "vim runs it when opened in the folder (the `exrc` option)",
    ".nvimrc": "neovim runs it when opened in the folder (the `exrc` option)",
    ".nvim.lua": "neovim runs it when opened in the folder (the `exrc` option)",
    ".lvimrc": "vim's localvimrc runs it when a file in the folder is opened",
    ".dir-locals.el": "Emacs evaluates its `eval:` forms when a file in the folder is opened",
    ".dir-locals-2.el": "Emacs evaluates its `eval:` forms when a file in the folder is opened",
    ".devcontainer.json": "a dev container runs its commands when opened",
    "Gemfile": "`bundle` evaluates it (Ruby)", "gems.rb": "`bundle` evaluates it (Ruby)",
    "Vagrantfile": "`vagrant` evaluates it (Ruby)", "Guardfile": "`guard` evaluates it (Ruby)",
    "gradlew": "`./gradlew` runs it", "gradlew.bat": "`gradlew` runs it",
    "mvnw": "`./mvnw` runs it", "mvnw.cmd": "`mvnw` runs it",
    "build.gradle": "`gradle` runs it (Groovy)", "build.gradle.kts": "`gradle` runs it (Kotlin)",
    "settings.gradle": "`gradle` runs it (Groovy)", "settings.gradle.kts": "`gradle` runs it (Kotlin)",
    "init.gradle": "`gradle --init-script` runs it", "gradle.properties": "`gradle` reads it (JVM arguments)",
    "pytest.ini": "pytest reads it (`addopts = -p MODULE` loads a plugin)",
    "setup.cfg": "`pip install .` and pytest read it",
    "lefthook-local.yml": "lefthook runs it at `git commit`",
    ".lefthook-local.yml": "lefthook runs it at `git commit`",
    "Taskfile.yaml": "`task` runs it", "Earthfile": "`earthly` runs it",
    "meson.build": "`meson` runs it (run_command)",
    "mise.toml": "mise runs its hooks and env scripts when you `cd` into the folder",
    ".mise.toml": "mise runs its hooks and env scripts when you `cd` into the folder",
    ".rtx.toml": "mise (rtx) runs its hooks and env scripts when you `cd` into the folder",
})
# by folder (any path component): everything in it
# rt50c: git's own work-tree files that send data out or fetch code, tools that run a Python file of the folder, and
# build and environment files whose commands run on the host (each checked against the tool's documentation)
NAMES.update({
    ".gitmodules": "`git submodule update` fetches and checks out the repositories it names: a changed URL puts "
                   "another's code in your tree, built and run next",
    ".lfsconfig": "git-lfs sends the repository's large files to the server it names at `git push` (and fetches "
                  "from it)",
    "tasks.py": "`invoke` runs it", "fabfile.py": "`fab` runs it", "dodo.py": "`doit` runs it",
    "SConstruct": "`scons` runs it", "SConscript": "`scons` runs it", "wscript": "`waf` runs it",
    ".ycm_extra_conf.py": "vim's YouCompleteMe runs it when a file in the folder is opened",
    ".bazelrc": "`bazel` runs the commands it names (--workspace_status_command) at every build",
    "WORKSPACE": "`bazel` runs its repository rules", "WORKSPACE.bazel": "`bazel` runs its repository rules",
    "MODULE.bazel": "`bazel` runs its module extensions",
    "flake.nix": "`nix develop` runs its shellHook", "shell.nix": "`nix-shell` runs its shellHook",
    "docker-compose.yml": "`docker compose up` runs its containers with the host folders and privileges it gives them",
    "docker-compose.yaml": "`docker compose up` runs its containers with the host folders and privileges it gives them",
    "compose.yml": "`docker compose up` runs its containers with the host folders and privileges it gives them",
    "compose.yaml": "`docker compose up` runs its containers with the host folders and privileges it gives them",
})
# rt51c: files a later ordinary command of the person's installs from or runs (each checked against the tool's
# documentation): pip's settings name the index every `pip install` trusts; a container, Nix or Bazel build runs the
# commands its file names; asdf and mise put the versions `.tool-versions` names (a `path:` one: any folder's
# programs) first on PATH when you `cd` into the folder
NAMES.update({
    "pip.conf": "pip installs from the index and trusts the hosts it names (a virtualenv's own `pip.conf` at every "
                "`pip install` in it)",
    "pip.ini": "pip installs from the index and trusts the hosts it names",
    "Containerfile": "`podman build` / `docker build` runs its RUN lines and fetches the images and files it names",
    "default.nix": "`nix-build` and `nix-shell` evaluate it and run the builders and shellHook it names",
    "BUILD": "`bazel build` (or buck, pants) runs the commands of its rules (genrule)",
    "BUILD.bazel": "`bazel build` runs the commands of its rules (genrule)",
    "BUCK": "`buck2 build` runs the commands of its rules (genrule)",
    ".tool-versions": "asdf and mise install the versions it names and put them first on PATH when you `cd` into the "
                      "folder (a `path:` version: that folder's programs)",
})
# rt52c: the settings files a Python or conda install reads its index, channels and sources from
NAMES.update({
    "uv.toml": "`uv sync`, `uv pip install` and `uv run` install from the index and sources it names",
    "poetry.toml": "`poetry install` reads its repositories and settings",
    "pdm.toml": "`pdm install` reads the sources it names",
    ".condarc": "`conda install` and `conda env create` install from the channels it names",
    ".pypirc": "`twine upload` sends your packages (and their credentials) to the repositories it names",
})
# rt52c: lock files: `npm ci`, `yarn install`, `uv sync`, `poetry install`... fetch each package from where its entry
# says (``resolved``, ``source``, ``url``): judged by the hosts and local paths they fetch from, so a version bump
# from the same registry comes back and a package fetched from a new host does not
LOCKS = frozenset({"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "uv.lock",
                   "poetry.lock", "pdm.lock", "Pipfile.lock", "Cargo.lock", "composer.lock", "Gemfile.lock",
                   "conda-lock.yml", "pylock.toml"})
DOCKERFILE = re.compile(r"^(?:Dockerfile(?:\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile)$")
# pip's requirements and constraints files (`pip install -r`): judged by their lines that choose where code comes
# from (``_pip_sources``); a version bump comes back
REQUIREMENTS = re.compile(r"^(?:[\w.-]*requirements[\w.-]*|[\w.-]*constraints[\w.-]*)\.(?:txt|in)$")
# a JavaScript or TypeScript tool's config file is a module it imports, run as code (jest.config.js, vite.config.ts,
# eslint.config.mjs, .eslintrc.cjs, .prettierrc.js, karma.conf.js), by the tool and by editors' extensions that run it
JS_CONFIG = re.compile(r"^(?:[\w-]+(?:\.[\w-]+)*\.conf(?:ig)?|\.[\w-]+rc)\.[cm]?[jt]sx?$")
FOLDERS = {
    ".husky": "husky runs it as a git hook",
    ".githooks": "a hooks folder (core.hooksPath): git runs it",
    "git-hooks": "a hooks folder (core.hooksPath): git runs it",
    ".devcontainer": "a dev container runs its commands when opened",
    ".cargo": "cargo runs what its config names (rustc-wrapper, runner)",
    ".mvn": "`mvn` loads the extensions and JVM options it holds, and its wrapper downloads and runs Maven",
    ".bundle": "`bundle` reads its config (the Gemfile it evaluates, the gems' paths)",
    ".run": "JetBrains IDEs run its run configurations",
    "runConfigurations": "JetBrains IDEs run its run configurations",
    ".hooks": "a hooks folder (core.hooksPath): git runs it",
}
# the parts of a file that run programs (the rest of it is an ordinary edit): see ``_parts``
PARTS = ("package.json", "pyproject.toml", "Pipfile", "pom.xml", "composer.json")
VSCODE = {"tasks.json": "VS Code runs its tasks (runOn: folderOpen) when the folder opens",
          "settings.json": "VS Code runs the programs it names (interpreters, formatters, terminal profiles)",
          "launch.json": "VS Code runs it at F5"}


# native code by name: a shared library or extension module (`x.so`, `x.cpython-311-x86_64-linux-gnu.so`, `x.so.1`),
# Python's on Windows, node's addons, macOS's and Windows' libraries
NATIVE = re.compile(r"\.(?:so(?:\.\d+)*|pyd|node|dylib|dll)$")
CONFIG_BYTES = 256 * 1024  # a file this small or smaller is read for git settings that run programs (any name)


def needs_content(path: str, size: int | None = None) -> bool:
    """Whether ``runs_later`` judges ``path`` by what it holds (its old and new contents), not only by its name: the
    files whose parts run, and (rt46) every small file, which git reads as settings when the person's configuration
    includes it (``include.path = ../.gitconfig``, a team's shared settings in the work tree)."""
    name = path.rsplit("/", 1)[-1]
    return (name in PARTS or name in LOCKS or name.endswith(".pth") or name in GIT_HOOKS or _is_requirements(path)
            or (size is not None and size <= CONFIG_BYTES))


def runs_later(path: str, old: bytes | None = None, new: bytes | None = None, mode: int | None = None, *,
               link: bool = False) -> str | None:
    """Why ``path`` (relative, as in a change set) runs on the host later; None for an ordinary file. ``old`` and
    ``new``: the contents, for a file judged by what it holds (``needs_content``: ``package.json``'s scripts, a
    ``.pth`` file's ``import`` lines, a git hook's name on a program); ``mode``: the new file's mode."""
    parts = path.split("/")
    name = parts[-1]
    folders = parts[:-1]
    if link and needs_content(path):  # a `.pth`, a hook's name, package.json... as a link: what it points to is read
        return ("a link named as a file that runs code later (a .pth, a git hook, a package's scripts): what it points "
                "to is read and run")
    if name.endswith((".pyc", ".pyo")) or "__pycache__" in folders:
        # rt51: `import app` on the host ran a written-back `__pycache__/app.cpython-311.pyc` compiled from other code
        # (an unchecked-hash pyc, or one whose header names app.py's time and size): no diff shows bytecode
        return ("Python runs compiled bytecode in place of the source it is named for (at the next import, without "
                "reading the source); no diff shows what it does, and Python makes it again from the source")
    if NATIVE.search(name):
        return ("native code: Python imports an extension module before the .py beside it, node loads a .node addon, "
                "the loader a shared library; no diff shows what it does")
    if mode is not None and mode & 0o111 and (new is None or _unreadable(new)):
        return "a program no diff can show (a binary, shown only by its size and hash): running it runs what nobody read"
    added = _git_runs(new) - _git_runs(old)  # a setting added, or its program changed
    if added:
        return ("git settings that run programs (" + ", ".join(sorted({k for k, _ in added})[:4]) + "): git runs "
                "them in any repository whose configuration includes this file")
    if name.endswith(".pth") and _pth_runs(new):
        return "Python runs its `import` lines at every start of an interpreter whose site-packages holds it"
    if name in GIT_HOOKS and (_is_program(new) or (mode is not None and mode & 0o111)):
        return ("a git hook's name on a program: git runs it at the matching command from any folder that "
                "core.hooksPath names")
    # rt48: git's own folder never comes back (envs.changes); other version control's settings came back silently
    if ".hg" in folders and name in ("hgrc", "hgrc-not-shared"):
        return ("Mercurial runs the [hooks] it names (pre-status, pre-commit...) and loads its [extensions] at every "
                "`hg` command in the repository")
    if ".jj" in folders and "repo" in folders and (name == "config.toml" or folders[-1] == "config"):
        return "jj runs the programs its settings name (ui.pager, ui.editor, diff and merge tools) at every `jj` command"
    if ".idea" in folders and (name == "workspace.xml" or "runConfigurations" in folders):
        return "JetBrains IDEs run the run configurations it holds"
    if name.endswith(".run.xml"):
        return "JetBrains IDEs run it (a run configuration)"
    if "gradle" in folders and "wrapper" in folders:
        return "`./gradlew` downloads and runs the Gradle its wrapper names"
    if folders and folders[-1] == "init.d" and name.endswith((".gradle", ".gradle.kts")):
        return "`gradle` runs its init scripts"
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
    if DOCKERFILE.match(name):
        return "`docker build` runs its RUN lines and fetches the images and files it names"
    if _is_requirements(path) and _pip_sources(new) != _pip_sources(old):
        return ("`pip install -r` installs from where its lines say (--index-url, --extra-index-url, --find-links, "
                "--trusted-host, -e git+..., a URL, another file): a changed source puts another's code in your "
                "environment")
    if name in LOCKS and _lock_origins(new) - _lock_origins(old):
        return (f"the install it locks (`npm ci`, `yarn install`, `uv sync`, `poetry install`...) fetches packages from "
                f"where it says: it now names {', '.join(sorted(_lock_origins(new) - _lock_origins(old))[:3])}")
    if not _is_requirements(path) and _strict_pip_sources(new) != _strict_pip_sources(old):
        # rt52c: `pip install -r` reads any file it is given (`deps.txt`, `-c pins`): lines only pip would write
        return ("`pip install -r` (or `-c`) of this file installs from where its lines say (--index-url, "
                "--extra-index-url, --find-links, -e, a direct URL): a changed source puts another's code in your "
                "environment")
    if name in ("environment.yml", "environment.yaml") and _conda_sources(new) != _conda_sources(old):
        return "`conda env create` installs from the channels and pip sources it names"
    if JS_CONFIG.match(name):
        return "the tool it configures (jest, vite, eslint, babel, webpack...) runs it as code, and so do editors"
    if name.endswith(".mk"):
        return "`make` includes it"
    if name.endswith(".go") and _go_generate(new) - _go_generate(old):  # rt53: a source file like any other
        return "`go generate` runs the commands its //go:generate lines name"
    if name in GIT_HOOKS and folders and "hook" in folders[-1].lower():
        return "a git hook's name in a hooks folder (core.hooksPath): git runs it"
    if name == "package.json":
        if _scripts(new) != _scripts(old):
            return "npm runs its scripts (`npm install`, `npm test`...)"
    if name == "pyproject.toml":
        if _build_system(new) != _build_system(old):
            return "`pip install .` runs the build backend its [build-system] names"
        if _pyproject_sources(new) != _pyproject_sources(old):
            return ("`uv sync`, `poetry install`, `pdm install` and `pip install .` install from the indexes, sources "
                    "and direct URLs it names")
        if _toml_tools(new) != _toml_tools(old):
            return "its task runners' scripts (poe, pdm, hatch, taskipy) and pytest's options (`-p` loads a plugin) run"
    if name == "Cargo.toml" and _cargo_sources(new) != _cargo_sources(old):
        return ("`cargo build` builds (and runs the build scripts and procedural macros of) the crates it patches in or "
                "fetches from another path, git repository or registry ([patch], [replace], a dependency's path, git, "
                "registry), or the build script and procedural macro it names: a changed source puts other code in "
                "your build")
    if name in ("go.mod", "go.work") and _go_sources(new) != _go_sources(old):
        return ("`go build` and `go test` compile (and run) the modules its replace and use lines put in place of the "
                "ones it requires: a changed source puts other code in your build")
    if name == "composer.json" and _json_part(new, "scripts") != _json_part(old, "scripts"):
        return "`composer install` and `composer run` run its scripts"
    if name == "Pipfile" and _toml_part(new, "scripts") != _toml_part(old, "scripts"):
        return "`pipenv run` runs its [scripts]"
    if name == "Pipfile" and _pipfile_sources(new) != _pipfile_sources(old):
        return "`pipenv install` installs from the [[source]] indexes and the git, path and file packages it names"
    if name == "pom.xml" and _pom_parts(new) != _pom_parts(old):
        return "`mvn` runs the plugins and extensions it names (exec, antrun) from the repositories it names"
    return None


# git's settings that name a program git runs (git-config(1)), by section and key; ``*`` any subsection
_GIT_RUNS = {
    ("core", "fsmonitor"), ("core", "hookspath"), ("core", "pager"), ("core", "editor"), ("core", "sshcommand"),
    ("core", "askpass"), ("core", "gitproxy"), ("core", "worktree"), ("sequence", "editor"), ("gpg", "program"),
    ("gpg.*", "program"), ("credential", "helper"), ("credential.*", "helper"), ("diff", "external"),
    ("diff.*", "command"), ("diff.*", "textconv"), ("merge.*", "driver"), ("filter.*", "clean"), ("filter.*", "smudge"),
    ("filter.*", "process"), ("include", "path"), ("includeif.*", "path"), ("pager", "*"), ("uploadpack", "packobjectshook"),
    ("web", "browser"), ("browser.*", "cmd"), ("man.*", "cmd"), ("difftool.*", "cmd"), ("mergetool.*", "cmd"),
    ("sendemail", "sendmailcmd"), ("sendemail", "smtpserver"), ("remote.*", "uploadpack"), ("remote.*", "receivepack"),
    ("remote.*", "vcs"), ("protocol", "allow"), ("protocol.*", "allow"), ("url.*", "insteadof"), ("hook.*", "command"),
    ("submodule.*", "update"), ("http", "sslkey"), ("http", "proxy"), ("instaweb", "httpd"),
}


def git_settings_that_run(data: bytes | None) -> set[str]:
    """The settings of ``data``, read as git reads a configuration file, that make git run a program (an alias with
    ``!``, ``core.fsmonitor``, a filter, a pager...). Empty for a file that is not one."""
    return {key for key, _ in _git_runs(data)}


def _git_runs(data: bytes | None) -> set[tuple[str, str]]:
    if not data or b"[" not in data or b"\0" in data[:8192]:
        return set()
    found: set[tuple[str, str]] = set()
    section = ""

    for raw in data.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        head = re.match(r'^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$', line)
        if head:
            section = head.group(1).lower() + (".*" if head.group(2) is not None or "." in head.group(1) else "")
            if section.count(".") > 1 or (head.group(2) is None and "." in head.group(1)):
                section = head.group(1).split(".", 1)[0].lower() + ".*"
            line = head.group(3).strip()
            if not line:
                continue
        key, eq, value = line.partition("=")
        key = key.strip().lower()
        if not section or not key or key[0] in "#;" or not re.fullmatch(r"[a-z][a-z0-9-]*", key):
            continue
        value = value.strip().strip('"') if eq else ""
        base = section.split(".", 1)[0]
        if base == "alias" and value.startswith("!"):
            found.add((f"alias.{key}", value))
        elif (section, key) in _GIT_RUNS or (section, "*") in _GIT_RUNS or (base + ".*", key) in _GIT_RUNS:
            found.add((f"{section.replace('.*', '.X')}.{key}", value))
    return found


def _is_requirements(path: str) -> bool:
    parts = path.split("/")
    return bool(REQUIREMENTS.match(parts[-1])) or (
        len(parts) > 1 and parts[-2] in ("requirements", "reqs") and parts[-1].endswith((".txt", ".in")))


def _pip_sources(data: bytes | None) -> object:
    """A requirements file's lines that say where pip takes code from: its options (``-i``, ``--extra-index-url``,
    ``-f``, ``--trusted-host``, ``-e``, ``-r``, ``-c``...; not a requirement's own ``--hash``) and its direct
    references (``NAME @ URL``, ``git+...``, a URL or path). Unreadable text counts as changed."""
    if data is None:
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ("unreadable", data)
    found = []
    for raw in text.replace("\\\n", " ").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not line:
            continue
        words = [w for w in line.split() if not w.startswith("--hash")]
        if words and (words[0].startswith("-") or "://" in line or " @ " in f" {line} " or line.startswith(
                ("git+", "hg+", "svn+", "bzr+", "file:", ".", "/", "~"))):
            found.append(" ".join(words))
    return sorted(found)


_STRICT_OPTION = re.compile(r"^(?:-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|-e|--editable|-r|"
                            r"--requirement|-c|--constraint)(?:=|\s+)\S+$")
_DIRECT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*@\s*(?:[a-z]+\+)?[a-z]+://\S+")
_VCS_OR_ARCHIVE = re.compile(r"^(?:(?:git|hg|svn|bzr)\+[a-z]+://\S+|(?:https?|file)://\S+\.(?:whl|tar\.gz|tgz|zip|"
                             r"tar\.bz2)(?:#\S*)?)$")


def _strict_pip_sources(data: bytes | None) -> list[str]:
    """A file's lines that only pip's requirements syntax would write and that choose where code comes from: an
    option line (``--index-url URL``, ``-e git+...``, ``-r FILE``...) alone on its line, ``NAME @ URL``, a VCS or
    archive URL alone. For a file of any name (rt52c: ``pip install -r deps.txt``); prose with dashes stays prose."""
    if not data or b"\0" in data[:8192]:
        return []
    found = []
    for raw in data.decode("utf-8", "replace").replace("\\\n", " ").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if line and (_STRICT_OPTION.match(line) or _DIRECT.match(line) or _VCS_OR_ARCHIVE.match(line)):
            found.append(line)
    return sorted(found)


_ORIGIN = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://[^/\s\"'#?]*|\b(?:file|link|path|git\+[a-z]+):[^\s\"',}]*|"
                     r"\bpath\s*=\s*\"[^\"]*\"|\"(?:path|directory|editable)\"\s*:\s*\"[^\"]*\")")


def _lock_origins(data: bytes | None) -> set[str]:
    """The hosts (scheme and host) and local paths a lock file fetches packages from."""
    if not data:
        return set()
    return set(_ORIGIN.findall(data.decode("utf-8", "replace")))


def _pyproject_sources(data: bytes | None) -> object:
    """A pyproject.toml's parts that say where its packages come from: uv's indexes and sources, poetry's and pdm's
    sources, a poetry dependency given by git, URL or path, a direct reference (``NAME @ URL``) in any list."""
    doc = _toml_part(data)
    if not isinstance(doc, dict):
        return doc
    tool = doc.get("tool") if isinstance(doc.get("tool"), dict) else {}
    uv = tool.get("uv") if isinstance(tool.get("uv"), dict) else {}
    found: list[object] = [{k: uv.get(k) for k in ("index", "index-url", "extra-index-url", "find-links", "sources",
                                                   "no-index", "pip", "workspace")},
                           _toml_part(data, "tool", "poetry", "source"), _toml_part(data, "tool", "pdm", "source")]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"git", "url", "path", "source", "file"} & set(node):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and re.search(r"@\s*(?:[a-z]+\+)?[a-z]+://|@\s*file:", node):
            found.append(node)

    walk({k: doc.get(k) for k in ("project", "dependency-groups")})
    walk({k: v for k, v in (tool.get("poetry") or {}).items() if "depend" in k or k == "group"}
         if isinstance(tool.get("poetry"), dict) else None)
    return found


def _pipfile_sources(data: bytes | None) -> object:
    doc = _toml_part(data)
    if not isinstance(doc, dict):
        return doc
    packages = [v for k in ("packages", "dev-packages") if isinstance(doc.get(k), dict) for v in doc[k].values()
                if isinstance(v, dict) and {"git", "path", "file", "index", "ref", "editable"} & set(v)]
    return [doc.get("source"), packages]


def _conda_sources(data: bytes | None) -> object:
    """An environment.yml's channels and the pip options and direct URLs of its ``pip:`` list."""
    import yaml

    if data is None:
        return None
    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError:
        return ("unparsed", data)
    if not isinstance(doc, dict):
        return ("not a mapping", data)
    pip = [line for dep in doc.get("dependencies") or [] if isinstance(dep, dict)
           for line in dep.get("pip") or [] if isinstance(line, str)]
    direct = [d for d in doc.get("dependencies") or [] if isinstance(d, str) and "://" in d]
    return [doc.get("channels"), _strict_pip_sources("\n".join(pip).encode()), direct]


def _pth_runs(data: bytes | None) -> bool:
    """Python's ``site`` executes a ``.pth`` line that starts with ``import`` (then a space or a tab); others are
    paths. Unreadable text is taken as running."""
    if data is None:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return any(line.startswith(("import ", "import\t")) for line in text.splitlines())


def _unreadable(data: bytes) -> bool:
    """A binary (an ELF, or bytes with NULs that are not UTF-16 text) rather than a script a diff shows."""
    return data.startswith(b"\x7fELF") or b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _is_program(data: bytes | None) -> bool:
    return bool(data) and (data.startswith(b"#!") or data.startswith(b"\x7fELF"))


def _json_part(data: bytes | None, key: str) -> object:
    if data is None:
        return None
    try:
        doc = json.loads(data)
    except ValueError:
        return ("unparsed", data)
    return doc.get(key) if isinstance(doc, dict) else ("not an object", data)


def _toml_part(data: bytes | None, *keys: str) -> object:  # no keys: the whole document
    import tomllib

    if data is None:
        return None
    try:
        doc: object = tomllib.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return ("unparsed", data)
    for key in keys:
        doc = doc.get(key) if isinstance(doc, dict) else None
    return doc


def _toml_tools(data: bytes | None) -> object:
    """The pyproject.toml tables that run commands: task runners' scripts, hatch's environments, pytest's options."""
    return [_toml_part(data, "tool", *keys) for keys in (("poe",), ("pdm", "scripts"), ("hatch", "envs"),
                                                           ("taskipy",), ("pytest",), ("setuptools", "cmdclass"))]


def _pom_parts(data: bytes | None) -> object:
    if data is None:
        return None
    text = data.decode("utf-8", "replace")
    return [re.findall(rf"<{tag}>.*?</{tag}>", text, re.S) for tag in ("plugins", "extensions", "repositories",
                                                                         "pluginRepositories", "profiles")]


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



def named_by_the_tree(paths: list[str], read: Callable[[str], bytes | None]) -> dict[str, str]:
    """The changed ``paths`` that a build's own settings in the tree name as code it runs (``read``: a file's text in
    the tree as it will be, relative path; None where there is none). rt52c left these open and rt53 wrote them back:
    an edit to the in-tree build backend a ``pyproject.toml``'s ``[build-system] backend-path`` names (``pip install
    .`` imports it), and to the build script a ``Cargo.toml``'s ``[package] build`` names (``cargo build`` runs it):
    each an ordinary-looking ``.py`` or ``.rs`` by name."""
    import posixpath
    import tomllib

    seen: dict[str, dict[str, Any]] = {}

    def settings(manifest: str) -> dict[str, Any]:
        if manifest not in seen:
            data = read(manifest)
            try:
                seen[manifest] = tomllib.loads(data.decode("utf-8")) if data else {}
            except (ValueError, UnicodeDecodeError):
                seen[manifest] = {}
        return seen[manifest]

    out: dict[str, str] = {}
    for path in paths:
        folders = path.split("/")[:-1]
        for depth in range(len(folders), -1, -1):  # the manifests of every folder above it, nearest first
            root = "/".join(folders[:depth])
            rel = posixpath.relpath(path, root or ".")
            backend = settings(posixpath.join(root, "pyproject.toml")).get("build-system") or {}
            places = backend.get("backend-path") if isinstance(backend, dict) else None
            if isinstance(places, list) and path.endswith(".py") and any(
                    isinstance(p, str) and (rel + "/").startswith(posixpath.normpath(p).strip("/") + "/")
                    for p in places):
                out[path] = ("`pip install .` imports it: it is in the in-tree build backend's folder "
                             "(pyproject.toml's [build-system] backend-path)")
                break
            manifest = settings(posixpath.join(root, "Cargo.toml"))
            package = manifest.get("package") or {}
            build = package.get("build") if isinstance(package, dict) else None
            if isinstance(build, str) and posixpath.normpath(build) == rel:
                out[path] = "`cargo build` runs it: Cargo.toml's [package] build names it as the build script"
                break
            if manifest and path.endswith(".rs") and rel in _build_modules(root, build, read):
                out[path] = ("`cargo build` runs it: the build script takes it in (`mod`, `#[path]`, `include!`), "
                             "so it is part of the build script")
                break
            lib = manifest.get("lib") or {}
            if path.endswith(".rs") and isinstance(lib, dict) and (lib.get("proc-macro") or lib.get("proc_macro")) \
                    and not rel.startswith(("tests/", "benches/", "examples/")):
                out[path] = ("`cargo build` runs it inside the compiler of every crate that uses it: Cargo.toml's "
                             "[lib] is a procedural macro")
                break
    return out


_MOD = re.compile(r'(?m)^\s*(?:#\[path\s*=\s*"([^"]+)"\]\s*)?(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;')
_INCLUDE = re.compile(r'\binclude!\s*\(\s*"([^"]+)"\s*\)')


def _build_modules(root: str, build: object, read: Callable[[str], bytes | None]) -> set[str]:
    """The files (relative to the crate's ``root``) a crate's build script takes in, as the tree will hold them:
    its ``mod NAME;`` (``NAME.rs``, ``NAME/mod.rs``; a ``#[path = "…"]`` one), its ``include!("…")``, and theirs.
    rt53 left these open: an edit to ``helper.rs`` that ``build.rs`` declares with ``mod helper;`` came back as an
    ordinary source file, and ``cargo build`` ran it."""
    import posixpath

    script = posixpath.normpath(build) if isinstance(build, str) else "build.rs" if build is not False else ""
    out: set[str] = set()
    todo = [(script, True)] if script else []
    while todo and len(out) < 64:
        rel, owns = todo.pop()
        data = read(posixpath.join(root, rel) if root else rel)
        if data is None:
            continue
        text = data.decode("utf-8", "replace")
        here = posixpath.dirname(rel)
        # a module file that is not a crate root nor a mod.rs looks for its own modules in a folder of its name
        base = here if owns or posixpath.basename(rel) == "mod.rs" else posixpath.splitext(rel)[0]
        found = [(posixpath.normpath(posixpath.join(here, p)), False) for p in _INCLUDE.findall(text)]
        for given, name in _MOD.findall(text):
            found += [(posixpath.normpath(posixpath.join(here, given)), False)] if given else [
                (posixpath.join(base, f"{name}.rs") if base else f"{name}.rs", False),
                (posixpath.join(base, name, "mod.rs") if base else f"{name}/mod.rs", False)]
        for item in found:
            if item[0] not in out and not item[0].startswith(".."):
                out.add(item[0])
                todo.append(item)
    return out


def _cargo_sources(data: bytes | None) -> object:
    """What of a Cargo.toml says where code comes from or what runs at build (rt54: `[patch]`, `[replace]` and a
    dependency's `path`/`git`/`registry` were not judged): those tables, each dependency's source keys (a version bump
    from the same registry is an ordinary edit), the build script, `[lib]`'s path and proc-macro."""
    doc = _toml_part(data)
    if not isinstance(doc, dict):
        return doc
    kinds = ("dependencies", "dev-dependencies", "build-dependencies")
    tables: list[tuple[str, object]] = [(k, doc.get(k)) for k in kinds]
    tables += [(k, (doc.get("workspace") or {}).get(k)) for k in ("dependencies",) if isinstance(doc.get("workspace"), dict)]
    for target, spec in (doc.get("target") or {}).items() if isinstance(doc.get("target"), dict) else ():
        tables += [(f"{target}.{k}", spec.get(k)) for k in kinds if isinstance(spec, dict)]
    keys = ("path", "git", "branch", "tag", "rev", "registry", "registry-index", "package")
    sources = {f"{where}.{dep}": {k: v for k, v in spec.items() if k in keys}
               for where, table in tables if isinstance(table, dict)
               for dep, spec in table.items() if isinstance(spec, dict) and set(spec) & set(keys)}
    package = doc.get("package") if isinstance(doc.get("package"), dict) else {}
    lib = doc.get("lib") if isinstance(doc.get("lib"), dict) else {}
    return (doc.get("patch"), doc.get("replace"), sources, package.get("build"), package.get("links"),
            lib.get("path"), lib.get("proc-macro"), lib.get("proc_macro"))


def _go_sources(data: bytes | None) -> set[str]:
    """A go.mod's `replace` directives and a go.work's `use` and `replace` ones (single or in a block), as written."""
    out: set[str] = set()
    block = ""
    for raw in (data or b"").decode("utf-8", "replace").splitlines():
        line = raw.split("//", 1)[0].strip()
        if block:
            if line.startswith(")"):
                block = ""
            elif line:
                out.add(f"{block} {line}")
            continue
        m = re.match(r"(replace|use)\s*(\(?)\s*(.*)$", line)
        if m and m.group(2):
            block = m.group(1)
        elif m and m.group(3):
            out.add(f"{m.group(1)} {m.group(3)}")
    return out


def _go_generate(data: bytes | None) -> set[bytes]:
    """A Go file's ``//go:generate`` lines (the commands ``go generate`` runs)."""
    return set(re.findall(rb"(?m)^//go:generate[ \t](.*)$", data or b""))
