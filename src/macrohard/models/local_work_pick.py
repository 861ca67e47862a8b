"""The name of the largest (smallest, newest, oldest) file in a folder, written into a file, read as a fact of the
workspace (``local_work.py``; issue 18, twenty-fifth wave).

"Which file in media/ is the largest? Write just its file name into biggest.txt" is a task of fifteen published
suites' (heldout..heldout16: largest 11, newest 3, oldest 1), answered by ``ls -S DIR | head -n 1 > F`` (``-t``,
``-tr``); no reading proved any of them, so each right run went to the model's own yes/no. The harness finds again
what the words ask for: among the regular files directly in DIR (of the type the words name; hidden ones left out),
the one with the largest (smallest) size in bytes or the newest (oldest) modification time, and tests that F holds
its name (or DIR/name where the words ask for a path; either where the words say neither "name" nor "path": no proof).
A tie for first place in this workspace leaves the fact open (two right answers: the model's own checks decide).
"""

from __future__ import annotations

import re

from macrohard.models.local_shapes import OPEN, Fact
from macrohard.models.local_work_files import Did, _bare, _named, _q

_BIG = r"\b(largest|biggest|heaviest|fattest|most bytes)\b"
_SMALL = r"\b(smallest|lightest|tiniest|fewest bytes)\b"
_NEW = r"\b(newest|latest|most recent(?:ly)?(?: (?:modified|changed|updated|touched))?|(?:modified|changed|updated) (?:most )?recently|last (?:modified|changed|updated))\b"
_OLD = r"\b(oldest|stalest|least recent(?:ly)?(?: (?:modified|changed|updated))?|(?:modified|changed|updated) longest ago)\b"
WANT = "|".join((_BIG, _SMALL, _NEW, _OLD))
ANSWERS = {"which", "what", "find", "name", "names", "just", "only", "write", "put", "save", "biggest", "largest",
           "smallest", "oldest", "newest", "look", "tell"}
PHRASES = (r"\blast (?:modified|changed|updated)\b|\bmodified last\b|\bby (?:file )?size\b|\bin bytes\b|"
           r"\bby (?:its |their )?(?:modification |modified |change )?(?:time|date)\b|\b(?:not|without) (?:counting |"
           r"including )?(?:the )?sub-?(?:folders?|director\w*)\b|\bno (?:folder|path|directory)\b|\bwithout the folder\b")
_EXAMPLE = r"\b(?:like|e\.g\.,?|such as|for example)\s+([\w][\w./-]*)"
_LS = re.compile(r"ls -([1StrS]+) ([\w][\w./-]*?)/? \| head (?:-n ?1|-1) > ([\w./-]+)")


def picked(segment: str, task: str) -> tuple[str, Did] | None:
    """The shape ``pick`` of one step ``ls -S|-t|-tr|-Sr DIR | head -n 1 > F`` (see the module's note), or None."""
    m = _LS.fullmatch(segment)
    if not m:
        return None
    opts, folder, out = set(m.group(1)) - {"1"}, _bare(m.group(2)), _bare(m.group(3))
    if not _named(folder, task) or not _named(out, task) or folder == out or opts - {"S", "t", "r"}:
        return None
    said = [bool(re.search(p, task, re.I)) for p in (_BIG, _SMALL, _NEW, _OLD)]
    if sum(said) != 1:
        return None  # no criterion in the words, or two (no single file to name)
    key, down = [("%s", True), ("%s", False), ("%T@", True), ("%T@", False)][said.index(True)]
    if ("S" in opts) != (key == "%s") or "S" in opts and "t" in opts:
        return None  # the step sorted by something else than the words ask for
    path = re.search(r"(?<!no )\b(path|with (?:the|its) folder)\b", task, re.I)
    name = re.search(r"\b(file ?names?|names?|no (?:folder|path|directory)|without the folder)\b", task, re.I)
    if bool(path) == bool(name):
        return None  # the form of the answer is not said (or said both ways)
    ext = re.search(r"(?<![\w-])\.(\w{1,6})\b(?!\w*/)(?=\s*(?:files?|ones?|in|inside|under|of)\b)", task, re.I)
    kind = f" -name {_q('*.' + ext.group(1))}" if ext else ""
    listing = (f"find {_q(folder)} -mindepth 1 -maxdepth 1 -type f ! -name '.*'{kind} -printf '{key} %f\\n' | "
               f"sort -k1,1{'nr' if down else 'n'} | head -n 2")
    answer = f"{folder}/$b" if path else "$b"
    test = (f'l="$({listing})" && [ -n "$l" ] && b="$(printf "%s\\n" "$l" | head -n 1 | cut -d" " -f2-)" && '
            f'{{ [ "$(printf "%s\\n" "$l" | wc -l)" -lt 2 ] || [ "$(printf "%s\\n" "$l" | cut -d" " -f1 | uniq | wc -l)" = 2 ] '
            f'|| exit {OPEN}; }} && [ "$(tr -d \'\\n\' < {_q(out)} | sed \'s/[[:space:]]*$//; s#^\\./##\')" = "{answer}" ]')
    which = ["largest", "smallest", "newest", "oldest"][said.index(True)]
    what = f"{out} holds the {'path' if path else 'name'} of the {which} file in {folder}/"
    examples = {_bare(e.rstrip(".,;:)")) for e in re.findall(_EXAMPLE, task, re.I)}  # a format shown, not a demand
    return "pick", Did([Fact(what, test)], names={folder, out} | examples)


NAMES_WANT = r"\b(names?|list|listing)\b"
NAMES_ANSWERS = {"list", "names", "name", "sort", "sorted", "order", "write", "put", "save", "line", "lines", "only",
                 "just", "all", "every", "each", "what", "which"}
NAMES_PHRASES = r"\bone (?:name |file ?name )?per line\b|\bno (?:folders?|paths?|directory)\b|\bnames only\b|\bjust the names\b"
_LS_NAMES = re.compile(r"ls(?: -1)? ([\w][\w./-]*?)/?(?: \| sort)? > ([\w./-]+)")
_SORTED = r"\b(sort|sorted|alphabetical\w*|in (?:alphabetical )?order|a-z|a to z)\b"


def names_listed(segment: str, task: str) -> tuple[str, Did] | None:
    """``ls [-1] DIR [| sort] > F`` where the words ask for the names of the files in DIR, sorted: F holds the names of
    DIR's entries (hidden ones left out), one per line, in ``sort``'s order. Open where DIR holds a folder (a "file"
    may or may not mean it); no proof where the words ask for paths, or do not say sorted (ls's order is the
    locale's: the order the check wants is unknown)."""
    m = _LS_NAMES.fullmatch(segment)
    if not m:
        return None
    folder, out = _bare(m.group(1)), _bare(m.group(2))
    if not _named(folder, task) or not _named(out, task) or folder == out:
        return None
    if not re.search(r"\bnames?\b", task, re.I) or not re.search(_SORTED, task, re.I):
        return None
    if re.search(r"(?<!no )\bpaths?\b|" + "|".join((_BIG, _SMALL, _NEW, _OLD)), task, re.I):
        return None
    ext = re.search(r"(?<![\w-])\.(\w{1,6})\b(?!\w*/)(?=\s*(?:files?|ones?|in|inside|under|of)\b)", task, re.I)
    if ext:
        return None  # a type named: the listing of the whole folder is not what the words ask for
    want = f"find {_q(folder)} -mindepth 1 -maxdepth 1 ! -name '.*' -printf '%f\\n' | sort"
    test = (f"{{ ! find {_q(folder)} -mindepth 1 -maxdepth 1 -type d ! -name '.*' | grep -q . || exit {OPEN}; }}; "
            f'w="$({want})" && [ -n "$w" ] && [ -f {_q(out)} ] && '
            f'[ "$(sed \'s/[[:space:]]*$//\' {_q(out)} | grep -v \'^$\')" = "$w" ]')
    return "names", Did([Fact(f"{out} holds the names of the files in {folder}/, sorted", test)], names={folder, out})


__all__ = ["ANSWERS", "NAMES_ANSWERS", "NAMES_PHRASES", "NAMES_WANT", "PHRASES", "WANT", "names_listed", "picked"]
