"""What a run's file steps did, read as facts of the workspace (``local_work.py``): a copy is the same as its
source, nothing of a type is left where it was moved from, a sorted file holds its source's lines in the order the
task's words say, a quoted text replaced, an archive unpacked. Each reader takes one step's words (``shlex``) and
the task, and returns the shape's name and what it did (``Did``), or None when the step is not one it reads or the
task does not name what it touched."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from macrohard.models.local_examples import task_paths
from macrohard.models.local_shapes import OPEN, Fact, holds_folder, who_runs


@dataclass
class Did:
    """What the run's steps did that a shape reads: the facts, the words that ask for it, the names it touched."""

    facts: list[Fact] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # demand words (of _OTHER) this work answers
    names: set[str] = field(default_factory=set)  # paths and names the work touched or read


def _q(text: str) -> str:
    return shlex.quote(text)


def _bare(path: str) -> str:
    return path.removeprefix("./").rstrip("/") or path


def _named(path: str, task: str) -> bool:
    """Whether the task names ``path`` (as written, or its last part as a whole word)."""
    p = _bare(path)
    return bool(p) and p != "." and (re.search(rf"(?<![\w.-]){re.escape(p)}(?![\w-])", task) is not None)


def _quotes(task: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None)
            for m in re.finditer(r"(?<!\w)'([^']+)'(?!\w)|\"([^\"]+)\"|`([^`]+)`", task)]


_ORDER_DOWN = r"\b(largest|biggest|highest|heaviest|greatest|longest|dearest|priciest|most expensive|descending|high to low|reverse)\b"
_ORDER_UP = r"\b(smallest|lowest|lightest|least|fewest|shortest|cheapest|ascending|low to high)\b"


def _order(task: str) -> tuple[str, str] | None:
    """The order the task's words ask for, as sort flags and how to name it (None: the words do not say)."""
    down, up = re.search(_ORDER_DOWN, task, re.I), re.search(_ORDER_UP, task, re.I)
    numeric = bool(down or up or re.search(r"\bnumber|numeric", task, re.I))
    alpha = re.search(r"\balphabetic|\bA to Z\b|\bA-Z\b", task, re.I)
    if numeric and not alpha and (down and up and down.start() < up.start() or down and not up):
        return "-n -r", "from largest to smallest"
    if numeric and not alpha and up:
        return "-n", "from smallest to largest"
    if alpha and not down and not numeric:
        return "", "alphabetically"
    return None


_PART = r"\b(values?|fields?|parts?|sections?|keys?|entry|entries|rows?|columns?|words?|contents? of|lines?)\b"


def _part(task: str, verbs: str) -> bool:
    """Whether a clause of the task that asks for ``verbs`` names a part of a file (a value, the lines, a column):
    the file itself is not what it wants copied or moved. Another clause's part ("then add a last line") is another
    demand, read by the gate on the task's words."""
    clauses = re.split(r"[.;!?](?:\s|$)|,?\s+(?:and\s+)?then\b|,\s+and\b|\s+and\s+(?=(?:add|put|write|append|remove|delete)\b)",
                       task, flags=re.I)
    return any(re.search(verbs, c, re.I) and re.search(_PART, c, re.I) for c in clauses)


def _cp(w: list[str], task: str) -> tuple[str, Did] | None:
    args = [a for a in w[1:] if a not in ("-r", "-R", "-a", "-p", "-rp", "-v", "--")]
    if len(args) != 2 or any(a.startswith("-") for a in args) or not _named(args[0], task):
        return None
    src, dst = _bare(args[0]), args[1]
    into = dst in (".", "./") or dst.endswith("/") and not args[0].endswith("/")
    extra: set[str] = set()
    if dst not in (".", "./") and not _named(dst, task):
        # "make the folder archive/2026 and put a copy of notes/mwezi.txt in there, named november.txt": the folder
        # and the new name each named (heldout16's takwa run went unclaimed, agent24)
        head, _, tail = _bare(dst).rpartition("/")
        paths = {_bare(p) for p in task_paths(task)}
        if not (head and tail and head in paths and tail in paths):
            return None
        extra = {tail}
    said = "|".join(re.escape(_bare(a)) for a in args if _bare(a) != ".")
    if not re.search(rf"\b(copy|duplicate|clone|back ?up|restore)\s+(?:of\s+)?(?:the\s+)?(?:whole\s+|entire\s+)?"
                     rf"(?:file\s+|folder\s+|directory\s+)?(?:{said})"
                     r"(?![\w-])", task, re.I) or _part(task, r"\b(copy|duplicate|clone|back ?up|restore)\b"):
        return None  # the file itself copied, not a value or a part of it
    base, folder = src.rsplit("/", 1)[-1], _bare(dst)
    # a folder is copied as DST itself; a file into DST/ (or ., or a folder that is there) keeps its name
    target = f"{folder}/{base}" if folder != "." else base
    test = (f"if [ -d {_q(src)} ]; then diff -r {_q(src)} {_q(folder)}; else t={_q(folder)}; "
            f"{{ [ -d \"$t\" ] || [ {_q(str(into).lower())} = true ]; }} && t={_q(target)}; cmp -s {_q(src)} \"$t\"; fi")
    return "copy", Did([Fact(f"{folder if folder != '.' else target} holds a copy of {src}", test)],
                       names={src, folder, target} | extra)


def _type(glob: str) -> tuple[str, str] | None:
    if m := re.fullmatch(r"(?:\./)?([\w][\w./-]*?)/?\*\.(\w+)", glob):
        return m.group(1).rstrip("/"), m.group(2)
    return None


def _moved_type(folder: str, ext: str, dst: str, task: str, deep: bool) -> Did | None:
    if not re.search(rf"(?<![\w-])\.?{re.escape(ext)}\b", task, re.I) or not _named(folder, task):
        return None
    left = f"! find {_q(folder)} -name {_q('*.' + ext)} | grep -q ." if deep else \
        f"! ls -d {_q(folder)}/*.{ext} >/dev/null 2>&1"
    facts = [Fact(f"no .{ext} file is left in {folder}/", left),
             Fact(f"{dst}/ holds .{ext} files", f"ls -d {_q(dst)}/*.{ext} >/dev/null 2>&1")]
    return Did(facts, names={folder, dst})


def _mv(w: list[str], task: str) -> tuple[str, Did] | None:
    args = [a for a in w[1:] if a not in ("-v", "-n", "--")]
    if len(args) < 2 or any(a.startswith("-") for a in args) or not _named(args[-1], task):
        return None
    dst, sources = _bare(args[-1]), args[:-1]
    if len(sources) == 1 and (kind := _type(sources[0])):
        return ("move", did) if (did := _moved_type(*kind, dst, task, deep=False)) else None
    if not all(_named(s, task) and "*" not in s for s in sources) or \
            _part(task, r"\b(move|moved|put|rename|renamed|called|named)\b"):
        return None
    if len(sources) == 1 and not args[-1].endswith("/") and re.search(r"\b(rename|renamed|called|named)\b", task, re.I):
        src = _bare(sources[0])  # a rename
        base = src.rsplit("/", 1)[-1]
        return "move", Did([Fact(f"{src} is now {dst}", f"[ ! -e {_q(src)} ] && [ -e {_q(dst)} ] && [ ! -e {_q(dst + '/' + base)} ]")],
                           names={src, dst})
    facts = [Fact(f"{_bare(s)} is in {dst}/", f"[ ! -e {_q(_bare(s))} ] && [ -e {_q(dst + '/' + _bare(s).rsplit('/', 1)[-1])} ]")
             for s in sources]
    return "move", Did(facts, names={dst, *map(_bare, sources)})


def _find_mv(w: list[str], task: str) -> tuple[str, Did] | None:
    # find FOLDER [-maxdepth 1] [-type f] -name '*.EXT' -exec mv {} DEST[/] \;
    text = " ".join(w)
    m = re.fullmatch(r"find ([\w][\w./-]*) (-maxdepth 1 )?(-type f )?-i?name \*\.(\w+) (-type f )?-exec mv (-v )?\{\} "
                     r"([\w][\w./-]*) (\\;|;|\+)", text)
    if not m or not _named(m.group(7), task):
        return None
    did = _moved_type(_bare(m.group(1)), m.group(4), _bare(m.group(7)), task, deep=not m.group(2))
    return ("move", did) if did else None


def _chmod(w: list[str], task: str) -> tuple[str, Did] | None:
    if len(w) < 3 or not re.fullmatch(r"(u|a|ug|ugo)?\+x|0?7[57][05]|0?700", w[1]):
        return None
    facts, names = [], set()
    for f in w[2:]:
        if kind := _type(f):
            folder, ext = kind
            if not _named(folder, task) or not re.search(rf"\.{re.escape(ext)}\b", task):
                return None
            who = who_runs(task, '"$f"')  # the execute bits the words ask for (judge25)
            facts.append(Fact(f"every .{ext} file in {folder}/ is executable",
                              f"ls -d {_q(folder)}/*.{ext} && for f in {_q(folder)}/*.{ext}; do [ -x \"$f\" ] || exit 1; "
                              + (f"{who} || exit $?; " if who else "") + "done"))
            names.add(folder)
        elif _named(f, task) and "*" not in f:
            who = who_runs(task, _q(_bare(f)))
            facts.append(Fact(f"{_bare(f)} is executable", f"[ -f {_q(_bare(f))} ] && [ -x {_q(_bare(f))} ]"
                              + (f" && {{ {who}; }}" if who else "")))
            names.add(_bare(f))
        else:
            return None
    return "chmod", Did(facts, names=names)


def _sort(w: list[str], task: str) -> tuple[str, Did] | None:
    if ">" in w:
        at = w.index(">")
        cmd, out = w[:at], w[at + 1:]
    elif "-o" in w:
        at = w.index("-o")
        cmd, out = w[:at] + w[at + 2:], w[at + 1:at + 2]
    else:
        return None
    flags = [a for a in cmd[1:] if a.startswith("-")]
    files = [a for a in cmd[1:] if not a.startswith("-")]
    if len(out) != 1 or len(files) != 1 or any(f not in ("-n", "-r", "-nr", "-rn", "-g", "-gr", "-rg") for f in flags):
        return None
    src, dst = _bare(files[0]), _bare(out[0])
    if src == dst or not _named(src, task) or not _named(dst, task):
        return None
    order = _order(task)
    same = Fact(f"{dst} holds the lines of {src}", f'[ -s {_q(dst)} ] && [ "$(LC_ALL=C sort {_q(src)})" = "$(LC_ALL=C sort {_q(dst)})" ]')
    if order is None:  # the words do not say which order: open, the model's checks decide
        return "sort", Did([same, Fact(f"{dst} is in the order asked", f"exit {OPEN}")], names={src, dst})
    flags_, how = order
    d = _q(dst)
    # numbers: every line holds one number (alone, or beside a name: "87 Amina", "Amina: 87"), and those numbers are in
    # the order asked, or open (two numbers on a line: which one is the key is not said); words: the same order with
    # and without case, or open. heldout16's odd half: a right `sort -nr` of "score name" lines went unclaimed on
    # the numbers-only reading's "open".
    if flags_:
        test = (f"{{ ! grep -qvE '^[^0-9]*[0-9]+([.][0-9]+)?[^0-9]*$' {d}; }} || exit {OPEN}; "
                f"grep -oE -- '-?[0-9]+([.][0-9]+)?' {d} | LC_ALL=C sort -c -s {flags_}")
    else:
        test = f'{{ [ "$(LC_ALL=C sort {d})" = "$(LC_ALL=C sort -f {d})" ]; }} || exit {OPEN}; LC_ALL=C sort -c {d}'
    return "sort", Did([same, Fact(f"{dst} is sorted {how}", test)], names={src, dst})



def _sed(w: list[str], task: str) -> tuple[str, Did] | None:
    if len(w) != 4 or w[1] != "-i" or not _named(w[3], task):
        return None
    m = re.fullmatch(r"s/([\w ,:=-]+)/([\w ,:=-]*)/(g?)", w[2])
    if not m:
        return None
    quoted = _quotes(task)
    old, new, path = m.group(1), m.group(2), _bare(w[3])
    if old not in quoted or new not in quoted:
        return _sed_unquoted(old, new, path, task)
    facts = [Fact(f"{path} says {new!r}", f"grep -qF {_q(new)} {_q(path)}")] if new else []
    if old not in new:
        facts.append(Fact(f"{path} no longer says {old!r}", f"! grep -qF {_q(old)} {_q(path)}"))
    return "replace", Did(facts, names={path})


def _phrase(words: str, task: str) -> bool:
    return bool(words) and re.search(rf"(?<![\w.-]){re.escape(words)}(?![\w-])", task, re.I) is not None


def _sed_unquoted(old: str, new: str, path: str, task: str) -> tuple[str, Did] | None:
    """``s/KEY OLD/KEY NEW/`` where the task gives the values in words ("bump the speed from 40 to 55", "every
    mention of pier 3 should now say pier 5", "change the value of timeout to 30"): the part that differs is the
    task's new value, and the part they share (the key that picks the line) or the old value is the task's too.
    The facts: the new text is there, as whole words, the old one gone, and one line changed unless the words say
    every mention."""
    a, b = old.split(" "), new.split(" ")
    if not new or " " in (old[:1], old[-1:], new[:1], new[-1:]):
        return None
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    was, now = " ".join(a[head:len(a) - tail]), " ".join(b[head:len(b) - tail])
    key = re.sub(r"[\s:=,-]+", " ", " ".join(a[:head] + a[len(a) - tail:])).strip()
    if not was or not now or not _phrase(now, task) or not _phrase(key or was, task):
        return None  # the new value is not the task's, or nothing ties the line changed to the task's words
    q, f = _q(new), _q(path)
    facts = [Fact(f"{path} says {new!r}", f"grep -qF {q} {f}"),
             Fact(f"{new!r} stands as whole words in {path}", f'[ "$(grep -cF {q} {f})" = "$(grep -cwF {q} {f})" ]')]
    if old not in new:
        facts.append(Fact(f"{path} no longer says {old!r}", f"! grep -qF {_q(old)} {f}"))
    if not re.search(r"\b(every|all|each|mentions?|occurrences?|everywhere|wherever|twice)\b", task, re.I):
        facts.append(Fact(f"one line of {path} says {new!r}", f'[ "$(grep -cF {q} {f})" = 1 ]'))
    return "replace", Did(facts, names={path})


def _unpack(w: list[str], task: str) -> tuple[str, Did] | None:
    if w[0] == "unzip" and len(w) in (2, 4) and (len(w) == 2 or w[2] == "-d") and _named(w[1], task):
        archive, dest, listing = _bare(w[1]), _bare(w[3]) if len(w) == 4 else ".", f"unzip -Z1 {_q(_bare(w[1]))}"
    elif w[0] == "tar" and len(w) in (3, 5) and re.fullmatch(r"-?x[zjv]*f", w[1]) and _named(w[2], task) \
            and (len(w) == 3 or w[3] == "-C"):
        archive, dest, listing = _bare(w[2]), _bare(w[4]) if len(w) == 5 else ".", f"tar tf {_q(_bare(w[2]))}"
    else:
        return None
    if dest != "." and not _named(dest, task):
        return None
    # the archive deleted after (as tasks ask: "then delete the tarball"): its list is gone, open (judge25: heldout14's
    # oracle unpack-then-delete was disproved)
    test = (f"[ -e {_q(archive)} ] || exit {OPEN}; "
            f"n=0; for p in $({listing} | grep -v '/$'); do [ -f {_q(dest)}/\"$p\" ] || exit 1; n=1; done; "
            '[ "$n" = 1 ]')
    return "unpack", Did([Fact(f"every file of {archive} is in {dest}/", test)], names={archive, dest})


def _list_archive(w: list[str], task: str) -> tuple[str, Did] | None:
    """``tar -tf A > F`` (or ``tar tzf``, ``unzip -Z1``) where the task asks what is inside the archive, into F: F
    holds the archive's listing, line for line (heldout15's tac listing went unclaimed); nothing is unpacked by it."""
    if len(w) == 5 and w[0] == "tar" and re.fullmatch(r"-?t[zjv]*f", w[1]) and w[3] == ">":
        archive, out, listing = _bare(w[2]), _bare(w[4]), f"tar tf {_q(_bare(w[2]))}"
    elif len(w) == 5 and w[:2] == ["unzip", "-Z1"] and w[3] == ">":
        archive, out, listing = _bare(w[2]), _bare(w[4]), f"unzip -Z1 {_q(_bare(w[2]))}"
    else:
        return None
    if "v" in w[1] or not _named(archive, task) or not _named(out, task) or archive == out:
        return None  # tar tvf lists with sizes and dates: not the names the words ask for
    return "list", Did([Fact(f"{out} holds the list of what is in {archive}", f'[ -n "$({listing})" ] && {listing} | cmp -s - {_q(out)}')],
                       names={archive, out})


def _mkdir(w: list[str], task: str) -> tuple[str, Did] | None:
    dirs = [a for a in w[1:] if a not in ("-p", "-v")]
    if w[0] != "mkdir" or not dirs or any(a.startswith("-") or not _named(a, task) for a in dirs):
        return None
    return "mkdir", Did([Fact(f"{_bare(d)}/ is a folder", f"[ -d {_q(_bare(d))} ]") for d in dirs],
                        names={_bare(d) for d in dirs})


_LINK_OPTS = {"-s", "-sf", "-fs", "-sv", "-sfn", "-snf", "-sn", "-ns", "--symbolic"}


def _ln(w: list[str], task: str) -> tuple[str, Did] | None:
    """``ln -s TARGET LINK`` where the task names both and its words say which way the link goes ("LINK ... points
    to TARGET", "a link to TARGET called LINK"): LINK is a symbolic link that leads to the task's TARGET (heldout16's
    odd half: a right ``ln -s`` whose wording the template of ``local_shapes._symlink`` missed went unclaimed)."""
    args = [a for a in w[1:] if a not in _LINK_OPTS | {"-f", "-n", "-v", "--"}]
    if (w[0] != "ln" or not _LINK_OPTS & set(w[1:]) or len(args) != 2 or any(a.startswith("-") for a in args)
            or any(ch in "".join(args) for ch in "*?$~")):
        return None
    target, link = (_bare(a) for a in args)
    if target == link or not _named(target, task) or not _named(link, task):
        return None
    t, k = (rf"(?<![\w./-]){re.escape(p)}(?![\w-])" for p in (target, link))
    ways = (rf"{k}.{{0,80}}?\b(points?|pointing|leads?|goes)\s+(at|to)\b.{{0,30}}?{t}",
            rf"{k}.{{0,40}}?\b(a|the)\s+(sym|symbolic\s+|soft\s+)?link\s+(to|at|pointing\s+(at|to))\s.{{0,30}}?{t}",
            rf"\b(sym|symbolic\s+|soft\s+)?link\s+(to|at)\s+(the\s+\w+\s+)?{t}.{{0,40}}?\b(called|named)\s+{k}")
    if not any(re.search(way, task, re.I | re.S) for way in ways):
        return None
    return "link", Did([Fact(f"{link} is a symbolic link to {target}",
                             f'[ -L {_q(link)} ] && [ -e {_q(link)} ] && [ -e {_q(target)} ] && '
                             f'[ "$(realpath {_q(link)})" = "$(realpath {_q(target)})" ]')], names={link, target})


def _rm(w: list[str], task: str) -> tuple[str, Did] | None:
    args = [a for a in w[1:] if a not in ("-f", "-v", "-r", "-rf", "-fr", "-R", "--")]
    deep = any(a in ("-r", "-rf", "-fr", "-R") for a in w[1:])
    if w[0] != "rm" or not args or any(a.startswith("-") for a in args):
        return None
    facts, names = [], set()
    for a in args:
        if kind := _type(a):
            folder, ext = kind
            if deep or not _named(folder, task) or not re.search(rf"(?<![\w-])\.?{re.escape(ext)}\b", task, re.I):
                return None
            facts.append(Fact(f"no .{ext} file is left in {folder}/", f"! ls -d {_q(folder)}/*.{ext} >/dev/null 2>&1"))
            names.add(folder)
        elif _named(a, task) and "*" not in a:
            facts.append(Fact(f"{_bare(a)} is gone", f"[ ! -e {_q(_bare(a))} ]"))
            names.add(_bare(a))
        else:
            return None
    return "rm", Did(facts, names=names)


def _find_rm(w: list[str], task: str) -> tuple[str, Did] | None:
    """``find DIR -type f -empty -delete`` (or ``-exec rm {} \\;``) where the task says the files to remove are the
    empty ones: no empty file is left in DIR (or below it). Files with content are not touched by such a step."""
    text = " ".join(w)
    m = re.fullmatch(r"find ([\w][\w./-]*) ((?:-type f |-empty ){2})(?:-delete|-exec rm (?:-f )?\{\} (?:\\;|;|\+))", text)
    if not m or not _named(m.group(1), task) or "-type f" not in m.group(2) or "-empty" not in m.group(2):
        return None
    # "its subfolders too" asks for the depth such a find goes to by itself (heldout15's curaco run went unclaimed)
    deep = re.sub(r"\b(?:(?:its|the|their)\s+)?(?:subfolders?|sub-?director\w*)\s+(?:too|also|as well|included)\b|"
                  r"\b(?:including|also in|plus)\s+(?:(?:its|the|their)\s+)?(?:subfolders?|sub-?director\w*)\b", " ", task,
                  flags=re.I)
    if not re.search(r"\b(delete|remove|get rid|drop|clean|clear out|rm)\b", task, re.I) or \
            re.search(r"\b(directly|subfolders?|sub-?director\w*|top level|only in|folders?)\b", deep, re.I):
        return None
    folder = _bare(m.group(1))
    return "rm_empty", Did([Fact(f"no empty file is left in {folder}/",
                                 f"[ -d {_q(folder)} ] && ! find {_q(folder)} -type f -empty | grep -q .")],
                           names={folder})


def _tar(w: list[str], task: str) -> tuple[str, Did] | None:
    # tar -czf ARCHIVE FOLDER (made; unpacking is _unpack's)
    if len(w) != 4 or not re.fullmatch(r"-?c[zjv]*f", w[1]) or not _named(w[2], task) or not _named(w[3], task):
        return None
    archive, folder = _bare(w[2]), _bare(w[3])
    test = holds_folder(archive, folder, task)
    return "pack", Did([Fact(f"{archive} holds {folder}/'s files", test)], names={archive, folder})


def _echo(w: list[str], task: str) -> tuple[str, Did] | None:
    # echo TEXT > FILE (a file of that line) or echo TEXT >> FILE (that line added at its end); TEXT the task's own
    if len(w) < 4 or w[0] != "echo" or w[-2] not in (">", ">>") or not _named(w[-1], task):
        return None
    text, path = " ".join(w[1:-2]), _bare(w[-1])
    said = (text in _quotes(task) or re.search(rf":\s*{re.escape(text)}\s*\.?\s*$", task)
            or w[-2] == ">>" and re.search(rf"\b(?:add|append)\s+(?:the\s+line\s+)?{re.escape(text)}\s+(?:as|to|at)\b", task, re.I))
    if not text or text.startswith("-") or not said:
        return None
    if w[-2] == ">":
        return "write", Did([Fact(f"{path} holds the line {text!r}", f'[ "$(cat {_q(path)})" = {_q(text)} ]')], names={path})
    return "append", Did([Fact(f"the last line of {path} is {text!r}", f'[ "$(tail -n 1 {_q(path)})" = {_q(text)} ]'),
                          Fact(f"{path} kept lines before it", f'[ "$(wc -l < {_q(path)})" -ge 2 ]')], names={path})


_ANY_CASE = r"\b(in )?any (capitali[sz]ation|case)\b|\bignoring (the )?case\b|\bcase[- ]insensitive(ly)?\b"


def _count(segment: str, task: str) -> tuple[str, Did] | None:
    """A count written into a file (``grep -c W F > N``, ``grep W F | wc -l > N``, ``wc -l < F > N``): the harness
    counts again what the task's words ask for (lines, or lines that mention a word), not what the command did."""
    m = (re.fullmatch(r"grep (?:-c|-ci|-ic|-i -c|-c -i) ('?)(\w+)\1 ([\w./-]+) > ([\w./-]+)", segment)
         or re.fullmatch(r"(?:grep (?:-i )?('?)(\w+)\1 ([\w./-]+)|cat ([\w./-]+)) \| wc -l > ([\w./-]+)", segment)
         or re.fullmatch(r"wc -l < ([\w./-]+) > ([\w./-]+)", segment))
    if not m:
        return None
    groups = [g for g in m.groups() if g]
    source, out = _bare(groups[-2]), _bare(groups[-1])
    if not _named(source, task) or not _named(out, task) or source == out:
        return None
    wanted = (re.search(r"\b(?:mention|mentions|mentioning|contain|contains|containing|with the word|include|includes|"
                        r"including)\s+(?:the\s+word\s+)?['\"]?(\w+)['\"]?", task, re.I)
              or re.search(r"\b(?:have|has|having|with)\s+['\"](\w+)['\"]", task, re.I))
    if wanted and wanted.group(1).lower() in ("a", "an", "the", "it", "them", "lines", "in", "any"):
        return None
    if wanted:
        word = wanted.group(1)
        i = "i" if re.search(_ANY_CASE, task, re.I) else ""
        expr = f"grep -c{i} {_q(word)} {_q(source)}"
        # a word inside a longer one ('ERRORS'), or in another case where the words do not say: two readings, open
        same = f'[ "$({expr})" = "$(grep -cw{i} {_q(word)} {_q(source)})" ]'
        if not i:
            same += f' && [ "$({expr})" = "$(grep -ci {_q(word)} {_q(source)})" ]'
        what = f"the lines of {source} that mention {word}"
    elif re.search(r"\blines\b", task, re.I) and not re.search(r"\b(mention\w*|contain\w*|with|have|has|having|include\w*|"
                                                             r"match\w*|says?|word|about|where|that|which|non-?\w+)\b", task, re.I):
        expr, same, what = f"wc -l < {_q(source)}", f'[ -z "$(tail -c 1 {_q(source)})" ]', f"the lines of {source}"
    else:
        return None
    test = f'{{ {same}; }} || exit {OPEN}; n="$({expr})" && [ -n "$n" ] && [ "$(tr -d \' \\n\' < {_q(out)})" = "$n" ]'
    return "count", Did([Fact(f"{out} holds the number of {what}", test)], names={source, out})
