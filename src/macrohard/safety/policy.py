"""The safety policy: a YAML file people can read, with allow / deny / ask rules and their reasons.

Rules are tried in order; the first whose conditions all hold decides, and its ``reason`` (with
``{detail}`` filled from what the analysis found) is what the model and the user see. A rule's
conditions are any of: action ``kinds``, command ``categories`` (from ``safety.commands``),
``programs``, ``paths`` (globs) and ``hosts`` (globs). The packaged default lives beside this module
(``default_policy.yaml``); ``$MACROHARD_POLICY`` or ``$MACROHARD_HOME/policy.yaml`` replace it.
"""

from __future__ import annotations

import fnmatch
import functools
import logging
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from macrohard.errors import ConfigError
from macrohard.types import Decision
from macrohard.yamlfile import load_model, read_text

DEFAULT_POLICY_PATH = Path(__file__).with_name("default_policy.yaml")

CATEGORIES = ("destructive", "privilege", "remote_code", "network", "exfiltration", "credential", "persistence",
              "tamper", "obfuscation", "dynamic", "unparseable", "force_push", "untrusted_install", "miner",
              "background", "injected")
NETWORK_MODES = ("none", "loopback", "hosts", "full")
ANSWER_CATEGORIES = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam", "hate",
                     "harassment", "bias", "secret")
# What happens to an answer found in a category: refused and the run ends (deny), a person decides (ask),
# or the answer is withheld and the model is told the reason and asked to answer again (rewrite).
AnswerAction = Literal["allow", "deny", "ask", "rewrite"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rule(_Strict):
    """One rule: when every condition given holds, ``decision`` applies with ``reason``."""

    id: str = Field(min_length=1, description="A short name, shown with the verdict.")
    decision: Decision = Field(description="allow, deny or ask.")
    reason: str = Field(min_length=1, description="Shown to the model and the user; `{detail}` is filled in.")
    kinds: list[str] = Field(default_factory=list, description="Action kinds (bash, write_file, browser_goto, ...).")
    categories: list[Literal[CATEGORIES]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Command analysis categories; any one found matches.")
    programs: list[str] = Field(default_factory=list, description="Program names run by a command; any matches.")
    paths: list[str] = Field(default_factory=list, description="Globs over paths the action touches; any matches.")
    hosts: list[str] = Field(default_factory=list, description="Globs over hosts the action contacts; any matches.")
    network: list[Literal[NETWORK_MODES]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="The run's network modes (none, loopback, hosts, full) the rule applies in.")
    fatal: bool = Field(default=False, description="A denial by this rule ends the run.")


class Defaults(_Strict):
    """What applies when no rule matches, and how asks are resolved without a person."""

    unmatched: Decision = Field(default=Decision.allow, description="Decision for actions no rule matches.")
    non_interactive: Literal["deny", "allow"] = Field(
        default="deny", description="What an `ask` becomes when nobody can answer (no terminal, no callback).")
    approval_timeout_s: float = Field(
        default=300.0, gt=0, description="How long a person (the web app) is waited for on an `ask`; then "
                                         "`non_interactive` decides.")


OTHER_POINT = 0.71  # the injection point for text not in English when a policy names none (inj50: one point shipped)
AGREE_OTHER = 0.4  # inj62: the English-trained heads' vote a classifier-only flag on text not in English needs


class Observations(_Strict):
    """What the guard does with what environments return."""

    injection: Literal["untrusted", "allow"] = Field(default="untrusted", description="Mark suspected prompt injection.")
    injection_threshold: float = Field(
        default=0.71, ge=0.0, le=1.0,
        description="Operating point of the injection screen: scores at or above it are flagged (a rule hit alone "
                    "scores 0.75, a rare, strong one 0.9: at 0.71 any rule hit flags, and the classifier alone flags "
                    "at 0.71; chosen on a dev set, benchmarks/RESULTS.md inj45). Used for text in English "
                    "(``safety.lang.detect``); a policy that gives this point alone uses it for every language.")
    injection_threshold_other: float = Field(
        default=OTHER_POINT, ge=0.0, le=1.0,
        description="The same operating point for text in any other language (``safety.lang.detect`` decides): the "
                    "heads read other languages less surely, their false alarms there sit higher (benchmarks/"
                    "RESULTS.md inj50). Defaults to `injection_threshold` when a policy gives that alone.")
    injection_agree_other: float = Field(
        default=AGREE_OTHER, ge=0.0, le=1.0,
        description="The second read of text not in English: a flag that rests on the classifier alone (no rule "
                    "fired), under 0.95, stands only when the n-gram and MiniLM heads' own vote reaches this (or the "
                    "point, if lower); Gemma's head alone does not flag (0: off). Chosen on blind41-47 "
                    "(benchmarks/RESULTS.md inj62).")
    secrets: Literal["redact", "allow"] = Field(default="redact", description="Redact secrets before model and store.")

    @model_validator(mode="before")
    @classmethod
    def _one_point_for_every_language(cls, data: Any) -> Any:
        """A policy written before the two points (``injection_threshold`` alone) keeps one point for all text."""
        if isinstance(data, dict) and "injection_threshold" in data and "injection_threshold_other" not in data:
            return {**data, "injection_threshold_other": data["injection_threshold"]}
        return data

    def threshold_for(self, text: str) -> float:
        """The injection screen's operating point for ``text``: English's, or the other languages' point."""
        if self.injection_threshold_other == self.injection_threshold:
            return self.injection_threshold
        from macrohard.safety.lang import detect

        return self.injection_threshold if detect(text).code == "en" else self.injection_threshold_other

    def flags(self, screen: Any, text: str) -> bool:
        """Whether the injection screen's ``screen`` of ``text`` flags it: at the point for its language
        (``threshold_for``), then, for text Gemma's head voted on, the second read (``injection.Screen.agreed``) at
        ``injection_agree_other`` or the point, the lower (a policy that lowers the point to catch more asks no more
        agreement of the English heads than of the whole screen: at 0 every text is flagged)."""
        point = self.threshold_for(text)
        return screen.flagged(point) and screen.agreed(min(self.injection_agree_other, point))


Delivery = Literal["marker", "fence", "extract", "withhold"]
FLOW_SOURCES = ("web", "file", "command", "message", "tool", "desktop", "delegation", "flagged")


class Flow(_Strict):
    """Information-flow control (``safety.flow``): what untrusted content may lead to, and how the model gets it."""

    enabled: bool = Field(default=True, description="Track untrusted content and what it could influence.")
    after_untrusted: Decision = Field(
        default=Decision.ask, description="An action that sends data out after untrusted content was read.")
    changed_target: Decision = Field(
        default=Decision.ask, description="An action going to an address or email named by untrusted content "
                                          "and not by the task.")
    rule_of_two: bool = Field(default=True, description="At most two of: untrusted input, private data, "
                                                        "external communication; the third needs a person.")
    task_sends: bool = Field(default=True, description="A send the task's own words spell out (one curl to URLs "
                                                       "written whole in the task, nothing untrusted able to redirect "
                                                       "or fill it: safety.flow_task_send) passes after untrusted "
                                                       "content; false: asked like any other send.")
    trusted_paths: list[str] = Field(default_factory=list, description="Globs of files trusted though the agent "
                                                                       "did not write them in this run.")
    private_paths: list[str] = Field(default_factory=lambda: [
        "*/.ssh/*", "*/.env", "*/.env.*", "*/.netrc", "*/.aws/*", "*/.kube/*", "*/.docker/config.json",
        "*/.gnupg/*", "*credential*", "*secret*", "*password*", "*.pem", "*.key", "*/id_rsa*", "*/id_ed25519*"],
        description="Globs of paths holding private data (files outside the workspace count too).")
    untrusted_kinds: list[str] = Field(default_factory=lambda: ["mcp_call"],
                                       description="Action kinds whose results come from outside (messages, tools).")
    send_kinds: list[str] = Field(default_factory=lambda: ["pay"],
                                  description="Action kinds that send data out (or money: ``pay``; ``payment``, "
                                              "as earlier policies wrote it, means ``pay`` too).")
    deliver: dict[Literal[FLOW_SOURCES], Delivery] = Field(  # type: ignore[valid-type]
        default_factory=lambda: {k: "fence" for k in FLOW_SOURCES},
        description="Per source: marker (a warning line), fence (a delimited block, flagged spans quoted), "
                    "extract (only its data: fields, cells, labels, plain statements; safety.extract), "
                    "withhold (the model is told what was withheld and why).")


class DailyBudget(_Strict):
    """Limits summed over all runs started today (UTC), from the run store."""

    max_runs: int | None = Field(default=None, ge=1, description="Runs a day.")
    max_tokens: int | None = Field(default=None, ge=1, description="Tokens a day over all runs.")
    max_cost_usd: float | None = Field(default=None, ge=0, description="Money a day over all runs.")


class Budgets(_Strict):
    per_day: DailyBudget = Field(default_factory=DailyBudget)


class Money(_Strict):
    """Limits on what agents pay from a wallet (``safety.money``), in major units of ``currency``; None: no limit."""

    currency: str = Field(default="USD", min_length=3, max_length=3, description="The currency the limits are in.")
    per_run: Decimal | None = Field(default=Decimal(20), ge=0, description="Paid (and held) by one run.")
    per_day: Decimal | None = Field(default=Decimal(100), ge=0, description="Paid from one wallet a day (UTC).")
    per_payee: Decimal | None = Field(default=Decimal(50), ge=0, description="Paid to one payee a day.")
    per_division: dict[str, Decimal] = Field(default_factory=dict, description="Paid by a division's runs a day.")
    ask_over: Decimal | None = Field(default=Decimal(10), ge=0, description="A payment above this is asked, counting what the same run (with its delegations) already "
                                                                         "paid the same payee.")
    over_limit: Decision = Field(default=Decision.ask, description="What a payment past a limit becomes (ask/deny).")
    new_payee: Decision = Field(default=Decision.ask, description="A payee never paid from this wallet and not in "
                                                                  "`payees`.")
    payees: list[str] = Field(default_factory=list, description="Globs of payees paid without asking (within limits).")
    refused_payees: list[str] = Field(default_factory=list, description="Globs of payees never paid.")

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        """Before (rel48): `currency: XYZ` loaded, and every payment was then denied ("the policy's money limits are
        in XYZ, the wallet in USD") without the file ever being called wrong."""
        from macrohard.money.currency import MoneyError, check_currency

        try:
            check_currency(value)
        except MoneyError as exc:
            raise ValueError(str(exc)) from None
        return value


class Policy(_Strict):
    """The whole policy file."""

    version: Literal[1] = 1
    description: str = ""
    defaults: Defaults = Field(default_factory=Defaults)
    allowed_paths: list[str] = Field(default_factory=lambda: ["/tmp", "/var/tmp"],
                                     description="Paths outside the workspace that commands may change.")
    rules: list[Rule] = Field(default_factory=list)
    answers: dict[Literal[ANSWER_CATEGORIES], AnswerAction] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="allow, deny (ends the run), ask (a person decides) or rewrite (the model "
                                          "is told why and answers again), per content category in a final answer.")
    answer_thresholds: dict[Literal[ANSWER_CATEGORIES], float] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Classifier score (0-1) at which a category counts as found; 0.5 if unset.")
    answer_reasons: dict[str, str] = Field(default_factory=dict, description="Reason text per answer category.")
    observations: Observations = Field(default_factory=Observations)
    flow: Flow = Field(default_factory=Flow)
    budgets: Budgets = Field(default_factory=Budgets)
    money: Money = Field(default_factory=Money)
    source: str = Field(default="", exclude=True, description="Where the policy was loaded from.")

    def match(self, facts: Facts) -> Rule | None:
        found = facts.categories
        for rule in self.rules:
            if rule.categories and (not found or found.keys().isdisjoint(rule.categories)):
                continue  # guard19: most rules name categories and most actions have none (6 % of a review)
            if _matches(rule, facts):
                return rule
        return None


@dataclass
class Facts:
    """What one action is and does, as the rules see it (a dataclass: built on every review, kept cheap)."""

    kind: str
    categories: dict[str, str] = field(default_factory=dict)  # category -> first detail found
    programs: set[str] = field(default_factory=set)
    paths: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    network: str = "full"  # the run's network mode; unknown counts as full, the mode that limits nothing
    # a command or code the action runs that is built when it runs (safety.commands.Analysis.runs_unknown)
    runs_unknown: tuple[str, ...] = ()


def _matches(rule: Rule, f: Facts) -> bool:
    if rule.kinds and f.kind not in rule.kinds and not any(fnmatch.fnmatchcase(f.kind, k) for k in rule.kinds
                                                          if "*" in k or "?" in k or "[" in k):
        return False  # a kind without glob characters matches itself only (fnmatch for each: 4 % of a review)
    if rule.network and f.network not in rule.network:
        return False
    if rule.categories and f.categories.keys().isdisjoint(rule.categories):
        return False  # guard19: a set test in C, not a generator per rule (a fifth of the review's `any` calls)
    if rule.programs and f.programs.isdisjoint(rule.programs):
        return False
    if rule.paths and not any(fnmatch.fnmatch(p, g) for p in f.paths for g in rule.paths):
        return False
    if rule.hosts and not any(fnmatch.fnmatch(h.lower(), g.lower()) for h in f.hosts for g in rule.hosts):
        return False
    return True


def rule_detail(rule: Rule, f: Facts) -> str:
    for c in rule.categories:
        if c in f.categories:
            return f.categories[c]
    if rule.hosts:
        return next((h for h in f.hosts if any(fnmatch.fnmatch(h.lower(), g.lower()) for g in rule.hosts)), "")
    if rule.paths:
        return next((p for p in f.paths if any(fnmatch.fnmatch(p, g) for g in rule.paths)), "")
    return f.kind


# -- loading, with line numbers for errors ---------------------------------------------------


def policy_path() -> Path:
    """``$MACROHARD_POLICY``, else ``$MACROHARD_HOME/policy.yaml`` if present, else the packaged default."""
    if env := os.environ.get("MACROHARD_POLICY"):
        return Path(env).expanduser()
    from macrohard.store.sqlite import default_home

    user = default_home() / "policy.yaml"
    return user if user.exists() else DEFAULT_POLICY_PATH


_cache: dict[tuple[str, float, int], Policy] = {}


def load_policy(path: str | os.PathLike[str] | None = None) -> Policy:
    """Read and validate a policy; errors name the file, line and field. Cached until the file changes."""
    p = Path(path) if path is not None else policy_path()
    try:
        st = p.stat()
        key = (str(p.resolve()), st.st_mtime, st.st_size)
        if key in _cache:
            return _cache[key]
    except OSError as exc:
        raise ConfigError(f"cannot read policy {p}: {exc.strerror}; check the path "
                          f"(`macrohard policy show` prints the default)") from exc
    text = read_text(p, error=ConfigError, what="policy", hint="`macrohard policy show` prints the default")
    policy = parse_policy(text, str(p))
    _cache[key] = policy
    return policy


# Names the shipped default's `flow` lists carried for years though no action is called so (rt47): a policy copied
# from it still loads, with a warning that they match nothing; any other name no action has is refused.
OLD_FLOW_NAMES = frozenset({"send_email", "send_message", "browser_submit", "payment", "read_email", "read_messages",
                            "tool_call"})


@functools.cache
def action_kinds() -> frozenset[str]:
    """Every action kind an environment has (``types.Action``)."""
    import typing

    from macrohard.types import Action

    union = typing.get_args(Action)[0]
    return frozenset(t.model_fields["kind"].default for t in typing.get_args(union))


def _known_kind(name: str) -> bool:
    if name in action_kinds() or name.startswith("mcp:"):
        return True
    if any(c in name for c in "*?["):
        return any(fnmatch.fnmatchcase(k, name) for k in action_kinds()) or fnmatch.fnmatchcase("mcp:x/y", name)
    return False


def unknown_kinds(policy: Policy | Any, where: str = "") -> tuple[list[str], list[str]]:
    """The action names a policy's lists give that no action has: (refused, old). rt47: `flow.send_kinds` named
    `send_email`, `send_message` and `browser_submit` (none exists) and, before rt46b, `payment` for `pay`: a list
    that names nothing real decides nothing, silently (a person's `kinds: [shell]` deny rule never matched)."""
    refused: list[str] = []
    old: list[str] = []
    lists = [(f"{where}rules[{r.id}].kinds", r.kinds) for r in getattr(policy, "rules", [])]
    flow = getattr(policy, "flow", None)
    if flow is not None:
        lists += [(f"{where}flow.send_kinds", flow.send_kinds), (f"{where}flow.untrusted_kinds", flow.untrusted_kinds)]
    for label, names in lists:
        for name in names:
            if _known_kind(name):
                continue
            (old if label.endswith(("send_kinds", "untrusted_kinds")) and name in OLD_FLOW_NAMES else refused).append(
                f"{label}: {name}")
    return refused, old


def check_kinds(policy: Policy | Any, source: str, where: str = "") -> None:
    """Refuse a policy (or a division's overlay) whose lists name an action no environment has, with the names there
    are; log the old default's names, which still load."""
    refused, old = unknown_kinds(policy, where)
    if refused:
        raise ConfigError(f"{source}: {'; '.join(refused)}: no action is called that, so the rule or list would "
                          f"never match. Action kinds: {', '.join(sorted(action_kinds()))}; MCP tools as "
                          "mcp:SERVER/TOOL (globs allowed)")
    if old:
        logging.getLogger("macrohard").warning(
            "%s: %s: no action is called that (names from an older default policy); they match nothing and can be "
            "removed (`pay` is the payment action)", source, "; ".join(old))


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    policy = load_model(text, source, Policy, error=ConfigError, what="a policy",
                        hint="it needs `rules:`; see `macrohard policy show`", max_problems=5)
    ids = [r.id for r in policy.rules]
    if dup := sorted({i for i in ids if ids.count(i) > 1}):
        raise ConfigError(f"{source}: rule ids must be unique; repeated: {', '.join(dup)}")
    check_kinds(policy, source)
    policy.source = source
    return policy


