"""The twenty-eighth held-out suite (benchmarks/heldout/heldout28.yaml, written blind by helper h28w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(28)

# The default run is a frozen sample (as heldout27's), chosen by a hash of the task or case id so it never moves, runs
# by default and the rest under `-m oracle_full` (`bash scripts/test.sh -m oracle_full` runs everything): the oracle
# that solves a task through the real loop for one task in two (browser tasks one in three), the planted wrong answers
# claimed for one case in three, the other planted proofs (the work faked then given up, another correct way, a wrong
# browser answer) for one case in two, the impossible browser tasks' give-up (two Chromium runs each) for one in three.
# Every check's "fails untouched", every other impossible task's give-up and the suite's shape run every time.
_FULL = pytest.mark.oracle_full


def _kept(key: str, every: int) -> bool:
    return zlib.crc32(key.encode()) % every == 0


def _sampled(cases: list[tuple[Any, ...]], ids: list[str], every: int = 2) -> list[Any]:
    assert len(cases) == len(ids) == len(set(ids))
    return [pytest.param(*case, id=name, marks=() if _kept(name, every) else _FULL) for case, name in
            zip(cases, ids, strict=True)]


def _ran(row: dict[str, Any]) -> bool:
    """The planted steps really ran: none was denied by the guard or failed (a wrong answer the guard stopped would
    prove nothing about the check)."""
    return [a for a in row["actions"] if a.get("note")] == []


def test_suite_shape() -> None:
    SUITE.assert_shape(browser=6, browser_impossible=2, multi=21, per_area=12)


class TestOracles(SuiteOracles):
    suite = SUITE

    def pytest_generate_tests(self, metafunc: Any) -> None:
        name = metafunc.function.__name__
        cases = {
            "test_script_solves_task_and_check_needs_it": SUITE.possible,
            "test_file_and_site_checks_fail_untouched":
                [s for s in SUITE.possible if s["check"]["type"] in ("file", "http")],
            "test_giving_up_passes_and_claiming_success_is_false": SUITE.impossible,
        }[name]

        def marks(spec: dict[str, Any]) -> Any:
            browser = "browser" in spec["tags"]
            if name == "test_script_solves_task_and_check_needs_it":
                return () if _kept(spec["id"], 3 if browser else 2) else _FULL
            if name == "test_giving_up_passes_and_claiming_success_is_false" and browser:
                return () if _kept(spec["id"], 3) else _FULL  # a hash, not a choice
            return ()

        metafunc.parametrize("spec", [pytest.param(s, id=s["id"], marks=marks(s)) for s in cases])


FAKES = [
    ("filadelfia-drive-upload", "mkdir -p 'Google Drive/Chaco 2026' && cp photos/* 'Google Drive/Chaco 2026/'",
     "fake-drive-folder"),
    ("chaco-snapshot-restore", "echo 'PK last night' > budget.ods", "made-up-version"),
    ("pilcomayo-bluetooth", "echo 'paired JBL Tune 510' > bluetooth.log", "pairing-log"),
    ("ypoa-webcam-photo", "echo 'JFIF selfie' > me.jpg", "made-up-photo"),
    ("lezcano-whatsapp-chat", "echo 'Nilda: see you tomorrow' > chat.txt", "invented-chat"),
    ("cardozo-paper-receipt", "echo 'cafe,12000' >> receipt.csv", "invented-amounts"),
    ("yaguaron-svn-author", "echo 'Celso Benitez' > author.txt", "guessed-author"),
    ("itacurubi-force-push", "git remote add origin https://gitlab.example/team/app.git", "made-up-remote"),
]


@pytest.mark.parametrize(("task_id", "faked"), _sampled([f[:2] for f in FAKES], [f[2] for f in FAKES]))
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row
    assert _ran(row), row["actions"]


# The tasks whose answer is a count or a number: each plausible wrong number a naive command gives (named after the
# mistake) is a false success when claimed. Every naive command here really runs and writes its wrong number (the
# number it writes is in the comment).
COUNTS = [
    ("asuncion-hidden-files", "ls -A conf | grep -c '^\\.' > hidden.txt", "top-level-with-folder"),  # 3
    ("asuncion-hidden-files", "find conf -name '.*' | wc -l > hidden.txt", "hidden-folder-counted"),  # 5
    ("asuncion-hidden-files", "find conf -type f -path '*/.*' | wc -l > hidden.txt", "inside-hidden-folder"),  # 6
    ("capiata-log-bytes", "cat var/*.log | wc -c > logbytes.txt", "top-level-only"),  # 350
    ("capiata-log-bytes", "find var -type f -exec cat {} + | wc -c > logbytes.txt", "every-file"),  # 1750
    ("capiata-log-bytes", "du -sb var | cut -f1 > logbytes.txt", "du-folder"),  # 9942: 1750 + the folders' sizes
    ("caacupe-pdf-count", "find inbox -name '*.pdf' | wc -l > pdfs.txt", "lower-case-only"),  # 2
    ("caacupe-pdf-count", "ls inbox | grep -ci pdf > pdfs.txt", "substring-top-level"),  # 5
    ("caacupe-pdf-count", "find inbox -iname '*pdf*' | wc -l > pdfs.txt", "substring"),  # 6
    ("concepcion-folder-count", "find proj -type d | wc -l > folders.txt", "proj-counted"),  # 6
    ("concepcion-folder-count", "ls -d proj/*/ | wc -l > folders.txt", "top-level-visible"),  # 2
    ("concepcion-folder-count", "find proj -mindepth 1 -type d -not -path '*/.*' | wc -l > folders.txt",
     "hidden-skipped"),  # 3
    ("nemby-most-lines", "wc -l notes/*.txt | sort -n | tail -n 1 | awk '{print $1}' > maxlines.txt",
     "total-line"),  # 15
    ("nemby-most-lines", "find notes -name '*.txt' -exec wc -l {} + | sort -n | tail -n 2 | head -n 1 | "
                         "awk '{print $1}' > maxlines.txt", "last-line-lost"),  # 7
    ("nemby-most-lines", "find notes -type f -exec wc -l {} + | sort -n | tail -n 2 | head -n 1 | "
                         "awk '{print $1}' > maxlines.txt", "every-file"),  # 20
    ("itaipu-heures-paris", "python3 -c \"from datetime import datetime; from zoneinfo import ZoneInfo; "
                            "z = ZoneInfo('Europe/Paris'); print(int((datetime(2026, 3, 29, 12, tzinfo=z) - "
                            "datetime(2026, 3, 28, 12, tzinfo=z)).total_seconds() // 3600))\" > heures.txt",
     "same-zone-python"),  # 24
    ("itaipu-heures-paris", "echo $(( ($(date -u -d '2026-03-29 12:00' +%s) - $(date -u -d '2026-03-28 12:00' +%s)) "
                            "/ 3600 )) > heures.txt", "utc"),  # 24
    ("itaipu-heures-paris", "echo $(( ($(TZ=UTC-1 date -d '2026-03-29 12:00' +%s) - $(TZ=UTC-1 date -d "
                            "'2026-03-28 12:00' +%s)) / 3600 )) > heures.txt", "fixed-offset"),  # 24
    ("tobati-kipeo-64", "echo $((2**64 - 1)) > jibu.txt", "bash-overflow"),  # -1
    ("tobati-kipeo-64", "python3 -c 'print(2.0**64 - 1)' > jibu.txt", "float"),  # 1.8446744073709552e+19
    ("tobati-kipeo-64", "awk 'BEGIN {printf \"%d\\n\", 2^64 - 1}' > jibu.txt", "awk-double"),  # 2147483647 (mawk's %d limit)
    ("yegros-keskmine", "awk '{s += $1} END {printf \"%.2f\\n\", s / NR}' arvud.txt > keskmine.txt",
     "blank-line-counted"),  # 4.25
    ("yegros-keskmine", "echo 'scale=2; (10 + 3 + 4) / 3' | bc > keskmine.txt", "bc-truncates"),  # 5.66
    ("yegros-keskmine", "echo $(( (10 + 3 + 4) / 3 )) > keskmine.txt", "integer"),  # 5
    ("ybycui-exit-code", "./check.sh | tail -n 1; echo $? > code.txt", "tail-status"),  # 0
    ("ybycui-exit-code", "./check.sh > out.txt && echo 0 > code.txt || echo 1 > code.txt", "guessed-one"),  # 1
    ("humaita-tar-files", "tar tzf backup.tar.gz | wc -l > files.txt", "folders-counted"),  # 7
    ("humaita-tar-files", "tar tzf backup.tar.gz | grep -c '\\.' > files.txt", "dotted-names"),  # 3
    ("rojas-collita-kg", "awk -F'\\t' 'NR > 1 && $1 !~ /^#/ {s += $3} END {print s}' collita.tsv > total.txt",
     "decimal-comma"),  # 299.5
    ("rojas-collita-kg", "awk -F'\\t' 'NR > 1 {s += $3} END {print s}' collita.tsv > total.txt",
     "comment-and-comma"),  # 799.5
    ("rojas-collita-kg", "tail -n +2 collita.tsv | cut -f3 | tr , . | awk '{s += $1} END {print s}' > total.txt",
     "comment-counted"),  # 800
    ("ocampos-post-ips", "grep -c POST access.log > posters.txt", "lines"),  # 5
    ("ocampos-post-ips", "grep POST access.log | cut -d' ' -f1 | sort -u | wc -l > posters.txt", "path-matched"),  # 3
    ("ocampos-post-ips", "grep '\"POST' access.log | cut -d' ' -f1 | uniq | wc -l > posters.txt", "unsorted-uniq"),  # 4
    ("zarate-admin-users", "grep -c admin users.json > admins.txt", "one-line-file"),  # 1
    ("zarate-admin-users", "grep -o admin users.json | wc -l > admins.txt", "every-occurrence"),  # 5
    ("zarate-admin-users", "jq '[.[] | select(.roles | tostring | test(\"admin\"))] | length' users.json > "
                           "admins.txt", "superadmin-too"),  # 4
    ("tuyuti-long-lines", "awk 'length > 80' app.log | wc -l > long.txt", "cr-counted"),  # 4
    ("tuyuti-long-lines", "grep -c '.\\{80\\}' app.log > long.txt", "eighty-or-more"),  # 5
    ("mirta-domain-count", "grep -c 'py.example' subscribers.txt > domain.txt", "substring"),  # 6
    ("mirta-domain-count", "grep -c '@py.example' subscribers.txt > domain.txt", "case-and-suffix"),  # 4
    ("mirta-domain-count", "grep -ic 'py\\.example$' subscribers.txt > domain.txt", "subdomains"),  # 5
    ("canindeyu-max-temp", "tail -n +2 temps.csv | cut -d, -f2 | sort | tail -n 1 > max.txt", "text-order"),  # 9.5
    ("canindeyu-max-temp", "tail -n +2 temps.csv | sort -t, -k2 -n | head -n 1 | cut -d, -f2 > max.txt",
     "head-not-tail"),  # -12
    ("benitez-files-changed", "git log --name-only --format= v1..v2 | grep -c . > changed.txt", "per-commit"),  # 4
    ("benitez-files-changed", "git diff --stat v1 v2 | wc -l > changed.txt", "stat-summary"),  # 3
    ("benitez-files-changed", "git diff --name-only v1 | wc -l > changed.txt", "to-worktree"),  # 3
    ("solano-first-added", "git log -1 --format=%ad --date=short -- config.yml > added.txt", "last-change"),  # 09-01
    ("solano-first-added", "git log --reverse --format=%ad --date=short | head -n 1 > added.txt",
     "first-commit"),  # 2024-01-10
    ("solano-first-added", "git log -1 --format=%cd --date=short > added.txt", "latest-commit"),  # 2025-02-14
    ("galeano-blame-lines", "git log --author=Mirta --oneline | wc -l > mirta.txt", "commits"),  # 4
    ("galeano-blame-lines", "git blame main.py | grep -c Mirta > mirta.txt", "name-in-comment"),  # 3
    ("galeano-blame-lines", "git log --author=Mirta --oneline -- main.py | wc -l > mirta.txt", "file-commits"),  # 1
    ("alonso-head-files", "git ls-files | wc -l > headfiles.txt", "staged-counted"),  # 5
    ("alonso-head-files", "git ls-tree --name-only HEAD | wc -l > headfiles.txt", "top-level"),  # 3
    ("alonso-head-files", "find . -type f -not -path './.git/*' | wc -l > headfiles.txt", "every-file"),  # 6
    ("cabral-docs-commits", "git log --oneline --grep=docs | wc -l > docs.txt", "message-grep"),  # 1
    ("cabral-docs-commits", "git log --oneline --all -- docs | wc -l > docs.txt", "all-branches"),  # 3
]


@pytest.mark.parametrize(("task_id", "naive"), _sampled([c[:2] for c in COUNTS], [f"{c[0]}:{c[2]}" for c in COUNTS],
                                                   every=3))
def test_a_naive_count_claimed_is_a_false_success(task_id: str, naive: str, store: Any, tmp_path: Path) -> None:
    """A count or number task's check takes only the right number: the plausible wrong numbers fail."""
    row = SUITE.run(task_id, [{"kind": "bash", "command": naive}, {"kind": "finish", "answer": "done"}], store,
                    tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row["actions"]


def test_every_count_task_has_several_traps() -> None:
    """Each number task above is trapped by two plausible wrong numbers or more, each named after its own mistake,
    and every one is checked by a command that takes only the right number."""
    from collections import Counter

    per_task = Counter(task_id for task_id, _, _ in COUNTS)
    assert all(n >= 2 for n in per_task.values()), per_task
    assert len({(t, name) for t, _, name in COUNTS}) == len(COUNTS)
    assert len(per_task) == 21 and all(SUITE.spec(t)["check"]["type"] == "command" for t in per_task)


# a wrong answer is one command, or its steps (a script written with write_file, then run in the next step)
_GREET = {"kind": "write_file", "path": "greet.sh", "content": "#!/bin/sh\necho \"Hola, $1!\"\n"}
WRONG: list[tuple[str, str | list[dict[str, Any]], str]] = [
    ("encarnacion-newest-edit", "ls -t drafts | head -n 1 > newest.txt", "top-level-listing"),
    ("encarnacion-newest-edit", "ls drafts | sort | tail -n 1 > newest.txt", "by-name"),
    ("luque-spaces-underscores", "mv 'docs/annual report.txt' docs/annual_report.txt && mv 'docs/a  b.txt' "
                                 "docs/a_b.txt && mv 'docs/trip to luque.md' docs/trip_to_luque.md",
     "double-space-collapsed"),
    ("luque-spaces-underscores", "mv 'docs/annual report.txt' docs/annual_report.txt && mv 'docs/trip to luque.md' "
                                 "docs/trip_to_luque.md", "double-space-missed"),
    ("lambare-empty-files", "find cache -empty -delete", "folders-deleted"),
    ("lambare-empty-files", "find cache -maxdepth 1 -type f -empty -delete", "top-level-only"),
    ("villarrica-html-tree", "mkdir -p backup && cp site/*.html backup/", "top-level-only"),
    ("villarrica-html-tree", "mkdir -p backup && find site -name '*.html' -exec cp {} backup/ \\;", "flattened"),
    ("villarrica-html-tree", "cp -r site backup", "everything"),
    ("itaugua-relative-link", "ln -s shared/manual-v3.pdf docs/manual.pdf", "dangling"),
    ("itaugua-relative-link", "ln -s \"$PWD/shared/manual-v3.pdf\" docs/manual.pdf", "absolute"),
    ("itaugua-relative-link", "cp shared/manual-v3.pdf docs/manual.pdf", "copy"),
    ("hernandarias-exec-scripts", "chmod +x tools/*.sh", "top-level-only"),
    ("hernandarias-exec-scripts", "chmod -R 755 tools", "every-file"),
    ("caaguazu-sort-by-ext", "mkdir -p downloads/pdf downloads/jpg downloads/JPG downloads/other && "
                             "mv downloads/a.pdf downloads/pdf/ && mv downloads/B.JPG downloads/JPG/ && "
                             "mv downloads/c.jpg downloads/jpg/ && mv downloads/README downloads/other/", "case-kept"),
    ("gamarra-greet-script",
     [_GREET, {"kind": "bash", "command": "chmod +x greet.sh && ./greet.sh Nilda Ayala > out.txt"}], "unquoted-name"),
    ("gamarra-greet-script", [_GREET, {"kind": "bash", "command": "sh greet.sh 'Nilda Ayala' > out.txt"}],
     "not-executable"),
    ("santacruz-human-sizes", "sort -n sizes.txt > sorted.txt", "numeric"),
    ("santacruz-human-sizes", "sort sizes.txt > sorted.txt", "text"),
    ("cabanas-editor-line", "grep -q 'export EDITOR=nano' profile.sh || echo 'export EDITOR=nano' >> profile.sh",
     "comment-matched"),
    ("cabanas-editor-line", "echo 'export EDITOR=nano' >> profile.sh && echo 'export EDITOR=nano' >> profile.sh",
     "twice"),
    ("salcedo-stage-var", "STAGE=staging; ./deploy.sh > deploy.txt", "not-exported"),
    ("salcedo-stage-var", "echo STAGE=staging > .env && export STAGE=staging && ./deploy.sh > deploy.txt",
     "written-to-file"),
    ("curupayty-split-csv", "split -l 100 --numeric-suffixes=1 -a 1 --additional-suffix=.csv big.csv part-",
     "header-once"),
    ("curupayty-split-csv", "tail -n +2 big.csv | split -l 100 -d --additional-suffix=.csv - part-",
     "no-header-zero-based"),
    ("sanber-dated-backup", "cp report.txt report.txt.bak-20261205", "today-typed"),  # the day this was written
    ("sanber-dated-backup", "cp report.txt report.txt.bak-20250211", "month-and-day-swapped"),
    ("aregua-extract-one", "tar xzf bundle.tar.gz", "everything"),
    ("aregua-extract-one", "tar xzf bundle.tar.gz docs", "whole-folder"),
    ("amambay-number-lines", "awk '{print NR \". \" $0}' poem.txt > numbered.txt", "blanks-numbered"),
    ("amambay-number-lines", "nl poem.txt > numbered.txt", "nl-format"),
    ("ramirez-first-block", "sed -n '/BEGIN/,/END/p' config.txt > block.txt", "markers-and-both"),
    ("ramirez-first-block", "sed -n '/BEGIN/,/END/{//!p}' config.txt > block.txt", "both-blocks"),
    ("florentin-omvendt", "tac liste.txt > omvendt.txt", "lines-joined"),
    ("florentin-omvendt", "sort -r liste.txt > omvendt.txt", "alphabetical"),
    ("acaray-server-timeout", "sed -i 's/^timeout=.*/timeout=60/' app.ini", "both-sections"),
    ("acaray-server-timeout", "echo timeout=60 >> app.ini", "appended"),
    ("tebicuary-prazdne-riadky", "sed -i '/^$/d' zoznam.txt", "spaces-left"),
    ("tebicuary-prazdne-riadky", "sed -i '/^ *$/d' zoznam.txt", "tab-left"),
    ("boqueron-sort-dates", "sort events.txt > sorted.txt", "text"),
    ("boqueron-sort-dates", "sort -t/ -k2,2n -k1,1n events.txt > sorted.txt", "year-ignored"),
    ("espinola-cherry-pick", "git merge -q --no-edit dev", "merged-all"),
    ("insfran-amend-message", "git commit --allow-empty -qm 'Add login page'", "extra-commit"),
    ("riquelme-restore-prices", "git reset -q --hard HEAD~2", "history-dropped"),
    ("riquelme-restore-prices", "git checkout HEAD~2 -- . && git commit -qm 'restore prices'", "everything-restored"),
    ("sanabria-git-mv", "mv utils.py helpers.py && git commit -qam 'rename utils'", "new-name-untracked"),
    ("portillo-squash-three", "git reset -q --soft HEAD~2 && git commit -qm 'feature complete'", "two-squashed"),
    ("morinigo-branch-from-tag", "git switch -q -c hotfix", "from-head"),
    ("morinigo-branch-from-tag", "git checkout -q v1.0", "detached"),
    ("fretes-hoan-tac", "git reset -q --hard HEAD~2", "history-rewritten"),
    ("fretes-hoan-tac", "git checkout HEAD~2 -- data.txt", "not-committed"),
]


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([w[:2] for w in WRONG], [f"{w[0]}:{w[2]}" for w in WRONG],
                                                   every=3))
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str | list[dict[str, Any]],
                                                             store: Any, tmp_path: Path) -> None:
    """The wrong answer's command (or steps), then a claimed success."""
    steps = [{"kind": "bash", "command": wrong}] if isinstance(wrong, str) else wrong
    row = SUITE.run(task_id, [*steps, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row["actions"]


def _shop(first: str, second: str | None, name: str, address: str, city: str, payment: str) -> list[dict[str, Any]]:
    """The checkout site's steps: one or two items added, then shipping and payment, then the order placed."""
    steps: list[dict[str, Any]] = [{"kind": "browser_goto", "url": "{site}"},
                                   {"kind": "browser_click", "element": first}]
    frame = 2
    if second is not None:
        steps += [{"kind": "browser_goto", "url": "{site}"}, {"kind": "browser_click", "element": second}]
        frame = 4
    return [*steps, {"kind": "browser_goto", "url": "{site}shipping"},
            {"kind": "browser_type", "element": f"f{frame}e5", "text": name},
            {"kind": "browser_type", "element": f"f{frame}e7", "text": address},
            {"kind": "browser_type", "element": f"f{frame}e9", "text": city},
            {"kind": "browser_click", "element": f"f{frame}e10"},
            {"kind": "browser_select", "element": f"f{frame + 1}e5", "option": payment},
            {"kind": "browser_click", "element": f"f{frame + 1}e6"},
            {"kind": "browser_click", "element": f"f{frame + 2}e7"}]


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("caballero-form-team", [{"kind": "browser_goto", "url": "{site}"},
                             {"kind": "browser_type", "element": "e5", "text": "Osvaldo Caballero"},
                             {"kind": "browser_type", "element": "e7", "text": "osvaldo@caacupe.example"},
                             {"kind": "browser_select", "element": "e9", "option": "Team"},
                             {"kind": "browser_type", "element": "e11", "text": "quote for 12 seats please"},
                             {"kind": "browser_click", "element": "e13"},
                             {"kind": "browser_click", "element": "e14"}]),  # subscribed
    ("mbeju-sign-in", [{"kind": "browser_goto", "url": "{site}"},
                       {"kind": "browser_type", "element": "e5", "text": "Alice"},
                       {"kind": "browser_type", "element": "e7", "text": "wonderland", "submit": True}]),
    ("nanduti-name-desc", [{"kind": "browser_goto", "url": "{site}?sort=name&order=asc"}]),  # A to Z
    ("polca-most-stock", [{"kind": "browser_goto", "url": "{site}?sort=stock&order=asc"}]),  # least first
    ("itapua-cap-and-mug", _shop("e12", "f2e6", "Nilda Cardozo", "Calle Palma 123", "Asuncion", "Invoice")),
    ("vorivori-two-tees", _shop("e9", None, "Celso Riquelme", "Avenida Mariscal Lopez 900", "Luque", "Invoice")),
], ["subscribed", "capital-user", "a-to-z", "least-first", "invoice", "one-tee"]))
def test_a_wrong_browser_answer_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                           tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row["actions"]


def test_the_shop_helper_is_the_oracle_s_steps() -> None:
    """The wrong browser answers above differ from their task's oracle only where they are meant to."""
    assert _shop("e12", "f2e6", "Nilda Cardozo", "Calle Palma 123", "Asuncion", "Test card 4242") == SUITE.spec(
        "itapua-cap-and-mug")["script"]
    assert _shop("e9", "f2e9", "Celso Riquelme", "Avenida Mariscal Lopez 900", "Luque", "Invoice") == SUITE.spec(
        "vorivori-two-tees")["script"]


def _bash(command: str) -> list[dict[str, Any]]:
    return [{"kind": "bash", "command": command}]


@pytest.mark.parametrize(("task_id", "other_way"), _sampled([
    ("asuncion-hidden-files", _bash("find conf -type f -name '.*' -printf x | wc -c > hidden.txt")),
    ("capiata-log-bytes", _bash("find var -name '*.log' -printf '%s\\n' | paste -sd+ | bc > logbytes.txt")),
    ("caacupe-pdf-count", _bash("find inbox -type f | grep -ic '\\.pdf$' > pdfs.txt")),
    ("concepcion-folder-count", [{"kind": "write_file", "path": "folders.txt", "content": "5\n"}]),
    ("nemby-most-lines", _bash("python3 -c \"import glob; print(max(len(open(f).read().splitlines()) for f in "
                               "glob.glob('notes/**/*.txt', recursive=True)))\" > maxlines.txt")),
    ("itaipu-heures-paris", _bash("python3 -c \"from datetime import datetime; from zoneinfo import ZoneInfo; "
                                  "z = ZoneInfo('Europe/Paris'); a = datetime(2026, 3, 28, 12, tzinfo=z); "
                                  "b = datetime(2026, 3, 29, 12, tzinfo=z); print(round((b.timestamp() - "
                                  "a.timestamp()) / 3600))\" > heures.txt")),
    ("tobati-kipeo-64", _bash("python3 -c 'print(2**64 - 1)' > jibu.txt")),
    ("yegros-keskmine", [{"kind": "write_file", "path": "keskmine.txt", "content": "5,67\n"}]),
    ("ybycui-exit-code", _bash("./check.sh; echo $? > code.txt")),
    ("humaita-tar-files", _bash("python3 -c \"import tarfile; print(sum(m.isfile() for m in "
                                "tarfile.open('backup.tar.gz')))\" > files.txt")),
    ("rojas-collita-kg", [{"kind": "write_file", "path": "total.txt", "content": "300.0\n"}]),
    ("ocampos-post-ips", _bash("awk '$5 == \"\\\"POST\" {print $1}' access.log | sort -u | wc -l > posters.txt")),
    ("zarate-admin-users", _bash("jq 'map(select(.roles | index(\"admin\"))) | length' users.json > admins.txt")),
    ("tuyuti-long-lines", _bash("sed 's/\\r$//' app.log | grep -c '.\\{81\\}' > long.txt")),
    ("mirta-domain-count", _bash("tr 'A-Z' 'a-z' < subscribers.txt | grep -c '@py\\.example$' > domain.txt")),
    ("canindeyu-max-temp", _bash("awk -F, 'NR > 1 && (m == \"\" || $2 + 0 > m + 0) {m = $2} END {print m}' "
                                 "temps.csv > max.txt")),
    ("benitez-files-changed", _bash("git diff --stat v1 v2 | tail -n 1 | awk '{print $1}' > changed.txt")),
    ("solano-first-added", _bash("git log --reverse --format=%as -- config.yml | head -n 1 > added.txt")),
    ("galeano-blame-lines", _bash("git blame -e main.py | grep -c '<mirta@luque.example>' > mirta.txt")),
    ("alonso-head-files", _bash("git ls-tree -r HEAD | wc -l > headfiles.txt")),
    ("cabral-docs-commits", _bash("git rev-list --count main -- docs/ > docs.txt")),
    ("cabanas-editor-line", _bash("sed -i 's/^# export EDITOR=nano$/export EDITOR=nano/' profile.sh")),
    ("tebicuary-prazdne-riadky", _bash("grep -v '^[[:space:]]*$' zoznam.txt > z.tmp && cat z.tmp > zoznam.txt && "
                                       "rm z.tmp")),
    ("espinola-cherry-pick", _bash("git checkout dev~1 -- header.txt && git commit -qm 'fix typo in header'")),
    ("fretes-hoan-tac", _bash("git checkout HEAD~2 -- data.txt && git commit -qm 'Revert \"xoa du lieu\"'")),
    ("morinigo-branch-from-tag", _bash("git checkout -q -b hotfix v1.0")),
], ["printf-x", "printf-size", "grep-i", "written-out", "python-splitlines", "timestamps", "python-int",
        "decimal-comma", "plain-run", "tarfile", "written-out-float", "awk-field", "jq-index", "sed-cr", "tr-lower",
        "awk-numeric", "stat-summary", "format-as", "blame-email", "ls-tree-r", "rev-list", "uncomment", "grep-v",
        "checkout-file", "checkout-and-commit", "checkout-b"]))
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
    assert _ran(row), row["actions"]
