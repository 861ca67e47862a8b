"""The commands that awk and sed programs run, and the files they write.

``awk 'BEGIN{system("…")}'`` is only the plain spelling: awk also prints into a command (``print … | "sh"``),
reads from one (``"cmd" | getline``), runs a command held in a variable (``system(c)``) and takes its program
from a file (``-f prog.awk``); GNU sed runs commands with ``e`` and the ``s///e`` flag, and writes files with
``w``. ``safety.commands`` hands each awk or sed command here; a command written out is judged like a
command line, one only known when it runs (a variable, the text of the input) is ``dynamic``.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, scripts

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

AWKS = frozenset({"awk", "gawk", "mawk", "nawk", "busybox-awk"})
_AWK_VALUE = frozenset({"-v", "-F", "--assign", "--field-separator"})
_AWK_FILE = frozenset({"-f", "--file", "-E", "--exec", "-i", "--include"})
_AWK_CODE = frozenset({"-e", "--source"})
_STR = r'"(?:[^"\\\n]|\\.)*"'
_AWK_SYSTEM = lazyre.compile(r"\bsystem\s*\(\s*(?P<arg>[^)]*)\)")
# in the program with its strings masked (``\x00N\x00``): a string may hold ; | { } of its own
_AWK_PIPE_TO = lazyre.compile(r"\bprintf?\b[^;{}\n]*?(?<![|])\|&?(?![|])\s*(?P<t>\x00\d+\x00|[A-Za-z_]\w*(?:\s*\[[^\]]*\])?)")
_AWK_PIPE_FROM = lazyre.compile(rf"(?P<t>{_STR}|[A-Za-z_]\w*)\s*\|&?\s*getline\b")
_AWK_WRITE_ANY = lazyre.compile(r"\bprintf?\b[^;{}\n]*?>>?\s*(?P<t>\x00\d+\x00|[^\s;{}]+)")
_AWK_WRITE = lazyre.compile(rf"\bprintf?\b[^;{{}}\n]*?>>?\s*(?P<t>{_STR})")


def _literal(token: str) -> str | None:
    token = token.strip()
    if re.fullmatch(_STR, token):
        try:
            return codecs.decode(token[1:-1], "unicode_escape")
        except UnicodeDecodeError:
            return None
    return None


def awk(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """Judge an awk program (its text on the line, or the files ``-f`` names)."""
    programs: list[str] = []
    operand_is_program = True
    i = 0
    while i < len(args):
        a = args[i]
        name, eq, value = a.partition("=") if a.startswith("--") else (a, "", "")
        if a == "--":
            i += 1
            break
        if name in _AWK_VALUE | _AWK_FILE | _AWK_CODE or (len(a) > 2 and a[:2] in ("-v", "-F", "-f", "-e")):
            if not eq and len(a) > 2 and not a.startswith("--"):
                name, value = a[:2], a[2:]
            elif not eq:
                value = args[i + 1] if i + 1 < len(args) else ""
                i += 1
            if name in _AWK_FILE:
                operand_is_program = False
                text = scripts.read_script(an, value, cmd.cwd, explicit=True) if value and "$" not in value else None
                if text is None and value:
                    an.r.add("dynamic", f"{prog} runs the program in {value[:60]}, which the guard cannot read")
                programs.append(text or "")
            elif name in _AWK_CODE:
                operand_is_program = False
                programs.append(value)
            i += 1
            continue
        if a.startswith("-W") and prog != "gawk" or a.startswith("-W") and "exec" in a:
            # guard32: mawk's `-W exec FILE` (also `-Wexec`, `-W e`, `-W exec=FILE`) reads the program from FILE and
            # ended the guard's view of the line as an awk program: `awk -W exec p.awk` ran p.awk's system() unread
            value = a[2:] or (args[i + 1] if i + 1 < len(args) else "")
            i += 1 if a[2:] else 2
            word, _, attached = value.partition("=")
            if word and "exec".startswith(word.strip().lstrip("-")) and word.strip().lstrip("-"):
                path = attached or (args[i] if i < len(args) else "")
                i += 0 if attached else 1
                operand_is_program = False
                text = scripts.read_script(an, path, cmd.cwd, explicit=True) if path and "$" not in path else None
                if text is None:
                    an.r.add("dynamic", f"{prog} -W exec runs the program in {path[:60]}, which the guard cannot read")
                programs.append(text or "")
                break
            if "," in value or "$" in value:
                an.r.add("dynamic", f"{prog} -W {value[:40]}: options the guard does not read; give them one by one")
            continue
        if not a.startswith("-") or a == "-":
            break
        i += 1
    if operand_is_program and i < len(args):
        programs.append(args[i])
    for text in programs:
        awk_code(an, prog, text, cmd, depth)


def _computed(an: Analyzer, prog: str, text: str, cmd: SimpleCommand) -> bool:
    """A program text made by a shell substitution (``awk "$(cat p.awk)"``) is only known when it runs."""
    if cmd.nested_programs and ("$(" in text or "`" in text):
        an.r.add("dynamic", f"{prog}'s program is built by a command when it runs: {text[:60]}")
        return True
    return False


def awk_code(an: Analyzer, prog: str, text: str, cmd: SimpleCommand, depth: int) -> None:
    if _computed(an, prog, text, cmd):
        return
    if re.search(r'"/inet[46]?/', text):  # rt54: gawk's special files are sockets: `print l |& "/inet/tcp/0/h/p"`
        an.r.add("network", f"{prog} opens a network connection (a /inet/ special file): what it sends is what the "
                            "program prints there")  # sent a file's lines, approved (read as a program's name)
    for m in _AWK_SYSTEM.finditer(text):
        command = _literal(m.group("arg"))
        if command is None:
            an.r.built_when_run(f"{prog} runs a command built when it runs: system({m.group('arg')[:40]})")
        else:
            an.line(command, depth + 1, cmd.cwd)
    strings: list[str] = []

    def mask(m: re.Match[str]) -> str:
        strings.append(m.group(0))
        return f"\x00{len(strings) - 1}\x00"

    masked = re.sub(_STR, mask, text)
    for pattern, where in ((_AWK_PIPE_TO, masked), (_AWK_PIPE_FROM, text)):
        for m in pattern.finditer(where):
            target = m.group("t")
            if target.startswith("\x00"):
                target = strings[int(target.strip("\x00"))]
            if target == "getline":
                continue
            command = _literal(target)
            if command is None:
                an.r.add("dynamic", f"{prog} pipes to or from a command built when it runs: {target[:40]}")
                continue
            an.line(command, depth + 1, cmd.cwd)
            if pattern is _AWK_PIPE_TO and _runs_input(command):
                an.r.add("dynamic", f"{prog} prints the code that {command[:40]!r} runs: it is only known when it runs")
    for m in _AWK_WRITE.finditer(text):
        target = _literal(m.group("t"))
        if target:
            an.write_target(target, cmd.cwd, f"{prog} writes to {target}")
    for m in re.finditer(r"\bprintf?\b[^;{}\n]*?>>?\s*([^;{}\n]+)", masked):
        # guard40: `print > ENVIRON["HOME"] "/.bashrc"`: the target's literals joined, the home as ~, the rest *
        parts = re.findall(r"ENVIRON\s*\[\s*\x00(\d+)\x00\s*\]|\x00(\d+)\x00|([^\s\x00]+)", m.group(1))
        path = "".join(("~" if _literal(strings[int(env)]) == "HOME" else "*") if env else
                       (_literal(strings[int(lit)]) or "*") if lit else "*" for env, lit, _other in parts)
        if "/" in path and path != m.group(1):
            from macrohard.safety import codewrites

            codewrites.judge_path(an, prog, path, cmd.cwd)
    if _AWK_WRITE_ANY.search(masked) and not an.unknown_writes:  # `print … > f`: a file named when it runs
        for m in _AWK_WRITE_ANY.finditer(masked):
            if not m.group("t").startswith("\x00"):
                an.unknown_writes = True
                an.rewriter = f"{prog} writes to a file it names when it runs ({m.group('t')[:30]})"
                break


def _runs_input(command: str) -> bool:
    from macrohard.safety.argv import effective_program, runs_stdin
    from macrohard.safety.shellparse import parse

    return any(runs_stdin(effective_program(c.argv), c.argv) for c in parse(command).commands if c.argv)


_SED_VALUE = frozenset({"-l", "--line-length"})
_SED_ADDRESS = lazyre.compile(r"^(?:\d+|\$|/(?:[^/\\]|\\.)*/[IM]*|\\(.)(?:(?!\1).)*\1[IM]*)"
                          r"(?:\s*,\s*(?:\d+|\$|/(?:[^/\\]|\\.)*/[IM]*|[+~]\d+))?(?:~\d+)?\s*!?\s*")


def sed(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """Judge a sed script (``-e``, ``-f`` files, or the first operand): ``e`` runs commands, ``w`` writes files."""
    script_texts: list[str] = []
    operands: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("--expression") or a.startswith("--file") or a in ("-e", "-f") or (
                len(a) > 2 and a[:2] in ("-e", "-f") and not a.startswith("--")):
            if "=" in a and a.startswith("--"):
                name, value = a.split("=", 1)
            elif a in ("-e", "-f", "--expression", "--file"):
                name, value = a, args[i + 1] if i + 1 < len(args) else ""
                i += 1
            else:
                name, value = a[:2], a[2:]
            if name in ("-f", "--file"):
                text = scripts.read_script(an, value, cmd.cwd, explicit=True) if value and "$" not in value else None
                if text is None and value not in ("", "-"):
                    an.r.add("dynamic", f"{prog} runs the script in {value[:60]}, which the guard cannot read")
                script_texts.append(text or "")
            else:
                script_texts.append(value)
        elif a in _SED_VALUE:
            i += 1
        elif not a.startswith("-") or a == "-":
            operands.append(a)
        i += 1
    if not script_texts and operands:
        script_texts.append(operands[0])
    for text in script_texts:
        sed_script(an, prog, text, cmd, depth)


def sed_script(an: Analyzer, prog: str, text: str, cmd: SimpleCommand, depth: int) -> None:
    if _computed(an, prog, text, cmd):
        return
    for line in text.split("\n"):
        while line.strip():
            piece = _SED_ADDRESS.sub("", line.strip().lstrip("{}").strip(), count=1)
            if not piece:
                break
            head, rest = piece[0], piece[1:]
            if head in "ewWrRaic" and (not rest or rest[0] in " \t\\"):  # these take the rest of the line
                argument = rest.strip()
                if head == "e":
                    if argument:
                        an.line(argument, depth + 1, cmd.cwd)
                    else:
                        an.r.add("dynamic", f"{prog} e runs the text it reads as a command")
                elif head in "wW" and argument:
                    an.write_target(argument, cmd.cwd, f"{prog} w writes to {argument}")
                break
            if head == "s" and rest:
                end, flags, target = _s_command(piece)
                if "e" in flags:
                    an.r.add("dynamic", f"{prog} s///e runs the text it makes as a command")
                if target:
                    an.write_target(target, cmd.cwd, f"{prog} s///w writes to {target}")
                    break
                piece = piece[end:]
            cut = piece.find(";")
            if cut < 0:
                break
            line = piece[cut + 1:]


def _s_command(piece: str) -> tuple[int, str, str]:
    """Where one ``s`` command ends, its flags, and the file its ``w`` flag writes (the rest of the line)."""
    delim, i, seen = piece[1], 2, 0
    while i < len(piece) and seen < 2:
        if piece[i] == "\\":
            i += 2
            continue
        if piece[i] == delim:
            seen += 1
        i += 1
    m = re.match(r"[gpiImMe0-9]*", piece[i:])
    flags = m.group(0) if m else ""
    after = piece[i + len(flags):]
    target = after[1:].strip() if after.startswith("w") else ""
    return i + len(flags), flags, target
