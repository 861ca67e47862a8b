"""The desktop environment: a private Xvfb display, openbox, and one persistent X connection.

Xvfb, the window manager and every program launched on the desktop run inside one bubblewrap
sandbox (``xsandbox.py``): the workspace is the only writable place, the network is the task's
(none by default: the sandbox's own loopback only), the pid namespace its own. Only the X socket
is shared, so input (XTEST over one python-xlib connection, ``xinput.py``) and screenshots (``mss``
grabs encoded as JPEG) come from this process. Programs start through ``desktop_launch``, which
the guard reviews like any action; what is typed into a terminal is reviewed when it is submitted
(``safety/terminal.py``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import time
from collections.abc import Iterator
from typing import Any

from macrohard import stopping
from macrohard.envs import xauth
from macrohard.envs.admit import admit
from macrohard.envs.desktop_jobs import jobs_left
from macrohard.envs.recording import encode_rgb, image
from macrohard.envs.sandbox import LayeredWriteBack
from macrohard.envs.xinput import XInput
from macrohard.envs.xsandbox import DesktopSandbox, HangWatch, Program, check_network
from macrohard.errors import MissingDependency, Unsupported
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
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
POINTER_ACTIONS = (DesktopClickAction, DesktopDoubleClickAction, DesktopDragAction, DesktopScrollAction)
SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin"
TYPE_PIECE = 64  # characters typed between two looks at the cut (a spare-key character is ~2.5 ms: 0.16 s)


def _point(action: Any) -> tuple[int, int]:
    """Where a pointer action presses (a drag: where it starts)."""
    return (action.x1, action.y1) if isinstance(action, DesktopDragAction) else (action.x, action.y)


class FocusMoved(Exception):
    """The keyboard focus left the window the last look showed while the agent's keys were typed (rt62b): a program
    mapped a window (the window manager focuses it) between two runs of them. ``typed``: characters typed before."""

    def __init__(self, typed: int) -> None:
        super().__init__(typed)
        self.typed = typed


def _escape(keys: str) -> bool:
    """Whether a key action is Escape alone: let through a keyboard grab (rt62b), as it is what closes a posted menu
    (Tk's grabs the keyboard too), and a program that took the grab learns nothing from it."""
    return keys.replace(" ", "").lower() in ("escape", "esc")


OPENBOX_RC = "/etc/xdg/openbox/rc.xml"
_CLIENT_CONTEXT = re.compile(r'(<context name="Client">)(.*?)(</context>)', re.S)
_PLAIN_PRESS = re.compile(r'\s*<mousebind button="(?:Left|Middle|Right)" action="Press">.*?</mousebind>', re.S)


def openbox_config(path: str = OPENBOX_RC) -> str | None:
    """openbox's own configuration without its click-to-focus on client windows (rt62b), or None (none to edit).

    Those bindings (a plain Left, Middle or Right press in a client window: Focus, Raise) make openbox hold a passive
    grab on every client window: the agent's press is frozen until openbox has run, then replayed to whatever window
    is under the point by then, so a program polling the pointer mapped its window there in between and took the
    press (rt61b's strict xfail). The desktop focuses and raises the window itself before it presses
    (``_activate_at``); bindings with a modifier (Alt+drag) and the frame's own are kept."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    edited = _CLIENT_CONTEXT.sub(lambda m: m[1] + _PLAIN_PRESS.sub("", m[2]) + m[3], text, count=1)
    return edited if edited != text else None


def wait_managing(dpy: Any, seconds: float) -> bool:
    """Wait until the window manager maps windows: openbox announces itself before the end of its
    start-up and drops map requests made in between (a program launched then stays unmapped)."""
    from Xlib import X

    root = dpy.screen().root
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        probe = root.create_window(-10, -10, 1, 1, 0, X.CopyFromParent)
        probe.map()
        dpy.sync()
        settle = time.monotonic() + 0.1
        while time.monotonic() < settle and probe.get_attributes().map_state != X.IsViewable:
            time.sleep(0.005)
        mapped = probe.get_attributes().map_state == X.IsViewable
        probe.destroy()
        dpy.sync()
        if mapped:
            return True
    return False


def grab_held(dpy: Any, device: str) -> bool:
    """Whether another X client holds the ``device`` ("pointer" or "keyboard") actively grabbed now (rt56b), asked
    without ever taking it.

    The question is a grab request of our own dated 1 ms after the X server's clock began: the server answers
    ``AlreadyGrabbed`` when another client holds a grab (it checks that first), and otherwise ``GrabInvalidTime`` (the
    date is before the device's last grab), so nothing is grabbed. Before, the desktop grabbed for real and let go:
    that moved the device's last-grab time past the events a busy program had not read yet, and the program's own
    grab dated by such an event failed — openbox's, which starts the move of a window dragged by its title bar, so
    the agent's drag moved nothing (CI on b7fd0bfd; drags missed under a client asking this way in a loop). A
    device frozen by another client's grab of the other device is not told apart here: ``DesktopEnvironment._grabbed``
    asks about both."""
    from Xlib import X
    from Xlib.protocol import request

    d, root, free, dated = dpy.display, dpy.screen().root, X.GrabModeAsync, 1
    if device == "keyboard":
        probe = request.GrabKeyboard(display=d, defer=True, owner_events=False, grab_window=root, time=dated,
                                     pointer_mode=free, keyboard_mode=free)
        request.UngrabKeyboard(display=d, time=X.CurrentTime)  # (only had the date been valid; no effect otherwise)
    else:
        probe = request.GrabPointer(display=d, defer=True, owner_events=False, grab_window=root, event_mask=0,
                                    pointer_mode=free, keyboard_mode=free, confine_to=X.NONE, cursor=X.NONE,
                                    time=dated)
        request.UngrabPointer(display=d, time=X.CurrentTime)
    probe.reply()  # sends both and waits for the grab's answer
    return probe.status in (X.AlreadyGrabbed, X.GrabFrozen)


class DesktopEnvironment(LayeredWriteBack):
    """A virtual X desktop the agent sees as screenshots and drives with mouse and keyboard.

    With ``state_dir`` (every task's desktop: ``envs.make_environment`` gives one), its programs work on a
    copy-on-write layer over ``workspace`` (``workspace`` becomes the layer's view once started, as the shell's), and
    the run's changes
    come back when it closes through the shell's write-back (``LayeredWriteBack``): recorded for ``macrohard runs
    diff/apply ID``, written into the folder with ``commit`` (default), files that run code on the host later held
    back. rt46: before, the desktop wrote the person's folder in place, so a run could leave a ``Makefile`` recipe,
    an ``.envrc``, a ``.husky/pre-commit`` or a new nested repository with its own hooks there, none of them held.
    Without ``state_dir`` (a direct Python caller's own folder) it works in place, as before."""

    kind = "desktop"
    action_types = [*DESKTOP_ACTIONS, FinishAction]

    def __init__(self, workspace: str, *, size: tuple[int, int] = (1280, 800), window_manager: str | None = "openbox",
                 frames: bool = True, settle: float = 0.15, jpeg_quality: int = 70, network: str = "none",
                 bwrap: str = "bwrap", watch: bool = False, state_dir: str | None = None,
                 commit: bool = True) -> None:
        check_network(network)
        self._layer_workspace(workspace, state_dir, commit)
        self.size = size
        self.window_manager = window_manager
        self.frames = frames
        self.settle = settle  # seconds to let programs redraw before the after-action screenshot
        self.jpeg_quality = jpeg_quality
        self.network = network
        self.bwrap = bwrap
        self.watch = watch  # a screen watcher (macrohard.imagine.live): it only looks, and reports in observations
        self.restarts = 0  # X servers that died or hung under a step and were replaced, in this run
        self.watcher: Any = None
        # the time (time.monotonic) by which a step must end, or None: the agent sets it to the end of the run's
        # wall budget; an X server that stops answering is killed by then (``HangWatch``)
        self.step_deadline: float | None = None
        self.display_name = ""
        self.programs: list[Program] = []
        self.sandbox: DesktopSandbox | None = None
        self._wm: Program | None = None
        self._dpy: Any = None
        self._focus_seen: int | None = None  # the window the last observation showed focused (rt51b)
        self._stack_seen: list[tuple[int, int, int, int, int, bool, bool]] | None = None  # ... its windows (rt61b)
        self._stack_before: list[tuple[int, int, int, int, int, bool, bool]] = []  # the look before that one's
        self._grab_seen = self._grab_before = False  # a pointer grab at the last look; at the look before (menu61)
        self._after_input = False  # whether the last observation followed the agent's own input (a click, a key)
        # the X client (its id base) the agent's last click or key reached: the deepest window under the press
        # (menu61), the window with the keyboard focus (rt62b)
        self._last_owner: int | None = None
        self._menu_from: int | None = None  # ... when that click pressed inside an unmanaged window (a menu) of it
        self._input: Any = None
        self._sct: Any = None

    @property
    def server_pid(self) -> int | None:
        """The Xvfb process id as the host sees it (None before ``start``)."""
        return None if self.sandbox is None else self.sandbox.server_pid()

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        try:
            self._start()
        except BaseException:
            self._stop()  # never leave a half-started X server behind (the layer stays for close)
            raise

    def _start(self) -> None:
        self._focus_seen = self._stack_seen = None
        self._stack_before, self._after_input, self._last_owner, self._menu_from = [], False, None, None
        self._grab_seen = self._grab_before = False
        if self.window_manager and not shutil.which(self.window_manager, path=SANDBOX_PATH):
            raise MissingDependency(f"the desktop needs {self.window_manager}: apt-get install {self.window_manager}")
        try:
            import mss
            from Xlib import X, display
        except ImportError as exc:
            raise MissingDependency("the desktop needs python-xlib and mss: pip install 'macrohard[computer]'") from exc
        view = None
        if self.layers is not None:
            if not self.layers.mode:
                self.layers.open()
                self.info = {"cow": self.layers.mode, "cow_problem": self.layers.problem,
                             "state_dir": str(self.state_dir), "lower": self.lower,
                             "commit_on_close": self.commit_on_close}
            # as the shell's: the workspace is the layer's view (the same path inside and on the host), the bound
            # folder the shared mount above it
            self.workspace, view = str(self.layers.path), str(self.layers.view)
        self.sandbox = DesktopSandbox(self.workspace, size=self.size, network=self.network, bwrap=self.bwrap,
                                      bind=view)
        self.display_name = self.sandbox.start(untrusted=False)
        self._dpy = display.Display(self.display_name)
        self.sandbox.untrusted(self._dpy)  # x57: the launched programs' cookie, before anything is launched
        if not self._dpy.has_extension("XTEST"):
            raise MissingDependency("the X server has no XTEST extension")
        self._X = X
        self._input = XInput(self._dpy)
        factory = getattr(mss, "MSS", None) or mss.mss  # mss 10 renamed the class
        self._sct = factory(display=self.display_name)
        # x57: the launched programs' cookie is an untrusted one; the window manager is trusted (it manages the
        # terminals' windows), given the start-up copy of the trusted cookie, deleted once it has connected
        if self.window_manager:
            config = openbox_config() if os.path.basename(self.window_manager) == "openbox" else None
            self._wm = self.sandbox.launch(["env", f"XAUTHORITY={xauth.BOOT_DIR}/xauth", self.window_manager,
                                            *(["--config-file", self.sandbox.boot_file("openbox-rc.xml", config)]
                                              if config else [])])
            self._wait(lambda: self._wm_ready(), 5.0)
            wait_managing(self._dpy, 10.0)
        self.sandbox.forget_boot()
        from macrohard.imagine.live import attach

        self.watcher = attach(self.display_name, enabled=self.watch)

    def guard_facts(self) -> GuardFacts:
        """The network of the desktop's sandbox as built (before ``start``: the one it will build), and the jobs
        commands typed or launched there left running (``desktop_jobs``), for the guard."""
        if self.sandbox is None or self.sandbox.proc is None:
            return GuardFacts(network=self.network)
        jobs = jobs_left(self.sandbox.proc.pid)  # `wait` in one terminal does not end another's: all detached
        return GuardFacts(network=self.sandbox.network, jobs=jobs, detached=jobs)

    def describe(self) -> dict[str, Any]:
        """The desktop's sandbox: isolation, network, display (``run.meta``)."""
        described = self.sandbox.describe() if self.sandbox is not None else {"isolation": "bwrap",
                                                                                "network": self.network}
        described = self._change_counts({**described, **self.info})
        return {**described, "restarts": self.restarts} if self.restarts else described

    @property
    def host_workspace(self) -> str:
        """Where the workspace the programs see is on the host: the layer's view while one is open, else the
        folder itself."""
        return str(self.layers.path) if self.layers is not None and self.layers.mode else self.workspace

    def _wm_ready(self) -> bool:
        atom = self._dpy.intern_atom("_NET_SUPPORTING_WM_CHECK", only_if_exists=True)
        return bool(atom) and self._dpy.screen().root.get_full_property(atom, self._X.AnyPropertyType) is not None

    def close(self) -> None:
        """Stop the desktop, then record its changes and write them back (a layered desktop)."""
        try:
            self._stop()
        finally:
            try:
                if self.layers is not None:
                    self._record_and_write_back()
            finally:
                self._drop_own_state()

    def _stop(self) -> None:
        """Stop the X server, the window manager and every program (a restart starts a fresh one on the same
        layer)."""
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        for closer in (self._sct, self._dpy):
            if closer is not None:
                try:
                    closer.close()
                except Exception:  # noqa: BLE001  (the server is gone already)
                    pass
        self._sct = self._dpy = self._input = None
        if self.sandbox is not None:
            self.sandbox.close()  # Xvfb, the window manager and every program with it
            self.sandbox = None
        self.programs.clear()
        self._wm = None

    def reset(self) -> None:
        for proc in self.programs:
            if self.sandbox is not None:
                self.sandbox.kill(proc)
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
        # what the last observation followed (the agent's own click or key; where it pressed), then this action's
        after_input, self._after_input = self._after_input, isinstance(action, (*POINTER_ACTIONS, DesktopTypeAction,
                                                                                 DesktopKeyAction))
        owner, self._last_owner = self._last_owner, None
        chain, self._menu_from = self._menu_from, None
        chain = chain if after_input else None
        from Xlib.error import ConnectionClosedError

        if self.sandbox is None or not self.sandbox.alive:
            return self._restart()
        watch = HangWatch(self.sandbox, self.step_deadline)
        try:
            with watch:
                if isinstance(action, (DesktopTypeAction, DesktopKeyAction)) and self._focus_moved():
                    self._after_input = False
                    obs = self._observe("Nothing was typed: the keyboard focus moved to another window by itself "
                                        "since the last look (a window opened or closed). See the windows below, "
                                        "then act again.", error=True)
                    return obs.model_copy(update={"meta": {**obs.meta, "input_refused": "focus moved"}})
                if isinstance(action, POINTER_ACTIONS) and self._buttons_remapped():
                    self._after_input = False
                    obs = self._observe("Nothing was clicked: another program on the desktop had remapped the "
                                        "pointer's buttons (X SetPointerMapping), so the press would have arrived as "
                                        "another button than the one approved; they were put back. See the windows "
                                        "below, then act again.", error=True)
                    return obs.model_copy(update={"meta": {**obs.meta, "input_refused": "buttons remapped"}})
                if (held := self._grabbed(action)) and not (
                        held == "pointer" and self._menu_grab(action, after_input, owner, chain)
                        or held == "keyboard" and isinstance(action, DesktopKeyAction) and _escape(action.keys)):
                    self._after_input = False
                    obs = self._observe(f"Nothing was {'typed' if held == 'keyboard' else 'clicked'}: another "
                                        f"program on the desktop holds the {held} (an X grab), so the input would go "
                                        "to it, not to the window shown. See the windows below; close that program "
                                        "or wait for it, then act again.", error=True)
                    return obs.model_copy(update={"meta": {**obs.meta, "input_refused": f"{held} grabbed"}})
                try:
                    said = self._target_changed(action, after_input, owner, chain)
                    if not said and isinstance(action, POINTER_ACTIONS[:3]) and self._activate_at(*_point(action)):
                        said = self._target_changed(action, after_input, owner, chain)  # (again: time passed)
                    if not said and isinstance(action, POINTER_ACTIONS):
                        self._last_owner = self._owner_at(*_point(action))  # (before the press: what it reaches)
                        shown = self._shown_at(*_point(action))
                        self._menu_from = self._last_owner if shown is not None and shown[6] else None
                    elif not said and isinstance(action, (DesktopKeyAction, DesktopTypeAction)):
                        self._last_owner = self._focus_owner()
                    note = "" if said else self._act(action)
                except FocusMoved as exc:
                    self._after_input = False
                    whole = len(action.text) if isinstance(action, DesktopTypeAction) else 1
                    obs = self._observe(("Nothing was typed" if not exc.typed else
                                         f"Typing stopped after {exc.typed} of {whole} characters") +
                                        ": the keyboard focus moved to another window by itself (a window opened or "
                                        "closed). See the windows below, then act again.", error=True)
                    return obs.model_copy(update={"meta": {**obs.meta, "input_refused": "focus moved"}})
                except ValueError as exc:  # an unknown key name and the like: the model's mistake
                    if watch.fired:
                        raise
                    return self._observe(str(exc), error=True)
                if said:
                    self._after_input = False
                    obs = self._observe(said, error=True)
                    return obs.model_copy(update={"meta": {**obs.meta, "input_refused": "target changed"}})
                if isinstance(action, (DesktopDoubleClickAction, DesktopDragAction)) or \
                        isinstance(action, DesktopClickAction) and action.button != "middle":  # (a middle click pastes)
                    self._drop_selection(self.settle)
                elif self.settle and not isinstance(action, (DesktopScreenshotAction, DesktopLaunchAction)):
                    self._pause(self.settle)
                return self._observe(note)
        except (ConnectionClosedError, BrokenPipeError, ConnectionResetError):
            if watch.fired:
                return self._hung(watch)
            return self._restart()
        except Exception:  # the X calls of a server the watch killed fail in their own ways (mss's, python-xlib's)
            if watch.fired:
                return self._hung(watch)
            raise

    def _hung(self, watch: HangWatch) -> Observation:
        """The X server stopped answering and was killed: restarted, or, past the run's wall budget, left stopped
        (a later step starts a fresh one)."""
        if watch.died and not watch.past_deadline:  # found dead by the watch before the step's X calls failed
            return self._restart()
        advice = ("If it keeps happening: a program on the desktop may hold the X server (a grab), or Xvfb was "
                  "stopped (`ps -o pid,stat,cmd -C Xvfb`: T is stopped)")
        if watch.past_deadline:
            self._stop()
            said = (f"the desktop's X server stopped responding ({watch.fired}) and the run's wall budget ran out "
                    "during this step: the desktop was stopped, not restarted (a later step would start a fresh one; "
                    f"its programs are gone). {advice}; a longer step needs a larger budget.max_seconds")
            return Observation(output=said[0].upper() + said[1:], error=True,
                               meta={"restarted": False, "desktop_crash": said})
        self._stop()
        self.start()
        self.restarts += 1
        said = (f"the desktop's X server stopped responding ({watch.fired}): it was killed and a fresh desktop "
                f"started (programs are gone). {advice}")
        obs = self._observe(said[0].upper() + said[1:], error=True)
        return obs.model_copy(update={"meta": {**obs.meta, "restarted": True, "desktop_crash": said}})

    def _restart(self) -> Observation:
        """The X server died under a step (``kill -9`` of Xvfb, the out-of-memory killer): a fresh desktop, and the
        step says so like a hung one (rel45: shown ✓, no advice, not counted in the run's summary)."""
        self._stop()
        self.start()
        self.restarts += 1
        said = ("the desktop's X server had died (killed, or the out-of-memory killer's pick): a fresh desktop was "
                "started and the programs on the old one are gone (launch again what the task needs). If it keeps "
                "happening: look for an out-of-memory kill (`dmesg | grep -i -e oom -e killed`) and free some memory")
        obs = self._observe("The X server had died; a fresh desktop was started (programs are gone).", error=True)
        return obs.model_copy(update={"meta": {**obs.meta, "restarted": True, "desktop_crash": said}})

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

    def move(self, x: int, y: int) -> None:
        self._look()
        self._input.move(x, y)

    def click(self, x: int, y: int, button: int = 1, *, count: int = 1) -> None:
        self._look()
        self._input.click(x, y, button, count=count)

    def drag(self, x1: int, y1: int, x2: int, y2: int) -> None:
        self._look()
        self._input.drag(x1, y1, x2, y2)

    def scroll(self, x: int, y: int, direction: str, clicks: int) -> None:
        self._look()
        self._input.scroll(x, y, direction, clicks)

    def type_text(self, text: str) -> None:
        # rel52: in pieces, looking at the cut between them (``stopping.cut_runs``, `macrohard runs stop`): a long
        # text (a character not on the keyboard is a round trip each) typed on for tens of seconds after the stop.
        # rt62b: each piece typed under a grab of the X server, after a check of the focus under it (``FocusMoved``):
        # a program mapped a window (which openbox focuses) the moment the desktop remapped a spare key for the first
        # character not on the keyboard (MappingNotify reaches every client), and the rest of the line went to it
        for start in range(0, len(text), TYPE_PIECE):
            self._look()
            with self._held():
                if self._focus_moved():
                    raise FocusMoved(start)
                self._input.type_text(text[start:start + TYPE_PIECE])

    def key(self, combo: str) -> None:
        self._look()
        with self._held():
            if self._focus_moved():
                raise FocusMoved(0)
            self._input.key(combo)

    @contextlib.contextmanager
    def _held(self) -> Any:
        """The X server grabbed for the keys typed inside (rt62b): no other client's request (a window mapped,
        which the window manager focuses) runs between the focus check and the last key. (The program typed into
        reads a spare key's mapping once the grab ends: each character keeps its own spare key, ``XInput``.)"""
        self._dpy.grab_server()
        try:
            yield
        finally:
            self._dpy.ungrab_server()
            self._dpy.sync()

    @staticmethod
    def _look() -> None:
        """Raise the cut of the run this thread acts for, if it was asked to stop now; as Ctrl-C would."""
        if (why := stopping.cut_now()) is not None:
            raise KeyboardInterrupt(why)

    def _pause(self, seconds: float) -> None:
        """``time.sleep`` that ends at a cut (the after-action settle before the screenshot, a program's first paint)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._look()
            time.sleep(min(left, 0.05))

    # -- programs ----------------------------------------------------------------------------

    def launch(self, command: str, wait: float = 5.0) -> str:
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            raise ValueError(f"cannot parse the command line: {exc}") from exc
        found = argv and (os.access(os.path.join(self.host_workspace, argv[0]), os.X_OK) if "/" in argv[0]
                          else shutil.which(argv[0], path=SANDBOX_PATH))
        if not found:
            raise ValueError(f"program {argv[0] if argv else command!r} is not installed on this desktop")
        assert self.sandbox is not None
        before = {w["id"] for w in self.windows()}
        proc = self.sandbox.launch(argv)
        self.programs.append(proc)
        appeared = self._wait(lambda: proc.poll() is not None or any(w["id"] not in before for w in self.windows()),
                              wait)
        if proc.poll() is not None:
            return f"{argv[0]} exited at once with code {proc.returncode}."
        self._pause(self.settle)  # first paint after mapping
        return f"Started {argv[0]} (pid {proc.pid} in the desktop's sandbox)" + ("." if appeared else f"; no new window after {wait:g}s.")

    def _wait(self, done: Any, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if done():
                return True
            # rel51b: a run asked to stop now (stopping.cut_runs: eval's third Ctrl-C, a chat's Ctrl-C) is cut here,
            # as a shell command's wait is; before, a launch waited out its whole `wait` (up to 60 s) for a window
            if (why := stopping.cut_now()) is not None:
                raise KeyboardInterrupt(why)
            time.sleep(0.02)
        return bool(done())

    # -- observations ------------------------------------------------------------------------

    def windows(self) -> list[dict[str, Any]]:
        """Top-level client windows (from the window manager's _NET_CLIENT_LIST) with titles and boxes."""
        dpy, X = self._dpy, self._X
        root = dpy.screen().root
        prop = root.get_full_property(dpy.intern_atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
        ids = list(prop.value) if prop is not None else [w.id for w in root.query_tree().children]
        active_id = self._focused(ids)
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

    def child_windows(self, window_id: int) -> list[dict[str, Any]]:
        """The mapped windows inside a window (widgets of toolkits that give each one a window,
        such as Xt's buttons), depth first, each with its box on the screen and its depth."""
        root = self._dpy.screen().root
        out: list[dict[str, Any]] = []

        def walk(win: Any, depth: int) -> None:
            for child in win.query_tree().children:
                if child.get_attributes().map_state != self._X.IsViewable:
                    continue
                geo, pos = child.get_geometry(), root.translate_coords(child, 0, 0)
                out.append({"id": child.id, "x": pos.x, "y": pos.y, "width": geo.width, "height": geo.height,
                            "depth": depth})
                walk(child, depth + 1)

        walk(self._dpy.create_resource_object("window", window_id), 1)
        return out

    def screenshot(self, fmt: str = "jpeg") -> bytes:
        shot = self._sct.grab(self._sct.monitors[0])
        return encode_rgb(shot.raw, shot.size, fmt=fmt, quality=self.jpeg_quality)

    def _active(self) -> int | None:
        root = self._dpy.screen().root
        prop = root.get_full_property(self._dpy.intern_atom("_NET_CLIENT_LIST"), self._X.AnyPropertyType)
        return self._focused(list(prop.value) if prop is not None else [w.id for w in root.query_tree().children])

    def _focused(self, clients: list[int]) -> int | None:
        """The client window the X server sends keys to: its input focus or the client that holds it. rt55b: not the
        window manager's ``_NET_ACTIVE_WINDOW``, a root property any client may write — a launched program moved the
        focus itself (SetInputFocus: no window manager asked) and wrote the property back, and keys approved for
        the window the last look showed went to another."""
        focus = self._dpy.get_input_focus().focus
        win, known, root = focus if hasattr(focus, "query_tree") else None, set(clients), self._dpy.screen().root.id
        for _ in range(32):  # a client window, a toolkit's child windows inside it, the window manager's frame
            if win is None or win.id == root:
                return None
            if win.id in known:
                return int(win.id)
            try:
                win = win.query_tree().parent
            except Exception:  # noqa: BLE001  (a window can vanish while we look)
                return None
        return None

    def _grabbed(self, action: Any) -> str:
        """Which device another X client holds grabbed for this action's input: "keyboard", "pointer" or "" (rt56b).

        A program on the desktop that grabs the keyboard (``GrabKeyboard``) gets every key, whatever window has the
        focus: the focus check (``_focus_moved``) saw terminal A focused, the guard approved keys for it, and they went
        to the program. An X server grants one active grab of a device at a time, so a grab request of our own says
        whether another client holds one (``grab_held``: one that cannot succeed, so that it disturbs no grab)."""
        # a device another client froze (its grab of the other device, in GrabModeSync) queues our input for
        # later: asked as held too, by asking about the other device (``grab_held`` cannot tell frozen apart)
        if isinstance(action, (DesktopTypeAction, DesktopKeyAction)):
            return "keyboard" if grab_held(self._dpy, "keyboard") or grab_held(self._dpy, "pointer") else ""
        if isinstance(action, (DesktopClickAction, DesktopDoubleClickAction, DesktopDragAction, DesktopScrollAction)):
            return "pointer" if grab_held(self._dpy, "pointer") or grab_held(self._dpy, "keyboard") else ""
        return ""

    def _activate_at(self, x: int, y: int) -> bool:
        """Focus and raise the managed window at (x, y) before a press there, as openbox's click-to-focus did (rt62b:
        ``openbox_config`` drops it, so no window manager's grab holds the press); whether it asked. The window
        manager is asked (``_NET_ACTIVE_WINDOW``), and the focus waited for (0.5 s at most)."""
        if self._wm is None:
            return False
        from Xlib import X
        from Xlib.protocol import event

        root = self._dpy.screen().root
        prop = root.get_full_property(self._dpy.intern_atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
        clients = set(prop.value) if prop is not None else set()
        found = next((wid for wid in self._windows_at(x, y) if wid in clients), None)  # the frame, then the client
        if found is None or self._focused(list(clients)) == found:
            return False
        active = self._dpy.intern_atom("_NET_ACTIVE_WINDOW")
        ask = event.ClientMessage(window=self._dpy.create_resource_object("window", found), client_type=active,
                                  data=(32, [2, X.CurrentTime, 0, 0, 0]))
        root.send_event(ask, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
        self._dpy.sync()
        self._wait(lambda: self._focused(list(clients)) == found, 0.5)
        return True

    def _buttons_remapped(self) -> bool:
        """Whether another X client changed the pointer's button mapping; if so it is put back (rt62b).

        XTEST presses a physical button, which the server maps for every client: a launched program (an untrusted
        client may: SetPointerMapping) swapped buttons 1 and 3 after the agent's look, and the left click the guard
        approved reached an honest program as a right click (or a middle click: a paste). The desktop's own mapping
        is the identity (Xvfb's, never changed here)."""
        mapping = list(self._dpy.get_pointer_mapping())
        identity = list(range(1, len(mapping) + 1))
        if mapping == identity:
            return False
        self._dpy.set_pointer_mapping(identity)
        return True

    def _pointer_held(self) -> bool:
        """Whether another X client holds the pointer grabbed now (recorded with each look, menu61)."""
        try:
            return self._grabbed(DesktopClickAction(x=0, y=0)) == "pointer"
        except Exception:  # noqa: BLE001  (a server gone: the look itself says so)
            return False

    def _drop_selection(self, seconds: float) -> None:
        """rt58b: a selection the agent's click, double click or drag made is taken back at once (PRIMARY given no
        owner), for ``seconds`` (the settle before the screenshot), and the root's CUT_BUFFER0 deleted at the end.
        Its owner answers every client that asks (``ConvertSelection``), the untrusted launched programs too (x57's
        cookie does not cover selections): a program launched on the desktop read the whole terminal, a secret
        ``cat`` had printed with it, after the agent's drag. The desktop's xterm now selects nothing by the pointer
        (``xterminals.XRM``); this is the second line, for any other trusted owner (a program polling PRIMARY got
        the text in the few milliseconds before it). CLIPBOARD: xterm does not set it."""
        from Xlib import Xatom
        from Xlib.protocol import request

        X, primary = self._X, Xatom.PRIMARY
        deadline = time.monotonic() + max(seconds, 0.05)
        while True:
            if self._dpy.get_selection_owner(primary) not in (X.NONE, None):
                request.SetSelectionOwner(display=self._dpy.display, window=X.NONE, selection=primary,
                                          time=X.CurrentTime)
                self._dpy.sync()
            if time.monotonic() >= deadline:
                self._dpy.screen().root.delete_property(Xatom.CUT_BUFFER0)  # (xterm's other copy, a root property)
                self._dpy.sync()
                return
            self._look()
            time.sleep(0.005)

    def _stack(self) -> list[tuple[int, int, int, int, int, bool, bool]]:
        """The root's mapped child windows, bottom to top (the window manager's frames, override-redirect windows):
        each id, its outer box, whether it is InputOnly (takes the pointer, draws nothing) and whether it is
        override-redirect (unmanaged: no frame, no title, not in the window list)."""
        out = []
        for win in self._dpy.screen().root.query_tree().children:
            try:
                attrs = win.get_attributes()
                if attrs.map_state != self._X.IsViewable:
                    continue
                geo = win.get_geometry()
            except Exception:  # noqa: BLE001  (a window can vanish while we look)
                continue
            edge = 2 * geo.border_width
            out.append((int(win.id), geo.x, geo.y, geo.width + edge, geo.height + edge,
                        attrs.win_class == self._X.InputOnly, bool(attrs.override_redirect)))
        return out

    def _shown_at(self, x: int, y: int) -> tuple[int, int, int, int, int, bool, bool] | None:
        """The topmost window the last look had at (x, y) (an entry of ``_stack``), or None."""
        return next((w for w in reversed(self._stack_seen or []) if w[1] <= x < w[1] + w[3] and w[2] <= y < w[2] + w[4]),
                    None)

    def _base(self, wid: int) -> int:
        """The X client a window belongs to: its resource-id base."""
        return wid & ~self._dpy.display.info.resource_id_mask

    def _target_changed(self, action: Any, after_input: bool = False, owner: int | None = None,
                        chain: int | None = None) -> str:
        """Why a pointer action would not land on what the last observation showed at its point, or "" (rt61b).

        The guard approved a click at a point of the window the agent saw there. A program launched on the desktop
        mapped a window of its own at that point between the look and the click (or raised one, or had the window
        manager place one there), and the click went to it; an InputOnly window (invisible: the screenshot shows
        what is beneath it) took the agent's clicks at any time. The window under the point now (the X server's own
        answer, ``TranslateCoordinates``) must be the topmost one the last look had there, and not an InputOnly one;
        an unmanaged (override-redirect) one only if it is a menu the agent's own input of the last step opened:
        new since the look before, and of the program that input reached (``owner``: the X client of the window the
        click pressed on, or of the focused window a key went to; rt62b: before, any program's window that was not
        right under the press, so a program polling the pointer could map one elsewhere as the click moved it, and
        tk_optionMenu's menu, posted right under the press, was refused). ``after_input``: whether the last action
        was the agent's click or key (not a look, a launch, a refusal); ``chain``: the program whose menu the last
        click pressed inside (a cascade's submenu, the menu's other items: windows there before it, rt62b)."""
        if self._stack_seen is None or not isinstance(action, POINTER_ACTIONS):
            return ""
        x, y = _point(action)
        root = self._dpy.screen().root
        child = root.translate_coords(root, x, y).child
        now = int(getattr(child, "id", child) or 0)
        shown = self._shown_at(x, y)
        verb = {DesktopDragAction: "dragged", DesktopScrollAction: "scrolled"}.get(type(action), "clicked")
        if now != (shown[0] if shown else 0):
            return (f"Nothing was {verb}: the window at ({x}, {y}) is not the one the last look showed there (a "
                    "window opened, moved or was raised over that point since, by itself). See the windows below, "
                    "then act again.")
        if shown is not None and shown[5]:
            return (f"Nothing was {verb}: an invisible window (X InputOnly: it draws nothing, so the screenshot shows "
                    f"what is beneath it) of another program covers ({x}, {y}) and would take the input. Close the "
                    "program that made it, then act again.")
        if shown is not None and shown[6] and not self._menu_of(shown[0], after_input, owner, chain):
            # an unmanaged window is what the agent's own input opened (a menu, a list's drop-down) in the last step;
            # one that was there before, or came by itself or from another program, may draw nothing (no
            # background: the screen keeps showing the window beneath it) and is in no window list
            return (f"Nothing was {verb}: the window at ({x}, {y}) is an unmanaged one (no frame or title: not in "
                    "the window list) that did not open from your last click or key; it may draw nothing of its own, "
                    "so the screenshot shows what is beneath it. Close the program that made it, then act again.")
        return ""

    def _menu_of(self, wid: int, after_input: bool, owner: int | None, chain: int | None) -> bool:
        """Whether the unmanaged window ``wid`` (in the last look) is a menu the agent's own last input opened: that
        input reached its program (``owner``), and it is new since the look before, or the last click pressed inside
        a menu of that program (``chain``: a submenu, the parent menu's other items)."""
        return after_input and owner is not None and self._base(wid) == owner and (
            chain == owner or wid not in {w[0] for w in self._stack_before})

    def _windows_at(self, x: int, y: int) -> Iterator[int]:
        """The windows at (x, y) now, from the root's child down to the deepest (16 levels at most)."""
        root = self._dpy.screen().root
        win = root
        for _ in range(16):
            child = win.translate_coords(root, x, y).child
            if not int(getattr(child, "id", child) or 0):
                return
            win = child
            yield int(win.id)

    def _owner_at(self, x: int, y: int) -> int | None:
        """The X client (its resource-id base) of the deepest window at (x, y) now: the program a press there reaches."""
        chain = list(self._windows_at(x, y))
        return self._base(chain[-1]) if chain else None

    def _focus_owner(self) -> int | None:
        """The X client (its resource-id base) of the window with the keyboard focus: the program a key reaches
        (rt62b: a menu opened by F10 or Alt+letter has no press)."""
        focus = self._dpy.get_input_focus().focus
        wid = int(getattr(focus, "id", 0) or 0)
        return None if wid in (0, 1, self._dpy.screen().root.id) else self._base(wid)

    def _menu_grab(self, action: Any, after_input: bool, owner: int | None, chain: int | None) -> bool:
        """Whether the pointer grab another client holds is the one a menu the agent's own last input opened holds
        (menu61): a posted menu (Tk's, xterm's) grabs the pointer, so rt56b's grab check refused every click on its
        items. Let through only when the last look (after that input) had the grab, and no grab was there at the look
        before it or the input was itself a click inside a menu of the same program (``chain``, rt62b: a cascade's
        submenu; the grab stays), and the point is inside an unmanaged window that ``_menu_of`` takes for a menu of
        the very program that input reached (``owner``: the X client ids share a base), the topmost one there now. A
        grab that came after the last look, a grab that was there before an input that was no menu click, a click
        anywhere but inside such a window, or a window of another program, stays refused. (The X core protocol does
        not say which client holds a grab: see RESULTS.)"""
        if not (after_input and self._grab_seen) or self._stack_seen is None:
            return False
        if self._grab_before and chain is None:
            return False
        shown = self._shown_at(*_point(action))
        return shown is not None and shown[6] and not shown[5] and \
            self._menu_of(shown[0], after_input, owner, chain) and not self._target_changed(action, after_input,
                                                                                            owner, chain)

    def _focus_moved(self) -> bool:
        """Whether the focused window is not the one the last observation showed (rt51b: keys the guard approved for
        that window would land in another)."""
        return self._focus_seen is not None and self._active() != self._focus_seen

    def _observe(self, note: str, *, error: bool = False) -> Observation:
        wins = self.windows()
        self._focus_seen = next((w["id"] for w in wins if w["active"]), None)
        self._stack_before, self._stack_seen = self._stack_seen or [], self._stack()
        self._grab_before, self._grab_seen = self._grab_seen, self._pointer_held()
        lines = [f"{'*' if w['active'] else ' '} \"{w['title']}\" ({w['class']}) at x={w['x']} y={w['y']} "
                 f"size {w['width']}x{w['height']}" for w in wins]
        exited = [f"{p.args[0]} (pid {p.pid}) exited with code {p.returncode}"
                  for p in self.programs if p.poll() is not None]
        text = (note + "\n" if note else "") + f"Screen {self.size[0]}x{self.size[1]}. Windows (* = focused):\n"
        text += "\n".join(lines) if lines else "  (no windows)"
        if exited:
            text += "\nPrograms that have exited: " + "; ".join(exited)
        images = [image(self.screenshot())] if self.frames else []
        meta: dict[str, Any] = {"display": self.display_name, "windows": len(wins), "focus": self._focus_seen}
        if self.watcher is not None:
            seen, meta["screen_events"] = self.watcher.observation()
            text += "\n" + seen if seen else ""
        return Observation(output=text, error=error, images=images, meta=meta)
