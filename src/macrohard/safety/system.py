"""What system-administration programs do: processes, services and schedulers, shell history and logs,
users, mounts and kernel modules, containers with host access, environment dumps and secret stores.

Called by ``safety.commands`` for every simple command; findings use the policy's categories.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.commands import Analysis


def judge(r: Analysis, prog: str, args: list[str], flags: str, long: set[str], operands: list[str]) -> None:
    if prog in ("kill", "pkill", "killall") and ("-1" in args or "1" in operands or prog == "killall"):
        r.add("destructive", f"{prog} {' '.join(args)} can kill every process")
    if prog == "systemctl" or prog == "service":
        verb = next((a for a in operands), "")
        if verb in ("enable", "link", "preset", "daemon-reload") or "--user" in long and verb == "start":
            r.add("persistence", f"systemctl {verb} makes something start again on its own")
        if verb in ("poweroff", "reboot", "halt", "kexec", "isolate", "rescue", "emergency"):
            r.add("destructive", f"systemctl {verb} stops the machine")
        if verb in ("stop", "disable", "mask", "kill") and any(s in " ".join(operands) for s in R.LOG_SERVICES):
            r.add("tamper", "stops the system's logging or auditing")
    if prog == "crontab" and not (flags == "l" and not operands):
        r.add("persistence", "crontab schedules commands to run again later")
    if prog in ("at", "batch", "launchctl", "update-rc.d", "chkconfig", "systemd-run"):
        r.add("persistence", f"{prog} schedules or installs something that runs later")
    if prog == "fc" and not (set(flags) <= {"l", "n", "r"} and "l" in flags):  # guard22: `history -s 'sh run.sh'`
        r.add("dynamic", "fc runs a command from the shell's history (or an editor on it), which the guard does not "
                         "see; run the command itself")  # then `fc -s sh` ran it (guard21 had it as inert)
    if prog == "history" and (set(flags) & {"c", "d", "w", "r"} or "-c" in args):
        r.add("tamper", "clears or rewrites the shell history")
    if prog == "history" and set(flags) & {"a", "n"}:  # guard36: `history -a; bash h.sh` with HISTFILE=h.sh ran an
        # earlier approved line again (`sh s2.sh`, s2.sh since rewritten): the file gets the session's lines unread
        r.add("dynamic", "history -a/-n writes the session's past commands into HISTFILE (or reads them back): a "
                         "file with text no review reads; the guard does not follow it")
    if prog in ("unset", "export", "set", "declare", "typeset") and any(
            re.match(r"HIST(FILE|SIZE|FILESIZE|CONTROL|IGNORE)", a) for a in args):
        r.add("tamper", "turns shell history off")
    if prog == "set" and "+o" in args and "history" in args:
        r.add("tamper", "turns shell history off")
    if prog in ("journalctl",) and any(a.startswith(("--vacuum", "--rotate", "--flush")) for a in args):
        r.add("tamper", "deletes or rotates the system journal")
    if prog in ("auditctl",) and ("-D" in args or "-e" in args):
        r.add("tamper", "turns off or clears audit rules")
    if prog in ("setenforce",) or (prog == "ufw" and "disable" in args) or (prog == "iptables" and "-F" in args):
        r.add("privilege", f"{prog} turns off a protection of the system")
    if prog in ("usermod", "useradd", "adduser", "passwd", "chpasswd", "visudo", "setcap", "mount", "umount",
                "insmod", "modprobe", "rmmod", "nsenter", "unshare", "chroot", "capsh", "bwrap", "firejail"):
        r.add("privilege", f"{prog} changes users, capabilities, mounts or kernel modules")
    if prog in ("docker", "podman") and ("--privileged" in args or any(re.match(r"/:", a) for a in args)
                                         or any("docker.sock" in a for a in args)):
        r.add("privilege", f"{prog} starts a container with access to the host")
    # `set -x` is xtrace, not a dump (guard32: an ordinary `set -x; ls; set +x` was refused as one)
    if prog in ("env", "printenv") and not operands or (prog in ("export", "declare", "typeset", "set")
                                                         and (not args or prog != "set" and
                                                              args in (["-p"], ["-x"], ["-px"]))):
        r.add("credential", f"{prog} dumps the environment, which can hold secrets")
    if prog == "printenv" and any(R.SECRET_VAR.search(o) for o in operands):
        r.add("credential", "prints a secret from the environment")
    if prog in R.CREDENTIAL_TOOLS or (prog == "gpg" and any("export-secret" in a for a in args)):
        r.add("credential", f"{prog} reads stored secrets")
    if prog == "git" and operands[:1] == ["config"] and any("credential" in a or "core.hooksPath" in a for a in args):
        r.add("persistence", "git config changes credential helpers or hooks")
