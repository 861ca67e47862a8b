"""What the guard knows about the step it is reviewing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety.builds import Build
from macrohard.safety.session import Exact
from macrohard.safety.shellvalues import Values
from macrohard.safety.taint import FlowState
from macrohard.safety.terminal import TerminalLine
from macrohard.types import Budget, Usage, Verdict


@dataclass(frozen=True)
class ApprovalAnswer:
    """An answer to an ``ask`` that says who gave it (``by``: "user alice"), recorded in the audit chain."""

    approved: bool
    by: str

    def __bool__(self) -> bool:
        return self.approved


# Called when a verdict is "ask": gets the action and the verdict, returns True (or an approving
# ``ApprovalAnswer``, which names who answered) to approve.
ApprovalCallback = Callable[[Any, Verdict], "bool | ApprovalAnswer"]


def answered_by(callback: Any, answer: Any) -> str:
    """Who gave ``answer`` to ``callback``'s question: the answer's own ``by``; else what the callback says of itself
    (``callback.answered_by()``: the CLI's asker with no terminal answers for the policy, "policy: no terminal to
    ask", and returns a plain bool); else "user". ux55: that run's record said "(not approved by the user)"."""
    by = getattr(answer, "by", None)
    if not by and callable(said := getattr(callback, "answered_by", None)):
        by = said()
    return str(by or "user")


def not_approved(by: str) -> str:
    """How a refused question reads in the verdict: "denied by policy: no terminal to ask" where the policy answered
    for nobody (its reason after the colon), else "not approved by the user alice" / "by the policy"."""
    return f"denied by {by}" if by.startswith("policy:") else f"not approved by the {by}"


@dataclass(frozen=True)
class GuardFacts:
    """What an environment reports about itself for a review, from the kernel and its own configuration.

    Never from anything the agent can write: not ``$PWD``, not observation text or meta.
    ``Guard.authorize`` asks the environment (``env.guard_facts()``) right before each review.
    """

    cwd: str | None = None  # the persistent shell's working directory (readlink /proc/PID/cwd)
    network: str | None = None  # the network the environment's processes really have: none, loopback, hosts, full
    jobs: int = 0  # processes earlier commands left running (background jobs), counted from the kernel
    detached: int = 0  # of those, the ones that are not the shell's own children (`wait` does not end them)
    # when the workspace as the run found it was ready (time.time()): a file whose inode changed later (its ctime,
    # which the kernel sets and nobody can set back) was written during the run; None: the guard cannot tell
    since: float | None = None
    # which process the persistent shell is (pid, start time): values kept from earlier lines belong to it, and a
    # restarted shell (exit, a kill, a timeout) holds none of them (safety.session.Exact); None: not known
    shell: Any = None


@dataclass
class GuardContext:
    """The run around an action: where it runs, what it has spent, who can approve."""

    workspace: str
    shell_workspace: str | None = None  # the workspace's path as the shell sees it (inside a sandbox)
    cwd: str | None = None  # the shell's directory, from the kernel (set by Guard.authorize from GuardFacts)
    run_id: str = ""
    step: int = 0
    task_text: str = ""
    environment: str = "shell"
    network: str = "full"  # the network mode the environment enforces; unknown is "full" (it limits nothing)
    budget: Budget = field(default_factory=Budget)
    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    elapsed_s: float = 0.0
    approve: ApprovalCallback | None = None
    # Addresses (host:port) named only by observations flagged as prompt injection (set by the screen).
    injected_addresses: set[str] = field(default_factory=set)
    # git remotes that commands of this run added or re-pointed: a later `git push NAME` sends the code there.
    git_remotes: set[str] = field(default_factory=set)
    # directories that commands of this run put on PATH, most recent first: `ls` may then run ./bin/ls (safety.lookup)
    path_dirs: list[str] = field(default_factory=list)
    jobs: int = 0  # processes earlier commands left running (from GuardFacts): they may change files after a review
    detached: int = 0  # of those, the ones `wait` does not wait for
    since: float | None = None  # GuardFacts.since: files older than this were there before the run (safety.native)
    path_pending: list[str] | None = None  # path_dirs once the action under review runs (Guard.authorize commits it)
    # directories that commands of this run put on PYTHONPATH (safety.envvars), and the same once approved
    py_dirs: list[str] = field(default_factory=list)
    py_pending: list[str] | None = None
    # shell functions and traps/handlers that approved commands defined: judged again where they run (safety.shellstate)
    shell_functions: dict[str, str] = field(default_factory=dict)
    shell_hooks: list[str] = field(default_factory=list)
    shell_pending: tuple[dict[str, str], list[str]] | None = None
    # the literal values approved lines gave shell variables (`export T=.bashrc`), kept for later lines' writes and
    # function calls (guard21: a value set one step and written to the next was only asked about, never judged)
    shell_strings: dict[str, str] = field(default_factory=dict)
    strings_pending: dict[str, str] | None = None
    # the values approved lines proved the shell's variables hold (safety.session.Exact), the shell they were set in
    # (GuardFacts.shell), and the state once the bash line under review runs (committed on approval only)
    shell_exact: Exact = field(default_factory=Exact)
    exact_pending: Exact | None = None
    shell_id: Any = None
    # what the variables approved commands set may hold when bash reads them as numbers (safety.arith)
    shell_values: Values = field(default_factory=Values)
    values_pending: Values | None = None
    # programs approved builds made, and the build the action under review is (safety.builds)
    builds: list[Build] = field(default_factory=list)
    build_pending: Build | None = None
    # The divisions this run works for, outermost first (chat, operator): delegation loops and depth are judged on it.
    divisions: tuple[str, ...] = ()
    terminal: TerminalLine = field(default_factory=TerminalLine)  # desktop input since the last submit (guard-fed)
    # rt51b: the model before the last approved action (an input the desktop refused did not happen), and the window
    # the last desktop observation showed focused (a window that takes the focus by itself leaves the line pending)
    terminal_before: TerminalLine | None = None
    focus: int | None = None
    last_facts: Any = None  # (action, Facts) of the review under way, shared by its checks (safety.flow)
    flow: FlowState = field(default_factory=FlowState)  # untrusted sources and capabilities (guard-fed, safety.flow)
    # rt58b: the input schema of each MCP tool its server listed when it connected ("server/tool" -> the JSON schema),
    # told by the run's MCP executor before the first step (so before any private read): the check reads a key as an
    # argument's name only where the schema names it. None: no MCP executor told the guard (a key shaped like a name
    # is taken for one, rt56b's rule)
    mcp_tools: dict[str, Any] | None = None
    wallet: Any = None  # the run's wallet (money.wallet.Wallet) when it may pay: safety.money reads its spending
