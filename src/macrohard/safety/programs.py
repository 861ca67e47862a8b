"""What particular programs do beyond their paths: pushes, package sources, cluster and cloud secrets,
key hunts, miners, jobs left running, and shell builtins that change what later commands mean.

``judge`` is called by ``safety.commands`` for every simple command; it adds findings in the categories
that the policy's rules name (``default_policy.yaml`` says why each is refused). The tables are in
``rules_data`` so that they can be read in one place.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import gitwrites, lazyre, lookup
from macrohard.safety import rules_data as R
from macrohard.safety.shellparse import SimpleCommand

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    operands = [a for a in args if not a.startswith("-")]
    if prog in R.PUBLISHERS and operands[:1] in (["upload"], ["publish"]):
        an.r.add("exfiltration", f"{prog} {operands[0]} publishes the workspace's code to a package index")
    if "--help" in args or "-h" in args:
        return
    if prog in ("declare", "typeset", "local") and any(a.startswith("-") and not a.startswith("--") and "n" in a[1:]
                                                       for a in args):
        _nameref(an, operands)
    if prog == "git":
        _git(an, args, cmd, depth)
    elif prog in R.PACKAGE_INSTALLERS:
        _install(an, prog, args, operands)
    elif prog in ("kubectl", "oc", "k3s", "microk8s"):
        _kubectl(an, prog, args, operands)
    elif prog in ("alias",):
        _alias(an, operands, cmd, depth)
    elif prog in ("export", "declare", "typeset", "local", "readonly") and any(
            re.search(r"[$`]", a.partition("=")[0]) for a in operands):
        an.r.add("dynamic", f"{prog} sets a variable whose name is only known when it runs")
    elif prog == "trap" and operands:
        an.line(operands[0], depth + 1, cmd.cwd)  # the trap's code runs later, on a signal or at exit
        if len(operands) > 1:
            from macrohard.safety.shellstate import add_hook

            add_hook(an, operands[0])  # and again at every later review, with the files as they are then
    elif prog == "hash" and "-p" in args:
        an.r.add("obfuscation", "hash -p makes a command name run another program")
    elif prog == "enable" and any(a.startswith("-") and ("n" in a or "f" in a) for a in args):
        an.r.add("obfuscation", "enable -n/-f makes a builtin's name run another program")
    elif prog == "shopt" and any("$" in a or "`" in a for a in args):  # guard32: `shopt -s ${X}debug`
        an.r.add("dynamic", "shopt sets options only known when it runs; name them")
    elif prog == "shopt" and "extdebug" in args and "-s" in args and not an.__dict__.get("extdebug_off"):
        from macrohard.safety.commands import EXTDEBUG  # `X=ext; shopt -s ${X}debug`: the word as bash will see it

        an.r.add("obfuscation", EXTDEBUG)
    elif prog == "shopt" and "expand_aliases" in args and "-s" in args:
        an.r.add("obfuscation", "shopt -s expand_aliases lets aliases change what later commands mean")
    elif prog in ("set", "shopt") and (turned := shell_options(prog, args)):
        for option in turned:
            an.r.add("obfuscation", _SHELL_OPTIONS[option])
    elif prog == "shopt" and "cdable_vars" in args and "-s" in args:  # guard30: `cd D` went to $D's folder
        an.r.add("dynamic", "shopt -s cdable_vars sends a later `cd NAME` to the folder a variable holds; cd to the "
                            "path itself")
    elif prog in ("grep", "egrep", "rg", "ag", "ack", "find", "locate", "mlocate", "plocate", "fd", "fdfind"):
        _key_search(an, prog, args, operands, cmd)
    elif prog in _ROFFS and _roff_unsafe(args):
        # guard36: `groff -U x.ms` with `.sy sh run.sh` ran it: unsafe mode lets a document run commands (.sy, .pso,
        # .pi, .open); the default (safer) mode refuses them
        an.r.add("dynamic", f"{prog} -U (unsafe mode) lets the document run shell commands (.sy, .pso, .pi); the guard "
                            "does not read troff documents; drop -U")
    elif prog == "pygmentize" and "-x" in args:  # guard36: `-x -l lx.py:L` imports lx.py (its top level ran)
        an.r.add("dynamic", "pygmentize -x loads a lexer or formatter from a Python file, which the guard does not "
                            "follow; use a built-in lexer")
    elif prog == "prove" and any(a in ("-e", "--exec", "-P", "-M") or a.startswith(("--exec=", "--plugin", "-P", "-M"))
                                 for a in args):  # guard36: `prove --exec sh t/x.t` ran the test file as a script
        an.r.add("dynamic", "prove runs its tests with another program (--exec) or loads a plugin or module (-P/-M); "
                            "run the tests with perl")
    elif prog == "cpack":  # guard36: `cpack --config c.cmake` ran its execute_process: a CMake script
        from macrohard.safety import projects_cmake

        config = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--config"), None) or next(
            (a[9:] for a in args if a.startswith("--config=")), None) or "CPackConfig.cmake"
        if "$" in config or "`" in config:
            an.r.add("dynamic", f"cpack --config {config[:60]}: a CMake script only known when it runs")
        elif posixpath.isfile(an.paths.resolve(config, cmd.cwd)):
            projects_cmake.judge(an, "cmake", ["-P", config], [], cmd.cwd or ".", depth)
    elif prog == "direnv" and operands[:1] in (["allow"], ["permit"], ["grant"], ["exec"], ["reload"], ["export"]):
        # guard22: `.envrc` is ordinary to write; direnv runs it once allowed: judged as the script it is, here
        folder = operands[1] if len(operands) > 1 and operands[0] != "export" else "."
        rc = folder if folder.endswith(".envrc") else posixpath.join(folder, ".envrc")
        an.script(rc, cmd.cwd, depth, explicit=True, shell=True)
    for pattern, why in R.CLOUD_SECRET_COMMANDS:
        if pattern.match(" ".join([prog, *args])):
            an.r.add("credential", f"{prog} {why}")
            break
    _background(an, prog, args, operands, cmd)


def _nameref(an: Analyzer, operands: list[str]) -> None:
    """``declare -n r=TARGET``: TARGET with the values this line and earlier steps gave its names (guard36:
    ``n=BASH_XTRACE; declare -n r="${n}FD"; r=3`` set BASH_XTRACEFD with no such name on the line)."""
    from macrohard.safety.commands import _BASH_TABLES, _XTRACE_FD, XTRACE_FD

    for o in operands:
        target = o.partition("=")[2]
        if "$" not in target:
            continue
        resolved = re.sub(r"\$\{?([A-Za-z_]\w*)\}?", lambda m: an.line_vars.get(m.group(1), m.group(0)), target)
        if _XTRACE_FD.search(resolved):
            an.r.add("obfuscation", XTRACE_FD)
        elif _BASH_TABLES.search(resolved):
            an.r.add("obfuscation", "a name reference to bash's command hash or alias table (BASH_CMDS, BASH_ALIASES): "
                                    "setting it makes a command name run another program")


_ROFFS = frozenset({"groff", "troff", "nroff", "gtroff", "gnroff", "grog", "pic", "gpic"})  # pic -U: `sh { … }`
_ROFF_VALUES = frozenset("mMdfFILnoPrTwWKDE")  # groff's options that take a value (attached or next)


def _roff_unsafe(args: list[str]) -> bool:
    """Whether groff/troff/nroff is given ``-U`` (alone or in a cluster before an option that takes a value)."""
    for a in args:
        if a == "--":
            return False
        if a.startswith("-") and not a.startswith("--"):
            for letter in a[1:]:
                if letter == "U":
                    return True
                if letter in _ROFF_VALUES:
                    break
    return False


# git settings whose value is a command git runs later (hooks, fsmonitor, pagers, aliases with "!", filters),
# and settings that make git read more settings or hooks from a file the agent may have written
_GIT_RUNS = lazyre.compile(r"core\.(sshcommand|pager|editor|fsmonitor|askpass)|interactive\.difffilter|credential\.(.+\.)?helper|sequence\.editor|"
                       r"diff\.external|gpg\.(.+\.)?program|pager\..+|.+\.(textconv|clean|smudge|process|driver|command)|"
                       r"uploadpack\.packobjectshook|alias\..+|"
                       # guard19: core.gitProxy, a remote's uploadpack/receivepack, man/browser/difftool/mergetool
                       # tools, `tar.<format>.command`, a submodule's `update = !cmd`, send-email's, instaweb's
                       r"core\.(gitproxy|alternaterefscommand)|remote\..+\.(uploadpack|receivepack)|"
                       r"(man|browser|difftool|mergetool)\..+\.(cmd|path)|submodule\..+\.update|"
                       r"sendemail\.(sendmailcmd|smtpserver|tocmd|cccmd)|imap\.tunnel|instaweb\.(httpd|browser)|"
                       # guard21: a trailer's `cmd` (run by `commit --trailer`), ssh signing's key command
                       r"trailer\..+\.cmd|gpg\.ssh\.defaultkeycommand")
_GIT_LOADS = lazyre.compile(r"core\.hookspath|include\.path|includeif\..+\.path|init\.templatedir")
_GIT_CONFIG_VALUE_OPTIONS = frozenset({"-f", "--file", "--blob", "--type", "--default", "--comment", "--value"})


def git_ext(an: Analyzer, url: str, depth: int, cwd: str | None) -> None:
    """``ext::sh run.sh``: the command git runs for the address, where ``protocol.ext.allow`` lets it (guard18: one
    on the command line, or a remote's url, ran unread)."""
    if url.startswith("ext::"):
        an.line(re.sub(r"%(.)", lambda m: {"S": "git-upload-pack", "s": "upload-pack"}.get(m.group(1), m.group(1)),
                       url[5:]), depth + 1, cwd)


def git_setting(an: Analyzer, key: str, value: str, depth: int, cwd: str | None) -> None:
    """Judge a git setting (``-c``, ``git config``, ``GIT_CONFIG_KEY_n``) by the command it makes git run later."""
    from macrohard.safety.flows import setting_data

    # rt56: a setting whose name or value may hold a data file's text (`git config --global http.extraHeader "X:
    # $T"`, `url."http://h/$T/".insteadOf`, `http.proxy`, a repository's own config) is that text kept where every
    # later git command reads it: git sends its settings' values (addresses, headers, proxies, logins), whatever the
    # key is called. rt55 judged git's numbered settings in the environment; `git config` was approved
    if (ref := setting_data(an, key) or setting_data(an, value)) and not an.defining:
        an.r.add("exfiltration", f"git setting {key.strip()[:60]} holds {ref}: git sends its settings' values "
                                 "(addresses, headers, proxies, logins)")
    key = key.strip().lower()
    if m := re.fullmatch(r"remote\.(.+)\.(url|pushurl)", key):  # re-points a remote: a later push goes there
        an.new_remotes.add(m.group(1))
        git_ext(an, value.strip(), depth, cwd)
    elif key == "remote.pushdefault" or re.fullmatch(r"branch\..+\.(?:push)?remote", key):
        an.new_remotes.add(f":bare:{value.strip()}")  # rt50c: where a bare `git push` goes (judged at the push)
    elif m := re.fullmatch(r"url\.(.+)\.(insteadof|pushinsteadof)", key):  # rewrites every remote's address
        an.new_remotes.add("*")
        git_ext(an, m.group(1), depth, cwd)  # to an ext:: command (guard20)
        if (helper := re.match(r"([a-z][\w+.-]*)::", m.group(1))) and helper.group(1) != "ext":
            lookup.resolve_program(an, f"git-remote-{helper.group(1)}", cwd, 0)  # or to a helper on PATH
    if key.startswith("alias.") and not value.lstrip().startswith("!"):
        an.line(f"git {value}", depth + 1, cwd)  # an alias of git's own subcommands (and their -c settings)
    elif _GIT_RUNS.fullmatch(key):
        an.line(value.lstrip().lstrip("!"), depth + 1, cwd)
    elif _GIT_LOADS.fullmatch(key):
        an.r.add("persistence", f"git setting {key} makes later git commands read hooks or settings from {value[:80]}")
    elif re.fullmatch(r"remote\..+\.vcs", key) and value.strip():
        an.r.add("dynamic", f"git setting {key} makes git run git-remote-{value.strip()[:30]}, looked up on PATH when "
                            "it runs")
    elif re.fullmatch(r"protocol\.(ext\.)?allow", key) and value.strip().lower() in ("always", "user"):
        an.r.add("dynamic", f"git setting {key}={value[:20]} lets git run the command an ext:: address names")


_GIT_GLOBAL_VALUE_OPTIONS = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--super-prefix",
                                       "--config-env", "--exec-path", "--list-cmds", "--attr-source"})


def _git(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    at = next((i for i, a in enumerate(args) if not a.startswith("-") and not (
        i > 0 and args[i - 1] in _GIT_GLOBAL_VALUE_OPTIONS)), None)  # the subcommand, after git's own options
    if at is None:
        return
    for a in args[:at]:  # guard24: `git --exec-path=b st` ran b/git-st (GIT_EXEC_PATH=b was judged, this was not)
        if a.startswith("--exec-path=") and a[12:] and not a[12:].startswith(("/usr/", "/bin/", "/lib/")):
            an.r.add("dynamic", f"git {a[:60]} makes git run its commands and helpers from a folder the agent may "
                                "write")
    if any(a == "--config-env" or a.startswith("--config-env=") for a in args[:at]):
        an.r.add("dynamic", "git --config-env takes a setting (maybe a command git runs) from the environment")
    operands = [a for a in args[at:] if not a.startswith("-")]
    sub = operands[0]
    lookup.resolve_program(an, f"git-{sub}", cmd.cwd, depth)  # guard19: `git zz` ran a git-zz the run put on PATH
    if sub == "config":  # git config [options] [set] KEY VALUE: the value may start with "-" (an alias's -c)
        i = at + 1
        while i < len(args) and (args[i].startswith("-") or args[i] == "set"):
            i += 2 if args[i] in _GIT_CONFIG_VALUE_OPTIONS else 1
        if i + 1 < len(args):
            git_setting(an, args[i], args[i + 1], depth, cmd.cwd)
    if sub == "clone":  # `git clone --config core.hooksPath=…`: a setting of the new repository (guard20)
        for i, a in enumerate(args[at + 1:-1], start=at + 1):
            if a in ("-c", "--config") and "=" in args[i + 1]:
                git_setting(an, *args[i + 1].split("=", 1), depth, cmd.cwd)
        for a in args[at + 1:]:
            if a.startswith("--config=") and "=" in a[9:]:
                git_setting(an, *a[9:].split("=", 1), depth, cmd.cwd)
    gitwrites.judge(an, args, at, cmd)  # the files a merge, pull, stash pop … writes from a commit (guard21)
    if sub in ("checkout", "restore") and "--" in args[at:]:  # files git writes from a commit (guard20: .bashrc)
        for name in args[args.index("--", at) + 1:]:
            an.written_name(name, cmd.cwd, f"git {sub} writes {name}")
    if sub in ("init", "clone") and (t := next((a for a in args[at:] if a.startswith("--template")), None)):
        an.r.add("persistence", f"git {sub} {t[:60]} copies hooks from a folder, which later git commands run")
    if sub == "remote" and len(operands) >= 4 and operands[1] in ("add", "set-url"):
        an.new_remotes.add(operands[2])
    elif sub == "remote" and len(operands) >= 4 and operands[1] == "rename" and operands[2] in an.new_remotes:
        # rt50c: `git remote add evil URL`, then `git remote rename origin old`, `git remote rename evil origin`: the
        # name a later `git push origin` uses now points where this run said (the person's remote renamed stays theirs)
        an.new_remotes.add(operands[3])
    if sub == "config" and len(operands) >= 3 and ("--rename-section" in args[at:] or operands[1] == "rename-section"):
        old, new = operands[-2], operands[-1]  # rt50c: `git config --rename-section remote.evil remote.origin`
        if new.lower().startswith("remote.") and old.lower().startswith("remote.") and old[7:] in an.new_remotes:
            an.new_remotes.add(new[7:])
        elif new.lower().startswith("url."):
            an.new_remotes.add("*")
    for i, a in enumerate(args[at:], start=at):  # commands git runs for the transport (for a local remote: here)
        git_ext(an, a, depth, cmd.cwd)
        if (helper := re.match(r"([A-Za-z][\w+.-]*)::", a)) and helper.group(1) != "ext":
            # `git ls-remote zz::x` runs git-remote-zz, found on PATH (guard20: one the run put there ran unread)
            lookup.resolve_program(an, f"git-remote-{helper.group(1)}", cmd.cwd, depth)
        name, eq, value = a.partition("=")
        if name in ("--upload-pack", "--receive-pack", "--exec") or (a == "-u" and sub in ("clone", "fetch",
                                                                                        "ls-remote", "archive")):
            value = value if eq else (args[i + 1] if i + 1 < len(args) else "")
            an.line(value, depth + 1, cmd.cwd)
    if sub != "push":
        return
    rest = operands[1:]
    repo = next((a.split("=", 1)[1] for a in args if a.startswith("--repo=")), "") or (
        args[args.index("--repo") + 1] if "--repo" in args[:-1] else "")
    if repo:
        rest = [repo, *rest]
    bare = {r[6:] for r in an.new_remotes if r.startswith(":bare:")} & an.new_remotes
    if not rest and bare:  # rt50c: the run made a remote it added the one a bare `git push` goes to
        an.r.add("exfiltration", f"git push sends the repository to the remote {sorted(bare)[0]!r}, added by this run "
                                 "and made the default of a push (branch.*.pushRemote, remote.pushDefault)")
    if not rest or "*" in an.new_remotes:  # `git push` goes to the branch's remote: origin unless set otherwise
        rest = ["origin" if not rest else rest[0], *rest[1:]]
        if "*" in an.new_remotes:
            an.r.add("exfiltration", "git push sends the repository to an address rewritten by url.*.insteadOf "
                                     "in this run")
    forced = [a for a in args if a in ("-f", "--force", "--mirror") or a.startswith("--force-with-lease")
              or re.fullmatch(r"-[a-zA-Z]*f[a-zA-Z]*", a)]
    forced += [r for r in rest[1:] if r.startswith("+")]
    if forced:
        an.r.add("force_push", f"git push {forced[0]} rewrites the history of a shared branch")
    if rest and R.GIT_URL.match(rest[0]):
        an.r.add("exfiltration", f"git push sends the repository to {rest[0][:80]}, given on the command line")
    elif rest and rest[0] in an.new_remotes:
        an.r.add("exfiltration", f"git push sends the repository to the remote {rest[0]!r}, added by this run")


def _install(an: Analyzer, prog: str, args: list[str], operands: list[str]) -> None:
    verbs = {"install", "i", "add", "ci"}
    if not any(o in verbs for o in operands[:3]) and prog not in ("pipx", "easy_install"):
        return
    for i, a in enumerate(args):
        name, _, inline = a.partition("=")
        if name in R.INDEX_OPTIONS and (inline or i + 1 < len(args)):
            where = inline or args[i + 1]
            if "://" in where and not R.OFFICIAL_INDEXES.match(where):
                an.r.add("untrusted_install", f"{prog} installs from the package index {where[:80]}")
                return
    skip = {i + 1 for i, a in enumerate(args) if a in R.INDEX_OPTIONS | R.INSTALL_VALUE_OPTIONS}
    for a in (a for i, a in enumerate(args) if i not in skip and not a.startswith("-")):
        if a in verbs or a.startswith(("./", "../", ".", "@")) and "://" not in a:
            continue
        if R.PACKAGE_SOURCE.search(a) and not (prog.startswith(("pip", "uv", "conda", "mamba")) and "://" not in a
                                               and "+" not in a and ":" not in a):
            an.r.add("untrusted_install", f"{prog} installs {a[:80]} from a URL or a repository, not a release")
            return


def _kubectl(an: Analyzer, prog: str, args: list[str], operands: list[str]) -> None:
    words = " ".join(operands).lower()
    if re.search(r"\b(get|describe|edit)\b.*\bsecrets?\b|\bsecrets?/", words) or (
            "get" in operands and "secret" in words):
        an.r.add("credential", f"{prog} reads the cluster's secrets")
    elif re.search(r"\bconfig view\b", words) and ("--raw" in args or "--flatten" in args):
        an.r.add("credential", f"{prog} config view --raw prints cluster credentials")
    elif "create" in operands[:1] and "token" in operands[1:2]:
        an.r.add("credential", f"{prog} create token mints a cluster credential")
    elif "exec" in operands[:1] and "--" in args:
        inner = args[args.index("--") + 1:]
        if inner and posixpath.basename(inner[0]) in ("env", "printenv") or any("/secrets/" in a or "environ" in a
                                                                               for a in inner):
            an.r.add("credential", f"{prog} exec reads a pod's environment or mounted secrets")


def _alias(an: Analyzer, operands: list[str], cmd: SimpleCommand, depth: int) -> None:
    from macrohard.safety.shellstate import plumbing

    for a in operands:
        name, eq, value = a.partition("=")
        if not eq:
            continue
        plumbing(an, "an alias", name)
        an.line(value, depth + 1, cmd.cwd)
        if re.fullmatch(r"[\w.:+-]+", name) and value.strip():
            # kept as a function of that name (its words, then the call's): judged again wherever it is used, with
            # what the run read by then (an alias set before untrusted content, that sends when a later `ls` runs)
            an.functions[name] = f'{value} "$@"'
        target = posixpath.basename(value.split()[0]) if value.split() else ""
        if target and target != name and target in R.RISKY_ALIAS_TARGETS:
            an.r.add("obfuscation", f"alias {name}={value[:40]} makes {name!r} run {target}")


# guard31: options of the shell that change what a later line means, where the review reads it as plain bash
_SHELL_OPTIONS = {
    "keyword": "set -k puts every NAME=VALUE word of a later command into its environment (`bash -c : BASH_ENV=x.sh` "
               "runs x.sh); set variables before the command name",
    "physical": "set -P makes a later `cd ..` leave a folder link by where it points, not where the shell came from; "
                "cd to the folder itself",
    "posix": "set -o posix turns on alias expansion (an alias changes what later commands mean) and changes how "
             "bash reads a line",
}
_SHORT = {"k": "keyword", "P": "physical"}


def shell_options(prog: str, args: list[str]) -> list[str]:
    """The options of ``_SHELL_OPTIONS`` that ``set`` (``-k``, ``-eP``, ``-o keyword``) or ``shopt -o -s`` turns
    on."""
    out, i = [], 0
    if prog == "shopt":
        flags = "".join(a[1:] for a in args if a.startswith("-"))
        return [a for a in args if a in _SHELL_OPTIONS] if "o" in flags and "s" in flags else []
    while i < len(args):
        a = args[i]
        if a in ("--", "-") or not a.startswith("-") or len(a) < 2:
            break
        if a == "-o" and i + 1 < len(args):
            out += [args[i + 1]] if args[i + 1] in _SHELL_OPTIONS else []
            i += 2
            continue
        out += [_SHORT[c] for c in a[1:] if c in _SHORT]
        i += 1
    return list(dict.fromkeys(out))


def _key_search(an: Analyzer, prog: str, args: list[str], operands: list[str], cmd: SimpleCommand) -> None:
    text = " ".join(args)
    if not R.KEY_MARKERS.search(text):
        return
    if prog in ("locate", "mlocate", "plocate") or prog in ("fd", "fdfind") and "/" in operands[1:2]:
        an.r.add("credential", f"{prog} searches the whole file system for private keys")
        return
    roots = [o for o in operands if o.startswith(("/", "~", ".."))] or ["."]
    if any(an.paths.outside(r.rstrip("*") or "/", cmd.cwd) for r in roots):
        an.r.add("credential", f"{prog} searches for private keys outside the workspace ({roots[0]})")


def miner(an: Analyzer, prog: str, args: list[str]) -> None:
    """Called for every program a command runs, interpreters and wrapped ones included."""
    if prog in ("bash", "rbash") and ("--debugger" in args or "extdebug" in args):  # `bash -O $'\x65xtdebug' -c …`
        from macrohard.safety.commands import EXTDEBUG  # (guard32: the line's text shows no `extdebug`)

        an.r.add("obfuscation", EXTDEBUG)
    if prog in R.MINERS:
        an.r.add("miner", f"{prog} is a cryptocurrency miner")
        return
    for a in args:
        if R.MINING.search(a):
            an.r.add("miner", f"{prog} {a[:60]} talks to a mining pool")
            return


def _background(an: Analyzer, prog: str, args: list[str], operands: list[str], cmd: SimpleCommand) -> None:
    if prog == "disown" or prog in ("daemonize", "start-stop-daemon"):
        an.r.add("background", f"{prog} leaves a job running after the step")
    elif prog == "screen" and any(re.fullmatch(r"-[a-zA-Z]*d[a-zA-Z]*m[a-zA-Z]*|-dm\w*|-d", a) for a in args):
        an.r.add("background", "screen -dm starts a detached session that outlives the step")
    elif prog == "tmux" and operands[:1] in (["new"], ["new-session"]) and "-d" in args:
        an.r.add("background", "tmux new -d starts a detached session that outlives the step")
    elif prog == "ssh" and any(re.fullmatch(r"-[a-zA-Z]*f[a-zA-Z]*", a) for a in args):
        an.r.add("background", "ssh -f keeps a connection running in the background")


def detached(an: Analyzer, cmd: SimpleCommand) -> None:
    """``nohup cmd &`` and ``setsid cmd &``: a job made to survive the shell that started it."""
    if cmd.background and cmd.argv and cmd.wrappers & {"nohup", "setsid"}:
        an.r.add("background", f"{'/'.join(sorted(cmd.wrappers & {'nohup', 'setsid'}))} ... & leaves "
                               f"{cmd.argv[-1][:40]!r} running after the step")
    # guard23: `setsid -f CMD` forks without `&`; `coproc …` starts a job; `exec 3< <(…)` keeps the process
    # substitution's commands running after the step (each ran a script a later step rewrote)
    argv = cmd.argv
    at = next((i for i, a in enumerate(argv) if posixpath.basename(a) == "setsid"), None)
    if at is not None and any(a in ("-f", "--fork") or re.fullmatch(r"-[a-z]*f[a-z]*", a) for a in
                              argv[at + 1:at + 1 + next((k for k, a in enumerate(argv[at + 1:])
                                                         if not a.startswith("-")), 0)]):
        an.r.add("background", "setsid -f leaves a job running after the step")
    if argv[:1] == ["coproc"]:
        an.r.add("background", "coproc leaves a job running after the step")
    if argv[:1] == ["exec"] and any(t.startswith(("<(", ">(")) for _, t in cmd.redirects if t):
        an.r.add("background", "exec with a process substitution leaves its commands running after the step")
