"""A list of the files that contain a word, written into a file, read as a fact of the workspace (``local_work.py``;
issue 18, twenty-fifth wave).

"List the files under src/ that contain FIXME, one per line, sorted, into fixme.txt" is a shape of six published
suites (heldout3, 5, 6, 10, 13, 16) and of a right run of heldout17's odd half that its acting chat then judged "no"
(``find src/ -type f -exec grep -l FIXME {} \\; | sort > fixme.txt``); no reading proved any of them. The steps read:
``grep -rl W DIR [| sort] > F``, ``grep -l W DIR/* ...``, ``grep -rl --include='*.EXT' ...`` and ``find DIR -type f
[-name '*.EXT'] -exec grep -l W {} \\;|+ [| sort] > F``. The harness then lists again what the task's words ask for
(the files under DIR holding W, of the type the words name, at the depth they say), not what the command did, and
compares it with F (``./`` and doubled slashes read past; sorted where the words say sorted, as a set where they say
any order). Not read: words that say neither (the order the check wants is unknown), names without their folder, a
word the task does not write. Where two readings differ in this workspace (a lower-case word also found in another
case, the word only inside a longer one, a folder with subfolders and words that do not say how deep), the fact is
open: the model's own checks decide, as before.
"""

from __future__ import annotations

import re

from macrohard.models.local_shapes import OPEN, Fact
from macrohard.models.local_shown import shown
from macrohard.models.local_work_files import _ORDER_DOWN, Did, _bare, _named, _q
from macrohard.models.local_work_find import DEEP, DIRECT

WANT = r"\b(contain\w*|mention\w*|ha(?:ve|s|ving)|with|includ\w*)\b"
ANSWERS = {"list", "every", "all", "each", "line", "lines", "sort", "sorted", "order", "write", "put", "save", "which",
           "find", "grep", "what"}
PHRASES = r"\bany order\b|\bone (?:path |file )?per line\b|\bone (?:on )?each line\b|" + DEEP
_WORD = r"['\"]?([\w.-]+)['\"]?"
_OUT = r"( \| sort)? > ([\w./-]+)"
_GREP = re.compile(rf"grep (?:-rl|-lr|-Rl|-lR|-r -l|-l -r|-R -l|-l -R|-l)(?: --include=['\"]?\*\.\w+['\"]?)? {_WORD} "
                   rf"([\w][\w./-]*?)(/\*)?{_OUT}")
_FIND = re.compile(rf"find ([\w][\w./-]*) -type f(?: -name ['\"]?\*\.\w+['\"]?)? -exec grep -l {_WORD} \{{\}} (?:\\;|\+)"
                   rf"{_OUT}")
_SORTED = r"\b(sort|sorted|alphabetical\w*|in (?:alphabetical )?order|a-z|a to z)\b"
_ANY_ORDER = r"\b(any order|in no (?:particular )?order|order (?:doesn'?t|does not) matter)\b"
_ANY_CASE = r"\b(in )?any (capitali[sz]ation|case)\b|\bignoring (the )?case\b|\bcase[- ]insensitive(ly)?\b"


def _norm(expr: str) -> str:
    return f"{expr} | sed 's#^\\./##; s#//*#/#g' | grep -v '^$'"


def files_with(segment: str, task: str) -> tuple[str, Did] | None:
    """The shape ``grep_list`` of one step (see the module's note), or None."""
    if m := _GREP.fullmatch(segment):
        word, folder, out = m.group(1), m.group(2), m.group(5)
    elif m := _FIND.fullmatch(segment):
        folder, word, out = m.group(1), m.group(2), m.group(4)
    else:
        return None
    folder, out = _bare(folder), _bare(out)
    if not _named(folder, task) or not _named(out, task) or folder == out or folder in (".", ""):
        return None
    if not re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-])", task):  # the word as the task writes it
        return None
    if not re.search(WANT, task, re.I) or re.search(_ORDER_DOWN, task, re.I):
        return None
    sorted_words, any_order = re.search(_SORTED, task, re.I), re.search(_ANY_ORDER, task, re.I)
    if not sorted_words and not any_order:
        return None  # the order the words want is not said
    named_ext = re.search(r"(?<![\w-])\.(\w{1,6})\s+files?\b", task, re.I)
    ext = named_ext.group(1) if named_ext else None  # the type the words name (the step's own filter is not read)
    deep = re.search(DEEP, task, re.I) or re.search(r"\bunder\b", task, re.I)
    direct = re.search(DIRECT, task, re.I)
    if deep and direct:
        return None
    i = "i" if re.search(_ANY_CASE, task, re.I) else ""
    include = f" --include={_q('*.' + ext)}" if ext else ""
    flat_glob = f"{_q(folder)}/*.{ext}" if ext else f"{_q(folder)}/*"

    def listed(flags: str, depth: str) -> str:
        if depth == "deep":
            return _norm(f"grep -rl{flags}{include} -e {_q(word)} -- {_q(folder)} 2>/dev/null") + " | sort"
        return _norm(f"grep -l{flags} -d skip -s -e {_q(word)} -- {flat_glob}") + " | sort"

    depth = "direct" if direct else "deep"
    want = listed(i, depth)
    same = [f'[ "$({want})" = "$({listed(i + "w", depth)})" ]']  # the word alone, not only inside a longer one
    if not i and word == word.lower():  # a lower-case word may be meant in any case
        same.append(f'[ "$({want})" = "$({listed("i", depth)})" ]')
    if not deep and not direct:  # the words do not say how deep: the two readings must agree here
        same.append(f'[ "$({want})" = "$({listed(i, "direct")})" ]')
    got = _norm(f"cat {_q(out)}") + ("" if sorted_words and not any_order else " | sort")
    test = (f"{{ {' && '.join(same)}; }} || exit {OPEN}; w=\"$({want})\" && [ -n \"$w\" ] && [ -f {_q(out)} ] && "
            f"[ \"$({got})\" = \"$w\" ]")
    what = f"{out} lists the files {'under' if depth == 'deep' else 'in'} {folder}/ that contain {word}"
    examples = {_bare(e) for e in shown(task)}  # a format shown, not a demand (local_shown: the one reader)
    return "grep_list", Did([Fact(what + (", sorted" if sorted_words and not any_order else ""), test)],
                            names={folder, out} | examples)


__all__ = ["ANSWERS", "PHRASES", "WANT", "files_with"]
