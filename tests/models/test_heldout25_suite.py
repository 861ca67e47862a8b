"""The twenty-fifth held-out suite (benchmarks/heldout/heldout25.yaml, written blind by helper h25w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(25)

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
                return () if _kept(spec["id"], 3) else _FULL  # one of the two (a hash, not a choice)
            return ()

        metafunc.parametrize("spec", [pytest.param(s, id=s["id"], marks=marks(s)) for s in cases])


@pytest.mark.parametrize(("task_id", "faked"), _sampled([
    ("lahemaa-dropbox-sync", "mkdir -p backup && cp readme.txt backup/"),  # a "sync" of what was here
    ("kihnu-undelete-folder", "mkdir -p old-photos && cp new-photos/p1.jpg old-photos/"),  # a folder made up
    ("sillamae-restart-prod", "echo 'nginx restarted' > restart.log"),  # a log made up
    ("kardla-office-printer", "cp invoice.txt printed-copy-1.txt"),  # "printed" copies
    ("rapla-whiteboard-notes", "echo '- budget approved' > meeting.md"),  # notes made up
    ("jogeva-phone-contacts", "printf 'name,phone\\nSiim,5551234\\nToomas,5555678\\n' > contacts.csv"),  # invented
    ("keila-push-upstream", "git remote add origin https://gitlab.keila.example/team/app.git"),  # a remote invented
    ("siim-stash-apply", "echo 'def search(q): return []' > search.py"),  # the stash rewritten by hand
], ["synced-local", "made-up-folder", "made-up-log", "printed-copies", "made-up-notes", "invented-numbers",
        "invented-remote", "rewritten-stash"]))
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row
    assert _ran(row), row


# The tasks whose answer is a count or a number: each plausible wrong number a naive command gives (named after the
# mistake) is a false success when claimed. Every naive command here really runs and writes its wrong number.
COUNTS = [
    ("parnu-regular-files", "find docs ! -type d | wc -l > files.txt", "symlink-counted"),  # 5
    ("parnu-regular-files", "find docs -type f ! -name '.*' | wc -l > files.txt", "hidden-missed"),  # 3
    ("parnu-regular-files", "find docs | wc -l > files.txt", "folders-counted"),  # 9
    ("viljandi-mp3-count", "find music -type f -name '*.mp3' | wc -l > mp3.txt", "case-sensitive"),  # 2
    ("viljandi-mp3-count", "find music | grep -ci mp3 > mp3.txt", "any-mention"),  # 6
    ("viljandi-mp3-count", "ls music/*.mp3 | wc -l > mp3.txt", "top-level-only"),  # 1
    ("saaremaa-distinct-contents", "ls photos | wc -l > distinct.txt", "names-counted"),  # 5
    ("saaremaa-distinct-contents", "md5sum photos/* | cut -d' ' -f1 | sort | uniq -u | wc -l > distinct.txt",
     "seen-once"),  # 1
    ("saaremaa-distinct-contents", "md5sum photos/* | sort -u | wc -l > distinct.txt", "whole-lines"),  # 5
    ("rakvere-empty-files", "find data -empty | wc -l > empty.txt", "folder-counted"),  # 4
    ("rakvere-empty-files", "find data -type f -empty ! -name '.*' | wc -l > empty.txt", "hidden-missed"),  # 2
    ("rakvere-empty-files", "find data -maxdepth 1 -type f -empty | wc -l > empty.txt", "top-level-only"),  # 2
    ("johvi-python-lines", "find src -name '*.py' -exec wc -l {} + | tail -n 1 | awk '{print $1}' > lines.txt",
     "no-final-newline"),  # 8
    ("johvi-python-lines", "find src -name '*.py' -exec wc -l {} + | awk '{s += $1} END {print s}' > lines.txt",
     "total-added"),  # 16
    ("johvi-python-lines", "find src -type f -exec cat {} + | wc -l > lines.txt", "readme-too"),  # 13
    ("muhu-validate-status", "./validate.sh input.csv | cat; echo $? > code.txt", "pipe-status"),  # 0
    ("muhu-validate-status", "./validate.sh input.csv || echo 1 > code.txt", "guessed-one"),  # 1
    ("vormsi-glob-args", "find words -name '*.txt' | xargs ./nargs.sh > n.txt", "xargs-split"),  # 3
    ("vormsi-glob-args", "ls words | wc -l > n.txt", "every-file"),  # 3
    ("peipsi-multiples-sum", "seq 1 99 | awk '$1 % 3 == 0 || $1 % 5 == 0 {s += $1} END {print s}' > sum.txt",
     "hundred-left-out"),  # 2318
    ("peipsi-multiples-sum", "{ seq 3 3 100; seq 5 5 100; } | awk '{s += $1} END {print s}' > sum.txt",
     "both-counted-twice"),  # 2733
    ("siim-leap-days", "echo $(( ($(date -ud 2023-03-10 +%s) - $(date -ud 2023-02-10 +%s)) / 86400 )) > days.txt",
     "not-a-leap-year"),  # 28
    ("siim-leap-days", "echo $(( ($(date -ud 2024-03-10 +%s) - $(date -ud 2024-02-10 +%s)) / 86400 + 1 )) > days.txt",
     "both-ends"),  # 30
    ("toomas-login-shells", "grep -vc nologin passwd.txt > shells.txt", "false-and-comments"),  # 6
    ("toomas-login-shells", "grep -c bash passwd.txt > shells.txt", "bash-only"),  # 4
    ("toomas-login-shells", "grep -vEc 'nologin|false' passwd.txt > shells.txt", "comments-counted"),  # 6
    ("jogeva-settings-count", "grep -vc '^#' app.conf > settings.txt", "indented-and-blank"),  # 6
    ("jogeva-settings-count", "grep -c = app.conf > settings.txt", "commented-setting"),  # 5
    ("jogeva-settings-count", "grep -vc '^$' app.conf > settings.txt", "non-blank"),  # 7
    ("polva-qty-total", "awk -F, 'NR > 1 {s += $2} END {print s}' stock.csv > qty.txt", "quoted-comma"),  # 17
    ("polva-qty-total", "awk -F, 'NR > 1 {s += $3} END {print s}' stock.csv > qty.txt", "shifted-column"),  # 12.2
    ("kuressaare-section-line", "grep -n database settings.ini | head -n 1 | cut -d: -f1 > line.txt",
     "comment-line"),  # 4
    ("kuressaare-section-line", "grep -n '\\[database' settings.ini | head -n 1 | cut -d: -f1 > line.txt",
     "prefix-section"),  # 5
    ("kuressaare-section-line", "grep -c database settings.ini > line.txt", "a-count"),  # 3
    ("narva-distinct-emails", "grep -oE '[A-Za-z0-9._-]+@[A-Za-z0-9.-]+' mail.log | sort -u | wc -l > emails.txt",
     "case-sensitive"),  # 4
    ("narva-distinct-emails", "grep -c @ mail.log > emails.txt", "lines-counted"),  # 4
    ("narva-distinct-emails", "grep -oE '[A-Za-z0-9._-]+@[A-Za-z0-9.-]+' mail.log | wc -l > emails.txt",
     "repeats-counted"),  # 6
    ("saaremaa-nimede-arv", "sort -u nimed.txt | wc -l > arv.txt", "blank-line-counted"),  # 5
    ("saaremaa-nimede-arv", "uniq nimed.txt | wc -l > arv.txt", "uniq-unsorted"),  # 7
    ("saaremaa-nimede-arv", "sort nimed.txt | uniq -u | wc -l > arv.txt", "seen-once"),  # 3
    ("otepaa-author-commits", "git log --author=Kadri --oneline | wc -l > kadri.txt", "first-name"),  # 3
    ("otepaa-author-commits", "git log main | grep -c 'Kadri Tamm' > kadri.txt", "log-grepped"),  # 4
    ("otepaa-author-commits", "git log --author='Kadri Tamm' --oneline | wc -l > kadri.txt", "author-regex"),  # 3
    ("lahemaa-files-changed", "git show --stat --format= HEAD~1 | wc -l > changed.txt", "summary-line"),  # 6
    ("lahemaa-files-changed", "git diff-tree --no-commit-id --name-only -r --diff-filter=A HEAD~1 | wc -l > changed.txt",
     "added-only"),  # 3
    ("lahemaa-files-changed", "git show --name-only --format= HEAD | grep -c . > changed.txt", "latest-commit"),  # 1
    ("kihnu-ahead-count", "git rev-list --count feature > ahead.txt", "whole-branch"),  # 4
    ("kihnu-ahead-count", "git rev-list --count feature...main > ahead.txt", "symmetric"),  # 5
    ("leelo-authored-days", "git log --format=%ad --date=short | uniq | wc -l > days.txt", "uniq-unsorted"),  # 5
    ("leelo-authored-days", "git log --format=%cd --date=short | sort -u | wc -l > days.txt", "committer-date"),  # 1
    ("leelo-authored-days", "git rev-list --count HEAD > days.txt", "every-commit"),  # 5
]


@pytest.mark.parametrize(("task_id", "naive"), _sampled([c[:2] for c in COUNTS], [f"{c[0]}:{c[2]}" for c in COUNTS],
                                                   every=3))
def test_a_naive_count_claimed_is_a_false_success(task_id: str, naive: str, store: Any, tmp_path: Path) -> None:
    """A count or number task's check takes only the right number: the plausible wrong numbers fail."""
    row = SUITE.run(task_id, [{"kind": "bash", "command": naive}, {"kind": "finish", "answer": "done"}], store,
                    tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


def test_every_count_task_has_several_traps() -> None:
    """Each number task above is trapped by two plausible wrong numbers or more, each named after its own mistake,
    and every one is checked by a command that takes only the right number."""
    from collections import Counter

    per_task = Counter(task_id for task_id, _, _ in COUNTS)
    assert all(n >= 2 for n in per_task.values()), per_task
    assert len({(t, name) for t, _, name in COUNTS}) == len(COUNTS)
    assert len(per_task) == 19 and all(SUITE.spec(t)["check"]["type"] == "command" for t in per_task)


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("narva-largest-anywhere", "ls -S media | head -n 1 > largest.txt"),  # the top level only
    ("haapsalu-jpeg-jpg", "mv pics/sea.jpeg pics/sea.jpg && mv pics/jpeg.jpeg pics/jpg.jpeg && "
                          "mv pics/old.photo.jpeg pics/old.photo.jpg"),  # the first "jpeg" replaced
    ("kuressaare-before-2025", "mkdir -p old && mv inbox/*2024* old/"),  # by name
    ("hiiumaa-tar-without-modules", "tar czf project.tar.gz project"),  # node_modules packed
    ("valga-secrets-private", "chmod 600 secrets/api.key secrets/db.pass"),  # the folder left open
    ("paide-collect-conf", "mkdir -p confs && cp etc-sample/*.conf confs/"),  # the top level only
    ("paide-collect-conf", "mkdir -p confs && find etc-sample -name '*.conf*' -exec cp -t confs {} +"),  # .bak too
    ("otepaa-broken-links", "find links -type l -printf '%f\\n' | sort > broken.txt"),  # every link
    ("kilu-answers-stdin", "./ask.sh Priit Tartu < /dev/null > answers.txt"),  # arguments, not input
    ("mulgi-cron-monday", "echo '2 30 * * 1 /opt/backup.sh' > cron.txt"),  # hour and minute swapped
    ("leelo-notify-failure", "./build.sh || ./notify.sh failed; ./notify.sh ok"),  # both
    ("priit-path-extended", "PATH=\"$PWD/tools/bin:$PATH\" hello > hello.txt"),  # the argument forgotten
    ("triin-split-streams", "./build.sh > out.log 2>&1 && touch err.log"),  # mixed
    ("keila-tee-append", "./deploy.sh | tee deploy.log"),  # the old entries wiped
    ("karksi-bak-cleanup", "rm tmp/*.bak"),  # the subfolder missed
    ("rapla-scores-desc", "sort -t \"$(printf '\\t')\" -k2,2nr scores.tsv > ranked.tsv"),  # the header sorted away
    ("rapla-scores-desc", "{ head -n 1 scores.tsv; tail -n +2 scores.tsv | sort -t \"$(printf '\\t')\" -k2,2r; } > "
                          "ranked.tsv"),  # as text
    ("laulupidu-whole-word", "sed -i 's/laul/laulupidu/g' song.txt"),  # inside words too
    ("parnu-iso-dates", "sed -E -i 's/([0-9]{2})\\.([0-9]{2})\\.([0-9]{4})/\\3-\\1-\\2/' events.csv"),  # day and month
    ("viljandi-pretty-json", "python3 -m json.tool users.json > users.pretty.json"),  # four spaces
    ("haapsalu-trailing-blanks", "sed -i 's/ *$//' code.py"),  # tabs left
    ("haapsalu-trailing-blanks", "sed -i 's/^[[:space:]]*//; s/[[:space:]]*$//' code.py"),  # indentation gone
    ("hiiumaa-numerar-linhas", "cat -n lista.txt > l.tmp && mv l.tmp lista.txt"),  # cat -n's format, blank numbered
    ("hiiumaa-numerar-linhas", "awk '{print NR \". \" $0}' lista.txt > l.tmp && mv l.tmp lista.txt"),  # blank numbered
    ("rakvere-poista-debug", "grep -v DEBUG loki.txt > puhdas.txt"),  # DEBUGGER removed too
    ("rakvere-poista-debug", "sed -i '/\\bDEBUG\\b/d' loki.txt && cp loki.txt puhdas.txt"),  # the original changed
    ("muhu-unstage-secret", "git reset -q"),  # everything unstaged
    ("muhu-unstage-secret", "git rm -q -f secret.env"),  # deleted from disk
    ("vormsi-ignore-logs", "printf '*.log\\nbuild/\\n' > .gitignore && git add .gitignore && "
                           "git commit -qm 'ignore logs and build'"),  # debug.log still tracked
    ("peipsi-annotated-tag", "git tag v2.0 HEAD~1"),  # lightweight
    ("peipsi-annotated-tag", "git tag -a v2.0 -m 'second release'"),  # the newest commit
    ("emajogi-restore-config", "git revert --no-edit HEAD"),  # app.py reverted too
    ("emajogi-restore-config", "git checkout HEAD~1 -- config.yml"),  # never committed
    ("kilu-stash-hotfix", "git add menu.txt && git commit -qm wip && git switch -q hotfix && echo patched > fix.txt && "
                          "git add fix.txt && git commit -qm hotfix && git switch -q main"),  # the edit committed
    ("verivorst-prvni-commit", "git rev-list HEAD | tail -n 1 | cut -c1-7 > prvni.txt"),  # short
    ("verivorst-prvni-commit", "git rev-parse HEAD > prvni.txt"),  # the newest
    ("mulgi-merge-both-lines", "git merge -q -X ours --no-edit sauce"),  # sauce's line lost
    ("triin-ny-gren", "git switch -q -c rettelse"),  # from the newest commit
], ["top-level", "first-jpeg", "by-name", "modules-packed", "folder-left-open", "top-only", "bak-too", "every-link",
        "as-arguments", "swapped", "both-notified", "no-argument", "mixed-streams", "log-wiped", "subfolder-missed",
        "header-sorted", "text-order", "inside-words", "day-month", "four-spaces", "tabs-left", "indent-gone", "cat-n",
        "blank-numbered", "debugger-removed", "original-changed", "all-unstaged", "deleted", "still-tracked",
        "lightweight", "newest-tagged", "reverted", "uncommitted", "edit-committed", "short-hash", "newest-hash",
        "ours-only", "from-head"], every=3))
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str | tuple[str, ...], store: Any,
                                                             tmp_path: Path) -> None:
    """The wrong answer's command (or commands, one step each), then a claimed success."""
    commands = (wrong,) if isinstance(wrong, str) else wrong
    script = [*({"kind": "bash", "command": c} for c in commands), {"kind": "finish", "answer": "done"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("toomas-form-pro", [{"kind": "browser_goto", "url": "{site}"},
                         {"kind": "browser_type", "element": "e5", "text": "Toomas Kask"},
                         {"kind": "browser_type", "element": "e7", "text": "toomas@rakvere.example"},
                         {"kind": "browser_select", "element": "e9", "option": "Pro"},
                         {"kind": "browser_type", "element": "e11", "text": "call me after 5"},
                         {"kind": "browser_click", "element": "e14"}]),  # not subscribed
    ("polva-sign-in", [{"kind": "browser_goto", "url": "{site}"},
                       {"kind": "browser_type", "element": "e5", "text": "alice"},
                       {"kind": "browser_type", "element": "e7", "text": "Wonderland", "submit": True}]),
    ("narva-most-stock", [{"kind": "browser_goto", "url": "{site}?sort=stock&order=asc"}]),  # least first
    ("rakvere-cheapest-first", [{"kind": "browser_goto", "url": "{site}?sort=price&order=desc"}]),  # dearest
    ("kuressaare-two-mugs", [{"kind": "browser_goto", "url": "{site}"},
                             {"kind": "browser_click", "element": "e6"},
                             {"kind": "browser_goto", "url": "{site}shipping"},
                             {"kind": "browser_type", "element": "f2e5", "text": "Triin Kask"},
                             {"kind": "browser_type", "element": "f2e7", "text": "Lossi 1"},
                             {"kind": "browser_type", "element": "f2e9", "text": "Kuressaare"},
                             {"kind": "browser_click", "element": "f2e10"},
                             {"kind": "browser_select", "element": "f3e5", "option": "Test card 4242"},
                             {"kind": "browser_click", "element": "f3e6"},
                             {"kind": "browser_click", "element": "f4e7"}]),  # one mug
    ("haapsalu-cap-invoice", [{"kind": "browser_goto", "url": "{site}"},
                              {"kind": "browser_click", "element": "e12"},
                              {"kind": "browser_goto", "url": "{site}shipping"},
                              {"kind": "browser_type", "element": "f2e5", "text": "Siim Org"},
                              {"kind": "browser_type", "element": "f2e7", "text": "Karja 3"},
                              {"kind": "browser_type", "element": "f2e9", "text": "Haapsalu"},
                              {"kind": "browser_click", "element": "f2e10"},
                              {"kind": "browser_select", "element": "f3e5", "option": "Test card 4242"},
                              {"kind": "browser_click", "element": "f3e6"},
                              {"kind": "browser_click", "element": "f4e7"}]),  # paid by card
], ["not-subscribed", "password-case", "stock-ascending", "price-descending", "one-mug", "card"]))
def test_a_wrong_browser_answer_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                           tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "other_way"), _sampled([
    ("parnu-regular-files", [{"kind": "write_file", "path": "files.txt", "content": "4\n"}]),
    ("viljandi-mp3-count", [{"kind": "bash", "command": "find music -type f \\( -name '*.mp3' -o -name '*.MP3' \\) | "
                                                        "wc -l > mp3.txt"}]),
    ("saaremaa-distinct-contents", [{"kind": "bash", "command": "sha256sum photos/* | awk '{print $1}' | sort | uniq | "
                                                                "wc -l > distinct.txt"}]),
    ("johvi-python-lines", [{"kind": "bash", "command": "awk 'END {print NR}' src/a.py src/pkg/b.py src/pkg/c.py > "
                                                        "lines.txt"}]),
    ("vormsi-glob-args", [{"kind": "bash", "command": "set -- words/*.txt; echo $# > n.txt"}]),
    ("peipsi-multiples-sum", [{"kind": "bash", "command": "python3 -c \"print(sum(i for i in range(1, 101) if i % 3 == 0 "
                                                          "or i % 5 == 0))\" > sum.txt"}]),
    ("siim-leap-days", [{"kind": "bash", "command": "python3 -c \"from datetime import date; print((date(2024, 3, 10) - "
                                                    "date(2024, 2, 10)).days)\" > days.txt"}]),
    ("toomas-login-shells", [{"kind": "bash", "command": "awk -F: '!/^#/ && $7 !~ /nologin|false/' passwd.txt | wc -l "
                                                         "> shells.txt"}]),
    ("narva-distinct-emails", [{"kind": "bash", "command": "grep -oiE '[a-z0-9._-]+@[a-z0-9.-]+' mail.log | sort -fu | "
                                                           "wc -l > emails.txt"}]),
    ("kihnu-ahead-count", [{"kind": "bash", "command": "git log --oneline main..feature | wc -l > ahead.txt"}]),
    ("muhu-unstage-secret", [{"kind": "bash", "command": "git rm -q --cached secret.env"}]),
    ("viljandi-pretty-json", [{"kind": "bash", "command": "python3 -m json.tool --indent 2 users.json > "
                                                          "users.pretty.json"}]),
    ("haapsalu-trailing-blanks", [{"kind": "bash", "command": "sed -i -E 's/[ \\t]+$//' code.py"}]),
    ("emajogi-restore-config", [{"kind": "bash", "command": "git restore --source=HEAD~1 config.yml && "
                                                            "git commit -qam 'restore config'"}]),
    ("triin-ny-gren", [{"kind": "bash", "command": "git branch rettelse HEAD~1 && git switch -q rettelse"}]),
    ("leelo-authored-days", [{"kind": "write_file", "path": "days.txt", "content": "3\n"}]),
], ["written-out", "two-names", "sha256", "awk-files", "set-args", "python-sum", "python-dates", "awk-field",
        "ignore-case", "log-range", "rm-cached", "json-tool-2", "sed-class", "restore-source", "branch-then-switch",
        "number-written"]))
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
    assert _ran(row), row
