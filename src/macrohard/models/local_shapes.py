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
    """One demand of the task as a shell test (true: the demand holds) and how to name it. ``exact`` (judge27): the
    test recomputes the whole value from the workspace, so how the run wrote it (by hand or by a command) does not
    matter (``local_proofs.grounded`` is not needed)."""

    what: str
    test: str
    exact: bool = False


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
    return _only_line(task)


# judge26: a hand-written one-line file in other words, among the oracle scripts that still went to the fresh judge in a
# dry ``judge_replay.py`` (heldout, heldout2: four tasks of the published suites). "Make a file called pancakes.md whose only line
# is: flour, eggs, milk"; "Add a hidden config file named .walrusrc to this folder; its single line should read
# theme=dark" (the file is that line: yes, else no); "Put the line PORT=8042 into a new file named service.env" (the
# file is that line: yes; the line among others: open, "put the line into" does not say nothing else; no such line: no).
# The text runs to the task's end, unquoted (no space-free check of its words: a second demand after it is _OTHER's).
_ONLY = re.compile(
    rf"^\s*(?:please\s+)?(?:make|create|add|write)\s+(?:a|an)\s+(?:new\s+)?(?:hidden\s+)?(?:(?:config|text)\s+)?file\s+"
    rf"(?:called|named)\s+['\"`]?(\.?{_P})['\"`]?(?:\s+(?:in|to)\s+this\s+folder)?\s*(?:;\s*its|,?\s*whose)\s+(?:only|single)\s+"
    r"line\s+(?:is|should\s+(?:read|be)|reads)\s*:?\s*([^\n'\"`]+?)\s*$", re.I)
_PUT_LINE = re.compile(
    rf"^\s*(?:please\s+)?put\s+the\s+line\s+(?:{_QUOTED}|([^\s'\"`]+))\s+(?:in)?to\s+a\s+new\s+file\s+(?:called|named)\s+"
    rf"['\"`]?({_P})['\"`]?\s*\.?\s*$", re.I)


def _only_line(task: str) -> tuple[list[Fact], list[str]]:
    if m := _ONLY.fullmatch(task):
        path, text = _path(m.group(1)), m.group(2)
        if text.endswith(".") or _OTHER.search(text) or _OTHER_TEXT.search(text):  # "...: done." with its period or
            return [], []  # not: two readings; "...: hi, then commit it": a second demand inside the text
        return [Fact(f"{path} is the one line {text!r}", f'[ -f {_q(path)} ] && [ "$(cat {_q(path)})" = {_q(text)} ]')], \
            [m.group(0)]
    if m := _PUT_LINE.fullmatch(task):
        text, path = next(g for g in m.groups()[:4] if g is not None), _path(m.group(5))
        test = (f'[ -f {_q(path)} ] || exit 1; [ "$(cat {_q(path)})" = {_q(text)} ] && exit 0; '
                f'grep -qxF -- {_q(text)} {_q(path)} && exit {OPEN}; exit 1')
        return [Fact(f"{path} holds the line {text!r}", test)], [m.group(0)]
    return [], []


# judge25: a file of lines the task lists ("Create roster.txt listing the names Quinn and Mirela, one per line, Quinn
# first"; "Write a file called oolong.env with two lines, BREW_TEMP=85 and then STEEP_SECONDS=150"): the commonest
# demand of the published suites' hand-written files that still went to the fresh judge. Each item one word.
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_LINES = re.compile(
    r"\b(?:write|create|make|save)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:file\s+)?(?:(?:called|named)\s+)?"
    r"(?P<f>\.?[\w][\w./-]*\w)\s*,?\s+(?:with|listing|containing|holding)\s+(?:the\s+)?"
    r"(?:(?P<n>two|three|four|five|six|[2-6])\s+lines|names|lines|words|entries)?\s*[,:]?\s*"
    r"(?P<items>[^\s,'\"`]+(?:\s*,\s*[^\s,'\"`]+)*\s*,?\s+and(?P<then>\s+then)?\s+[^\s,'\"`]+?)"
    r"(?:\s*,\s*(?P<per>one per line|each on (?:its own line|a line of its own|a separate line)))?"
    r"(?:\s*,?\s*(?P<order>in (?:that|this) order|(?P<lead>[^\s,'\"`]+) first))?\s*(?=[.!]?\s*$|[.!]\s)", re.I)


def _given_lines(task: str) -> tuple[list[Fact], list[str]]:
    m = _LINES.search(task)
    if not m or not (m.group("per") or m.group("n")):
        return [], []
    items = [w for w in re.split(r"\s*,\s*(?:and(?:\s+then)?\s+)?|\s+and(?:\s+then)?\s+", m.group("items")) if w]
    if len(items) < 2 or (m.group("n") and _COUNTS[m.group("n").lower()] != len(items)) or \
            any(not re.fullmatch(r"[\w@.:/+=-]+", w) or w.lower() in ("and", "then") for w in items) or \
            (m.group("lead") and m.group("lead") != items[0]):
        return [], []
    path, want = _path(m.group("f")), "\n".join(items)
    ordered = bool(m.group("then") or m.group("order"))
    test = f'[ -f {_q(path)} ] && got="$(cat {_q(path)})" && [ "$got" = {_q(want)} ]'
    if not ordered:  # no order said: the listed order proves it, another order of the same lines is open
        test += (f' || {{ [ -f {_q(path)} ] && [ "$(sort {_q(path)})" = "$(printf \'%s\\n\' {" ".join(_q(w) for w in items)} '
                 f'| sort)" ] && exit {OPEN}; }}')
    return [Fact(f"{path} holds the lines {', '.join(items)}{' in that order' if ordered else ''}", test)], [m.group(0)]


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
    if re.search(r"\btag\s+(?:the\s+)?(?:current|latest|last|newest|most recent|head)\s+commit\b", task, re.I) and not \
            re.search(r"\b(?:and|then|to)\s+commit\b|(?:^|[.;!]\s*)commit\b|\bcommit\s+(?:it|them|this|that|the|everything|all|"
                      r"my|your|[\w-]+\.\w+)\b", task, re.I):
        return [], []  # the commit the tag goes on, with the tag's message (judge25: no commit asked)
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
    if (said := tag_message(task, tag)) is None:  # a message asked for that the words do not give exactly
        return [], []
    return [Fact(f"the tag {tag} is on the current commit",
                 f'[ "$(git rev-parse -q --verify {_q(tag + "^{commit}")})" = "$(git rev-parse HEAD)" ]'),
            *annotated(task, tag), *said], [m.group(0)]


# an annotated tag, and its message, where the words ask for them (judge25: "Tag the current commit v1.2 as an
# annotated tag, message: dhow season" was proved by the commit the tag points at alone; heldout16's planted
# lightweight `git tag v1.2` was a false success of the proof)
_ANNOTATED = re.compile(r"\b(annotated|annotation|with (?:a|the) (?:message|note)|message)\b", re.I)
_TAG_MESSAGE = re.compile(r"\b(message|note|saying|says)\b", re.I)


def annotated(task: str, tag: str) -> list[Fact]:
    """The fact that ``tag`` is an annotated tag, where the task's words ask for one ([] where they do not)."""
    if not _ANNOTATED.search(task):
        return []
    return [Fact(f"the tag {tag} is annotated", f'[ "$(git cat-file -t {_q("refs/tags/" + tag)})" = tag ]')]


# the message the words give a tag: quoted after "message"/"note"/"saying", or the rest of the clause after "message:"
_GIVEN = re.compile(r"\b(?:message|note|saying|says)\b\s*(?:(?:of|is|=)\s*)?(?::\s*)?(?:'([^']+)'|\"([^\"]+)\"|`([^`]+)`)|"
                    r"\bmessage\s*:\s*([^'\"`\s,;][^,;\n]*?)\s*(?:[.;]\s|[.;]?$)", re.I)


def tag_message(task: str, tag: str) -> list[Fact] | None:
    """The fact that ``tag``'s message is the one the task's words give: [] where they ask for none; None (no proof)
    where they ask for one that cannot be read from them exactly."""
    if not _TAG_MESSAGE.search(task):
        return []
    if not (m := _GIVEN.search(task)):
        return None
    want = next(g for g in m.groups() if g).strip()
    return [Fact(f"the tag {tag}'s message is {want!r}",
                 f"[ \"$(git cat-file tag {_q('refs/tags/' + tag)} 2>/dev/null | sed '1,/^$/d' | sed '/^-----BEGIN/,$d')\" = "
                 f"{_q(want)} ]")]


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


# the words say the folder goes in by its name ("with the folder itself inside the archive", heldout16)
_ITSELF = re.compile(r"\b(?:folder|directory)\s+itself\s+(?:inside|in)\b|\bitself\s+inside\s+the\s+(?:archive|tarball)\b",
                     re.I)


def holds_folder(archive: str, folder: str, task: str = "") -> str:
    """The test that ``archive`` lists ``folder``'s files under ``folder/``; open where it lists other members only (the
    folder's contents packed from inside it, ``tar -C folder -czf A .``: the words "pack the folder" read both ways;
    judge25: heldout13's other correct way was disproved), unless the words say the folder itself goes inside."""
    test = f"tar tf {_q(archive)} | grep -qE {_q('^(./)?' + re.escape(folder) + '/.')}"
    return test if _ITSELF.search(task) else f"{test} || {{ tar tf {_q(archive)} | grep -qv '^[.]/$' && exit {OPEN}; }}"


def _archive(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\b(?:pack|archive|put|tar)\s+(?:up\s+)?(?:the\s+)?({_P})/?\s+(?:folder\s+|directory\s+)?into\s+"
                  rf"({_P}\.(?:tar\.gz|tgz|tar))", task, re.I)
    if not m:
        return [], []
    folder, archive = _path(m.group(1)), _path(m.group(2))
    facts = [Fact(f"{archive} holds {folder}/'s files", holds_folder(archive, folder, task))]
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


# "run report.sh with MSIMU=kaskazi set in its environment, and save its output to msimu.txt": the variable the run
# must set (grounded in local_proofs: the step ran the script with it, into that file; heldout16's shimoni, agent24)
ENV_SET = r"(?:\s+with\s+(\w+=[\w.,:/-]+)\s+set(?:\s+in\s+its\s+environment)?)?\s*,?"


def _saved_output(task: str) -> tuple[list[Fact], list[str]]:
    m = re.search(rf"\brun\s+(\./[\w.-]+|[\w.-]+\.sh){ENV_SET}\s+and\s+save\s+(?:what it prints|its output)\s+(?:in|into|to|as)\s+"
                  rf"({_P})", task, re.I)
    if not m:
        return [], []
    script, out = _path(m.group(1)), _path(m.group(3))
    return [Fact(f"{script} is there and {out} holds output", f"[ -f {_q(script)} ] && [ -s {_q(out)} ]")], [m.group(0)]


def _answer_file(task: str, source: str | None) -> str:
    """The one file the task names for the answer (every named path but the source), or ''."""
    rest = [p for p in task_paths(task) if source is None or _path(p) != _path(source)]  # "cartas/" is the folder cartas
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
    elif m := (re.search(rf"\bhow (?:many times|often) (?:does|do|did|is|are|will)?\s*(?:the\s+(?:word|name)\s+)?['\"]?(\w+)['\"]?\s+"
                         rf"(?:come up|comes up|appear|appears|show up|shows up|occur|occurs|turn up|turns up|get mentioned|"
                         rf"gets? used|(?:is\s+)?mentioned|used)\s+in ({_P})\s*\?", t, re.I)
               or re.search(rf"\bcount (?:the|all|every) occurrences? of (?:the\s+word\s+)?['\"]?(\w+)['\"]?\s+in ({_P})\b", t, re.I)):
        # occurrences of a word, not lines: the number only where the task's readings agree (the word inside a longer
        # one, another case where the words do not say): heldout15's cheuquian count went unclaimed
        word, source = m.group(1), _path(m.group(2))
        cases = re.search(r"any capitali[sz]ation|ignor\w* case|any case|case[- ]insensitive", t, re.I)
        i = "i" if cases else ""
        what = f"the times {word} occurs in {source}"
        expr = f"grep -o{i} {_q(word)} {_q(source)} | wc -l"
        same = f'{{ [ -f {_q(source)} ] || exit 1; }}; [ "$({expr})" = "$(grep -ow{i} {_q(word)} {_q(source)} | wc -l)" ]'
        if not cases:
            same += f' && [ "$({expr})" = "$(grep -oi {_q(word)} {_q(source)} | wc -l)" ]'
    elif m := (re.search(rf"\bhow many words (?:does|are in|is in) ({_P})(?: contain| have)?\s*\?", t, re.I)
               or re.search(rf"\bcount the words (?:in|of) ({_P}) and (?:write|save|put)\b", t, re.I)):
        source = _path(m.group(1))
        what, expr = f"the words in {source}", f"wc -w < {_q(source)}"
    elif m := re.search(r"\bhow many commits (?:does|do|are|is|has) (?:on |there on |in )?(this repo|the repo|the current branch|"
                        r"main|the main branch)(?: have| has)?\s*\?", t, re.I):
        ref = "main" if "main" in m.group(1) else "HEAD"
        what, expr = f"the commits on {ref}", f"git rev-list --count {ref}"
    elif m := re.search(rf"\bhow many (?:regular )?files (?:are )?(?:there )?(?:in|inside|under) (?:the )?({_P})(?: folder| directory)?"
                        r",?\s*(?:\(?(?:counting the ones in (?:its |the )?subfolders(?: too)?|including (?:its |the )?subfolders|subfolders included|not counting subfolders|"
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
    return [Fact(f"{answer} holds the number of {what}", _number_in(answer, expr, same), exact=True)], spans


# the numbers of one column of a CSV file, named by its header, added up by the harness (the header's cell and each value
# trimmed of spaces, quotes and a carriage return; a value that is not a number, or no such header: no sum, the fact fails)
_SUM_AWK = ("BEGIN { FS = sep } NR == 1 { for (i = 1; i <= NF; i++) { h = $i; gsub(/^[ \\t\"]+|[ \\t\"\\r]+$/, \"\", h); "
            "if (tolower(h) == tolower(col)) c = i } if (!c) { bad = 1; exit } next } "
            "NF { v = $c; gsub(/^[ \\t\"]+|[ \\t\"\\r]+$/, \"\", v); if (v !~ /^-?[0-9]+([.][0-9]+)?$/) { bad = 1; exit } s += v; n++ } "
            "END { if (bad || !n) exit 1; printf \"%.10g\\n\", s }")
_IS_NUMBER = "BEGIN { exit !(a ~ /^-?[0-9]+([.][0-9]+)?$/ && a + 0 == b + 0) }"


def _column_sum(task: str) -> tuple[list[Fact], list[str]]:
    """"add up the sacos column of cosecha.csv and write the total to sacos-total.txt": the harness adds the column up
    itself, by its header, and the answer file must hold that number (heldout15's ulloa total went unclaimed)."""
    m = (re.search(rf"\b(?:add up|sum up|sum|total up|total)\s+(?:the\s+)?(?:values?\s+(?:in|of)\s+the\s+|numbers?\s+in\s+the\s+)?"
                   rf"['\"]?(\w+)['\"]?\s+column\s+(?:of|in|from)\s+({_P}\.csv)\b", task, re.I)
         or re.search(rf"\b(?:the\s+)?(?:total|sum)\s+of\s+(?:the\s+)?['\"]?(\w+)['\"]?\s+column\s+(?:of|in|from)\s+"
                      rf"({_P}\.csv)\b", task, re.I))
    if not m or not (answer := _answer_file(task, _path(m.group(2)))):
        return [], []
    col, source = m.group(1), _path(m.group(2))
    sep = ","
    expr = f"awk -v sep={_q(sep)} -v col={_q(col)} {_q(_SUM_AWK)} {_q(source)}"
    test = (f'n="$({expr})" && [ -n "$n" ] && awk -v a="$(tr -d \' \\n\' < {_q(answer)})" -v b="$n" {_q(_IS_NUMBER)}')
    # the words that ask for the sum and say where it goes, nothing more (a second demand beside them stays uncovered)
    where = (rf"(?:,\s*)?(?:and\s+)?(?:(?:write|put|save|store)\s+(?:the\s+total|the\s+sum|it|that|the\s+result|(?:just\s+)?the\s+number)\s+|"
             rf"(?:just|only)\s+the\s+(?:number|total|sum)\s+)?(?:in|into|to)\s+{re.escape(answer)}")
    spans = [m.group(0), *(w.group(0) for w in re.finditer(where, task, re.I)),
             *(w.group(0) for w in re.finditer(r"\bwhat(?:'s|s|\s+is)\b", task, re.I))]  # "whats the total": agent24
    if not _alone(task, m, spans):
        return [], []
    return [Fact(f"{answer} holds the sum of the {col} column of {source}", test, exact=True)], spans


_CHATTER = r"(?:\s|,|please|pls|can you|could you|would you|hey|hi|ok|okay|so|now|quick(?:ly)?|one thing)*"


def _alone(task: str, m: re.Match[str], spans: list[str]) -> bool:
    """Whether the sentence of ``m`` says nothing beside the shape's own words (``spans``): a qualifier with no demand
    word ("for Monday's rows", "for the boats from Ancud") would narrow what the harness computes over the whole file."""
    cuts = [b.end() for b in re.finditer(r"[.?!\n](?=\s|$)", task)]
    start = max((c for c in cuts if c <= m.start()), default=0)
    end = min((c for c in cuts if c > m.end()), default=len(task))
    sentence = task[start:end].rstrip(".?!\n")
    for span in sorted(spans, key=len, reverse=True):
        sentence = sentence.replace(span, " ")
    return re.fullmatch(rf"{_CHATTER}(?:and)?[\s,;:]*", sentence, re.I) is not None


_ANY_CASE = r"\bhowever (?:it'?s|it is) (?:capitali[sz]ed|written|spelt|spelled)\b|\bany capitali[sz]ation\b|\bignor\w* (?:the )?case\b|" \
            r"\b(?:in )?any case\b|\bcase[- ]insensitive\w*\b|\bupper or lower ?case\b"


def _lines_with(task: str) -> tuple[list[Fact], list[str]]:
    """"Grab every line of molino.log that mentions an error (however it's capitalised) and put them in
    molino-errores.txt": the file holds exactly the lines grep finds, in order; where the words do not say the case, or
    the word may sit inside a longer one, the readings must agree (else open). heldout15's carelmapu run went unclaimed."""
    m = re.search(rf"\b(?:grab|copy|put|pull|write|save|collect|extract|get|take)\s+(?:out\s+)?(?:every|each|all(?:\s+the)?|the)\s+"
                  rf"lines?\s+(?:of|in|from)\s+({_P})\s+(?:that|which)\s+(?:mentions?|contains?|includes?|says?|has|have)\s+"
                  rf"(?:an?\s+|the\s+(?:word\s+)?)?['\"]?(\w+)['\"]?\s*(\([^)]*\))?\s*,?\s*(?:and\s+)?(?:put|write|save|copy)\s+"
                  rf"(?:them|those|those lines|these)\s+(?:in|into|to)\s+({_P})", task, re.I)
    # the word first, then where from and where to: "copy every line that has warning in it (upper or lower case,
    # doesn't matter) from gati.log into maonyo.txt" (heldout16's mkoani run went unclaimed, agent24)
    m2 = re.search(rf"\b(?:grab|copy|put|pull|write|save|collect|extract|get|take)\s+(?:out\s+)?(?:every|each|all(?:\s+the)?|the)\s+"
                   rf"lines?\s+(?:that|which)\s+(?:mentions?|contains?|includes?|says?|has|have)\s+(?:an?\s+|the\s+(?:word\s+)?)?"
                   rf"['\"]?(\w+)['\"]?\s+(?:in\s+(?:it|them)\s*)?(\([^)]*\))?\s*,?\s*(?:from|of|in)\s+({_P})\s+(?:in|into|to)\s+"
                   rf"({_P})", task, re.I)
    if m is None and m2 is not None:
        m, (word, source, out) = m2, (m2.group(1), _path(m2.group(3)), _path(m2.group(4)))
    elif m is not None:
        source, word, out = _path(m.group(1)), m.group(2), _path(m.group(4))
    if m is None or source == out:
        return [], []
    cases = re.search(_ANY_CASE, task, re.I)
    i = "-i " if cases else ""
    expr = f"grep {i}-- {_q(word)} {_q(source)}"
    same = f'[ "$({expr})" = "$(grep {i}-w -- {_q(word)} {_q(source)})" ]'
    if not cases:
        same += f' && [ "$({expr})" = "$(grep -i -- {_q(word)} {_q(source)})" ]'
    # no such file, or no line that mentions it: nothing to compare an empty file with (no proof)
    test = f'[ -n "$({expr})" ] || exit 1; {{ {same}; }} || exit {OPEN}; {expr} | cmp -s - {_q(out)}'
    return [Fact(f"{out} holds the lines of {source} that mention {word}", test)], [m.group(0)]


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


def _column(task: str) -> tuple[list[Fact], list[str]]:
    """"pull the second column of pesca.csv into especies.txt, without the header": the file holds that column's cells,
    line by line, the header's left out or kept as the words say (they must say: the two readings always differ); a
    file with quotes or carriage returns is read two ways by cut and a CSV reader: open. heldout15's huenuman run."""
    m = re.search(rf"\b(?:pull|copy|put|write|save|extract|get|take|grab)\s+(?:out\s+)?(?:the\s+)?(first|second|third|fourth|fifth|"
                  rf"sixth|\d)(?:st|nd|rd|th)?\s+column\s+(?:of|from|in)\s+({_P}\.csv)\s+(?:in|into|to)\s+({_P})\s*,?\s*"
                  rf"(?:(without|minus|skipping|leaving out|but not|and not|no|with|including|keeping)\s+(?:the\s+|its\s+)?"
                  rf"header(?:\s+(?:row|line))?)?", task, re.I)
    if not m or not m.group(4):
        return [], []
    n = _NTH.get(m.group(1).lower()) or int(m.group(1))
    source, out = _path(m.group(2)), _path(m.group(3))
    keep = m.group(4).lower() in ("with", "including", "keeping")
    sep = ","
    rows = f"cat {_q(source)}" if keep else f"tail -n +2 {_q(source)}"
    plain = "tr -d '\\r\"' < " + _q(source)  # a quote or a carriage return: cut and a CSV reader differ
    test = (f'[ -s {_q(source)} ] && [ -s {_q(out)} ] || exit 1; '
            f'{{ [ "$({plain} | wc -c)" = "$(wc -c < {_q(source)})" ]; }} || exit {OPEN}; '
            f"{rows} | cut -d {_q(sep)} -f {n} | cmp -s - {_q(out)}")
    what = f"{out} holds column {n} of {source}" + ("" if keep else " without its header")
    if not _alone(task, m, [m.group(0)]):
        return [], []
    return [Fact(what, test)], [m.group(0)]


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


# whose execute bits the task's words ask for (judge25: "executable for everybody — owner, group and others" was proved by
# ``[ -x F ]`` alone, true for the owner's bit; a planted ``chmod u+x`` of heldout16 was a false success of the proof)
_FOR_ALL = re.compile(r"\b(every(?:body|one)|all users|any ?(?:one|body)|(?:the )?(?:group|others)\b[^.;]*\b(?:others|"
                      r"group|world)|world|a\+x|ugo\+x)\b", re.I)
_FOR_OWNER = re.compile(r"\b(only (?:for )?(?:the )?owner|owner only|just (?:for )?(?:me|the owner)|only (?:for )?me|"
                        r"not (?:for )?(?:the )?(?:group|others)|nobody else)\b", re.I)


def who_runs(task: str, path: str) -> str:
    """The test of ``path``'s execute bits that the task's words ask for beyond ``-x`` ('' for none): owner, group and
    others ("for everybody"), or the owner alone ("only the owner"); both named: the words read two ways, open."""
    every, owner = bool(_FOR_ALL.search(task)), bool(_FOR_OWNER.search(task))
    if every and owner:
        return f"exit {OPEN}"
    if every:
        return f"stat -c %A {path} | grep -q '^...[xs]..[xs]..[xt]'"
    if owner:
        return f"stat -c %A {path} | grep -q '^...[xs]..[-S]..[-T]'"
    return ""


def _chmod(task: str) -> tuple[list[Fact], list[str]]:
    if (got := executable(task)) is None:
        return [], []
    script, folder, ext = got
    spans = [s for s in _sentences(task) if re.search(r"\b(executable|runnable|permission denied|won'?t run|cannot be run|"
                                                     r"fix (?:that|it|pls|please))\b", s, re.I)
             and not re.search(r"\b(run it|then|and (?:then )?(?:run|save|write|keep)|create|write|prints?|named|script)\b",
                               s, re.I)]
    if script:
        who = who_runs(task, _q(script))
        return [Fact(f"{script} is executable", f"[ -f {_q(script)} ] && [ -x {_q(script)} ]" + (f" && {{ {who}; }}"
                                                                                                  if who else ""))], spans
    who = who_runs(task, '"$f"')
    facts = [Fact(f"every .{ext} file in {folder}/ is executable",
                  f"ls -d {_q(folder)}/*.{ext} && for f in {_q(folder)}/*.{ext}; do [ -x \"$f\" ] || exit 1; "
                  + (f"{who} || exit $?; " if who else "") + "done")]
    for other in sorted(set(re.findall(r"\.(\w+) (?:files|notes)[^.;]*\b(?:not become|stay non-)executable", task, re.I))):
        facts.append(Fact(f"no .{other} file in {folder}/ is executable",
                          f"for f in {_q(folder)}/*.{other}; do [ ! -x \"$f\" ] || exit 1; done"))
    return facts, spans


def _named_text(task: str) -> tuple[list[Fact], list[str]]:
    """A file the task names that must hold a text it gives (judge23: the README's demo, "Create a file named
    hello.txt containing the text: hello world", was judged "no" by the fresh judge in 2 of 8 fresh-clone runs):
    quoted, or after a colon to the task's end. The file holds the text exactly (a final newline aside); an unquoted
    text that ends in a period reads two ways, so the period is open (neither yes nor no). An empty file: exists
    and is empty."""
    head = (rf"^\s*(?:please\s+)?(?:create|make|write|add|save)\s+(?:a|an|the)?\s*(?:new\s+)?(?:(?:text|plain[- ]text)\s+)?"
            rf"(?:file\s+)?(?:(?:named|called)\s+)?['\"`]?({_P}\.\w+)['\"`]?")
    if m := re.fullmatch(head + r"\s*,?\s+(?:that is\s+)?empty\s*\.?\s*", task, re.I):
        path = _path(m.group(1))
        return [Fact(f"{path} exists and is empty", f"[ -f {_q(path)} ] && [ ! -s {_q(path)} ]")], [m.group(0)]
    if m := re.fullmatch(rf"^\s*(?:please\s+)?(?:create|make)\s+an?\s+empty\s+file\s+(?:(?:named|called)\s+)?"
                         rf"['\"`]?({_P}?)['\"`]?\s*\.?\s*", task, re.I):
        path = _path(m.group(1))
        return [Fact(f"{path} exists and is empty", f"[ -f {_q(path)} ] && [ ! -s {_q(path)} ]")], [m.group(0)]
    tail = (r"\s*,?\s+(?:that\s+|which\s+)?(?:containing|contains|holding|holds|with)\s*(?:(?:just|only)\s+)?"
            r"(?:the\s+|exactly\s+)?(?:(?:this|one|a)\s+)?(?:single\s+)?(?:(?:text|content|contents|line|words?|string)\s*)?")
    if m := re.fullmatch(head + tail + rf"(?:{_QUOTED})\s*\.?\s*", task, re.I | re.S):
        path, text, plain = _path(m.group(1)), _quoted(m, 2), False
    elif m := re.fullmatch(head + tail + r":\s*([^\n'\"`]+?)\s*", task, re.I):
        path, text, plain = _path(m.group(1)), m.group(2), True
    else:
        return [], []
    if not text.strip() or "\n" in text or "." not in path or (plain and (_OTHER.search(text) or _OTHER_TEXT.search(text))):
        return [], []
    got = f'"$(cat {_q(path)})"'
    if plain and text.endswith(".") and text.rstrip(".").strip():  # "...: hello world." -- with the period or not
        bare = text.rstrip(".").rstrip()
        test = f"[ -f {_q(path)} ] || exit 1; [ {got} = {_q(text)} ] && exit 0; [ {got} = {_q(bare)} ] && exit {OPEN}; exit 1"
        return [Fact(f"{path} holds the text {text!r}", test)], [m.group(0)]
    return [Fact(f"{path} holds the text {text!r}", f"[ -f {_q(path)} ] && [ {got} = {_q(text)} ]")], [m.group(0)]


# an unquoted text that may hold a second demand ("...: hi, then commit it"): no proof, the judge decides
_OTHER_TEXT = re.compile(r"\b(then|and|afterwards|after|git)\b|[;\n]", re.I)


def _json_value(task: str) -> tuple[list[Fact], list[str]]:
    """"Copy the api_token value from settings.json into token.txt", "write the value of the version key in
    rental.json to version.txt": the file holds the key's value as jq prints it bare (a string or a number at the
    top level; an object, a list, null or no such key: the fact fails). A task that also changes the JSON file is no
    shape (its other words are ``_OTHER``'s)."""
    key = r"['\"]?([\w.-]+)['\"]?"
    m = (re.search(rf"\bcopy\s+the\s+{key}\s+(?:value|field)\s+(?:from|in|of)\s+({_P}\.json)\s+(?:in)?to\s+({_P})", task, re.I)
         or re.search(rf"\b(?:write|put|save|copy)\s+the\s+value\s+of\s+(?:the\s+)?{key}\s+(?:key|field)\s+(?:in|of|from)\s+"
                      rf"({_P}\.json)\s+(?:in)?to\s+({_P})", task, re.I))
    if not m:
        return [], []
    name, source, out = m.group(1), _path(m.group(2)), _path(m.group(3))
    if out == source or "." in name:  # a dotted name: a nested key or a key with a dot, two readings
        return [], []
    value = f"jq -r --arg k {_q(name)} '.[$k]' {_q(source)}"
    test = (f"[ -f {_q(out)} ] && jq -e --arg k {_q(name)} '.[$k] | type == \"string\" or type == \"number\"' {_q(source)} >/dev/null && "
            f'[ "$(cat {_q(out)})" = "$({value})" ]')
    return [Fact(f"{out} holds the value of {name} in {source}", test, exact=True)], [m.group(0)]


# judge27: a value the harness can compute itself, written into the one answer file the task names. judge26's dry count:
# "a computed value into a file" (39) and git work (42) were the commonest demands of right work still judged. Each shape
# reads one question (who made the last commit, its subject, the branch checked out, how many lines/distinct lines, the
# sum of a file's numbers, how many .EXT files in a folder) and the sentence that says where the answer goes; every
# other word of those two sentences must be one of _ANSWER_WORDS (a second demand there leaves the shape unmatched);
# the task's other sentences go through _OTHER as for every shape. Where the words read two ways that differ on this
# workspace (a message with a body, several first commits, a last line without its newline, names that differ only
# by case or spaces, hidden files) the fact is open and the judge decides, as before.
_ANSWER_WORDS = frozenset(
    "write put save store record into in to the its their it that this just only plain bare a an of file called named "
    "answer as git records recorded name number value result count total sum author author's subject line message "
    "please pls thx thanks here there". split())
_NO_COMMIT = re.compile(r"\(?\s*(?:(?:there'?s\s+)?no need to commit(?:\s+it|\s+anything)?|don'?t commit(?:\s+it|\s+anything)?|"
                        r"do not commit(?:\s+it|\s+anything)?|commit nothing)\s*\)?", re.I)


def _answer_spans(task: str, answer: str, question: re.Match[str]) -> list[str] | None:
    """The question's words and the sentences of the question and of the answer file, when nothing else is asked in
    them (else None)."""
    spans = [question.group(0)]
    for sentence in _sentences(task):
        if question.group(0) not in sentence and not re.search(rf"(?<![\w./-]){re.escape(answer)}(?![\w/-])", sentence):
            continue
        rest = sentence.replace(question.group(0), " ").replace(answer, " ")
        rest = _NO_COMMIT.sub(" ", rest)
        rest = re.sub(r"\(\s*not\s+the\s+e-?mail\s*\)|\band\s+(?=(?:then\s+)?(?:write|put|save|store)\b)", " ", rest, flags=re.I)
        words = [w.strip(".,;:!?()'\"`-→>=").lower() for w in rest.split()]
        if any(w and w not in _ANSWER_WORDS for w in words):
            return None
        spans.append(sentence)
    return spans


def _untracked(path: str) -> str:
    """A git question's answer file committed (or staged): the repository's last commit may be the run's own, open."""
    return f'if git ls-files --error-unmatch -- {_q(path)} >/dev/null 2>&1; then exit {OPEN}; fi'


_RECENT = r"(?:most\s+recent|latest|last|newest|current)"
_GIT_VALUES = (
    # (the question, what it is, the value's command, the test that the words' readings agree)
    (rf"\bwho\s+(?:made|wrote|authored|did|created)\s+the\s+{_RECENT}\s+commit(?:\s+(?:here|in\s+(?:this|the)\s+"
     rf"(?:repo|repository)))?\s*\?", "the last commit's author", "git log -1 --format=%an", "true"),
    (r"\bwho\s+(?:made|wrote|authored|did|created)\s+the\s+(?:very\s+)?first\s+commit(?:\s+(?:here|in\s+(?:this|the)\s+"
     r"(?:repo|repository)))?\s*\?", "the first commit's author", "git log --reverse --format=%an | head -n 1",
     '[ "$(git rev-list --max-parents=0 HEAD | wc -l)" = 1 ]'),
    (rf"\b(?:write|put|save|copy)\s+the\s+(?:subject(?:\s+line)?|first\s+line\s+of\s+the\s+message)\s+of\s+the\s+{_RECENT}\s+"
     rf"(?:git\s+)?commit\b", "the last commit's subject", "git log -1 --format=%s", "true"),
    (rf"\bwhat\s+does\s+the\s+{_RECENT}\s+commit(?:'s)?\s+message\s+say\s*\?\s*(?:put|write|save)\s+(?:the|its)\s+subject"
     rf"(?:\s+line)?", "the last commit's subject", "git log -1 --format=%s", "true"),
    (rf"\b(?:write|put|save|copy)\s+the\s+message\s+of\s+the\s+{_RECENT}\s+(?:git\s+)?commit\b", "the last commit's message",
     "git log -1 --format=%s", '[ -z "$(git log -1 --format=%b)" ]'),
    (r"\bwhat\s+was\s+the\s+message\s+of\s+the\s+(?:very\s+)?first\s+commit(?:\s+(?:here|in\s+(?:this|the)\s+"
     r"(?:repo|repository)))?\s*\?", "the first commit's message", "git log --reverse --format=%s | head -n 1",
     '[ "$(git rev-list --max-parents=0 HEAD | wc -l)" = 1 ] && [ -z "$(git log --reverse --format=%b | head -c 1)" ]'),
    (r"\bwhich\s+branch\s+is\s+(?:checked\s+out|currently\s+checked\s+out|active|current)(?:\s+(?:right\s+)?now)?\s*\?",
     "the branch checked out", "git branch --show-current", "true"),
    (r"\b(?:write|put|save)\s+the\s+(?:abbreviated|short)\s*,?\s+7-character\s+hash\s+of\s+the\s+current\s+commit\b",
     "the current commit's 7-character hash", "git rev-parse --short=7 HEAD", '[ "$(git rev-parse --short=7 HEAD | wc -c)" = 8 ]'),
    (r"\bhow\s+many\s+commits\s+does\s+this\s+(?:repo|repository)\s+have\s+on\s+(?:its|the)\s+current\s+branch\s*\?",
     "the commits on the current branch", "git rev-list --count HEAD", "true"),
)


def _git_value(task: str) -> tuple[list[Fact], list[str]]:
    """"Who made the most recent commit in this repo? Write the author's name into last-author.txt": the file holds
    the value git gives (the file's last newline aside); the answer file itself committed: open."""
    for question, what, expr, same in _GIT_VALUES:
        if not (m := re.search(question, task, re.I)) or not (answer := _answer_file(task, None)):
            continue
        if (spans := _answer_spans(task, answer, m)) is None:
            return [], []
        test = (f'{_untracked(answer)}; {{ {same}; }} || exit {OPEN}; v="$({expr})" && [ -n "$v" ] && [ -f {_q(answer)} ] && '
                f'[ "$(cat {_q(answer)})" = "$v" ]')
        return [Fact(f"{answer} holds {what}", test, exact=True)], spans
    return [], []


_SUM_LINES_AWK = ("NF { v = $0; gsub(/^[ \\t\\r]+|[ \\t\\r]+$/, \"\", v); if (v !~ /^-?[0-9]+([.][0-9]+)?$/) { bad = 1; exit } "
                  "s += v; n++ } END { if (bad || !n) exit 1; printf \"%.10g\\n\", s }")


def _value_in(task: str) -> tuple[list[Fact], list[str]]:
    """A number the harness computes from one file: the sum of its numbers (one a line), its lines (the header in or
    out as the words say), its distinct lines; or how many .EXT files a folder holds (directly or at any depth, as the
    words say). The answer file holds just that number."""
    t = task
    if m := (re.search(rf"\b(?:add up|sum up|total up|sum|total)\s+(?:all\s+)?the\s+(?:numbers|amounts|values)\s+in\s+({_P})(?:\s*\(one per line\))?", t, re.I)
             or re.search(rf"\b({_P})\s+has\s+one\s+number\s+(?:per|a|on\s+each)\s+line\.\s*(?:write|put|save)\s+their\s+"
                          rf"(?:sum|total)\b", t, re.I)):
        source = _path(m.group(1))
        expr, what, numeric, same = f"awk {_q(_SUM_LINES_AWK)} {_q(source)}", f"the sum of the numbers in {source}", True, "true"
    elif m := (re.search(rf"\bhow\s+many\s+lines\s+does\s+({_P})\s+have\s*,?\s*(?:the\s+)?header\s+(?:line\s+)?included\s*\?", t, re.I)
               or re.search(rf"\bcount\s+the\s+lines\s+in\s+({_P})\s*,\s*(?:the\s+)?header(?:\s+line)?\s+included\b", t, re.I)):
        source = _path(m.group(1))
        expr, what, numeric = f"wc -l < {_q(source)}", f"the lines of {source}", False
        same = f'[ -s {_q(source)} ] && [ -z "$(tail -c 1 {_q(source)})" ]'
    elif m := re.search(rf"\bhow\s+many\s+data\s+rows\s*,?\s*not\s+counting\s+the\s+header\s*,?\s+does\s+({_P})\s+have\s*\?", t, re.I):
        source = _path(m.group(1))
        expr, what, numeric = f"tail -n +2 {_q(source)} | wc -l", f"the data rows of {source}", False
        same = f'[ -s {_q(source)} ] && [ -z "$(tail -c 1 {_q(source)})" ] && ! grep -q "^[[:space:]]*$" {_q(source)}'
    elif m := re.search(rf"\bhow\s+many\s+(?:different|distinct|unique)\s+(?:\w+\s+){{0,2}}(?:are|appear)\s+in\s+({_P})\s*\?", t, re.I):
        source = _path(m.group(1))
        if source.endswith((".csv", ".tsv", ".json")) or re.search(r"\b(column|field|first|second|third)\b", t, re.I):
            return [], []
        plain = f"grep -v '^[[:space:]]*$' {_q(source)} | sort -u | wc -l"
        loose = (f"sed 's/^[[:space:]]*//; s/[[:space:]]*$//' {_q(source)} | grep -v '^$' | tr '[:upper:]' '[:lower:]' | "
                 f"sort -u | wc -l")
        expr, what, numeric, same = plain, f"the distinct lines of {source}", False, f'[ "$({plain})" = "$({loose})" ]'
    elif m := re.search(rf"\bhow\s+many\s+\.(\w+)\s+files\s+(?:are\s+there\s+|sit\s+|are\s+)?(directly\s+)?(?:in|under|inside)\s+"
                        rf"({_P})/?\s*(\((?:not\s+(?:in\s+its\s+subfolders|counting\s+subfolders)|subfolders\s+included?|"
                        rf"including\s+subfolders)\))?\s*\?", t, re.I):
        ext, source = m.group(1), _path(m.group(3))
        folder = source
        scope = (m.group(4) or "").lower()
        if m.group(2) or "not" in scope:
            depth = "-maxdepth 1 "
        elif "subfolders" in scope:
            depth = ""
        else:
            return [], []
        expr = f"find {_q(folder)} {depth}-type f -name {_q('*.' + ext)} | wc -l"
        what, numeric = f"the .{ext} files in {folder}/", False
        same = f'[ -d {_q(folder)} ] && [ -z "$(find {_q(folder)} {depth}-name {_q(".*." + ext)})" ]'
    else:
        return [], []
    if not (answer := _answer_file(task, source)) or _path(answer) == source:
        return [], []
    if (spans := _answer_spans(task, answer, m)) is None:
        return [], []
    if numeric:
        # a line that is not a number: the harness has no sum, the words may mean another (open, the judge decides)
        test = (f'n="$({expr})" && [ -n "$n" ] || exit {OPEN}; [ -f {_q(answer)} ] && '
                f'awk -v a="$(tr -d \' \\n\' < {_q(answer)})" -v b="$n" {_q(_IS_NUMBER)}')
    else:
        test = f'[ -f {_q(answer)} ] || exit 1; ' + _number_in(answer, expr, same)
    return [Fact(f"{answer} holds the number of {what}" if not numeric else f"{answer} holds {what}", test, exact=True)], spans


# judge27: git work the harness reads exactly: a file's uncommitted changes thrown away (the other files the words keep
# still changed), a branch made (not switched to, or switched to), a branch renamed. Every covered sentence says
# nothing but _RESTORE_WORDS beside the file names (a second demand leaves the shape unmatched).
_RESTORE_WORDS = frozenset(
    "i my the uncommitted changes change edits edit to in of it that this file only throw away discard drop undo put back "
    "way was is as exactly last commit committed version again matches so restore and them must stay stays keep kept "
    "those these what changed are fine but don't dont do not lose still need other please pls want want, everything else "
    "where it's its messed up ruined broke while editing has". split())
_DISCARD = re.compile(
    rf"\b(?:throw\s+away|discard|drop|undo)\s+(?:all\s+)?(?:my|the)\s+uncommitted\s+(?:changes|edits)\s+(?:to|in|of)\s+"
    rf"(?:that\s+file|it|({_P}))(?:\s+only)?|\bput\s+(?:it|({_P}))\s+back\s+(?:exactly\s+)?(?:the\s+way\s+it\s+was|as\s+it\s+"
    rf"(?:was|is))\s+in\s+the\s+last\s+commit\b|\bthrow\s+(?:them|it)\s+away\s+and\s+restore\s+the\s+last\s+committed\s+version\b",
    re.I)
_MESSED = re.compile(rf"\b(?:i\s+(?:messed\s+up|ruined|broke)\s+({_P})|({_P})\s+has\s+uncommitted\s+changes)", re.I)
_KEEPS = re.compile(r"\b(stay|stays|keep|kept|fine|don'?t\s+lose|still\s+need|other\s+edits)\b", re.I)


def _covered(sentences: list[str], allowed: frozenset[str]) -> bool:
    for sentence in sentences:
        rest = sentence
        for p in task_paths(sentence):
            rest = rest.replace(p, " ")
        words = [w.strip(".,;:!?()'\"`—–-").lower() for w in rest.split()]
        if any(w and w not in allowed for w in words):
            return False
    return True


def _restore(task: str) -> tuple[list[Fact], list[str]]:
    """"I messed up almanac.txt. Throw away my uncommitted changes to that file only — my edits to tides.txt must
    stay": the file is as the last commit has it (its staged changes too), each other file the words keep still
    differs from it; another file the task names, or a word outside the shape: no shape."""
    if not (m := _DISCARD.search(task)):
        return [], []
    named = [_path(p) for p in task_paths(task)]
    target = _path(m.group(1) or m.group(2) or "")
    if not target:
        said = _MESSED.search(task)
        target = _path(said.group(1) or said.group(2)) if said else ""
    if not target or target not in named:
        return [], []
    sentences = _sentences(task)
    keep = [p for p in named if p != target]
    keep_sentences = [s for s in sentences if _KEEPS.search(s) and any(k in s for k in keep)]
    if any(not any(k in s for s in keep_sentences) for k in keep):  # another file named, not one the words keep
        return [], []
    spans = [s for s in sentences if m.group(0) in s or _MESSED.search(s) or s in keep_sentences]
    if not _covered(spans, _RESTORE_WORDS):
        return [], []
    facts = [Fact(f"{target} is as the last commit has it",
                  f"git ls-files --error-unmatch -- {_q(target)} && [ -e {_q(target)} ] && git diff --quiet HEAD -- {_q(target)}")]
    facts += [Fact(f"{k} keeps its uncommitted changes", f"[ -e {_q(k)} ] && ! git diff --quiet HEAD -- {_q(k)}") for k in keep]
    if not keep and re.search(r"\bother\s+(?:edits|changes)\b", task, re.I):  # kept, but not named: some other file still
        facts.append(Fact("other files keep their uncommitted changes",  # differs (a run that reverted all: no)
                          f"[ -n \"$(git diff HEAD --name-only -- . {_q(':!' + target)})\" ]"))
    return facts, spans


_BRANCH = r"([\w][\w./-]*[\w])"
_BRANCH_WORDS = frozenset(
    "create make a new git branch called named you do not don't dont need to switch it can stay on the current "
    "from and then this in repo repository main master". split())


def _branch(task: str) -> tuple[list[Fact], list[str]]:
    """"Create a git branch called feature-login; you do not need to switch to it": the branch is there, at the
    commit checked out; "... switch to it" / "switch ... to a new branch named X": it is the branch checked out, too;
    "Rename the branch wip to kestrel-sync": the new name is there, the old gone."""
    if m := re.search(rf"\brename\s+the\s+(?:git\s+)?branch\s+{_BRANCH}\s+to\s+{_BRANCH}(?:\s*,?\s*(?:and\s+)?then\s+switch\s+to\s+it)?"
                      r"\s*\.?\s*$", task, re.I):
        old, new = m.group(1), m.group(2)
        facts = [Fact(f"the branch {new} is there", f"git rev-parse -q --verify {_q('refs/heads/' + new)}"),
                 Fact(f"the branch {old} is gone", f"! git rev-parse -q --verify {_q('refs/heads/' + old)}")]
        if re.search(r"switch\s+to\s+it", m.group(0), re.I):
            facts.append(Fact(f"{new} is checked out", f'[ "$(git branch --show-current)" = {_q(new)} ]'))
        return facts, [m.group(0)]
    m = (re.search(rf"\b(?:create|make)\s+(?:a\s+)?(?:new\s+)?(?:git\s+)?branch\s+(?:called\s+|named\s+)?{_BRANCH}"
                   rf"(?:\s+from\s+(main|master))?(?P<switch>\s*,?\s+and\s+switch\s+to\s+it)?"
                   r"(?P<stay>\s*[;,(]?\s*(?:you\s+(?:do\s+not|don'?t|dont)\s+need\s+to\s+switch\s+to\s+it|(?:you\s+can\s+)?"
                   r"stay\s+on\s+the\s+current\s+branch)\)?)?\s*\.?\s*$", task, re.I)
         or re.search(rf"\bswitch\s+(?:the\s+)?(?:git\s+)?(?:repo|repository|this\s+repo|this\s+repository)\s+to\s+a\s+new\s+"
                      rf"branch\s+(?:called\s+|named\s+)?{_BRANCH}(?P<switch>)(?P<stay>)\s*\.?\s*$", task, re.I))
    if not m or m.group(1).lower() in ("called", "named", "from") or not _covered([task], _BRANCH_WORDS | {m.group(1).lower()}):
        return [], []
    name = m.group(1)
    base = m.group(2) if len(m.groups()) == 4 else None  # "... from main": the second form names no base
    at = f"refs/heads/{base}" if base else "HEAD"
    facts = [Fact(f"the branch {name} is there, at {at.removeprefix('refs/heads/')}",
                  f'[ "$(git rev-parse -q --verify {_q("refs/heads/" + name)})" = "$(git rev-parse -q --verify {_q(at)})" ]')]
    if m.group("switch") or re.match(r"\s*switch\b", m.group(0), re.I):
        facts.append(Fact(f"{name} is checked out", f'[ "$(git branch --show-current)" = {_q(name)} ]'))
    elif not m.group("stay"):
        return [], []  # "create a branch X" alone: switched to or not, both readings
    return facts, [m.group(0)]


SHAPES = (_one_line, _given_lines, _append, _folders, _rename, _symlink, _checksum, _commit, _tag, _reword, _blank_lines, _archive,
          _gzip, _sweep, _saved_output, _count, _column_sum, _lines_with, _column, _sorted_or_cut,
          _chmod, _named_text, _json_value, _git_value, _value_in, _restore, _branch)


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
