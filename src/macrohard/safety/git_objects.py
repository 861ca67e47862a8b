"""A read-only reader of a git repository's object store, refs and index, in Python (flow40, issue 17 part 1).

The guard never runs git in the workspace to learn what a git command will write: a repository others wrote can make
git run programs (``core.fsmonitor``, filters, hooks). This module reads the files git keeps instead: loose objects
(zlib), pack files (index v2, offset and ref deltas), refs (loose, ``packed-refs``, ``FETCH_HEAD``, the stash's
reflog), a revision's ``~n``/``^n``/``^{…}`` suffixes, trees and the index (versions 2 and 3). Whatever it cannot
read (an index v4, a split index, alternates it does not follow, a revision it cannot parse) raises ``Unreadable``, so
that the caller treats the git command's outcome as unknown. Sizes are limited (``MAX_BLOB``, ``MAX_ENTRIES``)."""

from __future__ import annotations

import os
import re
import stat as statmod
import struct
import zlib

MAX_BLOB = 1 << 20  # a file's text larger than this is not judged (unknown)
MAX_ENTRIES = 20_000  # tree entries walked for one question
_HEX40 = re.compile(r"[0-9a-f]{40}")


class Unreadable(Exception):
    """What git would do here cannot be read from its files."""


def git_dir(where: str) -> str | None:
    """The git directory of the repository ``where`` is in (walking up), or None. A ``.git`` file (a worktree or a
    submodule) is followed; its ``commondir`` is the object store's."""
    d = os.path.abspath(where)
    for _ in range(40):
        dot = os.path.join(d, ".git")
        if os.path.isdir(dot):
            return dot
        if os.path.isfile(dot):
            raw = _read(dot, 4096)
            if raw is None:
                return None
            line = raw.decode("utf-8", errors="replace").strip()
            if line.startswith("gitdir:"):
                target = line[7:].strip()
                return os.path.normpath(os.path.join(d, target))
            return None
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
    return None


def _read(path: str, limit: int = 64 << 20) -> bytes | None:
    """A regular file's bytes (None for anything else: a FIFO the agent made must not block the guard)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not statmod.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit)
    except OSError:
        return None
    finally:
        os.close(fd)


class Repo:
    """One repository's objects, refs and index, read from its files."""

    def __init__(self, gitdir: str) -> None:
        self.gitdir = gitdir
        common = _read(os.path.join(gitdir, "commondir"))
        self.common = os.path.normpath(os.path.join(gitdir, common.decode().strip())) if common else gitdir
        self.objects = os.path.join(self.common, "objects")
        self._packs: list[tuple[str, bytes]] | None = None
        self._cache: dict[str, tuple[str, bytes]] = {}

    @property
    def work_tree(self) -> str:
        if os.path.basename(self.gitdir) == ".git":
            return os.path.dirname(self.gitdir)
        raw = _read(os.path.join(self.gitdir, "gitdir"))  # a linked worktree: gitdir holds <worktree>/.git
        if raw:
            return os.path.dirname(raw.decode().strip())
        raise Unreadable("no work tree")

    # objects
    def packs(self) -> list[tuple[str, bytes]]:
        if self._packs is None:
            self._packs = []
            folder = os.path.join(self.objects, "pack")
            try:
                names = sorted(n for n in os.listdir(folder) if n.endswith(".idx"))
            except OSError:
                names = []
            for name in names[:64]:
                idx = _read(os.path.join(folder, name))
                if not idx or idx[:4] != b"\xfftOc" or struct.unpack(">I", idx[4:8])[0] != 2:
                    raise Unreadable(f"pack index {name}")
                self._packs.append((os.path.join(folder, name[:-4] + ".pack"), idx))
        return self._packs

    @staticmethod
    def _find(idx: bytes, raw: bytes) -> int | None:
        fan = struct.unpack(">256I", idx[8:8 + 1024])
        n = fan[255]
        lo = fan[raw[0] - 1] if raw[0] else 0
        hi = fan[raw[0]]
        names = 8 + 1024
        while lo < hi:
            mid = (lo + hi) // 2
            got = idx[names + 20 * mid:names + 20 * mid + 20]
            if got < raw:
                lo = mid + 1
            elif got > raw:
                hi = mid
            else:
                offs = names + 20 * n + 4 * n
                off = struct.unpack(">I", idx[offs + 4 * mid:offs + 4 * mid + 4])[0]
                if off & 0x80000000:
                    big = offs + 4 * n + 8 * (off & 0x7FFFFFFF)
                    off = struct.unpack(">Q", idx[big:big + 8])[0]
                return off
        return None

    def _prefix(self, prefix: str) -> list[str]:
        found = set()
        folder = os.path.join(self.objects, prefix[:2])
        try:
            found |= {prefix[:2] + n for n in os.listdir(folder) if (prefix[:2] + n).startswith(prefix)}
        except OSError:
            pass
        for _, idx in self.packs():
            n = struct.unpack(">I", idx[8 + 1020:8 + 1024])[0]
            for i in range(n):  # a short name: rare, so a plain scan
                h = idx[8 + 1024 + 20 * i:8 + 1024 + 20 * i + 20].hex()
                if h.startswith(prefix):
                    found.add(h)
                if len(found) > 1:
                    break
        return sorted(found)

    def read(self, sha: str) -> tuple[str, bytes]:
        """The object ``sha``: its type and its content."""
        if sha in self._cache:
            return self._cache[sha]
        raw = _read(os.path.join(self.objects, sha[:2], sha[2:]))
        if raw is not None:
            try:
                data = zlib.decompressobj().decompress(raw, 4 * MAX_BLOB + 64)  # (bounded: no zlib bomb)
            except zlib.error as exc:
                raise Unreadable(f"object {sha}") from exc
            head, _, body = data.partition(b"\0")
            kind = head.split(b" ")[0].decode()
            if not head[len(kind) + 1:].isdigit() or int(head[len(kind) + 1:]) != len(body):
                raise Unreadable(f"object {sha} too large or cut")
            got = (kind, body)
        else:
            got = None
            key = bytes.fromhex(sha)
            for pack, idx in self.packs():
                off = self._find(idx, key)
                if off is not None:
                    got = self._packed(pack, off, 0)
                    break
            if got is None:
                raise Unreadable(f"object {sha} not found")
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[sha] = got
        return got

    _TYPES = {1: "commit", 2: "tree", 3: "blob", 4: "tag"}

    def _packed(self, pack: str, off: int, depth: int) -> tuple[str, bytes]:
        if depth > 60:
            raise Unreadable("delta chain too long")
        try:
            fd = os.open(pack, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise Unreadable("pack") from exc
        try:
            if not statmod.S_ISREG(os.fstat(fd).st_mode):
                raise Unreadable("pack is no file")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                fh.seek(off)
                head = fh.read(64)
                c = head[0]
                kind, size, shift, i = (c >> 4) & 7, c & 15, 4, 1
                while c & 0x80:
                    c = head[i]
                    i += 1
                    size |= (c & 0x7F) << shift
                    shift += 7
                if size > 4 * MAX_BLOB:
                    raise Unreadable("object too large")
                base = None
                if kind == 6:  # an offset delta
                    c = head[i]
                    i += 1
                    back = c & 0x7F
                    while c & 0x80:
                        c = head[i]
                        i += 1
                        back = ((back + 1) << 7) | (c & 0x7F)
                    base = self._packed(pack, off - back, depth + 1)
                elif kind == 7:  # a ref delta
                    base = self.read(head[i:i + 20].hex())
                    i += 20
                fh.seek(off + i)
                dec = zlib.decompressobj()
                out = b""
                while len(out) < size:
                    chunk = fh.read(65536)
                    if not chunk:
                        break
                    out += dec.decompress(chunk)
                    if dec.eof:
                        break
        except (OSError, IndexError, zlib.error) as exc:
            raise Unreadable("pack") from exc
        finally:
            os.close(fd)
        if base is None:
            if kind not in self._TYPES:
                raise Unreadable("pack object type")
            return self._TYPES[kind], out
        return base[0], _patch(base[1], out)

    # refs and revisions
    def ref(self, name: str) -> str | None:
        for root in dict.fromkeys((self.gitdir, self.common)):
            raw = _read(os.path.join(root, name), 4096)
            if raw is not None:
                text = raw.decode(errors="replace").strip()
                if text.startswith("ref:"):
                    return self.ref(text[4:].strip())
                if name == "FETCH_HEAD":  # the first line to merge
                    lines = [ln for ln in text.splitlines() if "\tnot-for-merge\t" not in ln] or text.splitlines()
                    text = lines[0] if lines else ""
                if _HEX40.match(text[:40]):
                    return text[:40]
        packed = _read(os.path.join(self.common, "packed-refs"))
        if packed:
            for line in packed.decode(errors="replace").splitlines():
                if line.endswith(" " + name) and _HEX40.match(line[:40]):
                    return line[:40]
        return None

    def resolve(self, rev: str) -> str:
        """The object a revision names (a commit, tag or tree's id)."""
        m = re.fullmatch(r"(.*?)((?:~\d*|\^\d*|\^\{\w*\})*)", rev)
        name, suffix = (m.group(1), m.group(2)) if m else (rev, "")
        sha = self._name(name)
        for op, num in re.findall(r"(~|\^\{\w*\}|\^)(\d*)", suffix):
            if op.startswith("^{"):
                sha = self.commit(sha) if op in ("^{commit}", "^{}") else self.tree_of(sha) if op == "^{tree}" else sha
                continue
            n = int(num) if num else 1
            if op == "~":
                for _ in range(n):
                    sha = self.parents(sha)[0]
            elif n:
                sha = self.parents(sha)[n - 1]
            else:
                sha = self.commit(sha)
        return sha

    def _name(self, name: str) -> str:
        if not name or name == "@":
            name = "HEAD"
        if m := re.fullmatch(r"(.+)@\{(\d+)\}", name):
            ref = m.group(1) if m.group(1).startswith("refs/") else f"refs/{m.group(1)}" if m.group(
                1) == "stash" else f"refs/heads/{m.group(1)}"
            log = _read(os.path.join(self.common, "logs", ref))
            lines = log.decode(errors="replace").splitlines() if log else []
            n = int(m.group(2))
            if n < len(lines):
                return lines[-1 - n].split(" ")[1]
            if n == 0 and (sha := self.ref(ref)):
                return sha
            raise Unreadable(f"revision {name}")
        if _HEX40.fullmatch(name.lower()):
            return name.lower()
        for ref in (name, f"refs/{name}", f"refs/tags/{name}", f"refs/heads/{name}", f"refs/remotes/{name}",
                    f"refs/remotes/{name}/HEAD"):
            if ref in ("HEAD", "FETCH_HEAD", "ORIG_HEAD", "MERGE_HEAD") or ref.startswith("refs/"):
                if sha := self.ref(ref):
                    return sha
        if re.fullmatch(r"[0-9a-fA-F]{4,39}", name):
            found = self._prefix(name.lower())
            if len(found) == 1:
                return found[0]
        raise Unreadable(f"revision {name}")

    def remote_branch(self, name: str) -> str | None:
        """git checkout/switch's guess: the one remote-tracking branch ``<remote>/name``."""
        found = set()
        folder = os.path.join(self.common, "refs", "remotes")
        try:
            remotes = os.listdir(folder)
        except OSError:
            remotes = []
        for remote in remotes[:20]:
            if sha := self.ref(f"refs/remotes/{remote}/{name}"):
                found.add(sha)
        return found.pop() if len(found) == 1 else None

    def commit(self, sha: str) -> str:
        for _ in range(10):
            kind, body = self.read(sha)
            if kind == "commit":
                return sha
            if kind != "tag":
                raise Unreadable(f"{sha} is a {kind}")
            sha = body.split(b"\n", 1)[0].split(b" ")[1].decode()
        raise Unreadable("tag chain")

    def _headers(self, sha: str) -> list[tuple[str, str]]:
        kind, body = self.read(self.commit(sha))
        out = []
        for line in body.split(b"\n\n", 1)[0].split(b"\n"):
            k, _, v = line.partition(b" ")
            out.append((k.decode(), v.decode(errors="replace")))
        return out

    def parents(self, sha: str) -> list[str]:
        got = [v for k, v in self._headers(sha) if k == "parent"]
        if not got:
            raise Unreadable("no parent")
        return got

    def tree_of(self, sha: str) -> str:
        kind, body = self.read(sha)
        for _ in range(10):
            if kind == "tree":
                return sha
            if kind == "tag":
                sha = body.split(b"\n", 1)[0].split(b" ")[1].decode()
                kind, body = self.read(sha)
                continue
            if kind == "commit":
                return body.split(b"\n", 1)[0].split(b" ")[1].decode()
            break
        raise Unreadable(f"{sha} has no tree")

    def entries(self, tree: str) -> list[tuple[str, str, str]]:
        """(mode, name, id) of a tree's entries."""
        kind, body = self.read(tree)
        if kind != "tree":
            raise Unreadable("not a tree")
        out, i = [], 0
        while i < len(body):
            sp = body.index(b" ", i)
            nul = body.index(b"\0", sp)
            out.append((body[i:sp].decode(), body[sp + 1:nul].decode(errors="replace"), body[nul + 1:nul + 21].hex()))
            i = nul + 21
        return out

    def files(self, tree: str, prefix: str = "", depth: int = 99, budget: list | None = None) -> dict[str, str]:
        """Every file of a tree (path -> blob id), folders down to ``depth`` levels; submodules and links left out."""
        budget = budget if budget is not None else [MAX_ENTRIES]
        out: dict[str, str] = {}
        for mode, name, sha in self.entries(tree):
            budget[0] -= 1
            if budget[0] < 0:
                raise Unreadable("tree too large")
            path = prefix + name
            if mode.startswith("4") or mode == "40000":
                if depth > 1:
                    out.update(self.files(sha, path + "/", depth - 1, budget))
            elif mode.startswith("10"):
                out[path] = sha
        return out

    def changed(self, old: str | None, new: str, prefix: str = "", budget: list | None = None) -> dict[str, str]:
        """The files ``new``'s tree holds that ``old``'s does not hold the same (path -> blob id); equal folders are
        skipped."""
        budget = budget if budget is not None else [MAX_ENTRIES]
        if old == new:
            return {}
        before = {name: (mode, sha) for mode, name, sha in self.entries(old)} if old else {}
        out: dict[str, str] = {}
        for mode, name, sha in self.entries(new):
            budget[0] -= 1
            if budget[0] < 0:
                raise Unreadable("tree too large")
            was = before.get(name)
            if was and was[1] == sha:
                continue
            path = prefix + name
            if mode.startswith("4"):
                out.update(self.changed(was[1] if was and was[0].startswith("4") else None, sha, path + "/", budget))
            elif mode.startswith("10"):
                out[path] = sha
        return out

    def blob(self, sha: str) -> str:
        kind, body = self.read(sha)
        if kind != "blob" or len(body) > MAX_BLOB:
            raise Unreadable("not a readable blob")
        return body.decode("utf-8", errors="replace")

    def at(self, rev: str, path: str) -> str:
        """The text of ``path`` in revision ``rev``'s tree (``git show REV:PATH``)."""
        tree = self.tree_of(self.resolve(rev))
        parts = [p for p in path.split("/") if p and p != "."]
        for i, part in enumerate(parts):
            hit = next(((m, s) for m, n, s in self.entries(tree) if n == part), None)
            if hit is None:
                raise Unreadable(f"{rev}:{path} not found")
            if i == len(parts) - 1:
                return self.blob(hit[1])
            tree = hit[1]
        raise Unreadable(f"{rev}:{path}")

    def index(self) -> dict[str, str]:
        """The index's files (path -> blob id), stage 0."""
        raw = _read(os.path.join(self.gitdir, "index"))
        if raw is None:
            return {}
        if raw[:4] != b"DIRC":
            raise Unreadable("index")
        version, count = struct.unpack(">II", raw[4:12])
        if version not in (2, 3):
            raise Unreadable(f"index version {version}")
        out, i = {}, 12
        self.stat: dict[str, tuple[int, int, int]] = {}
        for _ in range(min(count, MAX_ENTRIES)):
            start = i
            mtime_s, mtime_ns = struct.unpack(">II", raw[i + 8:i + 16])
            size = struct.unpack(">I", raw[i + 36:i + 40])[0]
            sha = raw[i + 40:i + 60].hex()
            flags = struct.unpack(">H", raw[i + 60:i + 62])[0]
            i += 62
            if flags & 0x4000:
                i += 2
            nul = raw.index(b"\0", i)
            path = raw[i:nul].decode(errors="replace")
            i = start + ((nul - start) // 8 + 1) * 8  # padded with 1-8 NULs to a multiple of 8
            if (flags >> 12) & 3 == 0:
                out[path] = sha
                self.stat[path] = (mtime_s, mtime_ns, size)
        if count > MAX_ENTRIES:
            raise Unreadable("index too large")
        if b"link" == raw[i:i + 4]:
            raise Unreadable("split index")
        return out


def _patch(base: bytes, delta: bytes) -> bytes:
    def varint(i: int) -> tuple[int, int]:
        n, shift = 0, 0
        while True:
            c = delta[i]
            i += 1
            n |= (c & 0x7F) << shift
            shift += 7
            if not c & 0x80:
                return n, i

    _, i = varint(0)
    size, i = varint(i)
    out = bytearray()
    while i < len(delta):
        op = delta[i]
        i += 1
        if op & 0x80:
            off = n = 0
            for k in range(4):
                if op & (1 << k):
                    off |= delta[i] << (8 * k)
                    i += 1
            for k in range(3):
                if op & (16 << k):
                    n |= delta[i] << (8 * k)
                    i += 1
            out += base[off:off + (n or 0x10000)]
        elif op:
            out += delta[i:i + op]
            i += op
        else:
            raise Unreadable("delta")
    if len(out) != size:
        raise Unreadable("delta size")
    return bytes(out)


def blob_id(data: bytes) -> str:
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
