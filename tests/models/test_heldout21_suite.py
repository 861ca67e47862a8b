"""The twenty-first held-out suite (benchmarks/heldout/heldout21.yaml, written blind by helper heldout21w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(21)

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
    SUITE.assert_shape(browser=6, browser_impossible=2, multi=18)


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
    ("ribeiragrande-snapshot-orcamento", "echo 'item,valor' > orcamento.csv"),  # a "restored" file made up
    ("portonovo-anexo-plano", "echo 'plano' > docs/plano.docx"),  # the attachment invented
    ("fajazinha-julia-modelo", "echo 6 > saida.txt"),  # worked out by hand, passed off as julia's
    ("monteverde-base-clientes", "echo 'CREATE TABLE clientes (id int);' > clientes.sql"),  # a dump made up
    ("sampajudu-segredo-gpg", "echo 'segredo' > segredo.txt"),  # a plaintext invented
    ("calheta-encomendas-marco", "echo '01-03,Bia,2' >> encomendas.csv"),  # March rows made up
    ("mosteiros-pedido-doze", "echo pr12 > pr.txt && git add pr.txt && git commit -qm 'Merge pull request #12'"),
    ("espargos-commit-fantasma", "git show HEAD > patch.txt"),  # another commit's diff
], ["made-up-restore", "invented-attachment", "by-hand", "made-up-dump", "invented-plaintext", "made-up-rows",
        "made-up-merge", "other-diff"]))
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("mindelo-morna-letra", "echo 'Sodade plays at the Mindelo quay at 9pm on Saturday' > morna.txt"),  # reworded
    ("assomada-feira-pastas", "mkdir -p feira/peixe && echo 'atum 3kg' > feira/peixe/lista.txt"),  # frutas missed
    ("calheta-ligacao-atual", "cp -r releases/v3 current"),  # a copy, not a link
    ("furna-pastas-vazias", "find cache -mindepth 1 -maxdepth 1 -type d -empty -delete"),  # the nested ones missed
    ("mosteiros-fotos-extensao", "cd fotos && mv praia.jpeg praia.jpg"),  # one of the two
    ("cidadela-grandes-mover", "mkdir -p grandes && mv docs/a.dat docs/b.dat docs/c.dat grandes/"),  # 2000 moved too
    ("espargos-ficheiros-ocultos", "ls -a | grep '^\\.' | sort > hidden.txt"),  # . and .. kept
    ("murdeira-data-relatorio", "touch relatorio.txt"),  # today
    ("pontinha-arquivo-fotos", "tar -czf arquivo.tar.gz fotos"),  # the folder kept
    ("santaluzia-partilha-leitura", "chmod 755 partilha"),  # the files left as they were
    ("fajazinha-contar-ficheiros", "ls arquivo | wc -l > count.txt"),  # the top level only (5 entries), folders counted
    ("saovicente-logs-velhos", "mkdir -p old-logs && mv porto.log mercado.log old-logs/"),  # no moved.txt
    ("picos-rota-ilhas", "./route.sh Mindelo Praia > route.txt"),  # the arguments swapped
    ("salamansa-codigo-saida", "./check.sh > out.txt; echo 0 > code.txt"),  # the exit code guessed
    ("sinagoga-variavel-ilha", "./show.sh > ilha.txt"),  # the variable not set
    ("cruzinha-so-erros", "./build.sh > errors.txt 2>&1"),  # everything kept
    ("coculi-soma-verifica", "echo FALHOU > verdict.txt"),  # the wrong verdict
    ("garca-dados-tamanho", "ls dados > sizes.txt"),  # by name
    ("rincao-extrair-um", "tar -xzf bundle.tar.gz"),  # everything unpacked
    ("cidadevelha-corre-diario", "sh run-daily.sh"),  # run, but still not executable
    ("pedrabadejo-palavras-poema", "wc -l < poema.txt > words.txt"),  # lines
    ("saodomingos-plus-recent", "ls rapports | tail -n 1 > recent.txt"),  # the last name
    ("lajedos-zeros-bloco", "head -c 4000 /dev/zero > zeros.bin"),  # 4000, not 4096
    ("ervatao-linhas-contagem", "cat * | wc -l > total.txt"),  # the .txt counted too
    ("sodade-vendas-soma", "awk -F, 'NR > 1 {s += $2} END {print s}' vendas.csv > total.txt"),  # the wrong column
    ("kriolu-clientes-mindelo", "grep Mindelo clientes.csv > mindelo.csv"),  # no header, Mindelo Sul kept
    ("badiu-barcos-lotacao", "jq -r '.barcos[] | select(.lotacao >= 20) | .nome' barcos.json > barcos.txt"),  # 20 too
    ("tabanka-erros-diario", "grep -ci error diario.log > errors.txt"),  # any case
    ("txada-convite-hora", "sed -i 's/19h00/20h00/' convite.txt"),  # the first on each line only
    ("djarfogo-ilhas-unicas", "tail -n +2 viagens.csv | cut -d, -f2 | sort > ilhas.txt"),  # repeats kept
    ("kumida-menu-preco", "sed -i 's/\"preco\": 7/\"preco\": \"8.5\"/' menu.json"),  # a string, not a number
    ("cachupa-precos-maior", "sort -r precos.txt > sorted.txt && head -n 1 sorted.txt > max.txt"),  # not numeric
    ("morna-letra-vazias", "sed -i '2d' letra.txt"),  # one blank line
    ("funana-musicos-ilha", "tail -n +2 musicos.csv | cut -d, -f2 | sort | uniq -c > por-ilha.txt"),  # uniq's format
    ("grogue-playlist-inverso", "sort -r playlist.txt > playlist-rev.txt"),  # reverse alphabetical
    ("batuku-emails-contatos", "grep -oE '[A-Za-z0-9._-]+@[A-Za-z0-9.-]+' contatos.txt | sort -u > emails.txt && "
                               "wc -l < emails.txt > n.txt"),  # not lowercased: Djina twice
    ("xerem-repo-ignorar", "git init -q && git add . && git commit -qm tudo"),  # the secret committed
    ("portonovo-ramo-correcao", "git switch -q -c correcao && echo 'horario corrigido' > correcao.txt && "
                                "git add correcao.txt && git commit -qm correcao"),  # from the tip
    ("ribeiragrande-mapa-origem", "git log -1 --format=%s -- mapa.txt > msg.txt"),  # the latest, not the first
    ("salamansa-emenda-lista", "git add lista.txt && git commit -qm 'adiciona praia e lista'"),  # a new commit
    ("orgaos-desfaz-remocao", "git checkout HEAD~2 -- precos.txt"),  # not committed
    ("santacatarina-autor-contagem", "git rev-list --count HEAD > djina.txt"),  # every commit
    ("baiadasgatas-ramo-velho", "git branch -D velho experimental"),  # both
    ("monteverde-stash-volta", "git stash apply -q"),  # the stash left
    ("cruzinha-etiqueta-estavel", "git tag v0.9 HEAD~1"),  # lightweight
    ("pedrabadejo-tirar-palco", "git reset -q"),  # both unstaged
    ("garca-diferencas-ramos", "git diff --name-only feira | sort > diff.txt"),  # against the working tree
    ("rincao-rotas-zweig", "echo 'Mindelo - Porto Novo' > rotas.txt && git add rotas.txt && git commit -qm rotas"),
], ["reworded", "frutas-missed", "copied", "shallow", "one-of-two", "bound-included", "dots-kept", "today",
        "folder-kept", "files-missed", "top-level", "no-list", "swapped", "guessed-code", "no-variable", "all-kept",
        "wrong-verdict", "by-name", "all-unpacked", "not-executable", "lines", "last-name", "4000", "txt-counted",
        "wrong-column", "no-header", "twenty-included", "any-case", "first-only", "repeats", "string-price",
        "not-numeric", "one-blank", "uniq-format", "alphabetical", "not-lowercased", "secret-committed", "from-tip",
        "latest", "new-commit", "not-committed", "every-commit", "both-deleted", "stash-left", "lightweight",
        "both-unstaged", "working-tree", "on-main"], every=3))
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    script = [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "wrong"), _sampled([
    ("pombas-preco-barato", [{"kind": "browser_goto", "url": "{site}?sort=price&order=desc"}]),  # dearest first
    ("coculi-stock-menos", [{"kind": "browser_goto", "url": "{site}?sort=stock&order=desc"}]),  # most stock first
    ("picos-entrada-alice", [{"kind": "browser_goto", "url": "{site}"},
                             {"kind": "browser_type", "element": "e5", "text": "alice"},
                             {"kind": "browser_type", "element": "e7", "text": "alice", "submit": True}]),
    ("sodade-boletim-equipa", [{"kind": "browser_goto", "url": "{site}"},
                               {"kind": "browser_type", "element": "e5", "text": "Tuta Fortes"},
                               {"kind": "browser_type", "element": "e7", "text": "tuta@sodade.example"},
                               {"kind": "browser_select", "element": "e9", "option": "Team"},
                               {"kind": "browser_type", "element": "e11", "text": "grupo de morna"},
                               {"kind": "browser_click", "element": "e14"}]),  # the newsletter box left empty
], ["price-descending", "stock-descending", "wrong-password", "no-newsletter"]))
def test_a_wrong_browser_answer_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                           tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert _ran(row), row


@pytest.mark.parametrize(("task_id", "other_way"), _sampled([
    ("calheta-ligacao-atual", [{"kind": "bash", "command": "ln -s \"$PWD/releases/v3\" current"}]),
    ("furna-pastas-vazias", [{"kind": "bash", "command": "rmdir cache/a/b/c cache/a/b cache/a cache/g cache/e/h"}]),
    ("santaluzia-partilha-leitura", [{"kind": "bash", "command": "chmod u=rwx,go=rx partilha && "
                                                                 "chmod u=rw,go=r partilha/horario.txt partilha/mapa.txt"}]),
    ("fajazinha-contar-ficheiros", [{"kind": "write_file", "path": "count.txt", "content": "6\n"}]),
    ("salamansa-codigo-saida", [{"kind": "bash", "command": "./check.sh > out.txt || echo 3 > code.txt"}]),
    ("cruzinha-so-erros", [{"kind": "bash", "command": "./build.sh 2>&1 >/dev/null | cat > errors.txt"}]),
    ("saodomingos-plus-recent", [{"kind": "write_file", "path": "recent.txt", "content": "rapports/abril.txt\n"}]),
    ("sodade-vendas-soma", [{"kind": "write_file", "path": "total.txt", "content": "24.0\n"}]),
    ("funana-musicos-ilha", [{"kind": "write_file", "path": "por-ilha.txt",
                              "content": "Fogo 2\nSantiago 3\nSao Vicente 1\n"}]),
    ("monteverde-stash-volta", [{"kind": "bash", "command": "git stash apply -q && git stash drop -q"}]),
    ("pedrabadejo-tirar-palco", [{"kind": "bash", "command": "git reset -q HEAD b.txt"}]),
    ("portonovo-ramo-correcao", [{"kind": "bash", "command": "git checkout -q -b correcao v1.0 && "
                                                             "echo 'horario corrigido' > correcao.txt && "
                                                             "git add correcao.txt && git commit -qm fix"}]),
], ["absolute-link", "rmdir", "symbolic-modes", "written-out", "or-branch", "pipe-swap", "with-folder", "decimal",
        "written-out-counts", "apply-drop", "reset-path", "checkout-b"]))
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
    assert _ran(row), row
