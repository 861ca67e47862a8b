"""What commands on the desktop left running, read from the kernel, for the guard (``GuardFacts.jobs``).

The shell environments report the processes earlier steps left running: such a job may rewrite a script
between the guard's review of ``bash run.sh`` and its run (``safety.scripts``). The desktop reported none, so
``(sleep 3; cp evil.sh run.sh) &`` typed into a terminal, then ``bash run.sh`` a step later, ran the rewritten
script. Here the desktop sandbox's processes are read from ``/proc`` (host pids: the sandbox is this process's
descendant) and counted as jobs when they are:

- under a terminal's shell (what was typed there: a background job, or a command still in the foreground),
- orphans adopted by the sandbox's init (``( (…) & )``, ``setsid``, ``nohup … &`` in a shell that exited),
- a launched shell or interpreter (``desktop_launch`` of ``sh -c …``) and what it started.

Xvfb, the window manager, terminals and other programs launched on the desktop, and the terminals' own idle
shells are not jobs. ``wait`` typed into one terminal does not wait for another's jobs, so every one of them
is also reported as ``detached``.
"""

from __future__ import annotations

from pathlib import Path

from macrohard.envs.shell import descendants

TERMINALS = frozenset({"xterm", "uxterm", "lxterminal", "xfce4-terminal", "gnome-terminal-", "konsole", "urxvt",
                       "rxvt", "st", "alacritty", "kitty", "terminator", "tilix", "mate-terminal", "qterminal", "sakura",
                       "terminology", "foot", "x-terminal-emul", "eterm", "aterm"})
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "ash", "csh", "tcsh"})
_INTERPRETERS = ("python", "perl", "ruby", "node", "php", "lua", "tclsh")


def _stat(pid: int) -> tuple[str, str, int] | None:
    """(comm, state, ppid) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = text[text.find("(") + 1:text.rfind(")")]
    rest = text.rpartition(")")[2].split()
    try:
        return comm, rest[0], int(rest[1])
    except (IndexError, ValueError):
        return None


def jobs_left(root: int) -> int:
    """How many processes in the desktop sandbox under ``root`` (its bubblewrap) are jobs (module docstring)."""
    procs: dict[int, tuple[str, str, int]] = {}
    for pid in descendants(root):
        if (info := _stat(pid)) is not None:
            procs[pid] = info
    children: dict[int, list[int]] = {}
    for pid, (_, _, ppid) in procs.items():
        children.setdefault(ppid, []).append(pid)
    # root (bubblewrap) -> its init in the pid namespace -> the supervisor shell -> one subshell per launch
    init = next((c for c in children.get(root, []) if procs[c][0] == "bwrap"), root)
    supervisor = next((c for c in sorted(children.get(init, [])) if procs[c][0] in SHELLS), None)
    launched = {p for sub in children.get(supervisor, []) for p in children.get(sub, [])} if supervisor else set()
    job_roots: list[int] = []
    for pid in children.get(init, []):
        if pid != supervisor:
            job_roots.append(pid)  # an orphan: whatever started it has exited
    for pid in launched:
        comm = procs[pid][0]
        if comm in SHELLS or comm.startswith(_INTERPRETERS):
            job_roots.append(pid)
        elif comm in TERMINALS:
            for shell in children.get(pid, []):  # the terminal's own shell is not a job; what it runs is
                job_roots += children.get(shell, [])
    count, pending, seen = 0, list(job_roots), set()
    while pending:
        pid = pending.pop()
        if pid in seen or pid not in procs:
            continue
        seen.add(pid)
        count += procs[pid][1] != "Z"
        pending += children.get(pid, [])
    return count
