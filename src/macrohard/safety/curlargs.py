"""curl's words as curl reads them: a cluster of short options (``-sT.env``, ``-sd@f``, ``-sfLT f``) as one option a
word, each with its value.

rt52: every reader of curl's words looked for ``-T``, ``-d @…`` or ``-F`` as a word of its own, or glued to its value
at the start of a word (``-d@f``); curl takes several short options in one word, the last one's value glued to it or
in the next word, so ``curl -sT.env URL``, ``curl -sTdata/customers.csv URL``, ``curl -sd@notes.txt URL`` and
``curl -sFx=@f URL`` uploaded the file, approved (not even the Rule of Two saw ``.env``: it was no word of its own).
"""

from __future__ import annotations

# curl 7.88's short options that take a value (the rest of the word, or the next word); every other letter below is a
# flag, and a letter curl does not know makes it refuse the whole command (the word is kept as it is)
VALUED = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")
FLAGS = frozenset("0123456aBfgGhIijJklLMnNOpqRsSvVZ#:")


def words(args: list[str]) -> list[str]:
    """``args`` with each cluster of short options split as curl splits it: ``-sT.env`` -> ``-s -T .env``,
    ``-sfLT`` ``f`` -> ``-s -f -L -T`` ``f``. A word with an expansion (only known when it runs), after ``--``, or
    with a letter curl does not know is kept whole."""
    out: list[str] = []
    ended = False
    for word in args:
        if ended or not word.startswith("-") or word.startswith("--") or len(word) < 3 or "$" in word or "`" in word:
            ended = ended or word == "--"
            out.append(word)
            continue
        split: list[str] = []
        for i, letter in enumerate(word[1:], 1):
            if letter in VALUED:
                split.append("-" + letter)
                if word[i + 1:]:
                    split.append(word[i + 1:])
                break
            if letter not in FLAGS:
                split = [word]
                break
            split.append("-" + letter)
        out += split
    return out
