"""Long lines neither hang the live view nor `runs show` (issue 10, finding 8).

A 1 MB command used to take minutes to render (rich's highlighter is quadratic in a line's length).
The display is cut, says how much and how to see it all; the store keeps every character. The run is its own
process; `runs show` runs in the test's (cli_in_process).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cli_in_process import mh

pytestmark = pytest.mark.timeout(120)  # the old code took > 300 s on the 1 MB command

MB = 1_000_000


def _cli(*args: str, env_home) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, timeout=100,
                          env={**__import__("os").environ, "MACROHARD_HOME": str(env_home), "COLUMNS": "120"})


@pytest.fixture
def long_run(tmp_path, _home):
    """A real run through the CLI whose command is 1 MB on one line and whose output is 1 MB too."""
    command = "echo " + "x" * MB + " | wc -c"
    script = tmp_path / "script.json"
    script.write_text(json.dumps([{"kind": "bash", "command": command},
                                  {"kind": "bash", "command": "yes y | head -c 1000000 | tr -d '\\n'"},
                                  {"kind": "finish", "answer": "a" * MB}]))
    proc = _cli("run", "long lines", "--model", f"scripted:{script}", "--no-sandbox", "-w", str(tmp_path / "ws"),
                env_home=_home)
    return proc, command


def test_the_live_view_cuts_a_1mb_command_and_says_how_to_see_it(long_run):
    proc, command = long_run
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(proc.stdout) < 40_000
    out = " ".join(proc.stdout.split())
    cut = len("$ " + command) - 400
    assert f"{cut:,} more characters; all of it: macrohard runs show " in out and " --full (or --json)]" in out
    assert f"{MB - 2_000:,} more characters" in out  # the answer, in the summary


def test_runs_show_cuts_and_full_and_json_keep_every_character(long_run, _home):
    proc, command = long_run
    run_id = proc.stdout.split("macrohard runs show ")[-1].split()[0]
    shown = mh("runs", "show", run_id, env={"COLUMNS": "120"})
    assert shown.returncode == 0 and len(shown.stdout) < 200_000
    assert "more characters; all of it: macrohard runs show" in " ".join(shown.stdout.split())
    as_json = json.loads(mh("runs", "show", run_id, "--json", env={"COLUMNS": "120"}).stdout)
    assert as_json["steps"][0]["action"]["command"] == command
    assert as_json["steps"][2]["action"]["answer"] == as_json["run"]["answer"] == "a" * MB
    output = as_json["steps"][1]["observation"]["output"]
    assert len(output) > 5_000 and output.startswith("yyy") and output not in shown.stdout
    full = mh("runs", "show", run_id, "--full", env={"COLUMNS": "120"})
    assert full.returncode == 0 and command in full.stdout and "a" * MB in full.stdout
    assert all(line in full.stdout for line in output.splitlines())


def test_clip_says_what_it_cut():
    from macrohard.cli.view import clip, clip_lines

    assert clip("abc", 5) == "abc"
    assert clip("x" * 10, 4, "see it") == "xxxx… [6 more characters; all of it: see it]"
    cut = clip_lines("a" * 50 + "\nshort\n" + "b" * 50, 1000, 10)
    assert cut.splitlines()[1] == "short" and cut.count("40 more characters") == 2
    cut = clip_lines("a" * 50 + "\n" + "b" * 50, 60, 100)
    assert cut.splitlines() == ["a" * 50, "b" * 9 + "… [41 more characters]"]
    cut = clip_lines("a\n" * 100, 10, 100)
    assert cut.splitlines()[-1] == "… [190 more characters]" and len(cut.splitlines()) == 6

