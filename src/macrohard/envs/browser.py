"""The browser environment: Playwright driving Debian's Chromium, headless, inside bubblewrap.

The model sees the page as an accessibility snapshot whose interactive elements carry ids
(``[e12]``) it passes to ``browser_click`` / ``browser_type`` / ``browser_select``; ids stay the
same for the same element across snapshots of one page. ``browser_screenshot`` returns a
set-of-marks image (the same ids drawn as boxes). Each step also attaches one JPEG frame for the
run's recording. A crashed or hung browser is restarted and reported to the model as an
observation; the run goes on.

Chromium runs inside bubblewrap with its own network namespace (``browser_sandbox.py``): what a
page may reach (``network`` none, loopback, hosts, full) holds for every protocol, and the
workspace is the only writable place. Chromium's own sandbox stays off (``--no-sandbox``: it cannot
start inside ours); bubblewrap is the boundary. What the agent sees of the page (snapshot, frames, screenshots)
is in ``browser_view.py``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import time
from typing import Any
from urllib.parse import unquote, urlsplit

from macrohard import stopping
from macrohard.envs.admit import admit
from macrohard.envs.browser_busy import BusyWatch
from macrohard.envs.browser_sandbox import CHROMIUM_BINARY, ChromiumSandbox
from macrohard.envs.browser_sends import SendGate, address
from macrohard.envs.browser_view import SNAPSHOT_LIMIT, PageView, _first_line, element_id  # noqa: F401  (element_id, SNAPSHOT_LIMIT: public here)
from macrohard.envs.sandbox import LayeredWriteBack
from macrohard.errors import MissingDependency
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
from macrohard.types import (
    BROWSER_ACTIONS,
    BrowserBackAction,
    BrowserClickAction,
    BrowserGotoAction,
    BrowserPressAction,
    BrowserReadAction,
    BrowserScreenshotAction,
    BrowserScrollAction,
    BrowserSelectAction,
    BrowserTypeAction,
    BrowserWaitAction,
    FinishAction,
    Observation,
)

CHROMIUM = CHROMIUM_BINARY
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-pings",  # no hyperlink-auditing pings: a link's ping= goes where its href does not say
                 # no shared workers, no fetchLater, no FedCM: their requests reach no route of the send gate
                 # (Playwright routes a page's, its dedicated workers' and its service worker's; a deferred fetch and
                 # an identity provider's config are fetched by the browser process), so what was typed went
                 # anywhere through one (rt54b)
                 "--disable-blink-features=SharedWorker,FetchLaterAPI,FedCm"]
_PLAIN_URL = re.compile(r"https?://[^\s\\/?#]+(?:[/?#][\s\S]*)?\Z")  # the address part as the guard reads it
_LINK_HREF_JS = ("e => { const a = e.closest('a, area'); const h = a && (a.getAttribute('href') ?? "
                 "a.getAttribute('xlink:href')); try { return h === null || h === undefined ? '' : "
                 "new URL(h, document.baseURI).href; } catch (x) { return ''; } }")
_REF = re.compile(r"^\[?(?:ref=)?((?:f\d+)?e\d+|\d+)\]?$")
log = logging.getLogger("macrohard.browser")
_CRASH_WORDS = ("crash", "has been closed", "Target closed", "Connection closed", "browser has disconnected")


_drivers = threading.local()
# rel56: a page's script that runs this share of the step's timeout without a pause is stopped (browser_busy)
BUSY_SHARE = 0.6
DIALOG_LOOP, DIALOG_LOOP_S = 20, 2.0  # this many dialogs within these seconds: a page opening them in a loop
# rel55: a page's `while (true) alert(…)` (each dismissal lets the next one open, nothing else of the page runs) held
# every read of it until the browser's timeout, was restarted, reopened, held it again: one `browser_goto` took 40 s
# (10 s timeout) and said only "stopped responding". In every frame, before the page's own scripts: past
# DIALOG_LOOP dialogs within DIALOG_LOOP_S, alert/confirm/prompt throw, which ends such a loop.
_DIALOG_GUARD_JS = """(() => {
  const times = [];
  for (const name of ['alert', 'confirm', 'prompt']) {
    const native = window[name];
    if (typeof native !== 'function') continue;
    Object.defineProperty(window, name, {configurable: true, writable: true, value: function (...args) {
      const now = Date.now();
      while (times.length && now - times[0] > WINDOW_MS) times.shift();
      if (times.length >= LOOP) throw new Error('dialogs opened in a loop: blocked by the browser');
      times.push(now);
      return native.apply(window, args);
    }});
  }
})();""".replace("WINDOW_MS", str(int(DIALOG_LOOP_S * 1000))).replace("LOOP", str(DIALOG_LOOP))


def _start_driver() -> Any:
    """A new Playwright driver (a node process) whose temporary directory is a folder of this process's own
    (``macrohard-playwright-pPID.START.NS-*``, removed when the driver stops). rel55: the driver makes Chromium's
    profile (``playwright_chromiumdev_profile-*``) and its artifacts' folder (``playwright-artifacts-*``) in its
    TMPDIR; a run SIGKILLed left both in /tmp for ever (110 there). In a folder named for its owner, the next run's
    sweep (``envs.leftovers``) removes them once this process is gone."""
    from playwright.sync_api import sync_playwright

    from macrohard.envs.leftovers import own_folder

    _driver_env_hook()
    folder = own_folder("macrohard-playwright-")
    _drivers.starting = folder
    try:
        pw = sync_playwright().start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        _drivers.starting = None
    _drivers.folders = {**getattr(_drivers, "folders", {}), id(pw): folder}
    return pw


def _stop_driver(pw: Any) -> None:
    """Stop ``pw`` (its node process) and remove its temporary folder."""
    try:
        pw.stop()
    finally:
        folder = getattr(_drivers, "folders", {}).pop(id(pw), None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


_hooked = threading.Lock()


def _driver_env_hook() -> None:
    """Playwright starts its driver with a copy of ``os.environ`` (``transport.get_driver_env``): wrap it, once, to
    set TMPDIR to the folder of the driver this thread is starting (``os.environ`` itself is left alone: another
    thread's processes would get it). Without the hook (a Playwright that moved it) the driver uses the TMPDIR of
    the process, as before."""
    with _hooked:
        try:
            from playwright._impl import transport
        except ImportError:
            return
        original = getattr(transport, "get_driver_env", None)
        if original is None or getattr(original, "_macrohard", False):
            return

        def get_driver_env() -> dict[str, str]:
            env = original()
            folder = getattr(_drivers, "starting", None)
            if folder:
                env["TMPDIR"] = folder
            return env

        get_driver_env._macrohard = True  # type: ignore[attr-defined]
        transport.get_driver_env = get_driver_env


def _acquire_driver() -> Any:
    """One Playwright driver per thread, shared by that thread's browsers (its sync API allows
    only one per thread, and reusing it saves the driver's start on every run)."""
    if getattr(_drivers, "count", 0) == 0:
        _drivers.pw = _start_driver()
        _drivers.count = 0
    _drivers.count += 1
    return _drivers.pw


def _driver_gone(exc: BaseException) -> bool:
    """Whether ``exc`` says the Playwright driver itself (its node process) is gone, not only the browser."""
    text = str(exc).lower()
    return "playwright connection closed" in text or "connection closed while reading from the driver" in text


def _driver_closed(pw: Any) -> bool:
    """Whether the connection to ``pw``'s driver process has closed (the process ended): a launch through it would
    fail, and leave a coroutine never awaited behind."""
    connection = getattr(getattr(pw, "_impl_obj", None), "_connection", None)
    return getattr(connection, "_closed_error", None) is not None


def _replace_driver(dead: Any) -> Any:
    """This thread's driver process ended (killed, or the out-of-memory killer's pick): start a new one for the
    thread's browsers (each of them finds it here on its own next restart)."""
    if getattr(_drivers, "pw", None) is dead or getattr(_drivers, "pw", None) is None:
        loop = getattr(getattr(dead.stop, "__self__", None), "_loop", None)
        if loop is not None:  # its reads that failed when the pipe closed are nobody's news ("Future exception …")
            loop.set_exception_handler(lambda *_: None)
        try:
            _stop_driver(dead)
        except Exception:  # noqa: BLE001  (a dead driver's stop only closes its event loop)
            pass
        _drivers.pw = _start_driver()
    return _drivers.pw


def _release_driver() -> None:
    _drivers.count -= 1
    if _drivers.count == 0:
        pw, _drivers.pw = _drivers.pw, None
        _stop_driver(pw)


class _CutWatch:
    """Watches one browser action from a thread of its own: a run asked to stop now (``stopping.cut_runs``: a chat's
    Ctrl-C, eval's third) has its browser killed, which ends the Playwright wait the action's thread is in (it cannot
    look itself). rel51b: before, a `browser_goto` to a page that never loads waited the browser's whole timeout."""

    def __init__(self, check: Any, sandbox: Any) -> None:
        self.why: str | None = None
        self._check, self._sandbox = check, sandbox
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        if check is None:  # no run's action (a direct caller): nothing to watch
            return
        if check() is not None:  # already cut: the action is cut at once
            self._fire()
        else:
            self._thread = threading.Thread(target=self._watch, name="macrohard-browser-cut", daemon=True)
            self._thread.start()

    def _fire(self) -> None:
        self.why = self._check()
        try:
            self._sandbox.kill()
        except Exception:  # noqa: BLE001  (already gone)
            pass

    def _watch(self) -> None:
        while not self._done.wait(0.25):
            if self._check() is not None:
                self._fire()
                return

    def stop(self) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()


_NAMED = re.compile(r'^\s*- (\w+)(?: "((?:[^"\\]|\\.)*)")?.*?\[((?:f\d+)?e\d+)\]', re.M)


def _names(snapshot: str) -> dict[str, tuple[str, str]]:
    """Element id -> (role, name) of each element of an accessibility snapshot's text (the first line naming it)."""
    out: dict[str, tuple[str, str]] = {}
    for role, name, ref in _NAMED.findall(snapshot):
        out.setdefault(ref, (role, name))
    return out


def _element_ref(element: str) -> str | None:
    m = _REF.match(element.strip())
    if not m:
        return None
    return m.group(1) if "e" in m.group(1) else f"e{m.group(1)}"



def _crash_outcome(reason: str, restarts: int) -> str:
    """The step's outcome for people (``runs show``, the live view): what happened to the browser and what to do."""
    what = "stopped responding" if reason.startswith("stopped") else "crashed"
    detail = reason[len(what):].strip() if reason.startswith(what + " (") else f"({reason})"  # not said twice
    return (f"the browser {what} {detail}; it was restarted ({restarts} restart{'s' * (restarts != 1)} in this run) "
            "and the agent told to read the page again. If it keeps happening: look for an out-of-memory kill "
            "(`dmesg | grep -i -e oom -e killed`) and free some memory, or open the page in your own browser to see "
            "whether the page itself crashes it")

class BrowserEnvironment(PageView, LayeredWriteBack):
    """One headless Chromium tab driven through Playwright's sync API (use it from one thread).

    With ``state_dir`` (every task's browser: ``envs.make_environment`` gives one) Chromium, the task's setup and
    check, and the task's MCP servers work on a copy-on-write layer over ``workspace`` (``workspace`` becomes the
    layer's view once started), and the changes come back when it closes through the shell's write-back
    (``LayeredWriteBack``), with its holds. rt47: before, the browser's workspace was the person's folder in place, so
    a browser task file's setup wrote an ``.envrc``, a ``Makefile`` or ``core.fsmonitor`` into the person's own
    ``.git/config`` there (the person's next ``git status`` ran it). Without ``state_dir`` (a direct Python caller's
    own folder) it works in place, as before."""

    kind = "browser"
    action_types = [*BROWSER_ACTIONS, FinishAction]

    def __init__(self, workspace: str, *, network: str = "loopback", allowed_hosts: tuple[str, ...] = (),
                 start_url: str | None = None, frames: bool = True, viewport: tuple[int, int] = (1280, 800),
                 timeout: float = 10.0, executable: str = CHROMIUM, headless: bool = True,
                 bwrap: str = "bwrap", watch: bool = False, state_dir: str | None = None,
                 commit: bool = True) -> None:
        self._layer_workspace(workspace, state_dir, commit)
        self.watch = watch  # screen events (macrohard.imagine.browser_watch), pumped on this env's thread
        self.watcher: Any = None
        self.network = network
        self.allowed_hosts = tuple(allowed_hosts)
        self.sandbox = ChromiumSandbox(workspace, network, self.allowed_hosts, executable=executable, bwrap=bwrap)
        self.start_url = start_url
        self.frames = frames
        self.viewport = viewport
        self.timeout_ms = timeout * 1000
        self.executable = executable
        self.headless = headless
        self.restarts = 0
        # the time (time.monotonic) by which a step must end, or None: the agent sets it to the end of the run's
        # wall budget, and every wait of the step is cut to it (rel39: a stopped Chromium cost its step ~47 s)
        self.step_deadline: float | None = None
        self._step_timeout_ms = self.timeout_ms
        self._pw: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._page: Any = None
        self._cdp: Any = None
        self._crashed = self._stopped = False
        self._last_snapshot = ""
        self._shown_links: dict[str, str] = {}  # element id -> where its link went in the last observation (rt51b)
        self._shown_names: dict[str, tuple[str, str]] = {}  # element id -> its role and name there (rt52b)
        self._snapshots: dict[str, dict[str, Any]] = {}
        self._stops_told = 0  # requests the send gate stopped that an observation has reported
        # data goes only where the last observation told the guard (browser_sends); with no proxy (network full)
        # the gate fetches navigations itself to see their redirects
        self.send_gate = SendGate(fetch_redirects=self.sandbox.rules is None)
        # a redirect's next hop, seen by the proxy only (the gate of the moment: ``reset`` makes a new one)
        self.sandbox.redirects = lambda *a: self.send_gate.redirect(*a)
        self.sandbox.admits = lambda *a: self.send_gate.admits(*a)
        self._gate_cuts()
        if start_url:
            self.send_gate.went(start_url)

    def _gate_cuts(self) -> None:
        """The send gate cuts the proxy's tunnels (rt56b; none with the network ``full``: there is no proxy)."""
        self.send_gate.cut = lambda keep: self.sandbox.proxy.cut(keep) if self.sandbox.proxy is not None else []

    @property
    def page(self) -> Any:
        """The Playwright page (for tests and power users; the agent acts only through ``execute``)."""
        return self._page

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        if not os.path.exists(self.executable) and not shutil.which(self.executable):
            raise MissingDependency(f"Chromium not found at {self.executable}: install it with "
                                    "`apt-get install chromium` (macrohard never downloads browsers)")
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            raise MissingDependency("the browser needs Playwright: pip install 'macrohard[computer]'") from exc
        if self.layers is not None:
            if not self.layers.mode:
                self.layers.open()
                self.info = {"cow": self.layers.mode, "cow_problem": self.layers.problem,
                             "state_dir": str(self.state_dir), "lower": self.lower,
                             "commit_on_close": self.commit_on_close}
            # as the shell's and the desktop's: the workspace is the layer's view (the same path inside and on the
            # host), the bound folder the mount above it
            self.workspace = str(self.layers.path)
            self.sandbox.workspace, self.sandbox.bind = os.path.realpath(self.workspace), str(self.layers.view)
        self.sandbox.start()
        self._pw = _acquire_driver()
        try:
            self._launch()
        except BaseException:
            self._pw = None
            _release_driver()
            self.sandbox.close()
            raise
        from macrohard.imagine.browser_watch import attach

        self.watcher = attach(lambda: self._page, enabled=self.watch, timeout_ms=min(self.timeout_ms, 5000))

    def _launch(self, storage_state: dict[str, Any] | None = None) -> None:
        self._browser = self._pw.chromium.launch(executable_path=self.sandbox.launcher, headless=self.headless,
                                                 args=[*CHROMIUM_ARGS, *self.sandbox.chromium_args])
        self._new_context(storage_state)

    def _new_context(self, storage_state: dict[str, Any] | None = None) -> None:
        width, height = self.viewport
        self._context = self._browser.new_context(viewport={"width": width, "height": height},
                                                  storage_state=storage_state)
        self._context.set_default_timeout(self._step_timeout_ms)  # a restart mid-step keeps the step's
        self._context.add_init_script(_DIALOG_GUARD_JS)
        # the gate of the moment (``_fresh_gate`` makes a new one), as the proxy's redirects and admits
        self._context.route("**/*", lambda route: self.send_gate.route(route))
        self._context.route_web_socket(re.compile(".*"), lambda ws: self.send_gate.route_ws(ws))
        self._new_page()

    def _new_page(self) -> None:
        """The context's page, its crash and dialog hooks and its CDP session (a new context's first page, or a new
        page of the same context: test_redteam22_flow's attempts after a page crashed, suite63)."""
        self._page = self._context.new_page()
        self._left_pages: list[str] = []  # the page a goto left in a tab of its own, for browser_back (rt63b)
        self._page.on("crash", self._on_crash)
        self._page.on("dialog", self._on_dialog)
        self._cdp = self._context.new_cdp_session(self._page)
        self._crashed = self._stopped = False
        if self.start_url:
            self._page.goto(self.start_url)
        if self.watcher is not None:
            self.watcher.forget()  # a new page: the next look is its baseline

    def _on_crash(self, _page: Any) -> None:
        self._crashed = True

    def _on_dialog(self, dialog: Any) -> None:
        """Each dialog dismissed (a page leaving on the agent's action, ``beforeunload``, is let go), as Playwright
        does with none listening, and counted: a page opening them in a loop is told in the action's observation
        (the page's own ``alert``/``confirm``/``prompt`` throw past that many, ``_DIALOG_GUARD_JS``)."""
        now = time.monotonic()
        self._last_dialog = now
        times = [t for t in getattr(self, "_dialog_times", []) if now - t < DIALOG_LOOP_S] + [now]
        self._dialog_times = times
        if len(times) >= DIALOG_LOOP:
            self._dialog_times = []
            self._dialog_loops = getattr(self, "_dialog_loops", 0) + 1
            self._dialog_said = f"{dialog.type}({_first_line(dialog.message)[:80]!r})"
        try:
            dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss()
        except Exception as exc:  # noqa: BLE001  (the page closed with its dialog open)
            log.debug("dialog already gone: %s", exc)

    def close(self) -> None:
        """Stop the browser, then record its layer's changes and write them back (a layered browser: rt47)."""
        try:
            self._close_browser()
        finally:
            try:
                if self.layers is not None:
                    self._record_and_write_back()
            finally:
                self._drop_own_state()

    @property
    def host_workspace(self) -> str:
        """Where the workspace the browser sees is on the host: the layer's view while one is open, else the
        folder itself."""
        return str(self.layers.path) if self.layers is not None and self.layers.mode else self.workspace

    def _close_browser(self) -> None:
        if self._browser is not None:
            # killed first: nothing of it outlives the run (its profile lives in the sandbox's own /tmp), and
            # Playwright's close of a browser that answers nothing waited 30 s (rel39: Ctrl-C during a stopped
            # Chromium's step took 33 s to end the run)
            self.sandbox.kill()
            try:
                self._browser.close()
            except Exception:  # noqa: BLE001  (closing a dead browser must not mask the run's result)
                pass
        if self._pw is not None:
            _release_driver()
        self._pw = self._browser = self._context = self._page = self._cdp = self.watcher = None
        self.sandbox.close()

    @property
    def blocked(self) -> list[str]:
        """``host:port`` of every connection the network policy refused (any protocol), oldest first."""
        return self.sandbox.refused()

    def guard_facts(self) -> GuardFacts:
        """The network of the sandbox this browser runs in (the one ``start`` builds), for the guard."""
        return GuardFacts(network=self.sandbox.network)

    def describe(self) -> dict[str, Any]:
        """The browser's sandbox: isolation, network, what it may reach, the proxy's requests (``run.meta``)."""
        return self._change_counts({**self.sandbox.describe(), **self.info, "restarts": self.restarts})

    def _restart(self, reason: str) -> Observation:
        """Kill and relaunch the browser, reopen the last loopback-or-allowed URL."""
        url = ""
        try:
            url = self._page.url if self._page is not None else ""
        except Exception:  # noqa: BLE001
            url = ""
        self._end_browser(hung=reason.startswith("stopped"))
        self.restarts += 1
        # rel45: the driver (Playwright's node process) killed mid-step: the relaunch through it raised "Playwright
        # connection closed", a traceback, and the run `crashed` with its step shown as done
        driver_gone = _driver_closed(self._pw)
        if not driver_gone:
            try:
                self._launch()
            except Exception as exc:
                if not _driver_gone(exc):
                    raise
                driver_gone = True
        if driver_gone:
            self.sandbox.kill()
            self._pw = _replace_driver(self._pw)
            self._launch()
            reason += "; Playwright's driver process had ended too and was started again"
        reopened, state = "", None
        if url.startswith(("http://", "https://")):
            try:
                self._page.goto(url)
                reopened = f" and reopened {url}"
                state = self._state_text()
            except Exception as exc:  # noqa: BLE001
                # rel46b: a page that keeps the browser busy (`while (true) alert(…)`) stopped the reopened browser
                # too; reading it raised past this step (a traceback, the run `crashed`). It is not reopened twice
                if "Timeout" in type(exc).__name__ or self._crashed:
                    self._end_browser(hung=True)
                    self._launch()
                    reopened = (f"; the reopened {url} stopped it again ({_first_line(exc)}), so it was started "
                                "once more on about:blank: the page itself keeps the browser busy (open it again "
                                "only to try once more, or try another page)")
                else:
                    reopened = f"; reopening {url} failed: {_first_line(exc)}"
        if state is None:
            state = self._safe_state()
        return Observation(output=f"The browser {reason}. It was restarted{reopened}. Element ids have changed: "
                           f"read the page again.\n\n{state}", error=True,
                           meta={"restarted": True, "browser_crash": _crash_outcome(reason, self.restarts)},
                           images=self._frame())

    def _end_browser(self, *, hung: bool) -> None:
        """Close the browser; one that answers nothing is killed first (Playwright waits 30 s for a stopped one)."""
        if hung:
            self.sandbox.kill()
        try:
            self._browser.close()
        except Exception:  # noqa: BLE001
            pass

    def _bound_to_deadline(self) -> None:
        """Every Playwright wait from here on ends by the step's deadline (at least a second): called at the
        step's start and again before each part of it that waits, since each wait has its own timeout."""
        left = self._left_ms()
        if left is None:
            return
        self._step_timeout_ms = round(max(1000.0, min(self.timeout_ms, left)))
        if self._context is not None:
            try:
                self._context.set_default_timeout(self._step_timeout_ms)
            except Exception:  # noqa: BLE001  (a browser gone: what follows says so)
                pass

    def _left_ms(self) -> float | None:
        """Milliseconds left before the step's deadline (None: no deadline)."""
        return None if self.step_deadline is None else (self.step_deadline - time.monotonic()) * 1000

    def _stopped_past_budget(self, message: str) -> Observation:
        """A browser that stopped responding when the run's wall budget is spent: killed, not restarted (a restart
        and the page's reload would run past the budget); a later step, if any, starts a new one."""
        self._end_browser(hung=True)
        self._crashed = self._stopped = True  # the next action restarts it
        self.restarts += 1
        said = (f"the browser stopped responding ({message}) and the run's wall budget ran out during this step: "
                "the browser was stopped, not restarted (a later step would start a new one). If it keeps happening: "
                "look for an out-of-memory kill (`dmesg | grep -i -e oom -e killed`) or a stopped process (`ps -o "
                "pid,stat,cmd -C chromium`: T is stopped; `kill -CONT PID`); a longer step needs a larger "
                "budget.max_seconds")
        return Observation(output=said[0].upper() + said[1:], error=True,
                           meta={"restarted": False, "browser_crash": said})

    def reset(self) -> None:
        self._context.close()
        # a new context has no cookies or storage: nothing typed before is carried, nothing gone to is known
        self._fresh_gate()
        self._new_context()

    def _fresh_gate(self) -> None:
        """A new send gate: nothing typed before is armed, nothing gone to is known."""
        self.send_gate, self._stops_told = SendGate(fetch_redirects=self.sandbox.rules is None), 0
        self._gate_cuts()
        if self.start_url:
            self.send_gate.went(self.start_url)

    def snapshot(self) -> str:
        snap_id = f"browser-{len(self._snapshots) + 1}"
        self._snapshots[snap_id] = {"url": self._page.url, "state": self._context.storage_state()}
        return snap_id

    def restore(self, snapshot_id: str) -> None:
        snap = self._snapshots[snapshot_id]
        self._context.close()
        self._new_context(snap["state"])
        if snap["url"].startswith("http"):
            self._page.goto(snap["url"])

    # -- actions -----------------------------------------------------------------------------

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        if self._page is None:
            self.start()
        self._bound_to_deadline()
        try:
            obs = self._execute(action)
            if isinstance((obs.meta or {}).get("url"), str):  # the page the guard now reads its links from
                links = obs.meta.get("links")
                self._shown_links = dict(links) if isinstance(links, dict) else {}
                self._shown_names = _names(getattr(self, "_last_snapshot", ""))
            return obs
        finally:
            if self._step_timeout_ms != self.timeout_ms and self._context is not None:
                try:
                    self._context.set_default_timeout(self.timeout_ms)
                except Exception:  # noqa: BLE001  (a browser killed in the step: the next one sets its own)
                    pass
            self._step_timeout_ms = self.timeout_ms

    def _execute(self, action: Any) -> Observation:
        """The action, with a watch on the page's renderer (``browser_busy``): a script that never yields is
        stopped before the step's timeout, the page and browser kept, and the observation says so."""
        busy = BusyWatch(self._page, self._cdp, BUSY_SHARE * self._step_timeout_ms / 1000,
                         quiet=self._no_dialogs_now) if self._page is not None and not self._crashed else None
        try:
            obs = self._execute_watched(action)
        finally:
            if busy is not None:
                busy.stop()
        if busy is not None and (said := busy.said()):
            obs = obs.model_copy(update={"output": f"{said}\n{obs.output}",
                                         "meta": {**(obs.meta or {}), "page_script_stopped": busy.stopped}})
        return obs

    def _no_dialogs_now(self) -> bool:
        """No dialog of the page in the last DIALOG_LOOP_S (a loop of them is the dialog guard's to end)."""
        return time.monotonic() - getattr(self, "_last_dialog", float("-inf")) > DIALOG_LOOP_S

    def _execute_watched(self, action: Any) -> Observation:
        from playwright.sync_api import Error as PlaywrightError

        blocked_before = len(self.blocked)
        self.send_gate.clicked = set()  # the link the previous click followed: not this action's
        if isinstance(action, BrowserGotoAction):
            if self.send_gate.armed and not self.send_gate.typed_host(action.url) and self._page is not None \
                    and not self._crashed:
                try:
                    left = self._leave_typed()
                except Exception as exc:  # noqa: BLE001  (a browser closing: the goto below says what happened)
                    log.warning("could not leave the page typed into in a fresh tab: %s", exc)
                    left = False
                if not left:
                    self.send_gate.typed(action.url)  # the gate stays armed there
            self.send_gate.went(action.url)
        elif action.kind in ("browser_type", "browser_press", "browser_select"):
            self.send_gate.typed(self._page.url)
        self.send_gate.seal()  # the proxy's tunnels to addresses not shown, once typed into (rt56b)
        try:
            if self._crashed:
                return self._restart("had been stopped at the end of the last step (it had stopped responding)"
                                     if self._stopped else "tab had crashed before this action")
            url_before = self._watch_before()
            cut = _CutWatch(stopping.cut_check(), self.sandbox)
            try:
                note = self._act(action)
            except Exception as exc:  # the browser closed under the action by the cut: the cut, not a crash
                if cut.why is not None:
                    self._crashed = True  # a later action (none in this run) would start a fresh browser
                    raise KeyboardInterrupt(cut.why) from exc
                raise
            finally:
                cut.stop()
                self.send_gate.going = False
                self.send_gate.arrived()
            if cut.why is not None:
                self._crashed = True
                raise KeyboardInterrupt(cut.why)
            self._watch_after(url_before)
            self._bound_to_deadline()  # what the action took is no longer left
            if isinstance(action, BrowserScreenshotAction):
                return self._with_events(self._screenshot(action, note))
            if isinstance(action, BrowserGotoAction):
                self._refused_goto(action.url, blocked_before)
            text = self._state_text(full=isinstance(action, BrowserReadAction))
        except PlaywrightError as exc:
            message = _first_line(exc)
            self._bound_to_deadline()
            if self._crashed or any(w.lower() in message.lower() for w in _CRASH_WORDS):
                return self._restart(f"crashed ({message})")
            if "Timeout" in type(exc).__name__ and isinstance(action, BrowserGotoAction) and self._answers_blank():
                return self._with_events(Observation(
                    output=f"{action.url} did not finish loading in time ({message}): its server took the request "
                           "and did not answer, or the page's own scripts kept it busy. The browser itself is fine "
                           "and is on about:blank now: try the page again later, or another page.\n\n"
                           + self._safe_state(), error=True, images=self._frame()))
            if "Timeout" in type(exc).__name__ and self._hung():
                left = self._left_ms()
                if left is not None and left <= 0:
                    return self._stopped_past_budget(message)
                return self._restart(f"stopped responding ({message})")
            return self._with_events(Observation(output=self._explain(message, blocked_before) + "\n\n" +
                                                 self._safe_state(), error=True, images=self._frame()))
        if loops := getattr(self, "_dialog_loops", 0):
            self._dialog_loops = 0
            note += (f"\nThe page opened dialogs in a loop ({self._dialog_said}, {DIALOG_LOOP} within "
                     f"{DIALOG_LOOP_S:g} s{f', {loops} times' if loops > 1 else ''}): each was dismissed, and past "
                     f"{DIALOG_LOOP} the page's dialogs were refused (an error in its script) so the browser could "
                     "go on; the page may not work as its author meant.")
        blocked = self.blocked[blocked_before:]
        if blocked:
            note += f"\nBlocked by the network policy ({self._policy_text()}): " + ", ".join(list(dict.fromkeys(blocked))[:5])
        if stopped := self.send_gate.stopped[self._stops_told:]:  # also those between steps (a page's timer)
            self._stops_told = len(self.send_gate.stopped)
            note += self.send_gate.stopped_text(stopped)
        sends = self._sends()
        self.send_gate.reported(self._page.url, sends)
        return self._with_events(Observation(output=(note + "\n\n" if note else "") + text, images=self._frame(),
                                             meta={"url": self._page.url, "sends": sends, "links": self._links()}))

    # -- screen events (imagine/browser_watch.py): looked for on this thread, around each action --------

    def _watch_before(self) -> str:
        """A look before acting: what changed while the agent was thinking is an event now."""
        if self.watcher is None:
            return ""
        try:
            self.watcher.pump(quiet=0)
            return str(self._page.url)
        except Exception as exc:  # noqa: BLE001  (watching must never fail a step)
            log.warning("browser screen watch failed: %s", exc)
            return ""

    def _watch_after(self, url_before: str) -> None:
        """Looks after acting until the page is still: a dialog the action opened is an event."""
        if self.watcher is None:
            return
        try:
            if self._page.url != url_before:
                self.watcher.rebase()  # a new page is the action's result, told by the page text
            self.watcher.pump()
        except Exception as exc:  # noqa: BLE001
            log.warning("browser screen watch failed: %s", exc)

    def _with_events(self, obs: Observation) -> Observation:
        if self.watcher is None:
            return obs
        seen, events = self.watcher.observation()
        if not events:
            return obs
        return obs.model_copy(update={"output": obs.output + "\n\n" + seen,
                                      "meta": {**(obs.meta or {}), "screen_events": events}})

    def _act(self, action: Any) -> str:
        page = self._page
        if isinstance(action, BrowserGotoAction):
            self._check_url(action.url)
            page.goto(action.url)
            return ""
        if isinstance(action, BrowserClickAction):
            loc = self._locator(action.element)
            # the link it follows, as the browser resolves it now (a script may change the href on mousedown); kept
            # until the next action, since a popup (target=_blank) may ask after the click has returned
            now = address(loc.evaluate(_LINK_HREF_JS))
            self._check_link_unchanged(action.element, now)
            self._check_name_unchanged(action.element, loc)
            self.send_gate.clicked = {now} if now else set()
            loc.click()
        elif isinstance(action, BrowserTypeAction):
            loc = self._locator(action.element)
            self._check_name_unchanged(action.element, loc)
            loc.fill(action.text)
            if action.submit:
                loc.press("Enter")
        elif isinstance(action, BrowserPressAction):
            if action.element:
                loc = self._locator(action.element)
                self._check_name_unchanged(action.element, loc)
                loc.press(action.key)
            else:
                page.keyboard.press(action.key)
        elif isinstance(action, BrowserSelectAction):
            loc = self._locator(action.element)
            self._check_name_unchanged(action.element, loc)
            try:
                loc.select_option(label=action.option, timeout=2000)
            except Exception:  # noqa: BLE001  (not a label: try it as a value, which raises a clear error)
                loc.select_option(value=action.option)
        elif isinstance(action, BrowserScrollAction):
            page.mouse.wheel(0, action.amount if action.direction == "down" else -action.amount)
        elif isinstance(action, BrowserBackAction):
            if page.go_back() is None:
                if not getattr(self, "_left_pages", None):
                    return "There is no previous page."
                page.goto(self._left_pages.pop())  # the page a goto left in a tab of its own (rt63b)
        elif isinstance(action, BrowserWaitAction):
            if action.text:
                page.get_by_text(action.text).first.wait_for(timeout=action.seconds * 1000)
            elif self.watcher is not None:  # an idle point: the screen is watched all along the wait
                self.watcher.pump(quiet=action.seconds, limit=action.seconds)
            else:
                # rel51b: in slices, so a run asked to stop now (stopping.cut_runs: eval's third Ctrl-C, a chat's
                # Ctrl-C) is cut here, as a shell command's wait is; before, it waited out all its seconds (up to 30)
                end = time.monotonic() + action.seconds
                while (left := end - time.monotonic()) > 0:
                    if (why := stopping.cut_now()) is not None:
                        raise KeyboardInterrupt(why)
                    page.wait_for_timeout(min(left, 0.25) * 1000)
        elif not isinstance(action, (BrowserReadAction, BrowserScreenshotAction)):
            raise TypeError(f"the browser cannot do {action.kind!r}")
        page.wait_for_load_state()
        return ""

    def _leave_typed(self) -> bool:
        """Before a ``browser_goto`` from a page typed into to a host not typed into, where the send gate stands down,
        while it still holds (rt63b). What the typed page leaves would carry the text there: the tab's
        ``window.name`` (kept across a navigation: the new page read it), the page waiting in the back/forward cache,
        the popups it opened (pages of the typed host, open after the goto), its service worker (the text in its
        memory; its requests are the gate's, a WebSocket it opens is not told apart). So the goto opens in a fresh
        tab, the old tab and its popups are closed now (their unload's beacons meet the armed gate) and every
        service worker is stopped (one starts again only for a page of its own host, which arms the gate again, or a
        message from one). ``browser_back`` from the new tab opens the page left again. Returns False when the
        workers could not be stopped (the caller keeps the gate armed)."""
        left, old = self._page.url, self._page
        page = self._context.new_page()
        self._page = page
        page.on("crash", self._on_crash)
        page.on("dialog", self._on_dialog)
        for other in list(self._context.pages):
            if other is not page:
                try:
                    other.close()
                except Exception:  # noqa: BLE001  (closed already)
                    pass
        self._left_pages = [left] if left.startswith(("http://", "https://")) and old is not page else []
        if self.watcher is not None:
            self.watcher.forget()
        try:
            self._cdp = self._context.new_cdp_session(page)
            self._cdp.send("ServiceWorker.enable")
            self._cdp.send("ServiceWorker.stopAllWorkers")
        except Exception as exc:  # noqa: BLE001  (then the gate stays armed on the new host, as on a typed one)
            log.warning("could not stop the service workers before leaving a page typed into: %s", exc)
            return False
        return True

    def _check_link_unchanged(self, element: str, now: str) -> None:
        """A click goes where the last observation said the element's link went (rt51b). The guard judged the click
        by that observation (``safety.flow``: a link to a new address is a navigation, asked), and a person approving
        it saw it; a page's timer may change the href, or wrap a button in a link, while the model thinks, and the
        send gate lets a navigation to the link an approved click followed go."""
        ref = _element_ref(element) or element
        before = address(self._shown_links.get(ref, ""))
        if now and now != before:
            from playwright.sync_api import Error as PlaywrightError

            was = f"went to {before}" if before else "was no link"
            raise PlaywrightError(f"element {ref} changed since the page was last read: it now links to {now} (it "
                                  f"{was}); nothing was clicked. Read the page again (browser_read) and decide anew")

    def _check_name_unchanged(self, element: str, loc: Any) -> None:
        """A click (a typing, a key, a choice) lands on the element the last observation named (rt52b): a person
        approved "Cancel"; a page's timer relabelled the same button "Pay" while the model thought (a field "Search",
        "Public comment"). Its role and name now (the browser's accessibility tree, as the observation read it) must
        be the ones shown."""
        ref = _element_ref(element) or element
        shown = self._shown_names.get(ref)
        if shown is None:
            return
        found = _names(re.sub(r"\[ref=((?:f\d+)?e\d+)\]", r"[\1]", loc.aria_snapshot(mode="ai", timeout=2000)))
        now = found.get(ref) or next(iter(found.values()), ("", ""))
        if now != shown:
            from playwright.sync_api import Error as PlaywrightError

            raise PlaywrightError(f"element {ref} changed since the page was last read: it is now {now[0]} "
                                  f"{now[1]!r} (it was {shown[0]} {shown[1]!r}); nothing was clicked. Read the page "
                                  "again (browser_read) and decide anew")

    def _refused_goto(self, url: str, blocked_before: int) -> None:
        """A page the proxy refused is an error, not the proxy's 403 text shown as the page."""
        parts = urlsplit(url)
        if parts.hostname is None:
            return
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
        if f"{parts.hostname.strip('[]')}:{port}" in self.blocked[blocked_before:]:
            from playwright.sync_api import Error as PlaywrightError

            raise PlaywrightError(f"net::ERR_BLOCKED_BY_PROXY at {url}")

    def _check_url(self, url: str) -> None:
        """Web pages, ``about:blank``, ``data:``, and local files inside the workspace only."""
        from playwright.sync_api import Error as PlaywrightError

        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in ("http", "https") and not _PLAIN_URL.match(url):
            # the guard reads where a goto goes from its text; a browser reads more spellings than that text shows
            # (an upper-case scheme, backslashes, a tab, no slashes: flow22), so only the plain one is opened
            raise PlaywrightError(f"cannot open {url!r}: write the URL plainly, as http://host:port/path (a "
                                  "lower-case scheme, then //, a host and port with no spaces, tabs or backslashes)")
        if scheme in ("http", "https", "data") or url == "about:blank":
            return
        if scheme == "file":
            path = os.path.realpath(unquote(urlsplit(url).path))
            if os.path.commonpath([path, os.path.realpath(self.workspace)]) == os.path.realpath(self.workspace):
                return
            raise PlaywrightError(f"the browser may open local files only inside the workspace ({self.workspace})")
        raise PlaywrightError(f"cannot open {url!r}: use an http(s):// URL, such as http://127.0.0.1:8000/")

    def _locator(self, element: str) -> Any:
        ref = _element_ref(element)
        if ref is None:
            from playwright.sync_api import Error as PlaywrightError

            raise PlaywrightError(f"{element!r} is not an element id; use an id from the latest snapshot, like e5 (f1e5 on a page reached since)")
        if self._last_snapshot and f"[{ref}]" not in self._last_snapshot:
            from playwright.sync_api import Error as PlaywrightError

            raise PlaywrightError(f"there is no element {ref} in the latest snapshot of the page")
        return self._page.locator(f"aria-ref={ref}")
