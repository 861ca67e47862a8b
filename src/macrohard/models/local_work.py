"""Facts keyed on what the run did to the files the task names (issue 18, eighteenth wave).

The shapes of ``local_shapes.py`` read a task's demands from sentence templates, and a fresh writer's wording mostly
misses them (agent17: no held-out task of heldout12 was of a shape). Here the step comes first: each command the run
ran is read (``cp``, ``mv``, ``chmod``, ``sort > F``, ``sed -i s/A/B/``, ``git checkout -b``, ``git merge`` then
``git branch -d``, ``git checkout -- F``, ``unzip``/``tar x``), and when the task names what it touched and says in
words what it wants of it (copied, moved, executable, sorted from largest, 'A' replaced by 'B', a branch switched to,
merged and deleted, got back, unpacked), the harness turns that into a shell test of the workspace as it is now:
the copy is the same as its source (``diff -r``), nothing of the type is left where it was moved from, the sorted
file holds the source's lines in the order the task's words say (not the order the command chose), and so on.

A run is proved only when every step that changed anything is one of these (the rest only read: ``ls``, ``cat``,
...), every file the task names is one a step touched or read, and every demand word of the task (the list of
``local_shapes._OTHER``, after the task's paths and quoted texts are set aside) is one the steps' shapes answer. The
task's own check is never read.

The task's words are read by their roles first (``local_roles.py``, nineteenth wave): a symptom ("it won't run"), a
purpose ("so I can run it"), a position the shape reads ("a last line"), and what is to be kept ("but keep my edits",
"the original stays as it is") are set aside, so only the demands are counted. Steps read since: ``git push REMOTE
BRANCH`` (the remote's branch is the local one), ``git merge B`` alone (B's tip in the current branch, the one the
words name), ``git branch -d B``, ``find DIR -type f -empty -delete``, and ``sed -i s/KEY OLD/KEY NEW/`` where the task
gives the values in words rather than quotes; git's quietening options (``-q``, ``--no-edit``) are read past.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from macrohard.models.local_examples import task_paths
from macrohard.models.local_roles import set_aside, stays_on, unread_keep
from macrohard.models.local_shapes import _OTHER, OPEN, Fact
from macrohard.models.local_work_files import (
    Did,
    _bare,
    _chmod,
    _count,
    _cp,
    _echo,
    _find_mv,
    _find_rm,
    _list_archive,
    _ln,
    _mkdir,
    _mv,
    _rm,
    _sed,
    _sort,
    _tar,
    _unpack,
)
from macrohard.models.local_work_find import (
    DEEP,
    MODE,
    PART,
    SIZE,
    count_files,
    count_sized,
    mode_set,
    part,
    rm_in_tree,
    sweep,
)
from macrohard.models.local_work_git import _amend, _commit, _committed, _git, _push, _tag, _undo, _unstage, kept_out
from macrohard.models.local_work_grep import ANSWERS as _GREP_ANSWERS
from macrohard.models.local_work_grep import PHRASES as _GREP_PHRASES
from macrohard.models.local_work_grep import WANT as _GREP_WANT
from macrohard.models.local_work_grep import files_with
from macrohard.models.local_work_pick import ANSWERS as _PICK_ANSWERS
from macrohard.models.local_work_pick import NAMES_ANSWERS, NAMES_PHRASES, NAMES_WANT, names_listed, picked
from macrohard.models.local_work_pick import PHRASES as _PICK_PHRASES
from macrohard.models.local_work_pick import WANT as _PICK_WANT

_READS = re.compile(r"^(ls|cat|head|tail|wc|stat|file|tree|grep|egrep|test|\[|echo|printf|pwd|diff|cmp|du|less|more|"
                    r"sha256sum|md5sum|zcat|true|realpath|readlink|basename|dirname|sort|uniq|cut|awk|column|"
                    r"git (status|log|diff|show|rev-parse|reflog|ls-files)|git branch( -a| -v| -vv| --list)?$|"
                    r"git tag( -l| --list)?$|tar t\w*|unzip -l|sed (?!.*-i)|find(?!.*-(exec|delete|ok|fprint)))\b")


def _segments(command: str) -> list[str] | None:
    """A command's steps split at ``&&``, ``;`` and new lines (None: it uses ``||``, a subshell or a substitution)."""
    if re.search(r"\|\||`|\$\(|[(){}]", command.replace("{} ", "").replace("{}\\;", "").replace("{} +", "")):
        return None
    return [s.strip() for s in re.split(r"&&|;(?!\s*$)(?<!\\;)|\n", command) if s.strip()]


def _words(segment: str) -> list[str] | None:
    try:
        return shlex.split(re.sub(r"(?<![>&\d])(>>?)", r" \1 ", segment))
    except ValueError:
        return None


def _reads(segment: str) -> bool:
    return bool(_READS.match(segment)) and ">" not in segment and not re.search(r"\bsed\s+-i|\btee\b", segment)


_WANT = {
    "copy": r"\b(copy|copies|duplicate|clone|back ?up|backup|restore)\b",
    "move": r"\b(move|moved|put|rename|renamed|called|named)\b",
    "chmod": r"\b(executable|runnable|execute permission|run permission|permission denied)\b",
    "sort": r"\b(sort|sorted|order|ordered)\b",
    "replace": r"\b(replace|change|swap|substitute|correct|fix|bump|set|update|increase|raise|lower|decrease)\b|"
               r"\bshould\s+(now\s+)?(say|be|read)\b",
    "branch": r"\bbranch\b",
    "merge": r"\bmerge\b",
    "merge_only": r"\bmerge\b",
    "branch_delete": r"\b(delete|remove|get rid|drop)\b",
    "push": r"\bpush\b",
    "rm_empty": r"\b(empty|zero bytes?|0 bytes?)\b",
    "restore": r"\b(back|restore|recover|deleted|lost|removed)\b",
    "unpack": r"\b(unzip|extract|unpack|untar)\b",
    "rm": r"\b(delete|remove|rm|clean|get rid)\b",
    "pack": r"\b(pack|archive|tar|compress|bundle)\b",
    "write": r"\b(write|create|new file|put|save|make)\b",
    "append": r"\b(add|append)\b",
    "count": r"\b(count|how many|number)\b",
    "count_size": r"\b(count|how many|number)\b",
    "mode": MODE,
    "commit": r"\bcommit\b",
    "tag": r"\btag\b",
    "unstage": r"\bunstage\b|\bshould(n'?t| not) (go in|be (staged|committed))\b",
    "part": PART,
    "list": r"\b(list|contents|what'?s (?:inside|in)|what is (?:inside|in))\b",
    "undo": r"\b(undo|take back|uncommit|revert|roll back)\b",
    "amend": r"\b(typo|amend|fix|correct|reword)\b",
    "link": r"\b(symlink|symbolic link|soft link|link|shortcut|points?|pointing)\b",
    "grep_list": _GREP_WANT,
    "pick": _PICK_WANT,
    "names": NAMES_WANT,
}
# the demand words each shape answers (other words of _OTHER in the task: not proved)
_ANSWERS = {
    "copy": {"copy", "duplicate", "clone", "backup", "back up", "restore", "all", "every", "find", "put", "name"},
    "move": {"move", "put", "rename", "every", "all", "only", "except", "create", "names", "name"},
    "chmod": {"executable", "fix", "chmod", "every", "all", "turn"},
    "sort": {"sort", "sorted", "order", "lines", "line", "number", "names", "write", "put", "save", "all"},
    "replace": {"replace", "change", "edit", "every", "all", "fix", "update", "swap", "bump", "set", "increase",
                "decrease", "raise", "line", "lines"},
    "branch": {"branch", "create", "switch", "checkout"},
    "merge": {"merge", "delete", "remove", "branch"},
    "merge_only": {"merge", "branch"},
    "branch_delete": {"delete", "remove", "branch"},
    "push": {"push"},
    "rm_empty": {"delete", "remove", "rm", "clean", "every", "all"},
    "restore": {"restore", "undo", "checkout", "back"},
    "unpack": {"unzip", "extract", "unpack", "all", "every"},
    "mkdir": {"create"},
    "rm": {"delete", "remove", "rm", "clean", "every", "all", "only"},
    "pack": {"pack", "archive", "compress", "only"},
    "write": {"write", "create", "put", "save", "line"},
    "append": {"add", "append", "line"},
    "count": {"count", "how", "number", "lines", "line", "write", "put", "save", "only", "just"},
    "count_size": {"count", "how", "number", "write", "put", "save", "only", "just"},
    "mode": {"make", "set", "change", "chmod", "only"},
    "commit": {"commit", "add", "stage", "init", "initialise", "initialize", "repo", "repository", "all"},
    "tag": {"tag", "commit"},
    "unstage": {"unstage", "stage", "commit"},
    "part": {"lines", "line", "put", "write", "save", "copy", "only", "just"},
    "list": {"list", "what", "write", "put", "save", "all", "every"},
    "undo": {"undo", "commit", "revert"},
    "amend": {"amend", "fix", "commit", "change", "edit", "rewrite", "correct"},
    "link": {"link", "symlink", "create", "add"},
    "grep_list": _GREP_ANSWERS,
    "pick": _PICK_ANSWERS,
    "names": NAMES_ANSWERS,
}
# words that narrow a demand in a way no shape reads (a step that does the whole of it would prove too much)
_NARROW = re.compile(r"\b(but|not|except|unless|if|whose|without|excluding|older|newer|larger|bigger|smaller|than|before|"
                     r"after|between|empty|unique|times|occurrences|words|first|last|top|bottom)\b", re.I)
# phrases that restate a shape's demand (set aside before the demand words are read)
_PHRASES_COUNT = r"\bonly the number\b|\bjust the number\b|\b(in )?any (capitali[sz]ation|case)\b|\bignoring (the )?case\b"
_PHRASES = {
    "sort": r"\b\w+est\s+(\w+\s+)?(first|last|at the top)\b|\bfrom\s+(the\s+)?\w+est\s+to\s+(the\s+)?\w+est\b|\bnumbers?\b",
    "restore": r"\b(the\s+)?(last|latest|previous|most recent)\s+commit\b",
    "chmod": r"\bso (that )?(it|they|I|we|you) can (run|execute) (it|them)\b",
    # "says Mkoani everywhere but it should say Wete ... (some lines have it more than once)": the replacement's own
    # words (every occurrence is tested gone by the shape's facts), not a narrowing (heldout16's wete run, agent24)
    "replace": r"\bin place\b|\bthe file itself\b|\bbut\s+(?:it|they|that|this|those)\s+should\s+(?:now\s+)?(?:say|be|read)\b|"
               r"\bmore than once\b",
    "merge": r"\bonce (that'?s|it'?s|it is) (done|merged)\b|\bsince it'?s done\b",
    # the repository a first commit is made in (``git init`` is a step of the commit shape; the commit's facts test it)
    "commit": r"\b(?:turn|make)\s+(?:this|the|that|my)\s+(?:\w+\s+)?(?:folder|directory|dir|project)\s+into\s+a\s+(?:git\s+)?"
              r"(?:repo|repository)\b",
    "pack": r"\bonce the archive is there\b|\bwe only keep the archive\b",
    "tag": r"\b(the\s+)?(current|latest|last|newest|most recent)\s+commit\b",
    "unstage": r"\bdon'?t (delete|remove)\b(\s+it\b)?|\b(?:but\s+)?(?:leave|keep)\s+(?:staged|in the index)\b|\bshould(n'?t| not) (go in|be (staged|committed))\b",
    "move": r"\bleave the other (files|ones)\b",
    "part": PART,
    "list": r"\b(?:without|but don'?t|do not|don'?t)\s+(?:unpacking|extracting|opening|unpack|extract|open)\s+(?:it|the archive)\b",
    "amend": r"\bmake\s+it\s+(?:read|say)\b|\bdon'?t\s+(?:add|make)\s+a\s+new\s+commit\b|\b(?:just\s+)?fix\s+(?:that|this|it)(?:\s+one)?\b|"
             r"\b(?:my|the|that)\s+(?:last|latest|previous|most recent)\s+commit\b",
    # "A link, not a copy.": the link's fact tests a symbolic link (a copy is "no"); heldout16's ndau run, agent24
    "link": r"(?:\b(?:a|an)\s+(?:symbolic\s+|soft\s+|sym)?link\s*,\s*)?\bnot\s+a\s+(?:copy|duplicate)\b",
    "undo": r"\b(?:my|the|that)\s+(?:last|latest|previous|most recent)\s+commit\b|"
            r"\b(?:with\s+)?a\s+new\s+commit\s+that\s+undoes\s+it\b|\bdon'?t\s+rewrite\s+(?:the\s+)?history\b|"
            r"\bit'?s\s+already\s+(?:shared|pushed|public)\b",
    "rm": DEEP,  # "also down in the subfolders": where to look, not another demand
    "count": _PHRASES_COUNT + "|" + DEEP,
    "count_size": _PHRASES_COUNT + "|" + DEEP + "|" + SIZE,
    "mode": MODE,
    "grep_list": _GREP_PHRASES,
    "pick": _PICK_PHRASES,
    "names": NAMES_PHRASES,
}
_FILES = {"cp": _cp, "mv": _mv, "find": _find_mv, "chmod": _chmod, "sort": _sort, "sed": _sed, "unzip": _unpack,
          "mkdir": _mkdir, "rm": _rm, "echo": _echo, "ln": _ln}


def _shape(segment: str, w: list[str], task: str, later: list[list[str]]) -> tuple[str, Did] | None:
    if w[0] in ("grep", "find") and (listed := files_with(segment, task)) is not None:
        return listed
    if w[0] == "ls" and (chosen := picked(segment, task) or names_listed(segment, task)) is not None:
        return chosen
    if w[0] == "find" and "-empty" in w:
        return _find_rm(w, task)
    if w[0] in ("find", "ls") and "|" in segment:
        return count_files(segment, task) or count_sized(segment, task)
    if w[0] == "find":
        return _find_mv(w, task) or sweep(w, task)
    if w[0] in ("head", "tail"):
        return part(w, task)
    if w[0] == "rm":
        return rm_in_tree(_rm(w, task), w, task)
    if w[0] == "chmod" and (moded := mode_set(w, task)) is not None:
        return moded
    if w[0] in _FILES:
        return _FILES[w[0]](w, task)
    if w[0] == "tar" or w[:2] == ["unzip", "-Z1"]:
        return _list_archive(w, task) or _unpack(w, task) or _tar(w, task)
    if w[0] in ("grep", "wc", "cat"):
        return _count(segment, task)
    if w[0] == "git":
        w = _git_words(w)
        return (_git(w, task, later) or _amend(w, task) or _commit(w, task, later) or _tag(w, task) or _unstage(w, task, later)
                or _push(w, task) or _undo(w, task))
    return None


def _later_changed(fact: Fact, names: set[str], later: list[tuple[list[str], bool]], segs: list[str], task: str) -> Fact:
    """A copy's fact, or open where a later step changed the copy or its source ("keep a copy of templates/, then change
    2025 to 2026 in templates/header.html"): the two differ at the end by design, and what the source held before is
    not there to compare."""
    for (w, _), seg in zip(later, segs, strict=True):
        got = _shape(seg, w, task, [])
        touched = got[1].names if got else set(w[1:])
        if got is None or got[0] != "copy" and any(t == n or t.startswith(n.rstrip("/") + "/") for t in touched for n in names):
            return Fact(fact.what, f"exit {OPEN}")
    return fact


def _git_words(w: list[str]) -> list[str]:
    """A git step's words without the options that only quieten it (``-q``, ``--no-edit``), ``-qm`` read as ``-m``."""
    out = [a for a in w if a not in ("-q", "--quiet", "--no-edit")]
    return ["-m" if a == "-qm" else a for a in out]


def never_ran(past: Any) -> bool:
    """Whether a step changed nothing because it never ran: refused by the harness as a format error
    (``local_copies``, ``local_writes``, ``local_mistakes``) or by the guard. agent19's held-out runs
    (heldout14: a branch made, a commit, a file removed and committed, each followed by a refused ``write_file``)
    were right and went unproved because that refused write read as a file written by hand."""
    return not past.ok and str(past.result).startswith(("Format error:", "Denied by the guard", "Not approved by the ", "Denied by policy:"))


def work_facts(task: str, history: list[Any]) -> list[Fact]:
    """The facts that prove the task from what the run did (else []): every step that changed anything is a shape
    the task asks for in words, every file the task names was touched or read, no other demand in the words."""
    steps: list[tuple[list[str], bool]] = []
    segs: list[str] = []
    for past in history:
        kind = past.action.get("kind")
        if kind in ("finish", "malformed") or never_ran(past):
            continue
        if kind != "bash":
            return []  # a file written by hand, a browser step: not this kind of proof
        command = str(past.action.get("command", ""))
        if command.startswith("echo '== files here"):
            continue  # the harness's own look
        segments = _segments(command)
        if segments is None:
            return []
        for seg in segments:
            if _reads(seg):
                continue
            if (w := _words(seg)) is None or not w:
                return []
            steps.append((w, past.ok))
            segs.append(seg)
    found: dict[str, Did] = {}
    for i, (w, ok) in enumerate(steps):
        got = _shape(segs[i], w, task, [s for s, _ in steps[i + 1:]])
        if got is None or not re.search(_WANT.get(got[0], r"$^"), task, re.I) and got[0] != "mkdir":
            return []  # a change no shape reads, or one the task does not ask for in words
        if ok:
            did = found.setdefault(got[0], Did())
            did.facts += [_later_changed(f, got[1].names, steps[i + 1:], segs[i + 1:], task) if got[0] == "copy" else f
                          for f in got[1].facts]
            did.names |= got[1].names
    if not found or set(found) <= {"mkdir", "commit"} and not any(d.facts for d in found.values()):
        return []
    if "grep_list" in found and "count" in found and found["grep_list"].names & found["count"].names:
        return []  # "...the files that contain W, and how many there are": _count would count W in the list itself
    if (branch := stays_on(task)) is not None:  # "stay on main": the current branch, tested
        if not found.keys() & {"merge", "merge_only", "branch_delete", "commit", "tag", "push", "unstage", "restore"}:
            return []
        found.setdefault("stay", Did()).facts.append(
            Fact(f"the current branch is {branch}", f'[ "$(git branch --show-current)" = {shlex.quote(branch)} ]'))
    text = task
    if "commit" in found:  # the files added: committed, nothing of them left over
        found["commit"].facts += _committed(found["commit"].names)
        if (out := kept_out(task, found["commit"].names)) is None:
            return []  # a file the words keep out of the commit was committed
        found["commit"].facts += out[0]
        found["commit"].names |= out[1]
        text = out[2]
    names = set().union(*(d.names for d in found.values()))
    if any(_bare(p) not in names for p in task_paths(task)):
        return []  # a file the task names that no step touched: another demand
    removed = {m.group(1).lower() for shape in ("rm", "move") if shape in found
               for f in found[shape].facts if (m := re.match(r"no \.(\w+) file", f.what))}
    if "commit" in found:  # the message the commit step gave, written out in the task unquoted ("message: first mingas")
        for w, ok in steps:
            if ok and w[:3] == ["git", "commit", "-m"] and len(w) == 4 and len(w[3]) > 2:
                text = re.sub(rf"(?<!\w){re.escape(w[3])}(?!\w)", " ", text, flags=re.I)
    if not _words_answered(text, set(found), names, removed):
        return []
    return list(dict.fromkeys(f for d in found.values() for f in d.facts))


# files of another type than those removed, to be kept ("the .txt notes stay"): a step that removes only *.EXT keeps them
_OTHER_TYPE_KEPT = (r"\b(?:but\s+|and\s+)?(?:the\s+|any\s+|all\s+)?\.(\w+)\s*(?:files?|notes?|ones)?\s+(?:stay|stays|remain|"
                    r"remains|can stay|should stay|must stay|are fine|stay put)\b(?:\s+(?:where they are|as they are|put))?")


# files of a kind named by what they are ("the pictures stay where they are") where a step moved or removed only *.EXT
# of another kind: kept by construction (heldout15's quemchi move of the .txt poems went unclaimed on this clause)
_KINDS = {
    "picture": {"jpg", "jpeg", "png", "gif", "webp", "heic", "bmp", "tif", "tiff", "svg"},
    "video": {"mp4", "mov", "avi", "mkv", "webm"},
    "audio": {"mp3", "wav", "flac", "ogg", "m4a", "opus"},
    "pdf": {"pdf"},
    "spreadsheet": {"csv", "xls", "xlsx", "ods", "tsv"},
}
_KIND_WORDS = {"picture": r"pictures?|photos?|images?|pics?", "video": r"videos?|movies?|clips?",
               "audio": r"songs?|music|audio|recordings?", "pdf": r"pdfs?", "spreadsheet": r"spreadsheets?"}
_OTHER_KIND_KEPT = (rf"\b(?:but\s+|and\s+)?(?:the\s+|any\s+|all\s+)?({'|'.join(_KIND_WORDS.values())})\s+(?:stay|stays|remain|"
                    r"remains|can stay|should stay|must stay|are fine|stay put|don'?t move)\b(?:\s+(?:where they are|as they are|"
                    r"put|there))?")


def _kind(word: str) -> str:
    return next(k for k, pattern in _KIND_WORDS.items() if re.fullmatch(pattern, word, re.I))


def _words_answered(task: str, shapes: set[str], names: set[str], removed: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether every demand word of the task (``_OTHER``), its paths and quoted texts set aside, is one the shapes
    answer. ``removed``: the extensions a step removed by type (a keep of another type is kept by construction)."""
    text = re.sub(r"(?<!\w)'[^']+'(?!\w)|\"[^\"]+\"|`[^`]+`", " ", task)
    if removed:
        text = re.sub(_OTHER_TYPE_KEPT, lambda m: " " if m.group(1).lower() not in removed else m.group(0), text, flags=re.I)
        text = re.sub(_OTHER_KIND_KEPT, lambda m: " " if not _KINDS[_kind(m.group(1))] & removed else m.group(0), text,
                      flags=re.I)
    text = set_aside(text, shapes, names, _OTHER)  # symptoms, purposes, what is to be kept: not demands
    for name in sorted(names | set(task_paths(task)), key=len, reverse=True):
        text = re.sub(rf"(?<![\w.-]){re.escape(name)}/?(?![\w-])", " ", text)
    text = re.sub(r"^\s*ticket\s+[\w-]+:?", " ", text, flags=re.I)
    for shape in shapes:
        if shape in _PHRASES:
            text = re.sub(_PHRASES[shape], " ", text, flags=re.I)
    allowed = set().union(*(_ANSWERS.get(s, set()) for s in shapes))
    if _NARROW.search(text) or unread_keep(text):
        return False
    return all(m.group(0).lower() in allowed for m in _OTHER.finditer(text))


__all__ = ["never_ran", "work_facts"]
