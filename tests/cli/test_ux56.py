"""The front door as a new user meets it (helper ux56). Each test was seen failing on the code before its fix
(RESULTS.md, ux56)."""

from __future__ import annotations

import io

from tests.cli_in_process import mh


def test_the_models_table_shows_each_detail_as_written(_home):
    """Before: rich read "pip install 'macrohard[qwen15]'" in the table's detail column as a style tag and printed
    "pip install 'macrohard'": the fix the row names did not install the model (the same words on stderr were right)."""
    import json

    rows = json.loads(mh("models", "--json").stdout)
    shown = mh("models", env={"COLUMNS": "400"})
    assert shown.returncode == 0, shown.stderr
    table = " ".join(shown.stdout.replace("│", " ").split())
    for row in rows:
        assert " ".join(row["detail"].split()) in table, (row["detail"], table)


def test_search_and_describe_tables_take_brackets_as_text(_home):
    """Before: `macrohard imagine search "[/x]"` died of rich's MarkupError (a traceback): the query, and any caption or
    text read off a screen, went into the console as markup."""
    done = mh("imagine", "search", "[/x]")
    assert done.returncode == 0, done.stderr
    assert "no described recording shows '[/x]'" in done.stdout, done.stdout
    bold = mh("imagine", "search", "[bold]zebra")
    assert "'[bold]zebra'" in bold.stdout, bold.stdout


def test_the_wait_spinner_turns(_home):
    """Before: `ModelWait` made a new spinner at each refresh, so the line "preparing the safety screens · 40 s" (and
    "waiting on the model") always showed the spinner's first frame: for minutes, a frozen line but for its seconds."""
    from rich.console import Console

    from macrohard.cli.view import ModelWait

    clock = [100.0]
    console = Console(file=io.StringIO(), width=80, get_time=lambda: clock[0], color_system=None)
    wait = ModelWait(console)
    wait._since = 0.0  # waiting (as start() marks it), without a live display on this test's console
    frames = set()
    for _ in range(10):
        with console.capture() as cap:
            console.print(wait)
        frames.add(cap.get().strip()[:1])
        clock[0] += 0.1
    assert len(frames) > 3, frames


def test_money_prints_names_as_written_and_a_refused_amount_opens_no_account(_home):
    """Before: `macrohard money limits` printed "paid today (UTC) from user❌ 0.00 USD" for the account user:x (rich
    read ":x:" as an emoji code), and `money fund user:y abc`, refused ("amount 'abc' is not a number"), had opened
    user:y all the same."""
    import json

    assert mh("money", "fund", "user:x", "5").returncode == 0
    limits = mh("money", "limits")
    assert limits.returncode == 0, limits.stderr
    assert "from user:x: 0.00 USD" in limits.stdout, limits.stdout
    refused = mh("money", "fund", "user:y", "abc")
    assert refused.returncode == 2 and "not a number" in refused.stderr, (refused.returncode, refused.stderr)
    accounts = [a["id"] for a in json.loads(mh("money", "accounts", "--json").stdout)]
    assert "user:y" not in accounts and "user:x" in accounts, accounts


def test_a_chat_divisions_placeholder_answer_is_a_format_error(_home, tmp_path):
    """Before: `macrohard run --division chat "how big is /etc/hosts in the sandbox?"` with the embedded model ended
    `succeeded` with the answer "...": the prompt's own example of finish, copied."""
    import json

    script = tmp_path / "chat.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "..."},
                                  {"kind": "finish", "answer": "I cannot see the sandbox from here."}]))
    done = mh("run", "--division", "chat", "how big is /etc/hosts in the sandbox?", "--model", f"scripted:{script}",
              "--json")
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert run["status"] == "succeeded" and run["answer"] == "I cannot see the sandbox from here.", run
    first = json.loads(mh("runs", "show", run["id"], "--json").stdout)["steps"][0]
    assert first["observation"]["error"] and "placeholder" in first["observation"]["output"], first


def test_a_terminal_shows_the_command_that_runs_with_its_seconds(_home, tmp_path):
    """Before: `macrohard run` at a terminal showed nothing while a step's command ran (a spinner with no words; a
    `pip install` or a test suite: minutes), the step only once it ended. Now the live line names it and counts."""
    import json
    import os
    import pty
    import re
    import select
    import subprocess
    import sys
    import time

    script = tmp_path / "sleep.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "sleep 4"}, {"kind": "finish", "answer": "slept"}]))
    master, slave = pty.openpty()
    env = {**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "sleep a while", "--model", f"scripted:{script}"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    out, deadline = b"", time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(master)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode(errors="replace")).replace("\r", "\n")
    assert proc.returncode == 0, text
    live = "step 1: bash `sleep 4` · "
    assert live in text, text
    assert text.index(live) < text.index("1 ✓ $ sleep 4"), text


def test_no_evaluations_yet_says_how_to_run_one(_home):
    """Before: `macrohard eval list --runs` in a new HOME printed "0 recent evaluations" over an empty table."""
    done = mh("eval", "list", "--runs")
    assert done.returncode == 0, done.stderr
    assert "no evaluations yet" in done.stdout and "macrohard eval run tiny" in done.stdout, done.stdout
    assert mh("eval", "list", "--runs", "--json").stdout.strip() == "[]"


def test_the_answer_screens_fix_runs_as_written():
    """Before: the warning said "run `./install.sh`", but install.sh is not executable in the repository (mode 644):
    "Permission denied". The README says `bash install.sh`."""
    import os
    from pathlib import Path

    from macrohard.safety.content_embed import FIX

    script = Path(__file__).resolve().parents[2] / "install.sh"
    assert "bash install.sh" in FIX or ("./install.sh" in FIX and os.access(script, os.X_OK)), FIX


def test_an_interrupted_builtin_evaluation_names_its_suite_by_name(_home):
    """Before: Ctrl-C of `macrohard eval tiny` said "run the rest with `macrohard eval run
    /…/src/macrohard/eval/suites/tiny.yaml --resume eval-…`": the package's own path, not `tiny`."""
    import json
    import os
    import re
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", "tiny", "--model", "scripted",
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "400"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if any(r["status"] == "succeeded" for r in json.loads(mh("runs", "list", "--json").stdout or "[]")):
            break
        time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=120)
    said = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out).split())
    assert proc.returncode == 130, (proc.returncode, said[-1500:])
    assert re.search(r"run the rest with `macrohard eval run tiny --resume eval-[\w-]+`", said), said[-1500:]
