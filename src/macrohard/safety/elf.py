"""What an ELF file says about itself: the library functions it calls, the libraries it loads, how it runs.

A compiled program cannot be read the way a script is, but its dynamic symbol table names every library
function it calls by name (``system``, ``execve``, ``dlsym``), its dynamic section names the libraries it loads
and where from (``DT_NEEDED``, ``DT_RPATH``/``DT_RUNPATH``), and its headers say whether it is linked statically
(no ``PT_INTERP``: its libc is inside it, so no name shows) and whether any of its memory is writable and
executable at once. ``safety.native`` judges these facts. Parsing only: no code here runs the file.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass, field

from macrohard.safety.regular import open_regular

ET_REL, ET_EXEC, ET_DYN = 1, 2, 3
PT_LOAD, PT_INTERP, PT_GNU_STACK = 1, 3, 0x6474E551
SHT_SYMTAB, SHT_DYNAMIC, SHT_DYNSYM = 2, 6, 11
SHF_EXECINSTR = 4
DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29
# instructions that enter the kernel directly, by machine: x86-64 syscall, i386 int 0x80 and sysenter, aarch64 svc #0
_KERNEL_ENTRIES = {62: (b"\x0f\x05", b"\xcd\x80", b"\x0f\x34"), 3: (b"\xcd\x80", b"\x0f\x34", b"\x0f\x05"),
                   183: (b"\x01\x00\x00\xd4",)}


class Unreadable(ValueError):
    """The file starts like an ELF file but its headers do not hold together."""


@dataclass
class ElfFacts:
    kind: int  # ET_REL (an object file), ET_EXEC or ET_DYN (a program or a shared library)
    interp: bool = False  # has a PT_INTERP: linked dynamically, started by the system's loader
    imports: set[str] = field(default_factory=set)  # undefined symbols: functions and data it takes from libraries
    needed: list[str] = field(default_factory=list)
    runpath: list[str] = field(default_factory=list)
    symbols: bool = False  # a symbol table was found (a program stripped of it shows nothing)
    writable_code: bool = False  # a segment (or the stack) both writable and executable
    kernel_entry: bool = False  # its own code enters the kernel directly, past libc's named functions
    own_memory: bool = False  # it names /proc/self/mem (or another process's memory): code written over at run time


def is_elf(data: bytes) -> bool:
    return data[:4] == b"\x7fELF"


def parse(data: bytes) -> ElfFacts:
    """The facts of ``data``, an ELF file; raises ``Unreadable`` when its headers point outside it."""
    try:
        return _parse(data)
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise Unreadable(str(exc)) from exc


def _parse(data: bytes) -> ElfFacts:
    wide, order = data[4], data[5]
    if wide not in (1, 2) or order not in (1, 2):
        raise Unreadable("unknown ELF class or byte order")
    e = "<" if order == 1 else ">"
    if wide == 2:
        (kind, machine, _, _, phoff, shoff, _, _, phsize, phnum, shsize, shnum, _) = struct.unpack_from(
            e + "HHIQQQIHHHHHH", data, 16)
    else:
        (kind, machine, _, _, phoff, shoff, _, _, phsize, phnum, shsize, shnum, _) = struct.unpack_from(
            e + "HHIIIIIHHHHHH", data, 16)
    facts = ElfFacts(kind=kind, own_memory=any(s in data for s in (b"/proc/self/mem", b"/proc/%d/mem", b"/mem\x00")))
    entries = _KERNEL_ENTRIES.get(machine, ())
    exec_segments = []
    for i in range(phnum):
        if wide == 2:
            p_type, flags, off, _, _, filesz, _, _ = struct.unpack_from(e + "IIQQQQQQ", data, phoff + i * phsize)
        else:
            p_type, off, _, _, filesz, _, flags, _ = struct.unpack_from(e + "IIIIIIII", data, phoff + i * phsize)
        if p_type == PT_INTERP:
            facts.interp = True
        if p_type in (PT_LOAD, PT_GNU_STACK) and flags & 1 and flags & 2:
            facts.writable_code = True
        if p_type == PT_LOAD and flags & 1:
            exec_segments.append(data[off:off + filesz])
    sections = []
    for i in range(shnum if shoff else 0):
        if wide == 2:
            row = struct.unpack_from(e + "IIQQQQIIQQ", data, shoff + i * shsize)
        else:
            row = struct.unpack_from(e + "IIIIIIIIII", data, shoff + i * shsize)
        sections.append(row)  # name, type, flags, addr, offset, size, link, info, addralign, entsize
    code = [data[s[4]:s[4] + s[5]] for s in sections if s[2] & SHF_EXECINSTR and s[1] != 8]  # 8: NOBITS
    facts.kernel_entry = any(entry in chunk for chunk in (code or exec_segments) for entry in entries)
    tables = [s for s in sections if s[1] == SHT_DYNSYM] or [s for s in sections if s[1] == SHT_SYMTAB]
    for table in tables:
        facts.symbols = True
        strings = sections[table[6]]
        step = table[9] or (24 if wide == 2 else 16)
        for off in range(table[4] + step, table[4] + table[5], step):  # entry 0 is the null symbol
            if wide == 2:
                name, _, _, shndx, _, _ = struct.unpack_from(e + "IBBHQQ", data, off)
            else:
                name, _, _, _, _, shndx = struct.unpack_from(e + "IIIBBH", data, off)
            if shndx == 0 and name:
                facts.imports.add(_string(data, strings[4] + name).split("@")[0])
    for dyn in (s for s in sections if s[1] == SHT_DYNAMIC):
        strings = sections[dyn[6]]
        fmt, step = (e + "qQ", 16) if wide == 2 else (e + "iI", 8)
        for off in range(dyn[4], dyn[4] + dyn[5], step):
            tag, value = struct.unpack_from(fmt, data, off)
            if tag == 0:
                break
            if tag == DT_NEEDED:
                facts.needed.append(_string(data, strings[4] + value))
            elif tag in (DT_RPATH, DT_RUNPATH):
                facts.runpath.append(_string(data, strings[4] + value))
    return facts


def _string(data: bytes, at: int) -> str:
    end = data.index(b"\x00", at)
    return data[at:end].decode("utf-8")


def runpath(path: str) -> list[str]:
    """The DT_RUNPATH/DT_RPATH folders of the ELF file at ``path``, read from its program headers through a memory
    map (a 100 MB program is not read whole); [] when it has none or they cannot be read."""
    try:
        with open_regular(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _runpath(data)
    except (OSError, ValueError, struct.error, IndexError, UnicodeDecodeError):
        return []


def _runpath(data: mmap.mmap) -> list[str]:
    wide, e = data[4], "<" if data[5] == 1 else ">"
    phoff = struct.unpack_from(e + ("Q" if wide == 2 else "I"), data, 32 if wide == 2 else 28)[0]
    phsize, phnum = struct.unpack_from(e + "HH", data, 54 if wide == 2 else 42)
    loads, dynamic = [], None
    for i in range(phnum):
        if wide == 2:
            p_type, _, off, vaddr, _, filesz, _, _ = struct.unpack_from(e + "IIQQQQQQ", data, phoff + i * phsize)
        else:
            p_type, off, vaddr, _, filesz, _, _, _ = struct.unpack_from(e + "IIIIIIII", data, phoff + i * phsize)
        if p_type == PT_LOAD:
            loads.append((vaddr, off, filesz))
        elif p_type == 2:  # PT_DYNAMIC
            dynamic = (off, filesz)
    if dynamic is None:
        return []
    fmt, step = (e + "qQ", 16) if wide == 2 else (e + "iI", 8)
    strtab, names = None, []
    for off in range(dynamic[0], dynamic[0] + dynamic[1], step):
        tag, value = struct.unpack_from(fmt, data, off)
        if tag == 0:
            break
        if tag == 5:  # DT_STRTAB, an address
            strtab = next((o + value - v for v, o, size in loads if v <= value < v + size), None)
        elif tag in (DT_RPATH, DT_RUNPATH):
            names.append(value)
    if strtab is None:
        return ["?"] if names else []
    return [folder for n in names for folder in
            data[strtab + n:data.find(b"\x00", strtab + n)].decode("utf-8").split(":")]
