"""Environment registry: short names to lazily imported factories.

A factory takes ``(task, workspace, **options)`` and returns an unstarted environment.
"""

from __future__ import annotations

from typing import Any

from macrohard.errors import ConfigError
from macrohard.registry import Registry

REGISTRY = Registry("environment")
register = REGISTRY.register


def refuse_source_in_place(task: Any, kind: str) -> None:
    """rt45b: the browser and the desktop work on their workspace in place (no copy-on-write layer): a task with
    ``source:`` (promised never to be modified) had its project changed directly by the desktop's programs."""
    if getattr(task, "source", None):
        raise ConfigError(f"a run from --source needs the shell's copy-on-write workspace; the {kind} works on its "
                          "workspace in place and would change the source: give it a copy with --workspace DIR")


@register("shell")
def _shell(task: Any, workspace: str, *, isolation: str = "bwrap", **options: Any) -> Any:
    # bubblewrap by default; "none" only when the caller opted out explicitly (runner records it)
    if isolation == "none":
        from macrohard.envs.workspace import WorkspaceEnvironment

        if getattr(task, "source", None):
            raise ConfigError("a run from --source needs the sandbox's copy-on-write workspace; drop --no-sandbox")
        return WorkspaceEnvironment(workspace, **options)
    if isolation != "bwrap":
        raise ConfigError(f"unknown isolation {isolation!r}; choose 'bwrap' (default) or 'none' (--no-sandbox)")
    from macrohard.envs.sandbox import make_sandbox

    return make_sandbox(task, workspace, **options)


@register("browser")
def _browser(task: Any, workspace: str, *, isolation: str = "bwrap", **options: Any) -> Any:
    if isolation != "bwrap":
        raise ConfigError("the browser runs only inside bubblewrap (its network policy depends on it): "
                          "drop --no-sandbox / MACROHARD_ISOLATION=none for browser tasks")
    refuse_source_in_place(task, "browser")
    # Chromium always runs inside bubblewrap with its own network namespace (browser_sandbox.py);
    # local sites the task declares in allow_hosts (127.0.0.1:PORT) are reachable in every mode.
    # rt47: on a copy-on-write layer over the workspace, as the desktop's (its setup, check and MCP servers too), its
    # changes written back when the run ends with the shell's holds
    from macrohard.envs.browser import BrowserEnvironment

    return _with_state(lambda: BrowserEnvironment(workspace, **{"network": task.network,
                                                               "allowed_hosts": tuple(task.allow_hosts), **options}),
                       options, "macrohard-browser-state-")


@register("desktop")
def _desktop(task: Any, workspace: str, *, isolation: str = "bwrap", **options: Any) -> Any:
    if isolation != "bwrap":
        raise ConfigError("the desktop runs only inside bubblewrap (Xvfb, the window manager and its programs): "
                          "drop --no-sandbox / MACROHARD_ISOLATION=none for desktop tasks")
    refuse_source_in_place(task, "desktop")
    # Always in bubblewrap (Xvfb, window manager, programs), with the task's network. rt46: on a copy-on-write layer
    # over the workspace (the shell's), its changes written back when the run ends with the shell's holds (files
    # that run code on the host later wait for the person); a caller without a state directory gets a private one
    from macrohard.envs.desktop import DesktopEnvironment

    return _with_state(lambda: DesktopEnvironment(workspace, **{"network": getattr(task, "network", "none") or "none",
                                                               **options}), options, "macrohard-desktop-state-")


def _with_state(make: Any, options: dict[str, Any], prefix: str) -> Any:
    """``make()``, with a state folder of its own in ``options`` when the caller gave none: the environment's, removed
    when it closes (``LayeredWriteBack.owns_state_dir``) or here when it cannot be made. rel53: a folder was made for
    every run by ``options.setdefault("state_dir", tempfile.mkdtemp(...))`` (the default is made before setdefault
    looks), even a run's that brings its own under the data dir, and never removed: ~3,900 browser and ~780
    desktop ones in one machine's /tmp."""
    import shutil

    from macrohard.envs.leftovers import own_folder

    if "state_dir" in options:  # the caller's (None: in place)
        return make()
    options["state_dir"] = own = own_folder(prefix)
    try:
        env = make()
    except BaseException:
        shutil.rmtree(own, ignore_errors=True)
        raise
    env.owns_state_dir = True
    return env


@register("none")
def _none(task: Any, workspace: str, **options: Any) -> Any:
    # a division that only converses and delegates (chat): nothing to sandbox, nothing it can touch
    from macrohard.envs.none import NoEnvironment

    return NoEnvironment(workspace)


def make_environment(task: Any, workspace: str, **options: Any) -> Any:
    from macrohard.envs import leftovers

    leftovers.sweep_once()  # rel54: the folders of this user's processes that were killed, once per process
    return REGISTRY.lookup(task.environment)(task, workspace, **options)
