"""Task files (YAML): load and validate, with errors that name the field and the line.

A task file holds a task's fields and, optionally, the ``check`` that decides whether it was done
(the same checks as in suites); ``macrohard run`` runs it after the agent finishes.
"""

from __future__ import annotations

import errno
import os
import select
import stat
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import Field

from macrohard.errors import ConfigError, TaskFileError
from macrohard.eval.suite import Check
from macrohard.types import Task
from macrohard.yamlfile import decode_text, load_model


class TaskFile(Task):
    """A task, and optionally its check."""

    check: Check | None = Field(default=None, description="How success is decided, as in suites; run after the "
                                "agent finishes, its result shown beside the agent's claim.")


def parse_task_file(text: str, source: str = "<task>") -> tuple[Task, Any]:
    """The task and its check (None when the file has none)."""
    parsed = load_model(text, source, TaskFile, error=TaskFileError, what="a task file",
                        hint="it needs at least `text: ...`")
    return Task.model_validate(parsed.model_dump(exclude={"check"})), parsed.check


def parse_task(text: str, source: str = "<task>") -> Task:
    return parse_task_file(text, source)[0]


MAX_TASK_FILE_BYTES = 2 << 20  # a task file is a few lines of YAML; data belongs in the workspace


PIPE_WAIT_SECONDS = 30.0  # a task file that is a pipe: how long to wait for its writer's first bytes and its end


def _read_pipe(fd: int, p: Path) -> bytes:
    """A named pipe or ``<(cmd)``: read until its writer closes it; a pipe nobody writes to is said, never waited on
    forever (a plain ``open`` blocks until a writer comes)."""
    chunks, size = [], 0
    deadline = time.monotonic() + PIPE_WAIT_SECONDS
    while size <= MAX_TASK_FILE_BYTES:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TaskFileError(f"task file {p} is a pipe that nothing wrote to and closed within "
                                f"{PIPE_WAIT_SECONDS:.0f}s; start its writer first (`macrohard run -f <(cmd)`) or give "
                                "a regular YAML file")
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            continue
        if not chunk:  # the writer closed it
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read(path: str | Path) -> tuple[str, str]:
    """The text of a task file: at most 2 MiB, UTF-8, not binary; each problem a ``TaskFileError`` naming the fix."""
    p = Path(path)
    try:
        # O_NONBLOCK: opening a named pipe would otherwise wait, without end, for a writer
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        fix = {errno.ENOENT: "check the path", errno.EACCES: "make it readable for you (`chmod u+r`)",
               errno.ELOOP: "the path is a symbolic link loop: give the file itself"}.get(
            exc.errno or 0, "give the path of a readable YAML file")
        raise TaskFileError(f"cannot read task file {p}: {exc.strerror}; {fix}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise TaskFileError(f"task file {p} is a directory; give the YAML file in it (`macrohard run -f "
                                f"{p}/task.yaml`), with at least `text: ...`")
        if stat.S_ISFIFO(mode):
            data = _read_pipe(fd, p)
        else:
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read(MAX_TASK_FILE_BYTES + 1)
    except OSError as exc:
        raise TaskFileError(f"cannot read task file {p}: {exc.strerror}; give the path of a readable YAML "
                            "file") from exc
    finally:
        os.close(fd)
    if len(data) > MAX_TASK_FILE_BYTES:
        raise TaskFileError(f"task file {p} is larger than {MAX_TASK_FILE_BYTES >> 20} MiB; keep the task short and "
                            "put large inputs in the workspace (--source DIR, or `files:` for small ones)")
    return decode_text(data, str(p), error=TaskFileError, what="task file", hint="with at least `text: ...`"), str(p)


def load_task_file(path: str | Path) -> Task:
    return parse_task(*_read(path))


def load_task_and_check(path: str | Path) -> tuple[Task, Any]:
    return parse_task_file(*_read(path))


def confine_task_paths(task: Task, path: str | Path, allow_sources: Sequence[str | Path] = (),
                       given: Sequence[str] = (), say_it: str = "") -> None:
    """A task file's ``workspace:`` and ``source:`` may name only a folder beside it (a relative path is read from
    the task file's own folder) or one the person named with ``--allow-source``; ``given``: the fields the person
    set themselves (``-w``, ``--source``), not checked. rt49: a task file someone else wrote (downloaded, in a
    repository) named ``workspace: ~/Documents`` with ``write_back: true``, and its agent's deletions and rewrites went
    into the person's folder; ``source: ~/.ssh`` copies their keys into the run (and every prompt to the model). As
    rt48c did for a suite's ``source:``. Each is stored resolved, so the run starts from the folder that was checked.
    A task file that is not a regular file (``-f <(cmd)``, a pipe) has no folder of its own: only the person's word.
    ``say_it``: how the caller says it themselves, ``{folder}`` for the folder (default: `macrohard run`'s options)."""
    p = Path(path).expanduser()
    regular = p.is_file()
    folder = p.resolve().parent if regular else None
    allowed = [*([folder] if folder else []), *(Path(a).expanduser().resolve() for a in allow_sources)]
    for field in ("workspace", "source"):
        value = getattr(task, field)
        if not value or field in given:
            continue
        named = Path(value).expanduser()
        if not named.is_absolute():
            named = (folder or Path.cwd()) / named
        resolved = named.resolve()
        if not any(resolved == a or a in resolved.parents for a in allowed):
            where = f"outside the task file's own folder {folder}" if folder else \
                "and the task file is not a file in a folder (a pipe) that could hold it"
            raise ConfigError(
                f"the task file {path} names `{field}: {value}`, a folder {where}: a task file chooses which of your "
                f"folders its run {'works in' if field == 'workspace' else 'copies into its sandbox'}"
                f"{' and writes its changes back to (write_back)' if task.write_back else ''} (and sends to the "
                f"model). If you mean it, say it yourself: "
                f"{say_it.format(folder=resolved) if say_it else f'`macrohard run -f {path} --allow-source {resolved}` (or `--{field} {resolved}`)'}"
                f"; or put the folder beside the task file and name it relative to it (`{field}: NAME`)")
        setattr(task, field, str(resolved))
