"""The desktop environment: a private Xvfb display, openbox, and one persistent X connection.

Input goes through the XTEST extension over one python-xlib connection (no process per
action: an ``xdotool`` process costs ~130 ms, a request over an open connection well under 1 ms);
screenshots are ``mss`` grabs encoded as JPEG. Programs start through ``desktop_launch``, which
the guard reviews like any action, in the workspace directory, on this display only.

Xvfb, openbox and the launched programs run on the host as the current user (not inside the
bubblewrap sandbox); each desktop gets its own display number, chosen by Xvfb (``-displayfd``).
"""

from __future__ import annotations

import os
import select
import shlex
import shutil
import signal
import subprocess
import time
from typing import Any

from macrohard.envs.admit import admit
from macrohard.envs.recording import encode_rgb, image
from macrohard.errors import MissingDependency, Unsupported
from macrohard.safety.approval import Approved
from macrohard.types import (
    DESKTOP_ACTIONS,
    DesktopClickAction,
    DesktopDoubleClickAction,
    DesktopDragAction,
    DesktopKeyAction,
    DesktopLaunchAction,
    DesktopScreenshotAction,
    DesktopScrollAction,
    DesktopTypeAction,
    FinishAction,
    Observation,
)

BUTTONS = {"left": 1, "middle": 2, "right": 3}
KEY_ALIASES = {
    "ctrl": "Control_L", "control": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "super": "Super_L",
    "meta": "Meta_L", "win": "Super_L", "enter": "Return", "return": "Return", "esc": "Escape",
    "escape": "Escape", "tab": "Tab", "backspace": "BackSpace", "delete": "Delete", "del": "Delete",
    "space": "space", "up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home",
    "end": "End", "pageup": "Prior", "pagedown": "Next", "insert": "Insert",
}
CHAR_KEYSYMS = {"\n": "Return", "\t": "Tab", " ": "space"}


class DesktopEnvironment:
    """A virtual X desktop the agent sees as screenshots and drives with mouse and keyboard."""

    kind = "desktop"
    action_types = [*DESKTOP_ACTIONS, FinishAction]

    def __init__(self, workspace: str, *, size: tuple[int, int] = (1280, 800), window_manager: str | None = "openbox",
                 frames: bool = True, settle: float = 0.15, jpeg_quality: int = 70) -> None:
        self.workspace = workspace
        self.size = size
        self.window_manager = window_manager
        self.frames = frames
        self.settle = settle  # seconds to let programs redraw before the after-action screenshot
        self.jpeg_quality = jpeg_quality
        self.display_name = ""
        self.programs: list[subprocess.Popen[bytes]] = []
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None
        self._dpy: Any = None
        self._xtest: Any = None
        self._sct: Any = None
        self._spare_keycode = 0

    @property
    def server_pid(self) -> int | None:
        """The Xvfb process id (None before ``start``)."""
        return None if self._xvfb is None else self._xvfb.pid

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        try:
            self._start()
        except BaseException:
            self.close()  # never leave a half-started X server behind
            raise

    def _start(self) -> None:
        for binary, package in (("Xvfb", "xvfb"), (self.window_manager, self.window_manager)):
            if binary and not shutil.which(binary):
                raise MissingDependency(f"the desktop needs {binary}: apt-get install {package}")
        try:
            import mss
            from Xlib import X, display
            from Xlib.ext import xtest
        except ImportError as exc:
            raise MissingDependency("the desktop needs python-xlib and mss: pip install 'macrohard[computer]'") from exc
        read_fd, write_fd = os.pipe()
        width, height = self.size
        self._xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
             "+extension", "XTEST", "-noreset"],
            pass_fds=(write_fd,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(write_fd)
        number = self._read_display(read_fd)
        self.display_name = f":{number}"
        self._dpy = display.Display(self.display_name)
        if not self._dpy.has_extension("XTEST"):
            raise MissingDependency("the X server has no XTEST extension")
        self._xtest, self._X = xtest, X
        factory = getattr(mss, "MSS", None) or mss.mss  # mss 10 renamed the class
        self._sct = factory(display=self.display_name)
        if self.window_manager:
            self._wm = subprocess.Popen([self.window_manager], env=self._env(), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
            self._wait(lambda: self._wm_ready(), 5.0)

    def _read_display(self, fd: int) -> str:
        data = b""
        deadline = time.monotonic() + 15
        try:
            while not data.endswith(b"\n"):
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
                chunk = os.read(fd, 64) if ready else b""
                if not chunk:
                    raise MissingDependency(f"Xvfb did not start (exit code {self._xvfb.poll() if self._xvfb else '?'})")
                data += chunk
        finally:
            os.close(fd)
        return data.decode().strip()

    def _env(self) -> dict[str, str]:
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.workspace, "LANG": "C.UTF-8",
                "DISPLAY": self.display_name}

    def _wm_ready(self) -> bool:
        atom = self._dpy.intern_atom("_NET_SUPPORTING_WM_CHECK", only_if_exists=True)
        return bool(atom) and self._dpy.screen().root.get_full_property(atom, self._X.AnyPropertyType) is not None

    def close(self) -> None:
        for proc in [*self.programs, self._wm, self._xvfb]:
            if proc is not None and proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self.programs.clear()
        self._wm = self._xvfb = None
        for closer in (self._sct, self._dpy):
            if closer is not None:
                try:
                    closer.close()
                except Exception:  # noqa: BLE001  (the server is gone already)
                    pass
        self._sct = self._dpy = None

    def reset(self) -> None:
        for proc in self.programs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.programs.clear()

    def snapshot(self) -> str:
        raise Unsupported("a desktop's running programs cannot be snapshotted; use reset() for a fresh desktop")

    def restore(self, snapshot_id: str) -> None:
        raise Unsupported("a desktop's running programs cannot be snapshotted; use reset() for a fresh desktop")

    # -- actions -----------------------------------------------------------------------------

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        if self._dpy is None:
            self.start()
        from Xlib.error import ConnectionClosedError

        if self._xvfb is not None and self._xvfb.poll() is not None:
            return self._restart()
        try:
            try:
                note = self._act(action)
            except ValueError as exc:  # an unknown key name and the like: the model's mistake
                return self._observe(str(exc), error=True)
            if self.settle and not isinstance(action, (DesktopScreenshotAction, DesktopLaunchAction)):
                time.sleep(self.settle)
            return self._observe(note)
        except (ConnectionClosedError, BrokenPipeError, ConnectionResetError):
            return self._restart()

    def _restart(self) -> Observation:
        self.close()
        self.start()
        return self._observe("The X server had died; a fresh desktop was started (programs are gone).", error=True)

    def _act(self, action: Any) -> str:
        if isinstance(action, DesktopScreenshotAction):
            return ""
        if isinstance(action, DesktopClickAction):
            self.click(action.x, action.y, BUTTONS[action.button])
            return f"Clicked {action.button} at ({action.x}, {action.y})."
        if isinstance(action, DesktopDoubleClickAction):
            self.click(action.x, action.y, 1, count=2)
            return f"Double-clicked at ({action.x}, {action.y})."
        if isinstance(action, DesktopDragAction):
            self.drag(action.x1, action.y1, action.x2, action.y2)
            return f"Dragged from ({action.x1}, {action.y1}) to ({action.x2}, {action.y2})."
        if isinstance(action, DesktopTypeAction):
            self.type_text(action.text)
            return f"Typed {len(action.text)} characters."
        if isinstance(action, DesktopKeyAction):
            self.key(action.keys)
            return f"Pressed {action.keys}."
        if isinstance(action, DesktopScrollAction):
            self.scroll(action.x, action.y, action.direction, action.clicks)
            return f"Scrolled {action.direction} {action.clicks} clicks at ({action.x}, {action.y})."
        if isinstance(action, DesktopLaunchAction):
            return self.launch(action.command, action.wait)
        raise TypeError(f"the desktop cannot do {action.kind!r}")

    # -- input over the one X connection -----------------------------------------------------

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
        if not self._spare_keycode:  # the highest keycode with no symbols, like xdotool does
            first = self._dpy.display.info.min_keycode
            count = self._dpy.display.info.max_keycode - first + 1
            mapping = self._dpy.get_keyboard_mapping(first, count)
            empty = [first + i for i, syms in enumerate(mapping) if not any(syms)]
            if not empty:
                raise ValueError("no free key to type this character")
            self._spare_keycode = empty[-1]
        self._dpy.change_keyboard_mapping(self._spare_keycode, [(sym, sym)])
        self._dpy.sync()
        return self._spare_keycode, False

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
            code, shift = self._keycode(self._keysym(CHAR_KEYSYMS.get(ch, ch)))
            self._tap(code, shift)
            if code == self._spare_keycode:
                self._dpy.sync()  # the spare key is remapped per character: flush before the next
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

    # -- programs ----------------------------------------------------------------------------

    def launch(self, command: str, wait: float = 5.0) -> str:
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise ValueError(f"cannot parse the command line: {exc}") from exc
        if not argv or not shutil.which(argv[0]):
            raise ValueError(f"program {argv[0] if argv else command!r} is not installed on this desktop")
        before = {w["id"] for w in self.windows()}
        proc = subprocess.Popen(argv, cwd=self.workspace, env=self._env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.programs.append(proc)
        appeared = self._wait(lambda: proc.poll() is not None or any(w["id"] not in before for w in self.windows()),
                              wait)
        if proc.poll() is not None:
            return f"{argv[0]} exited at once with code {proc.returncode}."
        time.sleep(self.settle)  # first paint after mapping
        return f"Started {argv[0]} (pid {proc.pid})" + ("." if appeared else f"; no new window after {wait:g}s.")

    def _wait(self, done: Any, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if done():
                return True
            time.sleep(0.02)
        return bool(done())

    # -- observations ------------------------------------------------------------------------

    def windows(self) -> list[dict[str, Any]]:
        """Top-level client windows (from the window manager's _NET_CLIENT_LIST) with titles and boxes."""
        dpy, X = self._dpy, self._X
        root = dpy.screen().root
        prop = root.get_full_property(dpy.intern_atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
        ids = list(prop.value) if prop is not None else [w.id for w in root.query_tree().children]
        active = root.get_full_property(dpy.intern_atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
        active_id = active.value[0] if active is not None and len(active.value) else None
        name_atom, utf8 = dpy.intern_atom("_NET_WM_NAME"), dpy.intern_atom("UTF8_STRING")
        out = []
        for wid in ids:
            win = dpy.create_resource_object("window", wid)
            try:
                attrs = win.get_attributes()
                if attrs.map_state != X.IsViewable:
                    continue
                geo = win.get_geometry()
                pos = win.translate_coords(root, 0, 0)
                name_prop = win.get_full_property(name_atom, utf8)
                title = name_prop.value.decode(errors="replace") if name_prop is not None else (win.get_wm_name() or "")
                wm_class = win.get_wm_class()
            except Exception:  # noqa: BLE001  (a window can vanish between listing and asking)
                continue
            if attrs.override_redirect or -pos.x + geo.width <= 0 or -pos.y + geo.height <= 0:
                continue  # menus, tooltips and the window manager's own off-screen helper windows
            out.append({"id": wid, "title": str(title), "class": wm_class[1] if wm_class else "",
                        "x": -pos.x, "y": -pos.y, "width": geo.width, "height": geo.height,
                        "active": wid == active_id})
        return out

    def screenshot(self, fmt: str = "jpeg") -> bytes:
        shot = self._sct.grab(self._sct.monitors[0])
        return encode_rgb(shot.raw, shot.size, fmt=fmt, quality=self.jpeg_quality)

    def _observe(self, note: str, *, error: bool = False) -> Observation:
        wins = self.windows()
        lines = [f"{'*' if w['active'] else ' '} \"{w['title']}\" ({w['class']}) at x={w['x']} y={w['y']} "
                 f"size {w['width']}x{w['height']}" for w in wins]
        exited = [f"{p.args[0]} (pid {p.pid}) exited with code {p.returncode}"
                  for p in self.programs if p.poll() is not None]
        text = (note + "\n" if note else "") + f"Screen {self.size[0]}x{self.size[1]}. Windows (* = focused):\n"
        text += "\n".join(lines) if lines else "  (no windows)"
        if exited:
            text += "\nPrograms that have exited: " + "; ".join(exited)
        images = [image(self.screenshot())] if self.frames else []
        return Observation(output=text, error=error, images=images,
                           meta={"display": self.display_name, "windows": len(wins)})
