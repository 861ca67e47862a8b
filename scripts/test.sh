#!/usr/bin/env bash
# The whole test suite. Installs what is missing first (idempotent), then runs pytest.
#   MACROHARD_TEST_WORKERS=N  run in N processes (pytest-xdist, one test file per worker at a time, so a file's
#                             module fixtures — a model, a browser, a listener — are built once); 1 runs in this one.
#                             Default: 2 where the machine has 2 or more cores, else 1 (xdist26's fixes; the lead's
#                             fresh-clone run: RESULTS.md, twenty-sixth wave). A caller's own -n or -p no:xdist wins.
set -uo pipefail
cd "$(dirname "$0")/.."
bash install.sh --no-demo || exit 1
cores=$(nproc 2>/dev/null || echo 1)
workers=${MACROHARD_TEST_WORKERS:-$([ "$cores" -ge 2 ] && echo 2 || echo 1)}
.venv/bin/python -c "import xdist" 2>/dev/null || workers=1  # pytest-xdist not installed: one process
spread=()
case " $* " in
  *" -n "*|*" -n"[0-9]*|*" --numprocesses"*|*" -p no:xdist "*) ;;  # the caller chose
  *) [ "$workers" != 1 ] && [ "$workers" != 0 ] && spread=(-n "$workers" --dist loadfile) ;;
esac
.venv/bin/python -m pytest "${spread[@]}" "$@"
rc=$?
# pytest's 5 means "no tests collected": not a failure of the suite.
[ $rc -eq 5 ] && { echo "pytest collected no tests"; exit 0; }
exit $rc
