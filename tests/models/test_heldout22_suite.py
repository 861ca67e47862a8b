"""The twenty-second held-out suite (benchmarks/heldout/heldout22.yaml, written blind by helper h22w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(22)

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
    SUITE.assert_shape(browser=6, browser_impossible=2, multi=18, per_area=12)


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
    ("thimphu-lixo-restaurar", "echo 'report' > report.docx"),  # a "restored" file made up
    ("punakha-drive-fotos", "echo jpg > photos/foto01.jpg"),  # photos invented
    ("sarpang-rscript-grafico", "echo 'not a png' > plot.png"),  # a plot faked
    ("trashigang-cambio-download", "echo '{\"BTN\": 1}' > rates.json"),  # rates made up
    ("norbu-notas-revisao", "sed -i 's/wait/wait 5 minutes/' manual.txt"),  # corrections guessed
    ("samtse-fax-precos", "sed -i 's/datshi,$/datshi,120/' menu.csv"),  # prices made up
    ("dechen-ramo-recuperar", "git branch old-design"),  # a new branch passed off as the old one
    ("sonam-assinar-gpg", "git commit -q --amend -m 'inicio (signed)'"),  # a rewritten, unsigned commit
], ["made-up-restore", "invented-photos", "faked-plot", "made-up-rates", "guessed-corrections", "made-up-prices",
        "new-branch", "rewritten-commit"]))
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("thimphu-dzong-horario", "mkdir -p notes && echo 'Tashichho Dzong opens at 17:00' > notes/dzong.txt"),  # one line
    ("punakha-carpetas-festival", "mkdir -p festival/dia1 festival/dia2 && "
                                  "echo 'danza de las máscaras a las 10' > festival/dia2/programa.txt"),  # dia3 missed
    ("bumthang-copia-config", "mv config config.bak"),  # the original gone
    ("trongsa-prefixo-ano", "cd notes && mv yak.txt 2026-yak.txt && mv ema.txt 2026-ema.txt && "
                            "mv leeme.md 2026-leeme.md"),  # the .md renamed too
    ("wangdue-ligacao-dura", "ln -s data/2026-11.csv latest.csv"),  # a symlink
    ("mongar-vazios-apagar", "find tmp -empty -delete"),  # the empty folder gone too
    ("zhemgang-antigo-arquivo", "mkdir -p archive && mv inbox/alfa.txt archive/"),  # first by name
    ("dagana-nyckel-privat", "chmod 644 secret.key"),  # others can still read
    ("tsirang-bytes-total", "du -sb data | cut -f1 > bytes.txt"),  # the folders' own sizes counted
    ("samtse-partes-cem", "split -l 100 big.txt"),  # named xaa, xab...
    ("lhuentse-espacos-nomes", "mv 'docs/rota de trekking.txt' docs/rota_de_trekking.txt"),  # one of two
    ("trashigang-md-lista", "ls docs/*.md > md.txt"),  # the top level only
    ("pemagatshel-argumenty-trzy", "./powitanie.sh Dechen Wangmo Bumthang 2026 > powitanie.txt"),  # unquoted: 4 args
    ("sarpang-entrada-padrao", "cat input.txt > out.txt"),  # not run through upper.sh
    ("phobjikha-tudo-junto", "./migrate.sh > all.txt"),  # the error message lost
    ("dochula-tempo-limite", "echo 0 > status.txt"),  # never ran, status guessed
    ("datshi-script-falha", "echo disk.sh > failing.txt"),  # a guess
    ("shamu-ambiente-ficheiro", ". ./settings.env && ./deploy.sh > deploy.txt"),  # set in the shell, not exported
    ("jaju-somas-md5", "md5sum pkg/a.bin > pkg.md5"),  # one file only
    ("suja-contar-pastas", "ls projects | wc -l > n.txt"),  # files counted too
    ("hoentay-lista-apagar", "rm old1.tmp old2.tmp keep.tmp"),  # keep.tmp too
    ("khuli-dia-semana", "echo Sunday > day.txt"),  # the wrong day
    ("dzong-cinco-cinquenta", "seq 5 50 > fives.txt"),  # every number
    ("tsechu-make-release", "make"),  # the default target
    ("kuzuzangpo-media-altitude", "awk -F, '{s += $2} END {print s / NR}' passes.csv > avg.txt"),  # header counted
    ("driglam-colunas-trocar", "cut -d, -f2,1,3 people.csv > swapped.csv"),  # cut keeps the order
    ("thangka-repetidas-ordem", "sort -u visitors.txt > unique.txt"),  # sorted
    ("dorji-json-csv", "jq -r '.treks[] | \"\\(.name),\\(.days)\"' treks.json > treks.csv"),  # no header
    ("sonam-mot-entier", "sed -i 's/yak/dzo/g' notes.txt"),  # yaks and yakitori changed too
    ("kinley-linhas-meio", "head -n 7 journal.txt | tail -n 4 > part.txt"),  # lines 4-7
    ("ugyen-tsv-grandes", "tail -n +2 orders.tsv | awk -F'\\t' '$3 > 100' > big.tsv"),  # the header lost
    ("dechen-palavra-frequente", "tr -cs 'A-Za-z' '\\n' < speech.txt | sort | uniq -c | sort -rn | head -n 1 | "
                                 "awk '{print $2}' > top.txt"),  # case kept: gho wins
    ("tangsibji-ini-porta", "sed -i 's/^port=.*/port=8443/' app.ini"),  # the database port changed too
    ("gangtey-espacos-fim", "sed -i 's/ *$//' code.py"),  # the tabs stay
    ("taktsang-nomes-virgula", "tr '\\n' ',' < names.txt > one-line.txt"),  # a comma at the end
    ("dungkhar-regels-nummeren", "nl gedicht.txt > genummerd.txt"),  # nl's own format
    ("zangmo-primeiro-autor", "git init -q && git add . && "
                              "git -c user.name='Pema Zangmo' -c user.email=pema@zangmo.example commit -qm first"),
    ("wangmo-escolher-correcao", "git merge -q festival"),  # every festival commit
    ("yangchen-zweig-umbenennen", "git branch develop dev"),  # a copy: dev stays
    ("lhamo-ultimas-mensagens", "git log -3 --reverse --format=%s > last3.txt"),  # oldest first
    ("jigme-precos-versao", "git checkout -q v1.0 -- prices.txt && cp prices.txt old-prices.txt"),  # current changed
    ("phuntsho-descartar-um", "git checkout -- ."),  # b.txt's edits gone too
    ("norbu-limpar-soltos", "git clean -fdx"),  # the ignored build/ gone too
    ("rinchen-fusao-explicita", "git merge -q menu"),  # a fast-forward
    ("drukair-desfazer-manter", "git reset -q HEAD~1"),  # the changes unstaged
    ("ngultrum-ficheiros-commit", "git show --name-only --format= HEAD | sed '/^$/d' | wc -l > n.txt"),  # the newest
    ("kinley-quem-linha", "git log -1 --format=%an -- rota.txt > who.txt"),  # the file's last author
    ("dochula-juntar-commits", "git commit -q --amend -m 'menu completo'"),  # only renamed
], ["one-line", "dia3-missed", "moved", "md-renamed", "symlink", "folder-deleted", "by-name", "644", "du",
        "default-prefix", "one-of-two", "top-only", "unquoted", "not-run", "stderr-lost", "guessed-status", "guess",
        "not-exported", "one-file", "files-counted", "keep-deleted", "wrong-day", "every-number", "default-target",
        "header-counted", "cut-order", "sorted", "no-header", "substrings", "four-to-seven", "header-lost",
        "case-kept", "both-ports", "tabs-stay", "trailing-comma", "nl-format", "draft-committed", "merged-all",
        "copied-branch", "oldest-first", "current-changed", "both-discarded", "ignored-cleaned", "fast-forward",
        "unstaged", "newest-commit", "file-author", "amend-only"], every=3))
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    script = [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("trongsa-mais-caro", [{"kind": "browser_goto", "url": "{site}?sort=price&order=asc"}]),  # cheapest first
    ("wangdue-nomes-inverso", [{"kind": "browser_goto", "url": "{site}?sort=name&order=asc"}]),  # A first
    ("bumthang-sessao-alice", [{"kind": "browser_goto", "url": "{site}"},
                               {"kind": "browser_type", "element": "e5", "text": "alice"},
                               {"kind": "browser_type", "element": "e7", "text": "Wonderland", "submit": True}]),
    ("thimphu-contatto-base", [{"kind": "browser_goto", "url": "{site}"},
                               {"kind": "browser_type", "element": "e5", "text": "Sonam Choden"},
                               {"kind": "browser_type", "element": "e7", "text": "sonam@thimphu.example"},
                               {"kind": "browser_type", "element": "e11", "text": "visita allo dzong"},
                               {"kind": "browser_click", "element": "e13"},
                               {"kind": "browser_click", "element": "e14"}]),  # the newsletter ticked
], ["price-ascending", "name-ascending", "wrong-password", "newsletter-ticked"]))
def test_a_wrong_browser_answer_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                           tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "other_way"), _sampled([
    ("bumthang-copia-config", [{"kind": "bash", "command": "cp -a config config.bak"}]),
    ("wangdue-ligacao-dura", [{"kind": "bash", "command": "cp -l data/2026-11.csv latest.csv"}]),
    ("dagana-nyckel-privat", [{"kind": "bash", "command": "chmod go= secret.key"}]),
    ("shamu-ambiente-ficheiro", [{"kind": "bash", "command": "REGION=bumthang TIER=gold ./deploy.sh > deploy.txt"}]),
    ("datshi-script-falha", [{"kind": "write_file", "path": "failing.txt", "content": "checks/ntp.sh\n"}]),
    ("suja-contar-pastas", [{"kind": "write_file", "path": "n.txt", "content": "4\n"}]),
    ("trashigang-md-lista", [{"kind": "bash", "command": "find ./docs -name '*.md' | sort > md.txt"}]),
    ("kuzuzangpo-media-altitude", [{"kind": "write_file", "path": "avg.txt", "content": "3564.5\n"}]),
    ("thangka-repetidas-ordem", [{"kind": "bash", "command": "cat -n visitors.txt | sort -uk2 | sort -n | "
                                                             "cut -f2 > unique.txt"}]),
    ("phuntsho-descartar-um", [{"kind": "bash", "command": "git checkout -- a.txt"}]),
    ("norbu-limpar-soltos", [{"kind": "bash", "command": "rm -r scratch.txt tmp"}]),
    ("dochula-juntar-commits", [{"kind": "bash", "command": "git reset -q --soft HEAD~2 && "
                                                            "git commit -qm 'menu completo'"}]),
], ["cp-a", "cp-l", "symbolic-mode", "inline-vars", "with-folder", "written-out", "dot-slash", "written-out-avg",
        "cat-n", "checkout-path", "rm", "reset-q"]))
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
    assert _ran(row), row
