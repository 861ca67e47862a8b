"""Commands that are not the agent's (a task's setup, its check) in a fresh bubblewrap sandbox.

The agent has finished, but what it left in the workspace is still its work: a check such as
``python3 hi.py`` runs the agent's code. So such commands get the agent's sandbox, never the host:
the same ``bwrap_argv`` as the shell environment (read-only system, private ``/tmp``, the workspace
the only writable place, its own network namespace), the task's network mode and the run's limits,
with one bash that lives for the one command. A command that ``exit``s ends only its subshell.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence

from macrohard.envs.leftovers import own_folder
from macrohard.envs.limits import CgroupSet, Limits, rlimit_pairs, ulimit_line
from macrohard.envs.netproxy import RELAY_PORT, HostProxy, relay_script
from macrohard.envs.sandbox import PROXY_SOCKET, _SandboxShell, bwrap_argv, check_available
from macrohard.envs.shell import DEFAULT_ARGV, CommandResult
from macrohard.envs.workspace import _clean_env
from macrohard.errors import SandboxUnavailable


def run_sandboxed(command: str, workspace: str, *, network: str = "none", allow_hosts: Sequence[str] = (),
                  limits: Limits | None = None, timeout: float = 120.0, ro_binds: Sequence[str] = (),
                  bwrap: str = "bwrap") -> CommandResult:
    """Run ``command`` with bash in a new sandbox whose only writable place is ``workspace``.

    ``ro_binds``: host paths the command needs to read (a Python check's interpreter and modules),
    bound read-only at the same place."""
    path = check_available(bwrap)
    workspace = os.path.realpath(workspace)
    limits = limits or Limits()
    cgroups = CgroupSet(limits)
    cgroups.create()
    state = own_folder("macrohard-oneshot-")
    proxy: HostProxy | None = None
    try:
        env = _clean_env(workspace)
        proxy_socket = None
        if network == "hosts":
            if shutil.which("socat") is None:
                raise SandboxUnavailable("network mode 'hosts' needs socat inside the sandbox: "
                                         "`sudo apt-get install socat`, or use network 'none' or 'full'")
            proxy_socket = os.path.join(state, "proxy.sock")
            proxy = HostProxy(proxy_socket, list(allow_hosts))
            proxy.start()
            proxy_socket = proxy.socket_path  # rel54: elsewhere where TMPDIR is too deep for a socket
            url = f"http://127.0.0.1:{RELAY_PORT}"
            env.update({"http_proxy": url, "https_proxy": url, "HTTP_PROXY": url, "HTTPS_PROXY": url})
        argv = bwrap_argv(path, workspace, network, proxy_socket=proxy_socket)
        extra = [arg for p in ro_binds if os.path.exists(p) for arg in ("--ro-bind", p, p)]
        at = len(argv) - 1 - argv[::-1].index("--bind")  # before the workspace's bind: a parent must not hide it
        argv[at:at] = extra
        if proxy_socket is not None:
            argv += ["/bin/sh", "-c", relay_script(PROXY_SOCKET, " ".join(DEFAULT_ARGV))]
        else:
            argv += list(DEFAULT_ARGV)
        pairs = rlimit_pairs(limits, memory_by_cgroup="memory" in cgroups.applied)
        session = _SandboxShell(argv, cwd=workspace, env=env, start_dir=workspace, cgroups=cgroups,
                                init=ulimit_line(pairs))
        session.start()
        try:
            if session.failure:
                raise SandboxUnavailable(f"the sandbox for a setup or check command did not start: "
                                         f"{session.failure[:800]}. Check that bubblewrap works "
                                         "(`bwrap --ro-bind / / true`).")
            return session.run(f"(\n{command}\n)", timeout=timeout)
        finally:
            session.close()
    finally:
        if proxy is not None:
            proxy.close()
        cgroups.kill_all()
        cgroups.remove()
        shutil.rmtree(state, ignore_errors=True)
