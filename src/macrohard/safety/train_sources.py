"""Training data written by other hands, for the screens' trainers (issue 17: screens that generalise).

The generators (``content_data``, ``content_more``, ``data/injection_*``) write the bulk of the training data;
these files were written apart from them: the older evaluation sets (measured and published, now training and
dev data) and the hand-written sets of ``scripts/screen_data/``. Each trainer reads all of them by name, in a
fixed order, so a training run is reproducible from its seed. ``benchmarks/*/blind49*``,
``benchmarks/*/everyday49*`` and any file in a ``parts49`` folder are the fifty-fifth wave's held-out sets, and
``blind50*``, ``everyday50*`` and ``parts50`` the sixtieth wave's, being written: none is ever read here (a path
naming them is refused; a later wave moves this seal to its own fresh sets).
Every older set is published: ``blind48``/``everyday48`` (answers and injections), measured once by the lead in the
fifty-fourth wave, since the fifty-fifth (a tuning helper holds a set out once, with its method fixed first, then
names it in its sources). Which head reads which set is in each source table below and in the trainers' ``NOT_YET``;
the history of when each set was held out and published is in ``benchmarks/RESULTS.md``. The hand-written sets
``scripts/screen_data/*6*`` and later are training data too (helpers' hand-written answers, among them everyday
agent answers that must pass: ``everyday6_*.tsv``).

Formats: answers are TSV lines ``label<TAB>kind<TAB>text`` (label a category of ``content_data.LABELS`` or
``benign``; ``#`` lines are comments; ``\\n`` in a text is a line break); injections are JSON lines with
``text`` and ``label`` (1 injection, 0 not). A missing or malformed file raises ``SourceError`` naming the fix.
These files live in the repository, not the installed package: training runs from a checkout.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA4_FIX = "run `git rebase main` to get it (helpers data4 and data5 write scripts/screen_data/)"

CONTENT_SOURCES: dict[str, str] = {
    "blind": "benchmarks/content/blind.tsv",
    "heldout": "benchmarks/content/heldout.tsv",
    "blind3": "benchmarks/content/blind3.tsv",
    "data4": "scripts/screen_data/content_train4.tsv",
    "blind4": "benchmarks/content/blind4.tsv",
    "data5": "scripts/screen_data/content_train5.tsv",
    "blind5": "benchmarks/content/blind5.tsv",
    "data6": "scripts/screen_data/content_train6.tsv",
    "everyday6": "scripts/screen_data/everyday6_answers.tsv",
    "data7c": "scripts/screen_data/content_train7c.tsv",
    "blind6": "benchmarks/content/blind6.tsv",
    "everyday6b": "benchmarks/content/everyday6.tsv",
    "blind7": "benchmarks/content/blind7.tsv",
    "everyday7": "benchmarks/content/everyday7.tsv",
    "data8c": "scripts/screen_data/content_train8c.tsv",
    "blind8": "benchmarks/content/blind8.tsv",
    "everyday8": "benchmarks/content/everyday8.tsv",
    "data9c": "scripts/screen_data/content_train9c.tsv",
    "blind9": "benchmarks/content/blind9.tsv",
    "everyday9": "benchmarks/content/everyday9.tsv",
    "blind10": "benchmarks/content/blind10.tsv",
    "everyday10": "benchmarks/content/everyday10.tsv",
    "blind11": "benchmarks/content/blind11.tsv",
    "everyday11": "benchmarks/content/everyday11.tsv",
    "data16s": "scripts/screen_data/content_train16s.tsv",
    "blind12": "benchmarks/content/blind12.tsv",
    "everyday12": "benchmarks/content/everyday12.tsv",
    "blind14": "benchmarks/content/blind14.tsv",
    "everyday14": "benchmarks/content/everyday14.tsv",
    "blind19": "benchmarks/content/blind19.tsv",
    "everyday19": "benchmarks/content/everyday19.tsv",
    "blind20": "benchmarks/content/blind20.tsv",  # since screen23 (held out once first), the n-gram head alone
    "everyday20": "benchmarks/content/everyday20.tsv",
    # screen32: every published set the Gemma/multilingual heads read, and blind25/26, everyday25/26 (held out once by
    # screen29 and screen30), moved here in the same order: the English heads read them too (screen32)
    "blind17": "benchmarks/content/blind17.tsv",
    "everyday17": "benchmarks/content/everyday17.tsv",
    "blind18": "benchmarks/content/blind18.tsv",
    "everyday18": "benchmarks/content/everyday18.tsv",
    "blind21": "benchmarks/content/blind21.tsv",
    "everyday21": "benchmarks/content/everyday21.tsv",
    "blind22": "benchmarks/content/blind22.tsv",
    "everyday22": "benchmarks/content/everyday22.tsv",
    "blind23": "benchmarks/content/blind23.tsv",
    "everyday23": "benchmarks/content/everyday23.tsv",
    "blind24": "benchmarks/content/blind24.tsv",
    "everyday24": "benchmarks/content/everyday24.tsv",
    "blind25": "benchmarks/content/blind25.tsv",
    "everyday25": "benchmarks/content/everyday25.tsv",
    "blind26": "benchmarks/content/blind26.tsv",
    "everyday26": "benchmarks/content/everyday26.tsv",
    # scr35 (candidate F1): blind27/everyday27 (held out once by screen32) and blind28/everyday28 (measured once by the
    # lead in the thirty-fourth wave) read by the n-gram and MiniLM heads; the multilingual and Gemma heads stay as
    # shipped (their trainers' NOT_YET name them)
    "blind27": "benchmarks/content/blind27.tsv",
    "everyday27": "benchmarks/content/everyday27.tsv",
    "blind28": "benchmarks/content/blind28.tsv",
    "everyday28": "benchmarks/content/everyday28.tsv",
    # scr35 (candidate F2): hand-written look-alikes (scam warnings, safety advice, news) in 36 languages
    "look35": "scripts/screen_data/content_look35.tsv",
    # scr37 (candidate K1): blind31/everyday31 (measured once by the lead in the thirty-fifth wave) read by all four
    # heads (the multilingual and Gemma heads' NOT_YET unchanged: they still leave out what they left out)
    "blind31": "benchmarks/content/blind31.tsv",
    "everyday31": "benchmarks/content/everyday31.tsv",
    # ... and blind32/everyday32 (measured once by the lead in the thirty-sixth wave; held out once by scr37 first).
    # parts32/ is not named: blind32.tsv and everyday32.tsv are its parts joined unchanged (each row would be read twice)
    "blind32": "benchmarks/content/blind32.tsv",
    "everyday32": "benchmarks/content/everyday32.tsv",
    # scr38 (candidate N1): blind33/everyday33 (measured once by the lead in the thirty-seventh wave) read by all four
    # heads; parts33/ is not named (blind33.tsv and everyday33.tsv are its parts joined)
    "blind33": "benchmarks/content/blind33.tsv",
    "everyday33": "benchmarks/content/everyday33.tsv",
    # scr39 (candidate N): blind34/everyday34 (measured once by the lead in the thirty-eighth wave) read by all four
    # heads; parts34/ is not named (blind34.tsv and everyday34.tsv are its parts joined row for row)
    "blind34": "benchmarks/content/blind34.tsv",
    "everyday34": "benchmarks/content/everyday34.tsv",
}
# published answer sets read so far by the Gemma head alone (screen21: ``train_gemma_head`` passes ``newer=True`` to
# ``content_train.training_data``); the n-gram, MiniLM and multilingual heads read them at their next retrain (then
# they move into CONTENT_SOURCES)
NEWER_CONTENT_SOURCES: dict[str, str] = {
    # empty since scr35 (blind27/everyday27 moved into CONTENT_SOURCES with blind28/everyday28)
}
INJECTION_SOURCES: dict[str, str] = {
    "blind": "benchmarks/injection_data/blind.jsonl",
    "heldout": "benchmarks/injection_data/heldout.jsonl",
    "blind3": "benchmarks/injection_data/blind3.jsonl",
    "data4": "scripts/screen_data/injection_train4.jsonl",
    "blind4": "benchmarks/injection_data/blind4.jsonl",
    "data5": "scripts/screen_data/injection_train5.jsonl",
    "blind5": "benchmarks/injection_data/blind5.jsonl",
    "data6": "scripts/screen_data/injection_train6.jsonl",
    "data7": "scripts/screen_data/injection_train7i.jsonl",
    "blind6": "benchmarks/injection_data/blind6.jsonl",
    "blind7": "benchmarks/injection_data/blind7.jsonl",
    "data9": "scripts/screen_data/injection_train9i.jsonl",
    "blind8": "benchmarks/injection_data/blind8.jsonl",
    "blind9": "benchmarks/injection_data/blind9.jsonl",
    "data11": "scripts/screen_data/injection_train11i.jsonl",
    "blind10": "benchmarks/injection_data/blind10.jsonl",
    "blind11": "benchmarks/injection_data/blind11.jsonl",
    "blind13": "benchmarks/injection_data/blind13.jsonl",
    "blind14": "benchmarks/injection_data/blind14.jsonl",
    "blind15": "benchmarks/injection_data/blind15.jsonl",
    "blind16": "benchmarks/injection_data/blind16.jsonl",
    "blind17": "benchmarks/injection_data/blind17.jsonl",
    "blind18": "benchmarks/injection_data/blind18.jsonl",
    "blind19": "benchmarks/injection_data/blind19.jsonl",  # since inj22 (held out once first)
    "blind20": "benchmarks/injection_data/blind20.jsonl",  # since inj23 (held out once first)
    "blind21": "benchmarks/injection_data/blind21.jsonl",  # since inj24 (held out once first)
    "blind22": "benchmarks/injection_data/blind22.jsonl",  # since inj25 (held out once first)
    "blind23": "benchmarks/injection_data/blind23.jsonl",  # since inj26 (held out once first)
    "blind24": "benchmarks/injection_data/blind24.jsonl",  # since inj29 (held out once by inj27 first)
    "blind25": "benchmarks/injection_data/blind25.jsonl",  # since inj29 (held out once first)
    "blind26": "benchmarks/injection_data/blind26.jsonl",  # since inj30 (half B held out once first)
    # injr35 (candidate E, held out once by the lead on blind31 first): blind27, blind28, blind29, each measured once
    "blind27": "benchmarks/injection_data/blind27.jsonl",
    "blind28": "benchmarks/injection_data/blind28.jsonl",
    "blind29": "benchmarks/injection_data/blind29.jsonl",
    # injr36 (candidate H2, held out once by the lead on blind32 first): blind31, measured once in the thirty-fifth wave
    "blind31": "benchmarks/injection_data/blind31.jsonl",
    # injr37 (candidate J, held out once by the lead on blind33 first): blind32, measured once in the thirty-sixth wave
    "blind32": "benchmarks/injection_data/blind32.jsonl",
    # inj44 (candidate C, held out once by the lead on blind38 first): blind33, blind34, blind35, blind36, each measured
    # once by the lead (thirty-seventh to fortieth waves); blind37 stays out: inj44's dev set (RESULTS.md, inj44)
    "blind33": "benchmarks/injection_data/blind33.jsonl",
    "blind34": "benchmarks/injection_data/blind34.jsonl",
    "blind35": "benchmarks/injection_data/blind35.jsonl",
    "blind36": "benchmarks/injection_data/blind36.jsonl",
    # inj45 (candidate E, held out once by the lead on blind39 first): blind37, measured once in the forty-third wave;
    # blind38 stays out: inj45's dev set (RESULTS.md, inj45)
    "blind37": "benchmarks/injection_data/blind37.jsonl",
}

# inj45 (candidate F): the published everyday answer sets read as observations (label 0) by the three injection models:
# an agent's tool outputs hold ordinary answers like these (recipes, shell steps, travel plans, agent reports, in many
# languages), and the screen flagged other-language ones at 0.89 (everyday38 read as tool output: 21/216 on main, every
# one not English). everyday38 stays out: inj45's dev set (RESULTS.md, inj45); everyday39 is published since the forty-sixth wave (no head reads it yet).
OBSERVATION_NEGATIVES: dict[str, str] = {
    "answers_screen6": "scripts/screen_data/everyday6_answers.tsv",
    **{f"answers_everyday{n}": f"benchmarks/content/everyday{n}.tsv"
       for n in (6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33, 34, 35,
                 36)},
}


class SourceError(ValueError):
    """A training file that is missing or cannot be read; the message names the file and the fix."""


def _path(rel: str | Path, root: Path) -> Path:
    path = root / rel
    if _final(path):
        raise SourceError(f"{path} is the final blind set: it is never read for training or validation")
    if not path.is_file():
        fix = DATA4_FIX if "screen_data" in str(rel) else "restore it from git (`git checkout main -- <path>`)"
        raise SourceError(f"training file {path} is missing: {fix}, or leave it out with `--without NAME`")
    return path


def _final(path: Path) -> bool:
    """The held-out sets: any ``blind49*`` or ``blind50*`` file, any file in a ``parts49`` or ``parts50`` folder,
    and an ``everyday49*`` or ``everyday50*`` file outside ``scripts/screen_data``; and ``everyday61*`` (ux61's held-out everyday answers,
    issue 17 part 4: never a training source, so a later score on it stays a held-out one)."""
    name = path.name.lower()
    return (name.startswith(("blind49", "blind50")) or path.parent.name.lower() in ("parts49", "parts50")
            or (name.startswith(("everyday49", "everyday50", "everyday61")) and path.parent.name != "screen_data"))


def content_rows(rel: str | Path, root: Path = ROOT) -> list[tuple[str, set[str]]]:
    """(text, labels) pairs of an answer TSV file; an empty label set means benign."""
    from macrohard.safety.content_data import LABELS

    path = _path(rel, root)
    rows: list[tuple[str, set[str]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3 or not parts[2].strip():
            raise SourceError(f"{path}:{n}: expected `label<TAB>kind<TAB>text`, got {line[:60]!r}: fix the line "
                              "or remove it")
        label, _, text = parts
        if label != "benign" and label not in LABELS:
            raise SourceError(f"{path}:{n}: unknown label {label!r}: use `benign` or one of {', '.join(LABELS)}")
        rows.append((text.replace("\\n", "\n"), set() if label == "benign" else {label}))
    if not rows:
        raise SourceError(f"{path} has no answers: fill it or leave it out with `--without NAME`")
    return rows


def injection_rows(rel: str | Path, root: Path = ROOT) -> list[tuple[str, int]]:
    """(text, label) pairs of an injection JSONL file (label 1: carries an injection)."""
    path = _path(rel, root)
    rows: list[tuple[str, int]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            raise SourceError(f"{path}:{n}: not JSON ({e.msg}): fix the line or remove it") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or row.get("label") not in (0, 1):
            raise SourceError(f"{path}:{n}: each line needs a string `text` and a `label` of 0 or 1: fix the line "
                              "or remove it")
        rows.append((row["text"], int(row["label"])))
    if not rows:
        raise SourceError(f"{path} has no examples: fill it or leave it out with `--without NAME`")
    return rows


def content_sources(without: tuple[str, ...] = (), root: Path = ROOT, *,
                    newer: bool = False) -> dict[str, list[tuple[str, set[str]]]]:
    """Every answer source by name (in a fixed order), less those in ``without``; with ``newer``, the
    ``NEWER_CONTENT_SOURCES`` after them."""
    sources = {**CONTENT_SOURCES, **NEWER_CONTENT_SOURCES} if newer else CONTENT_SOURCES
    _known(without, sources)
    return {name: content_rows(rel, root) for name, rel in sources.items() if name not in without}


def injection_sources(without: tuple[str, ...] = (), root: Path = ROOT) -> dict[str, list[tuple[str, int]]]:
    """Every injection source by name (in a fixed order), less those in ``without``."""
    _known(without, {**INJECTION_SOURCES, **OBSERVATION_NEGATIVES})
    out = {name: injection_rows(rel, root) for name, rel in INJECTION_SOURCES.items() if name not in without}
    for name, rel in OBSERVATION_NEGATIVES.items():  # benign answers: label 0 whatever the file's label column says
        if name not in without:
            out[name] = [(text, 0) for text, labels in content_rows(rel, root) if not labels]
    return out


def _known(without: tuple[str, ...], sources: dict[str, str]) -> None:
    unknown = [w for w in without if w not in sources]
    if unknown:
        raise SourceError(f"unknown source {', '.join(unknown)}: the sources are {', '.join(sources)}")


def option_arg(argv: list[str], name: str) -> str | None:
    """The value of ``name VALUE`` or ``name=VALUE`` in a trainer's arguments, or None."""
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def without_arg(argv: list[str]) -> tuple[str, ...]:
    """The names given as ``--without a,b`` (or ``--without a --without b``)."""
    out: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--without" and i + 1 < len(argv):
            out += argv[i + 1].split(",")
        elif arg.startswith("--without="):
            out += arg.split("=", 1)[1].split(",")
    return tuple(x for x in out if x)
