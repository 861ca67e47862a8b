"""Each browser action kept to the element types that take it (issue 18, agent22): without the ``names`` aid the 1.5B
model's grammar allows any id for any kind, and on heldout15 it typed "on" into a checkbox, "Send" into the send button
and a product's "Add ... to cart" into its button. Such an action (and a click on a text box, a choice in what is no
select) is refused once per element and kind with a hint from the page's roles; the model chooses again."""

from __future__ import annotations

import json

import pytest

from macrohard.models.local import LocalModel
from macrohard.models.local_browser import ROLE_REFUSED, wrong_role
from macrohard.models.local_history import Past

PAGE = ("URL: http://127.0.0.1:8000/\nTitle: Contact us\nPage (element ids):\n"
        '- textbox "Full name" [e4]\n- combobox "Plan" [e9]:\n  - option "Basic"\n  - option "Pro"\n'
        '- checkbox "Subscribe to the newsletter" [e12]\n- button "Send" [e13]\n- link "Home" [e14]')
GOTO = Past({"kind": "browser_goto", "url": "http://127.0.0.1:8000/"}, PAGE, True)


@pytest.mark.parametrize(("action", "hint"), [
    ({"kind": "browser_type", "element": "e12", "text": "on"}, "use browser_click on e12"),
    ({"kind": "browser_type", "element": "e13", "text": "Send"}, "use browser_click on e13. Type only into a text box: [e4]"),
    ({"kind": "browser_type", "element": "e14", "text": "Home"}, "use browser_click on e14"),
    ({"kind": "browser_type", "element": "e9", "text": "Pro"}, "browser_select on e9, one of: Basic, Pro"),
    ({"kind": "browser_click", "element": "e4"}, "use browser_type on e4"),
    ({"kind": "browser_select", "element": "e13", "option": "Send"}, "Use browser_click on e13"),
])
def test_an_action_on_an_element_that_does_not_take_it_is_refused_with_a_hint(action: dict, hint: str) -> None:
    why = wrong_role(action, [GOTO])
    assert why is not None and ROLE_REFUSED in why[0] and hint in why[1], why
    refused = Past(action, f"Format error: {action['kind']} {why[0]}. {why[1]}", False)
    assert wrong_role(action, [GOTO, refused]) is None  # once per element and kind: then the page answers


@pytest.mark.parametrize("action", [
    {"kind": "browser_type", "element": "e4", "text": "Ana"},
    {"kind": "browser_click", "element": "e12"},
    {"kind": "browser_click", "element": "e13"},
    {"kind": "browser_select", "element": "e9", "option": "Pro"},
    {"kind": "browser_type", "element": "e99", "text": "x"},  # not on the page: the page's own error answers
    {"kind": "browser_press", "key": "Enter"},
])
def test_an_action_the_element_takes_is_left_alone(action: dict) -> None:
    assert wrong_role(action, [GOTO]) is None


def test_an_input_with_a_list_of_suggestions_takes_text() -> None:
    page = PAGE.replace('- combobox "Plan" [e9]:\n  - option "Basic"\n  - option "Pro"\n', '- combobox "Town" [e9]\n')
    goto = Past({"kind": "browser_goto", "url": "http://127.0.0.1:8000/"}, page, True)
    assert wrong_role({"kind": "browser_type", "element": "e9", "text": "Ancud"}, [goto]) is None


def test_the_refusal_in_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through ``LocalModel.complete`` with the default ``wrapper`` aid: typing into the checkbox is refused as a format
    error whose hint names the click; the model's click on it afterwards is taken."""
    from macrohard.agent import tool_schemas
    from macrohard.errors import FormatError
    from macrohard.types import BrowserClickAction, BrowserGotoAction, BrowserTypeAction, FinishAction, Usage

    from .chat_history import tool_messages

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    typed = {"kind": "browser_type", "element": "e12", "text": "on"}
    replies = [typed, {"kind": "browser_click", "element": "e12"}]
    monkeypatch.setattr(model, "_act", lambda chat, kinds, grammar, **_: (replies[0], json.dumps(replies[0]), Usage()))
    monkeypatch.setattr(model, "_browser_grammar", lambda *a, **k: None)
    tools = tool_schemas([BrowserGotoAction, BrowserTypeAction, BrowserClickAction, FinishAction])
    task = "sign Ana up for the newsletter"
    goto = {"kind": "browser_goto", "url": "http://127.0.0.1:8000/"}
    with pytest.raises(FormatError) as refused:
        model.complete(tool_messages(task, [(goto, PAGE)]), tools)
    assert "use browser_click on e12" in str(refused.value.hint)
    messages = tool_messages(task, [(goto, PAGE)])
    messages += [{"role": "assistant", "content": refused.value.raw},
                 {"role": "user", "content": f"Format error: {refused.value}. {refused.value.hint}"}]
    replies.pop(0)
    call = model.complete(messages, tools).tool_calls[0]
    assert call.name == "browser_click" and json.loads(call.arguments) == {"element": "e12"}
