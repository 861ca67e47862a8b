"""Start-up files of the home folder, judged where the program that reads them runs.

The shell's home folder is the workspace in every environment macrohard starts (``envs.workspace._clean_env``), so
a file the run wrote there, by any means (a write, ``cp``, an archive, ``git checkout``, ``pip install --user``),
configures the next ordinary command: guard20's ``~/.gitconfig`` with ``core.fsmonitor`` ran at ``git status``, a
``.pth`` in ``~/.local/lib/python3.11/site-packages`` at ``python3``, a ``~/.sqliterc`` ``.shell`` at ``sqlite3``, a
``~/.vimrc``, ``~/.gdbinit``, ``~/.perldb``, ``~/.ssh/config`` ``ProxyCommand``, ``~/.selected_editor`` each at its
program. Writing these names is judged too (``rules_data.WRITE_TARGETS``); this reads them where they take effect.
"""

from __future__ import annotations

import glob
import os
import posixpath
import re
import sys
from typing import TYPE_CHECKING

from macrohard.safety.regular import text_of  # never waits on a pipe (`mkfifo .sqliterc` held the review)

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# program -> the home files that configure it with commands or code the guard does not read itself
_OPAQUE: dict[str, tuple[str, ...]] = {
    "vim": (".vimrc", "_vimrc", ".exrc", ".vim", ".config/nvim", ".gvimrc"),
    "gdb": (".gdbinit", ".config/gdb/gdbinit", ".gdbearlyinit", ".config/gdb/gdbearlyinit"),
    "less": (".lesskey", ".config/lesskey", ".lesskey.src"),
    "tmux": (".tmux.conf", ".config/tmux/tmux.conf"),
    "curl": (".curlrc", ".config/curlrc"),
    "wget": (".wgetrc",),
    "screen": (".screenrc",),
    # guard38: ImageMagick's delegates.xml names the command it runs for a format (a stand-in here; real elsewhere)
    "convert": (".config/ImageMagick", ".magick"),
    # guard39: the mvn script (and mvnw) sources ~/.mavenrc as shell code; cpan loads ~/.cpan/CPAN/MyConfig.pm as Perl
    "mvn": (".mavenrc",),
    "cpan": (".cpan/CPAN/MyConfig.pm", ".local/share/.cpan/CPAN/MyConfig.pm"),
}
_ALIASES = {"vi": "vim", "view": "vim", "ex": "vim", "rvim": "vim", "nvim": "vim", "gvim": "vim", "vimdiff": "vim",
            "vim.basic": "vim", "vim.tiny": "vim", "more": "less", "magick": "convert", "mogrify": "convert",
            "identify": "convert", "composite": "convert", "montage": "convert", "compare": "convert",
            "conjure": "convert", "stream": "convert", "animate": "convert", "display": "convert", "import": "convert",
            "mvnw": "mvn", "./mvnw": "mvn", "mvnDebug": "mvn", "mvnDebug.cmd": "mvn"}
# options that make the program skip those files
_SKIP = {"vim": ("-u", "--clean", "--noplugin"), "gdb": ("-nx", "-n", "--nx", "-nh"), "curl": ("-q", "--disable"),
         "tmux": ("-f",), "wget": ("--no-config",), "less": ()}
_LESSFILTER_RUNNERS = frozenset({"less", "lesspipe", "lessfile", "sensible-pager", "pager", "more"})
_GIT_NETWORK = frozenset({"fetch", "pull", "push", "clone", "ls-remote", "submodule", "remote", "archive"})


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """The home files ``prog`` reads at its start, where the run could have written them."""
    home = an.paths.workspaces[0] if an.paths.workspaces else ""
    if not home:
        return
    name = _ALIASES.get(prog, prog)
    if name in _OPAQUE and not any(a in _SKIP.get(name, ()) for a in args):
        for rel in _OPAQUE[name]:
            if os.path.exists(posixpath.join(home, rel)):
                an.r.add("dynamic", f"{prog} reads ~/{rel} when it starts, a file of the workspace that may run "
                                    "commands; remove it, or run the program with its start-up files off")
                break
    if name == "vim":  # `-u FILE`, `-S FILE`: vim runs the commands of a file (guard20: `:!sh run.sh` in one ran)
        for i, a in enumerate(args):
            value = args[i + 1] if i + 1 < len(args) else ""
            if a in ("-u", "-U", "-S") and value not in ("NONE", "NORC", "DEFAULTS", "") or a == "-S" and not value:
                an.r.add("dynamic", f"{prog} {a} {value[:40]} runs the vim commands of that file, which may run any "
                                    "program")
                break
    if name in ("mvn", "mvnw", "./mvnw"):  # the project's .mvn/jvm.config: options of the JVM maven starts (guard20)
        folder = an.paths.resolve(cmd.cwd or ".", None)
        for rel in (".mvn/jvm.config", ".mvn/maven.config"):
            if re.search(r"-javaagent|-agentpath|-agentlib|-XX:On\w*Error|-XX:Flags|(?:^|\s)@",
                         text_of(posixpath.join(folder, rel))):
                an.r.add("dynamic", f"{prog} starts its JVM with the options of {rel}, which load or run a program")
    if name in ("npm", "yarn") and any(a in ("init", "innit", "create") for a in args[:3]) and os.path.lexists(
            posixpath.join(home, ".npm-init.js")):  # guard39: `npm init -y` runs the init module ~/.npm-init.js
        an.r.add("dynamic", f"{prog} init runs ~/.npm-init.js, a file of the workspace the guard does not read; "
                            "remove it, or write package.json yourself")
    if name in ("node", "nodejs", "npm", "npx") or prog.startswith("node"):
        for rel in (".node_modules", ".node_libraries"):  # guard38: require() looks there after the project's folders
            if os.path.lexists(posixpath.join(home, rel)):
                an.r.add("dynamic", f"{prog} loads modules from ~/{rel}, a folder of the workspace, where a "
                                    "require() finds no other; the guard does not read them: remove it")
                break
    if name in _LESSFILTER_RUNNERS and os.path.isfile(lf := posixpath.join(home, ".lessfilter")):
        # guard37: Debian's lesspipe (LESSOPEN='|lesspipe %s', `eval "$(lesspipe)"`, or run by itself) runs
        # ~/.lessfilter first: `less a.txt` ran it, written a step earlier
        an.script(lf, cmd.cwd, depth + 1)
    if name == "sqlite3" and "-init" not in args:
        _client(an, prog, posixpath.join(home, ".sqliterc"), cmd, depth)
    elif name == "psql" and not any(a in ("-X", "--no-psqlrc") for a in args):
        _client(an, prog, posixpath.join(home, ".psqlrc"), cmd, depth)
    elif name in ("ssh", "scp", "sftp") and not any(a == "-F" or a.startswith("-F") for a in args):
        ssh_config(an, posixpath.join(home, ".ssh/config"), depth, cmd.cwd)
    elif name == "git":
        git(an, args, depth, cmd.cwd)
    elif name == "perl" and any(re.fullmatch(r"-d(?::\S*)?", a) for a in args):
        for where in (cmd.cwd or home, home):
            if os.path.isfile(posixpath.join(an.paths.resolve(where, None), ".perldb")):
                an.r.add("dynamic", f"perl -d runs the Perl code of {where}/.perldb first")
                break
    elif name in ("sensible-editor", "select-editor", "sensible-pager", "sensible-browser"):
        text = text_of(posixpath.join(home, ".selected_editor"))
        for m in re.finditer(r"^\s*SELECTED_EDITOR\s*=\s*(['\"]?)(.+?)\1\s*$", text, re.M):
            an.line(m.group(2), depth + 1, cmd.cwd)
    if name in ("ssh", "scp", "sftp"):
        for i, a in enumerate(args):
            if a == "-F" and i + 1 < len(args) or a.startswith("-F") and len(a) > 2:
                ssh_config(an, an.paths.resolve(args[i + 1] if a == "-F" else a[2:], cmd.cwd), depth, cmd.cwd)


def python(an: Analyzer, prog: str, args: list[str], depth: int, cwd: str | None) -> None:
    """The user site-packages of the home folder: its ``.pth`` lines that start with ``import`` and its
    ``usercustomize``/``sitecustomize`` modules run at every Python start (``-s``, ``-I``, ``-E`` aside)."""
    if any(re.fullmatch(r"-[A-Za-z]*[sI][A-Za-z]*", a) for a in args[:3]) or not an.paths.workspaces:
        return
    home = an.paths.workspaces[0]
    module = next((a[2:] or (args[i + 1] if i + 1 < len(args) else "") for i, a in enumerate(args[:4])
                   if a.startswith("-m")), "").split(".", 1)[0]
    for folder in user_sites(home):
        for name in sorted(os.listdir(folder))[:200]:
            path = posixpath.join(folder, name)
            if name.endswith(".pth"):
                code = "\n".join(line for line in text_of(path).splitlines() if line.startswith(("import ", "import\t")))
                if code:
                    an.code("python3", code, depth, cwd)
            elif name in ("usercustomize.py", "sitecustomize.py"):
                an.code("python3", text_of(path), depth, cwd, where=folder)
            elif name != "__pycache__" and (name.endswith((".py", ".pyc", ".so")) or os.path.isdir(path)) and (
                    _plugins(path) if name.endswith((".dist-info", ".egg-info")) else
                    _module(name) in _system_modules() or bool(module) and _module(name) == module):
                # guard38: the user site comes before the system's packages: a pytest.py, pluggy.py or yaml.py
                # there replaced the system's module at `python3 -m pytest`/`import yaml`, and a dist-info's
                # entry_points.txt ([pytest11]) loaded its module into every pytest run. A module of a new name
                # (an honest `pip install --user` of the project's own wheel) replaces nothing: it runs only where
                # code the guard reads imports it by that name, or where `-m` runs it (asked here)
                an.r.add("dynamic", f"{prog} puts ~/{posixpath.relpath(folder, home)} (in the workspace) on its path "
                                    f"before the system's packages, and it holds {name[:40]}: code there replaces "
                                    "the system's modules and plugins unread; remove it, or run python3 -s")
                break


def user_sites(home: str) -> list[str]:
    """The home's user site-packages folders (``~/.local/lib/python3*/site-packages``), at most four."""
    return sorted(glob.glob(posixpath.join(glob.escape(home), ".local/lib/python3*/site-packages")))[:4]


def import_folders(an: Analyzer) -> list[str]:
    """Where Python's imports look in the home's user site: each ``~/.local/lib/python3*/site-packages`` folder and
    the folders its ``.pth`` files name on lines of their own (site.py adds both to ``sys.path``). The lead's
    thirty-eighth wave: a module a wheel put there (`pip install --user ./w.whl`, the wheel decoded from base64) ran
    unread at ``import zq_mod`` and through its console script on ``PATH=$HOME/.local/bin:$PATH``, where the same
    code written beside the script was read and held."""
    if not an.paths.workspaces:
        return []
    folders = []
    for folder in user_sites(an.paths.workspaces[0]):
        folders.append(folder)
        try:
            names = sorted(os.listdir(folder))[:200]
        except OSError:
            continue
        for name in names:
            if name.endswith(".pth"):
                for line in text_of(posixpath.join(folder, name)).splitlines()[:50]:
                    line = line.strip()
                    if line and not line.startswith(("#", "import ", "import\t")):
                        folders.append(an.paths.resolve(line, folder))
    return folders


def _module(name: str) -> str:
    """The top-level module a site-packages entry provides (``yaml``, ``_yaml.cpython-311-….so``, ``pytest.py``)."""
    return name.split(".", 1)[0]


def _plugins(path: str) -> bool:
    """A distribution's entry points that programs load on their own (``[pytest11]``, ``[flake8.extension]`` …);
    ``console_scripts``/``gui_scripts`` only name commands written to ``~/.local/bin``."""
    groups = set(re.findall(r"^\s*\[([^\]]+)\]", text_of(posixpath.join(path, "entry_points.txt")), re.M))
    return bool(groups - {"console_scripts", "gui_scripts"})


_SYSTEM: frozenset[str] = frozenset()


def _system_modules() -> frozenset[str]:
    """The standard library's modules and every module of the system's Python packages: what a user-site entry of
    the same name replaces for the system's own programs (pytest, pygmentize, yq …) and for every import."""
    global _SYSTEM
    if not _SYSTEM:
        from macrohard.safety.pyrun import STDLIB

        names = set(STDLIB) | set(sys.builtin_module_names)
        for folder in (glob.glob("/usr/lib/python3/dist-packages") + glob.glob("/usr/lib/python3*/site-packages")
                       + glob.glob("/usr/local/lib/python3*/dist-packages") + glob.glob("/usr/local/lib/python3*/site-packages")):
            try:
                names |= {_module(n) for n in os.listdir(folder)}
            except OSError:
                continue
        _SYSTEM = frozenset(names)
    return _SYSTEM


def git(an: Analyzer, args: list[str], depth: int, cwd: str | None) -> None:
    """``~/.gitconfig`` and ``~/.config/git/config``: each setting judged as a ``git config`` of it is."""
    from macrohard.safety import programs

    home = an.paths.workspaces[0]
    for rel in (".gitconfig", ".config/git/config"):
        for key, value in _git_settings(text_of(posixpath.join(home, rel))):
            programs.git_setting(an, key, value, depth, cwd)
    if any(a in _GIT_NETWORK for a in args):
        ssh_config(an, posixpath.join(home, ".ssh/config"), depth, cwd)


def ssh_config(an: Analyzer, path: str, depth: int, cwd: str | None) -> None:
    """The commands an ssh configuration runs (``ProxyCommand``, ``LocalCommand``, ``Match exec``, …)."""
    for m in re.finditer(r"^\s*(?:ProxyCommand|LocalCommand|KnownHostsCommand|RemoteCommand)\s*=?\s*(.+)$|"
                         r"^\s*Match\b.*?\bexec\s+(\"[^\"]*\"|\S+)", text_of(path), re.M | re.I):
        an.line((m.group(1) or m.group(2) or "").strip().strip('"'), depth + 1, cwd)
    if re.search(r"^\s*(?:Include|PKCS11Provider|SecurityKeyProvider)\b", text_of(path), re.M | re.I):
        an.r.add("dynamic", f"the ssh configuration {path[-40:]} loads more settings or a library")


def _client(an: Analyzer, prog: str, path: str, cmd: SimpleCommand, depth: int) -> None:
    from macrohard.safety.runners import CLIENT_SHELL

    for m in CLIENT_SHELL.finditer(text_of(path)):
        an.line(next(g for g in m.groups() if g), depth + 1, cmd.cwd)
    if re.search(r"^\s*(?:\.read|\\i|\\ir|\\include)\s", text_of(path), re.M):
        an.r.add("dynamic", f"{prog} reads more commands from the files {path[-30:]} names when it starts")


def _git_settings(text: str) -> list[tuple[str, str]]:
    out, section = [], ""
    for line in text.splitlines():
        line = line.split("#")[0].split(";")[0].strip() if not line.lstrip().startswith("[") else line.strip()
        if m := re.match(r"\[\s*([\w.-]+)(?:\s+\"([^\"]*)\")?\s*\]", line):
            section = m.group(1) + (f".{m.group(2)}" if m.group(2) is not None else "")
        elif line and section:
            key, _, value = line.partition("=")
            out.append((f"{section}.{key.strip()}", value.strip().strip('"')))
    return out
