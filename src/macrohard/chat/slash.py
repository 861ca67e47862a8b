"""The chat's slash commands, for the terminal (`macrohard chat`) and the web chat page alike: which line is one, and
the words that answer it. One source, so the two say the same (ux49b: before, the page sent `/help` to the model)."""

from __future__ import annotations

import re
from typing import Literal

Where = Literal["terminal", "web"]

_COMMANDS: dict[Where, dict[str, str]] = {
    "terminal": {"/help": "these commands", "/exit": "end the chat (so does Ctrl-D); it is kept for --continue",
                 "/quit": "the same as /exit"},
    "web": {"/help": "these commands", "/exit": "the conversation is kept as it is: leave the page (Chats lists it)",
            "/quit": "the same as /exit"},
}
SLASH_COMMANDS = _COMMANDS["terminal"]
_SLASH = re.compile(r"/[A-Za-z][\w-]*(?=\s|$)")


def slash_word(text: str) -> str | None:
    """The command a line is (``/help``, lower-cased), or None for a message. A path (`/etc/hosts is how big?`) is a
    message; so is a line that starts with `//` (see ``as_sent``)."""
    found = _SLASH.match(text.strip())
    return None if found is None else found.group(0).lower()


def as_sent(text: str) -> str:
    """The message as the model gets it: `//` at the start sends a line that begins with `/` as it is."""
    return text[1:] if text.startswith("//") else text


def help_text(where: Where, conv_id: str) -> str:
    lines = [f"  {name}  {what}" for name, what in _COMMANDS[where].items()]
    lines.append(f"  anything else is a message to the model; start a line with // to send one that begins with /"
                 f" (conversation {conv_id})")
    return "\n".join(lines)


def unknown_text(word: str) -> str:
    return f"unknown command {word}: /help lists the commands; to send the line to the model as it is, start it with //"


def exit_text(where: Where) -> str:
    return _COMMANDS[where]["/exit"]
