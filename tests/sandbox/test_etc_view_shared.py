"""suite53: the sandbox's ``/etc`` view is made once per machine and user, not once per process.

Every process that started a sandbox (each ``macrohard`` command, Ray worker, server, the suite's workers) copied the
allowed ``/etc`` entries (~900 files and links) into a view of its own: 0.2-0.5 s of CPU, most of it the kernel's,
and up to 2 s of wall on a busy disk, then removed it at exit (a killed process left it in /tmp: 1,218 there on the
helpers' machine). The view now lives in the cache, named by the host's own records of what it copies, so a changed
``/etc`` gets a new one, filtered as before (rt43: only what every local user may read).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")
_PRINT_VIEW = ("import json, os; from macrohard.envs.sandbox import etc_view; v = etc_view(); "
               "print(json.dumps({'view': v, 'ino': os.stat(v).st_ino, 'passwd': os.path.isfile(v + '/passwd')}))")


def _view_of_a_fresh_process(cache: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": SRC, "MACROHARD_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", _PRINT_VIEW], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    return json.loads(done.stdout)


def test_two_processes_share_one_view_that_outlives_them(tmp_path):
    first = _view_of_a_fresh_process(tmp_path / "cache")
    second = _view_of_a_fresh_process(tmp_path / "cache")
    assert first["passwd"] and second["passwd"], (first, second)
    assert first["view"] == second["view"] and first["ino"] == second["ino"], (first, second)  # found, not made again
    assert Path(first["view"]).is_dir()  # not removed at the first one's exit
    assert Path(first["view"]).parent == tmp_path / "cache" / "etc-views"


def test_a_changed_etc_gets_a_view_of_its_own_filtered_as_before(tmp_path, monkeypatch):
    from macrohard.envs.sandbox import shared_etc_view

    monkeypatch.setenv("MACROHARD_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "etc"
    (root / "ssl" / "certs").mkdir(parents=True)
    (root / "ssl" / "private").mkdir(mode=0o700)
    (root / "ssl" / "private" / "host.key").write_text("KEY\n")
    (root / "ssl" / "certs" / "ca.pem").write_text("CERT\n")
    (root / "passwd").write_text("root:x:0:0::/root:/bin/bash\n")
    (root / "shadow").write_text("root:HASH\n")  # not on the allow list
    os.chmod(root / "ssl" / "private", 0o700)

    one = Path(shared_etc_view(str(root)))
    assert (one / "passwd").read_text() == "root:x:0:0::/root:/bin/bash\n"
    assert (one / "ssl" / "certs" / "ca.pem").read_text() == "CERT\n"
    assert not (one / "ssl" / "private").exists() and not (one / "shadow").exists()
    assert shared_etc_view(str(root)) == str(one)  # unchanged: the same view

    (root / "passwd").write_text("root:x:0:0::/root:/bin/sh\n")  # the host's file changed: a view of its own
    two = Path(shared_etc_view(str(root)))
    assert two != one and (two / "passwd").read_text() == "root:x:0:0::/root:/bin/sh\n"
    assert (one / "passwd").read_text() == "root:x:0:0::/root:/bin/bash\n"  # a running sandbox's view is not touched

    os.chmod(root / "ssl" / "certs" / "ca.pem", 0o600)  # no longer for every user: left out again
    three = Path(shared_etc_view(str(root)))
    assert three != two and not (three / "ssl" / "certs" / "ca.pem").exists()

    (root / "ssl" / "certs" / "new.pem").write_text("NEW\n")  # a name added inside a copied folder
    four = Path(shared_etc_view(str(root)))
    assert four != three and (four / "ssl" / "certs" / "new.pem").read_text() == "NEW\n"


def test_a_cache_folder_others_may_write_is_not_used(tmp_path, monkeypatch):
    from macrohard.envs import sandbox

    monkeypatch.setenv("MACROHARD_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache" / "etc-views").mkdir(parents=True)
    os.chmod(tmp_path / "cache" / "etc-views", 0o777)
    assert sandbox.shared_etc_view() is None
    view = _view_of_a_fresh_process(tmp_path / "cache")  # the process makes one of its own, as before
    assert view["passwd"] and not view["view"].startswith(str(tmp_path / "cache")), view
    assert not Path(view["view"]).exists()  # removed at its exit


def test_a_view_that_cannot_be_made_whole_is_not_shared(tmp_path, monkeypatch):
    from macrohard.envs import sandbox

    monkeypatch.setenv("MACROHARD_CACHE", str(tmp_path / "cache"))
    real = sandbox.shutil.copy2

    def full_disk(src, dest, *a, **k):
        if str(src).endswith("passwd"):
            raise OSError(28, "No space left on device")
        return real(src, dest, *a, **k)

    monkeypatch.setattr(sandbox.shutil, "copy2", full_disk)
    root = tmp_path / "etc"
    root.mkdir()
    (root / "passwd").write_text("root:x:0:0::/root:/bin/bash\n")
    (root / "hosts").write_text("127.0.0.1 localhost\n")
    assert sandbox.shared_etc_view(str(root)) is None
    assert not list((tmp_path / "cache" / "etc-views").iterdir())  # nothing cut short left for the next process


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap")
def test_a_sandbox_reads_the_shared_view(tmp_path):
    env = {**os.environ, "PYTHONPATH": SRC, "MACROHARD_CACHE": str(tmp_path / "cache")}
    script = ("import subprocess\n"
              "from macrohard.envs.sandbox import bwrap_argv, check_available, etc_view\n"
              f"argv = bwrap_argv(check_available(), {str(tmp_path)!r}, 'none')\n"
              "print(etc_view())\n"
              "out = subprocess.run([*argv, 'cat', '/etc/passwd'], capture_output=True, text=True)\n"
              "print(out.returncode, out.stdout.splitlines()[:1], out.stderr[-300:])\n")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    view, result = done.stdout.splitlines()[:2]
    assert view.startswith(str(tmp_path / "cache" / "etc-views")), done.stdout
    assert result.startswith("0 ['root:"), done.stdout
