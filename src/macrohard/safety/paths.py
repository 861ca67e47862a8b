"""Where a path lands relative to the workspace: the one question destructive-command analysis asks."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from macrohard.safety import lazyre

# the home itself, or all that is in it (`~`, `~/`, `~/*`, `~/.*`, `~/.[!.]*`): outside, as before the home was known
_WHOLE_HOME = lazyre.compile(r"~/*(?:\.?\*|\.\[!\.\]\*)?")


class OutsideWorkspace(ValueError):
    """A path that leaves the workspace."""


def resolve_inside(root: str | os.PathLike[str], path: str) -> Path:
    """Resolve ``path`` against ``root``; raise ``OutsideWorkspace`` if it leaves the root."""
    base = Path(os.path.realpath(root))
    candidate = Path(path)
    if not candidate.is_absolute():
        candidate = base / candidate
    # realpath resolves every existing symlink on the way, including in the final component.
    resolved = Path(os.path.realpath(candidate))
    if resolved != base and base not in resolved.parents:
        raise OutsideWorkspace(f"{path!r} is outside the workspace ({base}); use paths inside it")
    return resolved


class PathJudge:
    """Judges paths against the workspace (the shell's start directory) and the allowed paths."""

    def __init__(self, workspaces: list[str], allowed: list[str], home: str | None = None) -> None:
        self.workspaces = [w.rstrip("/") or "/" for w in workspaces if w]
        self.allowed = [a.rstrip("/") for a in allowed]
        # the shell's home folder where it is known (the workspace: ``envs.workspace._clean_env``), else None and
        # ``~`` stays ``~``, a folder no rule takes for the workspace's (``set_home``)
        self.home = home.rstrip("/") or "/" if home else None
        # symbolic links the command line being judged makes (``ln -s T N``): absolute name -> target
        self.links: dict[str, str] = {}
        self.since: float | None = None  # when the run found the workspace ready (GuardFacts.since, safety.native)
        self.builds: list = []  # what approved builds of earlier steps made (safety.builds)
        self._disk: dict[str, str | None] = {}  # links on disk, read in this review (``_on_disk``)
        # resolved paths of this review, until the line makes a link (guard19: a review resolved the same few words
        # ten times and more, each through every folder of the path)
        self._resolved: dict[tuple[str, str | None], str] = {}

    def set_home(self, home: str | None) -> None:
        """The home folder from here on (None: a line or an earlier step may have set HOME, so it is not known)."""
        if home != self.home:
            self.home = home
            self._resolved.clear()

    def expand_home(self, path: str) -> str:
        """``~`` and ``~/…`` (the parser reads ``$HOME`` and ``${HOME}`` as ``~``) written out where the home is known.
        guard39: a folder named through the home was judged as no workspace folder (``inside`` refuses ``~``) where the
        same folder named relatively was read: ``make -C ~/x``, ``cd ~/x && pytest``, ``git -C $HOME/r status``,
        ``pip install -r ~/x/req.txt``, ``node ~/x.js`` ran the workspace's code unread."""
        if self.home is not None and (path == "~" or path.startswith("~/")):
            return self.home + path[1:]
        return path

    def resolve(self, path: str, cwd: str | None) -> str:
        """An absolute, normalised form, through the links the shell will follow; ``~`` is the home where it is known,
        else it stays ``~``."""
        found = self._resolved.get((path, cwd))
        if found is not None:
            return found
        path, cwd = self.expand_home(path), self.expand_home(cwd) if cwd else cwd
        if path.startswith("~"):
            return posixpath.normpath(path)
        base = self.workspaces[0] if self.workspaces else "/workspace"
        if cwd:  # the folder a `cd` took the line to: bash's logical $PWD (`cd l/..` is where l is, not above b/c)
            base = cwd if cwd.startswith("/") or cwd.startswith("~") else posixpath.join(base, cwd)
            base = base if "$" in base else posixpath.normpath(base)
        joined = posixpath.join(base, path)
        if "/.." in joined:  # the kernel takes `..` from where the links before it lead (guard30: `sh l/../s.sh`, l a
            joined = self._physical(joined)  # link to b/c, ran b/s.sh; the words' own `..` read ./s.sh)
        found = self._resolved[(path, cwd)] = self.follow(posixpath.normpath(joined))
        return found

    def _physical(self, joined: str) -> str:
        """``joined`` with each ``..`` taken from the folder the links before it lead to."""
        cur = "/"
        for part in joined.split("/"):
            if part in ("", "."):
                continue
            cur = posixpath.dirname(self.follow(cur)) or "/" if part == ".." else posixpath.join(cur, part)
        return cur

    def add_link(self, name: str, target: str, cwd: str | None) -> None:
        """Remember ``ln -s target name`` so that later words of the same line are judged through it."""
        link = self.resolve(name, cwd)
        target = self.expand_home(target)
        if not target.startswith(("/", "~")):  # a relative target is relative to the link's directory
            target = posixpath.join(posixpath.dirname(link), target)
        self.links[link] = posixpath.normpath(target)
        self._resolved.clear()

    def follow(self, abspath: str) -> str:
        """Follow symbolic links inside the workspace, as the kernel will: a link made in an earlier step
        (on disk) or earlier in this line (``links``) that points out of the workspace takes the path out
        with it (``ln -s /victim v`` then ``rm -rf v/*``). Links outside the workspace are not the agent's:
        they are left as they read."""
        for _ in range(40):  # the kernel's own bound on links in one lookup
            parts = abspath.split("/")
            for i in range(2, len(parts) + 1):
                prefix = "/".join(parts[:i]) or "/"
                target = self.links.get(prefix)
                if target is None and self._in_workspace(prefix):
                    target = self._on_disk(prefix)
                if target is not None:
                    abspath = posixpath.normpath(posixpath.join(target, *parts[i:]))
                    break
            else:
                return abspath
        return abspath

    def _on_disk(self, prefix: str) -> str | None:
        """Where a link on disk points (absolute), None when ``prefix`` is no link; read once per review (the files
        do not change while one action is judged: a resolve per word made one lstat per folder of every path)."""
        if prefix not in self._disk:
            target = os.readlink(prefix) if os.path.islink(prefix) else None
            self._disk[prefix] = posixpath.join(posixpath.dirname(prefix), target) if target is not None and \
                not target.startswith("/") else target
        return self._disk[prefix]

    def _in_workspace(self, abspath: str) -> bool:
        return any(abspath.startswith(w + "/") for w in self.workspaces)

    def outside(self, path: str, cwd: str | None) -> bool:
        """Whether ``path`` leaves the workspace and the allowed paths; ``..`` out of the workspace always does. The
        home itself, whole (``rm -rf ~``, ``chmod -R 777 ~/*``, ``cp x ~``), counts as outside, as it did before the
        home was known."""
        if self.home is not None and _WHOLE_HOME.fullmatch(path):
            return True
        if not path.startswith(("/", "~")) and not (cwd and cwd.startswith(("/", "~"))):
            rel = posixpath.normpath(posixpath.join(cwd or ".", path))
            if rel == ".." or rel.startswith("../"):
                return True
        ap = self.resolve(path, cwd)
        if ".." in path.split("/") and not any(ap == w or ap.startswith(w + "/") for w in self.workspaces):
            return True
        return not self.inside(ap)

    def inside(self, abspath: str) -> bool:
        """Inside the workspace or an allowed path (``/tmp``), and not a directory that holds the workspace."""
        if abspath.startswith("~"):
            return False
        if any(w.startswith(abspath.rstrip("/") + "/") for w in self.workspaces):
            return False
        for root in self.workspaces + self.allowed:
            if abspath == root or abspath.startswith(root + "/"):
                return True
        return abspath in ("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero", "/dev/urandom")
