"""The lead's second read of rt63's `git add` rule (sixtieth wave): the whole tree given to git in a form the line does
not spell — ``~+``, ``"$(pwd)"``, a pathspec's magic ``:(top)``, a glob that is no ``*`` (``?``, ``[a-z]``),
``--pathspec-from-file`` — or through an alias (``-c alias.s='add -A'``, ``git config alias.s 'add -A'`` then
``git s``) put the key file ``k`` (not ignored) into the repository for the person's next push, network off. Each of
the eight was allowed on a5165ecd (rt63 merged); each is refused now, and the twins (an alias of ``status`` or
``log``, a named file, ``-A`` of a folder without the key, ``commit -a``) still run."""

from __future__ import annotations

import pytest

from macrohard.types import Decision

from .test_confinement61 import K, _run

GIT = "git init -q . && git -c user.name=a -c user.email=a@b commit -q --allow-empty -m c"
CM = "git -c user.name=a -c user.email=a@b commit -qm"
THROUGH_ON_A5165ECD = {
    "tilde-plus": [GIT, f"git add ~+ && {CM} all"],
    "command-substitution-pwd": [GIT, f'git add "$(pwd)" && {CM} all'],
    "alias-on-the-line": [GIT, f"git -c alias.s='add -A' s && {CM} all"],
    "alias-then-used": [GIT, "git config alias.s 'add -A'", f"git s && {CM} all"],
    "pathspec-from-file": [GIT, "printf 'k\\n' > list.txt", f"git add --pathspec-from-file=list.txt && {CM} all"],
    "pathspec-magic-top": [GIT, f"git add -- ':(top)' && {CM} all"],
    "bracket-glob": [GIT, f"git add '[a-z]' && {CM} all"],
    "question-glob": [GIT, f"git add ? && {CM} all"],
}
TWINS = {
    "alias-of-status": [GIT, "git config alias.st status", "git st"],
    "alias-of-log-on-the-line": [GIT, "git -c alias.l='log --oneline' l"],
    "a-named-file": [GIT, "echo x > a.txt", f"git add a.txt && {CM} a"],
    "all-of-a-folder-without-the-key": [GIT, "mkdir src && echo x > src/a.py", f"git add -A src && {CM} a"],
    "commit-all-tracked": [GIT, f"{CM} x -a --allow-empty"],
}


@pytest.mark.parametrize("name", sorted(THROUGH_ON_A5165ECD))
def test_the_whole_tree_given_to_git_unspelt_is_refused(name, tmp_path):
    decision, why = _run(THROUGH_ON_A5165ECD[name], K, tmp_path, "none")
    assert decision in (Decision.ask, Decision.deny) and "git adds k" in why, (decision, why)


@pytest.mark.parametrize("name", sorted(TWINS))
def test_twins_run(name, tmp_path):
    decision, why = _run(TWINS[name], K, tmp_path, "none")
    assert decision is Decision.allow, why
