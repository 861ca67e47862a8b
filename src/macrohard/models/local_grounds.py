"""Whether a success claim rests on work, or only on a file the model wrote from nothing (issue 18, thirteenth wave).

The harness's evidence (``local_evidence.py``) shows that a file exists and what it starts with; the fresh
judge then reads whether it looks right. On heldout10 (dev data) every false success of Qwen2.5-Coder 1.5B was
a file the model wrote by hand (``write_file``) that looked plausible to the judge and was not the work:

- a "backup" holding a sentence of the task instead of a copy of the file (getaria-recipe-backup);
- ``config.json`` written over, unread, with one of its four keys (irura-debug-off);
- a tag's message made up for a tag that does not exist, in a run that never ran git (turtzioz-tag-message);
- (a note saying a commit was made, in a file the task never named: refused at the write, ``local_writes.py``).

So a claim does not stand, whatever the judge says, when the run's own steps show it has no grounds:

1. **the task's words**: a file the run wrote holds a run of 8 or more of the task's words that reads as the
   instruction (names a file of the task, or says please/keep/must/should/don't) rather than its content;
2. **written over unread**: a ``write_file`` replaced a file that was there before (the tool said
   "overwrote"), and no earlier step had printed or written that file;
3. **git unread**: the task is about a git repository (not only a ``.gitignore``), the claim rests on files
   written by hand, and no step of the run ran git.

4. **another option named** (the browser): the run chose an option of a list while the task's words name another
   option of that same list better ("Test card 4242" chosen where the task says "pay by invoice": heldout11 dev,
   a checkout the page judge confirmed once the model could see every page).

5. **a box the words ask for, as sent** (the browser): the form was sent (a button clicked, or Enter pressed) while a
   checkbox the task's words name was unticked where they ask for it ("tick the newsletter box", "sign her up for the
   newsletter"), or ticked where they say no ("she does NOT want the newsletter", "leave the newsletter box alone"),
   read from the page as it was just before the form was sent (twentieth wave: a form sent without its box, then
   judged done on the thank-you page, which does not show the box).

6. **the task's example**: a file written by hand whose whole text is a value the task's words give only as an
   example of the form ("formatted like 2026-12-31", "e.g. v1.2.0", "for example 'N/A'"): the model copied the
   example instead of working the value out (twenty-fifth wave: "today's date, formatted like 2026-12-31" answered
   with the example's date, and the fresh judge said yes).

Each of these only ever turns a claim into a give-up that says why; it never makes a claim.
"""

from __future__ import annotations

import re
from typing import Any

from macrohard.models.local_examples import task_paths
from macrohard.models.local_shown import shown
from macrohard.models.local_writes import known

UNFOUNDED = ("unconfirmed: the model said the task was done, but the run shows {what}, so the claim does not stand; "
             "look at the workspace before relying on it")
TASK_RUN = 8  # words in a row from the task
_INSTRUCTION = re.compile(r"\b(please|keep|must|should|don'?t|do not|make sure|called|named)\b", re.I)
# (not "merge", "tag" or "HEAD" alone: text tasks merge files and tag lines)
_GIT_TASK = re.compile(r"\b(git|commits?|branch(es)?|repo(sitory)?|tagged|rebase|stash|staged|unstaged)\b", re.I)
_OVERWROTE = re.compile(r"^overwrote (\S+) \(")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w.'/-]+", text.lower())


def task_words(content: str, task: str) -> str:
    """A run of ``TASK_RUN`` or more of the task's words in ``content`` that reads as the instruction ('' if none)."""
    words, said = _tokens(task), _tokens(content)
    if len(said) < TASK_RUN:
        return ""
    text = " " + " ".join(said) + " "
    paths = {p.lower() for p in task_paths(task)}
    for i in range(len(words) - TASK_RUN + 1):
        run = words[i:i + TASK_RUN]
        if f" {' '.join(run)} " in text:
            # grow it to the longest run that is there, then ask whether it is the instruction itself
            j = i + TASK_RUN
            while j < len(words) and f" {' '.join(words[i:j + 1])} " in text:
                j += 1
            piece = " ".join(words[i:j])
            if _INSTRUCTION.search(piece) or any(p in piece for p in paths):
                return piece
    return ""


def _terms(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 2}


def _named(option: str, task_terms: set[str]) -> int:
    return len(_terms(option) & task_terms)


def other_option(history: list[Any], task: str) -> str:
    """An option the run chose (``browser_select`` that worked) where the task names another option of that list
    better, counted in the task's words of 3+ letters ('' if none)."""
    from macrohard.models.local_browser import parse_page

    terms = _terms(task)
    page = None
    for past in history:
        action = past.action
        if past.ok and action.get("kind") == "browser_select" and page is not None:
            chosen = str(action.get("option", ""))
            options = next((e.options for e in page.elements if e.id == action.get("element")), [])
            best = max(options, key=lambda o: _named(o, terms), default="")
            if best and _named(best, terms) > _named(chosen, terms):
                return f"{chosen!r} chosen where the task names {best!r}"
        if (seen := parse_page(str(past.result))) is not None and seen.elements:
            page = seen
    return ""


_NEGATION = re.compile(r"\b(not|no|never|without|alone|nor|none|dont|doesnt|didnt|wont|cant)\b|n['\u2019]t\b", re.I)
_CLAUSE = re.compile(r"[.;:!?,](?:\s|$)|\bbut\b", re.I)
BOX_STEM = 6  # letters of a word compared: "subscribe" and "subscribed", "newsletter" and "newsletters"


def _stems(text: str) -> set[str]:
    return {w[:BOX_STEM] for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 5}


def box_wish(task: str, label: str) -> bool | None:
    """Whether the task's words ask for the checkbox ``label`` ticked (True), unticked (False: a clause that names it
    says not/no/don't/alone), or do not speak of it (None). The last clause that names it decides."""
    stems = _stems(label)
    wish = None
    for clause in _CLAUSE.split(task):
        if stems & _stems(clause):
            wish = not _NEGATION.search(clause)
    return wish


def box_as_sent(history: list[Any], task: str) -> str:
    """A checkbox the task's words speak of whose state, on the page the form was last sent from, is not the one
    they ask for ('' if none, or when no form with a checkbox was sent)."""
    from macrohard.models.local_browser import parse_page

    page, sent = None, None
    for past in history:
        action = past.action
        if past.ok and _sends(action, page):
            sent = page
        if (seen := parse_page(str(past.result))) is not None and seen.elements:
            page = seen
    if sent is None or (off := _box_not_as_asked(sent, task)) is None:
        return ""
    box, wish = off
    state = "unticked" if wish else "ticked"
    return f"the form sent with the box {box.name!r} {state}, where the task asks for it {'ticked' if wish else 'unticked'}"


def _box_not_as_asked(page: Any, task: str) -> tuple[Any, bool] | None:
    """The first checkbox of ``page`` that the task's words ask for ticked (or unticked) and that is not, with
    what they ask (True: ticked); None if every box the words speak of is as asked."""
    for box in (e for e in page.elements if e.role == "checkbox"):
        wish = box_wish(task, box.name)
        if wish is not None and wish != box.checked:
            return box, wish
    return None


BOX_REFUSED = "the form would be sent with the box"


def _sends(action: dict[str, Any], page: Any) -> bool:
    """Whether ``action`` on ``page`` sends a form that has a checkbox (a button clicked, or Enter pressed)."""
    if page is None or not any(e.role == "checkbox" for e in page.elements):
        return False
    if action.get("kind") == "browser_press":
        return action.get("key") == "Enter"
    return action.get("kind") == "browser_click" and any(
        e.id == action.get("element") and e.role == "button" for e in page.elements)


def refused_send(past: Any) -> bool:
    """Whether ``past`` is a send the harness refused for a box (``box_refusal``): not a failure of the send."""
    return not past.ok and BOX_REFUSED in str(past.result)


def box_refusal(action: dict[str, Any], history: list[Any], task: str) -> tuple[str, str] | None:
    """Before the form is sent: a checkbox of the page that the task's words ask for ticked (or unticked) and that is
    not, as (why, hint) for a refusal the model answers with another action; once a run (a second send stands and is
    judged as sent: ``box_as_sent``). None when the send matches the words, or the action sends nothing."""
    from macrohard.models.local_browser import parse_page

    if any(BOX_REFUSED in str(p.result) for p in history):
        return None
    page = next((pg for p in reversed(history) if (pg := parse_page(str(p.result))) is not None and pg.elements), None)
    if not _sends(action, page):
        return None
    if (off := _box_not_as_asked(page, task)) is None:
        return None
    box, wish = off
    want = "ticked" if wish else "unticked"
    return (f"{BOX_REFUSED} {box.name!r} {'unticked' if wish else 'ticked'}, and the task asks for it {want}",
            f"Click the box [{box.id}] ({box.name}) first, then send the form.")


def examples(task: str) -> set[str]:
    """The values the task's words give only as an example of the form (``local_shown.shown``: the one reader of
    them, shared with ``local_work_grep``)."""
    return shown(task)


def example_copied(history: list[Any], task: str) -> str:
    """A file written by hand whose whole text is one of the task's examples ('' if none)."""
    given = examples(task)
    for past in history:
        if past.ok and past.action.get("kind") == "write_file":
            text = str(past.action.get("content", "")).strip().strip("\"'`").strip()
            if text in given:
                return (f"{past.action.get('path', 'a file')} holding {text!r}, the example of the form the task gives, "
                        f"not a value worked out")
    return ""


def unfounded(history: list[Any], task: str) -> str:
    """What in the run's steps leaves a success claim without grounds ('' if nothing)."""
    if option := other_option(history, task):
        return option
    if box := box_as_sent(history, task):
        return box
    if copied := example_copied(history, task):
        return copied
    writes = [(i, p) for i, p in enumerate(history) if p.ok and p.action.get("kind") == "write_file"]
    for _, past in writes:
        if piece := task_words(str(past.action.get("content", "")), task):
            return f"the task's own words ({piece[:60]!r}), not the work it asks for"
    for i, past in writes:
        m = _OVERWROTE.match(str(past.result).strip())
        path = str(past.action.get("path", "")).strip()
        if m and not known(path.removeprefix("./"), history[:i]):
            return f"{path} written over by hand without being read first"
    ran_git = any(p.action.get("kind") == "bash" and re.search(r"(^|[;&|(]\s*)git\s", str(p.action.get("command", "")))
                  for p in history)
    git_task = bool(_GIT_TASK.search(task.replace(".gitignore", "")))
    if writes and git_task and not ran_git:
        return "files written by hand for a task about the git repository, and no step ran git"
    return ""


__all__ = ["BOX_REFUSED", "TASK_RUN", "UNFOUNDED", "box_as_sent", "box_refusal", "refused_send", "box_wish", "example_copied", "examples", "other_option", "task_words", "unfounded"]
