"""`git commit` works in a fresh repository inside the sandbox: the shell's HOME has no git config, so git falls back
to the EMAIL the environment sets; an identity the repository or the task sets still wins."""

from __future__ import annotations

from .conftest import run


def test_a_commit_in_a_fresh_repository_gets_the_fallback_identity(make_sandbox) -> None:
    env = make_sandbox()
    out = run(env, "git init -q r && cd r && echo a > a && git add a && git commit -qm first && git log --format=%ae")
    assert out.exit_code == 0 and out.output.strip() == "agent@macrohard.invalid", out.output


def test_an_identity_the_repository_sets_wins_over_the_fallback(make_sandbox) -> None:
    env = make_sandbox()
    out = run(env, "git init -q r && cd r && git config user.name Ada && git config user.email ada@example.org"
                   " && git commit -q --allow-empty -m first && git log --format='%an %ae'")
    assert out.exit_code == 0 and out.output.strip() == "Ada ada@example.org", out.output
