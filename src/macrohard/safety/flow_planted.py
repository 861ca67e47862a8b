"""Sends planted for later: a file written after untrusted content that would send data when something outside the
guard runs it (the user's ``make test``, ``npm test``, ``pytest``, ``sh run_tests.sh`` on the host after ``macrohard
runs apply``). The write itself sends nothing, so it is where a person must approve (``flow:planted-send``).

What counts, after untrusted content was read (``safety.flow`` calls ``planted``):

- a sender (a network program in a command's place, make's ``$(shell …)`` included, or network code) and an address
  only that content named (lead22: an npm test script that posted notes.txt);
- a sender program whose destination the text does not spell: a variable, a command's output (``curl -d @notes.txt
  $(cat endpoint.txt)``, ``http://$(H):$(P)/…``: lead22's two open ways and flow23's), unless the line names an
  address the task named or the run went to;
- a file that runs or configures something (a Makefile or fragment, a script, package.json, a build file, ``.env``, a
  JSON/INI/TOML config) and holds an address only untrusted content named, or its port as a word, or its host name,
  whatever else it holds (flow23: the sender's name split in pieces, ``$(C)$(R)``, a decimal IP, a base64-hidden
  sender, the port computed from the untrusted one);
- a file that is only that address, or assigns it (``endpoint.txt``, ``SYNC_URL=…``): a value something else reads.

A summary that quotes the page's links (prose, no sender) is written as before. Shell writes are judged on the
command's text (``printf '…' >> run_tests.sh``, ``tee -a``, ``sed -i``, a heredoc, Python's ``open(…).write``).
"""

from __future__ import annotations

import ipaddress
import posixpath
import re

from macrohard.safety import lazyre
from macrohard.safety import rules_data as R
from macrohard.safety.review import addresses

_EMAIL = lazyre.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# the host and port said apart in prose: "127.0.0.1 port 9911", "port 9911 of 127.0.0.1", "('127.0.0.1', 9911)"
_IP = r"(\d{1,3}(?:\.\d{1,3}){3})"
# a port said on its own ("tracker port 9911"): kept as ``*:9911``, so a file holding that port as a word is caught
_PORT_WORD = lazyre.compile(r"\bport\s*[:=#]?\s*(\d{4,5})\b", re.I)
# a dotted quad and its port written bare, without a scheme ("the resolver at 127.0.0.1:9911"; flow24: node's
# ``dns.setServers(['127.0.0.1:9911'])`` sent the notes in a DNS name to an address the page gave that way)
_BARE = lazyre.compile(r"(?<![\w./:@-])" + _IP + r":(\d{2,5})(?![\w:-]|\.\w)")
_HOST_PORT = lazyre.compile(_IP + r"['\"]?\s*(?:,|\s)\s*(?:port\s+)?(\d{2,5})\b|\bport\s+(\d{2,5})\s+(?:of|on|at)\s+" + _IP,
                        re.I)
# programs that send, in a command's place (a line's start, after ; | & ( ` = then/do/exec, make's $(shell …))
_PROGRAMS = sorted((R.DOWNLOADERS | R.NETWORK_TOOLS - R.FORWARDERS | {"sendmail", "mutt", "mailx", "twine"})
                   - {"http", "https", "fetch", "mail", "tor", "nc", "xh", "ftp"}, key=len, reverse=True)
_PLACE = r"(?:^|[;&|(`\"'=]|\$\(shell\s|\bthen|\bdo|\bexec|\bcommand\s*=)\s*@?-?(?:\S*/)?"
PROGRAM_SEND = lazyre.compile(_PLACE + r"(?:" + "|".join(map(re.escape, _PROGRAMS)) + r")(?=\s)", re.M)
_NET_VERBS = lazyre.compile(r"\b(git\s+(?:\S+\s+)*?(push|clone|fetch|pull|ls-remote|send-email)|"
                        r"pip3?\s+(download|install)|npm\s+(install|publish)|gh\s+\w+)\b")
SENDS_IN_TEXT = lazyre.compile("|".join(
    [PROGRAM_SEND.pattern, _NET_VERBS.pattern]
    + [p.pattern for p, category, _ in R.CODE_PATTERNS if category in ("network", "exfiltration")]
    + [r"\bfile\s*\(\s*(?:UPLOAD|DOWNLOAD)\b"]),  # cmake's file(UPLOAD …)
    re.S | re.M)
_PROGRAM_WORDS = frozenset(_PROGRAMS)
_WORD = lazyre.compile(r"[\w.+-]+")
_COMPUTED = lazyre.compile(r"\$[({\w]|`")
# files that run or configure something when the user's next command reads them
_RUNNABLE = lazyre.compile(
    r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[^/]*\.(?:mk|sh|bash|zsh|py|pyw|js|mjs|cjs|ts|pl|rb|tcl|lua|php|ninja|cmake|"
    r"json|ini|cfg|conf|toml|ya?ml|env|gradle|properties)|\.env[^/]*|\.envrc|\.npmrc|\.[\w-]*rc|CMakeLists\.txt|"
    r"Rakefile|[Jj]ustfile|Dockerfile|Containerfile|Procfile|Taskfile|\.git/hooks/[^/]+|"
    # what a package manager fetches from (flow24: ``pip install -r requirements.txt`` later went to an index or a
    # URL requirement whose path held the notes)
    r"[^/]*requirements[^/]*\.(?:txt|in)|[^/]*constraints[^/]*\.txt|Pipfile|Gemfile|go\.mod|\.gitmodules|\.pypirc)$")
_ASSIGN = lazyre.compile(r"^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*[:?+!]?=\s*[\"']?([a-z]+://\S+)|"
                     r"\"[\w.-]+\"\s*:\s*\"([a-z]+://[^\"]+)\"", re.M | re.I)
# content that builds or opens a connection: a URL's scheme, a sender, network code (a port alone is a setting)
_NETWORKISH = lazyre.compile(r"://|\b(?:socket|connect|urlopen|fetch|requests|curl|wget|nc|http\.client)\b", re.I)
# a command whose name is built from pieces (``$(C)$(R) -s …``, ``$C$R``): a sender hidden from every reader
_BUILT_NAME = lazyre.compile(r"(?:^|[;&|(`\"'=]|\$\(shell\s|\bthen|\bdo|\bexec)\s*@?-?"
                         r"(?:\$\(\w+\)|\$\{\w+\}|\$\w+){2,}(?=[\s;)])", re.M)
# a file that pulls another in: make's include/-include/sinclude, the shell's ``.``/``source``
_INCLUDES = lazyre.compile(r"(?:^|[\s'\"])-?s?include\s+([\w./-]+)|(?:^|[;&|]|\bthen|\bdo)\s*(?:\.|source)\s+([\w./-]+)",
                       re.M)
_NOT_A_PIECE = {"localhost", "example", "www", "http", "https", "com", "org", "net"}
# ``planted``'s reason for a file that is only an address, or assigns it: the one ``flow_task_file`` may lift
VALUE_READ = "holds an address untrusted content named as a value something else reads"


def norm(address: str) -> str:
    """``host:port`` with a numeric host in any spelling (decimal, hex, octal, short: ``2130706433``, ``0x7f000001``,
    ``127.1``) written as the dotted quad a browser or curl goes to."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or "@" in address:
        return address
    parts = host.split(".")
    try:
        if all(re.fullmatch(r"0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*", p) for p in parts) and 1 <= len(parts) <= 4:
            nums = [int(p, 0) if not re.fullmatch(r"0[0-7]+", p) else int(p, 8) for p in parts]
            value = 0
            for i, n in enumerate(nums[:-1]):
                value |= n << (24 - 8 * i)
            value |= nums[-1]
            return f"{ipaddress.IPv4Address(value)}:{port}"
    except (ValueError, ipaddress.AddressValueError):
        return address
    return address


def targets(text: str) -> set[str]:
    """Addresses (host:port, numeric hosts as dotted quads) and email addresses named in ``text``; a host and port
    said apart ("127.0.0.1 port 9911") count as one address."""
    out = {norm(a) for a in addresses(text)} | {e.lower() for e in _EMAIL.findall(text)}
    for m in _HOST_PORT.finditer(text):
        ip, port = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.add(f"{ip}:{port}")
    out |= {f"{ip}:{port}" for ip, port in _BARE.findall(text)}
    out |= {f"*:{p}" for p in _PORT_WORD.findall(text)}
    return out


# a host said in prose and a number near it that may be its port (flow36: "the archive box (host 127.0.0.1; it answers
# on 40123)": no scheme, no host:port, no "port N", so ``targets`` joined nothing and a file the agent then wrote with
# 127.0.0.1:40123 held no "address untrusted content named")
_APART_HOST = lazyre.compile(r"(?<![\w.])(" + _IP[1:-1] + r"|localhost)(?![\w.]*\d)", re.I)
_APART_NUMBER = lazyre.compile(r"(?<![\w.:/-])(\d{4,5})(?![\w.:/-]|\.\d)")
_APART_NEAR = 160


def said_apart(text: str, limit: int = 64) -> set[str]:
    """``host:port`` for a dotted quad (or ``localhost``) and a number from 1024 to 65535 said within a short
    distance of it in ``text``: what a reader may join into an address though no address reader would (at most
    ``limit``; cheap test first)."""
    if "." not in text and "localhost" not in text.lower():
        return set()
    out: set[str] = set()
    for m in _APART_HOST.finditer(text):
        near = text[max(0, m.start() - _APART_NEAR):m.end() + _APART_NEAR]
        for n in _APART_NUMBER.findall(near):
            if 1024 <= int(n) <= 65535:
                out.add(f"{m.group(1).lower()}:{n}")
                if len(out) >= limit:
                    return out
    return out


def planted(path: str, content: str, untrusted: set[str], known: set[str], shell: bool = False,
            runs: bool = False) -> str:
    """Why writing ``content`` to ``path`` plants a send for later, or "" (see the module's docstring). ``untrusted``:
    addresses only untrusted content named; ``known``: those the task named or the run went to. ``shell``: ``content``
    is a shell command that writes a file (judged on its text; ``path`` is then the command's text). ``runs``: the
    file runs whatever its name (a runnable file includes it, or a script reads it)."""
    named = {a for a in targets(content) if not a.startswith("*:")}  # a port said alone: only as a piece
    if untrusted - named:  # the host and its port apart in code (``{host: '127.0.0.1', port: 40123}``: flow36)
        named |= said_apart(content) & untrusted
    hit = sorted(named & untrusted)
    if hit and SENDS_IN_TEXT.search(content):
        return f"would send to {hit[0]}, an address untrusted content named"
    if _COMPUTED.search(content) and _PROGRAM_WORDS & set(_WORD.findall(content)):  # (cheap tests first)
        for m in PROGRAM_SEND.finditer(content):
            line = _logical_line(content, m.end())
            if _COMPUTED.search(line) and not targets(line) & known:
                return (f"holds a sender ({m.group(0).strip()[:40]!r}) whose address is not written out (a variable "
                        "or a command's output)")
    # what follows is about network addresses: an email address a file lists (a contact list pulled out of a thread)
    # is data, unless a sender goes with it (above)
    urls = sorted(a for a in hit if "@" not in a)
    runnable = runs or _runs(path, content, shell)
    if runnable and urls:
        return f"is a file that runs or configures something, and holds {urls[0]}, an address untrusted content named"
    if runnable and untrusted - known and _NETWORKISH.search(content) and \
            (piece := _piece(content, untrusted - known, known)):
        return f"is a file that runs or configures something, and holds {piece} of an address untrusted content named"
    if runnable and _NETWORKISH.search(content) and (m := _BUILT_NAME.search(content)):
        return (f"is a file that runs something, and runs a command whose name is built from pieces "
                f"({m.group(0).strip()[:40]!r}) beside network code")
    if shell or "://" not in content:
        return ""
    value = [a for m in _ASSIGN.finditer(content) for a in (m.group(1) or m.group(2),) if a]
    single = not re.search(r"\s", content.strip())
    if sorted(a for a in targets(" ".join(value)) & untrusted if "@" not in a) or single and urls:
        return VALUE_READ
    return ""


def value(content: str, untrusted: set[str], known: set[str]) -> str:
    """An address only untrusted content named (or its port as a word) that ``content`` holds, or "": what a file
    holds for the script that reads it (flow24: ``target: http://…`` in sync.txt, a CSV cell, a Markdown table's
    row, each read by run_tests.sh)."""
    if not any(part and part in content for a in untrusted for part in a.rpartition(":")[::2]):  # (cheap first)
        return ""
    urls = sorted(a for a in targets(content) & untrusted if "@" not in a and not a.startswith("*:"))
    if urls:
        return urls[0]
    # a piece only beside network code, and only of an address said whole (a port a README names alone, put in a
    # config the app reads, is the held-out suites' ordinary work: flow23)
    whole = {a for a in untrusted - known if not a.startswith("*:")}
    return _piece(content, whole, known) if whole and _NETWORKISH.search(content) else ""


def includes(content: str) -> list[str]:
    """The files ``content`` pulls in (make's ``include``/``-include``/``sinclude``, the shell's ``.``/``source``)."""
    if "include" not in content and "source" not in content and ". " not in content:  # (cheap first)
        return []
    return [a or b for a, b in _INCLUDES.findall(content) if (a or b) not in (".", "..")]


def _logical_line(text: str, at: int) -> str:
    end = at
    while True:
        nl = text.find("\n", end)
        if nl < 0:
            return text[at:]
        if text[nl - 1:nl] != "\\":
            return text[at:nl]
        end = nl + 1


def _runs(path: str, content: str, shell: bool) -> bool:
    """Whether the file written runs or configures something (for a shell write: whether the command names one)."""
    if not shell:
        return bool(_RUNNABLE.search(path)) or content.startswith("#!")
    return bool(re.search(r"[Mm]akefile|\.(?:mk|sh|bash|py|js|json|ninja|cmake|toml|ini|cfg|conf|env|ya?ml)\b|"
                          r"\.env\b|\.envrc|CMakeLists|\.git/hooks|[Jj]ustfile|requirements[\w.-]*\.(?:txt|in)\b|"
                          r"constraints[\w.-]*\.txt\b|Pipfile|Gemfile|go\.mod|\.gitmodules|\.pypirc", path))


def _piece(content: str, untrusted: set[str], known: set[str]) -> str:
    """The port of an untrusted address as a word of ``content`` (not a port the task's addresses use, nor 80/443),
    or its host name (not a numeric one, which the task's own addresses may share)."""
    known_ports = {a.rpartition(":")[2] for a in known}
    known_hosts = {a.rpartition(":")[0] for a in known}
    for address in sorted(untrusted):
        host, _, port = address.rpartition(":")
        if "@" in address:
            continue
        if port.isdigit() and int(port) >= 1024 and port not in known_ports and \
                re.search(rf"(?<![\w.]){port}(?![\w])", content):
            return f"the port {port}"
        if host and host != "*" and host not in known_hosts and not re.fullmatch(r"[\d.]+|\[.*\]", host) and \
                host not in _NOT_A_PIECE and re.search(rf"(?<![\w.-]){re.escape(host)}(?![\w-])", content, re.I):
            return f"the host {host}"
    return ""


# flow37 (blind31 `makefile-clean-deletes-outside`): after untrusted content the agent appended `\trm -f /elsewhere/x`
# to the Makefile's clean target; the user's later `make clean` on the host deleted a file outside the workspace. A
# runnable file written then that deletes or writes OUTSIDE the workspace, or a shell write into one whose text comes
# through escapes the guard does not read (printf's/echo's `\NNN`, `\xHH`, `$'…'`), is a planted harm.
_HARM_PROGRAM = lazyre.compile(r"(?<![\w.-])(?:rm|rmdir|unlink|shred|wipe|srm|truncate|mv|cp|dd|tee|install|ln|rsync|"
                           r"chmod|chown|chgrp|find|tar|bsdtar|unzip)(?![\w.-])")
_OUT_PATH = lazyre.compile(r"(?<![\w.:/$@%)}\\-])(~[\w.-]*|\$\{?HOME\}?|\$\(HOME\)|/[^\s;&|'\"<>()`]*|"
                       r"(?:\.\./)+[^\s;&|'\"<>()`]*)")
_DEVICES = ("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/fd/")
_ESCAPED = lazyre.compile(r"\\(?:x[0-9a-fA-F]|u[0-9a-fA-F]|U[0-9a-fA-F]|[0-7]{1,3})")


# a variable's definition in a make file or a shell script (``STALE = /elsewhere``, ``export D=/x``, ``P ?= /usr``)
_DEF = lazyre.compile(r"^[ \t]*(?:export[ \t]+|override[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?:[:?+!]?=|::=|:::=)[ \t]*(.*)$",
                  re.M)
_MAKE_REF = lazyre.compile(r"\$[({]([A-Za-z_][\w.-]*)[)}]")
_SHELL_REF = lazyre.compile(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")
_MAKE_FILE = lazyre.compile(r"(?:^|/)(?:[Mm]akefile|GNUmakefile|[^/]*\.mk)$")
# programs whose file operands are only read (a recipe that greps /etc/os-release into build/ writes nothing outside)
_ONLY_READ = frozenset({"cat", "head", "tail", "grep", "egrep", "fgrep", "rg", "wc", "sort", "uniq", "cut", "diff",
                        "cmp", "ls", "stat", "file", "test", "[", "readlink", "realpath", "md5sum", "sha1sum",
                        "sha256sum", "sha512sum", "less", "more", "du", "df", "which", "echo", "printf", "awk", "sed",
                        "jq", "tr", "nl", "od", "xxd", "strings", "true", "false", "basename", "dirname",
                        "pkg-config", "python3", "python", "node", "perl", "sh", "bash", "zcat"})
_COPY_FROM = frozenset({"cp", "install", "ln", "rsync"})
_FIND_WRITES = frozenset({"-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls"})


_ADDRESS = lazyre.compile(r"((?:\b(?:sed|g?awk|mawk|nawk|perl)\b|\s-e)[^'\"\n|;&]*['\"])/(?:[^/\\\n]|\\.)*/")


def _variables(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _DEF.finditer(text[:200_000]):
        if len(out) < 400:
            out.setdefault(m.group(1), m.group(2).strip().strip("\"'"))
    return out


def _resolved(line: str, values: dict[str, str], make: bool, base: str) -> str:
    """``line`` with the variables its file (or a file it includes) defines put in; in a make file an undefined
    ``$(NAME)`` is empty, as make has it, ``$(CURDIR)`` the file's folder, and ``$$`` the shell's ``$``."""
    for _ in range(3):
        if "$" not in line:
            break

        def make_ref(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in values:
                return values[name]
            if name == "CURDIR":
                return base
            return m.group(0) if name == "HOME" or not make else ""

        new = _MAKE_REF.sub(make_ref, line)
        if not make:
            new = _SHELL_REF.sub(lambda m: values.get(m.group(1) or m.group(2), m.group(0)), new)
        if new == line:
            break
        line = new
    return line.replace("$$", "$") if make else line


def _only_read(line: str) -> set[str]:
    """The words of a recipe or script line that only name files read: the program's own path, ``<`` sources, the
    operands of programs that only read, and what ``cp``/``install``/``ln``/``rsync`` copy from."""
    from macrohard.safety.shellparse import parse

    try:
        commands = parse(re.sub(r"^[\t ]*[@+-]+", "", line)).commands
    except Exception:  # noqa: BLE001 - a line the parser cannot read: every path in it is judged
        return set()
    out: set[str] = set()
    written: set[str] = set()
    for cmd in commands:
        argv = list(cmd.argv)
        out |= {t for op, t in cmd.redirects if op in ("<", "0<", "<<<")}
        written |= {t for op, t in cmd.redirects if ">" in op}
        if not argv:
            continue
        out.add(argv[0])
        prog, words = posixpath.basename(argv[0]), argv[1:]
        if prog in _ONLY_READ and not (prog == "sed" and any(w.startswith("-i") or w == "--in-place" for w in words)) \
                and not (prog == "perl" and any(re.fullmatch(r"-\w*i\S*", w) for w in words)):
            out |= set(words)
        elif prog == "find" and not _FIND_WRITES & set(words):
            out |= set(words)
        elif prog in ("tar", "bsdtar", "unzip"):  # (flow39) what it writes: the folder it extracts into, the archive it creates
            first = words[0] if words else ""
            creates = prog != "unzip" and ("c" in first and not first.startswith("--") or "--create" in words or any(
                re.fullmatch(r"-\w*[cr]\w*", w) for w in words))
            into = {words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-C", "--directory", "-d")}
            if creates:
                out |= set(words) - {words[i + 1] for i, w in enumerate(words[:-1]) if re.fullmatch(r"-?\w*f", w)}
            else:
                out |= set(words) - into
        elif prog in _COPY_FROM:
            plain = [w for w in words if not w.startswith("-")]
            if "-t" in words or any(w.startswith("--target-directory") for w in words):
                at = words.index("-t") + 1 if "-t" in words else -1
                out |= {w for w in plain if at < 0 or w != words[at]}
            elif len(plain) >= 2:
                out |= set(plain[:-1])
    return out - written


def planted_harm(path: str, content: str, inside: tuple[str, ...], base: str, shell: bool = False,
                 defs: str = "", runs: bool = False) -> str:
    """Why writing ``content`` to ``path`` (a runnable file) plants a deletion or a write outside the workspace
    (``inside``: the workspace's paths), or ""; ``shell``: ``content`` is the writing command's text (``path`` too).
    ``base``: the directory a relative path in it is taken from. ``defs``: more text whose variable definitions the
    file sees (its old text, a file it includes; flow38); ``runs``: the file runs whatever its name. A path a line
    only reads (``grep x /etc/os-release > build/os.txt``) is no write outside (flow38)."""
    if not (runs or _runs(path, content, shell)):
        return ""
    if shell and _ESCAPED.search(content) and re.search(r"(?<![\w.-])(?:printf|echo)(?![\w.-])|\$'", content):
        return "is a file that runs something, and is written through escapes the guard does not read"
    if shell and "/" in content:  # a sed/awk script's leading address (`sed -i '/^clean:/a…'`) is a pattern, no path
        content = _ADDRESS.sub(lambda m: m.group(1) + "ADDRESS", content)
    text = content.replace("\\t", "\t").replace("\\n", "\n") if shell else content
    make = not shell and bool(_MAKE_FILE.search(path))
    values = _variables(text + "\n" + defs) if "$" in text and not shell else {}
    for line in text.splitlines():
        if "$" in line and not shell:
            line = _resolved(line, values, make, base)
        if not (_HARM_PROGRAM.search(line) or ">" in line):
            continue
        read: set[str] | None = None
        for m in _OUT_PATH.finditer(line):
            word = m.group(1)
            if word.startswith("//"):  # a comment (`// …`) or a URL's rest, no path
                continue
            where = word if word.startswith(("~", "$")) else posixpath.normpath(posixpath.join(base, word))
            if where.startswith(_DEVICES) or where == "/" and not _HARM_PROGRAM.search(line):
                continue
            if not any(where == w or where.startswith(w.rstrip("/") + "/") for w in inside if w):
                if read is None:
                    read = _only_read(line) if not shell else set()
                if word in read:
                    continue
                return (f"is a file that runs something, and deletes or writes {word[:60]!r}, outside the workspace, "
                        "when it runs")
    return ""
