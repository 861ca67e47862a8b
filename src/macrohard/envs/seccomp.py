"""A seccomp filter for the sandbox's persistent shell: no process in the sandbox may attach to another.

The shell that runs the agent's commands lives for the whole run, and every command is its child. Without Yama's
ptrace restriction (none on many hosts) a command could ``ptrace`` the shell, read or write its memory
(``process_vm_readv``/``writev``) or take its file descriptors (``pidfd_getfd``), and so type the next command
itself, past the guard (guard25, twenty-fifth wave: tried by hand in the sandbox, both worked). The guard asks about
interpreter code that names these calls; this filter closes the door for compiled programs too. Those calls fail
with EPERM; nothing else changes (``gdb``/``strace`` cannot attach inside the sandbox).

The program is classic BPF as the kernel reads it (``struct sock_filter``), built here without libseccomp, for the
two architectures it knows; on any other the sandbox runs without it (``program`` returns None). A foreign system
call ABI (i386's ``int 0x80`` on x86_64, x32's numbers) is refused whole, so the numbers cannot be dodged.
"""

from __future__ import annotations

import errno
import os
import platform
import struct

# (AUDIT_ARCH_*, the numbers of ptrace, process_vm_readv, process_vm_writev, pidfd_getfd)
_ARCH = {"x86_64": (0xC000003E, (101, 310, 311, 438)), "aarch64": (0xC00000B7, (117, 270, 271, 438))}
_X32 = 0x40000000  # x86_64's x32 ABI: the same audit arch, numbers with this bit
_LD_ABS, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K
_ALLOW, _DENY = 0x7FFF0000, 0x00050000 | errno.EPERM  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO(EPERM)


def program(machine: str | None = None) -> bytes | None:
    """The filter as bytes (8 per instruction), or None on an architecture it does not know."""
    known = _ARCH.get(machine or platform.machine())
    if known is None:
        return None
    arch, numbers = known
    x32 = arch == _ARCH["x86_64"][0]
    # layout: 0 load arch; 1 arch?; 2 load nr; [3 x32?]; one test per number; allow; deny (the last)
    tests = len(numbers) + (1 if x32 else 0)
    deny_at = 3 + tests + 1
    insns = [(_LD_ABS, 0, 0, 4), (_JEQ, 0, deny_at - 2, arch), (_LD_ABS, 0, 0, 0)]
    if x32:
        insns.append((_JGE, deny_at - len(insns) - 1, 0, _X32))
    for nr in numbers:
        insns.append((_JEQ, deny_at - len(insns) - 1, 0, nr))
    insns += [(_RET, 0, 0, _ALLOW), (_RET, 0, 0, _DENY)]
    assert len(insns) == deny_at + 1
    return b"".join(struct.pack("<HBBI", *insn) for insn in insns)


def memfd() -> int | None:
    """A file descriptor holding the filter, read from its start (bubblewrap's ``--seccomp FD``), or None. The
    caller passes it to bubblewrap and closes it once bubblewrap has started."""
    code = program()
    if code is None or not hasattr(os, "memfd_create"):
        return None
    fd = os.memfd_create("macrohard-seccomp", 0)
    os.write(fd, code)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


__all__ = ["memfd", "program"]
