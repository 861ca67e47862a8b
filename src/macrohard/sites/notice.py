"""``notice``: a page whose dialog opens a moment after a click (screen-event tests and benchmarks).

``/?delay=MS`` (default 300): a "Delete the draft" button; MS milliseconds after it is clicked, an
in-page dialog "Really delete the draft?" with Yes and No appears over the grey page (no backdrop;
the screen watcher tells a dialog by its contrast with what it covers: a white one on a white page
is reported as "text changed", with its text). The
page records when it showed the dialog (``window.shownAt``, ms since the epoch) so a test can
measure how long the screen event took. The one site that needs JavaScript.
"""

from __future__ import annotations

from typing import Any

from macrohard.sites.pages import Request, Response, not_found, page

DIALOG = """<div id=dialog role=dialog aria-label="Confirm" hidden style="position:fixed;left:440px;top:300px;width:400px;
padding:24px;background:#fff;border:2px solid #333;box-shadow:0 4px 16px #0006;font-size:22px">
<p>Really delete the draft?</p><button id=yes>Yes</button> <button id=no>No</button></div>"""


def notice_app(req: Request, site: Any) -> Response:
    if req.path != "/":
        return not_found(req)
    try:
        delay = max(0, min(10_000, int(req.query.get("delay", "300"))))
    except ValueError:
        delay = 300
    script = (f"<script>document.getElementById('del').onclick=()=>setTimeout(()=>{{"
              f"document.getElementById('dialog').hidden=false;"
              f"requestAnimationFrame(()=>{{window.shownAt=Date.now()}})}},{delay});"
              "document.getElementById('no').onclick=()=>{document.getElementById('dialog').hidden=true};</script>")
    return page("Drafts", "<style>body{background:#d8d8d8}</style>"
                          f"<p>One draft: <i>Quarterly report</i>.</p><button id=del>Delete the draft</button>"
                          f"{DIALOG}{script}")
