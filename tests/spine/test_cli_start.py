"""`macrohard --help` starts without importing the commands: the lazy table in ``macrohard.cli`` (perf20).

``macrohard --help`` took 2.2-2.7 s because ``import macrohard.cli`` imported every command's module, and with them
the agent, the guard's rules and screens, the models and the web app. The table names each command's module and the
help line the listing shows; these tests hold the table to the commands it stands for.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest
from tests.cli_in_process import mh

from macrohard.cli import COMMANDS, app, load_command

# what `macrohard --help` may import of ours: the package's ground floor, the CLI's table and its consoles
LISTING = {"macrohard", "macrohard.types", "macrohard.errors", "macrohard.cli", "macrohard.cli.common",
           "macrohard.store", "macrohard.store.sqlite", "macrohard.store.connections", "macrohard.store.migrations",
           "macrohard.sqlitedisk"}  # the store's connections: a full disk as the user's error (rel21; sqlite3 + errors)


def _first_paragraph(help_text: str | None) -> str:
    return " ".join(inspect.cleandoc(help_text or "").partition("\f")[0].split("\n\n")[0].split())


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_tables_help_line_is_the_commands_own(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    assert _first_paragraph(command.help) == COMMANDS[name].help


def test_help_lists_every_command_and_imports_none_of_them() -> None:
    code = ("import sys, json\nfrom macrohard.cli import main\nsys.argv = ['macrohard', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('macrohard'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
                         env={**os.environ, "COLUMNS": "200"})
    *listing, modules = out.stdout.strip().splitlines()
    assert set(json.loads(modules)) <= LISTING, sorted(set(json.loads(modules)) - LISTING)
    text = "\n".join(listing)
    for name, entry in COMMANDS.items():
        assert f" {name} " in text and entry.help.split()[0] in text


def test_a_command_runs_and_a_typo_is_answered_from_the_table() -> None:
    out = mh("policy", "show", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["rules"]
    assert "Did you mean 'run'?" in mh("rnu").stderr
    assert mh("runs", "--help").stdout.count("replay") and "highlights" in mh("runs", "--help").stdout
    assert app.registered_commands == [] and app.registered_groups == []  # every command comes from the table


def test_help_shows_a_value_for_options_that_take_one_and_none_for_flags() -> None:
    """typer 0.29 prints ``--json <bool>``, as if ``--json`` took a value; a flag shows none, ``--max-steps`` its
    ``<int>``."""
    rows = {line.split()[1]: line for line in mh("run", "--help").stdout.splitlines()
            if line.strip("│ ").startswith("--")}
    assert "<bool>" not in "".join(rows.values()), rows
    assert "<int>" in rows["--max-steps"] and "<str>" in rows["--network"]
    assert rows["--json"].split()[2] != "<bool>" and "JSON" in rows["--json"]


def test_models_reads_the_model_table_without_loading_a_model_or_the_guard() -> None:
    code = ("import sys, json\nfrom macrohard.cli import main\nsys.argv = ['macrohard', 'models', '--json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('macrohard', 'numpy', 'llama_cpp'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                         env={**os.environ, "COLUMNS": "200"})
    modules = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert not modules & {"numpy", "llama_cpp", "macrohard.models.local", "macrohard.safety.guard", "macrohard.agent"}
    rows = json.loads(out.stdout[:out.stdout.rindex("\n[")])
    assert {"local", "local:qwen-1.5b", "scripted:FILE"} <= {r["spec"] for r in rows}


# start52: commands that read the store or a file start without the agent, the guard, the chat engine or the models,
# and without building a validator for the action models (pydantic's ``defer_build``: built at first use); so do
# `run --help` and a run refused for what it was given (here: no task)
CHEAP_HEAVY = {"macrohard.agent", "macrohard.runner", "macrohard.safety.guard", "macrohard.chat", "macrohard.models",
               "numpy", "onnxruntime", "httpx", "pygments"}


@pytest.mark.parametrize("args", [["runs", "list", "--json"], ["chats", "list", "--json"], ["policy", "check", "FILE"],
                                  ["--help"], ["run", "--help"], ["run", "--network", "none"]],
                         ids=["runs-list", "chats-list", "policy-check", "help", "run-help", "run-refused"])
def test_cheap_commands_import_none_of_the_heavy_modules(args: list[str], tmp_path) -> None:
    from macrohard.safety.policy import policy_path

    args = [str(policy_path()) if a == "FILE" else a for a in args]
    code = ("import sys, json\nfrom macrohard.cli import main\nsys.argv = ['macrohard', *json.loads(sys.argv[1])]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import macrohard.types as t\n"
            "built = sorted(n for n in dir(t) if n.endswith('Action') and getattr(getattr(t, n), "
            "'__pydantic_complete__', False))\n"
            "print(json.dumps([sorted(sys.modules), built]))")
    env = {**os.environ, "COLUMNS": "200", "MACROHARD_HOME": str(tmp_path / "home")}
    out = subprocess.run([sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, timeout=120,
                         check=True, env=env)
    modules, built = json.loads(out.stdout.strip().splitlines()[-1])
    heavy = CHEAP_HEAVY - {"pygments"} if "--help" in args else CHEAP_HEAVY  # typer's help renderer (rich_utils) has it
    assert not {m for m in modules if m.split(".")[0] in heavy or m in heavy or m.startswith("macrohard.chat.")}, args
    assert built == [], built  # no action model's validator (nor the Action union's) built at import


def test_models_built_at_first_use_validate_alike_from_many_threads_at_once() -> None:
    """The action models' validators are built at first use (start52): threads that meet them at the same moment all
    get the model's own validator (before pydantic's rebuild lock, one could get its parent's, pydantic#11849)."""
    code = ("import json, threading\nfrom macrohard.types import Run, Task, parse_action\n"
            "items = [{'kind': 'bash', 'command': 'ls'}, {'kind': 'write_file', 'path': 'a', 'content': 'b'},\n"
            "         {'kind': 'finish', 'answer': 'ok'}, {'kind': 'browser_goto', 'url': 'https://example.com'}] * 4\n"
            "barrier, out = threading.Barrier(len(items)), []\n"
            "def go(item):\n    barrier.wait()\n    a = parse_action(item)\n"
            "    out.append([a.kind == item['kind'], a.model_dump(include=set(item)) == item,\n"
            "                Run(task=Task(text='t'), model='m').task.text == 't'])\n"
            "threads = [threading.Thread(target=go, args=(i,)) for i in items]\n"
            "[t.start() for t in threads]; [t.join() for t in threads]\nprint(json.dumps(out))")
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
        rows = json.loads(out.stdout.strip().splitlines()[-1])
        assert len(rows) == 16 and all(all(r) for r in rows), rows
