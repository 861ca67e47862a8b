"""The front door as a new user meets it (helper ux49): `--help` texts, `runs list`, `chat`'s slash commands.

Each test was seen failing on the code before its fix (RESULTS.md, ux49)."""

from __future__ import annotations

import json
import re
import time
from itertools import takewhile
from pathlib import Path

import pytest
from tests.cli_in_process import mh

from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Run, RunStatus, Task


def _runs(home: Path, *statuses: RunStatus) -> list[Run]:
    """Finished runs written straight into the store (no agent needed to list them), oldest first."""
    store = SQLiteStore(home / "runs.db")
    made = []
    for n, status in enumerate(statuses):
        run = Run(task=Task(text=f"task number {n}"), model="scripted:x", status=status,
                  created_at=time.time() - 100 + n, finished_at=time.time() - 99 + n)
        store.create_run(run)
        made.append(run)
    store.close()
    return made


# -- runs list ----------------------------------------------------------------------------------------------------------

def test_runs_list_status_that_matches_nothing_is_not_no_runs_yet(_home):
    """Before: `runs list --status interrupted` with three other runs said "no runs yet: try macrohard run …", as
    if the store were empty."""
    _runs(_home, RunStatus.succeeded, RunStatus.failed, RunStatus.gave_up)
    out = mh("runs", "list", "--status", "interrupted")
    assert out.returncode == 0, out.stderr
    assert "no runs yet" not in out.stdout
    assert "interrupted" in out.stdout and "runs list" in out.stdout  # says what matched nothing, and the way back


def test_runs_list_unknown_status_names_the_statuses(_home):
    """Before: `--status gave-up` (or any typo) silently listed nothing, saying "no runs yet"."""
    _runs(_home, RunStatus.gave_up)
    out = mh("runs", "list", "--status", "gave-up")
    assert out.returncode == 2, out.stdout
    assert "gave_up" in out.stderr and "succeeded" in out.stderr, out.stderr
    assert "error:" in out.stderr


def test_runs_list_limit_below_one_is_refused(_home):
    """Before: `-n -3` listed every run (SQLite's LIMIT -3 is no limit) and `-n 0` said "no runs yet"."""
    _runs(_home, *[RunStatus.succeeded] * 3)
    for n in ("0", "-3"):
        out = mh("runs", "list", "-n", n)
        assert out.returncode == 2, (n, out.stdout)
        assert "--limit" in out.stderr or "-n" in out.stderr


def test_runs_list_shows_failed_and_stopped_runs_as_such(_home):
    made = _runs(_home, RunStatus.failed, RunStatus.interrupted, RunStatus.succeeded)
    out = mh("runs", "list")
    assert out.returncode == 0
    for run in made:
        line = next(line for line in out.stdout.splitlines() if run.id in line)
        assert run.status.value in line
    listed = json.loads(mh("runs", "list", "--json").stdout)
    assert [r["status"] for r in listed] == ["succeeded", "interrupted", "failed"]


def test_runs_show_of_a_run_with_no_steps_says_so(_home):
    """Before: a run that failed before its first step (a model server down) showed two rules with nothing between."""
    (run,) = _runs(_home, RunStatus.failed)
    out = mh("runs", "show", run.id)
    assert out.returncode == 0, out.stderr
    assert "no steps" in out.stdout


# -- --help -------------------------------------------------------------------------------------------------------------

def _help(*words: str, columns: int = 200) -> str:
    out = mh(*words, "--help", env={"COLUMNS": str(columns)})
    assert out.returncode == 0, out.stderr
    return out.stdout


def _commands() -> list[tuple[str, ...]]:
    from macrohard.cli import COMMANDS, load_command

    found: list[tuple[str, ...]] = []
    for name in COMMANDS:
        cmd = load_command(name)
        found.append((name,))
        for sub in getattr(cmd, "commands", {}):
            found.append((name, sub))
    return found


def test_help_texts_keep_their_sentences_whole():
    """A docstring's hard line breaks came out as breaks in the middle of a sentence (`code --help`: "`macrohard
    runs apply ID`" then a new line "then commits the change ..."; `audit verify --help`: "edited," / "removed")."""
    broken = []
    for words in _commands():
        from macrohard.cli import load_command

        cmd = load_command(words[0])
        for w in words[1:]:
            cmd = cmd.commands[w]
        if not cmd.help:
            continue
        # so wide that nothing wraps: each paragraph of the docstring must come out on one line
        lines = [" ".join(line.replace("│", " ").split()) for line in _help(*words, columns=3000).splitlines()]
        for para in cmd.help.split("\n\n"):
            want = " ".join(para.split()).replace("\b", "").strip()
            if want and not any(want in line for line in lines):
                broken.append((words, want[:80]))
        for sub_name, sub in getattr(cmd, "commands", {}).items():  # a group's listing: each line whole too
            first = " ".join((sub.help or "").split("\n\n")[0].split())
            if first and not any(first in line for line in lines):
                broken.append((*words, sub_name, "listed"))
    assert not broken, broken


def test_top_level_help_names_an_example():
    """A new user's first screen: before, `macrohard --help` listed the commands with no example to start from."""
    text = _help()
    assert re.search(r"macrohard run \"", text), text


# -- chat's slash commands ------------------------------------------------------------------------------------------

def _chat(lines: str, home: Path) -> tuple[int, str, str]:
    from click.testing import CliRunner
    from tests.cli_in_process import _ConsoleScript

    res = CliRunner().invoke(_ConsoleScript(), ["chat", "--model", f"scripted:{home / 'none.json'}"],  # type: ignore[arg-type]
                             input=lines, env={"COLUMNS": "200"})
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def _no_model(_home):
    _home.mkdir(parents=True, exist_ok=True)
    (_home / "none.json").write_text("[]")  # a model that has nothing to say: any message sent to it shows


def test_chat_unknown_slash_command_is_not_sent_to_the_model(_home, _no_model):
    """Before: `/foo` and `/help` were sent to the model as messages (the embedded model answered "I'm sorry for any
    confusion")."""
    code, out, err = _chat("/foo\n/help\n", _home)
    assert code == 0, err
    assert "unknown command /foo" in err
    assert "/exit" in out  # /help lists the commands
    from macrohard.store.conversations import LOCAL_OWNER, ConversationStore

    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list(LOCAL_OWNER, limit=5) or [None]
    assert conv is None or chats.messages(conv.id) == []


def test_chat_exit_ends_it_and_a_path_is_still_a_message(_home, _no_model):
    code, out, err = _chat("/etc/hosts is how big?\n/exit\nnever read\n", _home)
    assert code == 0, err
    from macrohard.store.conversations import LOCAL_OWNER, ConversationStore

    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list(LOCAL_OWNER, limit=5)
    said = [m.text for m in chats.messages(conv.id) if m.role == "user"]
    assert said == ["/etc/hosts is how big?"]
    assert "continue it: macrohard chat --continue" in out


# -- eval list ----------------------------------------------------------------------------------------------------------

def test_eval_list_names_a_command_that_exists():
    """Before: its title said `macrohard eval NAME --model M`, which is "No such command"; it is `eval run NAME`."""
    out = mh("eval", "list")
    assert out.returncode == 0, out.stderr
    shown = re.findall(r"`(macrohard [^`]+)`", out.stdout)
    assert shown, out.stdout
    for line in shown:
        words = line.split()[1:]
        words = [w for w in words if w.isupper() is False]  # NAME, M: placeholders
        assert mh(*words[:2], "--help").returncode == 0, line


def test_eval_list_descriptions_end_at_a_word():
    """Before: each description was cut at 100 characters, mid-word ("served on 127.0.0.1 for eac")."""
    from macrohard.eval.suite import builtin_names, load_suite

    out = mh("eval", "list", env={"COLUMNS": "400"}).stdout
    for name in builtin_names():
        desc = " ".join(load_suite(name).description.split())
        lines = out.splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith(f"│ {name} "))
        row = [lines[at], *takewhile(lambda line: line.startswith("│  "), lines[at + 1:])]  # with its folded lines
        shown = " ".join(line.split("│")[-2].strip() for line in row).strip()
        if shown == desc:
            continue
        assert shown.endswith("…"), row
        kept = shown[:-1].rstrip()
        assert desc.startswith(kept) and desc[len(kept)] in " ,;:.(", row


# -- the examples each --help ends with ---------------------------------------------------------------------------------

def _example_args(line: str) -> list[str]:
    import shlex

    words = shlex.split(line.split("|")[-1])
    assert words[0] == "macrohard", line
    return words[1:]


def test_every_command_help_ends_with_examples():
    """Before: no command's --help named an example."""
    from macrohard.cli import COMMANDS
    from macrohard.cli.examples import EXAMPLES

    assert set(EXAMPLES) == set(COMMANDS)
    for name, lines in EXAMPLES.items():
        text = _help(name)
        assert "Examples:" in text, name
        for line in lines:
            assert line.split("|")[-1].strip() in text or line in text, (name, line)


def test_every_example_names_options_that_exist():
    from macrohard.cli.examples import EXAMPLES

    for name, lines in EXAMPLES.items():
        for line in lines:
            args = _example_args(line)
            assert args[0] == name, line
            out = mh(*args, "--help")  # the options are parsed (an unknown one is an error) before --help answers
            assert out.returncode == 0, (line, out.stderr[-500:])


def test_the_examples_that_need_no_model_run(_home):
    """The examples with no placeholder that need neither a model nor a run are run as they are."""
    from macrohard.cli.examples import EXAMPLES

    ran = []
    for name in ("divisions", "runs", "policy", "eval", "money", "chats", "serve"):
        for line in EXAMPLES[name]:
            args = _example_args(line)
            if any(w.isupper() and len(w) > 1 for w in args) or args[:2] in (["eval", "run"], ["policy", "check"]) \
                    or args == ["serve"]:
                continue
            out = mh(*args)
            allowed = (0, 1) if args[:2] == ["policy", "try"] else (0,)  # a denied command exits 1
            assert out.returncode in allowed, (line, out.stdout[-300:], out.stderr[-800:])
            ran.append(line)
    assert len(ran) >= 8, ran


def test_a_division_typed_as_a_command_says_how_to_run_it():
    """The README lists the divisions (chat, operator, coding, imagine); before, `macrohard operator "..."` said only
    "No such command 'operator'"."""
    out = mh("operator", "open example.org")
    assert out.returncode == 2
    flat = " ".join(out.stderr.replace("│", " ").split())
    assert "macrohard run --division operator" in flat, flat
    assert "No such command 'nosuch'" in " ".join(mh("nosuch").stderr.replace("│", " ").split())
