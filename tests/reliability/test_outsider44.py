"""rel44's holes, found as an outsider through `macrohard …` as a user would run it, each kept as a test that failed
before its fix. The table of before and after is in benchmarks/RESULTS.md, rel44's section. The two holes whose fix is in
``src/macrohard/safety/`` (a policy file that is not UTF-8, a cut-short screens' cache file) were fixed by the lead."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
LATIN1 = "name: café\ntasks:\n  - id: t1\n    text: say hi\n".encode("latin-1")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("name", "data", "said"), [
    ("latin1", LATIN1, "is not UTF-8 text (byte 0xe9 at offset 9, line 1); save it as UTF-8"),
    ("utf16", "name: x\ntasks: []\n".encode("utf-16"), "is UTF-16 text; save it as UTF-8 (`iconv -f UTF-16"),
    ("binary", b"name: x\x00\x01\x02", "is binary (it holds NUL bytes), not YAML"),
])
def test_a_suite_file_that_is_not_utf8_is_named_with_the_fix(name: str, data: bytes, said: str,
                                                              tmp_path: Path) -> None:
    """`macrohard eval run suite.yaml` with a suite saved in Latin-1 (an editor's default on some systems), UTF-16
    (Windows' Notepad) or a binary file given by mistake: a ``UnicodeDecodeError`` traceback, exit 1. Task files had
    been told since rel39; suites, divisions and video scripts read their text with ``Path.read_text()``."""
    from cli_in_process import mh

    suite = tmp_path / f"{name}.yaml"
    suite.write_bytes(data)
    done = mh("eval", "run", str(suite), "--model", "scripted")
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert f"suite {suite} {said}" in printed and "it needs `name:` and `tasks:`" in printed, printed


def test_a_division_file_that_is_not_utf8_is_named_not_a_traceback(tmp_path: Path) -> None:
    """A user's division in $MACROHARD_HOME/divisions saved in Latin-1: every command that loads the divisions
    (`macrohard divisions`, a chat) died with a ``UnicodeDecodeError`` traceback, no file named."""
    from cli_in_process import mh

    folder = Path(os.environ["MACROHARD_HOME"]) / "divisions"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_bytes("name: café\nsystem_prompt: you help\n".encode("latin-1"))
    done = mh("divisions")
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert f"division file {folder / 'mine.yaml'} is not UTF-8 text (byte 0xe9 at offset 9, line 1)" in printed
    assert "iconv -f LATIN1 -t UTF-8" in printed, printed


def test_a_named_pipe_among_the_division_files_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe called `x.yaml` in the divisions folder (a `mkfifo` for a generated division, its writer not
    started): `macrohard divisions` waited on it without end (``read_text`` opens a pipe blocking)."""
    folder = Path(os.environ["MACROHARD_HOME"]) / "divisions"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "x.yaml")
    try:
        done = subprocess.run([sys.executable, "-m", "macrohard", "divisions"], capture_output=True, text=True,
                              timeout=60, env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"})
    except subprocess.TimeoutExpired:
        pytest.fail("`macrohard divisions` waited on the pipe for 60 s")  # before
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])
    assert f"division file {folder / 'x.yaml'} is not a regular file (a pipe or a device)" in printed, printed


def test_a_video_script_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    from cli_in_process import mh

    script = tmp_path / "v.yaml"
    script.write_bytes("scenes:\n  - text: café\n".encode("latin-1"))
    done = mh("imagine", "make", str(script))
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode != 0 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert f"video script {script} is not UTF-8 text (byte 0xe9" in printed, printed


def test_the_honest_twins_still_load(tmp_path: Path) -> None:
    """The same files saved as UTF-8 (with a BOM too, as some editors write it) load as before; task files keep
    their own words."""
    from cli_in_process import mh

    suite = tmp_path / "ok.yaml"
    suite.write_text("name: ok\ntasks:\n  - id: t1\n    text: café\n    script:\n      - kind: finish\n"
                     "        answer: done\n")
    done = mh("eval", "run", str(suite), "--model", "scripted", "--json")
    assert done.returncode == 0, (done.stdout, done.stderr[-1500:])
    task = tmp_path / "t.yaml"
    task.write_bytes("text: café\n".encode("latin-1"))
    printed = _flat(mh("run", "-f", str(task), "--model", "scripted:/dev/null", "--no-sandbox").stderr)
    assert f"task file {task} is not UTF-8 text (byte 0xe9 at offset 9" in printed, printed
    assert "with at least `text: ...`" in printed, printed


def test_a_policy_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    from cli_in_process import mh

    policy = tmp_path / "policy.yaml"
    policy.write_bytes("rules: []\n# café\n".encode("latin-1"))
    script = tmp_path / "s.json"
    script.write_text('[{"kind": "finish", "answer": "done"}]')
    done = mh("run", "hi", "--policy", str(policy), "--model", f"scripted:{script}", "--no-sandbox")
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])
    assert str(policy) in printed and "UTF-8" in printed, printed


def _cache_with_a_damaged_file(tmp_path: Path, pattern: str) -> Path | None:
    """A MACROHARD_CACHE whose files link to this machine's built cache, but the ones matching ``pattern`` cut short
    (a first start killed while it was written elsewhere, a copy cut off, a full disk)."""
    real = Path.home() / ".cache" / "macrohard"
    damaged = sorted(real.glob(pattern))
    if not damaged or not list(real.glob("*.onnx")) or not list(real.glob("minilm-static-*.npy")):
        return None
    cache = tmp_path / "cache"
    cache.mkdir()
    for f in real.iterdir():
        if f.is_file() and f.suffix in (".npy", ".gguf", ".json", ".onnx") and f not in damaged:
            (cache / f.name).symlink_to(f)
    for f in damaged:
        with open(f, "rb") as fh:
            (cache / f.name).write_bytes(fh.read(5000))
    return cache


def test_a_cut_short_static_table_is_discarded_before_the_run_and_built_again(tmp_path: Path, monkeypatch) -> None:
    """The static token table in ~/.cache/macrohard cut short: every `macrohard run` died after its first step with
    ``ValueError: Failed to read all data for array … (file seems not fully written?)``, the run `crashed`, and so
    every run after it: the file was never rebuilt nor named. Now ``prepared()`` (the run's check before its clock
    starts) finds it short, names it and removes it, so the preparation builds it again; ``static()`` does the same
    if it meets one. The build itself (minutes of CPU) is replaced by a copy of this machine's healthy table."""
    from macrohard.safety import embed

    cache = _cache_with_a_damaged_file(tmp_path, "minilm-static-*.npy")
    if cache is None:
        pytest.skip("no built screens' cache on this machine to copy")
    monkeypatch.setenv("MACROHARD_CACHE", str(cache))
    table = embed._table_path(embed.model_dir())
    healthy = Path.home() / ".cache" / "macrohard" / table.name
    assert table.stat().st_size == 5000
    with pytest.raises(ValueError):  # what every run died of
        __import__("numpy").load(table, allow_pickle=False)
    assert not embed.prepared()  # before: True (it looked only at is_file), and the run crashed later
    assert not table.exists()
    table.write_bytes(healthy.read_bytes()[:5000])  # met by static() itself (a file cut short after the check)
    built = []
    embed.static.cache_clear()  # loaded by an earlier test in this process: read the damaged file here
    monkeypatch.setattr(embed, "_build_in_child", lambda out: (built.append(out), out.write_bytes(healthy.read_bytes())))
    try:
        assert embed.static().table.shape[0] > 1000 and len(built) == 1
        assert embed.prepared()
    finally:
        embed.static.cache_clear()  # the next user in this process loads the healthy cache again


def test_a_cut_short_onnx_graph_is_discarded_and_built_again(tmp_path: Path, monkeypatch, caplog) -> None:
    """The answer screen's int8 ONNX graph cut short: ``InvalidProtobuf: … Protobuf parsing failed`` on every run.
    Now the encoder's load names the damaged file, removes it and builds it again (the build replaced by a copy of
    this machine's healthy graph: minutes of CPU otherwise)."""
    from macrohard.safety import content_embed, embed_onnx

    cache = _cache_with_a_damaged_file(tmp_path, "*.onnx")
    if cache is None:
        pytest.skip("no built screens' cache on this machine to copy")
    monkeypatch.setenv("MACROHARD_CACHE", str(cache))
    graph = embed_onnx.graph_path(__import__("macrohard.safety.embed", fromlist=["x"]).model_dir())
    healthy = Path.home() / ".cache" / "macrohard" / graph.name

    def rebuild(_model):
        graph.write_bytes(healthy.read_bytes())
        return graph

    monkeypatch.setattr(embed_onnx, "build", rebuild)
    content_embed._encoder.cache_clear()
    try:
        with caplog.at_level("WARNING"):
            enc = content_embed._encoder()
        assert enc is not None and graph.stat().st_size == healthy.stat().st_size
        assert f"{graph} is damaged" in caplog.text
    finally:
        content_embed._encoder.cache_clear()


def test_an_eval_with_many_workers_still_prints_its_report(tmp_path: Path) -> None:
    """`macrohard eval run tiny --model scripted --workers 12`: exit 0 and nothing printed at all, not the progress,
    not the report (4 runs of 5 at 12, 16, 20, 1000 workers), llama.cpp's "load: control-looking token" line
    leaking instead. Each worker thread's first screen loaded the Gemma tokenizer, each load swapping fds 1 and 2
    for /dev/null and back, interleaved: the process's stdout and stderr stayed on /dev/null (an error would have
    been as silent). Now the tokenizer loads before a run's first step under one lock (``stdfds.SWAP``), which the
    embedded models' loads hold too."""
    done = subprocess.run([sys.executable, "-m", "macrohard", "eval", "run", "tiny", "--model", "scripted",
                           "--workers", "16"], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"})
    assert done.returncode == 0, (done.stdout[-1000:], done.stderr[-2000:])
    assert "HTML report:" in done.stdout, (len(done.stdout), done.stderr[-1000:])  # before: 0 characters on stdout
    assert "control-looking token" not in done.stderr, done.stderr[-1000:]


def test_threads_loading_the_tokenizer_and_a_model_leave_stdout_and_stderr_where_they_were(tmp_path: Path) -> None:
    """The mechanism, without the eval: eight threads start runs at once (``runner.screens_ready``, then the
    injection screen's first use of the Gemma tokenizer); fds 1 and 2 are where they were afterwards (before:
    /dev/null, both or one, 3 times of 3)."""
    probe = """
import os, threading
from macrohard.runner import screens_ready
from macrohard.safety import gemma_table
before = os.readlink("/proc/self/fd/1"), os.readlink("/proc/self/fd/2")
gate = threading.Barrier(8)
def go():
    gate.wait()
    screens_ready()
    gemma_table.tokenizer()
threads = [threading.Thread(target=go) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
after = os.readlink("/proc/self/fd/1"), os.readlink("/proc/self/fd/2")
print("SAME" if before == after else f"MOVED {before} -> {after}")
"""
    out, err = tmp_path / "out", tmp_path / "err"
    with open(out, "w") as o, open(err, "w") as e:
        subprocess.run([sys.executable, "-c", probe], stdout=o, stderr=e, timeout=300,
                       env={**os.environ, "PYTHONPATH": str(SRC)})
    assert out.read_text().strip() == "SAME", (out.read_text(), err.read_text()[-1000:])


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_an_interrupted_eval_says_what_is_kept_and_the_resume_line(sig: str, tmp_path: Path) -> None:
    """Ctrl-C on `macrohard eval run tiny`: exit 130 with the progress bar as the last word: not that the results so
    far are kept, not the evaluation's id, not the `--resume` line (only `eval show` printed it, for a user who knew
    to look). SIGTERM (a `timeout`, a CI job cancelled) killed it without a word (exit -15). Now both are said, and
    the line it prints finishes the evaluation."""
    import shlex
    import signal
    import time

    from cli_in_process import mh

    # twelve tasks, one worker: the signal comes after the first result is recorded (a two-second step), long before
    # the last (a fixed sleep before it let the tiny suite finish first on a quiet machine: exit 0); the eleven after
    # it step one second each, eleven seconds and more in one worker (two each before suite52: the resume's
    # runs only have to succeed)
    suite = tmp_path / "slow.yaml"
    suite.write_text("name: slow\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: wait then say done\n    script:\n      - kind: bash\n"
        f"        command: sleep {2 if n == 0 else 1}\n      - kind: finish\n        answer: done\n" for n in range(12)))
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", str(suite), "--model", "scripted",
                             "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if any(r["status"] == "succeeded" for r in json.loads(mh("runs", "list", "--json").stdout or "[]")):
            break
        time.sleep(0.3)
    proc.send_signal(getattr(signal, sig))
    out, _ = proc.communicate(timeout=120)
    said = _flat(out)
    assert proc.returncode == 130 and "Traceback" not in said, (proc.returncode, said[-1500:])  # before: 130 / -15
    assert "results recorded are kept in evaluation eval-" in said, said[-1500:]  # before: the bar alone
    line = said.split("run the rest with `")[1].split("`")[0]
    assert "--resume eval-" in line, said[-1500:]
    # the printed line as given, in four workers (the user's own choice, as for any `eval run`; which results it runs
    # is the line's): its eleven or so tasks one after another were half this file's time (speed47)
    done = subprocess.run([sys.executable, "-m", "macrohard", *shlex.split(line)[1:], "--workers", "4", "--json"],
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, (done.stdout[-1500:], done.stderr[-1500:])
    summary = json.loads(done.stdout)
    assert summary["state"] == "complete" and summary["overall"]["passed"] == 12, {k: summary[k] for k in ("state", "overall")}


def _one_task_suite(tmp_path: Path) -> Path:
    suite = tmp_path / "one.yaml"
    suite.write_text("name: one\ntasks:\n  - id: t1\n    text: say done\n    script:\n      - kind: finish\n"
                     "        answer: done\n")
    return suite


def test_an_html_report_path_that_cannot_be_written_is_said_after_the_summary(tmp_path: Path) -> None:
    """`macrohard eval run s.yaml --html /proc/r.html` (a path that cannot be written: a read-only or full disk, a
    folder that is gone): a ``FileNotFoundError`` traceback after the whole evaluation, its summary never printed.
    Now the summary, then the error with the evaluation's id and the line that writes the report again; exit 2."""
    from cli_in_process import mh

    done = mh("eval", "run", str(_one_task_suite(tmp_path)), "--model", "scripted", "--html", "/proc/r.html")
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert "100%" in done.stdout, printed[-1500:]  # the summary
    assert "the HTML report could not be written to /proc/r.html" in printed and "--html FILE` writes" in printed
    eval_id = printed.split("the evaluation ")[1].split(" ")[0]
    again = tmp_path / "r.html"
    assert mh("eval", "show", eval_id, "--html", str(again)).returncode == 0 and again.stat().st_size > 0


def test_an_html_report_path_that_is_a_directory_is_refused_before_the_evaluation(tmp_path: Path) -> None:
    """`--html DIR`: an ``IsADirectoryError`` traceback after the whole evaluation; now refused before it runs."""
    from cli_in_process import mh

    done = mh("eval", "run", str(_one_task_suite(tmp_path)), "--model", "scripted", "--html", str(tmp_path))
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert f"--html {tmp_path} is a directory: give the report's file name" in printed, printed
    assert "100%" not in printed, printed  # nothing was run
    ok = tmp_path / "r.html"  # the honest twin
    assert mh("eval", "run", str(_one_task_suite(tmp_path)), "--model", "scripted", "--html", str(ok)).returncode == 0
    assert ok.stat().st_size > 0


@pytest.mark.parametrize("where", ["gone", "directory"])
def test_say_to_a_file_that_cannot_be_written_is_said(where: str, tmp_path: Path) -> None:
    """`macrohard say hi --out /proc/x.wav` (a folder that cannot take a file): an ``AttributeError: 'Wave_write'
    object has no attribute '_file'`` traceback (``wave.open`` of a name hides the OSError); `--out DIR`: an
    ``IsADirectoryError`` traceback at the rename. Now each is named, exit 2; the honest twin writes its WAV."""
    import shutil

    from cli_in_process import mh

    if not (shutil.which("espeak-ng") or shutil.which("espeak")):
        pytest.skip("no espeak: no offline voice to write with")
    out = "/proc/x.wav" if where == "gone" else str(tmp_path)
    done = mh("say", "hi", "--out", out)
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert (f"cannot write {out} (No such file or directory" if where == "gone" else
            f"{out} is a directory: give the WAV file's name") in printed, printed
    ok = tmp_path / "ok.wav"
    assert mh("say", "hi", "--out", str(ok)).returncode == 0 and ok.stat().st_size > 44


@pytest.mark.parametrize("where", ["gone", "directory"])
def test_imagine_make_to_a_file_that_cannot_be_written_is_said_before_rendering(where: str, tmp_path: Path) -> None:
    """`macrohard imagine make v.yaml --out /proc/x.mp4` or `--out DIR`: the whole video rendered (minutes for a long
    script), then a ``FileNotFoundError`` / ``IsADirectoryError`` traceback at the rename, exit 1. Now named before
    the rendering starts, exit 2; the twin writes its MP4."""
    import shutil

    from cli_in_process import mh

    if not shutil.which("ffmpeg"):
        pytest.skip("no ffmpeg")
    script = tmp_path / "v.yaml"
    script.write_text("scenes:\n  - title: hello\n")
    out = "/proc/x.mp4" if where == "gone" else str(tmp_path)
    done = mh("imagine", "make", str(script), "--out", out)
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert (f"cannot write {out} (No such file or directory" if where == "gone" else
            f"{out} is a directory: give the video's file name") in printed, printed
    ok = tmp_path / "ok.mp4"
    assert mh("imagine", "make", str(script), "--out", str(ok)).returncode == 0 and ok.stat().st_size > 0


@pytest.mark.parametrize("where", ["gone", "file"])
def test_imagine_describe_into_a_folder_that_cannot_be_made_is_said(where: str, tmp_path: Path) -> None:
    """`macrohard imagine describe v.mp4 --out /proc/xd` (or `--out` an existing file): a ``FileNotFoundError`` /
    ``NotADirectoryError`` traceback from ``mkdir``, exit 1. Now named, exit 2; the twin describes it."""
    import shutil

    from cli_in_process import mh

    if not shutil.which("ffmpeg"):
        pytest.skip("no ffmpeg")
    script = tmp_path / "v.yaml"
    script.write_text("scenes:\n  - title: hello\n")
    video = tmp_path / "v.mp4"
    assert mh("imagine", "make", str(script), "--out", str(video)).returncode == 0
    if where == "gone":
        out, said = "/proc/xd", "cannot make the folder /proc/xd (No such file or directory)"
    else:
        (tmp_path / "afile").write_text("x")
        out, said = str(tmp_path / "afile"), f"--out {tmp_path / 'afile'} is a file: give a directory"
    done = mh("imagine", "describe", str(video), "--out", out, "--no-index")
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
    assert said in printed, printed
    assert mh("imagine", "describe", str(video), "--out", str(tmp_path / "ok"), "--no-index").returncode == 0
    assert (tmp_path / "ok" / "timeline.json").is_file()


def test_a_replay_into_a_folder_that_cannot_be_made_is_said(tmp_path: Path, loopback_pages: str) -> None:
    """`macrohard runs replay ID --out /proc/xr` (or `--out` an existing file) of a browser run: a
    ``FileNotFoundError`` / ``FileExistsError`` traceback from ``mkdir``, exit 1. Now named, exit 2; the twin
    writes the replay."""
    import shutil

    from cli_in_process import mh

    pytest.importorskip("playwright")
    if not Path("/usr/bin/chromium").exists() or not shutil.which("ffmpeg"):
        pytest.skip("no Chromium or no ffmpeg")
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "browser_goto", "url": loopback_pages + "one.html"},
                                  {"kind": "finish", "answer": "done"}]))
    assert mh("run", "browse", "--environment", "browser", "-w", str(tmp_path / "ws"), "--allow-host",
              loopback_pages.split("/")[2], "--model", f"scripted:{script}").returncode == 0
    run_id = json.loads(mh("runs", "list", "--json").stdout)[0]["id"]
    (tmp_path / "afile").write_text("x")
    for out, said in (("/proc/xr", "cannot make the folder /proc/xr (No such file or directory)"),
                      (str(tmp_path / "afile"), f"--out {tmp_path / 'afile'} is a file: give a directory for "
                                                "replay.mp4 and contact_sheet.png")):
        done = mh("runs", "replay", run_id, "--out", out)
        printed = _flat(done.stdout + done.stderr)
        assert done.returncode == 2 and "Traceback" not in printed, (done.returncode, printed[-1500:])  # before: 1
        assert said in printed, printed
    assert mh("runs", "replay", run_id, "--out", str(tmp_path / "ok")).returncode == 0
    assert (tmp_path / "ok" / "replay.mp4").stat().st_size > 0
