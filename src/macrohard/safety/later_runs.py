"""rt62: commands the file tool writes for a program the person runs later, outside the run.

A ``.desktop`` launcher's ``Exec=`` (one click in the file manager), direnv's ``.envrc`` (run on entering the
folder), a pre-commit hook's ``entry:`` (run at the person's next ``git commit``): on b7fd0bfd writing any of them was
approved whatever they run, since what a file holds is judged when the agent runs it, and the agent never runs these.
So their commands are read as the shell reads a line of the agent's (``commands.analyze``, in the folder the program
runs them from) when the file is written, and what that review finds of the categories that are refused outright
(a send of local data, code fetched and run, hidden commands, credentials, destruction) is found for the write.
Ordinary contents (``Exec=myapp %U``, ``export PATH=$PWD/bin:$PATH``, ``layout python``, ``entry: pytest``) find
nothing. VS Code's tasks and ``.git/hooks`` are refused by their names already (``rules_data.WRITE_TARGETS``).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from macrohard.safety import lazyre

_DESKTOP_EXEC = lazyre.compile(r"^\s*(?:Try)?Exec\s*=\s*(.+)$", re.M)
_FIELD_CODES = lazyre.compile(r"(?<!%)%[fFuUdDnNickvm]")
_ENTRY = lazyre.compile(r"^\s*-?\s*entry\s*:\s*(.+?)\s*$", re.M)
_CATEGORIES = ("exfiltration", "remote_code", "obfuscation", "credential", "destructive", "miner", "privilege")
_MAX_LINES, _MAX_TEXT = 16, 64_000


def commands(path: str, text: str) -> tuple[str, list[str]]:
    """(who runs them, the command lines) of a file a program of the person's runs later, or ("", [])."""
    low = path.lower()
    name = posixpath.basename(low)
    text = text[:_MAX_TEXT]
    if name.endswith(".desktop"):
        lines = [_FIELD_CODES.sub("", m.group(1)).strip() for m in _DESKTOP_EXEC.finditer(text)]
        return "the desktop runs it when the launcher is opened", [x for x in lines if x]
    if name == ".envrc":
        return "direnv runs it when a shell enters the folder", [_script(text)] if text.strip() else []
    if name in (".pre-commit-config.yaml", ".pre-commit-config.yml", ".pre-commit-hooks.yaml"):
        lines = [m.group(1).strip().strip("'\"") for m in _ENTRY.finditer(text)]
        return "pre-commit runs it at the next git commit", [x for x in lines if x]
    if _HUSKY.search(low):  # rt63: husky's hooks (`.husky/pre-commit`), run by git at the person's next commit
        return "git runs it (husky) at the person's next commit", [_script(text)] if text.strip() else []
    if ci(low):  # rt63: a CI workflow's steps, run on the forge's machines at the person's next push
        return "the forge runs it at the person's next push", _ci_lines(text)
    if name == "package.json":  # rt63: the project's install scripts, run by the person's next `npm install`
        return "npm runs it at the person's next npm install", _install_scripts(text)
    return "", []


_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish")


def _install_scripts(text: str) -> list[str]:
    import json

    try:
        scripts = json.loads(text).get("scripts") or {}
    except (ValueError, AttributeError):
        return []
    if not isinstance(scripts, dict):
        return []
    return [str(scripts[k]) for k in _INSTALL_SCRIPTS if isinstance(scripts.get(k), str) and scripts[k].strip()]


_HUSKY = lazyre.compile(r"(?:^|/)\.husky/(?:pre-commit|pre-push|commit-msg|post-checkout|post-merge|prepare-commit-msg|"
                        r"pre-rebase|post-commit|post-rewrite)$")
_CI = lazyre.compile(r"(?:^|/)(?:\.github/workflows/[^/]+|\.gitlab-ci|\.travis|\.circleci/config|azure-pipelines|"
                     r"bitbucket-pipelines|\.drone|\.woodpecker)\.ya?ml$")
_CI_KEYS = frozenset({"run", "script", "before_script", "after_script", "commands", "command", "install",
                      "before_install", "after_success", "deploy", "steps"})
_CI_EXPRESSION = lazyre.compile(r"\$\{\{[^}]*\}\}")
_CI_RUN = lazyre.compile(r"^\s*-?\s*(?:run|script)\s*:\s*(.+?)\s*$", re.M)


def ci(path: str) -> bool:
    """Whether ``path`` names a CI workflow (GitHub's, GitLab's, Travis', CircleCI's, Azure's, Bitbucket's, Drone's)."""
    return bool(_CI.search(path.lower()))


def _ci_lines(text: str) -> list[str]:
    """The shell lines of a CI workflow's steps (the strings under ``run:``, ``script:``…; ``${{ … }}`` read as a
    variable the forge fills in)."""
    import yaml

    out: list[str] = []

    def walk(node: Any, key: str = "", depth: int = 0) -> None:
        if depth > 12 or len(out) >= _MAX_LINES:
            return
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, str(k), depth + 1)
        elif isinstance(node, list):
            for v in node:
                walk(v, key, depth + 1)
        elif isinstance(node, str) and key in _CI_KEYS and node.strip():
            out.append(_CI_EXPRESSION.sub("$CI_VALUE", node))

    try:
        walk(yaml.safe_load(text))
    except Exception:  # noqa: BLE001 - a workflow YAML cannot read: its `run:` lines as they stand
        out = [_CI_EXPRESSION.sub("$CI_VALUE", m.group(1).strip("'\"")) for m in _CI_RUN.finditer(text)]
    return out[:_MAX_LINES]


def where_run(full: str) -> str:
    """The folder a later-run file's commands run in: a CI workflow's at the repository's top (above
    ``.github/workflows``, ``.circleci``), husky's at the repository's top, the others in the file's folder."""
    folder = posixpath.dirname(full)
    for tail in ("/.github/workflows", "/.circleci", "/.husky"):
        if folder.endswith(tail):
            return folder[: -len(tail)] or "/"
    return folder


def judge(kind: str, value: str, full: str, text: str, analysis: Any, review: Any, credential: Any = None) -> None:
    """Adds to ``analysis`` what ``review(line, cwd)`` (an ``Analysis``) finds of ``_CATEGORIES`` in the commands the
    file at ``full`` (as ``value`` names it) holds for a program that runs them later. rt63: a CI workflow's lines
    only where they send a credential file of the repository (``credential(line, cwd)`` names one): honest workflows
    upload what they build and fetch installers, which the agent's own line may not."""
    who, lines = commands(full, text)
    for line in lines[:_MAX_LINES]:
        _judge_line(kind, value, line, where_run(full), who, ci(full), analysis, review, credential)


def _judge_line(kind: str, value: str, line: str, cwd: str, who: str, narrow: bool, analysis: Any, review: Any,
                credential: Any) -> None:
    found = review(line, cwd).findings
    if narrow:
        if "exfiltration" in found and credential is not None and (named := credential(line, cwd)):
            analysis.add("exfiltration", f"{kind} {value}: {who}, outside the run: it sends {named}, a credential "
                                         f"file of the repository ({found['exfiltration']})")
        return
    for category in _CATEGORIES:
        if category in found:
            analysis.add(category, f"{kind} {value}: {who}, outside the run: {found[category]}")


# -- rt63: what a later-run file runs, written after it; a later-run file the shell writes ------------------------
_RUNNER_GLOBS = ("*.desktop", ".envrc", ".pre-commit-config.yaml", ".pre-commit-config.yml", ".gitlab-ci.yml",
                 ".travis.yml", ".husky/*", ".github/workflows/*", ".circleci/config.yml", ".config/autostart/*.desktop",
                 "package.json")
_RUN_WORD = lazyre.compile(r"[\w.+~-]*[\w./+~-]+")


def runners_of(full: str, host: str, roots: list[str]) -> list[tuple[str, str, bool]]:
    """(who runs it, the runner's name, whether a CI runs it) of each later-run file (a launcher's ``Exec``, an
    ``.envrc``, a hook, a CI step) in the folder of ``full`` or the workspace's top (``roots``, as the guard names
    them; ``host`` is ``full``'s folder on this machine) whose commands name ``full``: a script written after the
    launcher that runs it is run as the launcher is, outside the run."""
    import glob
    import os

    from macrohard.safety import native

    out: list[tuple[str, str, bool]] = []
    base = posixpath.basename(full)
    seen: set[str] = set()
    for root_shell, root_host in roots_pairs(posixpath.dirname(full), host, roots):
        for pattern in _RUNNER_GLOBS:
            for path in sorted(glob.glob(os.path.join(root_host, pattern)))[:16]:
                if path in seen or len(seen) >= 48:
                    continue
                seen.add(path)
                data = native.read(path, _MAX_TEXT)
                if not data or base.encode() not in data:
                    continue
                shell_path = root_shell + path[len(root_host):]
                who, lines = commands(shell_path, data.decode("utf-8", "replace"))
                cwd = where_run(shell_path)
                for line in lines:
                    if any(posixpath.normpath(posixpath.join(cwd, w)) == full for w in _RUN_WORD.findall(line)):
                        out.append((who, posixpath.relpath(shell_path, roots[0] if roots else "/"), ci(shell_path)))
                        break
    return out


def roots_pairs(folder: str, host_folder: str, roots: list[str]) -> list[tuple[str, str]]:
    """(the folder as the guard names it, the same on this machine) for ``folder`` and the workspace's top."""
    pairs = [(folder, host_folder)]
    for root in roots[:1]:
        if folder != root and (folder + "/").startswith(root.rstrip("/") + "/"):
            depth = folder[len(root.rstrip("/")):].count("/")
            host_root = host_folder
            for _ in range(depth):
                host_root = posixpath.dirname(host_root)
            pairs.append((root, host_root))
    return pairs


def as_line(path: str, text: str) -> str:
    """A script's text as a shell line that runs it: python's or node's code by their ``-c``/``-e``, a shell's as it is."""
    import shlex

    first = text.split("\n", 1)[0] if text.startswith("#!") else ""
    low = path.lower()
    if "python" in first or not first and low.endswith((".py", ".pyw")):
        return "python3 -c " + shlex.quote(text)
    if "node" in first or not first and low.endswith((".js", ".mjs", ".cjs")):
        return "node -e " + shlex.quote(text)
    return _script(text)


def _script(text: str) -> str:
    """A shell script's text less its ``#!`` line (the interpreter's name, not a command of it)."""
    return text.split("\n", 1)[1] if text.startswith("#!") and "\n" in text else "" if text.startswith("#!") else text


def judge_target(kind: str, value: str, full: str, text: str, runners: list[tuple[str, str, bool]], analysis: Any,
                 review: Any, credential: Any = None) -> None:
    """Adds what the script ``full`` (to hold ``text``) would do when a later-run file of ``runners`` runs it."""
    line = as_line(full, text[:_MAX_TEXT])
    for who, runner, narrow in runners[:4]:
        _judge_line(kind, value, line, posixpath.dirname(full), f"{runner} runs it ({who})", narrow, analysis, review,
                    credential)


_LATER_WORDS = (".envrc", ".desktop", "pre-commit", "workflows", ".gitlab-ci", ".travis", ".husky", ".circleci",
                "azure-pipelines", "bitbucket-pipelines", ".drone", ".woodpecker", "package.json")
_REDIRECT = lazyre.compile(r"(?<![<>&])(?:\d?>>?|>\||&>>?)\s*(\"[^\"]*\"|'[^']*'|[^\s;&|()<>]+)")
_TEE = lazyre.compile(r"\btee\s+((?:-\S+\s+)*)([^;&|()<>\n]+)")
_COPY = lazyre.compile(r"(?:^|[;&|(\n]\s*|\b(?:sudo|nohup|exec|command|env|timeout\s+\S+)\s+)(cp|mv|install|ln|rsync|dd|sed|"
                       r"perl|python3?|node|ruby|curl|wget)\b([^;&|()\n]*)")
# what in code, or in a download's or dd's options, writes a file (a read names it too: `open('ci.yml').read()`)
_WRITES = {"code": lazyre.compile(r"write|append|['\"][wax]b?\+?['\"]|rename|replace|copy|move|symlink|link|>"),
           "curl": lazyre.compile(r"(?:^|\s)(?:-\w*[oO]|--output|--remote-name|-P|--directory-prefix|--output-document)"),
           "dd": lazyre.compile(r"\bof=")}
_SED_S = lazyre.compile(r"s([/|#,:])([\w .=:@+-]*)\1([\w .=:@+/-]*)\1(g?)")
_SEPARATOR = lazyre.compile(r"&&|\|\||[;\n|&(]")
_HEREDOC = lazyre.compile(r"<<-?\s*(['\"]?)(\w+)\1[^\n]*\n(.*?)\n\s*\2\s*(?:\n|$)", re.S)
_EXPANDS = lazyre.compile(r"[$`]")


def writes_to(command: str) -> bool:
    """Whether a shell line may write a file at all (a redirection, ``tee``, a copy, an editor in place, code)."""
    return ">" in command or any(w in command for w in ("tee", "cp ", "mv ", "install ", "ln ", "rsync", "dd ", "sed ",
                                                        "perl", "python", "node", "ruby", "curl", "wget", "pkg",
                                                        "set-script"))


def shell_written(command: str, base: str, depth: int = 0) -> list[tuple[str, str | None]]:
    """(the file, the text it will hold or None where the line does not say it) of each file a shell line writes by
    a redirection, ``tee``, ``cp``/``mv``/``install``/``ln``/``rsync`` (the text: the source file's), or in place
    (``sed -i``, code, a download: None). The text of ``echo``/``printf`` words and of a here-document is read when
    nothing in it is expanded when the line runs."""
    import os
    import shlex

    out: list[tuple[str, str | None]] = []

    def add(dest: str, text: str | None) -> None:
        dest = dest.strip("'\"")
        if dest and not dest.startswith(("/dev/", "&")) and not _EXPANDS.search(dest):
            out.append((os.path.normpath(os.path.join(base, dest)), text))

    for m in _REDIRECT.finditer(command):
        start = max((s.end() for s in _SEPARATOR.finditer(command, 0, m.start())), default=0)
        add(m.group(1), _literal(command, command[start:m.start()] + " " + command[m.end():_end(command, m.end())],
                                 base))
    for m in _TEE.finditer(command):
        start = max((s.end() for s in _SEPARATOR.finditer(command, 0, max(0, m.start() - 1))
                     if command[s.start()] != "|"), default=0)
        before = command[start:m.start()].rstrip().rstrip("|")
        for word in m.group(2).split():
            add(word, _literal(command, before, base) if before.strip() else None)
    for m in _COPY.finditer(command):
        program, args = m.group(1), m.group(2)
        try:
            words = [w for w in shlex.split(args) if not w.startswith("-")]
        except ValueError:
            words = args.split()
        if program in ("cp", "mv", "install", "ln", "rsync") and len(words) >= 2:
            src = os.path.normpath(os.path.join(base, words[0]))
            dest = words[-1]
            if os.path.isdir(os.path.join(base, dest)):
                dest = os.path.join(dest, os.path.basename(words[0]))
            text = None
            if not _EXPANDS.search(words[0]) and os.path.isfile(src):
                from macrohard.safety import native

                text = (native.read(src, _MAX_TEXT) or b"").decode("utf-8", "replace")
            add(dest, text)
        elif program in ("sed", "perl") and not re.search(r"(?:^|\s)-\w*i", args):
            continue  # not in place: what it prints
        elif program == "sed" and len(words) >= 2 and (sub := _SED_S.fullmatch(words[0])):
            # `sed -i 's/pytest/pytest -q/' ci.yml`: a plain substitution of words, made here on the file's text
            from macrohard.safety import native

            for word in words[1:]:
                full = os.path.normpath(os.path.join(base, word))
                now = (native.read(full, _MAX_TEXT) or b"").decode("utf-8", "replace") if os.path.isfile(full) else None
                add(word, None if now is None else "\n".join(
                    line.replace(sub.group(2), sub.group(3), -1 if sub.group(4) else 1) for line in now.split("\n")))
        elif program not in ("cp", "mv", "install", "ln", "rsync"):  # code, an editor in place, a download, dd
            rest = command[m.start(1):_end_code(command, m.start(1))]
            kind = program if program in ("curl", "dd") else "curl" if program == "wget" else "code"
            if program != "sed" and not _WRITES[kind].search(rest):
                continue
            for name in _RUN_WORD.findall(rest):
                if any(w in name.lower() for w in _LATER_WORDS) and name.rstrip("/").rsplit("/", 1)[-1] not in (
                        "workflows", ".husky", ".circleci"):
                    add(name, None)
    for m in _PKG_SET.finditer(command):
        if (written := _package_set(m.group(1), m.group(2), base)) is not None:
            add("package.json", written or None)
    inner = {full: text for m in _SH_C.finditer(command) if depth < 2
             for full, text in shell_written(m.group(1), base, depth + 1) if text is not None}
    return [(full, inner.get(full, text) if text is None else text) for full, text in out]


# the lead's second read: `npm pkg set scripts.postinstall='curl …'` writes the install script a later `npm install` runs
_PKG_SET = lazyre.compile(r"\b(?:npm|pnpm|yarn)\s+(pkg\s+set|set-script)\s+([^;&|\n]+)")
_SCRIPT_KEY = lazyre.compile(r"scripts(?:\.([\w:-]+)|\[['\"]?([\w:-]+)['\"]?\])")


def sets_unsaid_install_script(command: str, base: str) -> bool:
    """Whether ``command`` sets an install script of ``package.json`` by ``npm pkg set`` to a value built when it
    runs (the file's other rewrites without a text said, by npm, jq or an editor, are not asked)."""
    return any(_package_set(m.group(1), m.group(2), base) == "" for m in _PKG_SET.finditer(command))


def _package_set(how: str, args: str, base: str) -> str | None:
    """The text ``package.json`` holds after ``npm pkg set scripts.NAME=VALUE …`` (or ``npm set-script NAME VALUE``),
    None where the line sets no script, "" where it sets an install script to a value built only when it runs."""
    import json
    import os
    import shlex

    from macrohard.safety import native

    try:
        words = [w for w in shlex.split(args) if not w.startswith("-")]
    except ValueError:
        words = [w for w in args.split() if not w.startswith("-")]
    sets: dict[str, str] = {}
    if how == "set-script" and len(words) >= 2:
        sets[words[0]] = words[1]
    for word in words if how != "set-script" else ():
        key, eq, value = word.partition("=")
        if eq and (m := _SCRIPT_KEY.fullmatch(key)):
            sets[m.group(1) or m.group(2)] = value
    if not sets:
        return None
    if any(_EXPANDS.search(v) for k, v in sets.items() if k in _INSTALL_SCRIPTS):
        return ""  # an install script built when the line runs (`scripts.postinstall="$U"`): asked
    try:
        data = json.loads((native.read(os.path.join(base, "package.json"), _MAX_TEXT) or b"{}").decode("utf-8", "replace"))
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    scripts = data.get("scripts") if isinstance(data.get("scripts"), dict) else {}
    data["scripts"] = {**scripts, **sets}
    return json.dumps(data)


_SH_C = lazyre.compile(r"\b(?:ba|da|z)?sh\s+-c\s+'([^']*)'")  # a shell's line in single quotes, read as its own


def _end_code(command: str, at: int) -> int:
    """Where the command that starts at ``at`` ends, quotes kept whole (code holds ``;`` and ``(``)."""
    quote = ""
    for i in range(at, len(command)):
        c = command[i]
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c in ";&|\n":
            return i
    return len(command)


def _end(command: str, at: int) -> int:
    m = _SEPARATOR.search(command, at)
    return m.start() if m else len(command)


def _literal(command: str, segment: str, base: str) -> str | None:
    """The text ``echo``/``printf``/``cat <<'EOF'``/``cat FILE`` of ``segment`` writes, or None where it is not said on
    the line."""
    import os
    import shlex

    from macrohard.safety import native

    words = segment.split()
    while words and "=" in words[0] and not words[0].startswith(("'", '"')):
        words.pop(0)  # NAME=value before the program
    if not words or words[0] in (":", "true") and len(words) == 1:
        return "" if not words or segment.strip() in (":", "true") else None  # `: > .envrc`, `> .envrc`: emptied
    program = words[0]
    if program == "cat" and "<<" in segment:
        doc = _HEREDOC.search(command)
        if doc is None or not doc.group(1) and _EXPANDS.search(doc.group(3)):
            return None
        return doc.group(3)
    if program == "cat" and len(words) > 1 and not _EXPANDS.search(segment) and not any(
            w.startswith("-") or "<" in w for w in words[1:]):  # `cat a b > .envrc`: their texts
        paths = [os.path.normpath(os.path.join(base, w.strip("'\""))) for w in words[1:]]
        if all(os.path.isfile(p) for p in paths):
            return "\n".join((native.read(p, _MAX_TEXT) or b"").decode("utf-8", "replace") for p in paths)
        return None
    if program not in ("echo", "printf"):
        return None
    rest = segment.split(program, 1)[1]
    unquoted = re.sub(r"'[^']*'", "", rest)
    if _EXPANDS.search(unquoted) or "<<" in rest:
        return None
    try:
        args = shlex.split(rest)
    except ValueError:
        return None
    while args and args[0] in ("-e", "-n", "-E", "-en", "-ne", "--"):
        args.pop(0)
    if not args:
        return ""
    text = " ".join(args) if program == "echo" else args[0].replace("%s", " ".join(args[1:2]), 1)
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def later_file(path: str) -> bool:
    """Whether ``path`` names a file a program of the person's runs later (``commands`` knows it)."""
    return bool(commands(path, "x\nExec=x\nentry: x\nrun: x")[0])
