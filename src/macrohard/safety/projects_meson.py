"""Meson projects: the commands ``meson.build`` files run (``run_command`` as meson configures; custom targets,
run targets, generators, tests and install/dist scripts later, through ninja).

``meson setup build`` over a ``meson.build`` whose ``run_command('sh', '-c', 'curl … | sh')`` was approved unread
(guard16; meson is not installed where the tests run, so this is judged, not run). A command written only with
string literals is judged as a command line; one built from variables, ``find_program`` or ``files`` is asked about
(the guard does not evaluate meson's language). ``meson compile -C build`` also judges the build folder's
``build.ninja`` (``safety.ninja``).
"""

from __future__ import annotations

import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import lazyre
from macrohard.safety.projects import MAX_FILES, _read, _walk

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

# guard17: configure_file(command: …) runs as meson configures, vcs_tag(command: …) at the build; both were unread
_CALL = lazyre.compile(r"\b(run_command|custom_target|run_target|generator|test|benchmark|add_install_script|"
                   r"add_postconf_script|add_dist_script|configure_file|vcs_tag)\s*\(")
_RUNS_CODE = lazyre.compile(r"\.\s*run\s*\(")  # compiler.run('…'): C compiled and run as meson configures (guard17)
_LITERAL = lazyre.compile(r"'((?:[^'\\]|\\.)*)'")
_KEYWORDS = lazyre.compile(r"\b(?:input|output|depfile|install|install_dir|build_by_default|capture|feed|console|"
                       r"check|env|depends|depend_files|arguments|workdir|timeout|suite|protocol|is_parallel|"
                       r"should_fail|priority|verbose|build_always_stale|build_always|install_tag|install_mode|"
                       r"output_format|depends_on|args|true|false|command)\s*:|\btrue\b|\bfalse\b")


def judge(an: Analyzer, args: list[str], operands: list[str], cwd: str, depth: int) -> None:
    from macrohard.safety import ninja
    from macrohard.safety.shellparse import SimpleCommand

    value = dict(zip(args, args[1:], strict=False))
    if "-C" in value:
        build = an.paths.resolve(value["-C"], cwd)
        if posixpath.isfile(posixpath.join(build, "build.ninja")):
            ninja.judge(an, [], SimpleCommand(argv=["ninja"], cwd=cwd), depth, folder=build)
    sub = operands[0] if operands else ""
    source = operands[2] if sub in ("setup", "configure") and len(operands) > 2 else "."
    files = _walk(an, an.paths.resolve(source, cwd), lambda p: posixpath.basename(p) in ("meson.build",
                                                                                           "meson_options.txt"))
    if files is None:
        an.r.add("dynamic", f"meson reads more than {MAX_FILES} files here, too many to review")
        return
    for path in files:
        text = _read(an, path)
        if text:
            _commands(an, re.sub(r"(?m)#.*$", "", text), posixpath.dirname(path), depth)


def _commands(an: Analyzer, text: str, where: str, depth: int) -> None:
    if _RUNS_CODE.search(text):
        an.r.add("dynamic", "a meson file compiles and runs a program as meson configures (compiler.run); the guard "
                            "does not read it")
    for m in _CALL.finditer(text):
        body = _balanced(text, m.end())
        if body is None:
            an.r.add("unparseable", f"a meson {m.group(1)}( whose parentheses do not close")
            continue
        rest = _KEYWORDS.sub(" ", _LITERAL.sub(" ", body))
        if re.search(r"[+/%]", rest):  # 'cu' + 'rl', 'a' / 'b', '@0@'.format: text meson computes
            an.r.add("dynamic", f"a meson {m.group(1)}() runs a command meson computes from strings; write it whole")
            continue
        if m.group(1) in ("custom_target", "run_target", "generator", "configure_file", "vcs_tag") and \
                "command" not in body:
            continue
        if re.search(r"[A-Za-z_]\w*", rest):  # a variable, find_program(), files(): not evaluated here
            an.r.add("dynamic", f"a meson {m.group(1)}() runs a command built from variables the guard does not "
                                "evaluate; write it with string literals")
            continue
        words = [w.replace("\\'", "'") for w in _LITERAL.findall(_command_part(m.group(1), body))]
        if words:
            an.line(" ".join(shlex.quote(w) for w in words), depth + 1, where)


def _command_part(fn: str, body: str) -> str:
    """The text of a call's command: its ``command:`` value, or its positional arguments (after a test's name) and
    ``args:``."""
    if (k := re.search(r"\bcommand\s*:\s*", body)) is not None:
        rest = body[k.end():]
        if rest.startswith("["):
            end = _balanced_list(rest)
            return rest[:end] if end else rest
        return rest.split(",", 1)[0]
    first_kw = re.search(r"\b\w+\s*:", _LITERAL.sub(lambda x: " " * len(x.group(0)), body))
    positional = body[:first_kw.start()] if first_kw else body
    if fn in ("test", "benchmark"):
        positional = positional.split(",", 1)[1] if "," in positional else ""
        if (a := re.search(r"\bargs\s*:\s*\[", body)) is not None:
            end = _balanced_list(body[a.end() - 1:])
            positional += " " + body[a.end() - 1:a.end() - 1 + (end or 0)]
    return positional


def _balanced_list(text: str) -> int | None:
    level, i = 0, 0
    while i < len(text):
        if text[i] == "'":
            m = _LITERAL.match(text, i)
            if m is None:
                return None
            i = m.end()
            continue
        level += text[i] == "["
        level -= text[i] == "]"
        if not level:
            return i + 1
        i += 1
    return None


def _balanced(text: str, start: int) -> str | None:
    level, i = 1, start
    while i < len(text):
        if text[i] == "'":
            m = _LITERAL.match(text, i)
            if m is None:
                return None
            i = m.end()
            continue
        level += text[i] == "("
        level -= text[i] == ")"
        if not level:
            return text[start:i]
        i += 1
    return None
