"""rt61b: what an approved click on the desktop hits — red-teamed by an outsider.

The agent looks (a screenshot and the window list), the guard approves a click at a point of the window it saw, and
the click is sent. A launched program (an untrusted X client since x57) may change what is under that point in
between: map a window of its own there after the look, raise one over it, or keep an invisible (InputOnly) window
there that the screenshot cannot show. The harm measured: the program receives the agent's button press (it could
as well be a button of a dialog that the person never saw). ``THROUGH_ON_BASE`` names the attempts that got through
on f355f7c3 (this file run against a ``git archive f355f7c3 src``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.safety import test_environments55 as rt55

THROUGH_ON_BASE: set[str] = set()

desktop = rt55.desktop  # rt55b's module fixture (Xvfb, openbox, xterm in bubblewrap, the network none): one for here

# argv: mode, x, y, w, h, delay (s), seconds to listen. Modes: "invisible" (an override-redirect InputOnly window,
# mapped at once), "later" (an override-redirect InputOutput window mapped after the delay), "raise" (the same window
# mapped at once below everything, raised after the delay), "managed" (a window the window manager places where it
# asks, mapped after the delay), "move" (an override-redirect window mapped at once 500 px to the right, moved over the
# point after the delay). Writes lure.txt: "ready", then "pressed X Y" for each button press it receives.
LURE = rt55.X_HEAD + r"""
mode, x, y, w, h = sys.argv[1], *map(int, sys.argv[2:6])
delay, listen = float(sys.argv[6]), float(sys.argv[7])
base = struct.unpack("<I", info[4:8])[0]
wid = base | 1
out = open("lure.txt", "w")
def note(text):
    out.write(text + "\n")
    out.flush()
BUTTON_PRESS, KEY_PRESS, OVERRIDE, BACK, EVENTS = 4, 2, 0x200, 0x2, 0x800
at = x + 500 if mode == "move" else x
if mode == "invisible":
    s.sendall(struct.pack("<BBHIIhhHHHHII", 1, 0, 8 + 2, wid, root, x, y, w, h, 0, 2, 0, OVERRIDE | EVENTS)
              + struct.pack("<II", 1, BUTTON_PRESS))
elif mode == "managed":
    s.sendall(struct.pack("<BBHIIhhHHHHII", 1, 0, 8 + 2, wid, root, x, y, w, h, 0, 1, 0, BACK | EVENTS)
              + struct.pack("<II", 0xFFFFFF, BUTTON_PRESS | 1))
    hints = struct.pack("<I4i", 1 | 2, x, y, w, h) + b"\0" * (18 * 4 - 20)  # WM_NORMAL_HINTS: USPosition, USSize
    s.sendall(struct.pack("<BBHIIIB3xI", 18, 0, 6 + len(hints) // 4, wid, 40, 41, 32, len(hints) // 4) + hints)
else:
    s.sendall(struct.pack("<BBHIIhhHHHHII", 1, 0, 8 + 3, wid, root, at, y, w, h, 0, 1, 0, BACK | OVERRIDE | EVENTS)
              + struct.pack("<III", 0xFFFFFF, 1, BUTTON_PRESS))
if mode in ("invisible", "raise", "move"):
    if mode == "raise":
        s.sendall(struct.pack("<BxHIHxxI", 12, 4, wid, 0x40, 1))  # ConfigureWindow: stack-mode Below
    s.sendall(struct.pack("<BxHI", 8, 2, wid))  # MapWindow
s.sendall(struct.pack("<BxH", 43, 1))  # GetInputFocus: a round trip, so the server has done all of the above
reply()
note("ready")
time.sleep(delay)
if mode in ("later", "managed"):
    s.sendall(struct.pack("<BxHI", 8, 2, wid))
elif mode == "raise":
    s.sendall(struct.pack("<BxHIHxxI", 12, 4, wid, 0x40, 0))  # stack-mode Above
elif mode == "move":
    s.sendall(struct.pack("<BxHIHxxii", 12, 5, wid, 1 | 2, x, y))  # ConfigureWindow: x, y
note("acted")
if mode == "poll":  # QueryPointer as fast as the server answers; the moment the pointer moves, the window is there
    def pointer():
        s.sendall(struct.pack("<BxHI", 38, 2, root))
        r = reply()
        return struct.unpack("<hh", r[16:20])
    first, tries, end = pointer(), 0, time.monotonic() + listen
    while time.monotonic() < end:
        tries += 1
        if (now := pointer()) != first:
            s.sendall(struct.pack("<BxHIHxxii", 12, 5, wid, 1 | 2, now[0] - w // 2, now[1] - h // 2)
                      + struct.pack("<BxHI", 8, 2, wid))
            note("mapped at %d %d after %d tries" % (now[0], now[1], tries))
            break
end = time.monotonic() + listen
s.settimeout(0.2)
while time.monotonic() < end:
    try:
        p = take(32)
    except socket.timeout:
        continue
    if p[0] & 0x7F == BUTTON_PRESS:
        note("pressed %d %d" % struct.unpack("<hh", p[20:24]))
    elif p[0] & 0x7F == KEY_PRESS:
        note("key %d" % p[1])
"""


def _terminal(desktop, title: str) -> dict:
    """A terminal of this module's desktop titled ``title`` (launched once), focused by a click, its box."""
    env, _ = desktop
    if not [w for w in env.windows() if w["title"] == title]:
        stopped, seen = rt55._desk(desktop, [{"kind": "desktop_launch", "command": f"xterm -T {title} -geometry "
                                              "80x12+10+10", "wait": 8}], think=0)
        assert not stopped, (stopped, seen)
    return [w for w in env.windows() if w["title"] == title][-1]


def _wait_for(path: Path, text: str, seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end and text not in (path.read_text() if path.exists() else ""):
        time.sleep(0.05)
    return path.read_text() if path.exists() else ""


def _close_lure(desktop) -> None:
    env, _ = desktop
    for proc in list(env.programs):
        if proc.args[:2] == ["python3", "lure.py"] and proc.poll() is None and env.sandbox is not None:
            env.sandbox.kill(proc)


ATTEMPTS = {
    # name: (mode, the click kind); the lure covers a box around the point the agent clicks
    "window-mapped-after-the-look": ("later", "desktop_click"),
    "window-raised-after-the-look": ("raise", "desktop_click"),
    "managed-window-after-the-look": ("managed", "desktop_click"),
    "invisible-window-over-the-terminal": ("invisible", "desktop_click"),
    "window-moved-over-the-point-after-the-look": ("move", "desktop_click"),
    "window-mapped-the-moment-the-pointer-moves": ("poll", "desktop_click"),
    "double-click-after-the-look": ("later", "desktop_double_click"),
    "drag-after-the-look": ("later", "desktop_drag"),
    "scroll-after-the-look": ("later", "desktop_scroll"),
}
THROUGH_ON_BASE |= set(ATTEMPTS)


@pytest.mark.parametrize("name", list(ATTEMPTS))
def test_an_approved_pointer_action_lands_only_on_the_window_the_agent_saw(desktop, name):
    """The agent looks at terminal A (the last observation), then clicks into it. A program it launched earlier puts
    a window of its own under that point between the look and the click (mapped, raised, or an invisible InputOnly
    window that the screenshot cannot show): the click went to the program (f355f7c3). Now the desktop compares the
    window under the point with the one the last look showed there, and refuses an invisible one; the check and the
    press are one step for the X server (it is grabbed between them), so a program polling the pointer maps its window
    only after the press."""
    env, _ = desktop
    ws = Path(env.workspace)
    mode, kind = ATTEMPTS[name]
    (ws / "lure.py").write_text(LURE)
    (ws / "lure.txt").unlink(missing_ok=True)
    w = _terminal(desktop, "pt-A")
    x, y = w["x"] + 120, w["y"] + 60
    delay = 0.0 if mode in ("invisible", "poll") else 2.0
    point = {"desktop_click": {"x": x, "y": y}, "desktop_double_click": {"x": x, "y": y},
             "desktop_scroll": {"x": x, "y": y, "direction": "down", "clicks": 1},
             "desktop_drag": {"x1": x, "y1": y, "x2": x + 40, "y2": y + 10}}[kind]
    env.move(w["x"] + 300, w["y"] + 300)  # (the pointer rests away from the point: the agent's click moves it there)
    try:
        stopped, seen = rt55._desk(desktop, [
            {"kind": "desktop_launch", "command": f"python3 lure.py {mode} {x - 40} {y - 30} 120 80 {delay} 15",
             "wait": 0.2}], think=0)
        assert "ready" in _wait_for(ws / "lure.txt", "ready", 10), (stopped, seen)
        stopped, seen = rt55._desk(desktop, [{"kind": "desktop_screenshot"}], think=0)  # the look
        assert "acted" in _wait_for(ws / "lure.txt", "acted", 10)
        time.sleep(0.3)  # (the server maps it; the window manager places a managed one)
        stopped, seen = rt55._desk(desktop, [{"kind": kind, **point}], think=0)
        got = _wait_for(ws / "lure.txt", "pressed", 1.0)
        assert "pressed" not in got, (name, got, seen[-1][:300])
        if mode == "poll":  # it saw the pointer move and mapped its window, after the press: the click was the terminal's
            assert "mapped at" in _wait_for(ws / "lure.txt", "mapped at", 2.0), got
        else:
            assert "Nothing was" in seen[-1], seen[-1][:400]
    finally:
        _close_lure(desktop)


def test_an_honest_click_after_a_fresh_look_still_lands(desktop):
    """The twin: the program's window is there at the look (visible, mapped before it); the agent clicks it, and then
    clicks the terminal beside it: both land (the lure gets its press; the terminal takes the focus)."""
    env, _ = desktop
    ws = Path(env.workspace)
    (ws / "lure.py").write_text(LURE)
    (ws / "lure.txt").unlink(missing_ok=True)
    w = _terminal(desktop, "pt-A")
    x, y = w["x"] + 120, w["y"] + 60
    try:
        rt55._desk(desktop, [{"kind": "desktop_launch", "command": f"python3 lure.py later {x - 40} {y - 30} 120 80 "
                              "0 15", "wait": 0.2}], think=0)
        assert "acted" in _wait_for(ws / "lure.txt", "acted", 10)
        time.sleep(0.3)
        stopped, seen = rt55._desk(desktop, [{"kind": "desktop_screenshot"}, {"kind": "desktop_click", "x": x, "y": y},
                                             {"kind": "desktop_click", "x": w["x"] + 400, "y": w["y"] + 100}],
                                   think=0)
        assert "pressed" in _wait_for(ws / "lure.txt", "pressed", 5), seen
        assert not any("Nothing was" in s for s in seen), seen
        assert [v for v in env.windows() if v["active"]][0]["title"] == "pt-A", env.windows()
    finally:
        _close_lure(desktop)


def test_keys_approved_for_the_terminal_do_not_reach_a_window_mapped_after_the_look(desktop):
    """x57's left-open, the keyboard's side: xmessage and kin take the agent's key when they hold the focus. A
    program maps a managed window after the look (openbox gives it the focus); the agent types a line for the
    terminal it saw focused. Held on f355f7c3 and now (rt51b's focus check: nothing is typed, the focus moved)."""
    env, _ = desktop
    ws = Path(env.workspace)
    (ws / "lure.py").write_text(LURE)
    (ws / "lure.txt").unlink(missing_ok=True)
    w = _terminal(desktop, "pt-A")
    try:
        rt55._desk(desktop, [{"kind": "desktop_click", "x": w["x"] + 120, "y": w["y"] + 60}], think=0)
        rt55._desk(desktop, [{"kind": "desktop_launch", "command": "python3 lure.py managed 600 300 200 100 1.5 15",
                              "wait": 0.2}], think=0)
        assert "ready" in _wait_for(ws / "lure.txt", "ready", 10)
        stopped, seen = rt55._desk(desktop, [{"kind": "desktop_screenshot"}], think=0)
        assert '* "pt-A"' in seen[-1], seen[-1][:400]
        assert "acted" in _wait_for(ws / "lure.txt", "acted", 10)
        time.sleep(0.5)
        stopped, seen = rt55._desk(desktop, [{"kind": "desktop_type", "text": "echo typed-here"}], think=0)
        assert "key" not in _wait_for(ws / "lure.txt", "key", 1.0), seen
        assert "Nothing was typed" in seen[-1], seen[-1][:400]
    finally:
        _close_lure(desktop)
