"""The headers every answer of the web app carries: what a browser may run, sniff and frame.

rt55c: before, no answer carried any of them. Another site's page could frame a run page (transparent, under its own
"claim your prize" button) and have the person's click land on Approve: on a ``--no-auth`` server from any site, on
a logged-in one from any page of the same site (another port of 127.0.0.1: the SameSite cookie goes along). The pages
build untrusted text with ``textContent`` and Jinja's escaping; the policy is the second line should one place ever
slip: only the app's own scripts run (the pages' one inline start carries the answer's nonce), never an inline
handler (``<img onerror>``), another site's script, a plugin or a ``<base>``.
"""

from __future__ import annotations

import secrets
from typing import Any

# a page: its scripts are /static's and the inline start with this answer's nonce; its styles /static's app.css and
# the eval report's one <style> with the same nonce (rt56c: before, any inline style: a `<style>` or `style=` that
# ever slipped through could restyle the page, hide the real question or draw over it); pictures and the replay's
# video are the app's own (blob: for the voice answer's audio)
PAGE_POLICY = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
               "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# anything else (JSON, a frame, a video, a script file) opened on its own runs nothing and is framed by no one
OTHER_POLICY = "frame-ancestors 'none'; sandbox"


class SecurityHeaders:
    """ASGI middleware: nosniff, no framing and a Content-Security-Policy on every HTTP answer. A page's nonce is
    ``request.state.csp_nonce`` (the templates' inline ``<script nonce=…>``)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"x-content-type-options", b"x-frame-options",
                                                b"content-security-policy", b"referrer-policy")]
                kind = dict(headers).get(b"content-type", b"")
                policy = PAGE_POLICY.format(nonce=nonce) if kind.startswith(b"text/html") else OTHER_POLICY
                headers += [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                            (b"content-security-policy", policy.encode()), (b"referrer-policy", b"same-origin")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
