"""The walk behind ``safety.carried``: one command line in the order bash runs it, over tree-sitter's tree (one
pass; a loop's body twice when its first pass changed what the values carry), following which values, files and
descriptors carry private data and collecting the sends (``safety.carried_programs`` knows the programs).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from macrohard.safety import carried_control as C
from macrohard.safety import carried_names as N
from macrohard.safety import carried_programs as P
from macrohard.safety import carried_sizes as S
from macrohard.safety import lazyre, shelltree
from macrohard.safety import rules_data as R
from macrohard.safety.argv import skip_options, unwrap

if TYPE_CHECKING:
    from macrohard.safety.carried import Carried

MAX_DEPTH = 4  # eval, sh -c, function bodies inside each other
MAX_NODES = 100_000  # statements a walk visits (function bodies again at each call): past it the guard asks
_WRAPPED = R.WRAPPERS | R.PRIVILEGE
_JOINS = frozenset({"if_statement", "while_statement", "until_statement", "for_statement", "select_statement",
                    "c_style_for_statement", "case_statement", "subshell", "list", "pipeline"})
_DEVICES = frozenset({"/dev/null", "/dev/zero", "/dev/urandom", "/dev/random", "/dev/stdin", "/dev/stdout", "/dev/tty"})
_NAME = lazyre.compile(r"\$\{?([!#]?)([A-Za-z_]\w*|\d+|[@*?])")


class _Walk:
    """One walk over a command line (``safety.carried.walk``)."""

    def __init__(self, carried: Carried, private: Callable[[str], str], resolve: Callable[[str], str],
                 functions: dict[str, str], online: bool = True) -> None:
        self.online = online  # the run's network is on: a file server is reachable
        self.root, self.words = "", None  # the workspace; the literal parts of private paths (safety.carried.walk)
        self.vars = dict(carried.vars)
        self.files = dict(carried.files)
        self.sourced = carried.sourced
        self.fds = dict(carried.fds)
        self.aliases = dict(carried.aliases)
        self.piped: str | None = None  # what `echo …` prints into the shell this pipe stage is
        self.ambient = ""  # the private data of the script being walked (a file written with it): what it sends
        self.assigned = set(carried.assigned)
        self.functions = dict(functions)
        self.private = private  # an absolute path (or ~/…) -> what private data the file holds
        self.resolve = resolve  # a path as written (relative to the shell's directory) -> absolute
        self.seen: dict[str, str] = {}  # path -> what private data it holds (the caller's answer, once a path)
        self.static: dict[str, str] = {**carried.literals, **carried.named}  # literal values (`a=.en; b=v; cat $a$b`)
        self.sends: list[str] = []
        self.depth = self.nodes = self.looping = 0
        self.quiet = True  # what the statement being walked prints goes to the terminal (nobody reads it)
        self.cwd = ""  # where a `cd` on the line moved to, relative to the shell's directory
        self.src = b""
        # implicit flows (safety.carried_control): what the conditions the walk is inside read; what makes the
        # rest of the line conditional (`exit` under one, `set -e`); a condition's status while walking it
        self.control = self.halt = self.status = ""
        self.cond = 0
        self.errexit = bool(carried.traps)  # an ERR trap set in an earlier step runs when a check fails
        self.traps: tuple[str, ...] = carried.traps
        self.last: tuple[Any, ...] = ()  # the last simple command, for `$?`
        # the command's own assignments that hand its program private data (`D=$d make`); `NAME=VALUE` keys with no
        # reason for a value that holds `$(` (`X='$(shell cat .env)' make`: make expands it, safety.carried_make)
        self.env: dict[str, str] = {}
        self.exported = set(carried.exported)  # variables exported to the programs the shell runs
        self.waited = carried.waited  # a wait whose length carries private data (safety.carried_sizes)
        self.heredoc = ""  # the text of the here-document the command being walked reads
        self.made = dict(carried.made)  # exported values that hold `$(` (make expands them: safety.carried_make)

    # -- entry --------------------------------------------------------------------------------------

    def run(self, text: str, stdin: str = "") -> str:
        if self.depth > MAX_DEPTH:
            return ""
        saved, self.src = self.src, text.encode()
        self.depth += 1
        try:
            return self.stmt(shelltree.tree(self.src).root_node, stdin)  # the command analysis's tree
        finally:
            self.depth -= 1
            self.src = saved

    def text(self, node: Any) -> str:
        return self.src[node.start_byte:node.end_byte].decode(errors="replace")

    # -- statements: each returns what private data its output carries ("" if none) -----------------

    def stmt(self, node: Any, stdin: str) -> str:
        t = node.type
        self.nodes += 1
        if self.nodes > MAX_NODES:  # `f` calling `g` 30,000 times, each calling `h` …: Guard.review asks
            raise RecursionError("the command runs more shell code than the guard follows")
        if t in _JOINS:  # may not run (a branch, `a && b`), or runs in a subshell: what it clears stays carried
            held, files = dict(self.vars), dict(self.files)
            try:
                return self.step(node, t, stdin)
            finally:
                for k, v in held.items():
                    self.vars.setdefault(k, v)
                for k, v in files.items():
                    self.files.setdefault(k, v)
        return self.step(node, t, stdin)

    def step(self, node: Any, t: str, stdin: str) -> str:
        if t == "command":
            return self.command(node, stdin)
        if t in C.CONTROLLED:
            return C.dispatch(self, node, t, stdin)
        if t == "pipeline":
            return self.stages(node.named_children, stdin)
        if t == "redirected_statement":
            return self.redirected(node, stdin)
        if t == "variable_assignment":
            return self.assign(node)
        if t == "declaration_command":
            head = self.text(node).split()
            exports = head[0] == "export" or any(a.startswith("-") and "x" in a for a in head[1:3])
            for child in node.named_children:
                if child.type == "variable_assignment":
                    self.assign(child)
                if exports and child.type in ("variable_assignment", "variable_name"):  # what child processes see
                    self.exported.add(name := self.text(child).split("=", 1)[0].split("[", 1)[0].rstrip("+"))
                    if (v := child.child_by_field_name("value")) is not None and "$(" in (raw := self.value(v)):
                        self.made[name] = raw  # `export X='$(shell cat .env)'`: make expands it (carried_make)
            return P.dumps(self, self.text(node).split()[0], [self.text(c) for c in node.named_children])
        if t == "unset_command":
            for child in node.named_children:
                self.set_var(self.text(child), "")
            return ""
        if t == "function_definition":
            name, body = node.child_by_field_name("name"), node.child_by_field_name("body")
            if name is not None and body is not None:
                self.functions[self.text(name)] = shelltree.function_code(node, self.text)
            return ""
        if t == "file_redirect":  # `$(< .env)`: the file's text
            dest = node.child_by_field_name("destination")
            return self.file_taint(dest) if dest is not None and "<" in self.text(node)[:3] else ""
        if t in ("command_substitution", "process_substitution", "expansion", "simple_expansion", "string",
                 "concatenation"):
            return self.taint(node)
        out = ""
        for child in node.named_children:  # blocks, if/case, tests: every part runs, with the same input
            if child.type != "comment":
                out = self.stmt(child, stdin) or out
        return out

    def redirected(self, node: Any, stdin: str) -> str:
        body = node.child_by_field_name("body")
        writes: list[tuple[str, bool]] = []
        then: list[Any] = []  # `cat <<EOF | nc …`: tree-sitter hangs the pipeline off the heredoc
        for child in node.children:
            if child.type == "file_redirect":
                op = shelltree.op(child, self.src)  # `<>` (guard35) too
                dest = child.child_by_field_name("destination")
                fd = next((self.text(c) for c in child.children if c.type == "file_descriptor"), "")
                if dest is None:
                    continue
                if op in ("<", "<>") and fd not in ("", "0"):  # `exec 3< .env`: read later with <&3
                    self.fds[fd] = self.file_taint(dest)
                elif op in ("<", "<>"):
                    stdin = self.file_taint(dest)
                elif op == "<&":
                    stdin = self.fd_taint(dest)
                elif op in (">", ">>", ">|", "&>", "&>>") and fd in ("", "1", "&"):
                    writes.append((self.value(dest), op in (">>", "&>>")))
                if op.startswith(">") and (named := self.taint(dest)):  # `> "$d"`: a file named with it
                    self.files[P.NAMES] = named
            elif child.type == "herestring_redirect":
                stdin = self.any_taint(child.named_children)
            elif child.type == "heredoc_redirect":
                heredoc = next((c for c in child.named_children if c.type == "heredoc_body"), None)
                stdin = self.any_taint(heredoc.named_children) if heredoc is not None else ""
                then += [c for c in child.named_children if c.type == "pipeline"]
                if heredoc is not None and body is not None and body.type == "command" and \
                        posixpath.basename(self.text(body).split(maxsplit=1)[0]) in R.SHELLS and "-c" not in \
                        self.text(body):  # `bash <<EOF … $d … EOF`: the shell runs the text (its $d expanded here)
                    self.run(self.text(heredoc))
                self.heredoc = self.text(heredoc) if heredoc is not None else ""  # `make -f - <<'EOF'`
        quiet, self.quiet = self.quiet, self.quiet and not (writes or then)
        try:
            out = self.stmt(body, stdin) if body is not None else stdin
        finally:
            self.quiet, self.heredoc = quiet, ""
        for target, append in writes:
            self.wrote(target, out, append)
        for pipeline in then:
            out = self.stages(pipeline.named_children, out)
        return "" if writes else out

    def stages(self, stages: list[Any], stdin: str) -> str:
        """A pipeline: each stage reads what the one before it printed (all but the last print to the next)."""
        quiet, self.quiet = self.quiet, False
        try:
            for i, stage in enumerate(stages):
                self.quiet = quiet and i == len(stages) - 1
                self.piped = P.echoed(self, stages[i - 1]) if i else None
                stdin = self.stmt(stage, stdin)
        finally:
            self.quiet, self.piped = quiet, None
        return stdin

    def wrote(self, target: str, why: str, append: bool = False) -> None:
        if "$" in target or target.startswith("/dev/"):
            return
        path = self.where(target)
        why = why or C.gate(self)  # written only when a condition on private data held: its text or being there
        if why:
            self.files[path] = why
        elif not append:
            self.files.pop(path, None)

    # -- simple commands ----------------------------------------------------------------------------

    def command(self, node: Any, stdin: str) -> str:
        words: list[Any] = []
        env: dict[str, str] = {}
        for child in node.named_children:
            ct = child.type
            if ct == "variable_assignment":  # `X=$(cat .env) cmd`: kept, as if exported
                self.assign(child)
                name = child.child_by_field_name("name")
                if name is not None and (why := self.vars.get(self.text(name), "")):
                    env[self.text(name)] = why
                elif name is not None and (value := child.child_by_field_name("value")) is not None and \
                        "$(" in (raw := self.value(value)):  # `X='$(shell cat .env)' make`: make expands it
                    env[f"{self.text(name)}={raw}"] = ""
            elif ct == "herestring_redirect":
                stdin = self.any_taint(child.named_children)
            elif ct == "file_redirect":
                stdin = self.redirected_stdin(child, stdin)
            elif ct == "command_name":
                words.append(child.named_children[0] if child.named_child_count else child)
            elif ct != "comment":
                words.append(child)
        if not words:
            return ""
        argv = [self.value(w) for w in words]
        taints = [self.taint(w) for w in words]
        if argv[0] in self.aliases:  # `alias c='curl -s'` (shopt -s expand_aliases): its words come first
            text, why = self.aliases[argv[0]]
            extra = text.split()
            argv, taints, words = extra + argv[1:], [why] * len(extra) + taints[1:], [words[0]] * len(extra) + words[1:]
        prog, fed = posixpath.basename(argv[0]) if argv else "", ""
        coproc = prog == "coproc"
        if prog in S.WAITS:  # `sleep "$n"`, `timeout "$n" curl …`: what follows starts that much later
            S.wait(self, prog, argv, taints)
        while prog in _WRAPPED and len(argv) > 1:  # `timeout 5 curl …`, `xargs curl`, `sudo curl`
            rest = unwrap(prog, argv[1:]) if prog in R.WRAPPERS else skip_options(argv[1:], R.PRIVILEGE_ARG_OPTS)
            if prog in ("xargs", "parallel"):  # what they read becomes the program's arguments
                fed = fed or next((t for a, b in P.pairs(argv) if a in ("-a", "--arg-file", "::::")
                                   and (t := self.path_taint(b))), "") or stdin
            if prog == "env":  # env D=$(cat .env) sh -c '…$D…'
                for a, why in zip(argv[1:], taints[1:], strict=True):
                    if why and re.match(r"[A-Za-z_]\w*=", a):
                        self.set_var(a.split("=", 1)[0], why)
            if not rest or len(rest) >= len(argv):
                break
            cut = len(argv) - len(rest)
            argv, taints, words = rest, taints[cut:], words[cut:]
            prog = posixpath.basename(argv[0])
            if prog in S.WAITS:  # `timeout 9 sleep "$n"`, `nice sleep "$n"`
                S.wait(self, prog, argv, taints)
        if not argv:
            return ""
        quiet, self.quiet = self.quiet, self.quiet and not coproc
        held, self.env = self.env, env
        try:
            out = P.run(self, prog, argv, taints, words, fed, stdin)
        finally:
            self.quiet, self.env = quiet, held
        C.status(self, prog, argv, taints, words, stdin)
        if not out and not self.quiet and (ctl := C.gate(self)):  # `x=$(grep -q A .env && echo 1)`: what it
            out = f"whether a condition on {ctl} held"  # prints says whether it ran
        if coproc:
            self.fds["COPROC"] = out
        return out

    def redirected_stdin(self, child: Any, stdin: str) -> str:
        dest = child.child_by_field_name("destination")
        if dest is not None and self.text(child).startswith("<&"):
            return self.fd_taint(dest)
        if dest is not None and self.text(child).lstrip("0").startswith("<"):
            return self.file_taint(dest)
        return stdin

    def fd_taint(self, dest: Any) -> str:
        """``<&3`` after ``exec 3< .env``; ``<&"${COPROC[0]}"`` after ``coproc cat .env``."""
        fd = self.value(dest)
        return self.fds.get("COPROC", "") if "COPROC" in fd or "$" in fd else self.fds.get(fd, "")

    def assign(self, node: Any) -> str:  # what it prints: nothing
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None:
            return ""
        var = self.text(name).split("[", 1)[0]
        why = self.taint(value) if value is not None else ""
        if not why and (ctl := C.gate(self)):  # `if grep -q A .env; then r=1; fi`: r says whether
            why = f"whether a condition on {ctl} held"
        append = any(c.type == "+=" for c in node.children)
        if var in self.vars and append:
            why = why or self.vars[var]  # x+=… keeps what x held
        held = self.static.get(var, "") if append else ""
        self.set_var(var, why)
        if value is not None and not why:
            N.remember(self, self.text(name), value, held)
        return ""

    def set_var(self, name: str, why: str) -> None:
        self.static.pop(name, None)
        self.made.pop(name, None)
        if why:
            self.vars[name] = why
        else:
            self.vars.pop(name, None)
            self.assigned.add(name)

    def taint(self, node: Any) -> str:
        """What private data a word's value carries."""
        t = node.type
        if t in ("word", "raw_string", "number", "ansi_c_string", "string_content", "heredoc_content"):
            return ""
        if t in ("simple_expansion", "expansion"):
            why = self.var_taint(self.text(node))
            for child in node.named_children:  # ${x:-$(cat .env)}
                if child.type not in ("variable_name", "special_variable_name", "subscript"):
                    why = self.taint(child) or why
            return why
        if t in ("command_substitution", "process_substitution"):
            out, quiet, self.quiet = "", self.quiet, False
            try:
                for child in node.named_children:
                    out = self.stmt(child, "") or out
            finally:
                self.quiet = quiet
            return out
        return self.any_taint(node.named_children)

    def any_taint(self, nodes: list[Any]) -> str:
        out = ""
        for n in nodes:  # every part is evaluated: its substitutions run
            out = self.taint(n) or out
        return out

    def var_taint(self, text: str) -> str:
        m = _NAME.match(text)
        if m is None:
            return ""
        flag, name = m.groups()
        if flag == "!":  # ${!x}: names another variable, any of the environment's (`for v in ${!AWS@}`)
            return next(iter(self.vars.values()), "") or f"${{!{name}}}, a variable named when it runs"
        if flag == "#" and "[" not in text:
            return S.length(self.var_taint("$" + name))  # `${#d}`: a length tells a number (safety.carried_sizes)
        if name in self.vars:
            return self.vars[name]
        if name in ("?", "PIPESTATUS"):  # `grep -q A .env; r=$?`
            return C.last_status(self)
        if name in self.assigned or name in P.STANDARD or name.isdigit() or name in "@*":
            return ""
        if P.SECRET_ENV.search(name):
            return f"the environment's secret ${name}"
        return f"${name}, which may come from {self.sourced}" if self.sourced else ""

    def value(self, node: Any) -> str:
        """A word's text as bash would see it where that is known on the line (``safety.carried_names``)."""
        return N.value(self, node)

    def inner(self, node: Any) -> str:
        """A word as code for ``eval``/``sh -c``: its quotes taken off, its ``$x`` kept (they expand there)."""
        return self.text(node)[1:-1] if node.type in ("string", "raw_string") else self.text(node)

    def file_taint(self, node: Any) -> str:  # `< <(base64 .env)`: what the command prints
        return self.taint(node) if node.type == "process_substitution" else self.path_taint(self.value(node))

    def path_taint(self, word: str) -> str:
        if word.startswith("/proc/") and word.endswith("/environ"):  # /proc/$$/environ too
            return f"the environment ({word})"
        if not word or "$" in word or "`" in word or word.startswith("-") or word in _DEVICES:
            return ""
        if "{" in word and (words := N.braces(word)) != [word]:  # `cat {.env,README.md}`
            return next((why for v in words if (why := self.path_taint(v))), "")
        path = self.where(word)
        if path in self.files:
            return self.files[path]
        if (why := self.seen.get(path)) is None:
            why = self.seen[path] = self.private(path) if not any(c in word for c in "*?[") else next(
                (t for name in P.PRIVATE_NAMES if fnmatch.fnmatchcase(name, posixpath.basename(path))
                 and (t := self.private(posixpath.join(posixpath.dirname(path), name)))), "")
        return why

    def where(self, word: str) -> str:
        return self.resolve(word if word.startswith(("/", "~")) or not self.cwd else posixpath.join(self.cwd, word))
