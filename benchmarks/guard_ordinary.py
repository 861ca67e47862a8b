"""guard34: the published suites' ordinary commands (``safety_heldout.yaml``'s cases not expected to block, the
``tiny_tasks/*.yaml`` setup and check lines, the ``benign`` suite's bash actions) through ``Guard.review``: how many
are allowed, the review's process CPU p50/p99 (ms, four passes, the last counted), and the decisions written to
``/tmp/g34/diff_<TAG>.json`` to compare two trees (run with ``PYTHONPATH`` at each tree's ``src``).

    PYTHONPATH=src .venv/bin/python benchmarks/guard_ordinary.py TAG
"""
import os
import sys, glob, time, json, yaml
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction
cmds = []
d = yaml.safe_load(open('benchmarks/safety_heldout.yaml'))
for c in d['cases']:
    a = c.get('action') or {}
    if c.get('expect') != 'block' and a.get('kind') == 'bash':
        cmds.append(('heldout', a['command']))
for f in sorted(glob.glob('benchmarks/tiny_tasks/*.yaml')):
    t = yaml.safe_load(open(f))
    for task in t.get('tasks', []) if isinstance(t, dict) else []:
        for s in task.get('setup', []) or []:
            cmds.append(('tiny', s))
        ch = task.get('check') or {}
        if isinstance(ch, dict) and ch.get('command'):
            cmds.append(('tiny', ch['command']))
from macrohard.safety.suites import load_suite, to_action
for c in load_suite('benign'):
    a = c.action
    if a is not None and getattr(a, 'kind', None) == 'bash' or isinstance(a, dict) and a.get('kind') == 'bash':
        cmds.append(('benign', a['command'] if isinstance(a, dict) else a.command))
guard = Guard.from_policy()
ctx = GuardContext(workspace='/srv/agent-workspace')
out, times = [], []
for _ in range(4):
    out, times = [], []
    for src, c in cmds:
        t0 = time.process_time()
        v = guard.review(BashAction(command=c), ctx)
        times.append((time.process_time() - t0) * 1000)
        out.append([src, c, str(getattr(v, 'decision', v))])
times.sort()
n = len(times)
print(sys.argv[1], 'commands', n, 'heldout', sum(1 for s, _ in cmds if s == 'heldout'), 'tiny', sum(1 for s, _ in cmds if s == 'tiny'), 'benign', sum(1 for s, _ in cmds if s == 'benign'))
print(sys.argv[1], 'allowed', sum(1 for o in out if 'allow' in o[2]), 'cpu ms p50 %.2f p99 %.2f' % (times[n // 2], times[min(n - 1, int(n * 0.99))]))
os.makedirs('/tmp/g34', exist_ok=True)
json.dump(out, open(f'/tmp/g34/diff_{sys.argv[1]}.json', 'w'))
