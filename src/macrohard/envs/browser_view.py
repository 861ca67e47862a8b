"""What the agent sees of a browser page: the accessibility snapshot with element ids, where the page sends
data, frames for the recording, and set-of-marks screenshots (a mixin of ``BrowserEnvironment``).

The mixin reads the environment's page (``_page``), DevTools session (``_cdp``), ``frames`` switch, timeout,
sandbox and network; it keeps the latest snapshot in ``_last_snapshot`` so an action can refuse an element id
the model could not have seen.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from macrohard.envs.recording import draw_marks, image, parse_marks
from macrohard.types import BrowserScreenshotAction, Observation

SNAPSHOT_LIMIT = 12_000
# a link in the snapshot: its element id, then the ``/url:`` line indented under it (as ``safety.flow`` reads it)
_SNAP_LINK = re.compile(r"^( *)- link\b[^\n]*?\[((?:f\d+)?e\d+)\][^\n]*\n\1  - /url: *([^\n]*)", re.M)
# each link's href as written and as the browser resolves it (against the document's base, WHATWG's parser)
_HREFS_JS = """() => Array.from(document.querySelectorAll('a, area'), a => {
  const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href');
  if (raw === null) return null;
  try { return [raw, new URL(raw, document.baseURI).href]; } catch (e) { return [raw, '']; }
}).filter(Boolean)"""


_SNAPSHOT_ID = re.compile(r"\[((?:f\d+)?e\d+)\]")


def page_header(snap: str) -> str:
    """The line above a page's snapshot; its example id is one of this snapshot's own (ux55: it said "e.g. [e5]" where
    a page reached by a click or a link reads [f1e2], [f2e7], ...: Playwright numbers each new document's ids anew).
    The first id past the page's root where there is one (the root, a bare `generic`, is seldom what a step takes)."""
    ids = _SNAPSHOT_ID.findall(snap)
    if not ids:
        return "Page (element ids in brackets; this page shows none):"
    return f"Page (element ids in brackets, e.g. [{ids[1] if len(ids) > 1 else ids[0]}], are what browser_click/type/select take):"


class PageView:
    """Observation helpers of ``BrowserEnvironment`` (see the module's docstring)."""

    _page: Any
    _cdp: Any
    _last_snapshot: str
    frames: bool
    timeout_ms: float
    _step_timeout_ms: float  # the step's: timeout_ms, or less where the run's wall budget ends sooner
    network: str
    sandbox: Any
    blocked: list[str]

    def _state_text(self, *, full: bool = False) -> str:
        page = self._page
        snap = page.aria_snapshot(mode="ai")
        snap = snap.replace(" [cursor=pointer]", "")
        snap = re.sub(r"\[ref=((?:f\d+)?e\d+)\]", r"[\1]", snap)
        self._last_snapshot = snap
        limit = SNAPSHOT_LIMIT * (2 if full else 1)
        if len(snap) > limit:
            snap = snap[:limit] + f"\n[... snapshot cut at {limit} characters; scroll or read parts of the page ...]"
        header = f"URL: {page.url}\nTitle: {self._title()}"
        return f"{header}\n{page_header(snap)}\n{snap}"

    def _sends(self) -> list[str]:
        """Where the page's forms post and its frames load (the guard's flow control: a click that submits
        a form sends data there)."""
        try:
            posts = self._page.evaluate("() => Array.from(document.querySelectorAll('form, [formaction]'), "
                                        "e => e.tagName === 'FORM' ? e.action : e.formAction)")
        except Exception:  # noqa: BLE001  (a page mid-navigation: its frames still say where they are)
            posts = []
        frames = [f.url for f in self._page.frames[1:]]
        return sorted({u for u in [*posts, *frames] if isinstance(u, str) and "://" in u})[:50]

    def _links(self) -> dict[str, str]:
        """Element id -> the address each link of the latest snapshot goes to, as the browser resolves it (for the
        guard's flow control: the snapshot's ``/url:`` is the ``href`` as written, which a ``<base>``, an upper-case
        scheme, backslashes or a tab make go elsewhere than it reads; flow22)."""
        found = _SNAP_LINK.findall(self._last_snapshot)
        if not found:
            return {}
        resolved: dict[str, str] = {}
        try:
            for frame in self._page.frames:
                for raw, url in frame.evaluate(_HREFS_JS):
                    resolved.setdefault(raw, url)
        except Exception:  # noqa: BLE001  (a page mid-navigation: the guard reads the snapshot's own text)
            return {}
        return {element: resolved[raw] for _, element, raw in ((i, e, _unquote(r)) for i, e, r in found)
                if raw in resolved}

    def _title(self) -> str:
        # Asked of the browser process (DevTools target info), not the page: a page stuck in a
        # script loop cannot answer, and page.title() has no timeout.
        try:
            return str(self._cdp.send("Target.getTargetInfo")["targetInfo"]["title"])
        except Exception:  # noqa: BLE001
            return ""

    def _safe_state(self) -> str:
        try:
            return self._state_text()
        except Exception as exc:  # noqa: BLE001
            return f"(the page could not be read: {_first_line(exc)})"

    def _answers_blank(self) -> bool:
        """Whether the browser still goes to about:blank within 3 s, after a ``goto`` that timed out. Before (rel25):
        a server that takes the connection and never answers made every such goto "the browser stopped responding",
        the browser restarted (seconds) and the user sent to look for an out-of-memory kill."""
        try:
            self._page.goto("about:blank", timeout=3000)
            return True
        except Exception:  # noqa: BLE001  (it does not: the renderer or the browser is stuck)
            return False

    def _hung(self) -> bool:
        try:
            cut = self._step_timeout_ms < self.timeout_ms  # a step cut to the wall budget: a shorter look
            self._page.locator(":root").aria_snapshot(timeout=1000 if cut else 2000)
            return False
        except Exception:  # noqa: BLE001
            return True

    def _explain(self, message: str, blocked_before: int) -> str:
        if any(e in message for e in ("ERR_BLOCKED_BY", "ERR_PROXY_CONNECTION_FAILED", "ERR_TUNNEL_CONNECTION_FAILED")) \
                or len(self.blocked) > blocked_before:
            return (f"Blocked by the network policy: {self._policy_text()}. The request did not leave the machine. "
                    f"({message})")
        if "aria-ref" in message or "not an element id" in message:
            return f"{message}\nUse an element id from the latest snapshot (they look like e5, or f1e5 on a page reached since)."
        return message

    def _policy_text(self) -> str:
        return f"network {self.network!r}, reachable: {self.sandbox.describe()['reachable']}"

    def _capture(self, fmt: str = "jpeg") -> bytes:
        # page.screenshot, not raw CDP: its timeout holds even when the renderer is stuck in a loop
        # (a CDP call would wait forever); caret="initial" skips injecting a caret-hiding style.
        timeout = min(self._step_timeout_ms, 5000)
        if fmt == "jpeg":
            return bytes(self._page.screenshot(type="jpeg", quality=60, caret="initial", timeout=timeout))
        return bytes(self._page.screenshot(type="png", caret="initial", timeout=timeout))

    def _frame(self) -> list[Any]:
        if not self.frames or self._page is None:
            return []
        try:
            return [image(self._capture("jpeg"))]
        except Exception:  # noqa: BLE001  (a missing frame must not fail the step)
            return []

    def _screenshot(self, action: BrowserScreenshotAction, note: str) -> Observation:
        started = time.perf_counter()
        text = self._state_text()
        raw = self._capture("png")
        marks = []
        if action.marks:
            marks = parse_marks(self._page.aria_snapshot(mode="ai", boxes=True))
            raw = draw_marks(raw, marks)
        legend = ", ".join(f"{m.ref} {m.role}" for m in marks[:60])
        out = (note + "\n" if note else "") + f"Screenshot attached ({len(marks)} marked elements: {legend}).\n\n{text}"
        return Observation(output=out, images=[image(raw, "image/png")],
                           meta={"url": self._page.url, "marks": len(marks), "links": self._links(),
                                 "screenshot_ms": round((time.perf_counter() - started) * 1000, 1)})


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def element_id(snapshot: str, role: str, name: str) -> str:
    """The id of the first element with this role and accessible name in an observation's snapshot.

    For scripted flows and checkers: ``element_id(obs.output, "button", "Send")`` -> ``"e14"``.
    """
    pattern = re.compile(rf'- {re.escape(role)} "{re.escape(name)}"[^\n]*?\[((?:f\d+)?e\d+)\]')
    m = pattern.search(snapshot)
    if m is None:
        raise LookupError(f"no {role} named {name!r} in the snapshot")
    return m.group(1)


def _unquote(raw: str) -> str:
    """A snapshot's YAML scalar as the text it stands for (``" http://x/ "`` -> `` http://x/ ``)."""
    raw = raw.rstrip("\r")
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            return str(json.loads(raw))
        except ValueError:
            return raw[1:-1]
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return raw
