"""One root error and three families.

- ``ModelError``: the model did something wrong; the message goes back to the model.
- ``UserError``: the user must change something; the message names the fix (CLI exit code 2).
- ``RunError``: a run ended early (budget, fatal denial); the run is recorded with its status.

Anything else raised from our code is a bug and surfaces as a crash.
"""

from __future__ import annotations


class MacrohardError(Exception):
    """Root of every error macrohard raises on purpose."""


# --- what the model did wrong: fed back as an observation ------------------------------------


class ModelError(MacrohardError):
    """The model's output cannot be used; ``hint`` is shown to the model."""

    def __init__(self, message: str, *, hint: str = "", raw: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.raw = raw


class FormatError(ModelError):
    """The model's reply was not one well-formed action."""


# --- what the user must fix: a clear message, exit code 2 ------------------------------------


class UserError(MacrohardError):
    """Something the user must change. The message says what and how."""

    exit_code = 2


class ConfigError(UserError):
    """A setting is missing or wrong."""


class ModelUnavailable(UserError):
    """A model cannot be reached or is not configured."""


class TaskFileError(UserError):
    """A task file cannot be read or does not validate."""


class SandboxUnavailable(UserError):
    """The sandbox cannot be started on this machine."""


class MissingDependency(UserError):
    """An optional part (browser, X server, ffmpeg, ray...) is not installed."""


class Unsupported(UserError):
    """The chosen environment or model cannot do what was asked (the message says what can)."""


class NotFound(UserError):
    """A run, model or file the user named does not exist."""


class DiskFull(UserError):
    """The disk that holds the run store (or a run's sandbox) has no space left, or the store's file reached the
    largest file this process may write (RLIMIT_FSIZE)."""


class StoreUnusable(UserError):
    """The run store's file cannot be opened, written or read as a database (read-only, damaged, not a database)."""


# --- a run that ended early -------------------------------------------------------------------


class RunError(MacrohardError):
    """A run stopped before ``finish``; ``status`` is what it is recorded as."""

    status = "failed"


class BudgetExceeded(RunError):
    status = "out_of_budget"


class FatalDenial(RunError):
    status = "denied"


class TooManyFormatErrors(RunError):
    status = "failed"


class EnvironmentCrashed(RunError):
    status = "crashed"


class ModelReplyError(RunError):
    """The model server answered something that is not a chat completion (an HTML page, an error
    object, an endless body): asking again will not help, so the run ends ``failed`` with the reason."""

    status = "failed"


class Stopped(RunError):
    """A person stopped the run (the web app's Stop, ``POST /api/runs/{id}/stop``): it ends ``interrupted`` at once,
    also while it waits on a model that does not answer."""

    status = "interrupted"


class ModelTimeout(RunError):
    """One model call took longer than its deadline (``budget.max_model_seconds``)."""

    status = "failed"


class NotApproved(MacrohardError):
    """An environment was handed an action the guard did not approve. Always a bug or an attack."""

    runs: tuple[str, ...] = ()  # the runs a refused approval concerns (their audit logs record the refusal)


class MessageTooLarge(UserError):
    """A chat message longer than the limit (the web app answers 413 with ``limit``)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"the message is {size:,} characters, more than the limit of {limit:,}; shorten it, or put "
                         "long input in a file and ask for it to be read")
        self.size, self.limit = size, limit


class BadAudio(UserError):
    """An audio file or recording that cannot be used: not audio, corrupt, too long, too large or silent."""
