"""The shapes of task the harness can prove itself (``local_proofs.py``): each reads one demand a task spells out
in words (a file of one quoted line, folders made, a commit's message, a count written into a file, ...) and turns it
into a shell test that is true when the demand holds. ``facts`` returns the tests only when every demand in the task's
words belongs to some shape: what is left outside the shapes' own words may not ask for anything else (``_OTHER``)."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from macrohard.models.local_examples import task_paths

# a demand no shape below proves: a task with one of these left outside the shapes' own words is not proved
_OTHER = re.compile(
    r"\b(push|pull|send|e?mail|upload|download|fetch|delete|remove|rm|rename|move|copy|sort|sorted|count|sum|"
    r"total|merge|rebase|unstage|stage|reset|revert|branch|tag|amend|install|run|execute|deploy|publish|compress|"
    r"gzip|zip|pack|extract|unpack|replace|change|edit|trim|append|add|write|put|save|chmod|executable|upper|"
    r"lower|convert|only|without|except|swap|split|join|combine|restore|undo|update|set|create|link|symlink|"
    r"commit|sign|order|clean|strip|also|how|which|what|who|biggest|largest|smallest|oldest|newest|number|"
    r"first|last|each|every|all|list|names?|lines?|column|header|json|csv|fix|rewrite|format|print|bump|increase|"
    r"decrease|raise|modify|insert|fill|mark|rotate|backup|back up|duplicate|clone|checkout|switch|init|"
    r"initiali[sz]e|generate|compute|calculate|find|grep|translate|encrypt|decrypt|truncate|capitali[sz]e|dedup\w*|"
    r"unique|reverse|prepend|indent|touch|tidy|organi[sz]e|open|visit|click|submit|log ?in|book|pay|buy|cancel|"
    r"reply|respond|answer|tell|report|summari[sz]e|explain|describe|check|verify|test|ensure|sure|see|look|read|"
    r"show|display|plus|along|as well|together|repo|repository|readme|turn)\b",
    re.I)


@dataclass(frozen=True)
class Fact:
    """One demand of the task as a shell test (true: the demand holds) and how to name it."""

    what: str
    test: str


def _q(text: str) -> str:
    return shlex.quote(text)


def _path(word: str) -> str:
    return word.strip(",:;'\"()`").removeprefix("./").rstrip("./") or word


_P = r"[\w][\w./-]*"  # a path as tasks write it
_QUOTED = r"'([^']+)'|\"([^\"]+)\"|`([^`]+)`"


def _quoted(m: re.Match[str], first: int) -> str:
    return next(g for g in m.groups()[first - 1:first + 2] if g is not None)


def _one_line(task: str) -> tuple[list[Fact], list[str]]:
    m = (re.search(rf"(?:make|create|new|write)\s+(?:a\s+)?(?:new\s+)?file\s+({_P})\s*(?:,\s*|\s+with\s+)(?:just\s+)?"
                   r"one line:\s*(.+?)\s*$", task, re.I | re.S)
         or re.search(rf"\b(?:new file)\s+({_P})\s*,\s*one line:\s*(.+?)\s*$", task, re.I | re.S))
    if m:
        path, text = _path(m.group(1)), m.group(2).strip().strip("'\"")
        return [Fact(f"{path} holds the line {text!r}", f'[ "$(cat {_q(path)})" = {_q(text)} ]')], [m.group(0)]
    m = re.search(rf"\bwrite\s+(?:{_QUOTED})\s+(?:in)?to\s+({_P})", task, re.I)
    if m:
        text, path = _quoted(m, 1), _path(m.group(4))
        return [Fact(f"{path} holds the line {text!r}", f'[ "$(cat {_q(path)})" = {_q(text)} ]')], [m.group(0)]
    return [], []


def _append(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\b(?:add|append)\s+(?:the\s+)?(?:line\s+)?(?:{_QUOTED})\s+(?:at the end of|to the end of|to)\s+"
                  rf"({_P})", task, re.I)
    if not m:
        return [], []
    text, path = _quoted(m, 1), _path(m.group(4))
    # lines before it: to append is to a file that was there (an order to append to a missing file cannot be proved)
    facts = [Fact(f"the last line of {path} is {text!r}", f'[ "$(tail -n 1 {_q(path)})" = {_q(text)} ]'),
             Fact(f"{path} kept lines before it", f'[ "$(wc -l < {_q(path)})" -ge 2 ]')]
    spans = [m.group(0)]
    if k := re.search(r"[^.]*\b(existing|other|earlier)\b[^.]*\b(stay|kept|keep|remain)\w*[^.]*", task, re.I):
        spans.append(k.group(0))
    return facts, spans


def _folders(task: str) -> tuple[list[Fact], list[str]]:
    item = r"[\w][\w.-]*/[\w./-]*"  # a folder as tasks write it: with a slash
    m = re.search(r"\b(?:create|make|set up|add)\s+(?:the\s+)?(?:empty\s+)?(?:folders?|directories|directory)\s+"
                  rf"({item}(?:(?:,\s*(?:and\s+)?|\s+and\s+){item})*)", task, re.I)
    if not m:
        return [], []
    paths = [_path(w) for w in re.split(r",|\band\b|\s+", m.group(1)) if w.strip(" ,.")]
    return [Fact(f"{p}/ is a folder", f"[ -d {_q(p)} ]") for p in paths], [m.group(0)]


def renamed(task: str) -> tuple[str, str, str] | None:
    """The file a task renames, its new name, and the words that say so (None: not a rename of one named file)."""
    m = (re.search(rf"\brename\s+({_P})\s+(?:to|as)\s+({_P})", task, re.I)
         or re.search(rf"\b({_P})\s+should\s+(?:now\s+)?(?:just\s+)?be\s+(?:called|named|renamed to)\s+({_P})", task, re.I))
    if not m or "*" in m.group(0) or not all(_path(g) in task_paths(task) for g in m.groups()):
        return None
    return _path(m.group(1)), _path(m.group(2)), m.group(0)


def _rename(task: str) -> tuple[list[Fact], list[str]]:
    if (got := renamed(task)) is None:
        return [], []
    old, new, words = got
    return [Fact(f"{old} is gone", f"[ ! -e {_q(old)} ]"), Fact(f"{new} is there", f"[ -e {_q(new)} ]")], [words]


def _symlink(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\b(?:add|make|create)?\s*(?:a\s+)?(?:symlink|symbolic link|soft link)\s+({_P})\s+(?:that\s+)?"
                  rf"(?:points?|pointing)\s+(?:at|to)\s+({_P})", task, re.I)
    if not m:
        return [], []
    link, target = _path(m.group(1)), _path(m.group(2))
    return [Fact(f"{link} is a symbolic link to {target}",
                 f'[ -L {_q(link)} ] && [ -e {_q(target)} ] && [ "$(realpath {_q(link)})" = "$(realpath {_q(target)})" ]')], \
        [m.group(0)]


def _checksum(task: str) -> tuple[list[Fact], list[str]]:
    if not re.search(r"sha256sum -c", task):
        return [], []
    sums = [p for p in task_paths(task) if p.endswith(".sha256")]
    data = [p for p in task_paths(task) if not p.endswith(".sha256")]
    if len(sums) != 1 or len(data) != 1:
        return [], []
    facts = [Fact(f"sha256sum -c {sums[0]} passes for {data[0]}",
                  f"grep -qF {_q(data[0])} {_q(sums[0])} && sha256sum -c --quiet {_q(sums[0])}")]
    return facts, [s for s in _sentences(task) if "sha256" in s or "checksum" in s]


def _commit(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\bcommit\b[^.]*?\bwith\s+(?:the\s+)?message[:\s]+(?:{_QUOTED}|([^'\"`\n]+?))\s*\.?\s*$", task,
                  re.I | re.S)
    if not m:
        return [], []
    message = _quoted(m, 1) if any(m.groups()[:3]) else m.group(4)
    facts = [Fact(f"the last commit's message is {message!r}", f'[ "$(git log -1 --format=%s)" = {_q(message)} ]')]
    for p in task_paths(task):
        facts.append(Fact(f"{p} is committed, nothing left unstaged",
                          f'git ls-files --error-unmatch {_q(p)} && [ -z "$(git status --porcelain -- {_q(p)})" ]'))
    spans = [m.group(0)]
    if re.search(r"\b(everything|every file|all (the |of )?(current )?(changes|files|of it)|all of it)\b", m.group(0), re.I):
        facts.append(Fact("nothing is left uncommitted", '[ -z "$(git status --porcelain)" ]'))
    # "make it a git repository and commit ...": the commit's facts show the repository
    spans += [r.group(0) for r in re.finditer(r"\bmake\s+(?:it|this folder|this directory|this)\s+a\s+git\s+repo(?:sitory)?\b", task, re.I)]
    return facts, spans


def _tag(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(r"\btag\s+the\s+(?:current|latest|last|newest|most recent)\s+commit\s+(?:as|with)\s+"
                  r"([\w][\w.\-/]*\w)", task, re.I)
    if not m:
        return [], []
    tag = m.group(1)
    return [Fact(f"the tag {tag} is on the current commit",
                 f'[ "$(git rev-parse -q --verify {_q(tag + "^{commit}")})" = "$(git rev-parse HEAD)" ]')], [m.group(0)]


def _reword(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"(?:{_QUOTED}),?\s+(?:it\s+)?should\s+(?:be|read|say)\s+(?:{_QUOTED})", task, re.I)
    if not m or not re.search(r"\bcommit message\b", task, re.I):
        return [], []
    old, new = _quoted(m, 1), _quoted(m, 4)
    facts = [Fact(f"the last commit's message is {new!r}", f'[ "$(git log -1 --format=%s)" = {_q(new)} ]'),
             Fact(f"no commit message says {old!r}", f"! git log --format=%s | grep -qF {_q(old)}")]
    # the sentences of the typo, its fix and "nothing else changes"; any other sentence must be covered apart
    spans = [s for s in _sentences(task) if re.search(r"commit message|should (?:be|read|say)|fix it|fix the (?:commit )?message|nothing else", s, re.I)]
    if re.search(r"nothing else", task, re.I):
        facts.append(Fact("nothing else changed", '[ -z "$(git status --porcelain)" ]'))
    return facts, spans


def _sentences(task: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", task) if s.strip()]


def _blank_lines(task: str) -> tuple[list[Fact], list[str]]:
    if not re.search(r"\b(blank|empty)\s+lines\b", task, re.I) or not re.search(r"\b(remove|delete|drop)\b", task, re.I):
        return [], []
    paths = task_paths(task)
    if len(paths) != 1:  # the file itself, in place: no second file named
        return [], []
    path = paths[0]
    return [Fact(f"{path} has lines and none of them blank", f"[ -s {_q(path)} ] && ! grep -q '^[[:space:]]*$' {_q(path)}")], \
        [s for s in _sentences(task) if re.search(r"blank|empty|in place|remove|delete|drop", s, re.I)]


def _archive(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\b(?:pack|archive|put|tar)\s+(?:up\s+)?(?:the\s+)?({_P})/?\s+(?:folder\s+|directory\s+)?into\s+"
                  rf"({_P}\.(?:tar\.gz|tgz|tar))", task, re.I)
    if not m:
        return [], []
    folder, archive = _path(m.group(1)), _path(m.group(2))
    facts = [Fact(f"{archive} holds {folder}/'s files",
                  f"tar tf {_q(archive)} | grep -q {_q('^(./)?' + re.escape(folder) + '/.')} -E")]
    spans = [m.group(0)]
    gone = re.search(rf"\b(?:delete|remove)\s+(?:the\s+)?(?:{re.escape(folder)}/?|it|the folder|the directory)"
                     r"(?:\s+itself)?", task, re.I)
    if gone:
        facts.append(Fact(f"{folder}/ is gone", f"[ ! -e {_q(folder)} ]"))
        spans.append(gone.group(0))
    return facts, spans


def _gzip(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\b(?:gzip|compress)\s+({_P})(?:\s+with\s+gzip)?", task, re.I)
    if not m or m.group(1).endswith((".gz", ".tar", ".tgz", ".zip")):
        return [], []
    plain = _path(m.group(1))
    packed = plain + ".gz"
    facts = [Fact(f"{packed} is a gzip file", f"gzip -t {_q(packed)}")]
    keep = re.search(r"[^.]*\b(keep|leave)\b[^.]*\b(uncompressed|original|plain)\b[^.]*", task, re.I)
    only = re.search(r"[^.]*\b(only\s+\S+\.gz|not the plain|no plain|remove the (plain|original))\b[^.]*", task, re.I)
    if keep and only:
        return [], []
    spans = [m.group(0)]
    if keep:
        facts.append(Fact(f"{plain} is kept as it was packed", f"zcat {_q(packed)} | cmp -s - {_q(plain)}"))
        spans.append(keep.group(0))
    if only:
        facts.append(Fact(f"{plain} is gone", f"[ ! -e {_q(plain)} ]"))
        spans.append(only.group(0))
    return facts, spans


def _sweep(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\b(?:delete|remove)\s+[^.]*?(?:\(\*\.(\w+)\)|\.(\w+)\s+files)[^.]*?\bdirectly\s+in\s+({_P})", task,
                  re.I)
    if not m:
        return [], []
    ext, folder = m.group(1) or m.group(2), _path(m.group(3))
    if folder.lower() in ("this", "the", "here", "that", "it"):  # "directly in this folder": not a named folder
        return [], []
    # what must stay is kept by how it was done: only `rm` (no -r) of FOLDER/*.EXT or FOLDER/NAME.EXT (``_rm_only``)
    keep = [s for s in _sentences(task) if re.search(r"\b(stay|keep|keeps|don'?t touch|leave|must)\b", s, re.I)]
    return [Fact(f"no .{ext} file is left directly in {folder}/",
                 f"! ls -d {_q(folder)}/*.{ext} >/dev/null 2>&1")], [m.group(0), *keep]


def _saved_output(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\brun\s+(\./[\w.-]+|[\w.-]+\.sh)\s+and\s+save\s+(?:what it prints|its output)\s+(?:in|into|to|as)\s+"
                  rf"({_P})", task, re.I)
    if not m:
        return [], []
    script, out = _path(m.group(1)), _path(m.group(2))
    return [Fact(f"{script} is there and {out} holds output", f"[ -f {_q(script)} ] && [ -s {_q(out)} ]")], [m.group(0)]


def _answer_file(task: str, source: str | None) -> str:
    """The one file the task names for the answer (every named path but the source), or ''."""
    rest = [p for p in task_paths(task) if p != source]
    return rest[0] if len(rest) == 1 else ""


OPEN = 3  # a fact's test exits with this when the task's words allow two readings that differ here: undecided


def _number_in(path: str, expr: str, same: str = "true") -> str:
    """The test that ``path`` holds just the number ``expr`` prints; ``same``: a test that the task's readings agree
    here (else the fact is open, neither yes nor no)."""
    return f'{{ {same}; }} || exit {OPEN}; n="$({expr})" && [ -n "$n" ] && [ "$(tr -d \' \\n\' < {_q(path)})" = "$n" ]'


def _count(task: str) -> tuple[list[Fact], list[str]]:
    t, what, expr, source, same = task, "", "", None, "true"
    if m := (re.search(rf"\bhow many lines (?:does|do|has|have) ({_P}) (?:have|has|contain)\s*\?", t, re.I)
             or re.search(rf"\bhow many lines (?:are )?in ({_P})\s*\?", t, re.I)):
        source = _path(m.group(1))  # (a last line without its newline: wc -l and a reader differ, so not proved)
        what, expr = f"the lines of {source}", f"wc -l < {_q(source)}"
        same = f'[ -z "$(tail -c 1 {_q(source)})" ]'
    elif m := re.search(rf"\bhow many lines (?:of|in) ({_P}) (?:mention|contain)s?\s+(?:the\s+|a\s+|an\s+)?['\"]?(\w+)['\"]?\s*(?:\([^)]*\))?\s*\?", t, re.I):
        source, word = _path(m.group(1)), m.group(2)
        cases = re.search(r"any capitali[sz]ation|ignor\w* case|any case", t, re.I)
        what = f"the lines of {source} that mention {word}"
        expr = f"grep -c{'i' if cases else ''} {_q(word)} {_q(source)}"
        same = "true" if cases else f'[ "$(grep -c {_q(word)} {_q(source)})" = "$(grep -ci {_q(word)} {_q(source)})" ]'
    elif m := (re.search(rf"\bhow many words (?:does|are in|is in) ({_P})(?: contain| have)?\s*\?", t, re.I)
               or re.search(rf"\bcount the words (?:in|of) ({_P}) and (?:write|save|put)\b", t, re.I)):
        source = _path(m.group(1))
        what, expr = f"the words in {source}", f"wc -w < {_q(source)}"
    elif m := re.search(r"\bhow many commits (?:does|do|are|is|has) (?:on |there on |in )?(this repo|the repo|the current branch|"
                        r"main|the main branch)(?: have| has)?\s*\?", t, re.I):
        ref = "main" if "main" in m.group(1) else "HEAD"
        what, expr = f"the commits on {ref}", f"git rev-list --count {ref}"
    elif m := re.search(rf"\bhow many (?:regular )?files (?:are )?(?:there )?(?:in|inside|under) (?:the )?({_P})(?: folder| directory)?"
                        r",?\s*(?:\(?(?:counting the ones in its subfolders too|subfolders included|not counting subfolders|"
                        r"at any depth)\)?)?\s*\?", t, re.I):
        source = _path(m.group(1))
        deep = f"find {_q(source)} -type f | wc -l"
        flat = f"find {_q(source)} -maxdepth 1 -type f | wc -l"
        if re.search(r"subfolders (?:included|too)|in its subfolders|at any depth", t, re.I):
            expr = deep
        elif re.search(r"not counting subfolders", t, re.I):
            expr = flat
        else:  # either reading: only when both give the same number
            expr, same = deep, f'[ "$({deep})" = "$({flat})" ]'
        what = f"the files in {source}/"
    if not expr or not (answer := _answer_file(task, source)):
        return [], []
    spans = [s for s in _sentences(task) if re.search(r"how many|count|number|answer|only|just", s, re.I)
             or answer in s]
    return [Fact(f"{answer} holds the number of {what}", _number_in(answer, expr, same))], spans


def _sorted_or_cut(task: str) -> tuple[list[Fact], list[str]]:
    if m := re.search(rf"\bsort the numbers in ({_P}) from (largest|highest|biggest|smallest|lowest) to \w+ and "
                      rf"(?:write|save|put) (?:them|the result) (?:to|in|into) ({_P})", task, re.I):
        flags = "-n" if m.group(2).lower() in ("smallest", "lowest") else "-nr"
        source, out = _path(m.group(1)), _path(m.group(3))
        fact = Fact(f"{out} holds {source}'s numbers sorted", f"sort {flags} {_q(source)} | cmp -s - {_q(out)}")
    elif m := re.search(rf"\b(?:put|copy|write) lines (\d+) (?:to|through|-) (\d+)(?: \(inclusive\))? of ({_P}) "
                        rf"(?:into|in|to) ({_P})", task, re.I):
        a, b, source, out = m.group(1), m.group(2), _path(m.group(3)), _path(m.group(4))
        fact = Fact(f"{out} holds lines {a} to {b} of {source}", f"sed -n {a},{b}p {_q(source)} | cmp -s - {_q(out)}")
    else:
        return [], []
    return [fact], [m.group(0)]


def executable(task: str) -> tuple[str, str, str] | None:
    """A script the task wants executable ('' for a folder's files by extension), the folder and extension then
    (else ''), or None."""
    if not re.search(r"\b(executable|runnable)\b", task, re.I) or re.search(r"\bno longer\b|\bwhich\b|\blist\b|"
                                                                          r"take the execute|execute bit off", task, re.I):
        return None
    if m := re.search(rf"\bmake every \.(\w+)(?: file)?s? in ({_P}) executable|\bin ({_P}),? make every \.(\w+) files? "
                      r"executable", task, re.I):
        return "", _path(m.group(2) or m.group(3)), m.group(1) or m.group(4)
    scripts = [p for p in task_paths(task) if p.endswith(".sh")]
    return (scripts[0], "", "") if len(scripts) == 1 and len(task_paths(task)) == 1 else None


def _chmod(task: str) -> tuple[list[Fact], list[str]]:
    if (got := executable(task)) is None:
        return [], []
    script, folder, ext = got
    spans = [s for s in _sentences(task) if re.search(r"\b(executable|runnable|permission denied|won'?t run|cannot be run|"
                                                     r"fix (?:that|it|pls|please))\b", s, re.I)
             and not re.search(r"\b(run it|then|and (?:then )?(?:run|save|write|keep)|create|write|prints?|named|script)\b",
                               s, re.I)]
    if script:
        return [Fact(f"{script} is executable", f"[ -f {_q(script)} ] && [ -x {_q(script)} ]")], spans
    facts = [Fact(f"every .{ext} file in {folder}/ is executable",
                  f"ls -d {_q(folder)}/*.{ext} && for f in {_q(folder)}/*.{ext}; do [ -x \"$f\" ] || exit 1; done")]
    for other in sorted(set(re.findall(r"\.(\w+) (?:files|notes)[^.;]*\b(?:not become|stay non-)executable", task, re.I))):
        facts.append(Fact(f"no .{other} file in {folder}/ is executable",
                          f"for f in {_q(folder)}/*.{other}; do [ ! -x \"$f\" ] || exit 1; done"))
    return facts, spans


SHAPES = (_one_line, _append, _folders, _rename, _symlink, _checksum, _commit, _tag, _reword, _blank_lines, _archive,
          _gzip, _sweep, _saved_output, _count, _sorted_or_cut,
          _chmod)


def facts(task: str) -> list[Fact]:
    """The task's demands as shell tests, when every demand in its words is one of the shapes (else [])."""
    found: list[Fact] = []
    covered = [False] * len(task)  # the characters some shape's words account for (spans may overlap)
    for shape in SHAPES:
        got, spans = shape(task)
        if got:
            found += got
            for span in spans:
                if (at := task.find(span)) >= 0:
                    covered[at:at + len(span)] = [True] * len(span)
    rest = "".join(" " if c else ch for ch, c in zip(task, covered, strict=True))
    rest = re.sub(r"\bticket\s+[\w-]+:?", " ", rest, flags=re.I)
    if not found or _OTHER.search(rest):
        return []
    return list(dict.fromkeys(found))


__all__ = ["SHAPES", "Fact", "executable", "facts", "renamed"]
