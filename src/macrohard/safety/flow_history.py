"""rt62: a key recorded in the repository's history, which the person's next push publishes.

With the sandbox's network off nothing of a run is sent by the run, and the guard's push checks (``carried_git``)
judge what a repository carries when the run pushes. But the person pushes after the run: on b7fd0bfd, after the
model had read ``k`` (a credential file), ``git commit -m 'build KEY'``, ``git commit -m "$(cat k)"``, ``git tag
"v-$(cat k)"``, ``git checkout -b b-KEY`` and ``git add k && git commit`` were approved with the network off, and the
key left with the person's next ``git push`` (a public repository, a pull request).

So a git command that records (a commit, a tag, a note, a ref's or branch's name, the index) is judged by what it
records: a piece of a key the run showed the model (``flow._written_key``'s rule) or the text of a credential file
of the folder (``flows.credential_file``) named in that git command. A commit of other files, a message without the
key and ``.gitignore`` naming the key file are unchanged.
"""

from __future__ import annotations

from macrohard.safety import lazyre

_SPLIT = lazyre.compile(r"&&|\|\||[;\n|&]")
# git [global options] SUBCOMMAND that records what it is given in the repository
_RECORDS = lazyre.compile(r"(?:^|[\s(`])git(?:\s+(?:-[cC]\s+\S+|--?[\w-]+(?:=\S+)?))*\s+(commit|tag|notes|add|stash|"
                          r"hash-object|update-ref|branch|checkout\s+(?:.*\s)?-[bB]|switch\s+(?:.*\s)?-[cC])\b")


def recording(command: str) -> list[str]:
    """The parts of a shell line (split at ``;``, ``&&``, pipes) that run a git command recording what it is given."""
    if "git" not in command:
        return []
    return [part for part in _SPLIT.split(command) if _RECORDS.search(part)]


def recorded_file(command: str, base: str) -> str:
    """A credential file of the folder whose text a recording git command of ``command`` takes in: read by a command
    substitution in it (``git commit -m "$(cat k)"``, ``git tag "v-$(cat k)"``), a message file (``-F k``), or a path
    ``add``/``commit``/``stash``/``hash-object`` record (``git add k``) — not a word given as a message or a ref's
    name (``git tag -a v2 -m .env``, ``git branch k``); or ""."""
    parts = recording(command)
    if not parts:
        return ""
    from macrohard.safety.flows import credential_named

    for part in parts:
        read = " ".join(" ".join(g) for g in _SUBSTITUTION.findall(part)) + " " + " ".join(_MESSAGE_FILE.findall(part))
        if _FILES.search(part):
            read += " " + _MESSAGE.sub(" ", part)
        if named := credential_named(read, base, skip=lambda word: word == "git"):
            return named
    return ""


_SUBSTITUTION = lazyre.compile(r"\$\(([^)]*)\)?|`([^`]*)`?|<\s*(\S+)")  # (a part may end inside one: split at `|`)
_MESSAGE_FILE = lazyre.compile(r"(?:\s-F|--file)[=\s]+(\S+)")
_MESSAGE = lazyre.compile(r"(?:\s-m|--message|\s-a|\s-[bBcC])[=\s]+(?:'[^']*'|\"[^\"$`]*\"|[^\s\"'$`]+)")
# what records the files it names (a path), not only the values it is given
_FILES = lazyre.compile(r"\bgit\b.*\s(?:add|commit|stash|hash-object)\b")
