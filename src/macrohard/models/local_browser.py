"""The embedded model in the browser: the page as a short element list, and a grammar whose element
ids are only the ones on the latest page (per kind: text boxes to type into, buttons to click, ...).

A 135M model cannot read a long accessibility tree nor be trusted to spell an id; listing each
interactive element once and constraining every id to that list turns "which element" into a
choice among a handful of real ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from macrohard.types import FinishAction


# The browser actions the small model is offered, with the fields it fills (kind first). scroll,
# back, wait, read and screenshot are left out: the snapshot after each action already shows the page.
def local_fields(action: type[BaseModel], **caps: int | None) -> dict[str, dict[str, Any]]:
    """The fields of ``action`` (from ``types.py``, in the order given) that a small model fills, each with
    its JSON type from the action's own schema and an optional length cap (decoding must stay short)."""
    props = action.model_json_schema()["properties"]
    return {name: {"type": props[name]["type"], **({"maxLength": cap} if cap else {})} for name, cap in caps.items()}


BROWSER_LOCAL_ACTIONS: dict[str, dict[str, dict[str, Any]]] = {
    "browser_goto": {"url": {"type": "string", "maxLength": 120}},
    "browser_type": {"element": {"type": "string"}, "text": {"type": "string", "maxLength": 60}},
    "browser_select": {"element": {"type": "string"}, "option": {"type": "string", "maxLength": 40}},
    "browser_click": {"element": {"type": "string"}},
    "browser_press": {"key": {"enum": ["Enter", "Tab", "Escape"]}},
    "finish": local_fields(FinishAction, answer=80, success=None),
}
# Which roles each element-taking action may name.
TYPE_ROLES = frozenset({"textbox", "searchbox", "spinbutton"})
CLICK_ROLES = frozenset({"button", "link", "checkbox", "radio", "tab", "menuitem", "switch", "option"})
SELECT_ROLES = frozenset({"combobox", "listbox"})
TEXT_ROLES = frozenset({"heading", "paragraph", "text", "alert", "status"})
PAGE_LINES = 14
# Words of a web task that say what to do, not what to type.
WEB_WORDS = frozenset("""open go visit send submit fill form page site website field fields click press type enter
select choose pick sign log in on at for by with and the a an to of then url search find register order
please your my it this that as""".split())

_LINE = re.compile(r'^\s*-\s+(?P<role>[a-z]+)(?:\s+"(?P<name>[^"]*)")?(?P<attrs>(?:\s+\[[^\]]*\])*)'
                   r'(?:\s*:\s*(?P<value>.*))?$')
_ID = re.compile(r"\[((?:f\d+)?e\d+)\]")  # after a navigation Playwright names them f1e5, f2e7, ...


@dataclass
class Element:
    """One element of the snapshot that carries an id."""

    id: str
    role: str
    name: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False  # a checkbox, radio or switch shown ticked (``[checked]`` in the snapshot)


@dataclass
class Page:
    """What the small model needs of one browser observation."""

    url: str = ""
    title: str = ""
    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def ids(self, roles: frozenset[str]) -> list[str]:
        return [e.id for e in self.elements if e.role in roles]


def parse_page(text: str) -> Page | None:
    """The page in a browser observation (``URL:``, ``Title:``, then the aria snapshot), or None."""
    if "URL:" not in text and "[e" not in text:
        return None
    page = Page()
    last_select: Element | None = None
    for line in text.splitlines():
        if line.startswith("URL:"):
            page.url = line[4:].strip()
            continue
        if line.startswith("Title:"):
            page.title = line[6:].strip()
            continue
        m = _LINE.match(line)
        if not m:
            continue
        role, name, attrs = m["role"], m["name"] or "", m["attrs"] or ""
        value = _unquote((m["value"] or "").strip())
        found = _ID.search(attrs)
        if role == "option" and last_select is not None and not found:
            last_select.options.append(name)
            continue
        if found and role in TYPE_ROLES | CLICK_ROLES | SELECT_ROLES:
            el = Element(found.group(1), role, name, value if role in TYPE_ROLES else "",
                         checked=bool(re.search(r"\[checked(=true)?\]", attrs)))
            page.elements.append(el)
            last_select = el if role in SELECT_ROLES else None
        elif role in TEXT_ROLES and (name or value):
            page.texts.append((name or value)[:80])
    labels = {e.name for e in page.elements} | {page.title}
    # a field's label is already on its line, and the page's title on the first ("Page: Thank you"): every
    # test site's heading repeats its title, and a second "text: Thank you" is what no worked example shows
    page.texts = [t for t in page.texts if t not in labels]
    return page


def _unquote(value: str) -> str:
    """A text of the aria snapshot as the page shows it: Playwright writes a text YAML would misread (one that holds
    ": " or starts with a quote, "Thank you, Ada. We received your message (plan: basic).") in double quotes with
    backslash escapes; the small model read those quotes as part of the page (the worked examples' pages have none)."""
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return value
    try:
        return str(json.loads(value))
    except ValueError:  # Playwright's \xNN escapes are not JSON's
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")


ROLE_REFUSED = "refused: the element"
_PRESSED = frozenset({"button", "link", "tab", "menuitem", "option"})
_TICKED = frozenset({"checkbox", "radio", "switch"})


def wrong_role(action: dict[str, Any], history: list[Any]) -> tuple[str, str] | None:
    """A browser action that names an element of the latest page whose role does not take it (text typed into a button,
    a link or a checkbox; a click on a text box; a choice in what is no select), as (why, hint) for a refusal the model
    answers with another action: heldout15's 1.5B runs typed "on" into checkboxes and a button's label into the button
    (without the ``names`` aid its grammar allows any id for any kind). Once per element and kind a run; None when the
    element is not on the latest page or takes the action."""
    kind, eid = str(action.get("kind", "")), str(action.get("element", ""))
    if kind not in ("browser_type", "browser_click", "browser_select") or not eid:
        return None
    page = next((pg for p in reversed(history) if (pg := parse_page(str(p.result))) is not None and pg.elements), None)
    el = next((e for e in page.elements if e.id == eid), None) if page is not None else None
    if el is None:
        return None
    why = f"{ROLE_REFUSED} [{el.id}] is a {el.role} ({el.name or 'no label'})"
    if any(f"{kind} {why}" in str(p.result) for p in history):
        return None  # refused once already: the action goes to the page, and its error is the answer
    boxes = ", ".join(f"[{e.id}] {e.name}".strip() for e in page.elements if e.role in TYPE_ROLES)[:160]
    if kind == "browser_type" and el.role in _TICKED:
        return (f"{why}, which takes no text", f"To tick or untick it, use browser_click on {el.id}.")
    if kind == "browser_type" and el.role in _PRESSED:
        return (f"{why}, which takes no text", f"To press it, use browser_click on {el.id}."
                + (f" Type only into a text box: {boxes}." if boxes else ""))
    if kind == "browser_type" and el.role in SELECT_ROLES and el.options:  # a <select>; an input with a list takes text
        return (f"{why}, which takes no typed text",
                f"Choose with browser_select on {el.id}, one of: {', '.join(el.options)[:160]}.")
    if kind == "browser_click" and el.role in TYPE_ROLES:
        return (f"{why}, which takes text, not a click", f"To fill it, use browser_type on {el.id} with the text.")
    if kind == "browser_select" and el.role not in SELECT_ROLES:
        return (f"{why}, not a list to choose from",
                f"Use browser_click on {el.id}." if el.role in CLICK_ROLES else f"Use browser_type on {el.id}.")
    return None


def task_values(task: str, page: Page | None, skip: frozenset[str] = frozenset()) -> list[str]:
    """The task's words that are values to enter (``Ada``, ``ada@example.org``): not instruction
    words, not the URL, not words of the page's own labels and headings."""
    seen = set(skip)
    if page is not None:
        for text in [e.name for e in page.elements] + page.texts + [page.title]:
            seen |= {w.lower() for w in re.findall(r"\w+", text)}
    out: list[str] = []
    run: list[str] = []
    for token in re.findall(r"[^\s\"']+", task) + [""]:
        word = token.rstrip(".,;:")
        if word and "://" not in word and word.lower() not in WEB_WORDS and word.lower() not in seen:
            run.append(word)  # consecutive value words are one value ("12 Rue Cler")
            if word == token:
                continue
        if run:
            out.append(" ".join(run))
        run = []
    return list(dict.fromkeys(out))


def page_text(page: Page) -> str:
    """The page as the small model reads it: title, a few lines of text, one line per element."""
    lines = [f"Page: {page.title or page.url}"]
    lines += [f"text: {t}" for t in page.texts[:3]]
    for e in page.elements[:PAGE_LINES]:
        line = f"[{e.id}] {e.role} \"{e.name}\""
        if e.value:
            line += f" = {e.value}"
        if e.options:
            line += " options: " + ", ".join(e.options[:6])
        lines.append(line)
    return "\n".join(lines)


def browser_schema(kinds: list[str], page: Page | None, urls: list[str], done: set[str],
                   pending: bool = False, values: list[str] | None = None) -> dict[str, Any]:
    """One JSON schema over the offered browser actions. Element ids come only from ``page``; an
    action with no element to name is left out; ``done``: ids typed into already (not offered again).
    ``pending``: the task still has values no text box got: while an empty box is left, only typing
    (or selecting) is offered (a tiny model otherwise clicks "Send" on an empty form); once none is
    pending, typing is no longer offered (it otherwise fills every other box with made-up text).
    ``values``: what may be typed or chosen (the task's values not entered yet): a select the task
    says nothing about is left alone."""
    variants: list[dict[str, Any]] = []
    boxes = [i for i in (page.ids(TYPE_ROLES) if page else []) if i not in done]
    if pending and boxes:
        kinds = [k for k in kinds if k in ("browser_type", "browser_select")]
    elif "browser_goto" not in kinds or page is not None:
        kinds = [k for k in kinds if k != "browser_type"]

    def add(kind: str, fields: dict[str, Any]) -> None:
        variants.append({"type": "object", "properties": {"kind": {"const": kind}, **fields},
                         "required": ["kind", *fields], "additionalProperties": False})

    for kind in kinds:
        fields = dict(BROWSER_LOCAL_ACTIONS[kind])
        if kind == "browser_goto":
            if urls:
                fields["url"] = {"enum": urls}
            elif page is not None:
                continue  # on a page, with no URL in the task: follow links rather than invent a URL
        elif kind in ("browser_type", "browser_click", "browser_select"):
            if page is None:
                continue
            roles = {"browser_type": TYPE_ROLES, "browser_click": CLICK_ROLES, "browser_select": SELECT_ROLES}[kind]
            ids = [i for i in page.ids(roles) if not (kind == "browser_type" and i in done)]
            if not ids:
                continue
            if kind == "browser_select":  # one variant per select: only its own options the task names
                named = {v.lower() for v in values or []}
                for e in page.elements:
                    options = [o for o in e.options if o.lower() in named]
                    if e.id in ids and options:
                        add(kind, {"element": {"const": e.id}, "option": {"enum": options}})
                continue
            fields["element"] = {"enum": ids}
            if kind == "browser_type" and values:
                fields["text"] = {"enum": values}
        elif kind == "browser_press" and page is None:
            continue
        add(kind, fields)
    if not variants:
        add("finish", BROWSER_LOCAL_ACTIONS["finish"])
    return {"oneOf": variants} if len(variants) > 1 else variants[0]


def page_schema(kinds: list[str], task: str, steps: list[tuple[dict[str, Any], str, bool]],
                skip: frozenset[str]) -> dict[str, Any]:
    """The schema for the next step of a run (``steps``: action, result, ok so far): ids from the
    latest page; boxes typed into since the last navigation left out; the task's values not yet entered."""
    page = next((pg for _, result, _ in reversed(steps) if (pg := parse_page(result)) is not None), None)
    done: set[str] = set()
    for action, _, ok in reversed(steps):
        if action.get("kind") in ("browser_goto", "browser_click", "browser_press"):
            break
        if action.get("kind") == "browser_type" and ok:
            done.add(str(action.get("element")))
    entered = " ".join(str(a.get("text", a.get("option", ""))) for a, _, ok in steps if ok)
    left = [v for v in task_values(task, page, skip) if v not in entered]
    return browser_schema(kinds, page, task_urls(task), done, bool(left), left)


def task_urls(task: str) -> list[str]:
    return list(dict.fromkeys(u.rstrip(".,;)") for u in re.findall(r"https?://\S+", task)))


def short_result(action: dict[str, Any], result: str) -> str:
    """An earlier step's result, short: the page for navigations, one line for typing and selecting."""
    if result.startswith(("Denied", "Not approved")) or "rror" in result[:80]:
        return result.strip()[:200]
    if action.get("kind") in ("browser_type", "browser_select"):
        value = action.get("text", action.get("option", ""))
        return f"ok: [{action.get('element', '')}] = {value}"
    page = parse_page(result)
    return page_text(page) if page is not None else (result.strip() or "(no output)")[:300]


def describe(action: dict[str, Any]) -> str:
    kind = action.get("kind", "")
    if kind == "browser_type":
        return f"typed {action.get('text', '')!r} into {action.get('element', '')}"
    if kind == "browser_click":
        return f"clicked {action.get('element', '')}"
    if kind == "browser_goto":
        return f"opened {action.get('url', '')}"
    return kind


def format_schema(kinds: list[str]) -> dict[str, Any]:
    """The browser actions' format only: kind and fields, any element id, URL or text (no aid)."""
    variants = []
    for kind in kinds:
        fields = {k: {key: v for key, v in spec.items() if key != "enum" or k == "key"}
                  for k, spec in BROWSER_LOCAL_ACTIONS[kind].items()}
        fields = {k: (v if v else {"type": "string"}) for k, v in fields.items()}
        variants.append({"type": "object", "properties": {"kind": {"const": kind}, **fields},
                         "required": ["kind", *fields], "additionalProperties": False})
    return {"oneOf": variants} if len(variants) > 1 else variants[0]
