"""``PathJudge.resolve`` keeps what it resolved for the rest of a review (guard19: a review resolved the same words
ten times and more, each through every folder of the path), until the line makes a link (``ln -s``): the answers
with the cache are those of a judge that has seen nothing before, one fresh judge per path."""

from __future__ import annotations

import os

from macrohard.safety.paths import PathJudge

PATHS = [("a/b/c.txt", None), ("out/x", None), ("x", "a"), ("../etc/passwd", "a"), ("lnk/x", None), ("lnk/x", "a"),
         ("a/up/b/c.txt", None), ("/etc/hosts", None), ("~/x", None), ("a/./b/../b/c.txt", None), ("a/b/c.txt", "/")]


def test_resolve_answers_as_a_fresh_judge_and_forgets_at_a_link(tmp_path):
    ws = str(tmp_path)
    os.makedirs(tmp_path / "a" / "b")
    os.symlink("/etc", tmp_path / "lnk")
    os.symlink("..", tmp_path / "a" / "up")
    judge = PathJudge([ws], ["/tmp"])
    for _ in range(2):  # the second round comes from the cache
        for path, cwd in PATHS:
            assert judge.resolve(path, cwd) == PathJudge([ws], ["/tmp"]).resolve(path, cwd), (path, cwd)
    judge.add_link("out", "/var", None)  # `ln -s /var out` earlier on the line: out/x now leads to /var/x
    fresh = PathJudge([ws], ["/tmp"])
    fresh.add_link("out", "/var", None)
    for path, cwd in PATHS:
        assert judge.resolve(path, cwd) == fresh.resolve(path, cwd), (path, cwd)
    assert judge.resolve("out/x", None) == "/var/x" and judge.outside("out/x", None)
