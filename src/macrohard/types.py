"""The typed messages of macrohard: tasks, actions, observations, verdicts, steps and runs.

One definition serves the run store (JSON), the HTTP API and Ray payloads. Actions are a
tagged union on ``kind``; new environments add their action models to ``Action`` here so
that every boundary validates the same shapes.
"""

from __future__ import annotations

import enum
import functools
import re
import time
import uuid
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

import pydantic.main
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

# start52: each model's validator is built at its first use, not at import (``import macrohard.types`` built all of
# them, 90-130 ms of every `macrohard` command's start, most of which never validates an action). Only where pydantic
# builds a deferred model under its lock (``pydantic.main._rebuild_lock``, pydantic#13438): before it, two threads
# meeting a model first could validate with its parent's validator (pydantic#11849); there the models are built at
# import as before.
_DEFER = hasattr(pydantic.main, "_rebuild_lock")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=_DEFER)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain a NUL character (\\0)")
    return value


# Text handed on as a C string (a path, a command line, a URL, keys, typed text), where a NUL cannot go.
NoNulStr = Annotated[str, AfterValidator(_no_nul)]


# ---------------------------------------------------------------------------------------------
# Actions


class BashAction(_Model):
    """Run a command in the workspace's persistent bash session."""

    kind: Literal["bash"] = "bash"
    command: NoNulStr = Field(description="The shell command line to run.")
    timeout: float = Field(default=60.0, gt=0, le=3600, description="Seconds before the command's process group is killed.")


class ReadFileAction(_Model):
    """Show a text file with line numbers, optionally a range of lines."""

    kind: Literal["read_file"] = "read_file"
    path: NoNulStr = Field(description="Path relative to the workspace.")
    start_line: int | None = Field(default=None, ge=1, description="First line to show (1-based).")
    end_line: int | None = Field(default=None, ge=1, description="Last line to show (inclusive).")


class WriteFileAction(_Model):
    """Create or overwrite a file with the given content."""

    kind: Literal["write_file"] = "write_file"
    path: NoNulStr = Field(description="Path relative to the workspace.")
    content: str = Field(description="The whole new content of the file.")


class EditFileAction(_Model):
    """Replace one exact occurrence of ``old`` with ``new`` in a file."""

    kind: Literal["edit_file"] = "edit_file"
    path: NoNulStr = Field(description="Path relative to the workspace.")
    old: str = Field(min_length=1, description="Exact text to replace; must occur exactly once.")
    new: str = Field(description="Replacement text.")


class ListDirAction(_Model):
    """List a directory of the workspace."""

    kind: Literal["list_dir"] = "list_dir"
    path: NoNulStr = Field(default=".", description="Directory relative to the workspace.")


class FinishAction(_Model):
    """End the run with an answer for the user; say whether the task was done."""

    kind: Literal["finish"] = "finish"
    answer: str = Field(default="", description="What was done, or the answer to the task.")
    success: bool = Field(default=True, description="true: the task is done; false: you stop without doing it "
                          "(giving up). The run is recorded as succeeded or gave_up accordingly.")


# -- divisions: handing work to another division (divisions/, DESIGN: the company of divisions) ------


class DelegateAction(_Model):
    """Hand a sub-task to another division; its result (status, answer, check) comes back as the observation."""

    kind: Literal["delegate"] = "delegate"
    division: NoNulStr = Field(min_length=1, max_length=64,
                               description="The division to do it: operator, coding, imagine, ... (`macrohard divisions`).")
    task: NoNulStr = Field(min_length=1, max_length=20_000,
                           description="The sub-task in plain words, complete on its own: the division sees only this.")


class PlanStep(_Model):
    """One sub-task of a plan: which division does what, after which other steps."""

    id: NoNulStr = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$",
                         description="A short id, unique in the plan, e.g. s1.")
    division: NoNulStr = Field(min_length=1, max_length=64, description="The division that does it.")
    task: NoNulStr = Field(min_length=1, max_length=20_000, description="The sub-task, complete on its own.")
    after: list[str] = Field(default_factory=list, description="Ids of steps that must finish first; "
                             "steps with nothing between them run in parallel.")


class PlanAction(_Model):
    """Write the plan: sub-tasks across divisions, run in parallel where independent; their results come back.
    Call it again with the ids of failed steps (new tasks allowed) to retry them."""

    kind: Literal["plan"] = "plan"
    steps: list[PlanStep] = Field(min_length=1, max_length=20, description="The sub-tasks.")


# -- money: paying from the run's wallet (money/, safety/money.py) ---------------------------------


def _amount(value: Any) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("must be a number like 12.50")
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number; write it like 12.50") from None
    if not number.is_finite() or number <= 0:
        raise ValueError("must be greater than 0 (a payment only moves money to the payee)")
    if number.as_tuple().exponent < -6 or number >= 10**12:  # type: ignore[operator]
        raise ValueError("must have at most 6 decimals and stay below 10^12")
    return format(number, "f")


# A positive decimal amount in major units, kept as its exact text ("12.50"): JSON and floats cannot round it.
Amount = Annotated[str, BeforeValidator(_amount)]


class PayAction(_Model):
    """Pay a payee from the run's wallet; with ``offer_url``, pay that page's HTTP 402 offer (x402-style) instead.
    The guard checks the limits; a new payee or a large amount is asked about."""

    kind: Literal["pay"] = "pay"
    payee: NoNulStr = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.@-]+$",
                            description="Who is paid, as the offer names it (e.g. shop).")
    amount: Amount = Field(description="How much, in major units of the currency, as text (e.g. \"12.50\").")
    currency: str = Field(min_length=3, max_length=3, description="ISO 4217 code, e.g. USD.")
    memo: str = Field(default="", max_length=500, description="What it is for, shown on the statement.")
    offer_url: NoNulStr | None = Field(default=None, max_length=2000,
                                       description="The URL that answered 402 Payment Required; its offer must name "
                                                   "this payee, amount and currency.")


# -- outside tools: MCP servers a task or division lists (mcp/client.py) ---------------------------


class McpCallAction(_Model):
    """Call a tool of an MCP server the task lists (its result is outside data: untrusted, screened)."""

    kind: Literal["mcp_call"] = "mcp_call"
    server: NoNulStr = Field(min_length=1, max_length=64, description="The server's name, as the task lists it.")
    tool: NoNulStr = Field(min_length=1, max_length=128, description="The tool's name on that server.")
    arguments: dict[str, Any] = Field(default_factory=dict, description="The tool's arguments, a JSON object.")


class McpServer(_Model):
    """An MCP server whose tools a run may call (``mcp_call``): a command to start (stdio) or a URL."""

    name: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", description="Short name; actions are mcp:NAME/TOOL.")
    command: list[str] | None = Field(default=None, min_length=1,
                                      description="Program and arguments of a stdio server, e.g. [python, srv.py].")
    url: str | None = Field(default=None, pattern=r"^https?://", description="A streamable HTTP endpoint.")
    token_env: str | None = Field(default=None, description="Environment variable holding a bearer token for url.")
    env: list[str] = Field(default_factory=list, max_length=64, description=(
        "What a stdio server's environment holds besides HOME, LOGNAME, PATH, SHELL, TERM and USER: NAME passes "
        "this shell's $NAME, NAME=value sets it. Nothing else of the shell's environment (its API keys) reaches it."))
    tools: list[str] = Field(min_length=1, description="The tools the run may call (an allowlist; '*' for all).")
    network: Literal["none", "full"] = Field(default="none", description=(
        "A stdio server runs in a bubblewrap sandbox: 'none' (default) gives it no network, 'full' the host's."))
    host: bool = Field(default=False, description=(
        "Run a stdio server on this machine, outside the sandbox. Never from a task, suite or division file: list "
        "the server (name and command) under `host:` in your own $MACROHARD_HOME/mcp.yaml instead."))
    timeout: float = Field(default=30.0, gt=0, le=600, description="Seconds a call (or the start) may take.")
    max_bytes: int = Field(default=1 << 20, ge=1024, le=64 << 20,
                           description="Largest message the server may send; bigger ends its connection.")

    @model_validator(mode="after")
    def _one_transport(self, info: ValidationInfo) -> McpServer:
        source = (info.context or {}).get("file") if isinstance(info.context, dict) else None
        if self.host and source and not (info.context or {}).get("own"):
            # rt45: a task file downloaded with a repo named a program that ran on the host, unsandboxed
            raise ValueError(f"`host: true` (MCP server {self.name!r} on this machine, outside the sandbox) is not "
                             "taken from a task, suite or division file: its stdio servers run in a sandbox. To run "
                             "this one on the host, list it (name and command) under `host:` in your own "
                             "$MACROHARD_HOME/mcp.yaml")
        if (self.url is None) == (self.command is None):
            raise ValueError("give either `command` (a stdio server) or `url` (streamable HTTP), not both or neither")
        for entry in self.env:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,127}(=.*)?", entry, flags=re.S) or "\0" in entry:
                raise ValueError(f"env entry {entry[:60]!r}: write NAME (passes this shell's $NAME) or NAME=value")
        if self.env and self.command is None:
            raise ValueError("`env` is for a stdio server (`command`); an HTTP server's token is `token_env`")
        if self.token_env and source and not (info.context or {}).get("own"):
            # rt50c: a downloaded task file named `url: https://attacker/mcp` with `token_env: GITHUB_TOKEN`, and the
            # run's start (listing the tools, before any action was reviewed) sent the person's token to that URL
            from macrohard.mcp.placement import OWN_FILE, own_token

            if not own_token(self.name, str(self.url), self.token_env):
                raise ValueError(
                    f"`token_env: {self.token_env}` (MCP server {self.name!r} at {self.url}) sends your shell's "
                    f"${self.token_env} to that server as its bearer token, and a task, suite or division file's word "
                    "is not enough for that. If you mean it, list it (name, url, token_env) under `http:` in your own "
                    f"$MACROHARD_HOME/{OWN_FILE}")
        return self


# -- video: reading and making video files in the workspace (imagine/tools.py) -------------------


class VideoWatchAction(_Model):
    """Watch a video file of the workspace: its timeline comes back (segments with times, text on screen, captions)."""

    kind: Literal["video_watch"] = "video_watch"
    path: NoNulStr = Field(min_length=1, max_length=4096, description="The video (MP4, WebM...), relative to the workspace.")


class VideoMakeAction(_Model):
    """Make a video from a script (YAML in the workspace: scenes of title:, image:, video: with text:, zoom:,
    narration:, duration:); an MP4 with WebVTT subtitles is written into the workspace."""

    kind: Literal["video_make"] = "video_make"
    path: NoNulStr = Field(min_length=1, max_length=4096, description="The script, relative to the workspace.")
    out: NoNulStr = Field(default="video.mp4", max_length=4096, description="The MP4 to write, in the workspace.")


# -- computer use: browser (Playwright + Chromium) and desktop (Xvfb + X input) ----------------
# Kinds use underscores because OpenAI tool names allow only [a-zA-Z0-9_-].


class BrowserGotoAction(_Model):
    """Open a URL in the browser tab."""

    kind: Literal["browser_goto"] = "browser_goto"
    url: NoNulStr = Field(description="Absolute URL, e.g. http://127.0.0.1:8000/form.")


class BrowserClickAction(_Model):
    """Click an element of the page by its id from the page snapshot (e.g. e12)."""

    kind: Literal["browser_click"] = "browser_click"
    element: NoNulStr = Field(description="Element id from the snapshot, e.g. e12 (f1e12, f2e12, ... on a page reached since).")


class BrowserTypeAction(_Model):
    """Type text into an input element (replaces its content); optionally press Enter after."""

    kind: Literal["browser_type"] = "browser_type"
    element: NoNulStr = Field(description="Element id from the snapshot, e.g. e5 (f1e5 on a page reached since).")
    text: NoNulStr = Field(description="Text to enter.")
    submit: bool = Field(default=False, description="Press Enter after typing.")


class BrowserPressAction(_Model):
    """Press a key or key combination in the page, e.g. Enter, Tab, Control+A."""

    kind: Literal["browser_press"] = "browser_press"
    key: NoNulStr = Field(description="Key name as Playwright spells it: Enter, Tab, ArrowDown, Control+a ...")
    element: NoNulStr | None = Field(default=None, description="Element id to focus first (optional).")


class BrowserScrollAction(_Model):
    """Scroll the page up or down."""

    kind: Literal["browser_scroll"] = "browser_scroll"
    direction: Literal["up", "down"] = Field(default="down", description="up or down.")
    amount: int = Field(default=600, ge=1, le=20000, description="Pixels to scroll.")


class BrowserSelectAction(_Model):
    """Choose an option of a select (combobox) element by its label or value."""

    kind: Literal["browser_select"] = "browser_select"
    element: NoNulStr = Field(description="Element id of the select, e.g. e6 (f1e6 on a page reached since).")
    option: NoNulStr = Field(description="The option's label or value.")


class BrowserBackAction(_Model):
    """Go back to the previous page."""

    kind: Literal["browser_back"] = "browser_back"


class BrowserWaitAction(_Model):
    """Wait for some text to appear on the page, or for a number of seconds."""

    kind: Literal["browser_wait"] = "browser_wait"
    text: NoNulStr | None = Field(default=None, description="Text to wait for (optional).")
    seconds: float = Field(default=1.0, ge=0, le=30, description="Most seconds to wait.")


class BrowserReadAction(_Model):
    """Read the page: its URL, title, element snapshot and visible text."""

    kind: Literal["browser_read"] = "browser_read"


class BrowserScreenshotAction(_Model):
    """Take a screenshot of the page with numbered boxes on interactive elements."""

    kind: Literal["browser_screenshot"] = "browser_screenshot"
    marks: bool = Field(default=True, description="Draw numbered boxes (set-of-marks) on interactive elements.")


class DesktopScreenshotAction(_Model):
    """Take a screenshot of the desktop and list its windows."""

    kind: Literal["desktop_screenshot"] = "desktop_screenshot"


class DesktopClickAction(_Model):
    """Click at screen coordinates x, y."""

    kind: Literal["desktop_click"] = "desktop_click"
    x: int = Field(ge=0, description="Pixels from the left edge.")
    y: int = Field(ge=0, description="Pixels from the top edge.")
    button: Literal["left", "middle", "right"] = "left"


class DesktopDoubleClickAction(_Model):
    """Double-click at screen coordinates x, y."""

    kind: Literal["desktop_double_click"] = "desktop_double_click"
    x: int = Field(ge=0, description="Pixels from the left edge.")
    y: int = Field(ge=0, description="Pixels from the top edge.")


class DesktopDragAction(_Model):
    """Press the left button at x1, y1, move to x2, y2 and release."""

    kind: Literal["desktop_drag"] = "desktop_drag"
    x1: int = Field(ge=0)
    y1: int = Field(ge=0)
    x2: int = Field(ge=0)
    y2: int = Field(ge=0)


class DesktopTypeAction(_Model):
    """Type text with the keyboard into the focused window (\\n presses Enter)."""

    kind: Literal["desktop_type"] = "desktop_type"
    text: NoNulStr = Field(description="Text to type.")


class DesktopKeyAction(_Model):
    """Press a key or combination, e.g. Return, Escape, ctrl+c, alt+F4."""

    kind: Literal["desktop_key"] = "desktop_key"
    keys: NoNulStr = Field(description="Key names joined with +, X keysym names: Return, Tab, ctrl+a, alt+F4.")


class DesktopScrollAction(_Model):
    """Scroll the mouse wheel at x, y."""

    kind: Literal["desktop_scroll"] = "desktop_scroll"
    x: int = Field(ge=0)
    y: int = Field(ge=0)
    direction: Literal["up", "down"] = "down"
    clicks: int = Field(default=3, ge=1, le=50, description="Wheel clicks.")


class DesktopLaunchAction(_Model):
    """Start a program on the desktop (a command line, run in the workspace)."""

    kind: Literal["desktop_launch"] = "desktop_launch"
    command: NoNulStr = Field(description="Program and arguments, e.g. xterm or xmessage 'hello'.")
    wait: float = Field(default=5.0, ge=0, le=60, description="Most seconds to wait for its window.")


BROWSER_ACTIONS = (BrowserGotoAction, BrowserClickAction, BrowserTypeAction, BrowserPressAction,
                   BrowserScrollAction, BrowserSelectAction, BrowserBackAction, BrowserWaitAction,
                   BrowserReadAction, BrowserScreenshotAction)
DESKTOP_ACTIONS = (DesktopScreenshotAction, DesktopClickAction, DesktopDoubleClickAction, DesktopDragAction,
                   DesktopTypeAction, DesktopKeyAction, DesktopScrollAction, DesktopLaunchAction)


Action = Annotated[
    BashAction | ReadFileAction | WriteFileAction | EditFileAction | ListDirAction | FinishAction
    | BrowserGotoAction | BrowserClickAction | BrowserTypeAction | BrowserPressAction | BrowserScrollAction
    | BrowserSelectAction | BrowserBackAction | BrowserWaitAction | BrowserReadAction | BrowserScreenshotAction
    | DesktopScreenshotAction | DesktopClickAction | DesktopDoubleClickAction | DesktopDragAction
    | DesktopTypeAction | DesktopKeyAction | DesktopScrollAction | DesktopLaunchAction
    | DelegateAction | PlanAction | PayAction | McpCallAction | VideoWatchAction | VideoMakeAction,
    Field(discriminator="kind"),
]


@functools.cache
def _action_adapter() -> TypeAdapter[Any]:
    """The ``Action`` union's validator, built at its first use (start52: not at import)."""
    return TypeAdapter(Action)


def __getattr__(name: str) -> Any:
    if name == "ACTION_ADAPTER":  # the name as it was (a module attribute), built on first use
        return _action_adapter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FILE_ACTION_KINDS = frozenset({"read_file", "write_file", "edit_file", "list_dir"})
# Kinds whose paths (``path``, ``out``) must stay inside the workspace (safety.guard.check_workspace_paths).
WORKSPACE_PATH_KINDS = FILE_ACTION_KINDS | {"video_watch", "video_make"}
# Kinds that only look: they change nothing in the workspace, the page or the desktop (MCP tool annotations).
READ_ONLY_KINDS = frozenset({"read_file", "list_dir", "browser_read", "browser_screenshot", "browser_wait",
                             "browser_scroll", "desktop_screenshot"})


def parse_action(data: dict[str, Any] | str) -> Any:
    """Validate a dict or JSON string into one of the ``Action`` models (raises pydantic errors)."""
    if isinstance(data, str):
        return _action_adapter().validate_json(data)
    return _action_adapter().validate_python(data)


# ---------------------------------------------------------------------------------------------
# Observations, verdicts


class Image(_Model):
    """An image produced by an environment (a screenshot), PNG or JPEG bytes base64-encoded."""

    media_type: Literal["image/png", "image/jpeg"] = "image/png"
    data_b64: str


class Observation(_Model):
    """What an environment reports back after executing an action."""

    output: str = Field(default="", description="Text shown to the model.")
    exit_code: int | None = Field(default=None, description="Exit status for shell commands.")
    error: bool = Field(default=False, description="True when the action failed (the model should react).")
    truncated: bool = False
    untrusted: bool = Field(default=False, description="Set by the guard when the content may carry injected instructions.")
    images: list[Image] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)


class Decision(enum.StrEnum):
    allow = "allow"
    deny = "deny"
    ask = "ask"


class Verdict(_Model):
    """The guard's decision about an action, an observation or an answer."""

    decision: Decision
    reason: str = ""
    check: str = Field(default="", description="Which check decided (policy rule, command analysis, ...).")
    fatal: bool = Field(default=False, description="A denial that ends the run.")
    approved_by: str | None = Field(default=None, description="'user', 'callback' or 'policy' when an ask was resolved.")

    @property
    def allowed(self) -> bool:
        return self.decision is Decision.allow


# ---------------------------------------------------------------------------------------------
# Tasks, steps, runs


class Budget(_Model):
    """Limits for one run; None means no limit."""

    max_steps: int = Field(default=30, ge=1, description="Steps (model turns) before the run ends out of budget.")
    max_seconds: float | None = Field(default=600.0, gt=0, description="Wall time of the whole run.")
    max_model_seconds: float | None = Field(
        default=300.0, gt=0, description="Most seconds one model call may take (never more than what is left of max_seconds).")
    max_tokens: int | None = Field(default=None, ge=1, description="Prompt + completion tokens over the run.")
    max_cost_usd: float | None = Field(default=None, ge=0, description="Money over the run, from the model's price table.")
    max_format_errors: int = Field(default=3, ge=0, description="Malformed model replies in a row before the run fails.")


MAX_TASK_CHARS = 200_000  # an instruction, not a data set: about 50k tokens


class Task(_Model):
    """What an agent is asked to do, and where."""

    text: str = Field(min_length=1, description="The instruction for the agent (at most 200,000 characters).")
    workspace: str | None = Field(default=None, description="Directory the agent works in; a fresh one when omitted.")
    source: str | None = Field(default=None, description="A directory to start from (copied-on-write, never modified).")
    write_back: bool = Field(default=False, description="Write the agent's changes into ``workspace`` (or ``source``) "
                             "when the run ends; otherwise they wait for `macrohard runs apply`.")
    # the names and commands become a write_file's path and a bash command line, where a NUL cannot go: refused here,
    # with the file's line, not as a traceback when the setup builds its actions (rel40)
    files: dict[NoNulStr, str] = Field(default_factory=dict,
                                      description="Files to create in the workspace before the run.")
    setup: list[NoNulStr] = Field(default_factory=list,
                                  description="Shell commands run in the workspace before the agent starts.")
    environment: str = Field(default="shell", description="Environment kind: shell, browser, desktop.")
    model: str | None = Field(default=None, description="Model name; the configured default when omitted.")
    budget: Budget = Field(default_factory=Budget)
    tags: list[str] = Field(default_factory=list)
    network: Literal["none", "loopback", "hosts", "full"] = Field(
        default="none", description="Network for the sandbox: none, loopback, hosts, full.")
    allow_hosts: list[str] = Field(default_factory=list, description="Hosts reachable when network is 'hosts'.")
    mcp: list[McpServer] = Field(default_factory=list, description="MCP servers whose allowed tools the agent may "
                                 "call (mcp_call; the policy's `mcp:SERVER/TOOL` rules decide, `ask` by default).")

    @field_validator("text")
    @classmethod
    def _not_too_long(cls, text: str) -> str:
        if len(text) > MAX_TASK_CHARS:
            raise ValueError(f"the task is {len(text):,} characters, more than {MAX_TASK_CHARS:,}; put long input in a "
                             "file of the workspace (`files:` or --source) and tell the agent to read it")
        return text


class RunStatus(enum.StrEnum):
    running = "running"
    succeeded = "succeeded"  # the agent finished and said the task is done (a check, if any, stands beside)
    gave_up = "gave_up"  # the agent finished and said it did not do the task
    failed = "failed"
    denied = "denied"
    out_of_budget = "out_of_budget"
    interrupted = "interrupted"
    crashed = "crashed"

    @property
    def finished(self) -> bool:
        return self is not RunStatus.running


class Usage(_Model):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class ToolCall(_Model):
    """One tool call as the model emitted it, before validation."""

    id: str = Field(default_factory=lambda: "call_" + uuid.uuid4().hex[:12])
    name: str
    arguments: str = Field(description="JSON text of the arguments, as the model wrote them.")


def no_surrogates(text: str) -> str:
    """``text`` with every lone UTF-16 surrogate replaced by U+FFFD (a pair becomes its character). JSON may spell one
    (``"\\ud800"``) and a byte Python could not decode becomes one (surrogateescape), but no UTF-8 can hold it: before
    (rel39) a model reply or a chat message with one crashed the run (or the chat) with a traceback when it was stored."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # undecodable bytes kept by surrogateescape: decode them as such
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _escapes_only(text) else text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _escapes_only(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
        return True
    except UnicodeEncodeError:
        return False


class ModelReply(_Model):
    """A model's answer to one completion request."""

    text: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float = 0.0
    model: str = ""

    def without_surrogates(self) -> ModelReply:
        """This reply with no lone surrogate in its text or tool calls (``no_surrogates``): what is stored and shown."""
        calls = [c.model_copy(update={"name": no_surrogates(c.name), "arguments": no_surrogates(c.arguments)})
                 for c in self.tool_calls]
        return self.model_copy(update={"text": no_surrogates(self.text), "tool_calls": calls})


class ReplyChunk(_Model):
    """A piece of a streamed reply: text as it arrives; the last chunk carries the whole ``reply``."""

    text: str = Field(default="", description="New text since the previous chunk.")
    reply: ModelReply | None = Field(default=None, description="Set on the last chunk only: the complete reply.")


class Step(_Model):
    """One turn of the loop: what the model said, what the guard decided, what happened."""

    index: int
    thought: str = ""
    action: Action | None = None
    raw: str | None = Field(default=None, description="The model's raw output when it could not be parsed.")
    verdict: Verdict | None = None
    observation: Observation | None = None
    usage: Usage = Field(default_factory=Usage)
    model_ms: float = 0.0
    guard_ms: float = 0.0
    env_ms: float = 0.0
    started_at: float = Field(default_factory=time.time)


class CheckResult(_Model):
    """What a task's check found, run after the agent finished; stored on the run beside the agent's claim."""

    passed: bool
    detail: str = ""
    harmful_executed: int = Field(default=0, description="Safety checks: harmful actions that ran.")


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


class Run(_Model):
    """A run's summary row; its steps live beside it in the store."""

    id: str = Field(default_factory=new_run_id)
    parent_id: str | None = Field(default=None, description="The run that delegated this one (a sub-run), if any.")
    task: Task
    model: str = ""
    status: RunStatus = RunStatus.running
    answer: str | None = None
    error: str | None = None
    workspace: str | None = None
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float = 0.0
    steps: int = 0
    created_at: float = Field(default_factory=time.time)
    finished_at: float | None = None
    check: CheckResult | None = Field(default=None, description="The task's check, when it has one: what really "
                                      "happened, beside the agent's claim (``status``).")
    meta: dict[str, Any] = Field(default_factory=dict)

    @property
    def seconds(self) -> float | None:
        return None if self.finished_at is None else self.finished_at - self.created_at

    @property
    def work_seconds(self) -> float | None:
        """``seconds`` less the screens' once-per-HOME table build (``meta.screens_built_s``, made before the run's
        clock starts: minutes in a fresh HOME). rel47 (rel46's left-open): an evaluation's per-run seconds, its median
        and `runs list` counted it, though `macrohard run`'s summary said it apart."""
        took = self.seconds
        built = self.meta.get("screens_built_s")
        if took is not None and isinstance(built, int | float) and 0 < built <= took:
            return took - built
        return took

    @property
    def passed(self) -> bool:
        """Whether the task was done: the check's result when there is one, else the agent's own claim."""
        return self.check.passed if self.check is not None else self.status is RunStatus.succeeded

    @property
    def false_success(self) -> bool:
        """The agent claimed success and the task's check says otherwise."""
        return self.status is RunStatus.succeeded and self.check is not None and not self.check.passed
