"""Data that runs code as it loads: pickles, unsafe YAML, and files loaded as modules by path.

``pickle.load(open('x.pkl', 'rb'))`` calls whatever the pickle's ``GLOBAL`` opcodes name: a protocol-0 pickle is
text an agent can write with ``write_file`` (``cos\nsystem\n(S'…'\ntR.``) and load in the next step. So when
``safety.pycode`` meets a deserializer (pickle, dill, joblib, shelve, pandas' ``read_pickle``, ``torch.load``,
YAML's unsafe loaders), the file it reads is opened here and the callables it names are listed
(``pickletools.genops``); any outside a small set of data types, or any YAML ``!!python/`` tag, is asked about,
as is a load whose file is only known when it runs. ``SourceFileLoader``/``spec_from_file_location``/``imp``
name the file of a module by its path: ``pycode`` judges it like an import. And the files the code writes
(``open(P, 'w')``, ``write_text``, ``shutil.copy``): a script it writes is not the one on disk, so running it later
on the line is asked about.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Any

from macrohard.safety import codewrites, copies, lazyre
from macrohard.safety.regular import open_regular

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

def _dynamic(an: Analyzer, prog: str, why: str) -> None:
    an.r.add("dynamic", f"{prog} code {why}; the guard cannot read what it will run")


FILE_LOADERS = {("importlib", "SourceFileLoader"), ("importlib", "spec_from_file_location"), ("imp", "load_source"),
                 ("importlib", "SourcelessFileLoader"), ("imp", "load_compiled"), ("imp", "load_module")}
# loaders that run code the data names (pickle's GLOBAL opcodes, YAML's !!python tags)
DESERIALIZERS = {"pickle": {"load", "loads", "Unpickler"}, "_pickle": {"load", "loads", "Unpickler"},
                  "cPickle": {"load", "loads", "Unpickler"}, "dill": {"load", "loads"}, "cloudpickle": {"load", "loads"},
                  "joblib": {"load"}, "shelve": {"open"}, "jsonpickle": {"decode"}, "pandas": {"read_pickle"},
                  "torch": {"load"}, "yaml": {"load", "load_all", "unsafe_load", "unsafe_load_all", "full_load"},
                  "marshal": set(), "numpy": {"load"}, "multiprocessing": {"ForkingPickler", "loads"},
                  "copyreg": set()}
# loaders that are harmless unless called with the options that unpickle (judged where they are called)
ONLY_CALLED = frozenset({"load", "open"})
# what a pickle may import and call without running a command
_SAFE_GLOBALS = lazyre.compile(r"^(?:collections|datetime|decimal|fractions|uuid|numpy(?:\..*)?|pandas(?:\..*)?|"
                           r"copy_reg|copyreg|_codecs|builtins|__builtin__|torch(?:\..*)?|sklearn(?:\..*)?|"
                           r"scipy(?:\..*)?|pathlib|enum|re|array) ")
_UNSAFE_BUILTINS = {"eval", "exec", "compile", "__import__", "getattr", "open", "input", "globals", "vars", "breakpoint"}


def deserialized(an: Analyzer, prog: str, scope: Any, module: str, name: str, node: ast.Call, cwd: str | None) -> None:
    """Unpickling (or an unsafe YAML load of) a file runs the callables its data names: read it when the file
    is known, else it is only known when it runs."""
    if module == "yaml" and any(k.arg == "Loader" and "Safe" in ast.unparse(k.value) for k in node.keywords):
        return
    if module == "yaml" and name == "load" and len(node.args) > 1 and "Safe" in ast.unparse(node.args[1]):
        return
    if module == "numpy" and not any(k.arg == "allow_pickle" and not (isinstance(k.value, ast.Constant) and
                                                                     not k.value.value) for k in node.keywords):
        return  # numpy.load unpickles only with allow_pickle=True
    if module == "torch" and any(k.arg == "weights_only" and isinstance(k.value, ast.Constant) and k.value.value
                                 for k in node.keywords):
        return
    arg = node.args[0] if node.args else None
    path = None
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "open" and arg.args:
        path = arg.args[0]
    elif isinstance(arg, ast.Name) and arg.id in scope.opened:
        path = scope.opened[arg.id]
    elif module in ("joblib", "pandas", "torch", "shelve", "numpy") and arg is not None:
        path = arg
    values = scope.fold(path) if path is not None else [None]
    for value in values:
        if not isinstance(value, str):
            _dynamic(an, prog, f"{module}.{name}() runs what the data it reads names, only known when it runs")
            continue
        file = an.paths.resolve(value, cwd)
        try:
            with open_regular(file, "rb") as fh:
                data = fh.read(2_000_000)
        except OSError:
            continue  # no such file: the load fails
        if module == "numpy":
            data = _npy_pickle(data)
            if data is None:
                _dynamic(an, prog, f"numpy.load() of {value} with allow_pickle=True unpickles what it holds")
                return
        for found in _pickle_globals(data) if module != "yaml" else re.findall(rb"!!python/\S+", data)[:1]:
            found = found.decode(errors="replace") if isinstance(found, bytes) else found
            if module == "yaml" or not _SAFE_GLOBALS.match(found) or found.split()[-1] in _UNSAFE_BUILTINS:
                _dynamic(an, prog, f"{module}.{name}() of {value} calls {found.replace(' ', '.')} as it loads")
                return


def _npy_pickle(data: bytes) -> bytes | None:
    """The pickle a ``.npy`` file of objects holds (b"" for an array of numbers); a plain pickle as is; None for
    an archive (``.npz``) the guard does not open."""
    if data.startswith(b"PK"):
        return None
    if not data.startswith(b"\x93NUMPY") or len(data) < 12:
        return data
    wide = data[6] >= 2
    size = int.from_bytes(data[8:12] if wide else data[8:10], "little")
    start = (12 if wide else 10) + size
    return data[start:] if b"'|O'" in data[:start] else b""


def _pickle_globals(data: bytes) -> list[str]:
    """"module name" of each callable a pickle imports (GLOBAL, STACK_GLOBAL); ["?"] when it cannot be read."""
    import pickletools

    out: list[str] = []
    strings: list[str] = []
    try:
        for op, arg, _pos in pickletools.genops(data):
            if op.name in ("GLOBAL", "INST"):
                out.append(str(arg))
            elif op.name == "STACK_GLOBAL":
                out.append(" ".join(strings[-2:]) if len(strings) >= 2 else "? ?")
            elif isinstance(arg, str):
                strings.append(arg)
            if len(out) > 200:
                break
    except Exception:  # noqa: BLE001  (not a pickle, or a damaged one: the load would fail or be unreadable)
        return ["? ?"] if data[:1] in (b"\x80", b"c", b"(", b"}", b"]") else []
    return out


_COPIES = {("shutil", n) for n in ("copy", "copy2", "copyfile", "move", "copytree")} | {
    ("os", n) for n in ("rename", "replace", "symlink", "link", "renames")}


def _named(ref: Any) -> Any:
    """``scope.ref`` names a function of a module it does not watch as "shutil.copy": the same as ("shutil", "copy")
    (``shutil.copy('evil', 'run.sh') && bash run.sh`` was not seen as a write before)."""
    return tuple(ref.rsplit(".", 1)) if isinstance(ref, str) and "." in ref else ref


def writes(an: Analyzer, scope: Any, tree: ast.AST, cwd: str | None) -> None:
    """Files the code writes (``open(P, 'w')``, ``write_text``, ``shutil.copy(S, P)``, ``os.rename``): what it writes
    there is not read, so running them later on the line is asked about (``scripts.read_script``)."""
    for node in getattr(scope, "nodes", None) or ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        target: ast.AST | None = None
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open" and node.args:
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            modes = scope.fold(mode) if mode is not None else ["r"]
            if any(not isinstance(m, str) or set(m) & set("wax+") for m in modes):
                target = node.args[0]
        elif isinstance(func, ast.Attribute) and func.attr in ("write_text", "write_bytes", "symlink_to", "rename",
                                                                "replace", "hardlink_to") and not (
                isinstance(func.value, ast.Name) and func.value.id in scope.modules):
            target = func.value.args[0] if isinstance(func.value, ast.Call) and func.value.args else func.value
        elif _named(scope.ref(func)) in _COPIES and len(node.args) > 1:
            target = node.args[1]
            # guard40: a folder copied or moved whole, each of its files where it lands
            for src in (v for v in scope.fold(node.args[0]) if isinstance(v, str)):
                for dst in (v for v in scope.fold(target) if isinstance(v, str)):
                    copies.judge(an, "cp", ["-r", src, dst], cwd)
                    copies.judge(an, "cp", ["-r", src.rstrip("/") + "/.", dst], cwd)
        if target is None:
            continue
        for value in scope.fold(target):
            if isinstance(value, str):
                an.written[an.paths.resolve(value, cwd)] = None
                codewrites.judge_path(an, "python code", value, cwd)  # guard40: through the home, joined from pieces
            else:
                an.unknown_writes = True
