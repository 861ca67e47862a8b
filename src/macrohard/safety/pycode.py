"""Python code read as Python: the commands it runs, the code it builds, the workspace modules it imports.

Patterns over the text (``rules_data.CODE_SHELL_CALL``) see ``os.system('…')`` but not ``c = '…';
os.system(c)``, ``subprocess.run(['sh', '-c', …])``, ``getattr(os, 'sys' + 'tem')(…)``, ``__import__('o' + 's')``,
``exec('…' + '…')``, nor a module of the workspace that the code imports (``import helpers``, a ``json.py``
beside the script). This module parses the code (``ast``), folds the strings it builds from literals and
names bound to literals, and:

- judges every command a process call runs (``os.system``, ``os.popen``, ``subprocess.*``, ``os.exec*``/``spawn*``,
  ``pty.spawn``, ``asyncio.create_subprocess_*``) as a command line, an argument list as the words it is;
- judges code given to ``exec``/``eval``/``compile`` as Python;
- resolves ``getattr(module, …)``, ``__import__(…)``, ``importlib.import_module(…)`` when their names fold;
- reads the workspace modules an import loads (beside the script, or the working directory), and their imports.

What cannot be folded is only known when the code runs: a command, code, or a name looked up by a computed
string is ``dynamic`` (a person decides), never passed as harmless. Code that does not parse is left to the
patterns.
"""

from __future__ import annotations

import ast
import posixpath
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import pydata
from macrohard.safety.pymodules import module as _module

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

_ALTERNATIVES = 8  # values one name may fold to (assigned in several places)
UNKNOWN = object()

# module -> functions that run a command line through a shell / an argument vector
_SHELL_CALLS = {"os": {"system", "popen"}, "subprocess": {"getoutput", "getstatusoutput"},
                "commands": {"getoutput", "getstatusoutput"}, "asyncio": {"create_subprocess_shell"},
                "posix": {"system", "popen"}, "webbrowser": {"get"}, "platform": {"popen"}}
_ARGV_CALLS = {"subprocess": {"run", "call", "check_call", "check_output", "Popen"},
               "os": {"execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "execlpe", "spawnv",
                      "spawnve", "spawnvp", "spawnvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "posix_spawn",
                      "posix_spawnp", "startfile"},
               "posix": {"execv", "execve", "posix_spawn", "posix_spawnp"},
               "pty": {"spawn"}, "asyncio": {"create_subprocess_exec"}}
_CODE_CALLS = {"exec", "eval", "compile"}
_IMPORTERS = {("builtins", "__import__"), ("importlib", "import_module"), ("importlib", "__import__")}
_RUNPY = {("runpy", "run_path"), ("runpy", "run_module")}
# modules whose attributes, looked up by a computed name, may be any of the calls above
_RISKY_MODULES = {"os", "posix", "subprocess", "pty", "asyncio", "builtins", "importlib", "runpy", "ctypes", "sys",
                  "commands"}
_KNOWN_NAMES = {("sys", "executable"): "python3"}


class _Scope:
    """The names a piece of code binds: modules (``import os as o``), functions taken from modules
    (``from os import system``), and the expressions assigned to plain names."""

    def __init__(self, tree: ast.AST) -> None:
        self.modules: dict[str, str] = {"__builtins__": "builtins", "builtins": "builtins"}
        self.functions: dict[str, tuple[str, str]] = {n: ("builtins", n) for n in (*_CODE_CALLS, "__import__")}
        self.values: dict[str, list[ast.AST]] = {}
        self.opaque: set[str] = set()  # names bound by loops, parameters, with-as, augmented assignment ...
        self.opened: dict[str, ast.AST] = {}  # with open(PATH) as NAME: NAME -> PATH
        self.nodes = list(ast.walk(tree))  # walked once: the judge and pydata.writes go over the same nodes
        for node in self.nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    top = alias.name.split(".")[0]
                    if alias.asname:
                        self.modules[alias.asname] = alias.name
                    else:
                        self.modules[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                if any(a.name == "*" for a in node.names):  # from os import *: every call of the module by name
                    top = node.module.split(".")[0]
                    for name in (*_SHELL_CALLS.get(top, ()), *_ARGV_CALLS.get(top, ())):
                        self.functions[name] = (top, name)
                for alias in node.names:
                    self.functions[alias.asname or alias.name] = (node.module, alias.name)
                    self.modules.setdefault(alias.asname or alias.name, f"{node.module}.{alias.name}")
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Name) and node.value is not None:
                        self.values.setdefault(t.id, []).append(node.value)
                    else:
                        for n in ast.walk(t):
                            if isinstance(n, ast.Name):
                                self.opaque.add(n.id)
            elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension)):
                for n in ast.walk(node.target):
                    if isinstance(n, ast.Name):
                        self.opaque.add(n.id)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                ctx = node.context_expr
                if isinstance(node.optional_vars, ast.Name) and isinstance(ctx, ast.Call) and ctx.args and (
                        isinstance(ctx.func, ast.Name) and ctx.func.id == "open"):
                    self.opened[node.optional_vars.id] = ctx.args[0]
                for n in ast.walk(node.optional_vars):
                    if isinstance(n, ast.Name):
                        self.opaque.add(n.id)
            elif isinstance(node, ast.arg):
                self.opaque.add(node.arg)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.opaque.add(node.name)
        # a name bound to a module or a module function by assignment: o = __import__('os'); s = os.system
        for name, exprs in self.values.items():
            if len(exprs) == 1 and name not in self.opaque:
                ref = self.ref(exprs[0], depth=1)
                if isinstance(ref, str):
                    self.modules[name] = ref
                elif isinstance(ref, tuple):
                    self.functions[name] = ref

    def dotted(self, node: ast.AST) -> str | None:
        """``os.path.join`` for ``os.path.join``, ``p.join`` (``import os.path as p``), ``join`` (``from os.path import
        join``): the dotted name through the imports, or None."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        root = ".".join(self.functions[node.id]) if node.id in self.functions else self.modules.get(node.id, node.id)
        return ".".join([root, *reversed(parts)])

    def _path_fold(self, node: ast.AST, depth: int) -> list | None:
        """guard40: the home as the code reads it (``os.environ['HOME']``, ``os.getenv('HOME')``, ``Path.home()``) is
        ``~``, and the calls that build a path from pieces fold (``os.path.join``, ``Path(a) / b``, ``joinpath``,
        ``expanduser``): what code writes through them is judged (``pydata.writes``). None: not such a node."""
        def one(value: ast.AST) -> list:
            return self.fold(value, depth + 1)

        def joined(values: list[list]) -> list:
            out = [""]
            for vs in values:
                if any(not isinstance(v, str) for v in vs):
                    return [UNKNOWN]
                out = [posixpath.join(o, v) if o else v for o in out for v in vs][:_ALTERNATIVES]
            return out

        if isinstance(node, ast.Subscript) and self.dotted(node.value) in ("os.environ", "posix.environ"):
            return ["~"] if one(node.slice) == ["HOME"] else [UNKNOWN]
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call) and (self.dotted(
                node.value.func) or "") in ("glob.glob", "glob.iglob") and node.value.args:
            # guard41: `glob.glob('.git/ho*')[0] + '/pre-commit'`: a name the pattern finds when it runs (the writes'
            # judge expands the pattern on the disk, codewrites.judge_path)
            return [v for v in one(node.value.args[0]) if isinstance(v, str)] or [UNKNOWN]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return joined([one(node.left), one(node.right)])
        if not isinstance(node, ast.Call) or node.keywords and not isinstance(node.func, ast.Attribute):
            return None
        name = self.dotted(node.func) or ""
        if name in ("os.getenv", "posix.getenv", "os.environ.get") and node.args:
            return ["~"] if one(node.args[0]) == ["HOME"] else [UNKNOWN]
        if name.endswith("Path.home") and not node.args:
            return ["~"]
        if name in ("os.path.join", "posixpath.join") or name.startswith("pathlib.") and name.endswith("Path"):
            return joined([one(a) for a in node.args]) if node.args else [UNKNOWN]
        if name in ("os.path.expanduser", "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.fspath",
                    "str", "posixpath.expanduser", "posixpath.normpath") and len(node.args) == 1:
            return one(node.args[0])
        if isinstance(node.func, ast.Attribute) and node.func.attr == "joinpath":
            return joined([one(node.func.value), *(one(a) for a in node.args)])
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("expanduser", "resolve", "absolute") and \
                not node.args:
            base = one(node.func.value)
            return base if all(isinstance(v, str) for v in base) else None
        return None

    def fold(self, node: ast.AST, depth: int = 0) -> list:
        """The values (str, or list of str) ``node`` may have, or [UNKNOWN]."""
        if depth > 12:
            return [UNKNOWN]
        if (path := self._path_fold(node, depth)) is not None:
            return path
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bytes):
                return [node.value.decode("latin-1")]
            return [node.value] if isinstance(node.value, (str, int, float)) else [UNKNOWN]
        if isinstance(node, ast.Name):
            exprs = self.values.get(node.id)
            if not exprs or node.id in self.opaque:
                return [UNKNOWN]
            out = [v for e in exprs for v in self.fold(e, depth + 1)]
            return out[:_ALTERNATIVES] if len(out) <= _ALTERNATIVES else [UNKNOWN]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            known = _KNOWN_NAMES.get((self.modules.get(node.value.id, ""), node.attr))
            return [known] if known else [UNKNOWN]
        if isinstance(node, (ast.List, ast.Tuple)):
            items: list = [[]]
            for elt in node.elts:
                if isinstance(elt, ast.Starred):
                    vals = [v for v in self.fold(elt.value, depth + 1)]
                    items = [i + (v if isinstance(v, list) else [UNKNOWN]) for i in items for v in vals]
                else:
                    items = [i + [v] for i in items for v in self.fold(elt, depth + 1)]
                if len(items) > _ALTERNATIVES:
                    return [UNKNOWN]
            return items
        if isinstance(node, ast.JoinedStr):
            outs = [""]
            for part in node.values:
                vals = self.fold(part.value if isinstance(part, ast.FormattedValue) else part, depth + 1)
                if any(v is UNKNOWN or isinstance(v, list) for v in vals):
                    return [UNKNOWN]
                outs = [o + str(v) for o in outs for v in vals][:_ALTERNATIVES]
            return outs
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            out = []
            for a in self.fold(node.left, depth + 1):
                for b in self.fold(node.right, depth + 1):
                    try:
                        if a is UNKNOWN or b is UNKNOWN:
                            raise TypeError
                        out.append(a + b if isinstance(node.op, ast.Add) else a % (tuple(b) if isinstance(b, list) else b))
                    except (TypeError, ValueError, KeyError):
                        return [UNKNOWN]
            return out[:_ALTERNATIVES] or [UNKNOWN]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.keywords:
            method = node.func.attr
            bases = self.fold(node.func.value, depth + 1)
            args = [self.fold(a, depth + 1) for a in node.args]
            if any(v is UNKNOWN for v in bases) or any(v is UNKNOWN for vs in args for v in vs):
                return [UNKNOWN]
            out = []
            for base in bases:
                try:
                    if method == "join" and len(args) == 1:
                        out += [base.join(v) for v in args[0]]
                    elif method in ("format", "replace", "lower", "upper", "strip", "lstrip", "rstrip", "decode",
                                    "encode", "capitalize", "title", "swapcase") and isinstance(base, str):
                        combos: list[list] = [[]]
                        for vs in args:
                            combos = [c + [v] for c in combos for v in vs]
                        out += [str(getattr(base, method)(*c)) if method not in ("decode", "encode") else base
                                for c in combos]
                    else:
                        return [UNKNOWN]
                except (TypeError, ValueError, AttributeError, IndexError, KeyError):
                    return [UNKNOWN]
            return out[:_ALTERNATIVES] or [UNKNOWN]
        return [UNKNOWN]

    def ref(self, node: ast.AST, depth: int = 0) -> str | tuple[str, str] | None:
        """What ``node`` names: a module (its name), a module's function ((module, name)), or None.
        A lookup by a name that does not fold, on a module that has process calls, is ("?", "?")."""
        if depth > 8:
            return None
        if isinstance(node, ast.Name):
            if node.id in self.functions:
                return self.functions[node.id]
            return self.modules.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.ref(node.value, depth + 1)
            if isinstance(base, str):
                top = base.split(".")[0]
                return (top, node.attr) if top in _RISKY_MODULES or top in pydata.DESERIALIZERS or top == "imp" or \
                    base in _SHELL_CALLS else f"{base}.{node.attr}"
            return None
        if isinstance(node, ast.Call):
            fn = self.ref(node.func, depth + 1)
            if fn in _IMPORTERS and node.args:
                names = self.fold(node.args[0])
                return names[0].split(".")[0] if len(names) == 1 and isinstance(names[0], str) else ("?", "?")
            if fn == ("builtins", "getattr") or (isinstance(node.func, ast.Name) and node.func.id == "getattr"):
                if len(node.args) >= 2:
                    base = self.ref(node.args[0], depth + 1)
                    names = self.fold(node.args[1])
                    if isinstance(base, str) and (base.split(".")[0] in _RISKY_MODULES or
                                                  base.split(".")[0] in pydata.DESERIALIZERS):
                        if len(names) == 1 and isinstance(names[0], str):
                            return (base.split(".")[0], names[0])
                        return ("?", "?")
        if isinstance(node, ast.Subscript):  # sys.modules['os'], vars(os)['system'], os.__dict__[...]
            base = node.value
            if isinstance(base, ast.Attribute) and base.attr in ("modules", "__dict__") or (
                    isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and base.func.id in ("vars", "globals")):
                return ("?", "?")
        return None


def judge(an: Analyzer, prog: str, code: str, depth: int, cwd: str | None, where: str | None,
          seen: set[str] | None = None, here: str | None = None) -> bool:
    """Judge Python ``code`` run with ``where`` first on its import path (a script's own directory, else
    ``cwd``); ``here`` is the directory of the module itself (for relative imports).
    Returns False when it does not parse (the caller's patterns are all that judge it then)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    scope = _Scope(tree)
    seen = seen if seen is not None else set()
    if any(m.split(".")[0] in ("ctypes", "cffi") for m in [*scope.modules.values(), *(f[0] for f in scope.functions.values())]):
        _dynamic(an, prog, "loads native code (ctypes, cffi), whose calls the guard cannot follow")
        # rt48b: libc's socket and connect through ctypes sent a file after an injected note, no send to flow control
        an.r.add("network", f"{prog} code loads native code (ctypes, cffi), which may open network connections")
    pydata.writes(an, scope, tree, cwd)  # before its commands are judged: a script it writes is not the one on disk
    called = {id(n.func) for n in scope.nodes if isinstance(n, ast.Call)}
    for node in scope.nodes:
        if isinstance(node, (ast.Name, ast.Attribute, ast.Call)) and id(node) not in called and \
                isinstance(getattr(node, "ctx", ast.Load()), ast.Load) and _runs(scope.ref(node)):
            # os.system kept in a dict, passed to map() or partial(), called through __call__: the call the
            # guard would judge happens out of its sight
            _dynamic(an, prog, f"hands {_src(code, node) or 'a function that runs commands or code'} on as a "
                               "value; call it directly")
        if isinstance(node, ast.Call):
            _call(an, prog, scope, node, depth, cwd, where, seen, here)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [
                f"{node.module}.{a.name}" if node.module else a.name for a in node.names]
            for name in names:
                _module(an, prog, name, depth, cwd, here if getattr(node, "level", 0) else where, seen,
                        relative=getattr(node, "level", 0), top=where)
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytest_plugins"
                                                  for t in node.targets):  # pytest imports the plugins a conftest names
            for value in scope.fold(node.value):
                for name in value if isinstance(value, list) else [value]:
                    if isinstance(name, str):
                        _module(an, prog, name, depth, cwd, where, seen, relative=0, top=where)
                    else:
                        _dynamic(an, prog, "names pytest plugins only known when it runs")
        elif isinstance(node, ast.Subscript) and scope.ref(node) == ("?", "?"):
            _dynamic(an, prog, f"looks a module up by a name: {_src(code, node)}")
    return True


def _call(an: Analyzer, prog: str, scope: _Scope, node: ast.Call, depth: int, cwd: str | None,
          where: str | None, seen: set[str], here: str | None) -> None:
    fn = scope.ref(node.func)
    if fn is None and isinstance(node.func, ast.Name) and node.func.id in ("exec", "eval", "compile", "__import__",
                                                                           "getattr"):
        fn = ("builtins", node.func.id)
    if fn == ("?", "?"):
        _dynamic(an, prog, "calls a function it looks up by a computed name")
        return
    if not isinstance(fn, tuple):
        return
    module, name = fn[0].split(".")[0], fn[1]
    first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in ("args", "cmd", "command",
                                                                                             "source", "path")), None)
    shell = any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                for k in node.keywords)
    if name in _SHELL_CALLS.get(module, ()) or (name in _ARGV_CALLS.get(module, ()) and first is not None):
        if module in ("os", "posix") and name.startswith(("execl", "spawnl")):
            values = _argv_of(scope, node.args[1:] if name.startswith("execl") else node.args[2:])
        elif module in ("os", "posix") and name.startswith(("execv", "spawnv", "posix_spawn")):
            index = 2 if name.startswith("spawnv") else 1
            values = scope.fold(node.args[index]) if len(node.args) > index else [UNKNOWN]
        elif module == "asyncio" and name == "create_subprocess_exec":
            values = _argv_of(scope, node.args)
        else:
            values = scope.fold(first) if first is not None else [UNKNOWN]
        for value in values:
            _command(an, prog, value, depth, cwd, shell or name in _SHELL_CALLS.get(module, ()))
    elif (module, name) in _RUNPY or (module == "builtins" and name in _CODE_CALLS):
        values = scope.fold(first) if first is not None else [UNKNOWN]
        for value in values:
            if not isinstance(value, str):
                _dynamic(an, prog, f"{name}() runs code only known when it runs")
            elif (module, name) in _RUNPY:
                _module(an, prog, value, depth, cwd, where, seen, relative=0, path=name == "run_path")
            else:  # a fragment that does not parse runs nothing (a SyntaxError)
                judge(an, prog, value, depth + 1, cwd, where, seen, here)
    elif (module, name) in pydata.FILE_LOADERS:  # SourceFileLoader(name, PATH), spec_from_file_location(name, PATH)
        target = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg in (
            "path", "location", "pathname")), None)
        for value in scope.fold(target) if target is not None else [UNKNOWN]:
            if isinstance(value, str):
                _module(an, prog, value, depth, cwd, where, seen, relative=0, path=True)
            else:
                _dynamic(an, prog, f"{name}() loads code from a file only known when it runs")
    elif name in pydata.DESERIALIZERS.get(module, ()):
        pydata.deserialized(an, prog, scope, module, name, node, cwd)
    elif fn in _IMPORTERS and first is not None:
        for value in scope.fold(first):
            if isinstance(value, str):
                _module(an, prog, value, depth, cwd, where, seen, relative=0)


def _runs(ref: object) -> bool:
    """Whether a reference names a function that runs a command or code (or is looked up by a computed name)."""
    if not isinstance(ref, tuple):
        return False
    module, name = ref
    return ref == ("?", "?") or name in _SHELL_CALLS.get(module, ()) or name in _ARGV_CALLS.get(module, ()) or \
        ref in _IMPORTERS or ref in _RUNPY or (module == "builtins" and name in _CODE_CALLS) or \
        name in set(pydata.DESERIALIZERS.get(module.split(".")[0], ())) - pydata.ONLY_CALLED  # an Unpickler subclassed


def _argv_of(scope: _Scope, args: list[ast.AST]) -> list:
    vectors: list[list] = [[]]
    for a in args:
        vectors = [v + [x] for v in vectors for x in scope.fold(a)][:_ALTERNATIVES]
    return vectors


def _command(an: Analyzer, prog: str, value: object, depth: int, cwd: str | None, shell: bool) -> None:
    if isinstance(value, list):
        if not value or value[0] is UNKNOWN or any(isinstance(v, list) for v in value):
            _dynamic(an, prog, "runs a program only known when it runs")
            return
        words = [str(v) if v is not UNKNOWN else "$UNKNOWN" for v in value]
        # an unknown argument is a word of its own (no shell re-reads it); the line analysis judges `$UNKNOWN`
        line = " ".join(shlex.quote(w) if w != "$UNKNOWN" else '"$UNKNOWN"' for w in words)
        an.line(line, depth + 1, cwd)
    elif isinstance(value, (str, int, float)) and value is not UNKNOWN:
        an.line(str(value), depth + 1, cwd)
    else:
        _dynamic(an, prog, "runs a command only known when it runs" + ("" if shell else " (a computed argument list)"))


def _dynamic(an: Analyzer, prog: str, why: str) -> None:
    an.r.built_when_run(f"{prog} code {why}; write the command or code out literally")


def _src(code: str, node: ast.AST) -> str:
    return (ast.get_source_segment(code, node) or "")[:60]
