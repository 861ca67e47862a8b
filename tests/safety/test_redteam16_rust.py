"""guard16: Rust and Go sources a build compiles (``safety.buildsrc``), read for what reaches the system. On base
(a9098fd) each of these was approved at ``rustc``/``cargo build`` (and so ran as the program later): an ``extern``
block with no ABI (it is ``"C"``) or with ``"system"``/``"C-unwind"`` declaring libc's ``system``, a ``use
std::{…, process::{Command as K}}``, and Go's ``os.StartProcess``."""

from __future__ import annotations

import pytest

from macrohard.safety.commands import analyze

MAIN = 'fn main() { unsafe { system(b"touch marker\\0".as_ptr()); } }\n'
RUST = {
    "an extern block with no ABI": "extern { fn system(c: *const u8) -> i32; }\n" + MAIN,
    'extern "system"': 'extern "system" { fn system(c: *const u8) -> i32; }\n' + MAIN,
    'extern "C-unwind"': 'extern "C-unwind" { fn system(c: *const u8) -> i32; }\n' + MAIN,
    "use std::{…} of process::Command, renamed": 'use std::{io, process::{Command as K}};\n'
                                                  'fn main() { K::new("sh").status().unwrap(); }\n',
}


@pytest.mark.parametrize("source", RUST.values(), ids=RUST.keys())
@pytest.mark.parametrize("command", ["rustc -o app app.rs", "cargo build"])
def test_rust_that_reaches_the_system_is_asked_about(tmp_path, source, command):
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.rs").write_text(source)
    (tmp_path / "app.rs").write_text(source)
    assert analyze(command, [str(tmp_path)]).findings.get("dynamic")


def test_go_start_process_is_asked_about(tmp_path):
    (tmp_path / "go.mod").write_text("module x\ngo 1.20\n")
    (tmp_path / "main.go").write_text('package main\nimport "os"\nfunc main() { os.StartProcess("/bin/sh", '
                                      '[]string{"sh", "-c", "touch marker"}, &os.ProcAttr{}) }\n')
    assert analyze("go build -o app", [str(tmp_path)]).findings.get("dynamic")


def test_ordinary_rust_passes(tmp_path):
    (tmp_path / "app.rs").write_text('use std::{io, fs};\nextern crate core;\nfn main() { println!("hi"); }\n')
    assert analyze("rustc -o app app.rs", [str(tmp_path)]).findings == {}
