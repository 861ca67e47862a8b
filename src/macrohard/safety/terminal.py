"""What a terminal on the desktop would run: the line typed since the last submit.

Typing a command and pressing Return are separate desktop actions, so a command reaches a
terminal split across steps. The guard keeps a model of the line being edited (fed only from the
actions it approved, never from the agent or the environment) and, when an action submits it
(Return, KP_Enter, ctrl+j, ctrl+m, ctrl+o, a newline in typed text, ctrl+d on a non-empty line),
the submitted line is reviewed exactly like a ``bash`` command.

The model follows readline's common editing (BackSpace, Delete, cursor moves, ctrl+u, ctrl+k,
ctrl+w, ctrl+c). Input whose effect on the line it cannot know (history with Up, completion with
Tab, pastes, Escape as a Meta prefix, unknown keys) marks the line *opaque*: its submit is asked
about, not allowed, until the line is cleared with ctrl+c and typed in full.

The keys are read as X reads them (rt49b): a combination of several keys (`space+Return`) is pressed one key after
the other, each with the modifiers, so each has its effect (a Return among them submits); a key named by a control
character (`\n`), `Linefeed` and a control character typed in text are that character as the terminal gets it
(a line feed or a carriage return submits, ctrl+o too); and a lock key (`Caps_Lock`) changes every later key until it
is pressed again, so the line is opaque while a lock is on, whatever ctrl+c clears.

A click, drag or launch may move the keyboard focus to another window, leaving the line typed so
far pending there. Pending lines are kept and reviewed again, alone and continued by the current
line, at every later submit (only their hard findings count: prose typed into a form is not a
reason to ask), because Return in that window would still run them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

SUBMIT_KEYS = frozenset({"return", "enter", "kp_enter", "ctrl+j", "ctrl+m", "ctrl+o"})
FOCUS_KINDS = frozenset({"desktop_click", "desktop_double_click", "desktop_drag", "desktop_launch"})
MODIFIERS = {"ctrl": "ctrl", "control": "ctrl", "control_l": "ctrl", "control_r": "ctrl", "alt": "alt",
             "alt_l": "alt", "alt_r": "alt", "meta": "alt", "meta_l": "alt", "shift": "shift", "shift_l": "shift",
             "shift_r": "shift", "super": "super", "super_l": "super", "win": "super"}
NAMED_CHARS = {"space": " ", "kp_space": " "}
# keys that change what later keys type until pressed again (X's lock modifiers, keyboard groups)
LOCK_KEYS = frozenset({"caps_lock", "shift_lock", "num_lock", "iso_lock", "iso_level3_lock", "iso_level5_lock",
                       "iso_group_lock", "iso_next_group", "iso_prev_group", "iso_first_group", "iso_last_group",
                       "iso_next_group_lock", "iso_prev_group_lock", "iso_first_group_lock", "iso_last_group_lock"})
# named keys that X turns into a line feed or a carriage return (Xlib's XLookupString: the keysym's low 7 bits)
SUBMIT_NAMES = frozenset({"return", "enter", "kp_enter", "linefeed"})
NO_EFFECT = frozenset({"ctrl+l", "shift", "ctrl", "alt", "super", "shift+shift", "ctrl+ctrl"})
OPAQUE_WHY = "the terminal line includes input whose effect the guard cannot see ({why}); clear it " \
             "(ctrl+c) and type the command in full"


@dataclass
class Submitted:
    """A line that an action would submit, with the earlier pending lines it might continue."""

    line: str
    opaque: str = ""  # why the guard cannot know the line ("" when it can)
    pending: tuple[str, ...] = ()

    def candidates(self) -> list[tuple[str, bool]]:
        """Each text that may run, and whether it is reviewed strictly (every finding counts)."""
        out = [(self.line, True)]
        for earlier in self.pending:
            out += [(earlier, False), (earlier + self.line, False)]
        return out


@dataclass
class TerminalLine:
    """The guard's model of terminal input since the last submit, one per run."""

    text: str = ""
    cursor: int = 0
    opaque: str = ""
    pending: list[str] = field(default_factory=list)  # lines left in windows that lost the focus
    locks: frozenset[str] = frozenset()  # lock keys pressed an odd number of times (Caps_Lock...)

    def copy(self) -> TerminalLine:
        return TerminalLine(self.text, self.cursor, self.opaque, list(self.pending), self.locks)

    def preview(self, action: Any) -> list[Submitted]:
        """The lines ``action`` would submit, without changing this model."""
        return self.copy().apply(action)

    def apply(self, action: Any) -> list[Submitted]:
        """Change the model as ``action`` changes the terminal; return the lines it submits."""
        kind = getattr(action, "kind", "")
        if kind == "desktop_type":
            return self._type(str(action.text))
        if kind == "desktop_key":
            return self._key(str(action.keys))
        if kind in FOCUS_KINDS:
            if kind == "desktop_click" and getattr(action, "button", "left") == "middle":
                self._mark("a middle-click pastes the selection")
                return []
            self._leave()
            self.text, self.cursor, self.opaque = "", 0, ""
        return []

    # -- editing -----------------------------------------------------------------------------

    def _type(self, text: str) -> list[Submitted]:
        out: list[Submitted] = []
        for ch in text:
            if ch in "\n\r":
                out.append(self._submit())
            elif ch == "\t":
                self._mark("Tab completes from files and commands")
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out += self._control(ch)
            else:
                self._insert(ch)
        return out

    def _key(self, keys: str) -> list[Submitted]:
        names = [n if len(n) == 1 else n.lower() for n in keys.replace(" ", "").split("+") if n] or [keys]
        mods = sorted({MODIFIERS[n.lower()] for n in names if n.lower() in MODIFIERS})
        rest = [n for n in names if n.lower() not in MODIFIERS]
        if not rest:
            return []
        if len(rest) > 1:  # the desktop presses them one after the other, the modifiers held: each has its effect
            out = [s for key in rest for s in self._key("+".join([*mods, key]))]
            self._mark(f"the key combination {keys}")
            why = f"the key combination {keys}"
            return [s if s.opaque else Submitted(s.line, why, s.pending) for s in out]
        key = rest[0]
        if len(key) == 1 and (ord(key) < 0x20 or ord(key) == 0x7F):  # X types the control character itself
            if "alt" in mods:
                self._mark(f"the key {keys!r}")
            return self._control(key)
        combo = "+".join([*mods, key.lower()])
        if key.lower() in LOCK_KEYS:
            self.locks = self.locks ^ {key.lower()}
            return []
        if key in SUBMIT_NAMES or combo in SUBMIT_KEYS:
            return [self._submit()]  # with any modifier: a terminal may still send a carriage return
        if combo == "ctrl+d":  # end of input: a non-empty line reaches the program (then ctrl+d deletes)
            out = [self._submit(clear=False)] if self.text else []
            self.text = self.text[:self.cursor] + self.text[self.cursor + 1:]
            return out
        if combo in NO_EFFECT:
            return []
        if not mods or mods == ["shift"]:
            char = NAMED_CHARS.get(key, key if len(key) == 1 else "")
            if char and (not mods or char.isalpha()):
                self._insert(char.upper() if mods else char)
                return []
        edit = self._EDITS.get(combo)
        if edit is None:  # it may move the focus (alt+Tab): the line stays in a window the model cannot see
            self._leave()
            self._mark(f"the key {keys}")
        else:
            edit(self)
        return []

    def _insert(self, ch: str) -> None:
        self.text = self.text[:self.cursor] + ch + self.text[self.cursor:]
        self.cursor += 1

    def _backspace(self) -> None:
        if self.cursor:
            self.text = self.text[:self.cursor - 1] + self.text[self.cursor:]
            self.cursor -= 1

    def _delete(self) -> None:
        self.text = self.text[:self.cursor] + self.text[self.cursor + 1:]

    def _kill_start(self) -> None:  # an opaque line stays opaque: the real cursor may be elsewhere
        self.text, self.cursor = self.text[self.cursor:], 0

    def _kill_end(self) -> None:
        self.text = self.text[:self.cursor]

    def _kill_word(self) -> None:
        start = len(self.text[:self.cursor].rstrip(" "))
        while start and self.text[start - 1] != " ":
            start -= 1
        self.text, self.cursor = self.text[:start] + self.text[self.cursor:], start

    def _clear(self) -> None:
        self.text, self.cursor, self.opaque = "", 0, ""

    def _move(self, where: int) -> None:
        self.cursor = max(0, min(len(self.text), where))

    _EDITS: ClassVar[dict[str, Any]] = {
        "backspace": _backspace, "ctrl+h": _backspace, "delete": _delete, "kp_delete": _delete,
        "left": lambda s: s._move(s.cursor - 1), "ctrl+b": lambda s: s._move(s.cursor - 1),
        "right": lambda s: s._move(s.cursor + 1), "ctrl+f": lambda s: s._move(s.cursor + 1),
        "home": lambda s: s._move(0), "ctrl+a": lambda s: s._move(0),
        "end": lambda s: s._move(len(s.text)), "ctrl+e": lambda s: s._move(len(s.text)),
        "ctrl+u": _kill_start, "ctrl+k": _kill_end, "ctrl+w": _kill_word, "ctrl+c": _clear,
    }

    def focus_moved(self) -> None:
        """The focus went to another window by itself (``guard._follow_focus``): the line stays pending there."""
        self._leave()
        self.text, self.cursor, self.opaque = "", 0, ""

    def _leave(self) -> None:
        """Keep the line pending: a key whose effect the model cannot see may have moved the focus (the window
        manager's alt+Tab), so the keys after it, a ctrl+c the model takes for clearing the line, may reach another
        window, and Return, after a click back, submit it where it was typed (rt49b)."""
        if self.text and self.text not in self.pending:
            self.pending.append(self.text)

    def _mark(self, why: str) -> None:
        self.opaque = self.opaque or why

    def _control(self, ch: str) -> list[Submitted]:
        """A control character as the terminal gets it: the ctrl+letter key it is (a line feed is ctrl+j)."""
        code = ord(ch)
        if 1 <= code <= 26 and ch != "\t":
            return self._key("ctrl+" + chr(code + 0x60))
        self._mark(f"the control character {code:#04x}")
        return []

    def _submit(self, *, clear: bool = True) -> Submitted:
        opaque = self.opaque or (f"{', '.join(sorted(self.locks))} is on: it changes what the keys type"
                                 if self.locks else "")
        done = Submitted(self.text, opaque, tuple(self.pending))
        if clear:
            self._clear()
        return done

    @staticmethod
    def opaque_reason(why: str) -> str:
        return OPAQUE_WHY.format(why=why)
