"""Paths as the flow check names them: the shell's directory, the files a command's text readers read and its
redirects write, and where a workspace path leads through symlinks (``safety.flow``)."""

from __future__ import annotations

import glob
import os
import posixpath
import re

from macrohard.safety.context import GuardContext

TEXT_READERS = frozenset({"cat", "head", "tail", "less", "more", "grep", "egrep", "fgrep", "rg", "sed", "awk",
                           "strings", "sort", "uniq", "cut", "tr", "nl", "jq", "tac", "xxd", "od", "diff", "cmp",
                           "column", "fold", "fmt", "wc", "file", "python", "python3", "node", "base64", "base32",
                           "basenc", "gzip", "zcat", "bzip2", "xz", "tar", "zip", "hexdump", "iconv", "rev", "paste",
                           "xargs", "parallel"})

def linked(path: str, ctx: GuardContext) -> str:
    """Where ``path`` (in the workspace, as the guard names it) leads once its symlinks are followed, as the
    sandbox follows them: an absolute target under the sandbox's workspace folder is the workspace's. The guard
    named paths as written (lexically); a link already in the workspace (``notes.txt -> ~/.aws/credentials``,
    ``cfg -> ../secrets``) reads what it points to."""
    ws = ctx.workspace.rstrip("/")
    if not ws or not path.startswith(ws + "/"):
        return path
    shell = (ctx.shell_workspace or ws).rstrip("/")
    real, rest, hops = ws, [p for p in path[len(ws) + 1:].split("/") if p], 0
    while rest:
        part = rest.pop(0)
        if part in (".", ".."):
            real = posixpath.dirname(real) if part == ".." else real
            continue
        nxt = posixpath.join(real, part)
        if not (real == ws or real.startswith(ws + "/")):  # outside the workspace: as written from here
            return posixpath.normpath(posixpath.join(nxt, *rest))
        try:
            target = os.readlink(nxt)
        except OSError:  # not a link (or not there)
            real = nxt
            continue
        hops += 1
        if hops > 40:  # a loop of links: the sandbox fails to open it
            return path
        if target.startswith("/"):
            target = ws + target[len(shell):] if target == shell or target.startswith(shell + "/") else target
            real = "/"
        rest = [p for p in target.split("/") if p] + rest
    return real


def shell_base(ctx: GuardContext) -> str:
    """The shell's directory as the guard names workspace paths (the host's path of the workspace)."""
    if ctx.cwd and ctx.shell_workspace and (ctx.cwd + "/").startswith(ctx.shell_workspace.rstrip("/") + "/"):
        return ctx.workspace.rstrip("/") + ctx.cwd[len(ctx.shell_workspace.rstrip("/")):]
    return ctx.cwd if ctx.cwd and not ctx.shell_workspace else ctx.workspace


# options whose next word is a value, never a file the command prints (judge24: the harness's evidence command's
# `tar tf "$p"` and `head -c 240 "$p"` were read as printing files named `tf` and `240`, so its output was fenced as
# untrusted and the fresh judge read the fence). Only what the program takes as a value: a file read stays read.
_VALUE_OPTIONS = {
    "head": frozenset({"-n", "-c", "--lines", "--bytes"}),
    "tail": frozenset({"-n", "-c", "--lines", "--bytes", "-s", "--sleep-interval", "--pid"}),
    "tar": frozenset({"-C", "--directory", "-b", "--blocking-factor", "--owner", "--group", "--mode", "--mtime",
                      "--format", "-H", "--transform", "--xform", "--strip-components", "--exclude"}),
    "cut": frozenset({"-d", "--delimiter", "-f", "--fields", "-c", "--characters", "-b", "--bytes",
                      "--output-delimiter"}),
    "sort": frozenset({"-k", "--key", "-t", "--field-separator", "-S", "--buffer-size", "-T", "--temporary-directory",
                       "--parallel"}),
    "zip": frozenset({"-P", "--password", "-b", "--temp-path", "-t", "-tt", "--from-date", "--before-date",
                      "-n", "--suffixes", "-Z", "--compression-method", "-s", "--split-size"}),
}


def file_words(argv: list[str]) -> list[str]:
    """The words of a text reader's command line that may name a file it reads (``operands``): without the values
    of its options (``head -c 240``, ``tar -C out``) and without tar's old-style option letters (``tar tf a.tar``,
    ``tar xzf a.tgz``: GNU, BSD and busybox tar take a first word without a dash as its options)."""
    prog = posixpath.basename(argv[0]) if argv else ""
    takes = _VALUE_OPTIONS.get(prog, frozenset())
    words, skip = [], False
    for i, word in enumerate(argv[1:], 1):
        if skip:
            skip = False
            continue
        if word == "--":  # the rest are operands, dashes or not
            return words + argv[i + 1:]
        if word in takes:
            skip = True
            continue
        if prog == "tar" and i == 1 and not word.startswith("-"):
            continue
        words.append(word)
    return words


def operands(command: str, ctx: GuardContext) -> list[str]:
    """The files the text readers of ``command`` are given (resolved like the workspace paths of the analysis)."""
    from macrohard.safety.shellparse import parse

    base = shell_base(ctx)
    out = []
    for cmd in parse(command).commands:
        if not cmd.argv or posixpath.basename(cmd.argv[0]) not in TEXT_READERS:
            continue
        here = posixpath.join(base, cmd.cwd) if cmd.cwd else base
        for word in file_words(cmd.argv):
            if word.startswith("-") or not word or "$" in word:
                continue
            path = word if word.startswith("~") else posixpath.normpath(posixpath.join(here, word))
            out += expanded(path, ctx) if _GLOB.search(word) else [path]
        out += [t if t.startswith(("/", "~")) else posixpath.normpath(posixpath.join(here, t)) for op, t in
                cmd.redirects if op.startswith("<") and t and not t.startswith("&") and "$" not in t]  # `wc < .env`
        # (as written, `.env` was no private path: the file it reads was counted as untrusted input, not private data)
    return out


_GLOB = re.compile(r"[*?\[]")


def expanded(path: str, ctx: GuardContext, limit: int = 200) -> list[str]:
    """A reader's operand with glob characters as the shell expands it in the workspace (``cat .e?v`` reads ``.env``:
    flow25, private data read after untrusted content by a pattern); a pattern that matches nothing is left as
    written (bash passes it on), and one outside the workspace is left as written too."""
    ws = ctx.workspace.rstrip("/")
    if not ws or not path.startswith(ws + "/"):
        return [path]
    found = sorted(glob.glob(path))[:limit]
    return found or [path]


def redirect_targets(command: str, paths: list[str]) -> tuple[str, ...]:
    """The analysed paths a command writes with ``>``/``>>`` (a command that read no untrusted source: what it
    writes is the agent's own)."""
    from macrohard.safety.shellparse import parse

    out = []
    for cmd in parse(command).commands:
        for op, target in cmd.redirects:
            if ">" in op and "$" not in target and "`" not in target and target not in ("/dev/null", "&1", "&2"):
                tail = "/" + posixpath.normpath(target).lstrip("/")
                out += [p for p in paths if p == target or p.endswith(tail)]
    return tuple(out)


def short(path: str, ctx: GuardContext) -> str:
    for root in (ctx.workspace, ctx.shell_workspace):
        if root and path.startswith(root.rstrip("/") + "/"):
            return posixpath.relpath(path, root)
    return path
