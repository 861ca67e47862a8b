"""rel24's attacks as an outsider through the CLI, fresh; each kept as a test (the web app's: tests/server/test_stop.py).

attempt                                                    at the start (main ecbb308)                      now
`macrohard chat <&-` (stdin closed: a service, a script)   AttributeError traceback ('NoneType' object has  the chat starts and ends at once (nothing
                                                           no attribute 'isatty'), exit 1                   to read), "continue it: …", exit 0
a closed stdout/stderr (`run … >&- 2>&-`)                  held (the run succeeded; SQLite keeps the store   /dev/null put on every closed standard
                                                           off 0-2, a file `open`ed by Python would not)     stream first (`cli._fill_closed_standard_
                                                                                                            streams`)
`macrohard chat` fed by a pipe / a 1 MB one-line paste     held (the paste: "the message is 1,000,000 characters, more than the limit
                                                           of 20,000; shorten it, or put long input in a file …")
control characters in a chat message or answer             held (shown escaped: \\x1b[31m)
two `macrohard run --write-back` on one workspace at once  held (the second to finish: "the source changed since the run started; nothing
                                                           was applied: f.txt …", its changes kept for `runs apply`)
kill -9 mid-step, then runs show/diff/apply/audit verify   held (rel22: `crashed`, its finished step, the chain intact; the file the step in
                                                           flight wrote is recorded too)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_chat_with_stdin_closed_ends_cleanly_with_dev_null_on_it(tmp_path: Path,
                                                                                        _home: Path) -> None:
    model = tmp_path / "script.json"
    model.write_text(json.dumps(["never asked"]))
    # the descriptors the command itself holds, seen from inside it as it ends: /dev/null on 0, not a file
    probe = ("import os, sys; from macrohard.cli import main; sys.argv = ['macrohard', 'chat', '--model', "
             f"'scripted:{model}'];\ntry:\n    main()\nfinally:\n    print('FDS', [os.readlink(f'/proc/self/fd/{{n}}') "
             "for n in (0, 1, 2)], file=sys.stderr)")
    done = subprocess.run(["bash", "-c", f'exec "{sys.executable}" -c "$0" <&-', probe], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    printed = done.stdout + done.stderr
    assert "Traceback" not in printed and done.returncode == 0, printed
    assert "continue it: macrohard chat --continue" in printed, printed
    fds = next(line for line in printed.splitlines() if line.startswith("FDS"))
    assert "/dev/null" in fds and "runs.db" not in fds, fds
