"""No command in the sandbox may attach to the persistent shell (``envs/seccomp.py``). guard25 (twenty-fifth wave)
found by hand that a command could ``ptrace`` its parent shell or take its descriptors with ``pidfd_getfd`` and so
type the next command itself, past the guard: this host has no Yama restriction and bubblewrap had no filter. The
sandbox here is real (bubblewrap, the guard fooled on purpose: what the sandbox must hold by itself)."""

from __future__ import annotations

import platform
import struct

import pytest

from macrohard.envs import seccomp
from macrohard.types import BashAction

from .conftest import run

ALLOW, EPERM = 0x7FFF0000, 0x00050001


def _verdict(code: bytes, arch: int, nr: int) -> int:
    """What the kernel's classic BPF machine returns for a system call: enough of it for these filters."""
    insns = [struct.unpack("<HBBI", code[i:i + 8]) for i in range(0, len(code), 8)]
    data = struct.pack("<iI", nr, arch)
    acc, pc = 0, 0
    while True:
        op, jt, jf, k = insns[pc]
        if op == 0x20:
            acc = struct.unpack("<I", data[k:k + 4])[0]
        elif op in (0x15, 0x35):
            hit = acc == k if op == 0x15 else acc >= k
            pc += jt if hit else jf
        elif op == 0x06:
            return k
        else:
            raise AssertionError(f"unknown op {op:#x}")
        pc += 1


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_the_filter_refuses_the_attaching_calls_and_nothing_else(machine: str) -> None:
    code = seccomp.program(machine)
    assert code is not None
    arch, numbers = seccomp._ARCH[machine]
    for nr in numbers:
        assert _verdict(code, arch, nr) == EPERM
    for nr in (0, 1, 2, 3, 39, 57, 59, 60, 231, 435, 437, 439):  # read, write, open, close, getpid, fork, execve…
        if nr not in numbers:
            assert _verdict(code, arch, nr) == ALLOW, nr
    assert _verdict(code, 0x40000003, 26) == EPERM  # i386's int 0x80 (ptrace is 26 there): the whole ABI
    if machine == "x86_64":
        assert _verdict(code, arch, 0x40000000 + 101) == EPERM  # x32's numbering
    assert seccomp.program("riscv64") is None


ATTACH = ("python3 -c 'import ctypes, os; libc = ctypes.CDLL(None, use_errno=True); "
          "r = libc.ptrace(16, os.getppid(), 0, 0); print(\"attach\", r, os.strerror(ctypes.get_errno()))'")
MEM = ("python3 -c 'import os\ntry:\n    open(\"/proc/%d/mem\" % os.getppid(), \"r+b\"); print(\"mem open\")\n"
       "except OSError as e:\n    print(\"mem\", e.strerror)'")
GETFD = ("python3 -c 'import ctypes, os; libc = ctypes.CDLL(None, use_errno=True); "
         "p = libc.syscall(434, os.getppid(), 0); r = libc.syscall(438, p, 0, 0); "
         "print(\"getfd\", p >= 0, r, os.strerror(ctypes.get_errno()))'")


@pytest.mark.skipif(platform.machine() not in ("x86_64", "aarch64"), reason="the filter knows two architectures")
def test_a_command_cannot_attach_to_the_shell_even_after_a_restart(make_sandbox) -> None:
    env = make_sandbox()
    for _ in range(2):  # the shell restarted after a timeout reads a fresh copy of the filter
        assert "Seccomp:\t2" in run(env, "grep Seccomp: /proc/self/status").output
        out = run(env, ATTACH).output
        assert "attach -1 Operation not permitted" in out, out
        out = run(env, GETFD).output
        assert "getfd True -1 Operation not permitted" in out, out
        out = run(env, MEM).output  # nor write the shell's memory through /proc (read-only there)
        assert "mem Read-only file system" in out, out
        assert run(env, "echo ordinary work; ls -a . >/dev/null").output.strip() == "ordinary work"
        assert run(env, BashAction(command="sleep 60", timeout=1)).meta["timed_out"]
