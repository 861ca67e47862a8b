"""Where a run's stdio MCP servers run: in a bubblewrap sandbox, or (only the user's own) on this machine.

rt45: a task file (or a suite or division file) downloaded with a repository named a stdio server, and
`macrohard run -f task.yaml` started it as a host process, as the user, before any action was reviewed: a task
file was code execution on the user's machine. Now every stdio server runs in the sandbox the shell gets
(``envs.sandbox.bwrap_argv``): the system read-only, the allowed ``/etc`` entries, a private ``/tmp`` as its
``HOME`` (never the user's), the run's workspace as the run's sandbox has it but read-only (what a server wrote
there at its start, or in a call, no one would have reviewed), its own network namespace unless its
entry says ``network: full``, ``/proc`` read-only. Read-only besides: the program's own install (a virtualenv, the
interpreter it links to) and the files its arguments name inside the task file's folder (the repository the task
came with), never a hidden path there (``.env``, ``.git``) and never the user's home as a whole.

A server runs on the host only when the user's OWN ``$MACROHARD_HOME/mcp.yaml`` lists it (its name and exact
command) under ``host:``, or when Python code builds it with ``McpServer(host=True)``; a file's ``host: true`` is
refused where it is read (``types.McpServer``). ``describe`` is what the run's meta says of each server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from macrohard.errors import ConfigError
from macrohard.types import McpServer

OWN_FILE = "mcp.yaml"
LIMITS_SAID = ("the shell sandbox's: memory and processes by cgroup where writable, CPU seconds, file size and open "
               "files by rlimit")


class OwnHostServer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    command: list[str] = Field(min_length=1)
    env: list[str] = Field(default_factory=list, description=(
        "`NAME=value` entries a task's entry for this server may set (a task's entry that sets any other runs in the "
        "sandbox, not on the host); a bare NAME in a task's `env:` passes your own shell's $NAME and needs no entry."))


class OwnHttpServer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    url: str = Field(pattern=r"^https?://")
    token_env: str = Field(min_length=1)


class OwnConfig(BaseModel):
    """``$MACROHARD_HOME/mcp.yaml``: the user's own word on MCP servers (never a task's)."""

    model_config = ConfigDict(extra="forbid")
    host: list[OwnHostServer] = Field(default_factory=list, description=(
        "stdio servers you trust to run on this machine, outside the sandbox: a task's server with the same name "
        "and the same command runs on the host."))
    network: list[OwnHostServer] = Field(default_factory=list, description=(
        "sandboxed stdio servers you let have the network when a task's entry asks `network: full` (name and "
        "command); else only `macrohard run --mcp-network NAME` gives it."))
    http: list[OwnHttpServer] = Field(default_factory=list, description=(
        "HTTP servers a task, suite or division file may send one of your shell's variables to as its bearer token "
        "(`token_env:`): name, url and token_env, all three as the file says them (rt50c)."))


def own_config(home: Path | None = None) -> OwnConfig:
    from macrohard.store.sqlite import default_home
    from macrohard.yamlfile import load_model, read_text

    path = (home or default_home()) / OWN_FILE
    if not path.is_file():
        return OwnConfig()
    text = read_text(path, error=ConfigError, what="your MCP config")
    return load_model(text, str(path), OwnConfig, error=ConfigError, what="your MCP config",
                      hint="it may hold `host:`, a list of {name, command}")


def own_token(name: str, url: str, token_env: str, home: Path | None = None) -> bool:
    """Whether the person's own mcp.yaml lets a file's HTTP server ``name`` at ``url`` have ``$token_env``."""
    return any((e.name, e.url, e.token_env) == (name, url, token_env) for e in own_config(home).http)


def place(servers: list[McpServer], home: Path | None = None, network: Any = ()) -> list[McpServer]:
    """The servers as they will run: a stdio server the user's own config lists (same name, same command) is
    marked ``host``; every other stdio server runs sandboxed.

    rt46: a sandboxed server's ``network: full`` is the person's to give, not a task file's: ``network`` (the names
    ``macrohard run --mcp-network NAME`` gave) or ``network:`` in their own ``mcp.yaml`` (name and command). A
    downloaded task file's server with the network read the person's workspace and sent it to a listener, and no
    review sees what a server sends. Without that word the run is refused before it starts (``ConfigError``)."""
    if not any(s.command and not s.host for s in servers):
        return list(servers)
    config = own_config(home)
    own: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for entry in config.host:
        own.setdefault((entry.name, tuple(entry.command)), set()).update(entry.env)
    # rt49: the task's `env:` is part of what runs: a downloaded task file named the person's host server (same name
    # and command) with `PYTHONPATH=<its folder>` (a sitecustomize.py there) or `PATH=<its folder>/bin`, and its code
    # ran on the host before any action was reviewed. A value the task sets must be one the person's entry lists
    placed = [s.model_copy(update={"host": True}) if s.command and not s.host and (key := (s.name, tuple(s.command)))
              in own and {e for e in s.env if "=" in e} <= own[key] else s for s in servers]
    allowed = {(entry.name, tuple(entry.command)) for entry in config.network}
    for s in placed:
        if s.command and not s.host and s.network == "full" and s.name not in set(network or ()) and \
                (s.name, tuple(s.command)) not in allowed:
            raise ConfigError(
                f"the task asks the network for its MCP server {s.name!r} (`network: full`), and a task file's word "
                "is not enough: the server is a program of the task's, and what it sends (your workspace, what it "
                "is given) no review sees. If you mean it, run with `--mcp-network "
                f"{s.name}`, or list it (name and command) under `network:` in your own $MACROHARD_HOME/{OWN_FILE}; "
                "else drop `network: full` from the entry")
    return placed


def describe(servers: list[McpServer], home: Path | None = None) -> list[dict[str, Any]]:
    from macrohard.store.sqlite import default_home

    own = str((home or default_home()) / OWN_FILE)
    out = []
    for s in servers:
        if s.url is not None:
            out.append({"name": s.name, "url": s.url, "runs": "remote (HTTP)"})
        elif s.host:
            out.append({"name": s.name, "command": s.command, "runs": f"on this machine, outside the sandbox "
                        f"(your own {own} or McpServer(host=True))"})
        else:
            out.append({"name": s.name, "command": s.command, "runs": "in a bubblewrap sandbox",
                        "network": s.network})
    return out


def _under(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip("/") + "/")


def _too_wide(folder: str, home: str) -> bool:
    """A folder never bound as a whole: ``/``, the home folder or one above it."""
    return folder in ("/", "") or _under(home, folder)


def _program_binds(program: str, home: str) -> list[str]:
    """What a program needs to start, read-only: its virtualenv (``pyvenv.cfg`` above ``bin/``) and the install its
    real file lives in (``…/bin/python3.11`` -> ``…``), unless that is under ``/usr`` (already there)."""
    binds = []
    for path in dict.fromkeys((program, os.path.realpath(program))):
        folder = os.path.dirname(path)
        top = os.path.dirname(folder) if os.path.basename(folder) == "bin" else folder
        if _under(path, "/usr") or path.startswith(("/bin/", "/sbin/", "/lib")):
            continue
        if os.path.isfile(os.path.join(top, "pyvenv.cfg")) or os.path.basename(folder) == "bin":
            binds.append(path if _too_wide(top, home) else top)
        else:
            binds.append(path)
    return binds


_EMPTY: list[str] = []


def _empty_file() -> str:
    """An empty read-only file bound over a hidden file (``/dev/null`` from the host reads as EACCES: nodev)."""
    if not _EMPTY:
        import atexit
        fd, path = tempfile.mkstemp(prefix="macrohard-mcp-empty-")
        os.close(fd)
        os.chmod(path, 0o444)
        atexit.register(lambda: os.path.exists(path) and os.unlink(path))
        _EMPTY.append(path)
    return _EMPTY[0]


def _hidden_masks(folder: str, limit: int = 5000) -> list[str] | None:
    """bwrap arguments that hide a bound folder's hidden entries (``.env``, ``.git``, ``.aws``...) at any depth: a
    repository's folder may hold the user's own ``.env`` beside the server. None: too large a tree to look through
    (then only the files themselves are bound)."""
    masks: list[str] = []
    seen = 0
    for top, dirs, files in os.walk(folder):
        seen += len(dirs) + len(files)
        if seen > limit:
            return None
        for name in [d for d in dirs if d.startswith(".")]:
            masks += ["--tmpfs", os.path.join(top, name)]
        masks += [arg for name in files if name.startswith(".")
                  for arg in ("--ro-bind", _empty_file(), os.path.join(top, name))]
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__")]
    return masks


def limited(command: list[str]) -> tuple[list[str], Any]:
    """``command`` started under the shell sandbox's limits (rt46: a sandboxed server had none, so a fork bomb or a
    memory hog in it took the machine): a fresh ``CgroupSet`` (memory, pids) that a host-side bash joins before it
    execs bubblewrap (so every process of the server is born inside), and the same rlimits set by ``ulimit``. The
    caller removes the groups (``CgroupSet.remove``: kills what is left) when the server ends."""
    from macrohard.envs.limits import CgroupSet, default_limits, rlimit_pairs, ulimit_line

    limits = default_limits()
    groups = CgroupSet(limits)
    groups.create()
    line = ulimit_line(rlimit_pairs(limits, memory_by_cgroup="memory" in groups.applied))
    join = "".join(f'echo $$ > "{d}/cgroup.procs" || exit 97\n' for d in groups.dirs)
    # `env -u`: bash's own SHLVL and `_` stay out of the server's environment (rt44: only what its entry passes)
    return ["/bin/bash", "-c", f'{join}{line}\nexec /usr/bin/env -u SHLVL -u _ "$@"', "macrohard-mcp", *command], groups


def sandbox_command(cfg: McpServer, env: dict[str, str], *, workspace: str, bind: str | None = None,
                    root: str | None = None, bwrap: str = "bwrap") -> tuple[list[str], dict[str, str]]:
    """The bubblewrap command line and environment that start ``cfg``'s program in a sandbox."""
    from macrohard.envs.sandbox import bwrap_argv, check_available

    assert cfg.command is not None
    path = check_available(bwrap)  # SandboxUnavailable: the words say how to install it
    home = os.path.realpath(os.path.expanduser("~"))
    root = os.path.realpath(root or os.getcwd())
    program = cfg.command[0]
    found = program if "/" in program else shutil.which(program, path=env.get("PATH"))
    if found is None:
        raise FileNotFoundError(f"{program!r} is not on PATH")
    found = os.path.abspath(found)
    binds = _program_binds(found, home)
    args: list[str] = []
    hidden: list[str] = []
    for arg in cfg.command[1:]:
        target = os.path.abspath(arg)
        real = os.path.realpath(target)
        inside = (not arg.startswith("-") and os.path.exists(real) and _under(real, root)
                  and not any(part.startswith(".") for part in Path(os.path.relpath(real, root)).parts))
        if inside:
            folder = os.path.dirname(real)
            masks = None if _too_wide(folder, home) or _too_wide(root, home) else _hidden_masks(folder)
            if masks is None:
                binds.append(real)
            else:
                binds.append(folder)
                hidden += masks
            args.append(target)
        else:
            args.append(arg)
    workspace = os.path.realpath(workspace) if workspace else tempfile.mkdtemp(prefix="macrohard-mcp-")
    argv = bwrap_argv(path, workspace, cfg.network, bind=bind, proc_ro=True)
    at = len(argv) - 1 - argv[::-1].index("--bind")
    argv[at] = "--ro-bind"  # the workspace read-only: what the server would write there no one reviewed (files
    # come back to the agent as a tool's result, and the agent writes them with reviewed actions)
    extra = [arg for p in dict.fromkeys(binds) if os.path.exists(p) for arg in ("--ro-bind", p, p)] + hidden
    argv[at:at] = extra  # before the workspace's bind: a parent must not hide it
    argv += ["--", found, *args]
    return argv, {**env, "HOME": "/tmp"}
