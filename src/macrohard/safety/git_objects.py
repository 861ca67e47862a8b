"""A read-only reader of a git repository's object store, refs and index, in Python (flow40, issue 17 part 1).

The guard never runs git to learn what a git command will write: a repository others wrote can make git run programs
(``core.fsmonitor``, filters, hooks, a promisor remote's fetch: guard22). This module reads the files git keeps instead:
loose objects (zlib), pack files (index v2, offset and ref deltas), refs (loose, ``packed-refs``, ``FETCH_HEAD``, the
reflogs), a revision's ``~n``/``^n``/``^{…}`` suffixes, trees and the index (versions 2, 3 and 4). It reads them as git
does where an attacker could make the two differ (git38): a name is looked up by git's rules and one that two rules give
different commits is not guessed at; per-worktree refs come from the worktree's git directory, the others from the
common one; every object is checked against its id (a loose object whose text is not its id's, kept beside the real one
in a pack, showed the guard other text than git writes). Whatever it cannot read as git would (a split
or sparse index, a reftable or SHA-256 repository, replace refs or grafts, an object not found here, an object or tree
too large) raises ``Unreadable``, so that the caller treats the git command's outcome as unknown; ``NotFound`` is a
plain name that no ref or object holds (git fails on it too)."""

from __future__ import annotations

import hashlib
import os
import re
import struct
import zlib

from macrohard.safety import lazyre
from macrohard.safety.gitrepo import settings
from macrohard.safety.regular import bytes_of, open_regular

MAX_BLOB = 1 << 20  # a file's text larger than this is not judged (unknown)
MAX_OBJECT = 4 * MAX_BLOB  # any object (a tree, a delta's result) larger than this is not read
MAX_ENTRIES = 20_000  # tree entries walked for one question
MAX_INDEX = 100_000  # index entries read
_HEX40 = lazyre.compile(r"[0-9a-f]{40}")
# extensions (core.repositoryformatversion 1) that change nothing this reader reads
_KNOWN_EXTENSIONS = frozenset({"noop", "noop-v1", "worktreeconfig", "preciousobjects"})
# refs each worktree keeps in its own git directory; every other ref is the common directory's
_PER_WORKTREE = lazyre.compile(r"[A-Z][A-Z0-9_]*|refs/(?:bisect|worktree|rewritten)/.+")
_BAD_REF = lazyre.compile(r"\.\.|//|@\{|[\x00-\x20\x7f~^:?*\[\\]|(?:^|/)\.|\.lock(?:/|$)|/$|^/")
_PLAIN_NAME = lazyre.compile(r"[A-Za-z0-9_][A-Za-z0-9._/+-]*")


class Unreadable(Exception):
    """What git would do here cannot be read from its files."""


class NotFound(Unreadable):
    """A plain revision name that no ref or object of a fully readable repository holds: git fails on it too."""


def _strict(path: str, limit: int = 64 << 20) -> bytes | None:
    """A file's bytes; None when there is no file there (nothing, or a folder); Unreadable when there is one the
    guard cannot read (a pipe, a link to nothing): git may read what the guard did not."""
    if not os.path.lexists(path) or os.path.isdir(path):
        return None
    raw = bytes_of(path, limit)
    if raw is None:
        raise Unreadable(f"{os.path.basename(path)} cannot be read")
    return raw


class Repo:
    """One repository's objects, refs and index, read from its files."""

    def __init__(self, gitdir: str) -> None:
        self.gitdir = gitdir
        common = _strict(os.path.join(gitdir, "commondir"), 4096)
        self.common = os.path.normpath(os.path.join(gitdir, common.decode(errors="replace").strip())) if common \
            else gitdir
        self.objects = os.path.join(self.common, "objects")
        self._packs: list[tuple[str, bytes]] | None = None
        self._cache: dict[str, tuple[str, bytes]] = {}
        self.stat: dict[str, tuple[int, ...]] = {}
        self.modes: dict[str, str] = {}
        self.stages: dict[str, list[tuple[str, str]]] = {}
        self.index_mtime: tuple[int, int] = (0, 0)
        for key, value in settings(os.path.join(self.common, "config")):
            if key.startswith("extensions.") and key[11:] not in _KNOWN_EXTENSIONS:
                raise Unreadable(f"the repository's {key} = {value[:20]} (this reader reads plain repositories)")
        for odd in ("info/grafts", "objects/info/grafts"):
            if os.path.lexists(os.path.join(self.common, odd)):
                raise Unreadable("grafts change what a commit's parents are")
        try:
            replaced = bool(os.listdir(os.path.join(self.common, "refs", "replace")))
        except OSError:
            replaced = False
        if replaced or b" refs/replace/" in (_strict(os.path.join(self.common, "packed-refs")) or b""):
            raise Unreadable("replace refs change what an object id means")
        shallow = _strict(os.path.join(self.common, "shallow"), 1 << 20) or b""
        self.shallow = set(shallow.decode(errors="replace").split())
        self.alternates = os.path.lexists(os.path.join(self.objects, "info", "alternates"))

    # objects
    def packs(self) -> list[tuple[str, bytes]]:
        if self._packs is None:
            self._packs = []
            folder = os.path.join(self.objects, "pack")
            try:
                names = sorted(n for n in os.listdir(folder) if n.endswith(".idx"))
            except OSError:
                names = []
            if len(names) > 64:
                raise Unreadable("too many packs")
            for name in names:
                idx = _strict(os.path.join(folder, name))
                if not idx or idx[:4] != b"\xfftOc" or struct.unpack(">I", idx[4:8])[0] != 2 or len(idx) < 1032:
                    raise Unreadable(f"pack index {name}")
                n = struct.unpack(">I", idx[8 + 1020:8 + 1024])[0]
                if len(idx) < 8 + 1024 + 28 * n:
                    raise Unreadable(f"pack index {name} cut")
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
        """The object ``sha``: its type and its content (checked against its id)."""
        return self._get(sha, 0)

    def _get(self, sha: str, depth: int) -> tuple[str, bytes]:
        if sha in self._cache:
            return self._cache[sha]
        if not _HEX40.fullmatch(sha):
            raise Unreadable(f"object id {sha[:50]}")
        if depth > 60:
            raise Unreadable("delta chain too long")
        got = None
        key = bytes.fromhex(sha)
        for pack, idx in self.packs():  # git looks in the packs first, then among the loose objects
            off = self._find(idx, key)
            if off is not None:
                got = self._packed(pack, off, depth)
                break
        if got is None:
            raw = _strict(os.path.join(self.objects, sha[:2], sha[2:]), 2 * MAX_OBJECT)
            if raw is None:
                raise Unreadable(f"object {sha} not found here")
            try:
                dec = zlib.decompressobj()
                data = dec.decompress(raw, MAX_OBJECT + 64)  # (bounded: no zlib bomb)
            except zlib.error as exc:
                raise Unreadable(f"object {sha}") from exc
            head, _, body = data.partition(b"\0")
            kind = head.split(b" ")[0].decode(errors="replace")
            if dec.unconsumed_tail or not head[len(kind) + 1:].isdigit() or int(head[len(kind) + 1:]) != len(body):
                raise Unreadable(f"object {sha} too large or cut")
            got = (kind, body)
        if hashlib.sha1(b"%s %d\0" % (got[0].encode(), len(got[1])) + got[1]).hexdigest() != sha:
            raise Unreadable(f"object {sha} does not hold what its id says (a corrupt or forged object)")
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[sha] = got
        return got

    _TYPES = {1: "commit", 2: "tree", 3: "blob", 4: "tag"}

    def _packed(self, pack: str, off: int, depth: int) -> tuple[str, bytes]:
        if depth > 60:
            raise Unreadable("delta chain too long")
        try:
            fh = open_regular(pack, "rb")  # (never a pipe)
        except OSError as exc:
            raise Unreadable("pack") from exc
        try:
            fh.seek(off)
            head = fh.read(64)
            c = head[0]
            kind, size, shift, i = (c >> 4) & 7, c & 15, 4, 1
            while c & 0x80:
                c = head[i]
                i += 1
                size |= (c & 0x7F) << shift
                shift += 7
            if size > MAX_OBJECT:
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
                if not 0 < back <= off:
                    raise Unreadable("pack delta offset")
                base = self._packed(pack, off - back, depth + 1)
            elif kind == 7:  # a ref delta
                base = self._get(head[i:i + 20].hex(), depth + 1)
                i += 20
            fh.seek(off + i)
            dec = zlib.decompressobj()
            out = b""
            while len(out) < size and not dec.eof:
                chunk = dec.unconsumed_tail or fh.read(65536)
                if not chunk:
                    break
                out += dec.decompress(chunk, size + 1 - len(out))  # (bounded: no zlib bomb)
            if len(out) != size:
                raise Unreadable("pack object cut or larger than it says")
        except (OSError, IndexError, zlib.error) as exc:
            raise Unreadable("pack") from exc
        finally:
            fh.close()
        if base is None:
            if kind not in self._TYPES:
                raise Unreadable("pack object type")
            return self._TYPES[kind], out
        return base[0], _patch(base[1], out)

    # refs and revisions
    def ref(self, name: str, depth: int = 0) -> str | None:
        """The object id a ref holds (symbolic refs followed), None if there is no such ref."""
        if depth > 5:
            raise Unreadable(f"symbolic ref {name} nested too deep")
        if _BAD_REF.search(name) or not (name.startswith("refs/") or _PER_WORKTREE.fullmatch(name)):
            raise Unreadable(f"ref name {name[:60]}")
        root = self.gitdir if _PER_WORKTREE.fullmatch(name) else self.common
        raw = _strict(os.path.join(root, name), 1 << 20)
        if raw is not None:
            text = raw.decode(errors="replace").strip()
            if text.startswith("ref:"):
                return self.ref(text[4:].strip(), depth + 1)
            if name == "FETCH_HEAD":  # the first line to merge
                lines = [ln for ln in text.splitlines() if "\tnot-for-merge\t" not in ln] or text.splitlines()
                text = lines[0] if lines else ""
            if _HEX40.match(text[:40]):
                return text[:40]
            raise Unreadable(f"ref {name} holds no object id")
        if root == self.common or name.startswith("refs/"):
            packed = _strict(os.path.join(self.common, "packed-refs"))
            for line in (packed or b"").decode(errors="replace").splitlines():
                if line[41:] == name and _HEX40.match(line[:40]):
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
                    sha = self._parent(sha, 1)
            elif n:
                sha = self._parent(sha, n)
            else:
                sha = self.commit(sha)
        return sha

    def _parent(self, sha: str, n: int) -> str:
        got = self.parents(sha)
        if len(got) < n:
            raise Unreadable(f"{sha[:12]} has no parent {n}")
        return got[n - 1]

    def _name(self, name: str) -> str:
        if name == "-":
            name = "@{-1}"
        if m := re.fullmatch(r"@\{-(\d+)\}", name):
            return self._previous(int(m.group(1)))
        if not name or name == "@":
            name = "HEAD"
        if m := re.fullmatch(r"(.*)@\{(\d+)\}", name):
            return self._logged(m.group(1) or "HEAD", int(m.group(2)))
        if m := re.fullmatch(r"(.*)@\{(?:u|upstream)\}", name, re.I):
            return self._name(self.upstream(m.group(1)))
        if _HEX40.fullmatch(name.lower()):
            return name.lower()
        if re.search(r"[~^:{}@]|\.\.", name) or re.search(r"-g[0-9a-fA-F]{4,}$", name) or \
                name.startswith(("main-worktree/", "worktrees/")):
            raise Unreadable(f"revision {name[:60]}")  # syntax this reader does not read (git's describe names …)
        if not _PLAIN_NAME.fullmatch(name) or _BAD_REF.search(name):
            raise NotFound(f"revision {name[:60]}")  # no ref can have this name (`.`, a path, a glob)
        found = {sha for ref in self._rules(name) if (sha := self.ref(ref))}
        if len(found) > 1:
            raise Unreadable(f"{name} names different commits by git's rules (a tag and a branch, a ref at the top)")
        if found:
            return found.pop()
        if re.fullmatch(r"[0-9a-fA-F]{4,39}", name):
            hits = self._prefix(name.lower())
            if len(hits) == 1:
                return hits[0]
            if hits:
                raise Unreadable(f"{name} is an ambiguous short object id")
        if self.alternates:
            raise Unreadable(f"revision {name}: its objects are partly elsewhere (alternates)")
        raise NotFound(f"revision {name}")

    def upstream(self, branch: str = "") -> str:
        """The ref a branch (the current one by default) tracks, by its settings; Unreadable if none."""
        if not branch:
            raw = (_strict(os.path.join(self.gitdir, "HEAD"), 4096) or b"").decode(errors="replace").strip()
            if not raw.startswith("ref: refs/heads/"):
                raise Unreadable("no branch checked out: no upstream")
            branch = raw[16:].strip()
        conf = dict(settings(os.path.join(self.common, "config")))
        remote, merge = conf.get(f"branch.{branch}.remote"), conf.get(f"branch.{branch}.merge", "")
        if not remote or not merge.startswith("refs/heads/"):
            raise Unreadable(f"{branch} has no upstream")
        return merge if remote == "." else f"refs/remotes/{remote}/{merge[11:]}"

    def fetch_heads(self) -> list[str]:
        """The commits ``FETCH_HEAD`` names for merging (``git merge FETCH_HEAD`` merges them all)."""
        raw = (_strict(os.path.join(self.gitdir, "FETCH_HEAD"), 1 << 20) or b"").decode(errors="replace")
        lines = [ln for ln in raw.splitlines() if ln.strip()]
        merged = [ln[:40] for ln in lines if "\tnot-for-merge\t" not in ln] or [ln[:40] for ln in lines[:1]]
        if not all(_HEX40.fullmatch(sha) for sha in merged):
            raise Unreadable("FETCH_HEAD")
        return merged

    @staticmethod
    def _rules(name: str) -> list[str]:
        """git's rules for a name (``git help revisions``), those the name can take."""
        out = [name] if name.startswith("refs/") or _PER_WORKTREE.fullmatch(name) else []
        return out + [f"refs/{name}", f"refs/tags/{name}", f"refs/heads/{name}", f"refs/remotes/{name}",
                      f"refs/remotes/{name}/HEAD"]

    def _log(self, ref: str) -> list[str]:
        root = self.gitdir if _PER_WORKTREE.fullmatch(ref) else self.common
        raw = _strict(os.path.join(root, "logs", ref))
        return raw.decode("utf-8", errors="replace").splitlines() if raw else []

    def _logged(self, name: str, n: int) -> str:
        """``NAME@{n}``: the n-th last value of a ref, from its reflog."""
        refs = [r for r in self._rules(name) if self._log(r)] if name != "HEAD" else ["HEAD"]
        if len(refs) > 1:
            raise Unreadable(f"{name}@{{{n}}} names more than one reflog")
        lines = self._log(refs[0]) if refs else []
        if n < len(lines) and _HEX40.fullmatch(lines[-1 - n].split(" ")[1]):
            return lines[-1 - n].split(" ")[1]
        if not refs and _PLAIN_NAME.fullmatch(name) and not any(self.ref(r) for r in self._rules(name)) and \
                not self.alternates:
            raise NotFound(f"revision {name}@{{{n}}}")  # (`git stash pop` with no stash: git refuses)
        raise Unreadable(f"revision {name}@{{{n}}}")

    def _previous(self, n: int) -> str:
        """The branch or commit checked out ``n`` switches ago (``-``, ``@{-1}``: HEAD's reflog)."""
        for line in reversed(self._log("HEAD")):
            m = re.search(r"\tcheckout: moving from (\S+) to \S+$", line)
            if m:
                n -= 1
                if n == 0:
                    return self.resolve(m.group(1))
        raise NotFound("no previous branch")  # (git refuses too)

    def remote_branch(self, name: str) -> str | None:
        """git checkout/switch's guess: the one remote-tracking branch ``<remote>/name``."""
        found = set()
        folder = os.path.join(self.common, "refs", "remotes")
        try:
            remotes = os.listdir(folder)
        except OSError:
            remotes = []
        packed = (_strict(os.path.join(self.common, "packed-refs")) or b"").decode(errors="replace")
        remotes += re.findall(r"^[0-9a-f]{40} refs/remotes/([^/\s]+)/", packed, re.M)
        for remote in list(dict.fromkeys(remotes))[:50]:
            if _BAD_REF.search(f"refs/remotes/{remote}/{name}"):
                continue
            if sha := self.ref(f"refs/remotes/{remote}/{name}"):
                found.add(sha)
        if len(found) > 1:
            raise Unreadable(f"{name} is a branch of more than one remote")
        return found.pop() if found else None

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
            out.append((k.decode(errors="replace"), v.decode(errors="replace")))
        return out

    def parents(self, sha: str) -> list[str]:
        """A commit's parents ([] for a root commit, or one the repository's ``shallow`` file cuts)."""
        sha = self.commit(sha)
        return [] if sha in self.shallow else [v for k, v in self._headers(sha) if k == "parent"]

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
        out, i, last = [], 0, b""
        try:
            while i < len(body):
                sp = body.index(b" ", i)
                nul = body.index(b"\0", sp)
                if nul + 21 > len(body):
                    raise Unreadable("tree cut")
                mode, name = body[i:sp], body[sp + 1:nul]
                key = name + (b"/" if mode.startswith(b"4") else b"")
                if key <= last:  # git walks trees in this order: a duplicate or out of order name reads otherwise
                    raise Unreadable(f"tree {tree[:12]} holds names twice or out of git's order")
                last = key
                out.append((mode.decode(), name.decode(errors="replace"), body[nul + 1:nul + 21].hex()))
                i = nul + 21
        except (ValueError, UnicodeDecodeError) as exc:
            raise Unreadable("tree") from exc
        return out

    def files(self, tree: str, prefix: str = "", budget: list | None = None) -> dict[str, tuple[str, str]]:
        """Every file and symbolic link of a tree (path -> (mode, blob id)); submodules left out."""
        return self.changed(None, tree, prefix, budget)

    def changed(self, old: str | None, new: str, prefix: str = "",
                budget: list | None = None) -> dict[str, tuple[str, str]]:
        """The files and links ``new``'s tree holds that ``old``'s does not hold the same (path -> (mode, blob id));
        equal folders are skipped."""
        budget = budget if budget is not None else [MAX_ENTRIES]
        if old == new:
            return {}
        before = {name: (mode, sha) for mode, name, sha in self.entries(old)} if old else {}
        out: dict[str, tuple[str, str]] = {}
        for mode, name, sha in self.entries(new):
            budget[0] -= 1
            if budget[0] < 0:
                raise Unreadable("tree too large")
            was = before.get(name)
            if was == (mode, sha) or was and mode.startswith("4") and was[1] == sha:
                continue
            path = prefix + name
            if mode.startswith("4"):
                out.update(self.changed(was[1] if was and was[0].startswith("4") else None, sha, path + "/", budget))
            elif mode.startswith(("10", "12")):
                out[path] = (mode, sha)
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
        """The index's files (path -> blob id), stage 0; their modes in ``modes``, what git knew of each file in
        ``stat`` (ctime s, ns, mtime s, ns, dev, ino, mode, uid, gid, size) and when the index was written in
        ``index_mtime``."""
        path = os.path.join(self.gitdir, "index")
        raw = _strict(path, 256 << 20)
        if raw is None:
            return {}
        try:
            st = os.stat(path)
            self.index_mtime = (int(st.st_mtime), st.st_mtime_ns % 10**9)
        except OSError as exc:
            raise Unreadable("index") from exc
        if raw[:4] != b"DIRC":
            raise Unreadable("index")
        version, count = struct.unpack(">II", raw[4:12])
        if version not in (2, 3, 4):
            raise Unreadable(f"index version {version}")
        if count > MAX_INDEX:
            raise Unreadable("index too large")
        out, i, previous = {}, 12, b""
        self.stat, self.modes, self.stages = {}, {}, {}
        try:
            for _ in range(count):
                start = i
                fields = struct.unpack(">10I", raw[i:i + 40])
                sha = raw[i + 40:i + 60].hex()
                flags = struct.unpack(">H", raw[i + 60:i + 62])[0]
                i += 62
                if flags & 0x4000:
                    if version < 3:
                        raise Unreadable("index flags")
                    i += 2
                if version == 4:  # guard40: the name is the previous one less N bytes, then this suffix; no padding
                    strip, i = _offset_varint(raw, i)
                    if strip > len(previous):
                        raise Unreadable("index v4 name")
                    nul = raw.index(b"\0", i)
                    previous = previous[:len(previous) - strip] + raw[i:nul]
                    name, i = previous.decode(errors="replace"), nul + 1
                else:
                    nul = raw.index(b"\0", i)
                    name = raw[i:nul].decode(errors="replace")
                    i = start + ((nul - start) // 8 + 1) * 8  # padded with 1-8 NULs to a multiple of 8
                if (flags >> 12) & 3 == 0:
                    out[name] = sha
                    self.modes[name] = f"{fields[6]:o}"
                    self.stat[name] = fields
                else:  # a conflict's stages (``checkout --theirs``, ``checkout-index --stage``) write these
                    self.stages.setdefault(name, []).append((f"{fields[6]:o}", sha))
            while i + 8 <= len(raw) - 20:  # the extensions: a split or sparse index is not read
                sig, size = raw[i:i + 4], struct.unpack(">I", raw[i + 4:i + 8])[0]
                if sig in (b"link", b"sdir"):
                    raise Unreadable("a split or sparse index")
                i += 8 + size
        except (struct.error, ValueError) as exc:
            raise Unreadable("index cut") from exc
        return out


def _offset_varint(raw: bytes, i: int) -> tuple[int, int]:
    """git's offset varint (``decode_varint``: each continued byte adds one before the shift), and the index after."""
    c = raw[i]
    i += 1
    value = c & 0x7F
    while c & 0x80:
        c = raw[i]
        i += 1
        value = ((value + 1) << 7) | (c & 0x7F)
    return value, i


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

    try:
        return _apply(base, delta, varint)
    except IndexError as exc:
        raise Unreadable("delta cut") from exc


def _apply(base: bytes, delta: bytes, varint) -> bytes:
    base_size, i = varint(0)
    size, i = varint(i)
    if base_size != len(base) or size > MAX_OBJECT:
        raise Unreadable("delta size")
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
        if len(out) > size:
            raise Unreadable("delta larger than it says")
    if len(out) != size:
        raise Unreadable("delta size")
    return bytes(out)


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
