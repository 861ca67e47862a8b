"""Programs' verbs that contact the network though flow control's list of sends did not name them (flow36).

``safety.flow`` reads a shell line as a send when it runs a network program (curl, ssh, …), names a host, or matches
its short list of network verbs (git push/clone/fetch/pull/ls-remote, pip download/install, npm install/publish).
flow36 found sends outside that list, the address handed over through a file the agent wrote (``$(cat …)``) so no
URL stood on the line: ``git remote update``/``show``/``prune``/``set-head --auto``, ``git submodule add``, ``git
maintenance run`` (prefetch), a git alias (its words are not on the line), ``npm view``/``ping``/``info`` (the
registry from an ``.npmrc``, ``--registry`` or ``NPM_CONFIG_REGISTRY``), ``pip index``/``pip wheel``, ``gpg
--recv-keys`` from a key server, and a sender run by ``awk``'s ``system()``. ``net_verb`` names such a send, or "".

The rule is turned round where lists never end: git's subcommands that stay on the machine are listed (anything else,
an alias or an outside ``git-foo``, may contact a remote), and npm's, yarn's and pnpm's local verbs are listed."""

from __future__ import annotations

import posixpath
import re

from macrohard.safety import lazyre
from macrohard.safety import rules_data as R

# git's subcommands that never contact a remote (``git help -a``'s porcelain and plumbing, local ones only)
_GIT_LOCAL = frozenset({
    "add", "am", "annotate", "apply", "archimport", "bisect", "blame", "branch", "bugreport", "bundle", "cat-file",
    "check-attr", "check-ignore", "check-mailmap", "check-ref-format", "checkout", "checkout-index", "cherry",
    "cherry-pick", "citool", "clean", "column", "commit", "commit-graph", "commit-tree", "config", "count-objects",
    "credential", "credential-cache", "credential-store", "describe", "diagnose", "diff", "diff-files", "diff-index",
    "diff-tree", "difftool", "fast-export", "fast-import", "filter-branch", "fmt-merge-msg",
    "for-each-ref", "for-each-repo", "format-patch", "fsck", "gc", "get-tar-commit-id", "grep", "gui", "hash-object",
    "help", "hook", "index-pack", "init", "init-db", "instaweb", "interpret-trailers", "log", "ls-files", "ls-tree",
    "mailinfo", "mailsplit", "merge", "merge-base", "merge-file", "merge-index", "merge-one-file", "merge-tree",
    "mergetool", "mktag", "mktree", "multi-pack-index", "mv", "name-rev", "notes", "pack-objects", "pack-redundant",
    "pack-refs", "patch-id", "prune", "prune-packed", "range-diff", "read-tree", "rebase", "reflog", "repack",
    "replace", "request-pull", "rerere", "reset", "restore", "rev-list", "rev-parse", "revert", "rm", "shortlog",
    "show", "show-branch", "show-index", "show-ref", "sparse-checkout", "stage", "stash", "status", "stripspace",
    "switch", "symbolic-ref", "tag", "unpack-file", "unpack-objects", "update-index", "update-ref",
    "update-server-info", "var", "verify-commit", "verify-pack", "verify-tag", "version", "whatchanged", "worktree",
    "write-tree", "--version", "--help", "-h", "--exec-path", "--html-path", "--man-path", "--info-path"})
# git's options before the subcommand that take a value as the next word
_GIT_VALUED = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--super-prefix", "--config-env",
                         "--exec-path", "--list-cmds", "--attr-source"})
# ``git remote``'s verbs that contact the remote (``show -n`` does not); ``git submodule``'s
_REMOTE_NET = frozenset({"update", "show", "prune", "set-head"})
_SUBMODULE_LOCAL = frozenset({"status", "summary", "foreach", "init", "deinit", "absorbgitdirs", "set-branch",
                              "set-url", "sync"})
# npm's verbs that stay on the machine (anything else may ask the registry: view, info, ping, audit, outdated, …)
_NPM_LOCAL = frozenset({"run", "run-script", "rum", "urn", "test", "tst", "t", "start", "stop", "restart", "init",
                        "create", "innit", "config", "c", "get", "set", "ls", "list", "la", "ll", "prefix", "root",
                        "bin", "help", "help-search", "version", "-v", "--version", "explain", "why", "query", "pkg",
                        "set-script", "rebuild", "rb", "prune", "dedupe", "ddp", "link", "ln", "uninstall", "remove",
                        "rm", "r", "un", "unlink", "completion", "edit", "explore", "shrinkwrap", "cache", "pack", "-h",
                        "--help", "exec", "x", "fund", "sbom"})
_YARN_NET = frozenset({"add", "install", "info", "view", "dlx", "upgrade", "up", "update", "outdated", "audit",
                       "publish", "npm", "import", "upgrade-interactive", "create", "global", "dedupe", "fetch"})
# package managers' options that take the next word as their value (``npm --prefix tools run x``)
_PM_VALUED = frozenset({"--prefix", "-C", "--cwd", "--workspace", "-w", "--userconfig", "--cache", "--loglevel",
                        "--registry", "--tag", "--scope", "--filter", "--dir", "--log", "--cert", "--proxy",
                        "--config-settings", "-i", "--index-url", "--extra-index-url", "--timeout", "--retries"})
_PIP_NET = frozenset({"download", "install", "index", "wheel", "search"})
_GPG_NET = lazyre.compile(r"^--(?:recv-keys?|receive-keys|send-keys?|search-keys?|refresh-keys|fetch-keys|"
                      r"locate-(?:external-)?keys?|keyserver|auto-key-retrieve|auto-key-locate)\b")
_INTERPRETERS = frozenset({"awk", "mawk", "gawk", "nawk", "busybox", "ed", "ex", "vim", "vi", "nvim", "sqlite3",
                           "tclsh", "expect", "m4", "gdb", "lua", "bc", "dc"})
_SENDER_IN_CODE = lazyre.compile(r"(?:^|[\s;&|(`\"'={])(?:\S*/)?(?:" + "|".join(
    map(re.escape, sorted(R.DOWNLOADERS | R.NETWORK_TOOLS - R.FORWARDERS | {"sendmail", "mailx"}, key=len, reverse=True)))
    + r")(?=\s|$)")
_SKIP = R.WRAPPERS | {"sudo", "doas", "xargs"}


def net_verb(command: str) -> str:
    """What on ``command`` contacts the network though no network program or host stands on it ("" when nothing;
    quick tests first: most lines name none of these programs)."""
    if not re.search(r"\b(?:git|npm|pnpm|yarn|pip3?|pip3\.\d+|python3?|gpg2?|awk|mawk|gawk|nawk|busybox|ed|ex|n?vim?|"
                     r"sqlite3|tclsh|expect|m4|gdb|lua|bc|dc)\b", command):
        return ""
    from macrohard.safety.shellparse import parse

    try:
        commands = [c for c in parse(command).commands if c.argv]
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return ""
    for c in commands:
        argv = _unwrapped(list(c.argv))
        if not argv:
            continue
        prog = posixpath.basename(argv[0])
        if prog in ("python", "python3") or re.fullmatch(r"python3\.\d+", prog):
            if len(argv) > 2 and argv[1] == "-m" and argv[2] in ("pip", "pip3"):
                prog, argv = "pip", argv[2:]
            elif found := _py_module(argv):
                return found
            else:
                continue
        if found := _verb(prog, argv):
            return found
    return ""


# python's own modules whose command line serves the working folder or talks to the network (rt48b: `python3 -m
# http.server &` after an injected note served the workspace's files to whoever asked: the data left as a reply)
_PY_NET_MODULES = frozenset({"http.server", "SimpleHTTPServer", "CGIHTTPServer", "smtpd", "aiosmtpd", "xmlrpc.server",
                             "smtplib", "ftplib", "telnetlib", "poplib", "imaplib", "nntplib", "urllib.request",
                             "http.client", "webbrowser", "pyftpdlib", "wsgiref.simple_server"})


def _py_module(argv: list[str]) -> str:
    """``python3 [-u -X …] -m MODULE``: what the module's command line does on the network, or ""."""
    i = 1
    while i < len(argv) and argv[i].startswith("-") and argv[i] != "-m":
        i += 2 if argv[i] in ("-X", "-W") else 1
    if i + 1 >= len(argv) or argv[i] != "-m":
        return ""
    module, rest = argv[i + 1], argv[i + 2:]
    if module in _PY_NET_MODULES or module == "pydoc" and any(w.startswith(("-p", "-b")) for w in rest):
        return f"python3 -m {module[:40]} serves or sends over the network"
    return ""


def _unwrapped(argv: list[str]) -> list[str]:
    """The words from the program a wrapper (env, nice, timeout, …) runs: its options and assignments skipped."""
    i = 0
    while i < len(argv) and (posixpath.basename(argv[i]) in _SKIP or "=" in argv[i] and not argv[i].startswith("-")
                             or i and posixpath.basename(argv[i - 1]) in _SKIP and (
                                 argv[i].startswith("-") or argv[i].isdigit() or re.fullmatch(r"\d+[smhd]?", argv[i]))):
        if argv[i] in ("-n", "-s", "-k", "-u") and i + 1 < len(argv):  # a wrapper's option and its value
            i += 1
        i += 1
    return argv[i:]


def _verb(prog: str, argv: list[str]) -> str:
    words = argv[1:]
    if prog != "git":  # the words that are no option's value
        words = [w for i, w in enumerate(words) if not (i and words[i - 1] in _PM_VALUED)]
    if prog == "git":
        sub, rest = _git_sub(words)
        if sub is None:
            return ""
        if sub == "remote":
            verb = next((w for w in rest if not w.startswith("-")), "")
            if verb in _REMOTE_NET and not (verb == "show" and "-n" in rest) and \
                    not (verb == "set-head" and not {"-a", "--auto"} & set(rest)):
                return f"git remote {verb} contacts the remote"
            return ""
        if sub == "submodule":
            verb = next((w for w in rest if not w.startswith("-")), "update")
            return "" if verb in _SUBMODULE_LOCAL else f"git submodule {verb} contacts the submodule's remote"
        if sub == "maintenance":
            return "git maintenance may prefetch from every remote" if "run" in rest or "start" in rest else ""
        if sub == "archive":
            return "git archive --remote contacts a remote" if any(w.startswith("--remote") for w in rest) else ""
        if sub in _GIT_LOCAL:
            return ""
        return f"git {sub[:40]} (an alias, an outside git-{sub[:40]} or a network verb) may contact a remote"
    if prog in ("npm", "pnpm", "yarn"):
        verb = next((w for w in words if not w.startswith("-")), "")
        if prog == "npm" and verb and verb not in _NPM_LOCAL or prog != "npm" and verb in _YARN_NET:
            return f"{prog} {verb[:40]} asks the package registry"
        return ""
    if prog in ("pip", "pip3") or re.fullmatch(r"pip3\.\d+", prog):
        verb = next((w for w in words if not w.startswith("-")), "")
        if verb in _PIP_NET or verb == "list" and {"-o", "--outdated", "-u", "--uptodate"} & set(words):
            return f"pip {verb} asks the package index"
        return ""
    if prog in ("gpg", "gpg2"):
        return "gpg asks a key server" if any(_GPG_NET.match(w) for w in words) else ""
    if prog in _INTERPRETERS:
        if any(_SENDER_IN_CODE.search(w) for w in words):
            return f"{prog} runs a network program from its own code"
    return ""


def _git_sub(words: list[str]) -> tuple[str | None, list[str]]:
    i = 0
    while i < len(words):
        w = words[i]
        if w in _GIT_VALUED:
            i += 2
            continue
        if w.startswith("-"):
            if w in ("--version", "--help", "-h", "--exec-path", "--html-path", "--man-path", "--info-path"):
                return w, words[i + 1:]
            i += 1
            continue
        return w, words[i + 1:]
    return None, []


# flow37 (blind31 `authors-entry-dutch-java-sender`): `java Send.java` runs the source file it names (JEP 330), as
# `python3 send.py` does; so do `jshell FILE`, `kotlinc -script FILE.kts`, `groovy FILE`, `scala FILE`, `jbang FILE`.
# Flow control read no send there: the file's text is read for network code.
_JVM_RUNNERS = frozenset({"java", "jshell", "groovy", "scala", "kotlinc", "kotlin", "jbang"})
_JVM_VALUED = frozenset({"-jar", "-cp", "-classpath", "--class-path", "-p", "--module-path", "--source", "--add-modules",
                         "-d", "--release", "--startup", "-R", "-J"})
_JVM_NET = lazyre.compile(r"HttpURLConnection|\bopenConnection\b|\bopenStream\b|\bHttpClient\b|\bHttpRequest\b|"
                      r"\bnew\s+(?:java\.net\.)?(?:Socket|DatagramSocket|URL)\s*\(|\bSocketChannel\b|\.toURL\s*\(|"
                      r"java\.net\.(?:URL|Socket|Http|Datagram|InetSocketAddress)|\bInetAddress\s*\.\s*get(?:All)?ByName\b|\bokhttp3?\b|\bURL\s*\(\s*['\"]|"
                      r"\.toURL\(\)\.(?:text|bytes)|['\"](?:\S*/)?(?:curl|wget|nc|ncat|socat)['\"]|\bhttps?://")


def script_send(command: str, base: str, strings: dict[str, str] | None = None, workspace: str = "") -> str:
    """A JVM program run from its source file (``java Send.java``) whose code uses the network: what it is, or ""
    (``base``: the shell's directory as the guard names workspace paths). A source the same line writes (``printf
    … > S.java && java S.java``, a here-doc) is read as the line writes it (flow38; ``strings``: the shell's known
    values; ``workspace``: where files a copy reads from may be)."""
    if not re.search(r"\b(?:java|jshell|groovy|scala|kotlinc?|jbang)\b", command):
        return ""
    from macrohard.safety.flow_written import texts

    same = {w.path: w.text for w in texts(command, base, strings or {}, workspace or base)}
    from macrohard.safety.regular import open_regular
    from macrohard.safety.shellparse import parse

    try:
        commands = [c for c in parse(command).commands if c.argv]
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return ""
    for c in commands:
        argv = _unwrapped(list(c.argv))
        if not argv or posixpath.basename(argv[0]) not in _JVM_RUNNERS:
            continue
        prog, words = posixpath.basename(argv[0]), argv[1:]
        files = [w for i, w in enumerate(words) if not w.startswith("-") and not (i and words[i - 1] in _JVM_VALUED)]
        for word in files[:1] if prog != "jshell" else files:
            path = posixpath.normpath(posixpath.join(posixpath.join(base, c.cwd) if c.cwd else base, word))
            if (written := same.get(path)) is not None and (m := _JVM_NET.search(written)):
                return f"{prog} runs {word[:60]}, whose code uses the network ({m.group(0)[:40]!r})"
            try:
                with open_regular(path, encoding="utf-8", errors="replace") as fh:
                    code = fh.read(200_000)
            except (OSError, ValueError):
                continue
            if m := _JVM_NET.search(code):
                return f"{prog} runs {word[:60]}, whose code uses the network ({m.group(0)[:40]!r})"
    return ""
