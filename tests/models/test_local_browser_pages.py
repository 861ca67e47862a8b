"""The embedded model's view of a page after the page has changed (real Chromium, real local site).

Playwright names the elements of a page it has navigated to ``f1e7``, ``f2e5``, ... (``e7`` only on the first
document). The small model's page view (``models/local_browser.parse_page``) once kept only ``e7``-shaped ids, so
after the first click that loaded a page the model saw no button, link or box at all and clicked ids it made up
(heldout11's checkout tasks: every step after "Add to cart" failed with an unknown element).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.models.local_browser import page_text, parse_page
from macrohard.runner import run_task
from macrohard.sites import serve
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, Task

pytestmark = [pytest.mark.slow]

AFTER_NAVIGATION = """URL: http://127.0.0.1:9/shipping
Title: Shipping
Page (element ids in brackets, e.g. [e5], are what browser_click/type/select take):
- generic [active] [f2e1]:
  - heading "Shipping" [level=1] [f2e2]
  - generic [f2e3]:
    - generic [f2e4]:
      - text: Name
      - textbox "Name" [active] [f2e5]: Kaisa
    - combobox "Speed" [f2e6]:
      - option "Slow" [selected]
      - option "Fast"
    - button "Continue to payment" [f2e10]"""


def test_elements_of_a_page_reached_by_navigation_are_listed() -> None:
    page = parse_page(AFTER_NAVIGATION)
    assert page is not None
    assert [(e.id, e.role) for e in page.elements] == [("f2e5", "textbox"), ("f2e6", "combobox"),
                                                       ("f2e10", "button")]
    assert page.elements[0].value == "Kaisa" and page.elements[1].options == ["Slow", "Fast"]
    text = page_text(page)
    assert '[f2e10] button "Continue to payment"' in text and "text: Name" not in text  # the label once


def test_every_page_of_a_real_checkout_shows_its_elements(store, tmp_path: Path) -> None:
    """Through the real loop: the shop, the cart (after a click), the shipping form (after another)."""
    ws = tmp_path / "ws"  # beside the run store, not holding it (a workspace that holds macrohard's data is refused)
    ws.mkdir()
    with serve("checkout") as site:
        model = ScriptedModel([{"kind": "browser_goto", "url": site.url},
                               {"kind": "browser_click", "element": "e12"},  # "Add Cap to cart": loads the cart
                               {"kind": "browser_click", "element": "f1e7"},  # "Proceed to checkout"
                               {"kind": "finish", "answer": "at the shipping form", "success": False}])
        task = Task(text=f"Open {site.url} and put a Cap in the cart.", environment="browser",
                    workspace=str(ws), budget=Budget(max_steps=6), allow_hosts=[site.url.split("/")[2]])
        run_task(task, model=model, store=store)
    pages = [parse_page(str(seen[-1]["content"])) for seen in model.seen[1:]]
    views = [page_text(p) for p in pages if p is not None]
    assert len(views) == 3, views
    assert '[e12] button "Add Cap to cart"' in views[0]
    assert '[f1e7] link "Proceed to checkout"' in views[1]  # ids of a page reached by a click
    assert '] textbox "Name"' in views[2] and '] button "Continue to payment"' in views[2]
    assert all(p is not None and p.elements for p in pages)


def _table(n: int) -> str:
    ids = f"f{n}e" if n else "e"
    return (f"URL: http://127.0.0.1:9/?n={n}\nTitle: Products\n- generic [{ids}1]:\n"
            f'  - link "Sort by name" [{ids}8]\n  - link "Sort by price" [{ids}10]')


def test_a_browser_action_repeats_by_the_element_s_name_from_its_third_time() -> None:
    """heldout11 dev: with every page's elements visible, the model clicked "Sort by name" (e8, f1e8, f2e8, ...)
    until its budget ran out; the ids differ, the link is the same. A second click stays free (it sorts the
    other way)."""
    from macrohard.models.local_history import Past, repeat_of

    history = [Past({"kind": "browser_goto", "url": "http://127.0.0.1:9/"}, _table(0), True),
               Past({"kind": "browser_click", "element": "e8"}, _table(1), True)]
    assert repeat_of({"kind": "browser_click", "element": "f1e8"}, history) is None  # the second click
    history.append(Past({"kind": "browser_click", "element": "f1e8"}, _table(2), True))
    assert repeat_of({"kind": "browser_click", "element": "f2e8"}, history) == "worked"  # the third
    assert repeat_of({"kind": "browser_click", "element": "f2e10"}, history) is None  # another link
    assert repeat_of({"kind": "browser_click", "element": "f2e99"}, history) is None  # not on the page


PAYMENT = """URL: http://127.0.0.1:9/payment
Title: Payment
- generic [f3e1]:
  - combobox "Payment" [f3e5]:
    - option "Test card 4242" [selected]
    - option "Invoice"
  - button "Continue" [f3e6]"""


def test_a_claim_does_not_stand_on_an_option_the_task_did_not_ask_for() -> None:
    """heldout11 dev: the whole checkout done, paid by test card where the task said invoice, and the page judge
    said yes (+0.93). A claim needs the option the task names, when it names one of the list's options."""
    from macrohard.models.local_grounds import other_option, unfounded
    from macrohard.models.local_history import Past

    task = "In the shop, buy one Cap and ship it to Kaisa Heikkinen, Kauppakatu 3, Lieksa. Pay by invoice."
    opened = Past({"kind": "browser_click", "element": "f2e10"}, PAYMENT, True)
    card = [opened, Past({"kind": "browser_select", "element": "f3e5", "option": "Test card 4242"}, PAYMENT, True)]
    assert "'Invoice'" in other_option(card, task) and unfounded(card, task).startswith("'Test card 4242' chosen")
    invoice = [opened, Past({"kind": "browser_select", "element": "f3e5", "option": "Invoice"}, PAYMENT, True)]
    assert other_option(invoice, task) == ""
    assert other_option(card, "Buy a T-shirt, delivered to Sirpa Korhonen, and pay with the test card.") == ""
    assert other_option(card, "Buy a Cap for Kaisa Heikkinen.") == ""  # the task names no option: nothing to say
    failed = [opened, Past({"kind": "browser_select", "element": "f3e5", "option": "Test card 4242"}, "Error", False)]
    assert other_option(failed, task) == ""
