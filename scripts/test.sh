#!/usr/bin/env bash
# The whole test suite. Installs what is missing first (idempotent), then runs pytest.
#   MACROHARD_TEST_WORKERS=N  run in N processes (pytest-xdist, one test file per worker at a time, so a file's
#                             module fixtures — a model, a browser, a listener — are built once); 1 runs in this one.
#                             Default 3 (1 on a one-core machine): the suite waits on browsers, desktops and
#                             servers for ~40 % of its wall, so a third worker fills the two cores' idle time: 24:46
#                             in three workers against 30:14 in two on the idle 2-core VM, the same tree, both green
#                             (2026-12-07, benchmarks/RESULTS.md, lead fifty-eighth wave; 40 min in one, forty-second
#                             wave); a caller's own -n or -p no:xdist wins
set -uo pipefail
cd "$(dirname "$0")/.."
bash install.sh --no-demo || exit 1
cores=$(nproc 2>/dev/null || echo 1)
workers=${MACROHARD_TEST_WORKERS:-$(( cores >= 2 ? 3 : 1 ))}
spread=()
case " $* " in
  *" -n "*|*" -n"[0-9]*|*" --numprocesses"*|*" -p no:xdist "*) ;;  # the caller chose
  # --max-worker-restart 0: a worker that dies ends the run at once, naming its test. With a replacement worker,
  # xdist's loadfile scheduling re-queues the dead worker's finished files as empty units and every worker then
  # waits forever at 99 % (pytest-dev/pytest-xdist#1378, open): CI of 72d71975 timed out so, after 90 minutes.
  *) [ "$workers" != 1 ] && [ "$workers" != 0 ] && spread=(-n "$workers" --dist loadfile --max-worker-restart 0) ;;
esac
.venv/bin/python -m pytest "${spread[@]}" "$@"
rc=$?
# pytest's 5 means "no tests collected": not a failure of the suite.
[ $rc -eq 5 ] && { echo "pytest collected no tests"; exit 0; }
exit $rc
