"""The policy-driven checks the guard runs: actions (``PolicyCheck``), observations
(``ObservationScreen``) and answers (``AnswerCheck``)."""

from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import unquote, urlsplit

from macrohard.safety import builds, later_runs, lazyre, session
from macrohard.safety import rules_data as R
from macrohard.safety.commands import Analysis, Analyzer, PathJudge, analyze
from macrohard.safety.content import screen_text
from macrohard.safety.context import GuardContext
from macrohard.safety.envvars import KEY_FILE_VARIABLES
from macrohard.safety.injection import screen_injection
from macrohard.safety.policy import Facts, Policy, rule_detail
from macrohard.safety.secrets import redact
from macrohard.types import BashAction, Decision, Observation, Verdict

_COMMAND_KINDS = frozenset({"bash", "desktop_launch", "shell", "terminal"})
_SOFT = ("unparseable", "dynamic")
# Programs that type into windows or change what keys type: the guard's model of a terminal line
# cannot follow what they do, so running one on the desktop is asked about.
INPUT_TOOLS = frozenset({"xdotool", "xte", "xvkbd", "ydotool", "xmodmap", "setxkbmap", "xkbcomp", "xrdb", "xmacroplay"})
_TEXT_FIELDS = ("url", "href", "text", "query", "selector", "value", "keys", "command", "content", "path", "new")



def _reader(judge: PathJudge, cwd: str | None) -> Any:
    """A workspace file's text for ``read``/``mapfile`` from it (safety.session): a plain file inside a workspace,
    through its links, at most 4 KB of UTF-8; else None."""
    import os

    from macrohard.safety.regular import open_regular

    def read(name: str) -> str | None:
        if not cwd or "$" in cwd or "`" in cwd or name.startswith("~"):
            return None
        path = os.path.realpath(judge.resolve(name, cwd))
        if not any(path.startswith(os.path.realpath(w) + "/") for w in judge.workspaces):
            return None
        try:
            with open_regular(path, "rb") as f:
                data = f.read(4097)
        except OSError:
            return None
        try:
            return data.decode() if len(data) <= 4096 else None
        except UnicodeDecodeError:
            return None

    return read

def facts_of(action: Any, ctx: GuardContext, policy: Policy) -> Facts:
    """What an action is and does, for the rules: kind, analysis categories, paths and hosts."""
    kind = str(getattr(action, "kind", type(action).__name__))
    builds.seal(ctx.builds, ctx.jobs)  # what the build an earlier step ran made, before anything else runs
    ctx.exact_pending = None  # a line reviewed before and not approved never ran: its values are not the shell's
    if kind == "mcp_call":  # the rules name an outside tool as mcp:SERVER/TOOL (globs allowed)
        kind = f"mcp:{action.server}/{action.tool}"
    workspaces = workspaces_of(ctx)
    if kind in _COMMAND_KINDS and isinstance(getattr(action, "command", None), str):
        # PATH as the run's approved commands left it (and earlier lines of this action); committed on approval
        dirs = list(ctx.path_pending if ctx.path_pending is not None else ctx.path_dirs)
        py_dirs = list(ctx.py_pending if ctx.py_pending is not None else ctx.py_dirs)
        functions, hooks = ctx.shell_pending or (ctx.shell_functions, ctx.shell_hooks)
        functions, hooks = dict(functions), list(hooks)
        before = ctx.values_pending or ctx.shell_values
        values = before.copy()
        strings = dict(ctx.strings_pending if ctx.strings_pending is not None else ctx.shell_strings)
        exact: dict[str, frozenset[str]] = {}
        if kind == "bash":  # what approved lines proved the shell's variables hold (safety.session.Exact)
            exact, ctx.exact_pending = session.settle(ctx.shell_exact, action.command, functions, bool(hooks),
                                                      ctx.shell_id, ctx.jobs + ctx.detached,
                                                      _reader(PathJudge(workspaces, policy.allowed_paths), ctx.cwd))
        a = analyze(action.command, workspaces, policy.allowed_paths, cwd=ctx.cwd, remotes=ctx.git_remotes,
                    path_dirs=dirs, jobs=(ctx.jobs, ctx.detached), py_dirs=py_dirs, shell=(functions, hooks),
                    since=ctx.since, values=values, builds=ctx.builds, strings=strings, exact=exact,
                    home_is_workspace=kind == "bash")  # a desktop's programs have a home of their own (envs.xsandbox)
        if kind == "bash" and strings != ctx.shell_strings:
            ctx.strings_pending = strings
        if later_runs.writes_to(action.command):  # rt63: a launcher, an .envrc, a hook or what they run, by the shell
            _later_by_shell(action.command, ctx, policy, workspaces, a)
        ctx.build_pending = builds.planned(action.command, a.findings, PathJudge(workspaces, policy.allowed_paths),
                                           ctx.cwd, ctx.jobs, set(values.deps) | set(ctx.path_dirs and ["PATH"]),
                                           ctx.builds, set(functions))
        if kind != "bash":  # another shell (a desktop's terminal): what its `n=5` sets replaces nothing of the agent's
            values.deps = {n: before.deps.get(n, set()) | values.deps.get(n, set()) for n in {*before.deps, *values.deps}}
        if values != ctx.shell_values:
            ctx.values_pending = values
        if (functions, hooks) != (ctx.shell_functions, ctx.shell_hooks):
            ctx.shell_pending = (functions, hooks)
        if dirs != ctx.path_dirs:
            ctx.path_pending = dirs
        if py_dirs != ctx.py_dirs:
            ctx.py_pending = py_dirs
    else:
        a = Analysis()
        analyzer = Analyzer(PathJudge(workspaces, policy.allowed_paths), a)
        fields = action.model_dump() if hasattr(action, "model_dump") else {}
        for name, value in fields.items():
            if isinstance(value, dict):  # a tool's arguments: the addresses they name count as contacted
                for text in _strings(value):
                    if "://" in text:
                        _url_facts(text, a, analyzer)
                continue
            if not isinstance(value, str) or not value:
                continue
            if name in ("url", "href") or (name not in ("content", "new", "text") and "://" in value):
                _url_facts(value, a, analyzer)
            elif name == "path" and kind not in ("read_file", "write_file", "edit_file", "list_dir"):
                analyzer.scan_word(value, None)
            elif name == "path":
                a.paths.append(analyzer.paths.resolve(value, None))
                low = value.lower()
                for pattern, category, why in R.SENSITIVE_PATHS:
                    if pattern.search(low):
                        a.add(category, f"{why}: {value}")
                if kind in ("write_file", "edit_file"):
                    for pattern, category, what in R.WRITE_TARGETS:
                        if category in ("persistence", "credential", "dynamic") and pattern.search(low):
                            a.add(category, f"{kind} {value} ({what})")
                    _linked_target(kind, value, a.paths[-1], workspaces, a)
                    text = str(fields.get("content") or fields.get("new") or "")
                    if _EDITOR_SETTINGS.search(low) and _TERMINAL_RUNS.search(text):  # guard21's open one
                        a.add("dynamic", f"{kind} {value}: an editor setting that runs a shell or sets its environment "
                                         "in the terminal the user opens next; write it yourself if you mean it")
                    review, credential = _later_review(ctx, policy, workspaces)
                    if later_runs.later_file(a.paths[-1]):  # rt62: a launcher, .envrc, a pre-commit hook (rt63: a CI)
                        later_runs.judge(kind, value, a.paths[-1], _after_edit(kind, a.paths[-1], fields, text), a,
                                         review, credential)
                    elif runners := later_runs.runners_of(a.paths[-1], _host(ctx, posixpath.dirname(a.paths[-1])),
                                                          workspaces):
                        # rt63: the script a launcher, an .envrc, a hook or a CI step runs, written after it
                        later_runs.judge_target(kind, value, a.paths[-1], _after_edit(kind, a.paths[-1], fields, text),
                                                runners, a, review, credential)
    if ctx.injected_addresses:
        _followed_injection(action, ctx, a)
    facts = Facts(kind=kind, categories=a.findings, programs=a.programs, paths=a.paths, hosts=a.hosts,
                  network=ctx.network or "full", runs_unknown=tuple(a.runs_unknown[:1]))
    ctx.last_facts = (action, facts)  # for the flow check of the same review (safety.flow), not across reviews
    return facts


def _host(ctx: GuardContext, path: str) -> str:
    """``path`` as the guard names it (the shell's workspace or the host's) on this machine."""
    shell = (ctx.shell_workspace or "").rstrip("/")
    if shell and ctx.workspace and (path + "/").startswith(shell + "/"):
        return ctx.workspace.rstrip("/") + path[len(shell):]
    return path


def _later_review(ctx: GuardContext, policy: Policy, workspaces: list[str]) -> tuple[Any, Any]:
    """(a line's review in a folder, the credential file of the folder a line names) for ``safety.later_runs``."""
    from macrohard.safety.flows import credential_named

    def review(line: str, cwd: str) -> Analysis:
        return analyze(line, workspaces, policy.allowed_paths, cwd=cwd, since=ctx.since)

    def credential(line: str, cwd: str) -> str:
        return credential_named(line, _host(ctx, cwd))

    return review, credential


def _later_by_shell(command: str, ctx: GuardContext, policy: Policy, workspaces: list[str], a: Analysis) -> None:
    """rt63: a file a program of the person's runs later (``later_runs.later_file``) or one such a file runs
    (``later_runs.runners_of``), written by the shell: judged by the text the line writes, as the file tool's write
    is; where the line does not say the text (built when it runs, code, an edit in place), asked."""
    from macrohard.safety.flow_paths import shell_base

    base = shell_base(ctx)
    review, credential = _later_review(ctx, policy, [ctx.workspace, *workspaces] if ctx.workspace else workspaces)
    root = [ctx.workspace] if ctx.workspace else workspaces
    for full, text in later_runs.shell_written(command, base)[:8]:
        name = posixpath.relpath(full, base)
        if later_runs.later_file(full):
            who = later_runs.commands(full, "x")[0]
            if text is None and posixpath.basename(full) == "package.json" and not \
                    later_runs.sets_unsaid_install_script(command, base):
                continue  # rewritten by npm, jq, editors every day: its install scripts when the text is said (left open)
            if text is None:
                a.add("dynamic", f"the line writes {name}, which {who.replace('runs it', 'runs')}, outside the run, "
                                 "with text it does not say; write it with the file tool")
            else:
                later_runs.judge("bash writes", name, full, text, a, review, credential)
        elif runners := later_runs.runners_of(full, posixpath.dirname(full), root):
            if text is None:
                a.add("dynamic", f"the line writes {name}, which {runners[0][1]} runs outside the run, with text it "
                                 "does not say; write it with the file tool")
            else:
                later_runs.judge_target("bash writes", name, full, text, runners, a, review, credential)


def _linked_target(kind: str, value: str, path: str, workspaces: list[str], a: Analysis) -> None:
    """guard38: the file tools follow links (``ln -s .bashrc notes.txt`` a step before, then write_file notes.txt
    put the payload in the home's .bashrc, approved), and a hard link (``ln .profile n.txt``) is the same file under
    another name: the target is judged by where the write lands, and a file with other names is asked about."""
    import os

    try:
        real = os.path.realpath(path)
        st = os.lstat(real) if os.path.lexists(real) else None
    except (OSError, ValueError):
        return
    given = value.lower()
    if real.rstrip("/") != posixpath.normpath(posixpath.join(workspaces[0] if workspaces else "/", value)):
        low = real.lower()
        for pattern, category, what in R.WRITE_TARGETS:
            if category in ("persistence", "credential", "dynamic") and pattern.search(low) \
                    and not pattern.search(given):
                a.add(category, f"{kind} {value}, a link to {real} ({what})")
        for pattern, category, why in R.SENSITIVE_PATHS:
            if pattern.search(low) and not pattern.search(given):
                a.add(category, f"{why}: {value} (a link to {real})")
        if not any(real == w or real.startswith(w.rstrip("/") + "/") for w in workspaces):
            a.add("dynamic", f"{kind} {value} goes through a link to {real}, outside the workspace")
    if st is not None and not os.path.isdir(real) and st.st_nlink > 1:
        a.add("dynamic", f"{kind} {value}: the file has {st.st_nlink} names (a hard link), so writing it changes "
                         "the file under its other names too; remove the link first")


def _after_edit(kind: str, path: str, fields: dict[str, Any], text: str) -> str:
    """The file's text once the write or edit is done (an edit: its ``old`` replaced once in the file as it is)."""
    if kind != "edit_file":
        return text
    from macrohard.safety.regular import open_regular

    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            now = fh.read(64_000)
    except (OSError, ValueError):
        return text
    return now.replace(str(fields.get("old") or ""), text, 1)


# VS Code's workspace settings that start a program, or set the environment, of every terminal it opens in the folder
# (`terminal.integrated.env.linux: {PROMPT_COMMAND: …}`, an automation profile, a shell path and its arguments)
_EDITOR_SETTINGS = lazyre.compile(r"(^|/)\.vscode/settings\.json$|\.code-workspace$")
_TERMINAL_RUNS = lazyre.compile(r"terminal\.integrated\.(env|shell|shellargs|automationprofile|automationshell|profiles|"
                            r"defaultprofile)", re.I)


def _strings(value: Any, depth: int = 0) -> list[str]:
    """The strings inside a JSON value (a tool's arguments), at most 8 levels down."""
    if isinstance(value, str):
        return [value]
    if depth > 8:
        return []
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for item in items for s in _strings(item, depth + 1)]


def addresses(text: str) -> set[str]:
    """``host:port`` of every URL in ``text`` (the scheme's default port when none is given)."""
    out = set()
    for m in R.URL_ADDRESS.finditer(text):
        port = m.group("port") or {"https": "443", "wss": "443", "ftp": "21"}.get(m.group("scheme").lower(), "80")
        out.add(f"{m.group('host').lower()}:{port}")
    return out


def _followed_injection(action: Any, ctx: GuardContext, a: Analysis) -> None:
    """An action that goes to an address only a flagged prompt injection named is following it."""
    fields = action.model_dump() if hasattr(action, "model_dump") else {}
    for name, value in fields.items():
        if isinstance(value, str) and "://" in value:
            hit = addresses(value) & ctx.injected_addresses
            if hit and name == "content" and fields.get("kind") == "write_file":
                from macrohard.safety.flow_task_file import task_file  # (flow35; flow imports review)

                if task_file(action, ctx):  # the address the task asks for, alone in the file it names
                    continue
            if hit:
                a.add("injected", f"goes to {sorted(hit)[0]}, an address named only by content flagged as a "
                                  "prompt injection")
                return


# Where X programs read what a key does from a file a command names (rt50b): Xt's resource files (an xterm's
# `translations` make F5 type a command and a carriage return) and libX11's compose table (a key sequence types any
# text); `-xrm` names the resources themselves. The name anywhere in the command counts, quoted or not, so that
# `N=XENVIRONMENT` and `XENV""IRONMENT=` are not ways around it.
# (envvars.assign judges the same names as the shell makes them, rt51b: `a=XENVIRON; export ${a}MENT=…`.)


def _key_files(command: str) -> str | None:
    import shlex

    try:
        joined = " ".join(shlex.split(command))
    except ValueError:
        joined = command
    for text in (command, joined):
        if "-xrm" in text.split():
            return "-xrm (X resources such as key translations)"
        for name in KEY_FILE_VARIABLES:
            if name in text:
                return f"{name} (a file of X resources or compose sequences: what a key types)"
    return None


def _input_tools(facts: Facts, command: str) -> Facts:
    tools = sorted(set(facts.programs) & INPUT_TOOLS)
    keys = _key_files(command)
    if tools or keys:
        what = ", ".join(tools) or keys
        facts.categories.setdefault("dynamic", f"{what} types or remaps keyboard input on the desktop, which the "
                                               "guard cannot follow")
    return facts


_OPAQUE_SCHEMES = frozenset({"javascript", "data", "chrome", "file", "blob", "about", "view-source"})


def _url_facts(url: str, a: Analysis, analyzer: Analyzer) -> None:
    # a scheme that takes no `//` (rt48b: `data:text/html;base64,…` has no "://" in it, so it was read as a host
    # named "data" and its page, which loads from any address it names, was not asked about as a data: URL is)
    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    parts = urlsplit(url.strip() if "://" in url or scheme in _OPAQUE_SCHEMES else "//" + url)
    if parts.scheme == "file":
        path = unquote(parts.path)
        a.paths.append(posixpath.normpath(path))
        analyzer.scan_word(path, None)
        if not analyzer.paths.inside(posixpath.normpath(path)):
            a.add("credential", f"opens a local file outside the workspace: {path}")
        return
    if parts.scheme in ("javascript", "data", "chrome"):
        a.add("obfuscation", f"navigates to a {parts.scheme}: URL")
    host = (parts.hostname or "").lower()
    if host:
        a.hosts.append(host)
        if host in R.METADATA_HOSTS or host.strip("[]") in R.METADATA_HOSTS:
            a.add("credential", f"reaches the cloud metadata service {host}")
    if parts.username or parts.password:
        a.add("credential", "puts credentials in a URL")


class PolicyCheck:
    """Reviews an action against the policy's rules; the first matching rule decides."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def __call__(self, action: Any, ctx: GuardContext) -> Verdict | None:
        if getattr(action, "kind", None) == "finish":
            return None
        facts = None
        if str(getattr(action, "kind", "")).startswith("desktop_"):
            verdict = self.terminal_lines(action, ctx)
            if verdict is not None:
                return verdict
            if action.kind == "desktop_launch":
                facts = _input_tools(facts_of(action, ctx, self.policy), action.command)
        return self.decide(facts if facts is not None else facts_of(action, ctx, self.policy))

    def terminal_lines(self, action: Any, ctx: GuardContext) -> Verdict | None:
        """Review each line a desktop action submits to a terminal as the ``bash`` command it becomes."""
        for submitted in ctx.terminal.preview(action):
            for text, strict in submitted.candidates():
                if not text.strip() and not (strict and submitted.opaque):
                    continue
                facts = facts_of(BashAction(command=text), ctx, self.policy)
                if not strict:  # a line pending in another window: prose there is not a reason to ask
                    for soft in _SOFT:
                        facts.categories.pop(soft, None)
                else:
                    _input_tools(facts, text)
                    if submitted.opaque:
                        facts.categories.setdefault("dynamic", ctx.terminal.opaque_reason(submitted.opaque))
                verdict = self.decide(facts)
                if verdict is not None:
                    where = "this submits" if strict else "is still pending in a window and may be submitted"
                    return verdict.model_copy(update={"reason": f"the terminal line {text!r} {where}: {verdict.reason}"})
        return None

    def decide(self, facts: Facts) -> Verdict | None:
        rule = self.policy.match(facts)
        if rule is not None:
            if rule.decision is Decision.allow:
                return None
            return Verdict(decision=rule.decision, reason=_fill(rule.reason, rule_detail(rule, facts)),
                           check=f"policy:{rule.id}", fatal=rule.fatal and rule.decision is Decision.deny)
        if facts.categories:
            # Something was found that no rule speaks about: a person decides.
            cat, detail = next(iter(facts.categories.items()))
            return Verdict(decision=Decision.ask, reason=f"{cat}: {detail} (no policy rule covers this)",
                           check="policy:uncovered")
        if self.policy.defaults.unmatched is not Decision.allow:
            return Verdict(decision=self.policy.defaults.unmatched, reason=f"no policy rule allows {facts.kind} actions",
                           check="policy:default")
        return None


def _fill(reason: str, detail: str) -> str:
    return reason.replace("{detail}", detail) if "{detail}" in reason else reason


class ObservationScreen:
    """Redacts secrets and marks suspected prompt injection before the model or the store sees it."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def __call__(self, obs: Observation, ctx: GuardContext) -> Observation:
        flags: dict[str, list[str]] = {}
        output = obs.output
        if self.policy.observations.secrets == "redact":
            output, kinds = redact(output)
            if kinds:
                flags["redacted"] = sorted(set(kinds))
        untrusted = obs.untrusted
        if self.policy.observations.injection == "untrusted":
            screen = screen_injection(obs.output)
            if screen.sampled:
                flags["screen"] = list(screen.notes)  # a huge output: only a sample was read
            if screen.flagged(self.policy.observations.threshold_for(obs.output)):
                flags["injection"] = list(screen.signals) or ["classifier"]
                flags["injection_score"] = [f"{screen.score:.3f}"]
                untrusted = True
                # Remember the addresses it names: the agent must not go there on its say-so.
                # (not the task's own addresses, nor the page's own site: the agent is already there)
                own = addresses(str(obs.meta.get("url", ""))) if isinstance(obs.meta, dict) else set()
                ctx.injected_addresses |= addresses(obs.output) - addresses(ctx.task_text) - own
        if not flags:
            return obs
        return obs.model_copy(update={"output": output, "untrusted": untrusted,
                                      "meta": {**obs.meta, "guard": flags}})


class AnswerCheck:
    """Screens final answers (rules, then the classifier) per the policy's ``answers`` and ``answer_thresholds``.

    ``deny`` ends the run without the answer (a fatal verdict); ``rewrite`` withholds it and tells the model
    why, so it can answer again; ``ask`` leaves it to a person (``Guard.screen_answer`` asks).
    """

    _ORDER = {"deny": 0, "rewrite": 1, "ask": 2}  # an ask could let the answer through: the others go first

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def __call__(self, answer: str, ctx: GuardContext) -> Verdict | None:
        found = screen_text(answer, self.policy.answer_thresholds).found
        worst: tuple[str, str, str] | None = None
        for category, why in found.items():
            action = self.policy.answers.get(category, "ask")  # type: ignore[call-overload]
            if action == "allow":
                continue
            if worst is None or self._ORDER[action] < self._ORDER[worst[0]]:
                worst = (action, category, why)
        if worst is None:
            return None
        action, category, why = worst
        reason = self.policy.answer_reasons.get(category, "the answer {detail}").replace("{detail}", why)
        if action == "rewrite":
            return Verdict(decision=Decision.deny, check=f"content:{category}",
                           reason=f"{reason}. Write the answer again without it (or decline)")
        return Verdict(decision=Decision(action), reason=reason, check=f"content:{category}", fatal=action == "deny")


def workspaces_of(ctx: Any) -> list[str]:
    """The workspace as the shell sees it first (inside a sandbox it may have another path), then the host's."""
    seen = [getattr(ctx, "shell_workspace", None), getattr(ctx, "workspace", None)]
    out = []
    for w in seen:
        if w and w not in out:
            out.append(posixpath.normpath(w))
    return out or ["/workspace"]
