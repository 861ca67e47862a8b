"""The embedded model's view of a page as its worked examples show pages (ux58: the README's browser demo).

After "Send" the form site answers "Thank you, Ada. We received your message (plan: basic)." Playwright's aria
snapshot writes a text holding ": " in double quotes, and every test site's heading repeats the page's title, so
the model read ``Page: Thank you`` / ``text: Thank you`` / ``text: "Thank you, Ada. ..."``: a shape no worked example
has (their pages end ``Page: Welcome`` / ``text: Welcome, bob42. Your account is ready.``), and it opened the form's
URL again until the repeat budget ended the run (``out_of_budget``, exit 1, with the form sent).
"""

from __future__ import annotations

from macrohard.models.local_browser import page_text, parse_page

# the thank-you page's observation as the browser environment gives it (recorded from the README's demo run)
THANK_YOU = """URL: http://127.0.0.1:8000/submit
Title: Thank you
Page (element ids in brackets, e.g. [f1e2], are what browser_click/type/select take):
- generic [active] [f1e1]:
  - heading "Thank you" [level=1] [f1e2]
  - paragraph [f1e3]: "Thank you, Ada. We received your message (plan: basic)."
"""


def test_a_quoted_text_of_the_snapshot_is_shown_as_the_page_shows_it() -> None:
    page = parse_page(THANK_YOU)
    assert page is not None
    assert page_text(page) == "Page: Thank you\ntext: Thank you, Ada. We received your message (plan: basic)."


def test_escapes_in_a_quoted_text_are_read() -> None:
    page = parse_page('URL: http://127.0.0.1:9/\nTitle: T\n- paragraph [e3]: "He said \\"hi\\": ok \\\\ \\x7f"\n'
                      '- paragraph [e4]: plain: "kept"')
    assert page is not None and page.texts == ['He said "hi": ok \\ \\x7f', 'plain: "kept"']


def test_a_heading_that_is_not_the_title_stays() -> None:
    page = parse_page('URL: http://127.0.0.1:9/\nTitle: Sign up\n- heading "Create an account" [level=1] [e2]\n'
                      '- heading "Sign up" [level=2] [e3]\n- button "Register" [e9]')
    assert page is not None and page.texts == ["Create an account"]
