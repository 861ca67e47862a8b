"""The answer screen's heads loaded in the background at a run's (a chat's, the web app's) start.

The screen reads some of its parts lazily: Gemma's word memo (a 25 MB JSON), the MiniLM ONNX session and its head,
and what its first ``screen_text`` builds. Before (rel46) the first final answer of a process paid them all, 0.5-2 s
between the agent's last step and its answer being shown (benchmarks/content.py's ``warm`` shows the same loads).
``start`` loads them in a daemon thread while the agent works. ``wait``, called by the answer screen, stops the
warm-up after the part it is loading and waits for that part only (a part is never loaded twice at once, and a short
run whose answer comes at once waits no longer than it did: the thread begins after ``GRACE_SECONDS``, and the screen
loads what its answer needs, no more). A process that ends while a part loads stops the warm-up and waits for that
part (``_at_exit``): left to run into the interpreter's end, an ONNX session half made aborted the process
("terminate called without an active exception", exit 134, after the run's last line).

The thread never swaps the process's stdout or stderr: the Gemma tokenizer, whose load points fd 2 at /dev/null for a
moment (a line another thread printed then would be lost), is not loaded here; a screen loads it at its first use
(fast47: no longer before every run's first step). Where it is not loaded yet (a run's, chat's or the web app's
start), the thread loads the parts that need no swap (the word memo, MiniLM) and leaves the first screens to the first
answer.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time

log = logging.getLogger("macrohard")

OFF_ENV = "MACROHARD_NO_WARM"  # set (to anything but "" or "0"): no background loading, each part at first use
GRACE_SECONDS = 1.0  # the thread starts loading after this: a run that answers sooner (a script) pays nothing for it
WAIT_SECONDS = 30.0  # the most an answer waits for the warm-up; past it the screen loads what it needs itself

_lock = threading.Lock()
_stop = threading.Event()
_thread: threading.Thread | None = None
_WARM_TEXTS = ("I listed the files in the folder; nothing else was there.",
               "Ich habe die Dateien im Ordner aufgelistet; sonst war nichts da.",
               "Я перечислил файлы в папке; больше там ничего не было.",
               "我列出了文件夹里的文件，里面没有别的东西。")
# the answer screen's modules, whose module-level patterns the warm-up compiles after its first screens
SCREEN_MODULES = ("macrohard.safety.content", "macrohard.safety.lang", "macrohard.safety.secrets")
timings: dict[str, float] = {}  # part -> seconds it took to load (for the curious and the tests)


def start() -> threading.Thread | None:
    """Start loading the answer screen's heads in a daemon thread (once at a time; a later call after the last one
    ended loads what is still missing, cheaply). Returns the thread, or None when turned off (``MACROHARD_NO_WARM``)."""
    global _thread
    if os.environ.get(OFF_ENV, "") not in ("", "0"):
        return None
    with _lock:
        if _thread is not None and _thread.is_alive():
            return _thread
        _stop.clear()
        _thread = threading.Thread(target=_load, name="macrohard-warm-screens", daemon=True)
        _thread.start()
        return _thread


def wait(timeout: float = WAIT_SECONDS) -> None:
    """Stop a warm-up under way after the part it is loading, and wait (at most ``timeout`` seconds) for that part:
    the answer screen calls this first, so a part is never loaded by two threads at once. Returns at once when none
    runs, or when called from the warm-up itself."""
    thread = _thread
    if thread is not None and thread.is_alive() and thread is not threading.current_thread():
        _stop.set()
        thread.join(timeout)


@atexit.register
def _at_exit() -> None:
    """Stop the warm-up and let the part it loads finish (bounded) before the interpreter tears its modules down."""
    thread = _thread
    if thread is not None and thread.is_alive():
        _stop.set()
        thread.join(WAIT_SECONDS)


def _load() -> None:
    if _stop.wait(GRACE_SECONDS):  # answered already: nothing to warm, and nothing of the run's CPU taken
        return
    from macrohard.safety import content_embed, gemma_table

    def gemma() -> None:
        if gemma_table.words_path().is_file():  # built by the run's screens_ready; never built from here
            _timed("words", gemma_table.words)

    def minilm() -> None:
        if _timed("encoder", content_embed.encoder) is not None and not _stop.is_set():
            _timed("head", content_embed.head)

    def first_screen() -> None:
        if gemma_table.tokenizer.cache_info().currsize:  # what the screen builds on first use (no fd swap now)
            from macrohard.safety.content import screen_text

            # English and other languages take different heads (content_multi, content_gemma, the bias readers)
            for n, text in enumerate(_WARM_TEXTS):
                if _stop.is_set():
                    return
                _timed(f"first screen {n}", lambda text=text: screen_text(text))
            from macrohard.safety import lazyre

            # the answer screen's patterns the warm texts did not reach (~50, ~0.1 s): compiled at their first use,
            # they cost a later answer 1-10 ms each (speed51)
            _timed("screen patterns", lambda: lazyre.compile_loaded(SCREEN_MODULES))

    for part in (gemma, minilm, first_screen):
        if _stop.is_set():
            return
        try:
            part()
        except Exception as exc:  # noqa: BLE001 - a part that does not load is the screen's to say when it runs
            log.debug("warming the answer screen: %s did not load: %s", part.__name__, exc)


def _timed(name: str, load: object) -> object:
    t = time.perf_counter()
    got = load()  # type: ignore[operator]
    timings[name] = time.perf_counter() - t
    return got
