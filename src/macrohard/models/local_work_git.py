"""What a run's git steps did, read as facts of the repository (``local_work.py``): a branch made and switched to,
a branch merged and then deleted, a file got back from the last commit."""

from __future__ import annotations

import re

from macrohard.models.local_shapes import OPEN, Fact, annotated, tag_message
from macrohard.models.local_work_files import Did, _bare, _named, _q

# "from where we are now", "from here", "from the current commit": the start point ``checkout -b`` takes by itself
_HERE = (r"\b(?:from|off|based on|on top of)\s+(?:where\s+(?:we|i|you)\s+(?:are|am)(?:\s+(?:now|right now))?|here|right here|"
         r"(?:the\s+)?(?:current|present)\s+(?:commit|branch|state|point|position|head)|head|this\s+(?:commit|point|branch))\b")


# "into the branch I'm on", "into the current branch", "into this one we're on": the current branch, not a name
_INTO_HERE = (r"\binto\s+(?:the|this|my)\s+(?:current\s+branch|branch\s+(?:that\s+is\s+|I'?m\s+|we'?re\s+|you'?re\s+)?"
              r"(?:currently\s+)?(?:checked\s+out|on)|one\s+(?:I'?m|we'?re)\s+on)\b")


def _git(w: list[str], task: str, later: list[list[str]]) -> tuple[str, Did] | None:
    if w[:3] in (["git", "checkout", "-b"], ["git", "switch", "-c"]) and len(w) == 4 and _named(w[3], task):
        b = w[3]
        if re.search(r"\b(from|off|based on|on top of)\b", re.sub(_HERE, " ", task, flags=re.I), re.I):
            return None
        facts = [Fact(f"the branch {b} exists", f"git rev-parse -q --verify {_q('refs/heads/' + b)}")]
        if re.search(r"\b(switch|check ?out|move|go|work on|be on)\b", task, re.I):
            facts.append(Fact(f"the current branch is {b}", f'[ "$(git branch --show-current)" = {_q(b)} ]'))
        return "branch", Did(facts, names={b})
    if w[:2] == ["git", "merge"] and len(w) in (3, 4) and _named(w[2], task) and ["git", "branch", "-d", w[2]] not in later:
        return _merged(w, task)
    if w[:2] == ["git", "merge"] and len(w) == 3 and _named(w[2], task):
        b = w[2]
        if not (m := re.search(r"\binto\s+(?:the\s+)?([\w./-]+)", task)):
            return None
        # "into the branch I'm on": the current branch, whatever its name (no name to test; heldout15's vargas run was
        # refused on "the current branch is the")
        into = "" if re.search(_INTO_HERE, task, re.I) else m.group(1).rstrip(".,")
        facts = [Fact(f"{b} was merged into {into or 'the current branch'}",
                      f"git reflog -n 30 | grep -qF {_q('merge ' + b + ':')}"),
                 Fact(f"the current branch is {into}", f'[ "$(git branch --show-current)" = {_q(into)} ]'),
                 Fact(f"the branch {b} is deleted", f"! git rev-parse -q --verify {_q('refs/heads/' + b)}"),
                 Fact("nothing is left uncommitted", '[ -z "$(git status --porcelain)" ]')]
        if not into:
            del facts[1]
        return "merge", Did(facts, names={b, into} - {""})
    if w[:3] == ["git", "branch", "-d"] and len(w) == 4 and _named(w[3], task):
        return "branch_delete", Did([Fact(f"the branch {w[3]} is deleted", f"! git rev-parse -q --verify {_q('refs/heads/' + w[3])}")],
                                    names={w[3]})
    if w[1:2] in (["checkout"], ["switch"]) and len(w) == 3 and _named(w[2], task) and not w[2].startswith("-"):
        if merges := [s for s in later if s[:2] == ["git", "merge"] and len(s) > 2]:
            deleted = ["git", "branch", "-d", merges[0][2]] in later
            return ("merge" if deleted else "merge_only"), Did(names={w[2]})  # to the branch merged into: tested there
        if re.search(r"\b(from|off|based on|on top of|tag)\b", task, re.I):
            return None
        return "branch", Did([Fact(f"the current branch is {w[2]}", f'[ "$(git branch --show-current)" = {_q(w[2])} ]')],
                             names={w[2]})
    if w[:2] == ["git", "checkout"] and "--" in w or w[:2] == ["git", "restore"]:
        files = [a for a in w[w.index("--") + 1:]] if "--" in w else [a for a in w[2:] if not a.startswith("-")]
        if w[:2] == ["git", "checkout"] and w[2:w.index("--")] not in ([], ["HEAD"]) or \
                any(a.startswith("-") and a not in ("--", "--worktree", "-W") for a in w[2:]) and w[1] == "restore":
            return None
        if not files or not all(_named(f, task) and "*" not in f for f in files):
            return None
        return "restore", Did([Fact(f"{_bare(f)} is back as in the last commit",
                                    f"[ -e {_q(_bare(f))} ] && git diff --quiet HEAD -- {_q(_bare(f))}") for f in files],
                              names={_bare(f) for f in files})
    return None


def _message(task: str, message: str) -> bool:
    """Whether the task gives ``message`` as the commit's message (quoted, or after 'message' at its end)."""
    quoted = [next(g for g in m.groups() if g is not None)
              for m in re.finditer(r"(?<!\w)'([^']+)'(?!\w)|\"([^\"]+)\"|`([^`]+)`", task)]
    return message in quoted or bool(re.search(rf"\bmessage:?\s+{re.escape(message)}\s*\.?\s*$", task, re.I))


def _amend(w: list[str], task: str) -> tuple[str, Did] | None:
    """``git commit --amend -m MSG`` (or ``--message=MSG``) where the words fix the last commit's message to MSG ("my
    last commit message has a typo … make it read: add fish species list. Don't add a new commit"): the last commit's
    message is MSG and it sits on the parent of the commit it replaced (no commit added; heldout16's forodhani run
    went unclaimed, agent24)."""
    args = [a for a in w[2:] if a != "--amend"]
    if w[:2] != ["git", "commit"] or "--amend" not in w:
        return None
    if len(args) == 2 and args[0] == "-m":
        message = args[1]
    elif len(args) == 1 and args[0].startswith("--message="):
        message = args[0].removeprefix("--message=")
    else:
        return None
    said = re.search(rf"(?:\b(?:read|say|be|message)\s*:?\s+|(?<!\w)['\"`]){re.escape(message)}(?:['\"`](?!\w)|\s*(?:[.!]\s|[.!]?$))",
                     task, re.I)
    if len(message) < 3 or not said or not re.search(r"\bcommit message\b|\bmessage of (?:my|the) (?:last|latest) commit\b",
                                                      task, re.I):
        return None
    return "amend", Did([Fact(f"the last commit's message is {message!r}", f'[ "$(git log -1 --format=%s)" = {_q(message)} ]'),
                         Fact("no commit was added (the last commit replaced the one before)",
                              '[ "$(git rev-parse -q --verify HEAD~1)" = "$(git rev-parse -q --verify "HEAD@{1}~1")" ]')],
                     names={message})


def _commit(w: list[str], task: str, later: list[list[str]]) -> tuple[str, Did] | None:
    if w[:2] == ["git", "init"] and len(w) <= 3:
        return ("commit", Did()) if any(s[:2] == ["git", "commit"] for s in later) else None
    if w[:2] == ["git", "add"] and len(w) >= 3:
        files = [a for a in w[2:] if a != "--"]
        if any(a in (".", "-A", "--all") for a in files):
            return ("commit", Did()) if re.search(_ALL, task, re.I) or re.search(_BOTH, task, re.I) else None
        if not all(_named(f, task) and not f.startswith("-") for f in files):
            return None
        return "commit", Did(names={_bare(f) for f in files})
    if w[:2] != ["git", "commit"] or len(w) != 4 or w[2] != "-m" or not _message(task, w[3]):
        return None
    facts = [Fact(f"the last commit's message is {w[3]!r}", f'[ "$(git log -1 --format=%s)" = {_q(w[3])} ]')]
    if re.search(_ALL, task, re.I) or re.search(_BOTH, task, re.I):
        facts.append(Fact("nothing is left uncommitted", '[ -z "$(git status --porcelain)" ]'))
    if re.search(_BOTH, task, re.I):  # "commit both files": the commit holds two files, no more (agent24, heldout16's pemba)
        facts.append(Fact("the last commit holds two files",
                          '[ "$(git show --pretty=format: --name-only HEAD | sed \'/^$/d\' | wc -l)" = 2 ]'))
    return "commit", Did(facts)


_ALL = r"\b(everything|all (the |of )?(changes|files|of it)|every change)\b"
_BOTH = r"\bboth (?:the |of the )?files\b|\bboth of them\b"


def _committed(files: set[str]) -> list[Fact]:
    return [Fact(f"{p} is committed, nothing left unstaged",
                 f'git ls-files --error-unmatch {_q(p)} && [ -z "$(git status --porcelain -- {_q(p)})" ]') for p in sorted(files)]


_PATH = r"[\w][\w./-]*\.\w+"
_NOT_READY = rf"(?<![\w.-])({_PATH})\s+(?:is|isn'?t|is\s+not)\s+(?:not\s+)?(?:ready|done|finished)(?:\s+yet)?\b"
_LEAVE_OUT = (rf"\b(?:leave|keep)\s+(?:it|them|({_PATH}))\s+(?:uncommitted|out(?:\s+of\s+(?:the|this|that)\s+commit)?)\b|"
              rf"\b(?:don'?t|do\s+not)\s+commit\s+({_PATH})\b")
_ONLY = r"\bcommit\s+only\b|\bonly\s+commit\b"


def kept_out(task: str, committed: set[str]) -> tuple[list[Fact], set[str], str] | None:
    """A commit of named files where the words keep others out of it ("commit only harbour.txt, message '…'.
    draft.txt is not ready, leave it uncommitted"): the facts (the last commit changed only the files added; each file
    kept out still has changes of its own), the names kept out, and the task with those clauses blanked (they ask for
    nothing the facts do not test). None where a file the words keep out was committed: no proof."""
    out = {m.group(1) for m in re.finditer(_NOT_READY, task, re.I)}
    out |= {g for m in re.finditer(_LEAVE_OUT, task, re.I) for g in m.groups() if g}
    out = {_bare(p) for p in out}
    if out & committed:
        return None
    facts = [Fact(f"{p} is left uncommitted", f'[ -n "$(git status --porcelain -- {_q(p)})" ]') for p in sorted(out)]
    text = task
    if out:
        text = re.sub(_NOT_READY, " ", re.sub(_LEAVE_OUT, " ", text, flags=re.I), flags=re.I)
    if committed and re.search(_ONLY, text, re.I):
        listed = "".join(f"{p}\n" for p in sorted(committed))
        facts.append(Fact(f"the last commit changed only {', '.join(sorted(committed))}",
                          f"[ \"$(git show --pretty=format: --name-only HEAD | sed '/^$/d' | sort)\" = "
                          f"\"$(printf %s {_q(listed)} | sed '/^$/d')\" ]"))
        text = re.sub(_ONLY, " commit ", text, flags=re.I)
    return facts, out, text


def _tag(w: list[str], task: str) -> tuple[str, Did] | None:
    args = list(w[2:])
    if "-m" in args:
        at = args.index("-m")
        args = args[:at] + args[at + 2:]
    args = [a for a in args if a not in ("-a", "-s")]
    if w[:2] != ["git", "tag"] or len(args) != 1 or args[0].startswith("-") or not _named(args[0], task):
        return None
    t = args[0]
    if (said := tag_message(task, t)) is None:  # a message asked for that the words do not give exactly (judge25)
        return None
    return "tag", Did([Fact(f"the tag {t} is on the current commit",
                            f'[ "$(git rev-parse -q --verify {_q(t + "^{commit}")})" = "$(git rev-parse HEAD)" ]'),
                       *annotated(task, t), *said], names={t})


def _unstage(w: list[str], task: str, later: list[list[str]]) -> tuple[str, Did] | None:
    if w[:3] == ["git", "restore", "--staged"]:
        files = w[3:]
    elif w[:2] == ["git", "reset"]:
        files = [a for a in w[2:] if a not in ("HEAD", "--", "-q")]
    else:
        return None
    if not files or not all(_named(f, task) and "*" not in f and not f.startswith("-") for f in files) or any(
            s[:2] == ["git", "add"] or s[:2] == ["git", "commit"] and "-a" in " ".join(s) or s[:2] == ["git", "stash"]
            for s in later):
        return None
    kept = [_bare(m.group(1)) for m in re.finditer(_STAYS_STAGED, task, re.I)]  # "but leave orodha.txt staged"
    if set(kept) & {_bare(f) for f in files}:
        return None
    return "unstage", Did([Fact(f"{_bare(f)} is there and not staged",
                                f"[ -e {_q(_bare(f))} ] && git diff --cached --quiet -- {_q(_bare(f))}") for f in files]
                          + [Fact(f"{k} is still staged", f"! git diff --cached --quiet -- {_q(k)}") for k in kept],
                          names={_bare(f) for f in files} | set(kept))


# a file the words keep staged beside the one unstaged (heldout16's mbweni run went unclaimed on it, agent24)
_STAYS_STAGED = r"\b(?:leave|keep)\s+([\w][\w./-]*\.\w+)\s+(?:staged|in the index)\b"


def _merged(w: list[str], task: str) -> tuple[str, Did] | None:
    """``git merge B`` (or ``git merge B INTO`` while on INTO) where the task says merge B into INTO: B's tip is in
    the current branch, which is INTO, and no merge is left half done."""
    b = w[2]
    here = re.search(_INTO_HERE, task, re.I)
    m = re.search(r"\binto\s+(?:the\s+)?([\w./-]+)", task)
    if re.search(r"\b(squash|rebase|no-ff|fast-forward|delete|remove)\b", task, re.I) or m is None or \
            not here and len(w) == 4 and w[3] != m.group(1).rstrip(".,") or here and len(w) == 4:
        return None
    into = "" if here else m.group(1).rstrip(".,")
    facts = [Fact(f"{b} is merged into the current branch", f"git merge-base --is-ancestor {_q('refs/heads/' + b)} HEAD"),
             Fact("no merge is left half done",
                  '[ ! -e "$(git rev-parse --git-dir)/MERGE_HEAD" ] && git diff --quiet HEAD')]
    if into:
        facts.insert(1, Fact(f"the current branch is {into}", f'[ "$(git branch --show-current)" = {_q(into)} ]'))
    return "merge_only", Did(facts, names={b, into} - {""})


_KEEP_CHANGES = (r"\bkeep(?:ing)?\s+(?:its|the|my|their|those|all)\s+(?:changes|edits|work)\b|"
                 r"\b(?:changes|edits)\s+(?:stay|remain|should stay|must stay)\b")


def _undo(w: list[str], task: str) -> tuple[str, Did] | None:
    """``git reset [--soft|--mixed] HEAD~1`` where the task says undo the last commit and keep its changes: the branch is
    one commit back from where the reset found it (``ORIG_HEAD``) and the files still hold that commit's content
    (heldout15's alvarado run went unclaimed). Only where the words keep the changes: a reset that keeps them is not
    what "undo it and throw its changes away" asks."""
    if w[:2] == ["git", "revert"] and w[2:] in (["HEAD"], ["@"]):
        return _revert(task)
    # --hard too (judge25): the facts then show the changes gone; it went to the judge, who said yes (+0.75) to
    # heldout15's planted `git reset --hard HEAD~1`
    args = [a for a in w[2:] if a not in ("--soft", "--mixed", "--hard", "-q")]
    if w[:2] != ["git", "reset"] or args not in (["HEAD~1"], ["HEAD~"], ["HEAD^"]):
        return None
    if not re.search(_KEEP_CHANGES, task, re.I):
        return None
    return "undo", Did([Fact("the last commit is undone (the branch is one commit back)",
                             '[ "$(git rev-parse HEAD)" = "$(git rev-parse ORIG_HEAD~1)" ]'),
                        Fact("the files still hold the undone commit's changes",  # a file it added is untracked now
                             'for p in $(git diff --name-only HEAD ORIG_HEAD); do if git cat-file -e "ORIG_HEAD:$p"; then '
                             'git show "ORIG_HEAD:$p" | cmp -s - "$p" || exit 1; else [ ! -e "$p" ] || exit 1; fi; done')])


def _revert(task: str) -> tuple[str, Did] | None:
    """``git revert HEAD`` where the words ask for a revert of the last commit ("revert the last commit, with a new
    commit that undoes it"): the new commit's tree is the one before the reverted commit, its message git's own
    ``Revert "…"`` of that commit, nothing left over (heldout16's pangani run went unclaimed, agent24)."""
    if not re.search(r"\brevert\b", task, re.I) or not re.search(_LAST, task, re.I):
        return None
    return "undo", Did([Fact("the last commit brings the files back to before the commit it reverts",
                             '[ "$(git rev-parse -q --verify "HEAD^{tree}")" = "$(git rev-parse -q --verify "HEAD~2^{tree}")" ]'),
                        Fact("the last commit is git's revert of the one before it",
                             '[ "$(git log -1 --format=%s)" = "Revert \\"$(git log -1 --skip=1 --format=%s)\\"" ]'),
                        Fact("nothing is left uncommitted", '[ -z "$(git status --porcelain)" ]')])


_LAST = r"\b(?:my|the|that)\s+(?:last|latest|previous|most recent)\s+commit\b"


def _push(w: list[str], task: str) -> tuple[str, Did] | None:
    """``git push [-u] REMOTE BRANCH`` where the task names both: the remote's branch is the local one."""
    args = [a for a in w[2:] if a not in ("-u", "--set-upstream")]
    if w[:2] != ["git", "push"] or len(args) != 2 or any(a.startswith("-") or ":" in a for a in args) or \
            not all(_named(a, task) for a in args) or re.search(r"\b(tags?|force|delete)\b", task, re.I):
        return None
    remote, b = args
    test = (f"git remote get-url {_q(remote)} >/dev/null 2>&1 || exit 1; "
            f"h=$(git ls-remote {_q(remote)} {_q('refs/heads/' + b)} 2>/dev/null) || exit {OPEN}; "
            f'[ -n "$h" ] && [ "${{h%%[[:space:]]*}}" = "$(git rev-parse -q --verify {_q("refs/heads/" + b)})" ]')
    return "push", Did([Fact(f"{remote}'s {b} is the local {b}", test)], names={remote, b})
