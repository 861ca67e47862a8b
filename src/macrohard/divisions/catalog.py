"""Where divisions come from: the packaged ``builtin/*.yaml``, then ``$MACROHARD_HOME/divisions/*.yaml``
(one division per file; a user's file with a packaged name replaces that division). Errors name the file,
the line and the field (``yamlfile.load_model``)."""

from __future__ import annotations

from pathlib import Path

from macrohard.divisions.config import Division
from macrohard.errors import ConfigError
from macrohard.yamlfile import load_model, read_text

BUILTIN_DIR = Path(__file__).with_name("builtin")


def user_dir() -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "divisions"


def load_file(path: Path, *, packaged: bool = False) -> Division:
    """One division file, validated; a packaged file may not loosen the user's policy."""
    text = read_text(path, error=ConfigError, what="division file",
                     hint="it needs name: and system_prompt:; see `macrohard divisions --json`")
    division = load_model(text, str(path), Division, error=ConfigError, what="a division file",
                          hint="it needs name: and system_prompt:; see `macrohard divisions --json`")
    if packaged and division.policy.loosen:
        raise ConfigError(f"{path}: policy.loosen: a packaged division may not loosen the user's policy")
    ids = [r.id for r in division.policy.rules]
    if dup := sorted({i for i in ids if ids.count(i) > 1}):
        raise ConfigError(f"{path}: policy.rules: rule ids must be unique; repeated: {', '.join(dup)}")
    from macrohard.safety.policy import check_kinds

    check_kinds(division.policy, str(path), "policy.")  # rt47: a rule of an action no environment has is refused
    division.source = str(path)
    return division


def load_divisions(home: Path | None = None) -> dict[str, Division]:
    """Every division by name: the packaged ones, then the user's (which add to or replace them)."""
    found = {d.name: d for d in (load_file(p, packaged=True) for p in sorted(BUILTIN_DIR.glob("*.yaml")))}
    folder = home if home is not None else user_dir()
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        division = load_file(path)
        if division.name in seen:
            raise ConfigError(f"{path}: division {division.name!r} is also defined in {seen[division.name]}; "
                              "keep one file per division")
        seen[division.name] = path
        found[division.name] = division
    return found


def get_division(name: str, divisions: dict[str, Division] | None = None) -> Division:
    table = divisions if divisions is not None else load_divisions()
    if name not in table:
        # ux53: a mistyped or capitalised name ("Coding", "operater") was told to add Coding.yaml, a name no division
        # file may have (lowercase only); now the near one is named first
        import difflib
        import re

        near = difflib.get_close_matches(name.lower(), list(table), n=1, cutoff=0.6)
        hint = f"did you mean {near[0]}? " if near else ""
        valid = re.fullmatch(r"[a-z][a-z0-9_-]{0,31}", name) is not None
        raise ConfigError(f"unknown division {name!r}; {hint}choose one of: {', '.join(sorted(table))}"
                          + (f" (or add {user_dir() / (name + '.yaml')})" if valid and not near else ""))
    return table[name]
