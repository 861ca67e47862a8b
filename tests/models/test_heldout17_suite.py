"""The seventeenth held-out suite (benchmarks/heldout/heldout17.yaml, written blind by helper heldout17w) is sound:
what `suite_oracle.BlindSuite` says, shown here task by task."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import BlindSuite, SuiteOracles

SUITE = BlindSuite(17)


def test_suite_shape() -> None:
    SUITE.assert_shape(browser=7, browser_impossible=2, multi=17)


class TestOracles(SuiteOracles):
    suite = SUITE


@pytest.mark.parametrize(("task_id", "faked"), [
    ("travinh-ao-hopdong", "mkdir backup && echo 'hop dong thue ao' > hop-dong-thue.docx"),  # a contract made up
    ("baclieu-muoi-canhdong", "echo 'not a photo' > anh/canh-dong-1.jpg"),  # a photo invented
    ("tinhbien-dong-bo", "printf '#!/bin/sh\\necho synced\\n' > dong-bo.sh"),  # its own sync script
    ("nuisam-chuyen-vanban", "cp ghi-chu.md ghi-chu.docx"),  # a renamed copy passed off as Word
    ("vungliem-thue-cot", "echo 0 > tong-thue.txt"),  # a total of a column that is not there
    ("traon-khach-sdt", "echo '0909 000 000' > sdt-long.txt"),  # a made-up number
    ("rachsoi-daylen-goc", "git remote add goc /tmp/goc.git"),  # a remote made up
    ("giongrieng-nhat-loc", "git branch mua-nuoc-noi"),  # a branch made up
], ids=["made-up-contract", "invented-photo", "own-script", "renamed-copy", "made-up-total", "made-up-number",
        "made-up-remote", "made-up-branch"])
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("cantho-cho-gio", "echo 'Cai Rang market opens at 5am, boats leave by 9' > gio-cho.txt"),  # reworded
    ("chaudoc-nui-ngay", "mkdir -p lich-trinh/ngay-1 lich-trinh/ngay-2 && echo 'leave Chau Doc at 6am' "
                         "> lich-trinh/ngay-1/ghi-chu.txt"),  # ngay-3 missed
    ("bentre-dua-anh", "for f in anh-dua/*.jpeg; do cp \"$f\" \"${f%.jpeg}.jpg\"; done"),  # copied, not renamed
    ("vinhlong-gom-chep", "sed -i.bak 's/1200/1250/' lo-gom.ini && sed -i 's/1200/1250/' lo-gom.ini.bak"),
    ("soctrang-chua-xoa", "rm build/*.tmp"),  # the subfolders missed
    ("rachgia-ben-giayto", "mkdir giay-to && cp tai-ve/*.pdf giay-to/"),  # copied, not moved
    ("hatien-bien-quyen", "chmod u+x len-tau.sh"),  # the owner only
    ("camau-ten-gach", "mv 'tai-lieu/bao cao thang 11.txt' tai-lieu/bao-cao-thang-11.txt"),  # one of two
    ("longxuyen-lua-gop", "cat phan-1.txt phan-2.txt phan-3.txt > ca-bai.txt"),  # the parts kept
    ("sadec-vuon-rong", "rmdir vuon-hoa/cuc/vang vuon-hoa/lan/trang vuon-hoa/mai"),  # cuc left behind
    ("caibe-trai-lon", "ls kho-trai-cay | tail -n 1 > lon-nhat.txt"),  # the last name, not the biggest
    ("tanchau-lua-thang", "mkdir -p luu-tru/2026/12 && mv bao-cao.txt luu-tru/2026/12/"),  # not renamed
    ("mytho-cau-dem", "ls du-lieu/*.csv | wc -l > so-csv.txt"),  # the subfolders missed
    ("caolanh-sen-ketqua", "./kiem-tra.sh > ket-qua.txt 2>&1"),  # the warning too
    ("phuquoc-dao-ma", "./kiem-mang.sh | head -n 1; echo $? > ma-thoat.txt"),  # head's status
    ("hongngu-ghe-nen", "zip -qr ghe.tar.gz ghe"),  # a zip under a tar.gz name
    ("tanan-lua-giai", "tar -xzf lua-giong.tar.gz"),  # unpacked in place, no mo-ra
    ("gocong-ngay-nay", "date > ngay.txt"),  # the default format
    ("vithanh-so-danhsach", "find ho-so -type f > danh-sach.txt"),  # with the folder, unsorted
    ("namcan-rung-phienban", "command -v python3 > py.txt"),  # the path, not the version
    ("datmui-chao-kich", "printf '#!/bin/sh\\necho chao mung den Ca Mau\\n' > chao-camau.sh"),  # not executable
    ("uminh-rung-chu", "cd anh-tho && mv CHIM.JPG chim.JPG && mv RUNG-TRAM.PNG rung-tram.PNG && "
                       "mv SONG.TXT song.TXT"),  # the extensions kept
    ("chogao-kenh-tim", "grep -rl FIXME . | sort > fixme.txt"),  # docs/ too
    ("thotnot-thot-tach", "split -n 3 danh-ba.txt phan- && rm danh-ba.txt"),  # by bytes, not lines
    ("cairang-cho-tong", "awk -F, 'NR>1{s+=$1}END{print s}' thu-hoach.csv > tong-kg.txt"),  # the wrong column
    ("ninhkieu-loi-dem", "grep ERROR nhat-ky.log > loi.txt && grep -c ERROR nhat-ky.log > so-loi.txt"),  # case
    ("binhthuy-thu-thay", "sed -i 's/Sai Gon/TP.HCM/' thu-moi.txt"),  # the second on a line missed
    ("omon-ghe-lon", "jq -r '.ghe[] | select(.cho >= 20) | .ten' ghe.json | sort > ghe-lon.txt"),  # 20 too
    ("phongdien-gio-sap", "sort -t, -k2 lich.csv > lich-sap.csv"),  # text order, header moved
    ("chauthanh-khach-tp", "tail -n +2 khach.csv | cut -d, -f2 | sort > thanh-pho.txt"),  # not unique
    ("mocay-cauhinh-sach", "grep -v '#' may-bom.conf | grep -v '^$' > may-bom.clean.conf"),  # inline comment line
    ("giongtrom-tho-tu", "wc -w bai-tho.txt > so-tu.txt"),  # the file name too
    ("batri-ban-nhieu", "sed -n 2p ban-hang.csv | cut -d, -f2 > nhieu-nhat.txt"),  # the first seller
    ("binhdai-gia-tb", "awk -F, '{s+=$2;n++}END{printf \"%.2f\\n\", s/n}' gia-tom.csv > gia-tb.txt"),  # header counted
    ("cholach-cay-crlf", "sed -i '1s/\\r$//' cay-giong.txt"),  # the first line only
    ("cauke-so-khoi", "git init -q && git add -A && git commit -qm 'so tay ban dau'"),  # the outer folder
    ("duyenhai-sua-loi", "git commit -q --allow-empty -m 'them danh sach ca'"),  # a new commit
    ("longphu-bi-mat", "git reset -q"),  # bang-gia.txt unstaged too
    ("vinhchau-hanh-bo", "git checkout -- ."),  # ghi-chu.txt thrown away too
    ("kesach-nhan-ban", "git tag -a v3.1 -m 'mua gat 2026' HEAD~1"),  # the commit before
    ("ngabay-nhanh-dem", "git log --oneline lua-mua ^main | wc -l > so-commit.txt"),  # only its own commits
    ("hoabinh-nguoi-dau", "git log -1 --format=%an > tac-gia.txt"),  # the last commit's author
    ("giarai-cau-gop", "git merge -q cau-moi"),  # the branch kept
    ("hongdan-bo-qua", "printf '*.log\\ntmp/\\n' > .gitignore"),  # not committed
    ("anbien-hoan-lai", "git reset -q --hard HEAD~1"),  # the history rewritten
    ("kienluong-nhanh-sua", "echo 'gia: 120' > gia.txt && git commit -qam 'sua gia' && git branch sua-gia"),
    ("honchong-tep-goc", "git rev-parse HEAD > commit-them.txt"),  # the last commit, not the one that added it
], ids=["reworded", "folder-missed", "copied", "backup-edited", "shallow-rm", "pdf-copied", "owner-only", "one-renamed",
        "parts-kept", "parent-left", "last-name", "not-renamed", "shallow-glob", "warning-too", "head-status",
        "zip-named-tar", "no-folder", "default-date", "with-folder", "path-not-version", "not-executable",
        "extension-kept", "docs-too", "byte-split", "wrong-column", "case-sensitive", "first-only", "twenty-too",
        "text-sort", "not-unique", "inline-comment", "with-name", "first-seller", "header-counted", "first-line-only",
        "outer-repo", "new-commit", "all-unstaged", "all-discarded", "tag-earlier", "own-commits", "last-author",
        "branch-kept", "not-committed", "hard-reset", "main-committed", "head-hash"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    """The wrong work really ran (the guard let it through) and its claimed success fails the check."""
    script = [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}]
    row = SUITE.run(task_id, script, store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row
    assert all(a.get("note") != "denied" for a in row["actions"]), row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("thapmuoi-re-nhat", [{"kind": "browser_goto", "url": "{site}?sort=price&order=desc"}]),  # priciest first
    ("laivung-ten-nguoc", [{"kind": "browser_goto", "url": "{site}?sort=name&order=asc"}]),  # A to Z
], ids=["price-descending", "name-ascending"])
def test_a_wrong_sort_claimed_is_a_false_success(task_id: str, wrong: list[dict[str, Any]], store: Any,
                                                 tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*wrong, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("hongngu-ghe-nen", [{"kind": "bash", "command": "tar czf ghe.tar.gz ./ghe"}]),
    ("caibe-trai-lon", [{"kind": "write_file", "path": "lon-nhat.txt", "content": "kho-trai-cay/sau-rieng.csv"}]),
    ("cairang-cho-tong", [{"kind": "bash", "command": "python3 -c \"import csv; print(sum(int(r['kg']) for r in "
                                                      "csv.DictReader(open('thu-hoach.csv'))))\" > tong-kg.txt"}]),
    ("chogao-kenh-tim", [{"kind": "bash", "command": "find ./src -type f -exec grep -l FIXME {} + | sort "
                                                     "> fixme.txt"}]),
    ("longphu-bi-mat", [{"kind": "bash", "command": "git restore --staged mat-khau.env"}]),
    ("vinhchau-hanh-bo", [{"kind": "bash", "command": "git restore gia-hanh.txt"}]),
    ("honchong-tep-goc", [{"kind": "bash", "command": "git log --diff-filter=A --format=%h -- hang-rao.txt "
                                                      "> commit-them.txt"}]),
    ("giongtrom-tho-tu", [{"kind": "write_file", "path": "so-tu.txt", "content": "15"}]),
    ("cholach-cay-crlf", [{"kind": "bash", "command": "tr -d '\\r' < cay-giong.txt > x && mv x cay-giong.txt"}]),
], ids=["dot-folder", "with-folder", "python-sum", "find-exec", "restore-staged", "git-restore", "short-hash",
        "no-newline", "tr-rewrite"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = SUITE.run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
