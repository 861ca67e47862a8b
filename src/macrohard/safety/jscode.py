"""Process calls and built code in node, perl, ruby and php code: literal, or only known when it runs.

``rules_data.CODE_SHELL_CALL`` reads ``execSync('…')`` and ``system("…")`` when the command is one string
literal. ``const c = 'touch x; cu' + 'rl …'; execSync(c)``, ``system($c)``, ``spawnSync('sh', ['-c', c])`` or
``eval(a + b)`` carry a command or code past it. There is no parser for these languages here, so this module
reads each such call's argument list (to its closing parenthesis): made only of string literals, arrays of them
and option objects, it is the command, judged as a command line; anything else (a name, a concatenation, an
interpolation) is only known when the code runs and is ``dynamic``. ``require('./x')`` and ``import … from
'./x'`` load workspace files: those are judged as the same language.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shlex
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, rewrites, runners
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

_SPAWN = {
    "js": lazyre.compile(r"\b(?:execSync|execFileSync|execFile|spawnSync|spawn|fork|exec|Bun\.spawnSync|Bun\.spawn|"
                     r"Deno\.run|new\s+Deno\.Command)\s*\("),
    "perl": lazyre.compile(r"\b(?:system|exec|qx|readpipe|open3|open2)\s*\(|\bopen\s*\(\s*(?:my\s+)?\$?\w+\s*,\s*['\"][-|]"),
    "ruby": lazyre.compile(r"\b(?:system|exec|spawn|IO\.popen|Open3\.\w+|Kernel\.system|Process\.spawn)\s*\("),
    "php": lazyre.compile(r"\b(?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)\s*\("),
}
_EVAL = {
    "js": lazyre.compile(r"\b(?:eval|Function|runInThisContext|runInNewContext|runInContext|compileFunction)\s*\("),
    "perl": lazyre.compile(r"\beval\s*\("),
    "ruby": lazyre.compile(r"\b(?:eval|instance_eval|class_eval|module_eval)\s*\("),
    "php": lazyre.compile(r"\b(?:eval|assert|create_function)\s*\("),
}
# commands in backticks (perl, ruby, php) or %x/qx that interpolate a variable
_INTERPOLATED_BACKTICK = lazyre.compile(r"`[^`\n]*(?:\$\{?\w|#\{)[^`\n]*`")
_LITERAL_BACKTICK = lazyre.compile(r"`([^`\n]{1,400})`")
_BARE_CALL = lazyre.compile(r"(?:^|[;{}\s:&(,!])(?:system|exec|spawn)\s+(?![\s'\"(=])\S", re.M)
# perl/ruby `system "sh", "run.sh"`, `exec 'sh run.sh'` without a parenthesis: its literal words up to the statement's
# end are the command (lead24: both ran, judged by nobody)
_BARE_LITERAL_CALL = lazyre.compile(r"(?:^|[;{}\s:&(,!])(?:system|exec|spawn|readpipe)\s*(?=['\"])", re.M)
_STATEMENT_END = lazyre.compile(r"\s*(?:$|[;\n})]|(?:or|and|if|unless)\b|\|\||&&)")
# perl's two-argument open of a literal string with a pipe at one end: `open(F, "sh run.sh|")`, `open F, "| sh x"`
_PERL_OPEN_LITERAL = lazyre.compile(r"\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*('(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")")
# perl's two-argument open of a string holding a pipe and a variable: `open(F, "$c |")`
_PERL_OPEN_PIPE = lazyre.compile(r"\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*\"(?=[^\"]*\|)(?=[^\"]*[$@])[^\"]*\"")  # perl `system $c`, ruby `system c`
# perl `eval $c` / `eval "…"` (not a block), `do FILE`, `require $x`, `require "./x.pl"` (guard20); ruby `eval c`, `load x`
_BARE_EVAL = lazyre.compile(r"(?:^|[;{}\s])(?:eval\s+(?![\s{(])\S|do\s+['\"$]|require\s+(?:\$|['\"][^'\"\n]*(?:/|\.p[lm]['\"]))|load\s+\S|"
                        r"instance_eval\s+\S|class_eval\s+\S)", re.M)
_LITERAL = lazyre.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|`[^`$\\]*`")
_HARMLESS = lazyre.compile(r"(?:\s|,|\[|\]|\(|\)|\btrue\b|\bfalse\b|\bnull\b|\bundefined\b|\bnil\b|\\|=>)*")
_REQUIRE = lazyre.compile(r"""(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s+|^\s*import\s+|\bnew\s+Worker\s*\(\s*)"""
                      r"""(['"])(\.{1,2}(?:/[^'"]*)?|(?!node:)[@\w#][^'"]*)\1""", re.M)  # `require('./')`: the folder's index.js
_MAX_ARGS = 2000
# node: a module named by a computed string, native bindings, the module loader itself
_JS_HIDDEN = lazyre.compile(r"\b(?:require|import)\s*\(\s*(?![\s'\"`][^'\"`$]*['\"`]\s*\))[^)]|"
                        r"\bprocess\s*\.\s*(?:binding|_linkedBinding|dlopen)\b|\bmodule\s*\.\s*constructor\b|"
                        # process indexed, handed on or aliased: process['bind' + 'ing']('spawn_sync').spawn(…)
                        r"\bprocess\s*(?:\[|[,)]|;)|[=:(]\s*process\b(?!\s*\.)|\bwith\s*\(\s*process\b|"
                        r"\b(?:Module|_load)\s*\(|"
                        # other ways to a module by a name built when it runs, or to code run as a worker
                        r"\b(?:getBuiltinModule|createRequire|mainModule|_resolveFilename|registerHooks)\b|"
                        r"['\"`](?:node:)?module['\"`]|"  # the module loader itself
                        # the global object indexed or handed on: `globalThis['requ' + 'ire']` in `node -e`
                        r"\b(?:globalThis|global)\b\s*(?:\[|\.\s*(?:require|process|module)\b|[,)])|"
                        r"\.\s*constructor\s*(?:\(|\.\s*constructor\b)|\bthis\s*\[\s*(?!['\"][^'\"]*['\"]\s*\])|\bReflect\s*\.\s*(?:get|apply|construct)\b|"
                        r"\bnew\s+Worker\s*\(\s*(?![\s'\"`]\.{1,2}/[^'\"`$]*['\"`]\s*\))[^)]|\beval\s*:\s*true\b")
_JS_SPAWN_NAMES = lazyre.compile(r"\b(execSync|execFileSync|execFile|spawnSync|spawn|fork|exec)\b(?!\s*\()")
_JS_CP_VAR = lazyre.compile(r"(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['\"](?:node:)?child_process['\"]\s*\)")
_JS_DESTRUCTURE = lazyre.compile(r"\{([^{}]*)\}\s*=\s*require\(\s*['\"](?:node:)?child_process['\"]\s*\)")


def family(prog: str) -> str | None:
    if prog in ("node", "nodejs", "deno", "bun"):
        return "js"
    if prog in ("tclsh", "wish", "expect", "expectk", "jimsh") or prog.startswith("tclsh"):
        return "tcl"
    if prog in ("perl", "ruby", "php"):
        return prog
    return None


def judge(an: Analyzer, prog: str, code: str, depth: int, cwd: str | None, here: str | None,
          seen: set[str] | None = None) -> None:
    lang = family(prog)
    if lang is None:
        if prog == "julia":
            runners.ask_escape(an, prog, code)
        return
    if lang == "tcl":
        code = tcl_readings(code)
        if prog in ("expect", "expectk"):  # lead49: read as tcl since rt49, expect's `spawn` ran unasked
            runners.ask_escape(an, "expect", code)
        _tcl(an, prog, code, depth, cwd)
        return
    seen = seen if seen is not None else set()
    is_js = lang == "js"
    before = an.unknown_writes
    first_write = rewrites.code_writes(an, lang, prog, code)  # a script it runs after a write may be one it wrote
    if is_js and (m := _JS_HIDDEN.search(code) or _hidden_spawn(code)):
        an.r.add("dynamic", f"{prog} code reaches child processes or modules in a way the guard cannot follow "
                            f"({(m if isinstance(m, str) else m.group(0))[:60]}); call execSync('…') directly")
    spawns = _SPAWN[lang] if not is_js or "child_process" in code or "Bun." in code or "Deno." in code else None
    if spawns is not None:
        _judge_calls(an, prog, spawns.finditer(code), _literal_words, code, depth, cwd)
    for m in _EVAL[lang].finditer(code):
        if not is_js and m.group(0).startswith("eval") and code[m.end():m.end() + 1] == "{":
            continue
        words = _literal_words(code, m.end())
        if words is None:
            an.r.add("dynamic", f"{prog} code runs code it builds when it runs ({m.group(0).strip()}…)")
    if lang in ("perl", "ruby", "php") and (m := _BARE_EVAL.search(code)):
        an.r.add("dynamic", f"{prog} code runs code or a file it names when it runs ({m.group(0).strip()[:40]}…)")
    if lang != "js" and (m := _BARE_CALL.search(code)):
        an.r.built_when_run(f"{prog} code runs a command only known when it runs ({m.group(0).strip()}…)")
    if lang in ("perl", "ruby"):
        _judge_calls(an, prog, _BARE_LITERAL_CALL.finditer(code), _bare_literal_words, code, depth, cwd)
    if lang == "perl":
        for m in _PERL_OPEN_LITERAL.finditer(code):
            target = _unquote(m.group(1)).strip()
            if (target.startswith("|") or target.endswith("|")) and target.strip("|-").strip():  # not a mode: "-|"
                an.line(target.strip("|").strip(), depth + 1, cwd)
    if lang == "perl" and _PERL_OPEN_PIPE.search(code):
        an.r.add("dynamic", f"{prog} code opens a pipe to a command it builds when it runs")
    if lang == "perl":
        _perl_modules(an, prog, code, depth, cwd, here, seen, before, first_write)
    if lang != "js" and _INTERPOLATED_BACKTICK.search(code):
        an.r.built_when_run(f"{prog} code runs a command it builds in backticks")
    elif lang != "js":  # perl/ruby/php `cmd`: a shell command written out (guard23: `print \`sh run.sh\`` ran it)
        for m in _LITERAL_BACKTICK.finditer(code):
            an.line(m.group(1), depth + 1, cwd)
    if is_js:
        base = here or cwd or (an.paths.workspaces[0] if an.paths.workspaces else None)
        for m in _REQUIRE.finditer(code):
            # a module loaded before the code's first write (static imports are hoisted) is the file read now
            early = m.group(0).lstrip().startswith(("import", "from")) or first_write is None or m.start() < first_write
            now, an.unknown_writes = an.unknown_writes, before if early else an.unknown_writes
            try:
                _load(an, prog, m.group(2), base, depth, cwd, seen)
            finally:
                an.unknown_writes = now


def _hidden_spawn(code: str) -> str | None:
    """With child_process loaded: a spawn function used other than by a direct call (renamed, stored, passed),
    or the module itself indexed or handed on. Returns what was seen, or None."""
    if "child_process" not in code:
        return None
    for m in _JS_DESTRUCTURE.finditer(code):
        if ":" in m.group(1) or "..." in m.group(1):
            return m.group(0)
    plain = _JS_DESTRUCTURE.sub("", code)
    if m := _JS_SPAWN_NAMES.search(plain):  # a spawn function not called where it is named
        return m.group(0)
    for m in _JS_CP_VAR.finditer(code):
        var = re.escape(m.group(1))
        for use in re.finditer(rf"\b{var}\b(?!\s*\.\s*\w+\s*\()", code[m.end():]):
            return code[m.end() + use.start():m.end() + use.end() + 20]
    return None


def _literal_words(code: str, start: int) -> list[str] | None:
    """The string literals of a call's arguments (from ``start``, after its parenthesis), or None when the
    arguments hold anything else (names, operators, interpolation) outside option objects."""
    level, i, end = 1, start, min(len(code), start + _MAX_ARGS)
    while i < end and level:
        ch = code[i]
        if ch in "'\"`":
            m = _LITERAL.match(code, i)
            if m is None:
                return None
            i = m.end()
            continue
        level += ch == "("
        level -= ch == ")"
        i += 1
    if level:
        return None
    args = code[start:i - 1]
    words = []
    rest = []
    pos = 0
    for m in _LITERAL.finditer(args):
        rest.append(args[pos:m.start()])
        words.append(_unquote(m.group(0)))
        pos = m.end()
    rest.append(args[pos:])
    text = "".join(rest)
    text = _strip_objects(text)
    if text is None or not _HARMLESS.fullmatch(text):
        return None
    return words


def _strip_objects(text: str) -> str | None:
    """Drop ``{…}`` option objects (their keys and values are options, not the command)."""
    out, level = [], 0
    for ch in text:
        if ch == "{":
            level += 1
        elif ch == "}":
            level -= 1
            if level < 0:
                return None
        elif not level:
            out.append(ch)
    return "".join(out) if not level else None


def _judge_calls(an: Analyzer, prog: str, calls: Iterable[re.Match[str]],
                 words_of: Callable[[str, int], list[str] | None], code: str, depth: int, cwd: str | None) -> None:
    """Each call's literal words (``words_of(code, end of the match)``) judged as the command it runs; a call whose
    command is built when it runs is asked about."""
    for m in calls:
        words = words_of(code, m.end())
        if words is None:
            an.r.built_when_run(f"{prog} code runs a command only known when it runs ({m.group(0).strip()}…); "
                                "write the command out literally")
        elif words:
            an.line(words[0] if len(words) == 1 else shlex.join(words), depth + 1, cwd)


def _bare_literal_words(code: str, start: int) -> list[str] | None:
    """The literal words of a call without a parenthesis (``system "sh", "run.sh";``), from ``start`` to the end of
    its statement, or None when anything but literals and commas comes before that end (``"sh " . $f``)."""
    words, i = [], start
    while True:
        m = _LITERAL.match(code, i)
        if m is None:
            return None
        words.append(_unquote(m.group(0)))
        i = m.end()
        comma = re.match(r"\s*,\s*", code[i:])
        if comma:
            i += comma.end()
            continue
        return words if _STATEMENT_END.match(code, i) else None


def _unquote(literal: str) -> str:
    body = literal[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


def _package(an: Analyzer, spec: str, base: str) -> list[str]:
    """The files ``require('name')`` may load from a workspace ``node_modules`` folder (walking up from ``base``):
    the package's ``main`` (or ``exports``' entry), ``index.js``, or the subpath named."""
    if spec.startswith("#"):  # guard19: package.json's "imports" ("#m": "./e.js") loaded e.js unread
        return _imports(an, spec, base)
    parts = spec.split("/")
    name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
    sub = spec[len(name):].lstrip("/")
    folder = base
    while any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
        root = posixpath.join(folder, "node_modules", name)
        if os.path.isdir(root):
            if sub:
                return [posixpath.join(root, sub)]
            entries = []
            try:
                with open_regular(posixpath.join(root, "package.json"), encoding="utf-8", errors="replace") as fh:
                    meta = json.load(fh)
                for key in ("main", "module"):
                    if isinstance(meta.get(key), str):
                        entries.append(posixpath.normpath(posixpath.join(root, meta[key])))
                exports = meta.get("exports")
                for value in _strings(exports)[:8]:
                    entries.append(posixpath.normpath(posixpath.join(root, value)))
            except (OSError, ValueError, AttributeError):
                pass
            return [*entries, posixpath.join(root, "index")]
        if folder in an.paths.workspaces:
            break
        folder = posixpath.dirname(folder)
    return []


def _imports(an: Analyzer, spec: str, base: str) -> list[str]:
    """The files a ``#name`` specifier maps to in the nearest package.json's ``imports`` (a ``*`` filled in)."""
    import fnmatch

    folder = base
    while any(folder == w or folder.startswith(w + "/") for w in an.paths.workspaces):
        if os.path.isfile(meta := posixpath.join(folder, "package.json")):
            try:
                with open_regular(meta, encoding="utf-8", errors="replace") as fh:
                    imports = json.load(fh).get("imports") or {}
            except (OSError, ValueError, AttributeError):
                return []
            out = []
            for key, value in imports.items() if isinstance(imports, dict) else ():
                if key == spec or "*" in key and fnmatch.fnmatchcase(spec, key):
                    star = spec[key.index("*"):len(spec) - (len(key) - key.index("*") - 1)] if "*" in key else ""
                    out += [posixpath.normpath(posixpath.join(folder, v.replace("*", star))) for v in _strings(value)]
            return out
        folder = posixpath.dirname(folder)
    return []


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _load(an: Analyzer, prog: str, spec: str, base: str | None, depth: int, cwd: str | None, seen: set[str]) -> None:
    if not base:
        return
    stems = [an.paths.resolve(posixpath.join(base, spec), None)] if spec.startswith(".") else _package(an, spec, base)
    for stem in stems:
        _load_file(an, prog, stem, depth, cwd, seen)


def load_entry(an: Analyzer, prog: str, spec: str, cwd: str | None, depth: int) -> None:
    """The file node runs for a script or ``-r``/``--import`` spec that is not a file itself (``node d``: d.js,
    d/index.js, the folder's package.json ``main``; ``node -r evil``: a workspace package)."""
    base = an.paths.resolve(cwd or ".", None) if cwd or an.paths.workspaces else None
    _load(an, prog, spec, base or (an.paths.workspaces[0] if an.paths.workspaces else None), depth, cwd, set())


def _load_file(an: Analyzer, prog: str, stem: str, depth: int, cwd: str | None, seen: set[str]) -> None:
    if os.path.isdir(stem) and not os.path.isfile(stem + ".js"):  # a folder: its package.json main first
        try:
            with open_regular(posixpath.join(stem, "package.json"), encoding="utf-8", errors="replace") as fh:
                main = json.load(fh).get("main")
            if isinstance(main, str):
                _load_file(an, prog, posixpath.normpath(posixpath.join(stem, main)), depth, cwd, seen)
        except (OSError, ValueError, AttributeError):
            pass
    if stem.endswith(".node") and os.path.isfile(stem):  # a compiled addon: native code the guard cannot read
        an.r.add("dynamic", f"{prog} code loads {posixpath.basename(stem)}, a compiled addon the guard cannot read")
        return
    for file in (stem, stem + ".js", stem + ".mjs", stem + ".cjs", posixpath.join(stem, "index.js")):
        if file in seen or not any(file.startswith(w + "/") for w in an.paths.workspaces) or not os.path.isfile(file):
            continue
        seen.add(file)
        if len(seen) > 24:
            an.r.add("dynamic", f"{prog} code loads more than 24 workspace files, too many to review")
            return
        from macrohard.safety import scripts

        text = scripts.read_script(an, file, None, explicit=True)
        if text is not None:
            an.code(prog, text, depth, cwd, here=posixpath.dirname(file), seen=seen)
        return


# `open "|cmd"` needs no space after the bar (guard26: `close [open "|sh run.sh"]` ran, unread)
_TCL_EXEC = lazyre.compile(r"(?:^|[;\[{]\s*)(exec(?=\s)|open\s+[\"{]?\||eval(?=\s)|spawn(?=\s)|system(?=\s))\s*([^\n\]]*)", re.M)
_TCL_WORD = lazyre.compile(r"\{([^{}]*)\}|\"((?:[^\"\\]|\\.)*)\"|(\S+)")


# tcl's commands that open a connection: ``socket HOST PORT`` (options first: -async, -myaddr A, -server CMD),
# the http, dns, smtp, ftp and tls packages' calls, and ``package require`` of them
_TCL_NET = lazyre.compile(r"(?:^|[\[;{\s])socket\s+(?:-\w+\s+)*[^\s\];}]+\s+[^\s\];}]+|"
                      r"\b(?:http|dns|smtp|ftp|tls|mime::smtp)::\w+|\bpackage\s+require\s+(?:http|dns|smtp|ftp|tls)\b")


# rt50: tcl runs a command by its name after substitution: `{exec}`, `"exec"`, `ex\ec`, `::exec` and `::tcl::socket`
# are exec and socket; the guard's patterns read the plain name, so the code is also read with those spellings undone
_TCL_GROUPED_NAME = lazyre.compile(r'\{([A-Za-z_][\w:]*)\}|"([A-Za-z_][\w:]*)"')
_TCL_ESCAPED_LETTER = lazyre.compile(r"\\([A-Za-z])")
_TCL_QUALIFIED = lazyre.compile(r"(?<![\w:])::(?:tcl::)?(?=[A-Za-z_])")
# a command given another name (`rename exec x; x curl …`, `interp alias {} x {} exec`): what a name runs is set when
# the code runs
_TCL_RENAMES = lazyre.compile(r"(?:^|[;\[{\s])(rename|interp\s+(?:alias|hide|expose|invokehidden))\s")
# a command whose name is a substitution (`set c exec; $c curl …`, `[string cat ex ec] …`, `{*}$cmd`)
_TCL_COMPUTED_NAME = lazyre.compile(r"(?:^|[;\[{])[ \t]*(?:\{\*\})?[$\[][^\n;]*", re.M)
_TCL_SOURCE = lazyre.compile(r"(?:^|[;\[{]\s*|\n\s*)source\s+(?:-encoding\s+(\S+)\s+)?([^\s;\]}]+)", re.M)
# the encodings a tcl script read here is decoded as (the guard reads UTF-8, and UTF-16 by its look: scripts.wide_text)
TCL_READ_ENCODINGS = frozenset({"utf-8", "ascii", "iso8859-1", "unicode", "identity", "utf-16"})


def tcl_readings(code: str) -> str:
    """tcl code, and after it the same code with a command name's quoting, escapes and namespace undone."""
    plain = _TCL_GROUPED_NAME.sub(lambda m: m[1] or m[2], _TCL_ESCAPED_LETTER.sub(r"\1", code))
    plain = _TCL_QUALIFIED.sub("", plain)
    return code if plain == code else f"{code}\n{plain}"


def _tcl(an: Analyzer, prog: str, code: str, depth: int, cwd: str | None) -> None:
    """tcl's ``exec PROG ARGS`` (braces and quotes group words), ``open "|cmd"``, ``spawn``: the command it runs,
    literal, or only known when it runs (a ``$variable`` or ``[command]`` in it). Its ``socket`` command (and the
    http, dns, smtp and ftp packages) opens network connections. ``source FILE`` runs the file's code (rt50: it was
    not read)."""
    if m := _TCL_RENAMES.search(code):
        an.r.built_when_run(f"{prog} code gives a command another name ({m.group(1)} …): what a name runs is only "
                            "known when it runs; call the command by its own name")
    if m := _TCL_COMPUTED_NAME.search(code):
        an.r.built_when_run(f"{prog} code runs a command whose name is only known when it runs ({m.group(0).strip()[:40]})")
    for m in _TCL_SOURCE.finditer(code):
        encoding, path = m.group(1), m.group(2).strip("\"{}")
        if "$" in path or "[" in path or encoding and encoding.strip("\"{}").lower() not in TCL_READ_ENCODINGS:
            an.r.add("dynamic", f"{prog} code runs a file only known when it runs, or in an encoding the guard does not "
                                f"read ({m.group(0).strip()[:60]})")
            continue
        if depth > 12:
            an.r.add("dynamic", f"{prog} code sources files too deeply nested to follow")
            continue
        from macrohard.safety import scripts

        text = scripts.read_script(an, path, cwd, explicit=True)
        if text is not None:
            judge(an, prog, text, depth + 1, cwd, None)
    if m := _TCL_NET.search(code):  # rt48b: `tclsh s.tcl` (`socket 127.0.0.1 PORT`) was no send to flow control
        an.r.add("network", f"{prog} code opens a network connection ({m.group(0).strip()[:40]})")
    for m in _TCL_EXEC.finditer(code):
        rest = m.group(2).strip().rstrip("}").strip()
        if "$" in rest or "[" in rest or m.group(1) == "eval":
            an.r.built_when_run(f"{prog} code runs a command only known when it runs ({m.group(1)} …)")
            continue
        words = [next(g for g in w.groups() if g is not None) for w in _TCL_WORD.finditer(rest.strip('"'))]
        words = [w for w in words if w not in ("<", ">", "2>", "&")]
        if words:
            an.line(shlex.join(words), depth + 1, cwd)



_PERL_USE = lazyre.compile(r"(?:^|[;{}]|\n)\s*(?:use|require|no)\s+([A-Za-z_]\w*(?:::\w+)*)", re.M)
_PERL_LIB = lazyre.compile(r"\buse\s+lib\s+(?:qw\s*[(\[{/]([^)\]}/]*)[)\]}/]|(['\"])([^'\"]*)\2)")


def _perl_modules(an: Analyzer, prog: str, code: str, depth: int, cwd: str | None, here: str | None,
                  seen: set[str], before: bool = False, first_write: int | None = None) -> None:
    """``use Evil;`` loads ``Evil.pm`` from ``@INC``: with ``use lib``, ``-I`` or ``PERL5LIB`` that may be the
    workspace. Each module found in a workspace folder perl may search (the code's folder, the working folder,
    their ``lib``, the ``use lib`` folders) is judged as perl code."""
    base = here or cwd or (an.paths.workspaces[0] if an.paths.workspaces else None)
    if base is None:
        return
    dirs = [base, posixpath.join(base, "lib")]
    if cwd and cwd != base:
        dirs += [cwd, posixpath.join(cwd, "lib")]
    for m in _PERL_LIB.finditer(code):
        for d in (m.group(1) or "").split() + ([m.group(3)] if m.group(3) else []):
            d = re.sub(r"^\$FindBin::(?:Real)?Bin/?", "", d)
            dirs.append(an.paths.resolve(d or ".", base))
    for m in _PERL_USE.finditer(code):
        rel = m.group(1).replace("::", "/") + ".pm"
        if m.group(1) == "lib":  # guard19: `strict`, `warnings`… were skipped, and PERL5LIB=. loaded ./strict.pm
            continue
        for d in dirs:
            file = posixpath.normpath(posixpath.join(d, rel))
            if file in seen or not any(file.startswith(w + "/") for w in an.paths.workspaces) or not os.path.isfile(file):
                continue
            seen.add(file)
            from macrohard.safety import scripts

            # `use` loads at compile time, before any code runs; `require` where it stands
            early = "use" in m.group(0) or first_write is None or m.start() < first_write
            now, an.unknown_writes = an.unknown_writes, before if early else an.unknown_writes
            try:
                text = scripts.read_script(an, file, None, explicit=True)
            finally:
                an.unknown_writes = now
            if text is not None:
                an.code(prog, text, depth, cwd, here=posixpath.dirname(file), seen=seen)
            break
