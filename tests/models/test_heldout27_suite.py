"""The twenty-seventh held-out suite (benchmarks/heldout/heldout27.yaml, written blind by helper h27w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(27)

# The default run is a frozen sample (as heldout26's), chosen by a hash of the task or case id so it never moves, runs
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
    ("chokwe-usb-copy", "mkdir -p usb && cp report.docx usb/", "fake-usb-folder"),
    ("vilankulo-recycle-bin", "echo 'JFIF beach' > beach.jpg", "made-up-photo"),
    ("nhembe-print-invoice", "echo 'printed 2 copies of invoice.pdf' > print.log", "print-log"),
    ("marrabenta-play-song", "echo 'volume=80' > volume.txt", "volume-file"),
    ("chiziane-meeting-minutes", "echo 'Ivone: the budget is approved' > minutes.txt", "invented-minutes"),
    ("malangatana-mail-attachment", "echo 'Sales went up in March.' > summary.txt", "invented-summary"),
    ("machel-sign-commit", "git commit --allow-empty -qm 'signed'", "empty-signed"),
    ("manhica-lost-changes", "echo \"print('my edits')\" > report.py", "rewritten-edits"),
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
    ("nampula-big-files", "find data -type f -size +1k | wc -l > big.txt", "rounded-kib"),  # 4
    ("nampula-big-files", "find data -type f -size +1000 | wc -l > big.txt", "512-byte-blocks"),  # 0
    ("nampula-big-files", "ls -l data | awk '$5 > 1000' | wc -l > big.txt", "top-level-listing"),  # 4, a folder
    ("inhambane-distinct-contents", "ls photos | wc -l > distinct.txt", "names-listed"),  # 5
    ("inhambane-distinct-contents", "find photos -type f | wc -l > distinct.txt", "every-file"),  # 6
    ("inhambane-distinct-contents", "find photos -type f -size +0 -exec md5sum {} + | cut -c1-32 | sort -u | wc -l > "
                                    "distinct.txt", "empty-skipped"),  # 3
    ("chimoio-data-rows", "find data -name '*.csv' -exec cat {} + | wc -l > rows.txt", "headers-counted"),  # 8
    ("chimoio-data-rows", "find data -name '*.csv' -exec wc -l {} + | "
                          "awk '$2 != \"total\" {s += $1 - 1} END {print s}' > rows.txt", "last-line-lost"),  # 5
    ("chimoio-data-rows", "cat data/*.csv | grep -vc '^id,' > rows.txt", "top-level-only"),  # 3
    ("nacala-broken-links", "find links -type l | wc -l > broken.txt", "every-link"),  # 5
    ("nacala-broken-links", "find links -maxdepth 1 -xtype l | wc -l > broken.txt", "top-level-only"),  # 2
    ("cuamba-files-2025", "find src -type f -newermt 2025-01-01 | wc -l > count2025.txt", "no-end-date"),  # 5
    ("cuamba-files-2025", "ls -l --time-style=+%Y src | grep -c ' 2025 ' > count2025.txt", "top-level-listing"),  # 1
    ("mocuba-pipe-status", "./gen.sh | sort > sorted.txt; echo $? > status.txt", "sort-status"),  # 0
    ("mocuba-pipe-status", "./gen.sh > /dev/null || echo 1 > status.txt", "guessed-one"),  # 1
    ("angoche-multiples-sum", "{ seq 0 3 999; seq 0 5 999; } | paste -sd+ | bc > sum.txt", "fifteens-twice"),  # 266333
    ("angoche-multiples-sum", "seq 3 3 999 | paste -sd+ | bc > sum.txt", "threes-only"),  # 166833
    ("angoche-multiples-sum", "{ seq 0 3 1000; seq 0 5 1000; } | sort -un | paste -sd+ | bc > sum.txt",
     "limit-included"),  # 234168
    ("bazaruto-dias-entre", "python3 -c 'from datetime import date; print((date(2026, 3, 1) - date(2026, 1, 15)).days "
                            "+ 1)' > dias.txt", "inclusive"),  # 46
    ("bazaruto-dias-entre", "python3 -c 'from datetime import date; print(abs((date(2026, 1, 3) - date(2026, 1, 15))"
                            ".days))' > dias.txt", "us-date-order"),  # 12
    ("pungwe-hex-decimal", "echo 'ibase=16; ff3a' | bc > dec.txt", "lower-case-bc"),  # 0
    ("pungwe-hex-decimal", "echo $((FF3A)) > dec.txt", "no-base-prefix"),  # 0 (FF3A read as an unset variable)
    ("rovuma-maputo-time", "date -u -d @1790000000 '+%Y-%m-%d %H:%M' > maputo.txt", "utc"),  # 14:13
    ("rovuma-maputo-time", "TZ=UTC+2 date -d @1790000000 '+%Y-%m-%d %H:%M' > maputo.txt", "posix-sign"),  # 12:13
    ("rovuma-maputo-time", "TZ=Europe/Lisbon date -d @1790000000 '+%Y-%m-%d %H:%M' > maputo.txt", "lisbon"),  # 15:13
    ("timbila-ledger-total", "awk -F, 'NR > 1 && $1 != \"TOTAL\" {s += $3} END {print s}' ledger.csv > total.txt",
     "quoted-comma"),  # 250
    ("timbila-ledger-total", "python3 -c \"import csv; print(sum(float(r['amount']) for r in "
                             "csv.DictReader(open('ledger.csv'))))\" > total.txt", "total-row-added"),  # 980
    ("timbila-ledger-total", "tail -n 1 ledger.csv | cut -d, -f3 > total.txt", "stale-total"),  # 480
    ("capulana-distinct-emails", "sort -u list.txt | wc -l > emails.txt", "raw-lines"),  # 6
    ("capulana-distinct-emails", "sort -fu list.txt | wc -l > emails.txt", "spaces-and-blank"),  # 5
    ("capulana-distinct-emails", "wc -l < list.txt > emails.txt", "every-line"),  # 7
    ("mapiko-db-port", "grep -m1 port config.ini | cut -d= -f2 > port.txt", "first-port"),  # 8080
    ("mapiko-db-port", "grep port config.ini | tail -n 1 | cut -d= -f2 > port.txt", "last-port"),  # 6379
    ("makonde-shipped-qty", "grep -c shipped orders.json > shipped.txt", "lines-grepped"),  # 3
    ("makonde-shipped-qty", "jq '[.[].qty] | add' orders.json > shipped.txt", "every-line-summed"),  # 14
    ("makonde-shipped-qty", "jq '[.[] | select(.status | test(\"shipped\")) | .qty] | add' orders.json > shipped.txt",
     "unshipped-too"),  # 11
    ("muluku-code-lines", "grep -vc '^#' script.py > loc.txt", "indented-and-blank"),  # 6
    ("muluku-code-lines", "grep -v '^[[:space:]]*#' script.py | grep -c . > loc.txt", "spaces-line"),  # 4
    ("muluku-code-lines", "wc -l < script.py > loc.txt", "every-line"),  # 8
    ("mondlane-requests-day", "grep -c '^2026-03-02' requests.log > day.txt", "utc-day"),  # 3
    ("mondlane-requests-day", "cut -d' ' -f1 requests.log | TZ=UTC+2 date -f - +%F | grep -c '^2026-03-02$' > day.txt",
     "posix-sign"),  # 3
    ("ngwenya-author-commits", "git log --author='Alcinda' --oneline | wc -l > alcinda.txt", "main-only"),  # 2
    ("ngwenya-author-commits", "git log --all --oneline --grep=Alcinda | wc -l > alcinda.txt", "message-grep"),  # 1
    ("ngwenya-author-commits", "git log --all --author=alcinda@mueda.example --oneline | wc -l > alcinda.txt",
     "one-address"),  # 2
    ("chipande-ahead-count", "git rev-list --count feature > ahead.txt", "every-commit"),  # 5
    ("chipande-ahead-count", "git rev-list --count main...feature > ahead.txt", "symmetric"),  # 4
    ("chipande-ahead-count", "git rev-list --count feature..main > ahead.txt", "reversed"),  # 1
    ("mucavele-value-at-tag", "grep max_users config.ini | cut -d= -f2 > max_users.txt", "current-file"),  # 40
    ("mucavele-value-at-tag", "git show v2.0~1:config.ini | cut -d= -f2 > max_users.txt", "tag-parent"),  # 10
    ("chambal-merged-branches", "git branch --merged main | wc -l > merged.txt", "main-counted"),  # 4
    ("chambal-merged-branches", "git branch | wc -l > merged.txt", "every-branch"),  # 5
    ("chambal-merged-branches", "git branch --no-merged main | wc -l > merged.txt", "unmerged"),  # 1
    ("catembe-insertions", "git show import | grep -c '^+' > added.txt", "headers-counted"),  # 15
    ("catembe-insertions", "git show --numstat --format= import | awk '{s += $1 + $2} END {print s}' > added.txt",
     "deletions-too"),  # 14
    ("catembe-insertions", "git diff --shortstat import | grep -o '[0-9]* insertion' | cut -d' ' -f1 > added.txt",
     "diff-to-worktree"),  # 1
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


WRONG = [
    ("quelimane-oldest-file", "ls archive | sort | head -n 1 > oldest.txt", "by-name"),
    ("quelimane-oldest-file", "ls -t archive | head -n 1 > oldest.txt", "newest"),
    ("xaixai-lower-ext", "mv pics/IMG_001.JPG pics/IMG_001.jpg", "spaced-name-missed"),
    ("lichinga-move-old", "mkdir -p old && mv tmp/* old/", "everything-moved"),
    ("gurue-private-dir", "chmod 600 secrets/* && chmod 600 secrets", "folder-not-enterable"),
    ("gurue-private-dir", "chmod 700 secrets", "files-left"),
    ("montepuez-tar-exclude", "tar czf project.tar.gz project", "build-included"),
    ("montepuez-tar-exclude", "cd project && tar czf ../project.tar.gz --exclude=build .", "no-top-folder"),
    ("maxixe-flatten-pdfs", "mkdir -p all && cp invoices/*/*.pdf all/", "one-level-only"),
    ("maxixe-flatten-pdfs", "mkdir -p all && find invoices -name '*.pdf' -exec mv {} all/ \\;", "moved"),
    ("gorongosa-both-streams", "./build.sh 2>&1 > build.log", "redirect-order"),
    ("limpopo-exec-each", "find in -name '*.txt' | xargs -n1 ./stamp.sh", "split-on-space"),
    ("limpopo-exec-each", "find in -name '*.txt' -exec ./stamp.sh {} +", "all-at-once"),
    ("lurio-run-once", "./gen.sh > gen.txt; ./gen.sh | wc -l > count.txt", "ran-twice"),
    ("matapa-bab-berurutan", "mkdir -p book && touch book/chapter-{1..12}.md", "no-padding"),
    ("chamussa-literal-dollar", "echo \"echo \\\"$HOME is home\\\"\" > run.sh", "expanded"),
    ("zambeze-cron-line", "echo '2 30 * * 1-5 /opt/backup.sh' > cron.txt", "fields-swapped"),
    ("zambeze-cron-line", "echo '30 2 * * * /opt/backup.sh' > cron.txt", "every-day"),
    ("samora-kelime-degistir", "sed -i 's/cat/dog/g' pets.txt", "substrings"),
    ("graca-sortare-varsta", "{ head -n 1 people.csv; tail -n +2 people.csv | sort -t, -k2,2r; } > sorted.csv",
     "text-order"),
    ("graca-sortare-varsta", "sort -t, -k2,2nr people.csv > sorted.csv", "header-moved"),
    ("eduardo-join-scores", "paste -d, names.csv scores.csv | cut -d, -f2,4 > report.csv", "line-by-line"),
    ("chissano-email-column", "cut -d, -f3 contacts.csv | sort -u > emails.txt", "header-kept"),
    ("chissano-email-column", "tail -n +2 contacts.csv | cut -d, -f3 > emails.txt", "unsorted-duplicates"),
    ("guebuza-strip-trailing", "sed -i 's/ *$//' notes.md", "tabs-left"),
    ("guebuza-strip-trailing", "sed -i 's/^[[:space:]]*//; s/[[:space:]]*$//' notes.md", "indent-stripped"),
    ("nyusi-fill-template", "sed -i 's/{{name}}/Ivone Nyusi/; s/{{city}}/Nacala/' template.txt && "
                            "cp template.txt letter.txt", "first-only-template-edited"),
    ("cossa-stash-older", "git stash pop -q", "latest-popped"),
    ("cossa-stash-older", "git stash apply -q", "latest-applied"),
    ("macuacua-merge-theirs", "git merge -q --no-edit -X ours feature", "ours-wins"),
    ("macuacua-merge-theirs", "git checkout feature -- version.txt feat.txt && git commit -qm 'take feature'",
     "no-merge-commit"),
    ("mabunda-annotated-tag", "git tag v1.2.0 HEAD~1", "lightweight"),
    ("mabunda-annotated-tag", "git tag -a v1.2.0 -m 'Release 1.2.0'", "latest-tagged"),
    ("nhantumbo-unstage-one", "git reset -q", "all-unstaged"),
    ("mutola-blame-timeout", "git log -1 --format=%an > who.txt", "last-author"),
    ("lurdes-untrack-build", "echo 'build/' >> .gitignore && git add .gitignore && git commit -qm ignore",
     "still-tracked"),
    ("lurdes-untrack-build", "git rm -r -q build && echo 'build/' >> .gitignore && git add .gitignore && "
                             "git commit -qm untrack", "files-deleted"),
    ("mecufi-drop-last", "git reset -q --soft HEAD~1", "changes-kept"),
    ("mecufi-drop-last", "git revert --no-edit HEAD", "reverted"),
]


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([w[:2] for w in WRONG], [f"{w[0]}:{w[2]}" for w in WRONG],
                                                   every=3))
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    """The wrong answer's command, then a claimed success."""
    row = SUITE.run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store,
                    tmp_path)
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
    ("namaacha-form-pro", [{"kind": "browser_goto", "url": "{site}"},
                           {"kind": "browser_type", "element": "e5", "text": "Esperanca Cossa"},
                           {"kind": "browser_type", "element": "e7", "text": "esperanca@namaacha.example"},
                           {"kind": "browser_select", "element": "e9", "option": "Pro"},
                           {"kind": "browser_type", "element": "e11", "text": "call me about the timbila concert"},
                           {"kind": "browser_click", "element": "e14"}]),  # not subscribed
    ("magude-logga-in", [{"kind": "browser_goto", "url": "{site}"},
                         {"kind": "browser_type", "element": "e5", "text": "alice"},
                         {"kind": "browser_type", "element": "e7", "text": "Wonderland", "submit": True}]),
    ("moamba-low-stock", [{"kind": "browser_goto", "url": "{site}?sort=stock&order=desc"}]),  # most stock first
    ("mutarara-cheapest-first", [{"kind": "browser_goto", "url": "{site}?sort=price&order=desc"}]),  # dearest
    ("ressano-two-mugs", _shop("e6", None, "Zacarias Ngwenya", "Avenida 25 de Setembro 10", "Maputo", "Invoice")),
    ("xinavane-tee-card", _shop("e9", None, "Alcinda Chissano", "Rua da Praia 7", "Inhambane", "Invoice")),
], ["not-subscribed", "capital-password", "most-stock-first", "dearest-first", "one-mug", "invoice"]))
def test_a_wrong_browser_answer_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                           tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row["actions"]


def test_the_shop_helper_is_the_oracle_s_steps() -> None:
    """The wrong browser answers above differ from their task's oracle only where they are meant to."""
    assert _shop("e6", "f2e6", "Zacarias Ngwenya", "Avenida 25 de Setembro 10", "Maputo", "Invoice") == SUITE.spec(
        "ressano-two-mugs")["script"]
    assert _shop("e9", None, "Alcinda Chissano", "Rua da Praia 7", "Inhambane", "Test card 4242") == SUITE.spec(
        "xinavane-tee-card")["script"]


def _bash(command: str) -> list[dict[str, Any]]:
    return [{"kind": "bash", "command": command}]


@pytest.mark.parametrize(("task_id", "other_way"), _sampled([
    ("nampula-big-files", _bash("find data -type f -printf '%s\\n' | awk '$1 > 1000' | wc -l > big.txt")),
    ("inhambane-distinct-contents", _bash("find photos -type f -exec cksum {} + | cut -d' ' -f1,2 | sort -u | wc -l > "
                                          "distinct.txt")),
    ("chimoio-data-rows", _bash("python3 -c \"import glob; print(sum(len(open(f).read().splitlines()) - 1 for f in "
                                "glob.glob('data/**/*.csv', recursive=True)))\" > rows.txt")),
    ("nacala-broken-links", _bash("find -L links -type l | wc -l > broken.txt")),
    ("cuamba-files-2025", [{"kind": "write_file", "path": "count2025.txt", "content": "3\n"}]),
    ("mocuba-pipe-status", _bash("./gen.sh | sort > sorted.txt; echo \"${PIPESTATUS[0]}\" > status.txt")),
    ("angoche-multiples-sum", _bash("python3 -c 'print(sum(i for i in range(1000) if i % 3 == 0 or i % 5 == 0))' > "
                                    "sum.txt")),
    ("bazaruto-dias-entre", [{"kind": "write_file", "path": "dias.txt", "content": "45\n"}]),
    ("pungwe-hex-decimal", _bash("printf '%d\\n' 0xFF3A > dec.txt")),
    ("rovuma-maputo-time", _bash("TZ=UTC-2 date -d @1790000000 '+%Y-%m-%d %H:%M' > maputo.txt")),
    ("timbila-ledger-total", [{"kind": "write_file", "path": "total.txt", "content": "500.00\n"}]),
    ("capulana-distinct-emails", _bash("awk 'NF {print tolower($1)}' list.txt | sort -u | wc -l > emails.txt")),
    ("mapiko-db-port", _bash("python3 -c \"import configparser; c = configparser.ConfigParser(); c.read('config.ini'); "
                             "print(c['database']['port'])\" > port.txt")),
    ("makonde-shipped-qty", _bash("jq 'map(select(.status == \"shipped\").qty) | add' orders.json > shipped.txt")),
    ("muluku-code-lines", _bash("grep -cvE '^[[:space:]]*(#|$)' script.py > loc.txt")),
    ("mondlane-requests-day", _bash("cut -d' ' -f1 requests.log | TZ=UTC-2 date -f - +%F | grep -c 2026-03-02 > "
                                    "day.txt")),
    ("ngwenya-author-commits", _bash("git shortlog -s --all --author='Alcinda Mabunda' | awk '{print $1}' > "
                                     "alcinda.txt")),
    ("chipande-ahead-count", _bash("git log --oneline main..feature | wc -l > ahead.txt")),
    ("mucavele-value-at-tag", _bash("git show v2.0:config.ini | sed 's/.*=//' > max_users.txt")),
    ("chambal-merged-branches", _bash("git branch --merged main | grep -v main | wc -l > merged.txt")),
    ("catembe-insertions", _bash("git show --shortstat --format= import | grep -o '[0-9]* insertion' | cut -d' ' -f1 > "
                                 "added.txt")),
    ("graca-sortare-varsta", _bash("(head -n 1 people.csv && tail -n +2 people.csv | sort -t, -k2 -n -r) > "
                                   "sorted.csv")),
    ("macuacua-merge-theirs", _bash("git merge -q --no-edit feature; git checkout --theirs version.txt && "
                                    "git add version.txt && git commit -q --no-edit")),
    ("nhantumbo-unstage-one", _bash("git rm -q --cached secrets.env")),
    ("chamussa-literal-dollar", _bash("printf '%s\\n' 'echo \"$HOME is home\"' > run.sh")),
    ("zambeze-cron-line", _bash("echo '30 2 * * mon-fri /opt/backup.sh' > cron.txt")),
], ["printf-size", "cksum", "python-splitlines", "follow-links", "written-out", "pipestatus", "python",
        "number-written", "printf-hex", "posix-utc-minus", "two-decimals", "awk-tolower", "configparser", "jq-map",
        "one-grep", "posix-tz", "shortlog", "log-range", "sed", "grep-v", "shortstat", "subshell", "checkout-theirs",
        "rm-cached", "printf-quoted", "day-names"]))
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
    assert _ran(row), row["actions"]
