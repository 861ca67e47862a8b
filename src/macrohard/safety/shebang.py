"""What Linux runs for a file run as a program: its ``#!`` line, read as the kernel reads it.

The kernel takes the word after ``#!`` as the interpreter and everything after it on the line (spaces and all) as
one argument, then the file's own path and the arguments it was given. Earlier the guard took the line's last word
as the interpreter and read the body as shell code when the line held "sh" anywhere, or not at all: ``#!/usr/bin/env
-S sh run.sh``, ``#!/bin/sh run.sh``, ``#!./run.sh``, ``#!/usr/bin/make -f``, ``#!/usr/bin/awk -f``,
``#!/usr/bin/perl -w`` and ``#!/usr/bin/cmake -P`` all ran code the guard never read (guard19). Now the command line
the kernel builds is judged like any other, so each program's own reader (make, awk, env -S, perl …) sees it.
"""

from __future__ import annotations

import posixpath
import re

from macrohard.safety import lazyre
from macrohard.safety import rules_data as R

# a shell started with only these flags runs the file's body as its script, which the guard reads as shell code
_PLAIN_FLAGS = lazyre.compile(r"-[eEuxvfhnaBCHPT]+")


def interpreter(first: str) -> tuple[str, str] | None:
    """The interpreter and its one argument ("" where none) of a first line ``#!…``; None where the file has no
    interpreter line (bash then runs it as a shell script itself)."""
    if not first.startswith("#!"):
        return None
    m = re.match(r"([^ \t]+)[ \t]*(.*)$", first[2:].strip(" \t\r"))
    return (m.group(1), m.group(2).rstrip(" \t")) if m else None


def plain_shell(program: str, arg: str) -> bool:
    """Whether the interpreter is a shell given the file as its script (``#!/bin/sh -e``): its body is then judged
    as shell code directly."""
    return posixpath.basename(program) in R.SHELLS and (not arg or _PLAIN_FLAGS.fullmatch(arg) is not None)
