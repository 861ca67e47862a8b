"""Mouse and keyboard input over one X connection, through the XTEST extension.

No process per action: an ``xdotool`` process costs ~30-130 ms, a request over an open connection
well under 1 ms. Characters without a key in the layout are typed on spare keycodes (ones with no symbols), as
``xdotool`` does, each character on its own (rt62b).
"""

from __future__ import annotations

import time
from typing import Any

KEY_ALIASES = {
    "ctrl": "Control_L", "control": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "super": "Super_L",
    "meta": "Meta_L", "win": "Super_L", "enter": "Return", "return": "Return", "esc": "Escape",
    "escape": "Escape", "tab": "Tab", "backspace": "BackSpace", "delete": "Delete", "del": "Delete",
    "space": "space", "up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home",
    "end": "End", "pageup": "Prior", "pagedown": "Next", "insert": "Insert",
}
CHAR_KEYSYMS = {"\n": "Return", "\t": "Tab", " ": "space"}


class XInput:
    """Synthetic pointer and key events on the display of ``dpy`` (a python-xlib ``Display``)."""

    def __init__(self, dpy: Any) -> None:
        from Xlib import X
        from Xlib.ext import xtest

        self._dpy, self._X, self._xtest = dpy, X, xtest
        self._spares: dict[int, int] = {}  # keysym -> the spare keycode mapped to it (least recently used first)
        self._free: list[int] | None = None  # keycodes with no symbols not yet used (None: not yet read)

    def _fake(self, event: int, detail: int, x: int = 0, y: int = 0) -> None:
        self._xtest.fake_input(self._dpy, event, detail, x=x, y=y)

    def move(self, x: int, y: int) -> None:
        self._fake(self._X.MotionNotify, 0, x, y)

    def click(self, x: int, y: int, button: int = 1, *, count: int = 1) -> None:
        self.move(x, y)
        for _ in range(count):
            self._fake(self._X.ButtonPress, button)
            self._fake(self._X.ButtonRelease, button)
        self._dpy.sync()

    def drag(self, x1: int, y1: int, x2: int, y2: int, steps: int = 8) -> None:
        self.move(x1, y1)
        self._fake(self._X.ButtonPress, 1)
        self._dpy.sync()
        for i in range(1, steps + 1):
            # Intermediate motion, flushed and paced, so window managers and programs see a drag
            # (they grab the pointer on press and apply a drag threshold), not a jump.
            time.sleep(0.01)
            self.move(x1 + (x2 - x1) * i // steps, y1 + (y2 - y1) * i // steps)
            self._dpy.sync()
        time.sleep(0.01)
        self._fake(self._X.ButtonRelease, 1)
        self._dpy.sync()

    def scroll(self, x: int, y: int, direction: str, clicks: int) -> None:
        self.move(x, y)
        button = 4 if direction == "up" else 5
        for _ in range(clicks):
            self._fake(self._X.ButtonPress, button)
            self._fake(self._X.ButtonRelease, button)
        self._dpy.sync()

    def _keysym(self, name: str) -> int:
        from Xlib import XK

        if len(name) == 1:
            code = ord(name)
            return code if code < 0x100 else 0x01000000 | code
        sym = XK.string_to_keysym(KEY_ALIASES.get(name.lower(), name))
        if not sym:
            sym = XK.string_to_keysym(name.capitalize())
        if not sym:
            raise ValueError(f"unknown key {name!r}; use X key names such as Return, Tab, Escape, F5, ctrl+a")
        return int(sym)

    def _keycode(self, sym: int) -> tuple[int, bool]:
        """The keycode for a keysym and whether Shift is needed; unmapped symbols get a spare key."""
        code = self._dpy.keysym_to_keycode(sym)
        if code:
            return code, self._dpy.keycode_to_keysym(code, 0) != sym and self._dpy.keycode_to_keysym(code, 1) == sym
        if sym in self._spares:  # (its own spare key still: no remap, so a key typed before reads the same)
            self._spares[sym] = self._spares.pop(sym)  # (the most recently used last)
            return self._spares[sym], False
        if self._free is None:  # the keycodes with no symbols (xdotool takes the highest one)
            first = self._dpy.display.info.min_keycode
            count = self._dpy.display.info.max_keycode - first + 1
            mapping = self._dpy.get_keyboard_mapping(first, count)
            self._free = [first + i for i, syms in enumerate(mapping) if not any(syms)]
        if self._free:
            code = self._free.pop()
        elif self._spares:  # every spare key holds a character: the least recently used one is taken back
            code = self._spares.pop(next(iter(self._spares)))
        else:
            raise ValueError("no free key to type this character")
        # rt62b: one spare key per character. Before, one key was remapped for each character in turn and the
        # program typed into read the keyboard's mapping when it got to the key, often after the next remap:
        # "café-é€ü" reached xterm as "cafü-€éü"
        self._dpy.change_keyboard_mapping(code, [(sym, sym)])
        self._dpy.sync()
        self._spares[sym] = code
        return code, False

    def _tap(self, code: int, shift: bool) -> None:
        shift_code = self._dpy.keysym_to_keycode(self._keysym("Shift_L")) if shift else 0
        if shift:
            self._fake(self._X.KeyPress, shift_code)
        self._fake(self._X.KeyPress, code)
        self._fake(self._X.KeyRelease, code)
        if shift:
            self._fake(self._X.KeyRelease, shift_code)

    def type_text(self, text: str) -> None:
        for ch in text:
            sym = self._keysym(CHAR_KEYSYMS.get(ch, ch))
            code, shift = self._keycode(sym)
            self._tap(code, shift)
            if sym in self._spares:
                self._dpy.sync()  # (a spare key was mapped for it: flushed before the next)
        self._dpy.sync()

    def key(self, combo: str) -> None:
        names = [n for n in combo.replace(" ", "").split("+") if n] or [combo]
        codes = [self._keycode(self._keysym(n)) for n in names]
        shift_code = self._dpy.keysym_to_keycode(self._keysym("Shift_L"))
        pressed = []
        for code, shift in codes:
            if shift and shift_code not in pressed:
                self._fake(self._X.KeyPress, shift_code)
                pressed.append(shift_code)
            self._fake(self._X.KeyPress, code)
            pressed.append(code)
        for code in reversed(pressed):
            self._fake(self._X.KeyRelease, code)
        self._dpy.sync()
