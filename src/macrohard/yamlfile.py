"""YAML files that validate into pydantic models, with errors that name the file, line and field.

Task files, suites and policies all load through ``load_model`` so a user's mistake reads the
same everywhere: ``task.yaml:7: budget.max_steps: Input should be a valid integer``.
"""

from __future__ import annotations

from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from macrohard.errors import UserError

M = TypeVar("M", bound=BaseModel)

# libyaml's parser where PyYAML was built with it (the wheels are): the same data as the pure-Python SafeLoader, 5-7
# times faster (25 held-out suites, 1 MB: 1.76 s -> 0.24 s of CPU), which a suite, task or policy file is read with.
# Its error messages differ from the pure-Python parser's, so a file that does not parse is parsed again by that one
# for the message a user is shown.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(yaml.constructor.ConstructorError):
    """A mapping that names one key twice (YAML's loaders keep the last and say nothing)."""

    def __init__(self, key: Any, first: Any, again: Any) -> None:
        super().__init__(None, None, f"the key {key!r} appears twice in one mapping (lines {first.line + 1} and "
                         f"{again.line + 1})", again)
        self.key, self.first_line, self.line = key, first.line + 1, again.line + 1


class _UniqueKeys:
    """Refuses a mapping that repeats a key. Before (rel39's left-open 2, rel40): a task file with `budget:` twice
    was run with the second and the first silently dropped (a budget, a check or `files:` the user wrote, ignored)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *base` overrides on purpose
                    continue
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                try:
                    if key in seen:
                        raise DuplicateKey(key, seen[key], key_node.start_mark)
                    seen[key] = key_node.start_mark
                except TypeError:  # an unhashable key: SafeConstructor says so itself
                    continue
        return super().construct_mapping(node, deep)  # type: ignore[misc]


class _FastUnique(_UniqueKeys, _FAST_LOADER):  # type: ignore[misc,valid-type]
    pass


class _PureUnique(_UniqueKeys, yaml.SafeLoader):
    pass


def safe_load(text: str, *, unique_keys: bool = False) -> Any:
    """``yaml.safe_load(text)``, with libyaml where it is there; a YAML error is the pure-Python parser's.
    ``unique_keys``: a mapping that repeats a key is a ``DuplicateKey`` error (the files users write)."""
    try:
        return yaml.load(text, Loader=_FastUnique if unique_keys else _FAST_LOADER)
    except DuplicateKey:
        raise
    except yaml.YAMLError:
        # raises the error users were always shown
        return yaml.load(text, Loader=_PureUnique) if unique_keys else yaml.safe_load(text)


ALIAS_EXPANSION_LIMIT = 1_000_000  # items a file's data may hold once its aliases are followed (`*name` repeats)


class AliasBomb(Exception):
    """Data whose aliases (``*name``) expand to far more items than the file holds (a "billion laughs")."""

    def __init__(self, items: int) -> None:
        super().__init__(f"more than {items:,} items once its aliases are followed")
        self.items = items


def check_expansion(data: Any, limit: int = ALIAS_EXPANSION_LIMIT) -> None:
    """Raises ``AliasBomb`` when ``data``, with each alias followed as code that walks it does (a check's fields,
    a script's actions dumped to JSON, pydantic's validation), holds more than ``limit`` items and at least four
    times what the file itself spells out. Before (rel46): a 1.3 KB suite whose `script:` held nine nested levels of
    nine aliases each (3.9 billion strings) loaded at once (YAML shares the repeated object), then took 167 s and
    3.5 GB (more with no memory limit) to end as "lost: not executed: ValidationError". Counted once per distinct
    list or mapping (memoized), so a real file costs one walk."""
    sizes: dict[int, int] = {}
    spelled = 0  # the items the file writes out: each distinct list or mapping once, with its scalars

    def size(node: Any) -> int:
        nonlocal spelled
        if not isinstance(node, (dict, list)):
            return 1
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a list that holds itself (`&a [*a]`) counts once
        pairs = list(node.items()) if isinstance(node, dict) else [(None, v) for v in node]
        spelled += 1 + sum(not isinstance(v, (dict, list)) for pair in pairs for v in pair if v is not None)
        total = 1
        for key, value in pairs:
            total += size(key) + size(value) if key is not None else size(value)
            if total > limit:
                break
        sizes[id(node)] = total = min(total, limit + 1)
        return total

    if size(data) > limit and limit + 1 > 4 * spelled:
        raise AliasBomb(limit)


def line_of(node: Any, loc: tuple[Any, ...] | list[Any]) -> int:
    """The 1-based line of the YAML node at ``loc`` (or of its nearest existing parent)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == key), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def load_model(text: str, source: str, model: type[M], *, error: type[UserError], what: str,
               hint: str = "", max_problems: int = 8) -> M:
    """Parse ``text`` as YAML and validate it as ``model``; raise ``error`` naming line and field.

    ``what`` names the kind of file in messages ("a task file"); ``hint`` says where to look.
    """
    try:
        data = safe_load(text, unique_keys=True)
    except DuplicateKey as exc:
        raise error(f"{source}:{exc.line}: the key {exc.key!r} appears twice in one mapping (lines "
                    f"{exc.first_line} and {exc.line}); YAML would keep only the second and drop the first without "
                    "a word: keep one of them (merge what both say)") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise error(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}; fix the syntax") from exc
    except RecursionError as exc:  # before (rel39): a traceback for `a: [[[[…]]]]` a few thousand deep
        raise error(f"{source}: {what} nested too deeply (lists or mappings inside each other thousands of levels "
                    "down); no task needs that: write it flat") from exc
    if not isinstance(data, dict):
        raise error(f"{source}: {what} is a YAML mapping{'; ' + hint if hint else ''}")
    try:
        parsed = model.model_validate(data, context={"file": source})  # a file's origin (rt45: McpServer.host)
    except ValidationError as exc:
        raise _invalid(exc, text, source, error=error, what=what, max_problems=max_problems) from exc
    try:  # after validation, whose errors (an unknown key, a wrong type) come first and fast, aliases or not
        check_expansion(data)
    except AliasBomb as exc:
        raise error(f"{source}: {what} whose aliases (`*name`, each repeating what `&name` marks) expand to {exc}, "
                    "far more than the file spells out (a \"billion laughs\" file), so it was not read further; write "
                    "out what you need, or use aliases only for small repeated parts") from exc
    except RecursionError as exc:
        raise error(f"{source}: {what} nested too deeply (lists or mappings inside each other thousands of levels "
                    "down, once its aliases are followed); write it flat") from exc
    return parsed


def _invalid(exc: ValidationError, text: str, source: str, *, error: type[UserError], what: str,
             max_problems: int) -> UserError:
    """``error`` listing a validation's problems, each with its line and field."""
    node = _compose(text)  # positions, only when there is an error to place
    problems = []
    for err in exc.errors()[:max_problems]:
        # pydantic puts the tag of a tagged union in the location; YAML has no such key
        loc = [x for x in err["loc"] if not (isinstance(x, str) and x.startswith(("literal[", "function-")))]
        field = ".".join(str(x) for x in loc) or "(top level)"
        field = "".join(c if c.isprintable() else repr(c)[1:-1] for c in field)  # a NUL in a key, printed raw
        problems.append(f"{source}:{line_of(node, loc)}: {field}: {err['msg']}")
    # "a task file", "your MCP config" (rel49: "invalid your MCP config")
    named = what.removeprefix("a ").removeprefix("an ").removeprefix("your ")
    return error(f"invalid {named}:\n  " + "\n  ".join(problems))


def _compose(text: str) -> Any:
    """The YAML node tree of ``text`` read as ``safe_load`` read it (libyaml where it is there), or None. rel56: a
    task file `task:<TAB>say hi` (a tab after the colon, which libyaml reads and the pure-Python parser refuses) was
    read, failed validation (`text:` is the field), and placing that error re-read it with the pure parser, whose
    ScannerError came out as a traceback."""
    for loader in dict.fromkeys((getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)):
        try:
            return yaml.compose(text, Loader=loader)
        except (yaml.YAMLError, RecursionError):
            continue
    return None


def decode_text(data: bytes, source: str, *, error: type[UserError], what: str, hint: str = "") -> str:
    """The UTF-8 text of a YAML file's bytes; UTF-16, NUL bytes or other bytes that are not UTF-8 each an ``error``
    naming the file, where it went wrong and how to save it right (task files, suites, divisions, video scripts)."""
    more = f"; {hint}" if hint else ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # before (rel39): called binary, which it is not
        raise error(f"{what} {source} is UTF-16 text; save it as UTF-8 (`iconv -f UTF-16 -t UTF-8 {source} > "
                    f"fixed.yaml`){more}")
    if b"\x00" in data:
        raise error(f"{what} {source} is binary (it holds NUL bytes), not YAML; give a text file{more}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(f"{what} {source} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}, line "
                    f"{line}); save it as UTF-8 (from Latin-1: `iconv -f LATIN1 -t UTF-8 {source} > fixed.yaml`)"
                    f"{more}") from exc


# a suite, policy, division or video script read whole: before (rel46) a 221 MB suite (2.5 million one-line tasks) was
# read and parsed for 300 s and 7.4 GB (under `ulimit -v 8 GB`; without it, the machine's memory) without a word;
# a 16 MiB file (183,080 such tasks) parses in 28 s and 0.57 GB at load 12. The repository's largest is under 200 KB.
MAX_YAML_BYTES = 16 << 20


def read_text(path: Any, *, error: type[UserError], what: str, hint: str = "") -> str:
    """The text of the YAML file at ``path`` (see ``decode_text``). Only a regular file is read: opening a named pipe
    would wait without end for a writer, so it is refused like a directory, each with the fix named. rel44: a suite,
    division or video script that was not UTF-8 was a ``UnicodeDecodeError`` traceback, only task files were told."""
    import errno
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        fix = {errno.ENOENT: "check the path", errno.EACCES: "make it readable for you (`chmod u+r`)",
               errno.ELOOP: "the path is a symbolic link loop: give the file itself"}.get(exc.errno or 0,
                                                                                          "give a readable YAML file")
        raise error(f"cannot read {what} {path}: {exc.strerror}; {fix}") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            kind = "a directory" if stat.S_ISDIR(os.fstat(fd).st_mode) else "not a regular file (a pipe or a device)"
            raise error(f"{what} {path} is {kind}; give the YAML file itself")
        with os.fdopen(os.dup(fd), "rb") as fh:
            os.set_blocking(fh.fileno(), True)
            data = fh.read(MAX_YAML_BYTES + 1)
        if len(data) > MAX_YAML_BYTES:
            raise error(f"{what} {path} is larger than {MAX_YAML_BYTES >> 20} MiB ({os.fstat(fd).st_size / 2**20:,.0f} "
                        "MiB), so it was not read: no such file needs that much; split it into several files (a "
                        "suite: a few thousand tasks each), or keep large data in files it names")
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror}; give a readable YAML file") from exc
    finally:
        os.close(fd)
    return decode_text(data, str(path), error=error, what=what, hint=hint)
