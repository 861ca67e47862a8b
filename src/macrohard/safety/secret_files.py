"""rt61: files whose secret nothing in their text shows, a served folder's table of people, keys a shell printed.

``flows.credential_text`` judges a text by its shape (a key's own format, settings naming a secret, one
token-shaped value). rt58 left three holes that the text alone cannot close:

- a file of ONE short line of plain words or a plain password (``correct horse battery staple``, ``hunter2``) in a
  file called ``passphrase`` or ``pw``: only its name says what it is (``secret_named``);
- a folder served to the network holding a table of people (``customers.csv`` copied into ``public/``): a folder
  holding data files is served every day (a chart's ``prices.csv``, a manifest), a table whose rows hold an e-mail
  address, a phone number, a card number or a token-shaped value is not (``personal_table``);
- a key the shell printed (``cat k``), then written out by the model (a browser field, an MCP argument, a curl
  address): rt58 kept the keys of a credential file the model read with the file tool only (``shown_keys``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

# a file's name (less a leading dot and a `.txt`/`.secret`/`.key` ending) that says its one line is a secret; the
# policy's private_paths already name `*password*`, `*secret*`, `*credential*` (safety.carried follows those)
_SECRET_NAMES = frozenset({"passphrase", "passphrases", "pass", "passwd", "pw", "pwd", "pin", "apikey", "api_key",
                           "api-key", "token", "auth_token", "access_token", "authtoken", "key", "master_key",
                           "vault_pass", "vault-pass", "vault_password_file", "login"})
_ENDINGS = ("", ".txt", ".secret", ".key", ".pass")
_LINE_MAX = 200  # a password or a passphrase, not a note


def secret_named(path: str, text: str) -> bool:
    """Whether the file at ``path`` holding ``text`` is a secret by its name: its name is one of ``_SECRET_NAMES``
    (``pw``, ``.passphrase``, ``token.txt``) and its whole text is ONE line of at most ``_LINE_MAX`` characters. A
    note, a list or a document (two lines or more) in such a file is not, nor ``pw.md`` or ``token.py``."""
    name = os.path.basename(path).lower().lstrip(".")
    stem, ending = os.path.splitext(name)
    if ending not in _ENDINGS or (stem if ending else name) not in _SECRET_NAMES:
        return False
    lines = [line for line in text.splitlines()[:3] if line.strip()]
    return len(lines) == 1 and len(lines[0].strip()) <= _LINE_MAX


# a served folder's page, style, script or document is the site, whatever it holds
_SITE_ENDINGS = (".html", ".htm", ".js", ".mjs", ".css", ".md", ".svg", ".map", ".xml", ".ico", ".png", ".jpg",
                 ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".wasm")


def personal_table(path: str) -> str:
    """What makes the regular file at ``path`` a table of people, "" if it is none: a file ``flows.records_file``
    calls records (rows, JSON, a database's format; not the site's pages) whose text holds an e-mail address, a card
    number, an SSN's shape, or — in rows split by a delimiter — a field that is a phone number or a token-shaped
    value (``alice,SECRET-7f3a9c``) other than lowercase hex (a commit, a checksum). A table of dates and prices, a
    log of commits, a manifest or a lock file of hashes is none."""
    from macrohard.safety import native
    from macrohard.safety.flows import _CARD, _DATA_MAGIC, _DELIMITERS, _EMAIL, _SSN, _luhn, _personal, records_file

    if path.lower().endswith(_SITE_ENDINGS) or not records_file(path):
        return ""
    data = native.read(path, 65536) or b""
    if data.startswith(_DATA_MAGIC):
        return "a database or a table in its own format"
    text = data.decode("utf-8", "replace")
    if _EMAIL.search(text):
        return "e-mail addresses"
    if _SSN.search(text) or any(_luhn(re.sub(r"\D", "", m)) for m in _CARD.findall(text)):
        return "card or social security numbers"
    if text.lstrip()[:1] in ("{", "["):
        return ""  # JSON: its keys and hashes are no person's (an e-mail address or a card number was looked for)
    for line in text.splitlines()[1:200]:
        for d in _DELIMITERS:
            fields = [f.strip().strip("\"'") for f in line.split(d) if f.strip()]
            if len(fields) >= 2 and any(_personal(f) and not _HEX.fullmatch(f) for f in fields):
                return "rows holding a phone number or a token"
    return ""


_HEX = re.compile(r"[0-9a-f-]+")  # a commit, a checksum, a uuid: what a served log or index holds, no person's


_WORD = re.compile(r"[^\s;&|<>()'\"`$=]+")
_KEY_WORD = re.compile(r"[A-Za-z0-9_+/.~-]{12,200}")


KEY_WINDOW = 12  # characters of a key read that, written in an action, are a piece of it (rt58)


def key_piece_in(texts: list[str], keys: dict[str, str]) -> str:
    """The first key of ``keys`` (value -> where the model read it: ``FlowState.keys``) a piece of ``KEY_WINDOW``
    characters of which lies in one of ``texts``, said as "a piece of a key the model read from WHERE"; or ""."""
    for key, where in keys.items():
        pieces = [key[i:i + KEY_WINDOW] for i in range(0, max(1, len(key) - KEY_WINDOW + 1))]
        if any(p in t for t in texts for p in pieces):
            return f"a piece of a key the model read from {where}"
    return ""


def shown_keys(command: str, output: str, base: str, roots: tuple[str, ...], jobs: bool = False) -> dict[str, str]:
    """The token-shaped values (``flows._token``, 12+ characters) that ``output`` of the shell line ``command``
    showed the model and that a credential file the line names holds (``cat k``, ``head -c 40 token``): value ->
    that file, as ``flow.remember_keys`` keeps them for the file tool. Files under ``roots`` only (the workspace), the
    first 16 words that name one; a value the output shows that is not in the file (a hash ``ls`` printed) is not.
    rt62: the named file's own values too (16 a file), whether the output shows them as they are or re-spelt (``xxd
    -p k``, ``od -c k``, ``base64 k``: the model reads them back). Where the line builds its file names (``$``, a
    glob), reads a descriptor or a pipe (``cat <&4`` after ``exec 4<k``, a FIFO another process fills), or a job an
    earlier step left running may be what printed (``jobs``), the workspace's small credential files are looked in."""
    from macrohard.safety import native
    from macrohard.safety.flows import _token, credential_file

    found: dict[str, str] = {}
    if not output.strip():
        return found
    words = _KEY_WORD.findall(output[:16384])
    tried, unnamed = 0, bool(_UNNAMED.search(command))
    for word in dict.fromkeys(_WORD.findall(command)):
        if word.startswith("-") or tried >= 16:
            continue
        full = os.path.normpath(word if word.startswith("/") else os.path.join(base, word))
        if not any(full.startswith(r.rstrip("/") + "/") for r in roots if r) or not os.path.isfile(full):
            unnamed = unnamed or os.path.exists(full) and not os.path.isdir(full)  # a FIFO, a socket, a device
            continue
        tried += 1
        if not credential_file(full):
            continue
        text = (native.read(full, 65536) or b"").decode("utf-8", "replace")
        where = os.path.relpath(full, base)[:80]
        transforms = _transforms(command)
        for value in dict.fromkeys(words):
            if _token(value) and (value in text or transforms):
                # rt63: what a tool printed of the file re-spelt (`rev k`, `tr a-f A-F < k`, `sed s/…/ k`) is the key
                found.setdefault(value, where)
        for value in [v for v in dict.fromkeys(_KEY_WORD.findall(text)) if _token(v)][:16]:
            found.setdefault(value, where)
    if not found and words and (_BUILT.search(command) or unnamed or jobs):
        # a name the line builds (`cat $(ls | grep ^k$)`, `cat "$F"`, `cat k*`), a descriptor or a pipe, a job
        found = _in_credential_files([w for w in dict.fromkeys(words) if _token(w)], roots, base)
    return found


# programs whose output of a file is no spelling of its text (a digest, a size, a type, a listing)
_NOT_SPELLINGS = frozenset({"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum", "cksum",
                            "sum", "wc", "ls", "stat", "file", "du", "test", "[", "git", "diff", "cmp", "shasum",
                            "openssl", "gpg", "age", "chmod", "chown", "touch", "rm", "cp", "mv", "ln", "mkdir"})
_FIRST_WORDS = re.compile(r"(?:^|&&|\|\||[;|&(\n])\s*(?:[A-Za-z_]\w*=\S*\s+)*(?:sudo\s+|command\s+|exec\s+)?([^\s;&|()<>]+)")


def _transforms(command: str) -> bool:
    """rt63: whether a program of the line may print a file's text re-spelt (anything but ``_NOT_SPELLINGS``): its
    token-shaped output is then the key's, whatever spelling it has (``rev``, ``tr``, ``sed``, ``awk``, code)."""
    programs = {os.path.basename(m.group(1)) for m in _FIRST_WORDS.finditer(command)}
    return bool(programs - _NOT_SPELLINGS - {"cat", "head", "tail", "grep", "less", "more", "nl", "xxd", "od", "base64"})


_UNNAMED = re.compile(r"<&\s*\d|>&\s*\d|/dev/fd/|/dev/stdin|/proc/[\w$]+/fd/|\bmkfifo\b|<\(")
_BUILT = re.compile(r"[$`*?\[]")
_SKIP = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox"})


def walk(top: str, depth: int, descend: Callable[[os.DirEntry[str]], bool] = lambda entry: True,
         most: int = 400) -> Iterator[os.DirEntry[str]]:
    """The entries under ``top``, breadth first in name order, folders and all: ``depth`` levels of folders below it
    at most (never ``_SKIP``'s, nor one ``descend`` refuses), ``most`` entries in all — the bounded look the
    workspace's credential walks take (rt61's values in credential files, rt63's ``git add -A`` of a tree)."""
    seen, folders = 0, [(top, 0)]
    while folders:
        folder, level = folders.pop(0)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if seen > most:
                return
            if entry.is_dir(follow_symlinks=False) and level < depth and entry.name not in _SKIP and descend(entry):
                folders.append((entry.path, level + 1))
            yield entry


def _in_credential_files(values: list[str], roots: tuple[str, ...], base: str) -> dict[str, str]:
    """rt61: the values of ``values`` that a credential file in the workspace holds (its folder and the ones below
    it, two levels, 400 entries, files of 16 kB at most: what a credential file is), for a line whose file names
    are built when it runs."""
    from macrohard.safety import native
    from macrohard.safety.flows import credential_file

    found: dict[str, str] = {}
    tops = [r for r in dict.fromkeys(r for r in roots if r and os.path.isdir(r))][:1]
    if not values or not tops:
        return found
    for entry in walk(tops[0], 1):
        try:
            if not entry.is_file() or entry.stat().st_size > 16384:
                continue
        except OSError:
            continue
        text = (native.read(entry.path, 16384) or b"").decode("utf-8", "replace")
        hits = [v for v in values if v in text]
        if hits and credential_file(entry.path):
            for value in hits:
                found.setdefault(value, os.path.relpath(entry.path, base)[:80])
    return found


# -- a file server a step left running, then data put where it serves (rt61) ---------------------------------------
# `python3 -m http.server [-d DIR] [PORT]`, `php -S ADDR -t DIR`, `npx http-server DIR`, `busybox httpd -h DIR`
_SERVER = re.compile(r"(?:^|[;&|(]\s*|\bnohup\s+|\btimeout\s+\S+\s+)(?:python3?(?:\.\d+)?\s+-m\s+http\.server|php\s+-S|"
                     r"npx\s+(?:-y\s+)?(?:http-server|serve)|busybox\s+httpd)\b([^;&|()\n]*)")
_LOOPBACK = re.compile(r"\s(?:-b|--bind|-a|--address|-S)\s+(?:localhost|127\.|::1|\[::1\])")
_BACKGROUND = re.compile(r"(?<![&>|])&(?![&>])|\b(?:nohup|setsid|disown|daemonize)\b")
_VALUED = ("-b", "--bind", "-a", "--address", "-p", "--port", "-S", "--protocol", "-c", "--cgi")
_INTO = re.compile(r"(?:^|[;&|(]\s*)(cp|mv|ln|install|rsync|tee)\s+([^;&|()\n]*)|>>?\s*([^\s;&|()]+)")


def served_roots(command: str, base: str) -> list[str]:
    """The folders (absolute) that file servers the shell line leaves running (``&``, ``nohup``…) serve to the
    network (not bound to this machine's loopback): ``python3 -m http.server -d public 8000 &`` -> ``BASE/public``.
    A ``cd`` on the line before it is not followed (the shell's directory is taken: a wider folder)."""
    roots: list[str] = []
    if not _BACKGROUND.search(command):  # in the foreground it ends with the step (a step's time limit)
        return roots
    for m in _SERVER.finditer(command):
        args = m.group(1)
        if _LOOPBACK.search(" " + args):
            continue
        words, at, plain = [w.strip("'\"") for w in args.split()], "", []
        for before, word in zip(["", *words], words, strict=False):
            if before in ("-d", "--directory", "-t", "-h"):
                at = at or word
            elif not word.startswith("-") and before not in _VALUED and not word.isdigit() and ":" not in word:
                plain.append(word)
        at = at or (plain[0] if plain else ".")
        if "$" not in at and "`" not in at:
            roots.append(os.path.normpath(os.path.join(base, at)))
    return roots


def put_where_served(command: str, base: str, roots: tuple[str, ...], data: Callable[[str], str]) -> str:
    """What data the shell line puts under a served root (``cp customers.csv public/``, ``ln -s ../token public/t``,
    ``grep @ people.tsv > public/x``): the destination of cp/mv/ln/install/rsync/tee or a redirection is under one
    of ``roots`` and another word of the line names a file that ``data`` says holds data (records, a credential, a
    private file); "" if none."""
    def under(path: str) -> bool:
        return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)

    dests: list[str] = []
    for m in _INTO.finditer(command):
        if m.group(3):
            dests.append(m.group(3).strip("'\""))
        else:
            words = [w.strip("'\"") for w in m.group(2).split() if not w.startswith("-")]
            dests += words if m.group(1) == "tee" else words[-1:]
    hits = [d for d in dests if "$" not in d and under(os.path.normpath(os.path.join(base, d)))]
    if not hits:
        return ""
    for word in dict.fromkeys(_WORD.findall(command)):
        if word.startswith("-") or word in hits:
            continue
        for full in {os.path.normpath(os.path.join(base, word)),
                     *(os.path.normpath(os.path.join(base, h if os.path.isdir(os.path.join(base, h)) else
                                                     os.path.dirname(h), word)) for h in hits)}:
            if not under(full) and os.path.isfile(full) and (what := data(full)):
                return f"{os.path.relpath(full, base)} ({what}) goes to {hits[0]}, which a file server this run " \
                       "started serves to the network"
    return ""
