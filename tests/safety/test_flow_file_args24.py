"""Which words of a text reader's command line flow control reads as files it prints (``flow_paths.file_words``):
an option's value or tar's old-style option letters are no file (judge24: the harness's evidence command's
``tar tf "$p"`` and ``head -c 240 "$p"`` were read as printing files named ``tf`` and ``240``, so every evidence with
a path in it was fenced as untrusted); the files themselves still are, untrusted or private as before."""

from __future__ import annotations

import pytest

from macrohard.models import local_evidence
from macrohard.safety.context import GuardContext
from macrohard.safety.flow_paths import file_words
from macrohard.safety.guard import Guard
from macrohard.types import BashAction, Decision, Observation, WriteFileAction

GUARD = Guard()


def _source(command: str, workspace, *, wrote: tuple[str, ...] = ()) -> tuple[Decision, str | None]:
    """The guard's decision on ``command`` and, once it ran, the untrusted source its output is marked with."""
    ctx = GuardContext(workspace=str(workspace), network="none")
    for path in wrote:
        action = WriteFileAction(path=path, content="mine\n")
        assert GUARD.review(action, ctx).allowed
        ctx.flow.committed(action)
        GUARD.screen(Observation(output="ok"), ctx)
    action = BashAction(command=command)
    verdict = GUARD.review(action, ctx)
    ctx.flow.committed(action)
    obs = GUARD.screen(Observation(output="x"), ctx)
    return verdict.decision, (obs.meta.get("flow") or {}).get("source") if obs.untrusted else None


@pytest.mark.parametrize(("command", "printed"), [
    ('tar tf notes.tar', "notes.tar"),            # was `tf`
    ('tar xzf notes.tgz', "notes.tgz"),           # was `xzf`
    ('tar -tf notes.tar', "notes.tar"),
    ('tar -C out -xf notes.tar', "notes.tar"),    # was `out`
    ('head -c 240 notes.txt', "notes.txt"),       # was `240`
    ('head -n 5 notes.txt', "notes.txt"),         # was `5`
    ('tail -n +3 notes.txt', "notes.txt"),        # was `+3`
    ('cut -d , -f 2 data.csv', "data.csv"),       # was `,`
    ('sort -k 2 -t , data.csv', "data.csv"),      # was `2`
    ('zip -P pw out.zip notes.txt', "out.zip"),   # was `pw`
    ('tar -- tf', "tf"),                          # after `--` a word is a file, whatever it looks like
])
def test_an_option_value_is_not_a_printed_file_but_the_file_still_is(command, printed, workspace):
    decision, source = _source(command, workspace)
    assert decision is Decision.allow
    assert source == f"command output printing {printed} (not written by the agent in this run)"


@pytest.mark.parametrize("command", ['tar tf notes.tar', 'head -c 240 notes.tar', 'tail -n 2 notes.tar',
                                     'sort -k 1 notes.tar'])
def test_the_agents_own_file_read_with_options_is_trusted(command, workspace):
    assert _source(command, workspace, wrote=("notes.tar",)) == (Decision.allow, None)


@pytest.mark.parametrize("command", ['head -c 240 ~/.aws/credentials', 'tar cf out.tar ~/.ssh/id_rsa',
                                     'tar -C /tmp -cf out.tar ~/.ssh/id_rsa', 'tail -n 5 ~/.netrc'])
def test_a_private_file_read_with_options_is_still_refused(command, workspace):
    assert _source(command, workspace)[0] is Decision.deny


def test_the_harness_evidence_of_the_agents_own_file_is_not_fenced(workspace):
    """The evidence command as the loop asks for it: no word of it is read as a file it prints (its files are
    named through the loop's ``$p``, which flow control does not follow: see RESULTS.md, judge24)."""
    command = local_evidence.evidence_command("Create a file named hello.txt containing the text: hello world", [])
    assert 'tar tf "$p"' in command and "head -c 240" in command
    assert _source(command, workspace, wrote=("hello.txt",)) == (Decision.allow, None)


@pytest.mark.parametrize(("argv", "words"), [
    (["tar", "tf", "a.tar"], ["a.tar"]),
    (["tar", "cvf", "a.tar", "src"], ["a.tar", "src"]),
    (["/bin/tar", "--directory", "out", "-x", "-f", "a.tar"], ["-x", "-f", "a.tar"]),
    (["head", "-c", "240", "a", "b"], ["a", "b"]),
    (["head", "--", "-n", "x"], ["-n", "x"]),
    (["grep", "-n", "foo", "a"], ["-n", "foo", "a"]),  # grep's -n takes no value; its pattern stays read (open)
])
def test_file_words(argv, words):
    assert file_words(argv) == words


@pytest.mark.parametrize("command", ['unzip -l a.zip', '7z l a.7z', 'git log --oneline -3', 'git status --short'])
def test_archive_and_git_listings_name_no_file_from_their_option_letters(command, workspace):
    """unzip, 7z and git are no text readers to flow control: none of their words (``l``, ``-l``, ``--oneline``) is
    read as a printed file. (Nor are the members they print: ``unzip -p``, ``7z x -so``, ``git show REV:path`` are
    not marked untrusted; open, RESULTS.md judge24.)"""
    assert _source(command, workspace) == (Decision.allow, None)
