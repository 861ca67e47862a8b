"""Three more steps read as facts of the workspace (``local_work.py``, issue 18, twentieth wave): files of one type
removed from a folder tree by ``find``, the files of one type counted into a file, and a file's first or last N lines
saved into another. agent19's held-out runs of heldout14 (dev now) did each of these right and went unclaimed,
because no shape read ``find … -name '*.tmp' -exec rm``, ``find … | wc -l > F`` or ``tail -n 3 F > G``.

As everywhere in the work's facts, the test is what the task's words ask for, recomputed from the workspace, never
the command the run chose: the count is counted again, the lines taken again. Where the words leave open a reading
that differs in this workspace (the folder's subfolders, the case of the extension), the fact's test exits ``OPEN``
and the model's own checks decide, as before.
"""

from __future__ import annotations

import re

from macrohard.models.local_shapes import OPEN, Fact
from macrohard.models.local_work_files import Did, _bare, _named, _q

# the words say the whole tree, or only the folder itself
DEEP = (r"\b(includ\w* (?:the |its |any )?sub-?(?:folders?|director\w*)|sub-?(?:folders?|director\w*) (?:too|included)|"
        r"(?:also\s+)?(?:down\s+)?in\s+(?:the|its|all(?: the)?)\s+sub-?(?:folders|directories)(?:\s+too)?|anywhere|"
        r"everywhere|recursive\w*|at any depth|however deep|all the way down)\b")
DIRECT = (r"\b(directly|top[- ]level|only in|not (?:in |counting |including |inside )?(?:the |any )?"
          r"sub-?(?:folders?|director\w*))\b")
_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_N = r"(\d+|" + "|".join(_NUMBER) + r")"
# "the last 3 lines", "the first five lines", "the top 10 lines" (set aside as the part's own words: local_work)
PART = rf"\b(first|top|last|bottom|final)\s+{_N}\s+lines?\b"


def _depth(task: str) -> str | None:
    """"deep", "direct", "either" (the words do not say), or None (they say both)."""
    deep, direct = re.search(DEEP, task, re.I), re.search(DIRECT, task, re.I)
    if deep and direct:
        return None
    return "deep" if deep else "direct" if direct else "either"


def _ext_named(ext: str, task: str) -> bool:
    return re.search(rf"(?<![\w-])\.?{re.escape(ext)}\b", task, re.I) is not None


def sweep(w: list[str], task: str) -> tuple[str, Did] | None:
    """``find DIR [-type f] -name '*.EXT' (-delete | -exec rm [-f] {} ;)``: no .EXT file is left anywhere below DIR.
    Open where DIR has subfolders and the words do not say the whole tree (the folder alone was perhaps meant); not
    read where they say the folder alone (a recursive step does more than that)."""
    m = re.fullmatch(r"find ([\w][\w./-]*) (?:-type f )?-name \*\.(\w+) (?:-type f )?"
                     r"(?:-delete|-exec rm (?:-f )?\{\} (?:\\;|;|\+))", " ".join(w))
    if not m or not _named(m.group(1), task) or not _ext_named(m.group(2), task):
        return None
    if not re.search(r"\b(delete|remove|get rid|drop|clean|clear|sweep|rm)\b", task, re.I) or _depth(task) in (None, "direct"):
        return None
    folder, ext = _bare(m.group(1)), m.group(2)
    test = f"[ -d {_q(folder)} ] && ! find {_q(folder)} -type f -name {_q('*.' + ext)} | grep -q ."
    if _depth(task) == "either":
        test = f"{test} && {{ ! find {_q(folder)} -mindepth 1 -type d | grep -q . || exit {OPEN}; }}"
    return "rm", Did([Fact(f"no .{ext} file is left in {folder}/ or below it", test)], names={folder})


def count_files(segment: str, task: str) -> tuple[str, Did] | None:
    """``find DIR [-maxdepth 1] [-type f] -name '*.EXT' | wc -l > F`` or ``ls DIR/*.EXT | wc -l > F``: F holds the number
    of .EXT files in DIR, counted again (below it too where the words say so; open where they do not and the two
    counts differ, or where the extension's case changes the count and the words do not say)."""
    segment = re.sub(r"\s*>\s*", " > ", re.sub(r"\s*\|\s*", " | ", segment.strip()))
    m = (re.fullmatch(r"find ([\w][\w./-]*) (?:-maxdepth 1 )?(?:-type f )?-i?name ['\"]?\*\.(\w+)['\"]? (?:-type f )?"
                      r"\| wc -l > ([\w./-]+)", segment)
         or re.fullmatch(r"ls (?:-1 )?([\w][\w./-]*?)/?\*\.(\w+) \| wc -l > ([\w./-]+)", segment))
    if not m:
        return None
    folder, ext, out = _bare(m.group(1)), m.group(2), _bare(m.group(3))
    if not _named(folder, task) or not _named(out, task) or not _ext_named(ext, task) or folder == out:
        return None
    if not re.search(r"\b(how many|count|number)\b", task, re.I) or (depth := _depth(task)) is None:
        return None

    def counted(deep: bool, case: str) -> str:
        return (f"find {_q(folder)} {'' if deep else '-maxdepth 1 '}-type f -{case} {_q('*.' + ext)} "
                f"| wc -l | tr -d ' '")

    deep = depth == "deep"
    same = f'[ "$({counted(deep, "name")})" = "$({counted(deep, "iname")})" ]'
    if depth == "either":
        same += f' && [ "$({counted(True, "name")})" = "$({counted(False, "name")})" ]'
    # none there now but a number written: the files counted may have been deleted after, as the task asks ("delete
    # every .log file ... and write how many you deleted"): open (judge25: heldout16's oracle was disproved)
    test = (f'[ -d {_q(folder)} ] && {{ {same}; }} || exit {OPEN}; n="$({counted(deep, "name")})" && '
            f'{{ [ "$n" != 0 ] || [ "$(tr -d \' \\n\' < {_q(out)})" = 0 ] || exit {OPEN}; }} && '
            f'[ "$(tr -d \' \\n\' < {_q(out)})" = "$n" ]')
    return "count", Did([Fact(f"{out} holds the number of .{ext} files in {folder}/", test)], names={folder, out})


# "bigger than 1024 bytes", "smaller than 500 bytes": a size the words give in bytes (a KB or MB is left unread: 1000 or
# 1024 is not said, and find rounds -size k/M up to whole units)
SIZE = (r"\b(?:(bigger|larger|greater|more|over)|(smaller|less|under))\s+(?:in\s+size\s+)?than\s+(\d+)\s*"
        r"(?:bytes?|b)\b")


def count_sized(segment: str, task: str) -> tuple[str, Did] | None:
    """``find DIR [-maxdepth 1] [-type f] -size +Nc | wc -l > F`` (or ``-N``, ``-size -Nc``): F holds the number of
    files in DIR bigger (or smaller) than the byte size the task's words give, counted again with the words' size
    and direction, not the command's (below it too where the words say so; open where they do not and the two counts
    differ). agent32: heldout20's castelsardo run did this right and went unclaimed (its own "no" on "3")."""
    segment = re.sub(r"\s*>\s*", " > ", re.sub(r"\s*\|\s*", " | ", segment.strip()))
    m = re.fullmatch(r"find ([\w][\w./-]*) (?:-maxdepth 1 )?(?:-type f )?-size [+-]?\d+[ckMG]? (?:-type f )?"
                     r"\| wc -l > ([\w./-]+)", segment)
    said = re.findall(SIZE, task, re.I)
    if not m or len(said) != 1:
        return None
    folder, out = _bare(m.group(1)), _bare(m.group(2))
    if not _named(folder, task) or not _named(out, task) or folder == out:
        return None
    # files of every kind: "how many files", "the number of files", "count the files" (not "how many .txt files", "log
    # files", "images": a kind the recount would not read)
    if not re.search(r"\b(how many|number of|count(?: all)?(?: the)?)\s+files\b", task, re.I) or (depth := _depth(task)) is None:
        return None
    bigger, size = bool(said[0][0]), int(said[0][2])
    if not bigger and size == 0:
        return None

    def counted(deep: bool) -> str:
        return (f"find {_q(folder)} {'' if deep else '-maxdepth 1 '}-type f -size {'+' if bigger else '-'}{size}c "
                f"| wc -l | tr -d ' '")

    same = f'[ "$({counted(True)})" = "$({counted(False)})" ]' if depth == "either" else "true"
    test = (f'[ -d {_q(folder)} ] && {{ {same}; }} || exit {OPEN}; n="$({counted(depth == "deep")})" && '
            f'{{ [ "$n" != 0 ] || [ "$(tr -d \' \\n\' < {_q(out)})" = 0 ] || exit {OPEN}; }} && '
            f'[ "$(tr -d \' \\n\' < {_q(out)})" = "$n" ]')
    what = f"{out} holds the number of files in {folder}/ {'bigger' if bigger else 'smaller'} than {size} bytes"
    return "count_size", Did([Fact(what, test)], names={folder, out})


# a file's permissions the words spell out: "r--r--r--", "rw-r-----", "mode 640", "permissions 0600"
_SYMBOLIC = r"(?<![\w-])((?:[r-][w-][x-]){3})(?![\w-])"
_OCTAL = r"\b(?:mode|permissions?|chmod)\s+(?:of\s+[\w./-]+\s+)?(?:to\s+|=\s*)?0?([0-7]{3})\b"
MODE = (r"\bread[- ]only\b(?:\s+for\s+(?:everybody|everyone|all|all users|the owner))?|\(\s*" + _SYMBOLIC + r"\s*\)|"
        + _SYMBOLIC + "|" + _OCTAL + r"|\bpermissions?\b|\bmode\b")


def _said_mode(task: str) -> str | None:
    """The one octal mode the words give (a 9-letter ``r--r--r--`` or a number after mode/permissions), else None."""
    modes = {"".join(str(sum(v for c, v in zip(m[i:i + 3], (4, 2, 1), strict=True) if c != "-")) for i in (0, 3, 6))
             for m in re.findall(_SYMBOLIC, task)}
    modes |= set(re.findall(_OCTAL, task, re.I))
    return modes.pop() if len(modes) == 1 else None


def mode_set(w: list[str], task: str) -> tuple[str, Did] | None:
    """``chmod MODE FILE...`` where the words spell the mode out (``r--r--r--``, "mode 640"): each file the task names
    has exactly the words' mode (its content untouched by chmod). A mode the words give only in prose ("read-only",
    "private") reads more than one way: not read. agent32: heldout20's lanusei run."""
    if len(w) < 3 or w[0] != "chmod" or w[1].startswith("-") or (mode := _said_mode(task)) is None:
        return None
    files = [_bare(f) for f in w[2:]]
    if any("*" in f or not _named(f, task) for f in files):
        return None
    facts = [Fact(f"{f} has mode {mode}", f'[ -e {_q(f)} ] && [ "$(stat -c %a {_q(f)})" = {mode} ]') for f in files]
    return "mode", Did(facts, names=set(files))


def rm_in_tree(found: tuple[str, Did] | None, w: list[str], task: str) -> tuple[str, Did] | None:
    """``rm DIR/*.EXT`` (``local_work_files._rm``) removes the folder's own .EXT files only: where the words do not say
    the folder alone and .EXT files are left in its subfolders, open (the whole tree was perhaps meant); where the
    words say the whole tree, those left are a "no". (Before, the fact read only the folder itself.)"""
    if found is None or found[0] != "rm" or (depth := _depth(task)) == "direct":
        return found
    facts = []
    for fact in found[1].facts:
        if m := re.fullmatch(r"no \.(\w+) file is left in (.+)/", fact.what):
            ext, folder = m.group(1), m.group(2)
            below = f"find {_q(folder)} -mindepth 2 -type f -name {_q('*.' + ext)} | grep -q ."
            tail = f"! {below}" if depth == "deep" else f"{{ ! {below} || exit {OPEN}; }}"
            fact = Fact(fact.what, f"{fact.test} && {tail}")
        facts.append(fact)
    return found[0], Did(facts, found[1].words, found[1].names)


def part(w: list[str], task: str) -> tuple[str, Did] | None:
    """``head|tail -n N F > G`` (or ``-N``): G holds the first or last N lines of F that the task's words name (the
    words' N and end, not the command's)."""
    if len(w) not in (5, 6) or w[0] not in ("head", "tail") or w[-2] != ">":
        return None
    if not (len(w) == 6 and w[1] == "-n" and w[2].isdigit() or len(w) == 5 and re.fullmatch(r"-\d+", w[1])):
        return None
    source, out = _bare(w[-3]), _bare(w[-1])
    said = re.findall(PART, task, re.I)
    if len(said) != 1 or not _named(source, task) or not _named(out, task) or source == out:
        return None
    end, n = said[0][0].lower(), said[0][1].lower()
    count = _NUMBER.get(n) or int(n)
    program = "head" if end in ("first", "top") else "tail"
    test = f'[ -s {_q(out)} ] && [ "$({program} -n {count} {_q(source)})" = "$(cat {_q(out)})" ]'
    which = "first" if program == "head" else "last"
    return "part", Did([Fact(f"{out} holds the {which} {count} lines of {source}", test)], names={source, out})


__all__ = ["DEEP", "DIRECT", "PART", "SIZE", "MODE", "count_files", "count_sized", "mode_set", "part", "rm_in_tree", "sweep"]
