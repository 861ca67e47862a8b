"""What the guard knows about where the run's information came from (its flow state).

Kept in the guard's context and fed only by the guard: by actions it approved (``committed``) and by
observations it screened (``Guard.screen``), never by anything the model writes. ``safety.flow`` reads
it to decide whether an action could have been steered by untrusted content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macrohard.safety.carried import Carried


@dataclass
class Source:
    """One untrusted observation: what it was and the step that brought it in."""

    kind: str  # web, file, command, message, tool, desktop, delegation
    what: str  # "web page http://...", "file notes.txt (not written by the agent in this run)"
    step: int


@dataclass
class Pending:
    """What the review found about an action, kept until the action is approved and its result screened."""

    action: Any
    source: Source | None = None  # where its output comes from, when that is untrusted
    adds: frozenset[str] = frozenset()  # capabilities it adds: untrusted, private, external
    private: str = ""  # what private data it touches (for the audit)
    written: tuple[str, ...] = ()  # files the agent writes itself (from what it wrote, not from untrusted content)
    carried: Carried | None = None  # what the shell's values and files carry of private data once it ran
    sends: tuple[str, ...] = ()  # private data it sends out through the shell's values (safety.carried)
    names: str = ""  # it prints names others chose (files, branches, tags): untrusted if they name an address
    unwritten: tuple[str, ...] = ()  # files the agent wrote that a copy or an archive may now fill with others' words
    mcp_numbers: int = 0  # numbers and truth values an MCP call carries out once the run read outside and private data
    serves: tuple[str, ...] = ()  # rt61: folders (host paths) a file server the line starts serves to the network


@dataclass
class FlowState:
    sources: list[Source] = field(default_factory=list)  # untrusted content read, in order
    targets: set[str] = field(default_factory=set)  # addresses and emails named by untrusted content
    # of those, the ones named on a line the screen flagged (``flow_task_file``)
    ordered: set[str] = field(default_factory=set)
    named_lines: list[str] = field(default_factory=list)  # untrusted lines that may name an address
    named_overflow: bool = False  # more such lines were read than kept
    capabilities: dict[str, str] = field(default_factory=dict)  # untrusted/private/external -> why (first)
    written: set[str] = field(default_factory=set)  # workspace files the agent wrote (approved write actions)
    visited: set[str] = field(default_factory=set)  # addresses the run went to with approval
    pending: Pending | None = None  # the last reviewed action
    running: Pending | None = None  # the last approved action, whose observation comes next
    page: str = ""  # the browser page's address (host:port), from the last browser observation screened
    page_sends: set[str] = field(default_factory=set)  # other addresses its forms post to and its frames load
    page_links: dict[str, str] = field(default_factory=dict)  # element id -> the other address its link goes to
    carried: Carried = field(default_factory=Carried)  # the shell's values and files that hold private data
    # addresses untrusted content named in the run that delegated this one: its task's words, written by a model
    # that read that content, do not make them the user's (``handed_down``)
    handed: set[str] = field(default_factory=set)
    task_from_untrusted: bool = False  # the task itself was written by a run that had read untrusted content
    # paths (globs kept) a background job the run started reads, whose script sends (``flow_background``, flow36)
    fed: tuple[str, ...] = ()
    # the HTTP 402 offers (their URLs) the run was approved to pay: the task's own purchase passes once (rt46b)
    offers_paid: set[str] = field(default_factory=set)
    # rt55b: numbers and truth values the run's MCP calls carried out since it held outside and private data, counted
    # over the run: rt54b's bound of four a call, over as many calls as the run makes, carried a token two bytes a call
    mcp_numbers: int = 0
    # the run that delegated this one had read private data too (its task may carry it): its MCP numbers are counted
    # as if that run's budget were spent (rt55b)
    private_handed: bool = False
    # rt58: token-shaped values of a credential file the model read with the file tool (value -> the file): written
    # into a later action's text they are that file sent, as `$T` read from it is (``flow.FlowCheck``)
    keys: dict[str, str] = field(default_factory=dict)
    # rt61: folders file servers this run started serve to the network (data put there later is sent)
    served: set[str] = field(default_factory=set)

    def hand_down(self) -> dict[str, Any]:
        """What a sub-run this run starts inherits (kept in the sub-run's ``meta``, JSON): the untrusted content
        read so far and the addresses it named. Its task is written by a model that read that content, so it starts
        where this run is (flow25: a chat run read a sub-run's relayed orders and delegated the send to a fresh
        operator run, which saw no untrusted content and a task that named the address)."""
        down: dict[str, Any] = {"sources": [s.what[:300] for s in self.sources[-5:]],
                                "targets": sorted(self.targets)[:500]}
        if "private" in self.capabilities:  # rt55b: and the private data it read (the sub-task may carry it)
            down["private"] = self.capabilities["private"][:300]
        return down

    @classmethod
    def handed_down(cls, data: Any) -> FlowState:
        """A sub-run's flow state from its delegating run's ``hand_down``."""
        state = cls()
        if not isinstance(data, dict):
            return state
        for what in data.get("sources") or ():
            state.read_untrusted(Source("delegation", f"the task a delegating run wrote after reading {what}", 0))
        state.task_from_untrusted = bool(state.sources)
        if state.sources and data.get("private"):
            state.capabilities.setdefault("private", f"the delegating run read {str(data['private'])[:300]}")
            state.private_handed = True
        state.targets = {str(t) for t in data.get("targets") or ()}
        state.handed = set(state.targets)
        return state

    def committed(self, action: Any) -> None:
        """``action`` was approved: what its review found now holds for the run."""
        p = self.pending if self.pending is not None and self.pending.action is action else None
        self.running = p
        if p is None:
            return
        self.written.update(p.written)
        self.written.difference_update(p.unwritten)
        self.mcp_numbers += p.mcp_numbers
        self.served.update(p.serves)
        if p.carried is not None:
            self.carried = p.carried
        if p.source is not None:
            self.read_untrusted(p.source)
        for cap in p.adds:
            if cap == "private":
                self.capabilities.setdefault(cap, p.private)
            elif cap == "external":
                self.capabilities.setdefault(cap, f"{getattr(action, 'kind', 'an action')} sends data out")
        if getattr(action, "kind", "") == "pay" and isinstance(getattr(action, "offer_url", None), str):
            from macrohard.safety.flow_task_send import offer_key

            self.offers_paid.add(offer_key(action.offer_url))
        url = getattr(action, "url", None)
        if isinstance(url, str):
            from macrohard.safety.review import addresses

            self.visited |= addresses(url)
        elif getattr(action, "kind", "") == "browser_click" and (link := self.page_links.get(str(action.element))):
            self.visited.add(link)  # an approved click on a link goes where the link said

    def read_untrusted(self, source: Source) -> None:
        self.sources.append(source)
        self.capabilities.setdefault("untrusted", f"{source.what} at step {source.step}")

    @property
    def last_source(self) -> Source | None:
        return self.sources[-1] if self.sources else None
