"""flow38's rules, fast (no sandbox): what a shell line writes into a runnable file, read from the parser
(``flow_written``); make and shell variables a runnable file defines; a path a recipe only reads is no write outside
(``flow_planted.planted_harm``); Java written and run on one line (``flow_verbs.script_send``)."""

from __future__ import annotations

import os

import pytest

from macrohard.safety.flow_planted import planted_harm
from macrohard.safety.flow_verbs import script_send
from macrohard.safety.flow_written import included, judge, links_to, runnable, runs_through, texts

OUT = "/elsewhere"
BAD = f"\trm -f {OUT}/victim\n"


@pytest.fixture
def ws(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "Makefile").write_text("build:\n\tcp src/*.txt build/\nclean:\n\trm -rf build\n")
    (ws / "clean.txt").write_text(BAD)
    (ws / "ok.txt").write_text("\trm -f build/cache.tmp\n")
    (ws / "dest.txt").write_text(OUT + "\n")
    return ws


def _judge(ws, line, strings=None):
    return judge(line, str(ws), strings or {}, (str(ws),), str(ws))


@pytest.mark.parametrize("line", [
    "cat clean.txt >> Makefile",
    "tee -a Makefile < clean.txt",
    "cat clean.txt | tee -a Makefile > /dev/null",
    "cp clean.txt extra.mk",
    "install -m 644 clean.txt tools/x.sh",
    "dd if=clean.txt of=Makefile oflag=append conv=notrunc",
    "printf '\\trm -f %s/victim\\n' \"$(cat dest.txt)\" >> Makefile",
    "cat Makefile clean.txt > GNUmakefile",
    "sed -i '/rm -rf build/r clean.txt' Makefile",
    "ed -s Makefile < edit.ed",
    "python3 -c \"open('Makefile','a').write(open('clean.txt').read())\"",
])
def test_a_runnable_file_filled_from_a_file_is_read(ws, line):
    (ws / "edit.ed").write_text("/^clean:/a\n" + BAD + ".\nw\nq\n")
    assert "outside the workspace" in _judge(ws, line)


@pytest.mark.parametrize("line", [
    "printf '\\trm -f %s/victim\\n' \"$V\" >> Makefile",
    "cat >> Makefile <<EOF\n\trm -f $V/victim\nEOF",
    "echo -e \"\\trm -f $V/victim\" >> .bashrc",
    "sed -i \"s|rm -rf build|rm -rf build $V/victim|\" Makefile",
    "npm pkg set \"scripts.clean=rm -f $V/victim\"",
    "jq --arg v \"rm -f $V/x\" '.scripts.clean = $v' package.json > p.json",
])
def test_a_value_set_a_step_earlier_is_put_in(ws, line):
    (ws / "package.json").write_text('{"scripts": {}}\n')
    assert "outside the workspace" in _judge(ws, line, {"V": OUT})
    assert "cannot read" in _judge(ws, line)  # the value unknown: asked all the same


@pytest.mark.parametrize("line", ["base64 -d frag.b64 >> Makefile", "xxd -r -p f.hex > run.sh",
                                  "printf '%s\\n' \"$D\" >> Makefile"])
def test_a_value_the_guard_cannot_read_into_a_runnable_file_is_unknown(ws, line):
    (ws / "frag.b64").write_text("CXJtIC1mIC9lbHNld2hlcmUvdmljdGltCg==\n")
    (ws / "f.hex").write_text("00\n")
    assert "cannot read" in _judge(ws, line)


@pytest.mark.parametrize("line", [
    "cat Makefile", "make", "make clean", "cat clean.txt > notes.md", "cp Makefile Makefile.bak",
    "cat ok.txt >> Makefile", "printf '\\trm -f %s/cache\\n' \"$V\" >> Makefile", "cp Makefile.orig Makefile",
    "cp .env.example .env", "mv old.py new.py", "patch -p1 < missing.patch", "base64 -d x.b64 > out.bin",
    "sed -i 's/-O2/-O3/' Makefile", "printf 'x\\n' > S.java && java S.java",
])
def test_an_honest_write_is_not_judged_harm(ws, line):
    (ws / "Makefile.orig").write_text("install:\n\tinstall -m 755 app /usr/local/bin/app\n")
    (ws / "Makefile").write_text((ws / "Makefile").read_text() + "install:\n\tinstall -m 755 app /usr/local/bin/app\n")
    assert _judge(ws, line, {"V": "build"}) == ""


def test_a_copy_of_a_runnable_file_plants_only_its_new_lines(ws):
    (ws / "Makefile").write_text("install:\n\tinstall -m 755 app /usr/local/bin/app\n")
    assert _judge(ws, "cat Makefile clean.txt > makefile")  # the new line, not the install line
    assert _judge(ws, "cat Makefile ok.txt > makefile") == ""
    (ws / "Makefile.orig").write_text("install:\n\tinstall -m 755 app /usr/local/bin/app\n")
    assert _judge(ws, "cat Makefile.orig ok.txt > makefile")  # a file of no runnable name: its lines are new here


def test_texts_reads_targets_from_the_parser(ws):
    got = {os.path.basename(w.path): w.text for w in texts("cat clean.txt | tee a.mk b.sh > /dev/null", str(ws), {},
                                                           str(ws))}
    assert sorted(got) == ["a.mk", "b.sh"] and all(BAD in t for t in got.values())  # (a superset: cat's words too)
    got = {os.path.basename(w.path): w.text for w in texts("mv -f x.tmp Makefile", str(ws), {}, str(ws))}
    assert got == {}  # no x.tmp: nothing written
    (ws / "fix.patch").write_text("--- a/Makefile\n+++ b/Makefile\n@@ -3,2 +3,3 @@\n clean:\n \trm -rf build\n+" + BAD)
    got = {os.path.basename(w.path): w.text for w in texts("git apply fix.patch", str(ws), {}, str(ws))}
    assert got == {"Makefile": BAD.rstrip("\n")}


def test_a_symlink_and_an_include_lead_a_plain_file_into_what_runs(ws):
    (ws / "rules.txt").write_text("clean:\n")
    (ws / "Makefile").unlink()
    (ws / "Makefile").symlink_to("rules.txt")
    assert links_to(str(ws / "rules.txt"), str(ws)).endswith("Makefile")
    assert "outside the workspace" in _judge(ws, "cat clean.txt >> rules.txt")
    assert "outside the workspace" in runs_through(str(ws / "rules.txt"), "clean:\n" + BAD, (str(ws),), str(ws))
    (ws / "Makefile").unlink()
    (ws / "Makefile").write_text("-include local.txt\nall:\n")
    assert "outside the workspace" in runs_through(str(ws / "local.txt"), "x:\n" + BAD, (str(ws),), str(ws))
    assert runs_through(str(ws / "other.txt"), "x:\n" + BAD, (str(ws),), str(ws)) == ""
    (ws / ".envrc").write_text("export MAKEFILES=extra.txt\n")
    (ws / "extra.txt").write_text("x:\n" + BAD)
    assert [os.path.basename(p) for p, _ in included("export MAKEFILES=extra.txt\n", str(ws), str(ws))] == ["extra.txt"]
    assert "pulls in extra.txt" in _judge(ws, "printf 'export MAKEFILES=%s\\n' extra.txt >> .envrc")


@pytest.mark.parametrize("text", [
    "STALE = /elsewhere\nclean:\n\trm -f $(STALE)/victim\n",
    "clean:\n\trm -f ${STALE}/victim\nSTALE := /elsewhere\n",
    "clean:\n\trm -rf $(UNSET)/victim\n",  # undefined in make: empty, so /victim
    "clean:\n\trm -rf $$HOME/victim\n",
    "install:\n\tinstall -m 755 app $(PREFIX)/bin/app\nPREFIX ?= /usr/local\n",
])
def test_make_variables_the_file_defines_are_put_in(tmp_path, text):
    assert "outside the workspace" in planted_harm("Makefile", text, (str(tmp_path),), str(tmp_path))


def test_a_shell_script_variable_is_put_in(tmp_path):
    assert "outside" in planted_harm("clean.sh", "D=/elsewhere\nrm -f \"$D/victim\"\n", (str(tmp_path),), str(tmp_path))
    assert planted_harm("clean.sh", "rm -f \"$D/victim\"\n", (str(tmp_path),), str(tmp_path)) == ""  # unknown: as before


@pytest.mark.parametrize("recipe", [
    "\tgrep -c . /etc/os-release > build/os.txt",
    "\tcp /usr/share/common-licenses/MIT build/",
    "\tln -sf /usr/bin/python3 build/py",
    "\tfind /usr/include -name stdio.h > build/inc.txt",
    "\t/usr/bin/env python3 tools/gen.py > build/gen.txt",
    "\tcat /etc/hostname | tee build/host.txt",
])
def test_a_recipe_that_only_reads_outside_writes_nothing_there(tmp_path, recipe):
    assert planted_harm("Makefile", "info:\n" + recipe + "\n", (str(tmp_path),), str(tmp_path)) == ""


@pytest.mark.parametrize("recipe", [
    "\tcp build/app /usr/local/bin/",
    "\tgrep x build/a > /etc/x.conf",
    "\tfind /var/tmp/cache -delete",
    "\tcat /etc/hostname > /etc/hostname.bak",
    "\tenv rm -f /elsewhere/victim",
    "\ttar -xf build/x.tar -C /opt",  # (flow39: tar and unzip are harm programs; -C/-d is where they write)
    "\tunzip -o a.zip -d /opt/x",
    "\ttar -czf /tmp/x.tgz build",
])
def test_a_recipe_that_writes_outside_is_still_found(tmp_path, recipe):
    assert planted_harm("Makefile", "x:\n" + recipe + "\n", (str(tmp_path),), str(tmp_path))


def test_runnable_names(tmp_path):
    assert runnable("Makefile") and runnable("x/.profile") and runnable("a.mk") and runnable(".bashrc")
    assert runnable("tool", "#!/bin/sh\n") and not runnable("notes.txt") and not runnable("Makefile.bak")


JAVA = ('class S { public static void main(String[] a) throws Exception { new java.net.URL("http://127.0.0.1:1/")'
        '.openStream(); } }')


@pytest.mark.parametrize("line", [
    f"printf '%s\\n' '{JAVA}' > S.java && java S.java",
    f"cat > S.java <<'EOF'\n{JAVA}\nEOF\njava S.java",
    f"echo '{JAVA}' > S.java; timeout 60 java S.java",
    "cp s.txt S.java && java S.java",
])
def test_java_written_and_run_on_one_line_is_read_as_written(tmp_path, line):
    (tmp_path / "s.txt").write_text(JAVA)
    (tmp_path / "S.java").write_text("class S { public static void main(String[] a) {} }\n")  # the old text
    assert "uses the network" in script_send(line, str(tmp_path), {}, str(tmp_path))


def test_java_hello_written_and_run_on_one_line_sends_nothing(tmp_path):
    line = "printf '%s\\n' 'class H { public static void main(String[] a) { System.out.println(1); } }' > H.java && java H.java"
    assert script_send(line, str(tmp_path), {}, str(tmp_path)) == ""


@pytest.mark.parametrize("line", [
    "sed -i '/^clean:/a\\trm -f build/cache.tmp' Makefile",
    "sed -i '/rm -rf build/a\\trm -f dist/x' Makefile",
    "awk '/^clean:/{print; print \"\\trm -f build/x\"; next}1' Makefile > M2 && mv M2 Makefile",
])
def test_a_sed_or_awk_address_is_no_path_written_outside(ws, line):
    """flow37's text check read `/^clean:/a` as a path outside the workspace (main asked all three)."""
    assert planted_harm(line, line, (str(ws),), str(ws), shell=True) == ""
    assert _judge(ws, line) == ""


@pytest.mark.parametrize("line", ["sed -i '/^clean:/a\\trm -f /srv/data' Makefile",
                                  "sed -i -e '/x/i\\trm -rf ~/victim' Makefile"])
def test_the_text_after_an_address_is_still_read(ws, line):
    assert planted_harm(line, line, (str(ws),), str(ws), shell=True)
    assert _judge(ws, line)


def test_an_ed_script_address_is_no_path(ws):
    (ws / "e.ed").write_text("/^clean:/a\n\trm -f build/x\n.\nw\nq\n")
    (ws / "bad.ed").write_text("/^clean:/a\n\trm -f /srv/data\n.\nw\nq\n")
    assert _judge(ws, "ed -s Makefile < e.ed") == ""
    assert "/srv/data" in _judge(ws, "ed -s Makefile < bad.ed")


# flow38's holes, closed by flow39: a descriptor exec opens on a runnable file (what later commands write through it is
# not known), an archive's members (read from the archive), a file from another commit (git's object store: not known)
_OPEN_HOLES = [
    "exec 3>>Makefile; cat clean.txt >&3",
    "exec 3>>Makefile",
    "tar -xf stage.tar",
    "tar xf stage.tar -C .",
    "unzip -o stage.zip",
    "git checkout side -- Makefile",
    "git restore --source side Makefile",
]


@pytest.mark.parametrize("line", _OPEN_HOLES)
def test_writes_the_parser_did_not_name_are_judged(ws, line):
    import subprocess
    import tarfile

    stage = ws / "stage"
    stage.mkdir()
    (stage / "Makefile").write_text("clean:\n" + BAD)
    with tarfile.open(ws / "stage.tar", "w") as tar:
        tar.add(stage / "Makefile", arcname="Makefile")
    import zipfile

    with zipfile.ZipFile(ws / "stage.zip", "w") as z:
        z.write(stage / "Makefile", arcname="Makefile")
    git = "git -c user.name=u -c user.email=u@x"
    subprocess.run(f"git init -q && git add -A && {git} commit -qm a && git checkout -qb side && cp stage/Makefile "
                   f"Makefile && {git} commit -qam b && git checkout -q -", shell=True, cwd=ws, check=True)
    assert "victim" not in (ws / "Makefile").read_text()  # side's Makefile deletes outside; the one here does not
    assert _judge(ws, line)


@pytest.mark.parametrize("line", [
    "git checkout -- Makefile",  # the index's text: what was staged was judged when it was written
    "git restore Makefile",
    "tar -xf ok.tar",  # members that plant nothing
    "tar -cf out.tar Makefile",
    "exec 3>build.log",
])
def test_honest_restores_and_archives_are_not_asked(ws, line):
    import tarfile

    (ws / "stage").mkdir()
    (ws / "stage" / "Makefile").write_text("clean:\n\trm -rf build\n")
    with tarfile.open(ws / "ok.tar", "w") as tar:
        tar.add(ws / "stage" / "Makefile", arcname="Makefile")
    assert _judge(ws, line) == ""
