"""Turn a shell command line into simple commands with a real parser (tree-sitter-bash).

tree-sitter parses in tens of microseconds (bashlex took 0.2–1.5 ms a command here, too slow for a
1 ms review budget) and understands ``[[ ]]``, ``$(( ))``, arrays and ``case``. The output is a flat
list of ``SimpleCommand`` (argv after quote removal and known-variable expansion, redirects, and the
nested commands each argument runs) plus pipelines, which ``safety.commands`` classifies.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety import arith, filewords, lazyre, loopcall, loopglob, paramexp, shelltree, shellwords
from macrohard.safety.argv import moved_to
from macrohard.safety.linecwd import KEEPS_FOLDERS
from macrohard.safety.shellvalues import Notes

MAX_VALUE = 64_000  # characters of a variable's value the walker keeps; a longer one is unknown


@dataclass
class SimpleCommand:
    """One command as bash would run it."""

    argv: list[str]
    redirects: list[tuple[str, str]] = field(default_factory=list)  # (operator, target)
    # Programs run inside $(...), `...`, <(...) anywhere in this command's words, and their texts.
    nested_programs: set[str] = field(default_factory=set)
    dynamic_name: bool = False  # the command name came from a substitution or an unknown variable
    escaped_name: bool = False  # the command name was written with $'\x..' escapes or ${IFS} tricks
    heredoc: str = ""
    cwd: str | None = None  # the directory a `cd` earlier on the line moved to (None: the start dir)
    background: bool = False  # run as a job with `&` (alone, in a list, subshell or pipeline)
    wrappers: set[str] = field(default_factory=set)  # nohup, setsid, env, ... it was run through (set by analysis)
    loop: str = ""  # "start"/"again": the first command of an unrolled loop's passes over its values (safety.loopglob)
    inlined: bool = False  # a function call whose body the walk visited in its place (safety.loopcall)
    # arguments only known when the command runs that may be read as options (safety.spliced.unknown): the word's
    # text -> whether it is unquoted (bash splits it into any number of words) rather than a quoted word that begins
    # with the expansion (one word, which may begin with `-`)
    open_words: dict[str, bool] = field(default_factory=dict)
    # argument words holding an expansion the parse could not resolve (`python3 -c "$X"`), as the parse read them
    expanded: set[str] = field(default_factory=set)
    # rt52: argument words whose every expansion is a value read from a file, or a number: each expansion's text ->
    # (kind, file, the value before, quoted) (safety.filewords)
    from_files: dict[str, dict[str, tuple[str, str, str | None, bool]]] = field(default_factory=dict)
    # guard40: how many of its words (or redirect targets) begin with a quoted or escaped ~ (`"~/x"`, `\~`, `$'\x7e'`):
    # bash makes those a folder named ~, the parse reads them as the home (safety.lookup.quoted_tilde)
    quoted_tilde: int = 0


@dataclass
class Parsed:
    commands: list[SimpleCommand] = field(default_factory=list)
    pipelines: list[list[SimpleCommand]] = field(default_factory=list)
    functions: dict[str, str] = field(default_factory=dict)
    assigned: dict[str, str] = field(default_factory=dict)  # every variable set on the line -> its value
    # every value set on the line's own level, in order (a name set twice is judged twice): assignments, a
    # declaration builtin's word that expands to NAME=VALUE (`export "$v=…"`), `for NAME in …`, `${NAME:=…}`; not
    # those in a function's body, which run where it is called (safety.shellstate)
    assignments: list[tuple[str, str]] = field(default_factory=list)
    # unquoted globs bash lists in the workspace: (the word, the cwd a `cd` on the line moved to, a loop's word)
    globs: list[tuple[str, str | None, bool]] = field(default_factory=list)
    arith: Notes = field(default_factory=Notes)  # what is read as a number, and from where (safety.arith)
    in_bodies: set[int] = field(default_factory=set)  # ids of the commands of function bodies, walked where defined
    # folders a `cd` whose failure does not stop the rest of the line moved to (`cd a; sh s.sh`: bash stays where it
    # was if a is not a folder): the commands after it are judged there only where it is one (safety.commands)
    # each `cd`/`pushd` to a known folder: the folder, how many commands come before it, whether its failure stops the
    # line (safety.commands._failed_cds)
    cd_unsure: list[tuple[str, int, bool]] = field(default_factory=list)
    end_cwd: str | None = None  # where the line's `cd`s leave the shell, as bash's $PWD reads it (None: no `cd`)
    error: bool = False
    quoted_tilde: int = 0  # words of the whole line that begin with a quoted or escaped ~ (SimpleCommand.quoted_tilde)


_TILDE_QUOTES = frozenset({"word", "string", "raw_string", "ansi_c_string"})
_VAR = lazyre.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")
_DQ_ESCAPE = lazyre.compile(r'\\([$`"\\\n])')
_TAIL_NAME = lazyre.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)$")  # a value ending in `$NAME`
_HEAD_CHAR = lazyre.compile(r"[A-Za-z0-9_]")  # a part that would run on into that name
_DEFAULT_SET = lazyre.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?=(.*)\}$", re.S)
_NAME_VALUE = lazyre.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


class _Walker:
    def __init__(self, source: bytes, variables: dict[str, str], loops: loopglob.LoopGlobs | None = None) -> None:
        self.src = source
        self.vars = dict(variables)
        self.arrays: dict[str, list[str]] = {}  # arrays whose elements are known (safety.shellwords)
        self.sources: dict[str, filewords.Source] = {}  # names whose values a file gives (safety.filewords)
        # the file `< F` gives a statement (`read o < F`; a `while read …; done < F` loop's read), whether a loop's
        self.loop_input: tuple[str | None, bool] = (None, False)
        self.loops = loops  # lists a loop's values from the disk (safety.loopglob); None: loop variables stay unknown
        self.bound: dict[str, str] = {}  # the loop variable being unrolled -> its value in this pass over the body
        self.loop_words: dict[str, list[str]] = {}  # a loop not unrolled over plain words: its variable -> the words
        self.used = 0  # double-quoted expansions of it replaced so far
        self.out = Parsed()
        self.cwd: str | None = None
        self.dirs: list[str | None] = []  # pushd's stack
        self.dyn_vars: dict[str, set[str]] = {}
        self.in_function = 0  # how deep in function bodies the walk is
        self.pass_vars: set[str] = set()  # names a pass over an unrolled loop's body set from its value (safety.loopglob)
        self.start: str | None = None  # the folder the line starts in, when the guard knows it (real_folder)
        # words after a redirect's target (`echo > a.txt 'sh run.sh'`): tree-sitter makes them more targets of the
        # redirect, bash arguments of the command (guard35: the walk dropped them, `sh < a.txt run.sh` ran run.sh)
        self.spilled: list[str] = []

    def text(self, node: Any) -> str:
        return self.src[node.start_byte:node.end_byte].decode(errors="replace")

    # -- words ---------------------------------------------------------------------------------

    def word(self, node: Any, nested: set[str]) -> tuple[str, bool]:
        """The value of a word after quote removal; ``True`` when part of it is not known before running."""
        t = node.type
        if t in _TILDE_QUOTES and self._quoted_tilde(node):
            self.out.quoted_tilde += 1
        if t == "word" and (m := _DIR_TILDE.match(self.text(node))):  # guard30: `sh ~-/s.sh` ran $OLDPWD/s.sh
            return "$" + ("OLDPWD" if m.group(1).startswith("-") else "DIRSTACK") + m.group(2).replace("\\", ""), True
        if t in ("word", "number", "test_operator", "regex", "extglob_pattern"):
            return self.text(node).replace("\\", "") if t == "word" else self.text(node), False
        if t == "raw_string":
            return self.text(node)[1:-1], False
        if t == "ansi_c_string":
            try:
                return codecs.decode(self.text(node)[2:-1], "unicode_escape"), False
            except UnicodeDecodeError:
                return self.text(node)[2:-1], True
        if t in ("string", "concatenation", "translated_string"):
            parts, dynamic = [], False
            end = None
            tail_dynamic = False  # whether the last part came from an expansion (its `$NAME` may end it)
            for child in node.children:
                if t == "string" and end is not None and child.start_byte > end:
                    # tree-sitter leaves a line break inside "..." out of every child: the text between two children
                    # is the string's too (guard23: `bash -c "true #<newline>sh run.sh"` was judged as `true #sh
                    # run.sh`, the payload commented out, and ran)
                    parts.append(self.src[end:child.start_byte].decode(errors="replace"))
                end = child.end_byte
                if child.type == '"':
                    continue
                if child.type == "string_content":  # inside "...": bash drops the backslash before $ ` " \ newline
                    parts.append(_DQ_ESCAPE.sub(lambda m: "" if m.group(1) == "\n" else m.group(1), self.text(child)))
                    tail_dynamic = False
                    continue
                if t == "string" and self.bound and (known := self.bound_value(child, nested)) is not None:
                    parts.append(known)
                    tail_dynamic = False
                    continue
                value, dyn = self.word(child, nested)
                if tail_dynamic and parts and _TAIL_NAME.search(parts[-1]) and _HEAD_CHAR.match(value):
                    # the lead (55th wave): `host "$T"x.example.com` joined to `$Tx.example.com`, another variable's
                    # name: the data file's text in T went out in a DNS name, approved. Braced, the name stays T's.
                    parts[-1] = _TAIL_NAME.sub(r"${\1}", parts[-1])
                parts.append(value)
                dynamic = dynamic or dyn
                tail_dynamic = dyn
            return "".join(parts), dynamic
        if t in ("simple_expansion", "expansion"):
            arith.expansion(self, node)
            raw = self.text(node)
            m = _VAR.fullmatch(raw)
            if m and m.group(1) in self.vars and not (self.vars.get("IFS") and node.parent is not None and
                                                       node.parent.type != "string"):
                return self.vars[m.group(1)], False  # unquoted with IFS set (`IFS=_; T=a_.bashrc; cp $T`): split
            if m and m.group(1) == "HOME":
                return "~", False
            if m and m.group(1) in self.dyn_vars:
                nested |= self.dyn_vars[m.group(1)]
            if d := _DEFAULT_SET.match(raw):  # ${NAME:=VALUE} sets NAME when it is empty
                self.assigned_here(d.group(1), d.group(2))
                self.defaulted(d.group(1), d.group(2), raw.startswith("${" + d.group(1) + ":="))
                arith.source(self, d.group(1), arith.refs(d.group(2)))
            for child in node.children:  # ${x:-$(cmd)} still runs cmd
                self.visit(child, nested)
            return raw, True
        if t in ("command_substitution", "process_substitution"):
            inner: set[str] = set()
            first = len(self.out.commands)
            with self.own_shell():  # a `cd` in `$(…)` moves that shell only
                for child in node.children:
                    self.visit(child, inner)
            if self.text(node).startswith(">(") and len(self.out.commands) > first:
                # `tee >(sh)`: the first command inside reads what the outer one writes (guard20: sh ran it unread)
                self.out.commands[first].redirects.append(("<", "<(the output of the command around it)"))
            nested |= inner
            nested.add("$(" + ",".join(sorted(inner)) + ")")
            return self.text(node), True
        if t == "arithmetic_expansion":
            arith.sink(self, node, "$(( ))")
            for child in node.children:  # $(( $(cmd) + 1 )) still runs cmd
                self.visit(child, nested)
            return self.text(node), True
        # Anything else: visit it for nested commands and keep its text.
        for child in node.children:
            self.visit(child, nested)
        return self.text(node), True

    def _quoted_tilde(self, node: Any) -> bool:
        """A word of its own (or the first part of one) that begins with a ``~`` bash does not expand."""
        parent = node.parent
        if parent is not None and parent.type == "concatenation":
            if parent.children[0] is not node and parent.children[0].start_byte != node.start_byte:
                return False
            parent = parent.parent
        if parent is not None and parent.type in ("string", "concatenation"):
            return False
        text = self.text(node)
        if node.type == "word":
            return text.startswith("\\~")
        if node.type in ("string", "raw_string"):
            return text[1:2] == "~"
        if node.type == "ansi_c_string":
            try:
                return codecs.decode(text[2:-1], "unicode_escape").startswith("~")
            except UnicodeDecodeError:
                return False
        return False

    def bound_value(self, node: Any, nested: set[str]) -> str | None:
        """``"$f"``, ``"${f%.JPG}"``, ``"$(basename "$f")"`` where a loop bound ``f``: its value (safety.loopglob)."""
        if node.type in ("simple_expansion", "expansion"):
            value = paramexp.expand(self.text(node), self.bound)
        elif node.type == "command_substitution" and (value := paramexp.command_value(self.text(node), self.bound)):
            self.word(node, nested)  # the basename still runs (and is judged)
        else:
            return None
        self.used += value is not None
        return value

    # -- statements ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def own_shell(self, moved: str | None = None):
        """A part of the line bash runs in a shell of its own (``( … )``, ``$( … )``, a job, a pipeline's stage): a
        ``cd`` there leaves the line's folder as it was (guard30: ``(cd a); sh s.sh`` was judged in a/ and ran
        ./s.sh unread). ``moved``: where the line is after it if the part moved, when that is not known (a
        function's body runs where it is called, not where it is defined)."""
        cwd, dirs = self.cwd, list(self.dirs)
        try:
            yield
        finally:
            changed = (self.cwd, self.dirs) != (cwd, dirs)
            self.cwd, self.dirs = (moved, []) if changed and moved else (cwd, dirs)

    def visit(self, node: Any, nested: set[str] | None = None) -> list[SimpleCommand]:
        """Walk a statement; return the simple commands it runs at its own level (for pipelines)."""
        t = node.type
        if t == "subshell":
            with self.own_shell():
                return self._visit(node, nested)
        if t == "pipeline" and len(node.named_children) > 1:  # with `shopt -s lastpipe` its last stage is the shell's
            with self.own_shell("$PIPELINE_CD"):
                return self._visit(node, nested)
        if t == "function_definition":
            with self.own_shell("$FUNCTION_CD"):
                return self._visit(node, nested)
        return self._visit(node, nested)

    def _visit(self, node: Any, nested: set[str] | None = None) -> list[SimpleCommand]:
        t = node.type
        if node.is_error or node.is_missing:
            self.out.error = True
        if t == "command":
            cmd = self.command(node, [], nested)
            body = loopcall.inline_body(self, node, cmd)  # guard19: a loop in a function, called here
            if body is not None:
                self.out.commands.remove(cmd)  # recorded again after the body it stands for
                walked, cmd.inlined = loopcall.walk(self, body), True
                self.out.commands.append(cmd)
                return [*walked, cmd]
            return [cmd]
        if t == "redirected_statement":
            body = node.child_by_field_name("body")
            looped, self.loop_input = self.loop_input, filewords.loop_input(self, node)
            try:
                cmds = self.visit(body, nested) if body is not None else [self.record(SimpleCommand(argv=[]), nested)]
            finally:
                filewords.loop_done(self, self.loop_input[0]) if self.loop_input[1] else None
                self.loop_input = looped
            spilled, self.spilled = self.spilled, []
            redirects, heredoc = self.redirects(node, nested)
            spilled, self.spilled = self.spilled, spilled
            if spilled:
                if body is not None and body.type == "command" and cmds and cmds[-1].argv and \
                        cmds[-1].argv[0] not in _STATEFUL:
                    cmds[-1].argv += spilled
                else:  # a `cd`, a builtin that sets names, a compound: its words were read without them
                    self.out.error = True
            if cmds:
                cmds[-1].redirects += redirects
                cmds[-1].heredoc += heredoc
            # tree-sitter hangs `cat <<EOF | bash` off the heredoc: the pipeline continues there.
            for child in node.children:
                if child.type != "heredoc_redirect":
                    continue
                for stmt in child.named_children:
                    if stmt.type == "pipeline":
                        stages = [s for c in stmt.named_children for s in self.visit(c, nested)[-1:]]
                        self.out.pipelines.append(cmds[-1:] + stages)
                        cmds = cmds + stages
                    elif stmt.type not in ("heredoc_start", "heredoc_body", "heredoc_end", "file_redirect",
                                           "heredoc_content", "simple_expansion", "expansion",
                                           "command_substitution"):
                        cmds = cmds + self.visit(stmt, nested)
            return cmds
        if t == "pipeline":
            stages = []
            for child in node.named_children:
                stage = self.visit(child, nested)
                if stage:
                    stages.append(stage[-1])
            self.out.pipelines.append(stages)
            return stages
        if t == "variable_assignment":
            self.assign(node, nested)
            return []
        if t in ("declaration_command", "unset_command"):
            # export/declare/local/readonly/unset: a command whose arguments are assignments and names
            arith.declaration(self, node) if t == "declaration_command" else arith.command(self, node, ["unset"])
            argv, own = [], set()
            for child in node.children:
                if not child.is_named:
                    argv.append(self.text(child))
                elif child.type == "variable_assignment":
                    self.assign(child, own)
                    argv.append(self.text(child))
                elif child.type == "variable_name":
                    argv.append(self.text(child))
                else:
                    argv.append(self.word(child, own)[0])
                    if t != "unset_command" and (m := _NAME_VALUE.match(argv[-1])):  # export "$v=…", v known
                        self.assigned_here(m.group(1), "$?" if re.search(r"[*?\[]", m.group(2)) else m.group(2))
            cmd = SimpleCommand(argv=argv, nested_programs=own)
            if nested is not None:
                nested |= own
            return [self.record(cmd, None)]
        if t == "function_definition":
            name = node.child_by_field_name("name")
            body = node.child_by_field_name("body")
            if name is not None and body is not None:
                self.out.functions[self.text(name)] = shelltree.function_code(node, self.text)
            self.in_function += 1
            first = len(self.out.commands)
            try:
                cmds = self.statements(node, nested)
                # `f() { …; } > FILE`: the definition's own redirect applies to the body at every call
                redirects, heredoc = self.redirects(node, nested)
                if redirects or heredoc:
                    for cmd in self.out.commands[first:] or [self.record(SimpleCommand(argv=[]), nested)]:
                        cmd.redirects += redirects
                        cmd.heredoc += heredoc
                return cmds
            finally:
                self.in_function -= 1
                self.out.in_bodies.update(id(c) for c in self.out.commands[first:])  # defined, not run, here
        if t in ("for_statement", "select_statement") and (var := node.child_by_field_name("variable")) is not None:
            first = len(self.out.commands)  # the words' own $(…) are recorded where the walk reaches them below
            words = [self.word(v, set())[0] for v in node.children_by_field_name("value")]
            self.out.globs += [(self.text(v), self.cwd, True) for v in node.children_by_field_name("value")
                               if v.type == "word"]
            words = ["$?" if re.search(r"[*?\[{]", w) else w for w in words]  # bash expands globs and braces here
            del self.out.commands[first:]
            self.assigned_here(self.text(var), ":".join(words) if words else "$@")
            filewords.looped(self, self.text(var), node.children_by_field_name("value"))
            arith.loop_values(self, node, self.text(var))
            self.vars.pop(self.text(var), None)
            if t == "for_statement" and (unrolled := loopglob.unroll(self, node, self.text(var), first)) is not None:
                return unrolled
            if t == "for_statement" and (plain := self.plain_loop(node, self.text(var))) is not None:
                self.loop_words[self.text(var)] = plain  # spliced.unknown: `git commit -qam c$i` over `2 3 4 5`
                try:
                    return self.statements(node, nested)
                finally:
                    self.loop_words.pop(self.text(var), None)
        if t == "ERROR":
            self.out.error = True
        arith.statement(self, node)  # (( )), for (( )), [[ ]]
        return self.statements(node, nested)

    def plain_loop(self, node: Any, var: str) -> list[str] | None:
        """``for i in 2 3 4 5``: the words when each is one plain word that is not an option (no glob, brace,
        expansion or quote) and the body never sets the variable (``loopglob.body_binds``); else None."""
        values = node.children_by_field_name("value")
        body = node.child_by_field_name("body")
        words = [self.text(v) for v in values]
        if not values or body is None or any(v.type not in ("word", "number") for v in values) or not all(
                _PLAIN_WORD.fullmatch(w) for w in words) or var in self.bound:
            return None
        functions = (self.loops.functions if self.loops is not None else set()) | set(self.out.functions)
        return words if loopglob.body_binds(var, self.text(body), functions) else None

    def statements(self, node: Any, nested: set[str] | None) -> list[SimpleCommand]:
        cmds: list[SimpleCommand] = []
        children = node.children
        for i, child in enumerate(children):
            if not child.is_named:
                continue
            first = len(self.out.commands)
            job = i + 1 < len(children) and children[i + 1].type == "&"
            with self.own_shell() if job else contextlib.nullcontext():
                cmds += self.visit(child, nested)
            if job:  # `job &`: everything in it runs on
                for c in self.out.commands[first:]:
                    c.background = True
        return cmds

    def assign(self, node: Any, nested: set[str] | None) -> None:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None:
            return
        if name.type == "subscript":  # a[$(cmd)]=1 runs cmd
            self.visit(name, nested)
        shellwords.assigned(self, node, name, value)
        arith.assigned(self, node, name, value)
        filewords.assigned(self, self.text(name).split("[", 1)[0], self.text(value) if value is not None and name.type != "subscript"
                           else None)
        if value is None:
            self.vars[self.text(name)] = ""
            self.out.assigned[self.text(name)] = ""
            self.assigned_here(self.text(name), "")
            return
        scratch: set[str] = set()
        used = self.used
        val, dynamic = self.word(value, scratch)
        in_pass = False
        if self.bound and value.type in ("command_substitution", "simple_expansion", "expansion") and \
                (bound := self.bound_value(value, scratch)) is not None:  # `n=$(basename "$f" .txt)` in a loop
            val, dynamic = bound, False
        if self.used != used:  # `g="$f.bak"`: a later unquoted $g is split and globbed again; keep it unknown
            # unless it is one plain word (splitting and globbing leave it as it is): known for the rest of this
            # pass over the loop's body only (guard27: `n=$(basename "$f" .txt); cp "$f" "out/$n.md"` was asked)
            in_pass = bool(self.bound) and not dynamic and self.text(name) not in self.bound and \
                _PLAIN_WORD.fullmatch(val) is not None
            if not in_pass:
                val, dynamic = self.text(value), True
        elif len(val) > MAX_VALUE:  # `x=$x$x$x$x` again and again: a value that grows without end is unknown
            val, dynamic = self.text(value), True
        if value.type != "array" and name.type != "subscript" and \
                self.text(node)[len(self.text(name)):].startswith("+="):  # rt52: `o=-d@notes.tx; o+=t` is
            old = self.vars.get(self.text(name))  # `-d@notes.txt`, not `t` (the walk kept the appended part alone)
            val, dynamic, in_pass = (old + val, dynamic, in_pass) if old is not None and not dynamic else \
                (self.text(value), True, False)
        if nested is not None:
            nested |= scratch
        if in_pass:
            self.pass_vars.add(self.text(name))
            self.vars[self.text(name)] = val
            self.out.assigned[self.text(name)] = self.text(value)
            self.assigned_here(self.text(name), self.text(value))
            return
        self.pass_vars.discard(self.text(name))
        self.out.assigned[self.text(name)] = val
        self.assigned_here(self.text(name), val)
        if not dynamic:
            self.vars[self.text(name)] = val
        else:
            self.vars.pop(self.text(name), None)
            # Remember what produced it: `x=$(echo … | base64 -d); $x` runs decoded text.
            self.dyn_vars[self.text(name)] = set(scratch)

    def defaulted(self, name: str, default: str, when_empty: bool) -> None:
        """``${NAME:=VALUE}`` (when empty or unset) and ``${NAME=VALUE}`` (when unset) set NAME (rt52: `o=; :
        ${o:=-Tnotes.txt}; curl -s $o URL` was judged as curl with the empty value the walk kept)."""
        self.sources.pop(name, None)  # a value read from a file may be the empty one replaced
        if name in self.vars and not (when_empty and self.vars[name] == ""):
            return  # set (and not empty): left as it is
        if name in self.vars and not re.search(r"[$`'\"\\]", default):
            self.vars[name] = default
            self.out.assigned[name] = default
        else:
            self.vars.pop(name, None)
            self.out.assigned[name] = "$" + name

    def assigned_here(self, name: str, value: str) -> None:
        if not self.in_function:
            self.out.assignments.append((name, value))

    def redirects(self, node: Any, nested: set[str] | None) -> tuple[list[tuple[str, str]], str]:
        out, heredoc = [], ""
        scratch: set[str] = set() if nested is None else nested
        for child in node.children:
            if child.type == "file_redirect":
                out += self.file_redirect(child, scratch)
            elif child.type == "herestring_redirect":
                for c in child.named_children:
                    out.append(("<<<", self.word(c, scratch)[0]))
            elif child.type == "heredoc_redirect":
                body = next((c for c in child.named_children if c.type == "heredoc_body"), None)
                heredoc += self.text(body) if body is not None else ""
                if body is not None:  # an unquoted heredoc runs the $(...) in its body
                    for part in body.named_children:
                        self.visit(part, scratch)
                    start = next((c for c in child.named_children if c.type == "heredoc_start"), None)
                    if start is not None and not re.search(r"['\"\\]", self.text(start)):
                        self.backquotes(self.text(body), scratch)
                for c in child.named_children:
                    if c.type == "file_redirect":
                        out += self.file_redirect(c, scratch)
        return out, heredoc

    def file_redirect(self, child: Any, nested: set[str]) -> list[tuple[str, str]]:
        """A ``file_redirect``'s (operator, target) pairs. ``[n]<> word`` (guard35) opens the file to read and write,
        created if missing and not truncated: it is a ``>>`` write (every write check), a ``<`` read where it is the
        input (no ``n``, or 0: ``sh 0<> s.sh`` runs s.sh), and a ``<>`` before the ``>>``, which tells the write checks the
        file's old text stays past the new one's end (``safety.rewrites``: a script's head replaced, its tail run)."""
        op = shelltree.op(child, self.src) or ">"
        dest = child.child_by_field_name("destination")
        if dest is None:
            return []
        target = self.word(dest, nested)[0]
        self.spilled += [self.word(d, nested)[0] for d in child.children_by_field_name("destination")[1:]]
        if op != "<>":
            return [(op, target)]
        fd = next((self.text(c) for c in child.children if c.type == "file_descriptor"), "")
        return ([("<", target)] if fd in ("", "0") else []) + [("<>", target), (">>", target)]

    def backquotes(self, body: str, nested: set[str]) -> None:
        """An unquoted heredoc's `...`: bash runs them as it runs $(...) there, but tree-sitter leaves them as text
        (guard27: ``cat > notes.txt <<EOF`` with ```sh run.sh``` in its body ran unread)."""
        for m in re.finditer(r"(?<!\\)`((?:[^`\\]|\\.)*)`", body, re.S):
            code = re.sub(r"\\([$`\\])", r"\1", m.group(1))
            sub = _Walker(code.encode(), self.vars)
            sub.out, sub.cwd, sub.in_function = self.out, self.cwd, self.in_function
            inner: set[str] = set()
            tree = shelltree.tree(sub.src)
            sub.visit(tree.root_node, inner)
            self.out.error = self.out.error or tree.root_node.has_error
            nested |= inner
            nested.add("$(" + ",".join(sorted(inner)) + ")")

    def command(self, node: Any, extra_redirects: list[tuple[str, str]], nested: set[str] | None) -> SimpleCommand:
        own: set[str] = set()
        argv: list[str] = []
        cmd = SimpleCommand(argv=argv, redirects=list(extra_redirects))
        tildes = self.out.quoted_tilde
        ended = False  # an argument `--` was met
        for child in node.children:
            if child.type == "variable_assignment":
                self.assign(child, own)
            elif child.type == "command_name":
                inner = child.named_children[0] if child.named_children else child
                before = set(own)
                value, dynamic = self.word(inner, own)
                raw = self.text(inner)
                cmd.dynamic_name = dynamic or "$" in raw and own != before
                cmd.escaped_name = inner.type == "ansi_c_string" or "IFS" in raw or (
                    "$" in raw and not dynamic and inner.type != "word")
                argv.append(value)
            elif child.type == "file_redirect" or child.type == "herestring_redirect":
                spilled, self.spilled = self.spilled, []
                ops, _ = self.redirects_of(child, own)
                spilled, self.spilled = self.spilled, spilled
                cmd.redirects += ops
                argv += spilled
            elif child.type == "number" and _descriptor(node, child):
                continue  # `sh 0< s.sh`: tree-sitter reads the `0` as an argument, bash as the redirect's descriptor
            elif child.is_named and child.type not in ("comment",):
                if child.type == "word" and not ended and re.search(r"[*?\[]", self.text(child)):
                    self.out.globs.append((self.text(child), self.cwd, False))
                if (split := shellwords.words_of(self, child)) is not None:  # `curl $a`, `"${a[@]:1}"`
                    argv += split
                    ended = ended or "--" in split
                    continue
                used = self.used
                inner: set[str] = set()
                value, dynamic = self.word(child, inner)
                own |= inner
                if dynamic:
                    cmd.expanded.add(value)
                if dynamic and (sources := filewords.word_sources(self, child, inner)) is not None:
                    cmd.from_files[value] = sources
                if dynamic and (opening := _opening(child, inner, {**self.loop_words, **{k: [v] for k, v in self.bound.items()}}, self.text)) is not None:
                    cmd.open_words[value] = opening
                if self.used != used and value.startswith(("-", "+", "@")) and self.loops is not None:
                    value = self.loops.option(value, self.text(child))  # a file named like an option (safety.loopglob)
                ended = ended or value == "--"  # after `--` a word is an operand, not a glob option
                argv.append(value)
        cmd.nested_programs = own
        cmd.quoted_tilde = self.out.quoted_tilde - tildes
        if nested is not None:
            nested |= own
            if argv:
                nested.add(argv[0].rsplit("/", 1)[-1])
        shellwords.builtin_sets(self, cmd)  # read -a, mapfile, printf -v
        if argv and argv[0] in _SETS_ITS_OWN:  # guard30: `REPLY=out.txt; read < n.txt; cp evil.txt "$REPLY"` wrote
            for name in _SETS_ITS_OWN[argv[0]]:  # what read gave REPLY, not the literal before it
                if name in self.vars:
                    self.vars.pop(name)
                    self.out.assigned[name] = "$" + name
        mover = argv[1:] if argv[:1] in (["command"], ["builtin"]) and argv[1:2] in (["cd"], ["pushd"], ["popd"]) \
            else argv  # guard30: `command cd a; sh s.sh` ran a/s.sh
        if mover and mover[0] in ("cd", "pushd", "popd"):
            argv = mover
            self.cwd = moved_to(argv, self.cwd, self.dirs, self.real_folder)
            if self.cwd and "$" not in self.cwd and argv[0] != "popd":
                self.out.cd_unsure.append((self.cwd, len(self.out.commands), _stops_if_failed(node)))
        arith.command(self, node, argv)
        return self.record(cmd, None)

    def real_folder(self, rel: str) -> bool:
        """Whether ``rel`` from where the line is now is a folder through no link, and no program before it on the
        line may remove, move or relink it (``rm -r sub && ln -s /etc sub && cd -P sub && cd ..`` is /): there
        ``cd -P`` is ``cd`` (stop 44: ``cd -P sub && rm -rf build`` was held as unknown)."""
        if not self.start or not self.start.startswith("/") or "$" in self.start + rel or rel.startswith("~") or \
                (self.cwd and self.cwd[0] == "~"):
            return False
        if any(c.argv and c.argv[0] not in KEEPS_FOLDERS for c in self.out.commands):
            return False
        base = posixpath.join(self.start, self.cwd or "")
        folder = posixpath.normpath(posixpath.join(base, rel))
        return os.path.isdir(folder) and os.path.realpath(folder) == folder

    def redirects_of(self, child: Any, nested: set[str]) -> tuple[list[tuple[str, str]], str]:
        out: list[tuple[str, str]] = []
        if child.type == "file_redirect":
            out += self.file_redirect(child, nested)
        else:
            for c in child.named_children:
                out.append(("<<<", self.word(c, nested)[0]))
        return out, ""

    def record(self, cmd: SimpleCommand, nested: set[str] | None) -> SimpleCommand:
        cmd.cwd = self.cwd if not (cmd.argv and cmd.argv[0] == "cd") else cmd.cwd
        self.out.commands.append(cmd)
        return cmd


# `~-`, `~+`, `~2`, `~-1`: $OLDPWD, $PWD and the directory stack's entries
_DIR_TILDE = lazyre.compile(r"~([-+]\d*|\d+)(/.*|$)", re.S)
# builtins that set a name of bash's own (whether or not they also set the names they are given)
_SETS_ITS_OWN = {"read": ("REPLY",), "mapfile": ("MAPFILE",), "readarray": ("MAPFILE",), "getopts": ("OPTARG", "OPTIND"),
                 "select": ("REPLY",)}


# builtins whose words the walk reads as it meets the command (a folder, names set): words spilled past a redirect
# on them make the line one the walk did not read
_STATEFUL = frozenset({"cd", "pushd", "popd", "exec", "eval", "source", ".", "set", "shopt", "alias", "declare",
                       "typeset", "local", "export", "readonly", "unset", "trap", "enable", "hash", "read", "mapfile",
                       "readarray", "printf", "wait", "getopts", "let", "builtin", "command", "bind", "complete"})


def _descriptor(node: Any, number: Any) -> bool:
    """Whether ``number``, an argument of the command ``node``, is the descriptor of a redirect right after it
    (guard35: tree-sitter-bash reads `sh 0< s.sh`, `sh 0<> s.sh`, `cat 0> f` as the argument `0` and a redirect, so
    ``sh 0< s.sh`` ran s.sh as `sh 0`, a script the guard found no file for)."""
    after = number.next_sibling
    if after is None and node.parent is not None and node.parent.type == "redirected_statement" and \
            node.parent.child_by_field_name("body") == node:
        after = node.next_sibling
    return after is not None and after.start_byte == number.end_byte and \
        after.type in ("file_redirect", "herestring_redirect", "heredoc_redirect")


def _stops_if_failed(node: Any) -> bool:
    """Whether a command's failure stops the rest of its line: it is (the end of) the left side of an ``&&``."""
    cur = node
    while cur.parent is not None:
        parent = cur.parent
        if parent.type == "redirected_statement":
            cur = parent
            continue
        if parent.type != "list" or len(parent.children) != 3:
            return False
        if parent.children[0] == cur:
            return parent.children[1].type == "&&" and not _or_after(parent)
        cur = parent  # the right side of a list: what follows the list follows it
    return False


def _or_after(node: Any) -> bool:
    """Whether a failure in ``node`` reaches an ``||`` that runs more (guard30: ``cd a && : || sh s.sh``)."""
    cur = node
    while cur.parent is not None and cur.parent.type in ("list", "redirected_statement"):
        parent = cur.parent
        if parent.type == "list" and len(parent.children) == 3 and parent.children[0] == cur and \
                parent.children[1].type == "||":
            return True
        cur = parent
    return False


_EXPANSIONS = ("simple_expansion", "expansion", "command_substitution")
# programs whose output, spliced into a command line, is a number, a date or a name of this machine: never an option
_PLAIN_WORD = lazyre.compile(r"[\w.,:@%+=/][\w.,:@%+=/-]*")  # one word that is not an option
_PLAIN_OUTPUT = frozenset({"date", "nproc", "pwd", "whoami", "id", "uname", "hostname", "getconf", "wc", "seq"})


def _opening(node: Any, inner: set[str], bound: dict[str, list[str]], text: Any) -> bool | None:
    """A dynamic word that may be read as options: True when bash splits it (an unquoted expansion anywhere in it),
    False when it is one word that begins with an expansion (``"$x"``, ``"$(cat f)"…``), None otherwise (it begins
    with plain text and is quoted, or all it splices is the output of `date`, `nproc` and the like: ``-j$(nproc)``,
    or the values an unrolled loop gives its variable, each one plain word: ``for i in 2 3; do git commit -m c$i``)."""
    kids = node.children if node.type == "concatenation" else [node]
    programs = {p for p in inner if not p.startswith("$(")}
    expansions = [k for k in _walk(node) if k.type in ("simple_expansion", "expansion")]
    if not expansions and programs and programs <= _PLAIN_OUTPUT:
        return None
    if expansions and not programs and bound and all(_plain_values(text(k), bound) for k in expansions):
        return None
    if any(k.type in _EXPANSIONS for k in kids):
        return True
    first = kids[0]
    if first.type == "string":
        parts = [k for k in first.children if k.type != '"']
        return False if parts and parts[0].type in _EXPANSIONS else None
    return None


def _plain_values(expansion: str, bound: dict[str, list[str]]) -> bool:
    """Whether ``$i``/``${i…}`` is one plain word that is not an option for every value the loop gives ``i``."""
    m = _VAR_NAME.match(expansion)
    values = bound.get(m.group(1), []) if m else []
    return bool(values) and all((v := paramexp.expand(expansion, {m.group(1): value})) is not None and
                                bool(_PLAIN_WORD.fullmatch(v)) for value in values)


_VAR_NAME = lazyre.compile(r"\$\{?([A-Za-z_]\w*)")


def _walk(node: Any):
    """The node and every node below it, outside command substitutions (whose own variables are not spliced)."""
    yield node
    if node.type != "command_substitution":
        for k in node.children:
            yield from _walk(k)


def parse(command: str, variables: dict[str, str] | None = None, loops: loopglob.LoopGlobs | None = None,
          start: str | None = None) -> Parsed:
    """Parse a command line into the simple commands it runs (nested ones included); ``loops``: unroll loops over
    workspace files (safety.loopglob); ``start``: the folder the line starts in, to look at what ``cd -P`` meets."""
    source = command.encode()
    tree = shelltree.tree(source)
    walker = _Walker(source, variables or {}, loops)
    walker.start = start
    walker.visit(tree.root_node)
    walker.out.end_cwd = walker.cwd
    walker.out.error = walker.out.error or tree.root_node.has_error
    return walker.out
