"""The twenty-fourth held-out suite (benchmarks/heldout/heldout24.yaml, written blind by helper h24w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(24)

# The default run is a frozen sample (as heldout18's), chosen by a hash of the task or case id so it never moves, runs
# by default and the rest under `-m oracle_full` (`bash scripts/test.sh -m oracle_full` runs everything): the oracle
# that solves a task through the real loop for one task in two (browser tasks one in three), the planted wrong answers
# claimed for one case in three, the other planted proofs (the work faked then given up, another correct way, a wrong
# browser answer) for one case in two, the impossible browser tasks' give-up (two Chromium runs each) for one of the
# two. Every check's "fails untouched", every other impossible task's give-up and the suite's shape run every time.
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
    SUITE.assert_shape(browser=6, browser_impossible=2, multi=20, per_area=12)


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
                return () if _kept(spec["id"], 3) else _FULL  # one of the two (a hash, not a choice)
            return ()

        metafunc.parametrize("spec", [pytest.param(s, id=s["id"], marks=marks(s)) for s in cases])


@pytest.mark.parametrize(("task_id", "faked"), _sampled([
    ("antsiranana-usb-photos", "mkdir -p photos && touch photos/IMG_0001.jpg"),  # a photo made up
    ("farafangana-trash-restore", "echo 'invoice march' > invoice-march.pdf"),  # an invoice written by hand
    ("sambava-vpn-report", "echo 'Q3 report' > q3-report.pdf"),  # a report made up
    ("ihosy-gpu-driver", "echo 550.54.15 > driver.txt"),  # a version guessed
    ("njaka-red-marks", "sed -i 's/coming/being here/' speech.md"),  # corrections guessed
    ("rindra-shared-doc", "echo '- Miora: looks good' >> notes.md"),  # comments made up
    ("ambanja-open-pr", "git remote add origin https://github.com/ambanja/app.git"),  # a remote invented
    ("maroantsetra-lost-draft", "echo v2 > draft.txt && git commit -qam 'draft v2'"),  # the draft rewritten by hand
], ["made-up-photo", "hand-written-invoice", "made-up-report", "guessed-version", "guessed-corrections",
        "made-up-comments", "invented-remote", "rewritten-draft"]))
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row
    assert _ran(row), row


# The tasks whose answer is a count or a number: each plausible wrong number a naive command gives (named after the
# mistake) is a false success when claimed. Every naive command here really runs and writes its wrong number.
COUNTS = [
    ("antsirabe-folders-count", "find projects -type d | wc -l > folders.txt", "itself-counted"),  # 8
    ("antsirabe-folders-count", "ls projects | wc -l > folders.txt", "top-level-listed"),  # 4
    ("antsirabe-folders-count", "find projects | wc -l > folders.txt", "files-counted"),  # 11
    ("toamasina-hidden-files", "ls inbox | wc -l > count.txt", "hidden-missed"),  # 3
    ("toamasina-hidden-files", "ls -A inbox | wc -l > count.txt", "folder-counted"),  # 5
    ("toamasina-hidden-files", "find inbox -type f | wc -l > count.txt", "subfolder-counted"),  # 5
    ("fianarantsoa-log-bytes", "du -c logs/*.log | tail -n 1 | cut -f1 > bytes.txt", "disk-blocks"),
    ("fianarantsoa-log-bytes", "cat logs/* | wc -c > bytes.txt", "txt-counted"),  # 6807
    ("fianarantsoa-log-bytes", "du -sb logs | cut -f1 > bytes.txt", "whole-folder"),
    ("vohemar-guest-count", "wc -l < guests.txt > n.txt", "no-final-newline"),  # 4
    ("vohemar-guest-count", "wc -w < guests.txt > n.txt", "words-counted"),  # 6
    ("betafo-time-limit", "timeout 2 ./slow.sh | cat; echo $? > status.txt", "pipe-status"),  # 0
    ("betafo-time-limit", "timeout 2 ./slow.sh || echo 1 > status.txt", "guessed-one"),  # 1
    ("moramanga-kod-potoku", "./fetch.sh | ./parse.sh; echo $? > code.txt", "last-command"),  # 0
    ("masoala-stderr-count", "./check.sh | wc -l > warnings.txt", "stdout-counted"),  # 2
    ("masoala-stderr-count", "./check.sh 2>&1 | wc -l > warnings.txt", "both-streams"),  # 5
    ("masoala-stderr-count", "./check.sh 2>&1 | grep -c warning > warnings.txt", "word-grepped"),  # 4
    ("romazava-zebu-count", "grep -c zebu herd.txt > zebu.txt", "lines-counted"),  # 5
    ("romazava-zebu-count", "grep -cw zebu herd.txt > zebu.txt", "word-lines"),  # 3
    ("romazava-zebu-count", "grep -o zebu herd.txt | wc -l > zebu.txt", "substrings"),  # 8
    ("ariary-paid-count", "grep -c paid orders.json > paid.txt", "unpaid-too"),  # 5
    ("ariary-paid-count", "grep -c '\"status\": \"paid\"' orders.json > paid.txt", "nested-status"),  # 4
    ("ariary-paid-count", "jq length orders.json > paid.txt", "all-orders"),  # 5
    ("akoho-distinct-ips", "wc -l < visits.log > ips.txt", "all-lines"),  # 7
    ("akoho-distinct-ips", "cut -d' ' -f1 visits.log | uniq | wc -l > ips.txt", "uniq-unsorted"),  # 7
    ("akoho-distinct-ips", "cut -d' ' -f1 visits.log | sort | uniq -u | wc -l > ips.txt", "seen-once"),  # 2
    ("lasary-error-level", "grep -c ERROR app.log > errors.txt", "substring"),  # 5
    ("lasary-error-level", "grep -cw ERROR app.log > errors.txt", "word-in-message"),  # 4
    ("lasary-error-level", "grep -ci error app.log > errors.txt", "any-case"),  # 6
    ("salegy-expense-sum", "awk -F, 'NR > 1 {s += $2} END {printf \"%.2f\\n\", s}' expenses.csv > sum.txt",
     "old-total-added"),  # 215.00
    ("salegy-expense-sum", "awk '{s += $2} END {printf \"%.2f\\n\", s}' expenses.csv > sum.txt", "no-separator"),
    ("antandroy-ligne-baobab", "grep -n baobab poeme.txt | head -n 1 | cut -d: -f1 > ligne.txt", "plural-matched"),
    ("antandroy-ligne-baobab", "grep -c baobab poeme.txt > ligne.txt", "a-count"),  # 3
    ("hasina-commits-everywhere", "git rev-list --count HEAD > total.txt", "current-branch"),  # 3
    ("hasina-commits-everywhere", "{ git rev-list --count main; git rev-list --count feature; git rev-list --count fix; "
                                  "} | awk '{s += $1} END {print s}' > total.txt", "shared-counted-twice"),  # 9
    ("fanja-merge-count", "git log --oneline | grep -c Merge > merges.txt", "message-grepped"),  # 3
    ("fanja-merge-count", "git rev-list --count main > merges.txt", "all-commits"),  # 6
    ("mialy-budget-changes", "git log --oneline | grep -c budget > changes.txt", "messages-grepped"),  # 2
    ("mialy-budget-changes", "git log --oneline -- 'budget*' | wc -l > changes.txt", "notes-file-too"),  # 4
    ("mialy-budget-changes", "git rev-list --count HEAD > changes.txt", "every-commit"),  # 5
]


@pytest.mark.parametrize(("task_id", "naive"), _sampled([c[:2] for c in COUNTS], [c[2] for c in COUNTS], every=3))
def test_a_naive_count_claimed_is_a_false_success(task_id: str, naive: str, store: Any, tmp_path: Path) -> None:
    """A count or number task's check takes only the right number: the plausible wrong numbers fail."""
    row = SUITE.run(task_id, [{"kind": "bash", "command": naive}, {"kind": "finish", "answer": "done"}], store,
                    tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


def test_every_count_task_has_several_traps() -> None:
    """Each number task above is trapped by two plausible wrong numbers or more (one for the pipe-status task, whose
    naive `$?` is the only plausible one), and each trap names its own mistake."""
    from collections import Counter

    per_task = Counter(task_id for task_id, _, _ in COUNTS)
    assert all(n >= 2 for t, n in per_task.items() if t != "moramanga-kod-potoku"), per_task
    assert len(per_task) == 16 and all(SUITE.spec(t)["check"]["type"] == "command" for t in per_task)


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("mahajanga-backup-times", "cp -r site site-backup"),  # new dates
    ("morondava-empty-dirs", "rm -r tree/a tree/b"),  # the hidden-file folder gone, the deep empty one kept
    ("toliara-spaces-underscores", "mv 'scans/page one.pdf' scans/page_one.pdf && "
                                   "mv 'scans/page two final.pdf' 'scans/page_two final.pdf'"),  # the first space only
    ("ambositra-newest-report", "ls reports | tail -n 1 > newest.txt"),  # the last name
    ("ambositra-newest-report", "ls -S reports | head -n 1 > newest.txt"),  # the biggest
    ("ranomafana-by-extension", "mkdir -p drop/images drop/docs && mv drop/*png* drop/images/ && "
                                "mv drop/*.md drop/docs/"),  # x.png.md taken for a png
    ("isalo-fix-symlink", "rm latest && cp -r builds/b7 latest"),  # a copy, not a link
    ("isalo-fix-symlink", "ln -sfn b7 latest"),  # a link to nothing
    ("andasibe-gzip-keep", "gzip data/*.csv"),  # the originals gone
    ("andasibe-gzip-keep", "gzip -k data/*"),  # the readme compressed too
    ("ambalavao-heaviest-folder", "find photos -type f -printf '%s %h\\n' | sort -n | tail -n 1 | cut -d' ' -f2 > "
                                  "heaviest.txt"),  # the folder of the biggest file
    ("manakara-sh-executable", "chmod u+x scripts/*.sh"),  # the subfolder missed
    ("manakara-sh-executable", "chmod -R u+x scripts"),  # the readme too
    ("mananjary-region-once", "./report.sh > report.txt"),  # no variable
    ("miandrivazo-two-args", "./args.sh Rasoa Be Tana > args.txt"),  # three arguments
    ("bemaraha-append-both", "./stamp.sh morning > stamps.txt; ./stamp.sh evening > stamps.txt"),  # overwritten
    ("ankarana-names-once", "while read -r n; do ./greet.sh \"$n\"; done < names.txt > greet.txt"),  # one run each
    ("ravitoto-padded-pages", "mkdir -p pages && python3 -c \"[open(f'pages/page-{i}.txt', 'w').write(f'{i}\\n') "
                              "for i in range(1, 13)]\""),  # no padding
    ("ravitoto-padded-pages", "mkdir -p pages && python3 -c \"[open(f'pages/page-{i:02d}.txt', 'w').write(f'{i:02d}\\n') "
                              "for i in range(1, 13)]\""),  # 07 inside
    ("valiha-stop-at-failure", "./step1.sh; ./step2.sh; ./step3.sh"),  # step3 ran
    ("tsingy-missing-tools", "echo frobnicate-zz > missing.txt"),  # one missed
    ("sakalava-crlf-script", ("tr -d '\\r' < run.sh > fixed.sh && chmod +x fixed.sh", "./fixed.sh > out.txt")),  # a copy
    ("sakalava-crlf-script", "sed -i 's/\\r$//' run.sh"),  # fixed, never run
    ("ravitoto-human-sizes", "sort -n sizes.txt > sorted.txt"),  # 1G first
    ("kabary-wrap-words", "fold -w 30 story.txt > wrapped.txt"),  # words cut
    ("betsileo-dubbele-regels", "sort -u boodschappen.txt > lijst.txt"),  # order lost
    ("mahafaly-between-markers", "sed -n '/BEGIN/,/END/p' config.txt > inner.txt"),  # markers kept
    ("rasoa-capital-first", "sed -i 's/\\b./\\u&/g' names.txt"),  # every word
    ("rasoa-capital-first", "tr a-z A-Z < names.txt > n.tmp && mv n.tmp names.txt"),  # all capitals
    ("voahangy-json-csv", "jq -r '.[] | \"\\(.name),\\(.age)\"' people.json > people.csv"),  # no header
    ("nirina-delete-merged", "git branch -D done1 done2 wip"),  # the unmerged one too
    ("nirina-delete-merged", "git branch -d done1"),  # one merged branch left
    ("sitraka-undo-keep", "git reset -q --hard HEAD~1"),  # the change lost
    ("sitraka-undo-keep", "git revert --no-edit HEAD"),  # a new commit
    ("tahina-rename-tracked", "mv notes.md NOTES.md && git add NOTES.md && git commit -qm 'rename notes'"),
    ("miora-squash-two", "git commit -q --amend -m 'add menu'"),  # only the last renamed
    ("kabary-tags-at", "git tag > tags.txt"),  # every tag
    ("kabary-tags-at", "git tag --points-at HEAD > tags.txt"),  # the latest commit's
    ("famadihana-blame-line", "git log -1 --format=%an > who.txt"),  # the last author
    ("sakalava-versione-tag", "git checkout v1 -- prezzi.txt && cp prezzi.txt prezzi-v1.txt"),  # prezzi.txt changed
    ("ariary-pick-rounding", "git merge -q --no-edit experiment"),  # everything merged
    ("akoho-amend-forgotten", "git add forgotten.txt && git commit -qm 'add forgotten.txt'"),  # a new commit
], ["new-dates", "hidden-removed", "first-space", "last-name", "biggest", "png-in-name", "copied", "dangling",
        "originals-gone", "readme-too", "biggest-file", "top-only", "recursive", "no-variable", "split-arg",
        "overwritten", "one-run-each", "unpadded", "zero-inside", "no-stop", "one-missed", "copy-fixed", "never-run",
        "numeric", "words-cut", "order-lost", "markers-kept", "every-word", "all-caps", "no-header", "unmerged-deleted",
        "one-left", "hard-reset", "reverted", "old-name-kept", "amended-only", "all-tags", "head-tags", "last-author",
        "file-changed", "merged", "new-commit"], every=3))
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str | tuple[str, ...], store: Any,
                                                             tmp_path: Path) -> None:
    """The wrong answer's command (or commands, one step each), then a claimed success."""
    commands = (wrong,) if isinstance(wrong, str) else wrong
    script = [*({"kind": "bash", "command": c} for c in commands), {"kind": "finish", "answer": "done"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("voahangy-form-quiet", [{"kind": "browser_goto", "url": "{site}"},
                             {"kind": "browser_type", "element": "e5", "text": "Voahangy Rasoamanana"},
                             {"kind": "browser_type", "element": "e7", "text": "voahangy@toliara.example"},
                             {"kind": "browser_select", "element": "e9", "option": "Team"},
                             {"kind": "browser_click", "element": "e13"},
                             {"kind": "browser_click", "element": "e14"}]),  # subscribed
    ("voahangy-form-quiet", [{"kind": "browser_goto", "url": "{site}"},
                             {"kind": "browser_type", "element": "e5", "text": "Voahangy Rasoamanana"},
                             {"kind": "browser_type", "element": "e7", "text": "voahangy@toliara.example"},
                             {"kind": "browser_click", "element": "e14"}]),  # the plan left at Basic
    ("antananarivo-iniciar-sesion", [{"kind": "browser_goto", "url": "{site}"},
                                     {"kind": "browser_type", "element": "e5", "text": "Alice"},
                                     {"kind": "browser_type", "element": "e7", "text": "wonderland", "submit": True}]),
    ("toamasina-names-reversed", [{"kind": "browser_goto", "url": "{site}?sort=name&order=asc"}]),  # A first
    ("sambava-running-low", [{"kind": "browser_goto", "url": "{site}?sort=stock&order=desc"}]),  # most first
    ("ambatolampy-dearest-first", [{"kind": "browser_goto", "url": "{site}?sort=price&order=asc"}]),  # cheapest
    ("mahajanga-mug-and-tee", [{"kind": "browser_goto", "url": "{site}"},
                               {"kind": "browser_click", "element": "e6"},
                               {"kind": "browser_goto", "url": "{site}shipping"},
                               {"kind": "browser_type", "element": "f2e5", "text": "Hery Rakoto"},
                               {"kind": "browser_type", "element": "f2e7", "text": "Lalana Ravoninahitriniarivo 7"},
                               {"kind": "browser_type", "element": "f2e9", "text": "Antananarivo"},
                               {"kind": "browser_click", "element": "f2e10"},
                               {"kind": "browser_select", "element": "f3e5", "option": "Test card 4242"},
                               {"kind": "browser_click", "element": "f3e6"},
                               {"kind": "browser_click", "element": "f4e7"}]),  # the T-shirt forgotten
], ["subscribed", "plan-default", "username-case", "ascending", "stock-descending", "price-ascending", "tee-forgotten"]))
def test_a_wrong_browser_answer_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                           tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "other_way"), _sampled([
    ("antsirabe-folders-count", [{"kind": "write_file", "path": "folders.txt", "content": "7\n"}]),
    ("fianarantsoa-log-bytes", [{"kind": "bash", "command": "du -cb logs/*.log | tail -n 1 | cut -f1 > bytes.txt"}]),
    ("mahajanga-backup-times", [{"kind": "bash", "command": "cp -rp site site-backup"}]),
    ("manakara-sh-executable", [{"kind": "bash", "command": "chmod +x scripts/a.sh scripts/lib/b.sh"}]),
    ("andasibe-gzip-keep", [{"kind": "bash", "command": "for f in data/*.csv; do gzip -c \"$f\" > \"$f.gz\"; done"}]),
    ("vohemar-guest-count", [{"kind": "bash", "command": "awk 'END {print NR}' guests.txt > n.txt"}]),
    ("moramanga-kod-potoku", [{"kind": "bash", "command": "set -o pipefail; ./fetch.sh | ./parse.sh; echo $? > code.txt; "
                                                          "set +o pipefail"}]),
    ("romazava-zebu-count", [{"kind": "bash", "command": "tr -cs 'a-z' '\\n' < herd.txt | grep -cx zebu > zebu.txt"}]),
    ("akoho-distinct-ips", [{"kind": "bash", "command": "awk '{print $1}' visits.log | sort | uniq | wc -l > ips.txt"}]),
    ("lasary-error-level", [{"kind": "bash", "command": "grep -c '^[^ ]* ERROR ' app.log > errors.txt"}]),
    ("kabary-wrap-words", [{"kind": "bash", "command": "fmt -w 30 story.txt > wrapped.txt"}]),
    ("hasina-commits-everywhere", [{"kind": "bash", "command": "git log --all --oneline | wc -l > total.txt"}]),
    ("mialy-budget-changes", [{"kind": "write_file", "path": "changes.txt", "content": "3\n"}]),
    ("sitraka-undo-keep", [{"kind": "bash", "command": "git reset -q --soft HEAD~1"}]),
    ("valiha-stop-at-failure", [{"kind": "bash", "command": "./step1.sh && ./step2.sh && ./step3.sh; true"}]),
    ("voahangy-json-csv", [{"kind": "bash", "command": "jq -r '[\"name\",\"age\"], (.[] | [.name, .age]) | @csv' "
                                                       "people.json > people.csv"}]),
], ["written-out", "du-apparent", "cp-p", "plus-x", "gzip-c-loop", "awk-nr", "pipefail", "tr-words", "sort-uniq",
        "anchored-grep", "fmt", "log-all", "written-number", "soft-reset", "semicolon-true", "csv-quoted"]))
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
    assert _ran(row), row
