"""The ports where a ``macrohard serve`` of this user listens: the approval path, which no sandbox may reach.

The web app is where people answer the guard's ``ask``, start runs and apply changes. A sandbox that reaches
it acts as whoever the app takes it for: with ``--no-auth``, an owner. The browser's default network
(``loopback``: the host's loopback services) and a local site in ``allow_hosts`` (``127.0.0.1:8765``) reach
it through the allow-list proxy (``netproxy.py``); so did a page the agent opened, whose approve button it
then clicked on another run's question (rt42). ``macrohard serve`` records its port here; the proxy never
forwards to one (by the address it connects to, so a host name that resolves to loopback is refused too).

The record is one file a port, holding the server's pid, in directories of this user's that no sandbox sees
(``~/.cache/macrohard/served`` and ``$XDG_RUNTIME_DIR/macrohard/served``) and that do not depend on
``MACROHARD_HOME``: a run of another data dir on the same machine is held off the same server. A port whose
server is gone counts no more.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def registry_dirs() -> list[Path]:
    """Where the records are: ``~/.cache/macrohard/served``, and ``$XDG_RUNTIME_DIR/macrohard/served`` when set (a
    server started from a desktop session and a run started from cron see different environments: both are kept)."""
    dirs = [Path(os.path.expanduser("~")) / ".cache" / "macrohard" / "served"]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        dirs.append(Path(runtime) / "macrohard" / "served")
    return dirs


def register(port: int, pid: int | None = None) -> None:
    """Record that this process (or ``pid``) serves the web app on ``port``."""
    for where in registry_dirs():
        with contextlib.suppress(OSError):
            where.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = where / f".{port}.{os.getpid()}"
            tmp.write_text(str(pid if pid is not None else os.getpid()))
            os.replace(tmp, where / str(int(port)))


def unregister(port: int, pid: int | None = None) -> None:
    """Forget ``port`` if this process (or ``pid``) is the one recorded for it."""
    for where in registry_dirs():
        path = where / str(int(port))
        with contextlib.suppress(OSError, ValueError):
            if int(path.read_text().strip() or 0) == (pid if pid is not None else os.getpid()):
                path.unlink()


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this host (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def served_ports() -> set[int]:
    """The ports a live ``macrohard serve`` of this user listens on."""
    ports: set[int] = set()
    entries = []
    for where in registry_dirs():
        with contextlib.suppress(OSError):
            entries += list(os.scandir(where))
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            pid = int(Path(entry.path).read_text().strip() or 0)
        except (OSError, ValueError):
            continue
        if pid > 0 and pid_alive(pid):
            ports.add(int(entry.name))
        else:  # its server is gone (uvicorn ends a SIGTERMed process by the signal itself: no `finally` ran)
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    return ports


def served_url(url: str) -> bool:
    """Whether ``url`` goes to a ``macrohard serve`` of this machine: its port is served and its host is loopback,
    unspecified (0.0.0.0 reaches this machine) or this machine's name, as written or as it resolves."""
    import ipaddress
    import socket
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(parts.scheme.lower())
    except ValueError:
        return False
    host = (parts.hostname or "").strip("[]")
    if not host or port is None or port not in served_ports():
        return False
    own = {"localhost", socket.gethostname().lower()}
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except (OSError, UnicodeError):
        return host.lower() in own
    for address in found:
        try:
            ip = ipaddress.ip_address(str(address).split("%")[0])
        except ValueError:
            continue
        if ip.is_loopback or ip.is_unspecified or (ip.version == 6 and ip.ipv4_mapped is not None
                                                   and (ip.ipv4_mapped.is_loopback or ip.ipv4_mapped.is_unspecified)):
            return True
    if host.lower() in own:
        return True
    try:
        mine = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        mine = set()
    return bool(found & mine)
