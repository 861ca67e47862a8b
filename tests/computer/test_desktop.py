from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from .conftest import wait_for


def _window(desktop, cls: str) -> dict:
    wins = [w for w in desktop.windows() if w["class"] == cls]
    assert wins, desktop.windows()
    return wins[-1]


def test_type_into_xterm_writes_a_file(drive_desktop, desktop, workspace: Path) -> None:
    obs = drive_desktop({"kind": "desktop_launch", "command": "xterm -geometry 80x20+0+0", "wait": 20})
    assert "Started xterm" in obs.output and '"xterm" (XTerm)' in obs.output
    win = _window(desktop, "XTerm")
    drive_desktop({"kind": "desktop_click", "x": win["x"] + 100, "y": win["y"] + 100})
    drive_desktop({"kind": "desktop_type", "text": "echo 'Hello, X!' $((6*7)) > typed.txt\n"})
    assert wait_for(lambda: (workspace / "typed.txt").exists() and (workspace / "typed.txt").read_text())
    assert (workspace / "typed.txt").read_text() == "Hello, X! 42\n"  # shifted and unshifted characters


def test_key_combination_reaches_the_program(drive_desktop, desktop, workspace: Path) -> None:
    drive_desktop({"kind": "desktop_launch", "command": "xterm -geometry 80x20+0+0", "wait": 20})
    win = _window(desktop, "XTerm")
    drive_desktop({"kind": "desktop_click", "x": win["x"] + 100, "y": win["y"] + 100})
    drive_desktop({"kind": "desktop_type", "text": "cat > keys.txt\nabc"})
    drive_desktop({"kind": "desktop_key", "keys": "Return"})
    drive_desktop({"kind": "desktop_key", "keys": "ctrl+d"})  # end of input: cat exits and closes the file
    assert wait_for(lambda: (workspace / "keys.txt").exists() and (workspace / "keys.txt").read_text() == "abc\n")
    obs = drive_desktop({"kind": "desktop_key", "keys": "ctrl+nosuchkey"})
    assert obs.error and "unknown key" in obs.output


@pytest.mark.parametrize(("button", "code"), [("Yes", 0), ("No", 1)])
def test_click_a_dialog_button(drive_desktop, desktop, button: str, code: int) -> None:
    drive_desktop({"kind": "desktop_launch", "command": "xmessage -buttons Yes:0,No:1 -center 'Proceed?'", "wait": 20})
    win = _window(desktop, "Xmessage")
    # Found from the window tree, not from pixel offsets (which depend on the fonts installed): each
    # Xt button is a window, and xmessage lays the buttons out in one row under the message, in order.
    leaves = [w for w in desktop.child_windows(win["id"]) if w["depth"] == 2]
    bottom = max(w["y"] for w in leaves)
    buttons = sorted((w for w in leaves if w["y"] == bottom), key=lambda w: w["x"])
    assert len(buttons) == 2, leaves
    target = buttons[["Yes", "No"].index(button)]
    drive_desktop({"kind": "desktop_click", "x": target["x"] + target["width"] // 2,
                   "y": target["y"] + target["height"] // 2})
    proc = desktop.programs[-1]
    assert wait_for(lambda: proc.poll() is not None)
    assert proc.returncode == code
    obs = drive_desktop({"kind": "desktop_screenshot"})
    assert f"exited with code {code}" in obs.output


def test_drag_moves_a_window_and_scroll_and_double_click_run(drive_desktop, desktop) -> None:
    drive_desktop({"kind": "desktop_launch", "command": "xmessage -geometry +300+300 'drag me'", "wait": 20})
    before = _window(desktop, "Xmessage")
    # openbox moves a window dragged by its title bar (10 px above the client area).
    obs = drive_desktop({"kind": "desktop_drag", "x1": before["x"] + 30, "y1": before["y"] - 10,
                         "x2": before["x"] + 230, "y2": before["y"] + 90})
    assert not obs.error, obs.output
    assert wait_for(lambda: _window(desktop, "Xmessage")["x"] >= before["x"] + 150)
    after = _window(desktop, "Xmessage")
    assert after["y"] >= before["y"] + 50
    assert not drive_desktop({"kind": "desktop_scroll", "x": 10, "y": 10, "direction": "up"}).error
    assert not drive_desktop({"kind": "desktop_double_click", "x": 5, "y": 700}).error


def _server_time(dpy) -> int:
    """The X server's clock now, as a program reads it: the time of a PropertyNotify on a window of its own."""
    from Xlib import X, Xatom

    win = dpy.screen().root.create_window(-10, -10, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask)
    win.change_property(Xatom.WM_NAME, Xatom.STRING, 8, b"clock")
    dpy.sync()
    for _ in range(1000):
        ev = dpy.next_event()
        if ev.type == X.PropertyNotify and ev.window.id == win.id:
            win.destroy()
            return int(ev.time)
    raise AssertionError("no PropertyNotify")


@pytest.mark.parametrize("device", ["pointer", "keyboard"])
def test_asking_whether_a_grab_is_held_takes_no_grab(desktop, device: str) -> None:
    """The desktop asks whether another program holds the pointer or the keyboard (``grab_held``: before each input,
    and the pointer at each look). It asked by grabbing for a moment, which moved the device's last-grab time on; a
    program that then grabbed dated by an event it had read before the question (openbox starting the move of a
    window dragged by its title bar, under load) got GrabInvalidTime, and the agent's drag moved nothing (CI on
    b7fd0bfd). A program's grab dated before the question must still succeed, and a grab another program holds
    must still be seen."""
    from Xlib import X, display

    from macrohard.envs.desktop import grab_held

    other = display.Display(desktop.display_name)
    try:
        root, free = other.screen().root, X.GrabModeAsync

        def grab(at: int) -> int:
            if device == "keyboard":
                return root.grab_keyboard(False, free, free, at)
            return root.grab_pointer(False, 0, free, free, X.NONE, X.NONE, at)

        def ungrab() -> None:
            (other.ungrab_keyboard if device == "keyboard" else other.ungrab_pointer)(X.CurrentTime)
            other.sync()

        before = _server_time(other)
        time.sleep(0.05)  # the server's clock counts milliseconds: the question comes later than `before`
        assert not grab_held(desktop._dpy, device)
        assert grab(before) == X.GrabSuccess  # dated before the question: GrabInvalidTime when the question grabbed
        other.sync()
        assert grab_held(desktop._dpy, device)  # held by another client: seen
        ungrab()
        assert not grab_held(desktop._dpy, device)
    finally:
        other.close()


@pytest.mark.parametrize("device", ["pointer", "keyboard"])
def test_a_device_frozen_by_a_grab_of_the_other_is_held(desktop, device: str) -> None:
    """A program's grab of one device in GrabModeSync for the other freezes that other one: input for it would wait and
    reach whatever window has the focus when the program lets go. ``grab_held`` cannot tell a frozen device apart
    (its question is dated so that it never grabs), so the desktop asks about both devices."""
    from Xlib import X, display

    from macrohard.envs.desktop import DesktopClickAction, DesktopTypeAction

    other = display.Display(desktop.display_name)
    try:
        root, free, sync = other.screen().root, X.GrabModeAsync, X.GrabModeSync
        if device == "keyboard":  # the keyboard frozen by a pointer grab
            assert root.grab_pointer(False, 0, free, sync, X.NONE, X.NONE, X.CurrentTime) == X.GrabSuccess
            action = DesktopTypeAction(text="x")
        else:
            assert root.grab_keyboard(False, sync, free, X.CurrentTime) == X.GrabSuccess
            action = DesktopClickAction(x=5, y=5)
        other.sync()
        assert desktop._grabbed(action) == device
    finally:
        other.close()
    assert wait_for(lambda: desktop._grabbed(action) == "")  # gone with the program's connection


def test_screenshot_is_a_jpeg_of_the_screen(drive_desktop) -> None:
    import base64
    import io

    from PIL import Image

    obs = drive_desktop({"kind": "desktop_screenshot"})
    assert obs.images[0].media_type == "image/jpeg"
    img = Image.open(io.BytesIO(base64.b64decode(obs.images[0].data_b64)))
    assert img.size == (1280, 800)
    assert "(no windows)" in obs.output


def test_missing_program_is_an_error_for_the_model(drive_desktop) -> None:
    obs = drive_desktop({"kind": "desktop_launch", "command": "no-such-program --flag"})
    assert obs.error and "not installed" in obs.output


def test_dead_x_server_is_restarted(drive_desktop, desktop) -> None:
    old = desktop.server_pid
    assert old is not None
    os.kill(old, signal.SIGKILL)
    obs = drive_desktop({"kind": "desktop_screenshot"})
    assert obs.error and "fresh desktop" in obs.output
    assert desktop.server_pid not in (None, old)
    assert not drive_desktop({"kind": "desktop_screenshot"}).error
