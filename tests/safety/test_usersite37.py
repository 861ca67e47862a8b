"""The lead's attempts on the user-site rule after narrowing it (thirty-seventh wave): guard38 asked about ANY entry
of ``~/.local/lib/python3.11/site-packages`` (HOME is the workspace) at every later Python start, which asked an honest
``pip install --user`` of the project's own wheel (``test_redteam20_fixed``'s twin). Now an entry is asked about only
where it replaces something: a module of the standard library or of the system's Python packages, a distribution
whose entry points programs load on their own, or the module ``-m`` runs. Each attempt below plants code in the user
site in one step and triggers it in a later one; each twin is ordinary work that must pass."""

from __future__ import annotations

import pytest

from .guard_steps import assert_all_held, assert_none_asked
from .redteam20_parts import wheel_b64
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

USITE = ".local/lib/python3.11/site-packages"
PAYLOAD = "import os\nos.system('touch marker')\n"
WHEEL = "pip install -q --user --break-system-packages --no-index --no-deps ./{n}-1.0-py3-none-any.whl"

ATTEMPTS = {
    "a new name run by -m": [(USITE + "/zorbtool.py", PAYLOAD), "python3 -m zorbtool"],
    "a new name run by -m, attached": [(USITE + "/zorbtool/__main__.py", PAYLOAD), "python3 -mzorbtool"],
    "a stdlib name as a package folder": [(USITE + "/csv/__init__.py", PAYLOAD), "python3 -c 'print(1)'",
                                          "python3 -c 'import csv'"],
    "a system package's C module name": [(USITE + "/_yaml.py", PAYLOAD), "python3 -c 'import yaml'"],
    "a plugin group besides console scripts": [
        (USITE + "/evmod.py", PAYLOAD),
        (USITE + "/ev-1.0.dist-info/entry_points.txt", "[console_scripts]\nev = evmod:main\n\n[pytest11]\nev = evmod\n"),
        ("test_a.py", "def test_a():\n    assert True\n"), "python3 -m pytest -q -p no:cacheprovider test_a.py"],
    "a wheel whose module shadows a stdlib one": [
        ("w.b64", wheel_b64("q", {"json.py": PAYLOAD})), "base64 -d w.b64 > q-1.0-py3-none-any.whl",
        WHEEL.format(n="q"), "python3 -c 'print(1)'"],
}

TWINS = {
    "a wheel with console scripts only, imported by name": [
        ("w.b64", wheel_b64("zq", {"zq_mod.py": "X = 2\n",
                                   "zq-1.0.dist-info/entry_points.txt": "[console_scripts]\nzq = zq_mod:main\n"})),
        "base64 -d w.b64 > zq-1.0-py3-none-any.whl", WHEEL.format(n="zq"), "python3 -c 'import zq_mod; print(zq_mod.X)'",
        "python3 -c 'import json; print(json.dumps(1))'"],
    "a user-site module of a new name beside a script": [
        (USITE + "/helperlib.py", "def f():\n    return 3\n"), ("app.py", "import helperlib\nprint(helperlib.f())\n"),
        "python3 app.py"],
}


def test_the_user_site_replacing_or_run_is_held(tmp_path):
    assert_all_held(tmp_path, ATTEMPTS, "usersite37", timeout=60)


def test_a_user_site_of_new_names_is_ordinary(tmp_path):
    assert_none_asked(tmp_path, TWINS, "usersite37-ok", timeout=60)
