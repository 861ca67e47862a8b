"""`python -m macrohard.sites NAME` serves a site a user can point an agent at."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request


def test_serves_until_interrupted_and_prints_what_it_received():
    proc = subprocess.Popen([sys.executable, "-m", "macrohard.sites", "form", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("serving form at http://127.0.0.1:"), line
        url = line.split(" at ")[1].split(" ")[0]
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert b"Contact us" in resp.read()
        data = b"name=Ada&email=ada%40example.org&plan=basic&message=hi"
        with urllib.request.urlopen(url + "submit", data=data, timeout=10) as resp:
            assert resp.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=10)
    assert '"name": "Ada"' in out
