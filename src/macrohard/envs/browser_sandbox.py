"""Chromium inside bubblewrap: its own network namespace, the workspace its only writable place.

Playwright launches a small script instead of Chromium; the script ``exec``s bubblewrap, which
``exec``s Chromium with Playwright's arguments, so Playwright's own pipe transport (fds 3 and 4)
runs straight through the sandbox and a killed browser is seen as one. Inside is the root that
``sandbox.bwrap_argv`` builds for the shell: ``/usr`` and an ``/etc`` allow list read-only, a
private ``/tmp`` (Chromium's profile and downloads live there and vanish with it), the workspace
(the only writable place on disk), a clean environment. Unless the network is ``full`` the
namespace has no network but its own loopback; the one way out is the allow-list proxy of
``netproxy.py``, listening on a unix socket bound in, relayed to ``127.0.0.1:3128`` inside by
``socat``, with Chromium told to send everything through it, loopback included. So the limit holds
for every protocol a page can use (HTTP, WebSocket, WebRTC, DNS):

- ``none``: nothing, except local sites the task declares (``allow_hosts`` entries such as
  ``127.0.0.1:8000``: a loopback host with a port);
- ``loopback``: the host's loopback services, nothing beyond;
- ``hosts``: only ``allow_hosts``;
- ``full``: the host's network (the sandbox shares it; recorded in ``describe()``).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
from typing import Any

from macrohard.envs.leftovers import own_folder
from macrohard.envs.netproxy import RELAY_PORT, HostProxy, is_loopback, relay_script
from macrohard.envs.sandbox import PROXY_SOCKET, bwrap_argv, check_available
from macrohard.errors import SandboxUnavailable

CHROMIUM_BINARY = "/usr/lib/chromium/chromium"  # Debian's /usr/bin/chromium is a shell script around it
# Chromium's own background services skip the proxy and go "direct", which in the namespace reaches
# nothing: so they neither leave nor show up among what the page's network policy refused.
CHROMIUM_SERVICES = ("update.googleapis.com", "content-autofill.googleapis.com", "clients2.google.com",
                     "optimizationguide-pa.googleapis.com", "safebrowsing.googleapis.com", "accounts.google.com")
_PROXY_ARGS = [f"--proxy-server=http://127.0.0.1:{RELAY_PORT}",
               "--proxy-bypass-list=" + ";".join(["<-loopback>", *CHROMIUM_SERVICES])]
# fontconfig's cache: without it every launch rebuilds it (hundreds of ms)
_EXTRA_RO = ("/var/cache/fontconfig",)
# Chromium's managed policy in the sandbox: no preloading (speculation rules' prefetch and prerender, link prefetch
# and preconnect), which the browser process loads itself, past the send gate's routes (rt54b)
CHROMIUM_POLICY = {"NetworkPredictionOptions": 2}


def is_local_site(entry: str) -> bool:
    """An ``allow_hosts`` entry naming one local port (``127.0.0.1:8000``, ``localhost:3000``, ``[::1]:80``)."""
    host, sep, port = entry.rpartition(":")
    return bool(sep) and site_port(port) is not None and is_loopback(host)


def site_port(text: str) -> int | None:
    """``text`` as a TCP port (1-65535 in ASCII digits), else None. ux54 (rt53b): ``str.isdigit`` took ``８０`` and
    ``99999``, which no rule of the proxy ever matches: the run started and its browser reached nothing."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 65536 else None


def proxy_rules(network: str, allowed_hosts: tuple[str, ...] = ()) -> list[str] | None:
    """What the proxy lets a page reach in ``network`` (None: no proxy, the host's network)."""
    if network == "full":
        return None
    local = [h for h in allowed_hosts if is_local_site(h)]
    if network == "none":
        return local
    if network == "loopback":
        return ["loopback", *local]
    if network == "hosts":
        return list(allowed_hosts)
    raise ValueError(f"unknown network {network!r}: choose none, loopback, hosts or full")


def resolve_chromium(executable: str) -> str:
    """The Chromium binary itself: Debian's launcher script sources ``/etc/chromium.d``, not in the sandbox."""
    path = executable if os.path.isabs(executable) else (shutil.which(executable) or executable)
    if os.path.realpath(path) == "/usr/bin/chromium" and os.path.exists(CHROMIUM_BINARY):
        return CHROMIUM_BINARY
    return path


def _etc_with_policy(view: str, policies: str) -> list[str]:
    """bubblewrap's options for the view's entries at ``/etc`` and ``policies`` at Chromium's policy folder."""
    argv = ["--tmpfs", "/etc"]
    for entry in sorted(os.scandir(view), key=lambda e: e.name):
        if entry.is_symlink():
            argv += ["--symlink", os.readlink(entry.path), f"/etc/{entry.name}"]
        else:
            argv += ["--ro-bind", entry.path, f"/etc/{entry.name}"]
    return [*argv, "--ro-bind", policies, "/etc/chromium/policies"]  # read-only again at the end (``start``)


class ChromiumSandbox:
    """The bubblewrap launcher (and, but in ``full``, the proxy) of one browser environment."""

    def __init__(self, workspace: str, network: str, allowed_hosts: tuple[str, ...] = (), *,
                 executable: str = CHROMIUM_BINARY, bwrap: str = "bwrap") -> None:
        self.workspace = os.path.realpath(workspace)
        self.network = network
        self.rules = proxy_rules(network, allowed_hosts)
        self.executable = resolve_chromium(executable)
        self.bwrap = bwrap
        self.bind: str | None = None  # the folder bound in, the workspace at or below it (a layer's view: rt47)
        self.state_dir: str | None = None
        self.launcher = ""
        self.proxy: HostProxy | None = None
        self.redirects: Any = None  # the proxy's redirect hook (``netproxy.HostProxy.redirects``)
        self.admits: Any = None  # the proxy's hook for every request (``netproxy.HostProxy.admits``)
        self._requests: list[dict[str, object]] = []

    @property
    def chromium_args(self) -> list[str]:
        return list(_PROXY_ARGS) if self.rules is not None else []

    def start(self) -> str:
        """Start the proxy and write the launcher; returns the path Playwright launches."""
        try:
            bwrap = check_available(self.bwrap)
        except SandboxUnavailable as exc:
            raise SandboxUnavailable(f"the browser runs only inside bubblewrap: {exc}") from exc
        if self.rules is not None and shutil.which("socat") is None:
            raise SandboxUnavailable("the browser's sandbox needs socat to reach its proxy: "
                                     "`sudo apt-get install socat` (or use network 'full')")
        self.state_dir = own_folder("macrohard-browser-")  # its owner in its name: removed once it is gone (rel54)
        proxy_socket = None
        if self.rules is not None:
            proxy_socket = os.path.join(self.state_dir, "proxy.sock")
            self.proxy = HostProxy(proxy_socket, self.rules, redirects=self.redirects, admits=self.admits)
            self.proxy.start()
            proxy_socket = self.proxy.socket_path  # rel54: elsewhere where TMPDIR is too deep for a socket
        argv = bwrap_argv(bwrap, self.workspace, self.network, proxy_socket=proxy_socket, bind=self.bind)
        for path in _EXTRA_RO:
            if os.path.isdir(path):
                argv += ["--ro-bind", path, path]
        # the browser's own loads of a page's choosing (speculation rules' prefetch and prerender) are made by the
        # browser process, where no route of the send gate sees them (rt54b): Chromium's policy turns preloading off
        # (the sandbox's /etc is one read-only bind of a shared view: here its entries are bound one by one on a
        # tmpfs beside the policy's folder, and the tmpfs made read-only again)
        policies = os.path.join(self.state_dir, "policies")
        os.makedirs(os.path.join(policies, "managed"))
        with open(os.path.join(policies, "managed", "macrohard.json"), "w") as fh:
            json.dump(CHROMIUM_POLICY, fh)
        at = next(i for i in range(len(argv) - 2) if argv[i] == "--ro-bind" and argv[i + 2] == "/etc")
        argv[at:at + 3] = _etc_with_policy(argv[at + 1], policies)
        if not self.executable.startswith("/usr/"):
            where = os.path.dirname(os.path.realpath(self.executable))
            argv += ["--ro-bind", where, where]
        argv += ["--remount-ro", "/etc", "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp",
                 "--setenv", "PATH", "/usr/bin:/bin"]
        chromium = f'{shlex.quote(self.executable)} "$@"'
        if proxy_socket is not None:
            # socat must not hold Playwright's pipe (fds 3, 4): a dead Chromium has to close it
            script = relay_script(PROXY_SOCKET, chromium).replace(" </dev/null", " 3>&- 4>&- </dev/null", 1)
            argv += ["/bin/sh", "-c", script, "chromium"]
        else:
            argv += ["/bin/sh", "-c", f"exec {chromium}", "chromium"]
        self.launcher = os.path.join(self.state_dir, "chromium-in-bwrap")
        # the launcher's pid is bubblewrap's (exec keeps it): ``kill`` ends the whole sandbox through it
        pid_file = shlex.quote(os.path.join(self.state_dir, "bwrap.pid"))
        with open(self.launcher, "w") as fh:
            fh.write(f"#!/bin/sh\n# Chromium inside bubblewrap (macrohard.envs.browser_sandbox)\necho $$ > {pid_file}\nexec "
                     + " ".join(shlex.quote(a) for a in argv) + ' "$@"\n')
        os.chmod(self.launcher, 0o700)
        return self.launcher

    def kill(self) -> bool:
        """SIGKILL the browser's bubblewrap, and with it everything inside (``--die-with-parent``, its own pid
        namespace). For a browser that answers nothing: Playwright's close of a stopped Chromium waited 30 s for it
        (rel39). Only a descendant of this process is killed (the pid file of a browser long gone may name another
        process by now). Returns whether one was killed."""
        if self.state_dir is None:
            return False
        try:
            with open(os.path.join(self.state_dir, "bwrap.pid")) as fh:
                pid = int(fh.read().strip())
        except (OSError, ValueError):
            return False
        if not _descends_from(pid, os.getpid()):
            return False
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return False
        return True

    def requests(self) -> list[dict[str, object]]:
        """Every request the proxy saw (method, host, port, allowed), in order."""
        return self.proxy.requests if self.proxy is not None else list(self._requests)

    def refused(self) -> list[str]:
        """``host:port`` of every request the proxy refused so far."""
        return [f"{r['host']}:{r['port']}" for r in self.requests() if not r["allowed"]]

    def describe(self) -> dict[str, Any]:
        info: dict[str, Any] = {"isolation": "bwrap", "network": self.network, "reachable": self._reachable(),
                                "chromium": self.executable, "workspace": self.workspace}
        if self.network == "full":
            info["shares_host_network"] = True
        if self.rules is not None:  # a page makes many requests: the run keeps the refused ones and a count
            requests = self.requests()
            info["proxy_requests"] = len(requests)
            info["refused"] = list(dict.fromkeys(self.refused()))[:200]
        return info

    def _reachable(self) -> str:
        if self.rules is None:
            return "the host's network (shared)"
        return ", ".join(self.rules).replace("loopback", "the host's loopback") or "nothing"

    def close(self) -> None:
        if self.proxy is not None:
            self._requests = self.proxy.requests
            self.proxy.close()
            self.proxy = None
        if self.state_dir is not None:
            shutil.rmtree(self.state_dir, ignore_errors=True)
            self.state_dir = None


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        try:
            with open(f"/proc/{pid}/stat") as fh:
                pid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
    return False
