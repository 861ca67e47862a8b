"""guard17: Rust a build runs (``safety.buildsrc``), read past what hid ``std::process`` from its words. Each of these
was approved at ``cargo build`` on main (5526faf) and, built with the real cargo outside the sandbox (cargo does not
run in this one), its ``build.rs`` ran ``sh run.sh``: a macro pasting ``process`` and ``Command`` into a path,
raw identifiers (``std::r#process::r#Command::r#new``), and block comments between the path's parts."""

from __future__ import annotations

import pytest

from macrohard.safety.commands import analyze

RUN = '.arg("run.sh").status().unwrap()'
BUILD_RS = {
    "a macro pasting its arguments into a path": 'macro_rules! p { ($a:ident, $b:ident) => { std::$a::$b::new("sh")'
                                                 + RUN + ' } }\nfn main() { p!(process, Command); }\n',
    "raw identifiers": 'fn main() { std::r#process::r#Command::r#new("sh")' + RUN + '; }\n',
    "block comments between the path's parts": 'fn main() { std::/**/process::/* x /* y */ */Command::/**/new("sh")'
                                               + RUN + '; }\n',
}


@pytest.mark.parametrize("source", BUILD_RS.values(), ids=BUILD_RS.keys())
def test_a_build_script_that_starts_a_program_is_asked_about(tmp_path, source):
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n')
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.rs").write_text("fn main() {}\n")
    (tmp_path / "build.rs").write_text(source)
    assert analyze("cargo build", [str(tmp_path)]).findings.get("dynamic")


def test_macros_on_their_own_crate_and_comments_pass(tmp_path):
    (tmp_path / "app.rs").write_text('/* a /* nested */ comment */\nmacro_rules! twice { ($e:expr) => { $crate::add'
                                     '($e, $e) } }\nfn add(a: i32, b: i32) -> i32 { a + b }\n'
                                     'fn main() { let r#type = twice!(2); println!("{}", r#type); }\n')
    assert analyze("rustc -o app app.rs", [str(tmp_path)]).findings == {}
