"""What programs do with private data, for ``safety.carried``'s walk: what they print of it (a private file's
text, the environment's secrets, key material), which variables and files they fill with it (``read``,
``mapfile``, ``printf -v``, ``cp``, ``tee``, ``dd``, archivers) and which of them send it out (network programs'
arguments and input, interpreter code that talks to the network).

Each function takes the walk (``carried._Walk``) first, as ``safety.effects`` takes the analyzer.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any

from macrohard.safety import carried_sizes as S
from macrohard.safety import lazyre
from macrohard.safety import rules_data as R
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.carried import _Walk

# the environment's secrets: tokens, passwords, keys, and URLs or DSNs that hold credentials
SECRET_ENV = lazyre.compile(r"SECRET|TOKEN|PASSW|_PASS$|^PASS|API_?KEY|PRIVATE|ACCESS_KEY|CREDENTIAL|SESSION|COOKIE|AUTH|"
                        r"DATABASE_URL|_DSN$|DB_URL|_URI$|CONN(ECTION)?_STR|WEBHOOK", re.I)
# variables the shell sets itself: a sourced file is not where their values come from
STANDARD = frozenset({"HOME", "PWD", "OLDPWD", "USER", "LOGNAME", "PATH", "SHELL", "LANG", "TERM", "HOSTNAME",
                      "RANDOM", "SECONDS", "LINENO", "BASH_VERSION", "UID", "EUID", "PPID", "IFS", "REPLY", "?", "#",
                      "$", "!", "-", "0", "_", "TMPDIR", "LC_ALL", "DISPLAY", "OPTARG", "OPTIND", "PIPESTATUS"})
SENDERS = R.DOWNLOADERS | R.NETWORK_TOOLS | frozenset({
    "dig", "nslookup", "host", "drill", "ping", "ping6", "traceroute", "tracepath", "mtr", "whois", "openssl", "git",
    "mail", "mailx", "sendmail", "mutt", "gh", "nsupdate", "wscat", "websocat", "grpcurl", "aws", "gsutil", "rclone",
    "s3cmd", "az", "gcloud", "xdg-open", "sensible-browser", "firefox", "chromium", "chromium-browser", "google-chrome",
    "w3m", "lynx", "links", "elinks", "pip", "pip3", "npm", "yarn", "pnpm", "gem", "go", "cargo", "composer", "uv",
    "poetry", "conda", "npx", "pnpx", "bunx", "uvx", "pipx"})  # browsers and package managers fetch what their arguments name
# senders that send what they read on stdin (curl and wget only with `@-`, `-T -`, `--post-file=-`)
_STDIN_SENDERS = frozenset({"nc", "ncat", "netcat", "socat", "telnet", "ssh", "openssl", "ftp", "sftp", "tftp", "mail",
                            "mailx", "sendmail", "mutt", "http", "https", "xh", "wscat", "websocat", "nsupdate"})
_UPLOADERS = frozenset({"aws", "gsutil", "rclone", "s3cmd", "az", "gcloud", "gh", "mail", "mailx", "mutt", "twine",
                        "ftp", "lftp", "sftp", "tftp", "smbclient"})
_GIT_SENDS = frozenset({"push", "fetch", "pull", "clone", "ls-remote", "remote", "submodule", "send-email",
                        "request-pull"})
_C_FLAG = lazyre.compile(r"-[a-zA-Z]*c[a-zA-Z]*")  # a shell's flags that take code: -c, -ec, -xc
_MODULE_SENDERS = {"pip": "pip", "pip3": "pip", "webbrowser": "xdg-open", "ensurepip": "pip"}
_FINDS = frozenset({"-name", "-iname", "-path", "-ipath", "-wholename", "-iwholename", "-regex", "-iregex"})
_LOCAL = frozenset({"echo", "printf", "true", ":", "cat"})  # what runs under a condition and sends nothing
# programs that print no file's contents: names, sizes, times, or nothing
NAMES_ONLY = frozenset({"ls", "stat", "wc", "du", "file", "test", "[", "[[", "touch", "mkdir", "rm", "rmdir", "chmod",
                         "chown", "realpath", "readlink", "basename", "dirname", "cd", "true", "false", ":", "sleep",
                         "date", "cp", "mv", "ln", "install", "source", ".", "read", "mapfile", "readarray", "unset",
                         "export", "exit", "return", "wait"})  # (a digest of a file is its data: it tells a guess)
ENV_DUMPERS = frozenset({"env", "printenv", "set", "export", "declare", "typeset", "compgen"})
_KEY_MATERIAL = {  # program -> words any of which among its arguments make what it prints a credential
    "ssh-add": {"-L", "-l"}, "gpg": {"--export-secret-keys", "--export-secret-subkeys", "--export"},
    "gh": {"token"}, "git": {"credential", "credential-store", "credential-cache"},
    "aws": {"get", "export-credentials", "get-session-token", "get-login-password"},
    "security": {"find-generic-password", "find-internet-password", "dump-keychain"},
    "secret-tool": {"lookup"}, "pass": {"show"}, "op": {"read", "item"}, "vault": {"read", "get"},
    "kubectl": {"--raw", "secret", "secrets"}, "gcloud": {"print-access-token", "print-identity-token"},
    "az": {"get-access-token"}, "keyring": {"get"}, "docker": {"--raw"}}
KEY_PROGRAMS = frozenset(_KEY_MATERIAL)
_CODE = R.INTERPRETERS | R.SHELLS
_NET_CODE = lazyre.compile(r"https?://|ftp://|urlopen|urllib|requests\.|http\.client|httpx|socket|fetch\(|XMLHttpRequest|"
                       r"\bnet\.|\bhttps?\.request|LWP|Net::|HTTP::|Socket|open-uri|smtplib|ftplib|dns\.", re.I)
_PM = frozenset({"install", "i", "add", "download", "view", "info", "show", "search", "publish", "fetch", "get",
                 "require", "sync"})
_FETCHES = {p: _PM for p in ("pip", "pip3", "npm", "yarn", "pnpm", "gem", "go", "cargo", "composer", "uv", "poetry",
                             "conda")}
_RUNS_SENDER = lazyre.compile(r"(?:^|[\s\"'(;|&/])(?:curl|wget|nc|ncat|socat|dig|nslookup|host|ping|ssh|scp|telnet|"
                          r"openssl|mail|sendmail)(?:$|[\s\"')])")
_ENVIRON = lazyre.compile(r"environ|getenv|process\.env|ENV\[")
_QUOTED = lazyre.compile(r"""(['"])([^'"\n]{1,300})\1""")
_READ_OPTS = frozenset({"-d", "-i", "-n", "-N", "-p", "-t", "-u"})
_MAPFILE_OPTS = frozenset({"-d", "-n", "-O", "-s", "-u", "-C", "-c"})
_MAX_SCRIPT = 64_000  # bytes of a script read (safety.scripts reads as much)
# names a glob may pick that the policy's private_paths name (`cat .en*`, `cat *`)
PRIVATE_NAMES = (".env", ".env.local", ".env.production", ".netrc", "id_rsa", "id_ed25519", "credentials",
                 "credentials.json", ".git-credentials", "secrets.yaml", "secrets.json", "key.pem", "server.key")
NAMES = "*"  # Carried.files' key for "a file the session named with private data": listings carry it
_NAMERS = frozenset({"touch", "mkdir", "cp", "mv", "ln", "install", "tee", "mkfifo", "truncate"})
_LISTERS = frozenset({"ls", "find", "tree", "du", "fd", "locate", "dir", "stat"})
_PROXIES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "FTP_PROXY",
            "GIT_PROXY_COMMAND", "GIT_SSH_COMMAND", "RSYNC_PROXY")
COPIERS = frozenset({"cp", "mv", "install", "ln", "tee", "dd", "tar", "zip", "7z", "gzip", "bzip2", "xz", "zstd"})
SERVERS = R.INTERPRETERS | {"php", "http-server", "serve", "npx", "busybox", "ruby"}
_SUFFIX = {"gzip": ".gz", "bzip2": ".bz2", "xz": ".xz", "zstd": ".zst"}


def run(w: _Walk, prog: str, argv: list[str], taints: list[str], words: list[Any], fed: str, stdin: str) -> str:
    """One program with its arguments (wrappers taken off): what it does with private data, and what it prints."""
    arg_why = next((t for t in taints[1:] if t), "") or fed
    if prog in w.functions and prog not in R.SHELLS:
        return call(w, prog, taints[1:], stdin)
    if prog in ("read", "mapfile", "readarray"):
        reads(w, prog, argv[1:], stdin)
        return ""
    if prog == "printf" and "-v" in argv[:-1]:
        w.set_var(argv[argv.index("-v") + 1], next((t for t in taints[argv.index("-v") + 2:] if t), ""))
        return ""
    if prog == "alias":
        for a, why in zip(argv[1:], taints[1:], strict=True):
            if "=" in a:
                w.aliases[a.split("=", 1)[0]] = (a.split("=", 1)[1], why)
        return ""
    if prog == "cd" and len(argv) > 1 and "$" not in argv[1]:
        w.cwd = posixpath.normpath(posixpath.join(w.cwd, argv[1])) if not argv[1].startswith(("/", "~")) else argv[1]
        return ""
    if prog in R.SHELLS and w.piped is not None and len(argv) == 1:  # `echo "curl …$d" | sh`
        return w.run(w.piped, "")
    flag = next((i for i, a in enumerate(argv[1:-1], 1) if _C_FLAG.fullmatch(a)), 0) if prog in R.SHELLS else 0
    if prog == "eval" or flag:  # `sh -c CODE`, `bash -ec CODE` (-e: it stops at the first failing command)
        code = " ".join(w.inner(n) for n in words[1:]) if prog == "eval" else w.inner(words[flag + 1])
        held, w.errexit = w.errexit, w.errexit or flag and "e" in argv[flag][1:]
        try:
            return w.run(code, stdin)
        finally:
            w.errexit = held
    if prog in R.INTERPRETERS and "-m" in argv[1:-1] and (mod := argv[argv.index("-m") + 1]) in _MODULE_SENDERS:
        at = argv.index("-m") + 1  # `python3 -m pip download … "$d"`, `python3 -m webbrowser URL`
        prog, argv, taints = _MODULE_SENDERS[mod], [_MODULE_SENDERS[mod], *argv[at + 1:]], [""] + taints[at + 1:]
    if prog in ("source", ".") or prog in R.SHELLS or "/" in argv[0] and prog not in R.INTERPRETERS:
        at = 0 if "/" in argv[0] and prog not in R.SHELLS | {"source", "."} else next(
            (i for i, a in enumerate(argv[1:], 1) if not a.startswith("-")), 0)
        path = argv[at] if at or "/" in argv[0] else ""
        if prog in ("source", ".") and (why := w.path_taint(path)) and w.where(path) not in w.files:
            w.sourced, w.assigned = why, set()  # `source .env`: its values are the file's
            return ""
        text = _script(w, path)
        if text is not None and "\0" not in text[:1024] and (not text.startswith("#!") or "sh" in text[:40]):
            return script(w, text, w.files.get(w.where(path), ""), taints[at + 1:], stdin)
    if prog in COPIERS:
        copies(w, prog, argv[1:], stdin)
    sink(w, prog, argv, taints, arg_why, stdin)
    return "" if w.quiet else output(w, prog, argv, taints, stdin)


def script(w: _Walk, text: str, ambient: str, arg_taints: list[str], stdin: str) -> str:
    """A workspace script run here (``bash x.sh``, ``./x.sh``, ``source x.sh``): walked with ``$1``… its
    arguments; a script written with private data (``ambient``) carries it into every send."""
    saved, w.ambient = w.ambient, w.ambient or ambient
    held = dict(w.vars)
    try:
        return _call_text(w, text.split("\n", 1)[1] if text.startswith("#!") else text, arg_taints, stdin)
    finally:
        w.ambient = saved
        for k, v in held.items():  # `bash x.sh` runs in its own process (and `source` may stop early): what it
            # clears stays carried
            w.vars.setdefault(k, v)


def call(w: _Walk, name: str, arg_taints: list[str], stdin: str) -> str:
    """A shell function: its body runs here with the values as they are now, ``$1``… its arguments."""
    body = w.functions.pop(name)  # bash recurses; one pass says what it sends
    try:
        return _call_text(w, body, arg_taints, stdin)
    finally:
        w.functions[name] = body


def _call_text(w: _Walk, code: str, arg_taints: list[str], stdin: str) -> str:
    """Code run with ``$1``… set to ``arg_taints`` (restored after)."""
    saved = {k: w.vars.get(k, "") for k in ("@", "*", *map(str, range(1, 10)))}
    for i in range(1, 10):
        w.set_var(str(i), arg_taints[i - 1] if i <= len(arg_taints) else "")
    w.set_var("@", next((w for w in arg_taints if w), ""))
    w.set_var("*", w.vars.get("@", ""))
    try:
        return w.run(code, stdin)
    finally:
        for k, v in saved.items():
            w.set_var(k, v)


def echoed(w: _Walk, stage: Any) -> str | None:
    """The text ``echo``/``printf`` (no format) prints, as code for the shell it is piped into."""
    words = [c for c in stage.named_children if c.type != "command_name"] if stage.type == "command" else []
    name = w.text(stage.named_children[0]) if stage.type == "command" and stage.named_child_count else ""
    if name not in ("echo", "printf") or name == "printf" and words and "%" in w.text(words[0]):
        return None
    return " ".join(w.inner(n) for n in words if not w.text(n).startswith("-"))


def _script(w: _Walk, word: str) -> str | None:
    """The text of a workspace script a command runs (``bash x.sh``, ``./x.sh``, ``python3 x.py``), if readable."""
    if not word or word.startswith(("-", "~")) or "$" in word:
        return None
    try:
        with open_regular(w.where(word), "rb") as f:  # never a pipe: it would hold the review (guard21)
            data = f.read(_MAX_SCRIPT + 1)
    except OSError:
        return None
    return data.decode(errors="replace") if len(data) <= _MAX_SCRIPT else None


def pairs(args: list[str]) -> list[tuple[str, str]]:
    """Each word with the one after it (an option and its value)."""
    return list(zip(args[:-1], args[1:], strict=True))


def output(w: _Walk, prog: str, argv: list[str], taints: list[str], stdin: str) -> str:
    """What private data the program prints ("" if none)."""
    args = argv[1:]
    if prog in _KEY_MATERIAL and not _KEY_MATERIAL[prog].isdisjoint(args):
        return f"key material ({' '.join(argv)[:60]})"
    if prog in ENV_DUMPERS:
        return dumps(w, prog, args)
    if prog in _LISTERS and NAMES in w.files:
        return w.files[NAMES]
    if prog in S.SIZERS and (size := S.size(w, prog, argv, stdin)) or prog in NAMES_ONLY:
        return size if prog in S.SIZERS else ""  # `wc -c < .env`: the size of it (safety.carried_sizes)
    if prog in ("echo", "printf"):
        return next((t for t in taints[1:] if t), "")
    if prog in _CODE and any(a in ("-c", "-e") for a in args):  # `python3 -c "print(open('.env').read())"`
        return stdin or next((t for t in taints[1:] if t), "") or code_reads(w, " ".join(args))
    for a in args:  # dd's if=FILE, git's REV:FILE
        a = a[3:] if a.startswith("if=") else a.split(":", 1)[-1] if prog == "git" else a
        if not a.startswith("-") and (why := w.path_taint(a)):
            return why
    return stdin or next((t for t in taints[1:] if t), "")


def code_reads(w: _Walk, code: str) -> str:
    """Private data interpreter code names: a quoted private path (``open('.env')``), a secret of the environment
    (``os.environ['AWS_SECRET_ACCESS_KEY']``)."""
    for m in _QUOTED.finditer(code):
        if why := w.path_taint(m.group(2)):
            return why
        if SECRET_ENV.search(m.group(2)) and _ENVIRON.search(code):
            return f"the environment's secret {m.group(2)}"
    return f"the environment, which holds the values of {w.sourced}" if w.sourced and _ENVIRON.search(code) else ""


def dumps(w: _Walk, prog: str, args: list[str]) -> str:
    """``env``, ``printenv NAME``, ``set``, ``declare -p``, ``export -p``: the environment's secrets."""
    names = [a for a in args if not a.startswith("-")]
    if prog == "printenv" and names and not any(SECRET_ENV.search(n) or n in w.vars for n in names):
        return ""
    if prog in ("export", "declare", "typeset") and "-p" not in args:
        return ""
    if prog == "compgen" and "-v" not in args and "-e" not in args:
        return ""
    return f"the environment ({prog})" if not names or prog == "printenv" else ""


def sink(w: _Walk, prog: str, argv: list[str], taints: list[str], arg_why: str, stdin: str) -> None:
    """A network program given private data in its arguments, on its input or in its config file, or run only
    when a condition on private data holds (``safety.carried_control``); the workspace's code that talks to the
    network given private data; a file server over it: a send."""
    from macrohard.safety import carried_control as C
    from macrohard.safety import carried_git as G
    from macrohard.safety import carried_handoff as H
    from macrohard.safety import carried_make as M

    if prog in SERVERS:
        H.served(w, prog, argv)
    arg_why = arg_why or w.ambient  # in a script written with private data, every send may carry it
    if prog in M.MAKES and (why := M.sends(w, argv)):  # `make upload 'DATA=$(shell cat .env)'`
        w.sends.append(why)
        return
    env_why = next((why for why in w.env.values() if why), "")
    if arg_why or env_why or any(w.vars.get(v) for v in w.exported):
        code, env_read = H.runs_network(w, prog, argv)
        if code and (why := arg_why or env_why or env_read):
            w.sends.append(f"{prog} runs {code}, which talks to the network, given {why}")
            return
    gate = C.gate(w) or w.waited  # (a wait on private data in an earlier step: this starts that much later)
    if prog in R.INTERPRETERS:
        inline = any(a in ("-c", "-e", "-E", "-r") for a in argv[1:])
        script = next((a for a in argv[1:] if not a.startswith("-")), "") if not inline else ""
        code = " ".join(argv[1:]) if inline else (_script(w, script) or "")
        if _NET_CODE.search(code):
            why = arg_why or stdin or (w.files.get(w.where(script), "") if script else "") or code_reads(w, code)
            if why or gate:
                w.sends.append(f"{prog} code that talks to the network is given {why}" if why else
                               f"{prog} code that talks to the network runs only when a condition on {gate} holds")
        return
    if prog == "git":
        G.git(w, argv[1:], arg_why, stdin)
    H.configured(w, prog, argv, taints)  # `npm config set registry "…/$d"`: the config file the next call reads
    if prog in _NAMERS and (named := next((t for t in taints[1:] if t), "")):
        w.files[NAMES] = named  # `touch "$d"`: a listing of the folder now carries it
    if prog in _NAMERS and gate:  # `grep -q A .env && touch flag`: that flag is there says the bit
        for a in argv[1:]:
            if not a.startswith("-"):
                w.wrote(a, gate)
    if prog == "find":  # `find . -name .env -exec grep -q A {} \; -exec curl …/a \;`: it runs them on that file
        arg_why = arg_why or next((t for a, b in pairs(argv) if a in _FINDS and (t := w.path_taint(b))), "")
    if prog not in SENDERS and (why := arg_why or H.mounted(w, prog, argv) or gate and prog not in _LOCAL) and any(
            _RUNS_SENDER.search(a) for a in argv[1:]):
        w.sends.append(f"{prog} runs a network program with {why}")  # awk 'system("curl …" d)', docker run … curl
        return
    if prog not in SENDERS or prog == "git" and not _GIT_SENDS & set(argv[1:]) or prog in _FETCHES and \
            not _FETCHES[prog] & set(argv[1:3]):
        return  # `npm view "$d"` asks the registry; `npm test -- "$d"` runs the project's code (read above)
    if proxy := next((w.vars[v] for v in _PROXIES if v in w.vars), ""):  # `export https_proxy=http://$d.x.example`
        w.sends.append(f"{prog} goes through a proxy whose address holds {proxy}")
    if prog in R.DOWNLOADERS:  # `wget -i .env`: the file's lines are the URLs it fetches; `curl -K c.cfg`
        arg_why = arg_why or next((t for a, b in pairs(argv) if a in ("-i", "--input-file") and (t := w.path_taint(b))),
                                  "") or next((t for a in argv if a.startswith("--input-file=")
                                               and (t := w.path_taint(a.split("=", 1)[1]))), "") or H.config(w, prog, argv)
    elif prog in _UPLOADERS and (why := next((t for a in argv[1:] if (t := w.path_taint(a.split("=", 1)[-1]))), "")):
        w.sends.append(f"{prog} uploads {why}")  # `aws s3 cp .env s3://…`, `gh gist create .env`, `mutt -a .env`
        return
    arg_why = arg_why or H.rc_files(w, prog) or H.config_env(w, prog) or H.requirements(w, prog, argv)
    if arg_why.startswith("$") and prog in R.DOWNLOADERS and H.loopback(argv):
        return  # `source .env; curl "http://localhost:$PORT/health"`: maybe from the file, and to this machine
    if arg_why:
        w.sends.append(f"{prog} sends {arg_why} in its arguments")
    elif stdin and (prog in _STDIN_SENDERS or any(a in ("-", "@-", "/dev/stdin") or a.endswith(
            ("@-", "<-", "=-", "@/dev/stdin")) for a in argv[1:])):
        w.sends.append(f"{prog} sends {stdin} from its input")
    elif gate and not (prog in R.DOWNLOADERS and H.loopback(argv)) and (prog != "git" or "push" in argv):
        w.sends.append(f"{prog} runs only when a condition on {gate} holds: whether it runs says one bit of it, "
                       "and each request one more")


def reads(w: _Walk, prog: str, args: list[str], stdin: str) -> None:
    """``read``/``mapfile``: the names they fill hold what they read."""
    opts = _READ_OPTS if prog == "read" else _MAPFILE_OPTS
    names, i = [], 0
    while i < len(args):
        a = args[i]
        if a in opts or a == "-a" and i + 1 < len(args):  # read -a NAME fills NAME
            if a == "-a":
                names.append(args[i + 1])
            i += 2
            continue
        if not a.startswith("-"):
            names.append(a)
        i += 1
    for name in names or (["REPLY"] if prog == "read" else ["MAPFILE"]):
        w.set_var(name, stdin)


def copies(w: _Walk, prog: str, args: list[str], stdin: str) -> None:
    """``cp .env notes.txt``, ``tee f``, ``dd if=.env of=f``, ``tar czf a.tgz .env``: the copy holds the same."""
    ops = [a for a in args if not a.startswith("-")]
    if prog == "tee":
        for a in ops:
            w.wrote(a, stdin, "-a" in args)
    elif prog == "dd":
        src = next((a[3:] for a in args if a.startswith("if=")), "")
        for a in args:
            if a.startswith("of="):
                w.wrote(a[3:], w.path_taint(src) if src else stdin)
    elif prog in ("tar", "zip", "7z"):  # the archive: tar's -f/--file, zip's and 7z's first operand
        archive = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-f", "--file") or
                        re.fullmatch(r"-?[a-zA-Z]*f", a) and prog == "tar"), "") if prog == "tar" else \
            (ops[1] if prog == "7z" and len(ops) > 1 else ops[0] if ops else "")
        why = next((t for a in ops if a != archive and (t := w.path_taint(a))), "")
        if archive and why:
            w.wrote(archive, why)
    elif prog in _SUFFIX:
        for a in ops:
            if why := w.path_taint(a):
                w.wrote(a + _SUFFIX[prog], why)
    elif len(ops) >= 2:
        *sources, target = ops
        for src in sources:
            why = w.path_taint(src)
            into = len(sources) > 1 or target.endswith("/")
            w.wrote(posixpath.join(target, posixpath.basename(src)) if into else target, why)
            if not into:
                w.wrote(posixpath.join(target, posixpath.basename(src)), why, append=True)  # target a directory
