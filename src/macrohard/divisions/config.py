"""A division is a configuration of the one runtime: its prompt, environments, extra actions, policy overlay,
default budgets and model. Packaged ones live in ``builtin/*.yaml``; ``$MACROHARD_HOME/divisions/*.yaml``
adds or overrides them (``catalog.py``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from macrohard.safety.policy import Rule
from macrohard.types import Budget, McpServer

ENVIRONMENTS = ("shell", "browser", "desktop")
EXTRA_ACTIONS = ("delegate", "video")


class PolicyOverlay(BaseModel):
    """Rules a division adds to the user's policy. They can only tighten it: for each action the stricter of
    the user's verdict and the overlay's applies (deny over ask over allow), unless ``loosen`` is set."""

    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(default_factory=list, description="Rules in the policy file's format (id, kinds, "
                              "categories, programs, paths, hosts, decision, reason).")
    loosen: bool = Field(default=False, description="Let these rules loosen the user's policy (they are tried "
                         "before the user's rules, first match decides). Only a user's own division file may set it.")


class Division(BaseModel):
    """One division: who it is, what it may use, how its runs are bounded."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$", description="Short lowercase name, e.g. operator.")
    description: str = Field(default="", description="One line for `macrohard divisions` and for the divisions "
                             "that delegate to this one.")
    system_prompt: str = Field(min_length=1, description="What the division's model is told it is and how it works.")
    environments: list[Literal[ENVIRONMENTS]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Environments it may use, the first being its default; empty: it "
        "operates nothing itself (it converses and delegates).")
    actions: list[Literal[EXTRA_ACTIONS]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Extra actions beyond its environment's: delegate (hand a sub-task to "
        "another division), video (video_watch and video_make: read and make video files in the workspace).")
    policy: PolicyOverlay = Field(default_factory=PolicyOverlay, description="Rules merged onto the user's policy.")
    budget: Budget = Field(default_factory=Budget, description="Default budgets of its runs (a sub-run gets at most "
                           "what its parent has left).")
    model: str | None = Field(default=None, description="Default model spec (see `macrohard models`); "
                              "the run's or the configured default when omitted.")
    gate: Literal["none", "tests"] = Field(default="none", description="tests: a run of it with --source is a coding "
                                           "run (`macrohard code`): its change is applied only if the repository's "
                                           "tests pass before and after.")
    mcp: list[McpServer] = Field(default_factory=list, description="MCP servers whose allowed tools its runs may "
                                 "call (mcp_call, reviewed as mcp:SERVER/TOOL), besides those the task lists.")
    source: str = Field(default="", exclude=True, description="The file it was loaded from.")

    @property
    def environment(self) -> str:
        """The environment its runs use: the first it may use, or ``none`` (nothing to operate)."""
        return self.environments[0] if self.environments else "none"

    @property
    def delegates(self) -> bool:
        return "delegate" in self.actions
